//! `cargo bench --bench judge`: what judging costs against bare `docker run`, on this machine,
//! in one run. Each figure is the median of several rounds, the rounds interleaved so that
//! machine noise hits both sides alike. Needs the python image (`mockjudge images build`).
//!
//! (a) one-test judge vs one bare `docker run --rm` of the same program (target ≤ 1.2×)
//! (b) extra wall per test: (20-test − 1-test)/19, judge vs a shell loop in one bare container
//!     (target ≤ 5 ms)
//! (c) CPU time the runner reports for a CPU-bound test vs `/usr/bin/time` in a bare
//!     container (target within 10%)
//! (d) a 20-test judge vs a naive judge starting one container per test (target ≥ 8×)
//! (e) as (c) for a program whose work is done by two child processes (target within 10%):
//!     the whole tree's CPU time counts
//! (f) per language, what a function problem's driver adds per test: (20-test − 1-test)/19 of
//!     `add(a, b)` written as LeetCode's function vs the same sum in a plain program over
//!     stdin/stdout, each judged in one container (target ≤ 5 ms)
//! (g) a PostgreSQL box opened, its server started and the problem's template made, then
//!     closed, vs a bare `docker run --rm` of the same image (target ≤ 0.5 s more)
//! (h) a 10-test PostgreSQL query problem judged vs the same 10 tests through `psql` in one
//!     bare container with a running server (a database cloned per test, as the judge does;
//!     target ≤ 1.3×). Needs the postgresql image too.
//!
//! (i) a 10-step scenario of an API problem judged vs the same 10 requests sent by `curl` to the
//!     same server in one bare container (target ≤ 1.3×)
//! (j) per language, how long the starter server takes to listen in a box, as the runner
//!     measures it
//!
//! `cargo bench --bench judge -- postgres` runs (g) and (h) alone; `-- api`, (i) and (j).

use mockjudge::judge::{self, JudgeOptions, Submission};
use mockjudge::kinds;
use mockjudge::language::Language;
use mockjudge::problem::Problem;
use mockjudge::sandbox::{images, BoxSpec, Sandbox};
use mockjudge_runner::{Exit, RunSpec};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const ROUNDS: usize = 5;
const PROGRAM: &str = "import sys\nprint(sum(map(int, sys.stdin.read().split())))\n";
const CPU_PROGRAM: &str = "s = 0\nfor i in range(25_000_000):\n    s += i\nprint(s)\n";
/// The same work as CPU_PROGRAM, split between two child processes that the parent waits for
/// (so that `/usr/bin/time` sees them too).
const CPU_TREE_PROGRAM: &str = "import os\npids = []\nfor part in range(2):\n    pid = os.fork()\n    if pid == 0:\n        s = 0\n        for i in range(12_500_000):\n            s += i\n        os._exit(0)\n    pids.append(pid)\nfor pid in pids:\n    os.waitpid(pid, 0)\nprint('ok')\n";
const INPUT: &str = "1 2\n";
/// For (f): each language's sum of two numbers as a plain program and as LeetCode's function.
const ADD: [(Language, &str, &str); 6] = [
    (Language::Python, PROGRAM, "class Solution:\n    def add(self, a: int, b: int) -> int:\n        return a + b\n"),
    (
        Language::JavaScript,
        "const [a, b] = require('fs').readFileSync(0, 'utf8').trim().split(/\\s+/).map(Number);\nconsole.log(a + b);\n",
        "var add = function(a, b) {\n    return a + b;\n};\n",
    ),
    (
        Language::Java,
        "import java.util.*;\npublic class Main {\n    public static void main(String[] args) {\n        Scanner in = new Scanner(System.in);\n        System.out.println(in.nextInt() + in.nextInt());\n    }\n}\n",
        "class Solution {\n    public int add(int a, int b) {\n        return a + b;\n    }\n}\n",
    ),
    (
        Language::Go,
        "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tvar a, b int\n\tfmt.Scan(&a, &b)\n\tfmt.Println(a + b)\n}\n",
        "func add(a int, b int) int {\n\treturn a + b\n}\n",
    ),
    (
        Language::Cpp,
        "#include <iostream>\nint main() {\n    int a, b;\n    std::cin >> a >> b;\n    std::cout << a + b << \"\\n\";\n}\n",
        "class Solution {\npublic:\n    int add(int a, int b) {\n        return a + b;\n    }\n};\n",
    ),
    (
        Language::Rust,
        "use std::io::Read;\nfn main() {\n    let mut s = String::new();\n    std::io::stdin().read_to_string(&mut s).unwrap();\n    let v: Vec<i64> = s.split_whitespace().map(|x| x.parse().unwrap()).collect();\n    println!(\"{}\", v[0] + v[1]);\n}\n",
        "impl Solution {\n    pub fn add(a: i32, b: i32) -> i32 {\n        a + b\n    }\n}\n",
    ),
];
const ADD_SIGNATURE: &str = "function:\n  name: add\n  params: [{name: a, type: integer}, {name: b, type: integer}]\n  returns: integer\n";
const ROUNDS_F: usize = 3;

fn main() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(bench());
}

/// A problem folder with `tests` copies of the one test, and no sidecar: an algorithm problem.
fn make_problem(root: &Path, name: &str, tests: usize, answer: &str) -> Problem {
    make_problem_with(root, name, tests, INPUT, answer, None)
}

/// As [`make_problem`], with the input given and, for a function problem, its signature.
fn make_problem_with(root: &Path, name: &str, tests: usize, input: &str, answer: &str, signature: Option<&str>) -> Problem {
    let dir = root.join(name);
    std::fs::create_dir_all(dir.join("data/secret")).unwrap();
    std::fs::write(dir.join("problem.yaml"), format!("name: {name}\nlimits:\n  memory: 256\n")).unwrap();
    if let Some(signature) = signature {
        std::fs::write(dir.join("interview.yaml"), signature).unwrap();
    }
    for i in 0..tests {
        std::fs::write(dir.join(format!("data/secret/{i:02}.in")), input).unwrap();
        std::fs::write(dir.join(format!("data/secret/{i:02}.ans")), answer).unwrap();
    }
    Problem::load(&dir).unwrap()
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(|a, b| a.partial_cmp(b).unwrap());
    xs[xs.len() / 2]
}

/// Seconds a command takes, with INPUT on its stdin.
fn timed(cmd: &mut Command) -> f64 {
    let started = Instant::now();
    let mut child = cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(INPUT.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{:?}: {}", cmd, String::from_utf8_lossy(&out.stderr));
    started.elapsed().as_secs_f64()
}

/// `docker run --rm` of the image under the conditions a test has in a box: an unprivileged
/// uid (on fuse-overlayfs, non-root file lookups cost Python ~5 ms per start) and one CPU.
fn bare(image: &str, args: &[&str]) -> Command {
    let mut cmd = Command::new("docker");
    cmd.args(["run", "--rm", "-i", "--network", "none", "--user", "10002:10002", "--cpus", "1", "--entrypoint"])
        .args(args.first())
        .arg(image)
        .args(&args[1..]);
    cmd
}

async fn judged(sandbox: &Sandbox, problem: &Problem, source: &str) -> (f64, mockjudge::verdict::JudgeResult) {
    judged_in(sandbox, problem, Language::Python, source).await
}

async fn judged_in(sandbox: &Sandbox, problem: &Problem, language: Language, source: &str) -> (f64, mockjudge::verdict::JudgeResult) {
    let submission = Submission::new(language, source.to_string(), 1 << 20).unwrap();
    let options = JudgeOptions { time_limit: Duration::from_secs(10), cache_dir: std::env::temp_dir().join("mockjudge-bench"), every_test: false };
    let started = Instant::now();
    let result = judge::judge(sandbox, problem, &submission, &options, &mut |_| {}).await.unwrap();
    let wall = started.elapsed().as_secs_f64();
    assert_eq!(result.verdict, mockjudge::verdict::Verdict::AC, "{result:?}");
    (wall, result)
}

/// Medians of the CPU time the runner reports for `program` and of what `/usr/bin/time` says
/// of it in a bare container, in seconds.
async fn cpu_rounds(sandbox: &Sandbox, image: &str, problem: &Problem, program: &str) -> (f64, f64) {
    let (mut runner, mut time) = (vec![], vec![]);
    for round in 0..ROUNDS {
        for side in [round % 2, 1 - round % 2] {
            if side == 0 {
                let (_, result) = judged(sandbox, problem, program).await;
                runner.push(result.tests[0].cpu_ms as f64 / 1000.0);
            } else {
                let out = bare(image, &["/usr/bin/time", "-f", "%U %S", "python3", "-c", program]).output().unwrap();
                let stderr = String::from_utf8_lossy(&out.stderr);
                let last = stderr.lines().last().unwrap_or_default();
                time.push(last.split_whitespace().map(|x| x.parse::<f64>().unwrap()).sum());
            }
        }
    }
    (median(runner), median(time))
}

async fn bench() {
    let sandbox = Sandbox::connect().await.expect("Docker");
    if std::env::args().any(|a| a == "postgres") {
        return postgres(&sandbox, tempfile::tempdir().unwrap().path()).await;
    }
    if std::env::args().any(|a| a == "api") {
        return api(&sandbox, tempfile::tempdir().unwrap().path()).await;
    }
    let image = images::image_for(Language::Python);
    let root = tempfile::tempdir().unwrap();
    let one = make_problem(root.path(), "one", 1, "3\n");
    let twenty = make_problem(root.path(), "twenty", 20, "3\n");
    let expected: u64 = (0..25_000_000u64).sum();
    let cpu = make_problem(root.path(), "cpu", 1, &format!("{expected}\n"));
    let cpu_tree = make_problem(root.path(), "cpu-tree", 1, "ok\n");
    let loop_script = |n: usize| format!("for i in $(seq {n}); do echo 1 2 | python3 -c \"$0\" >/dev/null; done");

    // Warm-up: first container starts and first Python runs are slower.
    judged(&sandbox, &one, PROGRAM).await;
    timed(&mut bare(&image, &["python3", "-c", PROGRAM]));

    let (mut j1, mut j20, mut b1, mut loop1, mut loop20, mut naive20) = (vec![], vec![], vec![], vec![], vec![], vec![]);
    for round in 0..ROUNDS {
        eprintln!("round {}/{ROUNDS}", round + 1);
        j1.push(judged(&sandbox, &one, PROGRAM).await.0);
        b1.push(timed(&mut bare(&image, &["python3", "-c", PROGRAM])));
        j20.push(judged(&sandbox, &twenty, PROGRAM).await.0);
        loop1.push(timed(&mut bare(&image, &["sh", "-c", &loop_script(1), PROGRAM])));
        loop20.push(timed(&mut bare(&image, &["sh", "-c", &loop_script(20), PROGRAM])));
        let started = Instant::now();
        for _ in 0..20 {
            timed(&mut bare(&image, &["python3", "-c", PROGRAM]));
        }
        naive20.push(started.elapsed().as_secs_f64());
    }
    // (c) and (e) in rounds of their own, alternating which side goes first, away from the
    // container churn above (dockerd cleaning up after the naive judge competes for the cores).
    let cpu_c = cpu_rounds(&sandbox, &image, &cpu, CPU_PROGRAM).await;
    let cpu_e = cpu_rounds(&sandbox, &image, &cpu_tree, CPU_TREE_PROGRAM).await;
    let (j1, j20, b1, loop1, loop20, naive20) = (median(j1), median(j20), median(b1), median(loop1), median(loop20), median(naive20));

    let judge_per_test = (j20 - j1) / 19.0;
    let bare_per_test = (loop20 - loop1) / 19.0;
    let extra_ms = (judge_per_test - bare_per_test) * 1000.0;
    println!("mockjudge benchmark (medians of {ROUNDS} rounds, image {image})");
    println!("(a) 1-test judge {:.3} s vs bare docker run --rm {:.3} s: {:.2}x (target <= 1.2x)", j1, b1, j1 / b1);
    println!(
        "(b) per test: judge {:.1} ms vs shell loop in one container {:.1} ms: {:+.1} ms extra (target <= 5 ms)",
        judge_per_test * 1000.0,
        bare_per_test * 1000.0,
        extra_ms
    );
    for (row, what, (runner, time)) in [("c", "CPU-bound test", cpu_c), ("e", "two-process CPU-bound test", cpu_e)] {
        let apart = (runner - time).abs() / time * 100.0;
        println!("({row}) {what}: runner {runner:.3} s vs /usr/bin/time {time:.3} s: {apart:.1}% apart (target <= 10%)");
    }
    println!("(d) 20 tests: judge {:.3} s vs naive 20 containers {:.3} s: {:.1}x faster (target >= 8x)", j20, naive20, naive20 / j20);
    driver_overhead(&sandbox, root.path()).await;
    postgres(&sandbox, root.path()).await;
    api(&sandbox, root.path()).await;
}

/// (f): per test, a function problem (the driver parses, calls and writes the result) against
/// the plain program, both judged; the difference is what the driver costs.
async fn driver_overhead(sandbox: &Sandbox, root: &Path) {
    let plain = [make_problem(root, "add-1", 1, "3\n"), make_problem(root, "add-20", 20, "3\n")];
    let function = [1, 20].map(|n| make_problem_with(root, &format!("add-fn-{n}"), n, "1\n2\n", "3\n", Some(ADD_SIGNATURE)));
    for (language, program, solution) in ADD {
        let per_test = |one: f64, twenty: f64| (twenty - one) / 19.0 * 1000.0;
        let (mut p, mut f) = (vec![], vec![]);
        judged_in(sandbox, &function[0], language, solution).await;
        for _ in 0..ROUNDS_F {
            let p1 = judged_in(sandbox, &plain[0], language, program).await.0;
            let f1 = judged_in(sandbox, &function[0], language, solution).await.0;
            let p20 = judged_in(sandbox, &plain[1], language, program).await.0;
            let f20 = judged_in(sandbox, &function[1], language, solution).await.0;
            p.push(per_test(p1, p20));
            f.push(per_test(f1, f20));
        }
        let (p, f) = (median(p), median(f));
        println!("(f) {language:<10} per test: function {f:.1} ms vs plain program {p:.1} ms: {:+.1} ms for the driver (target <= 5 ms)", f - p);
    }
}

const PG_SCHEMA: &str = "CREATE TABLE customers (id integer PRIMARY KEY, name text NOT NULL);\nCREATE TABLE orders (id integer PRIMARY KEY, customer_id integer NOT NULL REFERENCES customers(id), amount integer);\n";
const PG_DATA: &str = "INSERT INTO customers VALUES (1, 'ann'), (2, 'bo'), (3, 'cy');\nINSERT INTO orders VALUES (1, 1, 30), (2, 2, 50), (3, 1, 25);\n";
const PG_QUERY: &str = "SELECT c.name, COALESCE(SUM(o.amount), 0) AS total FROM customers c LEFT JOIN orders o ON o.customer_id = c.id GROUP BY c.id, c.name ORDER BY total DESC, c.name;\n";
const PG_ANSWER: &str = r#"{"columns": ["name", "total"], "rows": [["ann", 55], ["bo", 50], ["cy", 0]]}"#;
/// (h)'s baseline, as the server's own user in a bare container: the image's data directory
/// unpacked and the server started as the judge does, the template made, then per test a
/// database cloned, the data and the query run through psql, and the database dropped.
const PSQL_SCRIPT: &str = r#"set -e
mkdir -m 700 /srv/data && tar -C /srv/data -xf /usr/local/share/mockjudge/pgdata.tar
/usr/lib/postgresql/15/bin/pg_ctl -D /srv/data -w -s -l /srv/log -o "-c listen_addresses= -c unix_socket_directories=/srv -c fsync=off -c full_page_writes=off -c synchronous_commit=off -c autovacuum=off" start
p() { psql -h /srv -U postgres -X -q -v ON_ERROR_STOP=1 "$@"; }
p -d postgres -c 'CREATE DATABASE tmpl'
p -d tmpl -c "$0"
for i in $(seq 10); do
  p -d postgres -c 'CREATE DATABASE t TEMPLATE tmpl'
  p -d t -c "$1"
  p -d t -c "$2" >/dev/null
  p -d postgres -c 'DROP DATABASE t'
done"#;

/// (g) and (h).
async fn postgres(sandbox: &Sandbox, root: &Path) {
    let image = images::image_for(Language::Postgresql);
    let dir = root.join("pg-totals");
    std::fs::create_dir_all(dir.join("data/secret")).unwrap();
    std::fs::write(dir.join("problem.yaml"), "name: totals\nlimits:\n  memory: 256\n").unwrap();
    std::fs::write(dir.join("interview.yaml"), "kind: database\ndatabase:\n  engines: [postgresql]\n  schema: schema.sql\n  compare: {rows: ordered}\n").unwrap();
    std::fs::write(dir.join("schema.sql"), PG_SCHEMA).unwrap();
    for i in 0..10 {
        std::fs::write(dir.join(format!("data/secret/{i:02}.in")), PG_DATA).unwrap();
        std::fs::write(dir.join(format!("data/secret/{i:02}.ans")), PG_ANSWER).unwrap();
    }
    let problem = Problem::load(&dir).unwrap();
    let psql = || {
        let mut cmd = Command::new("docker");
        cmd.args(["run", "--rm", "-i", "--network", "none", "--user", "10003:10003", "--cpus", "1"])
            .args(["--tmpfs", "/srv:rw,uid=10003,gid=10003", "--entrypoint", "sh", &image, "-c", PSQL_SCRIPT, PG_SCHEMA, PG_DATA, PG_QUERY]);
        cmd
    };
    // Warm-up.
    started_server(sandbox, &problem).await;
    judged_in(sandbox, &problem, Language::Postgresql, PG_QUERY).await;
    timed(&mut psql());
    let (mut start, mut bare_run, mut judged, mut through_psql) = (vec![], vec![], vec![], vec![]);
    for _ in 0..ROUNDS {
        start.push(started_server(sandbox, &problem).await);
        bare_run.push(timed(&mut bare(&image, &["true"])));
        judged.push(judged_in(sandbox, &problem, Language::Postgresql, PG_QUERY).await.0);
        through_psql.push(timed(&mut psql()));
    }
    let (start, bare_run, judged, through_psql) = (median(start), median(bare_run), median(judged), median(through_psql));
    println!("(g) PostgreSQL box with its server up {start:.3} s vs bare docker run --rm {bare_run:.3} s: {:+.3} s (target <= 0.5 s)", start - bare_run);
    println!("(h) 10-test PostgreSQL query problem: judge {judged:.3} s vs psql in one container {through_psql:.3} s: {:.2}x (target <= 1.3x)", judged / through_psql);
}

/// Seconds to open a PostgreSQL box, start its server with the problem's template, and close it.
async fn started_server(sandbox: &Sandbox, problem: &Problem) -> f64 {
    let database = problem.interview.database.as_ref().unwrap();
    let program = kinds::database::program(Language::Postgresql, PG_QUERY, database, 256, Duration::from_secs(3));
    let service = program.service.clone().unwrap();
    let spec = BoxSpec {
        image: images::image_for(Language::Postgresql),
        lang: "postgresql".into(),
        memory_bytes: 256 << 20,
        service_dir_bytes: Some(service.dir_mib << 20),
        role: "bench",
    };
    let started = Instant::now();
    let mut sbox = sandbox.open(&spec).await.unwrap();
    for (name, contents) in &program.files {
        sbox.write(name, contents.as_bytes(), false).await.unwrap();
    }
    let limits = RunSpec { cpu_ms: 20_000, wall_ms: 40_000, memory_bytes: 256 << 20, stdout_cap: 1 << 16, stderr_cap: 1 << 16, ..Default::default() };
    let out = sbox.serve(RunSpec { argv: service.start, env: Language::Postgresql.env(), ..limits }).await.unwrap();
    assert_eq!(out.report.exit, Exit::Exited { code: 0 }, "{}", String::from_utf8_lossy(&out.stderr));
    sbox.close().await;
    started.elapsed().as_secs_f64()
}

/// (i)'s server: notes in memory, Python's standard library.
const NOTES_SERVER: &str = include_str!("../tests/fixtures/api/notes/submissions/accepted/notes.py");
/// (i)'s baseline: the server started in the background, polled with curl until it answers,
/// then the scenario's 10 requests through curl, one process each.
const CURL_SCRIPT: &str = r#"PORT=8080 python3 -c "$0" & server=$!
until curl -s -o /dev/null http://127.0.0.1:8080/notes; do sleep 0.005; done
for i in 1 2 3 4 5; do
  curl -s -o /dev/null -X POST -H 'Content-Type: application/json' --data-raw '{"text":"note"}' http://127.0.0.1:8080/notes
  curl -s -o /dev/null http://127.0.0.1:8080/notes/$i
done
kill $server"#;

/// (i) and (j).
async fn api(sandbox: &Sandbox, root: &Path) {
    let image = images::image_for(Language::Python);
    let dir = root.join("api-notes");
    std::fs::create_dir_all(dir.join("data/secret")).unwrap();
    std::fs::write(dir.join("problem.yaml"), "name: notes\nlimits:\n  memory: 256\n").unwrap();
    std::fs::write(dir.join("interview.yaml"), "kind: api\n").unwrap();
    let steps: String = (1..=5)
        .map(|i| format!("  - request: {{method: POST, path: /notes, json: {{text: note}}}}\n    expect: {{status: 201}}\n  - request: {{method: GET, path: /notes/{i}}}\n    expect: {{status: 200, body: {{id: {i}}}}}\n"))
        .collect();
    std::fs::write(dir.join("data/secret/1.in"), format!("steps:\n{steps}")).unwrap();
    std::fs::write(dir.join("data/secret/1.ans"), "").unwrap();
    let problem = Problem::load(&dir).unwrap();
    let curl = || bare(&image, &["sh", "-c", CURL_SCRIPT, NOTES_SERVER]);
    judged_in(sandbox, &problem, Language::Python, NOTES_SERVER).await;
    timed(&mut curl());
    let (mut judged, mut curled) = (vec![], vec![]);
    for _ in 0..ROUNDS {
        judged.push(judged_in(sandbox, &problem, Language::Python, NOTES_SERVER).await.0);
        curled.push(timed(&mut curl()));
    }
    let (judged, curled) = (median(judged), median(curled));
    println!("(i) 10-step scenario: judge {judged:.3} s vs curl in one container {curled:.3} s: {:.2}x (target <= 1.3x)", judged / curled);
    for language in Language::SERVERS {
        let mut starts = vec![];
        for _ in 0..ROUNDS {
            starts.push(listen_time(sandbox, language).await);
        }
        println!("(j) {language:<10} starter server listening after {:.0} ms", median(starts) * 1000.0);
    }
}

/// Seconds the starter server of `language` takes to listen, as the runner measures it.
async fn listen_time(sandbox: &Sandbox, language: Language) -> f64 {
    let program = kinds::plain(language, kinds::api::starter(language).unwrap(), 256);
    let spec = BoxSpec { image: images::image_for(language), lang: language.name().into(), memory_bytes: 1 << 30, service_dir_bytes: None, role: "bench" };
    let mut sbox = sandbox.open(&spec).await.unwrap();
    for (name, contents) in &program.files {
        sbox.write(name, contents.as_bytes(), false).await.unwrap();
    }
    let limits = RunSpec { cpu_ms: 60_000, wall_ms: 120_000, memory_bytes: 1 << 30, stdout_cap: 1 << 16, stderr_cap: 1 << 16, ..Default::default() };
    let compiled = sbox.run(RunSpec { argv: program.compile.clone(), env: language.env(), ..limits.clone() }).await.unwrap();
    assert_eq!(compiled.report.exit, Exit::Exited { code: 0 }, "{}", String::from_utf8_lossy(&compiled.stderr));
    sbox.seal().await.unwrap();
    let mut env = language.env();
    env.push(("PORT".into(), "8080".into()));
    let server = RunSpec { argv: program.run.clone(), env, log: true, ..limits };
    let after = sbox.listen(server, 8080, Duration::from_secs(30)).await.unwrap().expect("the starter listens");
    sbox.stop().await.unwrap();
    sbox.close().await;
    after.as_secs_f64()
}
