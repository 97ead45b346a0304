//! mockjudge: a mock-interview coding judge.
//!
//! The modules follow a submission's path:
//! - [`problem`]: Kattis-format problem folders (+ the `interview.yaml` sidecar) → [`problem::Problem`].
//! - [`language`]: how each language is compiled and run.
//! - [`sandbox`]: Docker boxes through bollard, their images, and the session with the
//!   in-container runner (`sandbox/runner`, the crate `mockjudge_runner`).
//! - [`judge`]: compile once, run every test in one box, check outside it.
//! - [`checker`]: the default token diff and custom validators.
//! - [`grader`]: Kattis' default grader, combining tests into group verdicts and scores.
//! - [`verdict`]: the verdicts and results every station shares.
//! - [`verify`]: verifyproblem: submissions against their folders, and the time limit.
//! - [`cli`]: the `mockjudge` command.

pub mod checker;
pub mod cli;
pub mod grader;
pub mod judge;
pub mod language;
pub mod problem;
pub mod sandbox;
pub mod verdict;
pub mod verify;
