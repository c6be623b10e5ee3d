//! Tokenization of news text: every convention the module documents, one test each.

use tocsin_nlp::tokenize::{tokenize, TokenKind};

fn toks(text: &str) -> Vec<&str> {
    tokenize(text).iter().map(|t| t.text(text)).collect()
}

fn kinds(text: &str) -> Vec<(&str, TokenKind)> {
    tokenize(text)
        .iter()
        .map(|t| (t.text(text), t.kind))
        .collect()
}

#[test]
fn words_and_punctuation() {
    assert_eq!(
        toks("Gunmen attacked a concert hall, killing 130."),
        ["Gunmen", "attacked", "a", "concert", "hall", ",", "killing", "130", "."]
    );
}

#[test]
fn numbers_keep_their_separators() {
    assert_eq!(toks("1,200 people"), ["1,200", "people"]);
    assert_eq!(toks("3.5 million"), ["3.5", "million"]);
    assert_eq!(toks("1.200 Menschen"), ["1.200", "Menschen"]);
    assert_eq!(toks("at 7:18 p.m."), ["at", "7:18", "p.m."]);
    assert_eq!(
        toks("on 2024-03-22 and 03/22/2024"),
        ["on", "2024-03-22", "and", "03/22/2024"]
    );
    assert_eq!(toks("22.03.2024"), ["22.03.2024"]);
    // A list of numbers is not one number.
    assert_eq!(toks("1,2,3"), ["1", ",", "2", ",", "3"]);
    assert_eq!(toks("3,5 Millionen"), ["3,5", "Millionen"]);
    // A number at the end of a sentence leaves its period.
    assert_eq!(toks("killed 95."), ["killed", "95", "."]);
    assert_eq!(kinds("1,200")[0].1, TokenKind::Number);
    assert_eq!(kinds("22nd")[0].1, TokenKind::Word);
}

#[test]
fn money_and_percent_split_off() {
    assert_eq!(
        toks("$5 million, 12%"),
        ["$", "5", "million", ",", "12", "%"]
    );
}

#[test]
fn abbreviations_keep_their_period() {
    assert_eq!(
        toks("Gen. Smith of the U.S. Army met Mr. J. K. Rowling on Jan. 5 at 9 a.m."),
        [
            "Gen.", "Smith", "of", "the", "U.S.", "Army", "met", "Mr.", "J.", "K.", "Rowling",
            "on", "Jan.", "5", "at", "9", "a.m."
        ]
    );
    assert_eq!(toks("Sacramento, Calif."), ["Sacramento", ",", "Calif."]);
    assert_eq!(toks("e.g. this"), ["e.g.", "this"]);
    assert_eq!(toks("U.S.A."), ["U.S.A."]);
    assert_eq!(kinds("U.S.")[0].1, TokenKind::Abbrev);
    // An ordinary word keeps no period.
    assert_eq!(toks("the attack."), ["the", "attack", "."]);
    // `No.` only before a number.
    assert_eq!(toks("No. 5"), ["No.", "5"]);
    assert_eq!(toks("He said No. Then"), ["He", "said", "No", ".", "Then"]);
    // An ellipsis after an abbreviation stays whole.
    assert_eq!(toks("etc..."), ["etc", "..."]);
}

#[test]
fn hyphenated_compounds_stay_whole() {
    assert_eq!(
        toks("ISIS-K, a 5-year-old, ninety-five al-Qaeda men"),
        [
            "ISIS-K",
            ",",
            "a",
            "5-year-old",
            ",",
            "ninety-five",
            "al-Qaeda",
            "men"
        ]
    );
    // A no-break hyphen too.
    assert_eq!(toks("ISIS\u{2011}K"), ["ISIS\u{2011}K"]);
    // A dash between spaces or a double hyphen is punctuation.
    assert_eq!(
        toks("Moscow -- Gunmen - said"),
        ["Moscow", "--", "Gunmen", "-", "said"]
    );
}

#[test]
fn clitics_split_like_conll() {
    assert_eq!(toks("It's"), ["It", "'s"]);
    assert_eq!(toks("ISIS’s influence"), ["ISIS", "’s", "influence"]);
    assert_eq!(toks("can't"), ["ca", "n't"]);
    assert_eq!(toks("don’t"), ["do", "n’t"]);
    assert_eq!(
        toks("they're we've I'll he'd I'm"),
        ["they", "'re", "we", "'ve", "I", "'ll", "he", "'d", "I", "'m"]
    );
    assert_eq!(toks("O'Brien Qur’an"), ["O'Brien", "Qur’an"]);
    assert_eq!(toks("the members' homes"), ["the", "members", "'", "homes"]);
    assert_eq!(toks("[ISIS-K]’s"), ["[", "ISIS-K", "]", "’s"]);
    assert_eq!(kinds("It's")[1].1, TokenKind::Clitic);
}

#[test]
fn quotes_and_brackets_are_separate() {
    assert_eq!(
        toks("“vigilant” (AP) [ISIS-K] \"quoted\""),
        ["“", "vigilant", "”", "(", "AP", ")", "[", "ISIS-K", "]", "\"", "quoted", "\""]
    );
}

#[test]
fn urls_emails_and_handles_are_one_token() {
    assert_eq!(
        kinds("See https://example.com/a_b?c=1&d=(2). Mail tips@fox-news.com, or @AP #Moscow"),
        [
            ("See", TokenKind::Word),
            ("https://example.com/a_b?c=1&d=(2)", TokenKind::Url),
            (".", TokenKind::Punct),
            ("Mail", TokenKind::Word),
            ("tips@fox-news.com", TokenKind::Email),
            (",", TokenKind::Punct),
            ("or", TokenKind::Word),
            ("@AP", TokenKind::Word),
            ("#Moscow", TokenKind::Word),
        ]
    );
    assert_eq!(toks("(www.cbsla.com)"), ["(", "www.cbsla.com", ")"]);
    assert_eq!(
        toks("HAWTHORNE (CBSLA.com) —"),
        ["HAWTHORNE", "(", "CBSLA.com", ")", "—"]
    );
    // A missing space after a period is not a domain.
    assert_eq!(toks("end.Start"), ["end", ".", "Start"]);
}

#[test]
fn ellipses_and_terminator_runs() {
    assert_eq!(
        toks("Wait... what?! Really…"),
        ["Wait", "...", "what", "?!", "Really", "…"]
    );
}

#[test]
fn decades_with_apostrophe() {
    assert_eq!(toks("the '90s and ’80s"), ["the", "'90s", "and", "’80s"]);
}

#[test]
fn other_scripts() {
    assert_eq!(
        toks("Москва, 22 марта."),
        ["Москва", ",", "22", "марта", "."]
    );
    assert_eq!(toks("هجوم في موسكو؟"), ["هجوم", "في", "موسكو", "؟"]);
    // Devanagari vowel signs and viramas stay inside words.
    assert_eq!(toks("मॉस्को में हमला।"), ["मॉस्को", "में", "हमला", "।"]);
    // Han ideographs are one token each; kana runs stay together.
    assert_eq!(toks("莫斯科袭击。"), ["莫", "斯", "科", "袭", "击", "。"]);
    assert_eq!(toks("テロ攻撃"), ["テロ", "攻", "撃"]);
    // Arabic-Indic digits are numbers.
    assert_eq!(kinds("١٣٠")[0].1, TokenKind::Number);
    assert_eq!(
        toks("Crocus\u{a0}City\u{200b}Hall"),
        ["Crocus", "City", "Hall"]
    );
}

#[test]
fn offsets_point_into_the_text() {
    let text = "“It’s ISIS-K,” he said — 130 dead.";
    for t in tokenize(text) {
        assert!(text.is_char_boundary(t.start as usize));
        assert!(text.is_char_boundary(t.end as usize));
        assert_eq!(&text[t.range()], t.text(text));
    }
}

#[test]
fn empty_and_blank_text() {
    assert!(tokenize("").is_empty());
    assert!(tokenize(" \n\t\u{a0}\u{200b}").is_empty());
}
