//! What a run's process tree uses, counted whole: every process and thread the program
//! started, waited for or not, and the files it keeps in the box's tmpfs mounts.
//!
//! - CPU, exactly, after the run: the runner is PID 1, so every process of the tree ends up
//!   reaped either by an ancestor (its time joins that ancestor's children's time) or by the
//!   runner; the growth of the runner's `RUSAGE_CHILDREN` over the run is the whole tree's.
//! - CPU, while it runs (for the limit): that growth so far plus, for each live process in
//!   `/proc`, its own time and its reaped children's.
//! - Memory: the box's cgroup (v1 or v2) counts anonymous memory and tmpfs pages (`shmem`) of
//!   every process in it; less the runner's own anonymous memory, its growth over the run is
//!   the tree's memory plus its files, sampled while it runs. Each reaped process's own peak
//!   RSS (`wait4`) catches peaks between samples for single processes.

use std::fs::File;
use std::os::unix::fs::FileExt;

/// CPU time of all reaped children of the runner so far, in microseconds.
pub fn reaped_cpu_us() -> u64 {
    // SAFETY: rusage is plain data that getrusage fills.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    rusage_cpu_us(&usage)
}

fn rusage_cpu_us(usage: &libc::rusage) -> u64 {
    let us = |t: libc::timeval| t.tv_sec as u64 * 1_000_000 + t.tv_usec as u64;
    us(usage.ru_utime) + us(usage.ru_stime)
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

/// Anonymous and tmpfs bytes in a cgroup's `memory.stat` (v1: `rss`, `shmem`; v2: `anon`,
/// `shmem`).
pub fn cgroup_bytes(memory_stat: &str) -> u64 {
    memory_stat
        .lines()
        .filter_map(|l| l.split_once(' '))
        .filter(|(k, _)| matches!(*k, "rss" | "anon" | "shmem"))
        .filter_map(|(_, v)| v.trim().parse::<u64>().ok())
        .sum()
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
    stat: Option<File>,
    page_size: u64,
    buf: Vec<u8>,
}

impl MemoryProbe {
    pub fn open() -> MemoryProbe {
        let stat = ["/sys/fs/cgroup/memory.stat", "/sys/fs/cgroup/memory/memory.stat"]
            .iter()
            .find_map(|p| File::open(p).ok());
        // SAFETY: sysconf has no memory effects.
        let page_size = unsafe { libc::sysconf(libc::_SC_PAGESIZE) }.max(1) as u64;
        MemoryProbe { stat, page_size, buf: vec![0; 8192] }
    }

    /// Bytes in use by the box's processes and tmpfs mounts, less the runner's own; `None`
    /// where the cgroup cannot be read (then only per-process peaks count).
    pub fn sample(&mut self) -> Option<u64> {
        let n = self.stat.as_ref()?.read_at(&mut self.buf, 0).ok()?;
        let total = cgroup_bytes(std::str::from_utf8(&self.buf[..n]).ok()?);
        let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
        Some(total.saturating_sub(statm_anon_bytes(&statm, self.page_size)))
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
    fn cgroup_bytes_counts_anonymous_and_tmpfs_memory_on_v1_and_v2() {
        let v1 = "cache 3842048\nrss 212992\nrss_huge 0\nshmem 4096\nmapped_file 1650688\ntotal_rss 9\n";
        assert_eq!(cgroup_bytes(v1), 212992 + 4096);
        let v2 = "anon 1000\nfile 5000\nkernel 70\nshmem 20\nfile_mapped 3\n";
        assert_eq!(cgroup_bytes(v2), 1020);
    }

    #[test]
    fn statm_gives_resident_less_shared() {
        assert_eq!(statm_anon_bytes("500 300 100 10 0 200 0\n", 4096), 200 * 4096);
        assert_eq!(statm_anon_bytes("500 100 300 10 0 200 0\n", 4096), 0);
        assert_eq!(statm_anon_bytes("", 4096), 0);
    }
}
