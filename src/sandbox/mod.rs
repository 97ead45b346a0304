//! The sandbox: one Docker container ("box") per submission, created through bollard.
//!
//! Every box gets every rule at creation, whatever runs in it: no network, `no-new-privileges`,
//! our seccomp profile (Docker's default less io_uring, ptrace and other calls a judge has no
//! use for: `sandbox/seccomp.md`), a pids limit, memory with swap equal to it, one CPU, a
//! read-only root with writable space only in size- and inode-capped tmpfs mounts, no bind
//! mounts, an empty environment and no log driver (output reaches us only through the runner).
//! The runner inside is PID 1 and speaks the protocol of `mockjudge_runner`; [`session`] is our
//! end of it. It is root in the box with the four capabilities it needs to run every program
//! as an unprivileged uid of its own and to kill what they leave (see the runner's docs); the
//! programs get none.
//!
//! A box is removed whatever happens: [`SandboxBox::close`] on the normal path, `Drop` when a
//! task is cancelled or fails (even mid-creation: creating runs on a task of its own, which
//! finishes and drops the box), Docker's auto-remove when the runner exits because we went
//! away, and [`Sandbox::sweep`] for strays at start-up (boxes carry the [`LABEL`] and their
//! creating process). A process that is about to exit waits for removals in flight ([`settle`]).

pub mod images;
mod session;

use bollard::models::{ContainerCreateBody, ContainerUpdateBody, HostConfig, HostConfigLogConfig};
use bollard::query_parameters::{
    AttachContainerOptions, CreateContainerOptions, ListContainersOptions, RemoveContainerOptions,
};
use bollard::Docker;
use mockjudge_runner::{Reply, Report, RunSpec};
use session::Session;
use std::collections::HashMap;
use std::sync::LazyLock;
use std::time::Duration;
use tokio_util::task::TaskTracker;

/// The label on every container mockjudge creates (its value is the box's role).
pub const LABEL: &str = "mockjudge.sandbox";
/// The label naming the process that created a box, for telling strays from live boxes.
const OWNER_LABEL: &str = "mockjudge.owner";
/// The runner's identity in the box: root in the container's namespaces, with only
/// [`RUNNER_CAPS`]. Programs run as the runner's unprivileged uids (10001 builds, 10002 tests).
const RUNNER_USER: &str = "0:0";
/// Switching to the programs' uids (SETUID, SETGID), emptying their bounding set (SETPCAP) and
/// killing whatever they leave (KILL). No capability touching files, mounts or the network.
const RUNNER_CAPS: [&str; 4] = ["SETUID", "SETGID", "SETPCAP", "KILL"];
/// The build's directory, owned by the builder; tests can read it.
const WORK_TMPFS: &str = "rw,exec,nosuid,nodev,size=256m,nr_inodes=16k,uid=10001,gid=10001,mode=0755";
/// Scratch space for every run, emptied after each; the inode caps bound what a cleanup walks.
const SCRATCH_TMPFS: &str = "rw,exec,nosuid,nodev,size=64m,nr_inodes=16k,mode=1777";
const SHM_TMPFS: &str = "rw,noexec,nosuid,nodev,size=64m,nr_inodes=4k,mode=1777";
/// A service's data (a database server's), its own and never emptied between runs; its size
/// is the box spec's.
const SERVICE_TMPFS: &str = "rw,noexec,nosuid,nodev,nr_inodes=16k,uid=10003,gid=10003,mode=0755";
/// Docker's default seccomp profile less what a judge has no use for (`sandbox/seccomp.md`).
const SECCOMP_PROFILE: &str = include_str!("../../sandbox/seccomp.json");
/// The tmpfs mounts count against the box's memory (and, for a test, against its own limit):
/// this much is added to the program's limit, so that the runner sees a tree pass its limit
/// before the cgroup must stop it.
const MEMORY_SLACK_BYTES: u64 = 384 << 20;
const PIDS_LIMIT: i64 = 128;

#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    #[error(
        "cannot reach the Docker daemon ({0}); start it (`systemctl start docker`, or as root \
         `dockerd >/var/log/dockerd.log 2>&1 &`) or point DOCKER_HOST at one"
    )]
    Unreachable(String),
    #[error("image {image} is missing; build it with `mockjudge images build --lang {lang}`")]
    MissingImage { image: String, lang: String },
    #[error("docker: {0}")]
    Docker(#[from] bollard::errors::Error),
    /// The runner broke the protocol, died, or its report failed authentication.
    #[error("sandbox runner failed: {0}")]
    Runner(String),
    /// The runner could not carry out a request (a full disk, a missing compiler).
    #[error("{0}")]
    Refused(String),
}

/// A handle on the Docker daemon. Cheap to clone.
#[derive(Clone)]
pub struct Sandbox {
    docker: Docker,
}

/// What a box is for and how much memory it may use.
#[derive(Debug, Clone)]
pub struct BoxSpec {
    pub image: String,
    /// The language the image serves, for the message when it is missing.
    pub lang: String,
    /// The most memory any program in the box may use; the box gets this plus its tmpfs.
    pub memory_bytes: u64,
    /// For a box with a service (a database server): the size of the service's own directory,
    /// which the box's memory gets on top.
    pub service_dir_bytes: Option<u64>,
    pub role: &'static str,
}

/// What one run produced.
#[derive(Debug, Clone)]
pub struct RunOutput {
    pub report: Report,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    pub files: Vec<(String, Vec<u8>)>,
}

impl Sandbox {
    /// Connects to the daemon (honouring DOCKER_HOST) and checks that it answers.
    pub async fn connect() -> Result<Sandbox, SandboxError> {
        let docker = Docker::connect_with_defaults().map_err(|e| SandboxError::Unreachable(e.to_string()))?;
        let docker = tokio::time::timeout(Duration::from_secs(10), docker.negotiate_version())
            .await
            .map_err(|_| SandboxError::Unreachable("no answer in 10 s".into()))?
            .map_err(|e| SandboxError::Unreachable(e.to_string()))?;
        Ok(Sandbox { docker })
    }

    pub fn docker(&self) -> &Docker {
        &self.docker
    }

    /// Creates, attaches to and starts a box, and greets its runner.
    pub async fn open(&self, spec: &BoxSpec) -> Result<SandboxBox, SandboxError> {
        if let Err(e) = self.docker.inspect_image(&spec.image).await {
            return Err(match e {
                bollard::errors::Error::DockerResponseServerError { status_code: 404, .. } => {
                    SandboxError::MissingImage { image: spec.image.clone(), lang: spec.lang.clone() }
                }
                e => e.into(),
            });
        }
        let memory = box_memory(spec.memory_bytes) + spec.service_dir_bytes.unwrap_or(0) as i64;
        let mut tmpfs = HashMap::from([
            (mockjudge_runner::WORK_DIR.to_string(), WORK_TMPFS.to_string()),
            (mockjudge_runner::SCRATCH_DIR.to_string(), SCRATCH_TMPFS.to_string()),
            ("/dev/shm".to_string(), SHM_TMPFS.to_string()),
        ]);
        if let Some(bytes) = spec.service_dir_bytes {
            tmpfs.insert(mockjudge_runner::SERVICE_DIR.to_string(), format!("{SERVICE_TMPFS},size={}k", bytes >> 10));
        }
        let host = HostConfig {
            network_mode: Some("none".into()),
            cap_drop: Some(vec!["ALL".into()]),
            cap_add: Some(RUNNER_CAPS.map(String::from).to_vec()),
            security_opt: Some(vec!["no-new-privileges".into(), format!("seccomp={SECCOMP_PROFILE}")]),
            pids_limit: Some(PIDS_LIMIT),
            memory: Some(memory),
            memory_swap: Some(memory),
            nano_cpus: Some(1_000_000_000),
            readonly_rootfs: Some(true),
            tmpfs: Some(tmpfs),
            ipc_mode: Some("private".into()),
            init: Some(false),
            auto_remove: Some(true),
            log_config: Some(HostConfigLogConfig { typ: Some("none".into()), config: None }),
            ..Default::default()
        };
        let body = ContainerCreateBody {
            image: Some(spec.image.clone()),
            user: Some(RUNNER_USER.into()),
            env: Some(Vec::new()),
            cmd: Some(vec![]),
            open_stdin: Some(true),
            stdin_once: Some(true),
            attach_stdin: Some(true),
            attach_stdout: Some(true),
            attach_stderr: Some(true),
            network_disabled: Some(true),
            labels: Some(HashMap::from([
                (LABEL.to_string(), spec.role.to_string()),
                (OWNER_LABEL.to_string(), OWNER.clone()),
            ])),
            host_config: Some(host),
            ..Default::default()
        };
        // From creation on a guard owns the container: any early return, or our caller going
        // away while Docker is still creating it, removes it.
        let docker = self.docker.clone();
        let creating = IN_FLIGHT.spawn(async move {
            let created = docker.create_container(None::<CreateContainerOptions>, body).await?;
            Ok::<_, SandboxError>(SandboxBox { docker, id: Some(created.id), session: None })
        });
        let mut guard = creating.await.map_err(|e| SandboxError::Runner(format!("creating the box: {e}")))??;
        let id = guard.id.clone().expect("just set");
        let attach = AttachContainerOptions { stdin: true, stdout: true, stderr: true, stream: true, ..Default::default() };
        let streams = self.docker.attach_container(&id, Some(attach)).await?;
        self.docker.start_container(&id, None).await?;
        guard.session = Some(Session::start(streams).await?);
        Ok(guard)
    }

    /// Whether the daemon answers a ping within 3 s.
    pub async fn answers(&self) -> bool {
        matches!(tokio::time::timeout(Duration::from_secs(3), self.docker.ping()).await, Ok(Ok(_)))
    }

    /// Pings the daemon and lists the sandbox images it lacks; `Err` says why the daemon is
    /// unusable.
    pub async fn health(&self) -> Result<Vec<String>, String> {
        if !self.answers().await {
            return Err("the Docker daemon does not answer".into());
        }
        let mut missing = Vec::new();
        for lang in crate::language::Language::ALL {
            let image = images::image_for(lang);
            match self.docker.inspect_image(&image).await {
                Ok(_) => {}
                Err(bollard::errors::Error::DockerResponseServerError { status_code: 404, .. }) => missing.push(image),
                Err(e) => return Err(e.to_string()),
            }
        }
        Ok(missing)
    }

    /// Removes boxes whose creating process is gone (strays of a crash), or with `all`, every
    /// box of ours. Returns how many it removed.
    pub async fn sweep(&self, all: bool) -> Result<usize, SandboxError> {
        let filters = HashMap::from([("label".to_string(), vec![LABEL.to_string()])]);
        let list = ListContainersOptions { all: true, filters: Some(filters), ..Default::default() };
        let mut removed = 0;
        for c in self.docker.list_containers(Some(list)).await? {
            let owner = c.labels.as_ref().and_then(|l| l.get(OWNER_LABEL)).cloned().unwrap_or_default();
            if let (Some(id), true) = (c.id, all || !owner_alive(&owner)) {
                remove(&self.docker, &id).await;
                removed += 1;
            }
        }
        Ok(removed)
    }
}

/// The cgroup memory (and memory+swap) of a box whose programs may use `program_bytes`.
fn box_memory(program_bytes: u64) -> i64 {
    (program_bytes + MEMORY_SLACK_BYTES) as i64
}

/// Box creations and removals still under way, for [`settle`].
static IN_FLIGHT: LazyLock<TaskTracker> = LazyLock::new(TaskTracker::new);

/// Waits, up to `limit`, for the boxes being created or removed to be gone: a process that
/// exits sooner would leave them to auto-remove, after their current run.
pub async fn settle(limit: Duration) {
    IN_FLIGHT.close();
    // A creation whose caller is gone ends by starting its box's removal: the tracker empties
    // and fills again, so one wake-up is not the end.
    let empty = async {
        while !IN_FLIGHT.is_empty() {
            IN_FLIGHT.wait().await;
        }
    };
    if tokio::time::timeout(limit, empty).await.is_err() {
        tracing::warn!(left = IN_FLIGHT.len(), "gave up waiting for boxes to be removed");
    }
    IN_FLIGHT.reopen();
}

/// The process that creates boxes here.
static OWNER: LazyLock<String> = LazyLock::new(|| process_owner(&std::process::id().to_string()).unwrap_or_default());

/// A process of this host as `host/pid/start`, `start` being when it started (clock ticks after
/// boot): a later process with the same pid, such as PID 1 of a restarted container, is another
/// owner. `None` when no such process runs.
fn process_owner(pid: &str) -> Option<String> {
    let stat = std::fs::read_to_string(std::path::Path::new("/proc").join(pid).join("stat")).ok()?;
    // The command's name (field 2) may hold spaces and parentheses; field 22 is the start.
    let start = stat.rsplit_once(')')?.1.split_whitespace().nth(19)?;
    Some(format!("{}/{pid}/{start}", hostname()))
}

pub fn hostname() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname").map(|h| h.trim().to_string()).unwrap_or_default()
}

/// Whether the process that created a box still runs. Boxes of other hosts (workers sharing
/// a daemon) count as alive: only their own host can tell.
fn owner_alive(owner: &str) -> bool {
    match owner.split('/').collect::<Vec<_>>()[..] {
        [host, pid, _] if host == hostname() => process_owner(pid).as_deref() == Some(owner),
        [_, _, _] => true,
        _ => false,
    }
}

/// Removes a container and returns once Docker no longer has it. A removal that collides with
/// one under way (auto-remove) or with a start in progress answers 409: it is tried again until
/// the container is gone (404), for at most [`REMOVE_WITHIN`], so that [`settle`] means gone.
async fn remove(docker: &Docker, id: &str) {
    let options = RemoveContainerOptions { force: true, v: true, ..Default::default() };
    let deadline = tokio::time::Instant::now() + REMOVE_WITHIN;
    loop {
        match docker.remove_container(id, Some(options.clone())).await {
            Ok(()) | Err(bollard::errors::Error::DockerResponseServerError { status_code: 404, .. }) => return,
            Err(bollard::errors::Error::DockerResponseServerError { status_code: 409, .. })
                if tokio::time::Instant::now() < deadline =>
            {
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            Err(e) => return tracing::warn!(container = id, error = %e, "could not remove container"),
        }
    }
}

/// How long [`remove`] keeps trying a container that Docker is busy with.
const REMOVE_WITHIN: Duration = Duration::from_secs(15);

/// A running box and the session with its runner.
pub struct SandboxBox {
    docker: Docker,
    id: Option<String>,
    session: Option<Session>,
}

impl SandboxBox {
    fn session(&mut self) -> &mut Session {
        self.session.as_mut().expect("a box is returned only with its session")
    }

    /// Writes a file into the work directory.
    pub async fn write(&mut self, path: &str, bytes: &[u8], executable: bool) -> Result<(), SandboxError> {
        self.session().write(path, bytes, executable).await
    }

    /// Freezes the work directory: later runs cannot leave files or processes behind.
    pub async fn seal(&mut self) -> Result<(), SandboxError> {
        self.session().seal().await
    }

    pub async fn run(&mut self, spec: RunSpec) -> Result<RunOutput, SandboxError> {
        self.session().run(spec, false).await
    }

    /// Runs a program of the box's service (see the runner's `Serve`): what it starts keeps
    /// running across the later runs.
    pub async fn serve(&mut self, spec: RunSpec) -> Result<RunOutput, SandboxError> {
        self.session().run(spec, true).await
    }

    /// Starts an API problem's server and waits until it listens on `port`, within `within`:
    /// how long it took, or what its run came to (it ended first, or was stopped).
    pub async fn listen(&mut self, spec: RunSpec, port: u16, within: Duration) -> Result<Result<Duration, RunOutput>, SandboxError> {
        self.session().listen(spec, port, within).await
    }

    /// Sends raw HTTP requests to the listening server, all at once, and gives their replies.
    pub async fn http(&mut self, requests: &[Vec<u8>], timeout: Duration, cap: u64) -> Result<Vec<(Reply, Vec<u8>)>, SandboxError> {
        self.session().http(requests, timeout, cap).await
    }

    /// Stops the server and gives what its whole run came to (its output is its log).
    pub async fn stop(&mut self) -> Result<RunOutput, SandboxError> {
        self.session().stop().await
    }

    /// Lowers the box's memory (e.g. from the compiler's allowance to the program's), so that
    /// the cgroup stops a program soon after its limit rather than at the compiler's.
    pub async fn limit_memory(&mut self, program_bytes: u64) -> Result<(), SandboxError> {
        let memory = box_memory(program_bytes);
        let update = ContainerUpdateBody { memory: Some(memory), memory_swap: Some(memory), ..Default::default() };
        let id = self.id.as_deref().expect("an open box has an id");
        Ok(self.docker.update_container(id, update).await?)
    }

    /// Ends the session and removes the container.
    /// Removes the container, then ends the session: in that order Docker's auto-remove (which
    /// the runner's exit would start) never races our removal.
    pub async fn close(mut self) {
        if let Some(id) = self.id.take() {
            remove(&self.docker, &id).await;
        }
        self.session = None;
    }
}

impl Drop for SandboxBox {
    fn drop(&mut self) {
        if let Some(id) = self.id.take() {
            let docker = self.docker.clone();
            match tokio::runtime::Handle::try_current() {
                Ok(handle) => {
                    IN_FLIGHT.spawn_on(async move { remove(&docker, &id).await }, &handle);
                }
                // No runtime left: closing our end of stdin still ends the runner, and
                // auto-remove takes the container.
                Err(_) => tracing::warn!(container = id, "box dropped outside a runtime"),
            }
        }
    }
}
