//! Exercise 03, a solution: `join_all` awaits the jobs together and returns their results in the
//! order of the jobs it was given, whatever order they end in.

use std::time::Duration;

use futures::future::join_all;
use workbook::{bar, say, summary};

async fn job(name: &'static str, seconds: f64) -> String {
    let bar = bar(name);
    say(format!("{name} starts"));
    tokio::time::sleep(Duration::from_secs_f64(seconds)).await;
    say(format!("{name} ends"));
    bar.end();
    format!("result of {name}")
}

/// Runs every job at the same time and returns their results in the order of `jobs`.
async fn gather(jobs: &[(&'static str, f64)]) -> Vec<String> {
    join_all(jobs.iter().map(|&(name, seconds)| job(name, seconds))).await
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let results = gather(&[("A", 2.0), ("B", 0.5), ("C", 1.5), ("D", 1.0)]).await;
    say(format!("Results: {results:?}"));
    summary();
}
