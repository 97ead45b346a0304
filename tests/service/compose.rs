//! `docker-compose.yml` as its README section uses it: built from this repository (with the
//! debug binary), Redis, the API and two workers judging through the host's daemon.

use crate::common::eventually;
use serde_json::{json, Value};
use std::process::Command;
use std::time::Duration;

struct Compose {
    project: String,
    port: u16,
}

impl Compose {
    fn run(&self, args: &[&str]) -> std::process::Output {
        Command::new("docker-compose")
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(["-p", &self.project])
            .args(args)
            .env("MOCKJUDGE_ADMIN_TOKEN", "compose-token")
            .env("MOCKJUDGE_BINARY", "target/debug/mockjudge")
            .env("MOCKJUDGE_PORT", self.port.to_string())
            .output()
            .expect("docker-compose must be installed (tests/run.sh installs it)")
    }
}

impl Drop for Compose {
    fn drop(&mut self) {
        self.run(&["down", "-v", "--remove-orphans"]);
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn compose_runs_redis_the_api_and_scaled_workers() {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let compose = Compose { project: format!("mockjudgetest{}", std::process::id()), port };
    let built = compose.run(&["build"]);
    assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
    let up = compose.run(&["up", "-d", "--scale", "worker=2"]);
    assert!(up.status.success(), "{}", String::from_utf8_lossy(&up.stderr));

    let http = reqwest::Client::new();
    let base = format!("http://127.0.0.1:{port}");
    eventually(Duration::from_secs(60), "ready with two workers", || async {
        let ready = match http.get(format!("{base}/readyz")).send().await {
            Ok(r) => r.json::<Value>().await.unwrap_or(Value::Null),
            Err(_) => Value::Null,
        };
        if ready["ready"] == true && ready["workers"].as_array().map(Vec::len) == Some(2) { Ok(()) } else { Err(ready) }
    })
    .await;
    let source = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/problems/two-sum/submissions/accepted/hashmap.py")).unwrap();
    let body = json!({ "problem": "two-sum", "language": "python", "source": source });
    let r = http.post(format!("{base}/v1/submissions?wait=true")).bearer_auth("compose-token").json(&body).send().await.unwrap();
    let view: Value = r.json().await.unwrap();
    assert_eq!(view["verdict"], "AC", "{view}");
}
