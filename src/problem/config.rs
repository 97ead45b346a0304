//! `problem.yaml`: the Kattis metadata, in its legacy and 2023-07 / 2025-09 shapes.
//!
//! Unknown keys are kept out of our way, not refused: packages carry many (author, license,
//! uuid, ...) that judging does not need. Keys we do read are checked and a bad one is reported
//! with its file and field.

use super::ProblemError;
use serde::Deserialize;
use std::path::Path;
use std::time::Duration;

/// The largest number of seconds (or multiplier) a limit may be: far past what any judging
/// needs, and small enough that no duration made from it overflows.
pub const MAX_LIMIT: f64 = 1e6;
/// The largest memory or output limit, in MiB (1 TiB).
const MAX_MIB: u64 = 1 << 20;

/// Whether `v` may be a limit in seconds or a multiplier: positive, finite, at most [`MAX_LIMIT`].
fn within_limit(v: f64) -> bool {
    v.is_finite() && v > 0.0 && v <= MAX_LIMIT
}

/// `s` seconds as a duration, if [`within_limit`].
pub fn seconds(s: f64) -> Option<Duration> {
    within_limit(s).then(|| Duration::from_secs_f64(s))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RawConfig {
    problem_format_version: Option<String>,
    name: Option<Localized>,
    #[serde(rename = "type")]
    kind: Option<OneOrMany>,
    limits: RawLimits,
    validation: Option<String>,
    validator_flags: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Localized {
    One(String),
    Many(std::collections::BTreeMap<String, String>),
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RawLimits {
    time_multiplier: Option<f64>,
    time_safety_margin: Option<f64>,
    time_multipliers: RawMultipliers,
    time_limit: Option<f64>,
    time_resolution: Option<f64>,
    memory: Option<u64>,
    output: Option<u64>,
    compilation_time: Option<f64>,
    compilation_memory: Option<u64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RawMultipliers {
    ac_to_time_limit: Option<f64>,
    time_limit_to_tle: Option<f64>,
}

/// Which edition of the package format a problem uses; defaults differ between them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Legacy,
    /// 2023-07 and later (2025-09 keeps the same names for what we read).
    Modern,
}

/// The problem's limits, with the format's defaults filled in.
#[derive(Debug, Clone)]
pub struct Limits {
    /// A fixed time limit (2023-07 `limits.time_limit`, or the `.timelimit` file verify writes).
    pub time_limit: Option<Duration>,
    /// Time limit = slowest accepted run × this.
    pub time_multiplier: f64,
    /// Time-limit-exceeded submissions must still fail at time limit × this.
    pub time_safety_margin: f64,
    /// A computed time limit is rounded up to a multiple of this.
    pub time_resolution: Duration,
    pub memory_mib: u64,
    pub output_mib: u64,
    pub compilation_time: Duration,
    pub compilation_memory_mib: u64,
}

/// How answers are checked, before the validator program itself is found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Validation {
    Default,
    Custom,
    Interactive,
}

#[derive(Debug, Clone)]
pub struct Config {
    pub format: Format,
    pub name: String,
    pub scoring: bool,
    pub limits: Limits,
    pub validation: Validation,
    /// Flags for the output validator (legacy `validator_flags`).
    pub validator_flags: Vec<String>,
}

pub fn load(path: &Path) -> Result<Config, ProblemError> {
    let text = std::fs::read_to_string(path).map_err(|e| ProblemError::io(path, e))?;
    let raw: RawConfig = if text.trim().is_empty() {
        RawConfig::default()
    } else {
        serde_yaml::from_str(&text).map_err(|e| ProblemError::yaml(path, e))?
    };
    let field = |field: &str, message: String| ProblemError::field(path, field, message);

    let format = match raw.problem_format_version.as_deref() {
        None | Some("legacy") | Some("legacy-icpc") => Format::Legacy,
        Some(v) if v.starts_with("20") => Format::Modern,
        Some(v) => return Err(field("problem_format_version", format!("unknown version {v:?}"))),
    };
    let name = match raw.name {
        None => String::new(),
        Some(Localized::One(n)) => n,
        Some(Localized::Many(m)) => m.get("en").or_else(|| m.values().next()).cloned().unwrap_or_default(),
    };
    let types = match raw.kind {
        None => vec!["pass-fail".to_string()],
        Some(OneOrMany::One(t)) => t.split_whitespace().map(str::to_string).collect(),
        Some(OneOrMany::Many(ts)) => ts,
    };
    let mut scoring = false;
    let mut interactive = false;
    for t in &types {
        match t.as_str() {
            "pass-fail" => {}
            "scoring" => scoring = true,
            "interactive" | "multi-pass" => interactive = true,
            "submit-answer" => {}
            other => return Err(field("type", format!("unknown problem type {other:?}"))),
        }
    }
    let validation = match raw.validation.as_deref().map(str::split_whitespace) {
        None => Validation::Default,
        Some(words) => {
            let words: Vec<&str> = words.collect();
            match words.first().copied() {
                Some("default") => Validation::Default,
                Some("custom") if words.contains(&"interactive") => Validation::Interactive,
                Some("custom") => {
                    scoring |= words.contains(&"score");
                    Validation::Custom
                }
                _ => {
                    return Err(field(
                        "validation",
                        format!("expected \"default\" or \"custom [interactive] [score]\", got {:?}", words.join(" ")),
                    ))
                }
            }
        }
    };
    let validation = if interactive { Validation::Interactive } else { validation };

    let l = raw.limits;
    let positive = |name: &str, value: Option<f64>, default: f64| -> Result<f64, ProblemError> {
        match value {
            None => Ok(default),
            Some(v) if within_limit(v) => Ok(v),
            Some(v) => Err(field(&format!("limits.{name}"), format!("expected a positive number up to {MAX_LIMIT}, got {v}"))),
        }
    };
    let nonzero = |name: &str, value: Option<u64>, default: u64| -> Result<u64, ProblemError> {
        match value {
            None => Ok(default),
            Some(v) if (1..=MAX_MIB).contains(&v) => Ok(v),
            Some(v) => Err(field(&format!("limits.{name}"), format!("expected 1 to {MAX_MIB} (MiB), got {v}"))),
        }
    };
    let (multiplier, margin) = match format {
        Format::Legacy => (
            positive("time_multiplier", l.time_multiplier, 5.0)?,
            positive("time_safety_margin", l.time_safety_margin, 2.0)?,
        ),
        Format::Modern => (
            positive("time_multipliers.ac_to_time_limit", l.time_multipliers.ac_to_time_limit, 2.0)?,
            positive("time_multipliers.time_limit_to_tle", l.time_multipliers.time_limit_to_tle, 1.5)?,
        ),
    };
    let time_limit = match l.time_limit {
        None => None,
        Some(_) => Some(Duration::from_secs_f64(positive("time_limit", l.time_limit, 1.0)?)),
    };
    let limits = Limits {
        time_limit,
        time_multiplier: multiplier,
        time_safety_margin: margin,
        time_resolution: Duration::from_secs_f64(positive("time_resolution", l.time_resolution, 1.0)?),
        memory_mib: nonzero("memory", l.memory, if format == Format::Legacy { 1024 } else { 2048 })?,
        output_mib: nonzero("output", l.output, 8)?,
        compilation_time: Duration::from_secs_f64(positive("compilation_time", l.compilation_time, 60.0)?),
        compilation_memory_mib: nonzero("compilation_memory", l.compilation_memory, 2048)?,
    };
    Ok(Config {
        format,
        name,
        scoring,
        limits,
        validation,
        validator_flags: raw.validator_flags.unwrap_or_default().split_whitespace().map(str::to_string).collect(),
    })
}
