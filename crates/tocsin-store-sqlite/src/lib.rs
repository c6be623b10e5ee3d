//! The embedded store: one SQLite file in the data directory, in WAL mode so that the web
//! server reads while `tocsin ingest` writes. Articles are indexed for full-text search with
//! FTS5. The schema is versioned (`PRAGMA user_version`) and migrated forward on open.

mod schema;

use std::path::Path;
use std::sync::Mutex;

use rusqlite::{params, params_from_iter, Connection, OptionalExtension, ToSql};
use tocsin_model::Event;
use tocsin_store::{
    ArticleRecord, Bucket, DocumentRecord, EventFilter, EventRecord, EventSource, Put, PutOutcome,
    Result, SearchHit, Status, Store, StoreError,
};

/// A store in one SQLite database: one connection writes, another reads (in WAL mode readers
/// do not wait for a writer's transaction, so the API and duplicate checks stay quick while
/// ingestion writes).
pub struct SqliteStore {
    writer: Mutex<Connection>,
    reader: Option<Mutex<Connection>>,
}

fn backend(e: rusqlite::Error) -> StoreError {
    StoreError::Backend(e.to_string())
}

fn data(e: serde_json::Error) -> StoreError {
    StoreError::Data(e.to_string())
}

impl SqliteStore {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<SqliteStore> {
        let writer = Self::prepare(Connection::open(path).map_err(backend)?)?;
        schema::migrate(&writer)?;
        let reader = Self::prepare(Connection::open(path).map_err(backend)?)?;
        Ok(SqliteStore {
            writer: Mutex::new(writer),
            reader: Some(Mutex::new(reader)),
        })
    }

    /// A store in memory (tests): one connection for both.
    pub fn in_memory() -> Result<SqliteStore> {
        let conn = Self::prepare(Connection::open_in_memory().map_err(backend)?)?;
        schema::migrate(&conn)?;
        Ok(SqliteStore {
            writer: Mutex::new(conn),
            reader: None,
        })
    }

    fn prepare(conn: Connection) -> Result<Connection> {
        conn.busy_timeout(std::time::Duration::from_secs(10))
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

    fn write_conn(&self) -> Result<std::sync::MutexGuard<'_, Connection>> {
        self.writer
            .lock()
            .map_err(|_| StoreError::Backend("a writer panicked while holding the store".into()))
    }
}

fn status_str(s: Status) -> &'static str {
    match s {
        Status::Ok => "ok",
        Status::Failed => "failed",
    }
}

fn insert_one(tx: &rusqlite::Transaction<'_>, put: &Put) -> Result<bool> {
    let d = &put.document;
    let n = tx
        .execute(
            "INSERT OR IGNORE INTO documents (id, url, path, source_id, fetched_at, ingested_at, status, stage, error)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![d.id, d.url, d.path, d.source_id, d.fetched_at, d.ingested_at, status_str(d.status), d.stage, d.error],
        )
        .map_err(backend)?;
    if n == 0 {
        return Ok(false);
    }
    let Some(a) = &put.article else {
        return Ok(true);
    };
    let entities = serde_json::to_string(&a.entities).map_err(data)?;
    let quotes = serde_json::to_string(&a.quotes).map_err(data)?;
    let analysis = serde_json::to_string(&strip_analysis(&a.analysis)).map_err(data)?;
    tx.execute(
        "INSERT INTO articles (doc_id, title, byline, published, language, site, text, entities, quotes, analysis)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![d.id, a.title, a.byline, a.published, a.language, a.site, a.text, entities, quotes, analysis],
    )
    .map_err(backend)?;
    let rowid = tx.last_insert_rowid();
    tx.execute(
        "INSERT INTO articles_fts (rowid, title, text) VALUES (?1, ?2, ?3)",
        params![rowid, a.title.as_deref().unwrap_or(""), a.text],
    )
    .map_err(backend)?;
    // Names an actor filter finds an event by: its perpetrators and the document's people and
    // organizations.
    let doc_names: Vec<&str> = a
        .entities
        .iter()
        .filter(|e| {
            matches!(
                e.label,
                tocsin_model::EntityLabel::Per | tocsin_model::EntityLabel::Org
            )
        })
        .flat_map(|e| [e.text.as_str(), e.canonical.as_deref().unwrap_or("")])
        .collect();
    for (i, ev) in a.events.iter().enumerate() {
        let source = EventSource {
            article_id: d.id.clone(),
            url: d.url.clone(),
            title: a.title.clone(),
            published: a.published.clone(),
            evidence: evidence_texts(&a.text, ev),
        };
        insert_event(tx, &d.id, i, ev, &source, &doc_names)?;
    }
    Ok(true)
}

/// The analysis as stored: without the text, entities, events and quotes, which have
/// columns of their own (and would double the store's size).
fn strip_analysis(v: &serde_json::Value) -> serde_json::Value {
    let mut v = v.clone();
    if let Some(o) = v.as_object_mut() {
        let mut stripped = false;
        for k in ["text", "entities", "events", "quotes"] {
            stripped |= o.remove(k).is_some();
        }
        if stripped {
            o.insert("_split".into(), serde_json::Value::Bool(true));
        }
    }
    v
}

/// The analysis as it was given: the split fields put back.
fn join_analysis(mut v: serde_json::Value, a: &ArticleRecord) -> serde_json::Value {
    if let Some(o) = v.as_object_mut() {
        if o.remove("_split").is_some() {
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

fn insert_event(
    tx: &rusqlite::Transaction<'_>,
    doc_id: &str,
    i: usize,
    ev: &Event,
    source: &EventSource,
    doc_names: &[&str],
) -> Result<()> {
    let json = serde_json::to_string(ev).map_err(data)?;
    let sources = serde_json::to_string(&[source]).map_err(data)?;
    let place = ev.place.as_ref();
    let killed = ev.killed.as_ref().and_then(|f| f.min.or(f.max));
    let injured = ev.injured.as_ref().and_then(|f| f.min.or(f.max));
    let actors: Vec<String> = ev
        .perpetrators
        .iter()
        .flat_map(|p| [p.name.to_lowercase(), p.text.to_lowercase()])
        .collect();
    tx.execute(
        "INSERT INTO events (id, doc_id, idx, type, family, date, country, place, lat, lon, killed, injured, actors, json, sources)
         VALUES (?1, ?2, ?3, ?4, ?15, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        params![
            format!("{doc_id}-{i}"),
            doc_id,
            i as i64,
            ev.kind.as_str(),
            ev.date,
            place.and_then(|p| p.country.as_deref()).map(str::to_uppercase),
            place.map(|p| p.name.as_str()),
            place.and_then(|p| p.lat),
            place.and_then(|p| p.lon),
            killed.map(|k| k as i64),
            injured.map(|k| k as i64),
            format!("|{}|", actors.join("|")),
            json,
            sources,
            ev.kind.as_str().split('.').next().unwrap_or(""),
        ],
    )
    .map_err(backend)?;
    let rowid = tx.last_insert_rowid();
    let mut names: Vec<&str> = ev
        .perpetrators
        .iter()
        .flat_map(|p| [p.name.as_str(), p.text.as_str()])
        .collect();
    names.extend_from_slice(doc_names);
    tx.execute(
        "INSERT INTO events_actors (rowid, names) VALUES (?1, ?2)",
        params![rowid, names.join(" | ")],
    )
    .map_err(backend)?;
    Ok(())
}

/// A WHERE clause and its parameters for an event filter.
fn where_clause(f: &EventFilter) -> (String, Vec<Box<dyn ToSql>>) {
    let mut clauses: Vec<String> = vec!["1 = 1".into()];
    let mut args: Vec<Box<dyn ToSql>> = Vec::new();
    if !f.types.is_empty() {
        let mut alts = Vec::new();
        for t in &f.types {
            if t.ends_with('.') {
                alts.push("e.type LIKE ? ESCAPE '\\'".to_string());
                args.push(Box::new(format!(
                    "{}%",
                    t.replace('\\', "\\\\")
                        .replace('%', "\\%")
                        .replace('_', "\\_")
                )));
            } else {
                alts.push("e.type = ?".to_string());
                args.push(Box::new(t.clone()));
            }
        }
        clauses.push(format!("({})", alts.join(" OR ")));
    }
    if let Some(from) = &f.from {
        // Compared at the event's own precision: a "2023" event is inside "from 2023-06-01".
        // The first condition is a coarse bound an index can use; the second is exact.
        clauses.push("e.date >= ? AND substr(?, 1, length(e.date)) <= e.date".into());
        args.push(Box::new(from.get(..4).unwrap_or(from).to_string()));
        args.push(Box::new(from.clone()));
    }
    if let Some(to) = &f.to {
        clauses.push("e.date <= ? AND substr(e.date, 1, length(?)) <= ?".into());
        args.push(Box::new(format!("{to}\u{10ffff}")));
        args.push(Box::new(to.clone()));
        args.push(Box::new(to.clone()));
    }
    if let Some(c) = &f.country {
        clauses.push("e.country = ?".into());
        args.push(Box::new(c.to_uppercase()));
    }
    if let Some([x0, y0, x1, y1]) = f.bbox {
        clauses.push("e.lon BETWEEN ? AND ? AND e.lat BETWEEN ? AND ?".into());
        args.extend([
            Box::new(x0) as Box<dyn ToSql>,
            Box::new(x1),
            Box::new(y0),
            Box::new(y1),
        ]);
    }
    if let Some(a) = &f.actor {
        // Words of a perpetrator's or the article's people and organizations.
        match fts_query(a) {
            Some(q) => {
                clauses.push(
                    "e.rowid IN (SELECT rowid FROM events_actors WHERE events_actors MATCH ?)"
                        .into(),
                );
                args.push(Box::new(q));
            }
            None => clauses.push("0 = 1".into()),
        }
    }
    if let Some(t) = &f.text {
        if let Some(q) = fts_query(t) {
            clauses.push("e.doc_id IN (SELECT a.doc_id FROM articles a JOIN articles_fts ON articles_fts.rowid = a.rowid WHERE articles_fts MATCH ?)".into());
            args.push(Box::new(q));
        }
    }
    if let Some(k) = f.min_killed {
        clauses.push("e.killed >= ?".into());
        args.push(Box::new(k as i64));
    }
    (clauses.join(" AND "), args)
}

/// User words as an FTS5 query: each word quoted, so that no input is FTS syntax.
fn fts_query(q: &str) -> Option<String> {
    let words: Vec<String> = q
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(32)
        .map(|w| format!("\"{w}\""))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// The text at an event's evidence spans.
fn evidence_texts(text: &str, ev: &Event) -> Vec<String> {
    ev.evidence
        .iter()
        .filter_map(|[s, e]| text.get(*s as usize..*e as usize))
        .map(str::to_string)
        .collect()
}

fn event_record(id: String, json: &str, sources: &str) -> Result<EventRecord> {
    Ok(EventRecord {
        id,
        event: serde_json::from_str(json).map_err(data)?,
        sources: serde_json::from_str(sources).map_err(data)?,
    })
}

impl Store for SqliteStore {
    fn contains(&self, doc_id: &str) -> Result<bool> {
        let conn = self.conn()?;
        conn.query_row(
            "SELECT 1 FROM documents WHERE id = ?1",
            params![doc_id],
            |_| Ok(()),
        )
        .optional()
        .map(|o| o.is_some())
        .map_err(backend)
    }

    fn contains_url(&self, url: &str) -> Result<bool> {
        let conn = self.conn()?;
        conn.query_row(
            "SELECT 1 FROM documents WHERE url = ?1 LIMIT 1",
            params![url],
            |_| Ok(()),
        )
        .optional()
        .map(|o| o.is_some())
        .map_err(backend)
    }

    fn put(&self, batch: &[Put]) -> Result<PutOutcome> {
        let mut conn = self.write_conn()?;
        let tx = conn.transaction().map_err(backend)?;
        let mut out = PutOutcome::default();
        for put in batch {
            if insert_one(&tx, put)? {
                out.inserted += 1;
            } else {
                out.skipped += 1;
            }
        }
        tx.commit().map_err(backend)?;
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
                "SELECT title, byline, published, language, site, text, entities, quotes, analysis FROM articles WHERE doc_id = ?1",
                params![doc_id],
                |r| {
                    Ok((
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
        let Some((title, byline, published, language, site, text, entities, quotes, analysis)) =
            row
        else {
            return Ok(None);
        };
        let mut stmt = conn
            .prepare("SELECT json FROM events WHERE doc_id = ?1 ORDER BY idx")
            .map_err(backend)?;
        let events = stmt
            .query_map(params![doc_id], |r| r.get::<_, String>(0))
            .map_err(backend)?
            .map(|j| {
                j.map_err(backend)
                    .and_then(|j| serde_json::from_str(&j).map_err(data))
            })
            .collect::<Result<Vec<Event>>>()?;
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
        let conn = self.conn()?;
        let (clause, args) = where_clause(f);
        let total: i64 = conn
            .query_row(
                &format!("SELECT count(*) FROM events e WHERE {clause}"),
                params_from_iter(args.iter().map(|b| b.as_ref())),
                |r| r.get(0),
            )
            .map_err(backend)?;
        let (limit, offset) = f.page();
        let sql = format!(
            "SELECT e.id, e.json, e.sources FROM events e WHERE {clause} ORDER BY e.date IS NULL, e.date DESC, e.id LIMIT {limit} OFFSET {offset}"
        );
        let mut stmt = conn.prepare(&sql).map_err(backend)?;
        let rows = stmt
            .query_map(params_from_iter(args.iter().map(|b| b.as_ref())), |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })
            .map_err(backend)?
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(backend)?;
        let events = rows
            .into_iter()
            .map(|(id, json, sources)| event_record(id, &json, &sources))
            .collect::<Result<Vec<_>>>()?;
        Ok((events, total as u64))
    }

    fn event(&self, id: &str) -> Result<Option<EventRecord>> {
        let conn = self.conn()?;
        let row: Option<(String, String)> = conn
            .query_row(
                "SELECT json, sources FROM events WHERE id = ?1",
                params![id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(backend)?;
        row.map(|(j, s)| event_record(id.to_string(), &j, &s))
            .transpose()
    }

    fn search(&self, query: &str, limit: u32) -> Result<Vec<SearchHit>> {
        let Some(q) = fts_query(query) else {
            return Ok(Vec::new());
        };
        let conn = self.conn()?;
        let mut stmt = conn
            .prepare(
                "SELECT a.doc_id, a.title, d.url, a.published, snippet(articles_fts, 1, '[', ']', '…', 16)
                 FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid JOIN documents d ON d.id = a.doc_id
                 WHERE articles_fts MATCH ?1 ORDER BY bm25(articles_fts) LIMIT ?2",
            )
            .map_err(backend)?;
        let hits = stmt
            .query_map(params![q, limit.clamp(1, 1000)], |r| {
                Ok(SearchHit {
                    doc_id: r.get(0)?,
                    title: r.get(1)?,
                    url: r.get(2)?,
                    published: r.get(3)?,
                    snippet: r.get(4)?,
                })
            })
            .map_err(backend)?
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(backend)?;
        Ok(hits)
    }

    fn event_counts(&self, f: &EventFilter, bucket: Bucket) -> Result<Vec<(String, u64)>> {
        let conn = self.conn()?;
        let (clause, args) = where_clause(f);
        let len = match bucket {
            Bucket::Day => 10,
            Bucket::Month => 7,
            Bucket::Year => 4,
        };
        let sql = format!(
            "SELECT substr(e.date, 1, {len}) AS p, count(*) FROM events e WHERE {clause} AND e.date IS NOT NULL AND length(e.date) >= {len} GROUP BY p ORDER BY p"
        );
        let mut stmt = conn.prepare(&sql).map_err(backend)?;
        let rows = stmt
            .query_map(params_from_iter(args.iter().map(|b| b.as_ref())), |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64))
            })
            .map_err(backend)?
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(backend)?;
        Ok(rows)
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
