//! The per-address rate limit: a flood of made-up tokens from one address is refused before it
//! costs a Redis lookup each, a forged `X-Forwarded-For` changes nothing, and behind a trusted
//! proxy each forwarded client has an allowance of its own.

use crate::app::{spawn_app, App};
use crate::common::http::ADMIN;
use mockjudge::api::address::TrustedProxies;
use serde_json::Value;
use std::collections::HashMap;

/// Calls per command that Redis has answered (`INFO commandstats`), less the INFOs asking.
async fn redis_calls(conn: &mut redis::aio::MultiplexedConnection) -> HashMap<String, u64> {
    let info: String = redis::cmd("INFO").arg("commandstats").query_async(conn).await.unwrap();
    info.lines()
        .filter_map(|line| {
            let (name, stats) = line.strip_prefix("cmdstat_")?.split_once(':')?;
            let calls = stats.split(',').find_map(|s| s.strip_prefix("calls="))?.parse().ok()?;
            (name != "info").then(|| (name.to_string(), calls))
        })
        .collect()
}

fn calls_between(before: &HashMap<String, u64>, after: &HashMap<String, u64>) -> HashMap<String, u64> {
    after.iter().map(|(name, n)| (name.clone(), n - before.get(name).unwrap_or(&0))).filter(|(_, n)| *n > 0).collect()
}

/// GETs `/v1/problems` with `token`, claiming to be forwarded for `forwarded`; returns the
/// status, the error code and the Retry-After header.
async fn get(service: &App, token: &str, forwarded: &str) -> (u16, Value, Option<String>) {
    let request = service.http.get(service.url("/v1/problems")).bearer_auth(token).header("x-forwarded-for", forwarded);
    let r = request.send().await.unwrap();
    let status = r.status().as_u16();
    let retry = r.headers().get("retry-after").map(|v| v.to_str().unwrap().to_string());
    let body: Value = r.json().await.unwrap();
    (status, body["error"]["code"].clone(), retry)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_flood_of_unknown_tokens_is_refused_without_reaching_redis() {
    // A burst of 100, then one request per 100 s: the flood below gets no refill.
    let service = spawn_app(|c| {
        c.address_rate_limit = 0.01;
        c.address_rate_burst = 100;
    })
    .await;
    let mut redis = redis::Client::open(service.redis.url()).unwrap().get_multiplexed_async_connection().await.unwrap();
    let before = redis_calls(&mut redis).await;

    let mut answers = Vec::new();
    for i in 0..1000 {
        // Every request names another client, which no trusted proxy vouches for.
        let (status, code, retry) = get(&service, &format!("unknown-{i}"), &format!("198.51.100.{}", i % 250)).await;
        if status == 429 {
            assert!(retry.as_deref().and_then(|r| r.parse::<u64>().ok()).is_some_and(|s| s >= 1), "Retry-After: {retry:?}");
        }
        answers.push((status, code));
    }
    let expected: Vec<_> = (0..1000)
        .map(|i| if i < 100 { (401, Value::from("invalid_token")) } else { (429, Value::from("rate_limited")) })
        .collect();
    assert!(answers == expected, "401 × 100 then 429 × 900, got {:?}", answers.iter().map(|a| a.0).collect::<Vec<_>>());
    let calls = calls_between(&before, &redis_calls(&mut redis).await);
    assert_eq!(calls, HashMap::from([("get".to_string(), 100)]), "one lookup per 401, none past the limit");

    // The limit is the address's, whatever the token; endpoints without one are not limited.
    assert_eq!(get(&service, ADMIN, "198.51.100.1").await.0, 429);
    assert_eq!(service.http.get(service.url("/healthz")).send().await.unwrap().status(), 200);
}

#[tokio::test(flavor = "multi_thread")]
async fn behind_a_trusted_proxy_each_forwarded_client_counts_apart() {
    let service = spawn_app(|c| {
        c.address_rate_limit = 0.01;
        c.address_rate_burst = 3;
        c.trusted_proxies = TrustedProxies(vec!["10.0.0.0/8".parse().unwrap(), "127.0.0.1/32".parse().unwrap()]);
    })
    .await;
    for _ in 0..3 {
        assert_eq!(get(&service, "unknown", "203.0.113.1").await.0, 401);
    }
    assert_eq!(get(&service, "unknown", "203.0.113.1").await.0, 429);
    // What the client wrote left of the hop our proxy added does not count.
    assert_eq!(get(&service, "unknown", "192.0.2.9, 203.0.113.1").await.0, 429);
    assert_eq!(get(&service, "unknown", "203.0.113.1, 10.1.1.1").await.0, 429, "a trusted hop is passed over");
    assert_eq!(get(&service, "unknown", "203.0.113.2").await.0, 401, "another client, another allowance");
}
