//! The `agendum` binary: everything lives in the library.

fn main() -> std::process::ExitCode {
    agendum::cli::main()
}
