//! What a client sees of a submission. Candidates see every test's verdict, time and memory,
//! but of hidden tests nothing else: no input, output, expected answer or checker message
//! (a checker's message quotes the expected answer). Sample tests show what went in, what was
//! expected and what came out. An internal error's explanation (a validator's stderr, a
//! Docker error, host paths) is the judge's business, not the candidate's: candidates get a
//! fixed sentence instead. Instructors see everything.

use crate::catalog::Slug;
use crate::language::Language;
use crate::progress::Status;
use crate::store::Record;
use crate::problem::interview::Category;
use crate::verdict::{CategoryTally, GroupResult, SampleIo, Verdict};
use serde::Serialize;
use std::time::{Duration, UNIX_EPOCH};
use utoipa::ToSchema;
use uuid::Uuid;

/// Who is looking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    Candidate,
    Instructor,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SubmissionView {
    pub id: Uuid,
    pub problem: Slug,
    /// The problem's version when the submission was accepted.
    pub problem_version: String,
    /// The version it was judged with (differs when the problem changed in between).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub judged_version: Option<String>,
    pub language: Language,
    pub status: Status,
    /// RFC 3339.
    pub created_at: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub started_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub finished_at: Option<String>,
    /// How many times a worker started judging it.
    pub attempts: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verdict: Option<Verdict>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_score: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_limit_ms: Option<u64>,
    pub tests: Vec<TestView>,
    pub groups: Vec<GroupResult>,
    /// Tests passed per category (correctness, edge, performance, security).
    pub categories: Vec<CategoryTally>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compile_output: Option<String>,
    /// Why it ended as CE or IE.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// A run on one's own input: why the input was refused (and nothing ran).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub invalid_input: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TestView {
    pub group: String,
    pub name: String,
    pub category: Category,
    /// Sample tests are shown in full; hidden ones by verdict, time and memory only.
    pub sample: bool,
    pub verdict: Verdict,
    /// CPU time.
    pub time_ms: u64,
    pub memory_kib: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    /// The checker's or runner's explanation (the diff, on a wrong answer).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", flatten)]
    pub io: Option<SampleIo>,
}

/// What a candidate reads in place of an internal error's explanation.
pub const INTERNAL_ERROR_FOR_CANDIDATES: &str =
    "the judge failed on its side, not because of your code; an instructor can see why";

pub fn rfc3339(ms: u64) -> String {
    humantime::format_rfc3339_millis(UNIX_EPOCH + Duration::from_millis(ms)).to_string()
}

impl SubmissionView {
    pub fn new(record: &Record, audience: Audience) -> SubmissionView {
        let result = record.result.as_ref();
        let tests = result
            .map(|r| {
                r.tests
                    .iter()
                    .map(|t| {
                        let shown = audience == Audience::Instructor || (t.sample.is_some() && t.verdict != Verdict::IE);
                        TestView {
                            group: t.group.clone(),
                            name: t.name.clone(),
                            category: t.category,
                            sample: t.sample.is_some(),
                            verdict: t.verdict,
                            time_ms: t.cpu_ms,
                            memory_kib: t.memory_kib,
                            score: t.score,
                            message: t.message.clone().filter(|_| shown),
                            io: t.sample.clone(),
                        }
                    })
                    .collect()
            })
            .unwrap_or_default();
        SubmissionView {
            id: record.meta.id,
            problem: record.meta.problem.clone(),
            problem_version: record.meta.problem_version.clone(),
            judged_version: record.judged_version.clone().filter(|v| !v.is_empty()),
            language: record.meta.language,
            status: record.status,
            created_at: rfc3339(record.meta.created_ms),
            started_at: record.started_ms.map(rfc3339),
            finished_at: record.finished_ms.map(rfc3339),
            attempts: record.attempts,
            verdict: result.filter(|r| r.invalid_input.is_none()).map(|r| r.verdict),
            score: result.and_then(|r| r.score),
            max_score: result.and_then(|r| r.max_score),
            time_limit_ms: result.map(|r| r.time_limit_ms).filter(|ms| *ms > 0),
            tests,
            groups: result.map(|r| r.groups.clone()).unwrap_or_default(),
            categories: result.map(|r| r.categories.clone()).unwrap_or_default(),
            compile_output: result.and_then(|r| r.compile_output.clone()),
            message: result.filter(|r| r.invalid_input.is_none()).and_then(|r| match (r.verdict, audience) {
                (Verdict::IE, Audience::Candidate) => Some(INTERNAL_ERROR_FOR_CANDIDATES.to_string()),
                _ => r.message.clone(),
            }),
            invalid_input: result.and_then(|r| r.invalid_input.clone()),
        }
    }
}
