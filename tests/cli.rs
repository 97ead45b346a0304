//! The `mockjudge` command as a user meets it: exit codes, the result table and JSON, and one
//! clear line for every kind of bad input.

mod common;

use common::{copy_dir, fixture};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn mockjudge(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mockjudge")).args(args).output().expect("run mockjudge")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Asserts a usage/problem error: exit 2 and one line on stderr containing every `needle`.
fn assert_error(out: &Output, needles: &[&str]) {
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "stderr: {stderr}");
    assert_eq!(stderr.trim().lines().count(), 1, "one line: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    for needle in needles {
        assert!(stderr.contains(needle), "{needle:?} not in {stderr:?}");
    }
}

/// A copy of a fixture problem to break.
fn copy_problem(name: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join(name);
    copy_dir(&fixture(&format!("problems/{name}")), &dir);
    (tmp, dir)
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn judge_prints_a_table_and_exits_by_verdict() {
    let problem = fixture("problems/add");
    let out = mockjudge(&["judge", s(&problem), s(&fixture("langs/python/ac.py"))]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}{}", text(&out.stderr));
    assert!(stdout.contains("verdict: AC"), "{stdout}");
    assert!(stdout.contains("secret               2-big            correctness  AC"), "{stdout}");
    assert!(stdout.contains("passed: correctness 4/4"), "{stdout}");

    let out = mockjudge(&["judge", s(&problem), s(&fixture("langs/c/wa.c")), "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let result: serde_json::Value = serde_json::from_slice(&out.stdout).expect("--json prints one JSON document");
    assert_eq!(result["verdict"], "WA");
    assert_eq!(result["tests"][0]["verdict"], "WA");
    assert_eq!(result["time_limit_ms"], 1000);
}

#[test]
fn a_programs_control_characters_reach_the_terminal_escaped_and_json_exact() {
    // Retitles the window, clears the screen, and overwrites the line with a verdict of its own.
    let tmp = tempfile::tempdir().unwrap();
    let hostile = tmp.path().join("hostile.py");
    std::fs::write(&hostile, "import sys\nsys.stderr.write('\\x1b]0;pwned\\x07\\x1b[2J\\rverdict: AC')\nsys.exit(1)\n").unwrap();
    let problem = fixture("problems/add");
    let out = mockjudge(&["judge", s(&problem), s(&hostile)]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}{}", text(&out.stderr));
    assert!(!stdout.contains(['\x1b', '\x07', '\r']), "{stdout:?}");
    assert!(stdout.contains(r"\x1b]0;pwned\x07\x1b[2J\rverdict: AC"), "{stdout}");

    let out = mockjudge(&["judge", s(&problem), s(&hostile), "--json"]);
    let result: serde_json::Value = serde_json::from_slice(&out.stdout).expect("--json prints one JSON document");
    let message = result["tests"][0]["message"].as_str().unwrap_or_default();
    assert!(message.ends_with("\x1b]0;pwned\x07\x1b[2J\rverdict: AC"), "{result}");
}

#[test]
fn verify_accepts_packages_whose_submissions_match_their_folders() {
    // A scoring problem (legacy format, groups, partially_accepted) and a 2023-07 problem with
    // a C++ output validator.
    let out = mockjudge(&["verify", s(&fixture("problems/parity")), s(&fixture("problems/sum-pair"))]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}{}", text(&out.stderr));
    assert!(stdout.contains("partially_accepted") && stdout.contains("verified"), "{stdout}");
    assert!(!stdout.contains("MISMATCH"), "{stdout}");
}

#[test]
fn verify_skips_submissions_in_languages_it_does_not_run() {
    // problemtools' `different` example: accepted in Python 3, Python 2, Ruby and Scala.
    let problem = fixture("problems/different");
    let out = mockjudge(&["verify", s(&problem)]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}{}", text(&out.stderr));
    let line = |file: &str| stdout.lines().find(|l| l.contains(file)).unwrap_or_else(|| panic!("no line for {file}: {stdout}"));
    assert!(line("different_py3.py").trim_start().starts_with("ok"), "{stdout}");
    for (file, reason) in [
        ("Different.scala", "unknown file extension \"scala\""),
        ("different.rb", "unknown file extension \"rb\""),
        ("different_py2.py", "Python 2"),
    ] {
        let line = line(file);
        assert!(line.trim_start().starts_with("skipped") && line.contains("warning") && line.contains(reason), "{line}");
    }
    assert!(stdout.contains("verified (3 of 4 submissions skipped"), "{stdout}");
}

#[test]
fn verify_reports_a_submission_in_the_wrong_folder() {
    let (_tmp, dir) = copy_problem("sum-pair");
    std::fs::copy(dir.join("submissions/accepted/half.py"), dir.join("submissions/wrong_answer/half.py")).unwrap();
    let out = mockjudge(&["verify", s(&dir)]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("MISMATCH") && stdout.contains("expected wrong_answer, got AC"), "{stdout}");
}

#[test]
fn a_malformed_problem_yaml_names_the_file_and_the_field() {
    let (_tmp, dir) = copy_problem("add");
    let yaml = dir.join("problem.yaml");
    std::fs::write(&yaml, "name: Add\nlimits:\n  memory: lots\n").unwrap();
    let out = mockjudge(&["judge", s(&dir), s(&fixture("langs/python/ac.py"))]);
    assert_error(&out, &[s(&yaml), "limits.memory"]);

    std::fs::write(&yaml, "name: Add\nlimits:\n  time_multiplier: -1\n").unwrap();
    assert_error(&mockjudge(&["verify", s(&dir)]), &["problem.yaml", "limits.time_multiplier", "positive"]);

    // Limits so large that durations made from them would overflow.
    std::fs::write(&yaml, "name: Add\nlimits:\n  time_limit: 1e300\n").unwrap();
    assert_error(&mockjudge(&["verify", s(&dir)]), &["problem.yaml", "limits.time_limit", "up to"]);
    std::fs::write(&yaml, "name: Add\nlimits:\n  memory: 18446744073709551615\n").unwrap();
    assert_error(&mockjudge(&["verify", s(&dir)]), &["problem.yaml", "limits.memory"]);

    std::fs::write(&yaml, "name: Add\nvalidation: custom interactive\n").unwrap();
    assert_error(&mockjudge(&["verify", s(&dir)]), &["interactive problems are not supported"]);

    std::fs::write(&yaml, "name: [unclosed\n").unwrap();
    assert_error(&mockjudge(&["verify", s(&dir)]), &[s(&yaml)]);
}

#[test]
fn a_score_that_is_not_a_number_names_the_file_and_the_field() {
    let (_tmp, dir) = copy_problem("add");
    let testdata = dir.join("data/secret/testdata.yaml");
    std::fs::write(&testdata, "accept_score: .inf\n").unwrap();
    assert_error(&mockjudge(&["verify", s(&dir)]), &[s(&testdata), "accept_score", "finite"]);
}

#[test]
fn scores_that_add_up_past_a_float_are_an_internal_error() {
    // Each group's score is finite; their sum is not, and JSON could not carry it.
    let (_tmp, dir) = copy_problem("parity");
    for group in ["1-small", "2-large"] {
        std::fs::write(dir.join(format!("data/secret/{group}/testdata.yaml")), "accept_score: 1e308\n").unwrap();
    }
    let solution = dir.join("submissions/accepted/parity.py");
    let out = mockjudge(&["judge", s(&dir), s(&solution), "--json", "--time-limit", "1"]);
    let result: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", text(&out.stderr)));
    assert_eq!(result["verdict"], "IE", "{result}");
    assert!(result["message"].as_str().is_some_and(|m| m.contains("scores add up")), "{result}");
    assert!(result.get("score").is_none() && result["groups"] == serde_json::json!([]), "{result}");
}

#[test]
fn missing_data_is_named() {
    let (_tmp, dir) = copy_problem("add");
    std::fs::remove_file(dir.join("data/secret/2-big.ans")).unwrap();
    assert_error(&mockjudge(&["verify", s(&dir)]), &["2-big.in", "no matching .ans"]);
    std::fs::remove_dir_all(dir.join("data")).unwrap();
    assert_error(&mockjudge(&["verify", s(&dir)]), &["data", "missing"]);
    assert_error(&mockjudge(&["verify", "/nonexistent/problem"]), &["/nonexistent/problem", "not a problem folder"]);
}

#[test]
fn unknown_languages_list_the_known_ones() {
    let tmp = tempfile::tempdir().unwrap();
    let perl = tmp.path().join("solution.pl");
    std::fs::write(&perl, "print 3;\n").unwrap();
    let problem = fixture("problems/add");
    assert_error(&mockjudge(&["judge", s(&problem), s(&perl)]), &["unknown file extension \"pl\"", "python (.py)", "rust (.rs)"]);
    let ac = fixture("langs/python/ac.py");
    assert_error(&mockjudge(&["judge", s(&problem), s(&ac), "--lang", "cobol"]), &["unknown language \"cobol\"", "java (.java)"]);
}

#[test]
fn oversized_and_empty_sources_are_refused() {
    let problem = fixture("problems/add");
    let ac = fixture("langs/python/ac.py");
    assert_error(&mockjudge(&["judge", s(&problem), s(&ac), "--max-source-bytes", "10"]), &["ac.py", "over the source limit of 10 bytes"]);
    let tmp = tempfile::tempdir().unwrap();
    let empty = tmp.path().join("empty.py");
    std::fs::write(&empty, "\n").unwrap();
    assert_error(&mockjudge(&["judge", s(&problem), s(&empty)]), &["empty.py", "source is empty"]);
}

#[test]
fn a_problem_without_a_time_limit_says_how_to_get_one() {
    let (_tmp, dir) = copy_problem("parity");
    let _ = std::fs::remove_file(dir.join(".timelimit"));
    let solution = dir.join("submissions/accepted/parity.py");
    assert_error(&mockjudge(&["judge", s(&dir), s(&solution)]), &["no time limit", "mockjudge verify"]);
}

#[test]
fn an_unreachable_docker_daemon_says_how_to_start_one() {
    let out = Command::new(env!("CARGO_BIN_EXE_mockjudge"))
        .args(["judge", s(&fixture("problems/add")), s(&fixture("langs/python/ac.py"))])
        .env("DOCKER_HOST", "unix:///nonexistent/docker.sock")
        .output()
        .unwrap();
    assert_error(&out, &["cannot reach the Docker daemon", "dockerd"]);
}

#[tokio::test]
async fn a_missing_image_says_how_to_build_it() {
    use mockjudge::sandbox::{BoxSpec, SandboxError};
    let sandbox = common::sandbox().await;
    let spec = BoxSpec { image: "mockjudge/python:000000000000".into(), lang: "python".into(), memory_bytes: 64 << 20, service_dir_bytes: None, role: "test" };
    let err = sandbox.open(&spec).await.err().expect("no such image");
    assert!(matches!(err, SandboxError::MissingImage { .. }), "{err}");
    assert!(err.to_string().contains("mockjudge images build --lang python"), "{err}");
}

#[test]
fn run_shows_the_samples_or_ones_own_input_beside_the_expected_output() {
    let problem = fixture("functions/two-sum");
    let printing = fixture("functions/two-sum/submissions/accepted/python_prints.py");
    let out = mockjudge(&["run", s(&problem), s(&printing)]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}{}", text(&out.stderr));
    assert!(stdout.contains("-- sample/1: AC\ninput:\n[2,7,11,15]\n9\nexpected:\n[0,1]\noutput:\n[0,1]\nstdout:\n"), "{stdout}");
    assert!(!stdout.contains("secret"), "samples only: {stdout}");

    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("mine.in");
    std::fs::write(&input, "[3,2,4]\n6\n").unwrap();
    let wrong = fixture("functions/two-sum/submissions/wrong_answer/python.py");
    let out = mockjudge(&["run", s(&problem), s(&wrong), "--input", s(&input)]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}{}", text(&out.stderr));
    assert!(stdout.contains("-- sample/custom: WA\ninput:\n[3,2,4]\n6\nexpected:\n[1,2]\noutput:\n"), "the reference's answer: {stdout}");

    std::fs::write(&input, "[3,2,4]\nsix\n").unwrap();
    let out = mockjudge(&["run", s(&problem), s(&wrong), "--input", s(&input)]);
    assert_error(&out, &["input refused: line 2 (target): not JSON: expected value at column 1"]);
    assert!(out.stdout.is_empty(), "nothing ran: {}", text(&out.stdout));
}
