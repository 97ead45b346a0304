//! `mockjudge-runner`: PID 1 of every sandbox container.
//!
//! It reads requests on stdin, starts the program under test for each `Run` and answers with a
//! signed report of what happened (see the library for the protocol). Why it is shaped so:
//! - It is PID 1 of the container's PID namespace, so the program cannot kill it: the kernel
//!   drops signals sent to a namespace's init from inside unless it has a handler, and the runner
//!   installs none.
//! - It makes itself non-dumpable first, so a same-uid program can neither open
//!   `/proc/1/fd/1` to write into the report stream nor read `/proc/1/mem` or attach a tracer.
//! - The program gets only its own stdin file and pipes; after every run the runner kills every
//!   other process in the container (`kill(-1)`) and reaps it, so nothing outlives its test.
//! - Time comes from `wait4`'s rusage of the program alone, not from the container's life.

use mockjudge_runner::{
    response_line, Exit, Report, Request, Response, RunSpec, Signer, SCRATCH_DIR, WORK_DIR,
};
use std::collections::HashSet;
use std::ffi::CString;
use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, Read, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Component, Path, PathBuf};
use std::time::{Duration, Instant};

const DEFAULT_PATH: &str = "/usr/local/bin:/usr/bin:/bin";

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
fn serve(input: &mut impl BufRead, output: &mut impl Write) -> io::Result<()> {
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
    let mut baseline: Option<HashSet<PathBuf>> = None;
    while let Some(request) = read_request(input)? {
        match request {
            Request::Hello { .. } => return Err(invalid("hello sent twice")),
            Request::Write { path, len, executable } => {
                let response = match write_file(input, &path, len, executable) {
                    Ok(()) => Response::Written,
                    Err(e) => Response::Failed { message: format!("write {path}: {e}") },
                };
                send(&response, &[])?;
            }
            Request::Seal => {
                baseline = Some(list_tree(Path::new(WORK_DIR)));
                send(&Response::Sealed, &[])?;
            }
            Request::Run(spec) => match run(&spec) {
                Ok(ran) => {
                    if let Some(baseline) = &baseline {
                        restore(baseline);
                    }
                    let mut payload: Vec<&[u8]> = vec![&ran.stdout, &ran.stderr];
                    payload.extend(ran.files.iter().map(|f| f.as_slice()));
                    send(&Response::Ran(ran.report), &payload)?;
                }
                Err(message) => send(&Response::Failed { message }, &[])?,
            },
        }
    }
    Ok(())
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

/// Resolves a path the judge gave relative to the work directory, refusing ways out of it.
fn in_work_dir(path: &str) -> Result<PathBuf, String> {
    let relative = Path::new(path);
    if path.is_empty() || !relative.components().all(|c| matches!(c, Component::Normal(_))) {
        return Err(format!("{path:?} is not a plain relative path"));
    }
    Ok(Path::new(WORK_DIR).join(relative))
}

/// Writes the next `len` bytes of input to `path`. The bytes are consumed even when the write
/// fails, so that the stream stays in step.
fn write_file(input: &mut impl BufRead, path: &str, len: u64, executable: bool) -> io::Result<()> {
    let target = in_work_dir(path).map_err(invalid);
    let mut file = target.and_then(|target| {
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)?;
        }
        // A program may have left a symlink here: never write through it.
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

fn cstring(s: &str) -> Result<CString, String> {
    CString::new(s).map_err(|_| format!("{s:?} contains a NUL byte"))
}

/// Finds the executable `argv[0]` names, as a shell would.
fn resolve_program(name: &str, env: &[(String, String)]) -> Result<PathBuf, String> {
    if name.contains('/') {
        return Ok(Path::new(WORK_DIR).join(name));
    }
    let path = env.iter().find(|(k, _)| k == "PATH").map_or(DEFAULT_PATH, |(_, v)| v);
    path.split(':')
        .map(|dir| Path::new(dir).join(name))
        .find(|p| p.is_file())
        .ok_or_else(|| format!("{name}: not found in {path}"))
}

fn pipe() -> Result<(OwnedFd, OwnedFd), String> {
    let mut fds = [0 as RawFd; 2];
    // SAFETY: fds is a valid two-element array.
    if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } != 0 {
        return Err(format!("pipe: {}", io::Error::last_os_error()));
    }
    // SAFETY: pipe2 returned two fresh descriptors that nothing else owns.
    Ok(unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) })
}

/// The count of out-of-memory kills in this container's memory cgroup (v1 or v2), if readable.
fn oom_kills() -> Option<u64> {
    ["/sys/fs/cgroup/memory/memory.oom_control", "/sys/fs/cgroup/memory.events"]
        .iter()
        .filter_map(|p| fs::read_to_string(p).ok())
        .find_map(|text| {
            text.lines()
                .find_map(|l| l.strip_prefix("oom_kill "))
                .and_then(|n| n.trim().parse().ok())
        })
}

/// Runs one program to completion under the spec's limits.
fn run(spec: &RunSpec) -> Result<Ran, String> {
    let program = resolve_program(spec.argv.first().ok_or("empty argv")?, &spec.env)?;
    let program_c = cstring(program.to_str().ok_or("program path is not UTF-8")?)?;
    let argv: Vec<CString> = spec.argv.iter().map(|a| cstring(a)).collect::<Result<_, _>>()?;
    let mut env: Vec<CString> =
        spec.env.iter().map(|(k, v)| cstring(&format!("{k}={v}"))).collect::<Result<_, _>>()?;
    if !spec.env.iter().any(|(k, _)| k == "PATH") {
        env.push(cstring(&format!("PATH={DEFAULT_PATH}"))?);
    }
    let argv_ptrs: Vec<*const libc::c_char> =
        argv.iter().map(|a| a.as_ptr()).chain([std::ptr::null()]).collect();
    let env_ptrs: Vec<*const libc::c_char> =
        env.iter().map(|a| a.as_ptr()).chain([std::ptr::null()]).collect();
    let stdin_path = match &spec.stdin {
        Some(p) => in_work_dir(p)?,
        None => PathBuf::from("/dev/null"),
    };
    let stdin = fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC)
        .open(&stdin_path)
        .map_err(|e| format!("open {}: {e}", stdin_path.display()))?;
    let work_dir = cstring(WORK_DIR)?;
    let (out_r, out_w) = pipe()?;
    let (err_r, err_w) = pipe()?;
    let (exec_r, exec_w) = pipe()?;
    let cpu_seconds = spec.cpu_ms.div_ceil(1000) + 1;
    let oom_before = oom_kills();
    let start = Instant::now();

    // SAFETY: the runner is single-threaded, so the child may do anything between fork and
    // exec; it only makes system calls on memory prepared above and then execs or exits.
    let pid = unsafe { libc::fork() };
    if pid < 0 {
        return Err(format!("fork: {}", io::Error::last_os_error()));
    }
    if pid == 0 {
        unsafe {
            libc::setpgid(0, 0);
            libc::dup2(stdin.as_raw_fd(), 0);
            libc::dup2(out_w.as_raw_fd(), 1);
            libc::dup2(err_w.as_raw_fd(), 2);
            let limit = |resource, soft: u64, hard: u64| {
                let rl = libc::rlimit { rlim_cur: soft, rlim_max: hard };
                libc::setrlimit(resource, &rl);
            };
            limit(libc::RLIMIT_CPU, cpu_seconds, cpu_seconds + 1);
            limit(libc::RLIMIT_CORE, 0, 0);
            if spec.memory_bytes > 0 {
                limit(libc::RLIMIT_STACK, spec.memory_bytes, spec.memory_bytes);
            }
            // Raising one's own OOM score needs no privilege: under memory pressure the kernel
            // kills the program, not the runner.
            let adj = libc::open(c"/proc/self/oom_score_adj".as_ptr(), libc::O_WRONLY);
            if adj >= 0 {
                libc::write(adj, b"1000".as_ptr().cast(), 4);
                libc::close(adj);
            }
            libc::chdir(work_dir.as_ptr());
            libc::execve(program_c.as_ptr(), argv_ptrs.as_ptr(), env_ptrs.as_ptr());
            let errno = *libc::__errno_location();
            libc::write(exec_w.as_raw_fd(), (&errno as *const i32).cast(), 4);
            libc::_exit(127);
        }
    }
    drop((stdin, out_w, err_w, exec_w));
    let mut errno = [0u8; 4];
    if File::from(exec_r).read(&mut errno).unwrap_or(0) == 4 {
        reap_all(pid);
        let error = io::Error::from_raw_os_error(i32::from_ne_bytes(errno));
        return Err(format!("exec {}: {error}", program.display()));
    }

    let mut watch = Watch::new(pid, out_r, err_r, spec);
    let (status, usage, kill) = watch.until_exit(start + Duration::from_millis(spec.wall_ms));
    let wall = start.elapsed();
    // Kill whatever the program left behind; that also closes the pipes it held open.
    reap_all(pid);
    watch.drain();

    let exit = if libc::WIFSIGNALED(status) {
        Exit::Signaled { signal: libc::WTERMSIG(status) }
    } else {
        Exit::Exited { code: libc::WEXITSTATUS(status) }
    };
    let cpu = |t: libc::timeval| t.tv_sec as u64 * 1000 + t.tv_usec as u64 / 1000;
    let mut files = Vec::new();
    let mut file_lens = Vec::new();
    for name in &spec.collect {
        if let Some(bytes) = read_capped(name, spec.collect_cap) {
            file_lens.push((name.clone(), bytes.len() as u64));
            files.push(bytes);
        }
    }
    let report = Report {
        exit,
        cpu_ms: cpu(usage.ru_utime) + cpu(usage.ru_stime),
        wall_ms: wall.as_millis() as u64,
        peak_memory_kib: usage.ru_maxrss as u64,
        cpu_timeout: kill == Kill::Cpu,
        wall_timeout: kill == Kill::Wall,
        output_limit: watch.output_limit,
        oom_killed: matches!((oom_before, oom_kills()), (Some(a), Some(b)) if b > a),
        stdout_len: watch.stdout.len() as u64,
        stderr_len: watch.stderr.len() as u64,
        files: file_lens,
    };
    Ok(Ran { report, stdout: watch.stdout, stderr: watch.stderr, files })
}

fn read_capped(name: &str, cap: u64) -> Option<Vec<u8>> {
    let path = in_work_dir(name).ok()?;
    let file = fs::OpenOptions::new().read(true).custom_flags(libc::O_NOFOLLOW).open(path).ok()?;
    let mut bytes = Vec::new();
    file.take(cap).read_to_end(&mut bytes).ok()?;
    Some(bytes)
}

/// Kills every process but the runner and waits until none is left. As PID 1 that is
/// `kill(-1)`, which reaches processes that left the program's group or session; outside a
/// container (a developer running the runner by hand) only the program's group is killed.
fn reap_all(pid: libc::pid_t) {
    loop {
        // SAFETY: plain system calls on integers.
        unsafe {
            if libc::getpid() == 1 {
                libc::kill(-1, libc::SIGKILL);
            } else {
                libc::kill(-pid, libc::SIGKILL);
            }
            let mut status = 0;
            let waited = if libc::getpid() == 1 {
                libc::waitpid(-1, &mut status, 0)
            } else {
                libc::waitpid(pid, &mut status, 0)
            };
            if waited < 0 {
                break;
            }
        }
    }
}

/// Why the runner killed a program.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kill {
    None,
    Cpu,
    Wall,
    Output,
}

/// CPU time of a process and its waited-for children so far, from `/proc/<pid>/stat`.
fn cpu_used_ms(pid: libc::pid_t) -> u64 {
    let Ok(stat) = fs::read_to_string(format!("/proc/{pid}/stat")) else { return 0 };
    // Fields after the command name (which may contain spaces) start at field 3.
    let Some(rest) = stat.rfind(')').map(|i| &stat[i + 2..]) else { return 0 };
    let fields: Vec<u64> = rest.split(' ').map(|f| f.parse().unwrap_or(0)).collect();
    // SAFETY: sysconf has no memory effects.
    let ticks = unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as u64;
    // utime, stime, cutime, cstime are fields 14-17, i.e. indexes 11-14 here.
    fields.get(11..15).map_or(0, |f| f.iter().sum::<u64>() * 1000 / ticks)
}

/// Collects a running program's output and notices when it exits, times out or floods stdout.
struct Watch<'a> {
    pid: libc::pid_t,
    pidfd: Option<OwnedFd>,
    pipes: [Option<File>; 2],
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    output_limit: bool,
    spec: &'a RunSpec,
}

impl<'a> Watch<'a> {
    fn new(pid: libc::pid_t, out: OwnedFd, err: OwnedFd, spec: &'a RunSpec) -> Self {
        // SAFETY: pidfd_open returns a new descriptor or -1.
        let pidfd = unsafe { libc::syscall(libc::SYS_pidfd_open, pid, 0) } as RawFd;
        Watch {
            pid,
            // SAFETY: a non-negative pidfd is a fresh descriptor we own.
            pidfd: (pidfd >= 0).then(|| unsafe { OwnedFd::from_raw_fd(pidfd) }),
            pipes: [Some(File::from(out)), Some(File::from(err))],
            stdout: Vec::new(),
            stderr: Vec::new(),
            output_limit: false,
            spec,
        }
    }

    /// Reads output until the program exits, or kills it when it uses up its CPU time, passes
    /// the wall-clock deadline or floods stdout. Returns its status, rusage and why it was killed.
    fn until_exit(&mut self, deadline: Instant) -> (i32, libc::rusage, Kill) {
        // CPU time cannot grow faster than wall time under the box's one-CPU quota, so the
        // next look at the CPU clock is due when the rest of the budget could be spent.
        let mut next_cpu_check = Instant::now() + Duration::from_millis(self.spec.cpu_ms);
        loop {
            if let Some((status, usage)) = self.wait(libc::WNOHANG) {
                return (status, usage, Kill::None);
            }
            let now = Instant::now();
            let kill = if self.output_limit {
                Kill::Output
            } else if now >= deadline {
                Kill::Wall
            } else if now >= next_cpu_check {
                let used = cpu_used_ms(self.pid);
                if used >= self.spec.cpu_ms {
                    Kill::Cpu
                } else {
                    next_cpu_check = now + Duration::from_millis((self.spec.cpu_ms - used).max(5));
                    Kill::None
                }
            } else {
                Kill::None
            };
            if kill != Kill::None {
                // SAFETY: signals our own child and its process group.
                unsafe {
                    libc::kill(-self.pid, libc::SIGKILL);
                    libc::kill(self.pid, libc::SIGKILL);
                }
                let (status, usage) = self.wait(0).expect("the child is ours to wait for");
                return (status, usage, kill);
            }
            let mut timeout = deadline.min(next_cpu_check) - now;
            if self.pidfd.is_none() {
                // Without a pidfd (old kernels) exits are noticed by polling.
                timeout = timeout.min(Duration::from_millis(2));
            }
            self.poll(timeout);
        }
    }

    fn wait(&self, flags: i32) -> Option<(i32, libc::rusage)> {
        let mut status = 0;
        // SAFETY: rusage is plain data, fully written by wait4 on success.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        let r = unsafe { libc::wait4(self.pid, &mut status, flags, &mut usage) };
        (r == self.pid).then_some((status, usage))
    }

    /// Waits up to `timeout` for output or exit, and takes in what output there is.
    fn poll(&mut self, timeout: Duration) {
        let mut fds: Vec<libc::pollfd> = Vec::with_capacity(3);
        let mut which = Vec::with_capacity(3);
        for (i, pipe) in self.pipes.iter().enumerate() {
            if let Some(p) = pipe {
                fds.push(libc::pollfd { fd: p.as_raw_fd(), events: libc::POLLIN, revents: 0 });
                which.push(Some(i));
            }
        }
        if let Some(pidfd) = &self.pidfd {
            fds.push(libc::pollfd { fd: pidfd.as_raw_fd(), events: libc::POLLIN, revents: 0 });
            which.push(None);
        }
        let ms = timeout.as_millis().min(i32::MAX as u128) as i32;
        // SAFETY: fds is a valid array of pollfd of the given length.
        if unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, ms) } <= 0 {
            return;
        }
        for (fd, i) in fds.iter().zip(which) {
            if let Some(i) = i {
                if fd.revents != 0 {
                    self.read_pipe(i);
                }
            }
        }
    }

    /// Takes one chunk from pipe `i`, closing it at end of file.
    fn read_pipe(&mut self, i: usize) {
        let mut buf = [0u8; 1 << 16];
        let Some(pipe) = &mut self.pipes[i] else { return };
        let n = match pipe.read(&mut buf) {
            Ok(0) | Err(_) => {
                self.pipes[i] = None;
                return;
            }
            Ok(n) => n,
        };
        let (sink, cap) = if i == 0 {
            (&mut self.stdout, self.spec.stdout_cap)
        } else {
            (&mut self.stderr, self.spec.stderr_cap)
        };
        let room = cap.saturating_sub(sink.len() as u64) as usize;
        sink.extend_from_slice(&buf[..n.min(room)]);
        if i == 0 && n > room {
            self.output_limit = true;
        }
    }

    /// Reads both pipes to their end; every writer is dead by now.
    fn drain(&mut self) {
        for i in 0..2 {
            while self.pipes[i].is_some() {
                self.read_pipe(i);
            }
        }
    }
}

/// Every path under `root`, for telling a run's new files from the baseline.
fn list_tree(root: &Path) -> HashSet<PathBuf> {
    let mut seen = HashSet::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                stack.push(path.clone());
            }
            seen.insert(path);
        }
    }
    seen
}

/// Removes what runs added to the work directory and empties the scratch directory.
fn restore(baseline: &HashSet<PathBuf>) {
    for path in list_tree(Path::new(WORK_DIR)).difference(baseline) {
        force_remove(path);
    }
    for entry in fs::read_dir(SCRATCH_DIR).into_iter().flatten().flatten() {
        force_remove(&entry.path());
    }
}

/// Removes a file or a tree, even one whose modes a program took away (it ran as our uid).
fn force_remove(path: &Path) {
    let Ok(meta) = fs::symlink_metadata(path) else { return };
    if meta.is_dir() {
        let _ = fs::set_permissions(path, fs::Permissions::from_mode(0o700));
        for entry in fs::read_dir(path).into_iter().flatten().flatten() {
            force_remove(&entry.path());
        }
        let _ = fs::remove_dir(path);
    } else {
        let _ = fs::remove_file(path);
    }
}
