//! The alias table: the many names of armed groups, state forces and agencies.
//!
//! One actor, many spellings ("ISIS", "ISIL", "Daesh", "Islamic State"), and actors form
//! families ("ISIS-K" is the Islamic State's Khorasan branch). The table ships as
//! `data/actors.tsv`, compiled into the binary, and users add or override rows with a file
//! in the same format, because no shipped list keeps up with a conflict.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

/// The table shipped with tocsin.
pub const BUILTIN_TSV: &str = include_str!("../../data/actors.tsv");

/// An actor's index in its [`AliasTable`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ActorId(pub u32);

/// What kind of actor a row describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    /// A non-state armed group: insurgents, militias, cartels, terrorist organizations.
    ArmedGroup,
    /// A state's armed or security forces.
    StateForce,
    /// A state agency: intelligence, police, investigators.
    Agency,
    /// A country, for its alternative names (`U.S.`, `Britain`).
    Country,
    /// Any other organization.
    Organization,
}

impl ActorKind {
    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "armed_group" => Self::ArmedGroup,
            "state_force" => Self::StateForce,
            "agency" => Self::Agency,
            "country" => Self::Country,
            "organization" | "organisation" | "org" => Self::Organization,
            _ => return None,
        })
    }
}

/// One actor: its canonical name, kind, parent and aliases.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    /// The name every alias resolves to.
    pub canonical: String,
    /// What kind of actor it is.
    pub kind: ActorKind,
    /// The actor this one is a branch of (`Islamic State` for `ISIS-K`).
    pub parent: Option<ActorId>,
    /// Its other names, as written in the table.
    pub aliases: Vec<String>,
}

/// Why an alias file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum AliasError {
    /// A row is malformed.
    #[error("line {line}: {message}")]
    Line {
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// Parents form a loop.
    #[error("actor {0:?} is its own ancestor")]
    Cycle(String),
    /// The file could not be read.
    #[error("reading {path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
}

/// Aliases of actors, looked up by name.
#[derive(Debug, Clone, Default)]
pub struct AliasTable {
    actors: Vec<Actor>,
    /// Folded name (lowercase, no punctuation, no leading "the") → actor.
    folded: HashMap<String, ActorId>,
    /// Short aliases (`IS`, `LeT`), punctuation removed but case kept → actor.
    exact: HashMap<String, ActorId>,
    /// First folded word of every alias → the most words an alias starting with it has:
    /// lets [`AliasTable::find_names`] scan text without trying every n-gram.
    first_words: HashMap<String, usize>,
}

impl AliasTable {
    /// The table shipped with tocsin (`data/actors.tsv`), parsed once.
    pub fn builtin() -> &'static AliasTable {
        static TABLE: OnceLock<AliasTable> = OnceLock::new();
        TABLE.get_or_init(|| {
            // The shipped file is checked by a unit test; a broken edit degrades to an empty
            // table rather than a panic in production.
            Self::from_tsv(BUILTIN_TSV).unwrap_or_default()
        })
    }

    /// A table from TSV text (see `data/actors.tsv` for the format).
    pub fn from_tsv(src: &str) -> Result<Self, AliasError> {
        let mut table = Self::default();
        table.extend_from_tsv(src)?;
        Ok(table)
    }

    /// The built-in table extended with a user's file.
    pub fn builtin_with_file(path: &Path) -> Result<Self, AliasError> {
        let mut table = Self::builtin().clone();
        table.extend_from_file(path)?;
        Ok(table)
    }

    /// Adds the rows of a TSV file. A row whose canonical name is already in the table adds
    /// its aliases to that actor and replaces its kind, and its parent when one is given.
    pub fn extend_from_file(&mut self, path: &Path) -> Result<(), AliasError> {
        let src = std::fs::read_to_string(path).map_err(|source| AliasError::Io {
            path: path.display().to_string(),
            source,
        })?;
        self.extend_from_tsv(&src)
    }

    /// Adds the rows of TSV text; see [`AliasTable::extend_from_file`].
    pub fn extend_from_tsv(&mut self, src: &str) -> Result<(), AliasError> {
        struct Row<'a> {
            line: usize,
            id: ActorId,
            parent: &'a str,
        }
        let mut rows = Vec::new();
        for (n, line) in src.lines().enumerate() {
            let line_no = n + 1;
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 2 {
                return Err(AliasError::Line {
                    line: line_no,
                    message: "expected tab-separated columns: canonical, kind, parent, aliases"
                        .into(),
                });
            }
            let canonical = cols[0].trim();
            if canonical.is_empty() {
                return Err(AliasError::Line {
                    line: line_no,
                    message: "empty canonical name".into(),
                });
            }
            let kind = ActorKind::parse(cols[1].trim()).ok_or_else(|| AliasError::Line {
                line: line_no,
                message: format!("unknown kind {:?}", cols[1].trim()),
            })?;
            let parent = cols.get(2).map_or("", |p| p.trim());
            let aliases: Vec<&str> = cols
                .get(3)
                .map(|a| {
                    a.split('|')
                        .map(str::trim)
                        .filter(|a| !a.is_empty())
                        .collect()
                })
                .unwrap_or_default();
            let id = match self.find_canonical(canonical) {
                Some(id) => {
                    self.actors[id.0 as usize].kind = kind;
                    id
                }
                None => {
                    let id = ActorId(self.actors.len() as u32);
                    self.actors.push(Actor {
                        canonical: canonical.to_string(),
                        kind,
                        parent: None,
                        aliases: Vec::new(),
                    });
                    self.index(canonical, id);
                    id
                }
            };
            for alias in aliases {
                let actor = &mut self.actors[id.0 as usize];
                if !actor.aliases.iter().any(|a| a == alias) {
                    actor.aliases.push(alias.to_string());
                }
                self.index(alias, id);
            }
            rows.push(Row {
                line: line_no,
                id,
                parent,
            });
        }
        // Parents may be defined after their branches: link them once every row is in.
        for row in rows {
            if row.parent.is_empty() || row.parent == "-" {
                continue;
            }
            let parent = self
                .find_canonical(row.parent)
                .ok_or_else(|| AliasError::Line {
                    line: row.line,
                    message: format!("unknown parent {:?}", row.parent),
                })?;
            self.actors[row.id.0 as usize].parent = Some(parent);
        }
        for id in 0..self.actors.len() {
            let mut seen = 0;
            let mut cur = ActorId(id as u32);
            while let Some(p) = self.actors[cur.0 as usize].parent {
                seen += 1;
                if p.0 as usize == id || seen > self.actors.len() {
                    return Err(AliasError::Cycle(self.actors[id].canonical.clone()));
                }
                cur = p;
            }
        }
        Ok(())
    }

    fn find_canonical(&self, name: &str) -> Option<ActorId> {
        self.actors
            .iter()
            .position(|a| a.canonical == name)
            .map(|p| ActorId(p as u32))
    }

    fn index(&mut self, alias: &str, id: ActorId) {
        let folded = fold(alias);
        let n = folded.split(' ').count();
        if let Some(first) = folded.split(' ').next() {
            let e = self.first_words.entry(first.to_string()).or_insert(0);
            *e = (*e).max(n);
        }
        let exact = exact_key(alias);
        if exact.chars().count() <= 4 {
            self.exact.insert(exact, id);
        } else {
            self.folded.insert(fold(alias), id);
        }
    }

    /// The actor a name refers to, if the table knows it. Tolerates case (for names longer
    /// than four characters), dots, hyphens, a leading "the", a possessive `'s`, and generic
    /// words around the name ("the militant group Islamic State", "Houthi rebels").
    pub fn lookup(&self, name: &str) -> Option<ActorId> {
        let name = strip_possessive(name.trim());
        let name = strip_the(name);
        if let Some(&id) = self.exact.get(&exact_key(name)) {
            return Some(id);
        }
        let folded = fold(name);
        if let Some(&id) = self.folded.get(&folded) {
            return Some(id);
        }
        let mut words: Vec<&str> = folded.split(' ').collect();
        while words.len() > 1 && GENERIC_HEAD.contains(&words[0]) {
            words.remove(0);
        }
        while words.len() > 1 && words.last().is_some_and(|w| GENERIC_TAIL.contains(w)) {
            words.pop();
        }
        let trimmed = words.join(" ");
        if trimmed != folded {
            if let Some(&id) = self.folded.get(&trimmed) {
                return Some(id);
            }
            // What is left may be a short alias ("the IS group").
            let original: Vec<&str> = name.split_whitespace().collect();
            if words.len() == 1 {
                if let Some(w) = original.iter().find(|w| fold(w) == words[0]) {
                    return self.exact.get(&exact_key(w)).copied();
                }
            }
        }
        None
    }

    /// Names of known actors in `text`, as token ranges with their actor, longest match
    /// first: the names a tagger misses, as in lower-cased wire text. Short aliases ("IS",
    /// "ELN") must match case unless `any_case` (a text written without capitals).
    pub fn find_names(
        &self,
        text: &str,
        tokens: &[crate::tokenize::Token],
        any_case: bool,
    ) -> Vec<(std::ops::Range<usize>, ActorId)> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            let first = fold(tokens[i].text(text));
            let Some(&max) = self.first_words.get(first.as_str()) else {
                i += 1;
                continue;
            };
            let mut found = None;
            // Longest first; an n-gram may cover more tokens than words (hyphens, dots).
            for len in (1..=(max * 2).min(tokens.len() - i)).rev() {
                let span = &text[tokens[i].start as usize..tokens[i + len - 1].end as usize];
                let folded = fold(span);
                if folded.split(' ').count() > max {
                    continue;
                }
                let hit = self.folded.get(&folded).copied().or_else(|| {
                    let key = exact_key(span);
                    self.exact.get(&key).copied().or_else(|| {
                        (any_case && !is_common_word(&folded))
                            .then(|| self.exact.get(&key.to_uppercase()).copied())
                            .flatten()
                    })
                });
                if let Some(id) = hit {
                    found = Some((i..i + len, id));
                    break;
                }
            }
            match found {
                Some((r, id)) => {
                    i = r.end;
                    out.push((r, id));
                }
                None => i += 1,
            }
        }
        out
    }

    /// The actor with this id.
    pub fn actor(&self, id: ActorId) -> Option<&Actor> {
        self.actors.get(id.0 as usize)
    }

    /// The root of the actor's family (`Islamic State` for `ISIS-K`; itself for a root).
    pub fn family(&self, id: ActorId) -> ActorId {
        let mut cur = id;
        for _ in 0..=self.actors.len() {
            match self.actor(cur).and_then(|a| a.parent) {
                Some(p) => cur = p,
                None => break,
            }
        }
        cur
    }

    /// Whether two actors belong to one family (one is the other's branch, or both branch
    /// from the same root).
    pub fn same_family(&self, a: ActorId, b: ActorId) -> bool {
        self.family(a) == self.family(b)
    }

    /// Number of actors.
    pub fn len(&self) -> usize {
        self.actors.len()
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.actors.is_empty()
    }

    /// All actors with their ids.
    pub fn iter(&self) -> impl Iterator<Item = (ActorId, &Actor)> {
        self.actors
            .iter()
            .enumerate()
            .map(|(i, a)| (ActorId(i as u32), a))
    }
}

/// Words that describe rather than name a group, tried off the front of a mention.
const GENERIC_HEAD: &[&str] = &[
    "militant",
    "jihadist",
    "terrorist",
    "terror",
    "extremist",
    "islamist",
    "rebel",
    "armed",
    "insurgent",
    "group",
    "outlawed",
    "banned",
    "proscribed",
];

/// … and off its end.
const GENERIC_TAIL: &[&str] = &[
    "group",
    "groups",
    "militants",
    "militant",
    "militia",
    "militias",
    "fighters",
    "rebels",
    "insurgents",
    "network",
    "movement",
    "organization",
    "organisation",
    "terrorists",
    "jihadists",
    "members",
    "loyalists",
    "affiliate",
    "branch",
    "faction",
    "cell",
    "cells",
];

fn strip_possessive(s: &str) -> &str {
    for suffix in ["'s", "’s", "'", "’"] {
        if let Some(rest) = s.strip_suffix(suffix) {
            return rest;
        }
    }
    s
}

fn strip_the(s: &str) -> &str {
    for prefix in ["the ", "The ", "THE "] {
        if let Some(rest) = s.strip_prefix(prefix) {
            return rest;
        }
    }
    s
}

/// Letters and digits only, case kept: `U.S.` → `US`, `IS-K` → `ISK`.
fn exact_key(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// Lowercase words separated by single spaces; dots and apostrophes vanish (`U.S.` → `us`,
/// `Hay'at` → `hayat`), other punctuation separates (`ISIS-K` → `isis k`), a leading "the"
/// goes.
pub(crate) fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = true;
    for c in s.chars() {
        if matches!(c, '.' | '\'' | '’' | 'ʼ' | '‘') {
            continue;
        }
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    while out.ends_with(' ') {
        out.pop();
    }
    match out.strip_prefix("the ") {
        Some(rest) => rest.to_string(),
        None => out,
    }
}

/// Short English words that are also an actor's letters ("is" and IS, "us" and US): in a text
/// without case they are the words.
pub fn is_common_word(folded: &str) -> bool {
    matches!(
        folded,
        "a" | "am"
            | "an"
            | "and"
            | "are"
            | "as"
            | "at"
            | "be"
            | "but"
            | "by"
            | "can"
            | "do"
            | "for"
            | "go"
            | "had"
            | "has"
            | "he"
            | "her"
            | "him"
            | "his"
            | "i"
            | "if"
            | "in"
            | "is"
            | "it"
            | "its"
            | "me"
            | "my"
            | "no"
            | "not"
            | "of"
            | "on"
            | "one"
            | "or"
            | "our"
            | "out"
            | "she"
            | "so"
            | "the"
            | "to"
            | "up"
            | "us"
            | "was"
            | "we"
            | "who"
            | "you"
            | "hit"
            | "aim"
            | "arm"
            | "art"
            | "man"
            | "sun"
            | "top"
            | "war"
            | "will"
            | "may"
            | "new"
            | "now"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_table_parses() {
        let table = AliasTable::from_tsv(BUILTIN_TSV).expect("the shipped table is valid");
        assert!(table.len() > 50);
    }

    #[test]
    fn folding() {
        assert_eq!(fold("ISIS-K"), "isis k");
        assert_eq!(fold("The  Long War Journal"), "long war journal");
        assert_eq!(fold("Hay'at Tahrir al-Sham"), "hayat tahrir al sham");
        assert_eq!(exact_key("U.S."), "US");
    }
}
