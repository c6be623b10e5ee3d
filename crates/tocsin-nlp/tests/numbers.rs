//! Numbers and their bounds: one test per form the issue lists, and the seed page's own.

use tocsin_nlp::numbers::{
    find_numbers, find_numbers_with, NumberKind, NumberMention, NumberOptions, Qualifier,
};
use tocsin_nlp::tokenize::tokenize;

fn numbers(text: &str) -> Vec<NumberMention> {
    find_numbers(text, &tokenize(text))
}

/// The single number in `text`: (text, min, max, exact).
fn one(text: &str) -> (String, Option<u64>, Option<u64>, bool) {
    let found = numbers(text);
    assert_eq!(found.len(), 1, "{text:?} gave {found:#?}");
    let n = &found[0];
    (n.text.clone(), n.min, n.max, n.exact)
}

fn s(x: &str) -> String {
    x.to_string()
}

// ----- the seed page ------------------------------------------------------------------------

#[test]
fn seed_more_than_130_people() {
    let text = "gunmen attacked a concert hall on Sunday, killing more than 130 people and injuring 180 others.";
    let found = numbers(text);
    assert_eq!(found.len(), 2);
    assert_eq!(
        (
            found[0].text.as_str(),
            found[0].min,
            found[0].max,
            found[0].exact
        ),
        ("more than 130", Some(131), None, false)
    );
    assert_eq!(found[0].qualifier, Qualifier::MoreThan);
    assert_eq!(found[0].value, 130.0);
    assert_eq!(
        (
            found[1].text.as_str(),
            found[1].min,
            found[1].max,
            found[1].exact
        ),
        ("180", Some(180), Some(180), true)
    );
    assert_eq!(found[1].kind, NumberKind::Cardinal);
}

#[test]
fn seed_95_killed_more_than_280_injured() {
    let text = "Iranian General Qassem Soleimani 95 people were killed and more than 280 injured.";
    let found = numbers(text);
    assert_eq!(found.len(), 2);
    assert_eq!(
        (
            found[0].text.as_str(),
            found[0].min,
            found[0].max,
            found[0].exact
        ),
        ("95", Some(95), Some(95), true)
    );
    assert_eq!(
        (
            found[1].text.as_str(),
            found[1].min,
            found[1].max,
            found[1].exact
        ),
        ("more than 280", Some(281), None, false)
    );
}

#[test]
fn seed_small_counts_in_words() {
    let text = "Four Tajik men have been charged. Videos of at least two of the men emerged.";
    let found = numbers(text);
    assert_eq!(found.len(), 2);
    assert_eq!(
        (found[0].text.as_str(), found[0].min, found[0].exact),
        ("Four", Some(4), true)
    );
    assert_eq!(
        (found[1].text.as_str(), found[1].min, found[1].max),
        ("at least two", Some(2), None)
    );
    assert_eq!(found[1].qualifier, Qualifier::AtLeast);
}

// ----- digits -------------------------------------------------------------------------------

#[test]
fn digits_with_separators() {
    assert_eq!(
        one("1,200 people died"),
        (s("1,200"), Some(1200), Some(1200), true)
    );
    assert_eq!(
        one("1,234,567 voters"),
        (s("1,234,567"), Some(1_234_567), Some(1_234_567), true)
    );
    let n = &numbers("a 3.5 magnitude quake")[0];
    assert_eq!((n.value, n.min, n.exact), (3.5, None, true));
}

#[test]
fn decimal_comma_languages() {
    let text = "1.200 Menschen und 3,5 Millionen";
    let found = find_numbers_with(text, &tokenize(text), &NumberOptions::for_language("de"));
    assert_eq!(found[0].value, 1200.0);
    assert_eq!(found[1].value, 3.5);
}

#[test]
fn digits_with_a_scale_word() {
    assert_eq!(
        one("3 million refugees"),
        (s("3 million"), Some(3_000_000), Some(3_000_000), true)
    );
    assert_eq!(one("1.2 billion dollars").1, Some(1_200_000_000));
    assert_eq!(numbers("1.2 billion dollars")[0].kind, NumberKind::Money);
}

// ----- words --------------------------------------------------------------------------------

#[test]
fn number_words() {
    assert_eq!(one("ninety-five people").1, Some(95));
    assert_eq!(one("Twelve soldiers").1, Some(12));
    assert_eq!(one("twenty five people").1, Some(25));
    assert_eq!(one("one hundred and twenty people").1, Some(120));
    assert_eq!(one("two thousand five hundred homes").1, Some(2500));
    assert_eq!(one("a hundred people").1, Some(100));
    assert_eq!(one("three million people").1, Some(3_000_000));
}

#[test]
fn dozens() {
    assert_eq!(
        one("a dozen people"),
        (s("a dozen"), Some(12), Some(12), true)
    );
    assert_eq!(one("two dozen people").1, Some(24));
    assert_eq!(one("half a dozen people").1, Some(6));
    let (text, min, max, exact) = one("dozens of people were hurt");
    assert_eq!(
        (text.as_str(), min, max, exact),
        ("dozens", Some(24), Some(144), false)
    );
    assert_eq!(numbers("dozens of people")[0].qualifier, Qualifier::Vague);
}

#[test]
fn hundreds_and_thousands() {
    assert_eq!(
        one("hundreds were wounded"),
        (s("hundreds"), Some(200), Some(999), false)
    );
    assert_eq!(one("thousands fled").1, Some(2000));
    assert_eq!(
        one("tens of thousands fled"),
        (s("tens of thousands"), Some(20_000), Some(99_999), false)
    );
    assert_eq!(one("hundreds of thousands fled").1, Some(200_000));
    assert_eq!(
        one("several hundred people"),
        (s("several hundred"), Some(300), Some(900), false)
    );
    assert_eq!(
        one("several people were hurt"),
        (s("several"), Some(3), Some(9), false)
    );
    assert_eq!(one("a few people were hurt").1, Some(2));
    assert_eq!(one("scores of people").1, Some(40));
}

// ----- bounds -------------------------------------------------------------------------------

#[test]
fn more_than_and_over() {
    assert_eq!(
        one("more than 130 people"),
        (s("more than 130"), Some(131), None, false)
    );
    assert_eq!(one("over 50 people"), (s("over 50"), Some(51), None, false));
    assert_eq!(
        one("more than a dozen people"),
        (s("more than a dozen"), Some(13), None, false)
    );
    assert_eq!(one("upwards of 40 people").1, Some(41));
}

#[test]
fn at_least() {
    assert_eq!(
        one("at least 20 people"),
        (s("at least 20"), Some(20), None, false)
    );
    assert_eq!(one("no fewer than 7 people").1, Some(7));
    assert_eq!(
        one("20 or more people"),
        (s("20 or more"), Some(20), None, false)
    );
    assert_eq!(one("20+ people").1, Some(20));
}

#[test]
fn nearly_and_almost() {
    assert_eq!(
        one("nearly 100 people"),
        (s("nearly 100"), None, Some(99), false)
    );
    assert_eq!(one("almost 40 people").2, Some(39));
    assert_eq!(numbers("nearly 100 people")[0].value, 100.0);
    assert_eq!(numbers("nearly 100 people")[0].qualifier, Qualifier::Nearly);
}

#[test]
fn up_to_and_at_most() {
    assert_eq!(
        one("up to 50 people"),
        (s("up to 50"), None, Some(50), false)
    );
    assert_eq!(one("as many as 300 people").2, Some(300));
    assert_eq!(one("no more than 4 people").2, Some(4));
    assert_eq!(one("fewer than 10 people").2, Some(9));
}

#[test]
fn about() {
    let n = &numbers("about 200 people")[0];
    assert_eq!(
        (n.text.as_str(), n.min, n.max, n.exact, n.value),
        ("about 200", None, None, false, 200.0)
    );
    assert_eq!(numbers("some 40 people")[0].qualifier, Qualifier::About);
    assert_eq!(numbers("an estimated 40 people")[0].text, "an estimated 40");
    assert_eq!(numbers("100 or so people")[0].qualifier, Qualifier::About);
}

#[test]
fn ranges() {
    assert_eq!(
        one("between 20 and 30 people"),
        (s("between 20 and 30"), Some(20), Some(30), false)
    );
    assert_eq!(
        one("20 to 30 people"),
        (s("20 to 30"), Some(20), Some(30), false)
    );
    assert_eq!(one("20-30 people"), (s("20-30"), Some(20), Some(30), false));
    assert_eq!(
        one("two or three people"),
        (s("two or three"), Some(2), Some(3), false)
    );
}

#[test]
fn no_one() {
    assert_eq!(
        one("No one was hurt"),
        (s("No one"), Some(0), Some(0), true)
    );
}

// ----- kinds --------------------------------------------------------------------------------

#[test]
fn years_are_marked() {
    let found = numbers("the 2021 bombing and 2000 people in 2015");
    let kinds: Vec<_> = found.iter().map(|n| (n.text.as_str(), n.kind)).collect();
    assert_eq!(
        kinds,
        [
            ("2021", NumberKind::Year),
            ("2000", NumberKind::Cardinal),
            ("2015", NumberKind::Year)
        ]
    );
}

#[test]
fn dates_and_times_are_not_counts() {
    assert!(numbers("on Friday, March 22, 2024, at 7:18 p.m.").is_empty());
    assert!(numbers("on 22 March 2024").is_empty());
    assert!(numbers("March 22nd").is_empty());
}

#[test]
fn ordinals_ages_percent_money() {
    let found =
        numbers("the 22nd attack, a 5-year-old boy, 12% of voters, $5 million, the first time");
    let kinds: Vec<_> = found
        .iter()
        .map(|n| (n.text.as_str(), n.kind, n.min))
        .collect();
    assert_eq!(
        kinds,
        [
            ("22nd", NumberKind::Ordinal, Some(22)),
            ("5-year-old", NumberKind::Age, Some(5)),
            ("12%", NumberKind::Percent, Some(12)),
            ("$5 million", NumberKind::Money, Some(5_000_000)),
            ("first", NumberKind::Ordinal, Some(1)),
        ]
    );
}

#[test]
fn ages_in_months_are_fractions_of_a_year() {
    let n = &numbers("his 8-month-old son")[0];
    assert_eq!((n.kind, n.min, n.max), (NumberKind::Age, Some(0), Some(0)));
    assert!((n.value - 8.0 / 12.0).abs() < 1e-9);
}

#[test]
fn pronoun_one_is_not_a_number() {
    assert!(numbers("the one who fled").is_empty());
    assert!(numbers("they helped one another").is_empty());
}

#[test]
fn spans_cover_the_expression() {
    let text = "killing more than 130 people";
    let n = &numbers(text)[0];
    assert_eq!(n.span.slice(text), Some("more than 130"));
}
