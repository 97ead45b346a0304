//! API problems in real boxes: the candidate's server started fresh for each scenario and the
//! scenario played against it from outside. Accepted and wrong servers in each language
//! (items-crud); a server that never listens, one that exits first (its log shown), one that
//! crashes on the third request, one that hangs a request, one that prints a lot (its log cut,
//! the server unharmed); captures across steps, a concurrent step, no state across scenarios;
//! and hostile servers: an endless chunked body, a trickle, one that keeps hundreds of ports, a
//! fork bomb, one that looks for a way out and for the scenario. No container is left.

mod common;

use common::{assert_no_containers_left, fixture, judge_file, sandbox};
use mockjudge::problem::Problem;
use mockjudge::verdict::{JudgeResult, Verdict};
use std::path::Path;
use std::time::{Duration, Instant};

/// The hostile test counts this process's containers once it is done: it runs alone (a write
/// lock), the others side by side (read locks).
static BOXES: tokio::sync::RwLock<()> = tokio::sync::RwLock::const_new(());

async fn notes(what: &str) -> JudgeResult {
    let sandbox = sandbox().await;
    judge_file(&sandbox, &fixture("api/notes"), &fixture(&format!("api/notes/submissions/{what}.py"))).await
}

fn first_failure(result: &JudgeResult) -> (Verdict, String) {
    let t = result.tests.iter().find(|t| t.verdict != Verdict::AC).unwrap_or_else(|| panic!("no test failed: {result:?}"));
    (t.verdict, t.message.clone().unwrap_or_default())
}

#[tokio::test]
async fn each_language_s_accepted_server_passes_and_wrong_ones_fail_at_their_step() {
    let _boxes = BOXES.read().await;
    let sandbox = sandbox().await;
    let problem = Path::new(env!("CARGO_MANIFEST_DIR")).join("problems/items-crud");
    for file in ["stdlib.py", "flask_app.py", "fastapi_app.py", "server.js", "main.go"] {
        let result = judge_file(&sandbox, &problem, &problem.join("submissions/accepted").join(file)).await;
        assert_eq!(result.verdict, Verdict::AC, "{file}: {result:?}");
        let sample = result.tests[0].sample.as_ref().unwrap();
        assert!(sample.output.contains("$ curl -i -X POST 'http://localhost:8080/items'") && sample.output.contains("HTTP 201"), "{file}: {}", sample.output);
    }
    for (file, said) in [
        ("no_range_checks.py", "step 1: a negative price is refused with 422"),
        ("reuses_ids.js", "step 4: after deleting the newest item, the next one still gets a new id"),
    ] {
        let result = judge_file(&sandbox, &problem, &problem.join("submissions/wrong_answer").join(file)).await;
        assert_eq!(first_failure(&result), (Verdict::WA, said.to_string()), "{file}: hidden tests say only the step's words");
    }
}

#[tokio::test]
async fn a_server_that_never_listens_or_exits_first_gets_its_verdict_in_time_with_its_log() {
    let _boxes = BOXES.read().await;
    let started = Instant::now();
    let result = notes("hostile/never_listens").await;
    assert_eq!(first_failure(&result), (Verdict::RTE, "the server did not listen on port 8080 within 2 s".into()));
    assert!(started.elapsed() < Duration::from_secs(2 + 1 + 2), "within the start timeout and a second (and the box's start): {:?}", started.elapsed());
    // Listening on ::1 alone is not listening where the runner's requests go.
    let result = notes("hostile/ipv6_only").await;
    assert_eq!(first_failure(&result), (Verdict::RTE, "the server did not listen on port 8080 within 2 s".into()));
    // Every IPv6 address but IPv6 alone (IPV6_V6ONLY): the kernel's tables cannot tell it from
    // `::` taking IPv4 too, so it is taken as listening; its first request finds nothing.
    let result = notes("hostile/v6only_any").await;
    assert_eq!(first_failure(&result).0, Verdict::RTE, "{result:?}");
    let result = notes("hostile/exits_early").await;
    assert_eq!(first_failure(&result), (Verdict::RTE, "the server exited before listening on port 8080 (exit code 3)".into()));
    let log = result.tests[0].sample.as_ref().unwrap().stdout.clone().unwrap();
    assert_eq!(log, "cannot read config.toml\n", "the sample shows the server's log");
}

#[tokio::test]
async fn a_crash_a_hang_and_a_flood_of_log_get_honest_verdicts() {
    let _boxes = BOXES.read().await;
    let result = notes("hostile/crashes_on_third").await;
    let (verdict, said) = first_failure(&result);
    // Reset or closed, as the kernel has it when the process dies mid-request.
    assert_eq!(verdict, Verdict::RTE, "{said}");
    assert!(said.starts_with("step 3 (GET /notes): ") && said.ends_with("; the server ended (exit code 1)"), "{said}");
    let result = notes("hostile/hangs").await;
    assert_eq!(first_failure(&result), (Verdict::TLE, "step 2 (GET /notes/1): no reply within 1000 ms".into()));
    let result = notes("hostile/chatty").await;
    assert_eq!(result.verdict, Verdict::AC, "a log past its cap is cut, the server goes on: {result:?}");
    let log = result.tests[0].sample.as_ref().unwrap().stdout.clone().unwrap();
    assert!(log.starts_with("log line\n") && log.len() <= 4096 + 20, "{} bytes shown", log.len());
}

#[tokio::test]
async fn captures_a_concurrent_step_and_a_fresh_server_for_each_scenario() {
    let _boxes = BOXES.read().await;
    // A plain socket's server binds the port of the scenario before: the runner resets each
    // connection it is done with, so none of the server's side waits in TIME_WAIT holding it.
    for what in ["accepted/notes", "accepted/keeps_state_on_disk", "accepted/plain_socket"] {
        let result = notes(what).await;
        assert_eq!(result.verdict, Verdict::AC, "{what}: {result:?}");
        assert_eq!(result.tests.len(), 3);
    }
}

#[tokio::test]
async fn hostile_servers_get_honest_verdicts_and_nothing_escapes() {
    let _alone = BOXES.write().await;
    let result = notes("hostile/endless_body").await;
    assert_eq!(first_failure(&result), (Verdict::OLE, "step 1 (POST /notes): the reply passed 1 MiB".into()));
    let started = Instant::now();
    let result = notes("hostile/trickle").await;
    let (verdict, said) = first_failure(&result);
    assert!(verdict == Verdict::TLE && said.starts_with("step 1 (POST /notes): the reply did not end within 1000 ms ("), "{said}");
    assert!(started.elapsed() < Duration::from_secs(5), "{:?}", started.elapsed());
    // Each scenario finds the ports the last one's server took free again.
    let result = notes("hostile/binds_ports").await;
    assert_eq!(result.verdict, Verdict::AC, "{result:?}");
    let result = notes("hostile/fork_bomb").await;
    assert_ne!(result.verdict, Verdict::AC, "{result:?}");
    assert!(result.verdict != Verdict::IE, "{result:?}");
    // What a server finds of the world outside, shown as its notes in the sample's transcript.
    let result = notes("hostile/reaches_out").await;
    let transcript = result.tests[0].sample.as_ref().unwrap().output.clone();
    for found in ["network: OSError", "docker socket: FileNotFoundError", "runner memory: PermissionError", "runner fds: PermissionError", "scenario files: []"] {
        assert!(transcript.contains(found), "{found}: {transcript}");
    }
    assert_no_containers_left(&sandbox().await, Duration::from_secs(10)).await;
}

#[tokio::test]
async fn a_scenario_that_does_not_read_is_refused_when_the_problem_loads_and_runs_take_only_samples() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("notes");
    common::copy_dir(&fixture("api/notes"), &root);
    std::fs::write(root.join("data/secret/2-missing.in"), "steps:\n  - request: {method: GET, path: \"/notes/{{id}}\"}\n").unwrap();
    let e = Problem::load(&root).unwrap_err().to_string();
    assert!(e.ends_with("2-missing.in: steps[0]: {{id}} is not captured by an earlier step"), "{e}");
    let problem = Problem::load(&fixture("api/notes")).unwrap();
    let refused = mockjudge::runs::check_input(&problem, "steps: []").unwrap_err();
    assert!(refused.contains("an API problem: it takes no input of your own"), "{refused}");
}

/// The starter code a candidate gets for each language runs: it listens, and answers 501.
#[tokio::test]
async fn every_languages_starter_server_listens_and_answers_501() {
    let _boxes = BOXES.read().await;
    let sandbox = sandbox().await;
    let problem = Problem::load(&fixture("api/notes")).unwrap();
    let options = common::options(std::time::Duration::from_secs(2));
    for language in mockjudge::language::Language::SERVERS {
        let source = mockjudge::kinds::api::starter(language).unwrap();
        let submission = mockjudge::judge::Submission::new(language, source.to_string(), mockjudge::judge::DEFAULT_MAX_SOURCE_BYTES).unwrap();
        let result = mockjudge::judge::judge(&sandbox, &problem, &submission, &options, &mut |_| {}).await.unwrap();
        assert_eq!(first_failure(&result), (Verdict::WA, "step 1 (POST /notes): status 501, expected 201".into()), "{language}");
    }
}
