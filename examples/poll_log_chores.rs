//! poll_log_chores: chores_async with each chore's polls recorded: `join!` polls the potatoes once,
//! for 7 s, and polls every chore each time any of them is woken.
//!
//! The chores are chores_async's, each wrapped in `workbook::poll_log::record`, which only records
//! each poll (its start, end and result) and each wake. The timeline draws each poll as work and
//! the time between polls as a wait.
//! Run: `cargo run --example poll_log_chores` (about 10 s). Compare with `poll_log_chores_yield`.

use std::time::Duration;

use workbook::poll_log::{self, record};
use workbook::{cpu_work, say, summary};

const POTATOES: u32 = 10;
const ONE_POTATO: Duration = Duration::from_millis(700);

/// A machine works on its own: all we do is wait for it.
async fn machine(name: &str, seconds: u64) {
    let wait = Duration::from_secs(seconds);
    say(format!("{name} starts, it needs {seconds} s"));
    tokio::time::sleep(wait).await;
    say(format!("{name} is done"));
}

async fn laundry() {
    machine("washer", 3).await;
    // The dryer cannot start before the washer is done.
    machine("dryer", 3).await;
}

/// Cleaning potatoes is work for our own hands: the CPU is busy the whole time.
async fn clean_potatoes() {
    say(format!("potatoes: {POTATOES} to clean by hand"));
    for potato in 1..=POTATOES {
        cpu_work(ONE_POTATO);
        say(format!("potato {potato} is clean"));
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // `biased;` polls the chores in the order written, so lines printed at the same instant
    // always come in the same order.
    tokio::join!(
        biased;
        record("dishwasher", machine("dishwasher", 3)),
        record("laundry", laundry()),
        record("water", machine("water", 4)),
        record("potatoes", clean_potatoes()),
    );
    poll_log::report();
    summary();
}
