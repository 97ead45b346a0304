//! The whole loop as people do it in their browsers: an instructor makes an assessment and
//! copies its invitation; the candidate opens the link, signs in with the code, reads, runs,
//! submits a wrong and then an accepted solution and watches both verdicts arrive, steps away,
//! reloads and carries on, moves to the next section, loads its starter code, finishes and
//! reads the report; the instructor reads the report (grades, evidence, the complexity chart,
//! the paste and the time away the candidate's page reported), reviews a stage and exports
//! CSV.

use crate::browser::Browser;
use crate::support::{Options, Service, ADMIN};
use fantoccini::key::Key;
use serde_json::json;
use std::path::Path;
use std::time::{Duration, Instant};

/// Two short sections: two-sum (a program over stdin, with a ladder for the complexity fit),
/// then top-k-frequent (a function problem: starter code). The report is shown to the
/// candidate.
pub const TEMPLATE: &str = "\
name: Web loop (test)
level: entry
candidate_report: true
sections:
  - stage: phone-screen
    duration: 10m
    problems: [{problem: two-sum}]
  - stage: coding-assessment
    duration: 10m
    problems: [{problem: top-k-frequent}]
rubric:
  marks:
    entry: {strong: 80, pass: 50, borderline: 35}
    mid: {strong: 85, pass: 65, borderline: 50}
    senior: {strong: 90, pass: 75, borderline: 60}
";

pub fn solution(problem: &str, file: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("problems").join(problem).join("submissions").join(file)).unwrap()
}

/// Signs in on the page's sign-in form: the secret typed (or pasted, with `None`) and Enter.
pub async fn sign_in(b: &Browser, secret: Option<&str>) {
    let field = b.find("form.signin input[type=password]").await;
    field.click().await.unwrap();
    match secret {
        Some(s) => field.send_keys(s).await.unwrap(),
        None => b.paste().await,
    }
    field.send_keys(&Key::Enter.to_string()).await.unwrap();
}

async fn value(b: &Browser, id: &str) -> String {
    b.find(&format!("#{id}")).await.prop("value").await.unwrap().unwrap_or_default()
}

/// Clicks Submit and waits for the new submission's verdict; returns it and how many test
/// rows arrived live (over the event stream) before the final result replaced them.
pub async fn submit(b: &Browser) -> (String, u64) {
    b.js(
        "window.__before = document.querySelectorAll('#submission-results .live').length; window.__liveRows = 0;
         new MutationObserver((changes) => { for (const c of changes) for (const n of c.addedNodes)
           if (n.nodeName === 'TR' && n.closest('.live-tests')) window.__liveRows++; })
           .observe(document.getElementById('submission-results'), {childList: true, subtree: true});",
        vec![],
    )
    .await;
    b.click("#submit").await;
    b.until("a new submission followed", "return document.querySelectorAll('#submission-results .live').length > window.__before;").await;
    let verdict = b.find("#submission-results .live:first-child .final .verdict").await.attr("data-verdict").await.unwrap().unwrap();
    let rows = b.js("return window.__liveRows;", vec![]).await.as_u64().unwrap();
    (verdict, rows)
}

/// From the editor, by keyboard alone: Esc and Tab leave it, Tab again to Submit, Enter;
/// checks Submit shows its focus. Returns the verdict, as [`submit`] does.
pub async fn submit_by_keyboard(b: &Browser) -> (String, u64) {
    b.keys(&Key::Escape.to_string()).await;
    b.tab().await;
    assert_ne!(b.focused().await, "code", "Esc then Tab leaves the editor");
    b.tab_to("submit", 10).await;
    let ring = b.js("const s = getComputedStyle(document.activeElement); return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;", vec![]).await;
    assert_eq!(ring, json!(true), "Submit shows its focus");
    b.js("window.__before = document.querySelectorAll('#submission-results .live').length;", vec![]).await;
    b.keys(&Key::Enter.to_string()).await;
    b.until("a new submission followed", "return document.querySelectorAll('#submission-results .live').length > window.__before;").await;
    let verdict = b.find("#submission-results .live:first-child .final .verdict").await.attr("data-verdict").await.unwrap().unwrap();
    (verdict, 0)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_candidate_sits_the_assessment_an_instructor_made_and_the_report_shows_it() {
    let started = Instant::now();
    let service = Service::start(Options { problems: vec!["two-sum", "top-k-frequent"], ..Default::default() }).await;
    std::fs::write(service.tmp.path().join("assessments/web-loop.yaml"), TEMPLATE).unwrap();
    let b = Browser::open(&service.base).await;

    // The instructor signs in and finds the problems, their verification, and the templates
    // with the broken one's error.
    b.goto("/instructor").await;
    b.find("form.signin").await;
    b.shoot("instructor-signin").await;
    sign_in(&b, Some(ADMIN)).await;
    // Both problems carry the time limit verify set (.timelimit).
    for slug in ["two-sum", "top-k-frequent"] {
        let state = b.find(&format!("#problems tr[data-slug={slug}] .verified")).await;
        assert_eq!(state.attr("data-verified").await.unwrap().as_deref(), Some("true"), "{slug}");
        assert_eq!(state.text().await.unwrap(), "✓ verified");
    }
    b.text_when(".invalid-templates", "naming the broken template", |t| t.contains("broken.yaml") && t.contains("duration")).await;
    b.text_when("#templates", "listing the test's template", |t| t.contains("Web loop (test)")).await;
    b.shoot("instructor").await;

    // It makes the assessment for Ada and copies the link: the clipboard holds it.
    b.find("#new-template").await.select_by_value("web-loop").await.unwrap();
    b.type_into("#new-candidate", "Ada").await;
    b.click("#create").await;
    let link = value(&b, "invite-link").await;
    assert!(link.starts_with(&format!("{}/assessments/", service.base)), "{link}");
    let id = link.rsplit('/').next().unwrap().to_string();
    b.click("#copy-link").await;
    b.text_when("#copy-status", "saying it copied", |t| t == "Copied the link.").await;
    b.focus("filter-candidate").await;
    b.paste().await;
    assert_eq!(value(&b, "filter-candidate").await, link, "the clipboard holds the link");
    b.shoot_at("instructor-invitation", Some("#invitation")).await;
    let code = value(&b, "invite-code").await;
    assert!(!link.contains(&code) && code.starts_with("mjc_"), "the code is not in the link");
    b.click("#copy-code").await;
    b.text_when("#copy-status", "saying it copied", |t| t == "Copied the access code.").await;
    let instructor = b.client.window().await.unwrap();

    // The candidate opens the link in a tab of their own and pastes the access code.
    let tab = b.client.new_window(true).await.unwrap().handle;
    b.client.switch_to_window(tab.clone()).await.unwrap();
    b.client.goto(&link).await.unwrap();
    b.find("form.signin").await;
    b.shoot("assessment-signin").await;
    sign_in(&b, None).await;
    b.text_when("#integrity-notice", "telling what is reported", |t| t.contains("paste") && t.contains("leave the page")).await;
    b.shoot("assessment-start").await;
    assert!(!b.client.current_url().await.unwrap().as_str().contains(&code), "no token in the URL");
    b.click("#start").await;

    // Section one: the statement with its math typeset, Python picked, no starter code (a
    // program over stdin), the countdown running from the server's time.
    b.text_when("#problem-title", "showing two-sum", |t| t == "Two Sum").await;
    b.find(".statement .katex").await;
    assert_eq!(value(&b, "language").await, "python");
    b.text_when("#starter-note", "saying there is no starter", |t| t.contains("no starter code")).await;
    let left = |t: &str| t.split(':').count() == 2 && t.split(':').all(|p| p.parse::<u32>().is_ok());
    let shown = b.text_when("#countdown", "a time", left).await;
    assert!(shown == "20:00" || shown.starts_with("19:"), "{shown}");
    let left_ms = || async { b.find("#countdown").await.attr("data-left-ms").await.unwrap().unwrap().parse::<u64>().unwrap() };
    let first = left_ms().await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let later = left_ms().await;
    // Shown every 250 ms: 1.5 s later it is at least 1 s lower.
    assert!(first <= 20 * 60_000 && later + 1000 <= first, "the countdown runs: {first} ms then {later} ms");
    let section = b.text_when("#section-timer", "a time", left).await;
    assert!(section == "10:00" || section.starts_with("9:"), "{section}");

    // A solution that pairs an element with itself: pasted, right on the samples, wrong on
    // the hidden tests.
    let wrong = solution("two-sum", "wrong_answer/same_element_twice.py");
    b.paste_code(&wrong).await;
    b.click("#run").await;
    b.text_when("#run-results .final", "the run's verdict", |t| t.contains("AC")).await;
    let samples = b.client.find_all(fantoccini::Locator::Css("#run-results .sample-result")).await.unwrap();
    assert_eq!(samples.len(), 3, "each sample with its output beside the expected one");
    let expected = b.find("#run-results .sample-result .expected").await.text().await.unwrap();
    let output = b.find("#run-results .sample-result .output").await.text().await.unwrap();
    assert_eq!((expected.trim(), output.trim()), ("1 2", "1 2"));
    let (verdict, live) = submit(&b).await;
    assert_eq!(verdict, "WA");
    assert!(live > 10, "every test's verdict, as it arrived: {live} rows");
    b.text_when("#taken", "listing the wrong answer", |t| t.contains("WA")).await;

    // Away from the page for a while (the instructor's tab), then back.
    b.client.switch_to_window(instructor.clone()).await.unwrap();
    tokio::time::sleep(Duration::from_millis(1500)).await;
    b.client.switch_to_window(tab.clone()).await.unwrap();

    // A reload resumes: the same problem, language and code, and the verdict taken.
    b.client.refresh().await.unwrap();
    b.text_when("#problem-title", "showing two-sum again", |t| t == "Two Sum").await;
    assert_eq!(value(&b, "language").await, "python");
    let deadline = Instant::now() + Duration::from_secs(10);
    while b.code().await != wrong {
        assert!(Instant::now() < deadline, "the draft is back: {:?}", b.code().await);
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    b.text_when("#taken", "still listing the wrong answer", |t| t.contains("WA")).await;
    b.shoot("assessment").await;

    // The accepted one.
    b.paste_code(&solution("two-sum", "accepted/hashmap.py")).await;
    let (verdict, live) = submit(&b).await;
    assert_eq!(verdict, "AC");
    assert!(live > 10, "every test's verdict, as it arrived: {live} rows");

    // On to section two: a function problem; its starter code, run on the samples, is wrong
    // (it returns a default) and shows what it returned beside what was expected.
    b.click("#advance").await;
    b.click("#confirm-yes").await;
    b.text_when("#problem-title", "showing top-k-frequent", |t| t == "Top K Frequent Elements").await;
    let (_, problem) = service.get(ADMIN, &format!("/v1/assessments/{id}/problems/top-k-frequent")).await;
    let starter = problem["starter"]["python"].as_str().unwrap().to_string();
    b.click("#load-starter").await;
    assert_eq!(b.code().await, starter);
    b.click("#run").await;
    b.text_when("#run-results .final", "the starter's verdict", |t| t.contains("WA")).await;
    b.find("#run-results .sample-result[data-verdict=WA] .expected").await;
    b.shoot_at("assessment-run", Some("#run-results")).await;
    b.paste_code(&solution("top-k-frequent", "accepted/counter_heap.py")).await;
    assert_eq!(submit(&b).await.0, "AC");

    // Finished: the candidate reads the report.
    b.click("#finish").await;
    b.click("#confirm-yes").await;
    b.text_when("#over", "saying it is over", |t| t.contains("The assessment is over")).await;
    b.find("#candidate-report .report[data-final=true]").await;
    assert!(b.js("return document.getElementById('code').closest('.editor').classList.contains('read-only')", vec![]).await == json!(true));
    b.shoot_at("assessment-report", Some("#candidate-report")).await;

    // The instructor finds it and reads its report.
    b.client.switch_to_window(instructor).await.unwrap();
    let filter = b.find("#filter-candidate").await;
    filter.clear().await.unwrap();
    filter.send_keys("ada").await.unwrap();
    b.click("#filter").await;
    b.click(&format!("tr[data-assessment='{id}'][data-state=finished] a")).await;
    b.find(".report[data-final=true]").await;
    let grades = b.js(
        "return [...document.querySelectorAll('#stages tbody tr')].map(r => [r.dataset.stage, r.querySelector('.grade').textContent, r.dataset.band]);",
        vec![],
    )
    .await;
    assert_eq!(grades, json!([["phone-screen", "100.0", "pass"], ["coding-assessment", "100.0", "pass"]]));
    b.text_when("#recommendation", "the recommendation", |t| t == "Strong hire").await;
    b.text_when("#level", "the level", |t| t == "senior").await;
    let two_sum = "[data-problem=two-sum]";
    b.text_when(&format!("{two_sum} table"), "both attempts", |t| t.contains("WA") && t.contains("AC") && t.contains("graded")).await;
    let rungs = b.client.find_all(fantoccini::Locator::Css(&format!("{two_sum} svg.chart .rung"))).await.unwrap();
    assert_eq!(rungs.len(), 8, "the ladder's rungs on the chart");
    let integrity = b.text_when("#integrity", "the paste and the time away", |t| t.contains("Pasted") && t.contains("Left the page")).await;
    let sizes: Vec<usize> = [wrong.chars().count(), solution("two-sum", "accepted/hashmap.py").chars().count()].to_vec();
    for size in sizes {
        assert!(integrity.contains(&format!("Pasted {size} characters into the editor (Two Sum)")), "{integrity}");
    }
    println!("integrity on the report:\n{integrity}");

    // A review of the phone screen: a manual score shown beside the automatic one.
    b.type_into("#review-phone-screen-score", "80").await;
    b.type_into("#review-phone-screen-notes", "clear about the complement").await;
    b.click("form.review[data-stage=phone-screen] button").await;
    b.text_when("#stages tr[data-stage=phone-screen]", "the manual score", |t| t.contains("80.0")).await;
    b.text_when(".stage[data-stage=phone-screen] .notes", "the notes", |t| t == "clear about the complement").await;
    b.shoot("report").await;
    b.shoot_at("report-evidence", Some(".stage[data-stage=phone-screen]")).await;
    b.shoot_at("report-integrity", Some("#integrity")).await;

    // Exported as CSV, from the assessments page.
    b.goto("/instructor").await;
    b.type_into("#filter-candidate", "ada").await;
    b.click("#export-csv").await;
    b.text_when("#export-status", "exported", |t| t.starts_with("Exported 1 assessment as CSV")).await;
    let csv = crate::eventually_file(b.downloads.path(), "csv").await;
    assert!(csv.starts_with("\"id\",\"template\",\"candidate\""), "{csv}");
    assert!(csv.contains(&format!("\"{id}\",\"web-loop\",\"Ada\",\"finished\"")) && csv.contains("\"100\",\"pass\""), "{csv}");
    b.shoot_at("instructor-export", Some("#assessments")).await;
    b.close().await;
    println!("the whole loop took {:?}", started.elapsed());
}
