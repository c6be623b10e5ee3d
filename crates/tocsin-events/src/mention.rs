//! Event mentions: one sentence's report of an event, with the roles the sentence fills.

use crate::casualty::{sentence_tolls, Toll, TollRole};
use crate::lexicon::{
    is_attacker_noun, is_irrealis, is_nonviolent_cause, is_target_noun, is_weapon_word, trigger_at,
    Trigger, TriggerKind,
};
use crate::sentence::Sent;
use crate::{Doc, PlaceMention};
use tocsin_model::{ActorKind, Attribution, EntityLabel, EventType, Figure, Perpetrator, Role};
use tocsin_nlp::resolve::ActorKind as TableKind;
use tocsin_nlp::timex::TimeMention;

/// What a mention says happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentionKind {
    /// A typed event.
    Typed(EventType),
    /// An attack of unstated type.
    Generic,
    /// Only a toll ("95 people were killed").
    Toll,
}

impl MentionKind {
    /// Whether the mention is of violence (as opposed to arrests, threats, protests).
    pub fn is_violent(self) -> bool {
        match self {
            MentionKind::Typed(t) => t.is_violent(),
            _ => true,
        }
    }
}

/// A date read for a mention.
#[derive(Debug, Clone, PartialEq)]
pub struct DateCand {
    /// The time expression.
    pub time: TimeMention,
    /// Whether it came from a caption.
    pub caption: bool,
}

/// One sentence's report of an event.
#[derive(Debug, Clone)]
pub struct Mention {
    /// What happened.
    pub kind: MentionKind,
    /// Attack modes named.
    pub modes: Vec<&'static str>,
    /// Sentence index.
    pub sentence: usize,
    /// Paragraph index.
    pub para: usize,
    /// The sentence's bytes.
    pub span: [u32; 2],
    /// Tolls the sentence states.
    pub tolls: Vec<Toll>,
    /// Perpetrators named.
    pub perpetrators: Vec<Perpetrator>,
    /// Targets.
    pub targets: Vec<Role>,
    /// Victims.
    pub victims: Vec<Role>,
    /// Weapons.
    pub weapons: Vec<Role>,
    /// Number of attackers, when stated.
    pub attackers: Option<Figure>,
    /// The date the sentence gives.
    pub date: Option<DateCand>,
    /// The place the sentence gives, with its score.
    pub place: Option<(PlaceMention, f32)>,
    /// Whether the trigger is a strong one (a typed event word).
    pub strong: bool,
    /// Whether the sentence says someone died ("deadly", "fatal", "homicide") without
    /// necessarily counting them.
    pub fatal: bool,
}

/// A kept trigger in a sentence.
#[derive(Debug, Clone, Copy)]
struct Hit {
    at: usize,
    trig: Trigger,
}

fn inside(quoted: &[(u32, u32)], start: u32) -> bool {
    quoted.iter().any(|&(s, e)| s <= start && start < e)
}

/// Whether the trigger at `at` is hypothetical, negated, generic or a figure of speech.
fn is_unreal(s: &Sent<'_>, at: usize, trig: &Trigger) -> bool {
    if is_figurative(s, at) || is_seized_arms(s, at) || is_discredited(s, at) || is_purpose(s, at) {
        return true;
    }
    for k in (at.saturating_sub(6)..at).rev() {
        let w = s.word(k);
        if matches!(w, "." | ";" | ":" | "—" | "but") {
            break;
        }
        if is_irrealis(w) {
            return true;
        }
    }
    // "to launch an attack", "to carry out attacks": an intention.
    if at >= 2
        && matches!(s.word(at - 1), "an" | "a" | "attacks")
        && matches!(s.word(at - 2), "launch" | "carry" | "stage" | "mount")
    {
        return at >= 3 && s.word(at - 3) == "to";
    }
    if trig.noun && trig.plural {
        // A plural noun names events only when counted or pointed at: "two bombings", "the
        // attacks"; "multiple attacks", "attacks on civilians" are generic.
        let before: Vec<&str> = (at.saturating_sub(3)..at).map(|k| s.word(k)).collect();
        let counted = (at.saturating_sub(3)..at).any(|k| s.is_number_start(k))
            || before.iter().any(|w| {
                matches!(
                    *w,
                    "the"
                        | "these"
                        | "those"
                        | "twin"
                        | "both"
                        | "coordinated"
                        | "friday's"
                        | "saturday's"
                        | "sunday's"
                        | "monday's"
                        | "tuesday's"
                        | "wednesday's"
                        | "thursday's"
                        | "yesterday's"
                        // Threats received or made are real ones: "has received death
                        // threats", "issued death threats against …".
                        | "received"
                        | "receiving"
                        | "issued"
                        | "made"
                        | "sent"
                )
            });
        return !counted;
    }
    false
}

/// Whether the sentence calls the report of the event false: "the report that the daughter
/// of Israel's ambassador was seriously wounded by gunfire is absolutely unfounded".
fn is_discredited(s: &Sent<'_>, at: usize) -> bool {
    (at + 1..s.len()).any(|k| {
        matches!(
            s.word(k),
            "unfounded" | "baseless" | "untrue" | "groundless"
        ) && matches!(
            s.word(k.wrapping_sub(1)),
            "is" | "was" | "are" | "were" | "absolutely" | "totally" | "completely"
        )
    })
}

/// Whether a verb of violence in its bare form after "to" states a purpose, not a deed:
/// "mercenaries who came to the country allegedly to assassinate Pablo Escobar". A try is
/// a deed ("tried to kill"), as MUC and ACLED count attempts.
fn is_purpose(s: &Sent<'_>, at: usize) -> bool {
    let bare = matches!(
        s.word(at),
        "assassinate" | "kill" | "murder" | "kidnap" | "bomb" | "attack" | "abduct" | "execute"
    );
    if !bare || at == 0 || s.word(at - 1) != "to" {
        return false;
    }
    let tried = (at.saturating_sub(4)..at - 1).any(|k| {
        matches!(
            s.word(k),
            "tried" | "tries" | "attempted" | "attempting" | "trying" | "managed"
        )
    });
    !tried
}

/// Violence words used as figures of speech: "a social time bomb", "an explosion of
/// freedom", "attacks on the freedom of expression", "this attack against the nation". A
/// real explosion names what blew up; a real attack hits people or places, not ideas.
fn is_figurative(s: &Sent<'_>, at: usize) -> bool {
    let w = s.word(at);
    if matches!(w, "bomb" | "bombs") && at > 0 && s.word(at - 1) == "time" {
        return true;
    }
    if matches!(w, "explosion" | "explosions") && s.word(at + 1) == "of" {
        let named = (at + 2..(at + 7).min(s.len())).any(|k| {
            let x = s.word(k);
            is_weapon_word(x) || matches!(x, "device" | "devices" | "charge" | "charges" | "car")
        });
        return !named;
    }
    if matches!(w, "attack" | "attacks" | "assault" | "assaults")
        && matches!(s.word(at + 1), "on" | "against" | "upon")
    {
        for k in at + 2..(at + 6).min(s.len()) {
            let x = s.word(k);
            if is_abstract_target(x) {
                return !s.word(k + 1).starts_with('\'');
            }
            if !matches!(x, "the" | "our" | "their" | "its" | "this" | "that") && !x.ends_with("an")
            {
                break;
            }
        }
    }
    false
}

/// A bomb or grenade named among arms seized, found or bought, in a sentence where nothing
/// goes off: "the weapons -- 348 AK-47 rifles, fragmentation grenades and 100 explosive
/// blocks -- were seized". An arms cache is no attack; a bomb defused is still a foiled
/// one, so defusing does not count here.
fn is_seized_arms(s: &Sent<'_>, at: usize) -> bool {
    let w = s.word(at);
    if !matches!(
        w,
        "bomb" | "bombs" | "grenade" | "grenades" | "ied" | "ieds" | "explosives"
    ) {
        return false;
    }
    let defused =
        (0..s.len()).any(|k| matches!(s.word(k), "defused" | "deactivated" | "dismantled"));
    !went_off(s) && !defused && seized_near(s, at)
}

/// Whether the sentence says something went off or did harm: an explosion, a throw, a
/// death or wound, damage, an attack.
fn went_off(s: &Sent<'_>) -> bool {
    (0..s.len()).any(|k| {
        matches!(
            s.word(k),
            "exploded"
                | "explosion"
                | "detonated"
                | "blast"
                | "blew"
                | "hurled"
                | "threw"
                | "thrown"
                | "killed"
                | "wounded"
                | "injured"
                | "damaged"
                | "destroyed"
                | "attack"
                | "attacked"
        )
    })
}

/// Nouns for ideas and institutions in the abstract, which an attack in words can hit.
fn is_abstract_target(w: &str) -> bool {
    matches!(
        w,
        "freedom"
            | "freedoms"
            | "liberty"
            | "liberties"
            | "democracy"
            | "sovereignty"
            | "peace"
            | "dignity"
            | "rights"
            | "constitution"
            | "nation"
            | "honor"
            | "honour"
            | "reputation"
            | "image"
            | "economy"
            | "credibility"
            | "integrity"
            | "independence"
            | "process"
            | "truth"
    )
}

/// The paragraph index of every sentence.
fn paragraph_of(doc: &Doc<'_>) -> Vec<usize> {
    let paras = tocsin_nlp::tokenize::paragraphs(doc.text);
    let mut p = 0;
    doc.sentences
        .iter()
        .map(|s| {
            while p + 1 < paras.len() && paras[p].end <= s.start {
                p += 1;
            }
            p
        })
        .collect()
}

/// Builds the view of sentence `si`.
pub fn sent<'a>(doc: &Doc<'a>, words: &'a [String], si: usize) -> Sent<'a> {
    let s = &doc.sentences[si];
    let toks = &doc.tokens[s.tokens.clone()];
    let base = s.tokens.start;
    let number_starts = doc
        .numbers
        .iter()
        .filter(|m| m.tokens.start >= base && m.tokens.start < s.tokens.end)
        .map(|m| m.tokens.start - base)
        .collect();
    let mut entity_end = vec![None; toks.len()];
    let mut entity_at = vec![None; toks.len()];
    for (e, ent) in doc.entities.iter().enumerate() {
        if ent.end <= s.start || ent.start >= s.end {
            continue;
        }
        for (k, t) in toks.iter().enumerate() {
            if t.start >= ent.start && t.end <= ent.end {
                entity_at[k] = Some(e);
                if t.end == ent.end {
                    entity_end[k] = Some(e);
                }
            }
        }
    }
    Sent {
        text: doc.text,
        toks,
        words: &words[s.tokens.clone()],
        base,
        number_starts,
        entity_end,
        entity_at,
        entities: doc.entities,
    }
}

/// Finds the event mentions of every sentence.
pub fn find_mentions(doc: &Doc<'_>, words: &[String], quoted: &[(u32, u32)]) -> Vec<Mention> {
    let para = paragraph_of(doc);
    let mut out = Vec::new();
    for (si, &para_si) in para.iter().enumerate() {
        let s = sent(doc, words, si);
        let mut hits = Vec::new();
        let mut i = 0;
        while i < s.len() {
            if let Some(trig) = trigger_at(s.words, i) {
                if !inside(quoted, s.toks[i].start) && !is_unreal(&s, i, &trig) {
                    hits.push(Hit { at: i, trig });
                }
                i += trig.len;
            } else {
                i += 1;
            }
        }
        if hits.is_empty() {
            continue;
        }
        let nonviolent_cause = (0..s.len()).any(|k| is_nonviolent_cause(s.word(k)));
        let numbers: Vec<_> = doc
            .numbers
            .iter()
            .filter(|m| m.tokens.start >= s.base && m.tokens.end <= s.base + s.len())
            .filter(|m| !inside(quoted, m.span.start))
            .collect();
        let tolls = sentence_tolls(&s, &numbers);
        if std::env::var_os("TOCSIN_EXPLAIN_EVENTS").is_some() {
            let [a, b] = s.span();
            eprintln!(
                "sentence {si}: {:?}\n  triggers: {:?}\n  tolls: {:?}",
                doc.text.get(a as usize..b as usize).unwrap_or(""),
                hits.iter()
                    .map(|h| (s.word(h.at), h.trig.kind))
                    .collect::<Vec<_>>(),
                tolls
                    .iter()
                    .map(|t| (t.role, t.text.as_str(), t.min))
                    .collect::<Vec<_>>()
            );
        }
        let violent: Vec<&Hit> = hits
            .iter()
            .filter(|h| match h.trig.kind {
                TriggerKind::Typed(t) => t.is_violent(),
                _ => true,
            })
            .collect();
        let strong = violent
            .iter()
            .any(|h| matches!(h.trig.kind, TriggerKind::Typed(_)));
        let has_violent = if strong {
            true
        } else {
            // Without an attack word, a toll counts only when it is not an accident's nor a
            // tally over years, and it counts someone or names whom it killed.
            !violent.is_empty()
                && !nonviolent_cause
                && !is_tally_over_years(&s)
                && (violent
                    .iter()
                    .any(|h| h.trig.kind == TriggerKind::GenericAttack)
                    || !tolls.is_empty()
                    || violent.iter().any(|h| names_the_killed(&s, h.at)))
        };
        let base = Mention {
            kind: MentionKind::Toll,
            modes: Vec::new(),
            sentence: si,
            para: para_si,
            span: s.span(),
            tolls: Vec::new(),
            perpetrators: Vec::new(),
            targets: Vec::new(),
            victims: Vec::new(),
            weapons: Vec::new(),
            attackers: None,
            date: None,
            place: None,
            strong,
            fatal: (0..s.len()).any(|k| {
                matches!(
                    s.word(k),
                    "fatal"
                        | "deadly"
                        | "homicide"
                        | "slaying"
                        | "murder"
                        | "murdered"
                        | "killer"
                        | "died"
                        | "dies"
                ) && !matches!(s.word(k.saturating_sub(1)), "attempted" | "attempt")
                    // "assault with a deadly weapon" is a charge, not a death.
                    && !(s.word(k) == "deadly" && matches!(s.word(k + 1), "weapon" | "weapons"))
            }),
        };
        let mut arrested: Vec<Perpetrator> = Vec::new();
        for h in &hits {
            if let TriggerKind::Typed(t) = h.trig.kind {
                if t.is_violent()
                    || out
                        .iter()
                        .any(|m: &Mention| m.sentence == si && m.kind == MentionKind::Typed(t))
                {
                    continue;
                }
                let mut m = base.clone();
                m.kind = MentionKind::Typed(t);
                m.strong = true;
                m.date = date_near(doc, &s, h.at);
                m.place = place_near(doc, &s, h.at);
                if t == EventType::Arrest {
                    let attribution = attribution_of_arrest(s.word(h.at));
                    match subject_of(&s, h.at, attribution) {
                        Some(p) => arrested.push(p),
                        None => arrested.extend(objects_of_arrest(&s, h.at, attribution)),
                    }
                    m.perpetrators.extend(arrested.iter().cloned());
                }
                if t == EventType::Threat {
                    m.victims = threatened_people(doc, &s, h.at);
                }
                out.push(m);
            }
        }
        if !has_violent {
            continue;
        }
        let main = pick_main(&violent);
        let mut m = base;
        m.kind = match main.trig.kind {
            TriggerKind::Typed(t) => MentionKind::Typed(t),
            TriggerKind::GenericAttack => MentionKind::Generic,
            TriggerKind::Toll => MentionKind::Toll,
        };
        m.kind = refine_kind(&s, main.at, m.kind);
        for h in &violent {
            if let Some(mode) = h.trig.mode {
                if !m.modes.contains(&mode) {
                    m.modes.push(mode);
                }
            }
        }
        m.tolls = tolls;
        m.date = date_near(doc, &s, main.at);
        m.place = place_near(doc, &s, main.at);
        m.perpetrators = perpetrators(doc, &s, main.at);
        for p in arrested {
            push_perp(&mut m.perpetrators, p);
        }
        m.attackers = attackers(&s);
        m.targets = targets(&s, main.at);
        m.weapons = weapons(&s);
        m.victims = victims(&s, &m.tolls);
        out.push(m);
    }
    out
}

/// The people a threat is made against: named after "threats against" or "threatened"
/// ("death threats against Liberal candidate César Gaviria Trujillo", "threatened judge X"),
/// or the one who "received" threats, a pronoun standing for the sentence's first person
/// ("Archbishop Rivera y Damas announced that he has again received death threats").
fn threatened_people(doc: &Doc<'_>, s: &Sent<'_>, at: usize) -> Vec<Role> {
    let mut out = Vec::new();
    let mut push = |e: usize| {
        let ent = &doc.entities[e];
        let (text, start) = crate::victims::fullest_name(doc.entities, e)
            .map_or((ent.text.as_str(), ent.start), |(t, st)| (t, st));
        if !out.iter().any(|r: &Role| r.text == text) {
            out.push(crate::victims::named_person(text, start));
        }
    };
    let w = s.word(at);
    let after = if w == "threatened" {
        Some(at + 1)
    } else if matches!(s.word(at + 1), "against" | "to") {
        Some(at + 2)
    } else if s.word(at) == "death" && matches!(s.word(at + 2), "against" | "to") {
        Some(at + 3)
    } else {
        None
    };
    if let Some(a) = after {
        for j in a..(a + 6).min(s.len()) {
            if s.is_person_entity_end(j) {
                if let Some(e) = s.entity_end[j] {
                    push(e);
                }
                break;
            }
        }
    }
    let received = (at.saturating_sub(4)..at).find(|&j| s.word(j) == "received");
    if let Some(r) = received {
        let subject = (r.saturating_sub(4)..r)
            .rev()
            .find_map(|j| match s.word(j) {
                "he" | "she" => (0..j).find_map(|k| {
                    s.entity_at[k].filter(|&e| doc.entities[e].label == EntityLabel::Per)
                }),
                _ => s.entity_end[j].filter(|&e| doc.entities[e].label == EntityLabel::Per),
            });
        if let Some(e) = subject {
            push(e);
        }
    }
    out
}

/// Whether a killing names whom it killed: "the murder of Jecar Neghme", "the
/// assassination of Archbishop Oscar Romero", "murdered university student Mario Flores" (a
/// person's name within five words). Such a killing is an event even with no count in the
/// sentence.
fn names_the_killed(s: &Sent<'_>, at: usize) -> bool {
    let noun = matches!(
        s.word(at),
        "murder" | "assassination" | "killing" | "slaying"
    ) && s.word(at + 1) == "of";
    // The active verb with its object: "troops murdered peasants Víctor Manuel Vásquez and
    // Rafael Romero".
    let verb = matches!(
        s.word(at),
        "murdered" | "killed" | "assassinated" | "executed" | "slew"
    ) && !matches!(
        s.word(at.wrapping_sub(1)),
        "was" | "were" | "been" | "be" | "being"
    );
    // "the murder committed by FMLN guerrillas against Dr Ignacio Ellacuría".
    let against = matches!(
        s.word(at),
        "murder" | "assassination" | "killing" | "slaying"
    ) && (at + 1..(at + 8).min(s.len()))
        .find(|&j| s.word(j) == "against")
        .is_some_and(|g| (g + 1..(g + 5).min(s.len())).any(|j| s.is_person_entity_end(j)));
    against || (noun || verb) && (at + 1..(at + 6).min(s.len())).any(|j| s.is_person_entity_end(j))
}

/// Whether the sentence tallies deaths over a span of years rather than telling of one
/// event: "More than 13,000 people have died in Peru since 1980", "the violence has killed
/// 2,000 people over the past decade".
fn is_tally_over_years(s: &Sent<'_>) -> bool {
    let perfect = (0..s.len()).any(|k| matches!(s.word(k), "have" | "has"));
    let span_of_years = (0..s.len()).any(|k| match s.word(k) {
        "since" => {
            let y = s.word(k + 1);
            y.len() == 4 && y.chars().all(|c| c.is_ascii_digit())
        }
        "past" | "last" => {
            matches!(s.word(k + 1), "decade" | "decades" | "years" | "century")
                || matches!(s.word(k + 2), "years" | "decades")
        }
        _ => false,
    });
    perfect && span_of_years
}

/// Corrects the type the trigger word gave from what the sentence says around it: bombs
/// dropped or fire opened by an air force or helicopters are a remote strike ("the air
/// force resumed its attacks", "helicopters have been bombing and strafing", "the
/// bombings carried out by the air force"), and deaths or attacks told of fighting, combat
/// or a clash are an armed clash ("was killed on 3 September while fighting", "three
/// soldiers died in combat", "one army company was annihilated during the battle"), as
/// ACLED tells battles between armed groups from violence against civilians. A bombing
/// keeps its type: a device set off is not a clash even where a fight followed.
fn refine_kind(s: &Sent<'_>, at: usize, kind: MentionKind) -> MentionKind {
    // The aircraft must be the one acting: close before the trigger, not the object of a
    // preposition ("a wall of the air force installations", "shot at a helicopter").
    let from = at.saturating_sub(5);
    let aerial_before = (from..at).any(|k| {
        let acting = k == 0
            || !matches!(
                s.word(k - 1),
                "of" | "at" | "on" | "against" | "near" | "to" | "down" | "a" | "an"
            );
        let between = (k + 1..at).all(|j| {
            !matches!(
                s.word(j),
                "of" | "at" | "on" | "in" | "against" | "near" | "to" | "," | "which" | "that"
            )
        });
        acting
            && between
            && (matches!(
                s.word(k),
                "warplane"
                    | "warplanes"
                    | "helicopter"
                    | "helicopters"
                    | "gunship"
                    | "gunships"
                    | "strafing"
                    | "strafed"
                    | "jets"
                    | "bombers"
            ) || (s.word(k) == "air" && s.word(k + 1) == "force"))
    });
    match kind {
        MentionKind::Typed(EventType::Bombing | EventType::ArmedAssault) | MentionKind::Generic
            if aerial_before || aerial_agent_after(s, at) =>
        {
            MentionKind::Typed(EventType::RemoteStrike)
        }
        MentionKind::Toll | MentionKind::Generic | MentionKind::Typed(EventType::ArmedAssault)
            if tells_of_combat(s) =>
        {
            MentionKind::Typed(EventType::ArmedClash)
        }
        k => k,
    }
}

/// Whether the trigger's agent, named after it, is an air force or aircraft: "the heavy
/// bombings carried out by the Salvadoran Air Force", "was bombed by warplanes".
fn aerial_agent_after(s: &Sent<'_>, at: usize) -> bool {
    let Some(by) = (at + 1..(at + 5).min(s.len())).find(|&k| s.word(k) == "by") else {
        return false;
    };
    (by + 1..(by + 5).min(s.len()))
        .take_while(|&k| {
            !matches!(
                s.word(k),
                "," | "." | ";" | "and" | "of" | "against" | "near" | "at" | "in" | "on"
            )
        })
        .any(|k| {
            matches!(
                s.word(k),
                "warplanes" | "helicopters" | "gunships" | "jets" | "bombers" | "aircraft"
            ) || (s.word(k) == "air" && s.word(k + 1) == "force")
        })
}

/// Whether the sentence tells of a fight between armed sides: a clash, battle, combat,
/// shoot-out or exchange of fire, or fighting that is not for someone's life.
/// A fight against a scourge ("the battle against drug trafficking", "to combat
/// terrorism") is policy, not combat.
fn tells_of_combat(s: &Sent<'_>) -> bool {
    let against_a_scourge = |k: usize| {
        s.word(k + 1) == "against" && (k + 2..(k + 5).min(s.len())).any(|j| is_scourge(s.word(j)))
    };
    (0..s.len()).any(|k| match s.word(k) {
        "fighting" => !matches!(s.word(k + 1), "for" | "with") && !against_a_scourge(k),
        // "died while serving as a volunteer in the guerrilla group": a combatant's death.
        "serving" => s.word(k.wrapping_sub(1)) == "while",
        "shoot-out" | "shootouts" | "shoot-outs" => true,
        // "combat" after "to" is the verb.
        "combat" => {
            !matches!(s.word(k.wrapping_sub(1)), "to" | "must" | "will") && !against_a_scourge(k)
        }
        "battle" | "confrontation" | "confrontations" => !against_a_scourge(k),
        "clash" | "clashes" | "clashed" | "skirmish" | "skirmishes" | "firefight" | "shootout" => {
            true
        }
        "shoot" => s.word(k + 1) == "-" && s.word(k + 2) == "out",
        "exchange" => s.word(k + 1) == "of" && s.word(k + 2) == "fire",
        "exchanged" => s.word(k + 1) == "fire",
        _ => false,
    })
}

/// Ills a government is said to fight.
fn is_scourge(w: &str) -> bool {
    matches!(
        w,
        "drug"
            | "drugs"
            | "narcotics"
            | "crime"
            | "terrorism"
            | "corruption"
            | "poverty"
            | "impunity"
            | "narcotrafficking"
            | "trafficking"
            | "inflation"
    )
}

/// The trigger that types the mention: a typed one first, by how specific the type is.
fn pick_main<'h>(violent: &[&'h Hit]) -> &'h Hit {
    let rank = |h: &Hit| match h.trig.kind {
        TriggerKind::Typed(EventType::Bombing) => 0,
        TriggerKind::Typed(EventType::RemoteStrike) => 1,
        TriggerKind::Typed(EventType::HostageTaking) => 2,
        TriggerKind::Typed(EventType::Hijacking) => 3,
        TriggerKind::Typed(EventType::Assassination) => 4,
        TriggerKind::Typed(EventType::ArmedAssault) => 5,
        TriggerKind::Typed(EventType::ArsonSabotage) => 6,
        TriggerKind::Typed(EventType::ArmedClash) => 7,
        TriggerKind::Typed(_) => 8,
        TriggerKind::GenericAttack => 9,
        TriggerKind::Toll => 10,
    };
    violent
        .iter()
        .min_by_key(|h| (rank(h), h.at))
        .copied()
        .unwrap_or(violent[0])
}

/// The time expression of the sentence nearest the trigger.
fn date_near(doc: &Doc<'_>, s: &Sent<'_>, at: usize) -> Option<DateCand> {
    let [start, end] = s.span();
    doc.times
        .iter()
        .filter(|t| t.span.start >= start && t.span.end <= end && t.value.is_some())
        .filter(|t| !t.approximate)
        .min_by_key(|t| {
            let k = t.tokens.start.saturating_sub(s.base);
            (k as i64 - at as i64).unsigned_abs()
        })
        .map(|t| DateCand {
            time: t.clone(),
            caption: false,
        })
}

/// The place of the sentence that is most likely where the event happened: the finest
/// place, preferring one after the trigger ("bombing at X", "attack in X") and near it.
fn place_near(doc: &Doc<'_>, s: &Sent<'_>, at: usize) -> Option<(PlaceMention, f32)> {
    let [start, end] = s.span();
    let trig = s.toks.get(at).map_or(start, |t| t.start);
    doc.places
        .iter()
        .filter(|p| p.start >= start && p.end <= end && p.rank < 6)
        .map(|p| {
            let after = p.start >= trig;
            let dist = (p.start as f32 - trig as f32).abs() / 60.0;
            let mut score = (6 - p.rank) as f32 * 0.3 - dist + if after { 0.6 } else { 0.0 };
            if p.demonym {
                score -= 1.0;
            }
            (p.clone(), score)
        })
        .max_by(|a, b| a.1.total_cmp(&b.1))
}

/// Attribution words of a sentence.
pub(crate) fn attribution_cue(s: &Sent<'_>) -> Attribution {
    let mut best = Attribution::Suspected;
    for k in 0..s.len() {
        let a = match s.word(k) {
            "claimed" | "claim" | "claiming" | "claims" => Attribution::Claimed,
            "denied" | "denies" | "deny" | "denying" => Attribution::Denied,
            "convicted" | "guilty" | "sentenced" => Attribution::Convicted,
            "charged" | "indicted" => Attribution::Charged,
            "accused" | "accuses" | "accusing" | "blamed" | "blames" => Attribution::Accused,
            _ => continue,
        };
        if a == Attribution::Claimed && s.word(k + 1) == "that" {
            continue;
        }
        best = best.min(a);
    }
    best
}

fn attribution_of_arrest(w: &str) -> Attribution {
    match w {
        "charged" | "indicted" => Attribution::Charged,
        "convicted" | "sentenced" => Attribution::Convicted,
        _ => Attribution::Suspected,
    }
}

/// Whether an organization entity names an armed actor.
pub(crate) fn is_armed_group(doc: &Doc<'_>, e: usize) -> bool {
    let ent = &doc.entities[e];
    if ent.label != EntityLabel::Org && ent.label != EntityLabel::Misc {
        return false;
    }
    if let Some(&c) = doc.resolution.entity_cluster.get(e) {
        if let Some(actor) = doc
            .resolution
            .clusters
            .get(c)
            .and_then(|c| c.actor.as_ref())
        {
            return actor.kind == TableKind::ArmedGroup;
        }
    }
    let t = ent.text.to_lowercase();
    [
        "taliban",
        "qaeda",
        "qaida",
        "shabaab",
        "boko haram",
        "hamas",
        "hezbollah",
        "militia",
        "brigade",
        "liberation",
        "islamic state",
        "mujahideen",
        "jihad",
        "front",
        "army",
        "guerrilla",
        "cartel",
        "rebels",
    ]
    .iter()
    .any(|k| t.contains(k))
}

/// Nouns after a group's name that make the phrase about something else: "Taliban
/// takeover", "Hamas leader".
pub(crate) fn is_non_agent_head(w: &str) -> bool {
    matches!(
        w,
        "takeover"
            | "government"
            | "leader"
            | "leaders"
            | "spokesman"
            | "spokeswoman"
            | "spokesperson"
            | "official"
            | "officials"
            | "rule"
            | "regime"
            | "control"
            | "territory"
            | "chief"
            | "founder"
            | "commander"
            | "ideology"
            | "propaganda"
            | "flag"
            | "flags"
            | "media"
            | "supporters"
            | "sympathizers"
            | "sympathisers"
            | "website"
            | "statement"
            | "channel"
            | "victory"
    )
}

/// The armed groups the sentence names as actors (not "the Taliban's statement"), each once,
/// with the sentence's attribution.
fn named_groups(doc: &Doc<'_>, s: &Sent<'_>, cue: Attribution) -> Vec<Perpetrator> {
    let mut out: Vec<Perpetrator> = Vec::new();
    let mut seen = Vec::new();
    for k in 0..s.len() {
        let Some(e) = s.entity_end.get(k).copied().flatten() else {
            continue;
        };
        if seen.contains(&e) || !is_armed_group(doc, e) || is_non_agent_head(s.word(k + 1)) {
            continue;
        }
        seen.push(e);
        push_perp(
            &mut out,
            entity_perp(&doc.entities[e], ActorKind::Organization, cue),
        );
    }
    out
}

/// Groups the sentence links to the event, and attackers it names as people.
fn perpetrators(doc: &Doc<'_>, s: &Sent<'_>, at: usize) -> Vec<Perpetrator> {
    let cue = attribution_cue(s);
    let mut out = named_groups(doc, s, cue);
    if out.is_empty()
        && (0..s.len()).any(|k| matches!(s.word(k), "responsible" | "claimed" | "behind"))
    {
        // "it was responsible for two bombings": the group named last before this sentence.
        let refers = (0..s.len())
            .any(|k| matches!(s.word(k), "it" | "group" | "organization" | "militants"));
        if refers {
            let start = s.span()[0];
            if let Some((_, ent)) = doc
                .entities
                .iter()
                .enumerate()
                .filter(|(_, ent)| ent.end <= start && start - ent.end < 3000)
                .filter(|(_, ent)| !is_non_agent_head(&next_word(doc.text, ent.end)))
                .rfind(|(e, _)| is_armed_group(doc, *e))
            {
                push_perp(&mut out, entity_perp(ent, ActorKind::Organization, cue));
            }
        }
    }
    // People named as the ones who did it: "X opened fire", "shot by X".
    for k in 0..s.len() {
        if !s.is_person_entity_end(k) {
            continue;
        }
        let Some(e) = s.entity_end[k] else { continue };
        let next = s.word(k + 1);
        let active = matches!(
            next,
            "opened" | "stabbed" | "attacked" | "fired" | "shot" | "killed" | "murdered"
        ) && !matches!(
            s.word(k + 2),
            "dead" | "and" | "in" | "on" | "at" | "by" | "multiple" | "several" | "once" | "twice"
        );
        let agent = k >= 1
            && s.word(k.saturating_sub(1)) == "by"
            && k >= 2
            && matches!(
                s.word(k - 2),
                "shot" | "killed" | "stabbed" | "attacked" | "murdered"
            );
        // The one who ordered it: "Pablo Escobar Gaviria ordered the assassination of …".
        let ordered = matches!(next, "ordered" | "masterminded")
            && (k + 2..(k + 6).min(s.len())).any(|j| is_harm_reference(s.word(j)));
        let ent = &doc.entities[e];
        let suspect_first = (k as i64 - at as i64).abs() < 30
            && s.entity_at
                .iter()
                .position(|x| *x == Some(e))
                .is_some_and(|f| {
                    f > 0 && matches!(s.word(f - 1), "suspect" | "gunman" | "shooter" | "attacker")
                });
        if linked_to_harm(s, e) {
            push_perp(
                &mut out,
                entity_perp(ent, ActorKind::Individual, Attribution::Suspected),
            );
            continue;
        }
        if active || agent || suspect_first || ordered {
            let attribution = if cue == Attribution::Suspected {
                Attribution::Stated
            } else {
                cue
            };
            push_perp(
                &mut out,
                entity_perp(ent, ActorKind::Individual, attribution),
            );
        }
    }
    if let Some(p) = passive_agent(s) {
        push_perp(&mut out, p);
    }
    for p in acting_forces(s) {
        push_perp(&mut out, p);
    }
    let members = members_of_groups(doc, s);
    let described_members = !members.is_empty();
    for p in members {
        push_perp(&mut out, p);
    }
    // Attackers described, not named: "gunmen", "three masked militants", "heavily armed
    // men", "death squads".
    for k in 0..s.len() {
        if described_members
            || !(is_attacker_noun(s.word(k)) || is_armed_people(s, k))
            // Inside a group's name ("Islamic State militants"), unless the tagger took the
            // lone attacker noun for a name ("assassins" as a person in caseless text).
            || s.entity_at[k].is_some_and(|e| {
                s.entities[e].text.split_whitespace().count() > 1
            })
            || matches!(
                s.word(k + 1),
                "attack"
                    | "attacks"
                    | "group"
                    | "groups"
                    | "organization"
                    | "organisation"
                    | "threat"
                    | "cell"
                    | "network"
                    | "plot"
                    | "activity"
                    | "financing"
                    | "charges"
                    | "designation"
                    | "list"
                    | "action"
                    | "actions"
                    | "offensive"
                    | "war"
                    | "warfare"
                    | "leader"
                    | "leaders"
                    | "commander"
                    | "command"
                    | "spokesman"
                    | "station"
                    | "radio"
                    | "sources"
                    | "camp"
                    | "camps"
            )
        {
            continue;
        }
        let a = np_start(s, k, false);
        // The phrase runs over the nouns of a compound: "urban guerrilla commandos".
        let mut end = k + 1;
        while end < s.len() && end < k + 3 && is_attacker_compound_noun(s.word(end)) {
            end += 1;
        }
        push_perp(&mut out, described_perp(s, a, end, ActorKind::Individual));
        break;
    }
    out
}

/// Nouns that continue a compound of attackers: "urban guerrilla commandos", "guerrilla
/// column", "urban commando units".
fn is_attacker_compound_noun(w: &str) -> bool {
    is_attacker_noun(w)
        || matches!(
            w,
            "column"
                | "columns"
                | "unit"
                | "units"
                | "cell"
                | "cells"
                | "squad"
                | "squads"
                | "commando"
        )
}

/// Whether word `k` names people the words before it describe as armed or disguised ("heavily
/// armed men", "uniformed individuals", "masked persons"), or a squad that kills ("death
/// squads", "paramilitary squads"): descriptions of attackers that carry no attacker noun.
fn is_armed_people(s: &Sent<'_>, k: usize) -> bool {
    let w = s.word(k);
    if matches!(w, "squads" | "squad") {
        return matches!(s.word(k.wrapping_sub(1)), "death" | "paramilitary");
    }
    matches!(w, "men" | "individuals" | "persons" | "people")
        && (k.saturating_sub(2)..k).any(|j| {
            matches!(
                s.word(j),
                "armed" | "uniformed" | "masked" | "hooded" | "heavily-armed"
            )
        })
}

/// People described as members of an armed group the sentence names: "members of the
/// Farabundo Marti National Liberation Front (FMLN) attacked", "a column of the Shining
/// Path". The phrase runs to the group's name, which also stands as the organization.
fn members_of_groups(doc: &Doc<'_>, s: &Sent<'_>) -> Vec<Perpetrator> {
    let mut out = Vec::new();
    for k in 0..s.len() {
        let w = s.word(k);
        // An attacker noun stands alone ("guerrillas of the ELN" are guerrillas); a word
        // that says only belonging needs its group.
        let people = matches!(
            w,
            "members" | "member" | "fighters" | "units" | "column" | "columns" | "cell"
        );
        if !people || s.word(k + 1) != "of" {
            continue;
        }
        let g = if s.word(k + 2) == "the" { k + 3 } else { k + 2 };
        let Some(e) = s.entity_at.get(g).copied().flatten() else {
            continue;
        };
        let starts_here = g == 0 || s.entity_at[g - 1] != Some(e);
        if !starts_here || !is_armed_group(doc, e) {
            continue;
        }
        let a = np_start(s, k, false);
        let Some(end_tok) = (g..s.len().min(g + 8))
            .take_while(|&j| {
                s.entity_at[j] == Some(e)
                    && !matches!(s.word(j), "against" | "in" | "on" | "at" | "with" | "near")
            })
            .last()
        else {
            continue;
        };
        out.push(described_perp(s, a, end_tok + 1, ActorKind::Individual));
    }
    out
}

/// The people a passive of harm names as its agents, described and not named: "shot during
/// the night by a group of armed individuals", "machinegunned on 15 november by men wearing
/// military uniforms". The phrase runs from after the article to its head, a word for
/// people or attackers, at most six words on.
fn passive_agent(s: &Sent<'_>) -> Option<Perpetrator> {
    let harmed = (0..s.len()).find(|&k| {
        matches!(
            s.word(k),
            "killed"
                | "murdered"
                | "assassinated"
                | "shot"
                | "machinegunned"
                | "kidnapped"
                | "kidnaped"
                | "abducted"
                | "attacked"
                | "wounded"
                | "stabbed"
                | "executed"
        )
    })?;
    let by = (harmed + 1..(harmed + 10).min(s.len()))
        .take_while(|&j| !matches!(s.word(j), "." | ";" | "and"))
        .find(|&j| s.word(j) == "by")?;
    let mut a = by + 1;
    if matches!(s.word(a), "a" | "an" | "the") {
        a += 1;
    }
    let head = (a..(a + 6).min(s.len()))
        .take_while(|&j| !matches!(s.word(j), "," | "." | ";" | "who" | "that" | "in" | "on"))
        .find(|&j| {
            // An attacker noun is never a name, whatever a caseless tagger made of it.
            is_attacker_noun(s.word(j)) || s.entity_at[j].is_none() && is_agent_people(s.word(j))
        })?;
    Some(described_perp(s, a, head + 1, ActorKind::Individual))
}

/// Plural words for people that, as the agent of a harm, are its perpetrators.
fn is_agent_people(w: &str) -> bool {
    matches!(
        w,
        "men" | "individuals" | "persons" | "people" | "soldiers" | "troops" | "youths"
    ) || is_force_people(w)
}

/// Words for members of state or irregular forces, as people.
fn is_force_people(w: &str) -> bool {
    matches!(
        w,
        "soldiers" | "troops" | "policemen" | "officers" | "agents" | "squads" | "forces"
    )
}

/// Words that name a force as a body: "the army", "the national guard", "the 6th infantry
/// brigade".
fn is_force_body(w: &str) -> bool {
    matches!(
        w,
        "army" | "police" | "guard" | "military" | "battalion" | "brigade" | "detachment"
    )
}

/// State or irregular forces that the sentence says did the harm themselves, as the subject
/// of an active verb of harm: "Guatemalan army troops killed nine peasants", "the National
/// Guard murdered university student Mario Flores". The people ("army troops") are given as
/// individuals and the body they belong to ("Guatemalan army") as an organization, as ACLED
/// codes state forces as actors. A force that only reports, arrests or fights another is not
/// taken: the verb must be one of killing, wounding, kidnapping or torture.
fn acting_forces(s: &Sent<'_>) -> Vec<Perpetrator> {
    let mut out = Vec::new();
    for k in 1..s.len() {
        let verb = s.word(k);
        let harm = matches!(
            verb,
            "killed"
                | "murdered"
                | "assassinated"
                | "massacred"
                | "executed"
                | "tortured"
                | "kidnapped"
                | "abducted"
                | "machinegunned"
                | "wounded"
        );
        // The passive "were killed" has the victims before it.
        if !harm || matches!(s.word(k - 1), "was" | "were" | "been" | "be" | "being") {
            continue;
        }
        let head = k - 1;
        let hw = s.word(head);
        let people = is_force_people(hw);
        if !(people || is_force_body(hw))
            || s.entity_at[head].is_some_and(|e| s.entities[e].label == EntityLabel::Per)
        {
            continue;
        }
        let a = np_start(s, head, false);
        if people {
            out.push(described_perp(s, a, head + 1, ActorKind::Individual));
            // The body the people belong to: "army" of "guatemalan army troops".
            if let Some(b) = (a..head).rev().find(|&j| is_force_body(s.word(j))) {
                out.push(described_perp(s, a, b + 1, ActorKind::Organization));
            }
        } else {
            out.push(described_perp(s, a, head + 1, ActorKind::Organization));
        }
    }
    out
}

/// A perpetrator the sentence describes by the words of tokens `a..b` ("group of 10 paid
/// assassins", "Guatemalan army"), as stated, with those words as its name and evidence.
fn described_perp(s: &Sent<'_>, a: usize, b: usize, kind: ActorKind) -> Perpetrator {
    let (start, end) = s.bytes(a, b);
    perp_at(s, start, end, kind, Attribution::Stated)
}

/// A perpetrator the text names in bytes `start..end`, under those words as written.
fn perp_at(
    s: &Sent<'_>,
    start: u32,
    end: u32,
    kind: ActorKind,
    attribution: Attribution,
) -> Perpetrator {
    let text = s
        .text
        .get(start as usize..end as usize)
        .unwrap_or("")
        .to_string();
    Perpetrator {
        name: text.clone(),
        text,
        kind,
        attribution,
        evidence: vec![[start, end]],
    }
}

/// Gives the document's violent events the armed groups that sentences without an event of
/// their own blame for the violence: "Police blamed the killing on the FARC", "Cristiani
/// attributed Rivera's murder to the FMLN", "the Shining Path claimed responsibility". Such a
/// sentence names harm without a count, so it opens no event; its group joins the violent
/// event told last before it (else the first), with the sentence's attribution.
pub fn attach_attributions(doc: &Doc<'_>, words: &[String], events: &mut [tocsin_model::Event]) {
    let found = crate::merge::carry_over(doc, events, |si| {
        let ws = &words[doc.sentences[si].tokens.clone()];
        // A denial lays nothing at anyone's door here.
        let denied = ws.iter().any(|w| {
            matches!(
                w.as_str(),
                "denied" | "denies" | "deny" | "denying" | "rejected"
            )
        });
        if denied
            || !ws.iter().any(|w| is_blame_word(w))
            || !ws.iter().any(|w| is_harm_reference(w))
        {
            return Vec::new();
        }
        let s = sent(doc, words, si);
        named_groups(doc, &s, attribution_cue(&s))
    });
    for (target, p) in found {
        push_perp(&mut events[target].perpetrators, p);
    }
}

/// Whether the sentence links person entity `e` to the harm: "a sworn declaration in which
/// he links rightist leader Roberto D'Aubuisson to the March 1980 assassination of …".
fn linked_to_harm(s: &Sent<'_>, e: usize) -> bool {
    let Some(first) = s.entity_at.iter().position(|x| *x == Some(e)) else {
        return false;
    };
    let Some(last) = s.entity_at.iter().rposition(|x| *x == Some(e)) else {
        return false;
    };
    let link_before = (first.saturating_sub(4)..first)
        .any(|j| matches!(s.word(j), "links" | "linked" | "link" | "tied" | "ties"));
    link_before
        && s.word(last + 1) == "to"
        && (last + 2..(last + 7).min(s.len())).any(|j| is_harm_reference(s.word(j)))
}

/// Gives the document's violent events the attackers that sentences without an event of
/// their own show acting: "Three heavily armed men forced him to get out of his car",
/// "The criminals, riding motorcycles, intercepted the vehicle", "Criminal terrorists burned
/// nine vehicles", and the people a harm is said to have been ordered by ("the killing had
/// been ordered by Fidel Castaño and Henry Pérez"). Each joins the violent event told last
/// before its sentence (else the first). A described attacker counts only as the subject of
/// a verb of acting, so "guerrillas said" or "the rebels' offensive" gives nothing.
pub fn attach_acting_attackers(
    doc: &Doc<'_>,
    words: &[String],
    events: &mut [tocsin_model::Event],
) {
    let found = crate::merge::carry_over(doc, events, |si| {
        let ws = &words[doc.sentences[si].tokens.clone()];
        let has_acting = ws.iter().any(|w| is_acting_verb(w));
        let has_order =
            ws.iter().any(|w| w == "ordered") && ws.iter().any(|w| is_harm_reference(w));
        if !has_acting && !has_order {
            return Vec::new();
        }
        let s = sent(doc, words, si);
        let mut out = Vec::new();
        if has_acting {
            if let Some(p) = acting_described_attacker(&s) {
                out.push(p);
            }
        }
        if has_order {
            out.extend(ordered_by(doc, &s));
        }
        out
    });
    for (target, p) in found {
        push_perp(&mut events[target].perpetrators, p);
    }
}

/// Verbs of what attackers do in the course of an attack, besides harming.
fn is_acting_verb(w: &str) -> bool {
    matches!(
        w,
        "forced"
            | "intercepted"
            | "boarded"
            | "burned"
            | "torched"
            | "stormed"
            | "raided"
            | "fired"
            | "hurled"
            | "threw"
            | "planted"
            | "placed"
            | "detonated"
            | "dynamited"
            | "sabotaged"
            | "ambushed"
            | "surrounded"
            | "stopped"
            | "dragged"
            | "fled"
            | "escaped"
            | "machinegunned"
            | "blew"
            | "set"
    )
}

/// A described attacker that is the subject of a verb of acting, over an aside between
/// commas: "the criminals, riding motorcycles, intercepted …".
fn acting_described_attacker(s: &Sent<'_>) -> Option<Perpetrator> {
    for k in 0..s.len() {
        if !(is_attacker_noun(s.word(k)) || is_armed_people(s, k))
            || s.entity_at[k].is_some_and(|e| s.entities[e].text.split_whitespace().count() > 1)
        {
            continue;
        }
        let mut v = k + 1;
        if s.word(v) == "," {
            v = (v + 1..(v + 14).min(s.len())).find(|&j| s.word(j) == ",")? + 1;
        } else if matches!(s.word(v), "who" | "which") {
            continue;
        }
        if matches!(s.word(v), "also" | "then" | "later" | "immediately") {
            v += 1;
        }
        if !is_acting_verb(s.word(v)) {
            continue;
        }
        let a = np_start(s, k, false);
        let mut end = k + 1;
        while end < s.len() && end < k + 3 && is_attacker_compound_noun(s.word(end)) {
            end += 1;
        }
        return Some(described_perp(s, a, end, ActorKind::Individual));
    }
    None
}

/// The people named after "ordered by" in a sentence about a harm.
fn ordered_by(doc: &Doc<'_>, s: &Sent<'_>) -> Vec<Perpetrator> {
    let mut out = Vec::new();
    for k in 0..s.len() {
        if s.word(k) != "ordered" || s.word(k + 1) != "by" {
            continue;
        }
        // "ordered by X and Y": the people of a short list.
        let mut j = k + 2;
        while j < s.len() && j < k + 14 {
            match s.entity_at[j] {
                Some(e) if doc.entities[e].label == EntityLabel::Per => {
                    push_perp(
                        &mut out,
                        entity_perp(
                            &doc.entities[e],
                            ActorKind::Individual,
                            Attribution::Accused,
                        ),
                    );
                    while j < s.len() && s.entity_at[j] == Some(e) {
                        j += 1;
                    }
                    if !matches!(s.word(j), "and" | ",") {
                        break;
                    }
                    j += 1;
                }
                _ => break,
            }
        }
    }
    out
}

/// Words that lay violence at someone's door.
fn is_blame_word(w: &str) -> bool {
    matches!(
        w,
        "blamed"
            | "blames"
            | "blaming"
            | "attributed"
            | "attributes"
            | "responsible"
            | "responsibility"
            | "claimed"
            | "claims"
            | "accused"
            | "accuses"
            | "behind"
            | "perpetrated"
            | "committed"
    )
}

/// Words that refer back to violence already told ("the killing", "this crime").
fn is_harm_reference(w: &str) -> bool {
    matches!(
        w,
        "attack"
            | "attacks"
            | "killing"
            | "killings"
            | "murder"
            | "murders"
            | "assassination"
            | "bombing"
            | "bombings"
            | "massacre"
            | "crime"
            | "kidnapping"
            | "abduction"
            | "shooting"
            | "blast"
            | "explosion"
    )
}

/// A perpetrator named by an entity: its resolved name, the words as written, where.
pub(crate) fn entity_perp(
    ent: &tocsin_model::Entity,
    kind: ActorKind,
    attribution: Attribution,
) -> Perpetrator {
    Perpetrator {
        name: ent.name().to_string(),
        text: ent.text.clone(),
        kind,
        attribution,
        evidence: vec![[ent.start, ent.end]],
    }
}

/// The lower-cased word after byte `end`.
fn next_word(text: &str, end: u32) -> String {
    text.get(end as usize..)
        .unwrap_or("")
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

pub(crate) fn push_perp(out: &mut Vec<Perpetrator>, p: Perpetrator) {
    if let Some(q) = out.iter_mut().find(|q| q.name == p.name) {
        q.attribution = q.attribution.min(p.attribution);
        return;
    }
    out.push(p);
}

/// Start of the noun phrase whose head is at `k`: back over its modifiers, and over a count
/// only when `keep_count` ("four men have been charged": the count says who; "four rebels
/// attacked": they are rebels, and the number of attackers is reported on its own).
fn np_start(s: &Sent<'_>, k: usize, keep_count: bool) -> usize {
    let mut a = k;
    while a > 0 && k - a < 4 {
        let w = s.word(a - 1);
        let raw = s.raw(a - 1);
        let count = s.is_number_start(a - 1);
        if count && keep_count {
            a -= 1;
            continue;
        }
        if count
            || w.chars().all(|c| c.is_ascii_digit())
            || matches!(
                w,
                "several" | "some" | "many" | "approximately" | "about" | "other" | "dozens"
            )
        {
            break;
        }
        // The sentence's first word is capitalized whatever it is: "Urban guerrillas".
        let modifier = ((raw.chars().next().is_some_and(char::is_lowercase) || a == 1)
            && !matches!(
                w,
                "the"
                    | "a"
                    | "an"
                    | "and"
                    | "by"
                    | "of"
                    | "after"
                    | "when"
                    | "as"
                    | "that"
                    | "which"
                    | "who"
                    | "to"
                    | "in"
                    | "on"
                    | "at"
                    | "with"
                    | "were"
                    | "was"
                    | "have"
                    | "has"
                    | "had"
                    | "been"
                    | "are"
                    | "is"
                    | "said"
            )
            && !w.ends_with("ed")
            && !closes_noun_phrase(w))
            || matches!(
                w,
                "masked"
                    | "armed"
                    | "suspected"
                    | "unidentified"
                    | "unknown"
                    | "uniformed"
                    | "hooded"
                    | "heavily"
            )
            || (raw.chars().next().is_some_and(char::is_uppercase)
                && s.entity_at[a - 1].is_none_or(|e| s.entities[e].label == EntityLabel::Misc)
                && a - 1 > 0
                && !matches!(w, "the" | "a"));
        if !modifier {
            break;
        }
        a -= 1;
    }
    a
}

/// A lower-case word that cannot modify the noun after it: a determiner or possessive that
/// opens the phrase ("this terrorist", "our guerrillas"), a preposition, conjunction, auxiliary
/// or adverb before it ("during this broadcast …", "also breaking up urban terrorist cells"),
/// or a verb's -ing form. Text without case (wire copy in capitals, lower-cased archives)
/// gives no capital letter to stop at, so the words themselves must.
fn closes_noun_phrase(w: &str) -> bool {
    matches!(
        w,
        "this"
            | "these"
            | "those"
            | "our"
            | "their"
            | "his"
            | "her"
            | "its"
            | "my"
            | "your"
            | "about"
            | "during"
            | "for"
            | "from"
            | "into"
            | "against"
            | "under"
            | "over"
            | "near"
            | "between"
            | "through"
            | "since"
            | "until"
            | "without"
            | "but"
            | "also"
            | "not"
            | "no"
            | "did"
            | "do"
            | "does"
            | "will"
            | "would"
            | "could"
            | "can"
            | "should"
            | "may"
            | "might"
            | "must"
            | "up"
            | "out"
            // A time before the subject: "during the last few hours terrorists staged …".
            | "hours"
            | "days"
            | "weeks"
            | "months"
            | "years"
            | "night"
            | "today"
            | "yesterday"
            | "tonight"
            | "week"
            | "month"
            | "year"
            | "ago"
    ) || (w.len() > 4 && (w.ends_with("ly") || w.ends_with("ing")))
}

/// The subject of an arrest verb: "Four Tajik men have been charged".
fn subject_of(s: &Sent<'_>, at: usize, attribution: Attribution) -> Option<Perpetrator> {
    let mut k = at;
    while k > 0
        && matches!(
            s.word(k - 1),
            "have"
                | "has"
                | "had"
                | "been"
                | "was"
                | "were"
                | "is"
                | "are"
                | "being"
                | "later"
                | "also"
                | "since"
                | "formally"
        )
    {
        k -= 1;
    }
    if k == 0 || k == at {
        return None;
    }
    let head = k - 1;
    let hw = s.word(head);
    let (start, end, kind) = if s.is_person_entity_end(head) {
        let (a, b) = s.entity_bytes_ending(head);
        (a, b, ActorKind::Individual)
    } else if crate::lexicon::is_people_noun(hw)
        || crate::lexicon::is_person_noun(hw)
        || is_attacker_noun(hw)
    {
        let a = np_start(s, head, true);
        let (a, b) = s.bytes(a, head + 1);
        (a, b, ActorKind::Individual)
    } else {
        return None;
    };
    let p = perp_at(s, start, end, kind, attribution);
    if p.text.is_empty()
        || matches!(
            p.text.to_lowercase().as_str(),
            "he" | "she" | "they" | "police" | "who"
        )
    {
        return None;
    }
    Some(p)
}

/// The people named after "the arrest of" (or "arrested"): "the arrest of 45 soldiers and 2
/// officers for killing six clergymen" gives both groups, counts kept.
fn objects_of_arrest(s: &Sent<'_>, at: usize, attribution: Attribution) -> Vec<Perpetrator> {
    let mut out = Vec::new();
    let mut k = match (s.word(at), s.word(at + 1)) {
        ("arrest" | "arrests" | "detention" | "capture", "of") => at + 2,
        _ => return out,
    };
    while out.len() < 4 {
        if s.word(k) == "the" {
            k += 1;
        }
        // The phrase's head: the first people noun or person name within four words.
        let Some(head) = (k..(k + 4).min(s.len())).find(|&j| {
            s.is_person_entity_end(j)
                || crate::lexicon::is_people_noun(s.word(j))
                || crate::lexicon::is_person_noun(s.word(j))
                || is_attacker_noun(s.word(j))
                || is_force_people(s.word(j))
        }) else {
            break;
        };
        let (start, end) = if s.is_person_entity_end(head) {
            s.entity_bytes_ending(head)
        } else {
            s.bytes(k, head + 1)
        };
        out.push(perp_at(s, start, end, ActorKind::Individual, attribution));
        match s.word(head + 1) {
            "and" | "," => k = head + 2,
            _ => break,
        }
    }
    out
}

/// "three gunmen" → 3 attackers.
fn attackers(s: &Sent<'_>) -> Option<Figure> {
    for k in 1..s.len() {
        if !matches!(
            s.word(k),
            "gunmen" | "attackers" | "assailants" | "militants" | "bombers" | "men"
        ) {
            continue;
        }
        if s.word(k) == "men" && !(1..k).any(|j| matches!(s.word(j), "armed" | "masked")) {
            continue;
        }
        for j in (k.saturating_sub(3)..k).rev() {
            if s.is_number_start(j) {
                let (a, b) = s.bytes(j, j + 1);
                let text = s.text.get(a as usize..b as usize).unwrap_or("").to_string();
                let n = tocsin_nlp::numbers::word_value(&text.to_lowercase())
                    .or_else(|| text.parse().ok())?;
                return Some(Figure {
                    min: Some(n),
                    max: Some(n),
                    exact: true,
                    text,
                    evidence: vec![[a, b]],
                });
            }
        }
    }
    None
}

/// What was attacked: the phrase after an attack word whose head is a target noun
/// ("attacked a concert hall", "bombing at a checkpoint").
fn targets(s: &Sent<'_>, at: usize) -> Vec<Role> {
    let mut out: Vec<Role> = passive_targets(s);
    let starts: Vec<usize> = std::iter::once(at)
        .chain((0..s.len()).filter(|&k| {
            k != at
                && (trigger_at(s.words, k).is_some_and(|t| !matches!(t.kind, TriggerKind::Toll))
                    || is_damage_verb(s, k))
        }))
        .collect();
    for t0 in starts {
        let mut from = t0 + 1;
        let mut limit = (t0 + 8).min(s.len());
        let mut k = from;
        while k < limit {
            let w = s.word(k);
            if matches!(w, "." | ";" | ",") && k > from {
                break;
            }
            if is_target_noun(w) {
                // The head is the last of a run of nouns: "concert hall", "police station".
                let mut head = k;
                while head + 1 < s.len() && is_target_noun(s.word(head + 1)) {
                    head += 1;
                }
                // The phrase opens at its article ("a concert hall"), after a possessive
                // pronoun ("her vehicle" is the vehicle: the pronoun names nobody), else at
                // the noun.
                // Over a quoted name's opening mark: the "People's Peruvian Bank".
                let reach = if (from..k).any(|d| matches!(s.word(d), "\"" | "“")) {
                    5
                } else {
                    3
                };
                let a = (k.saturating_sub(reach).max(from)..k)
                    .rev()
                    .find_map(|d| match s.word(d) {
                        "a" | "an" | "the" => Some(d),
                        "its" | "their" | "his" | "her" => Some(d + 1),
                        _ => None,
                    })
                    .unwrap_or_else(|| premodifiers_start(s, from, k));
                let end_tok = of_complement_end(s, head);
                let (start, end) = s.bytes(a, end_tok);
                if !out.iter().any(|r| r.start < end && start < r.end) {
                    out.push(Role {
                        text: s.slice(a, end_tok).to_string(),
                        kind: None,
                        named: None,
                        start,
                        end,
                    });
                }
                // A list of targets: "attacked the presidential residence, the Sheraton
                // hotel and the central electoral council".
                match next_in_list(s, end_tok) {
                    Some(n) if out.len() < 12 => {
                        from = n;
                        k = n;
                        limit = (n + 6).min(s.len());
                        continue;
                    }
                    _ => break,
                }
            }
            k += 1;
        }
    }
    out
}

/// Gives the document's violent events the places and things that sentences without an
/// event of their own say were damaged or targeted: "They also burned a gas station and
/// destroyed a pylon", "Our units sabotaged the electrical system", "Cultural institutes
/// were the target of bomb attacks". Each joins the violent event told
/// last before its sentence (else the first), as a reader would count it in that story.
pub fn attach_damaged_targets(doc: &Doc<'_>, words: &[String], events: &mut [tocsin_model::Event]) {
    let found = crate::merge::carry_over(doc, events, |si| {
        // Most sentences have no word of damage: look before building the sentence.
        let ws = &words[doc.sentences[si].tokens.clone()];
        let names_a_target = ws
            .iter()
            .any(|w| matches!(w.as_str(), "target" | "targets" | "objective"));
        if !names_a_target && !ws.iter().any(|w| is_damage_word(w) || w == "set") {
            return Vec::new();
        }
        let s = sent(doc, words, si);
        match (0..s.len()).find(|&k| is_damage_verb(&s, k)) {
            Some(k) => targets(&s, k),
            // "Cultural institutes in Temuco were the target of bomb attacks."
            None => passive_targets(&s),
        }
    });
    for (target, role) in found {
        crate::merge::push_role_once(&mut events[target].targets, role);
    }
}

/// Verbs of damage whose object is a target, in a sentence that tells of violence: "burned
/// a tank truck", "sabotaged the electrical system", "blew up a power pylon".
fn is_damage_verb(s: &Sent<'_>, k: usize) -> bool {
    is_damage_word(s.word(k)) && (s.word(k) != "blew" || s.word(k + 1) == "up")
        || (s.word(k) == "set" && s.word(k + 1) == "fire" && s.word(k + 2) == "to")
}

/// The first word of a verb of damage ("blew" of "blew up").
fn is_damage_word(w: &str) -> bool {
    matches!(
        w,
        "burned"
            | "burnt"
            | "destroyed"
            | "sabotaged"
            | "damaged"
            | "dynamited"
            | "machinegunned"
            | "torched"
            | "razed"
            | "looted"
            | "blew"
    )
}

/// Where the next item of a list starts after a phrase that ends before `end`: past a comma,
/// "and" or "as well as", when what follows opens a noun phrase rather than a clause.
fn next_in_list(s: &Sent<'_>, end: usize) -> Option<usize> {
    let mut j = end;
    // An aside in brackets: "(not further identified)".
    if s.word(j) == "(" {
        if let Some(close) = (j + 1..(j + 9).min(s.len())).find(|&c| s.word(c) == ")") {
            j = close + 1;
        }
    }
    // A short tail of the item: "the sheraton hotel's security corps".
    let tail_end = j + 4;
    while j < s.len() && j < tail_end && !matches!(s.word(j), "," | "and" | ";" | ".") {
        j += 1;
    }
    let mut n = match s.word(j) {
        "," if s.word(j + 1) == "and" => j + 2,
        // A semicolon between items of a long list ("the state bank (not further
        // identified); the Mariscal Ballivian building").
        "," | "and" | ";" => j + 1,
        _ => return None,
    };
    if s.word(n) == "as" && s.word(n + 1) == "well" && s.word(n + 2) == "as" {
        n += 3;
    }
    // A quoted name: "the \"People's Peruvian Bank\"".
    if matches!(s.word(n), "\"" | "“" | "'" | "‘") {
        n += 1;
    }
    let opens = matches!(
        s.word(n),
        "a" | "an" | "the" | "other" | "several" | "two" | "three"
    ) || (n..(n + 4).min(s.len())).any(|d| is_target_noun(s.word(d)))
        && (n..(n + 4).min(s.len())).all(|d| {
            let w = s.word(d);
            !w.ends_with("ing") && !matches!(w, "was" | "were" | "is" | "are" | "had" | "has")
        });
    opens.then_some(n)
}

/// Where a target phrase without an article opens: back from its first noun `k` over the
/// words that modify it ("oil installations", "private bank branches"), never before `from`
/// nor over a function word, a number or a verb form ("attacked two buses" → "buses").
fn premodifiers_start(s: &Sent<'_>, from: usize, k: usize) -> usize {
    let mut a = k;
    while a > from {
        let w = s.word(a - 1);
        // A named possessor belongs to the phrase: "Merino's home", "the FMLN's radio".
        if matches!(w, "'s" | "’s") && a >= from + 2 {
            if let Some(e) = s.entity_at[a - 2] {
                let mut b = a - 2;
                while b > from && s.entity_at[b - 1] == Some(e) {
                    b -= 1;
                }
                return b;
            }
        }
        let modifier = w.chars().all(|c| c.is_alphabetic() || c == '-')
            && w.len() > 2
            && !w.ends_with("ed")
            && !w.ends_with("ing")
            && !w.ends_with("ly")
            && !s.is_number_start(a - 1)
            && !matches!(
                w,
                "and"
                    | "or"
                    | "but"
                    | "the"
                    | "inside"
                    | "outside"
                    | "upon"
                    | "toward"
                    | "towards"
                    | "fire"
                    | "various"
                    | "all"
                    | "many"
                    | "numerous"
                    | "both"
                    | "each"
                    | "every"
                    | "such"
                    | "against"
                    | "from"
                    | "with"
                    | "into"
                    | "onto"
                    | "near"
                    | "for"
                    | "were"
                    | "was"
                    | "are"
                    | "has"
                    | "have"
                    | "had"
                    | "been"
                    | "two"
                    | "three"
                    | "four"
                    | "five"
                    | "several"
                    | "some"
                    | "other"
                    | "which"
                    | "that"
                    | "who"
                    | "they"
                    | "them"
                    | "this"
                    | "these"
                    | "those"
                    | "their"
                    | "its"
                    | "his"
                    | "her"
                    | "our"
                    | "also"
                    | "yesterday"
                    | "today"
                    | "tonight"
                    | "last"
                    | "night"
                    | "morning"
                    | "afternoon"
                    | "evening"
            );
        if !modifier {
            break;
        }
        a -= 1;
    }
    a
}

/// The end (exclusive) of a target phrase whose head takes an "of" complement that names
/// whose place it is: "the offices of the local development corporation", "a branch of
/// Citicorp", "the residence of the governor". Up to eight words, to a mark or a preposition.
fn of_complement_end(s: &Sent<'_>, head: usize) -> usize {
    let takes_of = matches!(
        s.word(head),
        "office"
            | "offices"
            | "residence"
            | "residences"
            | "branch"
            | "branches"
            | "home"
            | "homes"
            | "house"
            | "houses"
            | "headquarters"
            | "building"
            | "buildings"
    );
    if !takes_of || s.word(head + 1) != "of" {
        return head + 1;
    }
    let mut end = head + 2;
    while end < s.len() && end < head + 10 {
        let w = s.word(end);
        if !w.chars().any(char::is_alphanumeric)
            || matches!(
                w,
                "in" | "on"
                    | "at"
                    | "near"
                    | "with"
                    | "by"
                    | "and"
                    | "or"
                    | "but"
                    | "such"
                    | "as"
                    | "to"
                    | "for"
                    | "from"
                    | "where"
                    | "which"
                    | "that"
                    | "who"
                    | "was"
                    | "were"
                    | "is"
                    | "are"
                    | "when"
                    | "after"
                    | "before"
            )
        {
            break;
        }
        end += 1;
    }
    if end == head + 2 {
        head + 1
    } else {
        end
    }
}

/// Targets that are the subject of a passive of damage: "the bus was attacked", "two
/// pylons were blown up", "the embassy building was damaged by the blast".
fn passive_targets(s: &Sent<'_>) -> Vec<Role> {
    let mut out: Vec<Role> = Vec::new();
    for k in 0..s.len() {
        if !is_target_noun(s.word(k)) || is_target_noun(s.word(k + 1)) {
            continue;
        }
        let mut j = k + 1;
        // Over a place after the noun: "cultural institutes in Viña del Mar, Talca, and
        // Temuco were …".
        if matches!(s.word(j), "in" | "at" | "near" | "on") {
            if let Some(v) = (j + 1..(j + 12).min(s.len()))
                .take_while(|&v| !matches!(s.word(v), "." | ";" | "is" | "are" | "has" | "have"))
                .find(|&v| matches!(s.word(v), "was" | "were"))
            {
                j = v;
            }
        }
        if !matches!(s.word(j), "was" | "were") {
            continue;
        }
        j += 1;
        // "cultural institutes in Viña del Mar were the target of bomb attacks".
        let named_target = s.word(j) == "the"
            && matches!(
                s.word(j + 1),
                "target" | "targets" | "objective" | "objectives"
            )
            && s.word(j + 2) == "of";
        if matches!(
            s.word(j),
            "completely" | "partially" | "badly" | "seriously" | "also"
        ) {
            j += 1;
        }
        let damaged = matches!(
            s.word(j),
            "attacked"
                | "bombed"
                | "destroyed"
                | "damaged"
                | "burned"
                | "burnt"
                | "torched"
                | "dynamited"
                | "machinegunned"
                | "strafed"
                | "shelled"
                | "raided"
                | "looted"
                | "hit"
                | "targeted"
        ) || named_target
            || (s.word(j) == "blown" && s.word(j + 1) == "up")
            || (s.word(j) == "set" && matches!(s.word(j + 1), "on" | "ablaze" | "afire"));
        if !damaged {
            continue;
        }
        // Back to the phrase's article, over its modifiers ("the electric power
        // substation"), at most four words; without an article, over the modifiers alone
        // ("seven private bank branches were attacked" → "private bank branches").
        let a = (k.saturating_sub(4)..k)
            .rev()
            .take_while(|&d| !matches!(s.word(d), "," | "." | ";" | "and" | "of"))
            .find_map(|d| match s.word(d) {
                "a" | "an" | "the" => Some(d),
                "its" | "their" | "his" | "her" => Some(d + 1),
                _ => None,
            })
            .unwrap_or_else(|| premodifiers_start(s, k.saturating_sub(4), k));
        let (start, end) = s.bytes(a, k + 1);
        out.push(Role {
            text: s.slice(a, k + 1).to_string(),
            kind: None,
            named: None,
            start,
            end,
        });
    }
    out
}

/// Weapons named in the sentence: the attack's instruments, not arms that were seized or
/// found ("an M-16 rifle, cartridge clips and ammunition were seized there").
fn weapons(s: &Sent<'_>) -> Vec<Role> {
    let mut out: Vec<Role> = Vec::new();
    // A list of arms in a sentence of seizure, with nothing going off: all seized.
    let all_seized = !went_off(s) && (0..s.len()).any(|k| seized_near(s, k));
    // The last weapon word found seized: the next one of the same list is seized too
    // ("stole … 8 rifles, 2 guns, 1 grenade").
    let mut seized_at: Option<usize> = None;
    for k in 0..s.len() {
        if !is_weapon_word(s.word(k)) {
            continue;
        }
        if all_seized || seized_near(s, k) || seized_at.is_some_and(|p| k - p <= 5) {
            seized_at = Some(k);
            continue;
        }
        // "(FAL)" after a group's name is its acronym, not the rifle.
        if k > 0 && s.word(k - 1) == "(" && s.word(k + 1) == ")" {
            continue;
        }
        // "the police's bomb squad", "a bomb threat", "pilots to bomb our capital": the word
        // names no weapon used.
        if matches!(
            s.word(k + 1),
            "squad"
                | "squads"
                | "disposal"
                | "threat"
                | "threats"
                | "scare"
                | "experts"
                | "technicians"
        ) || (k > 0 && s.word(k - 1) == "to" && s.word(k) == "bomb")
        {
            continue;
        }
        // "car bomb", "AK-47 rifles": one modifier before the head.
        let a = if k > 0
            && (is_weapon_word(s.word(k - 1))
                || matches!(
                    s.word(k - 1),
                    "car"
                        | "assault"
                        | "semi-automatic"
                        | "automatic"
                        | "hand"
                        | "roadside"
                        | "pipe"
                        | "nail"
                        | "petrol"
                        | "gas"
                        | "kitchen"
                        | "truck"
                        | "letter"
                        | "parcel"
                        | "motorcycle"
                        | "bicycle"
                )) {
            k - 1
        } else {
            k
        };
        // "explosive devices", "dynamite charges", "molotov cocktails": the noun the weapon
        // word modifies.
        let b = if matches!(
            s.word(k + 1),
            "device" | "devices" | "charge" | "charges" | "sticks" | "cocktail" | "cocktails"
        ) {
            k + 2
        } else {
            k + 1
        };
        // "sticks of dynamite": the measure before the weapon.
        let a = if a == k && k >= 2 && s.word(k - 1) == "of" && s.word(k - 2) == "sticks" {
            k - 2
        } else {
            a
        };
        let (start, end) = s.bytes(a, b);
        if out.iter().any(|r| r.end >= start && r.start <= end) {
            continue;
        }
        out.push(Role {
            text: s.slice(a, b).to_string(),
            kind: None,
            named: None,
            start,
            end,
        });
    }
    out
}

/// Whether the words around token `k` say arms were taken or found rather than used: a verb
/// or noun of seizure within the clause ("seized", "confiscated", "found", "a cache of").
fn seized_near(s: &Sent<'_>, k: usize) -> bool {
    let lo = k.saturating_sub(12);
    let hi = (k + 12).min(s.len());
    (lo..hi).any(|i| {
        matches!(
            s.word(i),
            "seized"
                | "seizure"
                | "seizing"
                | "confiscated"
                | "confiscation"
                | "captured"
                | "recovered"
                | "found"
                | "discovered"
                | "cache"
                | "caches"
                | "arsenal"
                | "stockpile"
                | "smuggling"
                | "smuggled"
                | "trafficking"
                | "purchase"
                | "bought"
                | "sold"
                | "supplied"
                | "shipment"
                | "deactivated"
                | "defused"
                | "dismantled"
                | "stole"
                | "stolen"
                | "disarmed"
        )
    })
}

/// The people a victim phrase names as its head or in apposition or coordination with it
/// ("christopher anderson, a 26-year-old teacher"; "dagoberto rodriguez and alfonso de
/// lima"; "carlos guerrero's wife, angela piedad de guerrero"), as indexes into the
/// sentence's entities. A possessor ("carlos guerrero's") and a name after a preposition or
/// a verb ("married to major jairo otalora") are other people.
fn names_in_phrase(s: &Sent<'_>, start: u32, end: u32) -> Vec<usize> {
    let text = s.text;
    s.entities
        .iter()
        .enumerate()
        .filter(|(_, e)| e.label == EntityLabel::Per && start <= e.start && e.end <= end)
        .filter(|(_, e)| {
            let before = text
                .get(start as usize..e.start as usize)
                .unwrap_or("x")
                .trim_end();
            let opens = before.is_empty()
                || before.ends_with(',')
                || before.ends_with(':')
                || before.ends_with(" and")
                || before == "and";
            // The name is an item of the phrase, not the subject of a clause the phrase ran
            // over ("cristiani condemned the murder of …"): a mark, "and" or the phrase's
            // end follows it.
            let after = text.get(e.end as usize..end as usize).unwrap_or("");
            let rest = after.trim_start();
            let item = rest.is_empty()
                || rest.starts_with(',')
                || rest.starts_with('(')
                || rest.starts_with("and ")
                || rest.starts_with(';');
            opens && item
        })
        .map(|(i, _)| i)
        .collect()
}

/// Victims: the people a toll counts when the sentence names or describes them, and the
/// people it names in a victim's place. A named one is given under the fullest name the
/// document has for that person.
fn victims(s: &Sent<'_>, tolls: &[Toll]) -> Vec<Role> {
    let mut out = Vec::new();
    for t in tolls {
        if t.role == TollRole::Shot && tolls.iter().any(|o| o.role != TollRole::Shot) {
            continue;
        }
        let person = s
            .entities
            .iter()
            .position(|e| e.label == EntityLabel::Per && e.start == t.start && e.end == t.end);
        let named: Vec<usize> = match person {
            Some(e) => vec![e],
            None => names_in_phrase(s, t.start, t.end),
        };
        let mut push = |text: String, named: bool, start: u32, end: u32| {
            if !out.iter().any(|r: &Role| r.text == text) {
                out.push(Role {
                    text,
                    kind: Some("person".into()),
                    named: Some(named),
                    start,
                    end,
                });
            }
        };
        if named.is_empty() {
            push(t.text.clone(), false, t.start, t.end);
        }
        for e in named {
            match crate::victims::fullest_name(s.entities, e) {
                Some((name, at)) => push(name.to_string(), true, at, at + name.len() as u32),
                None => {
                    let p = &s.entities[e];
                    push(p.text.clone(), true, p.start, p.end);
                }
            }
        }
    }
    for v in crate::victims::named_victims(s) {
        // A described phrase that holds the named victim ran over more than the victim
        // ("Cristiani condemned the murder of … Rivera"): the name stands for it.
        out.retain(|r| r.named == Some(true) || !(r.start <= v.start && v.end <= r.end));
        if !out
            .iter()
            .any(|r| r.text == v.text || (r.start < v.end && v.start < r.end))
        {
            out.push(v);
        }
    }
    out
}
