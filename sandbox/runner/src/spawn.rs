//! Starting a program: a fork that takes its own stdin file and pipes, limits, its own process
//! group and an unprivileged identity ([`identity::become_user`]), then `exec`s. Failures after
//! the fork come back through a close-on-exec pipe, so "could not start" is never mistaken for
//! a program that ran.

use crate::identity;
use mockjudge_runner::{RunSpec, SERVICE_UID, WORK_DIR};
use std::ffi::CString;
use std::fs::{self, File};
use std::io::{self, Read};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Component, Path, PathBuf};
use std::time::Instant;

const DEFAULT_PATH: &str = "/usr/local/bin:/usr/bin:/bin";

/// A started program: its pid (also its process group) and the read ends of its output pipes.
pub struct Child {
    pub pid: libc::pid_t,
    pub stdout: OwnedFd,
    pub stderr: OwnedFd,
    pub started: Instant,
}

/// Resolves a path the judge gave relative to the work directory, refusing ways out of it.
pub fn in_work_dir(path: &str) -> Result<PathBuf, String> {
    let relative = Path::new(path);
    if path.is_empty() || !relative.components().all(|c| matches!(c, Component::Normal(_))) {
        return Err(format!("{path:?} is not a plain relative path"));
    }
    Ok(Path::new(WORK_DIR).join(relative))
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

/// What failed in the child before `exec`, as sent back through the pipe.
const STAGES: [&str; 3] = ["dropping privileges", "entering", "exec"];

/// Tells the runner, through the exec pipe, which stage failed and why, and exits.
fn child_failed(pipe: RawFd, stage: u8) -> ! {
    // SAFETY: errno and write on a descriptor this child owns; then the child ends.
    unsafe {
        let errno = *libc::__errno_location();
        let mut msg = [stage, 0, 0, 0, 0];
        msg[1..].copy_from_slice(&errno.to_ne_bytes());
        libc::write(pipe, msg.as_ptr().cast(), msg.len());
        libc::_exit(127);
    }
}

/// Starts `spec`'s program as `uid` in `cwd`.
pub fn start(spec: &RunSpec, uid: u32, cwd: &str) -> Result<Child, String> {
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
    let cwd_c = cstring(cwd)?;
    let (out_r, out_w) = pipe()?;
    let (err_r, err_w) = pipe()?;
    let (exec_r, exec_w) = pipe()?;
    // A per-process backstop under the runner's watch over the whole tree.
    let cpu_seconds = spec.cpu_ms.div_ceil(1000) + 1;
    let started = Instant::now();

    // SAFETY: the runner is single-threaded, so the child may do anything between fork and
    // exec; it only makes system calls on memory prepared above and then execs or exits.
    let pid = unsafe { libc::fork() };
    if pid < 0 {
        return Err(format!("fork: {}", io::Error::last_os_error()));
    }
    if pid == 0 {
        let fail = |stage: u8| child_failed(exec_w.as_raw_fd(), stage);
        unsafe {
            libc::setpgid(0, 0);
            libc::dup2(stdin.as_raw_fd(), 0);
            libc::dup2(out_w.as_raw_fd(), 1);
            libc::dup2(err_w.as_raw_fd(), 2);
            let limit = |resource, soft: u64, hard: u64| {
                let rl = libc::rlimit { rlim_cur: soft, rlim_max: hard };
                libc::setrlimit(resource, &rl);
            };
            // The runner (as every Rust program) ignores SIGPIPE; a program starts with the
            // default, as from a shell.
            libc::signal(libc::SIGPIPE, libc::SIG_DFL);
            // Not for a service: its server's processes (postmaster, checkpointer, WAL writer)
            // live across every run and would add up to the backstop over a long judging, and
            // the SIGXCPU of one is a crash that restarts the server under a later test. Each
            // run's own watch counts the server's CPU time (the box's cgroup).
            if uid == SERVICE_UID {
                limit(libc::RLIMIT_CPU, libc::RLIM_INFINITY, libc::RLIM_INFINITY);
            } else {
                limit(libc::RLIMIT_CPU, cpu_seconds, cpu_seconds + 1);
            }
            limit(libc::RLIMIT_CORE, 0, 0);
            if spec.memory_bytes > 0 {
                limit(libc::RLIMIT_STACK, spec.memory_bytes, spec.memory_bytes);
            }
            // Under memory pressure the kernel kills the program, not the runner nor the
            // service (whose server a run's query may be growing: the runner's own watch
            // stops that run first).
            let adj = if uid == SERVICE_UID { -1 } else { libc::open(c"/proc/self/oom_score_adj".as_ptr(), libc::O_WRONLY) };
            if adj >= 0 {
                libc::write(adj, b"1000".as_ptr().cast(), 4);
                libc::close(adj);
            }
        }
        if identity::become_user(uid).is_err() {
            fail(0);
        }
        unsafe {
            if libc::chdir(cwd_c.as_ptr()) != 0 {
                fail(1);
            }
            libc::execve(program_c.as_ptr(), argv_ptrs.as_ptr(), env_ptrs.as_ptr());
        }
        fail(2);
    }
    drop((stdin, out_w, err_w, exec_w));
    let mut msg = [0u8; 5];
    if File::from(exec_r).read(&mut msg).unwrap_or(0) == msg.len() {
        // The child wrote why and is exiting; it started nothing.
        // SAFETY: waits for our own child.
        unsafe { libc::waitpid(pid, std::ptr::null_mut(), 0) };
        let error = io::Error::from_raw_os_error(i32::from_ne_bytes([msg[1], msg[2], msg[3], msg[4]]));
        let stage = STAGES.get(msg[0] as usize).copied().unwrap_or("starting");
        let what = if stage == "entering" { cwd.to_string() } else { program.display().to_string() };
        return Err(format!("{stage} {what}: {error}"));
    }
    Ok(Child { pid, stdout: out_r, stderr: err_r, started })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn work_dir_paths_stay_inside_it() {
        assert_eq!(in_work_dir("main.py").unwrap(), Path::new("/box/main.py"));
        assert_eq!(in_work_dir("feedback/x").unwrap(), Path::new("/box/feedback/x"));
        for bad in ["", "/etc/passwd", "../x", "a/../../x", "./x", "a/./b/.."] {
            assert!(in_work_dir(bad).is_err(), "{bad:?}");
        }
    }
}
