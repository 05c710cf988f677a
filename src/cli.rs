//! The command line: argument definitions (clap) and the dispatch from a
//! parsed command to the library. Nothing here knows how meetings work; it
//! validates arguments, calls the library and maps results to exit codes.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

use crate::check;

/// Exit code when everything is clean.
pub const EXIT_OK: u8 = 0;
/// Exit code when problems were found in the files.
pub const EXIT_PROBLEMS: u8 = 1;
/// Exit code when an input could not be read or parsed (also bad arguments).
pub const EXIT_UNREADABLE: u8 = 2;

/// The exit code table shown in `--help` (a macro so `concat!` can use it).
macro_rules! exit_codes {
    () => {
        "Exit codes:\n  0  clean (warnings alone do not fail unless --deny warnings)\n  1  problems found in the files (errors, or warnings with --deny warnings)\n  2  an input could not be read or parsed, or the arguments are wrong"
    };
}

/// Plans standards working-group meetings: sessions, agendas, contributions,
/// conflicts, calendars and reports, from one TOML file per meeting.
#[derive(Debug, Parser)]
#[command(
    name = "agendum",
    version,
    about,
    after_help = "Example:\n  agendum check schedules/sec-10-berlin.toml\n\nThe meeting file format is described in docs/format.md; `agendum schema` prints its JSON Schema.",
    after_long_help = concat!(
        "Example:\n  agendum check schedules/sec-10-berlin.toml\n\n",
        "The meeting file format is described in docs/format.md; `agendum schema` prints its JSON Schema.\n\n",
        exit_codes!()
    )
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Load meeting files, validate them and report every problem with its place in the file.
    #[command(after_help = concat!(
        "Examples:\n",
        "  agendum check schedules/sec-10-berlin.toml\n",
        "  agendum check schedules/sec-10-berlin.toml schedules/sec-24-montreal.toml --format json\n",
        "  agendum check schedules/tp-week/*.toml --allow back-to-back --deny warnings\n\n",
        "Conflict rules and the JSON output are described in docs/conflicts.md.\n\n",
        exit_codes!()
    ))]
    Check(CheckArgs),
    /// Print the JSON Schema of the meeting file, for editors' completion and validation.
    #[command(after_help = "Example:\n  agendum schema > agendum.schema.json")]
    Schema,
    /// Print shell completions for bash, zsh, fish, elvish or powershell.
    #[command(after_help = "Example:\n  agendum completions bash > /etc/bash_completion.d/agendum")]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff).
    #[command(after_help = "Example:\n  agendum man > agendum.1 && man ./agendum.1")]
    Man,
}

/// Output format of diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum DiagnosticFormat {
    /// Like a compiler: `file:line:col`, the line, carets, a hint.
    #[default]
    Human,
    /// One JSON document (schema in docs/format.md).
    Json,
}

/// What `--deny` can make fatal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Deny {
    /// Warnings fail the exit code.
    Warnings,
}

/// Arguments of `agendum check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Meeting files (TOML); several files form one week at one venue.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// How to print the diagnostics.
    #[arg(long, value_enum, default_value_t)]
    pub format: DiagnosticFormat,
    /// Make warnings fail the exit code.
    #[arg(long, value_enum)]
    pub deny: Vec<Deny>,
    /// Do not report this warning rule (repeatable), e.g. `--allow back-to-back`.
    #[arg(long, value_name = "RULE", value_parser = crate::conflicts::parse_allow)]
    pub allow: Vec<String>,
}

/// Parses the process arguments and runs the command.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() {
                EXIT_UNREADABLE
            } else {
                EXIT_OK
            });
        }
    };
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let code = match run(cli, &mut out) {
        Ok(code) => code,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => EXIT_OK,
        Err(e) => {
            let _ = writeln!(io::stderr(), "agendum: {e}");
            EXIT_UNREADABLE
        }
    };
    let _ = out.flush();
    ExitCode::from(code)
}

/// Runs a parsed command, writing its output to `out`; returns the exit code.
pub fn run(cli: Cli, out: &mut dyn Write) -> io::Result<u8> {
    match cli.command {
        Command::Check(args) => check::run(&args, out),
        Command::Schema => {
            let schema = schemars::schema_for!(crate::model::Meeting);
            serde_json::to_writer_pretty(&mut *out, &schema)?;
            writeln!(out)?;
            Ok(EXIT_OK)
        }
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "agendum", out);
            Ok(EXIT_OK)
        }
        Command::Man => {
            clap_mangen::Man::new(Cli::command()).render(out)?;
            Ok(EXIT_OK)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn exit_codes_are_documented() {
        let help = Cli::command().render_long_help().to_string();
        assert!(help.contains("2  an input could not be read or parsed"));
    }
}
