//! A tiny local news site for end-to-end tests: a robots.txt that hides `/private/`, an RSS
//! feed with an ETag (answered 304 when asked conditionally), and the pages it lists.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// One page of the site: path, title in the feed, HTML body.
pub struct SitePage {
    pub path: &'static str,
    pub title: &'static str,
    pub html: String,
}

/// Starts the site; returns its port and the log of requests (`path if-none-match`).
pub fn site(pages: Vec<SitePage>) -> (u16, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let log = Arc::new(Mutex::new(Vec::new()));
    let log2 = log.clone();
    let pages = Arc::new(pages);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let log = log2.clone();
            let pages = pages.clone();
            std::thread::spawn(move || serve_one(stream, port, &log, &pages));
        }
    });
    (port, log)
}

fn serve_one(mut stream: TcpStream, port: u16, log: &Mutex<Vec<String>>, pages: &[SitePage]) {
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
    let asked = {
        let mut log = log.lock().unwrap();
        log.push(format!("{path} {inm}"));
        log.iter()
            .filter(|l| l.split(' ').next() == Some(path.as_str()))
            .count()
    };
    let items: String = pages
        .iter()
        .map(|p| {
            let title = p.title.replace('&', "&amp;").replace('<', "&lt;");
            format!("<item><title>{title}</title><link>http://127.0.0.1:{port}{}</link><pubDate>Sat, 04 May 2024 09:00:00 GMT</pubDate></item>", p.path)
        })
        .collect();
    let feed = format!("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Local</title>{items}</channel></rss>");
    let page = pages.iter().find(|p| p.path == path);
    let (status, ctype, body, etag) = match (path.as_str(), page) {
        ("/robots.txt", _) => (
            "200 OK",
            "text/plain",
            "User-agent: *\nDisallow: /private/\n".to_string(),
            "",
        ),
        ("/feed.xml", _) if inm == "\"v1\"" => (
            "304 Not Modified",
            "application/rss+xml",
            String::new(),
            "\"v1\"",
        ),
        ("/feed.xml", _) => ("200 OK", "application/rss+xml", feed, "\"v1\""),
        // A page under /flaky/ fails the first time it is asked for, as an overloaded server.
        (_, Some(_)) if path.starts_with("/flaky/") && asked == 1 => (
            "503 Service Unavailable",
            "text/plain",
            "busy".to_string(),
            "",
        ),
        (_, Some(p)) => ("200 OK", "text/html; charset=utf-8", p.html.clone(), ""),
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

/// A news page with a title and paragraphs.
pub fn page(title: &str, paragraphs: &[&str]) -> String {
    let ps: String = paragraphs.iter().map(|p| format!("<p>{p}</p>")).collect();
    format!("<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{ps}</article></body></html>")
}

pub const ATTACK: &[&str] = &[
    "Gunmen opened fire at a crowded market in Peshawar, Pakistan, on Friday, killing at least 12 people and wounding 30 others, police said.",
    "No group has claimed responsibility for the attack, which came a week after a bombing in the same city.",
    "Security forces sealed off the area and began a search for the attackers, officials said on Saturday.",
];

pub const QUIET: &[&str] = &[
    "The city council approved next year's budget on Monday after a long debate about parks, roads and schools.",
    "The mayor said the plan would be published in full next week.",
];

/// A free local port.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// GET a JSON document from the API.
pub fn http_get(port: u16, path: &str) -> Option<serde_json::Value> {
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
