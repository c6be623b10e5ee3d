//! Reads inputs the way `tocsin analyze` will and prints what came out: a quick check of a real
//! crawl file (CC-NEWS over HTTPS included) without the rest of the pipeline.
//!
//! ```sh
//! cargo run --release -p tocsin-ingest --example ingest_stats -- CC-NEWS-….warc.gz some/dir -
//! ```

use std::time::Instant;

use tocsin_ingest::{Ingest, Input, Limits};

fn main() {
    let inputs: Vec<Input> = std::env::args().skip(1).map(|a| Input::parse(&a)).collect();
    let started = Instant::now();
    let mut ingest = Ingest::new(inputs, Limits::default());
    let (mut bytes, mut shown) = (0u64, 0);
    for item in ingest.by_ref() {
        match item {
            Ok(doc) => bytes += doc.bytes.len() as u64,
            Err(failure) if shown < 20 => {
                shown += 1;
                eprintln!("failure: {failure}");
            }
            Err(_) => {}
        }
    }
    let secs = started.elapsed().as_secs_f64();
    let c = ingest.counters();
    println!("{c:#?}");
    println!(
        "{} documents, {:.1} MB of payload in {secs:.2} s ({:.0} docs/s, {:.1} MB/s)",
        c.docs,
        bytes as f64 / 1e6,
        c.docs as f64 / secs,
        bytes as f64 / 1e6 / secs
    );
}
