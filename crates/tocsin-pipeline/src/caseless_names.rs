//! Whole person names in text written without case. A tagger that cannot see capitals
//! finds "jaime pardo" but not "leal" after it, "velez" but not "federico estrada" before
//! it, and a name at one place but not at another ("the death of gonzalo rodriguez gacha").
//! Victims and perpetrators are reported under the name as written whole, and scorers and
//! readers compare whole names, so the names are completed before resolution: a person span
//! grows over the words next to it that are names by their spelling (written with a capital
//! nearly always in the text the model learned from, or never seen there), and the names
//! found are then looked for where the tagger missed them.

use tocsin_events::lexicon::{is_attacker_noun, is_people_noun, is_person_noun};
use tocsin_model::{Entity, EntityLabel};
use tocsin_nlp::ner::Ner;
use tocsin_nlp::resolve::is_person_title;
use tocsin_nlp::tokenize::Token;

/// Most words a completed name may have: a given name or two and two surnames.
const MAX_NAME_WORDS: usize = 4;

/// Completes person names in a caseless text and adds the mentions the tagger missed.
/// `entities` stays sorted by start.
pub(crate) fn complete_person_names(
    text: &str,
    tokens: &[Token],
    entities: &mut Vec<Entity>,
    ner: &Ner,
) {
    let is_name_word = |w: &str| is_name_word(ner, w);
    relabel_name_pieces(text, entities, &is_name_word);
    // Growing keeps entities in text order and apart: a span only takes words no other
    // entity holds.
    let ordered = in_order_and_apart(entities);
    for i in 0..entities.len() {
        if entities[i].label == EntityLabel::Per {
            grow(text, tokens, entities, i, &is_name_word, ordered);
        }
    }
    add_missed_mentions(text, tokens, entities, &is_name_word);
    group_names(text, tokens, entities);
}

/// Nouns that end the name of a group: "Medellín Cartel", "Zárate Willka Armed Forces".
fn is_group_head(w: &str) -> bool {
    matches!(
        w,
        "cartel"
            | "front"
            | "movement"
            | "army"
            | "forces"
            | "command"
            | "commando"
            | "commandos"
            | "brigade"
            | "brigades"
            | "battalion"
            | "party"
            | "alliance"
            | "organization"
            | "group"
    )
}

/// Turns a "person" the tagger found at the head of a group's name into the group: a person
/// span ending in a group noun ("sinister medellin cartel") is an organization, and one
/// followed by a group noun and its complement ("zarate willka" + "armed forces of
/// liberation") is the start of the organization's name, which runs to a bracket, a comma or
/// the end of the complement and takes in what the tagger labelled there.
fn group_names(text: &str, tokens: &[Token], entities: &mut Vec<Entity>) {
    let word = |i: usize| tokens.get(i).map_or("", |t| t.text(text)).to_lowercase();
    let mut i = 0;
    while i < entities.len() {
        if entities[i].label != EntityLabel::Per {
            i += 1;
            continue;
        }
        let last_word = entities[i].text.rsplit(' ').next().map(str::to_lowercase);
        if last_word.is_some_and(|w| is_group_head(&w)) {
            entities[i].label = EntityLabel::Org;
            i += 1;
            continue;
        }
        let Some(last) = token_ending(tokens, entities[i].end) else {
            i += 1;
            continue;
        };
        // The group noun right after the name, over "armed" in "armed forces".
        let mut j = last + 1;
        if word(j) == "armed" {
            j += 1;
        }
        if !is_group_head(&word(j)) || j > last + 2 {
            i += 1;
            continue;
        }
        let mut end = j;
        // "of (the) liberation", "of national restoration": up to three words.
        if word(j + 1) == "of" {
            let mut k = j + 2;
            if word(k) == "the" {
                k += 1;
            }
            let stop = k + 3;
            while k < stop && word(k).chars().all(char::is_alphabetic) && !word(k).is_empty() {
                end = k;
                k += 1;
            }
        }
        let new_end = tokens[end].end;
        let start = entities[i].start;
        // What the tagger labelled inside the name gives way; what it labelled past a
        // bracket ("liberation (fal)") keeps its own part.
        let mut j2 = i + 1;
        while j2 < entities.len() && entities[j2].start < new_end {
            if entities[j2].end <= new_end {
                entities.remove(j2);
            } else {
                // The words of its part past the name, without the marks around them.
                let from = tokens.partition_point(|t| t.start < new_end);
                let to = tokens.partition_point(|t| t.end <= entities[j2].end);
                match crate::word_bytes(text, tokens.get(from..to).unwrap_or(&[])) {
                    Some((rest_start, rest_end)) => {
                        respan(&mut entities[j2], text, rest_start, rest_end);
                        j2 += 1;
                    }
                    None => {
                        entities.remove(j2);
                    }
                }
            }
        }
        entities[i].label = EntityLabel::Org;
        respan(&mut entities[i], text, start, new_end);
        i += 1;
    }
}

/// Sets an entity to bytes `start..end` of the text, its words with them.
pub(crate) fn respan(e: &mut Entity, text: &str, start: u32, end: u32) {
    e.start = start;
    e.end = end;
    e.text = text
        .get(start as usize..end as usize)
        .unwrap_or("")
        .to_string();
}

/// Whether an entity overlaps bytes `start..end`.
fn overlaps(e: &Entity, start: u32, end: u32) -> bool {
    e.start < end && start < e.end
}

/// Whether a lowercase word is spelled like a name: alphabetic, three letters or more, not
/// a title, and capitalized at least 95% of the time in the model's unlabeled text (or never
/// seen there, as most Spanish surnames).
fn is_name_word(ner: &Ner, w: &str) -> bool {
    // Text in capitals is read in lowercase, as the model's tables are.
    let w = w.to_lowercase();
    let w = w.as_str();
    w.chars().count() >= 3
        && w.chars().all(char::is_alphabetic)
        && !is_person_title(w)
        && !is_people_noun(w)
        && !is_person_noun(w)
        && !is_attacker_noun(w)
        && match ner.capitalized_share(w) {
            Some(share) => share == 4,
            None => w.chars().count() >= 4,
        }
}

/// Whether every word of an entity is a name word.
fn all_name_words(e: &Entity, is_name_word: &dyn Fn(&str) -> bool) -> bool {
    e.text.split(' ').all(is_name_word)
}

/// Gives the person label to pieces of a person's name the tagger labelled otherwise: an
/// organization or place made of name words that stands right before or after a person
/// ("federico estrada" + "velez"), or whose words are part of a longer person name of the
/// text ("casadiego" of "carlos arturo casadiego torrado").
fn relabel_name_pieces(text: &str, entities: &mut [Entity], is_name_word: &dyn Fn(&str) -> bool) {
    let names: Vec<Vec<String>> = entities
        .iter()
        .filter(|e| e.label == EntityLabel::Per)
        .map(|e| e.text.split(' ').map(str::to_string).collect::<Vec<_>>())
        .filter(|w| w.len() >= 2)
        .collect();
    let next_to = |a: &Entity, b: &Entity| {
        b.start == a.end + 1 && text.as_bytes().get(a.end as usize) == Some(&b' ')
    };
    for i in 0..entities.len() {
        let e = &entities[i];
        if e.label == EntityLabel::Per || !all_name_words(e, is_name_word) {
            continue;
        }
        let words: Vec<&str> = e.text.split(' ').collect();
        let in_a_name = names.iter().any(|n| {
            n.len() > words.len() && n.windows(words.len()).any(|w| w == words.as_slice())
        });
        let beside_a_person =
            (i > 0 && entities[i - 1].label == EntityLabel::Per && next_to(&entities[i - 1], e))
                || entities
                    .get(i + 1)
                    .is_some_and(|n| n.label == EntityLabel::Per && next_to(e, n));
        if in_a_name || beside_a_person {
            entities[i].label = EntityLabel::Per;
        }
    }
}

/// Index of the token starting at byte `start`, if any.
fn token_at(tokens: &[Token], start: u32) -> Option<usize> {
    tokens.binary_search_by_key(&start, |t| t.start).ok()
}

/// Index of the token ending at byte `end`, if any.
fn token_ending(tokens: &[Token], end: u32) -> Option<usize> {
    tokens.binary_search_by_key(&end, |t| t.end).ok()
}

/// Where each of `names` stands in `text`, name by name in the order given and, for one name,
/// from left to right without overlapping itself (what `str::match_indices` gives), found in
/// one pass over the text: a search per name read a long document once for each of its
/// hundreds of names.
fn occurrences<'n>(text: &str, names: &'n [String]) -> Vec<(&'n str, usize)> {
    let Ok(automaton) = aho_corasick::AhoCorasick::new(names) else {
        // Too many names to build the automaton over: one search per name.
        return names
            .iter()
            .flat_map(|n| {
                text.match_indices(n.as_str())
                    .map(move |(at, _)| (n.as_str(), at))
            })
            .collect();
    };
    let mut found: Vec<(usize, usize)> = automaton
        .find_overlapping_iter(text)
        .map(|m| (m.pattern().as_usize(), m.start()))
        .collect();
    found.sort_unstable();
    let mut out = Vec::with_capacity(found.len());
    let mut free_from = (usize::MAX, 0);
    for (p, at) in found {
        let name = names[p].as_str();
        if free_from.0 == p && at < free_from.1 {
            continue;
        }
        free_from = (p, at + name.len());
        out.push((name, at));
    }
    out
}

/// Whether entities are in text order and none overlaps the next: then the ones over a span
/// are found by binary search, not by reading them all (which made name growth quadratic on
/// a long document).
fn in_order_and_apart(entities: &[Entity]) -> bool {
    entities.windows(2).all(|w| w[0].end <= w[1].start)
}

/// Indexes of the entities over bytes `start..end`; `ordered` as [`in_order_and_apart`] says.
fn overlapping(
    entities: &[Entity],
    start: u32,
    end: u32,
    ordered: bool,
) -> impl Iterator<Item = usize> + '_ {
    let from = if ordered {
        entities.partition_point(|e| e.end <= start)
    } else {
        0
    };
    entities[from..]
        .iter()
        .enumerate()
        .take_while(move |(_, e)| !ordered || e.start < end)
        .filter(move |(_, e)| overlaps(e, start, end))
        .map(move |(k, _)| from + k)
}

/// Whether bytes `start..end` overlap an entity other than `skip`.
fn covered(entities: &[Entity], start: u32, end: u32, skip: Option<usize>, ordered: bool) -> bool {
    overlapping(entities, start, end, ordered).any(|j| Some(j) != skip)
}

/// Grows person entity `i` over the name words next to it, joined by one space.
fn grow(
    text: &str,
    tokens: &[Token],
    entities: &mut [Entity],
    i: usize,
    is_name_word: &dyn Fn(&str) -> bool,
    ordered: bool,
) {
    let (Some(mut first), Some(mut last)) = (
        token_at(tokens, entities[i].start),
        token_ending(tokens, entities[i].end),
    ) else {
        return;
    };
    let fits =
        |a: &Token, b: &Token| b.start == a.end + 1 && text.as_bytes()[a.end as usize] == b' ';
    while last + 1 - first < MAX_NAME_WORDS {
        let Some(next) = tokens.get(last + 1) else {
            break;
        };
        if !fits(&tokens[last], next)
            || !is_name_word(next.text(text))
            || covered(entities, next.start, next.end, Some(i), ordered)
        {
            break;
        }
        last += 1;
    }
    while first > 0 && last + 1 - first < MAX_NAME_WORDS {
        let prev = &tokens[first - 1];
        if !fits(prev, &tokens[first])
            || !is_name_word(prev.text(text))
            || covered(entities, prev.start, prev.end, Some(i), ordered)
        {
            break;
        }
        first -= 1;
    }
    let (start, end) = (tokens[first].start, tokens[last].end);
    if (start, end) != (entities[i].start, entities[i].end) {
        respan(&mut entities[i], text, start, end);
    }
}

/// Tags the places where a person name of two words or more found elsewhere in the text
/// stands untagged, and grows each such mention as the others.
fn add_missed_mentions(
    text: &str,
    tokens: &[Token],
    entities: &mut Vec<Entity>,
    is_name_word: &dyn Fn(&str) -> bool,
) {
    let mut names: Vec<String> = entities
        .iter()
        .filter(|e| e.label == EntityLabel::Per && e.text.split(' ').count() >= 2)
        .map(|e| e.text.clone())
        .collect();
    // Longest first, each name once.
    names.sort_unstable_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    names.dedup();
    let ordered = in_order_and_apart(entities);
    let mut added: Vec<Entity> = Vec::new();
    // The spans added so far, by start: they never overlap, so the one starting last before
    // a span's end is the only one that can overlap it.
    let mut taken: std::collections::BTreeMap<u32, u32> = std::collections::BTreeMap::new();
    for (name, at) in occurrences(text, &names) {
        let (start, end) = (at as u32, (at + name.len()) as u32);
        let whole_words = token_at(tokens, start).is_some() && token_ending(tokens, end).is_some();
        if !whole_words {
            continue;
        }
        // A place or organization of name words the tagger put over part of the name
        // ("gonzalo rodriguez" as a place in "gonzalo rodriguez gacha") gives way.
        let under: Vec<usize> = overlapping(entities, start, end, ordered).collect();
        if under.iter().any(|&j| {
            entities[j].label == EntityLabel::Per || !all_name_words(&entities[j], is_name_word)
        }) {
            continue;
        }
        let (mut start, mut end) = (start, end);
        for &j in under.iter().rev() {
            start = start.min(entities[j].start);
            end = end.max(entities[j].end);
            entities.remove(j);
        }
        let clashes = taken
            .range(..end)
            .next_back()
            .is_some_and(|(_, &taken_end)| taken_end > start);
        if !clashes {
            taken.insert(start, end);
            added.push(Entity {
                text: text
                    .get(start as usize..end as usize)
                    .unwrap_or("")
                    .to_string(),
                label: EntityLabel::Per,
                start,
                end,
                canonical: None,
            });
        }
    }
    if added.is_empty() {
        return;
    }
    if !ordered {
        let first_new = entities.len();
        entities.extend(added);
        for i in first_new..entities.len() {
            grow(text, tokens, entities, i, is_name_word, false);
        }
        entities.sort_by_key(|e| e.start);
        return;
    }
    // Grown in the order they were found, over the entities in text order: the added spans
    // overlap neither each other nor what is left of the tagger's.
    let starts: Vec<u32> = added.iter().map(|e| e.start).collect();
    entities.extend(added);
    entities.sort_by_key(|e| e.start);
    let still = in_order_and_apart(entities);
    for start in starts {
        let i = entities.partition_point(|e| e.start < start);
        grow(text, tokens, entities, i, is_name_word, still);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tocsin_nlp::tokenize::tokenize;

    /// The `nth` mention of `name` in `text`, as the tagger might have labelled it.
    fn ent(text: &str, name: &str, label: EntityLabel, nth: usize) -> Entity {
        let start = text.match_indices(name).nth(nth).expect("name in text").0 as u32;
        Entity {
            text: name.to_string(),
            label,
            start,
            end: start + name.len() as u32,
            canonical: None,
        }
    }

    /// The entities after completion, as (text, label).
    fn complete(text: &str, mut entities: Vec<Entity>) -> Vec<(String, EntityLabel)> {
        let tokens = tokenize(text);
        entities.sort_by_key(|e| e.start);
        let ner = Ner::embedded_caseless().expect("caseless model");
        complete_person_names(text, &tokens, &mut entities, ner);
        assert!(entities.windows(2).all(|w| w[0].start < w[1].start));
        entities.into_iter().map(|e| (e.text, e.label)).collect()
    }

    /// The person names after completion, given the ones the tagger found.
    fn completed(text: &str, found: &[&str]) -> Vec<String> {
        let entities = found
            .iter()
            .map(|n| ent(text, n, EntityLabel::Per, 0))
            .collect();
        complete(text, entities)
            .into_iter()
            .map(|(t, _)| t)
            .collect()
    }

    #[test]
    fn names_grow_over_name_words_but_not_titles_or_ordinary_words() {
        assert_eq!(
            completed(
                "liberal senator federico estrada velez was kidnapped in medellin.",
                &["velez"]
            ),
            ["federico estrada velez"]
        );
        assert_eq!(
            completed(
                "he was charged with the murder of jaime pardo leal yesterday.",
                &["jaime pardo"]
            ),
            ["jaime pardo leal"]
        );
        // A title before the name and the verb after it stay out.
        assert_eq!(
            completed("colonel rodriguez said the attack failed.", &["rodriguez"]),
            ["rodriguez"]
        );
    }

    #[test]
    fn text_in_capitals_is_read_as_lowercase() {
        assert_eq!(
            completed(
                "LIBERAL SENATOR FEDERICO ESTRADA VELEZ WAS KIDNAPPED.",
                &["VELEZ"]
            ),
            ["FEDERICO ESTRADA VELEZ"]
        );
        // "Leader" is no name, whatever case the text is in.
        assert_eq!(
            completed(
                "THE MURDER OF SALVADORAN LEFTIST LEADER HECTOR OQUELI COLINDRES.",
                &["HECTOR OQUELI COLINDRES"]
            ),
            ["HECTOR OQUELI COLINDRES"]
        );
    }

    #[test]
    fn a_person_at_the_head_of_a_group_name_is_the_group() {
        let text =
            "two missionaries were shot by terrorists from the zarate wilka armed forces of \
                    liberation (fal). the sinister medellin cartel denied it.";
        let got = complete(
            text,
            vec![
                ent(text, "zarate wilka", EntityLabel::Per, 0),
                ent(text, "liberation (fal)", EntityLabel::Org, 0),
                ent(text, "sinister medellin cartel", EntityLabel::Per, 0),
            ],
        );
        assert_eq!(
            got,
            [
                (
                    "zarate wilka armed forces of liberation".to_string(),
                    EntityLabel::Org
                ),
                ("fal".to_string(), EntityLabel::Org),
                ("sinister medellin cartel".to_string(), EntityLabel::Org),
            ]
        );
    }

    #[test]
    fn pieces_of_a_name_labelled_otherwise_are_the_person() {
        let text = "liberal senator federico estrada velez was kidnapped. gen casadiego torrado \
                    said casadiego had no news.";
        let got = complete(
            text,
            vec![
                ent(text, "federico estrada", EntityLabel::Org, 0),
                ent(text, "velez", EntityLabel::Per, 0),
                ent(text, "gen casadiego torrado", EntityLabel::Per, 0),
                ent(text, "casadiego", EntityLabel::Loc, 1),
            ],
        );
        let labels: Vec<EntityLabel> = got.iter().map(|(_, l)| *l).collect();
        assert_eq!(labels, [EntityLabel::Per; 4], "{got:?}");
    }

    #[test]
    fn a_name_found_once_is_tagged_where_the_tagger_missed_it() {
        let text = "police reported the death of gonzalo rodriguez gacha. later rodriguez gacha \
                    was buried.";
        // The tagger took the first two words of the first mention for a place.
        let got = complete(
            text,
            vec![
                ent(text, "gonzalo rodriguez", EntityLabel::Loc, 0),
                ent(text, "rodriguez gacha", EntityLabel::Per, 1),
            ],
        );
        let names: Vec<&str> = got.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(names, ["gonzalo rodriguez gacha", "rodriguez gacha"]);
    }

    /// The one-pass search must give what a `match_indices` per name gives, in the same order.
    fn occurrences_by_name(text: &str, names: &[String]) -> Vec<(String, usize)> {
        names
            .iter()
            .flat_map(|n| {
                text.match_indices(n.as_str())
                    .map(move |(at, _)| (n.clone(), at))
            })
            .collect()
    }

    #[test]
    fn occurrences_come_name_by_name_without_a_name_overlapping_itself() {
        let names = vec!["ana ana".to_string(), "ana".to_string(), "bob".to_string()];
        let text = "ana ana ana bob ana";
        let got: Vec<(String, usize)> = occurrences(text, &names)
            .into_iter()
            .map(|(n, at)| (n.to_string(), at))
            .collect();
        assert_eq!(got, occurrences_by_name(text, &names));
        // "ana ana" also starts at 4, inside its match at 0: skipped, as match_indices does.
        assert_eq!(got[0], ("ana ana".to_string(), 0));
        assert_eq!(got[1], ("ana".to_string(), 0));
    }

    proptest::proptest! {
        #[test]
        fn occurrences_match_a_search_per_name(
            text in "[ab ]{0,40}",
            names in proptest::collection::vec("[ab ]{1,4}", 0..5),
        ) {
            let mut names = names;
            names.sort_unstable_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
            names.dedup();
            let got: Vec<(String, usize)> = occurrences(&text, &names)
                .into_iter()
                .map(|(n, at)| (n.to_string(), at))
                .collect();
            proptest::prop_assert_eq!(got, occurrences_by_name(&text, &names));
        }

        #[test]
        fn spans_found_by_binary_search_are_the_overlapping_ones(
            cuts in proptest::collection::btree_set(0u32..200, 0..30),
            start in 0u32..200,
            len in 1u32..20,
        ) {
            // Entities in order and apart: consecutive cut points paired up.
            let cuts: Vec<u32> = cuts.into_iter().collect();
            let entities: Vec<Entity> = cuts
                .chunks_exact(2)
                .map(|c| Entity {
                    text: String::new(),
                    label: EntityLabel::Per,
                    start: c[0],
                    end: c[1],
                    canonical: None,
                })
                .collect();
            proptest::prop_assert!(in_order_and_apart(&entities));
            let end = start + len;
            let fast: Vec<usize> = overlapping(&entities, start, end, true).collect();
            let slow: Vec<usize> = overlapping(&entities, start, end, false).collect();
            proptest::prop_assert_eq!(fast, slow);
        }
    }
}
