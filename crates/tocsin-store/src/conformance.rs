//! The behaviour every [`Store`] backend must show, as functions a backend's tests call with
//! a fresh, empty store: `conformance::run_all(&store)`. Each check panics with a message
//! naming the behaviour it found missing.

use crate::{ArticleRecord, Bucket, DocumentRecord, EventFilter, Put, Status, Store};
use tocsin_model::{
    ActorKind, Attribution, Entity, EntityLabel, Event, EventPlace, EventType, Figure, Perpetrator,
    Quote, QuoteKind,
};

/// Runs every check in turn on one fresh, empty store.
pub fn run_all(store: &dyn Store) {
    empty_store_answers_empty(store);
    put_is_idempotent(store);
    failed_documents_are_kept_with_their_reason(store);
    articles_round_trip(store);
    events_filter_and_page(store);
    event_by_id_carries_its_evidence(store);
    search_finds_words_and_survives_any_query(store);
    entities_count_articles_and_events(store);
    counts_over_time(store);
}

fn place(name: &str, country: &str, lat: f64, lon: f64) -> EventPlace {
    EventPlace {
        name: name.into(),
        geonameid: None,
        country: Some(country.into()),
        admin1: None,
        lat: Some(lat),
        lon: Some(lon),
        precision: "city".into(),
        evidence: Vec::new(),
    }
}

fn figure(n: u64, text: &str) -> Figure {
    Figure {
        min: Some(n),
        max: Some(n),
        exact: true,
        text: text.into(),
        evidence: Vec::new(),
    }
}

/// An event of `kind` on `date` in `place`, killing `killed`, read from the first sentence.
pub fn sample_event(
    kind: EventType,
    date: &str,
    place_: EventPlace,
    killed: Option<u64>,
    perp: Option<&str>,
) -> Event {
    Event {
        kind,
        modes: Vec::new(),
        date: Some(date.into()),
        date_precision: Some("day".into()),
        date_text: None,
        place: Some(place_),
        killed: killed.map(|n| figure(n, &n.to_string())),
        injured: None,
        attackers: None,
        perpetrators: perp
            .map(|p| {
                vec![Perpetrator {
                    name: p.into(),
                    text: p.into(),
                    kind: ActorKind::Organization,
                    attribution: Attribution::Claimed,
                    evidence: Vec::new(),
                }]
            })
            .unwrap_or_default(),
        targets: Vec::new(),
        victims: Vec::new(),
        weapons: Vec::new(),
        status: "reported".into(),
        confidence: 0.8,
        evidence: vec![[0, 20]],
        notes: Vec::new(),
    }
}

/// A stored-document batch item with an article.
pub fn sample_put(id: &str, title: &str, text: &str, events: Vec<Event>) -> Put {
    Put {
        document: DocumentRecord {
            id: id.into(),
            url: Some(format!("https://news.example/{id}")),
            path: None,
            source_id: None,
            fetched_at: None,
            ingested_at: "2024-03-25T00:00:00Z".into(),
            status: Status::Ok,
            stage: None,
            error: None,
        },
        article: Some(ArticleRecord {
            doc_id: id.into(),
            title: Some(title.into()),
            byline: None,
            published: Some("2024-03-24".into()),
            language: Some("en".into()),
            site: None,
            text: text.into(),
            entities: vec![Entity {
                text: "Ahmad Khan".into(),
                label: EntityLabel::Per,
                start: 0,
                end: 0,
                canonical: None,
            }],
            events,
            quotes: vec![Quote {
                text: "They came in".into(),
                speaker: Some("Ahmad Khan".into()),
                speaker_role: None,
                kind: QuoteKind::Direct,
                start: 0,
                end: 0,
                cue: None,
            }],
            analysis: serde_json::json!({"schema": 1, "title": title}),
        }),
    }
}

fn empty_store_answers_empty(store: &dyn Store) {
    assert_eq!(
        store.counts().expect("counts"),
        (0, 0),
        "a new store is empty"
    );
    assert!(!store.contains("nothing").expect("contains"));
    assert!(store.article("nothing").expect("article").is_none());
    assert!(store.event("nothing-0").expect("event").is_none());
    let (events, total) = store.events(&EventFilter::default()).expect("events");
    assert!(events.is_empty() && total == 0);
    assert!(store.search("anything", 10).expect("search").is_empty());
}

fn put_is_idempotent(store: &dyn Store) {
    let a = sample_put(
        "idem-1",
        "Blast at market",
        "A blast at the market killed five people.",
        vec![sample_event(
            EventType::Bombing,
            "2024-01-05",
            place("Kabul", "AF", 34.5, 69.2),
            Some(5),
            None,
        )],
    );
    assert!(!store
        .contains_url("https://news.example/idem-1")
        .expect("contains_url"));
    let first = store.put(std::slice::from_ref(&a)).expect("put");
    assert_eq!((first.inserted, first.skipped), (1, 0));
    let ids = [
        "not-stored".to_string(),
        a.document.id.clone(),
        String::new(),
    ];
    assert_eq!(
        store.known(&ids).expect("known"),
        vec![false, true, false],
        "one answer per id, in order"
    );
    assert!(store
        .contains_url("https://news.example/idem-1")
        .expect("contains_url"));
    let again = store.put(&[a.clone(), a.clone()]).expect("put again");
    assert_eq!(
        (again.inserted, again.skipped),
        (0, 2),
        "a stored document is skipped, not re-added"
    );
    assert_eq!(store.counts().expect("counts").0, 1);
    let (events, total) = store
        .events(&EventFilter {
            types: vec!["attack.bombing".into()],
            ..Default::default()
        })
        .expect("events");
    assert_eq!(
        (events.len(), total),
        (1, 1),
        "re-putting a document does not duplicate its events"
    );
    // A batch with the same document twice stores it once.
    let b = sample_put(
        "idem-2",
        "Second",
        "Nothing happened here at all today.",
        vec![],
    );
    let out = store.put(&[b.clone(), b]).expect("put twice in one batch");
    assert_eq!((out.inserted, out.skipped), (1, 1));
}

fn failed_documents_are_kept_with_their_reason(store: &dyn Store) {
    let mut bad = sample_put("failed-1", "x", "x", vec![]);
    bad.document.status = Status::Failed;
    bad.document.stage = Some("extract".into());
    bad.document.error = Some("no text in the document".into());
    bad.article = None;
    store.put(&[bad]).expect("put failed doc");
    let rec = store
        .document("failed-1")
        .expect("document")
        .expect("stored");
    assert_eq!(rec.status, Status::Failed);
    assert_eq!(rec.stage.as_deref(), Some("extract"));
    assert_eq!(rec.error.as_deref(), Some("no text in the document"));
    assert!(store.article("failed-1").expect("article").is_none());
    assert!(
        store.contains("failed-1").expect("contains"),
        "a failed document counts as seen"
    );
    let (n, failed) = store.counts().expect("counts");
    assert!(n >= 1 && failed >= 1);
}

fn articles_round_trip(store: &dyn Store) {
    let put = sample_put(
        "rt-1",
        "Gunmen attack hall",
        "Gunmen attacked a concert hall near Moscow.",
        vec![sample_event(
            EventType::ArmedAssault,
            "2024-03-22",
            place("Moscow", "RU", 55.75, 37.62),
            Some(131),
            Some("Islamic State"),
        )],
    );
    store.put(std::slice::from_ref(&put)).expect("put");
    let got = store.article("rt-1").expect("article").expect("stored");
    let want = put.article.as_ref().expect("article");
    assert_eq!(&got, want, "an article comes back as it was stored");
}

fn events_filter_and_page(store: &dyn Store) {
    let puts = vec![
        sample_put(
            "f-1",
            "Bombing in Baghdad",
            "A car bomb exploded in Baghdad, killing 12.",
            vec![sample_event(
                EventType::Bombing,
                "2023-06-01",
                place("Baghdad", "IQ", 33.3, 44.4),
                Some(12),
                Some("Islamic State"),
            )],
        ),
        sample_put(
            "f-2",
            "Shooting in Texas",
            "A gunman opened fire in El Paso.",
            vec![
                sample_event(
                    EventType::ArmedAssault,
                    "2023-08-03",
                    place("El Paso", "US", 31.8, -106.4),
                    Some(23),
                    None,
                ),
                sample_event(
                    EventType::Arrest,
                    "2023-08-04",
                    place("El Paso", "US", 31.8, -106.4),
                    None,
                    None,
                ),
            ],
        ),
        sample_put(
            "f-3",
            "Protest in Paris",
            "Thousands marched in Paris.",
            vec![sample_event(
                EventType::Protest,
                "2023-09-10",
                place("Paris", "FR", 48.85, 2.35),
                None,
                None,
            )],
        ),
    ];
    store.put(&puts).expect("put");
    let q = |f: EventFilter| store.events(&f).expect("events");
    let ids = |f: EventFilter| {
        let mut v: Vec<String> = q(f).0.into_iter().map(|e| e.id).collect();
        v.sort();
        v
    };
    assert_eq!(
        ids(EventFilter {
            types: vec!["attack.".into()],
            from: Some("2023-01-01".into()),
            to: Some("2023-12-31".into()),
            ..Default::default()
        }),
        vec!["f-1-0", "f-2-0"],
        "type prefix and date range"
    );
    assert_eq!(
        ids(EventFilter {
            country: Some("us".into()),
            ..Default::default()
        }),
        vec!["f-2-0", "f-2-1"],
        "country, any case"
    );
    assert_eq!(
        ids(EventFilter {
            actor: Some("islamic".into()),
            from: Some("2023".into()),
            to: Some("2023".into()),
            ..Default::default()
        }),
        vec!["f-1-0"],
        "actor substring; year bounds"
    );
    assert_eq!(
        ids(EventFilter {
            min_killed: Some(20),
            from: Some("2023".into()),
            to: Some("2023".into()),
            ..Default::default()
        }),
        vec!["f-2-0"],
        "min killed"
    );
    assert_eq!(
        ids(EventFilter {
            bbox: Some([-10.0, 40.0, 10.0, 55.0]),
            ..Default::default()
        }),
        vec!["f-3-0"],
        "bounding box"
    );
    assert_eq!(
        ids(EventFilter {
            text: Some("marched".into()),
            ..Default::default()
        }),
        vec!["f-3-0"],
        "words of the article"
    );
    let all = EventFilter {
        from: Some("2023-01-01".into()),
        to: Some("2023-12-31".into()),
        ..Default::default()
    };
    let (page1, total) = q(EventFilter {
        limit: Some(2),
        ..all.clone()
    });
    let (page2, total2) = q(EventFilter {
        limit: Some(2),
        offset: Some(2),
        ..all.clone()
    });
    assert_eq!((total, total2), (4, 4), "total ignores paging");
    assert_eq!(page1.len() + page2.len(), 4);
    assert_eq!(page1[0].id, "f-3-0", "newest first");
    assert!(
        page1.iter().all(|e| !page2.iter().any(|f| f.id == e.id)),
        "pages do not overlap"
    );
}

fn event_by_id_carries_its_evidence(store: &dyn Store) {
    let put = sample_put(
        "ev-1",
        "Attack on checkpoint",
        "Militants attacked a checkpoint. Four soldiers died.",
        vec![sample_event(
            EventType::ArmedAssault,
            "2022-02-02",
            place("Kandahar", "AF", 31.6, 65.7),
            Some(4),
            None,
        )],
    );
    store.put(&[put]).expect("put");
    let e = store.event("ev-1-0").expect("event").expect("stored");
    assert_eq!(e.event.killed.as_ref().and_then(|f| f.min), Some(4));
    assert_eq!(e.sources.len(), 1);
    assert_eq!(e.sources[0].article_id, "ev-1");
    assert_eq!(e.sources[0].title.as_deref(), Some("Attack on checkpoint"));
    assert_eq!(
        e.sources[0].evidence,
        vec!["Militants attacked a".to_string()],
        "evidence is the text at the event's spans"
    );
}

fn search_finds_words_and_survives_any_query(store: &dyn Store) {
    store
        .put(&[sample_put(
            "s-1",
            "Flooding closes roads",
            "Heavy rain flooded the valley roads on Monday.",
            vec![],
        )])
        .expect("put");
    let hits = store.search("flooded valley", 10).expect("search");
    assert_eq!(hits.first().map(|h| h.doc_id.as_str()), Some("s-1"));
    assert!(hits[0].snippet.to_lowercase().contains("flooded"));
    for weird in [
        "\"",
        "AND OR NOT",
        "(",
        "a*b",
        "-",
        "title:x",
        "'; DROP TABLE x; --",
        "",
        "   ",
    ] {
        store
            .search(weird, 5)
            .unwrap_or_else(|e| panic!("query {weird:?} must not fail: {e}"));
    }
}

fn entities_count_articles_and_events(store: &dyn Store) {
    // Each sample article names "Ahmad Khan"; two bombings (round trip, filters) name
    // Islamic State as their perpetrator.
    let people = store.entities(Some("ahmad"), 10).expect("entities");
    assert_eq!(people.len(), 1, "{people:?}");
    let khan = &people[0];
    assert_eq!(
        (khan.name.as_str(), khan.label.as_str()),
        ("Ahmad Khan", "PER")
    );
    let (documents, failed) = store.counts().expect("counts");
    let articles = documents - failed;
    assert_eq!(
        khan.articles, articles,
        "one per article, however often named"
    );
    assert_eq!(khan.events, 0);
    assert_eq!(khan.first_seen.as_deref(), Some("2024-03-24"));
    let is = store
        .entity("ISLAMIC STATE")
        .expect("entity")
        .expect("known");
    assert_eq!(
        (is.name.as_str(), is.articles, is.events),
        ("Islamic State", 2, 2)
    );
    assert!(store.entity("Nobody Here").expect("entity").is_none());
    let top = store.entities(None, 1).expect("entities");
    assert_eq!(top[0].name, "Ahmad Khan", "most named first");
    for weird in ["%", "_", "'", "\\", ""] {
        store
            .entities(Some(weird), 5)
            .unwrap_or_else(|e| panic!("{weird:?}: {e}"));
    }
    assert!(
        store.entities(Some("%"), 5).expect("entities").is_empty(),
        "no wildcards"
    );
}

fn counts_over_time(store: &dyn Store) {
    let f = EventFilter {
        from: Some("2023-01-01".into()),
        to: Some("2023-12-31".into()),
        ..Default::default()
    };
    let months = store.event_counts(&f, Bucket::Month).expect("counts");
    assert_eq!(
        months,
        vec![
            ("2023-06".to_string(), 1),
            ("2023-08".to_string(), 2),
            ("2023-09".to_string(), 1)
        ],
        "counts per month, oldest first"
    );
    let years = store.event_counts(&f, Bucket::Year).expect("counts");
    assert_eq!(years, vec![("2023".to_string(), 4)]);
}
