//! A fast, forgiving HTML parser that builds a compact arena tree for extraction.
//!
//! Extraction needs the document's block structure, its attributes and its text — not a
//! spec-exact DOM. Building a WHATWG tree with html5ever costs about 1.3 ms for a typical news
//! page, which alone would use up the per-page budget. This parser tokenizes with `memchr`,
//! applies the handful of implied-end-tag rules that shape real pages (`<p>` closed by a
//! block, `<li>` by the next `<li>`, table cells by their row), and caps the tree's depth so
//! that no later walk can be driven into deep recursion by hostile input. It never fails:
//! every byte sequence yields some tree.

use std::borrow::Cow;

/// Index of a node in [`Dom::nodes`].
pub type NodeId = u32;

/// Deepest nesting the tree keeps; deeper elements are attached at this depth.
pub const MAX_DEPTH: usize = 256;

/// Sentinel for "no node".
pub const NONE: NodeId = u32::MAX;

/// Element names the extractor cares about; everything else is [`Tag::Other`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum Tag {
    Root,
    Html,
    Head,
    Body,
    Title,
    Meta,
    Link,
    Script,
    Style,
    Noscript,
    Template,
    Svg,
    Math,
    Canvas,
    Iframe,
    Object,
    Embed,
    Form,
    Input,
    Button,
    Select,
    Option,
    Textarea,
    Label,
    Nav,
    Header,
    Footer,
    Aside,
    Main,
    Article,
    Section,
    Div,
    Span,
    P,
    Br,
    Hr,
    H1,
    H2,
    H3,
    H4,
    H5,
    H6,
    Ul,
    Ol,
    Li,
    Dl,
    Dt,
    Dd,
    Blockquote,
    Pre,
    Code,
    Table,
    Thead,
    Tbody,
    Tfoot,
    Tr,
    Td,
    Th,
    Caption,
    Figure,
    Figcaption,
    Picture,
    Img,
    Video,
    Audio,
    Source,
    A,
    B,
    Strong,
    I,
    Em,
    U,
    Small,
    Sup,
    Sub,
    Time,
    Address,
    Font,
    Center,
    Abbr,
    Cite,
    Q,
    Mark,
    Dialog,
    Menu,
    Other,
}

impl Tag {
    /// Maps a lowercase ASCII tag name to its tag.
    pub fn from_name(name: &[u8]) -> Tag {
        match name {
            b"html" => Tag::Html,
            b"head" => Tag::Head,
            b"body" => Tag::Body,
            b"title" => Tag::Title,
            b"meta" => Tag::Meta,
            b"link" => Tag::Link,
            b"script" => Tag::Script,
            b"style" => Tag::Style,
            b"noscript" => Tag::Noscript,
            b"template" => Tag::Template,
            b"svg" => Tag::Svg,
            b"math" => Tag::Math,
            b"canvas" => Tag::Canvas,
            b"iframe" => Tag::Iframe,
            b"object" => Tag::Object,
            b"embed" => Tag::Embed,
            b"form" => Tag::Form,
            b"input" => Tag::Input,
            b"button" => Tag::Button,
            b"select" => Tag::Select,
            b"option" => Tag::Option,
            b"textarea" => Tag::Textarea,
            b"label" => Tag::Label,
            b"nav" => Tag::Nav,
            b"header" => Tag::Header,
            b"footer" => Tag::Footer,
            b"aside" => Tag::Aside,
            b"main" => Tag::Main,
            b"article" => Tag::Article,
            b"section" => Tag::Section,
            b"div" => Tag::Div,
            b"span" => Tag::Span,
            b"p" => Tag::P,
            b"br" => Tag::Br,
            b"hr" => Tag::Hr,
            b"h1" => Tag::H1,
            b"h2" => Tag::H2,
            b"h3" => Tag::H3,
            b"h4" => Tag::H4,
            b"h5" => Tag::H5,
            b"h6" => Tag::H6,
            b"ul" => Tag::Ul,
            b"ol" => Tag::Ol,
            b"li" => Tag::Li,
            b"dl" => Tag::Dl,
            b"dt" => Tag::Dt,
            b"dd" => Tag::Dd,
            b"blockquote" => Tag::Blockquote,
            b"pre" => Tag::Pre,
            b"code" => Tag::Code,
            b"table" => Tag::Table,
            b"thead" => Tag::Thead,
            b"tbody" => Tag::Tbody,
            b"tfoot" => Tag::Tfoot,
            b"tr" => Tag::Tr,
            b"td" => Tag::Td,
            b"th" => Tag::Th,
            b"caption" => Tag::Caption,
            b"figure" => Tag::Figure,
            b"figcaption" => Tag::Figcaption,
            b"picture" => Tag::Picture,
            b"img" => Tag::Img,
            b"video" => Tag::Video,
            b"audio" => Tag::Audio,
            b"source" => Tag::Source,
            b"a" => Tag::A,
            b"b" => Tag::B,
            b"strong" => Tag::Strong,
            b"i" => Tag::I,
            b"em" => Tag::Em,
            b"u" => Tag::U,
            b"small" => Tag::Small,
            b"sup" => Tag::Sup,
            b"sub" => Tag::Sub,
            b"time" => Tag::Time,
            b"address" => Tag::Address,
            b"font" => Tag::Font,
            b"center" => Tag::Center,
            b"abbr" => Tag::Abbr,
            b"cite" => Tag::Cite,
            b"q" => Tag::Q,
            b"mark" => Tag::Mark,
            b"dialog" => Tag::Dialog,
            b"menu" => Tag::Menu,
            _ => Tag::Other,
        }
    }

    /// Elements that never have content.
    pub fn is_void(self) -> bool {
        matches!(
            self,
            Tag::Meta
                | Tag::Link
                | Tag::Br
                | Tag::Hr
                | Tag::Img
                | Tag::Input
                | Tag::Source
                | Tag::Embed
        )
    }

    /// Elements whose content is raw text up to their end tag.
    fn is_raw_text(self) -> bool {
        matches!(
            self,
            Tag::Script | Tag::Style | Tag::Textarea | Tag::Title | Tag::Noscript | Tag::Iframe
        )
    }

    /// Block-level elements whose start closes an open `<p>`.
    pub fn closes_p(self) -> bool {
        matches!(
            self,
            Tag::Address
                | Tag::Article
                | Tag::Aside
                | Tag::Blockquote
                | Tag::Div
                | Tag::Dl
                | Tag::Figure
                | Tag::Footer
                | Tag::Form
                | Tag::H1
                | Tag::H2
                | Tag::H3
                | Tag::H4
                | Tag::H5
                | Tag::H6
                | Tag::Header
                | Tag::Hr
                | Tag::Main
                | Tag::Nav
                | Tag::Ol
                | Tag::P
                | Tag::Pre
                | Tag::Section
                | Tag::Table
                | Tag::Ul
                | Tag::Menu
                | Tag::Center
                | Tag::Dialog
                | Tag::Figcaption
                | Tag::Li
                | Tag::Dd
                | Tag::Dt
        )
    }

    /// Headings h1–h6, with their level.
    pub fn heading_level(self) -> Option<u8> {
        match self {
            Tag::H1 => Some(1),
            Tag::H2 => Some(2),
            Tag::H3 => Some(3),
            Tag::H4 => Some(4),
            Tag::H5 => Some(5),
            Tag::H6 => Some(6),
            _ => None,
        }
    }

    /// Inline (phrasing) elements: they do not break a block of text.
    pub fn is_inline(self) -> bool {
        matches!(
            self,
            Tag::A
                | Tag::B
                | Tag::Strong
                | Tag::I
                | Tag::Em
                | Tag::U
                | Tag::Small
                | Tag::Sup
                | Tag::Sub
                | Tag::Span
                | Tag::Time
                | Tag::Font
                | Tag::Abbr
                | Tag::Cite
                | Tag::Q
                | Tag::Mark
                | Tag::Code
                | Tag::Label
                | Tag::Img
                | Tag::Br
        )
    }
}

/// One attribute, borrowed from the source; values are entity-decoded on demand.
#[derive(Debug, Clone)]
pub struct Attr<'a> {
    /// Lowercased name.
    pub name: Cow<'a, str>,
    /// Raw value (entities not decoded).
    pub raw_value: &'a str,
}

impl Attr<'_> {
    /// The value with character references decoded.
    pub fn value(&self) -> Cow<'_, str> {
        decode_entities(self.raw_value)
    }
}

/// What a node is.
#[derive(Debug, Clone)]
pub enum NodeData<'a> {
    /// The document root.
    Root,
    /// An element: its tag, its name when unknown, and a range into [`Dom::attrs`].
    Element {
        /// The element's tag.
        tag: Tag,
        /// First attribute index.
        attrs_start: u32,
        /// One past the last attribute index.
        attrs_end: u32,
    },
    /// A run of text, entity-decoded.
    Text(Cow<'a, str>),
}

/// A node of the tree, linked to its relatives by index.
#[derive(Debug, Clone)]
pub struct Node<'a> {
    /// What it is.
    pub data: NodeData<'a>,
    /// Parent, or [`NONE`] for the root.
    pub parent: NodeId,
    /// First child.
    pub first_child: NodeId,
    /// Last child.
    pub last_child: NodeId,
    /// Next sibling.
    pub next_sibling: NodeId,
}

/// A parsed page. Nodes are stored in document (pre-)order, so a parent's index is always
/// smaller than its children's: walking the vector backwards visits children before parents.
#[derive(Debug)]
pub struct Dom<'a> {
    /// All nodes; index 0 is the root.
    pub nodes: Vec<Node<'a>>,
    /// All attributes, referenced by range from elements.
    pub attrs: Vec<Attr<'a>>,
}

impl<'a> Dom<'a> {
    /// Parses `html` into a tree. Never fails.
    pub fn parse(html: &'a str) -> Dom<'a> {
        Builder::new(html).run()
    }

    /// The element's tag, or `None` for text and the root.
    pub fn tag(&self, id: NodeId) -> Option<Tag> {
        match self.nodes.get(id as usize).map(|n| &n.data) {
            Some(NodeData::Element { tag, .. }) => Some(*tag),
            _ => None,
        }
    }

    /// The attributes of an element (empty for other nodes).
    pub fn attrs(&self, id: NodeId) -> &[Attr<'a>] {
        match self.nodes.get(id as usize).map(|n| &n.data) {
            Some(NodeData::Element {
                attrs_start,
                attrs_end,
                ..
            }) => &self.attrs[*attrs_start as usize..*attrs_end as usize],
            _ => &[],
        }
    }

    /// The raw value of the named attribute.
    pub fn attr(&self, id: NodeId, name: &str) -> Option<&'a str> {
        self.attrs(id)
            .iter()
            .find(|a| a.name == name)
            .map(|a| a.raw_value)
    }

    /// Iterates over the children of a node.
    pub fn children(&self, id: NodeId) -> Children<'_, 'a> {
        let next = self
            .nodes
            .get(id as usize)
            .map(|n| n.first_child)
            .unwrap_or(NONE);
        Children { dom: self, next }
    }

    /// Appends the text of a subtree to `out`, with whitespace collapsed and a space at
    /// block boundaries, skipping nodes for which `skip` returns true.
    pub fn collect_text(&self, id: NodeId, out: &mut String, skip: &dyn Fn(NodeId) -> bool) {
        let end = self.subtree_end(id);
        let mut i = id;
        while i < end {
            if i != id && skip(i) {
                i = self.subtree_end(i);
                continue;
            }
            match &self.nodes[i as usize].data {
                NodeData::Text(t) => push_collapsed(out, t),
                NodeData::Element { tag, .. } => {
                    if !tag.is_inline() || *tag == Tag::Br {
                        push_space(out);
                    }
                    if matches!(tag, Tag::Script | Tag::Style | Tag::Template) {
                        i = self.subtree_end(i);
                        continue;
                    }
                }
                NodeData::Root => {}
            }
            i += 1;
        }
    }

    /// One past the last node of the subtree rooted at `id`: nodes are laid out in pre-order,
    /// so the subtree ends where the next sibling of `id` or of its nearest ancestor begins.
    pub fn subtree_end(&self, id: NodeId) -> NodeId {
        let mut n = id;
        loop {
            let node = &self.nodes[n as usize];
            if node.next_sibling != NONE {
                return node.next_sibling;
            }
            if node.parent == NONE {
                return self.nodes.len() as NodeId;
            }
            n = node.parent;
        }
    }
}

/// Iterator over a node's children.
pub struct Children<'d, 'a> {
    dom: &'d Dom<'a>,
    next: NodeId,
}

impl Iterator for Children<'_, '_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        if self.next == NONE {
            return None;
        }
        let id = self.next;
        self.next = self.dom.nodes[id as usize].next_sibling;
        Some(id)
    }
}

/// Appends `text` to `out` with runs of whitespace collapsed to one space.
pub fn push_collapsed(out: &mut String, text: &str) {
    // One scan of the text (a char search runs on memchr) decides whether words need
    // filtering, not one search per word.
    let soft = text.contains('\u{ad}');
    for (i, word) in text.split(is_html_space).enumerate() {
        if word.is_empty() {
            if i == 0 {
                push_space(out);
            }
            continue;
        }
        if i > 0 {
            push_space(out);
        }
        if soft {
            push_without_soft_hyphens(out, word);
        } else {
            out.push_str(word);
        }
    }
    if text.ends_with(is_html_space) {
        push_space(out);
    }
}

/// Soft hyphens (`&shy;`) only mark where a browser may break a word: a reader never sees
/// them unless the word breaks, and a search for "Magdalener" must find "Mag&shy;da&shy;le&shy;ner".
fn push_without_soft_hyphens(out: &mut String, word: &str) {
    out.extend(word.chars().filter(|&c| c != '\u{ad}'));
}

fn is_html_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{200b}'
}

/// Appends one space unless `out` is empty or already ends with one.
pub fn push_space(out: &mut String) {
    if !out.is_empty() && !out.ends_with(' ') {
        out.push(' ');
    }
}

struct Builder<'a> {
    src: &'a str,
    pos: usize,
    dom: Dom<'a>,
    /// Open elements; `stack[0]` is the root.
    stack: Vec<(NodeId, Tag)>,
    /// For each open element, a hash of its name when its tag is [`Tag::Other`] (so custom
    /// elements close on their own end tag), else 0.
    other_names: Vec<u64>,
    /// Elements opened beyond [`MAX_DEPTH`], tracked so their end tags balance.
    overflow: usize,
}

impl<'a> Builder<'a> {
    fn new(src: &'a str) -> Self {
        let mut nodes = Vec::with_capacity(src.len() / 40 + 8);
        nodes.push(Node {
            data: NodeData::Root,
            parent: NONE,
            first_child: NONE,
            last_child: NONE,
            next_sibling: NONE,
        });
        Builder {
            src,
            pos: 0,
            dom: Dom {
                nodes,
                attrs: Vec::with_capacity(src.len() / 60 + 8),
            },
            stack: vec![(0, Tag::Root)],
            other_names: vec![0],
            overflow: 0,
        }
    }

    fn run(mut self) -> Dom<'a> {
        let bytes = self.src.as_bytes();
        while self.pos < bytes.len() {
            let Some(lt) = memchr::memchr(b'<', &bytes[self.pos..]) else {
                self.text(self.pos, bytes.len());
                break;
            };
            let lt = self.pos + lt;
            if lt > self.pos {
                self.text(self.pos, lt);
            }
            self.pos = lt;
            self.markup();
        }
        self.dom
    }

    fn current(&self) -> NodeId {
        self.stack.last().map(|s| s.0).unwrap_or(0)
    }

    fn append(&mut self, data: NodeData<'a>) -> NodeId {
        let parent = self.current();
        let id = self.dom.nodes.len() as NodeId;
        self.dom.nodes.push(Node {
            data,
            parent,
            first_child: NONE,
            last_child: NONE,
            next_sibling: NONE,
        });
        let p = &mut self.dom.nodes[parent as usize];
        let prev = p.last_child;
        p.last_child = id;
        if prev == NONE {
            p.first_child = id;
        } else {
            self.dom.nodes[prev as usize].next_sibling = id;
        }
        id
    }

    fn text(&mut self, start: usize, end: usize) {
        let raw = &self.src[start..end];
        // Merge with a preceding text sibling so runs split by comments stay whole.
        let parent = self.current();
        let last = self.dom.nodes[parent as usize].last_child;
        if last != NONE {
            if let NodeData::Text(prev) = &mut self.dom.nodes[last as usize].data {
                prev.to_mut().push_str(&decode_entities(raw));
                return;
            }
        }
        self.append(NodeData::Text(decode_entities(raw)));
    }

    /// Handles the markup starting at `self.pos` (which holds `<`).
    fn markup(&mut self) {
        let bytes = self.src.as_bytes();
        let rest = &bytes[self.pos..];
        match rest.get(1) {
            Some(b'!') => {
                if rest.starts_with(b"<!--") {
                    let end = find(rest, 4, b"-->").map(|e| e + 3).unwrap_or(rest.len());
                    self.pos += end;
                } else if rest.len() >= 9 && rest[2..9].eq_ignore_ascii_case(b"[CDATA[") {
                    let end = find(rest, 9, b"]]>").map(|e| e + 3).unwrap_or(rest.len());
                    self.pos += end;
                } else {
                    self.skip_to_gt();
                }
            }
            Some(b'?') => self.skip_to_gt(),
            Some(b'/') => {
                if rest.get(2).is_some_and(|c| c.is_ascii_alphabetic()) {
                    self.end_tag();
                } else if rest.get(2) == Some(&b'>') {
                    self.pos += 3;
                } else {
                    self.skip_to_gt();
                }
            }
            Some(c) if c.is_ascii_alphabetic() => self.start_tag(),
            _ => {
                // A lone `<` is text.
                self.text(self.pos, self.pos + 1);
                self.pos += 1;
            }
        }
    }

    fn skip_to_gt(&mut self) {
        let bytes = self.src.as_bytes();
        match memchr::memchr(b'>', &bytes[self.pos..]) {
            Some(i) => self.pos += i + 1,
            None => self.pos = bytes.len(),
        }
    }

    /// Reads a tag name at `self.pos`, lowercased into `buf`; returns its tag.
    fn tag_name(&mut self, buf: &mut Vec<u8>) -> Tag {
        let bytes = self.src.as_bytes();
        buf.clear();
        while let Some(&c) = bytes.get(self.pos) {
            if c.is_ascii_whitespace() || c == b'/' || c == b'>' {
                break;
            }
            if buf.len() < 32 {
                buf.push(c.to_ascii_lowercase());
            }
            self.pos += 1;
        }
        Tag::from_name(buf)
    }

    fn end_tag(&mut self) {
        self.pos += 2;
        let mut buf = Vec::new();
        let tag = self.tag_name(&mut buf);
        self.skip_to_gt();
        if self.overflow > 0 {
            self.overflow -= 1;
            return;
        }
        if tag == Tag::Head {
            self.close_head();
            return;
        }
        if tag == Tag::Other {
            let h = name_hash(&buf);
            if let Some(i) = (1..self.stack.len())
                .rev()
                .find(|&i| self.other_names[i] == h)
            {
                self.truncate(i);
            }
            return;
        }
        if matches!(tag, Tag::Html | Tag::Body) {
            // html and body are closed only by the end of input.
            return;
        }
        // Any heading's end tag closes the open heading, whatever its level, as in browsers:
        // `<h2>deck</h3>` must not swallow the article after it.
        if tag.heading_level().is_some() {
            self.close_nearest(|t| t.heading_level().is_some(), is_scope_boundary);
            return;
        }
        // Pop to the nearest open element with this tag, but not across a table boundary
        // for cell/row tags, so a stray `</td>` cannot close the page.
        for i in (1..self.stack.len()).rev() {
            let open = self.stack[i].1;
            if open == tag {
                self.truncate(i);
                return;
            }
            if is_scope_boundary(open) && !matches!(tag, Tag::Table) && tag_is_table_part(tag) {
                return;
            }
        }
    }

    fn start_tag(&mut self) {
        self.pos += 1;
        let mut buf = Vec::new();
        let tag = self.tag_name(&mut buf);
        let attrs_start = self.dom.attrs.len() as u32;
        let self_closing = self.attributes();
        let attrs_end = self.dom.attrs.len() as u32;

        if !is_head_content(tag) {
            self.close_head();
        }
        if matches!(tag, Tag::Html | Tag::Body | Tag::Head)
            && self.stack.iter().any(|&(_, open)| open == tag)
        {
            // A second <html>/<body>/<head> start tag is ignored, as browsers do.
            return;
        }
        self.implied_end_tags(tag);

        if self.stack.len() >= MAX_DEPTH {
            // Too deep: keep the content, flatten the structure.
            if !tag.is_void() && !self_closing && !tag.is_raw_text() {
                self.overflow += 1;
            }
            if tag.is_raw_text() {
                self.raw_text(tag, &buf, NONE);
            }
            return;
        }
        let id = self.append(NodeData::Element {
            tag,
            attrs_start,
            attrs_end,
        });
        if tag.is_void() || self_closing && tag != Tag::Script {
            return;
        }
        if tag.is_raw_text() {
            self.raw_text(tag, &buf, id);
            return;
        }
        self.stack.push((id, tag));
        self.other_names.push(if tag == Tag::Other {
            name_hash(&buf)
        } else {
            0
        });
    }

    /// Pops open elements down to (not including) index `len`.
    fn truncate(&mut self, len: usize) {
        self.stack.truncate(len);
        self.other_names.truncate(len);
    }

    /// Leaves `<head>` if it is open: body content implies its end.
    fn close_head(&mut self) {
        if let Some(i) = self.stack.iter().position(|&(_, t)| t == Tag::Head) {
            self.truncate(i);
        }
    }

    /// Closes elements that HTML closes implicitly when `tag` starts.
    fn implied_end_tags(&mut self, tag: Tag) {
        if tag.closes_p() {
            self.close_in_scope(Tag::P, |t| !t.is_inline());
        }
        match tag {
            Tag::Li => self.close_in_scope(Tag::Li, |t| matches!(t, Tag::Ul | Tag::Ol | Tag::Menu)),
            Tag::Dt | Tag::Dd => {
                self.close_in_scope(Tag::Dt, |t| t == Tag::Dl);
                self.close_in_scope(Tag::Dd, |t| t == Tag::Dl);
            }
            Tag::Option => self.close_in_scope(Tag::Option, |t| t == Tag::Select),
            Tag::Tr => {
                self.close_in_scope(Tag::Td, is_table_scope);
                self.close_in_scope(Tag::Th, is_table_scope);
                self.close_in_scope(Tag::Tr, is_table_scope);
            }
            Tag::Td | Tag::Th => {
                self.close_in_scope(Tag::Td, |t| t == Tag::Tr || is_table_scope(t));
                self.close_in_scope(Tag::Th, |t| t == Tag::Tr || is_table_scope(t));
            }
            Tag::Thead | Tag::Tbody | Tag::Tfoot => {
                for t in [
                    Tag::Td,
                    Tag::Th,
                    Tag::Tr,
                    Tag::Thead,
                    Tag::Tbody,
                    Tag::Tfoot,
                ] {
                    self.close_in_scope(t, |s| s == Tag::Table);
                }
            }
            Tag::H1 | Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6 => {
                if let Some(&(_, top)) = self.stack.last() {
                    if top.heading_level().is_some() {
                        self.truncate(self.stack.len() - 1);
                    }
                }
            }
            _ => {}
        }
    }

    /// Pops to the nearest open `target`, searching down until an element for which
    /// `boundary` holds.
    fn close_in_scope(&mut self, target: Tag, boundary: impl Fn(Tag) -> bool) {
        self.close_nearest(|t| t == target, boundary);
    }

    /// Pops to the nearest open element `is_target` accepts, searching down until an element
    /// for which `boundary` holds, or `<body>`.
    fn close_nearest(&mut self, is_target: impl Fn(Tag) -> bool, boundary: impl Fn(Tag) -> bool) {
        for i in (1..self.stack.len()).rev() {
            let open = self.stack[i].1;
            if is_target(open) {
                self.truncate(i);
                return;
            }
            if boundary(open) || open == Tag::Body {
                return;
            }
        }
    }

    /// Parses attributes after a tag name; returns whether the tag was self-closing.
    fn attributes(&mut self) -> bool {
        let src = self.src;
        let bytes = src.as_bytes();
        loop {
            while bytes.get(self.pos).is_some_and(|c| c.is_ascii_whitespace()) {
                self.pos += 1;
            }
            match bytes.get(self.pos) {
                None => return false,
                Some(b'>') => {
                    self.pos += 1;
                    return false;
                }
                Some(b'/') => {
                    self.pos += 1;
                    if bytes.get(self.pos) == Some(&b'>') {
                        self.pos += 1;
                        return true;
                    }
                    continue;
                }
                _ => {}
            }
            let name_start = self.pos;
            while let Some(&c) = bytes.get(self.pos) {
                if c.is_ascii_whitespace()
                    || c == b'='
                    || c == b'>'
                    || (c == b'/' && self.pos > name_start)
                {
                    break;
                }
                self.pos += 1;
            }
            let name = &src[name_start..self.pos];
            while bytes.get(self.pos).is_some_and(|c| c.is_ascii_whitespace()) {
                self.pos += 1;
            }
            let mut value = "";
            if bytes.get(self.pos) == Some(&b'=') {
                self.pos += 1;
                while bytes.get(self.pos).is_some_and(|c| c.is_ascii_whitespace()) {
                    self.pos += 1;
                }
                match bytes.get(self.pos) {
                    Some(&q @ (b'"' | b'\'')) => {
                        let start = self.pos + 1;
                        let end = memchr::memchr(q, &bytes[start..])
                            .map(|e| start + e)
                            .unwrap_or(bytes.len());
                        value = &src[start..end];
                        self.pos = (end + 1).min(bytes.len());
                    }
                    _ => {
                        let start = self.pos;
                        while let Some(&c) = bytes.get(self.pos) {
                            if c.is_ascii_whitespace() || c == b'>' {
                                break;
                            }
                            self.pos += 1;
                        }
                        value = &src[start..self.pos];
                    }
                }
            }
            if name.is_empty() {
                // A stray `=` (and its value, already read): nothing to keep. Skip one byte
                // only if nothing was consumed, so the loop always advances without stepping
                // into a UTF-8 sequence or past the end of the input.
                if self.pos == name_start {
                    self.pos += 1;
                }
                continue;
            }
            let name = if name.bytes().any(|c| c.is_ascii_uppercase()) {
                Cow::Owned(name.to_ascii_lowercase())
            } else {
                Cow::Borrowed(name)
            };
            self.dom.attrs.push(Attr {
                name,
                raw_value: value,
            });
        }
    }

    /// Consumes raw text up to `</name`, attaching it to `id` (unless `NONE`).
    fn raw_text(&mut self, tag: Tag, name: &[u8], id: NodeId) {
        let bytes = self.src.as_bytes();
        let start = self.pos;
        let mut at = start;
        let mut closed = true;
        let end = loop {
            match memchr::memchr(b'<', &bytes[at..]) {
                // Never closed. A title, text area, noscript or frame never runs to the end
                // of a page: a mangled copy lost its end tag ("<title>Gale to drive
                // Nation'?' + OAS_query …" with the whole article after it), so the text
                // stops at the next tag, as lenient parsers read it. Scripts and styles do
                // run on.
                None if !matches!(tag, Tag::Script | Tag::Style) => {
                    closed = false;
                    break memchr::memchr(b'<', &bytes[start..]).map_or(bytes.len(), |i| start + i);
                }
                None => break bytes.len(),
                Some(i) => {
                    let lt = at + i;
                    let after = &bytes[lt + 1..];
                    if after.first() == Some(&b'/')
                        && after.len() > name.len()
                        && after[1..1 + name.len()].eq_ignore_ascii_case(name)
                        && !after
                            .get(1 + name.len())
                            .is_some_and(|c| c.is_ascii_alphanumeric())
                    {
                        break lt;
                    }
                    at = lt + 1;
                }
            }
        };
        if id != NONE && end > start {
            let raw = &self.src[start..end];
            let text = if matches!(tag, Tag::Title | Tag::Textarea) {
                decode_entities(raw)
            } else {
                Cow::Borrowed(raw)
            };
            self.stack.push((id, tag));
            self.append(NodeData::Text(text));
            self.stack.pop();
        }
        self.pos = end;
        if closed && end < bytes.len() {
            self.skip_to_gt();
        }
    }
}

/// Elements that may stay inside `<head>`.
fn is_head_content(t: Tag) -> bool {
    matches!(
        t,
        Tag::Meta
            | Tag::Link
            | Tag::Title
            | Tag::Script
            | Tag::Style
            | Tag::Noscript
            | Tag::Template
            | Tag::Head
            | Tag::Html
    ) || t == Tag::Other
}

fn is_table_scope(t: Tag) -> bool {
    t == Tag::Table
}

fn is_scope_boundary(t: Tag) -> bool {
    matches!(t, Tag::Table | Tag::Td | Tag::Th)
}

fn tag_is_table_part(t: Tag) -> bool {
    matches!(
        t,
        Tag::Td | Tag::Th | Tag::Tr | Tag::Tbody | Tag::Thead | Tag::Tfoot
    )
}

/// FNV-1a hash of an element name, for matching custom elements' end tags.
fn name_hash(name: &[u8]) -> u64 {
    name.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    }) | 1
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if from > hay.len() {
        return None;
    }
    memchr::memmem::find(&hay[from..], needle).map(|i| i + from)
}

/// Decodes HTML character references; borrows when there are none.
pub fn decode_entities(s: &str) -> Cow<'_, str> {
    let Some(first) = memchr::memchr(b'&', s.as_bytes()) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len());
    out.push_str(&s[..first]);
    let mut rest = &s[first..];
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        match decode_one(rest) {
            Some((decoded, used)) => {
                out.push_str(decoded.as_str());
                rest = &rest[used..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Small stack string for one decoded reference.
struct Decoded {
    buf: [u8; 8],
    len: usize,
}

impl Decoded {
    fn from_char(c: char) -> Self {
        let mut buf = [0u8; 8];
        let len = c.encode_utf8(&mut buf).len();
        Decoded { buf, len }
    }
    fn from_str(s: &str) -> Self {
        let mut buf = [0u8; 8];
        let len = s.len().min(8);
        buf[..len].copy_from_slice(&s.as_bytes()[..len]);
        Decoded { buf, len }
    }
    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.buf[..self.len]).unwrap_or("")
    }
}

/// Decodes one reference at the start of `s` (which begins with `&`); returns the text and
/// the bytes consumed.
fn decode_one(s: &str) -> Option<(Decoded, usize)> {
    let b = s.as_bytes();
    if b.get(1) == Some(&b'#') {
        let (radix, start) = match b.get(2) {
            Some(b'x' | b'X') => (16, 3),
            _ => (10, 2),
        };
        let mut end = start;
        while end < b.len() && end - start < 8 && (b[end] as char).is_digit(radix) {
            end += 1;
        }
        if end == start {
            return None;
        }
        let n = u32::from_str_radix(&s[start..end], radix).ok()?;
        let c = match n {
            0 => '\u{FFFD}',
            0x80..=0x9f => windows_1252_c1(n),
            _ => char::from_u32(n).unwrap_or('\u{FFFD}'),
        };
        let used = if b.get(end) == Some(&b';') {
            end + 1
        } else {
            end
        };
        return Some((Decoded::from_char(c), used));
    }
    let mut end = 1;
    while end < b.len() && end < 32 && b[end].is_ascii_alphanumeric() {
        end += 1;
    }
    if end == 1 {
        return None;
    }
    let name = &s[1..end];
    let text = named_entity(name)?;
    let used = if b.get(end) == Some(&b';') {
        end + 1
    } else {
        end
    };
    Some((Decoded::from_str(text), used))
}

/// Numeric references in the C1 range mean Windows-1252 characters, as browsers decode them.
fn windows_1252_c1(n: u32) -> char {
    const TABLE: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    TABLE[(n - 0x80) as usize]
}

/// The named references that occur in real news pages (the full table has 2,231; these cover
/// nearly every use, and an unknown name is kept as literal text).
fn named_entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" | "AMP" => "&",
        "lt" | "LT" => "<",
        "gt" | "GT" => ">",
        "quot" | "QUOT" => "\"",
        "apos" => "'",
        "nbsp" => "\u{a0}",
        "ndash" => "–",
        "mdash" => "—",
        "lsquo" => "‘",
        "rsquo" => "’",
        "sbquo" => "‚",
        "ldquo" => "“",
        "rdquo" => "”",
        "bdquo" => "„",
        "laquo" => "«",
        "raquo" => "»",
        "lsaquo" => "‹",
        "rsaquo" => "›",
        "hellip" => "…",
        "middot" => "·",
        "bull" => "•",
        "copy" => "©",
        "reg" => "®",
        "trade" => "™",
        "deg" => "°",
        "euro" => "€",
        "pound" => "£",
        "yen" => "¥",
        "cent" => "¢",
        "sect" => "§",
        "para" => "¶",
        "times" => "×",
        "divide" => "÷",
        "plusmn" => "±",
        "frac12" => "½",
        "frac14" => "¼",
        "frac34" => "¾",
        "shy" => "\u{ad}",
        "zwnj" => "\u{200c}",
        "zwj" => "\u{200d}",
        "thinsp" => "\u{2009}",
        "ensp" => "\u{2002}",
        "emsp" => "\u{2003}",
        "iexcl" => "¡",
        "iquest" => "¿",
        "acute" => "´",
        "uml" => "¨",
        "ordf" => "ª",
        "ordm" => "º",
        "micro" => "µ",
        "prime" => "′",
        "Prime" => "″",
        "dagger" => "†",
        "Dagger" => "‡",
        "szlig" => "ß",
        "auml" => "ä",
        "ouml" => "ö",
        "uuml" => "ü",
        "Auml" => "Ä",
        "Ouml" => "Ö",
        "Uuml" => "Ü",
        "aacute" => "á",
        "eacute" => "é",
        "iacute" => "í",
        "oacute" => "ó",
        "uacute" => "ú",
        "yacute" => "ý",
        "Aacute" => "Á",
        "Eacute" => "É",
        "Iacute" => "Í",
        "Oacute" => "Ó",
        "Uacute" => "Ú",
        "agrave" => "à",
        "egrave" => "è",
        "igrave" => "ì",
        "ograve" => "ò",
        "ugrave" => "ù",
        "Agrave" => "À",
        "Egrave" => "È",
        "acirc" => "â",
        "ecirc" => "ê",
        "icirc" => "î",
        "ocirc" => "ô",
        "ucirc" => "û",
        "Acirc" => "Â",
        "Ecirc" => "Ê",
        "Ocirc" => "Ô",
        "atilde" => "ã",
        "otilde" => "õ",
        "ntilde" => "ñ",
        "Ntilde" => "Ñ",
        "Atilde" => "Ã",
        "Otilde" => "Õ",
        "ccedil" => "ç",
        "Ccedil" => "Ç",
        "euml" => "ë",
        "iuml" => "ï",
        "yuml" => "ÿ",
        "aring" => "å",
        "Aring" => "Å",
        "aelig" => "æ",
        "AElig" => "Æ",
        "oslash" => "ø",
        "Oslash" => "Ø",
        "eth" => "ð",
        "thorn" => "þ",
        "oelig" => "œ",
        "OElig" => "Œ",
        "scaron" => "š",
        "Scaron" => "Š",
        "zcaron" => "ž",
        "Zcaron" => "Ž",
        "alpha" => "α",
        "beta" => "β",
        "gamma" => "γ",
        "delta" => "δ",
        "pi" => "π",
        "mu" => "μ",
        "larr" => "←",
        "rarr" => "→",
        "uarr" => "↑",
        "darr" => "↓",
        "minus" => "−",
        "le" => "≤",
        "ge" => "≥",
        "ne" => "≠",
        "infin" => "∞",
        "check" => "✓",
        "star" => "☆",
        "hearts" => "♥",
        "lrm" => "\u{200e}",
        "rlm" => "\u{200f}",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(dom: &Dom, id: NodeId) -> String {
        let mut s = String::new();
        dom.collect_text(id, &mut s, &|_| false);
        s.trim().to_string()
    }

    fn find_tag(dom: &Dom, tag: Tag) -> Vec<NodeId> {
        (0..dom.nodes.len() as NodeId)
            .filter(|&i| dom.tag(i) == Some(tag))
            .collect()
    }

    #[test]
    fn collapsed_text_drops_soft_hyphens() {
        let mut out = String::new();
        push_collapsed(&mut out, "St. Mag\u{ad}da\u{ad}le\u{ad}ner  wine");
        assert_eq!(out, "St. Magdalener wine");
        let dom = Dom::parse("<body><p>Win&shy;zer</p></body>");
        let mut text = String::new();
        push_collapsed(&mut text, &text_of(&dom, find_tag(&dom, Tag::P)[0]));
        assert_eq!(text, "Winzer");
    }

    #[test]
    fn paragraphs_close_implicitly() {
        let dom = Dom::parse("<body><p>one<p>two<div>three</div></body>");
        let ps = find_tag(&dom, Tag::P);
        assert_eq!(ps.len(), 2);
        assert_eq!(text_of(&dom, ps[0]), "one");
        assert_eq!(text_of(&dom, ps[1]), "two");
        let div = find_tag(&dom, Tag::Div)[0];
        assert_ne!(dom.nodes[div as usize].parent, ps[1]);
    }

    #[test]
    fn a_heading_closes_on_any_headings_end_tag() {
        let dom = Dom::parse("<body><h2>Deck</h3><p>story</p><h4>a <b>b</h6>c</body>");
        let h2 = find_tag(&dom, Tag::H2)[0];
        assert_eq!(text_of(&dom, h2), "Deck");
        let h4 = find_tag(&dom, Tag::H4)[0];
        assert_eq!(text_of(&dom, h4), "a b");
        // Not across a table cell: the stray end tag inside it is ignored.
        let dom = Dom::parse("<body><h2>t<table><tr><td>x</h3>y</td></tr></table></h2></body>");
        let td = find_tag(&dom, Tag::Td)[0];
        assert_eq!(text_of(&dom, td), "xy");
    }

    #[test]
    fn body_is_not_inside_head() {
        for html in [
            "<html><head><title>t</title></head><body><p>x</p></body></html>",
            "<html><head><title>t</title><body><p>x</p>",
            "<head><meta charset=utf-8><div>x</div>",
        ] {
            let dom = Dom::parse(html);
            let head = find_tag(&dom, Tag::Head);
            for id in find_tag(&dom, Tag::P)
                .into_iter()
                .chain(find_tag(&dom, Tag::Div))
            {
                let mut a = dom.nodes[id as usize].parent;
                while a != NONE {
                    assert!(!head.contains(&a), "{html}");
                    a = dom.nodes[a as usize].parent;
                }
            }
        }
    }

    #[test]
    fn custom_elements_close_on_their_end_tag() {
        let dom = Dom::parse("<body><my-menu hidden><a>x</a></my-menu><p>after</p></body>");
        let p = find_tag(&dom, Tag::P)[0];
        let body = find_tag(&dom, Tag::Body)[0];
        assert_eq!(dom.nodes[p as usize].parent, body);
    }

    #[test]
    fn list_items_close_each_other() {
        let dom = Dom::parse("<ul><li>a<li>b<li>c</ul><p>after");
        let lis = find_tag(&dom, Tag::Li);
        assert_eq!(lis.len(), 3);
        let ul = find_tag(&dom, Tag::Ul)[0];
        for li in lis {
            assert_eq!(dom.nodes[li as usize].parent, ul);
        }
    }

    #[test]
    fn an_unclosed_title_does_not_swallow_the_page() {
        let dom = Dom::parse("<html><head><title>Gale to drive Nation<script>x()</script></head><body><p>Cale Gale is going Nationwide.</p></body></html>");
        let p = find_tag(&dom, Tag::P);
        assert_eq!(p.len(), 1);
        assert_eq!(text_of(&dom, p[0]), "Cale Gale is going Nationwide.");
        let title = find_tag(&dom, Tag::Title)[0];
        assert_eq!(text_of(&dom, title), "Gale to drive Nation");
        // A script still runs to the end of a page that never closes it.
        let dom = Dom::parse("<body><script>var a = 1; <p>not markup</p>");
        assert!(find_tag(&dom, Tag::P).is_empty());
    }

    #[test]
    fn scripts_are_raw_text() {
        let dom = Dom::parse("<p>a<script>if (a < b) { x = '</p>'; }</script>b</p>");
        let p = find_tag(&dom, Tag::P)[0];
        assert_eq!(text_of(&dom, p), "a b");
    }

    #[test]
    fn entities_decode() {
        assert_eq!(
            decode_entities("Tom &amp; Jerry&#8217;s &#x2014; &nbsp;x"),
            "Tom & Jerry’s — \u{a0}x"
        );
        assert_eq!(decode_entities("AT&T &unknown; &#150;"), "AT&T &unknown; –");
        assert_eq!(decode_entities("&#0;&#xFFFFFFFF;"), "\u{FFFD}\u{FFFD}");
    }

    #[test]
    fn attributes_parse_in_all_quote_styles() {
        let dom = Dom::parse(r#"<div id=main CLASS='a b' data-x="1>2" hidden>t</div>"#);
        let div = find_tag(&dom, Tag::Div)[0];
        assert_eq!(dom.attr(div, "id"), Some("main"));
        assert_eq!(dom.attr(div, "class"), Some("a b"));
        assert_eq!(dom.attr(div, "data-x"), Some("1>2"));
        assert_eq!(dom.attr(div, "hidden"), Some(""));
        assert_eq!(text_of(&dom, div), "t");
    }

    #[test]
    fn deep_nesting_is_capped() {
        let html = "<div>".repeat(100_000) + "deep text" + &"</div>".repeat(100_000);
        let dom = Dom::parse(&html);
        let max_depth = (0..dom.nodes.len())
            .map(|mut i| {
                let mut d = 0;
                while dom.nodes[i].parent != NONE {
                    i = dom.nodes[i].parent as usize;
                    d += 1;
                }
                d
            })
            .max()
            .unwrap_or(0);
        assert!(max_depth <= MAX_DEPTH + 1, "depth {max_depth}");
        assert_eq!(text_of(&dom, 0), "deep text");
    }

    #[test]
    fn subtree_end_skips_descendants() {
        let dom = Dom::parse("<div><p>a<b>b</b></p><p>c</p></div><p>d</p>");
        let ps = find_tag(&dom, Tag::P);
        assert_eq!(dom.subtree_end(ps[0]), ps[1]);
        let div = find_tag(&dom, Tag::Div)[0];
        assert_eq!(dom.subtree_end(div), ps[2]);
        assert_eq!(dom.subtree_end(ps[2]), dom.nodes.len() as NodeId);
    }

    #[test]
    fn truncated_markup_does_not_lose_text_before_it() {
        for html in [
            "<p>kept<",
            "<p>kept<div class=\"x",
            "<p>kept<!-- open",
            "<p>kept</",
            "<p>kept<script>x",
        ] {
            let dom = Dom::parse(html);
            assert!(text_of(&dom, 0).starts_with("kept"), "{html}");
        }
    }
}
