//! A shortcut for exercise 04: each potato is a tenth of its work and nine tenths of a sleep. The
//! times look right and the CPU does work, a little. The checker reads how much CPU time the
//! program asked the kernel for.
//! Fails: cpu_work

use std::time::Duration;

use exercises::ex04::{POTATOES, laundry, machine, potatoes_begin};
use workbook::{cpu_work, say, summary, working};

// ANCHOR: wrong
async fn clean_potatoes() {
    let bar = working("potatoes");
    potatoes_begin();
    for potato in 1..=POTATOES {
        cpu_work(Duration::from_millis(70));
        tokio::time::sleep(Duration::from_millis(630)).await;
        say(format!("potato {potato} is clean"));
    }
    bar.end();
}
// ANCHOR_END: wrong

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
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
