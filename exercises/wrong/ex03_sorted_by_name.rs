//! A shortcut for exercise 03: the results come as the jobs end, and are then sorted by name. With
//! jobs named A, B, C, D asked in that order it would look right; the order asked is not the
//! order of the names.
//! Fails: in_order

use exercises::ex03::{JOBS, job, report};
use futures::StreamExt;
use futures::stream::FuturesUnordered;
use workbook::summary;

// ANCHOR: wrong
async fn gather(jobs: &[(&'static str, f64)]) -> Vec<String> {
    let mut results: Vec<String> = jobs
        .iter()
        .map(|&(name, seconds)| job(name, seconds))
        .collect::<FuturesUnordered<_>>()
        .collect()
        .await;
    results.sort();
    results
}
// ANCHOR_END: wrong

#[tokio::main(flavor = "current_thread")]
async fn main() {
    report(&gather(&JOBS).await);
    summary();
}
