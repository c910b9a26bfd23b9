//! models: the same two workloads run five ways, measured. Many slow waits (I/O-bound) and many
//! pieces of real computation (CPU-bound), done sequentially, on OS threads, async on one thread,
//! async on the multi-thread runtime (computation on `spawn_blocking`), and on a data-parallel pool
//! (rayon). It prints a Markdown table of the wall time and the CPU time of each.
//!
//! I/O-bound: 100 waits of 100 ms each. CPU-bound: 40 pieces of fixed work, each counting the
//! primes in a block of 100,000 numbers by trial division: the same amount of work on every
//! machine, so how long it takes depends on the machine.
//! Run: `cargo run --release --example models` (about 30 s), or `-- --small` for a quick look
//! (10 waits, 8 pieces, once). `cargo measure models` records a run for the book.

use std::thread;
use std::time::{Duration, Instant};

use anyhow::anyhow;
use futures::future::join_all;
use rayon::prelude::*;
use workbook::usage::cpu_time;

/// models: the same two workloads run five ways, measured.
#[derive(clap::Parser)]
struct Options {
    /// A quick look: 10 waits, 8 pieces, once.
    #[arg(long)]
    small: bool,
}

/// What each model is given to do.
struct Workload {
    waits: usize,
    wait: Duration,
    pieces: u64,
    /// The CPU-bound workload runs this many times, and the fastest run is shown: other programs
    /// on the machine can only slow a run down, so the fastest is the least disturbed.
    repeats: usize,
}

const FULL: Workload = Workload {
    waits: 100,
    wait: Duration::from_millis(100),
    pieces: 40,
    repeats: 3,
};
const SMALL: Workload = Workload {
    waits: 10,
    wait: Duration::from_millis(100),
    pieces: 8,
    repeats: 1,
};

/// One piece of CPU-bound work counts the primes in its own block of this many numbers.
const BLOCK: u64 = 100_000;
const FIRST_NUMBER: u64 = 10_000_000;

/// Counts the primes in block `piece` (`workbook::count_primes`): real, fixed work that the
/// optimizer cannot skip.
fn piece(piece: u64) -> u64 {
    let start = FIRST_NUMBER + piece * BLOCK;
    workbook::count_primes(start..start + BLOCK)
}

// ANCHOR: models
// ---- The five models. Each does the I/O-bound workload (`*_io`) and the CPU-bound one (`*_cpu`,
// returning the number of primes found, so every model can be checked to do the same work).

fn sequential_io(w: &Workload) {
    for _ in 0..w.waits {
        thread::sleep(w.wait);
    }
}

fn sequential_cpu(w: &Workload) -> u64 {
    (0..w.pieces).map(piece).sum()
}

/// One OS thread per wait or per piece, all started at once.
fn threads_io(w: &Workload) {
    thread::scope(|scope| {
        for _ in 0..w.waits {
            scope.spawn(|| thread::sleep(w.wait));
        }
    });
}

fn threads_cpu(w: &Workload) -> u64 {
    thread::scope(|scope| {
        let handles: Vec<_> = (0..w.pieces)
            .map(|p| scope.spawn(move || piece(p)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("a piece does not panic"))
            .sum()
    })
}

/// One thread, one event loop: futures joined on a current-thread tokio runtime.
fn async_one_thread_io(w: &Workload) {
    current_thread_runtime().block_on(async {
        join_all((0..w.waits).map(|_| tokio::time::sleep(w.wait))).await;
    });
}

fn async_one_thread_cpu(w: &Workload) -> u64 {
    current_thread_runtime().block_on(async {
        // Each piece is a future too, but it never waits: once polled, it computes to the end.
        let pieces = (0..w.pieces).map(|p| async move { piece(p) });
        join_all(pieces).await.into_iter().sum()
    })
}

/// tokio's multi-thread runtime: waits as spawned tasks, computation on the blocking pool.
fn async_multi_thread_io(w: &Workload) {
    multi_thread_runtime().block_on(async {
        let tasks = (0..w.waits).map(|_| tokio::spawn(tokio::time::sleep(w.wait)));
        for task in join_all(tasks).await {
            task.expect("a wait does not panic");
        }
    });
}

fn async_multi_thread_cpu(w: &Workload) -> u64 {
    multi_thread_runtime().block_on(async {
        let tasks = (0..w.pieces).map(|p| tokio::task::spawn_blocking(move || piece(p)));
        join_all(tasks)
            .await
            .into_iter()
            .map(|t| t.expect("a piece does not panic"))
            .sum()
    })
}

/// rayon's pool: one thread per core, the work split between them.
fn rayon_io(w: &Workload) {
    (0..w.waits)
        .into_par_iter()
        .for_each(|_| thread::sleep(w.wait));
}

fn rayon_cpu(w: &Workload) -> u64 {
    (0..w.pieces).into_par_iter().map(piece).sum()
}

// ANCHOR_END: models

fn current_thread_runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("a tokio runtime can be built")
}

fn multi_thread_runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .enable_time()
        .build()
        .expect("a tokio runtime can be built")
}

// ---- Measuring and printing.

struct Model {
    name: &'static str,
    io: fn(&Workload),
    cpu: fn(&Workload) -> u64,
}

/// The models in the order they run. rayon comes last: its idle threads spin for a moment after
/// their work, and that would count as CPU time of the next model.
const MODELS: [Model; 5] = [
    Model {
        name: "sequential",
        io: sequential_io,
        cpu: sequential_cpu,
    },
    Model {
        name: "OS threads, one per job",
        io: threads_io,
        cpu: threads_cpu,
    },
    Model {
        name: "async, one thread",
        io: async_one_thread_io,
        cpu: async_one_thread_cpu,
    },
    Model {
        name: "async, multi-thread + spawn_blocking",
        io: async_multi_thread_io,
        cpu: async_multi_thread_cpu,
    },
    Model {
        name: "rayon pool",
        io: rayon_io,
        cpu: rayon_cpu,
    },
];

/// Wall time and process CPU time of one run of `job`.
struct Measured {
    wall: Duration,
    cpu: Duration,
}

impl Measured {
    /// CPU time over wall time: how many cores were busy, on average. One thread cannot exceed 1.
    fn cores(&self) -> f64 {
        self.cpu.as_secs_f64() / self.wall.as_secs_f64().max(1e-9)
    }
}

// ANCHOR: measure
fn measure<T>(job: impl FnOnce() -> T) -> (T, Measured) {
    let cpu_before = cpu_time().unwrap_or_default();
    let began = Instant::now();
    let result = job();
    let wall = began.elapsed();
    let cpu = cpu_time().unwrap_or_default().saturating_sub(cpu_before);
    (result, Measured { wall, cpu })
}
// ANCHOR_END: measure

fn main() -> workbook::Result {
    let options: Options = workbook::cli::parse();
    let workload = if options.small { &SMALL } else { &FULL };
    if cpu_time().is_none() {
        let why = "this system does not report CPU time (getrusage), so the table would be empty";
        return Err(anyhow!(why).into());
    }
    let cores = thread::available_parallelism().map_or(1, |n| n.get());
    let waits_total = workload.wait * workload.waits as u32;

    println!(
        "I/O-bound: {} waits of {} ms ({:.1} s one after another).",
        workload.waits,
        workload.wait.as_millis(),
        waits_total.as_secs_f64(),
    );
    let runs = match workload.repeats {
        1 => String::new(),
        n => format!(", the fastest of {n} runs"),
    };
    println!(
        "CPU-bound: {} pieces of prime counting{runs}. Cores: {cores}.",
        workload.pieces
    );
    println!();
    println!("| Model | I/O wall | I/O CPU | CPU-bound wall | CPU-bound CPU | cores busy |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: |");
    let mut answers = Vec::new();
    for model in &MODELS {
        let ((), io) = measure(|| (model.io)(workload));
        let (primes, cpu) = (0..workload.repeats)
            .map(|_| measure(|| (model.cpu)(workload)))
            .min_by_key(|(_, measured)| measured.wall)
            .expect("at least one run");
        answers.push(primes);
        println!(
            "| {} | {:.2} s | {:.2} s | {:.2} s | {:.2} s | {:.2} |",
            model.name,
            io.wall.as_secs_f64(),
            io.cpu.as_secs_f64(),
            cpu.wall.as_secs_f64(),
            cpu.cpu.as_secs_f64(),
            cpu.cores(),
        );
    }
    println!();
    if answers.windows(2).any(|pair| pair[0] != pair[1]) {
        let why = format!("the models disagree on the number of primes: {answers:?}");
        return Err(anyhow!(why).into());
    }
    println!(
        "Every model found the same {} primes: the same work, done five ways.",
        answers[0]
    );
    Ok(())
}
