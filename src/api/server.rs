//! The API's connections: accepting them, bounding them, and closing them on shutdown.
//!
//! `axum::serve` gives a client all the time it likes, so slow clients could hold connections
//! (and file descriptors) for ever until the process could not accept any more. Here:
//! - a client must send a request's headers within the header timeout of connecting or of its
//!   previous answer (hyper's header read timer runs from the moment it waits for a request),
//!   so the same timeout ends idle keep-alive connections;
//! - a body must arrive whole within the body timeout, counted once for the whole body (a
//!   timer per chunk would let a client trickle a byte at a time for ever). Bodies are read
//!   only by the JSON extractor ([`super::error::Json`]), which keeps that deadline; a handler
//!   that does not read the body answers without waiting for it, and hyper then closes the
//!   connection rather than read the rest;
//! - at most `max_connections` are open at once: past that the server stops accepting, and new
//!   clients wait in the listen backlog.
//!
//! Nothing here times a request once its headers and body are in, so event streams and
//! `?wait=true` requests run as long as their own limits allow.

use super::{router, AppState};
use axum::extract::ConnectInfo;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;

/// How long open requests get to finish once shutdown is asked for; a client that keeps a
/// connection busy longer is cut off.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);

/// A quarter of the process's open-file limit: every connection is a file, an event stream or
/// a wait holds a Redis connection besides, and the rest is left for the shared Redis
/// connection, problem reloads and logs.
pub fn default_max_connections() -> usize {
    let mut limit = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
    // SAFETY: getrlimit writes only into `limit`.
    let soft = if unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) } == 0 { limit.rlim_cur } else { 1024 };
    usize::try_from(soft / 4).unwrap_or(usize::MAX)
}

/// Serves the API on `listener` until the state's shutdown token is cancelled, then finishes
/// open requests (for at most [`SHUTDOWN_GRACE`]).
pub async fn serve(listener: tokio::net::TcpListener, state: AppState) {
    let shutdown = state.shutdown.clone();
    let config = state.config.clone();
    let app = router(state);
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new()).header_read_timeout(config.header_timeout);
    let permits = Arc::new(Semaphore::new(config.max_connections.clamp(1, Semaphore::MAX_PERMITS)));
    let graceful = GracefulShutdown::new();
    loop {
        let accepted = tokio::select! {
            _ = shutdown.cancelled() => break,
            accepted = async {
                let permit = permits.clone().acquire_owned().await.expect("the semaphore is never closed");
                (permit, listener.accept().await)
            } => accepted,
        };
        let (permit, stream, peer) = match accepted {
            (permit, Ok((stream, peer))) => (permit, stream, peer),
            (_, Err(e)) => {
                // Out of file descriptors, most likely: wait for some to close.
                tracing::error!(error = %e, "accept failed");
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        // Each request carries its peer's address, which the per-address rate limit reads.
        let app = tower::ServiceBuilder::new()
            .map_request(move |mut request: hyper::Request<hyper::body::Incoming>| {
                request.extensions_mut().insert(ConnectInfo(peer));
                request
            })
            .service(app.clone());
        let connection = http.serve_connection(TokioIo::new(stream), TowerToHyperService::new(app));
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            // A client that goes away or times out is not our error.
            let _ = connection.await;
            drop(permit);
        });
    }
    drop(listener);
    tokio::select! {
        _ = graceful.shutdown() => {}
        _ = tokio::time::sleep(SHUTDOWN_GRACE) => {
            tracing::warn!("open requests did not finish in {SHUTDOWN_GRACE:?}; closing them");
        }
    }
}
