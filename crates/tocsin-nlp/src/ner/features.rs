//! Feature extraction: what the model sees of each token.
//!
//! Features are hashed keys (a template id mixed with a value hash). They come in three groups,
//! so the tagger can cache the expensive part per word type:
//!
//! * word features: a function of one token and its offset from the token being tagged
//!   (`-2..=2`): form, lowercase, shape, affixes, character flags, word clusters;
//! * sentence features: bigrams, shape trigrams, sentence position, headline case,
//!   gazetteer matches (a gazetteer phrase spans tokens, so it cannot be cached per type);
//! * history features: the tags already predicted to the left.

use super::hash::{hash_str, key, mix};
use super::resources::{Clusters, Gazetteer, GAZ_CATEGORIES};

/// Feature groups that a model was trained with (stored in the model file).
pub(crate) mod group {
    /// Prefixes and suffixes of length 1 to 4.
    pub const AFFIX: u32 = 1 << 0;
    /// Words two tokens away.
    pub const WINDOW2: u32 = 1 << 1;
    /// Word bigrams and shape trigrams.
    pub const NGRAM: u32 = 1 << 2;
    /// Word clusters.
    pub const CLUSTERS: u32 = 1 << 3;
    /// Gazetteer matches.
    pub const GAZETTEER: u32 = 1 << 4;
    /// Tags two to the left, and the previous tag with the word.
    pub const HISTORY2: u32 = 1 << 5;
    /// Character trigrams of the word.
    pub const CHARGRAM: u32 = 1 << 6;
    /// How often the word is capitalized in running text (from unlabeled text).
    pub const CASING: u32 = 1 << 7;
    /// A neighbouring word with the shape of the current one.
    pub const CONJ: u32 = 1 << 8;
    /// Every group.
    pub const ALL: u32 =
        AFFIX | WINDOW2 | NGRAM | CLUSTERS | GAZETTEER | HISTORY2 | CHARGRAM | CASING | CONJ;
    /// The groups used unless told otherwise (character trigrams did not help on a held-out
    /// part of CoNLL-2003 train).
    pub const DEFAULT: u32 = ALL & !CHARGRAM;
}

/// Character-class flags of a token.
mod flag {
    pub const INIT_CAP: u32 = 1 << 0;
    pub const ALL_CAPS: u32 = 1 << 1;
    pub const ALL_LOWER: u32 = 1 << 2;
    pub const MIXED_CAPS: u32 = 1 << 3;
    pub const HAS_DIGIT: u32 = 1 << 4;
    pub const ALL_DIGIT: u32 = 1 << 5;
    pub const HAS_HYPHEN: u32 = 1 << 6;
    pub const HAS_PERIOD: u32 = 1 << 7;
    pub const HAS_APOS: u32 = 1 << 8;
    pub const PUNCT: u32 = 1 << 9;
    pub const NON_ASCII: u32 = 1 << 10;
    pub const SINGLE_CHAR: u32 = 1 << 11;
    pub const HAS_ALPHA: u32 = 1 << 12;
    pub const LONG: u32 = 1 << 13;
    pub const COUNT: u32 = 14;
    /// Opens a sentence-like unit (quote, colon, dash): the next word is capitalized anyway.
    /// Not a feature of its own (beyond `COUNT`).
    pub const OPENS: u32 = 1 << 16;
}

// Template ids. Never renumber: models store keys made from them.
const T_FORM: u64 = 1;
const T_LOWER: u64 = 2;
const T_SHAPE: u64 = 3;
const T_SHORT: u64 = 4;
const T_NORM: u64 = 5;
const T_PREFIX: u64 = 6;
const T_SUFFIX: u64 = 7;
const T_FLAG: u64 = 8;
const T_CLUSTER: u64 = 9;
const T_BIAS: u64 = 20;
const T_BOUNDARY: u64 = 21;
const T_BIGRAM_L: u64 = 22;
const T_BIGRAM_R: u64 = 23;
const T_SHAPE3: u64 = 24;
const T_FIRST_SHORT: u64 = 25;
const T_FIRST_LOWER: u64 = 26;
const T_CAPS_LOWER: u64 = 27;
const T_GAZ: u64 = 28;
const T_GAZ_CAP: u64 = 29;
const T_SHAPE_LR: u64 = 30;
const T_CHARGRAM: u64 = 10;
const T_CASING: u64 = 11;
const T_CASING_POS: u64 = 31;
const T_CONJ_L: u64 = 32;
const T_CONJ_R: u64 = 33;
const T_PREV_TAG: u64 = 40;
const T_PREV_TAGS: u64 = 41;
const T_PREV_TAG_LOWER: u64 = 42;
const T_PREV_TAG_SHORT: u64 = 43;

/// Tag value standing for "before the sentence" in history features.
pub(crate) const START_TAG: u8 = u8::MAX;

/// The template id of a word template at an offset.
#[inline]
fn at(template: u64, offset: i32) -> u64 {
    template * 16 + (offset + 8) as u64
}

/// What the model knows of one word type, whatever its position.
#[derive(Debug, Clone, Default)]
pub(crate) struct WordInfo {
    pub form: u64,
    pub lower: u64,
    pub shape: u64,
    pub short: u64,
    /// Lowercase with digits as `0`; 0 when the word has no digit.
    pub norm: u64,
    /// Prefixes of 1..=4 chars (0 when the word is shorter).
    pub prefix: [u64; 4],
    /// Suffixes of 1..=4 chars (0 when the word is shorter).
    pub suffix: [u64; 4],
    pub flags: u32,
    /// Feature values of the word's class in each clustering (0 when it has none).
    pub cluster: [u64; 4],
    /// Hash of the lowercase form, for gazetteer phrases.
    pub gaz: u64,
    /// Character trigrams of the lowercase word padded with `^` and `$` (words of 4+ chars).
    pub chargrams: Vec<u64>,
    /// Casing profile from unlabeled text (0: unknown).
    pub casing: u8,
}

impl WordInfo {
    /// Whether the word starts with an uppercase letter.
    pub fn init_cap(&self) -> bool {
        self.flags & flag::INIT_CAP != 0
    }

    /// Whether the word has letters and they are all uppercase (not a single letter).
    pub fn all_caps(&self) -> bool {
        self.flags & flag::ALL_CAPS != 0
    }

    /// Whether the word contains an uppercase letter or a digit.
    pub fn has_upper_or_digit(&self) -> bool {
        self.flags & (flag::INIT_CAP | flag::ALL_CAPS | flag::MIXED_CAPS | flag::HAS_DIGIT) != 0
    }

    /// Whether the word has any letter.
    pub fn has_alpha(&self) -> bool {
        self.flags & flag::HAS_ALPHA != 0
    }

    /// Whether the word opens a sentence-like unit (quote, colon, dash, bracket).
    pub fn opens(&self) -> bool {
        self.flags & flag::OPENS != 0
    }
}

fn char_class(c: char) -> char {
    if c.is_uppercase() {
        'X'
    } else if c.is_lowercase() {
        'x'
    } else if c.is_numeric() {
        'd'
    } else if c.is_alphabetic() {
        'a'
    } else {
        c
    }
}

/// The word's shape with runs of one class cut to four ("Xxxx", "dd.dd", "X.X."), and with
/// runs collapsed to one ("Xx", "d.d", "X.X.").
pub(crate) fn shapes(word: &str) -> (String, String) {
    let mut long = String::with_capacity(word.len().min(24));
    let mut short = String::with_capacity(8);
    let mut prev = '\0';
    let mut run = 0;
    for c in word.chars().take(40) {
        let k = char_class(c);
        if k == prev {
            run += 1;
        } else {
            run = 1;
            short.push(k);
        }
        if run <= 4 {
            long.push(k);
        }
        prev = k;
    }
    (long, short)
}

fn flags_of(word: &str) -> u32 {
    let (mut upper, mut lower, mut digit, mut alpha, mut other, mut n) = (0, 0, 0, 0, 0, 0);
    let mut f = 0;
    let mut first_upper = false;
    let mut upper_after_first = false;
    for (i, c) in word.chars().enumerate() {
        n += 1;
        if c.is_alphabetic() {
            alpha += 1;
        }
        if c.is_uppercase() {
            upper += 1;
            if i == 0 {
                first_upper = true;
            } else {
                upper_after_first = true;
            }
        } else if c.is_lowercase() {
            lower += 1;
        } else if c.is_numeric() {
            digit += 1;
        } else if !c.is_alphabetic() {
            other += 1;
        }
        match c {
            '-' => f |= flag::HAS_HYPHEN,
            '.' => f |= flag::HAS_PERIOD,
            '\'' | '’' => f |= flag::HAS_APOS,
            _ => {}
        }
        if !c.is_ascii() {
            f |= flag::NON_ASCII;
        }
    }
    if first_upper {
        f |= flag::INIT_CAP;
    }
    if upper > 0 && lower == 0 && upper + digit + other == n && upper > 1 {
        f |= flag::ALL_CAPS;
    }
    if lower > 0 && upper == 0 {
        f |= flag::ALL_LOWER;
    }
    if upper_after_first && lower > 0 {
        f |= flag::MIXED_CAPS;
    }
    if digit > 0 {
        f |= flag::HAS_DIGIT;
    }
    if digit > 0 && digit == n {
        f |= flag::ALL_DIGIT;
    }
    if alpha == 0 && digit == 0 {
        f |= flag::PUNCT;
    }
    if alpha > 0 {
        f |= flag::HAS_ALPHA;
    }
    if n == 1 {
        f |= flag::SINGLE_CHAR;
    }
    if n > 12 {
        f |= flag::LONG;
    }
    if matches!(
        word,
        "\"" | "``" | "''" | ":" | "-" | "--" | "(" | "“" | "‘" | "'" | "." | "?" | "!"
    ) {
        f |= flag::OPENS;
    }
    f
}

/// Analyses one word type.
pub(crate) fn word_info(word: &str, clusters: &Clusters, groups: u32) -> WordInfo {
    let lower = word.to_lowercase();
    let (shape, short) = shapes(word);
    let flags = flags_of(word);
    let mut info = WordInfo {
        form: hash_str(word),
        lower: hash_str(&lower),
        shape: hash_str(&shape),
        short: hash_str(&short),
        flags,
        gaz: hash_str(&lower),
        ..WordInfo::default()
    };
    if flags & flag::HAS_DIGIT != 0 {
        let norm: String = lower
            .chars()
            .map(|c| if c.is_numeric() { '0' } else { c })
            .collect();
        info.norm = hash_str(&norm);
    }
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    let n = chars.len();
    for k in 1..=4 {
        if n > k {
            let end = chars[k].0;
            info.prefix[k - 1] = hash_str(&lower_prefix(word, end));
            let start = chars[n - k].0;
            info.suffix[k - 1] = hash_str(&word[start..].to_lowercase());
        }
    }
    info.cluster = clusters.features(word, &lower);
    info.casing = clusters.casing(&lower);
    if groups & group::CHARGRAM != 0 && (4..=20).contains(&n) {
        let padded: Vec<char> = std::iter::once('^')
            .chain(lower.chars())
            .chain(std::iter::once('$'))
            .collect();
        let mut buf = String::new();
        for w in padded.windows(3) {
            buf.clear();
            buf.extend(w);
            info.chargrams.push(hash_str(&buf));
        }
    }
    info
}

fn lower_prefix(word: &str, end: usize) -> String {
    word.get(..end).unwrap_or(word).to_lowercase()
}

/// Pushes the features of a word seen at `offset` from the token being tagged.
pub(crate) fn word_keys(w: &WordInfo, offset: i32, groups: u32, out: &mut Vec<u64>) {
    match offset {
        0 => {
            out.push(key(at(T_FORM, 0), w.form));
            out.push(key(at(T_LOWER, 0), w.lower));
            out.push(key(at(T_SHAPE, 0), w.shape));
            out.push(key(at(T_SHORT, 0), w.short));
            if w.norm != 0 {
                out.push(key(at(T_NORM, 0), w.norm));
            }
            if groups & group::AFFIX != 0 {
                for (k, (&p, &s)) in w.prefix.iter().zip(&w.suffix).enumerate() {
                    if p != 0 {
                        out.push(key(at(T_PREFIX, 0), mix(k as u64, p)));
                    }
                    if s != 0 {
                        out.push(key(at(T_SUFFIX, 0), mix(k as u64, s)));
                    }
                }
            }
            for b in 0..flag::COUNT {
                if w.flags & (1 << b) != 0 {
                    out.push(key(at(T_FLAG, 0), u64::from(b)));
                }
            }
            if groups & group::CLUSTERS != 0 {
                for (k, &c) in w.cluster.iter().enumerate() {
                    if c != 0 {
                        out.push(key(at(T_CLUSTER, 0), mix(k as u64, c)));
                    }
                }
            }
            if groups & group::CHARGRAM != 0 {
                for &g in &w.chargrams {
                    out.push(key(at(T_CHARGRAM, 0), g));
                }
            }
            if groups & group::CASING != 0 {
                out.push(key(at(T_CASING, 0), u64::from(w.casing)));
            }
        }
        -1 | 1 => {
            out.push(key(at(T_LOWER, offset), w.lower));
            out.push(key(at(T_SHORT, offset), w.short));
            if groups & group::AFFIX != 0 && w.suffix[2] != 0 {
                out.push(key(at(T_SUFFIX, offset), w.suffix[2]));
            }
            out.push(key(
                at(T_FLAG, offset),
                u64::from(w.flags & (flag::INIT_CAP | flag::ALL_CAPS | flag::PUNCT)),
            ));
            if groups & group::CLUSTERS != 0 {
                for (k, &c) in w.cluster.iter().enumerate() {
                    if c != 0 {
                        out.push(key(at(T_CLUSTER, offset), mix(k as u64, c)));
                    }
                }
            }
            if groups & group::CASING != 0 {
                out.push(key(at(T_CASING, offset), u64::from(w.casing)));
            }
        }
        _ => {
            if groups & group::WINDOW2 != 0 {
                out.push(key(at(T_LOWER, offset), w.lower));
                out.push(key(at(T_SHORT, offset), w.short));
            }
        }
    }
}

/// A gazetteer match: tokens `[start, end)` and the categories of the phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct GazMatch {
    pub start: usize,
    pub end: usize,
    pub categories: u32,
}

/// What the sentence-level features need besides the words.
pub(crate) struct SentenceView<'a> {
    pub words: &'a [&'a WordInfo],
    /// Whether the sentence is a headline in capitals.
    pub all_caps: bool,
    pub gaz: &'a [GazMatch],
}

/// Whether most of the sentence's letters are in capital words (a headline).
pub(crate) fn is_caps_sentence(words: &[&WordInfo]) -> bool {
    let alpha = words.iter().filter(|w| w.has_alpha()).count();
    let caps = words.iter().filter(|w| w.all_caps()).count();
    alpha >= 2 && caps * 10 >= alpha * 7
}

/// Value standing for "no word" beyond the sentence in pair features.
const EDGE: u64 = 0x0bad_cafe;

/// Pushes the bias and the sentence-edge features of token `i` of `n`.
pub(crate) fn edge_keys(i: usize, n: usize, groups: u32, out: &mut Vec<u64>) {
    out.push(key(T_BIAS, 0));
    let window = if groups & group::WINDOW2 != 0 { 2 } else { 1 };
    for o in 1..=window {
        if i < o {
            out.push(key(T_BOUNDARY, o as u64));
        }
        if i + o >= n {
            out.push(key(T_BOUNDARY, 16 + o as u64));
        }
    }
}

/// Where a token stands, for the features of its case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CasePosition {
    /// Case is informative.
    Plain = 0,
    /// First in the sentence or after an opening quote, colon or dash.
    Opening = 1,
    /// In a headline in capitals.
    Headline = 2,
}

/// The case position of token `i`.
pub(crate) fn case_position(s: &SentenceView<'_>, i: usize) -> CasePosition {
    if s.all_caps {
        CasePosition::Headline
    } else if i == 0 || s.words[i - 1].opens() {
        CasePosition::Opening
    } else {
        CasePosition::Plain
    }
}

/// Features of the first token of a sentence.
pub(crate) fn first_keys(w: &WordInfo, out: &mut Vec<u64>) {
    out.push(key(T_FIRST_SHORT, w.short));
    out.push(key(T_FIRST_LOWER, w.lower));
}

/// Features of a token in a headline in capitals.
pub(crate) fn headline_keys(w: &WordInfo, out: &mut Vec<u64>) {
    out.push(key(T_CAPS_LOWER, w.lower));
}

/// The casing profile with the case position: the profile matters most where the token's own
/// case says nothing.
pub(crate) fn casing_keys(w: &WordInfo, pos: CasePosition, groups: u32, out: &mut Vec<u64>) {
    if groups & group::CASING != 0 {
        let v = u64::from(w.casing) * 4 + pos as u64;
        out.push(key(T_CASING_POS, v));
        out.push(key(T_CASING_POS, mix(v, w.short)));
    }
}

/// Features of a token with its neighbours (bigrams, shape trigram, word-shape pairs).
pub(crate) fn pair_keys(
    prev: Option<&WordInfo>,
    w: &WordInfo,
    next: Option<&WordInfo>,
    groups: u32,
    out: &mut Vec<u64>,
) {
    let pl = prev.map_or(EDGE, |p| p.lower);
    let nl = next.map_or(EDGE, |p| p.lower);
    if groups & group::NGRAM != 0 {
        out.push(key(T_BIGRAM_L, mix(pl, w.lower)));
        out.push(key(T_BIGRAM_R, mix(w.lower, nl)));
        let ps = prev.map_or(EDGE, |p| p.short);
        let ns = next.map_or(EDGE, |p| p.short);
        out.push(key(T_SHAPE3, mix(mix(ps, w.short), ns)));
        out.push(key(T_SHAPE_LR, mix(ps, ns)));
    }
    if groups & group::CONJ != 0 {
        out.push(key(T_CONJ_L, mix(pl, w.short)));
        out.push(key(T_CONJ_R, mix(w.short, nl)));
    }
}

/// Gazetteer features of token `i`: category and part of each phrase covering it.
pub(crate) fn gazetteer_keys(s: &SentenceView<'_>, i: usize, groups: u32, out: &mut Vec<u64>) {
    if groups & group::GAZETTEER == 0 {
        return;
    }
    let w = s.words[i];
    for m in s.gaz {
        if m.start > i || m.end <= i {
            continue;
        }
        let len = m.end - m.start;
        let part = if len == 1 {
            0
        } else if i == m.start {
            1
        } else if i + 1 == m.end {
            3
        } else {
            2
        };
        let cap = u64::from(w.init_cap() || w.all_caps());
        for c in 0..GAZ_CATEGORIES as u64 {
            if m.categories & (1 << c) != 0 {
                out.push(key(T_GAZ, c * 8 + part));
                out.push(key(T_GAZ_CAP, (c * 8 + part) * 2 + cap));
            }
        }
    }
}

/// Pushes the features of token `i` that depend on more than one word or on its position.
pub(crate) fn sentence_keys(s: &SentenceView<'_>, i: usize, groups: u32, out: &mut Vec<u64>) {
    let n = s.words.len();
    let w = s.words[i];
    edge_keys(i, n, groups, out);
    let prev = if i > 0 { Some(s.words[i - 1]) } else { None };
    let next = s.words.get(i + 1).copied();
    pair_keys(prev, w, next, groups, out);
    if i == 0 {
        first_keys(w, out);
    }
    casing_keys(w, case_position(s, i), groups, out);
    if s.all_caps {
        headline_keys(w, out);
    }
    gazetteer_keys(s, i, groups, out);
}

/// Features of the tags already predicted alone.
pub(crate) fn tag_keys(prev: u8, prev2: u8, groups: u32, out: &mut Vec<u64>) {
    out.push(key(T_PREV_TAG, u64::from(prev)));
    if groups & group::HISTORY2 != 0 {
        out.push(key(T_PREV_TAGS, u64::from(prev2) * 256 + u64::from(prev)));
    }
}

/// Features of the previous tag with the current word.
pub(crate) fn tag_word_keys(w: &WordInfo, prev: u8, groups: u32, out: &mut Vec<u64>) {
    out.push(key(T_PREV_TAG_SHORT, mix(u64::from(prev), w.short)));
    if groups & group::HISTORY2 != 0 {
        out.push(key(T_PREV_TAG_LOWER, mix(u64::from(prev), w.lower)));
    }
}

/// Pushes the features that depend on the tags already predicted.
pub(crate) fn history_keys(w: &WordInfo, prev: u8, prev2: u8, groups: u32, out: &mut Vec<u64>) {
    tag_keys(prev, prev2, groups, out);
    tag_word_keys(w, prev, groups, out);
}

/// All features of token `i` except the history ones.
pub(crate) fn static_keys(s: &SentenceView<'_>, i: usize, groups: u32, out: &mut Vec<u64>) {
    let n = s.words.len() as i64;
    let window = if groups & group::WINDOW2 != 0 { 2 } else { 1 };
    for o in -window..=window {
        let j = i as i64 + o;
        if j >= 0 && j < n {
            word_keys(s.words[j as usize], o as i32, groups, out);
        }
    }
    sentence_keys(s, i, groups, out);
}

/// Finds gazetteer phrases in a sentence. A phrase must start with a capital or a digit.
pub(crate) fn gazetteer_matches(words: &[&WordInfo], gaz: &Gazetteer, out: &mut Vec<GazMatch>) {
    out.clear();
    if gaz.is_empty() {
        return;
    }
    for start in 0..words.len() {
        if !words[start].has_upper_or_digit() {
            continue;
        }
        let mut h = Gazetteer::SEED;
        for end in start + 1..=(start + gaz.max_len()).min(words.len()) {
            h = Gazetteer::extend(h, words[end - 1].gaz);
            let Some(entry) = gaz.get(h) else { break };
            let cats = entry & Gazetteer::CATEGORY_MASK;
            if cats != 0 {
                out.push(GazMatch {
                    start,
                    end,
                    categories: cats,
                });
            }
            if entry & Gazetteer::PREFIX == 0 {
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_of_words() {
        assert_eq!(shapes("Washington"), ("Xxxxx".into(), "Xx".into()));
        assert_eq!(shapes("U.S."), ("X.X.".into(), "X.X.".into()));
        assert_eq!(shapes("1996-08-22"), ("dddd-dd-dd".into(), "d-d-d".into()));
        assert_eq!(shapes("McDonald's"), ("XxXxxxx'x".into(), "XxXx'x".into()));
        assert_eq!(shapes(""), (String::new(), String::new()));
    }

    #[test]
    fn flags_of_words() {
        let f = flags_of("NATO");
        assert!(f & flag::ALL_CAPS != 0 && f & flag::INIT_CAP != 0);
        assert!(flags_of("A") & flag::ALL_CAPS == 0);
        assert!(flags_of("iPhone") & flag::MIXED_CAPS != 0);
        assert!(flags_of("1996") & flag::ALL_DIGIT != 0);
        assert!(flags_of(",") & flag::PUNCT != 0);
        assert!(flags_of("Zürich") & flag::NON_ASCII != 0);
    }

    #[test]
    fn word_info_affixes_and_norm() {
        let none = Clusters::default();
        let w = word_info("Kabul", &none, group::ALL);
        assert_eq!(w.prefix[0], hash_str("k"));
        assert_eq!(w.suffix[2], hash_str("bul"));
        assert_eq!(w.norm, 0);
        let d = word_info("12:30", &none, group::ALL);
        assert_eq!(d.norm, hash_str("00:00"));
        let short = word_info("é", &none, group::ALL);
        assert_eq!(short.prefix, [0; 4]);
    }

    #[test]
    fn keys_depend_on_offset_and_groups() {
        let none = Clusters::default();
        let w = word_info("Paris", &none, group::ALL);
        let (mut a, mut b) = (Vec::new(), Vec::new());
        word_keys(&w, -1, group::ALL, &mut a);
        word_keys(&w, 1, group::ALL, &mut b);
        assert!(a.iter().all(|k| !b.contains(k)));
        let mut c = Vec::new();
        word_keys(&w, 2, 0, &mut c);
        assert!(c.is_empty());
        let mut all = Vec::new();
        let mut few = Vec::new();
        word_keys(&w, 0, group::ALL, &mut all);
        word_keys(&w, 0, 0, &mut few);
        assert!(all.len() > few.len());
    }

    #[test]
    fn headline_detection() {
        let none = Clusters::default();
        let words: Vec<WordInfo> = ["SOCCER", "-", "JAPAN", "GET", "LUCKY", "WIN"]
            .iter()
            .map(|w| word_info(w, &none, group::ALL))
            .collect();
        let refs: Vec<&WordInfo> = words.iter().collect();
        assert!(is_caps_sentence(&refs));
        let words: Vec<WordInfo> = ["The", "UN", "met", "."]
            .iter()
            .map(|w| word_info(w, &none, group::ALL))
            .collect();
        let refs: Vec<&WordInfo> = words.iter().collect();
        assert!(!is_caps_sentence(&refs));
    }
}
