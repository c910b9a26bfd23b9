//! The Python side (`python/`): the asyncio twins of the core lessons and the book's Python
//! snippets, each run as a real process with `python3` (3.11 or newer) from `PATH`.
//!
//! - Every Python program runs, exits 0, and its stdout is a snapshot (`python__NAME.snap`), as
//!   the Rust examples' are; the book includes those snapshots.
//! - Each twin prints what its Rust example prints: the same lines in the same order, the same
//!   total, the same timeline. Where the book says asyncio does something else (it wakes a task a
//!   turn of its loop later, its ready tasks take turns first in, first out), the test asserts that
//!   difference, exactly, and nothing else.
//!
//! Where `python3` 3.11 or newer is missing, these tests pass and say once that they were skipped
//! (`.ci/run` installs it, so CI always runs them).

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::ChildStdout;
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use workbook::output::{self, Tenths, stamped};

use crate::common::{
    self, Demand, Run, Running, cpu, python_command, run_python, spawn, start_example,
};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Whether `python3` 3.11 or newer is on `PATH`. When it is not, says so once, on the terminal
/// (past the test harness's capture), and every test here passes without running anything.
fn python_found() -> bool {
    static FOUND: OnceLock<bool> = OnceLock::new();
    *FOUND.get_or_init(|| {
        let found = common::python3().is_some();
        if !found {
            let _ = writeln!(
                std::io::stderr(),
                "Python twins skipped: no python3 3.11 or newer on PATH (tests/python.rs)"
            );
        }
        found
    })
}

/// The snapshot of `python/FILE.py`: `python__FILE`, with `_` for a `/` (`python__inside_pin`).
fn snapshot_of(name: &str) -> String {
    name.replace('/', "_")
}

/// The one run of `python/FILE.py` that every test here shares (its snapshot, its comparison
/// with the Rust twin), or `None` without Python. It must have exited 0.
fn python_run(name: &str) -> Option<&'static Run> {
    static RUNS: Mutex<Vec<(String, &'static OnceLock<Run>)>> = Mutex::new(Vec::new());
    if !python_found() {
        return None;
    }
    let once: &'static OnceLock<Run> = {
        let mut runs = RUNS.lock().unwrap_or_else(|e| e.into_inner());
        match runs.iter().find(|(file, _)| file == name) {
            Some((_, once)) => once,
            None => {
                let once: &'static OnceLock<Run> = Box::leak(Box::new(OnceLock::new()));
                runs.push((name.to_string(), once));
                once
            }
        }
    };
    let run = once.get_or_init(|| {
        // A run that is only late, beyond the tolerance, is run once more (see
        // `common::ONCE_MORE_IF_LATE_BY_AT_MOST`); every test here then checks that run.
        let file = format!("{name}.py");
        let run = run_python(&file, &[]);
        if common::only_late(&format!("python__{}", snapshot_of(name)), &run.stdout) {
            run_python(&file, &[])
        } else {
            run
        }
    });
    run.assert_succeeded(&format!("python/{name}.py"));
    Some(run)
}

/// One test a Python program: it runs, exits 0, and prints its snapshot `python__NAME.snap`.
/// `name = "folder/file"` names a program in a folder of `python/` (its snapshot:
/// `python__folder_file.snap`). `name: cpu(threads, seconds)` says that it computes on `threads`
/// threads for about `seconds` (see `common::Demand`); a name alone only waits.
macro_rules! programs {
    ($($name:ident $(= $file:literal)? $(: $demand:expr)?,)*) => {
        $(
            #[test]
            fn $name() {
                let file = programs!(@file $name $($file)?);
                if let Some(run) = python_run(file) {
                    snapshot!(snapshot_of(file), run.stdout);
                }
            }
        )*
        /// The Python programs these tests run, with what each asks of the CPU.
        const PROGRAMS: &[(&str, Demand)] = &[
            $((programs!(@file $name $($file)?), programs!(@demand $($demand)?))),*
        ];
    };
    (@file $name:ident $file:literal) => { $file };
    (@file $name:ident) => { stringify!($name) };
    (@demand $demand:expr) => { $demand };
    (@demand) => { Demand::Little };
}

programs! {
    // The twins of the core lessons.
    print_sync,
    print_async,
    sleep_sync,
    sleep_async,
    loop_sync,
    loop_async,
    loop_async_gather,
    loop_async_mistake,
    gather_sync,
    gather_async,
    // The potatoes as the Rust twins'; the sync chores clean theirs last, as chores_sync does.
    chores_sync,
    chores_async: cpu(1, 10),
    chores_async_yield: cpu(1, 8),
    chores_to_thread: cpu(1, 7),
    count_sync,
    count_async,
    baton,
    baton_no_yield,
    baton_tasks,
    // The book's other Python snippets, one a chapter.
    futures_and_tasks,
    dropped_handle,
    memo_cache,
    // Two processes compute for 0.9 s while it prints the times of its heartbeats. (pitfall_join
    // and pitfall_unbounded compute for a few tenths and print no times: they ask for little.)
    blocking_work: cpu(2, 1),
    task_group,
    database,
    gather_as_completed,
    // 300 files written and read back on asyncio's threads.
    files: cpu(1, 1),
    mixing_runtimes,
    queue_workers,
    streams,
    ticker,
    pitfall_join,
    pitfall_block_on,
    pitfall_unbounded,
    pitfall_main_returns,
    pitfall_unawaited,
    pitfall_select,
    pitfall_blocking_bug,
    pitfall_blocking_fix_to_thread,
    // The snippets of the part "How async works inside" (python/inside/), one a chapter or two.
    inside_async_trait = "inside/async_trait",
    inside_cancel = "inside/cancel",
    inside_event_loop = "inside/event_loop",
    inside_future_by_hand = "inside/future_by_hand",
    inside_lost_wake = "inside/lost_wake",
    inside_pin = "inside/pin",
    inside_state_machine = "inside/state_machine",
    inside_virtual_time = "inside/virtual_time",
}

/// `threads_gil` prints the times it measured, which differ on every run: its snapshot hides
/// them, and the test checks the claim they make instead. With the GIL, the two threads never
/// keep more than one core busy: the CPU time is at most the wall time (and a little for the
/// interpreter's own threads).
#[test]
fn threads_gil_keeps_one_core_busy_on_two_threads() {
    let Some(run) = python_run("threads_gil") else {
        return;
    };
    let mut hidden = String::new();
    for line in run.stdout.lines() {
        let figures: Vec<f64> = line
            .split(' ')
            .filter_map(|word| word.parse::<f64>().ok())
            .collect();
        let [threads, potatoes, took, cpu] = figures[..] else {
            panic!("a line with threads, 10 potatoes, a time and a CPU time: {line:?}");
        };
        assert_eq!(potatoes, 10.0, "{line}");
        if threads == 2.0 {
            assert!(
                cpu <= took * 1.15,
                "two threads kept more than one core busy: {line}"
            );
        }
        hidden.push_str(&measured_figures_hidden(line));
        hidden.push('\n');
    }
    snapshot!("threads_gil", hidden);
}

/// A line with every figure of seconds (`0.88 s`) replaced by `?.?? s`: measured, so they vary.
fn measured_figures_hidden(line: &str) -> String {
    line.split(' ')
        .map(|word| {
            if word.contains('.') && word.parse::<f64>().is_ok() {
                "?.??"
            } else {
                word
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `inside/poll_log` runs asyncio in debug mode, which logs on stderr each step of a task that held
/// the thread longer than 0.1 s: here the three potatoes of 0.15 s each, and nothing on stdout.
/// Each line names the task at length (the file and line it is at, where it was created: they
/// differ between machines and Python versions) and the time the step took, measured. The
/// snapshot, which the book shows, cuts the first short after the task's name and hides the
/// second; the test checks the claim instead: three steps, each of at least 0.15 s.
#[test]
fn inside_poll_log_logs_each_slow_step() {
    let Some(run) = python_run("inside/poll_log") else {
        return;
    };
    assert_eq!(run.stdout, "", "poll_log prints nothing on stdout");
    let mut shown = String::new();
    for line in run.stderr.lines() {
        let step = line
            .strip_prefix("Executing ")
            .and_then(|rest| rest.rsplit_once(" took "))
            .and_then(|(task, took)| {
                let seconds = took.strip_suffix(" seconds")?.parse::<f64>().ok()?;
                Some((task.split(" coro=").next()?, seconds))
            });
        let Some((task, seconds)) = step else {
            panic!("not asyncio's log of a slow step: {line:?}\n{}", run.stderr);
        };
        // A step of the loop's own that a busy machine held back beyond 0.1 s is not a potato.
        if seconds >= 0.15 {
            shown.push_str(&format!("Executing {task} …> took ?.??? seconds\n"));
        }
    }
    assert_eq!(
        shown.lines().count(),
        3,
        "three steps of at least 0.15 s:\n{}",
        run.stderr
    );
    snapshot!(snapshot_of("inside/poll_log"), shown);
}

/// The Python programs with a test of their own below: their output varies, or they talk to a
/// server, or they are one. With what each asks of the CPU.
const TESTED_ON_THEIR_OWN: &[(&str, Demand)] = &[
    // Potatoes on one thread, then on two under the GIL: a core busy for a second or two. With
    // another program busy on the other core, nothing else could start meanwhile.
    ("threads_gil", cpu(1, 2)),
    // Ten round trips, like its Rust twins: on time.
    ("http_many", Demand::OnTime),
    ("crawler", Demand::Little),
    ("load_test", Demand::Little),
    ("web_server", Demand::Little),
    // Three potatoes of 0.15 s, one step each.
    ("inside/poll_log", cpu(1, 1)),
    ("chat_server", Demand::Little),
];

/// What a run of the Python program `python/FILE` asks of the CPU: what its line above says.
pub fn demand_of(file: &str) -> Demand {
    let name = file.strip_suffix(".py").unwrap_or(file);
    PROGRAMS
        .iter()
        .chain(TESTED_ON_THEIR_OWN)
        .find(|(program, _)| *program == name)
        .map_or(Demand::Little, |(_, demand)| *demand)
}

#[test]
fn every_python_program_has_a_test() {
    let programs_in = |folder: &str| {
        std::fs::read_dir(format!("{ROOT}/python/{folder}"))
            .unwrap_or_else(|e| panic!("python/{folder} is readable: {e}"))
            .filter_map(|entry| {
                let name = entry.ok()?.file_name().into_string().ok()?;
                Some(format!("{folder}{}", name.strip_suffix(".py")?))
            })
            .collect::<Vec<_>>()
    };
    let on_disk: BTreeSet<String> = programs_in("")
        .into_iter()
        .chain(programs_in("inside/"))
        // The module the twins share, not a program.
        .filter(|name| name != "workbook")
        .collect();
    let tested: BTreeSet<String> = PROGRAMS
        .iter()
        .chain(TESTED_ON_THEIR_OWN)
        .map(|(name, _)| name.to_string())
        .collect();
    let untested: Vec<_> = on_disk.difference(&tested).collect();
    assert!(
        untested.is_empty(),
        "Python programs with no test in tests/python.rs: {untested:?}"
    );
}

// ---- The twins, compared with their Rust examples.

/// The body of a recorded snapshot, its insta header left out: what the book shows.
fn recorded(snapshot: &str) -> String {
    let path = common::snapshot_path(snapshot);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    common::snapshot_contents(&text)
}

/// Asserts that `run` printed what `expected` says, but for times as late as the snapshots allow
/// (`common::LATE_BY_AT_MOST`): a busy machine makes a process wake late, never early.
fn assert_prints(program: &str, expected: &str, run: &str) {
    let found = output::differences(expected, run, common::LATE_BY_AT_MOST);
    assert!(
        found.is_empty(),
        "this run of {program} differs from what it should print:\n{}\n\nit printed:\n{run}",
        found.join("\n")
    );
}

/// Checks a twin against its Rust example, whose recorded output is the snapshot `rust`: the
/// recorded outputs (the ones the book shows side by side) are equal once `difference` is applied
/// to the Rust one, and this run of the twin printed the same, allowing for lateness. (The test of
/// the Rust example holds its own run to its snapshot.)
fn compare(python: &str, rust: &str, difference: fn(&str) -> String, named: &str) {
    let Some(python_live) = python_run(python) else {
        return;
    };
    let expected = difference(&recorded(rust));
    assert_eq!(
        recorded(&format!("python__{python}")),
        expected,
        "python/{python}.py's recorded output should be {rust}'s, {named}"
    );
    assert_prints(
        &format!("python/{python}.py"),
        &expected,
        &python_live.stdout,
    );
}

/// No difference.
fn same(rust: &str) -> String {
    rust.to_string()
}

macro_rules! same_as_rust {
    ($($test:ident: $python:ident = $rust:literal,)*) => {$(
        #[test]
        fn $test() {
            compare(stringify!($python), $rust, same, "line for line");
        }
    )*};
}

same_as_rust! {
    twin_print_sync: print_sync = "examples__print_sync",
    twin_print_async: print_async = "examples__print_async",
    twin_sleep_sync: sleep_sync = "examples__sleep_sync",
    twin_sleep_async: sleep_async = "examples__sleep_async",
    twin_loop_sync: loop_sync = "examples__loop_sync",
    twin_loop_async: loop_async = "examples__loop_async",
    // gather turns the coroutines into tasks, all at once: the same as spawning them one by one.
    twin_loop_async_gather: loop_async_gather = "examples__loop_async",
    twin_loop_async_mistake: loop_async_mistake = "examples__loop_async_mistake",
    twin_chores_sync: chores_sync = "examples__chores_sync",
    // The potatoes never await: the machines are noticed after the last one, as in Rust.
    twin_chores_async: chores_async = "examples__chores_async",
    twin_count_sync: count_sync = "examples__count_sync",
    twin_baton: baton = "examples__baton",
    twin_baton_no_yield: baton_no_yield = "examples__baton_no_yield",
    // The potatoes on a thread of their own: every machine is noticed when it is done. The GIL
    // lets the loop's thread run between two of the potato thread's steps.
    twin_chores_to_thread: chores_to_thread = "examples__chores_spawn_blocking",
    twin_pitfall_blocking_bug: pitfall_blocking_bug = "examples__pitfall_blocking_bug",
    twin_pitfall_blocking_fix_to_thread: pitfall_blocking_fix_to_thread =
        "examples__pitfall_blocking_fix_spawn_blocking",
}

/// Python prints a list of strings with `'`, where Rust's `{:?}` prints `"`.
fn python_quotes(rust: &str) -> String {
    rust.lines()
        .map(|line| match line.split_once("Results: ") {
            Some((stamp, results)) => format!("{stamp}Results: {}\n", results.replace('"', "'")),
            None => format!("{line}\n"),
        })
        .collect()
}

#[test]
fn twin_gather_sync_prints_its_results_with_python_quotes() {
    compare(
        "gather_sync",
        "examples__gather_sync",
        python_quotes,
        "strings quoted with '",
    );
}

#[test]
fn twin_gather_async_prints_its_results_with_python_quotes() {
    compare(
        "gather_async",
        "examples__gather_async",
        python_quotes,
        "strings quoted with '",
    );
}

/// There is no `biased` in asyncio: when an apple and a peach are due at the same instant, the
/// one whose timer was set first (the peach, set at the previous instant both were due) wakes
/// first. In Rust `join!(biased; ...)` lets the apple speak first.
fn peach_first_at_the_same_instant(rust: &str) -> String {
    let mut lines: Vec<&str> = rust.lines().collect();
    for at in 1..lines.len() {
        let (Some((first_at, first)), Some((second_at, second))) =
            (stamped(lines[at - 1]), stamped(lines[at]))
        else {
            continue;
        };
        if first_at == second_at && first.starts_with("apple ") && second.starts_with("peach ") {
            lines.swap(at - 1, at);
        }
    }
    lines.iter().map(|line| format!("{line}\n")).collect()
}

#[test]
fn twin_count_async_wakes_the_timer_set_first_when_two_are_due_together() {
    compare(
        "count_async",
        "examples__count_async",
        peach_first_at_the_same_instant,
        "the peach first when both are due",
    );
    if python_found() {
        let rust = recorded("examples__count_async");
        assert_ne!(
            rust,
            peach_first_at_the_same_instant(&rust),
            "count_async has apples and peaches due at the same instant"
        );
    }
}

/// asyncio runs the tasks that are ready first in, first out, so two tasks that yield alternate
/// exactly as `join!(biased; ...)` makes two futures alternate in `baton`. tokio's tasks do not:
/// the task that yielded last often goes first (`baton_tasks`).
#[test]
fn twin_baton_tasks_alternates_like_joined_futures_not_like_tokio_tasks() {
    let Some(python) = python_run("baton_tasks") else {
        return;
    };
    let joined = recorded("examples__baton");
    assert_eq!(recorded("python__baton_tasks"), joined);
    assert_prints("python/baton_tasks.py", &joined, &python.stdout);
    assert_ne!(
        recorded("examples__baton_tasks"),
        joined,
        "tokio's tasks should not simply alternate (the book says the order flips)"
    );
}

/// The time `noticed` when a wait due at `due` ends while the potatoes (ending at `potato_ends`)
/// are cleaned: at the end of the `nth` potato that ends at or after `due`, or at the end of the
/// last one if fewer are left; a wait due after the last potato is noticed when it is due.
fn noticed(due: Tenths, potato_ends: &[Tenths], nth: usize) -> Tenths {
    let last = *potato_ends.last().expect("potatoes");
    if due > last {
        return due;
    }
    let after: Vec<Tenths> = potato_ends
        .iter()
        .copied()
        .filter(|&end| end >= due)
        .collect();
    after.get(nth - 1).copied().unwrap_or(last)
}

/// Checks the chores `printed` against the rule: every machine that is done while the potatoes
/// are cleaned is noticed at the end of the `nth` potato after it was done, and the dryer starts
/// as soon as the washer is noticed. Returns when each machine was noticed.
fn machines_noticed(program: &str, printed: &str, nth: usize) -> Vec<(String, Tenths)> {
    let lines: Vec<(Tenths, &str)> = printed.lines().filter_map(stamped).collect();
    let potato_ends: Vec<Tenths> = lines
        .iter()
        .filter(|(_, text)| text.starts_with("potato ") && text.ends_with(" is clean"))
        .map(|(at, _)| *at)
        .collect();
    assert_eq!(potato_ends.len(), 10, "{program}: ten potatoes");
    let mut found = Vec::new();
    for (started, text) in &lines {
        let Some((machine, seconds)) = text.split_once(" starts, it needs ") else {
            continue;
        };
        let seconds: Tenths = seconds
            .trim_end_matches(" s")
            .parse()
            .expect("whole seconds");
        let done = format!("{machine} is done, noticed after ");
        let (at, _) = lines
            .iter()
            .find(|(_, text)| text.starts_with(&done))
            .unwrap_or_else(|| panic!("{program}: {machine} is never done"));
        let expected = noticed(started + seconds * 10, &potato_ends, nth);
        assert_eq!(
            *at, expected,
            "{program}: the {machine}, started at {started} tenths, should be noticed at the end \
             of potato {nth} after it was done ({expected} tenths)\n{printed}"
        );
        found.push((machine.to_string(), *at));
    }
    let washer = found.iter().find(|(m, _)| m == "washer").map(|(_, at)| *at);
    let dryer_start = lines
        .iter()
        .find(|(_, text)| text.starts_with("dryer starts"))
        .map(|(at, _)| *at);
    assert_eq!(
        dryer_start, washer,
        "{program}: the dryer starts when the washer is noticed"
    );
    found
}

/// The chapter says: with `asyncio.sleep(0)` after each potato, asyncio notices a machine that is
/// done two potatoes later than tokio does. In the turn of the loop when the timer is found
/// due, the potato task is already queued first and cleans one more potato before the timer's
/// callback runs; the callback only queues the machine's task, behind the potato task again.
#[test]
fn twin_chores_async_yield_notices_each_machine_two_potatoes_later() {
    let Some(python_live) = python_run("chores_async_yield") else {
        return;
    };
    let rust = recorded("examples__chores_async_yield");
    let python = recorded("python__chores_async_yield");
    let potatoes = |printed: &str| -> Vec<String> {
        printed
            .lines()
            .filter(|line| line.contains("potato"))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(
        potatoes(&python),
        potatoes(&rust),
        "the potatoes are the same"
    );
    let in_rust = machines_noticed("chores_async_yield", &rust, 1);
    let in_python = machines_noticed("python/chores_async_yield.py", &python, 3);
    let by_two_potatoes: Vec<_> = in_rust
        .iter()
        .zip(&in_python)
        .filter(|((_, rust), (_, python))| *python == rust + 14)
        .map(|((machine, _), _)| machine.as_str())
        .collect();
    assert_eq!(
        by_two_potatoes,
        ["dishwasher", "washer", "water"],
        "the machines done while the potatoes are cleaned are noticed 1.4 s later in Python"
    );
    // The run that was just made printed the same, allowing for lateness.
    assert_prints("python/chores_async_yield.py", &python, &python_live.stdout);
}

/// The book says Python warns, when it runs, about a coroutine that was never awaited: the
/// warning is on stderr, so the snapshot of stdout cannot show it.
#[test]
fn pitfall_unawaited_warns_that_the_coroutine_was_never_awaited() {
    let Some(run) = python_run("pitfall_unawaited") else {
        return;
    };
    assert!(
        run.stderr
            .contains("RuntimeWarning: coroutine 'job' was never awaited"),
        "no warning on stderr:\n{}",
        run.stderr
    );
}

// ---- The programs that talk to servers, run against the workbook's server (the `web_server`
// example) or started as servers themselves. Every port is a free one (`0`), so that runs at the
// same time never collide, and is hidden in the snapshots.

/// The workbook's server, running until dropped, and its log, kept open: a server whose log is
/// closed fails at its next line.
struct WorkbookServer {
    _running: Running,
    _log: BufReader<ChildStdout>,
}

/// Starts the workbook's server (`cargo run --example web_server`) with `delay` on a free port,
/// and returns it with its base URL.
fn workbook_server(delay: &str) -> (WorkbookServer, String) {
    let (running, mut log) = start_example("web_server", &["--port", "0", "--delay", delay]);
    let (_, base) = banner(&mut log);
    let server = WorkbookServer {
        _running: running,
        _log: log,
    };
    (server, base)
}

/// The first line a server printed, and the `http://127.0.0.1:PORT` in it.
fn banner(stdout: &mut impl BufRead) -> (String, String) {
    let mut first = String::new();
    stdout.read_line(&mut first).expect("the server prints");
    let base = first
        .split_whitespace()
        .find(|word| word.starts_with("http://127.0.0.1:"))
        .unwrap_or_else(|| panic!("no URL in the server's first line: {first:?}"))
        .to_string();
    (first, base)
}

/// Runs the Python client `name` against `base`: it must exit 0.
fn run_client(name: &str, base: &str) -> Run {
    let run = run_python(&format!("{name}.py"), &[base]);
    run.assert_succeeded(&format!("python/{name}.py"));
    run
}

/// Runs the client `python/NAME.py` against a workbook server of its own whose pages take
/// `delay` seconds, or nothing without Python.
fn run_against_a_server(name: &str, delay: &str) -> Option<Run> {
    if !python_found() {
        return None;
    }
    let (_server, base) = workbook_server(delay);
    Some(run_client(name, &base))
}

#[test]
fn http_many() {
    if let Some(run) = run_against_a_server("http_many", "0.5") {
        snapshot!("http_many", run.stdout);
    }
}

#[test]
fn crawler() {
    if let Some(run) = run_against_a_server("crawler", "0.2") {
        snapshot!("crawler", run.stdout);
    }
}

/// Its figures are measured, so they differ on every run: its snapshot hides them, and the test
/// checks that every request was answered.
#[test]
fn load_test() {
    let Some(run) = run_against_a_server("load_test", "0") else {
        return;
    };
    let mut lines = run.stdout.lines();
    assert_eq!(
        lines.next(),
        Some("200 of 200 requests answered over 20 connections"),
        "{}",
        run.stdout
    );
    let measured = lines.next().expect("a line of figures");
    let hidden = format!(
        "200 of 200 requests answered over 20 connections\n{}\n",
        all_figures_hidden(measured)
    );
    snapshot!("load_test", hidden);
}

/// A line with every number in it (`1291`, `13.2`) replaced by `?`: measured, so they vary.
fn all_figures_hidden(line: &str) -> String {
    line.split(' ')
        .map(|word| {
            let figure = word.trim_end_matches(',');
            if figure.parse::<f64>().is_ok() {
                word.replacen(figure, "?", 1)
            } else {
                word.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Starts the Python server `name` with `args`, and returns it (stopped when dropped) with its
/// stdout to read.
fn start_python(name: &str, args: &[&str]) -> (Running, BufReader<ChildStdout>) {
    common::python_start(&format!("{name}.py"));
    let (mut child, _) = spawn(&mut python_command(&format!("{name}.py"), args))
        .unwrap_or_else(|e| panic!("cannot start python/{name}.py: {e}"));
    let stdout = BufReader::new(child.stdout.take().expect("piped stdout"));
    (Running(child), stdout)
}

/// GETs `path` from the server at `base` (`http://127.0.0.1:PORT`) on a connection of its own,
/// and returns the whole answer.
fn http_get(base: &str, path: &str) -> String {
    let address = base.trim_start_matches("http://");
    let mut stream = TcpStream::connect(address).expect("the server accepts");
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .expect("a timeout");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .expect("a request");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("an answer");
    answer
}

#[test]
fn web_server_serves_pages_until_it_is_stopped() {
    if !python_found() {
        return;
    }
    let (mut server, mut stdout) = start_python("web_server", &["0", "0.2"]);
    let (mut log, base) = banner(&mut stdout);
    let page = http_get(&base, "/page/3");
    assert!(page.starts_with("HTTP/1.1 200 OK\r\n"), "{page}");
    assert!(page.contains("<title>Page 3</title>"), "{page}");
    let missing = http_get(&base, "/nowhere");
    assert!(
        missing.starts_with("HTTP/1.1 404 Not Found\r\n"),
        "{missing}"
    );

    // Each request is logged as it comes in and as it is answered.
    for _ in 0..4 {
        stdout.read_line(&mut log).expect("the server logs");
    }

    // A crawler finds the same pages on it as on the Rust server.
    let crawled = run_client("crawler", &base);
    let (_rust_server, rust_base) = workbook_server("0.2");
    assert_eq!(crawled.stdout, run_client("crawler", &rust_base).stdout);

    server.0.kill().expect("the server can be stopped");
    let _ = server.0.wait();
    let port = base.rsplit(':').next().expect("a port");
    let log = log.replace(&format!("127.0.0.1:{port}"), "127.0.0.1:PORT");
    snapshot!("web_server", common::client_times_hidden(&log));
}

/// One client of the chat room: reads what the room sends it, line by line, and keeps it.
struct ChatClient {
    reader: BufReader<TcpStream>,
    writer: TcpStream,
    seen: String,
}

impl ChatClient {
    fn connect(address: &str) -> ChatClient {
        let writer = TcpStream::connect(address).expect("the chat room accepts");
        writer
            .set_read_timeout(Some(Duration::from_secs(5)))
            .expect("a timeout");
        let reader = BufReader::new(writer.try_clone().expect("a second handle"));
        ChatClient {
            reader,
            writer,
            seen: String::new(),
        }
    }

    fn send(&mut self, line: &str) {
        writeln!(self.writer, "{line}").expect("the room reads");
    }

    fn expect(&mut self, line: &str) {
        let mut got = String::new();
        self.reader.read_line(&mut got).expect("the room writes");
        assert_eq!(got.trim_end(), line, "seen so far:\n{}", self.seen);
        self.seen.push_str(&got);
    }
}

/// Reads the room's log until `line`, so that the test goes on only once the room has done it.
fn log_until(log: &mut impl BufRead, kept: &mut String, line: &str) {
    let mut got = String::new();
    log.read_line(&mut got).expect("the room logs");
    assert_eq!(got.trim_end(), line, "log so far:\n{kept}");
    kept.push_str(&got);
}

#[test]
fn chat_server_passes_every_line_to_the_others() {
    if !python_found() {
        return;
    }
    let (mut server, mut log) = start_python("chat_server", &["0"]);
    let mut kept = String::new();
    log.read_line(&mut kept).expect("the room says where it is");
    let address = kept
        .trim_end()
        .rsplit(' ')
        .next()
        .expect("an address")
        .to_string();

    let mut bob = ChatClient::connect(&address);
    bob.expect("Welcome! What is your name?");
    bob.send("bob");
    log_until(&mut log, &mut kept, "* bob joined");
    let mut alice = ChatClient::connect(&address);
    alice.expect("Welcome! What is your name?");
    alice.send("alice");
    bob.expect("* alice joined");
    alice.send("hello bob");
    bob.expect("alice: hello bob");
    bob.send("hi alice");
    alice.expect("bob: hi alice");
    drop(alice);
    bob.expect("* alice left");

    server.0.kill().expect("the room can be stopped");
    let _ = server.0.wait();
    let mut rest = String::new();
    let _ = log.read_to_string(&mut rest);
    kept.push_str(&rest);
    let port = address.rsplit(':').next().expect("a port");
    let kept = kept.replace(&format!("127.0.0.1:{port}"), "127.0.0.1:PORT");
    snapshot!(
        "chat_server",
        format!("{kept}---- what bob saw:\n{}", bob.seen)
    );
}

/// Bad input gets one line on stderr and exit code 2, as the Rust examples do; a client whose
/// server is not there says so in one line.
#[test]
fn bad_arguments_get_one_line_and_no_traceback() {
    if !python_found() {
        return;
    }
    for (name, args, code) in [
        ("web_server.py", &["eighty"][..], 2),
        ("chat_server.py", &["eighty"][..], 2),
        ("load_test.py", &["http://127.0.0.1:1"][..], 1),
    ] {
        let run = run_python(name, args);
        assert_eq!(
            run.code,
            Some(code),
            "python/{name} {args:?}:\n{}",
            run.stderr
        );
        assert_eq!(
            run.stderr.lines().count(),
            1,
            "python/{name}:\n{}",
            run.stderr
        );
        assert!(
            !run.stderr.contains("Traceback"),
            "python/{name}:\n{}",
            run.stderr
        );
    }
}
