//! sleep_async: both jobs start at once; each ends when its own wait is over.
//!
//! "First" takes 2 s and "Second" 1 s; both print a line as they start and as they finish.
//! Run: `cargo run --example sleep_async` (about 2 s). Compare with `sleep_sync`.

use std::time::Duration;

use workbook::{bar, say, summary};

async fn job(name: &str, seconds: u64) {
    let bar = bar(name);
    say(format!("{name} starts, it will take {seconds} s"));
    tokio::time::sleep(Duration::from_secs(seconds)).await;
    say(format!("{name} ends, it took {}", bar.elapsed()));
    bar.end();
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    tokio::join!(job("First", 2), job("Second", 1));
    summary();
}
