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
        "  agendum check schedules/sec-24-montreal.toml --format json\n",
        "  agendum check schedules/tp-week/*.toml --allow back-to-back --deny warnings\n\n",
        "Conflict rules and the JSON output are described in docs/conflicts.md.\n\n",
        exit_codes!()
    ))]
    Check(CheckArgs),
    /// Record what happened during the week: presentations, decisions, revisions, action items.
    #[command(after_help = concat!(
        "Examples:\n",
        "  agendum record schedules/sec-24-montreal.toml SEC-2016-0136 noted --session \"Monday SEC-4\" --by Wolfgang --note \"Minor typo on figure.\"\n",
        "  agendum record schedules/sec-24-montreal.toml SEC-2016-0136R01 agreed --session \"Friday SEC-2\"\n",
        "  agendum record schedules/sec-24-montreal.toml ARC-2016-0344R01 \"agreed by ARC/SEC\" --session \"wed ARC/SEC-5\"\n",
        "  agendum record schedules/sec-24-montreal.toml --action \"To check the impact on the binding in PRO\" --who Wolfgang\n",
        "  agendum record schedules/sec-24-montreal.toml --close A-WG4-SEC233\n\n",
        "A new revision (SEC-2016-0136R01) is added to its contribution's chain. Sessions can be named by id (S4) or as minutes name them (\"Tuesday SEC/ARC/PRO-2\"). The file keeps its comments and layout; it is written atomically, and not at all if it changed on disk meanwhile.\n\n",
        exit_codes!()
    ))]
    Record(RecordArgs),
    /// Build the week's grid from a requests file: place every session in days x slots x rooms.
    #[command(after_help = concat!(
        "Examples:\n",
        "  agendum timetable schedules/tp-week-requests.toml -o tp-week/\n",
        "  agendum timetable schedules/tp-week-requests.toml --seed 7 --threads 2 --restarts 4 -o tp-week/\n",
        "  agendum timetable schedules/tp-week-requests.toml --write tp-week/*.toml --stable 100000\n\n",
        "The requests file is described in docs/timetable.md. The same file and seed give the same timetable, whatever --threads; only --time-limit, when it cuts the search, makes the result depend on the machine.\n\n",
        exit_codes!()
    ))]
    Timetable(TimetableArgs),
    /// Render the agenda a chair sends out, the minutes (--report) or what is still open (--open): text, Markdown, HTML or Word.
    #[command(after_help = concat!(
        "Examples:\n",
        "  agendum render schedules/sec-10-berlin.toml\n",
        "  agendum render schedules/sec-10-berlin.toml --format html -o agenda.html\n",
        "  agendum render schedules/sec-10-berlin.toml -o agenda.docx --tz Asia/Tokyo --tz UTC\n",
        "  agendum render week/*.toml --week --group SEC --format markdown\n",
        "  agendum render schedules/sec-24-montreal.toml --report --format docx -o minutes.docx\n",
        "  agendum render schedules/sec-24-montreal.toml --open\n\n",
        "--report writes the minutes from what `agendum record` recorded; --open lists the contributions still open, with the session where each was last seen.\n\n",
        exit_codes!()
    ))]
    Render(RenderArgs),
    /// Merge a contribution list exported by a portal (3GPP Tdoc list, oneM2M/ETSI export, CSV template) into a meeting file.
    #[command(after_help = concat!(
        "Examples:\n",
        "  agendum import 'TDoc_List_Meeting_SA3#114.xlsx' --into sa3-114.toml --dry-run\n",
        "  agendum import contributions.csv --into schedules/sec-10-berlin.toml --format onem2m\n\n",
        "New contributions go under their agenda items (items are created with the list's description);\n",
        "existing ones get title, status and revision links; hand-written fields and comments stay.\n",
        "Importing the same list again changes nothing. See docs/import.md.\n\n",
        "Exit codes:\n  0  imported (or nothing to change)\n  1  some rows could not be mapped (reported; with --strict nothing is written)\n  2  the list or the meeting file could not be read, or the arguments are wrong"
    ))]
    Import(ImportArgs),
    /// Write the week's sessions as an iCalendar (RFC 5545) feed or invitation.
    #[command(after_help = concat!(
        "Examples:\n",
        "  agendum ics schedules/sec-10-berlin.toml -o sec-10.ics\n",
        "  agendum ics week/*.toml --group SEC --method request --previous sent.ics -o sec.ics\n\n",
        "DTSTAMP comes from SOURCE_DATE_EPOCH when it is set. See docs/ics.md.\n\n",
        exit_codes!()
    ))]
    Ics(crate::calendar::IcsArgs),
    /// Decide which session treats which agenda items and contributions, or re-plan mid-week.
    #[command(after_help = concat!(
        "Examples:\n",
        "  agendum plan schedules/sec-10-berlin.toml\n",
        "  agendum plan schedules/sec-10-berlin.toml --reserve 10 --write\n",
        "  agendum plan schedules/sec-24-montreal.toml --from \"Thursday SEC-4\" --format json\n\n",
        "The planner keeps agenda order, never splits an item inside a contribution, sends items that need other groups to joint sessions, and prefers (1) fewer split items, (2) balanced slack, (3) fewer moves from the file's current plan. docs/plan.md says what is optimal and what is heuristic.\n\n",
        exit_codes!()
    ))]
    Plan(crate::plan::command::PlanArgs),
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

/// Arguments of `agendum record`.
#[derive(Debug, clap::Args)]
pub struct RecordArgs {
    /// The meeting file to record into.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The contribution, with its revision if new (SEC-2016-0136R01).
    #[arg(value_name = "CONTRIBUTION")]
    pub contribution: Option<String>,
    /// The decision: noted, agreed, approved, endorsed, withdrawn, postponed, rejected, "left open", "revision expected", "not treated", optionally followed by words ("agreed to be proposed to TP for approval") or "by ARC/SEC".
    #[arg(value_name = "DECISION", num_args = 0.., trailing_var_arg = false)]
    pub decision: Vec<String>,
    /// The session: an id (S4) or the minutes' name ("Tuesday SEC/ARC/PRO-2").
    #[arg(long)]
    pub session: Option<String>,
    /// Who presented it.
    #[arg(long)]
    pub by: Option<String>,
    /// A discussion note (repeatable).
    #[arg(long = "note")]
    pub notes: Vec<String>,
    /// A revision is expected.
    #[arg(long)]
    pub revision_expected: bool,
    /// Add an action item with the next reference of the group's series.
    #[arg(long, value_name = "TEXT")]
    pub action: Option<String>,
    /// Who does the new action item.
    #[arg(long, requires = "action")]
    pub who: Option<String>,
    /// Mark an action item completed (repeatable).
    #[arg(long, value_name = "REFERENCE")]
    pub close: Vec<String>,
    /// Print what would change; write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

/// Arguments of `agendum timetable`.
#[derive(Debug, clap::Args)]
pub struct TimetableArgs {
    /// The requests file (TOML; docs/timetable.md).
    #[arg(value_name = "REQUESTS")]
    pub requests: PathBuf,
    /// Write one meeting file per group into this directory.
    #[arg(short = 'o', long = "output", value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Write the sessions into these existing meeting files (in place, keeping their layout); they are also the starting timetable.
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub write: Vec<PathBuf>,
    /// Start from the timetable in these meeting files.
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub from: Vec<PathBuf>,
    /// Seed of the random choices: the same seed gives the same timetable.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Stop searching after this many seconds (the result then depends on the machine's speed).
    #[arg(long, value_name = "SECS")]
    pub time_limit: Option<f64>,
    /// Cost of moving a session away from the starting timetable.
    #[arg(long, value_name = "W")]
    pub stable: Option<u64>,
    /// Independent restarts; the best is kept (default: 2 up to 60 sessions, else 1).
    #[arg(long)]
    pub restarts: Option<usize>,
    /// Threads running the restarts (default: the cores; does not change the result).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Annealing iterations per restart (default: 25,000 per session, at most 1.2 million).
    #[arg(long)]
    pub iterations: Option<u64>,
    /// How to print the report.
    #[arg(long, value_enum, default_value_t)]
    pub format: DiagnosticFormat,
}

/// Arguments of `agendum render`.
#[derive(Debug, clap::Args)]
pub struct RenderArgs {
    /// Meeting files (TOML); several files form one week at one venue.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Output format [default: from the extension of -o, else text].
    #[arg(long, value_enum)]
    pub format: Option<crate::render::Format>,
    /// Write to this file (atomically) instead of stdout; required for docx on a terminal.
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// Add a column with the session times in this IANA zone (repeatable), for remote delegates.
    #[arg(long = "tz", value_name = "ZONE", value_parser = crate::clock::Zone::parse)]
    pub zones: Vec<crate::clock::Zone>,
    /// Keep only the sessions of this group (repeatable); plenaries and coordination stay.
    #[arg(long, value_name = "GROUP")]
    pub group: Vec<String>,
    /// Keep only this session, by id or by the name minutes use (repeatable).
    #[arg(long, value_name = "SESSION")]
    pub session: Vec<String>,
    /// Start with the grid of the whole week: days down, rooms across.
    #[arg(long)]
    pub week: bool,
    /// Render the minutes (meeting report) from the recorded history instead of the agenda.
    #[arg(long, conflicts_with_all = ["open", "week", "group", "session"])]
    pub report: bool,
    /// List the contributions still open (left open, revision expected, not treated) by agenda item.
    #[arg(long, conflicts_with_all = ["week", "group", "session"])]
    pub open: bool,
}

/// Arguments of `agendum import`.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The contribution list (.xlsx or .csv).
    #[arg(value_name = "LIST")]
    pub list: PathBuf,
    /// The meeting file to merge into (edited in place, atomically).
    #[arg(long, value_name = "FILE")]
    pub into: PathBuf,
    /// The kind of list; `auto` tells it from the headers.
    #[arg(long, value_enum, default_value_t)]
    pub format: crate::import::Format,
    /// Print what would change; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Write nothing if any row cannot be mapped.
    #[arg(long)]
    pub strict: bool,
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
        Command::Record(args) => crate::record::run(&args, out),
        Command::Timetable(args) => crate::timetable::run(&args, out),
        Command::Render(args) => crate::render::command::run(&args, out),
        Command::Import(args) => crate::import::run(
            &crate::import::Options {
                list: args.list,
                into: args.into,
                format: args.format,
                dry_run: args.dry_run,
                strict: args.strict,
            },
            out,
        ),
        Command::Ics(args) => crate::calendar::run(&args, out),
        Command::Plan(args) => crate::plan::command::run(&args, out),
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
