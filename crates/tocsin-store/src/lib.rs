//! Where analysed documents live: the [`Store`] trait every backend implements (the embedded
//! SQLite one by default, PostgreSQL for scale-out), the records it holds, the filters the API
//! queries with, and the [`conformance`] suite each backend runs so that all behave alike.
//!
//! Writes are idempotent and keyed by content: a document's id is the SHA-256 of its raw
//! bytes, so re-ingesting a page, or replaying a batch after a crash, changes nothing.
#![warn(missing_docs)]

pub mod conformance;
pub mod export;
mod parquet_out;

use serde::{Deserialize, Serialize};
use tocsin_model::{Entity, Event, Quote};

/// Why a store operation failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The backend itself failed (I/O, SQL, connection).
    #[error("store backend: {0}")]
    Backend(String),
    /// The stored data is not what this version expects.
    #[error("store data: {0}")]
    Data(String),
    /// The store was written by a newer tocsin.
    #[error("the store has schema version {found}, newer than this tocsin's {supported}; upgrade tocsin")]
    TooNew {
        /// Version found in the store.
        found: u32,
        /// Newest version this build knows.
        supported: u32,
    },
}

/// Result of store operations.
pub type Result<T> = std::result::Result<T, StoreError>;

/// Whether a document made it through the pipeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Analysed and stored.
    Ok,
    /// Failed at some stage; `stage` and `error` say where and why.
    Failed,
}

/// The analysis fields an [`ArticleRecord`] carries in fields of its own.
const SPLIT_FIELDS: [&str; 4] = ["text", "entities", "events", "quotes"];
/// Marks an analysis whose split fields were taken out.
const SPLIT_MARK: &str = "_split";

/// Takes the fields an [`ArticleRecord`] holds apart (text, entities, events, quotes) out of
/// an analysis and marks it, so that it is not stored twice; [`join_analysis`] puts them back.
pub fn split_analysis(v: &mut serde_json::Value) {
    if let Some(o) = v.as_object_mut() {
        let mut split = false;
        for k in SPLIT_FIELDS {
            split |= o.remove(k).is_some();
        }
        if split {
            o.insert(SPLIT_MARK.into(), serde_json::Value::Bool(true));
        }
    }
}

/// Whether an analysis carries none of the fields an [`ArticleRecord`] holds apart (it was
/// split, or never had them), so that it can be stored as it is.
pub fn is_split(v: &serde_json::Value) -> bool {
    v.as_object()
        .is_none_or(|o| SPLIT_FIELDS.iter().all(|k| !o.contains_key(*k)))
}

/// The analysis as it was given: the split fields put back from the record.
pub fn join_analysis(mut v: serde_json::Value, a: &ArticleRecord) -> serde_json::Value {
    if let Some(o) = v.as_object_mut() {
        if o.remove(SPLIT_MARK).is_some() {
            o.insert("text".into(), serde_json::Value::String(a.text.clone()));
            o.insert(
                "entities".into(),
                serde_json::to_value(&a.entities).unwrap_or_default(),
            );
            o.insert(
                "events".into(),
                serde_json::to_value(&a.events).unwrap_or_default(),
            );
            o.insert(
                "quotes".into(),
                serde_json::to_value(&a.quotes).unwrap_or_default(),
            );
        }
    }
    v
}

/// One ingested document: provenance and outcome.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentRecord {
    /// SHA-256 of the raw bytes, hex.
    pub id: String,
    /// The URL it came from.
    pub url: Option<String>,
    /// File path (or `path#record`).
    pub path: Option<String>,
    /// The caller's id (JSONL `id`).
    pub source_id: Option<String>,
    /// When it was fetched (RFC 3339), if known.
    pub fetched_at: Option<String>,
    /// When it was stored (RFC 3339).
    pub ingested_at: String,
    /// Outcome.
    pub status: Status,
    /// The failing stage (`ingest`, `extract`, `analyze`).
    pub stage: Option<String>,
    /// Why it failed.
    pub error: Option<String>,
}

/// An analysed article as stored: the fields the API filters and shows, and the full
/// per-document analysis JSON (schema 1) for everything else.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleRecord {
    /// The document it came from.
    pub doc_id: String,
    /// Headline.
    pub title: Option<String>,
    /// Authors.
    pub byline: Option<String>,
    /// Publication date.
    pub published: Option<String>,
    /// Language.
    pub language: Option<String>,
    /// Site name.
    pub site: Option<String>,
    /// Clean body text (the byte offsets of every fact point into it).
    pub text: String,
    /// Named entities.
    pub entities: Vec<Entity>,
    /// Events.
    pub events: Vec<Event>,
    /// Quotes.
    pub quotes: Vec<Quote>,
    /// The schema-1 analysis as `tocsin analyze` prints it, or without the fields above
    /// that have columns of their own (see [`split_analysis`]).
    pub analysis: serde_json::Value,
}

/// One event with where it was read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventRecord {
    /// `{doc_id}-{index}`: stable across re-ingests.
    pub id: String,
    /// The event.
    #[serde(flatten)]
    pub event: Event,
    /// The article it was read from.
    pub sources: Vec<EventSource>,
}

/// An article an event was read from, with the evidence text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventSource {
    /// The document id.
    pub article_id: String,
    /// The article's URL.
    pub url: Option<String>,
    /// The article's title.
    pub title: Option<String>,
    /// When it was published.
    pub published: Option<String>,
    /// The sentences the event was read from.
    pub evidence: Vec<String>,
}

/// Which events to return.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EventFilter {
    /// Event types (`attack.bombing`) or type prefixes ending in `.` (`attack.`).
    pub types: Vec<String>,
    /// Earliest date (inclusive, `YYYY-MM-DD` or a prefix).
    pub from: Option<String>,
    /// Latest date (inclusive).
    pub to: Option<String>,
    /// ISO country code.
    pub country: Option<String>,
    /// `[min_lon, min_lat, max_lon, max_lat]`.
    pub bbox: Option<[f64; 4]>,
    /// A perpetrator or entity name (case-insensitive substring).
    pub actor: Option<String>,
    /// Words that must occur in the source article.
    pub text: Option<String>,
    /// Least number killed (lower bound).
    pub min_killed: Option<u64>,
    /// Page size (default 100, at most 1000).
    pub limit: Option<u32>,
    /// Offset into the result.
    pub offset: Option<u32>,
}

impl EventFilter {
    /// The page size to use.
    pub fn page(&self) -> (u32, u32) {
        (
            self.limit.unwrap_or(100).clamp(1, 1000),
            self.offset.unwrap_or(0),
        )
    }
}

/// A full-text search hit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    /// The document id.
    pub doc_id: String,
    /// Title.
    pub title: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Publication date.
    pub published: Option<String>,
    /// A passage with the matched words in `[` `]`.
    pub snippet: String,
}

/// A person or organization as the store knows it: how often articles name it and how many
/// events name it as a perpetrator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityRecord {
    /// The name as first seen (the document-level canonical name when there is one).
    pub name: String,
    /// `PER` or `ORG`.
    pub label: String,
    /// Articles that name it.
    pub articles: u64,
    /// Events that name it as a perpetrator.
    pub events: u64,
    /// Earliest publication date of an article naming it.
    pub first_seen: Option<String>,
    /// Latest publication date of an article naming it.
    pub last_seen: Option<String>,
}

/// The granularity of counts over time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Bucket {
    /// Per day.
    Day,
    /// Per month.
    Month,
    /// Per year.
    Year,
}

/// What one call to [`Store::put`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PutOutcome {
    /// Documents newly stored.
    pub inserted: usize,
    /// Documents that were already there (same content), left as they were.
    pub skipped: usize,
}

/// One document to store: its record, and its analysis when it succeeded.
#[derive(Debug, Clone)]
pub struct Put {
    /// Provenance and outcome.
    pub document: DocumentRecord,
    /// The analysis (absent for a failed document).
    pub article: Option<ArticleRecord>,
}

/// A backend. Implementations must be safe to share between threads; writes of one call are
/// atomic (all of a batch or none of it), so a crash never leaves half a document.
pub trait Store: Send + Sync {
    /// Whether a document with this content id is stored (whatever its status).
    fn contains(&self, doc_id: &str) -> Result<bool>;
    /// [`contains`](Store::contains) for many ids at once, in order: a backend answers them
    /// in one read instead of one per document.
    fn known(&self, doc_ids: &[String]) -> Result<Vec<bool>> {
        doc_ids.iter().map(|id| self.contains(id)).collect()
    }
    /// Whether a document fetched from this URL is stored (live feeds skip what they have).
    fn contains_url(&self, url: &str) -> Result<bool>;
    /// Stores a batch atomically; documents already present are skipped, not changed.
    fn put(&self, batch: &[Put]) -> Result<PutOutcome>;
    /// Number of documents, and of those that failed.
    fn counts(&self) -> Result<(u64, u64)>;
    /// One document's record.
    fn document(&self, doc_id: &str) -> Result<Option<DocumentRecord>>;
    /// One article.
    fn article(&self, doc_id: &str) -> Result<Option<ArticleRecord>>;
    /// Events matching a filter, newest first, and how many match in all.
    fn events(&self, filter: &EventFilter) -> Result<(Vec<EventRecord>, u64)>;
    /// One event.
    fn event(&self, id: &str) -> Result<Option<EventRecord>>;
    /// Full-text search over titles and texts, best first.
    fn search(&self, query: &str, limit: u32) -> Result<Vec<SearchHit>>;
    /// Number of matching events per period, oldest first (events without a date are left out).
    fn event_counts(&self, filter: &EventFilter, bucket: Bucket) -> Result<Vec<(String, u64)>>;
    /// People and organizations, most often named first; with `prefix`, those whose name
    /// starts with it (any case).
    fn entities(&self, prefix: Option<&str>, limit: u32) -> Result<Vec<EntityRecord>>;
    /// One person or organization by name (any case).
    fn entity(&self, name: &str) -> Result<Option<EntityRecord>>;
}

/// The names an article contributes to the entity table: each person and organization
/// once (by its canonical name within the document), with whether it is named as a
/// perpetrator of one of the article's events, and how many.
pub fn entity_mentions(a: &ArticleRecord) -> Vec<(String, &'static str, u64)> {
    let mut out: Vec<(String, &'static str, u64)> = Vec::new();
    let mut add = |name: &str, label: &'static str, events: u64| {
        let name = name.trim();
        if name.chars().filter(|c| c.is_alphanumeric()).count() < 2 {
            return;
        }
        match out
            .iter_mut()
            .find(|(n, _, _)| n.eq_ignore_ascii_case(name))
        {
            Some(e) => e.2 += events,
            None => out.push((name.to_string(), label, events)),
        }
    };
    for e in &a.entities {
        let label = match e.label {
            tocsin_model::EntityLabel::Per => "PER",
            tocsin_model::EntityLabel::Org => "ORG",
            _ => continue,
        };
        add(e.name(), label, 0);
    }
    for ev in &a.events {
        let mut named: Vec<(&str, &'static str)> = Vec::new();
        // Only names: "gunmen" or "a suicide bomber" describe a perpetrator, they do not
        // name one.
        for p in ev
            .perpetrators
            .iter()
            .filter(|p| p.name.chars().any(char::is_uppercase))
        {
            if !named.iter().any(|(n, _)| n.eq_ignore_ascii_case(&p.name)) {
                let label = match p.kind {
                    tocsin_model::ActorKind::Individual => "PER",
                    tocsin_model::ActorKind::Organization => "ORG",
                };
                named.push((&p.name, label));
            }
        }
        for (n, label) in named {
            add(n, label, 1);
        }
    }
    out
}
