//! Practice, as a candidate with a token of their own: the list and its filters, a database
//! problem's tables, an API problem's scenarios, and a function problem worked through: its
//! starter code run on the samples, a submission followed live, the earlier submissions.

use crate::assessment::{sign_in, solution, submit};
use crate::browser::Browser;
use crate::support::{Options, Service};
use serde_json::json;

#[tokio::test(flavor = "multi_thread")]
async fn a_candidate_practises_from_the_list_to_a_verdict() {
    let problems = vec!["top-k-frequent", "customer-order-totals", "items-crud"];
    let service = Service::start(Options { problems, ..Default::default() }).await;
    let token = service.candidate("ada").await;
    let b = Browser::open(&service.base).await;

    b.goto("/").await;
    b.find("form.signin").await;
    b.shoot("practice-signin").await;
    sign_in(&b, Some(&token)).await;
    b.text_when("#count", "counting every problem", |t| t == "Showing 4 of 4 problems.").await;
    b.shoot("practice-list").await;

    // Filters: by kind (the API's), by tag (the page's); both kept in the page's address.
    b.find("#kind").await.select_by_value("database").await.unwrap();
    b.text_when("#count", "filtering by kind", |t| t == "Showing 1 of 4 problems.").await;
    b.find("li[data-slug=customer-order-totals]").await;
    b.find("#kind").await.select_by_value("").await.unwrap();
    b.find("#tag").await.select_by_value("hashing").await.unwrap();
    b.text_when("#count", "filtering by tag", |t| t == "Showing 1 of 4 problems.").await;
    b.find("li[data-slug=top-k-frequent]").await;
    let url = b.client.current_url().await.unwrap();
    assert_eq!(url.query(), Some("tag=hashing"));
    assert!(!url.as_str().contains(&token));

    // A database problem: its tables' SQL and the expected rows as a table.
    b.goto("/problems/customer-order-totals").await;
    b.find(".statement pre.schema").await;
    b.text_when(".sample table", "the expected rows", |t| t.contains("Expected rows")).await;
    b.shoot_at("practice-database", Some(".statement h2.sub")).await;

    // An API problem: the scenarios, a server to start from in each of its languages.
    b.goto("/problems/items-crud").await;
    b.text_when(".statement", "the scenarios", |t| t.contains("Sample scenarios") && t.contains("steps")).await;
    assert_eq!(b.js("return [...document.querySelectorAll('#language option')].map(o => o.value)", vec![]).await, json!(["python", "javascript", "go", "java"]));
    b.shoot("practice-api").await;

    // A function problem: the starter code is there, wrong on the samples; then a solution.
    b.goto("/problems/top-k-frequent").await;
    b.text_when("#problem-title", "the problem", |t| t == "Top K Frequent Elements").await;
    let (_, problem) = service.get(&token, "/v1/problems/top-k-frequent").await;
    assert_eq!(b.code().await, problem["starter"]["python"].as_str().unwrap());
    b.find(".statement .katex").await;
    b.click("#run").await;
    b.text_when("#run-results .final", "the starter's verdict", |t| t.contains("WA")).await;
    b.find("#run-results .sample-result[data-verdict=WA] .output").await;
    b.paste_code(&solution("top-k-frequent", "accepted/counter_heap.py")).await;
    let (verdict, live) = submit(&b).await;
    assert_eq!(verdict, "AC");
    assert!(live > 5, "tests arrive live: {live}");
    b.text_when("#earlier", "listing it", |t| t.contains("AC")).await;
    b.client.set_window_size(crate::browser::PHONE.0, crate::browser::PHONE.1).await.unwrap();
    b.assert_fits("the problem page with its results, on a phone").await;
    b.client.set_window_size(crate::browser::DESKTOP.0, crate::browser::DESKTOP.1).await.unwrap();
    b.shoot_at("practice-problem", Some("#submission-results")).await;
    b.close().await;
}
