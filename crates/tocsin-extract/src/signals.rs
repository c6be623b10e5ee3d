//! Raw metadata signals collected from a page during parsing, before any decision is made.
//!
//! The HTML pass fills a [`PageSignals`] in one walk over the tree; `metadata` then decides
//! title, byline, dates and the rest from it. Keeping the two apart lets the decision rules be
//! tested without HTML.

/// Everything the page says about itself, as found.
#[derive(Debug, Clone, Default)]
pub struct PageSignals {
    /// The page URL, when the source knows it.
    pub url: Option<String>,
    /// Text of the `<title>` element.
    pub title_tag: Option<String>,
    /// `<meta>` pairs: (`name`, `property` or `itemprop` lowercased, `content`).
    pub metas: Vec<(String, String)>,
    /// Bodies of `<script type="application/ld+json">` elements.
    pub json_ld: Vec<String>,
    /// `<time>` elements: (`datetime` attribute if any, visible text, `pubdate`/`itemprop` hint).
    pub times: Vec<TimeSignal>,
    /// Text of `<h1>` elements, in document order.
    pub h1s: Vec<String>,
    /// For each of `h1s`: whether its text is one plain run (no kicker, date or label set
    /// apart in elements of their own).
    pub h1_plain: Vec<bool>,
    /// Text of other headings that may carry the headline when the `<h1>` is a logo or
    /// missing: `<h2>`, `<h3>`, and elements whose class or id names a headline or title
    /// (`contentheading`, `b.Headline`, `#articleTitle`), in document order.
    pub headings: Vec<String>,
    /// Short lines set apart by their look rather than by a heading element, as older
    /// templates mark headlines (`<font size="4"><b>…`, `style="font-size:18px"`,
    /// `class="storyhead"`), in document order: the headline of last resort when the page's
    /// title names only the site.
    pub styled_lines: Vec<String>,
    /// Titles that the page's share links hand to bookmarking and social sites
    /// (`digg.com/submit?url=…&title=Headline`), in document order, at most a few: the
    /// story's title on old templates whose `<title>` is broken or names only the site.
    pub share_titles: Vec<String>,
    /// `<link rel="canonical">` href.
    pub canonical: Option<String>,
    /// `<html lang>` attribute.
    pub html_lang: Option<String>,
    /// Text of elements that look like bylines (`rel=author`, `itemprop=author`, class/id
    /// containing "author" or "byline"), in document order.
    pub author_candidates: Vec<String>,
    /// Text of elements that look like datelines (class/id containing "date", "time",
    /// "published", "meta"), in document order.
    pub date_candidates: Vec<String>,
    /// Text of the first body paragraphs chosen as the article, for a visible dateline.
    pub lead_text: Option<String>,
    /// The article's first block when it reads as a headline (a heading, or a short line
    /// without a full stop) and text follows it: where the extractor found the story begin.
    pub body_head: Option<String>,
    /// When the article does not open with its headline: the nearest line set apart as a
    /// heading just before its first block (see `content::head_before_body`).
    pub head_before_body: Option<String>,
    /// Text of the first `<h1>` that is only a link to the front page: the site's logo,
    /// kept for the site's name and left out of `h1s`.
    pub logo: Option<String>,
    /// Short lines of visible text around the first `<h1>`s, where pages put the dateline
    /// and byline ("Hamburg, 2. November 2021", "Von: Jane Doe | 31.10.23").
    pub headline_lines: Vec<HeadlineLine>,
    /// Short lines introduced by a publication label ("Veröffentlicht am 16.08.2019",
    /// "Published: …"), or following a line that is only such a label ("Mise en ligne" /
    /// "23 mai 2019"), in document order.
    pub labelled_dates: Vec<String>,
}

/// One short line of visible text next to an `<h1>`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HeadlineLine {
    /// Index of the `<h1>` in [`PageSignals::h1s`].
    pub h1: usize,
    /// Whether the line follows the `<h1>` (inside it after its first line, or after it);
    /// otherwise it is one of the lines just before it.
    pub after: bool,
    /// The line, whitespace collapsed.
    pub text: String,
}

/// Whether a lowercase class/id token names a date or timestamp: it contains `date`,
/// `publish`, `posted`, `timestamp`, `release`, `datum` or `fecha`, or one of its
/// `-`/`_`-separated parts is `time` or `submitted` (`h-time`, `node-submitted`; not
/// `timeline` or `runtime`).
pub fn is_date_class_token(token: &str) -> bool {
    // One pass over the bytes, comparing only where a word can start: this runs on every
    // class token of every page.
    let b = token.as_bytes();
    let at = |i: usize, w: &[u8]| b[i..].starts_with(w);
    let part = |i: usize, w: &[u8]| {
        at(i, w)
            && (i == 0 || matches!(b[i - 1], b'-' | b'_'))
            && matches!(b.get(i + w.len()), None | Some(b'-' | b'_'))
    };
    (0..b.len()).any(|i| match b[i] {
        b'd' => at(i, b"date") || at(i, b"datum"),
        b'p' => at(i, b"publish") || at(i, b"posted"),
        b't' => at(i, b"timestamp") || part(i, b"time"),
        b'r' => at(i, b"release"),
        b'f' => at(i, b"fecha"),
        b's' => part(i, b"submitted"),
        _ => false,
    })
}

/// Whether a class attribute names the kicker set above a headline inside its `<h1>`
/// (`dachzeile`, `kicker`, `ts-overline`, `ContentHead_titleheader__x`, `h1small`).
pub fn is_kicker_class(class: &str) -> bool {
    const KICKER: [&str; 12] = [
        "dachzeile",
        "kicker",
        "overline",
        "topline",
        "roofline",
        "supertitle",
        "super-title",
        "eyebrow",
        "pretitle",
        "pre-title",
        "titleheader",
        "h1small",
    ];
    class.split_ascii_whitespace().any(|token| {
        let mut lower = [0u8; 64];
        let n = token.len().min(lower.len());
        lower[..n].copy_from_slice(&token.as_bytes()[..n]);
        lower[..n].make_ascii_lowercase();
        KICKER
            .iter()
            .any(|k| memchr::memmem::find(&lower[..n], k.as_bytes()).is_some())
    })
}

/// Whether a class or id attribute names a headline or title (`entry-title`, `Headline`,
/// `contentheading`, `ctl00_articleTitle`), not a subtitle, site title or widget title.
pub fn is_headline_class(value: &str) -> bool {
    /// Words that make a title class something else than the headline's.
    const NOT_HEADLINE: [&[u8]; 17] = [
        b"sub", b"site", b"tooltip", b"widget", b"section", b"bar", b"page", b"logo", b"block",
        b"sidebar", b"teaser", b"related", b"nav", b"menu", b"footer", b"module", b"list",
    ];
    // One pass per token, case-insensitive, comparing only at `t`/`h`: this runs on every
    // class and id of every page.
    let has = |t: &[u8], w: &[u8]| t.windows(w.len()).any(|x| x.eq_ignore_ascii_case(w));
    value.split_ascii_whitespace().any(|token| {
        let t = token.as_bytes();
        let names = (0..t.len()).any(|i| match t[i] | 0x20 {
            b't' => t[i..].len() >= 5 && t[i..i + 5].eq_ignore_ascii_case(b"title"),
            b'h' => {
                t[i..].len() >= 7
                    && (t[i..i + 7].eq_ignore_ascii_case(b"headlin")
                        || t[i..i + 7].eq_ignore_ascii_case(b"heading"))
            }
            _ => false,
        });
        names && !NOT_HEADLINE.iter().any(|w| has(t, w))
    })
}

/// Whether an element's attributes set its text apart as a headline would be: a `<font>` of
/// size 4 or more (or `+1` and up), an inline style of 16 pixels or more, or a class or id
/// naming a head (`storyhead`, `header`), in any case.
pub fn is_styled_headline(
    font_size: Option<&str>,
    style: Option<&str>,
    class_or_id: &[&str],
) -> bool {
    let big_font = font_size.is_some_and(|v| {
        let v = v.trim();
        match v.strip_prefix('+') {
            Some(rel) => rel.parse::<u8>().is_ok_and(|n| n >= 1),
            None => v.parse::<u8>().is_ok_and(|n| (4..=7).contains(&n)),
        }
    });
    big_font
        || style.is_some_and(has_big_font_size)
        || class_or_id
            .iter()
            .any(|v| v.split_ascii_whitespace().any(is_head_token))
}

/// Whether an inline style sets a font size of 16 to 60 pixels.
fn has_big_font_size(style: &str) -> bool {
    let b = style.as_bytes();
    let key = b"font-size";
    let Some(at) = b
        .windows(key.len())
        .position(|w| w.eq_ignore_ascii_case(key))
    else {
        return false;
    };
    let value = style[at + key.len()..].trim_start_matches([':', ' ']);
    let digits = value.bytes().take_while(u8::is_ascii_digit).count();
    value[..digits]
        .parse::<u16>()
        .is_ok_and(|n| (16..=60).contains(&n))
        && value[digits..]
            .get(..2)
            .is_some_and(|u| u.eq_ignore_ascii_case("px"))
}

/// Whether a class or id token names a head (`storyhead`, `article-header`), not a
/// subhead, a navigation head, a table head or the masthead.
fn is_head_token(token: &str) -> bool {
    let t = token.as_bytes();
    let has = |w: &[u8]| t.windows(w.len()).any(|x| x.eq_ignore_ascii_case(w));
    has(b"head")
        && ![&b"sub"[..], b"nav", b"menu", b"thead", b"masthead"]
            .iter()
            .any(|w| has(w))
}

/// Lines of text are cut at block elements; longer ones are prose, not datelines.
const MAX_LINE: usize = 160;
/// How many short lines are kept after an `<h1>`, and how much text (short lines and prose)
/// may pass before the window closes.
const AFTER_LINES: usize = 6;
const AFTER_TEXT: usize = 700;
/// How many `<h1>`s get a window.
const MAX_H1S: usize = 4;
/// How many labelled lines are kept.
const MAX_LABELLED: usize = 4;

/// Labels that introduce a publication date, lowercase, in the languages of the news web.
/// Update labels ("Aktualisiert", "Updated") are left out on purpose.
const PUBLICATION_LABELS: [&str; 26] = [
    "published",
    "first published",
    "posted",
    "date",
    "publication date",
    "veröffentlicht",
    "erschienen",
    "publiziert",
    "datum",
    "erstellt",
    "publié",
    "mise en ligne",
    "date de publication",
    "paru le",
    "publicado",
    "fecha",
    "fecha de publicación",
    "pubblicato",
    "data di pubblicazione",
    "gepubliceerd",
    "geplaatst",
    "datum publicatie",
    "opublikowano",
    "data publikacji",
    "publikováno",
    "publicerad",
];

/// Whether a line opens with a publication label, and whether the label is all there is
/// (the date then follows on the next line).
fn publication_label(line: &str) -> Option<bool> {
    // Every label starts with one of these letters; most lines are turned away here.
    let first = line.as_bytes().first()? | 0x20;
    if !matches!(first, b'd' | b'e' | b'f' | b'g' | b'm' | b'o' | b'p' | b'v') {
        return None;
    }
    // Lowercase the head of the line into a stack buffer: labels are short.
    let mut head = [0u8; 32];
    let mut n = 0;
    for c in line.chars().flat_map(char::to_lowercase) {
        let mut tmp = [0u8; 4];
        let enc = c.encode_utf8(&mut tmp).as_bytes();
        if n + enc.len() > head.len() {
            break;
        }
        head[n..n + enc.len()].copy_from_slice(enc);
        n += enc.len();
    }
    let head = &head[..n];
    // The longest label that opens the line ("date de publication" over "date").
    let label = PUBLICATION_LABELS
        .iter()
        .filter(|l| head.starts_with(l.as_bytes()))
        .max_by_key(|l| l.len())?;
    let rest = line.get(label.len()..)?;
    // The label must end at a word boundary: "Dates", "Postedit" are not labels.
    if rest.chars().next().is_some_and(char::is_alphanumeric) {
        return None;
    }
    let rest =
        rest.trim_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '-' | '–' | '.' | '|'));
    let bare = rest.is_empty()
        || ["am", "on", "le", "el", "il", "op", "dne", "den", "em", "in"]
            .iter()
            .any(|w| rest.eq_ignore_ascii_case(w));
    Some(bare)
}

/// Collects [`PageSignals::headline_lines`] during the document-order walk: the walker reports
/// text runs, block boundaries and `<h1>` starts; the scanner cuts lines and keeps the two short
/// lines before each `<h1>` and the first short lines after it. Buffers are reused, so the walk
/// allocates only for kept lines.
#[derive(Debug, Default)]
pub struct HeadlineScan {
    line: String,
    /// The last two short lines seen, most recent in `prev[0]`.
    prev: [String; 2],
    /// The `<h1>` whose window is open: (index in `h1s`, first node after its subtree).
    open: Option<(usize, u32)>,
    /// Whether the open `<h1>`'s first line (the headline itself) has been passed.
    past_first: bool,
    kept: usize,
    seen: usize,
    /// The previous line was a bare publication label: keep this one.
    label_pending: bool,
}

impl HeadlineScan {
    /// A text run of node `node` (whitespace is collapsed here).
    pub fn text(&mut self, node: u32, text: &str, sig: &mut PageSignals) {
        self.leave_if_past(node, sig);
        if self.line.len() > MAX_LINE * 2 {
            return;
        }
        crate::html::push_collapsed(&mut self.line, text);
    }

    /// An element `node` starts; `block` when it breaks the line.
    pub fn element(&mut self, node: u32, block: bool, sig: &mut PageSignals) {
        self.leave_if_past(node, sig);
        if block {
            self.flush(sig);
        }
    }

    /// An `<h1>` at `node` was pushed as `sig.h1s[index]`; its subtree ends before `end`.
    pub fn h1(&mut self, index: usize, end: u32, sig: &mut PageSignals) {
        self.flush(sig);
        self.open = None;
        if index >= MAX_H1S {
            return;
        }
        for p in self.prev.iter().rev() {
            if !p.is_empty() {
                sig.headline_lines.push(HeadlineLine {
                    h1: index,
                    after: false,
                    text: p.clone(),
                });
            }
        }
        self.open = Some((index, end));
        self.past_first = false;
        self.kept = 0;
        self.seen = 0;
    }

    /// Ends the walk: the last line is flushed.
    pub fn finish(&mut self, sig: &mut PageSignals) {
        self.flush(sig);
    }

    fn leave_if_past(&mut self, node: u32, sig: &mut PageSignals) {
        if let Some((_, end)) = self.open {
            if node >= end && !self.past_first {
                // The headline's own text ends its first line.
                self.flush(sig);
            }
        }
    }

    fn flush(&mut self, sig: &mut PageSignals) {
        let trimmed = self.line.trim();
        if trimmed.is_empty() {
            self.line.clear();
            return;
        }
        let short = trimmed.len() <= MAX_LINE;
        if short && sig.labelled_dates.len() < MAX_LABELLED {
            if std::mem::take(&mut self.label_pending) {
                sig.labelled_dates.push(trimmed.to_string());
            } else if let Some(bare) = publication_label(trimmed) {
                if bare {
                    self.label_pending = true;
                } else {
                    sig.labelled_dates.push(trimmed.to_string());
                }
            }
        } else {
            self.label_pending = false;
        }
        if let Some((index, _)) = self.open {
            if !self.past_first {
                self.past_first = true;
            } else {
                self.seen += trimmed.len();
                if short {
                    sig.headline_lines.push(HeadlineLine {
                        h1: index,
                        after: true,
                        text: trimmed.to_string(),
                    });
                    self.kept += 1;
                }
                if self.kept >= AFTER_LINES || self.seen >= AFTER_TEXT {
                    self.open = None;
                }
            }
        }
        if short {
            self.prev.swap(0, 1);
            self.prev[0].clear();
            self.prev[0].push_str(trimmed);
        } else {
            self.prev.iter_mut().for_each(String::clear);
        }
        self.line.clear();
    }
}

/// One `<time>` element.
#[derive(Debug, Clone, Default)]
pub struct TimeSignal {
    /// Its `datetime` attribute.
    pub datetime: Option<String>,
    /// Its visible text.
    pub text: String,
    /// Whether it is marked as the publication time (`pubdate`, `itemprop=datePublished`,
    /// class containing "publish").
    pub published_hint: bool,
    /// Whether it is marked as a modification time (`itemprop=dateModified`, class "updated"/"modified").
    pub modified_hint: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The signals of a page, as the HTML pass collects them.
    fn signals(html: &str) -> PageSignals {
        let dom = crate::html::Dom::parse(html);
        crate::content::extract(&dom, None).signals
    }

    fn texts(lines: &[HeadlineLine], h1: usize, after: bool) -> Vec<&str> {
        lines
            .iter()
            .filter(|l| l.h1 == h1 && l.after == after)
            .map(|l| l.text.as_str())
            .collect()
    }

    #[test]
    fn date_class_tokens() {
        for t in [
            "entry-date",
            "published",
            "posted-on",
            "timestamp",
            "release",
            "field-online-datum",
            "fecha",
            "h-time",
            "node-submitted",
        ] {
            assert!(is_date_class_token(t), "{t}");
        }
        for t in [
            "timeline",
            "runtime",
            "sometimes",
            "author",
            "submit-button",
        ] {
            assert!(!is_date_class_token(t), "{t}");
        }
    }

    #[test]
    fn kicker_classes() {
        for c in [
            "dachzeile ",
            "ts-overline",
            "ContentHead_titleheader__MSrlO",
            "h1small",
            "article-kicker big",
        ] {
            assert!(is_kicker_class(c), "{c}");
        }
        for c in ["headline", "post-title", "ts-headline", ""] {
            assert!(!is_kicker_class(c), "{c}");
        }
    }

    #[test]
    fn headline_classes() {
        for c in [
            "entry-title",
            "Headline",
            "contentheading",
            "ctl00_ContentArea_articleTitle",
            "story HEADLINE",
        ] {
            assert!(is_headline_class(c), "{c}");
        }
        for c in [
            "subtitle",
            "site-title",
            "widget-title",
            "page-title",
            "byline",
            "content",
        ] {
            assert!(!is_headline_class(c), "{c}");
        }
    }

    #[test]
    fn publication_labels() {
        assert_eq!(
            publication_label("Veröffentlicht am 16.08.2019"),
            Some(false)
        );
        assert_eq!(publication_label("Erschienen am: 01.11.2023"), Some(false));
        assert_eq!(publication_label("Published by Jane Doe"), Some(false));
        assert_eq!(
            publication_label("Date de publication : 3 mai"),
            Some(false)
        );
        assert_eq!(publication_label("Mise en ligne"), Some(true));
        assert_eq!(publication_label("Datum:"), Some(true));
        assert_eq!(publication_label("Veröffentlicht am"), Some(true));
        assert_eq!(publication_label("Dates and times"), None);
        assert_eq!(publication_label("Postedit"), None);
        assert_eq!(publication_label("Aktualisiert am 3.5.2021"), None);
        assert_eq!(publication_label(""), None);
    }

    #[test]
    fn styled_headlines_are_big_fonts_big_inline_styles_and_head_classes() {
        assert!(is_styled_headline(Some("4"), None, &[]));
        assert!(is_styled_headline(Some("+2"), None, &[]));
        assert!(is_styled_headline(
            None,
            Some("font-size:18px;font-weight:bold"),
            &[]
        ));
        assert!(is_styled_headline(None, None, &["storyhead", ""]));
        assert!(is_styled_headline(None, None, &["", "article-header"]));
        assert!(!is_styled_headline(Some("2"), None, &[]));
        assert!(!is_styled_headline(Some("-1"), None, &[]));
        assert!(!is_styled_headline(None, Some("font-size: 12px"), &[]));
        assert!(!is_styled_headline(None, Some("font-size: 1.1em"), &[]));
        assert!(!is_styled_headline(None, None, &["masthead", "subhead"]));
    }

    #[test]
    fn headline_lines_around_the_h1() {
        let s = signals(
            "<html><body><div>Politik</div><div>Jan 18, 2019</div>\
             <h1>Headline here<br><small>02.02.2022</small></h1>\
             <p class=x>Von: Jane Doe | <span>31.10.23</span></p>\
             <p>A long paragraph of prose that is far longer than any dateline would ever be, \
             with enough words in it to pass the line limit of the scanner by a wide margin, \
             which it does once this sentence ends here.</p><p>Short after</p></body></html>",
        );
        assert_eq!(
            texts(&s.headline_lines, 0, false),
            ["Politik", "Jan 18, 2019"]
        );
        assert_eq!(
            texts(&s.headline_lines, 0, true),
            ["02.02.2022", "Von: Jane Doe | 31.10.23", "Short after"]
        );
    }

    #[test]
    fn headline_window_closes_after_a_few_lines() {
        let mut html = String::from("<h1>Headline</h1>");
        for i in 0..10 {
            html.push_str(&format!("<p>line {i}</p>"));
        }
        let s = signals(&html);
        assert_eq!(texts(&s.headline_lines, 0, true).len(), AFTER_LINES);
    }

    #[test]
    fn labelled_dates_same_line_or_next() {
        let s = signals(
            "<ul><li><p>Mise en ligne</p><p>23 mai 2019</p></li></ul>\
             <p>Erschienen am: 01.11.2023</p><p>Datum</p><p>Lorem ipsum dolor sit amet, \
             consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore \
             magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco.</p>\
             <p>12.12.2012</p>",
        );
        assert_eq!(
            s.labelled_dates,
            ["23 mai 2019", "Erschienen am: 01.11.2023"]
        );
    }

    #[test]
    fn h1_without_its_kicker_and_whether_it_is_plain() {
        let s = signals(
            "<h1><span class=\"dachzeile\">Nach Lockerungen</span> \
             <span class=\"headline\">Autohäuser rechnen mit wenig</span></h1>\
             <h1><small>Einheit der Woche</small><br>Lagen-Pyramide</h1>\
             <h1>Saftiger Kuchen: einfach köstlich!</h1>",
        );
        assert_eq!(
            s.h1s,
            [
                "Autohäuser rechnen mit wenig",
                "Lagen-Pyramide",
                "Saftiger Kuchen: einfach köstlich!"
            ]
        );
        assert_eq!(s.h1_plain, [false, false, true]);
    }

    #[test]
    fn headings_and_titles_outside_the_head() {
        let s = signals(
            "<html><body><svg><title>icon</title></svg>\
             <TITLE>Toyota to unveil concept truck</TITLE>\
             <header role=\"banner\"><h1>Logo</h1></header>\
             <h2>Toyota to unveil concept truck</h2>\
             <b class=\"Headline\">A bold headline</b><h4>not a heading signal</h4>\
             <p class=\"subtitle\">A subtitle</p><p>Plenty of prose here for the body.</p>\
             <p>More prose to make the furniture region small against the page.</p>\
             <p>And still more.</p><p>And more.</p></body></html>",
        );
        assert_eq!(
            s.title_tag.as_deref(),
            Some("Toyota to unveil concept truck")
        );
        assert!(s.h1s.is_empty(), "{:?}", s.h1s);
        assert_eq!(
            s.headings,
            ["Toyota to unveil concept truck", "A bold headline"]
        );
    }

    #[test]
    fn date_classes_collect_candidates() {
        let s = signals(
            "<div class=\"h-time\">2020-02-19 20:29:58</div>\
             <div class=\"submitted\">Gespeichert von rasos am 24. Juli 2017</div>\
             <div class=\"timeline\">1999</div>",
        );
        assert_eq!(
            s.date_candidates,
            [
                "2020-02-19 20:29:58",
                "Gespeichert von rasos am 24. Juli 2017"
            ]
        );
    }
}
