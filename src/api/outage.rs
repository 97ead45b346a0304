//! While Redis is known to be down, the routes that need it answer 503 at once.
//!
//! A command on the shared connection waits out the connection manager's reconnect attempts
//! (about 3.4 s) before it fails, so without this every request would take that long to hear
//! 503. The first request that finds Redis unreachable marks it down; until a probe reaches it
//! again (every [`PROBE_INTERVAL`], on a fresh connection that fails at once instead of
//! retrying), requests are refused without trying.

use super::error::ApiError;
use super::AppState;
use crate::store::Store;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio_util::sync::CancellationToken;

/// How often a down Redis is tried again.
const PROBE_INTERVAL: Duration = Duration::from_millis(250);

/// Whether Redis is known to be down.
#[derive(Default)]
pub struct Outage {
    down: AtomicBool,
}

impl Outage {
    pub fn is_down(&self) -> bool {
        self.down.load(Ordering::Acquire)
    }
}

/// Middleware for the routes that need Redis. On them a 503 means one thing: the store did not
/// answer.
pub async fn gate(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if state.outage.is_down() {
        return ApiError::unavailable().into_response();
    }
    let response = next.run(request).await;
    if response.status() == StatusCode::SERVICE_UNAVAILABLE && !state.outage.down.swap(true, Ordering::AcqRel) {
        tracing::warn!("redis is unreachable: answering 503 until it is back");
        tokio::spawn(probe(state.store.clone(), state.outage.clone(), state.shutdown.clone()));
    }
    response
}

async fn probe(store: Store, outage: Arc<Outage>, shutdown: CancellationToken) {
    loop {
        tokio::select! {
            _ = tokio::time::sleep(PROBE_INTERVAL) => {}
            _ = shutdown.cancelled() => return,
        }
        if answers(&store).await {
            outage.down.store(false, Ordering::Release);
            tracing::info!("redis is back");
            return;
        }
    }
}

/// Redis answers a fresh connection, and then the shared one, which has reconnected by the
/// time it answers, so that requests let through do not wait for that.
async fn answers(store: &Store) -> bool {
    let Ok(mut conn) = store.blocking(Duration::ZERO).await else {
        return false;
    };
    redis::cmd("PING").query_async::<String>(&mut conn).await.is_ok() && store.ping().await.is_ok()
}
