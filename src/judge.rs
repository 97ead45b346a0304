//! Judging one submission: one box for the candidate's program (compile once, then every test
//! in it), the problem's validator in a box of its own when it has one, and the grader walking
//! the test groups. Expected answers are read here and never written into the candidate's box.

use crate::checker::custom::{self, ValidatorBox, ValidatorError};
use crate::checker::{token_diff, Check};
use crate::grader::{self, Child, Outcome};
use crate::kinds::{self, database, function, Program, Service};
use crate::problem::api::Api;
use crate::language::Language;
use crate::problem::interview::Category;
use crate::problem::{Limits, OnReject, OutputValidator, Problem, ProblemError, TestCase, TestGroup, TestItem};
use crate::sandbox::{images, BoxSpec, RunOutput, Sandbox, SandboxBox, SandboxError};
use crate::verdict::{self, GroupResult, JudgeResult, SampleIo, TestResult, Verdict};
use mockjudge_runner::{Exit, Report, RunSpec};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Wall-clock limit = this × the CPU time limit: generous enough for a loaded machine, short
/// enough that a program sleeping or blocked is stopped soon.
pub const WALL_FACTOR: u32 = 3;
/// Sources larger than this are refused unless configured otherwise.
pub const DEFAULT_MAX_SOURCE_BYTES: usize = 256 << 10;
/// How much compiler output a compile error carries.
const COMPILE_OUTPUT_CAP: u64 = 64 << 10;
/// How much of a program's stderr is kept (for run-time error messages).
const STDERR_CAP: u64 = 16 << 10;
/// The most a function's returned value or a query's rows may take (or the output limit, when
/// lower): the judge parses the whole result, at tens of bytes per value, and a result is the
/// candidate's to size, so a problem's large output limit must not become the judge's memory.
const RESULT_CAP: u64 = 8 << 20;
/// Where the judge puts each test's input inside the box.
const INPUT_FILE: &str = ".input";

/// A candidate's program.
#[derive(Debug, Clone)]
pub struct Submission {
    pub language: Language,
    pub source: String,
}

#[derive(Debug, thiserror::Error)]
pub enum SubmissionError {
    #[error("{path}: {message}")]
    Unreadable { path: PathBuf, message: String },
    #[error("{0}")]
    Language(#[from] crate::language::UnknownLanguage),
    #[error("source is empty")]
    Empty,
    #[error("source is {size} bytes, over the limit of {limit} bytes")]
    TooLarge { size: usize, limit: usize },
}

impl Submission {
    /// Checks a source before it goes anywhere: not empty, not over `max_bytes`.
    pub fn new(language: Language, source: String, max_bytes: usize) -> Result<Submission, SubmissionError> {
        if source.len() > max_bytes {
            return Err(SubmissionError::TooLarge { size: source.len(), limit: max_bytes });
        }
        if source.trim().is_empty() {
            return Err(SubmissionError::Empty);
        }
        Ok(Submission { language, source })
    }

    /// Reads a source file; unless given, the language is detected from its name and first line
    /// (`Language::detect`).
    pub fn from_file(path: &Path, language: Option<Language>, max_bytes: usize) -> Result<Submission, SubmissionError> {
        let unreadable = |message: String| SubmissionError::Unreadable { path: path.to_path_buf(), message };
        if language.is_none() {
            // An unknown extension is named before the file is read.
            Language::from_path(path)?;
        }
        let size = std::fs::metadata(path).map_err(|e| unreadable(e.to_string()))?.len();
        if size > max_bytes as u64 {
            return Err(unreadable(format!("{size} bytes, over the source limit of {max_bytes} bytes")));
        }
        let source = std::fs::read_to_string(path).map_err(|e| unreadable(e.to_string()))?;
        let language = match language {
            Some(l) => l,
            None => Language::detect(path, &source)?,
        };
        Submission::new(language, source, max_bytes).map_err(|e| unreadable(e.to_string()))
    }
}

/// Failures that stop judging before any verdict: the setup, not the submission, is wrong.
#[derive(Debug, thiserror::Error)]
pub enum JudgeError {
    #[error(transparent)]
    Problem(#[from] ProblemError),
    #[error(transparent)]
    Sandbox(#[from] SandboxError),
    #[error("{0}")]
    Unsupported(String),
}

/// Progress, in the order it happens.
#[derive(Debug, Clone)]
pub enum Event {
    Compiling,
    Testing { index: usize, total: usize },
    TestDone(TestResult),
}

/// Settings for one judging.
#[derive(Debug, Clone)]
pub struct JudgeOptions {
    pub time_limit: Duration,
    /// Where compiled validators are cached.
    pub cache_dir: PathBuf,
    /// Run every test even after one fails, whatever the groups' `on_reject` says: an
    /// assessment's score is the share of tests passed.
    pub every_test: bool,
}

/// Judges `submission` on `problem`. Sandbox trouble after the box is up ends as IE in the
/// result; an `Err` means judging could not start.
#[tracing::instrument(name = "judge", skip_all, fields(problem = %problem.dir.display(), language = %submission.language))]
pub async fn judge(
    sandbox: &Sandbox,
    problem: &Problem,
    submission: &Submission,
    options: &JudgeOptions,
    on_event: &mut (dyn FnMut(Event) + Send),
) -> Result<JudgeResult, JudgeError> {
    let base_flags = match &problem.validator {
        OutputValidator::Default { flags } | OutputValidator::Custom { flags, .. } => flags.clone(),
    };
    if let OutputValidator::Default { .. } = problem.validator {
        token_diff::Flags::parse(&base_flags)
            .map_err(|e| ProblemError::field(&problem.dir.join("problem.yaml"), "validator_flags", e))?;
    }
    let program = program_for(problem, submission, options.time_limit)?;
    let spec = box_spec(problem, submission.language, &program);
    let validator = match &problem.validator {
        OutputValidator::Custom { dir, .. } => Some(custom::prepare(sandbox, dir, &options.cache_dir)),
        OutputValidator::Default { .. } => None,
    };
    // Start the candidate's box and prepare the validator at the same time.
    let (sbox, prepared) = match validator {
        Some(prepare) => {
            let (sbox, prepared) = tokio::join!(sandbox.open(&spec), prepare);
            (sbox, Some(prepared))
        }
        None => (sandbox.open(&spec).await, None),
    };
    let mut sbox = sbox?;
    let mut run = Run {
        problem,
        options,
        base_flags,
        validator: None,
        tests: Vec::new(),
        groups: Vec::new(),
        total: problem.data.cases().len(),
        failure: None,
        on_event,
    };
    let result = match prepared {
        Some(Err(ValidatorError::Sandbox(e))) => Err(e.into()),
        Some(Err(e)) => Ok(run.internal_error(e.to_string())),
        Some(Ok(prepared)) => match ValidatorBox::open(sandbox, &prepared).await {
            Ok(vbox) => {
                run.validator = Some(vbox);
                Ok(run.execute(&mut sbox, &program, submission.language).await)
            }
            Err(e) => Err(e.into()),
        },
        None => Ok(run.execute(&mut sbox, &program, submission.language).await),
    };
    if let Some(vbox) = run.validator.take() {
        vbox.close().await;
    }
    sbox.close().await;
    result
}

/// What `submission` becomes in the box for `problem`'s kind, its tests' time limit `time_limit`.
fn program_for(problem: &Problem, submission: &Submission, time_limit: Duration) -> Result<Program, JudgeError> {
    let (language, source, memory_mib) = (submission.language, &submission.source, problem.limits.memory_mib);
    let languages = problem.interview.languages();
    if !languages.contains(&language) {
        let names: Vec<&str> = languages.iter().map(|l| l.name()).collect();
        return Err(JudgeError::Unsupported(format!("{} does not take {language}; it takes {}", problem.slug, names.join(", "))));
    }
    Ok(match (problem.interview.signature(), &problem.interview.database) {
        (Some(signature), _) => function::program(language, signature, source, memory_mib).expect("a function problem's languages have drivers"),
        (None, Some(db)) => database::program(language, source, db, memory_mib, time_limit * WALL_FACTOR),
        (None, None) => kinds::plain(language, source, memory_mib),
    })
}

/// The box a submission runs in: room for compiling, narrowed to the problem's limit after.
fn box_spec(problem: &Problem, language: Language, program: &Program) -> BoxSpec {
    let limits = &problem.limits;
    BoxSpec {
        image: images::image_for(language),
        lang: language.name().into(),
        memory_bytes: (limits.memory_mib << 20).max(limits.compilation_memory_mib << 20),
        service_dir_bytes: program.service.as_ref().map(|s| s.dir_mib << 20),
        role: "submission",
    }
}

/// Writes the program's files, starts its service and compiles them, then seals the box and
/// narrows its memory to the problem's limit.
async fn compile(sbox: &mut SandboxBox, program: &Program, lang: Language, limits: &Limits) -> Result<RunOutput, SandboxError> {
    for (name, contents) in &program.files {
        sbox.write(name, contents.as_bytes(), false).await?;
    }
    if let Some(service) = &program.service {
        serve(sbox, &service.start, lang, limits).await?;
    }
    let out = sbox
        .run(RunSpec {
            argv: program.compile.clone(),
            env: lang.env(),
            cpu_ms: limits.compilation_time.as_millis() as u64,
            wall_ms: 2 * limits.compilation_time.as_millis() as u64,
            memory_bytes: limits.compilation_memory_mib << 20,
            stdout_cap: COMPILE_OUTPUT_CAP,
            stderr_cap: COMPILE_OUTPUT_CAP,
            ..Default::default()
        })
        .await?;
    sbox.seal().await?;
    if limits.compilation_memory_mib > limits.memory_mib {
        sbox.limit_memory(limits.memory_mib << 20).await?;
    }
    Ok(out)
}

/// Runs a command of the box's service, which must succeed: a service that cannot start (the
/// problem's schema fails) or be reset is no candidate's doing.
async fn serve(sbox: &mut SandboxBox, argv: &[String], lang: Language, limits: &Limits) -> Result<(), SandboxError> {
    let out = sbox
        .serve(RunSpec {
            argv: argv.to_vec(),
            env: lang.env(),
            cpu_ms: SERVICE_TIME.as_millis() as u64,
            wall_ms: 2 * SERVICE_TIME.as_millis() as u64,
            memory_bytes: limits.memory_mib.max(limits.compilation_memory_mib) << 20,
            stdout_cap: COMPILE_OUTPUT_CAP,
            stderr_cap: COMPILE_OUTPUT_CAP,
            ..Default::default()
        })
        .await?;
    match out.report.exit {
        Exit::Exited { code: 0 } => Ok(()),
        exit => {
            let stderr = String::from_utf8_lossy(&out.stderr);
            Err(SandboxError::Refused(format!("the box's service failed ({}): {}", describe_exit(exit), stderr.trim())))
        }
    }
}

/// How long starting or resetting a box's service may take (CPU time; twice that of wall time).
const SERVICE_TIME: Duration = Duration::from_secs(20);

/// The compiler's output, and why compiling failed if it did.
fn compile_outcome(compiled: RunOutput) -> (Option<String>, Option<String>) {
    let output = String::from_utf8_lossy(&[compiled.stdout, compiled.stderr].concat()).trim().to_string();
    let output = (!output.is_empty()).then_some(output);
    let r = &compiled.report;
    let failed = (r.exit != (Exit::Exited { code: 0 })).then(|| {
        if r.cpu_timeout || r.wall_timeout {
            "compilation timed out".to_string()
        } else {
            format!("the compiler failed ({})", describe_exit(r.exit))
        }
    });
    (output, failed)
}

/// What a test's run gave to be checked, by the problem's kind.
enum Answer {
    /// A program's output: its stdout.
    Printed,
    /// What a function returned, as its driver reported it.
    Returned(Result<function::Returned, String>),
    /// A database problem's rows, or what each statement of a schema test did.
    Database(Result<database::Got, String>),
}

/// One test's run: the program on `input`, and what it gave to be checked.
struct Ran {
    out: RunOutput,
    /// The verdict the run earned before its output is looked at (see [`classify`]).
    limit: Option<(Verdict, String)>,
    answer: Answer,
    /// A database problem's own schema or test data failed (the database's message): the
    /// problem is broken, or a custom input is not valid SQL.
    data_failed: Option<String>,
}

impl Ran {
    /// What is checked, as text: the program's output, the JSON value the function returned,
    /// or the rows as a table. Made when asked for: only samples and custom validators need it.
    fn output(&self) -> Vec<u8> {
        match &self.answer {
            Answer::Printed => self.out.stdout.clone(),
            Answer::Returned(returned) => returned.as_ref().map(|r| r.value.to_string().into_bytes()).unwrap_or_default(),
            Answer::Database(got) => got.as_ref().map(|g| database::shown(g).into_bytes()).unwrap_or_default(),
        }
    }
}

/// Runs the compiled program on `input` under the problem's limits; after a run the runner had
/// to stop, the box's service is reset, so that the next test finds it idle.
async fn run_test(
    sbox: &mut SandboxBox,
    problem: &Problem,
    time_limit: Duration,
    program: &Program,
    lang: Language,
    input: &[u8],
) -> Result<Ran, SandboxError> {
    sbox.write(INPUT_FILE, input, false).await?;
    let tl = time_limit.as_millis() as u64;
    let output_bytes = problem.limits.output_mib << 20;
    let result_cap = output_bytes.min(RESULT_CAP);
    let memory_bytes = problem.limits.memory_mib << 20;
    let signature = problem.interview.signature();
    let database = problem.interview.database.as_ref();
    let has_result_file = signature.is_some() || database.is_some();
    if let Some(service) = &program.service {
        if let Some((out, why)) = prepare(sbox, service, lang, &problem.limits).await? {
            return Ok(Ran { out, limit: None, answer: Answer::Printed, data_failed: Some(why) });
        }
    }
    let out = sbox
        .run(RunSpec {
            argv: program.run.clone(),
            env: lang.env(),
            stdin: Some(INPUT_FILE.into()),
            cpu_ms: tl,
            wall_ms: tl * WALL_FACTOR as u64,
            memory_bytes,
            stdout_cap: output_bytes,
            stderr_cap: STDERR_CAP,
            collect: if has_result_file { vec![function::RESULT_FILE.to_string()] } else { Vec::new() },
            // One byte over the cap tells a result at the cap from one cut there.
            collect_cap: result_cap + 1,
            ..Default::default()
        })
        .await?;
    if let (Some(service), true) = (&program.service, stopped(&out.report)) {
        serve(sbox, &service.reset, lang, &problem.limits).await?;
    }
    let data_failed = (database.is_some() && out.report.exit == (Exit::Exited { code: database::PROBLEM_FAILED }))
        .then(|| String::from_utf8_lossy(&out.stderr).trim().to_string());
    let limits = RunLimits { cpu_ms: tl, memory_bytes, output_bytes };
    let mut limit = classify(&out.report, &String::from_utf8_lossy(&out.stderr), &limits);
    if !has_result_file {
        return Ok(Ran { out, limit, answer: Answer::Printed, data_failed });
    }
    let file = out.files.iter().find(|(name, _)| name == function::RESULT_FILE).map(|(_, b)| b.as_slice());
    if file.is_some_and(|b| b.len() as u64 > result_cap) && limit.is_none() {
        limit = Some((Verdict::OLE, format!("returned more than {} MiB", result_cap >> 20)));
    }
    let answer = match signature {
        Some(signature) => Answer::Returned(function::read_result(signature, file)),
        None => Answer::Database(database::read_result(database.expect("a result file is a function's or a database's"), file)),
    };
    Ok(Ran { out, limit, answer, data_failed })
}

/// Whether the runner had to stop a run (or something killed it): a box's service may still be
/// busy with its work.
fn stopped(r: &mockjudge_runner::Report) -> bool {
    r.cpu_timeout || r.wall_timeout || r.memory_limit || r.output_limit || r.oom_killed || matches!(r.exit, Exit::Signaled { .. })
}

/// How long readying a box's service for a test may take (a test's data loading, CPU time;
/// twice that of wall time): not the candidate's time, but bounded, as a custom input is theirs.
const PREPARE_TIME: Duration = Duration::from_secs(10);

/// Readies the box's service for the next test on its input (the test's data), in a run of its
/// own, so that the timed run is the candidate's alone. `Some((its output, why))` when the input
/// could not be loaded: the problem's fault, or a custom input's.
async fn prepare(sbox: &mut SandboxBox, service: &Service, lang: Language, limits: &Limits) -> Result<Option<(RunOutput, String)>, SandboxError> {
    let memory_bytes = limits.memory_mib << 20;
    let out = sbox
        .run(RunSpec {
            argv: service.prepare.clone(),
            env: lang.env(),
            stdin: Some(INPUT_FILE.into()),
            cpu_ms: PREPARE_TIME.as_millis() as u64,
            wall_ms: 2 * PREPARE_TIME.as_millis() as u64,
            memory_bytes,
            stdout_cap: STDERR_CAP,
            stderr_cap: STDERR_CAP,
            ..Default::default()
        })
        .await?;
    let r = &out.report;
    if stopped(r) {
        serve(sbox, &service.reset, lang, limits).await?;
    }
    let why = if r.cpu_timeout || r.wall_timeout {
        format!("the test data did not load within {} s", PREPARE_TIME.as_secs())
    } else if r.memory_limit || r.oom_killed {
        format!("the test data did not load within {} MiB", memory_bytes >> 20)
    } else if r.exit == (Exit::Exited { code: 0 }) {
        return Ok(None);
    } else {
        String::from_utf8_lossy(&out.stderr).trim().to_string()
    };
    Ok(Some((out, why)))
}

/// Runs `submission` once on `input` and returns what it gave: its output, or for a function
/// problem the JSON value its function returned. The inner `Err` says why it gave nothing on
/// this input (it failed or ran out of a limit), without its stderr; that it did not compile is
/// an outer `Err` (no input is to blame), without its compiler output:
/// runs on a candidate's own input take their expected output from the problem's reference
/// solution this way, and the reason is shown to the candidate.
pub async fn produce(
    sandbox: &Sandbox,
    problem: &Problem,
    submission: &Submission,
    input: &[u8],
    time_limit: Duration,
) -> Result<Result<Vec<u8>, String>, JudgeError> {
    let program = program_for(problem, submission, time_limit)?;
    let lang = submission.language;
    let mut sbox = sandbox.open(&box_spec(problem, lang, &program)).await?;
    let produced: Result<Result<Vec<u8>, String>, JudgeError> = async {
        // The reasons go to whoever gave the input, who must not see the solution: no compiler
        // output, no stderr (a traceback quotes the source's lines and its values).
        let (compiler_output, failed) = compile_outcome(compile(&mut sbox, &program, lang, &problem.limits).await?);
        if let Some(why) = failed {
            // Not the input's doing (compiling does not see it): the problem's or the judge's
            // fault, an internal error, not a refused input that /metrics would not count.
            tracing::warn!(compiler_output, "{}: {why}", problem.dir.display());
            return Err(JudgeError::Unsupported(format!("the reference solution did not compile: {why}")));
        }
        let ran = run_test(&mut sbox, problem, time_limit, &program, lang, input).await?;
        if let Some(why) = ran.data_failed {
            return Ok(Err(why));
        }
        let output = ran.output();
        Ok(match (ran.limit, ran.answer) {
            (Some((Verdict::RTE, _)), _) => Err(format!("{}: {}", Verdict::RTE, describe_exit(ran.out.report.exit))),
            (Some((verdict, message)), _) => Err(format!("{verdict}: {message}")),
            (None, Answer::Returned(Err(message)) | Answer::Database(Err(message))) => Err(message),
            (None, Answer::Database(Ok(database::Got::Rows(rows, _)))) => Ok(serde_json::to_vec(&rows).expect("rows serialize")),
            (None, _) => Ok(output),
        })
    }
    .await;
    sbox.close().await;
    produced
}

/// What one test's run and check came to.
struct CaseRun {
    verdict: Verdict,
    report: Option<mockjudge_runner::Report>,
    message: Option<String>,
    score: Option<f64>,
    sample: Option<SampleIo>,
}

/// The state of one judging as it walks the tests.
struct Run<'a> {
    problem: &'a Problem,
    options: &'a JudgeOptions,
    base_flags: Vec<String>,
    validator: Option<ValidatorBox>,
    tests: Vec<TestResult>,
    groups: Vec<GroupResult>,
    total: usize,
    /// Set when the box failed: judging stops and the submission is IE.
    failure: Option<String>,
    on_event: &'a mut (dyn FnMut(Event) + Send),
}

impl Run<'_> {
    fn time_limit_ms(&self) -> u64 {
        self.options.time_limit.as_millis() as u64
    }

    fn result(&self, verdict: Verdict, outcome: Option<Outcome>, compile_output: Option<String>, message: Option<String>) -> JudgeResult {
        let mut result = JudgeResult {
            verdict,
            score: outcome.filter(|_| self.problem.scoring).map(|o| o.score),
            max_score: self.problem.scoring.then(|| grader::max_score(&self.problem.data)),
            time_limit_ms: self.time_limit_ms(),
            tests: self.tests.clone(),
            groups: self.groups.clone(),
            categories: verdict::tally(&self.categories(), &self.tests),
            compile_output,
            message,
            invalid_input: None,
        };
        // Each test's score is finite (testdata.yaml's are checked on loading, a validator's when
        // read), but sums can pass what a float holds (1e308 twice); JSON has no infinity, so
        // such a result could not be stored and read back.
        let mut sums = result.score.iter().chain(&result.max_score).chain(result.groups.iter().map(|g| &g.score));
        if !sums.all(|s| s.is_finite()) {
            result.verdict = Verdict::IE;
            result.score = None;
            result.max_score = None;
            result.groups.clear();
            result.message = Some("the problem's scores add up to more than a number can hold".into());
        }
        result
    }

    /// The category of every test of the problem, run or not.
    fn categories(&self) -> Vec<Category> {
        self.problem.data.cases().iter().map(|c| self.problem.category_of(c)).collect()
    }

    fn internal_error(&self, message: String) -> JudgeResult {
        self.result(Verdict::IE, None, None, Some(message))
    }

    async fn execute(&mut self, sbox: &mut SandboxBox, program: &Program, lang: Language) -> JudgeResult {
        (self.on_event)(Event::Compiling);
        let compiled = match compile(sbox, program, lang, &self.problem.limits).await {
            Ok(out) => out,
            Err(e) => return self.internal_error(format!("compiling: {e}")),
        };
        let (output, failed) = compile_outcome(compiled);
        if let Some(why) = failed {
            return self.result(Verdict::CE, None, output, Some(why));
        }

        let root = &self.problem.data;
        let outcome = self.judge_group(sbox, root, program, lang).await;
        match self.failure.take() {
            Some(message) => self.result(Verdict::IE, None, output, Some(message)),
            None => self.result(outcome.verdict, Some(outcome), output, None),
        }
    }

    async fn judge_group(&mut self, sbox: &mut SandboxBox, group: &TestGroup, program: &Program, lang: Language) -> Outcome {
        let mut children = Vec::new();
        for item in &group.items {
            if self.failure.is_some() {
                break;
            }
            let child = match item {
                TestItem::Case(case) => Child {
                    outcome: self.judge_case(sbox, case, group, program, lang).await,
                    sample_group: false,
                },
                TestItem::Group(sub) => Child {
                    outcome: Box::pin(self.judge_group(sbox, sub, program, lang)).await,
                    sample_group: sub.path == "sample",
                },
            };
            children.push(child);
            if !child.outcome.verdict.is_accepted() && group.settings.on_reject == OnReject::Break && !self.options.every_test {
                break;
            }
        }
        let outcome = grader::aggregate(&group.settings, &children);
        self.groups.push(GroupResult { group: group.path.clone(), verdict: outcome.verdict, score: outcome.score });
        outcome
    }

    #[tracing::instrument(name = "test", skip_all, fields(group = %case.group, test = %case.name))]
    async fn judge_case(&mut self, sbox: &mut SandboxBox, case: &TestCase, group: &TestGroup, program: &Program, lang: Language) -> Outcome {
        (self.on_event)(Event::Testing { index: self.tests.len() + 1, total: self.total });
        let done = match self.run_case(sbox, case, group, program, lang).await {
            Ok(done) => done,
            Err(e) => {
                self.failure = Some(format!("test {}/{}: {e}", case.group, case.name));
                CaseRun { verdict: Verdict::IE, report: None, message: Some(e.to_string()), score: None, sample: None }
            }
        };
        let outcome = grader::test_outcome(&group.settings, done.verdict, done.score);
        let report = done.report.as_ref();
        let result = TestResult {
            group: case.group.clone(),
            name: case.name.clone(),
            category: self.problem.category_of(case),
            verdict: done.verdict,
            cpu_ms: report.map_or(0, |r| r.cpu_ms),
            wall_ms: report.map_or(0, |r| r.wall_ms),
            memory_kib: report.map_or(0, |r| r.peak_memory_kib),
            score: self.problem.scoring.then_some(outcome.score),
            message: done.message,
            sample: done.sample,
        };
        (self.on_event)(Event::TestDone(result.clone()));
        self.tests.push(result);
        outcome
    }

    /// Runs one test and checks its output.
    async fn run_case(
        &mut self,
        sbox: &mut SandboxBox,
        case: &TestCase,
        group: &TestGroup,
        program: &Program,
        lang: Language,
    ) -> Result<CaseRun, SandboxError> {
        let read = |p: &Path| std::fs::read(p).map_err(|e| SandboxError::Refused(format!("{}: {e}", p.display())));
        let input = read(&case.input)?;
        if let Some(api) = &self.problem.interview.api {
            return self.run_scenario(sbox, case, &input, program, lang, api).await;
        }
        let ran = run_test(sbox, self.problem, self.options.time_limit, program, lang, &input).await?;
        // Shown for samples and given to a custom validator; the built-in checks need no text.
        let output = if case.sample || self.validator.is_some() { ran.output() } else { Vec::new() };
        let Ran { out, limit: verdict_message, answer: got, data_failed } = ran;
        if let Some(why) = data_failed {
            return Err(SandboxError::Refused(why));
        }
        let answer = read(&case.answer)?;
        let interview = &self.problem.interview;
        let sample = case.sample.then(|| match &got {
            Answer::Printed => SampleIo::new(&input, &answer, &output),
            Answer::Returned(_) => SampleIo::returned(&input, &answer, &output, &out.stdout),
            Answer::Database(_) => {
                // Expected rows as a table too; a schema test's steps as they are.
                let expected = serde_json::from_slice(&answer).map(|rows| database::table(&rows).into_bytes()).unwrap_or_else(|_| answer.clone());
                SampleIo::new(&input, &expected, &output)
            }
        });
        if let Some((verdict, message)) = verdict_message {
            return Ok(CaseRun { verdict, report: Some(out.report), message: Some(message), score: None, sample });
        }
        let mut flags = self.base_flags.clone();
        flags.extend(group.settings.validator_flags.iter().cloned());
        let refused = |e: String| SandboxError::Refused(format!("{}: {e}", case.answer.display()));
        let check = match (&mut self.validator, got) {
            (_, Answer::Returned(Err(message)) | Answer::Database(Err(message))) => Check::reject(message),
            (Some(vbox), _) => vbox.check(&input, &answer, &output, &flags, Duration::from_secs(30)).await?,
            (None, Answer::Returned(Ok(returned))) => {
                let signature = interview.signature().expect("a function problem has a signature");
                let answer: serde_json::Value = serde_json::from_slice(&answer).map_err(|e| refused(format!("not JSON: {e}")))?;
                function::check(signature, &String::from_utf8_lossy(&input), &answer, &returned)
            }
            (None, Answer::Database(Ok(got))) => {
                let db = interview.database.as_ref().expect("a database problem has its setup");
                database::check(db, &answer, &got).map_err(refused)?
            }
            (None, Answer::Printed) => match token_diff::Flags::parse(&flags) {
                Ok(f) => token_diff::check(&answer, &out.stdout, &f),
                Err(e) => return Err(SandboxError::Refused(format!("{}: output_validator_flags: {e}", case.group))),
            },
        };
        let Check { accepted, message, score } = check;
        let verdict = if accepted { Verdict::AC } else { Verdict::WA };
        Ok(CaseRun { verdict, report: Some(out.report), message, score, sample })
    }
}

impl Run<'_> {
    /// Plays an API problem's test (its scenario) against a fresh server: the verdict is the
    /// server's limits' (MLE, TLE), else the first step that falls short, else AC.
    async fn run_scenario(&mut self, sbox: &mut SandboxBox, case: &TestCase, input: &[u8], program: &Program, lang: Language, api: &Api) -> Result<CaseRun, SandboxError> {
        let scenario = self.problem.scenarios.get(&case.input).ok_or_else(|| SandboxError::Refused(format!("{}: no scenario loaded", case.input.display())))?;
        let memory_bytes = self.problem.limits.memory_mib << 20;
        let per_request = self.options.time_limit;
        let spec = kinds::api::server_spec(program.run.clone(), lang.env(), api, per_request, scenario, memory_bytes);
        let played = kinds::api::play(sbox, spec, api, scenario, per_request).await?;
        let server = played.server.expect("a played scenario has the server's run");
        let r = &server.report;
        let (verdict, message) = if r.memory_limit || r.oom_killed {
            (Verdict::MLE, Some(format!("the server used {} MiB; limit {} MiB", r.peak_memory_kib >> 10, memory_bytes >> 20)))
        } else if r.cpu_timeout || r.wall_timeout {
            (Verdict::TLE, Some(format!("the server ran {} ms CPU, {} ms wall, past its limits", r.cpu_ms, r.wall_ms)))
        } else if let Some(failed) = played.failed {
            (failed.verdict, Some(if case.sample { failed.message } else { failed.hidden }))
        } else {
            (Verdict::AC, None)
        };
        let sample = case.sample.then(|| {
            let log = [server.stdout.as_slice(), server.stderr.as_slice()].concat();
            SampleIo { stdout: Some(SampleIo::new(b"", b"", &log).output), ..SampleIo::new(input, b"", played.transcript.as_bytes()) }
        });
        Ok(CaseRun { verdict, report: Some(server.report), message, score: None, sample })
    }
}

/// The limits a test's run is judged against.
pub struct RunLimits {
    pub cpu_ms: u64,
    pub memory_bytes: u64,
    pub output_bytes: u64,
}

/// The verdict a run earns before its output is looked at, with a message, or `None` when it
/// ended cleanly within every limit and its output decides. A program over its memory limit
/// would have been stopped there before it could run out of time, so memory is judged before
/// time; output past its limit is cut at once, so it comes first.
pub fn classify(r: &Report, stderr: &str, limits: &RunLimits) -> Option<(Verdict, String)> {
    let tl = limits.cpu_ms;
    if r.output_limit {
        Some((Verdict::OLE, format!("more than {} MiB of output", limits.output_bytes >> 20)))
    } else if r.memory_limit
        || r.oom_killed
        || r.peak_memory_kib << 10 > limits.memory_bytes
        || stderr.contains("java.lang.OutOfMemoryError")
    {
        Some((Verdict::MLE, format!("used {} MiB; limit {} MiB", r.peak_memory_kib >> 10, limits.memory_bytes >> 20)))
    } else if r.cpu_timeout || r.wall_timeout || r.cpu_ms > tl || r.exit == (Exit::Signaled { signal: libc::SIGXCPU }) {
        Some((Verdict::TLE, format!("ran {} ms CPU, {} ms wall; limit {tl} ms", r.cpu_ms, r.wall_ms)))
    } else if r.exit != (Exit::Exited { code: 0 }) {
        let tail: Vec<&str> = stderr.lines().rev().take(3).collect();
        let tail = tail.into_iter().rev().collect::<Vec<_>>().join("\n");
        Some((Verdict::RTE, if tail.is_empty() { describe_exit(r.exit) } else { format!("{}: {tail}", describe_exit(r.exit)) }))
    } else {
        None
    }
}

/// "exit code 3", "killed by signal 11 (SIGSEGV)".
pub fn describe_exit(exit: Exit) -> String {
    match exit {
        Exit::Exited { code } => format!("exit code {code}"),
        Exit::Signaled { signal } => {
            let name = match signal {
                libc::SIGILL => " (SIGILL)",
                libc::SIGABRT => " (SIGABRT)",
                libc::SIGFPE => " (SIGFPE)",
                libc::SIGKILL => " (SIGKILL)",
                libc::SIGSEGV => " (SIGSEGV)",
                libc::SIGXCPU => " (SIGXCPU)",
                _ => "",
            };
            format!("killed by signal {signal}{name}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMITS: RunLimits = RunLimits { cpu_ms: 1000, memory_bytes: 256 << 20, output_bytes: 8 << 20 };

    fn clean() -> Report {
        Report {
            exit: Exit::Exited { code: 0 },
            cpu_ms: 500,
            wall_ms: 600,
            peak_memory_kib: 10 << 10,
            cpu_timeout: false,
            memory_limit: false,
            wall_timeout: false,
            output_limit: false,
            oom_killed: false,
            stopped: false,
            stdout_len: 0,
            stderr_len: 0,
            files: Vec::new(),
        }
    }

    fn verdict(r: Report, stderr: &str) -> Option<Verdict> {
        classify(&r, stderr, &LIMITS).map(|(v, _)| v)
    }

    #[test]
    fn a_clean_run_within_its_limits_is_left_to_the_checker() {
        assert_eq!(verdict(clean(), "a warning on stderr"), None);
        assert_eq!(verdict(Report { cpu_ms: 1000, peak_memory_kib: 256 << 10, ..clean() }, ""), None);
    }

    #[test]
    fn output_then_memory_then_time_then_exit_decide() {
        let everything = Report {
            output_limit: true,
            memory_limit: true,
            cpu_timeout: true,
            exit: Exit::Signaled { signal: libc::SIGKILL },
            ..clean()
        };
        assert_eq!(verdict(everything.clone(), ""), Some(Verdict::OLE));
        assert_eq!(verdict(Report { output_limit: false, ..everything.clone() }, ""), Some(Verdict::MLE));
        assert_eq!(verdict(Report { output_limit: false, memory_limit: false, ..everything.clone() }, ""), Some(Verdict::TLE));
        let killed = Report { output_limit: false, memory_limit: false, cpu_timeout: false, ..everything };
        assert_eq!(verdict(killed, ""), Some(Verdict::RTE));
    }

    #[test]
    fn each_sign_of_a_limit_counts() {
        assert_eq!(verdict(Report { oom_killed: true, ..clean() }, ""), Some(Verdict::MLE));
        assert_eq!(verdict(Report { peak_memory_kib: (256 << 10) + 1, ..clean() }, ""), Some(Verdict::MLE));
        let java_oom = "Exception in thread \"main\" java.lang.OutOfMemoryError: Java heap space";
        assert_eq!(verdict(Report { exit: Exit::Exited { code: 1 }, ..clean() }, java_oom), Some(Verdict::MLE));
        assert_eq!(verdict(Report { cpu_ms: 1001, ..clean() }, ""), Some(Verdict::TLE));
        assert_eq!(verdict(Report { wall_timeout: true, ..clean() }, ""), Some(Verdict::TLE));
        assert_eq!(verdict(Report { exit: Exit::Signaled { signal: libc::SIGXCPU }, ..clean() }, ""), Some(Verdict::TLE));
    }

    #[test]
    fn a_run_time_error_says_how_it_ended_and_the_last_lines_of_stderr() {
        let r = Report { exit: Exit::Signaled { signal: libc::SIGSEGV }, ..clean() };
        assert_eq!(classify(&r, "", &LIMITS).unwrap().1, "killed by signal 11 (SIGSEGV)");
        let r = Report { exit: Exit::Exited { code: 3 }, ..clean() };
        let (v, message) = classify(&r, "one\ntwo\nthree\nfour\n", &LIMITS).unwrap();
        assert_eq!((v, message.as_str()), (Verdict::RTE, "exit code 3: two\nthree\nfour"));
    }
}
