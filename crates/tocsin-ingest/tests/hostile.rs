//! Hostile and broken inputs: every fixture is built here, in code, so the tests need nothing
//! outside the crate.

use std::fs;
use std::io::{Read, Write};
use std::path::Path;

use flate2::{read::MultiGzDecoder, write::GzEncoder, Compression};
use proptest::prelude::*;
use tocsin_ingest::{DocFailure, Format, Ingest, IngestError, Input, Limits};
use tocsin_model::{PayloadKind, RawDoc};

type Item = Result<RawDoc, DocFailure>;

fn gz(data: &[u8]) -> Vec<u8> {
    let mut enc = GzEncoder::new(Vec::new(), Compression::fast());
    enc.write_all(data).expect("in-memory write");
    enc.finish().expect("in-memory write")
}

/// One WARC/1.1 record with the given type, target and block.
fn record(warc_type: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.1\r\nWARC-Type: {warc_type}\r\nWARC-Record-ID: <urn:uuid:{uri}>\r\n\
         WARC-Date: 2024-03-22T19:05:11Z\r\nWARC-Target-URI: {uri}\r\n\
         Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn http(head: &str, body: &[u8]) -> Vec<u8> {
    let mut out = head.replace('\n', "\r\n").into_bytes();
    out.extend_from_slice(b"\r\n");
    out.extend_from_slice(body);
    out
}

fn html_response(uri: &str, body: &str) -> Vec<u8> {
    let block = http(
        "HTTP/1.1 200 OK\nContent-Type: text/html; charset=windows-1252\nDate: Fri, 22 Mar 2024 19:05:10 GMT\n",
        body.as_bytes(),
    );
    record(
        "response",
        uri,
        "application/http; msgtype=response",
        &block,
    )
}

/// A CC-NEWS-style file: one gzip member per record.
fn warc_gz(records: &[Vec<u8>]) -> Vec<u8> {
    records.iter().flat_map(|r| gz(r)).collect()
}

fn run(inputs: Vec<Input>, limits: Limits) -> (Vec<Item>, Ingest) {
    let mut ingest = Ingest::new(inputs, limits);
    let items = ingest.by_ref().collect();
    (items, ingest)
}

fn path_input(p: &Path) -> Input {
    Input::Path(p.to_path_buf())
}

/// `ok <path>` or `err <path>: <error>`, for order-and-outcome assertions.
fn outline(items: &[Item], root: &Path) -> Vec<String> {
    let root = format!("{}/", root.display());
    items
        .iter()
        .map(|item| match item {
            Ok(doc) => format!("ok {}", doc.source.path.as_deref().unwrap_or("?")),
            Err(f) => format!(
                "err {}: {}",
                f.source.path.as_deref().unwrap_or("?"),
                f.error
            ),
        })
        .map(|line| line.replace(&root, ""))
        .collect()
}

fn small_limits() -> Limits {
    Limits {
        max_doc_bytes: 1 << 20,
        max_record_bytes: 1 << 20,
        ..Limits::default()
    }
}

#[test]
fn empty_files_are_documents_or_nothing_by_kind() {
    let dir = tempfile::tempdir().expect("tempdir");
    for name in [
        "empty.bin",
        "empty.html",
        "empty.jsonl",
        "empty.warc",
        "empty.warc.gz",
    ] {
        fs::write(dir.path().join(name), b"").expect("write");
    }
    let (items, ingest) = run(vec![path_input(dir.path())], Limits::default());
    assert_eq!(
        outline(&items, dir.path()),
        ["ok empty.bin", "ok empty.html"]
    );
    let kinds: Vec<_> = items
        .iter()
        .flatten()
        .map(|d| (d.kind, d.bytes.len()))
        .collect();
    assert_eq!(kinds, [(PayloadKind::Text, 0), (PayloadKind::Html, 0)]);
    assert_eq!(ingest.counters().inputs, 5);
}

#[test]
fn binary_files_are_yielded_unjudged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bytes: Vec<u8> = (0..=255u8).rev().cycle().take(10_000).collect();
    fs::write(dir.path().join("blob.bin"), &bytes).expect("write");
    fs::write(dir.path().join("blob.html"), &bytes).expect("write");
    let (items, _) = run(vec![path_input(dir.path())], Limits::default());
    let docs: Vec<_> = items.into_iter().map(|i| i.expect("yielded")).collect();
    assert_eq!(docs[0].kind, PayloadKind::Text);
    assert_eq!(docs[1].kind, PayloadKind::Html);
    assert!(docs.iter().all(|d| d.bytes == bytes));
}

#[test]
fn invalid_utf8_in_jsonl_fails_that_line_only() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut data = b"{\"id\": \"1\", \"html\": \"<p>one</p>\"}\n".to_vec();
    data.extend_from_slice(b"{\"id\": \"2\", \"text\": \"caf\xe9\"}\r\n");
    data.extend_from_slice(b"\n   \n{\"id\": \"3\", \"text\": \"three\"}");
    fs::write(dir.path().join("docs.jsonl"), &data).expect("write");
    let (items, ingest) = run(
        vec![path_input(&dir.path().join("docs.jsonl"))],
        Limits::default(),
    );
    let lines = outline(&items, dir.path());
    assert_eq!(lines[0], "ok docs.jsonl:1");
    assert!(
        lines[1].starts_with("err docs.jsonl:2: line 2: invalid JSON"),
        "{}",
        lines[1]
    );
    assert_eq!(lines[2], "ok docs.jsonl:5");
    let c = &ingest.counters().jsonl;
    assert_eq!((c.lines, c.yielded, c.failed, c.blank), (3, 2, 1, 2));
}

#[test]
fn jsonl_line_over_the_record_limit_fails_alone() {
    let long = format!("{{\"text\": \"{}\"}}\n", "x".repeat(5000));
    let data = format!("{long}{{\"text\": \"short\"}}\n");
    let limits = Limits {
        max_record_bytes: 1000,
        ..Limits::default()
    };
    let items: Vec<_> = Ingest::from_reader(
        "big.jsonl",
        std::io::Cursor::new(data),
        Format::Jsonl,
        limits,
    )
    .collect();
    let first = items[0].as_ref().expect_err("too long");
    assert_eq!(
        first.to_string(),
        format!(
            "big.jsonl:1: JSONL line is {} bytes, over the 1000-byte record limit",
            long.len() - 1
        )
    );
    assert_eq!(
        items[1].as_ref().map(|d| d.bytes.clone()).ok(),
        Some(b"short".to_vec())
    );
}

#[test]
fn gz_files_of_every_kind() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    fs::write(d.join("a.html.gz"), gz(b"<p>a</p>")).expect("write");
    fs::write(d.join("b.txt.gz"), gz(b"plain b")).expect("write");
    fs::write(
        d.join("c.jsonl.gz"),
        gz(b"{\"text\":\"c1\"}\n{\"html\":\"c2\"}\n"),
    )
    .expect("write");
    fs::write(
        d.join("d.warc.gz"),
        warc_gz(&[html_response("https://d.test/", "<p>d</p>")]),
    )
    .expect("write");
    fs::write(d.join("e.dat"), gz(b"<html>sniffed after gunzip")).expect("write");
    let (items, _) = run(vec![path_input(d)], Limits::default());
    let got: Vec<_> = items
        .iter()
        .map(|i| {
            let doc = i.as_ref().expect("all fine");
            (doc.kind, String::from_utf8_lossy(&doc.bytes).into_owned())
        })
        .collect();
    let want = [
        (PayloadKind::Html, "<p>a</p>"),
        (PayloadKind::Text, "plain b"),
        (PayloadKind::Text, "c1"),
        (PayloadKind::Html, "c2"),
        (PayloadKind::Html, "<p>d</p>"),
        (PayloadKind::Html, "<html>sniffed after gunzip"),
    ];
    let want: Vec<_> = want.iter().map(|(k, s)| (*k, s.to_string())).collect();
    assert_eq!(got, want);
}

#[test]
fn truncated_gz_fails_and_the_next_input_still_comes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut bytes = gz("<p>news</p>".repeat(2000).as_bytes());
    bytes.truncate(bytes.len() / 2);
    fs::write(dir.path().join("a.html.gz"), &bytes).expect("write");
    fs::write(dir.path().join("b.html"), b"<p>fine</p>").expect("write");
    let (items, ingest) = run(vec![path_input(dir.path())], Limits::default());
    let lines = outline(&items, dir.path());
    assert!(
        lines[0].starts_with("err a.html.gz: cannot read a.html.gz: "),
        "{lines:?}"
    );
    assert_eq!(lines[1], "ok b.html");
    assert_eq!((ingest.counters().docs, ingest.counters().failures), (1, 1));
}

#[test]
fn truncated_warc_record_keeps_what_came_before_and_after() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let records = [
        html_response("https://a.test/1", "<p>one</p>"),
        html_response("https://a.test/2", "<p>two</p>"),
        html_response("https://a.test/3", &"<p>three</p>".repeat(100)),
    ];
    let mut plain: Vec<u8> = records.concat();
    plain.truncate(plain.len() - 500);
    fs::write(d.join("1.warc"), &plain).expect("write");
    let mut packed = warc_gz(&records);
    packed.truncate(packed.len() - 20);
    fs::write(d.join("2.warc.gz"), &packed).expect("write");
    fs::write(d.join("3.html"), b"<p>after</p>").expect("write");
    let (items, _) = run(
        vec![
            path_input(&d.join("1.warc")),
            path_input(&d.join("2.warc.gz")),
            path_input(&d.join("3.html")),
        ],
        Limits::default(),
    );
    let lines = outline(&items, d);
    assert_eq!(lines.len(), 7, "{lines:#?}");
    assert_eq!(
        &lines[..2],
        [
            "ok 1.warc#0".to_string(),
            format!("ok 1.warc#{}", records[0].len())
        ]
    );
    assert!(
        lines[2].contains("WARC record truncated: expected"),
        "{}",
        lines[2]
    );
    assert!(lines[3].starts_with("ok 2.warc.gz#0") && lines[4].starts_with("ok 2.warc.gz#"));
    assert!(lines[5].starts_with("err 2.warc.gz#"), "{}", lines[5]);
    assert_eq!(lines[6], "ok 3.html");
    assert!(matches!(
        items[2].as_ref().map_err(|f| &f.error),
        Err(IngestError::Truncated { .. })
    ));
}

#[test]
fn garbage_after_a_record_ends_that_input_with_one_error() {
    let mut bytes = html_response("https://a.test/", "<p>ok</p>");
    bytes.extend_from_slice(b"this is not a WARC record\r\n");
    let items: Vec<_> = Ingest::from_reader(
        "x.warc",
        std::io::Cursor::new(bytes),
        Format::Warc,
        Limits::default(),
    )
    .collect();
    assert_eq!(items.len(), 2);
    assert!(items[0].is_ok());
    let err = items[1].as_ref().expect_err("malformed").to_string();
    assert!(
        err.contains("malformed WARC at byte") && err.contains("expected a `WARC/` version line"),
        "{err}"
    );
}

#[test]
fn warc_fields_map_to_the_raw_doc_and_offsets_find_the_record_again() {
    let records = [
        record(
            "warcinfo",
            "",
            "application/warc-fields",
            b"software: test\r\n",
        ),
        html_response("<https://a.test/1>", "<p>one</p>"),
        html_response("https://a.test/2", "<p>two</p>"),
    ];
    let packed = warc_gz(&records);
    let items: Vec<_> = Ingest::from_reader(
        "cc.warc.gz",
        std::io::Cursor::new(packed.clone()),
        Format::Auto,
        Limits::default(),
    )
    .collect();
    assert_eq!(items.len(), 2);
    for (item, uri) in items.iter().zip(["https://a.test/1", "https://a.test/2"]) {
        let doc = item.as_ref().expect("doc");
        assert_eq!(doc.source.url.as_deref(), Some(uri));
        assert_eq!(
            doc.source.fetched_at.as_deref(),
            Some("2024-03-22T19:05:11Z")
        );
        assert_eq!(doc.declared_charset.as_deref(), Some("windows-1252"));
        assert_eq!(doc.kind, PayloadKind::Html);
        assert!(doc
            .source
            .id
            .as_deref()
            .is_some_and(|id| id.starts_with("urn:uuid:")));
        // The offset is a gzip member boundary: decompressing from there gives the record.
        let path = doc.source.path.as_deref().expect("path");
        let offset: usize = path
            .rsplit_once('#')
            .and_then(|(_, o)| o.parse().ok())
            .expect("numeric offset");
        let mut text = String::new();
        MultiGzDecoder::new(&packed[offset..])
            .take(200)
            .read_to_string(&mut text)
            .expect("member");
        assert!(text.starts_with("WARC/1.1") && text.contains(uri), "{text}");
    }
    // One gzip member for the whole file: offsets are unknowable, record numbers are used.
    let whole = gz(&records.concat());
    let paths: Vec<_> = Ingest::from_reader(
        "w.warc.gz",
        std::io::Cursor::new(whole),
        Format::Warc,
        Limits::default(),
    )
    .map(|i| i.expect("doc").source.path.unwrap_or_default())
    .collect();
    assert_eq!(paths, ["w.warc.gz#record-1", "w.warc.gz#record-2"]);
}

#[test]
fn non_html_records_are_skipped_and_counted() {
    let png = http("HTTP/1.1 200 OK\nContent-Type: image/png\n", b"\x89PNG");
    let not_found = http(
        "HTTP/1.1 404 Not Found\nContent-Type: text/html\n",
        b"<p>gone</p>",
    );
    let untyped = http("HTTP/1.1 200 OK\n", b"<!doctype html><p>no type</p>");
    let records = [
        record(
            "warcinfo",
            "",
            "application/warc-fields",
            b"software: test\r\n",
        ),
        record(
            "request",
            "https://a.test/",
            "application/http; msgtype=request",
            b"GET / HTTP/1.1\r\n\r\n",
        ),
        record(
            "metadata",
            "https://a.test/",
            "application/warc-fields",
            b"fetchTimeMs: 12\r\n",
        ),
        record(
            "revisit",
            "https://a.test/",
            "application/http; msgtype=response",
            b"",
        ),
        record(
            "response",
            "dns:a.test",
            "text/dns",
            b"a.test. 300 IN A 10.0.0.1",
        ),
        record(
            "response",
            "https://a.test/p.png",
            "application/http; msgtype=response",
            &png,
        ),
        record(
            "response",
            "https://a.test/gone",
            "application/http; msgtype=response",
            &not_found,
        ),
        record(
            "resource",
            "file:///x.html",
            "text/html",
            b"<p>resource</p>",
        ),
        record(
            "response",
            "https://a.test/u",
            "application/http; msgtype=response",
            &untyped,
        ),
        html_response("https://a.test/", "<p>kept</p>"),
    ];
    let items: Vec<_> = {
        let mut ingest = Ingest::from_reader(
            "mix.warc",
            std::io::Cursor::new(records.concat()),
            Format::Warc,
            Limits::default(),
        );
        let items: Vec<_> = ingest.by_ref().collect();
        let w = &ingest.counters().warc;
        assert_eq!(w.records, 10);
        assert_eq!(w.yielded, 3);
        assert_eq!(w.failed, 0);
        assert_eq!(w.skipped_record_type, 4);
        assert_eq!(w.skipped_not_http, 1);
        assert_eq!(w.skipped_not_html, 1);
        assert_eq!(w.skipped_http_status, 1);
        assert_eq!(w.skipped(), 7);
        items
    };
    let bodies: Vec<_> = items
        .iter()
        .map(|i| String::from_utf8_lossy(&i.as_ref().expect("doc").bytes).into_owned())
        .collect();
    assert_eq!(
        bodies,
        [
            "<p>resource</p>",
            "<!doctype html><p>no type</p>",
            "<p>kept</p>"
        ]
    );
}

#[test]
fn chunked_and_gzipped_payloads_are_decoded() {
    let inner = gz(b"<p>chunked and gzipped</p>");
    let mut body = Vec::new();
    for chunk in inner.chunks(7) {
        body.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
        body.extend_from_slice(chunk);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(b"0\r\n\r\n");
    let block = http(
        "HTTP/1.1 200 OK\nContent-Type: text/html\nTransfer-Encoding: chunked\nContent-Encoding: gzip\n",
        &body,
    );
    let plain_chunked = http(
        "HTTP/1.1 200 OK\nContent-Type: text/html\nTransfer-Encoding: chunked\n",
        b"4\r\n<p>a\r\n5\r\nb</p>\r\n0\r\n\r\n",
    );
    let bytes = [
        record(
            "response",
            "https://a.test/1",
            "application/http; msgtype=response",
            &block,
        ),
        record(
            "response",
            "https://a.test/2",
            "application/http; msgtype=response",
            &plain_chunked,
        ),
    ]
    .concat();
    let bodies: Vec<_> = Ingest::from_reader(
        "c.warc",
        std::io::Cursor::new(bytes),
        Format::Warc,
        Limits::default(),
    )
    .map(|i| i.expect("doc").bytes)
    .collect();
    assert_eq!(
        bodies,
        [
            b"<p>chunked and gzipped</p>".to_vec(),
            b"<p>ab</p>".to_vec()
        ]
    );
}

#[test]
fn warc_gzip_bomb_stops_at_the_limit() {
    // A record whose gzip member expands to 200 MB of zeros (about 1 MB compressed).
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n";
    let size = 200 << 20;
    let mut enc = GzEncoder::new(Vec::new(), Compression::fast());
    let header = format!(
        "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: https://bomb.test/\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{head}",
        head.len() + size
    );
    enc.write_all(header.as_bytes()).expect("in-memory");
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..size >> 20 {
        enc.write_all(&zeros).expect("in-memory");
    }
    enc.write_all(b"\r\n\r\n").expect("in-memory");
    let bomb = enc.finish().expect("in-memory");
    assert!(bomb.len() < 2 << 20, "{}", bomb.len());

    // And a stored HTTP body whose Content-Encoding: gzip expands to 200 MB.
    let member = gz(&zeros);
    let inner_bomb: Vec<u8> = (0..200).flat_map(|_| member.iter().copied()).collect();
    let encoded = http(
        "HTTP/1.1 200 OK\nContent-Type: text/html\nContent-Encoding: gzip\n",
        &inner_bomb,
    );

    let mut file = gz(&html_response("https://a.test/before", "<p>before</p>"));
    file.extend_from_slice(&bomb);
    file.extend_from_slice(&gz(&record(
        "response",
        "https://bomb.test/2",
        "application/http; msgtype=response",
        &encoded,
    )));
    file.extend_from_slice(&gz(&html_response("https://a.test/after", "<p>after</p>")));

    let mut ingest = Ingest::from_reader(
        "bomb.warc.gz",
        std::io::Cursor::new(file),
        Format::Auto,
        small_limits(),
    );
    let items: Vec<_> = ingest.by_ref().collect();
    let urls: Vec<_> = items
        .iter()
        .map(|i| match i {
            Ok(d) => format!("ok {}", d.source.url.as_deref().unwrap_or("")),
            Err(f) => format!("err {}: {}", f.source.url.as_deref().unwrap_or(""), f.error),
        })
        .collect();
    assert_eq!(
        urls,
        [
            "ok https://a.test/before".to_string(),
            format!("err https://bomb.test/: WARC record is {} bytes, over the 1048576-byte record limit", head.len() + size),
            "err https://bomb.test/2: document is over the 1048576-byte limit (reading stopped there)".to_string(),
            "ok https://a.test/after".to_string(),
        ]
    );
    assert_eq!(ingest.counters().warc.failed, 2);
}

#[test]
fn fifty_megabyte_file_fails_by_default_and_passes_with_a_raised_limit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("huge.html");
    let file = fs::File::create(&path).expect("create");
    file.set_len(50 << 20).expect("sparse 50 MB");
    let (items, _) = run(vec![path_input(&path)], Limits::default());
    let err = items[0].as_ref().expect_err("over the limit");
    assert_eq!(
        err.error.to_string(),
        "document is 52428800 bytes, over the 33554432-byte limit"
    );
    let raised = Limits {
        max_doc_bytes: 64 << 20,
        ..Limits::default()
    };
    let (items, _) = run(vec![path_input(&path)], raised);
    assert_eq!(
        items[0].as_ref().map(|d| d.bytes.len()).ok(),
        Some(50 << 20)
    );
    // Streamed (gzip): the size is unknown up front, so reading stops at the limit.
    let gz_path = dir.path().join("huge.html.gz");
    fs::write(&gz_path, gz(&vec![b' '; 3 << 20])).expect("write");
    let (items, _) = run(vec![path_input(&gz_path)], small_limits());
    let err = items[0].as_ref().expect_err("over the limit");
    assert!(matches!(
        err.error,
        IngestError::TooLargeStream { limit: 1_048_576 }
    ));
}

#[test]
fn unknown_names_are_sniffed_before_the_size_check() {
    let dir = tempfile::tempdir().expect("tempdir");
    let records = [
        html_response("https://a.test/1", "<p>one</p>"),
        html_response("https://a.test/2", "<p>two</p>"),
    ];
    fs::write(dir.path().join("crawl.dat"), records.concat()).expect("write");
    fs::write(dir.path().join("page.dat"), "<p>x</p>".repeat(100)).expect("write");
    let limits = Limits {
        max_doc_bytes: 100,
        ..Limits::default()
    };
    let (items, _) = run(vec![path_input(dir.path())], limits);
    let lines = outline(&items, dir.path());
    assert_eq!(
        lines[..2],
        [
            "ok crawl.dat#0".to_string(),
            format!("ok crawl.dat#{}", records[0].len())
        ]
    );
    assert_eq!(
        lines[2],
        "err page.dat: document is 800 bytes, over the 100-byte limit"
    );
}

#[test]
fn directories_are_walked_in_sorted_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    for (name, body) in [
        ("b/2.html", "<p>2</p>"),
        ("b/1.txt", "1"),
        ("a.html", "<p>a</p>"),
        ("c/d/e.htm", "<p>e</p>"),
        (".hidden/x.html", "<p>x</p>"),
        ("B.html", "<p>B</p>"),
    ] {
        let path = d.join(name);
        fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        fs::write(path, body).expect("write");
    }
    fs::write(d.join("z.txt.gz"), gz(b"z")).expect("write");
    #[cfg(unix)]
    std::os::unix::fs::symlink(d, d.join("c/loop")).expect("symlink");
    let missing = d.join("missing.html");
    let (items, ingest) = run(
        vec![
            path_input(d),
            path_input(&missing),
            path_input(&d.join("a.html")),
        ],
        Limits::default(),
    );
    let lines = outline(&items, d);
    let want = [
        "ok B.html",
        "ok a.html",
        "ok b/1.txt",
        "ok b/2.html",
        "ok c/d/e.htm",
        "ok z.txt.gz",
        "err missing.html: cannot open missing.html: ",
        "ok a.html",
    ];
    assert_eq!(lines.len(), want.len(), "{lines:#?}");
    for (line, want) in lines.iter().zip(want) {
        assert!(line.starts_with(want), "{line} should start with {want}");
    }
    assert_eq!(ingest.counters().inputs, 8);
}

#[cfg(feature = "http")]
mod http {
    use super::*;
    use std::io::BufRead;
    use std::net::TcpListener;

    /// Serves each request path from `routes` (path, content type, body); closes after `n`.
    fn serve(routes: Vec<(&'static str, &'static str, Vec<u8>)>, n: usize) -> String {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let addr = listener.local_addr().expect("addr");
        std::thread::spawn(move || {
            for stream in listener.incoming().take(n) {
                let Ok(mut stream) = stream else { continue };
                let mut line = String::new();
                let mut reader = std::io::BufReader::new(stream.try_clone().expect("clone"));
                reader.read_line(&mut line).expect("request line");
                loop {
                    let mut h = String::new();
                    if reader.read_line(&mut h).unwrap_or(0) <= 2 {
                        break;
                    }
                }
                let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
                let reply = match routes.iter().find(|(p, _, _)| *p == path) {
                    Some((_, ct, body)) => {
                        let mut r = format!(
                            "HTTP/1.1 200 OK\r\nContent-Type: {ct}\r\nContent-Length: {}\r\nDate: Fri, 22 Mar 2024 19:05:10 GMT\r\nConnection: close\r\n\r\n",
                            body.len()
                        )
                        .into_bytes();
                        r.extend_from_slice(body);
                        r
                    }
                    None => {
                        b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                            .to_vec()
                    }
                };
                let _ = stream.write_all(&reply);
            }
        });
        format!("http://{addr}")
    }

    #[test]
    fn urls_are_streamed_as_warc_or_pages() {
        let warc = warc_gz(&[
            record("warcinfo", "", "application/warc-fields", b"x: y\r\n"),
            html_response("https://a.test/1", "<p>one</p>"),
        ]);
        let base = serve(
            vec![
                ("/cc/CC-NEWS-1.warc.gz", "application/octet-stream", warc),
                (
                    "/page",
                    "text/html; charset=ISO-8859-1",
                    b"<p>caf\xe9</p>".to_vec(),
                ),
            ],
            3,
        );
        let refused = {
            let l = TcpListener::bind("127.0.0.1:0").expect("bind");
            format!("http://{}/gone", l.local_addr().expect("addr"))
        };
        let inputs = [
            format!("{base}/cc/CC-NEWS-1.warc.gz"),
            format!("{base}/page"),
            format!("{base}/nothing-here"),
            refused,
        ];
        let (items, _) = run(
            inputs.iter().map(|a| Input::parse(a)).collect(),
            Limits::default(),
        );
        assert_eq!(items.len(), 4);
        let first = items[0].as_ref().expect("warc doc");
        assert_eq!(first.source.url.as_deref(), Some("https://a.test/1"));
        assert_eq!(
            first.source.path.as_deref(),
            Some(
                format!(
                    "{}#{}",
                    inputs[0],
                    gz(&record(
                        "warcinfo",
                        "",
                        "application/warc-fields",
                        b"x: y\r\n"
                    ))
                    .len()
                )
                .as_str()
            )
        );
        let page = items[1].as_ref().expect("page");
        assert_eq!(page.kind, PayloadKind::Html);
        assert_eq!(page.declared_charset.as_deref(), Some("ISO-8859-1"));
        assert_eq!(page.source.url.as_deref(), Some(inputs[1].as_str()));
        assert_eq!(
            page.source.fetched_at.as_deref(),
            Some("2024-03-22T19:05:10Z")
        );
        assert_eq!(page.bytes, b"<p>caf\xe9</p>");
        let not_found = items[2].as_ref().expect_err("404").to_string();
        assert!(not_found.contains("HTTP 404"), "{not_found}");
        assert!(matches!(
            items[3].as_ref().map_err(|f| &f.error),
            Err(IngestError::Fetch { .. })
        ));
    }
}

fn tiny_limits() -> Limits {
    Limits {
        max_doc_bytes: 2048,
        max_record_bytes: 4096,
        ..Limits::default()
    }
}

/// Reads everything; the point is that it returns (no panic, no hang).
fn drain(bytes: Vec<u8>, format: Format) -> usize {
    Ingest::from_reader("fuzz", std::io::Cursor::new(bytes), format, tiny_limits()).count()
}

fn header_line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("WARC-Type: response".to_string()),
        Just("WARC-Type: resource".to_string()),
        Just("Content-Type: application/http; msgtype=response".to_string()),
        (0u64..300).prop_map(|n| format!("Content-Length: {n}")),
        "[ -~]{0,20}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn readers_never_panic_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        for format in [Format::Warc, Format::Jsonl, Format::Auto, Format::Html] {
            drain(bytes.clone(), format);
        }
        drain(gz(&bytes), Format::Auto);
        let mut warc = b"WARC/1.1\r\n".to_vec();
        warc.extend_from_slice(&bytes);
        drain(warc, Format::Warc);
    }

    #[test]
    fn warc_reader_never_panics_on_almost_valid_records(
        lines in proptest::collection::vec(header_line(), 0..6),
        http_head in "HTTP/1\\.[01] [0-9]{3} [ -~]{0,8}(\r\n[A-Za-z-]{1,12}: [ -~]{0,16}){0,4}(\r\n)?\r\n",
        body in proptest::collection::vec(any::<u8>(), 0..300),
        cut in any::<prop::sample::Index>(),
        packed in any::<bool>(),
    ) {
        let mut block = http_head.into_bytes();
        block.extend_from_slice(&body);
        let mut rec = format!("WARC/1.1\r\n{}\r\n\r\n", lines.join("\r\n")).into_bytes();
        rec.extend_from_slice(&block);
        rec.extend_from_slice(b"\r\n\r\n");
        let mut bytes = [rec.clone(), rec].concat();
        bytes.truncate(cut.index(bytes.len() + 1));
        let bytes = if packed { gz(&bytes) } else { bytes };
        drain(bytes, Format::Warc);
    }

    #[test]
    fn jsonl_reader_never_panics_on_almost_valid_lines(
        lines in proptest::collection::vec(
            prop_oneof![
                "\\{\"(id|url|html|text|title|published)\": (\"[ -~]{0,10}\"|[0-9]{1,5}|null|\\[\\]|\\{\\})\\}",
                "[ -~]{0,30}",
                proptest::collection::vec(any::<u8>(), 0..30).prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
            ],
            0..8,
        ),
    ) {
        drain(lines.join("\n").into_bytes(), Format::Jsonl);
    }
}
