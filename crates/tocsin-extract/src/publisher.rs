//! Which outlet a copied page most likely came from, read off the remnants it kept.
//!
//! Content farms and aggregators republish wire and network stories, often machine-rewritten,
//! and leave the original's furniture in: "Join Fox News to access this content", "Click here
//! to get the Fox News app", "told Fox News Digital", "MOSCOW (Reuters) -", "© 2024 The
//! Associated Press", "This article originally appeared on …". A copy should be linked to its
//! original rather than counted as an independent source, so [`likely_original_publisher`]
//! scores each known outlet by the cues around its mentions and names the strongest one.
//!
//! A bare mention scores nothing: stories cite other outlets all the time, and photo credits
//! name agencies on pages that license their pictures. Only a mention inside a cue counts,
//! and one strong cue (or two ordinary ones) is needed.
//!
//! ```
//! use tocsin_extract::publisher::likely_original_publisher;
//! let text = "Join Fox News to access this content\n\nGunmen attacked a hall.\n\nClick here to get the Fox News app";
//! assert_eq!(likely_original_publisher(text, None).as_deref(), Some("Fox News"));
//! assert_eq!(likely_original_publisher(text, Some("foxnews.com")), None);
//! ```

use memchr::memmem;
use std::sync::OnceLock;
use tocsin_model::text::{ceil_char_boundary, floor_char_boundary};

/// One known outlet: its canonical name, the names it appears under in text, and its domains.
#[derive(Debug)]
pub struct Outlet {
    /// Canonical name, as returned.
    pub name: &'static str,
    /// Names as printed. Matched case-sensitively as written and in capitals (all-caps promo
    /// lines), at word boundaries; short acronyms therefore never match common words.
    pub variants: &'static [&'static str],
    /// Web domains, for recognising the page's own site.
    pub domains: &'static [&'static str],
}

const fn o(
    name: &'static str,
    variants: &'static [&'static str],
    domains: &'static [&'static str],
) -> Outlet {
    Outlet {
        name,
        variants,
        domains,
    }
}

/// Wires, international networks and major national and regional outlets.
pub static OUTLETS: &[Outlet] = &[
    // Wires and agencies
    o("Reuters", &["Reuters", "Thomson Reuters"], &["reuters.com"]),
    o(
        "Associated Press",
        &["Associated Press", "The Associated Press", "AP", "AP News"],
        &["apnews.com", "ap.org"],
    ),
    o(
        "Agence France-Presse",
        &["Agence France-Presse", "Agence France Presse", "AFP"],
        &["afp.com"],
    ),
    o(
        "Bloomberg",
        &["Bloomberg", "Bloomberg News"],
        &["bloomberg.com"],
    ),
    o(
        "United Press International",
        &["United Press International", "UPI"],
        &["upi.com"],
    ),
    o(
        "Deutsche Presse-Agentur",
        &["Deutsche Presse-Agentur", "dpa"],
        &["dpa.com", "dpa.de"],
    ),
    o("EFE", &["Agencia EFE", "EFE"], &["efe.com"]),
    o("ANSA", &["ANSA"], &["ansa.it"]),
    o(
        "Xinhua",
        &["Xinhua", "Xinhua News Agency"],
        &["xinhuanet.com", "news.cn"],
    ),
    o("TASS", &["TASS"], &["tass.com", "tass.ru"]),
    o("RIA Novosti", &["RIA Novosti"], &["ria.ru"]),
    o("Interfax", &["Interfax"], &["interfax.ru", "interfax.com"]),
    o(
        "Anadolu Agency",
        &["Anadolu Agency", "Anadolu Ajansı"],
        &["aa.com.tr"],
    ),
    o("Kyodo News", &["Kyodo News", "Kyodo"], &["kyodonews.net"]),
    o("Yonhap", &["Yonhap", "Yonhap News Agency"], &["yna.co.kr"]),
    o(
        "Press Trust of India",
        &["Press Trust of India", "PTI"],
        &["ptinews.com"],
    ),
    o("ANI", &["Asian News International", "ANI"], &["aninews.in"]),
    o(
        "IRNA",
        &["IRNA", "Islamic Republic News Agency"],
        &["irna.ir"],
    ),
    // US networks and papers
    o(
        "Fox News",
        &[
            "Fox News",
            "Fox News Digital",
            "Fox Digital News",
            "Fox News Channel",
            "FoxNews.com",
            "FOX News",
        ],
        &["foxnews.com"],
    ),
    o(
        "Fox Business",
        &["Fox Business", "FOX Business"],
        &["foxbusiness.com"],
    ),
    o("CNN", &["CNN"], &["cnn.com"]),
    o("NBC News", &["NBC News"], &["nbcnews.com"]),
    o("CBS News", &["CBS News"], &["cbsnews.com"]),
    o(
        "ABC News",
        &["ABC News"],
        &["abcnews.go.com", "abcnews.com"],
    ),
    o("MSNBC", &["MSNBC"], &["msnbc.com"]),
    o("NPR", &["NPR"], &["npr.org"]),
    o("PBS NewsHour", &["PBS NewsHour", "PBS"], &["pbs.org"]),
    o(
        "The New York Times",
        &["The New York Times", "New York Times", "NYT"],
        &["nytimes.com"],
    ),
    o(
        "The Washington Post",
        &["The Washington Post", "Washington Post"],
        &["washingtonpost.com"],
    ),
    o(
        "The Wall Street Journal",
        &["The Wall Street Journal", "Wall Street Journal", "WSJ"],
        &["wsj.com"],
    ),
    o("USA Today", &["USA Today", "USA TODAY"], &["usatoday.com"]),
    o(
        "Los Angeles Times",
        &["Los Angeles Times", "LA Times"],
        &["latimes.com"],
    ),
    o(
        "New York Post",
        &["New York Post", "NY Post"],
        &["nypost.com"],
    ),
    o(
        "Politico",
        &["Politico", "POLITICO"],
        &["politico.com", "politico.eu"],
    ),
    o("Axios", &["Axios"], &["axios.com"]),
    o("The Hill", &["The Hill"], &["thehill.com"]),
    o("Newsweek", &["Newsweek"], &["newsweek.com"]),
    o("Time", &["Time magazine", "TIME magazine"], &["time.com"]),
    o(
        "Business Insider",
        &["Business Insider"],
        &["businessinsider.com"],
    ),
    o(
        "HuffPost",
        &["HuffPost", "Huffington Post"],
        &["huffpost.com"],
    ),
    o("Vice News", &["Vice News", "VICE News"], &["vice.com"]),
    o(
        "The Daily Beast",
        &["The Daily Beast", "Daily Beast"],
        &["thedailybeast.com"],
    ),
    o(
        "Breitbart",
        &["Breitbart", "Breitbart News"],
        &["breitbart.com"],
    ),
    o(
        "Voice of America",
        &["Voice of America", "VOA"],
        &["voanews.com"],
    ),
    o(
        "Radio Free Europe/Radio Liberty",
        &[
            "Radio Free Europe/Radio Liberty",
            "Radio Free Europe",
            "RFE/RL",
        ],
        &["rferl.org"],
    ),
    // UK and Ireland
    o(
        "BBC News",
        &["BBC", "BBC News", "BBC World Service"],
        &["bbc.com", "bbc.co.uk"],
    ),
    o("Sky News", &["Sky News"], &["news.sky.com", "sky.com"]),
    o(
        "The Guardian",
        &["The Guardian", "Guardian"],
        &["theguardian.com"],
    ),
    o(
        "The Independent",
        &["The Independent"],
        &["independent.co.uk"],
    ),
    o(
        "The Telegraph",
        &["The Telegraph", "The Daily Telegraph", "Telegraph"],
        &["telegraph.co.uk"],
    ),
    o(
        "The Times",
        &["The Times", "The Sunday Times"],
        &["thetimes.co.uk", "thetimes.com"],
    ),
    o("Financial Times", &["Financial Times", "FT"], &["ft.com"]),
    o("The Economist", &["The Economist"], &["economist.com"]),
    o(
        "Daily Mail",
        &["Daily Mail", "MailOnline", "Mail Online"],
        &["dailymail.co.uk"],
    ),
    o("The Sun", &["The Sun"], &["thesun.co.uk"]),
    o(
        "Daily Mirror",
        &["Daily Mirror", "The Mirror"],
        &["mirror.co.uk"],
    ),
    o(
        "Daily Express",
        &["Daily Express", "Express.co.uk"],
        &["express.co.uk"],
    ),
    // International broadcasters
    o(
        "Al Jazeera",
        &["Al Jazeera", "Al-Jazeera", "Aljazeera"],
        &["aljazeera.com", "aljazeera.net"],
    ),
    o(
        "Al Arabiya",
        &["Al Arabiya", "Al-Arabiya"],
        &["alarabiya.net"],
    ),
    o("France 24", &["France 24", "France24"], &["france24.com"]),
    o("Deutsche Welle", &["Deutsche Welle", "DW"], &["dw.com"]),
    o("Euronews", &["Euronews"], &["euronews.com"]),
    o("RT", &["RT", "Russia Today"], &["rt.com"]),
    o(
        "Sputnik",
        &["Sputnik", "Sputnik News"],
        &["sputniknews.com", "sputnikglobe.com"],
    ),
    o("CGTN", &["CGTN"], &["cgtn.com"]),
    o("Press TV", &["Press TV", "PressTV"], &["presstv.ir"]),
    // Middle East, Asia, Pacific, Americas
    o(
        "The Times of Israel",
        &["The Times of Israel", "Times of Israel"],
        &["timesofisrael.com"],
    ),
    o(
        "The Jerusalem Post",
        &["The Jerusalem Post", "Jerusalem Post"],
        &["jpost.com"],
    ),
    o("Haaretz", &["Haaretz"], &["haaretz.com"]),
    o(
        "Middle East Eye",
        &["Middle East Eye"],
        &["middleeasteye.net"],
    ),
    o("Al-Monitor", &["Al-Monitor"], &["al-monitor.com"]),
    o("Arab News", &["Arab News"], &["arabnews.com"]),
    o("The National", &["The National"], &["thenationalnews.com"]),
    o(
        "The Times of India",
        &["The Times of India", "Times of India"],
        &["timesofindia.indiatimes.com", "indiatimes.com"],
    ),
    o(
        "Hindustan Times",
        &["Hindustan Times"],
        &["hindustantimes.com"],
    ),
    o("NDTV", &["NDTV"], &["ndtv.com"]),
    o("The Hindu", &["The Hindu"], &["thehindu.com"]),
    o("Dawn", &["Dawn.com", "DAWN"], &["dawn.com"]),
    o(
        "South China Morning Post",
        &["South China Morning Post", "SCMP"],
        &["scmp.com"],
    ),
    o("Global Times", &["Global Times"], &["globaltimes.cn"]),
    o(
        "The Japan Times",
        &["The Japan Times", "Japan Times"],
        &["japantimes.co.jp"],
    ),
    o(
        "The Straits Times",
        &["The Straits Times", "Straits Times"],
        &["straitstimes.com"],
    ),
    o(
        "The Sydney Morning Herald",
        &["The Sydney Morning Herald", "Sydney Morning Herald"],
        &["smh.com.au"],
    ),
    o("CBC News", &["CBC News", "CBC"], &["cbc.ca"]),
    o("CTV News", &["CTV News", "CTV"], &["ctvnews.ca"]),
    o("Global News", &["Global News"], &["globalnews.ca"]),
    o(
        "The Kyiv Independent",
        &["The Kyiv Independent", "Kyiv Independent"],
        &["kyivindependent.com"],
    ),
    o("Kyiv Post", &["Kyiv Post"], &["kyivpost.com"]),
    o("Ukrinform", &["Ukrinform"], &["ukrinform.net"]),
    o(
        "The Moscow Times",
        &["The Moscow Times", "Moscow Times"],
        &["themoscowtimes.com"],
    ),
    // Germany, France, Spain
    o(
        "Der Spiegel",
        &["Der Spiegel", "DER SPIEGEL", "Spiegel Online", "SPIEGEL"],
        &["spiegel.de"],
    ),
    o(
        "Die Zeit",
        &["Die Zeit", "Zeit Online", "ZEIT ONLINE", "DIE ZEIT"],
        &["zeit.de"],
    ),
    o(
        "Süddeutsche Zeitung",
        &["Süddeutsche Zeitung", "SZ.de"],
        &["sueddeutsche.de"],
    ),
    o(
        "Frankfurter Allgemeine Zeitung",
        &[
            "Frankfurter Allgemeine Zeitung",
            "Frankfurter Allgemeine",
            "FAZ",
            "F.A.Z.",
        ],
        &["faz.net"],
    ),
    o("Die Welt", &["Die Welt", "WELT"], &["welt.de"]),
    o("Bild", &["BILD", "Bild.de"], &["bild.de"]),
    o(
        "Tagesschau",
        &["tagesschau.de", "Tagesschau", "tagesschau"],
        &["tagesschau.de"],
    ),
    o("Le Monde", &["Le Monde"], &["lemonde.fr"]),
    o("Le Figaro", &["Le Figaro"], &["lefigaro.fr"]),
    o("El País", &["El País", "El Pais"], &["elpais.com"]),
    o("El Mundo", &["El Mundo"], &["elmundo.es"]),
];

/// Minimum total score for an outlet to be named.
const THRESHOLD: u32 = 3;

/// One variant of one outlet, as searched.
struct Needle {
    outlet: usize,
    finder: memmem::Finder<'static>,
    len: usize,
    /// The variant mentions "Digital" ("Fox News Digital"), which a "told" cue favours.
    digital: bool,
}

fn needles() -> &'static [Needle] {
    static NEEDLES: OnceLock<Vec<Needle>> = OnceLock::new();
    NEEDLES.get_or_init(|| {
        let mut out = Vec::new();
        for (i, outlet) in OUTLETS.iter().enumerate() {
            for v in outlet.variants {
                let upper = v.to_uppercase();
                let forms: &[String] = if upper == *v {
                    &[]
                } else {
                    std::slice::from_ref(&upper)
                };
                let mut push = |s: &str| {
                    out.push(Needle {
                        outlet: i,
                        finder: memmem::Finder::new(s.as_bytes()).into_owned(),
                        len: s.len(),
                        digital: s.to_ascii_lowercase().contains("digital"),
                    });
                };
                push(v);
                for f in forms {
                    push(f);
                }
            }
        }
        out
    })
}

/// The outlet a page was most likely copied from, judged from the whole raw text (furniture
/// included; that is where the remnants are), or `None` when no outlet's cues are strong
/// enough or the only strong ones point at the page's own `site` (a name or a domain/URL).
///
/// Cues and their weights (per mention):
/// - 4: "originally appeared on/in X", "first published by X" (with "originally"/"first"/
///   "this article" nearby).
/// - 3: "Join X" (paywall prompt), "get the X app", "© 2024 X" / "Copyright X",
///   "CITY (X) -" wire datelines, "— X" sign-off lines, "told X Digital".
/// - 2: "told X", "X app", "Source: X", "subscribe to X", "X newsletter", "X … contributed to
///   this report", "Mit Material von X".
/// - 1: "(X)" without a dash, "via X", "Follow X on", "More from X", a line that is only X.
///
/// Outlets with no entry in [`OUTLETS`] are named only from the strongest phrasings
/// ("originally appeared on …", "Join … to access"), as printed.
pub fn likely_original_publisher(text: &str, site: Option<&str>) -> Option<String> {
    let mut matches = find_mentions(text);
    if matches.is_empty() {
        return unknown_outlet(text, site);
    }
    // Keep the longest of overlapping mentions ("Fox News Digital" over "Fox News", "The
    // Times of Israel" over "The Times").
    matches.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut kept: Vec<Mention> = Vec::with_capacity(matches.len());
    for m in matches {
        if kept.last().is_some_and(|k| m.start < k.end) {
            continue;
        }
        kept.push(m);
    }
    let mut scores = vec![(0u32, usize::MAX); OUTLETS.len()];
    for m in &kept {
        let s = score_mention(text, m);
        if s > 0 {
            let e = &mut scores[m.outlet];
            e.0 += s;
            e.1 = e.1.min(m.start);
        }
    }
    let best = scores
        .iter()
        .enumerate()
        .filter(|(i, (s, _))| *s >= THRESHOLD && !site_is(&OUTLETS[*i], site))
        .max_by(|a, b| a.1 .0.cmp(&b.1 .0).then(b.1 .1.cmp(&a.1 .1)));
    match best {
        Some((i, _)) => Some(OUTLETS[i].name.to_string()),
        None => {
            let own_strong = scores
                .iter()
                .enumerate()
                .any(|(i, (s, _))| *s >= THRESHOLD && site_is(&OUTLETS[i], site));
            if own_strong {
                None
            } else {
                unknown_outlet(text, site)
            }
        }
    }
}

struct Mention {
    outlet: usize,
    start: usize,
    end: usize,
    digital: bool,
}

fn find_mentions(text: &str) -> Vec<Mention> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    for n in needles() {
        for start in n.finder.find_iter(bytes) {
            let end = start + n.len;
            // Word boundaries: "CNN" not inside "CNNs", "AP" not inside "CAP" or "APs".
            let before = text[..start].chars().next_back();
            let after = text[end..].chars().next();
            if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            out.push(Mention {
                outlet: n.outlet,
                start,
                end,
                digital: n.digital,
            });
        }
    }
    out
}

/// Lower-cases and whitespace-folds a window of text on one line, for cue comparisons.
fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        match c {
            '\u{2018}' | '\u{2019}' => out.push('\''),
            '\u{2010}'..='\u{2015}' => out.push('-'),
            _ => out.extend(c.to_lowercase()),
        }
    }
    if space {
        out.push(' ');
    }
    out
}

/// The score of the cues around one mention.
fn score_mention(text: &str, m: &Mention) -> u32 {
    let line_start = text[..m.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[m.end..].find('\n').map_or(text.len(), |i| m.end + i);
    let win_start = ceil_char_boundary(text, line_start.max(m.start.saturating_sub(64)));
    let win_end = floor_char_boundary(text, line_end.min(m.end + 96));
    let before = fold(&text[win_start..m.start]);
    let after = fold(&text[m.end..win_end]);
    let whole_after = fold(&text[m.end..line_end]);
    let line_before = text[line_start..m.start].trim();

    let mut score = 0;
    // Paywall prompt: "Join Fox News to access this content".
    if before.ends_with("join ") {
        score += 3;
    }
    // App promotion: "Click here to get the Fox News app".
    if starts_with_word(&after, " app") {
        let get = [
            "get the ",
            "download the ",
            "install the ",
            "get the free ",
            "open the ",
        ];
        score += if get.iter().any(|g| before.ends_with(g)) {
            3
        } else {
            2
        };
    }
    // Exclusive-interview signature: "told Fox News Digital".
    if before.ends_with("told ") {
        score += 2;
        if m.digital || starts_with_word(&after, " digital") {
            score += 1;
        }
    }
    // Copyright lines: "© 2024 Reuters", "Copyright 2024 The Associated Press".
    let stripped = before
        .trim_end()
        .trim_end_matches(|c: char| c.is_ascii_digit() || c == '-' || c == ' ')
        .trim_end();
    if stripped.ends_with('©') || stripped.ends_with("copyright") || stripped.ends_with("(c)") {
        score += 3;
    }
    // Wire datelines: "MOSCOW (Reuters) -", "Berlin (dpa) –".
    if before.ends_with('(') && after.starts_with(')') {
        let rest = after[1..].trim_start();
        score += if rest.starts_with(['-', '—', '–']) {
            3
        } else {
            1
        };
    }
    // Sign-off lines: "— The Associated Press".
    if matches!(line_before, "-" | "—" | "–" | "--") {
        score += 3;
    }
    // Republication notes.
    const REPUBLISHED: &[&str] = &[
        "appeared on ",
        "appeared in ",
        "appeared at ",
        "published on ",
        "published in ",
        "published by ",
        "republished from ",
        "reprinted from ",
        "reproduced from ",
        "republished with permission from ",
        "courtesy of ",
    ];
    if REPUBLISHED.iter().any(|p| before.ends_with(p))
        && [
            "originally",
            "first",
            "this article",
            "this story",
            "republished",
            "reprinted",
            "reproduced",
            "courtesy",
        ]
        .iter()
        .any(|w| before.contains(w))
    {
        score += 4;
    }
    const SOURCE: &[&str] = &[
        "source: ",
        "source : ",
        "quelle: ",
        "fuente: ",
        "mit material von ",
        "material from ",
    ];
    if SOURCE.iter().any(|p| before.ends_with(p)) {
        score += 2;
    }
    if before.ends_with("via ") && !after.trim_start().starts_with("getty") {
        score += 1;
    }
    if whole_after.contains("contributed to this report")
        || whole_after.contains("contributed reporting")
    {
        score += 2;
    }
    const SUBSCRIBE: &[&str] = &[
        "subscribe to ",
        "sign up for ",
        "sign up to ",
        "log in to ",
        "sign in to ",
    ];
    if SUBSCRIBE.iter().any(|p| before.ends_with(p))
        || [
            " newsletter",
            " premium",
            " account",
            " subscriber",
            " subscription",
        ]
        .iter()
        .any(|w| starts_with_word(&after, w))
    {
        score += 2;
    }
    if before.ends_with("more from ") || (before.ends_with("follow ") && after.starts_with(" on "))
    {
        score += 1;
    }
    // A line that is nothing but the outlet's name (a logo's alt text, a footer).
    if line_before.is_empty() && text[m.end..line_end].trim().is_empty() {
        score += 1;
    }
    score.min(6)
}

/// `s` starts with `w` and `w` is not the start of a longer word (" app" but not " apple").
fn starts_with_word(s: &str, w: &str) -> bool {
    s.starts_with(w) && !s[w.len()..].starts_with(|c: char| c.is_alphanumeric())
}

/// Whether an outlet is the page's own site: the site string (a name, a domain or a URL)
/// contains one of its domains or its name.
fn site_is(outlet: &Outlet, site: Option<&str>) -> bool {
    let Some(site) = site else { return false };
    let site = site.to_lowercase();
    let site = site.trim();
    if site.is_empty() {
        return false;
    }
    if outlet.domains.iter().any(|d| {
        site.match_indices(d).any(|(i, _)| {
            let before = site[..i].chars().next_back();
            let after = site[i + d.len()..].chars().next();
            !before.is_some_and(|c| c.is_alphanumeric() || c == '-')
                && !after.is_some_and(|c| c.is_alphanumeric() || c == '-')
        })
    }) {
        return true;
    }
    let name = outlet.name.to_lowercase();
    let bare = name.strip_prefix("the ").unwrap_or(&name);
    contains_phrase(site, bare)
        || outlet
            .variants
            .iter()
            .filter(|v| v.len() >= 5)
            .any(|v| contains_phrase(site, &v.to_lowercase()))
}

/// `hay` contains `phrase` with no letter or digit directly around it.
fn contains_phrase(hay: &str, phrase: &str) -> bool {
    !phrase.is_empty()
        && hay.match_indices(phrase).any(|(i, _)| {
            let before = hay[..i].chars().next_back();
            let after = hay[i + phrase.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
}

/// Names an outlet missing from [`OUTLETS`] from the strongest phrasings only: "This article
/// originally appeared on The Conversation", "Join Example Daily to access this content".
fn unknown_outlet(text: &str, site: Option<&str>) -> Option<String> {
    const LEADS: &[&str] = &[
        "originally appeared on ",
        "originally appeared in ",
        "first appeared on ",
        "first appeared in ",
        "originally published on ",
        "originally published in ",
        "originally published by ",
        "first published by ",
        "first published on ",
    ];
    let lower = text.to_ascii_lowercase();
    let mut found: Option<(usize, String)> = None;
    for lead in LEADS {
        if let Some(i) = lower.find(lead) {
            if let Some(name) = capitalised_run(&text[i + lead.len()..]) {
                if found.as_ref().is_none_or(|(j, _)| i < *j) {
                    found = Some((i, name));
                }
            }
        }
    }
    if found.is_none() {
        for line in text.lines() {
            let t = line.trim();
            if t.len() > 120 || !t.get(..5).is_some_and(|h| h.eq_ignore_ascii_case("join ")) {
                continue;
            }
            let rest = &t[5..];
            let lower_rest = rest.to_ascii_lowercase();
            if let Some(end) = lower_rest
                .find(" to access")
                .or_else(|| lower_rest.find(" to continue"))
            {
                if let Some(name) = capitalised_run(&rest[..end]) {
                    found = Some((0, name));
                    break;
                }
            }
        }
    }
    let (_, name) = found?;
    let own = site.is_some_and(|s| {
        let s: String = s
            .to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect();
        let n: String = name
            .to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect();
        !n.is_empty() && (s.contains(&n) || n.contains(&s))
    });
    (!own).then_some(name)
}

/// The run of capitalised words (with "of", "the", "and", "&" inside, and domain-like
/// tokens) at the start of `s`: an outlet's name as printed.
fn capitalised_run(s: &str) -> Option<String> {
    let mut words: Vec<&str> = Vec::new();
    for tok in s.split_whitespace().take(6) {
        let core = tok.trim_end_matches([',', '.', ';', ':', '!', '?', ')', '"', '\'', '”']);
        let cut = core.len() < tok.len();
        let ok = core
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            || (!words.is_empty() && matches!(core, "of" | "the" | "and" | "&" | "de" | "du"))
            || core.contains(".com");
        if !ok || core.is_empty() {
            break;
        }
        words.push(core);
        if cut {
            break;
        }
    }
    while words
        .last()
        .is_some_and(|w| matches!(*w, "of" | "the" | "and" | "&" | "de" | "du"))
    {
        words.pop();
    }
    (!words.is_empty()).then(|| words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lop(text: &str) -> Option<String> {
        likely_original_publisher(text, None)
    }

    #[test]
    fn fox_remnants_in_a_rewritten_copy() {
        let text = "ISIS-K makes resurgence\n\nJoin Fox News to access this content\n\n\
            Bill Roggio told Fox Digital News. “Anyone…”\n\nClick here to get the Fox News app\n\nSource link";
        assert_eq!(lop(text).as_deref(), Some("Fox News"));
        assert_eq!(lop("An analyst told Fox News Digital that the group is growing.\n\nCLICK HERE TO GET THE FOX NEWS APP").as_deref(), Some("Fox News"));
    }

    #[test]
    fn wires() {
        assert_eq!(
            lop("MOSCOW (Reuters) - Gunmen opened fire in a concert hall.\n\n© 2024 Reuters. All rights reserved.").as_deref(),
            Some("Reuters")
        );
        assert_eq!(
            lop("KABUL, Afghanistan (AP) — A suicide bomber struck.").as_deref(),
            Some("Associated Press")
        );
        assert_eq!(
            lop("Berlin (dpa) - Die Polizei ermittelt.").as_deref(),
            Some("Deutsche Presse-Agentur")
        );
        assert_eq!(
            lop("A bomb exploded.\n\nCopyright 2024 The Associated Press. All rights reserved.")
                .as_deref(),
            Some("Associated Press")
        );
        assert_eq!(
            lop("A bomb exploded.\n\n— The Associated Press").as_deref(),
            Some("Associated Press")
        );
    }

    #[test]
    fn republication_notes() {
        assert_eq!(
            lop("Text.\n\nThis article originally appeared on Al Jazeera.").as_deref(),
            Some("Al Jazeera")
        );
        assert_eq!(
            lop("Text.\n\nThis article first appeared in The Kyiv Independent.").as_deref(),
            Some("The Kyiv Independent")
        );
        // Not in the table: named as printed.
        assert_eq!(
            lop("Text.\n\nThis article originally appeared on The Conversation.").as_deref(),
            Some("The Conversation")
        );
        assert_eq!(
            lop("Join Example Daily to access this content\n\nText.").as_deref(),
            Some("Example Daily")
        );
    }

    #[test]
    fn bare_mentions_and_photo_credits_do_not_count() {
        assert_eq!(
            lop("The group told Reuters it was behind the attack."),
            None
        );
        assert_eq!(
            lop("A soldier stands guard. (AP Photo/Evan Vucci)\n\nMourners gather. (AFP via Getty Images)\n\nCNN reported the toll."),
            None
        );
        assert_eq!(
            lop("The BBC and Al Jazeera both reported the attack, according to CNN."),
            None
        );
        assert_eq!(lop("Soldiers took the hill. THE HILL WAS TAKEN."), None);
        assert_eq!(lop(""), None);
    }

    #[test]
    fn own_site_is_not_the_original() {
        let text = "Join Fox News to access this content\n\nClick here to get the Fox News app";
        assert_eq!(likely_original_publisher(text, Some("foxnews.com")), None);
        assert_eq!(
            likely_original_publisher(text, Some("https://www.foxnews.com/world/x")),
            None
        );
        assert_eq!(likely_original_publisher(text, Some("Fox News")), None);
        assert_eq!(
            likely_original_publisher(text, Some("example-news.net")).as_deref(),
            Some("Fox News")
        );
        // The own site's furniture plus a wire's dateline: the wire is the original.
        let mixed = "Join Fox News to access this content\n\nMOSCOW (Reuters) - Gunmen attacked.";
        assert_eq!(
            likely_original_publisher(mixed, Some("foxnews.com")).as_deref(),
            Some("Reuters")
        );
        assert_eq!(
            likely_original_publisher(
                "Text.\n\nThis article originally appeared on The Conversation.",
                Some("theconversation.com")
            ),
            None
        );
    }

    #[test]
    fn longest_overlapping_mention_wins() {
        assert_eq!(
            lop("Text.\n\nThis article originally appeared in The Times of Israel.").as_deref(),
            Some("The Times of Israel")
        );
    }

    #[test]
    fn every_outlet_has_variants_and_domains() {
        for outlet in OUTLETS {
            assert!(
                !outlet.variants.is_empty() && !outlet.domains.is_empty(),
                "{}",
                outlet.name
            );
        }
        assert!(OUTLETS.len() >= 60);
    }
}
