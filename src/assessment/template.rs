//! Assessment templates: `assessments/<id>.yaml`, written by instructors, read fresh from the
//! folder whenever one is listed or used (they are a handful of small files, and a session keeps
//! a copy of what it was made from, so an edit never changes a report).
//!
//! A template is checked against the problems on offer when it is read: every problem exists
//! and takes one of its section's languages, a progressive section's problem has levels, every
//! draw can be made, the rubric's marks are in order. An error names the file and the field.

use crate::catalog::{Slug, Snapshot};
use crate::language::Language;
use crate::problem::interview::{Kind, Level, Stage};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use utoipa::ToSchema;

/// The longest a section or an assessment may last.
const MAX_DURATION_MS: u64 = 24 * 3600 * 1000;

/// A checked template.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Template {
    /// The file's name without `.yaml`.
    pub id: String,
    pub name: String,
    /// The level the assessment is for; its marks give each stage's band.
    pub level: Level,
    /// The whole assessment's time (at most its sections' together), in milliseconds.
    pub duration_ms: u64,
    pub graded: Graded,
    /// Whether the candidate may read the report once the assessment is over.
    pub candidate_report: bool,
    pub sections: Vec<Section>,
    pub rubric: Rubric,
}

/// One stage of the assessment, taken in order: it opens when the one before closes.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Section {
    pub stage: Stage,
    pub duration_ms: u64,
    /// The languages the candidate may use here (each problem also takes only its own).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub languages: Option<Vec<Language>>,
    /// A progressive task: one problem whose levels count in order.
    pub progressive: bool,
    pub problems: Vec<Pick>,
}

/// A problem of a section: a fixed one, or one drawn from the bank when a session is made.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Pick {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub problem: Option<Slug>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub draw: Option<Filter>,
    /// Its share of the stage's score, against the section's other problems.
    #[serde(default = "one")]
    pub weight: f64,
}

fn one() -> f64 {
    1.0
}

/// Which problems a draw may pick: every field given must match (a problem must have every
/// tag listed).
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Filter {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<Kind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<Stage>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<Level>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
}

/// Which of a problem's submissions is graded.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Graded {
    /// The last one judged, as real assessments grade.
    #[default]
    Last,
    /// The one with the highest score (the earliest of equals).
    Best,
}

/// How stage scores become bands, a recommendation and a level.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Rubric {
    /// The marks (0–100) a stage's grade is held to, by level.
    #[schema(value_type = BTreeMap<String, Marks>)]
    pub marks: BTreeMap<Level, Marks>,
    /// The share (0–1) of a stage's grade that an instructor's manual score takes, when the
    /// stage has one; 0 shows manual scores beside the grade without counting them.
    #[serde(default)]
    pub manual_weight: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Marks {
    /// Every stage at or above this: strong hire.
    pub strong: f64,
    pub pass: f64,
    pub borderline: f64,
}

/// A template file as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TemplateFile {
    name: String,
    level: Level,
    /// Default: the sections' durations together.
    duration: Option<String>,
    #[serde(default)]
    graded: Graded,
    #[serde(default)]
    candidate_report: bool,
    sections: Vec<SectionFile>,
    rubric: Rubric,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SectionFile {
    stage: Stage,
    duration: String,
    languages: Option<Vec<Language>>,
    #[serde(default)]
    problems: Vec<Pick>,
    /// A progressive task's problem, in place of `problems`.
    progressive: Option<Slug>,
}

/// Why a template cannot be used.
#[derive(Debug, Clone, thiserror::Error)]
pub enum TemplateError {
    #[error("no assessment template {0:?}")]
    Unknown(String),
    /// The file and what is wrong, the field named.
    #[error("{0}")]
    Invalid(String),
}

/// A template file as errors name it: its name in the folder (the server's paths are not the
/// instructor's business).
fn shown(file: &Path) -> String {
    file.file_name().unwrap_or_default().to_string_lossy().into_owned()
}

fn invalid(file: &Path, field: &str, message: impl std::fmt::Display) -> TemplateError {
    TemplateError::Invalid(format!("{}: {field}: {message}", shown(file)))
}

/// Every template in `dir`, and every file that is not one with why. A missing folder has none.
pub fn load_all(dir: &Path, problems: &Snapshot) -> (Vec<Template>, Vec<(String, String)>) {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "yaml"));
    files.sort();
    let (mut ok, mut bad) = (Vec::new(), Vec::new());
    for file in files {
        match read(&file, problems) {
            Ok(t) => ok.push(t),
            Err(e) => bad.push((shown(&file), e.to_string())),
        }
    }
    (ok, bad)
}

/// The template `id` (`dir/<id>.yaml`).
pub fn load(dir: &Path, id: &str, problems: &Snapshot) -> Result<Template, TemplateError> {
    if Slug::parse(id).is_err() {
        return Err(TemplateError::Unknown(id.to_string()));
    }
    let file = dir.join(format!("{id}.yaml"));
    if !file.is_file() {
        return Err(TemplateError::Unknown(id.to_string()));
    }
    read(&file, problems)
}

fn read(file: &Path, problems: &Snapshot) -> Result<Template, TemplateError> {
    let id = file.file_stem().unwrap_or_default().to_string_lossy().into_owned();
    if Slug::parse(&id).is_err() {
        return Err(invalid(file, "file name", "a template's name must be lowercase letters, digits, '-' or '_'"));
    }
    let text = std::fs::read_to_string(file).map_err(|e| TemplateError::Invalid(format!("{}: {e}", shown(file))))?;
    let raw: TemplateFile = serde_yaml::from_str(&text).map_err(|e| TemplateError::Invalid(format!("{}: {e}", shown(file))))?;
    if raw.name.trim().is_empty() {
        return Err(invalid(file, "name", "empty"));
    }
    if raw.sections.is_empty() {
        return Err(invalid(file, "sections", "an assessment has at least one section"));
    }
    let mut sections = Vec::new();
    for (i, s) in raw.sections.into_iter().enumerate() {
        let field = |name: &str| format!("sections[{i}].{name}");
        if let Some(j) = sections.iter().position(|t: &Section| t.stage == s.stage) {
            return Err(invalid(file, &field("stage"), format!("sections[{j}] is this stage already; one section per stage")));
        }
        let duration_ms = duration(&s.duration).map_err(|e| invalid(file, &field("duration"), e))?;
        if s.languages.as_ref().is_some_and(|l| l.is_empty()) {
            return Err(invalid(file, &field("languages"), "empty; leave it out to allow every language"));
        }
        let (progressive, picks) = match (s.progressive, s.problems.is_empty()) {
            (Some(slug), true) => (true, vec![Pick { problem: Some(slug), draw: None, weight: 1.0 }]),
            (Some(_), false) => return Err(invalid(file, &field("progressive"), "a progressive section has its one problem and no `problems`")),
            (None, true) => return Err(invalid(file, &field("problems"), "a section has at least one problem")),
            (None, false) => (false, s.problems),
        };
        for (k, pick) in picks.iter().enumerate() {
            let at = if progressive { field("progressive") } else { field(&format!("problems[{k}]")) };
            if pick.problem.is_some() == pick.draw.is_some() {
                return Err(invalid(file, &at, "give either `problem` or `draw`"));
            }
            if !(pick.weight.is_finite() && pick.weight > 0.0 && pick.weight <= 1000.0) {
                return Err(invalid(file, &format!("{at}.weight"), "a weight is a number above 0, at most 1000"));
            }
            let Some(slug) = &pick.problem else { continue };
            let twice = sections.iter().flat_map(|t: &Section| &t.problems).chain(&picks[..k]).any(|p| p.problem.as_ref() == Some(slug));
            if twice {
                return Err(invalid(file, &at, format!("{slug} is in the assessment already; a problem appears once")));
            }
            let entry = problems.problems.get(slug).ok_or_else(|| invalid(file, &at, format!("no problem {:?} on offer", slug.as_str())))?;
            if progressive && entry.problem.interview.levels.is_empty() {
                return Err(invalid(file, &at, format!("{slug} has no levels (interview.yaml `levels`) to be a progressive task")));
            }
            if allowed(&entry.languages, s.languages.as_deref()).is_empty() {
                return Err(invalid(file, &field("languages"), format!("{slug} takes none of them")));
            }
        }
        sections.push(Section { stage: s.stage, duration_ms, languages: s.languages, progressive, problems: picks });
    }
    let total: u64 = sections.iter().map(|s| s.duration_ms).sum();
    let duration_ms = match &raw.duration {
        None => total,
        Some(d) => {
            let ms = duration(d).map_err(|e| invalid(file, "duration", e))?;
            if ms > total {
                return Err(invalid(file, "duration", format!("longer than the sections together ({})", humantime::format_duration(std::time::Duration::from_millis(total)))));
            }
            ms
        }
    };
    check_rubric(&raw.rubric, raw.level).map_err(|(field, e)| invalid(file, &format!("rubric.{field}"), e))?;
    let template = Template {
        id,
        name: raw.name.trim().to_string(),
        level: raw.level,
        duration_ms,
        graded: raw.graded,
        candidate_report: raw.candidate_report,
        sections,
        rubric: raw.rubric,
    };
    // Every draw must be possible: try them as a session would.
    if let Err((i, k, why)) = draw(&template, problems, 0) {
        return Err(invalid(file, &format!("sections[{i}].problems[{k}].draw"), why));
    }
    Ok(template)
}

/// A duration as humans write it (`45m`, `1h 30m`, `20s`): above 0, at most a day.
fn duration(text: &str) -> Result<u64, String> {
    let d = humantime::parse_duration(text.trim()).map_err(|e| format!("{text:?} is not a duration like 45m or 1h 30m ({e})"))?;
    // Compared before narrowing: humantime reads up to 2^64 seconds, and `as u64` would wrap
    // 2^64 milliseconds and more into a few.
    let ms = d.as_millis();
    if ms == 0 || ms > u128::from(MAX_DURATION_MS) {
        return Err(format!("{text:?} is not above 0 and at most 24h"));
    }
    Ok(ms as u64)
}

fn check_rubric(rubric: &Rubric, target: Level) -> Result<(), (String, String)> {
    if !rubric.marks.contains_key(&target) {
        return Err(("marks".into(), format!("no marks for the template's level, {}", target.name())));
    }
    let mut below: Option<(Level, f64)> = None;
    for (level, m) in &rubric.marks {
        let at = format!("marks.{}", level.name());
        let in_range = [m.borderline, m.pass, m.strong].iter().all(|v| (0.0..=100.0).contains(v));
        if !in_range || m.borderline > m.pass || m.pass > m.strong {
            return Err((at, "marks are 0 to 100 with borderline ≤ pass ≤ strong".into()));
        }
        if let Some((lower, pass)) = below.filter(|(_, p)| m.pass < *p) {
            return Err((at, format!("its pass mark is below {}'s ({pass})", lower.name())));
        }
        below = Some((*level, m.pass));
    }
    if !(0.0..=1.0).contains(&rubric.manual_weight) {
        return Err(("manual_weight".into(), "a share from 0 to 1".into()));
    }
    Ok(())
}

/// The languages a candidate may use for a problem that takes `languages` in a section that
/// allows `section` (all, when it does not say).
pub fn allowed(languages: &[Language], section: Option<&[Language]>) -> Vec<Language> {
    languages.iter().copied().filter(|l| section.is_none_or(|s| s.contains(l))).collect()
}

/// The problems of each section for `seed`: fixed ones as they are, each draw picking among
/// the matching problems not in the assessment already (sorted by slug) with a generator that
/// the seed fixes, so that the same seed over the same bank draws the same problems. An error
/// says which draw (section, pick) could not be made.
pub fn draw(template: &Template, problems: &Snapshot, seed: u64) -> Result<Vec<Vec<Slug>>, (usize, usize, String)> {
    let mut taken: Vec<Slug> = template.sections.iter().flat_map(|s| s.problems.iter().filter_map(|p| p.problem.clone())).collect();
    let mut rng = SplitMix64(seed);
    let mut out = Vec::new();
    for (i, section) in template.sections.iter().enumerate() {
        let mut slugs = Vec::new();
        for (k, pick) in section.problems.iter().enumerate() {
            let slug = match (&pick.problem, &pick.draw) {
                (Some(slug), _) => slug.clone(),
                (None, Some(filter)) => {
                    let matching: Vec<&Slug> = problems
                        .problems
                        .iter()
                        .filter(|(slug, entry)| {
                            !taken.contains(slug)
                                && filter.matches(&entry.problem.interview)
                                && !allowed(&entry.languages, section.languages.as_deref()).is_empty()
                        })
                        .map(|(slug, _)| slug)
                        .collect();
                    if matching.is_empty() {
                        return Err((i, k, "no problem on offer matches it (that is not in the assessment already)".into()));
                    }
                    let slug = matching[(rng.next() % matching.len() as u64) as usize].clone();
                    taken.push(slug.clone());
                    slug
                }
                (None, None) => unreachable!("a pick has a problem or a draw: checked when read"),
            };
            slugs.push(slug);
        }
        out.push(slugs);
    }
    Ok(out)
}

impl Filter {
    fn matches(&self, interview: &crate::problem::Interview) -> bool {
        self.kind.is_none_or(|k| k == interview.kind)
            && self.stage.is_none_or(|s| Some(s) == interview.stage)
            && self.level.is_none_or(|l| Some(l) == interview.level)
            && self.tags.iter().all(|t| interview.tags.contains(t))
    }
}

/// SplitMix64: a tiny generator whose output is fixed by its seed forever (a library's may
/// change between versions, and a recorded seed must draw the same problems).
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;

    fn bank() -> std::sync::Arc<Snapshot> {
        Catalog::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/problems")).unwrap().snapshot()
    }

    const MARKS: &str = "rubric:\n  marks:\n    entry: {strong: 90, pass: 60, borderline: 40}\n    mid: {strong: 90, pass: 70, borderline: 50}\n";

    fn read_yaml(yaml: &str) -> Result<Template, TemplateError> {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("t.yaml"), yaml).unwrap();
        load(dir.path(), "t", &bank())
    }

    #[test]
    fn a_template_reads_its_durations_weights_and_draws() {
        let t = read_yaml(&format!(
            "name: Loop\nlevel: mid\nduration: 50m\nsections:\n  - stage: phone-screen\n    duration: 30m\n    problems: [{{problem: add, weight: 2}}]\n  - stage: coding-assessment\n    duration: 1h\n    languages: [python]\n    problems: [{{draw: {{tags: []}}}}]\n{MARKS}"
        ))
        .unwrap();
        assert_eq!((t.duration_ms, t.sections[1].duration_ms, t.sections[0].problems[0].weight), (3_000_000, 3_600_000, 2.0));
        let drawn = draw(&t, &bank(), 42).unwrap();
        assert_eq!(drawn[0], [Slug::parse("add").unwrap()]);
        assert_ne!(drawn[1][0].as_str(), "add", "a draw skips the assessment's own problems");
        assert_eq!(draw(&t, &bank(), 42).unwrap(), drawn, "a seed draws the same problems again");
    }

    #[test]
    fn a_malformed_template_names_its_field() {
        let section = "sections:\n  - stage: phone-screen\n    duration: 10m\n    problems: [{problem: add}]\n";
        for (yaml, named) in [
            (format!("name: X\nlevel: mid\n{section}{MARKS}colour: red\n"), "unknown field `colour`"),
            (format!("name: X\nlevel: senior\n{section}{MARKS}"), "rubric.marks: no marks for the template's level, senior"),
            (format!("name: X\nlevel: mid\nduration: 2h\n{section}{MARKS}"), "duration: longer than the sections together (10m)"),
            (format!("name: X\nlevel: mid\n{}{MARKS}", section.replace("10m", "0s")), "sections[0].duration: \"0s\" is not above 0"),
            // 2^64 ms and 384 more: not 384 ms.
            (format!("name: X\nlevel: mid\n{}{MARKS}", section.replace("10m", "18446744073709552s")), "sections[0].duration: \"18446744073709552s\" is not above 0 and at most 24h"),
            (format!("name: X\nlevel: mid\n{}{MARKS}", section.replace("add", "nope")), "sections[0].problems[0]: no problem \"nope\" on offer"),
            (format!("name: X\nlevel: mid\n{}{MARKS}", section.replace("{problem: add}", "{problem: add, weight: 0}")), "sections[0].problems[0].weight"),
            (format!("name: X\nlevel: mid\n{}{MARKS}", section.replace("{problem: add}", "{problem: add}, {problem: add}")), "sections[0].problems[1]: add is in the assessment already"),
            (format!("name: X\nlevel: mid\n{}{MARKS}", section.replace("    problems: [{problem: add}]", "    progressive: add")), "sections[0].progressive: add has no levels"),
            (format!("name: X\nlevel: mid\n{}{MARKS}", section.replace("{problem: add}", "{draw: {tags: [graphs]}}")), "sections[0].problems[0].draw: no problem on offer matches it"),
            (format!("name: X\nlevel: mid\n{}{MARKS}", section.replace("problems:", "languages: [sqlite]\n    problems:")), "sections[0].languages: add takes none of them"),
            (format!("name: X\nlevel: mid\n{section}{}", MARKS.replace("pass: 70", "pass: 50")), "rubric.marks.mid: its pass mark is below entry's (60)"),
            (format!("name: X\nlevel: mid\n{section}{}", MARKS.replace("borderline: 50", "borderline: 80")), "rubric.marks.mid: marks are 0 to 100"),
            (format!("name: X\nlevel: mid\n{section}  - stage: phone-screen\n    duration: 1m\n    problems: [{{problem: sum-pair}}]\n{MARKS}"), "sections[1].stage: sections[0] is this stage already"),
        ] {
            let e = read_yaml(&yaml).unwrap_err().to_string();
            assert!(e.contains("t.yaml") && e.contains(named), "{yaml}\n=> {e}");
        }
        assert!(matches!(load(Path::new("/nonexistent"), "t", &bank()), Err(TemplateError::Unknown(_))));
        assert!(matches!(load(Path::new("."), "../etc/passwd", &bank()), Err(TemplateError::Unknown(_))));
    }

    #[test]
    fn every_shipped_template_loads_against_the_bank() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let bank = Catalog::load(&root.join("problems")).unwrap().snapshot();
        let (templates, invalid) = load_all(&root.join("assessments"), &bank);
        assert!(invalid.is_empty(), "{invalid:?}");
        assert!(templates.len() >= 3);
        for t in &templates {
            for seed in 0..20 {
                draw(t, &bank, seed).unwrap_or_else(|e| panic!("{}: seed {seed}: {e:?}", t.id));
            }
        }
    }
}
