//! The HTTP API over a [`Store`]: events with filters, one event with its evidence and
//! sources, articles, full-text search, counts over time and exports, described by the
//! OpenAPI document served at `/api/openapi.json`. Errors are JSON with stable codes:
//! `{"error": {"code": "not_found" | "bad_request" | "internal", "message": "…"}}`.
//!
//! The API only reads: there are no write endpoints, so there is nothing to authenticate;
//! the server binds to loopback unless told otherwise.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::json;
use tocsin_store::export::{Exporter, Format};
use tocsin_store::{Bucket, EventFilter, Store, StoreError};

/// The OpenAPI description of every route.
pub const OPENAPI: &str = include_str!("openapi.json");

/// The default address: loopback only.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:7878";

type Shared = Arc<dyn Store>;

/// An API error with its stable code.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
}

impl ApiError {
    fn bad_request(message: impl Into<String>) -> Self {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            code: "bad_request",
            message: message.into(),
        }
    }

    fn not_found(what: &str) -> Self {
        ApiError {
            status: StatusCode::NOT_FOUND,
            code: "not_found",
            message: format!("no {what} with that id"),
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        ApiError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            code: "internal",
            message: e.to_string(),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (
            self.status,
            Json(json!({"error": {"code": self.code, "message": self.message}})),
        )
            .into_response()
    }
}

/// Runs a blocking store call off the async workers.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, StoreError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| ApiError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            code: "internal",
            message: e.to_string(),
        })?
        .map_err(ApiError::from)
}

/// Query parameters shared by the event list, counts and exports.
#[derive(Debug, Default, Deserialize)]
pub struct EventParams {
    /// Comma-separated types or prefixes (`attack.`).
    #[serde(rename = "type")]
    types: Option<String>,
    from: Option<String>,
    to: Option<String>,
    country: Option<String>,
    /// `min_lon,min_lat,max_lon,max_lat`.
    bbox: Option<String>,
    actor: Option<String>,
    q: Option<String>,
    min_killed: Option<u64>,
    limit: Option<u32>,
    offset: Option<u32>,
    bucket: Option<String>,
    format: Option<String>,
}

fn is_date_prefix(s: &str) -> bool {
    let b = s.as_bytes();
    matches!(b.len(), 4 | 7 | 10)
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
}

impl EventParams {
    fn filter(&self) -> Result<EventFilter, ApiError> {
        for d in [&self.from, &self.to].into_iter().flatten() {
            if !is_date_prefix(d) {
                return Err(ApiError::bad_request(format!(
                    "dates are YYYY, YYYY-MM or YYYY-MM-DD, not {d:?}"
                )));
            }
        }
        let bbox = match &self.bbox {
            None => None,
            Some(b) => {
                let v: Vec<f64> = b
                    .split(',')
                    .map(|x| x.trim().parse::<f64>())
                    .collect::<Result<_, _>>()
                    .map_err(|_| {
                        ApiError::bad_request("bbox is min_lon,min_lat,max_lon,max_lat")
                    })?;
                let [x0, y0, x1, y1] = v[..] else {
                    return Err(ApiError::bad_request(
                        "bbox is min_lon,min_lat,max_lon,max_lat",
                    ));
                };
                Some([x0, y0, x1, y1])
            }
        };
        if let Some(l) = self.limit {
            if l == 0 || l > 1000 {
                return Err(ApiError::bad_request("limit is 1 to 1000"));
            }
        }
        Ok(EventFilter {
            types: self
                .types
                .as_deref()
                .map(|t| {
                    t.split(',')
                        .map(str::trim)
                        .filter(|t| !t.is_empty())
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default(),
            from: self.from.clone(),
            to: self.to.clone(),
            country: self.country.clone().filter(|c| !c.is_empty()),
            bbox,
            actor: self.actor.clone().filter(|a| !a.is_empty()),
            text: self.q.clone().filter(|q| !q.trim().is_empty()),
            min_killed: self.min_killed,
            limit: self.limit,
            offset: self.offset,
        })
    }
}

async fn events(
    State(store): State<Shared>,
    Query(p): Query<EventParams>,
) -> Result<Response, ApiError> {
    let f = p.filter()?;
    let (events, total) = blocking(move || store.events(&f)).await?;
    Ok(Json(json!({"events": events, "total": total})).into_response())
}

async fn event(State(store): State<Shared>, Path(id): Path<String>) -> Result<Response, ApiError> {
    let e = blocking(move || store.event(&id)).await?;
    e.map(|e| Json(e).into_response())
        .ok_or_else(|| ApiError::not_found("event"))
}

async fn article(
    State(store): State<Shared>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let a = blocking(move || store.article(&id)).await?;
    a.map(|a| Json(a).into_response())
        .ok_or_else(|| ApiError::not_found("article"))
}

#[derive(Debug, Deserialize)]
struct SearchParams {
    q: Option<String>,
    limit: Option<u32>,
}

async fn search(
    State(store): State<Shared>,
    Query(p): Query<SearchParams>,
) -> Result<Response, ApiError> {
    let q = p.q.unwrap_or_default();
    if q.trim().is_empty() {
        return Err(ApiError::bad_request("q is required"));
    }
    let limit = p.limit.unwrap_or(20).clamp(1, 200);
    let hits = blocking(move || store.search(&q, limit)).await?;
    Ok(Json(json!({"hits": hits})).into_response())
}

async fn counts(
    State(store): State<Shared>,
    Query(p): Query<EventParams>,
) -> Result<Response, ApiError> {
    let bucket = match p.bucket.as_deref().unwrap_or("month") {
        "day" => Bucket::Day,
        "month" => Bucket::Month,
        "year" => Bucket::Year,
        other => {
            return Err(ApiError::bad_request(format!(
                "bucket is day, month or year, not {other:?}"
            )))
        }
    };
    let f = p.filter()?;
    let rows = blocking(move || store.event_counts(&f, bucket)).await?;
    let counts: Vec<_> = rows
        .into_iter()
        .map(|(period, n)| json!({"period": period, "events": n}))
        .collect();
    Ok(
        Json(json!({"bucket": p.bucket.as_deref().unwrap_or("month"), "counts": counts}))
            .into_response(),
    )
}

#[derive(Debug, Deserialize)]
struct EntityParams {
    /// Names starting with this (any case).
    q: Option<String>,
    limit: Option<u32>,
}

async fn entities(
    State(store): State<Shared>,
    Query(p): Query<EntityParams>,
) -> Result<Response, ApiError> {
    let limit = p.limit.unwrap_or(50);
    if limit == 0 || limit > 1000 {
        return Err(ApiError::bad_request("limit is 1 to 1000"));
    }
    let list = blocking(move || store.entities(p.q.as_deref(), limit)).await?;
    Ok(Json(json!({"entities": list})).into_response())
}

async fn entity(
    State(store): State<Shared>,
    Path(name): Path<String>,
) -> Result<Response, ApiError> {
    let e = blocking(move || store.entity(&name)).await?;
    e.map(|e| Json(e).into_response())
        .ok_or_else(|| ApiError::not_found("entity"))
}

async fn stats(State(store): State<Shared>) -> Result<Response, ApiError> {
    let (documents, failed) = blocking(move || store.counts()).await?;
    Ok(Json(json!({"documents": documents, "failed": failed})).into_response())
}

async fn export(
    State(store): State<Shared>,
    Query(p): Query<EventParams>,
) -> Result<Response, ApiError> {
    let name = p.format.clone().unwrap_or_else(|| "csv".into());
    let format = Format::parse(&name).ok_or_else(|| {
        ApiError::bad_request("format is csv, acled, gtd, jsonl, geojson or parquet")
    })?;
    let f = p.filter()?;
    let body = blocking(move || {
        let codes = |cc: &str| Some(cc.to_string());
        let mut ex = Exporter::new(Vec::new(), format, &codes)
            .map_err(|e| StoreError::Backend(e.to_string()))?;
        ex.write_matching(store.as_ref(), &f)?;
        ex.finish().map_err(|e| StoreError::Backend(e.to_string()))
    })
    .await?;
    let (ctype, ext) = match format {
        Format::Csv | Format::Acled | Format::Gtd => ("text/csv; charset=utf-8", "csv"),
        Format::Jsonl => ("application/x-ndjson", "jsonl"),
        Format::Geojson => ("application/geo+json", "geojson"),
        Format::Parquet => ("application/vnd.apache.parquet", "parquet"),
    };
    Ok((
        [
            (header::CONTENT_TYPE, ctype.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"tocsin-events-{name}.{ext}\""),
            ),
        ],
        body,
    )
        .into_response())
}

async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

/// The page's policy: scripts and styles from this server only, no plugins, no framing.
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

async fn index() -> Response {
    (
        [
            (header::CONTENT_SECURITY_POLICY, CSP),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
            (header::REFERRER_POLICY, "no-referrer"),
        ],
        Html(include_str!("index.html")),
    )
        .into_response()
}

/// The UI's static files, embedded so that the binary serves the UI offline.
const ASSETS: &[(&str, &str, &[u8])] = &[
    (
        "app.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/app.js"),
    ),
    (
        "app.css",
        "text/css; charset=utf-8",
        include_bytes!("../assets/app.css"),
    ),
    (
        "leaflet.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/vendor/leaflet.js"),
    ),
    (
        "leaflet.css",
        "text/css; charset=utf-8",
        include_bytes!("../assets/vendor/leaflet.css"),
    ),
    (
        "topojson-client.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/vendor/topojson-client.min.js"),
    ),
    (
        "countries-110m.json",
        "application/json",
        include_bytes!("../assets/vendor/countries-110m.json"),
    ),
];

async fn asset(Path(name): Path<String>) -> Response {
    match ASSETS.iter().find(|(n, _, _)| *n == name) {
        Some((_, ctype, body)) => (
            [
                (header::CONTENT_TYPE, *ctype),
                (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
                (header::CACHE_CONTROL, "public, max-age=3600"),
            ],
            *body,
        )
            .into_response(),
        None => ApiError::not_found("asset").into_response(),
    }
}

async fn fallback() -> ApiError {
    ApiError {
        status: StatusCode::NOT_FOUND,
        code: "not_found",
        message: "no such route; see /api/openapi.json".into(),
    }
}

/// The application: every route over one store.
pub fn router(store: Shared) -> Router {
    Router::new()
        .route("/", get(index))
        .route("/assets/{name}", get(asset))
        .route("/api/events", get(events))
        .route("/api/events/{id}", get(event))
        .route("/api/articles/{id}", get(article))
        .route("/api/search", get(search))
        .route("/api/counts", get(counts))
        .route("/api/entities", get(entities))
        .route("/api/entities/{name}", get(entity))
        .route("/api/stats", get(stats))
        .route("/api/export", get(export))
        .route("/api/openapi.json", get(openapi))
        .fallback(fallback)
        .with_state(store)
}

/// Serves the API on `addr` until Ctrl-C.
pub async fn serve(addr: SocketAddr, store: Shared) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    serve_on(listener, store).await
}

/// Serves the API on a socket bound by the caller (so that a taken port is an error at
/// start-up, before anything else runs).
pub async fn serve_std(listener: std::net::TcpListener, store: Shared) -> std::io::Result<()> {
    listener.set_nonblocking(true)?;
    serve_on(tokio::net::TcpListener::from_std(listener)?, store).await
}

async fn serve_on(listener: tokio::net::TcpListener, store: Shared) -> std::io::Result<()> {
    axum::serve(listener, router(store))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}

#[cfg(test)]
mod tests;
