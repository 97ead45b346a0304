//! A problem's score (0–1) from one judged submission.

use crate::assessment::session::SessionProblem;
use crate::problem::in_group;
use crate::verdict::JudgeResult;
use serde::Serialize;
use utoipa::ToSchema;

/// One level of a progressive task in a graded submission.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct LevelResult {
    pub group: String,
    pub passed: usize,
    pub total: usize,
    /// Whether its tests count: every earlier level passed whole.
    pub counted: bool,
}

pub fn is_sample(group: &str) -> bool {
    in_group(group, "sample")
}

/// The score of `result` on `problem`, and a progressive task's levels:
/// - a progressive task: each level's share of its tests passed, counting only while every
///   earlier level passed whole, averaged over the levels;
/// - a scoring problem: its test groups' points of the most they give;
/// - else the share of hidden tests passed (samples count 0).
pub fn score(problem: &SessionProblem, result: &JudgeResult) -> (f64, Vec<LevelResult>) {
    if !problem.levels.is_empty() {
        let mut open = true;
        let levels: Vec<LevelResult> = problem
            .levels
            .iter()
            .map(|group| {
                let tests: Vec<_> = result.tests.iter().filter(|t| in_group(&t.group, group)).collect();
                let passed = tests.iter().filter(|t| t.verdict.is_accepted()).count();
                let level = LevelResult { group: group.clone(), passed, total: tests.len(), counted: open };
                open &= !tests.is_empty() && passed == tests.len();
                level
            })
            .collect();
        let sum: f64 = levels.iter().filter(|l| l.counted && l.total > 0).map(|l| l.passed as f64 / l.total as f64).sum();
        return (sum / levels.len() as f64, levels);
    }
    if let (Some(score), Some(max)) = (result.score, result.max_score) {
        if max > 0.0 {
            return ((score / max).clamp(0.0, 1.0), Vec::new());
        }
    }
    let passed = result.tests.iter().filter(|t| !is_sample(&t.group) && t.verdict.is_accepted()).count();
    let score = if problem.tests == 0 { 0.0 } else { passed as f64 / problem.tests as f64 };
    (score.min(1.0), Vec::new())
}
