//! A wrong answer to exercise 03: the results are in order, because each job is awaited before
//! the next one starts.
//! Fails: together

use std::time::Duration;

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
// ANCHOR: wrong
async fn gather(jobs: &[(&'static str, f64)]) -> Vec<String> {
    let mut results = Vec::new();
    for &(name, seconds) in jobs {
        results.push(job(name, seconds).await);
    }
    results
}
// ANCHOR_END: wrong

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let results = gather(&[("A", 2.0), ("B", 0.5), ("C", 1.5), ("D", 1.0)]).await;
    say(format!("Results: {results:?}"));
    summary();
}
