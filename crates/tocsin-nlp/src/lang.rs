//! Language identification, per article and per paragraph.
//!
//! Built on `whatlang` (69 languages, trigram models, no downloads, 0.7 MB): news bodies are
//! long, where it is accurate, and it is fast. Codes are ISO 639-1 (`en`, `ru`, `zh`), as
//! [`tocsin_model::Article::language`] stores them.
//!
//! English is the one language the whole pipeline analyses (entities, events); every other
//! language still gets sentences, tokens, numbers and dates, and [`Lang::coverage`] says which
//! treatment a text gets so that outputs can be marked.
//!
//! ```
//! use tocsin_nlp::lang::{detect, Coverage};
//! let lang = detect("Gunmen opened fire on a crowded concert hall outside Moscow on Friday, \
//!                    killing more than 130 people, officials said.").expect("a language");
//! assert_eq!(lang.code, "en");
//! assert_eq!(lang.coverage, Coverage::Full);
//! let lang = detect("Неизвестные открыли огонь в концертном зале «Крокус Сити Холл» в \
//!                    Красногорске, погибли более 130 человек.").expect("a language");
//! assert_eq!(lang.code, "ru");
//! assert_eq!(lang.coverage, Coverage::Basic);
//! ```

use serde::{Deserialize, Serialize};
use tocsin_model::Span;
use whatlang::Lang as WLang;

/// How much of the pipeline a language gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Coverage {
    /// Everything: tokens, sentences, numbers, dates, entities, events.
    Full,
    /// Tokens, sentences, numbers and dates only.
    Basic,
}

/// A detected language.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Lang {
    /// ISO 639-1 code (`en`), or ISO 639-3 where the language has no two-letter code.
    pub code: &'static str,
    /// English name of the language.
    pub name: &'static str,
    /// whatlang's confidence, 0–1: how far the best language is ahead of the next.
    pub confidence: f64,
    /// Whether whatlang considers the result reliable (enough text, a clear winner).
    pub reliable: bool,
    /// What the pipeline does with text in this language.
    pub coverage: Coverage,
}

/// The language of one paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ParagraphLang {
    /// The paragraph's byte range in the text.
    pub span: Span,
    /// Its language: detected when the paragraph is long enough and the result reliable,
    /// otherwise the document's.
    pub lang: Option<Lang>,
    /// Whether `lang` was inherited from the document rather than detected in the paragraph.
    pub inherited: bool,
}

/// The languages of a whole document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentLang {
    /// The main language (of the whole text).
    pub main: Option<Lang>,
    /// Each paragraph's language.
    pub paragraphs: Vec<ParagraphLang>,
    /// Whether some paragraph was reliably detected as another language than the main one.
    pub mixed: bool,
}

/// How many bytes of an article [`detect`] reads: a few paragraphs are plenty, and language
/// identification then costs the same for a 3 KB and a 300 KB page.
pub const SAMPLE_BYTES: usize = 2048;

/// Paragraphs shorter than this are not detected on their own (trigram statistics on a
/// caption or a byline are noise) and inherit the document's language.
pub const MIN_PARAGRAPH_BYTES: usize = 80;

/// Detects the main language of `text` from its first [`SAMPLE_BYTES`] bytes.
///
/// Most of what tocsin reads is English, and trigram scoring over every Latin-script
/// language costs more than tokenizing the whole article; so a sample whose words are more
/// than a quarter English function words ("the", "of", "was"…) is English without asking
/// whatlang. No other language comes near that share.
pub fn detect(text: &str) -> Option<Lang> {
    let sample = &text[..tocsin_model::text::floor_char_boundary(text, SAMPLE_BYTES)];
    if looks_english(sample) {
        return Some(from_whatlang(WLang::Eng, 1.0, true));
    }
    detect_exact(sample)
}

/// Whether English function words make up at least 28% of the sample's words (English
/// news runs at 35–45%; other languages that share a few of the words stay under 10%).
fn looks_english(sample: &str) -> bool {
    let mut words = 0u32;
    let mut function = 0u32;
    for t in crate::tokenize::tokenize(sample) {
        if t.kind != crate::tokenize::TokenKind::Word {
            continue;
        }
        words += 1;
        let w = t.text(sample);
        if w.len() <= 5 && is_english_function_word(w) {
            function += 1;
        }
    }
    words >= 40 && function * 100 >= words * 28
}

fn is_english_function_word(w: &str) -> bool {
    let mut buf = [0u8; 5];
    for (d, s) in buf.iter_mut().zip(w.bytes()) {
        *d = s.to_ascii_lowercase();
    }
    let Some(lw) = buf.get(..w.len()).and_then(|b| std::str::from_utf8(b).ok()) else {
        return false;
    };
    matches!(
        lw,
        "the"
            | "of"
            | "and"
            | "to"
            | "a"
            | "in"
            | "is"
            | "was"
            | "that"
            | "for"
            | "on"
            | "with"
            | "said"
            | "by"
            | "he"
            | "it"
            | "at"
            | "as"
            | "from"
            | "were"
            | "has"
            | "have"
            | "his"
            | "be"
            | "an"
            | "are"
            | "had"
            | "this"
            | "not"
            | "but"
            | "they"
            | "who"
            | "after"
            | "been"
            | "which"
            | "will"
            | "their"
            | "or"
            | "its"
            | "she"
            | "her"
            | "when"
            | "we"
            | "there"
            | "would"
            | "about"
    )
}

/// Detects the language of all of `text` (no sampling).
pub fn detect_exact(text: &str) -> Option<Lang> {
    let info = whatlang::detect(text)?;
    Some(from_whatlang(
        info.lang(),
        info.confidence(),
        info.is_reliable(),
    ))
}

/// Detects the document's language and each paragraph's (paragraphs are separated by blank
/// lines), so that a quote in another language or a bilingual page is marked as such.
pub fn detect_paragraphs(text: &str) -> DocumentLang {
    let main = detect(text);
    let mut mixed = false;
    let paragraphs = crate::tokenize::paragraphs(text)
        .into_iter()
        .map(|span| {
            let para = span.slice(text).unwrap_or("");
            let own = (para.len() >= MIN_PARAGRAPH_BYTES)
                .then(|| detect_exact(para))
                .flatten()
                .filter(|l| l.reliable);
            match own {
                Some(lang) => {
                    if main.is_some_and(|m| m.code != lang.code) {
                        mixed = true;
                    }
                    ParagraphLang {
                        span,
                        lang: Some(lang),
                        inherited: false,
                    }
                }
                None => ParagraphLang {
                    span,
                    lang: main,
                    inherited: true,
                },
            }
        })
        .collect();
    DocumentLang {
        main,
        paragraphs,
        mixed,
    }
}

/// The coverage the pipeline gives a language code.
pub fn coverage_of(code: &str) -> Coverage {
    if code == "en" {
        Coverage::Full
    } else {
        Coverage::Basic
    }
}

fn from_whatlang(lang: WLang, confidence: f64, reliable: bool) -> Lang {
    let code = iso639_1(lang);
    Lang {
        code,
        name: lang.eng_name(),
        confidence,
        reliable,
        coverage: coverage_of(code),
    }
}

/// ISO 639-1 for whatlang's ISO 639-3 codes.
fn iso639_1(lang: WLang) -> &'static str {
    use WLang::*;
    match lang {
        Epo => "eo",
        Eng => "en",
        Rus => "ru",
        Cmn => "zh",
        Spa => "es",
        Por => "pt",
        Ita => "it",
        Ben => "bn",
        Fra => "fr",
        Deu => "de",
        Ukr => "uk",
        Kat => "ka",
        Ara => "ar",
        Hin => "hi",
        Jpn => "ja",
        Heb => "he",
        Yid => "yi",
        Pol => "pl",
        Amh => "am",
        Jav => "jv",
        Kor => "ko",
        Nob => "nb",
        Dan => "da",
        Swe => "sv",
        Fin => "fi",
        Tur => "tr",
        Nld => "nl",
        Hun => "hu",
        Ces => "cs",
        Ell => "el",
        Bul => "bg",
        Bel => "be",
        Mar => "mr",
        Kan => "kn",
        Ron => "ro",
        Slv => "sl",
        Hrv => "hr",
        Srp => "sr",
        Mkd => "mk",
        Lit => "lt",
        Lav => "lv",
        Est => "et",
        Tam => "ta",
        Vie => "vi",
        Urd => "ur",
        Tha => "th",
        Guj => "gu",
        Uzb => "uz",
        Pan => "pa",
        Aze => "az",
        Ind => "id",
        Tel => "te",
        Pes => "fa",
        Mal => "ml",
        Ori => "or",
        Mya => "my",
        Nep => "ne",
        Sin => "si",
        Khm => "km",
        Tuk => "tk",
        Aka => "ak",
        Zul => "zu",
        Sna => "sn",
        Afr => "af",
        Lat => "la",
        Slk => "sk",
        Cat => "ca",
        Tgl => "tl",
        Hye => "hy",
        Cym => "cy",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_english_shortcut_stays_off_other_languages() {
        let es = "El ataque contra la sala de conciertos dejó más de 130 muertos y 180 heridos, \
                  según las autoridades rusas, que detuvieron a cuatro hombres acusados de \
                  terrorismo en un tribunal de Moscú el domingo por la noche tras el atentado.";
        let de =
            "Bei dem Anschlag auf die Konzerthalle in der Nähe von Moskau wurden mehr als 130 \
                  Menschen getötet und 180 weitere verletzt, teilten die Behörden am Sonntag mit, \
                  nachdem vier Männer vor einem Gericht in Moskau angeklagt worden waren.";
        let fr = "L'attaque contre la salle de concert a fait plus de 130 morts et 180 blessés, \
                  selon les autorités russes, qui ont inculpé quatre hommes devant un tribunal de \
                  Moscou dimanche soir après l'attentat revendiqué par le groupe État islamique.";
        let en = "Four Tajik men have been charged in a Russian court after gunmen attacked a \
                  concert hall on Friday, killing more than 130 people and injuring 180 others, \
                  and the United States said it had warned Moscow about the possibility of such \
                  an attack weeks ago, officials said.";
        assert!(!looks_english(es));
        assert!(!looks_english(de));
        assert!(!looks_english(fr));
        assert!(looks_english(en));
        assert_eq!(detect(es).map(|l| l.code), Some("es"));
        assert_eq!(detect(de).map(|l| l.code), Some("de"));
        assert_eq!(detect(fr).map(|l| l.code), Some("fr"));
    }

    #[test]
    fn every_whatlang_language_maps_to_a_distinct_code() {
        let mut codes: Vec<&str> = WLang::all().iter().map(|&l| iso639_1(l)).collect();
        let n = codes.len();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), n);
    }
}
