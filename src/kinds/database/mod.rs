//! Database problems: the candidate's SQL runs against the problem's tables in the box, and the
//! rows it returns are compared outside with the problem's options
//! ([`crate::checker::result_set`]).
//!
//! SQLite runs inside a small Python program of ours ([`SQLITE_RUNNER`], `sqlite.py`) through
//! Python's own `sqlite3` module, never the `sqlite3` shell, whose dot commands read and write
//! files. Before the tests, the statements run once on the empty tables, so a syntax error or an
//! unknown column is a compile error with the database's message. Each test then starts from a
//! fresh in-memory database: the schema, the test's data (its `.in`), the candidate's
//! statements; the last statement's rows go to the result file ([`RESULT_FILE`]). A failing
//! statement is a run-time error that quotes the database. The runner exits 2 when the
//! problem's own schema or data fail, which is the problem's fault (an internal error).
//!
//! PostgreSQL runs as the box's service, a server that lives across the tests
//! ([`POSTGRES_RUNNER`], `postgres.py`, which starts it, readies a database for each test in a
//! run of its own, runs the candidate's SQL through psycopg2 as an unprivileged role, and
//! resets the server after a run the runner had to stop). Its SQLSTATEs are its own; its plans
//! are read into the words of SQLite's.
//!
//! For a schema task the candidate's statements build the tables, and each statement of a test
//! then runs on its own; the runner reports what each did (its rows, or the error's name), and
//! [`check`] holds that against the test's steps ([`Step`]): a named violation is mapped from
//! SQLite's extended result codes (with `PRAGMA foreign_keys = ON`) to the SQLSTATE PostgreSQL
//! gives it, so a problem's steps read the same on every engine.

use super::{Program, Service};
use crate::checker::result_set::{self, ResultSet};
use crate::checker::Check;
use crate::language::Language;
use crate::problem::database::{Database, Step, Task, VIOLATIONS};
use mockjudge_runner::WORK_DIR;
use serde::Deserialize;
use serde_json::Value;
use std::time::Duration;

/// Where the runner writes the rows, in the run's directory.
pub use super::function::RESULT_FILE;

/// The SQLite runner, written to the box as `mj_sqlite.py`.
const SQLITE_RUNNER: &str = include_str!("sqlite.py");
/// The PostgreSQL runner (it also starts and resets the server), written as `mj_postgres.py`.
const POSTGRES_RUNNER: &str = include_str!("postgres.py");
const SCHEMA_FILE: &str = "schema.sql";

/// The exit code of the runner when the problem's own schema or data fail.
pub const PROBLEM_FAILED: i32 = 2;

/// The candidate's SQL, the engine's runner and the problem's schema, ready for the box. A
/// PostgreSQL box also gets its server, with a statement timeout past the test's wall time (a
/// backstop: the runner's own limits come first) and temporary files and data within
/// `memory_mib` more.
pub fn program(language: Language, source: &str, database: &Database, memory_mib: u64, wall: Duration) -> Program {
    let mut program = super::plain(language, source, memory_mib);
    let (runner_file, runner) = match language {
        Language::Postgresql => ("mj_postgres.py", POSTGRES_RUNNER),
        _ => ("mj_sqlite.py", SQLITE_RUNNER),
    };
    if database.task == Task::Schema {
        // The runner's mode, after its path: the test's statements one by one.
        program.run[2] = "steps".into();
    }
    if language == Language::Postgresql {
        let timeout_ms = (wall + Duration::from_secs(1)).as_millis().to_string();
        let runner_path = format!("{WORK_DIR}/{runner_file}");
        program.run.push(timeout_ms.clone());
        // A schema task's input is its steps, which the timed run takes: nothing to load.
        let load = if database.task == Task::Schema { "none" } else { "data" };
        program.service = Some(Service {
            start: vec!["python3".into(), runner_path.clone(), "serve".into(), timeout_ms, memory_mib.to_string()],
            prepare: vec!["python3".into(), runner_path.clone(), "prepare".into(), load.into()],
            reset: vec!["python3".into(), runner_path, "reset".into()],
            dir_mib: memory_mib + SERVER_DATA_MIB,
        });
    }
    program.files.push((runner_file.into(), runner.into()));
    program.files.push((SCHEMA_FILE.into(), database.schema_sql.clone()));
    program
}

/// Room for the server's own files besides the tests' tables and temporary files: its data
/// directory as the image made it (about 30 MiB), the template and the test's clone of it, its
/// log, and the WAL it keeps from one test to the next (recycled segments, up to about
/// `max_wal_size`, and past it while a checkpoint catches up). The tmpfs is only a cap (what is
/// written counts as memory): with this room a run that writes reaches its memory limit (MLE)
/// before the disk is full, which for the WAL is a PANIC that restarts the server under the
/// next tests.
const SERVER_DATA_MIB: u64 = 256;

/// What one statement of a schema test did.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum StepOutcome {
    Rows {
        rows: Vec<Vec<Value>>,
        /// How the database ran it (EXPLAIN QUERY PLAN's lines).
        #[serde(default)]
        plan: Vec<String>,
    },
    Failed { error: String, message: String },
}

/// What the candidate's SQL gave on a test.
#[derive(Debug, Clone, PartialEq)]
pub enum Got {
    /// A query's rows, and how the database ran it (EXPLAIN QUERY PLAN's lines).
    Rows(ResultSet, Vec<String>),
    /// What each statement of a schema test did.
    Steps(Vec<StepOutcome>),
}

/// Reads the result file as the problem's task has it.
pub fn read_result(database: &Database, result: Option<&[u8]>) -> Result<Got, String> {
    let bytes = result.ok_or("the run ended before writing its result")?;
    let unreadable = |e: serde_json::Error| format!("the result could not be read ({e}); was it written over?");
    Ok(match database.task {
        Task::Query => {
            #[derive(Deserialize)]
            struct Query {
                #[serde(flatten)]
                result: ResultSet,
                #[serde(default)]
                plan: Vec<String>,
            }
            let query: Query = serde_json::from_slice(bytes).map_err(unreadable)?;
            Got::Rows(query.result, query.plan)
        }
        Task::Schema => {
            #[derive(Deserialize)]
            struct Steps {
                steps: Vec<StepOutcome>,
            }
            Got::Steps(serde_json::from_slice::<Steps>(bytes).map_err(unreadable)?.steps)
        }
    })
}

/// Checks what the SQL gave against a test's `.ans`: the expected result set, or the steps'
/// expectations. `Err` means the `.ans` does not fit the problem.
pub fn check(database: &Database, answer: &[u8], got: &Got) -> Result<Check, String> {
    match got {
        Got::Rows(rows, plan) => {
            let expected: ResultSet = serde_json::from_slice(answer).map_err(|e| format!("not a result set: {e}"))?;
            let check = result_set::check(&expected, rows, &database.compare, database.ordered_rows);
            let broken = database.plan.as_ref().and_then(|rule| rule.broken_by(plan)).filter(|_| check.accepted);
            Ok(broken.map_or(check, |why| Check::reject(format!("right rows, but {why}"))))
        }
        Got::Steps(outcomes) => {
            let steps: Vec<Step> = serde_json::from_slice(answer).map_err(|e| format!("not a list of steps: {e}"))?;
            if steps.len() != outcomes.len() {
                return Err(format!("{} steps for {} statements", steps.len(), outcomes.len()));
            }
            for (i, (step, outcome)) in steps.iter().zip(outcomes).enumerate() {
                if let Some(why) = step_fails(step, outcome, database) {
                    return Ok(Check::reject(format!("step {}: {}: {why}", i + 1, step.says)));
                }
            }
            Ok(Check::accept())
        }
    }
}

/// Why a statement's outcome does not meet its step, if it does not.
fn step_fails(step: &Step, outcome: &StepOutcome, database: &Database) -> Option<String> {
    match (step.expect.as_str(), outcome) {
        ("ok", StepOutcome::Rows { .. }) => None,
        ("plan", StepOutcome::Rows { plan, .. }) => step.plan.broken_by(plan),
        ("rows", StepOutcome::Rows { rows, .. }) => {
            let as_set = |rows: &[Vec<Value>]| ResultSet { columns: vec![String::new(); rows.first().map_or(0, Vec::len)], rows: rows.to_vec() };
            let expected = step.rows.as_deref().unwrap_or_default();
            let compare = crate::problem::database::ResultCompare {
                columns: crate::problem::database::Columns { names: crate::problem::database::ColumnNames::Ignore, ..Default::default() },
                ..database.compare
            };
            let check = result_set::check(&as_set(expected), &as_set(rows), &compare, false);
            check.message.filter(|_| !check.accepted)
        }
        (_, StepOutcome::Failed { message, .. }) if matches!(step.expect.as_str(), "ok" | "rows" | "plan") => {
            Some(format!("expected it to succeed, but it failed: {message}"))
        }
        (expected, StepOutcome::Rows { .. }) => Some(format!("expected {expected}, but it succeeded")),
        (expected, StepOutcome::Failed { error, message }) => {
            let state = sqlstate(error);
            let wanted = VIOLATIONS.iter().find(|(name, _)| *name == expected).map_or(expected, |(_, code)| code);
            (!state.starts_with(wanted)).then(|| format!("expected {expected}, but it failed otherwise: {message}"))
        }
    }
}

/// The SQLSTATE of an error: PostgreSQL's own, or the one PostgreSQL gives the error SQLite
/// names `error` (its extended result code).
fn sqlstate(error: &str) -> &str {
    match error {
        e if e.len() == 5 && e.bytes().all(|b| b.is_ascii_digit() || b.is_ascii_uppercase()) => e,
        "SQLITE_CONSTRAINT_UNIQUE" | "SQLITE_CONSTRAINT_PRIMARYKEY" => "23505",
        "SQLITE_CONSTRAINT_FOREIGNKEY" => "23503",
        "SQLITE_CONSTRAINT_NOTNULL" => "23502",
        "SQLITE_CONSTRAINT_CHECK" => "23514",
        e if e.starts_with("SQLITE_CONSTRAINT") => "23000",
        _ => "XX000",
    }
}

/// What the SQL gave, as text for samples: rows as a table, or each step's outcome.
pub fn shown(got: &Got) -> String {
    match got {
        Got::Rows(rows, _) => table(rows),
        Got::Steps(outcomes) => outcomes
            .iter()
            .enumerate()
            .map(|(i, o)| match o {
                StepOutcome::Rows { rows, .. } => format!("step {}: ok, {}\n", i + 1, result_set::count(rows.len(), "row")),
                StepOutcome::Failed { message, .. } => format!("step {}: failed: {message}\n", i + 1),
            })
            .collect(),
    }
}

/// A result set as a text table, for samples: what the candidate's rows and the expected ones
/// look like side by side.
pub fn table(rows: &ResultSet) -> String {
    let cell = |v: &serde_json::Value| match v {
        serde_json::Value::Null => "NULL".to_string(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let mut lines = vec![rows.columns.join(" | ")];
    lines.extend(rows.rows.iter().map(|r| r.iter().map(cell).collect::<Vec<_>>().join(" | ")));
    lines.join("\n") + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn schema_task() -> Database {
        serde_yaml::from_str("task: schema\n").unwrap()
    }

    fn step(expect: &str) -> Step {
        Step { expect: expect.into(), rows: None, plan: Default::default(), says: "it".into() }
    }

    fn failed(error: &str) -> StepOutcome {
        StepOutcome::Failed { error: error.into(), message: "constraint failed".into() }
    }

    #[test]
    fn a_violation_matches_by_name_sqlstate_or_class() {
        let db = schema_task();
        let unique = failed("SQLITE_CONSTRAINT_UNIQUE");
        for expect in ["unique_violation", "23505", "23"] {
            assert_eq!(step_fails(&step(expect), &unique, &db), None, "{expect}");
        }
        assert!(step_fails(&step("unique_violation"), &failed("SQLITE_CONSTRAINT_PRIMARYKEY"), &db).is_none(), "a key is unique");
        let e = step_fails(&step("foreign_key_violation"), &unique, &db).unwrap();
        assert_eq!(e, "expected foreign_key_violation, but it failed otherwise: constraint failed");
        assert!(step_fails(&step("ok"), &unique, &db).unwrap().starts_with("expected it to succeed"));
        assert!(step_fails(&step("23"), &failed("SQLITE_ERROR"), &db).is_some(), "a syntax error is no violation");
        let ok = StepOutcome::Rows { rows: vec![], plan: vec![] };
        assert_eq!(step_fails(&step("check_violation"), &ok, &db).unwrap(), "expected check_violation, but it succeeded");
    }

    #[test]
    fn rows_steps_compare_in_any_order_and_the_feedback_names_the_step() {
        let db = schema_task();
        let rows = Step { expect: "rows".into(), rows: Some(vec![vec![json!(1)], vec![json!(2)]]), plan: Default::default(), says: "both kept".into() };
        let got = |rows: Vec<Vec<Value>>| StepOutcome::Rows { rows, plan: vec![] };
        assert!(step_fails(&rows, &got(vec![vec![json!(2)], vec![json!(1)]]), &db).is_none());
        assert!(step_fails(&rows, &got(vec![vec![json!(2)]]), &db).is_some());
        let answer = br#"[{"expect": "ok", "says": "a user can be added"}, {"expect": "rows", "rows": [[1]], "says": "one user"}]"#;
        let got = Got::Steps(vec![StepOutcome::Rows { rows: vec![], plan: vec![] }, StepOutcome::Rows { rows: vec![vec![json!(2)]], plan: vec![] }]);
        let c = check(&db, answer, &got).unwrap();
        assert_eq!(c.message.as_deref(), Some("step 2: one user: a row is (2), expected (1) (rows in any order)"));
        assert!(check(&db, answer, &Got::Steps(vec![])).unwrap_err().contains("2 steps for 0 statements"));
    }
}
