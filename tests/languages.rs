//! Every language gets AC, WA, TLE, RTE and CE on the `add` fixture problem, in real boxes.

mod common;

use common::{fixture, judge_file, sandbox};
use mockjudge::language::Language;
use mockjudge::verdict::Verdict;

async fn check_language(lang: Language) {
    let sandbox = sandbox().await;
    let problem = fixture("problems/add");
    let ext = lang.toolchain().extensions[0];
    let mut wrong = Vec::new();
    for (file, expected) in [("ac", Verdict::AC), ("wa", Verdict::WA), ("tle", Verdict::TLE), ("rte", Verdict::RTE), ("ce", Verdict::CE)] {
        let path = fixture(&format!("langs/{}/{file}.{ext}", lang.name()));
        let result = judge_file(&sandbox, &problem, &path).await;
        if result.verdict != expected {
            wrong.push(format!("{file}.{ext}: expected {expected}, got {} ({:?}; {:?})", result.verdict, result.message, result.tests.last()));
        }
        if expected == Verdict::CE {
            let output = result.compile_output.unwrap_or_default();
            assert!(!output.is_empty(), "{file}.{ext}: a compile error carries the compiler's output");
        }
        if expected == Verdict::AC {
            assert_eq!(result.tests.len(), 4, "AC runs every test");
        }
    }
    assert!(wrong.is_empty(), "{lang}:\n{}", wrong.join("\n"));
}

#[tokio::test]
async fn python() {
    check_language(Language::Python).await;
}

#[tokio::test]
async fn javascript() {
    check_language(Language::JavaScript).await;
}

#[tokio::test]
async fn java() {
    check_language(Language::Java).await;
}

#[tokio::test]
async fn go() {
    check_language(Language::Go).await;
}

#[tokio::test]
async fn cpp() {
    check_language(Language::Cpp).await;
}

#[tokio::test]
async fn c() {
    check_language(Language::C).await;
}

#[tokio::test]
async fn rust() {
    check_language(Language::Rust).await;
}
