//! What instructors read of assessments: the templates, the list of sessions, each one's report
//! (computed afresh from the store by [`crate::grading`], so it is never stale), their reviews
//! of a stage, and exports of many reports as JSON or CSV.

use super::assessments::{load, summary, AssessmentSummary};
use super::auth::Caller;
use super::error::{ApiError, ErrorCode, Json, Path, Query};
use super::AppState;
use crate::assessment::session::State;
use crate::assessment::template::{self, Template};
use crate::grading::{self, Attempt, Band, Evidence, Recommendation, Report, Review};
use crate::problem::interview::{Level, Stage};
use crate::progress::Status;
use crate::store::AssessmentRecord;
use crate::verdict::JudgeResult;
use axum::extract::State as AxumState;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::{IntoParams, ToSchema};

#[derive(Serialize, ToSchema)]
pub struct Templates {
    pub templates: Vec<Template>,
    /// Files in the folder that are not usable templates, and why (the field named).
    pub invalid: Vec<InvalidTemplate>,
}

#[derive(Serialize, ToSchema)]
pub struct InvalidTemplate {
    pub file: String,
    pub error: String,
}

#[utoipa::path(get, path = "/v1/assessment-templates", tag = "assessments",
    responses((status = 200, body = Templates), (status = 403, body = super::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn templates(AxumState(state): AxumState<AppState>, caller: Caller) -> Result<axum::Json<Templates>, ApiError> {
    caller.require_instructor("listing templates")?;
    let dir = state.config.assessments.clone();
    let bank = state.catalog.snapshot();
    // A few small files; read off the async threads all the same.
    let (templates, invalid) = tokio::task::spawn_blocking(move || template::load_all(&dir, &bank))
        .await
        .map_err(|e| ApiError::internal(anyhow::anyhow!("reading templates: {e}")))?;
    let invalid = invalid.into_iter().map(|(file, error)| InvalidTemplate { file, error }).collect();
    Ok(axum::Json(Templates { templates, invalid }))
}

/// The report of `record`, from its submissions as the store holds them now.
async fn report_of(state: &AppState, record: &AssessmentRecord) -> Result<Report, ApiError> {
    let mut attempts = Vec::new();
    for (id, received_ms) in &record.submissions {
        let Some(r) = state.store.get(*id).await? else { continue };
        let result = match (r.status, r.result) {
            (Status::Finished, Some(result)) => Some(result),
            // Finished without a result: nothing to grade, and nothing to wait for.
            (Status::Finished, None) => Some(JudgeResult::internal_error("no result was kept".into())),
            _ => None,
        };
        attempts.push(Attempt { id: *id, problem: r.meta.problem, language: r.meta.language, received_ms: *received_ms, result });
    }
    let now = state.store.clock().await?;
    let finished = record.state == State::Finished || record.timeline.as_ref().is_some_and(|t| now >= t.deadline_ms);
    let evidence = Evidence {
        session: &record.session,
        attempts: &attempts,
        opened: &record.opened,
        reviews: &record.reviews,
        integrity: &record.integrity,
        finished,
    };
    Ok(grading::report(&evidence))
}

#[utoipa::path(get, path = "/v1/assessments/{id}/report", tag = "assessments", params(("id" = String, Path)),
    responses((status = 200, description = "the report, computed now; `final` once nothing can change it", body = Report),
        (status = 400, body = super::error::ErrorBody),
        (status = 403, description = "a candidate, unless the template shows them the report and the assessment is over", body = super::error::ErrorBody),
        (status = 404, body = super::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn report(AxumState(state): AxumState<AppState>, caller: Caller, Path(id): Path<String>) -> Result<axum::Json<Report>, ApiError> {
    let record = load(&state, &caller, &id).await?;
    let candidate_may = record.session.candidate_report && record.state == State::Finished;
    if !caller.is_instructor() && !candidate_may {
        return Err(ApiError::forbidden("the report is for instructors (this template shows it to candidates only once finished)"));
    }
    let mut report = report_of(&state, &record).await?;
    if !caller.is_instructor() {
        // The grade counts a manual score as the rubric says; the notes are the instructor's.
        report.stages.iter_mut().filter_map(|s| s.review.as_mut()).for_each(|r| r.notes = None);
    }
    Ok(axum::Json(report))
}

#[utoipa::path(put, path = "/v1/assessments/{id}/reviews/{stage}", tag = "assessments",
    params(("id" = String, Path), ("stage" = String, Path, description = "phone-screen, coding-assessment or technical-interview")),
    request_body = Review,
    responses((status = 200, body = Review), (status = 400, description = "a malformed id", body = super::error::ErrorBody),
        (status = 403, body = super::error::ErrorBody),
        (status = 404, description = "no such assessment, or no such stage in it", body = super::error::ErrorBody),
        (status = 422, description = "a score outside 0 to 100, or notes over 10000 characters", body = super::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn review(
    AxumState(state): AxumState<AppState>,
    caller: Caller,
    Path((id, stage)): Path<(String, String)>,
    body: Result<Json<Review>, ApiError>,
) -> Result<axum::Json<Review>, ApiError> {
    caller.require_instructor("reviewing")?;
    let record = load(&state, &caller, &id).await?;
    let Json(review) = body?;
    let stage = Stage::ALL
        .into_iter()
        .find(|s| s.name() == stage && record.session.sections.iter().any(|sec| sec.stage == *s))
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound, format!("this assessment has no stage {stage:?}")))?;
    if review.score.is_some_and(|s| !(0.0..=100.0).contains(&s)) {
        return Err(ApiError::new(ErrorCode::InvalidReview, "score must be 0 to 100"));
    }
    if review.notes.as_ref().is_some_and(|n| n.chars().count() > 10_000) {
        return Err(ApiError::new(ErrorCode::InvalidReview, "notes must be at most 10000 characters"));
    }
    state.store.set_review(record.session.id, stage, &review).await?;
    Ok(axum::Json(review))
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ListParams {
    /// A template's id.
    pub template: Option<String>,
    /// Part of the candidate's name, in any case.
    pub candidate: Option<String>,
    #[param(value_type = Option<String>, example = "finished")]
    pub state: Option<State>,
    /// 1 to 100; default 20 (lists only).
    pub limit: Option<usize>,
    /// `next_cursor` of the previous page (lists only).
    pub cursor: Option<String>,
    /// `json` (default) or `csv` (exports only).
    pub format: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct AssessmentPage {
    pub items: Vec<AssessmentSummary>,
    pub next_cursor: Option<String>,
}

/// The sessions that pass `params`' filters, newest first.
async fn matching(state: &AppState, params: &ListParams) -> Result<Vec<AssessmentRecord>, ApiError> {
    let needle = params.candidate.as_ref().map(|c| c.to_lowercase());
    let mut out = Vec::new();
    for id in state.store.assessment_ids().await? {
        let Some(record) = state.store.assessment(id).await? else { continue };
        let s = &record.session;
        if params.template.as_ref().is_none_or(|t| *t == s.template)
            && needle.as_ref().is_none_or(|n| s.candidate.to_lowercase().contains(n.as_str()))
            && params.state.is_none_or(|st| st == record.state)
        {
            out.push(record);
        }
    }
    Ok(out)
}

#[utoipa::path(get, path = "/v1/assessments", tag = "assessments", params(ListParams),
    responses((status = 200, body = AssessmentPage), (status = 400, body = super::error::ErrorBody),
        (status = 403, body = super::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn list(AxumState(state): AxumState<AppState>, caller: Caller, Query(params): Query<ListParams>) -> Result<axum::Json<AssessmentPage>, ApiError> {
    caller.require_instructor("listing assessments")?;
    let limit = params.limit.unwrap_or(20);
    if !(1..=100).contains(&limit) {
        return Err(ApiError::new(ErrorCode::InvalidQuery, "limit must be 1 to 100"));
    }
    let skip = params
        .cursor
        .as_deref()
        .map(|c| c.parse::<usize>().map_err(|_| ApiError::new(ErrorCode::InvalidCursor, "cursor must be a next_cursor from an earlier page")))
        .transpose()?
        .unwrap_or(0);
    let all = matching(&state, &params).await?;
    let items: Vec<AssessmentSummary> = all.iter().skip(skip).take(limit).map(summary).collect();
    // A cursor is any number a client sends: near usize::MAX, adding the limit would overflow.
    let end = skip.saturating_add(limit);
    let next_cursor = (end < all.len()).then(|| end.to_string());
    Ok(axum::Json(AssessmentPage { items, next_cursor }))
}

/// One assessment in an export: one row of the CSV.
#[derive(Serialize, ToSchema)]
pub struct ExportRow {
    #[serde(flatten)]
    pub assessment: AssessmentSummary,
    pub target_level: Level,
    pub recommendation: Recommendation,
    pub level: Option<Level>,
    #[serde(rename = "final")]
    pub is_final: bool,
    /// Each stage's grade and band, by stage name.
    pub stages: BTreeMap<String, StageRow>,
}

#[derive(Serialize, ToSchema)]
pub struct StageRow {
    pub score: f64,
    pub grade: f64,
    pub band: Band,
}

#[utoipa::path(get, path = "/v1/assessments/export", tag = "assessments", params(ListParams),
    responses((status = 200, description = "one row per assessment, as JSON (an array) or CSV (a column per stage's grade and band)", 
            content((Vec<ExportRow> = "application/json"), (String = "text/csv"))),
        (status = 400, body = super::error::ErrorBody), (status = 403, body = super::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn export(AxumState(state): AxumState<AppState>, caller: Caller, Query(params): Query<ListParams>) -> Result<Response, ApiError> {
    caller.require_instructor("exporting assessments")?;
    let csv = match params.format.as_deref() {
        None | Some("json") => false,
        Some("csv") => true,
        Some(other) => return Err(ApiError::new(ErrorCode::InvalidQuery, format!("format must be json or csv, not {other:?}"))),
    };
    let mut rows = Vec::new();
    for record in matching(&state, &params).await? {
        let report = report_of(&state, &record).await?;
        let stages = report.stages.iter().map(|s| (s.stage.name().to_string(), StageRow { score: s.score, grade: s.grade, band: s.band })).collect();
        rows.push(ExportRow {
            assessment: summary(&record),
            target_level: report.target_level,
            recommendation: report.recommendation,
            level: report.level,
            is_final: report.is_final,
            stages,
        });
    }
    if !csv {
        return Ok(axum::Json(rows).into_response());
    }
    Ok(([(header::CONTENT_TYPE, "text/csv; charset=utf-8")], to_csv(&rows)).into_response())
}

/// How serde writes a unit variant (`lean_no_hire`).
fn serde_name<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default()
}

/// RFC 4180 rows, every field quoted; a field that a spreadsheet would run as a formula
/// (`=`, `+`, `-`, `@` first) is given a leading `'`, since names come from people.
fn to_csv(rows: &[ExportRow]) -> String {
    let field = |v: &str| {
        let v = if v.starts_with(['=', '+', '-', '@']) { format!("'{v}") } else { v.to_string() };
        format!("\"{}\"", v.replace('"', "\"\""))
    };
    let mut header: Vec<String> =
        ["id", "template", "candidate", "state", "started_ms", "finished_ms", "target_level", "recommendation", "level", "final"].map(String::from).to_vec();
    for stage in Stage::ALL {
        header.push(format!("{} grade", stage.name()));
        header.push(format!("{} band", stage.name()));
    }
    let mut out = header.iter().map(|h| field(h)).collect::<Vec<_>>().join(",");
    out.push_str("\r\n");
    for row in rows {
        let a = &row.assessment;
        let ms = |v: Option<u64>| v.map(|v| v.to_string()).unwrap_or_default();
        let mut cells = vec![
            a.id.to_string(),
            a.template.clone(),
            a.candidate.clone(),
            a.state.name().to_string(),
            ms(a.started_ms),
            ms(a.finished_ms),
            row.target_level.name().to_string(),
            serde_name(&row.recommendation),
            row.level.map(|l| l.name().to_string()).unwrap_or_default(),
            row.is_final.to_string(),
        ];
        for stage in Stage::ALL {
            match row.stages.get(stage.name()) {
                Some(s) => {
                    cells.push(s.grade.to_string());
                    cells.push(serde_name(&s.band));
                }
                None => cells.extend([String::new(), String::new()]),
            }
        }
        out.push_str(&cells.iter().map(|c| field(c)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}
