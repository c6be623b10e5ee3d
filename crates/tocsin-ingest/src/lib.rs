//! Sources → [`tocsin_model::RawDoc`]s: files, directories, gzip, WARC, JSON Lines, stdin and
//! HTTP(S) streams, read lazily and in input order with bounded memory.
//!
//! Everything goes through one iterator, [`Ingest`], so the pipeline sees a single ordered
//! stream whatever the inputs were. Nothing here judges content beyond its kind: a document
//! that later proves to be binary is still yielded, and extraction reports it. What ingestion
//! does guard is the machine: every document and container record is held in memory only up to
//! a [`Limits`] bound, decompression stops at that bound (gzip bombs end as one error), and a
//! broken input becomes a [`DocFailure`] while the batch goes on with the next input.
//!
//! Inputs and what they become:
//!
//! | input | documents |
//! |---|---|
//! | `*.html`, `*.htm`, `*.xhtml`, `*.xml` (`.gz` too) | one [`PayloadKind::Html`] document |
//! | `*.txt` (`.gz` too) | one [`PayloadKind::Text`] document |
//! | `*.warc`, `*.warc.gz` | one per HTML response record (others are counted and skipped) |
//! | `*.jsonl`, `*.ndjson` (`.gz` too) | one per non-blank line |
//! | any other file | WARC if it starts like one, else one document sniffed as HTML or text |
//! | a directory | its files, recursively, in sorted order (hidden entries skipped) |
//! | `-` (stdin) | sniffed: WARC, JSON Lines, or one document; gzip is undone first |
//! | `http(s)://…` | streamed: WARC or JSONL by suffix or `Content-Type`, else one page |
//!
//! ```
//! use std::io::Cursor;
//! use tocsin_ingest::{Format, Ingest, Limits};
//! use tocsin_model::PayloadKind;
//!
//! let jsonl = "{\"id\": \"a1\", \"html\": \"<p>Gunmen opened fire.</p>\"}\n\n{\"id\": \"a2\"}\n";
//! let mut docs = Ingest::from_reader("upload.jsonl", Cursor::new(jsonl), Format::Auto, Limits::default());
//!
//! let first = docs.next().expect("a line").expect("a document");
//! assert_eq!(first.kind, PayloadKind::Html);
//! assert_eq!(first.source.path.as_deref(), Some("upload.jsonl:1"));
//! assert_eq!(first.source.id.as_deref(), Some("a1"));
//!
//! // A bad line fails alone; the batch goes on.
//! let second = docs.next().expect("a line").expect_err("no payload");
//! assert_eq!(second.to_string(), "upload.jsonl:3: line 3: neither `html` nor `text` is given");
//! assert!(docs.next().is_none());
//! assert_eq!((docs.counters().docs, docs.counters().failures), (1, 1));
//! ```
//!
//! From command-line arguments:
//!
//! ```no_run
//! use tocsin_ingest::{Ingest, Input, Limits};
//!
//! let inputs = std::env::args().skip(1).map(|a| Input::parse(&a)).collect();
//! for item in Ingest::new(inputs, Limits::default()) {
//!     match item {
//!         Ok(doc) => println!("{:?} {} bytes", doc.source.path, doc.bytes.len()),
//!         Err(failure) => eprintln!("skipped: {failure}"),
//!     }
//! }
//! ```
//!
//! Cargo feature `http` (default) enables URL inputs through `ureq`; without it a URL input
//! yields a failure saying so.
#![warn(missing_docs)]
// `DocFailure` carries the document's whole `Source` so a failure can be reported against its
// input; it is moved once per failing document, so boxing it would buy nothing.
#![allow(clippy::result_large_err)]

mod bufio;
mod error;
pub mod feed;
#[cfg(feature = "http")]
mod fetch;
mod http_msg;
mod jsonl;
#[cfg(feature = "http")]
pub mod polite;
pub mod robots;
mod sniff;
mod time;
pub use crate::time::now_rfc3339;
mod walk;
mod warc;

use std::collections::VecDeque;
use std::fs::{self, File};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use tocsin_model::{PayloadKind, RawDoc, Source};

use crate::bufio::ByteSource;
pub use crate::error::{DocFailure, IngestError};

/// One input as named on a command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file or a directory.
    Path(PathBuf),
    /// Standard input.
    Stdin,
    /// An `http://` or `https://` URL.
    Url(String),
}

impl Input {
    /// Reads a command-line argument: `-` is stdin, `http(s)://…` a URL, anything else a path.
    pub fn parse(arg: &str) -> Input {
        let lower = arg.get(..8).unwrap_or(arg).to_ascii_lowercase();
        if arg == "-" {
            Input::Stdin
        } else if lower.starts_with("http://") || lower.starts_with("https://") {
            Input::Url(arg.to_string())
        } else {
            Input::Path(PathBuf::from(arg))
        }
    }
}

/// How to read a stream handed to [`Ingest::from_reader`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Sniff as for stdin: WARC, JSON Lines, else one document (HTML or text).
    #[default]
    Auto,
    /// A WARC file.
    Warc,
    /// JSON Lines documents.
    Jsonl,
    /// One HTML document.
    Html,
    /// One plain-text document.
    Text,
}

/// Bounds that keep one hostile or broken input from taking the machine down.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Largest document payload (after decompression) passed on; larger ones fail alone.
    pub max_doc_bytes: u64,
    /// Largest container record held in memory: a decompressed WARC record (HTTP headers and
    /// body as stored) or one JSONL line (HTML escaped as JSON). Larger ones are read through
    /// into nothing and reported, and the records after them still come out.
    pub max_record_bytes: u64,
    /// Time to establish an HTTP(S) connection.
    pub connect_timeout: Duration,
    /// Longest wait for each read from an HTTP(S) stream (not for the whole download, which
    /// for a CC-NEWS file may rightly take an hour).
    pub read_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_doc_bytes: 32 << 20,
            max_record_bytes: 64 << 20,
            connect_timeout: Duration::from_secs(10),
            read_timeout: Duration::from_secs(60),
        }
    }
}

/// What happened to WARC records, so a run over a crawl can account for every record.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct WarcCounters {
    /// Records read (every type).
    pub records: u64,
    /// Records that became documents.
    pub yielded: u64,
    /// Records that became failures (too large, undecodable, truncated).
    pub failed: u64,
    /// `warcinfo`, `request`, `metadata`, `revisit`, … records.
    pub skipped_record_type: u64,
    /// `response` records that do not hold HTTP (e.g. DNS lookups).
    pub skipped_not_http: u64,
    /// Responses or resources whose content type is not HTML.
    pub skipped_not_html: u64,
    /// Responses with a non-2xx status (redirects, error pages).
    pub skipped_http_status: u64,
}

impl WarcCounters {
    /// All skipped records, whatever the reason.
    pub fn skipped(&self) -> u64 {
        self.skipped_record_type
            + self.skipped_not_http
            + self.skipped_not_html
            + self.skipped_http_status
    }
}

/// What happened to JSONL lines.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct JsonlCounters {
    /// Non-blank lines read.
    pub lines: u64,
    /// Lines that became documents.
    pub yielded: u64,
    /// Lines that became failures.
    pub failed: u64,
    /// Blank lines passed over.
    pub blank: u64,
}

/// Running totals over everything ingested so far.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Counters {
    /// Inputs opened (each file found in a directory counts), including ones that failed.
    pub inputs: u64,
    /// Documents yielded.
    pub docs: u64,
    /// Failures yielded (per document, or for the rest of a broken input).
    pub failures: u64,
    /// WARC record accounting.
    pub warc: WarcCounters,
    /// JSONL line accounting.
    pub jsonl: JsonlCounters,
}

/// A lazily read stream of documents from one opened input.
pub(crate) trait DocStream: Send {
    fn next_doc(&mut self, counters: &mut Counters) -> Option<Result<RawDoc, DocFailure>>;
}

/// One document read whole (up to the limit).
struct SingleDoc {
    src: Option<Box<dyn ByteSource>>,
    doc: RawDoc,
    max_doc: u64,
}

impl DocStream for SingleDoc {
    fn next_doc(&mut self, _: &mut Counters) -> Option<Result<RawDoc, DocFailure>> {
        let src = self.src.take()?;
        let mut doc = std::mem::take(&mut self.doc);
        let result = src
            .take(self.max_doc.saturating_add(1))
            .read_to_end(&mut doc.bytes);
        let error = match result {
            Err(source) => IngestError::Read {
                what: describe(&doc.source).to_string(),
                source,
            },
            Ok(n) if n as u64 > self.max_doc => IngestError::TooLargeStream {
                limit: self.max_doc,
            },
            Ok(_) => return Some(Ok(doc)),
        };
        Some(Err(DocFailure::new(doc.source, error)))
    }
}

fn describe(source: &Source) -> &str {
    source
        .path
        .as_deref()
        .or(source.url.as_deref())
        .unwrap_or("input")
}

/// How to open one input.
struct Opening {
    /// Provenance for a single document or a failure to open.
    source: Source,
    /// Stands for the input in container paths (`label#offset`, `label:line`).
    label: String,
    format: Format,
    /// Whether `Auto` may choose JSON Lines: yes for stdin and readers, no for files, whose
    /// unknown name might hold one JSON document.
    sniff_jsonl: bool,
    /// Size of the raw input when known (files), to refuse an oversized document unread.
    raw_size: Option<u64>,
}

enum Pending {
    Input(Input),
    Reader {
        label: String,
        reader: Box<dyn Read + Send>,
        format: Format,
    },
}

/// The documents of a list of inputs, in input order, read lazily.
///
/// Each item is a document or a [`DocFailure`]; a failure never ends the iteration, so a
/// caller can record it and go on. Only one input is open at a time.
pub struct Ingest {
    queue: VecDeque<Pending>,
    walk: Option<walk::Walk>,
    current: Option<Box<dyn DocStream>>,
    limits: Limits,
    counters: Counters,
}

impl std::fmt::Debug for Ingest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ingest")
            .field("pending_inputs", &self.queue.len())
            .field("limits", &self.limits)
            .field("counters", &self.counters)
            .finish_non_exhaustive()
    }
}

/// What a file or URL name says about its content, `.gz` aside.
fn format_from_name(name: &str) -> Format {
    let lower = name.to_ascii_lowercase();
    let stem = lower.strip_suffix(".gz").unwrap_or(&lower);
    match stem.rsplit_once('.').map(|(_, ext)| ext) {
        Some("warc") => Format::Warc,
        Some("jsonl" | "ndjson") => Format::Jsonl,
        Some("html" | "htm" | "xhtml" | "shtml" | "xml") => Format::Html,
        Some("txt" | "text") => Format::Text,
        _ => Format::Auto,
    }
}

impl Ingest {
    /// Documents from these inputs, read one after another with these limits.
    pub fn new(inputs: Vec<Input>, limits: Limits) -> Self {
        Self {
            queue: inputs.into_iter().map(Pending::Input).collect(),
            walk: None,
            current: None,
            limits,
            counters: Counters::default(),
        }
    }

    /// Documents from any byte stream (an upload, a socket, a test's buffer), read as `format`.
    /// `label` stands for the stream in [`Source::path`] (`label#offset`, `label:line`).
    pub fn from_reader(
        label: impl Into<String>,
        reader: impl Read + Send + 'static,
        format: Format,
        limits: Limits,
    ) -> Self {
        let mut ingest = Self::new(Vec::new(), limits);
        ingest.queue.push_back(Pending::Reader {
            label: label.into(),
            reader: Box::new(reader),
            format,
        });
        ingest
    }

    /// Totals so far; final once the iterator has returned `None`.
    pub fn counters(&self) -> &Counters {
        &self.counters
    }

    /// The limits in force.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Opens a byte stream and picks the reader for it.
    fn open_stream(
        &self,
        how: Opening,
        reader: Box<dyn Read + Send>,
    ) -> Result<Box<dyn DocStream>, DocFailure> {
        let Opening {
            source,
            label,
            format,
            sniff_jsonl,
            raw_size,
        } = how;
        let (mut src, gzipped) =
            bufio::open_source(reader).map_err(|e| read_failure(&source, &label, e))?;
        let format = match format {
            Format::Auto => {
                let head = src
                    .peek(bufio::PEEK)
                    .map_err(|e| read_failure(&source, &label, e))?;
                if sniff::is_warc(head) {
                    Format::Warc
                } else if sniff_jsonl && sniff::is_jsonl(head) {
                    Format::Jsonl
                } else if sniff::kind_of(head) == PayloadKind::Html {
                    Format::Html
                } else {
                    Format::Text
                }
            }
            other => other,
        };
        let limits = &self.limits;
        let kind = match format {
            Format::Warc => return Ok(Box::new(warc::WarcDocs::new(label, src, limits))),
            Format::Jsonl => return Ok(Box::new(jsonl::JsonlDocs::new(label, src, limits))),
            Format::Text => PayloadKind::Text,
            Format::Html | Format::Auto => PayloadKind::Html,
        };
        let mut bytes = Vec::new();
        if let Some(size) = raw_size.filter(|_| !gzipped) {
            // Known up front: refuse before reading a byte, and say how big it is.
            if size > limits.max_doc_bytes {
                let error = IngestError::TooLarge {
                    size,
                    limit: limits.max_doc_bytes,
                };
                return Err(DocFailure::new(source, error));
            }
            // One allocation of the right size instead of doubling up to twice the document.
            bytes.reserve_exact(usize::try_from(size).unwrap_or(0));
        }
        Ok(Box::new(SingleDoc {
            src: Some(src),
            doc: RawDoc {
                source,
                bytes,
                kind,
                ..RawDoc::default()
            },
            max_doc: limits.max_doc_bytes,
        }))
    }

    fn open_path(&mut self, path: &Path) -> Result<Box<dyn DocStream>, DocFailure> {
        self.counters.inputs += 1;
        let label = path.display().to_string();
        let source = Source {
            path: Some(label.clone()),
            ..Source::default()
        };
        let open_failure = |e| {
            let error = IngestError::Open {
                path: label.clone(),
                source: e,
            };
            DocFailure::new(source.clone(), error)
        };
        let file = File::open(path).map_err(open_failure)?;
        let raw_size = file.metadata().map_err(open_failure)?.len();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        let how = Opening {
            format: format_from_name(&name),
            source,
            label,
            sniff_jsonl: false,
            raw_size: Some(raw_size),
        };
        self.open_stream(how, Box::new(file))
    }

    fn open_stdin(&mut self) -> Result<Box<dyn DocStream>, DocFailure> {
        self.counters.inputs += 1;
        let label = "-".to_string();
        let source = Source {
            path: Some(label.clone()),
            ..Source::default()
        };
        let how = Opening {
            source,
            label,
            format: Format::Auto,
            sniff_jsonl: true,
            raw_size: None,
        };
        self.open_stream(how, Box::new(std::io::stdin()))
    }

    #[cfg(feature = "http")]
    fn open_url(&mut self, url: String) -> Result<Box<dyn DocStream>, DocFailure> {
        self.counters.inputs += 1;
        let source = Source {
            url: Some(url.clone()),
            ..Source::default()
        };
        let fetched =
            fetch::get(&url, &self.limits).map_err(|e| DocFailure::new(source.clone(), e))?;
        let content_type = fetched.content_type.unwrap_or_default();
        let path_part = url.split(['?', '#']).next().unwrap_or(&url);
        let by_name = format_from_name(path_part.rsplit('/').next().unwrap_or(""));
        let essence = content_type
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        let format = match (by_name, essence.as_str()) {
            (Format::Warc | Format::Jsonl, _) => by_name,
            (_, "application/warc") => Format::Warc,
            (_, "application/x-ndjson" | "application/jsonl" | "application/x-jsonlines") => {
                Format::Jsonl
            }
            (_, "text/html" | "application/xhtml+xml") => Format::Html,
            (_, "text/plain") => Format::Text,
            _ => by_name,
        };
        let source = Source {
            url: Some(fetched.final_url),
            fetched_at: Some(
                fetched
                    .date
                    .as_deref()
                    .and_then(time::http_date_to_rfc3339)
                    .unwrap_or_else(time::now_rfc3339),
            ),
            ..source
        };
        let how = Opening {
            source,
            label: url,
            format,
            sniff_jsonl: false,
            raw_size: None,
        };
        let mut stream = self.open_stream(how, fetched.body)?;
        if let Some(charset) = http_msg::charset(&content_type) {
            stream = Box::new(WithCharset(stream, charset));
        }
        Ok(stream)
    }

    #[cfg(not(feature = "http"))]
    fn open_url(&mut self, url: String) -> Result<Box<dyn DocStream>, DocFailure> {
        self.counters.inputs += 1;
        let error =
            IngestError::Unsupported("URL inputs need tocsin-ingest's `http` feature".to_string());
        let source = Source {
            url: Some(url),
            ..Source::default()
        };
        Err(DocFailure::new(source, error))
    }

    /// The next stream to read, or the failure to open it; `None` when all inputs are done.
    fn open_next(&mut self) -> Option<Result<Box<dyn DocStream>, DocFailure>> {
        loop {
            if let Some(walk) = &mut self.walk {
                match walk.next() {
                    Some(Ok(path)) => return Some(self.open_path(&path)),
                    Some(Err((path, e))) => {
                        let label = path.display().to_string();
                        let source = Source {
                            path: Some(label.clone()),
                            ..Source::default()
                        };
                        let error = IngestError::Open {
                            path: label,
                            source: e,
                        };
                        return Some(Err(DocFailure::new(source, error)));
                    }
                    None => self.walk = None,
                }
            }
            return Some(match self.queue.pop_front()? {
                Pending::Input(Input::Path(path)) => {
                    if fs::metadata(&path).is_ok_and(|m| m.is_dir()) {
                        self.walk = Some(walk::Walk::new(path));
                        continue;
                    }
                    self.open_path(&path)
                }
                Pending::Input(Input::Stdin) => self.open_stdin(),
                Pending::Input(Input::Url(url)) => self.open_url(url),
                Pending::Reader {
                    label,
                    reader,
                    format,
                } => {
                    self.counters.inputs += 1;
                    let source = Source {
                        path: Some(label.clone()),
                        ..Source::default()
                    };
                    let how = Opening {
                        source,
                        label,
                        format,
                        sniff_jsonl: true,
                        raw_size: None,
                    };
                    self.open_stream(how, reader)
                }
            });
        }
    }
}

fn read_failure(source: &Source, label: &str, e: std::io::Error) -> DocFailure {
    let error = IngestError::Read {
        what: label.to_string(),
        source: e,
    };
    DocFailure::new(source.clone(), error)
}

/// Adds the charset an HTTP response declared to the documents that came with it.
#[cfg_attr(not(feature = "http"), allow(dead_code))]
struct WithCharset(Box<dyn DocStream>, String);

impl DocStream for WithCharset {
    fn next_doc(&mut self, counters: &mut Counters) -> Option<Result<RawDoc, DocFailure>> {
        let mut item = self.0.next_doc(counters)?;
        if let Ok(doc) = &mut item {
            // Only single documents: a WARC's records carry their own headers.
            if doc.source.path.is_none() && doc.declared_charset.is_none() {
                doc.declared_charset = Some(self.1.clone());
            }
        }
        Some(item)
    }
}

impl Iterator for Ingest {
    type Item = Result<RawDoc, DocFailure>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(stream) = &mut self.current {
                match stream.next_doc(&mut self.counters) {
                    Some(item) => {
                        match &item {
                            Ok(_) => self.counters.docs += 1,
                            Err(_) => self.counters.failures += 1,
                        }
                        return Some(item);
                    }
                    None => self.current = None,
                }
            }
            match self.open_next()? {
                Ok(stream) => self.current = Some(stream),
                Err(failure) => {
                    self.counters.failures += 1;
                    return Some(Err(failure));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inputs_parse_from_arguments() {
        assert_eq!(Input::parse("-"), Input::Stdin);
        assert_eq!(
            Input::parse("HTTPS://data.test/x.warc.gz"),
            Input::Url("HTTPS://data.test/x.warc.gz".into())
        );
        assert_eq!(Input::parse("http"), Input::Path("http".into()));
        assert_eq!(Input::parse("ñandú.html"), Input::Path("ñandú.html".into()));
    }

    #[test]
    fn names_decide_the_format() {
        assert_eq!(format_from_name("CC-NEWS-20240101.warc.gz"), Format::Warc);
        assert_eq!(format_from_name("a.JSONL"), Format::Jsonl);
        assert_eq!(format_from_name("a.htm.gz"), Format::Html);
        assert_eq!(format_from_name("notes.txt"), Format::Text);
        assert_eq!(format_from_name("blob.bin"), Format::Auto);
        assert_eq!(format_from_name("README"), Format::Auto);
        assert_eq!(format_from_name("x.gz"), Format::Auto);
    }

    #[test]
    fn stdin_like_readers_are_sniffed() {
        let kinds = |bytes: &'static [u8]| {
            Ingest::from_reader("r", bytes, Format::Auto, Limits::default())
                .map(|d| d.map(|d| d.kind).map_err(|f| f.to_string()))
                .collect::<Vec<_>>()
        };
        assert_eq!(kinds(b"  <html><p>x"), vec![Ok(PayloadKind::Html)]);
        assert_eq!(kinds(b"plain words"), vec![Ok(PayloadKind::Text)]);
        assert_eq!(
            kinds(b"{\"text\":\"a\"}\n{\"html\":\"b\"}"),
            vec![Ok(PayloadKind::Text), Ok(PayloadKind::Html)]
        );
        assert_eq!(kinds(b""), vec![Ok(PayloadKind::Text)]);
    }

    #[cfg(not(feature = "http"))]
    #[test]
    fn urls_without_the_http_feature_fail_clearly() {
        let mut ingest = Ingest::new(
            vec![Input::parse("https://a.test/x.warc.gz")],
            Limits::default(),
        );
        let failure = ingest.next().and_then(Result::err).map(|f| f.to_string());
        assert_eq!(
            failure.as_deref(),
            Some("https://a.test/x.warc.gz: URL inputs need tocsin-ingest's `http` feature")
        );
        assert!(ingest.next().is_none());
    }

    #[test]
    fn ingest_is_send() {
        fn assert_send<T: Send>() {}
        assert_send::<Ingest>();
        assert_send::<DocFailure>();
    }
}
