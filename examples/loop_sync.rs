//! loop_sync: four jobs made in a loop, each run to its end before the loop makes the next.
//!
//! Jobs 0 to 3 each take 1 s: Start 0, End 0, Start 1, End 1, ...
//! Run: `cargo run --example loop_sync` (about 4 s). Then compare with `loop_async`.

use std::thread;
use std::time::Duration;

use workbook::{say, summary, waiting};

fn job(number: u32) {
    let wait = Duration::from_secs(1);
    let bar = waiting(&format!("job {number}"), wait);
    say(format!("Start {number}"));
    thread::sleep(wait);
    say(format!("End {number}"));
    bar.end();
}

fn main() {
    for number in 0..4 {
        job(number);
    }
    summary();
}
