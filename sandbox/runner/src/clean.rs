//! Putting the box back as it was after the build, after every run: each test starts from the
//! state right after compiling, whatever the one before it did.
//!
//! A run can write only to the scratch directories (its working directory `/tmp`, `/dev/shm`,
//! `/dev/mqueue`) and SysV IPC objects. After the run's processes are all dead, a cleaner
//! process empties them *as the run's own uid* ([`identity::become_user`]): it may remove
//! whatever that uid could make (it owns every such file, so it can give itself back the
//! permissions the program took away), and nothing the uid could not touch, so no symlink or
//! name can turn it against the runner's files. Removal walks with directory descriptors and
//! names, never whole paths, so trees deeper than `PATH_MAX` go too; the tmpfs mounts' inode
//! caps bound how long it can take.

use crate::identity;
use mockjudge_runner::{BUILD_UID, SCRATCH_DIRS, WORK_DIR};
use std::ffi::{CStr, CString};
use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::{Duration, Instant};

/// How long a cleaner may take.
const CLEAN_WITHIN: Duration = Duration::from_secs(10);

/// Empties the scratch directories and removes the IPC objects `uid` created.
pub fn scratch(uid: u32) -> Result<(), String> {
    as_user(uid, || {
        let mut left = 0;
        for dir in SCRATCH_DIRS {
            left += empty_dir(dir);
        }
        left += remove_ipc(uid);
        left
    })
    .map_err(|e| format!("cleaning up after the run: {e}"))
}

/// Ends the build: everything in the work directory becomes readable by tests and writable by
/// the builder alone, whatever modes the build left.
pub fn seal() -> Result<(), String> {
    as_user(BUILD_UID, || share_read_only(Path::new(WORK_DIR))).map_err(|e| format!("sealing: {e}"))
}

/// Runs `job` in a child process that has become `uid`; `job` returns how many things it
/// could not do. Bounded by [`CLEAN_WITHIN`].
fn as_user(uid: u32, job: impl FnOnce() -> usize) -> Result<(), String> {
    // SAFETY: the runner is single-threaded, so the child may allocate and run `job`.
    let pid = unsafe { libc::fork() };
    if pid < 0 {
        return Err(format!("fork: {}", io::Error::last_os_error()));
    }
    if pid == 0 {
        let code = match identity::become_user(uid) {
            Ok(()) => job().min(100) as i32,
            Err(_) => 101,
        };
        // SAFETY: ends the child without running the runner's destructors.
        unsafe { libc::_exit(code) };
    }
    let deadline = Instant::now() + CLEAN_WITHIN;
    let mut status = 0;
    loop {
        // SAFETY: waits for our own child.
        match unsafe { libc::waitpid(pid, &mut status, libc::WNOHANG) } {
            0 if Instant::now() < deadline => std::thread::sleep(Duration::from_micros(200)),
            0 => {
                unsafe {
                    libc::kill(pid, libc::SIGKILL);
                    libc::waitpid(pid, &mut status, 0);
                }
                return Err(format!("it took over {} s", CLEAN_WITHIN.as_secs()));
            }
            _ => break,
        }
    }
    match (libc::WIFEXITED(status), libc::WEXITSTATUS(status)) {
        (true, 0) => Ok(()),
        (true, 101) => Err(format!("could not become uid {uid}")),
        (true, n) => Err(format!("{n} entries could not be removed")),
        _ => Err("the cleaner died".into()),
    }
}

fn open_dir(at: libc::c_int, name: &CStr) -> Option<OwnedFd> {
    let flags = libc::O_RDONLY | libc::O_DIRECTORY | libc::O_NOFOLLOW | libc::O_CLOEXEC;
    // SAFETY: openat on a valid name; a non-negative result is a descriptor we own.
    let fd = unsafe { libc::openat(at, name.as_ptr(), flags) };
    (fd >= 0).then(|| unsafe { OwnedFd::from_raw_fd(fd) })
}

/// The names in a directory, without `.` and `..`.
fn list(dir: &OwnedFd) -> Vec<CString> {
    let Ok(copy) = dir.try_clone() else { return Vec::new() };
    // SAFETY: fdopendir takes over the duplicate; closedir releases it.
    let stream = unsafe { libc::fdopendir(copy.as_raw_fd()) };
    if stream.is_null() {
        return Vec::new();
    }
    std::mem::forget(copy);
    let mut names = Vec::new();
    loop {
        let entry = unsafe { libc::readdir(stream) };
        if entry.is_null() {
            break;
        }
        let name = unsafe { CStr::from_ptr((*entry).d_name.as_ptr()) };
        if name.to_bytes() != b"." && name.to_bytes() != b".." {
            names.push(name.to_owned());
        }
    }
    unsafe { libc::closedir(stream) };
    names
}

/// Removes everything inside `root` (not `root` itself), whatever its modes, depth or names.
/// Returns how many entries could not be removed. Nothing else runs meanwhile, so walking back
/// up through `..` finds the directory it came from.
pub fn empty_dir(root: &str) -> usize {
    let Ok(root_c) = CString::new(root) else { return 1 };
    let Some(mut dir) = open_dir(libc::AT_FDCWD, &root_c) else {
        // A scratch directory that is not there (no mqueue mount) holds nothing.
        return usize::from(Path::new(root).exists());
    };
    let mut left = 0;
    // From the root down to the current directory: each one's name and its entries still to do.
    let mut stack: Vec<(CString, Vec<CString>)> = vec![(root_c, list(&dir))];
    loop {
        let (_, pending) = stack.last_mut().expect("the root stays on the stack");
        let Some(name) = pending.pop() else {
            if stack.len() == 1 {
                return left;
            }
            let (name, _) = stack.pop().expect("checked");
            match open_dir(dir.as_raw_fd(), c"..") {
                Some(parent) => dir = parent,
                None => return left + 1,
            }
            // SAFETY: unlinkat on a descriptor and name we hold.
            if unsafe { libc::unlinkat(dir.as_raw_fd(), name.as_ptr(), libc::AT_REMOVEDIR) } != 0 {
                left += 1;
            }
            continue;
        };
        let fd = dir.as_raw_fd();
        // SAFETY: system calls on a directory descriptor and a name we hold.
        unsafe {
            if libc::unlinkat(fd, name.as_ptr(), 0) == 0 {
                continue;
            }
            // A directory (or a file we may not unlink): give ourselves its permissions back,
            // then remove it, or descend when it is not empty.
            libc::fchmodat(fd, name.as_ptr(), 0o700, 0);
            if libc::unlinkat(fd, name.as_ptr(), libc::AT_REMOVEDIR) == 0 {
                continue;
            }
        }
        match open_dir(fd, &name) {
            Some(child) => {
                let entries = list(&child);
                dir = child;
                stack.push((name, entries));
            }
            None => left += 1,
        }
    }
}

/// Ids of the SysV IPC objects in a `/proc/sysvipc/{shm,sem,msg}` table created by `uid`.
pub fn ipc_ids_created_by(table: &str, uid: u32) -> Vec<i32> {
    let mut lines = table.lines();
    let Some(header) = lines.next() else { return Vec::new() };
    let columns: Vec<&str> = header.split_whitespace().collect();
    let Some(cuid) = columns.iter().position(|c| *c == "cuid") else { return Vec::new() };
    lines
        .filter_map(|line| {
            let fields: Vec<&str> = line.split_whitespace().collect();
            let id = fields.get(1)?.parse().ok()?;
            (fields.get(cuid)?.parse::<u32>().ok()? == uid).then_some(id)
        })
        .collect()
}

/// Removes the shared memory segments, semaphore sets and message queues `uid` created.
fn remove_ipc(uid: u32) -> usize {
    let mut left = 0;
    for (table, remove) in [
        ("shm", (|id| unsafe { libc::shmctl(id, libc::IPC_RMID, std::ptr::null_mut()) }) as fn(i32) -> i32),
        ("sem", |id| unsafe { libc::semctl(id, 0, libc::IPC_RMID) }),
        ("msg", |id| unsafe { libc::msgctl(id, libc::IPC_RMID, std::ptr::null_mut()) }),
    ] {
        let text = std::fs::read_to_string(format!("/proc/sysvipc/{table}")).unwrap_or_default();
        left += ipc_ids_created_by(&text, uid).into_iter().filter(|&id| remove(id) != 0).count();
    }
    left
}

/// Gives every directory under `root` (and `root`) mode 0755 and every file 0644, or 0755 if
/// its owner could execute it. Returns how many entries could not be changed.
fn share_read_only(root: &Path) -> usize {
    let mut left = 0;
    let mut stack = vec![root.to_path_buf()];
    while let Some(path) = stack.pop() {
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            left += 1;
            continue;
        };
        let mode = if meta.is_dir() {
            // Its entries are listed after it can be read.
            0o755
        } else if meta.file_type().is_file() {
            if meta.permissions().mode() & 0o100 != 0 { 0o755 } else { 0o644 }
        } else {
            continue;
        };
        if std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).is_err() {
            left += 1;
        }
        if meta.is_dir() {
            let entries = std::fs::read_dir(&path).into_iter().flatten().flatten();
            stack.extend(entries.map(|e| path.join(e.file_name())));
        }
    }
    left
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipc_tables_give_the_ids_a_uid_created() {
        let shm = "       key      shmid perms                  size  cpid  lpid nattch   uid   gid  cuid  cgid      atime\n\
                   0          7 600 4096 10 10 0 10002 10002 10002 10002 0\n\
                   0          8 600 4096 10 10 0 10002 10002 10001 10001 0\n\
                   0          9 600 4096 10 10 0 0 0 10002 10002 0\n";
        assert_eq!(ipc_ids_created_by(shm, 10002), vec![7, 9]);
        let msg = "       key      msqid perms      cbytes       qnum lspid lrpid   uid   gid  cuid  cgid\n\
                   5 3 600 0 0 0 0 10002 10002 10002 10002\n";
        assert_eq!(ipc_ids_created_by(msg, 10002), vec![3]);
        assert_eq!(ipc_ids_created_by("", 10002), Vec::<i32>::new());
    }

    #[test]
    fn empty_dir_removes_locked_deep_and_oddly_named_entries() {
        let root = std::env::temp_dir().join(format!("mockjudge-clean-{}", std::process::id()));
        std::fs::create_dir_all(&root).unwrap();
        // Deeper than PATH_MAX (4096): 1,000 levels of 10-character names, made by descriptor.
        let mut dir = open_dir(libc::AT_FDCWD, &CString::new(root.to_str().unwrap()).unwrap()).unwrap();
        for _ in 0..1000 {
            let name = c"deep-level";
            unsafe { libc::mkdirat(dir.as_raw_fd(), name.as_ptr(), 0o700) };
            dir = open_dir(dir.as_raw_fd(), name).unwrap();
        }
        unsafe { libc::close(libc::openat(dir.as_raw_fd(), c"bottom".as_ptr(), libc::O_CREAT | libc::O_WRONLY, 0o600)) };
        let locked = root.join("locked");
        std::fs::create_dir_all(locked.join("inner")).unwrap();
        std::fs::write(locked.join("inner/file"), b"x").unwrap();
        std::fs::write(root.join("-n \n\u{1b}[2J"), b"x").unwrap();
        std::os::unix::fs::symlink("/etc/passwd", root.join("link")).unwrap();
        std::fs::set_permissions(locked.join("inner"), std::fs::Permissions::from_mode(0o000)).unwrap();
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o500)).unwrap();

        assert_eq!(empty_dir(root.to_str().unwrap()), 0);
        assert_eq!(std::fs::read_dir(&root).unwrap().count(), 0);
        assert!(Path::new("/etc/passwd").exists());
        std::fs::remove_dir(&root).unwrap();
    }
}
