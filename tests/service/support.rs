//! The service as tests meet it: a real `redis-server` per test (on a unix socket in a temp
//! folder, append-only), the real `mockjudge serve` and `mockjudge worker` processes against
//! it, and an HTTP client.

pub use crate::common::http::{Client, AC_PY, ADMIN, WA_PY};
pub use crate::common::redis::{signal, Redis};
use crate::common::{copy_dir, eventually, fixture};
use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};


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
    /// The repository's problems (`problems/<slug>`) to offer besides the fixture `add`.
    pub problems: Vec<&'static str>,
}

impl Default for Options {
    fn default() -> Self {
        Options { worker: true, env: Vec::new(), problems: Vec::new() }
    }
}

/// Redis, the API and (unless told otherwise) one worker, on a copy of the fixture problem `add`
/// (and of `options.problems`) and of the fixture assessment templates.
pub struct Service {
    pub tmp: tempfile::TempDir,
    pub redis: Redis,
    pub api: Proc,
    pub workers: Vec<Proc>,
    client: Client,
    options: Options,
    /// How many times the API has been started after the first.
    api_starts: usize,
}

/// A service is used through its API.
impl std::ops::Deref for Service {
    type Target = Client;

    fn deref(&self) -> &Client {
        &self.client
    }
}

impl Service {
    pub async fn start(options: Options) -> Service {
        let tmp = tempfile::tempdir().unwrap();
        copy_dir(&fixture("problems/add"), &tmp.path().join("problems/add"));
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        for problem in &options.problems {
            copy_dir(&repo.join("problems").join(problem), &tmp.path().join("problems").join(problem));
        }
        copy_dir(&fixture("assessments"), &tmp.path().join("assessments"));
        let redis = Redis::start(&tmp.path().join("redis"));
        let env = service_env(&redis, tmp.path(), &options);
        let (api, client) = start_api(&env, tmp.path(), 0);
        let mut service = Service { tmp, redis, api, workers: Vec::new(), client, options, api_starts: 0 };
        if service.options.worker {
            service.start_worker(&[]);
        }
        service
    }

    /// Starts the API anew (after it was stopped), on a new port: the client follows it.
    pub fn restart_api(&mut self) {
        let _ = self.api.child.kill();
        let _ = self.api.child.wait();
        self.api_starts += 1;
        (self.api, self.client) = start_api(&self.env(), self.tmp.path(), self.api_starts);
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

    /// Waits until submission `id` is finished; returns its view.
    pub async fn finished(&self, token: &str, id: &str, limit: Duration) -> Value {
        eventually(limit, "finished", || async {
            let (status, body) = self.get(token, &format!("/v1/submissions/{id}")).await;
            assert_eq!(status, 200, "{body}");
            if body["status"] == "finished" {
                return Ok(body);
            }
            let logs: Vec<String> = self.workers.iter().map(Proc::logs).collect();
            Err(format!("{body}\nworker logs:\n{}", logs.join("\n")))
        })
        .await
    }

    /// Waits until `/readyz` answers `status`; returns its body.
    pub async fn readyz(&self, status: u16, limit: Duration) -> Value {
        eventually(limit, &format!("/readyz {status}"), || async {
            let r = self.http.get(self.url("/readyz")).send().await.unwrap();
            let got = r.status().as_u16();
            let body: Value = r.json().await.unwrap();
            if got == status { Ok(body) } else { Err(format!("{got} {body}\napi log:\n{}", self.api.logs())) }
        })
        .await
    }
}

/// `mockjudge serve` on a free port, logging to `api.log` (`api-<n>.log` for the n-th restart),
/// and a client of it.
fn start_api(env: &[(&'static str, String)], tmp: &Path, n: usize) -> (Proc, Client) {
    let log = if n == 0 { tmp.join("api.log") } else { tmp.join(format!("api-{n}.log")) };
    let api = Proc::spawn(&["serve", "--bind", "127.0.0.1:0"], env, log);
    let base = api.line_after("mockjudge: API listening on ", Duration::from_secs(20));
    (api, Client::new(base))
}

fn service_env(redis: &Redis, tmp: &Path, options: &Options) -> Vec<(&'static str, String)> {
    let mut env = vec![
        ("REDIS_URL", redis.url()),
        ("MOCKJUDGE_ADMIN_TOKEN", ADMIN.to_string()),
        ("MOCKJUDGE_PROBLEMS", tmp.join("problems").display().to_string()),
        ("MOCKJUDGE_ASSESSMENTS", tmp.join("assessments").display().to_string()),
        ("MOCKJUDGE_CACHE_DIR", tmp.join("cache").display().to_string()),
    ];
    env.extend(options.env.iter().cloned());
    env
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
        owner: store::Owner::Instructor,
        problem: mockjudge::catalog::Slug::parse("add").unwrap(),
        problem_version: "v".into(),
        language: mockjudge::language::Language::Python,
        created_ms: store::now_ms(),
        callback_url: None,
        run: None,
        assessment: None,
    };
    let id = meta.id;
    store.create(&NewSubmission { meta, source: source.into(), idempotency: None, guard: None }).await.unwrap();
    id
}
