//! Exercise 04: chores in 7.5 s.
//!
//! This is `chores_async`. The dishwasher runs 3 s; the washer 3 s, then the dryer 3 s (not before
//! the washer is done); water boils in 4 s; and 10 potatoes are cleaned by hand, 0.7 s of real CPU
//! work each. All joined on one thread, the chores take 10 s: while the potatoes are cleaned,
//! nothing notices that a machine is done, so the dryer starts late.
//!
//! Your task: get every chore done within 7.5 s. Do not shorten any chore: the machines keep
//! their times, and the potatoes stay `cpu_work`, 0.7 s each, cleaned one at a time (you have one
//! pair of hands). Keep the lines the program prints: the checker reads them.
//!
//! Check: `cargo ex check 04`. A hint: `cargo ex hint 04`. Start again: `cargo ex reset 04`.

use std::time::Duration;

use workbook::{bar, cpu_work, say, summary};

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
        cpu_work(ONE_POTATO);
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
