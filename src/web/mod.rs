//! The pages: what candidates and instructors use in a browser, served by the same binary and
//! port as the API, and calling only the same `/v1` API any other client calls (no second
//! backend: a page can do nothing a `curl` could not).
//!
//! Why it is shaped so:
//! - The HTML, CSS and JavaScript are files under `static/`, written by hand and compiled into
//!   the binary (`include_bytes!`): no Node toolchain, no build step, nothing to deploy beside
//!   the binary. Every page is one HTML shell (`page.html`) naming its script; the scripts are
//!   ES modules by concern (`api.js` fetch, tokens and events;
//!   `ui.js` elements and words; `editor.js`; `workspace.js` the problem, editor and results a
//!   page shows; `practice.js`, `assessment.js`, `instructor.js`, `report.js`), no framework.
//! - The pages are static: a page learns what to show from its path (`/problems/{slug}`,
//!   `/assessments/{id}`) and asks the API, with the token the person typed into the page. Tokens
//!   live in the tab's `sessionStorage` and travel only in `Authorization` headers, never in a
//!   URL (a URL ends up in histories, logs and `Referer`s); the sign-in forms have no field
//!   names and post nowhere, so even without scripts a token cannot reach a URL.
//! - The editor (CodeMirror 5) and the math (KaTeX) are Debian's packages (`libjs-codemirror`,
//!   `libjs-katex`), read from `--vendor-dir` (default `/usr/share/javascript`) under
//!   `/vendor/codemirror/...` and `/vendor/katex/...` only. A missing package is a 404 the
//!   pages expect: they fall back to a plain textarea (Tab indents) and show math as its source.
//! - Pages answer without Redis (they are files), so they sit outside the API's outage gate:
//!   while Redis is down a page still loads and shows the API's 503 in words.
//! - Every page answer carries a Content-Security-Policy allowing scripts from this origin
//!   only, so a problem statement's HTML (rendered from its Markdown, shown as HTML) cannot run
//!   script, and no page can be framed.

use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::path::PathBuf;
use std::sync::Arc;

/// A file of `static/`, compiled in: its name under `/static/`, its type and its bytes.
struct Asset {
    name: &'static str,
    mime: &'static str,
    body: &'static [u8],
}

macro_rules! asset {
    ($name:literal, $mime:expr) => {
        Asset { name: $name, mime: $mime, body: include_bytes!(concat!("static/", $name)) }
    };
}

const JS: &str = "text/javascript; charset=utf-8";
const HTML: &str = "text/html; charset=utf-8";

/// Every file the pages load from `/static/`.
const ASSETS: &[Asset] = &[
    asset!("style.css", "text/css; charset=utf-8"),
    asset!("api.js", JS),
    asset!("ui.js", JS),
    asset!("editor.js", JS),
    asset!("workspace.js", JS),
    asset!("practice.js", JS),
    asset!("assessment.js", JS),
    asset!("instructor.js", JS),
    asset!("report.js", JS),
    asset!("favicon.svg", "image/svg+xml"),
];

/// Every page is this shell, filled in by [`render`]: its script builds the rest.
const SHELL: &str = include_str!("static/page.html");

/// Where a page sits in the site's navigation.
#[derive(Clone, Copy, PartialEq)]
enum Nav {
    Practice,
    Instructor,
    /// None shown: a candidate in an assessment is offered no way out of it.
    Hidden,
}

/// A page: its title, its script, the `data-page` its script reads, and its place.
struct Page {
    title: &'static str,
    script: &'static str,
    page: &'static str,
    nav: Nav,
}

const PRACTICE_LIST: Page = Page { title: "Practice", script: "practice.js", page: "list", nav: Nav::Practice };
const PRACTICE_PROBLEM: Page = Page { title: "Problem — practice", script: "practice.js", page: "problem", nav: Nav::Practice };
const ASSESSMENT: Page = Page { title: "Assessment", script: "assessment.js", page: "assessment", nav: Nav::Hidden };
const INSTRUCTOR: Page = Page { title: "Instructor", script: "instructor.js", page: "instructor", nav: Nav::Instructor };
const REPORT: Page = Page { title: "Report", script: "instructor.js", page: "report", nav: Nav::Instructor };

fn render(p: &Page) -> axum::body::Bytes {
    let current = |nav| if p.nav == nav { " aria-current=\"page\"" } else { "" };
    let header = match p.nav {
        Nav::Hidden => "    <span class=\"brand\">mockjudge</span>\n".to_string(),
        _ => format!(
            "    <a class=\"brand\" href=\"/\">mockjudge</a>\n    <nav aria-label=\"Site\"><a href=\"/\"{}>Practice</a> <a href=\"/instructor\"{}>Instructor</a></nav>\n",
            current(Nav::Practice),
            current(Nav::Instructor)
        ),
    };
    let html = SHELL.replace("{{title}}", p.title).replace("{{script}}", p.script).replace("{{page}}", p.page).replace("{{header}}", &header);
    axum::body::Bytes::from(html)
}

/// Scripts from this origin only (the statement's HTML runs none); styles may be inline, as
/// KaTeX's output and CodeMirror set them; no framing.
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; \
                   font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
                   frame-ancestors 'none'";

/// The two Debian packages the pages use, each a folder under the vendor directory.
const VENDOR_TREES: [&str; 2] = ["codemirror", "katex"];

struct Pages {
    /// Where `codemirror/` and `katex/` are (Debian: `/usr/share/javascript`).
    vendor: PathBuf,
}

/// The pages' routes, to merge into the API's router: `vendor` is the folder holding Debian's
/// `codemirror/` and `katex/`.
pub fn routes<S: Clone + Send + Sync + 'static>(vendor: PathBuf) -> Router<S> {
    let serve = |p: &Page| {
        let html = render(p);
        get(move || async move { page(html) })
    };
    Router::new()
        .route("/", serve(&PRACTICE_LIST))
        .route("/problems/{slug}", serve(&PRACTICE_PROBLEM))
        .route("/assessments/{id}", serve(&ASSESSMENT))
        .route("/instructor", serve(&INSTRUCTOR))
        .route("/instructor/assessments/{id}", serve(&REPORT))
        .route("/static/{file}", get(asset))
        .route("/vendor/{*path}", get(vendor_file))
        .with_state(Arc::new(Pages { vendor }))
}

/// Headers every page and file of ours carries.
fn secured(mut response: Response) -> Response {
    let h = response.headers_mut();
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    response
}

fn page(body: axum::body::Bytes) -> Response {
    // Pages are small and change with the binary: always revalidated.
    secured(([(header::CONTENT_TYPE, HTML), (header::CACHE_CONTROL, "no-cache")], body).into_response())
}

fn not_found() -> Response {
    secured((StatusCode::NOT_FOUND, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], "not found\n").into_response())
}

async fn asset(Path(file): Path<String>) -> Response {
    match ASSETS.iter().find(|a| a.name == file) {
        Some(a) => secured(([(header::CONTENT_TYPE, a.mime), (header::CACHE_CONTROL, "no-cache")], a.body).into_response()),
        None => not_found(),
    }
}

/// The file a `/vendor/` path names, if it is one we serve: inside `codemirror/` or `katex/`,
/// no `..`, `.`, empty or hidden segment, and a type a page loads. Symbolic links the package
/// installed are followed (Debian's `katex/fonts` points into `/usr/share/fonts`): only root
/// makes them there; a client can only name paths below the two trees.
fn vendor_path(root: &std::path::Path, path: &str) -> Option<(PathBuf, &'static str)> {
    let mut segments = path.split('/');
    let tree = segments.next().filter(|t| VENDOR_TREES.contains(t))?;
    let mut out = root.join(tree);
    let mut last = None;
    for s in segments {
        if s.is_empty() || s.starts_with('.') || s.contains(['\\', '\0']) {
            return None;
        }
        out.push(s);
        last = Some(s);
    }
    let mime = match last?.rsplit_once('.')?.1 {
        "js" => JS,
        "css" => "text/css; charset=utf-8",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        _ => return None,
    };
    Some((out, mime))
}

async fn vendor_file(State(pages): State<Arc<Pages>>, Path(path): Path<String>) -> Response {
    let Some((file, mime)) = vendor_path(&pages.vendor, &path) else { return not_found() };
    match tokio::fs::metadata(&file).await {
        Ok(m) if m.is_file() => {}
        _ => return not_found(),
    }
    match tokio::fs::read(&file).await {
        // The packages change only with the machine's packages.
        Ok(body) => secured(([(header::CONTENT_TYPE, mime), (header::CACHE_CONTROL, "public, max-age=3600")], body).into_response()),
        Err(_) => not_found(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn vendor_paths_stay_in_the_two_trees() {
        let root = Path::new("/usr/share/javascript");
        let ok = vendor_path(root, "codemirror/mode/python/python.js").unwrap();
        assert_eq!(ok, (root.join("codemirror/mode/python/python.js"), JS));
        assert_eq!(vendor_path(root, "katex/fonts/KaTeX_Main-Regular.woff2").unwrap().1, "font/woff2");
        for bad in [
            "",
            "codemirror",
            "codemirror/",
            "jquery/jquery.js",
            "codemirror/../jquery/jquery.js",
            "katex/../../../etc/passwd.js",
            "katex/./katex.js",
            "katex//katex.js",
            "katex/.hidden.js",
            "katex/a\\..\\b.js",
            "katex/katex.js\0.css",
            "katex/README.md",
            "katex/contrib",
            "/etc/passwd.js",
        ] {
            assert_eq!(vendor_path(root, bad), None, "{bad:?}");
        }
    }

    #[test]
    fn every_asset_is_named_once() {
        let mut names: Vec<&str> = ASSETS.iter().map(|a| a.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), ASSETS.len());
    }
}
