//! Exercise 04, a solution: the potatoes are cleaned on a thread of their own, from tokio's pool
//! for blocking work, so the runtime's thread is free to notice each machine the moment it is done.
//!
//! The potatoes still take 7 s of CPU work, one at a time; everything else fits in those 7 s.
//! `tokio::task::yield_now().await` after each potato (see `chores_async_yield`) passes too: it
//! lets the machines be noticed between two potatoes.

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

/// Cleaning potatoes is work for our own hands: the CPU is busy the whole time. It is a plain
/// function now: it never awaits, and it runs on a thread where it blocks nothing else.
fn clean_potatoes() {
    let bar = bar("potatoes");
    say(format!("potatoes: {POTATOES} to clean by hand"));
    for potato in 1..=POTATOES {
        cpu_work(ONE_POTATO);
        say(format!("potato {potato} is clean"));
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
