//! Timed assessments over HTTP. The instructor makes a session from a template and hands the
//! candidate its token, which works for that session only. The candidate starts it, reads and
//! submits the open section's problems, moves on, finishes; the store's clock decides what is
//! open, in the same script that takes a submission, so nothing a candidate sends can land
//! after its section closed. Reports and exports are in [`super::reports`].

use super::auth::Caller;
use super::error::{ApiError, ErrorCode, Json, Path};
use super::problems::{detail, parse_slug, unknown_problem, ProblemDetail};
use super::runs::NewRunBody;
use super::submissions::{Accepted, NewSubmissionBody, SubmissionRequest};
use super::AppState;
use crate::assessment::session::{Session, State, Window};
use crate::assessment::template::{self, TemplateError};
use crate::catalog::Slug;
use crate::grading::{IntegrityEvent, IntegrityKind};
use crate::language::Language;
use crate::problem::interview::{Kind, Level, Stage};
use crate::progress::Status;
use crate::store::{AssessmentRecord, Change, Created, Guard, TokenInfo};
use crate::verdict::Verdict;
use axum::extract::State as AxumState;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewAssessment {
    /// A template's id from `GET /v1/assessment-templates`.
    pub template: String,
    /// Who sits it (shown in reports).
    pub candidate: String,
    /// The seed for the template's draws; by default a random one. The session records it, so
    /// the same seed over the same bank draws the same problems again.
    pub seed: Option<u64>,
}

#[derive(Serialize, ToSchema)]
pub struct AssessmentCreated {
    pub assessment: AssessmentView,
    /// The candidate's bearer token, for this assessment only; shown once, stored as a hash.
    pub token: String,
}

/// A session in a list: who, what, where it stands.
#[derive(Serialize, ToSchema)]
pub struct AssessmentSummary {
    pub id: Uuid,
    pub template: String,
    pub name: String,
    pub candidate: String,
    pub state: State,
    pub created_ms: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub started_ms: Option<u64>,
    /// Fixed at the start; moving on early may bring it forward, nothing can push it back.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deadline_ms: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub finished_ms: Option<u64>,
    /// `candidate` or `deadline`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub finish_reason: Option<String>,
}

pub(super) fn summary(record: &AssessmentRecord) -> AssessmentSummary {
    let s = &record.session;
    let t = record.timeline.as_ref();
    AssessmentSummary {
        id: s.id,
        template: s.template.clone(),
        name: s.name.clone(),
        candidate: s.candidate.clone(),
        state: record.state,
        created_ms: s.created_ms,
        started_ms: t.map(|t| t.started_ms),
        deadline_ms: t.map(|t| t.deadline_ms),
        finished_ms: t.and_then(|t| t.finished_ms),
        finish_reason: record.finish_reason.clone(),
    }
}

/// A session as its candidate or an instructor sees it: enough to resume it.
#[derive(Serialize, ToSchema)]
pub struct AssessmentView {
    #[serde(flatten)]
    pub assessment: AssessmentSummary,
    /// The level the assessment is for.
    pub level: Level,
    /// The draws' seed (instructors only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    pub duration_ms: u64,
    /// The server's clock when this was read: time left is `deadline_ms - now_ms`.
    pub now_ms: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_left_ms: Option<u64>,
    /// The section open now.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub current_section: Option<usize>,
    pub sections: Vec<SectionView>,
    /// The submissions taken in time, in order.
    pub submissions: Vec<SubmissionRef>,
    /// Whether the candidate may read the report once it is over.
    pub candidate_report: bool,
}

#[derive(Serialize, ToSchema)]
pub struct SectionView {
    pub stage: Stage,
    pub duration_ms: u64,
    pub progressive: bool,
    pub status: SectionStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub window: Option<Window>,
    /// Hidden from the candidate until the section opens.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problems: Option<Vec<ProblemRef>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum SectionStatus {
    Upcoming,
    Open,
    Closed,
}

#[derive(Serialize, ToSchema)]
pub struct ProblemRef {
    pub slug: Slug,
    pub title: String,
    pub kind: Kind,
    pub weight: f64,
    pub languages: Vec<Language>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub opened_ms: Option<u64>,
}

#[derive(Serialize, ToSchema)]
pub struct SubmissionRef {
    pub id: Uuid,
    pub problem: Slug,
    pub language: Language,
    /// When the server took it.
    pub received_ms: u64,
    pub status: Status,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verdict: Option<Verdict>,
}

/// The session `id` (from a path), if the caller may see it: an instructor, or the candidate
/// whose token was made for it.
pub(super) async fn load(state: &AppState, caller: &Caller, id: &str) -> Result<AssessmentRecord, ApiError> {
    let parsed = Uuid::parse_str(id).map_err(|_| ApiError::new(ErrorCode::InvalidId, format!("{id:?} is not an assessment id")))?;
    if !caller.is_instructor() && caller.scope != Some(parsed) {
        return Err(ApiError::forbidden("this token is not for this assessment"));
    }
    state.store.assessment(parsed).await?.ok_or_else(|| ApiError::new(ErrorCode::UnknownAssessment, format!("no assessment {parsed}")))
}

fn require_candidate(caller: &Caller, what: &str) -> Result<(), ApiError> {
    if caller.scope.is_some() {
        Ok(())
    } else {
        Err(ApiError::forbidden(format!("only the candidate, with the assessment's token, can {what}")))
    }
}

pub(super) async fn view(state: &AppState, caller: &Caller, record: &AssessmentRecord) -> Result<AssessmentView, ApiError> {
    let now_ms = state.store.clock().await?;
    let session = &record.session;
    let timeline = record.timeline.as_ref();
    let windows = timeline.map(|t| t.windows(session));
    let current_section = timeline.and_then(|t| t.current(session, now_ms)).filter(|_| record.state == State::Started);
    let sections = session
        .sections
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let window = windows.as_ref().map(|w| w[i]);
            let status = match window {
                Some(_) if current_section == Some(i) => SectionStatus::Open,
                Some(w) if w.closes_ms <= now_ms || record.state == State::Finished => SectionStatus::Closed,
                _ => SectionStatus::Upcoming,
            };
            let problems = (caller.is_instructor() || status != SectionStatus::Upcoming).then(|| {
                s.problems
                    .iter()
                    .map(|p| ProblemRef {
                        slug: p.slug.clone(),
                        title: p.title.clone(),
                        kind: p.kind,
                        weight: p.weight,
                        languages: p.languages.clone(),
                        opened_ms: record.opened.get(&p.slug).copied(),
                    })
                    .collect()
            });
            SectionView { stage: s.stage, duration_ms: s.duration_ms, progressive: s.progressive, status, window, problems }
        })
        .collect();
    let mut submissions = Vec::new();
    for (id, received_ms) in &record.submissions {
        if let Some(r) = state.store.get(*id).await? {
            let verdict = r.result.as_ref().map(|r| r.verdict).filter(|_| r.status == Status::Finished);
            submissions.push(SubmissionRef { id: *id, problem: r.meta.problem, language: r.meta.language, received_ms: *received_ms, status: r.status, verdict });
        }
    }
    let running = record.state == State::Started;
    Ok(AssessmentView {
        assessment: summary(record),
        level: session.level,
        seed: caller.is_instructor().then_some(session.seed),
        duration_ms: session.duration_ms,
        now_ms,
        time_left_ms: timeline.filter(|_| running).map(|t| t.deadline_ms.saturating_sub(now_ms)),
        current_section,
        sections,
        submissions,
        candidate_report: session.candidate_report,
    })
}

#[utoipa::path(post, path = "/v1/assessments", tag = "assessments", request_body = NewAssessment,
    responses((status = 201, body = AssessmentCreated),
        (status = 403, description = "not the instructor token", body = super::error::ErrorBody),
        (status = 404, description = "no such template (`unknown_template`)", body = super::error::ErrorBody),
        (status = 422, description = "a template that does not load (`invalid_template`: the file and field named), or a candidate name that is empty or over 200 characters", body = super::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn create(
    AxumState(state): AxumState<AppState>,
    caller: Caller,
    body: Result<Json<NewAssessment>, ApiError>,
) -> Result<(StatusCode, [(header::HeaderName, String); 1], axum::Json<AssessmentCreated>), ApiError> {
    caller.require_instructor("making assessments")?;
    let Json(body) = body?;
    let candidate = body.candidate.trim();
    if candidate.is_empty() || candidate.chars().count() > 200 || candidate.chars().any(char::is_control) {
        return Err(ApiError::new(ErrorCode::InvalidName, "candidate must be 1 to 200 characters, none of them control characters"));
    }
    let bank = state.catalog.snapshot();
    let template = template::load(&state.config.assessments, &body.template, &bank).map_err(template_error)?;
    let seed = body.seed.unwrap_or_else(rand::random);
    let id = Uuid::new_v4();
    let info = TokenInfo {
        id: format!("c_{}", &Uuid::new_v4().simple().to_string()[..16]),
        name: candidate.to_string(),
        assessment: Some(id),
    };
    let now = state.store.clock().await?;
    let session = Session::new(id, &template, &bank, candidate.to_string(), info.id.clone(), seed, now)
        .map_err(|why| ApiError::new(ErrorCode::InvalidTemplate, format!("{}: {why}", template.id)))?;
    let token = format!("mjc_{}", hex::encode(rand::random::<[u8; 24]>()));
    state.store.create_assessment(&session, &token, &info).await?;
    tracing::info!(assessment = %id, template = template.id, "assessment made");
    let record = load(&state, &caller, &id.to_string()).await?;
    let location = [(header::LOCATION, format!("/v1/assessments/{id}"))];
    Ok((StatusCode::CREATED, location, axum::Json(AssessmentCreated { assessment: view(&state, &caller, &record).await?, token })))
}

fn template_error(e: TemplateError) -> ApiError {
    match e {
        TemplateError::Unknown(id) => {
            ApiError::new(ErrorCode::UnknownTemplate, format!("no template {id:?}; GET /v1/assessment-templates lists them"))
        }
        TemplateError::Invalid(why) => ApiError::new(ErrorCode::InvalidTemplate, why),
    }
}

#[utoipa::path(get, path = "/v1/assessments/{id}", tag = "assessments", params(("id" = String, Path)),
    responses((status = 200, body = AssessmentView), (status = 400, body = super::error::ErrorBody),
        (status = 403, description = "a token for another assessment, or a practice token", body = super::error::ErrorBody),
        (status = 404, body = super::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn show(AxumState(state): AxumState<AppState>, caller: Caller, Path(id): Path<String>) -> Result<axum::Json<AssessmentView>, ApiError> {
    let record = load(&state, &caller, &id).await?;
    Ok(axum::Json(view(&state, &caller, &record).await?))
}

/// 409 for a change the session's state refuses.
fn refused(state: Option<State>, what: &str) -> ApiError {
    match state {
        Some(State::Created) => ApiError::new(ErrorCode::NotStarted, format!("the assessment has not started; it cannot {what}")),
        Some(State::Finished) => ApiError::new(ErrorCode::AlreadyFinished, format!("the assessment is finished; it cannot {what}")),
        _ => ApiError::new(ErrorCode::AssessmentClosed, format!("the section closed meanwhile; it cannot {what}")),
    }
}

#[utoipa::path(post, path = "/v1/assessments/{id}/start", tag = "assessments", params(("id" = String, Path)),
    responses((status = 400, description = "a malformed id", body = super::error::ErrorBody),
        (status = 200, description = "started: the deadline is fixed", body = AssessmentView),
        (status = 403, body = super::error::ErrorBody), (status = 404, body = super::error::ErrorBody),
        (status = 409, description = "started before (`already_started`) or finished (`already_finished`)", body = super::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn start(AxumState(state): AxumState<AppState>, caller: Caller, Path(id): Path<String>) -> Result<axum::Json<AssessmentView>, ApiError> {
    let record = load(&state, &caller, &id).await?;
    require_candidate(&caller, "start the assessment")?;
    match state.store.start_assessment(record.session.id, record.session.duration_ms).await? {
        Change::Done => {}
        Change::Refused(Some(State::Started)) => return Err(ApiError::new(ErrorCode::AlreadyStarted, "the assessment has started already")),
        Change::Refused(s) => return Err(refused(s, "start")),
    }
    show(AxumState(state), caller, Path(id)).await
}

#[utoipa::path(post, path = "/v1/assessments/{id}/advance", tag = "assessments", params(("id" = String, Path)),
    responses((status = 400, description = "a malformed id", body = super::error::ErrorBody),
        (status = 200, description = "the next section is open", body = AssessmentView),
        (status = 403, body = super::error::ErrorBody), (status = 404, body = super::error::ErrorBody),
        (status = 409, description = "not started, over, or in its last section (`last_section`: finish instead)", body = super::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn advance(AxumState(state): AxumState<AppState>, caller: Caller, Path(id): Path<String>) -> Result<axum::Json<AssessmentView>, ApiError> {
    let record = load(&state, &caller, &id).await?;
    require_candidate(&caller, "move on")?;
    let now = state.store.clock().await?;
    let (section, window) = open_section(&record, now)?;
    let sections = &record.session.sections;
    if section + 1 == sections.len() {
        return Err(ApiError::new(ErrorCode::LastSection, "this is the last section: POST .../finish to finish"));
    }
    let rest: u64 = sections[section + 1..].iter().map(|s| s.duration_ms).sum();
    match state.store.advance_assessment(record.session.id, record.version, section, window.closes_ms, rest).await? {
        Change::Done => show(AxumState(state), caller, Path(id)).await,
        Change::Refused(s) => Err(refused(s, "move on")),
    }
}

#[utoipa::path(post, path = "/v1/assessments/{id}/finish", tag = "assessments", params(("id" = String, Path)),
    responses((status = 400, description = "a malformed id", body = super::error::ErrorBody),
        (status = 200, description = "finished", body = AssessmentView),
        (status = 403, body = super::error::ErrorBody), (status = 404, body = super::error::ErrorBody),
        (status = 409, description = "not started (`not_started`) or finished before (`already_finished`)", body = super::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn finish(AxumState(state): AxumState<AppState>, caller: Caller, Path(id): Path<String>) -> Result<axum::Json<AssessmentView>, ApiError> {
    let record = load(&state, &caller, &id).await?;
    match state.store.finish_assessment(record.session.id).await? {
        Change::Done => show(AxumState(state), caller, Path(id)).await,
        Change::Refused(s) => Err(refused(s, "finish")),
    }
}

/// The section open at `now`, or 409 saying why none is.
fn open_section(record: &AssessmentRecord, now: u64) -> Result<(usize, Window), ApiError> {
    let timeline = match (record.state, &record.timeline) {
        (State::Started, Some(t)) => t,
        (State::Created, _) => return Err(ApiError::new(ErrorCode::NotStarted, "the assessment has not started: POST .../start")),
        _ => return Err(closed(record, "the assessment is finished")),
    };
    let windows = timeline.windows(&record.session);
    match timeline.current(&record.session, now) {
        Some(i) => Ok((i, windows[i])),
        None => Err(closed(record, "the assessment's time is up")),
    }
}

/// 409 `assessment_closed`, with the deadline.
fn closed(record: &AssessmentRecord, why: &str) -> ApiError {
    let deadline = record.timeline.as_ref().map(|t| t.deadline_ms);
    ApiError::new(ErrorCode::AssessmentClosed, format!("{why}; nothing more is taken"))
        .with_details(serde_json::json!({ "deadline_ms": deadline, "finished_ms": record.timeline.as_ref().and_then(|t| t.finished_ms) }))
}

/// What a submission or run to `record` is taken under, once its problem is in the open section
/// and its language allowed there: the guard the store checks again as it takes it. A later
/// section's problem is unknown, as in [`problem`]: a 409 naming its section would tell the
/// candidate what is coming.
async fn guard(state: &AppState, record: &AssessmentRecord, checked: &SubmissionRequest) -> Result<Guard, ApiError> {
    let now = state.store.clock().await?;
    let (section, window) = open_section(record, now)?;
    let slug = &checked.slug;
    let (at, problem) = record.session.find(slug).filter(|(at, _)| *at <= section).ok_or_else(|| unknown_problem(slug))?;
    if at != section {
        let stage = record.session.sections[at].stage.name();
        return Err(ApiError::new(ErrorCode::AssessmentClosed, format!("{slug} is in the {stage} section, which has closed"))
            .with_details(serde_json::json!({ "section": at, "open_section": section })));
    }
    if !problem.languages.contains(&checked.language) {
        let names: Vec<&str> = problem.languages.iter().map(|l| l.name()).collect();
        let why = format!("{} is not allowed for {slug} here; use: {}", checked.language, names.join(", "));
        return Err(ApiError::new(ErrorCode::UnknownLanguage, why).with_details(serde_json::json!({ "languages": names })));
    }
    Ok(Guard { version: record.version, closes_ms: window.closes_ms })
}

#[utoipa::path(get, path = "/v1/assessments/{id}/problems/{slug}", tag = "assessments",
    params(("id" = String, Path), ("slug" = String, Path)),
    responses((status = 200, description = "the problem, with the languages allowed here; the candidate's first reading is noted", body = ProblemDetail),
        (status = 400, body = super::error::ErrorBody), (status = 403, body = super::error::ErrorBody),
        (status = 404, description = "not a problem of this assessment, or of a section not open yet", body = super::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn problem(
    AxumState(state): AxumState<AppState>,
    caller: Caller,
    Path((id, slug)): Path<(String, String)>,
) -> Result<axum::Json<ProblemDetail>, ApiError> {
    let record = load(&state, &caller, &id).await?;
    let slug = parse_slug(&slug)?;
    let (at, problem) = record.session.find(&slug).ok_or_else(|| unknown_problem(&slug))?;
    if !caller.is_instructor() {
        let now = state.store.clock().await?;
        let opened = record.timeline.as_ref().is_some_and(|t| t.windows(&record.session)[at].opens_ms <= now);
        if !opened {
            return Err(unknown_problem(&slug));
        }
        if open_section(&record, now).is_ok_and(|(i, _)| i == at) {
            state.store.open_problem(record.session.id, &slug).await?;
        }
    }
    let entry = state.catalog.get(&slug).ok_or_else(|| unknown_problem(&slug))?;
    Ok(axum::Json(detail(&slug, &entry, &problem.languages)))
}

#[utoipa::path(post, path = "/v1/assessments/{id}/submissions", tag = "assessments", params(("id" = String, Path)),
    request_body = NewSubmissionBody,
    responses((status = 202, description = "taken in time: it counts, however long judging takes; follow it at /v1/submissions/{id}", body = Accepted),
        (status = 403, body = super::error::ErrorBody),
        (status = 404, description = "not a problem of this assessment, or of a section not open yet", body = super::error::ErrorBody),
        (status = 409, description = "not started (`not_started`), or the section or assessment is closed (`assessment_closed`, with the deadline)", body = super::error::ErrorBody),
        (status = 422, description = "a language not allowed here, or a source refused", body = super::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn submit(
    AxumState(state): AxumState<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Json(body): Json<NewSubmissionBody>,
) -> Result<Response, ApiError> {
    let record = load(&state, &caller, &id).await?;
    require_candidate(&caller, "submit")?;
    if body.callback_url.is_some() {
        return Err(ApiError::new(ErrorCode::InvalidCallbackUrl, "an assessment's submissions take no callback_url"));
    }
    let checked = SubmissionRequest::parse(body, &state, &caller)?;
    let guard = guard(&state, &record, &checked).await?;
    let mut new = checked.into_new(&caller.owner, None, None);
    new.meta.assessment = Some(record.session.id);
    new.guard = Some(guard);
    let sub = new.meta.id;
    match state.store.create(&new).await? {
        Created::Closed => {
            let record = load(&state, &caller, &id).await?;
            return Err(closed(&record, "the section closed before the submission was taken"));
        }
        _ => tracing::info!(submission_id = %sub, assessment = %record.session.id, "assessment submission queued"),
    }
    let location = [(header::LOCATION, format!("/v1/submissions/{sub}"))];
    Ok((StatusCode::ACCEPTED, location, axum::Json(Accepted { id: sub, status: Status::Queued })).into_response())
}

#[utoipa::path(post, path = "/v1/assessments/{id}/runs", tag = "assessments", params(("id" = String, Path)),
    request_body = NewRunBody,
    responses(
        (status = 200, description = "the run's result, as `POST /v1/runs` gives it; runs are not graded", body = crate::view::SubmissionView),
        (status = 202, description = "not finished within `--max-wait`: GET the Location", body = Accepted),
        (status = 400, description = "a malformed id or slug", body = super::error::ErrorBody),
        (status = 403, body = super::error::ErrorBody),
        (status = 404, description = "not a problem of this assessment, or of a section not open yet", body = super::error::ErrorBody),
        (status = 409, description = "not started, or the section or assessment is closed", body = super::error::ErrorBody),
        (status = 422, description = "a language not allowed here, a source or an input refused", body = super::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn run(
    AxumState(state): AxumState<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Json(body): Json<NewRunBody>,
) -> Result<Response, ApiError> {
    let record = load(&state, &caller, &id).await?;
    require_candidate(&caller, "run code")?;
    let NewRunBody { problem, language, source, input } = body;
    let checked = SubmissionRequest::parse(NewSubmissionBody { problem, language, source, callback_url: None }, &state, &caller)?;
    let guard = guard(&state, &record, &checked).await?;
    super::runs::start(&state, &caller, checked, input, Some((record.session.id, guard))).await
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewIntegrityEvent {
    pub kind: IntegrityKind,
    /// A paste's size in characters (pastes only).
    pub size: Option<u64>,
    /// How long focus was lost (focus losses only).
    pub duration_ms: Option<u64>,
    /// The problem open at the time.
    pub problem: Option<String>,
}

/// The largest paste and the longest focus loss taken as they are; past these, a page is not
/// telling the truth.
const MAX_PASTE: u64 = 10_000_000;
const MAX_FOCUS_LOSS_MS: u64 = 24 * 3600 * 1000;

#[utoipa::path(post, path = "/v1/assessments/{id}/integrity", tag = "assessments", params(("id" = String, Path)),
    request_body = NewIntegrityEvent,
    responses((status = 204, description = "kept (the first 1000 of a session are)"),
        (status = 400, description = "a malformed id or slug", body = super::error::ErrorBody),
        (status = 403, body = super::error::ErrorBody),
        (status = 404, description = "not a problem of this assessment", body = super::error::ErrorBody),
        (status = 409, description = "the assessment is not running", body = super::error::ErrorBody),
        (status = 422, description = "a paste without its size or a focus loss without its duration, or either out of range (`invalid_body`)", body = super::error::ErrorBody)),
    security(("bearer" = [])))]
/// What the assessment page noticed: a paste into the editor, or focus lost and regained. Kept
/// with the session for the report, which lists them without judging.
pub async fn integrity(
    AxumState(state): AxumState<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Json(body): Json<NewIntegrityEvent>,
) -> Result<StatusCode, ApiError> {
    let record = load(&state, &caller, &id).await?;
    require_candidate(&caller, "report what the page noticed")?;
    let fits = match body.kind {
        IntegrityKind::Paste => body.size.is_some_and(|s| s <= MAX_PASTE) && body.duration_ms.is_none(),
        IntegrityKind::FocusLoss => body.duration_ms.is_some_and(|d| d <= MAX_FOCUS_LOSS_MS) && body.size.is_none(),
    };
    if !fits {
        let why = format!("a paste has its size (at most {MAX_PASTE}); a focus loss its duration_ms (at most {MAX_FOCUS_LOSS_MS})");
        return Err(ApiError::new(ErrorCode::InvalidBody, why));
    }
    let problem = match body.problem.as_deref().map(parse_slug).transpose()? {
        Some(slug) if record.session.find(&slug).is_none() => return Err(unknown_problem(&slug)),
        slug => slug,
    };
    let event = IntegrityEvent { kind: body.kind, at_ms: 0, size: body.size, duration_ms: body.duration_ms, problem };
    if !state.store.note_integrity(record.session.id, &event).await? {
        return Err(refused(Some(record.state).filter(|s| *s != State::Started), "take what the page noticed"));
    }
    Ok(StatusCode::NO_CONTENT)
}
