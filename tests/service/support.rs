//! The service as tests meet it: a real `redis-server` per test (on a unix socket in a temp
//! folder, append-only), the real `mockjudge serve` and `mockjudge worker` processes against
//! it, and an HTTP client.

use crate::common::{copy_dir, fixture};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const ADMIN: &str = "admin-test-token";
pub const AC_PY: &str = "import sys\na, b = map(int, sys.stdin.read().split())\nprint(a + b)\n";
pub const WA_PY: &str = "import sys\na, b = map(int, sys.stdin.read().split())\nprint(a - b)\n";

/// A redis-server of the test's own.
pub struct Redis {
    dir: PathBuf,
    child: Option<Child>,
}

impl Redis {
    pub fn start(dir: &Path) -> Redis {
        std::fs::create_dir_all(dir).unwrap();
        let mut redis = Redis { dir: dir.to_path_buf(), child: None };
        redis.launch();
        redis
    }

    pub fn url(&self) -> String {
        format!("unix://{}", self.dir.join("redis.sock").display())
    }

    /// Starts redis-server (again, after [`Redis::stop`]) on the same data.
    pub fn launch(&mut self) {
        let sock = self.dir.join("redis.sock");
        let _ = std::fs::remove_file(&sock);
        let child = Command::new("redis-server")
            .args(["--port", "0", "--unixsocket"])
            .arg(&sock)
            .args(["--unixsocketperm", "700", "--appendonly", "yes", "--save", "", "--dir"])
            .arg(&self.dir)
            .stdout(Stdio::null())
            .spawn()
            .expect("redis-server must be installed (tests/run.sh installs it)");
        self.child = Some(child);
        wait_until(Duration::from_secs(10), "redis-server to listen", || {
            std::os::unix::net::UnixStream::connect(&sock).is_ok()
        });
    }

    /// Stops Redis as an operator would (SIGTERM: it writes its append-only file) and starts it
    /// again on the same data.
    pub fn restart(&mut self) {
        self.stop();
        self.launch();
    }

    /// Stops Redis as an operator would (SIGTERM: it writes its append-only file).
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            signal(child.id(), libc::SIGTERM);
            let _ = child.wait();
        }
    }
}

impl Drop for Redis {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

pub fn signal(pid: u32, sig: i32) {
    // SAFETY: kill has no memory preconditions.
    unsafe { libc::kill(pid as i32, sig) };
}

pub fn wait_until(limit: Duration, what: &str, mut ready: impl FnMut() -> bool) {
    let deadline = Instant::now() + limit;
    while !ready() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A `mockjudge` process; killed when dropped. Its stderr (the logs) goes to `log`.
pub struct Proc {
    pub child: Child,
    pub log: PathBuf,
    /// What it printed on stdout, line by line.
    pub stdout: std::sync::mpsc::Receiver<String>,
}

impl Proc {
    pub fn spawn(args: &[&str], env: &[(&str, String)], log: PathBuf) -> Proc {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_mockjudge"));
        cmd.args(args).stdout(Stdio::piped()).stderr(std::fs::File::create(&log).unwrap());
        cmd.env_remove("REDIS_URL").env_remove("MOCKJUDGE_ADMIN_TOKEN").env("MOCKJUDGE_LOG", "info");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("start mockjudge");
        let (tx, stdout) = std::sync::mpsc::channel();
        let out = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        Proc { child, log, stdout }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The first stdout line starting with `prefix`, without it.
    pub fn line_after(&self, prefix: &str, limit: Duration) -> String {
        let deadline = Instant::now() + limit;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.stdout.recv_timeout(left) {
                Ok(line) if line.starts_with(prefix) => return line[prefix.len()..].trim().to_string(),
                Ok(_) => {}
                Err(_) => panic!("no {prefix:?} line within {limit:?}; log:\n{}", self.logs()),
            }
        }
    }

    pub fn logs(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Sends SIGTERM and waits for the exit code.
    pub fn terminate(&mut self, limit: Duration) -> Option<i32> {
        signal(self.pid(), libc::SIGTERM);
        let deadline = Instant::now() + limit;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code();
            }
            assert!(Instant::now() < deadline, "no exit within {limit:?} of SIGTERM; log:\n{}", self.logs());
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Proc {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Settings a test may change.
#[derive(Clone)]
pub struct Options {
    pub worker: bool,
    pub env: Vec<(&'static str, String)>,
}

impl Default for Options {
    fn default() -> Self {
        Options { worker: true, env: Vec::new() }
    }
}

/// Redis, the API and (unless told otherwise) one worker, on a copy of the fixture problem `add`.
pub struct Service {
    pub tmp: tempfile::TempDir,
    pub redis: Redis,
    pub api: Proc,
    pub workers: Vec<Proc>,
    pub base: String,
    pub http: reqwest::Client,
    options: Options,
}

impl Service {
    pub async fn start(options: Options) -> Service {
        let tmp = tempfile::tempdir().unwrap();
        copy_dir(&fixture("problems/add"), &tmp.path().join("problems/add"));
        let redis = Redis::start(&tmp.path().join("redis"));
        let env = service_env(&redis, tmp.path(), &options);
        let api = Proc::spawn(&["serve", "--bind", "127.0.0.1:0"], &env, tmp.path().join("api.log"));
        let base = api.line_after("mockjudge: API listening on ", Duration::from_secs(20));
        let mut service = Service { tmp, redis, api, workers: Vec::new(), base, http: reqwest::Client::new(), options };
        if service.options.worker {
            service.start_worker(&[]);
        }
        service
    }

    pub fn env(&self) -> Vec<(&'static str, String)> {
        service_env(&self.redis, self.tmp.path(), &self.options)
    }

    pub fn problems(&self) -> PathBuf {
        self.tmp.path().join("problems")
    }

    /// Starts another worker with extra settings; returns its index in `workers`.
    pub fn start_worker(&mut self, extra: &[(&'static str, String)]) -> usize {
        let mut env = self.env();
        env.extend(extra.iter().cloned());
        let n = self.workers.len();
        let log = self.tmp.path().join(format!("worker-{n}.log"));
        self.workers.push(Proc::spawn(&["worker", "--log-format", "json"], &env, log));
        n
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn get(&self, token: &str, path: &str) -> (u16, Value) {
        let r = self.http.get(self.url(path)).bearer_auth(token).send().await.unwrap();
        let status = r.status().as_u16();
        (status, r.json().await.unwrap_or(Value::Null))
    }

    pub async fn post(&self, token: &str, path: &str, body: &Value) -> (u16, Value) {
        let r = self.http.post(self.url(path)).bearer_auth(token).json(body).send().await.unwrap();
        let status = r.status().as_u16();
        (status, r.json().await.unwrap_or(Value::Null))
    }

    /// A new candidate token.
    pub async fn candidate(&self, name: &str) -> String {
        let (status, body) = self.post(ADMIN, "/v1/tokens", &json!({ "name": name })).await;
        assert_eq!(status, 201, "{body}");
        body["token"].as_str().unwrap().to_string()
    }

    /// Submits a Python source to `add`; returns the id.
    pub async fn submit(&self, token: &str, source: &str) -> String {
        let body = json!({ "problem": "add", "language": "python", "source": source });
        let (status, body) = self.post(token, "/v1/submissions", &body).await;
        assert_eq!(status, 202, "{body}");
        body["id"].as_str().unwrap().to_string()
    }

    /// Polls until the submission is finished.
    pub async fn finished(&self, token: &str, id: &str, limit: Duration) -> Value {
        let deadline = Instant::now() + limit;
        loop {
            let (status, body) = self.get(token, &format!("/v1/submissions/{id}")).await;
            assert_eq!(status, 200, "{body}");
            if body["status"] == "finished" {
                return body;
            }
            assert!(
                Instant::now() < deadline,
                "{id} not finished within {limit:?}: {body}\nworker logs:\n{}",
                self.workers.iter().map(Proc::logs).collect::<Vec<_>>().join("\n")
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Opens the submission's event stream (SSE); the response's body is the stream.
    pub async fn open_events(&self, token: &str, id: &str) -> reqwest::Response {
        self.http.get(self.url(&format!("/v1/submissions/{id}/events"))).bearer_auth(token).send().await.unwrap()
    }

    /// The submission's whole event stream (SSE), until `finished`.
    pub async fn events(&self, token: &str, id: &str) -> Vec<(String, Value)> {
        use futures_util::StreamExt;
        let r = self.open_events(token, id).await;
        assert_eq!(r.status(), 200);
        assert_eq!(r.headers()["content-type"], "text/event-stream");
        let mut text = String::new();
        let mut body = r.bytes_stream();
        let read = async {
            while let Some(chunk) = body.next().await {
                text.push_str(&String::from_utf8_lossy(&chunk.unwrap()));
            }
        };
        tokio::time::timeout(Duration::from_secs(60), read).await.expect("the event stream ends after `finished`");
        parse_sse(&text)
    }

    pub async fn metric(&self, name: &str) -> f64 {
        let text = self.http.get(self.url("/metrics")).send().await.unwrap().text().await.unwrap();
        text.lines()
            .find_map(|l| l.strip_prefix(name).and_then(|rest| rest.strip_prefix(' ')))
            .unwrap_or_else(|| panic!("{name} not in /metrics:\n{text}"))
            .parse()
            .unwrap()
    }

    /// Waits until `/readyz` answers `status`; returns its body.
    pub async fn readyz(&self, status: u16, limit: Duration) -> Value {
        let deadline = Instant::now() + limit;
        loop {
            let r = self.http.get(self.url("/readyz")).send().await.unwrap();
            let got = r.status().as_u16();
            let body: Value = r.json().await.unwrap();
            if got == status {
                return body;
            }
            assert!(Instant::now() < deadline, "/readyz did not become {status}: {body}\napi log:\n{}", self.api.logs());
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }
}

fn service_env(redis: &Redis, tmp: &Path, options: &Options) -> Vec<(&'static str, String)> {
    let mut env = vec![
        ("REDIS_URL", redis.url()),
        ("MOCKJUDGE_ADMIN_TOKEN", ADMIN.to_string()),
        ("MOCKJUDGE_PROBLEMS", tmp.join("problems").display().to_string()),
        ("MOCKJUDGE_CACHE_DIR", tmp.join("cache").display().to_string()),
    ];
    env.extend(options.env.iter().cloned());
    env
}

/// `(event, data)` pairs of an SSE body.
pub fn parse_sse(text: &str) -> Vec<(String, Value)> {
    text.split("\n\n")
        .filter_map(|block| {
            let mut event = None;
            let mut data = None;
            for line in block.lines() {
                if let Some(e) = line.strip_prefix("event: ").or_else(|| line.strip_prefix("event:")) {
                    event = Some(e.trim().to_string());
                }
                if let Some(d) = line.strip_prefix("data: ").or_else(|| line.strip_prefix("data:")) {
                    data = serde_json::from_str(d.trim()).ok();
                }
            }
            Some((event?, data.unwrap_or(Value::Null)))
        })
        .collect()
}

/// A callback's headers and body, as received.
pub type Delivery = (axum::http::HeaderMap, axum::body::Bytes);

/// A callback receiver on a local port that answers 500 to the first delivery and 204 after
/// (so the worker must retry); returns its URL and what it received.
pub async fn callback_receiver() -> (String, std::sync::Arc<std::sync::Mutex<Vec<Delivery>>>) {
    use axum::{http::StatusCode, routing::post, Router};
    let received: std::sync::Arc<std::sync::Mutex<Vec<Delivery>>> = Default::default();
    let log = received.clone();
    let app = Router::new().route(
        "/hook",
        post(move |headers, body| {
            let log = log.clone();
            async move {
                let mut log = log.lock().unwrap();
                log.push((headers, body));
                if log.len() == 1 { StatusCode::INTERNAL_SERVER_ERROR } else { StatusCode::NO_CONTENT }
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let hook = format!("http://{}/hook", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (hook, received)
}

/// Creates and queues a Python submission to `add` straight through the store.
pub async fn queue_submission(store: &mockjudge::store::Store, source: &str) -> uuid::Uuid {
    use mockjudge::store::{self, Meta, NewSubmission};
    let meta = Meta {
        id: uuid::Uuid::new_v4(),
        owner: store::INSTRUCTOR.to_string(),
        problem: "add".into(),
        problem_version: "v".into(),
        language: mockjudge::language::Language::Python,
        created_ms: store::now_ms(),
        callback_url: None,
    };
    let id = meta.id;
    store.create(&NewSubmission { meta, source: source.into(), idempotency: None }).await.unwrap();
    id
}
