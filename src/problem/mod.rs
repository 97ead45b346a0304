//! Problem folders in the Kattis problem package format (legacy and 2023-07 / 2025-09 names),
//! plus the `interview.yaml` sidecar. Loading checks everything judging will need, so that a
//! broken package fails here with its file and field named, not halfway through a submission.

pub mod api;
pub mod config;
pub mod database;
pub mod interview;
pub mod signature;
pub mod statement;
pub mod testdata;

pub use config::{Format, Limits, Validation};
pub use interview::{Interview, Kind, Level, Stage};
pub use statement::Statement;
pub use testdata::{GroupSettings, OnReject, TestCase, TestGroup, TestItem};

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A problem that could not be loaded: the file, the field when there is one, and what is wrong.
#[derive(Debug, thiserror::Error)]
pub struct ProblemError {
    pub path: PathBuf,
    pub field: Option<String>,
    pub message: String,
}

impl fmt::Display for ProblemError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.path.display())?;
        if let Some(field) = &self.field {
            write!(f, "{field}: ")?;
        }
        f.write_str(&self.message)
    }
}

impl ProblemError {
    pub fn new(path: &Path, message: impl Into<String>) -> Self {
        ProblemError { path: path.to_path_buf(), field: None, message: message.into() }
    }

    pub fn field(path: &Path, field: &str, message: impl Into<String>) -> Self {
        ProblemError { path: path.to_path_buf(), field: Some(field.to_string()), message: message.into() }
    }

    pub fn io(path: &Path, e: std::io::Error) -> Self {
        ProblemError::new(path, e.to_string())
    }

    /// serde_yaml names the field path in its message ("limits.memory: invalid type ...").
    pub fn yaml(path: &Path, e: serde_yaml::Error) -> Self {
        ProblemError::new(path, e.to_string())
    }
}

/// The output validator a problem uses.
#[derive(Debug, Clone)]
pub enum OutputValidator {
    /// The built-in token comparison, with its flags.
    Default { flags: Vec<String> },
    /// A program in the package, run sandboxed.
    Custom { dir: PathBuf, flags: Vec<String> },
}

/// The folders under `submissions/` and the outcome each promises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Expectation {
    Accepted,
    WrongAnswer,
    TimeLimitExceeded,
    RunTimeError,
    PartiallyAccepted,
}

impl Expectation {
    pub const ALL: [Expectation; 5] = [
        Expectation::Accepted,
        Expectation::WrongAnswer,
        Expectation::TimeLimitExceeded,
        Expectation::RunTimeError,
        Expectation::PartiallyAccepted,
    ];

    pub fn folder(self) -> &'static str {
        match self {
            Expectation::Accepted => "accepted",
            Expectation::WrongAnswer => "wrong_answer",
            Expectation::TimeLimitExceeded => "time_limit_exceeded",
            Expectation::RunTimeError => "run_time_error",
            Expectation::PartiallyAccepted => "partially_accepted",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Problem {
    pub dir: PathBuf,
    /// The folder's name, which identifies the problem.
    pub slug: String,
    pub name: String,
    pub format: Format,
    pub scoring: bool,
    pub limits: Limits,
    /// The time limit `mockjudge verify` computed last (the `.timelimit` file), if any.
    pub computed_time_limit: Option<Duration>,
    pub validator: OutputValidator,
    pub data: TestGroup,
    pub statement: Option<Statement>,
    pub interview: Interview,
    /// Files under `submissions/<folder>/`, by what they are expected to get.
    pub submissions: Vec<(Expectation, PathBuf)>,
    /// An API problem's scenarios, read when it loaded, by their test's input file.
    pub scenarios: HashMap<PathBuf, api::Scenario>,
}

impl Problem {
    pub fn load(dir: &Path) -> Result<Problem, ProblemError> {
        if !dir.is_dir() {
            return Err(ProblemError::new(dir, "not a problem folder (no such directory)"));
        }
        let yaml = dir.join("problem.yaml");
        if !yaml.is_file() {
            return Err(ProblemError::new(&yaml, "missing: every problem folder needs a problem.yaml"));
        }
        let config = config::load(&yaml)?;
        if config.validation == Validation::Interactive {
            return Err(ProblemError::field(
                &yaml,
                "validation",
                "interactive problems are not supported yet; only pass-fail and scoring problems over stdin/stdout",
            ));
        }
        let timelimit_file = dir.join(TIMELIMIT_FILE);
        let computed_time_limit =
            if timelimit_file.is_file() { Some(read_timelimit(&timelimit_file)?) } else { None };
        let validator = find_validator(dir, &config)?;
        let slug = dir
            .canonicalize()
            .ok()
            .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_default();
        let data = testdata::load(&dir.join("data"))?;
        let interview = interview::load(&dir.join("interview.yaml"))?;
        if let Some(signature) = interview.signature() {
            // Each test's input must be the arguments the signature takes.
            for case in data.cases() {
                let input = std::fs::read_to_string(&case.input).map_err(|e| ProblemError::io(&case.input, e))?;
                signature.check_input(&input).map_err(|e| ProblemError::new(&case.input, e))?;
                if let OutputValidator::Default { .. } = validator {
                    // The answer is compared as a JSON value.
                    let answer = std::fs::read(&case.answer).map_err(|e| ProblemError::io(&case.answer, e))?;
                    serde_json::from_slice::<serde_json::Value>(&answer)
                        .map_err(|e| ProblemError::new(&case.answer, format!("not a JSON value: {e}")))?;
                }
            }
        }
        check_levels_and_ladder(&dir.join("interview.yaml"), &interview, &data)?;
        let mut scenarios = HashMap::new();
        if interview.kind == Kind::Api {
            // Each test is a scenario, whole in its .in (nothing of it enters the box but its
            // requests).
            for case in data.cases() {
                let text = std::fs::read_to_string(&case.input).map_err(|e| ProblemError::io(&case.input, e))?;
                let scenario = api::parse_scenario(&text).map_err(|e| ProblemError::new(&case.input, e))?;
                scenarios.insert(case.input.clone(), scenario);
            }
        }
        if let (Some(db), OutputValidator::Default { .. }) = (&interview.database, &validator) {
            // The answer is a result set, or a schema test's steps.
            for case in data.cases() {
                let answer = std::fs::read(&case.answer).map_err(|e| ProblemError::io(&case.answer, e))?;
                db.check_answer(&answer).map_err(|e| ProblemError::new(&case.answer, e))?;
            }
        }
        Ok(Problem {
            name: if config.name.is_empty() { slug.clone() } else { config.name.clone() },
            slug,
            format: config.format,
            scoring: config.scoring,
            limits: config.limits.clone(),
            computed_time_limit,
            validator,
            data,
            statement: statement::load(dir)?,
            interview,
            submissions: find_submissions(dir),
            scenarios,
            dir: dir.to_path_buf(),
        })
    }

    /// What a test checks: its scenario's own category (an API problem's), else the one
    /// `interview.yaml`'s patterns give it.
    pub fn category_of(&self, case: &TestCase) -> interview::Category {
        let own = self.scenarios.get(&case.input).and_then(|s| s.category);
        own.unwrap_or_else(|| self.interview.category_of(&case.group, &case.name))
    }

    /// The time limit: fixed in problem.yaml, else the one verify computed.
    pub fn time_limit(&self) -> Option<Duration> {
        self.limits.time_limit.or(self.computed_time_limit)
    }
}

/// Where verify records the time limit it computed, as Kattis' problemtools do.
pub const TIMELIMIT_FILE: &str = ".timelimit";

/// Whether a test of group `group` belongs to the group `path` (itself or a subgroup).
pub fn in_group(group: &str, path: &str) -> bool {
    group == path || group.strip_prefix(path).is_some_and(|rest| rest.starts_with('/'))
}

/// `levels` must name secret groups that hold tests, and `complexity`'s ladder existing tests
/// of distinct sizes.
fn check_levels_and_ladder(path: &Path, interview: &Interview, data: &TestGroup) -> Result<(), ProblemError> {
    let cases = data.cases();
    let levels = &interview.levels;
    if levels.len() == 1 {
        return Err(ProblemError::field(path, "levels", "a progressive task has at least two levels"));
    }
    for (i, level) in levels.iter().enumerate() {
        if !level.starts_with("secret/") || !cases.iter().any(|c| in_group(&c.group, level)) {
            return Err(ProblemError::field(path, &format!("levels[{i}]"), format!("{level:?} is not a test group under data/secret/ with tests")));
        }
        if let Some(j) = levels[..i].iter().position(|l| in_group(level, l) || in_group(l, level)) {
            return Err(ProblemError::field(path, &format!("levels[{i}]"), format!("{level:?} overlaps levels[{j}]")));
        }
    }
    if let Some(complexity) = &interview.complexity {
        if complexity.ladder.len() < interview::Complexity::MIN_RUNGS {
            let why = format!("a ladder needs at least {} tests", interview::Complexity::MIN_RUNGS);
            return Err(ProblemError::field(path, "complexity.ladder", why));
        }
        let mut sizes = std::collections::BTreeSet::new();
        for (test, &n) in &complexity.ladder {
            let field = format!("complexity.ladder.{test}");
            if !cases.iter().any(|c| !c.sample && format!("{}/{}", c.group, c.name) == *test) {
                return Err(ProblemError::field(path, &field, "not a secret test (group/name, without .in)"));
            }
            if n == 0 || !sizes.insert(n) {
                return Err(ProblemError::field(path, &field, format!("the size {n} is 0 or another rung's")));
            }
        }
    }
    Ok(())
}

fn read_timelimit(path: &Path) -> Result<Duration, ProblemError> {
    let text = std::fs::read_to_string(path).map_err(|e| ProblemError::io(path, e))?;
    match text.trim().parse::<f64>().ok().and_then(config::seconds) {
        Some(limit) => Ok(limit),
        None => Err(ProblemError::new(path, format!("expected a time limit in seconds, got {:?}", text.trim()))),
    }
}

fn find_validator(dir: &Path, config: &config::Config) -> Result<OutputValidator, ProblemError> {
    let flags = config.validator_flags.clone();
    // 2023-07: `output_validator/` is the program. Legacy: `output_validators/<name>/`.
    let modern = dir.join("output_validator");
    if modern.is_dir() {
        return Ok(OutputValidator::Custom { dir: modern, flags });
    }
    let legacy = dir.join("output_validators");
    if config.validation == Validation::Custom {
        let mut programs: Vec<PathBuf> = std::fs::read_dir(&legacy)
            .map_err(|_| {
                ProblemError::field(&dir.join("problem.yaml"), "validation", "is custom but output_validators/ is missing")
            })?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        programs.sort();
        return match programs.first() {
            Some(program) => Ok(OutputValidator::Custom { dir: program.clone(), flags }),
            None => Err(ProblemError::new(&legacy, "is empty: expected one validator")),
        };
    }
    Ok(OutputValidator::Default { flags })
}

fn find_submissions(dir: &Path) -> Vec<(Expectation, PathBuf)> {
    let mut found = Vec::new();
    for expectation in Expectation::ALL {
        let folder = dir.join("submissions").join(expectation.folder());
        let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
            .into_iter()
            .flatten()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file())
            .collect();
        files.sort();
        found.extend(files.into_iter().map(|f| (expectation, f)));
    }
    found
}

#[cfg(test)]
mod tests {
    use super::Problem;

    #[test]
    fn a_function_problems_tests_must_fit_its_signature() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("sum");
        std::fs::create_dir_all(root.join("data/secret")).unwrap();
        std::fs::write(root.join("problem.yaml"), "name: Sum\n").unwrap();
        let signature = "function:\n  name: sum\n  params: [{name: nums, type: \"integer[]\"}]\n  returns: long\n";
        std::fs::write(root.join("interview.yaml"), signature).unwrap();
        std::fs::write(root.join("data/secret/1.in"), "[1, 2]\n").unwrap();
        std::fs::write(root.join("data/secret/1.ans"), "3\n").unwrap();
        let problem = Problem::load(&root).unwrap();
        assert_eq!(problem.interview.function.map(|f| f.snake_name()), Some("sum".into()));

        std::fs::write(root.join("data/secret/1.ans"), "3 4\n").unwrap();
        let e = Problem::load(&root).unwrap_err().to_string();
        assert!(e.contains("1.ans: not a JSON value"), "{e}");
        std::fs::write(root.join("data/secret/1.ans"), "3\n").unwrap();

        std::fs::write(root.join("data/secret/2.in"), "[1, \"two\"]\n").unwrap();
        std::fs::write(root.join("data/secret/2.ans"), "3\n").unwrap();
        let e = Problem::load(&root).unwrap_err().to_string();
        assert!(e.contains("2.in: line 1 (nums): [1]: \"two\" is not integer"), "{e}");
    }

    #[test]
    fn levels_and_ladders_name_tests_that_exist() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("kv");
        for (group, name) in [("secret/level1", "a"), ("secret/level2", "b"), ("secret", "n10"), ("secret", "n20"), ("secret", "n40")] {
            std::fs::create_dir_all(root.join("data").join(group)).unwrap();
            std::fs::write(root.join("data").join(group).join(format!("{name}.in")), "").unwrap();
            std::fs::write(root.join("data").join(group).join(format!("{name}.ans")), "").unwrap();
        }
        std::fs::write(root.join("problem.yaml"), "name: KV\n").unwrap();
        let ladder = "complexity:\n  expected: n log n\n  ladder: {secret/n10: 10, secret/n20: 20, secret/n40: 40}\n";
        let write = |yaml: &str| std::fs::write(root.join("interview.yaml"), yaml).unwrap();
        write(&format!("levels: [secret/level1, secret/level2]\n{ladder}"));
        let problem = Problem::load(&root).unwrap();
        assert_eq!(problem.interview.levels, ["secret/level1", "secret/level2"]);
        assert_eq!(problem.interview.complexity.unwrap().expected, super::interview::Growth::Linearithmic);

        for (yaml, named) in [
            ("levels: [secret/level1]\n", "levels: a progressive task has at least two levels"),
            ("levels: [secret/level1, secret/level3]\n", "levels[1]: \"secret/level3\" is not a test group"),
            ("levels: [secret/level2, secret/level2]\n", "levels[1]: \"secret/level2\" overlaps levels[0]"),
            ("complexity: {expected: n, ladder: {secret/n10: 10, secret/n20: 20}}\n", "complexity.ladder: a ladder needs at least 3"),
            ("complexity: {expected: n, ladder: {secret/n10: 10, secret/n20: 20, secret/n4: 40}}\n", "complexity.ladder.secret/n4: not a secret test"),
            ("complexity: {expected: n, ladder: {secret/n10: 10, secret/n20: 20, secret/n40: 20}}\n", "the size 20 is 0 or another rung's"),
            ("complexity: {expected: n^4, ladder: {}}\n", "unknown variant `n^4`"),
        ] {
            write(yaml);
            let e = Problem::load(&root).unwrap_err().to_string();
            assert!(e.contains("interview.yaml") && e.contains(named), "{yaml}: {e}");
        }
    }
}
