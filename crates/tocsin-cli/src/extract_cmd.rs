//! `tocsin extract`: raw pages in, clean articles out, in input order, in parallel.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};
use rayon::prelude::*;
use serde_json::Value;
use tocsin_ingest::{Ingest, Input, Limits};
use tocsin_model::RawDoc;

use crate::output;

/// Arguments of `tocsin extract`.
#[derive(clap::Args, Debug)]
pub struct ExtractArgs {
    /// Print the JSON object of a single FILE (on one line, so line-oriented tools read it).
    #[arg(long, conflicts_with_all = ["jsonl", "text"])]
    json: bool,
    /// Print one JSON line per document (the default).
    #[arg(long)]
    jsonl: bool,
    /// Print the clean text of each document, separated by form feeds.
    #[arg(long, conflicts_with = "jsonl")]
    text: bool,
    /// Largest document accepted, in bytes.
    #[arg(long, default_value_t = 32 << 20, env = "TOCSIN_MAX_DOC_BYTES")]
    max_doc_bytes: u64,
    /// Files, directories, WARC(.gz) files, JSONL files, http(s) URLs, or `-` for stdin.
    #[arg(required = true)]
    inputs: Vec<String>,
}

/// How documents are grouped for parallel extraction: enough to keep every core busy,
/// few enough that memory stays bounded whatever the input.
const BATCH_DOCS: usize = 256;
const BATCH_BYTES: usize = 32 << 20;

/// The outcome of one document.
pub enum Outcome {
    /// Extraction succeeded.
    Ok(Value),
    /// The document failed at some stage; the run goes on.
    Failed(Value),
}

/// Extracts one raw document into its output line, turning any failure (even a panic in
/// extraction, which would otherwise end the whole batch) into a per-document error.
pub fn extract_one(raw: &RawDoc) -> Outcome {
    let result = std::panic::catch_unwind(|| tocsin_extract::extract(raw));
    match result {
        Ok(Ok(article)) => Outcome::Ok(output::article(&article, &raw.source)),
        Ok(Err(error)) => {
            Outcome::Failed(output::failure(&raw.source, "extract", &error.to_string()))
        }
        Err(_) => Outcome::Failed(output::failure(
            &raw.source,
            "extract",
            "internal error: extraction panicked on this document",
        )),
    }
}

pub(crate) type Batch = Vec<Result<RawDoc, tocsin_ingest::DocFailure>>;

/// Groups documents into batches and sends them on; stops early when the receiver is gone.
pub(crate) fn read_batches(mut ingest: Ingest, tx: &std::sync::mpsc::SyncSender<Batch>) {
    loop {
        let mut batch = Vec::new();
        let mut bytes = 0;
        for item in ingest.by_ref() {
            bytes += item.as_ref().map(|d| d.bytes.len()).unwrap_or(0);
            batch.push(item);
            if batch.len() >= BATCH_DOCS || bytes >= BATCH_BYTES {
                break;
            }
        }
        if batch.is_empty() || tx.send(batch).is_err() {
            return;
        }
    }
}

/// Runs `tocsin extract`.
pub fn run(args: ExtractArgs) -> anyhow::Result<ExitCode> {
    if args.json && args.inputs.len() != 1 {
        bail!("--json takes exactly one FILE (use --jsonl for several)");
    }
    let ingest = open_inputs(&args.inputs, args.max_doc_bytes);
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let failed = process_ordered(
        ingest,
        |raw| match extract_one(raw) {
            Outcome::Ok(v) => Ok(v),
            Outcome::Failed(v) => Err(v),
        },
        |value| write_value(&mut out, value, &args),
    )?;
    out.flush().context("writing output")?;
    finish(failed)
}

/// The documents of command-line inputs, each at most `max_doc_bytes`.
pub fn open_inputs(inputs: &[String], max_doc_bytes: u64) -> Ingest {
    let limits = Limits {
        max_doc_bytes,
        ..Limits::default()
    };
    Ingest::new(inputs.iter().map(|a| Input::parse(a)).collect(), limits)
}

/// Runs `per_doc` over every document in parallel batches and hands the results to `emit` in
/// input order (a failure, from ingestion or from `per_doc`, is an `Err` line). Reading
/// (decompression, WARC framing) runs on its own thread, one batch ahead, so the pool never
/// waits for input; the channel bound keeps memory to two batches. Returns how many failed.
pub fn process_ordered(
    ingest: Ingest,
    per_doc: impl Fn(&RawDoc) -> Result<Value, Value> + Sync,
    mut emit: impl FnMut(&Value) -> anyhow::Result<()>,
) -> anyhow::Result<usize> {
    let bar = crate::progress::documents();
    let mut failed = 0usize;
    let (tx, rx) = std::sync::mpsc::sync_channel::<Batch>(1);
    let reader = std::thread::spawn(move || read_batches(ingest, &tx));
    for batch in rx {
        let results: Vec<Result<Value, Value>> = batch
            .par_iter()
            .map(|item| match item {
                Ok(raw) => per_doc(raw),
                Err(f) => Err(output::failure(&f.source, "ingest", &f.error.to_string())),
            })
            .collect();
        drop(batch);
        for r in results {
            let value = r.unwrap_or_else(|v| {
                failed += 1;
                v
            });
            emit(&value)?;
            bar.inc(1);
        }
    }
    if reader.join().is_err() {
        bail!("the input reader stopped unexpectedly");
    }
    bar.finish_and_clear();
    Ok(failed)
}

/// The exit status after a run: 1 when some documents failed.
pub fn finish(failed: usize) -> anyhow::Result<ExitCode> {
    if failed > 0 {
        eprintln!("tocsin: {failed} document(s) failed; see the lines with an \"error\" field");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

fn write_value(out: &mut impl Write, value: &Value, args: &ExtractArgs) -> anyhow::Result<()> {
    if args.text {
        match value.get("text").and_then(Value::as_str) {
            Some(text) => writeln!(out, "{text}\n\u{c}")?,
            None => writeln!(out, "{value}\n\u{c}")?,
        }
    } else {
        writeln!(out, "{}", json_line(value))?;
    }
    Ok(())
}

/// Serializes a value as one JSON line. U+2028, U+2029 and U+0085 are escaped: JSON allows
/// them raw, but many line readers (Python's `str.splitlines`, JavaScript) break lines there.
pub fn json_line(value: &Value) -> String {
    let s = value.to_string();
    if !s.contains(['\u{2028}', '\u{2029}', '\u{85}']) {
        return s;
    }
    s.replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
        .replace('\u{85}', "\\u0085")
}

/// Lists every page file under `dir` (for the benchmark), sorted.
pub fn page_files(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).with_context(|| format!("reading {}", d.display()))? {
            let path = entry?.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_separators_are_escaped() {
        let v = serde_json::json!({"text": "a\u{2028}b\u{85}c"});
        let line = json_line(&v);
        assert_eq!(line.lines().count(), 1);
        assert!(!line.contains('\u{2028}'));
        let back: Value = serde_json::from_str(&line).expect("valid JSON");
        assert_eq!(back, v);
    }
}
