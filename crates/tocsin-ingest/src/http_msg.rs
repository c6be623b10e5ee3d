//! The HTTP response stored inside a WARC `response` record: status, headers, and a body that
//! may still carry its transfer and content encodings.
//!
//! Crawlers disagree on whether they store the body as sent or decoded (Common Crawl decodes
//! and renames the headers to `X-Crawler-*`; wget and Heritrix keep the bytes as sent). So each
//! decoding is applied only when the bytes look encoded, and a crawler's truncation of a
//! payload (common: `WARC-Truncated: length`) keeps the part that arrived.

use std::io::{self, Read};

use flate2::read::{DeflateDecoder, MultiGzDecoder, ZlibDecoder};
use tocsin_model::PayloadKind;

use crate::IngestError;

/// Where the header block ends, searched only this far into the record.
pub(crate) const MAX_HEAD: usize = 256 * 1024;

/// Status line and headers of a stored response; the body is `block[body_start..]`.
pub(crate) struct HttpResponse {
    pub status: u16,
    headers: Vec<(String, String)>,
    pub body_start: usize,
}

impl HttpResponse {
    /// The first header of that name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Parses the status line and headers; the message says what was wrong.
pub(crate) fn parse_response(block: &[u8]) -> Result<HttpResponse, String> {
    let window = &block[..block.len().min(MAX_HEAD)];
    let crlf = memchr::memmem::find(window, b"\r\n\r\n").map(|i| (i, i + 4));
    let lf = memchr::memmem::find(window, b"\n\n").map(|i| (i, i + 2));
    let (head_len, body_start) = match (crlf, lf) {
        (Some(a), Some(b)) => a.min(b),
        (Some(end), None) | (None, Some(end)) => end,
        // A response without a body (or whose body the crawler cut off entirely).
        (None, None) if block.len() < MAX_HEAD => (block.len(), block.len()),
        (None, None) => return Err(format!("no end of headers in the first {MAX_HEAD} bytes")),
    };
    let head = String::from_utf8_lossy(&block[..head_len]);
    let mut lines = head.split('\n').map(|l| l.trim_end_matches('\r'));
    let status_line = lines.next().unwrap_or("");
    let mut parts = status_line.split_whitespace();
    let version = parts.next().unwrap_or("");
    if !version.starts_with("HTTP/") {
        let shown: String = status_line.chars().take(40).collect();
        return Err(format!("expected an HTTP status line, found {shown:?}"));
    }
    let status = parts
        .next()
        .and_then(|s| s.parse::<u16>().ok())
        .filter(|s| (100..1000).contains(s))
        .ok_or_else(|| {
            format!(
                "invalid status in {:?}",
                status_line.chars().take(40).collect::<String>()
            )
        })?;
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in lines {
        if line.starts_with([' ', '\t']) {
            if let Some((_, value)) = headers.last_mut() {
                value.push(' ');
                value.push_str(line.trim());
            }
        } else if let Some((name, value)) = line.split_once(':') {
            headers.push((name.trim().to_string(), value.trim().to_string()));
        }
        // Lines without a colon are noise some servers send; ignoring them loses nothing.
    }
    Ok(HttpResponse {
        status,
        headers,
        body_start,
    })
}

/// The payload kind a media type declares, for the types we keep.
pub(crate) fn media_kind(content_type: &str) -> Option<PayloadKind> {
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    match essence.as_str() {
        "text/html" | "application/xhtml+xml" => Some(PayloadKind::Html),
        _ => None,
    }
}

/// The `charset` parameter of a media type, unquoted.
pub(crate) fn charset(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        if !name.trim().eq_ignore_ascii_case("charset") {
            return None;
        }
        let value = value.trim().trim_matches(['"', '\'']).trim();
        (!value.is_empty()).then(|| value.to_string())
    })
}

/// Undoes chunked transfer coding; `None` when the body does not start like a chunked body
/// (the crawler already removed it). A body cut off mid-chunk keeps what arrived.
pub(crate) fn dechunk(body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    let mut rest = body;
    let mut first = true;
    loop {
        let Some(eol) = memchr::memchr(b'\n', rest) else {
            return (!first).then_some(out);
        };
        let size_field = std::str::from_utf8(&rest[..eol]).ok().and_then(|line| {
            let hex = line.split(';').next().unwrap_or("").trim();
            if hex.is_empty() || hex.len() > 15 {
                return None;
            }
            u64::from_str_radix(hex, 16).ok()
        });
        let Some(size) = size_field else {
            return (!first).then_some(out);
        };
        first = false;
        rest = &rest[eol + 1..];
        if size == 0 {
            return Some(out);
        }
        let take = usize::try_from(size).unwrap_or(usize::MAX).min(rest.len());
        out.extend_from_slice(&rest[..take]);
        rest = &rest[take..];
        rest = rest
            .strip_prefix(b"\r\n")
            .or_else(|| rest.strip_prefix(b"\n"))
            .unwrap_or(rest);
        if rest.is_empty() {
            return Some(out);
        }
    }
}

/// Decompresses with a hard output limit. A stream that ends early keeps the part decoded so
/// far (a crawler's truncation), unless nothing came out at all.
fn inflate(reader: impl Read, what: &str, max_doc: u64) -> Result<Vec<u8>, IngestError> {
    let mut out = Vec::new();
    let result = reader.take(max_doc.saturating_add(1)).read_to_end(&mut out);
    match result {
        Ok(_) => {}
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof && !out.is_empty() => {}
        Err(source) => {
            return Err(IngestError::Read {
                what: format!("{what} Content-Encoding of the stored HTTP body"),
                source,
            })
        }
    }
    if out.len() as u64 > max_doc {
        return Err(IngestError::TooLargeStream { limit: max_doc });
    }
    Ok(out)
}

/// The body as a browser would see it: transfer coding and content codings removed, at most
/// `max_doc` bytes.
pub(crate) fn decode_body(
    mut block: Vec<u8>,
    response: &HttpResponse,
    max_doc: u64,
) -> Result<Vec<u8>, IngestError> {
    block.drain(..response.body_start.min(block.len()));
    let mut body = block;
    let chunked = response
        .header("Transfer-Encoding")
        .is_some_and(|te| te.to_ascii_lowercase().contains("chunked"));
    if chunked {
        if let Some(plain) = dechunk(&body) {
            body = plain;
        }
    }
    let encodings = response
        .header("Content-Encoding")
        .unwrap_or("")
        .to_ascii_lowercase();
    // Codings are listed in the order they were applied; undo them last to first.
    for coding in encodings.rsplit(',').map(str::trim) {
        body = match coding {
            "" | "identity" | "none" => body,
            "gzip" | "x-gzip" if body.starts_with(&[0x1f, 0x8b]) => {
                inflate(MultiGzDecoder::new(&body[..]), "gzip", max_doc)?
            }
            "deflate" if body.first().is_some_and(|b| b & 0x0f == 8) => {
                match inflate(ZlibDecoder::new(&body[..]), "deflate", max_doc) {
                    Ok(out) => out,
                    Err(_) => inflate(DeflateDecoder::new(&body[..]), "deflate", max_doc)?,
                }
            }
            "deflate" if !body.is_empty() => {
                inflate(DeflateDecoder::new(&body[..]), "deflate", max_doc)?
            }
            // Declared but not present: the crawler stored the decoded body.
            "gzip" | "x-gzip" | "deflate" => body,
            other => return Err(IngestError::UnsupportedEncoding(other.to_string())),
        };
    }
    if body.len() as u64 > max_doc {
        return Err(IngestError::TooLarge {
            size: body.len() as u64,
            limit: max_doc,
        });
    }
    Ok(body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::{write::GzEncoder, Compression};
    use std::io::Write;

    fn response(head: &str, body: &[u8]) -> (Vec<u8>, HttpResponse) {
        let mut block = head.replace('\n', "\r\n").into_bytes();
        block.extend_from_slice(b"\r\n");
        block.extend_from_slice(body);
        let parsed = parse_response(&block).expect("parses");
        (block, parsed)
    }

    #[test]
    fn status_headers_and_charset() {
        let (_, r) = response(
            "HTTP/1.1 200 OK\nContent-Type: text/html; charset=\"ISO-8859-1\"\nX-Long: a\n  b\n",
            b"<p>",
        );
        assert_eq!(r.status, 200);
        assert_eq!(r.header("x-long"), Some("a b"));
        let ct = r.header("content-type").unwrap_or("");
        assert_eq!(charset(ct).as_deref(), Some("ISO-8859-1"));
        assert_eq!(media_kind(ct), Some(PayloadKind::Html));
        assert_eq!(media_kind("application/pdf"), None);
        assert!(parse_response(b"GET / HTTP/1.1\r\n\r\n").is_err());
        assert!(parse_response(b"HTTP/1.1 abc OK\r\n\r\n").is_err());
    }

    #[test]
    fn chunked_bodies() {
        assert_eq!(
            dechunk(b"5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\n\r\n").as_deref(),
            Some(&b"hello world"[..])
        );
        assert_eq!(dechunk(b"<html>"), None);
        // Cut off mid-chunk: keep what arrived.
        assert_eq!(dechunk(b"a\r\nhello").as_deref(), Some(&b"hello"[..]));
        // Absurd sizes do not overflow.
        assert_eq!(dechunk(b"fffffffffffffff\r\nx").as_deref(), Some(&b"x"[..]));
        assert_eq!(dechunk(b"ffffffffffffffff\r\nx"), None);
    }

    #[test]
    fn gzip_content_encoding_and_its_bomb() {
        let mut enc = GzEncoder::new(Vec::new(), Compression::fast());
        enc.write_all(&vec![b'a'; 100_000]).expect("in-memory");
        let gz = enc.finish().expect("in-memory");
        let (block, r) = response("HTTP/1.1 200 OK\nContent-Encoding: gzip\n", &gz);
        assert_eq!(
            decode_body(block.clone(), &r, 200_000)
                .map(|b| b.len())
                .ok(),
            Some(100_000)
        );
        let err = decode_body(block, &r, 1000).expect_err("over the limit");
        assert!(
            matches!(err, IngestError::TooLargeStream { limit: 1000 }),
            "{err}"
        );
        // Declared but already decoded by the crawler.
        let (block, r) = response("HTTP/1.1 200 OK\nContent-Encoding: gzip\n", b"<p>plain</p>");
        assert_eq!(
            decode_body(block, &r, 1000).ok().as_deref(),
            Some(&b"<p>plain</p>"[..])
        );
        let (block, r) = response("HTTP/1.1 200 OK\nContent-Encoding: br\n", b"xx");
        assert!(matches!(
            decode_body(block, &r, 1000),
            Err(IngestError::UnsupportedEncoding(_))
        ));
    }
}
