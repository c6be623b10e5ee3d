//! Dates as pages and articles write them, turned into calendar dates.
//!
//! Metadata selection needs to read `2024-03-22T14:30:00+01:00`, `Fri, 22 Mar 2024 14:30:00 +0000`,
//! `22. März 2024`, `22 de marzo de 2024` and `03/22/2024` alike, and the NLP layer needs the same
//! reader for datelines. Everything here is hand-written scanning (no regex): it runs on every
//! meta tag and dateline of every page.
//!
//! ```
//! use tocsin_extract::dates::parse_date;
//! let date = parse_date("Published: 22. März 2024, 14:05 Uhr").expect("a date");
//! assert_eq!(date.date_iso(), "2024-03-22");
//! assert_eq!(date.to_iso(), "2024-03-22T14:05:00");
//! ```

use std::ops::Range;
use std::time::{SystemTime, UNIX_EPOCH};

/// Dates before this year are rejected: news pages older than the web are almost always a
/// misread number (a street number, a price, a copyright line of a scanned archive).
pub const MIN_YEAR: u16 = 1990;

/// A time of day as written next to a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeOfDay {
    /// Hour, 0–23.
    pub hour: u8,
    /// Minute, 0–59.
    pub minute: u8,
    /// Second, 0–60 (a leap second is kept as written).
    pub second: u8,
}

/// A calendar date read from text, with the time of day and UTC offset when the text gave them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ParsedDate {
    /// Year, [`MIN_YEAR`] or later.
    pub year: u16,
    /// Month, 1–12.
    pub month: u8,
    /// Day of the month, valid for that month and year.
    pub day: u8,
    /// Time of day, when written.
    pub time: Option<TimeOfDay>,
    /// Offset from UTC in minutes (`Z` is 0), only when a time was written with a zone.
    pub offset_minutes: Option<i16>,
}

impl ParsedDate {
    /// A date without time, or `None` when the day does not exist or lies outside the accepted
    /// years.
    pub fn from_ymd(year: u16, month: u8, day: u8) -> Option<Self> {
        valid_ymd(year, month, day).then_some(Self {
            year,
            month,
            day,
            time: None,
            offset_minutes: None,
        })
    }

    /// The calendar date as `YYYY-MM-DD`.
    pub fn date_iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// ISO 8601: `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM:SS` with `Z`/`±HH:MM` when the zone is known.
    pub fn to_iso(&self) -> String {
        let mut out = self.date_iso();
        if let Some(t) = self.time {
            out.push_str(&format!("T{:02}:{:02}:{:02}", t.hour, t.minute, t.second));
            match self.offset_minutes {
                Some(0) => out.push('Z'),
                Some(off) => {
                    let sign = if off < 0 { '-' } else { '+' };
                    let abs = off.unsigned_abs();
                    out.push_str(&format!("{sign}{:02}:{:02}", abs / 60, abs % 60));
                }
                None => {}
            }
        }
        out
    }

    /// Days since 1970-01-01 of the calendar date (time and zone ignored), for comparisons.
    pub fn days_since_epoch(&self) -> i64 {
        days_from_civil(i64::from(self.year), self.month, self.day)
    }
}

/// How to read an all-numeric date whose first two parts are both 12 or less (`03/04/2024`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NumericOrder {
    /// Day, month, year: most of the world.
    #[default]
    DayFirst,
    /// Month, day, year: the United States convention.
    MonthFirst,
}

impl NumericOrder {
    /// The convention of a page language (`en`, `en-US`, `de-CH`…): month first for US English
    /// and for bare `en` (most English news on the web is American), day first otherwise.
    pub fn for_language(lang: Option<&str>) -> Self {
        let Some(lang) = lang else {
            return Self::DayFirst;
        };
        let lower = lang.trim().to_ascii_lowercase();
        let mut parts = lower.split(['-', '_']);
        let primary = parts.next().unwrap_or_default();
        let region = parts.next();
        match (primary, region) {
            ("en", None) | ("en", Some("us")) => Self::MonthFirst,
            _ => Self::DayFirst,
        }
    }
}

/// What the parser needs to know beyond the text: the numeric convention and the latest date that
/// can be real.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateContext {
    /// Reading of ambiguous all-numeric dates.
    pub order: NumericOrder,
    /// Latest acceptable date, in days since 1970-01-01; later dates are rejected.
    pub latest_day: i64,
}

impl Default for DateContext {
    /// Day-first, accepting dates up to a year from today (articles do announce future events).
    fn default() -> Self {
        Self {
            order: NumericOrder::DayFirst,
            latest_day: today_days() + 366,
        }
    }
}

impl DateContext {
    /// A context with the given convention and the default horizon.
    pub fn with_order(order: NumericOrder) -> Self {
        Self {
            order,
            ..Self::default()
        }
    }

    /// A context that accepts nothing after `latest` (e.g. the fetch date, for a publication date).
    pub fn with_latest(order: NumericOrder, latest: &ParsedDate) -> Self {
        Self {
            order,
            latest_day: latest.days_since_epoch(),
        }
    }

    /// The newest year that can be accepted, for two-digit years.
    fn latest_year(&self) -> u16 {
        let (y, _, _) = civil_from_days(self.latest_day);
        u16::try_from(y.clamp(0, 9999)).unwrap_or(9999)
    }

    fn accepts(&self, date: &ParsedDate) -> bool {
        date.days_since_epoch() <= self.latest_day
    }
}

/// Days since 1970-01-01 of today's UTC date.
pub fn today_days() -> i64 {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    i64::try_from(secs / 86_400).unwrap_or(i64::MAX / 2)
}

/// The first date in `s`, read day-first for ambiguous numbers and accepting up to a year ahead.
///
/// `s` may carry text around the date ("Updated: March 22, 2024 at 5:01 pm ET"); weekday names
/// and ordinals are skipped. Returns `None` when no valid date is found.
pub fn parse_date(s: &str) -> Option<ParsedDate> {
    parse_date_with(s, &DateContext::default())
}

/// [`parse_date`] with an explicit context.
pub fn parse_date_with(s: &str, ctx: &DateContext) -> Option<ParsedDate> {
    find_date(s, ctx).map(|(date, _)| date)
}

/// The first date in `text` and the byte range it covers, for callers that annotate spans.
pub fn find_date(text: &str, ctx: &DateContext) -> Option<(ParsedDate, Range<usize>)> {
    let tokens = tokenize(text);
    let mut buf = String::new();
    for i in 0..tokens.len() {
        if let Some((date, end)) = match_at(text, &tokens, i, ctx, &mut buf) {
            return Some((date, tokens[i].start..tokens[end - 1].end));
        }
    }
    None
}

/// Where a stamp run on after a headline starts: "Wurz joins Honda as test driver Thursday,
/// 10, January, 2008, 09:14", "… except on faceoffs at 12:19 on January 7, 2008, EST.",
/// "Harry rubbishes slump theory by Chris Stanton, 30 December 2007". Old templates print the
/// headline, byline and time as one line, and that line is sometimes the only headline a page
/// has. A stamp is read from the end: dates, times, weekdays, zones and their connectors,
/// holding a year and a time of day, or a year after a byline of two or three capitalised
/// names. A headline that ends in a date of its own ("Summit set for January 7, 2008") has
/// neither and is left whole. `None` when the line has no such stamp or too little before it.
pub fn trailing_stamp_start(line: &str) -> Option<usize> {
    if line.len() > 400 || !line.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let words: Vec<(usize, &str)> = line
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - line.as_ptr() as usize, w))
        .collect();
    let (mut year, mut time, mut stamp_at) = (false, false, None);
    for &(at, word) in words.iter().rev() {
        match stamp_word(word) {
            Some(kind) => {
                year |= kind == StampWord::Year;
                time |= kind == StampWord::Time;
                stamp_at = Some(at);
            }
            None => break,
        }
    }
    let stamp_at = stamp_at?;
    if !year {
        return None;
    }
    let head = line[..stamp_at].trim_end();
    let cut = if time { stamp_at } else { byline_start(head)? };
    let head = line[..cut].trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | '-' | '–' | '—' | '|' | ':' | '/')
    });
    (head.split_whitespace().count() >= 3).then_some(head.len())
}

/// What a word of a stamp is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum StampWord {
    Year,
    Time,
    Other,
}

/// A word of a date-and-time stamp, with its surrounding punctuation ignored.
fn stamp_word(word: &str) -> Option<StampWord> {
    let w = word.trim_matches(|c: char| !c.is_alphanumeric());
    if w.is_empty() {
        return Some(StampWord::Other);
    }
    let lower = w.to_lowercase();
    if w.bytes().all(|b| b.is_ascii_digit()) {
        return match (w.len(), w.parse::<u16>()) {
            (4, Ok(y)) if (MIN_YEAR..=2099).contains(&y) => Some(StampWord::Year),
            (1 | 2, _) => Some(StampWord::Other),
            _ => None,
        };
    }
    // "09:14", "5:01pm", "12.19"
    let digits_then = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    if let Some((h, m)) = digits_then.split_once([':', '.']) {
        let num = |s: &str| !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit());
        if num(h) && m.len() == 2 && num(m) {
            return Some(StampWord::Time);
        }
    }
    // "01/10/2008", "2008-01-10"
    let parts: Vec<&str> = w.split(['/', '-', '.']).collect();
    if parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    {
        return parts
            .iter()
            .any(|p| p.len() == 4)
            .then_some(StampWord::Year);
    }
    let known = month_number(&lower).is_some_and(|_| lower.len() >= 3)
        || matches!(
            lower.as_str(),
            "monday"
                | "tuesday"
                | "wednesday"
                | "thursday"
                | "friday"
                | "saturday"
                | "sunday"
                | "mon"
                | "tue"
                | "tues"
                | "wed"
                | "thu"
                | "thur"
                | "thurs"
                | "fri"
                | "sat"
                | "sun"
                | "am"
                | "pm"
                | "a.m"
                | "p.m"
                | "at"
                | "on"
                | "updated"
                | "posted"
                | "published"
                | "last"
                | "hrs"
                | "est"
                | "edt"
                | "cst"
                | "cdt"
                | "mst"
                | "mdt"
                | "pst"
                | "pdt"
                | "gmt"
                | "utc"
                | "bst"
                | "cet"
                | "cest"
                | "ist"
                | "et"
                | "pt"
                | "ct"
                | "aest"
                | "aedt"
                | "sast"
                | "eat"
                | "wat"
        );
    known.then_some(StampWord::Other)
}

/// Where a byline ends a line ("… slump theory by Chris Stanton,"): " by " and two or three
/// capitalised names after it, nothing else.
fn byline_start(head: &str) -> Option<usize> {
    let head = head.trim_end_matches([',', ' ', '|', '-']);
    let at = head.rfind(" by ").or_else(|| head.rfind(" By "))?;
    let names: Vec<&str> = head[at + 4..].split_whitespace().collect();
    let capitalised = |n: &&str| n.chars().next().is_some_and(char::is_uppercase);
    ((2..=3).contains(&names.len()) && names.iter().all(capitalised)).then_some(at)
}

/// A date written in a URL path: `/2024/03/22/`, `/2024-03-22-slug`, `/20240322/`,
/// `2012-06/04`. Partial dates (`/2024/03/`) are not dates.
pub fn date_from_url(url: &str, ctx: &DateContext) -> Option<ParsedDate> {
    // Skip scheme and host: a host has no dates, and an archive prefix like
    // `web.archive.org/web/20120611024252/` is a 14-digit run, which is rejected below.
    let path_start = url
        .find("://")
        .map(|p| p + 3)
        .and_then(|p| url[p..].find('/').map(|q| p + q))
        .unwrap_or(0);
    let b = url.as_bytes();
    let mut i = path_start;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let run_end = digit_run_end(b, i);
        let run = run_end - i;
        let preceded_ok = i == 0 || !b[i - 1].is_ascii_alphanumeric();
        if preceded_ok && (run == 1 || run == 2) {
            // DD-MM-YYYY, as in `/detail/~02-01-2022-land-zahlte`.
            let m0 = run_end + 1;
            if run_end < b.len() && b[run_end] == b'-' && m0 < b.len() {
                let m_end = digit_run_end(b, m0);
                let y0 = m_end + 1;
                if m_end - m0 == 2 && m_end < b.len() && b[m_end] == b'-' && y0 < b.len() {
                    let y_end = digit_run_end(b, y0);
                    let bounded = y_end == b.len() || !b[y_end].is_ascii_digit();
                    if y_end - y0 == 4 && bounded {
                        if let Some(d) =
                            ymd_from_bytes(&b[y0..y_end], &b[m0..m_end], &b[i..run_end])
                        {
                            if ctx.accepts(&d) {
                                return Some(d);
                            }
                        }
                    }
                }
            }
        } else if preceded_ok && run == 8 {
            if let Some(d) = ymd_from_bytes(&b[i..i + 4], &b[i + 4..i + 6], &b[i + 6..i + 8]) {
                if ctx.accepts(&d) && (run_end == b.len() || !b[run_end].is_ascii_alphabetic()) {
                    return Some(d);
                }
            }
        } else if preceded_ok && run == 4 {
            // YYYY sep MM sep DD, separators from - / _ .
            let m0 = run_end + 1;
            if run_end < b.len() && is_url_sep(b[run_end]) && m0 + 2 <= b.len() {
                let m_end = digit_run_end(b, m0);
                let d0 = m_end + 1;
                if (m_end - m0 == 2 || m_end - m0 == 1)
                    && m_end < b.len()
                    && is_url_sep(b[m_end])
                    && d0 < b.len()
                {
                    let d_end = digit_run_end(b, d0);
                    if d_end - d0 == 2 || d_end - d0 == 1 {
                        if let Some(d) =
                            ymd_from_bytes(&b[i..run_end], &b[m0..m_end], &b[d0..d_end])
                        {
                            if ctx.accepts(&d) {
                                return Some(d);
                            }
                        }
                    }
                }
            }
        }
        i = run_end;
    }
    None
}

fn is_url_sep(c: u8) -> bool {
    matches!(c, b'/' | b'-' | b'_' | b'.')
}

fn digit_run_end(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    i
}

fn ascii_num(b: &[u8]) -> Option<u32> {
    let mut v: u32 = 0;
    for &c in b {
        if !c.is_ascii_digit() {
            return None;
        }
        v = v.checked_mul(10)?.checked_add(u32::from(c - b'0'))?;
    }
    Some(v)
}

fn ymd_from_bytes(y: &[u8], m: &[u8], d: &[u8]) -> Option<ParsedDate> {
    let y = u16::try_from(ascii_num(y)?).ok()?;
    let m = u8::try_from(ascii_num(m)?).ok()?;
    let d = u8::try_from(ascii_num(d)?).ok()?;
    ParsedDate::from_ymd(y, m, d)
}

// ---------------------------------------------------------------------------------------------
// Tokens

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A run of ASCII digits: its value (saturated) and length.
    Num { value: u32, digits: u8 },
    /// A run of letters.
    Word,
    /// Any other single non-space character (CJK 年/月/日 count as punctuation here).
    Punct(char),
}

#[derive(Debug, Clone, Copy)]
struct Token {
    kind: Kind,
    start: usize,
    end: usize,
    /// Whether whitespace separates this token from the previous one.
    space_before: bool,
}

fn is_cjk_date_mark(c: char) -> bool {
    matches!(c, '年' | '月' | '日' | '년' | '월' | '일')
}

fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    let mut space = false;
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        let kind;
        let mut end = start + c.len_utf8();
        if c.is_ascii_digit() {
            let mut value = u32::from(c as u8 - b'0');
            let mut digits: u8 = 1;
            while let Some(&(p, d)) = chars.peek() {
                if !d.is_ascii_digit() {
                    break;
                }
                value = value
                    .saturating_mul(10)
                    .saturating_add(u32::from(d as u8 - b'0'));
                digits = digits.saturating_add(1);
                end = p + 1;
                chars.next();
            }
            kind = Kind::Num { value, digits };
        } else if c.is_alphabetic() && !is_cjk_date_mark(c) {
            while let Some(&(p, d)) = chars.peek() {
                if !d.is_alphabetic() || is_cjk_date_mark(d) {
                    break;
                }
                end = p + d.len_utf8();
                chars.next();
            }
            kind = Kind::Word;
        } else {
            kind = Kind::Punct(c);
        }
        tokens.push(Token {
            kind,
            start,
            end,
            space_before: space,
        });
        space = false;
    }
    tokens
}

fn num(tokens: &[Token], i: usize) -> Option<(u32, u8)> {
    match tokens.get(i)?.kind {
        Kind::Num { value, digits } => Some((value, digits)),
        _ => None,
    }
}

fn punct(tokens: &[Token], i: usize) -> Option<char> {
    match tokens.get(i)?.kind {
        Kind::Punct(c) => Some(c),
        _ => None,
    }
}

/// The lowercased word at `i`, written into `buf`.
fn word<'b>(text: &str, tokens: &[Token], i: usize, buf: &'b mut String) -> Option<&'b str> {
    let t = tokens.get(i)?;
    if t.kind != Kind::Word {
        return None;
    }
    buf.clear();
    for c in text[t.start..t.end].chars() {
        buf.extend(c.to_lowercase());
    }
    Some(buf.as_str())
}

/// Month number of a month name or abbreviation in English, German, French, Spanish, Italian,
/// Dutch, Portuguese or Polish (nominative and genitive), lowercased.
fn month_number(w: &str) -> Option<u8> {
    let m = match w {
        "january" | "jan" | "januar" | "jänner" | "jän" | "janvier" | "janv" | "enero" | "ene"
        | "gennaio" | "gen" | "januari" | "janeiro" | "styczeń" | "stycznia" | "sty" => 1,
        "february" | "feb" | "febr" | "februar" | "feber" | "février" | "fevrier" | "févr"
        | "fév" | "fev" | "febrero" | "febbraio" | "februari" | "fevereiro" | "luty" | "lutego"
        | "lut" => 2,
        "march" | "mar" | "märz" | "maerz" | "mär" | "mrz" | "mars" | "marzo" | "maart" | "mrt"
        | "março" | "marco" | "marzec" | "marca" => 3,
        "april" | "apr" | "avril" | "avr" | "abril" | "abr" | "aprile" | "kwiecień"
        | "kwietnia" | "kwi" => 4,
        "may" | "mai" | "mayo" | "maggio" | "mag" | "mei" | "maio" | "maj" | "maja" => 5,
        "june" | "jun" | "juni" | "juin" | "junio" | "giugno" | "giu" | "junho" | "czerwiec"
        | "czerwca" | "cze" => 6,
        "july" | "jul" | "juli" | "juillet" | "juil" | "julio" | "luglio" | "lug" | "julho"
        | "lipiec" | "lipca" | "lip" => 7,
        "august" | "aug" | "août" | "aout" | "agosto" | "ago" | "augustus" | "sierpień"
        | "sierpnia" | "sie" => 8,
        "september" | "sep" | "sept" | "septembre" | "septiembre" | "setiembre" | "settembre"
        | "set" | "setembro" | "wrzesień" | "września" | "wrz" => 9,
        "october" | "oct" | "oktober" | "okt" | "octobre" | "octubre" | "ottobre" | "ott"
        | "outubro" | "out" | "październik" | "października" | "paź" => 10,
        "november" | "nov" | "novembre" | "noviembre" | "novembro" | "listopad" | "listopada"
        | "lis" => 11,
        "december" | "dec" | "dezember" | "dez" | "décembre" | "decembre" | "déc" | "dic"
        | "diciembre" | "dicembre" | "dezembro" | "grudzień" | "grudnia" | "gru" => 12,
        _ => return None,
    };
    Some(m)
}

/// The month named by the word at `i`, and the index after it and an abbreviation dot.
fn month_at(text: &str, tokens: &[Token], i: usize, buf: &mut String) -> Option<(u8, usize)> {
    let m = month_number(word(text, tokens, i, buf)?)?;
    let mut j = i + 1;
    if punct(tokens, j) == Some('.') && !tokens[j].space_before {
        j += 1;
    }
    Some((m, j))
}

/// Skips an ordinal suffix glued to a day number: `22nd`, `1er`, `1º`, `22.`.
fn skip_ordinal(text: &str, tokens: &[Token], j: usize, buf: &mut String) -> usize {
    if let Some(t) = tokens.get(j) {
        if !t.space_before {
            if let Some(w) = word(text, tokens, j, buf) {
                if matches!(w, "st" | "nd" | "rd" | "th" | "er" | "re" | "º" | "ª" | "e") {
                    return j + 1;
                }
            }
            if punct(tokens, j) == Some('.') || punct(tokens, j) == Some('°') {
                return j + 1;
            }
        }
    }
    j
}

/// Skips a connector word between date parts: "de", "del", "of".
fn skip_connector(text: &str, tokens: &[Token], j: usize, buf: &mut String) -> usize {
    match word(text, tokens, j, buf) {
        Some("de" | "del" | "of" | "di") => j + 1,
        _ => j,
    }
}

/// A four-digit year at `i` that is not the start of a longer number (`2024.5`, `2024:`).
fn year4_at(tokens: &[Token], i: usize) -> Option<u16> {
    let (v, d) = num(tokens, i)?;
    if d != 4 {
        return None;
    }
    u16::try_from(v).ok()
}

/// Tries every date form starting at token `i`; returns the date and the index after it.
fn match_at(
    text: &str,
    tokens: &[Token],
    i: usize,
    ctx: &DateContext,
    buf: &mut String,
) -> Option<(ParsedDate, usize)> {
    let date = match tokens[i].kind {
        Kind::Num { value, digits } => {
            // A long number glued to a word ("A320", "id2024") is an identifier (a day glued
            // to a word is sloppy markup: "am09.02.2022"); one glued to a preceding digit
            // group ("1.2024.03.22", "12-34-5678") is part of something else.
            if i > 0 && !tokens[i].space_before {
                match tokens[i - 1].kind {
                    Kind::Word if digits > 2 => return None,
                    Kind::Punct('.' | '/' | '-' | ':' | ',')
                        if i >= 2
                            && !tokens[i - 1].space_before
                            && num(tokens, i - 2).is_some() =>
                    {
                        return None
                    }
                    _ => {}
                }
            }
            match digits {
                4 => match_year_first(tokens, i, value),
                8 if i == 0 => match_compact(tokens, value),
                1 | 2 => match_day_or_numeric(text, tokens, i, value, ctx, buf),
                _ => None,
            }
        }
        Kind::Word => match_month_first(text, tokens, i, ctx, buf),
        Kind::Punct(_) => None,
    }?;
    let (date, end) = date;
    if !ctx.accepts(&date) {
        return None;
    }
    Some(with_time(text, tokens, date, end, buf))
}

/// `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYY.MM.DD`, `YYYY年MM月DD日`.
fn match_year_first(tokens: &[Token], i: usize, year: u32) -> Option<(ParsedDate, usize)> {
    let year = u16::try_from(year).ok()?;
    let sep = punct(tokens, i + 1)?;
    let (m, md) = num(tokens, i + 2)?;
    if md > 2 {
        return None;
    }
    let cjk = matches!(sep, '年' | '년');
    let sep2 = if cjk {
        if matches!(sep, '年') {
            '月'
        } else {
            '월'
        }
    } else if matches!(sep, '-' | '/' | '.') {
        sep
    } else {
        return None;
    };
    if punct(tokens, i + 3)? != sep2 {
        return None;
    }
    let (d, dd) = num(tokens, i + 4)?;
    if dd > 2 {
        return None;
    }
    let mut end = i + 5;
    if cjk {
        if matches!(punct(tokens, end), Some('日' | '일')) {
            end += 1;
        }
    } else if sep == '.' {
        // "2024.03.22.5" is a version number.
        if punct(tokens, end) == Some('.') && num(tokens, end + 1).is_some() {
            return None;
        }
    }
    let date = ParsedDate::from_ymd(year, u8::try_from(m).ok()?, u8::try_from(d).ok()?)?;
    Some((date, end))
}

/// `20240322` as the whole first token.
fn match_compact(tokens: &[Token], value: u32) -> Option<(ParsedDate, usize)> {
    let y = u16::try_from(value / 10_000).ok()?;
    let m = u8::try_from(value / 100 % 100).ok()?;
    let d = u8::try_from(value % 100).ok()?;
    // Only a lone number (or one followed by a `T` time) is read as a date.
    match tokens.get(1).map(|t| t.kind) {
        None | Some(Kind::Word) => {}
        _ => return None,
    }
    Some((ParsedDate::from_ymd(y, m, d)?, 1))
}

fn two_digit_year(yy: u32, ctx: &DateContext) -> Option<u16> {
    let yy = u16::try_from(yy).ok()?;
    let latest = ctx.latest_year();
    let y2000 = 2000 + yy;
    if y2000 <= latest {
        Some(y2000)
    } else {
        let y1900 = 1900 + yy;
        (y1900 >= MIN_YEAR).then_some(y1900)
    }
}

/// `22.03.2024`, `03/22/2024`, `22-03-24`, `22. März 2024`, `22 de marzo de 2024`, `1er mars 2024`.
fn match_day_or_numeric(
    text: &str,
    tokens: &[Token],
    i: usize,
    a: u32,
    ctx: &DateContext,
    buf: &mut String,
) -> Option<(ParsedDate, usize)> {
    // Numeric forms.
    if let Some(sep) = punct(tokens, i + 1) {
        if matches!(sep, '.' | '/' | '-') && !tokens[i + 1].space_before {
            if let Some((b, bd)) = num(tokens, i + 2) {
                let spaced = tokens[i + 2].space_before;
                if bd <= 2 && punct(tokens, i + 3) == Some(sep) {
                    if let Some((y, yd)) = num(tokens, i + 4) {
                        // "22.03.2024" or "22. 03. 2024", but not "1.2.3.4".
                        let next_is_more = punct(tokens, i + 5) == Some(sep)
                            && num(tokens, i + 6).is_some()
                            && !tokens[i + 5].space_before;
                        if !next_is_more && (!spaced || sep == '.') {
                            let year = match yd {
                                4 => u16::try_from(y).ok(),
                                2 => two_digit_year(y, ctx),
                                _ => None,
                            }?;
                            // A part above 12 can only be the day; otherwise dots mean
                            // day first everywhere, and slashes and dashes follow the page.
                            let month_first = if a > 12 {
                                false
                            } else if b > 12 {
                                true
                            } else {
                                sep != '.' && ctx.order == NumericOrder::MonthFirst
                            };
                            let (day, month) = if month_first { (b, a) } else { (a, b) };
                            let date = ParsedDate::from_ymd(
                                year,
                                u8::try_from(month).ok()?,
                                u8::try_from(day).ok()?,
                            )?;
                            return Some((date, i + 5));
                        }
                    }
                }
                // "22.3." without a year is not a date here.
            }
        }
    }
    // Day, then month name: "22. März 2024", "22nd March, 2024", "22 de marzo de 2024",
    // "22-Mar-2024".
    let mut j = skip_ordinal(text, tokens, i + 1, buf);
    if punct(tokens, j) == Some('-') {
        j += 1;
    }
    j = skip_connector(text, tokens, j, buf);
    let (month, mut j) = month_at(text, tokens, j, buf)?;
    if matches!(punct(tokens, j), Some(',' | '-')) {
        j += 1;
    }
    j = skip_connector(text, tokens, j, buf);
    let year = year4_at(tokens, j)?;
    let date = ParsedDate::from_ymd(year, month, u8::try_from(a).ok()?)?;
    Some((date, j + 1))
}

/// `March 22, 2024`, `Mar. 22 2024`, `Sat Mar 22 2024`.
fn match_month_first(
    text: &str,
    tokens: &[Token],
    i: usize,
    _ctx: &DateContext,
    buf: &mut String,
) -> Option<(ParsedDate, usize)> {
    let (month, j) = month_at(text, tokens, i, buf)?;
    let (day, dd) = num(tokens, j)?;
    if dd > 2 {
        return None;
    }
    let mut k = skip_ordinal(text, tokens, j + 1, buf);
    if punct(tokens, k) == Some(',') {
        k += 1;
    }
    let day = u8::try_from(day).ok()?;
    if let Some(year) = year4_at(tokens, k) {
        return Some((ParsedDate::from_ymd(year, month, day)?, k + 1));
    }
    // C `asctime`: "Fri Feb 18 10:27:24 2022".
    let (h, hd) = num(tokens, k)?;
    let (m, md) = num(tokens, k + 2)?;
    let (sec, sd) = num(tokens, k + 4)?;
    if punct(tokens, k + 1) != Some(':') || punct(tokens, k + 3) != Some(':') {
        return None;
    }
    if hd > 2 || md != 2 || sd != 2 || h > 23 || m > 59 || sec > 60 {
        return None;
    }
    let year = year4_at(tokens, k + 5)?;
    let mut date = ParsedDate::from_ymd(year, month, day)?;
    date.time = Some(TimeOfDay {
        hour: u8::try_from(h).ok()?,
        minute: u8::try_from(m).ok()?,
        second: u8::try_from(sec).ok()?,
    });
    Some((date, k + 6))
}

/// Extends a date with a following time of day and zone when they are written right after it:
/// `T14:30:00Z`, `, 14:30 Uhr`, `at 5:01 pm ET`, `14:30:00 +0100`, `- 14h30`.
fn with_time(
    text: &str,
    tokens: &[Token],
    mut date: ParsedDate,
    end: usize,
    buf: &mut String,
) -> (ParsedDate, usize) {
    let mut j = end;
    // Connectors between date and time.
    for _ in 0..2 {
        match tokens.get(j).map(|t| t.kind) {
            Some(Kind::Punct(',' | '|' | '-' | '–' | '/' | '@' | '·')) => j += 1,
            Some(Kind::Word) => match word(text, tokens, j, buf) {
                Some("t" | "at" | "um" | "à" | "a" | "às" | "alle" | "om" | "o") => j += 1,
                _ => break,
            },
            _ => break,
        }
    }
    let Some((h, hd)) = num(tokens, j) else {
        return (date, end);
    };
    if hd > 2 || h > 23 {
        return (date, end);
    }
    // Separator: ':' or 'h' (French "14h30") or '.' ("14.30 Uhr" is too ambiguous; skip).
    let sep_ok = match tokens.get(j + 1).map(|t| t.kind) {
        Some(Kind::Punct(':')) => true,
        Some(Kind::Word) => matches!(word(text, tokens, j + 1, buf), Some("h")),
        _ => false,
    };
    if !sep_ok {
        return (date, end);
    }
    let Some((m, md)) = num(tokens, j + 2) else {
        return (date, end);
    };
    if md != 2 || m > 59 {
        return (date, end);
    }
    let mut k = j + 3;
    let mut s = 0;
    if punct(tokens, k) == Some(':') {
        if let Some((sv, sd)) = num(tokens, k + 1) {
            if sd == 2 && sv <= 60 {
                s = sv;
                k += 2;
                // Fractional seconds.
                if punct(tokens, k) == Some('.') && num(tokens, k + 1).is_some() {
                    k += 2;
                }
            }
        }
    }
    let mut hour = h;
    // am/pm, "a.m.", "p.m."
    let marker = word(text, tokens, k, buf).map(|w| match w {
        "am" => 1,
        "pm" => 2,
        "a" => 3,
        "p" => 4,
        _ => 0,
    });
    let ampm = match marker {
        Some(1) => Some(false),
        Some(2) => Some(true),
        Some(m @ (3 | 4))
            if punct(tokens, k + 1) == Some('.') && word(text, tokens, k + 2, buf) == Some("m") =>
        {
            k += 2;
            if punct(tokens, k + 1) == Some('.') {
                k += 1;
            }
            Some(m == 4)
        }
        _ => None,
    };
    if let Some(pm) = ampm {
        if !(1..=12).contains(&hour) {
            return (date, end);
        }
        if pm && hour != 12 {
            hour += 12;
        } else if !pm && hour == 12 {
            hour = 0;
        }
        k += 1;
    }
    date.time = Some(TimeOfDay {
        hour: u8::try_from(hour).unwrap_or(0),
        minute: u8::try_from(m).unwrap_or(0),
        second: u8::try_from(s).unwrap_or(0),
    });
    // Zone.
    let (offset, k) = zone_at(text, tokens, k, buf);
    date.offset_minutes = offset;
    (date, k)
}

/// A UTC offset right after a time: `Z`, `+01:00`, `+0100`, `-05`, `UTC`, `GMT+1`, `CET`.
fn zone_at(text: &str, tokens: &[Token], k: usize, buf: &mut String) -> (Option<i16>, usize) {
    let numeric = |k: usize| -> Option<(i16, usize)> {
        let sign: i16 = match punct(tokens, k)? {
            '+' => 1,
            '-' | '−' => -1,
            _ => return None,
        };
        let (v, d) = num(tokens, k + 1)?;
        let (h, mut m, mut next) = match d {
            4 => (v / 100, v % 100, k + 2),
            1 | 2 => (v, 0, k + 2),
            _ => return None,
        };
        if d <= 2 && punct(tokens, next) == Some(':') {
            if let Some((mv, 2)) = num(tokens, next + 1) {
                m = mv;
                next += 2;
            }
        }
        if h > 14 || m > 59 {
            return None;
        }
        let minutes = i16::try_from(h * 60 + m).ok()?;
        Some((sign * minutes, next))
    };
    if let Some((off, next)) = numeric(k) {
        return (Some(off), next);
    }
    let Some(w) = word(text, tokens, k, buf) else {
        return (None, k);
    };
    let named: Option<i16> = match w {
        "z" | "utc" | "gmt" | "ut" => Some(0),
        "cet" | "mez" => Some(60),
        "cest" | "mesz" => Some(120),
        "bst" => Some(60),
        "est" => Some(-300),
        "edt" => Some(-240),
        "cst" => Some(-360),
        "cdt" => Some(-300),
        "mst" => Some(-420),
        "mdt" => Some(-360),
        "pst" => Some(-480),
        "pdt" => Some(-420),
        _ => None,
    };
    match named {
        Some(base) => {
            if let Some((off, next)) = numeric(k + 1) {
                if base == 0 {
                    return (Some(off), next);
                }
            }
            (Some(base), k + 1)
        }
        None => (None, k),
    }
}

// ---------------------------------------------------------------------------------------------
// Calendar arithmetic

fn is_leap(y: u16) -> bool {
    let divisible = |n: u16| y / n * n == y;
    (divisible(4) && !divisible(100)) || divisible(400)
}

fn days_in_month(y: u16, m: u8) -> u8 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

fn valid_ymd(y: u16, m: u8, d: u8) -> bool {
    (MIN_YEAR..=9999).contains(&y) && (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m)
}

/// Days since 1970-01-01 (proleptic Gregorian), after H. Hinnant's `days_from_civil`.
fn days_from_civil(y: i64, m: u8, d: u8) -> i64 {
    let m = i64::from(m);
    let d = i64::from(d);
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Inverse of [`days_from_civil`].
fn civil_from_days(z: i64) -> (i64, u8, u8) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    (
        y,
        u8::try_from(m).unwrap_or(1),
        u8::try_from(d).unwrap_or(1),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> DateContext {
        // Fixed horizon so the tests do not depend on the clock: 2025-01-01.
        let latest = ParsedDate::from_ymd(2025, 1, 1).expect("valid");
        DateContext::with_latest(NumericOrder::DayFirst, &latest)
    }

    fn before_stamp(line: &str) -> Option<&str> {
        trailing_stamp_start(line).map(|k| &line[..k])
    }

    #[test]
    fn a_stamp_run_on_after_a_headline_is_found() {
        assert_eq!(
            before_stamp("Wurz joins Honda as test driver Thursday, 10, January, 2008, 09:14"),
            Some("Wurz joins Honda as test driver")
        );
        assert_eq!(
            before_stamp(
                "Gainey gives Canadiens good mid-season grades, except on faceoffs \
                 at 12:19 on January 7, 2008, EST."
            ),
            Some("Gainey gives Canadiens good mid-season grades, except on faceoffs")
        );
        assert_eq!(
            before_stamp("Harry rubbishes slump theory by Chris Stanton, 30 December 2007"),
            Some("Harry rubbishes slump theory")
        );
        assert_eq!(
            before_stamp("Storm cuts power to thousands - 01/10/2008 09:14 GMT"),
            Some("Storm cuts power to thousands")
        );
    }

    #[test]
    fn a_headline_ending_in_its_own_date_is_left_whole() {
        // A date without a time of day or a byline belongs to the headline.
        assert_eq!(before_stamp("Summit set for January 7, 2008"), None);
        assert_eq!(before_stamp("Bomb kills 12 at market on Sunday"), None);
        // A "by" phrase that is no byline.
        assert_eq!(before_stamp("Town hit by floods, 30 December 2007"), None);
        // Too little before the stamp to be a headline.
        assert_eq!(
            before_stamp("Posted on Thursday, 10 January 2008, 09:14"),
            None
        );
        assert_eq!(before_stamp("No digits in this headline at all"), None);
    }

    fn iso(s: &str) -> Option<String> {
        parse_date_with(s, &ctx()).map(|d| d.to_iso())
    }

    fn day(s: &str) -> Option<String> {
        parse_date_with(s, &ctx()).map(|d| d.date_iso())
    }

    #[test]
    fn iso_8601_with_and_without_zone() {
        assert_eq!(iso("2024-03-22").as_deref(), Some("2024-03-22"));
        assert_eq!(
            iso("2024-03-22T14:30:00+01:00").as_deref(),
            Some("2024-03-22T14:30:00+01:00")
        );
        assert_eq!(
            iso("2024-03-22T14:30:00Z").as_deref(),
            Some("2024-03-22T14:30:00Z")
        );
        assert_eq!(
            iso("2018-06-12T23:00:00.000Z").as_deref(),
            Some("2018-06-12T23:00:00Z")
        );
        assert_eq!(
            iso("2021-11-01T10:52:50+0100").as_deref(),
            Some("2021-11-01T10:52:50+01:00")
        );
        assert_eq!(
            iso("2016-12-22T10:43:37-08:00").as_deref(),
            Some("2016-12-22T10:43:37-08:00")
        );
        assert_eq!(
            iso("2024-03-22 14:30").as_deref(),
            Some("2024-03-22T14:30:00")
        );
    }

    #[test]
    fn rfc_2822() {
        assert_eq!(
            iso("Fri, 22 Mar 2024 14:30:00 +0000").as_deref(),
            Some("2024-03-22T14:30:00Z")
        );
        assert_eq!(
            iso("Fri, 22 Mar 2024 14:30:00 GMT").as_deref(),
            Some("2024-03-22T14:30:00Z")
        );
        assert_eq!(
            iso("Sat Mar 23 2024 09:00:00 GMT+0100").as_deref(),
            Some("2024-03-23T09:00:00+01:00")
        );
    }

    #[test]
    fn english_month_names() {
        assert_eq!(day("March 22, 2024").as_deref(), Some("2024-03-22"));
        assert_eq!(day("Mar. 22, 2024").as_deref(), Some("2024-03-22"));
        assert_eq!(day("Sept 3 2019").as_deref(), Some("2019-09-03"));
        assert_eq!(day("22 March 2024").as_deref(), Some("2024-03-22"));
        assert_eq!(day("22nd March, 2024").as_deref(), Some("2024-03-22"));
        assert_eq!(
            day("Posted on December 1st, 2019 by admin").as_deref(),
            Some("2019-12-01")
        );
        assert_eq!(day("22-Mar-2024").as_deref(), Some("2024-03-22"));
        assert_eq!(
            iso("Updated March 11, 2015 3:46 PM").as_deref(),
            Some("2015-03-11T15:46:00")
        );
        assert_eq!(
            iso("Jan. 5, 2020 at 12:01 a.m. EST").as_deref(),
            Some("2020-01-05T00:01:00-05:00")
        );
    }

    #[test]
    fn asctime() {
        assert_eq!(
            iso("Fri Feb 18 10:27:24 2022").as_deref(),
            Some("2022-02-18T10:27:24")
        );
    }

    #[test]
    fn days_glued_to_words() {
        // Sloppy markup glues labels to dates; long numbers glued to words stay identifiers.
        assert_eq!(day("Erstellt am09.02.2022").as_deref(), Some("2022-02-09"));
        assert_eq!(day("Hofbeck1. Januar 2023").as_deref(), Some("2023-01-01"));
        assert_eq!(day("id2024-03-22"), None);
    }

    #[test]
    fn german_dates() {
        assert_eq!(day("22.03.2024").as_deref(), Some("2024-03-22"));
        assert_eq!(day("22. März 2024").as_deref(), Some("2024-03-22"));
        assert_eq!(
            day("Veröffentlicht am 1. Jänner 2020").as_deref(),
            Some("2020-01-01")
        );
        assert_eq!(
            iso("Stand: 22.03.2024, 14:05 Uhr").as_deref(),
            Some("2024-03-22T14:05:00")
        );
        assert_eq!(day("Montag, 3. Mai 2021").as_deref(), Some("2021-05-03"));
        assert_eq!(day("22. 03. 2024").as_deref(), Some("2024-03-22"));
    }

    #[test]
    fn romance_dutch_polish_month_names() {
        assert_eq!(day("22 mars 2024").as_deref(), Some("2024-03-22"));
        assert_eq!(day("1er août 2019").as_deref(), Some("2019-08-01"));
        assert_eq!(day("22 de marzo de 2024").as_deref(), Some("2024-03-22"));
        assert_eq!(day("7 de maio de 2022").as_deref(), Some("2022-05-07"));
        assert_eq!(day("22 marzo 2024").as_deref(), Some("2024-03-22"));
        assert_eq!(day("22 maart 2024").as_deref(), Some("2024-03-22"));
        assert_eq!(day("12 października 2023").as_deref(), Some("2023-10-12"));
        assert_eq!(
            iso("le 22 mars 2024 à 14h30").as_deref(),
            Some("2024-03-22T14:30:00")
        );
    }

    #[test]
    fn cjk_dates() {
        assert_eq!(day("2012年06月04日 10:21").as_deref(), Some("2012-06-04"));
        assert_eq!(day("2020년 3월 5일").as_deref(), Some("2020-03-05"));
    }

    #[test]
    fn slashes_and_numeric_order() {
        assert_eq!(day("2024/03/22").as_deref(), Some("2024-03-22"));
        // One part above 12 decides.
        assert_eq!(day("03/22/2024").as_deref(), Some("2024-03-22"));
        assert_eq!(day("22/03/2024").as_deref(), Some("2024-03-22"));
        // Otherwise the convention decides.
        assert_eq!(day("03/04/2024").as_deref(), Some("2024-04-03"));
        let us = DateContext {
            order: NumericOrder::MonthFirst,
            ..ctx()
        };
        assert_eq!(
            parse_date_with("03/04/2024", &us)
                .map(|d| d.date_iso())
                .as_deref(),
            Some("2024-03-04")
        );
        // Dots are day first even for US pages.
        assert_eq!(
            parse_date_with("03.04.2024", &us)
                .map(|d| d.date_iso())
                .as_deref(),
            Some("2024-04-03")
        );
    }

    #[test]
    fn two_digit_years() {
        assert_eq!(day("22.03.24").as_deref(), Some("2024-03-22"));
        assert_eq!(day("22.03.98").as_deref(), Some("1998-03-22"));
        // 1950 is before the accepted range.
        assert_eq!(day("22.03.50"), None);
    }

    #[test]
    fn impossible_dates_are_rejected() {
        assert_eq!(day("2024-13-01"), None);
        assert_eq!(day("2023-02-29"), None);
        assert_eq!(day("2024-02-29").as_deref(), Some("2024-02-29"));
        assert_eq!(day("February 30, 2024"), None);
        assert_eq!(day("31.04.2024"), None);
        assert_eq!(day("1899-01-01"), None);
        assert_eq!(day("1989-12-31"), None);
    }

    #[test]
    fn future_dates_are_rejected() {
        assert_eq!(day("2030-01-01"), None);
        assert_eq!(day("2025-01-02"), None);
        assert_eq!(day("2025-01-01").as_deref(), Some("2025-01-01"));
    }

    #[test]
    fn non_dates_are_not_read_as_dates() {
        assert_eq!(day("Version 1.2.2024.5"), None);
        assert_eq!(day("192.168.10.20"), None);
        assert_eq!(day("Call 12-34-5678"), None);
        assert_eq!(day("A320 2024"), None);
        assert_eq!(day("May I help you in 2024?"), None);
        assert_eq!(day(""), None);
        assert_eq!(day("March 2024"), None);
    }

    #[test]
    fn compact_dates_only_alone() {
        assert_eq!(day("20240322").as_deref(), Some("2024-03-22"));
        assert_eq!(day("Order 20240322"), None);
    }

    #[test]
    fn find_date_reports_the_span() {
        let text = "Berlin, 22. März 2024 – Die Polizei";
        let (date, span) = find_date(text, &ctx()).expect("a date");
        assert_eq!(date.date_iso(), "2024-03-22");
        assert_eq!(&text[span], "22. März 2024");
    }

    #[test]
    fn url_dates() {
        let c = ctx();
        let d = |u: &str| date_from_url(u, &c).map(|d| d.date_iso());
        assert_eq!(
            d("https://x.com/2024/03/22/slug/").as_deref(),
            Some("2024-03-22")
        );
        assert_eq!(
            d("https://x.com/news/2024-03-22-slug").as_deref(),
            Some("2024-03-22")
        );
        assert_eq!(
            d("https://x.com/texte/22/20220127-gedenkstunde.html").as_deref(),
            Some("2022-01-27")
        );
        assert_eq!(
            d("https://web.archive.org/web/20120611024252/http://www.he.xinhuanet.com/news/2012-06/04/content_25340717.htm")
                .as_deref(),
            Some("2012-06-04")
        );
        assert_eq!(
            d("https://x.com/detail/~02-01-2022-land-zahlte").as_deref(),
            Some("2022-01-02")
        );
        assert_eq!(d("https://x.com/2024/03/slug"), None);
        assert_eq!(d("https://x.com/story/18348200"), None);
        assert_eq!(d("https://x.com/2024/13/40/slug"), None);
    }

    #[test]
    fn numeric_order_from_language() {
        assert_eq!(
            NumericOrder::for_language(Some("en-US")),
            NumericOrder::MonthFirst
        );
        assert_eq!(
            NumericOrder::for_language(Some("en")),
            NumericOrder::MonthFirst
        );
        assert_eq!(
            NumericOrder::for_language(Some("en-GB")),
            NumericOrder::DayFirst
        );
        assert_eq!(
            NumericOrder::for_language(Some("de")),
            NumericOrder::DayFirst
        );
        assert_eq!(NumericOrder::for_language(None), NumericOrder::DayFirst);
    }

    #[test]
    fn iso_output_round_trips_offsets() {
        let d = parse_date_with("2024-03-22T14:30:00-05:30", &ctx()).expect("date");
        assert_eq!(d.offset_minutes, Some(-330));
        assert_eq!(d.to_iso(), "2024-03-22T14:30:00-05:30");
    }

    #[test]
    fn civil_conversion_round_trips() {
        for days in [-1000_i64, 0, 10_957, 19_804, 20_000, 47_482] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
    }

    proptest::proptest! {
        #[test]
        fn parsing_never_panics(s in "\\PC{0,80}") {
            let _ = parse_date_with(&s, &ctx());
            let _ = date_from_url(&s, &ctx());
        }

        #[test]
        fn iso_output_parses_back(
            y in 1990u16..2025, m in 1u8..=12, d in 1u8..=31,
            h in 0u8..24, mi in 0u8..60, sec in 0u8..60, off in -720i16..=840,
        ) {
            let Some(mut date) = ParsedDate::from_ymd(y, m, d) else { return Ok(()) };
            date.time = Some(TimeOfDay { hour: h, minute: mi, second: sec });
            date.offset_minutes = Some(off - off % 15);
            let back = parse_date_with(&date.to_iso(), &ctx());
            proptest::prop_assert_eq!(back, Some(date));
        }
    }
}
