//! Single-core throughput of the basic NLP layer: tokens/s and sentences/s.
//!
//! ```text
//! cargo run --release -p tocsin-nlp --example bench_tokenize -- [--seconds S] [--repeat N] FILE...
//! ```
//!
//! A FILE is plain text (one document), or `.jsonl` with one document per line whose `text`
//! field is read (decompress `.gz` first: `zcat articles.jsonl.gz > /tmp/articles.jsonl`).
//! `--repeat N` concatenates each plain-text document N times with blank lines, to measure a
//! long document made of a short one. Each stage runs over the whole corpus until at least
//! `--seconds` (default 2) have passed, after one warm-up pass, on the calling thread only.

use std::hint::black_box;
use std::process::ExitCode;
use std::time::{Duration, Instant};
use tocsin_nlp::numbers::find_numbers;
use tocsin_nlp::timex::{find_times, Date};
use tocsin_nlp::tokenize::{sentences, tokenize_into, Token};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut seconds = 2.0f64;
    let mut repeat = 1usize;
    let mut files = Vec::new();
    while let Some(a) = args.next() {
        match a.as_str() {
            "--seconds" => seconds = args.next().and_then(|s| s.parse().ok()).unwrap_or(seconds),
            "--repeat" => repeat = args.next().and_then(|s| s.parse().ok()).unwrap_or(repeat),
            _ => files.push(a),
        }
    }
    if files.is_empty() {
        eprintln!("usage: bench_tokenize [--seconds S] [--repeat N] FILE...");
        return ExitCode::FAILURE;
    }
    let mut docs: Vec<String> = Vec::new();
    for f in &files {
        let raw = match std::fs::read_to_string(f) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("{f}: {e}");
                return ExitCode::FAILURE;
            }
        };
        if f.ends_with(".jsonl") {
            for line in raw.lines() {
                let text = serde_json::from_str::<serde_json::Value>(line)
                    .ok()
                    .and_then(|v| v.get("text").and_then(|t| t.as_str()).map(str::to_string));
                if let Some(t) = text.filter(|t| !t.is_empty()) {
                    docs.push(t);
                }
            }
        } else {
            docs.push(vec![raw.as_str(); repeat].join("\n\n"));
        }
    }
    let bytes: usize = docs.iter().map(String::len).sum();
    let mut buf: Vec<Token> = Vec::new();
    let mut tokens_total = 0usize;
    let mut sentences_total = 0usize;
    for d in &docs {
        buf.clear();
        tokenize_into(d, &mut buf);
        tokens_total += buf.len();
        sentences_total += sentences(d, &buf).len();
    }
    println!(
        "corpus: {} documents, {:.1} MB, {} tokens, {} sentences (one thread)",
        docs.len(),
        bytes as f64 / 1e6,
        tokens_total,
        sentences_total
    );
    let budget = Duration::from_secs_f64(seconds);
    let report = |name: &str, passes: usize, elapsed: Duration| {
        let s = elapsed.as_secs_f64();
        let n = passes as f64;
        println!(
            "{name:<34} {:>7.2} M tokens/s {:>9.0} k sentences/s {:>7.1} MB/s  ({passes} passes, {s:.2} s)",
            tokens_total as f64 * n / s / 1e6,
            sentences_total as f64 * n / s / 1e3,
            bytes as f64 * n / s / 1e6,
        );
    };
    let run = |f: &mut dyn FnMut(&str, &mut Vec<Token>)| -> (usize, Duration) {
        let mut buf: Vec<Token> = Vec::new();
        for d in &docs {
            f(d, &mut buf);
        }
        let start = Instant::now();
        let mut passes = 0;
        while start.elapsed() < budget {
            for d in &docs {
                f(d, &mut buf);
            }
            passes += 1;
        }
        (passes, start.elapsed())
    };

    let (p, e) = run(&mut |d, buf| {
        buf.clear();
        tokenize_into(d, buf);
        black_box(buf.len());
    });
    report("tokenize", p, e);
    let (p, e) = run(&mut |d, buf| {
        buf.clear();
        tokenize_into(d, buf);
        black_box(sentences(d, buf).len());
    });
    report("tokenize + sentences", p, e);
    let anchor = Date::from_ymd(2024, 3, 26);
    let tokenized: Vec<Vec<Token>> = docs
        .iter()
        .map(|d| tocsin_nlp::tokenize::tokenize(d))
        .collect();
    let pre = |f: &dyn Fn(&str, &[Token])| -> (usize, Duration) {
        let start = Instant::now();
        let mut passes = 0;
        while passes == 0 || start.elapsed() < budget {
            for (d, t) in docs.iter().zip(&tokenized) {
                f(d, t);
            }
            passes += 1;
        }
        (passes, start.elapsed())
    };
    let (p, e) = pre(&|d, t| {
        black_box(find_numbers(d, t).len());
    });
    report("numbers (given tokens)", p, e);
    let (p, e) = pre(&|d, t| {
        black_box(find_times(d, t, anchor).len());
    });
    report("times (given tokens)", p, e);
    // The issue's target is for tokens + sentences + NER together (≥ 500,000 tokens/s).
    match tocsin_nlp::ner::Ner::embedded() {
        Ok(ner) => {
            let mut tagger = ner.tagger();
            let (p, e) = run(&mut |d, buf| {
                buf.clear();
                tokenize_into(d, buf);
                for s in sentences(d, buf) {
                    let words: Vec<&str> = buf[s.tokens].iter().map(|t| t.text(d)).collect();
                    black_box(tagger.tag(&words).len());
                }
            });
            report("tokenize + sentences + NER", p, e);
        }
        Err(e) => {
            println!("tokenize + sentences + NER: skipped, the NER model does not load ({e})")
        }
    }
    let (p, e) = run(&mut |d, _| {
        black_box(tocsin_nlp::lang::detect(d));
    });
    println!(
        "{:<34} {:>7.0} documents/s (reads the first {} bytes of each)",
        "language id",
        (docs.len() * p) as f64 / e.as_secs_f64(),
        tocsin_nlp::lang::SAMPLE_BYTES
    );
    ExitCode::SUCCESS
}
