//! What each `mockjudge` command does once its flags are read (the binary, `src/main.rs`,
//! reads them): `judge`, `verify`, `images` and `sweep` for instructors; `serve`, `worker` and
//! `up` for the service. Output meant for a terminal shows a program's text escaped.
//!
//! Exit codes: 0 accepted (or all verified, or a clean shutdown), 1 any other verdict (or a
//! verification mismatch), 2 ([`Fatal`]) a usage, problem or setup error, one line on stderr.

use crate::judge::{self, Event, JudgeOptions, Submission};
use crate::language::Language;
use crate::problem::Problem;
use crate::runs::{self, RunInput};
use crate::sandbox::Sandbox;
use crate::service::{self, up, Service};
use crate::verdict::{JudgeResult, TestResult};
use crate::verify;
use secrecy::{ExposeSecret, SecretString};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

/// A failure that ends the command with exit code 2.
pub struct Fatal(pub String);

impl<E: std::fmt::Display> From<E> for Fatal {
    fn from(e: E) -> Self {
        Fatal(e.to_string())
    }
}

/// `mockjudge serve` and `mockjudge worker`: runs until SIGTERM or Ctrl-C, then drains.
pub async fn run_service(service: Service) -> Result<ExitCode, Fatal> {
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

/// `mockjudge up`: prints each step of the set-up, then the URL and the instructor `token`.
pub async fn up(plan: up::Up, token: SecretString) -> Result<ExitCode, Fatal> {
    let progress = timed_lines();
    up::run(plan, service::shutdown_on_signals(), progress, |addr| {
        println!("mockjudge is up: http://{addr}");
        println!("instructor token: {}", token.expose_secret());
    })
    .await
    .map_err(|e| Fatal(format!("{e:#}")))?;
    Ok(ExitCode::SUCCESS)
}

/// What `mockjudge judge` is asked to do.
pub struct JudgeRequest {
    pub problem_dir: PathBuf,
    pub solution: PathBuf,
    /// The language, when not the solution's extension's.
    pub lang: Option<Language>,
    /// One JSON document instead of the table.
    pub json: bool,
    /// Instead of the problem's.
    pub time_limit: Option<Duration>,
    pub cache_dir: PathBuf,
    pub max_source_bytes: usize,
    /// A run before submitting instead of a judging: the samples or one input of one's own.
    pub run: Option<RunInput>,
    /// Run every test even after one fails.
    pub every_test: bool,
}

/// `mockjudge judge`: a table per test (or JSON); exit 0 on AC, 1 on any other verdict.
pub async fn judge(request: JudgeRequest) -> Result<ExitCode, Fatal> {
    let JudgeRequest { problem_dir, solution, lang, json, time_limit, cache_dir, max_source_bytes, run, every_test } = request;
    let problem = Problem::load(&problem_dir)?;
    let submission = Submission::from_file(&solution, lang, max_source_bytes)?;
    let time_limit = match time_limit {
        Some(limit) => limit,
        None => problem.time_limit().ok_or_else(|| {
            Fatal(format!(
                "{}: no time limit: set limits.time_limit in problem.yaml, pass --time-limit, or run `mockjudge verify {}` to compute one",
                problem_dir.display(),
                problem_dir.display()
            ))
        })?,
    };
    if let Some(RunInput::Custom(input)) = &run {
        runs::check_input(&problem, input).map_err(|why| Fatal(format!("input refused: {}", terminal_safe(&why, false))))?;
    }
    let sandbox = Sandbox::connect().await?;
    sandbox.sweep(false).await?;
    let options = JudgeOptions { time_limit, cache_dir, every_test };
    if !json {
        println!(
            "{} ({}): {}, time limit {:.2} s, memory {} MiB",
            problem.name,
            problem.slug,
            submission.language,
            time_limit.as_secs_f64(),
            problem.limits.memory_mib
        );
        println!("{:<20} {:<16} {:<12} {:<7} {:>8} {:>10}", "group", "test", "category", "verdict", "CPU ms", "memory");
    }
    let mut print_row = |event: Event| {
        if let (false, Event::TestDone(t)) = (json, event) {
            println!("{}", table_row(&t));
        }
    };
    let result = match &run {
        None => judge::judge(&sandbox, &problem, &submission, &options, &mut print_row).await?,
        Some(input) => runs::run(&sandbox, &problem, &submission, input, &options, &mut print_row).await?,
    };
    if let Some(why) = &result.invalid_input {
        // Nothing of the candidate's ran: the input is to blame, as for any bad argument.
        return Err(Fatal(format!("input refused: {}", terminal_safe(why, false))));
    }
    if json {
        println!("{}", serde_json::to_string_pretty(&result).expect("results serialize"));
    } else {
        if run.is_some() {
            print_samples(&result);
        }
        print_summary(&result);
    }
    Ok(if result.verdict.is_accepted() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

fn table_row(t: &TestResult) -> String {
    let group = if t.group.is_empty() { "." } else { &t.group };
    let memory = format!("{:.1} MiB", t.memory_kib as f64 / 1024.0);
    let mut row = format!(
        "{group:<20} {:<16} {:<12} {:<7} {:>8} {memory:>10}",
        t.name,
        t.category.name(),
        t.verdict.to_string(),
        t.cpu_ms
    );
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

/// What went in, what was expected and what came out, for each sample a run ran.
fn print_samples(result: &JudgeResult) {
    for t in &result.tests {
        let Some(io) = &t.sample else { continue };
        println!("-- {}/{}: {}", t.group, t.name, t.verdict);
        let mut parts = vec![("input", &io.input), ("expected", &io.expected), ("output", &io.output)];
        parts.extend(io.stdout.iter().filter(|s| !s.is_empty()).map(|s| ("stdout", s)));
        for (what, text) in parts {
            println!("{what}:\n{}", terminal_safe(text.trim_end(), true));
        }
    }
}

fn print_summary(result: &JudgeResult) {
    if let Some(output) = &result.compile_output {
        let shown: String = output.lines().take(30).collect::<Vec<_>>().join("\n");
        println!("compiler output:\n{}", terminal_safe(&shown, true));
    }
    if !result.categories.is_empty() {
        let tallies: Vec<String> = result
            .categories
            .iter()
            .map(|c| format!("{} {}/{}", c.category.name(), c.passed, c.total))
            .collect();
        println!("passed: {}", tallies.join(", "));
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

/// `mockjudge verify`: every problem's submissions against their folders; exit 0 when all match.
pub async fn verify(problems: Vec<PathBuf>, cache_dir: PathBuf, max_source_bytes: usize) -> Result<ExitCode, Fatal> {
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
        let report = verify::verify(&sandbox, &problem, cache_dir.clone(), max_source_bytes, &mut show).await?;
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

/// Prints set-up progress, each line with the seconds since the first.
fn timed_lines() -> impl FnMut(String) {
    let started = std::time::Instant::now();
    move |line| println!("[{:>5.1}s] {line}", started.elapsed().as_secs_f64())
}

/// `mockjudge images list`: each language's image and whether it is built.
pub async fn images_list() -> Result<ExitCode, Fatal> {
    for status in Sandbox::connect().await?.images().await {
        let state = match status.size_bytes {
            Some(size) => format!("built, {} MiB", size >> 20),
            None => "missing".to_string(),
        };
        println!("{:<11} {:<32} {state}", status.lang.name(), status.image);
    }
    Ok(ExitCode::SUCCESS)
}

/// `mockjudge images build`: the missing images of `langs`, with timed progress lines.
pub async fn images_build(langs: &[Language]) -> Result<ExitCode, Fatal> {
    Sandbox::connect().await?.build_images(langs, &mut timed_lines()).await?;
    Ok(ExitCode::SUCCESS)
}

/// `mockjudge sweep`: removes boxes whose creating process is gone (`all`: every one of ours).
pub async fn sweep(all: bool) -> Result<ExitCode, Fatal> {
    let removed = Sandbox::connect().await?.sweep(all).await?;
    println!("removed {removed} container(s)");
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

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
