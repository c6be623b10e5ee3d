//! Raw documents → clean articles.
//!
//! [`extract`] decodes the bytes ([`decode`]), parses HTML into a compact tree ([`html`]),
//! picks the main content ([`content`]) and reads the metadata ([`metadata`]); plain text
//! goes through line-level boilerplate removal ([`plaintext`]). A document that cannot be
//! read yields an [`ExtractError`] for that document only.
//!
//! ```
//! use tocsin_model::{PayloadKind, RawDoc};
//! let raw = RawDoc {
//!     bytes: b"<html><head><title>Blast hits market</title></head><body><article>\
//!         <p>A bomb exploded in a crowded market on Friday, killing at least 12 people, \
//!         police said.</p></article></body></html>".to_vec(),
//!     kind: PayloadKind::Html,
//!     ..RawDoc::default()
//! };
//! let article = tocsin_extract::extract(&raw).unwrap();
//! assert!(article.text.starts_with("A bomb exploded"));
//! ```
#![warn(missing_docs)]

pub mod boilerplate;
pub mod content;
pub mod dates;
pub mod decode;
pub mod html;
pub mod metadata;
pub mod plaintext;
pub mod publisher;
pub mod signals;

use tocsin_model::{Article, PayloadKind, RawDoc};

/// Why one document could not be extracted.
#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    /// The bytes could not be read as text.
    #[error("cannot decode document: {0}")]
    Decode(#[from] decode::DecodeError),
}

/// Extracts the article from one raw document.
pub fn extract(raw: &RawDoc) -> Result<Article, ExtractError> {
    let decoded = decode::decode(&raw.bytes, raw.declared_charset.as_deref())?;
    let is_html = match raw.kind {
        PayloadKind::Html => true,
        PayloadKind::Text => false,
        PayloadKind::Unknown => looks_like_html(&decoded.text),
    };
    let mut article = if is_html {
        extract_html(&decoded.text, raw.source.url.as_deref())
    } else {
        extract_text(&decoded.text)
    };
    if article.title.is_none() {
        article.title.clone_from(&raw.title_hint);
    }
    if article.published.is_none() {
        article.published.clone_from(&raw.published_hint);
    }
    Ok(article)
}

/// Extracts an article from an HTML string.
pub fn extract_html(html: &str, url: Option<&str>) -> Article {
    let dom = html::Dom::parse(html);
    let extracted = content::extract(&dom, url);
    let meta = metadata::extract_metadata(&extracted.signals);
    let mut article = Article {
        title: meta.title,
        byline: meta.byline,
        published: meta.published,
        modified: meta.modified,
        site: meta.site,
        canonical_url: meta.canonical_url,
        language: meta.language,
        ..Article::default()
    };
    let mut blocks = extracted.blocks;
    if let Some(body) = meta.article_body.as_deref() {
        prefer_json_ld_body(&mut blocks, body);
    }
    drop_trailing_bios(&mut blocks, article.byline.as_deref());
    article.set_blocks(blocks);
    article.captions = extracted.captions;
    // Remnants of another outlet sit in the body and in the furniture cut from it; the rest
    // of the page (menus, footers) names the serving site, not the original.
    let mut remnants = article.text.clone();
    for line in extracted.furniture.iter().chain(&article.captions) {
        remnants.push_str("\n\n");
        remnants.push_str(line);
    }
    article.likely_original_publisher =
        publisher::likely_original_publisher(&remnants, article.site.as_deref());
    compose(&mut article);
    article
}

/// A JSON-LD `articleBody` at least this long, and at least twice the extracted text, replaces
/// it: pages that build the story with scripts show only a teaser in their markup.
const LD_BODY_MIN_CHARS: usize = 500;

/// Replaces the extracted blocks with the paragraphs of the page's JSON-LD `articleBody` when
/// that is far longer (a script-built page whose markup holds a teaser and furniture).
fn prefer_json_ld_body(blocks: &mut Vec<tocsin_model::Block>, body: &str) {
    let chars = |bs: &[tocsin_model::Block]| bs.iter().map(|b| b.text.chars().count()).sum();
    // Cheap test first: the raw body (with any markup) is at least as long as its text.
    let ours: usize = chars(blocks);
    if body.len() < LD_BODY_MIN_CHARS || body.len() < 2 * ours {
        return;
    }
    let paragraphs = content::paragraphs_of_article_body(body);
    let theirs: usize = chars(&paragraphs);
    if theirs >= LD_BODY_MIN_CHARS && theirs >= 2 * ours {
        *blocks = paragraphs;
    }
}

/// Puts the article's text in Unicode's composed form (NFC). Pages mix composed and
/// decomposed spellings of one letter (Bengali য় as one code point or two, "é" as e plus an
/// accent); a search, a name lookup or a duplicate check that compares bytes must see one.
fn compose(article: &mut Article) {
    let nfc = icu_normalizer::ComposingNormalizerBorrowed::new_nfc();
    let fix = |s: &mut String| {
        if let std::borrow::Cow::Owned(composed) = nfc.normalize(s) {
            *s = composed;
        }
    };
    // The article's text is the blocks joined: rebuilt only when a block changes.
    if article.blocks.iter().any(|b| !nfc.is_normalized(&b.text)) {
        let mut blocks = std::mem::take(&mut article.blocks);
        blocks.iter_mut().for_each(|b| fix(&mut b.text));
        article.set_blocks(blocks);
    }
    for field in [&mut article.title, &mut article.byline, &mut article.site] {
        if let Some(s) = field.as_mut() {
            fix(s);
        }
    }
    article.captions.iter_mut().for_each(fix);
}

/// Drops author bios ("Eric Song is the site's deal curator…") from the last blocks of an
/// article, the only place where the bio rule is safe from body sentences about people.
fn drop_trailing_bios(blocks: &mut Vec<tocsin_model::Block>, byline: Option<&str>) {
    let keep_from = blocks.len().saturating_sub(3);
    let mut i = blocks.len();
    while i > keep_from {
        i -= 1;
        if boilerplate::is_author_bio(&blocks[i].text, byline) {
            blocks.remove(i);
        }
    }
}

/// Extracts an article from plain text: line-level boilerplate removal, title, byline,
/// captions and the likely original publisher.
pub fn extract_text(text: &str) -> Article {
    let mut article = plaintext::extract_plain_text(text);
    compose(&mut article);
    article
}

/// Sniffs whether decoded text is markup: a tag near the start, or many tags overall.
pub fn looks_like_html(text: &str) -> bool {
    // The first 2 KiB, cut back to a character boundary (slicing inside one panics).
    let head = &text[..tocsin_model::text::floor_char_boundary(text, 2048)];
    let head_lower = head.to_ascii_lowercase();
    [
        "<!doctype",
        "<html",
        "<head",
        "<body",
        "<meta",
        "<div",
        "<p>",
        "<p ",
        "<article",
        "<title",
    ]
    .iter()
    .any(|m| head_lower.contains(m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_comes_out_composed() {
        // "Café" with a combining acute, and Bengali য় as ya plus nukta's precomposed form.
        let html = "<html><head><title>Cafe\u{301} news</title></head><body><article>\
            <p>The cafe\u{301} on the corner reopened on Monday after a long closure, its owner said.</p>\
            <p>\u{995}\u{9c1}\u{9b7}\u{9cd}\u{99f}\u{9bf}\u{9df}\u{9be} district officials confirmed the attack on Saturday morning.</p>\
            </article></body></html>";
        let article = extract_html(html, None);
        assert_eq!(article.title.as_deref(), Some("Caf\u{e9} news"));
        assert!(
            article.text.contains("caf\u{e9} on the corner"),
            "{}",
            article.text
        );
        assert!(
            article.text.contains("\u{9af}\u{9bc}\u{9be} district"),
            "{}",
            article.text
        );
        assert!(article
            .blocks
            .iter()
            .all(|b| article.text.contains(&b.text)));
        let plain = extract_text("Cafe\u{301} reopens\n\nThe cafe\u{301} on the corner reopened on Monday after a long closure.");
        assert!(plain.text.contains("caf\u{e9}"), "{}", plain.text);
    }

    #[test]
    fn headline_set_in_a_big_font_beats_a_title_naming_the_site() {
        let story = "<p>A former soldier appeared in court in Leeds yesterday charged with the \
            stabbing of two doormen outside a nightclub on Saturday night.</p>\
            <p>Prosecutors said the attack on the doormen had been planned for weeks and that \
            the soldier travelled north with a knife bought online.</p>\
            <p>The soldier, who served two tours abroad, was remanded in custody until a \
            hearing next month, the court heard.</p>";
        let html = format!(
            "<html><head><title>Gazette : LOCAL NEWS</title></head><body>\
             <div class=nav><a href=/a>Home</a> <a href=/b>Sport</a></div>\
             <td><font size=\"4\" color=black><b>Soldier charged over nightclub stabbing</b></font>\
             {story}</td></body></html>"
        );
        let article = extract_html(&html, None);
        assert_eq!(
            article.title.as_deref(),
            Some("Soldier charged over nightclub stabbing")
        );
    }

    #[test]
    fn a_sponsor_line_under_the_headline_does_not_hide_the_story_from_the_title_check() {
        // The page's `<h1>`s title its classified boxes; the `<title>` names the site.
        let html = "<html><head><title>Valley Daily News - 6.0</title></head><body>\
             <div class=ads><h1>HOT JOBS</h1><a href=/jobs>Drivers wanted</a></div>\
             <table><tr><td><p class=headline>Peterson eyes rushing title and playoffs</p>\
             <p>Sports Section Sponsors</p>\
             <p>DENVER (AP) - The rushing title and the playoffs are both within Adrian \
             Peterson's grasp as Minnesota travels to Denver for the last game of the season.</p>\
             <p>The Vikings can clinch a playoff berth with a win at Denver and some help from \
             Dallas, when Peterson tries to become the first rookie to lead the conference in \
             rushing since 1989.</p>\
             <p>Peterson is not expecting anything to come easy at a frigid stadium even though \
             the Broncos rank near the bottom of the league against the run.</p>\
             </td></tr></table>\
             <div class=ads><h1>COUPONS</h1><a href=/c>Half price pizza</a></div></body></html>";
        let article = extract_html(html, None);
        assert_eq!(
            article.title.as_deref(),
            Some("Peterson eyes rushing title and playoffs")
        );
    }

    #[test]
    fn the_heading_above_the_story_beats_a_title_naming_the_section() {
        let others: String = (1..=12)
            .map(|n| format!("<li><a href=/s{n}>Other sports story number {n} of the day</a></li>"))
            .collect();
        let html = format!(
            "<html><head><title>Valley Post : SPORTS PLUS</title></head><body>\
             <h4>Barton charged with assault after city centre incident \
             <a href=#comments>12 Comments</a></h4>\
             <div class=highlights><b>Highlights</b><ul>{others}</ul></div>\
             <div class=story><p>London - Joey Barton will appear in court in Liverpool on \
             Friday after being charged with common assault, police said.</p>\
             <p>The midfielder was one of three people arrested early on Thursday after an \
             incident in Church Street, near the centre of the city.</p>\
             <p>Barton was released on bail and will train with his club before the hearing, \
             his manager told reporters at the training ground.</p></div></body></html>"
        );
        let article = extract_html(&html, None);
        assert_eq!(
            article.title.as_deref(),
            Some("Barton charged with assault after city centre incident")
        );
    }

    #[test]
    fn a_stamp_run_on_after_the_headline_line_is_not_part_of_the_title() {
        let story = "<p>MONTREAL - General manager Bob Gainey gives the Montreal Canadiens a \
            passing grade for the first half of the season nearly everywhere except in the \
            faceoff circle.</p>\
            <p>Gainey said that unless his defensive centres start winning more key draws, he \
            may have to deal for someone who can before the trading deadline in February.</p>\
            <p>The Canadiens have won only 46 per cent of their faceoffs this season, among the \
            worst records in the league, the general manager told reporters.</p>";
        let head = "Gainey gives Canadiens good mid-season grades, except on faceoffs";
        // The headline, a <br> and the time, as one block opening the story.
        let in_body = format!(
            "<html><head><title>940 MONTREAL</title></head><body><div class=story>\
             <p><span style=\"font-size:14px\">{head}</span><br>\
             <span class=small>at 12:19 on January 7, 2008, EST.</span></p>{story}\
             </div></body></html>"
        );
        assert_eq!(extract_html(&in_body, None).title.as_deref(), Some(head));
        // The headline and its stamp as the heading line above the story, on a page without
        // any other title.
        let above = format!(
            "<html><body><h3>{head} Monday, 7, January, 2008, 12:19</h3>\
             <div class=story>{story}</div></body></html>"
        );
        assert_eq!(extract_html(&above, None).title.as_deref(), Some(head));
    }

    #[test]
    fn the_h1_of_the_page_header_is_the_site_not_the_headline() {
        // A blog's `<title>` puts its name before the post's: "Blog: Post".
        let html =
            "<html><head><title>Elmwood Council Watch: Council votes to close the old bridge \
             for repairs</title></head><body>\
             <div id=\"header\"><h1>Elmwood Council Watch</h1><a href=/>Home</a></div>\
             <div class=post><h2>Council votes to close the old bridge for repairs</h2>\
             <p>The Elmwood council voted on Tuesday to close the old bridge for repairs after \
             engineers found cracks in two of its piers, the mayor said.</p>\
             <p>Traffic will be diverted through the old town for at least six weeks while the \
             council repairs the piers, and shop owners asked for a temporary car park.</p>\
             <p>The repairs will cost 4.2 million euros and the bridge should reopen before the \
             end of the year if the weather holds.</p></div></body></html>";
        assert_eq!(
            extract_html(html, None).title.as_deref(),
            Some("Council votes to close the old bridge for repairs")
        );
    }

    #[test]
    fn an_h1_that_only_links_to_the_front_page_is_the_sites_name() {
        let html = "<html><head><title>Radio Elmwood Valley News : Latest News : Bridge \
             shut for repairs</title></head><body>\
             <h1><a href=\"http://www.radioelmwood.test/\">Radio Elmwood - Voice of the \
             Valley</a></h1><h2>Bridge shut for repairs</h2>\
             <p>The Elmwood council voted on Tuesday to shut the old bridge after engineers \
             found cracks in two of its piers, the mayor said.</p>\
             <p>Traffic will be diverted through the old town of Elmwood for at least six \
             weeks, and shop owners asked for a temporary car park.</p>\
             <p>The work will cost 4.2 million euros and the crossing should reopen before the \
             end of the year if the weather holds.</p></body></html>";
        let article = extract_html(html, None);
        assert_eq!(article.title.as_deref(), Some("Bridge shut for repairs"));
        assert_eq!(
            article.site.as_deref(),
            Some("Radio Elmwood - Voice of the Valley")
        );
        // A headline linked to its own story stays a headline.
        let linked = html.replace("http://www.radioelmwood.test/", "/news/bridge-to-close");
        assert_eq!(
            extract_html(&linked, None).site.as_deref(),
            None,
            "{linked}"
        );
    }

    #[test]
    fn a_script_built_page_gets_its_story_from_json_ld() {
        let story = "The council voted on Tuesday to close the bridge for repairs.\\n\\n\
            Engineers found cracks in two of its piers last month, the mayor said, and traffic \
            will be diverted through the old town for at least six weeks while the work goes on.\\n\\n\
            Shop owners in the old town said they expected more customers but worried about \
            parking, which is already scarce on market days, and asked for a temporary car park.\\n\\n\
            The repairs will cost 4.2 million euros, paid from the regional transport budget, \
            and the bridge should reopen before the end of the year if the weather holds.";
        let page = |body: &str| {
            format!(
                "<html><head><title>Bridge to close</title>\
                 <script type=\"application/ld+json\">{{\"@type\":\"NewsArticle\",\
                 \"headline\":\"Bridge to close\",\"articleBody\":\"{body}\"}}</script></head>\
                 <body><article><p>The council voted on Tuesday to close the bridge for repairs.</p>\
                 <p>Subscribe to read the full story.</p></article></body></html>"
            )
        };
        let article = extract_html(&page(story), None);
        assert_eq!(article.blocks.len(), 4, "{:?}", article.blocks);
        assert!(article
            .text
            .contains("Engineers found cracks in two of its piers"));
        assert!(article
            .text
            .contains("paid from the regional transport budget"));
        // A teaser in JSON-LD leaves the page's own text alone.
        let teaser = extract_html(&page("The council voted to close the bridge."), None);
        assert!(teaser.text.contains("for repairs"), "{}", teaser.text);
        assert!(!teaser.text.contains("Engineers"));
    }

    #[test]
    fn article_body_markup_gives_paragraphs() {
        let blocks = content::paragraphs_of_article_body(
            "<p>Gunmen opened fire on a bus &amp; fled.</p><p>Two <b>people</b> were hurt.</p>",
        );
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Gunmen opened fire on a bus & fled.",
                "Two people were hurt."
            ]
        );
    }
}
