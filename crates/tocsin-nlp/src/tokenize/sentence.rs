//! Sentence boundaries over tokens.
//!
//! The rules, in the order they are tried between two tokens:
//! 1. a blank line (paragraph break) always ends a sentence;
//! 2. a single line break ends one before a list item (`•`, `-`, `1.`, `a)`) and after a short
//!    line without final punctuation (a heading, a byline, a dateline on its own line);
//! 3. `.`, `!`, `?`, `…` and the CJK, Arabic and Devanagari stops end a sentence, after any
//!    closing quotes and brackets, unless the next token starts lowercase (in a text that
//!    writes capitals at all: see [`Casing`](super::Casing)) or is `,`/`;`/`:`, or the period
//!    closes a list number at the start of a line;
//! 4. an abbreviation's period ends a sentence only when a typical sentence opener follows
//!    (`in the U.S. The attack…`); titles, months and initials never do.
//!
//! A "sentence" of punctuation alone (a stray quote mark after the last period of a
//! paragraph) is glued to its neighbour, so every sentence holds a word.

use super::abbrev::{self, AbbrevClass};
use super::chars::{self, decode};
use super::{Casing, Token, TokenKind};
use serde::{Deserialize, Serialize};
use std::ops::Range;
use tocsin_model::Span;

/// One sentence: a byte range and the tokens in it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Sentence {
    /// First byte of its first token.
    pub start: u32,
    /// One past the last byte of its last token.
    pub end: u32,
    /// Indexes into the token slice it was made from.
    pub tokens: Range<usize>,
}

impl Sentence {
    /// The sentence's text; empty if `text` is not the text it was made from.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start as usize..self.end as usize)
            .unwrap_or("")
    }

    /// Its byte range as a [`Span`].
    pub fn span(&self) -> Span {
        Span {
            start: self.start,
            end: self.end,
        }
    }
}

/// Splits tokenized text into sentences. Every token lies in exactly one sentence, and the
/// sentences are in order.
pub fn sentences(text: &str, tokens: &[Token]) -> Vec<Sentence> {
    let mut raw: Vec<Range<usize>> = Vec::with_capacity(tokens.len() / 20 + 1);
    let s = Splitter {
        b: text.as_bytes(),
        text,
        t: tokens,
        lowercase: Casing::of(text) == Casing::Lower,
    };
    let mut start = 0;
    let mut line_start = 0;
    for i in 0..tokens.len() {
        let last = i + 1 == tokens.len();
        let (brk, newline) = if last {
            (true, false)
        } else {
            s.boundary(i, start, line_start)
        };
        if brk {
            raw.push(start..i + 1);
            start = i + 1;
        }
        if newline {
            line_start = i + 1;
        }
    }
    s.glue_punctuation(raw)
}

/// Paragraphs of `text`: the stretches between blank lines, trimmed of surrounding whitespace.
pub fn paragraphs(text: &str) -> Vec<Span> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_non_space = 0;
    let mut newlines = 0;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'\n' {
            newlines += 1;
            if newlines >= 2 {
                if let Some(s) = start.take() {
                    out.push(Span::new(s, last_non_space));
                }
            }
            i += 1;
        } else if c.is_ascii_whitespace() {
            i += 1;
        } else {
            let (ch, len) = decode(b, i);
            if !chars::is_space(ch) {
                if start.is_none() {
                    start = Some(i);
                }
                last_non_space = i + len;
                newlines = 0;
            }
            i += len;
        }
    }
    if let Some(s) = start {
        out.push(Span::new(s, last_non_space));
    }
    out
}

struct Splitter<'a> {
    b: &'a [u8],
    text: &'a str,
    t: &'a [Token],
    /// The text is written without capitals, so a lowercase word after a stop proves
    /// nothing.
    lowercase: bool,
}

impl Splitter<'_> {
    fn tok(&self, i: usize) -> &str {
        self.t.get(i).map_or("", |t| t.text(self.text))
    }

    fn first_char(&self, i: usize) -> char {
        self.tok(i).chars().next().unwrap_or(' ')
    }

    /// Newlines between token `i` and the next.
    fn newlines_after(&self, i: usize) -> usize {
        let (Some(a), Some(b)) = (self.t.get(i), self.t.get(i + 1)) else {
            return 0;
        };
        self.b
            .get(a.end as usize..b.start as usize)
            .map_or(0, |gap| memchr::memchr_iter(b'\n', gap).count())
    }

    fn gap_after(&self, i: usize) -> bool {
        match (self.t.get(i), self.t.get(i + 1)) {
            (Some(a), Some(b)) => b.start > a.end,
            _ => true,
        }
    }

    /// Whether a sentence ends after token `i`, and whether a line ends there.
    fn boundary(&self, i: usize, sent_start: usize, line_start: usize) -> (bool, bool) {
        let nl = self.newlines_after(i);
        if nl >= 2 {
            return (true, true);
        }
        if nl == 1 {
            if self.is_list_marker(i + 1) {
                return (true, true);
            }
            if self.is_heading_line(line_start, i) {
                return (true, true);
            }
        }
        (self.ends_sentence(i, sent_start), nl > 0)
    }

    /// A list item starts at token `i` (which begins a line).
    fn is_list_marker(&self, i: usize) -> bool {
        let w = self.tok(i);
        if matches!(
            w,
            "•" | "-"
                | "*"
                | "–"
                | "—"
                | "·"
                | "◦"
                | "▪"
                | "►"
                | "‣"
                | "○"
                | "■"
                | "□"
                | "→"
        ) {
            return true;
        }
        let Some(t) = self.t.get(i) else {
            return false;
        };
        let short_label = (t.kind == TokenKind::Number && t.len() <= 3)
            || (t.kind == TokenKind::Word && t.len() == 1);
        short_label && matches!(self.tok(i + 1), "." | ")") && !self.gap_after(i)
    }

    /// The line from token `from` to `to` is short and ends without punctuation, and the next
    /// line starts like a new sentence: a heading, a byline, a dateline, a caption credit.
    fn is_heading_line(&self, from: usize, to: usize) -> bool {
        let (Some(a), Some(z)) = (self.t.get(from), self.t.get(to)) else {
            return false;
        };
        if z.end - a.start > 48 {
            return false;
        }
        let last = self.tok(to);
        if matches!(last, "," | ";" | "-" | "--" | "—" | "–" | "(" | "“" | "\"")
            || self.is_terminator(to)
        {
            return false;
        }
        if matches!(z.kind, TokenKind::Word | TokenKind::Clitic)
            && self.first_char(to).is_lowercase()
            && !self.first_char(from).is_uppercase()
        {
            return false;
        }
        let next = self.first_char(to + 1);
        chars::is_upper_or_caseless(next) || next.is_ascii_digit() || is_opener(next)
    }

    fn is_terminator(&self, i: usize) -> bool {
        let Some(t) = self.t.get(i) else {
            return false;
        };
        t.kind == TokenKind::Punct && self.tok(i).chars().all(chars::is_terminator)
    }

    /// Whether token `i` closes what comes before it: a closing bracket or quote, or a
    /// straight quote glued to the preceding token.
    fn is_closer(&self, i: usize) -> bool {
        let Some(t) = self.t.get(i) else {
            return false;
        };
        if t.kind != TokenKind::Punct || t.len() > 3 {
            return false;
        }
        let c = self.first_char(i);
        chars::is_closer(c) || (chars::is_ambiguous_quote(c) && i > 0 && !self.gap_after(i - 1))
    }

    fn ends_sentence(&self, i: usize, sent_start: usize) -> bool {
        let Some(t) = self.t.get(i) else {
            return true;
        };
        if self.is_closer(i + 1) {
            // The closer belongs to this sentence; decide after it.
            return false;
        }
        match t.kind {
            TokenKind::Punct if self.is_terminator(i) => self.terminator_ends(i, sent_start),
            TokenKind::Punct if self.is_closer(i) => {
                let mut k = i;
                while k > sent_start && self.is_closer(k) {
                    k -= 1;
                }
                k != i && self.is_terminator(k) && self.terminator_ends(k, sent_start)
            }
            TokenKind::Abbrev => self.abbrev_ends(i),
            _ => false,
        }
    }

    /// A terminator at `k` ends the sentence unless what follows continues it.
    fn terminator_ends(&self, k: usize, sent_start: usize) -> bool {
        let next = self.skip_closers(k + 1);
        let Some(n) = self.t.get(next) else {
            return true;
        };
        let c = self.first_char(next);
        // "(R-S.C.)": a period glued to the next initial is inside an abbreviation.
        if next == k + 1 && !self.gap_after(k) && self.tok(k) == "." && is_initials(self.tok(next))
        {
            return false;
        }
        if n.kind == TokenKind::Punct {
            return is_opener(c)
                || chars::is_ambiguous_quote(c)
                || matches!(c, '-' | '—' | '–' | '•')
                || chars::is_terminator(c);
        }
        if c.is_lowercase() && !self.lowercase {
            return false;
        }
        // `1. John Smith` at the start of a line is a list, not two sentences.
        if self.tok(k) == "." && k > sent_start {
            let prev = k - 1;
            if let Some(p) = self.t.get(prev) {
                let line_initial = prev == 0 || self.newlines_after(prev - 1) > 0;
                if p.kind == TokenKind::Number
                    && p.len() <= 3
                    && line_initial
                    && !self.gap_after(prev)
                {
                    return false;
                }
            }
        }
        true
    }

    fn skip_closers(&self, mut i: usize) -> usize {
        while self.is_closer(i) {
            i += 1;
        }
        i
    }

    /// An abbreviation's period ends the sentence only before a typical sentence opener.
    fn abbrev_ends(&self, i: usize) -> bool {
        if !self.gap_after(i) {
            return false;
        }
        let word = self.tok(i);
        let bare = word.strip_suffix('.').unwrap_or(word);
        let class = if bare.len() == 1 && bare.as_bytes()[0].is_ascii_uppercase() {
            AbbrevClass::Initial
        } else {
            abbrev::class_of(bare).unwrap_or(AbbrevClass::Other)
        };
        let next = self.tok(i + 1);
        let c = self.first_char(i + 1);
        match class {
            AbbrevClass::Prefix => false,
            AbbrevClass::Initial => abbrev::is_sentence_starter(next) && !matches!(next, "A" | "I"),
            AbbrevClass::Other => {
                abbrev::is_sentence_starter(next)
                    || (matches!(c, '“' | '"' | '‘') && self.t.get(i + 1).is_some())
            }
        }
    }

    /// Glues punctuation-only sentences to a neighbour in the same paragraph and builds the
    /// output.
    fn glue_punctuation(&self, raw: Vec<Range<usize>>) -> Vec<Sentence> {
        let mut out: Vec<Range<usize>> = Vec::with_capacity(raw.len());
        let mut pending: Option<Range<usize>> = None;
        for r in raw {
            let r = match pending.take() {
                Some(p) => p.start..r.end,
                None => r,
            };
            let wordless = self.t[r.clone()]
                .iter()
                .all(|t| matches!(t.kind, TokenKind::Punct | TokenKind::Symbol));
            if wordless {
                if let Some(prev) = out.last_mut() {
                    if prev.end == r.start && self.newlines_after(r.start - 1) < 2 {
                        prev.end = r.end;
                        continue;
                    }
                }
                if self.newlines_after(r.end - 1) < 2 && r.end < self.t.len() {
                    pending = Some(r);
                    continue;
                }
            }
            out.push(r);
        }
        if let Some(p) = pending {
            out.push(p);
        }
        out.into_iter()
            .map(|r| Sentence {
                start: self.t[r.start].start,
                end: self.t[r.end - 1].end,
                tokens: r,
            })
            .collect()
    }
}

fn is_opener(c: char) -> bool {
    matches!(
        c,
        '“' | '‘' | '«' | '‹' | '(' | '[' | '{' | '¿' | '¡' | '„' | '「' | '『' | '（'
    )
}

/// "C.", "N.C.", "S.C.": capital letters each followed by a period.
pub fn is_initials(w: &str) -> bool {
    let b = w.as_bytes();
    !b.is_empty()
        && b.len().is_multiple_of(2)
        && b.chunks(2)
            .all(|p| p[0].is_ascii_uppercase() && p[1] == b'.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_lower_case_text_splits_where_a_period_meets_a_word() {
        let text = "three people were killed in the attack. the army said gunmen fled.";
        let tokens = crate::tokenize::tokenize(text);
        let got = sentences(text, &tokens);
        assert_eq!(got.len(), 2, "{got:?}");
    }
}
