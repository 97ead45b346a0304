//! Our end of the runner protocol: requests out on the container's stdin, signed responses in
//! on its stdout. Anything unexpected (a bad signature, a sequence gap, a line too long, the
//! stream ending, no answer in time) is a runner failure, which judging turns into IE: a
//! broken or forged report can never become a verdict of its own.

use super::{RunOutput, SandboxError};
use bollard::container::{AttachContainerResults, LogOutput};
use futures_util::{Stream, StreamExt};
use mockjudge_runner::{split_response_line, Reply, Report, Request, Response, RunSpec, Signer};
use rand::RngCore;
use std::pin::Pin;
use std::time::Duration;
use tokio::io::{AsyncWrite, AsyncWriteExt};

/// No response line is this long; a longer one is garbage, not a report.
const MAX_LINE: usize = 64 << 10;
/// How long the runner may take beyond a run's own wall limit before we give up on it.
const GRACE: Duration = Duration::from_secs(10);
/// How long any other request may take.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);
/// How much of the runner's own stderr we keep for error messages.
const STDERR_TAIL: usize = 4096;

type Output = Pin<Box<dyn Stream<Item = Result<LogOutput, bollard::errors::Error>> + Send>>;

pub(super) struct Session {
    input: Pin<Box<dyn AsyncWrite + Send>>,
    output: Output,
    buf: Vec<u8>,
    signer: Signer,
    seq: u64,
    stderr: Vec<u8>,
    /// The running server's spec (between `Listen` and `Stop`), which bounds its report.
    server: Option<RunSpec>,
}

impl Session {
    /// Sends a fresh key and waits for the runner to say it is ready.
    pub async fn start(streams: AttachContainerResults) -> Result<Session, SandboxError> {
        let mut key = [0u8; 32];
        rand::rng().fill_bytes(&mut key);
        let mut session = Session {
            input: streams.input,
            output: streams.output,
            buf: Vec::new(),
            signer: Signer::new(&key),
            seq: 0,
            stderr: Vec::new(),
            server: None,
        };
        let hello = Request::Hello { key: hex::encode(key) };
        match session.call(&hello, &[], REQUEST_TIMEOUT).await? {
            (Response::Ready, _) => Ok(session),
            (other, _) => Err(session.broken(format!("expected ready, got {other:?}"))),
        }
    }

    pub async fn write(&mut self, path: &str, bytes: &[u8], executable: bool) -> Result<(), SandboxError> {
        let request = Request::Write { path: path.to_string(), len: bytes.len() as u64, executable };
        match self.call(&request, bytes, REQUEST_TIMEOUT).await? {
            (Response::Written, _) => Ok(()),
            (Response::Failed { message }, _) => Err(SandboxError::Refused(message)),
            (other, _) => Err(self.broken(format!("expected written, got {other:?}"))),
        }
    }

    pub async fn seal(&mut self) -> Result<(), SandboxError> {
        match self.call(&Request::Seal, &[], REQUEST_TIMEOUT).await? {
            (Response::Sealed, _) => Ok(()),
            (other, _) => Err(self.broken(format!("expected sealed, got {other:?}"))),
        }
    }

    /// Runs a program; `service`: one of the box's service (the runner's `Serve`).
    pub async fn run(&mut self, spec: RunSpec, service: bool) -> Result<RunOutput, SandboxError> {
        let timeout = Duration::from_millis(spec.wall_ms) + GRACE;
        let request = if service { Request::Serve(spec) } else { Request::Run(spec) };
        match self.call(&request, &[], timeout).await? {
            (Response::Ran(report), payload) => Ok(split_payload(report, payload)),
            (Response::Failed { message }, _) => Err(SandboxError::Refused(message)),
            (other, _) => Err(self.broken(format!("expected a report, got {other:?}"))),
        }
    }

    /// Starts a server and waits until it listens (see the runner's `Listen`): how long it took,
    /// or what its run came to.
    pub async fn listen(&mut self, spec: RunSpec, port: u16, within: Duration) -> Result<Result<Duration, RunOutput>, SandboxError> {
        let timeout = within + Duration::from_millis(spec.wall_ms).min(within) + GRACE;
        self.server = Some(spec.clone());
        let request = Request::Listen { spec, port, within_ms: within.as_millis() as u64 };
        match self.call(&request, &[], timeout).await? {
            (Response::Listening { after_ms }, _) => Ok(Ok(Duration::from_millis(after_ms))),
            (Response::Ran(report), payload) => {
                self.server = None;
                Ok(Err(split_payload(report, payload)))
            }
            (Response::Failed { message }, _) => Err(SandboxError::Refused(message)),
            (other, _) => Err(self.broken(format!("expected listening, got {other:?}"))),
        }
    }

    /// Sends requests to the listening server, all at once, and gives their replies.
    pub async fn http(&mut self, requests: &[Vec<u8>], timeout: Duration, cap: u64) -> Result<Vec<(Reply, Vec<u8>)>, SandboxError> {
        let request = Request::Http { lens: requests.iter().map(|r| r.len() as u64).collect(), timeout_ms: timeout.as_millis() as u64, cap };
        match self.call(&request, &requests.concat(), timeout + GRACE).await? {
            (Response::Http { replies }, payload) => {
                let bytes: Vec<Vec<u8>> = slices(replies.iter().map(|r| r.len), &payload).into_iter().map(<[u8]>::to_vec).collect();
                Ok(replies.into_iter().zip(bytes).collect())
            }
            (Response::Failed { message }, _) => Err(SandboxError::Refused(message)),
            (other, _) => Err(self.broken(format!("expected replies, got {other:?}"))),
        }
    }

    /// Stops the server and gives what its whole run came to.
    pub async fn stop(&mut self) -> Result<RunOutput, SandboxError> {
        match self.call(&Request::Stop, &[], REQUEST_TIMEOUT).await? {
            (Response::Ran(report), payload) => {
                self.server = None;
                Ok(split_payload(report, payload))
            }
            (Response::Failed { message }, _) => Err(SandboxError::Refused(message)),
            (other, _) => Err(self.broken(format!("expected a report, got {other:?}"))),
        }
    }

    /// Sends one request and reads its response, all within `timeout`.
    async fn call(&mut self, request: &Request, payload: &[u8], timeout: Duration) -> Result<(Response, Vec<u8>), SandboxError> {
        let exchange = async {
            let mut line = serde_json::to_vec(request).expect("requests serialize");
            line.push(b'\n');
            line.extend_from_slice(payload);
            self.input.write_all(&line).await.map_err(|e| self.broken(format!("writing to the runner: {e}")))?;
            self.input.flush().await.map_err(|e| self.broken(format!("writing to the runner: {e}")))?;
            self.receive(request).await
        };
        match tokio::time::timeout(timeout, exchange).await {
            Ok(result) => result,
            Err(_) => Err(self.broken(format!("no answer within {} s", timeout.as_secs()))),
        }
    }

    /// Reads one signed response to `request` and its payload, checking signature and sequence.
    async fn receive(&mut self, request: &Request) -> Result<(Response, Vec<u8>), SandboxError> {
        let line = self.read_line().await?;
        let text = String::from_utf8(line).map_err(|_| self.broken("response line is not UTF-8".into()))?;
        let (mac, seq, json) = split_response_line(&text).ok_or_else(|| self.broken("malformed response line".into()))?;
        if seq != self.seq {
            return Err(self.broken(format!("response {seq} where {} was due", self.seq)));
        }
        let response: Response =
            serde_json::from_str(json).map_err(|e| self.broken(format!("unreadable response: {e}")))?;
        let payload = match (&response, request) {
            // Checked before the signature, which covers the payload: a forged report must not
            // make us wait for, hold or slice more bytes than the run could send.
            (Response::Ran(report), Request::Run(spec) | Request::Serve(spec) | Request::Listen { spec, .. }) if fits(report, spec) => {
                self.read_exact(report.payload_len()).await?
            }
            (Response::Ran(report), Request::Stop) if self.server.as_ref().is_some_and(|spec| fits(report, spec)) => {
                self.read_exact(report.payload_len()).await?
            }
            (Response::Ran(_), _) => return Err(self.broken("a report claims more output than the run allows".into())),
            (Response::Http { replies }, Request::Http { lens, cap, .. }) if replies.len() == lens.len() && replies.iter().all(|r| r.len <= *cap) => {
                self.read_exact(replies.iter().map(|r| r.len).sum()).await?
            }
            (Response::Http { .. }, _) => return Err(self.broken("replies that do not fit the requests".into())),
            _ => Vec::new(),
        };
        let parts: Vec<&[u8]> = match &response {
            Response::Ran(report) => payload_parts(report, &payload),
            Response::Http { replies } => slices(replies.iter().map(|r| r.len), &payload),
            _ => Vec::new(),
        };
        if !self.signer.verify(mac, seq, json, &parts) {
            return Err(self.broken("response failed authentication".into()));
        }
        self.seq += 1;
        Ok((response, payload))
    }

    async fn read_line(&mut self) -> Result<Vec<u8>, SandboxError> {
        loop {
            if let Some(end) = self.buf.iter().position(|&b| b == b'\n') {
                let rest = self.buf.split_off(end + 1);
                return Ok(std::mem::replace(&mut self.buf, rest));
            }
            if self.buf.len() > MAX_LINE {
                return Err(self.broken("response line too long".into()));
            }
            self.fill().await?;
        }
    }

    async fn read_exact(&mut self, len: u64) -> Result<Vec<u8>, SandboxError> {
        let len = usize::try_from(len).map_err(|_| self.broken("payload too large".into()))?;
        while self.buf.len() < len {
            self.fill().await?;
        }
        let rest = self.buf.split_off(len);
        Ok(std::mem::replace(&mut self.buf, rest))
    }

    /// Takes the next chunk of the runner's stdout, keeping its stderr aside for messages.
    async fn fill(&mut self) -> Result<(), SandboxError> {
        loop {
            match self.output.next().await {
                Some(Ok(LogOutput::StdOut { message })) => {
                    self.buf.extend_from_slice(&message);
                    return Ok(());
                }
                Some(Ok(LogOutput::StdErr { message })) => {
                    self.stderr.extend_from_slice(&message);
                    let excess = self.stderr.len().saturating_sub(STDERR_TAIL);
                    self.stderr.drain(..excess);
                }
                Some(Ok(_)) => {}
                Some(Err(e)) => return Err(self.broken(format!("reading from the runner: {e}"))),
                None => return Err(self.broken("the runner exited".into())),
            }
        }
    }

    fn broken(&self, what: String) -> SandboxError {
        let stderr = String::from_utf8_lossy(&self.stderr);
        let stderr = stderr.trim();
        SandboxError::Runner(if stderr.is_empty() { what } else { format!("{what} ({stderr})") })
    }
}

/// Whether a report's lengths keep within what its run allows: each part within its cap, and
/// no more files than were asked for.
fn fits(report: &Report, spec: &RunSpec) -> bool {
    report.stdout_len <= spec.stdout_cap
        && report.stderr_len <= spec.stderr_cap
        && report.files.len() <= spec.collect.len()
        && report.files.iter().all(|(_, len)| *len <= spec.collect_cap)
}

fn payload_parts<'a>(report: &Report, payload: &'a [u8]) -> Vec<&'a [u8]> {
    let lens = [report.stdout_len, report.stderr_len].into_iter().chain(report.files.iter().map(|(_, n)| *n));
    slices(lens, payload)
}

/// `payload` cut into consecutive parts of the given lengths (checked to fit before it was read).
fn slices(lens: impl Iterator<Item = u64>, payload: &[u8]) -> Vec<&[u8]> {
    let mut at = 0usize;
    lens.map(|len| {
        let part = &payload[at..at + len as usize];
        at += len as usize;
        part
    })
    .collect()
}

fn split_payload(report: Report, payload: Vec<u8>) -> RunOutput {
    let parts: Vec<Vec<u8>> = payload_parts(&report, &payload).into_iter().map(<[u8]>::to_vec).collect();
    let mut parts = parts.into_iter();
    let stdout = parts.next().unwrap_or_default();
    let stderr = parts.next().unwrap_or_default();
    let files = report.files.iter().map(|(name, _)| name.clone()).zip(parts).collect();
    RunOutput { report, stdout, stderr, files }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mockjudge_runner::Exit;

    #[test]
    fn a_report_fits_only_within_its_runs_caps() {
        let spec = RunSpec { stdout_cap: 10, stderr_cap: 5, collect: vec!["score.txt".into()], collect_cap: 3, ..Default::default() };
        let report = |stdout_len, files: Vec<(String, u64)>| Report {
            exit: Exit::Exited { code: 0 },
            cpu_ms: 0,
            wall_ms: 0,
            peak_memory_kib: 0,
            cpu_timeout: false,
            wall_timeout: false,
            output_limit: false,
            memory_limit: false,
            oom_killed: false,
            stopped: false,
            stdout_len,
            stderr_len: 5,
            files,
        };
        assert!(fits(&report(10, vec![("score.txt".into(), 3)]), &spec));
        assert!(!fits(&report(11, Vec::new()), &spec));
        assert!(!fits(&report(u64::MAX, Vec::new()), &spec));
        assert!(!fits(&report(0, vec![("score.txt".into(), 4)]), &spec));
        assert!(!fits(&report(0, vec![("a".into(), 1), ("b".into(), 1)]), &spec));
    }
}
