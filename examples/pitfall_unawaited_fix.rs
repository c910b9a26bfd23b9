//! pitfall_unawaited_fix: every future awaited, so every job runs.
//!
//! "First" waits 2 s, then prints its name; "Second" waits 1 s, then prints its name.
//! Run: `cargo run --example pitfall_unawaited_fix` (about 3 s). Compare with
//! `pitfall_unawaited_bug`.

use std::time::Duration;

use workbook::{bar, say, summary};

async fn job(name: &str, seconds: u64) {
    let bar = bar(name);
    tokio::time::sleep(Duration::from_secs(seconds)).await;
    say(name);
    bar.end();
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    job("First", 2).await;
    job("Second", 1).await;
    summary();
}
