//! The document model that flows through tocsin's pipeline.
//!
//! A [`RawDoc`] is what a source yields (bytes plus where they came from); an [`Article`] is
//! what extraction makes of it. Later stages annotate the article with byte ranges over
//! [`Article::text`], never with copies, so every fact can point back at its sentence.
//!
//! ```
//! use tocsin_model::{Article, Block, BlockKind};
//! let mut article = Article::default();
//! article.set_blocks(vec![Block::new(BlockKind::Paragraph, "Gunmen opened fire.")]);
//! assert_eq!(article.text, "Gunmen opened fire.");
//! ```
#![warn(missing_docs)]

use serde::{Deserialize, Serialize};

mod event;
pub mod text;
pub use event::{
    ActorKind, Attribution, Event, EventPlace, EventType, Evidence, Figure, Perpetrator, Quote,
    QuoteKind, Role,
};

/// Schema version of the per-document JSON output.
pub const SCHEMA_VERSION: u32 = 1;

/// Where a document came from. Echoed back in every output line so results can be paired
/// with inputs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// Caller-supplied identifier (JSONL input `id`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// File path, or `path#record` for a record inside a container (WARC, JSONL).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The URL the page was fetched from (WARC target URI, JSONL `url`, feed link).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// When the page was fetched (WARC-Date, HTTP Date), as RFC 3339 where known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fetched_at: Option<String>,
}

/// What kind of payload a raw document carries; decides how extraction treats it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum PayloadKind {
    /// HTML or XHTML markup.
    Html,
    /// Plain text (scraped text dumps, `.txt` files, JSONL `text`).
    Text,
    /// Not known yet: extraction sniffs the bytes.
    #[default]
    Unknown,
}

/// One document as a source yields it: bytes and what is known about them, nothing parsed.
#[derive(Debug, Clone, Default)]
pub struct RawDoc {
    /// Provenance.
    pub source: Source,
    /// The payload, still in its original encoding.
    pub bytes: Vec<u8>,
    /// Payload kind as declared by the source (file extension, Content-Type, JSONL field).
    pub kind: PayloadKind,
    /// Charset declared out of band (HTTP `Content-Type`), which outranks in-document hints.
    pub declared_charset: Option<String>,
    /// Title supplied with the document (JSONL `title`), used when the page has none.
    pub title_hint: Option<String>,
    /// Publication date supplied with the document (JSONL `published`).
    pub published_hint: Option<String>,
}

/// The role of one block of article text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    /// An ordinary paragraph.
    Paragraph,
    /// A heading inside the article body, with its level (1–6).
    Heading(u8),
    /// An item of a list.
    ListItem,
    /// A block quotation.
    Quote,
    /// A preformatted block or a table row rendered as text.
    Preformatted,
}

/// One block of the article body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    /// What the block is.
    pub kind: BlockKind,
    /// Its text, whitespace-collapsed.
    pub text: String,
}

impl Block {
    /// A block of the given kind.
    pub fn new(kind: BlockKind, text: impl Into<String>) -> Self {
        Self {
            kind,
            text: text.into(),
        }
    }
}

/// A clean article: the body and its metadata.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Headline.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Author names as printed, joined with "; ".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub byline: Option<String>,
    /// Publication date or date-time (ISO 8601).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// Last modification date or date-time (ISO 8601).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub modified: Option<String>,
    /// Name of the site that served the page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub site: Option<String>,
    /// Canonical URL declared by the page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub canonical_url: Option<String>,
    /// ISO 639-1 language code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// The outlet a copied page most likely came from, read off its remnants.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub likely_original_publisher: Option<String>,
    /// The body: blocks joined by blank lines.
    pub text: String,
    /// The body's blocks, in order.
    pub blocks: Vec<Block>,
    /// Image captions and credits, kept apart from the body.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub captions: Vec<String>,
}

impl Article {
    /// Sets the blocks and rebuilds `text` from them, so the two never disagree.
    pub fn set_blocks(&mut self, blocks: Vec<Block>) {
        let mut text = String::with_capacity(blocks.iter().map(|b| b.text.len() + 2).sum());
        for block in &blocks {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            text.push_str(&block.text);
        }
        self.text = text;
        self.blocks = blocks;
    }
}

/// A byte range into an article's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub struct Span {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Self {
        Span {
            start: start as u32,
            end: end as u32,
        }
    }

    /// The text the span covers, if it lies on character boundaries of `text`.
    pub fn slice<'a>(&self, text: &'a str) -> Option<&'a str> {
        text.get(self.start as usize..self.end as usize)
    }
}

/// Entity classes (CoNLL's four, with places split the way geocoding needs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EntityLabel {
    /// A person.
    #[serde(rename = "PER")]
    Per,
    /// An organization: armed groups, agencies, companies, outlets.
    #[serde(rename = "ORG")]
    Org,
    /// A location that is not a political entity (regions, rivers, facilities).
    #[serde(rename = "LOC")]
    Loc,
    /// A geo-political entity (country, city, state).
    #[serde(rename = "GPE")]
    Gpe,
    /// Anything else named: nationalities, events, products.
    #[serde(rename = "MISC")]
    Misc,
}

/// A named entity mention in an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// The mention as written.
    pub text: String,
    /// Its class.
    pub label: EntityLabel,
    /// First byte in the article text.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
    /// The name it resolves to within the document ("Roggio" → "Bill Roggio").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub canonical: Option<String>,
}

impl Entity {
    /// The name it stands for: the resolved one, else the mention as written.
    pub fn name(&self) -> &str {
        self.canonical.as_deref().unwrap_or(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_blocks_joined_by_blank_lines() {
        let mut article = Article::default();
        article.set_blocks(vec![
            Block::new(BlockKind::Heading(2), "Aftermath"),
            Block::new(BlockKind::Paragraph, "Rescuers searched the rubble."),
        ]);
        assert_eq!(article.text, "Aftermath\n\nRescuers searched the rubble.");
    }

    #[test]
    fn block_kind_serializes_readably() {
        let json = serde_json::to_string(&BlockKind::Heading(2)).expect("serializes");
        assert_eq!(json, r#"{"heading":2}"#);
        let json = serde_json::to_string(&BlockKind::ListItem).expect("serializes");
        assert_eq!(json, r#""list_item""#);
    }
}
