//! `tocsin run` against a local site that serves a feed, articles and a robots.txt: it
//! fetches what the feed lists (and robots.txt allows), analyses and stores it, serves the API
//! meanwhile, asks for the feed again conditionally, and refuses loopback addresses unless
//! `--allow-private-addresses` is given.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{free_port, http_get, page, SitePage, ATTACK, QUIET};

fn site() -> (u16, std::sync::Arc<std::sync::Mutex<Vec<String>>>) {
    common::site(vec![
        SitePage {
            path: "/a1.html",
            title: "Gunmen attack market",
            html: page("Gunmen attack market in Peshawar", ATTACK),
        },
        SitePage {
            path: "/a2.html",
            title: "Council budget",
            html: page("Council approves budget", QUIET),
        },
        SitePage {
            path: "/private/a3.html",
            title: "Hidden",
            html: page("Hidden", ATTACK),
        },
    ])
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

/// The number of stored documents the API reports once it reaches `want`, or when `limit`
/// has passed.
fn documents_within(api: u16, want: u64, limit: Duration) -> u64 {
    let t = Instant::now();
    loop {
        let docs = http_get(api, "/api/stats")
            .and_then(|v| v["documents"].as_u64())
            .unwrap_or(0);
        if docs >= want || t.elapsed() >= limit {
            return docs;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn it_polls_fetches_analyses_stores_and_serves() {
    let (site_port, log) = site();
    let dir = tempfile::tempdir().unwrap();
    let api = free_port();
    let mut child = run(dir.path(), api, site_port, true);
    let docs = documents_within(api, 2, Duration::from_secs(90));
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
    // Restarted on the same data, it remembers the feed's ETag: its first poll is
    // conditional too.
    let feed_polls = |log: &[String]| log.iter().filter(|l| l.starts_with("/feed.xml")).count();
    let before = feed_polls(&log.lock().unwrap());
    let mut child = run(dir.path(), free_port(), site_port, true);
    let t = Instant::now();
    while feed_polls(&log.lock().unwrap()) == before && t.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(100));
    }
    child.kill().unwrap();
    let _ = child.wait();
    let log = log.lock().unwrap();
    assert!(
        feed_polls(&log) > before,
        "the restarted run polls: {log:?}"
    );
    assert_eq!(
        log.iter()
            .filter(|l| l.starts_with("/feed.xml") && *l != "/feed.xml \"v1\"")
            .count(),
        1,
        "only the very first poll is unconditional: {log:?}"
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

#[test]
fn an_article_that_failed_for_a_while_is_fetched_again_at_the_next_poll() {
    let (site_port, log) = common::site(vec![
        SitePage {
            path: "/a1.html",
            title: "Gunmen attack market",
            html: page("Gunmen attack market in Peshawar", ATTACK),
        },
        SitePage {
            path: "/flaky/a2.html",
            title: "Council budget",
            html: page("Council approves budget", QUIET),
        },
    ]);
    let dir = tempfile::tempdir().unwrap();
    let api = free_port();
    let mut child = run(dir.path(), api, site_port, true);
    let docs = documents_within(api, 2, Duration::from_secs(60));
    child.kill().unwrap();
    let _ = child.wait();
    let log = log.lock().unwrap();
    assert_eq!(docs, 2, "the article that failed once is stored: {log:?}");
    let asked = |p: &str| log.iter().filter(|l| l.starts_with(p)).count();
    assert_eq!(asked("/flaky/a2.html"), 2, "{log:?}");
    assert_eq!(asked("/a1.html"), 1, "{log:?}");
    // The poll after the failure was unconditional (it would have been answered "not
    // modified"); once everything is stored, polls are conditional again.
    let feed: Vec<&String> = log.iter().filter(|l| l.starts_with("/feed.xml")).collect();
    assert!(feed.len() >= 2, "{log:?}");
    assert_eq!(feed[0].as_str(), "/feed.xml ");
    assert_eq!(feed[1].as_str(), "/feed.xml ");
}
