//! Bytes to text: the charset is taken from the BOM, the HTTP header, the page's own `<meta>`,
//! and only then guessed, because a declared charset is right far more often than a guess —
//! except when the bytes are not valid in it, which `decode` detects and then re-guesses.

use encoding_rs::{Encoding, UTF_8};

/// Why a payload could not be turned into text.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DecodeError {
    /// The payload is empty or only whitespace.
    #[error("empty document")]
    Empty,
    /// The payload looks like binary data (an image, a PDF, an archive), not text.
    #[error("binary content ({0}), not a text or HTML document")]
    Binary(&'static str),
}

/// Text decoded from a payload, and how.
#[derive(Debug)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// The encoding that was used.
    pub encoding: &'static Encoding,
    /// Where the encoding came from.
    pub how: &'static str,
    /// Whether malformed sequences were replaced with U+FFFD.
    pub had_errors: bool,
}

/// Decodes `bytes`, honouring a charset declared out of band.
pub fn decode(bytes: &[u8], declared: Option<&str>) -> Result<Decoded, DecodeError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(DecodeError::Empty);
    }
    if let Some(kind) = sniff_binary(bytes) {
        return Err(DecodeError::Binary(kind));
    }
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return Ok(run(encoding, &bytes[bom_len..], "bom"));
    }
    let declared = declared
        .and_then(|label| Encoding::for_label(label.trim().as_bytes()))
        .map(|e| (e, "http header"))
        .or_else(|| meta_charset(bytes).map(|e| (e, "meta")));
    if let Some((encoding, how)) = declared {
        let encoding = if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
            // A page that reached us as bytes with an ASCII <meta> cannot be UTF-16.
            UTF_8
        } else {
            encoding
        };
        // Text that is valid UTF-8 and not plain ASCII is UTF-8 whatever the page says:
        // multi-byte sequences are almost never valid UTF-8 by accident, and re-saved pages
        // keep their old `<meta charset>` (a GBK declaration over UTF-8 bytes is mojibake).
        let utf8_with_non_ascii = !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok();
        if utf8_with_non_ascii {
            return Ok(run(UTF_8, bytes, "valid utf-8 over declaration"));
        }
        if encoding != UTF_8 {
            return Ok(run(encoding, bytes, how));
        }
        // Declared UTF-8 but not valid: pages often lie; guess below.
    }
    if std::str::from_utf8(bytes).is_ok() {
        return Ok(run(UTF_8, bytes, "valid utf-8"));
    }
    // UTF-8 text with a stray byte of another charset (a Latin-1 "ä" in a script comment)
    // is still UTF-8: guessing a single-byte charset would garble every other character.
    if declared.is_none_or(|(e, _)| e == UTF_8) && mostly_utf8(bytes) {
        return Ok(run(UTF_8, bytes, "utf-8 with stray bytes"));
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Allow);
    Ok(run(encoding, bytes, "detected"))
}

/// Whether the bytes hold many more well-formed multi-byte UTF-8 sequences than malformed
/// ones: at least eight well-formed ones per malformed one, and at least eight in all.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let mut rest = bytes;
    let (mut good, mut bad) = (0usize, 0usize);
    loop {
        match std::str::from_utf8(rest) {
            Ok(valid) => {
                good += count_multibyte(valid.as_bytes());
                break;
            }
            Err(e) => {
                good += count_multibyte(&rest[..e.valid_up_to()]);
                bad += 1;
                let skip = e.valid_up_to() + e.error_len().unwrap_or(rest.len() - e.valid_up_to());
                rest = &rest[skip.min(rest.len())..];
                if bad * 8 > good + 64 {
                    return false;
                }
            }
        }
    }
    good >= 8 && good >= bad * 8
}

/// Lead bytes of multi-byte sequences in valid UTF-8.
fn count_multibyte(valid: &[u8]) -> usize {
    valid.iter().filter(|&&b| b >= 0xC0).count()
}

fn run(encoding: &'static Encoding, bytes: &[u8], how: &'static str) -> Decoded {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    Decoded {
        text: text.into_owned(),
        encoding,
        how,
        had_errors,
    }
}

/// Recognises common binary formats by magic number, and anything with many NUL bytes.
fn sniff_binary(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"%PDF-", "pdf"),
        (b"\x89PNG", "png"),
        (b"\xff\xd8\xff", "jpeg"),
        (b"GIF8", "gif"),
        (b"PK\x03\x04", "zip"),
        (b"\x1f\x8b", "gzip"),
        (b"RIFF", "riff"),
        (b"\x7fELF", "elf"),
        (b"\x28\xb5\x2f\xfd", "zstd"),
        (b"BZh", "bzip2"),
        (b"\xfd7zXZ", "xz"),
        (b"OggS", "ogg"),
        (b"wOFF", "woff"),
        (b"wOF2", "woff2"),
    ];
    for (magic, kind) in MAGIC {
        if bytes.starts_with(magic) {
            return Some(kind);
        }
    }
    if bytes.len() > 4 && bytes[4..].starts_with(b"ftyp") {
        return Some("mp4");
    }
    let head = &bytes[..bytes.len().min(4096)];
    let utf16 = Encoding::for_bom(bytes).is_some_and(|(e, _)| e != UTF_8);
    // Text has almost no C0 controls besides tab, newline, form feed and carriage return;
    // compressed or executable data has about one byte in twelve.
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b))
        .count();
    if !utf16 && controls * 50 > head.len().max(1) {
        return Some("control bytes");
    }
    None
}

/// Finds `<meta charset=…>` or `<meta http-equiv=content-type content="…charset=…">` in the
/// first kilobytes, as browsers' prescan does.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(8192)];
    let mut at = 0;
    while let Some(i) = memchr::memmem::find(&head[at..], b"charset") {
        let mut j = at + i + 7;
        at = j;
        while j < head.len() && matches!(head[j], b' ' | b'\t' | b'\n' | b'\r') {
            j += 1;
        }
        if head.get(j) != Some(&b'=') {
            continue;
        }
        j += 1;
        while j < head.len() && matches!(head[j], b' ' | b'"' | b'\'') {
            j += 1;
        }
        let start = j;
        while j < head.len()
            && (head[j].is_ascii_alphanumeric() || matches!(head[j], b'-' | b'_' | b':' | b'.'))
        {
            j += 1;
        }
        if let Some(enc) = Encoding::for_label(&head[start..j]) {
            return Some(enc);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_header_outranks_meta() {
        let bytes = b"<meta charset=utf-8><p>caf\xe9</p>";
        let d = decode(bytes, Some("iso-8859-1")).expect("decodes");
        assert!(d.text.contains("café"));
        assert_eq!(d.how, "http header");
    }

    #[test]
    fn meta_charset_is_honoured() {
        let bytes = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\"></head><p>\xcf\xf0\xe8\xe2\xe5\xf2</p>";
        let d = decode(bytes, None).expect("decodes");
        assert!(d.text.contains("Привет"), "{}", d.text);
    }

    #[test]
    fn a_wrong_utf8_declaration_is_overridden_by_detection() {
        let bytes = "<meta charset=\"utf-8\"><p>Müller sagte, die Straße sei gesperrt.</p>"
            .bytes()
            .collect::<Vec<_>>();
        let latin1: Vec<u8> = encoding_rs::WINDOWS_1252
            .encode(std::str::from_utf8(&bytes).expect("utf8"))
            .0
            .into_owned();
        let d = decode(&latin1, None).expect("decodes");
        assert!(
            d.text.contains("Müller") && d.text.contains("Straße"),
            "{}",
            d.text
        );
    }

    #[test]
    fn utf8_with_a_stray_latin1_byte_stays_utf8() {
        let mut bytes = b"<meta charset=\"UTF-8\"><script>/* M\xe4scot */</script>".to_vec();
        bytes.extend_from_slice(
            "<p>Mäscot das Schaf: weiß, ängstlich, naiv und grün gefärbt, sagt Müller.</p>\
             <p>Schafe fressen große Mengen Gras; mehr interessiert sie nicht, hört man.</p>"
                .as_bytes(),
        );
        for declared in [None, Some("utf-8")] {
            let d = decode(&bytes, declared).expect("decodes");
            assert!(d.text.contains("weiß, ängstlich"), "{}", d.text);
            assert!(d.text.contains("M\u{fffd}scot */"), "{}", d.text);
        }
        // Mostly Latin-1 with a few UTF-8-looking pairs is still detected as Latin-1.
        let latin1 =
            b"<p>M\xfcller sagte, die Stra\xdfe sei gesperrt, \xe4ngstlich und \xf6de.</p>";
        let d = decode(latin1, None).expect("decodes");
        assert!(
            d.text.contains("Müller") && d.text.contains("Straße"),
            "{}",
            d.text
        );
    }

    #[test]
    fn valid_utf8_outranks_a_stale_declaration() {
        let page = "<meta charset=gb2312><p>谷歌在2014年收购的人工智能公司</p>";
        let d = decode(page.as_bytes(), None).expect("decodes");
        assert!(d.text.contains("谷歌在2014年"), "{}", d.text);
    }

    #[test]
    fn bom_wins() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice("<p>naïve</p>".as_bytes());
        let d = decode(&bytes, Some("windows-1252")).expect("decodes");
        assert_eq!(d.text, "<p>naïve</p>");
    }

    #[test]
    fn binary_and_empty_are_errors() {
        assert_eq!(decode(b"", None).unwrap_err(), DecodeError::Empty);
        assert_eq!(decode(b"  \n", None).unwrap_err(), DecodeError::Empty);
        assert!(matches!(
            decode(b"%PDF-1.4 ...", None),
            Err(DecodeError::Binary("pdf"))
        ));
        let noise: Vec<u8> = (0..2000u32).map(|i| (i * 7 % 256) as u8).collect();
        assert!(decode(&noise, None).is_err());
    }

    #[test]
    fn invalid_bytes_never_panic() {
        let d = decode(b"<p>\xff\xfe\xfd ok \xc3</p>", Some("utf-8")).expect("decodes");
        assert!(d.text.contains("ok"));
    }
}
