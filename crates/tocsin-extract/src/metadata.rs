//! Title, byline, dates, site, canonical URL and language, decided from a page's [`PageSignals`].
//!
//! Pages state their metadata several times over, in JSON-LD, in `<meta>` tags and in visible
//! markup, and the copies disagree: `<title>` carries the site name, `og:title` is sometimes a
//! teaser, the first `<h1>` may be the site logo, JSON-LD is often invalid. Each field therefore
//! has an ordered list of sources, and candidates are cleaned and checked against each other
//! (a headline that agrees with the visible `<h1>` wins) rather than taken blindly.
//!
//! ```
//! use tocsin_extract::metadata::extract_metadata;
//! use tocsin_extract::signals::PageSignals;
//! let signals = PageSignals {
//!     title_tag: Some("Blast hits market in Kabul | Daily Planet".into()),
//!     metas: vec![
//!         ("og:site_name".into(), "Daily Planet".into()),
//!         ("author".into(), "By Jane Doe and John Roe".into()),
//!         ("article:published_time".into(), "2024-03-22T09:15:00+04:30".into()),
//!     ],
//!     html_lang: Some("en-US".into()),
//!     ..PageSignals::default()
//! };
//! let meta = extract_metadata(&signals);
//! assert_eq!(meta.title.as_deref(), Some("Blast hits market in Kabul"));
//! assert_eq!(meta.byline.as_deref(), Some("Jane Doe; John Roe"));
//! assert_eq!(meta.published.as_deref(), Some("2024-03-22T09:15:00+04:30"));
//! assert_eq!(meta.site.as_deref(), Some("Daily Planet"));
//! assert_eq!(meta.language.as_deref(), Some("en"));
//! ```

use serde_json::Value;
use tocsin_model::text::floor_char_boundary;

use crate::boilerplate::{classify_line, words_beside_date, LineClass, Reason};
use crate::dates::{self, DateContext, NumericOrder, ParsedDate};
use crate::signals::PageSignals;

/// The page's metadata as decided from its signals.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    /// Headline, without site-name prefixes or suffixes.
    pub title: Option<String>,
    /// Author names joined with `"; "`, labels ("By", "Von"), roles and dates removed.
    pub byline: Option<String>,
    /// Publication date: `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM:SS` (with zone when known).
    pub published: Option<String>,
    /// Last modification date, in the same form; only when stated apart from the publication.
    pub modified: Option<String>,
    /// Name of the site or publisher.
    pub site: Option<String>,
    /// Canonical URL (`<link rel=canonical>`, else `og:url`), made absolute where possible.
    pub canonical_url: Option<String>,
    /// ISO 639-1 code of the page language.
    pub language: Option<String>,
    /// The article's text as its JSON-LD gives it (`articleBody`), for pages whose visible
    /// body is built by scripts from it.
    pub article_body: Option<String>,
}

/// Decides every metadata field of a page from its signals.
pub fn extract_metadata(signals: &PageSignals) -> Metadata {
    let metas = Metas(&signals.metas);
    let ld = LdFacts::parse(&signals.json_ld);
    let canonical_url = canonical_url(signals, &metas);
    let lang_tag = language_tag(signals, &metas, &ld);
    let language = lang_tag.and_then(normalize_language);
    let site = site_name(&metas, &ld)
        .filter(|s| !is_the_page_title(s, signals))
        .or_else(|| signals.logo.as_deref().map(collapse_ws));
    let host = signals
        .url
        .as_deref()
        .or(canonical_url.as_deref())
        .and_then(host_of);
    let mut site_names: Vec<&str> = Vec::new();
    site_names.extend(site.as_deref());
    site_names.extend(ld.publisher.as_deref());
    site_names.extend(ld.website.as_deref());
    site_names.extend(metas.get("application-name"));
    site_names.extend(metas.get("twitter:site").map(|s| s.trim_start_matches('@')));
    site_names.retain(|s| !is_the_page_title(s, signals));
    let title = title(signals, &metas, &ld, &site_names, host);
    // Only a page with no title of its own in metadata (older pages) is second-guessed.
    let meta_title = metas.get("og:title").is_some()
        || metas.get("twitter:title").is_some()
        || ld.headline.is_some();
    let title = if meta_title {
        title
    } else {
        title_against_lead(title, signals)
    };
    let headline = headline_h1(signals, title.as_deref());
    let byline = byline(signals, &metas, &ld, &site_names, host, headline);
    let order = NumericOrder::for_language(lang_tag);
    let (published, modified) = dates(
        signals,
        &metas,
        &ld,
        order,
        canonical_url.as_deref(),
        headline,
    );
    Metadata {
        title,
        byline,
        published,
        modified,
        site,
        canonical_url,
        language,
        article_body: ld.article_body,
    }
}

// ---------------------------------------------------------------------------------------------
// Meta tags

/// Lookup over `<meta>` pairs; keys compared case-insensitively, first non-empty value wins.
struct Metas<'a>(&'a [(String, String)]);

impl<'a> Metas<'a> {
    fn get(&self, key: &str) -> Option<&'a str> {
        self.0
            .iter()
            .find(|(k, v)| k.eq_ignore_ascii_case(key) && !v.trim().is_empty())
            .map(|(_, v)| v.trim())
    }

    fn all(&self, key: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.0
            .iter()
            .filter(move |(k, v)| k.eq_ignore_ascii_case(key) && !v.trim().is_empty())
            .map(|(_, v)| v.trim())
    }

    fn first_of(&self, keys: &[&str]) -> Option<&'a str> {
        keys.iter().find_map(|k| self.get(k))
    }
}

// ---------------------------------------------------------------------------------------------
// JSON-LD

/// What the page's JSON-LD blocks say, each block parsed once. Fields come from the most
/// article-like node that has them: an `Article` outranks a `WebPage`, which outranks other
/// typed nodes; listing pages (`CollectionPage`, `ItemList` members) are not descended into,
/// since their articles are other pages.
#[derive(Debug, Default)]
struct LdFacts {
    headline: Option<String>,
    /// Author names, each with whether it was typed as an organization.
    authors: Vec<(String, bool)>,
    published: Vec<String>,
    modified: Option<String>,
    publisher: Option<String>,
    website: Option<String>,
    language: Option<String>,
    /// The longest `articleBody` of an article node.
    article_body: Option<String>,
}

/// Node ranks: lower is more article-like.
const RANK_ARTICLE: u8 = 0;
const RANK_PAGE: u8 = 1;
const RANK_OTHER: u8 = 2;

impl LdFacts {
    fn parse(blocks: &[String]) -> Self {
        let mut values = Vec::new();
        for block in blocks {
            parse_json_lenient(block, &mut values);
        }
        if values.is_empty() {
            return Self::default();
        }
        let mut nodes: Vec<&serde_json::Map<String, Value>> = Vec::new();
        for v in &values {
            collect_nodes(v, 0, &mut nodes);
        }
        let lookup = |id: &str| -> Option<&serde_json::Map<String, Value>> {
            nodes
                .iter()
                .find(|n| n.get("@id").and_then(Value::as_str) == Some(id) && n.len() > 1)
                .copied()
        };
        let mut ranked: Vec<(u8, &serde_json::Map<String, Value>)> = nodes
            .iter()
            .filter_map(|n| node_rank(n).map(|r| (r, *n)))
            .collect();
        ranked.sort_by_key(|(r, _)| *r);

        let mut facts = Self::default();
        for (rank, node) in &ranked {
            if facts.headline.is_none() && *rank <= RANK_PAGE {
                facts.headline = str_field(node, "headline").or_else(|| {
                    (*rank == RANK_ARTICLE)
                        .then(|| str_field(node, "name"))
                        .flatten()
                });
            }
            if facts.authors.is_empty() {
                if let Some(a) = node.get("author").or_else(|| node.get("creator")) {
                    collect_person_names(a, &lookup, &mut facts.authors);
                }
            }
            if facts.published.is_empty() {
                for key in ["datePublished", "dateCreated", "uploadDate"] {
                    if let Some(d) = str_field(node, key) {
                        facts.published.push(d);
                    }
                }
            }
            if facts.modified.is_none() {
                facts.modified = str_field(node, "dateModified");
            }
            if facts.publisher.is_none() {
                if let Some(p) = node.get("publisher") {
                    facts.publisher = entity_name(p, &lookup);
                }
            }
            if facts.language.is_none() {
                facts.language = str_field(node, "inLanguage");
            }
            if *rank == RANK_ARTICLE {
                if let Some(body) = node.get("articleBody").and_then(Value::as_str) {
                    if facts
                        .article_body
                        .as_ref()
                        .is_none_or(|b| b.len() < body.len())
                    {
                        facts.article_body = Some(body.to_string());
                    }
                }
            }
        }
        for node in &nodes {
            let types = node_types(node);
            if facts.website.is_none() && types.contains(&"WebSite") {
                facts.website = str_field(node, "name");
            }
            if facts.publisher.is_none()
                && types
                    .iter()
                    .any(|t| t.ends_with("Organization") || *t == "NewsMediaOrganization")
            {
                facts.publisher = str_field(node, "name");
            }
        }
        facts
    }
}

/// Parses one JSON-LD block; on failure retries once after the usual breakage is repaired
/// (HTML comment and CDATA wrappers, raw control characters, trailing commas, several objects
/// in a row). A block that still fails is skipped.
fn parse_json_lenient(block: &str, out: &mut Vec<Value>) {
    let text = block.trim();
    if text.is_empty() {
        return;
    }
    if let Ok(v) = serde_json::from_str::<Value>(text) {
        out.push(v);
        return;
    }
    let repaired = repair_json(text);
    let stream = serde_json::Deserializer::from_str(&repaired).into_iter::<Value>();
    for v in stream {
        match v {
            Ok(v) => out.push(v),
            Err(_) => break,
        }
    }
}

/// Removes what commonly breaks JSON-LD: comment/CDATA wrappers, control characters, trailing
/// commas and commas between top-level objects.
fn repair_json(text: &str) -> String {
    let mut s = text;
    for prefix in ["<!--", "//<![CDATA[", "/*<![CDATA[*/", "<![CDATA["] {
        s = s.trim_start().strip_prefix(prefix).unwrap_or(s);
    }
    for suffix in ["-->", "//]]>", "/*]]>*/", "]]>"] {
        s = s.trim_end().strip_suffix(suffix).unwrap_or(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut in_string = false;
    let mut escaped = false;
    let mut depth: i32 = 0;
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            out.push(if c.is_control() { ' ' } else { c });
            continue;
        }
        match c {
            '"' => in_string = true,
            '{' | '[' => depth += 1,
            '}' | ']' => depth -= 1,
            ',' => {
                let next = chars[i + 1..].iter().find(|c| !c.is_whitespace());
                // Trailing comma before a closer, or a comma between top-level values.
                if matches!(next, Some('}' | ']') | None) || depth == 0 {
                    continue;
                }
            }
            ';' if depth == 0 => continue,
            _ => {}
        }
        out.push(if c.is_control() { ' ' } else { c });
    }
    out
}

/// Flattens arrays, `@graph` and `mainEntity`/`mainEntityOfPage`/`isPartOf` into a node list.
fn collect_nodes<'v>(
    v: &'v Value,
    depth: usize,
    out: &mut Vec<&'v serde_json::Map<String, Value>>,
) {
    if depth > 6 || out.len() > 256 {
        return;
    }
    match v {
        Value::Array(items) => {
            for item in items {
                collect_nodes(item, depth + 1, out);
            }
        }
        Value::Object(map) => {
            out.push(map);
            for key in ["@graph", "mainEntity", "mainEntityOfPage", "isPartOf"] {
                if let Some(child) = map.get(key) {
                    if child.is_object() || child.is_array() {
                        collect_nodes(child, depth + 1, out);
                    }
                }
            }
        }
        _ => {}
    }
}

fn node_types(node: &serde_json::Map<String, Value>) -> Vec<&str> {
    match node.get("@type") {
        Some(Value::String(s)) => vec![strip_schema_prefix(s)],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(Value::as_str)
            .map(strip_schema_prefix)
            .collect(),
        _ => Vec::new(),
    }
}

fn strip_schema_prefix(t: &str) -> &str {
    t.rsplit(['/', ':']).next().unwrap_or(t)
}

/// Rank of a typed node, `None` for nodes that describe no page content (people, logos…).
fn node_rank(node: &serde_json::Map<String, Value>) -> Option<u8> {
    let types = node_types(node);
    let mut best: Option<u8> = None;
    for t in types {
        let r =
            if t.ends_with("Article") || t.ends_with("Posting") || t == "Report" || t == "Review" {
                RANK_ARTICLE
            } else if t.ends_with("WebPage")
                || matches!(
                    t,
                    "ItemPage" | "AboutPage" | "FAQPage" | "QAPage" | "ProfilePage"
                )
            {
                RANK_PAGE
            } else if matches!(
                t,
                "Recipe"
                    | "VideoObject"
                    | "AudioObject"
                    | "PodcastEpisode"
                    | "Event"
                    | "CreativeWork"
                    | "Blog"
                    | "Product"
                    | "HowTo"
                    | "Course"
                    | "Book"
                    | "Movie"
                    | "Episode"
            ) {
                RANK_OTHER
            } else {
                continue;
            };
        best = Some(best.map_or(r, |b| b.min(r)));
    }
    best
}

fn str_field(node: &serde_json::Map<String, Value>, key: &str) -> Option<String> {
    let v = node.get(key)?;
    let s = match v {
        Value::String(s) => s.as_str(),
        Value::Array(a) => a.iter().find_map(Value::as_str)?,
        Value::Object(o) => o.get("@value").and_then(Value::as_str)?,
        _ => return None,
    };
    let s = collapse_ws(s);
    (!s.is_empty()).then_some(s)
}

/// The `name` of an entity given inline, by `@id` reference, or as a plain string.
fn entity_name<'v>(
    v: &'v Value,
    lookup: &dyn Fn(&str) -> Option<&'v serde_json::Map<String, Value>>,
) -> Option<String> {
    match v {
        Value::String(s) => Some(collapse_ws(s)).filter(|s| !s.is_empty()),
        Value::Array(a) => a.iter().find_map(|x| entity_name(x, lookup)),
        Value::Object(o) => str_field(o, "name").or_else(|| {
            let id = o.get("@id").and_then(Value::as_str)?;
            lookup(id).and_then(|n| str_field(n, "name"))
        }),
        _ => None,
    }
}

fn collect_person_names<'v>(
    v: &'v Value,
    lookup: &dyn Fn(&str) -> Option<&'v serde_json::Map<String, Value>>,
    out: &mut Vec<(String, bool)>,
) {
    match v {
        Value::Array(a) => {
            for x in a {
                collect_person_names(x, lookup, out);
            }
        }
        Value::Object(o) => {
            let resolved = match (o.get("name"), o.get("@id").and_then(Value::as_str)) {
                (None, Some(id)) => lookup(id).unwrap_or(o),
                _ => o,
            };
            let is_org = node_types(resolved)
                .iter()
                .any(|t| t.ends_with("Organization"));
            match resolved.get("name") {
                // "name": ["Redaktion"] and similar.
                Some(Value::Array(names)) => {
                    for n in names.iter().filter_map(Value::as_str) {
                        out.push((collapse_ws(n), is_org));
                    }
                }
                _ => {
                    if let Some(name) = str_field(resolved, "name") {
                        out.push((name, is_org));
                    }
                }
            }
        }
        Value::String(s) => out.push((collapse_ws(s), false)),
        _ => {}
    }
}

// ---------------------------------------------------------------------------------------------
// Text helpers

/// Whitespace runs collapsed to one space, trimmed.
pub(crate) fn collapse_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for part in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(part);
    }
    out
}

/// Lowercased word tokens (letters, digits, `_`), as the evaluation and humans compare titles.
fn word_tokens(s: &str) -> Vec<String> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|t| !t.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Letters and digits only, lowercased: "ContraCostaTimes.com" → "contracostatimescom".
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The host of an absolute URL, without `www.`.
fn host_of(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#', ':']).next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then_some(host)
}

// ---------------------------------------------------------------------------------------------
// Title

/// Whether a `<title>` text is markup an unclosed element swallowed: a comment end, a tag, or
/// far longer than any headline.
fn is_swallowed_markup(title: &str) -> bool {
    title.len() > 600 || title.contains("-->") || title.contains("</") || title.contains("<script")
}

/// Separators that set a site or section name apart from a headline in `<title>`.
const TITLE_SEPARATORS: [&str; 15] = [
    " | ", " - ", " – ", " — ", " -- ", " :: ", " » ", " « ", " >> ", " > ", " · ", " • ", " ~ ",
    " / ", " : ",
];

/// Splits a title at separators that are outside quotation marks; byte ranges of the trimmed
/// segments.
fn title_segments(title: &str) -> Vec<(usize, usize)> {
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let bytes = title.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b' ' {
            if let Some(sep) = TITLE_SEPARATORS
                .iter()
                .find(|s| title[i..].starts_with(**s))
            {
                if !inside_quotes(&title[..i]) {
                    cuts.push((i, i + sep.len()));
                }
                // The separator's last space may open the next one ("Headline - - Site").
                i += sep.len() - 1;
                continue;
            }
        }
        i += 1;
    }
    let trimmed = |a: usize, b: usize| -> (usize, usize) {
        let seg = &title[a..b];
        let lead = seg.len() - seg.trim_start().len();
        let trail = seg.len() - seg.trim_end().len();
        if lead + trail >= seg.len() {
            (a, a)
        } else {
            (a + lead, b - trail)
        }
    };
    let mut segs = Vec::with_capacity(cuts.len() + 1);
    let mut start = 0;
    for (a, b) in cuts {
        let a = a.max(start);
        segs.push(trimmed(start, a));
        start = b.max(start);
    }
    segs.push(trimmed(start, title.len()));
    segs
}

/// Whether an opening quotation mark in `prefix` is still open.
fn inside_quotes(prefix: &str) -> bool {
    let mut open = 0i32;
    let mut ascii = 0;
    for c in prefix.chars() {
        match c {
            '«' | '“' | '„' | '‹' | '「' => open += 1,
            '»' | '”' | '›' | '」' => open -= 1,
            '"' => ascii += 1,
            _ => {}
        }
    }
    open > 0 || ascii % 2 == 1
}

/// Whether a title segment is the site's name: equal to or contained in a known site name or
/// the host, or containing it.
/// A title segment that is only a host name ("www.kansascity.com", "WDTN.com") names the site.
fn is_domain_name(seg: &str) -> bool {
    let seg = seg.trim();
    let labels: Vec<&str> = seg.split('.').collect();
    let tld = labels.last().copied().unwrap_or("");
    labels.len() >= 2
        && !seg.contains(char::is_whitespace)
        && labels
            .iter()
            .all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        && (2..=6).contains(&tld.len())
        && tld.chars().all(|c| c.is_ascii_alphabetic())
}

/// A title segment that is only a date ("01/17/2008", "2008-01-17"): the page's stamp.
fn is_date_segment(seg: &str) -> bool {
    let seg = seg.trim();
    let digits = seg.chars().filter(char::is_ascii_digit).count();
    digits >= 6
        && seg
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '/' | '-' | '.'))
}

fn is_site_segment(seg: &str, sites: &[&str], host: Option<&str>) -> bool {
    let s = squash(seg);
    if s.is_empty() || is_domain_name(seg) {
        return true;
    }
    let seg_words = seg.split_whitespace().count();
    for site in sites {
        let n = squash(site);
        if n.is_empty() {
            continue;
        }
        if s == n
            || (n.len() >= 4 && s.contains(&n) && seg_words <= site.split_whitespace().count() + 3)
        {
            return true;
        }
        if s.len() >= 4 && n.contains(&s) {
            return true;
        }
    }
    if let Some(host) = host {
        let h = squash(host);
        if s == h {
            return true;
        }
        // The registrable label: "telegraph" of "telegraph.co.uk", "cbn" of "cbn.com".
        let label = host
            .split('.')
            .filter(|l| l.len() > 3 || !matches!(*l, "co" | "com" | "org" | "net" | "ac" | "gov"))
            .max_by_key(|l| l.len())
            .map(squash)
            .unwrap_or_default();
        if label.len() >= 3 && (s == label || (s.starts_with(&label) && seg_words <= 4)) {
            return true;
        }
        if s.len() >= 4 && h.contains(&s) {
            return true;
        }
    }
    false
}

/// The title without separator characters standing alone at its start or end.
fn strip_separator_debris(title: &str) -> String {
    let is_debris = |w: &str| {
        w.chars().all(|c| {
            matches!(
                c,
                '|' | '»' | '«' | '·' | '•' | '-' | '–' | '—' | ':' | '~' | '>'
            )
        })
    };
    let words: Vec<&str> = title.split(' ').collect();
    let start = words
        .iter()
        .position(|w| !is_debris(w))
        .unwrap_or(words.len());
    let end = words
        .iter()
        .rposition(|w| !is_debris(w))
        .map_or(start, |e| e + 1);
    words
        .get(start..end)
        .map(|w| w.join(" "))
        .unwrap_or_default()
}

/// Removes site-name segments from either end of a title. With `guess`, a title that still has
/// several segments and no known site keeps the longer of its first and last segment, which is
/// where headlines sit in `Headline - Section - Site` and `Site - Headline` alike.
fn clean_title(raw: &str, sites: &[&str], host: Option<&str>, guess: bool) -> String {
    // Separator debris at either end ("» Headline", "Headline |"); a guillemet stays when it
    // touches a word, as a quotation mark does.
    let raw = strip_separator_debris(&collapse_ws(raw));
    let mut segs = title_segments(&raw);
    let text = |(a, b): (usize, usize)| &raw[a..b];
    if segs.len() == 1 {
        // "Site: Headline".
        if let Some((head, rest)) = raw.split_once(": ") {
            if is_site_segment(head, sites, host) && word_tokens(rest).len() >= 2 {
                return rest.trim().to_string();
            }
        }
        return raw;
    }
    // A known site's name tells where the headline is; a bare host name or date only that
    // it is not part of it.
    let mut removed = false;
    let mut outer = |seg: &str| {
        let known = is_site_segment(seg, sites, host) && !is_domain_name(seg);
        removed |= known;
        known || is_domain_name(seg) || is_date_segment(seg)
    };
    while segs.len() > 1 && segs.last().is_some_and(|&r| outer(text(r))) {
        segs.pop();
    }
    while segs.len() > 1 && outer(text(segs[0])) {
        segs.remove(0);
    }
    let (Some(&first), Some(&last)) = (segs.first(), segs.last()) else {
        return raw;
    };
    if segs.len() > 1 && guess && !removed {
        let (fw, lw) = (
            text(first).split_whitespace().count(),
            text(last).split_whitespace().count(),
        );
        let pick = if lw > fw { last } else { first };
        if text(pick).split_whitespace().count() >= 3 {
            return text(pick).to_string();
        }
    }
    // From the first to the last kept segment, with the separators between them.
    raw[first.0..last.1].trim().to_string()
}

/// A heading must have this many words to be confirmed by one segment of a title.
const MIN_SEGMENT_WORDS: usize = 3;
/// A meta title this short may name a section or page rather than the article.
const SECTION_NAME_WORDS: usize = 2;
/// An `<h1>` this long reads as a headline.
const HEADLINE_WORDS: usize = 4;
/// A `<title>` this short, and nothing else, may be only the site's name.
const SHORT_TITLE_WORDS: usize = 4;

/// Token lists of a title's segments, split at separators and at a `": "` after a leading
/// label ("Site: Section : Headline" gives all three).
fn segment_tokens(title: &str) -> Vec<Vec<String>> {
    let raw = collapse_ws(title);
    let mut out = Vec::new();
    for (a, b) in title_segments(&raw) {
        let seg = &raw[a..b];
        out.push(word_tokens(seg));
        if let Some((head, rest)) = seg.split_once(": ") {
            out.push(word_tokens(head));
            out.push(word_tokens(rest));
        }
    }
    out.retain(|t| !t.is_empty());
    out
}

/// Whether the h1's words are the whole of a title candidate, or its leading or trailing run
/// covering at least half of it (the rest being a site name or section).
fn h1_agrees(h1: &[String], candidate: &[String]) -> bool {
    if h1.is_empty() || candidate.is_empty() {
        return false;
    }
    if h1 == candidate {
        return true;
    }
    if h1.len() < 2 || h1.len() * 2 < candidate.len() || h1.len() > candidate.len() {
        return false;
    }
    candidate.starts_with(h1) || candidate.ends_with(h1)
}

/// Whether `needle` occurs as a contiguous run of `hay`.
fn contains_run(hay: &[String], needle: &[String]) -> bool {
    !needle.is_empty()
        && needle.len() <= hay.len()
        && hay.windows(needle.len()).any(|w| w == needle)
}

/// Whether any of the h1's content words (four letters or more) occurs in a candidate.
fn shares_a_word(h1: &[String], candidates: &[Vec<String>]) -> bool {
    h1.iter()
        .filter(|t| t.chars().count() >= 4)
        .any(|t| candidates.iter().any(|c| c.contains(t)))
}

/// Letters a headline's word and the story's form of it have in common: headlines inflect
/// differently ("extradition sought" over "could be extradited", "defends" over "defended").
const STEM_CHARS: usize = 6;

/// The first [`STEM_CHARS`] letters of a word, its crude stem.
fn word_stem(w: &str) -> String {
    w.chars().take(STEM_CHARS).collect()
}

/// A word of four letters or more: the content a headline shares with its story's opening.
fn is_content_word(w: &str) -> bool {
    w.chars().count() >= 4 && w.chars().all(char::is_alphabetic)
}

/// A title that shares at most one word with the story's opening lines is the site's or the
/// section's name ("Winona Daily News", "Sports Wire", "Daily Times - Leading News Resource of
/// Pakistan"), chosen because the page names no site to recognise it by, unless the page also
/// sets it as a heading of three words or more. Then the first heading, or line set apart by
/// its look, that shares at least two words with the opening is the headline; a page without
/// any title gets one the same way. A title that shares words with the opening keeps only the
/// part that does: outer segments sharing none are the site or section ("IOL: Headline",
/// "Headline: Sport: Rugby: News24").
fn title_against_lead(title: Option<String>, signals: &PageSignals) -> Option<String> {
    let lead = signals.lead_text.as_deref().unwrap_or("");
    // The words of the story after its headline line, when the body begins with one.
    let body_head = signals.body_head.as_deref();
    let lead = body_head.and_then(|h| lead.strip_prefix(h)).unwrap_or(lead);
    let lead_words: std::collections::HashSet<String> = word_tokens(lead)
        .into_iter()
        .take(crate::content::LEAD_WORDS)
        .filter(|w| is_content_word(w))
        .map(|w| word_stem(&w))
        .collect();
    if lead_words.len() < 8 {
        return title;
    }
    let overlap = |t: &str| {
        let mut seen: Vec<String> = word_tokens(t)
            .into_iter()
            .filter(|w| is_content_word(w))
            .map(|w| word_stem(&w))
            .collect();
        seen.sort();
        seen.dedup();
        seen.iter().filter(|w| lead_words.contains(*w)).count()
    };
    // The heading line just above the story, without a stamp run on after it, unless it is
    // a credit or dateline ("Courtesy: State Athletics Release: 01/10/2008") or a box's
    // heading.
    let above: Option<String> = signals
        .head_before_body
        .as_deref()
        .map(|h| crate::dates::trailing_stamp_start(h).map_or(h, |k| &h[..k]))
        .filter(|h| words_beside_date(h, 200).is_none() && !is_furniture_heading(h))
        .map(collapse_ws);
    // A sentence of the story (a bold lead) is no headline.
    // Segments of the `<title>` come last ("Station Name, City News and Weather | Headline").
    let tag = signals
        .title_tag
        .as_deref()
        .filter(|t| !is_swallowed_markup(t))
        .map(collapse_ws)
        .unwrap_or_default();
    let tag_segments: Vec<String> = fine_segments(&tag)
        .into_iter()
        .map(|(a, b)| tag[a..b].to_string())
        .collect();
    let heading = |at_least: usize, with_tag: bool| {
        let tag_segments = if with_tag { &tag_segments[..] } else { &[] };
        signals
            .h1s
            .iter()
            .chain(&signals.headings)
            .chain(&signals.styled_lines)
            .chain(&signals.share_titles)
            .chain(tag_segments)
            .map(|h| collapse_ws(h))
            .find(|h| {
                let words = h.split_whitespace().count();
                (3..=25).contains(&words)
                    && !h.ends_with(['.', ':'])
                    && overlap(h) >= at_least.max(2)
            })
    };
    // The body's own headline line, where it shares two words with the story or is part of
    // the `<title>` ("SFGate: World Views : Headline"), over a title that shares fewer.
    let tag_tokens = signals
        .title_tag
        .as_deref()
        .map(word_tokens)
        .unwrap_or_default();
    let confirmed_head = body_head.filter(|h| {
        let head_tokens = word_tokens(h);
        overlap(h) >= 2
            || (head_tokens.len() >= MIN_SEGMENT_WORDS && contains_run(&tag_tokens, &head_tokens))
    });
    let Some(current) = title.as_deref() else {
        return match confirmed_head {
            Some(head) => Some(within_head(head, heading(2, false))),
            None => heading(2, true),
        };
    };
    // A title the page also sets as a heading is its headline, words shared or not.
    let tokens = word_tokens(current);
    let headed = signals
        .h1s
        .iter()
        .chain(&signals.headings)
        .any(|h| word_tokens(h) == tokens);
    let shared = overlap(current);
    if let Some(head) = confirmed_head {
        // The title is the body's headline behind a section label ("Other Entertainment-
        // From our writers' mail bags..."): the headline as the page shows it.
        let head_tokens = word_tokens(head);
        let last_segment = fine_segments(current)
            .last()
            .map(|&(a, b)| word_tokens(&current[a..b]));
        if head_tokens.len() >= MIN_SEGMENT_WORDS
            && tokens.len() > head_tokens.len()
            && last_segment.as_ref() == Some(&head_tokens)
        {
            return Some(collapse_ws(head));
        }
        // Not over a headline of its own that the body's first line only follows (a deck)
        // or extends (a kicker before it).
        let short = tokens.len() < HEADLINE_WORDS;
        if (shared == 0 || (short && shared < 2))
            && (!headed || short)
            && !contains_run(&word_tokens(head), &tokens)
        {
            return Some(within_head(head, heading(2, false)));
        }
    }

    // Set as the `<h1>` and as a whole segment of the `<title>`, it is the page's headline
    // twice over, however few words it shares with the story ("Kleine Schafskunde" over a
    // glossary whose entries are its `<h2>`s). A section name set the same way ("SFGate: World
    // Views : Headline") has given way to the body's headline line above.
    let in_h1 = signals.h1s.iter().any(|h| word_tokens(h) == tokens);
    let tag_confirmed = in_h1 && segment_tokens(&tag).contains(&tokens);
    if tag_confirmed {
        return title;
    }
    // The heading line just above the story, where it shares more of the story's words than a
    // title the page does not set as its `<h1>` (a teaser heading picked for a `<title>` that
    // names only the section: "News | Africa - Reuters.com").
    if let Some(above) = above.as_deref() {
        if !in_h1 && shared < 2 && overlap(above) >= 2 {
            return Some(above.to_string());
        }
        // The title is the visible headline respelt with a source after it ("Pakistans
        // Stocks And Currency Pay Heavy Price (from The Herald )"): the page's own spelling.
        let visible = squash(above);
        if visible.chars().count() >= 12 && squash(current).starts_with(&visible) {
            return Some(above.to_string());
        }
    }
    if headed && tokens.len() >= MIN_SEGMENT_WORDS {
        return title;
    }
    if shared >= 2 || (shared == 1 && headed) {
        return Some(if headed {
            current.to_string()
        } else {
            trim_unshared_segments(current, &overlap)
        });
    }
    // One shared word may be the site's country or topic ("… News Resource of Pakistan"): a
    // heading must share clearly more to replace it.
    // Another segment of the `<title>` only replaces a title the page does not set as a
    // heading ("Blog Name | Post Title" with the post's <h1> is the post's).
    heading(shared + 2, !headed).or(title)
}

/// The body's headline line, or the heading inside it when the line also carries a section
/// label or a date ("National Sonia in hospital…" with the heading "Sonia in hospital…").
fn within_head(head: &str, heading: Option<String>) -> String {
    match heading {
        Some(h) if contains_run(&word_tokens(head), &word_tokens(&h)) => h,
        _ => collapse_ws(head),
    }
}

/// Words from which a title segment sharing a single word with the story may still be the
/// site's name rather than a speaker or a place set before the headline.
const LONG_SEGMENT_WORDS: usize = 6;

/// The title without outer segments that share no word with the story's opening, when what
/// is left is three words or more ("Unkle: Home woes for Flyers" → "Home woes for Flyers").
/// Segments are split at the `<title>` separators, at `": "`, at a hyphen that only ends a
/// word ("Headline- Travel-News") and at underscores between words
/// ("Headline_English_Xinhua"). A segment without letters ("2007: …") stays.
fn trim_unshared_segments(title: &str, overlap: &dyn Fn(&str) -> usize) -> String {
    let mut segs = fine_segments(title);
    let span = |segs: &[(usize, usize)]| match (segs.first(), segs.last()) {
        (Some(f), Some(l)) => &title[f.0..l.1],
        _ => "",
    };
    // A segment goes when it shares no word with the story; a long one (a station's name,
    // "… 2 On Your Side News", meeting "street-side") also when it shares one word against
    // at least three in the rest. A short one sharing a word is a speaker ("Cole: …").
    let droppable = |seg: &(usize, usize), rest: &[(usize, usize)]| {
        let text = &title[seg.0..seg.1];
        text.chars().any(char::is_alphabetic)
            && match overlap(text) {
                0 => true,
                1 => {
                    text.split_whitespace().count() >= LONG_SEGMENT_WORDS
                        && overlap(span(rest)) >= 3
                }
                _ => false,
            }
    };
    let words = |segs: &[(usize, usize)]| span(segs).split_whitespace().count();
    while segs.len() > 1
        && segs
            .last()
            .is_some_and(|s| droppable(s, &segs[..segs.len() - 1]))
        && words(&segs[..segs.len() - 1]) >= 3
    {
        segs.pop();
    }
    while segs.len() > 1
        && segs.first().is_some_and(|s| droppable(s, &segs[1..]))
        && words(&segs[1..]) >= 3
    {
        segs.remove(0);
    }
    match (segs.first(), segs.last()) {
        (Some(f), Some(l)) => strip_separator_debris(title[f.0..l.1].trim()),
        _ => title.to_string(),
    }
}

/// Byte ranges of a title's segments, cut at the `<title>` separators and, inside those, at
/// label separators (see [`split_label_separators`]).
fn fine_segments(title: &str) -> Vec<(usize, usize)> {
    title_segments(title)
        .into_iter()
        .flat_map(|(a, b)| split_label_separators(title, a, b))
        .collect()
}

/// Byte ranges of `title[a..b]` cut at `": "`, at a hyphen ending a word and followed by a
/// space, and at underscores between letters.
fn split_label_separators(title: &str, a: usize, b: usize) -> Vec<(usize, usize)> {
    let seg = &title[a..b];
    let bytes = seg.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let cut = match bytes[i] {
            b':' | b'-' => {
                bytes.get(i + 1) == Some(&b' ')
                    && i > 0
                    && bytes[i - 1] != b' '
                    && !inside_quotes(&seg[..i])
            }
            b'_' => {
                i > 0
                    && bytes[i - 1].is_ascii_alphabetic()
                    && bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic)
            }
            _ => false,
        };
        if cut {
            if !seg[start..i].trim().is_empty() {
                out.push((start, i));
            }
            start = i + 1;
        }
        i += 1;
    }
    out.push((start, bytes.len()));
    out.into_iter()
        .filter_map(|(s, e)| {
            let piece = &seg[s..e];
            let lead = piece.len() - piece.trim_start().len();
            let trail = piece.len() - piece.trim_end().len();
            (lead + trail < piece.len()).then(|| (a + s + lead, a + e - trail))
        })
        .collect()
}

/// A line that is a date and at most one other word ("Tuesday, April 19, 2005"): a blog's
/// day heading, not a headline.
fn is_date_line(line: &str) -> bool {
    words_beside_date(line, 60).is_some_and(|n| n <= 1)
}

/// A heading that titles a box of the page, not its story: "Related Stories", "Other News
/// in Technology", "Talkback - Add your opinion", "Main navigation".
fn is_furniture_heading(heading: &str) -> bool {
    is_date_line(heading)
        || is_pager_link(heading)
        // A heading that introduces a list or box ("Customers Who Bought This Also Bought:").
        || heading.trim_end().ends_with(':')
        || matches!(
            classify_line(heading),
            LineClass::Boilerplate(
                Reason::RelatedHeader
                    | Reason::Related
                    | Reason::Navigation
                    | Reason::CommentForm
                    | Reason::CommentPrompt
                    | Reason::Share
                    | Reason::Subscription
                    | Reason::Cookie
            )
        )
}

/// A link to the previous or next post, marked by a guillemet that opens or closes nothing
/// ("« Advice on Learning C", "Next story ›"); a quotation ("« Nous resterons »") has both.
fn is_pager_link(heading: &str) -> bool {
    let h = heading.trim();
    let (opens, closes) = (['«', '‹'], ['»', '›']);
    (h.starts_with(opens) && !h.contains(closes)) || (h.ends_with(closes) && !h.contains(opens))
}

/// The value given most often, the earliest on a tie.
fn most_common(values: &[String]) -> Option<&str> {
    let count = |v: &String| values.iter().filter(|w| *w == v).count();
    let mut best: Option<(&String, usize)> = None;
    for v in values {
        let n = count(v);
        if best.is_none_or(|(_, m)| n > m) {
            best = Some((v, n));
        }
    }
    best.map(|(v, _)| v.as_str())
}

/// Headline. The visible `<h1>` is what readers and annotators call the title, but pages also
/// use `<h1>` for logos and section names, so it is trusted when a meta title confirms it
/// (same words, or the meta title plus a site name). A meta title found inside a longer `<h1>`
/// built of parts (kicker + headline) is taken alone; a plain one-piece `<h1>` that extends it
/// is the fuller headline. An `<h1>` that is a whole segment of a title wins with the heading of
/// the earliest segment. Then other headings (`<h2>`, `<h3>`, headline-classed) that a title
/// confirms, an `<h1>` that shares a word with a cleaned meta title (section names and logos
/// share none) or reads as a sentence against a one-or-two-word meta title or a bare `<title>`,
/// a heading that is a title segment. Last: the meta titles with site names removed, then
/// `<title>` cleaned the same way and by guessing, unless it is a few words (the site's name)
/// and the page shows a longer heading.
fn title(
    signals: &PageSignals,
    metas: &Metas<'_>,
    ld: &LdFacts,
    sites: &[&str],
    host: Option<&str>,
) -> Option<String> {
    let mut meta_titles: Vec<&str> = Vec::new();
    meta_titles.extend(metas.get("og:title"));
    meta_titles.extend(ld.headline.as_deref());
    meta_titles.extend(metas.get("twitter:title"));
    meta_titles.extend(metas.first_of(&[
        "dc.title",
        "dcterms.title",
        "sailthru.title",
        "parsely-title",
    ]));
    // An unclosed `<title>` swallows the markup after it: such a title is no title.
    let title_tag = signals
        .title_tag
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty() && !is_swallowed_markup(t));
    // Without any other title, the one the share links submit (old templates with a broken
    // `<title>`). Below a `<title>`: a share bar may belong to a teaser of another story.
    if meta_titles.is_empty() && title_tag.is_none() {
        meta_titles.extend(most_common(&signals.share_titles));
    }

    // Cleaned candidates in preference order, with their tokens.
    let mut cleaned: Vec<(String, Vec<String>)> = Vec::new();
    for t in &meta_titles {
        let c = clean_title(t, sites, host, false);
        let toks = word_tokens(&c);
        if !toks.is_empty() {
            cleaned.push((c, toks));
        }
    }
    let mut from_tag: Option<(String, Vec<String>)> = None;
    if let Some(t) = title_tag {
        let c = clean_title(t, sites, host, true);
        let toks = word_tokens(&c);
        if !toks.is_empty() {
            from_tag = Some((c, toks));
        }
    }
    // Candidates for agreement, strongest first: meta titles (cleaned and raw), then <title>.
    let meta_tokens: Vec<Vec<String>> = cleaned
        .iter()
        .map(|(_, t)| t.clone())
        .chain(meta_titles.iter().map(|t| word_tokens(t)))
        .collect();
    // The raw `<title>` also with underscores read as separators: some sites glue their
    // name on with them ("Headline_English_Xinhua"), which a word of the metric keeps whole.
    let tag_tokens: Vec<Vec<String>> = from_tag
        .iter()
        .map(|(_, t)| t.clone())
        .chain(title_tag.map(word_tokens))
        .chain(
            title_tag
                .filter(|t| t.contains('_'))
                .map(|t| word_tokens(&t.replace('_', " "))),
        )
        .collect();

    let (h1_index, h1s): (Vec<usize>, Vec<(&str, Vec<String>)>) = signals
        .h1s
        .iter()
        .map(|h| (h.trim(), word_tokens(h)))
        .enumerate()
        .filter(|(_, (h, t))| {
            !t.is_empty()
                && h.len() <= 400
                && !is_site_segment(h, sites, host)
                && !is_furniture_heading(h)
        })
        .unzip();
    // Whole segments of the titles ("Headline - Deck - Site"), for headings that are one.
    let meta_segments: Vec<Vec<String>> =
        meta_titles.iter().flat_map(|t| segment_tokens(t)).collect();
    let tag_segments: Vec<Vec<String>> = title_tag.into_iter().flat_map(segment_tokens).collect();
    // Which segment a heading is, the earliest in either title ("Headline - Deck - Site").
    let segment_rank = |t: &Vec<String>| -> Option<usize> {
        if t.len() < MIN_SEGMENT_WORDS {
            return None;
        }
        let rank = |segs: &[Vec<String>]| segs.iter().position(|s| s == t);
        match (rank(&meta_segments), rank(&tag_segments)) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    };
    for candidates in [&meta_tokens, &tag_tokens] {
        for (h1, h1_tokens) in &h1s {
            if candidates.iter().any(|c| h1_agrees(h1_tokens, c)) {
                return Some(collapse_ws(h1));
            }
        }
    }
    // A meta title inside a longer <h1> built of several parts (kicker, date, label around the
    // headline) or of title segments ("Site | Headline") is the headline alone; a plain
    // one-piece <h1> is the fuller headline itself.
    for (i, (h1, h1_tokens)) in h1s.iter().enumerate() {
        if let Some((c, _)) = cleaned.iter().chain(from_tag.iter()).find(|(_, t)| {
            t.len() >= 2 && t.len() * 3 >= h1_tokens.len() && contains_run(h1_tokens, t)
        }) {
            let plain = signals.h1_plain.get(h1_index[i]).copied().unwrap_or(false)
                && title_segments(h1).len() == 1;
            return Some(if plain { collapse_ws(h1) } else { c.clone() });
        }
    }
    // An <h1> of a few words that opens a title is the headline; the rest of the title is its
    // deck ("Headline, Deck Sentence - Site" with the deck in an <h2>).
    for (h1, h1_tokens) in &h1s {
        if h1_tokens.len() >= HEADLINE_WORDS
            && meta_tokens
                .iter()
                .chain(&tag_tokens)
                .any(|c| c.len() > h1_tokens.len() && c.starts_with(h1_tokens))
        {
            return Some(collapse_ws(h1));
        }
    }
    // Without an agreeing <h1> (a logo, a section name, none), another heading that a meta
    // title or the <title> confirms whole.
    let headings: Vec<(&str, Vec<String>)> = signals
        .headings
        .iter()
        .map(|h| (h.as_str(), word_tokens(h)))
        .filter(|(h, t)| {
            t.len() >= 2 && !is_site_segment(h, sites, host) && !is_furniture_heading(h)
        })
        .collect();
    // An <h1> that is a whole segment of a title: the heading of the earliest segment, the
    // <h1> on a tie ("Headline - Deck - Site" with the deck or the headline in the <h1>).
    if h1s.iter().any(|(_, t)| segment_rank(t).is_some()) {
        if let Some((h, _)) = h1s
            .iter()
            .chain(&headings)
            .filter_map(|(h, t)| Some((h, segment_rank(t)?)))
            .min_by_key(|(_, rank)| *rank)
        {
            return Some(collapse_ws(h));
        }
    }
    for (heading, tokens) in &headings {
        if meta_tokens
            .iter()
            .chain(&tag_tokens)
            .any(|c| h1_agrees(tokens, c))
        {
            return Some(collapse_ws(heading));
        }
    }
    let clean_tokens: Vec<Vec<String>> = cleaned
        .iter()
        .chain(from_tag.iter())
        .map(|(_, t)| t.clone())
        .collect();
    if let Some((h1, h1_tokens)) = h1s.first() {
        // A meta title of a word or two against a sentence-long <h1> names the page or its
        // section ("About Us", "Pressemitteilungen"); the <h1> is the headline.
        // Nor does a bare <title> outweigh one: old templates fill it with the site's name
        // or keywords.
        let best_len = clean_tokens.first().map_or(0, Vec::len);
        if clean_tokens.is_empty()
            || shares_a_word(h1_tokens, &clean_tokens)
            || (h1_tokens.len() >= HEADLINE_WORDS
                && (best_len <= SECTION_NAME_WORDS || meta_titles.is_empty()))
        {
            return Some(collapse_ws(h1));
        }
    }
    // A heading that the page's share links submit as the story's title, when no title
    // names it (old templates whose `<title>` carries only the site and its keywords).
    let shared_titles: Vec<Vec<String>> = signals
        .share_titles
        .iter()
        .map(|t| word_tokens(t))
        .collect();
    if let Some((heading, _)) = headings
        .iter()
        .find(|(_, t)| t.len() >= MIN_SEGMENT_WORDS && shared_titles.contains(t))
    {
        return Some(collapse_ws(heading));
    }
    // A heading that is one whole segment of a title, the earliest segment first
    // ("Headline - Deck - Site").
    if let Some((heading, _)) = headings
        .iter()
        .filter_map(|(h, t)| Some((h, segment_rank(t)?)))
        .min_by_key(|(_, rank)| *rank)
    {
        return Some(collapse_ws(heading));
    }
    // A <title> of a few words with nothing else to go by is the site's name when the page
    // shows a longer heading; without any title, the first heading of a few words is it. Not
    // what is left of a <title> once a known site name is cut from it: that is the headline.
    let site_cut = !sites.is_empty()
        && title_tag.is_some_and(|t| {
            word_tokens(&clean_title(t, sites, None, false)).len()
                < word_tokens(&clean_title(t, &[], None, false)).len()
        });
    if meta_titles.is_empty() && h1s.is_empty() && !site_cut {
        let tag_len = from_tag.as_ref().map_or(0, |(_, t)| t.len());
        if tag_len <= SHORT_TITLE_WORDS {
            if let Some((heading, _)) = headings
                .iter()
                .find(|(_, t)| t.len() >= MIN_SEGMENT_WORDS && t.len() > tag_len)
            {
                return Some(collapse_ws(heading));
            }
        }
    }
    cleaned.into_iter().next().or(from_tag).map(|(c, _)| c)
}

// ---------------------------------------------------------------------------------------------
// Byline

/// First words of photo credits, which are labelled like bylines.
const PHOTO_LABELS: [&str; 8] = [
    "foto", "fotos", "photo", "photos", "bild", "image", "credit", "quelle",
];

/// Words that introduce the names in a byline ("By", "Von", "Par", "Por", "Door", "Di", "Av").
const BYLINE_LABELS: [&str; 7] = ["by", "von", "par", "por", "door", "di", "av"];

/// Words that mark a part of a byline as a role or credential, not a name.
const ROLE_WORDS: [&str; 48] = [
    "writer",
    "reporter",
    "correspondent",
    "editor",
    "staff",
    "contributor",
    "columnist",
    "contributing",
    "senior",
    "chief",
    "producer",
    "journalist",
    "journaliste",
    "redakteur",
    "redakteurin",
    "korrespondent",
    "korrespondentin",
    "phd",
    "md",
    "ma",
    "msc",
    "bsc",
    "rd",
    "rn",
    "mph",
    "dipl",
    "photographer",
    "fotograf",
    "fotografin",
    "intern",
    "freelance",
    "editorial",
    "autor",
    "autorin",
    "author",
    "redaktor",
    "experte",
    "expertin",
    "analyst",
    "president",
    "director",
    "manager",
    "engineer",
    "officer",
    "ceo",
    "founder",
    "head",
    "professor",
];

/// Words that never occur in a name but do in the furniture around bylines (comment forms,
/// share bars, reading times).
const NOT_NAME_WORDS: [&str; 42] = [
    "share",
    "teilen",
    "comment",
    "comments",
    "kommentar",
    "kommentare",
    "follow",
    "folgen",
    "email",
    "e-mail",
    "print",
    "drucken",
    "twitter",
    "facebook",
    "read",
    "lesen",
    "min",
    "minutes",
    "minuten",
    "views",
    "uhr",
    "ago",
    "home",
    "login",
    "name",
    "erforderlich",
    "required",
    "antworten",
    "reply",
    "zitieren",
    "anmelden",
    "sign",
    "subscribe",
    "menu",
    "account",
    "sagt",
    "says",
    "gesponserte",
    "sponsored",
    "anzeige",
    "advertisement",
    "werbung",
];

/// Words that end a name when they trail it: the start of a date or time phrase.
const TRAILING_STOP_WORDS: [&str; 36] = [
    "am",
    "on",
    "um",
    "at",
    "le",
    "el",
    "il",
    "op",
    "published",
    "updated",
    "posted",
    "stand",
    "veröffentlicht",
    "aktualisiert",
    "publicado",
    "publié",
    "mo",
    "di",
    "mi",
    "do",
    "fr",
    "sa",
    "so",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
];

/// Phrases after which a byline element holds no more names.
const CUT_PHRASES: [&str; 12] = [
    "alle artikel",
    "alles von",
    "mehr von",
    "all posts",
    "all stories",
    "view all",
    "more from",
    "more by",
    "read more",
    "kontakt",
    "published",
    "updated",
];

/// Account names that say nothing about the author.
const GENERIC_AUTHORS: [&str; 10] = [
    "admin",
    "administrator",
    "webmaster",
    "editor",
    "user",
    "guest",
    "gast",
    "author",
    "autor",
    "unknown",
];

fn is_url_like(s: &str) -> bool {
    let l = s.trim().to_ascii_lowercase();
    l.starts_with("http") || l.starts_with("www.") || l.contains("://") || l.contains(".com/")
}

/// A person's name from an author-page URL slug: `…/author/jane-doe/` → "Jane Doe".
fn name_from_author_url(url: &str) -> Option<String> {
    let lower = url.to_ascii_lowercase();
    if ["facebook.", "twitter.", "x.com/", "instagram.", "linkedin."]
        .iter()
        .any(|d| lower.contains(d))
    {
        return None;
    }
    let mut parts = url.trim_end_matches('/').rsplit('/');
    let slug = parts.next()?;
    let parent = parts.next()?.to_ascii_lowercase();
    if !matches!(
        parent.as_str(),
        "author"
            | "authors"
            | "autor"
            | "autoren"
            | "people"
            | "staff"
            | "journalist"
            | "periodista"
    ) {
        return None;
    }
    let words: Vec<&str> = slug
        .split(['-', '_', '.', '+'])
        .filter(|w| !w.is_empty())
        .collect();
    if !(2..=4).contains(&words.len()) || words.iter().any(|w| !w.chars().all(char::is_alphabetic))
    {
        return None;
    }
    let mut name = String::new();
    for w in words {
        if !name.is_empty() {
            name.push(' ');
        }
        let mut cs = w.chars();
        if let Some(f) = cs.next() {
            name.extend(f.to_uppercase());
            name.push_str(cs.as_str());
        }
    }
    Some(name)
}

/// A word of a byline: its byte range in the text and its lowercased form.
struct Word {
    start: usize,
    end: usize,
    lower: String,
}

/// The words of `s` (letters, digits, `.`, `'`, `-`; trailing dots dropped) with their byte
/// ranges in `s`.
fn words_with_offsets(s: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut push = |st: usize, en: usize| {
        let raw = s.get(st..en).unwrap_or_default().trim_end_matches('.');
        if !raw.is_empty() {
            out.push(Word {
                start: st,
                end: st + raw.len(),
                lower: raw.to_lowercase(),
            });
        }
    };
    let mut start = None;
    for (i, c) in s.char_indices() {
        if c.is_alphanumeric() || c == '.' || c == '\'' || c == '-' {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(st) = start.take() {
            push(st, i);
        }
    }
    if let Some(st) = start {
        push(st, s.len());
    }
    out
}

/// Words that, before a label, show it introduces the byline ("Erstellt von", "Posted by").
const LABEL_LEADS: [&str; 16] = [
    "artikel",
    "text",
    "beitrag",
    "erstellt",
    "eingestellt",
    "veröffentlicht",
    "geschrieben",
    "verfasst",
    "posted",
    "written",
    "published",
    "story",
    "words",
    "reported",
    "photos",
    "fotos",
];

/// Words before a colon that make it a byline label ("Autor:", "Text & Fotos:").
const COLON_LABELS: [&str; 16] = [
    "autor",
    "autorin",
    "author",
    "authors",
    "text",
    "von",
    "by",
    "fotos",
    "foto",
    "bericht",
    "artikel",
    "verfasser",
    "written",
    "posted",
    "writer",
    "escribe",
];

/// The text after a byline label found among the first words ("Von Jane", "Posted on | by
/// Jane", "Erstellt von Jane", "Text & Fotos: Jane"), and whether there was one. A label word
/// inside a name ("Christoph von Ritter") is not a label: it must open the text or follow a
/// lowercase word or a known lead.
fn after_label(s: &str) -> (&str, bool) {
    let words = words_with_offsets(s);
    for (idx, w) in words.iter().enumerate().take(5) {
        if !BYLINE_LABELS.contains(&w.lower.as_str()) || idx + 1 >= words.len() {
            continue;
        }
        let opens = idx == 0 || {
            let prev = &words[idx - 1];
            LABEL_LEADS.contains(&prev.lower.as_str())
                || s[prev.start..].starts_with(|c: char| c.is_lowercase())
        };
        if opens {
            return (&s[w.end..], true);
        }
    }
    if let Some(colon) = s.find(':') {
        let head = s[..colon].to_lowercase();
        let is_label = head.split_whitespace().count() <= 3
            && head
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| COLON_LABELS.contains(&w));
        if is_label && colon + 1 < s.len() {
            return (&s[colon + 1..], true);
        }
    }
    (s, false)
}

/// Byte offset of the first case-insensitive occurrence of an ASCII `needle` in `hay`.
fn find_ascii_ci(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    if n.is_empty() || n.len() > h.len() {
        return None;
    }
    // A match of ASCII bytes starts and ends on character boundaries.
    (0..=h.len() - n.len()).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

/// Cleans one byline string into author names: labels, dates, e-mails, handles, roles and
/// credentials removed; several authors split apart. The flag tells whether an explicit label
/// ("By", "Von") introduced the names, which vouches for lowercase user names.
fn parse_byline(raw: &str) -> (Vec<String>, bool) {
    let raw = collapse_ws(raw);
    if raw.is_empty() {
        return (Vec::new(), false);
    }
    if is_url_like(&raw) {
        return (name_from_author_url(&raw).into_iter().collect(), false);
    }
    // A date ends the names, but a label may follow it ("Posted on March 3, 2020 by Jane").
    let mut text = raw.clone();
    if let Some((_, span)) = dates::find_date(&text, &DateContext::default()) {
        text.replace_range(span, " | ");
    }
    if let Some(cut) = CUT_PHRASES
        .iter()
        .filter_map(|p| find_ascii_ci(&text, p))
        .filter(|&i| i > 0)
        .min()
    {
        text.truncate(cut);
    }
    let mut labelled = false;
    for part in text.split(['|', '•', '·', '—', '–', '»']) {
        let (rest, had_label) = after_label(part);
        let names = split_names(rest);
        if !names.is_empty() {
            labelled = had_label;
            return (names, labelled);
        }
    }
    (Vec::new(), labelled)
}

/// Splits "Jane Doe and John Roe", "A, B & C", "Jane Doe, Staff Writer" into names.
fn split_names(s: &str) -> Vec<String> {
    // Parenthesised remarks go: "(avec …)", "(dpa)", "(Reuters)".
    let mut cleaned = String::with_capacity(s.len());
    let mut depth = 0;
    for c in s.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = (depth - 1).max(0),
            _ if depth == 0 => cleaned.push(c),
            _ => {}
        }
    }
    // "&" joins two names, but not in "Mac & i" or "Text & Fotos".
    let amp_splits = cleaned
        .split('&')
        .all(|side| side.split_whitespace().count() >= 2);
    let mut names: Vec<String> = Vec::new();
    let pieces = cleaned.split(|c: char| matches!(c, ';' | ',' | '/') || (c == '&' && amp_splits));
    for piece in pieces {
        let cut = cut_at_role(piece);
        if cut.trim().is_empty() && !piece.trim().is_empty() && !names.is_empty() {
            // "Jane Doe, Software Engineer, Google Maps": after the role comes the employer.
            break;
        }
        let piece = cut;
        let mut start = 0;
        let words = words_with_offsets(piece);
        let mut parts: Vec<&str> = Vec::new();
        for w in &words {
            if matches!(
                w.lower.as_str(),
                "and" | "und" | "et" | "y" | "e" | "en" | "og" | "och"
            ) {
                parts.push(&piece[start..w.start]);
                start = w.end;
            }
        }
        parts.push(&piece[start..]);
        for part in parts {
            if let Some(name) = clean_name(part) {
                if !names.iter().any(|n| n.eq_ignore_ascii_case(&name)) {
                    names.push(name);
                }
            }
        }
    }
    names
}

/// The piece of a byline before a role: "Ingo Arzt Redakteur für Wirtschaft und Umwelt" →
/// "Ingo Arzt", "Ben Silverman Games Editor" → "Ben Silverman" (the word before a late role
/// qualifies it). A piece that starts with a role ("Staff Writer", "PhD") is dropped.
fn cut_at_role(piece: &str) -> &str {
    let words = words_with_offsets(piece);
    let Some(r) = words
        .iter()
        .position(|w| ROLE_WORDS.contains(&w.lower.as_str()))
    else {
        return piece;
    };
    let cut = if r >= 3 { r - 1 } else { r };
    match words.get(cut) {
        Some(w) if cut > 0 => &piece[..w.start],
        _ => "",
    }
}

/// One name from one part of a byline, or `None` for roles, furniture and noise.
fn clean_name(part: &str) -> Option<String> {
    let mut words: Vec<&str> = part
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != '\''))
        .map(|w| w.trim_start_matches(['.', '\'']))
        .filter(|w| !w.is_empty() && !w.contains('@'))
        .collect();
    // A leading label left over ("by" after "Posted on |").
    while words
        .first()
        .is_some_and(|w| BYLINE_LABELS.contains(&w.to_lowercase().as_str()))
    {
        words.remove(0);
    }
    while words.last().is_some_and(|w| {
        TRAILING_STOP_WORDS.contains(&w.trim_end_matches('.').to_lowercase().as_str())
    }) {
        words.pop();
    }
    if words.is_empty() || words.len() > 5 {
        return None;
    }
    let lower: Vec<String> = words
        .iter()
        .map(|w| w.trim_end_matches('.').to_lowercase())
        .collect();
    if lower.iter().any(|w| NOT_NAME_WORDS.contains(&w.as_str()))
        || words
            .iter()
            .any(|w| w.chars().all(|c| c.is_ascii_digit() || c == '.'))
    {
        return None;
    }
    let name = words.join(" ");
    if name.chars().count() > 60 || !name.chars().any(char::is_alphabetic) {
        return None;
    }
    Some(name)
}

/// Whether a visible candidate reads like a person's name rather than a phrase: few words, the
/// first of each letter-word capitalised (particles excepted).
fn looks_like_name(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.is_empty() || words.len() > 4 {
        return false;
    }
    words.iter().all(|w| {
        w.chars()
            .next()
            .is_some_and(|c| !c.is_alphabetic() || c.is_uppercase())
            || matches!(
                *w,
                "von"
                    | "van"
                    | "de"
                    | "der"
                    | "den"
                    | "da"
                    | "di"
                    | "du"
                    | "le"
                    | "la"
                    | "y"
                    | "bin"
                    | "al"
                    | "zu"
                    | "dos"
                    | "del"
                    | "v."
            )
    })
}

/// What a list of author names is worth: usable people, the site or an organization standing in
/// for an author, or nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum AuthorQuality {
    /// Only generic account names ("admin").
    Generic,
    /// The site itself or an organization.
    Institutional,
    /// At least one person-like name.
    Person,
}

/// Authors from, in order: JSON-LD `author`, author `<meta>` tags, visible byline elements. A
/// source that names only the site or an organization yields to a later one that names a person
/// (news sites put their own name in `<meta name=author>`); a visible byline that lists the
/// chosen names and more (co-authors) replaces them.
fn byline(
    signals: &PageSignals,
    metas: &Metas<'_>,
    ld: &LdFacts,
    sites: &[&str],
    host: Option<&str>,
    headline: Option<usize>,
) -> Option<String> {
    let quality = |names: &[String], org: bool| -> AuthorQuality {
        let mut best = AuthorQuality::Generic;
        for n in names {
            let q = if GENERIC_AUTHORS.contains(&n.to_lowercase().as_str()) {
                AuthorQuality::Generic
            } else if org || is_site_segment(n, sites, host) || looks_institutional(n) {
                AuthorQuality::Institutional
            } else {
                AuthorQuality::Person
            };
            best = best.max(q);
        }
        best
    };
    let mut sources: Vec<(Vec<String>, AuthorQuality)> = Vec::new();
    let mut ld_names: Vec<String> = Vec::new();
    let mut ld_org = true;
    for (a, org) in &ld.authors {
        ld_org &= *org;
        for n in parse_byline(a).0 {
            if !ld_names.iter().any(|x| x.eq_ignore_ascii_case(&n)) {
                ld_names.push(n);
            }
        }
    }
    if !ld_names.is_empty() {
        let q = quality(&ld_names, ld_org);
        sources.push((ld_names, q));
    }
    let written_by = metas
        .get("twitter:label1")
        .is_some_and(|l| {
            let l = l.to_lowercase();
            l.contains("written by")
                || l.contains("verfasst von")
                || l.contains("geschrieben von")
                || l.contains("écrit par")
        })
        .then(|| metas.get("twitter:data1"))
        .flatten();
    let meta_keys = [
        "author",
        "article:author",
        "og:article:author",
        "parsely-author",
        "sailthru.author",
        "cxenseparse:author",
        "dc.creator",
        "dcterms.creator",
        "byl",
        "citation_author",
        "book:author",
    ];
    let meta_values = meta_keys
        .iter()
        .map(|k| metas.all(k).collect::<Vec<_>>())
        .chain(written_by.map(|w| vec![w]));
    for values in meta_values {
        let mut names: Vec<String> = Vec::new();
        for v in values {
            for n in parse_byline(v).0 {
                if !names.iter().any(|x| x.eq_ignore_ascii_case(&n)) {
                    names.push(n);
                }
            }
        }
        if !names.is_empty() {
            let q = quality(&names, false);
            sources.push((names, q));
        }
    }
    let mut visible: Vec<Vec<String>> = Vec::new();
    for cand in signals.author_candidates.iter().take(12) {
        let (names, labelled) = parse_byline(cand);
        // Category lists ("CSP / International / Wirtschaft") are not bylines.
        let category_list =
            names.len() > 4 || (names.len() > 1 && names.iter().all(|n| !n.contains(' ')));
        if !names.is_empty()
            && !category_list
            && (labelled || names.iter().all(|n| looks_like_name(n)))
        {
            visible.push(names);
        }
    }
    if visible.is_empty() {
        // A labelled byline right under the headline ("Von: Jane Doe | 31.10.23") when no
        // element is classed as one.
        let h1 = headline.unwrap_or(0);
        let lines: Vec<&str> = signals
            .headline_lines
            .iter()
            .filter(|l| l.h1 == h1 && l.after)
            .take(HEADLINE_AFTER_LINES)
            .map(|l| l.text.as_str())
            .collect();
        for (i, line) in lines.iter().enumerate() {
            let first = line
                .split(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or_default()
                .to_lowercase();
            // Photo credits are labelled too ("Foto: Shanghai Electric").
            if PHOTO_LABELS.contains(&first.as_str()) {
                continue;
            }
            // A label alone on its line ("By" / "Todd Bates").
            let joined;
            let text =
                if BYLINE_LABELS.contains(&first.as_str()) && first.len() == line.trim().len() {
                    let Some(next) = lines.get(i + 1) else { break };
                    joined = format!("{first} {next}");
                    joined.as_str()
                } else {
                    line
                };
            let (names, labelled) = parse_byline(text);
            if labelled && !names.is_empty() && names.len() <= 4 {
                visible.push(names);
                break;
            }
        }
    }
    if let Some(first) = visible.first() {
        let q = quality(first, false);
        sources.push((first.clone(), q));
    }
    let best = sources.iter().map(|(_, q)| *q).max()?;
    if best == AuthorQuality::Generic {
        return None;
    }
    let (mut names, _) = sources.into_iter().find(|(_, q)| *q == best)?;
    // A visible byline that extends the chosen names with co-authors.
    if let Some(extended) = visible.iter().find(|v| {
        v.len() > names.len()
            && v.iter().all(|n| {
                looks_like_name(n)
                    && quality(std::slice::from_ref(n), false) == AuthorQuality::Person
            })
            && names
                .iter()
                .all(|n| v.iter().any(|x| x.eq_ignore_ascii_case(n)))
    }) {
        names = extended.clone();
    }
    Some(names.join("; "))
}

/// Whether a name reads as an organization or a web address rather than a person.
fn looks_institutional(name: &str) -> bool {
    let lower = name.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    words.iter().any(|w| {
        matches!(
            *w,
            "e.v."
                | "gmbh"
                | "ag"
                | "inc"
                | "inc."
                | "ltd"
                | "llc"
                | "verlag"
                | "zeitung"
                | "news"
                | "magazin"
                | "magazine"
                | "online"
                | "media"
                | "redaktion"
                | "team"
                | "newsroom"
                | "für"
                | "for"
                | "of"
                | "the"
                | "der"
                | "des"
        ) || [
            "verband",
            "institut",
            "stiftung",
            "universität",
            "university",
            "ministerium",
            "verein",
            "gesellschaft",
            "agentur",
            "agency",
            "association",
            "zentrum",
            "center",
            "centre",
            "kammer",
            "akademie",
            "anstalt",
        ]
        .iter()
        .any(|suffix| w.ends_with(suffix))
    }) || [
        ".de", ".com", ".at", ".ch", ".org", ".net", ".fr", ".es", ".it", ".uk",
    ]
    .iter()
    .any(|tld| lower.contains(tld))
}

// ---------------------------------------------------------------------------------------------
// Dates

/// Meta keys that the page's own templates fill with the displayed publication time; in the
/// development data they agree with the visible date more often than JSON-LD when the two differ.
const PRIMARY_PUBLISHED_KEYS: [&str; 3] = [
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
];

/// Other meta keys that name the publication date specifically.
const PUBLISHED_KEYS: [&str; 17] = [
    "datepublished",
    "published_time",
    "article.published",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "publication_date",
    "sailthru.date",
    "parsely-pub-date",
    "dc.date.issued",
    "dcterms.issued",
    "uploaddate",
    "citation_publication_date",
    "citation_date",
    "datecreated",
    "dc.date.created",
];

/// Meta keys with a date of unclear meaning (often the last build of the page): used only when
/// nothing visible dates the article.
const GENERIC_DATE_KEYS: [&str; 4] = ["dcterms.created", "dc.date", "dcterms.date", "date"];

/// Meta keys that state the last modification.
const MODIFIED_KEYS: [&str; 8] = [
    "article:modified_time",
    "og:article:modified_time",
    "og:updated_time",
    "datemodified",
    "dc.date.modified",
    "dcterms.modified",
    "last-modified",
    "lastmod",
];

/// Words that mark a visible date as a modification, not the publication.
fn mentions_update(s: &str) -> bool {
    let l = s.to_lowercase();
    [
        "update",
        "aktualisiert",
        "modified",
        "geändert",
        "mis à jour",
        "actualizado",
        "aggiornato",
        "bijgewerkt",
    ]
    .iter()
    .any(|w| l.contains(w))
}

/// How many leading date elements are compared to tell a listing from a dateline.
const LISTING_WINDOW: usize = 5;
/// Distinct days among them that make the dates a listing of other pages.
const LISTING_DAYS: usize = 3;

/// The first publication date among the date-classed elements, unless they read as a listing
/// (teasers of other pages, an archive): several different days among the first few.
fn candidate_date(candidates: &[String], ctx: &DateContext) -> Option<ParsedDate> {
    let mut days: Vec<i64> = Vec::with_capacity(LISTING_WINDOW);
    let mut first = None;
    for d in candidates
        .iter()
        .filter_map(|c| first_publication_date(c, ctx))
        .take(LISTING_WINDOW)
    {
        first = first.or(Some(d));
        if !days.contains(&d.days_since_epoch()) {
            days.push(d.days_since_epoch());
        }
    }
    (days.len() < LISTING_DAYS).then_some(first).flatten()
}

/// Whether a line by the headline, or a `<time>`, shows the day `day` as an update
/// ("Updated Jul 24, 2018"): a `<time>` inside such a line carries no label of its own.
fn shown_as_update(signals: &PageSignals, day: i64, ctx: &DateContext) -> bool {
    signals
        .headline_lines
        .iter()
        .map(|l| l.text.as_str())
        .chain(
            signals
                .times
                .iter()
                .filter(|t| t.modified_hint)
                .map(|t| t.text.as_str()),
        )
        .filter(|t| mentions_update(t))
        .any(|t| {
            let mut from = 0;
            while let Some((d, span)) = t.get(from..).and_then(|r| dates::find_date(r, ctx)) {
                if d.days_since_epoch() == day {
                    return true;
                }
                from += span.end;
            }
            false
        })
}

/// Words that mark a visible date as the clock of the page view ("Aktuelle Zeit: …", "It is
/// currently …" in forum headers), not a date of the article.
fn mentions_now(s: &str) -> bool {
    let l = s.to_lowercase();
    [
        "aktuelle zeit",
        "aktuelles datum",
        "current time",
        "current date",
        "it is currently",
        "today is",
        "heute ist",
        "date du jour",
        "fecha actual",
        "data odierna",
    ]
    .iter()
    .any(|w| l.contains(w))
}

/// The first date in a visible text that is not introduced as an update or as the current
/// time ("Written: 2023-11-07 / Updated: 2023-11-08" gives the first).
fn first_publication_date(text: &str, ctx: &DateContext) -> Option<ParsedDate> {
    let mut from = 0;
    while from < text.len() {
        let rest = text.get(from..)?;
        let (date, span) = dates::find_date(rest, ctx)?;
        let before = &rest[..span.start];
        if !mentions_update(before) && !mentions_now(before) {
            return Some(date);
        }
        from += span.end;
    }
    None
}

/// Minutes since the epoch of a date with a time (local clock time minus its offset).
fn instant_minutes(d: &ParsedDate) -> Option<i64> {
    let t = d.time?;
    let local = d.days_since_epoch() * 1440 + i64::from(t.hour) * 60 + i64::from(t.minute);
    Some(local - i64::from(d.offset_minutes?))
}

/// A UTC timestamp re-read in the page's local time. Sites store `…T23:00:00Z` for an article
/// dated the next day at home; when a visible date on the page is the adjacent day reachable by
/// a real UTC offset, the visible (local) date is the one readers and editors mean.
fn localize_utc(published: ParsedDate, visible: &[ParsedDate]) -> ParsedDate {
    if published.offset_minutes != Some(0) {
        return published;
    }
    let Some(utc) = instant_minutes(&published) else {
        return published;
    };
    let day = published.days_since_epoch();
    // Any visible copy of the stamp's own day confirms it (a header's "today" may come first).
    if visible.iter().any(|v| v.days_since_epoch() == day) {
        return published;
    }
    for v in visible {
        let vday = v.days_since_epoch();
        if (vday - day).abs() != 1 {
            continue;
        }
        if let (Some(t), None) = (v.time, v.offset_minutes) {
            // Visible local time: the offset is the difference, if it is a real one.
            let local = vday * 1440 + i64::from(t.hour) * 60 + i64::from(t.minute);
            let offset = local - utc;
            if (-12 * 60..=14 * 60).contains(&offset) && offset % 15 == 0 {
                let mut out = *v;
                if let (Some(t), Some(p)) = (out.time.as_mut(), published.time) {
                    // Visible text rarely shows seconds; the timestamp has them.
                    t.second = p.second;
                }
                out.offset_minutes = i16::try_from(offset).ok();
                return out;
            }
            continue;
        }
        // Date only: the UTC time must be close enough to midnight for some offset to cross it.
        let minute_of_day = utc.rem_euclid(1440);
        let reachable = if vday > day {
            minute_of_day >= 24 * 60 - 14 * 60
        } else {
            minute_of_day < 12 * 60
        };
        if reachable {
            return ParsedDate {
                time: None,
                offset_minutes: None,
                ..*v
            };
        }
    }
    published
}

/// Index of the `<h1>` that carries the headline: the one whose words contain the title's.
fn headline_h1(signals: &PageSignals, title: Option<&str>) -> Option<usize> {
    let title = word_tokens(title?);
    signals
        .h1s
        .iter()
        .position(|h| contains_run(&word_tokens(h), &title))
}

/// How many lines after the headline, and before it, may hold its dateline.
const HEADLINE_AFTER_LINES: usize = 4;
const HEADLINE_BEFORE_LINES: usize = 2;

/// The dateline next to the headline: the first publication date in the short lines after the
/// headline's `<h1>` (the first `<h1>` when none carries the title), else in the lines just
/// before it (a kicker).
fn headline_date(
    signals: &PageSignals,
    headline: Option<usize>,
    ctx: &DateContext,
) -> Option<ParsedDate> {
    let h1 = headline.unwrap_or(0);
    let lines = signals.headline_lines.iter().filter(|l| l.h1 == h1);
    lines
        .clone()
        .filter(|l| l.after)
        .take(HEADLINE_AFTER_LINES)
        .chain(
            lines
                .filter(|l| !l.after)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .take(HEADLINE_BEFORE_LINES),
        )
        .find_map(|l| first_publication_date(&l.text, ctx))
}

/// Publication and modification dates.
///
/// Publication, first found wins: `article:published_time`, JSON-LD `datePublished` (then
/// `dateCreated`, `uploadDate`), other publication meta tags, a full date in the URL,
/// `<time>` marked as published, a labelled date ("Veröffentlicht am …"), the dateline next to
/// the headline, other `<time>`s, date-classed elements (unless they read as a listing), a date
/// in the byline, generic `date` meta tags, the lead's dateline. Dates introduced as updates or
/// as the current time are skipped; nothing after tomorrow is accepted. A UTC timestamp is
/// moved to the page's local date when the visible date shows it (see [`localize_utc`]). A
/// modification date on or before the publication day is dropped: scheduled posts carry the
/// stamp of their last draft save. When the page shows the modification day, unlabelled, and
/// the publication day nowhere, the shown day is the page's date.
fn dates(
    signals: &PageSignals,
    metas: &Metas<'_>,
    ld: &LdFacts,
    order: NumericOrder,
    canonical: Option<&str>,
    headline: Option<usize>,
) -> (Option<String>, Option<String>) {
    let ctx = DateContext {
        order,
        latest_day: dates::today_days() + 1,
    };
    let parse = |s: &str| dates::parse_date_with(s, &ctx);
    let time_value = |t: &crate::signals::TimeSignal| {
        t.datetime
            .as_deref()
            .and_then(parse)
            .or_else(|| parse(&t.text))
    };
    let meta_date = |keys: &[&str]| keys.iter().find_map(|k| metas.all(k).find_map(parse));
    let visible_times = || {
        signals
            .times
            .iter()
            .filter(|t| !t.modified_hint && !mentions_update(&t.text))
    };

    let mut structured = true;
    let mut published: Option<ParsedDate> = meta_date(&PRIMARY_PUBLISHED_KEYS)
        .or_else(|| ld.published.iter().find_map(|s| parse(s)))
        .or_else(|| meta_date(&PUBLISHED_KEYS));
    if published.is_none() {
        structured = false;
        published = signals
            .url
            .as_deref()
            .into_iter()
            .chain(canonical)
            .chain(metas.get("og:url"))
            .find_map(|u| dates::date_from_url(u, &ctx))
            .or_else(|| {
                visible_times()
                    .filter(|t| t.published_hint)
                    .find_map(time_value)
            })
            .or_else(|| {
                signals
                    .labelled_dates
                    .iter()
                    .find_map(|l| first_publication_date(l, &ctx))
            })
            .or_else(|| headline_date(signals, headline, &ctx))
            .or_else(|| visible_times().find_map(time_value))
            .or_else(|| candidate_date(&signals.date_candidates, &ctx))
            // Bylines often end in the date ("Georg Quaas, 21. Jan. 2015").
            .or_else(|| candidate_date(&signals.author_candidates, &ctx))
            .or_else(|| meta_date(&GENERIC_DATE_KEYS))
            .or_else(|| {
                let lead = signals.lead_text.as_deref()?;
                parse(&lead[..floor_char_boundary(lead, 200)])
            });
    }
    // Dates the reader sees (not introduced as updates), to check the stamps against.
    let mut visible: Vec<ParsedDate> = Vec::new();
    if structured && published.is_some() {
        visible.extend(visible_times().filter_map(|t| parse(&t.text)));
        visible.extend(signals.times.iter().filter_map(|t| {
            // A `<time datetime>` with a real offset states the local time itself.
            t.datetime
                .as_deref()
                .and_then(parse)
                .filter(|d| d.offset_minutes.is_some_and(|o| o != 0))
        }));
        visible.extend(
            signals
                .date_candidates
                .iter()
                .take(4)
                .filter_map(|c| first_publication_date(c, &ctx)),
        );
        visible.extend(headline_date(signals, headline, &ctx));
        visible.extend(
            signals
                .labelled_dates
                .iter()
                .filter_map(|l| first_publication_date(l, &ctx)),
        );
        published = published.map(|p| localize_utc(p, &visible));
    }

    let mut modified: Option<ParsedDate> = ld
        .modified
        .as_deref()
        .and_then(parse)
        .or_else(|| meta_date(&MODIFIED_KEYS))
        .or_else(|| {
            signals
                .times
                .iter()
                .filter(|t| t.modified_hint)
                .find_map(time_value)
        });
    if let (Some(p), Some(m)) = (published, modified) {
        let (pd, md) = (p.days_since_epoch(), m.days_since_epoch());
        if md <= pd {
            // A modification stamp on or before the publication day is a draft save of a
            // scheduled post, not a later edit; the publication date stands.
            modified = None;
        } else if !visible.iter().any(|v| v.days_since_epoch() == pd)
            && visible.iter().any(|v| v.days_since_epoch() == md)
            && !shown_as_update(signals, md, &ctx)
        {
            // The page shows the modification day, unlabelled, as its date, and the
            // publication day nowhere: the shown date is the one the page goes by.
            published = Some(m);
            modified = None;
        }
    }
    (published.map(|d| d.to_iso()), modified.map(|d| d.to_iso()))
}

// ---------------------------------------------------------------------------------------------
// Site, canonical URL, language

/// Site name: `og:site_name`, JSON-LD publisher or `WebSite` name, `application-name`.
fn site_name(metas: &Metas<'_>, ld: &LdFacts) -> Option<String> {
    metas
        .get("og:site_name")
        .map(collapse_ws)
        .or_else(|| ld.publisher.clone())
        .or_else(|| ld.website.clone())
        .or_else(|| metas.get("application-name").map(collapse_ws))
        .filter(|s| !s.is_empty() && s.chars().count() <= 100)
}

/// Whether a "site name" is the page's own `<title>` and as long as a headline: templates
/// that fill `application-name` with the story's title. Taken for the site, it would strip
/// the headline from every title as site furniture.
fn is_the_page_title(name: &str, signals: &PageSignals) -> bool {
    let tokens = word_tokens(name);
    tokens.len() >= HEADLINE_WORDS
        && signals
            .title_tag
            .as_deref()
            .is_some_and(|t| word_tokens(t) == tokens)
}

/// `<link rel=canonical>`, else `og:url`; a relative href is resolved against the page URL.
fn canonical_url(signals: &PageSignals, metas: &Metas<'_>) -> Option<String> {
    let base = signals.url.as_deref().or_else(|| metas.get("og:url"));
    let candidates = signals
        .canonical
        .as_deref()
        .into_iter()
        .chain(metas.get("og:url"));
    for c in candidates {
        let c = c.trim();
        if c.is_empty() {
            continue;
        }
        if c.starts_with("http://") || c.starts_with("https://") {
            return Some(c.to_string());
        }
        if let Some(rest) = c.strip_prefix("//") {
            let scheme = base
                .and_then(|b| b.split_once("://"))
                .map_or("https", |(s, _)| s);
            return Some(format!("{scheme}://{rest}"));
        }
        if c.starts_with('/') {
            if let Some((scheme, rest)) = base.and_then(|b| b.split_once("://")) {
                let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
                return Some(format!("{scheme}://{host}{c}"));
            }
        }
    }
    None
}

/// The raw language tag: `<html lang>`, `content-language`, `og:locale`, JSON-LD `inLanguage`.
fn language_tag<'a>(
    signals: &'a PageSignals,
    metas: &Metas<'a>,
    ld: &'a LdFacts,
) -> Option<&'a str> {
    signals
        .html_lang
        .as_deref()
        .filter(|l| normalize_language(l).is_some())
        .or_else(|| {
            metas
                .first_of(&["content-language", "language", "dc.language", "og:locale"])
                .filter(|l| normalize_language(l).is_some())
        })
        .or_else(|| {
            ld.language
                .as_deref()
                .filter(|l| normalize_language(l).is_some())
        })
}

/// ISO 639-1 code of a language tag: `en-US` → `en`, `de_DE` → `de`, `deu`/`ger` → `de`,
/// `English` → `en`. `None` for anything unrecognised.
pub fn normalize_language(tag: &str) -> Option<String> {
    let tag = tag.trim();
    let primary = tag.split([',', ';']).next()?.trim();
    let primary = primary
        .split(['-', '_'])
        .next()?
        .trim()
        .to_ascii_lowercase();
    let code = match primary.as_str() {
        "eng" | "english" => "en",
        "deu" | "ger" | "german" | "deutsch" => "de",
        "fra" | "fre" | "french" | "français" => "fr",
        "spa" | "spanish" | "español" => "es",
        "ita" | "italian" | "italiano" => "it",
        "nld" | "dut" | "dutch" => "nl",
        "por" | "portuguese" => "pt",
        "pol" | "polish" => "pl",
        "rus" | "russian" => "ru",
        "zho" | "chi" | "chinese" => "zh",
        "jpn" | "japanese" => "ja",
        "ara" | "arabic" => "ar",
        "ces" | "cze" | "czech" => "cs",
        "tur" | "turkish" => "tr",
        "ukr" | "ukrainian" => "uk",
        other if other.len() == 2 && other.chars().all(|c| c.is_ascii_lowercase()) => other,
        _ => return None,
    };
    Some(code.to_string())
}

#[cfg(test)]
// Tests build one page and then vary a field, which reads better than a fresh literal each time.
#[allow(clippy::field_reassign_with_default)]
mod tests {
    use super::*;
    use crate::signals::{HeadlineLine, TimeSignal};

    fn metas(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn page(title_tag: Option<&str>, pairs: &[(&str, &str)]) -> PageSignals {
        PageSignals {
            title_tag: title_tag.map(str::to_string),
            metas: metas(pairs),
            ..PageSignals::default()
        }
    }

    fn time(datetime: Option<&str>, text: &str, published: bool, modified: bool) -> TimeSignal {
        TimeSignal {
            datetime: datetime.map(str::to_string),
            text: text.to_string(),
            published_hint: published,
            modified_hint: modified,
        }
    }

    // --- title -----------------------------------------------------------------------------

    #[test]
    fn title_strips_a_known_site_suffix_or_prefix() {
        let s = page(
            Some("Gunmen storm hotel in Mogadishu | Daily Planet"),
            &[("og:site_name", "Daily Planet")],
        );
        assert_eq!(
            extract_metadata(&s).title.as_deref(),
            Some("Gunmen storm hotel in Mogadishu")
        );
        let s = page(
            Some("Daily Planet - Gunmen storm hotel in Mogadishu"),
            &[("og:site_name", "Daily Planet")],
        );
        assert_eq!(
            extract_metadata(&s).title.as_deref(),
            Some("Gunmen storm hotel in Mogadishu")
        );
        let s = page(
            Some("Ultium Cells erhöht Kapazität – Battery-News.de"),
            &[("og:site_name", "Battery-News.de")],
        );
        assert_eq!(
            extract_metadata(&s).title.as_deref(),
            Some("Ultium Cells erhöht Kapazität")
        );
    }

    #[test]
    fn title_site_from_url_host() {
        let mut s = page(
            Some("Empires are built on Harry Flashmans - Telegraph"),
            &[],
        );
        s.url = Some("https://www.telegraph.co.uk/news/1.html".into());
        assert_eq!(
            extract_metadata(&s).title.as_deref(),
            Some("Empires are built on Harry Flashmans")
        );
    }

    #[test]
    fn title_site_prefix_with_colon() {
        let s = page(
            Some("ABC News: Pepsi to Push Amazon's MP3 Store"),
            &[("og:site_name", "ABC News")],
        );
        assert_eq!(
            extract_metadata(&s).title.as_deref(),
            Some("Pepsi to Push Amazon's MP3 Store")
        );
        // A colon that is part of the headline stays.
        let s = page(
            Some("Kenji Fujimori: juicio continuará el 18 de mayo"),
            &[("og:site_name", "El Comercio")],
        );
        assert_eq!(
            extract_metadata(&s).title.as_deref(),
            Some("Kenji Fujimori: juicio continuará el 18 de mayo")
        );
    }

    #[test]
    fn title_guesses_the_headline_segment_without_a_known_site() {
        let s = page(
            Some("Hit-and-run victim pleads for help - Breaking News - National - Breaking News"),
            &[],
        );
        assert_eq!(
            extract_metadata(&s).title.as_deref(),
            Some("Hit-and-run victim pleads for help")
        );
        let s = page(
            Some("Northwest Herald - Local News and Video for McHenry County - To USC, Williams poses threat"),
            &[],
        );
        assert_eq!(
            extract_metadata(&s).title.as_deref(),
            Some("To USC, Williams poses threat")
        );
    }

    #[test]
    fn title_meta_titles_are_only_stripped_of_known_sites() {
        // No site matches "alles über…": the dash is part of the headline.
        let s = page(
            None,
            &[
                ("og:title", "Sazerac - alles über den Cocktail-Klassiker"),
                ("og:site_name", "watson.ch"),
            ],
        );
        assert_eq!(
            extract_metadata(&s).title.as_deref(),
            Some("Sazerac - alles über den Cocktail-Klassiker")
        );
    }

    #[test]
    fn title_without_separator_debris() {
        let s = page(Some("» A Vegan Tour of NYC"), &[]);
        assert_eq!(
            extract_metadata(&s).title.as_deref(),
            Some("A Vegan Tour of NYC")
        );
    }

    #[test]
    fn title_with_doubled_separators() {
        // Regression: overlapping separators once sliced the title out of order.
        let s = page(
            Some("Thirsty Thursday: Watermelon Quencher - - Health.com"),
            &[],
        );
        assert_eq!(
            extract_metadata(&s).title.as_deref(),
            Some("Thirsty Thursday: Watermelon Quencher")
        );
        let s = page(Some("A | | B - – — C"), &[]);
        let _ = extract_metadata(&s);
    }

    #[test]
    fn title_separator_inside_quotes_is_not_a_separator() {
        let s = page(
            Some("Näßler: «Liebe kennt keine Pause – gegen Homophobie in Katar»"),
            &[],
        );
        assert_eq!(
            extract_metadata(&s).title.as_deref(),
            Some("Näßler: «Liebe kennt keine Pause – gegen Homophobie in Katar»")
        );
    }

    #[test]
    fn title_prefers_the_h1_a_meta_title_confirms() {
        let mut s = page(
            Some("Boot Tulln 2022 abgesagt - Diveinside News"),
            &[("og:title", "Boot Tulln 2022 abgesagt - Diveinside News")],
        );
        s.h1s = vec!["Diveinside".into(), "Boot Tulln 2022 abgesagt".into()];
        assert_eq!(
            extract_metadata(&s).title.as_deref(),
            Some("Boot Tulln 2022 abgesagt")
        );
    }

    #[test]
    fn title_ignores_h1s_that_are_sections_or_the_site() {
        let mut s = page(
            Some("Aussies need doubles win at Hopman Cup - ABC News"),
            &[("og:site_name", "ABC News")],
        );
        s.h1s = vec!["Sport".into(), "ABC News".into()];
        assert_eq!(
            extract_metadata(&s).title.as_deref(),
            Some("Aussies need doubles win at Hopman Cup")
        );
    }

    #[test]
    fn title_takes_the_meta_title_out_of_a_kicker_h1() {
        let mut s = page(
            None,
            &[("og:title", "Große Aufgaben für die neue Regierung")],
        );
        s.h1s = vec!["Tunesien Große Aufgaben für die neue Regierung".into()];
        assert_eq!(
            extract_metadata(&s).title.as_deref(),
            Some("Große Aufgaben für die neue Regierung")
        );
    }

    #[test]
    fn title_uses_a_related_h1_over_a_teaser_og_title() {
        let mut s = page(
            None,
            &[(
                "og:title",
                "Firmenwagen: Leasen oder Finanzieren? Was lohnt sich?",
            )],
        );
        s.h1s = vec!["Firmenwagen: Leasing oder Finanzierung?".into()];
        assert_eq!(
            extract_metadata(&s).title.as_deref(),
            Some("Firmenwagen: Leasing oder Finanzierung?")
        );
    }

    #[test]
    fn title_unclosed_title_element_is_ignored() {
        let mut s = page(
            Some("BBC SPORTi library--> <script src=\"x.js\"></script>"),
            &[],
        );
        s.headings = vec!["India withdraw tour quit threat".into()];
        assert_eq!(
            extract_metadata(&s).title.as_deref(),
            Some("India withdraw tour quit threat")
        );
    }

    #[test]
    fn title_from_share_links_when_the_title_element_is_broken() {
        let mut s = page(
            Some("BBC SPORTi library--> <script src=\"x.js\"></script>"),
            &[],
        );
        s.headings = vec!["Bookmark with:".into()];
        s.share_titles = vec!["Teaser of another story".into()];
        s.share_titles
            .extend(vec!["India withdraw tour quit threat".to_string(); 3]);
        assert_eq!(
            extract_metadata(&s).title.as_deref(),
            Some("India withdraw tour quit threat")
        );
    }

    #[test]
    fn title_element_outranks_a_share_link() {
        let mut s = page(Some("Student halls too full to be safe, experts warn"), &[]);
        s.share_titles = vec!["Doctor suggests students stay at university for Christmas".into()];
        assert_eq!(
            extract_metadata(&s).title.as_deref(),
            Some("Student halls too full to be safe, experts warn")
        );
    }

    #[test]
    fn share_link_title_replaces_a_title_naming_only_the_site() {
        let mut s = page(Some("Blogger News Network"), &[]);
        s.share_titles = vec!["Bush expedites Saudi smart bomb deal".into()];
        s.lead_text = Some(
            "President Bush has expedited the sale of smart bomb kits to Saudi Arabia, \
             officials said, over objections from members of Congress who fear the deal."
                .into(),
        );
        assert_eq!(
            extract_metadata(&s).title.as_deref(),
            Some("Bush expedites Saudi smart bomb deal")
        );
    }

    #[test]
    fn title_is_not_the_heading_of_a_related_box_or_a_comment_form() {
        let mut s = page(Some("Netgear brings home concept to CES"), &[]);
        s.h1s = vec!["Other News in Technology".into()];
        s.headings = vec!["Talkback - Add your opinion".into()];
        assert_eq!(
            extract_metadata(&s).title.as_deref(),
            Some("Netgear brings home concept to CES")
        );
    }

    #[test]
    fn a_date_heading_is_no_headline() {
        let mut s = page(Some("SyriaComment.com"), &[]);
        s.headings = vec![
            "Tuesday, April 19, 2005".into(),
            "Damascus drops the emergency law".into(),
        ];
        assert_eq!(
            extract_metadata(&s).title.as_deref(),
            Some("Damascus drops the emergency law")
        );
        assert!(!is_date_line(
            "Bomb kills 12 in Kabul market on May 3, 2024"
        ));
    }

    #[test]
    fn title_loses_host_name_and_date_segments() {
        let s = page(
            Some("www.kansascity.com | 01/17/2008 | ‘27 Dresses’ | 2 stars"),
            &[],
        );
        assert_eq!(
            extract_metadata(&s).title.as_deref(),
            Some("‘27 Dresses’ | 2 stars")
        );
        // A host name is not a known site: the headline segment is still guessed.
        let s = page(
            Some("Goal.com - Chelsea - Cole: Winning Carling Cup Would Give Chelsea Momentum"),
            &[],
        );
        assert_eq!(
            extract_metadata(&s).title.as_deref(),
            Some("Cole: Winning Carling Cup Would Give Chelsea Momentum")
        );
        assert!(is_domain_name("WDTN.com") && !is_domain_name("Amazon.com reports"));
        assert!(is_date_segment("2008-01-17") && !is_date_segment("2 stars"));
    }

    #[test]
    fn title_spaced_colon_separates_segments() {
        let s = page(
            Some("The Hindu : Buddhadeb caution on modernising markets"),
            &[("og:site_name", "The Hindu")],
        );
        assert_eq!(
            extract_metadata(&s).title.as_deref(),
            Some("Buddhadeb caution on modernising markets")
        );
        // A colon glued to a word is punctuation of the headline.
        let s = page(
            Some("Medienbericht: Corona-Lockdown steht vor Verlängerung : RTL"),
            &[("og:site_name", "RTL")],
        );
        assert_eq!(
            extract_metadata(&s).title.as_deref(),
            Some("Medienbericht: Corona-Lockdown steht vor Verlängerung")
        );
    }

    #[test]
    fn title_h1_that_is_a_whole_title_segment() {
        let mut s = page(
            Some("Vom Boden aus gedacht - Ann Cotten verwebt Lokales und Globales : literaturkritik.de"),
            &[],
        );
        s.h1s = vec!["Vom Boden aus gedacht".into()];
        s.headings = vec!["Ann Cotten verwebt Lokales und Globales".into()];
        assert_eq!(
            extract_metadata(&s).title.as_deref(),
            Some("Vom Boden aus gedacht")
        );
        // The deck in the <h1> and the headline in another heading: the earlier segment wins.
        let mut s = page(
            Some("Strava-Karten ab sofort mit mehr Infos - Strava-Update: POI bei Routen-Tool"),
            &[],
        );
        s.h1s = vec!["Strava-Update: POI bei Routen-Tool".into()];
        s.headings = vec!["Strava-Karten ab sofort mit mehr Infos".into()];
        assert_eq!(
            extract_metadata(&s).title.as_deref(),
            Some("Strava-Karten ab sofort mit mehr Infos")
        );
    }

    #[test]
    fn title_from_a_heading_the_titles_confirm() {
        // The <h1> is a logo; an <h2> is the headline the <title> carries.
        let mut s = page(
            Some("Olafur Eliasson gestaltet Titelseite | Pressemitteilungen | BDZV"),
            &[],
        );
        s.h1s = vec!["BDZV".into()];
        s.headings = vec![
            "Navigation".into(),
            "Olafur Eliasson gestaltet Titelseite".into(),
        ];
        assert_eq!(
            extract_metadata(&s).title.as_deref(),
            Some("Olafur Eliasson gestaltet Titelseite")
        );
        // A heading the titles do not confirm is not taken over them.
        s.headings = vec!["Weitere Meldungen aus dem Verband".into()];
        assert_eq!(
            extract_metadata(&s).title.as_deref(),
            Some("Olafur Eliasson gestaltet Titelseite")
        );
    }

    #[test]
    fn title_from_a_heading_when_the_title_is_only_the_site() {
        let mut s = page(Some("SuperSoccer"), &[]);
        s.headings = vec!["Europe".into(), "PSV beat NAC Breda to go top".into()];
        assert_eq!(
            extract_metadata(&s).title.as_deref(),
            Some("PSV beat NAC Breda to go top")
        );
        // No title at all.
        s.title_tag = None;
        assert_eq!(
            extract_metadata(&s).title.as_deref(),
            Some("PSV beat NAC Breda to go top")
        );
        // A title as long as a headline stays.
        s.title_tag = Some("Samsung Group headquarters raided by prosecutors".into());
        assert_eq!(
            extract_metadata(&s).title.as_deref(),
            Some("Samsung Group headquarters raided by prosecutors")
        );
    }

    #[test]
    fn an_h1_that_is_also_the_titles_first_segment_stays_the_headline() {
        // A glossary page: the headline shares no word with the entries, whose `<h2>`s do.
        let mut s = page(
            Some("Kleine Schafskunde | Mäscot das Schaf – Webcomic"),
            &[],
        );
        s.h1s = vec!["Kleine Schafskunde".into()];
        s.headings = vec!["Mäscot".into(), "Das Schwarze Schaf".into()];
        s.lead_text = Some(
            "Mäscot Schaf, Standardausführung, weiß: Das Exemplar an Schaf, das sich in Massen \
             auf der großen, grünen Wiese herumtreibt. Das schwarze Schaf frisst allein."
                .into(),
        );
        assert_eq!(
            extract_metadata(&s).title.as_deref(),
            Some("Kleine Schafskunde")
        );
    }

    #[test]
    fn underscores_that_glue_the_site_to_the_headline_separate_it() {
        let mut s = page(
            Some("Philippine president orders evacuations owing to typhoon_English_Xinhua"),
            &[],
        );
        s.headings = vec!["Philippine president orders evacuations owing to typhoon".into()];
        s.lead_text = Some(
            "MANILA, Nov. 24 (Xinhua) -- Philippine President Gloria Macapagal Arroyo has \
             ordered the evacuation of residents in the northern provinces as the typhoon nears."
                .into(),
        );
        assert_eq!(
            extract_metadata(&s).title.as_deref(),
            Some("Philippine president orders evacuations owing to typhoon")
        );
    }

    #[test]
    fn a_heading_the_share_links_submit_beats_a_title_of_site_keywords() {
        let mut s = page(
            Some("Sporting Life - Football News | Football Transfer News, Live Football Scores"),
            &[],
        );
        s.headings = vec!["HITZFELD BEGINS SWISS TALKS".into()];
        s.share_titles = vec!["HITZFELD BEGINS SWISS TALKS".into()];
        assert_eq!(
            extract_metadata(&s).title.as_deref(),
            Some("HITZFELD BEGINS SWISS TALKS")
        );
        // Shared as another story's title, a heading is no confirmation.
        s.share_titles = vec!["Wenger signs a new striker".into()];
        assert_ne!(
            extract_metadata(&s).title.as_deref(),
            Some("HITZFELD BEGINS SWISS TALKS")
        );
    }

    #[test]
    fn an_application_name_repeating_the_title_is_no_site_name() {
        let headline = "UK university student halls too full to be safe, experts warn";
        let mut s = page(Some(headline), &[("application-name", headline)]);
        s.h1s = vec![headline.into()];
        let m = extract_metadata(&s);
        assert_eq!(m.title.as_deref(), Some(headline));
        assert_eq!(m.site, None);
        // A short application name is the site's, even when it is the whole `<title>`.
        let t = page(
            Some("Winona Daily News"),
            &[("application-name", "Winona Daily News")],
        );
        assert_eq!(
            extract_metadata(&t).site.as_deref(),
            Some("Winona Daily News")
        );
    }

    #[test]
    fn a_headline_confirmed_by_inflected_words_of_the_story() {
        let mut s = page(
            Some("The Star Online eCentral - Malaysia Entertainment"),
            &[],
        );
        s.styled_lines = vec!["DiCaprio attacker’s extradition sought".into()];
        s.lead_text = Some(
            "A woman who fled to Canada after slashing Leonardo DiCaprio with a broken beer \
             bottle at a party in 2005 could be extradited back to the US, prosecutors said."
                .into(),
        );
        assert_eq!(
            extract_metadata(&s).title.as_deref(),
            Some("DiCaprio attacker’s extradition sought")
        );
    }

    #[test]
    fn a_stations_long_name_goes_even_when_it_meets_the_story_in_one_word() {
        let lead = "NEW YORK (AP) - AT&T says it is replacing backup batteries in 17,000 \
            street-side cabinets after four of them exploded or burst into flames this month.";
        let mut s = page(
            Some(
                "Dayton, Ohio Weather, News and Entertainment WDTN.com, 2 On Your Side News: \
                 AT&T replaces batteries in cabinets after fires",
            ),
            &[],
        );
        s.lead_text = Some(lead.into());
        assert_eq!(
            extract_metadata(&s).title.as_deref(),
            Some("AT&T replaces batteries in cabinets after fires")
        );
        // A speaker before the headline shares a word with the story too, and stays.
        let mut t = page(Some("Cole: Winning Cup would give Chelsea momentum"), &[]);
        t.lead_text = Some(
            "Chelsea defender Ashley Cole believes winning the Cup would give his side the \
             momentum to chase the title, he told reporters before the semi-final."
                .into(),
        );
        assert_eq!(
            extract_metadata(&t).title.as_deref(),
            Some("Cole: Winning Cup would give Chelsea momentum")
        );
    }

    #[test]
    fn the_line_above_the_story_replaces_only_a_title_that_does_not_tell_it() {
        let lead = "PARIS, Jan 8 (Reuters) - French President Nicolas Sarkozy defended on Tuesday \
            his decisions to invite foreign leaders whose records on rights have drawn strong \
            criticism from campaigners at home and abroad.";
        let mut s = page(Some("News | Africa - Reuters.com"), &[]);
        s.lead_text = Some(lead.into());
        s.head_before_body = Some("Sarkozy defends himself against rights critics".into());
        assert_eq!(
            extract_metadata(&s).title.as_deref(),
            Some("Sarkozy defends himself against rights critics")
        );
        // A title that tells the story keeps its place over a deck above the story.
        s.title_tag = Some("Sarkozy rejects criticism of foreign guests - Reuters.com".into());
        s.head_before_body = Some("French president defends his invitations to critics".into());
        assert_eq!(
            extract_metadata(&s).title.as_deref(),
            Some("Sarkozy rejects criticism of foreign guests")
        );
        // A credit line with a date is no headline.
        s.title_tag = Some("News | Africa - Reuters.com".into());
        s.head_before_body = Some("Courtesy: Reuters Sarkozy Release: 01/10/2008".into());
        assert_ne!(
            extract_metadata(&s).title.as_deref(),
            Some("Courtesy: Reuters Sarkozy Release: 01/10/2008")
        );
    }

    #[test]
    fn the_headline_as_the_page_shows_it_over_the_titles_respelling() {
        let lead = "Pakistan's stocks nosedived and its currency hit a six-year low yesterday as \
            the country's financial markets reeled in the aftermath of the assassination.";
        let mut s = page(
            Some("Pakistans Stocks And Currency Pay Heavy Price (from The Herald )"),
            &[],
        );
        s.lead_text = Some(lead.into());
        s.head_before_body = Some("Pakistan’s stocks and currency pay heavy price".into());
        assert_eq!(
            extract_metadata(&s).title.as_deref(),
            Some("Pakistan’s stocks and currency pay heavy price")
        );
        // A section label before the body's own headline line goes.
        let mut t = page(
            Some("edmontonsun.com -\nOther Entertainment-\nFrom our writers' mail bags..."),
            &[],
        );
        t.body_head = Some("From our writers' mail bags...".into());
        t.lead_text = Some(
            "From our writers' mail bags... To Kevin Williamson, re the movie review of the \
             treasure sequel: it's a movie, not a film, say the writers of this week's mail \
             bags, who also wrote in about the ending and other entertainment."
                .into(),
        );
        assert_eq!(
            extract_metadata(&t).title.as_deref(),
            Some("From our writers' mail bags...")
        );
    }

    #[test]
    fn a_title_sharing_no_word_with_the_story_gives_way_to_the_heading_that_does() {
        let lead = "Stars of stage and screen have attacked the Arts Council over grant cuts \
            that will close dozens of theatres, and say the council has betrayed the stars of tomorrow.";
        let mut s = page(Some("Daily Star: Simply The Best 7 Days A Week"), &[]);
        s.headings = vec![
            "Showbiz".into(),
            "STARS SLAM ARTS COUNCIL GRANT CUTS".into(),
        ];
        s.lead_text = Some(lead.into());
        assert_eq!(
            extract_metadata(&s).title.as_deref(),
            Some("STARS SLAM ARTS COUNCIL GRANT CUTS")
        );
        // The page sets the title as a heading too: it is the headline.
        s.title_tag = Some("Faire Lieferketten im Handel".into());
        s.headings.push("Faire Lieferketten im Handel".into());
        assert_eq!(
            extract_metadata(&s).title.as_deref(),
            Some("Faire Lieferketten im Handel")
        );
        // A page with a metadata title is not second-guessed.
        let mut m = page(
            Some("Daily Star: Simply The Best 7 Days A Week"),
            &[("og:title", "Daily Star: Simply The Best 7 Days A Week")],
        );
        m.headings = vec!["STARS SLAM ARTS COUNCIL GRANT CUTS".into()];
        m.lead_text = Some(lead.into());
        assert_eq!(
            extract_metadata(&m).title.as_deref(),
            Some("Daily Star: Simply The Best 7 Days A Week")
        );
    }

    /// A lead about a court case over a stabbing in Leeds, for the title-against-lead tests.
    const COURT_LEAD: &str = "A former soldier appeared in court in Leeds yesterday charged with \
        the stabbing of two doormen outside a nightclub, and prosecutors said the attack was \
        planned for weeks before the soldier travelled north.";

    #[test]
    fn title_is_the_h1_that_opens_it_not_the_deck_that_ends_it() {
        let mut s = page(
            Some("Mother Assails Parole Board, Says Killer Should Never Have Been Freed - Gazette"),
            &[],
        );
        s.h1s = vec!["Mother Assails Parole Board".into()];
        s.headings = vec!["Says Killer Should Never Have Been Freed".into()];
        assert_eq!(
            extract_metadata(&s).title.as_deref(),
            Some("Mother Assails Parole Board")
        );
    }

    #[test]
    fn title_loses_outer_segments_that_share_no_word_with_the_story() {
        let cases = [
            (
                "IOL: Soldier charged over Leeds stabbing",
                "Soldier charged over Leeds stabbing",
            ),
            (
                "Soldier charged over Leeds stabbing: News: Crime: Gazette24",
                "Soldier charged over Leeds stabbing",
            ),
            (
                "Soldier charged over Leeds stabbing_English_Gazette",
                "Soldier charged over Leeds stabbing",
            ),
            (
                "Soldier charged over Leeds stabbing- Crime-News By Region-The Gazette",
                "Soldier charged over Leeds stabbing",
            ),
            // A segment without letters, and a remainder under three words, stay.
            (
                "2008: Soldier charged over Leeds stabbing",
                "2008: Soldier charged over Leeds stabbing",
            ),
            ("Gazette: Leeds stabbing", "Gazette: Leeds stabbing"),
        ];
        for (tag, want) in cases {
            let mut s = page(Some(tag), &[]);
            s.lead_text = Some(COURT_LEAD.into());
            assert_eq!(extract_metadata(&s).title.as_deref(), Some(want), "{tag}");
        }
    }

    #[test]
    fn title_of_a_site_gives_way_to_the_headline_line_the_body_begins_with() {
        let head = "Former soldier charged over nightclub stabbing";
        let mut s = page(Some("Gazette: Top Stories"), &[]);
        s.h1s = vec!["Top Stories".into()];
        s.body_head = Some(head.into());
        s.lead_text = Some(format!("{head} {COURT_LEAD}"));
        assert_eq!(extract_metadata(&s).title.as_deref(), Some(head));
        // A headline of the page's own, set as its heading, keeps its place before a deck
        // that shares more words with the story.
        let mut d = page(Some("Why the doors stayed shut"), &[]);
        d.h1s = vec!["Why the doors stayed shut".into()];
        d.body_head = Some(head.into());
        d.lead_text = Some(format!("{head} {COURT_LEAD}"));
        assert_eq!(
            extract_metadata(&d).title.as_deref(),
            Some("Why the doors stayed shut")
        );
        // A body line that adds a section label to the heading gives the heading alone.
        let mut l = page(Some("Gazette News Service"), &[]);
        l.headings = vec![head.into()];
        l.body_head = Some(format!("National {head}"));
        l.lead_text = Some(format!("National {head} {COURT_LEAD}"));
        assert_eq!(extract_metadata(&l).title.as_deref(), Some(head));
    }

    #[test]
    fn a_box_heading_or_a_pager_link_is_no_headline() {
        let mut s = page(Some("Gazette"), &[]);
        s.headings = vec![
            "« Soldier remanded over nightclub stabbing".into(),
            "What the soldier told the court in Leeds:".into(),
            "Former soldier charged over nightclub stabbing".into(),
        ];
        s.lead_text = Some(COURT_LEAD.into());
        assert_eq!(
            extract_metadata(&s).title.as_deref(),
            Some("Former soldier charged over nightclub stabbing")
        );
        // Lines set apart by their look are judged alike.
        let mut l = page(Some("Gazette"), &[]);
        l.styled_lines = vec![
            "What the soldier told the court in Leeds:".into(),
            "Former soldier charged over nightclub stabbing".into(),
        ];
        l.lead_text = Some(COURT_LEAD.into());
        assert_eq!(
            extract_metadata(&l).title.as_deref(),
            Some("Former soldier charged over nightclub stabbing")
        );
        assert!(is_furniture_heading("Next story: Bridge shut ›"));
        // A quotation in guillemets is a headline.
        assert!(!is_furniture_heading("« Nous resterons », dit le maire"));
    }

    #[test]
    fn what_is_left_of_a_title_after_the_known_site_is_the_headline() {
        // The blog's tagline is a longer heading than the post's three-word title.
        let mut s = page(
            Some("Everything I Know Is Wrong: The Torricelli Defence"),
            &[("og:site_name", "Everything I Know Is Wrong")],
        );
        s.headings = vec!["Jumping into the pool with Demosthenes and Locke".into()];
        assert_eq!(
            extract_metadata(&s).title.as_deref(),
            Some("The Torricelli Defence")
        );
        // A title of a few words that names no known site is the site itself.
        let mut n = page(Some("Valley Gazette Online"), &[]);
        n.headings = vec!["Council votes to shut the old bridge".into()];
        assert_eq!(
            extract_metadata(&n).title.as_deref(),
            Some("Council votes to shut the old bridge")
        );
    }

    #[test]
    fn title_from_the_segment_of_the_title_that_shares_words_with_the_story() {
        let tag = "KGAZ Channel 9 Your Leeds News Source, Weather and Sports | \
                   Former soldier charged over nightclub stabbing";
        let mut s = page(Some(tag), &[]);
        s.lead_text = Some(COURT_LEAD.into());
        assert_eq!(
            extract_metadata(&s).title.as_deref(),
            Some("Former soldier charged over nightclub stabbing")
        );
    }

    #[test]
    fn title_from_a_styled_line_when_the_title_names_the_site_with_one_shared_word() {
        let mut s = page(Some("Gazette - Leading News Resource of Leeds"), &[]);
        s.styled_lines = vec![
            "Weather warning for the weekend".into(),
            "Former soldier charged over nightclub stabbing".into(),
        ];
        s.lead_text = Some(COURT_LEAD.into());
        assert_eq!(
            extract_metadata(&s).title.as_deref(),
            Some("Former soldier charged over nightclub stabbing")
        );
        // A page with no title at all gets its headline the same way; a sentence of the
        // story set in bold is not one.
        s.title_tag = None;
        s.styled_lines.insert(
            0,
            "The soldier was charged with the stabbing in Leeds.".into(),
        );
        assert_eq!(
            extract_metadata(&s).title.as_deref(),
            Some("Former soldier charged over nightclub stabbing")
        );
    }

    #[test]
    fn title_sentence_h1_over_a_section_name_or_a_bare_title() {
        let mut s = page(
            Some("About Us - Shabka"),
            &[("og:title", "About Us - Shabka")],
        );
        s.h1s = vec!["The strategic Think & Do Tank".into()];
        s.metas.push(("og:site_name".into(), "Shabka".into()));
        assert_eq!(
            extract_metadata(&s).title.as_deref(),
            Some("The strategic Think & Do Tank")
        );
        // A bare <title> (no meta titles) naming the site loses to a sentence-long <h1>.
        let mut s = page(Some("The Independent on Saturday"), &[]);
        s.h1s = vec!["Sri Lankan cricket chief resigns".into()];
        assert_eq!(
            extract_metadata(&s).title.as_deref(),
            Some("Sri Lankan cricket chief resigns")
        );
        // A short <h1> (a section) does not.
        s.h1s = vec!["Cricket".into()];
        assert_eq!(
            extract_metadata(&s).title.as_deref(),
            Some("The Independent on Saturday")
        );
    }

    #[test]
    fn title_plain_h1_extending_the_meta_title_is_the_headline() {
        let mut s = page(
            Some("Saftiger Zitronenkuchen vom Blech | Backen macht glücklich"),
            &[("og:site_name", "Backen macht glücklich")],
        );
        s.h1s = vec!["Saftiger Zitronenkuchen vom Blech: einfach köstlich!".into()];
        s.h1_plain = vec![true];
        assert_eq!(
            extract_metadata(&s).title.as_deref(),
            Some("Saftiger Zitronenkuchen vom Blech: einfach köstlich!")
        );
        // An <h1> of parts (a kicker in its own element) gives the meta title alone.
        s.h1s = vec!["Rezept der Woche Saftiger Zitronenkuchen vom Blech".into()];
        s.h1_plain = vec![false];
        assert_eq!(
            extract_metadata(&s).title.as_deref(),
            Some("Saftiger Zitronenkuchen vom Blech")
        );
        // So does a plain <h1> that is itself a title with segments.
        s.h1s = vec!["Backblog | Saftiger Zitronenkuchen vom Blech".into()];
        s.h1_plain = vec![true];
        assert_eq!(
            extract_metadata(&s).title.as_deref(),
            Some("Saftiger Zitronenkuchen vom Blech")
        );
    }

    #[test]
    fn title_from_json_ld_headline_or_h1_alone() {
        let mut s = PageSignals::default();
        s.json_ld =
            vec![r#"{"@type":"NewsArticle","headline":"Flood waters rise in Jakarta"}"#.into()];
        assert_eq!(
            extract_metadata(&s).title.as_deref(),
            Some("Flood waters rise in Jakarta")
        );
        let s = PageSignals {
            h1s: vec!["  Flood   waters rise ".into()],
            ..PageSignals::default()
        };
        assert_eq!(
            extract_metadata(&s).title.as_deref(),
            Some("Flood waters rise")
        );
        assert_eq!(extract_metadata(&PageSignals::default()).title, None);
    }

    // --- byline ----------------------------------------------------------------------------

    #[test]
    fn byline_splits_several_authors() {
        let s = page(None, &[("author", "By Jane Doe and John Roe")]);
        assert_eq!(
            extract_metadata(&s).byline.as_deref(),
            Some("Jane Doe; John Roe")
        );
        let s = page(None, &[("author", "Von Fiona Bornhöft und Mariam Hofbeck")]);
        assert_eq!(
            extract_metadata(&s).byline.as_deref(),
            Some("Fiona Bornhöft; Mariam Hofbeck")
        );
        let s = page(
            None,
            &[("author", "Rudolf Fischer, Simon Kohler & Anna Berg")],
        );
        assert_eq!(
            extract_metadata(&s).byline.as_deref(),
            Some("Rudolf Fischer; Simon Kohler; Anna Berg")
        );
    }

    #[test]
    fn byline_from_json_ld_forms() {
        let mut s = PageSignals::default();
        s.json_ld = vec![r#"{"@type":"Article","author":"Jane Doe"}"#.into()];
        assert_eq!(extract_metadata(&s).byline.as_deref(), Some("Jane Doe"));
        s.json_ld =
            vec![r#"{"@type":"Article","author":{"@type":"Person","name":"Jane Doe"}}"#.into()];
        assert_eq!(extract_metadata(&s).byline.as_deref(), Some("Jane Doe"));
        s.json_ld =
            vec![r#"{"@type":"Article","author":[{"@type":"Person","name":"Jane Doe"},{"name":"John Roe"}]}"#.into()];
        assert_eq!(
            extract_metadata(&s).byline.as_deref(),
            Some("Jane Doe; John Roe")
        );
        // Yoast-style @graph with the author given by reference.
        s.json_ld = vec![r##"{"@context":"https://schema.org","@graph":[
            {"@type":"Article","@id":"https://x.de/a#article","author":{"@id":"https://x.de/#/schema/person/1"},
             "headline":"Hope!","datePublished":"2021-05-03T10:00:00+02:00"},
            {"@type":"Person","@id":"https://x.de/#/schema/person/1","name":"Winfried Hille"}]}"##
            .into()];
        let m = extract_metadata(&s);
        assert_eq!(m.byline.as_deref(), Some("Winfried Hille"));
        assert_eq!(m.published.as_deref(), Some("2021-05-03T10:00:00+02:00"));
    }

    #[test]
    fn byline_rejects_social_urls_and_reads_author_page_slugs() {
        let s = page(
            None,
            &[("article:author", "https://www.facebook.com/oliver.baroni")],
        );
        assert_eq!(extract_metadata(&s).byline, None);
        let s = page(
            None,
            &[("article:author", "https://gothamist.com/staff/david-brand")],
        );
        assert_eq!(extract_metadata(&s).byline.as_deref(), Some("David Brand"));
    }

    #[test]
    fn byline_strips_roles_credentials_dates_and_emails() {
        let b = |v: &str| extract_metadata(&page(None, &[("author", v)])).byline;
        assert_eq!(b("Jane Doe, Staff Writer").as_deref(), Some("Jane Doe"));
        assert_eq!(b("Grant Tinsley, PhD").as_deref(), Some("Grant Tinsley"));
        assert_eq!(
            b("Ben Silverman Games Editor").as_deref(),
            Some("Ben Silverman")
        );
        assert_eq!(
            b("Von Tomas Spahn Fr, 18. Oktober 2019").as_deref(),
            Some("Tomas Spahn")
        );
        assert_eq!(
            b("Jane Doe jane.doe@example.com").as_deref(),
            Some("Jane Doe")
        );
        assert_eq!(
            b("Posted on September 21, 2020 by Adi Tzlil").as_deref(),
            Some("Adi Tzlil")
        );
        assert_eq!(
            b("Martin Untersinger (avec Damien Leloup)").as_deref(),
            Some("Martin Untersinger")
        );
        assert_eq!(b("Staff Writer"), None);
        assert_eq!(
            b("Obi Felten, Director of Consumer Marketing, Google EMEA").as_deref(),
            Some("Obi Felten")
        );
    }

    #[test]
    fn byline_labels_in_several_languages_but_not_name_particles() {
        let b = |v: &str| extract_metadata(&page(None, &[("author", v)])).byline;
        assert_eq!(b("Par Jean Dupont").as_deref(), Some("Jean Dupont"));
        assert_eq!(b("Por María López").as_deref(), Some("María López"));
        assert_eq!(
            b("Erstellt von Andri Bryner").as_deref(),
            Some("Andri Bryner")
        );
        assert_eq!(
            b("Text & Fotos: Ivan Valetny").as_deref(),
            Some("Ivan Valetny")
        );
        assert_eq!(
            b("Christoph von Ritter").as_deref(),
            Some("Christoph von Ritter")
        );
        assert_eq!(
            b("Artikel von Alexa von Heyden").as_deref(),
            Some("Alexa von Heyden")
        );
        assert_eq!(b("Mac & i").as_deref(), Some("Mac i"));
    }

    #[test]
    fn byline_prefers_a_person_over_the_site_name() {
        let mut s = page(
            None,
            &[
                ("author", "Badische Zeitung"),
                ("og:site_name", "Badische Zeitung"),
            ],
        );
        s.author_candidates = vec!["Von Lisa Petrich".into()];
        assert_eq!(extract_metadata(&s).byline.as_deref(), Some("Lisa Petrich"));
        // With nobody else, the institution is still an answer.
        let s = page(
            None,
            &[
                ("author", "Badische Zeitung"),
                ("og:site_name", "Badische Zeitung"),
            ],
        );
        assert_eq!(
            extract_metadata(&s).byline.as_deref(),
            Some("Badische Zeitung")
        );
    }

    #[test]
    fn byline_skips_generic_accounts() {
        let mut s = PageSignals::default();
        s.json_ld =
            vec![r#"{"@type":"BlogPosting","author":{"@type":"Person","name":"admin"}}"#.into()];
        assert_eq!(extract_metadata(&s).byline, None);
        s.author_candidates = vec!["Von Tobias Kuske".into()];
        assert_eq!(extract_metadata(&s).byline.as_deref(), Some("Tobias Kuske"));
    }

    #[test]
    fn byline_ignores_comment_forms_and_furniture() {
        let mut s = PageSignals::default();
        s.author_candidates = vec![
            "Name (erforderlich)".into(),
            "Karoline Herr sagt:".into(),
            "Share Facebook Twitter".into(),
            "01.12.2022 / CSP / International / Wirtschaft".into(),
        ];
        assert_eq!(extract_metadata(&s).byline, None);
    }

    #[test]
    fn byline_visible_co_authors_extend_the_meta_author() {
        let mut s = page(None, &[("author", "Rudolf Fischer")]);
        s.author_candidates = vec!["von Rudolf Fischer, Simon Kohler".into()];
        assert_eq!(
            extract_metadata(&s).byline.as_deref(),
            Some("Rudolf Fischer; Simon Kohler")
        );
        // But not with the site's name.
        let mut s = page(
            None,
            &[("author", "Bob Yirka"), ("og:site_name", "Phys.org")],
        );
        s.author_candidates = vec!["by Bob Yirka , Phys.org".into()];
        assert_eq!(extract_metadata(&s).byline.as_deref(), Some("Bob Yirka"));
    }

    #[test]
    fn byline_visible_usernames_need_a_label() {
        let mut s = PageSignals::default();
        s.author_candidates = vec!["von lupa am 26/10/13, 03:48 pm".into()];
        assert_eq!(extract_metadata(&s).byline.as_deref(), Some("lupa"));
        s.author_candidates = vec!["flappy bird".into()];
        assert_eq!(extract_metadata(&s).byline, None);
    }

    // --- dates -----------------------------------------------------------------------------

    #[test]
    fn published_from_meta_then_json_ld_then_other_meta() {
        let mut s = page(
            None,
            &[("article:published_time", "2023-11-06T14:25:00+00:00")],
        );
        s.json_ld =
            vec![r#"{"@type":"NewsArticle","datePublished":"2023-11-03T10:25:56+00:00"}"#.into()];
        assert_eq!(
            extract_metadata(&s).published.as_deref(),
            Some("2023-11-06T14:25:00Z")
        );
        s.metas.clear();
        assert_eq!(
            extract_metadata(&s).published.as_deref(),
            Some("2023-11-03T10:25:56Z")
        );
        let s = page(None, &[("parsely-pub-date", "2019-10-22T07:00:00Z")]);
        assert_eq!(
            extract_metadata(&s).published.as_deref(),
            Some("2019-10-22T07:00:00Z")
        );
        let s = page(None, &[("datepublished", "Fri Feb 18 10:27:24 2022")]);
        assert_eq!(
            extract_metadata(&s).published.as_deref(),
            Some("2022-02-18T10:27:24")
        );
    }

    #[test]
    fn published_from_the_url() {
        let mut s = PageSignals::default();
        s.url = Some("https://www.caymancompass.com/2022/05/04/prison-official/".into());
        assert_eq!(
            extract_metadata(&s).published.as_deref(),
            Some("2022-05-04")
        );
        let s = PageSignals {
            canonical: Some("https://x.com/news/2021-11-02-slug".into()),
            ..PageSignals::default()
        };
        assert_eq!(
            extract_metadata(&s).published.as_deref(),
            Some("2021-11-02")
        );
    }

    #[test]
    fn published_from_time_elements_prefers_the_published_one() {
        let mut s = PageSignals::default();
        s.times = vec![
            time(
                Some("2020-04-11T08:27:52Z"),
                "Aktualisiert: 11.04.2020",
                false,
                true,
            ),
            time(None, "Related: 01.01.2020", false, false),
            time(
                Some("2020-04-03T10:35:41Z"),
                "Publiziert: 03.04.2020",
                true,
                false,
            ),
        ];
        let m = extract_metadata(&s);
        assert_eq!(m.published.as_deref(), Some("2020-04-03T10:35:41Z"));
        assert_eq!(m.modified.as_deref(), Some("2020-04-11T08:27:52Z"));
    }

    #[test]
    fn published_from_visible_dates_skips_updates() {
        let mut s = PageSignals::default();
        s.date_candidates = vec![
            "Aktualisiert am 12.05.2021".into(),
            "Written: 2023-11-07 15:03 / Updated: 2023-11-08".into(),
        ];
        assert_eq!(
            extract_metadata(&s).published.as_deref(),
            Some("2023-11-07T15:03:00")
        );
    }

    #[test]
    fn published_generic_meta_date_only_without_visible_dates() {
        let mut s = page(None, &[("date", "2021-12-20T11:02:44+01:00")]);
        assert_eq!(
            extract_metadata(&s).published.as_deref(),
            Some("2021-12-20T11:02:44+01:00")
        );
        s.date_candidates = vec!["27.01.2022".into()];
        assert_eq!(
            extract_metadata(&s).published.as_deref(),
            Some("2022-01-27")
        );
    }

    #[test]
    fn published_from_the_lead_dateline() {
        let s = PageSignals {
            lead_text: Some("BERLIN, 22.03.2024 – Die Polizei hat".into()),
            ..PageSignals::default()
        };
        assert_eq!(
            extract_metadata(&s).published.as_deref(),
            Some("2024-03-22")
        );
    }

    fn line(h1: usize, after: bool, text: &str) -> HeadlineLine {
        HeadlineLine {
            h1,
            after,
            text: text.to_string(),
        }
    }

    #[test]
    fn byline_from_a_labelled_line_under_the_headline() {
        let mut s = PageSignals {
            h1s: vec!["Headline".into()],
            headline_lines: vec![
                line(0, true, "Foto: Shanghai Electric"),
                line(0, true, "Par Matthieu Hy le 07 Mai 2020"),
            ],
            ..PageSignals::default()
        };
        assert_eq!(extract_metadata(&s).byline.as_deref(), Some("Matthieu Hy"));
        // A label alone on its line names the next one.
        s.headline_lines = vec![line(0, true, "By"), line(0, true, "Todd Bates")];
        assert_eq!(extract_metadata(&s).byline.as_deref(), Some("Todd Bates"));
        // Unlabelled lines are not bylines.
        s.headline_lines = vec![line(0, true, "Todd Bates")];
        assert_eq!(extract_metadata(&s).byline, None);
    }

    #[test]
    fn published_from_the_dateline_next_to_the_headline() {
        let mut s = PageSignals {
            h1s: vec!["Site".into(), "Grab-Bote fliegt nach Singapur".into()],
            title_tag: Some("Grab-Bote fliegt nach Singapur | Site".into()),
            headline_lines: vec![
                line(0, true, "Dienstag, 7. November 2023"),
                line(1, true, "Von: Björn Jahner | 31.10.23"),
                line(1, true, "Am 12.10.2023 begann die Reise"),
            ],
            html_lang: Some("de".into()),
            ..PageSignals::default()
        };
        // The lines of the <h1> that carries the title, not the logo's.
        assert_eq!(
            extract_metadata(&s).published.as_deref(),
            Some("2023-10-31")
        );
        // A kicker line above the headline, when nothing follows it.
        s.headline_lines = vec![line(1, false, "Jan 18, 2019"), line(1, true, "Subscribe")];
        assert_eq!(
            extract_metadata(&s).published.as_deref(),
            Some("2019-01-18")
        );
        // Only the first few lines after the headline: a date deep in the text is no dateline.
        s.headline_lines = (0..6)
            .map(|i| line(1, true, &format!("Zwischenzeile {i}")))
            .chain([line(1, true, "Am 12.10.2023 begann die Reise")])
            .collect();
        assert_eq!(extract_metadata(&s).published, None);
        // An update line is not the publication.
        s.headline_lines = vec![line(1, true, "Aktualisiert am 12.11.2023")];
        assert_eq!(extract_metadata(&s).published, None);
    }

    #[test]
    fn published_from_a_labelled_date() {
        let mut s = PageSignals {
            labelled_dates: vec!["Erschienen am: 01.11.2023".into()],
            date_candidates: vec!["Letzte Änderung: 31.10.2023".into()],
            ..PageSignals::default()
        };
        assert_eq!(
            extract_metadata(&s).published.as_deref(),
            Some("2023-11-01")
        );
        // A label without a date says nothing.
        s.labelled_dates = vec!["Veröffentlicht in: Afrika, Kenia".into()];
        assert_eq!(
            extract_metadata(&s).published.as_deref(),
            Some("2023-10-31")
        );
    }

    #[test]
    fn published_from_the_byline_date() {
        let s = PageSignals {
            author_candidates: vec!["Georg Quaas, 21. Jan. 2015".into()],
            html_lang: Some("de".into()),
            ..PageSignals::default()
        };
        assert_eq!(
            extract_metadata(&s).published.as_deref(),
            Some("2015-01-21")
        );
    }

    #[test]
    fn the_clock_of_the_page_view_is_not_a_date_of_the_article() {
        let mut s = PageSignals {
            date_candidates: vec!["Aktuelle Zeit: 14.10.2020, 12:18".into()],
            author_candidates: vec!["Beitrag von r23 » 21.01.2009, 05:42".into()],
            ..PageSignals::default()
        };
        assert_eq!(
            extract_metadata(&s).published.as_deref(),
            Some("2009-01-21T05:42:00")
        );
        s.date_candidates = vec!["It is currently Tue Oct 14, 2020 12:18 pm".into()];
        assert_eq!(
            extract_metadata(&s).published.as_deref(),
            Some("2009-01-21T05:42:00")
        );
    }

    #[test]
    fn date_elements_of_a_listing_are_not_the_articles() {
        let mut s = PageSignals {
            date_candidates: vec![
                "29.11.2022".into(),
                "22.11.2022".into(),
                "21.11.2022".into(),
            ],
            lead_text: Some("(21. November 2022) Energieverbraucher erhalten".into()),
            ..PageSignals::default()
        };
        assert_eq!(
            extract_metadata(&s).published.as_deref(),
            Some("2022-11-21")
        );
        // Two copies of one dateline are no listing.
        s.date_candidates = vec!["29.11.2022".into(), "29.11.2022 10:00".into()];
        assert_eq!(
            extract_metadata(&s).published.as_deref(),
            Some("2022-11-29")
        );
    }

    #[test]
    fn the_visibly_shown_modification_day_is_the_pages_date() {
        let mut s = page(
            None,
            &[
                ("article:published_time", "2021-03-16T16:16:10Z"),
                ("article:modified_time", "2021-03-20T14:00:17Z"),
            ],
        );
        s.date_candidates = vec!["20. März 2021 - 15:00 Uhr".into()];
        let m = extract_metadata(&s);
        assert_eq!(m.published.as_deref(), Some("2021-03-20T14:00:17Z"));
        assert_eq!(m.modified, None);
        // Not when the publication day shows too…
        s.date_candidates.push("Publiziert: 16.03.2021".into());
        assert_eq!(
            extract_metadata(&s).published.as_deref(),
            Some("2021-03-16T16:16:10Z")
        );
        // …nor when the shown day is labelled as an update.
        s.date_candidates.clear();
        s.h1s = vec!["Headline".into()];
        s.times = vec![time(None, "Mar 20, 2021", false, false)];
        s.headline_lines = vec![line(0, true, "Updated Mar 20, 2021, 2:15pm")];
        assert_eq!(
            extract_metadata(&s).published.as_deref(),
            Some("2021-03-16T16:16:10Z")
        );
    }

    #[test]
    fn future_dates_are_not_publication_dates() {
        let mut s = page(None, &[("article:published_time", "2999-01-01T00:00:00Z")]);
        s.url = Some("https://x.com/2021/03/04/slug".into());
        assert_eq!(
            extract_metadata(&s).published.as_deref(),
            Some("2021-03-04")
        );
    }

    #[test]
    fn utc_timestamps_move_to_the_visible_local_date() {
        let mut s = page(
            None,
            &[("article:published_time", "2022-05-04T03:37:37+00:00")],
        );
        s.times = vec![time(
            Some("2022-05-03T23:37:37-04:00"),
            "3 May, 2022, 11:37 pm",
            false,
            false,
        )];
        assert_eq!(
            extract_metadata(&s).published.as_deref(),
            Some("2022-05-03T23:37:37-04:00")
        );
        // A visible date without time: the date alone.
        let mut s = PageSignals::default();
        s.json_ld = vec![
            r#"{"@type":"NewsArticle","datePublished":"Wed, 04 May 2022 00:25:56 GMT"}"#.into(),
        ];
        s.date_candidates = vec!["3 de mayo de 2022".into()];
        assert_eq!(
            extract_metadata(&s).published.as_deref(),
            Some("2022-05-03")
        );
        // Nothing visible, or the same day: unchanged.
        s.date_candidates = vec!["4 de mayo de 2022".into()];
        assert_eq!(
            extract_metadata(&s).published.as_deref(),
            Some("2022-05-04T00:25:56Z")
        );
        // The same day anywhere among the visible dates confirms the stamp, even after a
        // header's "today" of the adjacent day.
        s.date_candidates = vec![
            "Jueves 5 de mayo de 2022".into(),
            "4 de mayo de 2022".into(),
        ];
        s.json_ld =
            vec![r#"{"@type":"NewsArticle","datePublished":"2022-05-04T20:51:06Z"}"#.into()];
        assert_eq!(
            extract_metadata(&s).published.as_deref(),
            Some("2022-05-04T20:51:06Z")
        );
    }

    #[test]
    fn modified_before_published_is_a_scheduled_post() {
        // Scheduled posts keep the stamp of their last draft save: the publication stands.
        let s = page(
            None,
            &[
                ("article:published_time", "2021-11-12T09:00:43+01:00"),
                ("article:modified_time", "2021-11-10T09:39:03+01:00"),
            ],
        );
        let m = extract_metadata(&s);
        assert_eq!(m.published.as_deref(), Some("2021-11-12T09:00:43+01:00"));
        assert_eq!(m.modified, None);
        // A later modification is kept apart.
        let s = page(
            None,
            &[
                ("article:published_time", "2021-11-12T09:00:43+01:00"),
                ("article:modified_time", "2021-11-15T10:00:00+01:00"),
            ],
        );
        let m = extract_metadata(&s);
        assert_eq!(m.published.as_deref(), Some("2021-11-12T09:00:43+01:00"));
        assert_eq!(m.modified.as_deref(), Some("2021-11-15T10:00:00+01:00"));
    }

    #[test]
    fn ambiguous_numeric_dates_follow_the_page_language() {
        let mut s = PageSignals::default();
        s.date_candidates = vec!["03/04/2021".into()];
        s.html_lang = Some("en-US".into());
        assert_eq!(
            extract_metadata(&s).published.as_deref(),
            Some("2021-03-04")
        );
        s.html_lang = Some("fr".into());
        assert_eq!(
            extract_metadata(&s).published.as_deref(),
            Some("2021-04-03")
        );
    }

    // --- JSON-LD robustness ------------------------------------------------------------------

    #[test]
    fn json_ld_lenient_parsing() {
        let mut s = PageSignals::default();
        // Trailing commas, a raw newline inside a string, an HTML comment wrapper.
        s.json_ld = vec!["<!--\n{\"@type\": \"NewsArticle\", \"headline\": \"Two\nlines\",\n \"author\": {\"name\": \"Jane Doe\",},}\n-->".into()];
        let m = extract_metadata(&s);
        assert_eq!(m.title.as_deref(), Some("Two lines"));
        assert_eq!(m.byline.as_deref(), Some("Jane Doe"));
        // Two objects in a row.
        s.json_ld = vec![
            r#"{"@type":"Organization","name":"Planet"},{"@type":"Article","headline":"Quake"}"#
                .into(),
        ];
        let m = extract_metadata(&s);
        assert_eq!(m.title.as_deref(), Some("Quake"));
        assert_eq!(m.site.as_deref(), Some("Planet"));
        // Hopeless input is skipped.
        s.json_ld = vec!["{ not json at all".into(), "".into(), "[[[[".into()];
        assert_eq!(extract_metadata(&s), Metadata::default());
    }

    #[test]
    fn json_ld_prefers_articles_and_ignores_listed_articles() {
        let mut s = PageSignals::default();
        s.json_ld = vec![
            r#"{"@type":"WebPage","name":"Section | Site","datePublished":"2020-01-01"}"#.into(),
            r#"[{"@type":"CollectionPage","mainEntity":{"@type":"ItemList","itemListElement":[{"@type":"NewsArticle","headline":"Other story","datePublished":"2019-05-05"}]}},{"@type":["NewsArticle"],"headline":"Main story","datePublished":"2020-02-02","mainEntityOfPage":{"@type":"WebPage"},"publisher":{"@type":"Organization","name":"Daily Planet"}}]"#.into(),
        ];
        let m = extract_metadata(&s);
        assert_eq!(m.title.as_deref(), Some("Main story"));
        assert_eq!(m.published.as_deref(), Some("2020-02-02"));
        assert_eq!(m.site.as_deref(), Some("Daily Planet"));
    }

    // --- site, canonical, language -----------------------------------------------------------

    #[test]
    fn site_name_sources() {
        assert_eq!(
            extract_metadata(&page(None, &[("og:site_name", " Daily  Planet ")]))
                .site
                .as_deref(),
            Some("Daily Planet")
        );
        assert_eq!(
            extract_metadata(&page(None, &[("application-name", "watson")]))
                .site
                .as_deref(),
            Some("watson")
        );
    }

    #[test]
    fn canonical_url_is_absolute() {
        let mut s = PageSignals {
            canonical: Some("/news/a.html".into()),
            ..PageSignals::default()
        };
        assert_eq!(extract_metadata(&s).canonical_url, None);
        s.url = Some("https://x.org/other?p=1".into());
        assert_eq!(
            extract_metadata(&s).canonical_url.as_deref(),
            Some("https://x.org/news/a.html")
        );
        let s = page(None, &[("og:url", "https://x.org/b")]);
        assert_eq!(
            extract_metadata(&s).canonical_url.as_deref(),
            Some("https://x.org/b")
        );
    }

    #[test]
    fn language_is_normalized_to_iso_639_1() {
        let s = PageSignals {
            html_lang: Some("en-US".into()),
            ..PageSignals::default()
        };
        assert_eq!(extract_metadata(&s).language.as_deref(), Some("en"));
        let mut s = page(None, &[("og:locale", "de_DE")]);
        s.html_lang = Some("x".into());
        assert_eq!(extract_metadata(&s).language.as_deref(), Some("de"));
        assert_eq!(normalize_language("deu").as_deref(), Some("de"));
        assert_eq!(normalize_language("English").as_deref(), Some("en"));
        assert_eq!(normalize_language("zz-top-1"), Some("zz".into()));
        assert_eq!(normalize_language("12"), None);
    }

    proptest::proptest! {
        #[test]
        fn never_panics_on_hostile_signals(
            title in "\\PC{0,60}",
            key in "(author|og:title|date|article:published_time|og:site_name|og:locale)",
            value in "\\PC{0,60}",
            ld in "[{}\\[\\]\",:@a-z0-9 ]{0,80}",
            cand in "\\PC{0,60}",
        ) {
            let s = PageSignals {
                title_tag: Some(title.clone()),
                metas: vec![(key, value)],
                json_ld: vec![ld],
                h1s: vec![title],
                author_candidates: vec![cand.clone()],
                date_candidates: vec![cand.clone()],
                lead_text: Some(cand),
                ..PageSignals::default()
            };
            let _ = extract_metadata(&s);
        }
    }
}
