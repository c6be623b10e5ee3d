//! Within-document entity resolution over entities a recognizer produced.

use tocsin_model::{Entity, EntityLabel};
use tocsin_nlp::resolve::{resolve, ActorKind, AliasTable, CorefKind, Resolution};
use tocsin_nlp::tokenize::tokenize;

/// Entities for every occurrence of each (surface, label) in `text`, in text order.
fn entities(text: &str, names: &[(&str, EntityLabel)]) -> Vec<Entity> {
    let mut out = Vec::new();
    for &(name, label) in names {
        for (start, _) in text.match_indices(name) {
            // Skip occurrences inside a longer listed name ("Roggio" in "Bill Roggio").
            let inside = names.iter().any(|&(other, _)| {
                other.len() > name.len()
                    && text
                        .match_indices(other)
                        .any(|(s, _)| s <= start && start + name.len() <= s + other.len())
            });
            let end = start + name.len();
            let word_bounded = !text[..start].ends_with(char::is_alphanumeric)
                && !text[end..].starts_with(char::is_alphanumeric);
            if !inside && word_bounded {
                out.push(Entity {
                    text: name.to_string(),
                    label,
                    start: start as u32,
                    end: end as u32,
                    canonical: None,
                });
            }
        }
    }
    out.sort_by_key(|e| e.start);
    out
}

fn run(text: &str, names: &[(&str, EntityLabel)]) -> (Vec<Entity>, Resolution) {
    let mut ents = entities(text, names);
    let res = resolve(text, &tokenize(text), &mut ents, AliasTable::builtin());
    (ents, res)
}

fn canonical<'a>(ents: &'a [Entity], surface: &str) -> Vec<&'a str> {
    ents.iter()
        .filter(|e| e.text == surface)
        .map(|e| e.canonical.as_deref().unwrap_or("-"))
        .collect()
}

const SEED: &str = "“It’s really a good thing that ISIS is recruiting people,” Bill Roggio, a senior fellow at \
the Foundation for Defense of Democracies and founding editor of The Long War Journal, told Fox Digital News.\n\n\
“This is a valid type of attack. We are discussing it,” he added.\n\n\
But Roggio believes the move is unlikely to succeed.\n\n\
“Islamic State will use these videos for future recruitment,” the security expert said. \
“Islamic State (IS) will use these videos as evidence.”\n\n\
First is ISIS-K attract international attention. The FDD said so.\n\n\
White House national security adviser John Kirby said the United States remains “vigilant” about the threat \
posed by Islamic State to the United States.\n\n\
“This is because we have been monitoring in an active way [ISIS-K],” he told reporters on Monday.";

fn seed() -> (Vec<Entity>, Resolution) {
    use EntityLabel::*;
    run(
        SEED,
        &[
            ("Bill Roggio", Per),
            ("Roggio", Per),
            ("John Kirby", Per),
            ("ISIS-K", Org),
            ("ISIS", Org),
            ("Islamic State", Org),
            ("IS", Org),
            ("Foundation for Defense of Democracies", Org),
            ("FDD", Org),
            ("The Long War Journal", Org),
            ("United States", Gpe),
        ],
    )
}

#[test]
fn surname_resolves_to_the_full_name() {
    let (ents, _) = seed();
    assert_eq!(canonical(&ents, "Roggio"), ["Bill Roggio"]);
    assert_eq!(canonical(&ents, "Bill Roggio"), ["Bill Roggio"]);
    assert_eq!(canonical(&ents, "John Kirby"), ["John Kirby"]);
}

#[test]
fn islamic_state_aliases_are_one_actor() {
    let (ents, res) = seed();
    for surface in ["ISIS", "Islamic State", "IS"] {
        for c in canonical(&ents, surface) {
            assert_eq!(c, "Islamic State", "{surface}");
        }
    }
    let ids: Vec<usize> = ents
        .iter()
        .enumerate()
        .filter(|(_, e)| matches!(e.text.as_str(), "ISIS" | "Islamic State" | "IS"))
        .map(|(i, _)| res.entity_cluster[i])
        .collect();
    assert!(ids.windows(2).all(|w| w[0] == w[1]));
}

#[test]
fn isis_k_is_a_branch_of_the_islamic_state() {
    let (ents, res) = seed();
    assert_eq!(
        canonical(&ents, "ISIS-K"),
        [
            "Islamic State Khorasan Province",
            "Islamic State Khorasan Province"
        ]
    );
    let i = ents
        .iter()
        .position(|e| e.text == "ISIS-K")
        .expect("ISIS-K");
    let actor = res.clusters[res.entity_cluster[i]]
        .actor
        .as_ref()
        .expect("an actor");
    assert_eq!(actor.family, "Islamic State");
    assert_eq!(actor.parent.as_deref(), Some("Islamic State"));
    assert_eq!(actor.kind, ActorKind::ArmedGroup);
    // A different cluster from the parent's.
    let j = ents.iter().position(|e| e.text == "ISIS").expect("ISIS");
    assert_ne!(res.entity_cluster[i], res.entity_cluster[j]);
}

#[test]
fn every_khorasan_spelling_is_the_branch() {
    let table = AliasTable::builtin();
    let k = table.lookup("ISIS-K").expect("known");
    for name in [
        "ISKP",
        "IS-K",
        "ISIS K",
        "Islamic State Khorasan",
        "Islamic State-Khorasan",
        "Islamic State Khorasan Province",
        "the ISIS-K group",
        "ISIS-K’s",
    ] {
        assert_eq!(table.lookup(name), Some(k), "{name}");
    }
    let is = table.lookup("Daesh").expect("known");
    for name in [
        "IS",
        "ISIS",
        "ISIL",
        "Islamic State",
        "the Islamic State group",
        "Islamic State militants",
    ] {
        assert_eq!(table.lookup(name), Some(is), "{name}");
    }
    assert!(table.same_family(k, is));
    assert_eq!(table.family(k), is);
    // Short aliases match case exactly: "is" is a verb.
    assert_eq!(table.lookup("is"), None);
    assert_eq!(table.lookup("Is"), None);
}

#[test]
fn acronym_joins_its_organization() {
    let (ents, _) = seed();
    assert_eq!(
        canonical(&ents, "FDD"),
        ["Foundation for Defense of Democracies"]
    );
    assert_eq!(
        canonical(&ents, "The Long War Journal"),
        ["The Long War Journal"]
    );
}

#[test]
fn pronouns_and_role_nouns_point_at_the_speaker() {
    let (_, res) = seed();
    let linked: Vec<(&str, &str, CorefKind)> = res
        .corefs
        .iter()
        .map(|c| {
            (
                c.text.as_str(),
                res.clusters[c.cluster].canonical.as_str(),
                c.kind,
            )
        })
        .collect();
    assert_eq!(
        linked,
        [
            ("he", "Bill Roggio", CorefKind::Pronoun),
            ("the security expert", "Bill Roggio", CorefKind::Nominal),
            ("he", "John Kirby", CorefKind::Pronoun),
        ]
    );
}

#[test]
fn gender_from_a_title_blocks_a_wrong_link() {
    use EntityLabel::*;
    let text = "Ms. Jane Doe met John Smith. She said the attack was planned.";
    let (_, res) = run(text, &[("Jane Doe", Per), ("John Smith", Per)]);
    assert_eq!(res.corefs.len(), 1);
    assert_eq!(res.clusters[res.corefs[0].cluster].canonical, "Jane Doe");
}

#[test]
fn titles_and_possessives_are_dropped_from_names() {
    use EntityLabel::*;
    let text = "Gen. Qassem Soleimani was killed in 2020. Soleimani's death angered Iran.";
    let (ents, _) = run(
        text,
        &[("Gen. Qassem Soleimani", Per), ("Soleimani's", Per)],
    );
    assert_eq!(
        canonical(&ents, "Gen. Qassem Soleimani"),
        ["Qassem Soleimani"]
    );
    assert_eq!(canonical(&ents, "Soleimani's"), ["Qassem Soleimani"]);
}

#[test]
fn a_surname_before_the_full_name_still_resolves() {
    use EntityLabel::*;
    let text = "Kirby warns Russia. White House adviser John Kirby said on Monday.";
    let (ents, _) = run(text, &[("John Kirby", Per), ("Kirby", Per)]);
    assert_eq!(canonical(&ents, "Kirby"), ["John Kirby"]);
}

#[test]
fn a_shorter_organization_name_joins_the_longer() {
    use EntityLabel::*;
    let text = "the Investigative Committee of Russia said. The Investigative Committee added.";
    let (ents, _) = run(
        text,
        &[
            ("Investigative Committee of Russia", Org),
            ("Investigative Committee", Org),
        ],
    );
    assert_eq!(
        canonical(&ents, "Investigative Committee"),
        ["Investigative Committee of Russia"]
    );
}

#[test]
fn country_variants() {
    use EntityLabel::*;
    let text = "The U.S. warned Russia. The United States said so. Britain agreed, as did the UK.";
    let (ents, _) = run(
        text,
        &[
            ("U.S.", Gpe),
            ("United States", Gpe),
            ("Britain", Gpe),
            ("UK", Gpe),
        ],
    );
    assert_eq!(canonical(&ents, "U.S."), ["United States"]);
    assert_eq!(canonical(&ents, "UK"), ["United Kingdom"]);
    assert_eq!(canonical(&ents, "Britain"), ["United Kingdom"]);
}

#[test]
fn users_extend_the_table_with_a_file() {
    let dir = std::env::temp_dir().join(format!("tocsin-nlp-alias-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("actors.tsv");
    std::fs::write(
        &path,
        "# my additions\n\
         Islamic State Khorasan Province\tarmed_group\tIslamic State\tKhorasan wing\n\
         Local Defense Brigade\tarmed_group\t\tLDB|Defense Brigade of the Valley\n",
    )
    .expect("write");
    let table = AliasTable::builtin_with_file(&path).expect("valid file");
    let k = table.lookup("ISKP").expect("builtin alias kept");
    assert_eq!(table.lookup("Khorasan wing"), Some(k));
    let ldb = table.lookup("LDB").expect("new actor");
    assert_eq!(
        table.actor(ldb).map(|a| a.canonical.as_str()),
        Some("Local Defense Brigade")
    );
    assert_eq!(table.lookup("defense brigade of the valley"), Some(ldb));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn bad_files_say_which_line() {
    let err = AliasTable::from_tsv("A\tarmed_group\n\nB\tspaceship\t\tb\n").expect_err("bad kind");
    assert!(err.to_string().starts_with("line 3:"), "{err}");
    let err = AliasTable::from_tsv("A\tarmed_group\tNobody\ta\n").expect_err("bad parent");
    assert!(err.to_string().contains("unknown parent"), "{err}");
    let err = AliasTable::from_tsv("A\tarmed_group\tB\n B\tarmed_group\tA\n").expect_err("cycle");
    assert!(err.to_string().contains("own ancestor"), "{err}");
}

#[test]
fn entities_in_any_order_and_none() {
    let text = "Roggio spoke. Bill Roggio said.";
    let mut ents = entities(
        text,
        &[
            ("Bill Roggio", EntityLabel::Per),
            ("Roggio", EntityLabel::Per),
        ],
    );
    ents.reverse();
    let res = resolve(text, &tokenize(text), &mut ents, AliasTable::builtin());
    assert!(ents
        .iter()
        .all(|e| e.canonical.as_deref() == Some("Bill Roggio")));
    assert_eq!(res.clusters.len(), 1);
    let mut none: Vec<Entity> = Vec::new();
    let res = resolve(text, &tokenize(text), &mut none, AliasTable::builtin());
    assert!(res.clusters.is_empty() && res.corefs.is_empty());
}

#[test]
fn the_last_words_of_a_name_join_the_full_name() {
    let text = "Gunmen shot Miguel Maza Marquez on Monday. Maza Marquez survived. \
                Enrique Pena Nieto spoke. Later Pena Nieto left.";
    let (ents, _) = run(
        text,
        &[
            ("Miguel Maza Marquez", EntityLabel::Per),
            ("Maza Marquez", EntityLabel::Per),
            ("Enrique Pena Nieto", EntityLabel::Per),
            ("Pena Nieto", EntityLabel::Per),
        ],
    );
    assert_eq!(canonical(&ents, "Maza Marquez"), ["Miguel Maza Marquez"]);
    assert_eq!(canonical(&ents, "Pena Nieto"), ["Enrique Pena Nieto"]);
}

#[test]
fn a_headline_that_starts_with_a_name_does_not_swallow_it() {
    // The tagger ran a headline into one "name"; the person keeps their own.
    let text = "Hillary Clinton Speaks In Ohio\n\nHillary Clinton said on Monday that she would \
                win. Clinton spoke for an hour.";
    let (ents, _) = run(
        text,
        &[
            ("Hillary Clinton Speaks", EntityLabel::Per),
            ("Hillary Clinton", EntityLabel::Per),
            ("Clinton", EntityLabel::Per),
        ],
    );
    assert_eq!(canonical(&ents, "Hillary Clinton"), ["Hillary Clinton"]);
    // A five-word "name" ending in a real one is a headline too.
    let text = "Dixie Eberly Double Homicide Denise Eberly\n\nPolice said Denise Eberly died.";
    let (ents, _) = run(
        text,
        &[
            (
                "Dixie Eberly Double Homicide Denise Eberly",
                EntityLabel::Per,
            ),
            ("Denise Eberly", EntityLabel::Per),
        ],
    );
    assert_eq!(canonical(&ents, "Denise Eberly"), ["Denise Eberly"]);
}

#[test]
fn acronyms_are_known_in_text_without_case() {
    let text = "members of the farc blew up a pylon in cauca department on monday, and the \
                police said the farc front fled. the army pursued the rebels through the hills \
                for two days, and troops found the camp of the cnsb guerrilla coordinator there. \
                the national coordinating board (cnsb) denied it.";
    let (ents, _) = run(
        text,
        &[
            ("farc", EntityLabel::Org),
            ("national coordinating board", EntityLabel::Org),
        ],
    );
    assert_eq!(
        canonical(&ents, "farc"),
        ["Revolutionary Armed Forces of Colombia"; 2]
    );
    // Written with capitals, a lowercase "farc" is a word, not the acronym.
    let cased = "Members of the farc blew up a pylon in Cauca on Monday, police said.";
    let (ents, _) = run(cased, &[("farc", EntityLabel::Org)]);
    assert_eq!(canonical(&ents, "farc"), ["farc"]);
}

#[test]
fn a_common_word_is_no_acronym_in_text_without_case() {
    let text = "the army said that it is not known who attacked the post, and the minister \
                said the farc is to blame for the attack on the town near the border. police \
                in the region said the situation is calm and that nobody was hurt in it. the \
                governor is expected to visit the town on friday with the head of the army.";
    let (ents, _) = run(
        text,
        &[("is", EntityLabel::Org), ("farc", EntityLabel::Org)],
    );
    assert!(
        canonical(&ents, "is").iter().all(|c| *c == "is"),
        "{ents:?}"
    );
    assert_eq!(
        canonical(&ents, "farc"),
        ["Revolutionary Armed Forces of Colombia"]
    );
}

#[test]
fn a_first_surname_joins_the_name_that_carries_it() {
    let text = "Gunmen kidnapped Hector Oqueli Colindres in Guatemala. Oqueli led the party. \
                Later Ana Maria Lopez spoke; Maria said nothing.";
    let (ents, _) = run(
        text,
        &[
            ("Hector Oqueli Colindres", EntityLabel::Per),
            ("Oqueli", EntityLabel::Per),
            ("Ana Maria Lopez", EntityLabel::Per),
            ("Maria", EntityLabel::Per),
        ],
    );
    assert_eq!(canonical(&ents, "Oqueli"), ["Hector Oqueli Colindres"]);
    assert_eq!(canonical(&ents, "Maria"), ["Ana Maria Lopez"]);
    // Two names carry the word: it is nobody's for sure.
    let text = "Juan Perez Gil and Luis Perez Mora were shot. Perez died.";
    let (ents, _) = run(
        text,
        &[
            ("Juan Perez Gil", EntityLabel::Per),
            ("Luis Perez Mora", EntityLabel::Per),
            ("Perez", EntityLabel::Per),
        ],
    );
    assert_eq!(canonical(&ents, "Perez"), ["Perez"]);
}

#[test]
fn a_given_name_and_first_surname_join_the_full_name_in_text_without_case() {
    // Long enough for the text to be judged as written without case.
    let text = "leftist presidential candidate bernardo jaramillo ossa was shot at the \
                airport of the capital this morning by a young man who fired a submachine gun \
                at him as he walked to the plane with his wife and his bodyguards. the police \
                said that bernardo jaramillo died later in the central military hospital.";
    let (ents, _) = run(
        text,
        &[
            ("bernardo jaramillo ossa", EntityLabel::Per),
            ("bernardo jaramillo", EntityLabel::Per),
        ],
    );
    assert_eq!(
        canonical(&ents, "bernardo jaramillo"),
        ["bernardo jaramillo ossa"]
    );
    // With case, a longer name that starts with a name may be a headline the tagger ran on.
    let text = "Hillary Clinton Speaks\n\nHillary Clinton said on Monday that she would win.";
    let (ents, _) = run(
        text,
        &[
            ("Hillary Clinton Speaks", EntityLabel::Per),
            ("Hillary Clinton", EntityLabel::Per),
        ],
    );
    assert_eq!(canonical(&ents, "Hillary Clinton"), ["Hillary Clinton"]);
}
