//! pitfall_unawaited_bug: a future that is never awaited does nothing. "Second" never runs.
//!
//! "First" waits 2 s, then prints its name; "Second" should wait 1 s and print its name, but its
//! future is created and dropped without an `.await`.
//! Run: `cargo run --example pitfall_unawaited_bug` (about 2 s). Compare with
//! `pitfall_unawaited_fix`.

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
    // The compiler warns about the next line; the warning is allowed here only so that the
    // examples build without warnings. The chapter shows the warning you would see.
    #[allow(unused_must_use)]
    job("Second", 1);
    summary();
}
