//! Exercise 01: two waits at once.
//!
//! This is `print_sync`: "First" waits 2 s, then prints its name; "Second" waits 1 s, then prints
//! its name. One after the other, the run takes 3 s.
//!
//! Your task: make the two jobs wait at the same time, so that the run takes about 2 s, the
//! longest wait. Keep the waits (2 s and 1 s) and the lines the program prints: the checker
//! reads them.
//!
//! Check: `cargo ex check 01`. A hint: `cargo ex hint 01`. Start again: `cargo ex reset 01`.

use std::thread;
use std::time::Duration;

use workbook::{say, summary, waiting};

// ANCHOR: solution
fn job(name: &str, seconds: u64) {
    let bar = waiting(name, Duration::from_secs(seconds));
    say(format!("{name} waits {seconds} s"));
    thread::sleep(Duration::from_secs(seconds));
    say(name);
    bar.end();
}

fn main() {
    job("First", 2);
    job("Second", 1);
    summary();
}
// ANCHOR_END: solution
