//! A worker driven one step at a time ([`Worker::try_execute_job`]), in-process, against a real
//! Redis and real Docker boxes: claim → judge → finish, a drain that hands the job back, and a
//! takeover, each without sleeping for the queue.

use crate::common::{copy_dir, fixture};
use crate::support::{queue_submission, Redis, AC_PY, WA_PY};
use mockjudge::catalog::Catalog;
use mockjudge::progress::Status;
use mockjudge::sandbox::Sandbox;
use mockjudge::store::Store;
use mockjudge::verdict::Verdict;
use mockjudge::worker::{Outcome, Worker, WorkerConfig};
use std::time::Duration;
use tokio_util::sync::CancellationToken;

struct Setup {
    _tmp: tempfile::TempDir,
    _redis: Redis,
    store: Store,
    catalog: Catalog,
    sandbox: Sandbox,
}

async fn setup() -> Setup {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&fixture("problems/add"), &tmp.path().join("problems/add"));
    let redis = Redis::start(&tmp.path().join("redis"));
    let store = Store::connect(&redis.url()).await.unwrap();
    let catalog = Catalog::load(&tmp.path().join("problems")).unwrap();
    let sandbox = Sandbox::connect().await.expect("Docker");
    Setup { _tmp: tmp, _redis: redis, store, catalog, sandbox }
}

fn worker(s: &Setup, name: &str, visibility: Duration) -> Worker {
    let config = WorkerConfig {
        name: name.into(),
        concurrency: 1,
        visibility,
        max_attempts: 3,
        drain_timeout: Duration::from_secs(10),
        cache_dir: std::env::temp_dir().join("mockjudge-test-cache"),
        max_source_bytes: 1 << 20,
        callback_secret: "secret".into(),
    };
    Worker::new(s.store.clone(), s.catalog.clone(), config)
}

/// One step of `worker` as consumer `consumer`, with no shutdown and the given drain.
async fn step(s: &Setup, worker: &Worker, consumer: &str, drain_over: &CancellationToken) -> Outcome {
    let mut conn = s.store.blocking(Duration::from_secs(5)).await.unwrap();
    worker.try_execute_job(&s.sandbox, &mut conn, consumer, &CancellationToken::new(), drain_over).await.unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn one_step_claims_judges_and_finishes_one_job_then_finds_none() {
    let s = setup().await;
    let w = worker(&s, "w", Duration::from_secs(10));
    let never = CancellationToken::new();
    let ac = queue_submission(&s.store, AC_PY).await;
    let wa = queue_submission(&s.store, WA_PY).await;
    assert_eq!(step(&s, &w, "w#0", &never).await, Outcome::Finished(Verdict::AC));
    assert_eq!(s.store.get(ac).await.unwrap().unwrap().status, Status::Finished);
    assert_eq!(s.store.get(wa).await.unwrap().unwrap().status, Status::Queued);
    assert_eq!(step(&s, &w, "w#0", &never).await, Outcome::Finished(Verdict::WA));
    assert_eq!(step(&s, &w, "w#0", &never).await, Outcome::NoJob);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_drained_job_is_handed_back_and_the_next_step_finishes_it() {
    let s = setup().await;
    let w = worker(&s, "w", Duration::from_secs(10));
    let id = queue_submission(&s.store, AC_PY).await;
    let drained = CancellationToken::new();
    drained.cancel();
    assert_eq!(step(&s, &w, "w#0", &drained).await, Outcome::Released);
    let record = s.store.get(id).await.unwrap().unwrap();
    assert_eq!((record.status, record.attempts), (Status::Queued, 0), "a drain does not count as an attempt");
    assert_eq!(step(&s, &w, "w#0", &CancellationToken::new()).await, Outcome::Finished(Verdict::AC));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_job_whose_worker_went_quiet_is_taken_over_and_its_old_worker_lets_go() {
    let s = setup().await;
    // A visibility of 0.5 s: "quiet" took its job and stopped touching it (as if killed).
    let visibility = Duration::from_millis(500);
    let id = queue_submission(&s.store, AC_PY).await;
    let mut conn = s.store.blocking(Duration::from_secs(1)).await.unwrap();
    let quiet = s.store.next_job(&mut conn, "quiet#0", visibility, Duration::from_secs(1)).await.unwrap().expect("a job");
    s.store.begin(&quiet, 3).await.unwrap();
    tokio::time::sleep(visibility + Duration::from_millis(100)).await;
    let w = worker(&s, "w", visibility);
    assert_eq!(step(&s, &w, "w#0", &CancellationToken::new()).await, Outcome::Finished(Verdict::AC));
    let record = s.store.get(id).await.unwrap().unwrap();
    assert_eq!((record.status, record.attempts), (Status::Finished, 2));
    // The quiet worker wakes up: its job is no longer its own.
    assert!(!s.store.heartbeat(&quiet).await.unwrap());
}
