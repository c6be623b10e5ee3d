//! RSS and Atom feeds (and JSON Feed) → the articles they list.

/// One item of a feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedItem {
    /// The article's URL.
    pub url: String,
    /// Its title, as the feed gives it.
    pub title: Option<String>,
    /// Its publication date (RFC 3339), as the feed gives it.
    pub published: Option<String>,
}

/// Why a feed could not be read.
#[derive(Debug, thiserror::Error)]
#[error("not a readable RSS/Atom/JSON feed: {0}")]
pub struct FeedError(String);

/// The items of a feed, in feed order; items without a link are left out.
pub fn parse_feed(bytes: &[u8], base_url: &str) -> Result<Vec<FeedItem>, FeedError> {
    let feed = feed_rs::parser::Builder::new()
        .base_uri(Some(base_url))
        .build()
        .parse(bytes)
        .map_err(|e| FeedError(e.to_string()))?;
    Ok(feed
        .entries
        .into_iter()
        .filter_map(|e| {
            let link = e
                .links
                .iter()
                .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
                .or_else(|| e.links.first())?;
            Some(FeedItem {
                url: link.href.clone(),
                title: e.title.map(|t| t.content),
                published: e.published.or(e.updated).map(|d| d.to_rfc3339()),
            })
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_and_atom_items() {
        let rss = br#"<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
            <item><title>Blast in Kabul</title><link>https://n.example/a1</link><pubDate>Fri, 22 Mar 2024 10:00:00 GMT</pubDate></item>
            <item><title>No link</title></item>
            <item><title>Relative</title><link>/a2</link></item></channel></rss>"#;
        let items = parse_feed(rss, "https://n.example/feed.xml").expect("rss");
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].url, "https://n.example/a1");
        assert_eq!(items[0].title.as_deref(), Some("Blast in Kabul"));
        assert!(items[0]
            .published
            .as_deref()
            .is_some_and(|p| p.starts_with("2024-03-22T10:00:00")));
        let atom = br#"<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
            <entry><title>Shooting</title><link rel="alternate" href="https://n.example/b1"/><updated>2024-03-22T10:00:00Z</updated><id>x</id></entry></feed>"#;
        let items = parse_feed(atom, "https://n.example/atom").expect("atom");
        assert_eq!(items[0].url, "https://n.example/b1");
        assert!(parse_feed(b"<html>not a feed", "https://x").is_err());
    }
}

/// What a poller remembers of each feed between runs: the validators of its last answer, so
/// that a restarted `tocsin run` asks "changed since?" instead of downloading every feed
/// again (a courtesy large outlets expect from pollers).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FeedState {
    /// Per feed URL.
    pub feeds: std::collections::BTreeMap<String, FeedValidators>,
}

/// The `ETag` and `Last-Modified` of a feed's last full answer.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FeedValidators {
    /// `ETag`, empty when the server sent none.
    pub etag: String,
    /// `Last-Modified`, empty when the server sent none.
    pub last_modified: String,
}

impl FeedState {
    /// Reads the state file; a missing or unreadable one is an empty state (the cost is one
    /// unconditional fetch per feed), never an error that stops polling.
    pub fn load(path: &std::path::Path) -> FeedState {
        std::fs::read(path)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    /// Writes the state file atomically (a temporary file renamed over it), so that a
    /// crash mid-write leaves the previous state.
    pub fn save(&self, path: &std::path::Path) -> std::io::Result<()> {
        let tmp = path.with_extension("json.tmp");
        let json = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        std::fs::write(&tmp, json)?;
        std::fs::rename(&tmp, path)
    }
}

#[cfg(test)]
mod state_tests {
    use super::*;

    #[test]
    fn state_survives_a_restart_and_bad_files_start_empty() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("feeds.json");
        assert_eq!(FeedState::load(&path), FeedState::default());
        let mut state = FeedState::default();
        state.feeds.insert(
            "https://example.org/rss".into(),
            FeedValidators {
                etag: "\"v7\"".into(),
                last_modified: "Sat, 04 May 2024 10:00:00 GMT".into(),
            },
        );
        state.save(&path).expect("save");
        assert_eq!(FeedState::load(&path), state);
        std::fs::write(&path, b"{not json").expect("write");
        assert_eq!(FeedState::load(&path), FeedState::default());
    }
}
