//! `mockjudge up`, the README's one command: images, a Redis of its own (in a container, its
//! data in the data folder), the API and a worker in one process; and it keeps its data and
//! instructor token across restarts.

use crate::common::{copy_dir, fixture, sandbox};
use crate::support::{Proc, AC_PY};
use serde_json::{json, Value};
use std::time::Duration;

fn start_up(tmp: &std::path::Path, log: &str) -> (Proc, String, String) {
    let (data, problems) = (tmp.join("data"), tmp.join("problems"));
    let args = ["up", "--bind", "127.0.0.1:0", "--data-dir", data.to_str().unwrap(), "--problems", problems.to_str().unwrap()];
    let env = [("MOCKJUDGE_CACHE_DIR", tmp.join("cache").display().to_string())];
    let up = Proc::spawn(&args, &env, tmp.join(log));
    // The first run may build the Redis image.
    let base = up.line_after("mockjudge is up: ", Duration::from_secs(600));
    let token = up.line_after("instructor token: ", Duration::from_secs(5));
    (up, base, token)
}

/// Redis containers of `up` whose data is under `dir`.
async fn redis_containers_for(dir: &std::path::Path) -> Vec<String> {
    use bollard::query_parameters::ListContainersOptions;
    use std::collections::HashMap;
    let filters = HashMap::from([("label".to_string(), vec!["mockjudge.service=redis".to_string()])]);
    let list = ListContainersOptions { all: true, filters: Some(filters), ..Default::default() };
    let dir = dir.canonicalize().unwrap();
    sandbox()
        .await
        .docker()
        .list_containers(Some(list))
        .await
        .unwrap()
        .into_iter()
        .filter(|c| {
            c.mounts.iter().flatten().any(|m| m.source.as_deref().is_some_and(|s| std::path::Path::new(s).starts_with(&dir)))
        })
        .filter_map(|c| c.id)
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn up_runs_everything_and_keeps_its_data_across_restarts() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&fixture("problems/add"), &tmp.path().join("problems/add"));
    let http = reqwest::Client::new();

    let (mut up, base, token) = start_up(tmp.path(), "up-1.log");
    let body = json!({ "problem": "add", "language": "python", "source": AC_PY });
    let r = http.post(format!("{base}/v1/submissions?wait=true")).bearer_auth(&token).json(&body).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let view: Value = r.json().await.unwrap();
    assert_eq!(view["verdict"], "AC", "{view}\n{}", up.logs());
    assert_eq!(redis_containers_for(tmp.path()).await.len(), 1);
    assert_eq!(up.terminate(Duration::from_secs(60)), Some(0), "{}", up.logs());
    assert!(redis_containers_for(tmp.path()).await.is_empty(), "up removes its Redis container");
    assert!(tmp.path().join("data/redis/appendonlydir").is_dir(), "Redis ran append-only in the data folder");

    let (mut again, base, token_again) = start_up(tmp.path(), "up-2.log");
    assert_eq!(token_again, token, "the instructor token is kept");
    let r = http.get(format!("{base}/v1/submissions/{}", view["id"].as_str().unwrap())).bearer_auth(&token).send().await.unwrap();
    assert_eq!(r.status(), 200, "the submission outlived the restart");
    let kept: Value = r.json().await.unwrap();
    assert_eq!(kept["verdict"], "AC");
    assert_eq!(again.terminate(Duration::from_secs(60)), Some(0), "{}", again.logs());
}
