//! Function and class problems in every language with a driver, in real boxes: accepted code in
//! LeetCode's shapes, wrong answers, wrong return types and missing functions (a compile error
//! or a wrong answer naming the function, never IE), prints that do not disturb the result,
//! recursion deep enough to need the driver's bigger stack, lists and trees both ways (empty
//! and with `null` children), a cyclic list returned, an in-place `void`, a class, `unordered`
//! and `unordered_nested`, a forbidden mutation, every value type there and back (`types`: longs
//! past 32 bits, doubles, escapes and non-ASCII strings, characters, grids, `ListNode[]`), and
//! starter code that compiles and answers wrong. The fixtures are under
//! `tests/fixtures/functions/<problem>/submissions/<what>/`.

mod common;

use common::{fixture, options, sandbox};
use mockjudge::judge::{self, Submission};
use mockjudge::kinds::function;
use mockjudge::language::Language;
use mockjudge::problem::Problem;
use mockjudge::runs;
use mockjudge::sandbox::Sandbox;
use mockjudge::verdict::{JudgeResult, Verdict};
use std::path::PathBuf;
use std::time::Duration;

const PROBLEMS: [&str; 7] = ["two-sum", "lists", "trees", "rotate", "lru", "subsets", "types"];

fn load(problem: &str) -> Problem {
    Problem::load(&fixture(&format!("functions/{problem}"))).unwrap_or_else(|e| panic!("{e}"))
}

async fn judge_source(sandbox: &Sandbox, problem: &Problem, language: Language, source: String) -> JudgeResult {
    let submission = Submission::new(language, source, judge::DEFAULT_MAX_SOURCE_BYTES).unwrap();
    let time_limit = problem.time_limit().unwrap_or(Duration::from_secs(2));
    judge::judge(sandbox, problem, &submission, &options(time_limit), &mut |_| {}).await.unwrap_or_else(|e| panic!("{e}"))
}

/// The fixture `what/<name>.<ext>` of `problem` for `language`, if there is one.
fn submission(problem: &str, what: &str, name: &str, language: Language) -> Option<PathBuf> {
    let ext = language.toolchain().extensions[0];
    let path = fixture(&format!("functions/{problem}/submissions/{what}/{name}.{ext}"));
    path.is_file().then_some(path)
}

struct Check {
    language: Language,
    wrong: Vec<String>,
}

impl Check {
    /// Judges a fixture file and returns its result after checking its verdict.
    async fn judge(&mut self, sandbox: &Sandbox, problem: &str, what: &str, name: &str, expected: Verdict) -> Option<JudgeResult> {
        let Some(path) = submission(problem, what, name, self.language) else {
            self.wrong.push(format!("{problem}/{what}/{name}: missing"));
            return None;
        };
        let source = std::fs::read_to_string(&path).unwrap();
        let result = judge_source(sandbox, &load(problem), self.language, source).await;
        if result.verdict != expected {
            let last = result.tests.iter().find(|t| t.verdict != Verdict::AC);
            self.wrong.push(format!(
                "{problem}/{what}/{name}: expected {expected}, got {} ({:?}; {:?}; compiler: {:?})",
                result.verdict,
                result.message,
                last,
                result.compile_output.as_deref().map(|o| o.chars().take(600).collect::<String>())
            ));
            return None;
        }
        Some(result)
    }

    /// Checks that a rejection names the function: in the compiler's output or the test's message.
    fn names(&mut self, result: Option<JudgeResult>, what: &str, names: &[&str]) {
        let Some(result) = result else { return };
        let said = match result.verdict {
            Verdict::CE => result.compile_output.clone().unwrap_or_default(),
            _ => result.tests.iter().find_map(|t| t.message.clone()).unwrap_or_default(),
        };
        if !names.iter().any(|n| said.contains(n)) {
            self.wrong.push(format!("{what}: the message does not name {names:?}: {said}"));
        }
    }
}

async fn check_language(language: Language) {
    let sandbox = sandbox().await;
    let mut check = Check { language, wrong: Vec::new() };
    let lang = language.name();
    let static_types = !matches!(language, Language::Python | Language::JavaScript);

    // Accepted, in LeetCode's shape, on every shape of problem.
    for problem in PROBLEMS {
        if let Some(result) = check.judge(&sandbox, problem, "accepted", lang, Verdict::AC).await {
            assert_eq!(result.tests.len(), load(problem).data.cases().len(), "{problem}: AC runs every test");
        }
    }
    // Prints do not disturb the result, and a sample shows them beside the returned value.
    if let Some(result) = check.judge(&sandbox, "two-sum", "accepted", &format!("{lang}_prints"), Verdict::AC).await {
        let sample = result.tests[0].sample.as_ref().expect("the first test is a sample");
        assert_eq!(sample.output, "[0,1]", "{lang}: the returned value is the output");
        assert!(sample.stdout.as_deref().is_some_and(|s| !s.trim().is_empty()), "{lang}: what it printed is kept: {sample:?}");
    }
    let wrong = check.judge(&sandbox, "two-sum", "wrong_answer", lang, Verdict::WA).await;
    check.names(wrong, "two-sum/wrong_answer", &["returned"]);
    let (bad_type, missing) = if static_types { (Verdict::CE, Verdict::CE) } else { (Verdict::WA, Verdict::WA) };
    let wrong_type = check.judge(&sandbox, "two-sum", "wrong_type", lang, bad_type).await;
    check.names(wrong_type, "two-sum/wrong_type", &["twoSum", "two_sum"]);
    let missing = check.judge(&sandbox, "two-sum", "missing", lang, missing).await;
    check.names(missing, "two-sum/missing", &["twoSum", "two_sum"]);
    // A cyclic list is a wrong answer that says so, not a hang (Rust's Box lists cannot cycle).
    if language != Language::Rust {
        let cyclic = check.judge(&sandbox, "lists", "cyclic", lang, Verdict::WA).await;
        check.names(cyclic, "lists/cyclic", &["cycl"]);
    }

    // Starter code compiles and answers wrong, on every problem.
    for problem in PROBLEMS {
        let p = load(problem);
        let starter = function::starter(language, p.interview.signature().unwrap()).unwrap();
        let result = judge_source(&sandbox, &p, language, starter.clone()).await;
        if result.verdict != Verdict::WA {
            check.wrong.push(format!("{problem}: the starter got {} ({:?} {:?}):\n{starter}", result.verdict, result.message, result.compile_output));
        }
    }
    assert!(check.wrong.is_empty(), "{lang}:\n{}", check.wrong.join("\n"));
}

#[tokio::test]
async fn python() {
    check_language(Language::Python).await;
}

#[tokio::test]
async fn javascript() {
    check_language(Language::JavaScript).await;
}

#[tokio::test]
async fn java() {
    check_language(Language::Java).await;
}

#[tokio::test]
async fn go() {
    check_language(Language::Go).await;
}

#[tokio::test]
async fn cpp() {
    check_language(Language::Cpp).await;
}

#[tokio::test]
async fn rust() {
    check_language(Language::Rust).await;
}

#[tokio::test]
async fn changing_an_argument_the_problem_forbids_changing_is_a_wrong_answer() {
    let sandbox = sandbox().await;
    let path = submission("subsets", "mutates", "python", Language::Python).expect("the fixture");
    let result = judge_source(&sandbox, &load("subsets"), Language::Python, std::fs::read_to_string(path).unwrap()).await;
    assert_eq!(result.verdict, Verdict::WA, "{result:?}");
    assert_eq!(result.tests[0].message.as_deref(), Some("subsets changed its argument nums; it must leave its input as it was"));
}

/// Whitespace JSON allows around a value (a leading space or tab, CRLF line ends, as an input
/// written on Windows has) is what the judge's check of an input lets through; every driver
/// reads such a line. Python's used to stop on it with `StopIteration` (an RTE for every
/// Python submission, and a custom input its reference "could not answer").
#[tokio::test]
async fn every_driver_reads_lines_with_whitespace_around_the_value() {
    let sandbox = sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("two-sum");
    common::copy_dir(&fixture("functions/two-sum"), &root);
    std::fs::write(root.join("data/sample/1.in"), " [2,7,11,15]\r\n\t9 \r\n").unwrap();
    std::fs::write(root.join("data/sample/2.in"), "[3,2,4]\r\n6\r\n").unwrap();
    let problem = Problem::load(&root).unwrap_or_else(|e| panic!("{e}"));
    assert!(problem.interview.signature().unwrap().check_input(" [2,7,11,15]\r\n\t9 \r\n").is_ok(), "the judge lets it through");
    let mut wrong = Vec::new();
    for language in Language::FUNCTION {
        let path = submission("two-sum", "accepted", language.name(), language).expect("the fixture");
        let result = judge_source(&sandbox, &problem, language, std::fs::read_to_string(path).unwrap()).await;
        if result.verdict != Verdict::AC {
            wrong.push(format!("{language}: {} {:?}", result.verdict, result.tests.iter().find(|t| t.verdict != Verdict::AC)));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// A custom input the reference solution fails on is refused with the reason, but not with the
/// reference's stderr: a traceback quotes its source lines and its values, which a candidate
/// could otherwise read line by line with inputs chosen to fail in different places.
#[tokio::test]
async fn a_custom_input_the_reference_fails_on_does_not_show_the_reference() {
    let sandbox = sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("two-sum");
    common::copy_dir(&fixture("functions/two-sum"), &root);
    let reference = "class Solution:\n    def twoSum(self, nums, target):\n        seen = {}  # SECRET: a map of value to index\n        for i, x in enumerate(nums):\n            if target - x in seen:\n                return [seen[target - x], i]\n            seen[x] = i\n        raise ValueError(f'SECRET no pair in {seen}')\n";
    std::fs::write(root.join("submissions/accepted/python.py"), reference).unwrap();
    let problem = Problem::load(&root).unwrap_or_else(|e| panic!("{e}"));
    let path = submission("two-sum", "accepted", "go", Language::Go).expect("the fixture");
    let candidate = Submission::new(Language::Go, std::fs::read_to_string(path).unwrap(), judge::DEFAULT_MAX_SOURCE_BYTES).unwrap();
    let input = runs::RunInput::Custom("[1,2]\n7\n".into());
    let result = runs::run(&sandbox, &problem, &candidate, &input, &options(Duration::from_secs(2)), &mut |_| {}).await.unwrap();
    let why = result.invalid_input.expect("refused");
    assert!(why.contains("RTE: exit code 1"), "{why}");
    assert!(!why.contains("SECRET") && !why.contains("seen"), "{why}");
}

#[tokio::test]
async fn a_returned_value_past_8_mib_is_output_limit_exceeded_whatever_the_problems_output_limit() {
    let sandbox = sandbox().await;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("two-sum");
    common::copy_dir(&fixture("functions/two-sum"), &dir);
    let yaml = std::fs::read_to_string(dir.join("problem.yaml")).unwrap().replace("output: 1", "output: 64");
    std::fs::write(dir.join("problem.yaml"), yaml).unwrap();
    let problem = Problem::load(&dir).unwrap();
    // About 21 MiB of JSON: within the problem's 64 MiB, past what the judge parses.
    let huge = "class Solution:\n    def twoSum(self, nums, target):\n        return list(range(3_000_000))\n".to_string();
    let result = judge_source(&sandbox, &problem, Language::Python, huge).await;
    assert_eq!(result.verdict, Verdict::OLE, "{result:?}");
    assert_eq!(result.tests[0].message.as_deref(), Some("returned more than 8 MiB"));
}
