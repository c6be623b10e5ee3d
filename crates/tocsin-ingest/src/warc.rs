//! A small streaming WARC reader (ISO 28500, WARC/1.0 and 1.1) and the stream of documents it
//! feeds.
//!
//! Written here rather than taken from the `warc` crate so that every limit is ours: a record
//! is held in memory only up to [`crate::Limits::max_record_bytes`], an oversized one is read
//! through into nothing (later records still come out), header lines are bounded, and a
//! malformed stream ends that input with one error instead of a panic or a hang.

use std::io::{self, BufRead, Read};

use tocsin_model::{PayloadKind, RawDoc, Source};

use crate::bufio::ByteSource;
use crate::http_msg;
use crate::sniff;
use crate::time::{http_date_to_rfc3339, warc_date_to_rfc3339};
use crate::{Counters, DocFailure, DocStream, IngestError, Limits};

const MAX_HEADER_LINE: usize = 64 * 1024;
const MAX_HEADER_BYTES: usize = 1024 * 1024;

/// The header block of one record.
pub(crate) struct RecordHead {
    /// Re-findable address of the record (plain offset or gzip member offset), if known.
    pub offset: Option<u64>,
    /// 0-based position of the record in its file.
    pub index: u64,
    headers: Vec<(String, String)>,
    content_length: u64,
}

impl RecordHead {
    /// The first header of that name (names are case-insensitive).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

fn read_error(pos: u64, source: io::Error) -> IngestError {
    IngestError::Read {
        what: format!("WARC stream at byte {pos}"),
        source,
    }
}

/// Reads records one at a time; the caller decides per record whether to keep its block.
pub(crate) struct WarcReader {
    src: Box<dyn ByteSource>,
    /// Decompressed bytes consumed so far, for error messages.
    pos: u64,
    index: u64,
    /// Declared length of the current record's block, and how much of it is still unread.
    block_len: u64,
    remaining: u64,
}

impl WarcReader {
    pub fn new(src: Box<dyn ByteSource>) -> Self {
        Self {
            src,
            pos: 0,
            index: 0,
            block_len: 0,
            remaining: 0,
        }
    }

    fn consume(&mut self, n: usize) {
        self.src.consume(n);
        self.pos += n as u64;
    }

    fn malformed(&self, message: impl Into<String>) -> IngestError {
        IngestError::Warc {
            offset: self.pos,
            message: message.into(),
        }
    }

    fn read_error(&self, source: io::Error) -> IngestError {
        read_error(self.pos, source)
    }

    /// Reads one line including its `\n`; `Ok(None)` at end of stream.
    fn read_line(&mut self, out: &mut Vec<u8>) -> Result<bool, IngestError> {
        out.clear();
        loop {
            let pos = self.pos;
            let avail = self.src.fill_buf().map_err(|e| read_error(pos, e))?;
            if avail.is_empty() {
                return Ok(!out.is_empty());
            }
            let (take, done) = match memchr::memchr(b'\n', avail) {
                Some(i) => (i + 1, true),
                None => (avail.len(), false),
            };
            if out.len() + take > MAX_HEADER_LINE {
                return Err(
                    self.malformed(format!("header line longer than {MAX_HEADER_LINE} bytes"))
                );
            }
            out.extend_from_slice(&avail[..take]);
            self.consume(take);
            if done {
                return Ok(true);
            }
        }
    }

    /// Skips the blank lines between records; `false` at a clean end of stream.
    fn skip_blank(&mut self) -> Result<bool, IngestError> {
        loop {
            let pos = self.pos;
            let avail = self.src.fill_buf().map_err(|e| read_error(pos, e))?;
            if avail.is_empty() {
                return Ok(false);
            }
            let n = avail
                .iter()
                .position(|b| !matches!(b, b'\r' | b'\n'))
                .unwrap_or(avail.len());
            let more = n < avail.len();
            self.consume(n);
            if more {
                return Ok(true);
            }
        }
    }

    /// The next record's header, or `None` at a clean end of the stream. Whatever the caller
    /// left unread of the previous block is skipped first.
    pub fn next_head(&mut self) -> Option<Result<RecordHead, IngestError>> {
        if let Err(e) = self.skip_rest() {
            return Some(Err(e));
        }
        match self.skip_blank() {
            Ok(false) => return None,
            Ok(true) => {}
            Err(e) => return Some(Err(e)),
        }
        Some(self.parse_head())
    }

    fn parse_head(&mut self) -> Result<RecordHead, IngestError> {
        let offset = self.src.tell();
        let mut line = Vec::new();
        self.read_line(&mut line)?;
        if !line.starts_with(b"WARC/") {
            let shown: String = String::from_utf8_lossy(&line[..line.len().min(40)])
                .chars()
                .filter(|c| !c.is_control())
                .collect();
            return Err(self.malformed(format!("expected a `WARC/` version line, found {shown:?}")));
        }
        let mut headers: Vec<(String, String)> = Vec::new();
        let mut total = line.len();
        loop {
            if !self.read_line(&mut line)? {
                return Err(self.malformed("stream ended inside a record header"));
            }
            total += line.len();
            if total > MAX_HEADER_BYTES {
                return Err(self.malformed(format!(
                    "record header longer than {MAX_HEADER_BYTES} bytes"
                )));
            }
            let text = String::from_utf8_lossy(&line);
            let text = text.trim_end_matches(['\r', '\n']);
            if text.is_empty() {
                break;
            }
            if text.starts_with([' ', '\t']) {
                // A folded continuation of the previous header's value.
                if let Some((_, value)) = headers.last_mut() {
                    value.push(' ');
                    value.push_str(text.trim());
                }
                continue;
            }
            match text.split_once(':') {
                Some((name, value)) => {
                    headers.push((name.trim().to_string(), value.trim().to_string()))
                }
                None => {
                    return Err(self.malformed(format!("header line without a colon: {text:?}")))
                }
            }
        }
        let length = headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case("Content-Length"))
            .map(|(_, v)| v.as_str());
        let content_length = match length.map(str::parse::<u64>) {
            Some(Ok(n)) => n,
            Some(Err(_)) => return Err(self.malformed("invalid Content-Length")),
            None => return Err(self.malformed("record without Content-Length")),
        };
        let index = self.index;
        self.index += 1;
        self.block_len = content_length;
        self.remaining = content_length;
        Ok(RecordHead {
            offset,
            index,
            headers,
            content_length,
        })
    }

    /// Appends up to `n` more bytes of the current record's block to `out`.
    pub fn read_up_to(&mut self, n: u64, out: &mut Vec<u8>) -> Result<(), IngestError> {
        let want = n.min(self.remaining);
        // A lying Content-Length must not reserve memory the stream does not hold.
        out.reserve(want.min(1 << 20) as usize);
        let read = (&mut self.src).take(want).read_to_end(out);
        let got = read.map_err(|e| self.read_error(e))? as u64;
        self.advance(got, want)
    }

    /// Reads the rest of the current record's block through without keeping it. This is how
    /// an oversized record is passed over: memory stays bounded, and the records after it
    /// still come out.
    pub fn skip_rest(&mut self) -> Result<(), IngestError> {
        let want = self.remaining;
        let copied = io::copy(&mut (&mut self.src).take(want), &mut io::sink());
        let got = copied.map_err(|e| self.read_error(e))?;
        self.advance(got, want)
    }

    fn advance(&mut self, got: u64, want: u64) -> Result<(), IngestError> {
        self.pos += got;
        self.remaining -= got;
        if got < want {
            let expected = self.block_len;
            self.remaining = 0;
            return Err(IngestError::Truncated {
                expected,
                got: expected - want + got,
            });
        }
        Ok(())
    }
}

/// What one record became.
enum Outcome {
    Doc(RawDoc),
    Skip(SkipReason),
    Fail(IngestError),
}

#[derive(Clone, Copy)]
enum SkipReason {
    RecordType,
    NotHttp,
    NotHtml,
    HttpStatus,
}

/// Documents from the HTML responses of one WARC stream.
pub(crate) struct WarcDocs {
    label: String,
    reader: WarcReader,
    max_doc: u64,
    max_record: u64,
    done: bool,
}

impl WarcDocs {
    pub fn new(label: String, src: Box<dyn ByteSource>, limits: &Limits) -> Self {
        Self {
            label,
            reader: WarcReader::new(src),
            max_doc: limits.max_doc_bytes,
            max_record: limits.max_record_bytes,
            done: false,
        }
    }

    fn source_of(&self, head: &RecordHead) -> Source {
        let place = match head.offset {
            Some(offset) => format!("{}#{offset}", self.label),
            None => format!("{}#record-{}", self.label, head.index),
        };
        // WARC 1.0 writes both as `<uri>` (record IDs always, target URIs in some writers).
        let unbracket = |v: &str| v.trim_start_matches('<').trim_end_matches('>').to_string();
        Source {
            id: head.get("WARC-Record-ID").map(unbracket),
            path: Some(place),
            url: head.get("WARC-Target-URI").map(unbracket),
            fetched_at: head.get("WARC-Date").and_then(warc_date_to_rfc3339),
        }
    }

    /// Turns one record into a document, a skip, or a failure; `Err` only when the stream
    /// itself broke (truncated, unreadable), which ends this input.
    fn process(&mut self, head: &RecordHead) -> Result<Outcome, IngestError> {
        let record_type = head.get("WARC-Type").unwrap_or("").to_ascii_lowercase();
        let content_type = head.get("Content-Type").unwrap_or("").to_ascii_lowercase();
        let outcome = match record_type.as_str() {
            "response" => self.response(head, &content_type)?,
            "resource" => self.resource(head, &content_type)?,
            _ => Outcome::Skip(SkipReason::RecordType),
        };
        // Read through what was not needed now, so a truncation is blamed on this record.
        self.reader.skip_rest()?;
        Ok(outcome)
    }

    fn too_large(&self, head: &RecordHead) -> Option<Outcome> {
        let error = IngestError::RecordTooLarge {
            what: "WARC record",
            size: head.content_length,
            limit: self.max_record,
        };
        (head.content_length > self.max_record).then_some(Outcome::Fail(error))
    }

    /// A `resource` record holds the document itself, typed by the record's Content-Type.
    fn resource(&mut self, head: &RecordHead, content_type: &str) -> Result<Outcome, IngestError> {
        let mut block = Vec::new();
        self.reader
            .read_up_to(crate::bufio::PEEK as u64, &mut block)?;
        let kind = match http_msg::media_kind(content_type) {
            Some(kind) => kind,
            None if content_type.is_empty() && sniff::looks_like_markup(&block) => {
                PayloadKind::Html
            }
            None => return Ok(Outcome::Skip(SkipReason::NotHtml)),
        };
        if let Some(fail) = self.too_large(head) {
            return Ok(fail);
        }
        if head.content_length > self.max_doc {
            return Ok(Outcome::Fail(IngestError::TooLarge {
                size: head.content_length,
                limit: self.max_doc,
            }));
        }
        self.reader.read_up_to(u64::MAX, &mut block)?;
        Ok(Outcome::Doc(RawDoc {
            bytes: block,
            kind,
            declared_charset: http_msg::charset(content_type),
            ..RawDoc::default()
        }))
    }

    /// A `response` record holds an HTTP response; its headers decide before its body is read.
    fn response(&mut self, head: &RecordHead, content_type: &str) -> Result<Outcome, IngestError> {
        if !content_type.is_empty() && !content_type.starts_with("application/http") {
            // e.g. DNS lookups that crawlers store as responses.
            return Ok(Outcome::Skip(SkipReason::NotHttp));
        }
        let mut block = Vec::new();
        self.reader
            .read_up_to(http_msg::MAX_HEAD as u64, &mut block)?;
        let response = match http_msg::parse_response(&block) {
            Ok(r) => r,
            Err(message) => return Ok(Outcome::Fail(IngestError::HttpMessage(message))),
        };
        if !(200..300).contains(&response.status) {
            return Ok(Outcome::Skip(SkipReason::HttpStatus));
        }
        let content_type = response.header("Content-Type").unwrap_or("").to_string();
        let body_head = block.get(response.body_start..).unwrap_or_default();
        let kind = match http_msg::media_kind(&content_type) {
            Some(kind) => kind,
            None if content_type.trim().is_empty()
                && sniff::looks_like_markup(head_of(body_head)) =>
            {
                PayloadKind::Html
            }
            None => return Ok(Outcome::Skip(SkipReason::NotHtml)),
        };
        if let Some(fail) = self.too_large(head) {
            return Ok(fail);
        }
        self.reader.read_up_to(u64::MAX, &mut block)?;
        let fetched_at = response.header("Date").and_then(http_date_to_rfc3339);
        let charset = http_msg::charset(&content_type);
        Ok(
            match http_msg::decode_body(block, &response, self.max_doc) {
                Ok(bytes) => Outcome::Doc(RawDoc {
                    bytes,
                    kind,
                    declared_charset: charset,
                    source: Source {
                        fetched_at,
                        ..Source::default()
                    },
                    ..RawDoc::default()
                }),
                Err(e) => Outcome::Fail(e),
            },
        )
    }
}

fn head_of(bytes: &[u8]) -> &[u8] {
    &bytes[..bytes.len().min(crate::bufio::PEEK)]
}

impl DocStream for WarcDocs {
    fn next_doc(&mut self, counters: &mut Counters) -> Option<Result<RawDoc, DocFailure>> {
        while !self.done {
            let head = match self.reader.next_head()? {
                Ok(head) => head,
                Err(error) => {
                    self.done = true;
                    let source = Source {
                        path: Some(format!("{}#{}", self.label, self.reader.pos)),
                        ..Source::default()
                    };
                    return Some(Err(DocFailure::new(source, error)));
                }
            };
            counters.warc.records += 1;
            let mut source = self.source_of(&head);
            match self.process(&head) {
                Ok(Outcome::Doc(mut doc)) => {
                    counters.warc.yielded += 1;
                    // The WARC-Date wins; the HTTP Date is only a fallback.
                    source.fetched_at = source.fetched_at.or(doc.source.fetched_at.take());
                    doc.source = source;
                    return Some(Ok(doc));
                }
                Ok(Outcome::Skip(reason)) => {
                    let w = &mut counters.warc;
                    match reason {
                        SkipReason::RecordType => w.skipped_record_type += 1,
                        SkipReason::NotHttp => w.skipped_not_http += 1,
                        SkipReason::NotHtml => w.skipped_not_html += 1,
                        SkipReason::HttpStatus => w.skipped_http_status += 1,
                    }
                }
                Ok(Outcome::Fail(error)) => {
                    counters.warc.failed += 1;
                    return Some(Err(DocFailure::new(source, error)));
                }
                Err(error) => {
                    // The stream broke inside this record: it and the rest are lost.
                    counters.warc.failed += 1;
                    self.done = true;
                    return Some(Err(DocFailure::new(source, error)));
                }
            }
        }
        None
    }
}
