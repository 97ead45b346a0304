//! Watching a started program until it ends: collecting its output, reaping every process of
//! its tree as it dies, and killing the whole box's tree when the main process has ended, or
//! the tree passes its CPU, memory, wall-clock or output limit.
//!
//! Every wait is bounded. The main process's end is seen through its pidfd even when something
//! keeps it from being reaped (a tracer holding its zombie): the run is then over, and killing
//! every other process (the runner has CAP_KILL; as PID 1, `kill(-1)` reaches all of them)
//! releases it. Killing and reaping have their own short deadline.
//!
//! A box with a service (a database server, [`SERVICE_UID`]) keeps it across runs: there the
//! end of a run kills every process but the runner's and the service's, found by their real
//! uid, which no program of a run can take.

use crate::spawn::Child;
use crate::usage::{self, MemoryProbe};
use mockjudge_runner::{RunSpec, SERVICE_UID};
use std::fs::File;
use std::io::Read;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::time::{Duration, Instant};

/// How often the tree's memory is sampled while nothing else wakes the runner.
const SAMPLE_EVERY: Duration = Duration::from_millis(10);
/// How long killing and reaping the tree may take.
const REAP_WITHIN: Duration = Duration::from_secs(2);

/// Why the runner killed a program.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kill {
    None,
    Cpu,
    Memory,
    Wall,
    Output,
    /// The runner was told to stop it (a server, after its requests).
    Stopped,
}

/// Which processes the end of a run kills.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sweep {
    /// Every process in the box but the runner.
    All,
    /// Every process but the runner's and the service's.
    SparingService,
    /// None: a service's program that ended by itself leaves its server running.
    Nothing,
}

/// What the watch saw of one run.
pub struct Watched {
    pub status: i32,
    pub kill: Kill,
    pub cpu_ms: u64,
    pub wall: Duration,
    pub peak_memory_bytes: u64,
    pub output_limit: bool,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
}

/// Kills the processes `sweep` names and reaps them, until none is left or `deadline` passes.
/// Returns the status of `main` if it was reaped here. Outside a container (a developer
/// running the runner by hand) only `main`'s process group is killed.
pub fn kill_all_and_reap(main: libc::pid_t, sweep: Sweep, deadline: Instant) -> Reaped {
    let mut reaped = Reaped::default();
    // SAFETY: plain system calls on integers.
    let pid1 = unsafe { libc::getpid() } == 1;
    loop {
        // Whether something may be left to kill.
        let left = match sweep {
            Sweep::SparingService if pid1 => kill_all_but(SERVICE_UID),
            Sweep::All | Sweep::SparingService => {
                unsafe { libc::kill(if pid1 { -1 } else { -main }, libc::SIGKILL) };
                true
            }
            Sweep::Nothing => false,
        };
        match reaped.reap_one(main) {
            Some(true) => continue,
            None => return reaped,
            Some(false) if !left => return reaped,
            Some(false) if Instant::now() >= deadline => {
                reaped.stuck = true;
                return reaped;
            }
            Some(false) => std::thread::sleep(Duration::from_millis(1)),
        }
    }
}

/// Kills every process in the box but the runner (PID 1) and those whose real uid is `spared`;
/// returns whether there was any. Each is pinned by a pidfd while its uid is read, so the
/// signal reaches no other process that took its pid.
fn kill_all_but(spared: u32) -> bool {
    let Ok(entries) = std::fs::read_dir("/proc") else { return false };
    let mut any = false;
    for pid in entries.flatten().filter_map(|e| e.file_name().to_str()?.parse::<libc::pid_t>().ok()) {
        if pid == 1 {
            continue;
        }
        // SAFETY: pidfd_open returns a new descriptor or -1.
        let fd = unsafe { libc::syscall(libc::SYS_pidfd_open, pid, 0) } as RawFd;
        // SAFETY: a non-negative pidfd is a fresh descriptor we own.
        let pidfd = (fd >= 0).then(|| unsafe { OwnedFd::from_raw_fd(fd) });
        if real_uid(pid) == Some(spared) {
            continue;
        }
        any = true;
        // SAFETY: signals a process we hold a pidfd for, or (on kernels without pidfds) by pid.
        unsafe {
            match &pidfd {
                Some(fd) => libc::syscall(libc::SYS_pidfd_send_signal, fd.as_raw_fd(), libc::SIGKILL, 0, 0),
                None => libc::kill(pid, libc::SIGKILL) as libc::c_long,
            }
        };
    }
    any
}

/// A process's real uid, from `/proc/<pid>/status`; `None` once it is gone.
fn real_uid(pid: libc::pid_t) -> Option<u32> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status.lines().find_map(|l| l.strip_prefix("Uid:"))?.split_whitespace().next()?.parse().ok()
}

/// Processes reaped so far: the main one's status, and the largest peak RSS among them.
#[derive(Default)]
pub struct Reaped {
    pub main_status: Option<i32>,
    pub max_rss_bytes: u64,
    /// Something could not be reaped in time.
    pub stuck: bool,
}

impl Reaped {
    /// Reaps one child without waiting. `Some(true)`: reaped one; `Some(false)`: none ready;
    /// `None`: no children left.
    fn reap_one(&mut self, main: libc::pid_t) -> Option<bool> {
        let mut status = 0;
        // SAFETY: rusage is plain data, fully written by wait4 on success.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        let pid = unsafe { libc::wait4(-1, &mut status, libc::WNOHANG | libc::__WALL, &mut usage) };
        if pid < 0 {
            return None;
        }
        if pid == 0 {
            return Some(false);
        }
        self.max_rss_bytes = self.max_rss_bytes.max(usage.ru_maxrss as u64 * 1024);
        if pid == main {
            self.main_status = Some(status);
        }
        Some(true)
    }
}

/// What the box used before a run started, for telling what the run added.
pub struct Before {
    /// The cgroup's CPU time and the runner's own, or (without a cgroup) the reaped children's.
    cpu_us: Option<(u64, u64)>,
    reaped_us: u64,
    memory: MemoryProbe,
    memory_bytes: Option<u64>,
}

impl Before {
    pub fn now() -> Before {
        let mut memory = MemoryProbe::open();
        let memory_bytes = memory.sample();
        let cpu_us = usage::cgroup_cpu_us().map(|cgroup| (cgroup, usage::own_cpu_us()));
        Before { cpu_us, reaped_us: usage::reaped_cpu_us(), memory, memory_bytes }
    }

    /// Memory the run holds now beyond what the box held before it (0 where unknown).
    fn memory_added(&mut self) -> u64 {
        match (self.memory_bytes, self.memory.sample()) {
            (Some(before), Some(now)) => now.saturating_sub(before),
            _ => 0,
        }
    }

    /// CPU time the run's processes used so far: the cgroup's growth less the runner's own.
    /// Without a cgroup, the reaped processes' time and, `with_live`, the live ones' from
    /// `/proc` (which misses children the kernel reaped for a parent ignoring SIGCHLD).
    fn cpu_us(&self, with_live: bool) -> u64 {
        if let (Some((cgroup, own)), Some(cgroup_now)) = (self.cpu_us, usage::cgroup_cpu_us()) {
            let own_now = usage::own_cpu_us();
            return cgroup_now.saturating_sub(cgroup).saturating_sub(own_now.saturating_sub(own));
        }
        let live = if with_live { usage::live_cpu_us() } else { 0 };
        usage::reaped_cpu_us().saturating_sub(self.reaped_us) + live
    }
}

/// Watches `child` under `spec`'s limits until the run is over and the processes `sweep` names
/// are gone. A service's program killed for a limit takes every process with it, its server's
/// too.
pub fn watch(child: Child, spec: &RunSpec, sweep: Sweep, before: Before) -> Result<Watched, String> {
    let mut watcher = Watcher::new(child, spec, before);
    while watcher.tick(Duration::MAX).is_none() {}
    watcher.finish(sweep)
}

/// A program under watch, looked at a tick at a time: a test's until it ends, or a server's
/// between the requests the runner sends it.
pub struct Watcher {
    pid: libc::pid_t,
    started: Instant,
    io: Watch,
    before: Before,
    deadline: Instant,
    memory_bytes: u64,
    cpu_budget_us: u64,
    /// The tree's CPU time cannot grow faster than wall time under the box's one-CPU quota, so
    /// the next look at it is due when the rest of the budget could be spent.
    next_cpu_check: Instant,
    peak_tree: u64,
    reaped: Reaped,
    /// Why the run is over, once it is.
    over: Option<Kill>,
}

impl Watcher {
    pub fn new(child: Child, spec: &RunSpec, before: Before) -> Watcher {
        Watcher {
            pid: child.pid,
            started: child.started,
            io: Watch::new(&child, spec),
            before,
            deadline: child.started + Duration::from_millis(spec.wall_ms),
            memory_bytes: spec.memory_bytes,
            cpu_budget_us: spec.cpu_ms * 1000,
            next_cpu_check: child.started + Duration::from_millis(spec.cpu_ms),
            peak_tree: 0,
            reaped: Reaped::default(),
            over: None,
        }
    }

    /// Looks at the program once, waiting up to `timeout` for its output or its end (less when
    /// a limit is due to be checked). Returns why the run is over, once it is: `Kill::None` for
    /// a main process that ended by itself.
    pub fn tick(&mut self, timeout: Duration) -> Option<Kill> {
        self.tick_or_wake(timeout, None).0
    }

    /// As [`Watcher::tick`], and stops waiting when `wake` (a descriptor: the runner's stdin)
    /// becomes readable: the second value says it did.
    pub fn tick_or_wake(&mut self, timeout: Duration, wake: Option<RawFd>) -> (Option<Kill>, bool) {
        if self.over.is_some() {
            return (self.over, false);
        }
        while self.reaped.reap_one(self.pid) == Some(true) {}
        self.peak_tree = self.peak_tree.max(self.before.memory_added());
        let now = Instant::now();
        let out_of_cpu = now >= self.next_cpu_check && {
            let used_us = self.before.cpu_us(true);
            self.next_cpu_check = now + Duration::from_micros(self.cpu_budget_us.saturating_sub(used_us).max(5000));
            used_us >= self.cpu_budget_us
        };
        self.over = if self.reaped.main_status.is_some() || self.io.main_ended {
            Some(Kill::None)
        } else if self.io.output_limit {
            Some(Kill::Output)
        } else if self.peak_tree > self.memory_bytes {
            Some(Kill::Memory)
        } else if now >= self.deadline {
            Some(Kill::Wall)
        } else if out_of_cpu {
            Some(Kill::Cpu)
        } else {
            None
        };
        let mut woken = false;
        if self.over.is_none() {
            let due = self.deadline.min(self.next_cpu_check).min(now + SAMPLE_EVERY);
            woken = self.io.poll(due.saturating_duration_since(now).min(timeout), wake);
        }
        (self.over, woken)
    }

    /// Ends the run: kills the processes `sweep` names (all of them after a limit, a service's
    /// too), reaps them, and gives what the watch saw.
    pub fn finish(mut self, sweep: Sweep) -> Result<Watched, String> {
        let kill = self.over.unwrap_or(Kill::Stopped);
        let wall = self.started.elapsed();
        // Files the tree left in the scratch directories still count, until they are removed.
        self.peak_tree = self.peak_tree.max(self.before.memory_added());
        let sweep = if sweep == Sweep::Nothing && kill != Kill::None { Sweep::All } else { sweep };
        let rest = kill_all_and_reap(self.pid, sweep, Instant::now() + REAP_WITHIN);
        let main_status = self.reaped.main_status.or(rest.main_status);
        let (Some(status), false) = (main_status, rest.stuck) else {
            return Err(format!("processes of the run could not be reaped within {} s", REAP_WITHIN.as_secs()));
        };
        // Stopped on request, unless it had ended by itself meanwhile (a server dying as the
        // judge asked it to stop).
        let killed = libc::WIFSIGNALED(status) && libc::WTERMSIG(status) == libc::SIGKILL;
        let kill = if kill == Kill::Stopped && !killed { Kill::None } else { kill };
        self.peak_tree = self.peak_tree.max(self.before.memory_added());
        self.io.drain();
        Ok(Watched {
            status,
            kill,
            cpu_ms: self.before.cpu_us(false) / 1000,
            wall,
            peak_memory_bytes: self.peak_tree.max(self.reaped.max_rss_bytes).max(rest.max_rss_bytes),
            output_limit: self.io.output_limit,
            stdout: self.io.stdout,
            stderr: self.io.stderr,
        })
    }
}

/// A running program's pipes and pidfd.
struct Watch {
    pidfd: Option<OwnedFd>,
    pipes: [Option<File>; 2],
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    output_limit: bool,
    /// The main process has ended, reaped or not (its pidfd polled readable).
    main_ended: bool,
    stdout_cap: u64,
    stderr_cap: u64,
    /// Output past its cap is dropped rather than a reason to stop the program (a server's log).
    log: bool,
}

impl Watch {
    fn new(child: &Child, spec: &RunSpec) -> Self {
        // SAFETY: pidfd_open returns a new descriptor or -1.
        let pidfd = unsafe { libc::syscall(libc::SYS_pidfd_open, child.pid, 0) } as RawFd;
        let pipe = |fd: &OwnedFd| {
            let fd = fd.try_clone().expect("dup of a pipe");
            // SAFETY: fcntl on a descriptor we own. Reads must never block: a process that
            // escaped reaping could hold the write end open.
            unsafe { libc::fcntl(fd.as_raw_fd(), libc::F_SETFL, libc::O_NONBLOCK) };
            Some(File::from(fd))
        };
        Watch {
            // SAFETY: a non-negative pidfd is a fresh descriptor we own.
            pidfd: (pidfd >= 0).then(|| unsafe { OwnedFd::from_raw_fd(pidfd) }),
            pipes: [pipe(&child.stdout), pipe(&child.stderr)],
            stdout: Vec::new(),
            stderr: Vec::new(),
            output_limit: false,
            main_ended: false,
            stdout_cap: spec.stdout_cap,
            stderr_cap: spec.stderr_cap,
            log: spec.log,
        }
    }

    /// Waits up to `timeout` for output, the main process's end or `wake` to be readable, and
    /// takes in what output there is. Returns whether `wake` is readable.
    fn poll(&mut self, timeout: Duration, wake: Option<RawFd>) -> bool {
        /// What a descriptor in the poll is.
        enum Polled {
            Pipe(usize),
            Exit,
            Wake,
        }
        let mut fds: Vec<libc::pollfd> = Vec::with_capacity(4);
        let mut which = Vec::with_capacity(4);
        let mut watch = |fd: RawFd, what: Polled| {
            fds.push(libc::pollfd { fd, events: libc::POLLIN, revents: 0 });
            which.push(what);
        };
        for (i, pipe) in self.pipes.iter().enumerate() {
            if let Some(p) = pipe {
                watch(p.as_raw_fd(), Polled::Pipe(i));
            }
        }
        if let Some(pidfd) = &self.pidfd {
            watch(pidfd.as_raw_fd(), Polled::Exit);
        }
        if let Some(fd) = wake {
            watch(fd, Polled::Wake);
        }
        // Without a pidfd (old kernels) exits are noticed by polling.
        let cap = if self.pidfd.is_none() { Duration::from_millis(2) } else { timeout };
        let ms = timeout.min(cap).as_millis().min(i32::MAX as u128) as i32;
        // SAFETY: fds is a valid array of pollfd of the given length.
        if unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, ms) } <= 0 {
            return false;
        }
        let mut woken = false;
        for (fd, what) in fds.iter().zip(which) {
            match what {
                _ if fd.revents == 0 => {}
                // Up to 1 MiB a wake-up: a program that floods its output is read as fast as
                // it writes, and the runner still looks at its limits in between.
                Polled::Pipe(i) => for _ in 0..16 {
                    if !self.read_pipe(i) {
                        break;
                    }
                },
                Polled::Exit => self.main_ended = true,
                Polled::Wake => woken = true,
            }
        }
        woken
    }

    /// Takes one chunk from pipe `i`, closing it at end of file. Returns whether it got bytes.
    fn read_pipe(&mut self, i: usize) -> bool {
        let mut buf = [0u8; 1 << 16];
        let Some(pipe) = &mut self.pipes[i] else { return false };
        let n = match pipe.read(&mut buf) {
            Ok(0) => {
                self.pipes[i] = None;
                return false;
            }
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => return false,
            Err(_) => {
                self.pipes[i] = None;
                return false;
            }
            Ok(n) => n,
        };
        let (sink, cap) = if i == 0 {
            (&mut self.stdout, self.stdout_cap)
        } else {
            (&mut self.stderr, self.stderr_cap)
        };
        let room = cap.saturating_sub(sink.len() as u64) as usize;
        sink.extend_from_slice(&buf[..n.min(room)]);
        if i == 0 && n > room && !self.log {
            self.output_limit = true;
        }
        true
    }

    /// Reads what is left in both pipes; every writer is dead by now.
    fn drain(&mut self) {
        for i in 0..2 {
            while self.read_pipe(i) {}
        }
    }
}
