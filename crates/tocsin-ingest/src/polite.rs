//! The polite fetcher for live news: a clear User-Agent, robots.txt, a minimum interval per
//! host (and the site's Crawl-delay), conditional GET (ETag / Last-Modified), timeouts, a
//! body size limit, at most five redirects, and no private, loopback or link-local addresses
//! unless allowed (the check runs in the resolver, so a redirect or a DNS answer cannot
//! smuggle a request to an internal address).

use std::collections::HashMap;
use std::io::Read;
use std::net::{IpAddr, SocketAddr, ToSocketAddrs};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::robots::Robots;

/// The User-Agent tocsin sends.
pub const USER_AGENT: &str = concat!(
    "tocsin/",
    env!("CARGO_PKG_VERSION"),
    " (news event monitor; +https://example.invalid/tocsin)"
);

/// How polite to be.
#[derive(Debug, Clone)]
pub struct Policy {
    /// Connect and read timeout.
    pub timeout: Duration,
    /// Largest body accepted.
    pub max_bytes: u64,
    /// Least time between two requests to one host.
    pub min_interval: Duration,
    /// Allow private, loopback and link-local addresses (tests, intranets).
    pub allow_private: bool,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            timeout: Duration::from_secs(20),
            max_bytes: 8 << 20,
            min_interval: Duration::from_secs(2),
            allow_private: false,
        }
    }
}

/// Why a fetch did not happen or failed.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    /// Not an http(s) URL.
    #[error("not an http(s) URL: {0}")]
    BadUrl(String),
    /// The host resolves to a private, loopback or link-local address.
    #[error("refused: {0} resolves to a private or loopback address (use --allow-private-addresses to permit)")]
    Private(String),
    /// robots.txt disallows the URL.
    #[error("robots.txt of the site disallows {0}")]
    Robots(String),
    /// The server answered with an error status.
    #[error("HTTP {0}")]
    Status(u16),
    /// Too many redirects.
    #[error("more than 5 redirects")]
    Redirects,
    /// The body is over the limit.
    #[error("body larger than {0} bytes")]
    TooLarge(u64),
    /// Connection, TLS or read failure.
    #[error("{0}")]
    Transport(String),
}

/// A fetched resource.
#[derive(Debug, Clone)]
pub struct Page {
    /// The URL after redirects.
    pub url: String,
    /// The body.
    pub bytes: Vec<u8>,
    /// `Content-Type`.
    pub content_type: Option<String>,
    /// `ETag`, for the next conditional request.
    pub etag: Option<String>,
    /// `Last-Modified`, likewise.
    pub last_modified: Option<String>,
}

/// What a conditional GET found.
#[derive(Debug, Clone)]
pub enum Fetched {
    /// A new body.
    Page(Page),
    /// 304: unchanged since the validators given.
    NotModified,
}

/// Whether an address is one a public fetcher must not reach.
pub fn is_private(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            v4.is_private()
                || v4.is_loopback()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_multicast()
                || v4.is_documentation()
                || v4.octets()[0] == 0
                || (v4.octets()[0] == 100 && (64..128).contains(&v4.octets()[1]))
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_private(IpAddr::V4(v4));
            }
            let s = v6.segments();
            v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (s[0] & 0xfe00) == 0xfc00
                || (s[0] & 0xffc0) == 0xfe80
        }
    }
}

/// A fetcher shared by the threads that poll feeds and fetch articles.
pub struct Fetcher {
    policy: Policy,
    agent: ureq::Agent,
    last: Mutex<HashMap<String, Instant>>,
    robots: Mutex<HashMap<String, Arc<Robots>>>,
}

fn host_of(url: &str) -> Result<(String, String, String), FetchError> {
    let bad = || FetchError::BadUrl(url.to_string());
    let (scheme, rest) = url.split_once("://").ok_or_else(bad)?;
    if !matches!(scheme.to_ascii_lowercase().as_str(), "http" | "https") {
        return Err(bad());
    }
    let (authority, path) = match rest.find(['/', '?', '#']) {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let authority = authority.rsplit('@').next().unwrap_or(authority);
    if authority.is_empty() {
        return Err(bad());
    }
    let path = if path.starts_with('/') {
        path.to_string()
    } else {
        format!("/{path}")
    };
    Ok((
        scheme.to_ascii_lowercase(),
        authority.to_ascii_lowercase(),
        path,
    ))
}

impl Fetcher {
    /// A fetcher with a policy.
    pub fn new(policy: Policy) -> Fetcher {
        let allow_private = policy.allow_private;
        let agent = ureq::AgentBuilder::new()
            .timeout_connect(policy.timeout)
            .timeout_read(policy.timeout)
            .redirects(0)
            .user_agent(USER_AGENT)
            .resolver(move |netloc: &str| -> std::io::Result<Vec<SocketAddr>> {
                let addrs: Vec<SocketAddr> = netloc.to_socket_addrs()?.collect();
                if allow_private {
                    return Ok(addrs);
                }
                let public: Vec<SocketAddr> =
                    addrs.into_iter().filter(|a| !is_private(a.ip())).collect();
                if public.is_empty() {
                    return Err(std::io::Error::new(
                        std::io::ErrorKind::PermissionDenied,
                        format!("private address: {netloc}"),
                    ));
                }
                Ok(public)
            })
            .build();
        Fetcher {
            policy,
            agent,
            last: Mutex::new(HashMap::new()),
            robots: Mutex::new(HashMap::new()),
        }
    }

    /// Waits until the host may be asked again.
    fn pace(&self, host: &str, delay: Duration) {
        loop {
            let wait = {
                let mut last = self.last.lock().unwrap_or_else(|p| p.into_inner());
                let now = Instant::now();
                match last.get(host) {
                    Some(t) if now.duration_since(*t) < delay => {
                        Some(delay - now.duration_since(*t))
                    }
                    _ => {
                        last.insert(host.to_string(), now);
                        None
                    }
                }
            };
            match wait {
                Some(d) => std::thread::sleep(d),
                None => return,
            }
        }
    }

    fn robots_for(&self, scheme: &str, host: &str) -> Arc<Robots> {
        if let Some(r) = self
            .robots
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(host)
        {
            return r.clone();
        }
        self.pace(host, self.policy.min_interval);
        let url = format!("{scheme}://{host}/robots.txt");
        let robots = match self.raw_get(&url, None) {
            Ok(Fetched::Page(p)) => Robots::parse(&String::from_utf8_lossy(&p.bytes), USER_AGENT),
            // No robots.txt (or an error for it): the site sets no rules.
            _ => Robots::allow_all(),
        };
        let robots = Arc::new(robots);
        self.robots
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(host.to_string(), robots.clone());
        robots
    }

    /// GETs `url` politely; with validators, a 304 is [`Fetched::NotModified`].
    pub fn get(&self, url: &str, validators: Option<(&str, &str)>) -> Result<Fetched, FetchError> {
        let mut current = url.to_string();
        for _ in 0..=5 {
            let (scheme, host, path) = host_of(&current)?;
            let robots = self.robots_for(&scheme, &host);
            if !robots.allowed(&path) {
                return Err(FetchError::Robots(current));
            }
            let delay = robots
                .crawl_delay
                .map(|s| Duration::from_secs_f64(s.clamp(0.0, 60.0)))
                .unwrap_or_default()
                .max(self.policy.min_interval);
            self.pace(&host, delay);
            match self.raw_get(&current, validators)? {
                Fetched::Page(p) if p.url.is_empty() => {
                    // A redirect: `bytes` holds the Location.
                    let loc = String::from_utf8_lossy(&p.bytes).to_string();
                    current = resolve_location(&current, &loc);
                }
                other => return Ok(other),
            }
        }
        Err(FetchError::Redirects)
    }

    /// One request, no redirects followed: a redirect comes back as a page with an empty
    /// `url` and the Location as its body.
    fn raw_get(&self, url: &str, validators: Option<(&str, &str)>) -> Result<Fetched, FetchError> {
        let mut req = self.agent.get(url);
        if let Some((etag, modified)) = validators {
            if !etag.is_empty() {
                req = req.set("If-None-Match", etag);
            }
            if !modified.is_empty() {
                req = req.set("If-Modified-Since", modified);
            }
        }
        let resp = match req.call() {
            Ok(r) => r,
            Err(ureq::Error::Status(code, _)) => return Err(FetchError::Status(code)),
            Err(ureq::Error::Transport(t)) => {
                let msg = t.to_string();
                if msg.contains("private address") {
                    return Err(FetchError::Private(
                        host_of(url).map(|h| h.1).unwrap_or_default(),
                    ));
                }
                return Err(FetchError::Transport(msg));
            }
        };
        let status = resp.status();
        if status == 304 {
            return Ok(Fetched::NotModified);
        }
        if (300..400).contains(&status) {
            let loc = resp.header("Location").unwrap_or("").to_string();
            return Ok(Fetched::Page(Page {
                url: String::new(),
                bytes: loc.into_bytes(),
                content_type: None,
                etag: None,
                last_modified: None,
            }));
        }
        let content_type = resp.header("Content-Type").map(str::to_string);
        let etag = resp.header("ETag").map(str::to_string);
        let last_modified = resp.header("Last-Modified").map(str::to_string);
        let final_url = resp.get_url().to_string();
        let limit = self.policy.max_bytes;
        let mut bytes = Vec::new();
        resp.into_reader()
            .take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| FetchError::Transport(e.to_string()))?;
        if bytes.len() as u64 > limit {
            return Err(FetchError::TooLarge(limit));
        }
        Ok(Fetched::Page(Page {
            url: final_url,
            bytes,
            content_type,
            etag,
            last_modified,
        }))
    }
}

/// A Location header resolved against the URL that sent it.
fn resolve_location(base: &str, loc: &str) -> String {
    if loc.contains("://") {
        return loc.to_string();
    }
    let Ok((scheme, host, _)) = host_of(base) else {
        return loc.to_string();
    };
    if let Some(rest) = loc.strip_prefix("//") {
        return format!("{scheme}://{rest}");
    }
    if loc.starts_with('/') {
        return format!("{scheme}://{host}{loc}");
    }
    let dir = base.rsplit_once('/').map_or(base, |(d, _)| d);
    format!("{dir}/{loc}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_addresses_are_recognised() {
        for ip in [
            "127.0.0.1",
            "10.0.0.1",
            "192.168.1.5",
            "172.16.0.1",
            "169.254.169.254",
            "0.0.0.0",
            "100.64.0.1",
            "::1",
            "fd00::1",
            "fe80::1",
            "::ffff:127.0.0.1",
        ] {
            assert!(is_private(ip.parse().expect("ip")), "{ip}");
        }
        for ip in ["8.8.8.8", "93.184.216.34", "2606:4700::1111"] {
            assert!(!is_private(ip.parse().expect("ip")), "{ip}");
        }
    }

    #[test]
    fn loopback_and_private_hosts_are_refused_by_default() {
        let f = Fetcher::new(Policy {
            timeout: Duration::from_secs(2),
            min_interval: Duration::ZERO,
            ..Policy::default()
        });
        for url in [
            "http://127.0.0.1:9/feed.xml",
            "http://10.0.0.1/a.html",
            "http://localhost:9/x",
        ] {
            match f.get(url, None) {
                Err(FetchError::Private(_)) => {}
                other => panic!("{url}: expected a refusal, got {other:?}"),
            }
        }
        assert!(matches!(
            f.get("ftp://example.org/x", None),
            Err(FetchError::BadUrl(_))
        ));
    }

    #[test]
    fn locations_resolve_against_their_base() {
        assert_eq!(
            resolve_location("https://a.org/x/y.html", "/z"),
            "https://a.org/z"
        );
        assert_eq!(
            resolve_location("https://a.org/x/y.html", "z.html"),
            "https://a.org/x/z.html"
        );
        assert_eq!(
            resolve_location("https://a.org/x", "//b.org/q"),
            "https://b.org/q"
        );
        assert_eq!(
            resolve_location("https://a.org/x", "http://c.org/"),
            "http://c.org/"
        );
    }
}
