//! The part "Runtimes and threads": what one snapshot cannot check. (The chores on smol and
//! async-std and `chores_spawn_blocking` are on the registry's lines in `tests/examples.rs`.)
//!
//! - The smol and async-std twins print exactly what their tokio originals print.
//! - `chores_multi_thread`, whose same-instant lines may come in either order, prints what
//!   `chores_spawn_blocking` prints once those lines are put in a fixed order.
//! - `gather_threads` cleans the potatoes sooner on two threads, where there are two cores.
//! - `scale` measures every runtime for a small N, reports a thread the OS refuses, and rejects
//!   bad input. (The table and chart the book shows are `cargo measure scale`'s, tested in
//!   `measure/`.)

use std::process::Command;

use crate::common::{
    LATE_BY_AT_MOST, check_claim, example_binary, printed_total_tenths, run_example, snapshot_body,
};
use workbook::output::differences;

/// Each snapshot is asserted against a live run by its own test, so comparing the recorded
/// snapshots compares what the runtimes print. The whole text is compared, time stamps,
/// total and timeline included: the claim is that the runtimes behave the same, at the same times,
/// not only in the same order, and the stamps are as stable as the order (every event is planned
/// at least 0.2 s from any other that could be noticed in either order).
#[test]
fn smol_and_async_std_print_what_tokio_prints() {
    let twins = [
        (
            "examples__gather_async",
            ["examples__smol_gather", "examples__async_std_gather"],
        ),
        (
            "examples__chores_async",
            ["examples__smol_chores", "examples__async_std_chores"],
        ),
        (
            "examples__chores_async_yield",
            [
                "examples__smol_chores_yield",
                "examples__async_std_chores_yield",
            ],
        ),
    ];
    for (original, others) in twins {
        let expected = snapshot_body(original);
        for other in others {
            assert_eq!(
                snapshot_body(other),
                expected,
                "{other} should print what {original} prints"
            );
        }
    }
}

/// The chore a line of the chores examples belongs to, in the order `chores_spawn_blocking` joins
/// them: the dishwasher, the laundry (washer, then dryer), the water, the potatoes.
fn chore(text: &str) -> usize {
    let text = text.trim_start();
    let order = [
        ("dishwasher", 0),
        ("washer", 1),
        ("dryer", 1),
        ("water", 2),
        ("potato", 3),
    ];
    order
        .iter()
        .find(|(name, _)| text.starts_with(name))
        .map(|(_, index)| *index)
        .unwrap_or_else(|| panic!("a line of no known chore: {text}"))
}

/// Puts what threads may print in either order into a fixed order, and leaves the rest alone:
/// lines with the same time stamp are ordered by chore (one chore's own lines keep their order),
/// and timeline rows that begin in the same column are ordered by chore.
fn fixed_order(stdout: &str) -> String {
    let lines: Vec<&str> = stdout.lines().collect();
    let blank = lines
        .iter()
        .position(|l| l.is_empty())
        .expect("a blank line before the total");
    let (events, rest) = lines.split_at(blank);

    let stamp = |line: &str| line.split_once(']').map(|(s, _)| s.to_string());
    let mut ordered: Vec<&str> = Vec::new();
    let mut group: Vec<&str> = Vec::new();
    for line in events.iter().copied() {
        if group
            .first()
            .is_some_and(|first| stamp(first) != stamp(line))
        {
            group.sort_by_key(|l| chore(l.split_once("] ").expect("a stamped line").1));
            ordered.append(&mut group);
        }
        group.push(line);
    }
    group.sort_by_key(|l| chore(l.split_once("] ").expect("a stamped line").1));
    ordered.append(&mut group);

    // rest: "", "Total: ...", the axis, then one row a job, then the legend (its label is blank).
    let (head, rows) = rest.split_at(3.min(rest.len()));
    let (legend, mut rows): (Vec<&str>, Vec<&str>) =
        rows.iter().partition(|row| row.starts_with(' '));
    rows.sort_by_key(|row| {
        let begins = row
            .chars()
            .position(|c| "█░▒".contains(c))
            .unwrap_or(usize::MAX);
        (begins, chore(row))
    });
    let all: Vec<&str> = ordered
        .into_iter()
        .chain(head.iter().copied())
        .chain(rows)
        .chain(legend)
        .collect();
    all.join("\n") + "\n"
}

#[test]
fn chores_multi_thread_has_the_times_of_chores_spawn_blocking() {
    let run = run_example("chores_multi_thread", &[]);
    // The potatoes hold up one worker thread only, so the chores end as they do when the potatoes
    // are on the blocking pool: at 7 s, the potatoes' own time.
    check_claim("chores_multi_thread", &run, 7.0);
    let fixed = fixed_order(&run.stdout);
    snapshot!("chores_multi_thread", fixed);
    let beyond = differences(
        &snapshot_body("examples__chores_spawn_blocking"),
        &fixed,
        LATE_BY_AT_MOST,
    );
    assert!(
        beyond.is_empty(),
        "chores_multi_thread should print what chores_spawn_blocking prints: {beyond:#?}"
    );
}

#[test]
fn gather_threads() {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    // The potatoes' times vary with the machine and its load: the claim is only that two threads
    // beat one where there are two cores, so the best of a few runs must show it.
    let mut ratios = Vec::new();
    for attempt in 0..5 {
        let run = run_example("gather_threads", &[]);
        assert_eq!(run.code, Some(0), "gather_threads failed:\n{}", run.stderr);
        assert_eq!(
            printed_total_tenths(&run.stdout),
            Some(10),
            "the four jobs on four threads should take 1.0 s"
        );
        if attempt == 0 {
            snapshot!("gather_threads", run.stdout);
        }
        let (one, two) = potato_seconds(&run.stderr);
        ratios.push(two / one);
        if cores < 2 || two <= 0.9 * one {
            return;
        }
    }
    panic!(
        "on {cores} cores, two threads should take at most 0.9 of the time of one; \
         the ratios of 5 runs: {ratios:.2?}"
    );
}

/// The times on `potatoes: 1 thread 1.40 s, 2 threads 0.71 s (...)`.
fn potato_seconds(stderr: &str) -> (f64, f64) {
    let line = stderr
        .lines()
        .find(|l| l.starts_with("potatoes: "))
        .unwrap_or_else(|| panic!("no potato times on stderr:\n{stderr}"));
    let numbers: Vec<f64> = line
        .split_whitespace()
        .filter_map(|word| word.parse().ok())
        .collect();
    match numbers.as_slice() {
        [1.0, one, 2.0, two, ..] => (*one, *two),
        _ => panic!("cannot read the potato times in: {line}"),
    }
}

/// The runtimes `scale` takes, and the name it prints for each.
const SCALE_RUNTIMES: [(&str, &str); 5] = [
    ("current_thread", "tokio current_thread"),
    ("multi_thread", "tokio multi_thread"),
    ("smol", "smol"),
    ("async-std", "async-std"),
    ("threads", "OS threads"),
];

/// A figure `scale` printed: the number on its line `what: NUMBER unit`.
fn scale_figure(stdout: &str, what: &str) -> f64 {
    stdout
        .lines()
        .find_map(|l| l.strip_prefix(what)?.strip_prefix(": "))
        .and_then(|rest| rest.split_whitespace().next()?.parse().ok())
        .unwrap_or_else(|| panic!("no `{what}:` figure in:\n{stdout}"))
}

#[test]
fn scale_measures_every_runtime() {
    for (runtime, shown) in SCALE_RUNTIMES {
        let run = run_example("scale", &[runtime, "1000"]);
        assert_eq!(run.code, Some(0), "scale {runtime} failed:\n{}", run.stderr);
        assert!(
            run.stdout
                .starts_with(&format!("runtime: {shown}\njobs: 1000\n"))
        );
        let wall = scale_figure(&run.stdout, "wall time");
        assert!(
            (1.0..30.0).contains(&wall),
            "{runtime}: a wall time of {wall} s"
        );
        let peak = scale_figure(&run.stdout, "peak memory");
        let base = scale_figure(&run.stdout, "memory before the jobs");
        assert!(
            peak >= base && base > 0.0,
            "{runtime}: {base} bytes, then a peak of {peak}"
        );
        if runtime == "smol" {
            snapshot!("scale_smol_1000", measured_figures_hidden(&run.stdout));
        }
    }
}

/// scale's stdout with each measured figure replaced by `N`: they change from run to run, the
/// lines and their units must not.
fn measured_figures_hidden(stdout: &str) -> String {
    let mut out = String::new();
    for line in stdout.lines() {
        match line.split_once(": ") {
            Some((what, value)) if what != "runtime" && what != "jobs" => {
                let unit = value.split_once(' ').map_or("", |(_, unit)| unit);
                out.push_str(format!("{what}: N {unit}").trim_end());
            }
            _ => out.push_str(line),
        }
        out.push('\n');
    }
    out
}

/// The output of `program args`, if it ran and succeeded.
fn output_of(program: &str, args: &[&str]) -> Option<String> {
    let output = Command::new(program).args(args).output().ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}

#[cfg(target_os = "linux")]
#[test]
fn scale_reports_a_thread_the_os_refuses() {
    // A low limit on processes (RLIMIT_NPROC, what `ulimit -u` sets) makes the OS refuse a thread
    // of this one run, and of no other program. The limit counts all of a user's threads, and
    // root has none: as root, the run is made as the user `nobody`, who has no other threads.
    let Some(uid) = output_of("id", &["-u"]) else {
        eprintln!("skipped: no `id` to tell who runs the tests");
        return;
    };
    let binary = example_binary("scale");
    let binary = binary.to_str().expect("a UTF-8 path");
    let scale_args = [binary, "threads", "2000"];
    let mut command = if uid.trim() == "0" {
        let mut command = Command::new("setpriv");
        command.args(["--reuid=65534", "--regid=65534", "--clear-groups"]);
        command.args(["prlimit", "--nproc=64:64"]).args(scale_args);
        command
    } else {
        let Some(threads) = output_of("ps", &["-L", "-u", uid.trim(), "--no-headers"]) else {
            eprintln!("skipped: no `ps` to count this user's threads");
            return;
        };
        let limit = format!("--nproc={0}:{0}", threads.lines().count() + 64);
        let mut command = Command::new("prlimit");
        command.arg(limit).args(scale_args);
        command
    };
    let Ok(output) = command.env_remove("RUST_BACKTRACE").output() else {
        eprintln!("skipped: no `prlimit` (or `setpriv`) to lower the limit on processes");
        return;
    };
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "scale failed:\n{stdout}\n{stderr}");
    let jobs = scale_figure(&stdout, "jobs");
    assert!(
        (1.0..2000.0).contains(&jobs),
        "fewer than 2,000 ran:\n{stdout}"
    );
    assert!(
        stdout.contains("\nnote: the OS refused thread "),
        "the refusal is reported:\n{stdout}"
    );
}

#[test]
fn scale_rejects_bad_input_with_one_line() {
    for args in [
        &[][..],
        &["smol"],
        &["smol", "many"],
        &["smol", "0"],
        &["smol", "2000000"],
        &["green threads", "10"],
        &["threads", "1000000"],
    ] {
        let run = run_example("scale", args);
        assert_eq!(run.code, Some(2), "scale {args:?} is a usage error");
        assert!(
            run.stdout.is_empty(),
            "scale {args:?} printed:\n{}",
            run.stdout
        );
        let stderr = run.stderr.trim_end();
        assert!(
            stderr.starts_with("scale: ") && !stderr.contains('\n'),
            "scale {args:?} should say one line, not:\n{stderr}"
        );
    }
}
