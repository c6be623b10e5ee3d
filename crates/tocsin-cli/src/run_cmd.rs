//! `tocsin run`: the main job. Polls news feeds politely, fetches the articles they list,
//! analyses and stores them, and serves the API on loopback meanwhile.

use std::collections::HashSet;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use tocsin_ingest::feed::{parse_feed, FeedState, FeedValidators};
use tocsin_ingest::polite::{FetchError, Fetched, Fetcher, Policy};
use tocsin_model::{PayloadKind, RawDoc, Source};
use tocsin_pipeline::{raw_id, store_item};
use tocsin_store::Store;

use crate::analyze_cmd::{analyze_typed, Models};

/// The default feed list, also in `config/feeds.txt`.
const DEFAULT_FEEDS: &str = include_str!("../../../config/feeds.txt");

/// Arguments of `tocsin run`.
#[derive(clap::Args, Debug)]
pub struct RunArgs {
    /// The data directory.
    #[arg(long, env = "TOCSIN_DATA", default_value = "tocsin-data")]
    data: PathBuf,
    /// Address of the API; loopback by default.
    #[arg(long, env = "TOCSIN_LISTEN", default_value = tocsin_server::DEFAULT_LISTEN)]
    listen: SocketAddr,
    /// A feed to poll (repeatable); with --feeds, both are polled.
    #[arg(long)]
    feed: Vec<String>,
    /// A file of feed URLs, one per line (default: the built-in list, config/feeds.txt).
    #[arg(long, env = "TOCSIN_FEEDS")]
    feeds: Option<PathBuf>,
    /// Allow feeds and articles on private, loopback and link-local addresses.
    #[arg(long)]
    allow_private_addresses: bool,
    /// Seconds between two polls of the feeds.
    #[arg(long, default_value_t = 300)]
    interval: u64,
    /// Least seconds between two requests to one host.
    #[arg(long, default_value_t = 2.0)]
    host_interval: f64,
    /// The compiled gazetteer.
    #[arg(long, env = "TOCSIN_GAZETTEER")]
    gazetteer: Option<PathBuf>,
}

fn feed_list(a: &RunArgs) -> anyhow::Result<Vec<String>> {
    let mut feeds: Vec<String> = a.feed.clone();
    let text = match &a.feeds {
        Some(p) => {
            Some(std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?)
        }
        None if a.feed.is_empty() => Some(DEFAULT_FEEDS.to_string()),
        None => None,
    };
    if let Some(text) = text {
        feeds.extend(
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(str::to_string),
        );
    }
    anyhow::ensure!(!feeds.is_empty(), "no feeds to poll");
    Ok(feeds)
}

fn charset_of(content_type: Option<&str>) -> Option<String> {
    let ct = content_type?.to_ascii_lowercase();
    let cs = ct
        .split(';')
        .find_map(|p| p.trim().strip_prefix("charset="))?;
    Some(cs.trim_matches('"').to_string())
}

/// Runs `tocsin run`.
pub fn run(a: RunArgs) -> anyhow::Result<ExitCode> {
    let feeds = feed_list(&a)?;
    let store: Arc<tocsin_store_sqlite::SqliteStore> =
        Arc::new(crate::ingest_cmd::open_store(&a.data)?);
    let models = Models::load(a.gazetteer.as_deref(), None)?;
    let analyzer = models.analyzer();
    let listener = std::net::TcpListener::bind(a.listen)
        .with_context(|| format!("listening on {}", a.listen))?;
    let server_store: Arc<dyn Store> = store.clone();
    std::thread::spawn(move || {
        let rt = match tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
        {
            Ok(rt) => rt,
            Err(e) => {
                eprintln!("tocsin run: cannot start the API: {e}");
                return;
            }
        };
        if let Err(e) = rt.block_on(tocsin_server::serve_std(listener, server_store)) {
            eprintln!("tocsin run: the API stopped: {e}");
        }
    });
    eprintln!(
        "tocsin run: polling {} feeds every {} s; API on http://{}; store {}",
        feeds.len(),
        a.interval,
        a.listen,
        a.data.join("tocsin.db").display()
    );
    let fetcher = Fetcher::new(Policy {
        min_interval: Duration::from_secs_f64(a.host_interval.max(0.0)),
        allow_private: a.allow_private_addresses,
        ..Policy::default()
    });
    // Validators survive restarts in the data directory.
    let state_path = a.data.join("feeds.json");
    let mut state = FeedState::load(&state_path);
    let mut refused: HashSet<String> = HashSet::new();
    loop {
        for feed in &feeds {
            let v = state
                .feeds
                .get(feed)
                .map(|v| (v.etag.as_str(), v.last_modified.as_str()));
            let page = match fetcher.get(feed, v) {
                Ok(Fetched::NotModified) => continue,
                Ok(Fetched::Page(p)) => p,
                Err(e) => {
                    eprintln!("tocsin run: feed {feed}: {e}");
                    continue;
                }
            };
            state.feeds.insert(
                feed.clone(),
                FeedValidators {
                    etag: page.etag.clone().unwrap_or_default(),
                    last_modified: page.last_modified.clone().unwrap_or_default(),
                },
            );
            let items = match parse_feed(&page.bytes, &page.url) {
                Ok(items) => items,
                Err(e) => {
                    eprintln!("tocsin run: feed {feed}: {e}");
                    continue;
                }
            };
            let mut new = 0usize;
            for item in items {
                if refused.contains(&item.url) || store.contains_url(&item.url)? {
                    continue;
                }
                let article = match fetcher.get(&item.url, None) {
                    Ok(Fetched::Page(p)) => p,
                    Ok(Fetched::NotModified) => continue,
                    Err(
                        e
                        @ (FetchError::Robots(_) | FetchError::Private(_) | FetchError::BadUrl(_)),
                    ) => {
                        eprintln!("tocsin run: {}: {e}", item.url);
                        refused.insert(item.url.clone());
                        continue;
                    }
                    Err(e) => {
                        // Transient: tried again at the next poll.
                        eprintln!("tocsin run: {}: {e}", item.url);
                        continue;
                    }
                };
                let raw = RawDoc {
                    source: Source {
                        id: None,
                        path: None,
                        url: Some(item.url.clone()),
                        fetched_at: Some(tocsin_ingest::now_rfc3339()),
                    },
                    declared_charset: charset_of(article.content_type.as_deref()),
                    kind: if article
                        .content_type
                        .as_deref()
                        .is_some_and(|c| c.contains("html"))
                    {
                        PayloadKind::Html
                    } else {
                        PayloadKind::Unknown
                    },
                    bytes: article.bytes,
                    title_hint: item.title.clone(),
                    published_hint: item.published.clone(),
                };
                let id = raw_id(&raw.bytes);
                let outcome = analyze_typed(&analyzer, &raw).map_err(|(s, e)| (s.to_string(), e));
                let put = store_item(id, &raw.source, &tocsin_ingest::now_rfc3339(), outcome);
                new += store.put(&[put])?.inserted;
            }
            if new > 0 {
                eprintln!("tocsin run: feed {feed}: {new} new articles");
            }
            // Saved once the feed's items are stored: a crash before this point fetches the
            // feed in full again, and its stored items are skipped by URL.
            if let Err(e) = state.save(&state_path) {
                eprintln!("tocsin run: saving {}: {e}", state_path.display());
            }
        }
        std::thread::sleep(Duration::from_secs(a.interval.max(1)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_feed_list_is_urls() {
        let feeds: Vec<&str> = DEFAULT_FEEDS
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .collect();
        assert!(feeds.len() >= 15);
        assert!(feeds.iter().all(|f| f.starts_with("https://")));
    }

    #[test]
    fn charset_from_content_type() {
        assert_eq!(
            charset_of(Some("text/html; charset=\"ISO-8859-1\"")).as_deref(),
            Some("iso-8859-1")
        );
        assert_eq!(charset_of(Some("text/html")), None);
    }
}
