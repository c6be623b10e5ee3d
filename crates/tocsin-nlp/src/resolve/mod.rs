//! Within-document entity resolution: which mentions name the same thing.
//!
//! Input is whatever entity recognizer ran (a list of [`Entity`] over the text) plus the
//! tokens; output is a canonical name on every entity, the clusters they form, and the
//! pronouns and role nouns ("he", "the security expert") that point back at a person. Rules,
//! in order:
//!
//! 1. A name in the [`AliasTable`] resolves to its actor: "ISIS", "ISIL", "Daesh" and "Islamic
//!    State" are one actor; "ISIS-K" and "ISKP" another, whose family is the Islamic State.
//! 2. People: titles ("Gen.", "Mr.") and possessives are dropped; a one-word name ("Roggio")
//!    joins the nearest full name before it that ends (or starts) with that word, or else the
//!    nearest after it.
//! 3. Organizations and places: the same folded name joins; an acronym ("FDD") joins the
//!    organization whose initials it spells; a shorter name of two words or more ("the
//!    Investigative Committee") joins an earlier longer one that contains it.
//! 4. "he"/"him"/"his" and "she"/"her" link to the nearest preceding person within
//!    [`PRONOUN_WINDOW`] bytes whose gender (from a title or an earlier pronoun) does not
//!    contradict; "the expert said", "said the official" link a role noun next to a speech
//!    verb the same way.
//!
//! ```
//! use tocsin_model::{Entity, EntityLabel};
//! use tocsin_nlp::resolve::{resolve, AliasTable};
//! use tocsin_nlp::tokenize::tokenize;
//! let text = "Bill Roggio said ISIS-K is recruiting. Roggio said IS will use the videos, he added.";
//! let ent = |s: &str, label, from: usize| {
//!     let start = text[from..].find(s).expect("present") + from;
//!     Entity { text: s.into(), label, start: start as u32, end: (start + s.len()) as u32, canonical: None }
//! };
//! let mut entities = vec![
//!     ent("Bill Roggio", EntityLabel::Per, 0),
//!     ent("ISIS-K", EntityLabel::Org, 0),
//!     ent("Roggio", EntityLabel::Per, 20),
//!     ent("IS", EntityLabel::Org, 40),
//! ];
//! let table = AliasTable::builtin();
//! let res = resolve(text, &tokenize(text), &mut entities, table);
//! assert_eq!(entities[2].canonical.as_deref(), Some("Bill Roggio"));
//! assert_eq!(entities[1].canonical.as_deref(), Some("Islamic State Khorasan Province"));
//! assert_eq!(entities[3].canonical.as_deref(), Some("Islamic State"));
//! let k = res.clusters[res.entity_cluster[1]].actor.as_ref().expect("an actor");
//! assert_eq!(k.family, "Islamic State");
//! assert_eq!(res.corefs[0].text, "he");
//! assert_eq!(res.clusters[res.corefs[0].cluster].canonical, "Bill Roggio");
//! ```

mod alias;

pub use alias::{Actor, ActorId, ActorKind, AliasError, AliasTable, BUILTIN_TSV};

use crate::tokenize::{Token, TokenKind};
use alias::fold;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use tocsin_model::{Entity, EntityLabel, Span};

/// How far back (in bytes) a pronoun looks for its person: a few paragraphs of quotes.
pub const PRONOUN_WINDOW: u32 = 2000;

/// The actor a cluster resolved to through the alias table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorRef {
    /// Its id in the table.
    pub id: ActorId,
    /// Its canonical name.
    pub canonical: String,
    /// Its kind.
    pub kind: ActorKind,
    /// The canonical name of its family's root (itself for a root).
    pub family: String,
    /// The canonical name of its parent, for a branch.
    pub parent: Option<String>,
}

/// Entities that name the same thing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cluster {
    /// The name they resolve to.
    pub canonical: String,
    /// The label of the first mention.
    pub label: EntityLabel,
    /// The actor, when the alias table knows it.
    pub actor: Option<ActorRef>,
    /// Indexes of its entities, in text order.
    pub mentions: Vec<usize>,
}

/// What kind of word points back at an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CorefKind {
    /// `he`, `his`, `she`, `her`…
    Pronoun,
    /// `the security expert`, `the official`.
    Nominal,
}

/// A pronoun or role noun linked to the entity it refers to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coref {
    /// Where it is.
    pub span: Span,
    /// What it says.
    pub text: String,
    /// Pronoun or role noun.
    pub kind: CorefKind,
    /// The cluster it refers to.
    pub cluster: usize,
    /// The mention it was linked through (the nearest one before it).
    pub antecedent: usize,
}

/// The result of resolution.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resolution {
    /// Clusters, in order of first mention.
    pub clusters: Vec<Cluster>,
    /// The cluster of each entity (same indexes as the entity slice).
    pub entity_cluster: Vec<usize>,
    /// Pronouns and role nouns, in text order.
    pub corefs: Vec<Coref>,
}

/// Resolves `entities` (in any order) over `text`: sets every entity's `canonical` and
/// returns the clusters and pronoun links. `tokens` are the text's tokens (for pronouns).
pub fn resolve(
    text: &str,
    tokens: &[Token],
    entities: &mut [Entity],
    table: &AliasTable,
) -> Resolution {
    let mut order: Vec<usize> = (0..entities.len()).collect();
    order.sort_by_key(|&i| (entities[i].start, entities[i].end));

    let n = entities.len();
    let mut rank = vec![0; n];
    for (k, &e) in order.iter().enumerate() {
        rank[e] = k;
    }
    let mut r = Resolver {
        entities,
        table,
        clusters: Vec::new(),
        folded: Vec::new(),
        rank,
        of: vec![usize::MAX; n],
        by_actor: HashMap::new(),
        by_key: HashMap::new(),
        caseless: crate::tokenize::Casing::of(text) != crate::tokenize::Casing::Mixed,
    };
    // Full names and everything that is not a part of a person's name, in text order.
    let person_names: Vec<Vec<String>> = entities_words(r.entities);
    let mut single_names = Vec::new();
    for &e in &order {
        if r.entities[e].label == EntityLabel::Per
            && table.lookup(&r.entities[e].text).is_none()
            && (is_part_of_a_name(&person_names, e)
                || r.caseless && is_given_and_first_surname(&person_names, e))
        {
            single_names.push(e);
            continue;
        }
        r.place(e);
    }
    // Parts of names ("Galán", "Maza Márquez") join the nearest full name that ends or
    // starts with them.
    for e in single_names {
        r.place_single_name(e);
    }
    let canonical: Vec<String> = r.clusters.iter().map(|c| c.canonical.clone()).collect();
    for (e, &c) in r.of.iter().enumerate() {
        r.entities[e].canonical = canonical.get(c).cloned();
    }
    let corefs = link_corefs(text, tokens, &*r.entities, &r.of, &order);
    let entity_cluster = r.of.clone();
    Resolution {
        clusters: r.clusters,
        entity_cluster,
        corefs,
    }
}

struct Resolver<'a> {
    entities: &'a mut [Entity],
    table: &'a AliasTable,
    clusters: Vec<Cluster>,
    /// Each cluster's canonical name folded, computed once: the searches below compare every
    /// new name with every cluster, and folding the names again each time made resolution
    /// quadratic in allocations on long documents.
    folded: Vec<FoldedName>,
    /// Each entity's place in text order.
    rank: Vec<usize>,
    /// Cluster of each entity (`usize::MAX` until placed).
    of: Vec<usize>,
    by_actor: HashMap<ActorId, usize>,
    /// (label group, folded name) → cluster.
    by_key: HashMap<(u8, String), usize>,
    /// The text has no case ("farc", "FMLN GUERRILLAS"), so an acronym is known by its
    /// letters alone.
    caseless: bool,
}

/// A cluster's canonical name in the forms the searches compare.
struct FoldedName {
    /// Folded words ("miguel maza marquez").
    words: Vec<String>,
    /// Folded, with a space at each end (" investigative committee of russia "), for
    /// whole-word containment.
    padded: String,
    /// Upper-cased initials of every word, and of the words other than function words, for a
    /// name of two words or more.
    initials: Option<(String, String)>,
}

impl FoldedName {
    fn new(canonical: &str) -> Self {
        let raw: Vec<&str> = canonical.split_whitespace().collect();
        let all: String = raw.iter().filter_map(|w| w.chars().next()).collect();
        let content: String = raw
            .iter()
            .filter(|w| {
                !matches!(
                    **w,
                    "of" | "for" | "the" | "and" | "on" | "in" | "de" | "al"
                )
            })
            .filter_map(|w| w.chars().next())
            .collect();
        let initials = (raw.len() >= 2).then(|| (all.to_uppercase(), content.to_uppercase()));
        FoldedName {
            words: raw.iter().map(|w| fold(w)).collect(),
            padded: format!(" {} ", fold(canonical)),
            initials,
        }
    }
}

/// Labels that may corefer: people with people, the rest among themselves (an outlet tagged
/// ORG in one place and MISC in another is still one outlet).
fn group(label: EntityLabel) -> u8 {
    match label {
        EntityLabel::Per => 0,
        EntityLabel::Org | EntityLabel::Misc => 1,
        EntityLabel::Gpe | EntityLabel::Loc => 2,
    }
}

impl Resolver<'_> {
    fn join(&mut self, e: usize, c: usize) {
        self.of[e] = c;
        self.clusters[c].mentions.push(e);
    }

    fn new_cluster(&mut self, e: usize, canonical: String, actor: Option<ActorRef>) -> usize {
        let c = self.clusters.len();
        self.folded.push(FoldedName::new(&canonical));
        self.clusters.push(Cluster {
            canonical,
            label: self.entities[e].label,
            actor,
            mentions: vec![e],
        });
        self.of[e] = c;
        c
    }

    fn actor_ref(&self, id: ActorId) -> Option<ActorRef> {
        let actor = self.table.actor(id)?;
        let family = self.table.family(id);
        Some(ActorRef {
            id,
            canonical: actor.canonical.clone(),
            kind: actor.kind,
            family: self
                .table
                .actor(family)
                .map_or_else(|| actor.canonical.clone(), |a| a.canonical.clone()),
            parent: actor
                .parent
                .and_then(|p| self.table.actor(p))
                .map(|a| a.canonical.clone()),
        })
    }

    fn place(&mut self, e: usize) {
        let ent_text = self.entities[e].text.clone();
        let label = self.entities[e].label;
        let g = group(label);
        // 1. The alias table.
        let known = self.table.lookup(&ent_text).or_else(|| {
            (self.caseless && !alias::is_common_word(&fold(&ent_text)))
                .then(|| self.table.lookup(&ent_text.to_uppercase()))
                .flatten()
        });
        if let Some(id) = known {
            if let Some(&c) = self.by_actor.get(&id) {
                self.join(e, c);
                return;
            }
            if let Some(actor) = self.actor_ref(id) {
                let c = self.new_cluster(e, actor.canonical.clone(), Some(actor));
                self.by_actor.insert(id, c);
                return;
            }
        }
        // 2. Same name.
        let name = if label == EntityLabel::Per {
            person_words(&ent_text).join(" ")
        } else {
            strip_possessive(ent_text.trim()).to_string()
        };
        let key = fold(&name);
        if let Some(&c) = self.by_key.get(&(g, key.clone())) {
            self.join(e, c);
            return;
        }
        if g == 1 {
            // 3. An acronym of an earlier organization, or a shorter form of one.
            let letters = if self.caseless {
                name.to_uppercase()
            } else {
                name.clone()
            };
            if let Some(c) = self
                .acronym_target(&letters)
                .or_else(|| self.contained_in(&key, e))
            {
                self.by_key.insert((g, key), c);
                self.join(e, c);
                return;
            }
        }
        let canonical = if label == EntityLabel::Per {
            name
        } else {
            strip_the(&name).to_string()
        };
        let c = self.new_cluster(e, canonical, None);
        self.by_key.insert((g, key), c);
    }

    /// The organization whose initials `name` spells (`FDD` → Foundation for Defense of
    /// Democracies), with or without its function words.
    fn acronym_target(&self, name: &str) -> Option<usize> {
        let letters: Vec<char> = name.chars().filter(|c| !matches!(c, '.' | '-')).collect();
        if !(2..=6).contains(&letters.len()) || !letters.iter().all(|c| c.is_uppercase()) {
            return None;
        }
        let acronym: String = letters.into_iter().collect();
        self.clusters.iter().zip(&self.folded).position(|(c, f)| {
            group(c.label) == 1
                && c.actor.is_none()
                && f.initials
                    .as_ref()
                    .is_some_and(|(all, content)| *all == acronym || *content == acronym)
        })
    }

    /// An earlier organization whose folded name contains `key` as whole words, when `key` has
    /// two words or more ("investigative committee" in "investigative committee of russia").
    fn contained_in(&self, key: &str, e: usize) -> Option<usize> {
        if key.split(' ').count() < 2 {
            return None;
        }
        let start = self.entities[e].start;
        let padded = format!(" {key} ");
        self.clusters.iter().zip(&self.folded).position(|(c, f)| {
            group(c.label) == 1
                && c.mentions
                    .first()
                    .is_some_and(|&m| self.entities[m].start < start)
                && f.padded.contains(&padded)
        })
    }

    fn place_single_name(&mut self, e: usize) {
        let word = person_words(&self.entities[e].text).join(" ");
        let folded = fold(&word);
        let part: Vec<String> = person_words(&self.entities[e].text)
            .into_iter()
            .map(fold)
            .collect();
        let start = self.entities[e].start;
        // Candidates: person clusters with a longer name ending with the words, or for one
        // word, starting with it.
        // The nearest mention of such a cluster: the last one before the name in text order,
        // else the first one after it.
        let mut before: Option<(usize, usize)> = None;
        let mut after: Option<(usize, usize)> = None;
        for (c, (cluster, f)) in self.clusters.iter().zip(&self.folded).enumerate() {
            if cluster.label != EntityLabel::Per || !is_fuller_name(&f.words, &part) {
                continue;
            }
            for &m in &cluster.mentions {
                let rank = self.rank[m];
                if self.entities[m].start < start {
                    if before.is_none_or(|(r, _)| rank > r) {
                        before = Some((rank, c));
                    }
                } else if after.is_none_or(|(r, _)| rank < r) {
                    after = Some((rank, c));
                }
            }
        }
        if let Some((_, c)) = before.or(after) {
            self.join(e, c);
            return;
        }
        // A Spanish or Portuguese name carries two surnames and is cut to the first: "Oquelí"
        // for "Héctor Oquelí Colindres". One word inside a name of three or four words joins
        // it when exactly one such name has it.
        if part.len() == 1 {
            let inner = |c: usize| {
                let words = &self.folded[c].words;
                self.clusters[c].label == EntityLabel::Per
                    && (3..=4).contains(&words.len())
                    && words[1..words.len() - 1].contains(&part[0])
            };
            let mut hits = (0..self.clusters.len()).filter(|&c| inner(c));
            if let (Some(c), None) = (hits.next(), hits.next()) {
                self.join(e, c);
                return;
            }
        }
        // A given name and the first surname of a three-word name ("bernardo jaramillo" of
        // "bernardo jaramillo ossa"), in a text without case where the tagger often drops
        // the second surname: joins it when exactly one such name has them.
        if self.caseless && part.len() == 2 {
            let fuller = |c: usize| {
                let words = &self.folded[c].words;
                self.clusters[c].label == EntityLabel::Per
                    && words.len() == 3
                    && words.starts_with(&part)
            };
            let mut hits = (0..self.clusters.len()).filter(|&c| fuller(c));
            if let (Some(c), None) = (hits.next(), hits.next()) {
                self.join(e, c);
                return;
            }
        }
        let key = (0u8, folded);
        if let Some(&c) = self.by_key.get(&key) {
            self.join(e, c);
            return;
        }
        let c = self.new_cluster(e, word, None);
        self.by_key.insert(key, c);
    }
}

/// Whether a folded word is a title or rank that stands before a person's name ("colonel",
/// "senator", "mr").
pub fn is_person_title(folded: &str) -> bool {
    TITLES.contains(&folded)
}

/// Titles dropped from person names.
const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "prof",
    "professor",
    "gen",
    "general",
    "lt",
    "col",
    "colonel",
    "maj",
    "major",
    "capt",
    "captain",
    "sgt",
    "sergeant",
    "adm",
    "admiral",
    "gov",
    "governor",
    "sen",
    "senator",
    "rep",
    "president",
    "pres",
    "prime",
    "minister",
    "king",
    "queen",
    "prince",
    "princess",
    "sheikh",
    "imam",
    "mullah",
    "rev",
    "reverend",
    "father",
    "pope",
    "chancellor",
    "secretary",
    "judge",
    "justice",
    "commander",
    "lieutenant",
    "officer",
    "detective",
    "sheriff",
    "deputy",
    "chief",
    "mayor",
    "ayatollah",
    "emir",
    "sir",
    "dame",
    "lord",
];

/// The folded words of each person entity without titles (empty for other labels).
fn entities_words(entities: &[Entity]) -> Vec<Vec<String>> {
    entities
        .iter()
        .map(|e| {
            if e.label == EntityLabel::Per {
                person_words(&e.text).into_iter().map(fold).collect()
            } else {
                Vec::new()
            }
        })
        .collect()
}

/// Whether person entity `e` is one word, or the last words of a longer person name in the
/// document ("Maza Márquez" of "Miguel Maza Márquez", "Peña Nieto" of "Enrique Peña Nieto"):
/// it is placed after the full names, to join one. First words are not enough: a longer
/// name that starts with a name is as often a headline the tagger ran on ("Hillary Clinton
/// Speaks", "Larry King Now"), and a name of five words or more is a headline too ("Dixie
/// Eberly Double Homicide Denise Diane Eberly").
fn is_part_of_a_name(names: &[Vec<String>], e: usize) -> bool {
    let part = &names[e];
    part.len() == 1 || (!part.is_empty() && names.iter().any(|n| is_fuller_name(n, part)))
}

/// Whether person entity `e` is two words that start a three-word person name of the
/// document: a given name and first surname, placed after the full names to join one.
fn is_given_and_first_surname(names: &[Vec<String>], e: usize) -> bool {
    let part = &names[e];
    part.len() == 2 && names.iter().any(|n| n.len() == 3 && n.starts_with(part))
}

/// Whether the person name `full` (folded words) is a fuller form of `part`: a longer name of
/// at most four words ending with it, or for one word, any longer name ending or starting
/// with it ("Galán" of "Luis Carlos Galán", "Maza Márquez" of "Miguel Maza Márquez").
fn is_fuller_name(full: &[String], part: &[String]) -> bool {
    full.len() > part.len()
        && (part.len() == 1 && (full.ends_with(part) || full.starts_with(part))
            || full.len() <= 4 && full.ends_with(part))
}

/// The words of a person name without titles and possessive.
fn person_words(s: &str) -> Vec<&str> {
    let s = strip_possessive(s.trim());
    let mut words: Vec<&str> = s.split_whitespace().collect();
    while words.len() > 1 && TITLES.contains(&fold(words[0]).as_str()) {
        words.remove(0);
    }
    words
}

fn strip_possessive(s: &str) -> &str {
    for suffix in ["'s", "’s"] {
        if let Some(rest) = s.strip_suffix(suffix) {
            return rest;
        }
    }
    s
}

fn strip_the(s: &str) -> &str {
    // "The Long War Journal" keeps its article: it is part of the name as printed; a
    // lowercase "the" picked up by a recognizer is not.
    s.strip_prefix("the ").unwrap_or(s)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Gender {
    Male,
    Female,
}

fn pronoun_gender(w: &str) -> Option<Gender> {
    match w.to_ascii_lowercase().as_str() {
        "he" | "him" | "his" | "himself" => Some(Gender::Male),
        "she" | "her" | "hers" | "herself" => Some(Gender::Female),
        _ => None,
    }
}

/// Gender of common first names in news (English and the names most often in conflict
/// reporting), so that "she" skips "John Smith". Unknown names stay neutral.
fn first_name_gender(name: &str) -> Option<Gender> {
    const MALE: &[&str] = &[
        "James",
        "John",
        "Robert",
        "Michael",
        "William",
        "David",
        "Richard",
        "Joseph",
        "Thomas",
        "Charles",
        "Christopher",
        "Daniel",
        "Matthew",
        "Anthony",
        "Mark",
        "Donald",
        "Steven",
        "Paul",
        "Andrew",
        "Joshua",
        "Kenneth",
        "Kevin",
        "Brian",
        "George",
        "Timothy",
        "Ronald",
        "Edward",
        "Jason",
        "Jeffrey",
        "Ryan",
        "Jacob",
        "Gary",
        "Nicholas",
        "Eric",
        "Jonathan",
        "Stephen",
        "Larry",
        "Justin",
        "Scott",
        "Brandon",
        "Benjamin",
        "Samuel",
        "Frank",
        "Gregory",
        "Raymond",
        "Alexander",
        "Patrick",
        "Jack",
        "Dennis",
        "Jerry",
        "Tyler",
        "Aaron",
        "Jose",
        "Adam",
        "Henry",
        "Nathan",
        "Douglas",
        "Peter",
        "Kyle",
        "Walter",
        "Jeremy",
        "Keith",
        "Roger",
        "Gerald",
        "Carl",
        "Sean",
        "Arthur",
        "Jesse",
        "Bruce",
        "Albert",
        "Juan",
        "Wayne",
        "Roy",
        "Ralph",
        "Eugene",
        "Vincent",
        "Louis",
        "Philip",
        "Bill",
        "Mike",
        "Jim",
        "Tom",
        "Bob",
        "Dan",
        "Dave",
        "Steve",
        "Tony",
        "Joe",
        "Jake",
        "Mohammed",
        "Muhammad",
        "Mohamed",
        "Mohammad",
        "Ahmed",
        "Ahmad",
        "Ali",
        "Hassan",
        "Hussein",
        "Omar",
        "Abdul",
        "Abdullah",
        "Ibrahim",
        "Mustafa",
        "Khalid",
        "Yusuf",
        "Osama",
        "Abu",
        "Vladimir",
        "Sergei",
        "Sergey",
        "Dmitry",
        "Alexei",
        "Volodymyr",
        "Viktor",
        "Recep",
        "Bashar",
        "Qassem",
        "Hamid",
        "Ashraf",
        "Imran",
        "Nawaz",
        "Narendra",
        "Rahul",
        "Emmanuel",
        "Olaf",
        "Boris",
        "Rishi",
        "Keir",
        "Barack",
        "Antony",
        "Lloyd",
    ];
    const FEMALE: &[&str] = &[
        "Mary",
        "Patricia",
        "Jennifer",
        "Linda",
        "Elizabeth",
        "Barbara",
        "Susan",
        "Jessica",
        "Sarah",
        "Karen",
        "Nancy",
        "Lisa",
        "Margaret",
        "Betty",
        "Sandra",
        "Ashley",
        "Kimberly",
        "Emily",
        "Donna",
        "Michelle",
        "Carol",
        "Amanda",
        "Melissa",
        "Deborah",
        "Stephanie",
        "Rebecca",
        "Laura",
        "Sharon",
        "Cynthia",
        "Kathleen",
        "Amy",
        "Angela",
        "Anna",
        "Maria",
        "Jane",
        "Julia",
        "Emma",
        "Olivia",
        "Sophie",
        "Natalia",
        "Svetlana",
        "Irina",
        "Tatiana",
        "Olena",
        "Yulia",
        "Fatima",
        "Aisha",
        "Leila",
        "Zainab",
        "Maryam",
        "Malala",
        "Alice",
        "Ellen",
        "Joan",
        "Ruth",
        "Helen",
        "Catherine",
        "Karine",
        "Kristi",
        "Nikki",
        "Kamala",
        "Hillary",
        "Ursula",
        "Theresa",
        "Giorgia",
        "Annalena",
        "Claudia",
        "Liz",
        "Kate",
        "Lucy",
        "Hannah",
        "Grace",
        "Victoria",
        "Christine",
        "Carmen",
        "Ana",
        "Rosa",
        "Lucia",
        "Sara",
        "Yasmin",
        "Noor",
    ];
    if MALE.contains(&name) {
        Some(Gender::Male)
    } else if FEMALE.contains(&name) {
        Some(Gender::Female)
    } else {
        None
    }
}

/// Role nouns that stand for a person already named ("the security expert said").
const ROLE_NOUNS: &[&str] = &[
    "expert",
    "analyst",
    "official",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "minister",
    "president",
    "commander",
    "general",
    "leader",
    "fellow",
    "researcher",
    "chief",
    "governor",
    "mayor",
    "senator",
    "lawmaker",
    "diplomat",
    "ambassador",
    "envoy",
    "journalist",
    "reporter",
    "witness",
    "professor",
    "scholar",
    "adviser",
    "advisor",
    "director",
    "officer",
    "sheriff",
    "prosecutor",
    "lawyer",
    "attorney",
    "author",
    "editor",
    "specialist",
];

const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "added",
    "adds",
    "told",
    "tells",
    "noted",
    "stressed",
    "explained",
    "warned",
    "wrote",
    "argued",
    "asked",
    "continued",
    "insisted",
    "claimed",
    "stated",
    "according",
];

fn link_corefs(
    text: &str,
    tokens: &[Token],
    entities: &[Entity],
    of: &[usize],
    order: &[usize],
) -> Vec<Coref> {
    let persons: Vec<usize> = order
        .iter()
        .copied()
        .filter(|&e| entities[e].label == EntityLabel::Per && of[e] != usize::MAX)
        .collect();
    if persons.is_empty() {
        return Vec::new();
    }
    // Gender of a cluster: from a title before a mention, else from the first pronoun linked.
    let mut gender: HashMap<usize, Gender> = HashMap::new();
    for &e in &persons {
        let before = text.get(..entities[e].start as usize).unwrap_or("");
        let title = before
            .trim_end()
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or("");
        let g = match title {
            "Mr." | "Mr" => Some(Gender::Male),
            "Mrs." | "Ms." | "Mrs" | "Ms" | "Miss" => Some(Gender::Female),
            _ => None,
        };
        let g = g.or_else(|| {
            first_name_gender(
                person_words(&entities[e].text)
                    .first()
                    .copied()
                    .unwrap_or(""),
            )
        });
        if let Some(g) = g {
            gender.entry(of[e]).or_insert(g);
        }
    }
    let w = |i: usize| tokens.get(i).map_or("", |t| t.text(text));
    let inside_entity = |t: &Token| {
        entities
            .iter()
            .any(|e| e.start <= t.start && t.end <= e.end)
    };
    let mut out = Vec::new();
    let mut p = 0; // persons[..p] start before the current token
    for (i, t) in tokens.iter().enumerate() {
        while p < persons.len() && entities[persons[p]].end <= t.start {
            p += 1;
        }
        if t.kind != TokenKind::Word {
            continue;
        }
        let word = w(i);
        let (kind, span_start, want) = if let Some(g) = pronoun_gender(word) {
            (CorefKind::Pronoun, i, Some(g))
        } else if ROLE_NOUNS.contains(&word) {
            // `the [adj] [adj] expert said` / `said the expert`.
            let mut k = i;
            while k > 0
                && i - k < 3
                && w(k - 1).chars().all(|c| c.is_lowercase() || c == '-')
                && !w(k - 1).eq_ignore_ascii_case("the")
            {
                k -= 1;
            }
            if k == 0 || !w(k - 1).eq_ignore_ascii_case("the") {
                continue;
            }
            let speech_after = SPEECH_VERBS.contains(&w(i + 1).to_ascii_lowercase().as_str());
            let speech_before =
                k >= 2 && SPEECH_VERBS.contains(&w(k - 2).to_ascii_lowercase().as_str());
            if !(speech_after || speech_before) {
                continue;
            }
            (CorefKind::Nominal, k - 1, None)
        } else {
            continue;
        };
        if inside_entity(t) {
            continue;
        }
        // The nearest person before, within the window, whose gender does not clash.
        let found = persons[..p].iter().rev().take(6).find(|&&e| {
            let ent = &entities[e];
            t.start.saturating_sub(ent.end) <= PRONOUN_WINDOW
                && match (want, gender.get(&of[e])) {
                    (Some(a), Some(b)) => a == *b,
                    _ => true,
                }
        });
        let Some(&e) = found else {
            continue;
        };
        if let Some(g) = want {
            gender.entry(of[e]).or_insert(g);
        }
        let start = tokens[span_start].start as usize;
        let end = t.end as usize;
        out.push(Coref {
            span: Span::new(start, end),
            text: text.get(start..end).unwrap_or("").to_string(),
            kind,
            cluster: of[e],
            antecedent: e,
        });
    }
    out
}
