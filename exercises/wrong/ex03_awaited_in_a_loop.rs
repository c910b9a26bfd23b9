//! A wrong answer to exercise 03: the results are in order, because each job is awaited before
//! the next one starts.
//! Fails: together

use exercises::ex03::{JOBS, job, report};
use workbook::summary;

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
    report(&gather(&JOBS).await);
    summary();
}
