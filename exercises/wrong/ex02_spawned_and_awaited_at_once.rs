//! A wrong answer to exercise 02: each job is spawned as a task, and awaited right away, before
//! the next is spawned.
//! Fails: together

use std::time::Duration;

use workbook::{bar, say, summary};

async fn job(number: u32) {
    let bar = bar(&format!("job {number}"));
    say(format!("Start {number}"));
    tokio::time::sleep(Duration::from_secs(1)).await;
    say(format!("End {number}"));
    bar.end();
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    // ANCHOR: wrong
    for number in 0..4 {
        tokio::spawn(job(number)).await?;
    }
    // ANCHOR_END: wrong
    summary();
    Ok(())
}
