//! The entity table's counts, kept in memory between writes and added to the table every few
//! seconds with the highest document sequence number they cover (the table `meta`, key
//! `entities_counted`), so that a name the news repeats (the police, a president, an armed
//! group) costs one upsert per few thousand documents instead of one per batch. A store that
//! finds documents beyond that number when it opens (the process stopped before its last
//! flush) counts them again from the stored articles.

use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::time::{Duration, Instant};

use rusqlite::{params, Connection, OptionalExtension};
use tocsin_store::{entity_mentions, ArticleRecord, Result};

use crate::{backend, stored_range};

/// How long counts may wait in memory while a writer keeps adding.
const FLUSH_EVERY: Duration = Duration::from_secs(5);
/// Most distinct names held in memory before they are written.
const MAX_NAMES: usize = 100_000;
/// Articles read at once when counts are rebuilt from the database.
const RECOUNT_BATCH: i64 = 2_000;
/// The `meta` key of the highest document sequence number the table counts.
const COUNTED: &str = "entities_counted";

/// One name's counts not yet in the table.
#[derive(Debug, Clone)]
struct Tally {
    name: String,
    label: &'static str,
    articles: i64,
    events: i64,
    first_seen: Option<String>,
    last_seen: Option<String>,
}

impl Tally {
    fn merge(&mut self, other: Tally) {
        self.articles += other.articles;
        self.events += other.events;
        self.first_seen = earliest(self.first_seen.take(), other.first_seen);
        self.last_seen = latest(self.last_seen.take(), other.last_seen);
    }
}

fn earliest(a: Option<String>, b: Option<String>) -> Option<String> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn latest(a: Option<String>, b: Option<String>) -> Option<String> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

/// Counts by lower-cased name, and the highest document sequence number they cover.
#[derive(Debug, Default)]
pub(crate) struct Counts {
    names: HashMap<String, Tally>,
    through: i64,
}

impl Counts {
    /// The counts of some articles, the newest of them numbered `through`.
    pub(crate) fn of<'a>(
        articles: impl IntoIterator<Item = &'a ArticleRecord>,
        through: i64,
    ) -> Counts {
        let mut counts = Counts {
            names: HashMap::new(),
            through,
        };
        for a in articles {
            let seen = a
                .published
                .as_deref()
                .map(|p| p.get(..10).unwrap_or(p).to_string());
            for (name, label, events) in entity_mentions(a) {
                counts.add(Tally {
                    name,
                    label,
                    articles: 1,
                    events: events as i64,
                    first_seen: seen.clone(),
                    last_seen: seen.clone(),
                });
            }
        }
        counts
    }

    fn add(&mut self, t: Tally) {
        self.add_keyed(t.name.to_lowercase(), t);
    }

    fn add_keyed(&mut self, key: String, t: Tally) {
        match self.names.entry(key) {
            Entry::Occupied(mut have) => have.get_mut().merge(t),
            Entry::Vacant(slot) => {
                slot.insert(t);
            }
        }
    }

    /// Adds `other`'s counts (of later documents) to these.
    pub(crate) fn absorb(&mut self, other: Counts) {
        for (key, t) in other.names {
            self.add_keyed(key, t);
        }
        self.through = self.through.max(other.through);
    }

    fn is_empty(&self) -> bool {
        self.names.is_empty() && self.through == 0
    }

    /// Adds these counts to the table and records what they cover, inside the caller's
    /// transaction.
    pub(crate) fn write(&self, conn: &Connection) -> Result<()> {
        let mut stmt = conn
            .prepare_cached(
                "INSERT INTO entities (key, name, label, articles, events, first_seen, last_seen)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (key) DO UPDATE SET
                    articles = articles + excluded.articles,
                    events = events + excluded.events,
                    first_seen = min(coalesce(first_seen, excluded.first_seen), coalesce(excluded.first_seen, first_seen)),
                    last_seen = max(coalesce(last_seen, excluded.last_seen), coalesce(excluded.last_seen, last_seen))",
            )
            .map_err(backend)?;
        for (key, t) in &self.names {
            stmt.execute(params![
                key,
                t.name,
                t.label,
                t.articles,
                t.events,
                t.first_seen,
                t.last_seen
            ])
            .map_err(backend)?;
        }
        if self.through > 0 {
            set_counted(conn, self.through)?;
        }
        Ok(())
    }
}

/// Counts waiting to be written, with when they started waiting.
#[derive(Debug)]
pub(crate) struct Backlog {
    pub(crate) counts: Counts,
    since: Instant,
}

impl Default for Backlog {
    fn default() -> Self {
        Backlog {
            counts: Counts::default(),
            since: Instant::now(),
        }
    }
}

impl Backlog {
    /// Whether the waiting counts, with `more` added, should be written now.
    pub(crate) fn due(&self, more: &Counts) -> bool {
        self.since.elapsed() >= FLUSH_EVERY
            || self.counts.names.len() + more.names.len() > MAX_NAMES
    }

    /// Takes the waiting counts, leaving an empty backlog that starts waiting now.
    pub(crate) fn take(&mut self) -> Counts {
        std::mem::take(self).counts
    }

    /// Whether nothing waits.
    pub(crate) fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }
}

/// The highest document sequence number the table counts.
pub(crate) fn counted(conn: &Connection) -> Result<i64> {
    conn.query_row(
        "SELECT value FROM meta WHERE key = ?1",
        params![COUNTED],
        |r| r.get(0),
    )
    .optional()
    .map(|v| v.unwrap_or(0))
    .map_err(backend)
}

/// Forgets what the table counts, so that it is counted again from the articles (a store
/// made before the table existed).
pub(crate) fn forget_counts(conn: &Connection) -> Result<()> {
    conn.execute("DELETE FROM entities", []).map_err(backend)?;
    conn.execute("DELETE FROM meta WHERE key = ?1", params![COUNTED])
        .map_err(backend)?;
    Ok(())
}

fn set_counted(conn: &Connection, through: i64) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO meta (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = max(value, excluded.value)",
    )
    .and_then(|mut st| st.execute(params![COUNTED, through]))
    .map_err(backend)?;
    Ok(())
}

/// Counts the stored articles numbered after what the table covers, up to `newest` (all of
/// them for a store made before the table existed), a transaction per step.
pub(crate) fn recount(conn: &Connection, newest: i64) -> Result<()> {
    let mut from = counted(conn)?;
    while from < newest {
        let to = (from + RECOUNT_BATCH).min(newest);
        let tx = conn.unchecked_transaction().map_err(backend)?;
        let articles = stored_range(&tx, from, to)?;
        Counts::of(&articles, to).write(&tx)?;
        tx.commit().map_err(backend)?;
        from = to;
    }
    Ok(())
}
