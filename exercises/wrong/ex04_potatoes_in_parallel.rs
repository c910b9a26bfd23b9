//! A wrong answer to exercise 04: every potato is cleaned on a thread of its own, all at once.
//! Ten pairs of hands: that shortens the chore.
//! Fails: one_at_a_time

use exercises::ex04::{POTATOES, clean_potato, laundry, machine, potatoes_begin};
use workbook::{summary, working};

// ANCHOR: wrong
async fn clean_potatoes() {
    let bar = working("potatoes");
    potatoes_begin();
    let hands: Vec<_> = (1..=POTATOES)
        .map(|potato| tokio::task::spawn_blocking(move || clean_potato(potato)))
        .collect();
    for hand in hands {
        let _ = hand.await;
    }
    bar.end();
}
// ANCHOR_END: wrong

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    tokio::join!(
        machine("dishwasher", 3),
        laundry(),
        machine("water", 4),
        clean_potatoes(),
    );
    summary();
    Ok(())
}
