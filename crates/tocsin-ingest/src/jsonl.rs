//! JSON Lines documents: one `{"id", "url", "html" | "text", "title", "published"}` per line.
//!
//! A line is held in memory only up to [`crate::Limits::max_record_bytes`]; a longer one is
//! read through into nothing and reported, so one runaway line cannot take the batch down.

use std::io::{self, BufRead};

use serde_json::{Map, Value};
use tocsin_model::{PayloadKind, RawDoc, Source};

use crate::bufio::ByteSource;
use crate::{Counters, DocFailure, DocStream, IngestError, Limits};

/// Documents from the lines of one JSONL stream.
pub(crate) struct JsonlDocs {
    label: String,
    src: Box<dyn ByteSource>,
    line_no: u64,
    max_line: u64,
    max_doc: u64,
    done: bool,
}

enum Line {
    Eof,
    Ok,
    TooLong(u64),
}

impl JsonlDocs {
    pub fn new(label: String, src: Box<dyn ByteSource>, limits: &Limits) -> Self {
        Self {
            label,
            src,
            line_no: 0,
            max_line: limits.max_record_bytes,
            max_doc: limits.max_doc_bytes,
            done: false,
        }
    }

    /// Reads the next line (without its terminator) into `out`, keeping at most `max_line`
    /// bytes; a longer line is consumed to its end and reported with its full length.
    fn read_line(&mut self, out: &mut Vec<u8>) -> io::Result<Line> {
        out.clear();
        let mut total: u64 = 0;
        let mut saw_any = false;
        loop {
            let avail = self.src.fill_buf()?;
            if avail.is_empty() {
                break;
            }
            saw_any = true;
            let (take, done) = match memchr::memchr(b'\n', avail) {
                Some(i) => (i + 1, true),
                None => (avail.len(), false),
            };
            let content = if done { take - 1 } else { take };
            total += content as u64;
            if total <= self.max_line {
                out.extend_from_slice(&avail[..content]);
            } else {
                out.clear();
            }
            self.src.consume(take);
            if done {
                break;
            }
        }
        if !saw_any {
            return Ok(Line::Eof);
        }
        if total > self.max_line {
            return Ok(Line::TooLong(total));
        }
        if out.last() == Some(&b'\r') {
            out.pop();
        }
        Ok(Line::Ok)
    }

    fn place(&self) -> Source {
        Source {
            path: Some(format!("{}:{}", self.label, self.line_no)),
            ..Source::default()
        }
    }
}

fn string_field(
    obj: &mut Map<String, Value>,
    name: &str,
    line: u64,
) -> Result<Option<String>, IngestError> {
    match obj.remove(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(IngestError::JsonlDoc {
            line,
            message: format!("field `{name}` must be a string"),
        }),
    }
}

/// Maps one parsed line to a document; `Err` carries whatever provenance was readable.
fn to_doc(
    line: &[u8],
    line_no: u64,
    max_doc: u64,
    mut source: Source,
) -> Result<RawDoc, DocFailure> {
    let line = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line);
    // A map, not a struct: serde would accept `["id", "url", …]` as a struct, silently.
    let mut obj: Map<String, Value> = match serde_json::from_slice(line) {
        Ok(obj) => obj,
        Err(source_err) => {
            return Err(DocFailure::new(
                source,
                IngestError::Json {
                    line: line_no,
                    source: source_err,
                },
            ))
        }
    };
    source.id = match obj.remove("id") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s),
        Some(Value::Number(n)) => Some(n.to_string()),
        Some(_) => {
            let error = IngestError::JsonlDoc {
                line: line_no,
                message: "field `id` must be a string or a number".into(),
            };
            return Err(DocFailure::new(source, error));
        }
    };
    let fields = (|| {
        let url = string_field(&mut obj, "url", line_no)?;
        let html = string_field(&mut obj, "html", line_no)?;
        let text = string_field(&mut obj, "text", line_no)?;
        let title = string_field(&mut obj, "title", line_no)?;
        let published = string_field(&mut obj, "published", line_no)?;
        Ok::<_, IngestError>((url, html, text, title, published))
    })();
    let (url, html, text, title, published) = match fields {
        Ok(f) => f,
        Err(error) => return Err(DocFailure::new(source, error)),
    };
    source.url = url;
    // Markup wins when both are given: extraction can always get text out of it.
    let (body, kind) = match (html, text) {
        (Some(html), _) => (html, PayloadKind::Html),
        (None, Some(text)) => (text, PayloadKind::Text),
        (None, None) => {
            let error = IngestError::JsonlDoc {
                line: line_no,
                message: "neither `html` nor `text` is given".into(),
            };
            return Err(DocFailure::new(source, error));
        }
    };
    if body.len() as u64 > max_doc {
        let error = IngestError::TooLarge {
            size: body.len() as u64,
            limit: max_doc,
        };
        return Err(DocFailure::new(source, error));
    }
    Ok(RawDoc {
        source,
        bytes: body.into_bytes(),
        kind,
        declared_charset: None,
        title_hint: title,
        published_hint: published,
    })
}

impl DocStream for JsonlDocs {
    fn next_doc(&mut self, counters: &mut Counters) -> Option<Result<RawDoc, DocFailure>> {
        let mut line = Vec::new();
        while !self.done {
            let read = self.read_line(&mut line);
            self.line_no += 1;
            match read {
                Ok(Line::Eof) => self.done = true,
                Err(error) => {
                    self.done = true;
                    let error = IngestError::Read {
                        what: format!("{} at line {}", self.label, self.line_no),
                        source: error,
                    };
                    return Some(Err(DocFailure::new(self.place(), error)));
                }
                Ok(Line::TooLong(size)) => {
                    counters.jsonl.lines += 1;
                    counters.jsonl.failed += 1;
                    let error = IngestError::RecordTooLarge {
                        what: "JSONL line",
                        size,
                        limit: self.max_line,
                    };
                    return Some(Err(DocFailure::new(self.place(), error)));
                }
                Ok(Line::Ok) if line.iter().all(u8::is_ascii_whitespace) => {
                    counters.jsonl.blank += 1;
                }
                Ok(Line::Ok) => {
                    counters.jsonl.lines += 1;
                    let doc = to_doc(&line, self.line_no, self.max_doc, self.place());
                    match &doc {
                        Ok(_) => counters.jsonl.yielded += 1,
                        Err(_) => counters.jsonl.failed += 1,
                    }
                    return Some(doc);
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(line: &str) -> Result<RawDoc, DocFailure> {
        to_doc(line.as_bytes(), 7, 1000, Source::default())
    }

    #[test]
    fn fields_map_to_the_raw_doc() {
        let d = doc(r#"{"id": 42, "url": "https://x.test/a", "html": "<p>Hi</p>", "text": "Hi", "title": "T", "published": "2024-03-22"}"#)
            .expect("valid line");
        assert_eq!(d.source.id.as_deref(), Some("42"));
        assert_eq!(d.source.url.as_deref(), Some("https://x.test/a"));
        assert_eq!(d.kind, PayloadKind::Html);
        assert_eq!(d.bytes, b"<p>Hi</p>");
        assert_eq!(d.title_hint.as_deref(), Some("T"));
        assert_eq!(d.published_hint.as_deref(), Some("2024-03-22"));
        let d = doc(r#"{"text": "plain", "html": null, "extra": [1]}"#).expect("valid line");
        assert_eq!(d.kind, PayloadKind::Text);
    }

    #[test]
    fn bad_lines_say_why() {
        let msg = |line: &str| doc(line).expect_err("bad line").error.to_string();
        assert!(msg(r#"{"id": "a"}"#).contains("neither `html` nor `text`"));
        assert!(msg(r#"["<p>", "x"]"#).contains("invalid JSON"));
        assert!(msg(r#"{"html": 5}"#).contains("`html` must be a string"));
        assert!(msg(r#"{"html": "x", "id": {}}"#).contains("`id` must be"));
        assert!(msg(&format!(r#"{{"text": "{}"}}"#, "a".repeat(1001)))
            .contains("1001 bytes, over the 1000-byte limit"));
        let failure = doc(r#"{"id": "keep-me", "url": 3, "html": "x"}"#).expect_err("bad url");
        assert_eq!(failure.source.id.as_deref(), Some("keep-me"));
    }
}
