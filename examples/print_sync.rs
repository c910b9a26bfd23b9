//! print_sync: two jobs, one after the other. The waits add up.
//!
//! "First" waits 2 s, then prints its name; "Second" waits 1 s, then prints its name.
//! Run: `cargo run --example print_sync` (about 3 s). Then compare with `print_async`.

use std::thread;
use std::time::Duration;

use workbook::{bar, say, summary};

fn job(name: &str, seconds: u64) {
    let bar = bar(name);
    thread::sleep(Duration::from_secs(seconds));
    say(name);
    bar.end();
}

fn main() {
    job("First", 2);
    job("Second", 1);
    summary();
}
