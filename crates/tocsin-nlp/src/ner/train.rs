//! Training: corpora in CoNLL-style formats, the lexicon (gazetteer and word clusters) and the
//! averaged perceptron.
//!
//! The perceptron tags greedily left to right, exactly as [`Tagger`](super::Tagger) does at run
//! time, and learns from its own mistakes (the history features see its own predictions).
//! Weights are averaged over every step (Collins 2002), quantized to `i16` and written with
//! the lexicon into one gzip file. Training is deterministic for a given seed.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;
use std::str::FromStr;

use super::features::{self, group, GazMatch, SentenceView, WordInfo, START_TAG};
use super::hash::HashKeyMap;
use super::model::{Model, Weights};
use super::resources::{
    casing_profile, cat, name_tokens, Clusters, Gazetteer, CLUSTERINGS, NO_CLASS,
};
use super::tags::{chunk_tags, class_index, Scheme, CLASSES};
use super::{Ner, NerError};

/// Input formats, named after the corpora that use them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CorpusFormat {
    /// CoNLL-2003: `token POS chunk tag`, IOB1, `-DOCSTART-` lines.
    Conll2003,
    /// WikiANN: `en:token<TAB>tag`, IOB2, PER/ORG/LOC only.
    Wikiann,
    /// WNUT-17: `token<TAB>tag`, BIO; person/location → PER/LOC, corporation/group → ORG,
    /// product/creative-work → MISC.
    Wnut17,
    /// re3d: `token<TAB>tag`, BIO; Person/Organisation/Location/Nationality kept, other
    /// types (weapons, quantities, dates...) dropped.
    Re3d,
    /// Wikigold: `token tag`, IOB1, CoNLL classes.
    Wikigold,
}

impl FromStr for CorpusFormat {
    type Err = NerError;

    fn from_str(s: &str) -> Result<Self, NerError> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "conll2003" | "conll" => CorpusFormat::Conll2003,
            "wikiann" | "wikiann_en" => CorpusFormat::Wikiann,
            "wnut17" => CorpusFormat::Wnut17,
            "re3d" => CorpusFormat::Re3d,
            "wikigold" => CorpusFormat::Wikigold,
            other => {
                return Err(NerError::Data(format!(
                    "unknown corpus format {other:?} (conll2003, wikiann, wnut17, re3d, wikigold)"
                )))
            }
        })
    }
}

impl CorpusFormat {
    /// The CoNLL class of a corpus type, if it is kept.
    fn class(self, typ: &str) -> Option<u8> {
        let conll = match self {
            CorpusFormat::Conll2003 | CorpusFormat::Wikigold | CorpusFormat::Wikiann => typ,
            CorpusFormat::Wnut17 => match typ {
                "person" => "PER",
                "location" => "LOC",
                "corporation" | "group" => "ORG",
                "product" | "creative-work" => "MISC",
                _ => return None,
            },
            CorpusFormat::Re3d => match typ {
                "Person" => "PER",
                "Organisation" => "ORG",
                "Location" => "LOC",
                "Nationality" => "MISC",
                _ => return None,
            },
        };
        class_index(conll)
    }
}

/// A sentence with gold entities.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sentence {
    /// Tokens.
    pub tokens: Vec<String>,
    /// Entities: `(first token, one past the last, class index into PER, ORG, LOC, MISC)`.
    pub spans: Vec<(usize, usize, u8)>,
}

/// A document: sentences that belong together.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    /// Its sentences.
    pub sentences: Vec<Sentence>,
}

/// A corpus read from one file.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    /// Where it came from (path and format), for the model's metadata.
    pub name: String,
    /// Documents (corpora without document marks are cut every [`PSEUDO_DOC`] sentences).
    pub documents: Vec<Document>,
}

/// Sentences per pseudo-document in corpora without document boundaries.
pub const PSEUDO_DOC: usize = 20;

impl Corpus {
    /// Reads a corpus file.
    pub fn read(path: &Path, format: CorpusFormat) -> Result<Corpus, NerError> {
        let text = std::fs::read_to_string(path).map_err(|source| NerError::Io {
            path: path.display().to_string(),
            source,
        })?;
        Corpus::parse(&text, format, &format!("{}:{format:?}", path.display()))
    }

    /// Parses corpus text.
    pub fn parse(text: &str, format: CorpusFormat, name: &str) -> Result<Corpus, NerError> {
        let mut documents = Vec::new();
        let mut doc = Document::default();
        let mut tokens: Vec<String> = Vec::new();
        let mut tags: Vec<String> = Vec::new();
        let has_docstart = text.contains("-DOCSTART-");
        let flush = |tokens: &mut Vec<String>,
                     tags: &mut Vec<String>,
                     doc: &mut Document,
                     documents: &mut Vec<Document>| {
            if !tokens.is_empty() {
                let refs: Vec<&str> = tags.iter().map(String::as_str).collect();
                let spans = chunk_tags(&refs)
                    .into_iter()
                    .filter_map(|(s, e, t)| format.class(t).map(|c| (s, e, c)))
                    .collect();
                doc.sentences.push(Sentence {
                    tokens: std::mem::take(tokens),
                    spans,
                });
                tags.clear();
                if !has_docstart && doc.sentences.len() >= PSEUDO_DOC {
                    documents.push(std::mem::take(doc));
                }
            }
        };
        for (lineno, line) in text.lines().enumerate() {
            let line = line.trim_start_matches('\u{feff}');
            if line.trim().is_empty() {
                flush(&mut tokens, &mut tags, &mut doc, &mut documents);
                continue;
            }
            let cols: Vec<&str> = match format {
                CorpusFormat::Conll2003 | CorpusFormat::Wikigold => {
                    line.split_whitespace().collect()
                }
                _ => line.split('\t').collect(),
            };
            if cols.first() == Some(&"-DOCSTART-") {
                flush(&mut tokens, &mut tags, &mut doc, &mut documents);
                if !doc.sentences.is_empty() {
                    documents.push(std::mem::take(&mut doc));
                }
                continue;
            }
            let (Some(token), Some(tag)) = (cols.first(), cols.last()) else {
                continue;
            };
            if cols.len() < 2 {
                return Err(NerError::Data(format!(
                    "{name}: line {}: expected a token and a tag",
                    lineno + 1
                )));
            }
            let token = match format {
                CorpusFormat::Wikiann => token.strip_prefix("en:").unwrap_or(token),
                _ => token,
            };
            let token = token.trim();
            if token.is_empty() {
                continue;
            }
            tokens.push(token.to_string());
            tags.push(tag.trim().to_string());
        }
        flush(&mut tokens, &mut tags, &mut doc, &mut documents);
        if !doc.sentences.is_empty() {
            documents.push(doc);
        }
        if documents.is_empty() {
            return Err(NerError::Data(format!("{name}: no sentences")));
        }
        Ok(Corpus {
            name: name.to_string(),
            documents,
        })
    }

    /// Every sentence in order.
    pub fn sentences(&self) -> impl Iterator<Item = &Sentence> {
        self.documents.iter().flat_map(|d| d.sentences.iter())
    }

    /// Number of tokens.
    pub fn token_count(&self) -> usize {
        self.sentences().map(|s| s.tokens.len()).sum()
    }

    /// The corpus with every token in lowercase, labels unchanged: training data for a model
    /// that tags text whose case says nothing (lower-cased transcripts, all-capitals wires).
    pub fn lowercased(&self) -> Corpus {
        let documents = self
            .documents
            .iter()
            .map(|d| Document {
                sentences: d
                    .sentences
                    .iter()
                    .map(|s| Sentence {
                        tokens: s.tokens.iter().map(|t| t.to_lowercase()).collect(),
                        spans: s.spans.clone(),
                    })
                    .collect(),
            })
            .collect();
        Corpus {
            name: format!("{} (lowercased)", self.name),
            documents,
        }
    }
}

/// The gazetteer and word clusters a model is trained with (and ships).
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    pub(crate) gazetteer: Gazetteer,
    pub(crate) clusters: Clusters,
    /// What went into it, for the model's metadata.
    pub sources: Vec<String>,
}

fn read_maybe_gz(path: &Path) -> Result<String, NerError> {
    let io = |source| NerError::Io {
        path: path.display().to_string(),
        source,
    };
    let bytes = std::fs::read(path).map_err(io)?;
    if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut s = String::new();
        flate2::read::MultiGzDecoder::new(&bytes[..])
            .read_to_string(&mut s)
            .map_err(io)?;
        Ok(s)
    } else {
        String::from_utf8(bytes)
            .map_err(|_| NerError::Data(format!("{}: not UTF-8", path.display())))
    }
}

/// Whether a list name is worth a gazetteer entry: Latin script, starts with a capital, not a
/// code in capitals ("ALV"), not a single letter.
fn usable_name(name: &str) -> bool {
    let mut chars = name.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let latin = name
        .chars()
        .all(|c| c.is_ascii() || ('\u{c0}'..='\u{24f}').contains(&c) || c == '’');
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    let all_caps = name.chars().all(|c| !c.is_lowercase());
    latin && first.is_uppercase() && letters >= 2 && !(all_caps && letters <= 4)
}

impl Lexicon {
    /// An empty lexicon.
    pub fn new() -> Self {
        Lexicon::default()
    }

    /// Adds GeoNames place names from the gazetteer directory (countries with alternate
    /// names, first-level divisions, US states, cities of 15,000+, continents, regions and
    /// seas). Alternate names of a city are kept when it has at least
    /// `alternates_min_population` inhabitants. GeoNames data is CC BY 4.0.
    pub fn add_geonames(
        &mut self,
        dir: &Path,
        alternates_min_population: u64,
    ) -> Result<(), NerError> {
        let json = |name: &str| -> Result<serde_json::Value, NerError> {
            let text = read_maybe_gz(&dir.join(name))?;
            serde_json::from_str(&text).map_err(|e| NerError::Data(format!("{name}: {e}")))
        };
        let mut n = 0usize;
        let mut add = |g: &mut Gazetteer, name: &str, c: u32| {
            if usable_name(name) {
                g.insert(&name_tokens(name), 1 << c);
                n += 1;
            }
        };
        let countries = json("countries.json")?;
        if let Some(map) = countries.as_object() {
            for c in map.values() {
                if let Some(name) = c.get("name").and_then(|v| v.as_str()) {
                    add(&mut self.gazetteer, name, cat::COUNTRY);
                }
            }
        }
        let alt = read_maybe_gz(&dir.join("country_alternate_names.tsv.gz"))?;
        for line in alt.lines().skip(1) {
            let cols: Vec<&str> = line.split('\t').collect();
            // alternateNameId, geonameid, isolanguage, alternateName, preferred, short,
            // colloquial, historic, ...
            if cols.len() < 8 {
                continue;
            }
            let lang_ok = matches!(cols[2], "" | "en" | "abbr");
            if lang_ok && cols[6] != "1" && cols[7] != "1" {
                add(&mut self.gazetteer, cols[3], cat::COUNTRY);
            }
        }
        let admin1 = read_maybe_gz(&dir.join("admin1.tsv"))?;
        for line in admin1.lines().skip(1) {
            let cols: Vec<&str> = line.split('\t').collect();
            if let Some(name) = cols.get(1) {
                add(&mut self.gazetteer, name, cat::ADMIN);
            }
            if let Some(aliases) = cols.get(5) {
                for a in aliases.split('|') {
                    add(&mut self.gazetteer, a, cat::ADMIN);
                }
            }
        }
        let states = json("us_states.json")?;
        let state_names: Vec<String> = match &states {
            serde_json::Value::Object(m) => m
                .values()
                .filter_map(|v| v.get("name").and_then(|n| n.as_str()).map(String::from))
                .collect(),
            serde_json::Value::Array(a) => a
                .iter()
                .filter_map(|v| v.get("name").and_then(|n| n.as_str()).map(String::from))
                .collect(),
            _ => Vec::new(),
        };
        for name in &state_names {
            add(&mut self.gazetteer, name, cat::ADMIN);
        }
        let cities = json("cities15000.json.gz")?;
        if let Some(map) = cities.as_object() {
            for c in map.values() {
                if let Some(name) = c.get("name").and_then(|v| v.as_str()) {
                    add(&mut self.gazetteer, name, cat::CITY);
                }
                let population = c.get("population").and_then(|v| v.as_u64()).unwrap_or(0);
                if population < alternates_min_population {
                    continue;
                }
                if let Some(alts) = c.get("alternatenames").and_then(|v| v.as_array()) {
                    for a in alts.iter().filter_map(|a| a.as_str()) {
                        add(&mut self.gazetteer, a, cat::CITY);
                    }
                }
            }
        }
        let continents = json("continents.json")?;
        if let Some(map) = continents.as_object() {
            for c in map.values() {
                if let Some(name) = c.get("name").and_then(|v| v.as_str()) {
                    add(&mut self.gazetteer, name, cat::GEO_OTHER);
                }
            }
        }
        let no_country = read_maybe_gz(&dir.join("no-country.txt.gz"))?;
        for line in no_country.lines() {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() > 2 {
                add(&mut self.gazetteer, cols[1], cat::GEO_OTHER);
                add(&mut self.gazetteer, cols[2], cat::GEO_OTHER);
            }
        }
        self.sources.push(format!(
            "GeoNames via {} ({n} names; CC BY 4.0)",
            dir.display()
        ));
        Ok(())
    }

    /// Adds the entity names of a corpus as name lists (PER, ORG, LOC, MISC, first and last
    /// names of persons).
    pub fn add_names(&mut self, corpus: &Corpus) {
        add_corpus_names(&mut self.gazetteer, corpus, false);
        self.sources.push(format!("names from {}", corpus.name));
    }
}

/// Adds a corpus's entities to a gazetteer, as name-list categories or (`train`) as the
/// training-data categories.
fn add_corpus_names<'a>(
    g: &mut Gazetteer,
    docs: impl IntoIterator<Item = &'a Document>,
    train: bool,
) {
    for doc in docs {
        for s in &doc.sentences {
            for &(start, end, class) in &s.spans {
                let toks = &s.tokens[start..end];
                let c = match (train, CLASSES[usize::from(class)]) {
                    (true, "PER") => cat::TRAIN_PER,
                    (true, "ORG") => cat::TRAIN_ORG,
                    (true, "LOC") => cat::TRAIN_LOC,
                    (true, _) => cat::TRAIN_MISC,
                    (false, "PER") => cat::PER,
                    (false, "ORG") => cat::ORG,
                    (false, "LOC") => cat::LOC,
                    (false, _) => cat::MISC,
                };
                g.insert(toks, 1 << c);
                if !train && c == cat::PER && toks.len() >= 2 {
                    g.insert(&toks[..1], 1 << cat::FIRST_NAME);
                    g.insert(&toks[toks.len() - 1..], 1 << cat::LAST_NAME);
                }
            }
        }
    }
}

/// Formats of unlabeled text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextFormat {
    /// One sentence per line, tokens separated by spaces.
    Tokens,
    /// JSON lines with `"sentences"`: a list of sentences, each a string of space-separated
    /// tokens or a list of tokens.
    Jsonl,
    /// A labeled corpus; its tags are ignored.
    Corpus(CorpusFormat),
}

impl FromStr for TextFormat {
    type Err = NerError;

    fn from_str(s: &str) -> Result<Self, NerError> {
        Ok(match s {
            "tokens" => TextFormat::Tokens,
            "jsonl" => TextFormat::Jsonl,
            other => TextFormat::Corpus(other.parse().map_err(|_| {
                NerError::Data(format!(
                    "unknown text format {other:?} (tokens, jsonl, or a corpus format)"
                ))
            })?),
        })
    }
}

/// Tokenized sentences without labels, for casing statistics and word clusters.
#[derive(Debug, Clone, Default)]
pub struct Text {
    vocab: HashMap<String, u32>,
    words: Vec<String>,
    sentences: Vec<Vec<u32>>,
    /// What was read, for the model's metadata.
    pub sources: Vec<String>,
}

impl Text {
    /// An empty text.
    pub fn new() -> Self {
        Text::default()
    }

    /// Adds one sentence.
    pub fn add_sentence<S: AsRef<str>>(&mut self, tokens: &[S]) {
        if tokens.is_empty() {
            return;
        }
        let mut ids = Vec::with_capacity(tokens.len());
        for t in tokens {
            let t = t.as_ref();
            let id = match self.vocab.get(t) {
                Some(&id) => id,
                None => {
                    let id = self.words.len() as u32;
                    self.words.push(t.to_string());
                    self.vocab.insert(t.to_string(), id);
                    id
                }
            };
            ids.push(id);
        }
        self.sentences.push(ids);
    }

    /// Adds the sentences of a corpus (without labels).
    pub fn add_corpus(&mut self, corpus: &Corpus) {
        for s in corpus.sentences() {
            self.add_sentence(&s.tokens);
        }
        self.sources.push(format!("text of {}", corpus.name));
    }

    /// Reads a file of unlabeled text (plain or gzip).
    pub fn add_file(&mut self, path: &Path, format: TextFormat) -> Result<(), NerError> {
        let before = self.token_count();
        match format {
            TextFormat::Corpus(f) => {
                let c = Corpus::read(path, f)?;
                for s in c.sentences() {
                    self.add_sentence(&s.tokens);
                }
            }
            TextFormat::Tokens => {
                let text = read_maybe_gz(path)?;
                for line in text.lines() {
                    let toks: Vec<&str> = line.split_whitespace().collect();
                    self.add_sentence(&toks);
                }
            }
            TextFormat::Jsonl => {
                let text = read_maybe_gz(path)?;
                for (i, line) in text.lines().enumerate() {
                    if line.trim().is_empty() {
                        continue;
                    }
                    let v: serde_json::Value = serde_json::from_str(line).map_err(|e| {
                        NerError::Data(format!("{}: line {}: {e}", path.display(), i + 1))
                    })?;
                    let Some(sents) = v.get("sentences").and_then(|s| s.as_array()) else {
                        continue;
                    };
                    for s in sents {
                        let toks: Vec<&str> = match s {
                            serde_json::Value::String(s) => s.split_whitespace().collect(),
                            serde_json::Value::Array(a) => {
                                a.iter().filter_map(|t| t.as_str()).collect()
                            }
                            _ => Vec::new(),
                        };
                        self.add_sentence(&toks);
                    }
                }
            }
        }
        self.sources.push(format!(
            "{} ({} tokens)",
            path.display(),
            self.token_count() - before
        ));
        Ok(())
    }

    /// Number of tokens.
    pub fn token_count(&self) -> usize {
        self.sentences.iter().map(Vec::len).sum()
    }

    /// Number of sentences.
    pub fn sentence_count(&self) -> usize {
        self.sentences.len()
    }

    /// The text with every word in lowercase (for word clusters of a caseless model; its
    /// casing profiles still come from the text as written).
    pub fn lowercased(&self) -> Text {
        let mut out = Text::new();
        for s in &self.sentences {
            let words: Vec<String> = s
                .iter()
                .map(|&i| self.words[i as usize].to_lowercase())
                .collect();
            out.add_sentence(&words);
        }
        out.sources = self
            .sources
            .iter()
            .map(|s| format!("{s} (lowercased)"))
            .collect();
        out
    }
}

impl Lexicon {
    /// Learns casing profiles from text: how often each word is capitalized where case is
    /// informative (not first in a sentence or after an opening quote, not in a headline).
    pub fn learn_casing(&mut self, text: &Text) {
        let none = Clusters::default();
        let infos: Vec<WordInfo> = text
            .words
            .iter()
            .map(|w| features::word_info(w, &none, 0))
            .collect();
        let mut counts: HashMap<String, (u32, u32)> = HashMap::new();
        for s in &text.sentences {
            let refs: Vec<&WordInfo> = s.iter().map(|&i| &infos[i as usize]).collect();
            if features::is_caps_sentence(&refs) {
                continue;
            }
            for i in 1..s.len() {
                if refs[i - 1].opens() {
                    continue;
                }
                let w = &text.words[s[i] as usize];
                let Some(first) = w.chars().next() else {
                    continue;
                };
                if !first.is_alphabetic() {
                    continue;
                }
                let e = counts.entry(w.to_lowercase()).or_insert((0, 0));
                if first.is_uppercase() {
                    e.1 += 1;
                } else if w.chars().all(|c| !c.is_uppercase()) {
                    e.0 += 1;
                }
            }
        }
        let mut casing = HashKeyMap::default();
        for (w, (l, c)) in &counts {
            let p = casing_profile(*l, *c);
            if p != 0 {
                casing.insert(super::hash::hash_str(w), p);
            }
        }
        self.sources.push(format!(
            "casing profiles of {} words from {} tokens",
            casing.len(),
            text.token_count()
        ));
        self.clusters.set_casing(casing);
    }
}

/// How to cluster words.
#[derive(Debug, Clone)]
pub struct ClusterOptions {
    /// Clusterings: number of classes and whether to cluster by left context (reversed text).
    /// At most four.
    pub clusterings: Vec<(usize, bool)>,
    /// Words seen fewer times are not clustered.
    pub min_count: u32,
    /// Exchange passes.
    pub iterations: usize,
}

impl Default for ClusterOptions {
    fn default() -> Self {
        ClusterOptions {
            clusterings: vec![(64, false), (256, false), (1024, false), (256, true)],
            min_count: 3,
            iterations: 8,
        }
    }
}

impl Lexicon {
    /// Learns word clusters from text with the exchange algorithm.
    pub fn learn_clusters(&mut self, text: &Text, opts: &ClusterOptions, progress: Progress<'_>) {
        let mut freq = vec![0u32; text.words.len()];
        for s in &text.sentences {
            for &w in s {
                freq[w as usize] += 1;
            }
        }
        let mut ranked: Vec<u32> = (0..text.words.len() as u32)
            .filter(|&w| freq[w as usize] >= opts.min_count)
            .collect();
        ranked.sort_by(|&a, &b| {
            freq[b as usize]
                .cmp(&freq[a as usize])
                .then_with(|| text.words[a as usize].cmp(&text.words[b as usize]))
        });
        let n_words = ranked.len();
        let mut rank = vec![n_words as u32; text.words.len()];
        for (r, &w) in ranked.iter().enumerate() {
            rank[w as usize] = r as u32;
        }
        let sentences: Vec<Vec<u32>> = text
            .sentences
            .iter()
            .map(|s| s.iter().map(|&w| rank[w as usize]).collect())
            .collect();
        let mut classes = vec![[NO_CLASS; CLUSTERINGS]; n_words];
        for (k, &(n, reverse)) in opts.clusterings.iter().take(CLUSTERINGS).enumerate() {
            let started = std::time::Instant::now();
            let c = super::exchange::exchange(&sentences, n_words, n, opts.iterations, reverse);
            for (slot, class) in classes.iter_mut().zip(c) {
                slot[k] = class;
            }
            progress(&format!(
                "clusters: {n} classes{} over {n_words} words in {:.1}s",
                if reverse { " (left context)" } else { "" },
                started.elapsed().as_secs_f64()
            ));
        }
        let mut words = HashKeyMap::default();
        for (r, &w) in ranked.iter().enumerate() {
            words.insert(super::hash::hash_str(&text.words[w as usize]), classes[r]);
        }
        let casing = std::mem::take(&mut self.clusters);
        self.clusters = Clusters::new(words);
        self.clusters.set_casing_from(&casing);
        self.sources.push(format!(
            "word clusters {:?} of {n_words} words (seen {}+ times) from {} tokens",
            opts.clusterings,
            opts.min_count,
            text.token_count()
        ));
    }
}

impl<'a> IntoIterator for &'a Corpus {
    type Item = &'a Document;
    type IntoIter = std::slice::Iter<'a, Document>;

    fn into_iter(self) -> Self::IntoIter {
        self.documents.iter()
    }
}

/// Training settings.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// Passes over the training data.
    pub epochs: usize,
    /// Seed of the sentence order (run `r` uses `seed + r`).
    pub seed: u64,
    /// Training runs whose averaged weights are averaged again (different sentence orders).
    pub runs: usize,
    /// Tag scheme.
    pub scheme: Scheme,
    /// Feature groups (see [`feature_groups`]).
    pub groups: u32,
    /// Features seen fewer times than this in the training data are dropped.
    pub min_count: u32,
    /// Folds for the training-data name list (0: no such list). Each document sees the names
    /// of the other folds only, so the feature is as reliable in training as on new text.
    pub folds: usize,
    /// Passive-aggressive step cap (PA-I, Crammer et al. 2006); 0 for plain perceptron steps.
    pub pa_cap: f32,
    /// The command line, for the model's metadata.
    pub command: String,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 10,
            seed: 1,
            runs: 1,
            scheme: Scheme::Bilou,
            groups: group::DEFAULT,
            min_count: 1,
            folds: 10,
            pa_cap: 1.0,
            command: String::new(),
        }
    }
}

/// The default feature groups with some turned on or off by name (affix, window2, ngram,
/// clusters, gazetteer, history2, chargram, casing, conj).
pub fn feature_groups(enabled: &[String], disabled: &[String]) -> Result<u32, NerError> {
    let mut g = group::DEFAULT;
    for name in enabled {
        g |= group_bit(name)?;
    }
    for name in disabled {
        g &= !group_bit(name)?;
    }
    Ok(g)
}

fn group_bit(name: &str) -> Result<u32, NerError> {
    Ok(match name {
        "affix" => group::AFFIX,
        "window2" => group::WINDOW2,
        "ngram" => group::NGRAM,
        "clusters" => group::CLUSTERS,
        "gazetteer" => group::GAZETTEER,
        "history2" => group::HISTORY2,
        "chargram" => group::CHARGRAM,
        "casing" => group::CASING,
        "conj" => group::CONJ,
        other => return Err(NerError::Data(format!("unknown feature group {other:?}"))),
    })
}

/// Precision, recall and F1 (percent) with counts.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Prf {
    /// Correct spans.
    pub tp: usize,
    /// Predicted spans.
    pub predicted: usize,
    /// Gold spans.
    pub gold: usize,
}

impl Prf {
    /// Precision in percent.
    pub fn precision(&self) -> f64 {
        pct(self.tp, self.predicted)
    }
    /// Recall in percent.
    pub fn recall(&self) -> f64 {
        pct(self.tp, self.gold)
    }
    /// F1 in percent.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn pct(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        100.0 * a as f64 / b as f64
    }
}

/// Entity-level scores (exact span and class, micro-averaged like `conlleval`).
#[derive(Debug, Clone, Default)]
pub struct Scores {
    /// All classes.
    pub overall: Prf,
    /// Per class (PER, ORG, LOC, MISC).
    pub per_class: [Prf; 4],
}

impl std::fmt::Display for Scores {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let o = &self.overall;
        write!(
            f,
            "P={:.2} R={:.2} F1={:.2}",
            o.precision(),
            o.recall(),
            o.f1()
        )?;
        for (name, p) in CLASSES.iter().zip(&self.per_class) {
            write!(f, " {name}={:.2}", p.f1())?;
        }
        Ok(())
    }
}

/// Scores a model on a corpus, sentence by sentence.
pub fn evaluate(ner: &Ner, corpus: &Corpus) -> Scores {
    let mut tagger = ner.tagger();
    let mut s = Scores::default();
    for sent in corpus.sentences() {
        let pred = tagger.tag_classes(&sent.tokens);
        for &(a, b, c) in &pred {
            let ok = sent.spans.contains(&(a, b, c));
            for p in [&mut s.overall, &mut s.per_class[usize::from(c)]] {
                p.predicted += 1;
                p.tp += usize::from(ok);
            }
        }
        for &(_, _, c) in &sent.spans {
            s.overall.gold += 1;
            s.per_class[usize::from(c)].gold += 1;
        }
    }
    s
}

/// A deterministic generator (splitmix64) for the sentence order.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        super::hash::mix(self.0, 0)
    }

    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// A training sentence with its features resolved.
struct Prepared {
    /// Word ids (into the word table).
    words: Vec<u32>,
    gold: Vec<u8>,
    /// Static feature ids of every token, concatenated.
    feats: Vec<u32>,
    /// `feats[ends[i-1]..ends[i]]` are token i's.
    ends: Vec<u32>,
}

/// The perceptron's weights while training.
struct Perceptron {
    n_tags: usize,
    w: Vec<f32>,
    /// Sum over updates of `step × delta`, for averaging.
    u: Vec<f64>,
    step: f64,
}

impl Perceptron {
    fn update(&mut self, feats: impl Iterator<Item = u32> + Clone, gold: u8, pred: u8, step: f32) {
        for f in feats {
            let base = f as usize * self.n_tags;
            for (t, d) in [(gold, step), (pred, -step)] {
                let i = base + usize::from(t);
                self.w[i] += d;
                self.u[i] += self.step * f64::from(d);
            }
        }
    }

    fn averaged(&self) -> Vec<f32> {
        let c = self.step.max(1.0);
        self.w
            .iter()
            .zip(&self.u)
            .map(|(&w, &u)| (f64::from(w) - u / c) as f32)
            .collect()
    }
}

/// Progress messages from [`train`].
pub type Progress<'a> = &'a mut dyn FnMut(&str);

/// Trains a model on labeled corpora with a lexicon. `dev` corpora are only scored after each
/// epoch (for the log and the metadata); they never change the model.
pub fn train(
    corpora: &[Corpus],
    lexicon: &Lexicon,
    opts: &TrainOptions,
    dev: &[Corpus],
    progress: Progress<'_>,
) -> Result<Ner, NerError> {
    let scheme = opts.scheme;
    let n_tags = scheme.n_tags();
    let groups = opts.groups;
    let docs: Vec<&Document> = corpora.iter().flat_map(|c| c.documents.iter()).collect();
    if docs.iter().all(|d| d.sentences.is_empty()) {
        return Err(NerError::Data("no training sentences".into()));
    }

    // Word table.
    let mut word_ids: HashMap<&str, u32> = HashMap::new();
    let mut words: Vec<WordInfo> = Vec::new();
    for d in &docs {
        for s in &d.sentences {
            for t in &s.tokens {
                word_ids.entry(t.as_str()).or_insert_with(|| {
                    words.push(features::word_info(t, &lexicon.clusters, groups));
                    (words.len() - 1) as u32
                });
            }
        }
    }

    // Gazetteers: the lexicon plus, per fold, the training names of the other folds.
    let use_train_names = opts.folds > 1 && groups & group::GAZETTEER != 0;
    let folds = if use_train_names { opts.folds } else { 1 };
    let mut fold_gaz: Vec<Gazetteer> = Vec::with_capacity(folds);
    for k in 0..folds {
        let mut g = lexicon.gazetteer.clone();
        if use_train_names {
            let others = docs
                .iter()
                .enumerate()
                .filter(|(i, _)| i % folds != k)
                .map(|(_, d)| *d);
            add_corpus_names(&mut g, others, true);
        }
        fold_gaz.push(g);
    }
    let mut final_gaz = lexicon.gazetteer.clone();
    if use_train_names {
        add_corpus_names(&mut final_gaz, docs.iter().copied(), true);
    }
    progress(&format!(
        "{} documents, {} word types, gazetteer {} entries",
        docs.len(),
        words.len(),
        final_gaz.len()
    ));

    // Static features of every token, and counts (including gold-history features).
    let mut counts: HashKeyMap<u32> = HashKeyMap::default();
    // Per sentence: word ids, gold tags, feature keys of every token, end of each token's.
    type Raw = (Vec<u32>, Vec<u8>, Vec<u64>, Vec<u32>);
    let mut raw: Vec<Raw> = Vec::new();
    let mut keys = Vec::new();
    let mut gaz: Vec<GazMatch> = Vec::new();
    for (di, d) in docs.iter().enumerate() {
        let g = &fold_gaz[di % folds];
        for s in &d.sentences {
            let ids: Vec<u32> = s
                .tokens
                .iter()
                .map(|t| word_ids.get(t.as_str()).copied().unwrap_or(0))
                .collect();
            let refs: Vec<&WordInfo> = ids.iter().map(|&i| &words[i as usize]).collect();
            features::gazetteer_matches(&refs, g, &mut gaz);
            let view = SentenceView {
                words: &refs,
                all_caps: features::is_caps_sentence(&refs),
                gaz: &gaz,
            };
            let gold = scheme.encode(s.tokens.len(), &s.spans);
            let mut flat = Vec::new();
            let mut ends = Vec::new();
            let (mut prev, mut prev2) = (START_TAG, START_TAG);
            for i in 0..s.tokens.len() {
                keys.clear();
                features::static_keys(&view, i, groups, &mut keys);
                flat.extend_from_slice(&keys);
                ends.push(flat.len() as u32);
                features::history_keys(refs[i], prev, prev2, groups, &mut keys);
                for &k in &keys {
                    *counts.entry(k).or_insert(0) += 1;
                }
                prev2 = prev;
                prev = gold[i];
            }
            raw.push((ids, gold, flat, ends));
        }
    }
    let mut dict: HashKeyMap<u32> = HashKeyMap::default();
    let mut kept: Vec<u64> = counts
        .iter()
        .filter(|(_, &c)| c >= opts.min_count)
        .map(|(&k, _)| k)
        .collect();
    kept.sort_unstable();
    for (i, &k) in kept.iter().enumerate() {
        dict.insert(k, i as u32);
    }
    drop(counts);
    let data: Vec<Prepared> = raw
        .into_iter()
        .map(|(words, gold, flat, ends)| {
            let mut feats = Vec::with_capacity(flat.len());
            let mut new_ends = Vec::with_capacity(ends.len());
            let mut start = 0usize;
            for &e in &ends {
                for k in &flat[start..e as usize] {
                    if let Some(&id) = dict.get(k) {
                        feats.push(id);
                    }
                }
                new_ends.push(feats.len() as u32);
                start = e as usize;
            }
            Prepared {
                words,
                gold,
                feats,
                ends: new_ends,
            }
        })
        .collect();
    let n_tokens: usize = data.iter().map(|p| p.gold.len()).sum();
    progress(&format!(
        "{} sentences, {n_tokens} tokens, {} features",
        data.len(),
        kept.len()
    ));

    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut acc = vec![0f32; n_tags];
    let mut hist: Vec<u32> = Vec::new();
    let mut dev_log: Vec<String> = Vec::new();
    let meta_base = |dev_log: &[String], epochs_done: usize| -> String {
        serde_json::json!({
            "format": super::model::FORMAT_VERSION,
            "command": opts.command,
            "corpora": corpora.iter().map(|c| c.name.clone()).collect::<Vec<_>>(),
            "lexicon": lexicon.sources,
            "epochs": epochs_done,
            "seed": opts.seed,
            "runs": opts.runs,
            "scheme": format!("{scheme:?}"),
            "feature_groups": groups,
            "min_count": opts.min_count,
            "folds": opts.folds,
            "pa_cap": opts.pa_cap,
            "tokens": n_tokens,
            "dev": dev_log,
        })
        .to_string()
    };
    let runs = opts.runs.max(1);
    let mut sum = vec![0f32; kept.len() * n_tags];
    for run in 0..runs {
        let mut p = Perceptron {
            n_tags,
            w: vec![0.0; kept.len() * n_tags],
            u: vec![0.0; kept.len() * n_tags],
            step: 1.0,
        };
        let mut rng = Rng(opts.seed.wrapping_add(run as u64));
        order.sort_unstable();
        for epoch in 1..=opts.epochs {
            rng.shuffle(&mut order);
            let (mut errors, mut seen) = (0usize, 0usize);
            for &si in &order {
                let s = &data[si];
                let (mut prev, mut prev2) = (START_TAG, START_TAG);
                let mut start = 0usize;
                for i in 0..s.gold.len() {
                    let end = s.ends[i] as usize;
                    let stat = &s.feats[start..end];
                    start = end;
                    keys.clear();
                    features::history_keys(
                        &words[s.words[i] as usize],
                        prev,
                        prev2,
                        groups,
                        &mut keys,
                    );
                    hist.clear();
                    hist.extend(keys.iter().filter_map(|k| dict.get(k).copied()));
                    acc.fill(0.0);
                    for &f in stat.iter().chain(&hist) {
                        let row = &p.w[f as usize * n_tags..][..n_tags];
                        for (a, &w) in acc.iter_mut().zip(row) {
                            *a += w;
                        }
                    }
                    let last = i + 1 == s.gold.len();
                    let prev_tag = (prev != START_TAG).then_some(prev);
                    let pred = scheme.best_allowed(&acc[..], prev_tag, last);
                    let gold = s.gold[i];
                    if pred != gold {
                        errors += 1;
                        let step = if opts.pa_cap > 0.0 {
                            let n = (stat.len() + hist.len()).max(1) as f32;
                            let loss = acc[usize::from(pred)] - acc[usize::from(gold)] + 1.0;
                            (loss / (2.0 * n)).min(opts.pa_cap)
                        } else {
                            1.0
                        };
                        p.update(stat.iter().chain(&hist).copied(), gold, pred, step);
                    }
                    seen += 1;
                    p.step += 1.0;
                    prev2 = prev;
                    prev = pred;
                }
            }
            let run_name = if runs > 1 {
                format!("run {} ", run + 1)
            } else {
                String::new()
            };
            let mut line = format!(
                "{run_name}epoch {epoch}: train token error {:.2}%",
                100.0 * errors as f64 / seen.max(1) as f64
            );
            if !dev.is_empty() {
                let ner = export(
                    &p.averaged(),
                    n_tags,
                    &kept,
                    opts,
                    lexicon,
                    &final_gaz,
                    String::new(),
                )?;
                for d in dev {
                    let sc = evaluate(&ner, d);
                    line.push_str(&format!(" | {}: {sc}", d.name));
                    dev_log.push(format!("{run_name}epoch {epoch} {}: {sc}", d.name));
                }
            }
            progress(&line);
        }
        for (s, w) in sum.iter_mut().zip(p.averaged()) {
            *s += w / runs as f32;
        }
    }
    let mut ner = export(
        &sum,
        n_tags,
        &kept,
        opts,
        lexicon,
        &final_gaz,
        String::new(),
    )?;
    if runs > 1 {
        let mut line = format!("average of {runs} runs");
        for d in dev {
            let sc = evaluate(&ner, d);
            line.push_str(&format!(" | {}: {sc}", d.name));
            dev_log.push(format!("average of {runs} runs {}: {sc}", d.name));
        }
        progress(&line);
    }
    ner.model.meta = meta_base(&dev_log, opts.epochs);
    Ok(ner)
}

/// Averages, quantizes and prunes the weights into a model.
fn export(
    avg: &[f32],
    n_tags: usize,
    keys: &[u64],
    opts: &TrainOptions,
    lexicon: &Lexicon,
    gazetteer: &Gazetteer,
    meta: String,
) -> Result<Ner, NerError> {
    let max = avg.iter().fold(0f32, |m, &w| m.max(w.abs())).max(1e-6);
    let scale = f32::from(i16::MAX) / max;
    let mut out_keys = Vec::new();
    let mut data = Vec::new();
    for (r, &k) in keys.iter().enumerate() {
        let row = &avg[r * n_tags..][..n_tags];
        let q: Vec<i16> = row.iter().map(|&w| (w * scale).round() as i16).collect();
        if q.iter().any(|&v| v != 0) {
            out_keys.push(k);
            data.extend_from_slice(&q);
        }
    }
    let weights = Weights::new(n_tags, out_keys, data)?;
    Ok(Ner::new(Model {
        meta,
        scheme: opts.scheme,
        groups: opts.groups,
        weights,
        clusters: lexicon.clusters.clone(),
        gazetteer: gazetteer.clone(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conll2003_documents_and_iob1() {
        let text = "-DOCSTART- -X- -X- O\n\nEU NNP B-NP I-ORG\nrejects VBZ B-VP O\n\
                    German JJ B-NP I-MISC\ncall NN I-NP O\n\n-DOCSTART- -X- -X- O\n\n\
                    Peter NNP B-NP I-PER\nBlackburn NNP I-NP I-PER\nB NNP I-NP B-PER\n";
        let c = Corpus::parse(text, CorpusFormat::Conll2003, "t").expect("parses");
        assert_eq!(c.documents.len(), 2);
        let s = &c.documents[0].sentences[0];
        assert_eq!(s.tokens, ["EU", "rejects", "German", "call"]);
        assert_eq!(s.spans, vec![(0, 1, 1), (2, 3, 3)]);
        assert_eq!(
            c.documents[1].sentences[0].spans,
            vec![(0, 2, 0), (2, 3, 0)]
        );
        assert_eq!(c.token_count(), 7);
    }

    #[test]
    fn other_formats_map_their_labels() {
        let w = Corpus::parse(
            "en:R.H.\tB-ORG\nen:Saunders\tI-ORG\nen:in\tO\nen:Ohio\tB-LOC\n",
            CorpusFormat::Wikiann,
            "w",
        )
        .expect("parses");
        let s = &w.documents[0].sentences[0];
        assert_eq!(s.tokens[0], "R.H.");
        assert_eq!(s.spans, vec![(0, 2, 1), (3, 4, 2)]);
        let wnut = "\u{feff}Go\tO\nApple\tB-corporation\nfans\tO\n\t\nHarry\tB-creative-work\n\
                    Potter\tI-creative-work\n";
        let c = Corpus::parse(wnut, CorpusFormat::Wnut17, "n").expect("parses");
        let sents: Vec<&Sentence> = c.sentences().collect();
        assert_eq!(sents.len(), 2);
        assert_eq!(sents[0].spans, vec![(1, 2, 1)]);
        assert_eq!(sents[1].spans, vec![(0, 2, 3)]);
        let r = Corpus::parse(
            "The\tO\nAK-47\tB-Weapon\nof\tO\nISIS\tB-Organisation\n",
            CorpusFormat::Re3d,
            "r",
        )
        .expect("parses");
        assert_eq!(r.documents[0].sentences[0].spans, vec![(3, 4, 1)]);
        assert!(Corpus::parse("\n\n", CorpusFormat::Wikigold, "e").is_err());
        assert!(Corpus::parse("lonely\n", CorpusFormat::Wikigold, "e").is_err());
        assert!("nope".parse::<CorpusFormat>().is_err());
        let docs = "a\tO\n\n".repeat(PSEUDO_DOC * 2 + 1);
        let p = Corpus::parse(&docs, CorpusFormat::Re3d, "p").expect("parses");
        assert_eq!(p.documents.len(), 3);
    }

    #[test]
    fn unlabeled_text_formats() {
        let dir = std::env::temp_dir().join(format!("tocsin-ner-text-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let jsonl = dir.join("docs.jsonl");
        std::fs::write(
            &jsonl,
            "{\"sentences\": [\"A b c\", [\"D\", \"e\"]]}\n\n{\"other\": 1}\n",
        )
        .expect("write");
        let tokens = dir.join("tokens.txt");
        std::fs::write(&tokens, "x y\n\nz\n").expect("write");
        let mut t = Text::new();
        t.add_file(&jsonl, "jsonl".parse().expect("format"))
            .expect("reads");
        t.add_file(&tokens, TextFormat::Tokens).expect("reads");
        assert_eq!(t.sentence_count(), 4);
        assert_eq!(t.token_count(), 8);
        assert!(t
            .add_file(&dir.join("missing"), TextFormat::Tokens)
            .is_err());
        std::fs::write(&jsonl, "{not json\n").expect("write");
        assert!(t.add_file(&jsonl, TextFormat::Jsonl).is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn lowercased_corpus_and_text_keep_labels_and_sources() {
        let c = Corpus::parse(
            "-DOCSTART- -X- O O\n\nGunmen NNS B-NP O\nkilled VBD B-VP O\nJohn NNP B-NP B-PER\nSmith NNP I-NP I-PER\n\n",
            CorpusFormat::Conll2003,
            "t",
        )
        .expect("parses");
        let low = c.lowercased();
        let s = low.sentences().next().expect("a sentence");
        assert_eq!(s.tokens, ["gunmen", "killed", "john", "smith"]);
        assert_eq!(s.spans, c.sentences().next().expect("a sentence").spans);
        assert!(low.name.ends_with("(lowercased)"));

        let mut t = Text::new();
        t.add_sentence(&["Paris", "is", "in", "France"]);
        t.add_sentence(&["paris", "PARIS"]);
        let lt = t.lowercased();
        assert_eq!(lt.token_count(), 6);
        assert_eq!(lt.words.len(), 4, "one word type per lowercase form");
    }

    #[test]
    fn casing_profiles_and_clusters_are_learned() {
        let mut t = Text::new();
        for _ in 0..5 {
            t.add_sentence(&[
                "the", "man", "saw", "Paris", "and", "the", "dog", "saw", "Rome",
            ]);
            t.add_sentence(&["a", "dog", "saw", "Rome", "and", "a", "man", "saw", "Paris"]);
        }
        let mut lex = Lexicon::new();
        lex.learn_casing(&t);
        assert!(lex.clusters.casing("paris") > 0);
        assert_eq!(lex.clusters.casing("tokyo"), 0);
        let opts = ClusterOptions {
            clusterings: vec![(4, false), (2, true)],
            min_count: 2,
            iterations: 5,
        };
        lex.learn_clusters(&t, &opts, &mut |_| {});
        let man = lex.clusters.classes("man", "man").expect("clustered");
        let dog = lex.clusters.classes("dog", "dog").expect("clustered");
        assert_eq!(man[0], dog[0]);
        assert_eq!(man[2], NO_CLASS);
        assert!(lex.clusters.casing("paris") > 0, "casing kept");
    }

    #[test]
    fn scores() {
        let p = Prf {
            tp: 8,
            predicted: 10,
            gold: 16,
        };
        assert!((p.precision() - 80.0).abs() < 1e-9);
        assert!((p.recall() - 50.0).abs() < 1e-9);
        assert!((p.f1() - 61.538_461_538).abs() < 1e-6);
        assert_eq!(Prf::default().f1(), 0.0);
        let g = feature_groups(&["chargram".into()], &["clusters".into()]).expect("valid");
        assert_eq!(g, (group::DEFAULT | group::CHARGRAM) & !group::CLUSTERS);
        assert!(feature_groups(&[], &["nope".into()]).is_err());
    }
}
