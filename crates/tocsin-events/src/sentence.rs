//! A sentence as the event rules see it: lower-cased words with local indexes, and quick
//! answers to "is a number / a person name here?".

use std::ops::Range;
use tocsin_model::{Entity, EntityLabel};
use tocsin_nlp::tokenize::Token;

/// One sentence of the document.
pub struct Sent<'a> {
    /// The whole document text (offsets are document offsets).
    pub text: &'a str,
    /// The sentence's tokens.
    pub toks: &'a [Token],
    /// Lower-cased token texts, parallel to `toks`.
    pub words: &'a [String],
    /// Index of the first token in the document's token list.
    pub base: usize,
    /// Local token indexes where a number mention starts.
    pub number_starts: Vec<usize>,
    /// For each local token, the entity (index into the document's entities) ending there.
    pub entity_end: Vec<Option<usize>>,
    /// For each local token, the entity covering it.
    pub entity_at: Vec<Option<usize>>,
    /// The document's entities.
    pub entities: &'a [Entity],
}

impl<'a> Sent<'a> {
    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.toks.len()
    }

    /// Whether the sentence has no tokens.
    pub fn is_empty(&self) -> bool {
        self.toks.is_empty()
    }

    /// Lower-cased word at local index `i`, or `""` outside the sentence.
    pub fn word(&self, i: usize) -> &str {
        self.words.get(i).map_or("", String::as_str)
    }

    /// The word as written.
    pub fn raw(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| t.text(self.text))
    }

    /// A document token range as local indexes (clamped to the sentence).
    pub fn local_range(&self, r: &Range<usize>) -> (usize, usize) {
        let a = r.start.saturating_sub(self.base).min(self.len());
        let b = r.end.saturating_sub(self.base).min(self.len());
        (a, b)
    }

    /// Byte range of local tokens `a..b`.
    pub fn bytes(&self, a: usize, b: usize) -> (u32, u32) {
        let start = self.toks.get(a).map_or(0, |t| t.start);
        let end = self
            .toks
            .get(b.saturating_sub(1))
            .map_or(start, |t| t.end)
            .max(start);
        (start, end)
    }

    /// Text of local tokens `a..b`.
    pub fn slice(&self, a: usize, b: usize) -> &'a str {
        let (s, e) = self.bytes(a, b);
        self.text.get(s as usize..e as usize).unwrap_or("")
    }

    /// Whether a number mention starts at local index `j`.
    pub fn is_number_start(&self, j: usize) -> bool {
        self.number_starts.contains(&j)
    }

    /// Whether a person entity ends at local index `j`.
    pub fn is_person_entity_end(&self, j: usize) -> bool {
        self.entity_end
            .get(j)
            .copied()
            .flatten()
            .is_some_and(|e| self.entities[e].label == EntityLabel::Per)
    }

    /// Bytes of the entity ending at local index `j`.
    pub fn entity_bytes_ending(&self, j: usize) -> (u32, u32) {
        match self.entity_end.get(j).copied().flatten() {
            Some(e) => (self.entities[e].start, self.entities[e].end),
            None => self.bytes(j, j + 1),
        }
    }

    /// Span of the whole sentence.
    pub fn span(&self) -> [u32; 2] {
        let (s, e) = self.bytes(0, self.len());
        [s, e]
    }
}
