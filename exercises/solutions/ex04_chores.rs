//! Exercise 04, a solution: the potatoes are cleaned on a thread of their own, from tokio's pool
//! for blocking work, so the runtime's thread is free to notice each machine the moment it is done.
//!
//! The potatoes still take 7 s of CPU work, one at a time; everything else fits in those 7 s.
//! `tokio::task::yield_now().await` after each potato (see `chores_async_yield`) passes too: it
//! lets the machines be noticed between two potatoes.

use exercises::ex04::{POTATOES, clean_potato, laundry, machine, potatoes_begin};
use workbook::{summary, working};

// ANCHOR: solution
/// Cleaning potatoes is work for our own hands: the CPU is busy the whole time. It is a plain
/// function now: it never awaits, and it runs on a thread where it blocks nothing else.
fn clean_potatoes() {
    let bar = working("potatoes");
    potatoes_begin();
    for potato in 1..=POTATOES {
        clean_potato(potato);
    }
    bar.end();
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    // The blocking pool starts the potatoes on another thread at once; the handle says when
    // they are done.
    let potatoes = tokio::task::spawn_blocking(clean_potatoes);
    let ((), (), (), potatoes) = tokio::join!(
        machine("dishwasher", 3),
        laundry(),
        machine("water", 4),
        potatoes
    );
    potatoes?;
    summary();
    Ok(())
}
// ANCHOR_END: solution
