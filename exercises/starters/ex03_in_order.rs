//! Exercise 03: results in the order asked.
//!
//! `gather` gets four jobs: A takes 2 s, B 0.5 s, C 1.5 s and D 1 s, and each returns a result.
//! It runs them at the same time, so it takes about 2 s, but it hands back each result as its job
//! ends: B's first, A's last.
//!
//! Your task: change `gather` so that it returns the results in the order the jobs were asked
//! for, A, B, C, D, and still runs the jobs at the same time. Keep the jobs' lengths and the
//! lines the program prints: the checker reads them.
//!
//! Check: `cargo ex check 03`. A hint: `cargo ex hint 03`. Start again: `cargo ex reset 03`.

use std::time::Duration;

use tokio::sync::mpsc;
use workbook::{bar, say, summary};

async fn job(name: &'static str, seconds: f64) -> String {
    let bar = bar(name);
    say(format!("{name} starts"));
    tokio::time::sleep(Duration::from_secs_f64(seconds)).await;
    say(format!("{name} ends"));
    bar.end();
    format!("result of {name}")
}

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

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let results = gather(&[("A", 2.0), ("B", 0.5), ("C", 1.5), ("D", 1.0)]).await;
    say(format!("Results: {results:?}"));
    summary();
}
