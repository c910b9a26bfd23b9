//! scale: how far each runtime goes. N jobs that each sleep 1 s, all at once, on tokio
//! (current_thread and multi_thread), smol, async-std and OS threads, and on Python's asyncio when
//! `python3` is present. It prints a table: runtime, N, wall time, peak memory, bytes per job.
//!
//! Each runtime runs in a child process of its own (this program started again with a hidden
//! `--child` flag), so the peak memory it reports is that runtime's alone. OS threads are capped at
//! 10,000 (`--max-threads M` raises the cap); if the OS refuses a thread, the table says where.
//! async-std was discontinued in 2025 (RUSTSEC-2025-0052) and smol is its successor: it is measured
//! because existing code still uses it.
//!
//! Run: `cargo run --release --example scale -- 100000` (about 1 to 3 s a runtime; N from 1 to
//! 1,000,000, several at once if you like). `--only smol` runs one runtime (repeat it for more);
//! `--record DIR` also writes DIR/scale.tsv, scale.md and scale.svg (what `just bench` does), and
//! `--render DIR` redraws scale.md and scale.svg from DIR/scale.tsv without measuring.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::thread;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::{Context, bail};
use workbook::scale::{self, Measured, RUNTIMES, Recorded, Row, thousands};

const ONE_SECOND: Duration = Duration::from_secs(1);
const MAX_N: u64 = 1_000_000;
const DEFAULT_MAX_THREADS: u64 = 10_000;
const PYTHON_SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/scale_asyncio.py");

/// What a child measured, before its peak memory is read.
struct Ran {
    jobs: u64,
    wall: Duration,
    base_bytes: u64,
    /// Set when fewer jobs ran than were asked for, and why.
    note: Option<String>,
}

// ANCHOR: tokio
/// tokio, either flavour: spawn N tasks that sleep 1 s, then wait for them all. `sleep` sets its
/// deadline when it is made, here as the task is spawned.
fn tokio_jobs(runtime: tokio::runtime::Runtime, n: u64) -> anyhow::Result<Ran> {
    runtime.block_on(async {
        let base_bytes = resident_bytes("VmRSS");
        let began = Instant::now();
        let tasks: Vec<_> = (0..n)
            .map(|_| tokio::spawn(tokio::time::sleep(ONE_SECOND)))
            .collect();
        for task in tasks {
            task.await?;
        }
        Ok(Ran {
            jobs: n,
            wall: began.elapsed(),
            base_bytes,
            note: None,
        })
    })
}
// ANCHOR_END: tokio

// ANCHOR: smol
/// smol: the same jobs on smol's global executor. `Timer::after` also sets its deadline when made.
fn smol_jobs(n: u64) -> Ran {
    smol::block_on(async {
        let base_bytes = resident_bytes("VmRSS");
        let began = Instant::now();
        let tasks: Vec<_> = (0..n)
            .map(|_| smol::spawn(smol::Timer::after(ONE_SECOND)))
            .collect();
        for task in tasks {
            task.await;
        }
        Ran {
            jobs: n,
            wall: began.elapsed(),
            base_bytes,
            note: None,
        }
    })
}
// ANCHOR_END: smol

// ANCHOR: async_std
/// async-std: the same jobs on its global executor. Its `sleep` is an `async fn`: the second starts
/// when the task first runs, a little after it is spawned (as in Python).
fn async_std_jobs(n: u64) -> Ran {
    async_std::task::block_on(async {
        let base_bytes = resident_bytes("VmRSS");
        let began = Instant::now();
        let tasks: Vec<_> = (0..n)
            .map(|_| async_std::task::spawn(async_std::task::sleep(ONE_SECOND)))
            .collect();
        for task in tasks {
            task.await;
        }
        Ran {
            jobs: n,
            wall: began.elapsed(),
            base_bytes,
            note: None,
        }
    })
}
// ANCHOR_END: async_std

// ANCHOR: threads
/// OS threads: one thread a job, each sleeping 1 s. When the OS refuses a thread, the threads that
/// did start are measured and the refusal is reported.
fn thread_jobs(n: u64) -> Ran {
    let base_bytes = resident_bytes("VmRSS");
    let began = Instant::now();
    let mut threads = Vec::new();
    let mut note = None;
    for number in 1..=n {
        match thread::Builder::new().spawn(|| thread::sleep(ONE_SECOND)) {
            Ok(thread) => threads.push(thread),
            Err(error) => {
                note = Some(format!(
                    "the OS refused thread {} ({error}); the {} that started were measured",
                    thousands(number),
                    thousands(number - 1)
                ));
                break;
            }
        }
    }
    let jobs = threads.len() as u64;
    for thread in threads {
        thread.join().expect("a sleeping thread cannot panic");
    }
    Ran {
        jobs,
        wall: began.elapsed(),
        base_bytes,
        note,
    }
}
// ANCHOR_END: threads

/// A line of /proc/self/status (`VmRSS`: resident now, `VmHWM`: the peak), in bytes; 0 where
/// there is no /proc.
fn resident_bytes(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|rest| rest.trim().strip_suffix("kB")?.trim().parse::<u64>().ok())
        .map_or(0, |kib| kib * 1024)
}

/// The child: runs one runtime and prints one line the parent reads.
fn child(runtime: &str, n: u64) -> anyhow::Result<()> {
    let ran = match runtime {
        "tokio current_thread" => tokio_jobs(
            tokio::runtime::Builder::new_current_thread()
                .enable_time()
                .build()?,
            n,
        )?,
        "tokio multi_thread" => tokio_jobs(
            tokio::runtime::Builder::new_multi_thread()
                .enable_time()
                .build()?,
            n,
        )?,
        "smol" => smol_jobs(n),
        "async-std" => async_std_jobs(n),
        "OS threads" => thread_jobs(n),
        other => bail!("no runtime called {other:?}"),
    };
    println!(
        "jobs={} wall_s={:.6} peak_bytes={} base_bytes={}",
        ran.jobs,
        ran.wall.as_secs_f64(),
        resident_bytes("VmHWM"),
        ran.base_bytes
    );
    if let Some(note) = ran.note {
        println!("note={note}");
    }
    Ok(())
}

/// Reads the child's line back; anything else it printed becomes the row's note.
fn parse_child(stdout: &str) -> Option<(Measured, String)> {
    let mut measured = None;
    let mut note = String::new();
    for line in stdout.lines() {
        if let Some(text) = line.strip_prefix("note=") {
            note = text.to_string();
            continue;
        }
        let field = |name: &str| {
            line.split_whitespace()
                .find_map(|f| f.strip_prefix(name)?.strip_prefix('='))
        };
        if let (Some(jobs), Some(wall), Some(peak), Some(base)) = (
            field("jobs"),
            field("wall_s"),
            field("peak_bytes"),
            field("base_bytes"),
        ) {
            measured = Some(Measured {
                jobs: jobs.parse().ok()?,
                wall_seconds: wall.parse().ok()?,
                peak_bytes: peak.parse().ok()?,
                base_bytes: base.parse().ok()?,
            });
        }
    }
    Some((measured?, note))
}

/// Runs one runtime for one N in a child process and makes its row of the table.
fn measure(runtime: &str, n: u64, max_threads: u64) -> anyhow::Result<Row> {
    let row = |measured, note: String| Row {
        runtime: runtime.to_string(),
        n,
        measured,
        note,
    };
    if runtime == "OS threads" && n > max_threads {
        let cap = thousands(max_threads);
        let note = format!("skipped: over the cap of {cap} threads (--max-threads raises it)");
        return Ok(row(None, note));
    }
    let mut command = if runtime == "python asyncio" {
        if !has_python() {
            return Ok(row(None, "skipped: no python3 on this machine".into()));
        }
        let mut python = Command::new("python3");
        python.arg(PYTHON_SCRIPT);
        python
    } else {
        let mut itself = Command::new(std::env::current_exe()?);
        itself.args(["--child", runtime]);
        itself
    };
    eprintln!("measuring {runtime} with N = {} ...", thousands(n));
    let output = command
        .arg(n.to_string())
        .output()
        .with_context(|| format!("cannot start the child for {runtime}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    match parse_child(&stdout) {
        Some((measured, note)) if output.status.success() => Ok(row(Some(measured), note)),
        _ => {
            let stderr = String::from_utf8_lossy(&output.stderr);
            let why = stderr.lines().last().unwrap_or("no message").trim();
            Ok(row(None, format!("failed ({}): {why}", output.status)))
        }
    }
}

fn has_python() -> bool {
    Path::new(PYTHON_SCRIPT).exists()
        && Command::new("python3")
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
}

/// The first line a command prints, or `fallback`.
fn first_line_of(program: &str, args: &[&str], fallback: &str) -> String {
    Command::new(program)
        .args(args)
        .output()
        .ok()
        .filter(|o| o.status.success())
        .and_then(|o| {
            let text = String::from_utf8_lossy(&o.stdout).into_owned()
                + &String::from_utf8_lossy(&o.stderr);
            text.lines().next().map(|l| l.trim().to_string())
        })
        .unwrap_or_else(|| fallback.to_string())
}

/// Today's date (UTC) as YYYY-MM-DD, from the days since 1970 (Howard Hinnant's civil_from_days).
fn today() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let z = (secs / 86_400) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// What the results were measured on.
fn this_machine(command: &str) -> Vec<(String, String)> {
    let read = |path: &str| std::fs::read_to_string(path).unwrap_or_default();
    let cpu = read("/proc/cpuinfo")
        .lines()
        .find_map(|l| {
            Some(
                l.strip_prefix("model name")?
                    .split_once(':')?
                    .1
                    .trim()
                    .to_string(),
            )
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let memory = read("/proc/meminfo")
        .lines()
        .find_map(|l| {
            l.strip_prefix("MemTotal:")?
                .trim()
                .strip_suffix("kB")?
                .trim()
                .parse()
                .ok()
        })
        .map_or("unknown".into(), |kib: u64| {
            format!("{:.1} GiB", kib as f64 / 1024.0 / 1024.0)
        });
    let cores = thread::available_parallelism().map_or(1, |n| n.get());
    let python = if has_python() {
        first_line_of("python3", &["--version"], "python3")
    } else {
        "no python3".into()
    };
    [
        ("date", today()),
        ("cpu", cpu),
        ("cores", cores.to_string()),
        ("memory", memory),
        (
            "kernel",
            read("/proc/sys/kernel/osrelease").trim().to_string(),
        ),
        (
            "rustc",
            first_line_of("rustc", &["--version"], "rustc (unknown version)"),
        ),
        ("python", python),
        (
            "build",
            if cfg!(debug_assertions) {
                "debug"
            } else {
                "release"
            }
            .to_string(),
        ),
        ("command", command.to_string()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

/// Writes DIR/scale.md and DIR/scale.svg from `recorded`.
fn render(dir: &Path, recorded: &Recorded) -> anyhow::Result<()> {
    for (name, text) in [
        ("scale.md", scale::markdown(recorded)),
        ("scale.svg", scale::svg(recorded)),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(())
}

/// scale: how far each runtime goes: N jobs that each sleep 1 s, all at once, on each runtime.
#[derive(clap::Parser)]
struct Options {
    /// How many jobs, from 1 to 1,000,000 (`100_000` is fine); several for several rows.
    /// Default 10,000.
    #[arg(value_name = "N", value_parser = jobs)]
    ns: Vec<u64>,
    /// The most OS threads to start, at most half of this machine's process ids.
    #[arg(long, value_name = "M", default_value_t = DEFAULT_MAX_THREADS)]
    #[arg(value_parser = clap::value_parser!(u64).range(1..))]
    max_threads: u64,
    /// Measure only this runtime (repeat the option for more).
    #[arg(long, value_name = "RUNTIME", value_parser = clap::builder::PossibleValuesParser::new(RUNTIMES))]
    only: Vec<String>,
    /// Also write DIR/scale.tsv, scale.md and scale.svg.
    #[arg(long, value_name = "DIR")]
    record: Option<PathBuf>,
    /// Only redraw scale.md and scale.svg from DIR/scale.tsv, without measuring.
    #[arg(long, value_name = "DIR")]
    render: Option<PathBuf>,
}

/// N: a whole number of jobs from 1 to `MAX_N`, with `_` or `,` between digits if you like.
fn jobs(text: &str) -> Result<u64, String> {
    match text.replace(['_', ','], "").parse::<u64>() {
        Ok(n) if (1..=MAX_N).contains(&n) => Ok(n),
        _ => Err(format!("N is from 1 to {}", thousands(MAX_N))),
    }
}

/// The options, checked against this machine.
fn options() -> Options {
    let options: Options = workbook::cli::parse();
    // More threads than half the machine's process ids would starve every other program of them.
    let ids = ["/proc/sys/kernel/pid_max", "/proc/sys/kernel/threads-max"]
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok()?.trim().parse::<u64>().ok())
        .min();
    if let Some(ids) = ids {
        if options.max_threads > ids / 2 {
            workbook::cli::usage_error(format!(
                "--max-threads {} is over {}, half of this machine's {} process ids: \
                 that would leave other programs none to start with",
                thousands(options.max_threads),
                thousands(ids / 2),
                thousands(ids)
            ));
        }
    }
    options
}

fn main() -> workbook::Result {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // The child protocol, not an option for the learner: `--child RUNTIME N`.
    if let [flag, runtime, n] = args.as_slice() {
        if flag == "--child" {
            let n = n
                .parse()
                .with_context(|| format!("--child: `{n}` is not a number"))?;
            return Ok(child(runtime, n)?);
        }
    }
    let options = options();
    if let Some(dir) = &options.render {
        let path = dir.join("scale.tsv");
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let recorded =
            scale::from_tsv(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        render(dir, &recorded)?;
        println!("wrote {0}/scale.md and {0}/scale.svg", dir.display());
        return Ok(());
    }
    let ns = if options.ns.is_empty() {
        vec![10_000]
    } else {
        options.ns.clone()
    };

    let mut rows = Vec::new();
    for &n in &ns {
        for runtime in RUNTIMES {
            if options.only.is_empty() || options.only.iter().any(|o| o == runtime) {
                rows.push(measure(runtime, n, options.max_threads)?);
            }
        }
    }
    print!("{}", scale::table(&rows));

    if let Some(dir) = &options.record {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let command = format!("scale {}", args.join(" "));
        let recorded = Recorded {
            machine: this_machine(&command),
            rows,
        };
        let path = dir.join("scale.tsv");
        let tsv = scale::to_tsv(&recorded);
        std::fs::write(&path, &tsv).with_context(|| format!("cannot write {}", path.display()))?;
        // Draw from what the file says (rounded as written), so `--render` draws the same.
        let recorded = scale::from_tsv(&tsv).map_err(|e| anyhow::anyhow!("{e}"))?;
        render(dir, &recorded)?;
        eprintln!("wrote {0}/scale.tsv, scale.md and scale.svg", dir.display());
    }
    Ok(())
}
