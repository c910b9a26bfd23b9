//! Exercise 02: four jobs as tasks.
//!
//! Jobs 0 to 3 each take 1 s (`exercises::ex02::job`: it prints `Start N`, waits 1 s, prints
//! `End N`). This program makes their futures in a loop and awaits them one by one, so each job
//! starts only when the one before has ended: 4 s in all.
//!
//! Your task: start all four jobs as tasks first, then wait until every one has ended. All four
//! should start before any of them ends, and the run should take about 1 s.
//!
//! Check: `cargo ex check 02`. A hint: `cargo ex hint 02`. Start again: `cargo ex reset 02`.

use exercises::ex02::{JOBS, job};
use workbook::summary;

// ANCHOR: solution
#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let mut futures = Vec::new();
    for number in 0..JOBS {
        futures.push(job(number));
    }
    for future in futures {
        future.await;
    }
    summary();
    Ok(())
}
// ANCHOR_END: solution
