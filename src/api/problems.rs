//! `GET /v1/languages`, `GET /v1/problems`, `GET /v1/problems/{slug}`.

use super::auth::Caller;
use super::error::{ApiError, ErrorCode, Path, Query};
use super::AppState;
use crate::catalog::{Entry, Slug};
use crate::kinds::{self, function};
use crate::language::Language;
use crate::problem::{Kind, Level, Stage};
use axum::extract::State;
use axum::Json;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::{IntoParams, ToSchema};

#[derive(Serialize, ToSchema)]
pub struct LanguageInfo {
    pub name: String,
    pub extensions: Vec<String>,
}

#[utoipa::path(get, path = "/v1/languages", tag = "problems",
    responses((status = 200, body = Vec<LanguageInfo>)), security(("bearer" = [])))]
pub async fn languages(_caller: Caller) -> Json<Vec<LanguageInfo>> {
    Json(
        Language::ALL
            .iter()
            .map(|l| LanguageInfo {
                name: l.name().to_string(),
                extensions: l.toolchain().extensions.iter().map(|e| e.to_string()).collect(),
            })
            .collect(),
    )
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ProblemFilter {
    #[param(value_type = Option<String>, example = "algorithm")]
    pub kind: Option<Kind>,
    #[param(value_type = Option<String>, example = "phone-screen")]
    pub stage: Option<Stage>,
    #[param(value_type = Option<String>, example = "entry")]
    pub level: Option<Level>,
}

#[derive(Serialize, ToSchema)]
pub struct ProblemSummary {
    pub slug: String,
    pub name: String,
    /// A hash of the problem's folder; it changes when the problem does.
    pub version: String,
    #[schema(value_type = String, example = "algorithm")]
    pub kind: Kind,
    #[schema(value_type = Option<String>, example = "phone-screen")]
    pub stage: Option<Stage>,
    #[schema(value_type = Option<String>, example = "entry")]
    pub level: Option<Level>,
    pub tags: Vec<String>,
    pub time_limit_ms: u64,
    /// Whether `mockjudge verify` set the time limit, having judged the problem's submissions
    /// (false when `problem.yaml` fixes it, verified or not).
    pub verified: bool,
    pub memory_mib: u64,
    pub languages: Vec<String>,
}

#[derive(Serialize, ToSchema)]
pub struct Sample {
    pub input: String,
    pub output: String,
}

#[derive(Serialize, ToSchema)]
pub struct StatementView {
    /// `markdown` or `latex`.
    pub format: String,
    pub source: String,
    /// Rendered, for Markdown statements.
    pub html: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct ProblemDetail {
    #[serde(flatten)]
    pub summary: ProblemSummary,
    pub statement: Option<StatementView>,
    pub samples: Vec<Sample>,
    pub scoring: bool,
    /// Code to start from, by language name. For a function or class problem it compiles and
    /// returns a default (wrong) value; for an API problem it is a server that listens on
    /// `$PORT` and answers every request with 501.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub starter: BTreeMap<String, String>,
    /// For a database problem: the SQL that makes the tables its tests start from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
}

fn summary(slug: &str, e: &Entry) -> ProblemSummary {
    let p = &e.problem;
    ProblemSummary {
        slug: slug.to_string(),
        name: p.name.clone(),
        version: e.version.clone(),
        kind: p.interview.kind,
        stage: p.interview.stage,
        level: p.interview.level,
        tags: p.interview.tags.clone(),
        time_limit_ms: e.time_limit.as_millis() as u64,
        verified: p.computed_time_limit.is_some(),
        memory_mib: p.limits.memory_mib,
        languages: e.languages.iter().map(|l| l.name().to_string()).collect(),
    }
}

#[utoipa::path(get, path = "/v1/problems", tag = "problems", params(ProblemFilter),
    responses((status = 200, body = Vec<ProblemSummary>), (status = 400, body = super::error::ErrorBody),
        (status = 403, description = "an assessment's token: it reads its problems under /v1/assessments/{id}/", body = super::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    Query(filter): Query<ProblemFilter>,
) -> Result<Json<Vec<ProblemSummary>>, ApiError> {
    caller.require_practice()?;
    let snapshot = state.catalog.snapshot();
    let out = snapshot
        .problems
        .iter()
        .filter(|(_, e)| {
            let i = &e.problem.interview;
            filter.kind.is_none_or(|k| i.kind == k)
                && filter.stage.is_none_or(|s| i.stage == Some(s))
                && filter.level.is_none_or(|l| i.level == Some(l))
        })
        .map(|(slug, e)| summary(slug, e))
        .collect();
    Ok(Json(out))
}

/// Checks a slug from a client before it is used for anything.
pub fn parse_slug(slug: &str) -> Result<Slug, ApiError> {
    Slug::parse(slug).map_err(|e| ApiError::new(ErrorCode::InvalidSlug, e.to_string()))
}

pub fn unknown_problem(slug: &str) -> ApiError {
    ApiError::new(ErrorCode::UnknownProblem, format!("no problem {slug:?}; GET /v1/problems lists them"))
}

#[utoipa::path(get, path = "/v1/problems/{slug}", tag = "problems",
    params(("slug" = String, Path, description = "the problem's folder name")),
    responses((status = 200, body = ProblemDetail), (status = 400, body = super::error::ErrorBody),
        (status = 403, description = "an assessment's token: it reads its problems under /v1/assessments/{id}/", body = super::error::ErrorBody),
        (status = 404, body = super::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn show(
    State(state): State<AppState>,
    caller: Caller,
    Path(slug): Path<String>,
) -> Result<Json<ProblemDetail>, ApiError> {
    caller.require_practice()?;
    let slug = parse_slug(&slug)?;
    let entry = state.catalog.get(&slug).ok_or_else(|| unknown_problem(&slug))?;
    Ok(Json(detail(&slug, &entry, &entry.languages)))
}

/// What a candidate reads of a problem, with the starter code of `languages`.
pub fn detail(slug: &str, entry: &Entry, languages: &[Language]) -> ProblemDetail {
    let statement = entry.problem.statement.as_ref().map(|s| StatementView {
        format: serde_json::to_value(&s.format).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default(),
        source: s.source.clone(),
        html: s.html.clone(),
    });
    let mut summary = summary(slug, entry);
    summary.languages = languages.iter().map(|l| l.name().to_string()).collect();
    ProblemDetail {
        summary,
        statement,
        samples: entry.samples.iter().map(|(input, output)| Sample { input: input.clone(), output: output.clone() }).collect(),
        scoring: entry.problem.scoring,
        starter: languages
            .iter()
            .filter_map(|&l| {
                let code = match (entry.problem.interview.signature(), entry.problem.interview.kind) {
                    (Some(signature), _) => function::starter(l, signature)?,
                    (None, Kind::Api) => kinds::api::starter(l)?.to_string(),
                    (None, _) => return None,
                };
                Some((l.name().to_string(), code))
            })
            .collect(),
        schema: entry.problem.interview.database.as_ref().map(|db| db.schema_sql.clone()).filter(|s| !s.is_empty()),
    }
}
