//! A whole assessment through the service: real Redis, API and worker processes, real boxes.
//! The three kinds of problem across the three stages, a known mix of accepted, partial and
//! failed solutions, a submission taken before the deadline and judged after it, the deadline
//! passing while the API is down, and the report that comes out.

use crate::support::{Options, Service, ADMIN};
use mockjudge::assessment::session::State;
use mockjudge::store::Store;
use serde_json::{json, Value};
use std::path::Path;
use std::time::Duration;

/// Three stages; the last one short, so that the test waits its deadline out. The technical
/// interview's SQL weighs twice its API, and an instructor's score is a quarter of a grade.
const LOOP: &str = "\
name: Backend loop (test)
level: mid
sections:
  - stage: phone-screen
    duration: 5m
    problems: [{problem: two-sum}]
  - stage: coding-assessment
    duration: 5m
    progressive: in-memory-db
  - stage: technical-interview
    duration: 8s
    problems:
      - {problem: customer-order-totals, weight: 2}
      - {problem: items-crud}
rubric:
  marks:
    entry: {strong: 80, pass: 40, borderline: 25}
    mid: {strong: 85, pass: 60, borderline: 45}
    senior: {strong: 90, pass: 80, borderline: 65}
  manual_weight: 0.25
";

fn solution(problem: &str, file: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("problems").join(problem).join("submissions").join(file)).unwrap()
}

fn code(body: &Value) -> &str {
    body["error"]["code"].as_str().unwrap_or("")
}

#[tokio::test(flavor = "multi_thread")]
async fn a_whole_assessment_is_timed_by_the_server_and_graded_by_stage() {
    let problems = vec!["two-sum", "in-memory-db", "customer-order-totals", "items-crud"];
    // No worker yet: everything is taken first, and judged later, in order, one at a time.
    let mut service = Service::start(Options { worker: false, problems, ..Default::default() }).await;
    std::fs::write(service.tmp.path().join("assessments/loop.yaml"), LOOP).unwrap();
    let (status, created) = service.post(ADMIN, "/v1/assessments", &json!({ "template": "loop", "candidate": "Ada" })).await;
    assert_eq!(status, 201, "{created}");
    let id = created["assessment"]["id"].as_str().unwrap().to_string();
    let token = created["token"].as_str().unwrap().to_string();
    let path = |p: &str| format!("/v1/assessments/{id}{p}");
    let submit = |problem: &str, language: &str, source: String| json!({ "problem": problem, "language": language, "source": source });

    let (status, view) = service.post(&token, &path("/start"), &json!({})).await;
    assert_eq!(status, 200, "{view}");

    // Phone screen: a quadratic two-sum, then a linear one (graded: the last).
    let (status, _) = service.get(&token, &path("/problems/two-sum")).await;
    assert_eq!(status, 200);
    for file in ["time_limit_exceeded/brute_force.py", "accepted/hashmap.py"] {
        let (status, body) = service.post(&token, &path("/submissions"), &submit("two-sum", "python", solution("two-sum", file))).await;
        assert_eq!(status, 202, "{body}");
    }
    // Coding assessment, a progressive task: a bug in level 1 only, then levels 1 and 2 alone.
    service.post(&token, &path("/advance"), &json!({})).await;
    service.get(&token, &path("/problems/in-memory-db")).await;
    for file in ["wrong_answer/delete_missing_bug.py", "wrong_answer/levels_1_to_2.py"] {
        let (status, body) = service.post(&token, &path("/submissions"), &submit("in-memory-db", "python", solution("in-memory-db", file))).await;
        assert_eq!(status, 202, "{body}");
    }
    // Technical interview: SQL that merges customers who share a name, and the API's starter.
    let (_, view) = service.post(&token, &path("/advance"), &json!({})).await;
    let deadline = view["deadline_ms"].as_u64().unwrap();
    assert!(deadline <= view["now_ms"].as_u64().unwrap() + 8000, "the last section's 8 s end it: {view}");
    let sql = solution("customer-order-totals", "wrong_answer/group_by_name.sql");
    let (status, body) = service.post(&token, &path("/submissions"), &submit("customer-order-totals", "sqlite", sql)).await;
    assert_eq!(status, 202, "{body}");
    let (_, problem) = service.get(&token, &path("/problems/items-crud")).await;
    let starter = problem["starter"]["python"].as_str().unwrap().to_string();
    let (status, last) = service.post(&token, &path("/submissions"), &submit("items-crud", "python", starter)).await;
    assert_eq!(status, 202, "{last}");

    // The API goes down; a worker comes up, judges what was taken, and finishes the session at
    // its deadline with no one watching.
    assert_eq!(service.api.terminate(Duration::from_secs(30)), Some(0));
    service.start_worker(&[("MOCKJUDGE_CONCURRENCY", "1".into())]);
    let store = Store::connect(&service.redis.url()).await.unwrap();
    let uuid = uuid::Uuid::parse_str(&id).unwrap();
    crate::common::eventually(Duration::from_secs(30), "finished at the deadline", || async {
        let record = store.assessment(uuid).await.unwrap().unwrap();
        match record.state {
            State::Finished => Ok(record),
            s => Err(format!("{s:?} at {}", store.clock().await.unwrap())),
        }
    })
    .await;
    let record = store.assessment(uuid).await.unwrap().unwrap();
    assert_eq!(record.finish_reason.as_deref(), Some("deadline"));
    assert_eq!(record.timeline.as_ref().unwrap().finished_ms, Some(deadline), "finished at the deadline, not when noticed");

    // The API is back: a late submission is refused; the report waits for the judging.
    service.restart_api();
    let (status, body) = service.post(&token, &path("/submissions"), &submit("two-sum", "python", solution("two-sum", "accepted/hashmap.py"))).await;
    assert_eq!((status, code(&body)), (409, "assessment_closed"), "{body}");
    assert_eq!(body["error"]["details"]["deadline_ms"].as_u64(), Some(deadline));
    let review = json!({ "score": 90, "notes": "sound API design, talked through the join" }).to_string();
    let (status, review, _) = service.send("PUT", &path("/reviews/technical-interview"), Some(ADMIN), Some(review)).await;
    assert_eq!(status, 200, "{review}");
    let report = crate::common::eventually(Duration::from_secs(600), "a final report", || async {
        let (status, report) = service.get(ADMIN, &path("/report")).await;
        assert_eq!(status, 200, "{report}");
        if report["final"] == true { Ok(report) } else { Err(format!("{report}\n{}", service.workers[0].logs())) }
    })
    .await;
    println!("report: {}", serde_json::to_string_pretty(&report).unwrap());

    // Taken in time, judged after the deadline, counted.
    let last_id = uuid::Uuid::parse_str(last["id"].as_str().unwrap()).unwrap();
    let judged = store.get(last_id).await.unwrap().unwrap();
    assert!(judged.finished_ms.unwrap() > deadline, "judged {} ms after the deadline", judged.finished_ms.unwrap() as i64 - deadline as i64);
    let stages = report["stages"].as_array().unwrap();
    let technical = &stages[2]["problems"];
    assert_eq!(technical[1]["attempts"].as_array().unwrap().len(), 1, "{technical}");

    // The grades. Phone screen: the linear two-sum passes everything.
    let grades: Vec<(f64, f64, &str)> =
        stages.iter().map(|s| (s["score"].as_f64().unwrap(), s["grade"].as_f64().unwrap(), s["band"].as_str().unwrap())).collect();
    assert_eq!(
        grades,
        [
            (100.0, 100.0, "pass"),
            // Levels 1 and 2 of 4.
            (50.0, 50.0, "borderline"),
            // SQL 7 of 12 hidden tests at weight 2, API 0 at weight 1: 38.9; with the
            // instructor's 90 at a quarter: 51.7.
            (38.9, 51.7, "borderline"),
        ]
    );
    assert_eq!(report["recommendation"], "lean_no_hire");
    assert_eq!(report["level"], "entry", "every grade reaches entry's pass mark (40), not mid's (60)");
    assert_eq!(report["practise"], json!(["apis", "databases"]));

    // Level 2 counts only once level 1 passes: the first try passed every test of levels 2 to 4
    // and scored for two level-1 tests alone.
    let db = &stages[1]["problems"][0];
    let first = &db["attempts"][0];
    assert_eq!(first["score"], 10.0, "{db}");
    let levels: Vec<(u64, u64, bool)> = db["levels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| (l["passed"].as_u64().unwrap(), l["total"].as_u64().unwrap(), l["counted"].as_bool().unwrap()))
        .collect();
    assert_eq!(levels, [(5, 5, true), (5, 5, true), (0, 5, true), (0, 5, false)]);
    let sql = &technical[0];
    assert_eq!((sql["score"].as_f64(), sql["failed_tests"].as_array().unwrap().len()), (Some(58.3), 5), "{sql}");
    assert!(sql["failed_tests"].as_array().unwrap().iter().all(|t| t.get("input").is_none() && t["name"].is_string()));

    // The complexity fit tells the two two-sums apart. (Other tests share the machine: the
    // linear one's slope has read up to 1.5 under load, so it is held to being well below the
    // quadratic one's rather than to "as expected".)
    let two_sum = &stages[0]["problems"][0];
    let fit = &two_sum["complexity"];
    assert_eq!(fit["expected"], "n", "{fit}");
    let quadratic = two_sum["attempts"][0]["complexity"].as_str().unwrap();
    println!("complexity: linear {}; quadratic {quadratic}", fit["summary"]);
    assert!(quadratic.contains("expected n: grows faster than expected; timed out from n = "), "{quadratic}");
    let slope: f64 = quadratic.trim_start_matches("~ n^").split(',').next().unwrap().parse().unwrap();
    assert!(slope >= fit["exponent"].as_f64().unwrap() + 0.5, "{quadratic} against {fit}");
    assert!(two_sum["time_to_graded_ms"].is_u64(), "{two_sum}");
}
