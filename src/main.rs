//! The `mockjudge` command: its flags (clap), tracing, and a runtime; what each command does is
//! in the library ([`mockjudge::commands`], [`mockjudge::service`]).
//!
//! The service's flags are read once into [`Settings`] (shared by `serve`, `worker` and `up`)
//! plus the flags of each part, and become the API's and the worker's configurations only
//! here, so a flag such as --max-source-bytes reaches every part that honours it.

use clap::{Parser, Subcommand};
use mockjudge::api::address::TrustedProxies;
use mockjudge::api::ApiConfig;
use mockjudge::commands::{self, Fatal};
use mockjudge::judge;
use mockjudge::language::Language;
use mockjudge::runs::RunInput;
use mockjudge::problem::config::{self as limits, MAX_LIMIT};
use mockjudge::service::{up, Service};
use mockjudge::worker::WorkerConfig;
use secrecy::SecretString;
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
        /// Run every test even after one fails, as an assessment does (it scores the share of
        /// tests passed), whatever the test groups' `on_reject` says.
        #[arg(long)]
        every_test: bool,
        #[command(flatten)]
        common: Common,
    },
    /// Try a solution before submitting: on the problem's samples, or on an input of your own
    /// (its expected output comes from the problem's reference solution). Shows what went in,
    /// what was expected and what came out.
    Run {
        problem: PathBuf,
        solution: PathBuf,
        /// A file holding your own input (default: the samples).
        #[arg(long)]
        input: Option<PathBuf>,
        /// The language (default: from the file extension).
        #[arg(long)]
        lang: Option<String>,
        /// Print one JSON result instead of the text.
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
    /// The folder of assessment templates (`<id>.yaml`), read whenever one is used.
    #[arg(long, env = "MOCKJUDGE_ASSESSMENTS", default_value = "assessments")]
    assessments: PathBuf,
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
    /// Runs before submitting (`POST /v1/runs`) per second per token (0: no limit).
    #[arg(long, env = "MOCKJUDGE_RUN_RATE_LIMIT", default_value_t = 0.2)]
    run_rate_limit: f64,
    /// Runs a token may start at once before their rate applies.
    #[arg(long, env = "MOCKJUDGE_RUN_RATE_BURST", default_value_t = 5)]
    run_rate_burst: u32,
    /// Proxies (addresses or networks, comma-separated) whose X-Forwarded-For names the client.
    #[arg(long, env = "MOCKJUDGE_TRUSTED_PROXIES", value_delimiter = ',', value_parser = mockjudge::api::address::parse_proxy)]
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
    /// The folder holding Debian's `codemirror/` and `katex/` (libjs-codemirror, libjs-katex),
    /// which the pages load their editor and math from; without them a page falls back to a
    /// plain text box and shows math as its source.
    #[arg(long, env = "MOCKJUDGE_VENDOR_DIR", default_value = "/usr/share/javascript")]
    vendor_dir: PathBuf,
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

fn main() -> ExitCode {
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
        Command::Judge { problem, solution, lang, json, time_limit, every_test, common } => {
            let request = commands::JudgeRequest {
                problem_dir: problem,
                solution,
                lang: lang.map(|l| Language::parse(&l)).transpose()?,
                json,
                time_limit: time_limit.map(|s| seconds_flag("time-limit", s)).transpose()?,
                cache_dir: common.cache_dir(),
                max_source_bytes: common.max_source_bytes,
                run: None,
                every_test,
            };
            commands::judge(request).await
        }
        Command::Run { problem, solution, input, lang, json, time_limit, common } => {
            let run = match input {
                None => RunInput::Samples,
                Some(path) => RunInput::Custom(
                    std::fs::read_to_string(&path).map_err(|e| Fatal(format!("{}: {e}", path.display())))?,
                ),
            };
            let request = commands::JudgeRequest {
                problem_dir: problem,
                solution,
                lang: lang.map(|l| Language::parse(&l)).transpose()?,
                json,
                time_limit: time_limit.map(|s| seconds_flag("time-limit", s)).transpose()?,
                cache_dir: common.cache_dir(),
                max_source_bytes: common.max_source_bytes,
                run: Some(run),
                every_test: false,
            };
            commands::judge(request).await
        }
        Command::Verify { problems, common } => commands::verify(problems, common.cache_dir(), common.max_source_bytes).await,
        Command::Images { action: ImagesAction::List } => commands::images_list().await,
        Command::Images { action: ImagesAction::Build { lang } } => {
            let langs = if lang.is_empty() {
                Language::ALL.to_vec()
            } else {
                lang.iter().map(|l| Language::parse(l)).collect::<Result<_, _>>()?
            };
            commands::images_build(&langs).await
        }
        Command::Sweep { all } => commands::sweep(all).await,
        Command::Serve { settings, api } => {
            let api = Some(settings.api(&api)?);
            commands::run_service(settings.service(api, None)).await
        }
        Command::Worker { settings, worker } => {
            let worker = Some(settings.worker(&worker)?);
            commands::run_service(settings.service(None, worker)).await
        }
        Command::Up { data_dir, mut settings, api, worker } => {
            let data_dir = data_dir.unwrap_or_else(up::default_data_dir);
            std::fs::create_dir_all(&data_dir).map_err(|e| Fatal(format!("{}: {e}", data_dir.display())))?;
            if settings.admin_token.is_none() {
                let stored = up::stored_admin_token(&data_dir)
                    .map_err(|e| Fatal(format!("{}/admin-token: {e}", data_dir.display())))?;
                settings.admin_token = Some(stored);
            }
            let (api, worker) = (settings.api(&api)?, settings.worker(&worker)?);
            let token = api.1.admin_token.clone();
            let own_redis = settings.redis_url.is_none();
            let plan = up::Up { data_dir, service: settings.service(Some(api), Some(worker)), own_redis };
            commands::up(plan, token).await
        }
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
            run_rate_limit: api.run_rate_limit,
            run_rate_burst: api.run_rate_burst,
            trusted_proxies: TrustedProxies(api.trusted_proxies.clone()),
            max_streams: api.max_streams,
            header_timeout: seconds_flag("header-timeout", api.header_timeout)?,
            body_timeout: seconds_flag("body-timeout", api.body_timeout)?,
            max_connections: api.max_connections.unwrap_or_else(mockjudge::api::default_max_connections),
            assessments: self.assessments.clone(),
            vendor: api.vendor_dir.clone(),
        };
        Ok((api.bind, config))
    }

    fn worker(&self, worker: &WorkerArgs) -> Result<WorkerConfig, Fatal> {
        let callback_secret = worker.callback_secret.clone().or_else(|| self.admin_token.clone()).ok_or_else(|| {
            Fatal("MOCKJUDGE_CALLBACK_SECRET (or MOCKJUDGE_ADMIN_TOKEN) must be set: result callbacks are signed with it".into())
        })?;
        let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
        Ok(WorkerConfig {
            name: worker.name.clone().unwrap_or_else(|| format!("{}-{}", mockjudge::sandbox::hostname(), std::process::id())),
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

#[cfg(test)]
mod tests {
    use super::*;
    use secrecy::ExposeSecret;

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
}
