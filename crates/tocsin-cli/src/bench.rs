//! `tocsin bench`: throughput on a directory of pages, on one core and on all cores.
//!
//! Pages are read and decompressed before timing starts, so the figures are extraction
//! alone (decoding, parsing, content and metadata), the part tocsin controls.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use rayon::prelude::*;
use tocsin_model::{PayloadKind, RawDoc, Source};

/// Benchmarks.
#[derive(clap::Subcommand, Debug)]
pub enum BenchCommand {
    /// Extraction throughput (pages/s, MB/s) over every file under DIR (`.gz` is unpacked first).
    Extract {
        /// Directory of pages.
        dir: PathBuf,
        /// Timed passes over the pages (the best is reported).
        #[arg(long, default_value_t = 3)]
        passes: usize,
        /// Also parse-only timings (the HTML tree alone), for the ceiling.
        #[arg(long)]
        parse_only: bool,
    },
    /// Analysis throughput (articles/s) after extraction: sentences, entities, resolution,
    /// numbers, times, places, events and quotes, on one core and on all cores.
    Analyze {
        /// Inputs as `tocsin analyze` takes them (JSONL of articles, directories, WARC…).
        #[arg(required = true)]
        inputs: Vec<String>,
        /// Timed passes (the best is reported).
        #[arg(long, default_value_t = 3)]
        passes: usize,
    },
    /// Store and API: ingestion against analysis, and p50/p99 of event queries and search
    /// over a store of synthetic articles built from a news corpus's sentences.
    Store(crate::bench_store::BenchStoreArgs),
}

/// Runs a benchmark.
pub fn run(cmd: BenchCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        BenchCommand::Extract {
            dir,
            passes,
            parse_only,
        } => bench_extract(&dir, passes.max(1), parse_only),
        BenchCommand::Analyze { inputs, passes } => bench_analyze(&inputs, passes.max(1)),
        BenchCommand::Store(args) => crate::bench_store::run(args),
    }
}

fn bench_analyze(inputs: &[String], passes: usize) -> anyhow::Result<ExitCode> {
    let t = std::time::Instant::now();
    let models = crate::analyze_cmd::Models::load(None, None)?;
    let load_ms = t.elapsed().as_secs_f64() * 1e3;
    let analyzer = models.analyzer();
    let ingest = tocsin_ingest::Ingest::new(
        inputs
            .iter()
            .map(|a| tocsin_ingest::Input::parse(a))
            .collect(),
        tocsin_ingest::Limits::default(),
    );
    let articles: Vec<(tocsin_model::Article, Source)> = ingest
        .filter_map(Result::ok)
        .filter_map(|raw| Some((tocsin_extract::extract(&raw).ok()?, raw.source)))
        .collect();
    anyhow::ensure!(!articles.is_empty(), "no articles in the inputs");
    let mb = articles.iter().map(|(a, _)| a.text.len()).sum::<usize>() as f64 / 1e6;
    println!(
        "{} articles, {:.2} MB of clean text, models loaded in {:.0} ms",
        articles.len(),
        mb,
        load_ms
    );
    let mut best_one = f64::INFINITY;
    let mut events = 0usize;
    for _ in 0..passes {
        let t = std::time::Instant::now();
        events = 0;
        for (a, src) in &articles {
            events += analyzer.analyze_article(a, src).events.len();
        }
        best_one = best_one.min(t.elapsed().as_secs_f64());
    }
    let mut best_all = f64::INFINITY;
    for _ in 0..passes {
        let t = std::time::Instant::now();
        let n: usize = articles
            .par_iter()
            .map(|(a, src)| analyzer.analyze_article(a, src).events.len())
            .sum();
        std::hint::black_box(n);
        best_all = best_all.min(t.elapsed().as_secs_f64());
    }
    let n = articles.len() as f64;
    println!(
        "one core:  {:.0} articles/s, {:.2} MB/s ({} events)",
        n / best_one,
        mb / best_one,
        events
    );
    println!(
        "{} cores: {:.0} articles/s, {:.2} MB/s",
        rayon::current_num_threads(),
        n / best_all,
        mb / best_all
    );
    Ok(ExitCode::SUCCESS)
}

fn load_pages(dir: &Path) -> anyhow::Result<Vec<RawDoc>> {
    let mut docs = Vec::new();
    for path in crate::extract_cmd::page_files(dir)? {
        let mut bytes = Vec::new();
        let file =
            std::fs::File::open(&path).with_context(|| format!("opening {}", path.display()))?;
        if path.extension().is_some_and(|e| e == "gz") {
            flate2::read::MultiGzDecoder::new(file)
                .read_to_end(&mut bytes)
                .with_context(|| format!("gunzip {}", path.display()))?;
        } else {
            std::io::BufReader::new(file).read_to_end(&mut bytes)?;
        }
        let name = path.to_string_lossy();
        let kind = if name.contains(".htm") {
            PayloadKind::Html
        } else {
            PayloadKind::Unknown
        };
        docs.push(RawDoc {
            source: Source {
                path: Some(name.into_owned()),
                ..Source::default()
            },
            bytes,
            kind,
            ..RawDoc::default()
        });
    }
    Ok(docs)
}

fn bench_extract(dir: &Path, passes: usize, parse_only: bool) -> anyhow::Result<ExitCode> {
    let docs = load_pages(dir)?;
    anyhow::ensure!(!docs.is_empty(), "no pages under {}", dir.display());
    let mb = docs.iter().map(|d| d.bytes.len()).sum::<usize>() as f64 / 1e6;
    println!(
        "{} pages, {:.1} MB, {} cores",
        docs.len(),
        mb,
        rayon::current_num_threads()
    );
    let one = rayon::ThreadPoolBuilder::new().num_threads(1).build()?;
    let report = |label: &str, secs: f64| {
        println!(
            "{label:<28} {:>9.1} pages/s {:>8.1} MB/s {:>8.3} ms/page",
            docs.len() as f64 / secs,
            mb / secs,
            secs * 1000.0 / docs.len() as f64
        );
    };
    let extract_all = |parallel: bool| {
        let t = Instant::now();
        let chars: usize = if parallel {
            docs.par_iter().map(extract_len).sum()
        } else {
            docs.iter().map(extract_len).sum()
        };
        std::hint::black_box(chars);
        t.elapsed().as_secs_f64()
    };
    let best = |f: &dyn Fn() -> f64| (0..passes).map(|_| f()).fold(f64::INFINITY, f64::min);
    extract_all(false); // warm-up
    report(
        "extract, 1 core",
        one.install(|| best(&|| extract_all(false))),
    );
    report("extract, all cores", best(&|| extract_all(true)));
    if parse_only {
        let texts: Vec<String> = docs
            .iter()
            .filter_map(|d| tocsin_extract::decode::decode(&d.bytes, None).ok())
            .map(|d| d.text)
            .collect();
        let parse = || {
            let t = Instant::now();
            let nodes: usize = texts
                .iter()
                .map(|s| tocsin_extract::html::Dom::parse(s).nodes.len())
                .sum();
            std::hint::black_box(nodes);
            t.elapsed().as_secs_f64()
        };
        report("parse only, 1 core", best(&parse));
    }
    Ok(ExitCode::SUCCESS)
}

fn extract_len(doc: &RawDoc) -> usize {
    tocsin_extract::extract(doc)
        .map(|a| a.text.len())
        .unwrap_or(0)
}
