//! Numbers in digits and in words, with the bounds their wording gives them.
//!
//! A casualty count is only as good as its bound: "more than 130 people" is at least 131 and
//! not exact, "at least 20" is at least 20, "nearly 100" is at most 99, "up to 50" at most 50,
//! "dozens" somewhere from 24 to 144. Each [`NumberMention`] keeps the nominal value, the
//! integer bounds, whether the figure is exact, the qualifier that produced the bounds, and
//! the span it was read from (qualifier included), so an event can quote its evidence.
//!
//! ```
//! use tocsin_nlp::numbers::{find_numbers, Qualifier};
//! use tocsin_nlp::tokenize::tokenize;
//! let text = "Gunmen killed more than 130 people and injured 180 others.";
//! let found = find_numbers(text, &tokenize(text));
//! assert_eq!(found[0].text, "more than 130");
//! assert_eq!((found[0].min, found[0].max, found[0].exact), (Some(131), None, false));
//! assert_eq!(found[0].qualifier, Qualifier::MoreThan);
//! assert_eq!((found[1].min, found[1].max, found[1].exact), (Some(180), Some(180), true));
//! ```
//!
//! Digits are read in any language (with the language's decimal separator, see
//! [`NumberOptions`]); number words and qualifiers are English only.

use crate::tokenize::chars::digit_value;
use crate::tokenize::{Token, TokenKind};
use serde::{Deserialize, Serialize};
use std::ops::Range;
use tocsin_model::Span;

/// A number found in the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NumberMention {
    /// Bytes of the whole expression, qualifier included (`more than 130`).
    pub span: Span,
    /// The expression as written.
    pub text: String,
    /// Indexes of its tokens.
    pub tokens: Range<usize>,
    /// The nominal value (`130` for "more than 130", `24` for "dozens", `3.5` for "3.5").
    pub value: f64,
    /// Smallest integer the expression allows, when it sets one.
    pub min: Option<u64>,
    /// Largest integer the expression allows, when it sets one.
    pub max: Option<u64>,
    /// Whether the figure is given exactly (`180`, `ninety-five`), not bounded or vague.
    pub exact: bool,
    /// What the wording says about the value.
    pub qualifier: Qualifier,
    /// What the number counts or denotes.
    pub kind: NumberKind,
}

/// The qualifier that turns a value into bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// No qualifier: `180`, `ninety-five`.
    Exact,
    /// `more than N`, `over N`, `upwards of N`: min = N + 1.
    MoreThan,
    /// `at least N`, `no fewer than N`, `N or more`, `N-plus`: min = N.
    AtLeast,
    /// `nearly N`, `almost N`, `just under N`: max = N − 1.
    Nearly,
    /// `about N`, `around N`, `some N`, `an estimated N`, `N or so`: no bounds.
    About,
    /// `up to N`, `as many as N`: max = N.
    UpTo,
    /// `at most N`, `no more than N`: max = N.
    AtMost,
    /// `fewer than N`, `less than N`, `under N`: max = N − 1.
    LessThan,
    /// `between N and M`, `N to M`, `N-M`, `N or M`: min = N, max = M.
    Range,
    /// `dozens`, `hundreds`, `several`, `a few`, `tens of thousands`: a conventional range.
    Vague,
}

/// What a number denotes, so that consumers looking for counts can skip the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NumberKind {
    /// A count or amount: `130 people`, `a dozen`, `1.2 million`.
    Cardinal,
    /// `first`, `22nd`.
    Ordinal,
    /// `5%`, `12 percent`.
    Percent,
    /// `$5 million`, `200 euros`.
    Money,
    /// A calendar year standing alone: `2021` in "the 2021 bombing".
    Year,
    /// An age: `5-year-old`, `20-year-old`.
    Age,
}

/// Conventions for reading digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NumberOptions {
    /// `1.200,5` (most of continental Europe, Latin America, Indonesia, Turkey, Russia)
    /// rather than `1,200.5`.
    pub decimal_comma: bool,
}

impl NumberOptions {
    /// The convention of a language (ISO 639-1 code).
    pub fn for_language(code: &str) -> Self {
        let decimal_comma = matches!(
            code,
            "de" | "fr"
                | "es"
                | "it"
                | "pt"
                | "nl"
                | "ru"
                | "uk"
                | "pl"
                | "tr"
                | "id"
                | "ro"
                | "cs"
                | "sk"
                | "hu"
                | "da"
                | "nb"
                | "sv"
                | "fi"
                | "el"
                | "bg"
                | "hr"
                | "sr"
                | "sl"
                | "lt"
                | "lv"
                | "et"
                | "vi"
                | "az"
                | "ca"
        );
        Self { decimal_comma }
    }
}

/// Finds numbers with English conventions (`1,200.5`).
pub fn find_numbers(text: &str, tokens: &[Token]) -> Vec<NumberMention> {
    find_numbers_with(text, tokens, &NumberOptions::default())
}

/// Finds numbers with the given conventions.
pub fn find_numbers_with(text: &str, tokens: &[Token], opts: &NumberOptions) -> Vec<NumberMention> {
    let f = Finder {
        text,
        t: tokens,
        opts,
    };
    let mut out = Vec::new();
    let mut i = 0;
    let mut floor = 0; // first token not yet used by a mention
    while i < tokens.len() {
        match f.mention_at(i, floor) {
            Some(m) => {
                i = m.tokens.end.max(i + 1);
                floor = i;
                out.push(m);
            }
            None => i += 1,
        }
    }
    out
}

/// Reads a number written in digits (`1,200`, `3.5`, `1.200.000`, `٣٠`): `None` when `s` has
/// anything but digits and separators.
pub fn parse_digits(s: &str, decimal_comma: bool) -> Option<f64> {
    // With the English convention `.` is the decimal point and `,` groups thousands; a
    // number with several points (`1.200.000`) groups with them instead.
    let (group, point) = if decimal_comma {
        ('.', ',')
    } else {
        (',', '.')
    };
    let (group, point) = if s.matches(point).count() > 1 {
        (point, '\0')
    } else if s.matches(point).count() == 0
        && s.matches(group).count() == 1
        && s.split(group)
            .nth(1)
            .is_some_and(|g| g.chars().count() != 3)
    {
        // `3,5` in English or `3.5` in German: a lone separator not followed by three digits
        // is the other convention's decimal point.
        ('\0', group)
    } else {
        (group, point)
    };
    let mut int: f64 = 0.0;
    let mut frac: f64 = 0.0;
    let mut scale = 1.0;
    let mut in_frac = false;
    let mut digits = 0;
    for c in s.chars() {
        if let Some(d) = digit_value(c) {
            digits += 1;
            if in_frac {
                scale /= 10.0;
                frac += f64::from(d) * scale;
            } else {
                int = int * 10.0 + f64::from(d);
            }
        } else if c == group && !in_frac {
            continue;
        } else if c == point && !in_frac {
            in_frac = true;
        } else {
            return None;
        }
    }
    (digits > 0).then_some(int + frac)
}

/// Value of a number word or hyphenated compound: `five` → 5, `ninety-five` → 95.
pub fn word_value(word: &str) -> Option<u64> {
    let mut buf = [0u8; 24];
    let w = lower(word, &mut buf)?;
    small_value(w)
}

fn unit_value(w: &str) -> Option<u64> {
    Some(match w {
        "zero" => 0,
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

/// A unit, a ten, or a hyphenated ten-unit compound.
fn small_value(w: &str) -> Option<u64> {
    if let Some(v) = unit_value(w) {
        return Some(v);
    }
    let (tens, unit) = w.split_once('-')?;
    let tens = unit_value(tens)?;
    let unit = unit_value(unit)?;
    (tens >= 20 && tens % 10 == 0 && (1..10).contains(&unit)).then_some(tens + unit)
}

fn scale_value(w: &str) -> Option<u64> {
    Some(match w {
        "hundred" => 100,
        "thousand" => 1_000,
        "million" => 1_000_000,
        "billion" => 1_000_000_000,
        "trillion" => 1_000_000_000_000,
        "dozen" => 12,
        _ => return None,
    })
}

fn ordinal_value(w: &str) -> Option<u64> {
    Some(match w {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        "fifth" => 5,
        "sixth" => 6,
        "seventh" => 7,
        "eighth" => 8,
        "ninth" => 9,
        "tenth" => 10,
        "eleventh" => 11,
        "twelfth" => 12,
        "twentieth" => 20,
        "hundredth" => 100,
        _ => return None,
    })
}

/// Lowercases a short ASCII word into `buf`; `None` for anything else.
fn lower<'b>(word: &str, buf: &'b mut [u8; 24]) -> Option<&'b str> {
    let b = word.as_bytes();
    if b.len() > buf.len() || !word.is_ascii() {
        return None;
    }
    for (dst, src) in buf.iter_mut().zip(b) {
        *dst = src.to_ascii_lowercase();
    }
    std::str::from_utf8(&buf[..b.len()]).ok()
}

/// Nouns after which a four-digit number is a count, not a year ("2000 people").
pub(crate) fn is_count_noun(word: &str) -> bool {
    let lower_word = word.chars().next().is_some_and(char::is_lowercase);
    lower_word
        && (matches!(
            word,
            "people"
                | "men"
                | "women"
                | "children"
                | "dead"
                | "killed"
                | "injured"
                | "wounded"
                | "police"
                | "staff"
                | "personnel"
                | "militia"
                | "others"
                | "more"
        ) || (word.len() > 3 && word.ends_with('s') && !word.ends_with("ss")))
}

/// A number without its qualifier.
struct Core {
    end: usize,
    value: f64,
    /// Bounds of a vague or ranged core (`dozens`, `20-30`).
    lo: Option<u64>,
    hi: Option<u64>,
    vague: bool,
    ranged: bool,
    kind: NumberKind,
}

struct Finder<'a> {
    text: &'a str,
    t: &'a [Token],
    opts: &'a NumberOptions,
}

/// Qualifiers before a number (the longest that matches wins: "no more than" over "more than").
const PREFIXES: &[(&[&str], Qualifier)] = &[
    (&["in", "excess", "of"], Qualifier::MoreThan),
    (&["more", "than"], Qualifier::MoreThan),
    (&["greater", "than"], Qualifier::MoreThan),
    (&["upwards", "of"], Qualifier::MoreThan),
    (&["well", "over"], Qualifier::MoreThan),
    (&["just", "over"], Qualifier::MoreThan),
    (&["over"], Qualifier::MoreThan),
    (&["no", "fewer", "than"], Qualifier::AtLeast),
    (&["no", "less", "than"], Qualifier::AtLeast),
    (&["not", "less", "than"], Qualifier::AtLeast),
    (&["a", "minimum", "of"], Qualifier::AtLeast),
    (&["at", "least"], Qualifier::AtLeast),
    (&["just", "under"], Qualifier::Nearly),
    (&["just", "shy", "of"], Qualifier::Nearly),
    (&["close", "to"], Qualifier::Nearly),
    (&["nearly"], Qualifier::Nearly),
    (&["almost"], Qualifier::Nearly),
    (&["as", "many", "as"], Qualifier::UpTo),
    (&["as", "much", "as"], Qualifier::UpTo),
    (&["up", "to"], Qualifier::UpTo),
    (&["no", "more", "than"], Qualifier::AtMost),
    (&["not", "more", "than"], Qualifier::AtMost),
    (&["a", "maximum", "of"], Qualifier::AtMost),
    (&["at", "most"], Qualifier::AtMost),
    (&["fewer", "than"], Qualifier::LessThan),
    (&["less", "than"], Qualifier::LessThan),
    (&["under"], Qualifier::LessThan),
    (&["below"], Qualifier::LessThan),
    (&["an", "estimated"], Qualifier::About),
    (&["approximately"], Qualifier::About),
    (&["approx."], Qualifier::About),
    (&["roughly"], Qualifier::About),
    (&["around"], Qualifier::About),
    (&["about"], Qualifier::About),
    (&["some"], Qualifier::About),
    (&["estimated"], Qualifier::About),
    (&["circa"], Qualifier::About),
    (&["between"], Qualifier::Range),
];

impl<'a> Finder<'a> {
    fn w(&self, i: usize) -> &'a str {
        self.t.get(i).map_or("", |t| t.text(self.text))
    }

    fn kind(&self, i: usize) -> Option<TokenKind> {
        self.t.get(i).map(|t| t.kind)
    }

    /// `self.w(i)` equals `s` ignoring ASCII case.
    fn is(&self, i: usize, s: &str) -> bool {
        self.w(i).eq_ignore_ascii_case(s)
    }

    fn small_at(&self, i: usize) -> Option<u64> {
        if self.kind(i) != Some(TokenKind::Word) {
            return None;
        }
        word_value(self.w(i))
    }

    fn scale_at(&self, i: usize) -> Option<u64> {
        let mut buf = [0u8; 24];
        if self.kind(i) != Some(TokenKind::Word) {
            return None;
        }
        scale_value(lower(self.w(i), &mut buf)?)
    }

    fn mention_at(&self, i: usize, floor: usize) -> Option<NumberMention> {
        // `no one`, `nobody`: zero, which matters for "no one was hurt".
        if (self.is(i, "no") && self.is(i + 1, "one") && !self.is(i + 2, "of"))
            || self.is(i, "nobody")
        {
            let end = if self.is(i, "nobody") { i + 1 } else { i + 2 };
            return Some(self.build(
                i,
                end,
                0.0,
                Some(0),
                Some(0),
                true,
                Qualifier::Exact,
                NumberKind::Cardinal,
            ));
        }
        let core = self.core_at(i)?;
        let mut start = i;
        let mut end = core.end;
        let mut value = core.value;
        let mut kind = core.kind;
        let (mut lo, mut hi) = (core.lo, core.hi);
        let mut qualifier = if core.ranged {
            Qualifier::Range
        } else if core.vague {
            Qualifier::Vague
        } else {
            Qualifier::Exact
        };
        if matches!(kind, NumberKind::Ordinal | NumberKind::Age) {
            let whole = integral(value.floor());
            return Some(self.build(
                i,
                end,
                value,
                whole,
                whole,
                whole.is_some(),
                Qualifier::Exact,
                kind,
            ));
        }

        // A qualifier before it.
        if let Some((len, q)) = self.prefix_before(i, floor) {
            if q == Qualifier::Range {
                // `between N and M`.
                if self.is(end, "and") {
                    if let Some(second) = self.core_at(end + 1) {
                        start = i - len;
                        lo = core.lo.or(integral(value));
                        hi = second.hi.or(integral(second.value));
                        end = second.end;
                        qualifier = Qualifier::Range;
                    }
                }
            } else if !core.ranged {
                start = i - len;
                qualifier = q;
            }
        }
        // A second number: `20 to 30`, `two or three`.
        if qualifier == Qualifier::Exact && (self.is(end, "to") || self.is(end, "or")) {
            if let Some(second) = self.core_at(end + 1) {
                if second.value > value && second.kind == NumberKind::Cardinal {
                    lo = integral(value);
                    hi = second.hi.or(integral(second.value));
                    end = second.end;
                    qualifier = Qualifier::Range;
                }
            }
        }
        // A qualifier after it: `20 or more`, `20-plus`, `20+`, `100 or so`.
        if matches!(qualifier, Qualifier::Exact | Qualifier::Vague) {
            if self.is(end, "or") && self.is(end + 1, "more") {
                qualifier = Qualifier::AtLeast;
                end += 2;
            } else if self.is(end, "or") && self.is(end + 1, "so") {
                qualifier = Qualifier::About;
                end += 2;
            } else if self.w(end) == "+"
                && self
                    .t
                    .get(end)
                    .is_some_and(|t| t.start == self.t[end - 1].end)
            {
                qualifier = Qualifier::AtLeast;
                end += 1;
            } else if self.is(end, "-plus") || (self.w(end) == "-" && self.is(end + 1, "plus")) {
                qualifier = Qualifier::AtLeast;
                end += if self.w(end) == "-" { 2 } else { 1 };
            }
        }
        // Percent and money.
        if self.w(end) == "%" || self.is(end, "percent") {
            kind = NumberKind::Percent;
            end += 1;
        } else if self.is(end, "per") && self.is(end + 1, "cent") {
            kind = NumberKind::Percent;
            end += 2;
        } else if start > floor && matches!(self.w(start - 1), "$" | "€" | "£" | "¥" | "₹" | "US$")
        {
            kind = NumberKind::Money;
            start -= 1;
        } else if matches!(
            self.w(end).to_ascii_lowercase().as_str(),
            "dollars" | "euros" | "pounds" | "rupees" | "rubles" | "roubles" | "yuan" | "afghanis"
        ) {
            kind = NumberKind::Money;
        }

        // Bounds from the qualifier.
        let base_lo = lo.or(integral(value));
        let base_hi = hi.or(integral(value));
        let (min, max, exact) = match qualifier {
            Qualifier::Exact => {
                let v = integral(value);
                (v, v, true)
            }
            Qualifier::Vague | Qualifier::Range => (lo, hi, false),
            Qualifier::MoreThan => (
                base_hi.map(|v| v + 1).or(Some(value.floor() as u64 + 1)),
                None,
                false,
            ),
            Qualifier::AtLeast => (base_lo.or(Some(value.ceil() as u64)), None, false),
            Qualifier::Nearly | Qualifier::LessThan => (
                None,
                base_lo
                    .map(|v| v.saturating_sub(1))
                    .or(Some(value.floor() as u64)),
                false,
            ),
            Qualifier::UpTo | Qualifier::AtMost => {
                (None, base_hi.or(Some(value.floor() as u64)), false)
            }
            Qualifier::About => (None, None, false),
        };
        if let (Some(v), NumberKind::Cardinal) = (integral(value), kind) {
            if qualifier == Qualifier::Exact && self.is_year(i, v, &core) {
                kind = NumberKind::Year;
            }
        }
        if core.vague && value == 0.0 {
            value = lo.unwrap_or(0) as f64;
        }
        Some(self.build(start, end, value, min, max, exact, qualifier, kind))
    }

    #[allow(clippy::too_many_arguments)]
    fn build(
        &self,
        start: usize,
        end: usize,
        value: f64,
        min: Option<u64>,
        max: Option<u64>,
        exact: bool,
        qualifier: Qualifier,
        kind: NumberKind,
    ) -> NumberMention {
        let a = self.t[start].start as usize;
        let b = self.t[end - 1].end as usize;
        NumberMention {
            span: Span::new(a, b),
            text: self.text.get(a..b).unwrap_or("").to_string(),
            tokens: start..end,
            value,
            min,
            max,
            exact,
            qualifier,
            kind,
        }
    }

    /// The longest qualifier ending just before token `i`, not reaching back before `floor`.
    fn prefix_before(&self, i: usize, floor: usize) -> Option<(usize, Qualifier)> {
        PREFIXES
            .iter()
            .filter_map(|(words, q)| {
                let len = words.len();
                if i < floor + len {
                    return None;
                }
                let ok = words
                    .iter()
                    .enumerate()
                    .all(|(k, w)| self.is(i - len + k, w));
                ok.then_some((len, *q))
            })
            .max_by_key(|&(len, _)| len)
    }

    /// A four-digit number that names a year rather than counts something.
    fn is_year(&self, i: usize, v: u64, core: &Core) -> bool {
        let w = self.w(i);
        core.end == i + 1
            && (1900..=2100).contains(&v)
            && w.len() == 4
            && self.kind(i) == Some(TokenKind::Number)
            && !is_count_noun(self.w(i + 1))
    }

    /// The number at token `i`, without qualifiers.
    fn core_at(&self, i: usize) -> Option<Core> {
        let tok = self.t.get(i)?;
        match tok.kind {
            TokenKind::Number => self.digits_core(i),
            TokenKind::Word => self.word_core(i),
            _ => None,
        }
    }

    fn in_date(&self, i: usize) -> bool {
        let month = |k: usize| crate::timex::month_number(self.w(k)).is_some();
        (i > 0 && month(i - 1))
            || month(i + 1)
            || (self.is(i + 1, "of") && month(i + 2))
            || (i >= 3
                && self.w(i - 1) == ","
                && self.kind(i - 2) == Some(TokenKind::Number)
                && month(i - 3))
            || (i > 0 && matches!(self.w(i - 1), "No." | "Nos." | "no." | "#"))
            || matches!(
                self.w(i + 1).to_ascii_lowercase().as_str(),
                "a.m." | "p.m." | "am" | "pm" | "a.m" | "p.m" | "gmt" | "utc" | "hours" | "hrs"
            ) && self.w(i).len() <= 4
    }

    fn digits_core(&self, i: usize) -> Option<Core> {
        let w = self.w(i);
        if w.contains([':', '/']) || self.in_date(i) {
            return None;
        }
        // `20-30`, `1,000-2,000`: a range; `2024-03-22` and `2015-16`: dates.
        if let Some((a, b)) = w.split_once('-') {
            if b.contains('-') {
                return None;
            }
            let x = parse_digits(a, self.opts.decimal_comma)?;
            let y = parse_digits(b, self.opts.decimal_comma)?;
            let looks_like_years = a.len() == 4 && (1900.0..=2100.0).contains(&x);
            let looks_like_phone = b.len() >= 4 && !b.contains([',', '.']);
            if y <= x || looks_like_years || looks_like_phone {
                return None;
            }
            return Some(Core {
                end: i + 1,
                value: x,
                lo: integral(x),
                hi: integral(y),
                vague: false,
                ranged: true,
                kind: NumberKind::Cardinal,
            });
        }
        let mut value = parse_digits(w, self.opts.decimal_comma)?;
        let mut end = i + 1;
        // `3 million`, `1.2 billion`, `2 dozen`.
        while let Some(s) = self.scale_at(end) {
            value *= s as f64;
            end += 1;
        }
        Some(Core {
            end,
            value,
            lo: None,
            hi: None,
            vague: false,
            ranged: false,
            kind: NumberKind::Cardinal,
        })
    }

    fn word_core(&self, i: usize) -> Option<Core> {
        let w = self.w(i);
        let mut buf = [0u8; 24];
        let lw = lower(w, &mut buf)?;
        if !may_start_number(lw) {
            return None;
        }
        // `22nd`, `1st`: ordinals in digits.
        if let Some(digits) = lw
            .strip_suffix("st")
            .or_else(|| lw.strip_suffix("nd"))
            .or_else(|| lw.strip_suffix("rd"))
            .or_else(|| lw.strip_suffix("th"))
        {
            if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
                if self.in_date(i) {
                    return None;
                }
                let v = parse_digits(digits, false)?;
                return Some(self.simple(i + 1, v, NumberKind::Ordinal));
            }
        }
        if let Some(v) = ordinal_value(lw) {
            return Some(self.simple(i + 1, v as f64, NumberKind::Ordinal));
        }
        // `5-year-old`, `ninety-five-year-old`, `18-month-old`.
        for suffix in ["-year-old", "-years-old", "-month-old", "-months-old"] {
            if let Some(n) = lw.strip_suffix(suffix) {
                let v = parse_digits(n, false).or_else(|| small_value(n).map(|v| v as f64))?;
                // Ages are in years: an 8-month-old is 0.67 (and 0 in whole years).
                let v = if suffix.contains("month") {
                    v / 12.0
                } else {
                    v
                };
                return Some(self.simple(i + 1, v, NumberKind::Age));
            }
        }
        if let Some(core) = self.vague_core(i, lw) {
            return Some(core);
        }
        self.word_sequence(i)
    }

    fn simple(&self, end: usize, value: f64, kind: NumberKind) -> Core {
        Core {
            end,
            value,
            lo: None,
            hi: None,
            vague: false,
            ranged: false,
            kind,
        }
    }

    fn vague(&self, end: usize, lo: u64, hi: u64) -> Core {
        Core {
            end,
            value: lo as f64,
            lo: Some(lo),
            hi: Some(hi),
            vague: true,
            ranged: false,
            kind: NumberKind::Cardinal,
        }
    }

    /// `dozens`, `hundreds (of thousands)`, `tens of thousands`, `scores of`, `several`,
    /// `a few`, `a couple of`, `a handful of`, alone or before a scale (`several hundred`).
    fn vague_core(&self, i: usize, lw: &str) -> Option<Core> {
        let plural_scale = |k: usize| -> Option<(u64, u64)> {
            let w = self.w(k).to_ascii_lowercase();
            Some(match w.as_str() {
                "thousands" => (1_000, 1_000),
                "millions" => (1_000_000, 1_000_000),
                _ => return None,
            })
        };
        match lw {
            "dozens" => Some(self.vague(i + 1, 24, 144)),
            "scores" if self.is(i + 1, "of") => Some(self.vague(i + 1, 40, 199)),
            "hundreds" => {
                if self.is(i + 1, "of") {
                    if let Some((s, _)) = plural_scale(i + 2) {
                        return Some(self.vague(i + 3, 200 * s, 999 * s + (s - 1)));
                    }
                }
                Some(self.vague(i + 1, 200, 999))
            }
            "tens" if self.is(i + 1, "of") => {
                let (s, _) = plural_scale(i + 2)?;
                Some(self.vague(i + 3, 20 * s, 99 * s + (s - 1)))
            }
            "thousands" => Some(self.vague(i + 1, 2_000, 9_999)),
            "millions" => Some(self.vague(i + 1, 2_000_000, 999_999_999)),
            "several" | "a" | "an" => {
                let (lo, hi, mut end) = match lw {
                    "several" => (3, 9, i + 1),
                    _ if self.is(i + 1, "few") => (2, 5, i + 2),
                    _ if self.is(i + 1, "couple") => (2, 3, i + 2),
                    _ if self.is(i + 1, "handful") => (2, 6, i + 2),
                    _ => return self.word_sequence(i),
                };
                if self.is(end, "of") && lw != "several" {
                    // `a couple of`, `a handful of`: the `of` is not part of the number.
                    return Some(self.vague(end, lo, hi));
                }
                if let Some(s) = self.scale_at(end) {
                    end += 1;
                    return Some(self.vague(end, lo * s, hi * s));
                }
                // `several people`, `a few days`: only before a word, not "a few." alone.
                let next = self.w(end);
                let before_noun = self.kind(end) == Some(TokenKind::Word)
                    && next.chars().next().is_some_and(char::is_lowercase);
                (before_noun || (self.is(end, "of") && lw == "several"))
                    .then(|| self.vague(end, lo, hi))
            }
            _ => None,
        }
    }

    /// `ninety-five`, `one hundred and twenty`, `two thousand`, `a dozen`, `half a dozen`.
    fn word_sequence(&self, i: usize) -> Option<Core> {
        if self.is(i, "half") && self.is(i + 1, "a") && self.is(i + 2, "dozen") {
            return Some(self.simple(i + 3, 6.0, NumberKind::Cardinal));
        }
        let mut j = i;
        let mut total: u64 = 0;
        let mut current: u64 = 0;
        let mut any = false;
        let mut last_tens = false; // `twenty five` may follow
        let mut last_small = false;
        loop {
            if let Some(v) = self.small_at(j) {
                if last_small && !(last_tens && v < 10) {
                    break;
                }
                current += v;
                last_tens = v >= 20 && v % 10 == 0;
                last_small = true;
                any = true;
                j += 1;
                continue;
            }
            if (self.is(j, "a") || self.is(j, "an")) && !any && self.scale_at(j + 1).is_some() {
                current = 1;
                any = true;
                last_small = false;
                j += 1;
                continue;
            }
            if let Some(s) = self.scale_at(j) {
                if !any {
                    break;
                }
                if s == 100 || s == 12 {
                    current = current.max(1).saturating_mul(s);
                } else {
                    total = total.saturating_add(current.max(1).saturating_mul(s));
                    current = 0;
                }
                last_small = false;
                last_tens = false;
                j += 1;
                continue;
            }
            if self.is(j, "and") && any && !last_small && self.small_at(j + 1).is_some() {
                j += 1;
                continue;
            }
            break;
        }
        if !any {
            return None;
        }
        // `one` as a pronoun: "the one who", "no one", "one another".
        if j == i + 1 && self.is(i, "one") {
            let prev = if i > 0 {
                self.w(i - 1).to_ascii_lowercase()
            } else {
                String::new()
            };
            if matches!(
                prev.as_str(),
                "no" | "any" | "every" | "each" | "the" | "this" | "that" | "which" | "someone"
            ) || self.is(i + 1, "another")
            {
                return None;
            }
        }
        let value = total.saturating_add(current);
        Some(self.simple(j, value as f64, NumberKind::Cardinal))
    }
}

/// Whether a lowercase word can begin a number expression: a cheap test that spares most
/// words the full analysis.
fn may_start_number(lw: &str) -> bool {
    lw.as_bytes().first().is_some_and(u8::is_ascii_digit)
        || unit_value(lw).is_some()
        || ordinal_value(lw).is_some()
        || matches!(
            lw,
            "a" | "an"
                | "half"
                | "dozens"
                | "scores"
                | "hundreds"
                | "tens"
                | "thousands"
                | "millions"
                | "several"
        )
        || (lw.contains('-') && (small_value(lw).is_some() || lw.ends_with("-old")))
}

fn integral(v: f64) -> Option<u64> {
    (v >= 0.0 && v.fract() == 0.0 && v < 1.8e19).then_some(v as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_follow_the_separator_convention() {
        assert_eq!(parse_digits("1,200", false), Some(1200.0));
        assert_eq!(parse_digits("3.5", false), Some(3.5));
        assert_eq!(parse_digits("1.200.000", false), Some(1_200_000.0));
        assert_eq!(parse_digits("1.200", true), Some(1200.0));
        assert_eq!(parse_digits("3,5", true), Some(3.5));
        assert_eq!(parse_digits("٣٠", false), Some(30.0));
        assert_eq!(parse_digits("12a", false), None);
    }

    #[test]
    fn word_values() {
        assert_eq!(word_value("Ninety-five"), Some(95));
        assert_eq!(word_value("twelve"), Some(12));
        assert_eq!(word_value("twenty-ten"), None);
    }
}
