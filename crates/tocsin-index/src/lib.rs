//! The search index beside a store: a Tantivy index that answers full-text search over
//! articles and every event filter of the API (type, dates, country, box, actor, words, least
//! killed) with counts and newest-first pages, so that the database only fetches rows by id.
//!
//! The store's database stays the source of truth. Each commit records, as its payload, the
//! highest document sequence number it holds (the *watermark*); a store that finds rows
//! beyond it when it opens (after a crash between the two commits, or an index deleted by
//! hand) indexes them again. Only one process may write an index at a time (Tantivy's own
//! lock); readers in other processes see new commits within a second.
#![warn(missing_docs)]

mod query;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use tantivy::collector::{Count, TopDocs};
use tantivy::directory::MmapDirectory;
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, FAST, STORED, STRING,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer,
};
use tantivy::{
    Index, IndexReader, IndexWriter, Order, ReloadPolicy, Searcher, TantivyDocument, Term,
};
use tocsin_store::{Bucket, EventFilter};

pub use query::DateKey;

/// Why the index failed.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// Tantivy failed (I/O, a corrupt segment, a lock).
    #[error("search index: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    /// Another process holds the index for writing.
    #[error("the search index is being written by another tocsin process ({0})")]
    Busy(String),
    /// The index directory could not be opened.
    #[error("search index directory {path}: {reason}")]
    Directory {
        /// The directory.
        path: String,
        /// Why.
        reason: String,
    },
    /// The index was built with another schema; delete it and it is rebuilt from the store.
    #[error("the search index has schema {found}, this tocsin writes {expected}: delete the directory and reopen to rebuild it")]
    Schema {
        /// The version found.
        found: String,
        /// The version this build writes.
        expected: String,
    },
    /// A filter value is malformed.
    #[error("bad filter: {0}")]
    Filter(String),
}

/// Result of index operations.
pub type Result<T> = std::result::Result<T, IndexError>;

/// Bumped when fields change: an index with another version is rebuilt from the store.
const SCHEMA_VERSION: &str = "tocsin-index-2";
/// The analyzer for every text field: words, lower-cased, accents folded (as FTS5's
/// `remove_diacritics`), very long tokens (base64, URLs) dropped.
const ANALYZER: &str = "tocsin";
/// How long new documents may wait for a commit while a writer keeps adding.
const COMMIT_EVERY: Duration = Duration::from_secs(5);

/// An article to index for search (and whose words filter its events).
#[derive(Debug, Clone, Copy)]
pub struct ArticleDoc<'a> {
    /// The document id.
    pub doc_id: &'a str,
    /// Headline.
    pub title: &'a str,
    /// Clean text.
    pub text: &'a str,
}

/// An event's filterable fields.
#[derive(Debug, Clone, Copy)]
pub struct EventDoc<'a> {
    /// `{doc_id}-{index}`.
    pub id: &'a str,
    /// `attack.bombing`.
    pub kind: &'a str,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub date: Option<&'a str>,
    /// ISO country code.
    pub country: Option<&'a str>,
    /// Point.
    pub lat: Option<f64>,
    /// Point.
    pub lon: Option<f64>,
    /// Least number killed.
    pub killed: Option<u64>,
    /// Perpetrator names and the article's people and organizations.
    pub actors: &'a str,
    /// The article it was read from (a words filter matches the event's article).
    pub doc_id: &'a str,
}

/// One thing to index.
#[derive(Debug, Clone, Copy)]
pub enum IndexDoc<'a> {
    /// An article.
    Article(ArticleDoc<'a>),
    /// An event.
    Event(EventDoc<'a>),
}

#[derive(Clone, Copy)]
struct Fields {
    kind: Field,
    id: Field,
    title: Field,
    body: Field,
    art: Field,
    etype: Field,
    family: Field,
    date_lo: Field,
    date_hi: Field,
    sort: Field,
    country: Field,
    lat: Field,
    lon: Field,
    killed: Field,
    actors: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    // Search ranks by BM25 over words (no phrases), so frequencies without positions.
    let ranked = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(ANALYZER)
            .set_index_option(IndexRecordOption::WithFreqs),
    );
    // Filters need only which documents contain a word: no frequencies, no positions.
    let basic = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(ANALYZER)
            .set_index_option(IndexRecordOption::Basic),
    );
    let fields = Fields {
        kind: b.add_text_field("kind", STRING),
        id: b.add_text_field("id", STRING | STORED),
        title: b.add_text_field("title", ranked.clone()),
        body: b.add_text_field("body", ranked),
        // Which article a document is or comes from: a words filter on events finds the
        // articles first, then keeps the events whose article is among them (indexing each
        // article's text once more per event cost a third of the indexing).
        art: b.add_u64_field("art", FAST),
        etype: b.add_text_field("type", STRING),
        family: b.add_text_field("family", STRING),
        date_lo: b.add_i64_field("date_lo", FAST),
        date_hi: b.add_i64_field("date_hi", FAST),
        sort: b.add_i64_field("sort", FAST),
        country: b.add_text_field("country", STRING),
        lat: b.add_f64_field("lat", FAST),
        lon: b.add_f64_field("lon", FAST),
        killed: b.add_u64_field("killed", FAST),
        actors: b.add_text_field("actors", basic),
    };
    (b.build(), fields)
}

fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

struct WriterState {
    writer: IndexWriter,
    /// Watermark of what has been added but not committed yet.
    pending: Option<u64>,
    last_commit: Instant,
}

/// A search index, in a directory or in memory.
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    fields: Fields,
    writer: Mutex<Option<WriterState>>,
    /// Set while added documents wait for a commit, readable without the writer's lock.
    waiting: std::sync::atomic::AtomicBool,
}

impl SearchIndex {
    /// Opens the index in `dir`, creating it if needed.
    pub fn open(dir: &Path) -> Result<SearchIndex> {
        let unusable = |reason: String| IndexError::Directory {
            path: dir.display().to_string(),
            reason,
        };
        std::fs::create_dir_all(dir).map_err(|e| unusable(e.to_string()))?;
        let mmap = MmapDirectory::open(dir).map_err(|e| unusable(e.to_string()))?;
        let (schema, fields) = schema();
        let index = Index::open_or_create(mmap, schema)?;
        if let Some((version, _)) = committed(&index)? {
            if version != SCHEMA_VERSION {
                return Err(IndexError::Schema {
                    found: version.to_string(),
                    expected: SCHEMA_VERSION.to_string(),
                });
            }
        }
        Self::with_index(index, fields, ReloadPolicy::OnCommitWithDelay)
    }

    /// An index in memory (tests, in-memory stores).
    pub fn in_memory() -> Result<SearchIndex> {
        let (schema, fields) = schema();
        Self::with_index(Index::create_in_ram(schema), fields, ReloadPolicy::Manual)
    }

    fn with_index(index: Index, fields: Fields, policy: ReloadPolicy) -> Result<SearchIndex> {
        index.tokenizers().register(ANALYZER, analyzer());
        let reader = index.reader_builder().reload_policy(policy).try_into()?;
        Ok(SearchIndex {
            index,
            reader,
            fields,
            writer: Mutex::new(None),
            waiting: std::sync::atomic::AtomicBool::new(false),
        })
    }

    /// The highest document sequence number the last commit holds (0 when empty).
    pub fn watermark(&self) -> Result<u64> {
        Ok(committed(&self.index)?.map_or(0, |(_, w)| w))
    }

    fn lock_writer(&self) -> Result<std::sync::MutexGuard<'_, Option<WriterState>>> {
        self.writer
            .lock()
            .map_err(|_| IndexError::Busy("a thread panicked while writing the index".into()))
    }

    /// Takes the index's write lock now (a store that will write asks before its first
    /// database write, so that two writing processes fail early, not half-way).
    pub fn acquire_writer(&self) -> Result<()> {
        let mut guard = self.lock_writer()?;
        if guard.is_none() {
            // One indexing thread: on a small machine the cores belong to analysis.
            let writer = self
                .index
                .writer_with_num_threads(1, 64 << 20)
                .map_err(|e| match e {
                    tantivy::TantivyError::LockFailure(..) => IndexError::Busy(e.to_string()),
                    e => IndexError::Tantivy(e),
                })?;
            *guard = Some(WriterState {
                writer,
                pending: None,
                last_commit: Instant::now(),
            });
        }
        Ok(())
    }

    /// Lets go of the write lock, committing first.
    pub fn release_writer(&self) -> Result<()> {
        self.commit()?;
        *self.lock_writer()? = None;
        Ok(())
    }

    /// Adds documents up to sequence number `watermark`. They become searchable at the next
    /// commit, which happens here when the last one is older than [`COMMIT_EVERY`], at
    /// [`commit`], or when this process next searches.
    ///
    /// [`commit`]: SearchIndex::commit
    pub fn add(&self, docs: &[IndexDoc<'_>], watermark: u64) -> Result<()> {
        self.acquire_writer()?;
        let mut guard = self.lock_writer()?;
        let Some(state) = guard.as_mut() else {
            return Err(IndexError::Busy("the index writer went away".into()));
        };
        for doc in docs {
            state.writer.add_document(self.document(doc))?;
        }
        state.pending = Some(state.pending.unwrap_or(0).max(watermark));
        self.waiting
            .store(true, std::sync::atomic::Ordering::Release);
        if state.last_commit.elapsed() >= COMMIT_EVERY {
            self.commit_locked(state)?;
        }
        Ok(())
    }

    /// Makes everything added so far searchable (and durable).
    pub fn commit(&self) -> Result<()> {
        let mut guard = self.lock_writer()?;
        if let Some(state) = guard.as_mut() {
            self.commit_locked(state)?;
        }
        Ok(())
    }

    fn commit_locked(&self, state: &mut WriterState) -> Result<()> {
        let Some(watermark) = state.pending.take() else {
            return Ok(());
        };
        let mut prepared = state.writer.prepare_commit()?;
        prepared.set_payload(&format!("{SCHEMA_VERSION} {watermark}"));
        prepared.commit()?;
        self.waiting
            .store(false, std::sync::atomic::Ordering::Release);
        state.last_commit = Instant::now();
        self.reader.reload()?;
        Ok(())
    }

    /// Commits when this process has documents waiting, so that it reads its own writes
    /// (waiting for an `add` in progress rather than reading without it).
    fn searcher(&self) -> Result<Searcher> {
        if self.waiting.load(std::sync::atomic::Ordering::Acquire) {
            self.commit()?;
        }
        Ok(self.reader.searcher())
    }

    fn document(&self, doc: &IndexDoc<'_>) -> TantivyDocument {
        let f = &self.fields;
        let mut d = TantivyDocument::default();
        match doc {
            IndexDoc::Article(a) => {
                d.add_text(f.kind, "article");
                d.add_text(f.id, a.doc_id);
                d.add_text(f.title, a.title);
                d.add_text(f.body, a.text);
                d.add_u64(f.art, art_key(a.doc_id));
            }
            IndexDoc::Event(e) => {
                d.add_text(f.kind, "event");
                d.add_text(f.id, e.id);
                d.add_text(f.etype, e.kind);
                d.add_text(f.family, e.kind.split('.').next().unwrap_or(e.kind));
                let key = e.date.and_then(DateKey::parse);
                if let Some(k) = key {
                    d.add_i64(f.date_lo, k.lo);
                    d.add_i64(f.date_hi, k.hi);
                }
                // Undated events sort last.
                d.add_i64(f.sort, key.map_or(0, |k| k.lo));
                if let Some(c) = e.country {
                    d.add_text(f.country, c.to_uppercase());
                }
                if let (Some(lat), Some(lon)) = (e.lat, e.lon) {
                    if lat.is_finite() && lon.is_finite() {
                        d.add_f64(f.lat, lat);
                        d.add_f64(f.lon, lon);
                    }
                }
                if let Some(k) = e.killed {
                    d.add_u64(f.killed, k);
                }
                d.add_text(f.actors, e.actors);
                d.add_u64(f.art, art_key(e.doc_id));
            }
        }
        d
    }

    /// Articles best matching the words of `q` (all of them, in the title or the text),
    /// with a passage of each text around the matches marked `[`…`]`. `text_of` gives an
    /// article's text by id (the index does not keep texts).
    pub fn search(
        &self,
        q: &str,
        limit: usize,
        text_of: &mut dyn FnMut(&str) -> Option<String>,
    ) -> Result<Vec<(String, String)>> {
        let Some(query) = query::search_query(&self.fields, &self.index, q) else {
            return Ok(Vec::new());
        };
        let searcher = self.searcher()?;
        let top = searcher.search(&query, &TopDocs::with_limit(limit.max(1)).order_by_score())?;
        let mut generator = SnippetGenerator::create(&searcher, &query, self.fields.body)?;
        generator.set_max_num_chars(200);
        let mut hits = Vec::with_capacity(top.len());
        for (_, addr) in top {
            let Some(id) = self.stored_id(&searcher, addr)? else {
                continue;
            };
            let snippet = text_of(&id)
                .map(|t| marked_snippet(&generator, &t))
                .unwrap_or_default();
            hits.push((id, snippet));
        }
        Ok(hits)
    }

    /// The ids of one page of events matching `f`, newest first, and how many match.
    pub fn events(&self, f: &EventFilter) -> Result<(Vec<String>, u64)> {
        let query = query::event_query(&self.fields, &self.index, f)?;
        let searcher = self.searcher()?;
        let (limit, offset) = f.page();
        let (total, page) = match self.articles_with_words(&searcher, f)? {
            None => {
                let top = TopDocs::with_limit(limit as usize)
                    .and_offset(offset as usize)
                    .order_by_fast_field::<i64>("sort", Order::Desc);
                let (total, page) = searcher.search(&query, &(Count, top))?;
                (total as u64, page.into_iter().map(|(_, a)| a).collect())
            }
            Some(allowed) => searcher.search(
                &query,
                &query::NewestOf {
                    allowed,
                    limit: limit as usize,
                    offset: offset as usize,
                },
            )?,
        };
        let mut ids = Vec::with_capacity(page.len());
        for addr in page {
            ids.extend(self.stored_id(&searcher, addr)?);
        }
        Ok((ids, total))
    }

    /// The document or event id stored with an index document.
    fn stored_id(&self, searcher: &Searcher, addr: tantivy::DocAddress) -> Result<Option<String>> {
        let doc: TantivyDocument = searcher.doc(addr)?;
        Ok(doc
            .get_first(self.fields.id)
            .and_then(|v| v.as_str())
            .map(str::to_string))
    }

    /// The keys of the articles holding every word of the filter's `q`; `None` when there is
    /// no words filter.
    fn articles_with_words(
        &self,
        searcher: &Searcher,
        f: &EventFilter,
    ) -> Result<Option<query::Allowed>> {
        let Some(text) = f.text.as_deref() else {
            return Ok(None);
        };
        let Some(q) = query::search_query(&self.fields, &self.index, text) else {
            return Ok(None);
        };
        let keys = searcher.search(&q, &query::ArticleKeys)?;
        Ok(Some(std::sync::Arc::new(keys)))
    }

    /// Matching events per day, month or year, oldest first; events whose date is coarser
    /// than the bucket are left out.
    pub fn event_counts(&self, f: &EventFilter, bucket: Bucket) -> Result<Vec<(String, u64)>> {
        let query = query::event_query(&self.fields, &self.index, f)?;
        let searcher = self.searcher()?;
        let allowed = self.articles_with_words(&searcher, f)?;
        let counts: BTreeMap<i64, u64> =
            searcher.search(&query, &query::BucketCounts { bucket, allowed })?;
        Ok(counts
            .into_iter()
            .map(|(k, n)| (DateKey::bucket_label(k, bucket), n))
            .collect())
    }

    /// Number of indexed articles and events.
    pub fn counts(&self) -> Result<(u64, u64)> {
        let searcher = self.searcher()?;
        let count = |kind: &str| -> Result<u64> {
            let q = tantivy::query::TermQuery::new(
                Term::from_field_text(self.fields.kind, kind),
                IndexRecordOption::Basic,
            );
            Ok(searcher.search(&q, &Count)? as u64)
        };
        Ok((count("article")?, count("event")?))
    }
}

impl Drop for SearchIndex {
    fn drop(&mut self) {
        // Whatever was added becomes durable; if this fails the store re-indexes on open.
        let _ = self.commit();
    }
}

/// The schema version and watermark of the last commit (`None` before the first).
fn committed(index: &Index) -> Result<Option<(String, u64)>> {
    let payload = index.load_metas()?.payload.unwrap_or_default();
    Ok(payload
        .split_once(' ')
        .map(|(v, w)| (v.to_string(), w.parse().unwrap_or(0))))
}

/// A document's article as a number (FNV-1a of its id): article and event documents carry
/// it so that events can be kept by their article.
fn art_key(doc_id: &str) -> u64 {
    doc_id.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The passage of `text` the generator picks, with matches in `[`…`]`; the text's start
/// when no word matches there (a title-only hit).
fn marked_snippet(generator: &SnippetGenerator, text: &str) -> String {
    let snippet = generator.snippet(text);
    let fragment = snippet.fragment();
    if fragment.is_empty() {
        return text.chars().take(200).collect();
    }
    let mut out = String::with_capacity(fragment.len() + 16);
    let mut at = 0;
    for r in snippet.highlighted() {
        if r.start < at || r.end > fragment.len() {
            continue;
        }
        out.push_str(&fragment[at..r.start]);
        out.push('[');
        out.push_str(&fragment[r.clone()]);
        out.push(']');
        at = r.end;
    }
    out.push_str(&fragment[at..]);
    out
}

#[cfg(test)]
mod tests;
