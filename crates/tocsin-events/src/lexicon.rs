//! The words that signal events, tolls, attribution and speech. Kept as plain tables so that
//! a reader can audit them and a new language is a new table, not new code.

use tocsin_model::EventType;

/// What a trigger word announces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TriggerKind {
    /// A violent event of a known type.
    Typed(EventType),
    /// "attack", "massacre": violence of a type the context must settle.
    GenericAttack,
    /// "killed", "died", "wounded": a toll that implies violence only in the right context.
    Toll,
}

/// One trigger entry.
#[derive(Debug, Clone, Copy)]
pub struct Trigger {
    /// What it announces.
    pub kind: TriggerKind,
    /// The attack mode it names (`shooting`, `stabbing`, `arson`…).
    pub mode: Option<&'static str>,
    /// How many tokens it spans.
    pub len: usize,
    /// Whether it is a noun ("bombing") rather than a verb ("bombed"): nouns need a
    /// specific reading ("the bombing", "two bombings") to count as an event.
    pub noun: bool,
    /// Whether it is a plural noun.
    pub plural: bool,
}

use EventType::*;
use TriggerKind::{GenericAttack, Toll, Typed};

/// Multi-word triggers first (longest match wins), then single words.
const PHRASES: &[(&[&str], TriggerKind, Option<&str>, bool)] = &[
    (
        &["opened", "fire"],
        Typed(ArmedAssault),
        Some("shooting"),
        false,
    ),
    (
        &["open", "fire"],
        Typed(ArmedAssault),
        Some("shooting"),
        false,
    ),
    (
        &["opens", "fire"],
        Typed(ArmedAssault),
        Some("shooting"),
        false,
    ),
    (
        &["fired", "shots"],
        Typed(ArmedAssault),
        Some("shooting"),
        false,
    ),
    (
        &["shots", "fired"],
        Typed(ArmedAssault),
        Some("shooting"),
        false,
    ),
    (
        &["gunned", "down"],
        Typed(ArmedAssault),
        Some("shooting"),
        false,
    ),
    (
        &["shot", "dead"],
        Typed(ArmedAssault),
        Some("shooting"),
        false,
    ),
    (
        &["drive", "-", "by"],
        Typed(ArmedAssault),
        Some("shooting"),
        true,
    ),
    (&["car", "bomb"], Typed(Bombing), Some("car bomb"), true),
    (&["car", "bombing"], Typed(Bombing), Some("car bomb"), true),
    (
        &["suicide", "bomber"],
        Typed(Bombing),
        Some("suicide"),
        true,
    ),
    (
        &["suicide", "bombers"],
        Typed(Bombing),
        Some("suicide"),
        true,
    ),
    (
        &["suicide", "bombing"],
        Typed(Bombing),
        Some("suicide"),
        true,
    ),
    (
        &["suicide", "bombings"],
        Typed(Bombing),
        Some("suicide"),
        true,
    ),
    (
        &["suicide", "attack"],
        Typed(Bombing),
        Some("suicide"),
        true,
    ),
    (
        &["blew", "himself", "up"],
        Typed(Bombing),
        Some("suicide"),
        false,
    ),
    (
        &["blew", "themselves", "up"],
        Typed(Bombing),
        Some("suicide"),
        false,
    ),
    (&["set", "fire"], Typed(ArsonSabotage), Some("arson"), false),
    (
        &["set", "on", "fire"],
        Typed(ArsonSabotage),
        Some("arson"),
        false,
    ),
    (
        &["set", "ablaze"],
        Typed(ArsonSabotage),
        Some("arson"),
        false,
    ),
    (
        &["taken", "hostage"],
        Typed(HostageTaking),
        Some("hostage"),
        false,
    ),
    (
        &["took", "hostage"],
        Typed(HostageTaking),
        Some("hostage"),
        false,
    ),
    (
        &["air", "strike"],
        Typed(RemoteStrike),
        Some("air strike"),
        true,
    ),
    (
        &["air", "strikes"],
        Typed(RemoteStrike),
        Some("air strike"),
        true,
    ),
    (
        &["air", "raid"],
        Typed(RemoteStrike),
        Some("air strike"),
        true,
    ),
    (
        &["air", "raids"],
        Typed(RemoteStrike),
        Some("air strike"),
        true,
    ),
    (
        &["drone", "strike"],
        Typed(RemoteStrike),
        Some("drone strike"),
        true,
    ),
    (
        &["drone", "strikes"],
        Typed(RemoteStrike),
        Some("drone strike"),
        true,
    ),
    (
        &["drone", "attack"],
        Typed(RemoteStrike),
        Some("drone strike"),
        true,
    ),
    (
        &["missile", "strike"],
        Typed(RemoteStrike),
        Some("missile"),
        true,
    ),
    (
        &["missile", "attack"],
        Typed(RemoteStrike),
        Some("missile"),
        true,
    ),
    (
        &["rocket", "attack"],
        Typed(RemoteStrike),
        Some("rocket"),
        true,
    ),
    (
        &["rocket", "fire"],
        Typed(RemoteStrike),
        Some("rocket"),
        true,
    ),
    (&["gun", "battle"], Typed(ArmedClash), None, true),
    (&["exchange", "of", "fire"], Typed(ArmedClash), None, true),
    (&["taken", "into", "custody"], Typed(Arrest), None, false),
    (&["bomb", "threat"], Typed(Threat), None, true),
    (&["death", "threats"], Typed(Threat), None, true),
    (&["terror", "attack"], GenericAttack, None, true),
    (&["terrorist", "attack"], GenericAttack, None, true),
    (&["terror", "attacks"], GenericAttack, None, true),
    (&["terrorist", "attacks"], GenericAttack, None, true),
];

/// Single-word triggers: (word, kind, mode, noun, plural).
fn word_trigger(w: &str) -> Option<(TriggerKind, Option<&'static str>, bool, bool)> {
    let t = |k, m, noun, plural| Some((k, m, noun, plural));
    match w {
        "shooting" | "shootout" | "gunfire" | "gunshot" | "gunshots" => {
            t(Typed(ArmedAssault), Some("shooting"), true, false)
        }
        "shootings" => t(Typed(ArmedAssault), Some("shooting"), true, true),
        "shot" | "shoot" | "shoots" | "opened-fire" => {
            t(Typed(ArmedAssault), Some("shooting"), false, false)
        }
        "gunman" | "gunmen" | "sniper" | "shooter" => {
            t(Typed(ArmedAssault), Some("shooting"), true, false)
        }
        "stabbed" | "stabbing" | "stabbings" | "knifed" => t(
            Typed(ArmedAssault),
            Some("stabbing"),
            w != "stabbed" && w != "knifed",
            false,
        ),
        "ambush" | "ambushed" | "massacre" | "massacred" => {
            t(Typed(ArmedAssault), None, !w.ends_with("ed"), false)
        }
        "rammed" | "ramming" => t(Typed(ArmedAssault), Some("vehicle"), false, false),
        "bomb" | "bombing" | "bomber" | "blast" | "explosion" | "ied" | "grenade" => {
            t(Typed(Bombing), None, true, false)
        }
        "bombs" | "bombings" | "bombers" | "blasts" | "explosions" | "ieds" | "grenades" => {
            t(Typed(Bombing), None, true, true)
        }
        "bombed" | "exploded" | "detonated" | "blew" => t(Typed(Bombing), None, false, false),
        "assassinated" | "assassination" | "assassinate" => {
            t(Typed(Assassination), None, w == "assassination", false)
        }
        "kidnapped" | "abducted" | "kidnapping" | "abduction" | "kidnap" => t(
            Typed(HostageTaking),
            Some("kidnapping"),
            w.ends_with("ing") || w.ends_with("ion"),
            false,
        ),
        "kidnappings" | "abductions" => t(Typed(HostageTaking), Some("kidnapping"), true, true),
        "hostage" | "hostages" => t(Typed(HostageTaking), Some("hostage"), true, false),
        "hijacked" | "hijacking" | "hijack" => t(Typed(Hijacking), None, w == "hijacking", false),
        "arson" | "torched" | "firebombed" | "sabotage" | "sabotaged" => t(
            Typed(ArsonSabotage),
            Some("arson"),
            w == "arson" || w == "sabotage",
            false,
        ),
        "beaten" | "lynched" | "lynching" | "bludgeoned" => {
            t(Typed(UnarmedAssault), None, w == "lynching", false)
        }
        "clashes" | "clashed" | "firefight" | "gunbattle" | "skirmish" | "skirmishes" => t(
            Typed(ArmedClash),
            None,
            !w.ends_with("ed"),
            w.ends_with("es"),
        ),
        "airstrike" | "shelling" | "bombardment" | "shelled" => {
            t(Typed(RemoteStrike), Some("shelling"), w != "shelled", false)
        }
        "airstrikes" => t(Typed(RemoteStrike), Some("air strike"), true, true),
        "arrested" | "detained" | "charged" | "indicted" | "convicted" | "sentenced"
        | "apprehended" | "arrest" | "arrests" => t(
            Typed(Arrest),
            None,
            w.starts_with("arrest") && !w.ends_with("ed"),
            false,
        ),
        "threatened" | "warned" | "foiled" | "thwarted" => t(Typed(Threat), None, false, false),
        "protest" | "protests" | "protesters" | "protestors" | "demonstration"
        | "demonstrations" | "demonstrators" | "rally" => {
            t(Typed(Protest), None, true, w.ends_with('s'))
        }
        "protested" | "marched" => t(Typed(Protest), None, false, false),
        "riot" | "riots" | "rioting" | "rioters" | "looting" => {
            t(Typed(Riot), None, true, w.ends_with('s'))
        }
        "attack" | "assault" => t(GenericAttack, None, true, false),
        "attacks" => t(GenericAttack, None, true, true),
        "attacked" | "assaulted" | "attacking" => t(GenericAttack, None, false, false),
        "killed" | "killing" | "died" | "dead" | "murdered" | "slain" | "wounded" | "injured"
        | "murder" | "homicide" | "killings" | "murders" | "grazed" | "hurt" | "hospitalized"
        | "hospitalised" | "hospital" => t(Toll, None, false, false),
        _ => None,
    }
}

/// The trigger that starts at token `i` of `words` (lower-cased), if any.
pub fn trigger_at(words: &[String], i: usize) -> Option<Trigger> {
    for (phrase, kind, mode, noun) in PHRASES {
        if words.len() >= i + phrase.len()
            && words[i..i + phrase.len()]
                .iter()
                .zip(phrase.iter())
                .all(|(w, p)| w == p)
        {
            let plural = phrase.last().is_some_and(|w| w.ends_with('s'));
            return Some(Trigger {
                kind: *kind,
                mode: *mode,
                len: phrase.len(),
                noun: *noun,
                plural,
            });
        }
    }
    let (kind, mode, noun, plural) = word_trigger(words.get(i)?)?;
    Some(Trigger {
        kind,
        mode,
        len: 1,
        noun,
        plural,
    })
}

/// Words before a trigger that make it unreal: a possibility, a plan, a fear, a denial.
pub fn is_irrealis(w: &str) -> bool {
    matches!(
        w,
        "could"
            | "would"
            | "must"
            | "should"
            | "stop"
            | "cease"
            | "halt"
            | "might"
            | "may"
            | "will"
            | "'ll"
            | "shall"
            | "possibility"
            | "possible"
            | "prevent"
            | "preventing"
            | "prevented"
            | "avoid"
            | "risk"
            | "fear"
            | "fears"
            | "feared"
            | "plan"
            | "plans"
            | "planned"
            | "planning"
            | "plot"
            | "plotting"
            | "threat"
            | "threats"
            | "if"
            | "such"
            | "potential"
            | "future"
            | "type"
            | "kind"
            | "want"
            | "wants"
            | "intend"
            | "intended"
            | "aimed"
            | "urged"
            | "anti"
            | "unless"
            | "whether"
            | "never"
            | "no"
            | "not"
            | "n't"
            | "without"
            | "hoax"
            | "drill"
            | "exercise"
            | "movie"
            | "film"
            | "game"
            | "mock"
            | "simulated"
            | "imagine"
            | "hypothetical"
    )
}

/// Words that make a death or injury an accident, an illness or a disaster, not violence.
pub fn is_nonviolent_cause(w: &str) -> bool {
    matches!(
        w,
        "crash"
            | "crashes"
            | "crashed"
            | "accident"
            | "accidents"
            | "collision"
            | "collided"
            | "overdose"
            | "overdosed"
            | "cancer"
            | "illness"
            | "disease"
            | "virus"
            | "covid"
            | "flood"
            | "floods"
            | "flooding"
            | "earthquake"
            | "quake"
            | "storm"
            | "hurricane"
            | "tornado"
            | "landslide"
            | "avalanche"
            | "drowned"
            | "drowning"
            | "heart"
            | "stroke"
            | "natural"
            | "causes"
            | "blaze"
            | "wildfire"
            | "wildfires"
            | "derailed"
            | "derailment"
            | "capsized"
            | "stampede"
            | "heatwave"
            | "cyclone"
            | "typhoon"
            | "mudslide"
            | "electrocuted"
            | "surgery"
            | "pneumonia"
    )
}

/// Words that say someone was killed.
pub fn is_kill_word(w: &str) -> bool {
    matches!(
        w,
        "killed"
            | "killing"
            | "kills"
            | "kill"
            | "dead"
            | "died"
            | "dies"
            | "die"
            | "deaths"
            | "death"
            | "fatalities"
            | "fatally"
            | "slain"
            | "murdered"
            | "perished"
            | "lifeless"
            | "deceased"
            | "executed"
            | "massacred"
            | "beheaded"
    )
}

/// Words that say someone was injured.
pub fn is_injure_word(w: &str) -> bool {
    matches!(
        w,
        "injured"
            | "injuring"
            | "wounded"
            | "wounding"
            | "hurt"
            | "hospitalized"
            | "hospitalised"
            | "injures"
            | "grazed"
    )
}

/// Nouns for people that stand for one victim when singular ("a man was shot").
pub fn is_person_noun(w: &str) -> bool {
    matches!(
        w,
        "man"
            | "woman"
            | "boy"
            | "girl"
            | "teen"
            | "teenager"
            | "person"
            | "victim"
            | "child"
            | "officer"
            | "driver"
            | "student"
            | "resident"
            | "mother"
            | "father"
            | "son"
            | "daughter"
            | "wife"
            | "husband"
            | "brother"
            | "sister"
            | "toddler"
            | "baby"
            | "infant"
            | "youth"
            | "juvenile"
            | "passenger"
            | "employee"
            | "clerk"
            | "worker"
            | "soldier"
            | "policeman"
            | "deputy"
            | "trooper"
            | "guard"
            | "civilian"
            | "pedestrian"
            | "bystander"
            | "customer"
            | "owner"
            | "cousin"
            | "nephew"
            | "uncle"
            | "aunt"
            | "grandmother"
            | "grandfather"
            | "girlfriend"
            | "boyfriend"
            | "friend"
            | "neighbor"
            | "neighbour"
            | "someone"
            | "individual"
            | "male"
            | "female"
            | "journalist"
            | "teacher"
            | "nurse"
            | "doctor"
            | "priest"
            | "imam"
            | "official"
            | "politician"
            | "mayor"
            | "judge"
            | "he"
            | "she"
            | "him"
            | "her"
            | "himself"
            | "herself"
            | "cop"
            | "agent"
            | "pastor"
            | "gunman"
            | "shooter"
            | "suspect"
            | "attacker"
            | "robber"
    )
}

/// Plural people nouns that carry a count ("two men", "three soldiers").
pub fn is_people_noun(w: &str) -> bool {
    matches!(
        w,
        "people"
            | "persons"
            | "men"
            | "women"
            | "children"
            | "others"
            | "boys"
            | "girls"
            | "teens"
            | "teenagers"
            | "victims"
            | "civilians"
            | "soldiers"
            | "officers"
            | "policemen"
            | "police"
            | "students"
            | "residents"
            | "passengers"
            | "worshippers"
            | "worshipers"
            | "troops"
            | "militants"
            | "fighters"
            | "workers"
            | "members"
            | "pilgrims"
            | "protesters"
            | "demonstrators"
            | "villagers"
            | "migrants"
            | "journalists"
            | "peasants"
            | "priests"
            | "businessmen"
            | "farmers"
            | "teachers"
            | "clergymen"
            | "staff"
            | "guards"
            | "family"
            | "relatives"
            | "adults"
            | "individuals"
            | "personnel"
            | "servicemen"
            | "kids"
            | "babies"
            | "siblings"
            | "brothers"
            | "sisters"
            | "friends"
            | "bystanders"
            | "customers"
            | "attackers"
            | "gunmen"
            | "assailants"
            | "insurgents"
            | "rebels"
            | "terrorists"
            | "suspects"
            | "killed"
            | "dead"
            | "injured"
            | "wounded"
    )
}

/// Common nouns for attackers: a perpetrator when no group is named.
pub fn is_attacker_noun(w: &str) -> bool {
    matches!(
        w,
        "gunman"
            | "gunmen"
            | "shooter"
            | "shooters"
            | "attacker"
            | "attackers"
            | "assailant"
            | "assailants"
            | "militants"
            | "militant"
            | "terrorists"
            | "terrorist"
            | "insurgents"
            | "insurgent"
            | "rebels"
            | "guerrillas"
            | "guerrilla"
            | "bomber"
            | "bombers"
            | "kidnappers"
            | "hijackers"
            | "jihadists"
            | "extremists"
            | "robbers"
            | "robber"
            | "perpetrator"
            | "perpetrators"
            | "killer"
            | "killers"
            | "suspect"
            | "suspects"
            | "assassins"
            | "assassin"
            | "commandos"
            | "subversives"
            | "narcoterrorists"
            | "murderers"
    )
}

/// Heads of phrases that name what was attacked.
pub fn is_target_noun(w: &str) -> bool {
    matches!(
        w,
        "hall"
            | "mosque"
            | "church"
            | "synagogue"
            | "temple"
            | "market"
            | "school"
            | "hotel"
            | "restaurant"
            | "bar"
            | "club"
            | "nightclub"
            | "checkpoint"
            | "convoy"
            | "bus"
            | "train"
            | "station"
            | "embassy"
            | "consulate"
            | "base"
            | "barracks"
            | "airport"
            | "office"
            | "offices"
            | "headquarters"
            | "building"
            | "home"
            | "house"
            | "residence"
            | "store"
            | "shop"
            | "bank"
            | "hospital"
            | "university"
            | "camp"
            | "village"
            | "patrol"
            | "vehicle"
            | "car"
            | "truck"
            | "plant"
            | "pipeline"
            | "tower"
            | "bridge"
            | "concert"
            | "stadium"
            | "festival"
            | "parade"
            | "rally"
            | "ceremony"
            | "ceremonies"
            | "gathering"
            | "wedding"
            | "funeral"
            | "apartment"
            | "park"
            | "square"
            | "post"
            | "outpost"
            | "compound"
            | "court"
            | "courthouse"
            | "prison"
            | "jail"
            | "ministry"
            | "parliament"
            | "cafe"
            | "supermarket"
            | "mall"
            | "gate"
            | "facility"
            | "complex"
            | "plane"
            | "aircraft"
            | "ship"
            | "vessel"
            | "tanker"
            | "helicopter"
            | "substation"
            | "dam"
            | "farm"
            | "farms"
            | "houses"
            | "homes"
            | "residences"
            | "buses"
            | "vehicles"
            | "cars"
            | "trucks"
            | "jeep"
            | "jeeps"
            | "pylon"
            | "pylons"
            | "powerline"
            | "powerlines"
            | "transformer"
            | "transformers"
            | "airplane"
            | "airliner"
            | "newspaper"
            | "installations"
            | "institute"
            | "embassies"
            | "branch"
            | "branches"
            | "poles"
            | "towers"
            | "facilities"
            | "plants"
            | "banks"
            | "stores"
            | "shops"
            | "hotels"
            | "schools"
            | "churches"
            | "buildings"
            | "stations"
            | "posts"
            | "substations"
            | "bridges"
            | "warehouse"
            | "factory"
            | "refinery"
            | "oleoduct"
            | "institutes"
            | "system"
            | "lines"
            | "center"
            | "centers"
            | "restaurants"
            | "property"
            | "properties"
            | "drugstore"
            | "pharmacy"
            | "terminal"
            | "businesses"
            | "bunker"
    )
}

/// Weapons by name.
pub fn is_weapon_word(w: &str) -> bool {
    matches!(
        w,
        "rifle"
            | "rifles"
            | "ak-47"
            | "ak-47s"
            | "pistol"
            | "pistols"
            | "handgun"
            | "handguns"
            | "gun"
            | "guns"
            | "shotgun"
            | "revolver"
            | "knife"
            | "knives"
            | "machete"
            | "machetes"
            | "grenade"
            | "grenades"
            | "ied"
            | "ieds"
            | "explosives"
            | "explosive"
            | "dynamite"
            | "rocket"
            | "rockets"
            | "mortar"
            | "mortars"
            | "missile"
            | "missiles"
            | "drone"
            | "drones"
            | "bomb"
            | "bombs"
            | "firearm"
            | "firearms"
            | "machinegun"
            | "machineguns"
            | "submachine"
            | "ar-15"
            | "axe"
            | "bat"
            | "hammer"
            | "molotov"
            | "tnt"
            | "carbine"
            | "m-16"
            | "uzi"
            | "fal"
            | "m-60"
            | "bazooka"
            | "carbomb"
            | "truckbomb"
            | "car-bomb"
            | "landmine"
            | "landmines"
            | "rpg"
            | "artillery"
    )
}

/// Speech and attribution verbs.
pub fn is_speech_verb(w: &str) -> bool {
    matches!(
        w,
        "said"
            | "says"
            | "say"
            | "told"
            | "tells"
            | "added"
            | "adds"
            | "stated"
            | "states"
            | "explained"
            | "explains"
            | "noted"
            | "notes"
            | "warned"
            | "warns"
            | "stressed"
            | "stresses"
            | "asked"
            | "asks"
            | "wrote"
            | "writes"
            | "declared"
            | "declares"
            | "insisted"
            | "insists"
            | "argued"
            | "argues"
            | "claimed"
            | "claims"
            | "announced"
            | "announces"
            | "continued"
            | "continues"
            | "reports"
            | "recalled"
            | "recalls"
            | "remarked"
            | "replied"
            | "replies"
            | "responded"
            | "responds"
            | "tweeted"
            | "posted"
            | "acknowledged"
            | "admitted"
            | "confirmed"
            | "confirms"
            | "conceded"
            | "predicted"
            | "suggested"
            | "suggests"
            | "emphasized"
            | "emphasised"
            | "observed"
            | "pointed"
            | "cautioned"
            | "urged"
            | "urges"
            | "joked"
            | "lamented"
            | "complained"
            | "believes"
            | "believed"
            | "thinks"
            | "thought"
            | "contended"
            | "contends"
            | "testified"
            | "recounted"
            | "describes"
            | "described"
            | "reiterated"
            | "shouted"
            | "yelled"
            | "wondered"
            | "agreed"
            | "agrees"
            | "concluded"
            | "according"
            | "saying"
            | "adding"
            | "noting"
            | "tweeting"
            | "asking"
            | "telling"
            | "explaining"
            | "arguing"
            | "insisting"
            | "declaring"
            | "stating"
            | "commented"
            | "demanded"
            | "reported"
            | "quipped"
            | "countered"
            | "scoffed"
            | "boasted"
            | "boasts"
            | "mused"
            | "asserted"
            | "asserts"
            | "asserting"
            | "claiming"
    )
}
