//! API problems: the candidate's server, started fresh for each test, and the test's scenario
//! played against it from outside the box, a step at a time.
//!
//! The server is the candidate's program, compiled as any (`Language::SERVERS`), run with
//! `PORT` set, as the tests' uid in an empty scratch directory, so that no state crosses from
//! one scenario to the next. The runner starts it (`Listen`), carries each request's bytes to
//! it over the box's loopback and its reply's bytes back (`Http`), and stops it (`Stop`),
//! watching its CPU time, memory and wall time all along. Only the requests go in: the
//! scenario's expectations stay here, where [`expect`] holds each reply to its step and
//! [`wire`] reads it. A server that never listens, crashes, hangs a request or answers with no
//! end gets its verdict with the step that showed it (RTE, TLE, OLE, WA), never IE.

pub mod expect;
pub mod wire;

use crate::language::Language;
use crate::problem::api::{at, parse_path, Api, Scenario, Step};
use crate::sandbox::{RunOutput, SandboxBox, SandboxError};
use crate::verdict::Verdict;
use expect::{fill, fill_value, show, unmet, Captured};
use mockjudge_runner::{Reply, ReplyEnd, RunSpec};
use std::fmt::Write;
use std::time::{Duration, Instant};
use wire::{Request, Response};

/// A reply as the judge reads it, or the verdict its ending earns: a connection closed with
/// nothing said is the server failing (it may be dying), as a reset one is; a reply that is not
/// HTTP is a wrong answer.
fn read_reply(reply: &Reply, body: &[u8], method: &str, per_request: Duration) -> Result<Response, (Verdict, String)> {
    let ms = per_request.as_millis();
    match reply.end {
        ReplyEnd::Closed if body.is_empty() => Err((Verdict::RTE, "the server closed the connection without a reply".into())),
        ReplyEnd::Closed => wire::parse_reply(method, body).map_err(|why| (Verdict::WA, why)),
        ReplyEnd::Cut => Err((Verdict::OLE, format!("the reply passed {} MiB", REPLY_CAP >> 20))),
        ReplyEnd::TimedOut if body.is_empty() => Err((Verdict::TLE, format!("no reply within {ms} ms"))),
        ReplyEnd::TimedOut => Err((Verdict::TLE, format!("the reply did not end within {ms} ms ({} bytes came)", body.len()))),
        ReplyEnd::Refused => Err((Verdict::RTE, "nothing listens any more".into())),
        ReplyEnd::Reset => Err((Verdict::RTE, "the connection was reset".into())),
    }
}

/// The starter code in `language`: a server that listens on `$PORT` and answers every request
/// with 501, so that a candidate starts from something that runs.
pub fn starter(language: Language) -> Option<&'static str> {
    Some(match language {
        Language::Python => include_str!("starter/server.py"),
        Language::JavaScript => include_str!("starter/server.js"),
        Language::Go => include_str!("starter/main.go"),
        Language::Java => include_str!("starter/Main.java"),
        _ => return None,
    })
}

/// The most of a reply the runner brings back; past it the reply is an output limit exceeded.
pub const REPLY_CAP: u64 = 1 << 20;
/// How much of the server's output (its log) is kept.
pub const LOG_CAP: u64 = 64 << 10;

/// What playing a scenario came to.
pub struct Played {
    /// The server's whole run: its CPU time, memory, exit, and its log as stdout and stderr.
    pub server: Option<RunOutput>,
    /// Where and why the scenario stopped short, if it did.
    pub failed: Option<Failed>,
    /// Each step's request as a `curl` command and the reply it got, for a sample's feedback.
    pub transcript: String,
}

/// A scenario that stopped short: its verdict, what the sample's feedback says, and what a
/// hidden test's says (the step's own words, nothing of the reply or the expectation).
pub struct Failed {
    pub verdict: Verdict,
    pub message: String,
    pub hidden: String,
}

/// The server's limits over a scenario, from the problem's time limit `per_request`: CPU time
/// for its start and each request, wall time for the same with room to wait.
pub fn server_spec(argv: Vec<String>, env: Vec<(String, String)>, api: &Api, per_request: Duration, scenario: &Scenario, memory_bytes: u64) -> RunSpec {
    let requests: u64 = scenario.steps.iter().map(|s| u64::from(s.repeat.max(s.concurrent)) * u64::from(s.retry.as_ref().map_or(1, |r| r.times))).sum();
    let start_ms = (api.start_timeout * 1000.0) as u64;
    let per_ms = per_request.as_millis() as u64;
    let mut env = env;
    env.push(("PORT".into(), api.port.to_string()));
    RunSpec {
        argv,
        env,
        cpu_ms: start_ms + per_ms * requests,
        wall_ms: 2 * (start_ms + per_ms * requests),
        memory_bytes,
        stdout_cap: LOG_CAP,
        stderr_cap: LOG_CAP,
        log: true,
        ..Default::default()
    }
}

/// Starts the server and plays `scenario` against it; each request may take `per_request`.
pub async fn play(sbox: &mut SandboxBox, spec: RunSpec, api: &Api, scenario: &Scenario, per_request: Duration) -> Result<Played, SandboxError> {
    let within = Duration::from_secs_f64(api.start_timeout);
    let mut played = Played { server: None, failed: None, transcript: String::new() };
    if let Err(ended) = sbox.listen(spec, api.port, within).await? {
        let why = if ended.report.stopped {
            format!("the server did not listen on port {} within {} s", api.port, api.start_timeout)
        } else {
            format!("the server exited before listening on port {} ({})", api.port, crate::judge::describe_exit(ended.report.exit))
        };
        played.failed = Some(Failed { verdict: Verdict::RTE, message: why.clone(), hidden: why });
        played.server = Some(ended);
        return Ok(played);
    }
    let mut captured = Captured::new();
    for (i, step) in scenario.steps.iter().enumerate() {
        let label = format!("step {}", i + 1);
        if let Err(failed) = play_step(sbox, api, step, &label, per_request, &mut captured, &mut played.transcript).await? {
            played.failed = Some(failed);
            break;
        }
    }
    let server = sbox.stop().await?;
    if let (Some(failed), false) = (&mut played.failed, server.report.stopped) {
        // It was gone before the end: say how it ended.
        let how = format!("; the server ended ({})", crate::judge::describe_exit(server.report.exit));
        failed.message.push_str(&how);
        failed.hidden.push_str(&how);
    }
    played.server = Some(server);
    Ok(played)
}

/// Plays one step: its request (repeated, in copies, or retried, as the step says), each reply
/// held to the expectation, then the captures.
async fn play_step(
    sbox: &mut SandboxBox,
    api: &Api,
    step: &Step,
    label: &str,
    per_request: Duration,
    captured: &mut Captured,
    transcript: &mut String,
) -> Result<Result<(), Failed>, SandboxError> {
    let request = Request::from_step(&step.request, &|t| fill(t, captured), &|v| fill_value(v, captured));
    let bytes = request.to_bytes(api.port);
    let said = |what: &str| format!("{label} ({}): {what}", request.line());
    let hidden = match &step.says {
        Some(says) => format!("{label}: {says}"),
        None => format!("{label}: {} {}", step.request.method, step.request.path),
    };
    let fail = |verdict, what: &str| Ok(Err(Failed { verdict, message: said(what), hidden: hidden.clone() }));
    let _ = writeln!(transcript, "{label}: {}\n$ {}", step.says.as_deref().unwrap_or(""), request.to_curl(api.port));
    let started = Instant::now();
    let tries = step.retry.as_ref().map_or(1, |r| r.times);
    let mut last: Vec<Response> = Vec::new();
    for round in 0..step.repeat {
        for attempt in 0..tries {
            let copies = vec![bytes.clone(); step.concurrent as usize];
            let replies = sbox.http(&copies, per_request, REPLY_CAP).await?;
            let mut responses = Vec::new();
            for (reply, body) in replies {
                match read_reply(&reply, &body, &request.method, per_request) {
                    Ok(response) => responses.push(response),
                    Err((verdict, why)) => return fail(verdict, &why),
                }
            }
            let unmet_now = responses.iter().find_map(|r| unmet(&step.expect, r, captured));
            if round == 0 && attempt == 0 {
                if let Some(first) = responses.first() {
                    let _ = writeln!(transcript, "{}\n", first.shown(2048));
                }
            }
            last = responses;
            match unmet_now {
                None => break,
                Some(_) if attempt + 1 < tries => tokio::time::sleep(Duration::from_millis(step.retry.as_ref().map_or(0, |r| r.every_ms))).await,
                Some(why) => {
                    let copies = if step.repeat > 1 { format!(" (request {} of {})", round + 1, step.repeat) } else { String::new() };
                    return fail(Verdict::WA, &format!("{why}{copies}"));
                }
            }
        }
    }
    if let Some(within) = step.expect.within_ms {
        let took = started.elapsed().as_millis() as u64;
        if took > within {
            return fail(Verdict::TLE, &format!("took {took} ms, expected within {within} ms"));
        }
    }
    for path in &step.expect.same {
        let parsed = parse_path(path).expect("checked when the problem loaded");
        let values: Vec<_> = last.iter().map(|r| r.json().and_then(|b| at(&b, &parsed).cloned())).collect();
        if values.windows(2).any(|w| w[0] != w[1]) {
            let seen: Vec<String> = values.iter().map(|v| v.as_ref().map_or("nothing".into(), show)).collect();
            return fail(Verdict::WA, &format!("{path} differs between the replies: {}", seen.join(", ")));
        }
    }
    let body = last.last().and_then(Response::json);
    for (name, path) in &step.capture {
        let parsed = parse_path(path).expect("checked when the problem loaded");
        match body.as_ref().and_then(|b| at(b, &parsed)) {
            Some(value) => {
                captured.insert(name.clone(), value.clone());
            }
            None => return fail(Verdict::WA, &format!("{path} (to keep as {name}) is missing from the reply")),
        }
    }
    Ok(Ok(()))
}
