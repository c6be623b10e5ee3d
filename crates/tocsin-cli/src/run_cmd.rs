//! `tocsin run`: the main job. Polls news feeds politely, fetches the articles they list,
//! analyses and stores them, and serves the API on loopback meanwhile.

use std::collections::{HashMap, HashSet};
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

/// How many polls in a row may fail to fetch an article before it is given up (until the
/// process restarts).
const ATTEMPTS: u32 = 3;

/// Whether fetching again cannot help: the URL is refused by policy or robots.txt, or the
/// server said the page is not there (4xx other than timeouts and rate limits), too big, or
/// redirects in circles. Server errors, rate limits and network failures may pass.
fn is_permanent(e: &FetchError) -> bool {
    match e {
        FetchError::Robots(_)
        | FetchError::Private(_)
        | FetchError::BadUrl(_)
        | FetchError::Redirects
        | FetchError::TooLarge(_) => true,
        FetchError::Status(code) => (400..500).contains(code) && !matches!(code, 408 | 429),
        FetchError::Transport(_) => false,
    }
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
    let mut attempts: HashMap<String, u32> = HashMap::new();
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
            let validators = FeedValidators {
                etag: page.etag.clone().unwrap_or_default(),
                last_modified: page.last_modified.clone().unwrap_or_default(),
            };
            // Set when an item failed for a reason that may pass: the feed's validators are
            // then not kept, so that the next poll gets the feed in full and tries it again
            // (a conditional request would answer "not modified" and the item would wait for
            // the feed to change).
            let mut retry = false;
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
                    Err(e) if is_permanent(&e) => {
                        eprintln!("tocsin run: {}: {e}", item.url);
                        refused.insert(item.url.clone());
                        continue;
                    }
                    Err(e) => {
                        let n = attempts.entry(item.url.clone()).or_insert(0);
                        *n += 1;
                        if *n >= ATTEMPTS {
                            eprintln!("tocsin run: {}: {e}; given up after {n} attempts", item.url);
                            attempts.remove(&item.url);
                            refused.insert(item.url.clone());
                        } else {
                            eprintln!(
                                "tocsin run: {}: {e}; tried again at the next poll",
                                item.url
                            );
                            retry = true;
                        }
                        continue;
                    }
                };
                attempts.remove(&item.url);
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
            if retry {
                state.feeds.remove(feed);
            } else {
                state.feeds.insert(feed.clone(), validators);
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
    fn only_failures_that_may_pass_are_tried_again() {
        for e in [
            FetchError::Status(503),
            FetchError::Status(500),
            FetchError::Status(429),
            FetchError::Status(408),
            FetchError::Transport("connection reset".into()),
        ] {
            assert!(!is_permanent(&e), "{e}");
        }
        for e in [
            FetchError::Status(404),
            FetchError::Status(410),
            FetchError::Status(403),
            FetchError::Robots("x".into()),
            FetchError::Private("x".into()),
            FetchError::BadUrl("x".into()),
            FetchError::Redirects,
            FetchError::TooLarge(1),
        ] {
            assert!(is_permanent(&e), "{e}");
        }
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
