//! robots.txt, as far as a polite news fetcher needs it: the group for our user agent (or
//! `*`), its `Allow`/`Disallow` prefixes (longest match wins, `*` and `$` patterns honoured),
//! and `Crawl-delay`.

/// The rules that apply to one user agent on one host.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Robots {
    rules: Vec<(bool, String)>,
    /// Seconds to wait between requests, if the site asks.
    pub crawl_delay: Option<f64>,
}

impl Robots {
    /// Everything allowed (no robots.txt, or a 4xx for it).
    pub fn allow_all() -> Robots {
        Robots::default()
    }

    /// Parses a robots.txt for `agent` (matched case-insensitively as a substring of the
    /// group's user-agent lines); falls back to the `*` group.
    pub fn parse(text: &str, agent: &str) -> Robots {
        let agent = agent.to_lowercase();
        let mut groups: Vec<(Vec<String>, Robots)> = Vec::new();
        let mut in_agents = false;
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            let (key, value) = (key.trim().to_lowercase(), value.trim());
            match key.as_str() {
                "user-agent" => {
                    if !in_agents {
                        groups.push((Vec::new(), Robots::default()));
                    }
                    in_agents = true;
                    if let Some(g) = groups.last_mut() {
                        g.0.push(value.to_lowercase());
                    }
                }
                "allow" | "disallow" => {
                    in_agents = false;
                    if let Some(g) = groups.last_mut() {
                        if !value.is_empty() {
                            g.1.rules.push((key == "allow", value.to_string()));
                        }
                    }
                }
                "crawl-delay" => {
                    in_agents = false;
                    if let Some(g) = groups.last_mut() {
                        g.1.crawl_delay = value.parse().ok();
                    }
                }
                _ => in_agents = false,
            }
        }
        let specific = groups.iter().find(|(agents, _)| {
            agents
                .iter()
                .any(|a| a != "*" && agent.contains(a.as_str()))
        });
        let any = groups
            .iter()
            .find(|(agents, _)| agents.iter().any(|a| a == "*"));
        specific.or(any).map(|(_, r)| r.clone()).unwrap_or_default()
    }

    /// Whether `path` (with its query) may be fetched.
    pub fn allowed(&self, path: &str) -> bool {
        let mut best: Option<(usize, bool)> = None;
        for (allow, pattern) in &self.rules {
            if matches(pattern, path) {
                let len = pattern.len();
                if best.is_none_or(|(l, a)| len > l || (len == l && *allow && !a)) {
                    best = Some((len, *allow));
                }
            }
        }
        best.is_none_or(|(_, allow)| allow)
    }
}

/// A robots.txt pattern: a prefix with `*` wildcards and an optional `$` end anchor.
fn matches(pattern: &str, path: &str) -> bool {
    let (pattern, anchored) = match pattern.strip_suffix('$') {
        Some(p) => (p, true),
        None => (pattern, false),
    };
    let parts: Vec<&str> = pattern.split('*').collect();
    let mut pos = 0;
    for (i, part) in parts.iter().enumerate() {
        if i == 0 {
            if !path.starts_with(part) {
                return false;
            }
            pos = part.len();
            continue;
        }
        match path[pos..].find(part) {
            Some(k) => pos += k + part.len(),
            None => return false,
        }
    }
    !anchored || pos == path.len() || parts.last().is_some_and(|p| p.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_longest_match_and_patterns() {
        let r = Robots::parse(
            "User-agent: *\nDisallow: /private/\nAllow: /private/open\nCrawl-delay: 2\n\nUser-agent: BadBot\nDisallow: /\n",
            "tocsin/0.1",
        );
        assert!(r.allowed("/news/a.html"));
        assert!(!r.allowed("/private/a.html"));
        assert!(r.allowed("/private/open/b.html"));
        assert_eq!(r.crawl_delay, Some(2.0));
        let bad = Robots::parse("User-agent: BadBot\nDisallow: /\n", "BadBot/1.0");
        assert!(!bad.allowed("/anything"));
        let pat = Robots::parse(
            "User-agent: *\nDisallow: /*.pdf$\nDisallow: /search*q=\n",
            "tocsin",
        );
        assert!(!pat.allowed("/files/report.pdf"));
        assert!(pat.allowed("/files/report.pdf.html"));
        assert!(!pat.allowed("/search?x=1&q=2"));
        assert!(Robots::parse("garbage\n\u{0}\nDisallow", "tocsin").allowed("/"));
    }
}
