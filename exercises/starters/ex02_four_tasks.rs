//! Exercise 02: four jobs as tasks.
//!
//! Jobs 0 to 3 each take 1 s. The program makes their futures in a loop and awaits them one by
//! one, so each job starts only when the one before has ended: 4 s in all.
//!
//! Your task: start all four jobs as tasks first, then wait until every one has ended. All four
//! should start before any of them ends, and the run should take about 1 s. Keep each job's 1 s
//! and the lines it prints: the checker reads them.
//!
//! Check: `cargo ex check 02`. A hint: `cargo ex hint 02`. Start again: `cargo ex reset 02`.

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
    let mut futures = Vec::new();
    for number in 0..4 {
        futures.push(job(number));
    }
    for future in futures {
        future.await;
    }
    summary();
    Ok(())
}
