//! How every example reads its command line and how it ends: one parser (clap), one line on
//! stderr for every error, and a quiet end when its stdout is closed.
//!
//! - [`parse`] reads the example's options into a `#[derive(clap::Parser)]` struct. `--help`
//!   prints the help and exits 0; any other problem (an unknown flag, a missing or extra value,
//!   a value that is not a number or out of its bounds, an extra argument) is a *usage error*:
//!   one line on stderr, `NAME: PROBLEM (usage: NAME [--flag VALUE] ...)`, and exit code 2.
//!   Nothing has started yet when the options are read, so ending there leaves nothing half done.
//! - An example that takes no options reads nothing: the clock's start (the first `say`, `bar`
//!   or `summary`) treats any argument to an example of `examples/` as a usage error. One that
//!   prints before or without the clock calls [`no_options`] first.
//! - [`between`] and [`seconds`] are the value parsers of bounded numbers: above or below the
//!   bounds is a usage error that names them. Every numeric option has bounds.
//! - [`usage_error`] is the same one line and exit 2 for a check clap cannot express.
//! - `main` returns [`Result`] (`workbook::Result`): an error it returns is printed by the
//!   standard library as one line, `Error: what failed: why`, whatever `RUST_BACKTRACE` says, and
//!   the exit code is 1.
//! - A closed stdout (`cargo run --example NAME | head -3`) ends the program quietly, exit 0;
//!   see [`set_up`] for how and why. A scratch folder that must not be left behind then is given
//!   to [`remove_on_quiet_end`].

use std::ffi::OsString;
use std::fmt;
use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};
use std::process;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use clap::builder::{RangedI64ValueParser, TypedValueParser};
use clap::{Arg, ArgAction, ArgMatches, Command};

/// Set once the example's options were read, by [`parse`] (or the clock's check).
static READ: AtomicBool = AtomicBool::new(false);
/// How to call the example, for [`usage_error`]: set by [`parse`].
static USAGE: OnceLock<String> = OnceLock::new();

/// Reads the example's options: `let options: Options = workbook::cli::parse();`, where
/// `Options` derives `clap::Parser`. On `--help` it prints the help and exits 0; on a usage error
/// it prints one line and exits 2.
pub fn parse<T: clap::Parser>() -> T {
    parse_from(std::env::args_os())
}

/// [`parse`] for an example that takes no options and prints before (or without) the clock:
/// any argument is a usage error.
pub fn no_options() {
    #[derive(clap::Parser)]
    struct NoOptions {}
    let _: NoOptions = parse();
}

/// Called once when the clock starts: an example of the workbook that has not read its options
/// takes none. Other programs that use the clock (the database package's examples, the
/// exercises, tests) read their command line as they please.
pub(crate) fn clock_starts() {
    set_up();
    let program = program();
    let example_of_the_workbook = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(format!("{program}.rs"))
        .exists();
    if example_of_the_workbook && !READ.load(Ordering::Relaxed) {
        no_options();
    }
}

fn parse_from<T: clap::Parser>(args: impl IntoIterator<Item = OsString>) -> T {
    let command = T::command();
    let usage = usage(&command);
    let mut matches = matches_from(command, args);
    T::from_arg_matches_mut(&mut matches).unwrap_or_else(|error| fail(error, &usage))
}

/// The example's command as clap reads it: `--workers -3` is a value out of bounds, not an
/// unknown flag `-3`.
fn prepared(command: Command) -> Command {
    command.mut_args(|arg| {
        if arg.get_action().takes_values() {
            arg.allow_negative_numbers(true)
        } else {
            arg
        }
    })
}

fn matches_from(command: Command, args: impl IntoIterator<Item = OsString>) -> ArgMatches {
    set_up();
    let mut command = prepared(command);
    READ.store(true, Ordering::Relaxed);
    let usage = usage(&command);
    let _ = USAGE.set(usage.clone());
    command
        .try_get_matches_from_mut(args)
        .unwrap_or_else(|error| fail(error, &usage))
}

/// `--help` is printed by clap to stdout, exit 0; anything else is a usage error.
fn fail(error: clap::Error, usage: &str) -> ! {
    if !error.use_stderr() {
        error.exit()
    }
    exit_with_usage(one_line(&error), usage)
}

/// A usage error found after [`parse`]: one line with the usage, exit 2.
pub fn usage_error(problem: impl fmt::Display) -> ! {
    let usage = USAGE.get().cloned().unwrap_or_else(program);
    exit_with_usage(problem.to_string(), &usage)
}

/// A whole number from `min` to `max`, for `#[arg(value_parser = cli::between(1, MAX))]` on a
/// `usize`. Outside them, the usage error names the bounds: `0 is not in 1..=10000`.
pub fn between(min: usize, max: usize) -> RangedI64ValueParser<usize> {
    let bound = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
    RangedI64ValueParser::<usize>::new().range(bound(min)..=bound(max))
}

/// Seconds, fractions allowed (`2.5`), in `bounds` (never below 0), read as a `Duration`:
/// `#[arg(value_parser = cli::seconds(0.1..=3600.0))]`. Outside them, the usage error names the
/// bounds: `takes seconds from 0.1 to 3600, not `-1``.
pub fn seconds(bounds: RangeInclusive<f64>) -> impl TypedValueParser<Value = Duration> {
    let (min, max) = (*bounds.start(), *bounds.end());
    clap::builder::StringValueParser::new().try_map(move |text| match text.parse::<f64>() {
        Ok(s) if s.is_finite() && s >= 0.0 && (min..=max).contains(&s) => {
            Ok(Duration::from_secs_f64(s))
        }
        _ => Err(format!("takes seconds from {min} to {max}, not `{text}`")),
    })
}

/// The error type of `main`: `fn main() -> workbook::Result`. Any error converts into it with `?`
/// (an `anyhow::Error` with its context, an `io::Error`, ...). The standard library prints the
/// error `main` returns with `{:?}`; this `Debug` is one line, the error and its causes separated
/// by `: `, never a backtrace, so `RUST_BACKTRACE=1` changes nothing. The exit code is 1.
pub struct Error(anyhow::Error);

/// What `main` returns: `Ok(())`, or an [`Error`] printed as one line.
pub type Result<T = (), E = Error> = std::result::Result<T, E>;

impl<E: Into<anyhow::Error>> From<E> for Error {
    fn from(error: E) -> Error {
        Error(error.into())
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = format!("{:#}", self.0);
        f.write_str(&text.split_whitespace().collect::<Vec<_>>().join(" "))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

/// The example's name, as the learner typed it after `--example`.
fn program() -> String {
    std::env::args_os()
        .next()
        .as_deref()
        .map(Path::new)
        .and_then(|path| path.file_stem())
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_else(|| "example".to_string())
}

/// How to call the example, every option spelled out: `ticker [--missed burst|delay|skip]`.
fn usage(command: &Command) -> String {
    let mut usage = program();
    for arg in command.get_arguments() {
        if matches!(arg.get_action(), ArgAction::Help | ArgAction::Version) {
            continue;
        }
        let value = value_name(arg);
        let shown = match arg.get_long() {
            Some(long) if arg.get_action().takes_values() => format!("--{long} {value}"),
            Some(long) => format!("--{long}"),
            None => value,
        };
        let shown = if matches!(arg.get_action(), ArgAction::Append) {
            format!("{shown}...")
        } else {
            shown
        };
        if arg.is_required_set() {
            usage.push_str(&format!(" {shown}"));
        } else {
            usage.push_str(&format!(" [{shown}]"));
        }
    }
    usage
}

/// `N`, or the possible values `burst|delay|skip`.
fn value_name(arg: &Arg) -> String {
    let possible = arg.get_possible_values();
    if !possible.is_empty() {
        let quoted = |name: &str| {
            if name.contains(' ') {
                format!("\"{name}\"")
            } else {
                name.to_string()
            }
        };
        let names: Vec<String> = possible.iter().map(|v| quoted(v.get_name())).collect();
        return names.join("|");
    }
    match arg.get_value_names() {
        Some(names) => names
            .iter()
            .map(|n| n.as_str())
            .collect::<Vec<_>>()
            .join(" "),
        None => arg.get_id().as_str().to_uppercase(),
    }
}

/// clap's message in one line: its first paragraph without the `error: ` prefix, the tip (if
/// any) after it. The usage and "For more information" lines are left out: the usage is added.
fn one_line(error: &clap::Error) -> String {
    let rendered = error.render().to_string();
    let mut parts = Vec::new();
    for line in rendered.lines().map(str::trim) {
        if line.is_empty() || line.starts_with("Usage:") || line.starts_with("For more information")
        {
            continue;
        }
        parts.push(line.strip_prefix("error: ").unwrap_or(line).to_string());
    }
    parts.join("; ")
}

fn exit_with_usage(problem: String, usage: &str) -> ! {
    eprintln!("{}: {problem} (usage: {usage})", program());
    process::exit(2);
}

/// Done once, before anything is printed (by [`parse`] and by the clock's start): a write to a
/// closed stdout ends the program quietly, with exit code 0.
///
/// Why 0 and not 141, what a shell shows for `yes | head` (killed by SIGPIPE): the reader who
/// closed the pipe got all they asked for, so nothing failed; and `cargo run`, which is how a
/// learner runs an example, prints a line of its own, "process didn't exit successfully", for any
/// other status.
///
/// How: SIGPIPE is not simply restored to its default (death), because the same signal is raised
/// by a write to a closed *socket*, and the servers and clients here must get that as an error
/// (`EPIPE`) and go on with their other connections. So a handler looks at stdout: if its reader
/// is gone (`poll` reports `POLLERR`), the program ends with `_exit(0)`; otherwise the write gets
/// its `EPIPE` as before. Ending there skips destructors, as a death by signal would: the folders
/// given to [`remove_on_quiet_end`] are removed first.
pub(crate) fn set_up() {
    static DONE: OnceLock<()> = OnceLock::new();
    DONE.get_or_init(|| {
        #[cfg(unix)]
        end_quietly_when_stdout_closes();
    });
}

/// Folders removed when a closed stdout ends the program (which skips destructors): a scratch
/// folder registers itself here when it is made.
static REMOVE_ON_QUIET_END: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Removes `folder`, and everything in it, if a closed stdout ends the program before the
/// folder's owner does. Removing it later as usual is fine: the one that comes second finds
/// nothing to remove.
pub fn remove_on_quiet_end(folder: &Path) {
    set_up();
    let mut folders = REMOVE_ON_QUIET_END
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    folders.push(folder.to_path_buf());
}

#[cfg(unix)]
fn end_quietly_when_stdout_closes() {
    extern "C" fn on_broken_pipe(_signal: libc::c_int) {
        let mut stdout = libc::pollfd {
            fd: libc::STDOUT_FILENO,
            events: 0,
            revents: 0,
        };
        // SAFETY: `poll` on a valid pollfd is async-signal-safe.
        let closed = unsafe {
            libc::poll(&mut stdout, 1, 0) == 1
                && stdout.revents & (libc::POLLERR | libc::POLLHUP) != 0
        };
        if !closed {
            return;
        }
        // Not async-signal-safe in general, but SIGPIPE is raised in the thread whose `write`
        // failed, and a thread writing to stdout holds no lock these need (`try_lock` guards the
        // one of the list).
        if let Ok(folders) = REMOVE_ON_QUIET_END.try_lock() {
            for folder in folders.iter() {
                let _ = std::fs::remove_dir_all(folder);
            }
        }
        // SAFETY: `_exit` is async-signal-safe; it ends the process at once.
        unsafe { libc::_exit(0) }
    }
    // SAFETY: a zeroed sigaction with an empty mask and a handler that only calls
    // async-signal-safe functions.
    unsafe {
        let mut action: libc::sigaction = std::mem::zeroed();
        action.sa_sigaction = on_broken_pipe as extern "C" fn(libc::c_int) as usize;
        action.sa_flags = libc::SA_RESTART;
        libc::sigemptyset(&mut action.sa_mask);
        libc::sigaction(libc::SIGPIPE, &action, std::ptr::null_mut());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[derive(clap::Parser, Debug)]
    struct Options {
        #[arg(long, value_name = "N", default_value_t = 1, value_parser = between(1, 100))]
        workers: usize,
        #[arg(long)]
        fast: bool,
    }

    /// `args` read as `parse` reads them, without ending the test.
    fn read<T: clap::Parser>(args: &[&str]) -> std::result::Result<T, clap::Error> {
        let args = std::iter::once("t").chain(args.iter().copied());
        let mut matches = prepared(T::command()).try_get_matches_from(args)?;
        T::from_arg_matches_mut(&mut matches)
    }

    fn problem(args: &[&str]) -> String {
        let error = read::<Options>(args).unwrap_err();
        one_line(&error)
    }

    #[test]
    fn the_usage_spells_out_every_option() {
        assert!(usage(&Options::command()).ends_with(" [--workers N] [--fast]"));
    }

    #[test]
    fn a_problem_is_one_line_that_names_the_bound() {
        assert_eq!(
            problem(&["--workers", "0"]),
            "invalid value '0' for '--workers <N>': 0 is not in 1..=100"
        );
        assert!(problem(&["--bogus"]).starts_with("unexpected argument '--bogus' found"));
        assert!(problem(&["--workers"]).contains("a value is required"));
        assert_eq!(
            problem(&["--workers", "-1"]),
            "invalid value '-1' for '--workers <N>': -1 is not in 1..=100"
        );
        for args in [&["--workers", "x"][..], &["--fast", "extra"]] {
            assert!(!problem(args).contains('\n'), "{args:?}");
        }
    }

    #[derive(clap::Parser, Debug)]
    struct Timed {
        #[arg(long, value_name = "SECS", value_parser = seconds(0.1..=60.0))]
        timeout: Option<Duration>,
    }

    #[test]
    fn seconds_are_read_within_their_bounds() {
        let timeout = |text: &str| read::<Timed>(&["--timeout", text]);
        assert_eq!(
            timeout("2.5").unwrap().timeout,
            Some(Duration::from_millis(2500))
        );
        for bad in ["0", "-1", "61", "nan", "inf", "soon"] {
            let problem = one_line(&timeout(bad).unwrap_err());
            assert!(
                problem.contains("takes seconds from 0.1 to 60"),
                "{bad}: {problem}"
            );
        }
    }

    #[test]
    fn an_error_is_one_line_with_its_causes() {
        let error: Error = anyhow::anyhow!("disk full")
            .context("cannot write x")
            .into();
        assert_eq!(format!("{error:?}"), "cannot write x: disk full");
    }
}
