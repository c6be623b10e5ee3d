//! Recognition and resolution on a tiny hand-written gazetteer (no shared data needed):
//! ambiguous names resolved by context, demonyms, facilities, person names, offsets.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use tocsin_geo::compile::{EntryRow, GazetteerBuilder};
use tocsin_geo::gazetteer::{entry_flags, key_flags, name_flags};
use tocsin_geo::{DocContext, Gazetteer, Geocoder, Kind, MentionKind, Place, Precision};
use tocsin_model::{Entity, EntityLabel};

/// Countries, a few divisions and the cities whose names collide.
fn tiny() -> Gazetteer {
    let mut b = GazetteerBuilder::new();
    let country = |b: &mut GazetteerBuilder, id, name: &str, cc: &str, lat, lon, pop| {
        b.add(EntryRow::new(id, name, Kind::Country, cc, lat, lon).population(pop))
    };
    let fr = country(&mut b, 3017382, "France", "FR", 46.0, 2.0, 66_987_244);
    let us = country(
        &mut b,
        6252001,
        "United States",
        "US",
        39.76,
        -98.5,
        327_167_434,
    );
    let ge = country(&mut b, 614540, "Georgia", "GE", 42.0, 43.5, 3_731_000);
    let lb = country(
        &mut b, 272103, "Lebanon", "LB", 33.83333, 35.83333, 6_848_925,
    );
    let ly = country(&mut b, 2215636, "Libya", "LY", 28.0, 17.0, 6_678_567);
    let ru = country(&mut b, 2017370, "Russia", "RU", 60.0, 100.0, 144_478_050);
    let af = country(&mut b, 1149361, "Afghanistan", "AF", 33.0, 66.0, 37_172_386);
    for (id, name) in [(us, "U.S."), (us, "US"), (us, "America")] {
        b.add_name(id, name, name_flags::ENGLISH);
    }
    b.add_name(ru, "Russian", name_flags::DEMONYM);
    b.add_name(lb, "Lebanese", name_flags::DEMONYM);
    b.add_name(ge, "Georgian", name_flags::DEMONYM);
    b.add_name(fr, "French", name_flags::DEMONYM);
    let _ = (ly, af);

    let tx = b.add(
        EntryRow::new(4736286, "Texas", Kind::Admin1, "US", 31.25044, -99.25061)
            .population(22_000_000),
    );
    b.add_name(tx, "Tex.", name_flags::ABBREV);
    let ga = b.add(
        EntryRow::new(4197000, "Georgia", Kind::Admin1, "US", 32.75042, -83.50018)
            .population(8_000_000),
    );
    b.add_name(ga, "Ga.", name_flags::ABBREV);
    let moscow_obl = b.add(
        EntryRow::new(
            524925,
            "Moskovskaya Oblast'",
            Kind::Admin1,
            "RU",
            55.75,
            37.5,
        )
        .population(7_000_000),
    );
    b.add_name(moscow_obl, "Moscow Oblast", 0);
    let city = |b: &mut GazetteerBuilder, id, name: &str, cc: &str, lat, lon, pop| {
        b.add(EntryRow::new(id, name, Kind::City, cc, lat, lon).population(pop))
    };
    b.add(
        EntryRow::new(2988507, "Paris", Kind::City, "FR", 48.85341, 2.3488)
            .population(2_138_551)
            .flags(entry_flags::CAPITAL),
    );
    // The city's own division, named as GeoNames names Dublin's ("Dublin City").
    b.add(EntryRow::new(
        2968815,
        "Paris City",
        Kind::Admin2,
        "FR",
        48.8534,
        2.3486,
    ));
    b.add(
        EntryRow::new(4717560, "Paris", Kind::City, "US", 33.66094, -95.55551)
            .population(24_782)
            .admin1(tx),
    );
    b.add(
        EntryRow::new(4684888, "Dallas", Kind::City, "US", 32.78306, -96.80667)
            .population(1_300_092)
            .admin1(tx),
    );
    b.add(
        EntryRow::new(4671654, "Austin", Kind::City, "US", 30.26715, -97.74306)
            .population(931_830)
            .admin1(tx),
    );
    b.add(
        EntryRow::new(4180439, "Atlanta", Kind::City, "US", 33.749, -84.38798)
            .population(463_878)
            .admin1(ga),
    );
    b.add(
        EntryRow::new(611717, "Tbilisi", Kind::City, "GE", 41.69411, 44.83368)
            .population(1_049_498)
            .flags(entry_flags::CAPITAL),
    );
    b.add(
        EntryRow::new(2210247, "Tripoli", Kind::City, "LY", 32.88743, 13.18733)
            .population(1_302_947)
            .flags(entry_flags::CAPITAL),
    );
    b.add(
        EntryRow::new(266826, "Tripoli", Kind::City, "LB", 34.43352, 35.84415).population(229_398),
    );
    b.add(
        EntryRow::new(276781, "Beirut", Kind::City, "LB", 33.89332, 35.50157)
            .population(1_916_100)
            .flags(entry_flags::CAPITAL),
    );
    b.add(
        EntryRow::new(524901, "Moscow", Kind::City, "RU", 55.75204, 37.61781)
            .population(10_381_222)
            .flags(entry_flags::CAPITAL),
    );
    city(
        &mut b, 1138958, "Kabul", "AF", 34.52813, 69.17233, 3_043_532,
    );
    // A small town that is also a common first name.
    city(
        &mut b, 4188985, "Columbus", "US", 32.46098, -84.98771, 189_885,
    );
    // A town that is also a surname.
    b.add(
        EntryRow::new(4696233, "Henderson", Kind::City, "US", 32.15322, -94.79938)
            .population(20_000)
            .admin1(tx),
    );
    let sc = b.add(
        EntryRow::new(
            4597040,
            "South Carolina",
            Kind::Admin1,
            "US",
            34.0004,
            -81.0001,
        )
        .population(2_323_184),
    );
    let context = name_flags::CONTEXT | name_flags::ABBREV;
    b.add_name(sc, "S.C.", context | name_flags::ENGLISH);
    b.add_name(sc, "SC", context);
    let clarke = b.add(
        EntryRow::new(
            4188191,
            "Clarke County",
            Kind::Admin2,
            "US",
            33.9501,
            -83.3832,
        )
        .admin1(ga),
    );
    b.add_name(clarke, "Clarke", 0);
    city(
        &mut b,
        4151316,
        "Chiefland",
        "US",
        29.47496,
        -82.85984,
        2_245,
    );
    city(&mut b, 1854849, "Obama", "JP", 35.49, 135.74, 30_000);
    // A town that is also a common given name.
    city(
        &mut b, 4543762, "Norman", "US", 35.22257, -97.43948, 128_026,
    );
    b.set_key_flags("norman", key_flags::GIVEN_NAME);
    // English spellings that GeoNames has only as alternate names.
    let duma = city(&mut b, 170592, "Dūmā", "SY", 33.5718, 36.4027, 111_864);
    b.add_name(duma, "Douma", 0);
    let tours = city(&mut b, 2972191, "Tours", "FR", 47.39414, 0.68484, 141_621);
    b.add_name(tours, "Tour", 0);
    let bytes = b.to_gzip().unwrap();
    Gazetteer::from_gzip(&bytes).unwrap()
}

fn place<'a>(places: &'a [Place], name: &str) -> &'a Place {
    places
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("no place {name:?} in {places:#?}"))
}

#[test]
fn paris_alone_is_the_french_capital() {
    let gaz = tiny();
    let places = Geocoder::new(&gaz).geoparse("Thousands marched in Paris on Saturday.", None);
    let p = place(&places, "Paris");
    assert_eq!(p.country, "FR");
    assert_eq!(p.geonameid, Some(2988507));
    assert_eq!(p.precision, Precision::City);
}

#[test]
fn paris_texas_by_qualifier() {
    let gaz = tiny();
    let places = Geocoder::new(&gaz).geoparse("A tornado hit Paris, Texas, late on Tuesday.", None);
    let p = place(&places, "Paris");
    assert_eq!(p.geonameid, Some(4717560));
    assert_eq!(p.admin1.as_deref(), Some("Texas"));
    assert!(p.confidence > 0.5, "{p:?}");
    assert_eq!(place(&places, "Texas").precision, Precision::Admin1);
}

#[test]
fn paris_texas_by_article_context() {
    let gaz = tiny();
    let text = "Storms swept across Texas on Tuesday. In Dallas, power was cut to thousands. \
                Further north, in Paris, the roof of a school collapsed. Austin sent help.";
    let places = Geocoder::new(&gaz).geoparse(text, None);
    assert_eq!(place(&places, "Paris").geonameid, Some(4717560));
}

#[test]
fn a_longer_form_of_a_name_is_not_evidence_for_its_shorter_form() {
    // "Paris City Council" is the council of whichever Paris the article is about; read as
    // the French division it made the French capital confirm itself.
    let gaz = tiny();
    let text = "Paris City Council approved the budget on Monday. Storms swept across Texas \
                on Tuesday. In Dallas, power was cut to thousands; in Paris, the roof of a \
                school collapsed. Austin sent help.";
    let places = Geocoder::new(&gaz).geoparse(text, None);
    assert_eq!(place(&places, "Paris").geonameid, Some(4717560));
}

#[test]
fn georgia_country_or_us_state_by_context() {
    let gaz = tiny();
    let geo = Geocoder::new(&gaz);
    let places = geo.geoparse(
        "Protesters filled the streets of Tbilisi. Georgia has been in turmoil since May.",
        None,
    );
    let g = place(&places, "Georgia");
    assert_eq!(
        (g.country.as_str(), g.precision),
        ("GE", Precision::Country)
    );

    let places = geo.geoparse(
        "Flooding closed roads around Atlanta. Georgia officials urged residents to stay home.",
        None,
    );
    let g = place(&places, "Georgia");
    assert_eq!(g.geonameid, Some(4197000));
    assert_eq!(g.precision, Precision::Admin1);

    let places = geo.geoparse("The company moved to Atlanta, Ga., last year.", None);
    assert_eq!(place(&places, "Georgia").geonameid, Some(4197000));
}

#[test]
fn tripoli_lebanon_or_libya() {
    let gaz = tiny();
    let geo = Geocoder::new(&gaz);
    let places = geo.geoparse("Militias clashed in Tripoli overnight.", None);
    assert_eq!(place(&places, "Tripoli").country, "LY");

    let places = geo.geoparse("Clashes broke out in Tripoli, Lebanon, on Monday.", None);
    assert_eq!(place(&places, "Tripoli").country, "LB");

    let places = geo.geoparse(
        "Lebanese troops deployed in Tripoli after a week of fighting. Officials in Beirut \
         said the army would stay.",
        None,
    );
    assert_eq!(place(&places, "Tripoli").country, "LB");
}

#[test]
fn person_names_are_not_places() {
    let gaz = tiny();
    let places = Geocoder::new(&gaz).geoparse(
        "Mr. Paris told reporters the plan would fail. Christopher Columbus sailed west.",
        None,
    );
    assert!(places.is_empty(), "{places:#?}");
}

#[test]
fn demonyms_point_at_countries() {
    let gaz = tiny();
    let parsed = Geocoder::new(&gaz).parse(
        "Russian officials said four Tajik men were charged.",
        &DocContext::default(),
    );
    let ru = place(&parsed.places, "Russia");
    assert!(ru.mentions.is_empty());
    assert_eq!(ru.demonym_mentions, vec![(0, 7)]);
    assert_eq!(parsed.mentions[0].kind, MentionKind::Demonym);
}

#[test]
fn facility_placed_in_the_city_the_text_names() {
    let gaz = tiny();
    let text = "Gunmen attacked Crocus City Hall on the western edge of Moscow on Friday.";
    let places = Geocoder::new(&gaz).geoparse(text, None);
    let hall = place(&places, "Crocus City Hall");
    assert_eq!(hall.precision, Precision::Facility);
    assert_eq!(hall.within.as_deref(), Some("Moscow"));
    assert_eq!(hall.geonameid, None);
    assert_eq!(hall.country, "RU");
    assert!((hall.lat - 55.75).abs() < 0.1);
}

#[test]
fn facility_known_only_by_country_says_so() {
    let gaz = tiny();
    let text = "The bombing at Abbey Gate in Afghanistan killed 13 service members.";
    let places = Geocoder::new(&gaz).geoparse(text, None);
    let gate = place(&places, "Abbey Gate");
    assert_eq!(
        gate.precision,
        Precision::Country,
        "never a silent country centroid"
    );
}

#[test]
fn offsets_are_utf8_bytes() {
    let gaz = tiny();
    let text = "Überraschung — protests in Moscow and Kabul.";
    let parsed = Geocoder::new(&gaz).parse(text, &DocContext::default());
    for m in &parsed.mentions {
        let s = &text[m.start as usize..m.end as usize];
        assert!(s == "Moscow" || s == "Kabul", "{s:?}");
    }
    assert_eq!(parsed.mentions.len(), 2);
}

/// The first occurrence of `name` in `text`, tagged `label` as a NER model would.
fn tagged(text: &str, name: &str, label: EntityLabel) -> Entity {
    let start = text.find(name).expect("name in text") as u32;
    Entity {
        text: name.into(),
        label,
        start,
        end: start + name.len() as u32,
        canonical: None,
    }
}

#[test]
fn entities_veto_and_add() {
    let gaz = tiny();
    let text = "Paris Hilton visited Dallas.";
    let ents = [tagged(text, "Paris Hilton", EntityLabel::Per)];
    let places = Geocoder::new(&gaz).geoparse(text, Some(&ents));
    assert_eq!(places.len(), 1, "{places:#?}");
    assert_eq!(places[0].name, "Dallas");
}

#[test]
fn only_a_longer_person_name_vetoes_a_place() {
    let gaz = tiny();
    // A tagger that calls the town itself a person ("Dallas has money") is as often wrong as
    // right, so the place stays.
    let text = "Dallas has money, said Acme Works.";
    let ents = [
        tagged(text, "Dallas", EntityLabel::Per),
        tagged(text, "Acme Works", EntityLabel::Org),
    ];
    let places = Geocoder::new(&gaz).geoparse(text, Some(&ents));
    let names: Vec<&str> = places.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Dallas"], "{places:#?}");
    // Nor does the possessive make the tagged name longer than the place.
    let text = "Dallas\u{2019}s budget grew.";
    let ents = [tagged(text, "Dallas\u{2019}s", EntityLabel::Per)];
    assert_eq!(Geocoder::new(&gaz).geoparse(text, Some(&ents)).len(), 1);
}

fn place_names(text: &str) -> Vec<String> {
    let gaz = tiny();
    let parsed = Geocoder::new(&gaz).parse(text, &DocContext::default());
    parsed
        .mentions
        .iter()
        .map(|m| text[m.start as usize..m.end as usize].to_string())
        .collect()
}

#[test]
fn a_name_used_as_a_person_is_that_person_throughout() {
    let text = "Former state senator Bill Henderson was sentenced. Henderson is free on bail. \
                His mother lives in Henderson, Tex.";
    let names = place_names(text);
    assert_eq!(
        names,
        ["Henderson", "Tex."],
        "only the qualified town: {names:?}"
    );
    assert_eq!(
        place_names("“We will rebuild,” said Henderson."),
        Vec::<String>::new()
    );
}

#[test]
fn one_verb_of_saying_does_not_make_a_town_a_person() {
    let text = "The marchers said Henderson says no to the plan. Henderson will vote in May.";
    assert_eq!(place_names(text), ["Henderson"]);
}

#[test]
fn a_sizeable_town_is_found_by_its_alternate_english_spelling() {
    assert_eq!(
        place_names("Fighting went on in the outskirts of Douma on Sunday."),
        ["Douma"]
    );
    // A short alternate name is too often a word of another language.
    assert!(place_names("He rode the Tour in July.").is_empty());
}

#[test]
fn dotted_initials_of_a_state_are_a_place_anywhere() {
    assert_eq!(place_names("S.C. House Republicans have a plan."), ["S.C."]);
    // Without the dots it is only a place after "Place, ".
    assert!(place_names("SC House Republicans have a plan.").is_empty());
}

#[test]
fn the_last_part_of_a_hyphenated_word_runs_on_into_a_longer_name() {
    assert_eq!(
        place_names("Shelling hit the Tver-Moscow Oblast border."),
        ["Moscow Oblast"]
    );
    assert_eq!(place_names("A Moscow-based group said."), ["Moscow"]);
}

#[test]
fn a_person_tag_over_a_local_institution_is_not_a_person() {
    let gaz = tiny();
    let text = "A report by Dallas Police Chief Renee Hall came out.";
    let ents = [tagged(
        text,
        "Dallas Police Chief Renee Hall",
        EntityLabel::Per,
    )];
    let places = Geocoder::new(&gaz).geoparse(text, Some(&ents));
    assert_eq!(places.len(), 1, "{places:#?}");
}

#[test]
fn a_small_town_beside_a_big_city_of_its_state_beats_a_capital() {
    let gaz = tiny();
    let text = "Jessica Kay, 18, of Paris died Saturday in a Dallas hospital.";
    let places = Geocoder::new(&gaz).geoparse(text, None);
    let paris = places.iter().find(|p| p.name == "Paris").expect("Paris");
    assert_eq!(paris.country, "US", "{places:#?}");
    // Alone, Paris is still the capital of France.
    let places = Geocoder::new(&gaz).geoparse("Protests went on in Paris.", None);
    assert_eq!(places[0].country, "FR", "{places:#?}");
}

#[test]
fn the_short_form_of_a_name_given_in_full_is_that_place() {
    assert_eq!(
        place_names("The Clarke County school board met. While Clarke cut jobs, others hired."),
        ["Clarke County", "Clarke"]
    );
    assert!(place_names("While Clarke cut jobs, others hired.").is_empty());
}

#[test]
fn a_small_town_named_elsewhere_is_kept_before_its_police() {
    assert_eq!(
        place_names("A brawl broke out in Chiefland. Chiefland Police Chief Robert Douglas spoke."),
        ["Chiefland", "Chiefland"]
    );
    assert!(place_names("Chiefland Police Chief Robert Douglas spoke.").is_empty());
}

#[test]
fn a_town_abroad_without_a_cue_in_an_article_about_another_country_is_a_stray() {
    let about_texas = "Rallies were held in Dallas and Austin, Texas.";
    assert_eq!(
        place_names(&format!(
            "{about_texas} Since Obama took office, hopes rose."
        )),
        ["Dallas", "Austin", "Texas"]
    );
    // With a cue of its own, or with nothing to contradict it, it stays.
    assert!(
        place_names(&format!("{about_texas} The envoy flew to Obama."))
            .contains(&"Obama".to_string())
    );
    assert_eq!(
        place_names("Since Obama took office, hopes rose."),
        ["Obama"]
    );
}

#[test]
fn city_before_an_institution_belongs_to_the_institution() {
    // GeoNames has a division called "Paris City"; in "Paris City Council" the place is Paris.
    assert_eq!(
        place_names("The Paris City Council met on Monday."),
        ["Paris"]
    );
}

#[test]
fn a_title_ending_in_a_town_makes_no_surname_of_it() {
    assert_eq!(
        place_names("The museum will host \"Stars Over Henderson\" on Friday in Henderson."),
        ["Henderson", "Henderson"]
    );
    // A run that starts with a given name does.
    assert!(place_names("The fair opened. Later Bill Henderson spoke in Henderson.").is_empty());
}

#[test]
fn a_given_name_that_is_a_town_elsewhere_in_the_text_is_that_town() {
    let names = place_names("He rode from Norman to Atlanta. He left his Norman home in May.");
    assert_eq!(names, ["Norman", "Atlanta", "Norman"]);
    // Not when it is someone's first name.
    let names = place_names("He rode from Norman to Atlanta. He met Norman Smith in May.");
    assert_eq!(names, ["Norman", "Atlanta"]);
}

#[test]
fn a_big_city_named_as_a_speaker_is_the_person_the_text_names() {
    let text = "Mayor John Moscow spoke first. \u{201c}We are ready,\u{201d} Moscow said. \
                Troops left Moscow.";
    let gaz = tiny();
    let parsed = Geocoder::new(&gaz).parse(text, &DocContext::default());
    let starts: Vec<usize> = parsed.mentions.iter().map(|m| m.start as usize).collect();
    assert_eq!(
        starts,
        [text.rfind("Moscow").unwrap()],
        "{:?}",
        parsed.mentions
    );
    // Without the person, the city speaks for its government.
    assert_eq!(place_names("Moscow said it was ready."), ["Moscow"]);
}

#[test]
fn a_party_and_hometown_tagged_as_a_person_is_still_the_town() {
    let gaz = tiny();
    let text = "State Sen. Bob Smith, D-Dallas, voted no.";
    let ents = [tagged(text, "D-Dallas", EntityLabel::Per)];
    let places = Geocoder::new(&gaz).geoparse(text, Some(&ents));
    assert_eq!(places.len(), 1, "{places:#?}");
    assert_eq!(places[0].name, "Dallas");
}

#[test]
fn a_city_s_possessive_is_not_part_of_its_street() {
    assert_eq!(
        place_names("Police closed Dallas's Elm Street on Monday."),
        ["Dallas", "Elm Street"]
    );
}

#[test]
fn explain_mentions_every_candidate() {
    let gaz = tiny();
    let log = Geocoder::new(&gaz).explain("Mr. Paris went to Dallas.", &DocContext::default());
    assert!(log.contains("\"Paris\""), "{log}");
    assert!(log.contains("\"Dallas\""), "{log}");
}
