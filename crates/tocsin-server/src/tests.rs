//! The API over an in-memory store filled with the conformance samples.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use axum::body::Body;
use axum::http::Request;
use tocsin_model::{EventPlace, EventType};
use tocsin_store::conformance::{sample_event, sample_put};
use tower::ServiceExt;

fn app() -> Router {
    let store = tocsin_store_sqlite::SqliteStore::in_memory().unwrap();
    let place = |name: &str, cc: &str, lat, lon| EventPlace {
        name: name.into(),
        geonameid: None,
        country: Some(cc.into()),
        admin1: None,
        lat: Some(lat),
        lon: Some(lon),
        precision: "city".into(),
        evidence: Vec::new(),
    };
    store
        .put(&[
            sample_put(
                "a",
                "Blast in <b>Kabul</b>",
                "A car bomb exploded in Kabul, killing 12.",
                vec![sample_event(
                    EventType::Bombing,
                    "2024-01-05",
                    place("Kabul", "AF", 34.5, 69.2),
                    Some(12),
                    Some("Islamic State"),
                )],
            ),
            sample_put(
                "b",
                "Shooting in Paris",
                "A gunman opened fire in Paris.",
                vec![sample_event(
                    EventType::ArmedAssault,
                    "2023-03-01",
                    place("Paris", "FR", 48.85, 2.35),
                    Some(2),
                    None,
                )],
            ),
        ])
        .unwrap();
    router(Arc::new(store))
}

async fn get_json(app: &Router, uri: &str) -> (StatusCode, serde_json::Value) {
    let resp = app
        .clone()
        .oneshot(Request::get(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = resp.status();
    let bytes = axum::body::to_bytes(resp.into_body(), 1 << 24)
        .await
        .unwrap();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null),
    )
}

#[tokio::test]
async fn events_filter_and_count() {
    let app = app();
    let (s, v) = get_json(&app, "/api/events?type=attack.&country=AF").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["total"], 1);
    assert_eq!(v["events"][0]["id"], "a-0");
    assert_eq!(v["events"][0]["type"], "attack.bombing");
    assert_eq!(v["events"][0]["killed"]["min"], 12);
    assert_eq!(
        v["events"][0]["sources"][0]["title"], "Blast in <b>Kabul</b>",
        "JSON carries text as data"
    );
    let (_, v) = get_json(&app, "/api/events?from=2024&bbox=60,30,75,40&min_killed=10").await;
    assert_eq!(v["total"], 1);
    let (_, v) = get_json(&app, "/api/events?q=gunman").await;
    assert_eq!(v["events"][0]["id"], "b-0");
}

#[tokio::test]
async fn one_event_article_search_counts() {
    let app = app();
    let (s, v) = get_json(&app, "/api/events/a-0").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["sources"][0]["evidence"][0], "A car bomb exploded ");
    let (s, v) = get_json(&app, "/api/articles/b").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["text"], "A gunman opened fire in Paris.");
    let (_, v) = get_json(&app, "/api/search?q=car+bomb").await;
    assert_eq!(v["hits"][0]["doc_id"], "a");
    let (_, v) = get_json(&app, "/api/counts?bucket=year").await;
    assert_eq!(
        v["counts"],
        serde_json::json!([{"period": "2023", "events": 1}, {"period": "2024", "events": 1}])
    );
    let (_, v) = get_json(&app, "/api/stats").await;
    assert_eq!(v["documents"], 2);
}

#[tokio::test]
async fn errors_are_json_with_stable_codes() {
    let app = app();
    let (s, v) = get_json(&app, "/api/events/nope").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert_eq!(v["error"]["code"], "not_found");
    for bad in [
        "/api/events?from=yesterday",
        "/api/events?bbox=1,2,3",
        "/api/events?limit=0",
        "/api/counts?bucket=hour",
        "/api/search",
        "/api/export?format=xlsx",
    ] {
        let (s, v) = get_json(&app, bad).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{bad}");
        assert_eq!(v["error"]["code"], "bad_request", "{bad}");
    }
    let (s, v) = get_json(&app, "/no/such/route").await;
    assert_eq!(
        (s, v["error"]["code"].as_str()),
        (StatusCode::NOT_FOUND, Some("not_found"))
    );
}

#[tokio::test]
async fn exports_have_their_content_types() {
    let app = app();
    for (format, ctype) in [
        ("acled", "text/csv"),
        ("geojson", "application/geo+json"),
        ("jsonl", "application/x-ndjson"),
    ] {
        let resp = app
            .clone()
            .oneshot(
                Request::get(format!("/api/export?format={format}"))
                    .body(Body::empty())
                    .unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(resp.status(), StatusCode::OK);
        assert!(resp.headers()[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with(ctype));
    }
}

#[test]
fn every_route_is_in_the_openapi_document() {
    let doc: serde_json::Value = serde_json::from_str(OPENAPI).expect("valid JSON");
    let paths = doc["paths"].as_object().expect("paths");
    let src = include_str!("lib.rs");
    let routes: Vec<&str> = src
        .lines()
        .filter_map(|l| l.trim().strip_prefix(".route(\""))
        .filter_map(|l| l.split('"').next())
        .filter(|r| r.starts_with("/api/"))
        .collect();
    assert!(routes.len() >= 8);
    for r in routes {
        assert!(
            paths.contains_key(r),
            "{r} is not described in openapi.json"
        );
    }
}
