//! Datelines: `MOSCOW (Reuters) —`, `KABUL, Afghanistan, Jan. 5 (AP) -`, `HAWTHORNE (CBSLA.com) —`.
//!
//! The dateline names where the story was filed, which is usually where the event happened;
//! geocoding wants it, and the sentence splitter must not cut it off its sentence.

use super::{Token, TokenKind};
use serde::{Deserialize, Serialize};
use tocsin_model::Span;

/// A dateline at the start of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dateline {
    /// From the place to the dash, inclusive.
    pub span: Span,
    /// The place as written (`MOSCOW`, `KABUL, Afghanistan`, `WASHINGTON, D.C.`).
    pub place: Span,
    /// The agency or outlet in brackets (`Reuters`, `CBSLA.com`), when given.
    pub source: Option<Span>,
}

/// Finds the dateline of an article: the first paragraph among the first four that opens with
/// a place in capitals (or a capitalized place followed by an agency in brackets), then a
/// dash.
pub fn dateline(text: &str, tokens: &[Token]) -> Option<Dateline> {
    let mut para_starts = vec![0usize];
    for i in 1..tokens.len() {
        if para_starts.len() >= 4 {
            break;
        }
        let gap = text
            .get(tokens[i - 1].end as usize..tokens[i].start as usize)
            .unwrap_or("");
        if gap.matches('\n').count() >= 2 {
            para_starts.push(i);
        }
    }
    para_starts
        .into_iter()
        .filter(|&i| i < tokens.len())
        .find_map(|i| at(text, tokens, i))
}

fn at(text: &str, t: &[Token], start: usize) -> Option<Dateline> {
    let w = |i: usize| t.get(i).map_or("", |tok| tok.text(text));
    let is_caps = |i: usize| {
        t.get(i).is_some_and(|tok| {
            matches!(tok.kind, TokenKind::Word | TokenKind::Abbrev)
                && tok.len() >= 2
                && tok.text(text).chars().any(char::is_alphabetic)
                && !tok.text(text).chars().any(char::is_lowercase)
        })
    };
    let is_cap = |i: usize| {
        t.get(i).is_some_and(|tok| {
            matches!(tok.kind, TokenKind::Word | TokenKind::Abbrev)
                && tok
                    .text(text)
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
        })
    };
    // The place: up to four capitalized words, all in capitals unless an agency follows.
    let mut i = start;
    let mut all_caps = true;
    while i < start + 4 && is_cap(i) {
        all_caps &= is_caps(i);
        i += 1;
    }
    if i == start {
        return None;
    }
    let mut place_end = i - 1;
    // `, Afghanistan`, `, Calif.`, `, D.C.`, then perhaps `, Jan. 5`.
    for _ in 0..2 {
        if w(i) == "," && is_cap(i + 1) {
            let mut j = i + 1;
            while j < i + 4 && (is_cap(j) || t.get(j).is_some_and(|x| x.kind == TokenKind::Number))
            {
                j += 1;
            }
            place_end = place_end.max(j - 1);
            i = j;
        }
    }
    // `(Reuters)`.
    let mut source = None;
    if w(i) == "(" {
        let close = (i + 1..(i + 6).min(t.len())).find(|&j| w(j) == ")")?;
        if close == i + 1 {
            return None;
        }
        source = Some(Span::new(
            t[i + 1].start as usize,
            t[close - 1].end as usize,
        ));
        i = close + 1;
    }
    if !all_caps && source.is_none() {
        return None;
    }
    let dash = w(i);
    if !matches!(dash, "—" | "–" | "-" | "--" | "―" | "−") {
        return None;
    }
    // The place words themselves must not be the start of an ordinary all-caps headline.
    if place_end + 1 - start > 6 {
        return None;
    }
    Some(Dateline {
        span: Span::new(t[start].start as usize, t[i].end as usize),
        place: Span::new(t[start].start as usize, t[place_end].end as usize),
        source,
    })
}
