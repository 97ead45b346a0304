//! Losing a worker, Redis or Docker loses no submission: each still ends with exactly one
//! final result. These run one at a time: each times a job against a kill or a restart.

use crate::common::{containers_of, eventually, sandbox};
use crate::support::{callback_receiver, Options, Service, ADMIN};
use serde_json::json;
use std::path::{Path, PathBuf};
use std::time::Duration;

static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Accepted, but slow enough (four tests of 0.6 s each) to be caught mid-job.
const SLOW_AC_PY: &str = "import sys, time\ntime.sleep(0.6)\na, b = map(int, sys.stdin.read().split())\nprint(a + b)\n";
const FINISH: Duration = Duration::from_secs(90);

fn fast_reclaim() -> Options {
    Options { worker: false, env: vec![("MOCKJUDGE_VISIBILITY_TIMEOUT", "2".into())], ..Default::default() }
}

async fn wait_status(service: &Service, id: &str, status: &str) {
    eventually(Duration::from_secs(60), status, || async {
        let (_, view) = service.get(ADMIN, &format!("/v1/submissions/{id}")).await;
        if view["status"] == status { Ok(()) } else { Err(view) }
    })
    .await
}

async fn assert_no_boxes_of(pid: u32) {
    let sandbox = sandbox().await;
    eventually(Duration::from_secs(20), "rid of the worker's boxes", || async {
        let left = containers_of(&sandbox, pid).await;
        if left.is_empty() { Ok(()) } else { Err(format!("{left:?}")) }
    })
    .await
}

/// SIGKILLs the (only) worker while it judges `id`; returns its pid.
async fn kill_mid_job(service: &mut Service, id: &str) -> u32 {
    wait_status(service, id, "running").await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    let worker = service.workers.last_mut().unwrap();
    worker.child.kill().unwrap();
    worker.child.wait().unwrap();
    worker.pid()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_worker_killed_mid_job_is_taken_over_and_the_submission_ends_once() {
    let _serial = SERIAL.lock().await;
    // The default visibility timeout: a killed worker's job must finish within 15 s.
    let mut service = Service::start(Options { worker: false, ..Default::default() }).await;
    service.start_worker(&[]);
    let id = service.submit(ADMIN, SLOW_AC_PY).await;
    let killed = kill_mid_job(&mut service, &id).await;
    let kill_time = std::time::Instant::now();

    service.start_worker(&[]);
    let view = service.finished(ADMIN, &id, FINISH).await;
    let took = kill_time.elapsed();
    println!("finished {took:?} after the kill");
    assert!(took < Duration::from_secs(15), "finished {took:?} after the kill");
    assert_eq!(view["verdict"], "AC", "{view}");
    assert_eq!(view["attempts"], 2, "{view}");
    assert_eq!(service.metric("mockjudge_reclaimed_jobs_total").await, 1.0);
    let events = service.events(ADMIN, &id).await;
    let count = |kind: &str| events.iter().filter(|(k, _)| k == kind).count();
    assert_eq!((count("running"), count("finished")), (2, 1), "{events:?}");
    assert_eq!(service.metric("mockjudge_verdicts_total{verdict=\"AC\"}").await, 1.0, "counted once");
    assert_no_boxes_of(killed).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn past_its_attempt_limit_a_submission_ends_as_ie_with_the_reason() {
    let _serial = SERIAL.lock().await;
    let mut options = fast_reclaim();
    options.env.push(("MOCKJUDGE_MAX_ATTEMPTS", "1".into()));
    let mut service = Service::start(options).await;
    service.start_worker(&[]);
    let id = service.submit(ADMIN, SLOW_AC_PY).await;
    kill_mid_job(&mut service, &id).await;
    service.start_worker(&[]);
    let view = service.finished(ADMIN, &id, FINISH).await;
    assert_eq!((view["verdict"].as_str(), view["attempts"].as_u64()), (Some("IE"), Some(1)), "{view}");
    let message = view["message"].as_str().unwrap_or_default();
    assert!(message.contains("gave up after 1 attempt"), "{view}");
}

#[tokio::test(flavor = "multi_thread")]
async fn queued_submissions_survive_a_redis_restart() {
    let _serial = SERIAL.lock().await;
    let mut service = Service::start(Options { worker: false, ..Default::default() }).await;
    let mut ids = Vec::new();
    for _ in 0..5 {
        ids.push(service.submit(ADMIN, crate::support::AC_PY).await);
    }
    assert_eq!(service.metric("mockjudge_queue_depth").await, 5.0);
    service.redis.restart();

    // The API reconnects by itself; a request during the reconnection may get 503.
    let view = eventually(Duration::from_secs(20), "reconnected", || async {
        let (status, view) = service.get(ADMIN, &format!("/v1/submissions/{}", ids[0])).await;
        assert!(status == 200 || status == 503, "{status}: {view}");
        if status == 200 { Ok(view) } else { Err(view) }
    })
    .await;
    assert_eq!(view["status"], "queued");
    assert_eq!(service.metric("mockjudge_queue_depth").await, 5.0, "nothing lost");
    service.start_worker(&[]);
    for id in &ids {
        let view = service.finished(ADMIN, id, FINISH).await;
        assert_eq!((view["verdict"].as_str(), view["attempts"].as_u64()), (Some("AC"), Some(1)), "{view}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn while_redis_is_down_requests_get_503_at_once_and_succeed_when_it_is_back() {
    let _serial = SERIAL.lock().await;
    let mut service = Service::start(Options { worker: false, ..Default::default() }).await;
    let id = service.submit(ADMIN, crate::support::AC_PY).await;
    let path = format!("/v1/submissions/{id}");
    service.redis.stop();

    // The first request finds Redis gone (waiting out the reconnection); the rest know.
    let (status, _) = service.get(ADMIN, &path).await;
    assert_eq!(status, 503);
    let mut slowest = Duration::ZERO;
    for path in [path.as_str(), "/v1/submissions", "/metrics"].into_iter().cycle().take(30) {
        let started = std::time::Instant::now();
        let r = service.http.get(service.url(path)).bearer_auth(ADMIN).send().await.unwrap();
        let took = started.elapsed();
        assert_eq!((r.status().as_u16(), r.headers().get("retry-after").map(|v| v.to_str().unwrap())), (503, Some("1")), "{path}");
        slowest = slowest.max(took);
    }
    assert!(slowest < Duration::from_millis(100), "a 503 took {slowest:?}");
    let body = service.readyz(503, Duration::from_secs(1)).await;
    assert!(body["failures"].to_string().contains("redis"), "{body}");

    service.redis.launch();
    let back = std::time::Instant::now();
    loop {
        let (status, view) = service.get(ADMIN, &path).await;
        if status == 200 {
            assert_eq!(view["status"], "queued");
            break;
        }
        assert!(back.elapsed() < Duration::from_secs(10), "the API did not recover: {status} {view}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    eprintln!("with Redis down, 30 requests got 503 within {slowest:?} each; back {:?} after Redis was", back.elapsed());
}

/// A stand-in path to the Docker daemon that the test can cut and restore: the worker is
/// pointed at it with DOCKER_HOST, the daemon itself keeps running for everything else.
struct DockerLink {
    path: PathBuf,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl DockerLink {
    fn new(path: &Path) -> DockerLink {
        let mut link = DockerLink { path: path.to_path_buf(), task: None };
        link.connect();
        link
    }

    fn daemon() -> PathBuf {
        std::env::var("DOCKER_HOST")
            .ok()
            .and_then(|h| h.strip_prefix("unix://").map(PathBuf::from))
            .unwrap_or_else(|| PathBuf::from("/var/run/docker.sock"))
    }

    fn connect(&mut self) {
        let _ = std::fs::remove_file(&self.path);
        let listener = tokio::net::UnixListener::bind(&self.path).unwrap();
        self.task = Some(tokio::spawn(async move {
            // Dropping the set (when the task is aborted) cuts every open connection too.
            let mut connections = tokio::task::JoinSet::new();
            while let Ok((mut client, _)) = listener.accept().await {
                connections.spawn(async move {
                    if let Ok(mut daemon) = tokio::net::UnixStream::connect(DockerLink::daemon()).await {
                        let _ = tokio::io::copy_bidirectional(&mut client, &mut daemon).await;
                    }
                });
            }
        }));
    }

    fn cut(&mut self) {
        if let Some(task) = self.task.take() {
            task.abort();
        }
        let _ = std::fs::remove_file(&self.path);
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn while_docker_is_unreachable_submissions_wait_and_readyz_says_why() {
    let _serial = SERIAL.lock().await;
    let mut service = Service::start(Options { worker: false, ..Default::default() }).await;
    let mut link = DockerLink::new(&service.tmp.path().join("docker.sock"));
    service.start_worker(&[("DOCKER_HOST", format!("unix://{}", link.path.display()))]);
    service.readyz(200, Duration::from_secs(30)).await;

    link.cut();
    let body = service.readyz(503, Duration::from_secs(30)).await;
    let failures = body["failures"].to_string();
    assert!(failures.contains("docker"), "{body}");

    let id = service.submit(ADMIN, crate::support::AC_PY).await;
    tokio::time::sleep(Duration::from_secs(4)).await;
    let (_, view) = service.get(ADMIN, &format!("/v1/submissions/{id}")).await;
    assert_eq!(view["status"], "queued", "waits while Docker is away: {view}");

    link.connect();
    service.readyz(200, Duration::from_secs(30)).await;
    let view = service.finished(ADMIN, &id, FINISH).await;
    assert_eq!(view["verdict"], "AC", "{view}");
}

#[tokio::test(flavor = "multi_thread")]
async fn sigterm_lets_running_jobs_finish_and_their_callbacks_be_delivered_then_exits() {
    let _serial = SERIAL.lock().await;
    let mut service = Service::start(Options::default()).await;
    let (hook, received) = callback_receiver().await;
    let body = json!({ "problem": "add", "language": "python", "source": SLOW_AC_PY, "callback_url": hook });
    let (_, created) = service.post(ADMIN, "/v1/submissions", &body).await;
    let id = created["id"].as_str().unwrap().to_string();
    wait_status(&service, &id, "running").await;
    let pid = service.workers[0].pid();
    let code = service.workers[0].terminate(Duration::from_secs(60));
    assert_eq!(code, Some(0), "{}", service.workers[0].logs());
    let (_, view) = service.get(ADMIN, &format!("/v1/submissions/{id}")).await;
    assert_eq!((view["status"].as_str(), view["verdict"].as_str()), (Some("finished"), Some("AC")), "{view}");
    // The receiver refused the first delivery; the worker stayed for the retry a second later.
    assert_eq!(received.lock().unwrap().len(), 2, "{}", service.workers[0].logs());
    assert_no_boxes_of(pid).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_job_still_running_when_the_drain_ends_is_handed_back() {
    let _serial = SERIAL.lock().await;
    let mut service = Service::start(Options { worker: false, ..Default::default() }).await;
    service.start_worker(&[("MOCKJUDGE_DRAIN_TIMEOUT", "0.3".into())]);
    let id = service.submit(ADMIN, SLOW_AC_PY).await;
    wait_status(&service, &id, "running").await;
    let pid = service.workers[0].pid();
    assert_eq!(service.workers[0].terminate(Duration::from_secs(30)), Some(0), "{}", service.workers[0].logs());
    let (_, view) = service.get(ADMIN, &format!("/v1/submissions/{id}")).await;
    assert_eq!((view["status"].as_str(), view["attempts"].as_u64()), (Some("queued"), Some(0)), "handed back uncounted: {view}");
    assert_no_boxes_of(pid).await;

    service.start_worker(&[]);
    let view = service.finished(ADMIN, &id, FINISH).await;
    assert_eq!((view["verdict"].as_str(), view["attempts"].as_u64()), (Some("AC"), Some(1)), "{view}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_submission_whose_record_is_unreadable_ends_as_ie_instead_of_coming_back() {
    let _serial = SERIAL.lock().await;
    let service = Service::start(Options::default()).await;
    let client = redis::Client::open(service.redis.url()).unwrap();
    let mut redis = client.get_multiplexed_async_connection().await.unwrap();
    // As if an older or newer version had written a record this one cannot read.
    let id = uuid::Uuid::new_v4();
    let key = format!("mockjudge:submission:{id}");
    let fields = [("meta", "{\"problem\":"), ("status", "queued")];
    let _: () = redis::AsyncCommands::hset_multiple(&mut redis, &key, &fields).await.unwrap();
    let _: String = redis::cmd("XADD").arg("mockjudge:submissions").arg("*").arg("id").arg(id.to_string()).query_async(&mut redis).await.unwrap();

    let service = &service;
    eventually(Duration::from_secs(30), "finished", || {
        let mut redis = redis.clone();
        let key = key.clone();
        async move {
            let status: Option<String> = redis::AsyncCommands::hget(&mut redis, &key, "status").await.unwrap();
            if status.as_deref() == Some("finished") { Ok(()) } else { Err(format!("{status:?}; worker log:\n{}", service.workers[0].logs())) }
        }
    })
    .await;
    let result: String = redis::AsyncCommands::hget(&mut redis, &key, "result").await.unwrap();
    let result: serde_json::Value = serde_json::from_str(&result).unwrap();
    assert_eq!(result["verdict"], "IE", "{result}");
    assert!(result["message"].as_str().is_some_and(|m| m.contains("unreadable")), "{result}");
    assert_eq!((service.metric("mockjudge_queue_depth").await, service.metric("mockjudge_jobs_in_flight").await), (0.0, 0.0));
}
