//! gather_smol: `gather_async` on smol instead of tokio. The same jobs, the same output, line for
//! line; only the lines that start the runtime and sleep are smol's.
//!
//! Jobs A, B and C take 3 s, 1 s and 2 s; each returns a result.
//! Run: `cargo run --example gather_smol` (about 3 s). Compare with `gather_async` (`diff` them).

use std::time::Duration;

use futures::future::join_all;
use workbook::{say, summary, waiting};

async fn job(name: &str, seconds: u64) -> String {
    let wait = Duration::from_secs(seconds);
    let bar = waiting(name, wait);
    say(format!("{name} starts, it will take {seconds} s"));
    smol::Timer::after(wait).await;
    say(format!("{name} ends"));
    bar.end();
    format!("result of {name}")
}

// smol has no `main` attribute: `block_on` runs one future on this thread until it is done.
fn main() {
    smol::block_on(async {
        let jobs = [("A", 3), ("B", 1), ("C", 2)];
        let results: Vec<String> =
            join_all(jobs.into_iter().map(|(name, seconds)| job(name, seconds))).await;
        say(format!("Results: {results:?}"));
    });
    summary();
}
