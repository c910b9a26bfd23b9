//! sleep_async: both jobs start at once; each ends when its own wait is over.
//!
//! "First" takes 2 s and "Second" 1 s; both print a line as they start and as they finish.
//! Run: `cargo run --example sleep_async` (about 2 s). Compare with `sleep_sync`.

use std::time::Duration;

use workbook::{say, summary, waiting};

async fn job(name: &str, seconds: u64) {
    let wait = Duration::from_secs(seconds);
    let bar = waiting(name, wait);
    say(format!("{name} starts, it will take {seconds} s"));
    tokio::time::sleep(wait).await;
    say(format!("{name} ends, it took {}", bar.elapsed()));
    bar.end();
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    tokio::join!(job("First", 2), job("Second", 1));
    summary();
}
