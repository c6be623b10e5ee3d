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
