//! The server's clock, as the page keeps it: the countdown reaches the deadline and the editor
//! closes (read-only, Run and Submit off); a submission that still arrives after the session
//! closed (here: the instructor ended it while the candidate's page was open) is refused by the
//! API, and the page says so in words. This test also runs without Debian's CodeMirror and
//! KaTeX (the vendor folder missing): a plain textarea that indents with Tab, math as source.

use crate::assessment::sign_in;
use crate::browser::Browser;
use crate::support::{Options, Service, ADMIN};
use fantoccini::key::Key;
use serde_json::json;

const SHORT: &str = "\
name: Short (test)
level: entry
sections:
  - stage: phone-screen
    duration: 10s
    problems: [{problem: two-sum}]
rubric:
  marks:
    entry: {strong: 90, pass: 60, borderline: 40}
";

const LONG: &str = "\
name: Long (test)
level: entry
sections:
  - stage: phone-screen
    duration: 30m
    problems: [{problem: add}]
rubric:
  marks:
    entry: {strong: 90, pass: 60, borderline: 40}
";

/// Makes an assessment of `template` for `candidate`: its id and access code.
pub async fn assessment(service: &Service, template: &str, candidate: &str) -> (String, String) {
    let (status, body) = service.post(ADMIN, "/v1/assessments", &json!({ "template": template, "candidate": candidate })).await;
    assert_eq!(status, 201, "{body}");
    (body["assessment"]["id"].as_str().unwrap().to_string(), body["token"].as_str().unwrap().to_string())
}

#[tokio::test(flavor = "multi_thread")]
async fn the_deadline_closes_the_editor_and_a_late_submit_is_refused_in_words() {
    // Nothing gets judged here: no worker.
    let vendor = ("MOCKJUDGE_VENDOR_DIR", "/nonexistent/javascript".to_string());
    let service = Service::start(Options { worker: false, problems: vec!["two-sum"], env: vec![vendor] }).await;
    let folder = service.tmp.path().join("assessments");
    std::fs::write(folder.join("short.yaml"), SHORT).unwrap();
    std::fs::write(folder.join("long.yaml"), LONG).unwrap();
    let (short, short_code) = assessment(&service, "short", "Grace").await;
    let (long, long_code) = assessment(&service, "long", "Grace").await;
    let b = Browser::open(&service.base).await;

    b.goto(&format!("/assessments/{short}")).await;
    sign_in(&b, Some(&short_code)).await;
    b.click("#start").await;
    b.text_when("#problem-title", "showing two-sum", |t| t == "Two Sum").await;

    // No CodeMirror: a textarea, where Tab indents and Shift+Tab takes it back.
    assert_eq!(b.js("return document.getElementById('workspace').dataset.editor", vec![]).await, json!("textarea"));
    b.focus("code").await;
    b.keys(&Key::Tab.to_string()).await;
    assert_eq!(b.code().await, "    ");
    b.keys(&(Key::Shift + &Key::Tab.to_string())).await;
    b.keys(&Key::Null.to_string()).await;
    assert_eq!(b.code().await, "");
    b.keys("print(-1, -1)").await;
    // No KaTeX: the math stays as its source.
    assert_eq!(b.js("return document.querySelector('.statement').classList.contains('math-as-source') && !document.querySelector('.katex')", vec![]).await, json!(true));
    b.text_when(".statement-body", "showing the math's source", |t| t.contains("a_1, a_2, \\ldots, a_n")).await;
    b.shoot("assessment-fallback").await;

    // The countdown reaches the deadline: the editor closes.
    let note = b.text_when("#closed-note", "closing the editor", |t| t.contains("time is up") || t.contains("is over")).await;
    println!("at the deadline: {note}");
    assert_eq!(b.find("#code").await.prop("readOnly").await.unwrap().as_deref(), Some("true"));
    assert!(!b.find("#submit").await.is_enabled().await.unwrap() && !b.find("#run").await.is_enabled().await.unwrap());
    b.text_when("#countdown", "at zero", |t| t == "0:00" || t == "over").await;
    b.text_when("#over", "saying time ran out", |t| t.contains("Time ran out at")).await;
    assert_eq!(b.code().await, "print(-1, -1)", "the code stays to read");
    b.shoot("assessment-closed").await;

    // Another session, open in the page, finished elsewhere meanwhile: the submit is late.
    b.goto(&format!("/assessments/{long}")).await;
    sign_in(&b, Some(&long_code)).await;
    b.click("#start").await;
    b.text_when("#problem-title", "showing add", |t| t == "Add Two Numbers").await;
    b.focus("code").await;
    b.keys("print(sum(map(int, input().split())))").await;
    let (status, body) = service.post(ADMIN, &format!("/v1/assessments/{long}/finish"), &json!({})).await;
    assert_eq!(status, 200, "{body}");
    b.click("#submit").await;
    let alert = b.text_when("#alert", "refusing the submission", |t| !t.is_empty()).await;
    assert!(alert.starts_with("Not taken: the assessment is finished; nothing more is taken."), "{alert}");
    assert!(alert.contains("(assessment_closed, HTTP 409)") && alert.contains("It closed at"), "{alert}");
    b.text_when("#closed-note", "closing the editor", |t| t.contains("is over")).await;
    assert!(!b.find("#submit").await.is_enabled().await.unwrap());
    b.shoot("assessment-late").await;
    b.close().await;
}
