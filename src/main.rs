//! The `agendum` binary: everything lives in the library.

/// Small allocations dominate loading a week (every TOML value, every span);
/// mimalloc serves them faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    agendum::cli::main()
}
