//! Guessing what a stream holds from its first bytes, for inputs without a telling name.

use tocsin_model::PayloadKind;

const BOM: &[u8] = b"\xEF\xBB\xBF";

fn skip_space(bytes: &[u8]) -> &[u8] {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    &bytes[start..]
}

/// Whether `head` (the first bytes of a document) looks like HTML/XML rather than plain text.
///
/// A tag at the very start is the strong signal; failing that, one of the tags every HTML page
/// has somewhere near the top (pages that open with a comment or stray text).
pub(crate) fn looks_like_markup(head: &[u8]) -> bool {
    let trimmed = skip_space(head);
    if let [b'<', next, ..] = trimmed {
        if next.is_ascii_alphabetic() || matches!(next, b'!' | b'?' | b'/') {
            return true;
        }
    }
    let lower = head.to_ascii_lowercase();
    [&b"<html"[..], b"<!doctype", b"<head", b"<body"]
        .iter()
        .any(|tag| memchr::memmem::find(&lower, tag).is_some())
}

/// The payload kind for a document whose name says nothing.
pub(crate) fn kind_of(head: &[u8]) -> PayloadKind {
    if looks_like_markup(head) {
        PayloadKind::Html
    } else {
        PayloadKind::Text
    }
}

/// A WARC file starts with its version line; allow leading blank lines, which some writers
/// leave when concatenating files.
pub(crate) fn is_warc(head: &[u8]) -> bool {
    let start = head
        .iter()
        .position(|b| !matches!(b, b'\r' | b'\n'))
        .unwrap_or(head.len());
    head[start..].starts_with(b"WARC/")
}

/// JSON Lines start with an object.
pub(crate) fn is_jsonl(head: &[u8]) -> bool {
    skip_space(head).first() == Some(&b'{')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_text() {
        assert!(looks_like_markup(b"\xEF\xBB\xBF  <!DOCTYPE html><p>x"));
        assert!(looks_like_markup(b"<div>x</div>"));
        assert!(looks_like_markup(b"junk before\n<HTML><body>"));
        assert!(!looks_like_markup(b"Gunmen opened fire at 3 < 4 o'clock."));
        assert!(!looks_like_markup(b"\x00\x01\x02binary"));
        assert!(!looks_like_markup(b""));
    }

    #[test]
    fn containers() {
        assert!(is_warc(b"\r\nWARC/1.0\r\n"));
        assert!(!is_warc(b"WARC"));
        assert!(is_jsonl(b"\n  {\"html\": 1}"));
        assert!(!is_jsonl(b"[1]"));
    }
}
