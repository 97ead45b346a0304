//! The wire protocol between the judge (outside the box) and the runner (inside it).
//!
//! The judge writes requests to the container's stdin; the runner answers each, in order, on the
//! container's stdout. A message is one JSON line, followed by raw bytes whose lengths the line
//! gives. Requests are not authenticated (only the judge holds the container's stdin), but every
//! answer is: the runner signs `seq`, the JSON and the bytes with an HMAC-SHA256 key that the judge
//! sends first and that never leaves the runner's (non-dumpable) memory. A program under test that
//! found a way to write to the runner's stdout still could not produce a line the judge accepts,
//! and a replayed or dropped line breaks the sequence.

use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

/// Working directory of the box: a size-capped tmpfs where sources are written and compiled.
/// [`BUILD_UID`] owns it; once the box is sealed, tests can read it but not change it.
pub const WORK_DIR: &str = "/box";
/// The tests' working directory and `HOME`: a size-capped tmpfs, empty when every run starts.
pub const SCRATCH_DIR: &str = "/tmp";
/// Every directory a run may write to: each is emptied after every run.
pub const SCRATCH_DIRS: [&str; 3] = [SCRATCH_DIR, "/dev/shm", "/dev/mqueue"];
/// The uid and gid compilers run as, before the box is sealed.
pub const BUILD_UID: u32 = 10001;
/// The uid and gid tests run as, once the box is sealed. The runner itself is root in the box
/// (with four capabilities), so a test shares an identity with nothing it could harm.
pub const PROGRAM_UID: u32 = 10002;
/// The uid of a box's service: a server that lives across runs (a database), started and reset
/// by [`Request::Serve`] runs. Its processes are the only ones a run's end leaves alive, and no
/// run of the candidate's can take its identity.
pub const SERVICE_UID: u32 = 10003;
/// The service's working directory and `HOME`: a size-capped tmpfs of its own (its data and
/// socket), mounted only in boxes that have a service, and never emptied between runs.
pub const SERVICE_DIR: &str = "/srv";

/// A request from the judge to the runner.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Request {
    /// First request: the key that signs every response.
    Hello { key: String },
    /// Write the `len` bytes that follow this line to `path` (relative to the work directory).
    Write { path: String, len: u64, executable: bool },
    /// End the build: the work directory becomes read-only to later runs, which run as
    /// [`PROGRAM_UID`] in [`SCRATCH_DIR`] instead of as [`BUILD_UID`] in [`WORK_DIR`].
    Seal,
    /// Start a program and wait for it under limits.
    Run(RunSpec),
    /// Run a program of the box's service as [`SERVICE_UID`] in [`SERVICE_DIR`], waiting for it
    /// under limits as for `Run`; what it leaves running (a server it started) goes on. After a
    /// `Serve`, the end of every run kills all but the service's processes.
    Serve(RunSpec),
    /// Start a server (an API problem's), as a test runs, in the background, and wait until it
    /// accepts connections on the loopback `port`, within `within_ms`: `Listening`, or `Ran`
    /// when it ended first or did not listen in time (then `stopped`). Its limits hold until
    /// `Stop`, across the requests between.
    Listen { spec: RunSpec, port: u16, within_ms: u64 },
    /// Send requests to the listening server, all at once, each on a connection of its own: the
    /// bytes of each (`lens`) follow this line. Each reply is read until the server closes the
    /// connection, to at most `cap` bytes, all within `timeout_ms`.
    Http { lens: Vec<u64>, timeout_ms: u64, cap: u64 },
    /// Stop the server and report its whole run (its output is its log).
    Stop,
}

/// How a reply ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReplyEnd {
    /// The server closed the connection: the reply is whole.
    Closed,
    /// The reply passed its cap.
    Cut,
    /// The exchange's time ran out first.
    TimedOut,
    /// No connection could be made (nothing listens any more).
    Refused,
    /// The connection broke (reset by the server).
    Reset,
}

/// One request's reply: its length (its bytes follow the response's line, in order), how it
/// ended, and after how long.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reply {
    pub len: u64,
    pub end: ReplyEnd,
    pub ms: u64,
}

/// What to run and under which limits. Every limit counts the whole process tree the program
/// starts, waited for or not.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct RunSpec {
    /// The program and its arguments; a program named with a `/` is relative to the work
    /// directory, so tests name their files by absolute path (they run in the scratch directory).
    pub argv: Vec<String>,
    pub env: Vec<(String, String)>,
    /// File (relative to the work directory) to connect to stdin; `/dev/null` when absent.
    pub stdin: Option<String>,
    pub cpu_ms: u64,
    pub wall_ms: u64,
    /// The memory limit: resident memory of the process tree plus the files it keeps in the
    /// scratch directories. The box's cgroup is a backstop above it.
    pub memory_bytes: u64,
    /// Output beyond this many bytes kills the program (output limit exceeded).
    pub stdout_cap: u64,
    /// Standard error beyond this many bytes is dropped (the program goes on).
    pub stderr_cap: u64,
    /// Files to send back after the run, each capped: plain names in the run's directory.
    pub collect: Vec<String>,
    pub collect_cap: u64,
    /// The output is a log (a server's): past `stdout_cap` it is dropped, not a reason to stop
    /// the program.
    #[serde(default)]
    pub log: bool,
}

/// A response from the runner. `Ran` and `Http` carry bytes after their line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Response {
    Ready,
    Written,
    Sealed,
    Ran(Report),
    /// The server accepts connections, this long after it started.
    Listening { after_ms: u64 },
    /// The replies to an `Http` request, in its order; their bytes follow the line.
    Http { replies: Vec<Reply> },
    /// The request could not be carried out (a bad path, a full disk, a missing program).
    Failed { message: String },
}

/// How a program ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "how", rename_all = "snake_case")]
pub enum Exit {
    Exited { code: i32 },
    Signaled { signal: i32 },
}

/// What the runner measured of one run. `stdout_len`, `stderr_len` and `files` give the lengths
/// of the bytes that follow the line, in that order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub exit: Exit,
    /// User + system CPU time of every process and thread the program started.
    pub cpu_ms: u64,
    pub wall_ms: u64,
    /// Peak memory of the process tree: the largest of any one process's peak RSS and the
    /// sampled sum of the tree's anonymous memory and scratch files.
    pub peak_memory_kib: u64,
    /// Killed for using more CPU time than `cpu_ms`.
    pub cpu_timeout: bool,
    /// Killed for using more memory than `memory_bytes`.
    pub memory_limit: bool,
    /// Killed for running past the wall-clock limit.
    pub wall_timeout: bool,
    /// Killed for writing more than `stdout_cap` bytes.
    pub output_limit: bool,
    /// The box's cgroup killed something for lack of memory during the run.
    pub oom_killed: bool,
    /// Stopped when the judge asked (a server after its requests, or one that did not listen
    /// in time), not for a limit.
    #[serde(default)]
    pub stopped: bool,
    pub stdout_len: u64,
    pub stderr_len: u64,
    /// Collected files that existed, with their (capped) lengths.
    pub files: Vec<(String, u64)>,
}

impl Report {
    /// Bytes that follow the report's line.
    pub fn payload_len(&self) -> u64 {
        self.stdout_len + self.stderr_len + self.files.iter().map(|(_, n)| n).sum::<u64>()
    }
}

/// Signs and checks response lines: `MAC SEQ JSON\n` followed by the payload.
pub struct Signer {
    mac: Hmac<Sha256>,
}

impl Signer {
    pub fn new(key: &[u8]) -> Self {
        Signer { mac: Hmac::new_from_slice(key).expect("HMAC takes keys of any length") }
    }

    pub fn sign(&self, seq: u64, json: &str, payload: &[&[u8]]) -> String {
        hex::encode(self.digest(seq, json, payload).finalize().into_bytes())
    }

    pub fn verify(&self, mac_hex: &str, seq: u64, json: &str, payload: &[&[u8]]) -> bool {
        match hex::decode(mac_hex) {
            Ok(tag) => self.digest(seq, json, payload).verify_slice(&tag).is_ok(),
            Err(_) => false,
        }
    }

    fn digest(&self, seq: u64, json: &str, payload: &[&[u8]]) -> Hmac<Sha256> {
        let mut mac = self.mac.clone();
        mac.update(&seq.to_le_bytes());
        mac.update(&(json.len() as u64).to_le_bytes());
        mac.update(json.as_bytes());
        for part in payload {
            mac.update(&(part.len() as u64).to_le_bytes());
            mac.update(part);
        }
        mac
    }
}

/// Formats one response line (without its payload).
pub fn response_line(signer: &Signer, seq: u64, response: &Response, payload: &[&[u8]]) -> String {
    let json = serde_json::to_string(response).expect("responses serialize");
    format!("{} {} {}\n", signer.sign(seq, &json, payload), seq, json)
}

/// Splits a response line into (mac, seq, json) without checking the MAC.
pub fn split_response_line(line: &str) -> Option<(&str, u64, &str)> {
    let line = line.strip_suffix('\n').unwrap_or(line);
    let (mac, rest) = line.split_once(' ')?;
    let (seq, json) = rest.split_once(' ')?;
    Some((mac, seq.parse().ok()?, json))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signed_line_verifies_and_a_changed_one_does_not() {
        let signer = Signer::new(b"key");
        let response = Response::Written;
        let line = response_line(&signer, 7, &response, &[b"out"]);
        let (mac, seq, json) = split_response_line(&line).unwrap();
        assert_eq!(seq, 7);
        assert!(signer.verify(mac, seq, json, &[b"out"]));
        assert!(!signer.verify(mac, 8, json, &[b"out"]));
        assert!(!signer.verify(mac, seq, json, &[b"0ut"]));
        assert!(!Signer::new(b"other").verify(mac, seq, json, &[b"out"]));
    }
}
