//! count_async: the same two counters, awaited together on one thread. Their numbers interleave as
//! their clocks say.
//!
//! "apple" counts 0 to 9, a pause of 0.1 s before each number; "peach" counts 0 to 9, a pause of
//! 0.2 s before each number.
//! Run: `cargo run --example count_async` (about 2 s). Compare with `count_sync`.

use std::time::{Duration, Instant};

use workbook::{say, summary, waiting};

/// Says `name` and the numbers 0 to 9, number n when n + 1 pauses have passed since `start`.
/// Pausing until a point on that schedule, rather than for `pause` each time, keeps the small
/// delays of every wake-up from adding up over the count.
async fn count(name: &str, pause: Duration, start: Instant) {
    let bar = waiting(name, pause * 10);
    for number in 0..10 {
        let due = start + pause * (number + 1);
        tokio::time::sleep_until(due.into()).await;
        say(format!("{name} {number}"));
    }
    bar.end();
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    say("apple pauses 0.1 s, peach 0.2 s");
    // Both counters keep time from the same start, so when an apple and a peach are due at the same
    // instant they wake together, and `biased;` lets the apple speak first, every time.
    let start = Instant::now();
    tokio::join!(
        biased;
        count("apple", Duration::from_millis(100), start),
        count("peach", Duration::from_millis(200), start),
    );
    summary();
}
