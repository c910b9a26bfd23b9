//! A wrong answer to exercise 01: the jobs are async, but awaited one after the other.
//! Fails: together

use std::time::Duration;

use workbook::{say, summary, waiting};

async fn job(name: &str, seconds: u64) {
    let bar = waiting(name, Duration::from_secs(seconds));
    say(format!("{name} waits {seconds} s"));
    tokio::time::sleep(Duration::from_secs(seconds)).await;
    say(name);
    bar.end();
}

// ANCHOR: wrong
#[tokio::main(flavor = "current_thread")]
async fn main() {
    job("First", 2).await;
    job("Second", 1).await;
    // ANCHOR_END: wrong
    summary();
}
