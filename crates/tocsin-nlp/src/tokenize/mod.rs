//! Tokens and sentences with byte offsets into the article text.
//!
//! Every later layer (entities, numbers, times, events) points back at the text through these
//! offsets, so they are exact UTF-8 byte offsets on character boundaries, in order, never
//! overlapping. The tokenizer is one forward pass over the bytes with an ASCII fast path, so
//! that it costs little next to the NER it feeds.
//!
//! Conventions (close to CoNLL/PTB, which the NER training data uses):
//! - words, with hyphenated compounds kept whole (`ISIS-K`, `ninety-five`, `5-year-old`);
//! - numbers with their separators (`1,200`, `3.5`, `1.200`, `7:18`, `2024-03-22`, `03/22/2024`);
//! - abbreviations keep their period (`U.S.`, `Gen.`, `Jan.`, `a.m.`, `J.`);
//! - clitics split off: `It's` → `It` `'s`, `don't` → `do` `n't`, `ISIS’s` → `ISIS` `’s`;
//! - URLs, e-mail addresses, `#hashtags` and `@handles` are one token;
//! - every other punctuation mark is its own token, except runs of `.`/`!`/`?` (`...`, `?!`)
//!   and of dashes (`--`), which stay together.
//!
//! ```
//! use tocsin_nlp::tokenize::{sentences, tokenize, TokenKind};
//! let text = "Gen. Smith said the U.S. was \"vigilant.\" More than 130 died.";
//! let tokens = tokenize(text);
//! let words: Vec<&str> = tokens.iter().map(|t| t.text(text)).collect();
//! assert_eq!(&words[..6], ["Gen.", "Smith", "said", "the", "U.S.", "was"]);
//! assert_eq!(tokens[0].kind, TokenKind::Abbrev);
//! let sents = sentences(text, &tokens);
//! assert_eq!(sents.len(), 2);
//! assert_eq!(sents[1].text(text), "More than 130 died.");
//! ```
//!
//! Texts longer than `u32::MAX` bytes are tokenized up to that length: offsets are `u32`, as in
//! [`tocsin_model::Span`].

mod abbrev;
pub(crate) mod chars;
mod dateline;
mod sentence;

use serde::{Deserialize, Serialize};
use std::ops::Range;

pub use dateline::{dateline, Dateline};
pub use sentence::{is_initials, paragraphs, sentences, Sentence};

use abbrev::AbbrevClass;
use chars::{decode, ASCII, DIG, LO, PUN, UP, WS};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenKind {
    /// Letters (and possibly digits): `Moscow`, `ISIS-K`, `22nd`, `5-year-old`, `中`.
    Word,
    /// Digits with their separators only: `130`, `1,200`, `3.5`, `7:18`, `2024-03-22`.
    Number,
    /// A word that keeps its period: `U.S.`, `Gen.`, `Jan.`, `a.m.`, an initial `J.`.
    Abbrev,
    /// A clitic split off its host: `'s`, `’s`, `n't`, `'re`, `'ll`, `'ve`, `'d`, `'m`.
    Clitic,
    /// Punctuation: `.`, `,`, `“`, `—`, `...`, `?!`, `(`.
    Punct,
    /// Anything else: `$`, `%`, `+`, `©`, emoji.
    Symbol,
    /// A URL (`https://…`, `www.…`).
    Url,
    /// An e-mail address.
    Email,
}

/// One token: a byte range into the text and its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Token {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
    /// What it is.
    pub kind: TokenKind,
}

impl Token {
    /// The byte range as `usize`s, for slicing.
    #[inline]
    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// The token's text; empty if `text` is not the text it was made from.
    #[inline]
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.range()).unwrap_or("")
    }

    /// Length in bytes.
    #[inline]
    pub fn len(&self) -> usize {
        (self.end - self.start) as usize
    }

    /// Whether the token is empty (never true for tokens this module makes).
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }

    /// Whether the token is a word, number, abbreviation or clitic (not punctuation,
    /// symbol, URL or address).
    #[inline]
    pub fn is_wordlike(&self) -> bool {
        matches!(
            self.kind,
            TokenKind::Word | TokenKind::Number | TokenKind::Abbrev | TokenKind::Clitic
        )
    }
}

/// Splits `text` into tokens, in order, with byte offsets.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 5 + 4);
    tokenize_into(text, &mut out);
    out
}

/// Like [`tokenize`], appending to `out` so a caller processing many documents can reuse one
/// buffer.
pub fn tokenize_into(text: &str, out: &mut Vec<Token>) {
    // Offsets are u32: stop at the last character boundary that fits.
    let limit = tocsin_model::text::floor_char_boundary(text, u32::MAX as usize);
    let mut s = Scanner {
        b: &text.as_bytes()[..limit],
        out,
        at_signs: memchr::memchr_iter(b'@', &text.as_bytes()[..limit]).collect(),
        next_at: 0,
    };
    s.run();
}

struct Scanner<'a, 'o> {
    b: &'a [u8],
    out: &'o mut Vec<Token>,
    /// Positions of every `@`, to find e-mail addresses without a look-ahead at every word.
    at_signs: Vec<usize>,
    next_at: usize,
}

/// Which kind of character sits at a position, as the word scanner sees it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Cls {
    Space,
    Upper,
    Lower,
    Digit,
    /// A non-ASCII letter, digit or mark.
    OtherWord,
    Ideograph,
    Apostrophe,
    Punct,
    Symbol,
}

impl Scanner<'_, '_> {
    #[inline]
    fn push(&mut self, start: usize, end: usize, kind: TokenKind) {
        self.out.push(Token {
            start: start as u32,
            end: end as u32,
            kind,
        });
    }

    #[inline]
    fn byte(&self, i: usize) -> u8 {
        self.b.get(i).copied().unwrap_or(b' ')
    }

    /// Class and byte length of the character at `i` (a space past the end).
    #[inline]
    fn class_at(&self, i: usize) -> (Cls, usize) {
        let Some(&b) = self.b.get(i) else {
            return (Cls::Space, 1);
        };
        if b < 0x80 {
            let cls = match ASCII[b as usize] {
                WS => Cls::Space,
                UP => Cls::Upper,
                LO => Cls::Lower,
                DIG => Cls::Digit,
                PUN if b == b'\'' => Cls::Apostrophe,
                PUN => Cls::Punct,
                _ => Cls::Symbol,
            };
            return (cls, 1);
        }
        let (c, len) = decode(self.b, i);
        let cls = if chars::is_space(c) {
            Cls::Space
        } else if chars::is_apostrophe(c) {
            Cls::Apostrophe
        } else if chars::is_ideograph(c) {
            Cls::Ideograph
        } else if chars::is_word_char(c) {
            if chars::digit_value(c).is_some() {
                Cls::Digit
            } else {
                Cls::OtherWord
            }
        } else if chars::is_punct(c) {
            Cls::Punct
        } else {
            Cls::Symbol
        };
        (cls, len)
    }

    /// Whether the byte before `i` is whitespace of any kind.
    fn is_space_before(&self, i: usize) -> bool {
        let mut k = i;
        while k > 0 {
            k -= 1;
            if self.b[k] & 0xc0 != 0x80 {
                return self.class_at(k).0 == Cls::Space;
            }
        }
        true
    }

    #[inline]
    fn is_word_at(&self, i: usize) -> bool {
        matches!(
            self.class_at(i).0,
            Cls::Upper | Cls::Lower | Cls::Digit | Cls::OtherWord
        )
    }

    #[inline]
    fn is_letter_at(&self, i: usize) -> bool {
        matches!(self.class_at(i).0, Cls::Upper | Cls::Lower | Cls::OtherWord)
    }

    fn run(&mut self) {
        let n = self.b.len();
        let mut i = 0;
        while i < n {
            let b = self.b[i];
            if b < 0x80 {
                match ASCII[b as usize] {
                    WS => i += 1,
                    UP | LO | DIG => i = self.word_or_link(i),
                    _ => i = self.punct(i),
                }
                continue;
            }
            let (cls, len) = self.class_at(i);
            i = match cls {
                Cls::Space => i + len,
                Cls::Ideograph => {
                    self.push(i, i + len, TokenKind::Word);
                    i + len
                }
                Cls::Upper | Cls::Lower | Cls::Digit | Cls::OtherWord => self.word_or_link(i),
                Cls::Apostrophe | Cls::Punct => self.punct(i),
                Cls::Symbol => {
                    self.push(i, i + len, TokenKind::Symbol);
                    i + len
                }
            };
        }
    }

    /// A token that starts with a word character: a URL, an e-mail address or a word.
    fn word_or_link(&mut self, i: usize) -> usize {
        let b = self.b[i];
        if matches!(b, b'h' | b'H' | b'w' | b'W' | b'f' | b'F') {
            if let Some(end) = self.url_at(i) {
                self.push(i, end, TokenKind::Url);
                return end;
            }
        }
        if let Some(end) = self.email_at(i) {
            self.push(i, end, TokenKind::Email);
            return end;
        }
        self.word(i)
    }

    /// The end of a URL starting at `i`, if one starts there.
    fn url_at(&self, i: usize) -> Option<usize> {
        let rest = &self.b[i..];
        let prefix_len = [&b"https://"[..], b"http://", b"ftp://", b"www."]
            .iter()
            .find(|p| rest.len() > p.len() && rest[..p.len()].eq_ignore_ascii_case(p))?
            .len();
        // The URL runs to the next space or to a character that cannot be in one.
        let mut end = i + prefix_len;
        while end < self.b.len() {
            let c = self.b[end];
            if c < 0x80 {
                if ASCII[c as usize] == WS || matches!(c, b'"' | b'<' | b'>' | b'\\' | b'`') {
                    break;
                }
                end += 1;
            } else {
                let (ch, len) = decode(self.b, end);
                if chars::is_space(ch) || matches!(ch, '\u{201c}' | '\u{201d}' | '\u{00bb}') {
                    break;
                }
                end += len;
            }
        }
        // Sentence punctuation after a URL is not part of it; a closing parenthesis is, when
        // the URL opened one (Wikipedia links).
        while let Some(&last) = self.b.get(end.checked_sub(1)?) {
            let strip = match last {
                b'.' | b',' | b';' | b':' | b'!' | b'?' | b'\'' | b']' | b'}' => true,
                b')' => {
                    let body = &self.b[i..end];
                    let opens = body.iter().filter(|&&c| c == b'(').count();
                    let closes = body.iter().filter(|&&c| c == b')').count();
                    closes > opens
                }
                _ => false,
            };
            if !strip {
                // A trailing multi-byte closing quote (’) also goes.
                if end >= i + 3 && &self.b[end - 3..end] == "\u{2019}".as_bytes() {
                    end -= 3;
                    continue;
                }
                break;
            }
            end -= 1;
        }
        (end > i + prefix_len).then_some(end)
    }

    /// The end of an e-mail address starting at `i`, if one does.
    fn email_at(&mut self, i: usize) -> Option<usize> {
        // Skip `@`s behind us; the next one must be in this chunk of non-space bytes.
        while self.next_at < self.at_signs.len() && self.at_signs[self.next_at] < i {
            self.next_at += 1;
        }
        let &at = self.at_signs.get(self.next_at)?;
        if at == i || at - i > 64 {
            return None;
        }
        let local_ok = self.b[i..at]
            .iter()
            .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'%' | b'+' | b'-'));
        if !local_ok {
            return None;
        }
        let mut end = at + 1;
        let mut dots = 0;
        while end < self.b.len() {
            let c = self.b[end];
            if c.is_ascii_alphanumeric() || c == b'-' {
                end += 1;
            } else if c == b'.' && self.byte(end + 1).is_ascii_alphanumeric() {
                dots += 1;
                end += 1;
            } else {
                break;
            }
        }
        (dots > 0 && end > at + 1).then_some(end)
    }

    /// A word or number starting at `i`, with its clitic and period when it has them.
    fn word(&mut self, start: usize) -> usize {
        let n = self.b.len();
        let mut j = start;
        let mut has_alpha = false;
        // `U.S`, `a.m`, `e.g`: single letters joined by periods.
        let mut dotted = false;
        let mut seg_len = 0usize; // characters in the current dot-separated segment
        let mut all_single = true;
        let mut last_digit = false;
        loop {
            // A run of word characters.
            while j < n {
                let b = self.b[j];
                if b < 0x80 {
                    match ASCII[b as usize] {
                        UP | LO => {
                            has_alpha = true;
                            last_digit = false;
                        }
                        DIG => last_digit = true,
                        _ => break,
                    }
                    j += 1;
                    seg_len += 1;
                } else {
                    let (cls, len) = self.class_at(j);
                    match cls {
                        Cls::OtherWord | Cls::Upper | Cls::Lower => {
                            has_alpha = true;
                            last_digit = false;
                        }
                        Cls::Digit => last_digit = true,
                        _ => break,
                    }
                    j += len;
                    seg_len += 1;
                }
            }
            if j >= n {
                break;
            }
            // A connector inside the word?
            let c = self.b[j];
            let next_is_word = self.is_word_at(j + 1);
            match c {
                b'-' if next_is_word => {
                    j += 1;
                    seg_len = 0;
                    all_single = false;
                    continue;
                }
                b'.' | b',' | b':' | b'/' if last_digit && self.byte(j + 1).is_ascii_digit() => {
                    // `1,200`, or a decimal comma `3,5`; not a list `1,2,3`.
                    if c == b',' {
                        let digits = self.b[j + 1..]
                            .iter()
                            .take_while(|d| d.is_ascii_digit())
                            .count();
                        let after = self.byte(j + 1 + digits);
                        let in_list = start > 0 && self.byte(start - 1) == b',';
                        if digits != 3 && (after == b',' || digits > 3 || in_list) {
                            break;
                        }
                    }
                    j += 1;
                    seg_len = 0;
                    continue;
                }
                b'.' if next_is_word && self.is_letter_at(j + 1) => {
                    if seg_len == 1 && all_single && !last_digit {
                        // `U.S`, `a.m`: continue while segments are single letters.
                        let (_, l) = self.class_at(j + 1);
                        if !self.is_word_at(j + 1 + l) {
                            dotted = true;
                            j += 1;
                            seg_len = 0;
                            continue;
                        }
                    }
                    // `CBSLA.com`, `gov.uk`: a domain label.
                    let label_end = self.b[j + 1..]
                        .iter()
                        .position(|d| !d.is_ascii_alphanumeric())
                        .map_or(n, |p| j + 1 + p);
                    let label = std::str::from_utf8(&self.b[j + 1..label_end]).unwrap_or("");
                    if abbrev::is_domain_label(label) && !self.is_word_at(label_end) {
                        j = label_end;
                        all_single = false;
                        has_alpha = true;
                        last_digit = false;
                        seg_len = label.len();
                        continue;
                    }
                    break;
                }
                b'&' if self.byte(j - 1).is_ascii_uppercase()
                    && self.byte(j + 1).is_ascii_uppercase() =>
                {
                    // `AT&T`, `S&P`.
                    j += 1;
                    seg_len = 0;
                    all_single = false;
                    continue;
                }
                _ if c >= 0x80 => {
                    // Unicode hyphens inside compounds (`ISIS‑K` with a no-break hyphen).
                    let (ch, l) = decode(self.b, j);
                    if matches!(ch, '\u{2010}' | '\u{2011}') && self.is_word_at(j + l) {
                        j += l;
                        seg_len = 0;
                        all_single = false;
                        continue;
                    }
                }
                _ => {}
            }
            // Apostrophes: a clitic ends the word; inside a name it continues it.
            let (cls, alen) = self.class_at(j);
            if cls == Cls::Apostrophe {
                if let Some(clen) = self.clitic_len(j + alen) {
                    // `'s`, `'re`, … : the word ends here and the clitic follows.
                    self.push(start, j, kind_of(has_alpha));
                    let cend = j + alen + clen;
                    self.push(j, cend, TokenKind::Clitic);
                    return cend;
                }
                if matches!(self.byte(j - 1), b'n' | b'N')
                    && matches!(self.byte(j + alen), b't' | b'T')
                    && !self.is_word_at(j + alen + 1)
                {
                    // `don't` → `do` `n't`; a bare `n't` stays whole.
                    let cend = j + alen + 1;
                    if j - 1 > start {
                        self.push(start, j - 1, TokenKind::Word);
                        self.push(j - 1, cend, TokenKind::Clitic);
                    } else {
                        self.push(start, cend, TokenKind::Clitic);
                    }
                    return cend;
                }
                if self.is_letter_at(j + alen) {
                    // `O'Brien`, `Qur’an`.
                    j += alen;
                    seg_len = 0;
                    all_single = false;
                    continue;
                }
            }
            break;
        }
        // A period that belongs to the word.
        if self.byte(j) == b'.' {
            let word = std::str::from_utf8(&self.b[start..j]).unwrap_or("");
            let keep = if dotted {
                true
            } else {
                match abbrev::class_of(word) {
                    Some(AbbrevClass::Prefix) if matches!(word, "No" | "Nos") => {
                        // `No. 5`, not "said no."
                        let mut k = j + 1;
                        // `byte` reads a space past the end: stop at the end.
                        while k < self.b.len() && self.b[k] == b' ' {
                            k += 1;
                        }
                        self.byte(k).is_ascii_digit()
                    }
                    Some(_) => true,
                    None => {
                        // A single capital letter is an initial.
                        word.len() == 1 && word.as_bytes()[0].is_ascii_uppercase()
                    }
                }
            };
            // `U.S.` at the very end of the text, or followed by more periods (`etc...`),
            // keeps its period; the ellipsis stays a token of its own.
            if keep && self.byte(j + 1) != b'.' {
                self.push(start, j + 1, TokenKind::Abbrev);
                return j + 1;
            }
        }
        self.push(start, j, kind_of(has_alpha));
        j
    }

    /// Length of a clitic (`s`, `re`, `ve`, `ll`, `d`, `m`) starting at `i`, when one does and
    /// ends a word there.
    fn clitic_len(&self, i: usize) -> Option<usize> {
        let a = self.byte(i).to_ascii_lowercase();
        let b = self.byte(i + 1).to_ascii_lowercase();
        let len = match (a, b) {
            (b'r', b'e') | (b'v', b'e') | (b'l', b'l') => 2,
            (b's' | b'd' | b'm', _) => 1,
            _ => return None,
        };
        (!self.is_word_at(i + len)).then_some(len)
    }

    /// A punctuation or symbol token starting at `i`.
    fn punct(&mut self, i: usize) -> usize {
        let (c, len) = decode(self.b, i);
        match c {
            '.' | '!' | '?' => {
                // Runs of terminators: `...`, `?!`, `!!!`.
                let mut j = i + 1;
                while matches!(self.byte(j), b'.' | b'!' | b'?') {
                    j += 1;
                }
                self.push(i, j, TokenKind::Punct);
                j
            }
            '-' => {
                let mut j = i + 1;
                while self.byte(j) == b'-' {
                    j += 1;
                }
                self.push(i, j, TokenKind::Punct);
                j
            }
            '#' | '@' if self.is_letter_at(i + 1) => {
                // `#Moscow`, `@AP`.
                let mut j = i + 1;
                loop {
                    let (cls, l) = self.class_at(j);
                    if matches!(cls, Cls::Upper | Cls::Lower | Cls::Digit | Cls::OtherWord) {
                        j += l;
                    } else {
                        break;
                    }
                }
                self.push(i, j, TokenKind::Word);
                j
            }
            '\'' | '\u{2019}' | '\u{02bc}' => {
                // `'90s`: a decade.
                let j = i + len;
                if self.byte(j).is_ascii_digit()
                    && self.byte(j + 1).is_ascii_digit()
                    && !self.byte(j + 2).is_ascii_digit()
                {
                    let mut end = j + 2;
                    if self.byte(end) == b's' && !self.is_word_at(end + 1) {
                        end += 1;
                    }
                    if !self.is_word_at(end) {
                        self.push(i, end, TokenKind::Word);
                        return end;
                    }
                }
                // A clitic after something that is not a word: `[ISIS-K]’s`.
                if i > 0 && self.byte(i - 1) != b' ' && !self.is_space_before(i) {
                    if let Some(clen) = self.clitic_len(j) {
                        self.push(i, j + clen, TokenKind::Clitic);
                        return j + clen;
                    }
                }
                self.push(i, j, TokenKind::Punct);
                j
            }
            _ => {
                let kind = if c.is_ascii() {
                    if ASCII[c as usize] == PUN {
                        TokenKind::Punct
                    } else {
                        TokenKind::Symbol
                    }
                } else if chars::is_punct(c) {
                    TokenKind::Punct
                } else {
                    TokenKind::Symbol
                };
                self.push(i, i + len, kind);
                i + len
            }
        }
    }
}

#[inline]
fn kind_of(has_alpha: bool) -> TokenKind {
    if has_alpha {
        TokenKind::Word
    } else {
        TokenKind::Number
    }
}

/// How a text writes capitals. Sentence splitting and entity tagging read capitals, so text
/// without them needs other rules: a period before a lowercase word ends a sentence there,
/// and a model trained on written case finds almost nothing in a lower-cased transcript
/// (CoNLL-2003 dev lowercased: F1 2.4, against 86.8 for the caseless model).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Casing {
    /// Ordinary text: capitals mark names.
    Mixed,
    /// Everything (or nearly) in lowercase.
    Lower,
    /// Everything (or nearly) in capitals: old wire copy, transcripts.
    Upper,
}

impl Casing {
    /// Judges a text from its first 5,000 ASCII letters. Of texts of 200 or fewer, only one
    /// without a single capital in 40 letters or more is [`Casing::Lower`] ("three killed in
    /// attack. the army said": no capital where a sentence starts is evidence enough); the
    /// rest are [`Casing::Mixed`] (a short all-capitals headline says nothing about a
    /// document).
    pub fn of(text: &str) -> Casing {
        // ASCII letters decide: a scan of bytes is cheap enough to run per document, and a
        // script without case (or with few Latin letters) stays `Mixed`.
        let (mut upper, mut lower) = (0usize, 0usize);
        for &b in text.as_bytes() {
            upper += usize::from(b.is_ascii_uppercase());
            lower += usize::from(b.is_ascii_lowercase());
            if upper + lower >= 5000 {
                break;
            }
        }
        let total = upper + lower;
        if total <= 200 {
            if upper == 0 && lower >= 40 {
                Casing::Lower
            } else {
                Casing::Mixed
            }
        } else if upper * 200 < total {
            Casing::Lower
        } else if lower * 50 < total {
            Casing::Upper
        } else {
            Casing::Mixed
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn splits_news_sentence() {
        assert_eq!(
            toks("ISIS-K’s attack killed 1,200 people, U.S. officials said."),
            [
                "ISIS-K",
                "’s",
                "attack",
                "killed",
                "1,200",
                "people",
                ",",
                "U.S.",
                "officials",
                "said",
                "."
            ]
        );
    }

    #[test]
    fn a_final_no_period_ends_the_text() {
        // Regression: "No." at the very end (or before trailing spaces) once looped forever
        // looking past the end for the digit of "No. 5".
        assert_eq!(
            toks("said Officer Christopher No."),
            ["said", "Officer", "Christopher", "No", "."]
        );
        assert_eq!(toks("No.   "), ["No", "."]);
        assert_eq!(toks("Room No. 5"), ["Room", "No.", "5"]);
    }

    #[test]
    fn contractions_split_like_ptb() {
        assert_eq!(toks("don't"), ["do", "n't"]);
        assert_eq!(toks("It's"), ["It", "'s"]);
        assert_eq!(toks("they’re"), ["they", "’re"]);
        assert_eq!(toks("O'Brien"), ["O'Brien"]);
        assert_eq!(toks("members' homes"), ["members", "'", "homes"]);
    }
}
