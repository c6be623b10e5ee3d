//! Events and quotes from an annotated article.
//!
//! The NLP layer and geocoding have already found sentences, entities (resolved within the
//! document), numbers with bounds, time expressions and places; this crate reads the
//! violent and security events the article reports and who said what. It is rule-based on
//! purpose: every rule names the words it fires on, every output field keeps the bytes it was
//! read from, and a user can see why a number is there.
//!
//! Steps: [`quotes`] first (so that speech is not mistaken for narrative), then per sentence
//! the event mentions ([`mention`]: triggers in context, tolls from [`casualty`], roles), then
//! [`merge`], which folds the mentions of one incident (headline, lead, a later paragraph, a
//! caption) into one event and settles its date and place.
#![warn(missing_docs)]

pub mod casualty;
pub mod lexicon;
pub mod mention;
pub mod merge;
pub mod quotes;
pub mod sentence;
mod victims;

use tocsin_model::{Entity, Event, EventPlace, Quote};
use tocsin_nlp::numbers::NumberMention;
use tocsin_nlp::resolve::Resolution;
use tocsin_nlp::timex::{Date, TimeMention};
use tocsin_nlp::tokenize::{Sentence, Token};

/// A place mention as geocoding resolved it.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceMention {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
    /// The place, in the form events carry.
    pub place: EventPlace,
    /// 0 for a point, 1 facility, 2 city, 3 admin2, 4 admin1, 5 country, 6 region.
    pub rank: u8,
    /// A demonym ("Iranian") rather than a name: evidence for a country only.
    pub demonym: bool,
}

/// A caption of the article, analysed on its own (captions carry dates the body lacks).
#[derive(Debug, Clone)]
pub struct Caption<'a> {
    /// The caption.
    pub text: &'a str,
    /// Its tokens.
    pub tokens: Vec<Token>,
    /// Its time expressions.
    pub times: Vec<TimeMention>,
}

/// Everything the event rules read, for one document.
pub struct Doc<'a> {
    /// The article body.
    pub text: &'a str,
    /// Its tokens.
    pub tokens: &'a [Token],
    /// Its sentences.
    pub sentences: &'a [Sentence],
    /// Named entities with `canonical` set by resolution.
    pub entities: &'a [Entity],
    /// Clusters, actors and pronoun links.
    pub resolution: &'a Resolution,
    /// Numbers with bounds.
    pub numbers: &'a [NumberMention],
    /// Time expressions, resolved against `anchor`.
    pub times: &'a [TimeMention],
    /// Resolved place mentions, in text order.
    pub places: &'a [PlaceMention],
    /// Captions.
    pub captions: &'a [Caption<'a>],
    /// The date relative expressions were resolved against.
    pub anchor: Option<Date>,
}

/// What this crate reads out of one document.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    /// Events, most evidenced first within the order of first mention.
    pub events: Vec<Event>,
    /// Quotes in text order.
    pub quotes: Vec<Quote>,
}

/// Reads events and quotes.
pub fn analyze(doc: &Doc<'_>) -> Analysis {
    let words: Vec<String> = doc
        .tokens
        .iter()
        .map(|t| t.text(doc.text).to_lowercase())
        .collect();
    let quotes = quotes::find_quotes(doc, &words);
    let quoted: Vec<(u32, u32)> = quotes::quoted_regions(doc.text);
    let mentions = mention::find_mentions(doc, &words, &quoted);
    let mut events = merge::merge(doc, mentions);
    victims::attach_named_victims(doc, &words, &mut events);
    mention::attach_attributions(doc, &words, &mut events);
    mention::attach_damaged_targets(doc, &words, &mut events);
    mention::attach_acting_attackers(doc, &words, &mut events);
    Analysis { events, quotes }
}

/// The latest full date (day precision, not relative) the text or captions state: the anchor
/// for relative dates when the publication date is unknown.
pub fn infer_anchor(times: &[TimeMention], captions: &[Caption<'_>]) -> Option<Date> {
    times
        .iter()
        .chain(captions.iter().flat_map(|c| c.times.iter()))
        .filter(|t| !t.relative && t.precision == tocsin_nlp::timex::Precision::Day)
        .filter_map(|t| t.start_date)
        .max()
}

#[cfg(test)]
mod tests;
