//! A wrong answer to exercise 01: the jobs wait at the same time, but print their names with
//! `println!`, which puts no time stamp on them, so nobody can tell when they happened.
//! Fails: names

use std::time::Duration;

use workbook::{say, summary, waiting};

// ANCHOR: wrong
async fn job(name: &str, seconds: u64) {
    let bar = waiting(name, Duration::from_secs(seconds));
    say(format!("{name} waits {seconds} s"));
    tokio::time::sleep(Duration::from_secs(seconds)).await;
    println!("{name}");
    bar.end();
}
// ANCHOR_END: wrong

#[tokio::main(flavor = "current_thread")]
async fn main() {
    tokio::join!(job("First", 2), job("Second", 1));
    summary();
}
