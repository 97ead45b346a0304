//! The queue's ownership rules against a real Redis, driven through the library's `Store` (no
//! Docker): a stale job is found however many live ones are pending, and a worker that lost
//! its job to another can neither keep it alive nor hand it back.

use crate::support::{queue_submission, Redis};
use mockjudge::store::queue::{Begin, Job};
use mockjudge::store::Store;
use std::time::Duration;

const VISIBILITY: Duration = Duration::from_millis(300);

async fn take(store: &Store, consumer: &str) -> Option<Job> {
    let mut conn = store.blocking(Duration::from_millis(50)).await.unwrap();
    store
        .next_job(&mut conn, consumer, VISIBILITY, Duration::from_millis(50))
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_stale_job_behind_many_live_ones_is_taken_over_once_and_its_old_worker_lets_go() {
    let tmp = tempfile::tempdir().unwrap();
    let redis = Redis::start(tmp.path());
    let store = Store::connect(&redis.url()).await.unwrap();
    let mut ids = Vec::new();
    for _ in 0..15 {
        ids.push(queue_submission(&store, "print(1)").await);
    }
    // "live" holds all 15; it keeps the first 14 alive and goes quiet on the last.
    let mut held = Vec::new();
    for _ in 0..15 {
        let job = take(&store, "live").await.expect("a queued job");
        assert!(matches!(
            store.begin(&job, 2).await.unwrap(),
            Begin::Run { attempt: 1 }
        ));
        held.push(job);
    }
    let stale = held.pop().unwrap();
    assert_eq!(stale.submission, ids[14]);
    assert!(
        take(&store, "other").await.is_none(),
        "nothing is stale yet"
    );
    for _ in 0..3 {
        tokio::time::sleep(VISIBILITY / 2).await;
        for job in &held {
            assert!(store.heartbeat(job).await.unwrap());
        }
    }

    // Fourteen live entries come first in the pending list; the stale one is still found.
    let taken = take(&store, "other").await.expect("the stale job");
    assert_eq!(
        (taken.submission, taken.reclaimed),
        (stale.submission, true)
    );
    assert!(take(&store, "third").await.is_none(), "taken over once");
    assert!(matches!(
        store.begin(&taken, 2).await.unwrap(),
        Begin::Run { attempt: 2 }
    ));

    // Its old worker wakes up: it no longer owns the job, so its heartbeat says so (and does
    // not take the job back) and its hand-back changes nothing.
    assert!(!store.heartbeat(&stale).await.unwrap());
    assert!(!store
        .release(&stale, "the worker shut down", None, false)
        .await
        .unwrap());
    let record = store.get(stale.submission).await.unwrap().unwrap();
    assert_eq!(
        (record.status, record.attempts),
        (mockjudge::progress::Status::Running, 2)
    );
    assert_eq!(store.queue_depth().await.unwrap(), (0, 15));
    assert!(
        store.heartbeat(&taken).await.unwrap(),
        "the new owner keeps it"
    );

    // Its new owner hands it back counted: the third delivery finds the attempts spent and
    // the record still says two.
    assert!(store
        .release(&taken, "the sandbox failed", Some("detail"), true)
        .await
        .unwrap());
    assert_eq!(store.queue_depth().await.unwrap(), (1, 14));
    let again = take(&store, "third").await.expect("the handed-back job");
    match store.begin(&again, 2).await.unwrap() {
        Begin::Exhausted {
            attempts,
            last_error,
        } => {
            assert_eq!(
                (attempts, last_error.as_deref()),
                (2, Some("the sandbox failed: detail"))
            )
        }
        other => panic!("expected the attempts to be spent, got {other:?}"),
    }
    assert_eq!(
        store.get(stale.submission).await.unwrap().unwrap().attempts,
        2
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_lost_group_is_counted_as_waiting_and_made_again_by_the_next_read() {
    let tmp = tempfile::tempdir().unwrap();
    let redis = Redis::start(tmp.path());
    let store = Store::connect(&redis.url()).await.unwrap();
    let ids = [queue_submission(&store, "print(1)").await, queue_submission(&store, "print(1)").await];
    let mut conn = redis::Client::open(redis.url()).unwrap().get_multiplexed_async_connection().await.unwrap();
    let _: i64 = redis::cmd("XGROUP").arg("DESTROY").arg("mockjudge:submissions").arg("workers").query_async(&mut conn).await.unwrap();
    assert_eq!(store.queue_depth().await.unwrap(), (2, 0));
    assert!(take(&store, "w#0").await.is_none(), "this read makes the group again");
    let first = take(&store, "w#0").await.expect("a queued job");
    assert_eq!(first.submission, ids[0]);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_stopping_slot_leaves_the_group_unless_it_holds_a_job() {
    let tmp = tempfile::tempdir().unwrap();
    let redis = Redis::start(tmp.path());
    let store = Store::connect(&redis.url()).await.unwrap();
    queue_submission(&store, "print(1)").await;
    take(&store, "w#0").await.expect("a queued job");
    assert!(take(&store, "w#1").await.is_none());
    store.forget_consumer("w#0").await.unwrap();
    store.forget_consumer("w#1").await.unwrap();
    let mut conn = redis::Client::open(redis.url()).unwrap().get_multiplexed_async_connection().await.unwrap();
    let consumers: Vec<redis::Value> =
        redis::cmd("XINFO").arg("CONSUMERS").arg("mockjudge:submissions").arg("workers").query_async(&mut conn).await.unwrap();
    let text = format!("{consumers:?}");
    assert!(text.contains("w#0") && !text.contains("w#1"), "the one holding a job stays for its takeover: {text}");
}
