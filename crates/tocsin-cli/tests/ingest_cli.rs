//! `tocsin ingest`: killed with SIGKILL mid-run and started again, it stores every document
//! exactly once, with the same events as a run that was never interrupted; running it again
//! over the same input changes nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const PLACES: &[&str] = &[
    "Kabul",
    "Baghdad",
    "Mogadishu",
    "Peshawar",
    "Maiduguri",
    "Goma",
];

/// Distinct short news items (different bytes, so different documents), some violent.
/// Named in the reports, so that the entity table has counts to compare.
const SPOKESMEN: [&str; 4] = ["John Miller", "Maria Lopez", "Ahmed Khalil", "Sarah Okafor"];

fn corpus(n: usize) -> String {
    let mut out = String::new();
    for i in 0..n {
        let place = PLACES[i % PLACES.len()];
        let text = if i % 3 == 0 {
            format!("The city council of {place} met on Tuesday to approve budget item {i} for new parks and roads.")
        } else {
            format!(
                "Gunmen opened fire at a market in {place} on Friday, killing {} people and wounding {} others, police spokesman {} said in report {i}.",
                2 + i % 17,
                3 + i % 11,
                SPOKESMEN[i % SPOKESMEN.len()]
            )
        };
        out.push_str(
            &serde_json::json!({"id": format!("doc-{i}"), "text": text, "published": "2024-05-04"})
                .to_string(),
        );
        out.push('\n');
    }
    // One document that cannot be analysed: stored as failed, once.
    out.push_str("{\"id\": \"empty\", \"title\": \"no body\"}\n");
    out
}

fn ingest(data: &Path, input: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_tocsin"))
        .args(["ingest", "--data"])
        .arg(data)
        .arg(input)
        .env_remove("TOCSIN_GAZETTEER")
        .env_remove("TOCSIN_DATA")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn query(db: &Path, sql: &str) -> i64 {
    let conn =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    conn.busy_timeout(Duration::from_secs(5)).unwrap();
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

fn stored(db: &Path) -> i64 {
    if !db.exists() {
        return 0;
    }
    let conn =
        match rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        {
            Ok(c) => c,
            Err(_) => return 0,
        };
    let _ = conn.busy_timeout(Duration::from_secs(5));
    conn.query_row("SELECT count(*) FROM documents", [], |r| r.get(0))
        .unwrap_or(0)
}

fn finish(child: std::process::Child) {
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn killed_and_restarted_it_stores_everything_exactly_once() {
    const N: i64 = 4000;
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("news.jsonl");
    std::fs::write(&input, corpus(N as usize)).unwrap();

    // The reference: one uninterrupted run.
    let clean = dir.path().join("clean");
    finish(ingest(&clean, &input));
    let clean_db = clean.join("tocsin.db");
    assert_eq!(query(&clean_db, "SELECT count(*) FROM documents"), N + 1);
    let clean_events = query(&clean_db, "SELECT count(*) FROM events");
    assert!(
        clean_events > N / 2,
        "the violent items yield events: {clean_events}"
    );

    // Killed once some batches are in, then started again.
    let data = dir.path().join("killed");
    let db = data.join("tocsin.db");
    let mut child = ingest(&data, &input);
    let t = Instant::now();
    while stored(&db) < 64 && t.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap(); // SIGKILL
    let _ = child.wait();
    let at_kill = stored(&db);
    assert!(
        at_kill >= 64,
        "the run stored something before it was killed"
    );
    assert!(
        at_kill < N + 1,
        "the kill came before the end ({at_kill} stored)"
    );
    let counted = query(
        &db,
        "SELECT coalesce((SELECT value FROM meta WHERE key = 'entities_counted'), 0)",
    );
    assert!(
        counted < at_kill,
        "entity counts of stored documents were still waiting in memory ({counted} of {at_kill} counted)"
    );

    finish(ingest(&data, &input));
    assert_eq!(
        query(&db, "SELECT count(*) FROM documents"),
        N + 1,
        "every document, once"
    );
    assert_eq!(
        query(
            &db,
            "SELECT count(*) FROM documents WHERE status = 'failed'"
        ),
        1
    );
    assert_eq!(query(&db, "SELECT count(*) FROM articles"), N);
    assert_eq!(
        query(&db, "SELECT count(*) FROM events"),
        clean_events,
        "the same events as the uninterrupted run"
    );
    // The search index holds each article and event once too (none indexed twice after
    // the restart, none left out).
    let indexed = |db: &Path| {
        use tocsin_store::Store;
        let store = tocsin_store_sqlite::SqliteStore::open(db).unwrap();
        let all = store.events(&Default::default()).unwrap().1;
        let gunmen = store
            .events(&tocsin_store::EventFilter {
                text: Some("gunmen".into()),
                ..Default::default()
            })
            .unwrap()
            .1;
        (all, gunmen, store.search("gunmen", 1000).unwrap().len())
    };
    let (all, gunmen, hits) = indexed(&db);
    assert_eq!(all as i64, clean_events, "every event indexed once");
    assert_eq!((all, gunmen, hits), indexed(&clean_db));
    assert!(hits > 500, "{hits} articles found by a word");
    // The entity counts too: those waiting in memory when the run was killed are counted
    // again from the stored articles when the store opens.
    let entities = |db: &Path| {
        use tocsin_store::Store;
        let store = tocsin_store_sqlite::SqliteStore::open(db).unwrap();
        store.entities(None, 1000).unwrap()
    };
    let named = entities(&clean_db);
    let miller = named.iter().find(|e| e.name == "John Miller");
    assert!(
        miller.is_some_and(|e| e.articles > 100),
        "the spokesman is counted: {named:?}"
    );
    assert_eq!(
        entities(&db),
        named,
        "the same counts as the uninterrupted run"
    );

    // Once more over the same input: nothing changes.
    finish(ingest(&data, &input));
    assert_eq!(query(&db, "SELECT count(*) FROM documents"), N + 1);
    assert_eq!(query(&db, "SELECT count(*) FROM events"), clean_events);
}

#[test]
fn exports_read_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("news.jsonl");
    std::fs::write(&input, corpus(30)).unwrap();
    let data = dir.path().join("data");
    finish(ingest(&data, &input));
    let export = |format: &str, extra: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_tocsin"))
            .args(["export", "--data"])
            .arg(&data)
            .args(["--format", format])
            .args(extra)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let acled = export("acled", &["--country", "IQ"]);
    let rows: Vec<&str> = acled.lines().collect();
    assert!(rows[0].starts_with("event_id_cnty,event_date,year,"));
    // Items 1, 7, 13, 19 and 25 of the corpus are shootings in Baghdad.
    assert_eq!(rows.len(), 6, "{acled}");
    assert!(rows[1..].iter().all(|r| r.contains(",Iraq,IQ,")), "{acled}");
    let geo: serde_json::Value =
        serde_json::from_str(&export("geojson", &["--type", "attack."])).unwrap();
    let features = geo["features"].as_array().unwrap();
    assert_eq!(features.len(), 20, "20 of 30 items are shootings");
    assert!(features
        .iter()
        .all(|f| f["properties"]["type"] == "attack.armed_assault"));
    let bad = Command::new(env!("CARGO_BIN_EXE_tocsin"))
        .args(["export", "--data"])
        .arg(&data)
        .args(["--format", "xlsx"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown format"));
}

#[test]
fn a_document_that_fails_is_named_with_its_reason() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("news.jsonl");
    let good = serde_json::json!({"id": "ok", "text": "The council met on Tuesday to approve the budget."});
    std::fs::write(&input, format!("{good}\nnot json\n")).unwrap();
    let out = ingest(&dir.path().join("data"), &input)
        .wait_with_output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("news.jsonl:2: ingest failed: line 2: invalid JSON"),
        "{err}"
    );
    assert!(err.contains("1 failed in this run"), "{err}");
}
