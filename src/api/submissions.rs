//! `POST /v1/submissions`, `GET /v1/submissions`, `GET /v1/submissions/{id}`.

use super::auth::Caller;
use super::error::{ApiError, ErrorCode, Json, Path, Query};
use super::problems::{parse_slug, unknown_problem};
use super::AppState;
use crate::catalog::Slug;
use crate::judge::{Submission, SubmissionError};
use crate::language::Language;
use crate::progress::Status;
use crate::runs::RunInput;
use crate::store::{self, Created, Meta, NewSubmission, Owner, Record, Store};
use crate::view::{Audience, SubmissionView};
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use std::time::{Duration, Instant};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewSubmissionBody {
    /// The problem's slug.
    pub problem: String,
    /// A language name from `GET /v1/languages`.
    pub language: String,
    pub source: String,
    /// Where to POST the result when it is final (instructor token only).
    pub callback_url: Option<String>,
}

#[derive(Deserialize, IntoParams)]
pub struct CreateParams {
    /// Hold the request until the result is final (or the wait runs out).
    pub wait: Option<bool>,
    /// How long to wait, in seconds (capped by the server's limit).
    pub timeout: Option<u64>,
}

#[derive(Serialize, ToSchema)]
pub struct Accepted {
    pub id: Uuid,
    pub status: Status,
}

/// A submission request that passed every check at the edge: a problem on offer, one of its
/// languages, a source within the limit, a callback URL only from an instructor.
pub(super) struct SubmissionRequest {
    pub slug: Slug,
    /// The problem's version now.
    pub version: String,
    pub language: Language,
    pub source: String,
    pub callback_url: Option<String>,
}

impl SubmissionRequest {
    pub(super) fn parse(body: NewSubmissionBody, state: &AppState, caller: &Caller) -> Result<SubmissionRequest, ApiError> {
        let slug = parse_slug(&body.problem)?;
        let entry = state.catalog.get(&slug).ok_or_else(|| unknown_problem(&slug))?;
        let accepted: Vec<&str> = entry.languages.iter().map(|l| l.name()).collect();
        let language = Language::parse(&body.language)
            .ok()
            .filter(|l| entry.languages.contains(l))
            .ok_or_else(|| {
                ApiError::new(ErrorCode::UnknownLanguage,
                    format!("{:?} is not a language of {slug}; it takes: {}", body.language, accepted.join(", ")),
                )
                .with_details(serde_json::json!({ "languages": accepted }))
            })?;
        Submission::new(language, body.source.clone(), state.config.max_source_bytes).map_err(|e| match e {
            SubmissionError::Empty => ApiError::new(ErrorCode::EmptySource, "source is empty"),
            e => ApiError::new(ErrorCode::SourceTooLarge, e.to_string()),
        })?;
        if let Some(url) = &body.callback_url {
            caller.require_instructor("callback_url")?;
            match reqwest::Url::parse(url) {
                Ok(u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => {}
                _ => return Err(ApiError::new(ErrorCode::InvalidCallbackUrl, format!("{url:?} is not an http(s) URL"))),
            }
        }
        Ok(SubmissionRequest {
            slug,
            version: entry.version.clone(),
            language,
            source: body.source,
            callback_url: body.callback_url,
        })
    }

    /// The record to create for `owner`: a new id, the time now, and what was checked; `run`
    /// for a run before submitting.
    pub(super) fn into_new(self, owner: &Owner, run: Option<RunInput>, idempotency: Option<(String, String)>) -> NewSubmission {
        let meta = Meta {
            id: Uuid::new_v4(),
            owner: owner.clone(),
            problem: self.slug,
            problem_version: self.version,
            language: self.language,
            created_ms: store::now_ms(),
            callback_url: self.callback_url,
            run,
            assessment: None,
        };
        NewSubmission { meta, source: self.source, idempotency, guard: None }
    }
}

const IDEMPOTENCY_HEADER: &str = "idempotency-key";

pub(super) fn view_for(caller: &Caller, record: &Record) -> SubmissionView {
    let audience = if caller.is_instructor() { Audience::Instructor } else { Audience::Candidate };
    SubmissionView::new(record, audience)
}

#[utoipa::path(post, path = "/v1/submissions", tag = "submissions", request_body = NewSubmissionBody,
    params(CreateParams, ("Idempotency-Key" = Option<String>, Header, description = "a retry with the same key returns the first submission")),
    responses(
        (status = 202, description = "queued (or, with wait, not finished in time)", body = Accepted),
        (status = 200, description = "with wait: the final result", body = SubmissionView),
        (status = 400, description = "a malformed body, slug or Idempotency-Key", body = super::error::ErrorBody),
        (status = 403, description = "a candidate setting `callback_url`", body = super::error::ErrorBody),
        (status = 404, description = "no such problem", body = super::error::ErrorBody),
        (status = 409, description = "an Idempotency-Key sent again with a different request", body = super::error::ErrorBody),
        (status = 422, description = "a body of the wrong shape, or a language, source or callback_url refused", body = super::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    Query(params): Query<CreateParams>,
    headers: HeaderMap,
    Json(body): Json<NewSubmissionBody>,
) -> Result<Response, ApiError> {
    caller.require_practice()?;
    let checked = SubmissionRequest::parse(body, &state, &caller)?;
    let idempotency = match headers.get(IDEMPOTENCY_HEADER) {
        None => None,
        Some(v) => {
            let key = v
                .to_str()
                .ok()
                .filter(|k| (1..=255).contains(&k.len()) && k.bytes().all(|b| b.is_ascii_graphic()))
                .ok_or_else(|| ApiError::new(ErrorCode::InvalidIdempotencyKey, "Idempotency-Key must be 1 to 255 visible ASCII characters"))?;
            let fingerprint = store::hex_digest(
                serde_json::json!([checked.slug, checked.language, checked.source, checked.callback_url]).to_string().as_bytes(),
            );
            Some((key.to_string(), fingerprint))
        }
    };
    // Taken before the submission is made, so that a refused wait leaves nothing behind.
    let wait = params.wait.unwrap_or(false).then(|| {
        params.timeout.map_or(state.config.max_wait, |s| Duration::from_secs(s).min(state.config.max_wait))
    });
    let _slot = if wait.is_some() { state.streams.open(&caller)? } else { None };
    let new = checked.into_new(&caller.owner, None, idempotency);
    let meta = &new.meta;
    tracing::info!(submission_id = %meta.id, problem = %meta.problem, language = %meta.language, "submission queued");
    let id = match state.store.create(&new).await? {
        Created::New => new.meta.id,
        Created::Existing(id) => id,
        // Only an assessment's submissions are guarded.
        Created::Closed => return Err(ApiError::new(ErrorCode::AssessmentClosed, "the assessment is closed")),
        Created::KeyReused => {
            return Err(ApiError::new(ErrorCode::IdempotencyKeyReused,
                "this Idempotency-Key was used with a different request",
            ))
        }
    };
    tracing::Span::current().record("submission_id", tracing::field::display(id));
    let record = if let Some(wait) = wait {
        tokio::select! {
            record = wait_finished(&state.store, id, wait) => record?,
            // Shutting down: answer now, as if the wait had run out.
            _ = state.shutdown.cancelled() => state.store.get(id).await?,
        }
    } else {
        None
    };
    let location = [(header::LOCATION, format!("/v1/submissions/{id}"))];
    Ok(match record {
        Some(r) if r.status == Status::Finished => (StatusCode::OK, location, axum::Json(view_for(&caller, &r))).into_response(),
        Some(r) => (StatusCode::ACCEPTED, location, axum::Json(Accepted { id, status: r.status })).into_response(),
        None => (StatusCode::ACCEPTED, location, axum::Json(Accepted { id, status: Status::Queued })).into_response(),
    })
}

/// Waits up to `wait` for submission `id` to finish; returns its record either way.
pub(super) async fn wait_finished(store: &Store, id: Uuid, wait: Duration) -> Result<Option<Record>, ApiError> {
    let deadline = Instant::now() + wait;
    let mut conn = store.blocking(wait).await?;
    let mut after = "0".to_string();
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left < Duration::from_millis(1) {
            break;
        }
        let events = Store::events(&mut conn, id, &after, left).await?;
        if events.iter().any(|e| e.progress.is_finished()) {
            break;
        }
        if let Some(last) = events.last() {
            after = last.id.clone();
        }
    }
    Ok(store.get(id).await?)
}

/// Parses a submission id from a path and checks the caller may see it.
pub async fn load_visible(state: &AppState, caller: &Caller, id: &str) -> Result<Record, ApiError> {
    let id = Uuid::parse_str(id).map_err(|_| ApiError::new(ErrorCode::InvalidId, format!("{id:?} is not a submission id")))?;
    tracing::Span::current().record("submission_id", tracing::field::display(id));
    let record = state.store.get(id).await?.ok_or_else(|| ApiError::new(ErrorCode::UnknownSubmission, format!("no submission {id}")))?;
    if !caller.may_see(&record.meta.owner) {
        return Err(ApiError::forbidden("this submission belongs to another token"));
    }
    Ok(record)
}

#[utoipa::path(get, path = "/v1/submissions/{id}", tag = "submissions",
    params(("id" = String, Path)),
    responses((status = 200, body = SubmissionView), (status = 400, body = super::error::ErrorBody),
        (status = 403, body = super::error::ErrorBody), (status = 404, body = super::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn show(State(state): State<AppState>, caller: Caller, Path(id): Path<String>) -> Result<axum::Json<SubmissionView>, ApiError> {
    let record = load_visible(&state, &caller, &id).await?;
    if record.meta.run.is_some() {
        return Err(ApiError::new(ErrorCode::UnknownSubmission, format!("{id} is a run, not a submission: GET /v1/runs/{id}")));
    }
    Ok(axum::Json(view_for(&caller, &record)))
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ListParams {
    pub problem: Option<String>,
    /// 1 to 100; default 20.
    pub limit: Option<usize>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct Page {
    pub items: Vec<SubmissionView>,
    pub next_cursor: Option<String>,
}

#[utoipa::path(get, path = "/v1/submissions", tag = "submissions", params(ListParams),
    responses((status = 200, body = Page), (status = 400, body = super::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn list(State(state): State<AppState>, caller: Caller, Query(params): Query<ListParams>) -> Result<axum::Json<Page>, ApiError> {
    let problem = params.problem.as_deref().map(parse_slug).transpose()?;
    let limit = params.limit.unwrap_or(20);
    if !(1..=100).contains(&limit) {
        return Err(ApiError::new(ErrorCode::InvalidQuery, "limit must be 1 to 100"));
    }
    let cursor = params
        .cursor
        .map(|c| c.parse::<u64>().map_err(|_| ApiError::new(ErrorCode::InvalidCursor, "cursor must be a next_cursor from an earlier page")))
        .transpose()?;
    let (records, next) = state.store.list(&caller.owner, problem.as_deref(), limit, cursor).await?;
    Ok(axum::Json(Page {
        items: records.iter().map(|r| view_for(&caller, r)).collect(),
        next_cursor: next.map(|n| n.to_string()),
    }))
}
