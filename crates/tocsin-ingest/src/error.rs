//! Errors, each worded so a user can act on it without reading the code.

use std::io;

use tocsin_model::Source;

/// Why one document (or the rest of one input) could not be ingested.
///
/// The batch never stops on one of these: the iterator yields it inside a [`DocFailure`] and
/// goes on with the next document or input.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum IngestError {
    /// The input could not be opened (missing file, permissions, unreadable directory).
    #[error("cannot open {path}: {source}")]
    Open {
        /// The path as given or found while walking a directory.
        path: String,
        /// The operating system's reason.
        source: io::Error,
    },
    /// Reading or decompressing failed part-way (truncated gzip, I/O error, dropped connection).
    #[error("cannot read {what}: {source}")]
    Read {
        /// What was being read, with its position where known.
        what: String,
        /// The underlying reason.
        source: io::Error,
    },
    /// A document whose size is known up front is over [`crate::Limits::max_doc_bytes`].
    #[error("document is {size} bytes, over the {limit}-byte limit")]
    TooLarge {
        /// The document's size in bytes.
        size: u64,
        /// The limit in force.
        limit: u64,
    },
    /// A streamed or decompressed document went past [`crate::Limits::max_doc_bytes`]; reading
    /// stopped there, so its full size is unknown (this is how gzip bombs end).
    #[error("document is over the {limit}-byte limit (reading stopped there)")]
    TooLargeStream {
        /// The limit in force.
        limit: u64,
    },
    /// A WARC record or JSONL line is over [`crate::Limits::max_record_bytes`].
    #[error("{what} is {size} bytes, over the {limit}-byte record limit")]
    RecordTooLarge {
        /// "WARC record" or "JSONL line".
        what: &'static str,
        /// Its size in bytes.
        size: u64,
        /// The limit in force.
        limit: u64,
    },
    /// The WARC stream is not well-formed at this point; the rest of the input is lost.
    #[error("malformed WARC at byte {offset}: {message}")]
    Warc {
        /// Byte offset (in the decompressed stream) where the problem was found.
        offset: u64,
        /// What was wrong.
        message: String,
    },
    /// A WARC record ended before its declared `Content-Length`.
    #[error("WARC record truncated: expected {expected} bytes, got {got}")]
    Truncated {
        /// Declared block length.
        expected: u64,
        /// Bytes actually present.
        got: u64,
    },
    /// The HTTP response stored in a WARC record could not be understood.
    #[error("malformed HTTP response in WARC record: {0}")]
    HttpMessage(String),
    /// The stored HTTP body uses a compression this crate does not decode.
    #[error("unsupported Content-Encoding `{0}`")]
    UnsupportedEncoding(String),
    /// A JSONL line is not valid JSON (this includes invalid UTF-8, which JSON forbids).
    #[error("line {line}: invalid JSON: {source}")]
    Json {
        /// 1-based line number.
        line: u64,
        /// The parser's reason, with a column.
        source: serde_json::Error,
    },
    /// A JSONL line parsed but cannot be a document.
    #[error("line {line}: {message}")]
    JsonlDoc {
        /// 1-based line number.
        line: u64,
        /// What is missing or mistyped.
        message: String,
    },
    /// A URL could not be fetched (unreachable host, timeout, HTTP error status).
    #[error("cannot fetch {url}: {message}")]
    Fetch {
        /// The URL as given.
        url: String,
        /// The client's reason.
        message: String,
    },
    /// The input names something this build cannot read.
    #[error("{0}")]
    Unsupported(String),
}

/// A per-document failure: where it happened and why.
///
/// Carrying the [`Source`] lets the pipeline write an error record that points back at the
/// input (`file#offset`, `file:line`, URL) instead of only logging it.
#[derive(Debug)]
pub struct DocFailure {
    /// Where the failing document (or the unread rest of an input) came from.
    pub source: Source,
    /// Why it failed.
    pub error: IngestError,
}

impl std::fmt::Display for DocFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", describe(&self.source), self.error)
    }
}

impl std::error::Error for DocFailure {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error)
    }
}

impl DocFailure {
    pub(crate) fn new(source: Source, error: IngestError) -> Self {
        Self { source, error }
    }
}

fn describe(source: &Source) -> &str {
    source
        .path
        .as_deref()
        .or(source.url.as_deref())
        .or(source.id.as_deref())
        .unwrap_or("<unknown input>")
}
