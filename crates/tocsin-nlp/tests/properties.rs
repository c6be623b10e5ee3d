//! Properties that must hold for any input: nothing panics, offsets lie on character
//! boundaries, tokens cover the text in order, sentences partition the tokens.

use proptest::prelude::*;
use tocsin_model::{Entity, EntityLabel};
use tocsin_nlp::numbers::find_numbers;
use tocsin_nlp::resolve::{resolve, AliasTable};
use tocsin_nlp::timex::{find_times, Date};
use tocsin_nlp::tokenize::{dateline, paragraphs, sentences, tokenize};

/// Characters that exercise every branch of the tokenizer and splitter.
fn tricky_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => proptest::char::range('a', 'z'),
        2 => proptest::char::range('A', 'Z'),
        2 => proptest::char::range('0', '9'),
        3 => proptest::sample::select(vec![
            ' ', ' ', '\n', '\n', '\t', '\r', '.', '.', ',', '\'', '"', '-', '/', ':', '@', '#', '$',
            '%', '(', ')', '[', ']', '!', '?', '&', '+', '*', '_', '\\', '\0',
        ]),
        2 => proptest::sample::select(vec![
            '’', '‘', '“', '”', '—', '–', '…', '«', '»', '\u{a0}', '\u{200b}', '\u{feff}', '\u{ad}',
            '\u{2011}', 'é', 'ß', 'ə', 'Ж', 'ж', '中', '。', 'テ', 'ا', '؟', '्', 'क', '।', '٣', '१',
            '한', '😀', '\u{301}', '\u{200c}', '\u{2028}', '\u{3000}', '．', '！',
        ]),
        1 => any::<char>(),
    ]
}

fn tricky_text() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::collection::vec(tricky_char(), 0..200).prop_map(|v| v.into_iter().collect()),
        // Fragments of news text glued at random.
        proptest::collection::vec(
            proptest::sample::select(vec![
                "U.S.",
                "No.",
                "No. 5",
                "St.",
                "Gen.",
                "Jan.",
                " J. K. ",
                "ISIS-K",
                "’s",
                "n't",
                "...",
                "“",
                "”",
                "\n\n",
                "\n",
                "MOSCOW (Reuters) — ",
                "1,200",
                "3.5",
                "more than 130",
                "https://x.com/a).",
                "a@b.co",
                "'90s",
                "Friday, March 22, 2024",
                "weeks ago",
                "1. ",
                "• ",
                "e.g.",
                "No. 5",
                "mid-March",
                "2024-03-22",
                "22 de marzo de 2024",
                "2024年3月22日",
                " ",
                ". ",
                "? ",
            ]),
            0..40,
        )
        .prop_map(|v| v.concat()),
        any::<String>(),
    ]
}

fn is_gap_char(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200b}' | '\u{2060}' | '\u{feff}' | '\u{ad}')
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn tokens_cover_the_text_in_order(text in tricky_text()) {
        let tokens = tokenize(&text);
        let mut pos = 0usize;
        for t in &tokens {
            let (s, e) = (t.start as usize, t.end as usize);
            prop_assert!(s < e, "empty token at {s}");
            prop_assert!(s >= pos, "token at {s} overlaps the previous one ending at {pos}");
            prop_assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
            // Between tokens there is only whitespace.
            prop_assert!(text[pos..s].chars().all(is_gap_char), "skipped {:?}", &text[pos..s]);
            pos = e;
        }
        prop_assert!(text[pos..].chars().all(is_gap_char), "skipped tail {:?}", &text[pos..]);
    }

    #[test]
    fn sentences_partition_the_tokens(text in tricky_text()) {
        let tokens = tokenize(&text);
        let sents = sentences(&text, &tokens);
        let mut next = 0usize;
        let mut last_end = 0u32;
        for s in &sents {
            prop_assert_eq!(s.tokens.start, next);
            prop_assert!(s.tokens.end > s.tokens.start);
            prop_assert_eq!(s.start, tokens[s.tokens.start].start);
            prop_assert_eq!(s.end, tokens[s.tokens.end - 1].end);
            prop_assert!(s.start >= last_end);
            prop_assert!(text.is_char_boundary(s.start as usize) && text.is_char_boundary(s.end as usize));
            last_end = s.end;
            next = s.tokens.end;
        }
        prop_assert_eq!(next, tokens.len());
        let _ = dateline(&text, &tokens);
        for p in paragraphs(&text) {
            prop_assert!(p.slice(&text).is_some());
        }
    }

    #[test]
    fn numbers_and_times_never_panic(text in tricky_text(), days in -30_000i32..60_000) {
        let tokens = tokenize(&text);
        for n in find_numbers(&text, &tokens) {
            prop_assert_eq!(n.span.slice(&text), Some(n.text.as_str()));
            if let (Some(lo), Some(hi)) = (n.min, n.max) {
                prop_assert!(lo <= hi, "{:?}", n);
            }
        }
        for anchor in [None, Some(Date::from_days(days))] {
            for t in find_times(&text, &tokens, anchor) {
                prop_assert_eq!(t.span.slice(&text), Some(t.text.as_str()));
                if let (Some(a), Some(b)) = (t.start_date, t.end_date) {
                    prop_assert!(a <= b, "{:?}", t);
                }
            }
        }
    }

    #[test]
    fn resolution_never_panics(
        text in tricky_text(),
        spans in proptest::collection::vec((0u32..300, 0u32..20, 0usize..5), 0..12),
    ) {
        let labels = [EntityLabel::Per, EntityLabel::Org, EntityLabel::Gpe, EntityLabel::Loc, EntityLabel::Misc];
        // Offsets straight from the generator: some out of range, some mid-character.
        let mut entities: Vec<Entity> = spans
            .iter()
            .map(|&(start, len, label)| Entity {
                text: text.get(start as usize..(start + len) as usize).unwrap_or("IS").to_string(),
                label: labels[label],
                start,
                end: start + len,
                canonical: None,
            })
            .collect();
        let res = resolve(&text, &tokenize(&text), &mut entities, AliasTable::builtin());
        prop_assert_eq!(res.entity_cluster.len(), entities.len());
        prop_assert!(entities.iter().all(|e| e.canonical.is_some()));
        let _ = tocsin_nlp::lang::detect(&text);
        let _ = tocsin_nlp::lang::detect_paragraphs(&text);
    }

    #[test]
    fn dates_round_trip(days in -3_000_000i32..3_000_000, months in -2_000i32..2_000) {
        let d = Date::from_days(days);
        let (y, m, dd) = d.ymd();
        if (-9999..=9999).contains(&y) {
            prop_assert_eq!(Date::from_ymd(y, m, dd), Some(d));
            prop_assert_eq!(Date::parse_iso(&d.to_string()), (0..=9999).contains(&y).then_some(d));
        }
        let _ = d.add_months(months);
        prop_assert_eq!(d.add_days(1).days_since_epoch(), days + 1);
        prop_assert!(d.weekday() < 7);
    }
}
