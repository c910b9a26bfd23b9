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

use workbook::count_primes;
use workbook::usage::Stopwatch;

const BELOW: u64 = 1_500_000;

/// One request: counts the primes below `below` by trial division, the same amount of work on
/// every run. It has no `.await`: once polled, it computes to the end on the thread that polled it.
async fn primes_below(below: u64) -> (u64, ThreadId) {
    (count_primes(2..below), thread::current().id())
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> workbook::Result {
    // Takes no options, and ends quietly if stdout is closed (see `workbook::cli`).
    workbook::cli::no_options();
    let stopwatch = Stopwatch::start();

    let (a, b) = tokio::join!(
        tokio::spawn(primes_below(BELOW)),
        tokio::spawn(primes_below(BELOW))
    );
    let (a, b) = (a?, b?);

    println!("A: {} primes below {BELOW}", a.0);
    println!("B: {} primes below {BELOW}", b.0);
    let threads: HashSet<ThreadId> = [a.1, b.1].into();
    println!("Threads that did the work: {}", threads.len());
    // Wall time and CPU time vary from run to run: they go to stderr.
    stopwatch.report();
    Ok(())
}
