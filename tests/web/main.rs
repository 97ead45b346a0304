//! The pages in headless Chromium (Debian's `chromium` and `chromium-driver`) against the real
//! service: a `redis-server` of each test's own, `mockjudge serve`, and a worker judging in
//! real boxes. Each test drives its own browser through this binary's one chromedriver, as a
//! candidate or an instructor would (keys, clicks, the clipboard, a second tab), and saves
//! screenshots of the pages it passes at a desktop's and a phone's width under
//! `target/screenshots/`. Needs what `tests/run.sh` installs: chromium, chromium-driver,
//! libjs-codemirror, libjs-katex, redis-server, and the sandbox images.

#[path = "../common/mod.rs"]
mod common;
#[allow(dead_code, unused_imports)]
#[path = "../service/support.rs"]
mod support;

mod assessment;
mod browser;
mod deadline;
mod phone;
mod practice;

use std::path::Path;
use std::time::{Duration, Instant};

/// The text of the first file in `dir` whose name ends with `.ext`, once the browser has
/// finished downloading it.
pub async fn eventually_file(dir: &Path, ext: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let found = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|e| e == ext));
        if let Some(path) = found {
            return std::fs::read_to_string(path).unwrap();
        }
        assert!(Instant::now() < deadline, "no .{ext} file downloaded into {}", dir.display());
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
