//! Runs before submitting (`POST /v1/runs`): the samples or an input of one's own, its expected
//! output from the problem's reference solution, refused inputs, runs kept apart from
//! submissions, a database problem's run with its rows as tables, and an API problem's sample
//! scenarios.

use crate::common::{copy_dir, eventually, fixture};
use crate::support::{Options, Service, AC_PY, ADMIN};
use serde_json::{json, Value};
use std::time::Duration;

/// LeetCode's shape; prints a line of its own, which must not disturb the result.
const TWO_SUM_PY: &str = "class Solution:\n    def twoSum(self, nums: List[int], target: int) -> List[int]:\n        print(\"looking for\", target)\n        seen = {}\n        for i, x in enumerate(nums):\n            if target - x in seen:\n                return [seen[target - x], i]\n            seen[x] = i\n";
/// Right on the samples only.
const TWO_SUM_FIRST_TWO_PY: &str = "class Solution:\n    def twoSum(self, nums, target):\n        return [0, 1]\n";

fn run(source: &str, input: Option<&str>) -> Value {
    let mut body = json!({ "problem": "two-sum", "language": "python", "source": source });
    if let Some(input) = input {
        body["input"] = json!(input);
    }
    body
}

#[tokio::test(flavor = "multi_thread")]
async fn runs_take_the_samples_or_a_checked_input_of_ones_own_and_are_not_submissions() {
    let service = Service::start(Options::default()).await;
    copy_dir(&fixture("functions/two-sum"), &service.problems().join("two-sum"));
    let me = service.candidate("ada").await;
    let problem = eventually(Duration::from_secs(20), "the problem offered", || async {
        match service.get(&me, "/v1/problems/two-sum").await {
            (200, problem) => Ok(problem),
            (status, body) => Err(format!("{status}: {body}")),
        }
    })
    .await;
    let starters = problem["starter"].as_object().expect("a function problem serves starter code");
    assert_eq!(starters.len(), 6, "{problem}");
    assert!(starters["python"].as_str().unwrap().contains("def twoSum(self, nums: List[int], target: int) -> List[int]:"), "{problem}");

    // The samples: each shows the returned value beside the expected one, and what was printed.
    let (status, samples) = service.post(&me, "/v1/runs", &run(TWO_SUM_PY, None)).await;
    assert_eq!(status, 200, "{samples}");
    assert_eq!(samples["verdict"], "AC", "{samples}");
    let tests = samples["tests"].as_array().unwrap();
    assert_eq!(tests.len(), 2, "samples only: {samples}");
    assert!(tests.iter().all(|t| t["sample"] == true && t["group"] == "sample"), "{samples}");
    assert_eq!((tests[0]["output"].as_str(), tests[0]["expected"].as_str()), (Some("[0,1]"), Some("[0,1]")), "{samples}");
    assert_eq!(tests[0]["stdout"], "looking for 9\n", "{samples}");

    // An input of one's own: the expected value comes from the reference solution.
    let (status, custom) = service.post(&me, "/v1/runs", &run(TWO_SUM_FIRST_TWO_PY, Some("[1,5,9]\n14\n"))).await;
    assert_eq!(status, 200, "{custom}");
    assert_eq!(custom["verdict"], "WA", "{custom}");
    let test = &custom["tests"][0];
    assert_eq!((test["name"].as_str(), test["input"].as_str()), (Some("custom"), Some("[1,5,9]\n14\n")), "{custom}");
    assert_eq!((test["expected"].as_str(), test["output"].as_str()), (Some("[1,2]"), Some("[0,1]")), "{custom}");

    // Inputs that do not fit the signature, or that the problem cannot take, are refused.
    let (status, refused) = service.post(&me, "/v1/runs", &run(TWO_SUM_PY, Some("[1,5,9]\n\"fourteen\"\n"))).await;
    assert_eq!((status, refused["error"]["code"].as_str()), (422, Some("invalid_input")), "{refused}");
    assert!(refused["error"]["message"].as_str().unwrap().starts_with("line 2 (target)"), "{refused}");
    let body = json!({ "problem": "add", "language": "python", "source": AC_PY, "input": "1 2\n" });
    let (status, refused) = service.post(&me, "/v1/runs", &body).await;
    assert_eq!((status, refused["error"]["code"].as_str()), (422, Some("invalid_input")), "no reference solution: {refused}");

    // Runs are not submissions: not listed, not found as one, found as a run.
    let (_, mine) = service.get(&me, "/v1/submissions").await;
    assert_eq!(mine["items"], json!([]), "{mine}");
    let (_, all) = service.get(ADMIN, "/v1/submissions").await;
    assert_eq!(all["items"], json!([]), "{all}");
    let id = samples["id"].as_str().unwrap();
    let (status, _) = service.get(&me, &format!("/v1/submissions/{id}")).await;
    assert_eq!(status, 404);
    let (status, again) = service.get(&me, &format!("/v1/runs/{id}")).await;
    assert_eq!((status, &again["verdict"]), (200, &json!("AC")), "{again}");
    let submission = service.submit(&me, AC_PY).await;
    let (status, err) = service.get(&me, &format!("/v1/runs/{submission}")).await;
    assert_eq!((status, err["error"]["code"].as_str()), (404, Some("unknown_run")), "{err}");
}

#[tokio::test(flavor = "multi_thread")]
async fn runs_have_a_rate_limit_of_their_own() {
    let env = vec![("MOCKJUDGE_RUN_RATE_LIMIT", "0.01".to_string()), ("MOCKJUDGE_RUN_RATE_BURST", "1".to_string())];
    let service = Service::start(Options { worker: false, env, ..Default::default() }).await;
    let me = service.candidate("ada").await;
    let body = json!({ "problem": "add", "language": "python", "source": AC_PY });
    let client = reqwest::Client::new();
    // The first run is queued (no worker: it waits); the second is over the rate at once.
    let first = client.post(service.url("/v1/runs")).bearer_auth(&me).json(&body).timeout(Duration::from_millis(500)).send();
    let _ = first.await;
    let (status, err) = service.post(&me, "/v1/runs", &body).await;
    assert_eq!((status, err["error"]["code"].as_str()), (429, Some("rate_limited")), "{err}");
    // Submissions are not held back by it.
    service.submit(&me, AC_PY).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_database_run_shows_rows_as_tables_and_refuses_data_that_does_not_load() {
    let service = Service::start(Options::default()).await;
    copy_dir(&fixture("database/totals"), &service.problems().join("totals"));
    let me = service.candidate("ada").await;
    let problem = eventually(Duration::from_secs(20), "the problem offered", || async {
        match service.get(&me, "/v1/problems/totals").await {
            (200, problem) => Ok(problem),
            (status, body) => Err(format!("{status}: {body}")),
        }
    })
    .await;
    assert!(problem["schema"].as_str().is_some_and(|s| s.starts_with("CREATE TABLE customers")), "the tables to query: {problem}");
    assert_eq!(problem["languages"], json!(["sqlite", "postgresql"]), "{problem}");
    for (language, ext) in [("sqlite", "sql"), ("postgresql", "pgsql")] {
        let query = std::fs::read_to_string(fixture(&format!("database/totals/submissions/wrong_answer/inner_join.{ext}"))).unwrap();
        let body = |input: Option<&str>| json!({ "problem": "totals", "language": language, "source": query, "input": input });
        let (status, run) = service.post(&me, "/v1/runs", &body(Some("INSERT INTO customers VALUES (1, 'zed'), (2, 'amy');\nINSERT INTO orders VALUES (1, 2, 5);\n"))).await;
        assert_eq!(status, 200, "{language}: {run}");
        let test = &run["tests"][0];
        assert_eq!((run["verdict"].as_str(), test["message"].as_str()), (Some("WA"), Some("1 row, expected 2")), "{language}: {run}");
        assert_eq!((test["expected"].as_str(), test["output"].as_str()), (Some("name | total\namy | 5\nzed | 0\n"), Some("name | total\namy | 5\n")), "{language}: {run}");
    }
    let query = std::fs::read_to_string(fixture("database/totals/submissions/wrong_answer/inner_join.sql")).unwrap();
    let body = |input: Option<&str>| json!({ "problem": "totals", "language": "sqlite", "source": query, "input": input });
    let (status, refused) = service.post(&me, "/v1/runs", &body(Some("INSERT INTO nowhere VALUES (1);\n"))).await;
    assert_eq!((status, refused["error"]["code"].as_str()), (422, Some("invalid_input")), "{refused}");
    assert!(refused["error"]["message"].as_str().unwrap().contains("no such table: nowhere"), "{refused}");
}

/// An API problem over the service: its starter servers are served, a run plays the sample
/// scenario and shows each request as curl with the reply, and an input of one's own is refused.
#[tokio::test(flavor = "multi_thread")]
async fn an_api_problem_serves_starters_and_runs_its_sample_scenarios() {
    let service = Service::start(Options::default()).await;
    copy_dir(&fixture("api/notes"), &service.problems().join("notes"));
    let me = service.candidate("ada").await;
    let problem = eventually(Duration::from_secs(20), "the problem offered", || async {
        match service.get(&me, "/v1/problems/notes").await {
            (200, problem) => Ok(problem),
            (status, body) => Err(format!("{status}: {body}")),
        }
    })
    .await;
    let starters = problem["starter"].as_object().expect("an API problem serves starter servers");
    assert_eq!(starters.keys().collect::<Vec<_>>(), ["go", "java", "javascript", "python"], "{problem}");
    let server = std::fs::read_to_string(fixture("api/notes/submissions/accepted/notes.py")).unwrap();
    let (status, run) = service.post(&me, "/v1/runs", &json!({ "problem": "notes", "language": "python", "source": server })).await;
    assert_eq!((status, run["verdict"].as_str()), (200, Some("AC")), "{run}");
    let transcript = run["tests"][0]["output"].as_str().unwrap_or_else(|| panic!("{run}"));
    assert!(transcript.contains("$ curl -i -X POST 'http://localhost:8080/notes'") && transcript.contains("HTTP 201"), "{transcript}");
    let body = json!({ "problem": "notes", "language": "python", "source": server, "input": "steps: []" });
    let (status, refused) = service.post(&me, "/v1/runs", &body).await;
    assert_eq!((status, refused["error"]["code"].as_str()), (422, Some("invalid_input")), "{refused}");
}
