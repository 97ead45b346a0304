//! `/healthz` (the process answers), `/readyz` (it can get submissions judged) and `/metrics`.

use super::error::ApiError;
use super::AppState;
use crate::store::WorkerHealth;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;

#[utoipa::path(get, path = "/healthz", tag = "operations", responses((status = 200, description = "the process answers")))]
pub async fn healthz() -> &'static str {
    "ok\n"
}

#[derive(Serialize, ToSchema)]
pub struct Readiness {
    pub ready: bool,
    /// What stops judging, one line each (empty when ready).
    pub failures: Vec<String>,
    pub redis: bool,
    /// Workers that reported in the last 10 s, with what each sees of its Docker daemon.
    pub workers: Vec<WorkerHealth>,
    pub problems: usize,
}

#[utoipa::path(get, path = "/readyz", tag = "operations",
    responses((status = 200, body = Readiness), (status = 503, description = "not ready; `failures` says why", body = Readiness)))]
pub async fn readyz(State(state): State<AppState>) -> impl IntoResponse {
    let mut failures = Vec::new();
    let redis = if state.outage.is_down() {
        failures.push("redis: unreachable; retrying".into());
        false
    } else if let Err(e) = state.store.ping().await {
        failures.push(format!("redis: {e}"));
        false
    } else {
        true
    };
    let workers = if redis { state.store.workers().await.unwrap_or_default() } else { Vec::new() };
    if redis && workers.is_empty() {
        failures.push("no worker has reported in the last 10 s: start `mockjudge worker`".into());
    }
    if !workers.iter().any(WorkerHealth::ready) {
        for w in &workers {
            if let Some(e) = &w.docker_error {
                failures.push(format!("worker {}: docker: {e}", w.name));
            } else if !w.missing_images.is_empty() {
                failures.push(format!(
                    "worker {}: images missing: {} (run `mockjudge images build`)",
                    w.name,
                    w.missing_images.join(", ")
                ));
            }
        }
    }
    let problems = state.catalog.snapshot().problems.len();
    if problems == 0 {
        failures.push("no problems loaded".into());
    }
    let ready = failures.is_empty();
    let status = if ready { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    (status, Json(Readiness { ready, failures, redis, workers, problems }))
}

#[utoipa::path(get, path = "/metrics", tag = "operations",
    responses((status = 200, description = "Prometheus text format", content_type = "text/plain", body = String),
        (status = 503, description = "Redis is unreachable (`unavailable`)", body = super::error::ErrorBody)))]
pub async fn metrics(State(state): State<AppState>) -> Result<impl IntoResponse, ApiError> {
    let text = crate::metrics::render(&state.store).await?;
    Ok(([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], text))
}
