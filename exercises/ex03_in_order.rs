//! Exercise 03: results in the order asked.
//!
//! `gather` gets four jobs (`exercises::ex03::JOBS`): C takes 2 s, A 0.5 s, D 1.5 s and B 1 s,
//! asked for in that order, and each returns a result. It runs them at the same time, so it
//! takes about 2 s, but it hands back each result as its job ends: A's first, C's last.
//!
//! Your task: change `gather` so that it returns the results in the order the jobs were asked
//! for, C, A, D, B, and still runs the jobs at the same time.
//!
//! Check: `cargo ex check 03`. A hint: `cargo ex hint 03`. Start again: `cargo ex reset 03`.

use exercises::ex03::{JOBS, job, report};
use tokio::sync::mpsc;
use workbook::summary;

// ANCHOR: solution
/// Runs every job at the same time and returns their results.
async fn gather(jobs: &[(&'static str, f64)]) -> Vec<String> {
    let (finished, mut results_in) = mpsc::unbounded_channel();
    for &(name, seconds) in jobs {
        let finished = finished.clone();
        tokio::spawn(async move {
            let result = job(name, seconds).await;
            // The result goes into the channel the moment its job ends.
            let _ = finished.send(result);
        });
    }
    // Only the tasks hold senders now: the channel closes when the last task is done.
    drop(finished);
    let mut results = Vec::new();
    while let Some(result) = results_in.recv().await {
        results.push(result);
    }
    results
}
// ANCHOR_END: solution

#[tokio::main(flavor = "current_thread")]
async fn main() {
    report(&gather(&JOBS).await);
    summary();
}
