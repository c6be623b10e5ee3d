//! `tocsin bench store`: builds a store of synthetic-but-realistic articles (sentences of a
//! real news corpus recombined, with dates spread over ten years), measures ingestion against
//! analysis alone, then the latency of the API's event queries and full-text search over HTTP.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use rayon::prelude::*;
use tocsin_model::{Article, Block, BlockKind, Source};
use tocsin_pipeline::store_item;
use tocsin_store::Store;

/// Arguments of `tocsin bench store`.
#[derive(clap::Args, Debug)]
pub struct BenchStoreArgs {
    /// JSONL news whose sentences make the articles (lines with "text").
    #[arg(required = true)]
    pub corpus: Vec<PathBuf>,
    /// How many articles to generate.
    #[arg(long, default_value_t = 100_000)]
    pub articles: usize,
    /// Where to build the store (a fresh directory).
    #[arg(long)]
    pub data: PathBuf,
    /// Requests per query kind.
    #[arg(long, default_value_t = 200)]
    pub requests: usize,
    /// Also write the generated articles as JSONL (to reproduce a run with `tocsin analyze`).
    #[arg(long)]
    pub dump: Option<PathBuf>,
}

/// Runs articles through analysis on the pool and hands each batch of 256 to a writer thread,
/// as `tocsin ingest` does (writes one batch behind); without a store the writer drops them.
/// Returns articles per second.
fn pipeline(
    analyzer: &tocsin_pipeline::Analyzer,
    articles: &[Article],
    store: Option<Arc<tocsin_store_sqlite::SqliteStore>>,
) -> anyhow::Result<f64> {
    let now = tocsin_ingest::now_rfc3339();
    let t = Instant::now();
    let (wtx, wrx) = std::sync::mpsc::sync_channel::<Vec<tocsin_store::Put>>(8);
    let writer = std::thread::Builder::new()
        .name("store-writer".into())
        .spawn(move || -> anyhow::Result<()> {
            while let Some(puts) = crate::ingest_cmd::next_group(&wrx) {
                if let Some(s) = &store {
                    s.put(&puts)?;
                }
            }
            Ok(())
        })?;
    for (c, chunk) in articles.chunks(256).enumerate() {
        let puts: Vec<_> = chunk
            .par_iter()
            .enumerate()
            .map(|(k, x)| {
                let i = c * 256 + k;
                let src = Source {
                    url: Some(format!("https://news.example/{i}")),
                    ..Source::default()
                };
                let id = tocsin_pipeline::raw_id(format!("{i}\u{0}{}", x.text).as_bytes());
                store_item(id, &src, &now, Ok(analyzer.analyze_article(x, &src)))
            })
            .collect();
        if wtx.send(puts).is_err() {
            break;
        }
    }
    drop(wtx);
    writer
        .join()
        .map_err(|_| anyhow::anyhow!("the writer stopped"))??;
    Ok(articles.len() as f64 / t.elapsed().as_secs_f64())
}

/// Makes the path of one request of a query kind.
type QueryMaker = Box<dyn Fn(&mut Rng) -> String>;

/// A small deterministic generator, so that runs are comparable.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn sentences(corpus: &[PathBuf]) -> anyhow::Result<Vec<String>> {
    let mut out = Vec::new();
    for p in corpus {
        let text = std::fs::read_to_string(p).with_context(|| p.display().to_string())?;
        for line in text.lines() {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
                continue;
            };
            let Some(t) = v.get("text").and_then(|t| t.as_str()) else {
                continue;
            };
            let toks = tocsin_nlp::tokenize::tokenize(t);
            for s in tocsin_nlp::tokenize::sentences(t, &toks) {
                let s = s.text(t).trim();
                if s.len() > 40 && s.len() < 400 {
                    out.push(s.to_string());
                }
            }
        }
    }
    anyhow::ensure!(out.len() > 100, "too few sentences in the corpus");
    Ok(out)
}

fn synthetic(sents: &[String], rng: &mut Rng, i: usize) -> Article {
    let n = 6 + rng.below(14);
    let blocks: Vec<Block> = (0..n)
        .map(|_| Block::new(BlockKind::Paragraph, sents[rng.below(sents.len())].clone()))
        .collect();
    let mut a = Article {
        title: Some(format!(
            "{} ({i})",
            sents[rng.below(sents.len())]
                .chars()
                .take(80)
                .collect::<String>()
        )),
        published: Some(format!(
            "{}-{:02}-{:02}",
            2015 + rng.below(10),
            1 + rng.below(12),
            1 + rng.below(28)
        )),
        language: Some("en".into()),
        ..Article::default()
    };
    a.set_blocks(blocks);
    a
}

fn percentile(v: &mut [f64], p: f64) -> f64 {
    v.sort_by(f64::total_cmp);
    v[((v.len() as f64 - 1.0) * p).round() as usize]
}

fn http_ms(port: u16, path: &str) -> anyhow::Result<f64> {
    let t = Instant::now();
    let mut s = TcpStream::connect(("127.0.0.1", port))?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )?;
    let mut buf = Vec::new();
    s.read_to_end(&mut buf)?;
    anyhow::ensure!(
        buf.starts_with(b"HTTP/1.1 200"),
        "{path}: {}",
        String::from_utf8_lossy(&buf[..buf.len().min(200)])
    );
    Ok(t.elapsed().as_secs_f64() * 1e3)
}

/// Runs `tocsin bench store`.
pub fn run(a: BenchStoreArgs) -> anyhow::Result<ExitCode> {
    anyhow::ensure!(
        !a.data.join("tocsin.db").exists(),
        "{} already holds a store; give a fresh directory",
        a.data.display()
    );
    let sents = sentences(&a.corpus)?;
    let models = crate::analyze_cmd::Models::load(None, None)?;
    let analyzer = models.analyzer();
    let store = Arc::new(crate::ingest_cmd::open_store(&a.data)?);
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let articles: Vec<Article> = (0..a.articles)
        .map(|i| synthetic(&sents, &mut rng, i))
        .collect();
    if let Some(p) = &a.dump {
        let mut f = std::io::BufWriter::new(std::fs::File::create(p)?);
        for (i, x) in articles.iter().enumerate() {
            let line = serde_json::json!({"id": i.to_string(), "title": x.title, "text": x.text, "published": x.published});
            writeln!(f, "{line}")?;
        }
        f.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let mb = articles.iter().map(|x| x.text.len()).sum::<usize>() as f64 / 1e6;
    println!(
        "{} synthetic articles ({:.0} MB) from {} sentences",
        articles.len(),
        mb,
        sents.len()
    );

    // The same pipeline twice: once writing nothing (analysis alone, on up to 20,000
    // articles), once writing to the store, so that the ratio is the cost of storing.
    // Analysis alone runs before and after the ingestion and the two are averaged: on a
    // shared machine the speed of the cores drifts by a tenth within minutes.
    let sample = &articles[..articles.len().min(20_000)];
    let before = pipeline(&analyzer, sample, None)?;
    let ingest_rate = pipeline(&analyzer, &articles, Some(store.clone()))?;
    let after = pipeline(&analyzer, sample, None)?;
    let analyze_rate = (before + after) / 2.0;
    println!("analysis alone: {before:.0} articles/s before the ingestion, {after:.0} after");
    let (docs, _) = store.counts()?;
    let (_, events) = store.events(&tocsin_store::EventFilter::default())?;
    println!(
        "ingest into SQLite: {ingest_rate:.0} articles/s; analysis alone: {analyze_rate:.0} articles/s ({} cores) → {:.0}%",
        rayon::current_num_threads(),
        100.0 * ingest_rate / analyze_rate
    );
    println!(
        "store: {docs} documents, {events} events, {:.0} MB on disk",
        std::fs::metadata(a.data.join("tocsin.db"))?.len() as f64 / 1e6
    );

    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    let port = listener.local_addr()?.port();
    let shared: Arc<dyn Store> = store.clone();
    std::thread::spawn(move || {
        if let Ok(rt) = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
        {
            let _ = rt.block_on(tocsin_server::serve_std(listener, shared));
        }
    });
    std::thread::sleep(Duration::from_millis(200));
    let countries = ["US", "PK", "IQ", "NG", "AF", "SY", "FR", "GB", "IN", "MX"];
    let words = [
        "police",
        "shooting",
        "killed",
        "court",
        "suspect",
        "victim",
        "hospital",
        "investigation",
    ];
    let kinds: Vec<(&str, QueryMaker)> = vec![
        (
            "events: type + date range",
            Box::new(|r: &mut Rng| {
                let y = 2015 + r.below(10);
                format!("/api/events?type=attack.&from={y}-01-01&to={y}-06-30&limit=100")
            }),
        ),
        (
            "events: country + min_killed",
            Box::new(move |r: &mut Rng| {
                format!(
                    "/api/events?country={}&min_killed=1&limit=100",
                    countries[r.below(countries.len())]
                )
            }),
        ),
        (
            "events: actor",
            Box::new(|r: &mut Rng| {
                format!(
                    "/api/events?actor={}&limit=100",
                    ["police", "gunman", "suspect", "islamic"][r.below(4)]
                )
            }),
        ),
        (
            "events: bbox + year",
            Box::new(|r: &mut Rng| {
                let x = -120.0 + r.below(200) as f64;
                format!(
                    "/api/events?bbox={x},20,{},50&from={}&limit=100",
                    x + 20.0,
                    2015 + r.below(10)
                )
            }),
        ),
        (
            "events: words",
            Box::new(move |r: &mut Rng| {
                format!("/api/events?q={}&limit=100", words[r.below(words.len())])
            }),
        ),
        (
            "search",
            Box::new(move |r: &mut Rng| {
                format!(
                    "/api/search?q={}+{}&limit=20",
                    words[r.below(words.len())],
                    words[r.below(words.len())]
                )
            }),
        ),
        (
            "counts per month, attacks in a country",
            Box::new(move |r: &mut Rng| {
                format!(
                    "/api/counts?type=attack.&country={}&bucket=month",
                    countries[r.below(countries.len())]
                )
            }),
        ),
    ];
    for (name, make) in &kinds {
        let mut ms = Vec::with_capacity(a.requests);
        for _ in 0..a.requests {
            ms.push(http_ms(port, &make(&mut rng))?);
        }
        let p50 = percentile(&mut ms, 0.5);
        let p99 = percentile(&mut ms, 0.99);
        println!(
            "{name:40} p50 {p50:7.2} ms   p99 {p99:7.2} ms   ({} requests)",
            a.requests
        );
    }
    Ok(ExitCode::SUCCESS)
}
