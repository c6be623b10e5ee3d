//! `tocsin run` against a local site that serves a feed, articles and a robots.txt: it
//! fetches what the feed lists (and robots.txt allows), analyses and stores it, serves the API
//! meanwhile, asks for the feed again conditionally, and refuses loopback addresses unless
//! `--allow-private-addresses` is given.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const ARTICLE: &str = "<html><head><title>Gunmen attack market in Peshawar</title></head><body><article>\
<h1>Gunmen attack market in Peshawar</h1>\
<p>Gunmen opened fire at a crowded market in Peshawar, Pakistan, on Friday, killing at least 12 people and wounding 30 others, police said.</p>\
<p>No group has claimed responsibility for the attack, which came a week after a bombing in the same city.</p>\
<p>Security forces sealed off the area and began a search for the attackers, officials said on Saturday.</p>\
</article></body></html>";

const QUIET: &str = "<html><head><title>Council approves budget</title></head><body><article>\
<p>The city council approved next year's budget on Monday after a long debate about parks, roads and schools.</p>\
<p>The mayor said the plan would be published in full next week.</p></article></body></html>";

/// A tiny HTTP/1.1 site; records each request line with its If-None-Match header.
fn site() -> (u16, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let log = Arc::new(Mutex::new(Vec::new()));
    let log2 = log.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let log = log2.clone();
            std::thread::spawn(move || serve_one(stream, port, &log));
        }
    });
    (port, log)
}

fn serve_one(mut stream: TcpStream, port: u16, log: &Mutex<Vec<String>>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request = String::new();
    if reader.read_line(&mut request).is_err() {
        return;
    }
    let mut inm = String::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).unwrap_or(0) == 0 || h == "\r\n" {
            break;
        }
        if let Some(v) = h.to_ascii_lowercase().strip_prefix("if-none-match:") {
            inm = v.trim().to_string();
        }
    }
    let path = request.split_whitespace().nth(1).unwrap_or("/").to_string();
    log.lock().unwrap().push(format!("{path} {inm}"));
    let feed = format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Local</title>\
         <item><title>Gunmen attack market</title><link>http://127.0.0.1:{port}/a1.html</link><pubDate>Sat, 04 May 2024 09:00:00 GMT</pubDate></item>\
         <item><title>Council budget</title><link>http://127.0.0.1:{port}/a2.html</link></item>\
         <item><title>Hidden</title><link>http://127.0.0.1:{port}/private/a3.html</link></item>\
         </channel></rss>"
    );
    let (status, ctype, body, etag) = match path.as_str() {
        "/robots.txt" => (
            "200 OK",
            "text/plain",
            "User-agent: *\nDisallow: /private/\n".to_string(),
            "",
        ),
        "/feed.xml" if inm == "\"v1\"" => (
            "304 Not Modified",
            "application/rss+xml",
            String::new(),
            "\"v1\"",
        ),
        "/feed.xml" => ("200 OK", "application/rss+xml", feed, "\"v1\""),
        "/a1.html" => (
            "200 OK",
            "text/html; charset=utf-8",
            ARTICLE.to_string(),
            "",
        ),
        "/a2.html" => ("200 OK", "text/html; charset=utf-8", QUIET.to_string(), ""),
        "/private/a3.html" => (
            "200 OK",
            "text/html",
            ARTICLE.replace("Peshawar", "Quetta"),
            "",
        ),
        _ => ("404 Not Found", "text/plain", "no".to_string(), ""),
    };
    let etag = if etag.is_empty() {
        String::new()
    } else {
        format!("ETag: {etag}\r\n")
    };
    let _ = write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\n{etag}Connection: close\r\n\r\n{body}",
        body.len()
    );
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn http_get(port: u16, path: &str) -> Option<serde_json::Value> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut resp = String::new();
    s.read_to_string(&mut resp).ok()?;
    let body = resp.split_once("\r\n\r\n")?.1;
    serde_json::from_str(body).ok()
}

fn run(data: &std::path::Path, api: u16, site: u16, allow: bool) -> Child {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tocsin"));
    cmd.args(["run", "--data"])
        .arg(data)
        .args(["--listen", &format!("127.0.0.1:{api}")])
        .args(["--feed", &format!("http://127.0.0.1:{site}/feed.xml")])
        .args(["--interval", "1", "--host-interval", "0"])
        .env_remove("TOCSIN_GAZETTEER")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    if allow {
        cmd.arg("--allow-private-addresses");
    }
    cmd.spawn().unwrap()
}

#[test]
fn it_polls_fetches_analyses_stores_and_serves() {
    let (site_port, log) = site();
    let dir = tempfile::tempdir().unwrap();
    let api = free_port();
    let mut child = run(dir.path(), api, site_port, true);
    let t = Instant::now();
    let mut docs = 0;
    while t.elapsed() < Duration::from_secs(90) {
        docs = http_get(api, "/api/stats")
            .and_then(|v| v["documents"].as_u64())
            .unwrap_or(0);
        if docs >= 2 {
            break;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    assert_eq!(docs, 2, "the two allowed articles are stored");
    let events = http_get(api, "/api/events?country=PK").unwrap();
    assert!(events["total"].as_u64().unwrap() >= 1, "{events}");
    let e = &events["events"][0];
    assert_eq!(e["type"], "attack.armed_assault");
    assert_eq!(e["killed"]["min"], 12);
    assert_eq!(
        e["sources"][0]["url"],
        format!("http://127.0.0.1:{site_port}/a1.html")
    );
    // A second poll asks for the feed conditionally and gets 304.
    let t = Instant::now();
    while t.elapsed() < Duration::from_secs(20) {
        if log.lock().unwrap().iter().any(|l| l == "/feed.xml \"v1\"") {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    child.kill().unwrap();
    let _ = child.wait();
    let log = log.lock().unwrap();
    assert!(
        log.iter().any(|l| l == "/feed.xml \"v1\""),
        "conditional GET: {log:?}"
    );
    assert!(
        log.iter().any(|l| l.starts_with("/robots.txt")),
        "robots.txt is read: {log:?}"
    );
    assert!(
        !log.iter().any(|l| l.starts_with("/private/")),
        "robots.txt is obeyed: {log:?}"
    );
    assert_eq!(
        log.iter().filter(|l| l.starts_with("/a1.html")).count(),
        1,
        "a stored article is not fetched again"
    );
}

#[test]
fn loopback_feeds_are_refused_without_the_flag() {
    let (site_port, log) = site();
    let dir = tempfile::tempdir().unwrap();
    let api = free_port();
    let mut child = run(dir.path(), api, site_port, false);
    let t = Instant::now();
    while http_get(api, "/api/stats").is_none() && t.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(200));
    }
    std::thread::sleep(Duration::from_millis(1500));
    let stats = http_get(api, "/api/stats").unwrap();
    child.kill().unwrap();
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stats["documents"], 0);
    assert!(
        log.lock().unwrap().is_empty(),
        "no request reached the site"
    );
    assert!(err.contains("private or loopback"), "{err}");
}
