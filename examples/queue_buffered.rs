//! queue_buffered: the same ten jobs as a stream of futures, of which `buffer_unordered` keeps at
//! most N in flight. No tasks and no lock: one future polls them all.
//!
//! Jobs 1 to 10 each take 1 s of waiting. `--workers N` sets how many run at once (default 1).
//! Run: `cargo run --example queue_buffered -- --workers 3` (4 s for 3). Compare with
//! `queue_async`.

use std::time::Duration;

use futures::StreamExt;
use workbook::{say, summary, waiting};

const JOBS: u32 = 10;

async fn job(number: u32) {
    let wait = Duration::from_secs(1);
    let bar = waiting(&format!("job {number:>2}"), wait);
    tokio::time::sleep(wait).await;
    // Only the end is printed: see the chapter for why a start line here could come out of order.
    say(format!("job {number} done"));
    bar.end();
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let workers = workbook::args::number("--workers", 1);
    // `map` makes each job's future only when `buffer_unordered` has room for one more; the jobs'
    // results (none here) come out in the order the jobs end, and `count` waits for them all.
    let done = futures::stream::iter(1..=JOBS)
        .map(job)
        .buffer_unordered(workers)
        .count()
        .await;
    say(format!("all {done} jobs done"));
    summary();
}
