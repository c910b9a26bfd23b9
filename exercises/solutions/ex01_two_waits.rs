//! Exercise 01, a solution: the jobs are futures, and `join!` awaits them together.
//!
//! Three changes to `print_sync`: `async fn job`, tokio's sleep with `.await`, and a runtime in
//! `main` that joins the two jobs. The waits overlap, so the longest one, 2 s, sets the total.

use std::time::Duration;

use workbook::{say, summary, waiting};

// ANCHOR: solution
async fn job(name: &str, seconds: u64) {
    let bar = waiting(name, Duration::from_secs(seconds));
    say(format!("{name} waits {seconds} s"));
    tokio::time::sleep(Duration::from_secs(seconds)).await;
    say(name);
    bar.end();
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    tokio::join!(job("First", 2), job("Second", 1));
    summary();
}
// ANCHOR_END: solution
