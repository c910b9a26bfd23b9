//! gather_async_std: `gather_async` on async-std instead of tokio. The same jobs, the same output,
//! line for line; only the lines that start the runtime and sleep are async-std's.
//!
//! async-std was discontinued in 2025 (RUSTSEC-2025-0052) and smol is its successor: this example
//! is here because existing code still uses it. Write new code with tokio or smol.
//!
//! Jobs A, B and C take 3 s, 1 s and 2 s; each returns a result.
//! Run: `cargo run --example gather_async_std` (about 3 s). Compare with `gather_async`.

use std::time::Duration;

use futures::future::join_all;
use workbook::{say, summary, waiting};

async fn job(name: &str, seconds: u64) -> String {
    let wait = Duration::from_secs(seconds);
    let bar = waiting(name, wait);
    say(format!("{name} starts, it will take {seconds} s"));
    async_std::task::sleep(wait).await;
    say(format!("{name} ends"));
    bar.end();
    format!("result of {name}")
}

// `#[async_std::main]` needs the "attributes" feature (one more proc-macro crate to build); it
// expands to this: `block_on` runs one future on this thread until it is done.
fn main() {
    async_std::task::block_on(async {
        let jobs = [("A", 3), ("B", 1), ("C", 2)];
        let results: Vec<String> =
            join_all(jobs.into_iter().map(|(name, seconds)| job(name, seconds))).await;
        say(format!("Results: {results:?}"));
    });
    summary();
}
