//! pitfall_unawaited_fix: every future awaited, so every job runs.
//!
//! "First" waits 2 s, then prints its name; "Second" waits 1 s, then prints its name.
//! Run: `cargo run --example pitfall_unawaited_fix` (about 3 s). Compare with
//! `pitfall_unawaited_bug`.

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
    job("First", 2).await;
    job("Second", 1).await;
    summary();
}
