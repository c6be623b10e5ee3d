//! peer-rs-trafilatura: batch wrapper around the `rs-trafilatura` crate.
//!
//! Usage: `peer-rs-trafilatura --jsonl DIR`
//!
//! Walks DIR recursively (sorted, deterministic order), extracts every page
//! named `*.html`, `*.htm`, `*.html.gz` or `*.htm.gz` (gzip is decompressed
//! with flate2) and prints one JSON object per page on stdout:
//!
//! `{"path": "<DIR joined with the page's relative path>", "text": ..., "title": ..., "author": ..., "published": ...}`
//!
//! Bytes are handed to `rs_trafilatura::extract_bytes_with_options`, the
//! crate's own bytes API (charset from `<meta>`, else UTF-8, lossy).
//! Options are the crate defaults (comments excluded, tables included), no URL.
//! U+0085, U+2028 and U+2029 are written as `\u` escapes so that readers
//! which split lines on Unicode line breaks (Python's `str.splitlines()`)
//! see exactly one JSON object per line.
//! A page that fails (error or panic) still gets a line, with `text: null`
//! and an `error` field, and a message on stderr; the exit status is 0 unless
//! DIR cannot be read.

use std::fs;
use std::io::{self, BufWriter, Read, Write};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use flate2::read::MultiGzDecoder;
use rs_trafilatura::{extract_bytes_with_options, Options};
use serde_json::{json, Value};

fn is_page(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [".html", ".htm", ".html.gz", ".htm.gz"]
        .iter()
        .any(|ext| lower.ends_with(ext))
}

fn collect_pages(dir: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<io::Result<_>>()?;
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect_pages(&path, out)?;
        } else if path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(is_page)
        {
            out.push(path);
        }
    }
    Ok(())
}

fn read_page(path: &Path) -> io::Result<Vec<u8>> {
    let raw = fs::read(path)?;
    let gz = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"));
    if gz {
        let mut data = Vec::with_capacity(raw.len() * 4);
        MultiGzDecoder::new(&raw[..]).read_to_end(&mut data)?;
        Ok(data)
    } else {
        Ok(raw)
    }
}

fn extract_page(path: &Path, options: &Options) -> Result<Value, String> {
    let bytes = read_page(path).map_err(|e| format!("read: {e}"))?;
    let result = panic::catch_unwind(AssertUnwindSafe(|| {
        extract_bytes_with_options(&bytes, options)
    }))
    .map_err(|p| {
        let msg = p
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into());
        format!("panic: {msg}")
    })?
    .map_err(|e| format!("extract: {e}"))?;
    let md = result.metadata;
    Ok(json!({
        "text": result.content_text,
        "title": md.title,
        "author": md.author,
        "published": md.date.map(|d| d.to_rfc3339()),
    }))
}

/// serde_json leaves U+0085, U+2028 and U+2029 raw inside strings (valid
/// JSON), but line-splitting readers such as Python's `str.splitlines()`
/// treat them as line breaks and would cut the JSON line in two. They can
/// only occur inside JSON strings here, so escaping them is always safe.
fn escape_line_breaks(line: &str) -> String {
    if !line.contains(['\u{85}', '\u{2028}', '\u{2029}']) {
        return line.to_owned();
    }
    let mut out = String::with_capacity(line.len() + 16);
    for c in line.chars() {
        match c {
            '\u{85}' => out.push_str("\\u0085"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            _ => out.push(c),
        }
    }
    out
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = match args.as_slice() {
        [flag, dir] if flag == "--jsonl" => PathBuf::from(dir),
        _ => {
            eprintln!("usage: peer-rs-trafilatura --jsonl DIR");
            return ExitCode::from(2);
        }
    };
    let mut pages = Vec::new();
    if let Err(e) = collect_pages(&dir, &mut pages) {
        eprintln!("peer-rs-trafilatura: cannot read {}: {e}", dir.display());
        return ExitCode::from(1);
    }
    // Keep panic messages from the library short: one line per failed page.
    panic::set_hook(Box::new(|_| {}));

    let options = Options::default();
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for path in &pages {
        let path_str = path.to_string_lossy().into_owned();
        let mut obj = match extract_page(path, &options) {
            Ok(v) => v,
            Err(err) => {
                eprintln!("peer-rs-trafilatura: {path_str}: {err}");
                json!({"text": Value::Null, "error": err})
            }
        };
        obj["path"] = Value::String(path_str);
        let line = escape_line_breaks(&obj.to_string());
        if out.write_all(line.as_bytes()).is_err() || out.write_all(b"\n").is_err() {
            return ExitCode::from(1);
        }
    }
    if out.flush().is_err() {
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}
