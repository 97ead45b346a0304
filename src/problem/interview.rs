//! `interview.yaml`: the sidecar that says what kind of interview question a problem is.
//! It is separate from `problem.yaml` because Kattis tools treat unknown keys there as fatal.

use super::ProblemError;
use serde::{Deserialize, Serialize};
use std::path::Path;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// A program over stdin/stdout (the default when there is no sidecar).
    #[default]
    Algorithm,
    /// The candidate writes an HTTP server.
    Api,
    /// The candidate writes SQL or a schema.
    Database,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Stage {
    PhoneScreen,
    CodingAssessment,
    TechnicalInterview,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    Entry,
    Mid,
    Senior,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Interview {
    #[serde(default)]
    pub kind: Kind,
    pub stage: Option<Stage>,
    pub level: Option<Level>,
    #[serde(default)]
    pub tags: Vec<String>,
}

/// Reads `interview.yaml` if the problem has one.
pub fn load(path: &Path) -> Result<Interview, ProblemError> {
    if !path.exists() {
        return Ok(Interview::default());
    }
    let text = std::fs::read_to_string(path).map_err(|e| ProblemError::io(path, e))?;
    if text.trim().is_empty() {
        return Ok(Interview::default());
    }
    serde_yaml::from_str(&text).map_err(|e| ProblemError::yaml(path, e))
}
