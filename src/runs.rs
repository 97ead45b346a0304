//! Runs before submitting, as every interview platform has them: the candidate's code on the
//! problem's samples, or on an input of their own, not graded and not counted as a submission.
//!
//! A custom input is checked first (against the function's signature, for a function problem)
//! and its expected output comes from the problem's reference solution (`interview.yaml`'s
//! `reference`), run in a box of its own, so the candidate sees their output beside the right
//! one. An input the reference cannot answer (it fails or runs out of a limit on it) is the
//! candidate's to fix, not a judge error: the run says the input was refused. A reference that
//! does not compile is no input's doing: that is an internal error.

use crate::judge::{self, Event, JudgeError, JudgeOptions, Submission};
use crate::language::Language;
use crate::problem::{Problem, TestCase, TestGroup, TestItem};
use crate::verdict::JudgeResult;
use serde::{Deserialize, Serialize};

/// What a run runs on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RunInput {
    /// The problem's sample tests.
    Samples,
    /// One input of the candidate's.
    Custom(String),
}

/// Why a custom input is refused before anything runs.
pub fn check_input(problem: &Problem, input: &str) -> Result<(), String> {
    if problem.interview.database.as_ref().is_some_and(|db| db.task == crate::problem::database::Task::Schema) {
        // A schema test's answer is each step's expectation in the problem's words, which no
        // reference run can give.
        return Err(format!("{} is a schema task: it takes no input of your own; run the samples", problem.slug));
    }
    if problem.interview.kind == crate::problem::Kind::Api {
        // A scenario's expectations are the test: no reference server answers one of the
        // candidate's.
        return Err(format!("{} is an API problem: it takes no input of your own; run the samples", problem.slug));
    }
    if problem.interview.reference.is_none() {
        return Err(format!("{} has no reference solution, so it takes no input of your own; run the samples", problem.slug));
    }
    match problem.interview.signature() {
        Some(signature) => signature.check_input(input),
        None => Ok(()),
    }
}

/// The problem's reference solution, as a submission.
fn reference(problem: &Problem) -> Result<Submission, String> {
    let path = problem.dir.join(problem.interview.reference.as_ref().ok_or("no reference solution")?);
    Submission::from_file(&path, None, judge::DEFAULT_MAX_SOURCE_BYTES).map_err(|e| format!("the reference solution: {e}"))
}

/// Runs `submission` on `input`. Judging trouble is an `Err` as for [`judge::judge`]; an
/// input refused is a result with `invalid_input` set and no tests.
pub async fn run(
    sandbox: &crate::sandbox::Sandbox,
    problem: &Problem,
    submission: &Submission,
    input: &RunInput,
    options: &JudgeOptions,
    on_event: &mut (dyn FnMut(Event) + Send),
) -> Result<JudgeResult, JudgeError> {
    let custom = match input {
        RunInput::Samples => return judge::judge(sandbox, &samples_only(problem), submission, options, on_event).await,
        RunInput::Custom(input) => input,
    };
    if let Err(why) = check_input(problem, custom) {
        return Ok(JudgeResult::invalid_input(why));
    }
    let reference = reference(problem).map_err(|e| JudgeError::Unsupported(format!("{}: {e}", problem.dir.display())))?;
    let expected = match judge::produce(sandbox, problem, &reference, custom.as_bytes(), options.time_limit).await? {
        Ok(expected) => expected,
        Err(why) => {
            let why = format!("the reference solution cannot answer this input: {why}");
            return Ok(JudgeResult::invalid_input(why));
        }
    };
    let dir = tempfile::tempdir().map_err(|e| JudgeError::Unsupported(format!("a folder for the custom input: {e}")))?;
    let (input_path, answer_path) = (dir.path().join("custom.in"), dir.path().join("custom.ans"));
    std::fs::write(&input_path, custom)
        .and_then(|()| std::fs::write(&answer_path, &expected))
        .map_err(|e| JudgeError::Unsupported(format!("writing the custom input: {e}")))?;
    let case = TestCase { group: "sample".into(), name: "custom".into(), input: input_path, answer: answer_path, sample: true };
    let mut one = problem.clone();
    one.data.items = vec![TestItem::Group(TestGroup { path: "sample".into(), settings: Default::default(), items: vec![TestItem::Case(case)] })];
    judge::judge(sandbox, &one, submission, options, on_event).await
}

/// The problem with its sample tests only.
fn samples_only(problem: &Problem) -> Problem {
    let mut samples = problem.clone();
    samples.data.items.retain(|item| matches!(item, TestItem::Group(g) if g.path == "sample"));
    samples
}

/// Whether `language` may be used on `problem` (a run takes the languages a submission does).
pub fn allowed(problem: &Problem, language: Language) -> bool {
    problem.interview.languages().contains(&language)
}
