//! scale: how far one runtime goes. N jobs that each sleep 1 s, all at once, on one of tokio
//! (current_thread or multi_thread), smol, async-std or OS threads. It prints what it measured:
//! how long the jobs took, the most memory the process held, and the memory each job added.
//!
//! The jobs are the same on every runtime: spawn N tasks (or threads) that sleep 1 s, keep their
//! handles, then wait for each in turn. Threads are refused above half of the machine's process
//! ids, so that other programs can still start theirs; if the OS refuses a thread before that,
//! the threads that did start are measured and a `note:` line says so.
//! async-std was discontinued in 2025 (RUSTSEC-2025-0052) and smol is its successor: it is measured
//! because existing code still uses it.
//!
//! Run: `cargo run --release --example scale -- smol 100000` (about 1 s; RUNTIME is one of
//! current_thread, multi_thread, smol, async-std, threads; N from 1 to 1,000,000). `cargo measure
//! scale` runs every runtime, Python's asyncio too, each in a process of its own, and records the
//! table and chart the book shows.

use std::thread;
use std::time::{Duration, Instant};

use workbook::usage::{peak_memory_bytes, resident_memory_bytes};

const ONE_SECOND: Duration = Duration::from_secs(1);
const MAX_N: u64 = 1_000_000;

/// What the jobs measured, before the peak memory is read.
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
        let base_bytes = resident_memory_bytes().unwrap_or(0);
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
        let base_bytes = resident_memory_bytes().unwrap_or(0);
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
        let base_bytes = resident_memory_bytes().unwrap_or(0);
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
    let base_bytes = resident_memory_bytes().unwrap_or(0);
    let began = Instant::now();
    let mut threads = Vec::new();
    let mut note = None;
    for number in 1..=n {
        match thread::Builder::new().spawn(|| thread::sleep(ONE_SECOND)) {
            Ok(thread) => threads.push(thread),
            Err(error) => {
                note = Some(format!(
                    "the OS refused thread {number} ({error}); the {} that started were measured",
                    number - 1
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

/// The runtimes, by the name given on the command line and the name printed.
const RUNTIMES: [(&str, &str); 5] = [
    ("current_thread", "tokio current_thread"),
    ("multi_thread", "tokio multi_thread"),
    ("smol", "smol"),
    ("async-std", "async-std"),
    ("threads", "OS threads"),
];

fn run(runtime: &str, n: u64) -> anyhow::Result<Ran> {
    Ok(match runtime {
        "current_thread" => tokio_jobs(
            tokio::runtime::Builder::new_current_thread()
                .enable_time()
                .build()?,
            n,
        )?,
        "multi_thread" => tokio_jobs(
            tokio::runtime::Builder::new_multi_thread()
                .enable_time()
                .build()?,
            n,
        )?,
        "smol" => smol_jobs(n),
        "async-std" => async_std_jobs(n),
        _ => {
            refuse_too_many_threads(n);
            thread_jobs(n)
        }
    })
}

/// scale: N jobs that each sleep 1 s, all at once, on one runtime; prints what it measured.
#[derive(clap::Parser)]
struct Options {
    /// The runtime: current_thread, multi_thread, smol, async-std or threads.
    #[arg(value_name = "RUNTIME", value_parser = clap::builder::PossibleValuesParser::new(RUNTIMES.map(|(name, _)| name)))]
    runtime: String,
    /// How many jobs, from 1 to 1,000,000 (`100_000` is fine).
    #[arg(value_name = "N", value_parser = jobs)]
    n: u64,
}

/// N: a whole number of jobs from 1 to `MAX_N`, with `_` or `,` between digits if you like.
fn jobs(text: &str) -> Result<u64, String> {
    match text.replace(['_', ','], "").parse::<u64>() {
        Ok(n) if (1..=MAX_N).contains(&n) => Ok(n),
        _ => Err(format!("N is a whole number from 1 to {MAX_N}")),
    }
}

/// More threads than half the machine's process ids would starve every other program of them.
fn refuse_too_many_threads(n: u64) {
    let ids = ["/proc/sys/kernel/pid_max", "/proc/sys/kernel/threads-max"]
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok()?.trim().parse::<u64>().ok())
        .min();
    if let Some(ids) = ids.filter(|ids| n > ids / 2) {
        workbook::cli::usage_error(format!(
            "{n} threads is over half of this machine's {ids} process ids: that would leave \
             other programs none to start with"
        ));
    }
}

fn main() -> workbook::Result {
    let options: Options = workbook::cli::parse();
    let (runtime, shown) = *RUNTIMES
        .iter()
        .find(|(name, _)| *name == options.runtime)
        .expect("clap accepts only the names of RUNTIMES");
    let ran = run(runtime, options.n)?;
    let peak = peak_memory_bytes().unwrap_or(0);
    // One `what: value` a line: easy to read, and what `cargo measure scale` reads back.
    println!("runtime: {shown}");
    println!("jobs: {}", ran.jobs);
    println!("wall time: {:.3} s", ran.wall.as_secs_f64());
    println!("memory before the jobs: {} bytes", ran.base_bytes);
    println!("peak memory: {peak} bytes");
    println!(
        "bytes per job: {}",
        peak.saturating_sub(ran.base_bytes) / ran.jobs.max(1)
    );
    if let Some(note) = ran.note {
        println!("note: {note}");
    }
    Ok(())
}
