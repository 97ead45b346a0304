//! `interview.yaml`: the sidecar that says what kind of interview question a problem is.
//! It is separate from `problem.yaml` because Kattis tools treat unknown keys there as fatal.

use super::api::Api;
use super::database::Database;
use super::signature::{Class, Function, Signature};
use super::ProblemError;
use crate::language::Language;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Stage {
    PhoneScreen,
    CodingAssessment,
    TechnicalInterview,
}

impl Stage {
    pub const ALL: [Stage; 3] = [Stage::PhoneScreen, Stage::CodingAssessment, Stage::TechnicalInterview];

    pub fn name(self) -> &'static str {
        match self {
            Stage::PhoneScreen => "phone-screen",
            Stage::CodingAssessment => "coding-assessment",
            Stage::TechnicalInterview => "technical-interview",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    Entry,
    Mid,
    Senior,
}

impl Level {
    pub fn name(self) -> &'static str {
        match self {
            Level::Entry => "entry",
            Level::Mid => "mid",
            Level::Senior => "senior",
        }
    }
}

/// What a test checks, so that a grade can say why.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    #[default]
    Correctness,
    Edge,
    Performance,
    Security,
    /// Bad input refused as it should be (an API's 400s and 422s).
    Validation,
}

impl Category {
    pub const ALL: [Category; 5] = [Category::Correctness, Category::Edge, Category::Performance, Category::Security, Category::Validation];

    pub fn name(self) -> &'static str {
        match self {
            Category::Correctness => "correctness",
            Category::Edge => "edge",
            Category::Performance => "performance",
            Category::Security => "security",
            Category::Validation => "validation",
        }
    }
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
    /// Tests by category: patterns over a test's `group/name` (`secret/*large*`), where `*`
    /// stands for any characters and a group's path covers its tests. A test no pattern names
    /// checks correctness; one that several categories name takes the first of security,
    /// performance, validation, edge. An API problem's scenario may name its own.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub categories: BTreeMap<Category, Vec<String>>,
    /// A LeetCode-style function to write instead of a program over stdin/stdout.
    #[serde(default, skip_serializing)]
    pub function: Option<Function>,
    /// A LeetCode-style design problem: a class to write, tested by calls to its methods.
    #[serde(default, skip_serializing)]
    pub class: Option<Class>,
    /// A database problem's engines, schema and comparison.
    #[serde(default, skip_serializing)]
    pub database: Option<Database>,
    /// An API problem's server: its port and how long it may take to listen.
    #[serde(default, skip_serializing)]
    pub api: Option<Api>,
    /// The problem's reference solution (a path in the problem folder), which gives the
    /// expected output when a candidate runs their code on an input of their own.
    #[serde(default, skip_serializing)]
    pub reference: Option<PathBuf>,
    /// A progressive task's levels: test groups under `data/` (`secret/level1`, ...) in the
    /// order a candidate meets them. In an assessment each level's tests count only once every
    /// earlier level passes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub levels: Vec<String>,
    /// A ladder of tests by input size, from which a report measures how the program's time
    /// grows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub complexity: Option<Complexity>,
}

/// How a solution's time should grow with its input's size `n`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub enum Growth {
    #[serde(rename = "1")]
    Constant,
    #[serde(rename = "log n")]
    Logarithmic,
    #[serde(rename = "n")]
    Linear,
    #[serde(rename = "n log n")]
    Linearithmic,
    #[serde(rename = "n^2")]
    Quadratic,
    #[serde(rename = "n^3")]
    Cubic,
}

impl Growth {
    pub const ALL: [Growth; 6] =
        [Growth::Constant, Growth::Logarithmic, Growth::Linear, Growth::Linearithmic, Growth::Quadratic, Growth::Cubic];

    pub fn name(self) -> &'static str {
        match self {
            Growth::Constant => "1",
            Growth::Logarithmic => "log n",
            Growth::Linear => "n",
            Growth::Linearithmic => "n log n",
            Growth::Quadratic => "n^2",
            Growth::Cubic => "n^3",
        }
    }

    /// The slope this growth shows on a log–log plot over the sizes tests use (a log factor
    /// adds about 0.1 to 0.2 there).
    pub fn exponent(self) -> f64 {
        match self {
            Growth::Constant => 0.0,
            Growth::Logarithmic => 0.15,
            Growth::Linear => 1.0,
            Growth::Linearithmic => 1.15,
            Growth::Quadratic => 2.0,
            Growth::Cubic => 3.0,
        }
    }
}

/// `complexity:` in `interview.yaml`: the growth a good solution has, and the tests that form
/// the ladder, each with its input size (`secret/20-ladder-1000: 1000`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Complexity {
    pub expected: Growth,
    pub ladder: BTreeMap<String, u64>,
}

impl Complexity {
    /// The fewest rungs a ladder may have: a slope from two points says nothing of noise.
    pub const MIN_RUNGS: usize = 3;
}

fn names(languages: &[Language]) -> String {
    languages.iter().map(|l| l.name()).collect::<Vec<_>>().join(", ")
}

/// Whether `text` matches `pattern`, where `*` stands for any characters (none included).
fn glob(pattern: &str, text: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == text,
        Some((head, rest)) => {
            let Some(tail) = text.strip_prefix(head) else { return false };
            (0..=tail.len()).filter(|&i| tail.is_char_boundary(i)).any(|i| glob(rest, &tail[i..]))
        }
    }
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
    let mut interview: Interview = serde_yaml::from_str(&text).map_err(|e| ProblemError::yaml(path, e))?;
    if let Some(function) = &interview.function {
        function.validate().map_err(|e| ProblemError::field(path, "function", e))?;
    }
    if let Some(class) = &interview.class {
        class.validate().map_err(|e| ProblemError::field(path, "class", e))?;
    }
    if interview.function.is_some() && interview.class.is_some() {
        return Err(ProblemError::field(path, "class", "a problem asks for a function or a class, not both"));
    }
    if let Some(reference) = &interview.reference {
        let file = path.parent().unwrap_or(Path::new(".")).join(reference);
        if reference.is_absolute() || reference.components().any(|c| c == std::path::Component::ParentDir) || !file.is_file() {
            return Err(ProblemError::field(path, "reference", format!("{} is not a file in the problem folder", reference.display())));
        }
    }
    match (interview.kind, &mut interview.database) {
        (Kind::Database, Some(db)) => {
            db.validate().map_err(|e| ProblemError::field(path, "database", e))?;
            let dir = path.parent().unwrap_or(Path::new("."));
            db.resolve(dir, interview.reference.as_deref()).map_err(|(field, e)| ProblemError::field(path, field, e))?;
        }
        (Kind::Database, None) => {
            return Err(ProblemError::field(path, "database", "a database problem names its engines and schema here"))
        }
        (_, Some(_)) => return Err(ProblemError::field(path, "database", "only a problem of kind database has one")),
        (_, None) => {}
    }
    match (interview.kind, &interview.api) {
        (Kind::Api, None) => interview.api = Some(Api::default()),
        (Kind::Api, Some(api)) => api.validate().map_err(|e| ProblemError::field(path, "api", e))?,
        (_, Some(_)) => return Err(ProblemError::field(path, "api", "only a problem of kind api has one")),
        (_, None) => {}
    }
    let allowed = interview.default_languages();
    if let Some(l) = interview.languages.iter().flatten().find(|l| !allowed.contains(l)) {
        return Err(ProblemError::field(path, "languages", format!("{l} is not one of this kind of problem's: {}", names(allowed))));
    }
    Ok(interview)
}

impl Interview {
    /// The category of the test `name` in group `group`.
    pub fn category_of(&self, group: &str, name: &str) -> Category {
        let path = format!("{group}/{name}");
        let named = |c: &Category| {
            self.categories.get(c).is_some_and(|patterns| {
                patterns.iter().any(|p| glob(p, &path) || path.starts_with(&format!("{}/", p.trim_end_matches('/'))))
            })
        };
        [Category::Security, Category::Performance, Category::Validation, Category::Edge].into_iter().find(named).unwrap_or_default()
    }

    /// The languages a candidate may use: by default every one, or every one with a driver
    /// when the problem asks for a function or a class.
    pub fn languages(&self) -> Vec<Language> {
        self.languages.clone().unwrap_or_else(|| self.default_languages().to_vec())
    }

    /// Every language this kind of problem can take: a database problem's engines, the
    /// languages with a function driver, or every programming language.
    fn default_languages(&self) -> &[Language] {
        match (&self.database, self.signature()) {
            (Some(db), _) => &db.engines,
            (None, Some(_)) => &Language::FUNCTION,
            (None, None) if self.kind == Kind::Api => &Language::SERVERS,
            (None, None) => &Language::PROGRAMS,
        }
    }

    /// The function or class the candidate writes, for a LeetCode-style problem.
    pub fn signature(&self) -> Option<Signature<'_>> {
        match (&self.function, &self.class) {
            (Some(f), _) => Some(Signature::Function(f)),
            (None, Some(c)) => Some(Signature::Class(c)),
            (None, None) => None,
        }
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
        assert_eq!(load(&path).unwrap().languages(), Language::PROGRAMS.to_vec());
        std::fs::write(&path, "languages: [python, CPP]\n").unwrap();
        assert_eq!(load(&path).unwrap().languages(), vec![Language::Python, Language::Cpp]);
        std::fs::write(&path, "function: {name: f, params: [{name: x, type: integer}], returns: integer}\n").unwrap();
        assert_eq!(load(&path).unwrap().languages(), Language::FUNCTION.to_vec());
        std::fs::write(&path, "languages: [c]\nfunction: {name: f, params: [{name: x, type: integer}], returns: integer}\n").unwrap();
        let e = load(&path).unwrap_err().to_string();
        assert!(e.contains("languages: c is not one of this kind of problem's: python, javascript, java, go, cpp, rust"), "{e}");
        std::fs::write(&path, "languages: [python, cobol]\n").unwrap();
        let e = load(&path).unwrap_err().to_string();
        assert!(e.contains("interview.yaml") && e.contains("languages") && e.contains("unknown language \"cobol\""), "{e}");
    }

    #[test]
    fn tests_take_the_category_their_patterns_give() {
        let interview: Interview = serde_yaml::from_str(
            "categories:\n  performance: [\"secret/*large*\"]\n  edge: [secret/edge, \"secret/*-min*\", \"secret/*large-min\"]\n",
        )
        .unwrap();
        assert_eq!(interview.category_of("secret", "10-large-random"), Category::Performance);
        assert_eq!(interview.category_of("secret", "01-min-yes"), Category::Edge);
        assert_eq!(interview.category_of("secret/edge", "anything"), Category::Edge, "a group covers its tests");
        assert_eq!(interview.category_of("secret", "12-large-min"), Category::Performance, "performance before edge");
        assert_eq!(interview.category_of("sample", "1"), Category::Correctness);
        assert!(serde_yaml::from_str::<Interview>("categories: {speed: [x]}\n").is_err());
        assert!(glob("a*b*c", "aXXbYc") && glob("*", "") && !glob("a*b", "ab-") && glob("é*", "éa"));
        for c in Category::ALL {
            assert_eq!(serde_json::to_value(c).unwrap(), c.name());
        }
    }
}
