//! Database problems on PostgreSQL, in real boxes: the server the box keeps across the tests,
//! accepted and wrong queries, a compile error with the server's message, a run-time error,
//! queries that run forever or sleep with the server's statement timeout switched off (TLE
//! within the wall limit, and the next test finds the server idle and its database clean),
//! hostile SQL refused with the server's word for it (files, programs, ALTER SYSTEM, extensions,
//! roles), a temporary table that would fill the server's disk (counted as the run's memory),
//! state a test tries to leave for the next, plans that must be of the statement whose rows
//! they give, and a custom input that cannot plant a view for the reference solution to run.
//! (tests/database.rs holds a schema task to the same steps on both engines.)

mod common;

use common::{assert_no_containers_left, fixture, judge_file, options, sandbox};
use mockjudge::judge::{self, Submission};
use mockjudge::language::Language;
use mockjudge::problem::Problem;
use mockjudge::runs;
use mockjudge::verdict::{JudgeResult, Verdict};
use std::time::{Duration, Instant};

/// One test counts this process's containers once it is done: it runs alone (a write lock), the
/// others side by side (read locks).
static BOXES: tokio::sync::RwLock<()> = tokio::sync::RwLock::const_new(());

async fn judge(problem: &str, what: &str) -> JudgeResult {
    let sandbox = sandbox().await;
    judge_file(&sandbox, &fixture(&format!("database/{problem}")), &fixture(&format!("database/{problem}/submissions/{what}.pgsql"))).await
}

#[tokio::test]
async fn accepted_queries_pass_every_test_and_show_rows_as_tables() {
    let _boxes = BOXES.read().await;
    for what in ["accepted/left_join", "accepted/subquery"] {
        let result = judge("totals", what).await;
        assert_eq!(result.verdict, Verdict::AC, "{what}: {result:?}");
        assert_eq!(result.tests.len(), 4);
        let sample = result.tests[0].sample.as_ref().unwrap();
        assert_eq!((sample.output.as_str(), sample.expected.as_str()), ("name | total\nann | 55\nbo | 50\ncy | 0\n", "name | total\nann | 55\nbo | 50\ncy | 0\n"));
        assert!(result.tests.iter().all(|t| t.memory_kib > 0 && t.cpu_ms > 0), "the server's work is measured: {result:?}");
    }
}

#[tokio::test]
async fn wrong_rows_a_wrong_order_a_compile_error_and_a_run_time_error_say_how() {
    let _boxes = BOXES.read().await;
    let result = judge("totals", "wrong_answer/inner_join").await;
    assert_eq!((result.verdict, result.tests[0].message.as_deref()), (Verdict::WA, Some("2 rows, expected 3")), "{result:?}");
    let result = judge("totals", "wrong_answer/no_order").await;
    let failed = result.tests.iter().find(|t| t.verdict == Verdict::WA).unwrap();
    assert_eq!((failed.name.as_str(), failed.message.as_deref()), ("2-no-orders", Some("row 1 is (\"ann\", 0), expected (\"bo\", 7)")));
    let result = judge("totals", "compile_error/typo").await;
    assert_eq!((result.verdict, result.compile_output.as_deref()), (Verdict::CE, Some("statement 1: column c.idd does not exist (Perhaps you meant to reference the column \"c.id\".)")), "{result:?}");
    let result = judge("totals", "run_time_error/overflow").await;
    assert_eq!((result.verdict, result.tests[0].message.as_deref()), (Verdict::RTE, Some("exit code 1: statement 1: bigint out of range")), "{result:?}");
}

#[tokio::test]
async fn queries_that_never_end_are_stopped_by_the_judge_even_with_the_timeout_switched_off() {
    let _boxes = BOXES.read().await;
    for what in [
        "time_limit_exceeded/endless",
        "time_limit_exceeded/sleep",
        "time_limit_exceeded/endless_table",
        "time_limit_exceeded/endless_block",
    ] {
        let started = Instant::now();
        let result = judge("totals", what).await;
        assert_eq!(result.verdict, Verdict::TLE, "{what}: {result:?}");
        // The check's own 2 s, then one test's wall limit (3 × 1 s), and the reset.
        assert!(started.elapsed() < Duration::from_secs(2 + 3 + 10), "{what}: {:?}", started.elapsed());
    }
}

#[tokio::test]
async fn sql_that_reaches_for_files_programs_settings_or_roles_is_refused() {
    let _alone = BOXES.write().await;
    for (what, said) in [
        ("hostile/pg_read_file", "statement 1: permission denied for function pg_read_file"),
        ("hostile/lo_import", "statement 1: permission denied for function lo_import"),
        ("hostile/copy_from_file", "statement 2: must be superuser or have privileges of the pg_read_server_files role to COPY from a file (Anyone can COPY to stdout or from stdin. psql's \\copy command also works for anyone.)"),
        ("hostile/copy_to_program", "statement 1: must be superuser or have privileges of the pg_execute_server_program role to COPY to or from an external program (Anyone can COPY to stdout or from stdin. psql's \\copy command also works for anyone.)"),
        ("hostile/alter_system", "statement 1: permission denied to set parameter \"statement_timeout\""),
        ("hostile/create_extension", "statement 1: permission denied to create extension \"dblink\" (Must be superuser to create this extension.)"),
        ("hostile/set_role", "statement 1: permission denied to set role \"postgres\""),
    ] {
        let result = judge("totals", what).await;
        assert_eq!((result.verdict, result.compile_output.as_deref()), (Verdict::CE, Some(said)), "{what}");
    }
    // RESET ROLE goes back to the session's role: the candidate's, no superuser.
    let result = judge("totals", "hostile/reset_role").await;
    assert_eq!((result.verdict, result.tests[0].sample.as_ref().unwrap().output.as_str()), (Verdict::WA, "name | total\nmj_candidate | 0\n"));
    assert_no_containers_left(&sandbox().await, Duration::from_secs(10)).await;
}

/// The first test sleeps with the statement timeout off after setting its role's defaults for
/// later sessions; the judge stops it, and the next tests find fresh data, no table of the
/// first, and the role as it was.
#[tokio::test]
async fn no_test_sees_what_another_left_not_even_after_one_was_stopped() {
    let _boxes = BOXES.read().await;
    let result = judge("isolation", "accepted/doubles").await;
    assert_eq!(result.verdict, Verdict::AC, "{result:?}");
    let result = judge("isolation", "hostile/carries_state").await;
    let verdicts: Vec<Verdict> = result.tests.iter().map(|t| t.verdict).collect();
    assert_eq!(verdicts, [Verdict::TLE, Verdict::AC, Verdict::AC], "{result:?}");
}

#[tokio::test]
async fn a_table_that_would_fill_the_servers_disk_is_the_runs_memory() {
    let _boxes = BOXES.read().await;
    let sandbox = sandbox().await;
    let problem = Problem::load(&fixture("database/isolation")).unwrap_or_else(|e| panic!("{e}"));
    let path = fixture("database/isolation/submissions/hostile/temp_table.pgsql");
    let submission = Submission::from_file(&path, None, judge::DEFAULT_MAX_SOURCE_BYTES).unwrap();
    // Filling 1 GiB takes about 3.5 s of CPU on a loaded machine: the time limit leaves room, so
    // that what stops the run is the memory.
    let time_limit = Duration::from_secs(10);
    let result = judge::judge(&sandbox, &problem, &submission, &options(time_limit), &mut |_| {}).await.unwrap();
    assert!(result.tests.iter().all(|t| t.verdict == Verdict::MLE), "{result:?}");
    // Tables, on every test: the WAL the first leaves is no room the later ones lose.
    let path = fixture("database/isolation/submissions/hostile/fills_disk.pgsql");
    let submission = Submission::from_file(&path, None, judge::DEFAULT_MAX_SOURCE_BYTES).unwrap();
    let result = judge::judge(&sandbox, &problem, &submission, &options(time_limit), &mut |_| {}).await.unwrap();
    assert!(result.tests.iter().all(|t| t.verdict == Verdict::MLE), "{result:?}");
}

/// A custom input is loaded by a role that may only add rows: a view in place of a table, over
/// the server's list of running queries, would show the reference solution's SQL as the
/// expected rows when it ran on that input.
#[tokio::test]
async fn a_custom_input_can_only_add_rows() {
    let _boxes = BOXES.read().await;
    let sandbox = sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("totals");
    common::copy_dir(&fixture("database/totals"), &root);
    let yaml = std::fs::read_to_string(root.join("interview.yaml")).unwrap();
    std::fs::write(root.join("interview.yaml"), yaml.replace("left_join.sql", "left_join.pgsql")).unwrap();
    let problem = Problem::load(&root).unwrap_or_else(|e| panic!("{e}"));
    let source = std::fs::read_to_string(root.join("submissions/accepted/left_join.pgsql")).unwrap();
    let candidate = Submission::new(Language::Postgresql, source, judge::DEFAULT_MAX_SOURCE_BYTES).unwrap();
    let options = options(Duration::from_secs(2));
    for (input, accepted) in [
        ("INSERT INTO customers VALUES (1, 'zed'), (2, 'amy');\nINSERT INTO orders VALUES (1, 2, 5);\n", true),
        ("DROP TABLE orders; DROP TABLE customers;\nCREATE VIEW customers AS SELECT 1 AS id, query AS name FROM pg_stat_activity;\n", false),
    ] {
        let custom = runs::RunInput::Custom(input.into());
        let result = runs::run(&sandbox, &problem, &candidate, &custom, &options, &mut |_| {}).await.unwrap();
        if accepted {
            assert_eq!(result.verdict, Verdict::AC, "{result:?}");
            continue;
        }
        let why = result.invalid_input.clone().unwrap_or_else(|| panic!("not refused: {result:?}"));
        assert!(why.contains("the test data: must be owner of table orders"), "{why}");
        assert!(!why.contains("COALESCE") && !why.contains("LEFT JOIN"), "{why}");
    }
}

/// A query the server cannot stop (libxml's XPath evaluation never checks for interrupts, so
/// neither the statement timeout nor pg_terminate_backend ends it) is the run's TLE, not an
/// internal error: the reset kills its backend, and the next tests find the server working.
#[tokio::test]
async fn a_query_that_ignores_the_servers_cancel_is_stopped_and_the_next_tests_run() {
    let _boxes = BOXES.read().await;
    let started = Instant::now();
    let result = judge("isolation", "hostile/uninterruptible").await;
    let verdicts: Vec<Verdict> = result.tests.iter().map(|t| t.verdict).collect();
    assert_eq!(verdicts, [Verdict::TLE, Verdict::AC, Verdict::AC], "{result:?}");
    assert!(started.elapsed() < Duration::from_secs(20), "{:?}", started.elapsed());
}

/// The last statement is planned and run as the server reads it: a text the server reads as
/// two statements (through an identifier holding `$`, or strings with backslash escapes once
/// the candidate switched standard_conforming_strings off) is split there, so the rows and the
/// plan are one query's, and a plan rule cannot be met by the plan of another query, nor by
/// one that calls the candidate's own function or operator, whose reads it does not show.
#[tokio::test]
async fn the_plan_and_the_rows_are_of_the_same_statement() {
    let _boxes = BOXES.read().await;
    let result = judge("indexed", "accepted/by_key").await;
    assert_eq!(result.verdict, Verdict::AC, "{result:?}");
    let result = judge("indexed", "wrong_answer/reads_all").await;
    assert_eq!((result.verdict, result.tests[0].message.as_deref()), (Verdict::WA, Some("right rows, but the plan reads a whole table (SCAN items)")));
    for what in ["hostile/hidden_statement", "hostile/backslash_quote"] {
        let result = judge("indexed", what).await;
        assert_eq!((result.verdict, result.tests[0].message.as_deref()), (Verdict::WA, Some("column 1 is \"QUERY PLAN\", expected \"name\"")), "{what}");
    }
    // A function or operator of the candidate's reads what the plan does not show.
    for (what, name) in [("hostile/function_hides_scan", "hidden"), ("hostile/operator_hides_scan", "operator ===")] {
        let result = judge("indexed", what).await;
        let said = format!("right rows, but the plan calls {name}, a function of yours, whose own reads a plan does not show");
        assert_eq!((result.verdict, result.tests[0].message.as_deref()), (Verdict::WA, Some(said.as_str())), "{what}");
    }
    let result = judge("indexed", "hostile/strings_change_in_planning").await;
    assert_eq!((result.verdict, result.tests[0].message.as_deref()), (Verdict::RTE, Some("exit code 1: statement 2: standard_conforming_strings changed while it ran")), "{result:?}");
}
