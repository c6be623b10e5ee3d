//! Direct quotes (also across paragraphs and around "he said"), reported speech where it is
//! clear ("X said that …"), and who said them.
//!
//! Quotation marks in scraped and machine-rewritten text are often wrong-way round (a “ that
//! closes a quote), so a mark's direction is read from its neighbours, not from its glyph.

use crate::lexicon::is_speech_verb;
use crate::Doc;
use tocsin_model::{EntityLabel, Quote, QuoteKind};
use tocsin_nlp::resolve::CorefKind;

/// One quoted stretch: the bytes inside the marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stretch {
    start: u32,
    end: u32,
    /// The closing mark is missing: the quote runs on into the next paragraph.
    open_end: bool,
}

fn is_quote_char(c: char) -> bool {
    matches!(
        c,
        '"' | '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{00ab}' | '\u{00bb}'
    )
}

/// Whether the mark at byte `i` opens a quote, judged by what is around it.
fn opens(text: &str, i: usize, c: char) -> bool {
    let before = text[..i].chars().next_back();
    let after = text[i + c.len_utf8()..].chars().next();
    let space_before =
        before.is_none_or(|b| b.is_whitespace() || matches!(b, '(' | '[' | '—' | '–' | '-' | ':'));
    let space_after = after.is_none_or(char::is_whitespace);
    match c {
        '\u{201c}' | '\u{201e}' | '\u{00ab}' => {
            !space_after || space_before || after.is_none_or(|a| a == '\n')
        }
        '\u{201d}' | '\u{00bb}' => space_before && !space_after,
        _ => space_before && !space_after,
    }
}

/// The quotation marks of `[a, b)` as (byte, width, mark): `''` (two apostrophes, as some
/// archives write a double quote) counts as one straight mark.
fn marks(text: &str, a: usize, b: usize) -> Vec<(usize, usize, char)> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = a;
    while i < b {
        let Some(c) = text[i..b].chars().next() else {
            break;
        };
        if c == '\'' && i + 1 < b && bytes[i + 1] == b'\'' {
            out.push((i, 2, '"'));
            i += 2;
            continue;
        }
        if is_quote_char(c) {
            out.push((i, c.len_utf8(), c));
        }
        i += c.len_utf8();
    }
    out
}

/// Whether the mark at byte `i` (of `width` bytes) opens a quote.
fn opens_at(text: &str, i: usize, width: usize, c: char) -> bool {
    if width == 1 || c != '"' {
        return opens(text, i, c);
    }
    let before = text[..i].chars().next_back();
    let after = text[i + width..].chars().next();
    before.is_none_or(|b| b.is_whitespace() || matches!(b, '(' | '[' | '—' | '–' | '-' | ':'))
        && after.is_some_and(|a| !a.is_whitespace())
}

/// Quoted stretches of one paragraph `[a, b)`.
fn stretches_in(text: &str, a: usize, b: usize, out: &mut Vec<Stretch>) {
    let mut open: Option<usize> = None;
    for (i, width, c) in marks(text, a, b) {
        let is_open = opens_at(text, i, width, c);
        if c == '\u{00ab}'
            && text[i + width..b].starts_with(' ')
            && !text[i..b].contains('\u{00bb}')
        {
            // A guillemet used as a separator ("Place « CBS Chicago").
            continue;
        }
        match open {
            None if is_open || i == a => open = Some(i + width),
            None => {}
            Some(s) => {
                if is_open && c != '"' && c != '\u{201d}' && i > s && text[s..i].trim().is_empty() {
                    open = Some(i + width);
                    continue;
                }
                if is_open
                    && !text[s..i].trim_end().ends_with(['.', ',', '?', '!'])
                    && c == '\u{201c}'
                {
                    // A second opening mark before any close: the first quote ran to here.
                    push(out, text, s, i, false);
                    open = Some(i + width);
                    continue;
                }
                push(out, text, s, i, false);
                open = None;
            }
        }
    }
    if let Some(s) = open {
        // An unclosed quote runs on into the next paragraph only when that one opens with a
        // quotation mark (the news convention); otherwise it ends with its sentence, so that
        // a stray mark does not swallow the article.
        let next = text[b..].trim_start();
        let next_opens =
            next.starts_with(['"', '\u{201c}', '\u{201e}', '\u{00ab}']) || next.starts_with("''");
        if next_opens {
            push(out, text, s, b, true);
        } else {
            let end = text[s..b].find(['.', '?', '!']).map_or(b, |k| s + k + 1);
            push(out, text, s, end, false);
        }
    }
}

fn push(out: &mut Vec<Stretch>, text: &str, s: usize, e: usize, open_end: bool) {
    let inner = &text[s..e];
    let lead = inner.len() - inner.trim_start().len();
    let trail = inner.len() - inner.trim_end().len();
    let (s, e) = (s + lead, e - trail);
    if e > s {
        out.push(Stretch {
            start: s as u32,
            end: e as u32,
            open_end,
        });
    }
}

fn stretches(text: &str) -> Vec<Stretch> {
    let mut out = Vec::new();
    for p in tocsin_nlp::tokenize::paragraphs(text) {
        stretches_in(text, p.start as usize, p.end as usize, &mut out);
    }
    out
}

/// The byte ranges inside quotation marks: narrative rules skip them.
pub fn quoted_regions(text: &str) -> Vec<(u32, u32)> {
    stretches(text).iter().map(|s| (s.start, s.end)).collect()
}

/// A speaker found next to a speech verb.
#[derive(Debug, Clone)]
struct Speaker {
    name: String,
    role: Option<String>,
    at: u32,
    /// First byte of the words naming the speaker.
    from: u32,
}

/// Finds direct and reported speech with speakers.
pub fn find_quotes(doc: &Doc<'_>, words: &[String]) -> Vec<Quote> {
    let text = doc.text;
    let paras = tocsin_nlp::tokenize::paragraphs(text);
    let para_of = |b: u32| {
        paras
            .iter()
            .position(|p| p.start <= b && b <= p.end)
            .unwrap_or(0)
    };
    let st = stretches(text);
    let mut out: Vec<Quote> = Vec::new();
    let mut last_speaker: Option<(Speaker, usize)> = None;
    let mut prev_open_end = false;
    // The previous direct quote: its index in `out`, paragraph, and whether its speaker was
    // read after it (so the text that follows it is an attribution).
    let mut prev: Option<(usize, usize, bool)> = None;
    let mut covered_until = 0u32;
    for (qi, s) in st.iter().enumerate() {
        let p = para_of(s.start);
        let para = paras[p];
        let prev_end = if qi > 0 && para_of(st[qi - 1].end) == p {
            st[qi - 1].end
        } else {
            para.start
        };
        let next_start = st
            .get(qi + 1)
            .filter(|n| para_of(n.start) == p)
            .map_or(para.end, |n| n.start);
        // `Trump says he is making “a demand” of Obama`: a quoted fragment inside reported
        // speech is part of an indirect quote, not a quote of its own.
        if s.start < covered_until {
            // A further fragment of the reported speech already taken as one quote.
            prev_open_end = s.open_end;
            continue;
        }
        let after = speaker_after(doc, words, s.end, next_start);
        // `… referenced the impact it said Clinton would have: “…,” the union wrote`: a quote
        // with its own attribution after it is direct speech, whatever verb came before.
        let own_attribution = after.is_some() && ends_in_comma(text, s);
        if let Some(q) = (!own_attribution)
            .then(|| embedded_in_speech(doc, words, &st, prev_end, s))
            .flatten()
        {
            covered_until = q.end;
            out.push(q);
            prev_open_end = s.open_end;
            continue;
        }
        let after_found = after.is_some();
        let own = after
            .or_else(|| speaker_before(doc, words, &st, prev_end, s.start))
            .or_else(|| {
                // "The New York Times reports:" closing the paragraph before one that opens
                // with the quote.
                let opens_para = prev_end == para.start
                    && text
                        .get(para.start as usize..s.start as usize)
                        .is_some_and(|g| g.chars().all(|c| !c.is_alphanumeric()));
                let intro = p.checked_sub(1).and_then(|i| paras.get(i))?;
                let colon = text
                    .get(intro.start as usize..intro.end as usize)
                    .is_some_and(|t| t.trim_end().ends_with(':'));
                (opens_para && colon)
                    .then(|| {
                        speaker_before(doc, words, &st, intro.start, intro.end)
                            .or_else(|| intro_name(doc, intro.start, intro.end))
                    })
                    .flatten()
            });
        let speaker = own.or_else(|| {
            // A quote that opens a paragraph continuing the last speaker's words, or
            // a second quote in the same paragraph.
            last_speaker.as_ref().and_then(|(sp, lp)| {
                (prev_open_end || *lp == p || *lp + 1 == p).then(|| sp.clone())
            })
        });
        prev_open_end = s.open_end;
        let quote_text = text
            .get(s.start as usize..s.end as usize)
            .unwrap_or("")
            .trim_end_matches([',', ' ']);
        if quote_text.split_whitespace().count() == 0 {
            continue;
        }
        if let Some(sp) = &speaker {
            last_speaker = Some((sp.clone(), p));
        }
        // `“We remain open …,” he said. “Sadly, …”`: one quote interrupted by its attribution.
        if let Some((i, pp, prev_after)) = prev {
            let gap = text.get(prev_end as usize..s.start as usize).unwrap_or("");
            if pp == p && prev_after && !after_found && is_pure_attribution(gap) {
                if let Some(q) = out.get_mut(i) {
                    q.text.push(' ');
                    q.text.push_str(quote_text);
                    q.end = s.start + quote_text.len() as u32;
                    continue;
                }
            }
        }
        // A short quoted phrase with no speaker of its own is a title, a scare quote or a
        // term ("the gold standard"), not speech.
        if quote_text.split_whitespace().count() < 4 && !after_found {
            continue;
        }
        prev = Some((out.len(), p, after_found));
        out.push(Quote {
            text: quote_text.to_string(),
            speaker: speaker.as_ref().map(|s| s.name.clone()),
            speaker_role: speaker.as_ref().and_then(|s| s.role.clone()),
            kind: QuoteKind::Direct,
            start: s.start,
            end: s.start + quote_text.len() as u32,
            cue: speaker.as_ref().map(|s| [s.at, s.at]),
        });
    }
    out.extend(indirect(doc, words, &st));
    out.sort_by_key(|q| q.start);
    out
}

/// The person an introduction without a speech verb names: "this statement by Trump on
/// June 11:" (the name after "by"), "Sanders made the following comment:" (the first
/// person or organization of its last sentence).
fn intro_name(doc: &Doc<'_>, a: u32, b: u32) -> Option<Speaker> {
    let last = doc
        .sentences
        .iter()
        .rfind(|x| x.start >= a && x.start < b)?;
    let names: Vec<&tocsin_model::Entity> = doc
        .entities
        .iter()
        .filter(|e| e.start >= last.start && e.end <= b)
        .filter(|e| matches!(e.label, EntityLabel::Per | EntityLabel::Org))
        .collect();
    let by = names.iter().find(|e| {
        doc.text
            .get(..e.start as usize)
            .is_some_and(|t| t.trim_end().ends_with(" by"))
    });
    let ent = by.or(names.first())?;
    Some(Speaker {
        name: ent.name().to_string(),
        role: None,
        at: ent.start,
        from: ent.start,
    })
}

/// The indirect quote a quoted fragment sits in: a speech verb earlier in the sentence with
/// words between it and the opening mark ("she calls a “war of …”").
fn embedded_in_speech(
    doc: &Doc<'_>,
    words: &[String],
    st: &[Stretch],
    prev_end: u32,
    s: &Stretch,
) -> Option<Quote> {
    let sent = doc
        .sentences
        .iter()
        .find(|x| x.start <= s.start && s.start < x.end.max(x.start + 1))?;
    let lo = token_range(doc, sent.start.max(prev_end), s.start);
    let v = lo
        .clone()
        .rev()
        .find(|&i| speech_at(doc, words, i) && words[i] != "according")?;
    // "Trump said … that Clinton once described the deal as “the gold standard”": speech
    // reported inside reported speech is the outer speaker's claim.
    let outer = lo.clone().take_while(|&i| i < v).find_map(|i| {
        let that = (i + 1..v).find(|&j| words[j] == "that")?;
        (matches!(
            words[i].as_str(),
            "said" | "says" | "told" | "claimed" | "claims"
        ) && speech_at(doc, words, i))
        .then_some((i, that))
    });
    let v = outer.map_or(v, |(o, _)| o);
    // "As Steven M. Rosenthal … put it, “…”", "told me, “…”": a comma or colon before the
    // mark opens direct speech.
    let before_mark = lo.clone().rev().find(|&i| {
        !doc.text
            .get(doc.tokens[i].range())
            .is_some_and(|t| t.chars().all(is_mark_or_apostrophe))
    });
    if words[v] == "put" || before_mark.is_some_and(|i| matches!(words[i].as_str(), "," | ":")) {
        return None;
    }
    // Words between the verb and the mark, other than "that", a comma or a colon.
    let between: Vec<usize> = (v + 1..lo.end)
        .filter(|&i| {
            !matches!(
                words[i].as_str(),
                "that" | "," | ":" | "“" | "\"" | "''" | "'" | "‘"
            )
        })
        .collect();
    if between.is_empty() {
        return None;
    }
    let sp = if words[v].ends_with("ing") {
        participle_subject(doc, words, st, v)
    } else if words.get(v.saturating_sub(1)).is_some_and(|w| w == ",") {
        None
    } else {
        subject_before(doc, words, token_range(doc, sent.start, s.start).start, v)
    }?;
    let mut c = v + 1;
    if words[v] == "told" {
        while c < lo.end && !matches!(words[c].as_str(), "that") && c < v + 5 {
            c += 1;
        }
    }
    if words.get(c).is_some_and(|w| w == "that") {
        c += 1;
    }
    if let Some((_, that)) = outer {
        // The claim is what follows "said … that".
        c = c.max(that + 1);
    }
    let start = doc.tokens.get(c)?.start;
    let send = token_range(doc, sent.start, sent.end);
    let mut e = send.end;
    while e > c + 1 && matches!(words[e - 1].as_str(), "." | "”" | "\"" | "''" | "’" | "'") {
        e -= 1;
    }
    let end = doc.tokens.get(e - 1)?.end.max(s.end);
    let text = doc.text.get(start as usize..end as usize)?.to_string();
    Some(Quote {
        text,
        speaker: Some(sp.name),
        speaker_role: sp.role,
        kind: QuoteKind::Indirect,
        start,
        end,
        cue: Some([doc.tokens[v].start, doc.tokens[v].end]),
    })
}

/// Whether the text between two quotes is only an attribution (`,” he said. “`), with no
/// other sentence after it and no second verb of speech that opens a quote of its own
/// (`,” Trump said, adding later, “`).
fn is_pure_attribution(gap: &str) -> bool {
    let inner = gap.trim_matches(|c: char| c.is_whitespace() || is_quote_char(c) || c == ',');
    let inner = inner.trim_end_matches(['.', ',', ':', ';', '—']);
    let speech_words = inner
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| is_speech_verb(w) || is_speech_participle(w))
        .count();
    !inner.is_empty()
        && inner.len() < 400
        && !inner.contains(['?', '!', ';'])
        && !has_sentence_end(inner)
        && inner.split_whitespace().count() <= 45
        && speech_words <= 1
}

/// A participle that goes on to a new quote: "adding", "suggesting", "noting".
fn is_speech_participle(w: &str) -> bool {
    matches!(
        w,
        "adding"
            | "saying"
            | "noting"
            | "arguing"
            | "asking"
            | "explaining"
            | "insisting"
            | "warning"
            | "suggesting"
            | "continuing"
            | "including"
            | "writing"
    )
}

/// Whether a quote stretch ends with a comma inside or right after its closing mark
/// (`“…,” the union wrote`): the sentence goes on to name who said it.
fn ends_in_comma(text: &str, s: &Stretch) -> bool {
    let inside = before_closing_marks(text, s.end).is_some_and(|t| t.trim_end().ends_with(','));
    let after = text
        .get(s.end as usize..)
        .is_some_and(|t| t.trim_start_matches(is_mark_or_apostrophe).starts_with(','));
    inside || after
}

/// The text before byte `end` without the quotation marks (straight apostrophes included)
/// that close there.
fn before_closing_marks(text: &str, end: u32) -> Option<&str> {
    text.get(..end as usize)
        .map(|t| t.trim_end_matches(is_mark_or_apostrophe))
}

/// A quotation mark, or the straight apostrophe that also closes `''…''` quotes.
fn is_mark_or_apostrophe(c: char) -> bool {
    c == '\'' || is_quote_char(c)
}

/// Whether `s` has a period that ends a sentence (not "Rep.", "(R-Fla.)", "U.S.").
fn has_sentence_end(s: &str) -> bool {
    s.split_whitespace().any(|w| {
        let w = w.trim_end_matches([')', ',', '"', '\'']);
        let Some(stem) = w.strip_suffix('.') else {
            return false;
        };
        let stem = stem.trim_start_matches('(');
        let abbrev = stem.contains('.')
            || (stem.len() <= 4 && stem.starts_with(|c: char| c.is_uppercase()))
            || stem.contains('-') && stem.len() <= 6;
        !abbrev
    })
}

/// Whether token `i` is a speech verb: lower-case as written ("United States" is no verb),
/// and not a noun after a determiner ("one of the states suing", "his notes").
fn speech_at(doc: &Doc<'_>, words: &[String], i: usize) -> bool {
    (is_speech_verb(&words[i])
        && doc
            .tokens
            .get(i)
            .and_then(|t| doc.text.get(t.range()))
            .is_some_and(|w| w.starts_with(|c: char| c.is_lowercase()))
        && !i.checked_sub(1).is_some_and(|p| is_determiner(&words[p])))
        || (words[i] == "put" && words.get(i + 1).is_some_and(|w| w == "it"))
}

/// Words after which a speech-verb form is a noun ("the claims", "these reports").
fn is_determiner(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "his"
            | "her"
            | "their"
            | "its"
            | "our"
            | "my"
            | "your"
            | "these"
            | "those"
            | "other"
            | "such"
            | "of"
    )
}

/// A verb that attributes the quote right before it: a speech verb, or what a document's
/// own words do (`,” the letter reads`, `,” the article read`).
fn attribution_at(doc: &Doc<'_>, words: &[String], i: usize) -> bool {
    speech_at(doc, words, i) || matches!(words[i].as_str(), "reads" | "read")
}

/// Whether token `i` is a period that ends a sentence, not one after "Rep", "(D-Wis" or "U.S".
fn ends_sentence(doc: &Doc<'_>, words: &[String], i: usize) -> bool {
    if words[i] != "." {
        return false;
    }
    let Some(prev) = i.checked_sub(1).and_then(|p| doc.tokens.get(p)) else {
        return true;
    };
    let raw = doc.text.get(prev.range()).unwrap_or("");
    let short_cap = raw.len() <= 4 && raw.starts_with(|c: char| c.is_uppercase());
    let glued = prev.end == doc.tokens[i].start && (raw.contains('-') || raw.contains('.'));
    !(short_cap || glued)
}

/// Token index range of the bytes `[a, b)`.
fn token_range(doc: &Doc<'_>, a: u32, b: u32) -> std::ops::Range<usize> {
    let i = doc.tokens.partition_point(|t| t.start < a);
    let j = doc.tokens.partition_point(|t| t.start < b);
    i..j
}

/// `,” he said`, `,” Bill Roggio, a senior fellow …, told …`, `” said the official`: the
/// attribution must start right after the closing mark.
fn speaker_after(doc: &Doc<'_>, words: &[String], a: u32, b: u32) -> Option<Speaker> {
    let r = token_range(doc, a, b);
    let mut i0 = r.start;
    let mut dash = false;
    while i0 < r.end
        && matches!(
            words[i0].as_str(),
            "," | "”" | "\"" | "“" | "—" | "-" | "―" | "--" | "'" | "''" | "’" | "?" | "!"
        )
    {
        dash |= matches!(words[i0].as_str(), "—" | "―" | "--");
        i0 += 1;
    }
    if i0 >= r.end {
        return None;
    }
    let w0 = words[i0].as_str();
    if dash {
        // `.” ― Pamela Padilla`: a signature.
        if let Some(ent) = doc
            .entities
            .iter()
            .find(|e| e.start == doc.tokens[i0].start && e.label == EntityLabel::Per)
        {
            let name = signature_run(doc, i0, r.end)
                .filter(|n| n.len() > ent.text.len())
                .unwrap_or_else(|| ent.name().to_string());
            return Some(Speaker {
                name,
                role: None,
                at: ent.start,
                from: ent.start,
            });
        }
    }
    if speech_at(doc, words, i0) && w0 != "according" {
        return subject_after(doc, words, i0 + 1, r.end);
    }
    if w0 == "according" && words.get(i0 + 1).is_some_and(|x| x == "to") {
        return subject_after(doc, words, i0 + 2, r.end);
    }
    let mut verb = None;
    for i in (i0..r.end).take(40) {
        let w = words[i].as_str();
        if matches!(w, "?" | "!" | "“" | "\"") || ends_sentence(doc, words, i) {
            break;
        }
        if attribution_at(doc, words, i) && w != "according" {
            verb = Some(i);
            break;
        }
    }
    let v = verb?;
    // `… “an outlaw nation in the neighborhood.” Russia insisted that Pyongyang “stop …”`:
    // after a quote that ends its sentence, a verb opening reported speech introduces what
    // follows, not the quote before.
    let closed = before_closing_marks(doc.text, a).is_some_and(|t| t.ends_with('.'));
    if closed && words.get(v + 1).is_some_and(|w| w == "that") {
        return None;
    }
    if let Some(sp) = subject_before(doc, words, i0, v) {
        // The speaker must open the attribution, after at most a title: `,” Trump lawyer
        // Marc Kasowitz said`.
        let before: Vec<usize> = (i0..v)
            .take_while(|&i| doc.tokens[i].start < sp.from)
            .collect();
        let title_only = before.len() <= 6
            && before.iter().all(|&i| {
                !matches!(
                    words[i].as_str(),
                    "," | "." | "that" | "“" | "”" | "\"" | "and" | "but"
                ) && !speech_at(doc, words, i)
            });
        if title_only {
            return Some(sp);
        }
    }
    // `?” a narrator in the Clinton ad asks`: the short phrase between is the speaker.
    described(doc, words, i0, v)
}

/// The capitalized words of a signature line from token `i` ("Julie A. Diaz Martinez"),
/// which the tagger may have cut short; `None` when it is not a run of two words or more.
fn signature_run(doc: &Doc<'_>, i: usize, end: usize) -> Option<String> {
    let start = doc.tokens.get(i)?.start;
    let mut last = None;
    let mut words = 0;
    for j in i..end.min(i + 8) {
        let t = doc.tokens[j];
        let raw = t.text(doc.text);
        let gap = doc
            .text
            .get(doc.tokens[j.max(i + 1) - 1].end as usize..t.start as usize);
        if j > i && gap.is_none_or(|g| g.contains('\n')) {
            break;
        }
        let initial_dot = raw == "." && j > i && doc.tokens[j - 1].end == t.start && {
            let prev = doc.tokens[j - 1].text(doc.text);
            prev.chars().count() == 1 && prev.starts_with(char::is_uppercase)
        };
        if initial_dot {
            last = Some(t.end);
            continue;
        }
        let word = raw
            .strip_suffix('.')
            .filter(|w| w.chars().count() == 1)
            .unwrap_or(raw);
        if !word.starts_with(char::is_uppercase)
            || !word
                .chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
        {
            break;
        }
        words += 1;
        last = Some(t.end);
    }
    let end = last?;
    (words >= 2)
        .then(|| {
            doc.text
                .get(start as usize..end as usize)
                .map(str::to_string)
        })
        .flatten()
}

/// A short described speaker, tokens `a..v` ("a narrator in the Clinton ad", "the book").
fn described(doc: &Doc<'_>, words: &[String], a: usize, v: usize) -> Option<Speaker> {
    if v <= a
        || v - a > 9
        || !matches!(
            words[a].as_str(),
            "the" | "a" | "an" | "one" | "his" | "her" | "their" | "its" | "my" | "our"
        )
    {
        return None;
    }
    if (a..v).any(|i| {
        matches!(
            words[i].as_str(),
            "." | ";" | "“" | "”" | "\"" | "he" | "she" | "they" | "it" | "that" | "which"
        )
    }) {
        return None;
    }
    let start = doc.tokens[a].start;
    let mut end = doc.tokens[v - 1].end;
    if words[v - 1] == "," && v >= 2 {
        end = doc.tokens[v - 2].end;
    }
    let name = doc.text.get(start as usize..end as usize)?.to_string();
    Some(Speaker {
        name,
        role: None,
        at: doc.tokens[v].start,
        from: start,
    })
}

/// `John Kirby said the United States remains “vigilant”`, `He stressed that … “…”`.
fn speaker_before(
    doc: &Doc<'_>,
    words: &[String],
    st: &[Stretch],
    a: u32,
    b: u32,
) -> Option<Speaker> {
    let r = token_range(doc, a, b);
    let Some(v) = r
        .clone()
        .rev()
        .take(30)
        .find(|&i| speech_at(doc, words, i) && words[i] != "according")
    else {
        // "According to Limbaugh, “…”".
        let i =
            r.clone().rev().take(12).find(|&i| {
                words[i] == "according" && words.get(i + 1).is_some_and(|w| w == "to")
            })?;
        if (i..r.end)
            .any(|j| matches!(words[j].as_str(), "?" | "!") || ends_sentence(doc, words, j))
        {
            return None;
        }
        return subject_after(doc, words, i + 2, r.end);
    };
    // The verb must belong to the sentence that holds the quote, or end the sentence just
    // before it (`Mr. Holtz-Eakin said. “…”`).
    let after_verb: Vec<usize> = r.clone().skip_while(|&i| i <= v).collect();
    let ended = after_verb
        .iter()
        .position(|&i| matches!(words[i].as_str(), "?" | "!") || ends_sentence(doc, words, i));
    if let Some(p) = ended {
        let rest_is_marks = after_verb[p + 1..].iter().all(|&i| {
            doc.text
                .get(doc.tokens[i].range())
                .is_some_and(|t| t.chars().all(|c| !c.is_alphanumeric()))
        });
        if !rest_is_marks || p > 3 {
            return None;
        }
    }
    if words[v].ends_with("ing") {
        return participle_subject(doc, words, st, v);
    }
    if words.get(v.saturating_sub(1)).is_some_and(|w| w == ",") {
        // "…,” said Flynn" or "Flynn, a top surrogate, said Thursday": after the verb
        // first, else the name the appositive follows.
        return subject_after(doc, words, v + 1, r.end)
            .or_else(|| subject_before(doc, words, r.start, v));
    }
    subject_before(doc, words, r.start, v)
}

/// "Trump attacked Clinton …, saying, “…”", "Trump unleashed a series of tweets early
/// Friday saying that …": the subject of the sentence speaks, not the phrase before the
/// participle at `v`.
fn participle_subject(
    doc: &Doc<'_>,
    words: &[String],
    st: &[Stretch],
    v: usize,
) -> Option<Speaker> {
    let at = doc.tokens[v].start;
    let sent = doc.sentences.iter().find(|x| x.start <= at && at < x.end)?;
    // "Hillary Clinton’s campaign manager Robby Mook said …, arguing": not the possessor.
    let possessive = |e: &&tocsin_model::Entity| {
        doc.text
            .get(e.end as usize..)
            .is_some_and(|r| r.starts_with("’s") || r.starts_with("'s"))
    };
    // "“… cooperating with the FBI,” Chaffetz said, adding": not a name inside the quote.
    let in_quote =
        |e: &&tocsin_model::Entity| st.iter().any(|q| q.start <= e.start && e.end <= q.end);
    let (e, ent) = doc.entities.iter().enumerate().find(|(_, e)| {
        e.start >= sent.start
            && e.end <= at
            && matches!(e.label, EntityLabel::Per | EntityLabel::Org)
            && !possessive(e)
            && !in_quote(e)
    })?;
    Some(Speaker {
        name: ent.name().to_string(),
        role: cluster_role(doc, words, e),
        at,
        from: ent.start,
    })
}

/// Where a name ends when a parenthesis stands between it and its verb: "Rep. Trey Gowdy
/// (R-S.C.) said" → after "Gowdy". `k` is the verb's index; `lo` the sentence start.
fn before_party_tag(words: &[String], lo: usize, k: usize) -> usize {
    if k > lo && words[k - 1] == ")" {
        if let Some(open) = (lo..k - 1).rev().take(12).find(|&x| words[x] == "(") {
            return open;
        }
    }
    k
}

/// The speaker right before the verb at `v`: a name, a pronoun, a role noun.
fn subject_before(doc: &Doc<'_>, words: &[String], lo: usize, v: usize) -> Option<Speaker> {
    let mut k = v;
    // Skip auxiliaries and an appositive: "Bill Roggio, a senior fellow at X, told".
    while k > lo
        && matches!(
            words[k - 1].as_str(),
            "has"
                | "had"
                | "have"
                | "also"
                | "later"
                | "then"
                | "once"
                | "previously"
                | "further"
                | "again"
                | "publicly"
                | "repeatedly"
                | "recently"
                | "often"
                | "always"
                | "never"
        )
    {
        k -= 1;
    }
    // "Hillary Clinton boldly suggested": an adverb between a name and its verb.
    if k > lo + 1 && is_manner_adverb(doc, k - 1) && starts_upper(doc, k - 2) {
        k -= 1;
    }
    k = before_party_tag(words, lo, k);
    // "John Dickey, the chief executive of Ora Media -- the company that … -- told me": a
    // parenthetical between dashes is stepped over; what precedes it may be an appositive
    // its closing dash ended.
    let mut dashed = false;
    if k > lo + 1 && is_dash(&words[k - 1]) {
        if let Some(open) = (lo + 1..k - 1).rev().take(40).find(|&x| is_dash(&words[x])) {
            k = open;
            dashed = true;
        }
    }
    let comma = k > lo && words[k - 1] == ",";
    if comma || dashed {
        let close = if comma { k - 1 } else { k };
        if let Some(s) = appositive_subject(doc, words, lo, close) {
            return Some(s);
        }
        if comma {
            return None;
        }
    }
    if k == lo {
        return None;
    }
    if let Some(mut s) = name_ending_at(doc, words, k) {
        s.at = doc.tokens[v].start;
        return Some(s);
    }
    // "The New York businessman says", "my father often said": a described speaker right
    // before the verb.
    (k.saturating_sub(7).max(lo)..k).find_map(|a| {
        if matches!(
            words[a].as_str(),
            "the" | "a" | "an" | "my" | "our" | "his" | "her" | "their"
        ) {
            described(doc, words, a, k)
        } else {
            possessed_role(doc, words, a, k)
        }
    })
}

/// "Obama's former campaign strategist said": a role of someone named, tokens `a..k` (the
/// possessor's name at `a`, its "'s" next, a role noun last).
fn possessed_role(doc: &Doc<'_>, words: &[String], a: usize, k: usize) -> Option<Speaker> {
    let possessive = words
        .get(a + 1)
        .is_some_and(|w| matches!(w.as_str(), "'s" | "’s"));
    let head = words.get(k.checked_sub(1)?)?;
    if !possessive || k < a + 3 || !starts_upper(doc, a) || !is_title_noun(head) {
        return None;
    }
    if (a + 2..k).any(|i| !words[i].chars().all(|c| c.is_alphabetic() || c == '-')) {
        return None;
    }
    let start = doc.tokens[a].start;
    let name = doc
        .text
        .get(start as usize..doc.tokens[k - 1].end as usize)?
        .to_string();
    Some(Speaker {
        name,
        role: None,
        at: doc.tokens.get(k).map_or(start, |t| t.start),
        from: start,
    })
}

/// The name an appositive follows, the appositive ending at the comma or dash `close`
/// ("Bill Roggio, a senior fellow at X, told"). An appositive of places and ages holds commas
/// of its own ("Johnnie Wilson, of Springfield, Va.,", "Donna Rawlings, 59, of Ashton, Md.,"):
/// a place or a number before a comma is stepped over, up to three times.
fn appositive_subject(doc: &Doc<'_>, words: &[String], lo: usize, close: usize) -> Option<Speaker> {
    let last = close.checked_sub(1)?;
    let mut close = close;
    for _ in 0..3 {
        let mut j = close;
        while j > lo && words[j - 1] != "," && close - j < 40 {
            j -= 1;
        }
        if j <= lo || words[j - 1] != "," || j > last {
            return None;
        }
        // "Michael Mulgrew, president of the United Federation of Teachers, which represents
        // New York City educators, said": a relative clause belongs to the words before it.
        let relative = matches!(words[j].as_str(), "which" | "where");
        if j >= 2 && (is_place_or_number(doc, words, j - 2) || relative) {
            close = j - 1;
            continue;
        }
        // "Rep. Jim Jordan (R-Ohio), an oversight panel member, said".
        let mut s = name_ending_at(doc, words, before_party_tag(words, lo, j - 1))?;
        let a = doc.tokens[j].start as usize;
        let b = doc.tokens[last].end as usize;
        let appositive = doc.text.get(a..b).unwrap_or("");
        // "the Republican attorney general of Oklahoma, one of the states suing the EPA": the
        // first part when it is the role.
        let first_part = appositive.split(", ").next().unwrap_or(appositive);
        // The role this sentence gives ("Flynn, a top Trump surrogate, said") before the
        // one the name had where it was first introduced.
        if let Some(role) = appositive_role(first_part).or_else(|| appositive_role(appositive)) {
            s.role = Some(role);
        } else if s.role.is_none() && is_role_clause(appositive) {
            s.role = Some(clean_role(appositive));
        }
        return Some(s);
    }
    None
}

fn is_dash(w: &str) -> bool {
    matches!(w, "--" | "—" | "―" | "–")
}

/// Whether an appositive reads as a role: "a senior fellow at …", "head of the …",
/// "president of …", "the top Democrat on …".
fn is_role_text(r: &str) -> bool {
    !r.is_empty()
        && r.split_whitespace().count() <= 16
        && r.split_whitespace()
            .take(3)
            .enumerate()
            .any(|(i, w)| is_role_word(w, i == 0))
}

/// A word that makes a phrase a role: an article opening it, or a title noun among its
/// first words ("House editor for …", "top Democrat on …").
fn is_role_word(w: &str, first: bool) -> bool {
    (first
        && matches!(
            w,
            "a" | "an" | "the" | "who" | "his" | "her" | "their" | "its"
        ))
        || matches!(
            w,
            "head"
                | "chief"
                | "director"
                | "president"
                | "chairman"
                | "chairwoman"
                | "spokesman"
                | "spokeswoman"
                | "executive"
                | "founder"
                | "author"
                | "professor"
                | "leader"
                | "member"
                | "former"
                | "senior"
                | "deputy"
                | "co-founder"
                | "secretary"
                | "editor"
                | "CEO"
                | "chair"
        )
        || is_title_noun(&w.to_lowercase())
}

/// The role an appositive gives, up to a relative clause ("a physicist who is co-director
/// of …" → "physicist"); `None` when it does not read as a role.
fn appositive_role(text: &str) -> Option<String> {
    let mut r = text.trim();
    // "now a consultant on Burma", "also a former aide".
    for lead in ["now ", "also ", "currently ", "formerly "] {
        r = r.strip_prefix(lead).unwrap_or(r);
    }
    for cut in [" who ", " which ", " whose ", " and the ", " and a "] {
        if let Some(i) = r.find(cut) {
            r = &r[..i];
        }
    }
    let words: Vec<&str> = r.split_whitespace().take(16).collect();
    let r = words.join(" ");
    (is_role_text(&r) && is_role_clause(&r)).then(|| clean_role(&r))
}

fn clean_role(r: &str) -> String {
    let r = r.trim();
    // A sentence's period goes, an abbreviation's stays ("of Springfield, Va.", "Sen.").
    let last = r.rsplit(' ').next().unwrap_or(r);
    let abbreviation = last.len() <= 4 && last.starts_with(char::is_uppercase);
    let r = if abbreviation {
        r
    } else {
        r.trim_end_matches('.')
    };
    let r = r
        .strip_prefix("a ")
        .or_else(|| r.strip_prefix("an "))
        .or_else(|| r.strip_prefix("the "))
        .unwrap_or(r);
    r.to_string()
}

/// Whether a relative clause says what someone does ("who heads the Center of Research"), the
/// only kind that serves as a role; "who is 70", "who has not been charged" describe.
fn is_role_clause(r: &str) -> bool {
    let Some(rest) = r.trim().strip_prefix("who ") else {
        return true;
    };
    let verb = rest.split_whitespace().next().unwrap_or("");
    matches!(
        verb,
        "heads"
            | "headed"
            | "leads"
            | "led"
            | "runs"
            | "ran"
            | "chairs"
            | "chaired"
            | "directs"
            | "founded"
            | "oversees"
            | "represents"
            | "helmed"
            | "manages"
            | "advises"
            | "covers"
            | "teaches"
            | "served"
            | "serves"
    )
}

/// A lowercase adverb of manner ("boldly", "forcefully"): a word of letters ending in -ly.
fn is_manner_adverb(doc: &Doc<'_>, i: usize) -> bool {
    let raw = doc.tokens.get(i).map_or("", |t| t.text(doc.text));
    raw.len() > 4 && raw.ends_with("ly") && raw.chars().all(|c| c.is_ascii_lowercase())
}

/// Whether token `i` starts with a capital letter.
fn starts_upper(doc: &Doc<'_>, i: usize) -> bool {
    doc.tokens
        .get(i)
        .is_some_and(|t| t.text(doc.text).starts_with(char::is_uppercase))
}

/// Whether token `i` ends a place name, an abbreviation ("Va.") or is a number: what a
/// speaker's appositive of hometown and age holds, never the speaker.
fn is_place_or_number(doc: &Doc<'_>, words: &[String], i: usize) -> bool {
    let Some(t) = doc.tokens.get(i) else {
        return false;
    };
    words[i] == "."
        || words[i].ends_with('.') && starts_upper(doc, i) && words[i].len() <= 5
        || words[i].chars().all(|c| c.is_ascii_digit())
        || doc.entities.iter().any(|e| {
            e.start <= t.start
                && t.end <= e.end
                && matches!(e.label, EntityLabel::Gpe | EntityLabel::Loc)
        })
        || doc
            .places
            .iter()
            .any(|p| p.start <= t.start && t.end <= p.end)
}

/// Whether token `i` belongs to a time expression ("Friday", "Thursday morning"): a
/// capitalized weekday next to a speech verb is when, not who.
fn in_time_expression(doc: &Doc<'_>, i: usize) -> bool {
    let Some(t) = doc.tokens.get(i) else {
        return false;
    };
    doc.times
        .iter()
        .any(|m| m.span.start <= t.start && t.start < m.span.end)
}

/// "A spokeswoman for Hillary Clinton says", "the president of Russia said": a role noun
/// before "for"/"of" and the entity at the end; the speaker is the person so described, not
/// the entity.
fn someone_of(
    doc: &Doc<'_>,
    words: &[String],
    ent: &tocsin_model::Entity,
    at: u32,
) -> Option<Speaker> {
    let si = doc.tokens.partition_point(|t| t.start < ent.start);
    if si < 2 || !matches!(words[si - 1].as_str(), "for" | "of") || !is_title_noun(&words[si - 2]) {
        return None;
    }
    let from = if si >= 3 && matches!(words[si - 3].as_str(), "a" | "an" | "the") {
        si - 3
    } else {
        si - 2
    };
    let start = doc.tokens[from].start;
    let name = doc.text.get(start as usize..ent.end as usize)?.to_string();
    Some(Speaker {
        name,
        role: None,
        at,
        from: start,
    })
}

/// "Mr. Morgan of the Sierra Club said": the person before "of (the)" an organization or
/// place speaks, not the organization.
fn member_of(
    doc: &Doc<'_>,
    words: &[String],
    ent: &tocsin_model::Entity,
    at: u32,
) -> Option<Speaker> {
    if ent.label == EntityLabel::Per {
        return None;
    }
    let mut p = doc
        .tokens
        .partition_point(|t| t.start < ent.start)
        .checked_sub(1)?;
    if words[p] == "the" {
        p = p.checked_sub(1)?;
    }
    if !matches!(words[p].as_str(), "of" | "at" | "from") || p == 0 {
        return None;
    }
    let before = doc.tokens[p - 1].end;
    let (e, person) = doc
        .entities
        .iter()
        .enumerate()
        .find(|(_, e)| e.end == before && e.label == EntityLabel::Per)?;
    Some(Speaker {
        name: person.name().to_string(),
        role: title_before(doc, words, person.start)
            .or_else(|| cluster_role(doc, words, e))
            .or_else(|| Some(ent.text.clone())),
        at,
        from: person.start,
    })
}

/// The speaker ending just before token `k`.
fn name_ending_at(doc: &Doc<'_>, words: &[String], k: usize) -> Option<Speaker> {
    if in_time_expression(doc, k.checked_sub(1)?) {
        return None;
    }
    let end_tok = doc.tokens.get(k.checked_sub(1)?)?;
    let at = end_tok.start;
    // A named entity.
    if let Some((e, ent)) = doc
        .entities
        .iter()
        .enumerate()
        .find(|(_, e)| e.end == end_tok.end)
    {
        if matches!(
            ent.label,
            EntityLabel::Per
                | EntityLabel::Org
                | EntityLabel::Gpe
                | EntityLabel::Misc
                | EntityLabel::Loc
        ) {
            if let Some(sp) = someone_of(doc, words, ent, at) {
                return Some(sp);
            }
            if let Some(sp) = member_of(doc, words, ent, at) {
                return Some(sp);
            }
            let name = ent.name().to_string();
            let role = title_before(doc, words, ent.start).or_else(|| cluster_role(doc, words, e));
            return Some(Speaker {
                name,
                role,
                at,
                from: ent.start,
            });
        }
    }
    let w = words[k - 1].as_str();
    // A capitalised name the tagger missed ("Trump says …"): the full name the text gives
    // elsewhere, else the word itself.
    let raw = doc.text.get(end_tok.range()).unwrap_or("");
    if raw.chars().next().is_some_and(char::is_uppercase)
        && raw
            .chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
        && !matches!(
            w,
            "he" | "she"
                | "they"
                | "we"
                | "i"
                | "it"
                | "this"
                | "that"
                | "the"
                | "who"
                | "officials"
                | "police"
                | "one"
        )
        && raw.len() > 1
    {
        let full = doc
            .entities
            .iter()
            .find(|e| {
                e.label == EntityLabel::Per && e.text.ends_with(raw) && e.text.len() > raw.len()
            })
            .map(|e| e.name().to_string());
        let (run, from) = capitalized_run(doc, words, k - 1);
        let name = full.or(run).unwrap_or_else(|| raw.to_string());
        return Some(Speaker {
            name,
            role: None,
            at,
            from,
        });
    }
    // A pronoun or role noun linked by resolution.
    if let Some((c, cluster)) = doc
        .resolution
        .corefs
        .iter()
        .find(|c| c.span.end == end_tok.end)
        .and_then(|c| Some((c, doc.resolution.clusters.get(c.cluster)?)))
        .filter(|(_, cl)| cl.label == EntityLabel::Per)
    {
        let first = cluster.mentions.first().copied();
        let role = first.and_then(|m| cluster_role(doc, words, m));
        let role = if c.kind == CorefKind::Nominal && role.is_none() {
            Some(c.text.clone())
        } else {
            role
        };
        return Some(Speaker {
            name: cluster.canonical.clone(),
            role,
            at,
            from: c.span.start,
        });
    }
    if matches!(w, "he" | "she") {
        // Unresolved pronoun: the nearest person named before.
        let (e, ent) = doc
            .entities
            .iter()
            .enumerate()
            .rfind(|(_, e)| e.label == EntityLabel::Per && e.end <= end_tok.start)?;
        return Some(Speaker {
            name: ent.name().to_string(),
            role: cluster_role(doc, words, e),
            at,
            from: end_tok.start,
        });
    }
    // A described speaker: "police", "the spokesman", "officials".
    let mut a = k - 1;
    while a > 0
        && k - a < 5
        && doc
            .text
            .get(doc.tokens[a - 1].range())
            .is_some_and(|t| t.chars().all(|c| c.is_alphabetic() || c == '-'))
        && !matches!(
            words[a - 1].as_str(),
            "that" | "and" | "but" | "said" | "as" | "he" | "she" | "it"
        )
    {
        a -= 1;
        if matches!(words[a].as_str(), "the" | "a" | "an") {
            break;
        }
    }
    let head = w;
    if matches!(
        head,
        "police"
            | "officials"
            | "official"
            | "spokesman"
            | "spokeswoman"
            | "spokesperson"
            | "authorities"
            | "witnesses"
            | "witness"
            | "investigators"
            | "prosecutors"
            | "sources"
            | "statement"
            | "officers"
            | "residents"
            | "ministry"
            | "they"
            | "we"
            | "i"
            | "it"
            | "source"
            | "analysts"
            | "experts"
            | "expert"
            | "report"
            | "aides"
            | "aide"
            | "campaign"
            | "officer"
            | "sheriff"
            | "chief"
            | "spokesmen"
            | "group"
            | "agency"
            | "department"
            | "office"
            | "who"
    ) {
        let start = doc.tokens[a].start as usize;
        // "a well-connected source who said": the speaker is the words before "who".
        let end = if head == "who" && k >= 2 && a < k - 1 {
            doc.tokens[k - 2].end
        } else {
            end_tok.end
        };
        let text = doc.text.get(start..end as usize)?.to_string();
        return Some(Speaker {
            name: text,
            role: None,
            at,
            from: start as u32,
        });
    }
    None
}

/// The capitalized name that ends at token `last`, with its connecting words ("Commission on
/// Presidential Debates"), when it is longer than the word; and where it starts. A leading
/// "The" and the time words before a name ("Monday") are not part of it.
fn capitalized_run(doc: &Doc<'_>, words: &[String], last: usize) -> (Option<String>, u32) {
    let capital = |i: usize| {
        starts_upper(doc, i)
            && !in_time_expression(doc, i)
            && doc.tokens.get(i).is_some_and(|t| {
                t.text(doc.text)
                    .chars()
                    .all(|c| c.is_alphabetic() || c == '-')
            })
    };
    let mut a = last;
    while a > 0 && last - a < 7 {
        if capital(a - 1) && words[a - 1] != "the" {
            a -= 1;
        } else if a >= 2 && matches!(words[a - 1].as_str(), "of" | "on" | "for") && capital(a - 2) {
            a -= 2;
        } else {
            break;
        }
    }
    let from = doc.tokens[a].start;
    if a == last || !is_organization_run(&words[a..=last]) {
        return (None, doc.tokens[last].start);
    }
    let name = doc.text.get(from as usize..doc.tokens[last].end as usize);
    (name.map(str::to_string), from)
}

/// Whether capitalized words name a body ("Commission on Presidential Debates", "Board of
/// Elections"), which the tagger often cuts to its last word; a run of given and family
/// names is left to the tagger.
fn is_organization_run(run: &[String]) -> bool {
    run.iter().any(|w| {
        matches!(
            w.as_str(),
            "commission"
                | "committee"
                | "board"
                | "council"
                | "department"
                | "ministry"
                | "office"
                | "agency"
                | "association"
                | "institute"
                | "foundation"
                | "center"
                | "centre"
                | "court"
                | "bureau"
                | "service"
                | "union"
                | "party"
                | "league"
                | "coalition"
                | "campaign"
                | "administration"
                | "university"
                | "police"
        )
    })
}

/// `according to X`, `said Roggio`, `said the official, …`.
fn subject_after(doc: &Doc<'_>, words: &[String], i: usize, end: usize) -> Option<Speaker> {
    // "said Del. Stacey Plaskett", "said Rep. Joseph Crowley": step over a title.
    let mut i = i;
    for _ in 0..3 {
        let Some(t) = doc.tokens.get(i) else { break };
        if doc.entities.iter().any(|e| e.start == t.start) {
            break;
        }
        let raw = doc.text.get(t.range()).unwrap_or("");
        let title = raw.starts_with(|c: char| c.is_uppercase())
            && raw.len() <= 5
            && words.get(i + 1).is_some_and(|w| w == ".");
        if title {
            i += 2;
        } else if raw.starts_with(|c: char| c.is_uppercase())
            && ((raw.ends_with('.') && raw.len() <= 5) || is_title_noun(&words[i]))
        {
            i += 1;
        } else {
            break;
        }
    }
    let tok = doc.tokens.get(i)?;
    if in_time_expression(doc, i) {
        // "said Thursday morning": the speaker is not after the verb.
        return None;
    }
    if let Some((e, ent)) = doc.entities.iter().enumerate().find(|(_, e)| {
        e.start == tok.start
            || (tok.start < e.start
                && i + 1 < end
                && doc.tokens.get(i + 1).is_some_and(|t| t.start == e.start)
                && matches!(
                    words[i].as_str(),
                    "the" | "sen." | "rep." | "gov." | "mr." | "mrs." | "ms." | "dr."
                ))
    }) {
        // "said MSNBC host Chris Matthews": the person the organization's role names.
        let (e, ent, lead) = match person_after_role(doc, words, ent) {
            Some((pe, person)) => {
                let lead = doc.text.get(ent.start as usize..person.start as usize);
                (pe, person, lead.map(|l| l.trim().to_string()))
            }
            None => (e, ent, None),
        };
        let name = ent.name().to_string();
        // An appositive after the name: "said Bill Roggio, a senior fellow at …".
        let after = doc.text.get(ent.end as usize..).unwrap_or("");
        // "said Rep. G.K. Butterfield (D-N.C.), head of …": past the party and state.
        let after = match after.strip_prefix(" (").and_then(|r| r.split_once(')')) {
            Some((tag, rest)) if tag.len() <= 12 => rest,
            _ => after,
        };
        let role = after
            .strip_prefix(", ")
            .and_then(|r| r.split([',', '.', '\n']).next())
            .and_then(appositive_role)
            .or(lead)
            .or_else(|| title_before(doc, words, ent.start))
            .or_else(|| cluster_role(doc, words, e));
        return Some(Speaker {
            name,
            role,
            at: tok.start,
            from: tok.start,
        });
    }
    // "said he had fought in Vietnam": a clause, the speaker came before the verb.
    if matches!(words[i].as_str(), "he" | "she" | "they" | "we" | "i" | "it")
        && words
            .get(i + 1)
            .is_some_and(|w| w.chars().all(char::is_alphabetic))
    {
        return None;
    }
    // "said the official", "according to police".
    let mut j = i;
    while j < end && j < i + 6 {
        let w = words[j].as_str();
        if matches!(w, "," | "." | "that" | "on" | "in" | "at" | "who") {
            break;
        }
        j += 1;
    }
    if j > i {
        let t = doc
            .text
            .get(tok.start as usize..doc.tokens[j - 1].end as usize)?
            .to_string();
        if t.split_whitespace().count() <= 5 {
            return Some(Speaker {
                name: t,
                role: None,
                at: tok.start,
                from: tok.start,
            });
        }
    }
    None
}

/// The person named after an organization and a role noun ("MSNBC host Chris Matthews",
/// "White House press secretary Josh Earnest"), with the entity's index.
fn person_after_role<'d>(
    doc: &'d Doc<'_>,
    words: &[String],
    ent: &tocsin_model::Entity,
) -> Option<(usize, &'d tocsin_model::Entity)> {
    if ent.label == EntityLabel::Per {
        return None;
    }
    let first = doc.tokens.partition_point(|t| t.start < ent.end);
    let (e, person) = doc
        .entities
        .iter()
        .enumerate()
        .find(|(_, e)| e.start >= ent.end && e.label == EntityLabel::Per)?;
    let last = doc.tokens.partition_point(|t| t.start < person.start);
    let between = first..last;
    let roleish = !between.is_empty()
        && between.len() <= 4
        && between
            .clone()
            .all(|i| words[i].chars().all(|c| c.is_alphabetic() || c == '-'))
        && is_role_noun(&words[last - 1]);
    roleish.then_some((e, person))
}

/// A noun naming what someone is: a title, or a media role ("host", "anchor").
fn is_role_noun(w: &str) -> bool {
    is_title_noun(w)
        || matches!(
            w,
            "host" | "anchor" | "correspondent" | "reporter" | "columnist" | "commentator"
        )
}

/// Title words right before a name: "White House national security adviser John Kirby".
fn title_before(doc: &Doc<'_>, words: &[String], start: u32) -> Option<String> {
    let k = doc.tokens.partition_point(|t| t.start < start);
    if k == 0 {
        return None;
    }
    let last = words[k - 1].as_str();
    if !is_title_noun(last) {
        return None;
    }
    let mut a = k - 1;
    while a > 0 && k - a < 7 {
        let w = words[a - 1].as_str();
        // A title does not run back over a paragraph break or a closing mark
        // ("…’\n\nMassachusetts Sen. Elizabeth Warren").
        let gap = doc
            .text
            .get(doc.tokens[a - 1].end as usize..doc.tokens[a].start as usize)
            .unwrap_or("");
        if gap.contains('\n')
            || matches!(
                w,
                "," | "." | "said" | "told" | "and" | "that" | "“" | "\"" | "”" | "’" | "'" | "‘"
            )
            || is_speech_verb(w)
        {
            break;
        }
        if matches!(w, "the" | "a" | "an") {
            break;
        }
        a -= 1;
    }
    let s = doc.tokens[a].start as usize;
    let e = doc.tokens[k - 1].end as usize;
    doc.text.get(s..e).map(str::to_string)
}

fn is_title_noun(w: &str) -> bool {
    matches!(
        w,
        "adviser"
            | "advisor"
            | "minister"
            | "spokesman"
            | "spokeswoman"
            | "spokesperson"
            | "president"
            | "chief"
            | "director"
            | "official"
            | "secretary"
            | "commander"
            | "general"
            | "gen."
            | "expert"
            | "analyst"
            | "fellow"
            | "professor"
            | "senator"
            | "sen."
            | "governor"
            | "gov."
            | "mayor"
            | "leader"
            | "chairman"
            | "chairwoman"
            | "ambassador"
            | "envoy"
            | "prosecutor"
            | "attorney"
            | "sheriff"
            | "captain"
            | "lieutenant"
            | "sergeant"
            | "detective"
            | "officer"
            | "candidate"
            | "nominee"
            | "rep."
            | "representative"
            | "congressman"
            | "congresswoman"
            | "premier"
            | "manager"
            | "founder"
            | "editor"
            | "researcher"
            | "coordinator"
            | "head"
            | "superintendent"
            | "inspector"
            | "colonel"
            | "col."
            | "lt."
            | "sgt."
            | "capt."
            | "deputy"
            | "judge"
            | "strategist"
            | "pollster"
            | "aide"
            | "counsel"
    )
}

/// The role the text gives a person at their first full mention (appositive or title).
fn cluster_role(doc: &Doc<'_>, words: &[String], e: usize) -> Option<String> {
    let c = *doc.resolution.entity_cluster.get(e)?;
    let cluster = doc.resolution.clusters.get(c)?;
    for &m in &cluster.mentions {
        let ent = doc.entities.get(m)?;
        if let Some(t) = title_before(doc, words, ent.start) {
            return Some(t);
        }
        let after = doc.text.get(ent.end as usize..).unwrap_or("");
        if let Some(r) = after
            .strip_prefix(", ")
            .and_then(|r| r.split([',', '\n']).next())
            .filter(|r| is_role_text(r) && is_role_clause(r))
        {
            let r = r.split(" told ").next().unwrap_or(r);
            return Some(clean_role(r));
        }
    }
    None
}

/// Reported speech: "X said (that) …" with no quotation marks in the sentence.
fn indirect(doc: &Doc<'_>, words: &[String], st: &[Stretch]) -> Vec<Quote> {
    let mut out = Vec::new();
    for s in doc.sentences {
        if st.iter().any(|q| q.start < s.end && q.end > s.start) {
            continue;
        }
        let r = s.tokens.clone();
        let Some(v) = r.clone().find(|&i| {
            matches!(
                words[i].as_str(),
                "said"
                    | "says"
                    | "told"
                    | "stated"
                    | "warned"
                    | "added"
                    | "claimed"
                    | "announced"
                    | "argued"
                    | "insisted"
            )
        }) else {
            continue;
        };
        if v <= r.start {
            continue;
        }
        let Some(sp) = name_ending_at(doc, words, before_party_tag(words, r.start, v)) else {
            continue;
        };
        // Content: after "said (that)" or "told X (that)".
        let mut c = v + 1;
        if words[v] == "told" {
            while c < r.end && !matches!(words[c].as_str(), "that" | ",") && c < v + 5 {
                c += 1;
            }
        }
        if c < r.end && words[c] == "that" {
            c += 1;
        }
        if c + 3 >= r.end
            || matches!(
                words[c].as_str(),
                "." | "," | "in" | "on" | "at" | "during" | "to" | "it" | "he" | "she" | "they"
            ) && words[c] != "it"
        {
            continue;
        }
        let a = doc.tokens[c].start;
        let mut e = doc.tokens[r.end - 1].end;
        if matches!(words[r.end - 1].as_str(), "." | "!" | "?") && r.end >= 2 {
            e = doc.tokens[r.end - 2].end;
        }
        if e <= a {
            continue;
        }
        out.push(Quote {
            text: doc
                .text
                .get(a as usize..e as usize)
                .unwrap_or("")
                .to_string(),
            speaker: Some(sp.name),
            speaker_role: sp.role,
            kind: QuoteKind::Indirect,
            start: a,
            end: e,
            cue: Some([doc.tokens[v].start, doc.tokens[v].end]),
        });
    }
    out
}
