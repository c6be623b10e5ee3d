//! Offline geocoding for tocsin: a compiled GeoNames gazetteer ([`Gazetteer`]), toponym
//! recognition that works from the gazetteer alone and takes named entities as an optional
//! extra ([`Geocoder::geoparse`]), and resolution of each toponym to one GeoNames feature with
//! a stated precision and a confidence.
//!
//! ```
//! use tocsin_geo::{compile::{EntryRow, GazetteerBuilder}, Gazetteer, Geocoder, Kind, Precision};
//!
//! let mut b = GazetteerBuilder::new();
//! let fr = b.add(EntryRow::new(3017382, "France", Kind::Country, "FR", 46.0, 2.0).population(66_000_000));
//! b.add(EntryRow::new(2988507, "Paris", Kind::City, "FR", 48.85341, 2.3488).population(2_138_551));
//! let gaz = Gazetteer::from_gzip(&b.to_gzip().unwrap()).unwrap();
//! let places = Geocoder::new(&gaz).geoparse("Protesters marched in Paris on Saturday.", None);
//! assert_eq!(places[0].name, "Paris");
//! assert_eq!(places[0].country, "FR");
//! assert_eq!(places[0].precision, Precision::City);
//! # let _ = fr;
//! ```
//!
//! The data is GeoNames' (CC BY 4.0): whoever ships a gazetteer built here must credit
//! "GeoNames, geonames.org" (see `models/GAZETTEER.md`).
#![warn(missing_docs)]

pub mod compile;
pub mod gazetteer;
pub mod normalize;
mod recognize;
mod resolve;

use serde::Serialize;
use tocsin_model::Entity;

pub use gazetteer::{Entry, EntryId, Gazetteer, GazetteerError, Kind};
pub use recognize::MentionKind;

/// How precisely a place is located: what its coordinates stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    /// A building or site placed at its own point.
    Point,
    /// A named site (a facility) placed at the city or district that contains it.
    Facility,
    /// A populated place.
    City,
    /// A second-level division (county, district).
    Admin2,
    /// A first-level division (state, province).
    Admin1,
    /// A country: the point is a representative point of the country, not an event location.
    Country,
    /// A continent, sea or supranational region.
    Region,
}

impl Precision {
    /// The precision a feature of this kind has.
    pub fn of_kind(kind: Kind) -> Precision {
        match kind {
            Kind::City | Kind::Locality => Precision::City,
            Kind::Admin2 => Precision::Admin2,
            Kind::Admin1 => Precision::Admin1,
            Kind::Country | Kind::HistoricCountry => Precision::Country,
            Kind::Facility => Precision::Point,
            Kind::Continent | Kind::Region | Kind::Water | Kind::Island | Kind::Landform => {
                Precision::Region
            }
        }
    }
}

/// One place an article mentions, resolved: the `places` element of the per-document output
/// (DESIGN.md), with the precision and confidence the resolution has.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Place {
    /// Display name: the GeoNames name, or for a division with a local-language name the
    /// name the text uses; for a facility, the facility's name as written.
    pub name: String,
    /// ISO country code (`""` for continents, seas, regions).
    pub country: String,
    /// The first-level division it lies in (or is), if known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub admin1: Option<String>,
    /// Latitude of the point that stands for the place.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// GeoNames id; `None` for a facility that is not in the gazetteer.
    pub geonameid: Option<u32>,
    /// Feature kind of the resolved entry (for a facility, of its container).
    pub kind: Kind,
    /// What the point stands for.
    pub precision: Precision,
    /// Probability that the resolution is right (recognition and disambiguation together).
    pub confidence: f32,
    /// UTF-8 byte spans of the mentions that name the place itself.
    pub mentions: Vec<(u32, u32)>,
    /// Spans of demonyms and adjectives that refer to it ("Russian" → Russia): evidence for
    /// where an event happened, not names of the place.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub demonym_mentions: Vec<(u32, u32)>,
    /// For a facility: the place that contains it, as the text says ("… on the western edge
    /// of Moscow").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub within: Option<String>,
}

/// One recognized toponym span with its resolution.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mention {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
    /// What kind of mention it is.
    pub kind: MentionKind,
    /// Index into [`Geoparse::places`].
    pub place: usize,
}

/// Everything [`Geocoder::parse`] finds in one text.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Geoparse {
    /// Mentions in text order.
    pub mentions: Vec<Mention>,
    /// Places, in order of first mention.
    pub places: Vec<Place>,
}

/// What is known about a document besides its text.
#[derive(Debug, Clone, Copy, Default)]
pub struct DocContext<'a> {
    /// Named entities from a NER model: a gazetteer match strictly inside a person's name
    /// is dropped ("Linda" in "Linda Daily").
    pub entities: Option<&'a [Entity]>,
    /// The country of the site that published the article (ISO code), a weak prior.
    pub site_country: Option<&'a str>,
}

/// Options of a [`Geocoder`].
#[derive(Debug, Clone)]
pub struct GeocoderOptions {
    /// Report facilities ("Crocus City Hall") placed at the place that contains them.
    pub facilities: bool,
    /// Report singular demonyms ("Russian officials") as toponym mentions.
    pub demonyms: bool,
}

impl Default for GeocoderOptions {
    fn default() -> Self {
        GeocoderOptions {
            facilities: true,
            demonyms: true,
        }
    }
}

/// Finds and resolves toponyms with one gazetteer. Cheap to create; holds no per-document
/// state, so one geocoder serves many threads.
#[derive(Debug, Clone)]
pub struct Geocoder<'g> {
    gaz: &'g Gazetteer,
    opts: GeocoderOptions,
}

impl<'g> Geocoder<'g> {
    /// A geocoder with default options.
    pub fn new(gaz: &'g Gazetteer) -> Self {
        Geocoder {
            gaz,
            opts: GeocoderOptions::default(),
        }
    }

    /// A geocoder with the given options.
    pub fn with_options(gaz: &'g Gazetteer, opts: GeocoderOptions) -> Self {
        Geocoder { gaz, opts }
    }

    /// The gazetteer.
    pub fn gazetteer(&self) -> &'g Gazetteer {
        self.gaz
    }

    /// The places a text mentions, in order of first mention (see [`Geocoder::parse`] for the
    /// mentions themselves).
    pub fn geoparse(&self, text: &str, entities: Option<&[Entity]>) -> Vec<Place> {
        self.parse(
            text,
            &DocContext {
                entities,
                site_country: None,
            },
        )
        .places
    }

    /// Recognizes and resolves the toponyms of a text.
    pub fn parse(&self, text: &str, ctx: &DocContext<'_>) -> Geoparse {
        let tokens = tocsin_nlp::tokenize::tokenize(text);
        let cands = recognize::recognize(self.gaz, text, &tokens, ctx.entities, &self.opts);
        resolve::resolve(self.gaz, text, &tokens, cands, ctx, &self.opts, None)
    }

    /// A human-readable account of every candidate span (kept or dropped, and why) and of
    /// every resolution (the top readings with their scores), for tuning and bug reports.
    pub fn explain(&self, text: &str, ctx: &DocContext<'_>) -> String {
        use std::fmt::Write;
        let tokens = tocsin_nlp::tokenize::tokenize(text);
        let cands = recognize::recognize(self.gaz, text, &tokens, ctx.entities, &self.opts);
        let mut log = String::new();
        for c in &cands {
            let _ = writeln!(
                log,
                "{} {:?} [{}..{}] {:?} recog={:.2} {} readings={}{}",
                if c.accepted { "+" } else { "-" },
                text.get(c.start as usize..c.end as usize).unwrap_or(""),
                c.start,
                c.end,
                c.kind,
                c.recog,
                c.reason,
                c.postings.len(),
                c.qualifier
                    .map_or(String::new(), |q| format!(" qualified-by={q}")),
            );
        }
        resolve::resolve(
            self.gaz,
            text,
            &tokens,
            cands,
            ctx,
            &self.opts,
            Some(&mut log),
        );
        log
    }
}
