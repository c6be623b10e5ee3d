//! Merging the mentions of one incident into one event, and settling its fields.
//!
//! Mentions are taken in text order; each joins the most recent event it is compatible with
//! (same kind of event, no conflicting date, no conflicting country), else starts a new one.
//! Most recent, because news writes about an incident in a run of sentences and recalls older
//! ones in passing ("after the 2021 bombing at …").

use crate::casualty::{Toll, TollRole};
use crate::lexicon::{trigger_at, TriggerKind};
use crate::mention::{DateCand, Mention, MentionKind};
use crate::Doc;
use tocsin_model::{Event, EventType, Figure, Perpetrator, Role};
use tocsin_nlp::timex::Precision;

/// One incident being assembled.
struct Draft {
    mentions: Vec<Mention>,
}

impl Draft {
    fn typed(&self) -> Option<EventType> {
        self.mentions.iter().find_map(|m| match m.kind {
            MentionKind::Typed(t) => Some(t),
            _ => None,
        })
    }

    fn is_violent(&self) -> bool {
        self.mentions.iter().all(|m| m.kind.is_violent())
    }

    fn dates(&self) -> impl Iterator<Item = &DateCand> {
        self.mentions.iter().filter_map(|m| m.date.as_ref())
    }

    /// Countries named outright ("in Syria"): a city-level place in another country is more
    /// often a wrong resolution than another incident, so only country names separate events.
    fn countries(&self) -> impl Iterator<Item = &str> {
        self.mentions
            .iter()
            .filter_map(|m| m.place.as_ref())
            .filter(|(p, _)| !p.demonym && p.rank == 5)
            .filter_map(|(p, _)| p.place.country.as_deref())
    }
}

fn overlaps(a: &DateCand, b: &DateCand) -> bool {
    match (
        a.time.start_date,
        a.time.end_date,
        b.time.start_date,
        b.time.end_date,
    ) {
        (Some(a0), Some(a1), Some(b0), Some(b1)) => a0 <= b1 && b0 <= a1,
        _ => true,
    }
}

fn compatible(d: &Draft, m: &Mention) -> bool {
    if d.is_violent() != m.kind.is_violent() {
        return false;
    }
    if let (Some(t), MentionKind::Typed(u)) = (d.typed(), m.kind) {
        if t != u {
            return false;
        }
    }
    if let Some(md) = &m.date {
        if d.dates().any(|dd| !overlaps(dd, md)) {
            return false;
        }
    }
    if let Some((p, _)) = m.place.as_ref().filter(|(p, _)| p.rank == 5) {
        if let (false, Some(c)) = (p.demonym, p.place.country.as_deref()) {
            if d.countries().any(|dc| dc != c) {
                return false;
            }
        }
    }
    // A bare toll joins only an event of its own paragraph or the one before.
    if m.kind == MentionKind::Toll && m.tolls.is_empty() {
        return false;
    }
    if m.kind == MentionKind::Toll {
        let last = d.mentions.last().map_or(0, |x| x.para);
        return m.para <= last + 1;
    }
    true
}

/// Merges mentions into events.
pub fn merge(doc: &Doc<'_>, mentions: Vec<Mention>) -> Vec<Event> {
    let mut drafts: Vec<Draft> = Vec::new();
    for m in mentions {
        match drafts.iter_mut().rev().find(|d| compatible(d, &m)) {
            Some(d) => d.mentions.push(m),
            None => drafts.push(Draft { mentions: vec![m] }),
        }
    }
    let main = drafts
        .iter()
        .enumerate()
        .filter(|(_, d)| d.is_violent())
        .max_by_key(|(i, d)| (d.mentions.len(), usize::MAX - i))
        .map(|(i, _)| i);
    drafts
        .into_iter()
        .enumerate()
        .map(|(i, d)| finish(doc, d, Some(i) == main))
        .collect()
}

/// The type most of the event's typed mentions give. A clash must also outnumber the
/// sentences that call the event an attack: "guerrilla attacks on the president's
/// residence" stays an attack when a later sentence tells of soldiers killed in clashes.
fn event_type(d: &Draft) -> EventType {
    let mut counts: Vec<(EventType, usize)> = Vec::new();
    for m in &d.mentions {
        if let MentionKind::Typed(t) = m.kind {
            match counts.iter_mut().find(|(u, _)| *u == t) {
                Some(c) => c.1 += 1,
                None => counts.push((t, 1)),
            }
        }
    }
    let generic = d
        .mentions
        .iter()
        .filter(|m| m.kind == MentionKind::Generic)
        .count();
    match counts.iter().max_by_key(|(_, n)| *n) {
        Some(&(EventType::ArmedClash, n)) if generic >= n => EventType::ArmedAssault,
        Some(&(t, _)) => t,
        None => EventType::ArmedAssault,
    }
}

/// A role's count over the event's sentences: the largest count stands (the same victims
/// are told about again and again), except that "another man", "a second victim" adds one.
fn role_figure(d: &Draft, role: TollRole) -> Option<Figure> {
    let mut best: Option<Figure> = None;
    let mut best_value = 0u64;
    let mut extra = 0u64;
    let mut extra_evidence = Vec::new();
    for m in &d.mentions {
        let tolls: Vec<&Toll> = m.tolls.iter().filter(|t| t.role == role).collect();
        if tolls.is_empty() {
            continue;
        }
        let numeric = tolls
            .iter()
            .filter(|t| !t.singular)
            .max_by_key(|t| (t.value(), t.exact));
        let singles: Vec<&&Toll> = tolls.iter().filter(|t| t.singular).collect();
        let additional: Vec<&&Toll> = singles
            .iter()
            .filter(|t| is_additional(&t.text))
            .copied()
            .collect();
        // Described victims of one sentence are often one person told twice (a headline
        // fused with the lead: "Man shot dead … A man was shot"), so the largest stands.
        let single_sum = singles.iter().map(|t| t.value()).max().unwrap_or(0);
        if best.is_some()
            && !additional.is_empty()
            && numeric.is_none()
            && additional.len() == singles.len()
        {
            extra += additional.len() as u64;
            extra_evidence.extend(additional.iter().map(|t| [t.start, t.end]));
            continue;
        }
        let candidate = match numeric {
            Some(t) if t.value() >= single_sum => figure(t),
            _ => match singles.iter().max_by_key(|t| t.value()) {
                Some(t) => figure(t),
                None => continue,
            },
        };
        let v = candidate.min.or(candidate.max).unwrap_or(0);
        if best.is_none()
            || v > best_value
            || (v == best_value && candidate.exact && !best.as_ref().is_some_and(|b| b.exact))
        {
            best_value = v;
            best = Some(candidate);
        }
    }
    let mut f = best?;
    if extra > 0 && f.exact {
        let n = best_value + extra;
        f.min = Some(n);
        f.max = Some(n);
        f.evidence.extend(extra_evidence);
    }
    Some(f)
}

fn is_additional(text: &str) -> bool {
    let t = text.to_lowercase();
    t.starts_with("another ")
        || t.starts_with("a second ")
        || t.starts_with("second ")
        || t.starts_with("a third ")
}

fn figure(t: &Toll) -> Figure {
    Figure {
        min: t.min,
        max: t.max,
        exact: t.exact,
        text: t.text.clone(),
        evidence: vec![[t.start, t.end]],
    }
}

fn value(f: &Figure) -> u64 {
    f.min.or(f.max).unwrap_or(0)
}

/// Injured: stated, or else those shot minus those killed ("two men were shot; one died").
fn injured(d: &Draft, killed: Option<&Figure>) -> Option<Figure> {
    let stated = role_figure(d, TollRole::Injured);
    let Some(shot) = role_figure(d, TollRole::Shot) else {
        return stated;
    };
    let dead = killed.map_or(0, value);
    let Some(n) = value(&shot).checked_sub(dead).filter(|n| *n > 0) else {
        return stated;
    };
    if let Some(t) = stated.filter(|t| value(t) >= n) {
        return Some(t);
    }
    Some(Figure {
        min: Some(n),
        max: if shot.exact { Some(n) } else { None },
        exact: shot.exact && killed.is_none_or(|k| k.exact),
        text: shot.text.clone(),
        evidence: shot.evidence.clone(),
    })
}

fn precision_rank(p: Precision) -> u8 {
    match p {
        Precision::Day => 0,
        Precision::Week => 1,
        Precision::Month => 2,
        Precision::Year => 3,
        Precision::Decade => 4,
    }
}

fn precision_name(p: Precision) -> &'static str {
    match p {
        Precision::Day => "day",
        Precision::Week => "week",
        Precision::Month => "month",
        Precision::Year => "year",
        Precision::Decade => "decade",
    }
}

/// Dates captions give for the event: a caption that names the event (a trigger of its kind)
/// or its place.
fn caption_dates(doc: &Doc<'_>, d: &Draft, place: Option<&str>) -> Vec<DateCand> {
    let mut out = Vec::new();
    for c in doc.captions {
        let words: Vec<String> = c
            .tokens
            .iter()
            .map(|t| t.text(c.text).to_lowercase())
            .collect();
        let mut trig_at = None;
        for i in 0..words.len() {
            if let Some(t) = trigger_at(&words, i) {
                let fits = match t.kind {
                    TriggerKind::Typed(u) => u.is_violent() && d.typed().is_none_or(|v| v == u),
                    TriggerKind::GenericAttack => true,
                    TriggerKind::Toll => false,
                };
                if fits {
                    trig_at = Some(i);
                    break;
                }
            }
        }
        let names_place = place.is_some_and(|p| c.text.contains(p));
        if trig_at.is_none() && !names_place {
            continue;
        }
        let best = c
            .times
            .iter()
            .filter(|t| t.value.is_some() && !t.approximate)
            .min_by_key(|t| match trig_at {
                Some(i) => (t.tokens.start as i64 - i as i64).unsigned_abs(),
                None => u64::from(precision_rank(t.precision)),
            });
        if let Some(t) = best {
            out.push(DateCand {
                time: t.clone(),
                caption: true,
            });
        }
    }
    out
}

/// Chooses the date: stated dates over ones read relative to the publication date, finer
/// over coarser, then the one most sources give. Says so when sources disagree.
fn choose_date(cands: &[DateCand], notes: &mut Vec<String>) -> Option<DateCand> {
    let mut best: Option<(&DateCand, usize)> = None;
    for c in cands {
        let votes = cands
            .iter()
            .filter(|o| o.time.value == c.time.value)
            .count();
        let key = |x: &DateCand, v: usize| {
            (
                x.time.relative,
                precision_rank(x.time.precision),
                usize::MAX - v,
            )
        };
        if best.is_none_or(|(b, bv)| key(c, votes) < key(b, bv)) {
            best = Some((c, votes));
        }
    }
    let (b, _) = best?;
    for c in cands {
        let same_day =
            c.time.start_date == b.time.start_date || (c.time.precision != Precision::Day);
        if !same_day && c.time.value != b.time.value {
            let where_ = |x: &DateCand| if x.caption { "a caption" } else { "the text" };
            let note = format!(
                "date: {} says \"{}\" ({}), {} says \"{}\" ({}); kept the {}",
                where_(c),
                c.time.text,
                c.time.value.as_deref().unwrap_or("?"),
                where_(b),
                b.time.text,
                b.time.value.as_deref().unwrap_or("?"),
                if b.time.relative == c.time.relative {
                    "more specific or more frequent one"
                } else {
                    "date stated in full"
                }
            );
            if !notes.contains(&note) {
                notes.push(note);
            }
        }
    }
    Some(b.clone())
}

/// Facts read from the sentences that no event's evidence touches (`read` gets the sentence
/// index), each paired with the violent event it belongs to: the one told last before the
/// sentence, else the first. Such a sentence tells more about a story without opening an
/// event of its own ("the death of X", "police blamed the killing on Y"); a document with no
/// violent event gets nothing.
pub(crate) fn carry_over<T>(
    doc: &Doc<'_>,
    events: &[Event],
    mut read: impl FnMut(usize) -> Vec<T>,
) -> Vec<(usize, T)> {
    let violent: Vec<usize> = (0..events.len())
        .filter(|&i| events[i].kind.is_violent())
        .collect();
    let Some(&first) = violent.first() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (si, sentence) in doc.sentences.iter().enumerate() {
        let (start, end) = (sentence.start, sentence.end);
        let covered = events
            .iter()
            .any(|e| e.evidence.iter().any(|ev| ev[0] < end && start < ev[1]));
        if covered {
            continue;
        }
        let facts = read(si);
        if facts.is_empty() {
            continue;
        }
        let target = violent
            .iter()
            .copied()
            .rfind(|&i| events[i].evidence.first().is_some_and(|ev| ev[0] <= start))
            .unwrap_or(first);
        out.extend(facts.into_iter().map(|f| (target, f)));
    }
    out
}

/// Adds a carried-over role to an event's list unless the list already has it under the
/// same words (any case).
pub(crate) fn push_role_once(roles: &mut Vec<Role>, role: Role) {
    if !roles
        .iter()
        .any(|r| r.text.eq_ignore_ascii_case(&role.text))
    {
        roles.push(role);
    }
}

/// Whether two weapon phrases name one kind of weapon: "grenade" and "grenades", "bomb" and
/// "Bombs" are one entry of an event's weapons, the first one read.
fn same_weapon(a: &str, b: &str) -> bool {
    let stem = |w: &str| {
        let w = w.trim().to_lowercase();
        match w.strip_suffix('s') {
            Some(s) if s.len() >= 3 && !s.ends_with('s') => s.to_string(),
            _ => w,
        }
    };
    stem(a) == stem(b)
}

fn union_roles(dst: &mut Vec<Role>, src: &[Role]) {
    for r in src {
        if !dst.iter().any(|x| x.text.eq_ignore_ascii_case(&r.text)) {
            dst.push(r.clone());
        }
    }
}

fn finish(doc: &Doc<'_>, d: Draft, main: bool) -> Event {
    let kind = event_type(&d);
    let mut modes: Vec<String> = Vec::new();
    for m in &d.mentions {
        for mode in &m.modes {
            if !modes.iter().any(|x| x == mode) {
                modes.push((*mode).to_string());
            }
        }
    }
    let mut killed = role_figure(&d, TollRole::Killed);
    if killed.is_none() && d.mentions.iter().any(|m| m.fatal) {
        // "a deadly shooting … the victim was found shot": the one shot is the one killed.
        killed = role_figure(&d, TollRole::Shot).filter(|f| value(f) == 1);
    }
    let injured = injured(&d, killed.as_ref());
    // Place: the finest one any mention gives; names before demonyms.
    let place = d
        .mentions
        .iter()
        .filter_map(|m| m.place.as_ref())
        .min_by(|a, b| {
            (a.0.demonym, a.0.rank)
                .cmp(&(b.0.demonym, b.0.rank))
                .then(b.1.total_cmp(&a.1))
        })
        .map(|(p, _)| {
            let mut place = p.place.clone();
            place.evidence = vec![[p.start, p.end]];
            place
        });
    let mut notes = Vec::new();
    // A date after the reference date (or, without one, outside 1900–2100) is a misread
    // number ("2189 Main St."), not when the event happened.
    let plausible = |c: &DateCand| {
        let Some(start) = c.time.start_date else {
            return true;
        };
        let year = start.year();
        (1900..=2100).contains(&year)
            && doc
                .anchor
                .is_none_or(|a| start.days_since_epoch() <= a.days_since_epoch() + 31)
    };
    let mut dates: Vec<DateCand> = d.dates().filter(|c| plausible(c)).cloned().collect();
    if main && kind.is_violent() {
        dates.extend(caption_dates(
            doc,
            &d,
            place.as_ref().map(|p| p.name.as_str()),
        ));
    }
    let date = choose_date(&dates, &mut notes);
    let mut perpetrators: Vec<Perpetrator> = Vec::new();
    for m in &d.mentions {
        for p in &m.perpetrators {
            match perpetrators.iter_mut().find(|q| q.name == p.name) {
                Some(q) => {
                    q.attribution = q.attribution.min(p.attribution);
                    q.evidence.extend(p.evidence.iter().copied());
                }
                None => perpetrators.push(p.clone()),
            }
        }
    }
    let (mut targets, mut victims, mut weapons) = (Vec::new(), Vec::new(), Vec::new());
    for m in &d.mentions {
        union_roles(&mut targets, &m.targets);
        union_roles(&mut victims, &m.victims);
        for w in &m.weapons {
            if !weapons.iter().any(|x: &Role| same_weapon(&x.text, &w.text)) {
                weapons.push(w.clone());
            }
        }
    }
    let attackers = d.mentions.iter().find_map(|m| m.attackers.clone());
    let mut evidence: Vec<[u32; 2]> = Vec::new();
    for m in &d.mentions {
        if !evidence.contains(&m.span) {
            evidence.push(m.span);
        }
    }
    let recalled = match (&date, doc.anchor) {
        (Some(c), Some(anchor)) => c
            .time
            .end_date
            .is_some_and(|end| end.days_since_epoch() + 31 < anchor.days_since_epoch()),
        _ => false,
    };
    let strong = d.mentions.iter().any(|m| m.strong);
    let mut confidence: f32 = if strong { 0.6 } else { 0.4 };
    if killed.is_some() || injured.is_some() {
        confidence += 0.1;
    }
    if place.is_some() {
        confidence += 0.1;
    }
    if date.is_some() {
        confidence += 0.05;
    }
    if d.mentions.len() > 1 {
        confidence += 0.1;
    }
    Event {
        kind,
        modes,
        date: date
            .as_ref()
            .and_then(|c| c.time.value.clone())
            .map(|v| trim_interval(&v)),
        date_precision: date
            .as_ref()
            .map(|c| precision_name(c.time.precision).to_string()),
        date_text: date.as_ref().map(|c| {
            if c.caption {
                format!("{} (caption)", c.time.text)
            } else {
                c.time.text.clone()
            }
        }),
        place,
        killed,
        injured,
        attackers,
        perpetrators,
        targets,
        victims,
        weapons,
        status: if recalled { "recalled" } else { "reported" }.to_string(),
        confidence: confidence.min(0.95),
        evidence,
        notes,
    }
}

/// An interval value (`2024-03-18/2024-03-24`) keeps its start as the event date.
fn trim_interval(v: &str) -> String {
    v.split('/').next().unwrap_or(v).to_string()
}
