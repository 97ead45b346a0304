//! What a run's process tree uses, counted whole: every process and thread the program
//! started, waited for or not (or reaped by the kernel itself, when it ignores SIGCHLD), and
//! what it keeps in the box's memory outside them.
//!
//! Both come from the box's cgroup (v1 or v2), less the runner's own share:
//! - CPU: the cgroup's CPU time grows by every thread in it; less the runner's own
//!   (`RUSAGE_SELF`), its growth over a run is the tree's. Where no cgroup can be read (a
//!   runner started by hand), the runner's reaped children's time plus the live processes'
//!   from `/proc` stand in.
//! - Memory: the cgroup's usage less its file cache (which the kernel may reclaim) and the
//!   runner's own anonymous memory: the tree's memory, its tmpfs files, and the kernel memory it
//!   holds (socket and pipe buffers, message queues). Sampled while it runs; each reaped
//!   process's own peak RSS (`wait4`) catches peaks between samples for single processes.

use std::fs::File;
use std::os::unix::fs::FileExt;

/// CPU time of all reaped children of the runner so far, in microseconds.
pub fn reaped_cpu_us() -> u64 {
    rusage_cpu_us(libc::RUSAGE_CHILDREN)
}

/// The runner's own CPU time so far, in microseconds.
pub fn own_cpu_us() -> u64 {
    rusage_cpu_us(libc::RUSAGE_SELF)
}

fn rusage_cpu_us(who: libc::c_int) -> u64 {
    // SAFETY: rusage is plain data that getrusage fills.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(who, &mut usage) };
    let us = |t: libc::timeval| t.tv_sec as u64 * 1_000_000 + t.tv_usec as u64;
    us(usage.ru_utime) + us(usage.ru_stime)
}

/// CPU time of everything in the box's cgroup so far, in microseconds, from v1's
/// `cpuacct.usage` (nanoseconds) or v2's `cpu.stat` (`usage_usec`).
pub fn cgroup_cpu_us() -> Option<u64> {
    if let Ok(ns) = std::fs::read_to_string("/sys/fs/cgroup/cpuacct/cpuacct.usage") {
        return ns.trim().parse::<u64>().ok().map(|ns| ns / 1000);
    }
    let stat = std::fs::read_to_string("/sys/fs/cgroup/cpu.stat").ok()?;
    stat_field(&stat, "usage_usec")
}

/// A `name value` line's value in a cgroup stat file.
fn stat_field(stat: &str, name: &str) -> Option<u64> {
    stat.lines().find_map(|l| l.strip_prefix(name)?.strip_prefix(' ')?.trim().parse().ok())
}

/// CPU time in clock ticks of a process and its reaped children, from its `/proc/<pid>/stat`.
pub fn stat_ticks(stat: &str) -> u64 {
    // Fields after the command name (which may hold spaces and parentheses) start at field 3;
    // utime, stime, cutime, cstime are fields 14 to 17.
    let Some(rest) = stat.rfind(')').map(|i| &stat[i + 1..]) else { return 0 };
    rest.split_whitespace().skip(11).take(4).map(|f| f.parse::<u64>().unwrap_or(0)).sum()
}

/// CPU time, in microseconds, of every live process in the box but the runner.
pub fn live_cpu_us() -> u64 {
    let me = std::process::id().to_string();
    // SAFETY: sysconf has no memory effects.
    let ticks_per_s = unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as u64;
    let ticks: u64 = std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_name().to_str().is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()) && n != me))
        .filter_map(|e| std::fs::read_to_string(e.path().join("stat")).ok())
        .map(|stat| stat_ticks(&stat))
        .sum();
    ticks * 1_000_000 / ticks_per_s
}

/// Bytes a cgroup holds that its processes cannot give back: its usage less the file cache in
/// its `memory.stat` (both v1 and v2 name it `active_file` and `inactive_file`; tmpfs pages are
/// not among them).
pub fn cgroup_bytes(usage: u64, memory_stat: &str) -> u64 {
    let cache: u64 = ["active_file", "inactive_file"].iter().filter_map(|f| stat_field(memory_stat, f)).sum();
    usage.saturating_sub(cache)
}

/// Anonymous bytes of a process from its `/proc/<pid>/statm` (resident less shared pages).
pub fn statm_anon_bytes(statm: &str, page_size: u64) -> u64 {
    let pages: Vec<u64> = statm.split_whitespace().map(|f| f.parse().unwrap_or(0)).collect();
    match pages[..] {
        [_, resident, shared, ..] => resident.saturating_sub(shared) * page_size,
        _ => 0,
    }
}

/// Samples the memory of everything in the box but the runner.
pub struct MemoryProbe {
    /// The cgroup's `memory.usage_in_bytes` (v1) or `memory.current` (v2), and `memory.stat`.
    files: Option<(File, File)>,
    page_size: u64,
    buf: Vec<u8>,
}

impl MemoryProbe {
    pub fn open() -> MemoryProbe {
        let open = |usage: &str, stat: &str| Some((File::open(usage).ok()?, File::open(stat).ok()?));
        let files = open("/sys/fs/cgroup/memory.current", "/sys/fs/cgroup/memory.stat")
            .or_else(|| open("/sys/fs/cgroup/memory/memory.usage_in_bytes", "/sys/fs/cgroup/memory/memory.stat"));
        // SAFETY: sysconf has no memory effects.
        let page_size = unsafe { libc::sysconf(libc::_SC_PAGESIZE) }.max(1) as u64;
        MemoryProbe { files, page_size, buf: vec![0; 8192] }
    }

    /// Bytes held in the box, less its file cache and the runner's own memory; `None` where
    /// the cgroup cannot be read (then only per-process peaks count).
    pub fn sample(&mut self) -> Option<u64> {
        let (usage, stat) = self.files.as_ref()?;
        let n = usage.read_at(&mut self.buf, 0).ok()?;
        let usage: u64 = std::str::from_utf8(&self.buf[..n]).ok()?.trim().parse().ok()?;
        let n = stat.read_at(&mut self.buf, 0).ok()?;
        let held = cgroup_bytes(usage, std::str::from_utf8(&self.buf[..n]).ok()?);
        let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
        Some(held.saturating_sub(statm_anon_bytes(&statm, self.page_size)))
    }
}

/// The count of out-of-memory kills in this box's memory cgroup (v1 or v2), if readable.
pub fn oom_kills() -> Option<u64> {
    ["/sys/fs/cgroup/memory/memory.oom_control", "/sys/fs/cgroup/memory.events"]
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .find_map(|text| {
            text.lines().find_map(|l| l.strip_prefix("oom_kill ")).and_then(|n| n.trim().parse().ok())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stat_ticks_sums_own_and_reaped_children_time_past_odd_names() {
        // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt
        // utime stime cutime cstime ...
        let stat = "42 (a) b) (c) R 1 42 42 0 -1 0 0 0 0 0 150 25 300 5 20 0 1 0";
        assert_eq!(stat_ticks(stat), 150 + 25 + 300 + 5);
        assert_eq!(stat_ticks("garbage"), 0);
    }

    #[test]
    fn cgroup_bytes_are_usage_less_file_cache_on_v1_and_v2() {
        let v1 = "cache 3842048\nrss 212992\nshmem 4096\ninactive_file 2498560\nactive_file 24576\ntotal_active_file 9\n";
        assert_eq!(cgroup_bytes(3_174_400, v1), 3_174_400 - 2_498_560 - 24_576);
        let v2 = "anon 1000\nfile 5000\nkernel 70\nshmem 20\nactive_file 4000\ninactive_file 980\n";
        assert_eq!(cgroup_bytes(6_100, v2), 6_100 - 4_980);
        assert_eq!(cgroup_bytes(10, v2), 0);
    }

    #[test]
    fn stat_fields_are_found_by_their_whole_name() {
        let stat = "usage_usec 1500\nuser_usec 1000\nsystem_usec 500\n";
        assert_eq!(stat_field(stat, "usage_usec"), Some(1500));
        assert_eq!(stat_field(stat, "usage"), None);
        assert_eq!(stat_field(stat, "nr_periods"), None);
    }

    #[test]
    fn statm_gives_resident_less_shared() {
        assert_eq!(statm_anon_bytes("500 300 100 10 0 200 0\n", 4096), 200 * 4096);
        assert_eq!(statm_anon_bytes("500 100 300 10 0 200 0\n", 4096), 0);
        assert_eq!(statm_anon_bytes("", 4096), 0);
    }
}
