//! Abbreviations that keep their period, and how each kind behaves at a sentence boundary.
//!
//! Two kinds matter to the sentence splitter: a *prefix* abbreviation (a title, a month, a
//! weekday, `No.`) always has its noun still to come, so it never ends a sentence; any other
//! (`U.S.`, `Inc.`, `Calif.`, `etc.`) may end one, and the splitter decides from the next word.

/// How an abbreviation behaves before a capitalized word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AbbrevClass {
    /// Titles, months, weekdays, `No.`, `St.`: a name or number always follows.
    Prefix,
    /// A single capital followed by a period: an initial in a name (`J. K. Rowling`).
    Initial,
    /// Everything else: may end a sentence.
    Other,
}

/// The class of `word` (without its period) when it is a known abbreviation.
///
/// Matching is case-sensitive for capitalized entries (`Gen.` but not `gen.`), so that a
/// lowercase word at the end of a sentence ("the gen.") is not mistaken for a title.
pub(crate) fn class_of(word: &str) -> Option<AbbrevClass> {
    use AbbrevClass::*;
    let class = match word {
        // Titles and ranks.
        "Mr" | "Mrs" | "Ms" | "Mx" | "Dr" | "Prof" | "Gen" | "Lt" | "Col" | "Maj" | "Capt"
        | "Cpt" | "Sgt" | "Cpl" | "Pvt" | "Pfc" | "Spc" | "Adm" | "Cmdr" | "Cdr" | "Brig"
        | "Gov" | "Sen" | "Sens" | "Rep" | "Reps" | "Rev" | "Fr" | "Hon" | "Pres" | "Supt"
        | "Det" | "Insp" | "Atty" | "Amb" | "Ald" | "Msgr" | "Messrs" | "Mmes" | "Sheikh"
        | "Lieut" | "Cmdt" | "Comdr" | "Sgts" | "Gens" | "Drs" | "Profs" | "Dep" => Prefix,
        // Places before a name or number.
        "St" | "Ste" | "Mt" | "Ft" | "Pt" | "No" | "Nos" | "Vol" | "Art" | "Fig" | "Ch" | "Sec"
        | "Sect" | "Para" | "Pp" => Prefix,
        // Months (May is never abbreviated) and weekdays: a day or a date follows.
        "Jan" | "Feb" | "Mar" | "Apr" | "Jun" | "Jul" | "Aug" | "Sep" | "Sept" | "Oct" | "Nov"
        | "Dec" | "Mon" | "Tue" | "Tues" | "Wed" | "Thu" | "Thur" | "Thurs" | "Fri" | "Sat" => {
            Prefix
        }
        // Companies, suffixes, addresses.
        "Inc" | "Corp" | "Co" | "Ltd" | "Bros" | "Jr" | "Sr" | "Esq" | "Dept" | "Univ" | "Assn"
        | "Ave" | "Blvd" | "Rd" | "Hwy" | "Pkwy" | "Sq" | "Ln" | "Ct" | "Pl" | "Cie" | "Intl"
        | "Natl" | "Govt" | "Mfg" | "Admin" => Other,
        // US states as AP style abbreviates them.
        "Ala" | "Ariz" | "Ark" | "Calif" | "Colo" | "Conn" | "Del" | "Fla" | "Ga" | "Ill"
        | "Ind" | "Kan" | "Kans" | "Ky" | "La" | "Md" | "Mass" | "Mich" | "Minn" | "Miss"
        | "Mo" | "Mont" | "Neb" | "Nebr" | "Nev" | "Okla" | "Ore" | "Pa" | "Penn" | "Tenn"
        | "Tex" | "Va" | "Vt" | "Wash" | "Wis" | "Wisc" | "Wyo" => Other,
        // Lowercase abbreviations.
        "vs" | "etc" | "approx" | "est" | "al" | "cf" | "ca" | "incl" | "govt" | "dept" | "min"
        | "max" | "vol" | "pp" | "sq" | "ft" | "yr" | "yrs" | "hr" | "hrs" | "mos" | "tel"
        | "ext" | "viz" => Other,
        _ => return None,
    };
    Some(class)
}

/// Words that start sentences and rarely follow an abbreviation inside one, so that
/// "in the U.S. The attack…" splits and "U.S. officials" or "U.S. President" does not.
pub(crate) fn is_sentence_starter(word: &str) -> bool {
    matches!(
        word,
        "The"
            | "A"
            | "An"
            | "He"
            | "She"
            | "It"
            | "They"
            | "We"
            | "I"
            | "You"
            | "His"
            | "Her"
            | "Its"
            | "Their"
            | "Our"
            | "My"
            | "This"
            | "That"
            | "These"
            | "Those"
            | "There"
            | "But"
            | "And"
            | "Or"
            | "So"
            | "Yet"
            | "However"
            | "Meanwhile"
            | "In"
            | "On"
            | "At"
            | "After"
            | "Before"
            | "When"
            | "While"
            | "As"
            | "If"
            | "Police"
            | "Officials"
            | "Authorities"
            | "No"
            | "Some"
            | "Many"
            | "Most"
            | "One"
            | "Two"
            | "Three"
    )
}

/// Top-level domains and common second-level labels, so that `CBSLA.com` and `gov.uk` stay
/// one token while `end.Start` (a missing space) splits.
pub(crate) fn is_domain_label(label: &str) -> bool {
    matches!(
        label,
        "com"
            | "org"
            | "net"
            | "gov"
            | "edu"
            | "mil"
            | "int"
            | "info"
            | "biz"
            | "io"
            | "co"
            | "uk"
            | "us"
            | "ru"
            | "de"
            | "fr"
            | "es"
            | "it"
            | "nl"
            | "in"
            | "pk"
            | "af"
            | "ng"
            | "za"
            | "au"
            | "ca"
            | "cn"
            | "jp"
            | "kr"
            | "br"
            | "mx"
            | "ar"
            | "tr"
            | "ua"
            | "il"
            | "ir"
            | "iq"
            | "sy"
            | "eg"
            | "ke"
            | "tv"
            | "news"
            | "ly"
            | "me"
            | "eu"
            | "ch"
            | "at"
            | "be"
            | "pl"
            | "se"
            | "no"
            | "dk"
            | "fi"
            | "ie"
            | "nz"
            | "ph"
            | "id"
            | "my"
            | "sg"
            | "ae"
            | "sa"
            | "qa"
    )
}
