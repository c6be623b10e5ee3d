//! Sentence splitting of news text: abbreviations, initials, quotes, datelines, ellipses,
//! lists, bylines, paragraphs.

use tocsin_nlp::tokenize::{dateline, paragraphs, sentences, tokenize};

fn split(text: &str) -> Vec<&str> {
    let tokens = tokenize(text);
    sentences(text, &tokens)
        .iter()
        .map(|s| s.text(text))
        .collect()
}

#[test]
fn plain_sentences() {
    assert_eq!(
        split("Gunmen opened fire. Police said 130 died! Who did it? Nobody knows."),
        [
            "Gunmen opened fire.",
            "Police said 130 died!",
            "Who did it?",
            "Nobody knows."
        ]
    );
}

#[test]
fn abbreviations_do_not_end_sentences() {
    assert_eq!(
        split("Gen. Mark Milley met Lt. Col. Smith on Jan. 5 in Washington, D.C. (AP) at 9 a.m. Friday."),
        ["Gen. Mark Milley met Lt. Col. Smith on Jan. 5 in Washington, D.C. (AP) at 9 a.m. Friday."]
    );
    assert_eq!(
        split("U.S. officials said the U.S. Army was ready."),
        ["U.S. officials said the U.S. Army was ready."]
    );
    assert_eq!(
        split("Acme Inc. said no. Sales fell."),
        ["Acme Inc. said no.", "Sales fell."]
    );
}

#[test]
fn an_abbreviation_ends_a_sentence_before_a_typical_opener() {
    assert_eq!(
        split("The threat to the U.S. homeland is low. The attack happened in the U.S. The gunmen fled."),
        ["The threat to the U.S. homeland is low.", "The attack happened in the U.S.", "The gunmen fled."]
    );
    assert_eq!(
        split("He lives in Sacramento, Calif. He was 20."),
        ["He lives in Sacramento, Calif.", "He was 20."]
    );
}

#[test]
fn initials_stay_in_the_name() {
    assert_eq!(
        split("J. K. Rowling and George W. Bush spoke. Then they left."),
        ["J. K. Rowling and George W. Bush spoke.", "Then they left."]
    );
}

#[test]
fn lowercase_after_a_period_continues() {
    assert_eq!(
        split("The toll rose to 12. officials said."),
        ["The toll rose to 12. officials said."]
    );
}

#[test]
fn closing_quotes_and_brackets_attach() {
    assert_eq!(
        split("“We are all enemies.” He left. (He said so.) Then “Stop!” he shouted."),
        [
            "“We are all enemies.”",
            "He left.",
            "(He said so.)",
            "Then “Stop!” he shouted."
        ]
    );
    assert_eq!(
        split("He said \"no.\" Then he left."),
        ["He said \"no.\"", "Then he left."]
    );
}

#[test]
fn quotations_spanning_sentences() {
    let text = "“This is a valid type of attack. We are discussing it,” he added. \
                “It’s really a good thing,” Bill Roggio told Fox Digital News. “Anyone could be motivated.”";
    assert_eq!(
        split(text),
        [
            "“This is a valid type of attack.",
            "We are discussing it,” he added.",
            "“It’s really a good thing,” Bill Roggio told Fox Digital News.",
            "“Anyone could be motivated.”"
        ]
    );
}

#[test]
fn a_stray_quote_mark_joins_its_sentence() {
    // The seed page leaves an opening quote after the last period of a paragraph.
    assert_eq!(
        split("Anyone could be motivated by such an attack. “\n\nNext paragraph."),
        [
            "Anyone could be motivated by such an attack. “",
            "Next paragraph."
        ]
    );
    assert_eq!(split("and Tajikistan. ."), ["and Tajikistan. ."]);
}

#[test]
fn ellipses() {
    assert_eq!(
        split("He paused... and went on. It was over… The end."),
        ["He paused... and went on.", "It was over…", "The end."]
    );
}

#[test]
fn paragraph_breaks_always_end_sentences() {
    assert_eq!(
        split("ISIS-K makes resurgence amid Moscow terror attack\n\nJoin Fox News to access this content\n\nGunmen fired"),
        ["ISIS-K makes resurgence amid Moscow terror attack", "Join Fox News to access this content", "Gunmen fired"]
    );
    assert_eq!(split("first line\r\n\r\nsecond"), ["first line", "second"]);
}

#[test]
fn a_single_line_break_inside_a_sentence_does_not_split() {
    assert_eq!(
        split("The gunmen fled in a white car and were arrested\nlater that night by police in Bryansk."),
        ["The gunmen fled in a white car and were arrested\nlater that night by police in Bryansk."]
    );
}

#[test]
fn lists() {
    assert_eq!(
        split("The victims were:\n1. John Smith, 34\n2. Jane Doe, 29\n- a child\n• an officer"),
        [
            "The victims were:",
            "1. John Smith, 34",
            "2. Jane Doe, 29",
            "- a child",
            "• an officer"
        ]
    );
}

#[test]
fn bylines_and_datelines() {
    assert_eq!(
        split("By JOHN SMITH\nAssociated Press\nMOSCOW (AP) — Gunmen stormed a concert hall. At least 60 died."),
        [
            "By JOHN SMITH",
            "Associated Press",
            "MOSCOW (AP) — Gunmen stormed a concert hall.",
            "At least 60 died."
        ]
    );
    assert_eq!(
        split("WASHINGTON, D.C. (Reuters) - The U.S. warned Russia. Officials said so."),
        [
            "WASHINGTON, D.C. (Reuters) - The U.S. warned Russia.",
            "Officials said so."
        ]
    );
}

#[test]
fn dateline_is_found() {
    let text = "January 1, 2013 7:18 PM\n\nHAWTHORNE (CBSLA.com) — A man was gunned down.";
    let tokens = tokenize(text);
    let d = dateline(text, &tokens).expect("a dateline");
    assert_eq!(d.place.slice(text), Some("HAWTHORNE"));
    assert_eq!(d.source.and_then(|s| s.slice(text)), Some("CBSLA.com"));
    assert_eq!(d.span.slice(text), Some("HAWTHORNE (CBSLA.com) —"));

    let text = "KABUL, Afghanistan (AP) — A suicide bomber struck.";
    let d = dateline(text, &tokenize(text)).expect("a dateline");
    assert_eq!(d.place.slice(text), Some("KABUL, Afghanistan"));

    let text = "Moscow (Reuters) - Gunmen attacked.";
    let d = dateline(text, &tokenize(text)).expect("a dateline");
    assert_eq!(d.place.slice(text), Some("Moscow"));

    let text = "Gunmen attacked a concert hall - police said.";
    assert_eq!(dateline(text, &tokenize(text)), None);
}

#[test]
fn other_scripts_split_on_their_own_stops() {
    assert_eq!(
        split("莫斯科发生袭击。至少60人死亡。"),
        ["莫斯科发生袭击。", "至少60人死亡。"]
    );
    assert_eq!(
        split("मॉस्को में हमला हुआ। 60 लोग मारे गए।"),
        ["मॉस्को में हमला हुआ।", "60 लोग मारे गए।"]
    );
    assert_eq!(split("هل هذا هجوم؟ نعم."), ["هل هذا هجوم؟", "نعم."]);
    assert_eq!(
        split("Нападение в Москве. Погибли 60 человек."),
        ["Нападение в Москве.", "Погибли 60 человек."]
    );
}

#[test]
fn every_token_is_in_exactly_one_sentence() {
    let text = "“Stop.” He left... (AP) Gen. Smith.\n\n“\n\nEnd";
    let tokens = tokenize(text);
    let sents = sentences(text, &tokens);
    let mut next = 0;
    for s in &sents {
        assert_eq!(s.tokens.start, next);
        assert!(s.tokens.end > s.tokens.start);
        next = s.tokens.end;
    }
    assert_eq!(next, tokens.len());
}

#[test]
fn paragraphs_are_the_blocks_between_blank_lines() {
    let text = "  One.\n\n\nTwo\nlines.\n \nThree ";
    let paras: Vec<_> = paragraphs(text)
        .iter()
        .filter_map(|p| p.slice(text))
        .collect();
    assert_eq!(paras, ["One.", "Two\nlines.", "Three"]);
}

#[test]
fn a_party_and_state_tag_does_not_end_a_sentence() {
    assert_eq!(
        split("Rep. Trey Gowdy (R-S.C.) said that claim smacked of hypocrisy. It passed."),
        [
            "Rep. Trey Gowdy (R-S.C.) said that claim smacked of hypocrisy.",
            "It passed."
        ]
    );
    // A missing space after a real sentence end still splits.
    assert_eq!(
        split("He rode to Washington.And strangers helped."),
        ["He rode to Washington.", "And strangers helped."]
    );
}

#[test]
fn text_without_capitals_splits_at_its_stops() {
    let story = "the army denied today that guerrillas attacked the farm. a report published by \
                 the news agency said that the rebels fled. president cerezo was not there. ";
    let text = story.repeat(2);
    let got = split(&text);
    assert_eq!(got.len(), 6, "{got:?}");
    assert_eq!(
        got[1],
        "a report published by the news agency said that the rebels fled."
    );
    // In ordinary text a lowercase word after a period continues the sentence ("approx.").
    let cased = "The toll was approx. ten people. The army said so. It was a long day for \
                 everyone in the town, and the market stayed closed until the evening came.";
    assert_eq!(split(cased).len(), 3, "{:?}", split(cased));
}
