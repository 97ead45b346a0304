//! The `mockjudge` command line: `judge`, `verify` and `images`.
//!
//! Exit codes: 0 accepted (or all verified), 1 any other verdict (or a verification mismatch),
//! 2 a usage, problem or setup error. Errors are one line on stderr.

use crate::judge::{self, Event, JudgeOptions, Submission};
use crate::language::Language;
use crate::problem::Problem;
use crate::sandbox::Sandbox;
use crate::verdict::{JudgeResult, TestResult};
use crate::verify;
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

#[derive(Parser)]
#[command(name = "mockjudge", version, about = "A mock-interview coding judge")]
struct Cli {
    #[command(subcommand)]
    command: Command,
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
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("MOCKJUDGE_LOG").unwrap_or_else(|_| "warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
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
    }
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
        Some(s) if s.is_finite() && s > 0.0 => Duration::from_secs_f64(s),
        Some(s) => return Err(Fatal(format!("--time-limit: expected a positive number of seconds, got {s}"))),
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
        row.push_str(m.lines().next().unwrap_or(""));
    }
    row
}

fn print_summary(result: &JudgeResult) {
    if let Some(output) = &result.compile_output {
        let shown: String = output.lines().take(30).collect::<Vec<_>>().join("\n");
        println!("compiler output:\n{shown}");
    }
    let mut line = format!("verdict: {} ({})", result.verdict, result.verdict.description());
    if let (Some(score), Some(max)) = (result.score, result.max_score) {
        line.push_str(&format!(", score {score}/{max}"));
    }
    if let Some(message) = &result.message {
        line.push_str(&format!(": {message}"));
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
            let mut verdict = c.verdict.map(|v| v.to_string()).unwrap_or_else(|| "-".into());
            if let (Some(score), Some(max)) = (c.score, c.max_score) {
                verdict.push_str(&format!(" {score}/{max}"));
            }
            let status = if c.ok { "ok" } else { "MISMATCH" };
            let file = c.path.strip_prefix(&dir).unwrap_or(&c.path);
            println!(
                "  {status:<8} {:<52} {:<20} got {verdict:<10} slowest {:>6} ms {}",
                file.display(),
                c.expected.folder(),
                c.max_cpu_ms,
                c.note
            );
        };
        let report = verify::verify(&sandbox, &problem, common.cache_dir(), common.max_source_bytes, &mut show).await?;
        println!(
            "  time limit {:.2} s ({}); {}",
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
