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
//! - [`assessment`]: timed assessments (templates, sessions and their clock); [`grading`]: their
//!   reports by interview stage, arithmetic over judged results.
//!
//! The service around it, in the order a submission travels:
//! - [`api`]: the HTTP API (axum); [`view`]: what clients see of a submission; [`web`]: the
//!   candidates' and instructors' pages, served beside the API and calling it.
//! - [`progress`]: a submission's statuses and progress events, one vocabulary for all.
//! - [`store`]: Redis, the system of record, and its queue ([`store::queue`]).
//! - [`worker`]: takes jobs off the queue and judges them; [`callback`]: results POSTed back.
//! - [`catalog`]: the problems a service offers, reloaded when their folder changes.
//! - [`metrics`]: the Prometheus text; [`service`]: `serve`, `worker` and `up` wired together.
//! - [`commands`]: what each `mockjudge` command does (its flags are read in `src/main.rs`).

pub mod api;
pub mod assessment;
pub mod callback;
pub mod catalog;
pub mod checker;
pub mod commands;
pub mod grader;
pub mod grading;
pub mod judge;
pub mod kinds;
pub mod language;
pub mod metrics;
pub mod problem;
pub mod progress;
pub mod runs;
pub mod sandbox;
pub mod service;
pub mod store;
pub mod verdict;
pub mod verify;
pub mod view;
pub mod web;
pub mod worker;
