//! What the test modules share: running a built example as a real process without crowding the
//! machine, snapshotting what it printed, and reading the times it printed.

use std::collections::BTreeMap;
use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::sync::{Condvar, Mutex, OnceLock};
use std::time::{Duration, Instant};

mod budget;
pub mod shared;
mod warm_up;

pub use budget::{Demand, alone, cpu, cpu_share};

/// Asserts `value` against the snapshot `tests/snapshots/FILE__NAME.snap`, where FILE is the test
/// file the assertion is in (`runtimes__gather_threads` for `snapshot!("gather_threads", ...)`
/// in `tests/runtimes.rs`). All the test files are modules of one test binary, and insta would
/// otherwise name the snapshot after the whole module path (`examples__runtimes__...`).
///
/// A run whose times are at most [`LATE_BY_AT_MOST`] off the recorded ones, and that is otherwise
/// the same line for line, matches (see [`within_tolerance`]).
macro_rules! snapshot {
    ($name:expr, $value:expr) => {{
        let file = std::path::Path::new(file!())
            .file_stem()
            .and_then(|stem| stem.to_str())
            .expect("a test file's name");
        let name = format!("{file}__{}", $name);
        let value: &str = &$value;
        let value = $crate::common::within_tolerance(&name, value);
        let mut settings = insta::Settings::clone_current();
        settings.set_prepend_module_to_snapshot(false);
        settings.bind(|| insta::assert_snapshot!(name, value));
    }};
}

/// How far a printed time may be from the recorded one, in tenths of a second, for a snapshot to
/// match and a timing claim to hold: 0.2 s.
///
/// Every time is measured and rounded down to a tenth, and waits never end early, so on a quiet
/// machine an event due on a tenth prints that tenth. On a busy one a process can be held back:
/// measured here with another process keeping one core busy, a sleeping example woke up to about
/// 0.1 s late now and then, and a sequence of one-after-another waits (ten HTTP round trips) added
/// up to 0.1 s. One tenth of margin is what rounding down gives; this is one more. The lessons
/// need far less precision than that: a sync total is a sum, an async one the longest chain, and
/// the examples keep their events at least 0.2 s apart, so a stamp within 0.2 s cannot change
/// the order of the lines, which is compared exactly.
pub const LATE_BY_AT_MOST: workbook::output::Tenths = 2;

/// How much later than [`LATE_BY_AT_MOST`] a run may be and be run once more, rather than fail:
/// 1 s.
///
/// Seen here, on a machine left alone, in one of some 60 runs of the suite: every program that was
/// computing at that moment (eleven Rust examples and two Python twins) ran 0.1 to 0.3 s late at
/// once, the Rust ones just within the tolerance and the Python ones just beyond it. Nothing in a
/// program can make it late by itself and otherwise the same, line for line: that is the machine.
/// A program that is really slower is late again on its second run, and fails then. A run that is
/// early, or differs in anything but its times, is never run again.
pub const ONCE_MORE_IF_LATE_BY_AT_MOST: workbook::output::Tenths = 10;

/// Whether `actual` missed the snapshot `name` only by being late: its times are beyond
/// [`LATE_BY_AT_MOST`] from the recorded ones but within [`ONCE_MORE_IF_LATE_BY_AT_MOST`], its
/// total is later, and every line is otherwise the same. The test then runs the program once
/// more, and checks that run instead.
pub fn only_late(name: &str, actual: &str) -> bool {
    let Some(recorded) = recorded_to_compare(name) else {
        return false;
    };
    let late = !workbook::output::differences(&recorded, actual, LATE_BY_AT_MOST).is_empty()
        && workbook::output::differences(&recorded, actual, ONCE_MORE_IF_LATE_BY_AT_MOST)
            .is_empty()
        && printed_total_tenths(actual) > printed_total_tenths(&recorded);
    if late {
        eprintln!("{name}: this run is only late, beyond the tolerance: it runs once more");
    }
    late
}

/// The snapshot `name` as recorded, when `actual` differs from it only by times within
/// [`LATE_BY_AT_MOST`] (stamps, totals, times in the text, the ends of bars): then the recorded
/// text is what insta compares, so it passes and the file is left alone. Otherwise `actual`, so
/// that insta shows the difference (and, asked to, records it); the lines beyond the tolerance
/// are printed first. `INSTA_UPDATE=always` compares exactly, to record a new snapshot.
pub fn within_tolerance(name: &str, actual: &str) -> String {
    let Some(recorded) = recorded_to_compare(name) else {
        return actual.to_string();
    };
    if recorded.trim_end() == actual.trim_end() {
        return actual.to_string();
    }
    let beyond = workbook::output::differences(&recorded, actual, LATE_BY_AT_MOST);
    if beyond.is_empty() {
        eprintln!(
            "{name}: the times of this run are within {} s of the recorded ones: it matches",
            LATE_BY_AT_MOST as f64 / 10.0
        );
        return recorded;
    }
    eprintln!(
        "{name}: this run differs from the snapshot beyond the {} s allowed for lateness:\n  {}",
        LATE_BY_AT_MOST as f64 / 10.0,
        beyond.join("\n  ")
    );
    actual.to_string()
}

/// The snapshot `name` as recorded, to compare a run with: `None` when there is none yet, or
/// when `INSTA_UPDATE=always` asks for an exact comparison, to record a new one.
fn recorded_to_compare(name: &str) -> Option<String> {
    let exact = std::env::var("INSTA_UPDATE").is_ok_and(|v| v == "always");
    let text = std::fs::read_to_string(snapshot_path(name)).ok()?;
    (!exact).then(|| snapshot_contents(&text))
}

/// Where the snapshot `name` (`examples__print_sync`) is kept.
pub fn snapshot_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/snapshots/{name}.snap"))
}

/// A snapshot file's contents, without insta's header (the lines up to the second `---`).
pub fn snapshot_contents(file: &str) -> String {
    let mut fences = 0;
    let body: Vec<&str> = file
        .lines()
        .skip_while(|line| {
            if *line == "---" {
                fences += 1;
                return true;
            }
            fences < 2
        })
        .collect();
    body.join("\n") + "\n"
}

/// The snapshot `name` as recorded, without its header.
pub fn snapshot_body(name: &str) -> String {
    let path = snapshot_path(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    snapshot_contents(&text)
}

/// Checks a run against the timing claim its chapter makes: it succeeded, the total it printed is
/// `expected` seconds (or at most [`LATE_BY_AT_MOST`] more), and the process took that long and at
/// most a few percent more, plus a fixed allowance for starting a process on a busy machine and the
/// same lateness.
pub fn check_claim(example: &str, run: &Run, expected: f64) {
    run.assert_succeeded(example);
    if let Claimed::Late(why) | Claimed::Missed(why) = claimed(example, run, expected) {
        panic!("{why}");
    }
}

/// How a run kept to its timing claim.
pub enum Claimed {
    Kept,
    /// Later than the claim allows, but at most [`ONCE_MORE_IF_LATE_BY_AT_MOST`] later: the test
    /// may run it once more.
    Late(String),
    /// Early, or far too late.
    Missed(String),
}

/// The verdict of [`check_claim`], without failing.
pub fn claimed(example: &str, run: &Run, expected: f64) -> Claimed {
    const SLACK_FRACTION: f64 = 0.05;
    // Starting a process: measured with another program keeping a core busy while the suite
    // starts two hundred tests at once, up to half a second before an example's `main` runs.
    const SLACK_START: Duration = Duration::from_millis(500);
    let tenths = |t: workbook::output::Tenths| t as f64 / 10.0;
    let expected_tenths = (expected * 10.0).round() as u64;
    let printed = printed_total_tenths(&run.stdout);
    let wall = run.wall.as_secs_f64();
    let most =
        expected * (1.0 + SLACK_FRACTION) + SLACK_START.as_secs_f64() + tenths(LATE_BY_AT_MOST);
    let why = || {
        format!(
            "{example} printed a total of {printed:?} tenths and took {wall:.3} s; the claim is \
             {expected:.1} s (a total up to {} s more, and at most {most:.3} s)",
            tenths(LATE_BY_AT_MOST)
        )
    };
    let early = printed.is_none_or(|p| p < expected_tenths) || wall < expected;
    let late = printed.is_some_and(|p| p > expected_tenths + LATE_BY_AT_MOST) || wall > most;
    let how_late = printed
        .map_or(0.0, |p| tenths(p) - expected)
        .max(wall - most);
    if early {
        Claimed::Missed(why())
    } else if !late {
        Claimed::Kept
    } else if how_late <= tenths(ONCE_MORE_IF_LATE_BY_AT_MOST) {
        Claimed::Late(why())
    } else {
        Claimed::Missed(why())
    }
}

/// Starts `command`, one process at a time, and returns it with the moment it was started: a
/// hundred tests that start their example at the same instant would otherwise each wait a few
/// tenths of a second in the kernel, and those tenths would count as the example's time.
pub fn spawn(command: &mut Command) -> std::io::Result<(Child, Instant)> {
    static SPAWNING: Mutex<()> = Mutex::new(());
    static WARMED_UP: std::sync::Once = std::sync::Once::new();
    WARMED_UP.call_once(warm_up::warm_up_programs);
    let _one_at_a_time = SPAWNING.lock().unwrap_or_else(|e| e.into_inner());
    let started = Instant::now();
    Ok((command.spawn()?, started))
}

/// What one run of an example printed, and how long the process took, measured from outside.
pub struct Run {
    pub stdout: String,
    pub stderr: String,
    pub code: Option<i32>,
    pub wall: Duration,
}

impl Run {
    /// Fails the test, with what the program printed, unless it exited 0. `what` names the
    /// program in the message: "print_sync", "python/print_sync.py".
    pub fn assert_succeeded(&self, what: &str) {
        assert_eq!(
            self.code,
            Some(0),
            "{what} failed.\nstdout:\n{}\nstderr:\n{}",
            self.stdout,
            self.stderr
        );
    }
}

/// A URL file for an HTTP client to read, in the scratch space, removed when dropped.
pub struct UrlFile(tempfile::NamedTempFile);

impl UrlFile {
    pub fn new(contents: impl AsRef<[u8]>) -> UrlFile {
        let mut file = tempfile::Builder::new()
            .prefix("urls-")
            .suffix(".txt")
            .tempfile_in(scratch_space())
            .expect("the scratch space is writable");
        std::io::Write::write_all(&mut file, contents.as_ref()).expect("the URL file is written");
        UrlFile(file)
    }

    /// The file's path, as a client's argument.
    pub fn arg(&self) -> &str {
        self.0.path().to_str().expect("a UTF-8 scratch path")
    }
}

/// The built example binary. `cargo test` builds every example before it runs the tests, into
/// `target/<profile>/examples/`, beside the `deps/` folder that holds this test binary.
pub fn example_binary(name: &str) -> PathBuf {
    let binary = example_binary_path(name);
    assert!(
        binary.exists(),
        "{} is not built: run the tests with `cargo test`, which builds the examples first",
        binary.display()
    );
    binary
}

/// Where `cargo test` puts the example binary `name`.
fn example_binary_path(name: &str) -> PathBuf {
    let test_binary = std::env::current_exe().expect("the test binary knows its own path");
    let profile_dir = test_binary
        .parent()
        .and_then(|deps| deps.parent())
        .expect("test binaries live in target/<profile>/deps");
    profile_dir
        .join("examples")
        .join(format!("{name}{}", std::env::consts::EXE_SUFFIX))
}

/// Where the tests' programs write their scratch files (their `TMPDIR`): a folder in memory where
/// the machine has one (`/dev/shm` on Linux), else the target folder's.
///
/// The file examples write 33 MB each run, some with `fsync` after each of their 300 files, and
/// the suite runs them eight times: measured here, that made every program of the suite that
/// read its code from the disk at that moment wait, and examples that only sleep ended 1.5 s
/// late. The lessons about files are measured on a real disk by `cargo measure files`.
pub fn scratch_space() -> &'static Path {
    static SPACE: OnceLock<PathBuf> = OnceLock::new();
    SPACE.get_or_init(|| {
        let in_memory = Path::new("/dev/shm").join("async-workbook-tests");
        if std::fs::create_dir_all(&in_memory).is_ok() {
            return in_memory;
        }
        let on_disk = Path::new(env!("CARGO_TARGET_TMPDIR")).join("scratch");
        std::fs::create_dir_all(&on_disk).expect("a folder for scratch files");
        on_disk
    })
}

/// The command that runs the built example `name` with `args`, its stdout and stderr captured,
/// its scratch files in [`scratch_space`], and without `RUST_BACKTRACE`, so that a panic would
/// read as a learner sees it.
pub fn example_command(name: &str, args: &[&str]) -> Command {
    let mut command = Command::new(example_binary(name));
    command
        .args(args)
        .env("TMPDIR", scratch_space())
        .env_remove("RUST_BACKTRACE")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

/// Runs the example `name` with `args` and waits for it to end, once it has the share of the CPU
/// its line of the registry asks for (`crate::demand_of`). The wall time is measured from the
/// moment the process has started (not from when this test began to wait for its turn).
pub fn run_example(name: &str, args: &[&str]) -> Run {
    let demand = crate::demand_of(name, args);
    run_command(name, demand, &mut example_command(name, args), || {})
}

/// Runs `command` for the program `name` (an example, or a Python file `python/NAME.py`) once it
/// has the share of the CPU its `demand` asks for and `before_start` has returned, and waits for
/// it to end.
fn run_command(
    name: &str,
    demand: Demand,
    command: &mut Command,
    before_start: impl FnOnce(),
) -> Run {
    use std::io::Read;
    let asked = Instant::now();
    let _share = cpu_share(demand);
    before_start();
    let (mut child, began) =
        spawn(command).unwrap_or_else(|e| panic!("cannot start example {name}: {e}"));
    let mut stderr_pipe = child.stderr.take().expect("piped stderr");
    let stderr = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = stderr_pipe.read_to_end(&mut bytes);
        bytes
    });
    // When its first and last bytes of stdout came, for the trace.
    let mut stdout_pipe = child.stdout.take().expect("piped stdout");
    let (mut stdout, mut first, mut last) = (Vec::new(), None, None);
    let mut chunk = [0u8; 8192];
    while let Ok(read @ 1..) = stdout_pipe.read(&mut chunk) {
        stdout.extend_from_slice(&chunk[..read]);
        last = Some(began.elapsed());
        first = first.or(last);
    }
    let status = child
        .wait()
        .unwrap_or_else(|e| panic!("cannot wait for example {name}: {e}"));
    let wall = began.elapsed();
    let stderr = stderr.join().unwrap_or_default();
    let stdout = String::from_utf8_lossy(&stdout).into_owned();
    trace(name, asked, began, wall, &stdout, [first, last]);
    Run {
        stdout,
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
        code: status.code(),
        wall,
    }
}

/// The Python interpreter that runs the Python programs: `python3` from `PATH` if it is 3.11 or
/// newer, found once and named by its own path (a version manager's `python3` is often a script
/// that takes a good part of a second to start the interpreter on a busy machine).
pub fn python3() -> Option<&'static PathBuf> {
    static FOUND: OnceLock<Option<PathBuf>> = OnceLock::new();
    FOUND
        .get_or_init(|| {
            let ask = "import sys; print(sys.executable if sys.version_info >= (3, 11) else '')";
            let output = Command::new("python3").args(["-c", ask]).output().ok()?;
            let path = String::from_utf8(output.stdout).ok()?.trim().to_string();
            (output.status.success() && !path.is_empty()).then(|| PathBuf::from(path))
        })
        .as_ref()
}

/// The command that runs the Python program `python/FILE` with `args` (with [`python3`]),
/// captured like an example's, its scratch files in [`scratch_space`]. It writes no
/// `__pycache__` into the source folder.
pub fn python_command(file: &str, args: &[&str]) -> Command {
    let python = python3().map_or_else(|| PathBuf::from("python3"), Clone::clone);
    let mut command = Command::new(python);
    command
        .arg(
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("python")
                .join(file),
        )
        .args(args)
        .env("TMPDIR", scratch_space())
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

/// Runs the Python program `python/FILE` with `args` and waits for it to end, like [`run_example`]
/// (its share of the CPU is on its line in `tests/python.rs`), once it is its turn to start (see
/// [`python_start`]).
pub fn run_python(file: &str, args: &[&str]) -> Run {
    run_command(
        &format!("python/{file}"),
        crate::python::demand_of(file),
        &mut python_command(file, args),
        || python_start(file),
    )
}

/// How long one Python interpreter keeps a core busy as it starts (measured here: 0.13 s of CPU
/// to start and import asyncio). Fifty of them started at once keep both cores busy for seconds,
/// and every program that had started already prints its lines late.
const PYTHON_STARTUP: Duration = Duration::from_millis(150);

/// Waits for this Python program's turn to start: one every [`PYTHON_STARTUP`], the longest
/// first (the time its docstring gives, `(about 20 s)`), so that the suite still ends with its
/// longest program.
pub fn python_start(file: &str) {
    // The waiting programs (their tenths and a ticket: the first come first among equals) and
    // when the last one started.
    type Waiting = (u64, std::cmp::Reverse<u64>);
    static QUEUE: Mutex<(Vec<Waiting>, Option<Instant>, u64)> = Mutex::new((Vec::new(), None, 0));
    static CHANGED: Condvar = Condvar::new();
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("python")
        .join(file);
    let source = std::fs::read_to_string(path).unwrap_or_default();
    // "(about 2.2 s)" as 22 tenths; nothing said, nothing long.
    let tenths = source
        .split("(about ")
        .nth(1)
        .and_then(|rest| rest.split_once(" s)"))
        .and_then(|(seconds, _)| seconds.parse::<f64>().ok())
        .map_or(0, |seconds| (seconds * 10.0) as u64);
    let mut queue = QUEUE.lock().unwrap_or_else(|e| e.into_inner());
    queue.2 += 1;
    let me = (tenths, std::cmp::Reverse(queue.2));
    queue.0.push(me);
    loop {
        let first = queue.0.iter().max().copied();
        let since = queue.1.map(|at| at.elapsed());
        match since {
            _ if first.as_ref() != Some(&me) => {
                queue = CHANGED.wait(queue).unwrap_or_else(|e| e.into_inner());
            }
            Some(since) if since < PYTHON_STARTUP => {
                let (next, _) = CHANGED
                    .wait_timeout(queue, PYTHON_STARTUP - since)
                    .unwrap_or_else(|e| e.into_inner());
                queue = next;
            }
            _ => break,
        }
    }
    queue.0.retain(|waiting| *waiting != me);
    queue.1 = Some(Instant::now());
    CHANGED.notify_all();
}

/// An example that runs until it is stopped (a server), killed when the test ends, however it
/// ends.
pub struct Running(pub Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts the example `name` with `args` and leaves it running, with its stdout to read.
pub fn start_example(name: &str, args: &[&str]) -> (Running, BufReader<ChildStdout>) {
    let (mut child, _) = spawn(&mut example_command(name, args))
        .unwrap_or_else(|e| panic!("cannot start example {name}: {e}"));
    let stdout = BufReader::new(child.stdout.take().expect("piped stdout"));
    (Running(child), stdout)
}

/// The first run of the example `name` with `args`, made once and shared by every test that asks:
/// one test snapshots what it printed, another checks the figures it printed on stderr.
pub fn first_run(name: &str, args: &[&str]) -> &'static Run {
    static RUNS: Mutex<BTreeMap<String, &'static OnceLock<Run>>> = Mutex::new(BTreeMap::new());
    let key = format!("{name} {args:?}");
    let once: &'static OnceLock<Run> = {
        let mut runs = RUNS.lock().unwrap_or_else(|e| e.into_inner());
        runs.entry(key)
            .or_insert_with(|| Box::leak(Box::new(OnceLock::new())))
    };
    once.get_or_init(|| run_example(name, args))
}

/// The total an example printed on its `Total: 3.0 s` line, in tenths of a second.
pub fn printed_total_tenths(stdout: &str) -> Option<u64> {
    workbook::output::parse(stdout).total()
}

/// A server's log with the time stamp of every line but the first replaced by `[ ?.?s]`. The first
/// line starts the clock, so it always says `[ 0.0s]`; every later stamp says when the test's client
/// happened to act, which the load on the machine decides, not the example.
pub fn client_times_hidden(log: &str) -> String {
    log.split_inclusive('\n')
        .enumerate()
        .map(|(index, line)| match workbook::output::stamped(line) {
            Some((_, rest)) if index > 0 => format!("[ ?.?s] {rest}"),
            _ => line.to_string(),
        })
        .collect()
}

/// With `WORKBOOK_TEST_TRACE=FILE`, one line per program run is added to FILE: when the test asked
/// to run it and when it started (seconds since the suite began), its wall time, the total it
/// printed (in tenths), its name, and when its first and last bytes of stdout came. `just stress`
/// uses it to show what ran beside a late program.
fn trace(
    name: &str,
    asked: Instant,
    began: Instant,
    wall: Duration,
    stdout: &str,
    [first, last]: [Option<Duration>; 2],
) {
    static SUITE_BEGAN: OnceLock<Instant> = OnceLock::new();
    static FILE: Mutex<()> = Mutex::new(());
    let Some(path) = std::env::var_os("WORKBOOK_TEST_TRACE") else {
        return;
    };
    let suite = *SUITE_BEGAN.get_or_init(|| asked);
    let since = |at: Instant| at.saturating_duration_since(suite).as_secs_f64();
    let seconds = |after: Option<Duration>| after.map_or(-1.0, |after| after.as_secs_f64());
    let line = format!(
        "{:7.3} {:7.3} {:7.3} {:5} {name} {:.3} {:.3}\n",
        since(asked),
        since(began),
        wall.as_secs_f64(),
        printed_total_tenths(stdout).map_or(-1, |t| t as i64),
        seconds(first),
        seconds(last),
    );
    let _one = FILE.lock().unwrap_or_else(|e| e.into_inner());
    use std::io::Write;
    if let Ok(mut file) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
    {
        let _ = file.write_all(line.as_bytes());
    }
}
