//! Test data: `data/` as a tree of groups, each with the grader settings of its
//! `testdata.yaml` (legacy) or `test_group.yaml` (2023-07), inherited down the tree.

use super::ProblemError;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// What a group does after a rejected test.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnReject {
    /// Stop judging the group (the default).
    Break,
    Continue,
}

/// The settings of one group's grader.
#[derive(Debug, Clone)]
pub struct GroupSettings {
    pub on_reject: OnReject,
    pub grader_flags: Vec<String>,
    pub accept_score: f64,
    pub reject_score: f64,
    pub range: (f64, f64),
    /// Extra flags for the output validator on this group's tests.
    pub validator_flags: Vec<String>,
}

impl Default for GroupSettings {
    fn default() -> Self {
        GroupSettings {
            on_reject: OnReject::Break,
            grader_flags: Vec::new(),
            accept_score: 1.0,
            reject_score: 0.0,
            range: (f64::NEG_INFINITY, f64::INFINITY),
            validator_flags: Vec::new(),
        }
    }
}

impl GroupSettings {
    pub fn has_flag(&self, flag: &str) -> bool {
        self.grader_flags.iter().any(|f| f == flag)
    }
}

#[derive(Debug, Clone)]
pub struct TestCase {
    /// The group path under `data/` (`sample`, `secret/group1`).
    pub group: String,
    pub name: String,
    pub input: PathBuf,
    pub answer: PathBuf,
    pub sample: bool,
}

#[derive(Debug, Clone)]
pub enum TestItem {
    Case(TestCase),
    Group(TestGroup),
}

#[derive(Debug, Clone)]
pub struct TestGroup {
    /// The path under `data/`; empty for `data/` itself.
    pub path: String,
    pub settings: GroupSettings,
    pub items: Vec<TestItem>,
}

impl TestGroup {
    /// Every test case, in judging order.
    pub fn cases(&self) -> Vec<&TestCase> {
        let mut out = Vec::new();
        for item in &self.items {
            match item {
                TestItem::Case(c) => out.push(c),
                TestItem::Group(g) => out.extend(g.cases()),
            }
        }
        out
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RawSettings {
    on_reject: Option<String>,
    grader_flags: Option<String>,
    accept_score: Option<f64>,
    reject_score: Option<f64>,
    range: Option<String>,
    output_validator_flags: Option<String>,
    output_validator_args: Option<Args>,
    scoring: Option<RawScoring>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Args {
    Line(String),
    List(Vec<String>),
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RawScoring {
    score: Option<f64>,
    aggregation: Option<String>,
}

/// Reads `data/` (which must hold at least one test).
pub fn load(data: &Path) -> Result<TestGroup, ProblemError> {
    if !data.is_dir() {
        return Err(ProblemError::new(data, "missing: a problem needs data/sample and data/secret"));
    }
    let root = load_group(data, String::new(), &GroupSettings::default())?;
    if root.cases().is_empty() {
        return Err(ProblemError::new(data, "no test cases (*.in with *.ans) found"));
    }
    Ok(root)
}

fn load_group(dir: &Path, path: String, inherited: &GroupSettings) -> Result<TestGroup, ProblemError> {
    let settings = read_settings(dir, inherited)?;
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| ProblemError::io(dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    let sample = path == "sample" || path.starts_with("sample/");
    let mut items = Vec::new();
    for entry in entries {
        let name = entry.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        if entry.is_dir() {
            let sub = if path.is_empty() { name } else { format!("{path}/{name}") };
            let group = load_group(&entry, sub, &settings)?;
            if !group.cases().is_empty() {
                items.push(TestItem::Group(group));
            }
        } else if let Some(stem) = name.strip_suffix(".in") {
            let answer = entry.with_extension("ans");
            if !answer.is_file() {
                return Err(ProblemError::new(&entry, "has no matching .ans file"));
            }
            items.push(TestItem::Case(TestCase {
                group: path.clone(),
                name: stem.to_string(),
                input: entry,
                answer,
                sample,
            }));
        }
    }
    Ok(TestGroup { path, settings, items })
}

fn read_settings(dir: &Path, inherited: &GroupSettings) -> Result<GroupSettings, ProblemError> {
    let mut settings = inherited.clone();
    for file in ["testdata.yaml", "test_group.yaml"] {
        let path = dir.join(file);
        if !path.is_file() {
            continue;
        }
        let text = std::fs::read_to_string(&path).map_err(|e| ProblemError::io(&path, e))?;
        if text.trim().is_empty() {
            continue;
        }
        let raw: RawSettings = serde_yaml::from_str(&text).map_err(|e| ProblemError::yaml(&path, e))?;
        apply(&mut settings, raw).map_err(|(field, message)| ProblemError::field(&path, field, message))?;
    }
    Ok(settings)
}

fn apply(s: &mut GroupSettings, raw: RawSettings) -> Result<(), (&'static str, String)> {
    if let Some(v) = raw.on_reject {
        s.on_reject = match v.as_str() {
            "break" => OnReject::Break,
            "continue" => OnReject::Continue,
            _ => return Err(("on_reject", format!("expected \"break\" or \"continue\", got {v:?}"))),
        };
    }
    if let Some(flags) = raw.grader_flags {
        const KNOWN: [&str; 10] = [
            "first_error", "worst_error", "always_accept", "accept_if_any_accepted", "ignore_sample",
            "sum", "avg", "min", "max", "no_errors",
        ];
        s.grader_flags = flags.split_whitespace().map(str::to_string).collect();
        if let Some(bad) = s.grader_flags.iter().find(|f| !KNOWN.contains(&f.as_str())) {
            return Err(("grader_flags", format!("unknown flag {bad:?}; known: {}", KNOWN.join(", "))));
        }
    }
    // Scores are stored as JSON numbers, which have no infinity or NaN.
    let finite = |name: &'static str, v: f64| if v.is_finite() { Ok(v) } else { Err((name, format!("expected a finite number, got {v}"))) };
    if let Some(v) = raw.accept_score {
        s.accept_score = finite("accept_score", v)?;
    }
    if let Some(v) = raw.reject_score {
        s.reject_score = finite("reject_score", v)?;
    }
    if let Some(range) = raw.range {
        let bounds: Vec<f64> = range.split_whitespace().filter_map(|b| b.parse().ok()).collect();
        match bounds[..] {
            [lo, hi] if lo <= hi => s.range = (lo, hi),
            _ => return Err(("range", format!("expected \"min max\", got {range:?}"))),
        }
    }
    if let Some(flags) = raw.output_validator_flags {
        s.validator_flags = flags.split_whitespace().map(str::to_string).collect();
    }
    match raw.output_validator_args {
        Some(Args::Line(line)) => s.validator_flags = line.split_whitespace().map(str::to_string).collect(),
        Some(Args::List(list)) => s.validator_flags = list,
        None => {}
    }
    if let Some(scoring) = raw.scoring {
        if let Some(score) = scoring.score {
            s.accept_score = score;
        }
        match scoring.aggregation.as_deref() {
            None => {}
            Some("sum") => s.grader_flags.retain(|f| f != "min"),
            Some("min") => s.grader_flags.push("min".into()),
            Some(other) => return Err(("scoring.aggregation", format!("expected \"sum\" or \"min\", got {other:?}"))),
        }
    }
    Ok(())
}
