//! A wrong answer to exercise 04: every potato is cleaned on a thread of its own, all at once.
//! Ten pairs of hands: that shortens the chore.
//! Fails: one_at_a_time

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
    // ANCHOR: wrong
    let mut cleaning = Vec::new();
    for potato in 1..=POTATOES {
        cleaning.push(tokio::task::spawn_blocking(move || {
            cpu_work(ONE_POTATO);
            say(format!("potato {potato} is clean"));
        }));
    }
    for potato in cleaning {
        let _ = potato.await;
    }
    // ANCHOR_END: wrong
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
