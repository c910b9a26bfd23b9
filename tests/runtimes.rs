//! The part "Runtimes and threads": its CPU-bound examples, and what one snapshot cannot check.
//!
//! - The CPU-bound examples (chores on smol and async-std, `chores_spawn_blocking`,
//!   `chores_multi_thread`, `gather_threads`): their snapshots and times. Like every example, they
//!   start only when their threads fit in the CPU budget (`common::CPU_BUDGET`).
//! - The smol and async-std twins print exactly what their tokio originals print.
//! - `chores_multi_thread`, whose same-instant lines may come in either order, prints what
//!   `chores_spawn_blocking` prints once those lines are put in a fixed order.
//! - `gather_threads` cleans the potatoes sooner on two threads, where there are two cores.
//! - `scale` runs for a small N and prints a table of the right shape, reports a thread the OS
//!   refuses, rejects bad input, and the results the book shows match their data file.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{
    LATE_BY_AT_MOST, check_claim, example_binary, printed_total_tenths, run_example, snapshot_body,
};
use workbook::output::differences;
use workbook::scale::{self, RUNTIMES};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// One test a CPU-bound chores example: its snapshot (`runtimes__NAME.snap`) and its time.
macro_rules! chores {
    ($($example:ident: $seconds:expr,)*) => {$(
        #[test]
        fn $example() {
            let example = stringify!($example);
            let run = run_example(example, &[]);
            check_claim(example, &run, $seconds);
            snapshot!(example, run.stdout);
        }
    )*};
}

chores! {
    // The potatoes never yield: potatoes, then the dryer.
    chores_smol: 7.0 + 3.0,
    chores_async_std: 7.0 + 3.0,
    // Chains: dishwasher; washer then dryer; water; potatoes. The longest is the potatoes'.
    chores_smol_yield: 7.0,
    chores_async_std_yield: 7.0,
    // The potatoes on the blocking pool: the same chains.
    chores_spawn_blocking: 7.0,
}

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
            ["examples__gather_smol", "examples__gather_async_std"],
        ),
        (
            "examples__chores_async",
            ["runtimes__chores_smol", "runtimes__chores_async_std"],
        ),
        (
            "examples__chores_async_yield",
            [
                "runtimes__chores_smol_yield",
                "runtimes__chores_async_std_yield",
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
        &snapshot_body("runtimes__chores_spawn_blocking"),
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
        if cores < 2 || two <= 0.8 * one {
            return;
        }
    }
    panic!(
        "on {cores} cores, two threads should take at most 0.8 of the time of one; \
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

/// A fresh folder under the system's temporary folder, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a temporary folder");
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn has_python() -> bool {
    Command::new("python3")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn scale_prints_a_table_of_every_runtime_and_records_it() {
    let dir = TempDir::new("scale-record");
    let record = dir.0.to_str().expect("a UTF-8 temporary path");
    let run = run_example("scale", &["1000", "--record", record]);
    assert_eq!(run.code, Some(0), "scale failed:\n{}", run.stderr);

    let lines: Vec<&str> = run.stdout.lines().collect();
    let header: Vec<&str> = lines[0]
        .split("  ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    assert_eq!(
        header,
        ["runtime", "N", "wall time", "peak memory", "bytes per job"]
    );
    for (line, runtime) in lines[1..].iter().zip(RUNTIMES) {
        assert!(line.starts_with(runtime), "a row for {runtime}: {line}");
        let cells: Vec<&str> = line[runtime.len()..]
            .split("  ")
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect();
        if *runtime == "python asyncio" && !has_python() {
            assert_eq!(cells, ["1,000", "-", "-", "-"]);
            continue;
        }
        let [n, wall, peak, per_job] = cells.as_slice() else {
            panic!("five columns in: {line}");
        };
        assert_eq!(*n, "1,000");
        let wall: f64 = wall
            .strip_suffix(" s")
            .and_then(|w| w.parse().ok())
            .expect(line);
        assert!(
            (1.0..30.0).contains(&wall),
            "{runtime}: a wall time of {wall} s"
        );
        let peak: f64 = peak
            .strip_suffix(" MiB")
            .and_then(|p| p.parse().ok())
            .expect(line);
        assert!(peak > 0.0, "{runtime}: a peak of {peak} MiB");
        assert!(
            per_job.replace(',', "").parse::<u64>().is_ok(),
            "{runtime}: bytes per job {per_job}"
        );
    }
    assert!(lines.len() > RUNTIMES.len(), "a row for every runtime");

    // What --record wrote reads back, and the book's files are made from it.
    let tsv = std::fs::read_to_string(dir.0.join("scale.tsv")).expect("scale.tsv");
    let recorded = scale::from_tsv(&tsv).expect("scale.tsv parses");
    assert_eq!(recorded.rows.len(), RUNTIMES.len());
    for key in [
        "date", "cpu", "cores", "memory", "kernel", "rustc", "python",
    ] {
        assert!(
            recorded.machine.iter().any(|(k, _)| k == key),
            "the machine's {key} is recorded"
        );
    }
    let md = std::fs::read_to_string(dir.0.join("scale.md")).expect("scale.md");
    assert_eq!(md, scale::markdown(&recorded));
    let svg = std::fs::read_to_string(dir.0.join("scale.svg")).expect("scale.svg");
    assert_eq!(svg, scale::svg(&recorded));

    snapshot!("scale_1000", measured_figures_hidden(&run.stdout, record));
}

/// scale's stdout with what changes from run to run replaced: each measured cell of the table
/// (wall time, peak memory, bytes per job, or `-` where python3 is missing) by `N`, where the cell
/// ended, so that the columns stay aligned; the note a machine without python3 adds below the
/// table is left out, so that every machine records the same; and the temporary folder is `DIR`.
/// The runtimes and the N of each row are recorded as printed.
fn measured_figures_hidden(stdout: &str, record_dir: &str) -> String {
    let mut out = String::new();
    let lines = stdout
        .lines()
        .filter(|line| !line.ends_with("skipped: no python3 on this machine"));
    for (index, line) in lines.enumerate() {
        let Some(runtime) = RUNTIMES.iter().find(|r| line.starts_with(**r)) else {
            out.push_str(&line.replace(record_dir, "DIR"));
            out.push('\n');
            continue;
        };
        assert!(index > 0, "the header comes first");
        // "tokio current_thread  1,000     1.00 s      4.3 MiB            442": cells are
        // separated by two spaces or more; the runtime and N are the first two.
        let mut row = String::new();
        let mut cell = 0;
        let mut rest = &line[runtime.len()..];
        row.push_str(runtime);
        while !rest.is_empty() {
            let text_at = rest.find(|c: char| c != ' ').unwrap_or(rest.len());
            let text_len = rest[text_at..].find("  ").unwrap_or(rest.len() - text_at);
            let (gap, text) = (&rest[..text_at], &rest[text_at..text_at + text_len]);
            cell += 1;
            if cell == 1 {
                row.push_str(gap);
                row.push_str(text);
            } else {
                let width = gap.len() + text.chars().count();
                row.push_str(&format!("{:>width$}", "N"));
            }
            rest = &rest[text_at + text_len..];
        }
        out.push_str(&row);
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
    let scale_args = [binary, "2000", "--only", "OS threads"];
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
    assert!(
        stdout.contains(" of 2,000 "),
        "fewer than 2,000 ran:\n{stdout}"
    );
    assert!(
        stdout.contains("OS threads at N = 2,000: the OS refused thread "),
        "the refusal is reported:\n{stdout}"
    );
}

#[test]
fn scale_rejects_bad_input_with_one_line() {
    for args in [
        &["many"][..],
        &["0"],
        &["2000000"],
        &["--only", "green threads"],
        &["--max-threads"],
    ] {
        let run = run_example("scale", args);
        assert_ne!(run.code, Some(0), "scale {args:?} should fail");
        assert!(
            run.stdout.is_empty(),
            "scale {args:?} printed:\n{}",
            run.stdout
        );
        let stderr = run.stderr.trim_end();
        assert!(
            stderr.starts_with("Error: ") && !stderr.contains('\n'),
            "scale {args:?} should say one line, not:\n{stderr}"
        );
    }
}

/// The book shows book/src/measured/scale.md and scale.svg: both must be what the recorded data
/// makes (`scale --render book/src/measured` remakes them).
#[test]
fn the_book_shows_the_recorded_results() {
    let dir = Path::new(ROOT).join("book/src/measured");
    let tsv = std::fs::read_to_string(dir.join("scale.tsv")).expect("book/src/measured/scale.tsv");
    let recorded = scale::from_tsv(&tsv).expect("the recorded data parses");
    let ns: Vec<u64> = recorded.rows.iter().map(|r| r.n).collect();
    for n in [10_000, 100_000, 1_000_000] {
        for runtime in RUNTIMES {
            assert!(
                recorded
                    .rows
                    .iter()
                    .any(|r| r.n == n && r.runtime == *runtime),
                "no recorded row for {runtime} at N = {n}: {ns:?}"
            );
        }
    }
    let md = std::fs::read_to_string(dir.join("scale.md")).expect("scale.md");
    assert_eq!(
        md,
        scale::markdown(&recorded),
        "scale.md is stale: run `just bench-render`"
    );
    let svg = std::fs::read_to_string(dir.join("scale.svg")).expect("scale.svg");
    assert_eq!(
        svg,
        scale::svg(&recorded),
        "scale.svg is stale: run `just bench-render`"
    );
}
