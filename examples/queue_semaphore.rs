//! queue_semaphore: the same ten jobs, each spawned as its own task at once, with a semaphore that
//! lets only N of them work at a time. The others wait for a permit, first come, first served.
//!
//! Jobs 1 to 10 each take 1 s of waiting. `--workers N` sets how many permits (default 1).
//! Run: `cargo run --example queue_semaphore -- --workers 3` (4 s for 3). Compare with
//! `queue_async`.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Semaphore;
use workbook::{say, summary, waiting};

const JOBS: u32 = 10;

async fn job(number: u32, permits: Arc<Semaphore>) -> anyhow::Result<()> {
    // Wait here until one of the N permits is free. It is given back when `_permit` is dropped.
    let _permit = permits.acquire().await?;
    let wait = Duration::from_secs(1);
    let bar = waiting(&format!("job {number:>2}"), wait);
    tokio::time::sleep(wait).await;
    // Only the end is printed: see the chapter for why a start line here could come out of order.
    say(format!("job {number} done"));
    bar.end();
    Ok(())
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let workers = workbook::args::number("--workers", 1);
    let permits = Arc::new(Semaphore::new(workers));
    let mut tasks = Vec::new();
    for number in 1..=JOBS {
        tasks.push(tokio::spawn(job(number, Arc::clone(&permits))));
    }
    for task in tasks {
        task.await??;
    }
    summary();
    Ok(())
}
