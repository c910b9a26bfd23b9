//! sleep_sync: each job says when it starts and when it ends. One ends before the next starts.
//!
//! "First" takes 2 s and "Second" 1 s; both print a line as they start and as they finish.
//! Run: `cargo run --example sleep_sync` (about 3 s). Then compare with `sleep_async`.

use std::thread;
use std::time::Duration;

use workbook::{say, summary, waiting};

fn job(name: &str, seconds: u64) {
    let wait = Duration::from_secs(seconds);
    let bar = waiting(name, wait);
    say(format!("{name} starts, it will take {seconds} s"));
    thread::sleep(wait);
    say(format!("{name} ends, it took {}", bar.elapsed()));
    bar.end();
}

fn main() {
    job("First", 2);
    job("Second", 1);
    summary();
}
