//! Development driver: extracts every `*.html`/`*.html.gz` page in a directory and prints
//! one JSON line per page (the shape the evaluation harness reads). The real interface is
//! `tocsin extract --jsonl`; this exists to iterate on extraction without the CLI.
use std::io::{Read, Write};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args().nth(1).ok_or("usage: extract_dir DIR")?;
    let mut paths: Vec<_> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    paths.sort();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for path in paths {
        let mut bytes = Vec::new();
        let file = std::fs::File::open(&path)?;
        if path.extension().is_some_and(|e| e == "gz") {
            flate2::read::MultiGzDecoder::new(file).read_to_end(&mut bytes)?;
        } else {
            std::io::BufReader::new(file).read_to_end(&mut bytes)?;
        }
        let raw = tocsin_model::RawDoc {
            bytes,
            kind: tocsin_model::PayloadKind::Html,
            ..Default::default()
        };
        let line = match tocsin_extract::extract(&raw) {
            Ok(a) => serde_json::json!({"path": path.display().to_string(), "text": a.text,
                "title": a.title, "author": a.byline, "published": a.published}),
            Err(e) => {
                serde_json::json!({"path": path.display().to_string(), "error": e.to_string()})
            }
        };
        writeln!(out, "{line}")?;
    }
    Ok(())
}
