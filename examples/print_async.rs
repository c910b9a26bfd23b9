//! print_async: the same two jobs, awaited together. The run ends when the longest wait ends.
//!
//! "First" waits 2 s, then prints its name; "Second" waits 1 s, then prints its name.
//! Run: `cargo run --example print_async` (about 2 s). Compare with `print_sync`.

use std::time::Duration;

use workbook::{say, summary, waiting};

async fn job(name: &str, seconds: u64) {
    let wait = Duration::from_secs(seconds);
    let bar = waiting(name, wait);
    tokio::time::sleep(wait).await;
    say(name);
    bar.end();
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    tokio::join!(job("First", 2), job("Second", 1));
    summary();
}
