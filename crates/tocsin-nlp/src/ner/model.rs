//! The model: quantized weights over hashed features, the clusters and the gazetteer, and its
//! file format.
//!
//! File: gzip of
//! `MAGIC, version u32, metadata (JSON string), scheme u8, feature groups u32, tags u16,
//! rows u32, keys (u64 each, row order), weights (per row: a u32 mask of the tags with a
//! non-zero weight, then those weights as i16), clusters (word →
//! classes, word → casing profile), gazetteer`,
//! all little-endian; strings and arrays are preceded by their length (u32).

use std::io::{Read, Write};

use super::features::group;
use super::hash::HashKeyMap;
use super::resources::{Clusters, Gazetteer, CLUSTERINGS};
use super::tags::Scheme;
use super::NerError;

/// First bytes of an uncompressed model.
const MAGIC: &[u8; 8] = b"TOCSNER\0";
/// Format version written by this code.
pub(crate) const FORMAT_VERSION: u32 = 1;
/// Largest uncompressed model accepted (guards against decompression bombs).
const MAX_MODEL_BYTES: u64 = 1 << 30;

/// Quantized feature weights in an open-addressing table.
///
/// The table holds 8-byte slots (the key's high 32 bits as a fingerprint and the row), so a
/// lookup of an unknown feature, the common case, touches one small cache line; the weights of
/// a known one are in a separate row. Two keys that share a slot chain and a fingerprint would
/// be confused (about one chance in 2^32 per lookup): harmless for a linear model.
#[derive(Debug, Clone)]
pub(crate) struct Weights {
    n_tags: usize,
    /// Keys in row order.
    keys: Vec<u64>,
    /// Row-major `keys.len() × n_tags`.
    data: Vec<i16>,
    /// `(fingerprint, row)`; row `u32::MAX` marks an empty slot.
    slots: Vec<(u32, u32)>,
    mask: usize,
}

const EMPTY: u32 = u32::MAX;

impl Weights {
    /// A table over rows (keys must be distinct).
    pub fn new(n_tags: usize, keys: Vec<u64>, data: Vec<i16>) -> Result<Self, NerError> {
        if data.len() != keys.len() * n_tags {
            return Err(NerError::Corrupt("weight matrix size".into()));
        }
        if keys.len() >= EMPTY as usize {
            return Err(NerError::Corrupt("too many features".into()));
        }
        let cap = (keys.len() * 2).next_power_of_two().max(16);
        let mask = cap - 1;
        let mut slots = vec![(0u32, EMPTY); cap];
        for (row, &k) in keys.iter().enumerate() {
            let fp = (k >> 32) as u32;
            let mut i = (k as usize) & mask;
            loop {
                let slot = &mut slots[i];
                if slot.1 == EMPTY {
                    *slot = (fp, row as u32);
                    break;
                }
                if slot.0 == fp && keys[slot.1 as usize] == k {
                    return Err(NerError::Corrupt("duplicate feature key".into()));
                }
                i = (i + 1) & mask;
            }
        }
        Ok(Weights {
            n_tags,
            keys,
            data,
            slots,
            mask,
        })
    }

    /// The weights of a feature, one per tag.
    #[inline]
    pub fn row(&self, key: u64) -> Option<&[i16]> {
        let fp = (key >> 32) as u32;
        let mut i = (key as usize) & self.mask;
        loop {
            let (f, row) = self.slots[i];
            if row == EMPTY {
                return None;
            }
            if f == fp {
                let start = row as usize * self.n_tags;
                return self.data.get(start..start + self.n_tags);
            }
            i = (i + 1) & self.mask;
        }
    }

    /// Number of features.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Number of tags.
    pub fn n_tags(&self) -> usize {
        self.n_tags
    }
}

/// A trained model.
#[derive(Debug, Clone)]
pub(crate) struct Model {
    /// JSON: how the model was trained (command, corpora, epochs, seed, scores).
    pub meta: String,
    pub scheme: Scheme,
    pub groups: u32,
    pub weights: Weights,
    pub clusters: Clusters,
    pub gazetteer: Gazetteer,
}

struct Writer(Vec<u8>);

impl Writer {
    fn u8(&mut self, v: u8) {
        self.0.push(v);
    }
    fn u16(&mut self, v: u16) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn len(&mut self, n: usize) {
        self.u32(n as u32);
    }
    fn str(&mut self, s: &str) {
        self.len(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize, what: &str) -> Result<&'a [u8], NerError> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&e| e <= self.bytes.len())
            .ok_or_else(|| NerError::Corrupt(format!("truncated at {what}")))?;
        let s = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(s)
    }
    fn array<const N: usize>(&mut self, what: &str) -> Result<[u8; N], NerError> {
        let mut a = [0u8; N];
        a.copy_from_slice(self.take(N, what)?);
        Ok(a)
    }
    fn u8(&mut self, what: &str) -> Result<u8, NerError> {
        Ok(self.array::<1>(what)?[0])
    }
    fn u16(&mut self, what: &str) -> Result<u16, NerError> {
        Ok(u16::from_le_bytes(self.array(what)?))
    }
    fn u32(&mut self, what: &str) -> Result<u32, NerError> {
        Ok(u32::from_le_bytes(self.array(what)?))
    }
    fn u64(&mut self, what: &str) -> Result<u64, NerError> {
        Ok(u64::from_le_bytes(self.array(what)?))
    }
    /// A count of items of `item_size` bytes each that must fit in what is left.
    fn count(&mut self, item_size: usize, what: &str) -> Result<usize, NerError> {
        let n = self.u32(what)? as usize;
        if n.saturating_mul(item_size) > self.bytes.len() - self.pos {
            return Err(NerError::Corrupt(format!("{what}: count {n} past the end")));
        }
        Ok(n)
    }
    fn str(&mut self, what: &str) -> Result<&'a str, NerError> {
        let n = self.count(1, what)?;
        std::str::from_utf8(self.take(n, what)?)
            .map_err(|_| NerError::Corrupt(format!("{what}: not UTF-8")))
    }
}

impl Model {
    /// Serializes and gzips the model.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer(Vec::new());
        w.0.extend_from_slice(MAGIC);
        w.u32(FORMAT_VERSION);
        w.str(&self.meta);
        w.u8(self.scheme.code());
        w.u32(self.groups);
        w.u16(self.weights.n_tags as u16);
        w.len(self.weights.keys.len());
        for &k in &self.weights.keys {
            w.u64(k);
        }
        // Sparse rows: a bit mask of the tags with a weight (most are zero), then the weights.
        for row in self.weights.data.chunks_exact(self.weights.n_tags) {
            let mask = row
                .iter()
                .enumerate()
                .filter(|(_, &v)| v != 0)
                .fold(0u32, |m, (t, _)| m | 1 << t);
            w.u32(mask);
            for &v in row.iter().filter(|&&v| v != 0) {
                w.0.extend_from_slice(&v.to_le_bytes());
            }
        }
        let words = self.clusters.word_entries();
        w.len(words.len());
        for (h, classes) in words {
            w.u64(h);
            for c in classes {
                w.u16(c);
            }
        }
        let casing = self.clusters.casing_entries();
        w.len(casing.len());
        for (h, c) in casing {
            w.u64(h);
            w.u8(c);
        }
        w.u8(self.gazetteer.max_len() as u8);
        let entries = self.gazetteer.entries();
        w.len(entries.len());
        for (h, e) in entries {
            w.u64(h);
            w.u32(e);
        }
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        // Writing to a Vec cannot fail.
        let _ = gz.write_all(&w.0);
        gz.finish().unwrap_or_default()
    }

    /// Reads a gzipped model.
    pub fn from_bytes(compressed: &[u8]) -> Result<Model, NerError> {
        if compressed.len() < 2 || compressed[..2] != [0x1f, 0x8b] {
            return Err(NerError::Corrupt("not a gzip file".into()));
        }
        let mut raw = Vec::new();
        flate2::read::GzDecoder::new(compressed)
            .take(MAX_MODEL_BYTES)
            .read_to_end(&mut raw)
            .map_err(|e| NerError::Corrupt(format!("gzip: {e}")))?;
        let mut r = Reader {
            bytes: &raw,
            pos: 0,
        };
        if r.take(MAGIC.len(), "magic")? != MAGIC {
            return Err(NerError::Corrupt("not a tocsin NER model".into()));
        }
        let version = r.u32("version")?;
        if version != FORMAT_VERSION {
            return Err(NerError::Version {
                found: version,
                expected: FORMAT_VERSION,
            });
        }
        let meta = r.str("metadata")?.to_string();
        let scheme = Scheme::from_code(r.u8("scheme")?)
            .ok_or_else(|| NerError::Corrupt("unknown tag scheme".into()))?;
        let groups = r.u32("feature groups")?;
        if groups & !group::ALL != 0 {
            return Err(NerError::Corrupt("unknown feature groups".into()));
        }
        let n_tags = usize::from(r.u16("tags")?);
        if n_tags != scheme.n_tags() {
            return Err(NerError::Corrupt(
                "tag count does not match the scheme".into(),
            ));
        }
        if n_tags > 32 {
            return Err(NerError::Corrupt("too many tags".into()));
        }
        let n = r.count(8 + 4, "features")?;
        let mut keys = Vec::with_capacity(n);
        for _ in 0..n {
            keys.push(r.u64("feature key")?);
        }
        let mut data = vec![0i16; n * n_tags];
        for row in data.chunks_exact_mut(n_tags) {
            let mask = r.u32("weight mask")?;
            if mask >> n_tags != 0 {
                return Err(NerError::Corrupt("weight mask names a missing tag".into()));
            }
            for (t, v) in row.iter_mut().enumerate() {
                if mask & (1 << t) != 0 {
                    *v = i16::from_le_bytes(r.array("weight")?);
                }
            }
        }
        let weights = Weights::new(n_tags, keys, data)?;
        let nw = r.count(8 + 2 * CLUSTERINGS, "cluster words")?;
        let mut words = HashKeyMap::default();
        words.reserve(nw);
        for _ in 0..nw {
            let h = r.u64("cluster word")?;
            let mut classes = [0u16; CLUSTERINGS];
            for c in &mut classes {
                *c = r.u16("cluster class")?;
            }
            words.insert(h, classes);
        }
        let mut clusters = Clusters::new(words);
        let nc = r.count(9, "casing")?;
        let mut casing = HashKeyMap::default();
        casing.reserve(nc);
        for _ in 0..nc {
            let h = r.u64("casing word")?;
            casing.insert(h, r.u8("casing profile")?);
        }
        clusters.set_casing(casing);
        let max_len = usize::from(r.u8("gazetteer phrase length")?);
        let ng = r.count(12, "gazetteer")?;
        let mut entries = Vec::with_capacity(ng);
        for _ in 0..ng {
            entries.push((r.u64("gazetteer phrase")?, r.u32("gazetteer entry")?));
        }
        let gazetteer = Gazetteer::from_entries(max_len, entries.into_iter());
        if r.pos != raw.len() {
            return Err(NerError::Corrupt("trailing bytes".into()));
        }
        Ok(Model {
            meta,
            scheme,
            groups,
            weights,
            clusters,
            gazetteer,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_lookup() {
        // Real keys are hashes: their high bits differ.
        let (a, b, c) = (5 | 1 << 40, 9 | 2 << 40, 21 | 3 << 40);
        let w = Weights::new(2, vec![a, b, c], vec![1, 2, 3, 4, 5, 6]).expect("valid");
        assert_eq!(w.row(a), Some(&[1i16, 2][..]));
        assert_eq!(w.row(b), Some(&[3i16, 4][..]));
        assert_eq!(w.row(c), Some(&[5i16, 6][..]));
        assert_eq!(w.row(7 | 4 << 40), None);
        assert!(Weights::new(2, vec![5, 5], vec![0; 4]).is_err());
        // Same slot, different fingerprints.
        let w = Weights::new(1, vec![3, (1 << 32) | 3], vec![7, 8]).expect("valid");
        assert_eq!(w.row(3), Some(&[7i16][..]));
        assert_eq!(w.row((1 << 32) | 3), Some(&[8i16][..]));
        assert!(Weights::new(2, vec![5], vec![0; 3]).is_err());
    }
}
