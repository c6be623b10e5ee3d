//! Arbitrary bytes as a WARC stream (plain, or gzip when they start with its magic): the
//! reader must end every input with documents or failures, never a panic, hang or huge
//! allocation.
#![no_main]

use std::io::Cursor;

use libfuzzer_sys::fuzz_target;
use tocsin_ingest::{Format, Ingest, Limits};

fuzz_target!(|data: &[u8]| {
    let limits = Limits {
        max_doc_bytes: 64 * 1024,
        max_record_bytes: 128 * 1024,
        ..Limits::default()
    };
    let ingest = Ingest::from_reader(
        "fuzz.warc",
        Cursor::new(data.to_vec()),
        Format::Warc,
        limits,
    );
    for item in ingest {
        if let Ok(doc) = item {
            assert!(doc.bytes.len() <= 64 * 1024);
        }
    }
});
