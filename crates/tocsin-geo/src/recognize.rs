//! Toponym recognition from the gazetteer, with named entities as an optional extra.
//!
//! A toponym candidate is the longest gazetteer name over a run of capitalized tokens (with
//! the connectors place names use: "of", "de", "upon", "and"). Whether a candidate is kept
//! depends on how strong its best reading is (a country or a big city, or only a hamlet's
//! alternate name) against what speaks for another reading of the words: a capital at the
//! start of a sentence or in a title-case headline, a common English word ("Reading",
//! "Mobile"), a title or given name before it ("Mr. Paris", "George Washington"), a surname
//! the article uses for a person elsewhere, capitalized neighbours that make it part of a
//! longer name ("Fox News"), a verb of saying after it ("Jackson said"). Context that speaks
//! for a place lowers the bar: "in", "near", "outside" before it, ", State" after it.
//!
//! Demonyms ("Russian officials") are mentions of their country; plural nouns ("Russians")
//! are kept apart. Facilities ("Crocus City Hall") are capitalized runs that end in a facility
//! noun and are placed where the text says they are ("… on the western edge of Moscow").

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use tocsin_model::{Entity, EntityLabel};
use tocsin_nlp::tokenize::{Token, TokenKind};

use crate::gazetteer::{key_flags, name_flags, EntryId, Gazetteer, Kind, Posting};
use crate::normalize::normalize_into;
use crate::GeocoderOptions;

/// What a mention is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionKind {
    /// The place's name ("Moscow", "U.S.", "Ky.").
    Name,
    /// A demonym or adjective used as a modifier ("Russian officials").
    Demonym,
    /// A plural demonym noun ("Russians"): evidence for a country, not a toponym.
    PluralDemonym,
    /// A facility, placed at the place that contains it.
    Facility,
    /// A street or road ("Main Street", "Highway 19"), placed at the town the text puts it
    /// in (the nearest town named before it).
    Street,
}

/// A recognized (or rejected) candidate span.
#[derive(Debug, Clone)]
pub(crate) struct Cand {
    pub start: u32,
    pub end: u32,
    pub t0: usize,
    pub t1: usize,
    pub kind: MentionKind,
    /// Valid readings for this surface.
    pub postings: Vec<Posting>,
    /// Normalized key: mentions with one key share one resolution unless qualified.
    pub key: String,
    /// Recognition confidence.
    pub recog: f32,
    pub accepted: bool,
    /// A candidate that qualifies this one ("Paris, Texas": Texas qualifies Paris).
    pub qualifier: Option<usize>,
    /// For facilities: the candidate for the place that contains it.
    pub container: Option<usize>,
    /// The mention is (part of) the dateline.
    pub dateline: bool,
    /// Why it was kept or dropped (for `explain`).
    pub reason: &'static str,
}

/// Words that may join the words of a place name.
fn is_connector(w: &str) -> bool {
    matches!(
        w,
        "of" | "de"
            | "del"
            | "della"
            | "di"
            | "da"
            | "do"
            | "dos"
            | "das"
            | "du"
            | "des"
            | "la"
            | "le"
            | "les"
            | "el"
            | "al"
            | "the"
            | "upon"
            | "on"
            | "and"
            | "y"
            | "en"
            | "am"
            | "an"
            | "der"
            | "sur"
            | "&"
            | "'s"
            | "’s"
            | "la,"
            | "au"
            | "aux"
            | "im"
            | "bin"
            | "ibn"
            | "ad"
            | "as"
            | "ash"
            | "ar"
            | "at"
    )
}

/// Function words that are capitalized only at the start of a sentence; a capitalized one
/// before a name does not make the name part of a longer name.
fn is_function_word(lower: &str) -> bool {
    matches!(
        lower,
        "in" | "at"
            | "on"
            | "the"
            | "a"
            | "an"
            | "from"
            | "to"
            | "for"
            | "of"
            | "and"
            | "but"
            | "or"
            | "near"
            | "outside"
            | "inside"
            | "across"
            | "around"
            | "throughout"
            | "into"
            | "toward"
            | "towards"
            | "via"
            | "through"
            | "between"
            | "within"
            | "by"
            | "with"
            | "as"
            | "after"
            | "before"
            | "since"
            | "while"
            | "when"
            | "where"
            | "if"
            | "than"
            | "like"
            | "unlike"
            | "both"
            | "all"
            | "some"
            | "many"
            | "most"
            | "this"
            | "that"
            | "these"
            | "those"
            | "his"
            | "her"
            | "its"
            | "their"
            | "our"
            | "my"
            | "your"
            | "despite"
            | "during"
            | "over"
            | "under"
            | "about"
            | "against"
            | "among"
            | "beyond"
            | "north"
            | "south"
            | "east"
            | "west"
            | "northern"
            | "southern"
            | "eastern"
            | "western"
            | "central"
            | "greater"
            | "upper"
            | "lower"
            | "downtown"
            | "rural"
            | "suburban"
            | "neighboring"
            | "neighbouring"
            | "nearby"
            | "said"
            | "says"
            | "told"
            | "is"
            | "was"
            | "are"
            | "were"
            | "will"
            | "would"
            | "could"
            | "should"
            | "may"
            | "can"
            | "has"
            | "have"
            | "had"
            | "not"
            | "no"
            | "yes"
            | "so"
            | "then"
            | "now"
            | "today"
            | "yesterday"
            | "here"
            | "there"
            | "even"
            | "also"
            | "only"
            | "just"
            | "meanwhile"
            | "however"
            | "although"
            | "though"
            | "because"
            | "why"
            | "how"
            | "what"
            | "who"
            | "which"
            | "whose"
            | "every"
            | "each"
            | "other"
            | "another"
            | "more"
            | "new"
            | "old"
            | "former"
            | "via,"
            | "per"
            | "welcome"
            | "dear"
    )
}

/// Words before a name that say it is a place.
fn is_place_cue(lower: &str) -> bool {
    matches!(
        lower,
        "in" | "at"
            | "near"
            | "from"
            | "to"
            | "outside"
            | "across"
            | "around"
            | "throughout"
            | "into"
            | "toward"
            | "towards"
            | "via"
            | "through"
            | "between"
            | "within"
            | "of"
            | "visit"
            | "visited"
            | "visiting"
            | "leave"
            | "left"
            | "entered"
            | "reached"
            | "invaded"
            | "invade"
            | "bombed"
            | "northern"
            | "southern"
            | "eastern"
            | "western"
            | "central"
            | "northeastern"
            | "northwestern"
            | "southeastern"
            | "southwestern"
            | "downtown"
            | "suburban"
            | "rural"
            | "neighboring"
            | "neighbouring"
            | "nearby"
            | "native"
            | "onto"
            | "beyond"
            | "inside"
            | "based"
    )
}

/// Titles that make the next capitalized word a person's name.
fn is_title(lower: &str) -> bool {
    matches!(
        lower,
        "mr" | "mrs"
            | "ms"
            | "miss"
            | "dr"
            | "gov"
            | "sen"
            | "rep"
            | "gen"
            | "col"
            | "sgt"
            | "lt"
            | "capt"
            | "cpl"
            | "pvt"
            | "adm"
            | "maj"
            | "det"
            | "prof"
            | "rev"
            | "pres"
            | "insp"
            | "supt"
            | "cmdr"
            | "judge"
            | "justice"
            | "officer"
            | "president"
            | "senator"
            | "governor"
            | "mayor"
            | "coach"
            | "father"
            | "sister"
            | "brother"
            | "pastor"
            | "deputy"
            | "sheriff"
            | "trooper"
            | "sergeant"
            | "lieutenant"
            | "captain"
            | "corporal"
            | "private"
            | "general"
            | "colonel"
            | "major"
            | "chief"
            | "minister"
            | "secretary"
            | "ambassador"
            | "king"
            | "queen"
            | "prince"
            | "princess"
            | "lord"
            | "lady"
            | "sir"
            | "dame"
            | "pope"
            | "bishop"
            | "imam"
            | "rabbi"
            | "sheikh"
            | "uncle"
            | "aunt"
            | "detective"
            | "attorney"
            | "councilman"
            | "councilwoman"
            | "commissioner"
            | "superintendent"
            | "principal"
            | "professor"
            | "doctor"
            | "nurse"
            | "agent"
            | "dean"
            | "chancellor"
            | "speaker"
            | "spokesman"
            | "spokeswoman"
            | "jr"
            | "mister"
            | "madam"
            | "saint"
            | "st"
    )
}

/// Verbs of saying: a small place name right before one is more likely a surname.
fn is_saying(lower: &str) -> bool {
    matches!(
        lower,
        "said"
            | "says"
            | "told"
            | "added"
            | "wrote"
            | "explained"
            | "stated"
            | "noted"
            | "asked"
            | "argued"
            | "testified"
            | "insisted"
            | "recalled"
            | "replied"
            | "admitted"
            | "acknowledged"
            | "continued"
            | "warned"
            | "believes"
            | "thinks"
            | "hopes"
            | "wants"
            | "did"
            | "does"
            | "who"
            | "whose"
    )
}

/// Head nouns of named facilities.
fn is_facility_head(lower: &str) -> bool {
    matches!(
        lower,
        "hall"
            | "airport"
            | "stadium"
            | "arena"
            | "hospital"
            | "mosque"
            | "church"
            | "cathedral"
            | "temple"
            | "synagogue"
            | "shrine"
            | "market"
            | "bazaar"
            | "mall"
            | "square"
            | "bridge"
            | "station"
            | "hotel"
            | "embassy"
            | "consulate"
            | "base"
            | "prison"
            | "jail"
            | "palace"
            | "museum"
            | "theatre"
            | "theater"
            | "plant"
            | "refinery"
            | "camp"
            | "dam"
            | "port"
            | "harbour"
            | "harbor"
            | "gate"
            | "terminal"
            | "centre"
            | "center"
            | "tower"
            | "towers"
            | "building"
            | "complex"
            | "barracks"
            | "academy"
            | "university"
            | "college"
            | "school"
            | "park"
            | "garden"
            | "gardens"
            | "club"
            | "cemetery"
            | "monastery"
            | "compound"
            | "checkpoint"
            | "crossing"
            | "headquarters"
            | "ministry"
            | "parliament"
            | "courthouse"
            | "library"
    )
}

/// Words right after a name that make it a modifier of an organization or facility
/// ("Moscow Police", "Texas University"): the place is still a place.
fn is_org_head(lower: &str) -> bool {
    is_facility_head(lower)
        || matches!(
            lower,
            "police"
                | "government"
                | "city"
                | "county"
                | "state"
                | "province"
                | "region"
                | "district"
                | "authorities"
                | "council"
                | "court"
                | "times"
                | "post"
                | "news"
                | "herald"
                | "tribune"
                | "daily"
                | "press"
                | "journal"
                | "gazette"
                | "star"
                | "department"
                | "dept"
                | "office"
                | "army"
                | "navy"
                | "forces"
                | "guard"
                | "ministry"
                | "embassy"
                | "parliament"
                | "assembly"
                | "legislature"
                | "senate"
                | "house"
                | "republic"
                | "federation"
                | "union"
                | "bank"
                | "airlines"
                | "airways"
                | "railway"
                | "railways"
                | "national"
                | "international"
                | "general"
                | "mayor"
                | "governor"
                | "sheriff"
                | "fire"
                | "public"
                | "metro"
                | "area"
                | "valley"
                | "river"
                | "bay"
                | "lake"
                | "island"
                | "islands"
                | "coast"
                | "region's"
                | "capital"
                | "empire"
                | "kingdom"
                | "border"
                | "sheriff's"
                | "medical"
                | "health"
                | "hospital"
                | "health's"
        )
}

/// Common given names ("george", "paris" is not one): see data/given_names.txt.
fn given_names() -> &'static HashSet<&'static str> {
    static SET: std::sync::OnceLock<HashSet<&'static str>> = std::sync::OnceLock::new();
    SET.get_or_init(|| {
        include_str!("../data/given_names.txt")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .flat_map(str::split_whitespace)
            .collect()
    })
}

/// Per-token facts the rules read.
#[derive(Debug, Clone, Copy, Default)]
struct Tok {
    /// First letter upper case (a name-like word).
    cap: bool,
    /// Every letter upper case, at least two letters.
    caps: bool,
    /// Word, abbreviation or clitic.
    word: bool,
    /// Capitalization says nothing here: sentence start, after a colon or an opening quote.
    sent_start: bool,
    /// In a title-case or all-caps line, where capitalization says little.
    title_line: bool,
    /// In an all-caps line.
    caps_line: bool,
    /// Part of a gazetteer match that was kept.
    in_place: bool,
}

/// How strong the best reading of a candidate is, from the gazetteer alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Tier {
    /// Only obscure readings: a small place, an alternate name.
    C,
    /// A mid-sized city, a county, a division's alias.
    B,
    /// A country, continent, region, first-level division or big city.
    A,
}

fn tier_of(gaz: &Gazetteer, postings: &[Posting]) -> Tier {
    let mut best = Tier::C;
    for p in postings {
        let e = gaz.entry(p.entry);
        let primary = p.flags & (name_flags::PRIMARY | name_flags::ENGLISH) != 0;
        let t = match e.kind {
            Kind::Country | Kind::HistoricCountry | Kind::Continent => {
                if primary || p.flags & name_flags::COLLOQUIAL != 0 {
                    Tier::A
                } else {
                    Tier::B
                }
            }
            Kind::Region => {
                if primary {
                    Tier::A
                } else {
                    Tier::B
                }
            }
            Kind::Admin1 => {
                if (primary && e.population >= 200_000) || e.population >= 1_000_000 {
                    Tier::A
                } else {
                    Tier::B
                }
            }
            Kind::City => {
                let capital = e.flags & crate::gazetteer::entry_flags::CAPITAL != 0;
                if (primary && (e.population >= 300_000 || capital)) || e.population >= 2_000_000 {
                    Tier::A
                } else if (primary && e.population >= 15_000) || e.population >= 200_000 {
                    Tier::B
                } else {
                    Tier::C
                }
            }
            Kind::Admin2 => {
                if primary {
                    Tier::B
                } else {
                    Tier::C
                }
            }
            Kind::Water | Kind::Island | Kind::Landform | Kind::Facility => {
                if primary {
                    Tier::B
                } else {
                    Tier::C
                }
            }
            Kind::Locality => Tier::C,
        };
        if p.flags & name_flags::ENGLISH != 0 && p.flags & name_flags::HISTORIC == 0 {
            best = best.max(Tier::A);
        }
        best = best.max(t);
    }
    best
}

/// Whether a reading is a country or a first-level division of a million people or more
/// ("Georgia", "Virginia" stay places when a person has the same name).
fn big_area(gaz: &Gazetteer, postings: &[Posting]) -> bool {
    postings.iter().any(|p| {
        let e = gaz.entry(p.entry);
        matches!(
            e.kind,
            Kind::Country | Kind::HistoricCountry | Kind::Continent
        ) || (e.kind == Kind::Admin1
            && e.population >= 1_000_000
            && p.flags & (name_flags::PRIMARY | name_flags::ENGLISH) != 0)
    })
}

/// Whether a reading is a country or a city of 100,000 or more.
fn big_place(gaz: &Gazetteer, postings: &[Posting]) -> bool {
    postings.iter().any(|p| {
        let e = gaz.entry(p.entry);
        e.kind == Kind::Country || (e.kind == Kind::City && e.population >= 100_000)
    })
}

/// "S.C.", "N.D.", "D.C.": two or more capital letters, each followed by a dot.
fn is_dotted_initials(s: &str) -> bool {
    s.len() >= 4 && tocsin_nlp::tokenize::is_initials(s)
}

fn letters_all_upper(s: &str) -> bool {
    let mut n = 0;
    for c in s.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_alphabetic() {
            n += 1;
        }
    }
    n >= 2
}

fn letter_count(s: &str) -> usize {
    s.chars().filter(|c| c.is_alphabetic()).count()
}

/// Lower-cased text of a token, without a trailing period (`Gov.` → `gov`).
fn lower_word(text: &str, t: &Token, buf: &mut String) {
    buf.clear();
    let w = t.text(text);
    let w = w.strip_suffix('.').unwrap_or(w);
    for c in w.chars() {
        buf.extend(c.to_lowercase());
    }
}

fn token_facts(text: &str, toks: &[Token]) -> Vec<Tok> {
    let mut out = vec![Tok::default(); toks.len()];
    for (i, t) in toks.iter().enumerate() {
        let w = t.text(text);
        let word = matches!(t.kind, TokenKind::Word | TokenKind::Abbrev);
        let first = w.chars().next();
        let cap = word && first.is_some_and(char::is_uppercase);
        out[i].word = t.is_wordlike();
        out[i].cap = cap;
        out[i].caps = word && letters_all_upper(w);
        out[i].sent_start = if i == 0 {
            true
        } else {
            let p = &toks[i - 1];
            let gap = text.get(p.end as usize..t.start as usize).unwrap_or("");
            let pw = p.text(text);
            if gap.contains('\n') {
                true
            } else if p.kind == TokenKind::Punct {
                match pw {
                    "." | "!" | "?" | "..." | ":" | ";" | "…" | "•" | "|" | "–" | "—" | "-" => {
                        true
                    }
                    "\"" | "“" | "'" | "‘" | "(" | "[" | "«" | "”" => out[i - 1].sent_start,
                    _ => pw.ends_with(['.', '!', '?']),
                }
            } else {
                false
            }
        };
    }
    // Title-case and all-caps lines: capitalization says little there.
    let mut line_start = 0usize;
    while line_start < toks.len() {
        let mut line_end = line_start + 1;
        while line_end < toks.len() {
            let gap = text
                .get(toks[line_end - 1].end as usize..toks[line_end].start as usize)
                .unwrap_or("");
            if gap.contains('\n') {
                break;
            }
            line_end += 1;
        }
        let (mut words, mut capped, mut all_caps) = (0usize, 0usize, 0usize);
        for i in line_start..line_end {
            let t = &toks[i];
            if t.kind != TokenKind::Word {
                continue;
            }
            let w = t.text(text);
            if letter_count(w) < 4 {
                continue;
            }
            words += 1;
            if out[i].cap {
                capped += 1;
            }
            if out[i].caps {
                all_caps += 1;
            }
        }
        let title = words >= 3 && capped * 10 >= words * 7;
        let caps = words >= 2 && all_caps * 10 >= words * 8;
        if title || caps {
            for t in &mut out[line_start..line_end] {
                t.title_line = true;
                t.caps_line = caps;
            }
        }
        line_start = line_end;
    }
    out
}

/// Whether a token can start a place name.
fn can_start(text: &str, t: &Token, f: &Tok) -> bool {
    if f.cap {
        return true;
    }
    // "al-Raqqa", "el-Arish"
    let w = t.text(text);
    t.kind == TokenKind::Word
        && [
            "al-", "el-", "ad-", "ar-", "as-", "ash-", "az-", "an-", "at-",
        ]
        .iter()
        .any(|p| {
            w.strip_prefix(p)
                .and_then(|r| r.chars().next())
                .is_some_and(char::is_uppercase)
        })
}

/// Whether the space between two tokens lets them be one name.
fn joined(text: &str, a: &Token, b: &Token) -> bool {
    let gap = text.get(a.end as usize..b.start as usize).unwrap_or("\n");
    gap.len() <= 2 && gap.chars().all(|c| c == ' ' || c == '\u{a0}')
}

/// Reason of a rejection that only the capitalization at a sentence start caused: another
/// mention of the same name elsewhere in the text overrules it.
const WEAK_CASE: &str = "capital at sentence start";
const GIVEN: &str = "given name";
const A_SPEAKING: &str = "A: next to a verb of saying";
const C_CIVIC: &str = "C: before the name of a town's institution";
const ALTERNATE_ONLY: &str = "C: only an alternate name of a small place";

/// Longest tokens a name may span.
const MAX_NAME_TOKENS: usize = 7;

pub(crate) fn recognize(
    gaz: &Gazetteer,
    text: &str,
    toks: &[Token],
    entities: Option<&[Entity]>,
    opts: &GeocoderOptions,
) -> Vec<Cand> {
    let mut facts = token_facts(text, toks);
    let mut lw = String::new();
    let mut key = String::new();
    let dateline = tocsin_nlp::tokenize::dateline(text, toks);

    // Surnames: the last word of a run of two or three capitalized words that is not itself
    // a place name ("Dermot Sullivan", "Mr. Webb", "Mary Hailey"); a lone "Sullivan" later in
    // the text is then the person, not Sullivan, Missouri.
    let mut surnames: HashSet<String> = HashSet::new();
    let mut i = 0;
    while i < toks.len() {
        if !facts[i].cap || facts[i].title_line {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < toks.len()
            && j < i + 6
            && facts[j].cap
            && (!facts[j].caps || facts[j].caps_line)
            && joined(text, &toks[j - 1], &toks[j])
        {
            j += 1;
        }
        lower_word(text, &toks[i], &mut lw);
        let first_ok = is_title(&lw)
            || (!is_function_word(&lw) && toks[i].kind == TokenKind::Word && !facts[i].caps);
        if j - i >= 2 && first_ok {
            key.clear();
            normalize_into(
                &text[toks[i].start as usize..toks[j - 1].end as usize],
                &mut key,
            );
            let whole_place = gaz.lookup_key(&key).is_some();
            // "George Bush Jr." → Bush
            let mut last = &toks[j - 1];
            if j - i >= 3 && matches!(last.text(text), "Jr" | "Jr." | "Sr" | "Sr." | "II" | "III") {
                last = &toks[j - 2];
            }
            let last_word = last.kind == TokenKind::Word && !last.text(text).contains('-');
            if !whole_place && last_word {
                // "Stars Over Springfield", "StandUp DeKalb": a run without a given name or
                // a title makes no surname of a sizeable place.
                let personal = toks[i..j - 1].iter().any(|t| {
                    lower_word(text, t, &mut lw);
                    is_title(&lw) || given_names().contains(lw.as_str())
                });
                let mut sizeable = || {
                    key.clear();
                    normalize_into(last.text(text), &mut key);
                    gaz.lookup_key(&key)
                        .is_some_and(|m| tier_of(gaz, &m.postings().collect::<Vec<_>>()) >= Tier::B)
                };
                lower_word(text, last, &mut lw);
                if !is_org_head(&lw) && (personal || !sizeable()) {
                    surnames.insert(lw.clone());
                }
            }
        }
        i = j;
    }

    let mut cands: Vec<Cand> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if !can_start(text, &toks[i], &facts[i]) {
            i += 1;
            continue;
        }
        // Longest gazetteer name from token i.
        let start = toks[i].start as usize;
        let mut best: Option<(usize, String)> = None;
        let mut j = i;
        while j < toks.len() && j < i + MAX_NAME_TOKENS {
            if j > i {
                if !joined(text, &toks[j - 1], &toks[j]) {
                    break;
                }
                lower_word(text, &toks[j], &mut lw);
                let conn =
                    !facts[j].cap && (is_connector(&lw) || toks[j].kind == TokenKind::Clitic);
                if !facts[j].cap && !conn {
                    break;
                }
                if conn {
                    j += 1;
                    continue;
                }
            }
            key.clear();
            normalize_into(&text[start..toks[j].end as usize], &mut key);
            if gaz.lookup_key(&key).is_some() {
                best = Some((j + 1, key.clone()));
            }
            j += 1;
        }
        // Hyphenated compounds: "Moscow-based", "Egyptian-US", "D-Charleston".
        let mut next = i + 1;
        if best.is_none() && toks[i].kind == TokenKind::Word {
            let w = toks[i].text(text);
            if w.contains('-') {
                let mut off = 0usize;
                let parts = w.split('-').count();
                for (n, part) in w.split('-').enumerate() {
                    let p_start = off;
                    off += part.len() + 1;
                    if letter_count(part) < 2
                        || !part.chars().next().is_some_and(char::is_uppercase)
                    {
                        continue;
                    }
                    let start = toks[i].start + p_start as u32;
                    // The last part may go on past the word: "Paris-Henry County".
                    let mut found = None;
                    let mut t1 = i + 1;
                    while t1 <= toks.len() && t1 < i + MAX_NAME_TOKENS {
                        if t1 > i + 1
                            && (n + 1 < parts
                                || !facts[t1 - 1].cap
                                || !joined(text, &toks[t1 - 2], &toks[t1 - 1]))
                        {
                            break;
                        }
                        key.clear();
                        if t1 == i + 1 {
                            normalize_into(part, &mut key);
                        } else {
                            let span = text.get(start as usize..toks[t1 - 1].end as usize);
                            normalize_into(span.unwrap_or(""), &mut key);
                        }
                        if gaz.lookup_key(&key).is_some() {
                            found = Some((t1, key.clone()));
                        }
                        t1 += 1;
                    }
                    let Some((t1, k)) = found else {
                        continue;
                    };
                    let end = if t1 == i + 1 {
                        start + part.len() as u32
                    } else {
                        toks[t1 - 1].end
                    };
                    if let Some(c) = make_cand(gaz, text, &facts, i, t1, start, end, &k) {
                        cands.push(c);
                        next = next.max(t1);
                    }
                }
            }
        }
        if let Some((t1, k)) = &mut best {
            city_of_institution(gaz, text, toks, &facts, i, t1, k);
            // "Alta." / "Ont." at the end of a sentence: the period belongs to the abbreviation.
            let last = &toks[*t1 - 1];
            if let Some(dot) = toks.get(*t1) {
                if dot.kind == TokenKind::Punct
                    && dot.start == last.end
                    && text.get(dot.range()) == Some(".")
                    && letter_count(last.text(text)) <= 5
                    && last.text(text).chars().any(char::is_lowercase)
                    && !last.text(text).ends_with('.')
                    && gaz
                        .lookup_key(k)
                        .is_some_and(|m| m.postings().any(|p| p.flags & name_flags::ABBREV != 0))
                {
                    *t1 += 1;
                }
            }
        }
        match best {
            Some((t1, k)) => {
                let end = toks[t1 - 1].end;
                let start = toks[i].start;
                if let Some(c) = make_cand(gaz, text, &facts, i, t1, start, end, &k) {
                    cands.push(c);
                }
                i = t1;
            }
            None => {
                // Plural demonyms: "Russians" → "Russian".
                if facts[i].cap && toks[i].kind == TokenKind::Word {
                    let w = toks[i].text(text);
                    if let Some(stem) = w.strip_suffix('s') {
                        key.clear();
                        normalize_into(stem, &mut key);
                        if let Some(m) = gaz.lookup_key(&key) {
                            let ps: Vec<Posting> = m
                                .postings()
                                .filter(|p| p.flags & name_flags::DEMONYM != 0)
                                .collect();
                            if !ps.is_empty() {
                                cands.push(Cand {
                                    start: toks[i].start,
                                    end: toks[i].end,
                                    t0: i,
                                    t1: i + 1,
                                    kind: MentionKind::PluralDemonym,
                                    postings: ps,
                                    key: key.clone(),
                                    recog: 0.8,
                                    accepted: true,
                                    qualifier: None,
                                    container: None,
                                    dateline: false,
                                    reason: "plural demonym",
                                });
                            }
                        }
                    }
                }
                i = next;
            }
        }
    }

    // Decide which name candidates to keep.
    for c in cands.iter_mut() {
        if let Some(d) = &dateline {
            if c.start >= d.place.start && c.end <= d.place.end {
                c.dateline = true;
            }
        }
        if c.kind != MentionKind::Name {
            if c.kind == MentionKind::Demonym {
                decide_demonym(text, toks, &facts, c, &mut lw);
            }
            continue;
        }
        decide_name(gaz, text, toks, &facts, &surnames, c, &mut lw);
    }
    // One sense per discourse: a name kept elsewhere in the text is kept at a sentence start.
    let kept: HashSet<String> = cands
        .iter()
        .filter(|c| c.accepted && c.kind == MentionKind::Name)
        .map(|c| c.key.clone())
        .collect();
    for c in cands.iter_mut() {
        // "Chiefland Police Chief": a small place before its own institution too; and a
        // given name that is no one's here ("from Norman, Okla." … "his Norman home").
        let weak = c.reason == WEAK_CASE || c.reason == C_CIVIC || c.reason == GIVEN;
        if !c.accepted && weak && kept.contains(&c.key) {
            c.accepted = true;
            c.recog = 0.7;
            c.reason = "kept elsewhere in the text";
        }
    }
    for c in &cands {
        if c.accepted {
            for f in &mut facts[c.t0..c.t1] {
                f.in_place = true;
            }
        }
    }

    // Context-only names after "Place, ": postal codes and short abbreviations.
    let mut extra = Vec::new();
    for (ci, c) in cands.iter().enumerate() {
        if !c.accepted || c.kind != MentionKind::Name {
            continue;
        }
        let j = c.t1;
        if j + 1 >= toks.len() || toks[j].text(text) != "," {
            continue;
        }
        let k = j + 1;
        if facts[k].in_place || !(facts[k].cap || facts[k].caps) {
            continue;
        }
        // One token, or "W. Va." style two tokens.
        for t1 in [k + 2, k + 1] {
            if t1 > toks.len() || (t1 == k + 2 && !joined(text, &toks[k], &toks[k + 1])) {
                continue;
            }
            key.clear();
            normalize_into(
                &text[toks[k].start as usize..toks[t1 - 1].end as usize],
                &mut key,
            );
            if let Some(m) = gaz.lookup_key(&key) {
                let ps: Vec<Posting> = m
                    .postings()
                    .filter(|p| p.flags & name_flags::CONTEXT != 0)
                    .collect();
                if !ps.is_empty() {
                    extra.push((
                        ci,
                        Cand {
                            start: toks[k].start,
                            end: toks[t1 - 1].end,
                            t0: k,
                            t1,
                            kind: MentionKind::Name,
                            postings: ps,
                            key: key.clone(),
                            recog: 0.85,
                            accepted: true,
                            qualifier: None,
                            container: None,
                            dateline: c.dateline,
                            reason: "after Place,",
                        },
                    ));
                    break;
                }
            }
        }
    }
    for (_, c) in &extra {
        for f in &mut facts[c.t0..c.t1] {
            f.in_place = true;
        }
    }
    cands.extend(extra.into_iter().map(|(_, c)| c));
    cands.sort_by_key(|c| (c.start, std::cmp::Reverse(c.end)));

    if let Some(ents) = entities {
        apply_entities(text, &mut cands, ents);
    }
    demote_people(&mut cands);
    accept_short_forms(&mut cands);
    // Overlaps can only come from entity additions; keep the first, longest.
    let mut last_end = 0u32;
    for c in cands.iter_mut() {
        if !c.accepted {
            continue;
        }
        if c.start < last_end {
            c.accepted = false;
            continue;
        }
        last_end = c.end;
    }

    find_streets(text, toks, &facts, &mut cands, &mut lw);

    // Qualifiers: "Paris, Texas", "Tripoli (Lebanon)".
    let acc: Vec<usize> = (0..cands.len()).filter(|&i| cands[i].accepted).collect();
    for w in acc.windows(2) {
        let (a, b) = (w[0], w[1]);
        if cands[a].kind != MentionKind::Name || cands[b].kind != MentionKind::Name {
            continue;
        }
        let between = text
            .get(cands[a].end as usize..cands[b].start as usize)
            .unwrap_or("");
        let b_end_ok = {
            let after = text.get(cands[b].end as usize..).unwrap_or("");
            let next = after.trim_start().chars().next();
            // "Paris, Texas, and London" qualifies; "Paris, Texas Gov." also does.
            next.is_none_or(|c| !c.is_lowercase() || after.starts_with(' '))
        };
        // "Washington, Oregon, California" is a list, not a qualified name. Only a candidate
        // starting within a list separator's length after `b` can be next in a list.
        let after_b = acc.partition_point(|&k| cands[k].start <= cands[b].end);
        let list = acc[after_b..]
            .iter()
            .take_while(|&&k| cands[k].start <= cands[b].end + ", and ".len() as u32)
            .any(|&k| {
                k != b
                    && cands[k].start > cands[b].end
                    && text
                        .get(cands[b].end as usize..cands[k].start as usize)
                        .is_some_and(|g| g == ", " || g == ", and " || g == " and " || g == ", or ")
            });
        let context_only = cands[b].reason == "after Place,";
        if (between == ", " || between == "," || between == " (")
            && b_end_ok
            && (!list || context_only)
        {
            cands[a].qualifier = Some(b);
        }
    }

    if opts.facilities {
        find_facilities(text, toks, &facts, &mut cands, &mut lw);
    }
    cands
}

#[allow(clippy::too_many_arguments)]
fn make_cand(
    gaz: &Gazetteer,
    text: &str,
    facts: &[Tok],
    t0: usize,
    t1: usize,
    start: u32,
    end: u32,
    key: &str,
) -> Option<Cand> {
    let m = gaz.lookup_key(key)?;
    if m.flags & key_flags::NOT_PLACE != 0 {
        return None;
    }
    let surface = text.get(start as usize..end as usize).unwrap_or("");
    // "Ky.", "Pa.", "Kan.": a dotted word is an abbreviation, not a town called "Pa".
    let dotted = surface.ends_with('.') && letter_count(surface) <= 6;
    let caps_line = facts[t0].caps_line;
    let surface_caps = letters_all_upper(surface);
    let short_caps = surface_caps && letter_count(surface) <= 4 && !caps_line;
    let mut names = Vec::new();
    let mut demonyms = Vec::new();
    // "S.C.", "D.C.": dotted initials of a division are as sure as its name; the bare "SC"
    // or "Mass." is only a place after "Place, ".
    let initials = is_dotted_initials(surface);
    for p in m.postings() {
        if p.flags & name_flags::CONTEXT != 0 && !(initials && p.flags & name_flags::ABBREV != 0) {
            continue;
        }
        if p.flags & name_flags::ACRONYM != 0 && !surface_caps && !caps_line {
            continue;
        }
        if short_caps && p.flags & name_flags::ACRONYM == 0 {
            continue;
        }
        if dotted && p.flags & name_flags::ABBREV == 0 {
            continue;
        }
        if p.flags & name_flags::DEMONYM != 0 {
            demonyms.push(p);
        } else {
            names.push(p);
        }
    }
    // "Canadian" is the demonym before it is a Texas town.
    if !demonyms.is_empty() && !names.is_empty() && tier_of(gaz, &names) < Tier::A {
        names.clear();
    }
    let (kind, postings) = if !names.is_empty() {
        (MentionKind::Name, names)
    } else if !demonyms.is_empty() {
        (MentionKind::Demonym, demonyms)
    } else {
        return None;
    };
    let _ = m.flags;
    Some(Cand {
        start,
        end,
        t0,
        t1,
        kind,
        postings,
        key: key.to_string(),
        recog: 0.0,
        accepted: false,
        qualifier: None,
        container: None,
        dateline: false,
        reason: "",
    })
}

fn decide_demonym(text: &str, toks: &[Token], facts: &[Tok], c: &mut Cand, lw: &mut String) {
    // "in Russian", "speaks French", "French-language": the language, not the country.
    let prev = c.t0.checked_sub(1).map(|p| {
        lower_word(text, &toks[p], lw);
        lw.clone()
    });
    let next_word = toks.get(c.t1).map(|t| {
        let mut s = String::new();
        lower_word(text, t, &mut s);
        (s, t.is_wordlike() && !facts[c.t1].cap)
    });
    let language_prev = prev
        .as_deref()
        .is_some_and(|p| matches!(p, "speak" | "speaks" | "spoke" | "speaking" | "translated"));
    let in_bare = prev.as_deref() == Some("in") && !next_word.as_ref().is_some_and(|(_, w)| *w);
    let language_next = next_word.as_ref().is_some_and(|(w, _)| {
        matches!(
            w.as_str(),
            "language" | "languages" | "speaker" | "speakers" | "translation"
        )
    });
    c.accepted = !(language_prev || in_bare || language_next);
    c.recog = 0.8;
}

fn decide_name(
    gaz: &Gazetteer,
    text: &str,
    toks: &[Token],
    facts: &[Tok],
    surnames: &HashSet<String>,
    c: &mut Cand,
    lw: &mut String,
) {
    let tier = tier_of(gaz, &c.postings);
    // "US" and "U.S." are not the pronoun: only a word written like a word is common.
    let surface = text.get(c.start as usize..c.end as usize).unwrap_or("");
    let common = gaz
        .lookup_key(&c.key)
        .is_some_and(|m| m.flags & key_flags::COMMON_WORD != 0)
        && c.t1 - c.t0 == 1
        && surface.chars().any(char::is_lowercase)
        && !surface.contains('.');
    let f0 = facts[c.t0];
    let ambiguous_case = f0.sent_start || f0.title_line;
    let multiword = c.t1 - c.t0 > 1;

    // Left context.
    let (mut cue_left, mut title_left, mut given_left, mut cap_left) = (false, false, false, false);
    let mut said_left = false;
    if c.t0 > 0 {
        let p = c.t0 - 1;
        lower_word(text, &toks[p], lw);
        let adjacent = joined(text, &toks[p], &toks[c.t0]);
        // "…," said Noma. / says Noma,
        said_left = matches!(lw.as_str(), "said" | "says")
            && toks
                .get(c.t1)
                .is_none_or(|t| matches!(t.text(text), "." | "," | ";"));
        cue_left = is_place_cue(lw);
        title_left = adjacent && is_title(lw) && facts[p].cap;
        given_left = adjacent && facts[p].cap && given_names().contains(lw.as_str());
        cap_left = adjacent
            && facts[p].cap
            && !facts[p].in_place
            && !is_function_word(lw)
            && !(facts[p].sent_start && facts[p].title_line);
        // "the city of X", "the town of X"
        if lw == "of" && c.t0 >= 2 {
            lower_word(text, &toks[c.t0 - 2], lw);
            if matches!(
                lw.as_str(),
                "city"
                    | "town"
                    | "village"
                    | "province"
                    | "state"
                    | "county"
                    | "region"
                    | "outskirts"
                    | "suburbs"
                    | "edge"
                    | "capital"
                    | "center"
                    | "centre"
                    | "heart"
                    | "north"
                    | "south"
                    | "east"
                    | "west"
                    | "northeast"
                    | "northwest"
                    | "southeast"
                    | "southwest"
                    | "people"
                    | "residents"
                    | "governor"
                    | "mayor"
            ) {
                cue_left = true;
            }
        }
    }
    // Right context.
    let (mut cap_right, mut org_right, mut saying, mut qualified) = (false, false, false, false);
    let mut civic_right = false;
    let mut disease = false;
    if c.t1 < toks.len() {
        let n = c.t1;
        lower_word(text, &toks[n], lw);
        let adjacent = joined(text, &toks[c.t1 - 1], &toks[n]);
        cap_right = adjacent && facts[n].cap && !is_function_word(lw);
        civic_right = adjacent
            && facts[n].cap
            && matches!(
                lw.as_str(),
                "police" | "mayor" | "town" | "city" | "village" | "township" | "sheriff"
            );
        org_right = adjacent && is_org_head(lw);
        saying = is_saying(lw);
        disease = matches!(
            lw.as_str(),
            "virus"
                | "ebolavirus"
                | "fever"
                | "flu"
                | "influenza"
                | "disease"
                | "strain"
                | "syndrome"
                | "encephalitis"
        );
        if toks[n].text(text) == ","
            && n + 1 < toks.len()
            && (facts[n + 1].cap || facts[n + 1].caps)
        {
            // ", Texas" / ", Ga." / ", France": checked by a lookup.
            let mut k = String::new();
            let mut t1 = n + 2;
            while t1 <= toks.len() && t1 <= n + 4 {
                k.clear();
                normalize_into(
                    text.get(toks[n + 1].start as usize..toks[t1 - 1].end as usize)
                        .unwrap_or(""),
                    &mut k,
                );
                if let Some(m) = gaz.lookup_key(&k) {
                    if m.postings().any(|p| {
                        let e = gaz.entry(p.entry);
                        matches!(e.kind, Kind::Country | Kind::Admin1)
                    }) {
                        qualified = true;
                        break;
                    }
                }
                t1 += 1;
            }
        }
    }
    let given_self = !multiword
        && gaz
            .lookup_key(&c.key)
            .is_some_and(|m| m.flags & key_flags::GIVEN_NAME != 0);
    // "St. Patrick's Day", "St. John's church": a saint, not a place.
    let saint =
        c.key.starts_with("saint ") && toks.get(c.t1).is_some_and(|t| t.kind == TokenKind::Clitic);
    let surname = !multiword && {
        lower_word(text, &toks[c.t0], lw);
        surnames.contains(lw.as_str())
    };
    // A capitalized word before it makes it part of a person's or an organization's name
    // ("Mary Webb", "Fox News"); one after it usually makes it a modifier of a longer name
    // that is still about the place ("Laurel County Fiscal Court", "Springfield Police").
    let embedded = cap_left;

    let (accept, recog, reason) = if title_left || given_left {
        (false, 0.0, "person: title or given name before")
    } else if saint && !big_place(gaz, &c.postings) {
        (false, 0.0, "saint")
    } else if given_self && !cue_left && !qualified && !big_area(gaz, &c.postings) {
        if cap_right {
            (false, 0.0, "given name before a capitalized word")
        } else {
            (false, 0.0, GIVEN)
        }
    } else if disease && !big_area(gaz, &c.postings) {
        (false, 0.0, "names a disease or virus")
    } else if c.dateline {
        (true, 0.95, "dateline")
    } else {
        match tier {
            Tier::A => {
                if ambiguous_case && common && !cue_left && !qualified {
                    (false, 0.0, WEAK_CASE)
                } else if common && cap_right && !cue_left {
                    (false, 0.0, "A: common word in a longer name")
                } else if embedded || cap_right {
                    (true, 0.8, "A: in a longer name")
                } else if (saying || said_left) && !multiword && !cue_left && !qualified {
                    // Kept, unless the text names a person so elsewhere (`demote_people`).
                    (true, 0.9, A_SPEAKING)
                } else {
                    (true, 0.95, "A")
                }
            }
            Tier::B => {
                if surname && !qualified {
                    (false, 0.0, "B: surname")
                } else if embedded && !qualified {
                    (false, 0.0, "B: after a capitalized word")
                } else if common && ambiguous_case && !cue_left && !qualified {
                    (false, 0.0, WEAK_CASE)
                } else if saying && !multiword && !cue_left {
                    (false, 0.0, SAYING)
                } else if said_left && !multiword {
                    (false, 0.0, "B: after a verb of saying")
                } else if cap_right && !org_right && !multiword && !cue_left {
                    (true, 0.6, "B: modifier of a longer name")
                } else if cue_left || qualified || multiword {
                    (true, 0.85, "B: cue")
                } else {
                    (true, 0.75, "B")
                }
            }
            Tier::C => {
                let alternate_only = c
                    .postings
                    .iter()
                    .all(|p| p.flags & (name_flags::PRIMARY | name_flags::ENGLISH) == 0);
                // "Douma" for Dūmā (111,000 people): the English spelling of a sizeable
                // town is often only an alternate name; short ones are too often words of
                // another language ("Tour", "Do").
                let known_spelling = letter_count(surface) >= 5
                    && c.postings.iter().any(|p| {
                        let e = gaz.entry(p.entry);
                        e.kind == Kind::City && e.population >= 100_000
                    });
                if alternate_only && !qualified && !known_spelling {
                    (false, 0.0, ALTERNATE_ONLY)
                } else if (surname || embedded || saying || said_left) && !qualified {
                    (false, 0.0, "C: surname/embedded/saying")
                } else if cap_right && !multiword && !qualified {
                    if civic_right {
                        (false, 0.0, C_CIVIC)
                    } else {
                        (false, 0.0, "C: modifier of a longer name")
                    }
                } else if common && !cue_left && !qualified {
                    (false, 0.0, "C: common word")
                } else if qualified || cue_left {
                    (true, 0.75, "C: cue")
                } else if ambiguous_case && !multiword {
                    (false, 0.0, WEAK_CASE)
                } else {
                    (true, 0.6, "C")
                }
            }
        }
    };
    c.reason = reason;
    c.accepted = accept;
    c.recog = recog;
}

/// Applies NER output: a candidate strictly inside a person's name is not a place ("Linda"
/// in "Linda Daily", "Obama" in "Barack Obama").
///
/// Only that. Measured on the four geoparsing dev corpora, every other use of the entities
/// cost more than it gave: a PER entity that is exactly the candidate ("Clinton", "Henderson",
/// "Glen Carbon") is as often the town as the person, ORG entities vetoed places inside
/// "Gainesville Police", and LOC/GPE entities added more false toponyms than missed ones.
///
/// `cands` are in text order: the ones inside a name are found by binary search (a scan of
/// every candidate per name made long documents quadratic).
fn apply_entities(text: &str, cands: &mut [Cand], ents: &[Entity]) {
    for e in ents.iter().filter(|e| e.label == EntityLabel::Per) {
        // "Gainesville’s" tagged as a person is no longer a name than "Gainesville".
        let surface = text.get(e.start as usize..e.end as usize).unwrap_or("");
        let bare = surface
            .strip_suffix("'s")
            .or_else(|| surface.strip_suffix("\u{2019}s"))
            .unwrap_or(surface);
        let end = e.start + bare.len() as u32;
        let from = cands.partition_point(|c| c.start < e.start);
        for c in cands[from..].iter_mut().take_while(|c| c.start < end) {
            if c.start < e.start || c.end > end || c.end - c.start == end - e.start {
                continue;
            }
            // "D-Chicopee", "R-Elbow Lake" tagged as a person: a party and a hometown.
            let before = text.get(e.start as usize..c.start as usize).unwrap_or("");
            if matches!(before, "D-" | "R-" | "I-") {
                continue;
            }
            // "Titus County Sheriff's Office", "Gainesville Police" tagged as a person: a
            // local institution right after the place says the tagger is wrong.
            let rest = text.get(c.end as usize..end as usize).unwrap_or("");
            if rest
                .split_whitespace()
                .next()
                .is_some_and(|w| is_local_institution(&w.to_lowercase()))
            {
                continue;
            }
            c.accepted = false;
            // A first or last name ("Linda Daily", "Vincent J. Fumo") is the person's; a word
            // in the middle is more often a tagger's mistake ("Old Alton Edwardsville Road").
            c.reason = if c.start == e.start || c.end == end {
                "inside a person's name"
            } else {
                "inside a longer name tagged as a person"
            };
        }
    }
}

/// "Clarke" in an article that names "Clarke County": the short form of a name the text
/// gives in full is that place, though GeoNames has it only as an alternate name.
fn accept_short_forms(cands: &mut [Cand]) {
    let full: Vec<(String, Vec<EntryId>)> = cands
        .iter()
        .filter(|c| c.accepted && c.kind == MentionKind::Name && c.t1 - c.t0 > 1)
        .map(|c| (c.key.clone(), c.postings.iter().map(|p| p.entry).collect()))
        .collect();
    if full.is_empty() {
        return;
    }
    for c in cands.iter_mut() {
        if c.accepted || c.kind != MentionKind::Name || c.reason != ALTERNATE_ONLY {
            continue;
        }
        let Some((_, entries)) = full.iter().find(|(k, entries)| {
            k.strip_prefix(c.key.as_str())
                .is_some_and(|rest| rest.starts_with(' '))
                && c.postings.iter().any(|p| entries.contains(&p.entry))
        }) else {
            continue;
        };
        c.postings.retain(|p| entries.contains(&p.entry));
        c.accepted = true;
        c.recog = 0.75;
        c.reason = "short form of a name in the text";
    }
}

/// "Dublin City Council", "Dublin City Manager": "City" belongs to the institution and the
/// place is Dublin, unless "X City" is itself a city's name ("Kansas City Council"); GeoNames
/// names some districts "X City" (Dublin City, Ireland), which matched instead.
fn city_of_institution(
    gaz: &Gazetteer,
    text: &str,
    toks: &[Token],
    facts: &[Tok],
    i: usize,
    t1: &mut usize,
    key: &mut String,
) {
    let Some(short) = key.strip_suffix(" city") else {
        return;
    };
    let Some(next) = toks.get(*t1) else {
        return;
    };
    let institution = matches!(
        next.text(text),
        "Council" | "Manager" | "Hall" | "Commission" | "Schools" | "Police" | "Clerk"
    );
    if !institution || !facts[*t1].cap || *t1 - i < 2 {
        return;
    }
    let Some(m) = gaz.lookup_key(key) else {
        return;
    };
    let a_city_name = m
        .postings()
        .any(|p| gaz.entry(p.entry).kind == Kind::City && p.flags & name_flags::PRIMARY != 0);
    if a_city_name || gaz.lookup_key(short).is_none() {
        return;
    }
    *key = short.to_string();
    *t1 -= 1;
}

/// Words that follow a place in the name of its local government ("Henry County Sheriff's
/// Office", "Moore County District Attorney").
fn is_local_institution(lower: &str) -> bool {
    matches!(
        lower.trim_end_matches(['\'', '\u{2019}', 's']),
        "police"
            | "sheriff"
            | "district"
            | "council"
            | "court"
            | "commission"
            | "department"
            | "office"
            | "fire"
            | "general"
            | "school"
            | "board"
            | "township"
            | "parish"
    )
}

/// Reasons that say a one-word name is a person here.
const PERSON_REASONS: [&str; 4] = [
    "person: title or given name before",
    "B: surname",
    "B: after a verb of saying",
    "inside a person's name",
];
/// A weaker sign, which counts only when it is seen twice: "Robertson said … Robertson said",
/// but not "Gainesville says “no” to discrimination".
const SAYING: &str = "B: before a verb of saying";

/// One sense per discourse, for people: a one-word name the text uses as a person somewhere
/// ("Former State Sen. Vincent J. Fumo", "said Noma", "Robertson said" twice) is that person
/// wherever it stands without a cue of its own ("Fumo is free on bail"). Big places (tier A)
/// and names with a cue or qualifier keep their reading ("Jackson, Miss.").
fn demote_people(cands: &mut [Cand]) {
    // Per name: whether a strong sign says it is a person here, and how many weak ones.
    let mut signs: HashMap<String, (bool, u32)> = HashMap::new();
    for c in cands.iter() {
        if c.kind != MentionKind::Name || c.t1 - c.t0 != 1 || c.accepted {
            continue;
        }
        if PERSON_REASONS.contains(&c.reason) {
            signs.entry(c.key.clone()).or_default().0 = true;
        } else if c.reason == SAYING {
            signs.entry(c.key.clone()).or_default().1 += 1;
        }
    }
    if signs.is_empty() {
        return;
    }
    for c in cands.iter_mut() {
        if !c.accepted || c.t1 - c.t0 != 1 {
            continue;
        }
        let Some(&(strong, sayings)) = signs.get(&c.key) else {
            continue;
        };
        // "Mayor John Manchester … Manchester said": even a big city's name speaks only as
        // a person, when the text names that person.
        let speaking = c.reason == A_SPEAKING && strong;
        if (strong || sayings >= 2) && (is_uncued(c.reason) || speaking) {
            c.accepted = false;
            c.reason = "a person elsewhere in the text";
        }
    }
}

/// Whether a kept name has no cue of its own (no "in", no qualifier, no dateline): the
/// readings that other evidence in the text may overrule.
pub(crate) fn is_uncued(reason: &str) -> bool {
    matches!(
        reason,
        "B" | "C" | "B: modifier of a longer name" | "kept elsewhere in the text"
    )
}

/// Facilities: a capitalized run ending in a facility noun, placed at a place named inside
/// it ("Kabul International Airport"), right before it ("Moscow's Crocus City Hall") or after
/// it in the sentence ("… on the western edge of Moscow").
fn find_facilities(
    text: &str,
    toks: &[Token],
    facts: &[Tok],
    cands: &mut Vec<Cand>,
    lw: &mut String,
) {
    let mut added = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if !facts[i].cap || facts[i].title_line {
            i += 1;
            continue;
        }
        // The run of capitalized words (with "of", "the") from i.
        let mut j = i + 1;
        while j < toks.len() && joined(text, &toks[j - 1], &toks[j]) {
            lower_word(text, &toks[j], lw);
            if facts[j].cap
                || ((lw == "of" || lw == "the") && j + 1 < toks.len() && facts[j + 1].cap)
            {
                j += 1;
            } else {
                break;
            }
        }
        lower_word(text, &toks[j - 1], lw);
        if j - i < 2 || !is_facility_head(lw) {
            i = j;
            continue;
        }
        // Skip a leading function word capitalized at sentence start ("The", "At").
        let mut s = i;
        lower_word(text, &toks[s], lw);
        while s < j - 1 && is_function_word(lw) {
            s += 1;
            lower_word(text, &toks[s], lw);
        }
        if j - s < 2 {
            i = j;
            continue;
        }
        let (fs, fe) = (toks[s].start, toks[j - 1].end);
        // A place match that covers the whole run is a place, not a facility.
        if cands
            .iter()
            .any(|c| c.accepted && c.start <= fs && c.end >= fe)
        {
            i = j;
            continue;
        }
        let place_at = |lo: u32, hi: u32| {
            cands.iter().position(|c| {
                c.accepted && c.kind == MentionKind::Name && c.start >= lo && c.end <= hi
            })
        };
        // Inside the run.
        let mut container = place_at(fs, fe);
        // "Moscow's Crocus City Hall": a place and a possessive right before.
        if container.is_none() && s >= 2 && toks[s - 1].kind == TokenKind::Clitic {
            container = cands
                .iter()
                .position(|c| c.accepted && c.kind == MentionKind::Name && c.t1 == s - 1);
        }
        // After it in the same sentence, behind a locative phrase.
        if container.is_none() {
            let mut k = j;
            let mut saw_locative = false;
            while k < toks.len() && k < j + 12 {
                let w = toks[k].text(text);
                if matches!(w, "." | "!" | "?" | ";") {
                    break;
                }
                lower_word(text, &toks[k], lw);
                if matches!(
                    lw.as_str(),
                    "in" | "near"
                        | "outside"
                        | "of"
                        | "at"
                        | "on"
                        | "inside"
                        | "north"
                        | "south"
                        | "east"
                        | "west"
                        | "northeast"
                        | "northwest"
                        | "southeast"
                        | "southwest"
                ) {
                    saw_locative = true;
                }
                if saw_locative {
                    if let Some(ci) = cands
                        .iter()
                        .position(|c| c.accepted && c.kind == MentionKind::Name && c.t0 == k)
                    {
                        container = Some(ci);
                        break;
                    }
                }
                k += 1;
            }
        }
        if let Some(ci) = container {
            added.push(Cand {
                start: fs,
                end: fe,
                t0: s,
                t1: j,
                kind: MentionKind::Facility,
                postings: Vec::new(),
                key: String::new(),
                recog: 0.7,
                accepted: true,
                qualifier: None,
                container: Some(ci),
                dateline: false,
                reason: "facility",
            });
        }
        i = j;
    }
    // Appended (not sorted in) so container indices stay valid.
    cands.extend(added);
}

/// Words that end a street name.
fn is_street_suffix(w: &str) -> bool {
    matches!(
        w,
        "Street"
            | "St."
            | "Road"
            | "Rd."
            | "Avenue"
            | "Ave."
            | "Av."
            | "Drive"
            | "Dr."
            | "Boulevard"
            | "Blvd."
            | "Blvd"
            | "Lane"
            | "Ln."
            | "Parkway"
            | "Pkwy."
            | "Highway"
            | "Hwy."
            | "Trail"
            | "Circle"
            | "Pike"
            | "Bypass"
            | "Freeway"
            | "Expressway"
            | "Turnpike"
            | "Terrace"
            | "Crescent"
            | "Alley"
            | "Causeway"
    )
}

/// Words that, followed by a number, name a road ("Highway 19", "Interstate 45").
fn is_road_prefix(w: &str) -> bool {
    matches!(
        w,
        "Highway"
            | "Hwy."
            | "Interstate"
            | "Route"
            | "Rte."
            | "Road"
            | "U.S."
            | "US"
            | "SR"
            | "State Route"
            | "County Road"
            | "State Highway"
            | "Loop"
            | "Farm"
    )
}

/// Streets and roads: a run of capitalized words (or an ordinal) ending in a street word,
/// or a road word and a number. A gazetteer match inside one ("Wichita Drive") is the
/// street's, not a mention of the city.
fn find_streets(text: &str, toks: &[Token], facts: &[Tok], cands: &mut Vec<Cand>, lw: &mut String) {
    let mut streets: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let w = toks[i].text(text);
        // "Highway 19", "County Road 225", "U.S. 321"
        if is_road_prefix(w)
            || (i + 1 < toks.len() && is_road_prefix(&format!("{} {}", w, toks[i + 1].text(text))))
        {
            let two = !is_road_prefix(w);
            let n = if two { i + 2 } else { i + 1 };
            if n < toks.len()
                && toks[n].kind == TokenKind::Number
                && joined(text, &toks[n - 1], &toks[n])
                && toks[n].text(text).bytes().all(|b| b.is_ascii_digit())
                && facts[i].cap
            {
                streets.push((i, n + 1));
                i = n + 1;
                continue;
            }
        }
        let suffix = is_street_suffix(w)
            || (w == "St" || w == "Rd" || w == "Ave")
                && toks.get(i + 1).is_some_and(|t| t.text(text) == ".");
        if suffix && i > 0 && facts[i].cap {
            // Walk back over the name: capitalized words, ordinals, initials.
            let mut s = i;
            while s > 0 && i - s < 5 && joined(text, &toks[s - 1], &toks[s]) {
                let p = &toks[s - 1];
                let pw = p.text(text);
                lower_word(text, p, lw);
                let ordinal = p.kind == TokenKind::Word
                    && pw.chars().next().is_some_and(|c| c.is_ascii_digit())
                    && ["st", "nd", "rd", "th"].iter().any(|x| pw.ends_with(x));
                let ok = (facts[s - 1].cap && !is_function_word(lw))
                    || ordinal
                    || p.kind == TokenKind::Clitic
                    || matches!(
                        lw.as_str(),
                        "n" | "s" | "e" | "w" | "north" | "south" | "east" | "west"
                    );
                // "Augusta's Highland Avenue": a place's possessive is not part of the street.
                let place_owns = p.kind == TokenKind::Clitic
                    && s >= 2
                    && cands.iter().any(|c| {
                        c.accepted && c.start <= toks[s - 2].start && c.end >= toks[s - 2].end
                    });
                if !ok || place_owns {
                    break;
                }
                s -= 1;
            }
            if s < i {
                let mut e = i + 1;
                // "St." written "St" + "."
                if !w.ends_with('.')
                    && toks
                        .get(i + 1)
                        .is_some_and(|t| t.text(text) == "." && t.start == toks[i].end)
                    && matches!(w, "St" | "Rd" | "Ave")
                {
                    e += 1;
                }
                streets.push((s, e));
            }
        }
        i += 1;
    }
    if streets.is_empty() {
        return;
    }
    for &(s, e) in &streets {
        let (start, end) = (toks[s].start, toks[e - 1].end);
        // A whole accepted place name (a country, a city) is not a street.
        if cands
            .iter()
            .any(|c| c.accepted && c.start <= start && c.end >= end)
        {
            continue;
        }
        // "Florida Highway Patrol": a state's highway agency, not a street.
        let suffix = toks[e - 1].text(text);
        if matches!(suffix, "Highway" | "Hwy.")
            && cands.iter().any(|c| {
                c.accepted && c.start == start && c.t1 + 1 == e && c.kind == MentionKind::Name
            })
        {
            continue;
        }
        for c in cands.iter_mut() {
            if c.accepted && c.start >= start && c.end <= end {
                c.accepted = false;
                c.reason = "inside a street name";
            }
        }
        cands.push(Cand {
            start,
            end,
            t0: s,
            t1: e,
            kind: MentionKind::Street,
            postings: Vec::new(),
            key: String::new(),
            recog: 0.6,
            accepted: true,
            qualifier: None,
            container: None,
            dateline: false,
            reason: "street",
        });
    }
    cands.sort_by_key(|c| (c.start, std::cmp::Reverse(c.end)));
}

#[cfg(test)]
mod tests {
    use super::is_dotted_initials;

    #[test]
    fn dotted_initials() {
        for s in ["S.C.", "D.C.", "N.D.", "U.S.A."] {
            assert!(is_dotted_initials(s), "{s}");
        }
        for s in ["SC", "S.C", "Mass.", "W. Va.", "s.c.", "S.", "É.U."] {
            assert!(!is_dotted_initials(s), "{s}");
        }
    }
}
