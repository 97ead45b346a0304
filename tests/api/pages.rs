//! The pages' routes beside the API: each page and file answers with its type and the
//! Content-Security-Policy; `/vendor/` serves Debian's CodeMirror and KaTeX trees and nothing
//! else (no `..`, however it is spelled); a missing package is a 404 the pages fall back from;
//! and pages load while Redis is down, when the API answers 503.

use crate::app::spawn_app;

async fn fetch(base: &str, path: &str) -> (u16, String, Option<String>, String) {
    let r = reqwest::get(format!("{base}{path}")).await.unwrap();
    let header = |name: &str| r.headers().get(name).map(|v| v.to_str().unwrap().to_string());
    let (status, kind, csp) = (r.status().as_u16(), header("content-type").unwrap_or_default(), header("content-security-policy"));
    (status, kind, csp, r.text().await.unwrap())
}

#[tokio::test]
async fn pages_and_their_files_are_served_with_a_content_security_policy() {
    let app = spawn_app(|_| {}).await;
    let id = uuid::Uuid::new_v4();
    for (path, script) in [
        ("/", "practice.js"),
        ("/problems/add", "practice.js"),
        (&format!("/assessments/{id}") as &str, "assessment.js"),
        ("/instructor", "instructor.js"),
        (&format!("/instructor/assessments/{id}"), "instructor.js"),
    ] {
        let (status, kind, csp, body) = fetch(&app.base, path).await;
        assert_eq!((status, kind.as_str()), (200, "text/html; charset=utf-8"), "{path}");
        assert!(csp.unwrap().contains("script-src 'self';"), "{path}");
        assert!(body.contains(&format!("src=\"/static/{script}\"")) && body.contains("role=\"alert\""), "{path}");
    }
    for file in ["api.js", "ui.js", "editor.js", "workspace.js", "practice.js", "assessment.js", "instructor.js", "report.js"] {
        let (status, kind, _, _) = fetch(&app.base, &format!("/static/{file}")).await;
        assert_eq!((status, kind.as_str()), (200, "text/javascript; charset=utf-8"), "{file}");
    }
    assert_eq!(fetch(&app.base, "/static/style.css").await.1, "text/css; charset=utf-8");
    assert_eq!(fetch(&app.base, "/static/nothing.js").await.0, 404);
    // The API's own answers are unchanged: an unknown path is still its JSON 404.
    let (status, kind, _, body) = fetch(&app.base, "/no/such/page").await;
    assert_eq!((status, kind.as_str()), (404, "application/json"), "{body}");
}

#[tokio::test]
async fn vendor_files_come_from_the_two_trees_only() {
    let vendor = tempfile::tempdir().unwrap();
    let v = vendor.path();
    for (file, text) in [
        ("codemirror/lib/codemirror.js", "window.CodeMirror = 1;"),
        ("katex/katex.min.js", "window.katex = 1;"),
        ("katex/fonts/KaTeX_Main-Regular.woff2", "font"),
        ("jquery/jquery.js", "jquery"),
        ("secret.js", "secret"),
        ("codemirror/README.md", "readme"),
    ] {
        std::fs::create_dir_all(v.join(file).parent().unwrap()).unwrap();
        std::fs::write(v.join(file), text).unwrap();
    }
    let dir = v.to_path_buf();
    let app = spawn_app(move |c| c.vendor = dir).await;
    let (status, kind, _, body) = fetch(&app.base, "/vendor/codemirror/lib/codemirror.js").await;
    assert_eq!((status, kind.as_str(), body.as_str()), (200, "text/javascript; charset=utf-8", "window.CodeMirror = 1;"));
    assert_eq!(fetch(&app.base, "/vendor/katex/fonts/KaTeX_Main-Regular.woff2").await.1, "font/woff2");
    for path in [
        "/vendor/jquery/jquery.js",
        "/vendor/secret.js",
        "/vendor/katex/%2e%2e/secret.js",
        "/vendor/katex/..%2fsecret.js",
        "/vendor/katex/%2e%2e%2f%2e%2e%2fsecret.js",
        "/vendor/codemirror/README.md",
        "/vendor/codemirror/lib",
        "/vendor/katex/missing.js",
    ] {
        let (status, _, _, body) = fetch(&app.base, path).await;
        assert_eq!(status, 404, "{path}: {body}");
        assert!(!body.contains("secret") && !body.contains("jquery"), "{path}: {body}");
    }
    // Without the packages, the files are simply not there: the pages fall back.
    let app = spawn_app(|c| c.vendor = "/nonexistent/javascript".into()).await;
    assert_eq!(fetch(&app.base, "/vendor/codemirror/lib/codemirror.js").await.0, 404);
}

#[tokio::test]
async fn pages_load_while_redis_is_down() {
    let mut app = spawn_app(|_| {}).await;
    app.redis.stop();
    let (status, _, _) = app.send("GET", "/v1/assessments", Some(crate::common::http::ADMIN), None).await;
    assert_eq!(status, 503);
    let (status, kind, _, _) = fetch(&app.base, "/instructor").await;
    assert_eq!((status, kind.as_str()), (200, "text/html; charset=utf-8"));
    assert_eq!(fetch(&app.base, "/static/instructor.js").await.0, 200);
}
