//! The README's worked example, and the rules one at a time.

use super::*;
use crate::assessment::session::{SessionProblem, SessionSection};
use crate::assessment::template::Rubric;
use crate::verdict::TestResult;

fn marks(strong: f64, pass: f64, borderline: f64) -> Marks {
    Marks { strong, pass, borderline }
}

fn problem(slug: &str, kind: Kind, weight: f64, tests: usize, levels: &[&str]) -> SessionProblem {
    SessionProblem {
        slug: Slug::parse(slug).unwrap(),
        title: slug.into(),
        kind,
        weight,
        drawn: false,
        languages: vec![Language::Python],
        tests,
        security_tests: 0,
        levels: levels.iter().map(|l| l.to_string()).collect(),
        complexity: None,
    }
}

/// The README's template: mid level, three stages, manual scores a quarter of a stage's grade.
fn readme_session() -> Session {
    let section = |stage, progressive, problems| SessionSection { stage, duration_ms: 1, progressive, problems };
    let levels = ["secret/level1", "secret/level2", "secret/level3", "secret/level4"];
    Session {
        id: Uuid::nil(),
        template: "backend-mid".into(),
        name: "Backend loop".into(),
        level: Level::Mid,
        candidate: "Ada".into(),
        owner: "c_1".into(),
        seed: 7,
        created_ms: 0,
        duration_ms: 3,
        graded: Graded::Last,
        candidate_report: false,
        rubric: Rubric {
            marks: [
                (Level::Entry, marks(80.0, 50.0, 35.0)),
                (Level::Mid, marks(85.0, 65.0, 50.0)),
                (Level::Senior, marks(90.0, 80.0, 65.0)),
            ]
            .into(),
            manual_weight: 0.25,
        },
        sections: vec![
            section(Stage::PhoneScreen, false, vec![problem("two-sum", Kind::Algorithm, 1.0, 10, &[])]),
            section(Stage::CodingAssessment, true, vec![problem("in-memory-db", Kind::Algorithm, 1.0, 24, &levels)]),
            section(
                Stage::TechnicalInterview,
                false,
                vec![problem("customer-order-totals", Kind::Database, 1.0, 10, &[]), problem("items-crud", Kind::Api, 2.0, 10, &[])],
            ),
        ],
    }
}

/// A judged result: `passed` of each group's `total` tests accepted (the rest wrong), plus a
/// passing sample.
fn result(groups: &[(&str, usize, usize)]) -> JudgeResult {
    let test = |group: &str, i: usize, verdict| TestResult {
        group: group.into(),
        name: format!("{i:02}"),
        category: Category::Correctness,
        verdict,
        cpu_ms: 10,
        wall_ms: 10,
        memory_kib: 0,
        score: None,
        message: None,
        sample: None,
    };
    let mut r = JudgeResult::internal_error(String::new());
    r.message = None;
    r.tests.push(test("sample", 1, Verdict::AC));
    for (group, passed, total) in groups {
        r.tests.extend((0..*total).map(|i| test(group, i, if i < *passed { Verdict::AC } else { Verdict::WA })));
    }
    r.verdict = r.tests.iter().map(|t| t.verdict).find(|v| !v.is_accepted()).unwrap_or(Verdict::AC);
    r
}

fn attempt(problem: &str, received_ms: u64, result: Option<JudgeResult>) -> Attempt {
    Attempt { id: Uuid::new_v4(), problem: Slug::parse(problem).unwrap(), language: Language::Python, received_ms, result }
}

#[test]
fn the_readme_example_grades_as_the_readme_says() {
    let session = readme_session();
    let attempts = [
        // A wrong first try, then accepted: `last` grades the second.
        attempt("two-sum", 100, Some(result(&[("secret", 4, 10)]))),
        attempt("two-sum", 200, Some(result(&[("secret", 10, 10)]))),
        // Levels 1 and 2 whole, 2 of level 3's 6 tests, level 4's tests all pass but do not count.
        attempt("in-memory-db", 300, Some(result(&[("secret/level1", 6, 6), ("secret/level2", 6, 6), ("secret/level3", 2, 6), ("secret/level4", 6, 6)]))),
        attempt("customer-order-totals", 400, Some(result(&[("secret", 8, 10)]))),
        attempt("items-crud", 500, Some(result(&[("secret", 5, 10)]))),
    ];
    let opened = [(Slug::parse("two-sum").unwrap(), 40)].into();
    let reviews = [(Stage::TechnicalInterview, Review { score: Some(80.0), notes: Some("clear API design".into()) })].into();
    let report = report(&Evidence { session: &session, attempts: &attempts, opened: &opened, reviews: &reviews, integrity: &[], finished: true });

    let stages: Vec<(f64, f64, Band)> = report.stages.iter().map(|s| (s.score, s.grade, s.band)).collect();
    assert_eq!(stages, [(100.0, 100.0, Band::Pass), (58.3, 58.3, Band::Borderline), (60.0, 65.0, Band::Pass)]);
    assert_eq!(report.recommendation, Recommendation::LeanNoHire);
    assert_eq!(report.level, Some(Level::Entry));
    assert!(report.is_final);

    let levels: Vec<(usize, bool)> = report.stages[1].problems[0].levels.iter().map(|l| (l.passed, l.counted)).collect();
    assert_eq!(levels, [(6, true), (6, true), (2, true), (6, false)]);
    let two_sum = &report.stages[0].problems[0];
    assert_eq!((two_sum.attempts.len(), two_sum.graded.as_ref().unwrap().received_ms, two_sum.time_to_graded_ms), (2, 200, Some(160)));
    assert_eq!(two_sum.best.as_ref().unwrap().received_ms, 200);
    let crud = &report.stages[2].problems[1];
    assert_eq!((crud.score, crud.failed_tests.len()), (50.0, 5));

    let skills: Vec<(Skill, f64)> = report.skills.iter().map(|s| (s.skill, s.share)).collect();
    assert_eq!(skills, [(Skill::Algorithms, 79.2), (Skill::Apis, 50.0), (Skill::Databases, 80.0)]);
    assert_eq!(report.practise, [Skill::Apis]);
    assert_eq!(report.reasons[1], "coding-assessment: 58.3, borderline against mid's marks (pass 65, borderline 50)");
    assert_eq!(report.reasons[2], "technical-interview: 60 automatic and 80 manual at 0.25 share: 65, pass against mid's marks (pass 65, borderline 50)");
    assert_eq!(report.reasons[3], "lean no hire: coding-assessment borderline");
}

#[test]
fn a_level_counts_only_once_every_earlier_level_passes() {
    let session = readme_session();
    let db = &session.sections[1].problems[0];
    // Level 1 has one wrong test: levels 2 to 4, all passed, count nothing.
    let (score, levels) = score::score(db, &result(&[("secret/level1", 5, 6), ("secret/level2", 6, 6), ("secret/level3", 6, 6), ("secret/level4", 6, 6)]));
    assert_eq!(levels.iter().map(|l| l.counted).collect::<Vec<_>>(), [true, false, false, false]);
    assert!((score - 5.0 / 24.0).abs() < 1e-9, "{score}");
    // With level 1 whole, level 2 counts.
    let (score, _) = score::score(db, &result(&[("secret/level1", 6, 6), ("secret/level2", 3, 6), ("secret/level3", 6, 6)]));
    assert!((score - 1.5 / 4.0).abs() < 1e-9, "{score}");
}

#[test]
fn judge_errors_are_never_graded_and_a_later_submission_in_the_queue_keeps_the_report_open() {
    let session = readme_session();
    let mut ie = result(&[]);
    ie.verdict = Verdict::IE;
    let attempts = [
        attempt("two-sum", 100, Some(result(&[("secret", 7, 10)]))),
        attempt("two-sum", 200, Some(ie)),
        attempt("two-sum", 300, None),
    ];
    let report = report(&Evidence { session: &session, attempts: &attempts, opened: &BTreeMap::new(), reviews: &BTreeMap::new(), integrity: &[], finished: true });
    let two_sum = &report.stages[0].problems[0];
    assert_eq!((two_sum.score, two_sum.graded.as_ref().unwrap().received_ms), (70.0, 100));
    assert!(!report.is_final, "the submission at 300 may still change the grade");
    assert_eq!(report.recommendation, Recommendation::NoHire, "stages without submissions score 0");
    assert_eq!(report.level, None);
}

#[test]
fn best_grades_the_highest_score_and_the_first_of_equals() {
    let mut session = readme_session();
    session.graded = Graded::Best;
    let attempts = [
        attempt("two-sum", 100, Some(result(&[("secret", 9, 10)]))),
        attempt("two-sum", 200, Some(result(&[("secret", 9, 10)]))),
        attempt("two-sum", 300, Some(result(&[("secret", 2, 10)]))),
    ];
    let report = report(&Evidence { session: &session, attempts: &attempts, opened: &BTreeMap::new(), reviews: &BTreeMap::new(), integrity: &[], finished: false });
    let two_sum = &report.stages[0].problems[0];
    assert_eq!((two_sum.score, two_sum.graded.as_ref().unwrap().received_ms), (90.0, 100));
}

#[test]
fn manual_scores_count_only_when_the_rubric_gives_them_a_share() {
    let mut session = readme_session();
    session.rubric.manual_weight = 0.0;
    let attempts = [attempt("two-sum", 100, Some(result(&[("secret", 6, 10)])))];
    let reviews = [(Stage::PhoneScreen, Review { score: Some(100.0), notes: None })].into();
    let report = report(&Evidence { session: &session, attempts: &attempts, opened: &BTreeMap::new(), reviews: &reviews, integrity: &[], finished: true });
    let phone = &report.stages[0];
    assert_eq!((phone.score, phone.grade, phone.band), (60.0, 60.0, Band::Borderline));
    assert_eq!(phone.review.as_ref().and_then(|r| r.score), Some(100.0), "shown all the same");
}
