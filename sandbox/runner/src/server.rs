//! A server in the background, for API problems: started as a test runs (`Listen`), sent the
//! judge's requests (`Http`, carried by [`crate::http`]), and stopped (`Stop`), when its whole
//! run is reported as a test's is. Between the judge's requests the runner keeps watching it
//! (its output drained, its limits checked), and a server over a limit is killed at once.

use crate::http;
use crate::watch::{Before, Sweep, Watched, Watcher};
use crate::{clean, spawn, usage, Ran};
use mockjudge_runner::{Reply, ReplyEnd, RunSpec};
use std::os::fd::RawFd;
use std::time::{Duration, Instant};

/// How often a starting server is looked at for a listening socket.
const LISTEN_POLL: Duration = Duration::from_millis(2);
/// How long a server whose connections broke is given to be seen ending.
const DYING_WITHIN: Duration = Duration::from_millis(200);

pub struct Server {
    port: u16,
    uid: u32,
    sweep: Sweep,
    oom_before: Option<u64>,
    state: State,
}

enum State {
    Running(Watcher),
    /// Ended by itself or killed for a limit, and reaped.
    Over(Result<Watched, String>),
}

/// What starting a server came to.
pub enum Started {
    /// It listens, this long after it started.
    Listening(Server, u64),
    /// It ended first, or did not listen in time (`stopped` in the report).
    Ended(Ran),
}

impl Server {
    /// Starts `spec` as `uid` in `cwd` and waits until it listens on the loopback `port`.
    pub fn start(spec: &RunSpec, uid: u32, cwd: &str, port: u16, within: Duration, sweep: Sweep) -> Result<Started, String> {
        let oom_before = usage::oom_kills();
        let before = Before::now();
        let child = spawn::start(spec, uid, cwd)?;
        let started = child.started;
        let mut server = Server { port, uid, sweep, oom_before, state: State::Running(Watcher::new(child, spec, before)) };
        loop {
            let State::Running(watcher) = &mut server.state else { unreachable!("running until it ends") };
            if watcher.tick(LISTEN_POLL).is_some() {
                return server.stop().map(Started::Ended);
            }
            if listens(port) {
                return Ok(Started::Listening(server, started.elapsed().as_millis() as u64));
            }
            if started.elapsed() >= within {
                // Stopped, as the report says.
                return server.stop().map(Started::Ended);
            }
        }
    }

    /// Watches the server until `wake` (the runner's stdin) is readable.
    pub fn idle(&mut self, wake: RawFd) {
        while let State::Running(watcher) = &mut self.state {
            let (over, woken) = watcher.tick_or_wake(Duration::from_secs(1), Some(wake));
            if over.is_some() {
                self.end();
            } else if woken {
                return;
            }
        }
    }

    /// Sends the requests and gives their replies; a server that is no longer running refuses
    /// them all.
    pub fn exchange(&mut self, requests: Vec<Vec<u8>>, timeout: Duration, cap: u64) -> Vec<(Reply, Vec<u8>)> {
        let State::Running(watcher) = &mut self.state else {
            return requests.iter().map(|_| (Reply { len: 0, end: ReplyEnd::Refused, ms: 0 }, Vec::new())).collect();
        };
        let replies = http::exchange(self.port, requests, timeout, cap, &mut || watcher.tick(Duration::ZERO).is_some());
        // A server that dies resets its connections a moment before its end shows (its
        // descriptors close first): give that moment, so that its run says how it ended rather
        // than that it was stopped.
        let broken = replies.iter().any(|(reply, _)| matches!(reply.end, ReplyEnd::Reset | ReplyEnd::Refused));
        let until = Instant::now() + DYING_WITHIN;
        let mut over = watcher.tick(Duration::ZERO);
        while broken && over.is_none() && Instant::now() < until {
            over = watcher.tick(until.saturating_duration_since(Instant::now()));
        }
        if over.is_some() {
            self.end();
        }
        replies
    }

    /// Reaps a server whose run is over (killing its tree after a limit), so that nothing of it
    /// runs on while the judge is away.
    fn end(&mut self) {
        if let State::Running(_) = self.state {
            let State::Running(watcher) = std::mem::replace(&mut self.state, State::Over(Err(String::new()))) else { unreachable!() };
            self.state = State::Over(watcher.finish(self.sweep));
        }
    }

    /// Stops the server if it still runs, cleans up after it, and reports its whole run.
    pub fn stop(mut self) -> Result<Ran, String> {
        self.end();
        let State::Over(watched) = self.state else { unreachable!("ended above") };
        clean::scratch(self.uid)?;
        Ok(crate::ran(watched?, self.oom_before, Vec::new()))
    }
}

/// Whether a socket listens on the loopback's `port` where the runner's requests go: on
/// 127.0.0.1 or every IPv4 address, or on every IPv6 address (which takes IPv4 too). From the
/// kernel's tables: no connection is made, which a server would see. A server bound to ::1
/// alone is not listening for the runner.
fn listens(port: u16) -> bool {
    ["/proc/net/tcp", "/proc/net/tcp6"].iter().any(|table| std::fs::read_to_string(table).is_ok_and(|t| listening_in(&t, port)))
}

/// Whether `table` (the text of /proc/net/tcp or tcp6) has a socket listening on `port` at an
/// address that takes the runner's requests to 127.0.0.1.
fn listening_in(table: &str, port: u16) -> bool {
    const LISTEN: &str = "0A";
    // 127.0.0.1 and 0.0.0.0 (in the kernel's byte order), :: and ::ffff:127.0.0.1.
    const REACHED: [&str; 4] = ["0100007F", "00000000", "00000000000000000000000000000000", "0000000000000000FFFF00000100007F"];
    table.lines().skip(1).any(|line| {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let Some((address, local_port)) = fields.get(1).and_then(|a| a.rsplit_once(':')) else { return false };
        u16::from_str_radix(local_port, 16) == Ok(port) && REACHED.contains(&address) && fields.get(3) == Some(&LISTEN)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_listening_socket_is_found_by_its_port_and_state() {
        let table = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000 10002        0 1 1 0 100 0 0 10 0\n   1: 0100007F:1F91 0100007F:9C40 01 00000000:00000000 00:00000000 00000000 10002        0 2 1 0 100 0 0 10 0\n";
        assert!(listening_in(table, 8080));
        assert!(!listening_in(table, 8081), "established, not listening");
        assert!(!listening_in(table, 80));
        let v6 = "  sl  local_address                         remote_address                        st\n   0: 00000000000000000000000001000000:1F90 00000000000000000000000000000000:0000 0A\n   1: 00000000000000000000000000000000:1F91 00000000000000000000000000000000:0000 0A\n";
        assert!(!listening_in(v6, 8080), "::1 alone is not where the runner's requests go");
        assert!(listening_in(v6, 8081), ":: takes IPv4 too");
    }

    #[test]
    fn every_address_the_runner_reaches_is_found_from_the_kernel_s_tables() {
        // 0.0.0.0 and ::ffff:127.0.0.1 (an IPv4-mapped address, in tcp6) as the kernel prints them.
        for address in ["0.0.0.0:0", "[::ffff:127.0.0.1]:0"] {
            let listener = std::net::TcpListener::bind(address).unwrap();
            assert!(listens(listener.local_addr().unwrap().port()), "{address}");
        }
        // Another loopback address or a mapped other address is not where the requests go.
        for address in ["127.0.0.2:0", "[::ffff:127.0.0.2]:0"] {
            let Ok(listener) = std::net::TcpListener::bind(address) else { continue };
            assert!(!listens(listener.local_addr().unwrap().port()), "{address}");
        }
    }

    #[test]
    fn nothing_listens_where_nothing_was_bound() {
        let listener = std::net::TcpListener::bind((std::net::Ipv4Addr::LOCALHOST, 0)).unwrap();
        let port = listener.local_addr().unwrap().port();
        assert!(listens(port));
        drop(listener);
        assert!(!listens(port));
    }
}
