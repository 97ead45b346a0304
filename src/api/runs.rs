//! `POST /v1/runs`, `GET /v1/runs/{id}`: a candidate's code on the samples or on an input of
//! their own, before submitting. A run is queued and judged like a submission (workers hold the
//! boxes) but it is not graded, not listed among submissions, and has a rate limit of its own.
//! The request waits for the result, as a "Run" button does, up to `--max-wait`.

use super::auth::Caller;
use super::error::{ApiError, ErrorCode, Json, Path};
use super::submissions::{load_visible, view_for, wait_finished, Accepted, NewSubmissionBody, SubmissionRequest};
use super::AppState;
use crate::progress::Status;
use crate::store::{Created, Guard};
use crate::runs::{self, RunInput};
use crate::view::SubmissionView;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use utoipa::ToSchema;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewRunBody {
    /// The problem's slug.
    pub problem: String,
    /// A language name from `GET /v1/languages`.
    pub language: String,
    pub source: String,
    /// An input of one's own (for a function problem, one JSON value per line, one line per
    /// parameter); without it, the run takes the problem's samples.
    pub input: Option<String>,
}

#[utoipa::path(post, path = "/v1/runs", tag = "runs", request_body = NewRunBody,
    responses(
        (status = 200, description = "the run's result: every sample (or the one input) with what went in, what was expected and what came out", body = SubmissionView),
        (status = 202, description = "not finished within `--max-wait`: GET the Location", body = Accepted),
        (status = 400, description = "a malformed body or slug", body = super::error::ErrorBody),
        (status = 404, description = "no such problem", body = super::error::ErrorBody),
        (status = 422, description = "a language or source refused, or an input refused (`invalid_input`): it does not fit the signature, the problem takes no input of one's own, or its reference solution cannot answer it", body = super::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn create(State(state): State<AppState>, caller: Caller, Json(body): Json<NewRunBody>) -> Result<Response, ApiError> {
    caller.require_practice()?;
    let NewRunBody { problem, language, source, input } = body;
    let checked = SubmissionRequest::parse(NewSubmissionBody { problem, language, source, callback_url: None }, &state, &caller)?;
    start(&state, &caller, checked, input, None).await
}

/// Queues a run and waits for its result; in an assessment, `guard` says what the session must
/// still be for the run to be taken.
pub(super) async fn start(
    state: &AppState,
    caller: &Caller,
    checked: SubmissionRequest,
    input: Option<String>,
    guard: Option<(uuid::Uuid, Guard)>,
) -> Result<Response, ApiError> {
    let entry = state.catalog.get(&checked.slug).ok_or_else(|| super::problems::unknown_problem(&checked.slug))?;
    let run = match input {
        None => RunInput::Samples,
        Some(input) => {
            if input.len() > state.config.max_source_bytes {
                let why = format!("the input is {} bytes, over the limit of {} bytes", input.len(), state.config.max_source_bytes);
                return Err(ApiError::new(ErrorCode::InvalidInput, why));
            }
            runs::check_input(&entry.problem, &input).map_err(|why| ApiError::new(ErrorCode::InvalidInput, why))?;
            RunInput::Custom(input)
        }
    };
    state.run_limiter.check(&caller.owner.key().to_string()).map_err(|s| ApiError::rate_limited("for runs from this token", s))?;
    let _slot = state.streams.open(caller)?;
    let mut new = checked.into_new(&caller.owner, Some(run), None);
    if let Some((assessment, guard)) = guard {
        new.meta.assessment = Some(assessment);
        new.guard = Some(guard);
    }
    let (id, meta) = (new.meta.id, &new.meta);
    tracing::info!(submission_id = %id, problem = %meta.problem, language = %meta.language, "run queued");
    // Without an idempotency key a new record is always made, unless its section has closed.
    if let Created::Closed = state.store.create(&new).await? {
        return Err(ApiError::new(ErrorCode::AssessmentClosed, "the assessment's section closed before the run was taken"));
    }
    let record = tokio::select! {
        record = wait_finished(&state.store, id, state.config.max_wait) => record?,
        _ = state.shutdown.cancelled() => state.store.get(id).await?,
    };
    let location = [(header::LOCATION, format!("/v1/runs/{id}"))];
    Ok(match record {
        Some(r) if r.status == Status::Finished => {
            if let Some(why) = r.result.as_ref().and_then(|r| r.invalid_input.clone()) {
                return Err(ApiError::new(ErrorCode::InvalidInput, why));
            }
            (StatusCode::OK, location, axum::Json(view_for(caller, &r))).into_response()
        }
        r => {
            let status = r.map_or(Status::Queued, |r| r.status);
            (StatusCode::ACCEPTED, location, axum::Json(Accepted { id, status })).into_response()
        }
    })
}

#[utoipa::path(get, path = "/v1/runs/{id}", tag = "runs",
    params(("id" = String, Path)),
    responses((status = 200, body = SubmissionView), (status = 400, body = super::error::ErrorBody),
        (status = 403, body = super::error::ErrorBody), (status = 404, body = super::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn show(State(state): State<AppState>, caller: Caller, Path(id): Path<String>) -> Result<axum::Json<SubmissionView>, ApiError> {
    let record = load_visible(&state, &caller, &id).await.map_err(|e| match e.code {
        ErrorCode::UnknownSubmission => ApiError::new(ErrorCode::UnknownRun, format!("no run {id}")),
        _ => e,
    })?;
    if record.meta.run.is_none() {
        return Err(ApiError::new(ErrorCode::UnknownRun, format!("{id} is a submission, not a run: GET /v1/submissions/{id}")));
    }
    Ok(axum::Json(view_for(&caller, &record)))
}
