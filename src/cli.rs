//! The `mockjudge` command line: `judge`, `verify` and `images` for instructors; `serve`,
//! `worker` and `up` for the service.
//!
//! Exit codes: 0 accepted (or all verified, or a clean shutdown), 1 any other verdict (or a
//! verification mismatch), 2 a usage, problem or setup error. Errors are one line on stderr.

use crate::judge::{self, Event, JudgeOptions, Submission};
use crate::language::Language;
use crate::problem::config::{self as limits, MAX_LIMIT};
use crate::problem::Problem;
use crate::sandbox::Sandbox;
use crate::verdict::{JudgeResult, TestResult};
use crate::api::address::TrustedProxies;
use crate::api::ApiConfig;
use crate::service::{self, up, Service};
use crate::verify;
use crate::worker::WorkerConfig;
use clap::{Parser, Subcommand};
use secrecy::{ExposeSecret, SecretString};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

#[derive(Parser)]
#[command(name = "mockjudge", version, about = "A mock-interview coding judge")]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Log lines as `text` or `json` (one object per line, with the submission id as a field).
    #[arg(long, global = true, env = "MOCKJUDGE_LOG_FORMAT", default_value = "text")]
    log_format: LogFormat,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum LogFormat {
    Text,
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Judge one solution on one problem.
    Judge {
        problem: PathBuf,
        solution: PathBuf,
        /// The language (default: from the file extension).
        #[arg(long)]
        lang: Option<String>,
        /// Print one JSON result instead of the table.
        #[arg(long)]
        json: bool,
        /// Override the time limit, in seconds.
        #[arg(long)]
        time_limit: Option<f64>,
        #[command(flatten)]
        common: Common,
    },
    /// Check problems as Kattis' verifyproblem does: every submission gets what its folder says.
    Verify {
        #[arg(required = true)]
        problems: Vec<PathBuf>,
        #[command(flatten)]
        common: Common,
    },
    /// Build or list the sandbox images.
    Images {
        #[command(subcommand)]
        action: ImagesAction,
    },
    /// Remove sandbox containers left behind by crashed runs (`--all`: every one of ours).
    Sweep {
        #[arg(long)]
        all: bool,
    },
    /// Run the HTTP API.
    Serve {
        #[command(flatten)]
        settings: Settings,
        #[command(flatten)]
        api: ApiArgs,
    },
    /// Judge queued submissions.
    Worker {
        #[command(flatten)]
        settings: Settings,
        #[command(flatten)]
        worker: WorkerArgs,
    },
    /// Run everything on this machine: builds missing images, starts a Redis of its own unless
    /// REDIS_URL is set, and runs the API and workers in one process.
    Up {
        /// Where `up` keeps its Redis data and the generated instructor token.
        #[arg(long, env = "MOCKJUDGE_DATA_DIR")]
        data_dir: Option<PathBuf>,
        #[command(flatten)]
        settings: Settings,
        #[command(flatten)]
        api: ApiArgs,
        #[command(flatten)]
        worker: WorkerArgs,
    },
}

/// The settings every process of the service shares, parsed once. The API's and the worker's
/// configurations are made only from here (with the flags of their own part), so a flag such as
/// --max-source-bytes reaches every part that honours it, in `serve`, `worker` and `up` alike.
#[derive(clap::Args)]
struct Settings {
    /// The Redis URL (default: redis://127.0.0.1:6379; `up` runs one in a container, its data under
    /// --data-dir).
    #[arg(long, env = "REDIS_URL")]
    redis_url: Option<String>,
    /// The folder of problem folders; reloaded when it changes.
    #[arg(long, env = "MOCKJUDGE_PROBLEMS", default_value = "problems")]
    problems: PathBuf,
    /// The instructor token, which workers also sign result callbacks with unless
    /// --callback-secret is set (`up` generates one and keeps it in --data-dir when unset).
    #[arg(long, env = "MOCKJUDGE_ADMIN_TOKEN", hide_env_values = true, value_parser = secret)]
    admin_token: Option<SecretString>,
    #[command(flatten)]
    common: Common,
}

#[derive(clap::Args)]
struct ApiArgs {
    /// The address the API listens on.
    #[arg(long, env = "MOCKJUDGE_BIND", default_value = "127.0.0.1:8080")]
    bind: std::net::SocketAddr,
    /// Requests per second per candidate token (0: no limit).
    #[arg(long, env = "MOCKJUDGE_RATE_LIMIT", default_value_t = 10.0)]
    rate_limit: f64,
    /// Requests a candidate token may make at once before the rate applies.
    #[arg(long, env = "MOCKJUDGE_RATE_BURST", default_value_t = 30)]
    rate_burst: u32,
    /// Authenticated requests per second from one client address, checked before the token is
    /// looked up (0: no limit).
    #[arg(long, env = "MOCKJUDGE_ADDRESS_RATE_LIMIT", default_value_t = 100.0)]
    address_rate_limit: f64,
    /// Requests one client address may make at once before its rate applies.
    #[arg(long, env = "MOCKJUDGE_ADDRESS_RATE_BURST", default_value_t = 300)]
    address_rate_burst: u32,
    /// Proxies (addresses or networks, comma-separated) whose X-Forwarded-For names the client.
    #[arg(long, env = "MOCKJUDGE_TRUSTED_PROXIES", value_delimiter = ',', value_parser = crate::api::address::parse_proxy)]
    trusted_proxies: Vec<ipnet::IpNet>,
    /// The longest `?wait=true` holds a request, in seconds.
    #[arg(long, env = "MOCKJUDGE_MAX_WAIT", default_value_t = 60)]
    max_wait: u64,
    /// Event streams and waits a candidate token may hold open at once (0: no limit).
    #[arg(long, env = "MOCKJUDGE_MAX_STREAMS", default_value_t = 4)]
    max_streams: usize,
    /// Seconds a client may take to send a request's headers, from connecting or from its
    /// previous answer (so also how long an idle connection stays open).
    #[arg(long, env = "MOCKJUDGE_HEADER_TIMEOUT", default_value_t = 10.0)]
    header_timeout: f64,
    /// Seconds a client may take to send a request's whole body.
    #[arg(long, env = "MOCKJUDGE_BODY_TIMEOUT", default_value_t = 30.0)]
    body_timeout: f64,
    /// Connections open at once (default: a quarter of the open-file limit).
    #[arg(long, env = "MOCKJUDGE_MAX_CONNECTIONS")]
    max_connections: Option<usize>,
}

#[derive(clap::Args)]
struct WorkerArgs {
    /// Submissions judged at once (default: half the CPUs, leaving the rest to Docker).
    #[arg(long, env = "MOCKJUDGE_CONCURRENCY")]
    concurrency: Option<usize>,
    /// A job its worker has not touched for this many seconds goes to another worker.
    #[arg(long, env = "MOCKJUDGE_VISIBILITY_TIMEOUT", default_value_t = 10.0)]
    visibility_timeout: f64,
    /// Deliveries after which a submission ends as IE.
    #[arg(long, env = "MOCKJUDGE_MAX_ATTEMPTS", default_value_t = 3)]
    max_attempts: u32,
    /// Seconds running jobs get to finish on shutdown before they are handed back.
    #[arg(long, env = "MOCKJUDGE_DRAIN_TIMEOUT", default_value_t = 60.0)]
    drain_timeout: f64,
    /// This worker's name in the queue's consumer group (default: host-pid).
    #[arg(long, env = "MOCKJUDGE_WORKER_NAME")]
    name: Option<String>,
    /// The key result callbacks are signed with (default: the instructor token).
    #[arg(long, env = "MOCKJUDGE_CALLBACK_SECRET", hide_env_values = true, value_parser = secret)]
    callback_secret: Option<SecretString>,
}

/// A secret flag, kept in a type that prints as `[REDACTED]` in `Debug` and is wiped on drop.
fn secret(s: &str) -> Result<SecretString, std::convert::Infallible> {
    Ok(s.into())
}

#[derive(clap::Args)]
struct Common {
    /// Largest accepted source file, in bytes.
    #[arg(long, env = "MOCKJUDGE_MAX_SOURCE_BYTES", default_value_t = judge::DEFAULT_MAX_SOURCE_BYTES)]
    max_source_bytes: usize,
    /// Where compiled output validators are cached.
    #[arg(long, env = "MOCKJUDGE_CACHE_DIR")]
    cache_dir: Option<PathBuf>,
}

impl Common {
    fn cache_dir(&self) -> PathBuf {
        self.cache_dir.clone().unwrap_or_else(|| {
            let base = std::env::var_os("XDG_CACHE_HOME").map(PathBuf::from).unwrap_or_else(|| {
                std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")).unwrap_or_else(std::env::temp_dir)
            });
            base.join("mockjudge")
        })
    }
}

#[derive(Subcommand)]
enum ImagesAction {
    /// Build the missing images (all languages unless --lang is given).
    Build {
        #[arg(long)]
        lang: Vec<String>,
    },
    /// Show each language's image and whether it is built.
    List,
}

/// A failure that ends the command with exit code 2.
struct Fatal(String);

impl<E: std::fmt::Display> From<E> for Fatal {
    fn from(e: E) -> Self {
        Fatal(e.to_string())
    }
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let service = matches!(cli.command, Command::Serve { .. } | Command::Worker { .. } | Command::Up { .. });
    let filter = tracing_subscriber::EnvFilter::try_from_env("MOCKJUDGE_LOG")
        .unwrap_or_else(|_| if service { "info".into() } else { "warn".into() });
    let colour = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let logs = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).with_ansi(colour);
    match cli.log_format {
        LogFormat::Text => logs.init(),
        LogFormat::Json => logs.json().flatten_event(true).with_current_span(true).with_span_list(false).init(),
    }
    let runtime = tokio::runtime::Runtime::new().expect("a tokio runtime");
    match runtime.block_on(run(cli)) {
        Ok(code) => code,
        Err(Fatal(message)) => {
            eprintln!("mockjudge: error: {message}");
            ExitCode::from(2)
        }
    }
}

async fn run(cli: Cli) -> Result<ExitCode, Fatal> {
    match cli.command {
        Command::Judge { problem, solution, lang, json, time_limit, common } => {
            judge_command(problem, solution, lang, json, time_limit, common).await
        }
        Command::Verify { problems, common } => verify_command(problems, common).await,
        Command::Images { action } => images_command(action).await,
        Command::Sweep { all } => {
            let removed = Sandbox::connect().await?.sweep(all).await?;
            println!("removed {removed} container(s)");
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve { settings, api } => {
            let api = Some(settings.api(&api)?);
            run_service(settings.service(api, None)).await
        }
        Command::Worker { settings, worker } => {
            let worker = Some(settings.worker(&worker)?);
            run_service(settings.service(None, worker)).await
        }
        Command::Up { data_dir, settings, api, worker } => up_command(data_dir, settings, api, worker).await,
    }
}

impl Settings {
    /// The API's address and configuration.
    fn api(&self, api: &ApiArgs) -> Result<(std::net::SocketAddr, ApiConfig), Fatal> {
        let admin_token = self.admin_token.clone().ok_or_else(|| {
            Fatal("MOCKJUDGE_ADMIN_TOKEN (or --admin-token) must be set: it is the instructor token".into())
        })?;
        let config = ApiConfig {
            admin_token,
            max_source_bytes: self.common.max_source_bytes,
            max_wait: Duration::from_secs(api.max_wait),
            rate_limit: api.rate_limit,
            rate_burst: api.rate_burst,
            address_rate_limit: api.address_rate_limit,
            address_rate_burst: api.address_rate_burst,
            trusted_proxies: TrustedProxies(api.trusted_proxies.clone()),
            max_streams: api.max_streams,
            header_timeout: seconds_flag("header-timeout", api.header_timeout)?,
            body_timeout: seconds_flag("body-timeout", api.body_timeout)?,
            max_connections: api.max_connections.unwrap_or_else(crate::api::default_max_connections),
        };
        Ok((api.bind, config))
    }

    fn worker(&self, worker: &WorkerArgs) -> Result<WorkerConfig, Fatal> {
        let callback_secret = worker.callback_secret.clone().or_else(|| self.admin_token.clone()).ok_or_else(|| {
            Fatal("MOCKJUDGE_CALLBACK_SECRET (or MOCKJUDGE_ADMIN_TOKEN) must be set: result callbacks are signed with it".into())
        })?;
        let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
        Ok(WorkerConfig {
            name: worker.name.clone().unwrap_or_else(|| format!("{}-{}", crate::sandbox::hostname(), std::process::id())),
            concurrency: worker.concurrency.unwrap_or((cpus / 2).max(1)).max(1),
            visibility: seconds_flag("visibility-timeout", worker.visibility_timeout)?,
            max_attempts: worker.max_attempts.max(1),
            drain_timeout: seconds_flag("drain-timeout", worker.drain_timeout)?,
            cache_dir: self.common.cache_dir(),
            max_source_bytes: self.common.max_source_bytes,
            callback_secret,
        })
    }

    /// The process that runs `api` and `worker`, on --redis-url or the default Redis.
    fn service(self, api: Option<(std::net::SocketAddr, ApiConfig)>, worker: Option<WorkerConfig>) -> Service {
        let redis_url = self.redis_url.unwrap_or_else(|| "redis://127.0.0.1:6379".into());
        Service { redis_url, problems: self.problems, api, worker }
    }
}

/// A flag's number of seconds as a duration, or the error naming the flag.
fn seconds_flag(name: &str, s: f64) -> Result<Duration, Fatal> {
    limits::seconds(s).ok_or_else(|| Fatal(format!("--{name}: expected a positive number of seconds up to {MAX_LIMIT}, got {s}")))
}

async fn run_service(service: Service) -> Result<ExitCode, Fatal> {
    let shutdown = service::shutdown_on_signals();
    let with_api = service.api.is_some();
    service
        .run(shutdown, |addr| {
            if with_api {
                println!("mockjudge: API listening on http://{addr}");
            }
        })
        .await
        .map_err(|e| Fatal(format!("{e:#}")))?;
    Ok(ExitCode::SUCCESS)
}

async fn up_command(data_dir: Option<PathBuf>, mut settings: Settings, api: ApiArgs, worker: WorkerArgs) -> Result<ExitCode, Fatal> {
    let data_dir = data_dir.unwrap_or_else(up::default_data_dir);
    std::fs::create_dir_all(&data_dir).map_err(|e| Fatal(format!("{}: {e}", data_dir.display())))?;
    if settings.admin_token.is_none() {
        let stored = up::stored_admin_token(&data_dir).map_err(|e| Fatal(format!("{}/admin-token: {e}", data_dir.display())))?;
        settings.admin_token = Some(stored);
    }
    let (api, worker) = (settings.api(&api)?, settings.worker(&worker)?);
    let token = api.1.admin_token.clone();
    let own_redis = settings.redis_url.is_none();
    let started = std::time::Instant::now();
    let progress = move |line: String| println!("[{:>5.1}s] {line}", started.elapsed().as_secs_f64());
    let plan = up::Up { data_dir, service: settings.service(Some(api), Some(worker)), own_redis };
    up::run(plan, service::shutdown_on_signals(), progress, |addr| {
        println!("mockjudge is up: http://{addr}");
        println!("instructor token: {}", token.expose_secret());
    })
    .await
    .map_err(|e| Fatal(format!("{e:#}")))?;
    Ok(ExitCode::SUCCESS)
}

async fn judge_command(
    problem_dir: PathBuf,
    solution: PathBuf,
    lang: Option<String>,
    json: bool,
    time_limit: Option<f64>,
    common: Common,
) -> Result<ExitCode, Fatal> {
    let problem = Problem::load(&problem_dir)?;
    let lang = lang.map(|l| Language::parse(&l)).transpose()?;
    let submission = Submission::from_file(&solution, lang, common.max_source_bytes)?;
    let time_limit = match time_limit {
        Some(s) => seconds_flag("time-limit", s)?,
        None => problem.time_limit().ok_or_else(|| {
            Fatal(format!(
                "{}: no time limit: set limits.time_limit in problem.yaml, pass --time-limit, or run `mockjudge verify {}` to compute one",
                problem_dir.display(),
                problem_dir.display()
            ))
        })?,
    };
    let sandbox = Sandbox::connect().await?;
    sandbox.sweep(false).await?;
    let options = JudgeOptions { time_limit, cache_dir: common.cache_dir() };
    if !json {
        println!(
            "{} ({}): {}, time limit {:.2} s, memory {} MiB",
            problem.name,
            problem.slug,
            submission.language,
            time_limit.as_secs_f64(),
            problem.limits.memory_mib
        );
        println!("{:<20} {:<16} {:<7} {:>8} {:>10}", "group", "test", "verdict", "CPU ms", "memory");
    }
    let mut print_row = |event: Event| {
        if let (false, Event::TestDone(t)) = (json, event) {
            println!("{}", table_row(&t));
        }
    };
    let result = judge::judge(&sandbox, &problem, &submission, &options, &mut print_row).await?;
    if json {
        println!("{}", serde_json::to_string_pretty(&result).expect("results serialize"));
    } else {
        print_summary(&result);
    }
    Ok(if result.verdict.is_accepted() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

fn table_row(t: &TestResult) -> String {
    let group = if t.group.is_empty() { "." } else { &t.group };
    let memory = format!("{:.1} MiB", t.memory_kib as f64 / 1024.0);
    let mut row = format!("{group:<20} {:<16} {:<7} {:>8} {memory:>10}", t.name, t.verdict.to_string(), t.cpu_ms);
    if let Some(m) = &t.message {
        row.push_str("  ");
        row.push_str(&terminal_safe(m.lines().next().unwrap_or(""), false));
    }
    row
}

/// Text that came from a program (its stderr, a compiler's or a checker's message quoting it)
/// as it may reach the operator's terminal: control characters are shown escaped (ESC as
/// `\x1b`, `\r`), so the program cannot retitle the window, clear the screen, or overwrite a
/// line of ours with a verdict of its own. In a `block` printed as lines of its own, line breaks
/// and tabs stay; elsewhere they are escaped too, so the text stays on the line it was put on.
/// JSON output needs none of this: serde escapes control characters.
fn terminal_safe(text: &str, block: bool) -> String {
    let mut safe = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\t' if block => safe.push(c),
            '\n' => safe.push_str("\\n"),
            '\t' => safe.push_str("\\t"),
            '\r' => safe.push_str("\\r"),
            // C0, DEL and C1.
            c if c.is_control() => safe.push_str(&format!("\\x{:02x}", u32::from(c))),
            c => safe.push(c),
        }
    }
    safe
}

fn print_summary(result: &JudgeResult) {
    if let Some(output) = &result.compile_output {
        let shown: String = output.lines().take(30).collect::<Vec<_>>().join("\n");
        println!("compiler output:\n{}", terminal_safe(&shown, true));
    }
    let mut line = format!("verdict: {} ({})", result.verdict, result.verdict.description());
    if let (Some(score), Some(max)) = (result.score, result.max_score) {
        line.push_str(&format!(", score {score}/{max}"));
    }
    if let Some(message) = &result.message {
        line.push_str(&format!(": {}", terminal_safe(message, false)));
    }
    println!("{line}");
}

async fn verify_command(problems: Vec<PathBuf>, common: Common) -> Result<ExitCode, Fatal> {
    let sandbox = Sandbox::connect().await?;
    sandbox.sweep(false).await?;
    let mut all_ok = true;
    for dir in problems {
        let problem = Problem::load(&dir)?;
        println!("== {} ({})", problem.slug, dir.display());
        let mut show = |c: &verify::SubmissionCheck| {
            let file = c.path.strip_prefix(&dir).unwrap_or(&c.path);
            if c.outcome == verify::Outcome::Skipped {
                let reason = terminal_safe(&c.note, false);
                println!("  skipped  {:<52} {:<20} warning: not judged: {reason}", file.display(), c.expected.folder());
                return;
            }
            let status = if c.outcome == verify::Outcome::Ok { "ok" } else { "MISMATCH" };
            let mut verdict = c.verdict.map(|v| v.to_string()).unwrap_or_else(|| "-".into());
            if let (Some(score), Some(max)) = (c.score, c.max_score) {
                verdict.push_str(&format!(" {score}/{max}"));
            }
            println!(
                "  {status:<8} {:<52} {:<20} got {verdict:<10} slowest {:>6} ms {}",
                file.display(),
                c.expected.folder(),
                c.max_cpu_ms,
                terminal_safe(&c.note, false)
            );
        };
        let report = verify::verify(&sandbox, &problem, common.cache_dir(), common.max_source_bytes, &mut show).await?;
        let skipped = match report.skipped() {
            0 => String::new(),
            n => format!(" ({n} of {} submissions skipped: not in a language mockjudge runs)", report.checks.len()),
        };
        println!(
            "  time limit {:.2} s ({}); {}{skipped}",
            report.time_limit_ms as f64 / 1000.0,
            if report.time_limit_fixed { "fixed in problem.yaml" } else { "from the slowest accepted run, written to .timelimit" },
            if report.passed() { "verified" } else { "FAILED" }
        );
        all_ok &= report.passed();
    }
    Ok(if all_ok { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

async fn images_command(action: ImagesAction) -> Result<ExitCode, Fatal> {
    let sandbox = Sandbox::connect().await?;
    match action {
        ImagesAction::List => {
            for status in sandbox.images().await {
                let state = match status.size_bytes {
                    Some(size) => format!("built, {} MiB", size >> 20),
                    None => "missing".to_string(),
                };
                println!("{:<11} {:<32} {state}", status.lang.name(), status.image);
            }
        }
        ImagesAction::Build { lang } => {
            let langs = if lang.is_empty() {
                Language::ALL.to_vec()
            } else {
                lang.iter().map(|l| Language::parse(l)).collect::<Result<_, _>>()?
            };
            let started = std::time::Instant::now();
            sandbox
                .build_images(&langs, &mut |line| {
                    println!("[{:>5.1}s] {line}", started.elapsed().as_secs_f64());
                })
                .await?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Command {
        Cli::try_parse_from(["mockjudge"].iter().chain(args)).unwrap_or_else(|e| panic!("{e}")).command
    }

    #[test]
    fn the_source_limit_reaches_the_api_and_the_worker() {
        let Command::Serve { settings, api } = parse(&["serve", "--admin-token", "t", "--max-source-bytes", "1000"]) else {
            panic!("serve")
        };
        assert_eq!(settings.api(&api).ok().map(|(_, c)| c.max_source_bytes), Some(1000));
        let Command::Worker { settings, worker } = parse(&["worker", "--admin-token", "t", "--max-source-bytes", "1000"]) else {
            panic!("worker")
        };
        assert_eq!(settings.worker(&worker).ok().map(|c| c.max_source_bytes), Some(1000));
        let Command::Up { settings, api, worker, .. } = parse(&["up", "--admin-token", "t", "--max-source-bytes", "1000"]) else {
            panic!("up")
        };
        assert_eq!(settings.api(&api).ok().map(|(_, c)| c.max_source_bytes), Some(1000));
        assert_eq!(settings.worker(&worker).ok().map(|c| c.max_source_bytes), Some(1000));
    }

    #[test]
    fn callbacks_are_signed_with_the_instructor_token_unless_a_secret_is_given() {
        let secret = |args: &[&str]| match parse(args) {
            Command::Worker { settings, worker } => settings.worker(&worker).ok().map(|c| c.callback_secret.expose_secret().to_string()),
            _ => panic!("worker"),
        };
        assert_eq!(secret(&["worker", "--admin-token", "t"]).as_deref(), Some("t"));
        assert_eq!(secret(&["worker", "--admin-token", "t", "--callback-secret", "s"]).as_deref(), Some("s"));
    }

    #[test]
    fn trusted_proxies_are_a_list_of_addresses_and_networks() {
        let proxies = |args: &[&str]| match parse(args) {
            Command::Serve { settings, api } => settings.api(&api).ok().map(|(_, c)| format!("{:?}", c.trusted_proxies.0)),
            _ => panic!("serve"),
        };
        assert_eq!(proxies(&["serve", "--admin-token", "t"]).as_deref(), Some("[]"));
        let given = proxies(&["serve", "--admin-token", "t", "--trusted-proxies", "10.0.0.0/8,127.0.0.1"]);
        assert_eq!(given.as_deref(), Some("[10.0.0.0/8, 127.0.0.1/32]"));
        assert!(Cli::try_parse_from(["mockjudge", "serve", "--trusted-proxies", "proxy.local"]).is_err());
    }

    #[test]
    fn secrets_never_print_in_debug() {
        let Command::Up { settings, api, worker, .. } = parse(&["up", "--admin-token", "hunter2", "--callback-secret", "swordfish"])
        else {
            panic!("up")
        };
        let printed = format!("{:?} {:?}", settings.api(&api).ok().map(|(_, c)| c), settings.worker(&worker).ok());
        assert!(printed.contains("REDACTED"), "{printed}");
        assert!(!printed.contains("hunter2") && !printed.contains("swordfish"), "{printed}");
    }

    #[test]
    fn a_programs_text_reaches_the_terminal_with_its_control_characters_escaped() {
        let hostile = "\x1b]0;pwned\x07\x1b[2J\rverdict: AC\u{9b}31m\x7f";
        let shown = r"\x1b]0;pwned\x07\x1b[2J\rverdict: AC\x9b31m\x7f";
        assert_eq!(terminal_safe(hostile, true), shown);
        assert_eq!(terminal_safe(hostile, false), shown);
        assert_eq!(terminal_safe("a\tb\nc", true), "a\tb\nc", "a block keeps its lines");
        assert_eq!(terminal_safe("a\tb\nc", false), r"a\tb\nc", "a line stays one line");
        assert_eq!(terminal_safe("Δ ok: \\x1b", false), "Δ ok: \\x1b", "printable text is untouched");
    }
}
