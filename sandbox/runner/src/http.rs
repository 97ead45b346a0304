//! Talking to a candidate's server over the box's loopback, for API problems.
//!
//! The judge builds each request's bytes and reads each reply outside the box: here they are
//! only carried. Every request of an exchange goes at once, each on a connection of its own
//! (the judge asks for `Connection: close`), and its reply is read until the server closes the
//! connection, the reply passes its cap (cut), or the exchange's deadline passes (timed out):
//! a server that trickles bytes or streams an endless body holds the runner no longer than
//! that. The runner stays single-threaded: one `poll` over every connection, and between
//! polls the server's own watch (its output drained, its limits checked) through `tick`.

use mockjudge_runner::{Reply, ReplyEnd};
use std::io::{self, Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpStream};
use std::os::fd::AsRawFd;
use std::time::{Duration, Instant};

/// How long one wait for the sockets lasts before the server is looked at again.
const TICK: Duration = Duration::from_millis(10);

fn address(port: u16) -> SocketAddr {
    SocketAddr::from((Ipv4Addr::LOCALHOST, port))
}

/// One request on its way: its connection, what is left to send, what came back.
struct Pending {
    stream: Option<TcpStream>,
    request: Vec<u8>,
    sent: usize,
    reply: Vec<u8>,
    end: Option<ReplyEnd>,
    ms: u64,
}

/// Sends every request at once to `port` and gives each reply (its bytes, at most `cap`) in
/// order, within `timeout` in all. `tick` is called between waits, for the server's watch; it
/// says when the server's run is over, which ends the exchange.
pub fn exchange(port: u16, requests: Vec<Vec<u8>>, timeout: Duration, cap: u64, tick: &mut dyn FnMut() -> bool) -> Vec<(Reply, Vec<u8>)> {
    let started = Instant::now();
    let deadline = started + timeout;
    let mut pending: Vec<Pending> = requests
        .into_iter()
        .map(|request| {
            let left = deadline.saturating_duration_since(Instant::now()).max(Duration::from_millis(1));
            let stream = TcpStream::connect_timeout(&address(port), left).and_then(|s| {
                s.set_nonblocking(true)?;
                abort_on_close(&s)?;
                Ok(s)
            });
            let end = stream.as_ref().err().map(|_| ReplyEnd::Refused);
            Pending { stream: stream.ok(), request, sent: 0, reply: Vec::new(), end, ms: 0 }
        })
        .collect();
    while pending.iter().any(|p| p.end.is_none()) {
        let now = Instant::now();
        if now >= deadline {
            for p in pending.iter_mut().filter(|p| p.end.is_none()) {
                p.end = Some(ReplyEnd::TimedOut);
            }
            break;
        }
        let mut fds: Vec<libc::pollfd> = Vec::new();
        let mut which = Vec::new();
        for (i, p) in pending.iter().enumerate() {
            if let (None, Some(stream)) = (&p.end, &p.stream) {
                let events = libc::POLLIN | if p.sent < p.request.len() { libc::POLLOUT } else { 0 };
                fds.push(libc::pollfd { fd: stream.as_raw_fd(), events, revents: 0 });
                which.push(i);
            }
        }
        let wait = deadline.saturating_duration_since(now).min(TICK).as_millis() as i32;
        // SAFETY: fds is a valid array of pollfd of the given length.
        unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, wait) };
        for (fd, &i) in fds.iter().zip(&which) {
            if fd.revents != 0 {
                step(&mut pending[i], cap);
                if pending[i].end.is_some() {
                    pending[i].ms = started.elapsed().as_millis() as u64;
                    pending[i].stream = None;
                }
            }
        }
        if tick() {
            // The server's run is over (it ended, or passed a limit): nothing more will come.
            for p in pending.iter_mut().filter(|p| p.end.is_none()) {
                p.end = Some(ReplyEnd::Reset);
            }
            break;
        }
    }
    let ms = started.elapsed().as_millis() as u64;
    pending
        .into_iter()
        .map(|p| {
            let end = p.end.expect("every request ended");
            let reply = Reply { len: p.reply.len() as u64, end, ms: if p.ms > 0 { p.ms } else { ms } };
            (reply, p.reply)
        })
        .collect()
}

/// Makes closing `stream` abort the connection (a reset) rather than end it. The server closes
/// first (`Connection: close`), so an ordinary close would leave its side in TIME_WAIT for a
/// minute, holding the port: the next scenario's server, binding it without `SO_REUSEADDR` (a
/// plain socket's default), could not listen, and any server could count the sockets in
/// `/proc/net/tcp` to learn how many requests came before it. The reset ends both at once.
fn abort_on_close(stream: &TcpStream) -> io::Result<()> {
    let linger = libc::linger { l_onoff: 1, l_linger: 0 };
    // SAFETY: setsockopt on a socket we own, with a value of the size given.
    let done = unsafe {
        libc::setsockopt(
            stream.as_raw_fd(),
            libc::SOL_SOCKET,
            libc::SO_LINGER,
            (&linger as *const libc::linger).cast(),
            std::mem::size_of::<libc::linger>() as libc::socklen_t,
        )
    };
    if done == 0 { Ok(()) } else { Err(io::Error::last_os_error()) }
}

/// Moves one request along: sends what it can, reads what came.
fn step(p: &mut Pending, cap: u64) {
    let Some(stream) = p.stream.as_mut() else { return };
    if p.sent < p.request.len() {
        match stream.write(&p.request[p.sent..]) {
            Ok(n) => p.sent += n,
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
            // The server closed its side before taking the whole request: what it answered, if
            // anything, is still to be read.
            Err(_) => p.sent = p.request.len(),
        }
    }
    let mut buf = [0u8; 1 << 16];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => {
                p.end = Some(ReplyEnd::Closed);
                return;
            }
            Ok(n) => {
                let room = (cap as usize).saturating_sub(p.reply.len());
                p.reply.extend_from_slice(&buf[..n.min(room)]);
                if n > room {
                    p.end = Some(ReplyEnd::Cut);
                    return;
                }
            }
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => return,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => {
                p.end = Some(ReplyEnd::Reset);
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::TcpListener;

    #[test]
    fn replies_come_back_in_order_cut_at_the_cap_and_a_silent_server_times_out() {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
        let port = listener.local_addr().unwrap().port();
        let server = std::thread::spawn(move || {
            // First: a short answer. Second: a long one. Third: held open, silent.
            let mut held = Vec::new();
            for (i, stream) in listener.incoming().take(3).enumerate() {
                let mut stream = stream.unwrap();
                let mut buf = [0u8; 64];
                let n = stream.read(&mut buf).unwrap();
                match i {
                    0 => stream.write_all(&[b"got ", &buf[..n]].concat()).unwrap(),
                    1 => stream.write_all(&vec![b'x'; 5000]).unwrap(),
                    _ => held.push(stream),
                }
            }
            std::thread::sleep(Duration::from_millis(500));
        });
        let mut ticks = 0;
        let requests = vec![b"one".to_vec(), b"two".to_vec(), b"three".to_vec()];
        // Sequential connects: the test server answers in the order it accepts.
        let got = exchange(port, requests, Duration::from_millis(300), 1000, &mut || {
            ticks += 1;
            false
        });
        assert_eq!((got[0].0.end, got[0].1.as_slice()), (ReplyEnd::Closed, b"got one".as_slice()));
        assert_eq!((got[1].0.end, got[1].1.len()), (ReplyEnd::Cut, 1000));
        assert_eq!(got[2].0.end, ReplyEnd::TimedOut);
        assert!(ticks > 0);
        server.join().unwrap();
    }

    /// Whether a socket in TIME_WAIT has `port` as its local port.
    fn in_time_wait(port: u16) -> bool {
        let table = std::fs::read_to_string("/proc/net/tcp").unwrap();
        table.lines().skip(1).any(|line| {
            let fields: Vec<&str> = line.split_whitespace().collect();
            fields[1].ends_with(&format!(":{port:04X}")) && fields[3] == "06"
        })
    }

    #[test]
    fn a_server_that_closes_first_leaves_no_socket_holding_its_port() {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
        let port = listener.local_addr().unwrap().port();
        let server = std::thread::spawn(move || {
            for stream in listener.incoming().take(2) {
                let mut stream = stream.unwrap();
                let mut buf = [0u8; 64];
                let _ = stream.read(&mut buf).unwrap();
                stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n").unwrap();
                // Closed first, as a server does after `Connection: close`.
            }
        });
        let got = exchange(port, vec![b"one".to_vec(), b"two".to_vec()], Duration::from_secs(5), 1000, &mut || false);
        assert!(got.iter().all(|(reply, _)| reply.end == ReplyEnd::Closed));
        server.join().unwrap();
        assert!(!in_time_wait(port), "the server's side of a connection is left in TIME_WAIT");
        // A plain socket (no SO_REUSEADDR: std's TcpListener sets it, so this one is made by
        // hand) binds the port again at once.
        // SAFETY: plain socket calls on a descriptor made here.
        unsafe {
            let fd = libc::socket(libc::AF_INET, libc::SOCK_STREAM, 0);
            let addr = libc::sockaddr_in {
                sin_family: libc::AF_INET as libc::sa_family_t,
                sin_port: port.to_be(),
                sin_addr: libc::in_addr { s_addr: u32::from(Ipv4Addr::LOCALHOST).to_be() },
                sin_zero: [0; 8],
            };
            let bound = libc::bind(fd, (&addr as *const libc::sockaddr_in).cast(), std::mem::size_of::<libc::sockaddr_in>() as libc::socklen_t);
            let error = io::Error::last_os_error();
            libc::close(fd);
            assert_eq!(bound, 0, "the port is held: {error}");
        }
    }
}
