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
];

/// The version that fills the entity table.
pub const ENTITIES: u32 = 4;

/// Brings the database up to the newest schema, refusing one written by a newer tocsin;
/// returns the version it found.
pub fn migrate(conn: &Connection) -> Result<u32> {
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
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        let batch = format!("BEGIN; {sql}; PRAGMA user_version = {}; COMMIT;", i + 1);
        conn.execute_batch(&batch)
            .map_err(|e| StoreError::Backend(format!("migration {}: {e}", i + 1)))?;
    }
    Ok(version)
}
