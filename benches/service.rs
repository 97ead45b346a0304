//! `cargo bench --bench service`: the service under load, on this machine, in one run.
//! Needs `redis-server` and `wrk` (`apt-get install redis-server wrk`) and the python image.
//!
//! (a) `GET /v1/submissions/{id}` requests/s, with a candidate token, from wrk (2 threads, 64
//!     connections, 10 s) (target ≥ 5,000/s)
//! (b) `POST /v1/submissions` latency p50/p99 at a steady 200/s for 10 s, open loop: a request
//!     is sent every 5 ms whether or not the earlier ones were answered (target p99 ≤ 20 ms)
//! (c) end-to-end submissions/s for a trivial one-test solution, with 1 worker and with 2
//!     (each `--concurrency 1`), from a queue of 40 (target 2 workers ≥ 1.6× one)
//!
//! The API and workers are the release binary as separate processes; the load generators run
//! in this process or in wrk, all on the same machine, so the figures include their share of it.

use serde_json::{json, Value};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const ADMIN: &str = "bench-admin-token";
const SOLUTION: &str = "import sys\nprint(sum(map(int, sys.stdin.read().split())))\n";
const E2E_SUBMISSIONS: usize = 40;

struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn main() {
    for tool in ["redis-server", "wrk"] {
        if Command::new("sh").args(["-c", &format!("command -v {tool}")]).output().map_or(true, |o| !o.status.success()) {
            eprintln!("benches/service: {tool} is missing; `apt-get install redis-server wrk`");
            std::process::exit(2);
        }
    }
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(bench());
}

/// A problem with one test: `1 2` → `3`.
fn make_problem(root: &Path) {
    let dir = root.join("sum");
    std::fs::create_dir_all(dir.join("data/secret")).unwrap();
    std::fs::write(dir.join("problem.yaml"), "name: sum\nlimits:\n  time_limit: 1\n  memory: 256\n").unwrap();
    std::fs::write(dir.join("data/secret/1.in"), "1 2\n").unwrap();
    std::fs::write(dir.join("data/secret/1.ans"), "3\n").unwrap();
}

fn mockjudge(args: &[&str], env: &[(&str, String)], log: &Path) -> Killed {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mockjudge"));
    cmd.args(args).env("MOCKJUDGE_LOG", "warn").stdout(Stdio::piped()).stderr(std::fs::File::create(log).unwrap());
    for (k, v) in env {
        cmd.env(k, v);
    }
    Killed(cmd.spawn().unwrap())
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1]
}

async fn bench() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    make_problem(&root.join("problems"));
    let sock = root.join("redis.sock");
    let _redis = Killed(
        Command::new("redis-server")
            .args(["--port", "0", "--unixsocket"])
            .arg(&sock)
            .args(["--appendonly", "yes", "--save", "", "--dir"])
            .arg(root)
            .stdout(Stdio::null())
            .spawn()
            .unwrap(),
    );
    while std::os::unix::net::UnixStream::connect(&sock).is_err() {
        std::thread::sleep(Duration::from_millis(20));
    }
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let env = vec![
        ("REDIS_URL", format!("unix://{}", sock.display())),
        ("MOCKJUDGE_ADMIN_TOKEN", ADMIN.to_string()),
        ("MOCKJUDGE_PROBLEMS", root.join("problems").display().to_string()),
        ("MOCKJUDGE_CACHE_DIR", root.join("cache").display().to_string()),
        ("MOCKJUDGE_BIND", format!("127.0.0.1:{port}")),
        // The load comes from one address and one token, far over a client's limits.
        ("MOCKJUDGE_RATE_LIMIT", "0".to_string()),
        ("MOCKJUDGE_ADDRESS_RATE_LIMIT", "0".to_string()),
    ];
    let _api = mockjudge(&["serve"], &env, &root.join("api.log"));
    let base = format!("http://127.0.0.1:{port}");
    let http = reqwest::Client::new();
    while http.get(format!("{base}/healthz")).send().await.is_err() {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let token: Value = http.post(format!("{base}/v1/tokens")).bearer_auth(ADMIN).json(&json!({ "name": "bench" })).send().await.unwrap().json().await.unwrap();
    let token = token["token"].as_str().unwrap().to_string();
    let submission = json!({ "problem": "sum", "language": "python", "source": SOLUTION });

    // (a) GET requests/s.
    let created: Value = http.post(format!("{base}/v1/submissions")).bearer_auth(&token).json(&submission).send().await.unwrap().json().await.unwrap();
    let url = format!("{base}/v1/submissions/{}", created["id"].as_str().unwrap());
    let wrk = Command::new("wrk")
        .args(["-t2", "-c64", "-d10s", "--latency", "-H", &format!("Authorization: Bearer {token}"), &url])
        .output()
        .unwrap();
    let wrk = String::from_utf8_lossy(&wrk.stdout).to_string();
    let get_rps: f64 = wrk
        .lines()
        .find_map(|l| l.trim().strip_prefix("Requests/sec:"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(|| panic!("no Requests/sec in wrk's output:\n{wrk}"));
    let non_2xx = wrk.lines().find(|l| l.contains("Non-2xx")).unwrap_or("").trim().to_string();

    // (b) POST latency at a steady 200/s.
    let mut ticker = tokio::time::interval(Duration::from_millis(5));
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Burst);
    let mut requests = tokio::task::JoinSet::new();
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(10) {
        ticker.tick().await;
        let request = http.post(format!("{base}/v1/submissions")).bearer_auth(&token).json(&submission);
        requests.spawn(async move {
            let sent = Instant::now();
            let status = request.send().await.map(|r| r.status().as_u16()).unwrap_or(0);
            (sent.elapsed().as_secs_f64() * 1000.0, status)
        });
    }
    let mut latencies = Vec::new();
    while let Some(done) = requests.join_next().await {
        let (ms, status) = done.unwrap();
        assert_eq!(status, 202, "every POST is accepted");
        latencies.push(ms);
    }
    latencies.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let posts = latencies.len();
    let (p50, p99) = (percentile(&latencies, 0.50), percentile(&latencies, 0.99));

    // The POSTs above left a queue: clear it so that (c) times its own submissions only.
    let mut redis = redis::Client::open(format!("unix://{}", sock.display())).unwrap().get_multiplexed_async_connection().await.unwrap();
    let _: () = redis::cmd("FLUSHALL").query_async(&mut redis).await.unwrap();
    drop(_api);
    let _api = mockjudge(&["serve"], &env, &root.join("api.log"));
    while http.get(format!("{base}/healthz")).send().await.is_err() {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }

    // (c) end to end with 1 and 2 workers.
    let mut rates = Vec::new();
    for workers in [1usize, 2] {
        let procs: Vec<Killed> = (0..workers)
            .map(|i| mockjudge(&["worker", "--concurrency", "1"], &env, &root.join(format!("worker-{workers}-{i}.log"))))
            .collect();
        loop {
            let ready: Value = http.get(format!("{base}/readyz")).send().await.unwrap().json().await.unwrap();
            let up = ready["workers"].as_array().map_or(0, |w| w.iter().filter(|w| w["docker_error"].is_null() && w["missing_images"] == json!([])).count());
            if up == workers {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let started = Instant::now();
        let mut ids = Vec::new();
        for _ in 0..E2E_SUBMISSIONS {
            let created: Value = http.post(format!("{base}/v1/submissions")).bearer_auth(ADMIN).json(&submission).send().await.unwrap().json().await.unwrap();
            ids.push(created["id"].as_str().unwrap().to_string());
        }
        for id in &ids {
            loop {
                let view: Value = http.get(format!("{base}/v1/submissions/{id}")).bearer_auth(ADMIN).send().await.unwrap().json().await.unwrap();
                if view["status"] == "finished" {
                    assert_eq!(view["verdict"], "AC", "{view}");
                    break;
                }
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        }
        rates.push(E2E_SUBMISSIONS as f64 / started.elapsed().as_secs_f64());
        drop(procs);
        // Workers that were killed leave their health reports behind for a few seconds.
        let _: () = redis::cmd("DEL").arg("mockjudge:workers").query_async(&mut redis).await.unwrap();
    }

    println!("mockjudge service benchmark ({} CPUs)", std::thread::available_parallelism().map_or(1, |n| n.get()));
    println!("(a) GET /v1/submissions/{{id}}: {get_rps:.0} requests/s (wrk -t2 -c64 -d10s; target >= 5000) {non_2xx}");
    println!("(b) POST /v1/submissions at 200/s for 10 s ({posts} requests): p50 {p50:.2} ms, p99 {p99:.2} ms (target p99 <= 20 ms)");
    println!(
        "(c) end to end, {E2E_SUBMISSIONS} one-test submissions: 1 worker {:.2}/s, 2 workers {:.2}/s: {:.2}x (target >= 1.6x)",
        rates[0],
        rates[1],
        rates[1] / rates[0]
    );
}
