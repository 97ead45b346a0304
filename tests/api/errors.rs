//! Every kind of bad request gets its status and error code, in the `{"error": {code, message}}`
//! shape, and none gets a 500.

use crate::app::spawn_app;
use crate::common::eventually;
use crate::common::http::{submission, AC_PY, ADMIN};
use serde_json::{json, Value};
use std::time::Duration;

/// What, method, path, token, body, expected status and error code.
type Case<'a> = (&'a str, &'a str, &'a str, Option<&'a str>, Option<String>, u16, &'a str);

#[tokio::test(flavor = "multi_thread")]
async fn bad_requests_get_their_status_and_code() {
    let service = spawn_app(|c| {
        c.rate_limit = 1.0;
        c.rate_burst = 40;
    })
    .await;
    let me = service.candidate("eve").await;
    let admins = service.submit(ADMIN, AC_PY).await;
    let big_source = "x = 1\n".repeat(50_000); // 300 KB: a body we read, a source over the limit
    let huge_body = format!("{{\"problem\":\"add\",\"language\":\"python\",\"source\":\"{}\"}}", "x".repeat(2 << 20));
    let me = me.as_str();
    let admins_path = format!("/v1/submissions/{admins}");
    let cases: Vec<Case> = vec![
        ("body over the cap", "POST", "/v1/submissions", Some(me), Some(huge_body), 413, "payload_too_large"),
        ("unknown problem", "POST", "/v1/submissions", Some(me), submission("nope", "python", AC_PY), 404, "unknown_problem"),
        ("unknown language", "POST", "/v1/submissions", Some(me), submission("add", "cobol", AC_PY), 422, "unknown_language"),
        ("malformed JSON", "POST", "/v1/submissions", Some(me), Some("{\"problem\": \"add\",".into()), 400, "malformed_json"),
        ("a field missing", "POST", "/v1/submissions", Some(me), Some("{\"problem\": \"add\"}".into()), 422, "invalid_body"),
        ("empty source", "POST", "/v1/submissions", Some(me), submission("add", "python", "  \n"), 422, "empty_source"),
        ("oversized source", "POST", "/v1/submissions", Some(me), submission("add", "python", &big_source), 422, "source_too_large"),
        ("slug with a slash", "POST", "/v1/submissions", Some(me), submission("add/../x", "python", AC_PY), 400, "invalid_slug"),
        ("slug with /", "GET", "/v1/problems/add/data", Some(me), None, 400, "invalid_slug"),
        ("slug with %2F", "GET", "/v1/problems/add%2Fdata", Some(me), None, 400, "invalid_slug"),
        ("slug ..", "GET", "/v1/problems/..%2F..%2Fetc", Some(me), None, 400, "invalid_slug"),
        ("slug with odd characters", "GET", "/v1/problems/add%20me", Some(me), None, 400, "invalid_slug"),
        ("unknown problem page", "GET", "/v1/problems/nope", Some(me), None, 404, "unknown_problem"),
        ("bad filter", "GET", "/v1/problems?stage=lunch", Some(me), None, 400, "invalid_query"),
        ("missing token", "GET", "/v1/problems", None, None, 401, "missing_token"),
        ("wrong token", "GET", "/v1/problems", Some("not-a-token"), None, 401, "invalid_token"),
        ("another's submission", "GET", &admins_path, Some(me), None, 403, "forbidden"),
        ("a candidate making tokens", "POST", "/v1/tokens", Some(me), Some("{\"name\":\"x\"}".into()), 403, "forbidden"),
        ("a candidate making tokens, badly", "POST", "/v1/tokens", Some(me), Some("{}".into()), 403, "forbidden"),
        ("a token's empty name", "POST", "/v1/tokens", Some(ADMIN), Some("{\"name\":\" \"}".into()), 422, "invalid_name"),
        ("a malformed id", "GET", "/v1/submissions/12", Some(me), None, 400, "invalid_id"),
        ("an unknown id", "GET", "/v1/submissions/6f1c2c39-8f55-4a57-9a3f-2d1e0f3a4b5c", Some(me), None, 404, "unknown_submission"),
        ("a bad limit", "GET", "/v1/submissions?limit=0", Some(me), None, 400, "invalid_query"),
        ("a bad cursor", "GET", "/v1/submissions?cursor=x", Some(me), None, 400, "invalid_cursor"),
        ("no such endpoint", "GET", "/v2/anything", Some(me), None, 404, "not_found"),
        ("wrong method", "DELETE", "/v1/problems", Some(me), None, 405, "method_not_allowed"),
    ];
    let callback = Some(json!({ "problem": "add", "language": "python", "source": AC_PY, "callback_url": "http://127.0.0.1:9/x" }).to_string());
    let bad_callback = Some(json!({ "problem": "add", "language": "python", "source": AC_PY, "callback_url": "ftp://x" }).to_string());
    let mut cases = cases;
    cases.push(("a candidate's callback_url", "POST", "/v1/submissions", Some(me), callback, 403, "forbidden"));
    cases.push(("a callback_url that is not http", "POST", "/v1/submissions", Some(ADMIN), bad_callback, 422, "invalid_callback_url"));
    for (what, method, path, token, body, status, code) in cases {
        let (got, body, _) = service.send(method, path, token, body).await;
        assert_eq!((got, body["error"]["code"].as_str()), (status, Some(code)), "{what}: {body}");
        assert!(body["error"]["message"].as_str().is_some_and(|m| !m.is_empty()), "{what}: {body}");
    }
    let events = service.http.get(service.url(&format!("{admins_path}/events"))).bearer_auth(ADMIN).header("Last-Event-ID", "nope");
    let r = events.send().await.unwrap();
    assert_eq!(r.status(), 400);
    assert_eq!(r.json::<Value>().await.unwrap()["error"]["code"], "invalid_last_event_id");
    let (_, body, _) = service.send("POST", "/v1/submissions", Some(me), submission("add", "cobol", AC_PY)).await;
    assert_eq!(body["error"]["details"]["languages"].as_array().map(Vec::len), Some(7), "{body}");
    let spaced_key = service.http.post(service.url("/v1/submissions")).bearer_auth(me).header("idempotency-key", "a b");
    let r = spaced_key.body(submission("add", "python", AC_PY).unwrap()).send().await.unwrap();
    assert_eq!(r.status(), 400);
    assert_eq!(r.json::<Value>().await.unwrap()["error"]["code"], "invalid_idempotency_key");

    // Nothing above was queued.
    let (_, page) = service.get(me, "/v1/submissions").await;
    assert_eq!(page["items"], json!([]));

    // A source under the limit is taken however its client escapes it: here every non-ASCII
    // character as `\u0436` (6 bytes for 2), which makes the body 3 × the source. The scheme's
    // name is case-insensitive.
    let source = format!("# {}\n{AC_PY}", "ж".repeat(100_000));
    let escaped = submission("add", "python", &source).unwrap().replace('ж', "\\u0436");
    assert!(source.len() < 256 << 10 && escaped.len() > 600_000);
    let r = service.http.post(service.url("/v1/submissions")).header("authorization", format!("bearer {me}"));
    let r = r.header("content-type", "application/json").body(escaped).send().await.unwrap();
    assert_eq!(r.status(), 202, "{}", r.text().await.unwrap());

    // The rate limit: 1 request a second after a burst of 40, answered 429 with Retry-After.
    let mut limited = None;
    for _ in 0..60 {
        let (status, body, retry) = service.send("GET", "/v1/languages", Some(me), None).await;
        if status == 429 {
            limited = Some((body, retry));
            break;
        }
        assert_eq!(status, 200);
    }
    let (body, retry) = limited.expect("the rate limit answered 429");
    assert_eq!(body["error"]["code"], "rate_limited");
    assert!(retry.is_some_and(|r| r.parse::<u64>().is_ok_and(|s| s >= 1)));
    let (status, _, _) = service.send("GET", "/v1/languages", Some(ADMIN), None).await;
    assert_eq!(status, 200, "the limit is per token");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_candidate_holds_only_a_few_streams_and_waits_open() {
    let service = spawn_app(|c| c.max_streams = 2).await;
    let me = service.candidate("eve").await;
    let id = service.submit(&me, AC_PY).await;
    let (first, second) = (service.open_events(&me, &id).await, service.open_events(&me, &id).await);
    assert_eq!((first.status().as_u16(), second.status().as_u16()), (200, 200));

    let third = service.open_events(&me, &id).await;
    assert_eq!(third.status(), 429);
    assert!(third.headers().contains_key("retry-after"));
    assert_eq!(third.json::<Value>().await.unwrap()["error"]["code"], "too_many_streams");
    // A wait is refused the same way, before anything is queued.
    let (status, body, _) = service.send("POST", "/v1/submissions?wait=true", Some(&me), submission("add", "python", AC_PY)).await;
    assert_eq!((status, body["error"]["code"].as_str()), (429, Some("too_many_streams")), "{body}");
    let (_, page) = service.get(&me, "/v1/submissions").await;
    assert_eq!(page["items"].as_array().map(Vec::len), Some(1), "{page}");
    // The instructor is not limited, and a closed stream frees its place.
    assert_eq!(service.open_events(ADMIN, &id).await.status(), 200);
    drop(first);
    eventually(Duration::from_secs(30), "a closed stream's place freed", || async {
        match service.open_events(&me, &id).await.status().as_u16() {
            200 => Ok(()),
            status => Err(format!("status {status}")),
        }
    })
    .await;
    drop(second);
}
