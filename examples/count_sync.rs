//! count_sync: two counters, one after the other. The second starts when the first has ended.
//!
//! "apple" counts 0 to 9, a pause of 0.1 s before each number; "peach" counts 0 to 9, a pause of
//! 0.2 s before each number.
//! Run: `cargo run --example count_sync` (about 3 s). Then compare with `count_async`.

use std::thread;
use std::time::{Duration, Instant};

use workbook::{say, summary, waiting};

/// Says `name` and the numbers 0 to 9, number n when n + 1 pauses have passed since `start`.
/// Pausing until a point on that schedule, rather than for `pause` each time, keeps the small
/// delays of every wake-up from adding up over the count.
fn count(name: &str, pause: Duration, start: Instant) {
    let bar = waiting(name, pause * 10);
    for number in 0..10 {
        let due = start + pause * (number + 1);
        thread::sleep(due.saturating_duration_since(Instant::now()));
        say(format!("{name} {number}"));
    }
    bar.end();
}

fn main() {
    say("apple pauses 0.1 s, peach 0.2 s");
    count("apple", Duration::from_millis(100), Instant::now());
    count("peach", Duration::from_millis(200), Instant::now());
    summary();
}
