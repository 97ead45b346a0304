//! `mockjudge-runner`: PID 1 of every sandbox container.
//!
//! It reads requests on stdin, starts the program under test for each `Run` and answers with a
//! signed report of what happened (see the library for the protocol). Why it is shaped so:
//! - Three identities. The runner is root in the box with only CAP_SETUID, CAP_SETGID,
//!   CAP_SETPCAP and CAP_KILL (no file-permission override). Before the box is sealed, runs
//!   (compilers) are [`BUILD_UID`], which owns the work directory; after, tests are
//!   [`PROGRAM_UID`], which can read the compiled files but not change them, and can write only
//!   the scratch directories. Every run gives up all privilege before `exec` ([`identity`]), so
//!   a program shares no uid with the runner: it cannot signal, trace or read it, chmod its
//!   directories or reach its stdout through `/proc/1/fd/1`. The runner is non-dumpable too.
//! - It is PID 1 of the container's PID namespace, so every orphan comes back to it: after
//!   every run it kills and reaps every other process in the box ([`watch`]). CPU time and
//!   memory are the whole tree's, from the box's cgroup less the runner's own ([`usage`]).
//! - After every run a cleaner with the run's uid empties what the run could write ([`clean`]),
//!   so each test starts from the state right after compiling.
//! - A box may have a service (a database server): `Serve` runs start and reset it as a fourth
//!   uid, [`SERVICE_UID`], in a directory of its own, and the kill after every run spares its
//!   processes alone. The candidate's SQL runs in the server, so its CPU time and memory are
//!   the box's cgroup's like any program's, and the run's end leaves the server running.

mod clean;
mod http;
mod identity;
mod server;
mod spawn;
mod usage;
mod watch;

use mockjudge_runner::{
    response_line, Exit, Report, Request, Response, RunSpec, Signer, BUILD_UID, PROGRAM_UID, SCRATCH_DIR, SERVICE_DIR,
    SERVICE_UID, WORK_DIR,
};
use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, Read, Write};
use std::os::fd::FromRawFd;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::Path;
use server::{Server, Started};
use std::os::fd::AsRawFd;
use std::time::Duration;
use watch::{Kill, Sweep, Watched};

fn main() {
    // SAFETY: prctl with these arguments has no memory effects.
    unsafe { libc::prctl(libc::PR_SET_DUMPABLE, 0, 0, 0, 0) };
    // SAFETY: fd 1 is the container's stdout, owned by this process for its whole life.
    let stdout = unsafe { File::from_raw_fd(1) };
    let mut input = BufReader::with_capacity(1 << 16, io::stdin().lock());
    let mut output = io::BufWriter::with_capacity(1 << 16, stdout);
    if let Err(e) = serve(&mut input, &mut output) {
        eprintln!("mockjudge-runner: {e}");
        std::process::exit(1);
    }
}

/// Answers requests until the judge closes stdin.
fn serve<R: Read + AsRawFd>(input: &mut BufReader<R>, output: &mut impl Write) -> io::Result<()> {
    let signer = match read_request(input)? {
        Some(Request::Hello { key }) => Signer::new(&hex::decode(key).map_err(invalid)?),
        _ => return Err(invalid("the first request must be hello")),
    };
    let mut seq = 0u64;
    let mut send = |response: &Response, payload: &[&[u8]]| -> io::Result<()> {
        output.write_all(response_line(&signer, seq, response, payload).as_bytes())?;
        for part in payload {
            output.write_all(part)?;
        }
        seq += 1;
        output.flush()
    };
    send(&Response::Ready, &[])?;
    let mut sealed = false;
    let mut service = false;
    // An API problem's server between `Listen` and `Stop`, watched while the judge is away.
    let mut server: Option<Server> = None;
    loop {
        if let (Some(server), true) = (server.as_mut(), input.buffer().is_empty()) {
            server.idle(input.get_ref().as_raw_fd());
        }
        let Some(request) = read_request(input)? else { break };
        let response = match request {
            Request::Hello { .. } => return Err(invalid("hello sent twice")),
            Request::Write { path, len, executable } => {
                match identity::with_fs_identity(BUILD_UID, || write_file(input, &path, len, executable)) {
                    Ok(()) => Response::Written,
                    Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Err(e),
                    Err(e) => Response::Failed { message: format!("write {path}: {e}") },
                }
            }
            Request::Seal => match clean::seal() {
                Ok(()) => {
                    sealed = true;
                    Response::Sealed
                }
                Err(message) => Response::Failed { message },
            },
            Request::Run(_) | Request::Serve(_) => {
                let (spec, uid, cwd, sweep) = match request {
                    Request::Serve(spec) => {
                        service = true;
                        (spec, SERVICE_UID, SERVICE_DIR, Sweep::Nothing)
                    }
                    Request::Run(spec) => {
                        let (uid, cwd) = if sealed { (PROGRAM_UID, SCRATCH_DIR) } else { (BUILD_UID, WORK_DIR) };
                        (spec, uid, cwd, if service { Sweep::SparingService } else { Sweep::All })
                    }
                    _ => unreachable!("matched above"),
                };
                match run(&spec, uid, cwd, sweep) {
                    Ok(ran) => {
                        send_ran(&mut send, ran)?;
                        continue;
                    }
                    Err(message) => Response::Failed { message },
                }
            }
            Request::Listen { .. } if !sealed || server.is_some() => {
                Response::Failed { message: "a server starts once the box is sealed, one at a time".into() }
            }
            Request::Listen { spec, port, within_ms } => {
                let sweep = if service { Sweep::SparingService } else { Sweep::All };
                match Server::start(&spec, PROGRAM_UID, SCRATCH_DIR, port, Duration::from_millis(within_ms), sweep) {
                    Ok(Started::Listening(started, after_ms)) => {
                        server = Some(started);
                        Response::Listening { after_ms }
                    }
                    Ok(Started::Ended(ran)) => {
                        send_ran(&mut send, ran)?;
                        continue;
                    }
                    Err(message) => Response::Failed { message },
                }
            }
            Request::Http { lens, timeout_ms, cap } => {
                let mut requests = Vec::with_capacity(lens.len());
                for len in lens {
                    let mut bytes = Vec::new();
                    (&mut *input).take(len).read_to_end(&mut bytes)?;
                    if bytes.len() as u64 != len {
                        return Err(io::ErrorKind::UnexpectedEof.into());
                    }
                    requests.push(bytes);
                }
                match server.as_mut() {
                    Some(server) => {
                        let (replies, bytes): (Vec<_>, Vec<_>) = server.exchange(requests, Duration::from_millis(timeout_ms), cap).into_iter().unzip();
                        let payload: Vec<&[u8]> = bytes.iter().map(Vec::as_slice).collect();
                        send(&Response::Http { replies }, &payload)?;
                        continue;
                    }
                    None => Response::Failed { message: "no server is running".into() },
                }
            }
            Request::Stop => match server.take().map(Server::stop) {
                Some(Ok(ran)) => {
                    send_ran(&mut send, ran)?;
                    continue;
                }
                Some(Err(message)) => Response::Failed { message },
                None => Response::Failed { message: "no server is running".into() },
            },
        };
        send(&response, &[])?;
    }
    Ok(())
}

/// Sends a run's report with its output and files.
fn send_ran(send: &mut impl FnMut(&Response, &[&[u8]]) -> io::Result<()>, ran: Ran) -> io::Result<()> {
    let mut payload: Vec<&[u8]> = vec![&ran.stdout, &ran.stderr];
    payload.extend(ran.files.iter().map(|f| f.as_slice()));
    send(&Response::Ran(ran.report), &payload)
}

fn invalid(e: impl std::fmt::Display) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, e.to_string())
}

fn read_request(input: &mut impl BufRead) -> io::Result<Option<Request>> {
    let mut line = String::new();
    if input.read_line(&mut line)? == 0 {
        return Ok(None);
    }
    serde_json::from_str(&line).map(Some).map_err(invalid)
}

/// Writes the next `len` bytes of input to `path`. The bytes are consumed even when the write
/// fails, so that the stream stays in step.
fn write_file(input: &mut impl BufRead, path: &str, len: u64, executable: bool) -> io::Result<()> {
    let target = spawn::in_work_dir(path).map_err(invalid);
    let mut file = target.and_then(|target| {
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)?;
        }
        let _ = fs::remove_file(&target);
        fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(if executable { 0o755 } else { 0o644 })
            .custom_flags(libc::O_NOFOLLOW)
            .open(&target)
    });
    let mut remaining = len;
    let mut buf = vec![0u8; 1 << 16];
    while remaining > 0 {
        let want = remaining.min(buf.len() as u64) as usize;
        let n = input.read(&mut buf[..want])?;
        if n == 0 {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        remaining -= n as u64;
        if let Ok(f) = &mut file {
            if let Err(e) = f.write_all(&buf[..n]) {
                file = Err(e);
            }
        }
    }
    file.map(drop)
}

struct Ran {
    report: Report,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    files: Vec<Vec<u8>>,
}

/// Runs one program to completion under the spec's limits as `uid` in `cwd`, then puts the
/// box back as it was (but for what a service's program started: `sweep` is then `Nothing`).
fn run(spec: &RunSpec, uid: u32, cwd: &str, sweep: Sweep) -> Result<Ran, String> {
    let oom_before = usage::oom_kills();
    let before = watch::Before::now();
    let watched = spawn::start(spec, uid, cwd).and_then(|child| watch::watch(child, spec, sweep, before));
    let collected: Vec<(String, Vec<u8>)> = match &watched {
        Ok(_) => spec
            .collect
            .iter()
            .filter_map(|name| read_capped(Path::new(cwd), name, uid, spec.collect_cap).map(|b| (name.clone(), b)))
            .collect(),
        Err(_) => Vec::new(),
    };
    // Whatever happened, the next run starts clean. A service keeps its files in its own
    // directory, which stays as it is.
    if uid != SERVICE_UID {
        clean::scratch(uid)?;
    }
    Ok(ran(watched?, oom_before, collected))
}

/// A run's report, from what its watch saw.
fn ran(watched: Watched, oom_before: Option<u64>, collected: Vec<(String, Vec<u8>)>) -> Ran {
    let status = watched.status;
    let exit = if libc::WIFSIGNALED(status) {
        Exit::Signaled { signal: libc::WTERMSIG(status) }
    } else {
        Exit::Exited { code: libc::WEXITSTATUS(status) }
    };
    let report = Report {
        exit,
        cpu_ms: watched.cpu_ms,
        wall_ms: watched.wall.as_millis() as u64,
        peak_memory_kib: watched.peak_memory_bytes / 1024,
        cpu_timeout: watched.kill == Kill::Cpu,
        memory_limit: watched.kill == Kill::Memory,
        wall_timeout: watched.kill == Kill::Wall,
        output_limit: watched.output_limit,
        oom_killed: matches!((oom_before, usage::oom_kills()), (Some(a), Some(b)) if b > a),
        stopped: watched.kill == Kill::Stopped,
        stdout_len: watched.stdout.len() as u64,
        stderr_len: watched.stderr.len() as u64,
        files: collected.iter().map(|(name, bytes)| (name.clone(), bytes.len() as u64)).collect(),
    };
    let files = collected.into_iter().map(|(_, bytes)| bytes).collect();
    Ran { report, stdout: watched.stdout, stderr: watched.stderr, files }
}

/// A file name with no directory part: collecting never follows a path the run could have
/// laid out.
fn is_plain_name(name: &str) -> bool {
    !name.is_empty() && !name.contains('/') && name != "." && name != ".."
}

/// Reads up to `cap` bytes of `dir/name`, a regular file owned by `uid` (never a link, a pipe
/// or a device the run left there to block or mislead the runner).
fn read_capped(dir: &Path, name: &str, uid: u32, cap: u64) -> Option<Vec<u8>> {
    if !is_plain_name(name) {
        return None;
    }
    let file = fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(dir.join(name))
        .ok()?;
    let meta = file.metadata().ok()?;
    if !meta.is_file() || meta.uid() != uid {
        return None;
    }
    let mut bytes = Vec::new();
    file.take(cap).read_to_end(&mut bytes).ok()?;
    Some(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_names_are_collected() {
        assert!(is_plain_name("judgemessage.txt"));
        for bad in ["", ".", "..", "feedback/score.txt", "/etc/passwd"] {
            assert!(!is_plain_name(bad), "{bad:?}");
        }
    }
}
