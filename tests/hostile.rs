//! The adversarial suite: each fixture under `tests/fixtures/hostile/` attacks the sandbox and
//! prints a wrong answer if the attack works. Each must end with its verdict within its limits,
//! the host must be unharmed, and no container of ours may be left afterwards.

mod common;

use common::{assert_no_containers_left, fixture, judge_file, our_containers, sandbox};
use mockjudge::judge::{self, Submission};
use mockjudge::problem::Problem;
use mockjudge::sandbox;
use mockjudge::verdict::Verdict::{self, *};
use std::path::Path;
use std::time::{Duration, Instant};

/// The tests below count this process's containers, so they take turns.
static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

const CASES: &[(&str, &[Verdict])] = &[
    ("fork_bomb.c", &[TLE, RTE]),
    ("memory_bomb.c", &[MLE]),
    ("output_flood.c", &[OLE]),
    ("disk_fill.py", &[AC]),
    ("sleep_forever.py", &[TLE]),
    ("network.py", &[AC]),
    ("secrets.py", &[AC]),
    ("write_outside.py", &[AC]),
    ("background.c", &[AC]),
    ("forge_report.c", &[WA]),
    ("fake_output.py", &[WA]),
    ("cpu_in_children.c", &[TLE]),
    ("cpu_in_autoreaped_children.c", &[TLE]),
    ("memory_in_child.c", &[MLE]),
    ("memory_in_files.py", &[MLE]),
    ("memory_in_kernel.c", &[MLE]),
    ("state_between_tests.py", &[AC]),
    ("signals_and_tracers.c", &[AC]),
    ("io_uring.c", &[AC]),
    ("long_class_name.java", &[CE]),
    ("misleading_comment.java", &[AC]),
];

#[tokio::test]
async fn hostile_solutions_get_their_verdicts_and_leave_nothing_behind() {
    // A secret in the judge's own environment, which secrets.py hunts for inside the box.
    std::env::set_var("MOCKJUDGE_CANARY", "canary-7f3a9");
    let _turn = SERIAL.lock().await;
    let sandbox = sandbox().await;
    let problem = fixture("problems/add");
    let mut wrong = Vec::new();
    for (file, allowed) in CASES {
        let started = Instant::now();
        let result = judge_file(&sandbox, &problem, &fixture(&format!("hostile/{file}"))).await;
        let elapsed = started.elapsed();
        println!("{file}: {} in {:.1} s ({:?})", result.verdict, elapsed.as_secs_f64(), result.tests.last().and_then(|t| t.message.clone()));
        if !allowed.contains(&result.verdict) {
            wrong.push(format!("{file}: expected one of {allowed:?}, got {} ({:?} {:?})", result.verdict, result.message, result.tests.last()));
        }
        // Limits: 1 s CPU, 3 s wall per test, 4 tests; nothing may take much longer, and no
        // test longer than its wall limit + 2 s.
        assert!(elapsed < Duration::from_secs(30), "{file} took {elapsed:?}");
        for test in &result.tests {
            assert!(test.wall_ms <= 5000, "{file}: {}/{} ran {} ms", test.group, test.name, test.wall_ms);
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    for path in ["/escape", "/etc/escape", "/usr/escape", "/var/escape", "/root/escape"] {
        assert!(!Path::new(path).exists(), "{path} appeared on the host");
    }
    assert_no_containers_left(&sandbox, Duration::from_secs(10)).await;
}

#[tokio::test]
async fn a_cancelled_judging_still_removes_its_container() {
    let _turn = SERIAL.lock().await;
    let sandbox = sandbox().await;
    let problem = Problem::load(&fixture("problems/add")).unwrap();
    let submission = Submission::from_file(&fixture("hostile/sleep_forever.py"), None, 1 << 20).unwrap();
    let options = common::options(Duration::from_secs(5));
    let mut ignore = |_| {};
    // Cancelled while Docker creates the box, while it starts, and while the program runs:
    // once removals in flight have settled, nothing is left.
    let mut cancelled = 0;
    for after_ms in (0..400).step_by(8).chain([1500]) {
        let judging = judge::judge(&sandbox, &problem, &submission, &options, &mut ignore);
        cancelled += tokio::time::timeout(Duration::from_millis(after_ms), judging).await.is_err() as usize;
        sandbox::settle(Duration::from_secs(20)).await;
        assert_eq!(our_containers(&sandbox).await, Vec::<String>::new(), "cancelled after {after_ms} ms");
    }
    assert_eq!(cancelled, 51, "sleeping forever cannot finish");
}
