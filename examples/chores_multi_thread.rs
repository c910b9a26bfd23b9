//! chores_multi_thread: the chores as spawned tasks on tokio's multi-thread runtime. The potatoes
//! never yield, as in `chores_async`, but they hold up only the worker thread they run on: the
//! other worker notices the machines on time.
//!
//! The dishwasher runs 3 s; the washing machine 3 s, then the dryer 3 s (not before the washer is
//! done); water boils in 4 s; and 10 potatoes are cleaned by hand, 0.7 s of real CPU work each.
//! Lines due at the same instant come from different threads, so their order can change from run
//! to run; the times cannot.
//! Run: `cargo run --example chores_multi_thread` (about 7 s). Compare with `chores_async`.

use std::time::Duration;

use workbook::{cpu_work, say, summary, waiting, working};

const POTATOES: u32 = 10;
const ONE_POTATO: Duration = Duration::from_millis(700);

/// A machine works on its own: all we do is wait for it.
async fn machine(name: &'static str, seconds: u64) {
    let wait = Duration::from_secs(seconds);
    let bar = waiting(name, wait);
    say(format!("{name} starts, it needs {seconds} s"));
    tokio::time::sleep(wait).await;
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
    }
    bar.end();
}

// Two worker threads: while one is busy with the potatoes, the other runs everything else.
#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> anyhow::Result<()> {
    // Each chore is a task of its own, free to run on either worker.
    let chores = [
        tokio::spawn(machine("dishwasher", 3)),
        tokio::spawn(laundry()),
        tokio::spawn(machine("water", 4)),
        tokio::spawn(clean_potatoes()),
    ];
    for chore in chores {
        chore.await?;
    }
    summary();
    Ok(())
}
