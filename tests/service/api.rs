//! Submitting and following submissions: poll, `?wait=true`, SSE; idempotent retries; what a
//! candidate may see; callbacks; problems reloading.

use crate::common::eventually;
use crate::support::{callback_receiver, Options, Service, ADMIN, AC_PY, WA_PY};
use serde_json::{json, Value};
use std::time::Duration;

const FINISH: Duration = Duration::from_secs(90);
/// Passes the sample (1 2), fails the hidden tests.
const HIDDEN_WA_PY: &str = "import sys\na, b = map(int, sys.stdin.read().split())\nprint(3 if (a, b) == (1, 2) else a - b + 1)\n";

fn tests_of(view: &Value) -> &Vec<Value> {
    view["tests"].as_array().expect("tests")
}

/// Hidden tests carry verdict, time and memory, never data or the checker's words.
fn assert_hidden_tests_show_nothing(view: &Value) {
    let hidden: Vec<&Value> = tests_of(view).iter().filter(|t| t["sample"] == false).collect();
    assert!(!hidden.is_empty(), "{view}");
    for t in hidden {
        for key in ["input", "expected", "output", "message"] {
            assert!(t.get(key).is_none(), "hidden test shows {key}: {t}");
        }
        assert!(t["verdict"].is_string() && t["time_ms"].is_u64() && t["memory_kib"].is_u64(), "{t}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn ac_and_wa_by_wait_poll_and_sse() {
    let service = Service::start(Options::default()).await;
    let me = service.candidate("ada").await;

    // wait=true holds the request until the result is final.
    let body = json!({ "problem": "add", "language": "python", "source": AC_PY });
    let (status, ac) = service.post(&me, "/v1/submissions?wait=true", &body).await;
    assert_eq!(status, 200, "{ac}");
    assert_eq!(ac["status"], "finished");
    assert_eq!(ac["verdict"], "AC", "{ac}");
    assert_eq!(tests_of(&ac).len(), 4, "one sample and three hidden tests: {ac}");
    assert!(tests_of(&ac).iter().all(|t| t["verdict"] == "AC" && t["category"] == "correctness"));
    assert_eq!(ac["categories"], json!([{ "category": "correctness", "passed": 4, "total": 4 }]), "{ac}");
    assert_hidden_tests_show_nothing(&ac);
    assert_eq!(ac["problem_version"], ac["judged_version"]);

    // A wrong answer, followed live over SSE and then by polling.
    let wa = service.submit(&me, WA_PY).await;
    let events = service.events(&me, &wa).await;
    let kinds: Vec<&str> = events.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(kinds.first(), Some(&"queued"), "{kinds:?}");
    assert_eq!(kinds.last(), Some(&"finished"), "{kinds:?}");
    let order = ["queued", "running", "compiling", "testing", "test", "finished"];
    let ranks: Vec<usize> = kinds.iter().map(|k| order.iter().position(|o| o == k).unwrap()).collect();
    assert!(ranks.windows(2).all(|w| w[0] <= w[1] || (w[0] == 4 && w[1] == 3)), "out of order: {kinds:?}");
    let testing: Vec<&Value> = events.iter().filter(|(k, _)| k == "testing").map(|(_, d)| d).collect();
    assert!(!testing.is_empty() && testing.iter().all(|d| d["total"] == 4), "{events:?}");
    assert_eq!(events.last().unwrap().1["verdict"], "WA");

    let view = service.finished(&me, &wa, FINISH).await;
    assert_eq!(view["verdict"], "WA");
    let sample = tests_of(&view).iter().find(|t| t["sample"] == true).expect("a sample test");
    assert_eq!(sample["verdict"], "WA");
    assert_eq!(sample["input"], "1 2\n");
    assert_eq!(sample["expected"], "3\n");
    assert_eq!(sample["output"], "-1\n");
    assert!(sample["message"].as_str().is_some_and(|m| m.contains("expected")), "the sample's diff: {sample}");

    // Right on the sample, wrong on a hidden test: the candidate learns which test, not why.
    let hidden_wa = service.submit(&me, HIDDEN_WA_PY).await;
    let view = service.finished(&me, &hidden_wa, FINISH).await;
    assert_eq!(view["verdict"], "WA");
    assert!(tests_of(&view).iter().any(|t| t["sample"] == false && t["verdict"] == "WA"), "{view}");
    assert_hidden_tests_show_nothing(&view);
    // The instructor sees the hidden tests' checker messages too.
    let (_, full) = service.get(ADMIN, &format!("/v1/submissions/{hidden_wa}")).await;
    assert!(tests_of(&full).iter().filter(|t| t["sample"] == false).any(|t| t["message"].is_string()), "{full}");

    // An AC followed over SSE from its start.
    let ac2 = service.submit(&me, AC_PY).await;
    let events = service.events(&me, &ac2).await;
    assert_eq!(events.iter().filter(|(k, d)| k == "test" && d["category"] == "correctness").count(), 4, "{events:?}");
    assert_eq!(events.last().unwrap(), &("finished".to_string(), json!({ "verdict": "AC", "score": null })));
    // Reading the stream again after the end replays the same events and stops.
    let again = service.events(&me, &ac2).await;
    assert_eq!(again, events);
    // Once a finished submission's events have expired, the stream says `finished` from the
    // record, exactly as the live one did.
    let client = redis::Client::open(service.redis.url()).unwrap();
    let mut redis = client.get_multiplexed_async_connection().await.unwrap();
    let _: i64 = redis::AsyncCommands::del(&mut redis, format!("mockjudge:events:{ac2}")).await.unwrap();
    let expired = service.events(&me, &ac2).await;
    assert_eq!(expired.iter().map(|(k, d)| (k.as_str(), d)).collect::<Vec<_>>(), [("finished", &events.last().unwrap().1)]);

    // The worker logs JSON (--log-format json), each line of a job with its submission id.
    let logs = service.workers[0].logs();
    let lines: Vec<Value> = logs.lines().map(|l| serde_json::from_str(l).expect("a JSON log line")).collect();
    for id in [&wa, &hidden_wa, &ac2] {
        let judged: Vec<&str> = lines
            .iter()
            .filter(|l| l["span"]["submission_id"] == id.as_str())
            .filter_map(|l| l["message"].as_str())
            .collect();
        assert!(judged.contains(&"judging") && judged.contains(&"finished"), "{id}: {judged:?}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_retried_post_with_the_same_idempotency_key_returns_the_first_submission() {
    let service = Service::start(Options { worker: false, ..Default::default() }).await;
    let me = service.candidate("bo").await;
    let body = json!({ "problem": "add", "language": "python", "source": AC_PY });
    let post = |key: &'static str, body: Value| {
        let request = service.http.post(service.url("/v1/submissions")).bearer_auth(&me).header("Idempotency-Key", key).json(&body);
        async move {
            let r = request.send().await.unwrap();
            (r.status().as_u16(), r.json::<Value>().await.unwrap())
        }
    };
    let (s1, first) = post("retry-1", body.clone()).await;
    let (s2, second) = post("retry-1", body.clone()).await;
    assert_eq!((s1, s2), (202, 202));
    assert_eq!(first["id"], second["id"]);
    let (_, page) = service.get(&me, "/v1/submissions").await;
    assert_eq!(page["items"].as_array().unwrap().len(), 1, "one submission: {page}");

    let (status, other) = post("retry-1", json!({ "problem": "add", "language": "python", "source": WA_PY })).await;
    assert_eq!((status, other["error"]["code"].as_str()), (409, Some("idempotency_key_reused")));
    let (status, third) = post("retry-2", body).await;
    assert_eq!(status, 202);
    assert_ne!(third["id"], first["id"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn candidates_list_their_own_submissions_page_by_page() {
    let service = Service::start(Options { worker: false, ..Default::default() }).await;
    let (ada, bo) = (service.candidate("ada").await, service.candidate("bo").await);
    let mut mine = Vec::new();
    for _ in 0..3 {
        mine.push(service.submit(&ada, AC_PY).await);
    }
    let theirs = service.submit(&bo, AC_PY).await;

    let mut seen = Vec::new();
    let mut path = "/v1/submissions?limit=2&problem=add".to_string();
    loop {
        let (status, page) = service.get(&ada, &path).await;
        assert_eq!(status, 200, "{page}");
        seen.extend(page["items"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap().to_string()));
        match page["next_cursor"].as_str() {
            Some(c) => path = format!("/v1/submissions?limit=2&problem=add&cursor={c}"),
            None => break,
        }
    }
    mine.reverse();
    assert_eq!(seen, mine, "newest first, own only");

    let (status, err) = service.get(&ada, &format!("/v1/submissions/{theirs}")).await;
    assert_eq!((status, err["error"]["code"].as_str()), (403, Some("forbidden")));
    let (_, all) = service.get(ADMIN, "/v1/submissions?limit=100").await;
    assert_eq!(all["items"].as_array().unwrap().len(), 4, "the instructor sees everyone's");
}

#[tokio::test(flavor = "multi_thread")]
async fn results_are_posted_to_the_callback_signed_and_retried() {
    let (hook, received) = callback_receiver().await;
    let service = Service::start(Options::default()).await;
    let body = json!({ "problem": "add", "language": "python", "source": AC_PY, "callback_url": hook });
    let (status, created) = service.post(ADMIN, "/v1/submissions", &body).await;
    assert_eq!(status, 202, "{created}");
    let id = created["id"].as_str().unwrap();
    service.finished(ADMIN, id, FINISH).await;

    eventually(Duration::from_secs(20), "the callback retried", || async {
        let n = received.lock().unwrap().len();
        if n >= 2 { Ok(()) } else { Err(format!("{n} deliveries")) }
    })
    .await;
    let deliveries = received.lock().unwrap().clone();
    for (headers, body) in &deliveries {
        let signature = headers["x-mockjudge-signature"].to_str().unwrap();
        assert_eq!(signature, mockjudge::callback::signature(ADMIN, body), "signed with the callback secret");
        let result: Value = serde_json::from_slice(body).unwrap();
        assert_eq!((result["id"].as_str(), result["verdict"].as_str()), (Some(id), Some("AC")));
    }
    assert_ne!(
        deliveries[0].0["x-mockjudge-signature"],
        mockjudge::callback::signature("another secret", &deliveries[0].1).as_str(),
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn problems_reload_when_their_folder_changes_and_submissions_record_the_version() {
    let service = Service::start(Options { worker: false, ..Default::default() }).await;
    let (status, list) = service.get(ADMIN, "/v1/problems").await;
    assert_eq!(status, 200);
    assert_eq!(list.as_array().unwrap().len(), 1, "{list}");
    let before = list[0]["version"].as_str().unwrap().to_string();
    // `add` has no interview.yaml: an algorithm problem without a stage or level.
    let (_, found) = service.get(ADMIN, "/v1/problems?kind=algorithm").await;
    assert_eq!(found.as_array().unwrap().len(), 1, "{found}");
    for filter in ["kind=database", "stage=phone-screen", "level=entry"] {
        let (status, found) = service.get(ADMIN, &format!("/v1/problems?{filter}")).await;
        assert_eq!((status, found), (200, json!([])), "{filter}");
    }
    let (_, detail) = service.get(ADMIN, "/v1/problems/add").await;
    assert_eq!(detail["samples"], json!([{ "input": "1 2\n", "output": "3\n" }]));
    assert!(detail["statement"]["html"].as_str().is_some_and(|h| h.contains("<")), "{detail}");
    let first = service.submit(ADMIN, AC_PY).await;

    // A new problem appears, and editing one changes its version.
    crate::common::copy_dir(&service.problems().join("add"), &service.problems().join("add-again"));
    let statement = service.problems().join("add/statement/problem.en.md");
    let text = std::fs::read_to_string(&statement).unwrap();
    std::fs::write(&statement, format!("{text}\nEdited.\n")).unwrap();
    let after = eventually(Duration::from_secs(15), "reloaded", || async {
        let (_, list) = service.get(ADMIN, "/v1/problems").await;
        let slugs: Vec<&str> = list.as_array().unwrap().iter().map(|p| p["slug"].as_str().unwrap()).collect();
        let version = list[0]["version"].as_str().unwrap().to_string();
        if slugs == ["add", "add-again"] && version != before { Ok(version) } else { Err(list) }
    })
    .await;
    let second = service.submit(ADMIN, AC_PY).await;
    let (_, a) = service.get(ADMIN, &format!("/v1/submissions/{first}")).await;
    let (_, b) = service.get(ADMIN, &format!("/v1/submissions/{second}")).await;
    assert_eq!((a["problem_version"].as_str(), b["problem_version"].as_str()), (Some(before.as_str()), Some(after.as_str())));
}

#[tokio::test(flavor = "multi_thread")]
async fn openapi_documents_every_endpoint_and_metrics_speak_prometheus() {
    let service = Service::start(Options::default()).await;
    let id = service.submit(ADMIN, AC_PY).await;
    service.finished(ADMIN, &id, FINISH).await;

    assert_eq!(service.http.get(service.url("/healthz")).send().await.unwrap().status(), 200);
    let metrics = service.http.get(service.url("/metrics")).send().await.unwrap().text().await.unwrap();
    for name in [
        "mockjudge_queue_depth",
        "mockjudge_jobs_in_flight",
        "mockjudge_verdicts_total",
        "mockjudge_judge_seconds",
        "mockjudge_container_errors_total",
        "mockjudge_reclaimed_jobs_total",
    ] {
        assert!(metrics.contains(&format!("# TYPE {name} ")), "{name} missing:\n{metrics}");
    }
    assert_eq!(service.metric("mockjudge_verdicts_total{verdict=\"AC\"}").await, 1.0);
    assert_eq!(service.metric("mockjudge_judge_seconds_count").await, 1.0);
    assert_eq!(service.metric("mockjudge_judge_seconds_bucket{le=\"+Inf\"}").await, 1.0);
    assert_eq!(service.metric("mockjudge_queue_depth").await, 0.0);

    let doc: Value = service.http.get(service.url("/openapi.json")).send().await.unwrap().json().await.unwrap();
    assert!(doc["openapi"].as_str().is_some_and(|v| v.starts_with("3.")), "{doc}");
    let mut paths: Vec<&str> = doc["paths"].as_object().unwrap().keys().map(String::as_str).collect();
    paths.sort();
    assert_eq!(
        paths,
        [
            "/healthz",
            "/metrics",
            "/readyz",
            "/v1/assessment-templates",
            "/v1/assessments",
            "/v1/assessments/export",
            "/v1/assessments/{id}",
            "/v1/assessments/{id}/advance",
            "/v1/assessments/{id}/finish",
            "/v1/assessments/{id}/integrity",
            "/v1/assessments/{id}/problems/{slug}",
            "/v1/assessments/{id}/report",
            "/v1/assessments/{id}/reviews/{stage}",
            "/v1/assessments/{id}/runs",
            "/v1/assessments/{id}/start",
            "/v1/assessments/{id}/submissions",
            "/v1/languages",
            "/v1/problems",
            "/v1/problems/{slug}",
            "/v1/runs",
            "/v1/runs/{id}",
            "/v1/submissions",
            "/v1/submissions/{id}",
            "/v1/submissions/{id}/events",
            "/v1/tokens",
        ]
    );
    // Every documented operation exists, and every schema it names is in the document.
    let body = json!({ "problem": "add", "language": "python", "source": AC_PY });
    let (_, run) = service.post(ADMIN, "/v1/runs", &body).await;
    let run = run["id"].as_str().expect("a run's id").to_string();
    let (_, assessment) = service.post(ADMIN, "/v1/assessments", &json!({ "template": "blink", "candidate": "x" })).await;
    let assessment = assessment["assessment"]["id"].as_str().expect("an assessment's id").to_string();
    for (path, operations) in doc["paths"].as_object().unwrap() {
        let which = match path {
            p if p.starts_with("/v1/runs/") => &run,
            p if p.starts_with("/v1/assessments/") => &assessment,
            _ => &id,
        };
        let concrete = path.replace("{slug}", "add").replace("{id}", which).replace("{stage}", "phone-screen");
        for method in operations.as_object().unwrap().keys() {
            let r = service
                .http
                .request(method.to_uppercase().parse().unwrap(), service.url(&concrete))
                .bearer_auth(ADMIN)
                .json(&json!({ "name": "x", "problem": "add", "language": "python", "source": AC_PY }))
                .send()
                .await
                .unwrap();
            assert!(![404, 405].contains(&r.status().as_u16()), "{method} {path}: {}", r.status());
        }
    }
    let text = doc.to_string();
    for reference in text.split("\"$ref\":\"#/components/schemas/").skip(1) {
        let name = &reference[..reference.find('"').unwrap()];
        assert!(doc["components"]["schemas"].get(name).is_some(), "{name} is referenced but not defined");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn an_internal_error_on_a_hidden_test_tells_the_candidate_nothing_of_it() {
    let service = Service::start(Options::default()).await;
    // A validator that accepts the sample and then breaks, quoting the secret answer.
    let leaky = service.problems().join("leaky");
    crate::common::copy_dir(&service.problems().join("add"), &leaky);
    std::fs::create_dir_all(leaky.join("output_validator")).unwrap();
    let validator = "import sys\nans = open(sys.argv[2]).read().strip()\nif ans == '3':\n    sys.exit(42)\n\
                     print('SECRET-ANSWER ' + ans, file=sys.stderr)\nsys.exit(1)\n";
    std::fs::write(leaky.join("output_validator/validate.py"), validator).unwrap();
    eventually(Duration::from_secs(15), "leaky loaded", || async {
        let (status, body) = service.get(ADMIN, "/v1/problems/leaky").await;
        if status == 200 { Ok(()) } else { Err(body) }
    })
    .await;

    let me = service.candidate("ada").await;
    let body = json!({ "problem": "leaky", "language": "python", "source": AC_PY });
    let (status, view) = service.post(&me, "/v1/submissions?wait=true", &body).await;
    assert_eq!((status, view["verdict"].as_str()), (200, Some("IE")), "{view}");
    assert!(!view.to_string().contains("SECRET-ANSWER"), "the candidate sees the validator's words: {view}");
    assert_eq!(view["message"], mockjudge::view::INTERNAL_ERROR_FOR_CANDIDATES, "{view}");
    assert_hidden_tests_show_nothing(&view);
    let (_, full) = service.get(ADMIN, &format!("/v1/submissions/{}", view["id"].as_str().unwrap())).await;
    assert!(full["message"].as_str().is_some_and(|m| m.contains("SECRET-ANSWER -12")), "the instructor sees why: {full}");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_api_stops_promptly_with_event_streams_and_waits_open() {
    use futures_util::StreamExt;
    let mut service = Service::start(Options { worker: false, ..Default::default() }).await;
    let id = service.submit(ADMIN, AC_PY).await;
    // With no worker, neither of these would ever end by itself.
    let stream = service.open_events(ADMIN, &id).await;
    assert_eq!(stream.status(), 200);
    let waiting = tokio::spawn(
        service
            .http
            .post(service.url("/v1/submissions?wait=true"))
            .bearer_auth(ADMIN)
            .json(&json!({ "problem": "add", "language": "python", "source": AC_PY }))
            .send(),
    );
    tokio::time::sleep(Duration::from_millis(500)).await;

    // Well inside the server's 10 s grace: the streams end because of the shutdown.
    let started = std::time::Instant::now();
    assert_eq!(service.api.terminate(Duration::from_secs(5)), Some(0), "{}", service.api.logs());
    assert!(started.elapsed() < Duration::from_secs(5));
    let mut body = stream.bytes_stream();
    let ended = tokio::time::timeout(Duration::from_secs(1), async { while body.next().await.is_some() {} }).await;
    assert!(ended.is_ok(), "the event stream ended");
    let waited = waiting.await.unwrap().unwrap();
    assert_eq!(waited.status(), 202, "the wait is answered as not finished yet");
    assert_eq!(waited.json::<Value>().await.unwrap()["status"], "queued");
}
