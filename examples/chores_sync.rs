//! chores_sync: a morning of chores done one at a time. Every wait is spent doing nothing else.
//!
//! The dishwasher runs 3 s; the washing machine 3 s, then the dryer 3 s (not before the washer is
//! done); water boils in 4 s; and 10 potatoes are cleaned by hand, 0.7 s of real CPU work each.
//! Run: `cargo run --example chores_sync` (about 20 s). Then compare with `chores_async`.

use std::thread;
use std::time::Duration;

use workbook::{cpu_work, say, summary, waiting, working};

const POTATOES: u32 = 10;
const ONE_POTATO: Duration = Duration::from_millis(700);

/// A machine works on its own: all we do is wait for it.
fn machine(name: &str, seconds: u64) {
    let wait = Duration::from_secs(seconds);
    let bar = waiting(name, wait);
    say(format!("{name} starts, it needs {seconds} s"));
    thread::sleep(wait);
    say(format!("{name} is done, noticed after {}", bar.elapsed()));
    bar.end();
}

fn laundry() {
    machine("washer", 3);
    // The dryer cannot start before the washer is done.
    machine("dryer", 3);
}

/// Cleaning potatoes is work for our own hands: the CPU is busy the whole time.
fn clean_potatoes() {
    let bar = working("potatoes");
    say(format!("potatoes: {POTATOES} to clean by hand"));
    for potato in 1..=POTATOES {
        cpu_work(ONE_POTATO);
        say(format!("potato {potato} is clean"));
    }
    bar.end();
}

fn main() {
    machine("dishwasher", 3);
    laundry();
    machine("water", 4);
    clean_potatoes();
    summary();
}
