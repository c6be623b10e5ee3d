//! Plain text → article: line-level boilerplate removal for scraped text dumps.
//!
//! Plain text has lost the markup that tells an HTML extractor where the story is, but scraped
//! dumps keep the furniture as lines: the headline first, sign-up prompts, "See also" links,
//! captions, app promotions, "Source link", a byline and an author bio at the end, a comment
//! form. [`extract_plain_text`] rebuilds paragraphs from the lines, sorts each with
//! [`crate::boilerplate`], and keeps everything else: a story sentence is worth more than a
//! stray furniture line, so the only unmarked lines it drops are those whose neighbours and
//! shape say "related headline", "image alt text" or "author bio".
//!
//! ```
//! use tocsin_extract::plaintext::extract_plain_text;
//! let text = "Bomb hits market in Karsan\n\nBy Maria Okafor\n\n\
//!     A bomb exploded in the central market on Friday, killing 14 people, police said.\n\n\
//!     Share this article\n\nSource link";
//! let article = extract_plain_text(text);
//! assert_eq!(article.title.as_deref(), Some("Bomb hits market in Karsan"));
//! assert_eq!(article.byline.as_deref(), Some("Maria Okafor"));
//! assert!(article.text.starts_with("A bomb exploded"));
//! assert!(!article.text.contains("Share this"));
//! ```

use crate::boilerplate::{
    byline_name, classify_line, ends_sentence, ends_story, ends_with_function_word, is_author_bio,
    is_related_headline_like, looks_like_headline, starts_lowercase, LineClass, Reason,
};
use crate::publisher::likely_original_publisher;
use tocsin_model::{Article, Block, BlockKind};

/// Extracts an article from plain text whose site is unknown.
pub fn extract_plain_text(text: &str) -> Article {
    extract_plain_text_with_site(text, None)
}

/// Extracts an article from plain text; `site` (a name, domain or URL of the page's own
/// site) keeps the original-publisher guess from naming the page's own outlet, and is stored
/// as [`Article::site`].
pub fn extract_plain_text_with_site(text: &str, site: Option<&str>) -> Article {
    let units = units(text);
    let mut article = Article {
        site: site.map(str::to_string),
        likely_original_publisher: likely_original_publisher(text, site),
        ..Article::default()
    };

    // The title is the first story-looking line, when it reads like a headline.
    let title_idx = units
        .iter()
        .position(|u| u.class == LineClass::Body)
        .filter(|&i| units[i].lines == 1 && looks_like_headline(&units[i].text));
    article.title = title_idx.map(|i| units[i].text.clone());

    // Characters of candidate body text from each unit on: an end marker only ends the story
    // when more text came before it than follows.
    let mut body_after = vec![0usize; units.len() + 1];
    for (i, u) in units.iter().enumerate().rev() {
        body_after[i] = body_after[i + 1]
            + if u.class == LineClass::Body {
                u.text.len()
            } else {
                0
            };
    }
    // Units that are among the last three body units (where author bios live).
    let mut near_end = vec![false; units.len()];
    for i in units
        .iter()
        .enumerate()
        .rev()
        .filter(|(_, u)| u.class == LineClass::Body)
        .take(3)
        .map(|(i, _)| i)
    {
        near_end[i] = true;
    }

    let mut blocks: Vec<Block> = Vec::new();
    let mut captions: Vec<String> = Vec::new();
    let mut byline: Option<String> = None;
    let mut kept_chars = 0usize;
    let mut tail = false;
    let mut in_related_box = false;
    let mut after_byline = false;

    for (i, unit) in units.iter().enumerate() {
        let just_after_byline = std::mem::take(&mut after_byline);
        match unit.class {
            LineClass::Boilerplate(Reason::Byline) => {
                if byline.is_none() {
                    byline = byline_name(&unit.text);
                }
                after_byline = true;
                continue;
            }
            LineClass::Boilerplate(reason) => {
                if reason.is_end_marker() && ends_story(kept_chars, body_after[i]) {
                    tail = true;
                }
                if reason == Reason::RelatedHeader {
                    in_related_box = true;
                }
                continue;
            }
            LineClass::Caption => {
                if !tail {
                    captions.push(unit.text.clone());
                }
                continue;
            }
            LineClass::Body => {}
        }
        if Some(i) == title_idx || tail {
            continue;
        }
        let text = unit.text.as_str();
        if article.title.as_deref() == Some(text) {
            continue;
        }
        if (just_after_byline || near_end[i]) && is_author_bio(text, byline.as_deref()) {
            continue;
        }
        let next = units.get(i + 1);
        let words = text.split_whitespace().count();
        if in_related_box {
            if unit.lines == 1 && !ends_sentence(text) && words <= 30 {
                continue;
            }
            in_related_box = false;
        }
        let prev = blocks.last().map(|b| b.text.as_str());
        // A sub-heading announces the paragraph under it and shares its words; a related
        // headline is about another story.
        let related = kept_chars > 0
            && unit.lines == 1
            && is_related_headline_like(text, prev, next.map(|n| n.text.as_str()))
            && !units[i + 1..]
                .iter()
                .find(|u| u.class == LineClass::Body)
                .is_some_and(|n| introduces(text, &n.text));
        // An image's alt text sits right above its caption, reads like a short headline and
        // describes the same picture; a related headline there shares few of its words.
        if let Some(caption) = next.filter(|n| n.class == LineClass::Caption) {
            if unit.lines == 1
                && words <= 20
                && !ends_sentence(text)
                && !ends_with_function_word(text)
                && (!related || shares_words(text, &caption.text))
            {
                captions.push(unit.text.clone());
                continue;
            }
        }
        if related {
            continue;
        }
        kept_chars += text.len();
        blocks.push(make_block(text, words));
    }

    article.byline = byline;
    article.captions = captions;
    article.set_blocks(blocks);
    article
}

/// Whether a heading-like line introduces the paragraph after it: at least two of its content
/// words, and half of them, recur there.
fn introduces(heading: &str, next: &str) -> bool {
    let (shared, total) = word_overlap(heading, next);
    shared >= 2 && shared * 2 >= total
}

/// Frequent words of four letters or more that say nothing about a topic.
const COMMON: &[&str] = &[
    "what", "does", "have", "that", "this", "with", "from", "they", "them", "their", "been",
    "were", "will", "would", "could", "should", "about", "into", "after", "before", "when",
    "where", "which", "while", "there", "here", "than", "then", "more", "most", "some", "also",
    "just", "over", "only", "your", "says", "said", "nach", "eine", "einer", "sich", "nicht",
    "dans", "pour", "avec", "sont", "para", "como", "pero",
];

/// How many of the content words of `a` (4+ letters, not in [`COMMON`], compared on their
/// first four letters so "attacks" meets "attack" and "faces" meets "face") occur in `b`, and
/// how many content words `a` has.
fn word_overlap(a: &str, b: &str) -> (usize, usize) {
    fn stems(s: &str) -> impl Iterator<Item = String> + '_ {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 4 && !COMMON.iter().any(|c| w.eq_ignore_ascii_case(c)))
            .map(|w| w.chars().take(4).flat_map(char::to_lowercase).collect())
    }
    let b: Vec<String> = stems(b).collect();
    let (mut total, mut shared) = (0usize, 0usize);
    for stem in stems(a) {
        total += 1;
        if b.contains(&stem) {
            shared += 1;
        }
    }
    (shared, total)
}

/// Whether at least 40 % of the content words of `alt` (4+ letters, compared on their first
/// five letters so "attacks" meets "attack") occur in `caption`.
fn shares_words(alt: &str, caption: &str) -> bool {
    let (shared, total) = word_overlap(alt, caption);
    total > 0 && shared * 5 >= total * 2
}

/// The block kind of a kept paragraph: short title-like lines are sub-headings, bulleted
/// lines are list items.
fn make_block(text: &str, words: usize) -> Block {
    for bullet in ["- ", "* ", "• ", "· ", "– "] {
        if let Some(rest) = text.strip_prefix(bullet) {
            return Block::new(BlockKind::ListItem, rest.trim_start());
        }
    }
    if words <= 6 && looks_like_headline(text) && !ends_sentence(text) {
        return Block::new(BlockKind::Heading(2), text);
    }
    Block::new(BlockKind::Paragraph, text)
}

/// A paragraph candidate: one or more joined lines, with the class of its (first) line.
struct Unit {
    text: String,
    class: LineClass,
    /// How many source lines it was joined from.
    lines: usize,
}

/// Rebuilds paragraph candidates from lines.
///
/// Lines are grouped by blank lines. A group whose lines mostly do not end a sentence is
/// hard-wrapped prose: its story lines are joined into one paragraph. Otherwise each line is
/// its own paragraph, except that a line starting in lower case, or following one that ends
/// with a comma or a function word, continues the previous line. Furniture and caption lines
/// always stand alone.
fn units(text: &str) -> Vec<Unit> {
    let mut out = Vec::new();
    let mut group: Vec<&str> = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            flush_group(&group, &mut out);
            group.clear();
        } else {
            group.push(line);
        }
    }
    flush_group(&group, &mut out);
    out
}

fn flush_group(group: &[&str], out: &mut Vec<Unit>) {
    if group.is_empty() {
        return;
    }
    let classes: Vec<LineClass> = group.iter().map(|l| classify_line(l)).collect();
    let body_lines = classes.iter().filter(|c| **c == LineClass::Body).count();
    let ending = group
        .iter()
        .zip(&classes)
        .filter(|(l, c)| **c == LineClass::Body && ends_sentence(l))
        .count();
    let wrapped = body_lines >= 2 && ending * 2 < body_lines;

    let mut cur: Option<Unit> = None;
    let mut last_line = "";
    for (line, class) in group.iter().zip(classes) {
        if class != LineClass::Body {
            if !wrapped {
                out.extend(cur.take());
            }
            out.push(Unit {
                text: collapse(line),
                class,
                lines: 1,
            });
            continue;
        }
        let join = cur.is_some()
            && (wrapped || starts_lowercase(line) || ends_with_function_word(last_line));
        match cur.as_mut() {
            Some(u) if join => {
                u.text.push(' ');
                push_collapsed(&mut u.text, line);
                u.lines += 1;
            }
            _ => {
                out.extend(cur.take());
                cur = Some(Unit {
                    text: collapse(line),
                    class,
                    lines: 1,
                });
            }
        }
        last_line = line;
    }
    out.extend(cur);
}

/// Collapses runs of whitespace to one space (the block text convention of the model).
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_collapsed(&mut out, s);
    out
}

fn push_collapsed(out: &mut String, s: &str) {
    for (i, word) in s.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(word);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_byline_and_furniture() {
        let text = "Gunmen storm hotel in Baidoa\n\nBy Jane Doe\n\nSign up for our newsletter\n\n\
            Gunmen stormed a hotel in Baidoa on Sunday, killing at least nine people, officials said.\n\n\
            Advertisement\n\n“We heard shooting for hours,” a guest said.\n\nShare this article";
        let a = extract_plain_text(text);
        assert_eq!(a.title.as_deref(), Some("Gunmen storm hotel in Baidoa"));
        assert_eq!(a.byline.as_deref(), Some("Jane Doe"));
        assert_eq!(a.blocks.len(), 2);
        assert!(a
            .text
            .contains("“We heard shooting for hours,” a guest said."));
        assert!(!a.text.contains("newsletter") && !a.text.contains("Advertisement"));
    }

    #[test]
    fn no_title_when_the_first_line_is_a_sentence() {
        let a = extract_plain_text(
            "Gunmen stormed a hotel on Sunday, officials said.\n\nNine people died.",
        );
        assert_eq!(a.title, None);
        assert_eq!(a.blocks.len(), 2);
    }

    #[test]
    fn hard_wrapped_prose_is_joined() {
        let text = "Blast in Karsan\n\nA bomb exploded in the central market of Karsan on\nFriday morning, killing 14 people and wounding\ndozens more, police said.\n\nThe attack was later claimed by the\nIslamic State group.";
        let a = extract_plain_text(text);
        assert_eq!(a.blocks.len(), 2, "{:?}", a.blocks);
        assert!(a
            .text
            .contains("Karsan on Friday morning, killing 14 people and wounding dozens more"));
        assert!(a.text.contains("claimed by the Islamic State group."));
    }

    #[test]
    fn one_paragraph_per_line_without_blank_lines() {
        let text = "Blast in Karsan\nA bomb exploded in the market on Friday, police said.\nRead more: Earlier attacks in the region\nThe toll rose to 14 on Saturday.\nLeave a Reply";
        let a = extract_plain_text(text);
        assert_eq!(a.title.as_deref(), Some("Blast in Karsan"));
        assert_eq!(a.blocks.len(), 2, "{:?}", a.blocks);
        assert!(!a.text.contains("Read more"));
    }

    #[test]
    fn related_box_headlines_are_dropped() {
        let text = "Blast in Karsan\n\nA bomb exploded in the market on Friday, killing 14 people, police said.\n\n\
            Related Articles\n\nEarlier attacks in the region\n\nWho is behind the Karsan bombings\n\n\
            Investigators said the device was hidden in a cart.";
        let a = extract_plain_text(text);
        assert_eq!(a.blocks.len(), 2, "{:?}", a.blocks);
        assert!(a.text.ends_with("hidden in a cart."));
    }

    #[test]
    fn end_marker_only_ends_a_story_that_came_before_it() {
        // "Leave a Reply" at the top (before the story) must not drop the story.
        let body = "A bomb exploded in the central market of Karsan on Friday, killing 14 people, police said. ".repeat(4);
        let text = format!("Leave a Reply\n\n{body}\n\n{body}");
        let a = extract_plain_text(&text);
        assert_eq!(a.blocks.len(), 2);
    }

    #[test]
    fn short_titled_lines_are_headings_and_bullets_list_items() {
        let text = "Blast in Karsan\n\nA bomb exploded in the market on Friday, police said.\n\nWhat we know\n\n- Fourteen people were killed.\n- Two suspects were arrested.";
        let a = extract_plain_text(text);
        let kinds: Vec<BlockKind> = a.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            vec![
                BlockKind::Paragraph,
                BlockKind::Heading(2),
                BlockKind::ListItem,
                BlockKind::ListItem
            ]
        );
        assert_eq!(a.blocks[2].text, "Fourteen people were killed.");
    }
}
