//! pitfall_join_fix: each computation spawned as its own task on the multi-thread runtime, so two
//! worker threads run them in parallel, on two cores where the machine has them.
//!
//! Two requests each count the primes below 1,500,000 by trial division: a fixed amount of real
//! CPU work. How long that takes depends on the machine, so the times go to stderr, which the
//! recorded output leaves out; stdout says how many threads did the work.
//! Run: `cargo run --example pitfall_join_fix` (on two cores, about half as long as the bug).
//! Compare with `pitfall_join_bug`.

use std::collections::HashSet;
use std::thread::{self, ThreadId};
use std::time::Instant;

use workbook::measure::cpu_time;

const BELOW: u64 = 1_500_000;

/// Counts the primes below `below` by trial division: the same amount of work on every run.
/// It has no `.await`: once polled, it computes to the end on the thread that polled it.
async fn count_primes(below: u64) -> (usize, ThreadId) {
    let count = (2..below).filter(|&n| is_prime(n)).count();
    (count, thread::current().id())
}

fn is_prime(n: u64) -> bool {
    let mut divisor = 2;
    while divisor * divisor <= n {
        if n % divisor == 0 {
            return false;
        }
        divisor += 1;
    }
    true
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> workbook::Result {
    // Takes no options, and ends quietly if stdout is closed (see `workbook::cli`).
    workbook::cli::no_options();
    let started = Instant::now();
    let cpu_before = cpu_time();

    let (a, b) = tokio::join!(
        tokio::spawn(count_primes(BELOW)),
        tokio::spawn(count_primes(BELOW))
    );
    let (a, b) = (a?, b?);

    println!("A: {} primes below {BELOW}", a.0);
    println!("B: {} primes below {BELOW}", b.0);
    let threads: HashSet<ThreadId> = [a.1, b.1].into();
    println!("Threads that did the work: {}", threads.len());
    report_times(started, cpu_before);
    Ok(())
}

/// Wall time and CPU time vary from run to run: they go to stderr.
fn report_times(started: Instant, cpu_before: Option<std::time::Duration>) {
    let wall = started.elapsed().as_secs_f64();
    if let (Some(before), Some(after)) = (cpu_before, cpu_time()) {
        let cpu = (after - before).as_secs_f64();
        eprintln!(
            "wall time {wall:.2} s, CPU time {cpu:.2} s: {:.2} cores busy on average",
            cpu / wall
        );
    }
}
