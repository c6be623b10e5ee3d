//! The compiled gazetteer: a versioned binary index from name keys to GeoNames features.
//!
//! The file is gzip over one little-endian buffer, which is also the in-memory index: loading
//! is decompression, a bounds check of every offset (so a corrupt file is an error at start-up,
//! never a panic later) and decoding the fixed-size feature records. Names are found through
//! an open-addressing hash table stored in the file, so nothing is rebuilt at load time.
//!
//! Layout after decompression (all integers little-endian):
//!
//! ```text
//! magic "TOCSNGAZ" | version u32 | n_entries u32 | n_keys u32 | n_postings u32
//! | table_slots u32 | strings_len u32 | meta_len u32
//! | meta (JSON: sources, licence, counts) | strings
//! | entries (n_entries × 32) | keys (n_keys × 16) | postings (n_postings × 4)
//! | table (table_slots × 4)
//! ```
//!
//! entry: geonameid u32, lat i32 (1e-5°), lon i32, population u32, name offset u32,
//! name length u16, kind u8, flags u8, country [u8; 2], admin1 entry u32 (`u32::MAX` if
//! none), cities u16, spare u16.
//! key: string offset u32, length u16, key flags u8, spare u8, first posting u32, postings u32.
//! posting: entry index (low 24 bits) | name flags (high 8 bits).
//! table slot: key index + 1 (0 = empty), probed linearly from `fnv1a(key) & (slots - 1)`.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::Serialize;

use crate::normalize::normalize_into;

/// The file magic.
pub const MAGIC: &[u8; 8] = b"TOCSNGAZ";
/// The format version this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;
const HEADER_LEN: usize = 8 + 4 * 7;
pub(crate) const ENTRY_LEN: usize = 32;
pub(crate) const KEY_LEN: usize = 16;
/// Largest decompressed size accepted, so a hostile file cannot exhaust memory.
const MAX_DECOMPRESSED: u64 = 1 << 30;

/// Errors loading a gazetteer.
#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    /// The file does not exist.
    #[error(
        "gazetteer file {path} not found; build it with `tocsin gazetteer build --data \
         <GeoNames dir> --out {path}` (see models/GAZETTEER.md) or pass --gazetteer"
    )]
    Missing {
        /// The path tried.
        path: PathBuf,
    },
    /// The file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The error.
        #[source]
        source: std::io::Error,
    },
    /// The bytes are not a gazetteer this build can read.
    #[error("corrupt gazetteer: {0}")]
    Corrupt(String),
    /// The file was written by another format version.
    #[error("gazetteer format version {found}; this build reads version {expected}; rebuild it")]
    Version {
        /// Version in the file.
        found: u32,
        /// Version this code reads.
        expected: u32,
    },
}

/// What kind of feature an entry is (a coarse GeoNames feature class).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
#[repr(u8)]
pub enum Kind {
    /// An independent country or dependent territory (GeoNames PCL*, TERR).
    Country = 0,
    /// A first-level division (state, province, oblast).
    Admin1 = 1,
    /// A second-level division (county, district).
    Admin2 = 2,
    /// A populated place (GeoNames cities500: PPL*).
    City = 3,
    /// A continent.
    Continent = 4,
    /// A region that belongs to no country (Middle East, Sahel, Western Europe).
    Region = 5,
    /// A sea, ocean, gulf, strait or international river.
    Water = 6,
    /// An island or archipelago.
    Island = 7,
    /// Another natural feature (mountains, deserts, plains).
    Landform = 8,
    /// A facility or building.
    Facility = 9,
    /// A small locality known only from the OpenWeatherMap city list (no population).
    Locality = 10,
    /// A country that no longer exists (USSR, Yugoslavia), placed at its successor's point.
    HistoricCountry = 11,
}

impl Kind {
    /// The kind stored as `code`, if any.
    pub fn from_code(code: u8) -> Option<Kind> {
        use Kind::*;
        Some(match code {
            0 => Country,
            1 => Admin1,
            2 => Admin2,
            3 => City,
            4 => Continent,
            5 => Region,
            6 => Water,
            7 => Island,
            8 => Landform,
            9 => Facility,
            10 => Locality,
            11 => HistoricCountry,
            _ => return None,
        })
    }

    /// Whether the kind is a political unit that contains cities (country or division).
    pub fn is_area(self) -> bool {
        matches!(
            self,
            Kind::Country | Kind::Admin1 | Kind::Admin2 | Kind::HistoricCountry
        )
    }
}

/// Entry flags.
pub mod entry_flags {
    /// A national capital.
    pub const CAPITAL: u8 = 1;
    /// The entry has a point (admin units without one are placed at their parent's).
    pub const HAS_POINT: u8 = 2;
    /// The point is derived (mean of the unit's cities), not a GeoNames point.
    pub const DERIVED_POINT: u8 = 4;
    /// The entry or its point comes from the OpenWeatherMap city list (CC BY-SA 4.0).
    pub const OWM: u8 = 8;
}

/// Name flags, per (name, entry) pair.
pub mod name_flags {
    /// The entry's own (display) name.
    pub const PRIMARY: u8 = 1;
    /// Written in capitals in the source (UK, USA, NSW): matches only capitalized text.
    pub const ACRONYM: u8 = 2;
    /// A dotted abbreviation (Ky., Calif., B.C.).
    pub const ABBREV: u8 = 4;
    /// Valid only right after "Place, " (postal codes such as GA, CA, and short abbreviations).
    pub const CONTEXT: u8 = 8;
    /// A demonym or adjective (Russian, Tajik): names the place, but is not a toponym span
    /// in every annotation convention.
    pub const DEMONYM: u8 = 16;
    /// A historical name.
    pub const HISTORIC: u8 = 32;
    /// An English (or language-neutral) name of a country, or a curated alias.
    pub const ENGLISH: u8 = 64;
    /// A colloquial or short name.
    pub const COLLOQUIAL: u8 = 128;
}

/// Key flags, per name key.
pub mod key_flags {
    /// The key is also an ordinary lower-case English word ("nice", "reading", "police").
    pub const COMMON_WORD: u8 = 1;
    /// The key is a common English given name ("george"; not "jackson" or "paris").
    pub const GIVEN_NAME: u8 = 2;
    /// The key almost never names a place in news (days, months, "North", "White House").
    pub const NOT_PLACE: u8 = 4;
}

/// Index of an entry in a [`Gazetteer`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntryId(pub u32);

/// One feature.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Entry {
    /// GeoNames id.
    pub geonameid: u32,
    /// Latitude, degrees.
    pub lat: f64,
    /// Longitude, degrees.
    pub lon: f64,
    /// Population (for countries and cities as GeoNames gives it; for first-level divisions
    /// the sum of their cities500 places; 0 when unknown).
    pub population: u32,
    /// Feature kind.
    pub kind: Kind,
    /// [`entry_flags`].
    pub flags: u8,
    /// ISO 3166-1 alpha-2 country code (`[0, 0]` for no-country features).
    pub country: [u8; 2],
    /// The first-level division the entry lies in, if known.
    pub admin1: Option<EntryId>,
    /// For divisions: how many cities500 places they hold (a size prior where population is
    /// unknown).
    pub cities: u16,
    name_off: u32,
    name_len: u16,
}

impl Entry {
    /// The country code as a string (`""` for none).
    pub fn country_code(&self) -> &str {
        std::str::from_utf8(&self.country)
            .ok()
            .filter(|s| s.bytes().all(|b| b.is_ascii_uppercase()))
            .unwrap_or("")
    }

    /// Whether the entry has a point of its own.
    pub fn has_point(&self) -> bool {
        self.flags & entry_flags::HAS_POINT != 0
    }
}

/// One candidate for a name: an entry and how the name names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posting {
    /// The entry.
    pub entry: EntryId,
    /// [`name_flags`].
    pub flags: u8,
}

/// The candidates for one name key.
#[derive(Debug, Clone, Copy)]
pub struct KeyMatch<'a> {
    /// [`key_flags`].
    pub flags: u8,
    raw: &'a [u8],
}

impl<'a> KeyMatch<'a> {
    /// The candidates.
    pub fn postings(&self) -> impl Iterator<Item = Posting> + 'a {
        self.raw.chunks_exact(4).map(|c| {
            let v = u32::from_le_bytes([c[0], c[1], c[2], c[3]]);
            Posting {
                entry: EntryId(v & 0x00FF_FFFF),
                flags: (v >> 24) as u8,
            }
        })
    }

    /// Number of candidates.
    pub fn len(&self) -> usize {
        self.raw.len() / 4
    }

    /// Whether there are none (never true for a key found in the table).
    pub fn is_empty(&self) -> bool {
        self.raw.is_empty()
    }
}

/// A loaded gazetteer.
#[derive(Debug)]
pub struct Gazetteer {
    buf: Vec<u8>,
    entries: Vec<Entry>,
    strings: (usize, usize),
    keys: (usize, usize),
    postings: (usize, usize),
    table: (usize, usize),
    slot_mask: u32,
    meta: String,
    by_country: HashMap<[u8; 2], EntryId>,
    by_geonameid: OnceLock<HashMap<u32, EntryId>>,
    max_key_words: usize,
}

/// FNV-1a, 64 bits: the table's hash (stable across builds and platforms).
pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

fn u32_at(buf: &[u8], at: usize) -> Result<u32, GazetteerError> {
    buf.get(at..at + 4)
        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .ok_or_else(|| GazetteerError::Corrupt(format!("truncated at byte {at}")))
}

impl Gazetteer {
    /// Reads a gazetteer file (gzip). A missing file, a file that is not gzip, a truncated or
    /// inconsistent one and one of another format version are distinct errors.
    pub fn load(path: &Path) -> Result<Gazetteer, GazetteerError> {
        let bytes = std::fs::read(path).map_err(|source| {
            if source.kind() == std::io::ErrorKind::NotFound {
                GazetteerError::Missing {
                    path: path.to_path_buf(),
                }
            } else {
                GazetteerError::Io {
                    path: path.to_path_buf(),
                    source,
                }
            }
        })?;
        Gazetteer::from_gzip(&bytes)
    }

    /// Reads a gazetteer from the bytes of a gazetteer file (gzip).
    pub fn from_gzip(bytes: &[u8]) -> Result<Gazetteer, GazetteerError> {
        if bytes.len() < 2 || bytes[0] != 0x1f || bytes[1] != 0x8b {
            return Err(GazetteerError::Corrupt("not a gzip file".into()));
        }
        let mut buf = Vec::with_capacity(bytes.len() * 3);
        flate2::read::GzDecoder::new(bytes)
            .take(MAX_DECOMPRESSED)
            .read_to_end(&mut buf)
            .map_err(|e| GazetteerError::Corrupt(format!("gzip: {e}")))?;
        Gazetteer::from_raw(buf)
    }

    /// Reads a gazetteer from its decompressed buffer.
    pub fn from_raw(buf: Vec<u8>) -> Result<Gazetteer, GazetteerError> {
        let corrupt = |m: &str| GazetteerError::Corrupt(m.to_string());
        if buf.len() < HEADER_LEN || &buf[..8] != MAGIC {
            return Err(corrupt("bad magic (not a tocsin gazetteer)"));
        }
        let version = u32_at(&buf, 8)?;
        if version != FORMAT_VERSION {
            return Err(GazetteerError::Version {
                found: version,
                expected: FORMAT_VERSION,
            });
        }
        let n_entries = u32_at(&buf, 12)? as usize;
        let n_keys = u32_at(&buf, 16)? as usize;
        let n_postings = u32_at(&buf, 20)? as usize;
        let slots = u32_at(&buf, 24)? as usize;
        let strings_len = u32_at(&buf, 28)? as usize;
        let meta_len = u32_at(&buf, 32)? as usize;
        if slots == 0 || !slots.is_power_of_two() || slots <= n_keys {
            return Err(corrupt("bad hash table size"));
        }
        if n_entries >= 1 << 24 {
            return Err(corrupt("too many entries"));
        }
        let mut at = HEADER_LEN;
        let mut section = |len: usize| -> Result<(usize, usize), GazetteerError> {
            let start = at;
            let end = start
                .checked_add(len)
                .filter(|&e| e <= buf.len())
                .ok_or_else(|| corrupt("truncated"))?;
            at = end;
            Ok((start, end))
        };
        let meta = section(meta_len)?;
        let strings = section(strings_len)?;
        let entries_r = section(n_entries * ENTRY_LEN)?;
        let keys = section(n_keys * KEY_LEN)?;
        let postings = section(n_postings * 4)?;
        let table = section(slots * 4)?;
        if at != buf.len() {
            return Err(corrupt("trailing bytes"));
        }
        let meta = std::str::from_utf8(&buf[meta.0..meta.1])
            .map_err(|_| corrupt("metadata is not UTF-8"))?
            .to_string();
        let str_bytes = &buf[strings.0..strings.1];

        let mut entries = Vec::with_capacity(n_entries);
        for rec in buf[entries_r.0..entries_r.1].chunks_exact(ENTRY_LEN) {
            let u = |i: usize| u32::from_le_bytes([rec[i], rec[i + 1], rec[i + 2], rec[i + 3]]);
            let u16_at = |i: usize| u16::from_le_bytes([rec[i], rec[i + 1]]);
            let name_off = u(16);
            let name_len = u16_at(20);
            let name_end = name_off as usize + name_len as usize;
            if name_end > str_bytes.len()
                || std::str::from_utf8(&str_bytes[name_off as usize..name_end]).is_err()
            {
                return Err(corrupt("entry name out of bounds"));
            }
            let kind = Kind::from_code(rec[22]).ok_or_else(|| corrupt("unknown entry kind"))?;
            let admin1 = u(26);
            let admin1 = if admin1 == u32::MAX {
                None
            } else if (admin1 as usize) < n_entries {
                Some(EntryId(admin1))
            } else {
                return Err(corrupt("admin1 link out of bounds"));
            };
            let lat = f64::from(u(4) as i32) / 1e5;
            let lon = f64::from(u(8) as i32) / 1e5;
            if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
                return Err(corrupt("coordinates out of range"));
            }
            entries.push(Entry {
                geonameid: u(0),
                lat,
                lon,
                population: u(12),
                kind,
                flags: rec[23],
                country: [rec[24], rec[25]],
                admin1,
                cities: u16_at(30),
                name_off,
                name_len,
            });
        }

        let mut max_key_words = 1;
        for rec in buf[keys.0..keys.1].chunks_exact(KEY_LEN) {
            let u = |i: usize| u32::from_le_bytes([rec[i], rec[i + 1], rec[i + 2], rec[i + 3]]);
            let off = u(0) as usize;
            let len = u16::from_le_bytes([rec[4], rec[5]]) as usize;
            let first = u(8) as usize;
            let count = u(12) as usize;
            let key = str_bytes
                .get(off..off + len)
                .ok_or_else(|| corrupt("key out of bounds"))?;
            if first + count > n_postings || count == 0 {
                return Err(corrupt("postings out of bounds"));
            }
            let words = key.iter().filter(|&&b| b == b' ').count() + 1;
            max_key_words = max_key_words.max(words);
        }
        for p in buf[postings.0..postings.1].chunks_exact(4) {
            let v = u32::from_le_bytes([p[0], p[1], p[2], p[3]]);
            if (v & 0x00FF_FFFF) as usize >= n_entries {
                return Err(corrupt("posting out of bounds"));
            }
        }
        for s in buf[table.0..table.1].chunks_exact(4) {
            let v = u32::from_le_bytes([s[0], s[1], s[2], s[3]]) as usize;
            if v > n_keys {
                return Err(corrupt("hash slot out of bounds"));
            }
        }
        let mut by_country = HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            if e.kind == Kind::Country {
                by_country.insert(e.country, EntryId(i as u32));
            }
        }
        Ok(Gazetteer {
            buf,
            entries,
            strings,
            keys,
            postings,
            table,
            slot_mask: (slots - 1) as u32,
            meta,
            by_country,
            by_geonameid: OnceLock::new(),
            max_key_words,
        })
    }

    /// Where the gazetteer is looked for when none is named: `$TOCSIN_GAZETTEER`, then
    /// `models/gazetteer.bin.gz` under the current directory, then next to the executable
    /// (`<exe dir>/models/`, and `../../models/` for `target/<profile>/tocsin`), then the
    /// source tree this binary was built from.
    pub fn default_paths() -> Vec<PathBuf> {
        let mut out = Vec::new();
        if let Some(p) = std::env::var_os("TOCSIN_GAZETTEER") {
            out.push(PathBuf::from(p));
        }
        out.push(PathBuf::from("models/gazetteer.bin.gz"));
        if let Ok(exe) = std::env::current_exe() {
            if let Some(dir) = exe.parent() {
                out.push(dir.join("models/gazetteer.bin.gz"));
                out.push(dir.join("../../models/gazetteer.bin.gz"));
            }
        }
        out.push(PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../models/gazetteer.bin.gz"
        )));
        out
    }

    /// Loads the first gazetteer found at [`Gazetteer::default_paths`]; when none exists,
    /// the error names the first path tried.
    pub fn load_default() -> Result<Gazetteer, GazetteerError> {
        let paths = Gazetteer::default_paths();
        for p in &paths {
            if p.exists() {
                return Gazetteer::load(p);
            }
        }
        Err(GazetteerError::Missing {
            path: paths
                .into_iter()
                .next()
                .unwrap_or_else(|| PathBuf::from("models/gazetteer.bin.gz")),
        })
    }

    /// Build metadata (JSON: sources, licence, counts).
    pub fn metadata(&self) -> &str {
        &self.meta
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the gazetteer has no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Number of distinct name keys.
    pub fn key_count(&self) -> usize {
        (self.keys.1 - self.keys.0) / KEY_LEN
    }

    /// The most words any name has (bounds the recognizer's window).
    pub fn max_key_words(&self) -> usize {
        self.max_key_words
    }

    /// An entry.
    pub fn entry(&self, id: EntryId) -> &Entry {
        &self.entries[id.0 as usize]
    }

    /// All entries, in index order.
    pub fn entries(&self) -> impl Iterator<Item = (EntryId, &Entry)> {
        self.entries
            .iter()
            .enumerate()
            .map(|(i, e)| (EntryId(i as u32), e))
    }

    /// An entry's display name.
    pub fn name(&self, id: EntryId) -> &str {
        let e = self.entry(id);
        let s = &self.buf[self.strings.0..self.strings.1];
        s.get(e.name_off as usize..e.name_off as usize + e.name_len as usize)
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or("")
    }

    /// The country entry for an ISO code.
    pub fn country(&self, code: [u8; 2]) -> Option<EntryId> {
        self.by_country.get(&code).copied()
    }

    /// The entry with a GeoNames id (the index is built on first use).
    pub fn by_geonameid(&self, geonameid: u32) -> Option<EntryId> {
        self.by_geonameid
            .get_or_init(|| {
                self.entries
                    .iter()
                    .enumerate()
                    .map(|(i, e)| (e.geonameid, EntryId(i as u32)))
                    .collect()
            })
            .get(&geonameid)
            .copied()
    }

    /// Candidates for an already-normalized key (see [`crate::normalize`]).
    pub fn lookup_key(&self, key: &str) -> Option<KeyMatch<'_>> {
        let key = key.as_bytes();
        let table = &self.buf[self.table.0..self.table.1];
        let keys = &self.buf[self.keys.0..self.keys.1];
        let strings = &self.buf[self.strings.0..self.strings.1];
        let postings = &self.buf[self.postings.0..self.postings.1];
        let mut slot = (fnv1a(key) as u32) & self.slot_mask;
        // The table always has an empty slot (checked at load); the bound is belt and braces.
        for _ in 0..=self.slot_mask {
            let at = slot as usize * 4;
            let v = u32::from_le_bytes([table[at], table[at + 1], table[at + 2], table[at + 3]]);
            if v == 0 {
                return None;
            }
            let rec = &keys[(v as usize - 1) * KEY_LEN..][..KEY_LEN];
            let u = |i: usize| u32::from_le_bytes([rec[i], rec[i + 1], rec[i + 2], rec[i + 3]]);
            let off = u(0) as usize;
            let len = u16::from_le_bytes([rec[4], rec[5]]) as usize;
            if strings.get(off..off + len) == Some(key) {
                let first = u(8) as usize;
                let count = u(12) as usize;
                return Some(KeyMatch {
                    flags: rec[6],
                    raw: &postings[first * 4..(first + count) * 4],
                });
            }
            slot = (slot + 1) & self.slot_mask;
        }
        None
    }

    /// Candidates for a name as written (normalized here).
    pub fn lookup(&self, name: &str) -> Option<KeyMatch<'_>> {
        let mut key = String::with_capacity(name.len());
        normalize_into(name, &mut key);
        self.lookup_key(&key)
    }
}
