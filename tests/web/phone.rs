//! A phone-sized window and a keyboard alone: the candidate signs in, starts, writes code in
//! the editor (Tab indents there; Esc then Tab leaves it) and submits, never touching a mouse;
//! every control they pass shows its focus, and no page is wider than the screen.

use crate::assessment::submit_by_keyboard;
use crate::browser::{Browser, PHONE};
use crate::deadline::assessment;
use crate::support::{Options, Service};
use fantoccini::key::Key;
use serde_json::json;

const TEMPLATE: &str = "\
name: Phone screen (test)
level: entry
sections:
  - stage: phone-screen
    duration: 20m
    problems: [{problem: add}]
rubric:
  marks:
    entry: {strong: 90, pass: 60, borderline: 40}
";

/// Whether the focused element shows a visible focus ring (an outline of 2 px or more).
async fn focus_visible(b: &Browser) -> bool {
    b.js("const s = getComputedStyle(document.activeElement); return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;", vec![]).await == json!(true)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_phone_sized_window_and_the_keyboard_alone_reach_a_verdict() {
    let service = Service::start(Options::default()).await;
    std::fs::write(service.tmp.path().join("assessments/phone.yaml"), TEMPLATE).unwrap();
    let (id, code) = assessment(&service, "phone", "Lin").await;
    let b = Browser::open(&service.base).await;
    b.client.set_window_size(PHONE.0, PHONE.1).await.unwrap();

    // The access code field has the focus when the page opens.
    b.goto(&format!("/assessments/{id}")).await;
    b.find("form.signin").await;
    assert!(b.focused().await.starts_with("token-"), "focus on {}", b.focused().await);
    assert!(!b.overflows().await, "the sign-in page fits the phone");
    b.keys(&code).await;
    b.keys(&Key::Enter.to_string()).await;

    b.find("#start").await;
    assert!(!b.overflows().await, "the start page fits the phone");
    b.tab_to("start", 20).await;
    assert!(focus_visible(&b).await, "Start shows its focus");
    b.keys(&Key::Enter.to_string()).await;
    b.text_when("#problem-title", "showing the problem", |t| t == "Add Two Numbers").await;

    // Into the editor by Tab; code typed; Tab indents there.
    b.tab_to("language", 30).await;
    assert!(focus_visible(&b).await, "the language picker shows its focus");
    b.tab_to("code", 5).await;
    b.keys("import sys\na, b = map(int, sys.stdin.read().split())\n").await;
    b.keys(&Key::Tab.to_string()).await;
    assert!(b.code().await.ends_with("\n    "), "Tab indents: {:?}", b.code().await);
    b.keys(&(Key::Shift + &Key::Tab.to_string())).await;
    b.keys(&Key::Null.to_string()).await;
    b.keys("print(a + b)").await;
    assert_eq!(b.code().await, "import sys\na, b = map(int, sys.stdin.read().split())\nprint(a + b)");
    assert!(!b.overflows().await, "the problem page fits the phone");

    // Esc, then Tab, leaves the editor; on to Submit; Enter.
    let (verdict, _) = submit_by_keyboard(&b).await;
    assert_eq!(verdict, "AC");
    assert!(!b.overflows().await, "the results fit the phone");
    b.shoot_at("assessment-keyboard", Some("#submission-results")).await;
    b.close().await;
}
