//! A session: one candidate's sitting of a template. What it is made of is fixed when it is
//! made (the template's rubric and sections, the drawn problems and the seed that drew them,
//! each problem's facts that grading needs), so that its report can be recomputed from the
//! store alone, whatever later happens to the template or the bank.
//!
//! Its time is kept by the store's clock (Redis `TIME`), the same for every API process and
//! worker. The sections are taken in order: the first opens at the start, each closes when
//! its time is up or when the candidate moves on, and the next opens then; none outlives the
//! deadline, which is fixed at the start and which only the candidate's moving on or finishing
//! can bring forward.

use super::template::{self, Graded, Rubric, Template};
use crate::catalog::{Slug, Snapshot};
use crate::language::Language;
use crate::problem::interview::{Category, Complexity, Kind, Level, Stage};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Session {
    pub id: Uuid,
    /// The template's id and name when the session was made.
    pub template: String,
    pub name: String,
    /// The level the assessment is for.
    pub level: Level,
    pub candidate: String,
    /// The owner id of the candidate's token, which their submissions carry.
    pub owner: String,
    /// The seed the draws used: the same seed over the same bank draws the same problems.
    pub seed: u64,
    pub created_ms: u64,
    pub duration_ms: u64,
    pub graded: Graded,
    pub candidate_report: bool,
    pub rubric: Rubric,
    pub sections: Vec<SessionSection>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SessionSection {
    pub stage: Stage,
    pub duration_ms: u64,
    pub progressive: bool,
    pub problems: Vec<SessionProblem>,
}

/// A problem as the session holds it: what grading needs, taken from the bank when the session
/// was made.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SessionProblem {
    pub slug: Slug,
    pub title: String,
    pub kind: Kind,
    pub weight: f64,
    /// Drawn from the bank rather than named by the template.
    pub drawn: bool,
    /// The languages the candidate may use for it here.
    pub languages: Vec<Language>,
    /// Its hidden tests, and how many of them check security.
    pub tests: usize,
    pub security_tests: usize,
    /// A progressive task's levels (only in a progressive section).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub levels: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub complexity: Option<Complexity>,
}

impl Session {
    /// A session of `template` for `candidate`, its problems drawn with `seed` from `bank`.
    pub fn new(id: Uuid, template: &Template, bank: &Snapshot, candidate: String, owner: String, seed: u64, now_ms: u64) -> Result<Session, String> {
        let drawn = template::draw(template, bank, seed)
            .map_err(|(i, k, why)| format!("sections[{i}].problems[{k}].draw: {why}"))?;
        let mut sections = Vec::new();
        for (section, slugs) in template.sections.iter().zip(drawn) {
            let mut problems = Vec::new();
            for (pick, slug) in section.problems.iter().zip(slugs) {
                let entry = bank.problems.get(&slug).ok_or_else(|| format!("{slug} is no longer on offer"))?;
                let problem = &entry.problem;
                let hidden: Vec<Category> = problem.data.cases().into_iter().filter(|c| !c.sample).map(|c| problem.category_of(c)).collect();
                problems.push(SessionProblem {
                    title: problem.name.clone(),
                    kind: problem.interview.kind,
                    weight: pick.weight,
                    drawn: pick.problem.is_none(),
                    languages: template::allowed(&entry.languages, section.languages.as_deref()),
                    tests: hidden.len(),
                    security_tests: hidden.iter().filter(|c| **c == Category::Security).count(),
                    levels: if section.progressive { problem.interview.levels.clone() } else { Vec::new() },
                    complexity: problem.interview.complexity.clone(),
                    slug,
                });
            }
            sections.push(SessionSection { stage: section.stage, duration_ms: section.duration_ms, progressive: section.progressive, problems });
        }
        Ok(Session {
            id,
            template: template.id.clone(),
            name: template.name.clone(),
            level: template.level,
            candidate,
            owner,
            seed,
            created_ms: now_ms,
            duration_ms: template.duration_ms,
            graded: template.graded,
            candidate_report: template.candidate_report,
            rubric: template.rubric.clone(),
            sections,
        })
    }

    /// The section and the problem `slug`, when the session has it.
    pub fn find(&self, slug: &str) -> Option<(usize, &SessionProblem)> {
        self.sections.iter().enumerate().find_map(|(i, s)| s.problems.iter().find(|p| p.slug.as_str() == slug).map(|p| (i, p)))
    }
}

/// Where a session is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum State {
    /// Made; the candidate has not started.
    Created,
    Started,
    Finished,
}

impl State {
    pub fn name(self) -> &'static str {
        match self {
            State::Created => "created",
            State::Started => "started",
            State::Finished => "finished",
        }
    }

    pub fn parse(s: &str) -> Option<State> {
        [State::Created, State::Started, State::Finished].into_iter().find(|st| st.name() == s)
    }
}

/// The times a started session has, all from the store's clock (Unix milliseconds).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Timeline {
    pub started_ms: u64,
    pub deadline_ms: u64,
    pub finished_ms: Option<u64>,
    /// When the candidate moved on from each section, if they did.
    pub left_ms: Vec<Option<u64>>,
}

/// When a section opens and closes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Window {
    pub opens_ms: u64,
    pub closes_ms: u64,
}

impl Timeline {
    /// Each section's window: it opens when the one before closes, and closes when its time is
    /// up, when the candidate left it, at the deadline or when the session finished.
    pub fn windows(&self, session: &Session) -> Vec<Window> {
        let end = self.finished_ms.map_or(self.deadline_ms, |f| f.min(self.deadline_ms));
        let mut opens_ms = self.started_ms.min(end);
        let mut out = Vec::new();
        for (i, section) in session.sections.iter().enumerate() {
            let left = self.left_ms.get(i).copied().flatten().unwrap_or(u64::MAX);
            let closes_ms = (opens_ms + section.duration_ms).min(left).min(end).max(opens_ms);
            out.push(Window { opens_ms, closes_ms });
            opens_ms = closes_ms;
        }
        out
    }

    /// The section open at `now`, if one is.
    pub fn current(&self, session: &Session, now_ms: u64) -> Option<usize> {
        self.windows(session).iter().position(|w| w.opens_ms <= now_ms && now_ms < w.closes_ms)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::template::Marks;

    fn session(durations: &[u64]) -> Session {
        let section = |d: &u64| SessionSection { stage: Stage::PhoneScreen, duration_ms: *d, progressive: false, problems: vec![] };
        Session {
            id: Uuid::nil(),
            template: "t".into(),
            name: "T".into(),
            level: Level::Mid,
            candidate: "ada".into(),
            owner: "c_1".into(),
            seed: 0,
            created_ms: 0,
            duration_ms: durations.iter().sum(),
            graded: Graded::Last,
            candidate_report: false,
            rubric: Rubric { marks: [(Level::Mid, Marks { strong: 90.0, pass: 70.0, borderline: 50.0 })].into(), manual_weight: 0.0 },
            sections: durations.iter().map(section).collect(),
        }
    }

    #[test]
    fn sections_follow_each_other_and_none_outlives_the_deadline() {
        let s = session(&[100, 200, 300]);
        let t = Timeline { started_ms: 1000, deadline_ms: 1500, finished_ms: None, left_ms: vec![] };
        let w = |o, c| Window { opens_ms: o, closes_ms: c };
        assert_eq!(t.windows(&s), [w(1000, 1100), w(1100, 1300), w(1300, 1500)], "the last is cut at the deadline");
        assert_eq!(t.current(&s, 999), None);
        assert_eq!(t.current(&s, 1100), Some(1));
        assert_eq!(t.current(&s, 1500), None, "closed at the deadline itself");

        // Leaving the first section early moves the others up.
        let left = Timeline { left_ms: vec![Some(1040)], ..t.clone() };
        assert_eq!(left.windows(&s), [w(1000, 1040), w(1040, 1240), w(1240, 1500)]);
        let early = Timeline { left_ms: vec![Some(1010), Some(1020)], ..t.clone() };
        assert_eq!(early.windows(&s).last(), Some(&w(1020, 1320)));

        let finished = Timeline { finished_ms: Some(1150), ..t };
        assert_eq!(finished.windows(&s), [w(1000, 1100), w(1100, 1150), w(1150, 1150)]);
        assert_eq!(finished.current(&s, 1200), None);
    }
}
