//! A wrong answer to exercise 02: each job is spawned as a task, and awaited right away, before
//! the next is spawned.
//! Fails: together

use exercises::ex02::{JOBS, job};
use workbook::summary;

// ANCHOR: wrong
#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    for number in 0..JOBS {
        tokio::spawn(job(number)).await?;
    }
    // ANCHOR_END: wrong
    summary();
    Ok(())
}
