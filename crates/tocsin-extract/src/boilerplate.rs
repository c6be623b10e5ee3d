//! Line- and paragraph-level boilerplate classification, shared by the plain-text and the HTML
//! extractors.
//!
//! News pages carry the same furniture whatever their markup: sign-up prompts, "See also"
//! links, share bars, app promotions, comment forms, cookie notices, bylines, photo captions.
//! Scraped plain text keeps that furniture as ordinary lines, and an HTML extractor that has
//! picked the right container still finds some of it inside. [`classify_line`] tells one line
//! (or one short block) apart from story text without allocating: it normalizes at most
//! [`NORM_CAP`] bytes into a stack buffer (ASCII and Latin-1 lower-casing, typographic quotes
//! and dashes folded, whitespace collapsed) and runs a table of anchored rules over it.
//!
//! The rules are anchored on purpose. A news sentence that happens to say "subscribe" or "see
//! also" in its middle is story text; furniture *starts* with its phrase ("Subscribe to…",
//! "See also …") or *is* the phrase ("Advertisement"), and is short. Every rule therefore
//! carries a length limit, and only a few phrases that are unambiguous anywhere in a short line
//! ("your email address will not be published") are matched unanchored.
//!
//! Some furniture has no marker at all: related-story headlines dropped between paragraphs,
//! image alt texts, author bios. Those need neighbours or position, so they get their own
//! predicates ([`is_related_headline_like`], [`is_author_bio`]) and the caller decides where
//! to apply them.
//!
//! ```
//! use tocsin_extract::boilerplate::{classify_line, LineClass, Reason};
//! assert_eq!(classify_line("See also  Haiti's dangerous power vacuum"), LineClass::Boilerplate(Reason::Related));
//! assert_eq!(classify_line("A masked fighter holds a flag in 2015. (AP Photo)"), LineClass::Caption);
//! assert_eq!(classify_line("Police said they would subscribe to no theory yet."), LineClass::Body);
//! ```

use memchr::{memchr, memchr_iter};
use std::sync::OnceLock;
use tocsin_model::text::floor_char_boundary;

/// How many bytes of a line are normalized for matching. Every table rule has a length limit
/// below this, so a longer line can only be a caption or body and skips the table entirely.
pub const NORM_CAP: usize = 512;

/// What one line or short block of a page is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineClass {
    /// Story text (or at least nothing recognisably else).
    Body,
    /// A photo caption or credit: kept apart from the body, still usable as evidence.
    Caption,
    /// Page furniture, with the kind recognised.
    Boilerplate(Reason),
}

impl LineClass {
    /// Whether the line is furniture to drop.
    pub fn is_boilerplate(self) -> bool {
        matches!(self, LineClass::Boilerplate(_))
    }
}

/// The kind of furniture a line was recognised as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Reason {
    /// Sign-up, subscription, newsletter, paywall and log-in prompts.
    Subscription,
    /// An inline link to another story: "See also …", "Read more: …".
    Related,
    /// A bare header introducing a box of related links: "Related", "Mehr zum Thema". The
    /// lines after it are usually headlines too.
    RelatedHeader,
    /// App downloads, "follow us" and notification prompts.
    AppPromo,
    /// Share bars and their buttons.
    Share,
    /// The auto-blogging end marker "Source link" (and bare "Source"). Nothing of the story
    /// follows it.
    SourceLink,
    /// Credits and provenance notes: "Reporting by …", "This article originally appeared …",
    /// "… contributed to this report".
    Attribution,
    /// Comment forms and the comment section's header ("Leave a Reply", "Your email address
    /// will not be published", "12 Comments"): the story is over.
    CommentForm,
    /// Invitations to comment that sites also drop mid-story ("Join the conversation on our
    /// Facebook page", "Show comments").
    CommentPrompt,
    /// Cookie and consent notices.
    Cookie,
    /// A byline line ("By Ali Raza"); see [`byline_name`].
    Byline,
    /// Advertisement markers and "story continues below".
    Advertisement,
    /// Copyright and rights lines.
    Copyright,
    /// Site navigation, legal links, tag lists, image widgets' labels.
    Navigation,
    /// Publication/update stamps and reading-time notes.
    Timestamp,
    /// Audio/video player furniture: "Watch: …", "Listen to this article".
    Media,
    /// Empty or punctuation-only.
    Noise,
}

impl Reason {
    /// Whether furniture of this kind marks the end of the story on the pages that carry it
    /// (everything after it is footer), as far as a line-level extractor can tell: the
    /// auto-blogging "Source link" and comment forms. Copyright lines are not: a bare
    /// "© AFP" is also a photo credit in the middle of a story.
    pub fn is_end_marker(self) -> bool {
        matches!(self, Reason::SourceLink | Reason::CommentForm)
    }
}

/// Story an end marker must follow for what comes after it to be cut.
const END_MARKER_MIN_STORY: usize = 200;

/// Whether an end marker with `before` characters of story above it and `after` below ends
/// the story: a story of some length came first and no more text follows than came before
/// (a "Comments" button in a tool bar above the text ends nothing).
pub fn ends_story(before: usize, after: usize) -> bool {
    before >= END_MARKER_MIN_STORY && after <= before
}

/// A blog widget left as its source (`[button link="…"] Send us YOUR review[/button]`): the
/// line opens with a lower-case `[name` and closes a `[/name]` tag.
fn is_unrendered_shortcode(t: &str) -> bool {
    let Some(rest) = t.strip_prefix('[') else {
        return false;
    };
    let name_len = rest
        .bytes()
        .take_while(|b| b.is_ascii_lowercase() || *b == b'_')
        .count();
    let name = &rest[..name_len];
    name_len >= 2
        && rest[name_len..].starts_with([' ', ']'])
        && t.trim_end().ends_with(']')
        && t.match_indices("[/").any(|(i, _)| {
            t[i + 2..]
                .strip_prefix(name)
                .is_some_and(|r| r.starts_with(']'))
        })
}

/// Names of a site's front page that open a breadcrumb trail.
const HOME_WORDS: [&str; 8] = [
    "home",
    "homepage",
    "startseite",
    "start",
    "accueil",
    "inicio",
    "главная",
    "головна",
];

/// A breadcrumb trail written out ("Home > Sports > Story", "Startseite » Politik"): a few
/// short steps joined by arrows, the first naming the front page. `n` is the folded line.
fn is_breadcrumb(n: &[u8]) -> bool {
    let Ok(line) = std::str::from_utf8(n) else {
        return false;
    };
    if line.len() > 160 {
        return false;
    }
    // The fold turned guillemets into '"'.
    let mut steps = line.split(['>', '"', '›']).map(str::trim);
    let first = steps.next().unwrap_or("");
    let rest: Vec<&str> = steps.collect();
    !rest.is_empty()
        && HOME_WORDS.contains(&first)
        && rest
            .iter()
            .all(|s| !s.is_empty() && s.split_whitespace().count() <= 5)
}

/// Classifies one line (or one short block) of a page.
///
/// Cost: one pass to normalize at most [`NORM_CAP`] bytes on the stack, then a table of
/// anchored rules gated by length; no allocation. Lines longer than every rule's limit go
/// straight to the caption test.
pub fn classify_line(line: &str) -> LineClass {
    let t = trim_furniture(line);
    if t.is_empty() || !t.chars().any(char::is_alphanumeric) {
        return LineClass::Boilerplate(Reason::Noise);
    }
    if t.len() <= MAX_RULE_LEN {
        let norm = Norm::<NORM_CAP>::new(t);
        let n = norm.as_bytes();
        if let Some(reason) = match_rules(n) {
            return LineClass::Boilerplate(reason);
        }
        if is_share_bar(n) {
            return LineClass::Boilerplate(Reason::Share);
        }
        if is_comment_count(n) {
            return LineClass::Boilerplate(Reason::CommentForm);
        }
        if is_byline(t) {
            return LineClass::Boilerplate(Reason::Byline);
        }
        if is_timestamp_line(t) {
            return LineClass::Boilerplate(Reason::Timestamp);
        }
        if is_bare_contact(t) {
            return LineClass::Boilerplate(Reason::Noise);
        }
        if is_unrendered_shortcode(line.trim()) || is_breadcrumb(n) {
            return LineClass::Boilerplate(Reason::Navigation);
        }
    }
    if mixes_scripts_in_words(t) {
        return LineClass::Boilerplate(Reason::Advertisement);
    }
    if is_caption(t) {
        return LineClass::Caption;
    }
    LineClass::Body
}

/// Whether a line spells several words with letters of two alphabets ("Yоur соntеnt" with
/// Cyrillic о, с, е): text disguised from filters, which on news pages means advertising or
/// spam. Real prose mixes scripts between words, not inside them. Looks at the first
/// [`NORM_CAP`] bytes only.
fn mixes_scripts_in_words(t: &str) -> bool {
    if t.is_ascii() {
        return false;
    }
    let head = &t[..floor_char_boundary(t, NORM_CAP.min(t.len()))];
    let mixed = head
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| {
            let latin = w.chars().any(|c| c.is_ascii_alphabetic());
            let other = w
                .chars()
                .any(|c| matches!(c, '\u{0370}'..='\u{03FF}' | '\u{0400}'..='\u{04FF}'));
            latin && other
        })
        .take(3)
        .count();
    mixed >= 3
}

/// A short line that is a date and little else ("November 20, 2019 - 11:28 AMT",
/// "segunda-feira, 22 de janeiro de 2018 às 0:13"): a page's timestamp, not story text.
fn is_timestamp_line(t: &str) -> bool {
    words_beside_date(t, 80).is_some_and(|n| n <= 3)
}

/// For a line of at most `max_len` bytes that holds a date: how many other words of three
/// letters or more it has. `None` for a longer line or one without a date.
pub fn words_beside_date(t: &str, max_len: usize) -> Option<usize> {
    if t.len() > max_len || !t.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let (_, range) = crate::dates::find_date(t, &crate::dates::DateContext::default())?;
    let rest = format!("{} {}", &t[..range.start], &t[range.end..]);
    Some(
        rest.split(|c: char| !c.is_alphabetic())
            .filter(|w| w.chars().count() > 2)
            .count(),
    )
}

/// A line that is only an e-mail address or a bare link ("paul.takahashi@chron.com",
/// "twitter.com/paultakahashi"): contact furniture under a story.
fn is_bare_contact(t: &str) -> bool {
    let t = t.trim();
    !t.contains(' ')
        && t.len() < 100
        && (t.contains('@') && t.contains('.') || t.contains(".com/") || t.starts_with("http"))
}

// ---------------------------------------------------------------------------------------------
// Normalization
// ---------------------------------------------------------------------------------------------

/// Trims whitespace, list bullets and arrows from the ends of a line: "» Read more ›" and
/// "• Share" are the same furniture as "Read more" and "Share".
pub fn trim_furniture(line: &str) -> &str {
    const LEAD: &[char] = &[
        '•', '·', '▪', '■', '□', '◆', '◇', '●', '○', '►', '▶', '▸', '→', '»', '›', '>', '|', '*',
        '#', '+', '-', '–', '—', '~', '¿', '¡', '[',
    ];
    const TRAIL: &[char] = &['»', '›', '→', '>', '|', '▸', '►', '▶', ']', '…'];
    line.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}')
        .trim_start_matches(|c: char| LEAD.contains(&c) || c.is_whitespace())
        .trim_end_matches(|c: char| TRAIL.contains(&c) || c.is_whitespace())
}

/// A line folded for matching, on the stack: ASCII, Latin-1 and Cyrillic capitals lower-cased,
/// typographic apostrophes to `'`, double quotes and guillemets to `"`, dashes to `-`,
/// every run of whitespace (incl. no-break and thin spaces) to one space, zero-width
/// characters dropped. Stops silently at [`NORM_CAP`] bytes.
struct Norm<const N: usize> {
    buf: [u8; N],
    len: usize,
}

impl<const N: usize> Norm<N> {
    fn new(s: &str) -> Self {
        let mut n = Norm {
            buf: [0; N],
            len: 0,
        };
        let mut space = false;
        let bytes = s.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            // ASCII fast path: no char decoding, no Option.
            if b < 0x80 {
                i += 1;
                if matches!(b, b' ' | b'\t'..=b'\r') {
                    space = true;
                    continue;
                }
                if space {
                    space = false;
                    if n.len > 0 {
                        if n.len >= N {
                            break;
                        }
                        n.buf[n.len] = b' ';
                        n.len += 1;
                    }
                }
                if n.len >= N {
                    break;
                }
                n.buf[n.len] = b | (u8::from(b.is_ascii_uppercase()) << 5);
                n.len += 1;
                continue;
            }
            let mapped: Option<char> = {
                let Some(c) = s.get(i..).and_then(|r| r.chars().next()) else {
                    break;
                };
                i += c.len_utf8();
                match c {
                    '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '\u{b4}' => {
                        Some('\'')
                    }
                    '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{ab}' | '\u{bb}' => Some('"'),
                    '\u{2010}'..='\u{2015}' | '\u{2212}' => Some('-'),
                    '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' => {
                        None
                    }
                    '\u{200b}'..='\u{200d}' | '\u{feff}' | '\u{ad}' => continue,
                    // Latin-1 capitals À..Þ (but not ×) lower-case by adding 0x20.
                    '\u{c0}'..='\u{de}' if c != '\u{d7}' => char::from_u32(c as u32 + 0x20),
                    // Cyrillic capitals: А..Я add 0x20, Ѐ..Џ (Ukrainian Є, І, Ї) add 0x50.
                    '\u{410}'..='\u{42f}' => char::from_u32(c as u32 + 0x20),
                    '\u{400}'..='\u{40f}' => char::from_u32(c as u32 + 0x50),
                    _ => Some(c),
                }
            };
            match mapped {
                None => space = true,
                Some(m) => {
                    if space && n.len > 0 && !n.push(' ') {
                        break;
                    }
                    space = false;
                    if !n.push(m) {
                        break;
                    }
                }
            }
        }
        n
    }

    #[inline]
    fn push(&mut self, c: char) -> bool {
        if c.is_ascii() {
            if self.len >= N {
                return false;
            }
            self.buf[self.len] = c as u8;
            self.len += 1;
            return true;
        }
        let mut tmp = [0u8; 4];
        let enc = c.encode_utf8(&mut tmp).as_bytes();
        if self.len + enc.len() > N {
            return false;
        }
        self.buf[self.len..self.len + enc.len()].copy_from_slice(enc);
        self.len += enc.len();
        true
    }

    fn as_bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }
}

/// Whether a byte continues a word. Non-ASCII bytes count as letters (umlauts, accents), so
/// "für" is one word and "teilen" inside "mitteilen" is not a match.
#[inline]
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

/// The normalized line without trailing punctuation, for whole-line comparisons: "Share:",
/// "Advertisement." and "Required fields are marked *" compare equal to their bare forms.
fn core(n: &[u8]) -> &[u8] {
    let mut end = n.len();
    while end > 0 && b" .:!>|*-,;".contains(&n[end - 1]) {
        end -= 1;
    }
    &n[..end]
}

/// Splits a `*` suffix off a pattern: `*` means "no word boundary needed after it" (stems
/// such as `subscri*`, years such as `20*`).
#[inline]
fn pattern(p: &str) -> (&[u8], bool) {
    let b = p.as_bytes();
    match b.split_last() {
        Some((b'*', rest)) => (rest, false),
        _ => (b, true),
    }
}

/// Whether `n` starts with the pattern at a word boundary.
#[inline]
fn starts_with_word(n: &[u8], p: &str) -> bool {
    let (p, boundary) = pattern(p);
    if !n.starts_with(p) {
        return false;
    }
    !boundary || !ends_in_word(p) || n.get(p.len()).is_none_or(|&b| !is_word_byte(b))
}

#[inline]
fn ends_in_word(p: &[u8]) -> bool {
    p.last().is_some_and(|&b| is_word_byte(b))
}

/// The first occurrence of `p` in `n` at or after `from`. A memchr on the first byte plus a
/// comparison: on lines of a few hundred bytes this beats building a searcher per call.
fn find_from(n: &[u8], p: &[u8], mut from: usize) -> Option<usize> {
    let (&first, _) = p.split_first()?;
    while from + p.len() <= n.len() {
        let i = from + memchr(first, &n[from..=n.len() - p.len()])?;
        if n[i..].starts_with(p) {
            return Some(i);
        }
        from = i + 1;
    }
    None
}

/// Whether `n` contains the pattern as a whole word (or as a stem, with `*`).
fn contains_word(n: &[u8], p: &str) -> bool {
    let (p, right) = pattern(p);
    let left = p.first().is_some_and(|&b| is_word_byte(b));
    let right = right && ends_in_word(p);
    let mut from = 0;
    while let Some(i) = find_from(n, p, from) {
        if (!left || i == 0 || !is_word_byte(n[i - 1]))
            && (!right || n.get(i + p.len()).is_none_or(|&b| !is_word_byte(b)))
        {
            return true;
        }
        from = i + 1;
    }
    false
}

// ---------------------------------------------------------------------------------------------
// Rule table
// ---------------------------------------------------------------------------------------------

/// An extra condition a rule needs besides its phrase.
#[derive(Clone, Copy)]
enum Cond {
    None,
    /// One of these words must also occur in the line.
    Any(&'static [&'static str]),
    /// A digit, and no sentence-final period.
    Stamp,
    /// The line does not end with '.', '!' or '?'.
    NoSentence,
    /// The line does not start with any of these ("Read more than 2,000 pages…").
    Unless(&'static [&'static str]),
    /// The phrase ends the line, but for trailing punctuation ("… findest du hier.").
    AtEnd,
}

/// One anchored rule: the line starts with `pat` (or contains it, for the unanchored table)
/// at a word boundary, is at most `max` bytes long, and meets `cond`.
struct Rule {
    pat: &'static str,
    max: u16,
    cond: Cond,
    reason: Reason,
}

const fn r(pat: &'static str, max: u16, reason: Reason) -> Rule {
    Rule {
        pat,
        max,
        cond: Cond::None,
        reason,
    }
}

const fn rc(pat: &'static str, max: u16, cond: Cond, reason: Reason) -> Rule {
    Rule {
        pat,
        max,
        cond,
        reason,
    }
}

/// The longest line any table rule looks at.
const MAX_RULE_LEN: usize = 420;

use Reason::*;

/// Whole-line furniture (compared after trailing punctuation is trimmed).
const EXACT: &[(&str, Reason)] = &[
    // Blog-platform widgets and article tools (EN, DE, ID, RU)
    ("like this", Share),
    ("like loading", Share),
    ("like loading...", Share),
    ("sukai ini", Share),
    ("suka memuat", Share),
    ("iklan", Advertisement),
    ("explore further", Related),
    ("topics", Navigation),
    ("related topics", Navigation),
    ("about the author", Byline),
    ("über den autor", Byline),
    ("über die autorin", Byline),
    ("table of contents", Navigation),
    ("inhaltsverzeichnis", Navigation),
    ("keine kommentare", CommentForm),
    ("no comments", CommentForm),
    ("bild anzeigen", Media),
    ("rezept drucken", Share),
    ("добавить отзыв", CommentForm),
    ("kontakt", Navigation),
    ("contact", Navigation),
    ("weitere informationen", RelatedHeader),
    ("more information", RelatedHeader),
    ("zum weiterlesen", RelatedHeader),
    ("quellenangaben", Navigation),
    ("empfehlungen aus der redaktion", RelatedHeader),
    ("vorschau auf den nächsten artikel", Navigation),
    ("permalien", Share),
    ("permalink", Share),
    ("last modified", Timestamp),
    ("aufrufe", Navigation),
    ("kommentare insgesamt", CommentForm),
    ("pressemitteilung als pdf", Share),
    ("alle angaben ohne gewähr", Copyright),
    ("artículos relacionados", RelatedHeader),
    // English
    ("advertisement", Advertisement),
    ("advertising", Advertisement),
    ("advert", Advertisement),
    ("adverts", Advertisement),
    ("ad", Advertisement),
    ("ads", Advertisement),
    ("sponsored", Advertisement),
    ("sponsored content", Advertisement),
    ("sponsored links", Advertisement),
    ("paid content", Advertisement),
    ("paid post", Advertisement),
    ("promoted", Advertisement),
    ("promoted content", Advertisement),
    ("partner content", Advertisement),
    ("ad feedback", Advertisement),
    ("video ad feedback", Advertisement),
    ("share", Share),
    ("shares", Share),
    ("tweet", Share),
    ("email", Share),
    ("e-mail", Share),
    ("print", Share),
    ("copy link", Share),
    ("copy link to clipboard", Share),
    ("link copied", Share),
    ("copied", Share),
    ("save", Share),
    ("save article", Share),
    ("save for later", Share),
    ("bookmark", Share),
    ("email address", Subscription),
    ("newsletter", Subscription),
    ("newsletters", Subscription),
    ("sign up", Subscription),
    ("subscribe", Subscription),
    ("get the app", AppPromo),
    ("open in app", AppPromo),
    ("source link", SourceLink),
    ("source", SourceLink),
    ("original article", Attribution),
    ("view original article", Attribution),
    ("dpa", Attribution),
    ("afp", Attribution),
    ("ap", Attribution),
    ("reuters", Attribution),
    ("comments", CommentForm),
    ("comment", CommentForm),
    ("post comment", CommentForm),
    ("submit comment", CommentForm),
    ("submit", CommentForm),
    ("reply", CommentForm),
    ("name", CommentForm),
    ("website", CommentForm),
    ("accept", Cookie),
    ("accept all", Cookie),
    ("accept cookies", Cookie),
    ("reject all", Cookie),
    ("manage preferences", Cookie),
    ("manage cookies", Cookie),
    ("cookie settings", Cookie),
    ("cookie policy", Cookie),
    ("privacy settings", Cookie),
    ("related", RelatedHeader),
    ("related articles", RelatedHeader),
    ("related stories", RelatedHeader),
    ("related news", RelatedHeader),
    ("related content", RelatedHeader),
    ("related coverage", RelatedHeader),
    ("related posts", RelatedHeader),
    ("related links", RelatedHeader),
    ("related topics", RelatedHeader),
    ("more stories", RelatedHeader),
    ("more news", RelatedHeader),
    ("more on this story", RelatedHeader),
    ("more on this topic", RelatedHeader),
    ("more like this", RelatedHeader),
    ("recommended", RelatedHeader),
    ("recommended for you", RelatedHeader),
    ("recommended stories", RelatedHeader),
    ("recommended articles", RelatedHeader),
    ("recommended reading", RelatedHeader),
    ("you may also like", RelatedHeader),
    ("você pode gostar", RelatedHeader),
    ("você também pode gostar", RelatedHeader),
    ("leia também", RelatedHeader),
    ("veja também", RelatedHeader),
    ("vous aimerez aussi", RelatedHeader),
    ("lea también", RelatedHeader),
    ("you might also like", RelatedHeader),
    ("you may be interested in", RelatedHeader),
    ("you might be interested in", RelatedHeader),
    ("don't miss", RelatedHeader),
    ("most read", RelatedHeader),
    ("most popular", RelatedHeader),
    ("most viewed", RelatedHeader),
    ("trending", RelatedHeader),
    ("trending now", RelatedHeader),
    ("top stories", RelatedHeader),
    ("latest news", RelatedHeader),
    ("latest stories", RelatedHeader),
    ("latest", RelatedHeader),
    ("what to read next", RelatedHeader),
    ("further reading", RelatedHeader),
    ("editor's picks", RelatedHeader),
    ("popular", RelatedHeader),
    ("in case you missed it", RelatedHeader),
    ("tags", Navigation),
    ("home", Navigation),
    ("menu", Navigation),
    ("search", Navigation),
    ("close", Navigation),
    ("skip to content", Navigation),
    ("skip to main content", Navigation),
    ("skip navigation", Navigation),
    ("back to top", Navigation),
    ("scroll to top", Navigation),
    ("toggle navigation", Navigation),
    ("main menu", Navigation),
    ("navigation", Navigation),
    ("loading", Navigation),
    ("log out", Navigation),
    ("sign out", Navigation),
    ("next", Navigation),
    ("previous", Navigation),
    ("more", Navigation),
    ("less", Navigation),
    ("show more", Navigation),
    ("show less", Navigation),
    ("see more", Navigation),
    ("see all", Navigation),
    ("view all", Navigation),
    ("click to expand", Navigation),
    ("expand", Navigation),
    ("image", Navigation),
    ("photo", Navigation),
    ("photos", Navigation),
    ("video", Navigation),
    ("videos", Navigation),
    ("gallery", Navigation),
    ("enlarge this image", Navigation),
    ("toggle caption", Navigation),
    ("hide caption", Navigation),
    ("caption", Navigation),
    ("privacy policy", Navigation),
    ("terms of use", Navigation),
    ("terms of service", Navigation),
    ("terms and conditions", Navigation),
    ("contact us", Navigation),
    ("about us", Navigation),
    ("sitemap", Navigation),
    ("do not sell my personal information", Navigation),
    ("do not sell or share my personal information", Navigation),
    ("your privacy choices", Navigation),
    ("ad choices", Navigation),
    ("adchoices", Navigation),
    ("play", Media),
    ("pause", Media),
    ("watch", Media),
    ("now playing", Media),
    // German
    ("anzeige", Advertisement),
    ("werbung", Advertisement),
    ("teilen", Share),
    ("drucken", Share),
    ("link kopieren", Share),
    ("versenden", Share),
    ("merken", Share),
    ("artikel merken", Share),
    ("kommentare", CommentForm),
    ("kommentar", CommentForm),
    ("alle akzeptieren", Cookie),
    ("akzeptieren", Cookie),
    ("ablehnen", Cookie),
    ("einstellungen", Cookie),
    ("impressum", Navigation),
    ("datenschutz", Navigation),
    ("datenschutzerklärung", Navigation),
    ("startseite", Navigation),
    ("zurück", Navigation),
    ("mehr", Navigation),
    ("themen", Navigation),
    ("abo", Subscription),
    ("empfehlungen", RelatedHeader),
    ("meistgelesen", RelatedHeader),
    ("meistgelesene artikel", RelatedHeader),
    ("meist gelesen", RelatedHeader),
    // French
    ("publicité", Advertisement),
    ("publicite", Advertisement),
    ("annonce", Advertisement),
    ("partager", Share),
    ("imprimer", Share),
    ("copier le lien", Share),
    ("commentaires", CommentForm),
    ("répondre", CommentForm),
    ("tout accepter", Cookie),
    ("accepter", Cookie),
    ("refuser", Cookie),
    ("accueil", Navigation),
    ("mentions légales", Navigation),
    ("politique de confidentialité", Navigation),
    ("les plus lus", RelatedHeader),
    ("articles similaires", RelatedHeader),
    ("articles liés", RelatedHeader),
    // Spanish
    ("publicidad", Advertisement),
    ("compartir", Share),
    ("imprimir", Share),
    ("copiar enlace", Share),
    ("comentarios", CommentForm),
    ("responder", CommentForm),
    ("aceptar", Cookie),
    ("aceptar todas", Cookie),
    ("rechazar", Cookie),
    ("inicio", Navigation),
    ("aviso legal", Navigation),
    ("política de privacidad", Navigation),
    ("más información", Navigation),
    ("lo más leído", RelatedHeader),
    ("lo más visto", RelatedHeader),
    ("noticias relacionadas", RelatedHeader),
    ("más noticias", RelatedHeader),
    ("relacionado", RelatedHeader),
    ("relacionados", RelatedHeader),
    ("contenido relacionado", RelatedHeader),
    ("artículos relacionados", RelatedHeader),
    ("te recomendamos", RelatedHeader),
    // Russian, Ukrainian
    ("реклама", Advertisement),
    ("поделиться", Share),
    ("поділитися", Share),
    ("комментарии", CommentForm),
    ("коментарі", CommentForm),
    ("добавить отзыв", CommentForm),
    ("добавить комментарий", CommentForm),
    ("оставить комментарий", CommentForm),
    ("читайте также", RelatedHeader),
    ("читайте також", RelatedHeader),
    ("похожие статьи", RelatedHeader),
    ("похожие новости", RelatedHeader),
    ("популярное", RelatedHeader),
    ("главная", Navigation),
    ("головна", Navigation),
];

const SOCIAL: Cond = Cond::Any(&[
    "on twitter",
    "on x",
    "on facebook",
    "on instagram",
    "on tiktok",
    "on telegram",
    "on whatsapp",
    "on linkedin",
    "on threads",
    "on bluesky",
    "on youtube",
    "on google news",
]);
/// A republication note names the piece it is about ("This article first appeared in …"); "It
/// first appeared in 2014" is story text.
const REPUBLISHED: Cond = Cond::Any(&[
    "this article",
    "this story",
    "this post",
    "this piece",
    "this column",
    "this report",
    "this essay",
    "this interview",
    "this op-ed",
    "a version of",
]);
const APP: Cond = Cond::Any(&["app", "apps", "application", "app store", "google play"]);
/// Words about the publication that make "unterstütze unser …" an appeal to readers rather
/// than a plea quoted in the story.
const PUBLICATION: Cond = Cond::Any(&[
    "magazin*",
    "journalismus",
    "redaktion",
    "beitrag",
    "spende*",
    "arbeit",
]);
/// Words that make a mention of both app platforms a download pitch rather than tech news.
const STORE_PITCH: Cond = Cond::Any(&[
    "download*",
    "herunterladen",
    "kostenlos",
    "gratis",
    "descarga*",
    "descargue",
    "télécharge*",
]);
/// A stamp: has a digit and does not end like a sentence ("Published reports said 40 …").
const STAMP: Cond = Cond::Stamp;
/// Furniture labels do not end like sentences; "In Teilen der Stadt fiel der Strom aus." does.
const NO_SENTENCE: Cond = Cond::NoSentence;

/// Furniture recognised by how the line starts (at a word boundary), with a length limit.
/// Where a "Back to …" or "Return to …" link leads: a place on the site, not a story's words
/// ("Back to school" heads a story).
const BACK_TO_TARGETS: &[&str] = &[
    "top",
    "index",
    "home",
    "homepage",
    "front page",
    "main page",
    "list",
    "overview",
    "results",
    "search",
    "menu",
    "section",
    "articles",
    "stories",
    "blog",
    "forum",
    "gallery",
    "archive",
];

const PREFIX: &[Rule] = &[
    // --- sign-up, subscription, paywall (EN)
    rc(
        "join ",
        140,
        Cond::Any(&[
            "to access",
            "to continue",
            "to read",
            "to unlock",
            "for free",
            "newsletter",
            "subscri*",
            "membership",
            "premium",
            "our community",
        ]),
        Subscription,
    ),
    r("plus, you'll get", 320, Subscription),
    r("please enter a valid", 160, Subscription),
    r("please enter your email", 160, Subscription),
    r("please provide a valid", 160, Subscription),
    r("enter your email", 160, Subscription),
    r("enter a valid email", 160, Subscription),
    r("invalid email", 100, Subscription),
    r("sign up", 220, Subscription),
    r("signup", 160, Subscription),
    rc("sign in", 100, NO_SENTENCE, Subscription),
    rc("log in", 100, NO_SENTENCE, Subscription),
    rc("login", 60, NO_SENTENCE, Subscription),
    r("register now", 160, Subscription),
    r("register for free", 160, Subscription),
    r("register to continue", 160, Subscription),
    r("register here", 160, Subscription),
    r("audios and videos on the topic", 100, RelatedHeader),
    r("submit your letter", 160, Subscription),
    rc("mire:", 200, NO_SENTENCE, Related),
    rc("vea también", 200, NO_SENTENCE, Related),
    r("audios et vidéos sur le sujet", 100, RelatedHeader),
    r("artículos relacionados", 100, RelatedHeader),
    rc("permalink", 120, NO_SENTENCE, Share),
    rc("permalien", 120, NO_SENTENCE, Share),
    r("(no ratings yet)", 60, Share),
    r("subscribe", 220, Subscription),
    r("subscribers only", 160, Subscription),
    r("already a subscriber", 160, Subscription),
    r("already a member", 160, Subscription),
    r("already have an account", 160, Subscription),
    r("already registered", 160, Subscription),
    r("don't have an account", 160, Subscription),
    r("create a free account", 220, Subscription),
    r("create an account", 160, Subscription),
    r("create your free account", 220, Subscription),
    r("become a member", 160, Subscription),
    r("become a subscriber", 160, Subscription),
    r("support our journalism", 220, Subscription),
    r("support independent journalism", 220, Subscription),
    r("donate now", 120, Subscription),
    r("get unlimited access", 220, Subscription),
    r("unlock this", 160, Subscription),
    r("unlock unlimited", 160, Subscription),
    r("unlimited access", 160, Subscription),
    rc(
        "you've reached",
        220,
        Cond::Any(&["limit", "free article*"]),
        Subscription,
    ),
    rc(
        "you have reached",
        220,
        Cond::Any(&["limit", "free article*"]),
        Subscription,
    ),
    r("thank you for signing up", 220, Subscription),
    r("thanks for signing up", 220, Subscription),
    r("thank you for subscribing", 220, Subscription),
    r("thanks for subscribing", 220, Subscription),
    r("you're all set", 120, Subscription),
    r("by signing up", 320, Subscription),
    r("by subscribing", 320, Subscription),
    r("by entering your email", 320, Subscription),
    r("by providing your email", 320, Subscription),
    rc(
        "by clicking",
        320,
        Cond::Any(&["agree", "consent", "sign up", "subscri*"]),
        Subscription,
    ),
    r("get our newsletter", 200, Subscription),
    r("get the latest news delivered", 200, Subscription),
    r("this site is protected by recaptcha", 320, Subscription),
    // --- related links (EN)
    r("see also", 260, Related),
    rc(
        "read more",
        260,
        Cond::Unless(&["read more than", "read more of", "read more about the case"]),
        Related,
    ),
    r("read also", 260, Related),
    r("also read", 260, Related),
    r("also see", 260, Related),
    r("read next", 260, Related),
    r("read:", 260, Related),
    r("more:", 260, Related),
    r("related:", 260, Related),
    r("related coverage", 260, Related),
    r("related stories", 260, Related),
    r("related articles", 260, Related),
    r("related news", 260, Related),
    r("related video", 260, Related),
    r("related content", 260, Related),
    r("related reading", 260, Related),
    r("recommended:", 260, Related),
    r("click here to read", 260, Related),
    r("click here for more", 260, Related),
    r("click here for the latest", 260, Related),
    rc(
        "for more",
        220,
        Cond::Any(&["click", "visit", "go to", "head to"]),
        Related,
    ),
    r("read the full", 220, Related),
    r("read the latest", 220, Related),
    r("keep reading", 120, Related),
    r("continue reading", 140, Related),
    r("more from", 100, RelatedHeader),
    r("other news in", 60, RelatedHeader),
    r("related in", 40, RelatedHeader),
    r("also today on", 60, RelatedHeader),
    r("talkback", 40, CommentForm),
    r("trackbacks", 40, CommentForm),
    r("no trackbacks", 40, CommentForm),
    r("interested in this topic", 40, Subscription),
    r("more stories from", 120, RelatedHeader),
    r("most read", 100, RelatedHeader),
    r("tags:", 320, Navigation),
    r("topics:", 320, Navigation),
    r("categories:", 320, Navigation),
    r("filed under", 220, Navigation),
    r("posted in", 160, Navigation),
    r("previous article", 260, Navigation),
    r("next article", 260, Navigation),
    r("previous post", 260, Navigation),
    r("next post", 260, Navigation),
    r("previous story", 260, Navigation),
    r("next story", 260, Navigation),
    r("skip to", 100, Navigation),
    rc("back to ", 60, Cond::Any(BACK_TO_TARGETS), Navigation),
    rc("return to ", 60, Cond::Any(BACK_TO_TARGETS), Navigation),
    r("open image", 100, Navigation),
    r("view image", 100, Navigation),
    r("privacy policy", 160, Navigation),
    r("terms of use", 160, Navigation),
    r("terms of service", 160, Navigation),
    // --- media players
    r("watch:", 260, Media),
    r("video:", 260, Media),
    r("listen:", 260, Media),
    r("watch the video", 160, Media),
    r("watch video", 160, Media),
    r("watch now", 100, Media),
    r("play video", 100, Media),
    r("click to play", 100, Media),
    r("listen to this article", 160, Media),
    r("listen to this story", 160, Media),
    r("listen now", 100, Media),
    r("now playing", 160, Media),
    // --- apps, follow-us (EN)
    r("click here to get the", 160, AppPromo),
    r("click here to download", 160, AppPromo),
    r("download our", 160, AppPromo),
    rc("download the", 160, APP, AppPromo),
    rc("get the", 120, APP, AppPromo),
    rc("install the", 160, APP, AppPromo),
    r("available on the app store", 160, AppPromo),
    r("get it on google play", 160, AppPromo),
    r("follow us", 160, AppPromo),
    r("follow @", 200, AppPromo),
    r("like this story", 120, Share),
    rc("follow ", 160, SOCIAL, AppPromo),
    r("like us on facebook", 160, AppPromo),
    r("turn on notifications", 160, AppPromo),
    r("enable notifications", 160, AppPromo),
    r("allow notifications", 160, AppPromo),
    // --- share bars (EN)
    r("share this", 100, Share),
    r("share on", 100, Share),
    r("share via", 100, Share),
    r("share to", 100, Share),
    r("share article", 100, Share),
    r("share story", 100, Share),
    r("click to share", 160, Share),
    r("gift this article", 120, Share),
    r("gift article", 120, Share),
    // --- provenance and credits (EN)
    r("source:", 100, Attribution),
    r("sources:", 160, Attribution),
    r("source :", 100, Attribution),
    r("originally published", 260, Attribution),
    r("this article originally", 320, Attribution),
    r("this story originally", 320, Attribution),
    r("this article first", 320, Attribution),
    r("this story first", 320, Attribution),
    r("this article was originally", 320, Attribution),
    r("this story was originally", 320, Attribution),
    rc(
        "a version of this",
        320,
        Cond::Any(&["story", "article"]),
        Attribution,
    ),
    r("reporting by", 500, Attribution),
    r("(reporting by", 500, Attribution),
    r("(additional reporting by", 500, Attribution),
    r("(editing by", 300, Attribution),
    rc("image ", 20, Cond::Any(&[" of "]), Media),
    rc("photo ", 20, Cond::Any(&[" of "]), Media),
    rc("bild ", 20, Cond::Any(&[" von "]), Media),
    rc(
        "follow ",
        200,
        Cond::Any(&[
            "full coverage",
            "latest coverage",
            "live coverage",
            "our coverage",
        ]),
        Related,
    ),
    rc("popular on ", 60, NO_SENTENCE, RelatedHeader),
    r("publicado por", 200, Byline),
    r("additional reporting by", 320, Attribution),
    r("editing by", 220, Attribution),
    r("writing by", 220, Attribution),
    r("compiled by", 160, Attribution),
    r("our standards:", 220, Attribution),
    // --- comments (EN)
    r("leave a reply", 160, CommentForm),
    r("leave a comment", 160, CommentForm),
    r("post a comment", 160, CommentForm),
    r("add a comment", 160, CommentForm),
    r("write a comment", 160, CommentForm),
    r("view comments", 100, CommentPrompt),
    r("show comments", 100, CommentPrompt),
    r("load comments", 100, CommentPrompt),
    r("view all comments", 100, CommentPrompt),
    r("be the first to comment", 160, CommentPrompt),
    r("join the conversation", 220, CommentPrompt),
    r("join the discussion", 220, CommentPrompt),
    r("your email address will not be published", 320, CommentForm),
    r("required fields are marked", 220, CommentForm),
    r("save my name, email", 320, CommentForm),
    r("cancel reply", 100, CommentForm),
    r("you must be logged in to post", 220, CommentForm),
    r("notify me of", 220, CommentForm),
    r("comment policy", 160, CommentPrompt),
    // --- ads (EN)
    r("advertisement", 100, Advertisement),
    r("story continues below", 140, Advertisement),
    r("story continues after", 140, Advertisement),
    r("article continues below", 140, Advertisement),
    r("article continues after", 140, Advertisement),
    r("the article continues", 140, Advertisement),
    r("continue reading below", 140, Advertisement),
    r("scroll to continue", 140, Advertisement),
    r("skip advert", 100, Advertisement),
    r("skip ad", 60, Advertisement),
    // --- copyright
    r("©", 260, Copyright),
    rc(
        "copyright",
        260,
        Cond::Any(&["©", "(c)", "reserved", "rights", "19*", "20*"]),
        Copyright,
    ),
    r("(c) 19*", 260, Copyright),
    r("(c) 20*", 260, Copyright),
    // --- timestamps
    rc("published", 100, STAMP, Timestamp),
    rc("updated", 100, STAMP, Timestamp),
    rc("last updated", 100, STAMP, Timestamp),
    rc("posted", 100, STAMP, Timestamp),
    r("reading time", 60, Timestamp),
    rc("veröffentlicht", 100, STAMP, Timestamp),
    rc("aktualisiert", 100, STAMP, Timestamp),
    rc("zuletzt aktualisiert", 100, STAMP, Timestamp),
    rc("stand:", 60, STAMP, Timestamp),
    rc("publié", 100, STAMP, Timestamp),
    rc("mis à jour", 100, STAMP, Timestamp),
    rc("publicado", 100, STAMP, Timestamp),
    rc("actualizado", 100, STAMP, Timestamp),
    r("temps de lecture", 60, Timestamp),
    r("tiempo de lectura", 60, Timestamp),
    r("lesezeit", 60, Timestamp),
    // --- German
    r("jetzt abonnieren", 160, Subscription),
    r("abonnieren", 160, Subscription),
    r("newsletter abonnieren", 160, Subscription),
    r("zum newsletter", 160, Subscription),
    r("jetzt anmelden", 160, Subscription),
    r("jetzt registrieren", 160, Subscription),
    rc("anmelden", 100, NO_SENTENCE, Subscription),
    rc("registrieren", 100, NO_SENTENCE, Subscription),
    r("melden sie sich an", 220, Subscription),
    r("melden sie sich für", 220, Subscription),
    r("bitte geben sie eine gültige", 160, Subscription),
    r("bitte geben sie ihre e-mail", 160, Subscription),
    r("bereits abonnent", 160, Subscription),
    rc(
        "sie sind bereits",
        160,
        Cond::Any(&["abonnent*", "registriert", "angemeldet"]),
        Subscription,
    ),
    r("sie haben bereits ein", 160, Subscription),
    r("jetzt weiterlesen", 160, Subscription),
    r("weiterlesen mit", 160, Subscription),
    r("mit plus weiterlesen", 160, Subscription),
    r("jetzt testen", 120, Subscription),
    r("jetzt kostenlos", 160, Subscription),
    r("zugang zu allen", 160, Subscription),
    r("alle artikel lesen", 160, Subscription),
    r("jetzt abo", 160, Subscription),
    r("ihr abo", 120, Subscription),
    r("audios und videos zum thema", 100, RelatedHeader),
    r("bild anzeigen", 60, Media),
    r("keine kommentare", 100, CommentForm),
    rc("kommentare insgesamt", 40, NO_SENTENCE, CommentForm),
    r("(alle angaben ohne gewähr)", 40, Copyright),
    rc("weitere informationen zum", 100, NO_SENTENCE, RelatedHeader),
    r("werden sie mitglied", 160, Subscription),
    // Appeals that open by asking whether the reader likes the site ("Gefällt dir unser
    // Magazin? … brauchen wir deine Unterstützung").
    r("gefällt dir unser*", 420, Subscription),
    r("gefällt ihnen unser*", 420, Subscription),
    // A site's own product or tool pitched under the article ("Kennt ihr schon unseren
    // Brandfinder?").
    r("kennt ihr schon unser*", 420, Advertisement),
    r("kennst du schon unser*", 420, Advertisement),
    r("kennen sie schon unser*", 420, Advertisement),
    rc("empfehlungen aus", 100, NO_SENTENCE, RelatedHeader),
    r("diese artikel könnten", 260, Related),
    r("das könnte dich auch interessieren", 260, Related),
    r("das könnte euch auch interessieren", 260, Related),
    // Player and widget instructions ("Mit diesem Button kannst Du diese Episode …").
    r("mit diesem button", 320, Navigation),
    r("with this button", 320, Navigation),
    // Review prompts of product and recipe pages.
    r("bitte teilen sie uns ihre erfahrung*", 220, CommentPrompt),
    r("schreiben sie die erste bewertung", 160, CommentPrompt),
    r("be the first to review", 160, CommentPrompt),
    rc(
        "wir bei",
        60,
        Cond::Any(&["whatsapp", "telegram", "facebook", "instagram"]),
        Share,
    ),
    r("rezept drucken", 160, Share),
    rc("aufrufe:", 160, STAMP, Navigation),
    r("(noch keine bewertungen)", 60, Share),
    r("mehr zum thema", 260, Related),
    r("lesen sie auch", 260, Related),
    r("lesen sie mehr", 260, Related),
    r("lesen sie hier", 260, Related),
    r("lesen sie dazu", 260, Related),
    r("lesen sie weiter", 260, Related),
    r("auch interessant", 260, Related),
    r("das könnte sie auch interessieren", 260, Related),
    r("das könnte sie interessieren", 260, Related),
    r("weitere artikel", 260, Related),
    r("weitere nachrichten", 260, Related),
    r("weiterlesen", 260, Related),
    r("mehr dazu", 260, Related),
    r("mehr lesen", 260, Related),
    rc("mehr zu", 160, NO_SENTENCE, Related),
    r("ähnliche artikel", 260, Related),
    r("ähnliche themen", 260, Related),
    r("verwandte artikel", 260, Related),
    r("empfohlene artikel", 260, Related),
    r("auch lesenswert", 260, Related),
    r("lesetipp", 260, Related),
    r("zum artikel", 260, Related),
    rc("zum thema", 80, NO_SENTENCE, Related),
    r("mehr aus", 100, RelatedHeader),
    r("mehr news", 100, RelatedHeader),
    r("mehr nachrichten", 100, RelatedHeader),
    r("top-themen", 100, RelatedHeader),
    r("schlagworte", 320, Navigation),
    r("themen:", 320, Navigation),
    r("artikel teilen", 100, Share),
    r("beitrag teilen", 100, Share),
    r("teilen auf", 100, Share),
    r("per mail versenden", 100, Share),
    r("per e-mail", 100, Share),
    r("jetzt die app", 160, AppPromo),
    rc("laden sie die", 160, APP, AppPromo),
    r("folgen sie uns", 160, AppPromo),
    r("quelle:", 100, Attribution),
    r("mit material von", 160, Attribution),
    r("mit informationen von", 160, Attribution),
    r("schreibe einen kommentar", 220, CommentForm),
    r("kommentar schreiben", 160, CommentForm),
    r("kommentieren", 120, CommentPrompt),
    r(
        "deine e-mail-adresse wird nicht veröffentlicht",
        320,
        CommentForm,
    ),
    r(
        "ihre e-mail-adresse wird nicht veröffentlicht",
        320,
        CommentForm,
    ),
    r("erforderliche felder sind", 220, CommentForm),
    r("pflichtfelder sind", 220, CommentForm),
    r("antworten abbrechen", 100, CommentForm),
    r("weiter nach der anzeige", 120, Advertisement),
    r("artikel wird nach der anzeige", 160, Advertisement),
    r("artikel anhören", 100, Media),
    r("artikel vorlesen", 100, Media),
    // --- French
    r("abonnez-vous", 220, Subscription),
    r("s'abonner", 160, Subscription),
    r("je m'abonne", 160, Subscription),
    r("inscrivez-vous", 220, Subscription),
    r("s'inscrire", 160, Subscription),
    r("déjà abonné", 160, Subscription),
    r("se connecter", 100, Subscription),
    r("connectez-vous", 160, Subscription),
    rc(
        "il vous reste",
        220,
        Cond::Any(&["article*", "lire"]),
        Subscription,
    ),
    r("veuillez saisir une adresse", 160, Subscription),
    r("veuillez entrer une adresse", 160, Subscription),
    r("lire aussi", 260, Related),
    r("à lire aussi", 260, Related),
    r("a lire aussi", 260, Related),
    r("à lire également", 260, Related),
    r("lire également", 260, Related),
    r("lire la suite", 220, Related),
    r("lire plus", 160, Related),
    r("voir aussi", 260, Related),
    r("à voir aussi", 260, Related),
    r("a voir aussi", 260, Related),
    r("sur le même sujet", 260, Related),
    r("en savoir plus", 220, Related),
    r("découvrir aussi", 260, Related),
    r("à découvrir", 260, Related),
    r("partager sur", 100, Share),
    r("partager cet article", 100, Share),
    r("téléchargez l'application", 160, AppPromo),
    r("téléchargez notre", 160, AppPromo),
    r("suivez-nous", 160, AppPromo),
    r("laisser un commentaire", 160, CommentForm),
    r("laisser une réponse", 160, CommentForm),
    r("votre adresse e-mail ne sera pas publiée", 320, CommentForm),
    r(
        "votre adresse de messagerie ne sera pas publiée",
        320,
        CommentForm,
    ),
    r("les champs obligatoires sont", 220, CommentForm),
    r("la suite après", 120, Advertisement),
    r("l'article continue", 120, Advertisement),
    r("écouter cet article", 100, Media),
    r("avec afp", 60, Attribution),
    // --- Spanish
    r("suscríbete", 220, Subscription),
    r("suscribete", 220, Subscription),
    r("suscríbase", 220, Subscription),
    r("suscribirse", 160, Subscription),
    r("regístrate", 160, Subscription),
    r("registrate", 160, Subscription),
    r("inicia sesión", 160, Subscription),
    r("iniciar sesión", 160, Subscription),
    r("ya eres suscriptor", 160, Subscription),
    r("introduce un correo", 160, Subscription),
    r("introduce tu correo", 160, Subscription),
    r("lee también", 260, Related),
    r("lea también", 260, Related),
    r("leer más", 220, Related),
    r("lee más", 220, Related),
    r("ver también", 260, Related),
    r("te puede interesar", 260, Related),
    r("le puede interesar", 260, Related),
    r("también te puede interesar", 260, Related),
    r("seguir leyendo", 160, Related),
    r("sigue leyendo", 160, Related),
    r("compartir en", 100, Share),
    r("comparte esta noticia", 100, Share),
    r("descarga la app", 160, AppPromo),
    r("descarga nuestra", 160, AppPromo),
    r("síguenos", 160, AppPromo),
    r("siguenos", 160, AppPromo),
    r("fuente:", 100, Attribution),
    r("con información de", 220, Attribution),
    r("deja una respuesta", 160, CommentForm),
    r("deja un comentario", 160, CommentForm),
    r("dejar un comentario", 160, CommentForm),
    r(
        "tu dirección de correo electrónico no será publicada",
        320,
        CommentForm,
    ),
    r("los campos obligatorios están marcados", 220, CommentForm),
    rc("escuchar", 60, NO_SENTENCE, Media),
];

/// Phrases unambiguous anywhere in a short line.
const CONTAINS: &[Rule] = &[
    r("to access this content", 220, Subscription),
    r("our newsletter", 220, Subscription),
    rc(
        "newsletter*",
        160,
        Cond::Any(&[
            "inbox",
            "sign up",
            "sign-up",
            "subscribe",
            "delivered",
            "abonnieren",
            "anmelden",
        ]),
        Subscription,
    ),
    r("sign up for our", 220, Subscription),
    r("subscribe to our", 220, Subscription),
    r("for subscribers", 160, Subscription),
    r("subscribers only", 160, Subscription),
    r("subscriber-only", 160, Subscription),
    r("subscriber exclusive", 160, Subscription),
    rc(
        "premium content",
        320,
        Cond::Any(&["account", "subscri*", "free", "access", "sign*"]),
        Subscription,
    ),
    r("nur für abonnenten", 220, Subscription),
    r("exklusiv für abonnenten", 220, Subscription),
    r("für abonnenten", 160, Subscription),
    r("abo abschließen", 160, Subscription),
    r("réservé aux abonnés", 220, Subscription),
    r("notre newsletter", 220, Subscription),
    r("exclusivo para suscriptores", 220, Subscription),
    r("para suscriptores", 160, Subscription),
    r("nuestro boletín", 220, Subscription),
    r("nuestra newsletter", 220, Subscription),
    rc("originally appeared on", 320, REPUBLISHED, Attribution),
    rc("originally appeared in", 320, REPUBLISHED, Attribution),
    rc("first appeared on", 320, REPUBLISHED, Attribution),
    rc("first appeared in", 320, REPUBLISHED, Attribution),
    rc("was originally published", 320, REPUBLISHED, Attribution),
    r("contributed to this report", 260, Attribution),
    rc("keep up with me", 220, SOCIAL, Byline),
    r("sign up here", 160, Subscription),
    r("affiliate links", 220, Advertisement),
    r("amazon product advertising api", 220, Advertisement),
    rc(
        "tenemos canal de",
        200,
        Cond::Any(&["telegram", "whatsapp"]),
        Share,
    ),
    rc(
        "im abo",
        220,
        Cond::Any(&["e-paper", "kiosk*", "bahnhofskiosk", "einzelheft"]),
        Subscription,
    ),
    // "… oder bestellen Sie es im Shop als Abo oder Einzelheft:"
    rc(
        "als abo",
        220,
        Cond::Any(&["bestell*", "einzelheft", "e-paper", "shop"]),
        Subscription,
    ),
    rc("als pdf herunterladen", 100, NO_SENTENCE, Share),
    rc("download as pdf", 100, NO_SENTENCE, Share),
    rc(
        "will not be published",
        320,
        Cond::Any(&["email", "e-mail"]),
        CommentForm,
    ),
    rc(
        "wird nicht veröffentlicht",
        320,
        Cond::Any(&["e-mail*", "email"]),
        CommentForm,
    ),
    rc(
        "ne sera pas publiée",
        320,
        Cond::Any(&["adresse", "e-mail", "email"]),
        CommentForm,
    ),
    rc(
        "no será publicada",
        320,
        Cond::Any(&["correo"]),
        CommentForm,
    ),
    r("comments are closed", 160, CommentForm),
    // Shop buttons and pitches ("Add the ingredients to your basket", "In den Warenkorb").
    r("to your basket", 160, Advertisement),
    r("to your cart", 160, Advertisement),
    r("in den warenkorb", 160, Advertisement),
    // A footer's legal links run together ("IMPRESSUM | DATENSCHUTZ | COPYRIGHT …").
    rc(
        "impressum",
        200,
        Cond::Any(&["datenschutz*", "kontakt", "agb", "copyright", "privacy"]),
        Navigation,
    ),
    // Invitations to comment, wherever the sentence puts them ("Verraten Sie gerne in den
    // Kommentaren: …", "Let us know in the comments").
    rc(
        "in den kommentaren",
        200,
        Cond::Any(&[
            "verrat*",
            "schreib*",
            "teilt",
            "teilen sie",
            "erzähl*",
            "lasst",
            "lassen sie",
        ]),
        CommentPrompt,
    ),
    rc(
        "in the comments",
        200,
        Cond::Any(&["let us know", "tell us", "share your", "leave", "drop"]),
        CommentPrompt,
    ),
    // Donation and membership appeals ("Wesprzyj nas darowizną", "HAZTE MIEMBRO"). The
    // German ones need a word about the publication, so a politician's quoted plea stays.
    r("wesprzyj nas", 320, Subscription),
    r("hazte miembro", 320, Subscription),
    r("hazte socio", 320, Subscription),
    r("devenez membre", 320, Subscription),
    r("support independent journalism", 320, Subscription),
    rc("unterstütze unser*", 320, PUBLICATION, Subscription),
    rc("unterstützen sie unser*", 320, PUBLICATION, Subscription),
    rc(
        "brauchen wir deine unterstützung",
        320,
        Cond::Any(&[
            "werbe*",
            "inhalte",
            "paywall",
            "bezahlschranke",
            "abo*",
            "magazin*",
        ]),
        Subscription,
    ),
    // App pitches that name both stores' platforms ("… download the Nationnews apps for
    // iOS and Android", "Jetzt kostenlos für iOS und Android!").
    rc("ios and android", 200, STORE_PITCH, AppPromo),
    rc("android and ios", 200, STORE_PITCH, AppPromo),
    rc("ios und android", 200, STORE_PITCH, AppPromo),
    rc("ios y android", 200, STORE_PITCH, AppPromo),
    rc("ios et android", 200, STORE_PITCH, AppPromo),
    // Posting metadata left at the foot of a post ("News date : 04/21/2022 Category : Press
    // Releases", "Created … - Last Modified: …").
    // Not the German "Kategorie:", which also heads the entries of award lists.
    rc("category:", 160, NO_SENTENCE, Navigation),
    rc("category :", 160, NO_SENTENCE, Navigation),
    rc("last modified", 160, STAMP, Timestamp),
    // A link line that sends the reader elsewhere ("Alles über nachhaltige Wanderschuhe
    // findest Du hier."); "Vorab findest du hier eine Übersicht:" introduces story text.
    rc("findest du hier", 120, Cond::AtEnd, Related),
    rc("findet ihr hier", 120, Cond::AtEnd, Related),
    rc("finden sie hier", 120, Cond::AtEnd, Related),
    rc("lesen sie hier", 120, Cond::AtEnd, Related),
    rc("erfährst du hier", 120, Cond::AtEnd, Related),
    rc("erfahren sie hier", 120, Cond::AtEnd, Related),
    rc(
        "cookie*",
        420,
        Cond::Any(&[
            "we use",
            "this site uses",
            "this website uses",
            "accept*",
            "consent*",
            "privacy",
            "our site",
            "browsing",
            "you agree",
            "wir verwenden",
            "wir nutzen",
            "diese website",
            "akzeptier*",
            "zustimm*",
            "einwilligung",
            "datenschutz*",
            "verwendet",
            "nous utilisons",
            "ce site",
            "accepter",
            "consentement",
            "utilise",
            "utilizamos",
            "usamos",
            "este sitio",
            "aceptar",
            "consentimiento",
            "utiliza",
        ]),
        Cookie,
    ),
    r("all rights reserved", 320, Copyright),
    r("alle rechte vorbehalten", 320, Copyright),
    r("tous droits réservés", 320, Copyright),
    r("todos los derechos reservados", 320, Copyright),
    r("may not be published, broadcast", 320, Copyright),
    r("this material may not be", 320, Copyright),
    rc(
        "expressly prohibited",
        420,
        Cond::Any(&["redistribut*", "republication", "reproduc*", "copying"]),
        Copyright,
    ),
    rc(
        "without written permission",
        320,
        Cond::Any(&["copied", "reproduced", "redistributed", "republished"]),
        Copyright,
    ),
    r("story continues below", 160, Advertisement),
    r("this slideshow requires javascript", 60, Media),
    r("читайте также", 260, Related),
    r("читайте також", 260, Related),
    r("самые популярные", 60, RelatedHeader),
    r("найпопулярніші", 60, RelatedHeader),
    r("tell us what you think", 60, CommentPrompt),
    r("nach der anzeige", 120, Advertisement),
    r("après cette publicité", 120, Advertisement),
    r("après la publicité", 120, Advertisement),
    r("después de la publicidad", 120, Advertisement),
    r("app herunterladen", 160, AppPromo),
    rc(
        "app store",
        160,
        Cond::Any(&["google play", "download*", "available"]),
        AppPromo,
    ),
    rc(
        "google play",
        160,
        Cond::Any(&[
            "get it",
            "available on",
            "download our",
            "download the",
            "app store",
        ]),
        AppPromo,
    ),
    r("min read", 40, Timestamp),
    r("minute read", 40, Timestamp),
    r("min. lesezeit", 60, Timestamp),
    rc("ago", 30, STAMP, Timestamp),
    rc("teilen", 40, NO_SENTENCE, Share),
    rc("partager", 50, NO_SENTENCE, Share),
    rc("compartir", 50, NO_SENTENCE, Share),
    rc(
        "can be reached at",
        220,
        Cond::Any(&["@", "email", "e-mail", "twitter", "follow"]),
        Attribution,
    ),
];

fn cond_ok(cond: Cond, pat: &str, n: &[u8]) -> bool {
    match cond {
        Cond::AtEnd => core(n).ends_with(pattern(pat).0),
        Cond::None => true,
        Cond::Any(words) => words.iter().any(|w| contains_word(n, w)),
        Cond::Stamp => n.iter().any(u8::is_ascii_digit) && !n.ends_with(b"."),
        Cond::NoSentence => !n.ends_with(b".") && !n.ends_with(b"!") && !n.ends_with(b"?"),
        Cond::Unless(starts) => !starts.iter().any(|p| starts_with_word(n, p)),
    }
}

/// The byte pairs present in a line, hashed into 4096 bits: lets the unanchored rules skip a
/// line in a few bit tests instead of a substring search each (a short line would otherwise
/// cost a microsecond or more against ~60 phrases).
struct Bigrams([u64; 64]);

impl Bigrams {
    #[inline]
    fn slot(a: u8, b: u8) -> usize {
        (((a as usize) << 5) ^ (b as usize) ^ ((a as usize) >> 3)) & 4095
    }

    fn new(n: &[u8]) -> Bigrams {
        let mut bits = [0u64; 64];
        for w in n.windows(2) {
            let i = Self::slot(w[0], w[1]);
            bits[i >> 6] |= 1 << (i & 63);
        }
        Bigrams(bits)
    }

    /// False when some byte pair of a phrase (given as its precomputed slots) is surely absent.
    #[inline]
    fn may_contain(&self, slots: &[u16]) -> bool {
        slots
            .iter()
            .all(|&i| self.0[(i >> 6) as usize] & (1 << (i & 63)) != 0)
    }
}

/// The rule tables arranged for lookup, built once: exact phrases bucketed by length (a line
/// meets only the few of its own length), prefix rules bucketed by first byte, and the
/// unanchored phrases' byte-pair slots in one flat array (four slots each: first, two inner,
/// last), so the prefilter walks contiguous memory.
struct Index {
    exact: Vec<Vec<(&'static [u8], Reason)>>,
    prefix: Vec<Vec<(&'static [u8], bool, u16)>>,
    contains: Vec<[u16; 4]>,
}

/// Longest whole-line phrase looked up in [`EXACT`].
const MAX_EXACT: usize = 64;

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut exact = vec![Vec::new(); MAX_EXACT + 1];
        for &(p, r) in EXACT {
            if let Some(bucket) = exact.get_mut(p.len()) {
                bucket.push((p.as_bytes(), r));
            }
        }
        let mut prefix = vec![Vec::new(); 256];
        for (i, rule) in PREFIX.iter().enumerate() {
            let (pat, boundary) = pattern(rule.pat);
            if let Some(&b) = pat.first() {
                prefix[b as usize].push((pat, boundary && ends_in_word(pat), i as u16));
            }
        }
        let contains = CONTAINS
            .iter()
            .map(|rule| {
                let slots: Vec<u16> = pattern(rule.pat)
                    .0
                    .windows(2)
                    .map(|w| Bigrams::slot(w[0], w[1]) as u16)
                    .collect();
                let pick = |k: usize| {
                    slots
                        .get(k.min(slots.len().saturating_sub(1)))
                        .copied()
                        .unwrap_or(0)
                };
                let last = slots.len().saturating_sub(1);
                [pick(0), pick(last / 3), pick(2 * last / 3), pick(last)]
            })
            .collect();
        Index {
            exact,
            prefix,
            contains,
        }
    })
}

fn match_rules(n: &[u8]) -> Option<Reason> {
    let idx = index();
    let c = core(n);
    if let (Some(bucket), Some(&c0)) = (idx.exact.get(c.len()), c.first()) {
        if let Some(&(_, reason)) = bucket.iter().find(|(p, _)| p[0] == c0 && *p == c) {
            return Some(reason);
        }
    }
    let len = n.len();
    let first = *n.first()?;
    for &(pat, boundary, i) in &idx.prefix[first as usize] {
        let rule = &PREFIX[i as usize];
        if len <= rule.max as usize
            && n.starts_with(pat)
            && (!boundary || n.get(pat.len()).is_none_or(|&b| !is_word_byte(b)))
            && cond_ok(rule.cond, rule.pat, n)
        {
            return Some(rule.reason);
        }
    }
    let grams = Bigrams::new(n);
    for (rule, slots) in CONTAINS.iter().zip(&idx.contains) {
        if len <= rule.max as usize
            && grams.may_contain(slots)
            && contains_word(n, rule.pat)
            && cond_ok(rule.cond, rule.pat, n)
        {
            return Some(rule.reason);
        }
    }
    None
}

/// A row of share buttons flattened into text: "Facebook Twitter WhatsApp Email".
fn is_share_bar(n: &[u8]) -> bool {
    const WORDS: &[&[u8]] = &[
        b"facebook",
        b"twitter",
        b"x",
        b"whatsapp",
        b"linkedin",
        b"email",
        b"e-mail",
        b"mail",
        b"print",
        b"reddit",
        b"pinterest",
        b"telegram",
        b"messenger",
        b"flipboard",
        b"share",
        b"tweet",
        b"copy",
        b"link",
        b"threads",
        b"bluesky",
        b"sms",
        b"teilen",
        b"drucken",
        b"partager",
        b"compartir",
        b"imprimer",
        b"imprimir",
        b"xing",
        b"pocket",
    ];
    const ALONE: &[&[u8]] = &[
        b"facebook",
        b"twitter",
        b"whatsapp",
        b"linkedin",
        b"pinterest",
        b"reddit",
        b"flipboard",
        b"messenger",
        b"xing",
    ];
    if n.len() > 160 {
        return false;
    }
    let mut count = 0;
    let mut last: &[u8] = b"";
    for tok in n.split(|b| b" |/,;:".contains(b)) {
        // Separators such as "·", "•", "-" are tokens without letters: skip them.
        if !tok.iter().any(u8::is_ascii_alphanumeric) {
            continue;
        }
        if !WORDS.contains(&tok) {
            return false;
        }
        count += 1;
        last = tok;
    }
    count >= 2 || (count == 1 && ALONE.contains(&last))
}

/// "12 comments", "1 Comment", "0 Kommentare".
fn is_comment_count(n: &[u8]) -> bool {
    if n.len() > 40 {
        return false;
    }
    let digits = n.iter().take_while(|b| b.is_ascii_digit()).count();
    if digits == 0 {
        return false;
    }
    let rest = core(&n[digits..]);
    let rest = rest.strip_prefix(b" ").unwrap_or(rest);
    matches!(
        rest,
        b"comment"
            | b"comments"
            | b"kommentar"
            | b"kommentare"
            | b"commentaire"
            | b"commentaires"
            | b"comentario"
            | b"comentarios"
            | b"replies"
            | b"responses"
    )
}

// ---------------------------------------------------------------------------------------------
// Bylines
// ---------------------------------------------------------------------------------------------

/// Prefixes that introduce a byline, lower-case ASCII.
const BYLINE_PREFIXES: &[&str] = &[
    "written by ",
    "words by ",
    "story by ",
    "text by ",
    "reported by ",
    "by: ",
    "by ",
    "author: ",
    "authors: ",
    "autor: ",
    "autorin: ",
    "auteur : ",
    "auteur: ",
    "von ",
    "par ",
    "por ",
];

/// Name particles that may be lower-case inside a name.
const PARTICLES: &[&str] = &[
    "de", "da", "del", "della", "di", "du", "des", "van", "von", "der", "den", "ter", "ten", "al",
    "el", "bin", "ibn", "la", "le", "dos", "das", "zu", "st.",
];

/// Words that end a byline's names: an outlet or a job title after the names.
const AFFILIATION: &[&str] = &[
    "news",
    "press",
    "times",
    "post",
    "staff",
    "reporter",
    "correspondent",
    "writer",
    "editor",
    "agency",
    "associated",
    "reuters",
    "afp",
    "ap",
    "cnn",
    "bbc",
    "digital",
    "media",
    "journal",
    "herald",
    "tribune",
    "daily",
    "contributor",
    "senior",
    "chief",
    "bureau",
    "tv",
    "radio",
    "online",
    "redaktion",
    "korrespondent",
    "published",
    "updated",
];

/// Calendar and time words: "By Sunday Night" is no byline.
const CALENDAR: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "morning",
    "evening",
    "night",
    "noon",
    "midnight",
    "today",
    "tomorrow",
    "yesterday",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonntag",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "lunes",
    "martes",
    "miércoles",
    "jueves",
    "viernes",
    "sábado",
    "domingo",
];

/// Articles that open an organisation's name in a byline ("By The Associated Press").
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "der", "die", "das", "le", "la", "el", "los", "las", "les",
];

/// Single-word bylines that are accepted on their own (agency credits).
const WIRE_BYLINES: &[&str] = &[
    "reuters", "afp", "ap", "dpa", "efe", "ansa", "xinhua", "upi", "ians", "pti",
];

fn strip_byline_prefix(t: &str) -> Option<&str> {
    BYLINE_PREFIXES.iter().find_map(|p| {
        let head = t.get(..p.len())?;
        if head.eq_ignore_ascii_case(p) {
            t.get(p.len()..).map(str::trim_start)
        } else {
            None
        }
    })
}

/// A run of name tokens inside a byline.
struct Seg {
    start: usize,
    end: usize,
    caps: usize,
    tokens: usize,
}

/// The text of a segment when it is a name: 2–6 tokens with at least two capitalised ones,
/// or (as the first segment) a single wire name ("By Reuters").
fn judge_segment<'a>(rest: &'a str, seg: &Seg, first: bool) -> Option<&'a str> {
    let text = rest.get(seg.start..seg.end)?;
    if text
        .split_whitespace()
        .any(|w| CALENDAR.iter().any(|c| w.eq_ignore_ascii_case(c)))
    {
        return None;
    }
    let ok = (seg.caps >= 2 && seg.tokens <= 6)
        || (first && seg.tokens == 1 && WIRE_BYLINES.iter().any(|w| text.eq_ignore_ascii_case(w)));
    ok.then_some(text)
}

/// Calls `found` with each author name of a byline's remainder (as a slice of it) and
/// returns whether the remainder was a byline at all: its first segment must be a name.
/// Names end at a lower-case word ("in Moscow"), a separator ("|", "-", "/"), a digit, or an
/// affiliation word ("Reuters", "Staff", "Published").
fn scan_names<'a>(rest: &'a str, mut found: impl FnMut(&'a str)) -> bool {
    // "By The Associated Press": an organisation, whole, when it names a newsroom.
    let first_word = rest.split_whitespace().next().unwrap_or("");
    if DETERMINERS
        .iter()
        .any(|d| first_word.eq_ignore_ascii_case(d))
    {
        let mut end = 0;
        let mut newsroom = false;
        for (i, tok) in tokens_with_offsets(rest) {
            let word = tok.trim_end_matches([',', ';', '.']);
            let cap = word.chars().next().is_some_and(char::is_uppercase);
            if i > 0 && !cap && !matches!(word, "of" | "and" | "&") {
                break;
            }
            newsroom |= AFFILIATION
                .iter()
                .chain(WIRE_BYLINES)
                .any(|a| word.eq_ignore_ascii_case(a));
            end = i + word.len();
            if word.len() < tok.len() {
                break;
            }
        }
        return match rest.get(..end) {
            Some(org) if newsroom => {
                found(org);
                true
            }
            _ => false,
        };
    }
    let mut names = 0usize;
    let mut seg: Option<Seg> = None;
    // Closes the open segment: Some(true) on a name, Some(false) when the line is no byline
    // (first segment not a name), None when a later segment is not a name (stop there).
    let mut close = |seg: Option<Seg>, names: &mut usize| -> Option<bool> {
        let Some(seg) = seg else {
            return Some(*names > 0);
        };
        match judge_segment(rest, &seg, *names == 0) {
            Some(name) => {
                found(name);
                *names += 1;
                Some(true)
            }
            None if *names == 0 => Some(false),
            None => None,
        }
    };
    for (i, tok) in tokens_with_offsets(rest) {
        let (word, closes) = match tok.strip_suffix([',', ';']) {
            Some(w) => (w, true),
            None => (tok, false),
        };
        let in_list = |list: &[&str]| list.iter().any(|p| word.eq_ignore_ascii_case(p));
        let separator = matches!(word, "and" | "&" | "und" | "et" | "y" | "e");
        let open_caps = seg.as_ref().map_or(0, |s| s.caps);
        let stop = !word.chars().any(char::is_alphanumeric)
            || word.starts_with(|c: char| c.is_ascii_digit())
            || ((names > 0 || open_caps >= 2) && in_list(AFFILIATION));
        if separator || stop {
            match close(seg.take(), &mut names) {
                Some(true) if !stop => continue,
                Some(false) => return false,
                _ => break,
            }
        }
        let capital = word.chars().next().is_some_and(char::is_uppercase)
            && word
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'));
        let particle = in_list(PARTICLES)
            || word.starts_with("al-")
            || word.starts_with("el-")
            || word.starts_with("d'");
        if !capital && !particle {
            // A lower-case word: a sentence ("By the time…"), or the end of the names.
            break;
        }
        let s = seg.get_or_insert(Seg {
            start: i,
            end: i,
            caps: 0,
            tokens: 0,
        });
        s.end = i + word.len();
        s.tokens += 1;
        if capital {
            s.caps += 1;
        }
        if closes {
            match close(seg.take(), &mut names) {
                Some(true) => {}
                Some(false) => return false,
                None => break,
            }
        }
    }
    if seg.is_some() {
        let _ = close(seg.take(), &mut names);
    }
    names > 0
}

fn tokens_with_offsets(s: &str) -> impl Iterator<Item = (usize, &str)> {
    s.split_whitespace()
        .map(move |tok| (tok.as_ptr() as usize - s.as_ptr() as usize, tok))
}

fn is_byline(t: &str) -> bool {
    if t.len() > 120 {
        return false;
    }
    match strip_byline_prefix(t) {
        Some(rest) => scan_names(rest, |_| {}),
        None => false,
    }
}

/// The author names of a byline line, joined with "; " as [`tocsin_model::Article::byline`]
/// wants them: "By Jane Doe and John Roe, Reuters" → "Jane Doe; John Roe". `None` when the
/// line is no byline ("By Sunday, the toll had risen").
pub fn byline_name(line: &str) -> Option<String> {
    let t = trim_furniture(line);
    if t.len() > 120 {
        return None;
    }
    let rest = strip_byline_prefix(t)?;
    let mut out = String::new();
    let ok = scan_names(rest, |name| {
        if !out.is_empty() {
            out.push_str("; ");
        }
        out.push_str(name);
    });
    (ok && !out.is_empty()).then_some(out)
}

// ---------------------------------------------------------------------------------------------
// Captions
// ---------------------------------------------------------------------------------------------

/// Words that make a trailing parenthesis a credit when it is no picture's: the news agencies
/// ("(Reuters)", "(FR mit dpa)").
const AGENCY_CREDIT_WORDS: &[&str] = &[
    "reuters",
    "afp",
    "ap",
    "epa",
    "efe",
    "dpa",
    "ansa",
    "xinhua",
    "anadolu",
    "bloomberg",
    "tass",
    "sputnik",
    "ria novosti",
    "associated press",
    "press service",
];

/// Words that make a trailing parenthesis a photo credit: "(AP Photo)", "(History/Universal
/// Image Group, Getty Images)". With [`AGENCY_CREDIT_WORDS`], every credit word.
const PICTURE_CREDIT_WORDS: &[&str] = &[
    "photo*",
    "foto*",
    "images",
    "getty",
    "handout",
    "credit*",
    "shutterstock",
    "istock*",
    "alamy",
    "imago",
    "nurphoto",
    "screenshot",
    "screengrab",
    "screen grab",
    "video grab",
    "picture alliance",
    "picture-alliance",
    "keystone",
    "abaca",
    "zuma",
    "sipa",
];

/// Three sentences or more over 150 bytes: a paragraph of a story rather than a caption.
fn is_long_passage(t: &str) -> bool {
    t.len() >= 150 && t.matches(". ").count() >= 2
}

/// Credit words too common in ordinary asides to count in a longer parenthesis: they make
/// "(File)", "(via Telegram)" or "(Courtesy of the family)" a credit, not "(it's a .m4r file;
/// …)".
const WEAK_CREDIT_WORDS: &[&str] = &["file", "via", "pool", "courtesy", "image", "bild"];

/// Words that, right before a colon near the end of a line, make what follows a credit:
/// "… Photo: Reuters", "Foto: dpa", "Crédit : AFP".
const CREDIT_LABELS: &[&str] = &[
    "photo",
    "photos",
    "photograph",
    "photo credit",
    "credit",
    "credits",
    "foto",
    "fotos",
    "bild",
    "image",
    "picture",
    "crédit",
    "crédits",
    "crédit photo",
    "crédito",
];

/// Caption lead-ins (BBC, German and wire styles).
const CAPTION_STARTS: &[&str] = &[
    "image source",
    "image caption",
    "media caption",
    "bildquelle",
    "bildunterschrift",
    "photo:",
    "foto:",
    "image:",
    "credit:",
    "photograph:",
    "file photo",
    // The label of a picture's zoom button, flattened in front of its caption.
    "vergrößern",
];

/// Credit suffixes without parentheses: "… AFP via Getty Images", "… /Reuters".
const CREDIT_SUFFIXES: &[&str] = &[
    "getty images",
    "/afp",
    "/ afp",
    "/reuters",
    "/ reuters",
    "/ap",
    "/ ap",
    "/epa",
    "epa-efe",
    "/dpa",
    "shutterstock",
    "/anadolu",
    "anadolu agency",
];

/// Whether a line is a photo caption or credit line: ends with a parenthesised credit, carries
/// a "Photo:"/"Credit:" marker near its end, or ends with an agency credit suffix. Long body
/// paragraphs (over 700 bytes) never count.
pub fn is_caption(line: &str) -> bool {
    let t = line.trim();
    if t.is_empty() || t.len() > 700 {
        return false;
    }
    // Starts like a caption ("Image caption, …", "Photo: …"); the lead-ins are ASCII, so a
    // case-insensitive comparison of the raw bytes does.
    let b = t.as_bytes();
    if CAPTION_STARTS.iter().any(|p| {
        b.len() >= p.len()
            && b[..p.len()].eq_ignore_ascii_case(p.as_bytes())
            && (!ends_in_word(p.as_bytes()) || b.get(p.len()).is_none_or(|&c| !is_word_byte(c)))
    }) {
        return true;
    }
    credit_shape(t) && !is_reported_speech(t)
}

/// Reported speech is story text, whatever credit trails it: a quote mark and a reporting
/// verb. Checked only once a line has a credit's shape (it scans the whole line).
fn is_reported_speech(t: &str) -> bool {
    let b = t.as_bytes();
    let quoted = memchr(b'"', b).is_some()
        || find_from(b, "“".as_bytes(), 0).is_some()
        || find_from(b, "”".as_bytes(), 0).is_some()
        || find_from(b, "„".as_bytes(), 0).is_some();
    quoted
        && [&b" said"[..], b" says", b" told"]
            .iter()
            .any(|w| find_from(b, w, 0).is_some())
}

/// Whether a line ends like a photo credit (see [`is_caption`]).
fn credit_shape(t: &str) -> bool {
    // Ends with "(… credit …)": a short parenthesis naming a photographer's agency.
    let trimmed = t.trim_end_matches(['.', ' ']);
    if trimmed.ends_with(')') {
        if let Some(open) = trimmed.rfind('(') {
            let inner = &trimmed[open + 1..trimmed.len() - 1];
            let words = inner.split_whitespace().count();
            if (1..=10).contains(&words) && inner.len() <= 90 {
                let n = Norm::<128>::new(inner);
                let nb = n.as_bytes();
                // A news agency closing a paragraph of several sentences credits the story
                // ("… hieß es. (FR mit dpa)"); only a picture word makes it a photo's credit.
                let story = is_long_passage(&trimmed[..open]);
                let any_of = |list: &[&str]| list.iter().any(|w| contains_word(nb, w));
                if any_of(PICTURE_CREDIT_WORDS)
                    || (!story
                        && (any_of(AGENCY_CREDIT_WORDS)
                            || (words <= 4 && any_of(WEAK_CREDIT_WORDS))))
                {
                    return true;
                }
            }
        }
    }
    // "… AFP via Getty Images" (ASCII suffixes: raw case-insensitive comparison).
    let b = t.as_bytes();
    if CREDIT_SUFFIXES
        .iter()
        .any(|s| b.len() >= s.len() && b[b.len() - s.len()..].eq_ignore_ascii_case(s.as_bytes()))
    {
        return true;
    }
    // The remaining forms need a colon, a © sign or "crédit"/"credit" in the last 100 bytes.
    let tail_start = floor_char_boundary(t, t.len().saturating_sub(100));
    let raw_tail = &t.as_bytes()[tail_start..];
    if memchr(b':', raw_tail).is_none()
        && find_from(raw_tail, "©".as_bytes(), 0).is_none()
        && find_from(raw_tail, b"redit", 0).is_none()
        && find_from(raw_tail, b"REDIT", 0).is_none()
    {
        return false;
    }
    let tail = Norm::<160>::new(&t[tail_start..]);
    let tb = tail.as_bytes();
    // "… Photo: Reuters" / "… © dpa": a credit label before a colon (or a © sign) in the last
    // 100 bytes, not at the very start, followed by a short tail that is no new sentence.
    let short_tail = |after: &[u8]| after.len() <= 80 && find_from(after, b". ", 0).is_none();
    for colon in memchr_iter(b':', tb) {
        let label = tb[..colon].trim_ascii_end();
        let labelled = CREDIT_LABELS.iter().map(|l| l.as_bytes()).any(|l| {
            label.ends_with(l)
                && (label.len() == l.len() || !is_word_byte(label[label.len() - l.len() - 1]))
        });
        let at_start = tail_start == 0 && label.len() <= 14;
        if labelled && !at_start && short_tail(&tb[colon + 1..]) {
            return true;
        }
    }
    let mut from = 0;
    while let Some(pos) = find_from(tb, "©".as_bytes(), from) {
        if (pos > 0 || tail_start > 0) && short_tail(&tb[pos + 2..]) {
            return true;
        }
        from = pos + 1;
    }
    for phrase in [b"photo credit".as_slice(), "crédit photo".as_bytes()] {
        if let Some(pos) = find_from(tb, phrase, 0) {
            if (pos > 0 || tail_start > 0) && short_tail(&tb[pos + phrase.len()..]) {
                return true;
            }
        }
    }
    false
}

// ---------------------------------------------------------------------------------------------
// Headline-like lines, related-story headlines, author bios
// ---------------------------------------------------------------------------------------------

/// Closing quotes, brackets and spaces that may follow a sentence's final mark.
const CLOSERS: &[char] = &['"', '\'', '”', '’', '“', '‘', '»', '«', ')', ']', ' ', '*'];

/// Whether text ends a sentence: its last mark, before closing quotes and brackets, is one of
/// `. ! ? …`. A paragraph that does not is either a heading or continues on the next line.
pub fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end().trim_end_matches(CLOSERS);
    t.ends_with(['.', '!', '?', '…'])
}

/// Whether a paragraph's first letter is lower-case: it continues the previous one.
pub fn starts_lowercase(s: &str) -> bool {
    s.trim_start()
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .chars()
        .next()
        .is_some_and(char::is_lowercase)
}

fn has_double_quotes(s: &str) -> bool {
    s.contains(['"', '“', '”', '„', '«', '»'])
}

/// Whether a single line reads like a headline: 2–30 words, at most 250 bytes, starts with a
/// capital or digit, and does not end like a sentence with a period, comma, colon or
/// semicolon ('?' and '!' are allowed), nor hold two sentences.
pub fn looks_like_headline(line: &str) -> bool {
    let t = line.trim();
    if t.len() < 3 || t.len() > 250 || t.contains('\n') {
        return false;
    }
    let first = t.trim_start_matches(['\'', '‘', '"', '“']).chars().next();
    if !first.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()) {
        return false;
    }
    let words = t.split_whitespace().count();
    if !(2..=30).contains(&words) {
        return false;
    }
    // A sentence's end, also inside closing quotes: "… the 'space-time continuum.'"
    if t.trim_end_matches(CLOSERS)
        .ends_with(['.', ',', ';', ':', '…'])
    {
        return false;
    }
    // Two sentences in one line: ". X".
    !t.as_bytes()
        .windows(3)
        .any(|w| matches!(w[0], b'.' | b'?' | b'!') && w[1] == b' ' && w[2].is_ascii_uppercase())
}

/// Whether a paragraph is a related-story headline dropped between body paragraphs without a
/// marker ("Moscow concerns attacker was blindfolded", "What is the group … bombing?").
///
/// Cues: one headline-like line of 5–25 words (a question needs 8 and a capitalised name
/// inside), without double quotes (quotes make it story text), not ending in a closing
/// parenthesis (a caption) or a quote; few function words (headlinese drops them), no
/// reporting verb at the end or " said " inside, no address, at most one comma in a long
/// line; the previous body paragraph (if given) ended its sentence, so this line does not
/// continue it; and the next paragraph (if given) does not start in lower case. Short
/// title-like lines (1–4 words) are left alone: those are sub-headings. The caller should not
/// apply this before the first body paragraph (a dek is story text), and may spare lines
/// whose words recur in the paragraph below (sub-headings).
pub fn is_related_headline_like(line: &str, prev: Option<&str>, next: Option<&str>) -> bool {
    let t = line.trim();
    if !looks_like_headline(t) || has_double_quotes(t) || t.ends_with([')', '!', '\'', '’']) {
        return false;
    }
    let words = t.split_whitespace().count();
    let min = if t.ends_with('?') { 8 } else { 5 };
    if words < min || words > 25 {
        return false;
    }
    // Body sentences that lost their period: they end on a speech verb ("…, police said"),
    // carry an address, list clauses (many commas in a long line), or are Q&A lines.
    let last = t.rsplit(char::is_whitespace).next().unwrap_or("");
    let commas = t.matches(',').count();
    if ends_with_function_word(t)
        || SPEECH_VERBS.iter().any(|v| last.eq_ignore_ascii_case(v))
        || t.contains(" said ")
        || t.contains('@')
        || t.contains("http")
        || t.contains("www.")
        || (commas >= 2 && words > 12)
        || t.starts_with("Q:")
        || t.starts_with("A:")
    {
        return false;
    }
    // Headlinese drops articles and auxiliaries; a line full of them is a sentence that lost
    // its period ("The conditions of the four others have stabilized so it seems they all
    // will survive").
    let function = t
        .split_whitespace()
        .filter(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            SENTENCE_WORDS.iter().any(|f| w.eq_ignore_ascii_case(f))
        })
        .count();
    if function * 20 > words * 9 {
        return false;
    }
    // A question as a related headline names something ("What is ISIS-K …?"); a question
    // without a capitalised word inside is a sub-heading or a line of an interview.
    if t.ends_with('?') && !has_inner_capital(t) {
        return false;
    }
    if let Some(p) = prev {
        let p = p.trim_end();
        if !p.is_empty() && !ends_sentence(p) && !p.ends_with(')') {
            return false;
        }
    }
    if next.is_some_and(starts_lowercase) {
        return false;
    }
    true
}

/// Articles, pronouns, auxiliaries and prepositions: frequent in sentences, sparse in
/// headlines.
const SENTENCE_WORDS: &[&str] = &[
    "the", "a", "an", "of", "to", "in", "on", "at", "by", "for", "with", "from", "and", "or",
    "but", "is", "are", "was", "were", "be", "been", "has", "have", "had", "it", "its", "they",
    "them", "their", "he", "she", "his", "her", "we", "our", "you", "your", "i", "that", "this",
    "so", "as", "all", "will", "would", "can", "could", "not", "there", "which", "who", "der",
    "die", "das", "und", "ist", "ein", "eine", "den", "dem", "nicht", "sich", "es", "sie", "er",
    "wir", "auf", "mit", "zu", "von", "im", "le", "la", "les", "et", "est", "un", "une", "el",
    "los", "las", "y", "es", "en", "que",
];

/// Whether a line has a capitalised word other than its first, the word after a colon, and
/// "I": a name, which a related headline almost always carries.
fn has_inner_capital(t: &str) -> bool {
    let mut after_colon = true;
    for w in t.split_whitespace() {
        let starts_upper = w.chars().next().is_some_and(char::is_uppercase);
        if starts_upper && !after_colon && w != "I" && !w.starts_with("I'") && !w.starts_with("I’")
        {
            return true;
        }
        after_colon = w.ends_with(':');
    }
    false
}

/// Reporting verbs that end a body sentence ("…, the sheriff's office said"), never a headline.
const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "reported",
    "explained",
    "noted",
    "stated",
    "sagte",
    "erklärte",
    "teilte",
    "berichtete",
    "a-t-il",
    "a-t-elle",
    "dijo",
    "afirmó",
    "explicó",
];

/// Words a headline never ends with but a line broken mid-sentence often does.
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "of", "and", "or", "but", "to", "in", "on", "at", "by", "for", "with",
    "from", "as", "that", "which", "who", "is", "was", "were", "are", "has", "had", "have", "der",
    "die", "das", "den", "dem", "des", "und", "oder", "mit", "von", "zu", "im", "ein", "eine",
    "le", "la", "les", "de", "du", "des", "et", "un", "une", "el", "los", "las", "y", "con", "del",
];

/// Whether text ends with a comma, semicolon, hyphen or a function word ("… claimed by the"):
/// the line was broken mid-sentence and continues on the next one.
pub fn ends_with_function_word(s: &str) -> bool {
    let t = s.trim_end();
    if t.ends_with([',', ';', '-', '–', '—', '(']) {
        return true;
    }
    let last = t.rsplit(char::is_whitespace).next().unwrap_or("");
    FUNCTION_WORDS.iter().any(|w| last.eq_ignore_ascii_case(w))
}

/// Headings over a section of author bios ("Autor:innen", "About the author").
const AUTHOR_HEADINGS: &[&str] = &[
    "about the author",
    "about the authors",
    "author",
    "authors",
    "the author",
    "über den autor",
    "über die autorin",
    "über die autoren",
    "über die autor:innen",
    "autor",
    "autorin",
    "autoren",
    "autor:innen",
    "autor*innen",
    "autorinnen",
    "zum autor",
    "zur autorin",
    "à propos de l'auteur",
    "l'auteur",
    "sobre el autor",
    "sobre la autora",
    "o autorze",
];

/// Whether a heading names the author section under it ("Autor:innen", "About the author").
pub fn is_author_heading(text: &str) -> bool {
    let t = text.trim().trim_end_matches([':', '.']).trim();
    t.len() <= 32 && AUTHOR_HEADINGS.contains(&t.to_lowercase().as_str())
}

/// Words that make a first-person or "X is a …" paragraph an author bio.
const BIO_WORDS: &[&str] = &[
    "writer",
    "journalist",
    "reporter",
    "editor",
    "correspondent",
    "author",
    "blogger",
    "columnist",
    "contributor",
    "producer",
    "freelance*",
    "journalism",
    "news",
    "stories",
    "content",
    "redakteur*",
    "korrespondent*",
    "journaliste",
    "periodista",
];

/// What follows an author's name at the start of a bio (compared on the normalized rest, which
/// has no leading space).
const BIO_VERBS: &[&str] = &[
    "is ",
    "has been",
    "has covered",
    "has reported",
    "writes",
    "covers",
    "reports",
    "joined",
    "was a",
    "was an",
    "ist ",
    "est ",
    "es ",
    "schreibt",
    "berichtet",
    ", a ",
    ", an ",
    "- ",
    "holds",
    "previously",
    "can be reached",
];

/// Whether a paragraph is an author bio or contact note.
///
/// Recognised: first-person bios ("I am a dedicated and skilled News Content Writer…"); a
/// paragraph opening with the byline's name, surname or first name followed by "is a",
/// "writes", "covers"…; and, without a byline, "Firstname Lastname is a reporter/editor/…"
/// or "… can be reached at". The last form also matches a body sentence about some other
/// journalist, so callers should apply this only near the end of a page or right after a
/// byline line.
pub fn is_author_bio(para: &str, byline: Option<&str>) -> bool {
    let t = para.trim();
    if t.len() < 20 || t.len() > 1200 {
        return false;
    }
    let norm = Norm::<NORM_CAP>::new(&t[..floor_char_boundary(t, t.len().min(400))]);
    let n = norm.as_bytes();
    let bio_word = || BIO_WORDS.iter().any(|w| contains_word(n, w));
    const FIRST_PERSON: &[&str] = &[
        "i am a",
        "i'm a",
        "i am an",
        "i'm an",
        "i have been",
        "i've been",
        "i write",
        "i cover",
        "i report",
        "ich bin",
        "je suis",
        "soy ",
    ];
    if FIRST_PERSON.iter().any(|p| starts_with_word(n, p)) && bio_word() {
        return true;
    }
    if let Some(byline) = byline {
        for name in byline.split(';').map(str::trim).filter(|s| s.len() >= 3) {
            let mut cands: [Option<&str>; 3] = [Some(name), None, None];
            let mut parts = name.split_whitespace();
            if let (Some(first), Some(last)) = (parts.next(), name.split_whitespace().last()) {
                if last.len() >= 3 && last != name {
                    cands[1] = Some(last);
                }
                if first.len() >= 3 && first != name {
                    cands[2] = Some(first);
                }
            }
            for cand in cands.iter().flatten() {
                let Some(head) = t.get(..cand.len()) else {
                    continue;
                };
                let rest_raw = &t[cand.len()..];
                if !head.eq_ignore_ascii_case(cand) || !rest_raw.starts_with([' ', ',']) {
                    continue;
                }
                let rest = Norm::<64>::new(
                    &rest_raw[..floor_char_boundary(rest_raw, rest_raw.len().min(40))],
                );
                if BIO_VERBS
                    .iter()
                    .any(|v| rest.as_bytes().starts_with(v.as_bytes()))
                {
                    return true;
                }
            }
        }
    }
    // "Jane Doe is a reporter for …" without a byline, or contact notes.
    let contact = || {
        ["@", "email", "e-mail", "twitter", "follow"]
            .iter()
            .any(|w| contains_word(n, w))
    };
    if (contains_word(n, "can be reached at") && contact())
        || starts_with_word(n, "contact the author")
    {
        return true;
    }
    let words: Vec<&str> = t.split_whitespace().take(5).collect();
    let caps = words
        .iter()
        .take_while(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    if (2..=3).contains(&caps) && t.len() <= 600 {
        let after = words
            .get(caps..caps + 2)
            .map(|w| w.join(" "))
            .unwrap_or_default();
        let is_a = matches!(
            after.as_str(),
            "is a" | "is an" | "is the" | "ist Redakteur" | "ist Korrespondent"
        );
        const STRONG: &[&str] = &[
            "reporter",
            "correspondent",
            "journalist",
            "writer",
            "columnist",
            "contributor",
            "producer",
            "freelance*",
            "redakteur*",
            "korrespondent*",
        ];
        if is_a && STRONG.iter().any(|w| contains_word(n, w)) {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bp(line: &str) -> Option<Reason> {
        match classify_line(line) {
            LineClass::Boilerplate(r) => Some(r),
            _ => None,
        }
    }

    #[track_caller]
    fn assert_body(line: &str) {
        assert_eq!(
            classify_line(line),
            LineClass::Body,
            "{line:?} should be body"
        );
    }

    #[test]
    fn subscription_prompts() {
        for line in [
            "Join Fox News to access this content",
            "Plus, you’ll get special access to featured articles and other premium content through your account – for free.",
            "Please enter a valid email address.",
            "Sign up for our Morning Brief newsletter",
            "Subscribe now",
            "SUBSCRIBE TO OUR NEWSLETTER",
            "Already a subscriber? Log in",
            "You've reached your free article limit.",
            "Get the Morning Brief newsletter in your inbox every day",
            "By signing up, you agree to our Terms of Use and Privacy Policy.",
            "This site is protected by reCAPTCHA and the Google Privacy Policy and Terms of Service apply.",
            "Jetzt abonnieren",
            "Bitte geben Sie eine gültige E-Mail-Adresse ein.",
            "Dieser Artikel ist nur für Abonnenten verfügbar.",
            "Abonnez-vous à notre newsletter",
            "Cet article est réservé aux abonnés.",
            "Suscríbete para seguir leyendo",
        ] {
            assert_eq!(bp(line), Some(Reason::Subscription), "{line:?}");
        }
    }

    #[test]
    fn subscription_words_inside_sentences_are_body() {
        assert_body("Residents who subscribe to the town's emergency text alerts said the warning came too late.");
        assert_body(
            "Join-up talks between the two rebel factions collapsed on Tuesday, officials said.",
        );
        assert_body("Subscribers to the militia's Telegram channel were told to expect more attacks in the coming weeks, according to researchers who monitor it.");
        assert_body(
            "Join the army, the recruiters told the boys, and you will never go hungry again.",
        );
        assert_body(
            "Investigators will see also whether the cameras were working, an official said.",
        );
    }

    #[test]
    fn related_links() {
        for line in [
            "See also  Haiti's dangerous power vacuum",
            "See also Hezbollah leader speaks after killing of Hamas official in Lebanon",
            "READ MORE: Gunmen kill 12 in attack on village",
            "Related: Police raid suspected cell in Hamburg",
            "MORE: What we know about the suspects",
            "Mehr zum Thema: Anschlag in Moskau",
            "Lesen Sie auch: Was über die Täter bekannt ist",
            "Weiterlesen »",
            "Lire aussi : L'enquête progresse",
            "Lee también: Ataque en Moscú",
            "Continue reading",
        ] {
            assert_eq!(bp(line), Some(Reason::Related), "{line:?}");
        }
        for line in [
            "Related",
            "Related Articles",
            "You may also like",
            "Most Read",
            "More from Fox News",
            "Meistgelesen",
            "Other News in Technology",
            "Also Today on Reuters Africa",
            "Related in Opinion",
        ] {
            assert_eq!(bp(line), Some(Reason::RelatedHeader), "{line:?}");
        }
        assert_body("Read more than 2,000 pages of testimony and a different picture emerges, the lawyer argued in court on Monday.");
        assert_body("Related charges were filed against two other men, prosecutors said on Friday after a lengthy hearing.");
    }

    #[test]
    fn appeals_pitches_and_prompts_under_the_story() {
        for (line, reason) in [
            ("For the latest stories and breaking news updates download the Nationnews apps for iOS and Android.", Reason::AppPromo),
            ("Die Sport BILD-App Jetzt kostenlos für iOS und Android!", Reason::AppPromo),
            ("Gefällt dir unser Klettermagazin? Bei der Lancierung haben wir entschieden, keine Bezahlschranke einzuführen.", Reason::Subscription),
            ("Um unabhängiger von Werbeeinnahmen zu sein, brauchen wir deine Unterstützung.", Reason::Subscription),
            ("Darum: Hilf mit und unterstütze unser Magazin mit einem kleinen Beitrag.", Reason::Subscription),
            ("Lesen Sie das BIKE Magazin. Einfach digital in der BIKE-App oder bestellen Sie es im Shop als Abo oder Einzelheft:", Reason::Subscription),
            ("Czytasz właśnie nowy rodzaj materiału. Wesprzyj nas darowizną lub przekaż nam 1% podatku.", Reason::Subscription),
            ("Hacemos periodismo desde hace 106 años. HAZTE MIEMBRO Y DISFRUTA DE BENEFICIOS EXCLUSIVOS", Reason::Subscription),
            ("Verraten Sie gerne in den Kommentaren: Was bedeutet ein Award für Sie?", Reason::CommentPrompt),
            ("Let us know in the comments below!", Reason::CommentPrompt),
            ("Bitte teilen Sie uns Ihre Erfahrungen mit, wenn Sie unseren Kaffee schon probiert haben.", Reason::CommentPrompt),
            ("Kennt ihr schon unseren Brandfinder? Ab sofort findet ihr alle Labels auf einen Klick.", Reason::Advertisement),
            ("Diese Artikel könnten euch auch interessieren: Fair Fashion aus Hamburg", Reason::Related),
            ("Alles über nachhaltige Wanderschuhe findest Du hier.", Reason::Related),
            ("Mehr zu unserer Arbeitsweise lesen Sie hier.", Reason::Related),
            ("Mit diesem Button kannst Du diese Podcast-Episode zu einer Liste hinzufügen.", Reason::Navigation),
            ("News date : 04/21/2022 Category : Press Releases", Reason::Navigation),
            ("Alle Ergebnisse findest du HIER.", Reason::Related),
            ("stunnel_rsync.html - Created 03-10-2004 2:20pm - Last Modified: 03-10-2004 2:20pm", Reason::Timestamp),
            ("Empfehlungen aus dem MEIN SCHÖNER GARTEN-Shop", Reason::RelatedHeader),
            ("Like recipe? Add the ingredients to your basket and deliver to you.", Reason::Advertisement),
            ("IMPRESSUM | DATENSCHUTZ | COPYRIGHT JANE DOE | THIS IS A KANGA PROJECT", Reason::Navigation),
        ] {
            assert_eq!(bp(line), Some(reason), "{line:?}");
        }
        // The same words in story sentences.
        assert_body(
            "“We need your support to rebuild the school,” the mayor told residents on Sunday.",
        );
        assert_body(
            "Die Partei forderte die Bürger auf, die Petition zu unterstützen, sagte der Sprecher.",
        );
        assert_body(
            "The app, available for iOS and Android, was removed after the breach was reported.",
        );
        assert_body(
            "In den Kommentaren unter dem Video häuften sich Drohungen gegen den Bürgermeister.",
        );
        assert_body(
            "The category: a new class of drones that can fly for days, the ministry said.",
        );
        assert_body("Vorab findest du hier schon eine kurze Übersicht über den Beitrag:");
        assert_body("Das Impressum der Zeitung nannte keinen Verantwortlichen, sagte der Anwalt.");
        assert_body("Kategorie: Kinder- & Jugendbuch");
        assert_body("Die Zeitung erscheint seit 1950 und wird überwiegend als Abo verkauft, sagte der Verleger.");
        assert_body("The film is available to rent on Amazon, YouTube, iTunes, and Google Play.");
    }

    #[test]
    fn words_spelled_in_two_alphabets_are_disguised_advertising() {
        // Cyrillic а, е, о, с, у, і, ѕ stand in for Latin letters.
        let ad = "Аdvеrtіѕе wіth thе most visited news site ~ Yоur соntеnt іѕ dеlіvеrеd іnѕtаntlу!";
        assert_eq!(bp(ad), Some(Reason::Advertisement));
        assert_body(
            "Президент Владимир Путин met Joe Biden in Geneva, the Kremlin said on Wednesday.",
        );
        assert_body("Die Straße in München wurde am Dienstag gesperrt, teilte die Polizei mit.");
    }

    #[test]
    fn a_zoom_label_before_a_caption_makes_it_a_caption() {
        assert_eq!(
            classify_line("Vergrößern Eine kleine runde Aussparung für die Kamera im Display."),
            LineClass::Caption
        );
        assert_body("Vergrößerte Aufnahmen zeigen die Risse im Beton, sagte der Gutachter.");
    }

    #[test]
    fn app_promos_and_follow() {
        for line in [
            "Click here to get the Fox News app",
            "CLICK HERE TO GET THE FOX NEWS APP",
            "Download our app for the latest news",
            "Get the BBC News app",
            "Follow us on Twitter",
            "Follow Jane Doe on X",
            "Jetzt die App herunterladen",
            "Téléchargez l'application",
        ] {
            assert_eq!(bp(line), Some(Reason::AppPromo), "{line:?}");
        }
        assert_body("Get the wounded out first, the commander shouted, according to a soldier who was there.");
        assert_body(
            "Follow-up raids took place in three cities overnight, the interior ministry said.",
        );
    }

    #[test]
    fn blog_widgets_and_article_tools() {
        for line in [
            "Like this:",
            "Like Loading...",
            "Explore further",
            "Topics",
            "About the Author",
            "Über den Autor",
            "Inhaltsverzeichnis",
            "Keine Kommentare",
            "Kontakt:",
            "Zum Weiterlesen:",
            "Last Modified:",
            "Follow @NewsDesk on Twitter for the latest",
            "Like this story? Share it with a friend!",
        ] {
            assert!(bp(line).is_some(), "{line:?}");
        }
        for line in [
            "Topics discussed at the summit included border security.",
            "Follow-up talks are planned for next week.",
            "They would like this conflict to end, a resident said.",
        ] {
            assert_eq!(bp(line), None, "{line:?}");
        }
    }

    #[test]
    fn timestamps_contacts_and_gallery_counters() {
        for line in [
            "November 20, 2019 - 11:28 AMT",
            "segunda-feira, 22 de janeiro de 2018 às 0:13",
            "paul.takahashi@chron.com",
            "twitter.com/paultakahashi",
            "Image 2 of 5",
            "Follow AP's full coverage of the elections at https://apnews.com/elections",
            "(Reporting by Jane Doe in Kabul; Editing by John Roe)",
        ] {
            assert!(bp(line).is_some(), "{line:?}");
        }
        for line in [
            "On November 20, 2019, gunmen attacked the convoy near the border.",
            "Image quality matters to photographers, the report said.",
        ] {
            assert_eq!(bp(line), None, "{line:?}");
        }
    }

    #[test]
    fn share_bars() {
        for line in [
            "Share this article",
            "Share on Facebook",
            "Facebook Twitter WhatsApp Email",
            "Facebook | Twitter | LinkedIn",
            "Share",
            "Teilen",
            "Auf Facebook teilen",
            "Partager",
            "Compartir en Twitter",
        ] {
            assert_eq!(bp(line), Some(Reason::Share), "{line:?}");
        }
        assert_body("The video was shared on Facebook and Twitter thousands of times before it was removed.");
        assert_body("Die Behörden teilen die Einschätzung nicht, wie ein Sprecher am Montag in Berlin erklärte.");
    }

    #[test]
    fn source_link_and_attribution() {
        assert_eq!(bp("Source link"), Some(Reason::SourceLink));
        assert_eq!(bp("Source"), Some(Reason::SourceLink));
        assert_eq!(bp("Source: Reuters"), Some(Reason::Attribution));
        assert_eq!(
            bp("This article originally appeared on The Conversation."),
            Some(Reason::Attribution)
        );
        assert_eq!(
            bp("Fox News' Jane Doe contributed to this report."),
            Some(Reason::Attribution)
        );
        assert_eq!(
            bp("Reporting by Jane Doe; Editing by John Roe"),
            Some(Reason::Attribution)
        );
        assert_eq!(bp("Mit Material von dpa"), Some(Reason::Attribution));
        assert_body("Sources close to the investigation said the suspects had travelled from Istanbul a week earlier.");
        assert_body(
            "The camp first appeared in 2014, when Syrians fleeing the war gathered at the border.",
        );
        assert_body("Crisis counsellors can be reached at 834-3131.");
        assert_eq!(
            bp("Jane Doe can be reached at jane@example.com."),
            Some(Reason::Attribution)
        );
    }

    #[test]
    fn article_tools_and_topic_boxes_in_several_languages() {
        for line in [
            "Artículos relacionados el Nuevo Herald",
            "Audios et vidéos sur le sujet",
            "Audios and videos on the topic",
            "Audios und Videos zum Thema",
            "Permalien https://p.dw.com/p/RPYx",
            "Permalink https://p.dw.com/p/RPYx",
            "(Noch keine Bewertungen) Loading...",
            "(No Ratings Yet)",
            "Aufrufe: 1120 | Hinzugefügt von: Posh | Tags:",
            "Dieses Skript als PDF herunterladen",
            "Rezept drucken Bei Pinterest speichern Sterne anklicken zum Bewerten",
            "Senior Editor with a focus on all things tech and gaming. Life Adventurer. You can keep up with me on Twitter: @Josiah_Motley",
        ] {
            assert!(bp(line).is_some(), "{line:?} should be furniture");
        }
        assert_body(
            "The permalink to the court's ruling was removed from the ministry's site on Monday.",
        );
        assert_body("Aufrufe: Die Polizei bittet die Bevölkerung um Hinweise zu dem Überfall in der Innenstadt.");
        assert_body("The report, which she said readers could download as PDF, names the four officers involved.");
        assert_body("Artículos relacionados con el caso fueron publicados por varios diarios de la región durante la semana pasada.");
    }

    #[test]
    fn comment_forms() {
        for line in [
            "Leave a Reply",
            "Leave a comment",
            "Your email address will not be published. Required fields are marked *",
            "Required fields are marked *",
            "Save my name, email, and website in this browser for the next time I comment.",
            "Comments",
            "12 Comments",
            "Schreibe einen Kommentar",
            "Deine E-Mail-Adresse wird nicht veröffentlicht.",
            "Laisser un commentaire",
            "Deja una respuesta",
            "Talkback - Add your opinion",
            "No Trackbacks Yet",
        ] {
            assert_eq!(bp(line), Some(Reason::CommentForm), "{line:?}");
        }
        assert_eq!(
            bp("Join The Conversation On The KDKA Facebook Page"),
            Some(Reason::CommentPrompt)
        );
        assert_body("The minister declined to comment on the report, which will not be published until next week.");
        assert_body("Other news in the region was grim: two more villages were shelled overnight, residents said.");
    }

    #[test]
    fn cookie_notices() {
        for line in [
            "We use cookies to improve your experience on our site. By continuing you agree to our use of cookies.",
            "This website uses cookies.",
            "Accept all",
            "Wir verwenden Cookies, um Ihnen ein optimales Webseiten-Erlebnis zu bieten.",
            "Nous utilisons des cookies pour améliorer votre expérience.",
            "Utilizamos cookies propias y de terceros.",
        ] {
            assert_eq!(bp(line), Some(Reason::Cookie), "{line:?}");
        }
        assert_body(
            "The bakery sold cookies and bread until the shelling started, her neighbour said.",
        );
    }

    #[test]
    fn ads_copyright_navigation_timestamps() {
        assert_eq!(bp("Advertisement"), Some(Reason::Advertisement));
        assert_eq!(
            bp("ADVERTISEMENT - SCROLL TO CONTINUE"),
            Some(Reason::Advertisement)
        );
        assert_eq!(
            bp("Story continues below advertisement"),
            Some(Reason::Advertisement)
        );
        assert_eq!(bp("Anzeige"), Some(Reason::Advertisement));
        assert_eq!(bp("Advert"), Some(Reason::Advertisement));
        assert_eq!(bp("Home > Sports > Story"), Some(Reason::Navigation));
        assert_eq!(
            bp("Startseite » Politik » Ausland"),
            Some(Reason::Navigation)
        );
        assert_body("Home > away: the visitors won 3-1 after the hosts had led at half-time, and the coach said the defeat hurt.");
        assert_eq!(bp("Return to Editorial Index"), Some(Reason::Navigation));
        assert_eq!(bp("Back to the front page ›"), Some(Reason::Navigation));
        assert_body("Back to school: prices of uniforms rise");
        assert_body("Return to the moon delayed again");
        assert_eq!(bp("Реклама"), Some(Reason::Advertisement));
        assert_eq!(bp("Добавить отзыв"), Some(Reason::CommentForm));
        assert_eq!(bp("Самые популярные диеты"), Some(Reason::RelatedHeader));
        assert_eq!(bp("Читайте також: Обстріл Харкова"), Some(Reason::Related));
        assert_body(
            "Реклама на билбордах появилась в городе после обстрела, сообщили местные власти.",
        );
        assert_eq!(
            bp("This slideshow requires JavaScript."),
            Some(Reason::Media)
        );
        assert_eq!(bp("Tell us what YOU think..."), Some(Reason::CommentPrompt));
        assert_eq!(
            bp("[button link=\"http://x.test/submit-kit-review/\" type=\"big\"] Send us YOUR kit review[/button]"),
            Some(Reason::Navigation)
        );
        assert_body("[Reuters] Police said on Friday that three people were killed in the blast [/updated].");
        assert_eq!(
            bp("© 2024 Reuters. All rights reserved."),
            Some(Reason::Copyright)
        );
        assert_eq!(
            bp("Copyright 2024 The Associated Press."),
            Some(Reason::Copyright)
        );
        assert_eq!(
            bp("This material may not be published, broadcast, rewritten, or redistributed."),
            Some(Reason::Copyright)
        );
        assert_eq!(
            bp(
                "The copying, republication or redistribution of AFX News Content, including by \
                framing or similar means, is expressly prohibited without the prior written \
                consent of AFX News."
            ),
            Some(Reason::Copyright)
        );
        assert_eq!(
            bp(
                "No material from this website may be copied or reproduced without written \
                permission from the author."
            ),
            Some(Reason::Copyright)
        );
        assert_body(
            "Smoking is expressly prohibited on all flights, the airline said, and the \
                     passenger was arrested on landing after crew found him in the toilet.",
        );
        assert_eq!(bp("Skip to main content"), Some(Reason::Navigation));
        assert_eq!(
            bp("Tags: Moscow, ISIS-K, terrorism"),
            Some(Reason::Navigation)
        );
        assert_eq!(
            bp("Published March 25, 2024 4:00am EDT"),
            Some(Reason::Timestamp)
        );
        assert_eq!(bp("3 min read"), Some(Reason::Timestamp));
        assert_eq!(bp("2 hours ago"), Some(Reason::Timestamp));
        assert_eq!(bp(""), Some(Reason::Noise));
        assert_eq!(bp(" * * * "), Some(Reason::Noise));
        assert_body("Advertisements for the rally had been posted across the city for weeks.");
        assert_body("Two years ago, 30 people died.");
        assert_body("In Teilen der Stadt fiel der Strom aus.");
        assert_body(
            "Login details for the ministry's servers were leaked online, investigators said.",
        );
        assert_body("More than 130 people were killed.");
        assert_body("Share prices in Moscow fell sharply on Monday.");
        assert_body("Copyright lawyers were not involved in the case, which concerned a bombing.");
        assert_body("Published reports said at least 40 people had been detained.");
        assert_body("Updated figures released by the ministry on Monday put the death toll at 143 and said 182 people remained in hospital, many of them in a serious condition.");
    }

    #[test]
    fn bylines() {
        assert_eq!(bp("By Ali Raza"), Some(Reason::Byline));
        assert_eq!(byline_name("By Ali Raza").as_deref(), Some("Ali Raza"));
        assert_eq!(
            byline_name("By Jane Doe and John Roe, Reuters").as_deref(),
            Some("Jane Doe; John Roe")
        );
        assert_eq!(
            byline_name("By Jane Doe | Fox News").as_deref(),
            Some("Jane Doe")
        );
        assert_eq!(byline_name("By JANE DOE").as_deref(), Some("JANE DOE"));
        assert_eq!(
            byline_name("Written by Maria de la Cruz").as_deref(),
            Some("Maria de la Cruz")
        );
        assert_eq!(byline_name("By Reuters").as_deref(), Some("Reuters"));
        assert_eq!(
            byline_name("Von Anna Schmidt, dpa").as_deref(),
            Some("Anna Schmidt")
        );
        assert_eq!(
            byline_name("Par Jean Dupont").as_deref(),
            Some("Jean Dupont")
        );
        assert_eq!(
            byline_name("By Jane Doe Published March 3, 2024").as_deref(),
            Some("Jane Doe")
        );
        assert_eq!(byline_name("By Sunday, the toll had risen to 40."), None);
        assert_eq!(byline_name("By Sunday Night"), None);
        assert_eq!(byline_name("By The Numbers"), None);
        assert_eq!(
            byline_name("By The Associated Press").as_deref(),
            Some("The Associated Press")
        );
        assert_eq!(
            byline_name("By the time police arrived, the gunmen had fled."),
            None
        );
        assert_eq!(byline_name("Von Berlin nach Paris"), None);
        assert_eq!(byline_name("Por la tarde"), None);
        assert_eq!(byline_name("Par exemple"), None);
        assert_body("By Sunday, the toll had risen to 40.");
        assert_body("By midnight the fire was out");
    }

    #[test]
    fn captions() {
        for line in [
            "A Russian National Guard soldier defends a fire area above the Krokus City Hall on the western edge of Moscow, Russia, Friday, March 22, 2024. (AP Photo)",
            "In this photo taken from a video released by the Investigative Committee of Russia on Sunday, March 24, 2024, a suspect is escorted. (Russian Investigative Committee, Associated Press)",
            "A masked Islamic State soldier holds an Islamic State flag in 2015. (History/Universal Image Group, Getty Images)",
            "Russian firefighters search through rubble after Moscow terror attack (Russian Emergencies Ministry/Handout/Anadolu, Getty Images)",
            "Police guard the site of the blast. (Reuters)",
            "Rescuers at the scene on Friday. Photo: Reuters",
            "Einsatzkräfte am Tatort. Foto: dpa",
            "Mourners gather outside the hall. AFP via Getty Images",
            "Image caption, Rescuers searched through the night",
            "Image source, Getty Images",
            "Soldiers patrol the border. Credit: Jane Doe/The Times",
        ] {
            assert_eq!(classify_line(line), LineClass::Caption, "{line:?}");
        }
        assert_body("The group, known as Islamic State Khorasan Province (ISKP), has been active since 2015.");
        assert_body(
            "“We were able to send a warning to the Russians,” he told reporters on Monday.",
        );
        assert_body("The attackers fled in a white Renault, investigators said (the car was later found burned).");
        assert_body("Als Kim im Oktober 2014 wochenlang verschwunden war, gab es ebenfalls Spekulationen um seine Gesundheit. Der Geheimdienst nahm damals an, dass Kim operiert worden sei. Die Zyste könne sich jederzeit neu bilden, hieß es. (FR mit dpa)");
        assert_eq!(
            classify_line("Rescue workers searched the rubble through the night for survivors of the blast. Officials said at least twelve people were still missing. Relatives waited outside the cordon in the cold. (AP Photo/Jane Doe)"),
            LineClass::Caption
        );
        assert_body("Unzip the tone (it's a .m4r file; Apple's special m4r ringtone format.)");
        assert_body("“We have all of our investigators out here,” Lemma said. © 2016 KHOU");
        assert_eq!(classify_line("Police light (file)"), LineClass::Caption);
        assert_eq!(
            classify_line("Mourners light candles. (via Telegram)"),
            LineClass::Caption
        );
    }

    #[test]
    fn related_headline_heuristic() {
        let prev = Some("Videos of the men emerged on Telegram.");
        let next = Some("But Roggio believes the move is unlikely to succeed.");
        assert!(is_related_headline_like(
            "Moscow concerns attacker was blindfolded",
            prev,
            next
        ));
        assert!(is_related_headline_like(
            "Zelensky responds to Moscow concert hall shooting, slams Putin for suggesting Ukraine was behind terror attack",
            prev,
            next
        ));
        assert!(is_related_headline_like(
            "What is the terrorist group ISIS-K linked to the Moscow Concert Hall attack and the 2021 Monastery Gate bombing?",
            Some("A soldier stands guard. (AP Photo)"),
            next
        ));
        // Body sentences, sub-headings, questions in quotes, continuations.
        assert!(!is_related_headline_like(
            "Four Tajik men have been charged in a Russian court.",
            prev,
            next
        ));
        assert!(!is_related_headline_like("Aftermath", prev, next));
        assert!(!is_related_headline_like(
            "Who is behind the attack?",
            prev,
            next
        ));
        assert!(!is_related_headline_like(
            "“Islamic State will use these videos for recruitment”",
            prev,
            next
        ));
        assert!(!is_related_headline_like(
            "The gunmen then opened fire on the crowd",
            Some("According to witnesses,"),
            next
        ));
        assert!(!is_related_headline_like(
            "The gunmen then opened fire on the crowd",
            prev,
            Some("and set the hall on fire.")
        ));
        assert!(!is_related_headline_like(
            "The attack was later claimed by the",
            prev,
            Some("Islamic State group.")
        ));
    }

    #[test]
    fn author_headings() {
        for h in [
            "Autor:innen",
            "About the author",
            "AUTHORS:",
            " Über den Autor ",
        ] {
            assert!(is_author_heading(h), "{h}");
        }
        for h in [
            "Author: Tim Ehlers",
            "Authors say the attack was planned",
            "Autorität",
        ] {
            assert!(!is_author_heading(h), "{h}");
        }
    }

    #[test]
    fn author_bios() {
        let bio = "I am a dedicated and skilled News Content Writer with a passion for delivering accurate and engaging stories to a diverse audience.";
        assert!(is_author_bio(bio, None));
        assert!(is_author_bio(bio, Some("Ali Raza")));
        assert!(is_author_bio(
            "Maria Okafor is a freelance reporter covering security in West Africa.",
            Some("Maria Okafor")
        ));
        assert!(is_author_bio(
            "Okafor has covered conflict in the Sahel since 2015.",
            Some("Maria Okafor")
        ));
        assert!(is_author_bio(
            "Jane Doe is a reporter for Fox News Digital.",
            None
        ));
        assert!(is_author_bio(
            "Jane Doe can be reached at jane@example.com.",
            None
        ));
        assert!(!is_author_bio("Bill Roggio, a senior fellow at the Foundation for Defense of Democracies and founding editor of The Long War Journal, said the attack was planned.", None));
        assert!(!is_author_bio("I am afraid to go outside, she said.", None));
        assert!(!is_author_bio("John Kirby is a White House national security adviser, and he said the threat was real.", None));
    }

    #[test]
    fn helpers() {
        assert!(ends_sentence("He said so.”"));
        assert!(ends_sentence("You can take one off. “"));
        assert!(!ends_sentence("Moscow concerns attacker was blindfolded"));
        assert!(looks_like_headline(
            "ISIS-K makes resurgence amid Moscow terror attack"
        ));
        assert!(!looks_like_headline(
            "recent fatal events Moscow terrorist attack"
        ));
        assert!(!looks_like_headline("Four men were charged. They deny it"));
        assert!(!looks_like_headline(
            "Why did so many people have to die? What happened next?"
        ));
        assert_eq!(trim_furniture("  » Read more ›  "), "Read more");
    }

    #[test]
    fn long_lines_skip_the_table() {
        let long = "The attack ".repeat(80);
        assert_eq!(classify_line(&long), LineClass::Body);
        let multibyte = "Ä".repeat(600);
        assert_eq!(classify_line(&multibyte), LineClass::Body);
    }

    /// Nanoseconds this thread has run on a CPU (Linux), so the timing ignores time spent
    /// preempted on a busy machine; wall time elsewhere.
    fn cpu_ns(wall: std::time::Instant) -> u128 {
        std::fs::read_to_string("/proc/thread-self/schedstat")
            .ok()
            .and_then(|s| s.split_whitespace().next()?.parse().ok())
            .unwrap_or_else(|| wall.elapsed().as_nanos())
    }

    /// Timing check: `cargo test --release -p tocsin-extract --lib classify_speed -- --ignored --nocapture`.
    #[test]
    #[ignore = "timing; run in release"]
    fn classify_speed() {
        let lines = [
            "Four Tajik men have been charged in a Russian court after gunmen attacked a concert hall on Sunday, killing more than 130 people and injuring 180 others.",
            "“This is a valid type of attack. We are discussing it,” he added.",
            "See also  Haiti's dangerous power vacuum",
            "Moscow concerns attacker was blindfolded",
            "Click here to get the Fox News app",
            "Your email address will not be published. Required fields are marked *",
            "By Ali Raza",
            "A masked Islamic State soldier holds an Islamic State flag in 2015. (History/Universal Image Group, Getty Images)",
            "But Roggio believes the move is unlikely to succeed in preventing a terrorist attack.",
            "Die Behörden teilen die Einschätzung bislang nicht, wie ein Sprecher sagte.",
        ];
        let wall = std::time::Instant::now();
        let rounds = 100_000;
        let start = cpu_ns(wall);
        let mut body = 0usize;
        for _ in 0..rounds {
            for l in &lines {
                body += usize::from(
                    std::hint::black_box(classify_line(std::hint::black_box(l))) == LineClass::Body,
                );
            }
        }
        let per = (cpu_ns(wall) - start) as f64 / (rounds * lines.len()) as f64;
        println!("classify_line: {per:.0} ns per line on CPU ({body} body)");
        for l in &lines {
            let start = cpu_ns(wall);
            for _ in 0..20_000 {
                std::hint::black_box(classify_line(std::hint::black_box(l)));
            }
            let per = (cpu_ns(wall) - start) as f64 / 20_000.0;
            println!("{per:>6.0} ns  {}", &l[..floor_char_boundary(l, 60)]);
        }
    }
}
