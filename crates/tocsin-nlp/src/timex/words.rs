//! Month and weekday names.

/// Month number of an English month name or abbreviation (`March`, `Mar.`, `Sept`, `MARCH`).
/// English names must be capitalized: "march" and "may" are verbs.
pub(crate) fn english_month(w: &str) -> Option<u32> {
    let first = w.chars().next()?;
    if !first.is_ascii_uppercase() || w.len() > 10 {
        return None;
    }
    let w = w.strip_suffix('.').unwrap_or(w);
    let mut buf = [0u8; 10];
    for (d, s) in buf.iter_mut().zip(w.bytes()) {
        *d = s.to_ascii_lowercase();
    }
    let lw = std::str::from_utf8(buf.get(..w.len())?).ok()?;
    Some(match lw {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    })
}

/// Month number of a month name in another news language (Spanish, French, German, Italian,
/// Portuguese, Dutch, Indonesian, Turkish, Polish, Russian and Ukrainian genitives, Arabic,
/// Hindi). Only trusted next to a day or year: "mars" and "Mai" are also ordinary words.
pub(crate) fn foreign_month(w: &str) -> Option<u32> {
    if w.len() < 3 || w.len() > 24 {
        return None;
    }
    let mut buf = [0u8; 24];
    let owned;
    let lw: &str = if w.is_ascii() {
        for (d, s) in buf.iter_mut().zip(w.bytes()) {
            *d = s.to_ascii_lowercase();
        }
        std::str::from_utf8(buf.get(..w.len())?).ok()?
    } else {
        owned = w.to_lowercase();
        &owned
    };
    let lw = lw.strip_suffix('.').unwrap_or(lw);
    Some(match lw {
        "enero" | "janvier" | "januar" | "jänner" | "gennaio" | "janeiro" | "januari" | "ocak"
        | "stycznia" | "января" | "січня" | "يناير" | "جانفي" | "जनवरी" => {
            1
        }
        "febrero" | "février" | "fevrier" | "februar" | "febbraio" | "fevereiro" | "februari"
        | "şubat" | "lutego" | "февраля" | "лютого" | "فبراير" | "فيفري" | "फ़रवरी" | "फरवरी" => {
            2
        }
        "marzo" | "mars" | "märz" | "maerz" | "março" | "marco" | "maart" | "maret" | "mart"
        | "marca" | "марта" | "березня" | "مارس" | "मार्च" => 3,
        "april" | "abril" | "avril" | "aprile" | "nisan" | "kwietnia" | "апреля" | "квітня"
        | "أبريل" | "ابريل" | "أفريل" | "अप्रैल" => 4,
        "mayo" | "mai" | "maggio" | "maio" | "mei" | "mayıs" | "maja" | "мая" | "травня"
        | "مايو" | "ماي" | "मई" => 5,
        "junio" | "juin" | "juni" | "giugno" | "junho" | "haziran" | "czerwca" | "июня"
        | "червня" | "يونيو" | "جوان" | "जून" => 6,
        "julio" | "juillet" | "juli" | "luglio" | "julho" | "temmuz" | "lipca" | "июля"
        | "липня" | "يوليو" | "جويلية" | "जुलाई" => 7,
        "agosto" | "août" | "aout" | "augustus" | "agustus" | "ağustos" | "sierpnia"
        | "августа" | "серпня" | "أغسطس" | "أوت" | "अगस्त" => 8,
        "september"
        | "septiembre"
        | "setiembre"
        | "septembre"
        | "settembre"
        | "setembro"
        | "eylül"
        | "września"
        | "сентября"
        | "вересня"
        | "سبتمبر"
        | "सितंबर"
        | "सितम्बर" => 9,
        "octubre"
        | "octobre"
        | "oktober"
        | "ottobre"
        | "outubro"
        | "ekim"
        | "października"
        | "октября"
        | "жовтня"
        | "أكتوبر"
        | "اكتوبر"
        | "अक्टूबर" => 10,
        "november" | "noviembre" | "novembre" | "novembro" | "kasım" | "listopada" | "ноября"
        | "листопада" | "نوفمبر" | "नवंबर" | "नवम्बर" => 11,
        "december"
        | "diciembre"
        | "décembre"
        | "decembre"
        | "dezember"
        | "dicembre"
        | "dezembro"
        | "desember"
        | "aralık"
        | "grudnia"
        | "декабря"
        | "грудня"
        | "ديسمبر"
        | "दिसंबर"
        | "दिसम्बर" => 12,
        _ => return None,
    })
}

/// Weekday of an English name, 0 = Monday … 6 = Sunday (capitalized: `Friday`, `Fri.`).
pub(crate) fn weekday(w: &str) -> Option<u32> {
    let first = w.chars().next()?;
    if !first.is_ascii_uppercase() || w.len() > 9 {
        return None;
    }
    let mut buf = [0u8; 9];
    for (d, s) in buf.iter_mut().zip(w.bytes()) {
        *d = s.to_ascii_lowercase();
    }
    let lw = std::str::from_utf8(buf.get(..w.len())?).ok()?;
    Some(match lw {
        "monday" | "mon." => 0,
        "tuesday" | "tue." | "tues." => 1,
        "wednesday" | "wed." => 2,
        "thursday" | "thu." | "thur." | "thurs." => 3,
        "friday" | "fri." => 4,
        "saturday" | "sat." => 5,
        "sunday" | "sun." => 6,
        _ => return None,
    })
}

/// Time units of relative expressions, with their plural.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    Day,
    Week,
    Month,
    Year,
    Decade,
}

/// The unit a word names, and whether it is plural (`days`, `week`, `decades`).
pub(crate) fn unit(w: &str) -> Option<(Unit, bool)> {
    if w.len() > 7 || w.len() < 3 {
        return None;
    }
    let mut buf = [0u8; 7];
    for (d, s) in buf.iter_mut().zip(w.bytes()) {
        *d = s.to_ascii_lowercase();
    }
    let lw = std::str::from_utf8(buf.get(..w.len())?).ok()?;
    Some(match lw {
        "day" => (Unit::Day, false),
        "days" => (Unit::Day, true),
        "week" => (Unit::Week, false),
        "weeks" => (Unit::Week, true),
        "month" => (Unit::Month, false),
        "months" => (Unit::Month, true),
        "year" => (Unit::Year, false),
        "years" => (Unit::Year, true),
        "decade" => (Unit::Decade, false),
        "decades" => (Unit::Decade, true),
        _ => return None,
    })
}
