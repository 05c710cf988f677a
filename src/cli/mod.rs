//! The command line: argument definitions (clap) and the dispatch from a
//! parsed command to the library. Nothing here knows how meetings work; it
//! validates arguments, calls the library and maps results to exit codes.

mod check;
mod history;
mod ics;
mod import;
mod invite;
mod next;
mod plan;
mod prelude;
mod record;
mod release;
mod render;
mod serve;
mod site;
mod timetable;

use std::io::{self, Write};
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

use crate::error::Error;

/// Exit code when everything is clean.
pub const EXIT_OK: u8 = 0;
/// Exit code when problems were found in the files.
pub const EXIT_PROBLEMS: u8 = 1;
/// Exit code when an input could not be read or parsed (also bad arguments).
pub const EXIT_UNREADABLE: u8 = 2;

/// The exit code of a library error: 2 when an input could not be read or
/// parsed, a request names what the week does not have, or a file could not
/// be written (whatever the command: a failed or refused write is one kind);
/// 1 when the files were read but the change or the request cannot be made
/// (as for problems found in the files). The one place where errors become
/// exit codes.
pub fn exit_code(e: &Error) -> u8 {
    match e {
        Error::Read(_)
        | Error::Invalid(..)
        | Error::Unknown(_)
        | Error::Parse { .. }
        | Error::Write(_) => EXIT_UNREADABLE,
        Error::Refused(_) | Error::Impossible(_) => EXIT_PROBLEMS,
    }
}

/// "Now", as every command sees it: `SOURCE_DATE_EPOCH` when it is set
/// (reproducible builds, snapshot tests), otherwise the clock. The only
/// place agendum reads the clock.
pub fn now() -> Result<chrono::DateTime<chrono::Utc>, String> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) => v
            .trim()
            .parse::<i64>()
            .ok()
            .and_then(|s| chrono::DateTime::from_timestamp(s, 0))
            .ok_or_else(|| format!("SOURCE_DATE_EPOCH is `{v}`: it must be a number of seconds since 1970-01-01 UTC")),
        Err(_) => Ok(chrono::Utc::now()),
    }
}

pub(crate) use crate::export::render::plural;

/// A count and its noun, singular for one: "1 agenda item", "27 agenda items".
pub(crate) fn count<N: std::fmt::Display + PartialEq + From<u8> + Copy>(
    n: N,
    noun: &str,
) -> String {
    let s = if n == N::from(1) { "" } else { "s" };
    format!("{n} {noun}{s}")
}

/// The exit code table shown in `--help` (a macro so `concat!` can use it).
macro_rules! exit_codes {
    () => {
        "Exit codes:\n  0  clean (warnings alone do not fail unless --deny warnings)\n  1  problems found in the files (errors, or warnings with --deny warnings)\n  2  an input could not be read or parsed, the arguments are wrong, or a file could not be written"
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
        "  agendum check schedules/tp-week/*.toml --allow back-to-back --deny warnings\n",
        "  agendum check schedules/sec-24-montreal.toml sec-25.toml\n\n",
        "Meetings of one group at different dates are a series: check also warns on an action item\n",
        "closed in one but still open in a later one (series-stale-action) and on a document decided\n",
        "differently in two (series-decided-twice).\n",
        "Conflict rules and the JSON output are described in docs/conflicts.md.\n\n",
        exit_codes!()
    ))]
    Check(check::CheckArgs),
    /// Record what happened during the week: presentations, decisions, revisions, action items.
    #[command(after_help = concat!(
        "Examples:\n",
        "  agendum record schedules/sec-10-berlin.toml SEC-2014-0257 noted --session S5 --by Francois --note \"To be aligned with the access control text.\"\n",
        "  agendum record schedules/sec-10-berlin.toml SEC-2014-0257R01 agreed --session S6\n",
        "  agendum record schedules/sec-10-berlin.toml PRO-2014-0159R01 \"agreed by SEC/PRO\" --session JOINT-PRO\n",
        "  agendum record schedules/sec-10-berlin.toml --action \"To align the authorization framework with TS-0003\" --who Gemalto\n",
        "  agendum record schedules/sec-10-berlin.toml --close A-WG4-TP8-005\n\n",
        "A new revision (SEC-2014-0257R01) is added to its contribution's chain. Sessions can be named by id (S4) or as minutes name them (\"Tuesday SEC/ARC/PRO-2\"); the id is written. A presenter is written by the name [[people]] declares (--by Francois writes \"Francois Ennesser\"). The same decision on the same document in the same session is refused unless --again. The file keeps its comments and layout; it is written atomically, and not at all if it changed on disk meanwhile.\n\n",
        exit_codes!()
    ))]
    Record(record::RecordArgs),
    /// Start the next meeting's file from this one: the agenda skeleton, and every open action item and contribution carried over.
    #[command(after_help = concat!(
        "Examples:\n",
        "  agendum next schedules/sec-24-montreal.toml --id SEC#25 --dates 2016-10-10..14 --venue \"Sophia Antipolis, France\" --timezone Europe/Paris -o sec-25.toml\n",
        "  agendum next schedules/sec-24-montreal.toml --id SEC#25 --dates 2016-10-10..2016-10-14 --minutes SEC-2016-9999 -o sec-25.toml --force\n",
        "  (SEC-2016-9999 is an example: give the number of the SEC#24 minutes, which the file and its minutes do not record.)\n",
        "  agendum next schedules/tp-week/sec.toml --with schedules/tp-week/tp.toml --id SEC#25 --dates 2016-10-10..14 -o sec-25.toml\n\n",
        "Carried entries say `carried_from = \"SEC#24\"`, and the agenda prints \"carried over from SEC#24\". Included files are included again; groups, rooms and people the file declares itself are copied. The new file has no sessions; the next-meetings entries between the two meetings are carried. The next meeting starts after this one ends. --with loads the other files of this meeting's week (the rooms its sessions use); nothing is taken from them. The text is loaded as `check` loads it before it is written: any error, and nothing is written. The same inputs give the same bytes; an existing output is replaced only with --force. See docs/next.md.\n\n",
        exit_codes!()
    ))]
    Next(next::NextArgs),
    /// Follow one contribution through a series of meeting files: each meeting, item, session, revision and decision, in time order.
    #[command(after_help = concat!(
        "Example:\n",
        "  agendum next schedules/sec-24-montreal.toml --id SEC#25 --dates 2016-10-10..14 -o sec-25.toml\n",
        "  agendum history SEC-2016-0137 schedules/sec-24-montreal.toml sec-25.toml\n\n",
        "Any revision names the chain (SEC-2016-0137R01 finds SEC-2016-0137). Each file is loaded on its own; meetings are put in the order of their first day. See docs/next.md.\n\n",
        exit_codes!()
    ))]
    History(history::HistoryArgs),
    /// Build the week's grid from a requests file: place every session in days x slots x rooms.
    #[command(after_help = concat!(
        "Examples:\n",
        "  agendum timetable schedules/tp-week-requests.toml -o tp-week/\n",
        "  agendum timetable schedules/tp-week-requests.toml --seed 7 --threads 2 --restarts 4 -o tp-week/\n",
        "  agendum timetable schedules/tp-week-requests.toml --write tp-week/*.toml --stable 100000\n",
        "  agendum timetable schedules/tp24-requests.toml -o tp24/\n\n",
        "The requests file is described in docs/timetable.md; `include = [\"groups/onem2m.toml\"]` at its top takes the groups' names, conflicts, key people and unavailable half-days from the shared file meeting files include (paths relative to the requests file), and the meeting files written include it too (paths relative to each written file), declaring none of its groups and people again. The same file and seed give the same timetable, whatever --threads; only --time-limit, when it cuts the search, makes the result depend on the machine.\n\n",
        exit_codes!()
    ))]
    Timetable(timetable::TimetableArgs),
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
    Render(render::RenderArgs),
    /// Merge a contribution list exported by a portal (3GPP Tdoc list, oneM2M/ETSI export, CSV template) into a meeting file.
    #[command(after_help = concat!(
        "Examples:\n",
        "  agendum import 'TDoc_List_Meeting_SA3#114.xlsx' --into sa3-114.toml --dry-run\n",
        "  agendum import contributions.csv --into schedules/sec-10-berlin.toml --format onem2m\n\n",
        "New contributions go under their agenda items (items are created with the list's description);\n",
        "existing ones get title, status and revision links; hand-written fields and comments stay.\n",
        "Importing the same list again changes nothing. See docs/import.md.\n\n",
        "Exit codes:\n  0  imported (or nothing to change)\n  1  some rows could not be mapped (reported; with --strict nothing is written)\n  2  the list or the meeting file could not be read or written, or the arguments are wrong"
    ))]
    Import(import::ImportArgs),
    /// Write the week's sessions as an iCalendar (RFC 5545) feed, or one invitation per session.
    #[command(after_help = concat!(
        "Examples:\n",
        "  agendum ics schedules/sec-10-berlin.toml -o sec-10.ics\n",
        "  agendum ics week/*.toml --group SEC -o sec.ics --previous sec.ics\n",
        "  agendum ics week/*.toml --group SEC --method request -o invites\n",
        "  agendum ics week/*.toml --group SEC --previous invites -o invites\n\n",
        "A feed is one file; invitations are one file per session (Outlook and Gmail read only the first\n",
        "event of an invitation). DTSTAMP comes from SOURCE_DATE_EPOCH when it is set. See docs/ics.md.\n\n",
        exit_codes!()
    ))]
    Ics(ics::IcsArgs),
    /// Send each session's invitation by e-mail: the agenda as text and HTML, and the iMIP calendar part.
    #[command(after_help = concat!(
        "Examples:\n",
        "  agendum invite schedules/sec-10-berlin.toml -o invites --dry-run\n",
        "  agendum invite schedules/sec-10-berlin.toml -o invites\n",
        "  AGENDUM_SMTP_USER=chair AGENDUM_SMTP_PASSWORD=... agendum invite schedules/sec-10-berlin.toml -o invites --smtp smtps://mail.example.org\n",
        "  agendum invite schedules/sec-10-berlin.toml --previous invites -o invites --smtp smtps://mail.example.org   # after a change\n\n",
        "One message per session (NAME.eml), from the chair, to the people who must be there, Cc the groups' lists.\n",
        "The folder keeps the invitation each message carried (NAME.ics), written once the message went out:\n",
        "with --previous, only the sessions that changed (or were not sent) get a message. See docs/ics.md.\n\n",
        exit_codes!()
    ))]
    Invite(invite::InviteArgs),
    /// Decide which session treats which agenda items and contributions, or re-plan mid-week.
    #[command(after_help = concat!(
        "Examples:\n",
        "  agendum plan schedules/sec-10-berlin.toml\n",
        "  agendum plan schedules/sec-10-berlin.toml --reserve 10 --write\n",
        "  agendum plan schedules/sec-24-montreal.toml --from \"Thursday SEC-4\" --format json\n\n",
        "The planner keeps agenda order, never splits an item inside a contribution, sends items that need other groups to joint sessions, and prefers (1) fewer split items, (2) balanced slack, (3) fewer moves from the file's current plan. docs/plan.md says what is optimal and what is heuristic.\n\n",
        exit_codes!()
    ))]
    Plan(plan::PlanArgs),
    /// Publish the week as a static site: the week's grid, one page per meeting, group and person, their feeds, week.json.
    #[command(after_help = concat!(
        "Examples:\n",
        "  agendum site schedules/tp-week/*.toml -o site\n",
        "  agendum site schedules/tp-week/*.toml -o site --url https://wg.example.org/tp24/\n\n",
        "The pages need no script and fetch nothing; the feeds are those of `agendum ics --group` and\n",
        "`--person`, at the same URLs from one build to the next. Files that have not changed are not\n",
        "rewritten. Warnings do not stop it, nor do the problems only `agendum check` finds. See docs/site.md.\n\n",
        "Exit codes:\n",
        "  0  the site was written\n",
        "  1  no site written: the files have errors, the week has no session, its feeds cannot be made,\n",
        "     or DIR holds releases (update it with `agendum release`)\n",
        "  2  an input could not be read or parsed, the arguments are wrong, or a file could not be written"
    ))]
    Site(site::SiteArgs),
    /// Release the published site: its feeds updated (SEQUENCE, cancellations) and a changelog of what changed.
    #[command(after_help = concat!(
        "Examples:\n",
        "  agendum site schedules/tp-week/*.toml -o site\n",
        "  agendum release schedules/tp-week/*.toml --previous site\n",
        "  agendum release schedules/tp-week/*.toml --previous site -o site-next --url https://wg.example.org/tp24/\n",
        "  agendum release schedules/tp-week/*.toml --previous-rev HEAD~1 -o site\n\n",
        "Compares the week with the one the published folder shows (its week.json) and adds a release to\n",
        "changelog.html, atom.xml and releases.json: new, moved, renamed and cancelled sessions, and\n",
        "contributions moved between items and sessions. The feeds follow `agendum ics --previous`: a changed\n",
        "event gets a higher SEQUENCE, a session gone a cancellation. Refuses while `agendum check` finds\n",
        "errors, unless --force. With no change, nothing is written.\n\n",
        "With no published folder kept, --previous-rev REV compares with the meeting files as they were at\n",
        "a git revision of the repository of the first FILE (a FILE that commit lacks is a new meeting):\n",
        "that version's site is built at the commit's time; -o is needed, and OUT must not hold releases\n",
        "yet. See docs/site.md.\n\n",
        exit_codes!()
    ))]
    Release(release::ReleaseArgs),
    /// Serve the site on this machine, rebuilt when a meeting file changes; calendar clients can subscribe to its feeds.
    #[command(after_help = concat!(
        "Examples:\n",
        "  agendum serve schedules/tp-week/*.toml\n",
        "  agendum serve schedules/tp-week/*.toml --port 0\n",
        "  agendum serve schedules/tp-week/*.toml --bind 0.0.0.0 --url http://wg-laptop.local:8024/\n\n",
        "Listens on 127.0.0.1 unless --bind says otherwise, and prints its URL first. Feeds answer\n",
        "conditional GETs (ETag, Last-Modified, 304); an open page reloads after a rebuild. A broken\n",
        "file keeps the last good site served, with the diagnostic on every page, until it is fixed.\n",
        "See docs/site.md.\n\n",
        "Exit codes:\n  0  stopped by Ctrl-C\n  2  a file cannot be read at start, the address cannot be listened on, or the arguments are wrong\n  (files with errors do not stop it: it serves the diagnostic until they are fixed)"
    ))]
    Serve(serve::ServeArgs),
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
        Command::Record(args) => record::run(&args, out),
        Command::Next(args) => next::run(&args, out),
        Command::History(args) => history::run(&args, out),
        Command::Timetable(args) => timetable::run(&args, out),
        Command::Render(args) => render::run(&args, out),
        Command::Import(args) => import::run(&args, out),
        Command::Ics(args) => ics::run(&args, out),
        Command::Invite(args) => invite::run(&args, out),
        Command::Site(args) => site::run(&args, out),
        Command::Release(args) => release::run(&args, out),
        Command::Serve(args) => serve::run(&args, out),
        Command::Plan(args) => plan::run(&args, out),
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
    fn one_is_singular() {
        assert_eq!(count(1_usize, "agenda item"), "1 agenda item");
        assert_eq!(count(0_usize, "agenda item"), "0 agenda items");
        assert_eq!(count(27_u64, "iteration"), "27 iterations");
    }

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }

    /// The layering rule (DESIGN.md, "The library and the command line"):
    /// `cli` may import anything, nothing imports `cli`, and only `cli`
    /// knows clap. A library module that names either fails here.
    #[test]
    fn nothing_outside_cli_names_cli_or_clap() {
        fn walk(dir: &std::path::Path, found: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    if path.file_name().is_some_and(|n| n != "cli") {
                        walk(&path, found);
                    }
                } else if path.extension().is_some_and(|e| e == "rs")
                    && path.file_name().is_some_and(|n| n != "main.rs")
                {
                    let text = std::fs::read_to_string(&path).unwrap();
                    for (i, line) in text.lines().enumerate() {
                        if line.contains("crate::cli") || line.contains("clap") {
                            found.push(format!("{}:{}: {line}", path.display(), i + 1));
                        }
                    }
                }
            }
        }
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut found = Vec::new();
        walk(&src, &mut found);
        assert!(
            found.is_empty(),
            "library code names the command line:\n{}",
            found.join("\n")
        );
        // The walk saw the library: an empty result must not come from an empty walk.
        assert!(src.join("load/mod.rs").is_file() && src.join("cli/mod.rs").is_file());
    }

    #[test]
    fn exit_codes_are_documented() {
        let help = Cli::command().render_long_help().to_string();
        assert!(help.contains("2  an input could not be read or parsed"));
    }
}
