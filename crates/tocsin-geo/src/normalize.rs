//! Name keys: the one normalization applied both to gazetteer names at build time and to text
//! at lookup time, so that "St. Louis", "Saint-Louis" and "SAINT LOUIS" meet on one key.
//!
//! The key is lower case, with Latin diacritics folded (`é` → `e`, `ß` → `ss`), periods and
//! apostrophes dropped (`U.S.` → `us`, `Martha's` → `marthas`), hyphens, slashes and runs of
//! white space turned into one space, and the abbreviations `st`, `ste`, `mt`, `ft` spelled
//! out, because GeoNames and newspapers disagree on all of these.

/// Appends the key of `name` to `out` (which is not cleared).
pub fn normalize_into(name: &str, out: &mut String) {
    let start = out.len();
    let mut pending_space = false;
    for c in name.chars() {
        if c.is_ascii() {
            match c {
                '.' | '\'' | '`' => continue,
                ' ' | '\t' | '\n' | '\r' | '-' | '_' | '/' => {
                    pending_space = out.len() > start;
                    continue;
                }
                _ => {}
            }
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c.to_ascii_lowercase());
            continue;
        }
        match c {
            // Apostrophes, okina, modifier letters: dropped.
            '\u{2018}' | '\u{2019}' | '\u{00B4}' | '\u{02BB}' | '\u{02BC}' | '\u{02BE}'
            | '\u{02BF}' | '\u{2032}' => continue,
            // Dashes and no-break or other spaces: a separator.
            '\u{2010}'..='\u{2015}' | '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' => {
                pending_space = out.len() > start;
                continue;
            }
            // Zero-width characters.
            '\u{200B}'..='\u{200D}' | '\u{FEFF}' | '\u{00AD}' => continue,
            _ => {}
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        match fold(c) {
            Some(folded) => out.push_str(folded),
            None => out.extend(c.to_lowercase()),
        }
    }
    expand_abbreviations(out, start);
}

/// The key of `name`.
pub fn normalize(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    normalize_into(name, &mut out);
    out
}

/// Spells out `st`, `ste`, `mt`, `ft` when they are whole words of the key.
fn expand_abbreviations(out: &mut String, start: usize) {
    let key = &out[start..];
    let needs = key
        .split(' ')
        .any(|w| matches!(w, "st" | "ste" | "mt" | "ft"));
    if !needs {
        return;
    }
    let mut expanded = String::with_capacity(key.len() + 8);
    for (i, w) in key.split(' ').enumerate() {
        if i > 0 {
            expanded.push(' ');
        }
        expanded.push_str(match w {
            "st" => "saint",
            "ste" => "sainte",
            "mt" => "mount",
            "ft" => "fort",
            other => other,
        });
    }
    out.truncate(start);
    out.push_str(&expanded);
}

/// ASCII folding of the Latin letters with diacritics that GeoNames names use.
fn fold(c: char) -> Option<&'static str> {
    let s = match c {
        'À'..='Å'
        | 'à'..='å'
        | 'Ā'..='ą'
        | 'ǎ'
        | 'Ǎ'
        | 'ạ'
        | 'ả'
        | 'ấ'
        | 'ầ'
        | 'ẩ'
        | 'ẫ'
        | 'ậ'
        | 'ắ'
        | 'ằ'
        | 'ẳ'
        | 'ẵ'
        | 'ặ'
        | 'Ạ' => "a",
        'Æ' | 'æ' => "ae",
        'Ç' | 'ç' | 'Ć'..='č' => "c",
        'Ð' | 'ð' | 'Ď'..='đ' => "d",
        'È'..='Ë'
        | 'è'..='ë'
        | 'Ē'..='ě'
        | 'ẹ'
        | 'ẻ'
        | 'ẽ'
        | 'ế'
        | 'ề'
        | 'ể'
        | 'ễ'
        | 'ệ'
        | 'ə'
        | 'Ə' => "e",
        'Ĝ'..='ģ' | 'ǧ' | 'Ǧ' => "g",
        'Ĥ'..='ħ' | 'ḥ' | 'Ḥ' => "h",
        'Ì'..='Ï' | 'ì'..='ï' | 'Ĩ'..='ı' | 'ǐ' | 'Ǐ' | 'ỉ' | 'ị' => "i",
        'Ĳ' | 'ĳ' => "ij",
        'Ĵ' | 'ĵ' => "j",
        'Ķ'..='ĸ' => "k",
        'Ĺ'..='ł' => "l",
        'Ñ' | 'ñ' | 'Ń'..='ŋ' => "n",
        'Ò'..='Ö'
        | 'Ø'
        | 'ò'..='ö'
        | 'ø'
        | 'Ō'..='ő'
        | 'ǒ'
        | 'Ǒ'
        | 'ơ'
        | 'Ơ'
        | 'ọ'
        | 'ỏ'
        | 'ố'
        | 'ồ'
        | 'ổ'
        | 'ỗ'
        | 'ộ'
        | 'ớ'
        | 'ờ'
        | 'ở'
        | 'ỡ'
        | 'ợ' => "o",
        'Œ' | 'œ' => "oe",
        'Ŕ'..='ř' => "r",
        'Ś'..='š' | 'Ș' | 'ș' | 'ṣ' | 'Ṣ' => "s",
        'ß' => "ss",
        'Ţ'..='ŧ' | 'Ț' | 'ț' | 'ṭ' | 'Ṭ' => "t",
        'Þ' | 'þ' => "th",
        'Ù'..='Ü'
        | 'ù'..='ü'
        | 'Ũ'..='ų'
        | 'ǔ'
        | 'Ǔ'
        | 'ư'
        | 'Ư'
        | 'ụ'
        | 'ủ'
        | 'ứ'
        | 'ừ'
        | 'ử'
        | 'ữ'
        | 'ự' => "u",
        'Ŵ' | 'ŵ' => "w",
        'Ý' | 'ý' | 'ÿ' | 'Ŷ'..='Ÿ' | 'ỳ' | 'ỵ' | 'ỷ' | 'ỹ' => "y",
        'Ź'..='ž' | 'ẓ' | 'Ẓ' => "z",
        _ => return None,
    };
    Some(s)
}

/// Whether a name is written in the Latin script (letters of Latin-1, Latin Extended A/B,
/// IPA-free Latin Extended Additional), which is all an English-language geoparser can meet.
pub fn is_latin(name: &str) -> bool {
    name.chars().all(|c| {
        !c.is_alphabetic()
            || (c as u32) < 0x0250
            || ('\u{1E00}'..='\u{1EFF}').contains(&c)
            || c == 'ʻ'
            || c == 'ʼ'
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_diacritics_and_punctuation() {
        assert_eq!(normalize("U.S."), "us");
        assert_eq!(normalize("St. Louis"), "saint louis");
        assert_eq!(normalize("Saint-Louis"), "saint louis");
        assert_eq!(normalize("  Kraków  "), "krakow");
        assert_eq!(normalize("Martha’s Vineyard"), "marthas vineyard");
        assert_eq!(normalize("Winston-Salem"), "winston salem");
        assert_eq!(normalize("Mt. Vernon"), "mount vernon");
        assert_eq!(normalize("Düsseldorf"), "dusseldorf");
        assert_eq!(normalize("Straße"), "strasse");
        assert_eq!(normalize("Москва"), "москва");
        assert_eq!(normalize("W.Va."), "wva");
    }

    #[test]
    fn latin_script() {
        assert!(is_latin("Ţarābulus al Gharb"));
        assert!(is_latin("Hawaiʻi"));
        assert!(!is_latin("Москва"));
        assert!(!is_latin("طرابلس"));
    }
}
