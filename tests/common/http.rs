//! An HTTP client of the API, as tests use it, whether the API runs in a process of its own
//! or in the test's.

use serde_json::{json, Value};
use std::time::Duration;

pub const ADMIN: &str = "admin-test-token";
pub const AC_PY: &str = "import sys\na, b = map(int, sys.stdin.read().split())\nprint(a + b)\n";
pub const WA_PY: &str = "import sys\na, b = map(int, sys.stdin.read().split())\nprint(a - b)\n";

/// A submission's JSON body.
pub fn submission(problem: &str, language: &str, source: &str) -> Option<String> {
    Some(json!({ "problem": problem, "language": language, "source": source }).to_string())
}

/// The API at `base`.
#[derive(Clone)]
pub struct Client {
    pub base: String,
    pub http: reqwest::Client,
}

impl Client {
    pub fn new(base: String) -> Client {
        Client { base, http: reqwest::Client::new() }
    }

    /// Sends a raw request; returns the status, the body and the Retry-After header.
    pub async fn send(&self, method: &str, path: &str, token: Option<&str>, body: Option<String>) -> (u16, Value, Option<String>) {
        let mut request = self.http.request(method.parse().unwrap(), self.url(path));
        if let Some(t) = token {
            request = request.bearer_auth(t);
        }
        if let Some(b) = body {
            request = request.header("content-type", "application/json").body(b);
        }
        let r = request.send().await.unwrap();
        let status = r.status().as_u16();
        let retry = r.headers().get("retry-after").map(|v| v.to_str().unwrap().to_string());
        let body = r.json().await.unwrap_or(Value::Null);
        (status, body, retry)
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
