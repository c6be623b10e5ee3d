//! The embedded store: one SQLite file in the data directory, in WAL mode so that the web
//! server reads while `tocsin ingest` writes, and beside it a Tantivy index
//! (`tocsin.index/` next to `tocsin.db`) that answers search and every event filter; the
//! database then only fetches rows by key. The schema is versioned (`PRAGMA user_version`)
//! and migrated forward on open; the index is brought up to the database on open.

mod entities;
mod schema;

use entities::Counts;

use std::borrow::Cow;
use std::path::Path;
use std::sync::Mutex;

use rusqlite::{params, Connection, OptionalExtension};
use tocsin_index::{ArticleDoc, EventDoc, IndexDoc, IndexError, SearchIndex};
use tocsin_model::{Entity, EntityLabel, Event};
use tocsin_store::{
    is_split, join_analysis, split_analysis, ArticleRecord, Bucket, DocumentRecord, EntityRecord,
    EventFilter, EventRecord, EventSource, Put, PutOutcome, Result, SearchHit, Status, Store,
    StoreError,
};

/// A store in one SQLite database: one connection writes, another reads (in WAL mode readers
/// do not wait for a writer's transaction, so the API and duplicate checks stay quick while
/// ingestion writes).
pub struct SqliteStore {
    writer: Mutex<Connection>,
    reader: Option<Mutex<Connection>>,
    index: SearchIndex,
    /// Entity counts not yet in the table (see [`entities`]).
    backlog: Mutex<entities::Backlog>,
    /// Last, so that it stops after the connections close.
    _checkpointer: Option<Checkpointer>,
}

/// Copies the write-ahead log into the database on a thread of its own, four times a second, so
/// that the writer never waits for the copy and its fsyncs (SQLite's automatic checkpoint
/// runs inside the committing writer's call and, on this machine, cost it half its time).
struct Checkpointer {
    stop: Option<std::sync::mpsc::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Checkpointer {
    fn start(path: &Path) -> Result<Checkpointer> {
        let conn = SqliteStore::prepare(Connection::open(path).map_err(backend)?)?;
        let (stop, stopped) = std::sync::mpsc::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("sqlite-checkpoint".into())
            .spawn(move || {
                let checkpoint = |mode: &str| {
                    // Busy or failed: the next round tries again; the log only grows.
                    let _ =
                        conn.query_row(&format!("PRAGMA wal_checkpoint({mode})"), [], |_| Ok(()));
                };
                loop {
                    match stopped.recv_timeout(std::time::Duration::from_millis(250)) {
                        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => checkpoint("PASSIVE"),
                        _ => {
                            checkpoint("TRUNCATE");
                            return;
                        }
                    }
                }
            })
            .map_err(|e| StoreError::Backend(format!("starting the checkpoint thread: {e}")))?;
        Ok(Checkpointer {
            stop: Some(stop),
            thread: Some(thread),
        })
    }
}

impl Drop for SqliteStore {
    fn drop(&mut self) {
        // What cannot be written now is counted again from the articles on the next open.
        let _ = self.flush_entities();
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Documents indexed per step when the index catches up with the database.
const CATCH_UP_BATCH: i64 = 500;

pub(crate) fn backend(e: rusqlite::Error) -> StoreError {
    StoreError::Backend(e.to_string())
}

pub(crate) fn data(e: serde_json::Error) -> StoreError {
    StoreError::Data(e.to_string())
}

fn index_err(e: IndexError) -> StoreError {
    match e {
        IndexError::Filter(m) => StoreError::Data(m),
        e => StoreError::Backend(e.to_string()),
    }
}

impl SqliteStore {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<SqliteStore> {
        let writer = Self::prepare(Connection::open(path).map_err(backend)?)?;
        let found = schema::migrate(&writer)?;
        if found > 0 && found < schema::ENTITIES {
            entities::forget_counts(&writer)?;
        }
        // The writer still checkpoints when the log passes 16 MiB, which lets the log start
        // over; by then the background thread has copied nearly all of it.
        writer
            .pragma_update(None, "wal_autocheckpoint", 4096)
            .map_err(backend)?;
        // 128 MiB of page cache for the writer (the default is 2 MiB): documents and events
        // are keyed by content hashes, so every batch inserts all over large B-trees, which
        // would otherwise be read back from the OS page by page.
        writer
            .pragma_update(None, "cache_size", -131_072)
            .map_err(backend)?;
        let reader = Self::prepare(Connection::open(path).map_err(backend)?)?;
        let store = SqliteStore {
            writer: Mutex::new(writer),
            reader: Some(Mutex::new(reader)),
            index: open_index(&path.with_extension("index"))?,
            backlog: Mutex::default(),
            _checkpointer: Some(Checkpointer::start(path)?),
        };
        store.catch_up()?;
        Ok(store)
    }

    /// A store in memory (tests): one connection for both.
    pub fn in_memory() -> Result<SqliteStore> {
        let conn = Self::prepare(Connection::open_in_memory().map_err(backend)?)?;
        schema::migrate(&conn)?;
        Ok(SqliteStore {
            writer: Mutex::new(conn),
            reader: None,
            index: SearchIndex::in_memory().map_err(index_err)?,
            backlog: Mutex::default(),
            _checkpointer: None,
        })
    }

    /// Brings what is derived from the documents up to them: the entity counts and the
    /// index, for documents stored after their last write (the process stopped first) or
    /// all of them (a new or rebuilt index, a store from before the entity table). When
    /// another process is writing, it is that process's job.
    fn catch_up(&self) -> Result<()> {
        let mut from = self.index.watermark().map_err(index_err)? as i64;
        let (newest, counted) = {
            let conn = self.write_conn()?;
            (newest_document(&conn)?, entities::counted(&conn)?)
        };
        if newest <= from && newest <= counted {
            return Ok(());
        }
        match self.index.acquire_writer() {
            Ok(()) => {}
            Err(IndexError::Busy(_)) => return Ok(()),
            Err(e) => return Err(index_err(e)),
        }
        {
            let conn = self.write_conn()?;
            entities::recount(&conn, newest)?;
        }
        while from < newest {
            let to = (from + CATCH_UP_BATCH).min(newest);
            let rows = self.indexable_rows(from, to)?;
            self.index_items(&rows, to as u64)?;
            from = to;
        }
        self.index.release_writer().map_err(index_err)
    }

    /// Adds stored articles and their events to the index, up to sequence number `watermark`.
    fn index_items(&self, items: &[Indexable<'_>], watermark: u64) -> Result<()> {
        let docs: Vec<IndexDoc<'_>> = items.iter().flat_map(Indexable::docs).collect();
        self.index.add(&docs, watermark).map_err(index_err)
    }

    /// The analysed documents with sequence numbers in `(from, to]`, as the index wants them.
    fn indexable_rows(&self, from: i64, to: i64) -> Result<Vec<Indexable<'static>>> {
        let conn = self.conn()?;
        Ok(stored_range(&conn, from, to)?
            .into_iter()
            .map(|a| {
                Indexable::new(
                    a.doc_id.into(),
                    a.title.map(Cow::Owned),
                    a.text.into(),
                    &a.entities,
                    a.events.into(),
                )
            })
            .collect())
    }

    fn prepare(conn: Connection) -> Result<Connection> {
        conn.busy_timeout(std::time::Duration::from_secs(10))
            .map_err(backend)?;
        // 16 KiB pages (a new database only; an existing one keeps its size): an article's
        // row (text and analysis, 5 to 10 KiB) then fits in its page instead of spilling
        // into a chain of overflow pages, each one more log frame to write and copy back.
        conn.pragma_update(None, "page_size", 16_384)
            .map_err(backend)?;
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(backend)?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(backend)?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(backend)?;
        Ok(conn)
    }

    /// The connection for reads.
    fn conn(&self) -> Result<std::sync::MutexGuard<'_, Connection>> {
        self.reader
            .as_ref()
            .unwrap_or(&self.writer)
            .lock()
            .map_err(|_| StoreError::Backend("a thread panicked while holding the store".into()))
    }

    fn lock_backlog(&self) -> Result<std::sync::MutexGuard<'_, entities::Backlog>> {
        self.backlog
            .lock()
            .map_err(|_| StoreError::Backend("a writer panicked while counting entities".into()))
    }

    /// Writes the entity counts waiting in memory (before the table is read, and when the
    /// store closes).
    fn flush_entities(&self) -> Result<()> {
        let mut conn = self.write_conn()?;
        let mut backlog = self.lock_backlog()?;
        if backlog.is_empty() {
            return Ok(());
        }
        let tx = conn.transaction().map_err(backend)?;
        backlog.counts.write(&tx)?;
        tx.commit().map_err(backend)?;
        backlog.take();
        Ok(())
    }

    fn write_conn(&self) -> Result<std::sync::MutexGuard<'_, Connection>> {
        self.writer
            .lock()
            .map_err(|_| StoreError::Backend("a writer panicked while holding the store".into()))
    }
}

/// Opens the index directory; one written with another index schema is rebuilt from the
/// database (it holds nothing the database does not).
fn open_index(dir: &Path) -> Result<SearchIndex> {
    match SearchIndex::open(dir) {
        Err(IndexError::Schema { .. }) => {
            std::fs::remove_dir_all(dir).map_err(|e| {
                StoreError::Backend(format!(
                    "removing the outdated index {}: {e}",
                    dir.display()
                ))
            })?;
            SearchIndex::open(dir).map_err(index_err)
        }
        other => other.map_err(index_err),
    }
}

/// One stored article in the form the index takes: borrowed from a batch being written, or
/// owned when read back from the database, so that both go through the same code.
struct Indexable<'a> {
    doc_id: Cow<'a, str>,
    title: Cow<'a, str>,
    text: Cow<'a, str>,
    events: Cow<'a, [Event]>,
    /// Per event: its id and the names an actor filter finds it by.
    keys: Vec<(String, String)>,
}

impl<'a> Indexable<'a> {
    fn new(
        doc_id: Cow<'a, str>,
        title: Option<Cow<'a, str>>,
        text: Cow<'a, str>,
        entities: &[Entity],
        events: Cow<'a, [Event]>,
    ) -> Indexable<'a> {
        let names = entity_names(entities);
        let keys = events
            .iter()
            .enumerate()
            .map(|(i, ev)| (format!("{doc_id}-{i}"), actor_names(ev, &names)))
            .collect();
        Indexable {
            doc_id,
            title: title.unwrap_or_default(),
            text,
            events,
            keys,
        }
    }

    fn docs(&self) -> Vec<IndexDoc<'_>> {
        let mut docs = vec![IndexDoc::Article(ArticleDoc {
            doc_id: &self.doc_id,
            title: &self.title,
            text: &self.text,
        })];
        for (ev, (id, actors)) in self.events.iter().zip(&self.keys) {
            let place = ev.place.as_ref();
            docs.push(IndexDoc::Event(EventDoc {
                id,
                kind: ev.kind.as_str(),
                date: ev.date.as_deref(),
                country: place.and_then(|p| p.country.as_deref()),
                lat: place.and_then(|p| p.lat),
                lon: place.and_then(|p| p.lon),
                killed: least_killed(ev),
                actors,
                doc_id: &self.doc_id,
            }));
        }
        docs
    }
}

/// The article's people and organizations, which an actor filter finds its events by.
fn entity_names(entities: &[Entity]) -> String {
    let mut names: Vec<&str> = Vec::new();
    for e in entities {
        if matches!(e.label, EntityLabel::Per | EntityLabel::Org) {
            for n in [Some(e.text.as_str()), e.canonical.as_deref()]
                .into_iter()
                .flatten()
            {
                if !names.contains(&n) {
                    names.push(n);
                }
            }
        }
    }
    names.join(" | ")
}

/// An event's perpetrators and its article's people and organizations.
fn actor_names(ev: &Event, entity_names: &str) -> String {
    let mut out = String::new();
    for p in &ev.perpetrators {
        out.push_str(&p.name);
        out.push_str(" | ");
        out.push_str(&p.text);
        out.push_str(" | ");
    }
    out.push_str(entity_names);
    out
}

fn least_killed(ev: &Event) -> Option<u64> {
    ev.killed.as_ref().and_then(|f| f.min.or(f.max))
}

fn status_str(s: Status) -> &'static str {
    match s {
        Status::Ok => "ok",
        Status::Failed => "failed",
    }
}

/// Stores one document; its sequence number when it was new.
fn insert_one(tx: &rusqlite::Transaction<'_>, put: &Put) -> Result<Option<i64>> {
    let d = &put.document;
    let n = tx
        .prepare_cached(
            "INSERT OR IGNORE INTO documents (id, url, path, source_id, fetched_at, ingested_at, status, stage, error)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )
        .and_then(|mut st| st.execute(
            params![d.id, d.url, d.path, d.source_id, d.fetched_at, d.ingested_at, status_str(d.status), d.stage, d.error],
        ))
        .map_err(backend)?;
    if n == 0 {
        return Ok(None);
    }
    let seq = tx.last_insert_rowid();
    let Some(a) = &put.article else {
        return Ok(Some(seq));
    };
    let entities = serde_json::to_string(&a.entities).map_err(data)?;
    let quotes = serde_json::to_string(&a.quotes).map_err(data)?;
    let analysis = analysis_json(&a.analysis)?;
    tx.prepare_cached(
        "INSERT INTO articles (doc, title, byline, published, language, site, text, entities, quotes, analysis)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )
    .and_then(|mut st| {
        st.execute(params![seq, a.title, a.byline, a.published, a.language, a.site, a.text, entities, quotes, analysis])
    })
    .map_err(backend)?;
    for (i, ev) in a.events.iter().enumerate() {
        insert_event(tx, seq, i, ev)?;
    }
    Ok(Some(seq))
}

/// The analysis as stored: without the fields that have columns of their own (which would
/// double the store's size). The pipeline hands it over split already, and is not copied.
fn analysis_json(v: &serde_json::Value) -> Result<String> {
    if is_split(v) {
        return serde_json::to_string(v).map_err(data);
    }
    let mut v = v.clone();
    split_analysis(&mut v);
    serde_json::to_string(&v).map_err(data)
}

/// The articles with document sequence numbers in `(from, to]`, in order, with what is
/// derived from them again after a crash (the index, the entity counts) needs: the
/// analysis is left out.
pub(crate) fn stored_range(conn: &Connection, from: i64, to: i64) -> Result<Vec<ArticleRecord>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT a.doc, d.id, a.title, a.published, a.text, a.entities
             FROM articles a JOIN documents d ON d.rowid = a.doc
             WHERE a.doc > ?1 AND a.doc <= ?2 ORDER BY a.doc",
        )
        .map_err(backend)?;
    let rows = stmt
        .query_map(params![from, to], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
            ))
        })
        .map_err(backend)?
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(backend)?;
    rows.into_iter()
        .map(|(seq, doc_id, title, published, text, entities)| {
            let events = events_of(conn, seq)?;
            Ok(ArticleRecord {
                doc_id,
                title,
                byline: None,
                published,
                language: None,
                site: None,
                text,
                entities: serde_json::from_str(&entities).map_err(data)?,
                events,
                quotes: Vec::new(),
                analysis: serde_json::Value::Null,
            })
        })
        .collect()
}

/// The highest document sequence number (0 for an empty store).
pub(crate) fn newest_document(conn: &Connection) -> Result<i64> {
    conn.query_row("SELECT coalesce(max(rowid), 0) FROM documents", [], |r| {
        r.get(0)
    })
    .map_err(backend)
}

/// Whether a document with this content id is stored.
fn is_stored(conn: &Connection, doc_id: &str) -> Result<bool> {
    conn.prepare_cached("SELECT 1 FROM documents WHERE id = ?1")
        .and_then(|mut st| st.query_row(params![doc_id], |_| Ok(())).optional())
        .map(|o| o.is_some())
        .map_err(backend)
}

/// The stored events of the document with sequence number `seq`, in order.
pub(crate) fn events_of(conn: &Connection, seq: i64) -> Result<Vec<Event>> {
    let mut stmt = conn
        .prepare_cached("SELECT json FROM events WHERE doc = ?1 ORDER BY idx")
        .map_err(backend)?;
    let rows = stmt
        .query_map(params![seq], |r| r.get::<_, String>(0))
        .map_err(backend)?;
    rows.map(|j| {
        j.map_err(backend)
            .and_then(|j| serde_json::from_str(&j).map_err(data))
    })
    .collect()
}

fn entity_record(r: &rusqlite::Row<'_>) -> rusqlite::Result<EntityRecord> {
    Ok(EntityRecord {
        name: r.get(0)?,
        label: r.get(1)?,
        articles: r.get::<_, i64>(2)? as u64,
        events: r.get::<_, i64>(3)? as u64,
        first_seen: r.get(4)?,
        last_seen: r.get(5)?,
    })
}

fn insert_event(tx: &rusqlite::Transaction<'_>, seq: i64, i: usize, ev: &Event) -> Result<()> {
    let json = serde_json::to_string(ev).map_err(data)?;
    let place = ev.place.as_ref();
    let killed = least_killed(ev);
    let injured = ev.injured.as_ref().and_then(|f| f.min.or(f.max));
    let mut stmt = tx
        .prepare_cached(
            "INSERT INTO events (doc, idx, type, family, date, country, place, lat, lon, killed, injured, json)
             VALUES (?1, ?2, ?3, ?12, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )
        .map_err(backend)?;
    stmt.execute(params![
        seq,
        i as i64,
        ev.kind.as_str(),
        ev.date,
        place
            .and_then(|p| p.country.as_deref())
            .map(str::to_uppercase),
        place.map(|p| p.name.as_str()),
        place.and_then(|p| p.lat),
        place.and_then(|p| p.lon),
        killed.map(|k| k as i64),
        injured.map(|k| k as i64),
        json,
        ev.kind.as_str().split('.').next().unwrap_or(""),
    ])
    .map_err(backend)?;
    Ok(())
}

/// The text at an event's evidence spans.
fn evidence_texts(text: &str, ev: &Event) -> Vec<String> {
    ev.evidence
        .iter()
        .filter_map(|[s, e]| text.get(*s as usize..*e as usize))
        .map(str::to_string)
        .collect()
}

/// An event row with what its source is made of: the event and its article's id, URL,
/// title, date and text. The evidence sentences are cut from the text when read (storing
/// them per event doubled the writes of every event for what the article already holds).
/// Looked up by the parts of the event's id (see [`event_key`]).
const EVENT_ROW: &str = "SELECT e.json, d.id, d.url, a.title, a.published, a.text
     FROM documents d JOIN events e ON e.doc = d.rowid JOIN articles a ON a.doc = d.rowid
     WHERE d.id = ?1 AND e.idx = ?2";

/// An event id's document id and position (`{doc_id}-{idx}`); `None` for a string that
/// cannot be one (an id from a URL is untrusted).
fn event_key(id: &str) -> Option<(&str, i64)> {
    let (doc_id, idx) = id.rsplit_once('-')?;
    Some((doc_id, idx.parse().ok()?))
}

/// The row of the event with id `id`, if stored.
fn event_row(conn: &Connection, id: &str) -> Result<Option<EventRow>> {
    let Some((doc_id, idx)) = event_key(id) else {
        return Ok(None);
    };
    conn.prepare_cached(EVENT_ROW)
        .and_then(|mut st| {
            st.query_row(params![doc_id, idx], EventRow::read)
                .optional()
        })
        .map_err(backend)
}

/// The columns of [`EVENT_ROW`].
struct EventRow {
    json: String,
    doc_id: String,
    url: Option<String>,
    title: Option<String>,
    published: Option<String>,
    text: String,
}

impl EventRow {
    fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<EventRow> {
        Ok(EventRow {
            json: r.get(0)?,
            doc_id: r.get(1)?,
            url: r.get(2)?,
            title: r.get(3)?,
            published: r.get(4)?,
            text: r.get(5)?,
        })
    }

    fn record(self, id: String) -> Result<EventRecord> {
        let event: Event = serde_json::from_str(&self.json).map_err(data)?;
        let source = EventSource {
            article_id: self.doc_id,
            url: self.url,
            title: self.title,
            published: self.published,
            evidence: evidence_texts(&self.text, &event),
        };
        Ok(EventRecord {
            id,
            event,
            sources: vec![source],
        })
    }
}

impl Store for SqliteStore {
    fn contains(&self, doc_id: &str) -> Result<bool> {
        let conn = self.conn()?;
        is_stored(&conn, doc_id)
    }

    fn known(&self, doc_ids: &[String]) -> Result<Vec<bool>> {
        let conn = self.conn()?;
        // One read transaction for the whole list: its pages are read once, and a writer
        // committing meanwhile does not make each lookup start over.
        let tx = conn.unchecked_transaction().map_err(backend)?;
        let known = doc_ids.iter().map(|id| is_stored(&tx, id)).collect();
        tx.finish().map_err(backend)?;
        known
    }

    fn contains_url(&self, url: &str) -> Result<bool> {
        let conn = self.conn()?;
        let mut stmt = conn
            .prepare_cached("SELECT 1 FROM documents WHERE url = ?1 LIMIT 1")
            .map_err(backend)?;
        stmt.query_row(params![url], |_| Ok(()))
            .optional()
            .map(|o| o.is_some())
            .map_err(backend)
    }

    fn put(&self, batch: &[Put]) -> Result<PutOutcome> {
        // The index's lock first: a second writing process fails before touching the database.
        self.index.acquire_writer().map_err(index_err)?;
        let mut conn = self.write_conn()?;
        let tx = conn.transaction().map_err(backend)?;
        let mut out = PutOutcome::default();
        let mut fresh = Vec::new();
        let mut newest = 0;
        for put in batch {
            match insert_one(&tx, put)? {
                Some(seq) => {
                    out.inserted += 1;
                    newest = newest.max(seq);
                    fresh.push(put);
                }
                None => out.skipped += 1,
            }
        }
        // Entity counts wait in memory and are written with a later batch (see `entities`).
        let counts = Counts::of(fresh.iter().filter_map(|p| p.article.as_ref()), newest);
        let mut backlog = self.lock_backlog()?;
        let due = backlog.due(&counts);
        if due {
            backlog.counts.write(&tx)?;
            counts.write(&tx)?;
        }
        tx.commit().map_err(backend)?;
        if due {
            backlog.take();
        } else {
            backlog.counts.absorb(counts);
        }
        drop(backlog);
        drop(conn);
        if newest > 0 {
            let items: Vec<Indexable<'_>> = fresh
                .iter()
                .filter_map(|p| {
                    let a = p.article.as_ref()?;
                    Some(Indexable::new(
                        Cow::Borrowed(p.document.id.as_str()),
                        a.title.as_deref().map(Cow::Borrowed),
                        Cow::Borrowed(a.text.as_str()),
                        &a.entities,
                        Cow::Borrowed(a.events.as_slice()),
                    ))
                })
                .collect();
            self.index_items(&items, newest as u64)?;
        }
        Ok(out)
    }

    fn counts(&self) -> Result<(u64, u64)> {
        let conn = self.conn()?;
        conn.query_row(
            "SELECT count(*), coalesce(sum(status = 'failed'), 0) FROM documents",
            [],
            |r| Ok((r.get::<_, i64>(0)? as u64, r.get::<_, i64>(1)? as u64)),
        )
        .map_err(backend)
    }

    fn document(&self, doc_id: &str) -> Result<Option<DocumentRecord>> {
        let conn = self.conn()?;
        conn.query_row(
            "SELECT id, url, path, source_id, fetched_at, ingested_at, status, stage, error FROM documents WHERE id = ?1",
            params![doc_id],
            |r| {
                Ok(DocumentRecord {
                    id: r.get(0)?,
                    url: r.get(1)?,
                    path: r.get(2)?,
                    source_id: r.get(3)?,
                    fetched_at: r.get(4)?,
                    ingested_at: r.get(5)?,
                    status: if r.get::<_, String>(6)? == "failed" { Status::Failed } else { Status::Ok },
                    stage: r.get(7)?,
                    error: r.get(8)?,
                })
            },
        )
        .optional()
        .map_err(backend)
    }

    fn article(&self, doc_id: &str) -> Result<Option<ArticleRecord>> {
        let conn = self.conn()?;
        let row = conn
            .query_row(
                "SELECT a.title, a.byline, a.published, a.language, a.site, a.text, a.entities, a.quotes, a.analysis, a.doc
                 FROM documents d JOIN articles a ON a.doc = d.rowid WHERE d.id = ?1",
                params![doc_id],
                |r| {
                    Ok((
                        r.get::<_, i64>(9)?,
                        r.get::<_, Option<String>>(0)?,
                        r.get::<_, Option<String>>(1)?,
                        r.get::<_, Option<String>>(2)?,
                        r.get::<_, Option<String>>(3)?,
                        r.get::<_, Option<String>>(4)?,
                        r.get::<_, String>(5)?,
                        r.get::<_, String>(6)?,
                        r.get::<_, String>(7)?,
                        r.get::<_, String>(8)?,
                    ))
                },
            )
            .optional()
            .map_err(backend)?;
        let Some((seq, title, byline, published, language, site, text, entities, quotes, analysis)) =
            row
        else {
            return Ok(None);
        };
        let events = events_of(&conn, seq)?;
        let mut record = ArticleRecord {
            doc_id: doc_id.to_string(),
            title,
            byline,
            published,
            language,
            site,
            text,
            entities: serde_json::from_str(&entities).map_err(data)?,
            events,
            quotes: serde_json::from_str(&quotes).map_err(data)?,
            analysis: serde_json::Value::Null,
        };
        let stored: serde_json::Value = serde_json::from_str(&analysis).map_err(data)?;
        record.analysis = join_analysis(stored, &record);
        Ok(Some(record))
    }

    fn events(&self, f: &EventFilter) -> Result<(Vec<EventRecord>, u64)> {
        let (ids, total) = self.index.events(f).map_err(index_err)?;
        let conn = self.conn()?;
        // In the index's order; an id the database lacks cannot happen (the database is
        // written first) and is skipped rather than failing the page.
        let mut events = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(row) = event_row(&conn, &id)? {
                events.push(row.record(id)?);
            }
        }
        Ok((events, total))
    }

    fn event(&self, id: &str) -> Result<Option<EventRecord>> {
        let conn = self.conn()?;
        event_row(&conn, id)?
            .map(|row| row.record(id.to_string()))
            .transpose()
    }

    fn search(&self, query: &str, limit: u32) -> Result<Vec<SearchHit>> {
        let conn = self.conn()?;
        let mut text = conn
            .prepare(
                "SELECT a.text FROM documents d JOIN articles a ON a.doc = d.rowid WHERE d.id = ?1",
            )
            .map_err(backend)?;
        let hits = self
            .index
            .search(query, limit.clamp(1, 1000) as usize, &mut |id| {
                text.query_row(params![id], |r| r.get(0)).ok()
            })
            .map_err(index_err)?;
        let mut meta = conn
            .prepare(
                "SELECT a.title, d.url, a.published FROM documents d JOIN articles a ON a.doc = d.rowid WHERE d.id = ?1",
            )
            .map_err(backend)?;
        let mut out = Vec::with_capacity(hits.len());
        for (doc_id, snippet) in hits {
            let row = meta
                .query_row(params![doc_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .optional()
                .map_err(backend)?;
            if let Some((title, url, published)) = row {
                out.push(SearchHit {
                    doc_id,
                    title,
                    url,
                    published,
                    snippet,
                });
            }
        }
        Ok(out)
    }

    fn event_counts(&self, f: &EventFilter, bucket: Bucket) -> Result<Vec<(String, u64)>> {
        self.index.event_counts(f, bucket).map_err(index_err)
    }

    fn entities(&self, prefix: Option<&str>, limit: u32) -> Result<Vec<EntityRecord>> {
        self.flush_entities()?;
        let conn = self.conn()?;
        let limit = limit.clamp(1, 1000);
        let cols = "name, label, articles, events, first_seen, last_seen";
        let rows = match prefix.map(str::trim).filter(|p| !p.is_empty()) {
            // A key range, not LIKE: no character of the prefix is a wildcard.
            Some(p) => {
                let lo = p.to_lowercase();
                let hi = format!("{lo}\u{10ffff}");
                let mut stmt = conn
                    .prepare_cached(&format!(
                        "SELECT {cols} FROM entities WHERE key >= ?1 AND key < ?2 ORDER BY articles DESC, key LIMIT ?3"
                    ))
                    .map_err(backend)?;
                let rows = stmt
                    .query_map(params![lo, hi, limit], entity_record)
                    .map_err(backend)?
                    .collect::<std::result::Result<Vec<_>, _>>();
                rows
            }
            None => {
                let mut stmt = conn
                    .prepare_cached(&format!(
                        "SELECT {cols} FROM entities ORDER BY articles DESC, key LIMIT ?1"
                    ))
                    .map_err(backend)?;
                let rows = stmt
                    .query_map(params![limit], entity_record)
                    .map_err(backend)?
                    .collect::<std::result::Result<Vec<_>, _>>();
                rows
            }
        };
        rows.map_err(backend)
    }

    fn entity(&self, name: &str) -> Result<Option<EntityRecord>> {
        self.flush_entities()?;
        let conn = self.conn()?;
        conn.query_row(
            "SELECT name, label, articles, events, first_seen, last_seen FROM entities WHERE key = ?1",
            params![name.trim().to_lowercase()],
            entity_record,
        )
        .optional()
        .map_err(backend)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conformance_in_memory() {
        let store = SqliteStore::in_memory().expect("store");
        tocsin_store::conformance::run_all(&store);
    }

    #[test]
    fn conformance_on_disk_and_reopen() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("tocsin.db");
        {
            let store = SqliteStore::open(&path).expect("store");
            tocsin_store::conformance::run_all(&store);
        }
        // Reopening migrates nothing and keeps everything.
        let store = SqliteStore::open(&path).expect("reopen");
        assert!(store.contains("rt-1").expect("contains"));
        assert!(store.counts().expect("counts").0 > 5);
    }

    #[test]
    fn a_lost_or_outdated_index_is_rebuilt_from_the_database() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("tocsin.db");
        let bombing = || EventFilter {
            types: vec!["attack.bombing".into()],
            ..Default::default()
        };
        {
            let store = SqliteStore::open(&path).expect("store");
            tocsin_store::conformance::run_all(&store);
        }
        let before = SqliteStore::open(&path)
            .expect("reopen")
            .events(&bombing())
            .expect("events")
            .1;
        assert!(before > 0);
        std::fs::remove_dir_all(path.with_extension("index")).expect("remove the index");
        let store = SqliteStore::open(&path).expect("reopen without an index");
        assert_eq!(store.events(&bombing()).expect("events").1, before);
        assert!(!store.search("flooded", 5).expect("search").is_empty());
    }

    #[test]
    fn a_second_writing_process_is_refused_before_it_writes() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("tocsin.db");
        let first = SqliteStore::open(&path).expect("store");
        let put =
            |id: &str| tocsin_store::conformance::sample_put(id, "Title", "Some words.", vec![]);
        first.put(&[put("one")]).expect("put");
        let second = SqliteStore::open(&path).expect("a reader opens");
        assert!(second.put(&[put("two")]).is_err());
        assert!(
            !first.contains("two").expect("contains"),
            "nothing half-written"
        );
        assert!(second.contains("one").expect("the reader reads"));
    }

    /// Rewrites the store at `from` in the layout of schema version 3 at `to`: articles and
    /// events keyed by the document's hash, each event's sources in a column of its own, no
    /// entity table.
    fn downgrade_to_version_3(from: &Path, to: &Path) {
        let conn = Connection::open(to).expect("db");
        schema::migrate_to(&conn, 3).expect("version 3");
        conn.execute("ATTACH ?1 AS cur", params![from.to_string_lossy()])
            .expect("attach");
        conn.execute_batch(
            "BEGIN;
             INSERT INTO documents (rowid, id, url, path, source_id, fetched_at, ingested_at, status, stage, error)
                SELECT rowid, id, url, path, source_id, fetched_at, ingested_at, status, stage, error
                FROM cur.documents ORDER BY rowid;
             INSERT INTO articles (doc_id, title, byline, published, language, site, text, entities, quotes, analysis)
                SELECT d.id, a.title, a.byline, a.published, a.language, a.site, a.text, a.entities, a.quotes, a.analysis
                FROM cur.articles a JOIN cur.documents d ON d.rowid = a.doc ORDER BY a.doc;
             INSERT INTO events (id, doc_id, idx, type, family, date, country, place, lat, lon, killed, injured, json, sources)
                SELECT d.id || '-' || e.idx, d.id, e.idx, e.type, e.family, e.date, e.country, e.place,
                       e.lat, e.lon, e.killed, e.injured, e.json, '[]'
                FROM cur.events e JOIN cur.documents d ON d.rowid = e.doc;
             COMMIT;
             DETACH cur;",
        )
        .expect("copy into version 3");
    }

    #[test]
    fn a_version_3_store_migrates_with_its_articles_events_and_entities() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (current, old) = (dir.path().join("now.db"), dir.path().join("v3.db"));
        let all = EventFilter {
            limit: Some(1000),
            ..EventFilter::default()
        };
        let (want_entities, want_events, want_articles) = {
            let store = SqliteStore::open(&current).expect("store");
            tocsin_store::conformance::run_all(&store);
            let events = store.events(&all).expect("events");
            let articles: Vec<_> = events
                .0
                .iter()
                .map(|e| store.article(&e.sources[0].article_id).expect("article"))
                .collect();
            (
                store.entities(None, 100).expect("entities"),
                events,
                articles,
            )
        };
        downgrade_to_version_3(&current, &old);

        let store = SqliteStore::open(&old).expect("migrate");
        assert!(!want_entities.is_empty());
        assert_eq!(store.entities(None, 100).expect("entities"), want_entities);
        assert!(want_events.1 > 1);
        assert!(want_events.0.iter().all(|e| e.sources.len() == 1));
        assert_eq!(store.events(&all).expect("events"), want_events);
        for (event, article) in want_events.0.iter().zip(&want_articles) {
            assert!(article.is_some());
            assert_eq!(store.event(&event.id).expect("event").as_ref(), Some(event));
            let id = &event.sources[0].article_id;
            assert_eq!(&store.article(id).expect("article"), article);
        }
        assert!(!store.search("flooded", 5).expect("search").is_empty());
    }

    #[test]
    fn malformed_event_ids_are_not_found() {
        let store = SqliteStore::in_memory().expect("store");
        tocsin_store::conformance::run_all(&store);
        let all = EventFilter::default();
        let some = store.events(&all).expect("events").0[0].id.clone();
        assert!(store.event(&some).expect("event").is_some());
        for id in [
            "",
            "-",
            "x",
            "x-",
            "-1",
            "x-y",
            &format!("{some}0x"),
            "x-1-",
            "x-99999999999999999999",
        ] {
            assert_eq!(store.event(id).expect("no error"), None, "{id:?}");
        }
    }

    #[test]
    fn a_newer_schema_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("tocsin.db");
        {
            let conn = Connection::open(&path).expect("db");
            conn.pragma_update(None, "user_version", 999)
                .expect("pragma");
        }
        match SqliteStore::open(&path) {
            Err(StoreError::TooNew { found: 999, .. }) => {}
            Err(e) => panic!("wrong error: {e}"),
            Ok(_) => panic!("a newer schema must be refused"),
        }
    }
}
