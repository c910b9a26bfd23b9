//! The figures other than scale: each builds its examples with `--release`, runs them, and writes
//! one page of `book/src/measured/` (or prints, for the figures no page shows).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, bail};

use crate::machine::{Machine, first_line};

/// The workspace: the folder above this package.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("measure/ is inside the workspace")
        .to_path_buf()
}

/// The cargo that runs this tool (`cargo measure` sets `CARGO`), in the workspace.
fn cargo() -> Command {
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    command.current_dir(root());
    command
}

/// Builds `examples` of `package` with `--release`.
pub fn build_release(package: &str, examples: &[&str]) -> anyhow::Result<()> {
    let mut command = cargo();
    command.args(["build", "--quiet", "--release", "-p", package]);
    for example in examples {
        command.args(["--example", example]);
    }
    let status = command.status().context("cannot run cargo")?;
    if !status.success() {
        bail!("cargo build --release failed ({status})");
    }
    Ok(())
}

/// A release build of the example `name`, built by [`build_release`].
pub fn release_binary(name: &str) -> PathBuf {
    let target =
        std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root().join("target"), PathBuf::from);
    target.join("release/examples").join(name)
}

/// Runs the release build of `name` with `args` and returns what it printed on stdout.
pub fn run(name: &str, args: &[&str]) -> anyhow::Result<String> {
    let output = Command::new(release_binary(name))
        .args(args)
        .current_dir(root())
        .output()
        .with_context(|| format!("cannot run {name}"))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        bail!(
            "{name} {args:?} failed ({}): {}",
            output.status,
            stderr.trim()
        );
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// Writes one page: a note that it is generated, the machine, what was run, and the figures.
fn write_page(
    dir: &Path,
    file: &str,
    command: &str,
    machine: &Machine,
    what: &str,
    body: &str,
) -> anyhow::Result<()> {
    let text = format!(
        "<!-- Written by `cargo measure {command}`: do not edit by hand. -->\n\n{} {what} \
         `cargo measure {command}` measures again and rewrites this page.\n\n{body}",
        machine.sentence()
    );
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let path = dir.join(file);
    std::fs::write(&path, &text).with_context(|| format!("cannot write {}", path.display()))?;
    print!("{text}");
    eprintln!("(written to {})", path.display());
    Ok(())
}

pub fn models(dir: &Path) -> anyhow::Result<()> {
    build_release("async-workbook", &["models"])?;
    let machine = Machine::now(false);
    let table = run("models", &[])?;
    write_page(
        dir,
        "models.md",
        "models",
        &machine,
        "`cargo run --release --example models`.",
        &table,
    )
}

/// The two figures of one `files_* --time` run, from its line `time: writing 0.011 s, reading
/// 0.005 s`.
fn file_times(stdout: &str) -> Option<(f64, f64)> {
    let line = stdout
        .lines()
        .find_map(|l| l.strip_prefix("time: writing "))?;
    let (writing, reading) = line.split_once(" s, reading ")?;
    Some((
        writing.parse().ok()?,
        reading.strip_suffix(" s")?.parse().ok()?,
    ))
}

/// `0.024 s (0.010 to 0.026)`: the median, then the fastest and the slowest.
fn median_and_range(mut values: Vec<f64>) -> String {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    let median = if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    };
    format!("{median:.3} s ({:.3} to {:.3})", values[0], values[n - 1])
}

/// The type of the file system that holds `path`, as mounted (`ext4`, `tmpfs`): the longest mount
/// point in `/proc/self/mounts` that `path` is under. (`stat -f` only knows a file system's magic
/// number, and calls ext4 "ext2/ext3".)
fn file_system_of(path: &Path) -> Option<String> {
    let path = path.canonicalize().ok()?;
    let mounts = std::fs::read_to_string("/proc/self/mounts").ok()?;
    mounts
        .lines()
        .filter_map(|line| {
            let mut fields = line.split_whitespace();
            let (_, point, kind) = (fields.next()?, fields.next()?, fields.next()?);
            path.starts_with(point)
                .then(|| (point.len(), kind.to_string()))
        })
        .max_by_key(|(length, _)| *length)
        .map(|(_, kind)| kind)
}

pub fn files(runs: u32, dir: &Path) -> anyhow::Result<()> {
    build_release("async-workbook", &["files_sync", "files_async"])?;
    let machine = Machine::now(false);
    let temp = std::env::temp_dir();
    let temp_text = temp.display().to_string();
    let filesystem = file_system_of(&temp)
        .or_else(|| first_line("stat", &["-f", "-c", "%T", &temp_text]))
        .unwrap_or_else(|| "unknown".into());
    let configs: [&[&str]; 4] = [
        &["files_sync"],
        &["files_async"],
        &["files_sync", "--fsync"],
        &["files_async", "--fsync"],
    ];
    let mut times = vec![(Vec::new(), Vec::new()); configs.len()];
    for _ in 0..runs {
        // The programs take turns, so that a slow moment of the machine does not fall on one only.
        for (config, (writes, reads)) in configs.iter().zip(&mut times) {
            let mut args = vec!["--time"];
            args.extend(&config[1..]);
            let stdout = run(config[0], &args)?;
            let (w, r) =
                file_times(&stdout).with_context(|| format!("no time: line from {config:?}"))?;
            writes.push(w);
            reads.push(r);
        }
    }
    let mut body = String::from(
        "| program | writing 300 files: median (fastest to slowest) | reading them back |\n| --- | ---: | ---: |\n",
    );
    for (config, (writes, reads)) in configs.iter().zip(times) {
        body.push_str(&format!(
            "| `{}` | {} | {} |\n",
            config.join(" "),
            median_and_range(writes),
            median_and_range(reads)
        ));
    }
    let what = format!("{runs} runs of each, files in {temp_text} ({filesystem}).");
    write_page(dir, "files.md", "files", &machine, &what, &body)
}

/// One row of the load-test table from one run's report.
fn load_test_row(run: usize, stdout: &str) -> Option<String> {
    let after = |prefix: &str| {
        stdout
            .lines()
            .find_map(|l| Some(&l[l.find(prefix)? + prefix.len()..]))
    };
    let words = |text: &str| {
        text.split([' ', ','])
            .filter(|w| !w.is_empty())
            .map(String::from)
            .collect::<Vec<_>>()
    };
    // "2000 requests over 20 connections, server delay 0 s"
    let test = words(after("Load test: ")?);
    // "2000 requests in 0.14 s: 2000 answered, 0 failed"
    let sent = words(after("Sent ")?);
    // "14782 requests/s"
    let throughput = words(after("Throughput: ")?);
    // "p50 1.4 ms, p90 1.4 ms, p99 1.9 ms, max 2.3 ms"
    let latency = words(after("Latency: ")?);
    Some(format!(
        "| {run} | {} | {} | {} s | {} s | {} | {}/s | {} ms | {} ms | {} ms |",
        test.first()?,
        test.get(3)?,
        test.get(7)?,
        sent.get(3)?,
        sent.get(7)?,
        throughput.first()?,
        latency.get(1)?,
        latency.get(4)?,
        latency.get(7)?,
    ))
}

pub fn load_test(dir: &Path) -> anyhow::Result<()> {
    const DEFAULT_RUNS: usize = 3;
    const DELAYED: [&str; 6] = [
        "--requests",
        "1000",
        "--connections",
        "50",
        "--delay",
        "0.1",
    ];
    build_release("async-workbook", &["load_test"])?;
    let machine = Machine::now(false);
    let mut body = String::from(
        "| Run | Requests | Connections | Server delay | Took | Failed | Throughput | p50 | p90 | p99 |\n\
         | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n",
    );
    for run_number in 1..=DEFAULT_RUNS + 1 {
        let args: &[&str] = if run_number > DEFAULT_RUNS {
            &DELAYED
        } else {
            &[]
        };
        let stdout = run("load_test", args)?;
        let row = load_test_row(run_number, &stdout)
            .with_context(|| format!("cannot read load_test's report:\n{stdout}"))?;
        body.push_str(&row);
        body.push('\n');
    }
    let what = format!(
        "Runs 1 to {DEFAULT_RUNS} are `cargo run --release --example load_test`; run {} adds `-- {}`.",
        DEFAULT_RUNS + 1,
        DELAYED.join(" ")
    );
    write_page(dir, "load_test.md", "load-test", &machine, &what, &body)
}

/// The budget for a learner's first build of the first example (CONTRIBUTING.md).
const COLD_BUILD_BUDGET_SECONDS: f64 = 45.0;

pub fn cold_build() -> anyhow::Result<()> {
    let target = std::env::temp_dir().join(format!("workbook-cold-build-{}", std::process::id()));
    let machine = Machine::now(false);
    let began = Instant::now();
    let status = cargo()
        .args(["build", "--quiet", "--example", "print_sync"])
        .env("CARGO_TARGET_DIR", &target)
        .status()
        .context("cannot run cargo")?;
    let took = began.elapsed().as_secs_f64();
    let _ = std::fs::remove_dir_all(&target);
    if !status.success() {
        bail!("cargo build --example print_sync failed ({status})");
    }
    let sentence = machine.sentence().replace(
        "with a release build",
        "(a debug build, as `cargo run` makes)",
    );
    println!("{sentence}");
    let within = if took <= COLD_BUILD_BUDGET_SECONDS {
        "within"
    } else {
        "over"
    };
    println!(
        "`cargo build --example print_sync` in a fresh target folder: {took:.1} s ({within} the \
         budget of {COLD_BUILD_BUDGET_SECONDS} s)."
    );
    Ok(())
}

/// The two figures of a database example's line `Time: reads 0.002 s, transfers 0.004 s (...)`.
fn database_times(stdout: &str) -> Option<(f64, f64)> {
    let line = stdout
        .lines()
        .find_map(|l| l.strip_prefix("Time: reads "))?;
    let (reads, rest) = line.split_once(" s, transfers ")?;
    let transfers = rest.split(' ').next()?;
    Some((reads.parse().ok()?, transfers.parse().ok()?))
}

/// `0.002 s to 0.006 s`, or `0.002 s each time` when the runs agree to the millisecond.
fn fastest_to_slowest(mut values: Vec<f64>) -> String {
    values.sort_by(f64::total_cmp);
    let (fastest, slowest) = (values[0], values[values.len() - 1]);
    if format!("{fastest:.3}") == format!("{slowest:.3}") {
        format!("{fastest:.3} s each time")
    } else {
        format!("{fastest:.3} s to {slowest:.3} s")
    }
}

pub fn database(runs: u32, dir: &Path) -> anyhow::Result<()> {
    const EXAMPLES: [&str; 2] = ["database_sync", "database_async"];
    build_release("workbook-database", &EXAMPLES)?;
    let machine = Machine::now(false);
    let mut times = vec![(Vec::new(), Vec::new()); EXAMPLES.len()];
    for _ in 0..runs {
        // The two take turns, so that a slow moment of the machine does not fall on one only.
        for (example, (reads, transfers)) in EXAMPLES.iter().zip(&mut times) {
            let stdout = run(example, &[])?;
            let (r, t) = database_times(&stdout)
                .with_context(|| format!("no Time: line from {example}:\n{stdout}"))?;
            reads.push(r);
            transfers.push(t);
        }
    }
    let fastest = |values: &[f64]| values.iter().copied().fold(f64::INFINITY, f64::min);
    let [(sync_reads, sync_transfers), (async_reads, async_transfers)] =
        [&times[0], &times[1]].map(|(reads, transfers)| (fastest(reads), fastest(transfers)));
    let mut body = String::from("| | 1000 reads | 200 transfers |\n| --- | --- | --- |\n");
    for (example, (reads, transfers)) in EXAMPLES.iter().zip(times) {
        body.push_str(&format!(
            "| `{example}` | {} | {} |\n",
            fastest_to_slowest(reads),
            fastest_to_slowest(transfers)
        ));
    }
    let times_as_long = |slow: f64, fast: f64| slow / fast.max(0.0005);
    body.push_str(&format!(
        "\nFastest run against fastest run, `database_async` took {:.1} times as long as \
         `database_sync` for the reads, and {:.1} times as long for the transfers.\n",
        times_as_long(async_reads, sync_reads),
        times_as_long(async_transfers, sync_transfers),
    ));
    let what = format!(
        "SQLite, in a file in a temporary folder; {runs} runs of each, fastest to slowest: \
         `cargo run --release -p workbook-database --example NAME`."
    );
    write_page(dir, "database.md", "database", &machine, &what, &body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_load_test_report_makes_a_row() {
        let report = "[ 0.0s] Load test: 2000 requests over 20 connections, server delay 0 s\n\
                      Sent 2000 requests in 0.14 s: 2000 answered, 0 failed\n\
                      Throughput: 14782 requests/s\n\
                      Latency: p50 1.4 ms, p90 1.5 ms, p99 1.9 ms, max 2.3 ms\n";
        assert_eq!(
            load_test_row(1, report).as_deref(),
            Some("| 1 | 2000 | 20 | 0 s | 0.14 s | 0 | 14782/s | 1.4 ms | 1.5 ms | 1.9 ms |")
        );
    }

    #[test]
    fn database_times_are_read_and_summed_up() {
        let stdout = "Time: reads 0.002 s, transfers 0.004 s (it varies from run to run)\n";
        assert_eq!(database_times(stdout), Some((0.002, 0.004)));
        assert_eq!(
            fastest_to_slowest(vec![0.0021, 0.0024]),
            "0.002 s each time"
        );
        assert_eq!(
            fastest_to_slowest(vec![0.006, 0.002, 0.004]),
            "0.002 s to 0.006 s"
        );
    }

    #[test]
    fn file_times_are_read_and_summed_up() {
        assert_eq!(
            file_times("time: writing 0.011 s, reading 0.005 s\n"),
            Some((0.011, 0.005))
        );
        assert_eq!(
            median_and_range(vec![0.3, 0.1, 0.2]),
            "0.200 s (0.100 to 0.300)"
        );
    }
}
