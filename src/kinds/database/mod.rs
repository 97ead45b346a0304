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

use super::Program;
use crate::checker::result_set::{self, ResultSet};
use crate::checker::Check;
use crate::language::Language;
use crate::problem::database::Database;

/// Where the runner writes the rows, in the run's directory.
pub use super::function::RESULT_FILE;

/// The SQLite runner, written to the box as `mj_sqlite.py`.
const SQLITE_RUNNER: &str = include_str!("sqlite.py");
const RUNNER_FILE: &str = "mj_sqlite.py";
const SCHEMA_FILE: &str = "schema.sql";

/// The exit code of the runner when the problem's own schema or data fail.
pub const PROBLEM_FAILED: i32 = 2;

/// The candidate's SQL, the runner and the problem's schema, ready for the box.
pub fn program(language: Language, source: &str, schema: &str, memory_mib: u64) -> Program {
    let mut program = super::plain(language, source, memory_mib);
    program.files.push((RUNNER_FILE.into(), SQLITE_RUNNER.into()));
    program.files.push((SCHEMA_FILE.into(), schema.into()));
    program
}

/// Reads the result file: the columns and rows of the candidate's last statement.
pub fn read_result(result: Option<&[u8]>) -> Result<ResultSet, String> {
    let bytes = result.ok_or("the last statement returned no rows (the run ended before writing them)")?;
    serde_json::from_slice(bytes).map_err(|e| format!("the rows could not be read ({e}); was the result written over?"))
}

/// Checks the rows against the expected result set, a test's `.ans`.
pub fn check(database: &Database, answer: &[u8], got: &ResultSet) -> Result<Check, String> {
    let expected: ResultSet = serde_json::from_slice(answer).map_err(|e| format!("not a result set: {e}"))?;
    Ok(result_set::check(&expected, got, &database.compare, database.ordered_rows))
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
