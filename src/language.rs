//! The languages a submission may be written in: how each maps to a file name, an image, and
//! the commands that compile and run it inside the box.

use mockjudge_runner::WORK_DIR;
use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Python,
    JavaScript,
    Java,
    Go,
    Cpp,
    C,
    Rust,
}

/// How a language's program is built and started inside the box.
pub struct Toolchain {
    /// Debian packages the language's image installs.
    pub packages: &'static str,
    pub extensions: &'static [&'static str],
}

impl Language {
    pub const ALL: [Language; 7] = [
        Language::Python,
        Language::JavaScript,
        Language::Java,
        Language::Go,
        Language::Cpp,
        Language::C,
        Language::Rust,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Language::Python => "python",
            Language::JavaScript => "javascript",
            Language::Java => "java",
            Language::Go => "go",
            Language::Cpp => "cpp",
            Language::C => "c",
            Language::Rust => "rust",
        }
    }

    pub fn toolchain(self) -> Toolchain {
        let (packages, extensions): (&str, &[&str]) = match self {
            Language::Python => ("python3", &["py"]),
            Language::JavaScript => ("nodejs", &["js"]),
            Language::Java => ("openjdk-17-jdk-headless", &["java"]),
            Language::Go => ("golang-go", &["go"]),
            Language::Cpp => ("g++", &["cpp", "cc", "cxx"]),
            Language::C => ("gcc libc6-dev", &["c"]),
            Language::Rust => ("rustc", &["rs"]),
        };
        Toolchain { packages, extensions }
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
    pub fn from_path(path: &std::path::Path) -> Result<Language, UnknownLanguage> {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        Language::from_extension(ext)
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

#[derive(Debug, thiserror::Error)]
#[error("{0}; known languages: {known}", known = Language::known())]
pub struct UnknownLanguage(String);

/// The name of the public class in a Java source, which `javac` requires as the file name.
fn java_main_class(source: &str) -> String {
    let tokens: Vec<&str> =
        source.split(|c: char| c.is_whitespace() || c == '{').filter(|t| !t.is_empty()).collect();
    tokens
        .windows(3)
        .find(|w| w[1] == "class" && (w[0] == "public" || w[0] == "final" || w[0] == "abstract"))
        .map(|w| w[2].chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect::<String>())
        .filter(|name| !name.is_empty())
        .unwrap_or_else(|| "Main".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn java_sources_are_named_after_their_public_class() {
        let src = "import java.util.*;\npublic final class Solution{ public static void main(String[] a){} }";
        assert_eq!(Language::Java.source_file(src), "Solution.java");
        assert_eq!(Language::Java.source_file("class X {}"), "Main.java");
    }

    #[test]
    fn extensions_and_names_map_to_languages() {
        assert_eq!(Language::from_extension("CC").unwrap(), Language::Cpp);
        assert_eq!(Language::parse("Rust").unwrap(), Language::Rust);
        let err = Language::from_extension("pl").unwrap_err().to_string();
        assert!(err.contains("unknown file extension \"pl\"") && err.contains("python (.py)"), "{err}");
    }
}
