//! Plain-text extraction on whole pages: invented fixtures with the usual furniture, and the
//! shared seed page when it is present. Each page lists text that must survive ("with") and
//! text that must be gone ("without"), compared with typographic quotes and whitespace folded
//! as `seed_check.py` does.

use std::path::Path;
use tocsin_extract::plaintext::{extract_plain_text, extract_plain_text_with_site};
use tocsin_model::Article;

/// Folds typographic quotes and whitespace and lower-cases, so checks compare wording.
fn norm(s: &str) -> String {
    let s = s
        .replace(['\u{2019}', '\u{2018}'], "'")
        .replace(['\u{201c}', '\u{201d}'], "\"");
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/text")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[track_caller]
fn check(article: &Article, with: &[&str], without: &[&str]) {
    let text = norm(&article.text);
    let missing: Vec<&&str> = with.iter().filter(|s| !text.contains(&norm(s))).collect();
    let leaked: Vec<&&str> = without.iter().filter(|s| text.contains(&norm(s))).collect();
    assert!(
        missing.is_empty() && leaked.is_empty(),
        "missing from text: {missing:#?}\nstill in text: {leaked:#?}\n--- text ---\n{}",
        article.text
    );
}

#[test]
fn english_copy_with_furniture() {
    let a = extract_plain_text(&fixture("karsan-market-bombing.txt"));
    assert_eq!(
        a.title.as_deref(),
        Some("Bomb tears through Karsan market as militants widen campaign")
    );
    assert_eq!(a.byline.as_deref(), Some("Maria Okafor"));
    assert_eq!(a.likely_original_publisher.as_deref(), Some("Reuters"));
    check(
        &a,
        &[
            "KARSAN (Reuters) - A bomb hidden in a vegetable cart exploded",
            "killing at least 14 people and wounding 37",
            "“I was buying onions when the ground shook,” said Amina Yusuf",
            "“The cart had been there since dawn. Nobody asked who owned it.",
            "“We told the police twice,” she added. “Twice.”",
            "Residents who subscribe to the town’s emergency text alerts said",
            "Investigators will examine the blast site and see also whether",
            "The Northern Front has not claimed the attack.",
            "Governor Ibrahim Sule said security would be tightened",
            "What we know",
            "Two suspects were detained on Saturday.",
        ],
        &[
            "Sign up for the Morning Brief",
            "Please enter a valid email address",
            "By Maria Okafor",
            "Read more:",
            "Gunmen kill 12 in raid on Dara village",
            "Army chief vows to crush insurgency after week of attacks in the north",
            "Why the Northern Front is expanding south and what it means for the region?",
            "Rescue workers carry a wounded man",
            "(Reuters/Stringer)",
            "Smoke rises over the market",
            "Share this article",
            "Facebook Twitter WhatsApp",
            "Advertisement",
            "Story continues below",
            "Click here to get the Daily Ledger app",
            "We use cookies",
            "© 2024 Reuters",
            "Source link",
            "freelance reporter covering security",
            "Leave a Reply",
            "Your email address will not be published",
            "Save my name, email",
        ],
    );
    assert!(
        a.captions.iter().any(|c| c.contains("(Reuters/Stringer)")),
        "{:?}",
        a.captions
    );
    assert!(
        a.captions
            .iter()
            .any(|c| c.contains("AFP via Getty Images")),
        "{:?}",
        a.captions
    );
}

#[test]
fn own_site_suppresses_the_publisher_guess() {
    let a =
        extract_plain_text_with_site(&fixture("karsan-market-bombing.txt"), Some("reuters.com"));
    assert_eq!(a.likely_original_publisher, None);
    assert_eq!(a.site.as_deref(), Some("reuters.com"));
}

#[test]
fn german_page_with_furniture() {
    let a = extract_plain_text(&fixture("de-anschlag-bahnhof.txt"));
    assert_eq!(
        a.title.as_deref(),
        Some("Explosion am Bahnhof von Lindau: Drei Tote, Ermittler prüfen Anschlag")
    );
    assert_eq!(a.byline.as_deref(), Some("Anna Schmidt"));
    assert_eq!(
        a.likely_original_publisher.as_deref(),
        Some("Deutsche Presse-Agentur")
    );
    check(
        &a,
        &[
            "Lindau (dpa) - Bei einer Explosion im Bahnhof von Lindau",
            "sind am Freitagabend drei Menschen getötet worden",
            "„Wir ermitteln in alle Richtungen“, sagte ein Sprecher",
            "Die Behörden teilen die Einschätzung bislang nicht.",
            "Der Bahnhof bleibt bis auf Weiteres gesperrt.",
        ],
        &[
            "Mehr zum Thema",
            "Lesen Sie auch",
            "Was über den Täter von Hanau bekannt ist",
            "Anzeige",
            "Weiterlesen",
            "Artikel teilen",
            "Foto: dpa",
            "Jetzt abonnieren",
            "Wir verwenden Cookies",
            "Schreibe einen Kommentar",
            "Von Anna Schmidt",
        ],
    );
}

/// The shared seed page, when this checkout has it (`/work/shared/seed`); skipped otherwise.
#[test]
fn seed_page_if_present() {
    let dir = Path::new("/work/shared/seed");
    let (Ok(text), Ok(expected)) = (
        std::fs::read_to_string(dir.join("isis-k-moscow.txt")),
        std::fs::read_to_string(dir.join("expected.json")),
    ) else {
        eprintln!("seed not present; skipping");
        return;
    };
    let exp: serde_json::Value = match serde_json::from_str(&expected) {
        Ok(v) => v,
        Err(e) => panic!("expected.json: {e}"),
    };
    let a = extract_plain_text(&text);
    let s = |k: &str| exp[k].as_str().map(norm);
    assert_eq!(a.title.as_deref().map(norm), s("title"));
    assert!(a
        .byline
        .as_deref()
        .map(norm)
        .unwrap_or_default()
        .contains(&s("byline").unwrap_or_default()));
    assert_eq!(
        a.likely_original_publisher.as_deref().map(norm),
        s("likely_original_publisher")
    );
    let list = |k: &str| -> Vec<String> {
        exp[k]
            .as_array()
            .map(|v| {
                v.iter()
                    .filter_map(|x| x.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default()
    };
    let with = list("text_must_contain");
    let without = list("text_must_not_contain");
    let with: Vec<&str> = with.iter().map(String::as_str).collect();
    let without: Vec<&str> = without.iter().map(String::as_str).collect();
    check(&a, &with, &without);
}

proptest::proptest! {
    /// Arbitrary text (furniture words, typographic characters, odd Unicode) never panics
    /// any public entry point, and the text is always the blocks joined.
    #[test]
    fn never_panics(lines in proptest::collection::vec(
        "(By |See also |Join |\\(|©|Foto: |I am a |Source link|[A-Za-zÄäÉé’“”«» ,.:;?!()\\-—0-9\\n]){0,12}",
        0..12,
    )) {
        let text = lines.join("\n");
        let a = extract_plain_text(&text);
        let joined: Vec<&str> = a.blocks.iter().map(|b| b.text.as_str()).collect();
        proptest::prop_assert_eq!(a.text, joined.join("\n\n"));
        for line in &lines {
            let _ = tocsin_extract::boilerplate::classify_line(line);
            let _ = tocsin_extract::boilerplate::byline_name(line);
            let _ = tocsin_extract::boilerplate::is_author_bio(line, Some("Ali Raza"));
            let _ = tocsin_extract::boilerplate::is_related_headline_like(line, Some(line), Some(line));
        }
        let _ = tocsin_extract::publisher::likely_original_publisher(&text, Some("x.com"));
    }

    /// Any Unicode at all, including lines longer than the normalization buffer.
    #[test]
    fn never_panics_on_any_unicode(text in "(?s).{0,1200}") {
        let _ = extract_plain_text(&text);
        let _ = tocsin_extract::boilerplate::classify_line(&text);
        let _ = tocsin_extract::boilerplate::is_caption(&text);
        let _ = tocsin_extract::publisher::likely_original_publisher(&text, Some(&text));
    }
}

/// Development aid: prints what the extractor makes of the page named by `PAGE`.
#[test]
#[ignore = "development aid"]
fn dump_page() {
    let text =
        std::fs::read_to_string(std::env::var("PAGE").unwrap_or_default()).unwrap_or_default();
    let a = extract_plain_text(&text);
    println!(
        "TITLE {:?}\nBYLINE {:?}\nPUBLISHER {:?}",
        a.title, a.byline, a.likely_original_publisher
    );
    for b in &a.blocks {
        println!("[{:?}] {}", b.kind, b.text);
    }
    for c in &a.captions {
        println!("CAPTION {c}");
    }
}

/// Development aid: classifies each line of the file named by `SCAN` and prints the lines
/// that are not body, with their class, to review false positives on gold article text.
#[test]
#[ignore = "development aid"]
fn scan_lines() {
    let text =
        std::fs::read_to_string(std::env::var("SCAN").unwrap_or_default()).unwrap_or_default();
    let (mut total, mut flagged) = (0, 0);
    for line in text.lines() {
        total += 1;
        let class = tocsin_extract::boilerplate::classify_line(line);
        if class != tocsin_extract::boilerplate::LineClass::Body {
            flagged += 1;
            println!("{class:?}\t{line}");
        }
    }
    println!("{flagged} of {total} lines not body");
}

/// Development aid: runs the extractor on each document of the file named by `SCAN_DOCS`
/// (documents separated by form feeds) and prints the story-looking paragraphs it dropped.
#[test]
#[ignore = "development aid"]
fn scan_dropped() {
    use tocsin_extract::boilerplate::{classify_line, LineClass};
    let all =
        std::fs::read_to_string(std::env::var("SCAN_DOCS").unwrap_or_default()).unwrap_or_default();
    let (mut paras, mut dropped) = (0, 0);
    for doc in all.split('\u{c}') {
        let a = extract_plain_text(doc);
        let text = norm(&a.text);
        for p in doc
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty() && !p.contains('\n'))
        {
            let p = p.trim_start_matches(['•', '*', '-', '·', ' ']);
            paras += 1;
            if classify_line(p) != LineClass::Body || a.title.as_deref() == Some(p) {
                continue;
            }
            if !text.contains(&norm(p)) {
                dropped += 1;
                let cap = a.captions.iter().any(|c| c == p);
                println!("{}\t{p}", if cap { "CAPTION" } else { "DROPPED" });
            }
        }
    }
    println!("{dropped} of {paras} single-line body paragraphs dropped");
}
