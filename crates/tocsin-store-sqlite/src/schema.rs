//! Schema migrations, applied in order; `PRAGMA user_version` records how far a database is.

use rusqlite::Connection;
use tocsin_store::{Result, StoreError};

/// Each entry upgrades the schema from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    // 1: documents, articles with full-text search, events with an index of actor names.
    "CREATE TABLE documents (
        id TEXT PRIMARY KEY,
        url TEXT, path TEXT, source_id TEXT, fetched_at TEXT,
        ingested_at TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
        stage TEXT, error TEXT
     );
     CREATE TABLE articles (
        doc_id TEXT NOT NULL UNIQUE REFERENCES documents(id),
        title TEXT, byline TEXT, published TEXT, language TEXT, site TEXT,
        text TEXT NOT NULL,
        entities TEXT NOT NULL, quotes TEXT NOT NULL, analysis TEXT NOT NULL
     );
     CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');
     CREATE TABLE events (
        id TEXT PRIMARY KEY,
        doc_id TEXT NOT NULL REFERENCES documents(id), idx INTEGER NOT NULL,
        type TEXT NOT NULL, family TEXT NOT NULL, date TEXT, country TEXT, place TEXT, lat REAL, lon REAL,
        killed INTEGER, injured INTEGER, actors TEXT NOT NULL, json TEXT NOT NULL,
        sources TEXT NOT NULL
     );
     CREATE VIRTUAL TABLE events_actors USING fts5(names, content='', tokenize='unicode61 remove_diacritics 2');
     CREATE INDEX events_date ON events (date);
     CREATE INDEX events_type_date ON events (type, date);
     CREATE INDEX events_family_date ON events (family, date);
     CREATE INDEX events_country_killed ON events (country, killed);
     CREATE INDEX events_country_date ON events (country, date);
     CREATE INDEX events_doc ON events (doc_id);",
    // 2: live feeds ask whether a URL is stored.
    "CREATE INDEX documents_url ON documents (url);",
    // 3: search and event filters moved to the Tantivy index beside the database, which
    // rebuilds itself from these tables on open; the database only fetches rows by key, so
    // the filter indexes and the actor column go (each index cost every insert).
    "DROP TABLE articles_fts; DROP TABLE events_actors;
     DROP INDEX events_date; DROP INDEX events_type_date; DROP INDEX events_family_date;
     DROP INDEX events_country_killed; DROP INDEX events_country_date;
     ALTER TABLE events DROP COLUMN actors;",
    // 4: people and organizations with how often articles and events name them (filled from
    // the stored articles by the store when it migrates).
    "CREATE TABLE entities (
        key TEXT PRIMARY KEY, name TEXT NOT NULL, label TEXT NOT NULL,
        articles INTEGER NOT NULL, events INTEGER NOT NULL,
        first_seen TEXT, last_seen TEXT
     ) WITHOUT ROWID;
     CREATE INDEX entities_articles ON entities (articles DESC);",
    // 5: an event's source (its article's URL, title, date and evidence sentences) is read
    // from the article it came from, not stored once more with each event.
    // The entity table counts documents up to `entities_counted`; counts wait in memory
    // between writes, and a store counts the documents beyond it again when it opens.
    "ALTER TABLE events DROP COLUMN sources;
     CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
     INSERT INTO meta (key, value)
        SELECT 'entities_counted', coalesce(max(rowid), 0) FROM documents;",
    // 6: articles and events are keyed by their document's sequence number (its rowid), which
    // only grows: every insert appends to the end of its B-tree. Keyed by the content hash,
    // each article and event also went into a unique index at a random place, and a batch of
    // a few hundred articles dirtied (and logged) a thousand or more index pages scattered
    // over the file, several times the bytes of the rows themselves. The hash stays in
    // `documents` alone; an event's id (`{doc_id}-{idx}`) is resolved through it.
    "CREATE TABLE articles_by_doc (
        doc INTEGER PRIMARY KEY,
        title TEXT, byline TEXT, published TEXT, language TEXT, site TEXT,
        text TEXT NOT NULL,
        entities TEXT NOT NULL, quotes TEXT NOT NULL, analysis TEXT NOT NULL
     );
     INSERT INTO articles_by_doc
        SELECT d.rowid, a.title, a.byline, a.published, a.language, a.site, a.text,
               a.entities, a.quotes, a.analysis
        FROM articles a JOIN documents d ON d.id = a.doc_id ORDER BY d.rowid;
     DROP TABLE articles;
     ALTER TABLE articles_by_doc RENAME TO articles;
     CREATE TABLE events_by_doc (
        doc INTEGER NOT NULL, idx INTEGER NOT NULL,
        type TEXT NOT NULL, family TEXT NOT NULL, date TEXT, country TEXT, place TEXT,
        lat REAL, lon REAL, killed INTEGER, injured INTEGER, json TEXT NOT NULL,
        PRIMARY KEY (doc, idx)
     ) WITHOUT ROWID;
     INSERT INTO events_by_doc
        SELECT d.rowid, e.idx, e.type, e.family, e.date, e.country, e.place, e.lat, e.lon,
               e.killed, e.injured, e.json
        FROM events e JOIN documents d ON d.id = e.doc_id ORDER BY d.rowid, e.idx;
     DROP TABLE events;
     ALTER TABLE events_by_doc RENAME TO events;",
];

/// The version that fills the entity table.
pub const ENTITIES: u32 = 4;

/// Brings the database up to the newest schema, refusing one written by a newer tocsin;
/// returns the version it found.
pub fn migrate(conn: &Connection) -> Result<u32> {
    migrate_to(conn, MIGRATIONS.len() as u32)
}

/// Brings the database up to schema `target` (tests build the stores of older versions).
pub(crate) fn migrate_to(conn: &Connection, target: u32) -> Result<u32> {
    let version: u32 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(|e| StoreError::Backend(e.to_string()))?;
    let supported = MIGRATIONS.len() as u32;
    if version > supported {
        return Err(StoreError::TooNew {
            found: version,
            supported,
        });
    }
    let upgrades = MIGRATIONS.iter().enumerate().take(target as usize);
    for (i, sql) in upgrades.skip(version as usize) {
        let batch = format!("BEGIN; {sql}; PRAGMA user_version = {}; COMMIT;", i + 1);
        conn.execute_batch(&batch)
            .map_err(|e| StoreError::Backend(format!("migration {}: {e}", i + 1)))?;
    }
    Ok(version)
}
