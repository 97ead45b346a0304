//! The service's processes wired together: `serve` (the API), `worker` (judging), and `up`
//! (both in one process, with a Redis of its own when none is given). Each runs until its
//! shutdown token is cancelled (SIGTERM or Ctrl-C in the binary), then drains.

pub mod redis;
pub mod up;

use crate::api::{self, ApiConfig, AppState};
use crate::catalog::Catalog;
use crate::store::Store;
use crate::worker::{Worker, WorkerConfig};
use anyhow::Context;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;
use tokio_util::sync::CancellationToken;

/// How often the problems folder is checked for changes.
pub const RELOAD_INTERVAL: Duration = Duration::from_secs(2);
/// How often each process finishes the assessments whose deadline has passed. Submissions are
/// refused at the deadline itself whoever closes them; this only makes the state say so.
pub const CLOSE_INTERVAL: Duration = Duration::from_secs(1);

/// What one process runs.
pub struct Service {
    pub redis_url: String,
    pub problems: PathBuf,
    pub api: Option<(SocketAddr, ApiConfig)>,
    pub worker: Option<WorkerConfig>,
}

impl Service {
    /// Runs until `shutdown`; `listening` hears the API's address once it accepts connections.
    /// If one part fails, the others are shut down (the worker drains) before the error is
    /// returned.
    pub async fn run(self, shutdown: CancellationToken, listening: impl FnOnce(SocketAddr)) -> anyhow::Result<()> {
        let catalog = Catalog::load(&self.problems).map_err(|e| anyhow::anyhow!("problems folder: {e}"))?;
        let store = Store::connect(&self.redis_url)
            .await
            .with_context(|| format!("cannot reach Redis at {} (set REDIS_URL)", self.redis_url))?;
        // Bound before anything starts, so that a taken port fails fast.
        let api = match self.api {
            Some((addr, config)) => {
                let listener = tokio::net::TcpListener::bind(addr).await.with_context(|| format!("cannot listen on {addr}"))?;
                listening(listener.local_addr()?);
                Some((listener, config))
            }
            None => None,
        };
        let shutdown = shutdown.child_token();
        let mut tasks = tokio::task::JoinSet::<anyhow::Result<()>>::new();
        tasks.spawn({
            let (catalog, shutdown) = (catalog.clone(), shutdown.clone());
            async move {
                catalog.watch(RELOAD_INTERVAL, shutdown.cancelled_owned()).await;
                Ok(())
            }
        });
        // Every process closes assessments at their deadline, so that one is enough for them to
        // finish with no one watching.
        tasks.spawn(close_assessments(store.clone(), shutdown.clone()));
        if let Some(config) = self.worker {
            let worker = Worker::new(store.clone(), catalog.clone(), config);
            let shutdown = shutdown.clone();
            tasks.spawn(async move {
                worker.run(shutdown).await;
                Ok(())
            });
        }
        if let Some((listener, config)) = api {
            let state = AppState::new(store, catalog, config, shutdown.clone());
            tasks.spawn(async move {
                api::serve(listener, state).await;
                Ok(())
            });
        }
        let mut failure = None;
        while let Some(done) = tasks.join_next().await {
            let error = match done {
                Ok(Ok(())) => continue,
                Ok(Err(e)) => e,
                Err(e) => anyhow::anyhow!("a service task failed: {e}"),
            };
            tracing::error!(error = %format!("{error:#}"), "shutting down");
            shutdown.cancel();
            failure.get_or_insert(error);
        }
        failure.map_or(Ok(()), Err)
    }
}

/// Finishes the assessments whose deadline has passed, every [`CLOSE_INTERVAL`], until
/// `shutdown`. Redis being away is logged and waited out.
async fn close_assessments(store: Store, shutdown: CancellationToken) -> anyhow::Result<()> {
    loop {
        match store.close_due().await {
            Ok(closed) => closed.iter().for_each(|id| tracing::info!(assessment = %id, "assessment finished at its deadline")),
            Err(e) => tracing::warn!(error = %e, "closing assessments at their deadline"),
        }
        tokio::select! {
            _ = shutdown.cancelled() => return Ok(()),
            _ = tokio::time::sleep(CLOSE_INTERVAL) => {}
        }
    }
}

/// A token cancelled by SIGTERM or SIGINT.
pub fn shutdown_on_signals() -> CancellationToken {
    let token = CancellationToken::new();
    let cancel = token.clone();
    tokio::spawn(async move {
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).expect("a SIGTERM handler");
        tokio::select! {
            _ = term.recv() => {}
            _ = tokio::signal::ctrl_c() => {}
        }
        tracing::info!("shutting down: draining");
        cancel.cancel();
    });
    token
}
