//! Prints what the basic NLP layer finds in a text file: sentences, and optionally tokens,
//! numbers and time expressions.
//!
//! `cargo run -p tocsin-nlp --example nlp_dump -- FILE [--tokens] [--anchor 2024-03-26]`

use std::process::ExitCode;
use tocsin_nlp::numbers::find_numbers;
use tocsin_nlp::timex::{find_times, Date};
use tocsin_nlp::tokenize::{dateline, sentences, tokenize};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.iter().find(|a| !a.starts_with("--")) else {
        eprintln!("usage: nlp_dump FILE [--tokens]");
        return ExitCode::FAILURE;
    };
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let show_tokens = args.iter().any(|a| a == "--tokens");
    let tokens = tokenize(&text);
    if let Some(d) = dateline(&text, &tokens) {
        println!("DATELINE {:?}", d.span.slice(&text));
    }
    for s in sentences(&text, &tokens) {
        println!("S| {}", s.text(&text).replace('\n', "⏎"));
        if show_tokens {
            let words: Vec<String> = tokens[s.tokens.clone()]
                .iter()
                .map(|t| format!("{}/{:?}", t.text(&text), t.kind))
                .collect();
            println!("   {}", words.join(" "));
        }
    }
    let anchor = args
        .iter()
        .position(|a| a == "--anchor")
        .and_then(|i| args.get(i + 1))
        .and_then(|s| Date::parse_iso(s));
    if let Some(lang) = tocsin_nlp::lang::detect(&text) {
        println!(
            "LANG {} ({:.2}, {:?})",
            lang.code, lang.confidence, lang.coverage
        );
    }
    for n in find_numbers(&text, &tokens) {
        println!(
            "NUM {:?} value={} min={:?} max={:?} exact={} {:?} {:?}",
            n.text, n.value, n.min, n.max, n.exact, n.qualifier, n.kind
        );
    }
    for t in find_times(&text, &tokens, anchor) {
        println!(
            "TIME {:?} value={:?} {:?} {:?}..{:?} relative={} approximate={}",
            t.text,
            t.value,
            t.precision,
            t.start_date.map(|d| d.to_string()),
            t.end_date.map(|d| d.to_string()),
            t.relative,
            t.approximate
        );
    }
    ExitCode::SUCCESS
}
