//! A shortcut for exercise 01: one job after the other, Second first, and First's wait cut to 1 s,
//! so First still prints at 2.0 s and the run takes 2 s. The checker measures each wait from the
//! line that begins it.
//! Fails: waits

use std::time::Duration;

use workbook::{say, summary, waiting};

// ANCHOR: wrong
fn job(name: &str, seconds: u64) {
    let bar = waiting(name, Duration::from_secs(seconds));
    say(format!("{name} waits {seconds} s"));
    // "Only" 1 s: nobody will notice?
    std::thread::sleep(Duration::from_secs(1));
    say(name);
    bar.end();
}

fn main() {
    job("Second", 1);
    job("First", 2);
    summary();
}
// ANCHOR_END: wrong
