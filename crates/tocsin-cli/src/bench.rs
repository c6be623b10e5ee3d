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
}

/// Runs a benchmark.
pub fn run(cmd: BenchCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        BenchCommand::Extract {
            dir,
            passes,
            parse_only,
        } => bench_extract(&dir, passes.max(1), parse_only),
    }
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
