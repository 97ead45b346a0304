//! Checking a program's output against the judge's answer, always outside the candidate's box:
//! the built-in token comparison, or the problem's own validator in a box of its own.

pub mod custom;
pub mod json_value;
pub mod result_set;
pub mod token_diff;

/// What a validator said of one output.
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    pub accepted: bool,
    pub message: Option<String>,
    /// A score from the validator (`score.txt`), on scoring problems.
    pub score: Option<f64>,
}

impl Check {
    pub fn accept() -> Self {
        Check { accepted: true, message: None, score: None }
    }

    pub fn reject(message: impl Into<String>) -> Self {
        Check { accepted: false, message: Some(message.into()), score: None }
    }
}
