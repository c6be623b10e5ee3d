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
