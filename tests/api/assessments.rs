//! Assessments through the API, without a worker: templates, the session's states and clock,
//! what a candidate's token may touch, reviews, lists and exports. Judging and grading whole
//! assessments is in `tests/service/assessments.rs`.

use crate::app::{spawn_app, App};
use crate::common::http::{AC_PY, ADMIN};
use mockjudge::store::Store;
use serde_json::{json, Value};
use std::time::Duration;

/// Makes a session of `template` for `candidate`; returns its id and the candidate's token.
async fn create(app: &App, template: &str, candidate: &str) -> (String, String) {
    let (status, body) = app.post(ADMIN, "/v1/assessments", &json!({ "template": template, "candidate": candidate })).await;
    assert_eq!(status, 201, "{body}");
    (body["assessment"]["id"].as_str().unwrap().to_string(), body["token"].as_str().unwrap().to_string())
}

fn submission(problem: &str, language: &str) -> Value {
    json!({ "problem": problem, "language": language, "source": AC_PY })
}

fn code(body: &Value) -> &str {
    body["error"]["code"].as_str().unwrap_or("")
}

#[tokio::test(flavor = "multi_thread")]
async fn templates_are_listed_and_a_malformed_one_names_its_file_and_field() {
    let app = spawn_app(|_| {}).await;
    let (status, body) = app.get(ADMIN, "/v1/assessment-templates").await;
    assert_eq!(status, 200, "{body}");
    let ids: Vec<&str> = body["templates"].as_array().unwrap().iter().map(|t| t["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["blink", "quick"]);
    assert_eq!(body["templates"][1]["duration_ms"], 120_000, "the sections' durations together");
    assert_eq!(body["invalid"][0]["file"], "broken.yaml");
    let why = body["invalid"][0]["error"].as_str().unwrap();
    assert!(why.contains("broken.yaml") && why.contains("sections[1].duration") && why.contains("\"soon\""), "{why}");

    let (status, body) = app.post(ADMIN, "/v1/assessments", &json!({ "template": "broken", "candidate": "Ada" })).await;
    assert_eq!((status, code(&body)), (422, "invalid_template"), "{body}");
    assert!(body["error"]["message"].as_str().unwrap().contains("sections[1].duration"), "{body}");
    let (status, body) = app.post(ADMIN, "/v1/assessments", &json!({ "template": "nope", "candidate": "Ada" })).await;
    assert_eq!((status, code(&body)), (404, "unknown_template"), "{body}");
    let (status, body) = app.post(ADMIN, "/v1/assessments", &json!({ "template": "../quick", "candidate": "Ada" })).await;
    assert_eq!((status, code(&body)), (404, "unknown_template"), "{body}");
    for name in [" ", "Ada\u{1b}[31m"] {
        let (status, body) = app.post(ADMIN, "/v1/assessments", &json!({ "template": "quick", "candidate": name })).await;
        assert_eq!((status, code(&body)), (422, "invalid_name"), "{name:?}: {body}");
    }

    // A template written to the folder is read at once.
    std::fs::write(app.tmp.path().join("assessments/late.yaml"), "name: Late\nlevel: senior\nsections: []\nrubric: {marks: {}}\n").unwrap();
    let (_, body) = app.get(ADMIN, "/v1/assessment-templates").await;
    let late = body["invalid"].as_array().unwrap().iter().find(|i| i["file"] == "late.yaml").cloned().unwrap_or_default();
    assert!(late["error"].as_str().unwrap_or("").contains("sections: an assessment has at least one section"), "{body}");

    let practice = app.candidate("bo").await;
    let (status, body) = app.get(&practice, "/v1/assessment-templates").await;
    assert_eq!((status, code(&body)), (403, "forbidden"));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_session_follows_the_servers_clock_and_its_token_opens_nothing_else() {
    // One candidate making many requests at once: room above the rate limit's burst.
    let app = spawn_app(|c| c.rate_burst = 100).await;
    let (id, token) = create(&app, "quick", "Ada Lovelace").await;
    let path = |p: &str| format!("/v1/assessments/{id}{p}");

    let (status, view) = app.get(&token, &path("")).await;
    assert_eq!((status, view["state"].as_str()), (200, Some("created")), "{view}");
    assert!(view["sections"][0].get("problems").is_none(), "the candidate sees no problem before the start: {view}");
    assert!(view.get("seed").is_none(), "nor the draws' seed");
    let (_, admin_view) = app.get(ADMIN, &path("")).await;
    assert_eq!(admin_view["sections"][1]["problems"][0]["slug"], "sum-pair");
    assert!(admin_view["seed"].is_u64());

    let (status, body) = app.post(&token, &path("/submissions"), &submission("add", "python")).await;
    assert_eq!((status, code(&body)), (409, "not_started"), "{body}");
    let (status, body) = app.post(ADMIN, &path("/start"), &json!({})).await;
    assert_eq!((status, code(&body)), (403, "forbidden"), "only the candidate starts the clock");

    let (status, view) = app.post(&token, &path("/start"), &json!({})).await;
    assert_eq!((status, view["state"].as_str()), (200, Some("started")), "{view}");
    let started = view["started_ms"].as_u64().unwrap();
    assert_eq!(view["deadline_ms"].as_u64(), Some(started + 120_000));
    assert_eq!(view["current_section"], 0);
    assert!(view["time_left_ms"].as_u64().unwrap() <= 120_000);
    assert_eq!(view["sections"][0]["problems"][0]["slug"], "add");
    assert!(view["sections"][1].get("problems").is_none(), "the next section's problems stay hidden");
    let (status, body) = app.post(&token, &path("/start"), &json!({})).await;
    assert_eq!((status, code(&body)), (409, "already_started"), "{body}");

    // The open section's problem can be read (the first reading is noted) and submitted to; the
    // next section's cannot.
    let (status, problem) = app.get(&token, &path("/problems/add")).await;
    assert_eq!((status, problem["slug"].as_str()), (200, Some("add")), "{problem}");
    let (status, _) = app.get(&token, &path("/problems/sum-pair")).await;
    assert_eq!(status, 404, "an upcoming section's problem is not shown");
    for bank in ["/v1/problems", "/v1/problems/sum-pair"] {
        let (status, body) = app.get(&token, bank).await;
        assert_eq!((status, code(&body)), (403, "forbidden"), "nor through the bank, which holds it: {body}");
    }
    // Nor is it told apart from a problem not in the assessment, which would say what is coming.
    let (status, body) = app.post(&token, &path("/submissions"), &submission("sum-pair", "python")).await;
    assert_eq!((status, code(&body)), (404, "unknown_problem"), "{body}");
    let (status, body) = app.post(&token, &path("/runs"), &submission("sum-pair", "python")).await;
    assert_eq!((status, code(&body)), (404, "unknown_problem"), "{body}");
    let (status, body) = app.post(&token, &path("/submissions"), &submission("two-sum", "python")).await;
    assert_eq!((status, code(&body)), (404, "unknown_problem"), "{body}");
    let (status, first) = app.post(&token, &path("/submissions"), &submission("add", "python")).await;
    assert_eq!(status, 202, "{first}");
    let (status, body) = app.get(&token, &format!("/v1/submissions/{}", first["id"].as_str().unwrap())).await;
    assert_eq!(status, 200, "the candidate follows its submission as any other: {body}");

    // Moving on closes the first section for good, and brings the deadline forward: the last
    // section keeps its own minute.
    let (status, view) = app.post(&token, &path("/advance"), &json!({})).await;
    assert_eq!((status, view["current_section"].as_u64()), (200, Some(1)), "{view}");
    let deadline = view["deadline_ms"].as_u64().unwrap();
    assert!(deadline < started + 120_000 && deadline == view["sections"][1]["window"]["opens_ms"].as_u64().unwrap() + 60_000, "{view}");
    assert_eq!(view["sections"][0]["status"], "closed");
    assert!(view["sections"][0]["problems"][0]["opened_ms"].is_u64(), "{view}");
    let (status, body) = app.post(&token, &path("/submissions"), &submission("add", "python")).await;
    assert_eq!((status, code(&body)), (409, "assessment_closed"), "{body}");
    let (status, body) = app.post(&token, &path("/submissions"), &submission("sum-pair", "java")).await;
    assert_eq!((status, code(&body)), (422, "unknown_language"), "the section allows python and cpp: {body}");
    let (status, body) = app.post(&token, &path("/submissions"), &submission("sum-pair", "python")).await;
    assert_eq!(status, 202, "{body}");
    let (status, body) = app.post(&token, &path("/advance"), &json!({})).await;
    assert_eq!((status, code(&body)), (409, "last_section"), "{body}");

    // A token for this assessment opens nothing else.
    let (other, _) = create(&app, "quick", "Bo").await;
    let (status, body) = app.get(&token, &format!("/v1/assessments/{other}")).await;
    assert_eq!((status, code(&body)), (403, "forbidden"), "{body}");
    let (status, body) = app.post(&token, &format!("/v1/assessments/{other}/start"), &json!({})).await;
    assert_eq!((status, code(&body)), (403, "forbidden"), "{body}");
    let (status, body) = app.post(&token, "/v1/submissions", &submission("add", "python")).await;
    assert_eq!((status, code(&body)), (403, "forbidden"), "practice is not for an assessment's token: {body}");
    let practice = app.candidate("eve").await;
    let (status, _) = app.get(&practice, &path("")).await;
    assert_eq!(status, 403, "nor does a practice token open an assessment");
    let (status, body) = app.get(ADMIN, "/v1/assessments/not-an-id").await;
    assert_eq!((status, code(&body)), (400, "invalid_id"));
    let (status, body) = app.get(ADMIN, &format!("/v1/assessments/{}", uuid::Uuid::new_v4())).await;
    assert_eq!((status, code(&body)), (404, "unknown_assessment"));

    // What the page notices is kept, as facts.
    for (event, expected) in [
        (json!({ "kind": "paste", "size": 1200, "problem": "sum-pair" }), 204),
        (json!({ "kind": "focus_loss", "duration_ms": 4500 }), 204),
        (json!({ "kind": "paste" }), 422),
        (json!({ "kind": "focus_loss", "duration_ms": 4500, "size": 3 }), 422),
        (json!({ "kind": "paste", "size": 1, "problem": "two-sum" }), 404),
        (json!({ "kind": "typing", "size": 1 }), 422),
    ] {
        let (status, body) = app.post(&token, &path("/integrity"), &event).await;
        assert_eq!(status, expected, "{event}: {body}");
    }
    let (status, _) = app.post(ADMIN, &path("/integrity"), &json!({ "kind": "focus_loss", "duration_ms": 1 })).await;
    assert_eq!(status, 403, "the page's candidate alone reports");

    let (status, body) = app.get(&token, &path("/report")).await;
    assert_eq!((status, code(&body)), (403, "forbidden"), "no report for the candidate before the end: {body}");
    let (status, view) = app.post(&token, &path("/finish"), &json!({})).await;
    assert_eq!((status, view["state"].as_str(), view["finish_reason"].as_str()), (200, Some("finished"), Some("candidate")), "{view}");
    assert_eq!(view["submissions"].as_array().unwrap().len(), 2);
    let (status, body) = app.post(&token, &path("/finish"), &json!({})).await;
    assert_eq!((status, code(&body)), (409, "already_finished"), "{body}");
    let (status, body) = app.post(&token, &path("/submissions"), &submission("sum-pair", "python")).await;
    assert_eq!((status, code(&body)), (409, "assessment_closed"), "{body}");
    assert_eq!(body["error"]["details"]["deadline_ms"].as_u64(), Some(deadline), "{body}");
    let (status, _) = app.post(&token, &path("/integrity"), &json!({ "kind": "focus_loss", "duration_ms": 1 })).await;
    assert_eq!(status, 409, "nothing is noted once it is over");

    // The template shows candidates the report once it is over; nothing is judged here.
    let (status, report) = app.get(&token, &path("/report")).await;
    assert_eq!(status, 200, "{report}");
    assert_eq!(report["final"], false, "two submissions wait for a worker");
    assert_eq!(report["stages"][0]["problems"][0]["attempts"][0]["verdict"], Value::Null);
    let integrity = report["integrity"].as_array().unwrap();
    assert_eq!(integrity.len(), 2, "{report}");
    assert_eq!((&integrity[0]["kind"], &integrity[0]["size"], &integrity[0]["problem"]), (&json!("paste"), &json!(1200), &json!("sum-pair")));
    assert_eq!((&integrity[1]["kind"], &integrity[1]["duration_ms"]), (&json!("focus_loss"), &json!(4500)));
    assert!(integrity[0]["at_ms"].as_u64().unwrap() >= started);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_deadline_refuses_late_work_and_a_closer_finishes_the_session_at_it() {
    let app = spawn_app(|_| {}).await;
    let (id, token) = create(&app, "blink", "Ada").await;
    let path = |p: &str| format!("/v1/assessments/{id}{p}");
    let (_, view) = app.post(&token, &path("/start"), &json!({})).await;
    let deadline = view["deadline_ms"].as_u64().unwrap();
    tokio::time::sleep(Duration::from_millis(1300)).await;

    let (status, body) = app.post(&token, &path("/submissions"), &submission("add", "python")).await;
    assert_eq!((status, code(&body)), (409, "assessment_closed"), "{body}");
    assert_eq!(body["error"]["details"]["deadline_ms"].as_u64(), Some(deadline));
    let (status, body) = app.post(&token, &path("/runs"), &json!({ "problem": "add", "language": "python", "source": AC_PY })).await;
    assert_eq!((status, code(&body)), (409, "assessment_closed"), "runs too: {body}");
    let (_, view) = app.get(&token, &path("")).await;
    assert_eq!((view["time_left_ms"].as_u64(), view.get("current_section")), (Some(0), None), "{view}");

    // What a worker's or the API's closer does every second: the session finishes at its
    // deadline, not when it was noticed.
    let store = Store::connect(&app.redis.url()).await.unwrap();
    let uuid = uuid::Uuid::parse_str(&id).unwrap();
    assert_eq!(store.close_due().await.unwrap(), [uuid]);
    assert!(store.close_due().await.unwrap().is_empty(), "once");
    let (_, view) = app.get(ADMIN, &path("")).await;
    assert_eq!((view["state"].as_str(), view["finish_reason"].as_str()), (Some("finished"), Some("deadline")), "{view}");
    assert_eq!(view["finished_ms"].as_u64(), Some(deadline));
    let (status, body) = app.post(&token, &path("/finish"), &json!({})).await;
    assert_eq!((status, code(&body)), (409, "already_finished"), "{body}");
}

#[tokio::test(flavor = "multi_thread")]
async fn instructors_review_stages_list_and_export_assessments() {
    let app = spawn_app(|_| {}).await;
    let (ada, ada_token) = create(&app, "quick", "Ada, \"the first\"").await;
    let (bo, _) = create(&app, "blink", "=HYPERLINK(\"x\")").await;
    app.post(&ada_token, &format!("/v1/assessments/{ada}/start"), &json!({})).await;

    let review = |stage: &str| format!("/v1/assessments/{ada}/reviews/{stage}");
    let (status, body, _) = app.send("PUT", &review("phone-screen"), Some(ADMIN), Some(json!({ "score": 75, "notes": "talked it through" }).to_string())).await;
    assert_eq!(status, 200, "{body}");
    let (status, body, _) = app.send("PUT", &review("phone-screen"), Some(ADMIN), Some(json!({ "score": 101 }).to_string())).await;
    assert_eq!((status, code(&body)), (422, "invalid_review"));
    let (status, _, _) = app.send("PUT", &review("technical-interview"), Some(ADMIN), Some("{}".into())).await;
    assert_eq!(status, 404, "quick has no technical interview");
    let (status, _, _) = app.send("PUT", &review("phone-screen"), Some(&ada_token), Some("{}".into())).await;
    assert_eq!(status, 403);
    let (_, report) = app.get(ADMIN, &format!("/v1/assessments/{ada}/report")).await;
    assert_eq!(report["stages"][0]["review"], json!({ "score": 75.0, "notes": "talked it through" }));
    app.post(&ada_token, &format!("/v1/assessments/{ada}/finish"), &json!({})).await;
    let (status, report) = app.get(&ada_token, &format!("/v1/assessments/{ada}/report")).await;
    assert_eq!((status, &report["stages"][0]["review"]), (200, &json!({ "score": 75.0 })), "the notes are the instructor's");
    assert_eq!(report["stages"][0]["grade"], 0.0, "quick gives manual scores no share");

    let ids = |body: &Value| body["items"].as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap().to_string()).collect::<Vec<_>>();
    let (_, all) = app.get(ADMIN, "/v1/assessments").await;
    assert_eq!(ids(&all), [bo.clone(), ada.clone()], "newest first");
    let (_, page) = app.get(ADMIN, "/v1/assessments?limit=1").await;
    assert_eq!((ids(&page), page["next_cursor"].as_str()), (vec![bo.clone()], Some("1")));
    for (query, expected) in [("template=quick", vec![ada.clone()]), ("candidate=ADA", vec![ada.clone()]), ("state=created", vec![bo.clone()]), ("state=finished", vec![ada.clone()])] {
        let (status, body) = app.get(ADMIN, &format!("/v1/assessments?{query}")).await;
        assert_eq!((status, ids(&body)), (200, expected), "{query}");
    }
    let (status, body) = app.get(ADMIN, "/v1/assessments?state=lunch").await;
    assert_eq!((status, code(&body)), (400, "invalid_query"));
    let (status, body) = app.get(ADMIN, &format!("/v1/assessments?cursor={}", usize::MAX)).await;
    assert_eq!((status, body["items"].as_array().map(Vec::len), &body["next_cursor"]), (200, Some(0), &Value::Null), "a cursor past the end: {body}");
    let (status, _) = app.get(&ada_token, "/v1/assessments").await;
    assert_eq!(status, 403);

    let (status, rows) = app.get(ADMIN, "/v1/assessments/export").await;
    assert_eq!(status, 200, "{rows}");
    assert_eq!(rows[1]["stages"]["phone-screen"]["band"], "fail");
    assert_eq!(rows[1]["recommendation"], "no_hire");
    let csv = app.http.get(app.url("/v1/assessments/export?format=csv")).bearer_auth(ADMIN).send().await.unwrap();
    assert_eq!(csv.headers()["content-type"], "text/csv; charset=utf-8");
    let csv = csv.text().await.unwrap();
    let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 3, "{csv}");
    assert!(lines[0].contains("\"phone-screen grade\",\"phone-screen band\",\"coding-assessment grade\""), "{csv}");
    assert!(lines[1].contains("\"'=HYPERLINK(\"\"x\"\")\""), "a formula is not left to run: {csv}");
    assert!(lines[2].contains("\"Ada, \"\"the first\"\"\",\"finished\"") && lines[2].ends_with("\"0\",\"fail\",\"0\",\"fail\",\"\",\"\""), "{csv}");
    let (status, body) = app.get(ADMIN, "/v1/assessments/export?format=xml").await;
    assert_eq!((status, code(&body)), (400, "invalid_query"));
}
