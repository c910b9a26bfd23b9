//! A wrong answer to exercise 04: the potatoes "clean" themselves with an async sleep. The run
//! takes 7 s, but nobody did the work.
//! Fails: cpu_work

use std::time::Duration;

use workbook::{bar, say, summary};

const POTATOES: u32 = 10;
const ONE_POTATO: Duration = Duration::from_millis(700);

/// A machine works on its own: all we do is wait for it.
async fn machine(name: &str, seconds: u64) {
    let bar = bar(name);
    say(format!("{name} starts, it needs {seconds} s"));
    tokio::time::sleep(Duration::from_secs(seconds)).await;
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
    let bar = bar("potatoes");
    say(format!("potatoes: {POTATOES} to clean by hand"));
    for potato in 1..=POTATOES {
        // ANCHOR: wrong
        tokio::time::sleep(ONE_POTATO).await;
        // ANCHOR_END: wrong
        say(format!("potato {potato} is clean"));
    }
    bar.end();
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // `biased;` polls the chores in the order written, so lines printed at the same instant
    // always come in the same order.
    tokio::join!(
        biased;
        machine("dishwasher", 3),
        laundry(),
        machine("water", 4),
        clean_potatoes(),
    );
    summary();
}
