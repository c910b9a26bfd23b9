//! poll_log_chores_unordered: poll_log_chores_yield with the chores in a `FuturesUnordered`
//! instead of `join!`: each chore has a waker of its own, so only the chore that was woken is polled.
//!
//! The chores and the recording are poll_log_chores_yield's; only the way they are run together
//! differs.
//! Run: `cargo run --example poll_log_chores_unordered` (about 7 s). Compare with
//! `poll_log_chores_yield`.

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use futures::StreamExt;
use futures::stream::FuturesUnordered;

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
        // Let the runtime look at the other chores before the next potato.
        tokio::task::yield_now().await;
    }
}

// ANCHOR: main
#[tokio::main(flavor = "current_thread")]
async fn main() {
    // Each chore gets a waker of its own from the set, which polls only the chores woken since
    // its last poll, in the order they were woken (the first time, in the order pushed).
    let mut chores: FuturesUnordered<Pin<Box<dyn Future<Output = ()>>>> = FuturesUnordered::new();
    chores.push(Box::pin(record("dishwasher", machine("dishwasher", 3))));
    chores.push(Box::pin(record("laundry", laundry())));
    chores.push(Box::pin(record("water", machine("water", 4))));
    chores.push(Box::pin(record("potatoes", clean_potatoes())));
    while chores.next().await.is_some() {}
    poll_log::report();
    summary();
}
// ANCHOR_END: main
