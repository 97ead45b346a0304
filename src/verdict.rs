//! Verdicts and the results that carry them.
//!
//! Severity follows Kattis' and DMOJ's "worst error" idea: a judge error outranks everything,
//! then failing to compile, then the ways a run can die, then a wrong answer.

use crate::problem::interview::Category;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
pub enum Verdict {
    /// Accepted.
    AC,
    /// Wrong answer.
    WA,
    /// Output limit exceeded.
    OLE,
    /// Memory limit exceeded.
    MLE,
    /// Time limit exceeded.
    TLE,
    /// Run-time error: a non-zero exit or a fatal signal.
    RTE,
    /// Compile error.
    CE,
    /// Internal error: the judge, not the submission, failed.
    IE,
}

impl Verdict {
    pub fn is_accepted(self) -> bool {
        self == Verdict::AC
    }

    pub fn description(self) -> &'static str {
        match self {
            Verdict::AC => "accepted",
            Verdict::WA => "wrong answer",
            Verdict::OLE => "output limit exceeded",
            Verdict::MLE => "memory limit exceeded",
            Verdict::TLE => "time limit exceeded",
            Verdict::RTE => "run-time error",
            Verdict::CE => "compile error",
            Verdict::IE => "internal error",
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

/// The outcome of one test.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TestResult {
    /// The test's group, as a path under `data/` (`sample`, `secret/group1`).
    pub group: String,
    /// The test's name, without extension.
    pub name: String,
    /// What the test checks (`interview.yaml`'s categories).
    #[serde(default)]
    pub category: Category,
    pub verdict: Verdict,
    pub cpu_ms: u64,
    pub wall_ms: u64,
    pub memory_kib: u64,
    /// The test's score, on scoring problems.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    /// The checker's or runner's explanation, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// What went in and came out, on sample tests only (hidden tests' data is never kept here).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sample: Option<SampleIo>,
}

/// A sample test's input, the expected answer and the program's output, each capped at
/// [`SampleIo::CAP`] bytes, so that a candidate can see the difference.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SampleIo {
    pub input: String,
    pub expected: String,
    /// What is compared with `expected`: the program's output, or the value a function returned.
    pub output: String,
    /// For a function problem, what the candidate's code printed (LeetCode's "stdout").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stdout: Option<String>,
}

impl SampleIo {
    pub const CAP: usize = 4096;

    pub fn new(input: &[u8], expected: &[u8], output: &[u8]) -> SampleIo {
        let cap = |b: &[u8]| {
            let mut s = String::from_utf8_lossy(&b[..b.len().min(Self::CAP)]).into_owned();
            if b.len() > Self::CAP {
                s.push_str("\n[... truncated]");
            }
            s
        };
        SampleIo { input: cap(input), expected: cap(expected), output: cap(output), stdout: None }
    }

    /// A function problem's sample: the returned value is the output, and the prints are kept.
    /// The expected value loses the `.ans` file's line break, so that equal values read alike.
    pub fn returned(input: &[u8], expected: &[u8], returned: &[u8], stdout: &[u8]) -> SampleIo {
        let expected = expected.trim_ascii_end();
        SampleIo { stdout: Some(Self::new(b"", b"", stdout).output), ..Self::new(input, expected, returned) }
    }
}

/// The outcome of one test group, after its grader has combined its tests and subgroups.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct GroupResult {
    pub group: String,
    pub verdict: Verdict,
    pub score: f64,
}

/// How many of a category's tests passed: `total` counts the problem's tests, run or not.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CategoryTally {
    pub category: Category,
    pub passed: usize,
    pub total: usize,
}

/// The tally per category of `tests` (the results of those that ran) against `all` (the
/// category of every test the problem has).
pub fn tally(all: &[Category], tests: &[TestResult]) -> Vec<CategoryTally> {
    Category::ALL
        .into_iter()
        .map(|category| CategoryTally {
            category,
            passed: tests.iter().filter(|t| t.category == category && t.verdict.is_accepted()).count(),
            total: all.iter().filter(|c| **c == category).count(),
        })
        .filter(|t| t.total > 0)
        .collect()
}

/// The outcome of a whole submission.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct JudgeResult {
    pub verdict: Verdict,
    /// The total score, on scoring problems.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    /// The best score the problem allows, on scoring problems.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_score: Option<f64>,
    pub time_limit_ms: u64,
    pub tests: Vec<TestResult>,
    pub groups: Vec<GroupResult>,
    /// Tests passed of the problem's tests, per category that has any.
    #[serde(default)]
    pub categories: Vec<CategoryTally>,
    /// The compiler's output (capped), when it said anything or failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compile_output: Option<String>,
    /// Why the submission ended as CE or IE.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// A run on the candidate's own input only: why that input was refused (nothing of the
    /// candidate's ran, and the verdict says nothing).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invalid_input: Option<String>,
}

impl JudgeResult {
    /// An internal error before any test ran.
    pub fn internal_error(message: String) -> JudgeResult {
        JudgeResult {
            verdict: Verdict::IE,
            score: None,
            max_score: None,
            time_limit_ms: 0,
            tests: Vec::new(),
            groups: Vec::new(),
            categories: Vec::new(),
            compile_output: None,
            message: Some(message),
            invalid_input: None,
        }
    }

    /// The result of a run whose custom input was refused.
    pub fn invalid_input(why: String) -> JudgeResult {
        JudgeResult { message: None, invalid_input: Some(why), ..JudgeResult::internal_error(String::new()) }
    }

    /// The slowest test's CPU time.
    pub fn max_cpu_ms(&self) -> u64 {
        self.tests.iter().map(|t| t.cpu_ms).max().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn worst_error_ranks_judge_errors_first_and_wrong_answers_last() {
        let mut all = vec![Verdict::WA, Verdict::IE, Verdict::TLE, Verdict::AC, Verdict::CE];
        all.sort();
        assert_eq!(all, [Verdict::AC, Verdict::WA, Verdict::TLE, Verdict::CE, Verdict::IE]);
        assert_eq!([Verdict::RTE, Verdict::MLE].into_iter().max(), Some(Verdict::RTE));
    }

    #[test]
    fn a_tally_counts_every_test_of_a_category_and_the_passed_ones_that_ran() {
        let test = |category, verdict| TestResult {
            group: "secret".into(),
            name: "t".into(),
            category,
            verdict,
            cpu_ms: 0,
            wall_ms: 0,
            memory_kib: 0,
            score: None,
            message: None,
            sample: None,
        };
        let all = [Category::Correctness, Category::Correctness, Category::Performance, Category::Performance];
        let ran = [test(Category::Correctness, Verdict::AC), test(Category::Correctness, Verdict::AC), test(Category::Performance, Verdict::TLE)];
        let tally = tally(&all, &ran);
        assert_eq!(
            tally,
            vec![
                CategoryTally { category: Category::Correctness, passed: 2, total: 2 },
                CategoryTally { category: Category::Performance, passed: 0, total: 2 },
            ]
        );
    }
}
