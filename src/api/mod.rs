//! The HTTP API (axum): `/v1` for candidates and instructors, plus `/healthz`, `/readyz`,
//! `/metrics` and `/openapi.json` for operators; the pages ([`crate::web`]) are merged in
//! beside them. Handlers validate at the edge (slugs, languages, sources, tokens) and talk only
//! to the [`Store`] and the [`Catalog`]; judging happens in workers. `server` accepts
//! connections and bounds what slow clients can hold; `outage` answers 503 at once while Redis
//! is known to be down.

pub mod address;
mod assessments;
pub mod auth;
pub mod error;
mod events;
pub mod openapi;
mod ops;
mod outage;
mod problems;
mod reports;
mod runs;
mod server;
mod submissions;
mod tokens;

use crate::catalog::Catalog;
use crate::store::Store;
use address::TrustedProxies;
use auth::{RateLimiter, StreamLimiter};
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;
use error::{ApiError, ErrorCode};
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio_util::sync::CancellationToken;

pub use server::{default_max_connections, serve};

#[derive(Debug, Clone)]
pub struct ApiConfig {
    pub admin_token: secrecy::SecretString,
    pub max_source_bytes: usize,
    /// The longest `?wait=true` may hold a request.
    pub max_wait: Duration,
    /// Candidate requests per second (0 = no limit) and burst.
    pub rate_limit: f64,
    pub rate_burst: u32,
    /// Authenticated requests per second from one client address (0 = no limit) and burst.
    pub address_rate_limit: f64,
    pub address_rate_burst: u32,
    /// Runs before submitting per second per token (0 = no limit) and burst: a run costs a box
    /// like a submission does.
    pub run_rate_limit: f64,
    pub run_rate_burst: u32,
    /// Whose `X-Forwarded-For` says which client a request is from.
    pub trusted_proxies: TrustedProxies,
    /// Event streams and `?wait=true` requests a candidate may hold open at once (0 = no limit).
    pub max_streams: usize,
    /// How long a client may take to send a request's headers, from connecting or from its
    /// previous answer (so also how long an idle connection stays open).
    pub header_timeout: Duration,
    /// How long a client may take to send a request's whole body.
    pub body_timeout: Duration,
    /// Connections open at once; past this the server stops accepting until one closes.
    pub max_connections: usize,
    /// The folder of assessment templates (`<id>.yaml`), read whenever one is used.
    pub assessments: std::path::PathBuf,
    /// Where the pages' editor and math packages are (Debian's `codemirror/` and `katex/`).
    pub vendor: std::path::PathBuf,
}

/// What every handler gets. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub catalog: Catalog,
    pub config: Arc<ApiConfig>,
    pub address_limiter: Arc<RateLimiter<IpAddr>>,
    pub token_limiter: Arc<RateLimiter<String>>,
    pub run_limiter: Arc<RateLimiter<String>>,
    pub streams: Arc<StreamLimiter>,
    pub outage: Arc<outage::Outage>,
    /// Cancelled when the server shuts down: open event streams and waits end early so that
    /// shutdown does not wait on them.
    pub shutdown: CancellationToken,
}

impl AppState {
    pub fn new(store: Store, catalog: Catalog, config: ApiConfig, shutdown: CancellationToken) -> AppState {
        let address_limiter = Arc::new(RateLimiter::new(config.address_rate_limit, config.address_rate_burst));
        let token_limiter = Arc::new(RateLimiter::new(config.rate_limit, config.rate_burst));
        let run_limiter = Arc::new(RateLimiter::new(config.run_rate_limit, config.run_rate_burst));
        let streams = Arc::new(StreamLimiter::new(config.max_streams));
        let outage = Default::default();
        AppState { store, catalog, config: Arc::new(config), address_limiter, token_limiter, run_limiter, streams, outage, shutdown }
    }
}

/// The whole API.
pub fn router(state: AppState) -> Router {
    // A JSON-escaped source can be longer than the source: `\u00XX` makes one byte six, and a
    // client may escape every character. Anything past this is not a submission we would take.
    let body_limit = state.config.max_source_bytes.saturating_mul(6).saturating_add(64 << 10);
    Router::new()
        .route("/v1/languages", get(problems::languages))
        .route("/v1/problems", get(problems::list))
        .route("/v1/problems/{*slug}", get(problems::show))
        .route("/v1/submissions", post(submissions::create).get(submissions::list))
        .route("/v1/submissions/{id}", get(submissions::show))
        .route("/v1/submissions/{id}/events", get(events::stream))
        .route("/v1/runs", post(runs::create))
        .route("/v1/runs/{id}", get(runs::show))
        .route("/v1/tokens", post(tokens::create))
        .route("/v1/assessment-templates", get(reports::templates))
        .route("/v1/assessments", post(assessments::create).get(reports::list))
        .route("/v1/assessments/export", get(reports::export))
        .route("/v1/assessments/{id}", get(assessments::show))
        .route("/v1/assessments/{id}/start", post(assessments::start))
        .route("/v1/assessments/{id}/advance", post(assessments::advance))
        .route("/v1/assessments/{id}/finish", post(assessments::finish))
        .route("/v1/assessments/{id}/problems/{slug}", get(assessments::problem))
        .route("/v1/assessments/{id}/submissions", post(assessments::submit))
        .route("/v1/assessments/{id}/runs", post(assessments::run))
        .route("/v1/assessments/{id}/integrity", post(assessments::integrity))
        .route("/v1/assessments/{id}/reviews/{stage}", axum::routing::put(reports::review))
        .route("/v1/assessments/{id}/report", get(reports::report))
        .route("/metrics", get(ops::metrics))
        // The routes above need Redis; those below answer without it (`/readyz` says so).
        .route_layer(axum::middleware::from_fn_with_state(state.clone(), outage::gate))
        .route("/healthz", get(ops::healthz))
        .route("/readyz", get(ops::readyz))
        .route("/openapi.json", get(openapi::document))
        // The pages: files, which answer without Redis too.
        .merge(crate::web::routes(state.config.vendor.clone()))
        .fallback(|| async { ApiError::new(ErrorCode::NotFound, "no such endpoint") })
        .method_not_allowed_fallback(|| async {
            ApiError::new(ErrorCode::MethodNotAllowed, "this endpoint does not take that method")
        })
        .layer(DefaultBodyLimit::max(body_limit))
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(|_| {
            axum::response::IntoResponse::into_response(ApiError::new(ErrorCode::Internal,
                "internal error; it has been logged",
            ))
        }))
        .layer(axum::middleware::from_fn(error::log_server_errors))
        .layer(
            tower_http::trace::TraceLayer::new_for_http()
                .make_span_with(|r: &axum::http::Request<_>| {
                    tracing::info_span!("http", method = %r.method(), path = %r.uri().path(), submission_id = tracing::field::Empty)
                })
                // 5xx answers are logged, with their causes, by `log_server_errors`.
                .on_failure(()),
        )
        .with_state(state)
}
