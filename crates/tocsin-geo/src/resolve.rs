//! Toponym resolution: one GeoNames feature per recognized name, chosen with context.
//!
//! Mentions with the same name share one reading in an article ("one sense per discourse")
//! unless the text qualifies one of them ("Paris, Texas"). Each reading starts from a prior:
//! how prominent the feature is (population, and kind: a country over a village of the same
//! name; a national capital over a state) and how it is named (its own name over an alternate
//! or historical one). Context then moves it:
//!
//! 1. a qualifier fixes both names jointly when one contains the other ("Tripoli, Lebanon");
//! 2. the countries and first-level divisions the article names elsewhere (counted from a
//!    first, prior-only pass, each name's own vote left out), the dateline counting double;
//! 3. closeness to the other places the article names (cities and counties);
//! 4. the country of the publishing site, when known.
//!
//! The confidence is the softmax probability of the chosen reading among the candidates,
//! times the recognition confidence. A name that only resolves to a country is reported with
//! precision `country`: nothing here places a city-level event at a country's point.

use std::collections::{BTreeMap, HashMap};

use tocsin_nlp::tokenize::Token;

use crate::gazetteer::{entry_flags, name_flags, EntryId, Gazetteer, Kind};
use crate::recognize::{is_uncued, Cand, MentionKind};
use crate::{DocContext, GeocoderOptions, Geoparse, Mention, Place, Precision};

/// Great-circle distance in km.
pub(crate) fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0088 * h.sqrt().min(1.0).asin()
}

/// How prominent a feature is, on a log10-of-people scale, before any context.
fn prior(gaz: &Gazetteer, id: EntryId, flags: u8) -> f32 {
    let e = gaz.entry(id);
    let lp = (e.population.max(1) as f32).log10();
    let base = match e.kind {
        Kind::Country => (lp + 2.0).max(6.5),
        Kind::HistoricCountry => 6.5,
        Kind::Continent => 10.0,
        Kind::Region => 7.5,
        Kind::Admin1 => (lp - 0.5).max(4.5),
        Kind::Admin2 => 4.0 + 0.8 * (1.0 + f32::from(e.cities)).log10(),
        Kind::City => {
            // A national capital is a little more likely than its population says. Only a
            // little: at ×100 (2.0), "Paris" beside Dallas stayed in France; 0.5 (×3) raised
            // acc@161 on two geoparsing dev corpora and lowered none (LGL 89.98 → 90.64,
            // TR-News 95.38 → 96.92, GeoWebNews and GeoVirus unchanged).
            let capital = if e.flags & entry_flags::CAPITAL != 0 {
                0.5
            } else {
                0.0
            };
            lp + capital
        }
        Kind::Water => 6.0,
        Kind::Island => 5.0,
        Kind::Landform => 4.5,
        Kind::Facility => 4.0,
        Kind::Locality => 2.0,
    };
    let mut adj = 0.0;
    if flags & (name_flags::PRIMARY | name_flags::ENGLISH) != 0 {
        adj += 1.0;
    } else if flags & name_flags::DEMONYM == 0 {
        // Only an alternate name (a transliteration, an old or local name).
        adj -= 1.5;
    }
    if flags & name_flags::HISTORIC != 0 {
        adj -= 1.5;
    }
    base + adj
}

/// Whether `inner` lies in `outer` (a country, a first-level division, or close to a point).
fn contained(gaz: &Gazetteer, inner: EntryId, outer: EntryId) -> bool {
    if inner == outer {
        return false;
    }
    let (i, o) = (gaz.entry(inner), gaz.entry(outer));
    match o.kind {
        Kind::Country | Kind::HistoricCountry => i.country == o.country && i.kind != Kind::Country,
        Kind::Admin1 => i.admin1 == Some(outer),
        Kind::Admin2 | Kind::City => {
            i.kind != Kind::Country
                && i.kind != Kind::Admin1
                && haversine_km(i.lat, i.lon, o.lat, o.lon) < 60.0
        }
        Kind::Continent | Kind::Region => false,
        _ => false,
    }
}

/// One reading of a group of mentions.
#[derive(Debug, Clone, Copy)]
struct Reading {
    entry: EntryId,
    flags: u8,
    prior: f32,
}

/// Mentions that share a reading.
#[derive(Debug)]
struct Group {
    cands: Vec<usize>,
    readings: Vec<Reading>,
    /// Chosen reading (index into `readings`) and its probability.
    choice: usize,
    prob: f32,
    /// Pass-1 probability of every reading.
    probs: Vec<f32>,
    /// Fixed by a qualifier.
    fixed: bool,
    demonym: bool,
    dateline: bool,
}

fn softmax_choice(scores: &[f32]) -> (usize, f32) {
    let mut best = 0;
    for (i, &s) in scores.iter().enumerate() {
        if s > scores[best] {
            best = i;
        }
    }
    let m = scores[best];
    let z: f32 = scores.iter().map(|&s| (s - m).exp()).sum();
    (best, 1.0 / z.max(1.0))
}

/// How many readings of a group count for coherence.
const MAX_SPOTS: usize = 40;
/// Distance scale of coherence (km).
const COHERENCE_KM: f32 = 30.0;
/// Largest bonus for readings that lie close to readings of the article's other names.
const COHERENCE_BONUS: f32 = 3.0;
/// Largest penalty for a reading in a country the article does not support while it
/// supports another.
const COUNTRY_MISMATCH: f32 = 1.5;

/// Whether two normalized names are one name with words added at its end ("dublin" and
/// "dublin city"); the same name in two groups (one qualified, one not) counts too.
fn is_variant(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    long.strip_prefix(short)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
}

fn is_specific(kind: Kind) -> bool {
    matches!(kind, Kind::City | Kind::Admin2 | Kind::Locality)
}

fn softmax(scores: &[f32]) -> Vec<f32> {
    let m = scores.iter().copied().fold(f32::MIN, f32::max);
    let ex: Vec<f32> = scores.iter().map(|&s| (s - m).exp()).collect();
    let z: f32 = ex.iter().sum();
    ex.into_iter()
        .map(|x| x / z.max(f32::MIN_POSITIVE))
        .collect()
}

/// Evidence that one group's reading gives the others.
#[derive(Debug, Clone, Copy)]
struct Vote {
    country: [u8; 2],
    country_w: f32,
    admin1: Option<EntryId>,
    admin1_w: f32,
}

fn votes_of(gaz: &Gazetteer, g: &Group) -> Vec<Vote> {
    let scale = if g.dateline { 2.0 } else { 1.0 };
    let mentions = 1.0 + 0.25 * (g.cands.len() as f32 - 1.0).min(4.0);
    let mut out = Vec::new();
    for (r, &p) in g.readings.iter().zip(&g.probs) {
        if p < 0.05 {
            continue;
        }
        let e = gaz.entry(r.entry);
        let (cw, a1, aw) = match e.kind {
            Kind::Country | Kind::HistoricCountry => (if g.demonym { 2.0 } else { 3.0 }, None, 0.0),
            Kind::Admin1 => (2.0, Some(r.entry), 3.0),
            Kind::City | Kind::Admin2 | Kind::Locality => (1.0, e.admin1, 2.0),
            _ => continue,
        };
        out.push(Vote {
            country: e.country,
            country_w: cw * p * scale * mentions,
            admin1: a1,
            admin1_w: aw * p * scale * mentions,
        });
    }
    out
}

/// Evidence → bonus on the log10 scale of the priors: it saturates, because ten mentions of
/// a country say little more than three do.
fn saturate(ev: f32, max: f32) -> f32 {
    max * (1.0 - (-ev / 2.0).exp())
}

/// Country evidence from the rest of an article above which a small place with no cue of its
/// own, read in a country nothing else in the article is in, is dropped as a stray: "Since
/// Obama took office" (Obama, Japan) or "Gruyère cheese" in an article about Ohio. Measured
/// on the geoparsing dev corpora: strict recognition F1 up on all four (LGL 84.53 → 84.73,
/// GeoWebNews 85.16 → 85.53, GeoVirus 85.70 → 85.89, TR-News 91.55 → 91.68).
const STRAY_EVIDENCE: f32 = 1.0;

/// Largest bonus for a reading in a country the article names (×30 in odds).
const COUNTRY_BONUS: f32 = 2.5;
/// Largest bonus for a reading in a first-level division the article names.
const ADMIN1_BONUS: f32 = 3.0;

pub(crate) fn resolve(
    gaz: &Gazetteer,
    text: &str,
    _toks: &[Token],
    cands: Vec<Cand>,
    ctx: &DocContext<'_>,
    opts: &GeocoderOptions,
    mut log: Option<&mut String>,
) -> Geoparse {
    // Groups: one per name key, a qualified mention on its own.
    let mut groups: Vec<Group> = Vec::new();
    let mut group_of: Vec<Option<usize>> = vec![None; cands.len()];
    let mut by_key: HashMap<(&str, bool), usize> = HashMap::new();
    for (ci, c) in cands.iter().enumerate() {
        if !c.accepted
            || matches!(c.kind, MentionKind::Facility | MentionKind::Street)
            || c.postings.is_empty()
        {
            continue;
        }
        let demonym = matches!(c.kind, MentionKind::Demonym | MentionKind::PluralDemonym);
        let gi = if c.qualifier.is_some() {
            None
        } else {
            by_key.get(&(c.key.as_str(), demonym)).copied()
        };
        let gi = match gi {
            Some(gi) => gi,
            None => {
                let mut readings: Vec<Reading> = Vec::with_capacity(c.postings.len());
                for p in &c.postings {
                    match readings.iter_mut().find(|r| r.entry == p.entry) {
                        Some(r) => r.flags |= p.flags,
                        None => readings.push(Reading {
                            entry: p.entry,
                            flags: p.flags,
                            prior: 0.0,
                        }),
                    }
                }
                for r in &mut readings {
                    r.prior = prior(gaz, r.entry, r.flags);
                }
                groups.push(Group {
                    cands: Vec::new(),
                    readings,
                    choice: 0,
                    prob: 0.0,
                    probs: Vec::new(),
                    fixed: false,
                    demonym,
                    dateline: false,
                });
                let gi = groups.len() - 1;
                if c.qualifier.is_none() {
                    by_key.insert((c.key.as_str(), demonym), gi);
                }
                gi
            }
        };
        groups[gi].cands.push(ci);
        groups[gi].dateline |= c.dateline;
        group_of[ci] = Some(gi);
    }

    // Pass 1: priors.
    for g in &mut groups {
        let scores: Vec<f32> = g.readings.iter().map(|r| r.prior).collect();
        let (b, p) = softmax_choice(&scores);
        g.choice = b;
        g.prob = p;
    }

    // Qualifiers fix both names jointly when one contains the other.
    for (ci, c) in cands.iter().enumerate() {
        let (Some(qi), Some(ga)) = (c.qualifier, group_of[ci]) else {
            continue;
        };
        let Some(gb) = group_of.get(qi).copied().flatten() else {
            continue;
        };
        if ga == gb {
            continue;
        }
        let mut best: Option<(f32, usize, usize)> = None;
        for (ia, ra) in groups[ga].readings.iter().enumerate() {
            for (ib, rb) in groups[gb].readings.iter().enumerate() {
                // Only a country or a division qualifies: "Paris, London" is a list.
                let qualifier_kind = matches!(
                    gaz.entry(rb.entry).kind,
                    Kind::Country | Kind::HistoricCountry | Kind::Admin1 | Kind::Admin2
                );
                if qualifier_kind && contained(gaz, ra.entry, rb.entry) {
                    let s = ra.prior + rb.prior;
                    if best.is_none_or(|(bs, _, _)| s > bs) {
                        best = Some((s, ia, ib));
                    }
                }
            }
        }
        if let Some((_, ia, ib)) = best {
            groups[ga].choice = ia;
            groups[ga].prob = 0.95;
            groups[ga].fixed = true;
            if !groups[gb].fixed {
                groups[gb].choice = ib;
                groups[gb].prob = groups[gb].prob.max(0.9);
                groups[gb].fixed = true;
            }
        }
    }

    // Pass-1 distributions over readings (one-hot for names a qualifier fixed).
    for g in &mut groups {
        g.probs = if g.fixed {
            (0..g.readings.len())
                .map(|i| if i == g.choice { 1.0 } else { 0.0 })
                .collect()
        } else {
            softmax(&g.readings.iter().map(|r| r.prior).collect::<Vec<_>>())
        };
    }
    // Evidence: every group votes with its reading distribution, so ten "Henry County"
    // readings, all in the US, vote for the US even before one of them is chosen.
    let votes: Vec<Vec<Vote>> = groups.iter().map(|g| votes_of(gaz, g)).collect();
    // Ordered maps: their values are summed below, and a sum taken in hash order differs
    // in its last bits from run to run.
    let mut country_ev: BTreeMap<[u8; 2], f32> = BTreeMap::new();
    let mut admin1_ev: BTreeMap<EntryId, f32> = BTreeMap::new();
    for v in votes.iter().flatten() {
        *country_ev.entry(v.country).or_default() += v.country_w;
        if let Some(a) = v.admin1 {
            *admin1_ev.entry(a).or_default() += v.admin1_w;
        }
    }
    // Points of each group's specific readings (cities, counties), most prominent first.
    let spots: Vec<Vec<(f64, f64)>> = groups
        .iter()
        .map(|g| {
            let mut rs: Vec<&Reading> = g
                .readings
                .iter()
                .enumerate()
                .filter(|(i, _)| !g.fixed || *i == g.choice)
                .map(|(_, r)| r)
                .filter(|r| is_specific(gaz.entry(r.entry).kind))
                .collect();
            rs.sort_by(|a, b| b.prior.total_cmp(&a.prior));
            rs.iter()
                .take(MAX_SPOTS)
                .map(|r| {
                    let e = gaz.entry(r.entry);
                    (e.lat, e.lon)
                })
                .collect()
        })
        .collect();
    let site: Option<[u8; 2]> = ctx.site_country.and_then(|s| {
        let b = s.as_bytes();
        (b.len() == 2).then(|| [b[0].to_ascii_uppercase(), b[1].to_ascii_uppercase()])
    });

    // Pass 2: context.
    let mut stray = vec![false; groups.len()];
    for gi in 0..groups.len() {
        if groups[gi].fixed {
            continue;
        }
        // Evidence without this group's own votes, nor those of groups whose name is a
        // variant of its own ("Dublin City Council" beside "Dublin"): both read the same
        // way for the same reason, and counting one as evidence for the other made the most
        // prominent reading confirm itself.
        let key = cands[groups[gi].cands[0]].key.as_str();
        let variants: Vec<usize> = (0..groups.len())
            .filter(|&hi| hi == gi || is_variant(key, &cands[groups[hi].cands[0]].key))
            .collect();
        let mut cev_map = country_ev.clone();
        let mut aev_map = admin1_ev.clone();
        for v in variants.iter().flat_map(|&hi| &votes[hi]) {
            if let Some(x) = cev_map.get_mut(&v.country) {
                *x = (*x - v.country_w).max(0.0);
            }
            if let Some(x) = v.admin1.and_then(|a| aev_map.get_mut(&a)) {
                *x = (*x - v.admin1_w).max(0.0);
            }
        }
        let top_country = cev_map.values().copied().fold(0.0f32, f32::max);
        let uncued = groups[gi]
            .cands
            .iter()
            .all(|&ci| is_uncued(cands[ci].reason));
        let is_stray = |entry: EntryId| {
            let e = gaz.entry(entry);
            let cev = cev_map.get(&e.country).copied().unwrap_or(0.0);
            uncued && is_specific(e.kind) && cev == 0.0 && top_country >= STRAY_EVIDENCE
        };
        if groups[gi].readings.len() < 2 {
            stray[gi] = is_stray(groups[gi].readings[0].entry);
            continue;
        }
        // Evidence counts by its share: a division named once in an article about another
        // one says little.
        let country_total: f32 = cev_map.values().sum::<f32>().max(1e-6);
        let admin1_total: f32 = aev_map.values().sum::<f32>().max(1e-6);
        let mut scores = Vec::with_capacity(groups[gi].readings.len());
        for r in &groups[gi].readings {
            let e = gaz.entry(r.entry);
            let mut s = r.prior;
            if e.country != [0, 0] {
                let cev = cev_map.get(&e.country).copied().unwrap_or(0.0);
                s += saturate(cev, COUNTRY_BONUS) * (cev / country_total).sqrt();
                // An article about somewhere else speaks against this country.
                s -= saturate((top_country - cev).max(0.0), COUNTRY_MISMATCH);
            }
            let a1 = if e.kind == Kind::Admin1 {
                Some(r.entry)
            } else {
                e.admin1
            };
            if let Some(a1) = a1 {
                let aev = aev_map.get(&a1).copied().unwrap_or(0.0);
                s += saturate(aev, ADMIN1_BONUS) * (aev / admin1_total).sqrt();
            }
            if is_specific(e.kind) {
                // Coherence: names whose readings lie close together ("Paris and Henry
                // County") explain each other, whichever readings pass 1 chose.
                let coslat = e.lat.to_radians().cos();
                let mut sum = 0.0f32;
                for (hi, pts) in spots.iter().enumerate() {
                    if variants.contains(&hi) {
                        continue;
                    }
                    let mut best = 0.0f32;
                    for &(lat, lon) in pts {
                        let dlat = lat - e.lat;
                        if dlat.abs() > 2.0 {
                            continue;
                        }
                        let mut dlon = (lon - e.lon).abs();
                        if dlon > 180.0 {
                            dlon = 360.0 - dlon;
                        }
                        let d = 111.2 * (dlat * dlat + (coslat * dlon).powi(2)).sqrt();
                        best = best.max((-(d as f32) / COHERENCE_KM).exp());
                    }
                    sum += best;
                }
                s += COHERENCE_BONUS * (1.0 - (-sum).exp());
            }
            if site == Some(e.country) {
                s += 1.0;
            }
            scores.push(s);
        }
        let (b, p) = softmax_choice(&scores);
        groups[gi].choice = b;
        groups[gi].prob = p;
        stray[gi] = is_stray(groups[gi].readings[b].entry);
        if let Some(log) = log.as_deref_mut() {
            use std::fmt::Write;
            let c = &cands[groups[gi].cands[0]];
            let _ = writeln!(
                log,
                "group {:?} ({} mentions):",
                c.key,
                groups[gi].cands.len()
            );
            let mut order: Vec<usize> = (0..scores.len()).collect();
            order.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]));
            for &ri in order.iter().take(6) {
                let r = &groups[gi].readings[ri];
                let e = gaz.entry(r.entry);
                let _ = writeln!(
                    log,
                    "    {:6.2} (prior {:5.2}) {} {:?} {} {} pop={} admin1={}",
                    scores[ri],
                    r.prior,
                    e.geonameid,
                    e.kind,
                    gaz.name(r.entry),
                    e.country_code(),
                    e.population,
                    e.admin1.map_or("", |a| gaz.name(a))
                );
            }
        }
    }
    if let Some(log) = log {
        use std::fmt::Write;
        let mut ev: Vec<_> = country_ev.iter().collect();
        ev.sort_by(|a, b| b.1.total_cmp(a.1));
        let _ = writeln!(
            log,
            "country evidence: {:?}",
            ev.iter()
                .map(|(c, w)| (String::from_utf8_lossy(&c[..]).to_string(), **w))
                .collect::<Vec<_>>()
        );
        let mut ev: Vec<_> = admin1_ev.iter().collect();
        ev.sort_by(|a, b| b.1.total_cmp(a.1));
        let _ = writeln!(
            log,
            "admin1 evidence: {:?}",
            ev.iter()
                .map(|(a, w)| (gaz.name(**a).to_string(), **w))
                .collect::<Vec<_>>()
        );
        for g in groups.iter().filter(|g| g.fixed || g.readings.len() < 2) {
            let c = &cands[g.cands[0]];
            if let Some(r) = g.readings.get(g.choice) {
                let e = gaz.entry(r.entry);
                let _ = writeln!(
                    log,
                    "group {:?}: {} {} {:?} {} (fixed={})",
                    c.key,
                    e.geonameid,
                    gaz.name(r.entry),
                    e.kind,
                    e.country_code(),
                    g.fixed
                );
            }
        }
    }

    let mut cands = cands;
    for (g, _) in groups.iter().zip(&stray).filter(|(_, &s)| s) {
        for &ci in &g.cands {
            cands[ci].accepted = false;
            cands[ci].reason = "stray: a town abroad in an article about another country";
        }
    }
    build_output(gaz, text, &cands, &groups, &group_of, opts)
}

fn build_output(
    gaz: &Gazetteer,
    text: &str,
    cands: &[Cand],
    groups: &[Group],
    group_of: &[Option<usize>],
    _opts: &GeocoderOptions,
) -> Geoparse {
    let mut out = Geoparse::default();
    let mut place_of_entry: HashMap<EntryId, usize> = HashMap::new();
    let mut place_of_cand: Vec<Option<usize>> = vec![None; cands.len()];
    // Mentions in text order (facilities were appended after the sort).
    let mut order: Vec<usize> = (0..cands.len()).filter(|&i| cands[i].accepted).collect();
    order.sort_by_key(|&i| (cands[i].start, cands[i].end));
    // Places for names first, so facilities can point at their containers.
    for &ci in &order {
        let c = &cands[ci];
        let Some(gi) = group_of[ci] else {
            continue;
        };
        let g = &groups[gi];
        let Some(r) = g.readings.get(g.choice) else {
            continue;
        };
        let e = gaz.entry(r.entry);
        let conf = (g.prob * c.recog).clamp(0.0, 1.0);
        let pi = *place_of_entry.entry(r.entry).or_insert_with(|| {
            out.places.push(Place {
                name: gaz.name(r.entry).to_string(),
                country: e.country_code().to_string(),
                admin1: None,
                lat: e.lat,
                lon: e.lon,
                geonameid: Some(e.geonameid),
                kind: e.kind,
                precision: Precision::of_kind(e.kind),
                confidence: 0.0,
                mentions: Vec::new(),
                demonym_mentions: Vec::new(),
                within: None,
            });
            out.places.len() - 1
        });
        let place = &mut out.places[pi];
        place.confidence = place.confidence.max(conf);
        let span = (c.start, c.end);
        match c.kind {
            MentionKind::Name => {
                place.mentions.push(span);
                // Divisions carry local-language names in GeoNames ("Moskva",
                // "Chechenskaya Respublika"): name them as the text does.
                if matches!(e.kind, Kind::Admin1 | Kind::Admin2)
                    && place.mentions.len() == 1
                    && r.flags & name_flags::PRIMARY == 0
                    && r.flags & (name_flags::ACRONYM | name_flags::ABBREV | name_flags::CONTEXT)
                        == 0
                {
                    if let Some(s) = text.get(c.start as usize..c.end as usize) {
                        place.name = s.to_string();
                    }
                }
            }
            _ => place.demonym_mentions.push(span),
        }
        place_of_cand[ci] = Some(pi);
        out.mentions.push(Mention {
            start: c.start,
            end: c.end,
            kind: c.kind,
            place: pi,
        });
    }
    // Admin1 names.
    for p in &mut out.places {
        let Some(id) = p.geonameid.and_then(|g| gaz.by_geonameid(g)) else {
            continue;
        };
        let e = gaz.entry(id);
        p.admin1 = match e.kind {
            Kind::Admin1 => Some(p.name.clone()),
            _ => e.admin1.map(|a| gaz.name(a).to_string()),
        };
    }
    // Facilities and streets, at their container's point: the place the text names with
    // them, else the nearest town named before them (after them, when none is).
    let specific = |pi: usize, places: &[Place]| {
        matches!(places[pi].kind, Kind::City | Kind::Admin2 | Kind::Locality)
            && places[pi].precision != Precision::Facility
    };
    for &ci in &order {
        let c = &cands[ci];
        if !matches!(c.kind, MentionKind::Facility | MentionKind::Street) {
            continue;
        }
        let mut cpi = c
            .container
            .and_then(|k| place_of_cand.get(k).copied().flatten());
        if cpi.is_none() {
            let before = order
                .iter()
                .rev()
                .filter(|&&k| cands[k].end <= c.start)
                .find_map(|&k| place_of_cand[k].filter(|&pi| specific(pi, &out.places)));
            let after = || {
                order
                    .iter()
                    .filter(|&&k| cands[k].start >= c.end)
                    .find_map(|&k| place_of_cand[k].filter(|&pi| specific(pi, &out.places)))
            };
            cpi = before.or_else(after);
        }
        let Some(cpi) = cpi else {
            continue;
        };
        let container = out.places[cpi].clone();
        let name = text
            .get(c.start as usize..c.end as usize)
            .unwrap_or("")
            .to_string();
        let existing = out
            .places
            .iter()
            .position(|p| p.geonameid.is_none() && p.name == name);
        let pi = match existing {
            Some(pi) => pi,
            None => {
                out.places.push(Place {
                    name,
                    country: container.country.clone(),
                    admin1: container.admin1.clone(),
                    lat: container.lat,
                    lon: container.lon,
                    geonameid: None,
                    kind: container.kind,
                    // Placed at a town: a facility-level place; placed only at a country or
                    // a state: say so, never a silent centroid.
                    precision: if container.precision <= Precision::Admin2 {
                        Precision::Facility
                    } else {
                        container.precision
                    },
                    confidence: (container.confidence * c.recog).clamp(0.0, 1.0),
                    mentions: Vec::new(),
                    demonym_mentions: Vec::new(),
                    within: Some(container.name.clone()),
                });
                out.places.len() - 1
            }
        };
        out.places[pi].mentions.push((c.start, c.end));
        out.mentions.push(Mention {
            start: c.start,
            end: c.end,
            kind: c.kind,
            place: pi,
        });
    }
    out.mentions.sort_by_key(|m| (m.start, m.end));
    // Places in order of first mention.
    let mut idx: Vec<usize> = (0..out.places.len()).collect();
    let first = |p: &Place| {
        p.mentions
            .iter()
            .chain(p.demonym_mentions.iter())
            .map(|m| m.0)
            .min()
            .unwrap_or(u32::MAX)
    };
    idx.sort_by_key(|&i| first(&out.places[i]));
    let mut remap = vec![0usize; idx.len()];
    for (new, &old) in idx.iter().enumerate() {
        remap[old] = new;
    }
    let mut places: Vec<Option<Place>> = out.places.into_iter().map(Some).collect();
    out.places = idx.iter().filter_map(|&i| places[i].take()).collect();
    for m in &mut out.mentions {
        m.place = remap[m.place];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::is_variant;

    #[test]
    fn variants_are_a_name_with_words_added_at_its_end() {
        assert!(is_variant("dublin", "dublin city"));
        assert!(is_variant("dublin city", "dublin"));
        assert!(is_variant("paris", "paris"));
        assert!(!is_variant("paris", "parish"));
        assert!(!is_variant("new york", "york"));
        assert!(!is_variant("georgia", "south georgia"));
    }
}
