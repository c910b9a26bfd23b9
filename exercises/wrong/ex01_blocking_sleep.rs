//! A wrong answer to exercise 01: joined with `join!`, but each job still sleeps with
//! `std::thread::sleep`, which holds the only thread.
//! Fails: together

use std::thread;
use std::time::Duration;

use workbook::{say, summary, waiting};

// ANCHOR: wrong
async fn job(name: &str, seconds: u64) {
    let bar = waiting(name, Duration::from_secs(seconds));
    say(format!("{name} waits {seconds} s"));
    thread::sleep(Duration::from_secs(seconds));
    say(name);
    bar.end();
}
// ANCHOR_END: wrong

#[tokio::main(flavor = "current_thread")]
async fn main() {
    tokio::join!(job("First", 2), job("Second", 1));
    summary();
}
