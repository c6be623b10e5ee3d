//! `tocsin geocode --jsonl`: geo_eval.py's cmd: protocol, and clear start-up errors for a
//! missing or corrupt gazetteer (exit status 2, a message, no panic).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::process::{Command, Stdio};

use tocsin_geo::compile::{EntryRow, GazetteerBuilder};
use tocsin_geo::Kind;

fn tocsin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_tocsin"))
}

fn run(args: &[&str], stdin: &str) -> (i32, String, String) {
    let mut child = tocsin()
        .args(args)
        .env_remove("TOCSIN_GAZETTEER")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The command may exit before reading (a start-up error): a broken pipe is fine.
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn missing_gazetteer_is_a_clear_error() {
    let (code, _, err) = run(
        &[
            "geocode",
            "--jsonl",
            "--gazetteer",
            "/nonexistent/gazetteer.bin.gz",
        ],
        "{\"doc_id\": \"1\", \"text\": \"Paris\"}\n",
    );
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("not found") && err.contains("tocsin gazetteer build"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn corrupt_gazetteer_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("gaz.bin.gz");
    std::fs::write(&p, b"not a gazetteer").unwrap();
    let (code, _, err) = run(
        &["geocode", "--jsonl", "--gazetteer", p.to_str().unwrap()],
        "",
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("corrupt gazetteer"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn speaks_the_geo_eval_protocol_with_byte_offsets() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("gaz.bin.gz");
    let mut b = GazetteerBuilder::new();
    b.add(
        EntryRow::new(2017370, "Russia", Kind::Country, "RU", 60.0, 100.0).population(144_000_000),
    );
    b.add(
        EntryRow::new(524901, "Moscow", Kind::City, "RU", 55.75204, 37.61781)
            .population(10_381_222),
    );
    std::fs::write(&p, b.to_gzip().unwrap()).unwrap();
    let input = "{\"doc_id\": \"a\", \"text\": \"Überfall in Moscow, Russia.\"}\n\
                 not json\n\
                 {\"doc_id\": \"b\", \"text\": \"Nothing here.\"}\n";
    let (code, out, err) = run(
        &["geocode", "--jsonl", "--gazetteer", p.to_str().unwrap()],
        input,
    );
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "one output line per input line: {out}");
    let first: Vec<serde_json::Value> = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(first.len(), 2);
    // "Überfall in " is 13 bytes but 12 characters: offsets are bytes.
    assert_eq!(first[0]["start"], 13);
    assert_eq!(first[0]["end"], 19);
    assert_eq!(first[0]["geonameid"], 524901);
    assert!((first[0]["lat"].as_f64().unwrap() - 55.752).abs() < 0.01);
    assert_eq!(lines[1], "[]");
    assert_eq!(lines[2], "[]");

    let (code, out, _) = run(
        &[
            "geocode",
            "--jsonl",
            "--places",
            "--gazetteer",
            p.to_str().unwrap(),
        ],
        "{\"doc_id\": \"a\", \"text\": \"Moscow\"}\n",
    );
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(v["places"][0]["name"], "Moscow");
    assert_eq!(v["places"][0]["country"], "RU");
    assert_eq!(v["places"][0]["precision"], "city");
}
