//! `mockjudge verify`, after Kattis' verifyproblem: every file under `submissions/<folder>/`
//! must get what its folder promises, and the time limit comes from the accepted ones.
//!
//! Time limit: fixed in problem.yaml, or the slowest accepted submission's slowest test ×
//! `time_multiplier`, rounded up to `time_resolution` (and written to `.timelimit` for judge).
//! Time-limit-exceeded submissions are run with limit × `time_safety_margin` and must still
//! time out, so that the limit is not one lucky run away from accepting them.
//!
//! Packages written for Kattis carry submissions in languages mockjudge does not run (Scala,
//! C#, Ruby, Python 2, ...). problemtools leaves out a file whose language it cannot detect; so
//! does verify, but it says so: such a file is skipped, with its reason, and does not fail the
//! problem.

use crate::judge::{self, Event, JudgeError, JudgeOptions, Submission, SubmissionError};
use crate::problem::{Expectation, Problem, TIMELIMIT_FILE};
use crate::sandbox::Sandbox;
use crate::verdict::{JudgeResult, Verdict};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The time limit accepted submissions run under while their speed is measured.
pub const PROBE_TIME_LIMIT: Duration = Duration::from_secs(10);

#[derive(Debug, Clone, Serialize)]
pub struct SubmissionCheck {
    pub path: PathBuf,
    pub expected: Expectation,
    pub verdict: Option<Verdict>,
    pub score: Option<f64>,
    pub max_score: Option<f64>,
    /// The slowest test's CPU time.
    pub max_cpu_ms: u64,
    pub outcome: Outcome,
    /// Why it is not `Ok`.
    pub note: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Got what its folder promises.
    Ok,
    Mismatch,
    /// Not judged: mockjudge cannot tell its language, or does not run it.
    Skipped,
}

#[derive(Debug, Clone, Serialize)]
pub struct VerifyReport {
    pub problem: String,
    pub time_limit_ms: u64,
    pub time_limit_fixed: bool,
    pub checks: Vec<SubmissionCheck>,
}

impl VerifyReport {
    pub fn passed(&self) -> bool {
        self.checks.iter().all(|c| c.outcome != Outcome::Mismatch)
    }

    pub fn skipped(&self) -> usize {
        self.checks.iter().filter(|c| c.outcome == Outcome::Skipped).count()
    }
}

/// Verifies one problem, reporting each submission's check as it finishes.
pub async fn verify(
    sandbox: &Sandbox,
    problem: &Problem,
    cache_dir: PathBuf,
    max_source_bytes: usize,
    progress: &mut (dyn FnMut(&SubmissionCheck) + Send),
) -> Result<VerifyReport, JudgeError> {
    let fixed = problem.limits.time_limit;
    let mut checks = Vec::new();
    let mut options = JudgeOptions { time_limit: fixed.unwrap_or(PROBE_TIME_LIMIT), cache_dir, every_test: false };

    let mut slowest_ms = 0;
    for (_, path) in problem.submissions.iter().filter(|(e, _)| *e == Expectation::Accepted) {
        let check = run_one(sandbox, problem, path, Expectation::Accepted, &options, max_source_bytes).await?;
        slowest_ms = slowest_ms.max(check.max_cpu_ms);
        progress(&check);
        checks.push(check);
    }
    let time_limit = match fixed {
        Some(limit) => limit,
        // So far `checks` holds the accepted ones.
        None if checks.iter().all(|c| c.outcome == Outcome::Skipped) => {
            return Err(JudgeError::Unsupported(format!(
                "{}: no time limit in problem.yaml and nothing in submissions/accepted/ that mockjudge runs to compute one from",
                problem.dir.display()
            )))
        }
        None => {
            let limit = computed_limit(slowest_ms, problem.limits.time_multiplier, problem.limits.time_resolution);
            std::fs::write(problem.dir.join(TIMELIMIT_FILE), format!("{}\n", limit.as_secs_f64()))
                .map_err(|e| crate::problem::ProblemError::io(&problem.dir.join(TIMELIMIT_FILE), e))?;
            limit
        }
    };

    for (expected, path) in problem.submissions.iter().filter(|(e, _)| *e != Expectation::Accepted) {
        options.time_limit = match expected {
            Expectation::TimeLimitExceeded => time_limit.mul_f64(problem.limits.time_safety_margin),
            _ => time_limit,
        };
        let check = run_one(sandbox, problem, path, *expected, &options, max_source_bytes).await?;
        progress(&check);
        checks.push(check);
    }
    Ok(VerifyReport {
        problem: problem.slug.clone(),
        time_limit_ms: time_limit.as_millis() as u64,
        time_limit_fixed: fixed.is_some(),
        checks,
    })
}

/// slowest × multiplier, rounded up to a multiple of the resolution (at least one).
pub fn computed_limit(slowest_ms: u64, multiplier: f64, resolution: Duration) -> Duration {
    let step_ms = resolution.as_millis().max(1) as f64;
    // The small epsilon keeps float noise (2.0000000000000004 steps) from adding a step.
    let steps = (slowest_ms as f64 * multiplier / step_ms - 1e-9).ceil().max(1.0);
    Duration::from_millis((steps * step_ms) as u64)
}

async fn run_one(
    sandbox: &Sandbox,
    problem: &Problem,
    path: &Path,
    expected: Expectation,
    options: &JudgeOptions,
    max_source_bytes: usize,
) -> Result<SubmissionCheck, JudgeError> {
    let mut check = SubmissionCheck { path: path.to_path_buf(), expected, verdict: None, score: None, max_score: None, max_cpu_ms: 0, outcome: Outcome::Mismatch, note: String::new() };
    let submission = match Submission::from_file(path, None, max_source_bytes) {
        Ok(s) => s,
        Err(SubmissionError::Language(e)) => {
            check.outcome = Outcome::Skipped;
            check.note = e.reason().to_string();
            return Ok(check);
        }
        Err(e) => {
            check.note = e.to_string();
            return Ok(check);
        }
    };
    let result = judge::judge(sandbox, problem, &submission, options, &mut |_: Event| {}).await?;
    let (ok, note) = judged_as_expected(expected, &result);
    check.verdict = Some(result.verdict);
    check.score = result.score;
    check.max_score = result.max_score;
    check.max_cpu_ms = result.max_cpu_ms();
    check.outcome = if ok { Outcome::Ok } else { Outcome::Mismatch };
    check.note = note;
    Ok(check)
}

/// Whether a result is what the submission's folder promises, and a note saying why not.
pub fn judged_as_expected(expected: Expectation, result: &JudgeResult) -> (bool, String) {
    let v = result.verdict;
    let ok = match expected {
        Expectation::Accepted => v == Verdict::AC && result.score == result.max_score,
        Expectation::WrongAnswer => v == Verdict::WA,
        Expectation::TimeLimitExceeded => v == Verdict::TLE,
        // Kattis counts a memory-limit kill as a run-time error.
        Expectation::RunTimeError => matches!(v, Verdict::RTE | Verdict::MLE),
        Expectation::PartiallyAccepted => {
            !matches!(v, Verdict::CE | Verdict::IE)
                && matches!((result.score, result.max_score), (Some(s), Some(m)) if s > 0.0 && s < m)
        }
    };
    let note = if ok {
        String::new()
    } else {
        let first_failure = result.tests.iter().find(|t| !t.verdict.is_accepted());
        let detail = first_failure
            .map(|t| format!(" on {}/{}{}", t.group, t.name, t.message.as_ref().map(|m| format!(": {m}")).unwrap_or_default()))
            .or_else(|| result.message.clone().map(|m| format!(": {m}")))
            .unwrap_or_default();
        format!("expected {}, got {v}{detail}", expected.folder())
    };
    (ok, note)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limit_is_the_slowest_run_times_the_multiplier_rounded_up() {
        assert_eq!(computed_limit(230, 5.0, Duration::from_secs(1)), Duration::from_secs(2));
        assert_eq!(computed_limit(0, 5.0, Duration::from_secs(1)), Duration::from_secs(1));
        assert_eq!(computed_limit(120, 2.0, Duration::from_millis(100)), Duration::from_millis(300));
        assert_eq!(computed_limit(100, 2.0, Duration::from_millis(100)), Duration::from_millis(200));
    }
}
