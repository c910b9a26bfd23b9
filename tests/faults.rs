//! The rule for bad input, tried on every example as a hostile user would: given a bad command
//! line, an example says so in one line on stderr and exits 2 (a usage error: an unknown flag, a
//! missing or extra value, a value that is not a number or out of its bounds, an extra argument)
//! or 1 (a failure: a file it cannot read), never panics, and ends at once. With its stdout
//! closed (`cargo run --example NAME | head -3`) it ends quietly, exit 0. Every run here has
//! `RUST_BACKTRACE=1`, as many developers' machines do: it must change nothing.
//!
//! [`TABLE`] says what each example takes; the bad inputs are made from it by [`cases`]. An
//! example that is not in the table takes no arguments, and is tried with those that every
//! example gets.

use std::os::fd::{FromRawFd, OwnedFd};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common;

/// What an option (or the argument without a flag) takes, and so which bad values are tried.
#[derive(Clone, Copy)]
enum Takes {
    /// Nothing: a flag such as `--in-order`.
    Nothing,
    /// A whole number from `min` to `max` (no `max`: a bound of this machine).
    Count { min: u64, max: Option<u64> },
    /// Seconds, from 0 or a little more up to `max`.
    Seconds { max: u64 },
    /// One of a few names.
    OneOf,
    /// A file the example reads.
    FileToRead,
    /// A URL the example fetches.
    Url,
}
use Takes::*;

struct Row {
    example: &'static str,
    /// Given before every bad input: keeps a server off its default port, in case a bad input
    /// is taken for a good one and the server starts.
    base: &'static [&'static str],
    options: &'static [(&'static str, Takes)],
    /// What the example takes without a flag.
    positional: Option<Takes>,
    /// What the run with a closed stdout is given.
    closed_stdout: &'static [&'static str],
    /// On main, this example's bad inputs do not keep the rule yet: why, and the work that makes
    /// them keep it. Its bad inputs run only with `FAULTS_PENDING=1` in the environment, and then
    /// the ones that pass are counted, but none fails the suite. Its closed-stdout run is checked.
    pending: Option<&'static str>,
}

const fn row(example: &'static str, options: &'static [(&'static str, Takes)]) -> Row {
    Row {
        example,
        base: &[],
        options,
        positional: None,
        closed_stdout: &[],
        pending: None,
    }
}

/// The examples that take arguments, with what they take.
const TABLE: &[Row] = &[
    row("queue_async", &[("--workers", WORKERS)]),
    row("queue_buffered", &[("--workers", WORKERS)]),
    row("queue_semaphore", &[("--workers", WORKERS)]),
    row("ticker", &[("--missed", OneOf)]),
    row("task_group", &[("--fail-at", count(1, 5))]),
    row("streams", &[("--in-order", Nothing)]),
    Row {
        closed_stdout: &["--small"],
        ..row("models", &[("--small", Nothing)])
    },
    // `scale RUNTIME N`: the bad inputs are tried as N, after a runtime.
    Row {
        base: &["smol"],
        positional: Some(count(1, 1_000_000)),
        closed_stdout: &["smol", "10"],
        ..row("scale", &[])
    },
    row("files_sync", &[("--time", Nothing), ("--fsync", Nothing)]),
    row("files_async", &[("--time", Nothing), ("--fsync", Nothing)]),
    Row {
        positional: Some(FileToRead),
        ..row("http_many_sync", HTTP_MANY)
    },
    Row {
        positional: Some(FileToRead),
        ..row("http_many_async", HTTP_MANY)
    },
    Row {
        positional: Some(Url),
        ..row("http_get_async", &[])
    },
    Row {
        positional: Some(Url),
        ..row(
            "crawler",
            &[
                ("--parallel", count(1, 10_000)),
                ("--max-pages", count(1, 10_000)),
                ("--timeout", Seconds { max: 3600 }),
            ],
        )
    },
    Row {
        ..row(
            "load_test",
            &[
                ("--requests", count(1, 100_000)),
                ("--connections", count(1, 500)),
                ("--delay", Seconds { max: 10 }),
                ("--time-limit", Seconds { max: 300 }),
            ],
        )
    },
    Row {
        base: &["--port", "0"],
        closed_stdout: &["--port", "0"],
        ..row(
            "web_server",
            &[("--port", PORT), ("--delay", Seconds { max: 30 })],
        )
    },
    Row {
        base: &["--port", "0"],
        closed_stdout: &["--port", "0"],
        ..row(
            "chat_server",
            &[("--port", PORT), ("--write-timeout", Seconds { max: 3600 })],
        )
    },
];

const WORKERS: Takes = count(1, 1000);
const PORT: Takes = count(0, 65_535);
const HTTP_MANY: &[(&str, Takes)] = &[
    ("--timeout", Seconds { max: 3600 }),
    ("--parallel", count(1, 10_000)),
];

const fn count(min: u64, max: u64) -> Takes {
    Count {
        min,
        max: Some(max),
    }
}

/// What a run must end with.
#[derive(Clone, Debug)]
enum Expect {
    /// Exit 2, one line: `NAME: PROBLEM (usage: NAME ...)`, which contains this text.
    Usage(String),
    /// Exit 1, one line: `Error: ...`.
    Failure,
    /// `--help`: the help on stdout, exit 0, nothing on stderr.
    Help,
}

struct Case {
    args: Vec<String>,
    expect: Expect,
}

/// Files for the bad file inputs, made once.
struct Files {
    missing: String,
    empty: String,
    binary: String,
    directory: String,
}

fn files() -> &'static Files {
    static FILES: std::sync::OnceLock<Files> = std::sync::OnceLock::new();
    FILES.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("faults");
        std::fs::create_dir_all(dir.join("a-directory")).expect("the test's directory");
        let path = |name: &str| dir.join(name).to_string_lossy().into_owned();
        std::fs::write(path("empty.txt"), "").expect("an empty file");
        let binary: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
        std::fs::write(path("binary.bin"), binary).expect("a binary file");
        Files {
            missing: path("no-such-file.txt"),
            empty: path("empty.txt"),
            binary: path("binary.bin"),
            directory: path("a-directory"),
        }
    })
}

/// The bad inputs for one example: those every example gets, then those its options and its
/// argument without a flag call for.
fn cases(row: &Row) -> Vec<Case> {
    let usage = |args: &[&str], contains: &str| Case {
        args: args.iter().map(|a| a.to_string()).collect(),
        expect: Expect::Usage(contains.to_string()),
    };
    let failure = |args: &[&str]| Case {
        args: args.iter().map(|a| a.to_string()).collect(),
        expect: Expect::Failure,
    };
    let mut cases = vec![
        usage(&["--bogus"], "--bogus"),
        usage(&["-x"], "-x"),
        Case {
            args: vec!["--help".to_string()],
            expect: Expect::Help,
        },
    ];
    if row.positional.is_none() {
        cases.push(usage(&["extra"], "extra"));
    }
    let files = files();
    for &(flag, takes) in row.options {
        if !matches!(takes, Nothing) {
            // A missing value, however it is missing.
            cases.push(usage(&[flag], flag));
            cases.push(usage(&[flag, "--bogus"], ""));
        }
        match takes {
            Nothing => {
                cases.push(usage(&[flag, flag], flag));
                cases.push(usage(&[&format!("{flag}=yes")], flag));
            }
            Count { min, max } => {
                cases.push(usage(&[flag, "many"], "many"));
                cases.push(usage(&[flag, "2.5"], "2.5"));
                cases.push(usage(&[flag, "-1"], ""));
                cases.push(usage(&[flag, "99999999999999999999999"], ""));
                if min > 0 {
                    cases.push(usage(&[flag, &(min - 1).to_string()], ""));
                }
                if let Some(max) = max {
                    // The message names the bound.
                    cases.push(usage(&[flag, &(max + 1).to_string()], &max.to_string()));
                }
            }
            Seconds { max } => {
                cases.push(usage(&[flag, "soon"], "soon"));
                cases.push(usage(&[flag, "-1"], ""));
                cases.push(usage(&[flag, "nan"], ""));
                cases.push(usage(
                    &[flag, &(max * 10 + 1).to_string()],
                    &max.to_string(),
                ));
            }
            OneOf => {
                cases.push(usage(&[flag, "nonsense"], "nonsense"));
            }
            FileToRead | Url => {}
        }
    }
    match row.positional {
        None | Some(Nothing | OneOf) => {}
        Some(Count { max, .. }) => {
            cases.push(usage(&["0"], ""));
            cases.push(usage(&["many"], "many"));
            cases.push(usage(&["-1"], ""));
            if let Some(max) = max {
                cases.push(usage(&[&(max + 1).to_string()], ""));
            }
        }
        Some(Seconds { .. }) => cases.push(usage(&["soon"], "soon")),
        Some(FileToRead) => {
            for file in [
                &files.missing,
                &files.empty,
                &files.binary,
                &files.directory,
            ] {
                cases.push(failure(&[file]));
            }
            cases.push(usage(&[&files.empty, &files.empty], ""));
        }
        Some(Url) => {
            cases.push(usage(&["not a url"], "not a url"));
            // An out-of-range port must not be sent to port 80.
            cases.push(usage(&["http://127.0.0.1:99999/"], "99999"));
            cases.push(usage(&["ftp://127.0.0.1/"], "ftp"));
            cases.push(usage(&["http://127.0.0.1:1/", "http://127.0.0.1:1/"], ""));
        }
    }
    for case in &mut cases {
        let base = row.base.iter().map(|a| a.to_string());
        case.args = base.chain(case.args.drain(..)).collect();
    }
    cases
}

/// How long a bad input may take: a usage error or an unreadable file ends before anything
/// starts, in milliseconds.
const BAD_INPUT_LIMIT: Duration = Duration::from_secs(3);
/// How long a run with a closed stdout may take: it ends at its first line, and the slowest
/// examples to print one (`scale`, `pitfall_join_*`) compute or measure for a second or two on a
/// quiet machine, and for up to ten times as long while the other examples compute.
const CLOSED_STDOUT_LIMIT: Duration = Duration::from_secs(30);

/// What a run printed and how it ended; `code` is `None` if it was killed at its time limit.
struct Ended {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Runs `command` with `RUST_BACKTRACE=1` and waits for its end, at most `limit`.
fn run(mut command: Command, limit: Duration) -> Ended {
    command.env("RUST_BACKTRACE", "1").stdin(Stdio::null());
    let (mut child, began) = common::spawn(&mut command).expect("the example starts");
    let mut in_time = true;
    while child
        .try_wait()
        .expect("the example can be waited for")
        .is_none()
    {
        if began.elapsed() > limit {
            let _ = child.kill();
            in_time = false;
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let output = child.wait_with_output().expect("the example's output");
    Ended {
        code: output.status.code().filter(|_| in_time),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// What is wrong with how `example` ended, if anything.
fn fault(example: &str, ended: &Ended, expect: &Expect) -> Option<String> {
    let stderr = ended.stderr.trim_end();
    if ended.code.is_none() {
        return Some("did not end in time".into());
    }
    for sign in ["panicked", "stack backtrace", "Caused by", "RUST_BACKTRACE"] {
        if stderr.contains(sign) {
            return Some(format!("{sign:?} on stderr: {stderr}"));
        }
    }
    let (code, one_line) = match expect {
        Expect::Help => {
            if ended.code != Some(0) || ended.stdout.is_empty() || !stderr.is_empty() {
                return Some(format!("--help: exit {:?}, stderr {stderr:?}", ended.code));
            }
            return None;
        }
        Expect::Usage(contains) => {
            let usage = stderr.starts_with(&format!("{example}: "))
                && stderr.contains(contains.as_str())
                && stderr.ends_with(')')
                && stderr.contains(&format!("(usage: {example}"));
            if !usage {
                return Some(format!("not a usage error naming {contains:?}: {stderr}"));
            }
            (2, true)
        }
        Expect::Failure => (1, stderr.starts_with("Error: ")),
    };
    if ended.code != Some(code) || !one_line || stderr.lines().count() != 1 {
        return Some(format!("exit {:?}, expected {code}: {stderr}", ended.code));
    }
    if !ended.stdout.is_empty() {
        return Some(format!("printed to stdout: {}", ended.stdout));
    }
    None
}

/// Every example in `examples/`, by name.
fn all_examples() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("examples/")
        .filter_map(|entry| {
            let path: PathBuf = entry.ok()?.path();
            (path.extension()? == "rs").then(|| path.file_stem()?.to_str().map(String::from))?
        })
        .collect();
    names.sort();
    names
}

const NO_ARGUMENTS: Row = row("", &[]);

fn row_of(example: &str) -> &'static Row {
    TABLE
        .iter()
        .find(|row| row.example == example)
        .unwrap_or(&NO_ARGUMENTS)
}

/// Every bad input of every example, one process after another (each ends in a few milliseconds,
/// and together they keep about one thread busy): the test fails with every fault found.
#[test]
fn bad_inputs_are_one_line_and_the_right_exit_code() {
    let examples = all_examples();
    let _share = common::cpu_share(common::cpu(1, 5));
    let mut faults = Vec::new();
    let (mut tried, mut pending_passed, mut pending_faults) = (0, 0, Vec::new());
    // A pending row's example prints anyhow's backtrace with RUST_BACKTRACE=1, which takes a few
    // tenths of a second to render: its cases run only when asked for.
    let run_pending = std::env::var_os("FAULTS_PENDING").is_some();
    for example in &examples {
        let row = row_of(example);
        if row.pending.is_some() && !run_pending {
            continue;
        }
        for case in cases(row) {
            let args: Vec<&str> = case.args.iter().map(String::as_str).collect();
            let ended = run(common::example_command(example, &args), BAD_INPUT_LIMIT);
            tried += 1;
            match (fault(example, &ended, &case.expect), row.pending) {
                (Some(fault), None) => faults.push(format!("{example} {args:?}: {fault}")),
                (Some(fault), Some(_)) => {
                    pending_faults.push(format!("{example} {args:?}: {fault}"))
                }
                (None, Some(_)) => pending_passed += 1,
                (None, None) => {}
            }
        }
    }
    if run_pending {
        eprintln!("faults: {pending_passed} cases of pending rows already keep the rule");
        for fault in &pending_faults {
            eprintln!("pending: {fault}");
        }
    }
    assert!(
        faults.is_empty(),
        "{} of {tried} bad inputs broke the rule:\n{}",
        faults.len(),
        faults.join("\n")
    );
}

/// A pipe whose reading end is already closed: the example's first line meets a closed stdout.
fn closed_pipe() -> Stdio {
    let mut fds = [0; 2];
    // SAFETY: `pipe2` fills `fds` with two new descriptors, which are owned here from then on.
    let (read, write) = unsafe {
        assert_eq!(libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC), 0, "a pipe");
        (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1]))
    };
    drop(read);
    Stdio::from(write)
}

/// How many closed-stdout runs at once: most of them only wait for their first line.
const CLOSED_STDOUT_AT_ONCE: usize = 8;

#[test]
fn every_example_ends_quietly_on_a_closed_stdout() {
    let began = Instant::now();
    let examples = all_examples();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let faults = std::sync::Mutex::new(Vec::new());
    // Starting the processes is the CPU work here (their own work ends at their first line),
    // but for pitfall_join_bug and pitfall_join_fix, which compute for a second or so before it,
    // on up to two threads.
    let _share = common::cpu_share(common::cpu(3, 3));
    let temp_parent = common::scratch_space().join("faults-closed-stdout");
    let _ = std::fs::remove_dir_all(&temp_parent);
    let temp_parent = &temp_parent;
    std::thread::scope(|scope| {
        for _ in 0..CLOSED_STDOUT_AT_ONCE {
            scope.spawn(|| {
                while let Some(example) =
                    examples.get(next.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
                {
                    let row = row_of(example);
                    // A folder of its own for its temporary files, to see what it leaves.
                    let temp = temp_parent.join(example);
                    std::fs::create_dir_all(&temp).expect("a temporary folder for the run");
                    let mut command = common::example_command(example, row.closed_stdout);
                    command.stdout(closed_pipe()).env("TMPDIR", &temp);
                    let ended = run(command, CLOSED_STDOUT_LIMIT);
                    let left = std::fs::read_dir(&temp).map_or(0, |entries| entries.count());
                    let _ = std::fs::remove_dir_all(&temp);
                    let stderr = ended.stderr.trim_end();
                    let fault = if ended.code != Some(0) {
                        format!("exit {:?}: {stderr}", ended.code)
                    } else if stderr.contains("panicked") || stderr.contains("Broken pipe") {
                        stderr.to_string()
                    } else if left > 0 {
                        format!("left {left} files or folders in its TMPDIR")
                    } else {
                        continue;
                    };
                    faults.lock().unwrap().push(format!("{example}: {fault}"));
                }
            });
        }
    });
    let faults = faults.into_inner().unwrap();
    assert!(
        faults.is_empty(),
        "with stdout closed ({:?} in all):\n{}",
        began.elapsed(),
        faults.join("\n")
    );
}

/// The table names real examples, and the suite tries as many inputs as it says it does.
#[test]
fn the_table_is_of_real_examples() {
    let examples = all_examples();
    for row in TABLE {
        assert!(
            examples.iter().any(|name| name == row.example),
            "{} is in the fault table but not in examples/",
            row.example
        );
    }
    let count = |pending: bool| -> usize {
        let rows = examples.iter().map(|name| row_of(name));
        rows.filter(|row| row.pending.is_some() == pending)
            .map(|row| cases(row).len())
            .sum()
    };
    eprintln!(
        "faults: {} examples, {} in the table; {} bad inputs ({} more pending), {} closed-stdout runs",
        examples.len(),
        TABLE.len(),
        count(false),
        count(true),
        examples.len()
    );
}

/// The checks catch what they are for: a backtrace, a second line, a wrong exit code, a usage
/// error without its usage.
#[test]
fn the_checks_catch_what_they_are_for() {
    let ended = |code, stderr: &str| Ended {
        code: Some(code),
        stdout: String::new(),
        stderr: stderr.to_string(),
    };
    let usage = Expect::Usage("--bogus".into());
    let good = "ticker: unexpected argument '--bogus' found (usage: ticker [--missed M])\n";
    assert_eq!(fault("ticker", &ended(2, good), &usage), None);
    assert!(fault("ticker", &ended(1, good), &usage).is_some());
    assert!(
        fault(
            "ticker",
            &ended(2, "Error: unknown option --bogus\n"),
            &usage
        )
        .is_some()
    );
    let backtrace = "Error: x\n\nStack backtrace:\n   0: anyhow::error\n";
    assert!(fault("ticker", &ended(1, backtrace), &Expect::Failure).is_some());
    let caused = "Error: cannot read x\n\nCaused by:\n    No such file\n";
    assert!(fault("ticker", &ended(1, caused), &Expect::Failure).is_some());
    assert_eq!(
        fault(
            "ticker",
            &ended(1, "Error: cannot read x: No such file\n"),
            &Expect::Failure
        ),
        None
    );
    let panic = "thread 'main' panicked at src/main.rs:1:1:\nfailed printing to stdout\n";
    assert!(fault("ticker", &ended(101, panic), &Expect::Failure).is_some());
}
