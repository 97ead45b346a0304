//! Shared helpers for the integration tests: they judge real submissions in real containers,
//! so the sandbox images must be built first (`tests/run.sh` does that).
#![allow(dead_code)]

pub mod http;
pub mod redis;

use mockjudge::judge::{self, JudgeOptions, Submission};
use mockjudge::problem::Problem;
use mockjudge::sandbox::Sandbox;
use mockjudge::verdict::JudgeResult;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub fn fixture(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(relative)
}

/// Copies a folder tree (a fixture problem to change or break).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

pub async fn sandbox() -> Sandbox {
    Sandbox::connect().await.expect("these tests need a running Docker daemon")
}

pub fn options(time_limit: Duration) -> JudgeOptions {
    JudgeOptions { time_limit, cache_dir: std::env::temp_dir().join("mockjudge-test-cache"), every_test: false }
}

/// Judges `solution` on the fixture or repository problem at `problem_dir`.
pub async fn judge_file(sandbox: &Sandbox, problem_dir: &Path, solution: &Path) -> JudgeResult {
    let problem = Problem::load(problem_dir).unwrap_or_else(|e| panic!("{e}"));
    let submission = Submission::from_file(solution, None, judge::DEFAULT_MAX_SOURCE_BYTES).unwrap_or_else(|e| panic!("{e}"));
    let time_limit = problem.time_limit().unwrap_or(Duration::from_secs(1));
    judge::judge(sandbox, &problem, &submission, &options(time_limit), &mut |_| {})
        .await
        .unwrap_or_else(|e| panic!("judging {}: {e}", solution.display()))
}

/// Containers of ours created by this test process that still exist.
pub async fn our_containers(sandbox: &Sandbox) -> Vec<String> {
    containers_of(sandbox, std::process::id()).await
}

/// Sandbox containers created by process `pid` of this host that still exist.
pub async fn containers_of(sandbox: &Sandbox, pid: u32) -> Vec<String> {
    use bollard::query_parameters::ListContainersOptions;
    use std::collections::HashMap;
    let filters = HashMap::from([("label".to_string(), vec![mockjudge::sandbox::LABEL.to_string()])]);
    let list = ListContainersOptions { all: true, filters: Some(filters), ..Default::default() };
    // Owners are `host/pid/start`.
    let me = format!("/{pid}/");
    sandbox
        .docker()
        .list_containers(Some(list))
        .await
        .expect("list containers")
        .into_iter()
        .filter(|c| c.labels.as_ref().and_then(|l| l.get("mockjudge.owner")).is_some_and(|o| o.contains(&me)))
        .filter_map(|c| c.id)
        .collect()
}

/// Waits (bounded) until no container of this process is left.
pub async fn assert_no_containers_left(sandbox: &Sandbox, wait: Duration) {
    eventually(wait, "no container of ours left", || async {
        let left = our_containers(sandbox).await;
        if left.is_empty() { Ok(()) } else { Err(format!("left: {left:?}")) }
    })
    .await
}

/// Tries `check` every 50 ms until it gives `Ok`, for at most `limit`; then fails the test,
/// saying `what` was awaited and what the last try gave instead.
pub async fn eventually<T, E, F, Fut>(limit: Duration, what: &str, mut check: F) -> T
where
    E: std::fmt::Display,
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, E>>,
{
    let deadline = std::time::Instant::now() + limit;
    loop {
        match check().await {
            Ok(value) => return value,
            Err(e) if std::time::Instant::now() >= deadline => panic!("not {what} within {limit:?}: {e}"),
            Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
        }
    }
}
