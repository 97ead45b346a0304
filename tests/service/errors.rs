//! A limit that must reach every process: the source size, refused by `serve` and by a worker
//! started with a smaller one. (The table of bad requests is in the fast tier, `tests/api`.)

use crate::common::http::submission;
use crate::support::{Options, Service, ADMIN, AC_PY};
use std::time::Duration;

#[tokio::test(flavor = "multi_thread")]
async fn the_source_limit_reaches_the_api_and_the_worker() {
    let limit = ("MOCKJUDGE_MAX_SOURCE_BYTES", "1000".to_string());
    let mut service = Service::start(Options { worker: false, env: vec![limit], ..Default::default() }).await;
    // Over the API's limit, and a body over 6 × it + 64 KiB: both would pass the default limit.
    let over = format!("{AC_PY}# {}\n", "x".repeat(1000));
    let (status, body, _) = service.send("POST", "/v1/submissions", Some(ADMIN), submission("add", "python", &over)).await;
    assert_eq!((status, body["error"]["code"].as_str()), (422, Some("source_too_large")), "{body}");
    assert!(body["error"]["message"].as_str().is_some_and(|m| m.contains("limit of 1000 bytes")), "{body}");
    let long_body = format!("{AC_PY}# {}\n", "x".repeat(80_000));
    let (status, body, _) = service.send("POST", "/v1/submissions", Some(ADMIN), submission("add", "python", &long_body)).await;
    assert_eq!((status, body["error"]["code"].as_str()), (413, Some("payload_too_large")), "{body}");

    // A worker holds sources to its own limit (here, one under the API's).
    service.start_worker(&[("MOCKJUDGE_MAX_SOURCE_BYTES", "20".into())]);
    let id = service.submit(ADMIN, AC_PY).await;
    let view = service.finished(ADMIN, &id, Duration::from_secs(90)).await;
    assert_eq!(view["verdict"], "IE", "{view}");
    assert!(view["message"].as_str().is_some_and(|m| m.contains("over the limit of 20 bytes")), "{view}");
}
