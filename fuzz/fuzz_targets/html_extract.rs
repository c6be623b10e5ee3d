//! Arbitrary bytes as a raw page: decoding, HTML parsing, content and metadata extraction must
//! end every input with an article or an error, never a panic, hang or huge allocation.
//!
//! The first byte picks how the page is presented (and is kept in the payload, so a seed that
//! starts with `<` is an ordinary HTML page): declared HTML, unknown (sniffed), or plain
//! text; with an out-of-band charset or without one; with a URL or without one.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tocsin_model::{PayloadKind, RawDoc, Source};

const CHARSETS: [&str; 4] = ["utf-8", "windows-1252", "shift_jis", "x-bogus"];

fuzz_target!(|data: &[u8]| {
    let selector = data.first().copied().unwrap_or(0);
    let kind = match selector % 3 {
        0 => PayloadKind::Html,
        1 => PayloadKind::Unknown,
        _ => PayloadKind::Text,
    };
    let declared_charset = match (selector >> 2) % 8 {
        n @ 0..=3 => Some(CHARSETS[n as usize].to_string()),
        _ => None,
    };
    let url =
        (selector & 0x20 != 0).then(|| "https://news.example/2024/03/22/story.html".to_string());
    let raw = RawDoc {
        source: Source {
            url,
            ..Source::default()
        },
        bytes: data.to_vec(),
        kind,
        declared_charset,
        title_hint: (selector & 0x40 != 0).then(|| "hint".to_string()),
        published_hint: None,
    };
    if let Ok(article) = tocsin_extract::extract(&raw) {
        // The body is the blocks joined by blank lines, always.
        let joined: Vec<&str> = article.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(article.text, joined.join("\n\n"));
    }
});
