//! `tocsin ingest`: analyse documents and store them. Resumable and idempotent: a document is
//! keyed by the SHA-256 of its bytes, one already stored is skipped before any work, and each
//! batch is written in one transaction, so a run killed at any moment and started again loses
//! nothing and stores nothing twice.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};
use rayon::prelude::*;
use tocsin_ingest::Ingest;
use tocsin_pipeline::{failure_id, raw_id, store_item};
use tocsin_store::{Put, Store};
use tocsin_store_sqlite::SqliteStore;

use crate::analyze_cmd::Models;
use crate::extract_cmd::{read_batches, Batch};

/// Arguments of `tocsin ingest`.
#[derive(clap::Args, Debug)]
pub struct IngestArgs {
    /// The data directory (holds `tocsin.db`); created if missing.
    #[arg(long, env = "TOCSIN_DATA", default_value = "tocsin-data")]
    pub data: PathBuf,
    /// The compiled gazetteer (default: models/gazetteer.bin.gz).
    #[arg(long, env = "TOCSIN_GAZETTEER")]
    pub gazetteer: Option<PathBuf>,
    /// Largest document accepted, in bytes.
    #[arg(long, default_value_t = 32 << 20, env = "TOCSIN_MAX_DOC_BYTES")]
    pub max_doc_bytes: u64,
    /// Files, directories, WARC(.gz) files, JSONL files, http(s) URLs, or `-` for stdin.
    #[arg(required = true)]
    pub inputs: Vec<String>,
}

/// Opens (creating) the store in a data directory.
pub fn open_store(data: &Path) -> anyhow::Result<SqliteStore> {
    std::fs::create_dir_all(data)
        .with_context(|| format!("creating the data directory {}", data.display()))?;
    let path = data.join("tocsin.db");
    SqliteStore::open(&path).with_context(|| format!("opening the store {}", path.display()))
}

/// Most documents one transaction takes.
const GROUP_COMMIT: usize = 2048;
/// How long the writer gathers batches into one transaction. Each transaction rewrites every
/// page of the document indexes (content hash, URL) its documents land in, scattered over
/// the file: at 100,000 documents a batch of 256 touches about half of them, so gathering a
/// few batches into one costs little more than one of them.
const GATHER: std::time::Duration = std::time::Duration::from_secs(1);

/// The next batch to write, with those that arrive within [`GATHER`] after it (up to
/// [`GROUP_COMMIT`] documents in all); `None` when the senders are gone.
pub(crate) fn next_group(rx: &std::sync::mpsc::Receiver<Vec<Put>>) -> Option<Vec<Put>> {
    let mut puts = rx.recv().ok()?;
    let deadline = std::time::Instant::now() + GATHER;
    while puts.len() < GROUP_COMMIT {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        match rx.recv_timeout(left) {
            Ok(more) => puts.extend(more),
            Err(_) => break,
        }
    }
    Some(puts)
}

/// Failed documents named on stderr in one run; the rest are only counted (a crawl of
/// pages that are not articles fails by the thousand, and each failure is stored anyway).
const SHOWN_FAILURES: usize = 10;

/// "where: stage: why" of a document that failed.
fn failure_line(put: &Put) -> String {
    let d = &put.document;
    let place = d
        .path
        .as_deref()
        .or(d.url.as_deref())
        .or(d.source_id.as_deref())
        .unwrap_or(&d.id);
    format!(
        "{place}: {} failed: {}",
        d.stage.as_deref().unwrap_or("analysis"),
        d.error.as_deref().unwrap_or("no reason given")
    )
}

/// Totals of one run.
#[derive(Debug, Default, Clone, Copy)]
pub struct IngestTotals {
    /// Newly stored.
    pub stored: usize,
    /// Already in the store.
    pub skipped: usize,
    /// Stored as failed.
    pub failed: usize,
}

/// Analyses and stores every document of `ingest`.
pub fn ingest_into(
    store: &dyn Store,
    models: &Models,
    ingest: Ingest,
) -> anyhow::Result<IngestTotals> {
    let analyzer = models.analyzer();
    let bar = crate::progress::documents();
    let mut totals = IngestTotals::default();
    let (tx, rx) = std::sync::mpsc::sync_channel::<Batch>(1);
    let reader = std::thread::spawn(move || read_batches(ingest, &tx));
    // Writes run on their own thread, up to eight batches behind the analysis, so that the
    // cores keep analysing while SQLite commits.
    let (wtx, wrx) = std::sync::mpsc::sync_channel::<Vec<Put>>(8);
    std::thread::scope(|scope| -> anyhow::Result<()> {
        let writer = std::thread::Builder::new()
            .name("store-writer".into())
            .spawn_scoped(scope, move || -> anyhow::Result<(usize, usize)> {
                let (mut stored, mut skipped) = (0, 0);
                while let Some(puts) = next_group(&wrx) {
                    let out = store.put(&puts).context("writing to the store")?;
                    stored += out.inserted;
                    skipped += out.skipped;
                }
                Ok((stored, skipped))
            })?;
        for batch in rx {
            for chunk in batch.chunks(256) {
                let now = tocsin_ingest::now_rfc3339();
                // A document's key: its bytes, or for one that could not be read, where it
                // was and why. Stored keys are skipped before any work.
                let ids: Vec<String> = chunk
                    .par_iter()
                    .map(|item| match item {
                        Ok(raw) => raw_id(&raw.bytes),
                        Err(f) => failure_id(&f.source, &f.error.to_string()),
                    })
                    .collect();
                let known = store.known(&ids)?;
                let items: Vec<Option<Put>> = chunk
                    .par_iter()
                    .zip(ids)
                    .zip(known)
                    .map(|((item, id), known)| {
                        if known {
                            return None;
                        }
                        let (source, outcome) = match item {
                            Ok(raw) => (
                                &raw.source,
                                crate::analyze_cmd::analyze_typed(&analyzer, raw)
                                    .map_err(|(stage, e)| (stage.to_string(), e)),
                            ),
                            Err(f) => (&f.source, Err(("ingest".to_string(), f.error.to_string()))),
                        };
                        Some(store_item(id, source, &now, outcome))
                    })
                    .collect();
                totals.skipped += items.iter().filter(|i| i.is_none()).count();
                let puts: Vec<Put> = items.into_iter().flatten().collect();
                for failed in puts.iter().filter(|p| p.article.is_none()) {
                    if totals.failed < SHOWN_FAILURES {
                        bar.suspend(|| eprintln!("tocsin ingest: {}", failure_line(failed)));
                    }
                    totals.failed += 1;
                }
                bar.inc(chunk.len() as u64);
                if wtx.send(puts).is_err() {
                    break;
                }
            }
        }
        drop(wtx);
        let (stored, skipped) = writer
            .join()
            .map_err(|_| anyhow::anyhow!("the store writer stopped unexpectedly"))??;
        totals.stored += stored;
        totals.skipped += skipped;
        Ok(())
    })?;
    if reader.join().is_err() {
        bail!("the input reader stopped unexpectedly");
    }
    bar.finish_and_clear();
    if totals.failed > SHOWN_FAILURES {
        eprintln!(
            "tocsin ingest: {} more documents failed (stored with their stage and reason)",
            totals.failed - SHOWN_FAILURES
        );
    }
    Ok(totals)
}

/// Runs `tocsin ingest`.
pub fn run(args: IngestArgs) -> anyhow::Result<ExitCode> {
    let store = open_store(&args.data)?;
    let models = Models::load(args.gazetteer.as_deref(), None)?;
    let ingest = crate::extract_cmd::open_inputs(&args.inputs, args.max_doc_bytes);
    let t = std::time::Instant::now();
    let totals = ingest_into(&store, &models, ingest)?;
    let (docs, failed) = store.counts()?;
    eprintln!(
        "tocsin ingest: {} stored, {} already there, {} failed in this run ({:.1} s); the store holds {} documents ({} failed) in {}",
        totals.stored,
        totals.skipped,
        totals.failed,
        t.elapsed().as_secs_f64(),
        docs,
        failed,
        args.data.join("tocsin.db").display()
    );
    Ok(ExitCode::SUCCESS)
}
