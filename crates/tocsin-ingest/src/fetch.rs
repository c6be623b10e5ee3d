//! HTTP(S) inputs, streamed: a multi-gigabyte CC-NEWS file is read record by record as it
//! arrives, never saved first.
//!
//! `ureq` (blocking, rustls on ring) keeps this crate free of an async runtime; the read
//! timeout applies to each read, so a slow but live stream is fine and a stalled one ends.

use std::io::Read;

use crate::{IngestError, Limits};

/// A response whose body has not been read yet.
pub(crate) struct Fetched {
    /// The URL after redirects.
    pub final_url: String,
    /// The `Content-Type` header, if any.
    pub content_type: Option<String>,
    /// The `Date` header, if any.
    pub date: Option<String>,
    /// The body, decoded from `Content-Encoding: gzip` by the client.
    pub body: Box<dyn Read + Send>,
}

/// Starts a GET request and returns once the headers are in.
pub(crate) fn get(url: &str, limits: &Limits) -> Result<Fetched, IngestError> {
    let agent = ureq::AgentBuilder::new()
        .timeout_connect(limits.connect_timeout)
        .timeout_read(limits.read_timeout)
        .redirects(5)
        .user_agent(concat!("tocsin/", env!("CARGO_PKG_VERSION")))
        .build();
    let fail = |message: String| IngestError::Fetch {
        url: url.to_string(),
        message,
    };
    let response = match agent.get(url).call() {
        Ok(response) => response,
        Err(ureq::Error::Status(code, response)) => {
            return Err(fail(format!("HTTP {code} {}", response.status_text())))
        }
        Err(ureq::Error::Transport(t)) => return Err(fail(t.to_string())),
    };
    Ok(Fetched {
        final_url: response.get_url().to_string(),
        content_type: response.header("Content-Type").map(str::to_string),
        date: response.header("Date").map(str::to_string),
        body: response.into_reader(),
    })
}
