//! chores_smol_yield: `chores_async_yield` on smol instead of tokio. The same chores and the same
//! output, line for line: the potatoes yield after each one, so the dryer starts during them.
//! Only the lines that start the runtime, sleep and yield are smol's.
//!
//! The dishwasher runs 3 s; the washing machine 3 s, then the dryer 3 s (not before the washer is
//! done); water boils in 4 s; and 10 potatoes are cleaned by hand, 0.7 s of real CPU work each.
//! Run: `cargo run --example chores_smol_yield` (about 7 s). Compare with `chores_async_yield`.

use std::time::Duration;

use workbook::{cpu_work, say, summary, waiting, working};

const POTATOES: u32 = 10;
const ONE_POTATO: Duration = Duration::from_millis(700);

/// A machine works on its own: all we do is wait for it.
async fn machine(name: &str, seconds: u64) {
    let wait = Duration::from_secs(seconds);
    let bar = waiting(name, wait);
    say(format!("{name} starts, it needs {seconds} s"));
    smol::Timer::after(wait).await;
    say(format!("{name} is done, noticed after {}", bar.elapsed()));
    bar.end();
}

async fn laundry() {
    machine("washer", 3).await;
    // The dryer cannot start before the washer is done.
    machine("dryer", 3).await;
}

/// Cleaning potatoes is work for our own hands: the CPU is busy the whole time.
async fn clean_potatoes() {
    let bar = working("potatoes");
    say(format!("potatoes: {POTATOES} to clean by hand"));
    for potato in 1..=POTATOES {
        cpu_work(ONE_POTATO);
        say(format!("potato {potato} is clean"));
        // Let the runtime look at the other chores before the next potato.
        smol::future::yield_now().await;
    }
    bar.end();
}

fn main() {
    smol::block_on(async {
        // `futures::join!` polls the chores in the order written, every time, so lines printed
        // at the same instant always come in the same order.
        futures::join!(
            machine("dishwasher", 3),
            laundry(),
            machine("water", 4),
            clean_potatoes(),
        );
    });
    summary();
}
