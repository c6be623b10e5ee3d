//! Time expressions, resolved against the document's publication date.
//!
//! News dates events relative to when it was written: "on Sunday", "last week", "in January"
//! (the most recent January before publication), "weeks ago". Each [`TimeMention`] carries
//! the calendar value it resolves to (`2024-03-22`, `2024-03`, `2024`, `2024-W12`, `1990s`,
//! or an interval `2024-01-30/2024-03-12` for fuzzy spans), its [`Precision`], and the first
//! and last day it covers, so an event date can be compared with another at the right grain.
//!
//! ```
//! use tocsin_nlp::timex::{find_times, Date, Precision};
//! use tocsin_nlp::tokenize::tokenize;
//! let text = "Gunmen attacked a concert hall on Friday, March 22, 2024. On Sunday, four men \
//!             were charged. Two bombings in January killed 95 people.";
//! let anchor = Date::parse_iso("2024-03-26T10:00:00Z");
//! let times = find_times(text, &tokenize(text), anchor);
//! let values: Vec<_> = times.iter().map(|t| t.value.as_deref().unwrap_or("?")).collect();
//! assert_eq!(values, ["2024-03-22", "2024-03-24", "2024-01"]);
//! assert_eq!(times[2].precision, Precision::Month);
//! ```
//!
//! Absolute dates are read in English and, next to a day or a year, with month names of the
//! main news languages (`22 de marzo de 2024`, `22. März 2024`, `22 марта 2024`) and in
//! numeric and CJK forms (`2024-03-22`, `22.03.2024`, `2024年3月22日`). Relative expressions
//! are English only. Prepositions ("on", "in") are not part of a mention's span.

mod date;
mod words;

pub use date::{days_in_month, Date};

use crate::numbers::{is_count_noun, parse_digits, word_value};
use crate::tokenize::{Token, TokenKind};
use date::shift_month;
use serde::{Deserialize, Serialize};
use std::ops::Range;
use tocsin_model::Span;
use words::Unit;

/// How finely a time expression pins down its date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// A day: "Friday, March 22, 2024", "yesterday".
    Day,
    /// A week: "last week".
    Week,
    /// A month: "in January", "March 2024".
    Month,
    /// A year: "2021", "last year".
    Year,
    /// A decade: "the 1990s".
    Decade,
}

/// A time expression found in the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimeMention {
    /// Bytes of the expression (without a leading "on"/"in").
    pub span: Span,
    /// The expression as written.
    pub text: String,
    /// Indexes of its tokens.
    pub tokens: Range<usize>,
    /// The resolved value: `2024-03-22`, `2024-03`, `2024`, `2024-W12`, `1990s`, or an ISO
    /// interval `start/end` for approximate spans. `None` when the expression needs a
    /// publication date and none was given.
    pub value: Option<String>,
    /// How finely the expression pins down its date.
    pub precision: Precision,
    /// First day covered.
    pub start_date: Option<Date>,
    /// Last day covered (inclusive).
    pub end_date: Option<Date>,
    /// Whether the value depends on the publication date ("Friday", "last week", "March 22").
    pub relative: bool,
    /// Whether the span is a conventional guess ("weeks ago", "earlier this year").
    pub approximate: bool,
}

/// Conventions for reading dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimexOptions {
    /// Read `03/04/2024` as March 4 (United States) rather than 3 April.
    pub month_first: bool,
}

impl Default for TimexOptions {
    fn default() -> Self {
        Self { month_first: true }
    }
}

impl TimexOptions {
    /// The convention of a language (ISO 639-1): month first for English, day first otherwise.
    pub fn for_language(code: &str) -> Self {
        Self {
            month_first: code == "en",
        }
    }
}

/// Month number of a month name: English (capitalized, `Mar.` too) or another news language.
pub fn month_number(word: &str) -> Option<u32> {
    words::english_month(word).or_else(|| words::foreign_month(word))
}

/// Finds time expressions and resolves them against `anchor` (the publication date).
pub fn find_times(text: &str, tokens: &[Token], anchor: Option<Date>) -> Vec<TimeMention> {
    find_times_with(text, tokens, anchor, &TimexOptions::default())
}

/// Like [`find_times`], with explicit conventions.
pub fn find_times_with(
    text: &str,
    tokens: &[Token],
    anchor: Option<Date>,
    opts: &TimexOptions,
) -> Vec<TimeMention> {
    let tx = Tx {
        text,
        t: tokens,
        anchor,
        opts,
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        match tx.at(i) {
            Some(m) if m.end > m.start => {
                i = m.end;
                out.push(tx.finish(m));
            }
            _ => i += 1,
        }
    }
    out
}

/// Which occurrence of a weekday or month a phrase means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// The most recent, possibly the anchor's own ("on Friday", "in January").
    Past,
    /// Strictly before the anchor's ("last Friday", "last March").
    StrictPast,
    /// The next, possibly the anchor's own ("will meet on Friday").
    Future,
    /// Strictly after ("next Friday").
    StrictFuture,
    /// In the anchor's week or year ("this Friday", "this March").
    This,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Whole,
    Early,
    Mid,
    Late,
}

#[derive(Debug, Clone, Copy)]
enum Value {
    Day(Date),
    Month(i32, u32, Part),
    Year(i32),
    Week(Date),
    Decade(i32),
    Interval(Date, Date, Precision),
    Unresolved(Precision),
}

struct Match {
    start: usize,
    end: usize,
    value: Value,
    relative: bool,
    approximate: bool,
}

struct Tx<'a> {
    text: &'a str,
    t: &'a [Token],
    anchor: Option<Date>,
    opts: &'a TimexOptions,
}

impl<'a> Tx<'a> {
    fn w(&self, i: usize) -> &'a str {
        self.t.get(i).map_or("", |t| t.text(self.text))
    }

    fn is(&self, i: usize, s: &str) -> bool {
        self.w(i).eq_ignore_ascii_case(s)
    }

    fn is_any(&self, i: usize, options: &[&str]) -> bool {
        options.iter().any(|s| self.is(i, s))
    }

    fn kind(&self, i: usize) -> Option<TokenKind> {
        self.t.get(i).map(|t| t.kind)
    }

    fn finish(&self, m: Match) -> TimeMention {
        let a = self.t[m.start].start as usize;
        let b = self.t[m.end - 1].end as usize;
        let (value, precision, start_date, end_date) = describe(m.value);
        TimeMention {
            span: Span::new(a, b),
            text: self.text.get(a..b).unwrap_or("").to_string(),
            tokens: m.start..m.end,
            value,
            precision,
            start_date,
            end_date,
            relative: m.relative,
            approximate: m.approximate,
        }
    }

    /// Tries the patterns that can start at token `i`, chosen by the token's kind and first
    /// character so that ordinary words cost one or two comparisons.
    fn at(&self, i: usize) -> Option<Match> {
        let t = self.t.get(i)?;
        let w = self.w(i);
        let first = *w.as_bytes().first()?;
        match t.kind {
            TokenKind::Number => self
                .cjk_date(i)
                .or_else(|| self.numeric(i))
                .or_else(|| self.day_month(i))
                .or_else(|| self.ago(i))
                .or_else(|| self.year_alone(i)),
            TokenKind::Word | TokenKind::Abbrev => {
                if first.is_ascii_uppercase() {
                    self.month_day(i)
                        .or_else(|| self.day_month(i))
                        .or_else(|| self.month_year(i))
                        .or_else(|| self.relative(i))
                        .or_else(|| self.weekday_alone(i))
                        .or_else(|| self.month_alone(i))
                } else if first.is_ascii_lowercase() {
                    self.relative(i)
                        .or_else(|| if w == "the" { self.day_month(i) } else { None })
                        .or_else(|| self.month_year(i))
                        .or_else(|| self.month_alone(i))
                } else if first.is_ascii_digit() {
                    self.cjk_date(i)
                        .or_else(|| self.day_month(i))
                        .or_else(|| self.decade(i))
                } else if first == b'\'' || w.starts_with('\u{2019}') {
                    self.decade(i)
                } else {
                    // A month in another script before a year ("März 2024", "марта 2024").
                    self.month_year(i)
                }
            }
            _ => None,
        }
    }

    // ----- pieces ------------------------------------------------------------------------

    /// A day of the month: `22`, `22nd`, `1st`.
    fn day_at(&self, i: usize) -> Option<u32> {
        let w = self.w(i);
        let digits = match self.kind(i)? {
            TokenKind::Number => w,
            TokenKind::Word => {
                let n = w.len().checked_sub(2)?;
                let suffix = w.get(n..)?;
                if !["st", "nd", "rd", "th"]
                    .iter()
                    .any(|s| suffix.eq_ignore_ascii_case(s))
                {
                    return None;
                }
                w.get(..n)?
            }
            _ => return None,
        };
        if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let d: u32 = digits.parse().ok()?;
        (1..=31).contains(&d).then_some(d)
    }

    /// A year written in four digits, 1800–2199.
    fn year_at(&self, i: usize) -> Option<i32> {
        let w = self.w(i);
        if self.kind(i)? != TokenKind::Number
            || w.len() != 4
            || !w.bytes().all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let y: i32 = w.parse().ok()?;
        (1800..=2199).contains(&y).then_some(y)
    }

    fn month_at(&self, i: usize, foreign: bool) -> Option<u32> {
        let w = self.w(i);
        if !matches!(self.kind(i)?, TokenKind::Word | TokenKind::Abbrev) {
            return None;
        }
        words::english_month(w).or_else(|| foreign.then(|| words::foreign_month(w)).flatten())
    }

    /// `Friday` or `Friday,` before a date: returns the index after it.
    fn weekday_prefix(&self, i: usize) -> usize {
        if words::weekday(self.w(i)).is_some() {
            if self.w(i + 1) == "," {
                i + 2
            } else {
                i + 1
            }
        } else {
            i
        }
    }

    /// Whether the clause around token `i` is about the future ("will meet on Friday").
    fn future(&self, i: usize) -> bool {
        let from = i.saturating_sub(6);
        (from..i)
            .rev()
            .take_while(|&k| !matches!(self.w(k), "." | "!" | "?"))
            .any(|k| {
                self.is_any(
                    k,
                    &["will", "'ll", "’ll", "shall", "scheduled", "upcoming", "wo"],
                )
            })
    }

    fn mode_for(&self, i: usize) -> Mode {
        if self.future(i) {
            Mode::Future
        } else {
            Mode::Past
        }
    }

    // ----- absolute and anchored dates ----------------------------------------------------

    /// `2024-03-22`, `22.03.2024`, `03/22/2024`, `3/22/24`.
    fn numeric(&self, i: usize) -> Option<Match> {
        if self.kind(i)? != TokenKind::Number {
            return None;
        }
        let w = self.w(i);
        let sep = w.bytes().find(|b| matches!(b, b'-' | b'/' | b'.'))?;
        let parts: Vec<&str> = w.split(sep as char).collect();
        if parts.len() != 3
            || parts
                .iter()
                .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
        {
            return None;
        }
        let n = |s: &str| s.parse::<u32>().ok();
        let (y, m, d) = if parts[0].len() == 4 {
            (n(parts[0])?, n(parts[1])?, n(parts[2])?)
        } else if parts[2].len() == 4 || parts[2].len() == 2 {
            let y = n(parts[2])?;
            let y = if parts[2].len() == 2 {
                if y < 50 {
                    2000 + y
                } else {
                    1900 + y
                }
            } else {
                y
            };
            let (a, b) = (n(parts[0])?, n(parts[1])?);
            let month_first = sep != b'.' && (self.opts.month_first || b > 12) && a <= 12;
            if month_first {
                (y, a, b)
            } else {
                (y, b, a)
            }
        } else {
            return None;
        };
        let date = Date::from_ymd(i32::try_from(y).ok()?, m, d)?;
        Some(Match {
            start: i,
            end: i + 1,
            value: Value::Day(date),
            relative: false,
            approximate: false,
        })
    }

    /// `2024年3月22日`, `3月22日`, `2024년 3월 22일`.
    fn cjk_date(&self, i: usize) -> Option<Match> {
        let num = |k: usize, suffixes: &[&str]| -> Option<(u32, usize)> {
            let w = self.w(k);
            if self.kind(k) == Some(TokenKind::Number) && suffixes.contains(&self.w(k + 1)) {
                return Some((w.parse().ok()?, k + 2));
            }
            let s = suffixes.iter().find(|s| w.ends_with(**s))?;
            let digits = w.strip_suffix(*s)?;
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            Some((digits.parse().ok()?, k + 1))
        };
        const Y: &[&str] = &["年", "년"];
        const M: &[&str] = &["月", "월"];
        const D: &[&str] = &["日", "号", "일"];
        let (year, k) = match num(i, Y) {
            Some((y, k)) => (Some(y), k),
            None => (None, i),
        };
        let (month, k) = num(k, M)?;
        let day = num(k, D);
        match (year, day) {
            (Some(y), Some((d, end))) => Some(Match {
                start: i,
                end,
                value: Value::Day(Date::from_ymd(i32::try_from(y).ok()?, month, d)?),
                relative: false,
                approximate: false,
            }),
            (Some(y), None) => (1..=12).contains(&month).then_some(Match {
                start: i,
                end: k,
                value: Value::Month(y as i32, month, Part::Whole),
                relative: false,
                approximate: false,
            }),
            (None, Some((d, end))) => (1..=12)
                .contains(&month)
                .then(|| self.month_day_value(i, end, (month, d), None, Mode::Past)),
            (None, None) => None,
        }
    }

    /// `[Friday,] March 22[, 2024]`, `Mar. 22`, `March 22nd`.
    fn month_day(&self, i: usize) -> Option<Match> {
        let j = self.weekday_prefix(i);
        let (d, last) = self
            .day_at(j + 1)
            .map(|d| (d, d))
            .or_else(|| self.day_range_at(j + 1))?;
        let m = self.month_at(j, true)?;
        let mut k = j + 2;
        let year = if self.w(k) == "," && self.year_at(k + 1).is_some() {
            k += 2;
            self.year_at(k - 1)
        } else if self.year_at(k).is_some() {
            k += 1;
            self.year_at(k - 1)
        } else {
            None
        };
        let mut found = match year {
            Some(y) => Match {
                start: i,
                end: k,
                value: Value::Day(Date::from_ymd(y, m, d)?),
                relative: false,
                approximate: false,
            },
            None => {
                let mode = self.mode_for(i);
                let wd = (j > i).then(|| words::weekday(self.w(i))).flatten();
                self.month_day_value(i, k, (m, d), wd, mode)
            }
        };
        // `March 22-24`: the days from the first to the last.
        if last > d {
            if let Value::Day(first) = found.value {
                found.value =
                    Value::Interval(first, first.add_days(i64::from(last - d)), Precision::Day);
            }
        }
        Some(found)
    }

    /// `22-24`: a range of days within a month.
    fn day_range_at(&self, i: usize) -> Option<(u32, u32)> {
        if self.kind(i)? != TokenKind::Number {
            return None;
        }
        let (a, b) = self.w(i).split_once('-')?;
        let (a, b): (u32, u32) = (a.parse().ok()?, b.parse().ok()?);
        (1 <= a && a < b && b <= 31).then_some((a, b))
    }

    /// `[Friday] 22 March [2024]`, `the 22nd of March`, `22 de marzo de 2024`, `22. März 2024`.
    fn day_month(&self, i: usize) -> Option<Match> {
        let mut j = self.weekday_prefix(i);
        if self.is(j, "the") {
            j += 1;
        }
        let d = self.day_at(j)?;
        let mut k = j + 1;
        if self.w(k) == "." && self.kind(j) == Some(TokenKind::Number) {
            k += 1;
        }
        if self.is_any(k, &["of", "de"]) {
            k += 1;
        }
        let m = self.month_at(k, true)?;
        k += 1;
        let year_at = |k: usize| {
            if self.is_any(k, &[",", "de", "del"]) && self.year_at(k + 1).is_some() {
                Some((self.year_at(k + 1), k + 2))
            } else {
                self.year_at(k).map(|y| (Some(y), k + 1))
            }
        };
        match year_at(k) {
            Some((Some(y), end)) => Some(Match {
                start: i,
                end,
                value: Value::Day(Date::from_ymd(y, m, d)?),
                relative: false,
                approximate: false,
            }),
            _ => {
                let mode = self.mode_for(i);
                let first = self.weekday_prefix(i);
                let wd = (first > i).then(|| words::weekday(self.w(i))).flatten();
                Some(self.month_day_value(i, k, (m, d), wd, mode))
            }
        }
    }

    /// A month and day without a year, resolved to the occurrence nearest the anchor on the
    /// side the tense says (up to two weeks ahead still counts as past: reports of a
    /// scheduled date).
    fn month_day_value(
        &self,
        start: usize,
        end: usize,
        (m, d): (u32, u32),
        weekday: Option<u32>,
        mode: Mode,
    ) -> Match {
        let value = match self.anchor {
            None => Value::Unresolved(Precision::Day),
            Some(a) => {
                let y = a.year();
                let pick = |y: i32| Date::from_ymd(y, m, d);
                // A weekday written with the date ("Friday, March 22") picks the year in which
                // the date falls on it, when that is the year before or after.
                if let Some(wd) = weekday {
                    let by_weekday = [y, y - 1, y + 1].into_iter().filter_map(pick).find(|c| {
                        c.weekday() == wd
                            && (c.days_since_epoch() - a.days_since_epoch()).abs() < 400
                    });
                    if let Some(c) = by_weekday {
                        return Match {
                            start,
                            end,
                            value: Value::Day(c),
                            relative: true,
                            approximate: false,
                        };
                    }
                }
                let date = match mode {
                    Mode::Future | Mode::StrictFuture => match pick(y) {
                        Some(c) if c >= a.add_days(-1) => Some(c),
                        _ => pick(y + 1),
                    },
                    _ => match pick(y) {
                        Some(c) if c <= a.add_days(14) => Some(c),
                        _ => pick(y - 1),
                    },
                };
                date.map_or(Value::Unresolved(Precision::Day), Value::Day)
            }
        };
        Match {
            start,
            end,
            value,
            relative: true,
            approximate: false,
        }
    }

    /// `early`/`mid`/`late` before a month, or a `mid-March` token: the part and the index
    /// of the month token (`None` for a `mid-March` token, whose month is in itself).
    fn part_at(&self, i: usize) -> (Part, usize) {
        if self.is(i, "early") {
            (Part::Early, i + 1)
        } else if self.is(i, "late") {
            (Part::Late, i + 1)
        } else if self.is(i, "mid") && self.w(i + 1) == "-" {
            (Part::Mid, i + 2)
        } else {
            (Part::Whole, i)
        }
    }

    /// The month named at `j`, or inside a `mid-March` token.
    fn month_or_mid(&self, j: usize, foreign: bool) -> Option<(u32, Part)> {
        if let Some(m) = self.month_at(j, foreign) {
            return Some((m, Part::Whole));
        }
        let w = self.w(j);
        let rest = w
            .get(..4)
            .filter(|p| p.eq_ignore_ascii_case("mid-"))
            .and(w.get(4..))?;
        words::english_month(rest).map(|m| (m, Part::Mid))
    }

    /// `March 2024`, `March of 2024`, `early March 2024`, `mid-March 2024`, `marzo de 2024`.
    fn month_year(&self, i: usize) -> Option<Match> {
        let (part, j) = self.part_at(i);
        if self.year_at(j + 1).is_none() && self.year_at(j + 2).is_none() {
            return None;
        }
        let (m, inner) = self.month_or_mid(j, true)?;
        let part = if inner == Part::Mid { Part::Mid } else { part };
        let mut k = j + 1;
        if self.is_any(k, &[",", "of", "de", "del"]) && self.year_at(k + 1).is_some() {
            k += 1;
        }
        let y = self.year_at(k)?;
        Some(Match {
            start: i,
            end: k + 1,
            value: Value::Month(y, m, part),
            relative: false,
            approximate: false,
        })
    }

    /// `in January`, `since March`, `early March`, `mid-March`: an English month without a
    /// year, resolved to the most recent one (or the next, in a future clause).
    fn month_alone(&self, i: usize) -> Option<Match> {
        let (part, j) = self.part_at(i);
        let (m, inner) = self.month_or_mid(j, false)?;
        let part = if inner == Part::Mid { Part::Mid } else { part };
        // A bare capitalized month must follow a preposition ("May" is also a verb).
        let cue = i > 0
            && self.is_any(
                i - 1,
                &[
                    "in",
                    "since",
                    "by",
                    "until",
                    "till",
                    "through",
                    "during",
                    "from",
                    "to",
                    "before",
                    "after",
                    "of",
                    "between",
                    "and",
                    "or",
                    "throughout",
                    "early",
                    "late",
                ],
            );
        if !(cue || part != Part::Whole) {
            return None;
        }
        let mode = self.mode_for(i);
        Some(self.month_value(i, j + 1, m, part, mode))
    }

    fn month_value(&self, start: usize, end: usize, m: u32, part: Part, mode: Mode) -> Match {
        let value = match self.anchor {
            None => Value::Unresolved(Precision::Month),
            Some(a) => {
                let (ay, am) = (a.year(), a.month());
                let y = match mode {
                    Mode::Past => {
                        if m <= am {
                            ay
                        } else {
                            ay - 1
                        }
                    }
                    Mode::StrictPast => {
                        if m < am {
                            ay
                        } else {
                            ay - 1
                        }
                    }
                    Mode::Future => {
                        if m >= am {
                            ay
                        } else {
                            ay + 1
                        }
                    }
                    Mode::StrictFuture => {
                        if m > am {
                            ay
                        } else {
                            ay + 1
                        }
                    }
                    Mode::This => ay,
                };
                Value::Month(y, m, part)
            }
        };
        Match {
            start,
            end,
            value,
            relative: true,
            approximate: false,
        }
    }

    /// `Friday`, `Sunday night`: the most recent such day (the next one in a future clause).
    fn weekday_alone(&self, i: usize) -> Option<Match> {
        let w = self.w(i);
        if w.len() < 6 {
            return None; // full names only: `Sun.` alone is a newspaper
        }
        let wd = words::weekday(w)?;
        let mode = self.mode_for(i);
        Some(self.weekday_value(i, self.part_of_day(i + 1), wd, mode))
    }

    /// After a day word: `night`, `morning`, … extend the span.
    fn part_of_day(&self, k: usize) -> usize {
        if self.is_any(
            k,
            &["night", "morning", "afternoon", "evening", "overnight"],
        ) {
            k + 1
        } else {
            k
        }
    }

    fn weekday_value(&self, start: usize, end: usize, wd: u32, mode: Mode) -> Match {
        let value = match self.anchor {
            None => Value::Unresolved(Precision::Day),
            Some(a) => {
                let aw = a.weekday() as i64;
                let wd = i64::from(wd);
                let back = (aw - wd).rem_euclid(7);
                let ahead = (wd - aw).rem_euclid(7);
                let date = match mode {
                    Mode::Past => a.add_days(-back),
                    Mode::StrictPast => a.add_days(-(if back == 0 { 7 } else { back })),
                    Mode::Future => a.add_days(ahead),
                    Mode::StrictFuture => a.add_days(if ahead == 0 { 7 } else { ahead }),
                    Mode::This => a.monday().add_days(wd),
                };
                Value::Day(date)
            }
        };
        Match {
            start,
            end,
            value,
            relative: true,
            approximate: false,
        }
    }

    // ----- relative expressions ----------------------------------------------------------

    fn anchored(
        &self,
        start: usize,
        end: usize,
        value: impl FnOnce(Date) -> Value,
        p: Precision,
    ) -> Match {
        Match {
            start,
            end,
            value: self.anchor.map_or(Value::Unresolved(p), value),
            relative: true,
            approximate: false,
        }
    }

    fn relative(&self, i: usize) -> Option<Match> {
        let mut buf = [0u8; 16];
        let lw = ascii_lower(self.w(i), &mut buf)?;
        match lw {
            "today" | "tonight" => {
                Some(self.anchored(i, self.part_of_day(i + 1), Value::Day, Precision::Day))
            }
            "yesterday" => Some(self.anchored(
                i,
                self.part_of_day(i + 1),
                |a| Value::Day(a.add_days(-1)),
                Precision::Day,
            )),
            "tomorrow" => Some(self.anchored(
                i,
                self.part_of_day(i + 1),
                |a| Value::Day(a.add_days(1)),
                Precision::Day,
            )),
            "last" | "this" | "next" | "coming" | "past" => self.modified(i, i, lw),
            "the" if self.is_any(i + 1, &["past", "last"]) => self.span_back(i, i + 2),
            "the" | "over"
                if self.is(i + 1, "weekend")
                    || (self.is(i + 1, "the") && self.is(i + 2, "weekend")) =>
            {
                let end = if self.is(i + 1, "weekend") {
                    i + 2
                } else {
                    i + 3
                };
                let start = if lw == "over" { i + 1 } else { i };
                Some(self.weekend(start, end, Mode::Past))
            }
            "earlier" | "later" => self.earlier_later(i, lw),
            "recent" | "recently" => None,
            _ => self.ago(i),
        }
    }

    /// `last`/`this`/`next`/`coming`/`past` + night, weekday, month, unit.
    fn modified(&self, start: usize, i: usize, lw: &str) -> Option<Match> {
        // `this past Friday`, `this coming week`.
        if lw == "this" && self.is_any(i + 1, &["past", "coming"]) {
            let inner = self.w(i + 1).to_ascii_lowercase();
            return self.modified(start, i + 1, &inner);
        }
        let mode = match lw {
            "last" | "past" => Mode::StrictPast,
            "next" | "coming" => Mode::StrictFuture,
            _ => Mode::This,
        };
        let k = i + 1;
        if lw == "last" && self.is(k, "night") {
            return Some(self.anchored(
                start,
                k + 1,
                |a| Value::Day(a.add_days(-1)),
                Precision::Day,
            ));
        }
        if lw == "this" && self.is_any(k, &["morning", "afternoon", "evening"]) {
            return Some(self.anchored(start, k + 1, Value::Day, Precision::Day));
        }
        if let Some(wd) = words::weekday(self.w(k)) {
            return Some(self.weekday_value(start, self.part_of_day(k + 1), wd, mode));
        }
        if let Some(m) = self.month_at(k, false) {
            return Some(self.month_value(start, k + 1, m, Part::Whole, mode));
        }
        if self.is(k, "weekend") {
            return Some(self.weekend(start, k + 1, mode));
        }
        let (unit, plural) = words::unit(self.w(k))?;
        if plural {
            return None;
        }
        let n = match mode {
            Mode::StrictPast => -1,
            Mode::StrictFuture => 1,
            _ => 0,
        };
        let p = unit_precision(unit);
        Some(self.anchored(
            start,
            k + 1,
            |a| match unit {
                Unit::Day => Value::Day(a.add_days(i64::from(n))),
                Unit::Week => Value::Week(a.monday().add_days(7 * i64::from(n))),
                Unit::Month => {
                    let (y, m) = shift_month(a.year(), a.month(), n);
                    Value::Month(y, m, Part::Whole)
                }
                Unit::Year => Value::Year(a.year() + n),
                Unit::Decade => {
                    let d = a.year().div_euclid(10) * 10 + 10 * n;
                    Value::Decade(d)
                }
            },
            p,
        ))
    }

    /// Saturday and Sunday of the weekend the mode picks.
    fn weekend(&self, start: usize, end: usize, mode: Mode) -> Match {
        self.anchored(
            start,
            end,
            |a| {
                let aw = i64::from(a.weekday());
                // The Saturday of the anchor's weekend, or of the one before if it is still
                // ahead this week.
                let this_sat = a.monday().add_days(5);
                let sat = match mode {
                    Mode::StrictFuture | Mode::Future => {
                        this_sat.add_days(if aw >= 5 { 7 } else { 0 })
                    }
                    Mode::This => this_sat,
                    Mode::StrictPast => this_sat.add_days(-7),
                    Mode::Past => this_sat.add_days(if aw >= 5 { 0 } else { -7 }),
                };
                Value::Interval(sat, sat.add_days(1), Precision::Day)
            },
            Precision::Day,
        )
    }

    /// `the past week`, `the last three decades`, `the past few days`: from that long before
    /// the anchor up to it.
    fn span_back(&self, start: usize, k: usize) -> Option<Match> {
        let (n_lo, n_hi, k) = self.quantity(k).unwrap_or((1, 1, k));
        let (unit, _) = words::unit(self.w(k))?;
        let mut m = self.anchored(
            start,
            k + 1,
            |a| {
                let from = back(a, unit, n_hi);
                Value::Interval(from, a, unit_precision(unit))
            },
            unit_precision(unit),
        );
        m.approximate = n_lo != n_hi;
        Some(m)
    }

    /// A quantity before a unit: `three`, `3`, `a`, `a few`, `several`, `a couple of`:
    /// its bounds and the index after it.
    fn quantity(&self, k: usize) -> Option<(i64, i64, usize)> {
        let w = self.w(k);
        if self.is_any(k, &["a", "an", "one"]) && !self.is_any(k + 1, &["few", "couple"]) {
            return Some((1, 1, k + 1));
        }
        if self.is(k, "a") && self.is(k + 1, "few") || self.is(k, "few") {
            let next = if self.is(k, "few") { k + 1 } else { k + 2 };
            return Some((2, 5, next));
        }
        if self.is(k, "a") && self.is(k + 1, "couple") {
            let next = if self.is(k + 2, "of") { k + 3 } else { k + 2 };
            return Some((2, 3, next));
        }
        if self.is(k, "several") {
            return Some((3, 9, k + 1));
        }
        if self.kind(k) == Some(TokenKind::Number) {
            let v = parse_digits(w, false)?;
            if v.fract() != 0.0 || !(0.0..=10_000.0).contains(&v) {
                return None;
            }
            return Some((v as i64, v as i64, k + 1));
        }
        let v = word_value(w)? as i64;
        Some((v, v, k + 1))
    }

    /// `three days ago`, `a week ago`, `weeks ago`, `a few months ago`.
    fn ago(&self, i: usize) -> Option<Match> {
        if !(i + 1..i + 5).any(|k| self.is(k, "ago")) {
            return None;
        }
        let (lo, hi, k, bare) = match words::unit(self.w(i)) {
            Some((_, true)) => (2, 8, i, true),
            Some((_, false)) => return None,
            None => {
                let (lo, hi, k) = self.quantity(i)?;
                (lo, hi, k, false)
            }
        };
        let (unit, _) = words::unit(self.w(k))?;
        if !self.is(k + 1, "ago") {
            return None;
        }
        let p = unit_precision(unit);
        let mut m = self.anchored(
            i,
            k + 2,
            |a| {
                if lo == hi {
                    match unit {
                        Unit::Day => Value::Day(a.add_days(-lo)),
                        Unit::Week => Value::Week(a.add_days(-7 * lo).monday()),
                        Unit::Month => {
                            let (y, m) = shift_month(a.year(), a.month(), -(lo as i32));
                            Value::Month(y, m, Part::Whole)
                        }
                        Unit::Year => Value::Year(a.year() - lo as i32),
                        Unit::Decade => Value::Year(a.year() - 10 * lo as i32),
                    }
                } else {
                    Value::Interval(back(a, unit, hi), back(a, unit, lo), p)
                }
            },
            p,
        );
        m.approximate = bare || lo != hi || unit == Unit::Decade;
        Some(m)
    }

    /// `earlier this year`, `later this month`, `earlier today`.
    fn earlier_later(&self, i: usize, lw: &str) -> Option<Match> {
        let earlier = lw == "earlier";
        if self.is(i + 1, "today") {
            return Some(self.anchored(i, i + 2, Value::Day, Precision::Day));
        }
        if !self.is(i + 1, "this") {
            return None;
        }
        let (unit, plural) = words::unit(self.w(i + 2))?;
        if plural {
            return None;
        }
        let p = unit_precision(unit);
        let mut m = self.anchored(
            i,
            i + 3,
            |a| {
                let (first, last) = period_bounds(a, unit);
                if earlier {
                    Value::Interval(first, a, p)
                } else {
                    Value::Interval(a, last, p)
                }
            },
            p,
        );
        m.approximate = true;
        Some(m)
    }

    // ----- years and decades ------------------------------------------------------------

    /// `1990s`, `the '90s`.
    fn decade(&self, i: usize) -> Option<Match> {
        let w = self.w(i);
        let digits = w.strip_suffix('s')?;
        let start = if digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit()) {
            let y: i32 = digits.parse().ok()?;
            (y % 10 == 0 && (1800..=2190).contains(&y)).then_some(y)?
        } else {
            let two = digits
                .strip_prefix('\'')
                .or_else(|| digits.strip_prefix('’'))?;
            if two.len() != 2 || !two.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let yy: i32 = two.parse().ok()?;
            if yy % 10 != 0 {
                return None;
            }
            let ref_year = self.anchor.map_or(1999, Date::year);
            let century = ref_year.div_euclid(100) * 100;
            if century + yy > ref_year {
                century - 100 + yy
            } else {
                century + yy
            }
        };
        Some(Match {
            start: i,
            end: i + 1,
            value: Value::Decade(start),
            relative: false,
            approximate: false,
        })
    }

    /// `2021` alone, when it names a year rather than counts something.
    fn year_alone(&self, i: usize) -> Option<Match> {
        let y = self.year_at(i)?;
        let next = self.w(i + 1);
        if is_count_noun(next) || matches!(next, "%" | "percent") {
            return None;
        }
        // "at 1930 GMT", "1330 hours": a clock time in military notation.
        if self.is_any(
            i + 1,
            &["gmt", "utc", "hours", "hrs", "local", "edt", "est", "cet"],
        ) {
            return None;
        }
        if i > 0
            && (matches!(self.w(i - 1), "$" | "€" | "£" | "No." | "#" | "+" | "-")
                || self.is_any(
                    i - 1,
                    &[
                        "than",
                        "least",
                        "nearly",
                        "almost",
                        "approximately",
                        "roughly",
                        "estimated",
                        "some",
                        "about",
                        "around",
                    ],
                ))
        {
            return None;
        }
        Some(Match {
            start: i,
            end: i + 1,
            value: Value::Year(y),
            relative: false,
            approximate: false,
        })
    }
}

/// Lowercases a short ASCII word into `buf`; `None` for longer or non-ASCII words, which
/// no relative expression starts with.
fn ascii_lower<'b>(w: &str, buf: &'b mut [u8; 16]) -> Option<&'b str> {
    if w.len() > buf.len() || !w.is_ascii() {
        return None;
    }
    for (d, s) in buf.iter_mut().zip(w.bytes()) {
        *d = s.to_ascii_lowercase();
    }
    std::str::from_utf8(buf.get(..w.len())?).ok()
}

fn unit_precision(unit: Unit) -> Precision {
    match unit {
        Unit::Day => Precision::Day,
        Unit::Week => Precision::Week,
        Unit::Month => Precision::Month,
        Unit::Year | Unit::Decade => Precision::Year,
    }
}

/// `n` units before `a`.
fn back(a: Date, unit: Unit, n: i64) -> Date {
    let n32 = n.clamp(0, 100_000) as i32;
    match unit {
        Unit::Day => a.add_days(-n),
        Unit::Week => a.add_days(-7 * n),
        Unit::Month => a.add_months(-n32),
        Unit::Year => a.add_months(-12 * n32.min(5000)),
        Unit::Decade => a.add_months(-120 * n32.min(500)),
    }
}

/// First and last day of the week, month, year or decade containing `a`.
fn period_bounds(a: Date, unit: Unit) -> (Date, Date) {
    let (y, m, _) = a.ymd();
    let ymd = |y, m, d| Date::from_ymd(y, m, d).unwrap_or(a);
    match unit {
        Unit::Day => (a, a),
        Unit::Week => (a.monday(), a.monday().add_days(6)),
        Unit::Month => (ymd(y, m, 1), ymd(y, m, days_in_month(y, m))),
        Unit::Year => (ymd(y, 1, 1), ymd(y, 12, 31)),
        Unit::Decade => {
            let d = y.div_euclid(10) * 10;
            (ymd(d, 1, 1), ymd(d + 9, 12, 31))
        }
    }
}

/// The value string, precision and first and last day of a resolved value.
fn describe(v: Value) -> (Option<String>, Precision, Option<Date>, Option<Date>) {
    let ymd = |y, m, d| Date::from_ymd(y, m, d);
    match v {
        Value::Day(d) => (Some(d.to_string()), Precision::Day, Some(d), Some(d)),
        Value::Month(y, m, part) => {
            let last = days_in_month(y, m);
            let (a, b) = match part {
                Part::Whole => (1, last),
                Part::Early => (1, 10),
                Part::Mid => (11, 20),
                Part::Late => (21, last),
            };
            (
                Some(format!("{y:04}-{m:02}")),
                Precision::Month,
                ymd(y, m, a),
                ymd(y, m, b),
            )
        }
        Value::Year(y) => (
            Some(format!("{y:04}")),
            Precision::Year,
            ymd(y, 1, 1),
            ymd(y, 12, 31),
        ),
        Value::Week(monday) => {
            let (wy, wn) = monday.iso_week();
            (
                Some(format!("{wy:04}-W{wn:02}")),
                Precision::Week,
                Some(monday),
                Some(monday.add_days(6)),
            )
        }
        Value::Decade(d) => (
            Some(format!("{d:04}s")),
            Precision::Decade,
            ymd(d, 1, 1),
            ymd(d + 9, 12, 31),
        ),
        Value::Interval(a, b, p) => (Some(format!("{a}/{b}")), p, Some(a), Some(b)),
        Value::Unresolved(p) => (None, p, None, None),
    }
}
