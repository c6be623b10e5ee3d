//! The analysis of one document, stage by stage: extraction, sentences and tokens, entities
//! and their resolution, numbers, times, places, events and quotes. Each stage is a pure
//! function of what the earlier ones produced, so documents analyse in parallel with one
//! shared, read-only [`Analyzer`].
#![warn(missing_docs)]

mod caseless_names;

use serde::Serialize;
use sha2::{Digest, Sha256};
use tocsin_events::{Caption, Doc, PlaceMention};
use tocsin_geo::{DocContext, Gazetteer, Geocoder, GeocoderOptions, MentionKind, Place, Precision};
use tocsin_model::{Article, Entity, EntityLabel, Event, EventPlace, Quote, RawDoc, Source};
use tocsin_nlp::ner::{Casing, Ner};
use tocsin_nlp::numbers::{find_numbers_with, NumberOptions};
use tocsin_nlp::resolve::{resolve, AliasTable};
use tocsin_nlp::timex::{find_times_with, Date, TimexOptions};
use tocsin_nlp::tokenize::{sentences, tokenize, Token};

/// The first `limit` bytes of `text` or less, ending where a paragraph, else a line, else a
/// sentence ends in the second half of them (else at a character boundary): a cut that keeps
/// whole sentences keeps whole facts.
fn analysed_part(text: &str, limit: usize) -> &str {
    if text.len() <= limit {
        return text;
    }
    let end = tocsin_model::text::floor_char_boundary(text, limit);
    let head = &text[..end];
    let half = end / 2;
    let cut = [
        head.rfind("\n\n"),
        head.rfind('\n'),
        head.rfind(". ").map(|i| i + 1),
    ]
    .into_iter()
    .flatten()
    .find(|&i| i > half)
    .unwrap_or(end);
    &text[..cut]
}

/// Why a document could not be analysed.
#[derive(Debug, thiserror::Error)]
pub enum AnalyzeError {
    /// Extraction failed (undecodable bytes, no content…).
    #[error("extract: {0}")]
    Extract(#[from] tocsin_extract::ExtractError),
}

/// The per-document output of `tocsin analyze` (DESIGN.md, schema 1).
#[derive(Debug, Clone, Serialize)]
pub struct Analysis {
    /// Schema version.
    pub schema: u32,
    /// SHA-256 of the clean text and title: the same story extracted twice has the same id.
    pub id: String,
    /// Where the document came from.
    pub source: Source,
    /// Headline.
    pub title: Option<String>,
    /// Authors.
    pub byline: Option<String>,
    /// Publication date.
    pub published: Option<String>,
    /// Language.
    pub language: Option<String>,
    /// Site name.
    pub site: Option<String>,
    /// The outlet a copied page came from.
    pub likely_original_publisher: Option<String>,
    /// The clean body.
    pub text: String,
    /// Image captions.
    pub captions: Vec<String>,
    /// Named entities in the body.
    pub entities: Vec<Entity>,
    /// Places the body names, resolved.
    pub places: Vec<Place>,
    /// Events.
    pub events: Vec<Event>,
    /// Quotes.
    pub quotes: Vec<Quote>,
    /// Per-stage problems that did not stop the analysis.
    pub errors: Vec<String>,
}

/// How much of a document's text is analysed by default: 1 MiB, twenty times a long news
/// article. Several stages compare mentions with mentions, so time grows faster than length;
/// a book-length "document" would hold a worker for minutes.
pub const DEFAULT_MAX_TEXT_BYTES: usize = 1 << 20;

/// The shared, read-only models every document is analysed with.
pub struct Analyzer<'m> {
    ner: &'m Ner,
    caseless: Option<&'m Ner>,
    geocoder: Geocoder<'m>,
    aliases: &'m AliasTable,
    max_text_bytes: usize,
}

impl<'m> Analyzer<'m> {
    /// An analyzer over loaded models.
    pub fn new(ner: &'m Ner, gazetteer: &'m Gazetteer, aliases: &'m AliasTable) -> Self {
        Self {
            ner,
            caseless: None,
            geocoder: Geocoder::with_options(
                gazetteer,
                GeocoderOptions {
                    facilities: true,
                    demonyms: true,
                },
            ),
            aliases,
            max_text_bytes: DEFAULT_MAX_TEXT_BYTES,
        }
    }

    /// Analyses at most the first `bytes` of a text (cut at a paragraph, line or sentence
    /// end); the analysis says so in its `errors`.
    pub fn with_max_text_bytes(mut self, bytes: usize) -> Self {
        self.max_text_bytes = bytes;
        self
    }

    /// Tags documents written without case (all lowercase or all capitals) with `ner`, a
    /// model trained on lowercased text, instead of the ordinary model.
    pub fn with_caseless_ner(mut self, ner: &'m Ner) -> Self {
        self.caseless = Some(ner);
        self
    }

    /// Extracts and analyses a raw document.
    pub fn analyze_raw(&self, raw: &RawDoc) -> Result<Analysis, AnalyzeError> {
        let article = tocsin_extract::extract(raw)?;
        Ok(self.analyze_article(&article, &raw.source))
    }

    /// Analyses an extracted article.
    pub fn analyze_article(&self, article: &Article, source: &Source) -> Analysis {
        let text = analysed_part(&article.text, self.max_text_bytes);
        let mut errors = Vec::new();
        if text.len() < article.text.len() {
            errors.push(format!(
                "analyze: the text has {} bytes, more than the limit of {}; entities, places, \
                 events and quotes come from its first {} bytes",
                article.text.len(),
                self.max_text_bytes,
                text.len()
            ));
        }
        let lang = article.language.as_deref().unwrap_or("en");
        let tokens = tokenize(text);
        let sents = sentences(text, &tokens);
        let casing = Casing::of(text);
        let mut entities = self.entities(text, casing, &tokens, &sents);
        if casing != Casing::Mixed {
            let ner = self.caseless.unwrap_or(self.ner);
            caseless_names::complete_person_names(text, &tokens, &mut entities, ner);
            join_split_names(text, &mut entities);
        }
        self.add_known_actors(text, casing, &tokens, &mut entities);
        for e in entities.iter_mut() {
            if e.label == EntityLabel::Per && is_group_word(&e.text) {
                e.label = EntityLabel::Misc;
            }
        }
        let resolution = resolve(text, &tokens, &mut entities, self.aliases);
        relabel(&mut entities, &resolution);
        let numbers = find_numbers_with(text, &tokens, &NumberOptions::for_language(lang));
        let topts = TimexOptions::for_language(lang);
        let published = article
            .published
            .as_deref()
            .and_then(|p| Date::parse_iso(p.get(..10)?));
        let caption_tokens: Vec<(&str, Vec<Token>)> = article
            .captions
            .iter()
            .map(|c| (c.as_str(), tokenize(c)))
            .collect();
        let anchor = published.or_else(|| {
            let body = find_times_with(text, &tokens, None, &topts);
            let caps: Vec<Caption<'_>> = caption_tokens
                .iter()
                .map(|(c, t)| Caption {
                    text: c,
                    tokens: t.clone(),
                    times: find_times_with(c, t, None, &topts),
                })
                .collect();
            tocsin_events::infer_anchor(&body, &caps)
        });
        let times = find_times_with(text, &tokens, anchor, &topts);
        let captions: Vec<Caption<'_>> = caption_tokens
            .iter()
            .map(|(c, t)| Caption {
                text: c,
                tokens: t.clone(),
                times: find_times_with(c, t, anchor, &topts),
            })
            .collect();
        let geo = self.geocoder.parse(
            text,
            &DocContext {
                entities: Some(&entities),
                site_country: None,
            },
        );
        let place_mentions = place_mentions(&geo);
        let doc = Doc {
            text,
            tokens: &tokens,
            sentences: &sents,
            entities: &entities,
            resolution: &resolution,
            numbers: &numbers,
            times: &times,
            places: &place_mentions,
            captions: &captions,
            anchor,
        };
        let found = tocsin_events::analyze(&doc);
        let places = geo
            .places
            .into_iter()
            .filter(|p| !p.mentions.is_empty() || !p.demonym_mentions.is_empty())
            .collect();
        Analysis {
            schema: tocsin_model::SCHEMA_VERSION,
            id: content_id(article),
            source: source.clone(),
            title: article.title.clone(),
            byline: article.byline.clone(),
            published: article.published.clone(),
            language: article.language.clone(),
            site: article.site.clone(),
            likely_original_publisher: article.likely_original_publisher.clone(),
            text: article.text.clone(),
            captions: article.captions.clone(),
            entities,
            places,
            events: found.events,
            quotes: found.quotes,
            errors,
        }
    }

    /// Adds the actor-table names the tagger missed (all of them in a text written without
    /// capitals, such as lower-cased wire copy) as organizations.
    fn add_known_actors(
        &self,
        text: &str,
        casing: Casing,
        tokens: &[Token],
        entities: &mut Vec<Entity>,
    ) {
        use tocsin_nlp::resolve::ActorKind as K;
        let any_case = casing != Casing::Mixed;
        let mut added = Vec::new();
        for (r, id) in self.aliases.find_names(text, tokens, any_case) {
            let Some(actor) = self.aliases.actor(id) else {
                continue;
            };
            if matches!(actor.kind, K::Country) {
                continue;
            }
            let Some((start, end)) = word_bytes(text, &tokens[r]) else {
                continue;
            };
            let overlaps = |e: &Entity| e.start < end && start < e.end;
            // In a text without case, where the tagger often cuts names short, a known name
            // that holds the tagger's pieces of it ("liberation front" inside "farabundo marti
            // national liberation front") replaces them. Otherwise the tagger's spans stand.
            let inside = |e: &Entity| {
                any_case && start <= e.start && e.end <= end && e.end - e.start < end - start
            };
            if entities.iter().any(|e| overlaps(e) && !inside(e)) {
                continue;
            }
            entities.retain(|e| !overlaps(e));
            added.push(Entity {
                text: text
                    .get(start as usize..end as usize)
                    .unwrap_or("")
                    .to_string(),
                label: EntityLabel::Org,
                start,
                end,
                canonical: None,
            });
        }
        if !added.is_empty() {
            entities.extend(added);
            entities.sort_by_key(|e| e.start);
        }
    }

    /// Named entities of the body, sentence by sentence, with byte offsets.
    fn entities(
        &self,
        text: &str,
        casing: Casing,
        tokens: &[Token],
        sents: &[tocsin_nlp::tokenize::Sentence],
    ) -> Vec<Entity> {
        let (ner, lowercase) = match (casing, self.caseless) {
            (Casing::Lower, Some(caseless)) => (caseless, false),
            (Casing::Upper, Some(caseless)) => (caseless, true),
            _ => (self.ner, false),
        };
        let mut tagger = ner.tagger();
        let mut out = Vec::new();
        for s in sents {
            let toks = &tokens[s.tokens.clone()];
            let words: Vec<&str> = toks.iter().map(|t| t.text(text)).collect();
            let spans = if lowercase {
                let lowered: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
                tagger.tag(&lowered)
            } else {
                tagger.tag(&words)
            };
            for (a, b, label) in spans {
                let (Some(first), Some(last)) = (toks.get(a), toks.get(b.saturating_sub(1))) else {
                    continue;
                };
                if is_capitalized_common_noun(&words, a, b, label) {
                    continue;
                }
                let mut start = first.start;
                // "The Long War Journal": a capitalised "The" inside a sentence belongs to an
                // organisation's name.
                if label == EntityLabel::Org && a >= 2 && words[a - 1] == "The" {
                    start = toks[a - 1].start;
                }
                out.push(Entity {
                    text: text
                        .get(start as usize..last.end as usize)
                        .unwrap_or("")
                        .to_string(),
                    label,
                    start,
                    end: last.end,
                    canonical: None,
                });
            }
        }
        out
    }
}

/// The bytes of a run of tokens without the marks at its edges ("ISIS," → "ISIS").
fn word_bytes(text: &str, toks: &[Token]) -> Option<(u32, u32)> {
    let word = |t: &&Token| t.text(text).chars().any(char::is_alphanumeric);
    let first = toks.iter().find(word)?;
    let last = toks.iter().rev().find(word)?;
    Some((first.start, last.end))
}

/// Joins the pieces of one person's name that a tagger reading text without case cut
/// apart: two person spans with only a space between ("colonel roberto armando" + "rivera
/// escobar", "angela piedad" + "de guerrero"), or a person and the one- or two-word name
/// after a particle of Spanish and Portuguese surnames ("stela torrado" + "de otalora",
/// "arturo rivera" + "y damas"), whatever label the tagger gave that piece. Victims and
/// perpetrators are reported under the name as written whole.
fn join_split_names(text: &str, entities: &mut Vec<Entity>) {
    let mut i = 0;
    while i + 1 < entities.len() {
        let (e, next) = (&entities[i], &entities[i + 1]);
        let gap = text.get(e.end as usize..next.start as usize).unwrap_or("x");
        let joins = e.label == EntityLabel::Per
            && next.start >= e.end
            && if gap.trim().is_empty() && !gap.contains('\n') {
                next.label == EntityLabel::Per
            } else {
                is_name_particle(gap) && next.text.split_whitespace().count() <= 2
            };
        if !joins {
            i += 1;
            continue;
        }
        let end = next.end;
        entities.remove(i + 1);
        let start = entities[i].start;
        caseless_names::respan(&mut entities[i], text, start, end);
    }
}

/// A particle between a given name and a surname, with its spaces: " de ", " y ", " de la ".
fn is_name_particle(gap: &str) -> bool {
    let inner = gap.strip_prefix(' ').and_then(|g| g.strip_suffix(' '));
    matches!(
        inner,
        Some("de" | "del" | "y" | "de la" | "de las" | "de los" | "da" | "do" | "dos" | "das")
    )
}

/// Repairs a label the tagger gets wrong in a way that matters downstream: a name the actor
/// table knows as a group is an organization ("Taliban" tagged MISC, "Islamic State" LOC).
fn relabel(entities: &mut [Entity], resolution: &tocsin_nlp::resolve::Resolution) {
    use tocsin_nlp::resolve::ActorKind as K;
    for (i, e) in entities.iter_mut().enumerate() {
        let actor = resolution
            .entity_cluster
            .get(i)
            .and_then(|&c| resolution.clusters.get(c))
            .and_then(|c| c.actor.as_ref());
        if let Some(a) = actor {
            if matches!(
                a.kind,
                K::ArmedGroup | K::StateForce | K::Agency | K::Organization
            ) {
                e.label = EntityLabel::Org;
            }
        }
    }
}

/// A one-word person or organization at the start of a sentence (or after its opening
/// quote) that is a common noun for people: "Gunmen opened fire", "Militants stormed",
/// "Police said". The tagger reads the capital as a name, and entity lists and actor counts
/// would show "Gunmen" as an organization.
fn is_capitalized_common_noun(words: &[&str], a: usize, b: usize, label: EntityLabel) -> bool {
    use tocsin_events::lexicon::{is_attacker_noun, is_people_noun, is_person_noun};
    let opens = |w: &str| {
        w.chars()
            .all(|c| matches!(c, '"' | '\'' | '“' | '‘' | '(' | '-' | '—'))
    };
    if b != a + 1 || !matches!(label, EntityLabel::Per | EntityLabel::Org) {
        return false;
    }
    if !words[..a].iter().all(|w| opens(w)) {
        return false;
    }
    let w = words[a].to_lowercase();
    is_person_noun(&w) || is_people_noun(&w) || is_attacker_noun(&w)
}

/// Religion and nationality words a tagger may read as people.
fn is_group_word(w: &str) -> bool {
    matches!(
        w,
        "Muslim"
            | "Muslims"
            | "Christian"
            | "Christians"
            | "Jew"
            | "Jews"
            | "Jewish"
            | "Sunni"
            | "Sunnis"
            | "Shia"
            | "Shiite"
            | "Shiites"
            | "Kurd"
            | "Kurds"
            | "Hindu"
            | "Hindus"
            | "Sikh"
            | "Sikhs"
            | "Buddhist"
            | "Buddhists"
            | "Catholic"
            | "Catholics"
            | "Alawite"
            | "Alawites"
            | "Druze"
            | "Yazidi"
            | "Yazidis"
            | "Islamist"
            | "Islamists"
    )
}

/// Place mentions in the form the event rules read.
fn place_mentions(geo: &tocsin_geo::Geoparse) -> Vec<PlaceMention> {
    let mut out: Vec<PlaceMention> = geo
        .mentions
        .iter()
        .filter_map(|m| {
            let p = geo.places.get(m.place)?;
            let demonym = matches!(m.kind, MentionKind::Demonym | MentionKind::PluralDemonym);
            Some(PlaceMention {
                start: m.start,
                end: m.end,
                place: event_place(p),
                rank: rank(p.precision),
                demonym,
            })
        })
        .collect();
    out.sort_by_key(|m| m.start);
    out
}

fn rank(p: Precision) -> u8 {
    match p {
        Precision::Point => 0,
        Precision::Facility => 1,
        Precision::City => 2,
        Precision::Admin2 => 3,
        Precision::Admin1 => 4,
        Precision::Country => 5,
        Precision::Region => 6,
    }
}

fn event_place(p: &Place) -> EventPlace {
    EventPlace {
        name: p.name.clone(),
        geonameid: p.geonameid,
        country: (!p.country.is_empty()).then(|| p.country.clone()),
        admin1: p.admin1.clone(),
        lat: Some(p.lat),
        lon: Some(p.lon),
        precision: serde_json::to_value(p.precision)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default(),
        evidence: Vec::new(),
    }
}

/// The content key of a raw document: SHA-256 of its bytes, hex. Re-ingesting the same bytes
/// finds the same key, which is what makes ingestion idempotent and resumable.
pub fn raw_id(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// Lower-case hex of bytes.
fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The key of a document that could not even be read: from where it was and why.
pub fn failure_id(source: &Source, error: &str) -> String {
    let mut h = Sha256::new();
    for part in [&source.path, &source.url, &source.id] {
        h.update(part.as_deref().unwrap_or("").as_bytes());
        h.update([0]);
    }
    h.update(error.as_bytes());
    hex(&h.finalize())
}

/// What goes into the store for one document: its record, and its article when analysis
/// succeeded (`Err` carries the failing stage and the reason).
pub fn store_item(
    doc_id: String,
    source: &Source,
    ingested_at: &str,
    outcome: Result<Analysis, (String, String)>,
) -> tocsin_store::Put {
    let mut document = tocsin_store::DocumentRecord {
        id: doc_id.clone(),
        url: source.url.clone(),
        path: source.path.clone(),
        source_id: source.id.clone(),
        fetched_at: source.fetched_at.clone(),
        ingested_at: ingested_at.to_string(),
        status: tocsin_store::Status::Ok,
        stage: None,
        error: None,
    };
    match outcome {
        Ok(mut a) => {
            // The large fields travel in columns of their own; the rest of the analysis is
            // kept as JSON, marked so that readers put the split fields back.
            let text = std::mem::take(&mut a.text);
            let entities = std::mem::take(&mut a.entities);
            let events = std::mem::take(&mut a.events);
            let quotes = std::mem::take(&mut a.quotes);
            let mut analysis = serde_json::to_value(&a).unwrap_or(serde_json::Value::Null);
            tocsin_store::split_analysis(&mut analysis);
            tocsin_store::Put {
                document,
                article: Some(tocsin_store::ArticleRecord {
                    doc_id,
                    title: a.title,
                    byline: a.byline,
                    published: a.published,
                    language: a.language,
                    site: a.site,
                    text,
                    entities,
                    events,
                    quotes,
                    analysis,
                }),
            }
        }
        Err((stage, error)) => {
            document.status = tocsin_store::Status::Failed;
            document.stage = Some(stage);
            document.error = Some(error);
            tocsin_store::Put {
                document,
                article: None,
            }
        }
    }
}

fn content_id(article: &Article) -> String {
    let mut h = Sha256::new();
    h.update(article.title.as_deref().unwrap_or("").as_bytes());
    h.update([0]);
    h.update(article.text.as_bytes());
    hex(&h.finalize()[..16])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_text_is_cut_where_a_paragraph_or_sentence_ends() {
        let text = "First paragraph ends here.\n\nSecond one. It goes on and on past the limit";
        assert_eq!(analysed_part(text, 1000), text);
        assert_eq!(analysed_part(text, 50), "First paragraph ends here.");
        let one = "One sentence here. Another sentence that runs past the limit";
        assert_eq!(analysed_part(one, 30), "One sentence here.");
        // No boundary in the second half: a character boundary, never inside "é".
        let word = "aaaaaaaaaé";
        assert_eq!(analysed_part(word, 10), "aaaaaaaaa");
    }

    fn ent(text: &str, piece: &str, label: EntityLabel) -> Entity {
        let start = text.find(piece).expect("piece in text") as u32;
        Entity {
            text: piece.to_string(),
            label,
            start,
            end: start + piece.len() as u32,
            canonical: None,
        }
    }

    fn joined(text: &str, pieces: &[(&str, EntityLabel)]) -> Vec<String> {
        let mut entities: Vec<Entity> = pieces.iter().map(|(p, l)| ent(text, p, *l)).collect();
        join_split_names(text, &mut entities);
        entities.into_iter().map(|e| e.text).collect()
    }

    #[test]
    fn pieces_of_one_name_are_joined() {
        use EntityLabel::{Loc, Org, Per};
        assert_eq!(
            joined(
                "the wife, stela torrado de otalora, was killed.",
                &[("stela torrado", Per), ("otalora", Loc)]
            ),
            ["stela torrado de otalora"]
        );
        assert_eq!(
            joined(
                "his wife, angela piedad de guerrero, was shot.",
                &[("angela piedad", Per), ("de guerrero", Per)]
            ),
            ["angela piedad de guerrero"]
        );
        // Names apart stay apart: a comma, "and", a longer name after the particle, a
        // particle after an organization.
        assert_eq!(
            joined(
                "roberto mena, jose perez and luis diaz were freed.",
                &[
                    ("roberto mena", Per),
                    ("jose perez", Per),
                    ("luis diaz", Per)
                ]
            ),
            ["roberto mena", "jose perez", "luis diaz"]
        );
        assert_eq!(
            joined(
                "the bank de la republica de colombia central office",
                &[("bank", Org), ("colombia central office", Org)]
            ),
            ["bank", "colombia central office"]
        );
    }
}
