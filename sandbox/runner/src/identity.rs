//! Becoming one of the box's unprivileged users, for good.
//!
//! The runner is root in the box with only CAP_SETUID, CAP_SETGID, CAP_SETPCAP and CAP_KILL. A
//! child that is about to run someone else's code (a compiler, a test, the cleaner) first drops
//! every capability from its bounding set, then its supplementary groups, then sets all three
//! gids and all three uids. Changing every uid from 0 to non-zero clears the permitted,
//! effective and ambient capability sets, and with the bounding set empty and
//! `no-new-privileges` on the container no later `exec` (set-uid files, file capabilities) can
//! bring any back. The child then shares no uid with the runner, so it cannot signal, trace or
//! read it, and `/proc/1` is closed to it.

use std::io;

/// Drops every privilege and becomes `uid` (and the group of the same number). Only for a
/// freshly forked child of the runner: on failure the caller must not go on.
pub fn become_user(uid: u32) -> io::Result<()> {
    // SAFETY: plain system calls on integers; a failure is reported, never ignored.
    unsafe {
        for cap in 0..=63 {
            // EINVAL past the kernel's last capability is expected.
            libc::prctl(libc::PR_CAPBSET_DROP, cap, 0, 0, 0);
        }
        if libc::setgroups(0, std::ptr::null()) != 0
            || libc::setresgid(uid, uid, uid) != 0
            || libc::setresuid(uid, uid, uid) != 0
        {
            return Err(io::Error::last_os_error());
        }
        // Belt and braces: the container sets it too.
        libc::prctl(libc::PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
        if libc::getuid() != uid || libc::geteuid() != uid || libc::getegid() != uid {
            return Err(io::Error::new(io::ErrorKind::PermissionDenied, "uid did not change"));
        }
    }
    Ok(())
}

/// Runs `job` with the file-system identity of `uid`: files it creates belong to `uid`, and it
/// may touch only what `uid` may. The runner uses it to write into the builder's directory.
pub fn with_fs_identity<T>(uid: u32, job: impl FnOnce() -> T) -> T {
    // SAFETY: setfsuid/setfsgid change only this (the runner's single) thread's file identity.
    unsafe {
        libc::setfsgid(uid);
        libc::setfsuid(uid);
    }
    let result = job();
    unsafe {
        libc::setfsuid(0);
        libc::setfsgid(0);
    }
    result
}
