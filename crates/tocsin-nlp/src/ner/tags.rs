//! Entity classes, tag schemes (BIO, BILOU) and the conversions between tags and spans.

/// The classes the statistical model predicts (CoNLL's four). Places are split into GPE and
/// other locations afterwards, from the gazetteer (see `Ner::tag`).
pub(crate) const CLASSES: [&str; 4] = ["PER", "ORG", "LOC", "MISC"];

/// A span over tokens: `[start, end)` and a class index into [`CLASSES`].
pub(crate) type ClassSpan = (usize, usize, u8);

/// How spans are written as one tag per token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    /// Begin / Inside / Outside.
    Bio,
    /// Begin / Inside / Last / Outside / Unit (Ratinov & Roth 2009 found it better for NER).
    Bilou,
}

/// The part of an entity a tag marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    O,
    B,
    I,
    L,
    U,
}

impl Scheme {
    /// The scheme's code in model files.
    pub(crate) fn code(self) -> u8 {
        match self {
            Scheme::Bio => 0,
            Scheme::Bilou => 1,
        }
    }

    /// The scheme with a model-file code.
    pub(crate) fn from_code(code: u8) -> Option<Scheme> {
        match code {
            0 => Some(Scheme::Bio),
            1 => Some(Scheme::Bilou),
            _ => None,
        }
    }

    fn parts_per_class(self) -> usize {
        match self {
            Scheme::Bio => 2,
            Scheme::Bilou => 4,
        }
    }

    /// Number of tags (O plus the parts of each class).
    pub(crate) fn n_tags(self) -> usize {
        1 + CLASSES.len() * self.parts_per_class()
    }

    /// The tag for a part of a class (`class` is ignored for [`Part::O`]).
    pub(crate) fn tag(self, part: Part, class: u8) -> u8 {
        let base = 1 + usize::from(class) * self.parts_per_class();
        let offset = match (self, part) {
            (_, Part::O) => return 0,
            (_, Part::B) => 0,
            (_, Part::I) => 1,
            (Scheme::Bio, Part::L) => 1,
            (Scheme::Bio, Part::U) => 0,
            (Scheme::Bilou, Part::L) => 2,
            (Scheme::Bilou, Part::U) => 3,
        };
        (base + offset) as u8
    }

    /// The part and class of a tag.
    pub(crate) fn split(self, tag: u8) -> (Part, u8) {
        if tag == 0 {
            return (Part::O, 0);
        }
        let t = usize::from(tag) - 1;
        let per = self.parts_per_class();
        let class = (t / per) as u8;
        let part = match (self, t % per) {
            (_, 0) => Part::B,
            (_, 1) => Part::I,
            (_, 2) => Part::L,
            _ => Part::U,
        };
        (part, class)
    }

    /// A readable tag name ("B-PER").
    #[cfg(test)]
    pub(crate) fn name(self, tag: u8) -> String {
        let (part, class) = self.split(tag);
        let p = match part {
            Part::O => return "O".to_string(),
            Part::B => "B",
            Part::I => "I",
            Part::L => "L",
            Part::U => "U",
        };
        format!("{p}-{}", CLASSES[usize::from(class)])
    }

    /// Writes spans as tags; spans must not overlap.
    pub(crate) fn encode(self, n: usize, spans: &[ClassSpan]) -> Vec<u8> {
        let mut tags = vec![0u8; n];
        for &(s, e, c) in spans {
            if s >= e || e > n {
                continue;
            }
            for (i, t) in tags.iter_mut().enumerate().take(e).skip(s) {
                let part = if e - s == 1 {
                    Part::U
                } else if i == s {
                    Part::B
                } else if i + 1 == e {
                    Part::L
                } else {
                    Part::I
                };
                *t = self.tag(part, c);
            }
        }
        tags
    }

    /// Reads spans back from tags, leniently: an inside tag without a begin starts a span, a
    /// change of class ends one.
    pub(crate) fn decode(self, tags: &[u8]) -> Vec<ClassSpan> {
        let mut spans = Vec::new();
        let mut open: Option<(usize, u8)> = None;
        for (i, &t) in tags.iter().enumerate() {
            let (part, class) = self.split(t);
            match part {
                Part::O => {
                    if let Some((s, c)) = open.take() {
                        spans.push((s, i, c));
                    }
                }
                Part::B | Part::U => {
                    if let Some((s, c)) = open.take() {
                        spans.push((s, i, c));
                    }
                    if part == Part::U {
                        spans.push((i, i + 1, class));
                    } else {
                        open = Some((i, class));
                    }
                }
                Part::I | Part::L => {
                    match open {
                        Some((_, c)) if c == class => {}
                        _ => {
                            if let Some((s, c)) = open.take() {
                                spans.push((s, i, c));
                            }
                            open = Some((i, class));
                        }
                    }
                    if part == Part::L {
                        if let Some((s, c)) = open.take() {
                            spans.push((s, i + 1, c));
                        }
                    }
                }
            }
        }
        if let Some((s, c)) = open {
            spans.push((s, tags.len(), c));
        }
        spans
    }

    /// The highest-scoring tag that may follow `prev` (the first one on ties; 0 if none may).
    pub(crate) fn best_allowed<S: PartialOrd + Copy>(
        self,
        scores: &[S],
        prev: Option<u8>,
        last: bool,
    ) -> u8 {
        let mut best: Option<(u8, S)> = None;
        for (t, &score) in scores.iter().enumerate() {
            let t = t as u8;
            let better = match best {
                None => true,
                Some((_, b)) => score > b,
            };
            if better && self.allowed(prev, t, last) {
                best = Some((t, score));
            }
        }
        best.map_or(0, |(t, _)| t)
    }

    /// Whether `cur` may follow `prev` (`None` at the start of a sentence); `last` says `cur`
    /// is the sentence's last token.
    pub(crate) fn allowed(self, prev: Option<u8>, cur: u8, last: bool) -> bool {
        let (pp, pc) = prev.map_or((Part::O, 0), |p| self.split(p));
        let (cp, cc) = self.split(cur);
        match self {
            Scheme::Bio => cp != Part::I || (matches!(pp, Part::B | Part::I) && pc == cc),
            Scheme::Bilou => {
                let inside = matches!(pp, Part::B | Part::I);
                let ok = if inside {
                    matches!(cp, Part::I | Part::L) && pc == cc
                } else {
                    matches!(cp, Part::O | Part::B | Part::U)
                };
                ok && !(last && matches!(cp, Part::B | Part::I))
            }
        }
    }
}

/// The class index of a CoNLL class name.
pub(crate) fn class_index(name: &str) -> Option<u8> {
    CLASSES.iter().position(|c| *c == name).map(|i| i as u8)
}

/// Chunks IOB1, IOB2 (BIO) or IOBES tag strings into spans exactly like `conlleval.pl`
/// (`startOfChunk` / `endOfChunk`), keeping the type string.
pub(crate) fn chunk_tags<'a>(tags: &[&'a str]) -> Vec<(usize, usize, &'a str)> {
    fn split(tag: &str) -> (&str, &str) {
        if tag == "O" || tag.is_empty() {
            return ("O", "");
        }
        match tag.split_once('-') {
            Some((p, t)) => (p, t),
            None => ("I", tag),
        }
    }
    let mut spans = Vec::new();
    let (mut prev_tag, mut prev_type) = ("O", "");
    let mut start: Option<usize> = None;
    for i in 0..=tags.len() {
        let (tag, typ) = split(tags.get(i).copied().unwrap_or("O"));
        let end = matches!(prev_tag, "E" | "S")
            || (matches!(prev_tag, "B" | "I") && matches!(tag, "B" | "S" | "O"))
            || (prev_tag != "O" && prev_tag != "." && prev_type != typ);
        if let Some(s) = start {
            if end {
                spans.push((s, i, prev_type));
                start = None;
            }
        }
        let begins = matches!(tag, "B" | "S")
            || (matches!(prev_tag, "E" | "S" | "O") && matches!(tag, "E" | "I"))
            || (tag != "O" && tag != "." && prev_type != typ);
        if begins {
            start = Some(i);
        }
        prev_tag = tag;
        prev_type = typ;
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iob1_and_iob2_chunk_like_conlleval() {
        // IOB1: B- only between two adjacent entities of the same type.
        let iob1 = ["I-PER", "I-PER", "B-PER", "O", "I-LOC", "I-ORG"];
        assert_eq!(
            chunk_tags(&iob1),
            vec![(0, 2, "PER"), (2, 3, "PER"), (4, 5, "LOC"), (5, 6, "ORG")]
        );
        let iob2 = ["B-PER", "I-PER", "B-PER", "O", "B-LOC", "I-ORG"];
        assert_eq!(
            chunk_tags(&iob2),
            vec![(0, 2, "PER"), (2, 3, "PER"), (4, 5, "LOC"), (5, 6, "ORG")]
        );
        assert_eq!(chunk_tags(&["I-MISC"]), vec![(0, 1, "MISC")]);
        assert!(chunk_tags(&[]).is_empty());
    }

    #[test]
    fn encode_decode_round_trip() {
        let spans = vec![(0, 2, 0), (2, 3, 0), (4, 7, 2), (7, 8, 3)];
        for scheme in [Scheme::Bio, Scheme::Bilou] {
            let tags = scheme.encode(9, &spans);
            assert_eq!(scheme.decode(&tags), spans, "{scheme:?}");
            let names: Vec<String> = tags.iter().map(|&t| scheme.name(t)).collect();
            assert_eq!(names[0], "B-PER");
            for (i, &t) in tags.iter().enumerate() {
                let prev = if i == 0 { None } else { Some(tags[i - 1]) };
                assert!(
                    scheme.allowed(prev, t, i + 1 == tags.len()),
                    "{scheme:?} {i}"
                );
            }
        }
        let bilou = Scheme::Bilou.encode(3, &[(0, 3, 1)]);
        let names: Vec<String> = bilou.iter().map(|&t| Scheme::Bilou.name(t)).collect();
        assert_eq!(names, ["B-ORG", "I-ORG", "L-ORG"]);
    }

    #[test]
    fn decode_is_lenient() {
        let s = Scheme::Bilou;
        let i_per = s.tag(Part::I, 0);
        let b_org = s.tag(Part::B, 1);
        // Dangling inside, then a begin that never ends.
        assert_eq!(s.decode(&[i_per, i_per, b_org]), vec![(0, 2, 0), (2, 3, 1)]);
        let bio = Scheme::Bio;
        assert_eq!(
            bio.decode(&[bio.tag(Part::I, 2), bio.tag(Part::I, 3)]),
            vec![(0, 1, 2), (1, 2, 3)]
        );
    }

    #[test]
    fn transitions() {
        let s = Scheme::Bilou;
        let b_per = s.tag(Part::B, 0);
        assert!(!s.allowed(None, s.tag(Part::I, 0), false));
        assert!(s.allowed(Some(b_per), s.tag(Part::L, 0), true));
        assert!(!s.allowed(Some(b_per), s.tag(Part::L, 1), false));
        assert!(!s.allowed(Some(b_per), 0, false));
        assert!(!s.allowed(None, b_per, true));
        assert_eq!(s.n_tags(), 17);
        assert_eq!(Scheme::Bio.n_tags(), 9);
        for t in 0..s.n_tags() as u8 {
            let (p, c) = s.split(t);
            assert_eq!(s.tag(p, c), t);
        }
    }
}
