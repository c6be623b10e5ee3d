//! From the API's filters and a user's words to Tantivy queries. User text is never parsed
//! as query syntax: it is cut into words by the index's own analyzer and each word becomes a
//! term, so no input can fail or reach a field it should not.

use std::collections::{BTreeMap, HashSet};
use std::ops::Bound;
use std::sync::Arc;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, RangeQuery, RegexQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocAddress, DocId, Index, Score, SegmentOrdinal, SegmentReader, Term};
use tocsin_store::{Bucket, EventFilter};

use crate::{Fields, IndexError, Result, ANALYZER};

/// A date at any precision as two sortable integers: `2023-06` is 20230600..=20230699, so a
/// coarse date overlaps every finer bound inside it (an event of "2023" is inside "from
/// 2023-06-01", as a reader of "in 2023" would expect).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateKey {
    /// Earliest reading: unknown month or day as 00.
    pub lo: i64,
    /// Latest reading: unknown month or day as 99.
    pub hi: i64,
}

impl DateKey {
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a time after the date is ignored); `None` otherwise.
    pub fn parse(s: &str) -> Option<DateKey> {
        let s = match s.as_bytes().get(10) {
            None => s,
            Some(b'T' | b' ') => s.get(..10)?,
            Some(_) => return None,
        };
        let mut parts = s.split('-');
        let year: i64 = parse_part(parts.next()?, 4)?;
        let month = match parts.next() {
            Some(p) => Some(parse_part(p, 2)?),
            None => None,
        };
        let day = match parts.next() {
            Some(p) => Some(parse_part(p, 2)?),
            None => None,
        };
        if parts.next().is_some() || day.is_some() && month.is_none() {
            return None;
        }
        let base = year * 10_000;
        Some(match (month, day) {
            (None, _) => DateKey {
                lo: base,
                hi: base + 9_999,
            },
            (Some(m), None) => DateKey {
                lo: base + m * 100,
                hi: base + m * 100 + 99,
            },
            (Some(m), Some(d)) => DateKey {
                lo: base + m * 100 + d,
                hi: base + m * 100 + d,
            },
        })
    }

    /// The bucket a date key falls in, or `None` when the date is coarser than the bucket.
    fn bucket(lo: i64, bucket: Bucket) -> Option<i64> {
        let (month, day) = ((lo / 100) % 100, lo % 100);
        match bucket {
            Bucket::Year => Some(lo / 10_000),
            Bucket::Month => (month != 0).then_some(lo / 100),
            Bucket::Day => (month != 0 && day != 0).then_some(lo),
        }
    }

    /// `2023`, `2023-06` or `2023-06-01` for a bucket key.
    pub(crate) fn bucket_label(key: i64, bucket: Bucket) -> String {
        match bucket {
            Bucket::Year => format!("{key:04}"),
            Bucket::Month => format!("{:04}-{:02}", key / 100, key % 100),
            Bucket::Day => format!(
                "{:04}-{:02}-{:02}",
                key / 10_000,
                (key / 100) % 100,
                key % 100
            ),
        }
    }
}

fn parse_part(p: &str, len: usize) -> Option<i64> {
    (p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
        .then(|| p.parse().ok())
        .flatten()
}

/// The words of user text as the index analysed its texts (at most 32).
fn words(index: &Index, text: &str) -> Vec<String> {
    let Some(mut analyzer) = index.tokenizers().get(ANALYZER) else {
        return Vec::new();
    };
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while out.len() < 32 && stream.advance() {
        let t = &stream.token().text;
        if !out.contains(t) {
            out.push(t.clone());
        }
    }
    out
}

fn term(field: Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    ))
}

fn all_of(clauses: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(
        clauses.into_iter().map(|q| (Occur::Must, q)).collect(),
    ))
}

fn any_of(clauses: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(
        clauses.into_iter().map(|q| (Occur::Should, q)).collect(),
    ))
}

/// Every word in the title or the text, the title counting double.
pub(crate) fn search_query(f: &Fields, index: &Index, q: &str) -> Option<Box<dyn Query>> {
    let words = words(index, q);
    if words.is_empty() {
        return None;
    }
    Some(all_of(
        words
            .iter()
            .map(|w| {
                any_of(vec![
                    Box::new(BoostQuery::new(term(f.title, w), 2.0)) as Box<dyn Query>,
                    term(f.body, w),
                ])
            })
            .collect(),
    ))
}

fn range_i64(field: Field, lo: Bound<i64>, hi: Bound<i64>) -> Box<dyn Query> {
    let t = |v| Term::from_field_i64(field, v);
    Box::new(RangeQuery::new(lo.map(t), hi.map(t)))
}

fn range_f64(field: Field, lo: f64, hi: f64) -> Box<dyn Query> {
    let t = |v| Term::from_field_f64(field, v);
    Box::new(RangeQuery::new(
        Bound::Included(t(lo)),
        Bound::Included(t(hi)),
    ))
}

/// A query that matches nothing (an actor filter with no words in it).
fn nothing(f: &Fields) -> Box<dyn Query> {
    term(f.kind, "\u{0}none")
}

/// The event types a filter names: exact types, or prefixes ending in `.`.
fn type_query(f: &Fields, types: &[String]) -> Result<Box<dyn Query>> {
    let mut alts: Vec<Box<dyn Query>> = Vec::new();
    for t in types {
        let Some(prefix) = t.strip_suffix('.') else {
            alts.push(term(f.etype, t));
            continue;
        };
        if !prefix.contains('.') {
            alts.push(term(f.family, prefix));
        } else if prefix
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'.')
        {
            let pattern = format!("{}\\..*", prefix.replace('.', "\\."));
            let q = RegexQuery::from_pattern(&pattern, f.etype)
                .map_err(|e| IndexError::Filter(format!("type prefix {t:?}: {e}")))?;
            alts.push(Box::new(q));
        } else {
            alts.push(nothing(f));
        }
    }
    Ok(any_of(alts))
}

fn date_bound(s: &str) -> Result<DateKey> {
    DateKey::parse(s).ok_or_else(|| {
        IndexError::Filter(format!("dates are YYYY, YYYY-MM or YYYY-MM-DD, not {s:?}"))
    })
}

/// One query for every condition of an event filter.
pub(crate) fn event_query(
    f: &Fields,
    index: &Index,
    filter: &EventFilter,
) -> Result<Box<dyn Query>> {
    let mut must: Vec<Box<dyn Query>> = vec![term(f.kind, "event")];
    if !filter.types.is_empty() {
        must.push(type_query(f, &filter.types)?);
    }
    if let Some(from) = &filter.from {
        // The event's latest reading is on or after the bound's earliest.
        let lo = date_bound(from)?.lo;
        must.push(range_i64(f.date_hi, Bound::Included(lo), Bound::Unbounded));
    }
    if let Some(to) = &filter.to {
        let hi = date_bound(to)?.hi;
        must.push(range_i64(f.date_lo, Bound::Unbounded, Bound::Included(hi)));
    }
    if let Some(c) = &filter.country {
        must.push(term(f.country, &c.to_uppercase()));
    }
    if let Some([x0, y0, x1, y1]) = filter.bbox {
        must.push(range_f64(f.lon, x0.min(x1), x0.max(x1)));
        must.push(range_f64(f.lat, y0.min(y1), y0.max(y1)));
    }
    if let Some(a) = &filter.actor {
        let ws = words(index, a);
        if ws.is_empty() {
            must.push(nothing(f));
        }
        must.extend(ws.iter().map(|w| term(f.actors, w)));
    }
    // `filter.text` is applied by article (see `SearchIndex::articles_with_words`).
    if let Some(k) = filter.min_killed {
        let t = |v| Term::from_field_u64(f.killed, v);
        must.push(Box::new(RangeQuery::new(
            Bound::Included(t(k)),
            Bound::Unbounded,
        )));
    }
    Ok(all_of(must))
}

/// Passes an article key through with one multiply: the keys are FNV-1a hashes already, and
/// a words filter that matches most of the articles looks up one key per event (SipHash, the
/// default, made those lookups most of the query's time).
#[derive(Default, Clone, Copy)]
pub(crate) struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }

    fn write_u64(&mut self, x: u64) {
        self.0 = (x ^ (x >> 32)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// A set of article keys.
pub(crate) type KeySet = HashSet<u64, std::hash::BuildHasherDefault<KeyHasher>>;

/// Articles allowed by a words filter, by key.
pub(crate) type Allowed = Arc<KeySet>;

/// Whether a document's article is allowed (always, without a words filter).
fn allowed(arts: &Column<u64>, allowed: Option<&Allowed>, doc: DocId) -> bool {
    allowed.is_none_or(|set| arts.first(doc).is_some_and(|k| set.contains(&k)))
}

/// The article keys of the matching documents.
pub(crate) struct ArticleKeys;

pub(crate) struct SegmentKeys {
    arts: Column<u64>,
    keys: KeySet,
}

impl Collector for ArticleKeys {
    type Fruit = KeySet;
    type Child = SegmentKeys;

    fn for_segment(
        &self,
        _ord: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentKeys> {
        Ok(SegmentKeys {
            arts: segment.fast_fields().u64("art")?,
            keys: KeySet::default(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<KeySet>) -> tantivy::Result<KeySet> {
        let mut all = KeySet::default();
        for f in fruits {
            all.extend(f);
        }
        Ok(all)
    }
}

impl SegmentCollector for SegmentKeys {
    type Fruit = KeySet;

    fn collect(&mut self, doc: DocId, _score: Score) {
        if let Some(k) = self.arts.first(doc) {
            self.keys.insert(k);
        }
    }

    fn harvest(self) -> KeySet {
        self.keys
    }
}

/// One newest-first page of the matching events whose article is allowed, and how many
/// there are in all (what `(Count, TopDocs)` gives, with the article check).
pub(crate) struct NewestOf {
    pub(crate) allowed: Allowed,
    pub(crate) limit: usize,
    pub(crate) offset: usize,
}

/// Sort key, then (segment, doc) so that equal dates page the same way every time.
type Ranked = (i64, std::cmp::Reverse<(SegmentOrdinal, DocId)>);

pub(crate) struct SegmentNewest {
    ord: SegmentOrdinal,
    arts: Column<u64>,
    sort: Column<i64>,
    allowed: Allowed,
    keep: usize,
    count: u64,
    heap: std::collections::BinaryHeap<std::cmp::Reverse<Ranked>>,
}

impl Collector for NewestOf {
    type Fruit = (u64, Vec<DocAddress>);
    type Child = SegmentNewest;

    fn for_segment(
        &self,
        ord: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentNewest> {
        Ok(SegmentNewest {
            ord,
            arts: segment.fast_fields().u64("art")?,
            sort: segment.fast_fields().i64("sort")?,
            allowed: self.allowed.clone(),
            keep: self.limit + self.offset,
            count: 0,
            heap: std::collections::BinaryHeap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<(u64, Vec<Ranked>)>) -> tantivy::Result<Self::Fruit> {
        let total = fruits.iter().map(|(n, _)| n).sum();
        let mut all: Vec<Ranked> = fruits.into_iter().flat_map(|(_, v)| v).collect();
        all.sort_by(|a, b| b.cmp(a));
        let page = all
            .into_iter()
            .skip(self.offset)
            .take(self.limit)
            .map(|(_, std::cmp::Reverse((seg, doc)))| DocAddress::new(seg, doc))
            .collect();
        Ok((total, page))
    }
}

impl SegmentCollector for SegmentNewest {
    type Fruit = (u64, Vec<Ranked>);

    fn collect(&mut self, doc: DocId, _score: Score) {
        if !allowed(&self.arts, Some(&self.allowed), doc) {
            return;
        }
        self.count += 1;
        let key = (
            self.sort.first(doc).unwrap_or(0),
            std::cmp::Reverse((self.ord, doc)),
        );
        self.heap.push(std::cmp::Reverse(key));
        if self.heap.len() > self.keep {
            self.heap.pop();
        }
    }

    fn harvest(self) -> Self::Fruit {
        (
            self.count,
            self.heap
                .into_iter()
                .map(|std::cmp::Reverse(k)| k)
                .collect(),
        )
    }
}

/// Counts matching events per date bucket, reading dates from the fast field.
pub(crate) struct BucketCounts {
    pub(crate) bucket: Bucket,
    pub(crate) allowed: Option<Allowed>,
}

pub(crate) struct SegmentBuckets {
    dates: Column<i64>,
    arts: Column<u64>,
    allowed: Option<Allowed>,
    bucket: Bucket,
    counts: BTreeMap<i64, u64>,
}

impl Collector for BucketCounts {
    type Fruit = BTreeMap<i64, u64>;
    type Child = SegmentBuckets;

    fn for_segment(
        &self,
        _ord: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentBuckets> {
        Ok(SegmentBuckets {
            dates: segment.fast_fields().i64("date_lo")?,
            arts: segment.fast_fields().u64("art")?,
            allowed: self.allowed.clone(),
            bucket: self.bucket,
            counts: BTreeMap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<BTreeMap<i64, u64>>) -> tantivy::Result<Self::Fruit> {
        let mut all = BTreeMap::new();
        for fruit in fruits {
            for (k, n) in fruit {
                *all.entry(k).or_insert(0) += n;
            }
        }
        Ok(all)
    }
}

impl SegmentCollector for SegmentBuckets {
    type Fruit = BTreeMap<i64, u64>;

    fn collect(&mut self, doc: DocId, _score: Score) {
        if !allowed(&self.arts, self.allowed.as_ref(), doc) {
            return;
        }
        if let Some(key) = self
            .dates
            .first(doc)
            .and_then(|lo| DateKey::bucket(lo, self.bucket))
        {
            *self.counts.entry(key).or_insert(0) += 1;
        }
    }

    fn harvest(self) -> Self::Fruit {
        self.counts
    }
}
