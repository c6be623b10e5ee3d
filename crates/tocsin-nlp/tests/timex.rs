//! Time expressions resolved against the publication date: one test per form the issue lists,
//! and the seed page's own.

use tocsin_nlp::timex::{find_times, find_times_with, Date, Precision, TimeMention, TimexOptions};
use tocsin_nlp::tokenize::tokenize;

/// The seed page was published on Tuesday 2024-03-26.
fn seed_anchor() -> Option<Date> {
    Date::from_ymd(2024, 3, 26)
}

fn times(text: &str, anchor: Option<Date>) -> Vec<TimeMention> {
    find_times(text, &tokenize(text), anchor)
}

/// (text, value, precision) of every mention.
fn values(text: &str, anchor: Option<Date>) -> Vec<(String, Option<String>, Precision)> {
    times(text, anchor)
        .into_iter()
        .map(|t| (t.text, t.value, t.precision))
        .collect()
}

fn v(text: &str, value: &str, p: Precision) -> (String, Option<String>, Precision) {
    (text.to_string(), Some(value.to_string()), p)
}

fn day(s: &str) -> Option<Date> {
    Date::parse_iso(s)
}

// ----- the seed page ------------------------------------------------------------------------

#[test]
fn seed_friday_march_22_2024() {
    let text = "on the western edge of Moscow, Russia, Friday, March 22, 2024. (AP Photo)";
    let found = times(text, seed_anchor());
    assert_eq!(found.len(), 1);
    let t = &found[0];
    assert_eq!(t.text, "Friday, March 22, 2024");
    assert_eq!(t.value.as_deref(), Some("2024-03-22"));
    assert_eq!(t.precision, Precision::Day);
    assert_eq!(
        (t.start_date, t.end_date),
        (day("2024-03-22"), day("2024-03-22"))
    );
    assert!(!t.relative);
}

#[test]
fn seed_on_sunday() {
    let text = "after gunmen attacked a concert hall on Sunday, killing more than 130 people";
    assert_eq!(
        values(text, seed_anchor()),
        [v("Sunday", "2024-03-24", Precision::Day)]
    );
    assert!(times(text, seed_anchor())[0].relative);
}

#[test]
fn seed_in_january() {
    let text = "it was responsible for two bombings at commemoration ceremonies in January.";
    let found = times(text, seed_anchor());
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].value.as_deref(), Some("2024-01"));
    assert_eq!(found[0].precision, Precision::Month);
    assert_eq!(
        (found[0].start_date, found[0].end_date),
        (day("2024-01-01"), day("2024-01-31"))
    );
}

#[test]
fn seed_weeks_ago() {
    let text =
        "noting that Washington warned Moscow weeks ago about the possibility of such an attack.";
    let found = times(text, seed_anchor());
    assert_eq!(found.len(), 1);
    let t = &found[0];
    assert_eq!(t.text, "weeks ago");
    assert!(t.approximate);
    assert_eq!(t.precision, Precision::Week);
    // Two to eight weeks before publication.
    assert_eq!(
        (t.start_date, t.end_date),
        (day("2024-01-30"), day("2024-03-12"))
    );
    assert_eq!(t.value.as_deref(), Some("2024-01-30/2024-03-12"));
}

#[test]
fn seed_2021() {
    let text = "the 2021 bombing at Monastery Gate during the Taliban takeover of Afghanistan.";
    assert_eq!(
        values(text, seed_anchor()),
        [v("2021", "2021", Precision::Year)]
    );
    let t = &times(text, None)[0];
    assert_eq!(
        (t.start_date, t.end_date),
        (day("2021-01-01"), day("2021-12-31"))
    );
}

#[test]
fn seed_other_expressions() {
    let text = "a suspect in Friday’s shooting, released on Sunday, March 24, 2024; until earlier this year; \
                in the past three decades; he told reporters on Monday.";
    assert_eq!(
        values(text, seed_anchor()),
        [
            v("Friday", "2024-03-22", Precision::Day),
            v("Sunday, March 24, 2024", "2024-03-24", Precision::Day),
            v(
                "earlier this year",
                "2024-01-01/2024-03-26",
                Precision::Year
            ),
            v(
                "the past three decades",
                "1994-03-26/2024-03-26",
                Precision::Year
            ),
            v("Monday", "2024-03-25", Precision::Day),
        ]
    );
}

// ----- absolute dates -----------------------------------------------------------------------

#[test]
fn absolute_dates() {
    let a = seed_anchor();
    assert_eq!(
        values("March 22, 2024", a),
        [v("March 22, 2024", "2024-03-22", Precision::Day)]
    );
    assert_eq!(
        values("22 March 2024", a),
        [v("22 March 2024", "2024-03-22", Precision::Day)]
    );
    assert_eq!(
        values("Mar. 22, 2024", a),
        [v("Mar. 22, 2024", "2024-03-22", Precision::Day)]
    );
    assert_eq!(
        values("the 22nd of March 2024", a),
        [v("the 22nd of March 2024", "2024-03-22", Precision::Day)]
    );
    assert_eq!(
        values("2024-03-22", a),
        [v("2024-03-22", "2024-03-22", Precision::Day)]
    );
    assert_eq!(
        values("03/22/2024", a),
        [v("03/22/2024", "2024-03-22", Precision::Day)]
    );
    assert_eq!(
        values("22.03.2024", a),
        [v("22.03.2024", "2024-03-22", Precision::Day)]
    );
    assert_eq!(
        values("March 2024", a),
        [v("March 2024", "2024-03", Precision::Month)]
    );
    assert_eq!(
        values("in March of 2023", a),
        [v("March of 2023", "2023-03", Precision::Month)]
    );
    // Not a date: February has no 30th.
    assert!(values("February 30, 2024", None)
        .iter()
        .all(|(_, value, _)| value.as_deref() != Some("2024-02-30")));
}

#[test]
fn day_ranges() {
    let t = &times("the festival ran March 22-24, 2024.", seed_anchor())[0];
    assert_eq!(t.text, "March 22-24, 2024");
    assert_eq!(
        (t.start_date, t.end_date),
        (day("2024-03-22"), day("2024-03-24"))
    );
    assert_eq!(t.value.as_deref(), Some("2024-03-22/2024-03-24"));
}

#[test]
fn numeric_order_follows_the_language() {
    let text = "04/03/2024";
    let us = find_times(text, &tokenize(text), None);
    assert_eq!(us[0].value.as_deref(), Some("2024-04-03"));
    let fr = find_times_with(
        text,
        &tokenize(text),
        None,
        &TimexOptions::for_language("fr"),
    );
    assert_eq!(fr[0].value.as_deref(), Some("2024-03-04"));
    // A day above 12 decides by itself.
    assert_eq!(
        values("22/03/2024", None)[0].1.as_deref(),
        Some("2024-03-22")
    );
}

#[test]
fn month_and_day_without_a_year() {
    let a = seed_anchor();
    assert_eq!(
        values("on March 22", a),
        [v("March 22", "2024-03-22", Precision::Day)]
    );
    // Later in the year than publication (beyond two weeks): last year's.
    assert_eq!(
        values("on December 5", a),
        [v("December 5", "2023-12-05", Precision::Day)]
    );
    // Unless the clause is about the future.
    assert_eq!(
        values("the trial will start on December 5", a),
        [v("December 5", "2024-12-05", Precision::Day)]
    );
    // A weekday written with it picks the year.
    assert_eq!(
        values("Friday, March 24", a)[0].1.as_deref(),
        Some("2023-03-24")
    );
    // Without a publication date it stays unresolved.
    let t = &times("on March 22", None)[0];
    assert_eq!((t.value.as_deref(), t.precision), (None, Precision::Day));
}

#[test]
fn other_languages() {
    let a = seed_anchor();
    assert_eq!(
        values("el 22 de marzo de 2024", a)[0].1.as_deref(),
        Some("2024-03-22")
    );
    assert_eq!(
        values("am 22. März 2024", a)[0].1.as_deref(),
        Some("2024-03-22")
    );
    assert_eq!(
        values("le 22 mars 2024", a)[0].1.as_deref(),
        Some("2024-03-22")
    );
    assert_eq!(
        values("22 марта 2024 года", a)[0].1.as_deref(),
        Some("2024-03-22")
    );
    assert_eq!(
        values("2024年3月22日", a)[0].1.as_deref(),
        Some("2024-03-22")
    );
    assert_eq!(
        values("2024년 3월 22일", a)[0].1.as_deref(),
        Some("2024-03-22")
    );
    assert_eq!(values("marzo de 2024", a)[0].1.as_deref(), Some("2024-03"));
    // A foreign month name alone is not a date ("mars" is also the planet).
    assert!(values("life on mars", a).is_empty());
}

// ----- weekdays -----------------------------------------------------------------------------

#[test]
fn weekdays() {
    let a = seed_anchor(); // a Tuesday
    assert_eq!(
        values("Friday", a),
        [v("Friday", "2024-03-22", Precision::Day)]
    );
    assert_eq!(
        values("on Tuesday", a),
        [v("Tuesday", "2024-03-26", Precision::Day)]
    );
    assert_eq!(
        values("last Tuesday", a),
        [v("last Tuesday", "2024-03-19", Precision::Day)]
    );
    assert_eq!(
        values("next Friday", a),
        [v("next Friday", "2024-03-29", Precision::Day)]
    );
    assert_eq!(
        values("this Friday", a),
        [v("this Friday", "2024-03-29", Precision::Day)]
    );
    assert_eq!(
        values("Saturday night", a),
        [v("Saturday night", "2024-03-23", Precision::Day)]
    );
    assert_eq!(
        values("they will meet on Friday", a),
        [v("Friday", "2024-03-29", Precision::Day)]
    );
}

// ----- relative days, weeks, months, years -------------------------------------------------

#[test]
fn relative_days() {
    let a = seed_anchor();
    assert_eq!(
        values("yesterday", a),
        [v("yesterday", "2024-03-25", Precision::Day)]
    );
    assert_eq!(
        values("today", a),
        [v("today", "2024-03-26", Precision::Day)]
    );
    assert_eq!(
        values("tomorrow", a),
        [v("tomorrow", "2024-03-27", Precision::Day)]
    );
    assert_eq!(
        values("last night", a),
        [v("last night", "2024-03-25", Precision::Day)]
    );
    assert_eq!(
        values("three days ago", a),
        [v("three days ago", "2024-03-23", Precision::Day)]
    );
    assert_eq!(
        values("2 days ago", a),
        [v("2 days ago", "2024-03-24", Precision::Day)]
    );
}

#[test]
fn last_week_month_year() {
    let a = seed_anchor();
    let t = &times("last week", a)[0];
    assert_eq!(
        (t.value.as_deref(), t.precision),
        (Some("2024-W12"), Precision::Week)
    );
    assert_eq!(
        (t.start_date, t.end_date),
        (day("2024-03-18"), day("2024-03-24"))
    );
    assert_eq!(
        values("this week", a),
        [v("this week", "2024-W13", Precision::Week)]
    );
    assert_eq!(
        values("last month", a),
        [v("last month", "2024-02", Precision::Month)]
    );
    assert_eq!(
        values("next month", a),
        [v("next month", "2024-04", Precision::Month)]
    );
    assert_eq!(
        values("last year", a),
        [v("last year", "2023", Precision::Year)]
    );
    assert_eq!(
        values("this year", a),
        [v("this year", "2024", Precision::Year)]
    );
    assert_eq!(
        values("a week ago", a),
        [v("a week ago", "2024-W12", Precision::Week)]
    );
    assert_eq!(
        values("two months ago", a),
        [v("two months ago", "2024-01", Precision::Month)]
    );
    assert_eq!(
        values("five years ago", a),
        [v("five years ago", "2019", Precision::Year)]
    );
    let t = &times("over the weekend", a)[0];
    assert_eq!(
        (t.text.as_str(), t.start_date, t.end_date),
        ("the weekend", day("2024-03-23"), day("2024-03-24"))
    );
}

#[test]
fn in_a_month_means_the_most_recent_one() {
    let a = seed_anchor(); // March 2024
    assert_eq!(
        values("in January", a),
        [v("January", "2024-01", Precision::Month)]
    );
    assert_eq!(
        values("in March", a),
        [v("March", "2024-03", Precision::Month)]
    );
    assert_eq!(
        values("in November", a),
        [v("November", "2023-11", Precision::Month)]
    );
    assert_eq!(
        values("last March", a),
        [v("last March", "2023-03", Precision::Month)]
    );
    assert_eq!(
        values("next January", a),
        [v("next January", "2025-01", Precision::Month)]
    );
    let t = &times("in early January", a)[0];
    assert_eq!(
        (t.text.as_str(), t.start_date, t.end_date),
        ("early January", day("2024-01-01"), day("2024-01-10"))
    );
    let t = &times("since mid-February", a)[0];
    assert_eq!(
        (t.value.as_deref(), t.start_date),
        (Some("2024-02"), day("2024-02-11"))
    );
    // A capitalized "May" that is not after a preposition is a verb or a name.
    assert!(values("May God help them", a).is_empty());
}

#[test]
fn fuzzy_spans() {
    let a = seed_anchor();
    let t = &times("a few days ago", a)[0];
    assert!(t.approximate);
    assert_eq!(
        (t.start_date, t.end_date),
        (day("2024-03-21"), day("2024-03-24"))
    );
    let t = &times("earlier this month", a)[0];
    assert_eq!(
        (t.start_date, t.end_date),
        (day("2024-03-01"), day("2024-03-26"))
    );
    let t = &times("in the past week", a)[0];
    assert_eq!(
        (t.text.as_str(), t.start_date, t.end_date),
        ("the past week", day("2024-03-19"), day("2024-03-26"))
    );
}

// ----- years and decades --------------------------------------------------------------------

#[test]
fn years_and_decades() {
    let a = seed_anchor();
    assert_eq!(values("in 2015", a), [v("2015", "2015", Precision::Year)]);
    assert_eq!(
        values("the 1990s", a),
        [v("1990s", "1990s", Precision::Decade)]
    );
    assert_eq!(
        values("the '90s", a),
        [v("'90s", "1990s", Precision::Decade)]
    );
    // Counts are not years.
    assert!(values("2000 people fled", a).is_empty());
    assert!(values("more than 2000 fled", a).is_empty());
    // Clock times in military notation are not years.
    assert!(values("since 1330 (1930 GMT)", a).is_empty());
    assert!(values("at 1800 hours", a).is_empty());
}

#[test]
fn unresolved_without_an_anchor() {
    for text in [
        "Friday",
        "last week",
        "in January",
        "weeks ago",
        "yesterday",
    ] {
        let found = times(text, None);
        assert_eq!(found.len(), 1, "{text}");
        assert!(found[0].value.is_none() && found[0].relative, "{text}");
    }
}

#[test]
fn anchor_from_a_publication_timestamp() {
    assert_eq!(Date::parse_iso("2024-03-26T10:00:00Z"), day("2024-03-26"));
    assert_eq!(Date::parse_iso("2024-03-26"), day("2024-03-26"));
    assert_eq!(Date::parse_iso("26/03/2024"), None);
}
