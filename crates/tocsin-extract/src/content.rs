//! Main-content extraction over the arena tree.
//!
//! The approach is Readability's (score paragraphs, credit their ancestors, pick the best
//! container and the siblings that belong with it) with trafilatura's habits layered on top:
//! furniture is cut by tag and by class/id vocabulary before scoring, known article-body
//! markers earn a strong bonus, and every emitted block is checked again for link density
//! and boilerplate phrasing. All passes are linear over the node vector; there is no
//! recursion deeper than the parser's depth cap.

use crate::boilerplate::LineClass;
use crate::html::{push_collapsed, push_space, Dom, NodeData, NodeId, Tag, NONE};
use crate::signals::{
    is_date_class_token, is_headline_class, is_kicker_class, is_styled_headline, HeadlineScan,
    PageSignals, TimeSignal,
};
use tocsin_model::text::floor_char_boundary;
use tocsin_model::{Block, BlockKind};

/// What extraction found in a page's markup.
#[derive(Debug, Default)]
pub struct Extracted {
    /// Body blocks in order.
    pub blocks: Vec<Block>,
    /// Image captions found inside or near the article.
    pub captions: Vec<String>,
    /// Furniture lines dropped from inside the article (sign-up prompts, app promotions,
    /// copyright lines): the remnants that name a copied page's original publisher.
    pub furniture: Vec<String>,
    /// Metadata signals for the metadata stage.
    pub signals: PageSignals,
}

const F_HARD: u8 = 1; // removed by tag or hidden, with its subtree
const F_SOFT: u8 = 2; // removed by class/id vocabulary, with its subtree
const F_CAPTION: u8 = 4; // a caption container
const F_BODY_MARK: u8 = 8; // carries a known article-body marker
const F_LINK: u8 = 16; // inside an <a>
const F_COMMENTS: u8 = 32; // inside a comment thread

/// Per-node numbers, kept in parallel vectors for cache-friendly passes.
struct Stats {
    flags: Vec<u8>,
    /// Characters of visible text below the node (excluding removed subtrees).
    text: Vec<u32>,
    /// Characters of that text inside links.
    link: Vec<u32>,
    /// Readability content score.
    score: Vec<f32>,
    /// Class/id weight (positive for article vocabulary, negative for furniture).
    weight: Vec<i16>,
    /// What each element's class/id/itemprop say.
    class: Vec<ClassVerdict>,
}

/// Emits the chosen parts, in order, into blocks.
fn emit_parts<'d, 'a>(dom: &'d Dom<'a>, st: &'d Stats, parts: Vec<NodeId>) -> Emitter<'d, 'a> {
    let mut emitter = Emitter::new(dom, st);
    emitter.parts.clone_from(&parts);
    for part in parts {
        emitter.emit(part);
    }
    emitter.flush(BlockKind::Paragraph);
    emitter
}

/// The removal marks, text counts and paragraph scores of every node, and the page's
/// metadata signals.
fn measure(dom: &Dom, url: Option<&str>) -> (Stats, PageSignals) {
    let n = dom.nodes.len();
    let mut st = Stats {
        flags: vec![0; n],
        text: vec![0; n],
        link: vec![0; n],
        score: vec![0.0; n],
        weight: vec![0; n],
        class: vec![ClassVerdict::default(); n],
    };
    let mut signals = PageSignals {
        url: url.map(str::to_string),
        ..PageSignals::default()
    };
    mark_by_tag_and_collect_signals(dom, &mut st, &mut signals);
    count_text(dom, &mut st);
    mark_by_class(dom, &mut st);
    count_text(dom, &mut st);
    if mark_author_sections(dom, &mut st) {
        count_text(dom, &mut st);
    }
    score_paragraphs(dom, &mut st);
    (st, signals)
}

/// Extracts the main content and metadata signals from a parsed page.
pub fn extract(dom: &Dom, url: Option<&str>) -> Extracted {
    let (st, signals) = measure(dom, url);
    let top = pick_top_candidate(dom, &st);
    let mut out = Extracted {
        signals,
        ..Extracted::default()
    };
    let top = top.map(|t| story_the_description_names(dom, &st, &out.signals, t).unwrap_or(t));
    if let Some(top) = top {
        let top = widen(dom, &st, top);
        let mut parts = gather_siblings(dom, &st, top);
        let extras = [lead_above(dom, &st, top), ingredients_beside(dom, &st, top)];
        for extra in extras.into_iter().flatten() {
            join_part(dom, &mut parts, extra);
        }
        let mut emitter = emit_parts(dom, &st, parts);
        // The best container held nothing but headings (a headline box on a page whose text
        // sits loose in the body, in a <pre>): the body's blocks, with the same filters,
        // rather than an empty article.
        let headings_only = |e: &Emitter<'_, '_>| {
            e.blocks
                .iter()
                .all(|b| matches!(b.kind, BlockKind::Heading(_)))
        };
        if headings_only(&emitter) {
            if let Some(body) = body_or_root(dom).filter(|&b| b != top) {
                let fallback = emit_parts(dom, &st, vec![body]);
                if !headings_only(&fallback) {
                    emitter = fallback;
                }
            }
        }
        cut_after_end_marker(&mut emitter.blocks, &emitter.end_markers);
        out.blocks = emitter.blocks;
        out.captions = emitter.captions;
        out.furniture = emitter.furniture;
    }
    if let Some(top) = top {
        recover_lead(dom, &st, top, &mut out.blocks, &out.signals);
    }
    clean_blocks(&mut out.blocks, &out.signals);
    out.signals.body_head = body_head(&out.blocks);
    if out.signals.body_head.is_none() {
        out.signals.head_before_body = out
            .blocks
            .first()
            .and_then(|first| head_before_body(dom, &st, top, &first.text));
    }
    out.signals.lead_text = Some(lead_text(&out.blocks));
    out
}

/// Characters of other text (bylines, dates, share bars, a caption) that may sit between a
/// headline and the story it heads.
const HEAD_GAP_CHARS: usize = 400;

/// How many nodes before the story the headline is sought in: menus of links are passed
/// over without counting as text, and must not make the search cover a whole huge page.
const HEAD_SEARCH_NODES: NodeId = 3000;

/// The nearest line set apart as a heading just before the article's first block: a heading
/// element, an element classed as a headline, or a bold line alone in its block. Older
/// templates put the headline in such a line above the story, outside the container chosen
/// for it, while their `<title>` names only the site. `None` when more than
/// [`HEAD_GAP_CHARS`] of other text lies between.
fn head_before_body(dom: &Dom, st: &Stats, top: Option<NodeId>, first: &str) -> Option<String> {
    let start = story_start(dom, st, top, first)?;
    let mut gap = 0usize;
    for i in (start.saturating_sub(HEAD_SEARCH_NODES).max(1)..start).rev() {
        if st.flags[i as usize] & F_HARD != 0 {
            continue;
        }
        match &dom.nodes[i as usize].data {
            // Links between (a box of other headlines, a share bar) are passed over, not
            // counted: only running text parts a headline from its story.
            NodeData::Text(_) if st.flags[i as usize] & F_LINK != 0 => {}
            NodeData::Text(t) => {
                gap += t.trim().len();
                if gap > HEAD_GAP_CHARS {
                    return None;
                }
            }
            NodeData::Element { .. }
                if dom.subtree_end(i) <= start
                    && is_heading_line(dom, i)
                    && (st.link[i as usize] < st.text[i as usize]
                        || matches!(dom.tag(i), Some(Tag::H1 | Tag::H2 | Tag::H3 | Tag::H4))) =>
            {
                // A link beside the headline's own text is a count or a label ("199 Comments").
                let linked_whole = st.link[i as usize] >= st.text[i as usize];
                let mut text = String::new();
                dom.collect_text(i, &mut text, &|n| {
                    !linked_whole && dom.tag(n) == Some(Tag::A)
                });
                let text = text.trim();
                let words = text.split_whitespace().count();
                if (3..=25).contains(&words) && !text.ends_with(['.', ':']) {
                    return Some(text.to_string());
                }
            }
            _ => {}
        }
    }
    None
}

/// The first visible text node whose text opens the block `first`: where the story starts.
/// Sought in the chosen container first, then in the whole page (a lead recovered from above
/// the container).
fn story_start(dom: &Dom, st: &Stats, top: Option<NodeId>, first: &str) -> Option<NodeId> {
    let opens_block = |i: NodeId| match &dom.nodes[i as usize].data {
        NodeData::Text(t) => {
            let t = t.trim();
            !t.is_empty()
                && st.flags[i as usize] & F_HARD == 0
                && first.starts_with(&t[..floor_char_boundary(t, 24)])
        }
        _ => false,
    };
    let ranges = top
        .map(|t| t..dom.subtree_end(t))
        .into_iter()
        .chain(std::iter::once(1..dom.nodes.len() as NodeId));
    for range in ranges {
        if let Some(i) = range.into_iter().find(|&i| opens_block(i)) {
            return Some(i);
        }
    }
    None
}

/// An element that sets its text apart as a heading: `<h1>`–`<h6>`, a class or id naming a
/// headline, or a bold or font run that is the whole text of its parent.
fn is_heading_line(dom: &Dom, id: NodeId) -> bool {
    match dom.tag(id) {
        Some(Tag::H1 | Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6) => true,
        Some(Tag::B | Tag::Strong | Tag::Font) => {
            let parent = dom.nodes[id as usize].parent;
            let text_of = |n: NodeId| {
                let mut t = String::new();
                dom.collect_text(n, &mut t, &|_| false);
                t.trim().to_string()
            };
            // A line by itself in a small block; a long block is running text, and comparing
            // its text for each bold run in it would cost its length every time.
            parent != NONE
                && dom.tag(parent).is_some()
                && dom.subtree_end(parent) - parent <= 40
                && text_of(parent) == text_of(id)
        }
        Some(_) => has_headline_class(dom, id),
        None => false,
    }
}

/// Whether the element's class or id names a headline (`contentheading`, `#articleTitle`).
fn has_headline_class(dom: &Dom, id: NodeId) -> bool {
    dom.attr(id, "class").is_some_and(is_headline_class)
        || dom.attr(id, "id").is_some_and(is_headline_class)
}

/// How many words of the story's opening the metadata step compares titles and datelines
/// with.
pub(crate) const LEAD_WORDS: usize = 80;

/// The first blocks of the article, at least two and until they hold [`LEAD_WORDS`] words:
/// a sponsor line or a photo credit between the headline and the story must not leave the
/// opening too short to confirm a headline by.
fn lead_text(blocks: &[Block]) -> String {
    let mut words = 0;
    let mut parts: Vec<&str> = Vec::new();
    for block in blocks {
        if parts.len() >= 2 && words >= LEAD_WORDS {
            break;
        }
        words += block.text.split_whitespace().count();
        parts.push(&block.text);
    }
    parts.join(" ")
}

/// Adds `extra` to the parts to emit, in document order, unless it overlaps one of them.
fn join_part(dom: &Dom, parts: &mut Vec<NodeId>, extra: NodeId) {
    let holds = |outer: NodeId, inner: NodeId| outer <= inner && inner < dom.subtree_end(outer);
    if !parts.iter().any(|&p| holds(p, extra) || holds(extra, p)) {
        parts.push(extra);
        parts.sort_unstable();
    }
}

/// Drops the blocks after the first line that ends stories ("Leave a Reply", "Comments are
/// closed", "Source link", at block positions `markers`) by the rule plain text follows
/// ([`crate::boilerplate::ends_story`]): what follows is the comment thread or the page's
/// footer.
fn cut_after_end_marker(blocks: &mut Vec<Block>, markers: &[usize]) {
    let chars = |bs: &[Block]| bs.iter().map(|b| b.text.len()).sum::<usize>();
    let cut = markers.iter().copied().find(|&at| {
        let (before, after) = blocks.split_at(at.min(blocks.len()));
        let (before, after) = (chars(before), chars(after));
        crate::boilerplate::ends_story(before, after)
    });
    if let Some(at) = cut {
        blocks.truncate(at);
    }
}

/// Paragraphs of a JSON-LD `articleBody`: split at line breaks and at `<p>`/`<br>` markup,
/// which some publishers leave in it (some escaped as entities), with tags dropped and
/// entities decoded.
pub fn paragraphs_of_article_body(body: &str) -> Vec<Block> {
    // Markup escaped as entities ("&lt;p&gt;") is unescaped once to be read as markup.
    let mut marked = if body.contains("&lt;") && !body.contains('<') {
        crate::html::decode_entities(body).into_owned()
    } else {
        body.to_string()
    };
    for tag in [
        "</p>", "</P>", "<br>", "<br/>", "<br />", "<BR>", "</div>", "</li>",
    ] {
        marked = marked.replace(tag, "\n");
    }
    marked
        .split('\n')
        .filter_map(|piece| {
            let piece = piece.trim();
            if piece.is_empty() {
                return None;
            }
            let mut text = String::new();
            if piece.contains('<') || piece.contains('&') {
                let dom = Dom::parse(piece);
                // Node 0 is the document root: all of the piece's text.
                dom.collect_text(0, &mut text, &|_| false);
            } else {
                push_collapsed(&mut text, piece);
            }
            let text = text.trim();
            (!text.is_empty()).then(|| Block::new(BlockKind::Paragraph, text))
        })
        .collect()
}

/// The first block when it reads as a headline: a heading, or a line of three to 25 words
/// that does not end a sentence, with more text after it. A stamp run on after it ("… at
/// 12:19 on January 7, 2008, EST.") is not part of it.
fn body_head(blocks: &[Block]) -> Option<String> {
    let [first, _, ..] = blocks else {
        return None;
    };
    let text = crate::dates::trailing_stamp_start(&first.text)
        .map_or(first.text.as_str(), |k| &first.text[..k]);
    let words = text.split_whitespace().count();
    let headline_like = match first.kind {
        BlockKind::Heading(_) => true,
        BlockKind::Paragraph => !text.ends_with(['.', ';', ',', ':']),
        _ => false,
    };
    (headline_like && (3..=25).contains(&words)).then(|| text.to_string())
}

fn attr_lower(dom: &Dom, id: NodeId, name: &str) -> Option<String> {
    dom.attr(id, name).map(|v| v.to_ascii_lowercase())
}

/// First pass: hard removals (by tag and hidden state) and the page's metadata signals.
/// How many visually set-apart lines are kept for the headline of last resort.
const MAX_STYLED_LINES: usize = 24;

fn mark_by_tag_and_collect_signals(dom: &Dom, st: &mut Stats, sig: &mut PageSignals) {
    let mut buf = String::new();
    let mut scan = HeadlineScan::default();
    // End of the ARIA furniture region (banner, navigation…) being walked: its headings are
    // logos and menus, not the headline. A region spanning most of the page is a broken one.
    let mut furniture_end: NodeId = 0;
    for i in 1..dom.nodes.len() {
        let parent = dom.nodes[i].parent as usize;
        let inherited = st.flags[parent] & (F_HARD | F_LINK | F_CAPTION | F_COMMENTS);
        st.flags[i] |= inherited;
        let Some(tag) = dom.tag(i as NodeId) else {
            if inherited & (F_HARD | F_COMMENTS) == 0 && i as NodeId >= furniture_end {
                if let NodeData::Text(t) = &dom.nodes[i].data {
                    scan.text(i as NodeId, t, sig);
                }
            }
            continue;
        };
        let id = i as NodeId;
        if id >= furniture_end && (furniture_role(dom, id) || is_masthead(dom, id)) {
            let end = dom.subtree_end(id);
            if ((end - id) as usize) * 2 < dom.nodes.len() {
                furniture_end = end;
            }
        }
        let furniture = id < furniture_end;
        scan.element(id, !tag.is_inline() || tag == Tag::Br, sig);
        match tag {
            // Only links lead away; `<a name=…>` anchors and script handlers wrapped around
            // whole paragraphs are part of the text.
            Tag::A if dom.attr(id, "href").is_some() && !wraps_paragraphs_in_script(dom, id) => {
                st.flags[i] |= F_LINK;
                if sig.share_titles.len() < MAX_SHARE_TITLES {
                    sig.share_titles
                        .extend(dom.attr(id, "href").and_then(share_title));
                }
            }
            Tag::Html => sig.html_lang = dom.attr(id, "lang").map(str::to_string),
            Tag::Title => {
                // The document title lives in <head> (hard-removed from the body), or in
                // the body of pages whose templates misplace it; an SVG's <title> is not it.
                let mut in_svg = false;
                let mut p = parent as NodeId;
                while p != NONE && !in_svg {
                    in_svg = dom.tag(p) == Some(Tag::Svg);
                    p = dom.nodes[p as usize].parent;
                }
                if sig.title_tag.is_none() && !in_svg {
                    let mut t = String::new();
                    dom.collect_text(id, &mut t, &|_| false);
                    sig.title_tag = Some(t.trim().to_string());
                }
            }
            Tag::Meta => collect_meta(dom, id, sig),
            Tag::Link
                if sig.canonical.is_none()
                    && attr_lower(dom, id, "rel")
                        .is_some_and(|r| r.split_whitespace().any(|r| r == "canonical")) =>
            {
                sig.canonical = dom.attr(id, "href").map(|h| h.trim().to_string());
            }
            Tag::Script if attr_lower(dom, id, "type").is_some_and(|t| t.contains("ld+json")) => {
                let mut t = String::new();
                for c in dom.children(id) {
                    if let NodeData::Text(s) = &dom.nodes[c as usize].data {
                        t.push_str(s);
                    }
                }
                sig.json_ld.push(t);
            }
            Tag::Time => {
                let mut text = String::new();
                dom.collect_text(id, &mut text, &|_| false);
                let hints = format!(
                    "{} {} {}",
                    attr_lower(dom, id, "itemprop").unwrap_or_default(),
                    attr_lower(dom, id, "class").unwrap_or_default(),
                    if dom.attr(id, "pubdate").is_some() {
                        "pubdate"
                    } else {
                        ""
                    }
                );
                sig.times.push(TimeSignal {
                    datetime: dom.attr(id, "datetime").map(|d| d.trim().to_string()),
                    text: text.trim().to_string(),
                    published_hint: hints.contains("publish") || hints.contains("pubdate"),
                    modified_hint: hints.contains("modif") || hints.contains("updat"),
                });
            }
            Tag::H1 if inherited & F_HARD == 0 && !furniture => {
                let mut t = String::new();
                // A kicker above the headline (`<span class="dachzeile">`) is not part of it.
                dom.collect_text(id, &mut t, &|n| {
                    dom.attr(n, "class").is_some_and(is_kicker_class)
                        || (dom.tag(n) == Some(Tag::Small)
                            && dom.nodes[n as usize].next_sibling != NONE
                            && dom.tag(dom.nodes[n as usize].next_sibling) == Some(Tag::Br))
                });
                let t = t.trim();
                if !t.is_empty() && is_logo_link(dom, id) {
                    if sig.logo.is_none() && t.len() <= 200 {
                        sig.logo = Some(t.to_string());
                    }
                } else if !t.is_empty() && sig.h1s.len() < 8 {
                    let runs = (id + 1..dom.subtree_end(id))
                        .filter(|&n| match &dom.nodes[n as usize].data {
                            NodeData::Text(s) => !s.trim().is_empty(),
                            _ => false,
                        })
                        .count();
                    sig.h1_plain.push(runs == 1);
                    sig.h1s.push(t.to_string());
                    scan.h1(sig.h1s.len() - 1, dom.subtree_end(id), sig);
                }
            }
            _ => {}
        }
        if inherited & (F_HARD | F_COMMENTS) == 0
            && !furniture
            && sig.headings.len() < 12
            && tag != Tag::H1
            && (matches!(tag, Tag::H2 | Tag::H3) || has_headline_class(dom, id))
            && dom.subtree_end(id) - id <= 40
        {
            let mut t = String::new();
            dom.collect_text(id, &mut t, &|_| false);
            let t = t.trim();
            if !t.is_empty() && t.len() <= 300 {
                sig.headings.push(t.to_string());
            }
        }
        if inherited & (F_HARD | F_COMMENTS | F_LINK) == 0
            && !furniture
            && sig.styled_lines.len() < MAX_STYLED_LINES
            && !dom.attrs(id).is_empty()
            && is_styled_headline(
                (tag == Tag::Font).then(|| dom.attr(id, "size")).flatten(),
                dom.attr(id, "style"),
                &[
                    dom.attr(id, "class").unwrap_or(""),
                    dom.attr(id, "id").unwrap_or(""),
                ],
            )
            && dom.subtree_end(id) - id <= 12
        {
            let mut t = String::new();
            dom.collect_text(id, &mut t, &|_| false);
            let t = t.trim();
            let words = t.split_whitespace().count();
            if (3..=25).contains(&words) {
                sig.styled_lines.push(t.to_string());
            }
        }
        if is_hard_removed(dom, id, tag) {
            st.flags[i] |= F_HARD;
        }
        if matches!(tag, Tag::Figcaption | Tag::Caption) {
            st.flags[i] |= F_CAPTION;
        }
        if !dom.attrs(id).is_empty() {
            let verdict = class_verdict(dom, id, &mut buf);
            st.class[i] = verdict;
            if verdict.comments {
                st.flags[i] |= F_COMMENTS;
            }
            let rel_author = dom
                .attr(id, "rel")
                .is_some_and(|r| r.eq_ignore_ascii_case("author"));
            // Comment authors and comment dates are not the article's.
            if (verdict.author || verdict.date || rel_author) && st.flags[i] & F_COMMENTS == 0 {
                collect_byline_and_date_candidates(
                    dom,
                    id,
                    tag,
                    verdict.author || rel_author,
                    verdict.date,
                    sig,
                );
            }
        }
    }
    scan.finish(sig);
}

/// Share links kept per page; the first few agree when they are share links at all.
const MAX_SHARE_TITLES: usize = 4;

/// Bookmarking and social sites whose submit links carry the page's title.
const SHARE_SERVICES: [&str; 12] = [
    "del.icio.us/",
    "delicious.com/",
    "digg.com/",
    "reddit.com/",
    "stumbleupon.com/",
    "linkedin.com/",
    "facebook.com/share",
    "newsvine.com/",
    "furl.net/",
    "mixx.com/",
    "google.com/bookmarks",
    "fark.com/",
];

/// Whether a link goes to a known share service with a query, read without allocating (host
/// names are matched case-insensitively).
fn is_share_link(href: &str) -> bool {
    let Some((target, _)) = href.trim().split_once('?') else {
        return false;
    };
    let t = target.as_bytes();
    let has = |pat: &str| {
        t.windows(pat.len())
            .any(|w| w.eq_ignore_ascii_case(pat.as_bytes()))
    };
    t.len() >= 4 && t[..4].eq_ignore_ascii_case(b"http") && SHARE_SERVICES.iter().any(|s| has(s))
}

/// The title a share link submits with the page's address (`digg.com/submit?url=…&title=…`,
/// Facebook's `?u=…&t=…`). Both parameters must be there, on a known share service: other
/// sites' forms take a title too (a feed alert "titled" with the blog's name). Template
/// placeholders (`{headline}`), script and addresses are no titles.
/// `raw` is the attribute as written: most links are no share links, so the address is
/// tested before its entities are decoded.
fn share_title(raw: &str) -> Option<String> {
    if !is_share_link(raw) {
        return None;
    }
    let href = crate::html::decode_entities(raw);
    let (_, query) = href.trim().split_once('?')?;
    let query = query.split('#').next().unwrap_or(query);
    let mut url = false;
    let mut title = None;
    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        match key.as_ref() {
            "url" | "u" => url |= !value.trim().is_empty(),
            "title" | "t" if title.is_none() => title = Some(value),
            _ => {}
        }
    }
    let title = crate::metadata::collapse_ws(&title?);
    let plausible = url
        && title.chars().any(char::is_alphabetic)
        && title.len() <= 300
        && !title.contains(['{', '}', '<', '>'])
        && !title.contains("://")
        && !is_script_concatenation(&title);
    plausible.then_some(title)
}

/// A script's string joined around a variable (`' cnnShareTitle '`, `" document.title "`).
fn is_script_concatenation(title: &str) -> bool {
    let quote = |c: char| matches!(c, '\'' | '"');
    let mut chars = title.chars();
    let opens = chars.next().is_some_and(quote) && chars.next() == Some(' ');
    let mut back = title.chars().rev();
    let closes = back.next().is_some_and(quote) && back.next() == Some(' ');
    opens || closes
}

fn collect_meta(dom: &Dom, id: NodeId, sig: &mut PageSignals) {
    let key = dom
        .attr(id, "property")
        .or_else(|| dom.attr(id, "name"))
        .or_else(|| dom.attr(id, "itemprop"))
        .or_else(|| dom.attr(id, "http-equiv"));
    let (Some(key), Some(content)) = (key, dom.attrs(id).iter().find(|a| a.name == "content"))
    else {
        return;
    };
    let value = content.value().trim().to_string();
    if !value.is_empty() && sig.metas.len() < 200 {
        sig.metas.push((key.trim().to_ascii_lowercase(), value));
    }
}

fn collect_byline_and_date_candidates(
    dom: &Dom,
    id: NodeId,
    tag: Tag,
    is_author: bool,
    is_date: bool,
    sig: &mut PageSignals,
) {
    if matches!(
        tag,
        Tag::Meta | Tag::Link | Tag::Script | Tag::Style | Tag::Html | Tag::Body
    ) {
        return;
    }
    if sig.author_candidates.len() >= 16 && sig.date_candidates.len() >= 16 {
        return;
    }
    let mut text = String::new();
    dom.collect_text(id, &mut text, &|_| false);
    let text = text.trim();
    if text.is_empty() {
        return;
    }
    if is_author && text.len() <= 200 && sig.author_candidates.len() < 16 {
        sig.author_candidates.push(text.to_string());
    }
    if is_date && text.len() <= 120 && sig.date_candidates.len() < 16 {
        sig.date_candidates.push(text.to_string());
    }
}

fn is_hard_removed(dom: &Dom, id: NodeId, tag: Tag) -> bool {
    if matches!(
        tag,
        Tag::Script
            | Tag::Style
            | Tag::Noscript
            | Tag::Template
            | Tag::Svg
            | Tag::Math
            | Tag::Canvas
            | Tag::Iframe
            | Tag::Object
            | Tag::Embed
            | Tag::Input
            | Tag::Button
            | Tag::Select
            | Tag::Textarea
            | Tag::Nav
            | Tag::Dialog
            | Tag::Menu
            | Tag::Head
            | Tag::Title
            | Tag::Video
            | Tag::Audio
            | Tag::Label
    ) {
        return true;
    }
    // Paywalled article text is often hidden until the reader logs in; it is still the
    // article, and its markers say so.
    let paywalled = dom.attr(id, "class").is_some_and(|c| {
        let c = c.to_ascii_lowercase();
        c.contains("paywall") || c.contains("premium") || c.contains("article-body")
    });
    if paywalled {
        return false;
    }
    if dom.attr(id, "hidden").is_some() {
        return true;
    }
    if dom.attr(id, "style").is_some_and(style_hides) && !is_hidden_slide(dom, id) {
        return true;
    }
    if dom
        .attr(id, "aria-hidden")
        .is_some_and(|v| v.eq_ignore_ascii_case("true"))
        && !matches!(tag, Tag::Body | Tag::Html | Tag::Main | Tag::Article)
    {
        return true;
    }
    false
}

/// Whether an inline style hides its element (`display: none`, `visibility: hidden`).
fn style_hides(style: &str) -> bool {
    let s = style.to_ascii_lowercase().replace(' ', "");
    s.contains("display:none") || s.contains("visibility:hidden")
}

/// Whether a hidden element is a later slide of a gallery article whose first slide shows:
/// an earlier sibling carries the same class, less the word that hides it
/// (`gallery--paragraph-section` and `gallery--paragraph-section hidden`). The script that
/// pages through the slides shows them one at a time; all of them are the article.
fn is_hidden_slide(dom: &Dom, id: NodeId) -> bool {
    const HIDING: [&str; 4] = ["hidden", "hide", "is-hidden", "d-none"];
    let base = |c: &str| -> Vec<String> {
        c.split_ascii_whitespace()
            .map(str::to_ascii_lowercase)
            .filter(|t| !HIDING.contains(&t.as_str()))
            .collect()
    };
    let Some(class) = dom.attr(id, "class").map(base).filter(|b| !b.is_empty()) else {
        return false;
    };
    let parent = dom.nodes[id as usize].parent;
    if parent == NONE {
        return false;
    }
    // The first slide opens the gallery; a long run of hidden siblings is not searched.
    let first_shown = dom
        .children(parent)
        .take(32)
        .take_while(|&c| c != id)
        .any(|c| {
            dom.tag(c) == dom.tag(id)
                && dom.attr(c, "class").map(base).as_ref() == Some(&class)
                && !dom.attr(c, "style").is_some_and(style_hides)
        });
    // A slide holds prose; hidden page numbers and "ignored post" stubs do not.
    first_shown && {
        let mut text = String::new();
        dom.collect_text(id, &mut text, &|_| false);
        text.split_whitespace().count() >= 25
    }
}

/// ARIA landmarks that mark page furniture; treated like furniture class words, so a broken
/// page whose article sits inside an unclosed `role="banner"` keeps its article.
fn furniture_role(dom: &Dom, id: NodeId) -> bool {
    dom.attr(id, "role").is_some_and(|r| {
        matches!(
            r.to_ascii_lowercase().as_str(),
            "navigation"
                | "menu"
                | "menubar"
                | "complementary"
                | "dialog"
                | "alert"
                | "banner"
                | "contentinfo"
                | "search"
        )
    })
}

/// Whether all the text of an `<h1>` is a link to the site's front page: the logo
/// (`<h1><a href="/">Radio New Zealand</a></h1>`). A headline links to its story, if anywhere.
fn is_logo_link(dom: &Dom, h1: NodeId) -> bool {
    let mut linked = false;
    for n in h1 + 1..dom.subtree_end(h1) {
        let NodeData::Text(t) = &dom.nodes[n as usize].data else {
            continue;
        };
        if t.trim().is_empty() {
            continue;
        }
        let mut up = dom.nodes[n as usize].parent;
        while up != h1 && up != NONE && dom.tag(up) != Some(Tag::A) {
            up = dom.nodes[up as usize].parent;
        }
        if up == h1 || up == NONE || !dom.attr(up, "href").is_some_and(is_front_page) {
            return false;
        }
        linked = true;
    }
    linked
}

/// Whether a link leads to a site's front page: "/", "./", "index.html",
/// "http://www.example.com/", "https://example.com/default.aspx".
fn is_front_page(href: &str) -> bool {
    let href = href.trim();
    let path = match href.find("://") {
        Some(p) => href[p + 3..].find('/').map_or("", |q| &href[p + 3 + q..]),
        None if href.is_empty() || href.starts_with(['#', '?']) => return false,
        None => href,
    };
    let path = path.split(['?', '#']).next().unwrap_or("");
    let file = path.trim_start_matches("./").trim_matches('/');
    file.is_empty()
        || matches!(
            file.to_ascii_lowercase().as_str(),
            "." | "index.html"
                | "index.htm"
                | "index.php"
                | "index.shtml"
                | "default.aspx"
                | "default.asp"
                | "default.htm"
                | "home"
                | "home.html"
        )
}

/// The page's own header, by the ids templates give it (`<div id="header">`,
/// `id="masthead"`): its `<h1>` is the site's name ("Winnipeg Free Press Live"), not the
/// story's headline. Only for the headline: a broken template's header may hold the story.
fn is_masthead(dom: &Dom, id: NodeId) -> bool {
    dom.attr(id, "id").is_some_and(|v| {
        matches!(
            v.trim().to_ascii_lowercase().as_str(),
            "header" | "masthead" | "site-header" | "siteheader" | "branding" | "logo"
        )
    })
}

/// Bottom-up text totals: children come after parents in the node vector.
fn count_text(dom: &Dom, st: &mut Stats) {
    st.text.iter_mut().for_each(|t| *t = 0);
    st.link.iter_mut().for_each(|t| *t = 0);
    for i in (1..dom.nodes.len()).rev() {
        if st.flags[i] & (F_HARD | F_SOFT) != 0 {
            continue;
        }
        if let NodeData::Text(t) = &dom.nodes[i].data {
            let len = visible_len(t);
            st.text[i] = len;
            if st.flags[i] & F_LINK != 0 {
                st.link[i] = len;
            }
        }
        let parent = dom.nodes[i].parent;
        if parent != NONE {
            let (t, l) = (st.text[i], st.link[i]);
            st.text[parent as usize] += t;
            st.link[parent as usize] += l;
        }
    }
}

/// Characters of text, not counting whitespace runs.
fn visible_len(t: &str) -> u32 {
    // Counts characters that are not ASCII whitespace (UTF-8 lead bytes only), which is what
    // the link-density and length rules need, at memory speed.
    // A three-byte UTF-8 lead (0xE0–0xEF) is mostly CJK, where one character carries about
    // as much as two Latin ones; counting it twice keeps the length rules language-neutral.
    t.as_bytes()
        .iter()
        .map(|&b| match b {
            0xE0..=0xEF => 2,
            b if (b & 0xC0) == 0x80 || b.is_ascii_whitespace() => 0,
            _ => 1,
        })
        .sum::<u32>()
}

/// Class/id vocabulary. Words are matched against the `-`/`_`-separated parts of each
/// class or id token, so "ad" matches `ad-slot` but not `header` or `load`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Vocab {
    None,
    /// Furniture words that pages also reuse on content wrappers ("meta", "header").
    Weak,
    /// Furniture even when it holds prose: comment threads, related-story teasers.
    Strong,
    /// Article words.
    Positive,
}

fn vocab(part: &str) -> Vocab {
    match part {
        "adslot" | "advert" | "advertisement" | "advertising" | "authorbio" | "breadcrumb"
        | "breadcrumbs" | "comment" | "comments" | "consent" | "cookie" | "cookies" | "disqus"
        | "footer" | "gdpr" | "login" | "menu" | "modal" | "mostpopular" | "mostread" | "nav"
        | "navbar" | "navigation" | "newsletter" | "newsletters" | "outbrain" | "pagination"
        | "popular" | "popup" | "promo" | "recommendation" | "recommendations" | "recommended"
        | "register" | "related" | "relatedposts" | "share" | "sharing" | "sidebar" | "signup"
        | "similar" | "social" | "sponsor" | "sponsored" | "subscribe" | "taboola" | "toolbar"
        | "trending" => Vocab::Strong,
        "widget" | "widgets" | "ad" | "ads" | "alert" | "app" | "aside" | "banner" | "bio"
        | "bottom" | "byline" | "carousel" | "contact" | "dateline" | "donate" | "download"
        | "endnote" | "extra" | "feedback" | "follow" | "gallery" | "header" | "jump"
        | "keywords" | "lightbox" | "logo" | "masthead" | "meta" | "more" | "notification"
        | "offscreen" | "outbrainwidget" | "overlay" | "pager" | "poll" | "print" | "promotion"
        | "rail" | "rating" | "readmore" | "search" | "shares" | "skip" | "slider"
        | "sociallinks" | "socials" | "sronly" | "subscription" | "subscriptions" | "tag"
        | "taglist" | "tags" | "teaser" | "teasers" | "ticker" | "timestamp" | "topbar"
        | "vote" => Vocab::Weak,
        "article" | "articlebody" | "artikel" | "blog" | "body" | "contenido" | "content"
        | "contenu" | "copy" | "detail" | "entry" | "inhalt" | "main" | "news" | "page"
        | "paragraph" | "post" | "prose" | "richtext" | "story" | "storybody" | "text" => {
            Vocab::Positive
        }
        _ => Vocab::None,
    }
}

/// Class words that name a recipe's ingredient list.
const INGREDIENT_WORDS: [&str; 5] = [
    "ingredients",
    "ingredient",
    "ingredientes",
    "zutaten",
    "skladniki",
];

/// Markers that pages use for "this is the article body"; strong evidence.
const BODY_MARKERS: &[&str] = &[
    "articlebody",
    "articlecontent",
    "articledetail",
    "articlepagebody",
    "articletext",
    "artikeltext",
    "bodytext",
    "contentbody",
    "entrybody",
    "entrycontent",
    "fieldbody",
    "fieldnamebody",
    "maincontent",
    "newsbody",
    "newscontent",
    "paywallarticle",
    "postbody",
    "postcontent",
    "richtext",
    "singlecontent",
    "storybody",
    "storycontent",
    "storytext",
    "textcontent",
    "znbody",
];

fn split_parts(token: &str, mut f: impl FnMut(&str)) {
    let mut start = 0;
    let b = token.as_bytes();
    for i in 0..=b.len() {
        let boundary = i == b.len() || matches!(b[i], b'-' | b'_' | b':' | b'.' | b'/');
        if boundary {
            if i > start {
                f(&token[start..i]);
            }
            start = i + 1;
        }
    }
}

/// What an element's class and id say about it, read once per element.
#[derive(Debug, Clone, Copy, Default)]
struct ClassVerdict {
    /// -1 furniture vocabulary, +1 article vocabulary, 0 neither or both.
    weight: i16,
    /// A known article-body marker is present.
    marker: bool,
    /// Furniture vocabulary that removes the element whatever it holds.
    strong: bool,
    /// Names a caption or photo credit.
    caption: bool,
    /// Names an author or byline.
    author: bool,
    /// Names a date or timestamp.
    date: bool,
    /// Names a comment thread: removed even when it outweighs the article.
    comments: bool,
    /// Its class names it a lead paragraph (see [`LEAD_CLASS_WORDS`]).
    lead: bool,
    /// Its class names a recipe's ingredient list (see [`INGREDIENT_WORDS`]).
    ingredients: bool,
}

/// Reads the class/id vocabulary of an element; `buf` is scratch space reused across calls.
fn class_verdict(dom: &Dom, id: NodeId, buf: &mut String) -> ClassVerdict {
    let mut v = ClassVerdict::default();
    let (mut neg, mut pos) = (false, false);
    let mut any = false;
    // Ids on headings and paragraphs are usually anchors made from their own text
    // (`nav_nur_die_folie__1`), not furniture names.
    let text_block = dom
        .tag(id)
        .is_some_and(|t| t == Tag::P || t.heading_level().is_some());
    for attr in dom.attrs(id) {
        let is_class = attr.name == "class";
        if !is_class && (attr.name != "id" || text_block) {
            continue;
        }
        any = true;
        buf.clear();
        buf.push_str(attr.raw_value);
        buf.make_ascii_lowercase();
        for token in buf.split_ascii_whitespace() {
            if is_class {
                split_parts(token, |part| {
                    v.lead |= LEAD_CLASS_WORDS.contains(&part);
                    v.ingredients |= INGREDIENT_WORDS.contains(&part);
                });
                // A recipe's ingredients are part of it, whatever layout words share their
                // class (`ingredients table-header`).
                pos |= v.ingredients;
            }
            if token.len() > 60 {
                continue;
            }
            if matches!(
                token,
                "hidden"
                    | "hide"
                    | "visually-hidden"
                    | "sr-only"
                    | "screen-reader-text"
                    | "visuallyhidden"
            ) {
                neg = true;
                continue;
            }
            if is_body_marker(token) {
                v.marker = true;
            }
            if token.contains("author") || token.contains("byline") {
                v.author = true;
            }
            if is_date_class_token(token) {
                v.date = true;
            }
            if is_class && !token.contains("body") && is_caption_token(token) {
                v.caption = true;
            }
            // Compounds without separators (`commentlist`, `postcomments`) hide their parts.
            if token.contains("comment") && !token.contains("commentary")
                || token.contains("disqus")
            {
                v.comments = true;
                v.strong = true;
                neg = true;
            }
            if [
                "outbrain",
                "taboola",
                "newsletter",
                "breadcrumb",
                "sharebar",
                "socialshare",
            ]
            .iter()
            .any(|w| token.contains(w))
            {
                v.strong = true;
                neg = true;
            }
            // What a page keeps for its printed copy is the article (`print-only`,
            // `print-full`), unlike its print button.
            if matches!(
                token,
                "print-only" | "print-full" | "printonly" | "visible-print" | "printable"
            ) {
                pos = true;
                continue;
            }
            let mut first = true;
            split_parts(token, |part| {
                if matches!(part, "comment" | "comments" | "disqus" | "commentlist") {
                    v.comments = true;
                }
                match vocab(part) {
                    Vocab::Strong => {
                        neg = true;
                        v.strong = true;
                    }
                    // "ad"/"ads" only name an ad slot when they lead the token
                    // (`ad-slot`, not `section--ads`).
                    Vocab::Weak => {
                        neg = true;
                        if first && matches!(part, "ad" | "ads") {
                            v.strong = true;
                        }
                    }
                    Vocab::Positive => pos = true,
                    Vocab::None => {}
                }
                first = false;
            });
        }
    }
    if let Some(ip) = dom.attr(id, "itemprop") {
        any = true;
        if ip.eq_ignore_ascii_case("articleBody") || ip.eq_ignore_ascii_case("text") {
            v.marker = true;
        }
        if ip.to_ascii_lowercase().contains("author") {
            v.author = true;
        }
        if ip.to_ascii_lowercase().contains("date") {
            v.date = true;
        }
    }
    if !any {
        return v;
    }
    v.weight = match (pos || v.marker, neg) {
        (true, false) => 1,
        (false, true) => -1,
        _ => 0,
    };
    v.strong &= !v.marker;
    v.comments &= !v.marker;
    v
}

/// Whether a class token names a caption or photo credit (`wp-caption-text`,
/// `image__credit`), by its parts, so `tag-tax-credits` is not one.
fn is_caption_token(token: &str) -> bool {
    let mut hit = false;
    split_parts(token, |part| {
        hit |= matches!(
            part,
            "caption"
                | "figcaption"
                | "credit"
                | "imagecaption"
                | "photocaption"
                | "bildunterschrift"
                | "legende"
        );
    });
    hit
}

/// Whether a class/id token is one of the markers pages use for "this is the article body",
/// compared with separators removed (`article-body`, `article__body`, `articleBody`).
fn is_body_marker(token: &str) -> bool {
    let mut squashed = [0u8; 64];
    let mut n = 0;
    for &b in token.as_bytes() {
        if !matches!(b, b'-' | b'_') && n < squashed.len() {
            squashed[n] = b;
            n += 1;
        }
    }
    let s = &squashed[..n];
    // Every marker contains one of these stems and most tokens contain none, so a cheap
    // byte scan spares the full list for almost every token.
    let has = |w: &[u8]| s.windows(w.len()).any(|x| x == w);
    if !(has(b"body") || has(b"content") || has(b"text") || has(b"detail") || has(b"paywall")) {
        return false;
    }
    BODY_MARKERS
        .iter()
        .any(|m| memchr::memmem::find(s, m.as_bytes()).is_some())
}

/// Second pass: remove furniture by class/id vocabulary, unless the element holds most of
/// the page's text (a page-wide wrapper called `main-menu-content` is not furniture).
fn mark_by_class(dom: &Dom, st: &mut Stats) {
    let body_text = st.text[0].max(1);
    let prose = prose_lengths(dom, st);
    let marked = marked_text(dom, st);
    #[allow(clippy::needless_range_loop)] // `i` indexes several parallel vectors
    for i in 1..dom.nodes.len() {
        let parent = dom.nodes[i].parent as usize;
        st.flags[i] |= st.flags[parent] & (F_SOFT | F_BODY_MARK | F_CAPTION);
        let id = i as NodeId;
        let Some(tag) = dom.tag(id) else { continue };
        if st.flags[i] & F_HARD != 0 {
            continue;
        }
        let verdict = st.class[i];
        let w = verdict.weight;
        st.weight[i] = w;
        if verdict.marker {
            st.flags[i] |= F_BODY_MARK;
        }
        let structural_negative = matches!(tag, Tag::Aside | Tag::Footer | Tag::Header | Tag::Form)
            || furniture_role(dom, id);
        // A comment thread's class may also carry an article word (`comments-body`): the
        // thread is still no part of the article.
        if (w < 0 || structural_negative || verdict.comments)
            && !verdict.marker
            && !matches!(tag, Tag::Body | Tag::Html)
        {
            let share = st.text[i] as f32 / body_text as f32;
            // Weak furniture words ("meta", "header", "more") are trusted only on elements
            // without prose of their own: pages reuse them on content wrappers.
            let prose_share = prose[i] as f32 / st.text[i].max(1) as f32;
            // Inline elements (a link to a topic page with id `auto-tag_…`) are part of a
            // sentence: only strong vocabulary removes them.
            let inline_weak = tag.is_inline() && !verdict.strong;
            // Even strong words give way to a large body of prose: layout classes such as
            // `zen-one-sidebar-second` sit on the wrappers of whole articles.
            let big_prose = share > 0.25 && prose[i] >= 800 && prose_share > 0.5;
            // A layout wrapper named for its place (`bottom_section`) around the element the
            // page marks as its article body.
            let wraps_marked_body =
                !verdict.strong && marked[i] * 2 >= st.text[i] && marked[i] >= 500;
            let holds_article = ((share > 0.45 || big_prose || wraps_marked_body)
                && !verdict.comments)
                || (structural_negative && w > 0)
                || inline_weak
                || (!verdict.strong && prose_share > 0.5 && prose_len_ok(prose[i]));
            if !holds_article {
                st.flags[i] |= F_SOFT;
            }
        }
        // A caption is short; a long element with a caption-like class is a wrapper.
        if verdict.caption && st.text[i] < 250 {
            st.flags[i] |= F_CAPTION;
        }
    }
}

/// Removes the sections an author heading opens ("Autor:innen" over a photo and a bio): a
/// bio is written as prose and outscores a short article, as on a map page whose story is one
/// sentence. The section is the heading's parent when its text starts with the heading, up
/// to [`MAX_AUTHOR_SECTION`] characters. Returns whether anything was removed.
fn mark_author_sections(dom: &Dom, st: &mut Stats) -> bool {
    let mut removed = false;
    let mut buf = String::new();
    for i in 1..dom.nodes.len() {
        let id = i as NodeId;
        let is_heading = dom
            .tag(id)
            .is_some_and(|t| matches!(t.heading_level(), Some(2..=6)));
        if !is_heading || st.text[i] == 0 || st.text[i] > 32 || st.flags[i] & (F_HARD | F_SOFT) != 0
        {
            continue;
        }
        buf.clear();
        dom.collect_text(id, &mut buf, &|_| false);
        if !crate::boilerplate::is_author_heading(&buf) {
            continue;
        }
        // The heading's parent, and the wrappers around it that hold nothing else; not a
        // column that goes on with other boxes after the author's.
        let small_box = |p: NodeId| {
            p != NONE
                && p != 0
                && !matches!(dom.tag(p), Some(Tag::Body | Tag::Html))
                && st.text[p as usize] <= MAX_AUTHOR_SECTION
        };
        let mut section = dom.nodes[i].parent;
        if !small_box(section) || first_text_node(dom, st, section) != first_text_node(dom, st, id)
        {
            continue;
        }
        loop {
            let up = dom.nodes[section as usize].parent;
            if !small_box(up) || st.text[up as usize] != st.text[section as usize] {
                break;
            }
            section = up;
        }
        for d in section..dom.subtree_end(section) {
            st.flags[d as usize] |= F_SOFT;
        }
        removed = true;
    }
    removed
}

/// The longest author section [`mark_author_sections`] removes, in characters.
const MAX_AUTHOR_SECTION: u32 = 1500;

/// The first text node with visible text below `id`, outside removed parts.
fn first_text_node(dom: &Dom, st: &Stats, id: NodeId) -> Option<NodeId> {
    (id + 1..dom.subtree_end(id)).find(|&d| {
        st.flags[d as usize] & (F_HARD | F_SOFT) == 0
            && matches!(dom.nodes[d as usize].data, NodeData::Text(_))
            && st.text[d as usize] > 0
    })
}

/// For each node, the text of the largest element below it (or itself) whose class or id
/// marks the article body (`article-body`, `entry-content`).
fn marked_text(dom: &Dom, st: &Stats) -> Vec<u32> {
    let mut marked = vec![0u32; dom.nodes.len()];
    for i in (1..dom.nodes.len()).rev() {
        if st.class[i].marker {
            marked[i] = marked[i].max(st.text[i]);
        }
        let parent = dom.nodes[i].parent;
        if parent != NONE {
            marked[parent as usize] = marked[parent as usize].max(marked[i]);
        }
    }
    marked
}

/// Characters of prose below each node: paragraphs of 80+ characters with few links.
fn prose_lengths(dom: &Dom, st: &Stats) -> Vec<u32> {
    sum_prose(dom, st, F_HARD, |i, tag, _| {
        matches!(tag, Tag::P | Tag::Blockquote | Tag::Pre)
            && st.text[i] >= 80
            && st.link[i] * 4 < st.text[i]
    })
}

/// Sums, bottom-up, the text of the elements `is_prose` accepts, skipping subtrees flagged
/// with `skip`. `is_prose` sees the sums of the element's children so far.
fn sum_prose(
    dom: &Dom,
    st: &Stats,
    skip: u8,
    is_prose: impl Fn(usize, Tag, &[u32]) -> bool,
) -> Vec<u32> {
    let mut prose = vec![0u32; dom.nodes.len()];
    for i in (1..dom.nodes.len()).rev() {
        if st.flags[i] & skip != 0 {
            continue;
        }
        if dom
            .tag(i as NodeId)
            .is_some_and(|tag| is_prose(i, tag, &prose))
        {
            prose[i] = prose[i].max(st.text[i]);
        }
        let parent = dom.nodes[i].parent;
        if parent != NONE {
            let v = prose[i];
            prose[parent as usize] += v;
        }
    }
    prose
}

fn prose_len_ok(len: u32) -> bool {
    len >= 200
}

fn is_paragraph_like(tag: Tag) -> bool {
    matches!(
        tag,
        Tag::P | Tag::Pre | Tag::Td | Tag::Blockquote | Tag::Li | Tag::Dd | Tag::H2 | Tag::H3
    )
}

/// Whether a div-like element carries its own text (not just through block children):
/// such elements are paragraphs on pages that use `<div>`/`<br>` instead of `<p>`.
fn has_direct_text(dom: &Dom, id: NodeId) -> bool {
    dom.children(id).any(|c| match &dom.nodes[c as usize].data {
        NodeData::Text(t) => t.trim().len() > 20,
        _ => false,
    })
}

/// Third pass: Readability's paragraph scores, credited to ancestors.
fn score_paragraphs(dom: &Dom, st: &mut Stats) {
    for i in 1..dom.nodes.len() {
        if st.flags[i] & (F_HARD | F_SOFT | F_CAPTION) != 0 {
            continue;
        }
        let id = i as NodeId;
        let Some(tag) = dom.tag(id) else { continue };
        let text_container = !is_paragraph_like(tag)
            && matches!(
                tag,
                Tag::Div
                    | Tag::Section
                    | Tag::Article
                    | Tag::Span
                    | Tag::Font
                    | Tag::Center
                    | Tag::Main
                    | Tag::Body
            )
            && has_direct_text(dom, id);
        if !is_paragraph_like(tag) && !text_container {
            continue;
        }
        let len = st.text[i];
        if len < 25 {
            continue;
        }
        let link_density = st.link[i] as f32 / len as f32;
        if link_density > 0.5 {
            continue;
        }
        let (commas, breaks) = paragraph_shape(dom, id);
        let commas = commas as f32;
        // Text broken into paragraphs by blank lines (`<br><br>`) is scored as that many
        // paragraphs, as it is emitted (Readability turns such runs into `<p>`s before
        // scoring): one long cell of five paragraphs is not one reader's comment. Not for a
        // `<div>` with loose text, which is credited as its own parent already.
        let breaks = if text_container {
            0
        } else {
            breaks.min(MAX_BR_PARAGRAPHS)
        };
        let paragraphs = 1.0 + breaks as f32;
        let mut score = paragraphs + commas.min(20.0) + (len as f32 / 100.0).min(3.0 * paragraphs);
        if matches!(tag, Tag::Li | Tag::Td | Tag::Dd) {
            score *= 0.5;
        }
        // A container with its own text is the paragraph's parent as well as the paragraph
        // (Readability wraps such text in a <p>), so it is credited first.
        let mut ancestor = if text_container {
            id
        } else {
            dom.nodes[i].parent
        };
        let mut level = 0;
        while ancestor != NONE && ancestor != 0 && level < 5 {
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f32 * 3.0,
            };
            st.score[ancestor as usize] += score / divider;
            ancestor = dom.nodes[ancestor as usize].parent;
            level += 1;
        }
    }
}

/// Blank-line breaks counted into a `<br>`-formatted paragraph's score, at most.
const MAX_BR_PARAGRAPHS: usize = 19;

/// What a paragraph's score reads off its text in one walk: the commas in all of it, and how
/// many times two `<br>` in a row (whitespace between them at most) split its own text (text
/// inside nested blocks belongs to those blocks).
fn paragraph_shape(dom: &Dom, id: NodeId) -> (usize, usize) {
    let end = dom.subtree_end(id);
    let (mut commas, mut breaks) = (0, 0);
    let mut after_br = false;
    let mut nested_end = id;
    for i in id + 1..end {
        let own = i >= nested_end;
        match &dom.nodes[i as usize].data {
            NodeData::Text(t) => {
                commas += t.matches([',', '，', '、', '،']).count();
                if own && after_br {
                    after_br = t.trim().is_empty();
                }
            }
            NodeData::Element { tag: Tag::Br, .. } if own => {
                breaks += usize::from(after_br);
                after_br = !after_br;
            }
            NodeData::Element { tag, .. } if own && !tag.is_inline() => {
                after_br = false;
                nested_end = dom.subtree_end(i);
            }
            _ => {}
        }
    }
    (commas, breaks)
}

fn final_score(dom: &Dom, st: &Stats, i: usize) -> f32 {
    let tag_bonus = match dom.tag(i as NodeId) {
        Some(Tag::Div | Tag::Article | Tag::Main | Tag::Section) => 5.0,
        Some(Tag::Pre | Tag::Td | Tag::Blockquote) => 3.0,
        Some(Tag::Ol | Tag::Ul | Tag::Dl | Tag::Li | Tag::Form) => -3.0,
        Some(Tag::Body) => -5.0,
        _ => 0.0,
    };
    // Class vocabulary scales the evidence rather than adding a constant, so a tiny box
    // called "copy" cannot outrank the article.
    let mut s = (st.score[i] + tag_bonus) * (1.0 + 0.5 * st.weight[i] as f32);
    if st.flags[i] & F_BODY_MARK != 0 && st.score[i] > 0.0 {
        s *= 1.5;
    }
    let text = st.text[i].max(1) as f32;
    s * (1.0 - st.link[i] as f32 / text)
}

fn pick_top_candidate(dom: &Dom, st: &Stats) -> Option<NodeId> {
    pick_top_within(dom, st, 0).or_else(|| body_or_root(dom))
}

/// The best-scoring container below `root` (0: the whole page), climbed to the ancestor that
/// collects an article's sections, never above `root`.
fn pick_top_within(dom: &Dom, st: &Stats, root: NodeId) -> Option<NodeId> {
    let mut best: Option<(usize, f32)> = None;
    for i in root as usize + 1..dom.subtree_end(root) as usize {
        // An author box ("author-description", "author-bio") is never the article, however
        // much prose the bio has.
        if st.score[i] <= 0.0 || st.flags[i] & (F_HARD | F_SOFT) != 0 || st.class[i].author {
            continue;
        }
        let s = final_score(dom, st, i);
        if best.is_none_or(|(_, b)| s > b) {
            best = Some((i, s));
        }
    }
    let (mut top, top_score) = best?;
    // Climb while an ancestor scores as well: the article is often split into sections whose
    // common parent collects their scores.
    let threshold = top_score / 3.0;
    let mut last = top_score;
    let mut parent = dom.nodes[top].parent;
    while parent != NONE && parent != 0 && parent != root {
        let p = parent as usize;
        if matches!(dom.tag(parent), Some(Tag::Body | Tag::Html)) {
            break;
        }
        if st.score[p] > 0.0 {
            let ps = final_score(dom, st, p);
            if ps < threshold {
                break;
            }
            if ps > last {
                top = p;
                break;
            }
            last = ps;
        }
        parent = dom.nodes[p].parent;
    }
    // A lone child adds nothing: use its parent, which may hold siblings we want.
    while let Some(p) = single_child_parent(dom, st, top).filter(|&p| p != root as usize) {
        top = p;
    }
    Some(top as NodeId)
}

/// Climbs from the chosen container while an ancestor adds clean prose of its own: articles
/// split into sections or steps (each in its own wrapper) leave the best single wrapper
/// holding only part of the text.
fn widen(dom: &Dom, st: &Stats, top: NodeId) -> NodeId {
    let prose = prose_lengths_visible(dom, st);
    let mut cur = top as usize;
    let mut best = cur;
    let mut at_edge = false;
    loop {
        let parent = dom.nodes[cur].parent;
        if parent == NONE || parent == 0 || matches!(dom.tag(parent), Some(Tag::Body | Tag::Html)) {
            return best as NodeId;
        }
        let p = parent as usize;
        let added_prose = prose[p].saturating_sub(prose[cur]);
        let added_text = st.text[p].saturating_sub(st.text[cur]);
        let added_links = st.link[p].saturating_sub(st.link[cur]);
        let clean = added_links * 3 < added_text.max(1);
        // A wrapper that adds (almost) nothing is passed through, and so is one that adds
        // only links (a related box inside the article) or a little text that is no prose (a
        // picture with its caption); one that adds clean prose in proportion becomes the new
        // best; anything else ends the climb. Past such a box the climb is at the article's
        // edge: only the template's repeated wrappers (`same_class_prose`) still belong to
        // it, not a sidebar's prose.
        let link_box = added_prose == 0 && added_links * 10 >= added_text * 9;
        // A picture's caption and labels beside the text: no prose, little text.
        let small_box = added_prose == 0 && added_text * 4 <= prose[best];
        let same_class = same_class_prose(dom, &prose, cur) * 5 >= added_prose * 4;
        let in_proportion = added_prose * 2 >= prose[best].max(1) && !at_edge;
        if added_text < 40 || (small_box && adds_only_a_heading(dom, st, p as NodeId, cur)) {
            cur = p;
        } else if link_box || small_box {
            at_edge = true;
            cur = p;
        } else if (in_proportion || same_class)
            && added_prose >= 200
            && clean
            && (added_prose * 2 >= added_text || (same_class && added_prose * 3 >= added_text))
        {
            cur = p;
            best = p;
        } else {
            return best as NodeId;
        }
    }
}

/// Whether the children of `parent` beside `cur` are only a heading, or the toggle that opens
/// `cur` in place (an accordion's section title): the wrapper titles a section of the
/// article, it is not a box beside it.
fn adds_only_a_heading(dom: &Dom, st: &Stats, parent: NodeId, cur: usize) -> bool {
    let is_title = |id: NodeId| {
        dom.tag(id).is_some_and(|t| t.heading_level().is_some())
            || (dom.tag(id) == Some(Tag::A) && is_disclosure_toggle(dom, id))
    };
    dom.children(parent)
        .filter(|&c| {
            let c = c as usize;
            c != cur && st.text[c] > 0 && st.flags[c] & (F_HARD | F_SOFT) == 0
        })
        .all(is_title)
}

/// The prose of the siblings of `id` that carry its class: the other parts of an article
/// a template splits into repeated wrappers (`story-body-supplemental` twice around an
/// advertisement).
fn same_class_prose(dom: &Dom, prose: &[u32], id: usize) -> u32 {
    let id = id as NodeId;
    let class = match dom.attr(id, "class") {
        Some(c) if !c.trim().is_empty() => c,
        _ => return 0,
    };
    let parent = dom.nodes[id as usize].parent;
    dom.children(parent)
        .filter(|&c| c != id && dom.attr(c, "class") == Some(class))
        .map(|c| prose[c as usize])
        .sum()
}

/// Like [`prose_lengths`] but over what survived every removal pass.
fn prose_lengths_visible(dom: &Dom, st: &Stats) -> Vec<u32> {
    sum_prose(dom, st, F_HARD | F_SOFT | F_CAPTION, |i, tag, prose| {
        // Paragraph elements, and text containers on pages that use <div> for paragraphs.
        let paragraph = matches!(
            tag,
            Tag::P | Tag::Blockquote | Tag::Pre | Tag::Li | Tag::H2 | Tag::H3
        ) || (matches!(tag, Tag::Div | Tag::Section | Tag::Span | Tag::Td)
            && prose[i] == 0
            && has_direct_text(dom, i as NodeId));
        paragraph && st.text[i] >= 60 && st.link[i] * 4 < st.text[i]
    })
}

fn single_child_parent(dom: &Dom, st: &Stats, id: usize) -> Option<usize> {
    let parent = dom.nodes[id].parent;
    if parent == NONE || parent == 0 || matches!(dom.tag(parent), Some(Tag::Body | Tag::Html)) {
        return None;
    }
    let visible = dom
        .children(parent)
        .filter(|&c| st.text[c as usize] > 0 && st.flags[c as usize] & (F_HARD | F_SOFT) == 0)
        .count();
    (visible == 1 && st.text[parent as usize] == st.text[id]).then_some(parent as usize)
}

fn body_or_root(dom: &Dom) -> Option<NodeId> {
    (0..dom.nodes.len() as NodeId)
        .find(|&i| dom.tag(i) == Some(Tag::Body))
        .or(Some(0))
}

/// Readability's sibling rule: siblings of the top candidate that score well, share its
/// class, or are clean paragraphs join the article.
fn gather_siblings(dom: &Dom, st: &Stats, top: NodeId) -> Vec<NodeId> {
    let parent = dom.nodes[top as usize].parent;
    if parent == NONE || top == 0 {
        return vec![top];
    }
    let top_score = final_score(dom, st, top as usize);
    let threshold = (top_score * 0.2).max(10.0);
    let top_class = dom.attr(top, "class").unwrap_or("");
    let standfirst = standfirst_before(dom, st, parent, top);
    let mut parts = Vec::new();
    for sib in dom.children(parent) {
        if Some(sib) == standfirst {
            parts.push(sib);
            continue;
        }
        let s = sib as usize;
        if sib == top {
            parts.push(sib);
            continue;
        }
        if st.flags[s] & (F_HARD | F_SOFT) != 0
            || st.text[s] == 0
            || st.class[s].author
            || opens_related_box(dom, st, sib)
        {
            continue;
        }
        let mut bonus = 0.0;
        if !top_class.is_empty() && dom.attr(sib, "class") == Some(top_class) {
            bonus = top_score * 0.2;
        }
        if st.score[s] > 0.0 && final_score(dom, st, s) + bonus >= threshold {
            parts.push(sib);
            continue;
        }
        if dom.tag(sib) == Some(Tag::P) {
            let len = st.text[s];
            let density = st.link[s] as f32 / len.max(1) as f32;
            let mut text = String::new();
            dom.collect_text(sib, &mut text, &|_| false);
            let text = text.trim();
            if (len > 80 && density < 0.25)
                || (len > 0 && density == 0.0 && ends_sentence(text) && text.len() > 30)
            {
                parts.push(sib);
            }
        }
    }
    // A best container that opens with "You may also like" is a related-stories box that
    // outscored the article beside it: keep the article.
    if parts.len() > 1 && opens_related_box(dom, st, top) {
        parts.retain(|&p| p != top);
    }
    parts
}

/// The standfirst right before the article's text: the visible sibling just before `top`
/// when it is one clean passage of prose with no markup inside (a `dig-vorspann`,
/// `standfirst`, `chapo` or `epigraph` block; the words its class gives vary with the
/// language, its place and shape do not). A lead that sums up the story holds facts the body
/// may not repeat.
fn standfirst_before(dom: &Dom, st: &Stats, parent: NodeId, top: NodeId) -> Option<NodeId> {
    let prev = dom
        .children(parent)
        .take_while(|&c| c != top)
        .filter(|&c| st.text[c as usize] > 0 && st.flags[c as usize] & (F_HARD | F_SOFT) == 0)
        .last()?;
    let i = prev as usize;
    if !matches!(dom.tag(prev), Some(Tag::Div | Tag::P | Tag::Section)) || st.link[i] > 0 {
        return None;
    }
    let plain = (prev + 1..dom.subtree_end(prev)).all(|d| match &dom.nodes[d as usize].data {
        NodeData::Element { tag, .. } => tag.is_inline(),
        _ => true,
    });
    let mut text = String::new();
    dom.collect_text(prev, &mut text, &|_| false);
    let text = text.trim();
    let clean = matches!(crate::boilerplate::classify_line(text), LineClass::Body);
    (plain && clean && st.text[i] >= 80 && ends_sentence(text)).then_some(prev)
}

/// Class words that name an article's lead paragraph ("teaser-text", "att-full-intro",
/// "v-lead", "header__abstract", "dig-vorspann", "chapo", "bajada").
const LEAD_CLASS_WORDS: &[&str] = &[
    "lead",
    "lede",
    "leadtext",
    "intro",
    "introtext",
    "teaser",
    "abstract",
    "standfirst",
    "summary",
    "vorspann",
    "anriss",
    "chapo",
    "chapeau",
    "entradilla",
    "bajada",
    "sapo",
];

/// The lead paragraph that many templates put in the article's header, a level or three
/// above the body container the scores pick (`news-single > teaser-text` beside
/// `news-text-wrap`): it sums up the story, often with the facts the body does not repeat. An
/// element before `top` inside one of its three nearest ancestors, named as a lead by its
/// class, holding clean prose (paragraphs or a list of key points) without links.
fn lead_above(dom: &Dom, st: &Stats, top: NodeId) -> Option<NodeId> {
    let mut anc = dom.nodes[top as usize].parent;
    for _ in 0..3 {
        if anc == NONE || anc == 0 {
            return None;
        }
        let mut id = anc + 1;
        while id < top {
            let i = id as usize;
            let holds_top = dom.subtree_end(id) > top;
            if holds_top || st.flags[i] & (F_HARD | F_SOFT | F_CAPTION) != 0 {
                id += 1;
                continue;
            }
            if st.text[i] >= 60
                && st.link[i] == 0
                && is_named_lead(dom, st, id)
                && holds_only_prose(dom, id)
            {
                let mut text = String::new();
                dom.collect_text(id, &mut text, &|c| st.flags[c as usize] & F_HARD != 0);
                let text = text.trim();
                let clean = matches!(crate::boilerplate::classify_line(text), LineClass::Body);
                if clean && ends_sentence(text) {
                    return Some(id);
                }
            }
            id += 1;
        }
        anc = dom.nodes[anc as usize].parent;
    }
    None
}

/// Whether a link only opens or closes a part of the page in place (an accordion's section
/// title, `href="#collapse-3" data-toggle="collapse"`): a heading, not a way off the page.
fn is_disclosure_toggle(dom: &Dom, id: NodeId) -> bool {
    dom.attr(id, "href").is_some_and(|h| h.starts_with('#'))
        && (dom.attr(id, "data-toggle").is_some()
            || dom.attr(id, "data-bs-toggle").is_some()
            || dom.attr(id, "aria-controls").is_some()
            || dom
                .attr(id, "role")
                .is_some_and(|r| r.eq_ignore_ascii_case("button")))
}

/// A recipe's ingredient list kept beside its method: the box near the chosen container
/// (within a few levels up) whose class names ingredients. Recipe templates set the two
/// apart, and the method alone is not the recipe.
fn ingredients_beside(dom: &Dom, st: &Stats, top: NodeId) -> Option<NodeId> {
    let mut anc = dom.nodes[top as usize].parent;
    for _ in 0..4 {
        if anc == NONE || anc == 0 || matches!(dom.tag(anc), Some(Tag::Body | Tag::Html)) {
            return None;
        }
        let end = dom.subtree_end(anc);
        let mut id = anc + 1;
        while id < end {
            let i = id as usize;
            let holds_top = id <= top && top < dom.subtree_end(id);
            if holds_top {
                id += 1;
                continue;
            }
            if st.flags[i] & (F_HARD | F_SOFT) != 0 {
                id = dom.subtree_end(id);
                continue;
            }
            if st.class[i].ingredients && st.text[i] >= 30 && st.link[i] * 4 < st.text[i] * 3 {
                return Some(id);
            }
            id += 1;
        }
        anc = dom.nodes[anc as usize].parent;
    }
    None
}

/// Whether an element holds nothing but text, inline markup, paragraphs and lists: a lead,
/// not a header box with a headline, badges and boxes of its own.
fn holds_only_prose(dom: &Dom, id: NodeId) -> bool {
    (id + 1..dom.subtree_end(id)).all(|d| match &dom.nodes[d as usize].data {
        NodeData::Element { tag, .. } => {
            tag.is_inline()
                || matches!(
                    tag,
                    Tag::P | Tag::Ul | Tag::Ol | Tag::Li | Tag::Br | Tag::Meta
                )
        }
        _ => true,
    })
}

/// Whether a block element's class names it a lead (see [`LEAD_CLASS_WORDS`]); headings are
/// decks, not leads.
fn is_named_lead(dom: &Dom, st: &Stats, id: NodeId) -> bool {
    matches!(dom.tag(id), Some(Tag::Div | Tag::P | Tag::Section)) && st.class[id as usize].lead
}

/// Whether an element starts with a "You may also like" line: a box of other stories that
/// sits beside the article and scores like it.
fn opens_related_box(dom: &Dom, st: &Stats, id: NodeId) -> bool {
    let end = dom.subtree_end(id);
    for i in id..end {
        if st.flags[i as usize] & (F_HARD | F_SOFT) != 0 {
            continue;
        }
        if let NodeData::Text(t) = &dom.nodes[i as usize].data {
            let t = t.trim();
            if t.is_empty() {
                continue;
            }
            return matches!(
                crate::boilerplate::classify_line(t),
                LineClass::Boilerplate(
                    crate::boilerplate::Reason::RelatedHeader | crate::boilerplate::Reason::Related
                )
            );
        }
    }
    false
}

/// Whether a link is a `javascript:` handler around paragraphs: text a script makes
/// clickable, not a way out of the page. (A `javascript:` link around a few words is a
/// share or print button, and stays a link.)
fn wraps_paragraphs_in_script(dom: &Dom, id: NodeId) -> bool {
    let is_script = dom.attr(id, "href").is_some_and(|h| {
        h.trim_start()
            .get(..11)
            .is_some_and(|scheme| scheme.eq_ignore_ascii_case("javascript:"))
    });
    is_script && (id + 1..dom.subtree_end(id)).any(|d| dom.tag(d) == Some(Tag::P))
}

fn ends_sentence(text: &str) -> bool {
    let t = text.trim_end_matches(['"', '”', '’', '\'', ')', '»']);
    t.ends_with(['.', '!', '?', '。', '…'])
}

/// Turns the chosen subtrees into blocks.
struct Emitter<'d, 'a> {
    dom: &'d Dom<'a>,
    st: &'d Stats,
    blocks: Vec<Block>,
    captions: Vec<String>,
    furniture: Vec<String>,
    /// A "Related"/"You may also like" line was just dropped.
    related_header: bool,
    /// That line only named the news ("Latest news"): a site's own news section may follow.
    news_header: bool,
    /// The top-level parts being emitted (the container and its gathered siblings).
    parts: Vec<NodeId>,
    /// Where lines that end a story ("Leave a Reply", "Source link") were dropped: the
    /// number of blocks before each, the first few.
    end_markers: Vec<usize>,
    /// Inside a list of links that is the whole article, or a recipe's ingredient list
    /// (whose ingredients link to shop or glossary pages): link text is kept.
    keep_links: bool,
    buf: String,
    buf_link: usize,
    buf_len: usize,
}

impl<'d, 'a> Emitter<'d, 'a> {
    fn new(dom: &'d Dom<'a>, st: &'d Stats) -> Self {
        Emitter {
            dom,
            st,
            blocks: Vec::new(),
            captions: Vec::new(),
            furniture: Vec::new(),
            related_header: false,
            news_header: false,
            parts: Vec::new(),
            end_markers: Vec::new(),
            keep_links: false,
            buf: String::new(),
            buf_link: 0,
            buf_len: 0,
        }
    }

    fn emit(&mut self, id: NodeId) {
        let i = id as usize;
        let flags = self.st.flags[i];
        if flags & (F_HARD | F_SOFT) != 0 {
            return;
        }
        match &self.dom.nodes[i].data {
            NodeData::Text(t) => {
                let len = visible_len(t) as usize;
                self.buf_len += len;
                if flags & F_LINK != 0 {
                    self.buf_link += len;
                }
                push_collapsed(&mut self.buf, t);
            }
            NodeData::Root => self.children(id),
            NodeData::Element { tag, .. } => {
                let tag = *tag;
                if flags & F_CAPTION != 0 && !self.parent_is_caption(id) {
                    self.caption(id);
                    return;
                }
                if tag == Tag::Br {
                    // Two <br> in a row separate paragraphs on <br>-formatted pages.
                    if self.buf.ends_with('\u{1}') {
                        self.buf.pop();
                        self.flush(BlockKind::Paragraph);
                    } else {
                        push_space(&mut self.buf);
                        self.buf.push('\u{1}');
                    }
                    return;
                }
                if tag.is_inline() {
                    self.children(id);
                    return;
                }
                self.flush(BlockKind::Paragraph);
                if matches!(tag, Tag::Ul | Tag::Ol) && self.is_link_list(id) {
                    if self.is_whole_part(id) {
                        // The post is the list (a blog's link roll): its links are the text.
                        let outer = std::mem::replace(&mut self.keep_links, true);
                        self.children(id);
                        self.flush(BlockKind::Paragraph);
                        self.keep_links = outer;
                        return;
                    }
                    // A list of links to other stories ("More Great Stories"): drop it, and
                    // the short title line just before it.
                    if self
                        .blocks
                        .last()
                        .is_some_and(|b| b.text.len() < 60 && !ends_sentence(&b.text))
                    {
                        self.blocks.pop();
                    }
                    return;
                }
                let outer = self.keep_links;
                self.keep_links |= self.st.class[i].ingredients;
                self.children(id);
                self.keep_links = outer;
                let kind = match tag {
                    Tag::Li | Tag::Dd | Tag::Dt => BlockKind::ListItem,
                    Tag::Blockquote => BlockKind::Quote,
                    Tag::Pre => BlockKind::Preformatted,
                    t => t
                        .heading_level()
                        .map(BlockKind::Heading)
                        .unwrap_or(BlockKind::Paragraph),
                };
                self.flush(kind);
            }
        }
    }

    /// Whether a list is a box of links to other pages: every item links somewhere, items
    /// are short, and a good share of the text is link text.
    fn is_link_list(&self, id: NodeId) -> bool {
        let (mut items, mut linked) = (0u32, 0u32);
        for li in self.dom.children(id) {
            if self.dom.tag(li) != Some(Tag::Li) || self.st.text[li as usize] == 0 {
                continue;
            }
            items += 1;
            if self.st.link[li as usize] > 0 {
                linked += 1;
            }
        }
        let text = self.st.text[id as usize];
        items >= 2
            && linked == items
            && text / items < 150
            && self.st.link[id as usize] * 10 >= text * 3
    }

    /// Whether a node holds nearly all the text of the chosen part it is in: a post that is a
    /// list of links (a blog's link roll) has nothing else to give.
    fn is_whole_part(&self, id: NodeId) -> bool {
        self.parts
            .iter()
            .find(|&&p| p <= id && id < self.dom.subtree_end(p))
            .is_some_and(|&p| self.st.text[id as usize] * 10 >= self.st.text[p as usize] * 9)
    }

    /// Whether the siblings from `first` on hold clean prose: at least 200 characters of
    /// text, under a tenth of it in links.
    fn prose_follows(&self, first: NodeId) -> bool {
        let (mut text, mut link) = (0u32, 0u32);
        let mut c = first;
        while c != NONE {
            text += self.st.text[c as usize];
            link += self.st.link[c as usize];
            c = self.dom.nodes[c as usize].next_sibling;
        }
        text >= 200 && link * 10 < text
    }

    fn parent_is_caption(&self, id: NodeId) -> bool {
        let p = self.dom.nodes[id as usize].parent;
        p != NONE && self.st.flags[p as usize] & F_CAPTION != 0
    }

    fn children(&mut self, id: NodeId) {
        let mut c = self.dom.nodes[id as usize].first_child;
        while c != NONE {
            self.emit(c);
            if self.related_header {
                // "You may also like": the rest of this box is other stories. The article's
                // own top-level parts are never cut this way, nor is a "Latest news" section
                // whose rest is prose rather than links (the page's own news).
                self.related_header = false;
                let next = self.dom.nodes[c as usize].next_sibling;
                let own_section = self.news_header && self.prose_follows(next);
                if !self.parts.contains(&id) && !own_section {
                    return;
                }
            }
            c = self.dom.nodes[c as usize].next_sibling;
        }
    }

    fn caption(&mut self, id: NodeId) {
        let mut t = String::new();
        let st = self.st;
        self.dom
            .collect_text(id, &mut t, &|c| st.flags[c as usize] & F_HARD != 0);
        let t = t.trim();
        if !t.is_empty() && self.captions.len() < 64 && !self.captions.iter().any(|c| c == t) {
            self.captions.push(t.to_string());
        }
    }

    fn flush(&mut self, kind: BlockKind) {
        let text = self.buf.replace('\u{1}', "");
        let text = text.trim();
        if !text.is_empty() {
            let density = self.buf_link as f32 / self.buf_len.max(1) as f32;
            let keep = match kind {
                _ if self.keep_links => true,
                BlockKind::Heading(_) => density < 0.9,
                BlockKind::ListItem => density < 0.5,
                // A long sentence is prose even when it is one big link.
                _ => {
                    density < 0.6
                        || self.buf_len > 400
                        || (self.buf_len > 100 && ends_sentence(text))
                }
            };
            if keep {
                match crate::boilerplate::classify_line(text) {
                    LineClass::Body => self.blocks.push(Block::new(kind, text)),
                    LineClass::Caption => {
                        if self.captions.len() < 64 {
                            self.captions.push(text.to_string());
                        }
                    }
                    LineClass::Boilerplate(reason) => {
                        if reason.is_end_marker() && self.end_markers.len() < 8 {
                            self.end_markers.push(self.blocks.len());
                        }
                        if reason == crate::boilerplate::Reason::RelatedHeader {
                            self.related_header = true;
                            self.news_header = names_the_news(text);
                        }
                        if self.furniture.len() < 64 {
                            self.furniture.push(text.to_string());
                        }
                    }
                }
            }
        }
        self.buf.clear();
        self.buf_link = 0;
        self.buf_len = 0;
    }
}

/// Whether a related-stories header only names the news ("Latest news", "Aktuelles"), which
/// heads a page's own news as often as other stories; "You may also like" always heads others.
fn names_the_news(header: &str) -> bool {
    let h = header.trim().trim_end_matches(':').to_lowercase();
    matches!(
        h.as_str(),
        "latest news"
            | "news"
            | "aktuelles"
            | "aktuelle nachrichten"
            | "neueste nachrichten"
            | "nachrichten"
            | "actualités"
            | "dernières nouvelles"
            | "últimas noticias"
            | "noticias"
    )
}

/// Puts back the lead paragraph when the page keeps it outside the article container (in a
/// header "intro" or "teaser" box). The page's own description names it: a block before the
/// container whose text begins like the meta description is the lead. A deck under the
/// headline (an `<h2>` subtitle, an "epigraph") counts too: the outlet's own summary often
/// holds what an event record needs ("… two service members killed while the Taliban claim
/// responsibility") and the body may not repeat it.
fn recover_lead(dom: &Dom, st: &Stats, top: NodeId, blocks: &mut Vec<Block>, sig: &PageSignals) {
    let Some(desc) = page_description(sig) else {
        return;
    };
    let prefix = normalized_prefix(desc, 40);
    let body_start: String = blocks
        .iter()
        .take(3)
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    if normalized_prefix(&body_start, 4000).contains(&prefix) {
        return;
    }
    // Inside the container, only a part the removal passes dropped can hold a lead that is
    // not in the text already: the article's own `<header>` with the deck under the headline,
    // not the site's tagline above it.
    let inside = top as usize..dom.subtree_end(top) as usize;
    let headline = (1..inside.end as NodeId).find(|&i| dom.tag(i) == Some(Tag::H1));
    let skip = |i: usize| {
        inside.contains(&i)
            && (st.flags[i] & F_SOFT == 0 || headline.is_none_or(|h| h as usize > i))
    };
    let Some((block, text)) = description_block(dom, st, desc, inside.end, skip) else {
        return;
    };
    let emitted = || {
        blocks
            .iter()
            .any(|b| normalized_prefix(&b.text, 4000).contains(&prefix))
    };
    if !inside.contains(&(block as usize)) || !emitted() {
        blocks.insert(0, Block::new(BlockKind::Paragraph, &text));
    }
}

/// The page's own summary of its story, when it is long enough to recognise in the text.
fn page_description(sig: &PageSignals) -> Option<&str> {
    let desc = sig
        .metas
        .iter()
        .find(|(k, _)| {
            matches!(
                k.as_str(),
                "description" | "og:description" | "twitter:description"
            )
        })
        .map(|(_, v)| v.as_str())?;
    (normalized_prefix(desc, 40).chars().count() >= 30).then_some(desc)
}

/// The first block among nodes `1..end` (less those `skip` names) whose text opens like the
/// description `desc`, with that text.
fn description_block(
    dom: &Dom,
    st: &Stats,
    desc: &str,
    end: usize,
    skip: impl Fn(usize) -> bool,
) -> Option<(NodeId, String)> {
    let prefix = normalized_prefix(desc, 40);
    for i in 1..end {
        if st.flags[i] & (F_HARD | F_CAPTION | F_COMMENTS) != 0 || skip(i) {
            continue;
        }
        let NodeData::Text(t) = &dom.nodes[i].data else {
            continue;
        };
        let t = t.trim_start();
        if t.len() < 10 || !opens_like(&prefix, t, 12) {
            continue;
        }
        // The smallest block around this text that holds the description's beginning.
        let mut block = dom.nodes[i].parent;
        while block != NONE && dom.tag(block).is_some_and(Tag::is_inline) {
            block = dom.nodes[block as usize].parent;
        }
        if block == NONE || block == 0 {
            continue;
        }
        let mut text = String::new();
        dom.collect_text(block, &mut text, &|c| st.flags[c as usize] & F_HARD != 0);
        let text = text.trim();
        if normalized_prefix(text, 40) == prefix && text.len() < desc.len() * 3 + 200 {
            return Some((block, text.to_string()));
        }
    }
    None
}

/// On a page that runs several stories of one template one after another (an endless scroll
/// of `<article class="entry-main-content">`), the page's own story is the one whose lead the
/// description repeats; the best-scoring container may belong to a later, longer one.
fn story_the_description_names(
    dom: &Dom,
    st: &Stats,
    sig: &PageSignals,
    top: NodeId,
) -> Option<NodeId> {
    // The container may be the story's wrapper around its `<article>` (a lone child).
    let current = enclosing_article(dom, top)
        .or_else(|| (top..dom.subtree_end(top)).find(|&i| dom.tag(i) == Some(Tag::Article)))?;
    let desc = page_description(sig)?;
    let (block, _) = description_block(dom, st, desc, top as usize, |_| false)?;
    let named = enclosing_article(dom, block)?;
    let same_template = dom.attr(named, "class") == dom.attr(current, "class");
    if named == current || !same_template || dom.subtree_end(named) > top {
        return None;
    }
    pick_top_within(dom, st, named)
}

/// The nearest `<article>` around `id`, within a few levels.
fn enclosing_article(dom: &Dom, id: NodeId) -> Option<NodeId> {
    let mut n = id;
    for _ in 0..12 {
        if dom.tag(n) == Some(Tag::Article) {
            return Some(n);
        }
        n = dom.nodes[n as usize].parent;
        if n == NONE {
            return None;
        }
    }
    None
}

/// Whether the first `n` characters of `text`, as [`normalized_prefix`] gives them, begin
/// `prefix`; without building the string, since every text node of a page is tried.
fn opens_like(prefix: &str, text: &str, n: usize) -> bool {
    let mut want = prefix.chars();
    let mut taken = 0;
    let mut space = false;
    for c in text.trim().chars() {
        if taken >= n {
            break;
        }
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space {
            space = false;
            if want.next() != Some(' ') {
                return false;
            }
            taken += 1;
            if taken >= n {
                break;
            }
        }
        for l in c.to_lowercase() {
            if taken >= n {
                break;
            }
            if want.next() != Some(l) {
                return false;
            }
            taken += 1;
        }
    }
    true
}

/// The first `n` characters of `s`, lowercased, with whitespace collapsed.
fn normalized_prefix(s: &str, n: usize) -> String {
    let mut out = String::with_capacity(n.min(s.len()) + 4);
    let mut count = 0;
    for w in s.split_whitespace() {
        if count > 0 {
            if count == n {
                break;
            }
            out.push(' ');
            count += 1;
        }
        for c in w.chars().flat_map(char::to_lowercase) {
            if count == n {
                return out;
            }
            out.push(c);
            count += 1;
        }
    }
    out
}

/// Final cleanup over the emitted blocks: the title repeated as a heading, and trailing
/// furniture that survived the structural passes.
fn clean_blocks(blocks: &mut Vec<Block>, signals: &PageSignals) {
    let title_words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| w.to_lowercase())
            .collect()
    };
    let titles: Vec<Vec<String>> = signals
        .h1s
        .iter()
        .chain(signals.title_tag.iter())
        .map(|t| title_words(t))
        .collect();
    blocks.retain(|b| {
        if matches!(b.kind, BlockKind::Heading(_)) || b.text.len() < 200 {
            let w = title_words(&b.text);
            if !w.is_empty() && titles.contains(&w) {
                return false;
            }
        }
        true
    });
    if blocks
        .last()
        .is_some_and(|b| is_trailing_furniture(&b.text))
    {
        blocks.pop();
    }
}

/// What a page leaves after its last paragraph but the structural passes kept: a dangling
/// lead-in, the post's category line ("Kategorie: News, open3"), a section link ("News").
/// Only at the very end: inside a text "Kategorie:" also heads an award list's entries.
fn is_trailing_furniture(text: &str) -> bool {
    let t = text.trim();
    // Every kind below is short; a last paragraph of story is not lowercased for nothing.
    if t.len() > 120 {
        return false;
    }
    let lower = t.to_lowercase();
    // Category names, not an award entry ("Kategorie: Unterhaltung für KI.KA XL").
    let names_only = |rest: &str| {
        rest.split([',', '|', ';'])
            .all(|name| name.split_whitespace().count() <= 3)
    };
    let category_line = ["kategorie:", "kategorien:", "rubrik:", "category:"]
        .iter()
        .any(|p| lower.strip_prefix(p).is_some_and(names_only));
    let section_link = matches!(
        lower.as_str(),
        "news" | "nachrichten" | "aktuelles" | "home" | "startseite"
    );
    is_dangling_lead_in(t) || category_line || section_link
}

/// A label of a few words that announces what follows ("Die Karte zum Abspeichern:",
/// "Related post:") where nothing follows: what it introduced was a map or a list of links,
/// which the text does not carry. A sentence that ends in a colon ("Twitter seemed a bit
/// confused by the campaign:") stays: it says something of its own.
fn is_dangling_lead_in(text: &str) -> bool {
    let t = text.trim();
    t.len() <= 80 && t.ends_with(':') && t.split_whitespace().count() <= 5
}

/// Explains the candidate choice (for development): the top candidates with their scores,
/// text length, link density and flags, and the chosen top node.
#[doc(hidden)]
pub fn explain(dom: &Dom) -> String {
    let n = dom.nodes.len();
    let (st, _) = measure(dom, None);
    let mut c: Vec<usize> = (0..n).filter(|&i| st.score[i] > 0.0).collect();
    c.sort_by(|&a, &b| final_score(dom, &st, b).total_cmp(&final_score(dom, &st, a)));
    let describe = |i: usize| {
        format!(
            "#{i} {:?} class={:?} id={:?} score={:.1} final={:.1} text={} link={} flags={:b}",
            dom.tag(i as NodeId),
            dom.attr(i as NodeId, "class"),
            dom.attr(i as NodeId, "id"),
            st.score[i],
            final_score(dom, &st, i),
            st.text[i],
            st.link[i],
            st.flags[i]
        )
    };
    let mut out = String::new();
    for &i in c.iter().take(8) {
        out.push_str(&describe(i));
        out.push('\n');
    }
    let top = pick_top_candidate(dom, &st).map(|t| widen(dom, &st, t));
    if let Some(t) = top {
        out.push_str(&format!("top: {}\n", describe(t as usize)));
        for p in gather_siblings(dom, &st, t) {
            out.push_str(&format!("  part: {}\n", describe(p as usize)));
        }
    }
    // Soft-removed elements with much text: the usual cause of lost content.
    for i in 0..n {
        let p = dom.nodes[i].parent;
        if st.flags[i] & (F_SOFT | F_HARD) != 0
            && p != NONE
            && st.flags[p as usize] & (F_SOFT | F_HARD) == 0
        {
            let mut t = String::new();
            dom.collect_text(i as NodeId, &mut t, &|_| false);
            if t.len() > 300 {
                out.push_str(&format!("removed {} chars: {}\n", t.len(), describe(i)));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_page_links() {
        for href in [
            "/",
            "./",
            "index.html",
            "http://www.example.test",
            "https://example.test/",
            "https://example.test/default.aspx?ref=logo",
        ] {
            assert!(is_front_page(href), "{href}");
        }
        for href in [
            "",
            "#top",
            "/news/bridge-shut",
            "https://example.test/2024/01/story.html",
        ] {
            assert!(!is_front_page(href), "{href}");
        }
    }

    #[test]
    fn share_titles_from_share_services_only() {
        let html = r#"<html><body><p>Story text.</p>
            <a href="http://del.icio.us/post?url=http://x.test/1&amp;title=Ball+game+at%20summit">d</a>
            <a href="https://www.facebook.com/sharer.php?u=http://x.test/1&t=Ball game at summit">f</a>
            <a href="http://alerts.x.test/form?url=http://x.test/feed&title=Between+the+Lines">a</a>
            <a href="http://digg.com/submit?title=No+address+given">n</a>
            <a href="http://digg.com/submit?url=x&title='+%20cnnShareTitle%20+'">s</a>
            <a href="http://reddit.com/submit?url=x&title={headline}">p</a>
            </body></html>"#;
        let dom = Dom::parse(html);
        assert_eq!(
            extract(&dom, None).signals.share_titles,
            vec!["Ball game at summit", "Ball game at summit"]
        );
    }

    fn body(html: &str) -> String {
        let dom = Dom::parse(html);
        extract(&dom, None)
            .blocks
            .iter()
            .map(|b| b.text.clone())
            .collect::<Vec<_>>()
            .join("\n")
    }

    const STORY: &str = "Gunmen opened fire on a crowded market in the northern town on Friday, \
        killing at least twelve people and wounding dozens more, officials said.";
    const STORY2: &str = "Witnesses described scenes of panic as shoppers fled, and the army \
        later sealed off the area while medics treated the injured at the district hospital.";

    #[test]
    fn picks_the_article_over_navigation_and_related_links() {
        let html = format!(
            r#"<html><head><title>Market attack</title></head><body>
            <nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
            <div class="main"><article><h1>Market attack</h1><p>{STORY}</p><p>{STORY2}</p>
            <div class="related-stories"><h3>Related</h3><ul><li><a href="/x">Another headline about something else entirely</a></li></ul></div>
            </article></div>
            <footer><p>Copyright 2024 The Daily Example. All rights reserved, and more words here.</p></footer>
            </body></html>"#
        );
        let text = body(&html);
        assert!(text.contains("Gunmen opened fire"), "{text}");
        assert!(text.contains("Witnesses described"), "{text}");
        assert!(!text.contains("Home"), "{text}");
        assert!(!text.contains("Another headline"), "{text}");
        assert!(!text.contains("Copyright"), "{text}");
    }

    #[test]
    fn keeps_subheadings_and_list_items_inside_the_article() {
        let html = format!(
            r#"<body><div class="article-body"><p>{STORY}</p><h2>What happened next</h2><p>{STORY2}</p>
            <ul><li>Twelve people were killed in the attack on the market.</li><li>Dozens were taken to hospital.</li></ul></div></body>"#
        );
        let dom = Dom::parse(&html);
        let ex = extract(&dom, None);
        let kinds: Vec<_> = ex.blocks.iter().map(|b| b.kind).collect();
        assert!(kinds.contains(&BlockKind::Heading(2)), "{:?}", ex.blocks);
        assert!(kinds.contains(&BlockKind::ListItem), "{:?}", ex.blocks);
    }

    #[test]
    fn paragraphs_a_script_makes_clickable_are_text() {
        let html = r#"<html><body>
            <a href="javascript:"><p>The first line.</p><p>The second line.</p>The third line.</a>
            </body></html>"#;
        let text = body(html);
        assert!(text.contains("The first line."), "{text}");
        assert!(text.contains("The third line."), "{text}");
    }

    #[test]
    fn a_share_button_with_a_script_link_stays_a_link() {
        let dom = Dom::parse(
            r#"<body><a href="javascript:share()">Share</a><a href="JavaScript:x()"><p>Text</p></a></body>"#,
        );
        let links: Vec<NodeId> = (0..dom.nodes.len() as NodeId)
            .filter(|&i| dom.tag(i) == Some(Tag::A))
            .collect();
        assert_eq!(links.len(), 2);
        assert!(!wraps_paragraphs_in_script(&dom, links[0]));
        assert!(wraps_paragraphs_in_script(&dom, links[1]));
    }

    /// Long enough that a related box of a few headlines is small beside it.
    fn long_part(n: usize) -> String {
        (0..n)
            .map(|i| format!("<p>{STORY} Paragraph {i} adds more of the report.</p>"))
            .collect()
    }

    #[test]
    fn an_article_split_into_repeated_wrappers_is_read_whole() {
        // The template wraps the opening and the rest of the story in two wrappers of one
        // class, the second beside a box of related headlines; the first part is much shorter.
        let related = r#"<div class="supplemental"><ul>
            <li><a href="/a">Another story about a quite different subject here</a></li>
            <li><a href="/b">Yet another story about a quite different subject</a></li>
            <li><a href="/c">A third story about a quite different subject too</a></li></ul></div>"#;
        let html = format!(
            r#"<body><main><div class="story-wrap"><div class="part part-1"><p>The opening paragraph tells the reader what happened at the crowded market early on Friday morning.</p><p>{STORY2}</p></div></div>
            <div class="ad"><a href="/ad">Advertisement</a></div>
            <div class="story-wrap"><div class="part part-2">{}</div>{related}</div></main>
            <footer><a href="/">Home</a></footer></body>"#,
            long_part(12)
        );
        let text = body(&html);
        assert!(text.contains("The opening paragraph"), "{text}");
        assert!(text.contains("Paragraph 11"), "{text}");
        assert!(!text.contains("Another story"), "{text}");
    }

    #[test]
    fn steps_in_repeated_boxes_are_read_whole_past_lists_and_labels() {
        // A how-to page: every step in a box of one class, with a supplies list, step labels
        // and a related box between them; the steps' prose is under half of that text.
        let step = |n: usize| {
            format!(
                r#"<div class="mod step"><div class="stepContent"><div class="content">
                <span class="head">Step {n}</span><p>Step {n} says to measure the glass and cut \
                the foam a little smaller, then soak it in water until it sinks to the bottom of \
                the container you use.</p></div></div></div>"#
            )
        };
        let supplies: String = (1..=14)
            .map(|i| format!("<li>Supply item number {i}</li>"))
            .collect();
        let html = format!(
            r#"<body><div class="col-main">
            <div class="mod step"><div class="stepContent"><div class="content lead"><p>{STORY}</p><p>{STORY2}</p><p>{STORY}</p></div></div></div>
            <div class="related"><h3>Other People Are Reading</h3><ul><li><a href="/a">Plant ideas</a></li></ul></div>
            <div class="mod step"><div class="stepContent"><div class="content"><span class="head">What You'll Need:</span><ul>{supplies}</ul></div></div></div>
            {}{}</div></body>"#,
            step(1),
            step(2)
        );
        let text = body(&html);
        assert!(text.contains("Gunmen opened fire"), "{text}");
        assert!(text.contains("Step 2 says"), "{text}");
    }

    #[test]
    fn a_picture_beside_the_text_does_not_end_the_article() {
        // A content-management layout: the lead and each text-with-picture element in its own
        // wrapper of one class; the picture's caption sits next to the paragraphs.
        let html = format!(
            r#"<body><div class="content"><div class="outer"><p><strong>The lead paragraph tells the reader what this long report is about and why it matters today. Homes burn more fuel than offices, shops and factories together, and most of their boilers are more than fifteen years old. Replacing them is the cheapest cut in emissions on offer.</strong></p></div>
            <div class="outer"><div class="row"><div class="pic"><img src="a.jpg"><div class="caption">How the country heats its homes, by source of energy</div></div>
            <div class="text">{}</div></div></div></div>
            <div class="footer"><a href="/">Home</a></div></body>"#,
            long_part(8)
        );
        let text = body(&html);
        assert!(text.contains("The lead paragraph"), "{text}");
        assert!(text.contains("Paragraph 7"), "{text}");
    }

    #[test]
    fn a_short_article_does_not_climb_past_a_link_box_into_the_sidebar() {
        let widgets: String = (0..7)
            .map(|i| format!("<p>Note {i}: this site has no affiliation with any of the makers named in its posts, and all marks belong to their owners.</p>"))
            .collect();
        let html = format!(
            r#"<body><div class="wrapper"><div class="page"><div class="post"><div class="entry"><p>{STORY}</p><p>{STORY2}</p></div>
            <div class="links"><a href="/x">Click here for the shop and all the cameras now on sale today</a></div></div></div>
            <div class="column">{widgets}</div></div></body>"#
        );
        let dom = Dom::parse(&html);
        let (st, _) = measure(&dom, None);
        let class_of = |c: &str| {
            (0..dom.nodes.len() as NodeId)
                .find(|&i| dom.attr(i, "class") == Some(c))
                .expect("the fixture has it")
        };
        let top = widen(&dom, &st, class_of("entry"));
        assert_ne!(top, class_of("wrapper"));
        assert_eq!(top, class_of("entry"));
    }

    #[test]
    fn a_standfirst_before_the_text_is_part_of_the_article() {
        let html = format!(
            r#"<body><div class="dig-artikel"><h2>Ein Albtraum</h2>
            <div class="dig-vorspann">The reporter misled the magazine for years with invented stories. How could it happen, and how did the newsroom find out?</div>
            <div class="dig-text">{}</div></div></body>"#,
            long_part(6)
        );
        let text = body(&html);
        assert!(text.contains("How could it happen"), "{text}");
        assert!(text.contains("Paragraph 5"), "{text}");
    }

    #[test]
    fn an_author_box_with_a_long_bio_is_not_the_article() {
        let bio: String = (0..8)
            .map(|i| format!("<p>I am a writer and editor, and I have lived in Berlin since 2007, where I founded this magazine, and part {i} of my story goes on.</p>"))
            .collect();
        let html = format!(
            r#"<body><div class="post"><div class="entry">{}</div></div>
            <div class="author-description">{bio}</div></body>"#,
            long_part(3)
        );
        let text = body(&html);
        assert!(text.starts_with(STORY), "{text}");
        assert!(!text.contains("I founded this magazine"), "{text}");
    }

    #[test]
    fn a_section_under_an_author_heading_is_not_the_article() {
        // A one-sentence story beside a bio twice its length, which a heading introduces.
        let bio = "Born in 1983, he has been an editor here since 2015 and works above all as \
                   layouter, graphic designer and proofreader. He studied German, art history \
                   and German as a foreign language at the University of Greifswald.";
        let html = |heading: &str| {
            format!(
                r#"<body><main><section class="content"><p>{STORY}</p></section>
                <div class="container"><h2><span>{heading}</span></h2>
                <div class="columns"><div class="image"><a href="/team/tim">Tim Ehlers</a></div>
                <div class="text"><p>{bio}</p></div></div></div></main></body>"#
            )
        };
        for heading in ["Autor:innen", "About the author", "Authors:"] {
            let text = body(&html(heading));
            assert!(text.starts_with(STORY), "{heading}: {text}");
            assert!(!text.contains("Greifswald"), "{heading}: {text}");
        }
        // Any other heading leaves the box to the scores, which prefer the longer prose.
        assert!(body(&html("Our team")).contains("Greifswald"));
    }

    #[test]
    fn trailing_labels_with_nothing_after_them_go() {
        let page = |last: &str| {
            format!("<body><article><p>{STORY}</p><p>{STORY2}</p><p>{last}</p></article></body>")
        };
        for last in [
            "Die Karte zum Abspeichern:",
            "Kategorie: News, open3",
            "News",
        ] {
            let text = body(&page(last));
            assert!(text.ends_with(STORY2), "{last}: {text}");
        }
        // A sentence ending in a colon says something; an award entry is not a category line.
        for last in [
            "Twitter seemed a bit confused by the campaign and its many critics:",
            "Kategorie: Unterhaltung für KI.KA XL",
        ] {
            assert!(body(&page(last)).ends_with(last), "{last}");
        }
    }

    #[test]
    fn furniture_labels_inside_the_text_stay() {
        let html = format!(
            "<body><article><p>{STORY}</p><p>News</p><p>Kategorie: Film</p><p>{STORY2}</p></article></body>"
        );
        let text = body(&html);
        assert!(text.contains("\nNews\nKategorie: Film\n"), "{text}");
    }

    #[test]
    fn a_post_that_is_a_list_of_links_keeps_them() {
        let item = |title: &str, source: &str| {
            format!(
                r#"<li><p class="link"><a href="https://example.org/{source}">{title}</a></p>
                <p class="description">via {source} <a href="https://{source}">https://{source}</a></p></li>"#
            )
        };
        let roll: String = [
            (
                "Press subsidies: a study doubts the state's support",
                "horizont.net",
            ),
            (
                "Violence online: blame instead of protecting victims",
                "netzpolitik.org",
            ),
            (
                "The EU considers a ban on face recognition",
                "netzpolitik.org",
            ),
        ]
        .iter()
        .map(|(t, s)| item(t, s))
        .collect();
        let html = format!(
            r#"<body><nav><a href="/">Home</a> <a href="/about">About</a></nav>
            <article class="post"><div class="entry-content"><ul class="linkroll">{roll}</ul></div></article></body>"#
        );
        let text = body(&html);
        assert!(
            text.contains("Press subsidies: a study doubts the state's support"),
            "{text}"
        );
        assert!(text.contains("via netzpolitik.org"), "{text}");
        // Beside a story, the same list is a box of other stories.
        let html = format!(
            r#"<body><article class="post"><div class="entry-content"><p>{STORY}</p><p>{STORY2}</p>
            <ul class="linkroll">{roll}</ul></div></article></body>"#
        );
        assert!(!body(&html).contains("Press subsidies"));
    }

    #[test]
    fn a_layout_wrapper_around_the_marked_body_stays() {
        // A guide in bullet points: little of it is prose by length.
        let tips: String = (1..=14)
            .map(|n| format!("<li>Tip {n}: keep the exits of the market clear at all times.</li>"))
            .collect();
        let story = format!("<p>{STORY}</p><ul>{tips}</ul>");
        let html = format!(
            r#"<body><div class="top_section"><h1>Market attack</h1></div>
            <div class="bottom_section"><div id="site_article_body">{story}</div>
            <ul class="tags"><li><a href="/t/1">security</a></li></ul></div>
            <div class="more"><div class="entry-content"><p>{STORY2}</p></div>
            <div class="entry-content"><p>Another story entirely, about the weather on the coast this weekend.</p></div></div>
            <div class="right_aside">{links}</div>
            </body>"#,
            links = (0..60)
                .map(|n| format!("<a href=\"/s/{n}\">Headline number {n} of the day</a> "))
                .collect::<String>()
        );
        let text = body(&html);
        assert!(text.starts_with(STORY), "{text}");
        assert!(text.contains("Tip 14: keep the exits"), "{text}");
        // Teasers that reuse the body's class are no article body, however many.
        assert!(!text.contains("weather on the coast"), "{text}");
    }

    fn page_with_deck(deck_tag: &str, description: &str) -> String {
        format!(
            r#"<html><head><meta name="description" content="{description}"></head><body>
            <header class="article-head"><h1>Market attack</h1>
            <{deck_tag} class="subtitle">Twelve people were killed when gunmen fired on a market, and the army sealed off the town.</{deck_tag}></header>
            <div class="story-body"><p>{STORY}</p><p>{STORY2}</p><p>{STORY}</p></div>
            </body></html>"#
        )
    }

    #[test]
    fn a_deck_the_description_repeats_opens_the_text() {
        let deck = "Twelve people were killed when gunmen fired on a market, and the army sealed off the town.";
        for tag in ["h2", "p"] {
            let text = body(&page_with_deck(tag, deck));
            assert!(text.starts_with(deck), "{tag}: {text}");
        }
        // Without the description to name it, a subtitle stays headline apparatus.
        let text = body(&page_with_deck(
            "h2",
            "A page about something else entirely, at length.",
        ));
        assert!(!text.contains("Twelve people"), "{text}");
    }

    #[test]
    fn a_deck_in_the_articles_own_header_opens_the_text_but_a_tagline_does_not() {
        let deck = "Twelve people were killed when gunmen fired on a market, and the army sealed off the town.";
        let page = |description: &str| {
            format!(
                r#"<html><head><meta name="description" content="{description}"></head><body>
                <div id="page"><header><p>Independent news from the northern provinces since 1990</p></header>
                <article><header><h1>Market attack</h1><p>{deck}</p></header>
                <p>{STORY}</p><p>{STORY2}</p><p>{STORY}</p></article></div>
                </body></html>"#
            )
        };
        let text = body(&page(deck));
        assert!(text.starts_with(deck), "{text}");
        assert_eq!(text.matches("Twelve people").count(), 1, "{text}");
        let tagline = "Independent news from the northern provinces since 1990";
        let text = body(&page(tagline));
        assert!(!text.contains(tagline), "{text}");
    }

    #[test]
    fn on_a_feed_of_stories_the_one_the_description_names_is_the_article() {
        let first = "Drivers of every kind of vehicle are invited to the yearly blessing the friars hold tomorrow on the avenue.";
        let later = "The attorney general praised the work of the prosecutors and said that political groups resent them, \
            because the prosecutors pursue criminals, many of whom belong to the political class itself.";
        let page = |description: &str| {
            format!(
                r#"<html><head><meta name="description" content="{description}"></head><body>
                <div class="scroll"><article class="entry"><header><h1>Blessing of vehicles</h1><h2>{first}</h2></header>
                <div class="entry-text"><p>{STORY}</p><p>{STORY2}</p></div></article></div>
                <div class="scroll"><article class="entry"><header><h1>Prosecutors praised</h1></header>
                <div class="entry-text"><p>{later}</p><p>{later}</p><p>{later}</p><p>{later}</p><p>{later}</p></div></article></div>
                </body></html>"#
            )
        };
        let text = body(&page(first));
        assert!(text.starts_with(first), "{text}");
        assert!(
            text.contains(STORY2) && !text.contains("attorney general"),
            "{text}"
        );
        // A description that names no story on the page leaves the best-scoring one.
        let text = body(&page(
            "A site about the news of the city and the province, every day.",
        ));
        assert!(
            text.contains("attorney general") && !text.contains(STORY2),
            "{text}"
        );
    }

    #[test]
    fn an_accordion_section_of_the_story_does_not_end_it() {
        let answer =
            "The mayor said the town had asked for more police for months, and that the market \
            had no guards on the day of the attack, although traders had warned of threats.";
        let panel = format!("<p>{answer}</p>").repeat(6);
        let html = format!(
            r##"<html><body><div class="news-detail"><h1>Market attack</h1>
            <div class="media"><p>{STORY}</p><p>{STORY2}</p></div>
            <div class="media"><h3>Calls for more police</h3><p>{STORY2}</p><p>{STORY}</p></div>
            <div><div class="panel-group"><div class="panel">
            <a class="collapsed" role="button" data-toggle="collapse" href="#c1">Interview with the mayor about the attack and the town's police</a>
            <div class="panel-collapse" id="c1"><div class="panel-body">{panel}</div></div>
            </div></div></div></div>
            <div class="sidebar-text"><p>{STORY2}</p></div></body></html>"##
        );
        let text = body(&html);
        assert!(text.contains(answer), "{text}");
        assert!(text.contains("Calls for more police"), "{text}");
        assert!(text.starts_with(STORY), "{text}");
    }

    #[test]
    fn hidden_slides_of_a_gallery_article_are_kept() {
        let slide = |n: usize, hidden: &str| {
            let style = if hidden.is_empty() {
                "display: block"
            } else {
                "display: none"
            };
            format!(
                r#"<div class="listicle-section {hidden}" style="{style}"><h2>Item {n}</h2><p>Item {n}: {STORY}</p><p>{STORY2}</p></div>"#
            )
        };
        let html = format!(
            r#"<html><body><div class="listicle">{}{}{}</div>
            <div class="pager"><span class="num">1</span><span class="num hidden" style="display:none">2</span></div>
            <p style="display:none">A hidden note that no slide shows, however long it is, stays out of the text.</p>
            </body></html>"#,
            slide(1, ""),
            slide(2, "hidden"),
            slide(3, "hidden")
        );
        let text = body(&html);
        for n in 1..=3 {
            assert!(text.contains(&format!("Item {n}: Gunmen")), "{n}: {text}");
        }
        assert!(!text.contains("hidden note"), "{text}");
    }

    #[test]
    fn a_recipes_ingredient_list_joins_its_method() {
        let step =
            "Knead the flour, sugar and butter into a dough, press it into the greased tin and \
            raise a rim around the edge before the filling goes in.";
        let html = format!(
            r#"<html><body><main>
            <article class="box recipe-ingredients"><h2>Ingredients</h2>
            <table class="ingredients table-header"><thead><tr><th>For the base:</th></tr></thead>
            <tbody><tr><td>125 g</td><td>plain flour</td></tr><tr><td>65 g</td><td>margarine or butter</td></tr>
            <tr><td>1 Pck.</td><td><a href="/shop/vanilla-sugar">Vanilla sugar</a></td></tr></tbody></table></article>
            <article class="box"><h2>Method</h2><div class="box">{}</div></article>
            <aside class="box"><h2>More recipes</h2><ul><li><a href="/r/1">Cheesecake</a></li></ul></aside>
            </main></body></html>"#,
            format!("<p>{step}</p>").repeat(4)
        );
        let text = body(&html);
        assert!(text.contains("margarine or butter"), "{text}");
        // An ingredient that links to the shop is still an ingredient.
        assert!(text.contains("Vanilla sugar"), "{text}");
        assert!(
            text.find("For the base:") < text.find("Knead the flour"),
            "{text}"
        );
        assert!(!text.contains("Cheesecake"), "{text}");
    }

    #[test]
    fn normalized_prefix_collapses_lowercases_and_cuts() {
        assert_eq!(
            normalized_prefix("  The  Market\n ATTACK ", 40),
            "the market attack"
        );
        assert_eq!(normalized_prefix("The Market attack", 6), "the ma");
        assert_eq!(normalized_prefix("The Market", 4), "the ");
        assert_eq!(normalized_prefix("İstanbul", 2), "i\u{307}");
        assert_eq!(normalized_prefix("", 5), "");
    }

    proptest::proptest! {
        #[test]
        fn opens_like_agrees_with_normalized_prefix(
            prefix in "[ aAbBéÉİ\\t]{0,16}",
            text in "[ aAbBéÉİ\\t\\n]{0,24}",
        ) {
            proptest::prop_assert_eq!(
                opens_like(&prefix, &text, 12),
                prefix.starts_with(&normalized_prefix(&text, 12))
            );
        }
    }

    #[test]
    fn what_a_page_keeps_for_print_is_the_article() {
        let note = "You need room in the fridge, because the cake must be chilled for a while.";
        let page = |class: &str| {
            format!(
                r#"<html><body><article><div class="{class}"><h4>Good to know</h4><ul><li>{note}</li></ul></div>
                <p>{STORY}</p><p>{STORY2}</p><p>{STORY}</p>
                <div class="print-button"><a href="/print">Print this recipe</a></div></article></body></html>"#
            )
        };
        let text = body(&page("col-md-6 print-full"));
        assert!(text.contains(note), "{text}");
        assert!(!text.contains("Print this"), "{text}");
        let text = body(&page("col-md-6 print-link"));
        assert!(!text.contains(note), "{text}");
    }

    #[test]
    fn a_lead_in_the_article_header_opens_the_text() {
        let html = format!(
            r#"<body><div class="news news-single"><div class="article">
            <div><h1>Tower rises at the zoo</h1>
            <div class="teaser-text"><p>Thousands of passengers pass the station every day: soon they will see a new landmark rise beside the tracks.</p></div></div>
            <div class="row"><div class="col"><div class="news-text-wrap">{}</div></div></div>
            </div></div></body>"#,
            long_part(6)
        );
        let text = body(&html);
        assert!(
            text.starts_with("Thousands of passengers pass the station"),
            "{text}"
        );
        assert!(text.contains("Paragraph 5"), "{text}");
    }

    #[test]
    fn a_header_box_with_a_headline_or_links_is_no_lead() {
        let html = format!(
            r#"<body><div class="article">
            <div class="article-teaser"><span class="badge">Free until 19:34</span><h2>Another story entirely</h2><p>Its summary is one sentence long and ends here.</p></div>
            <div class="intro">Read the <a href="/other">other report</a> on the vote that the council held last week in the city.</div>
            <div class="wrap"><div class="body-text">{}</div></div></div></body>"#,
            long_part(6)
        );
        let text = body(&html);
        assert!(text.starts_with(STORY), "{text}");
        assert!(!text.contains("Free until"), "{text}");
        assert!(!text.contains("other report"), "{text}");
    }

    #[test]
    fn a_label_or_a_share_bar_before_the_text_is_no_standfirst() {
        for before in [
            r#"<div class="meta">Updated 22.12.2018 at 14:05 by the desk editors of the weekly print edition</div>"#,
            r#"<div class="tools">Share this story with friends on <a href="/s">the networks</a> you use every day.</div>"#,
        ] {
            let html = format!(
                r#"<body><div class="art"><h2>Headline</h2>{before}<div class="text">{}</div></div></body>"#,
                long_part(6)
            );
            let text = body(&html);
            assert!(
                !text.contains("Updated 22.12") && !text.contains("Share this story"),
                "{text}"
            );
        }
    }

    #[test]
    fn a_latest_news_section_of_prose_is_kept_and_related_posts_are_not() {
        let page = |header: &str| {
            format!(
                r#"<table><tr><td><h1>Land Tax</h1></td></tr><tr><td><h2>{header}</h2>
                <p>{STORY}</p><p>{STORY2}</p><p>The office will publish the new rates in a circular before the end of the month.</p>
                </td></tr></table>"#
            )
        };
        let text = body(&page("Latest News"));
        assert!(text.contains("Gunmen opened fire"), "{text}");
        assert!(text.contains("new rates in a circular"), "{text}");
        let text = body(&page("Related Posts"));
        assert!(!text.contains("Gunmen opened fire"), "{text}");
    }

    #[test]
    fn text_loose_in_the_body_is_read_when_the_best_box_holds_only_headings() {
        let html = "<title>TRYING TO EAT</title>\n<center><H1><B>Trying to Eat While a Dog Watches You</b></h1>\n\
            <h3>by A. Writer, Lewiston, Idaho Tribune, December 9, 1992</h3></center>\n<pre>\n\n\
            \tIf you own a dog, you know what it's like to be watched.\n\n\
            \t\"Groak\" is an old word meaning to stare at someone while they eat, hoping they will share their food with you.\n\
            \tDogs are the world's foremost groakers, and they have refined the art over many centuries of practice.\n\n\
            \tThe trick is to look pitiful without looking pushy, a balance few humans ever manage at the table.\n</pre>";
        let text = body(html);
        assert!(text.contains("foremost groakers"), "{text}");
        assert!(text.contains("look pitiful"), "{text}");
    }

    #[test]
    fn captions_are_kept_apart() {
        let html = format!(
            r#"<body><article><p>{STORY}</p><figure><img src="a.jpg"><figcaption>Police at the scene on Friday. (AP Photo)</figcaption></figure><p>{STORY2}</p></article></body>"#
        );
        let dom = Dom::parse(&html);
        let ex = extract(&dom, None);
        assert!(ex
            .captions
            .iter()
            .any(|c| c.contains("Police at the scene")));
        assert!(!ex
            .blocks
            .iter()
            .any(|b| b.text.contains("Police at the scene")));
    }

    #[test]
    fn br_separated_text_becomes_paragraphs() {
        let html = format!("<body><div class=\"story\">{STORY}<br><br>{STORY2}</div></body>");
        let dom = Dom::parse(&html);
        let ex = extract(&dom, None);
        assert_eq!(ex.blocks.len(), 2, "{:?}", ex.blocks);
    }

    #[test]
    fn blank_lines_are_counted_in_the_elements_own_text_only() {
        let dom = Dom::parse(
            "<td>One.<br> <br>Two.<br>still two<br><b>x</b><br><em>Three.<br><br>Four.</em>\
             <div>a<br><br>b</div></td>",
        );
        let td = (0..dom.nodes.len() as NodeId)
            .find(|&i| dom.tag(i) == Some(Tag::Td))
            .expect("td");
        assert_eq!(paragraph_shape(&dom, td).1, 2);
    }

    #[test]
    fn a_cell_of_br_separated_paragraphs_outscores_reader_comments() {
        let para = |n: usize| {
            format!(
                "Paragraph {n} of the report says the manager spoke to the club about a transfer \
                 and the fee that is still to be agreed before the window closes next month."
            )
        };
        let story: Vec<String> = (1..=8).map(para).collect();
        let comment = "If I had to bet I would say he is going to Sunderland, there is a rumour \
                       going around that we want a replacement for him, not a bad idea.";
        let html = format!(
            "<body><table><tr><td>{}</td></tr></table>\
             <div><table>{}</table></div></body>",
            story.join("<br><br>"),
            format!("<tr><td>{comment}</td></tr>").repeat(6)
        );
        let text = body(&html);
        assert!(text.starts_with("Paragraph 1 of the report"), "{text}");
        assert!(!text.contains("Sunderland"), "{text}");
    }

    #[test]
    fn a_comment_thread_is_dropped_even_when_its_class_also_says_body() {
        let comment = "I am not from here, though I presently live in the country, and I can \
                       clearly see some faults many of its natives are oblivious to, sadly.";
        let html = format!(
            r#"<body><div class="blog"><div class="blogbody"><p>{STORY}</p><p>{STORY2}</p></div>
            {}</div></body>"#,
            format!(r#"<div class="comments-body"><p>{comment}</p></div>"#).repeat(8)
        );
        let text = body(&html);
        assert!(text.contains(STORY) && text.contains(STORY2), "{text}");
        assert!(!text.contains("oblivious"), "{text}");
    }

    #[test]
    fn nothing_after_a_comment_form_header_is_the_story() {
        let html = format!(
            r#"<body><div class="post"><p>Comments</p><p>{STORY}</p><p>{STORY2}</p>
            <h3>Leave a Reply</h3>
            <p>Great write-up, I was at the market that morning and saw the smoke myself.</p>
            </div></body>"#
        );
        let text = body(&html);
        assert!(text.contains(STORY) && text.contains(STORY2), "{text}");
        assert!(!text.contains("Great write-up"), "{text}");
    }

    #[test]
    fn an_end_marker_before_most_of_the_text_cuts_nothing() {
        let mut blocks: Vec<Block> = [STORY, "Source link", STORY2, STORY]
            .iter()
            .map(|t| Block::new(BlockKind::Paragraph, *t))
            .collect();
        blocks.remove(1);
        cut_after_end_marker(&mut blocks, &[1]);
        assert_eq!(blocks.len(), 3);
        cut_after_end_marker(&mut blocks, &[0, 1, 2]);
        assert_eq!(blocks.len(), 2);
    }

    #[test]
    fn hidden_and_comment_sections_are_dropped() {
        let html = format!(
            r#"<body><div id="content"><p>{STORY}</p><p style="display: none">Secret tracking text that is hidden from readers.</p><p>{STORY2}</p></div>
            <div id="comments"><p>Great article, thanks for sharing this with all of us here today!</p></div></body>"#
        );
        let text = body(&html);
        assert!(!text.contains("Secret tracking"));
        assert!(!text.contains("Great article"));
        assert!(text.contains("Witnesses"));
    }

    #[test]
    fn a_related_box_that_outscores_the_article_is_dropped() {
        let teaser = "Another long story about something else, with commas, clauses, and enough words to score well here.";
        let html = format!(
            r#"<body><main><article class="post"><p>{STORY}</p><p>{STORY2}</p></article>
            <article class="post"><h3>You may also like</h3><p>{teaser}</p><p>{teaser}</p><p>{teaser}</p><p>{teaser}</p></article></main></body>"#
        );
        let text = body(&html);
        assert!(text.contains("Gunmen opened fire"), "{text}");
        assert!(!text.contains("Another long story"), "{text}");
    }

    #[test]
    fn empty_and_textless_pages_yield_no_blocks() {
        assert!(body("").is_empty());
        assert!(body("<html><body><img src=x></body></html>").is_empty());
    }
}
