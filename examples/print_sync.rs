//! print_sync: two jobs, one after the other. The waits add up.
//!
//! "First" waits 2 s, then prints its name; "Second" waits 1 s, then prints its name.
//! Run: `cargo run --example print_sync` (about 3 s). Then compare with `print_async`.

use std::thread;
use std::time::Duration;

use workbook::{say, summary, waiting};

fn job(name: &str, seconds: u64) {
    let wait = Duration::from_secs(seconds);
    let bar = waiting(name, wait);
    thread::sleep(wait);
    say(name);
    bar.end();
}

fn main() {
    job("First", 2);
    job("Second", 1);
    summary();
}
