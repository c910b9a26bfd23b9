//! gather_sync: jobs that return a value, asked for in a loop. Each waits for the one before it.
//!
//! Jobs A, B and C take 3 s, 1 s and 2 s; each returns a result.
//! Run: `cargo run --example gather_sync` (about 6 s). Then compare with `gather_async`.

use std::thread;
use std::time::Duration;

use workbook::{say, summary, waiting};

fn job(name: &str, seconds: u64) -> String {
    let wait = Duration::from_secs(seconds);
    let bar = waiting(name, wait);
    say(format!("{name} starts, it will take {seconds} s"));
    thread::sleep(wait);
    say(format!("{name} ends"));
    bar.end();
    format!("result of {name}")
}

fn main() {
    let jobs = [("A", 3), ("B", 1), ("C", 2)];
    let results: Vec<String> = jobs
        .into_iter()
        .map(|(name, seconds)| job(name, seconds))
        .collect();
    say(format!("Results: {results:?}"));
    summary();
}
