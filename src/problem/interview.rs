//! `interview.yaml`: the sidecar that says what kind of interview question a problem is.
//! It is separate from `problem.yaml` because Kattis tools treat unknown keys there as fatal.

use super::signature::Function;
use super::ProblemError;
use crate::language::Language;
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
    /// The languages a candidate may use (names as `mockjudge judge --lang` takes them);
    /// absent = every language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub languages: Option<Vec<Language>>,
    /// A LeetCode-style function to write instead of a program over stdin/stdout.
    #[serde(default, skip_serializing)]
    pub function: Option<Function>,
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
    let interview: Interview = serde_yaml::from_str(&text).map_err(|e| ProblemError::yaml(path, e))?;
    if let Some(function) = &interview.function {
        function.validate().map_err(|e| ProblemError::field(path, "function", e))?;
    }
    Ok(interview)
}

impl Interview {
    /// The languages a candidate may use.
    pub fn languages(&self) -> Vec<Language> {
        self.languages.clone().unwrap_or_else(|| Language::ALL.to_vec())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_default_to_all_and_unknown_ones_name_the_field() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("interview.yaml");
        std::fs::write(&path, "stage: phone-screen\n").unwrap();
        assert_eq!(load(&path).unwrap().languages(), Language::ALL.to_vec());
        std::fs::write(&path, "languages: [python, CPP]\n").unwrap();
        assert_eq!(load(&path).unwrap().languages(), vec![Language::Python, Language::Cpp]);
        std::fs::write(&path, "languages: [python, cobol]\n").unwrap();
        let e = load(&path).unwrap_err().to_string();
        assert!(e.contains("interview.yaml") && e.contains("languages") && e.contains("unknown language \"cobol\""), "{e}");
    }
}
