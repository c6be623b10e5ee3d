//! Events and quotes: what `tocsin analyze` reads out of an article. Every figure and role
//! carries the byte spans it was read from, so the sentence behind a number is one click away.

use serde::{Deserialize, Serialize};

/// A byte range `[start, end)` into the article text, as it appears in the JSON output.
pub type Evidence = [u32; 2];

/// The event types of `DESIGN.md`, named as they are written in the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum EventType {
    /// Shootings, stabbings, gunmen attacks.
    #[serde(rename = "attack.armed_assault")]
    ArmedAssault,
    /// Explosions, IEDs, suicide and car bombs, grenades.
    #[serde(rename = "attack.bombing")]
    Bombing,
    /// The targeted killing of a named person.
    #[serde(rename = "attack.assassination")]
    Assassination,
    /// Kidnappings and hostage situations.
    #[serde(rename = "attack.hostage_taking")]
    HostageTaking,
    /// Hijacking of a vehicle, plane or ship.
    #[serde(rename = "attack.hijacking")]
    Hijacking,
    /// Arson and sabotage of facilities and infrastructure.
    #[serde(rename = "attack.arson_sabotage")]
    ArsonSabotage,
    /// Attacks without weapons.
    #[serde(rename = "attack.unarmed_assault")]
    UnarmedAssault,
    /// Battles between armed groups or forces.
    #[serde(rename = "conflict.armed_clash")]
    ArmedClash,
    /// Air and drone strikes, shelling, missile attacks.
    #[serde(rename = "conflict.remote_strike")]
    RemoteStrike,
    /// Arrests, charges, convictions linked to violence.
    #[serde(rename = "security.arrest")]
    Arrest,
    /// Threats, warnings, foiled plots.
    #[serde(rename = "security.threat")]
    Threat,
    /// Demonstrations.
    #[serde(rename = "unrest.protest")]
    Protest,
    /// Riots and violent demonstrations.
    #[serde(rename = "unrest.riot")]
    Riot,
}

impl EventType {
    /// The name as written in the output (`attack.bombing`).
    pub fn as_str(self) -> &'static str {
        match self {
            EventType::ArmedAssault => "attack.armed_assault",
            EventType::Bombing => "attack.bombing",
            EventType::Assassination => "attack.assassination",
            EventType::HostageTaking => "attack.hostage_taking",
            EventType::Hijacking => "attack.hijacking",
            EventType::ArsonSabotage => "attack.arson_sabotage",
            EventType::UnarmedAssault => "attack.unarmed_assault",
            EventType::ArmedClash => "conflict.armed_clash",
            EventType::RemoteStrike => "conflict.remote_strike",
            EventType::Arrest => "security.arrest",
            EventType::Threat => "security.threat",
            EventType::Protest => "unrest.protest",
            EventType::Riot => "unrest.riot",
        }
    }

    /// Whether the event is violence itself (an attack or armed conflict), the kind that has
    /// a toll and perpetrators, as opposed to the security and unrest events around it.
    pub fn is_violent(self) -> bool {
        self.as_str().starts_with("attack.") || self.as_str().starts_with("conflict.")
    }
}

/// A count read from the text, as bounds: "more than 130" is `min 131, max null, exact false`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figure {
    /// Lower bound, if the text gives one.
    pub min: Option<u64>,
    /// Upper bound, if the text gives one.
    pub max: Option<u64>,
    /// Whether the text states the number exactly.
    pub exact: bool,
    /// The words the figure was read from ("more than 130", "a man").
    pub text: String,
    /// Where it was read (byte spans into the article text).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

/// How sure the text is that an actor did it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Attribution {
    /// The actor said it did it ("claimed responsibility").
    Claimed,
    /// A court found it guilty.
    Convicted,
    /// It was formally charged.
    Charged,
    /// Someone accused it.
    Accused,
    /// The text links it ("linked to", "suspected", "blamed", "responsible for").
    Suspected,
    /// The attacker as the text describes the attack ("gunmen opened fire"), no name given.
    Stated,
    /// The actor denied it.
    Denied,
}

/// Whether a perpetrator is a group or a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    /// A group: an armed group, a state force, an agency.
    Organization,
    /// One or more individuals ("a gunman", "Four Tajik men", a named suspect).
    Individual,
}

/// Who did it, as the text says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Perpetrator {
    /// The resolved name ("Islamic State Khorasan Province") or the words used.
    pub name: String,
    /// The words as written ("ISIS-K", "gunmen").
    pub text: String,
    /// Group or individual.
    pub kind: ActorKind,
    /// How sure the text is.
    pub attribution: Attribution,
    /// Where the attribution was read.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

/// A target, victim or weapon: a phrase of the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Role {
    /// The phrase as written ("concert hall", "a 25-year-old man").
    pub text: String,
    /// `person` for a named or described human victim, else absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Whether the victim is named ("Jorge Serrano") or only described ("a soldier"): always
    /// given for victims, so a reader never takes a described person for a named one; absent
    /// for targets and weapons.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub named: Option<bool>,
    /// Where it is.
    pub start: u32,
    /// One past its last byte.
    pub end: u32,
}

/// Where an event happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventPlace {
    /// The place's name ("Moscow", "Crocus City Hall").
    pub name: String,
    /// GeoNames id, absent for a facility the gazetteer does not hold.
    pub geonameid: Option<u32>,
    /// ISO country code.
    pub country: Option<String>,
    /// First-level division.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin1: Option<String>,
    /// Latitude of the point that stands for the place.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
    /// What the point stands for: `point`, `facility`, `city`, `admin2`, `admin1`, `country`.
    pub precision: String,
    /// The mention it was read from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

/// One violent or security event an article reports (its mentions merged).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Event type.
    #[serde(rename = "type")]
    pub kind: EventType,
    /// Attack modes (`shooting`, `stabbing`, `arson`, `suicide`, `vehicle`, …).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub modes: Vec<String>,
    /// The date, as precise as the text allows: `2024-03-22`, `2024-01`, `2021`.
    pub date: Option<String>,
    /// `day`, `week`, `month`, `year`.
    pub date_precision: Option<String>,
    /// The words that fixed the date, and where (a caption is named as such).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_text: Option<String>,
    /// Where it happened.
    pub place: Option<EventPlace>,
    /// People killed.
    pub killed: Option<Figure>,
    /// People injured.
    pub injured: Option<Figure>,
    /// Attackers, when their number is stated ("three gunmen").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attackers: Option<Figure>,
    /// Who did it.
    pub perpetrators: Vec<Perpetrator>,
    /// What or whom it was aimed at.
    pub targets: Vec<Role>,
    /// People harmed.
    pub victims: Vec<Role>,
    /// Weapons used.
    pub weapons: Vec<Role>,
    /// `reported` for the news itself, `recalled` for a past event the article brings up.
    pub status: String,
    /// How sure the reading is, 0–1.
    pub confidence: f32,
    /// The sentences that mention it (byte spans into the text), first the one that
    /// triggered it.
    pub evidence: Vec<Evidence>,
    /// Conflicts found and how they were settled ("date: …").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// Direct or indirect speech.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Words inside quotation marks.
    Direct,
    /// Reported speech ("X said that …").
    Indirect,
}

/// Something someone said, with who said it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// What was said (inside the quotation marks for a direct quote).
    pub text: String,
    /// The speaker's resolved name ("he" → "Bill Roggio"), or the noun phrase used.
    pub speaker: Option<String>,
    /// The speaker's role or title as the text gives it.
    pub speaker_role: Option<String>,
    /// Direct or indirect.
    pub kind: QuoteKind,
    /// First byte of the quoted words.
    pub start: u32,
    /// One past their last byte.
    pub end: u32,
    /// Where the attribution ("he added") is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue: Option<Evidence>,
}

#[cfg(test)]
mod tests {
    use super::Role;

    fn role(kind: Option<&str>, named: Option<bool>) -> serde_json::Value {
        let r = Role {
            text: "a soldier".into(),
            kind: kind.map(str::to_string),
            named,
            start: 0,
            end: 9,
        };
        serde_json::to_value(&r).expect("a role serializes")
    }

    #[test]
    fn a_described_victim_says_it_is_not_named() {
        // Readers of the JSON must not take "a soldier" for a named person.
        let v = role(Some("person"), Some(false));
        assert_eq!(v["named"], serde_json::Value::Bool(false));
        assert_eq!(role(Some("person"), Some(true))["named"], true);
    }

    #[test]
    fn targets_and_weapons_carry_no_named_flag() {
        let v = role(None, None);
        assert!(v.get("named").is_none(), "{v}");
        let back: Role = serde_json::from_value(v).expect("reads back");
        assert_eq!(back.named, None);
    }
}
