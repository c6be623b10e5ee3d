use super::*;

fn event<'a>(
    id: &'a str,
    kind: &'a str,
    date: Option<&'a str>,
    country: &'a str,
    point: (f64, f64),
    killed: Option<u64>,
    actors: &'a str,
) -> IndexDoc<'a> {
    IndexDoc::Event(EventDoc {
        id,
        kind,
        date,
        country: Some(country),
        lat: Some(point.0),
        lon: Some(point.1),
        killed,
        actors,
        // "a3-1" comes from article "a3".
        doc_id: id.split('-').next().unwrap_or(id),
    })
}

fn sample() -> SearchIndex {
    let index = SearchIndex::in_memory().expect("index");
    let docs = [
        IndexDoc::Article(ArticleDoc {
            doc_id: "a1",
            title: "Car bomb in Baghdad",
            text: "A car bomb exploded near a market in Baghdad, killing twelve people.",
        }),
        IndexDoc::Article(ArticleDoc {
            doc_id: "a3",
            title: "Shooting in El Paso",
            text: "A gunman opened fire in a store in El Paso. Police arrested the gunman.",
        }),
        IndexDoc::Article(ArticleDoc {
            doc_id: "a4",
            title: "March in Paris",
            text: "Thousands marched through Paris.",
        }),
        IndexDoc::Article(ArticleDoc {
            doc_id: "a2",
            title: "Floods",
            text: "Rain flooded the roads of Baghdad. Nobody was hurt in the flooding.",
        }),
        event(
            "a1-0",
            "attack.bombing",
            Some("2023-06-01"),
            "iq",
            (33.3, 44.4),
            Some(12),
            "Islamic State",
        ),
        event(
            "a3-0",
            "attack.armed_assault",
            Some("2023-08"),
            "US",
            (31.8, -106.4),
            Some(23),
            "",
        ),
        event(
            "a3-1",
            "arrest",
            Some("2023"),
            "US",
            (31.8, -106.4),
            None,
            "",
        ),
        event(
            "a4-0",
            "protest",
            None,
            "FR",
            (48.85, 2.35),
            None,
            "Confédération générale du travail",
        ),
    ];
    index.add(&docs, 4).expect("add");
    index
}

fn ids(index: &SearchIndex, f: EventFilter) -> Vec<String> {
    let mut v = index.events(&f).expect("events").0;
    v.sort();
    v
}

#[test]
fn date_keys_cover_their_precision() {
    assert_eq!(
        DateKey::parse("2023"),
        Some(DateKey {
            lo: 20230000,
            hi: 20239999
        })
    );
    assert_eq!(
        DateKey::parse("2023-06"),
        Some(DateKey {
            lo: 20230600,
            hi: 20230699
        })
    );
    assert_eq!(
        DateKey::parse("2023-06-01T10:00:00Z").map(|k| (k.lo, k.hi)),
        Some((20230601, 20230601))
    );
    for bad in [
        "",
        "23",
        "2023-6",
        "2023-06-1x",
        "yesterday",
        "2023--01",
        "2023-06-01-02",
    ] {
        assert_eq!(DateKey::parse(bad), None, "{bad:?}");
    }
}

#[test]
fn filters_combine() {
    let index = sample();
    let f = |g: fn(&mut EventFilter)| {
        let mut f = EventFilter::default();
        g(&mut f);
        ids(&index, f)
    };
    assert_eq!(
        f(|_| {}),
        vec!["a1-0", "a3-0", "a3-1", "a4-0"],
        "all events, no articles"
    );
    assert_eq!(
        f(|f| f.types = vec!["attack.".into()]),
        vec!["a1-0", "a3-0"]
    );
    assert_eq!(
        f(|f| f.types = vec!["arrest".into(), "protest".into()]),
        vec!["a3-1", "a4-0"]
    );
    assert_eq!(
        f(|f| f.types = vec!["attack.bomb".into()]),
        Vec::<String>::new()
    );
    assert_eq!(f(|f| f.country = Some("iq".into())), vec!["a1-0"]);
    assert_eq!(f(|f| f.min_killed = Some(20)), vec!["a3-0"]);
    assert_eq!(
        f(|f| f.bbox = Some([-110.0, 30.0, -100.0, 35.0])),
        vec!["a3-0", "a3-1"]
    );
    assert_eq!(f(|f| f.actor = Some("islamic".into())), vec!["a1-0"]);
    assert_eq!(
        f(|f| f.actor = Some("confederation".into())),
        vec!["a4-0"],
        "accents folded"
    );
    assert_eq!(
        f(|f| f.actor = Some("--".into())),
        Vec::<String>::new(),
        "no words, no match"
    );
    assert_eq!(
        f(|f| f.text = Some("GUNMAN store".into())),
        vec!["a3-0", "a3-1"],
        "words of the event's article"
    );
    assert_eq!(
        f(|f| {
            f.text = Some("gunman".into());
            f.types = vec!["arrest".into()];
        }),
        vec!["a3-1"]
    );
    assert_eq!(
        f(|f| f.text = Some("avalanche".into())),
        Vec::<String>::new()
    );
}

#[test]
fn coarse_dates_overlap_finer_bounds() {
    let index = sample();
    let range = |from: Option<&str>, to: Option<&str>| {
        ids(
            &index,
            EventFilter {
                from: from.map(str::to_string),
                to: to.map(str::to_string),
                ..Default::default()
            },
        )
    };
    // "2023" could be any day of 2023, "2023-08" any day of August.
    assert_eq!(range(Some("2023-08-15"), None), vec!["a3-0", "a3-1"]);
    assert_eq!(range(None, Some("2023-06-01")), vec!["a1-0", "a3-1"]);
    assert_eq!(
        range(Some("2023"), Some("2023")),
        vec!["a1-0", "a3-0", "a3-1"]
    );
    assert_eq!(range(Some("2024"), None), Vec::<String>::new());
    assert!(index
        .events(&EventFilter {
            from: Some("last week".into()),
            ..Default::default()
        })
        .is_err());
}

#[test]
fn pages_are_newest_first_and_undated_last() {
    let index = sample();
    let page = |offset| {
        index
            .events(&EventFilter {
                limit: Some(2),
                offset: Some(offset),
                ..Default::default()
            })
            .expect("events")
    };
    let (first, total) = page(0);
    let (second, _) = page(2);
    assert_eq!(total, 4);
    assert_eq!(first, vec!["a3-0", "a1-0"]);
    assert_eq!(second, vec!["a3-1", "a4-0"]);
    // The same through the words filter's own collector.
    let worded = |offset| {
        index
            .events(&EventFilter {
                text: Some("gunman".into()),
                limit: Some(1),
                offset: Some(offset),
                ..Default::default()
            })
            .expect("events")
    };
    assert_eq!(worded(0), (vec!["a3-0".to_string()], 2));
    assert_eq!(worded(1), (vec!["a3-1".to_string()], 2));
    assert_eq!(worded(2), (vec![], 2));
}

#[test]
fn counts_per_bucket_skip_coarser_dates() {
    let index = sample();
    let all = EventFilter::default();
    assert_eq!(
        index.event_counts(&all, Bucket::Month).expect("counts"),
        vec![("2023-06".to_string(), 1), ("2023-08".to_string(), 1)]
    );
    assert_eq!(
        index.event_counts(&all, Bucket::Year).expect("counts"),
        vec![("2023".to_string(), 3)]
    );
    assert_eq!(
        index.event_counts(&all, Bucket::Day).expect("counts"),
        vec![("2023-06-01".to_string(), 1)]
    );
}

#[test]
fn search_ranks_and_marks() {
    let index = sample();
    let texts = |id: &str| match id {
        "a1" => Some("A car bomb exploded near a market in Baghdad, killing twelve people.".into()),
        "a2" => Some("Rain flooded the roads of Baghdad. Nobody was hurt in the flooding.".into()),
        _ => None,
    };
    let hits = index
        .search("baghdad bomb", 10, &mut { texts })
        .expect("search");
    assert_eq!(hits.len(), 1, "every word must occur");
    assert_eq!(hits[0].0, "a1");
    assert!(hits[0].1.contains("[bomb]"), "{}", hits[0].1);
    let hits = index.search("Baghdad", 10, &mut { texts }).expect("search");
    assert_eq!(hits.len(), 2);
    for weird in [
        "\"",
        "AND OR NOT",
        "(",
        "a*b",
        "-",
        "title:x",
        "'; DROP TABLE x; --",
        "",
        " ",
    ] {
        index
            .search(weird, 5, &mut { texts })
            .unwrap_or_else(|e| panic!("{weird:?}: {e}"));
    }
}

#[test]
fn watermark_survives_reopen_and_a_second_writer_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    {
        let index = SearchIndex::open(dir.path()).expect("open");
        assert_eq!(index.watermark().expect("watermark"), 0);
        index
            .add(
                &[IndexDoc::Article(ArticleDoc {
                    doc_id: "x",
                    title: "t",
                    text: "words here",
                })],
                7,
            )
            .expect("add");
        let other = SearchIndex::open(dir.path()).expect("open a reader");
        assert!(matches!(other.acquire_writer(), Err(IndexError::Busy(_))));
        index.commit().expect("commit");
        assert_eq!(other.watermark().expect("watermark"), 7);
    }
    let index = SearchIndex::open(dir.path()).expect("reopen");
    assert_eq!(index.watermark().expect("watermark"), 7);
    assert_eq!(index.counts().expect("counts"), (1, 0));
    index
        .acquire_writer()
        .expect("the lock went with the first writer");
}

#[test]
fn uncommitted_additions_are_visible_to_their_own_process() {
    let index = sample();
    index
        .add(
            &[IndexDoc::Article(ArticleDoc {
                doc_id: "late",
                title: "Late news",
                text: "An avalanche",
            })],
            5,
        )
        .expect("add");
    let hits = index.search("avalanche", 5, &mut |_| None).expect("search");
    assert_eq!(hits.len(), 1);
}
