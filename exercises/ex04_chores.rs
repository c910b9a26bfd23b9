//! Exercise 04: chores in 7.5 s.
//!
//! This is `chores_async`. The dishwasher runs 3 s; the washer 3 s, then the dryer 3 s (not before
//! the washer is done); water boils in 4 s; and 10 potatoes are cleaned by hand, 0.7 s of real CPU
//! work each (the machines and one potato are in `exercises::ex04`). All joined on one thread,
//! the chores take 10 s: while the potatoes are cleaned, nothing notices that a machine is done,
//! so the dryer starts late.
//!
//! Your task: get every chore done within 7.5 s. Do not shorten any chore: the machines keep
//! their times, and every potato is still cleaned with `clean_potato`, one at a time (you have
//! one pair of hands).
//!
//! Check: `cargo ex check 04`. A hint: `cargo ex hint 04`. Start again: `cargo ex reset 04`.

use exercises::ex04::{POTATOES, clean_potato, laundry, machine, potatoes_begin};
use workbook::{summary, working};

// ANCHOR: solution
/// Cleaning potatoes is work for our own hands: the CPU is busy the whole time.
async fn clean_potatoes() {
    let bar = working("potatoes");
    potatoes_begin();
    for potato in 1..=POTATOES {
        clean_potato(potato);
    }
    bar.end();
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
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
    Ok(())
}
// ANCHOR_END: solution
