//! Headless Chromium as tests drive it: one `chromedriver` per test binary (on a free port,
//! killed with the binary), a browser session per test, and helpers that wait for what a
//! person would wait for (an element, a text), type and press keys, and save screenshots at a
//! desktop's and a phone's width under `target/screenshots/`.

use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// Chromium's flags: headless, no sandbox (root in CI), nothing fetched in the background.
const FLAGS: [&str; 6] = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run", "--disable-dev-shm-usage"];

pub const DESKTOP: (u32, u32) = (1280, 900);
pub const PHONE: (u32, u32) = (390, 844);

/// How long a page may take to show what a test waits for (judging included).
pub const WAIT: Duration = Duration::from_secs(60);

static DRIVER: OnceLock<u16> = OnceLock::new();

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// The port of this binary's chromedriver, started on first use. It is started from a thread
/// that lives as long as the process and asks the kernel to kill it when that thread ends
/// (`PR_SET_PDEATHSIG`), so it never outlives the tests.
fn chromedriver() -> u16 {
    *DRIVER.get_or_init(|| {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            use std::os::unix::process::CommandExt;
            let port = free_port();
            let log = screenshots().parent().unwrap().join("chromedriver.log");
            let mut cmd = Command::new("chromedriver");
            cmd.arg(format!("--port={port}")).arg(format!("--log-path={}", log.display())).stdout(Stdio::null()).stderr(Stdio::null());
            unsafe {
                cmd.pre_exec(|| {
                    libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
                    Ok(())
                });
            }
            let mut child = cmd.spawn().expect("chromedriver (Debian's chromium-driver; tests/run.sh installs it)");
            tx.send(port).unwrap();
            let _ = child.wait();
        });
        let port = rx.recv().unwrap();
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not listen on {port}");
            std::thread::sleep(Duration::from_millis(50));
        }
        port
    })
}

/// `target/screenshots/` (beside the test binary's `debug/`, wherever the target folder is).
pub fn screenshots() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    // target/debug/deps/web-<hash>
    let target = exe.parent().and_then(|p| p.parent()).and_then(|p| p.parent()).unwrap().to_path_buf();
    let dir = target.join("screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A browser session on the service at `base`; closed when dropped.
pub struct Browser {
    pub client: Client,
    pub base: String,
    pub downloads: tempfile::TempDir,
    session: Option<String>,
}

impl Browser {
    pub async fn open(base: &str) -> Browser {
        let port = chromedriver();
        let downloads = tempfile::tempdir().unwrap();
        let mut args: Vec<String> = FLAGS.iter().map(|f| f.to_string()).collect();
        args.push(format!("--window-size={},{}", DESKTOP.0, DESKTOP.1));
        let caps = json!({
            "goog:chromeOptions": {
                "binary": "/usr/bin/chromium",
                "args": args,
                "prefs": {"download.default_directory": downloads.path(), "download.prompt_for_download": false},
            },
        });
        let caps = match caps {
            Value::Object(map) => map,
            _ => unreachable!(),
        };
        let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("a chromium session (Debian's chromium; tests/run.sh installs it)");
        let session = client.session_id().await.unwrap();
        client.set_window_size(DESKTOP.0, DESKTOP.1).await.unwrap();
        Browser { client, base: base.to_string(), downloads, session }
    }

    pub async fn close(mut self) {
        self.session = None;
        let _ = self.client.clone().close().await;
    }

    pub async fn goto(&self, path: &str) {
        self.client.goto(&format!("{}{path}", self.base)).await.unwrap();
    }

    /// The element `css` names, once it is there.
    pub async fn find(&self, css: &str) -> Element {
        match self.client.wait().at_most(WAIT).every(Duration::from_millis(50)).for_element(Locator::Css(css)).await {
            Ok(el) => el,
            Err(e) => panic!("no {css} within {WAIT:?}: {e}; alert: {:?}", self.alert().await),
        }
    }

    pub async fn click(&self, css: &str) {
        let el = self.find(css).await;
        el.click().await.unwrap_or_else(|e| panic!("clicking {css}: {e}"));
    }

    pub async fn type_into(&self, css: &str, text: &str) {
        let el = self.find(css).await;
        el.send_keys(text).await.unwrap();
    }

    /// Runs `script` (a function body: `arguments`, `return`) in the page.
    pub async fn js(&self, script: &str, args: Vec<Value>) -> Value {
        self.client.execute(script, args).await.unwrap_or_else(|e| panic!("{script}: {e}"))
    }

    /// The text of `css` once `check` holds for it; fails the test with the last text (and the
    /// page's alert) otherwise.
    pub async fn text_when(&self, css: &str, what: &str, check: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + WAIT;
        let mut last = String::new();
        loop {
            if let Ok(el) = self.client.find(Locator::Css(css)).await {
                if let Ok(t) = el.text().await {
                    if check(&t) {
                        return t;
                    }
                    last = t;
                }
            }
            if Instant::now() > deadline {
                panic!("{css} not {what} within {WAIT:?}; it says {last:?}; alert: {:?}", self.alert().await);
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until `script` (returning a boolean) holds.
    pub async fn until(&self, what: &str, script: &str) {
        let deadline = Instant::now() + WAIT;
        loop {
            if self.js(script, vec![]).await == Value::Bool(true) {
                return;
            }
            if Instant::now() > deadline {
                panic!("not {what} within {WAIT:?}; alert: {:?}", self.alert().await);
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// What the page's alert region says.
    pub async fn alert(&self) -> String {
        match self.client.find(Locator::Css("#alert")).await {
            Ok(el) => el.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        }
    }

    /// The focused element's id (or its tag and text when it has none).
    pub async fn focused(&self) -> String {
        self.js("const e = document.activeElement; return e ? (e.id || e.tagName.toLowerCase() + ':' + (e.textContent || '').trim().slice(0, 40)) : '';", vec![])
            .await
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// Presses keys on whatever has the focus, as a keyboard does.
    pub async fn keys(&self, keys: &str) {
        self.client.active_element().await.unwrap().send_keys(keys).await.unwrap();
    }

    pub async fn tab(&self) {
        self.keys(&Key::Tab.to_string()).await;
    }

    /// Tabs until the element with `id` has the focus (at most `limit` presses); returns how
    /// many it took.
    pub async fn tab_to(&self, id: &str, limit: usize) -> usize {
        for n in 1..=limit {
            self.tab().await;
            if self.focused().await == id {
                return n;
            }
        }
        panic!("#{id} not reached in {limit} presses of Tab; focus is on {}", self.focused().await);
    }

    /// The editor's text (CodeMirror's or the plain textarea's).
    pub async fn code(&self) -> String {
        self.js("const cm = document.querySelector('.CodeMirror'); return cm ? cm.CodeMirror.getValue() : document.getElementById('code').value;", vec![])
            .await
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// Puts `text` on the browser's clipboard, as copying it elsewhere would.
    pub async fn set_clipboard(&self, text: &str) {
        let done = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1]; navigator.clipboard.writeText(arguments[0]).then(() => done(true), (e) => done(String(e)));",
                vec![json!(text)],
            )
            .await
            .unwrap();
        assert_eq!(done, Value::Bool(true), "writing the clipboard");
    }

    /// Presses Ctrl+V where the focus is: a real paste from the browser's clipboard.
    pub async fn paste(&self) {
        self.keys(&(Key::Control + "v")).await;
        self.keys(&Key::Null.to_string()).await;
    }

    /// Replaces the editor's code with `text` by pasting it (Ctrl+A, Ctrl+V), as a candidate
    /// pasting a solution does: the page sees a real paste event.
    pub async fn paste_code(&self, text: &str) {
        // A click on the editor: the page's user activation, which writing the clipboard needs.
        self.click(".editor").await;
        self.set_clipboard(text).await;
        self.focus("code").await;
        self.keys(&(Key::Control + "a")).await;
        self.keys(&Key::Null.to_string()).await;
        self.paste().await;
        let deadline = Instant::now() + Duration::from_secs(5);
        while self.code().await != text {
            assert!(Instant::now() < deadline, "the paste did not land: the editor holds {:?}", self.code().await);
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Gives the element with `id` the focus (the editor's input, for one).
    pub async fn focus(&self, id: &str) {
        self.find(&format!("#{id}")).await;
        self.js("document.getElementById(arguments[0]).focus();", vec![json!(id)]).await;
    }

    /// Screenshots of the page as it is, at a desktop's and at a phone's width:
    /// `<name>-desktop.png` and `<name>-phone.png`; at the phone's width the page must not be
    /// wider than the screen. The window returns to its size after.
    pub async fn shoot(&self, name: &str) {
        self.shoot_at(name, None).await
    }

    /// As [`Browser::shoot`], with the element `css` scrolled to the top of the window (else
    /// the page's top).
    pub async fn shoot_at(&self, name: &str, css: Option<&str>) {
        let (w, h) = self.client.get_window_size().await.unwrap();
        for (suffix, (width, height)) in [("desktop", DESKTOP), ("phone", PHONE)] {
            self.client.set_window_size(width, height).await.unwrap();
            tokio::time::sleep(Duration::from_millis(200)).await;
            self.js(
                "const el = arguments[0] && document.querySelector(arguments[0]); if (el) el.scrollIntoView({block: 'start'}); else window.scrollTo(0, 0);",
                vec![json!(css)],
            )
            .await;
            tokio::time::sleep(Duration::from_millis(100)).await;
            if suffix == "phone" {
                self.assert_fits(&format!("{name}, on a phone,")).await;
            }
            let png = self.client.screenshot().await.unwrap();
            std::fs::write(screenshots().join(format!("{name}-{suffix}.png")), png).unwrap();
        }
        self.client.set_window_size(w as u32, h as u32).await.unwrap();
        tokio::time::sleep(Duration::from_millis(150)).await;
    }

    /// Whether the page is wider than the window (a phone would scroll sideways).
    pub async fn overflows(&self) -> bool {
        self.js("return document.documentElement.scrollWidth > window.innerWidth + 1;", vec![]).await == Value::Bool(true)
    }

    /// Fails the test if the page is wider than the window, naming what sticks out.
    pub async fn assert_fits(&self, what: &str) {
        if self.overflows().await {
            let culprits = self
                .js(
                    "const w = window.innerWidth;
                     const clipped = (e) => { if (getComputedStyle(e).position === 'absolute') return false;
                       for (let a = e.parentElement; a && a !== document.body; a = a.parentElement)
                         if (getComputedStyle(a).overflowX !== 'visible' && a.getBoundingClientRect().right <= w + 1) return true; return false; };
                     return [...document.querySelectorAll('body *')]
                       .filter(e => e.getBoundingClientRect().right > w + 1 && !clipped(e))
                       .slice(-5).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + '.' + [...e.classList].join('.') + ' ' + Math.round(e.getBoundingClientRect().right));",
                    vec![],
                )
                .await;
            panic!("{what} is wider than the window ({}): {culprits}", self.js("return window.innerWidth", vec![]).await);
        }
    }
}

impl Drop for Browser {
    /// A test that panicked still ends its browser (chromedriver ends the Chromium).
    fn drop(&mut self) {
        if let Some(id) = self.session.take() {
            let url = format!("http://127.0.0.1:{}/session/{id}", chromedriver());
            let _ = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
                rt.block_on(async { reqwest::Client::new().delete(url).send().await })
            })
            .join();
        }
    }
}
