//! What goes into the box for each kind of problem, and how it is built and run there: a plain
//! program over stdin/stdout, or a LeetCode-style function called by a driver ([`function`]).
//! [`crate::judge`] runs a [`Program`] the same way whatever its kind.

pub mod api;
pub mod database;
pub mod function;

use crate::language::Language;

/// What a submission becomes in the box.
#[derive(Debug, Clone, PartialEq)]
pub struct Program {
    /// Files to write into the work directory (name, contents): the candidate's source, made
    /// ready for the language, and for a function problem the driver.
    pub files: Vec<(String, String)>,
    /// Compiles the files, or checks their syntax (run in the work directory).
    pub compile: Vec<String>,
    /// Runs one test (in the scratch directory: names compiled files by absolute path).
    pub run: Vec<String>,
    /// A server the box keeps across the tests (a database), started before compiling.
    pub service: Option<Service>,
}

/// A box's service: the commands that start it and that stop what a killed run left it doing
/// (a query of that run's goes on in the server), run as the runner's service uid; and the one
/// that readies it for each test, on the test's input, in a run of its own before the timed one
/// (a database with the test's data: the candidate's time is their SQL's alone).
#[derive(Debug, Clone, PartialEq)]
pub struct Service {
    pub start: Vec<String>,
    pub prepare: Vec<String>,
    pub reset: Vec<String>,
    /// The size of its directory (its data), which counts against the box's memory.
    pub dir_mib: u64,
}

/// A program over stdin/stdout: the source as it is.
pub fn plain(language: Language, source: &str, memory_mib: u64) -> Program {
    let file = language.source_file(source);
    Program {
        compile: language.compile_argv(&file),
        run: language.run_argv(&file, memory_mib),
        files: vec![(file, source.to_string())],
        service: None,
    }
}
