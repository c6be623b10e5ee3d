//! Behaviour of the event and quote rules on short texts, run through the real tokenizer,
//! number and time readers and resolver (entities are given, as a tagger would give them).

use crate::{analyze, Analysis, Caption, Doc, PlaceMention};
use tocsin_model::{Attribution, Entity, EntityLabel, EventPlace, EventType, QuoteKind};
use tocsin_nlp::numbers::find_numbers;
use tocsin_nlp::resolve::{resolve, AliasTable};
use tocsin_nlp::timex::{find_times, Date};
use tocsin_nlp::tokenize::{sentences, tokenize};

/// Analyses `text` with the given person names and places marked where they occur.
fn run_with(
    text: &str,
    people: &[&str],
    places: &[(&str, &str, u8)],
    published: Option<&str>,
) -> Analysis {
    run_full(text, people, &[], places, published)
}

/// Like [`run_with`], with organization names too.
fn run_full(
    text: &str,
    people: &[&str],
    orgs: &[&str],
    places: &[(&str, &str, u8)],
    published: Option<&str>,
) -> Analysis {
    let tokens = tokenize(text);
    let sents = sentences(text, &tokens);
    let mut entities = Vec::new();
    let named = people
        .iter()
        .map(|p| (p, EntityLabel::Per))
        .chain(orgs.iter().map(|o| (o, EntityLabel::Org)));
    for (name, label) in named {
        for (start, _) in text.match_indices(name) {
            entities.push(Entity {
                text: (*name).to_string(),
                label,
                start: start as u32,
                end: (start + name.len()) as u32,
                canonical: None,
            });
        }
    }
    entities.sort_by_key(|e| e.start);
    let resolution = resolve(text, &tokens, &mut entities, AliasTable::builtin());
    let numbers = find_numbers(text, &tokens);
    let anchor = published.and_then(Date::parse_iso);
    let times = find_times(text, &tokens, anchor);
    let mut place_mentions = Vec::new();
    for (name, country, rank) in places {
        for (start, _) in text.match_indices(name) {
            place_mentions.push(PlaceMention {
                start: start as u32,
                end: (start + name.len()) as u32,
                place: EventPlace {
                    name: (*name).to_string(),
                    geonameid: None,
                    country: Some((*country).to_string()),
                    admin1: None,
                    lat: None,
                    lon: None,
                    precision: "city".into(),
                    evidence: Vec::new(),
                },
                rank: *rank,
                demonym: false,
            });
        }
    }
    place_mentions.sort_by_key(|p| p.start);
    let captions: Vec<Caption<'_>> = Vec::new();
    let doc = Doc {
        text,
        tokens: &tokens,
        sentences: &sents,
        entities: &entities,
        resolution: &resolution,
        numbers: &numbers,
        times: &times,
        places: &place_mentions,
        captions: &captions,
        anchor,
    };
    analyze(&doc)
}

fn run(text: &str) -> Analysis {
    run_with(text, &[], &[], None)
}

fn violent(a: &Analysis) -> Vec<&tocsin_model::Event> {
    a.events.iter().filter(|e| e.kind.is_violent()).collect()
}

/// The perpetrators' words over the violent events, in order.
fn perp_texts(a: &Analysis) -> Vec<&str> {
    violent(a)
        .into_iter()
        .flat_map(|e| e.perpetrators.iter().map(|p| p.text.as_str()))
        .collect()
}

/// The targets' words over the violent events, in order.
fn target_texts(a: &Analysis) -> Vec<&str> {
    violent(a)
        .into_iter()
        .flat_map(|e| e.targets.iter().map(|t| t.text.as_str()))
        .collect()
}

/// The weapons' words over all events, in order.
fn weapon_texts(a: &Analysis) -> Vec<&str> {
    a.events
        .iter()
        .flat_map(|e| e.weapons.iter().map(|w| w.text.as_str()))
        .collect()
}

/// The named victims over the violent events, sorted, each once.
fn named_victims(a: &Analysis) -> Vec<&str> {
    let mut v: Vec<&str> = violent(a)
        .into_iter()
        .flat_map(|e| e.victims.iter())
        .filter(|v| v.named == Some(true))
        .map(|v| v.text.as_str())
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

#[test]
fn a_lower_bound_is_not_an_exact_count() {
    let a = run(
        "Gunmen attacked a concert hall, killing more than 130 people and injuring 180 others.",
    );
    let ev = violent(&a);
    assert_eq!(ev.len(), 1);
    assert_eq!(ev[0].kind, EventType::ArmedAssault);
    let killed = ev[0].killed.as_ref().expect("a death toll");
    assert_eq!(
        (killed.min, killed.max, killed.exact),
        (Some(131), None, false)
    );
    assert_eq!(killed.text, "more than 130");
    let injured = ev[0].injured.as_ref().expect("an injury toll");
    assert_eq!(
        (injured.min, injured.max, injured.exact),
        (Some(180), Some(180), true)
    );
    assert_eq!(
        ev[0].targets.first().map(|t| t.text.as_str()),
        Some("a concert hall")
    );
}

#[test]
fn a_target_is_named_without_a_possessive_pronoun() {
    let a = run("Gunmen opened fire on her vehicle near the market on Monday, police said.");
    let ev = violent(&a);
    assert_eq!(
        ev.first()
            .and_then(|e| e.targets.first())
            .map(|t| t.text.as_str()),
        Some("vehicle")
    );
}

#[test]
fn the_subject_of_a_passive_of_damage_is_a_target() {
    let a = run("The electric power substation was destroyed in an attack by rebels on Monday.");
    let ev = violent(&a);
    let targets: Vec<&str> = ev
        .iter()
        .flat_map(|e| e.targets.iter().map(|t| t.text.as_str()))
        .collect();
    assert!(
        targets.contains(&"The electric power substation"),
        "{targets:?}"
    );
}

#[test]
fn murdered_or_executed_with_a_count_is_a_death_toll() {
    for verb in ["murdered", "executed", "massacred"] {
        let text = format!("Gunmen {verb} two state officials on a road near the town on Monday.");
        assert_eq!(tolls_of_one_event(&text).0, Some(2), "{verb}");
    }
}

#[test]
fn the_agent_of_a_passive_of_harm_is_a_perpetrator() {
    let a = run(
        "Six priests were shot during the night by a group of armed individuals wearing \
                 uniforms, witnesses said.",
    );
    let perps: Vec<String> = violent(&a)
        .iter()
        .flat_map(|e| e.perpetrators.iter().map(|p| p.text.clone()))
        .collect();
    assert!(
        perps.contains(&"group of armed individuals".to_string()),
        "{perps:?}"
    );
    // The agent of a report is no perpetrator.
    let a = run(
        "Two soldiers were killed in the attack, according to a report published by the \
                 ministry on Monday.",
    );
    let perps: Vec<String> = violent(&a)
        .iter()
        .flat_map(|e| e.perpetrators.iter().map(|p| p.text.clone()))
        .collect();
    assert!(perps.is_empty(), "{perps:?}");
}

#[test]
fn a_group_blamed_in_a_later_sentence_is_the_perpetrator() {
    let org = |text| run_full(text, &[], &["Taliban"], &[], None);
    let a = org(
        "Gunmen killed three police officers in Kandahar on Monday. Officials blamed the \
                 killing on the Taliban.",
    );
    let ev = violent(&a);
    assert_eq!(ev.len(), 1);
    let perps: Vec<(&str, Attribution)> = ev[0]
        .perpetrators
        .iter()
        .map(|p| (p.name.as_str(), p.attribution))
        .collect();
    assert!(
        perps.contains(&("Taliban", Attribution::Accused)),
        "{perps:?}"
    );
    // A denial lays nothing at the group's door.
    let a = org(
        "Gunmen killed three police officers in Kandahar on Monday. The Taliban denied \
                 any responsibility for the killing.",
    );
    let ev = violent(&a);
    assert!(
        !ev[0].perpetrators.iter().any(|p| p.name == "Taliban"),
        "{:?}",
        ev[0].perpetrators
    );
}

#[test]
fn one_kind_of_weapon_is_listed_once() {
    let a = run("Rebels threw a grenade at the barracks, then two more grenades at a patrol.");
    let ev = violent(&a);
    let weapons: Vec<&str> = ev
        .iter()
        .flat_map(|e| e.weapons.iter().map(|w| w.text.as_str()))
        .collect();
    assert_eq!(weapons, ["grenade"]);
}

/// The least killed and injured of the one violent event `text` reports.
fn tolls_of_one_event(text: &str) -> (Option<u64>, Option<u64>) {
    let a = run(text);
    let ev = violent(&a);
    assert_eq!(ev.len(), 1, "{text}: {:?}", a.events);
    (
        ev[0].killed.as_ref().and_then(|f| f.min),
        ev[0].injured.as_ref().and_then(|f| f.min),
    )
}

#[test]
fn the_one_shot_who_died_is_killed_not_injured() {
    let text = "A teenager found shot on a bike path in Everett has died, police said. \
                Officers found the teen with a gunshot wound near the river on Sunday.";
    assert_eq!(tolls_of_one_event(text), (Some(1), None));
}

#[test]
fn an_injury_told_in_its_own_sentence_counts() {
    let text = "More than a dozen shots were fired in an exchange of gunfire between two \
                vehicles on the highway. One person was grazed by a bullet in the exchange.";
    assert_eq!(tolls_of_one_event(text).1, Some(1));
    // Hurt alone, with no one counted, is no casualty.
    let a = run(
        "Gunfire erupted near the market on Friday. Local businesses were hurt by \
                 the closure of the road.",
    );
    assert!(
        violent(&a).iter().all(|e| e.injured.is_none()),
        "{:?}",
        a.events
    );
}

#[test]
fn one_taken_to_hospital_is_injured_unless_the_sentence_says_they_died() {
    let taken = "Police are investigating a shooting on Main Street. One person was taken \
                 to the hospital, police said.";
    assert_eq!(tolls_of_one_event(taken).1, Some(1));
    let two = "Police are investigating a shooting on Elm Street. The father and his son \
               were transported by ambulance to a nearby hospital.";
    assert_eq!(tolls_of_one_event(two).1, Some(2));
    let died = "Police are investigating a shooting on Main Street. One person was taken to \
                the hospital, where he died.";
    assert_eq!(tolls_of_one_event(died).1, None);
}

#[test]
fn a_deadly_weapon_charge_is_not_a_death() {
    let text = "Linwood Grantham is wanted for assault with a deadly weapon with intent to \
                kill inflicting serious injury. The victim, a 22-year-old man, sustained a \
                single gunshot wound and was transported by EMS to Wayne Memorial Hospital.";
    assert_eq!(tolls_of_one_event(text), (None, Some(1)));
}

#[test]
fn nobody_before_a_shooting_as_a_noun_is_its_victim() {
    // The tagger reads the street "Thurston" as a person; before "a shooting" it is no victim.
    let text = "One person was taken to the hospital from the area near 65th and Thurston \
                following a shooting on Thursday night.";
    let a = run_with(text, &["Thurston"], &[], None);
    let ev = violent(&a);
    assert_eq!(ev.len(), 1, "{:?}", a.events);
    assert_eq!(
        ev[0].injured.as_ref().and_then(|f| f.min),
        Some(1),
        "{:?}",
        ev[0]
    );
}

#[test]
fn the_object_of_injured_is_counted() {
    let text = "Police are searching for the gunman who opened fire on Market Street and \
                injured a cab driver.";
    assert_eq!(tolls_of_one_event(text).1, Some(1));
}

#[test]
fn those_fighting_for_their_lives_are_injured() {
    let text = "Police found a man shot to death in the house. Two women are fighting for \
                their lives after the shooting.";
    assert_eq!(tolls_of_one_event(text), (Some(1), Some(2)));
}

#[test]
fn a_described_victim_counts_as_one() {
    let a = run("A man was shot and killed Tuesday night outside a bar, police said.");
    let ev = violent(&a);
    assert_eq!(ev.len(), 1);
    assert_eq!(ev[0].killed.as_ref().and_then(|f| f.min), Some(1));
    assert!(
        ev[0].injured.is_none(),
        "the one shot is the one killed: {:?}",
        ev[0].injured
    );
}

#[test]
fn those_shot_but_not_killed_are_injured() {
    let a = run("Police say a 22-year-old man and a 16-year-old boy were shot. The boy later died at the hospital.");
    let ev = violent(&a);
    assert_eq!(ev.len(), 1, "{:?}", a.events);
    assert_eq!(ev[0].killed.as_ref().and_then(|f| f.min), Some(1));
    assert_eq!(ev[0].injured.as_ref().and_then(|f| f.min), Some(1));
}

#[test]
fn ages_and_negations_are_not_tolls() {
    let a = run_with(
        "John Smith, 25, was shot in the leg. No one else was injured.",
        &["John Smith"],
        &[],
        None,
    );
    let ev = violent(&a);
    assert_eq!(ev.len(), 1);
    assert!(ev[0].killed.is_none());
    assert_eq!(ev[0].injured.as_ref().and_then(|f| f.min), Some(1));
}

#[test]
fn hypothetical_and_generic_attacks_are_not_events() {
    let a = run(
        "Anyone could be motivated by such an attack. Extremists have launched multiple attacks in the region. \
         Officials fear they will launch an attack.",
    );
    assert!(violent(&a).is_empty(), "{:?}", a.events);
}

#[test]
fn accidents_are_not_attacks() {
    let a = run("Three people were killed in a car crash on the highway on Sunday.");
    assert!(violent(&a).is_empty(), "{:?}", a.events);
}

#[test]
fn a_recalled_bombing_is_its_own_event() {
    let a = run_with(
        "Gunmen opened fire at a market on Friday, killing 12 people. \
         The group was also behind the 2021 bombing at the airport in Kabul.",
        &[],
        &[("Kabul", "AF", 2)],
        Some("2024-03-24"),
    );
    let ev = violent(&a);
    assert_eq!(ev.len(), 2, "{:?}", a.events);
    assert_eq!(ev[0].date.as_deref(), Some("2024-03-22"));
    assert_eq!(ev[0].killed.as_ref().and_then(|f| f.min), Some(12));
    assert_eq!(ev[1].kind, EventType::Bombing);
    assert_eq!(ev[1].date.as_deref(), Some("2021"));
    assert_eq!(ev[1].status, "recalled");
    assert_eq!(
        ev[1].place.as_ref().and_then(|p| p.country.as_deref()),
        Some("AF")
    );
}

#[test]
fn one_incident_told_twice_is_one_event() {
    let a = run(
        "A suicide bomber blew himself up at a checkpoint, killing four soldiers. \
         The blast also wounded nine civilians, officials said.",
    );
    let ev = violent(&a);
    assert_eq!(ev.len(), 1, "{:?}", a.events);
    assert_eq!(ev[0].kind, EventType::Bombing);
    assert!(ev[0].modes.iter().any(|m| m == "suicide"));
    assert_eq!(ev[0].killed.as_ref().and_then(|f| f.min), Some(4));
    assert_eq!(ev[0].injured.as_ref().and_then(|f| f.min), Some(9));
    assert_eq!(ev[0].evidence.len(), 2);
}

#[test]
fn a_named_group_is_a_suspect_and_a_claim_is_a_claim() {
    let a = run_full(
        "Islamic State claimed responsibility for the bombing, which killed 20 people.",
        &[],
        &["Islamic State"],
        &[],
        None,
    );
    let ev = violent(&a);
    assert_eq!(ev.len(), 1);
    let p = ev[0].perpetrators.first().expect("a perpetrator");
    assert_eq!(p.name, "Islamic State");
    assert_eq!(p.attribution, tocsin_model::Attribution::Claimed);
}

#[test]
fn described_attackers_start_after_a_determiner_or_a_preposition() {
    // Lower-cased text gives no capital to stop at; the words must.
    for (text, expected) in [
        (
            "during this broadcast our guerrillas attacked the army post and killed two soldiers.",
            "guerrillas",
        ),
        (
            "police said yesterday that masked gunmen attacked the bus, killing three people.",
            "masked gunmen",
        ),
        (
            "the army is also breaking up urban terrorists who bombed the bridge, killing two.",
            "urban terrorists",
        ),
    ] {
        let a = run(text);
        let ev = violent(&a);
        assert!(!ev.is_empty(), "{text}");
        let names: Vec<&str> = ev[0].perpetrators.iter().map(|p| p.name.as_str()).collect();
        assert!(names.contains(&expected), "{text}: {names:?}");
    }
}

#[test]
fn charged_men_are_perpetrators_with_their_status() {
    let a =
        run("Four men have been charged after gunmen attacked a concert hall, killing 40 people.");
    let ev = violent(&a);
    assert_eq!(ev.len(), 1);
    let charged = ev[0]
        .perpetrators
        .iter()
        .find(|p| p.attribution == tocsin_model::Attribution::Charged)
        .expect("the charged men");
    assert_eq!(charged.name, "Four men");
    assert!(a.events.iter().any(|e| e.kind == EventType::Arrest));
}

#[test]
fn a_quote_interrupted_by_its_speaker_is_one_quote() {
    let text =
        "“We remain open to talks,” Kevin Rudd said. “Sadly, they have chosen a different path.”";
    let a = run_with(text, &["Kevin Rudd"], &[], None);
    assert_eq!(a.quotes.len(), 1, "{:?}", a.quotes);
    let q = &a.quotes[0];
    assert_eq!(q.speaker.as_deref(), Some("Kevin Rudd"));
    assert_eq!(q.kind, QuoteKind::Direct);
    assert!(q.text.starts_with("We remain open") && q.text.ends_with("different path."));
    assert_eq!(
        &text[q.start as usize..q.start as usize + 14],
        "We remain open"
    );
}

#[test]
fn pronouns_and_roles_lead_back_to_the_speaker() {
    let text = "“ISIS is recruiting people,” Bill Roggio, a senior fellow at the Foundation, told reporters.\n\n\
                “This is a valid type of attack,” he added.\n\n\
                “They will use these videos,” the security expert said.";
    let a = run_with(text, &["Bill Roggio"], &[], None);
    assert_eq!(a.quotes.len(), 3, "{:?}", a.quotes);
    for q in &a.quotes {
        assert_eq!(q.speaker.as_deref(), Some("Bill Roggio"), "{q:?}");
    }
    assert_eq!(
        a.quotes[0].speaker_role.as_deref(),
        Some("senior fellow at the Foundation")
    );
    // A hypothetical attack inside a quote is speech, not an event.
    assert!(violent(&a).is_empty());
}

#[test]
fn wrong_way_marks_and_stray_guillemets_are_read_by_position() {
    let text = "Shooting at hotel « CBS Chicago. A man was shot and wounded at the hotel.\n\n\
                “It was terrible. “ said a witness.";
    let a = run(text);
    let ev = violent(&a);
    assert_eq!(ev.len(), 1, "{:?}", a.events);
    assert_eq!(ev[0].injured.as_ref().and_then(|f| f.min), Some(1));
    assert_eq!(
        a.quotes.first().map(|q| q.text.as_str()),
        Some("It was terrible.")
    );
}

#[test]
fn a_weekday_after_the_verb_is_when_not_who() {
    let text = "The retired general spoke on Fox News.\n\n\
                Flynn, a top Trump surrogate, said Thursday morning, “I mean, there is a lot of \
                frustration in the ranks.”";
    let a = run_with(text, &["Flynn", "Trump"], &[], Some("2016-09-30"));
    assert_eq!(a.quotes.len(), 1, "{:?}", a.quotes);
    assert_eq!(
        a.quotes[0].speaker.as_deref(),
        Some("Flynn"),
        "{:?}",
        a.quotes
    );
}

#[test]
fn an_adverb_between_speaker_and_verb_is_not_part_of_the_name() {
    let text = "After the debate, Hillary Clinton boldly suggested that Donald Trump “doesn't \
                want the American people to know that he's paid nothing in federal taxes.”";
    let a = run_with(text, &["Hillary Clinton", "Donald Trump"], &[], None);
    assert_eq!(a.quotes.len(), 1, "{:?}", a.quotes);
    assert_eq!(a.quotes[0].speaker.as_deref(), Some("Hillary Clinton"));
}

#[test]
fn a_hometown_and_age_in_the_appositive_are_stepped_over() {
    let text = "“These are the stories that nobody knows,” Johnnie Wilson, of Springfield, Va., \
                said on Saturday.\n\n\
                “I came to see it with my own eyes,” Donna Rawlings, 59, of Ashton, Md., said.";
    let a = run_full(
        text,
        &["Johnnie Wilson", "Donna Rawlings"],
        &[],
        &[("Springfield", "US", 1), ("Ashton", "US", 1)],
        None,
    );
    let who: Vec<Option<&str>> = a.quotes.iter().map(|q| q.speaker.as_deref()).collect();
    assert_eq!(
        who,
        [Some("Johnnie Wilson"), Some("Donna Rawlings")],
        "{:?}",
        a.quotes
    );
}

#[test]
fn a_paragraph_ending_in_a_colon_introduces_the_quote_below() {
    let text = "Mrs. Clinton has few small donors.\n\n\
                The New York Times reports:\n\n\
                \"In an illustration of the lack of enthusiasm for her among some liberal \
                activists, just 24 percent of the contributors have given $200 or less.\"";
    let a = run_full(text, &["Clinton"], &["The New York Times"], &[], None);
    assert_eq!(a.quotes.len(), 1, "{:?}", a.quotes);
    assert_eq!(
        a.quotes[0].speaker.as_deref(),
        Some("The New York Times"),
        "{:?}",
        a.quotes
    );
}

#[test]
fn a_participle_of_speech_belongs_to_the_sentence_subject() {
    let text = "Trump unleashed a series of tweets early Friday saying that rival Hillary \
                Clinton had shown bad judgment in using Alicia Machado “as a paragon of virtue.”";
    let a = run_with(
        text,
        &["Trump", "Hillary Clinton", "Alicia Machado"],
        &[],
        None,
    );
    assert_eq!(a.quotes.len(), 1, "{:?}", a.quotes);
    assert_eq!(
        a.quotes[0].speaker.as_deref(),
        Some("Trump"),
        "{:?}",
        a.quotes
    );
    assert_eq!(a.quotes[0].kind, QuoteKind::Indirect);
}

#[test]
fn the_role_is_the_appositive_of_this_sentence_up_to_a_relative_clause() {
    let text = "Retired Lt. Gen. Michael Flynn spoke on Thursday.\n\n\
                “There is a severe disconnect in the ranks,” Flynn, a top Trump surrogate, said.\n\n\
                “It will threaten its neighbors at some point,” said James Acton, a physicist who \
                is co-director of the Nuclear Policy Program at the Carnegie Endowment for \
                International Peace.\n\n\
                “We are talking about a Senate on a knife's edge,” said David Wasserman, House \
                editor for the Cook Political Report.";
    let a = run_full(
        text,
        &["Michael Flynn", "Flynn", "James Acton", "David Wasserman"],
        &["Cook Political Report"],
        &[],
        None,
    );
    let roles: Vec<Option<&str>> = a.quotes.iter().map(|q| q.speaker_role.as_deref()).collect();
    assert_eq!(
        roles,
        [
            Some("top Trump surrogate"),
            Some("physicist"),
            Some("House editor for the Cook Political Report")
        ],
        "{:?}",
        a.quotes
    );
}

#[test]
fn roles_after_a_party_tag_a_possessive_or_now_are_read() {
    let text = "“We will not stand for this,” said Rep. G.K. Butterfield (D-N.C.), head of the \
                Congressional Black Caucus.\n\n\
                “I call it the trip that launched 1,000 trips,” said Erin Murphy, now a \
                consultant on Burma in the private sector.\n\n\
                “She has no stamina,” Donald Trump, her Republican opponent, said.";
    let a = run_full(
        text,
        &["G.K. Butterfield", "Erin Murphy", "Donald Trump"],
        &["Congressional Black Caucus"],
        &[],
        None,
    );
    let roles: Vec<Option<&str>> = a.quotes.iter().map(|q| q.speaker_role.as_deref()).collect();
    assert_eq!(
        roles,
        [
            Some("head of the Congressional Black Caucus"),
            Some("consultant on Burma in the private sector"),
            Some("her Republican opponent")
        ],
        "{:?}",
        a.quotes
    );
}

#[test]
fn a_spokeswoman_for_a_name_is_not_the_name_and_a_possessor_does_not_speak() {
    let text = "A spokeswoman for Hillary Clinton says neither the nominee nor her campaign \
                helped the former Miss Universe get citizenship.\n\n\
                Hillary Clinton’s campaign manager Robby Mook said as much on Thursday, arguing \
                that Trump “lashed out at our nation's generals when he was asked for details.”";
    let a = run_with(text, &["Hillary Clinton", "Robby Mook", "Trump"], &[], None);
    let who: Vec<Option<&str>> = a.quotes.iter().map(|q| q.speaker.as_deref()).collect();
    assert_eq!(
        who,
        [
            Some("A spokeswoman for Hillary Clinton"),
            Some("Robby Mook")
        ],
        "{:?}",
        a.quotes
    );
}

#[test]
fn an_introduction_without_a_speech_verb_names_the_speaker() {
    let text = "On July 6, 2015, Sanders made the following comment:\n\n\
                “For young people who have dropped out of high school, the unemployment rate \
                is 33 percent.”\n\n\
                The website rated this statement by Trump on June 11:\n\n\
                “If you look at what is going on in this country, African-American youth is an \
                example.”";
    let a = run_with(text, &["Sanders", "Trump"], &[], None);
    let who: Vec<Option<&str>> = a.quotes.iter().map(|q| q.speaker.as_deref()).collect();
    assert_eq!(who, [Some("Sanders"), Some("Trump")], "{:?}", a.quotes);
}

#[test]
fn short_scare_quotes_without_a_speaker_are_not_speech() {
    let a = run("The plan was called the “gold standard” by supporters of the deal.");
    assert!(a.quotes.is_empty(), "{:?}", a.quotes);
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        /// Any text, however broken its quotation marks and numbers, analyses without a panic
        /// and every span lies on character boundaries inside it.
        #[test]
        fn any_text_analyses_and_spans_are_valid(
            text in "([A-Za-z]{1,8}|[0-9]{1,4}|[ ,.;:!?\"“”«»'’\n-]|killed|shot|attack|said|more than|people){0,80}"
        ) {
            let a = run(&text);
            for q in &a.quotes {
                prop_assert!(text.get(q.start as usize..q.end as usize).is_some());
            }
            for e in &a.events {
                for [s, t] in &e.evidence {
                    prop_assert!(text.get(*s as usize..*t as usize).is_some());
                }
            }
        }
    }
}

#[test]
fn a_participle_speaks_for_the_sentence_subject() {
    let text = "During a speech, Trump attacked Clinton for her support of the war, saying, “She voted for the war and it was a disaster.”";
    let a = run_with(text, &["Trump", "Clinton"], &[], None);
    assert_eq!(a.quotes.len(), 1, "{:?}", a.quotes);
    assert_eq!(a.quotes[0].speaker.as_deref(), Some("Trump"));
}

#[test]
fn the_speaker_of_the_sentence_before_speaks_on() {
    let text = "“I have admiration for the mechanics” of the proposals, Mr. Holtz-Eakin said. “They are more detailed than anything.”";
    let a = run_with(text, &["Mr. Holtz-Eakin"], &[], None);
    let last = a.quotes.last().expect("quotes");
    assert_eq!(
        last.speaker.as_deref(),
        Some("Holtz-Eakin"),
        "{:?}",
        a.quotes
    );
}

#[test]
fn indirect_speech_steps_over_a_party_tag() {
    let text = "The panel voted on Thursday.\n\n\
                Rep. Trey Gowdy (R-S.C.) said that the claim smacked of hypocrisy on the part of the committee.";
    let a = run_with(text, &["Trey Gowdy"], &[], None);
    assert_eq!(a.quotes.len(), 1, "{:?}", a.quotes);
    assert_eq!(
        a.quotes[0].speaker.as_deref(),
        Some("Trey Gowdy"),
        "{:?}",
        a.quotes
    );
    assert_eq!(a.quotes[0].kind, QuoteKind::Indirect);
}

/// Speakers of the quotes of `a`, in order.
fn speakers(a: &Analysis) -> Vec<Option<&str>> {
    a.quotes.iter().map(|q| q.speaker.as_deref()).collect()
}

#[test]
fn a_speech_verb_after_a_determiner_is_a_noun() {
    let text =
        "“It’s an invasion, in our estimation, of the state regulatory domain,” Scott Pruitt, \
                the Republican attorney general of Oklahoma, one of the states suing the EPA, said \
                at a Washington event this month.";
    let a = run_full(
        text,
        &["Scott Pruitt"],
        &["EPA"],
        &[("Oklahoma", "US", 1), ("Washington", "US", 1)],
        None,
    );
    assert_eq!(speakers(&a), [Some("Scott Pruitt")], "{:?}", a.quotes);
    assert_eq!(
        a.quotes[0].speaker_role.as_deref(),
        Some("Republican attorney general of Oklahoma")
    );
}

#[test]
fn a_document_reads_its_own_words() {
    let text = "The parents sent a letter to the board.\n\n\
                “We see charter schools offering parents of color hope,” the letter reads.\n\n\
                A Times article hailed him.\n\n\
                “Business and government leaders in New York honored Donald J. Trump yesterday,” \
                the article read.";
    let a = run_with(text, &["Donald J. Trump"], &[], None);
    assert_eq!(
        speakers(&a),
        [Some("the letter"), Some("the article")],
        "{:?}",
        a.quotes
    );
}

#[test]
fn a_parenthetical_between_dashes_is_stepped_over() {
    let text = "John Dickey, the chief executive of Ora Media -- the production company that owns \
                the programming, which is also streamed online -- told me, ''We're a content \
                provider; we're doing business with people who want our content.''";
    let a = run_full(text, &["John Dickey"], &["Ora Media"], &[], None);
    assert_eq!(speakers(&a), [Some("John Dickey")], "{:?}", a.quotes);
    assert_eq!(a.quotes[0].kind, QuoteKind::Direct);
    assert_eq!(
        a.quotes[0].speaker_role.as_deref(),
        Some("chief executive of Ora Media")
    );
}

#[test]
fn as_someone_put_it_names_the_speaker() {
    let text = "As Steven M. Rosenthal, a tax lawyer at the Tax Policy Center, recently put it, \
                ''Did Trump lower his taxes through legal tax avoidance, or illegal tax evasion?''";
    let a = run_full(
        text,
        &["Steven M. Rosenthal", "Trump"],
        &["Tax Policy Center"],
        &[],
        None,
    );
    assert_eq!(
        speakers(&a),
        [Some("Steven M. Rosenthal")],
        "{:?}",
        a.quotes
    );
    assert_eq!(a.quotes[0].kind, QuoteKind::Direct);
}

#[test]
fn a_person_of_an_organization_speaks_not_the_organization() {
    let text = "Regulators worried about the deal.\n\n\
                \"It was the least bad outcome,\" Mr. Morgan of the Sierra Club said.";
    let a = run_full(text, &["Morgan"], &["Sierra Club"], &[], None);
    assert_eq!(speakers(&a), [Some("Morgan")], "{:?}", a.quotes);
    assert_eq!(a.quotes[0].speaker_role.as_deref(), Some("Sierra Club"));
}

#[test]
fn an_appositive_after_a_party_tag_names_the_role() {
    let text =
        "“If the FBI wanted any other American’s laptops, they’d just go get them,” Rep. Jim \
                Jordan (R-Ohio), an oversight panel member, said in a phone interview.";
    let a = run_full(text, &["Jim Jordan"], &["FBI"], &[], None);
    assert_eq!(speakers(&a), [Some("Jim Jordan")], "{:?}", a.quotes);
    assert_eq!(
        a.quotes[0].speaker_role.as_deref(),
        Some("oversight panel member")
    );
}

#[test]
fn a_possessed_role_and_a_relative_are_described_speakers() {
    let text = "David Axelrod on Wednesday called on Howard Dean to apologize.\n\n\
                “My reaction, that was outrageous,” Obama's former campaign strategist said in an \
                interview.\n\n\
                The paranoia remained. \"We live in Satan's kingdom,\" my father often said.";
    let a = run_with(text, &["David Axelrod", "Howard Dean", "Obama"], &[], None);
    assert_eq!(
        speakers(&a),
        [
            Some("Obama's former campaign strategist"),
            Some("my father")
        ],
        "{:?}",
        a.quotes
    );
}

#[test]
fn a_quote_with_its_own_attribution_after_it_is_direct_speech() {
    let text = "The statement also referenced the impact it said Clinton would have on women: \
                “Parallel to our union's progress for flight attendants, Secretary Clinton's fight \
                has opened the door for women,” the union wrote.";
    let a = run_with(text, &["Clinton"], &[], None);
    assert_eq!(a.quotes.len(), 1, "{:?}", a.quotes);
    assert_eq!(a.quotes[0].kind, QuoteKind::Direct);
    assert_eq!(a.quotes[0].speaker.as_deref(), Some("the union"));
}

#[test]
fn an_organizations_host_named_after_the_verb_speaks() {
    let text = "Pence was the winner of the debate.\n\n\
                “I thought that Mike Pence did all the things right that Donald Trump did wrong,” \
                said MSNBC host Chris Matthews.";
    let a = run_full(
        text,
        &["Pence", "Mike Pence", "Donald Trump", "Chris Matthews"],
        &["MSNBC"],
        &[],
        None,
    );
    assert_eq!(speakers(&a), [Some("Chris Matthews")], "{:?}", a.quotes);
    assert_eq!(a.quotes[0].speaker_role.as_deref(), Some("MSNBC host"));
}

#[test]
fn according_to_before_a_quote_names_its_speaker() {
    let text = "“Hillary will have to spend all of her time trying to correct the record,” Mook \
                said.\n\n\
                According to Limbaugh, “If it was left up to Hillary, she wouldn’t have time to say \
                anything positive.”";
    let a = run_with(text, &["Mook", "Limbaugh", "Hillary"], &[], None);
    assert_eq!(
        speakers(&a),
        [Some("Mook"), Some("Limbaugh")],
        "{:?}",
        a.quotes
    );
}

#[test]
fn a_second_verb_of_speech_opens_a_quote_of_its_own() {
    let text =
        "Trump spoke to the editorial board. “We certainly can’t afford to do this anymore,” \
                Trump said, adding later, “NATO is costing us a fortune, and yes, we’re protecting \
                Europe with NATO.”";
    let a = run_with(text, &["Trump"], &[], None);
    let texts: Vec<&str> = a.quotes.iter().map(|q| q.text.as_str()).collect();
    assert_eq!(texts.len(), 2, "{:?}", a.quotes);
    assert!(texts[0].starts_with("We certainly") && !texts[0].contains("NATO"));
    assert!(texts[1].starts_with("NATO is costing"));
}

#[test]
fn a_fragment_closing_a_sentence_keeps_out_of_the_next_quote() {
    let text = "Hillary Clinton spoke in Toledo.\n\n\
                She says Trump represents the “same rigged system that he claims he’s going to \
                change.” She adds, “What kind of genius loses a billion dollars in a single year?”";
    let a = run_with(text, &["Trump", "Hillary Clinton"], &[], None);
    let genius = a
        .quotes
        .iter()
        .find(|q| q.text.contains("genius"))
        .expect("the second quote");
    assert!(genius.text.starts_with("What kind"), "{:?}", a.quotes);
}

#[test]
fn a_signature_runs_to_the_end_of_its_name() {
    let text = "Readers wrote to us.\n\n\
                “He should waken all of us to the dangers of this man and his movement!” ―\u{a0}Julie \
                A. Diaz Martinez.\n\nPhoto: Instagram.";
    let a = run_with(text, &["Julie"], &[], None);
    assert_eq!(
        speakers(&a),
        [Some("Julie A. Diaz Martinez")],
        "{:?}",
        a.quotes
    );
}

#[test]
fn a_relative_clause_on_an_organization_is_stepped_over() {
    let text = "“Let’s get back to saying our schools are something we support,” Michael Mulgrew, \
                president of the United Federation of Teachers, which represents New York City \
                educators, said.";
    let a = run_full(
        text,
        &["Michael Mulgrew"],
        &["United Federation of Teachers"],
        &[("New York City", "US", 1)],
        None,
    );
    assert_eq!(speakers(&a), [Some("Michael Mulgrew")], "{:?}", a.quotes);
    assert_eq!(
        a.quotes[0].speaker_role.as_deref(),
        Some("president of the United Federation of Teachers")
    );
}

#[test]
fn the_subject_of_a_participle_is_not_a_name_inside_the_quote() {
    let text = "“Immunity deals should not be a requirement for cooperating with the FBI,\" Jason \
                Chaffetz said in a statement, adding that the agreements were handed out \"like candy.\"";
    let a = run_full(text, &["Jason Chaffetz"], &["FBI"], &[], None);
    let candy = a
        .quotes
        .iter()
        .find(|q| q.text.contains("candy"))
        .expect("the quote about candy");
    assert_eq!(
        candy.speaker.as_deref(),
        Some("Jason Chaffetz"),
        "{:?}",
        a.quotes
    );
}

#[test]
fn a_verb_of_reported_speech_after_a_closed_quote_introduces_what_follows() {
    let text =
        "Japan branded North Korea an \"outlaw nation in the neighborhood.\" Russia insisted \
                that Pyongyang \"stop its dangerous escapades.\"";
    let a = run_full(
        text,
        &[],
        &[],
        &[("Japan", "JP", 1), ("Russia", "RU", 1)],
        None,
    );
    let outlaw = a.quotes.iter().find(|q| q.text.contains("outlaw"));
    assert!(
        outlaw.is_none_or(|q| q.speaker.as_deref() != Some("Russia")),
        "{:?}",
        a.quotes
    );
}

#[test]
fn arms_seized_or_found_are_not_the_attacks_weapons() {
    let used =
        run("Gunmen armed with rifles opened fire on a bus in the capital, killing two people.");
    let weapons: Vec<&str> = violent(&used)
        .iter()
        .flat_map(|e| e.weapons.iter().map(|w| w.text.as_str()))
        .collect();
    assert_eq!(weapons, ["rifles"], "{:?}", used.events);

    let seized = run(
        "Gunmen opened fire on a bus in the capital, killing two people. Soldiers later \
                      seized an M-16 rifle and ammunition in a raid on the gunmen's hideout.",
    );
    assert!(!violent(&seized).is_empty(), "{:?}", seized.events);
    assert!(
        violent(&seized).iter().all(|e| e.weapons.is_empty()),
        "{:?}",
        seized.events
    );
}

#[test]
fn a_body_the_tagger_missed_is_named_whole() {
    let text =
        "The nonpartisan Commission on Presidential Debates says there was indeed a problem \
                with the microphone during the first debate.\n\n\
                On Monday Trump said the microphone had been sabotaged in the hall.";
    let a = run(text);
    let who: Vec<Option<&str>> = speakers(&a);
    assert_eq!(
        who,
        [Some("Commission on Presidential Debates"), Some("Trump")],
        "{:?}",
        a.quotes
    );
}

#[test]
fn speech_reported_inside_reported_speech_is_the_outer_speakers_claim() {
    let text = "Trump said during a Friday evening rally in Michigan that Clinton once described \
                the trade deal as “the gold standard” of trade deals.";
    let a = run_full(
        text,
        &["Trump", "Clinton"],
        &[],
        &[("Michigan", "US", 1)],
        None,
    );
    assert_eq!(speakers(&a), [Some("Trump")], "{:?}", a.quotes);
    assert_eq!(a.quotes[0].kind, QuoteKind::Indirect);
    assert!(
        a.quotes[0].text.starts_with("Clinton once described"),
        "{:?}",
        a.quotes
    );
}

#[test]
fn a_role_is_a_title_or_a_function_not_any_relative_clause() {
    let text = "Donald Trump, who is 70, spoke in Ohio.\n\n\
                “We will win this state,” Trump said.\n\n\
                Luis Rubio, who heads the Center of Research for Development, spoke later.\n\n\
                “The peso will recover,” Rubio said.";
    let a = run_with(
        text,
        &["Donald Trump", "Trump", "Luis Rubio", "Rubio"],
        &[],
        None,
    );
    let roles: Vec<Option<&str>> = a.quotes.iter().map(|q| q.speaker_role.as_deref()).collect();
    assert_eq!(
        roles,
        [
            None,
            Some("who heads the Center of Research for Development")
        ],
        "{:?}",
        a.quotes
    );
}

#[test]
fn a_title_stops_at_a_paragraph_break_and_a_described_speaker_before_who() {
    let text = "She called it ‘a scandal.’\n\nMassachusetts Sen. Elizabeth Warren said the plan \
                would fail the families who need it most.\n\n\
                A well-connected source who said the vote had been delayed for weeks would not \
                give a reason.";
    let a = run_with(text, &["Elizabeth Warren"], &[], None);
    let warren = a
        .quotes
        .iter()
        .find(|q| q.speaker.as_deref() == Some("Elizabeth Warren"))
        .expect("Warren's reported speech");
    assert_eq!(warren.speaker_role.as_deref(), Some("Massachusetts Sen."));
    assert!(
        a.quotes
            .iter()
            .any(|q| q.speaker.as_deref() == Some("A well-connected source")),
        "{:?}",
        a.quotes
    );
}

#[test]
fn an_appositive_that_describes_is_no_role() {
    let text = "“We need the help,” Amelize Joseph, who has four children, said on Friday.";
    let a = run_with(text, &["Amelize Joseph"], &[], None);
    assert_eq!(speakers(&a), [Some("Amelize Joseph")], "{:?}", a.quotes);
    assert_eq!(a.quotes[0].speaker_role, None, "{:?}", a.quotes);
}

#[test]
fn a_role_loses_a_sentence_period_and_keeps_an_abbreviation() {
    let text = "Terence Crutcher, a 40-year-old unarmed black man.\n\n\
                “He was a good father,” Crutcher said.\n\n\
                “These are the stories that nobody knows,” Johnnie Wilson, of Springfield, Va., said.";
    let a = run_full(
        text,
        &["Terence Crutcher", "Crutcher", "Johnnie Wilson"],
        &[],
        &[("Springfield", "US", 1)],
        None,
    );
    let roles: Vec<Option<&str>> = a.quotes.iter().map(|q| q.speaker_role.as_deref()).collect();
    assert_eq!(
        roles,
        [
            Some("40-year-old unarmed black man"),
            Some("of Springfield, Va.")
        ],
        "{:?}",
        a.quotes
    );
}

#[test]
fn violence_words_as_figures_of_speech_open_no_event() {
    for text in [
        "What the ruling party has is an uncomfortable ally and a social time bomb about to explode.",
        "This explosion of freedom coincides with the return of democracy.",
        "The union demanded an end to the attacks on the freedom of expression.",
        "This new attack against the Chilean nation compels us to close ranks.",
    ] {
        assert!(violent(&run(text)).is_empty(), "{text}: {:?}", run(text).events);
    }
    // The same words naming real violence still do.
    for text in [
        "A bomb exploded outside the court, killing two guards.",
        "The explosion of a car bomb destroyed the bank's branch.",
        "Gunmen carried out an attack on the mayor's office, killing a guard.",
    ] {
        assert!(!violent(&run(text)).is_empty(), "{text}");
    }
}

#[test]
fn aircraft_bombing_is_a_remote_strike_and_deaths_in_fighting_a_clash() {
    let strike =
        run("The air force bombing of low-income neighborhoods killed at least 12 civilians.");
    let ev = violent(&strike);
    assert_eq!(ev.len(), 1, "{:?}", strike.events);
    assert_eq!(ev[0].kind, EventType::RemoteStrike);

    // An aircraft hit by the attack is its target, not its author.
    let target = run("A bomb exploded near the air force installations, wounding three guards.");
    assert_eq!(
        violent(&target)[0].kind,
        EventType::Bombing,
        "{:?}",
        target.events
    );

    let clash = run("The 26-year-old volunteer was killed on 3 September while fighting in the southeastern front.");
    assert_eq!(
        violent(&clash)[0].kind,
        EventType::ArmedClash,
        "{:?}",
        clash.events
    );

    // "Fighting for their lives" is no combat.
    let shooting = run(
        "One man is dead and two women are fighting for their lives after the night of violence.",
    );
    assert_ne!(
        violent(&shooting)[0].kind,
        EventType::ArmedClash,
        "{:?}",
        shooting.events
    );
}

#[test]
fn a_victim_phrase_gives_the_people_it_names() {
    let a = run_with(
        "Erika Sullivan and Christopher Anderson, a 26-year-old teacher at the school, have \
         been killed. Colonel Carlos Guerrero's wife, Angela Piedad de Guerrero, was shot to \
         death in Bogota on Tuesday.",
        &[
            "Erika Sullivan",
            "Christopher Anderson",
            "Carlos Guerrero",
            "Angela Piedad de Guerrero",
        ],
        &[],
        None,
    );
    let named = named_victims(&a);
    assert_eq!(
        named,
        [
            "Angela Piedad de Guerrero",
            "Christopher Anderson",
            "Erika Sullivan"
        ],
        "{:?}",
        a.events
    );
}

#[test]
fn a_target_keeps_its_modifiers_and_whose_place_it_is() {
    let targets = |text: &str| -> Vec<String> {
        target_texts(&run(text))
            .into_iter()
            .map(String::from)
            .collect()
    };
    assert_eq!(
        targets("Guerrillas attacked oil installations in the north, killing two guards."),
        ["oil installations"]
    );
    assert_eq!(
        targets("Rebels attacked two buses on the highway, killing a driver."),
        ["buses"]
    );
    assert_eq!(
        targets("A bomb exploded at the offices of the local development corporation in Lima."),
        ["the offices of the local development corporation"]
    );
}

#[test]
fn a_described_attacker_is_named_without_the_count() {
    let a = run("Four rebels attacked a police post in the north, killing two policemen.");
    let perps = perp_texts(&a);
    assert_eq!(perps, ["rebels"], "{:?}", a.events);
}

#[test]
fn victims_named_after_a_long_title_a_list_or_an_aside() {
    let named = |text: &str, people: &[&str]| -> Vec<String> {
        let a = run_with(text, people, &[], None);
        named_victims(&a).into_iter().map(String::from).collect()
    };
    // A title with an "of" of its own between the harm and the name.
    assert_eq!(
        named(
            "Rebels denied that they directed an attack against Supreme Court of Justice \
             President Mauricio Gutierrez Castro.",
            &["Mauricio Gutierrez Castro"]
        ),
        ["Mauricio Gutierrez Castro"]
    );
    // The victims listed after the event's sentence.
    assert_eq!(
        named(
            "Two U.S. citizens were kidnapped by guerrillas in Medellin. The victims were \
             identified as David Lecky, director of the Columbus School, and James Arthur Donnelly.",
            &["David Lecky", "James Arthur Donnelly"]
        ),
        ["David Lecky", "James Arthur Donnelly"]
    );
    // An aside that counts the person among the dead.
    assert_eq!(
        named(
            "Six priests were massacred at dawn. Francisco Estrada, who replaced Father Jose \
             Ellacuria, one of those massacred, as rector, spoke today.",
            &["Francisco Estrada", "Jose Ellacuria"]
        ),
        ["Jose Ellacuria"]
    );
}

#[test]
fn forces_that_kill_are_perpetrators_as_people_and_as_a_body() {
    let a = run("On Thursday, Guatemalan army troops killed nine peasants by mistake.");
    let perps: Vec<(String, tocsin_model::ActorKind)> = violent(&a)
        .iter()
        .flat_map(|e| e.perpetrators.iter().map(|p| (p.text.clone(), p.kind)))
        .collect();
    assert!(
        perps.contains(&(
            "Guatemalan army troops".into(),
            tocsin_model::ActorKind::Individual
        )),
        "{perps:?}"
    );
    assert!(
        perps.contains(&(
            "Guatemalan army".into(),
            tocsin_model::ActorKind::Organization
        )),
        "{perps:?}"
    );
    // Soldiers who were killed did not kill.
    let b = run("Three soldiers were killed when rebels ambushed a patrol.");
    assert!(
        violent(&b)
            .iter()
            .flat_map(|e| e.perpetrators.iter())
            .all(|p| !p.text.contains("soldiers")),
        "{:?}",
        b.events
    );
}

#[test]
fn members_of_a_named_group_are_described_attackers() {
    let a = run_full(
        "Members of the Farabundo Marti National Liberation Front attacked an electric power \
         substation last night, killing a soldier.",
        &[],
        &["Farabundo Marti National Liberation Front"],
        &[],
        None,
    );
    let perps = perp_texts(&a);
    assert!(
        perps.contains(&"Members of the Farabundo Marti National Liberation Front"),
        "{perps:?}"
    );
    assert!(
        perps.contains(&"Farabundo Marti National Liberation Front"),
        "{perps:?}"
    );
}

#[test]
fn arms_seized_demands_and_duties_are_no_attacks() {
    for text in [
        "The army said the weapons, 348 rifles, fragmentation grenades and 100 explosive blocks, \
         were seized in a raid on a house in the capital.",
        "The rebels demanded that the army stop bombing civilian targets.",
        "We must also attack terrorists through the courts.",
    ] {
        let a = run(text);
        assert!(violent(&a).is_empty(), "{text}: {:?}", a.events);
    }
    // A grenade thrown is an attack even where arms were found later.
    let a = run("A grenade thrown at the patrol wounded two soldiers; police later found rifles.");
    assert!(!violent(&a).is_empty());
}

#[test]
fn weapons_keep_the_device_and_drop_a_seized_list() {
    let weapons = |text: &str| -> Vec<String> {
        violent(&run(text))
            .iter()
            .flat_map(|e| e.weapons.iter().map(|w| w.text.clone()))
            .collect()
    };
    assert_eq!(
        weapons("Two explosive devices exploded at the bank, wounding a guard."),
        ["explosive devices"]
    );
    assert_eq!(
        weapons("A truck bomb exploded outside the police station, killing five people."),
        ["truck bomb"]
    );
    // Arms listed as seized after the attack are not its weapons.
    assert!(weapons(
        "Rebels attacked a military post on Sunday, killing two soldiers. Troops later said \
         that missiles, rifles, mortars, machineguns and pistols had been recovered from a \
         cache nearby."
    )
    .is_empty());
}

#[test]
fn targets_in_a_list_and_damage_told_after_the_attack() {
    let a = run(
        "Guerrillas attacked the presidential residence, the Sheraton hotel and the central \
         bank on Saturday, killing two guards. They also burned a gas station \
         and destroyed a pylon in the San Francisco neighborhood.",
    );
    let mut targets = target_texts(&a);
    targets.sort_unstable();
    assert_eq!(
        targets,
        [
            "a gas station",
            "a pylon",
            "the Sheraton hotel",
            "the central bank",
            "the presidential residence"
        ],
        "{:?}",
        a.events
    );
    // A clause after the comma is not another target.
    let b = run("Rebels attacked a bus, killing two passengers and wounding the driver.");
    let targets = target_texts(&b);
    assert_eq!(targets, ["a bus"]);
}

#[test]
fn a_victim_phrase_that_runs_over_a_clause_names_no_speaker() {
    let a = run_with(
        "President Cristiani condemned the murder of fire department director Roberto Rivera, \
         who was killed in a machinegun attack this morning.",
        &["Cristiani", "Roberto Rivera"],
        &[],
        None,
    );
    let named = named_victims(&a);
    assert!(!named.contains(&"Cristiani"), "{:?}", a.events);
    assert!(named.contains(&"Roberto Rivera"), "{:?}", a.events);
}

#[test]
fn a_time_before_the_attackers_is_not_part_of_them() {
    let a = run("During the last few hours terrorists staged three bomb attacks in the capital.");
    let perps = perp_texts(&a);
    assert_eq!(perps, ["terrorists"], "{:?}", a.events);
}

#[test]
fn an_acronym_in_parentheses_is_no_weapon() {
    let a = run(
        "Two missionaries were shot to death last night by terrorists from the Zarate Willka \
         Armed Forces of Liberation (FAL).",
    );
    assert!(
        violent(&a).iter().all(|e| e.weapons.is_empty()),
        "{:?}",
        a.events
    );
}

#[test]
fn an_attacker_noun_the_tagger_took_for_a_name_is_still_the_agent() {
    // A caseless tagger may mark "assassins" as a person.
    let a = run_with(
        "The judge was assassinated in Medellin today by a group of 10 paid assassins in two cars.",
        &["assassins"],
        &[],
        None,
    );
    let perps = perp_texts(&a);
    assert!(perps.contains(&"group of 10 paid assassins"), "{perps:?}");
}

#[test]
fn attacks_told_of_a_clash_are_clashes_and_bombing_by_aircraft_named_after_is_a_strike() {
    for text in [
        "Two rebels were killed and a soldier was wounded during clashes near the farm on Monday.",
        "One army company was annihilated and two others were attacked during the battle at El Nisperal.",
        "The watchmen exchanged fire with the gunmen, and one guard was killed.",
    ] {
        let a = run(text);
        let ev = violent(&a);
        assert!(!ev.is_empty(), "{text}");
        assert!(ev.iter().all(|e| e.kind == EventType::ArmedClash), "{text}: {:?}", a.events);
    }
    // A fight against a scourge is policy: the shooting stays an attack.
    let policy = run("Gunmen shot dead a judge known for his battle against drug trafficking.");
    assert_ne!(
        violent(&policy)[0].kind,
        EventType::ArmedClash,
        "{:?}",
        policy.events
    );
    // A device set off stays a bombing even where a shoot-out followed.
    let bomb = run("A bomb exploded at the bank and the guards exchanged fire with the attackers.");
    assert_eq!(
        violent(&bomb)[0].kind,
        EventType::Bombing,
        "{:?}",
        bomb.events
    );

    let strike = run("Five civilians were killed in the bombings carried out by the Salvadoran Air Force against guerrilla columns.");
    assert_eq!(
        violent(&strike)[0].kind,
        EventType::RemoteStrike,
        "{:?}",
        strike.events
    );
    // "By" naming the aircraft attacked is not its agent.
    let target =
        run("A bomb planted by guerrillas exploded near the air force base, killing a guard.");
    assert_eq!(
        violent(&target)[0].kind,
        EventType::Bombing,
        "{:?}",
        target.events
    );
}

#[test]
fn attackers_described_as_armed_people_or_a_compound_are_kept_whole() {
    for (text, want) in [
        (
            "Three heavily armed men opened fire on the bus, killing the driver.",
            "heavily armed men",
        ),
        (
            "A bomb allegedly detonated by urban guerrilla commandos destroyed a power tower, killing a guard.",
            "urban guerrilla commandos",
        ),
        (
            "In the capital, death squads killed two students on Friday.",
            "death squads",
        ),
    ] {
        let a = run(text);
        assert!(perp_texts(&a).contains(&want), "{text}: {:?}", perp_texts(&a));
    }
    // Men who are not said to be armed are not attackers.
    let a = run("Two men were killed when a bomb exploded in the market.");
    assert!(!perp_texts(&a).contains(&"men"), "{:?}", perp_texts(&a));
}

#[test]
fn who_ordered_the_killing_or_is_linked_to_it_is_a_perpetrator() {
    let text = "Defense Minister Oscar Botero said that Pablo Escobar Gaviria ordered the \
                assassination of Bernardo Jaramillo Ossa.";
    let a = run_with(
        text,
        &[
            "Oscar Botero",
            "Pablo Escobar Gaviria",
            "Bernardo Jaramillo Ossa",
        ],
        &[],
        None,
    );
    let perps = perp_texts(&a);
    assert!(perps.contains(&"Pablo Escobar Gaviria"), "{perps:?}");
    assert!(!perps.contains(&"Oscar Botero"), "{perps:?}");

    let text = "A court presented a declaration in which Duarte links Roberto D'Aubuisson to \
                the 1980 assassination of Archbishop Oscar Romero.";
    let a = run_with(
        text,
        &["Duarte", "Roberto D'Aubuisson", "Oscar Romero"],
        &[],
        None,
    );
    let ev = violent(&a);
    let p = ev
        .iter()
        .flat_map(|e| e.perpetrators.iter())
        .find(|p| p.text == "Roberto D'Aubuisson")
        .unwrap_or_else(|| panic!("{:?}", a.events));
    assert_eq!(p.attribution, Attribution::Suspected);
    assert!(!perp_texts(&a).contains(&"Duarte"));
}

#[test]
fn targets_keep_their_possessor_and_modifiers_and_are_read_from_being_the_target() {
    let a = run_with(
        "Guerrillas attacked Merino's home in San Salvador with explosives, wounding a guard.",
        &["Merino"],
        &[],
        None,
    );
    let targets = target_texts(&a);
    assert!(targets.contains(&"Merino's home"), "{targets:?}");

    let a = run(
        "Terrorists set off bombs in Lima. Seven private bank branches were also attacked. \
         Cultural institutes in Vina del Mar, Talca, and Temuco were the target of bomb attacks.",
    );
    let targets = target_texts(&a);
    assert!(targets.contains(&"private bank branches"), "{targets:?}");
    assert!(targets.contains(&"Cultural institutes"), "{targets:?}");
}

#[test]
fn a_list_of_targets_runs_over_quoted_names_and_semicolons() {
    let a = run(
        "A dynamite charge exploded near the embassy. The bomb explosion damaged the shelves of \
         a book store, the \"People's Peruvian Bank,\" the state bank (not further identified); \
         the Mariscal Ballivian building, and other shops.",
    );
    let targets = target_texts(&a);
    for want in ["the state bank", "the Mariscal Ballivian building", "shops"] {
        assert!(targets.contains(&want), "{want}: {targets:?}");
    }
    assert!(
        targets.iter().any(|t| t.contains("People's Peruvian Bank")),
        "{targets:?}"
    );
}

#[test]
fn attackers_shown_acting_in_later_sentences_join_the_event() {
    let a = run_with(
        "Senator Federico Estrada Velez was kidnapped in Medellin on Monday. As he waited for \
         the light to change, three heavily armed men forced him to get out of his car. The \
         guerrillas said nothing. The killing had been ordered by Fidel Castano and Henry Perez.",
        &["Federico Estrada Velez", "Fidel Castano", "Henry Perez"],
        &[],
        None,
    );
    let perps = perp_texts(&a);
    assert!(perps.contains(&"heavily armed men"), "{perps:?}");
    assert!(perps.contains(&"Fidel Castano"), "{perps:?}");
    assert!(perps.contains(&"Henry Perez"), "{perps:?}");
    assert!(!perps.contains(&"guerrillas"), "{perps:?}");
}

#[test]
fn a_tally_of_deaths_over_years_is_no_event() {
    let a = run("More than 13,000 people have died in Peru since 1980, when the Shining Path started its wave of political violence.");
    assert!(violent(&a).is_empty(), "{:?}", a.events);
    let a = run("The violence has killed 2,000 people over the past decade.");
    assert!(violent(&a).is_empty(), "{:?}", a.events);
    // A toll of one day is an event, whatever the year.
    let a = run("Three people have died since Monday in clashes that began in 1998.");
    assert!(!violent(&a).is_empty());
}

#[test]
fn an_attacker_noun_used_of_something_else_is_no_attacker() {
    let a = run("A guerrilla column attacked the presidential farm, killing a civilian.");
    assert!(
        perp_texts(&a).contains(&"guerrilla column"),
        "{:?}",
        perp_texts(&a)
    );
    let a = run("The explosion killed two workers 25 days after a previous guerrilla action on the pipeline.");
    assert!(perp_texts(&a).is_empty(), "{:?}", perp_texts(&a));
}

#[test]
fn weapons_stolen_or_named_in_passing_are_not_the_attacks() {
    let a = run("After ambushing the patrol, the rebels stole the policemen's weapons, which consisted of 8 rifles and 1 grenade, and killed two guards.");
    let weapons = weapon_texts(&a);
    assert!(weapons.is_empty(), "{weapons:?}");
    let a = run("A man was shot dead near the station before the police's bomb squad arrived.");
    let weapons = weapon_texts(&a);
    assert!(!weapons.contains(&"bomb"), "{weapons:?}");
}

#[test]
fn a_killing_that_names_whom_it_killed_is_an_event() {
    let a = run_with(
        "The Supreme Court ordered a special judge to investigate the murder of Jecar Neghme, \
         spokesman of the MIR.",
        &["Jecar Neghme"],
        &[],
        None,
    );
    let ev = violent(&a);
    assert_eq!(ev.len(), 1, "{:?}", a.events);
    assert!(
        ev[0].victims.iter().any(|v| v.text == "Jecar Neghme"),
        "{:?}",
        ev[0].victims
    );
    // A killing of nobody named stays a word.
    let a = run("The court will investigate the murder.");
    assert!(violent(&a).is_empty(), "{:?}", a.events);
}

#[test]
fn a_threat_names_the_people_threatened() {
    let a = run_with(
        "Archbishop Arturo Rivera y Damas announced that he has again received death threats \
         through his secretaries.",
        &["Arturo Rivera y Damas"],
        &[],
        None,
    );
    let threat = a
        .events
        .iter()
        .find(|e| e.kind == EventType::Threat)
        .unwrap_or_else(|| panic!("{:?}", a.events));
    assert_eq!(threat.victims.len(), 1, "{:?}", threat.victims);
    assert_eq!(threat.victims[0].text, "Arturo Rivera y Damas");

    let a = run_with(
        "The cartel issued death threats against Liberal candidate Cesar Gaviria Trujillo.",
        &["Cesar Gaviria Trujillo"],
        &[],
        None,
    );
    let victims: Vec<&str> = a
        .events
        .iter()
        .flat_map(|e| e.victims.iter().map(|v| v.text.as_str()))
        .collect();
    assert_eq!(victims, ["Cesar Gaviria Trujillo"]);
}

#[test]
fn a_described_attacker_opening_the_sentence_keeps_its_modifier() {
    let a = run("Urban guerrillas sabotaged pylons and transformers in San Miguel.");
    assert!(
        perp_texts(&a).contains(&"Urban guerrillas"),
        "{:?}",
        perp_texts(&a)
    );
    let a = run("The gunmen opened fire on the bus, killing two passengers.");
    assert!(perp_texts(&a).contains(&"gunmen"), "{:?}", perp_texts(&a));
}

#[test]
fn the_people_arrested_for_a_killing_are_its_perpetrators() {
    let a = run(
        "The announcement of the arrest of 45 soldiers and 2 officers for killing 6 clergymen \
         is a milestone.",
    );
    let perps = perp_texts(&a);
    assert!(perps.contains(&"45 soldiers"), "{perps:?}");
    assert!(perps.contains(&"2 officers"), "{perps:?}");
}

#[test]
fn a_discredited_report_or_a_purpose_is_no_event() {
    let a = run("The report that the daughter of the ambassador was seriously wounded by gunfire is absolutely unfounded.");
    assert!(violent(&a).is_empty(), "{:?}", a.events);
    let a = run("British mercenaries came to the country allegedly to assassinate Pablo Escobar.");
    assert!(violent(&a).is_empty(), "{:?}", a.events);
    // A try is a deed.
    let a = run("Two gunmen tried to kill the mayor on Sunday, wounding his driver.");
    assert!(!violent(&a).is_empty(), "{:?}", a.events);
    let a =
        run("Roberto Santana Rojas has died while serving as a volunteer in the guerrilla group.");
    assert!(
        violent(&a).iter().all(|e| e.kind == EventType::ArmedClash),
        "{:?}",
        a.events
    );
}

#[test]
fn a_killing_verb_with_a_named_object_is_an_event() {
    let a = run_with(
        "Battalion troops murdered peasants Victor Manuel Vasquez and Rafael Romero on 31 January.",
        &["Victor Manuel Vasquez", "Rafael Romero"],
        &[],
        None,
    );
    let ev = violent(&a);
    assert_eq!(ev.len(), 1, "{:?}", a.events);
    let names: Vec<&str> = ev[0].victims.iter().map(|v| v.text.as_str()).collect();
    assert!(
        names.contains(&"Victor Manuel Vasquez") && names.contains(&"Rafael Romero"),
        "{names:?}"
    );
}

#[test]
fn systems_lines_centers_and_property_can_be_targets() {
    let a = run("Guerrillas dynamited the power lines and sabotaged the electrical system of the city, killing a guard.");
    let targets = target_texts(&a);
    assert!(targets.contains(&"the power lines"), "{targets:?}");
    assert!(
        targets.iter().any(|t| t.contains("electrical system")),
        "{targets:?}"
    );
}

#[test]
fn weapons_keep_their_measure_or_the_noun_they_modify() {
    let a = run(
        "Rebels attacked the bank with molotov cocktails and sticks of dynamite, wounding a guard.",
    );
    let weapons = weapon_texts(&a);
    assert!(weapons.contains(&"molotov cocktails"), "{weapons:?}");
    assert!(weapons.contains(&"sticks of dynamite"), "{weapons:?}");
}

#[test]
fn victims_named_after_including_among_or_a_committed_harm() {
    let people = ["Ignacio Ellacuria", "Segundo Montes"];
    for text in [
        "The assassination of six members of his order, including Ignacio Ellacuria, shocked the country.",
        "Among the priests murdered was Father Ignacio Ellacuria, rector of the university.",
        "They condemn the treacherous murder committed by guerrillas against Dr Ignacio Ellacuria.",
    ] {
        let a = run_with(text, &people, &[], None);
        assert_eq!(named_victims(&a), ["Ignacio Ellacuria"], "{text}: {:?}", a.events);
    }
    // Someone listed "including" in a sentence without harm is no victim.
    let a = run_with(
        "Two priests were shot dead on Sunday. The order's members, including Segundo Montes, met today.",
        &people,
        &[],
        None,
    );
    assert!(named_victims(&a).is_empty(), "{:?}", named_victims(&a));
}
