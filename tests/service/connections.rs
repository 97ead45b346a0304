//! Slow and idle clients are cut off within the configured timeouts, connections are bounded,
//! and the long requests the API means to hold (event streams, waits) are not cut. Clients
//! here speak raw TCP, as a hostile one would.

use crate::support::{Options, Service, ADMIN, AC_PY};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const HEADER_TIMEOUT: Duration = Duration::from_secs(1);
const BODY_TIMEOUT: Duration = Duration::from_secs(2);
/// Room for the server's timers and a busy machine.
const SLACK: Duration = Duration::from_millis(1500);

fn options(max_connections: usize) -> Options {
    let env = vec![
        ("MOCKJUDGE_HEADER_TIMEOUT", HEADER_TIMEOUT.as_secs_f64().to_string()),
        ("MOCKJUDGE_BODY_TIMEOUT", BODY_TIMEOUT.as_secs_f64().to_string()),
        ("MOCKJUDGE_MAX_CONNECTIONS", max_connections.to_string()),
    ];
    Options { worker: false, env, ..Default::default() }
}

async fn connect(service: &Service) -> TcpStream {
    TcpStream::connect(service.base.trim_start_matches("http://")).await.unwrap()
}

/// Sends `start`, then one byte of `trickle` every 300 ms (if it has any), reading whatever the server says;
/// returns how long after connecting the server closed the connection.
async fn slow_client(mut stream: TcpStream, start: String, trickle: &'static [u8]) -> Duration {
    let opened = Instant::now();
    let _ = stream.write_all(start.as_bytes()).await;
    let mut trickle = trickle.iter().cycle();
    let mut buf = [0u8; 4096];
    loop {
        tokio::select! {
            read = stream.read(&mut buf) => if matches!(read, Ok(0) | Err(_)) { return opened.elapsed() },
            _ = tokio::time::sleep(Duration::from_millis(300)) => if let Some(byte) = trickle.next() {
                let _ = stream.write_all(&[*byte]).await;
            }
        }
        assert!(opened.elapsed() < Duration::from_secs(60), "a slow connection was never closed");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn two_hundred_slow_clients_are_cut_off_while_a_normal_request_is_answered() {
    let service = Service::start(options(400)).await;
    let host = service.base.trim_start_matches("http://").to_string();
    // Headers that never end (trickled or not), a body that trickles, and a body far longer
    // than what comes, 50 of each.
    let clients: [(String, &'static [u8], Duration); 4] = [
        (format!("GET /v1/languages HTTP/1.1\r\nHost: {host}\r\n"), b"", HEADER_TIMEOUT),
        (format!("GET /v1/languages HTTP/1.1\r\nHost: {host}\r\nX-Slow: "), b"a", HEADER_TIMEOUT),
        (
            format!("POST /v1/tokens HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {ADMIN}\r\nContent-Length: 100\r\n\r\n"),
            b" ",
            HEADER_TIMEOUT + BODY_TIMEOUT,
        ),
        (
            format!(
                "POST /v1/submissions HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {ADMIN}\r\nContent-Length: 999999999999\r\n\r\n{{}}"
            ),
            b"",
            HEADER_TIMEOUT + BODY_TIMEOUT,
        ),
    ];
    let mut tasks = Vec::new();
    for _ in 0..50 {
        for (start, trickle, limit) in &clients {
            let stream = connect(&service).await;
            let (start, trickle, limit) = (start.clone(), *trickle, *limit);
            tasks.push(tokio::spawn(async move { (slow_client(stream, start, trickle).await, limit) }));
        }
    }
    let asked = Instant::now();
    let r = service.http.get(service.url("/v1/languages")).bearer_auth(ADMIN).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let answered = asked.elapsed();
    assert!(answered < Duration::from_millis(500), "a normal request waited {answered:?}");

    let mut slowest = [Duration::ZERO; 4];
    for (i, task) in tasks.into_iter().enumerate() {
        let (closed, limit) = task.await.unwrap();
        assert!(closed <= limit + SLACK, "a slow connection lived {closed:?}, over {limit:?}");
        slowest[i % 4] = slowest[i % 4].max(closed);
    }
    eprintln!("200 slow connections closed; the slowest of each kind after {slowest:?}; a normal request meanwhile took {answered:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn an_idle_keep_alive_connection_is_closed_after_the_header_timeout() {
    let service = Service::start(options(10)).await;
    let mut stream = connect(&service).await;
    stream.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").await.unwrap();
    let mut buf = [0u8; 1024];
    let n = stream.read(&mut buf).await.unwrap();
    assert!(String::from_utf8_lossy(&buf[..n]).starts_with("HTTP/1.1 200"), "{}", String::from_utf8_lossy(&buf[..n]));
    let answered = Instant::now();
    let read = tokio::time::timeout(HEADER_TIMEOUT + SLACK, stream.read(&mut buf)).await;
    let idle = answered.elapsed();
    assert!(matches!(read, Ok(Ok(0) | Err(_))), "the idle connection was not closed: {read:?}");
    assert!(idle >= HEADER_TIMEOUT - Duration::from_millis(100), "closed after only {idle:?}");
    eprintln!("an idle keep-alive connection was closed {idle:?} after its answer");
}

#[tokio::test(flavor = "multi_thread")]
async fn past_max_connections_clients_wait_until_one_closes() {
    let mut options = options(3);
    options.env.retain(|(k, _)| *k != "MOCKJUDGE_HEADER_TIMEOUT");
    let service = Service::start(options).await;
    let mut idle = Vec::new();
    for _ in 0..3 {
        idle.push(connect(&service).await);
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    let request = || service.http.get(service.url("/healthz")).timeout(Duration::from_secs(1)).send();
    assert!(request().await.is_err(), "a fourth connection was served");
    idle.pop();
    let r = request().await.expect("a closed connection frees its place");
    assert_eq!(r.status(), 200);
}

#[tokio::test(flavor = "multi_thread")]
async fn event_streams_and_waits_outlive_the_timeouts() {
    let mut options = options(10);
    options.env.push(("MOCKJUDGE_MAX_WAIT", "4".into()));
    let service = Service::start(options).await;
    let id = service.submit(ADMIN, AC_PY).await;
    let mut events = service.open_events(ADMIN, &id).await;
    assert_eq!(events.status(), 200);
    assert!(events.chunk().await.unwrap().is_some(), "the `queued` event");

    // No worker: the wait runs out, well past the header and body timeouts.
    let body = serde_json::json!({ "problem": "add", "language": "python", "source": AC_PY });
    let started = Instant::now();
    let (status, _) = service.post(ADMIN, "/v1/submissions?wait=true", &body).await;
    assert_eq!(status, 202);
    assert!(started.elapsed() >= Duration::from_secs(4), "the wait ended after {:?}", started.elapsed());
    let next = tokio::time::timeout(Duration::from_millis(200), events.chunk()).await;
    assert!(next.is_err(), "the event stream ended: {next:?}");
}
