//! A wrong answer to exercise 04: the potatoes "clean" themselves with an async sleep. The run
//! takes 7 s, but nobody did the work.
//! Fails: cpu_work

use exercises::ex04::{ONE_POTATO, POTATOES, laundry, machine, potatoes_begin};
use workbook::{say, summary, working};

// ANCHOR: wrong
async fn clean_potatoes() {
    let bar = working("potatoes");
    potatoes_begin();
    for potato in 1..=POTATOES {
        tokio::time::sleep(ONE_POTATO).await;
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
