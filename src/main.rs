//! The `mockjudge` command: parses arguments, starts tracing, and hands over to the library.

fn main() -> std::process::ExitCode {
    mockjudge::cli::main()
}
