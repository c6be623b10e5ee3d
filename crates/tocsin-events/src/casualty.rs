//! Tolls: how many were killed, injured or shot, read from one sentence.
//!
//! Numbers come from the NLP layer with their bounds ("more than 130" → min 131); this module
//! decides which of them count victims and of what: "killing more than 130 people", "95 people
//! were killed", "left three dead", "the death toll rose to 40". A sentence without a number
//! still reports one victim when a singular person is the one killed or hurt ("a man was shot
//! and killed", "killing him").

use crate::lexicon::{is_injure_word, is_kill_word, is_people_noun, is_person_noun};
use crate::sentence::Sent;
use tocsin_nlp::numbers::{NumberKind, NumberMention};

/// What a toll counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TollRole {
    /// People killed.
    Killed,
    /// People injured.
    Injured,
    /// People shot, outcome not stated (an upper bound on the injured once deaths are known).
    Shot,
}

/// One count of victims read from a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Toll {
    /// What it counts.
    pub role: TollRole,
    /// Lower bound.
    pub min: Option<u64>,
    /// Upper bound.
    pub max: Option<u64>,
    /// Whether exact.
    pub exact: bool,
    /// The number's words ("more than 130", "a man").
    pub text: String,
    /// Its bytes.
    pub start: u32,
    /// One past its last byte.
    pub end: u32,
    /// Read from a described person ("a man was shot"), not from a number: such counts add
    /// up within a sentence ("the woman was shot … and the man was shot").
    pub singular: bool,
}

impl Toll {
    /// The value a single figure stands for when tolls are compared.
    pub fn value(&self) -> u64 {
        self.min.or(self.max).unwrap_or(0)
    }
}

fn role_of_word(w: &str) -> Option<TollRole> {
    if is_kill_word(w) {
        Some(TollRole::Killed)
    } else if is_injure_word(w) {
        Some(TollRole::Injured)
    } else if matches!(w, "shot" | "shooting" | "shoots" | "shoot" | "struck") {
        Some(TollRole::Shot)
    } else {
        None
    }
}

/// Units after a number that make it something other than a head count.
fn is_non_count_unit(w: &str) -> bool {
    matches!(
        w,
        "years"
            | "year"
            | "year-old"
            | "time"
            | "years-old"
            | "hours"
            | "hour"
            | "minutes"
            | "minute"
            | "days"
            | "day"
            | "weeks"
            | "week"
            | "months"
            | "month"
            | "times"
            | "a.m."
            | "p.m."
            | "am"
            | "pm"
            | "percent"
            | "%"
            | "block"
            | "miles"
            | "mile"
            | "feet"
            | "foot"
            | "rounds"
            | "shots"
            | "bullets"
            | "dollars"
            | "km"
            | "kilometres"
            | "kilometers"
            | "meters"
            | "metres"
            | "yards"
            | "o'clock"
            | "seconds"
            | "decades"
            | "cases"
            | "counts"
            | "count"
            | "homicides"
            | "shootings"
            | "incidents"
            | "attacks"
            | "guns"
            | "cars"
            | "vehicles"
            | "houses"
            | "homes"
            | "pounds"
            | "million"
            | "billion"
            | "points"
            | "games"
            | "goals"
            | "calls"
            | "arrests"
            | "degrees"
            | "caliber"
            | "mm"
            | "st"
            | "th"
            | "nd"
            | "rd"
            | "grams"
            | "kg"
            | "tons"
    )
}

/// Words that may sit between a count and its verb: "95 people were killed", "two of them
/// later died", "three others reportedly injured".
fn is_bridge(w: &str) -> bool {
    is_people_noun(w)
        || matches!(
            w,
            "were"
                | "was"
                | "have"
                | "has"
                | "had"
                | "been"
                | "are"
                | "is"
                | "being"
                | "of"
                | "them"
                | "whom"
                | "reportedly"
                | "also"
                | "later"
                | "other"
                | "more"
                | "people"
                | "confirmed"
                | "initially"
                | "all"
                | "who"
                | "which"
                | "that"
                | "young"
                | "innocent"
                | "unarmed"
                | "so"
                | "far"
                | "now"
                | "fatally"
                | "critically"
                | "seriously"
                | "severely"
                | "badly"
                | "mortally"
                | "slightly"
                | "and"
                | "were,"
                | "in"
                | "the"
                | "attack"
                | "shooting"
                | "blast"
                | "explosion"
                | "bombing"
                | "both"
                | "male"
                | "female"
                | "adult"
                | "teenage"
                | "elderly"
                | "pronounced"
                | "found"
                | "left"
                | "lay"
                | "lying"
                | "gunshot"
                | "suffered"
                | "sustained"
                | "with"
                | "multiple"
                | "minor"
                | "serious"
        )
}

/// Words that may stand between a verb and the count it governs: "killing his five children".
fn is_determiner(w: &str) -> bool {
    matches!(
        w,
        "his" | "her" | "their" | "its" | "the" | "all" | "another" | "at"
    )
}

/// Whether the number at `m` (sentence-local token range `a..b`) is an age or a date part
/// in apposition: "John Smith, 25, was shot", "aged 19", "ages 20 and 22".
fn is_age_like(s: &Sent<'_>, a: usize, b: usize, value: f64) -> bool {
    let before = if a > 0 { s.word(a - 1) } else { "" };
    let before2 = if a > 1 { s.word(a - 2) } else { "" };
    if matches!(before, "aged" | "ages" | "age" | "ages," | "and") && value < 120.0 {
        if before == "and" {
            // "ages 20 and 22": the number after "and" inherits the age reading.
            return matches!(s.word(a.saturating_sub(3)), "ages" | "aged");
        }
        return true;
    }
    if before2 == "ages" || before2 == "aged" || (before == "of" && before2 == "age") {
        return true;
    }
    let after = s.word(b);
    value < 120.0 && before == "," && (after == "," || after == ")") && a >= 2
}

/// The tolls a sentence states.
pub fn sentence_tolls(s: &Sent<'_>, numbers: &[&NumberMention]) -> Vec<Toll> {
    let mut out = Vec::new();
    let mut used_words = vec![false; s.len()];
    for m in numbers {
        if m.kind != NumberKind::Cardinal {
            continue;
        }
        let (a, b) = s.local_range(&m.tokens);
        if b <= a || is_non_count_unit(s.word(b)) || is_age_like(s, a, b, m.value) {
            continue;
        }
        if a > 0 && matches!(s.word(a - 1), "no" | "not" | "none") {
            continue;
        }
        if let Some((role, word_at)) = role_for_number(s, a, b) {
            if let Some(i) = word_at {
                if let Some(flag) = used_words.get_mut(i) {
                    *flag = true;
                }
            }
            out.push(Toll {
                singular: false,
                role,
                min: m.min,
                max: m.max,
                exact: m.exact,
                text: m.text.clone(),
                start: m.span.start,
                end: m.span.end,
            });
        }
    }
    // Singular victims for toll words no number claimed.
    for (i, &used) in used_words.iter().enumerate() {
        if used {
            continue;
        }
        // "the victim was taken to the hospital": the verb of transport.
        let transport = hospital_transport(s, i);
        let role = match role_of_word(s.word(i)) {
            Some(r) => r,
            // "in critical condition", "suffered gunshot wounds": a living victim.
            None if is_condition(s, i) => TollRole::Injured,
            // Taken to hospital: alive when the sentence says no death.
            None if transport.is_some() => TollRole::Injured,
            // "a man is fighting for his life".
            None if fighting_for_life(s, i) => TollRole::Injured,
            // "had gunshot wounds": hurt, alive or not; counted like "shot".
            None if matches!(s.word(i), "wounds" | "wound" | "injuries" | "injury") => {
                TollRole::Shot
            }
            None => continue,
        };
        let role = if role == TollRole::Shot && fatal_shot(s, i) {
            TollRole::Killed
        } else {
            role
        };
        // Taken to hospital: the people are the subject of the verb of transport.
        if let Some((n, (start, end))) = counted_victims(s, transport.unwrap_or(i)) {
            if out
                .iter()
                .any(|t| t.role == role && t.start < end && start < t.end)
            {
                continue;
            }
            out.push(Toll {
                singular: true,
                role,
                min: Some(n),
                max: Some(n),
                exact: true,
                text: s
                    .text
                    .get(start as usize..end as usize)
                    .unwrap_or("")
                    .to_string(),
                start,
                end,
            });
        }
    }
    out
}

/// Decides what the number at `a..b` counts, and which toll word said so.
fn role_for_number(s: &Sent<'_>, a: usize, b: usize) -> Option<(TollRole, Option<usize>)> {
    // "killing (his) five", "injuring 180 others", "the blast killed 12".
    let mut p = a;
    let mut skipped = 0;
    while p > 0 && skipped < 2 && is_determiner(s.word(p - 1)) && s.word(p - 1) != "at" {
        p -= 1;
        skipped += 1;
    }
    if p > 0 {
        let w = s.word(p - 1);
        match w {
            "killing" | "killed" | "kills" | "kill" | "claiming" | "murdering" | "slaying"
            | "murdered" | "assassinated" | "executed" | "massacred" | "slew" => {
                return Some((TollRole::Killed, Some(p - 1)))
            }
            "injuring" | "injured" | "wounding" | "wounded" | "injures" | "wounds" | "hurting" => {
                return Some((TollRole::Injured, Some(p - 1)))
            }
            "shooting" | "shot" | "shoots" => return Some((TollRole::Shot, Some(p - 1))),
            "left" | "leaving" | "leaves" => {
                let mut j = b;
                while j < s.len()
                    && j < b + 3
                    && is_people_noun(s.word(j))
                    && !matches!(s.word(j), "dead" | "injured" | "wounded")
                {
                    j += 1;
                }
                return role_of_word(s.word(j)).map(|r| (r, Some(j)));
            }
            _ => {}
        }
    }
    // "the death toll rose to 40", "a toll of 12", "death toll at 95".
    for k in (a.saturating_sub(6)..a).rev() {
        if matches!(s.word(k), "toll" | "tally") {
            let injury = k > 0 && matches!(s.word(k - 1), "injury" | "injured" | "casualty");
            return Some((
                if injury {
                    TollRole::Injured
                } else {
                    TollRole::Killed
                },
                None,
            ));
        }
        if matches!(s.word(k), "." | ";" | "said") {
            break;
        }
    }
    // "95 people were killed", "three dead", "two of them later died".
    let mut j = b;
    while j < s.len() && j < b + 8 {
        let w = s.word(j);
        if matches!(w, "wounds" | "injuries") {
            // "two of the victims had gunshot wounds" counts people; "suffered six gunshot
            // wounds" counts wounds.
            let people = (b..j).any(|x| is_people_noun(s.word(x)) || s.word(x) == "of");
            return people.then_some((TollRole::Shot, Some(j)));
        }
        if let Some(role) = role_of_word(w).filter(|_| w != "shooting") {
            if role == TollRole::Shot && fatal_shot(s, j) {
                return Some((TollRole::Killed, Some(j)));
            }
            if role == TollRole::Shot {
                // "were shot and wounded", "shot dead", "shot to death".
                for k in j + 1..(j + 4).min(s.len()) {
                    match role_of_word(s.word(k)) {
                        Some(r) if r != TollRole::Shot => return Some((r, Some(k))),
                        _ if matches!(
                            s.word(k),
                            "and" | "to" | "multiple" | "several" | "times" | "once" | "twice"
                        ) => {}
                        _ => break,
                    }
                }
            }
            return Some((role, Some(j)));
        }
        if w == "in" && j + 1 < s.len() && is_critical_condition(s, j + 1) {
            return Some((TollRole::Injured, Some(j)));
        }
        // "two women are fighting for their lives".
        if w == "fighting" && fighting_for_life(s, j) {
            return Some((TollRole::Injured, Some(j)));
        }
        // "one person was taken to the hospital".
        if let Some(h) = (j..(j + 6).min(s.len())).find(|&h| hospital_transport(s, h).is_some()) {
            return Some((TollRole::Injured, Some(h)));
        }
        if !is_bridge(w) || s.is_number_start(j) {
            return None;
        }
        j += 1;
    }
    None
}

/// Whether token `i` opens "fighting for his/her/their life/lives".
fn fighting_for_life(s: &Sent<'_>, i: usize) -> bool {
    s.word(i) == "fighting"
        && s.word(i + 1) == "for"
        && matches!(s.word(i + 2), "his" | "her" | "their")
        && matches!(s.word(i + 3), "life" | "lives")
}

/// When token `i` is "hospital" after "taken/rushed/transported/… (by ambulance) to", in a
/// sentence that says nobody died (one taken to hospital "where he died" is a death): the
/// index of the verb of transport.
fn hospital_transport(s: &Sent<'_>, i: usize) -> Option<usize> {
    if s.word(i) != "hospital" || (0..s.len()).any(|k| is_kill_word(s.word(k))) {
        return None;
    }
    (i.saturating_sub(8)..i).find(|&v| {
        matches!(
            s.word(v),
            "taken" | "rushed" | "transported" | "sent" | "airlifted" | "flown" | "brought"
        ) && (v + 1..(v + 5).min(i)).any(|t| s.word(t) == "to")
    })
}

/// "fatally shot", "shot dead", "shot to death", "shot and killed": a shot that killed.
fn fatal_shot(s: &Sent<'_>, i: usize) -> bool {
    (i > 0 && s.word(i - 1) == "fatally")
        || matches!(s.word(i + 1), "dead")
        || (s.word(i + 1) == "to" && s.word(i + 2) == "death")
}

/// "in critical condition": the word "condition" after a state adjective.
fn is_condition(s: &Sent<'_>, i: usize) -> bool {
    s.word(i) == "condition"
        && i >= 1
        && matches!(
            s.word(i - 1),
            "critical"
                | "serious"
                | "stable"
                | "grave"
                | "fair"
                | "good"
                | "life-threatening"
                | "extremely"
        )
}

fn is_critical_condition(s: &Sent<'_>, i: usize) -> bool {
    matches!(s.word(i), "critical" | "serious" | "stable" | "grave")
        && matches!(s.word(i + 1), "condition")
}

/// The people the toll word at `i` applies to when no number says how many: the subject of
/// "was killed" / "died" ("a 22-year-old man and a 16-year-old boy were shot" → 2), the
/// object of "killing him", "the shooting death of Goldie Long". Returns the count and bytes.
fn counted_victims(s: &Sent<'_>, i: usize) -> Option<(u64, (u32, u32))> {
    let w = s.word(i);
    // Object: "killing a man", "shot him", "killed a 25-year-old woman".
    if matches!(
        w,
        "killing"
            | "killed"
            | "shot"
            | "shooting"
            | "wounding"
            | "injuring"
            | "injured"
            | "wounded"
            | "stabbed"
            | "murdered"
            | "death"
    ) {
        let mut j = i + 1;
        if w == "death" {
            if s.word(j) != "of" {
                return None;
            }
            j += 1;
        }
        let next = s.word(j);
        if matches!(next, "him" | "her" | "himself" | "herself") && w != "death" {
            if next == "her" && is_person_noun(s.word(j + 1)) {
                return Some((1, s.bytes(j, j + 2)));
            }
            return Some((1, s.bytes(j, j + 1)));
        }
        if matches!(next, "his" | "their" | "the")
            && is_person_noun(s.word(j + 1))
            && !matches!(s.word(j + 1), "suspect" | "gunman" | "shooter")
        {
            return Some((1, s.bytes(j, j + 2)));
        }
        if s.entity_at
            .get(j)
            .copied()
            .flatten()
            .is_some_and(|e| s.entities[e].label == tocsin_model::EntityLabel::Per)
        {
            let e = s.entity_at[j].unwrap_or_default();
            return Some((1, (s.entities[e].start, s.entities[e].end)));
        }
        if matches!(next, "a" | "an" | "one") || (w == "death" && next.ends_with("-year-old")) {
            for k in j..(j + 6).min(s.len()) {
                if s.is_person_entity_end(k) || is_person_noun(s.word(k)) {
                    return Some((1, s.bytes(j, k + 1)));
                }
                if is_people_noun(s.word(k)) {
                    break;
                }
            }
        }
        if w == "death" {
            return None;
        }
    }
    // "following a shooting", "the killing": a noun, whose victims are not the words before.
    if matches!(w, "shooting" | "killing" | "stabbing")
        && i > 0
        && matches!(
            s.word(i - 1),
            "a" | "an" | "the" | "this" | "that" | "double" | "triple"
        )
    {
        return None;
    }
    // Subject: back over auxiliaries and adverbs to the phrase before them.
    let mut k = i;
    let mut plural = false;
    let mut steps = 0;
    while k > 0 && steps < 7 {
        let prev = s.word(k - 1);
        if prev == "were" {
            plural = true;
        }
        let aux = matches!(
            prev,
            "was"
                | "were"
                | "has"
                | "had"
                | "been"
                | "is"
                | "later"
                | "reportedly"
                | "fatally"
                | "critically"
                | "seriously"
                | "then"
                | "also"
                | "and"
                | "pronounced"
                | "found"
                | "being"
                | "got"
                | "shot"
                | "allegedly"
                | "apparently"
                | "eventually"
                | "subsequently"
                | "badly"
                | "severely"
                | "multiple"
                | "times"
                | "once"
                | "twice"
                | "mortally"
                | "both"
                | ","
                | "suffered"
                | "sustained"
                | "received"
                | "non-life-threatening"
                | "life-threatening"
                | "minor"
                | "gunshot"
                | "serious"
                | "critical"
                | "in"
                | "with"
                | "left"
                | "remains"
                | "remained"
                | "listed"
                | "stable"
                | "grave"
                | "fair"
                | "good"
                | "a"
                | "an"
                | "stab"
                | "taken"
                | "to"
                | "the"
                | "hospital"
                | "rushed"
                | "transported"
                | "flown"
                | "area"
                | "local"
                | "are"
                | "who"
                | "single"
                | "several"
        ) || (prev.ends_with("ly") && prev.len() > 4);
        if matches!(prev, "not" | "n't" | "never" | "no") {
            return None;
        }
        if !aux {
            break;
        }
        k -= 1;
        steps += 1;
    }
    // "left a man injured", "found a man shot in the leg": the phrase before the toll word
    // is the object of "left"/"found", with no auxiliary between.
    let left_np = (i.saturating_sub(7)..i).any(|x| {
        matches!(
            s.word(x),
            "left" | "leaving" | "leaves" | "found" | "discovered" | "located" | "finds" | "find"
        )
    });
    if k == i
        && !left_np
        && !matches!(
            w,
            "died" | "dies" | "dead" | "condition" | "wounds" | "injuries" | "injury"
        )
    {
        // An active verb with nothing that reads as its victim.
        return None;
    }
    if k > 0 && s.word(k - 1) == "both" && !matches!(s.word(k.saturating_sub(2)), "of") {
        return Some((2, s.bytes(k - 1, k)));
    }
    let mut heads = 0u64;
    let mut span: Option<(u32, u32)> = None;
    let mut joined = false;
    let mut j = k;
    let lo = k.saturating_sub(16);
    while j > lo {
        let t = j - 1;
        let tw = s.word(t);
        if s.is_person_entity_end(t) {
            let (a, b) = s.entity_bytes_ending(t);
            if heads == 0 || joined {
                heads += 1;
                joined = false;
            }
            span = Some((a, span.map_or(b, |x| x.1)));
            // Jump to the entity's first token.
            let mut f = t;
            while f > 0 && s.entity_at[f - 1] == s.entity_at[t] {
                f -= 1;
            }
            j = f;
            continue;
        }
        // "one man was killed, another was injured": "another" is one more person.
        if heads == 0 && (tw == "another" || (tw == "other" && t > 0 && s.word(t - 1) == "the")) {
            let (a, b) = s.bytes(t, t + 1);
            return Some((1, (a, b)));
        }
        if (is_person_noun(tw) || tw.ends_with("-year-old"))
            && !matches!(
                tw,
                "gunman"
                    | "shooter"
                    | "suspect"
                    | "attacker"
                    | "robber"
                    | "him"
                    | "her"
                    | "himself"
                    | "herself"
            )
        {
            if matches!(tw, "he" | "she") {
                if heads == 0 {
                    return Some((1, s.bytes(t, t + 1)));
                }
                break;
            }
            let opener = (t.saturating_sub(5)..t).rev().find(|&d| {
                matches!(
                    s.word(d),
                    "a" | "an"
                        | "the"
                        | "one"
                        | "his"
                        | "her"
                        | "another"
                        | "their"
                        | "that"
                        | "this"
                )
            });
            let headline = t == 0 && s.raw(t).starts_with(char::is_uppercase);
            let _ = headline;
            // A second head counts only when joined by "and": "Isaac Duran, a 19-year-old
            // Latino," is one person named twice.
            if heads == 0 || joined {
                heads += 1;
                joined = false;
            }
            let d = opener
                .filter(|&d| !(d + 1..t).any(|x| matches!(s.word(x), "," | "and" | "." | ";")));
            let a = d.unwrap_or(t);
            let (a0, _) = s.bytes(a, a + 1);
            let (_, b) = s.bytes(t, t + 1);
            span = Some((a0, span.map_or(b, |x| x.1)));
            j = a;
            continue;
        }
        if is_people_noun(tw) && heads == 0 {
            return None;
        }
        if matches!(tw, "no" | "nobody" | "none" | "noone") {
            return None;
        }
        if tw == "and" {
            joined = true;
        }
        if tw == "after" && s.word(t + 1) == "being" {
            // "A man is recovering after being shot": the subject of the main clause.
            j = t;
            continue;
        }
        if matches!(
            tw,
            "." | ";"
                | ":"
                | "said"
                | "say"
                | "says"
                | "after"
                | "when"
                | "while"
                | "because"
                | "as"
                | "that"
                | "but"
                | "before"
                | "where"
                | "if"
                | "police"
                | "officers"
                | "authorities"
                | "investigators"
        ) || (t + 1 < k && role_of_word(tw).is_some())
        {
            break;
        }
        j = t;
    }
    if heads == 0 && !plural && k < i && (k..i).any(|x| s.word(x) == "was") && k >= 2 {
        // "A waitress trying to stop a crime was shot": "was" makes the subject one person
        // even when its noun is not in the list.
        let det = (k.saturating_sub(8)..k)
            .rev()
            .find(|&d| matches!(s.word(d), "a" | "an" | "the"));
        if let Some(d) = det {
            if !(d..k).any(|x| {
                matches!(
                    s.word(x),
                    "." | ";"
                        | "shooting"
                        | "incident"
                        | "attack"
                        | "crash"
                        | "car"
                        | "vehicle"
                        | "home"
                        | "house"
                        | "bullet"
                        | "gun"
                        | "weapon"
                        | "case"
                        | "body"
                )
            }) {
                return Some((1, s.bytes(d, k)));
            }
        }
    }
    if heads == 0 || (plural && heads == 1) {
        return None;
    }
    span.map(|sp| (heads, sp))
}
