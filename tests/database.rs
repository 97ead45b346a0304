//! Database problems on SQLite (and a schema task on both engines), in real boxes: accepted queries (one with statements before the
//! last), wrong answers (a join that drops rows, rows in the wrong order when the reference
//! orders them), NULL kept apart from 0, a compile error with the database's message, a
//! run-time error, a query that runs forever (TLE within the wall limit), and SQL that reaches
//! for files or switches the schema's rules off (refused with a message); and schema design,
//! each statement of a test held to its expectation (succeeds, a named violation, given rows,
//! a plan that finds rows through an index).

mod common;

use common::{fixture, judge_file, options, sandbox};
use mockjudge::judge::{self, Submission};
use mockjudge::language::Language;
use mockjudge::problem::Problem;
use mockjudge::runs;
use mockjudge::verdict::{JudgeResult, Verdict};
use std::time::{Duration, Instant};

async fn judge(what: &str) -> JudgeResult {
    let sandbox = sandbox().await;
    judge_file(&sandbox, &fixture("database/totals"), &fixture(&format!("database/totals/submissions/{what}.sql"))).await
}

#[tokio::test]
async fn accepted_queries_pass_every_test() {
    for what in ["accepted/left_join", "accepted/subquery"] {
        let result = judge(what).await;
        assert_eq!(result.verdict, Verdict::AC, "{what}: {result:?}");
        assert_eq!(result.tests.len(), 4);
        // Rows as tables; column names compare case-insensitively (subquery's is "Total").
        let sample = result.tests[0].sample.as_ref().unwrap();
        assert_eq!(sample.expected, "name | total\nann | 55\nbo | 50\ncy | 0\n");
        assert_eq!(sample.output.to_lowercase(), sample.expected, "{what}");
    }
}

#[tokio::test]
async fn wrong_rows_and_a_wrong_order_are_wrong_answers_that_say_how() {
    let result = judge("wrong_answer/inner_join").await;
    assert_eq!((result.verdict, result.tests[0].message.as_deref()), (Verdict::WA, Some("2 rows, expected 3")), "{result:?}");
    // Sorted by name: right on the sample and the ties, wrong where the totals differ.
    let result = judge("wrong_answer/no_order").await;
    assert_eq!(result.verdict, Verdict::WA, "{result:?}");
    let failed = result.tests.iter().find(|t| t.verdict == Verdict::WA).unwrap();
    assert_eq!((failed.name.as_str(), failed.message.as_deref()), ("2-no-orders", Some("row 1 is (\"ann\", 0), expected (\"bo\", 7)")));
}

#[tokio::test]
async fn a_compile_error_quotes_the_database_and_a_failing_statement_is_a_run_time_error() {
    let result = judge("compile_error/typo").await;
    assert_eq!(result.verdict, Verdict::CE, "{result:?}");
    assert_eq!(result.compile_output.as_deref(), Some("statement 1: no such column: c.idd"));
    let result = judge("run_time_error/overflow").await;
    assert_eq!(result.verdict, Verdict::RTE, "{result:?}");
    assert_eq!(result.tests[0].message.as_deref(), Some("exit code 1: statement 1: integer overflow"));
}

#[tokio::test]
async fn a_query_that_never_ends_is_a_time_limit_exceeded_not_a_compile_error() {
    let started = Instant::now();
    let result = judge("time_limit_exceeded/endless").await;
    assert_eq!(result.verdict, Verdict::TLE, "{result:?}");
    assert!(started.elapsed().as_secs() < 2 * 3 + 10, "within the wall limit: {:?}", started.elapsed());
}

/// CREATE TABLE ... AS runs in the check: a query there that never ends used to hold the
/// compile step for its whole limit (a minute of CPU) and end as a compile error.
#[tokio::test]
async fn a_table_made_by_a_query_that_never_ends_is_the_tests_to_time() {
    let started = Instant::now();
    let result = judge("time_limit_exceeded/endless_table").await;
    assert_eq!(result.verdict, Verdict::TLE, "{result:?}");
    assert!(started.elapsed().as_secs() < 2 + 2 * 3 + 10, "{:?}", started.elapsed());
}

/// A custom input runs before the reference solution in its box: a view in place of a table,
/// over sqlite_stmt or sqlite_master, showed the reference's SQL as the expected rows.
#[tokio::test]
async fn a_custom_input_cannot_show_the_reference_solution() {
    let sandbox = sandbox().await;
    let problem = Problem::load(&fixture("database/totals")).unwrap_or_else(|e| panic!("{e}"));
    let source = std::fs::read_to_string(fixture("database/totals/submissions/accepted/subquery.sql")).unwrap();
    let candidate = Submission::new(Language::Sqlite, source, judge::DEFAULT_MAX_SOURCE_BYTES).unwrap();
    for input in [
        "CREATE TEMP VIEW customers AS SELECT 1 AS id, sql AS name FROM sqlite_stmt;",
        "CREATE TEMP VIEW customers AS SELECT rowid AS id, sql AS name FROM sqlite_temp_master;",
        "DROP TABLE orders; DROP TABLE customers; CREATE VIRTUAL TABLE customers USING fts4(id, name, content=\"sqlite_master\");",
        "SELECT fts3_tokenizer('evil', X'4141414141414141');",
    ] {
        let custom = runs::RunInput::Custom(input.into());
        let result = runs::run(&sandbox, &problem, &candidate, &custom, &options(Duration::from_secs(2)), &mut |_| {}).await.unwrap();
        let why = result.invalid_input.clone().unwrap_or_else(|| panic!("{input}: not refused: {result:?}"));
        assert!(why.contains("is not allowed there"), "{input}: {why}");
        assert!(!why.contains("COALESCE") && !why.contains("Every customer"), "{input}: {why}");
    }
}

/// A schema test's answer is its steps' expectations, which a reference run cannot give: a
/// custom input was an internal error (the reference's steps as text read as the answer).
#[tokio::test]
async fn a_schema_task_takes_no_custom_input() {
    let sandbox = sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("shop-schema");
    common::copy_dir(&fixture("database/shop-schema"), &root);
    let yaml = std::fs::read_to_string(root.join("interview.yaml")).unwrap();
    std::fs::write(root.join("interview.yaml"), yaml + "reference: submissions/accepted/constraints.sql\n").unwrap();
    let problem = Problem::load(&root).unwrap_or_else(|e| panic!("{e}"));
    let source = std::fs::read_to_string(root.join("submissions/accepted/constraints.sql")).unwrap();
    let candidate = Submission::new(Language::Sqlite, source, judge::DEFAULT_MAX_SOURCE_BYTES).unwrap();
    let custom = runs::RunInput::Custom("SELECT count(*) FROM users;\n".into());
    let result = runs::run(&sandbox, &problem, &candidate, &custom, &options(Duration::from_secs(2)), &mut |_| {}).await.unwrap();
    assert!(result.invalid_input.as_deref().is_some_and(|w| w.contains("schema task")), "{result:?}");
}

#[tokio::test]
async fn sql_that_reaches_for_files_or_switches_rules_off_is_refused() {
    for (what, said) in [
        ("hostile/attach", "statement 1: ATTACH is not allowed here"),
        ("hostile/pragma", "statement 1: PRAGMA is not allowed here"),
        ("hostile/readfile", "statement 1: no such function: readfile"),
        // Debian's SQLite hands out and takes code pointers (a crash, before: SIGSEGV).
        ("hostile/fts3_tokenizer", "statement 1: fts3_tokenizer() is not allowed here"),
        ("hostile/sqlite_stmt", "statement 1: sqlite_stmt is not allowed here"),
    ] {
        let result = judge(what).await;
        assert_eq!((result.verdict, result.compile_output.as_deref()), (Verdict::CE, Some(said)), "{what}");
    }
}

/// The same steps hold a schema on either engine, with the same words: SQLite's result codes
/// are mapped to PostgreSQL's SQLSTATEs, and PostgreSQL's plan is read into SQLite's words.
#[tokio::test]
async fn a_schema_is_held_to_each_steps_expectation_in_the_problems_words() {
    let sandbox = sandbox().await;
    let problem = fixture("database/shop-schema");
    for ext in ["sql", "pgsql"] {
        let path = |what: &str| fixture(&format!("database/shop-schema/submissions/{what}.{ext}"));
        let result = judge_file(&sandbox, &problem, &path("accepted/constraints")).await;
        assert_eq!(result.verdict, Verdict::AC, "{ext}: unique, not null, foreign key, check, a refused delete and an index: {result:?}");
        for (what, said) in [
            ("wrong_answer/no_unique", "step 2: a second user with the same email is refused: expected unique_violation, but it succeeded"),
            ("wrong_answer/cascade", "step 7: deleting a user with orders is refused: expected 23, but it succeeded"),
            ("wrong_answer/no_index", "step 8: a user's orders are found through an index, not by reading them all: the plan does not narrow its search of orders with an index (SCAN orders)"),
        ] {
            let result = judge_file(&sandbox, &problem, &path(what)).await;
            let failed = result.tests.iter().find(|t| t.verdict != Verdict::AC).unwrap();
            assert_eq!((result.verdict, failed.message.as_deref()), (Verdict::WA, Some(said)), "{ext} {what}");
        }
    }
}

#[tokio::test]
async fn a_plan_step_is_not_passed_by_a_view_that_searches_the_table_by_its_key() {
    // The shipped index problem: orders renamed and replaced by a view that reads it "by its key"
    // (WHERE id >= the smallest integer, aliased orders) with INSTEAD OF triggers for the writes.
    // Every plan said SEARCH orders USING INTEGER PRIMARY KEY (rowid>?), and with no index at
    // all the submission was accepted; the last step of each test now lists what is not an index.
    let sandbox = sandbox().await;
    let problem = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("problems/index-for-order-lookup");
    let result = judge_file(&sandbox, &problem, &problem.join("submissions/wrong_answer/view_searched_by_its_key.sql")).await;
    assert_eq!(result.verdict, Verdict::WA, "{result:?}");
    assert!(result.tests.iter().all(|t| t.verdict == Verdict::WA), "every test: {result:?}");
    let said = result.tests[0].message.as_deref().unwrap();
    assert!(said.starts_with("step 7: only indexes were added"), "{said}");
}

/// A reference solution that does not compile is the problem's fault whatever the input: it was
/// a refused input ("the reference solution cannot answer this input"), which /metrics does not
/// count as IE, so a broken problem hid there.
#[tokio::test]
async fn a_reference_that_does_not_compile_is_an_internal_error_not_a_refused_input() {
    let sandbox = sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("totals");
    common::copy_dir(&fixture("database/totals"), &root);
    std::fs::copy(root.join("submissions/compile_error/typo.sql"), root.join("submissions/accepted/left_join.sql")).unwrap();
    let problem = Problem::load(&root).unwrap_or_else(|e| panic!("{e}"));
    let source = std::fs::read_to_string(root.join("submissions/accepted/subquery.sql")).unwrap();
    let candidate = Submission::new(Language::Sqlite, source, judge::DEFAULT_MAX_SOURCE_BYTES).unwrap();
    let custom = runs::RunInput::Custom("INSERT INTO customers VALUES (1, 'ann');\n".into());
    let result = runs::run(&sandbox, &problem, &candidate, &custom, &options(Duration::from_secs(2)), &mut |_| {}).await;
    let why = result.map(|r| format!("{r:?}")).unwrap_err().to_string();
    assert!(why.starts_with("the reference solution did not compile"), "{why}");
}
