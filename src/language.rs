//! The languages a submission may be written in: how each maps to a file name, an image, and
//! the commands that compile and run it inside the box.

use mockjudge_runner::WORK_DIR;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::Path;

/// A language, written as its lowercase name (`cpp`); read case-insensitively, so that an
/// unknown name is an error where it is read (a request, `interview.yaml`, a stored record).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase", try_from = "String")]
pub enum Language {
    Python,
    JavaScript,
    Java,
    Go,
    Cpp,
    C,
    Rust,
    /// SQL on SQLite, for database problems.
    Sqlite,
    /// SQL on PostgreSQL 15, for database problems.
    Postgresql,
}

/// How a language's program is built and started inside the box.
pub struct Toolchain {
    /// Debian packages the language's image installs.
    pub packages: &'static str,
    /// A shell script the image runs as root after installing them (most have none).
    pub setup: &'static str,
    pub extensions: &'static [&'static str],
}

impl Language {
    pub const ALL: [Language; 9] = [
        Language::Python,
        Language::JavaScript,
        Language::Java,
        Language::Go,
        Language::Cpp,
        Language::C,
        Language::Rust,
        Language::Sqlite,
        Language::Postgresql,
    ];

    /// The languages programs are written in: what an algorithm problem takes by default.
    pub const PROGRAMS: [Language; 7] =
        [Language::Python, Language::JavaScript, Language::Java, Language::Go, Language::Cpp, Language::C, Language::Rust];

    /// The languages an API problem's server may be written in: each has an HTTP server in its
    /// standard library (and Python Flask and FastAPI, JavaScript Express, from Debian).
    pub const SERVERS: [Language; 4] = [Language::Python, Language::JavaScript, Language::Go, Language::Java];

    /// The languages function and class problems have drivers for (as LeetCode: not C).
    pub const FUNCTION: [Language; 6] =
        [Language::Python, Language::JavaScript, Language::Java, Language::Go, Language::Cpp, Language::Rust];

    pub fn name(self) -> &'static str {
        match self {
            Language::Python => "python",
            Language::JavaScript => "javascript",
            Language::Java => "java",
            Language::Go => "go",
            Language::Cpp => "cpp",
            Language::C => "c",
            Language::Rust => "rust",
            Language::Sqlite => "sqlite",
            Language::Postgresql => "postgresql",
        }
    }

    pub fn toolchain(self) -> Toolchain {
        let (packages, extensions): (&str, &[&str]) = match self {
            // Flask and FastAPI (with uvicorn), and Express, for API problems' servers.
            Language::Python => ("python3 python3-flask python3-fastapi python3-uvicorn", &["py"]),
            Language::JavaScript => ("nodejs node-express", &["js"]),
            Language::Java => ("openjdk-17-jdk-headless", &["java"]),
            Language::Go => ("golang-go", &["go"]),
            Language::Cpp => ("g++", &["cpp", "cc", "cxx"]),
            Language::C => ("gcc libc6-dev", &["c"]),
            Language::Rust => ("rustc", &["rs"]),
            // Python's own sqlite3 module runs the SQL (kinds::database).
            Language::Sqlite => ("python3", &["sql"]),
            // The server, and psycopg2 for the runner that hands it the SQL (kinds::database).
            // `.pgsql`, as editors name PostgreSQL's SQL: `.sql` is SQLite's.
            Language::Postgresql => ("postgresql-15 python3-psycopg2", &["pgsql"]),
        };
        let setup = if self == Language::Postgresql { include_str!("../sandbox/postgresql.sh") } else { "" };
        Toolchain { packages, setup, extensions }
    }

    pub fn parse(name: &str) -> Result<Language, UnknownLanguage> {
        Language::ALL
            .into_iter()
            .find(|l| l.name() == name.to_ascii_lowercase())
            .ok_or_else(|| UnknownLanguage(format!("unknown language {name:?}")))
    }

    pub fn from_extension(ext: &str) -> Result<Language, UnknownLanguage> {
        Language::ALL
            .into_iter()
            .find(|l| l.toolchain().extensions.contains(&ext.to_ascii_lowercase().as_str()))
            .ok_or_else(|| UnknownLanguage(format!("unknown file extension {ext:?}")))
    }

    /// The language of a file, from its extension.
    pub fn from_path(path: &Path) -> Result<Language, UnknownLanguage> {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        Language::from_extension(ext)
    }

    /// The language of a submission file, detected as Kattis' problemtools does (its
    /// `languages.yaml`): by extension, except that Python 2 shares `.py` with Python 3 and is
    /// told apart by its first line. Python 2 is refused rather than judged as Python 3, where
    /// a `print x` statement fails to compile.
    pub fn detect(path: &Path, source: &str) -> Result<Language, UnknownLanguage> {
        let python2 = || UnknownLanguage("Python 2 (a .py2 file, or a #!...python2 first line) is not supported".into());
        if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("py2")) {
            return Err(python2());
        }
        match Language::from_path(path)? {
            Language::Python if has_python2_shebang(source) => Err(python2()),
            language => Ok(language),
        }
    }

    /// The file name the source is saved under in the box. Java wants the public class's name.
    pub fn source_file(self, source: &str) -> String {
        match self {
            Language::Java => format!("{}.java", java_main_class(source)),
            Language::Python => "main.py".into(),
            Language::JavaScript => "main.js".into(),
            Language::Go => "main.go".into(),
            Language::Cpp => "main.cpp".into(),
            Language::C => "main.c".into(),
            Language::Rust => "main.rs".into(),
            Language::Sqlite | Language::Postgresql => "solution.sql".into(),
        }
    }

    /// The command that compiles (or, for interpreted languages, syntax-checks) `file`, if any.
    pub fn compile_argv(self, file: &str) -> Vec<String> {
        let argv: &[&str] = match self {
            Language::Python => &["python3", "-m", "py_compile", file],
            Language::JavaScript => &["node", "--check", file],
            Language::Java => &["javac", "-encoding", "UTF-8", "-nowarn", file],
            Language::Go => &["go", "build", "-o", "main", file],
            Language::Cpp => &["g++", "-O2", "-std=gnu++17", "-o", "main", file],
            Language::C => &["gcc", "-O2", "-std=gnu11", "-o", "main", file, "-lm"],
            Language::Rust => &["rustc", "-O", "--edition", "2021", "-o", "main", file],
            // Runs the statements on the problem's empty tables: a syntax error or an unknown
            // table or column is a compile error.
            Language::Sqlite => &["python3", "mj_sqlite.py", "check", file],
            Language::Postgresql => &["python3", "mj_postgres.py", "check", file],
        };
        argv.iter().map(|s| s.to_string()).collect()
    }

    /// The command that runs the compiled `file` with a memory limit of `memory_mib`. Tests
    /// run in the box's scratch directory, so they name the compiled files by absolute path.
    pub fn run_argv(self, file: &str, memory_mib: u64) -> Vec<String> {
        let compiled = |name: &str| format!("{WORK_DIR}/{name}");
        match self {
            Language::Python => vec!["python3".into(), compiled(file)],
            Language::JavaScript => vec!["node".into(), compiled(file)],
            Language::Java => vec![
                "java".into(),
                format!("-Xmx{memory_mib}m"),
                "-Xss64m".into(),
                "-XX:+UseSerialGC".into(),
                "-XX:-UsePerfData".into(),
                "-cp".into(),
                WORK_DIR.into(),
                file.trim_end_matches(".java").into(),
            ],
            Language::Go | Language::Cpp | Language::C | Language::Rust => vec![compiled("main")],
            Language::Sqlite => vec!["python3".into(), compiled("mj_sqlite.py"), "run".into(), compiled(file)],
            Language::Postgresql => vec!["python3".into(), compiled("mj_postgres.py"), "run".into(), compiled(file)],
        }
    }

    /// The environment every command of this language gets (the box's environment is empty).
    pub fn env(self) -> Vec<(String, String)> {
        let mut env = vec![
            ("PATH".to_string(), "/usr/local/bin:/usr/bin:/bin".to_string()),
            ("HOME".to_string(), "/tmp".to_string()),
            ("LANG".to_string(), "C.UTF-8".to_string()),
        ];
        if self == Language::Go {
            env.push(("GOCACHE".into(), "/tmp/go-cache".into()));
            env.push(("GOPATH".into(), "/tmp/go".into()));
            env.push(("GO111MODULE".into(), "off".into()));
            env.push(("CGO_ENABLED".into(), "0".into()));
        }
        env
    }

    /// Known names, for error messages.
    pub fn known() -> String {
        let names: Vec<String> = Language::ALL
            .iter()
            .map(|l| format!("{} (.{})", l.name(), l.toolchain().extensions.join(", .")))
            .collect();
        names.join(", ")
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl TryFrom<String> for Language {
    type Error = UnknownLanguage;

    fn try_from(name: String) -> Result<Language, UnknownLanguage> {
        Language::parse(&name)
    }
}

#[derive(Debug, thiserror::Error)]
#[error("{0}; known languages: {known}", known = Language::known())]
pub struct UnknownLanguage(String);

impl UnknownLanguage {
    /// Why, without the list of known languages (for a line per file).
    pub fn reason(&self) -> &str {
        &self.0
    }
}

/// Whether a `.py` source's first line matches problemtools' Python 2 shebang,
/// `^#!.*python2\b`: `#!` and then `python2` not followed by a word character.
fn has_python2_shebang(source: &str) -> bool {
    let first_line = source.lines().next().unwrap_or_default();
    let Some(command) = first_line.strip_prefix("#!") else { return false };
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    command.match_indices("python2").any(|(at, name)| !command[at + name.len()..].starts_with(is_word))
}

/// The longest file name most file systems take, in bytes.
const MAX_FILE_NAME_BYTES: usize = 255;

/// The file name's stem for a Java source: `javac` wants a public top-level type in a file named
/// after it. The name comes from the tokens, so a comment or string that reads "public class X"
/// does not count, nor does a public class nested in another. Without a public top-level type,
/// any name compiles, and the first top-level class is the likeliest to hold `main`. A name too
/// long for a file is given up for `Main`, so that javac, not the judge, reports the mismatch.
fn java_main_class(source: &str) -> String {
    let tokens = java_tokens(source);
    let mut depth = 0usize;
    // Whether `public` came since the last top-level declaration or statement ended.
    let mut public = false;
    let (mut public_type, mut first_class) = (None, None);
    for (i, token) in tokens.iter().enumerate() {
        match *token {
            // Parentheses count too: an annotation's `(Foo.class)` is not a declaration.
            JavaToken::Punct('{' | '(') => depth += 1,
            JavaToken::Punct(')') => depth = depth.saturating_sub(1),
            JavaToken::Punct('}') => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    public = false;
                }
            }
            JavaToken::Punct(';') if depth == 0 => public = false,
            JavaToken::Word("public") if depth == 0 => public = true,
            JavaToken::Word(kind @ ("class" | "interface" | "enum" | "record")) if depth == 0 => {
                let Some(JavaToken::Word(name)) = tokens.get(i + 1) else { continue };
                if public {
                    public_type = Some(*name);
                    break;
                }
                if kind == "class" {
                    first_class.get_or_insert(*name);
                }
            }
            _ => {}
        }
    }
    match public_type.or(first_class) {
        Some(name) if name.len() + ".java".len() <= MAX_FILE_NAME_BYTES => name.to_string(),
        _ => "Main".to_string(),
    }
}

/// A token of Java source as far as finding its types needs: a word (an identifier, keyword or
/// number) or one character of punctuation.
#[derive(Debug, PartialEq)]
enum JavaToken<'a> {
    Word(&'a str),
    Punct(char),
}

/// The tokens of a Java source, without its comments and its string, text-block and character
/// literals, where any text may appear. Unicode escapes (`\u0063lass`) are not decoded.
fn java_tokens(source: &str) -> Vec<JavaToken<'_>> {
    let is_word = |c: char| c.is_alphanumeric() || c == '_' || c == '$';
    let mut tokens = Vec::new();
    let mut rest = source;
    while let Some(c) = rest.chars().next() {
        rest = if let Some(comment) = rest.strip_prefix("//") {
            comment.find('\n').map_or("", |end| &comment[end..])
        } else if let Some(comment) = rest.strip_prefix("/*") {
            comment.find("*/").map_or("", |end| &comment[end + 2..])
        } else if let Some(text_block) = rest.strip_prefix("\"\"\"") {
            after_literal(text_block, "\"\"\"")
        } else if c == '"' || c == '\'' {
            after_literal(&rest[1..], &rest[..1])
        } else if is_word(c) {
            let end = rest.find(|c| !is_word(c)).unwrap_or(rest.len());
            tokens.push(JavaToken::Word(&rest[..end]));
            &rest[end..]
        } else {
            if !c.is_whitespace() {
                tokens.push(JavaToken::Punct(c));
            }
            &rest[c.len_utf8()..]
        };
    }
    tokens
}

/// What follows a literal whose opening quote has been read: everything after the first `close`
/// not escaped by a backslash (or nothing, if the literal never ends).
fn after_literal<'a>(mut literal: &'a str, close: &str) -> &'a str {
    loop {
        if let Some(after) = literal.strip_prefix(close) {
            return after;
        }
        let mut chars = literal.chars();
        match chars.next() {
            None => return "",
            Some('\\') => {
                chars.next();
            }
            Some(_) => {}
        }
        literal = chars.as_str();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn java_file(source: &str) -> String {
        Language::Java.source_file(source)
    }

    #[test]
    fn java_sources_are_named_after_their_public_class() {
        let src = "import java.util.*;\npublic final class Solution{ public static void main(String[] a){} }";
        assert_eq!(java_file(src), "Solution.java");
        assert_eq!(java_file("public interface Shape {}"), "Shape.java");
        assert_eq!(java_file("public enum Colour { RED; }"), "Colour.java");
        assert_eq!(java_file("public record Point(int x, int y) {}"), "Point.java");
        assert_eq!(java_file("public @interface Marker {}"), "Marker.java");
        assert_eq!(java_file("public class Box<T extends Comparable<T>> {}"), "Box.java");
        assert_eq!(java_file("public class Ärger$_2 {}"), "Ärger$_2.java");
    }

    #[test]
    fn java_comments_do_not_name_the_file() {
        let src = "// A public class whose name is the file's\n/* public class Fake { */\npublic class Solution {}";
        assert_eq!(java_file(src), "Solution.java");
        assert_eq!(java_file("/** public class Doc */ class A {} // public class B"), "A.java");
    }

    #[test]
    fn java_literals_do_not_name_the_file() {
        let strings = r#"class A { String s = "public class X { \" }"; char c = '{'; char q = '"'; char e = '\''; }
            public class Real {}"#;
        assert_eq!(java_file(strings), "Real.java");
        let text_block = r#"class A { String t = """
                public class Y { \""" }
                """; }
            public class Real {}"#;
        assert_eq!(java_file(text_block), "Real.java");
    }

    #[test]
    fn java_modifiers_and_annotations_may_precede_the_public_class() {
        let src = "import a.b;\n@SuppressWarnings(\"unchecked\") @Deprecated\npublic final strictfp class S {}";
        assert_eq!(java_file(src), "S.java");
        let src = "public @SuppressWarnings(\"x\") abstract sealed class Shape permits Sq {}\nnon-sealed class Sq extends Shape {}";
        assert_eq!(java_file(src), "Shape.java");
        assert_eq!(java_file("@Tag(Other.class) public class Main2 {}"), "Main2.java");
    }

    #[test]
    fn java_nested_public_classes_are_not_top_level() {
        assert_eq!(java_file("class Outer { public static class Inner {} }"), "Outer.java");
        assert_eq!(java_file("class A { public class B {} }\npublic class C {}"), "C.java");
        // `public` on a member does not carry over to the next top-level class.
        assert_eq!(java_file("class A { public void f() {} } class B {}"), "A.java");
    }

    #[test]
    fn java_without_a_public_class_takes_the_first_class_else_main() {
        assert_eq!(java_file("interface Op {}\nclass Helper {}\nclass Solver {}"), "Helper.java");
        assert_eq!(java_file("interface Op {}"), "Main.java");
        assert_eq!(java_file(""), "Main.java");
    }

    #[test]
    fn a_java_class_name_too_long_for_a_file_gives_main() {
        let long = "A".repeat(300);
        assert_eq!(java_file(&format!("public class {long} {{}}")), "Main.java");
        let longest = "A".repeat(255 - ".java".len());
        assert_eq!(java_file(&format!("public class {longest} {{}}")), format!("{longest}.java"));
    }

    #[test]
    fn extensions_and_names_map_to_languages() {
        assert_eq!(Language::from_extension("CC").unwrap(), Language::Cpp);
        assert_eq!(Language::parse("Rust").unwrap(), Language::Rust);
        let err = Language::from_extension("pl").unwrap_err().to_string();
        assert!(err.contains("unknown file extension \"pl\"") && err.contains("python (.py)"), "{err}");
    }

    #[test]
    fn python2_is_told_by_problemtools_shebang() {
        for python2 in ["#!/usr/bin/env python2\nprint 1\n", "#!/usr/bin/python2.7", "#! /usr/bin/env python2 -u", "#!/opt/python2x/bin/python2"] {
            assert!(has_python2_shebang(python2), "{python2:?}");
        }
        for python3 in ["#!/usr/bin/env python3", "#!/usr/bin/env python", "#!/usr/bin/python27", "#!/usr/bin/python2_x", "# python2", "\n#!/usr/bin/python2", ""] {
            assert!(!has_python2_shebang(python3), "{python3:?}");
        }
    }

    #[test]
    fn submissions_are_detected_as_problemtools_does() {
        let detect = |name: &str, source: &str| Language::detect(Path::new(name), source).map_err(|e| e.reason().to_string());
        assert_eq!(detect("sol.py", "#!/usr/bin/env python3\nprint(1)\n"), Ok(Language::Python));
        assert_eq!(detect("sol.py", "print(1)\n"), Ok(Language::Python));
        // The shebang decides only between the Pythons.
        assert_eq!(detect("sol.cpp", "#!python2\n"), Ok(Language::Cpp));
        for python2 in [detect("sol.py", "#!/usr/bin/env python2\nprint 1\n"), detect("sol.PY2", "print 1\n")] {
            assert!(python2.is_err_and(|e| e.contains("Python 2") && e.contains("not supported")));
        }
        assert_eq!(detect("Different.scala", "object Different {}"), Err("unknown file extension \"scala\"".to_string()));
        assert_eq!(detect("README", "notes"), Err("unknown file extension \"\"".to_string()));
    }
}
