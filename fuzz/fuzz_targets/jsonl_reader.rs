//! Arbitrary bytes as JSON Lines: every line must become a document or a failure, never a
//! panic.
#![no_main]

use std::io::Cursor;

use libfuzzer_sys::fuzz_target;
use tocsin_ingest::{Format, Ingest, Limits};

fuzz_target!(|data: &[u8]| {
    let limits = Limits {
        max_doc_bytes: 16 * 1024,
        max_record_bytes: 32 * 1024,
        ..Limits::default()
    };
    let ingest = Ingest::from_reader(
        "fuzz.jsonl",
        Cursor::new(data.to_vec()),
        Format::Jsonl,
        limits,
    );
    for item in ingest {
        if let Ok(doc) = item {
            assert!(doc.bytes.len() <= 16 * 1024);
        }
    }
});
