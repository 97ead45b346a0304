//! Grading by interview stage: pure arithmetic from a session and its judged submissions to a
//! report, so that a report can be recomputed from what the store holds, any time, with the
//! same answer. The README's "How an assessment is graded" walks through it with numbers; the
//! test `the_readme_example_grades_as_the_readme_says` holds those numbers.
//!
//! 1. A problem's score (0–1) comes from its graded submission (`last` or `best` judged one;
//!    a judge error is never graded): a progressive task's levels in order, each counting only
//!    once every earlier level passed; else the test groups' points on a scoring problem; else
//!    the share of hidden tests passed (samples count 0).
//! 2. A stage's score (0–100) is its problems' scores weighted by their weights. Its grade is
//!    that score, or, when an instructor gave the stage a manual score and the rubric gives
//!    manual scores a share, the two mixed by that share. The grade against the target level's
//!    marks gives the band: pass, borderline or fail.
//! 3. The recommendation: no hire if a stage fails, lean no hire if one is borderline, else
//!    hire, or strong hire when every grade reaches the strong mark. The level is the highest
//!    whose pass mark every stage's grade reaches.

pub mod complexity;
mod score;

use crate::assessment::session::{Session, SessionProblem};
use crate::catalog::Slug;
use crate::language::Language;
use crate::assessment::template::{Graded, Marks};
use crate::problem::interview::{Category, Kind, Level, Stage};
use crate::verdict::{JudgeResult, Verdict};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::ToSchema;
use uuid::Uuid;

pub use score::LevelResult;

/// One submission to one of the session's problems.
#[derive(Debug, Clone)]
pub struct Attempt {
    pub id: Uuid,
    pub problem: Slug,
    pub language: Language,
    /// When the store took it (its clock).
    pub received_ms: u64,
    /// None until it is judged.
    pub result: Option<JudgeResult>,
}

/// An instructor's review of a stage: shown apart from the automatic grade, counted only as
/// the rubric's `manual_weight` says.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Review {
    /// 0–100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// Something the assessment page noticed, kept as a fact: the report lists these and judges
/// nothing by them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct IntegrityEvent {
    pub kind: IntegrityKind,
    /// When the store took it.
    pub at_ms: u64,
    /// A paste's size, in characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<u64>,
    /// How long the page was out of focus.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_ms: Option<u64>,
    /// The problem open at the time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub problem: Option<Slug>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum IntegrityKind {
    /// Text pasted into the editor.
    Paste,
    /// The page lost focus (another window or tab) and got it back.
    FocusLoss,
}

/// What a report is computed from.
pub struct Evidence<'a> {
    pub session: &'a Session,
    /// In the order the store took them.
    pub attempts: &'a [Attempt],
    /// When the candidate first opened each problem.
    pub opened: &'a BTreeMap<Slug, u64>,
    pub reviews: &'a BTreeMap<Stage, Review>,
    pub integrity: &'a [IntegrityEvent],
    /// Whether the session is over (no submission can come any more).
    pub finished: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Band {
    Pass,
    Borderline,
    Fail,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Recommendation {
    StrongHire,
    Hire,
    LeanNoHire,
    NoHire,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Skill {
    Algorithms,
    Apis,
    Databases,
    Security,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Report {
    pub assessment: Uuid,
    pub template: String,
    pub name: String,
    pub candidate: String,
    /// The level the assessment is for.
    pub target_level: Level,
    /// Whether nothing can change any more: the session is over and every submission that
    /// could be graded is judged.
    #[serde(rename = "final")]
    pub is_final: bool,
    pub stages: Vec<StageReport>,
    pub recommendation: Recommendation,
    /// The highest level whose pass mark every stage's grade reaches; none when not even the
    /// lowest level's.
    pub level: Option<Level>,
    /// Points earned of points possible, per skill area that has any.
    pub skills: Vec<SkillShare>,
    /// The areas below the target level's pass mark, weakest first: what to practise next.
    pub practise: Vec<Skill>,
    /// The grading's steps, in words.
    pub reasons: Vec<String>,
    /// What the assessment page noticed (pastes, focus losses), as facts: nothing above counts
    /// them.
    pub integrity: Vec<IntegrityEvent>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StageReport {
    pub stage: Stage,
    /// The automatic score, 0–100.
    pub score: f64,
    /// The instructor's review, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub review: Option<Review>,
    /// What the band is taken from: the score, mixed with the review's score as the rubric says.
    pub grade: f64,
    pub band: Band,
    /// The target level's marks.
    pub marks: Marks,
    pub problems: Vec<ProblemReport>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProblemReport {
    pub problem: Slug,
    pub title: String,
    pub kind: Kind,
    pub weight: f64,
    /// 0–100, from the graded submission.
    pub score: f64,
    pub graded: Option<AttemptSummary>,
    pub best: Option<AttemptSummary>,
    /// Every submission, in order.
    pub attempts: Vec<AttemptSummary>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub opened_ms: Option<u64>,
    /// From first opening the problem to the graded submission.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_to_graded_ms: Option<u64>,
    /// The graded submission's failed hidden tests, by name and category only.
    pub failed_tests: Vec<FailedTest>,
    /// Its failed test groups (below `secret`).
    pub failed_groups: Vec<String>,
    /// Its hidden tests passed, per category.
    pub categories: Vec<crate::verdict::CategoryTally>,
    /// A progressive task's levels.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub levels: Vec<LevelResult>,
    /// How the graded submission's time grows over the problem's ladder.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub complexity: Option<complexity::Fit>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AttemptSummary {
    pub id: Uuid,
    pub received_ms: u64,
    pub language: Language,
    /// None while it is being judged.
    pub verdict: Option<Verdict>,
    /// 0–100, once judged.
    pub score: Option<f64>,
    /// How its time grows over the problem's ladder, in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub complexity: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FailedTest {
    pub group: String,
    pub name: String,
    pub category: Category,
    pub verdict: Verdict,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SkillShare {
    pub skill: Skill,
    pub earned: f64,
    pub possible: f64,
    /// earned / possible, 0–100.
    pub share: f64,
}

/// One decimal, as reports show and bands compare: a grade shown as 70.0 passes a mark of 70.
fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// The report of `evidence`.
pub fn report(evidence: &Evidence) -> Report {
    let session = evidence.session;
    let marks = session.rubric.marks[&session.level];
    let mut reasons = Vec::new();
    let mut skills = SkillTally::default();
    let mut pending = false;
    let mut stages = Vec::new();
    for section in &session.sections {
        let mut problems = Vec::new();
        let (mut earned, mut weights) = (0.0, 0.0);
        for problem in &section.problems {
            let attempts: Vec<&Attempt> = evidence.attempts.iter().filter(|a| a.problem == problem.slug).collect();
            let graded = graded(&attempts, problem, session.graded);
            pending |= graded.pending;
            let (score, levels) = graded.result.map_or((0.0, Vec::new()), |r| score::score(problem, r));
            earned += problem.weight * score;
            weights += problem.weight;
            skills.add(problem, score, graded.result);
            problems.push(problem_report(problem, &attempts, &graded, score, levels, evidence.opened.get(&problem.slug).copied()));
        }
        let score = round1(if weights > 0.0 { 100.0 * earned / weights } else { 0.0 });
        let review = evidence.reviews.get(&section.stage).cloned();
        let manual = review.as_ref().and_then(|r| r.score).filter(|_| session.rubric.manual_weight > 0.0);
        let grade = round1(manual.map_or(score, |m| (1.0 - session.rubric.manual_weight) * score + session.rubric.manual_weight * m));
        let band = if grade >= marks.pass {
            Band::Pass
        } else if grade >= marks.borderline {
            Band::Borderline
        } else {
            Band::Fail
        };
        let from = match manual {
            Some(m) => format!("{score} automatic and {m} manual at {} share: {grade}", session.rubric.manual_weight),
            None => format!("{grade}"),
        };
        reasons.push(format!(
            "{}: {from}, {} against {}'s marks (pass {}, borderline {})",
            section.stage.name(),
            band_name(band),
            session.level.name(),
            marks.pass,
            marks.borderline
        ));
        stages.push(StageReport { stage: section.stage, score, review, grade, band, marks, problems });
    }
    let (recommendation, why) = recommend(&stages, &marks);
    reasons.push(why);
    let level = session
        .rubric
        .marks
        .iter()
        .rev()
        .find(|(_, m)| stages.iter().all(|s| s.grade >= m.pass))
        .map(|(level, _)| *level);
    reasons.push(match level {
        Some(l) => format!("level {}: the highest whose pass mark ({}) every stage reaches", l.name(), session.rubric.marks[&l].pass),
        None => "no level: some stage is below every level's pass mark".to_string(),
    });
    let skills = skills.shares();
    let mut practise: Vec<&SkillShare> = skills.iter().filter(|s| s.share < marks.pass).collect();
    practise.sort_by(|a, b| a.share.total_cmp(&b.share));
    let practise = practise.into_iter().map(|s| s.skill).collect();
    Report {
        assessment: session.id,
        template: session.template.clone(),
        name: session.name.clone(),
        candidate: session.candidate.clone(),
        target_level: session.level,
        is_final: evidence.finished && !pending,
        stages,
        recommendation,
        level,
        skills,
        practise,
        reasons,
        integrity: evidence.integrity.to_vec(),
    }
}

fn band_name(band: Band) -> &'static str {
    match band {
        Band::Pass => "pass",
        Band::Borderline => "borderline",
        Band::Fail => "fail",
    }
}

fn recommend(stages: &[StageReport], marks: &Marks) -> (Recommendation, String) {
    let named = |band: Band| stages.iter().filter(|s| s.band == band).map(|s| s.stage.name()).collect::<Vec<_>>().join(", ");
    if stages.iter().any(|s| s.band == Band::Fail) {
        (Recommendation::NoHire, format!("no hire: {} failed", named(Band::Fail)))
    } else if stages.iter().any(|s| s.band == Band::Borderline) {
        (Recommendation::LeanNoHire, format!("lean no hire: {} borderline", named(Band::Borderline)))
    } else if stages.iter().all(|s| s.grade >= marks.strong) {
        (Recommendation::StrongHire, format!("strong hire: every stage passed at or above the strong mark ({})", marks.strong))
    } else {
        (Recommendation::Hire, "hire: every stage passed".to_string())
    }
}

/// A problem's graded and best submissions.
struct GradedAttempts<'a> {
    graded: Option<&'a Attempt>,
    best: Option<&'a Attempt>,
    result: Option<&'a JudgeResult>,
    /// A submission still being judged could change which one is graded.
    pending: bool,
}

/// Judge errors are the judge's fault, never graded; submissions not judged yet wait.
fn graded<'a>(attempts: &[&'a Attempt], problem: &SessionProblem, how: Graded) -> GradedAttempts<'a> {
    let judged: Vec<&Attempt> =
        attempts.iter().copied().filter(|a| a.result.as_ref().is_some_and(|r| r.verdict != Verdict::IE)).collect();
    let score = |a: &Attempt| a.result.as_ref().map_or(0.0, |r| score::score(problem, r).0);
    // The first of equals: `max_by` keeps the last, so compare in reverse order.
    let best = judged.iter().rev().copied().max_by(|a, b| score(a).total_cmp(&score(b)));
    let last = judged.last().copied();
    let graded = match how {
        Graded::Last => last,
        Graded::Best => best,
    };
    let pending = attempts.iter().any(|a| a.result.is_none() && (how == Graded::Best || last.is_none_or(|l| a.received_ms >= l.received_ms)));
    GradedAttempts { graded, best, result: graded.and_then(|a| a.result.as_ref()), pending }
}

fn summary(problem: &SessionProblem, a: &Attempt) -> AttemptSummary {
    AttemptSummary {
        id: a.id,
        received_ms: a.received_ms,
        language: a.language,
        verdict: a.result.as_ref().map(|r| r.verdict),
        score: a.result.as_ref().map(|r| round1(100.0 * score::score(problem, r).0)),
        complexity: a.result.as_ref().and_then(|r| fit(problem, r)).map(|f| f.summary),
    }
}

/// The complexity fit of `result`, when the problem has a ladder and tests ran.
fn fit(problem: &SessionProblem, result: &JudgeResult) -> Option<complexity::Fit> {
    problem.complexity.as_ref().filter(|_| !result.tests.is_empty()).map(|c| complexity::fit(c, result))
}

fn problem_report(
    problem: &SessionProblem,
    attempts: &[&Attempt],
    graded: &GradedAttempts,
    score: f64,
    levels: Vec<LevelResult>,
    opened_ms: Option<u64>,
) -> ProblemReport {
    let hidden: Vec<&crate::verdict::TestResult> = graded.result.map_or(Vec::new(), |r| r.tests.iter().filter(|t| !score::is_sample(&t.group)).collect());
    let failed_tests = hidden
        .iter()
        .filter(|t| !t.verdict.is_accepted())
        .map(|t| FailedTest { group: t.group.clone(), name: t.name.clone(), category: t.category, verdict: t.verdict })
        .collect();
    let failed_groups = graded.result.map_or(Vec::new(), |r| {
        r.groups
            .iter()
            .filter(|g| !g.verdict.is_accepted() && g.group.starts_with("secret/"))
            .map(|g| g.group.clone())
            .collect()
    });
    let categories = Category::ALL
        .into_iter()
        .map(|category| crate::verdict::CategoryTally {
            category,
            passed: hidden.iter().filter(|t| t.category == category && t.verdict.is_accepted()).count(),
            total: hidden.iter().filter(|t| t.category == category).count(),
        })
        .filter(|t| t.total > 0)
        .collect();
    let time_to_graded_ms = graded.graded.zip(opened_ms).map(|(g, o)| g.received_ms.saturating_sub(o));
    ProblemReport {
        problem: problem.slug.clone(),
        title: problem.title.clone(),
        kind: problem.kind,
        weight: problem.weight,
        score: round1(100.0 * score),
        graded: graded.graded.map(|a| summary(problem, a)),
        best: graded.best.map(|a| summary(problem, a)),
        attempts: attempts.iter().map(|a| summary(problem, a)).collect(),
        opened_ms,
        time_to_graded_ms,
        failed_tests,
        failed_groups,
        categories,
        levels,
        complexity: graded.result.and_then(|r| fit(problem, r)),
    }
}

/// Points per skill area: a problem's weight is its points, earned as its score; its security
/// tests' share of those points is the security area's.
#[derive(Default)]
struct SkillTally {
    points: BTreeMap<u8, (Skill, f64, f64)>,
}

impl SkillTally {
    fn add(&mut self, problem: &SessionProblem, score: f64, result: Option<&JudgeResult>) {
        let skill = match problem.kind {
            Kind::Algorithm => Skill::Algorithms,
            Kind::Api => Skill::Apis,
            Kind::Database => Skill::Databases,
        };
        self.credit(skill, problem.weight * score, problem.weight);
        if problem.security_tests > 0 {
            let per_test = problem.weight / problem.tests as f64;
            let passed = result.map_or(0, |r| {
                r.tests.iter().filter(|t| t.category == Category::Security && !score::is_sample(&t.group) && t.verdict.is_accepted()).count()
            });
            self.credit(Skill::Security, per_test * passed as f64, per_test * problem.security_tests as f64);
        }
    }

    fn credit(&mut self, skill: Skill, earned: f64, possible: f64) {
        let entry = self.points.entry(skill as u8).or_insert((skill, 0.0, 0.0));
        entry.1 += earned;
        entry.2 += possible;
    }

    fn shares(self) -> Vec<SkillShare> {
        self.points
            .into_values()
            .map(|(skill, earned, possible)| SkillShare {
                skill,
                earned: round1(earned),
                possible: round1(possible),
                share: round1(100.0 * earned / possible),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests;
