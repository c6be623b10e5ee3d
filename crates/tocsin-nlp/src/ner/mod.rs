//! Named entities (PER, ORG, LOC/GPE, MISC) from a model tocsin trains itself.
//!
//! The model is a greedy left-to-right averaged perceptron over hashed features: word forms,
//! shapes, affixes, a ±2 window, bigrams, Brown-style word clusters, gazetteer matches and the
//! tags already predicted (see [`train`] for how it is trained, and `models/README.md` for the
//! committed model). Entities are decoded with the BILOU scheme; a location whose name is a
//! country, first-level division or city in the gazetteer is reported as
//! [`EntityLabel::Gpe`], any other as [`EntityLabel::Loc`].
//!
//! ```
//! use tocsin_nlp::ner::Ner;
//! use tocsin_model::EntityLabel;
//!
//! let ner = Ner::embedded().expect("the embedded model loads");
//! let tokens = ["Gunmen", "killed", "John", "Smith", "in", "Kabul", "on", "Monday", "."];
//! let spans = ner.tag(&tokens);
//! assert!(spans.contains(&(2, 4, EntityLabel::Per)));
//! assert!(spans.contains(&(5, 6, EntityLabel::Gpe)));
//! ```
//!
//! For many sentences, a [`Tagger`] keeps a per-word-type cache and is several times faster
//! than [`Ner::tag`].

mod exchange;
mod features;
mod hash;
mod model;
mod resources;
mod tags;
pub mod train;

use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

use tocsin_model::EntityLabel;

pub use crate::tokenize::Casing;
use features::{CasePosition, GazMatch, SentenceView, WordInfo, START_TAG};
use model::Model;
pub use tags::Scheme;
use tags::{ClassSpan, CLASSES};

/// The committed English model, embedded at build time.
static EMBEDDED: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../models/ner-en.bin.gz"
));

/// The committed caseless English model (trained on lowercased text), embedded at build time.
static EMBEDDED_CASELESS: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../models/ner-en-caseless.bin.gz"
));

/// Errors loading or training a model.
#[derive(Debug, thiserror::Error)]
pub enum NerError {
    /// The model bytes are not a valid model (truncated, not gzip, inconsistent tables).
    #[error("corrupt NER model: {0}")]
    Corrupt(String),
    /// The model was written by another format version.
    #[error("NER model format version {found}; this build reads version {expected}")]
    Version {
        /// Version in the file.
        found: u32,
        /// Version this code reads.
        expected: u32,
    },
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The error.
        #[source]
        source: std::io::Error,
    },
    /// Training input is unusable (unknown format, no sentences, a bad line).
    #[error("training data: {0}")]
    Data(String),
}

/// A named-entity recognizer: a loaded model.
#[derive(Debug, Clone)]
pub struct Ner {
    model: Model,
    tables: Tables,
}

impl Ner {
    /// Decodes the embedded model (tens of milliseconds; see [`Ner::embedded`] to share one).
    pub fn load_embedded() -> Result<Ner, NerError> {
        Ner::from_bytes(EMBEDDED)
    }

    /// The embedded model, decoded once per process.
    pub fn embedded() -> Result<&'static Ner, NerError> {
        static SHARED: OnceLock<Result<Ner, String>> = OnceLock::new();
        SHARED
            .get_or_init(|| Ner::load_embedded().map_err(|e| e.to_string()))
            .as_ref()
            .map_err(|e| NerError::Corrupt(e.clone()))
    }

    /// The embedded caseless model (for [`Casing::Lower`] text, and for [`Casing::Upper`]
    /// text given in lowercase), decoded once per process.
    pub fn embedded_caseless() -> Result<&'static Ner, NerError> {
        static SHARED: OnceLock<Result<Ner, String>> = OnceLock::new();
        SHARED
            .get_or_init(|| Ner::from_bytes(EMBEDDED_CASELESS).map_err(|e| e.to_string()))
            .as_ref()
            .map_err(|e| NerError::Corrupt(e.clone()))
    }

    /// Reads a model from the bytes of a model file (gzip).
    pub fn from_bytes(bytes: &[u8]) -> Result<Ner, NerError> {
        Ok(Ner::new(Model::from_bytes(bytes)?))
    }

    fn new(model: Model) -> Ner {
        let tables = Tables::new(&model);
        Ner { model, tables }
    }

    /// Reads a model file.
    pub fn from_file(path: &Path) -> Result<Ner, NerError> {
        let bytes = std::fs::read(path).map_err(|source| NerError::Io {
            path: path.display().to_string(),
            source,
        })?;
        Ner::from_bytes(&bytes)
    }

    /// The model file's bytes (gzip).
    pub fn to_bytes(&self) -> Vec<u8> {
        self.model.to_bytes()
    }

    /// How the model was trained (JSON: command, corpora, epochs, seed, dev scores).
    pub fn metadata(&self) -> &str {
        &self.model.meta
    }

    /// How often a word is written with a capital where case tells (not at a sentence's
    /// start, not in a headline), in the unlabeled text the model learned from: `Some(0)`
    /// under 5% of the time, 1 under 30%, 2 under 70%, 3 under 95%, 4 more; `None` for a
    /// word never seen there. Text without case can ask it whether a word is a name.
    pub fn capitalized_share(&self, lower: &str) -> Option<u8> {
        match self.model.clusters.casing(lower) {
            0 => None,
            p => Some((p - 1) % 5),
        }
    }

    /// Number of weighted features.
    pub fn feature_count(&self) -> usize {
        self.model.weights.len()
    }

    /// Tags one sentence of tokens: `(first token, one past the last, label)` for each entity.
    pub fn tag<S: AsRef<str>>(&self, tokens: &[S]) -> Vec<(usize, usize, EntityLabel)> {
        self.tagger().tag(tokens)
    }

    /// A tagger that caches per-word work; use one per thread for many sentences.
    pub fn tagger(&self) -> Tagger<'_> {
        Tagger {
            ner: self,
            index: HashMap::new(),
            entries: Vec::new(),
            ids: Vec::new(),
            keys: Vec::new(),
            acc: vec![0; self.model.weights.n_tags()],
            gaz: Vec::new(),
            tags: Vec::new(),
        }
    }

    /// The public label of a class span: LOC becomes GPE when the gazetteer says so.
    fn label<S: AsRef<str>>(&self, tokens: &[S], span: ClassSpan) -> EntityLabel {
        let (s, e, class) = span;
        match CLASSES[usize::from(class)] {
            "PER" => EntityLabel::Per,
            "ORG" => EntityLabel::Org,
            "MISC" => EntityLabel::Misc,
            _ => {
                let cats = self.model.gazetteer.categories(&tokens[s..e]);
                if cats & resources::cat::GPE_MASK != 0 {
                    EntityLabel::Gpe
                } else {
                    EntityLabel::Loc
                }
            }
        }
    }
}

/// What a [`Tagger`] keeps per word type.
#[derive(Debug)]
struct CacheEntry {
    info: WordInfo,
    /// Score blocks (`BLOCKS × tags`): the word's features at offsets -2..=2, its casing
    /// profile in each case position, and its first-token and headline features.
    scores: Box<[i32]>,
}

/// First block of the offset blocks (offset `o` is block `o + 2`).
const B_OFFSET: usize = 0;
/// First block of the case-position blocks.
const B_CASING: usize = 5;
/// Block of the first-token features.
const B_FIRST: usize = 8;
/// Block of the headline features.
const B_HEADLINE: usize = 9;
/// Blocks per word.
const BLOCKS: usize = 10;

/// Tags sentences with one model, caching each word type's features and scores.
#[derive(Debug)]
pub struct Tagger<'a> {
    ner: &'a Ner,
    index: HashMap<String, u32>,
    entries: Vec<CacheEntry>,
    ids: Vec<u32>,
    keys: Vec<u64>,
    acc: Vec<i32>,
    gaz: Vec<GazMatch>,
    tags: Vec<u8>,
}

/// Word types cached before the cache is emptied.
const CACHE_LIMIT: usize = 500_000;
/// Offsets of the context window.
const WINDOW: i32 = 2;

impl Tagger<'_> {
    /// Tags one sentence: `(first token, one past the last, label)` for each entity.
    pub fn tag<S: AsRef<str>>(&mut self, tokens: &[S]) -> Vec<(usize, usize, EntityLabel)> {
        let spans = self.tag_classes(tokens);
        spans
            .into_iter()
            .map(|span| (span.0, span.1, self.ner.label(tokens, span)))
            .collect()
    }

    fn entry_id(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.index.get(word) {
            return id;
        }
        let model = &self.ner.model;
        let n_tags = model.weights.n_tags();
        let info = features::word_info(word, &model.clusters, model.groups);
        let mut scores = vec![0i32; BLOCKS * n_tags].into_boxed_slice();
        let keys = &mut self.keys;
        let mut fill = |block: usize, keys: &mut Vec<u64>| {
            let out = &mut scores[block * n_tags..][..n_tags];
            for &k in keys.iter() {
                if let Some(row) = model.weights.row(k) {
                    add(out, row);
                }
            }
            keys.clear();
        };
        keys.clear();
        for o in -WINDOW..=WINDOW {
            features::word_keys(&info, o, model.groups, keys);
            fill(B_OFFSET + (o + WINDOW) as usize, keys);
        }
        for pos in [
            CasePosition::Plain,
            CasePosition::Opening,
            CasePosition::Headline,
        ] {
            features::casing_keys(&info, pos, model.groups, keys);
            fill(B_CASING + pos as usize, keys);
        }
        features::first_keys(&info, keys);
        fill(B_FIRST, keys);
        features::headline_keys(&info, keys);
        fill(B_HEADLINE, keys);
        let id = self.entries.len() as u32;
        self.entries.push(CacheEntry { info, scores });
        self.index.insert(word.to_string(), id);
        id
    }

    /// Tags one sentence and returns class spans.
    pub(crate) fn tag_classes<S: AsRef<str>>(&mut self, tokens: &[S]) -> Vec<ClassSpan> {
        let n = tokens.len();
        if n == 0 {
            return Vec::new();
        }
        if self.entries.len() + n > CACHE_LIMIT {
            self.index.clear();
            self.entries.clear();
        }
        let mut ids = std::mem::take(&mut self.ids);
        ids.clear();
        for t in tokens {
            ids.push(self.entry_id(t.as_ref()));
        }
        let ner = self.ner;
        let model = &ner.model;
        let scheme = model.scheme;
        let groups = model.groups;
        let n_tags = model.weights.n_tags();
        let words: Vec<&WordInfo> = ids
            .iter()
            .map(|&id| &self.entries[id as usize].info)
            .collect();
        features::gazetteer_matches(&words, &model.gazetteer, &mut self.gaz);
        let view = SentenceView {
            words: &words,
            all_caps: features::is_caps_sentence(&words),
            gaz: &self.gaz,
        };
        self.tags.clear();
        let (mut prev, mut prev2) = (START_TAG, START_TAG);
        for i in 0..n {
            let acc = &mut self.acc;
            let edge = ner.tables.edge(i, n);
            acc.copy_from_slice(edge);
            let lo = i.saturating_sub(WINDOW as usize);
            let hi = (i + WINDOW as usize).min(n - 1);
            for (j, &id) in ids.iter().enumerate().take(hi + 1).skip(lo) {
                let o = (j as i64 - i as i64 + i64::from(WINDOW)) as usize;
                add32(
                    acc,
                    block(&self.entries[id as usize].scores, B_OFFSET + o, n_tags),
                );
            }
            let own = &self.entries[ids[i] as usize].scores;
            let pos = features::case_position(&view, i);
            add32(acc, block(own, B_CASING + pos as usize, n_tags));
            if i == 0 {
                add32(acc, block(own, B_FIRST, n_tags));
            }
            if view.all_caps {
                add32(acc, block(own, B_HEADLINE, n_tags));
            }
            self.keys.clear();
            let prev_word = if i > 0 { Some(words[i - 1]) } else { None };
            features::pair_keys(
                prev_word,
                words[i],
                words.get(i + 1).copied(),
                groups,
                &mut self.keys,
            );
            features::gazetteer_keys(&view, i, groups, &mut self.keys);
            features::tag_word_keys(words[i], prev, groups, &mut self.keys);
            for &k in &self.keys {
                if let Some(row) = model.weights.row(k) {
                    add(acc, row);
                }
            }
            add32(acc, ner.tables.tags(prev, prev2));
            let last = i + 1 == n;
            let prev_tag = (prev != START_TAG).then_some(prev);
            let tag = scheme.best_allowed(&acc[..], prev_tag, last);
            self.tags.push(tag);
            prev2 = prev;
            prev = tag;
        }
        drop(words);
        self.ids = ids;
        scheme.decode(&self.tags)
    }
}

/// Scores that depend on nothing but the position in the sentence or the previous tags,
/// computed once per model.
#[derive(Debug, Clone, Default)]
struct Tables {
    n_tags: usize,
    /// Bias and sentence-edge features for tokens 0, 1, 2+ from each edge (`3 × 3` rows).
    edge: Vec<i32>,
    /// Previous-tag features for each (previous, one before) pair, the start tag last.
    tags: Vec<i32>,
}

impl Tables {
    fn new(model: &Model) -> Tables {
        let n_tags = model.weights.n_tags();
        let sum = |keys: &[u64]| {
            let mut out = vec![0i32; n_tags];
            for &k in keys {
                if let Some(row) = model.weights.row(k) {
                    add(&mut out, row);
                }
            }
            out
        };
        let mut keys = Vec::new();
        let mut edge = Vec::with_capacity(9 * n_tags);
        for left in 0..3 {
            for right in 0..3 {
                // A sentence where token `left` has `right` tokens after it.
                keys.clear();
                features::edge_keys(left, left + right + 1, model.groups, &mut keys);
                edge.extend(sum(&keys));
            }
        }
        let n = n_tags + 1;
        let mut tags = Vec::with_capacity(n * n * n_tags);
        for p in 0..n {
            for p2 in 0..n {
                keys.clear();
                features::tag_keys(
                    tag_value(p, n_tags),
                    tag_value(p2, n_tags),
                    model.groups,
                    &mut keys,
                );
                tags.extend(sum(&keys));
            }
        }
        Tables { n_tags, edge, tags }
    }

    #[inline]
    fn edge(&self, i: usize, n: usize) -> &[i32] {
        let left = i.min(2);
        let right = (n - 1 - i).min(2);
        &self.edge[(left * 3 + right) * self.n_tags..][..self.n_tags]
    }

    #[inline]
    fn tags(&self, prev: u8, prev2: u8) -> &[i32] {
        let n = self.n_tags + 1;
        let idx = |t: u8| {
            if t == START_TAG {
                self.n_tags
            } else {
                usize::from(t)
            }
        };
        &self.tags[(idx(prev) * n + idx(prev2)) * self.n_tags..][..self.n_tags]
    }
}

/// Tag index `i` as a tag value (`n_tags` stands for the start tag).
fn tag_value(i: usize, n_tags: usize) -> u8 {
    if i == n_tags {
        START_TAG
    } else {
        i as u8
    }
}

#[inline]
fn block(scores: &[i32], b: usize, n_tags: usize) -> &[i32] {
    &scores[b * n_tags..][..n_tags]
}

#[inline]
fn add32(acc: &mut [i32], row: &[i32]) {
    for (a, &b) in acc.iter_mut().zip(row) {
        *a += b;
    }
}

#[inline]
fn add(acc: &mut [i32], row: &[i16]) {
    for (a, &w) in acc.iter_mut().zip(row) {
        *a += i32::from(w);
    }
}

/// The label's name in the evaluation protocol ("PER", "ORG", "LOC", "GPE", "MISC").
pub fn label_name(label: EntityLabel) -> &'static str {
    match label {
        EntityLabel::Per => "PER",
        EntityLabel::Org => "ORG",
        EntityLabel::Loc => "LOC",
        EntityLabel::Gpe => "GPE",
        EntityLabel::Misc => "MISC",
    }
}

#[cfg(test)]
mod tests {
    use super::features::{self, SentenceView};
    use super::resources::cat;
    use super::train::{self, Corpus, CorpusFormat, Lexicon, TrainOptions};
    use super::*;

    /// A handful of sentences written for these tests (CoNLL-2003 format, IOB1).
    const TINY: &str = "\
-DOCSTART- -X- -X- O

John NNP B-NP I-PER
Smith NNP I-NP I-PER
visited VBD B-VP O
Kabul NNP B-NP I-LOC
. . O O

Police NN B-NP O
in IN B-PP O
Kabul NNP B-NP I-LOC
arrested VBD B-VP O
Mary NNP B-NP I-PER
Jones NNP I-NP I-PER
. . O O

The DT B-NP O
United NNP I-NP I-ORG
Nations NNP I-NP I-ORG
said VBD B-VP O
John NNP B-NP I-PER
Smith NNP I-NP I-PER
was VBD B-VP O
in IN B-PP O
Herat NNP B-NP I-LOC
. . O O

-DOCSTART- -X- -X- O

Reuters NNP B-NP I-ORG
reported VBD B-VP O
that IN B-SBAR O
Afghan JJ B-NP I-MISC
troops NNS I-NP O
entered VBD B-VP O
Herat NNP B-NP I-LOC
. . O O

Mary NNP B-NP I-PER
Jones NNP I-NP I-PER
told VBD B-VP O
Reuters NNP B-NP I-ORG
in IN B-PP O
Kabul NNP B-NP I-LOC
that IN B-SBAR O
the DT B-NP O
United NNP I-NP I-ORG
Nations NNP I-NP I-ORG
left VBD B-VP O
. . O O

Afghan JJ B-NP I-MISC
police NN I-NP O
said VBD B-VP O
three CD B-NP O
people NNS I-NP O
died VBD B-VP O
in IN B-PP O
Herat NNP B-NP I-LOC
. . O O

HEADLINE NN B-NP O
- : O O
UNITED NNP B-NP I-ORG
NATIONS NNP I-NP I-ORG
LEAVE VBP B-VP O
KABUL NNP B-NP I-LOC
. . O O
";

    fn tiny_model() -> Ner {
        let corpus = Corpus::parse(TINY, CorpusFormat::Conll2003, "tiny").expect("parses");
        let mut lexicon = Lexicon::new();
        lexicon.gazetteer.insert(&["Kabul"], 1 << cat::CITY);
        lexicon
            .gazetteer
            .insert(&["Hindu", "Kush"], 1 << cat::GEO_OTHER);
        let opts = TrainOptions {
            epochs: 8,
            folds: 0,
            pa_cap: 1.0,
            ..TrainOptions::default()
        };
        train::train(&[corpus], &lexicon, &opts, &[], &mut |_| {}).expect("trains")
    }

    /// Tags without the tagger's caches: every feature key looked up, as in training.
    fn reference_tags(ner: &Ner, tokens: &[&str]) -> Vec<u8> {
        let m = &ner.model;
        let infos: Vec<WordInfo> = tokens
            .iter()
            .map(|t| features::word_info(t, &m.clusters, m.groups))
            .collect();
        let words: Vec<&WordInfo> = infos.iter().collect();
        let mut gaz = Vec::new();
        features::gazetteer_matches(&words, &m.gazetteer, &mut gaz);
        let view = SentenceView {
            words: &words,
            all_caps: features::is_caps_sentence(&words),
            gaz: &gaz,
        };
        let (mut prev, mut prev2) = (START_TAG, START_TAG);
        let mut tags = Vec::new();
        for (i, &w) in words.iter().enumerate() {
            let mut keys = Vec::new();
            features::static_keys(&view, i, m.groups, &mut keys);
            features::history_keys(w, prev, prev2, m.groups, &mut keys);
            let mut acc = vec![0i32; m.weights.n_tags()];
            for k in keys {
                if let Some(row) = m.weights.row(k) {
                    add(&mut acc, row);
                }
            }
            let prev_tag = (prev != START_TAG).then_some(prev);
            let last = i + 1 == tokens.len();
            let tag = m.scheme.best_allowed(&acc[..], prev_tag, last);
            tags.push(tag);
            prev2 = prev;
            prev = tag;
        }
        tags
    }

    #[test]
    fn tiny_model_learns_its_sentences() {
        let ner = tiny_model();
        let corpus = Corpus::parse(TINY, CorpusFormat::Conll2003, "tiny").expect("parses");
        let scores = train::evaluate(&ner, &corpus);
        assert!(scores.overall.f1() > 95.0, "{scores}");
        let spans = ner.tag(&["Mary", "Jones", "visited", "Kabul", "."]);
        assert_eq!(
            spans,
            vec![(0, 2, EntityLabel::Per), (3, 4, EntityLabel::Gpe)]
        );
        // Herat is a LOC the gazetteer does not know: not a GPE.
        let spans = ner.tag(&["Police", "in", "Herat", "arrested", "John", "Smith", "."]);
        assert!(spans.contains(&(2, 3, EntityLabel::Loc)), "{spans:?}");
        assert!(ner.tag::<&str>(&[]).is_empty());
    }

    #[test]
    fn cached_tagger_matches_plain_feature_lookup() {
        let ner = tiny_model();
        let mut tagger = ner.tagger();
        let sentences: [&[&str]; 5] = [
            &["John", "Smith", "visited", "Kabul", "."],
            &["UNITED", "NATIONS", "LEAVE", "HERAT", "."],
            &[
                "\"", "Reuters", "said", ":", "Afghan", "troops", "left", "\"", ".",
            ],
            &["A"],
            &["Mary", "Mary", "Mary", "Jones", "in", "Hindu", "Kush", "."],
        ];
        for _ in 0..2 {
            for s in sentences {
                tagger.tag(s);
                assert_eq!(tagger.tags, reference_tags(&ner, s), "{s:?}");
            }
        }
    }

    #[test]
    fn model_round_trips_through_bytes() {
        let ner = tiny_model();
        let bytes = ner.to_bytes();
        let back = Ner::from_bytes(&bytes).expect("reads back");
        assert_eq!(back.to_bytes(), bytes);
        assert_eq!(back.metadata(), ner.metadata());
        assert_eq!(back.feature_count(), ner.feature_count());
        let s = ["Reuters", "said", "Mary", "Jones", "left", "Kabul", "."];
        assert_eq!(back.tag(&s), ner.tag(&s));
        let meta: serde_json::Value = serde_json::from_str(back.metadata()).expect("JSON");
        assert_eq!(meta["epochs"], 8);
    }

    #[test]
    fn training_is_deterministic() {
        assert_eq!(tiny_model().to_bytes(), tiny_model().to_bytes());
    }

    #[test]
    fn corrupt_models_are_errors() {
        let bytes = tiny_model().to_bytes();
        assert!(matches!(Ner::from_bytes(b""), Err(NerError::Corrupt(_))));
        assert!(matches!(
            Ner::from_bytes(b"plain text"),
            Err(NerError::Corrupt(_))
        ));
        let truncated = &bytes[..bytes.len() / 2];
        let err = Ner::from_bytes(truncated).expect_err("truncated gzip");
        assert!(err.to_string().contains("corrupt NER model"), "{err}");

        let mut raw = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&bytes[..]), &mut raw)
            .expect("gunzip");
        let gz = |raw: &[u8]| {
            let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            std::io::Write::write_all(&mut e, raw).expect("gzip");
            e.finish().expect("gzip")
        };
        // Cut inside the tables.
        for cut in [4, 12, raw.len() / 3, raw.len() - 1] {
            let err = Ner::from_bytes(&gz(&raw[..cut])).expect_err("cut model");
            assert!(matches!(err, NerError::Corrupt(_)), "{cut}: {err}");
        }
        let mut bad_magic = raw.clone();
        bad_magic[0] = b'X';
        assert!(matches!(
            Ner::from_bytes(&gz(&bad_magic)),
            Err(NerError::Corrupt(_))
        ));
        let mut future = raw.clone();
        future[8..12].copy_from_slice(&99u32.to_le_bytes());
        assert!(matches!(
            Ner::from_bytes(&gz(&future)),
            Err(NerError::Version { found: 99, .. })
        ));
        let mut trailing = raw.clone();
        trailing.push(0);
        assert!(matches!(
            Ner::from_bytes(&gz(&trailing)),
            Err(NerError::Corrupt(_))
        ));
        // Random bytes after the header never panic.
        let mut x = 0x1234_5678_u64;
        for _ in 0..50 {
            let mut noisy = raw.clone();
            for _ in 0..8 {
                x = super::hash::mix(x, 7);
                let i = 12 + (x as usize) % (noisy.len() - 12);
                noisy[i] ^= (x >> 40) as u8 | 1;
            }
            let _ = Ner::from_bytes(&gz(&noisy));
        }
    }

    #[test]
    fn casing_tells_caseless_text_from_ordinary_text() {
        let story = "Gunmen killed a judge and two of her bodyguards in Medellin on Monday, \
                     police said. The attackers fled in two cars before troops arrived at the \
                     scene, and the army later sealed off the district. ";
        let long = |s: &str| s.repeat(3);
        assert_eq!(Casing::of(&long(story)), Casing::Mixed);
        assert_eq!(Casing::of(&long(&story.to_lowercase())), Casing::Lower);
        assert_eq!(Casing::of(&long(&story.to_uppercase())), Casing::Upper);
        // A short all-capitals line says nothing about a document.
        assert_eq!(Casing::of("BREAKING: BLAST IN KABUL"), Casing::Mixed);
        assert_eq!(Casing::of(""), Casing::Mixed);
        // A short text without one capital is lower-case copy; a few words prove nothing.
        assert_eq!(
            Casing::of("three people were killed in the attack. the army said gunmen fled."),
            Casing::Lower
        );
        assert_eq!(Casing::of("blast in kabul"), Casing::Mixed);
        assert_eq!(
            Casing::of("Three people were killed in the attack. The army said gunmen fled."),
            Casing::Mixed
        );
    }

    #[test]
    fn caseless_model_finds_names_without_capitals() {
        let s = [
            "gunmen", "killed", "senator", "jaime", "pardo", "leal", "in", "bogota", "on",
            "sunday", ",", "the", "police", "said", ".",
        ];
        let caseless = Ner::embedded_caseless().expect("caseless model");
        let spans = caseless.tag(&s);
        assert!(
            spans
                .iter()
                .any(|&(a, b, l)| l == EntityLabel::Per && a <= 4 && b >= 5),
            "{spans:?}"
        );
        assert!(
            spans
                .iter()
                .any(|&(a, b, l)| (a, b) == (7, 8)
                    && matches!(l, EntityLabel::Gpe | EntityLabel::Loc)),
            "{spans:?}"
        );
        // The ordinary model reads capitals and misses the person here.
        let ordinary = Ner::embedded().expect("embedded model");
        assert!(!ordinary
            .tag(&s)
            .iter()
            .any(|&(a, b, l)| l == EntityLabel::Per && a < 6 && b > 3));
    }

    #[test]
    fn embedded_model_loads_and_tags() {
        let ner = Ner::embedded().expect("embedded model");
        assert!(ner.feature_count() > 10_000);
        let meta: serde_json::Value = serde_json::from_str(ner.metadata()).expect("JSON");
        assert!(meta["command"]
            .as_str()
            .is_some_and(|c| c.contains("train ner")));
        let s = [
            "Taliban", "fighters", "attacked", "a", "police", "post", "in", "Kandahar", "on",
            "Monday", ",", "governor", "Ahmad", "Wali", "said", ".",
        ];
        let spans = ner.tag(&s);
        assert!(spans.contains(&(7, 8, EntityLabel::Gpe)), "{spans:?}");
        assert!(spans.contains(&(12, 14, EntityLabel::Per)), "{spans:?}");
    }

    #[test]
    fn label_names() {
        assert_eq!(label_name(EntityLabel::Gpe), "GPE");
        assert_eq!(label_name(EntityLabel::Misc), "MISC");
    }
}
