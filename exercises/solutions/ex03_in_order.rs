//! Exercise 03, a solution: `join_all` awaits the jobs together and returns their results in the
//! order of the jobs it was given, whatever order they end in.

use exercises::ex03::{JOBS, job, report};
use futures::future::join_all;
use workbook::summary;

// ANCHOR: solution
/// Runs every job at the same time and returns their results in the order of `jobs`.
async fn gather(jobs: &[(&'static str, f64)]) -> Vec<String> {
    join_all(jobs.iter().map(|&(name, seconds)| job(name, seconds))).await
}
// ANCHOR_END: solution

#[tokio::main(flavor = "current_thread")]
async fn main() {
    report(&gather(&JOBS).await);
    summary();
}
