//! gather_async: the same jobs awaited all at once. They end in the order of their lengths, yet the
//! results come back in the order they were asked for.
//!
//! Jobs A, B and C take 3 s, 1 s and 2 s; each returns a result.
//! Run: `cargo run --example gather_async` (about 3 s). Compare with `gather_sync`.

use std::time::Duration;

use futures::future::join_all;
use workbook::{say, summary, waiting};

async fn job(name: &str, seconds: u64) -> String {
    let wait = Duration::from_secs(seconds);
    let bar = waiting(name, wait);
    say(format!("{name} starts, it will take {seconds} s"));
    tokio::time::sleep(wait).await;
    say(format!("{name} ends"));
    bar.end();
    format!("result of {name}")
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let jobs = [("A", 3), ("B", 1), ("C", 2)];
    let results: Vec<String> =
        join_all(jobs.into_iter().map(|(name, seconds)| job(name, seconds))).await;
    say(format!("Results: {results:?}"));
    summary();
}
