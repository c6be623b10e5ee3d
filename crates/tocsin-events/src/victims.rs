//! Named victims: the people a sentence says were killed, wounded, kidnapped or attacked,
//! found by their place around a word of harm rather than by a count ("the murder of Ignacio
//! Ellacuría", "Héctor Oquelí, who was kidnapped", "gunmen killed Senator Pardo Leal",
//! "Galán's assassination"). The rules read lower-cased words, so they work alike on text as
//! written and on lower-cased or all-capitals copy, once the tagger has found the names.

use crate::mention::sent;
use crate::sentence::Sent;
use crate::Doc;
use tocsin_model::{Entity, EntityLabel, Event, Role};

/// Gives the document's violent events the people named as harmed in sentences that report
/// no event of their own ("the death of leftist leader X", in a sentence about the inquiry;
/// "X and Y, who were kidnapped on Friday"): each joins the violent event told last before
/// its sentence, or the first one when none comes before. A reader of the article would
/// count them among that story's victims; a text with no violent event gets none.
pub fn attach_named_victims(doc: &Doc<'_>, words: &[String], events: &mut [Event]) {
    let found = crate::merge::carry_over(doc, events, |si| {
        let sentence = &doc.sentences[si];
        let harm = words
            .get(sentence.tokens.clone())
            .is_some_and(|w| w.iter().any(|w| is_harm_word(w)));
        if !harm || !names_a_person(doc, sentence.start, sentence.end) {
            return Vec::new();
        }
        named_victims(&sent(doc, words, si))
    });
    for (target, role) in found {
        crate::merge::push_role_once(&mut events[target].victims, role);
    }
}

/// Whether a person entity lies in the bytes `start..end`.
fn names_a_person(doc: &Doc<'_>, start: u32, end: u32) -> bool {
    doc.entities
        .iter()
        .any(|e| e.label == EntityLabel::Per && start <= e.start && e.end <= end)
}

/// Any word of harm the victim rules look for.
fn is_harm_word(w: &str) -> bool {
    is_harm_verb(w)
        || is_harm_noun(w)
        || is_harm_participle(w)
        || matches!(w, "taken" | "held" | "victims" | "victim")
}

/// Person names of the sentence in a victim's place, as roles (`named: true`). A victim is
/// given under the fullest name the document has for that person ("Jaramillo" in the
/// sentence of the killing, "Bernardo Jaramillo Ossa" in the lead): the role's text and bytes
/// are that mention's, titles left out.
pub fn named_victims(s: &Sent<'_>) -> Vec<Role> {
    let spans = person_spans(s);
    let mut harmed: Vec<bool> = spans
        .iter()
        .map(|&(a, b, _)| harmed_before(s, a, b) || harmed_after(s, b))
        .collect();
    // Names joined by "and" or a comma share their fate: "X and Y were killed", "the attack
    // against X and Y".
    for i in 1..spans.len() {
        if coordinated(s, spans[i - 1].1, spans[i].0) && (harmed[i - 1] || harmed[i]) {
            harmed[i - 1] = true;
            harmed[i] = true;
            let mut j = i - 1;
            while j > 0 && coordinated(s, spans[j - 1].1, spans[j].0) {
                harmed[j - 1] = true;
                j -= 1;
            }
        }
    }
    let mut out: Vec<Role> = Vec::new();
    for (&(_, _, e), _) in spans.iter().zip(&harmed).filter(|(_, &h)| h) {
        let Some((text, start)) = fullest_name(s.entities, e) else {
            continue;
        };
        if !is_plausible_name(text) {
            continue;
        }
        let end = start + text.len() as u32;
        if out
            .iter()
            .any(|r| r.text == text || (r.start < end && start < r.end))
        {
            continue;
        }
        out.push(named_person(text, start));
    }
    out
}

/// A named victim: the name as the text writes it at byte `start`.
pub(crate) fn named_person(text: &str, start: u32) -> Role {
    Role {
        text: text.to_string(),
        kind: Some("person".into()),
        named: Some(true),
        start,
        end: start + text.len() as u32,
    }
}

/// Whether a span a tagger called a person can be one's name: not a place's ("valle del
/// cauca department") nor a group's ("salvadoran rightist sectors", "salvadoran
/// businessmen"), as a tagger reading text without capitals makes them.
fn is_plausible_name(text: &str) -> bool {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let (Some(first), Some(last)) = (words.first(), words.last()) else {
        return false;
    };
    !crate::lexicon::is_people_noun(first)
        && !crate::lexicon::is_people_noun(last)
        && !matches!(
            *last,
            "department"
                | "province"
                | "city"
                | "canton"
                | "municipality"
                | "town"
                | "sectors"
                | "businessmen"
                | "groups"
        )
}

/// Whether two names, the first ending before `b` and the next starting at `a`, are listed
/// together: only a comma, "and", or a short description of the first lie between ("roberto
/// roascio of milan and mario accurso").
fn coordinated(s: &Sent<'_>, b: usize, a: usize) -> bool {
    if a <= b || a - b > 5 {
        // "X, leader of the national revolutionary movement (mnr) and Y": a description of
        // X between commas or before the "and".
        return s.word(b) == ","
            && a - b <= 14
            && matches!(s.word(a - 1), "and" | ",")
            && past_apposition(s, b + 1) >= a - 1;
    }
    let between: Vec<&str> = (b..a).map(|k| s.word(k)).collect();
    matches!(between.last(), Some(&("and" | "," | "&")))
        && between
            .iter()
            .all(|w| matches!(*w, "," | "and" | "&" | "of") || is_np_word(w))
}

/// The first token after an apposition that starts at `k` (just after its comma): the
/// description's words ("a guatemalan social democratic leader", "leader of the national
/// revolutionary movement (mnr)") and its closing comma, if any. Returns `k` when no
/// description starts there.
fn past_apposition(s: &Sent<'_>, k: usize) -> usize {
    let mut j = k;
    while j < s.len() && j - k < 14 {
        let w = s.word(j);
        if is_np_word(w) || matches!(w, "a" | "an" | "of" | "(" | ")") {
            j += 1;
        } else {
            break;
        }
    }
    if j == k {
        return k;
    }
    if s.word(j) == "," {
        j + 1
    } else {
        j
    }
}

/// The longest mention of the person entity `e` stands for (same resolved name), without
/// leading titles or marks, with its first byte.
pub(crate) fn fullest_name(entities: &[Entity], e: usize) -> Option<(&str, u32)> {
    let this = entities.get(e)?;
    let same = |x: &&Entity| {
        x.label == EntityLabel::Per
            && match (&x.canonical, &this.canonical) {
                (Some(a), Some(b)) => a == b,
                _ => std::ptr::eq(*x, this),
            }
    };
    let best = entities
        .iter()
        .filter(same)
        .map(|x| (strip_titles(&x.text), x.start))
        .max_by_key(|((_, t), _)| t.split_whitespace().count())?;
    let ((skipped, text), start) = best;
    (!text.is_empty()).then_some((text, start + skipped as u32))
}

/// A name without the titles and stray marks a tagger may have taken in ("jesuit ignacio
/// ellacuria", ") antonio rodriguez porth"): the bytes skipped and the rest.
fn strip_titles(name: &str) -> (usize, &str) {
    let mut rest = name;
    loop {
        let trimmed = rest.trim_start();
        let word_end = trimmed.find(char::is_whitespace).unwrap_or(trimmed.len());
        let word = &trimmed[..word_end];
        let lower = word.to_lowercase();
        let drop = !word.is_empty()
            && word_end < trimmed.len()
            && (is_victim_title(&lower) || !word.chars().any(char::is_alphabetic));
        if !drop {
            rest = trimmed;
            break;
        }
        rest = &trimmed[word_end..];
    }
    (name.len() - rest.len(), rest)
}

/// Local token spans of the sentence's person entities, with the entity's index.
fn person_spans(s: &Sent<'_>) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < s.len() {
        let Some(e) = s.entity_at.get(k).copied().flatten() else {
            k += 1;
            continue;
        };
        let mut end = k + 1;
        while end < s.len() && s.entity_at.get(end).copied().flatten() == Some(e) {
            end += 1;
        }
        if s.entities
            .get(e)
            .is_some_and(|x| x.label == EntityLabel::Per)
        {
            out.push((k, end, e));
        }
        k = end;
    }
    out
}

/// Whether a harm precedes the name at `a`: a verb whose object it is ("killed [former
/// senator] X") or a noun whose "of"/"on"/"against" it follows ("the murder of [jesuit
/// priest] X", "an attempt on the life of X", "an attack against X").
fn harmed_before(s: &Sent<'_>, a: usize, b: usize) -> bool {
    // "the shooting of [Houston] McDonald's owner": the name owns the head of the phrase.
    if matches!(s.word(b), "'s" | "’s" | "'") {
        return false;
    }
    // The words of the noun phrase the name ends: titles, descriptions ("national fire
    // department director colonel", "university students", "(presidency minister)").
    // A title may hold an "of" of its own ("supreme court of justice president"): every
    // preposition on the way back is tried as the one after the harm noun.
    let mut k = a;
    while k > 0 && a - k < 6 && (is_np_word(s.word(k - 1)) || matches!(s.word(k - 1), "(" | ")")) {
        k -= 1;
    }
    let Some(prev) = k.checked_sub(1) else {
        return false;
    };
    let w = s.word(prev);
    if is_harm_verb(w) {
        return true;
    }
    // "the assassination of six members of his order, including Ignacio Ellacuría".
    if w == "including" {
        return (prev.saturating_sub(12)..prev)
            .any(|j| is_harm_noun(s.word(j)) || is_harm_participle(s.word(j)));
    }
    // "among the priests murdered was Father Ignacio Ellacuría".
    if matches!(w, "was" | "were") && prev > 0 {
        let harmed_group = matches!(
            s.word(prev - 1),
            "murdered" | "killed" | "assassinated" | "victims" | "dead" | "kidnapped"
        );
        return harmed_group && (prev.saturating_sub(6)..prev).any(|j| s.word(j) == "among");
    }
    // "the treacherous murder committed by FMLN guerrillas against Dr Ignacio Ellacuría".
    if w == "against" {
        let committed = (prev.saturating_sub(8)..prev)
            .find(|&j| matches!(s.word(j), "committed" | "perpetrated"));
        if committed.is_some_and(|c| (c.saturating_sub(3)..c).any(|j| is_harm_noun(s.word(j)))) {
            return true;
        }
    }
    // "the victims were identified as X", "lists the kidnap victims as X".
    if w == "as" {
        return (1..=3).any(|d| prev >= d && matches!(s.word(prev - d), "victims" | "victim"));
    }
    if !matches!(w, "of" | "on" | "against") {
        return false;
    }
    if harm_noun_before(s, prev) {
        return true;
    }
    // Across one "of" inside the title, to the preposition before it.
    if w == "of" && prev > 0 && is_np_word(s.word(prev - 1)) {
        let mut j = prev;
        while j > 0 && prev - j < 4 && is_np_word(s.word(j - 1)) {
            j -= 1;
        }
        if let Some(p) = j.checked_sub(1) {
            if matches!(s.word(p), "of" | "on" | "against") && harm_noun_before(s, p) {
                return true;
            }
        }
    }
    false
}

/// Whether a harm noun stands just before the preposition at `prev`, or before "the life"
/// ("the murder of", "an attempt on the life of", "the brutal attack against").
fn harm_noun_before(s: &Sent<'_>, prev: usize) -> bool {
    // The harm noun stands just before the preposition, or before "the life".
    let mut j = prev;
    for _ in 0..4 {
        let Some(p) = j.checked_sub(1) else {
            return false;
        };
        let n = s.word(p);
        if is_harm_noun(n) {
            return true;
        }
        if !matches!(
            n,
            "the" | "life" | "on" | "against" | "attempted" | "brutal" | "recent"
        ) {
            return false;
        }
        j = p;
    }
    false
}

/// Whether a word can stand inside a noun phrase before a name: a word of letters that is
/// no verb of being, preposition, conjunction, pronoun or other glue ("leftist", "leader",
/// "salvadoran", "the"), so the phrase that holds a name can be stepped over.
fn is_np_word(w: &str) -> bool {
    w.chars().all(|c| c.is_alphabetic() || c == '-' || c == '.')
        && w.chars().next().is_some_and(char::is_alphabetic)
        && !is_harm_verb(w)
        && !is_harm_noun(w)
        && !matches!(
            w,
            "a" | "an"
                | "and"
                | "or"
                | "but"
                | "nor"
                | "of"
                | "in"
                | "on"
                | "at"
                | "to"
                | "by"
                | "for"
                | "from"
                | "with"
                | "without"
                | "against"
                | "as"
                | "into"
                | "over"
                | "under"
                | "after"
                | "before"
                | "during"
                | "since"
                | "until"
                | "including"
                | "among"
                | "while"
                | "when"
                | "where"
                | "that"
                | "which"
                | "who"
                | "whom"
                | "whose"
                | "what"
                | "is"
                | "are"
                | "was"
                | "were"
                | "be"
                | "been"
                | "being"
                | "has"
                | "have"
                | "had"
                | "do"
                | "does"
                | "did"
                | "will"
                | "would"
                | "can"
                | "could"
                | "may"
                | "might"
                | "must"
                | "should"
                | "said"
                | "says"
                | "say"
                | "told"
                | "reported"
                | "according"
                | "he"
                | "she"
                | "it"
                | "they"
                | "we"
                | "i"
                | "you"
                | "his"
                | "her"
                | "its"
                | "their"
                | "our"
                | "not"
                | "also"
                | "than"
                | "then"
                | "there"
                | "here"
                | "today"
                | "yesterday"
        )
}

/// Whether a harm follows the name ending before `b`: a passive ("X was kidnapped", "X, a
/// journalist, was shot", "X, who had been wounded") or a possessive ("X's murder").
fn harmed_after(s: &Sent<'_>, b: usize) -> bool {
    let k = b;
    if matches!(s.word(k), "'s" | "’s") || (s.word(k) == "'" && s.word(k + 1) == "s") {
        let n = if s.word(k) == "'" { k + 2 } else { k + 1 };
        return is_harm_noun(s.word(n)) || is_harm_noun(s.word(n + 1));
    }
    // "father jose ignacio ellacuria -- one of those massacred --"
    if matches!(s.word(k), "," | "--" | "—" | "-")
        && s.word(k + 1) == "one"
        && s.word(k + 2) == "of"
        && matches!(s.word(k + 3), "those" | "the")
        && (is_harm_participle(s.word(k + 4)) || matches!(s.word(k + 4), "victims" | "dead"))
    {
        return true;
    }
    if s.word(k) != "," {
        return passive_harm_at(s, k);
    }
    if s.word(k + 1) == "who" {
        return passive_harm_at(s, k + 1);
    }
    // An apposition: "X, the presidential candidate, was shot", "X, 42, was shot", or one
    // without its closing comma: "X, a guatemalan social democratic leader were abducted".
    let closed = (k + 1..(k + 16).min(s.len())).find(|&j| s.word(j) == ",");
    closed.is_some_and(|c| passive_harm_at(s, c + 1))
        || passive_harm_at(s, past_apposition(s, k + 1))
}

/// Whether a passive of harm starts at `k`: "(who) was killed", "had been reportedly
/// kidnapped", "were taken hostage".
fn passive_harm_at(s: &Sent<'_>, mut k: usize) -> bool {
    if s.word(k) == "who" {
        k += 1;
    }
    let mut aux = false;
    while matches!(
        s.word(k),
        "was" | "were" | "is" | "are" | "had" | "has" | "have" | "been" | "being" | "be"
    ) {
        aux = true;
        k += 1;
    }
    if !aux {
        return false;
    }
    if matches!(
        s.word(k),
        "reportedly"
            | "allegedly"
            | "also"
            | "brutally"
            | "seriously"
            | "fatally"
            | "later"
            | "almost"
            | "nearly"
            | "then"
            | "subsequently"
    ) {
        k += 1;
    }
    is_harm_participle(s.word(k))
        || (matches!(s.word(k), "taken" | "held") && matches!(s.word(k + 1), "hostage" | "captive"))
}

/// Past participles of harm done to a person.
fn is_harm_participle(w: &str) -> bool {
    matches!(
        w,
        "killed"
            | "murdered"
            | "assassinated"
            | "kidnapped"
            | "kidnaped"
            | "abducted"
            | "wounded"
            | "injured"
            | "shot"
            | "slain"
            | "executed"
            | "attacked"
            | "tortured"
            | "massacred"
            | "stabbed"
            | "beheaded"
            | "gunned"
            | "machinegunned"
            | "strangled"
            | "hurt"
            | "hit"
    )
}

/// Active verbs of harm that take the victim as object ("attacked" is not one: "Trump
/// attacked Clinton" is politics as often as violence).
fn is_harm_verb(w: &str) -> bool {
    matches!(
        w,
        "killed"
            | "murdered"
            | "assassinated"
            | "kidnapped"
            | "kidnaped"
            | "abducted"
            | "wounded"
            | "injured"
            | "shot"
            | "executed"
            | "tortured"
            | "stabbed"
            | "beheaded"
            | "strangled"
            | "seized"
            | "kill"
            | "murder"
            | "assassinate"
            | "kidnap"
            | "abduct"
    )
}

/// Nouns of harm whose "of", "on" or "against" introduces the victim.
fn is_harm_noun(w: &str) -> bool {
    matches!(
        w,
        "murder"
            | "murders"
            | "assassination"
            | "killing"
            | "killings"
            | "kidnapping"
            | "kidnappings"
            | "kidnaping"
            | "abduction"
            | "death"
            | "deaths"
            | "slaying"
            | "execution"
            | "attack"
            | "attacks"
            | "attempt"
            | "murderers"
            | "assassins"
            | "killers"
            | "kidnappers"
            | "abductors"
            | "massacre"
            | "shooting"
            | "wounding"
    )
}

/// Titles and descriptions that stand before a victim's name but are not part of it.
fn is_victim_title(w: &str) -> bool {
    matches!(
        w,
        "father"
            | "fr"
            | "fr."
            | "priest"
            | "jesuit"
            | "bishop"
            | "archbishop"
            | "monsignor"
            | "msgr"
            | "msgr."
            | "president"
            | "vice"
            | "former"
            | "ex"
            | "late"
            | "senator"
            | "sen."
            | "deputy"
            | "congressman"
            | "minister"
            | "candidate"
            | "presidential"
            | "mayor"
            | "governor"
            | "judge"
            | "magistrate"
            | "justice"
            | "attorney"
            | "general"
            | "gen."
            | "colonel"
            | "col."
            | "captain"
            | "capt."
            | "major"
            | "lieutenant"
            | "lt."
            | "sergeant"
            | "sgt."
            | "commander"
            | "dr"
            | "dr."
            | "doctor"
            | "mr"
            | "mr."
            | "mrs"
            | "mrs."
            | "ms"
            | "ms."
            | "journalist"
            | "reporter"
            | "editor"
            | "leader"
            | "union"
            | "labor"
            | "student"
            | "businessman"
            | "industrialist"
            | "politician"
            | "councilman"
            | "councilor"
            | "official"
            | "director"
            | "chief"
            | "ambassador"
            | "consul"
            | "leftist"
            | "rightist"
            | "liberal"
            | "conservative"
            | "opposition"
            | "party"
            | "sister"
            | "nun"
            | "reverend"
            | "rev."
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use tocsin_nlp::tokenize::{sentences, tokenize};

    /// The named victims of a one-sentence text whose person names are the given phrases.
    fn victims_of(text: &str, names: &[&str]) -> Vec<String> {
        let tokens = tokenize(text);
        let sents = sentences(text, &tokens);
        let entities: Vec<Entity> = names
            .iter()
            .map(|n| {
                let start = text.find(n).expect("name in text");
                Entity {
                    text: n.to_string(),
                    label: EntityLabel::Per,
                    start: start as u32,
                    end: (start + n.len()) as u32,
                    canonical: None,
                }
            })
            .collect();
        let words: Vec<String> = tokens.iter().map(|t| t.text(text).to_lowercase()).collect();
        let s = &sents[0];
        let toks = &tokens[s.tokens.clone()];
        let local = |pick: fn(&Entity, u32, u32) -> bool| -> Vec<Option<usize>> {
            toks.iter()
                .map(|t| entities.iter().position(|e| pick(e, t.start, t.end)))
                .collect()
        };
        let sent = Sent {
            text,
            toks,
            words: &words[s.tokens.clone()],
            base: s.tokens.start,
            number_starts: Vec::new(),
            entity_end: local(|e, _, end| e.end == end),
            entity_at: local(|e, start, end| e.start <= start && end <= e.end),
            entities: &entities,
        };
        named_victims(&sent).into_iter().map(|r| r.text).collect()
    }

    #[test]
    fn the_object_of_a_harm_noun_or_verb_is_a_victim() {
        assert_eq!(
            victims_of(
                "the murder of jesuit priest ignacio ellacuria shocked the country.",
                &["ignacio ellacuria"]
            ),
            ["ignacio ellacuria"]
        );
        assert_eq!(
            victims_of(
                "Gunmen killed former senator Jaime Pardo Leal on Sunday.",
                &["Jaime Pardo Leal"]
            ),
            ["Jaime Pardo Leal"]
        );
        assert_eq!(
            victims_of(
                "an attempt on the life of miguel maza marquez failed.",
                &["miguel maza marquez"]
            ),
            ["miguel maza marquez"]
        );
    }

    #[test]
    fn a_passive_or_possessive_after_the_name_makes_a_victim() {
        assert_eq!(
            victims_of(
                "Hector Oqueli, a social democratic leader, was kidnapped in Guatemala.",
                &["Hector Oqueli"]
            ),
            ["Hector Oqueli"]
        );
        assert_eq!(
            victims_of(
                "carlos galan, who was assassinated last year, led the party.",
                &["carlos galan"]
            ),
            ["carlos galan"]
        );
        assert_eq!(
            victims_of("Galan's assassination shocked Colombia.", &["Galan"]),
            ["Galan"]
        );
    }

    #[test]
    fn a_title_taken_into_the_name_is_dropped() {
        assert_eq!(
            victims_of(
                "the killing of jesuit ignacio ellacuria was condemned.",
                &["jesuit ignacio ellacuria"]
            ),
            ["ignacio ellacuria"]
        );
    }

    #[test]
    fn speakers_killers_and_bystanders_are_not_victims() {
        assert!(victims_of(
            "President Cristiani said the rebels killed three soldiers.",
            &["Cristiani"]
        )
        .is_empty());
        assert!(victims_of(
            "the soldiers were killed by troops under colonel benavides.",
            &["benavides"]
        )
        .is_empty());
        assert!(victims_of(
            "Pablo Escobar ordered the attack, police said.",
            &["Pablo Escobar"]
        )
        .is_empty());
    }

    #[test]
    fn descriptions_before_the_name_are_stepped_over() {
        assert_eq!(
            victims_of(
                "the death of salvadoran leftist leader hector oqueli colindres was confirmed.",
                &["hector oqueli colindres"]
            ),
            ["hector oqueli colindres"]
        );
        assert_eq!(
            victims_of(
                "troops murdered university student mario flores near acajutla.",
                &["mario flores"]
            ),
            ["mario flores"]
        );
    }

    #[test]
    fn names_listed_together_share_the_harm() {
        assert_eq!(
            victims_of(
                "roberto roascio of milan and mario accurso were taken hostage.",
                &["roberto roascio", "mario accurso"]
            ),
            ["roberto roascio", "mario accurso"]
        );
        assert_eq!(
            victims_of(
                "the attack against antonio rodriguez porth and edgar chacon failed.",
                &["antonio rodriguez porth", "edgar chacon"]
            ),
            ["antonio rodriguez porth", "edgar chacon"]
        );
        // A name listed beside a speaker is not harmed by what the speaker reports.
        assert!(victims_of(
            "cristiani and merino said that troops were attacked.",
            &["cristiani", "merino"]
        )
        .is_empty());
    }

    #[test]
    fn a_possessor_or_a_political_attack_is_no_victim() {
        assert!(victims_of(
            "the fatal shooting of Houston McDonald's owner shocked the city.",
            &["McDonald"]
        )
        .is_empty());
        assert!(victims_of(
            "During the speech Trump attacked Clinton for her support of the war.",
            &["Clinton"]
        )
        .is_empty());
    }

    #[test]
    fn an_apposition_does_not_hide_the_harm() {
        assert_eq!(
            victims_of(
                "oqueli, leader of the national revolutionary movement (mnr) and hilda \
                 flores, a guatemalan social democratic leader were abducted in january.",
                &["oqueli", "hilda flores"]
            ),
            ["oqueli", "hilda flores"]
        );
    }

    #[test]
    fn an_age_between_commas_is_stepped_over() {
        assert_eq!(
            victims_of(
                "Jon Boring, 51, was shot and killed on Friday.",
                &["Jon Boring"]
            ),
            ["Jon Boring"]
        );
    }
}
