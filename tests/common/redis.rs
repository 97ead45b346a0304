//! A `redis-server` of the test's own, on a unix socket in a temp folder, append-only.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A redis-server of the test's own.
pub struct Redis {
    dir: PathBuf,
    child: Option<Child>,
}

impl Redis {
    pub fn start(dir: &Path) -> Redis {
        std::fs::create_dir_all(dir).unwrap();
        let mut redis = Redis { dir: dir.to_path_buf(), child: None };
        redis.launch();
        redis
    }

    pub fn url(&self) -> String {
        format!("unix://{}", self.dir.join("redis.sock").display())
    }

    /// Starts redis-server (again, after [`Redis::stop`]) on the same data.
    pub fn launch(&mut self) {
        let sock = self.dir.join("redis.sock");
        let _ = std::fs::remove_file(&sock);
        let child = Command::new("redis-server")
            .args(["--port", "0", "--unixsocket"])
            .arg(&sock)
            .args(["--unixsocketperm", "700", "--appendonly", "yes", "--save", "", "--dir"])
            .arg(&self.dir)
            .stdout(Stdio::null())
            .spawn()
            .expect("redis-server must be installed (tests/run.sh installs it)");
        self.child = Some(child);
        wait_until(Duration::from_secs(10), "redis-server to listen", || {
            std::os::unix::net::UnixStream::connect(&sock).is_ok()
        });
    }

    /// Stops Redis as an operator would (SIGTERM: it writes its append-only file) and starts it
    /// again on the same data.
    pub fn restart(&mut self) {
        self.stop();
        self.launch();
    }

    /// Stops Redis as an operator would (SIGTERM: it writes its append-only file).
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            signal(child.id(), libc::SIGTERM);
            let _ = child.wait();
        }
    }
}

impl Drop for Redis {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

pub fn signal(pid: u32, sig: i32) {
    // SAFETY: kill has no memory preconditions.
    unsafe { libc::kill(pid as i32, sig) };
}

pub fn wait_until(limit: Duration, what: &str, mut ready: impl FnMut() -> bool) {
    let deadline = Instant::now() + limit;
    while !ready() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}
