//! pitfall_cpu_loop_fix_yield: the computation hands the thread back after each page, so the other
//! requests get a turn between pages.
//!
//! A server on one thread spawns a task for each of three requests. Request A builds a report:
//! 1.2 s of real CPU work, cut into 3 pages of 0.4 s so that it can yield between them; requests B
//! and C wait 0.6 s and 1 s for an async service.
//! Run: `cargo run --example pitfall_cpu_loop_fix_yield` (about 1.4 s). Compare with
//! `pitfall_cpu_loop_bug`.

use std::time::Duration;

use workbook::{cpu_work, say, summary, waiting, working};

const PAGES: u32 = 3;
const ONE_PAGE: Duration = Duration::from_millis(400);

/// A request that computes its answer: the CPU is busy the whole time, but after each page it hands
/// the thread back to the runtime, which then looks at the other requests.
async fn report(request: &'static str) {
    let bar = working(request);
    say(format!("{request}: building a report, {PAGES} pages"));
    for _page in 1..=PAGES {
        cpu_work(ONE_PAGE);
        tokio::task::yield_now().await;
    }
    say(format!("{request}: answered after {}", bar.elapsed()));
    bar.end();
}

/// A request that waits for an async service: it hands the thread back while it waits.
async fn call_service(request: &'static str, millis: u64) {
    let wait = Duration::from_millis(millis);
    let bar = waiting(request, wait);
    say(format!("{request}: calling the service, {millis} ms"));
    tokio::time::sleep(wait).await;
    say(format!("{request}: answered after {}", bar.elapsed()));
    bar.end();
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    // The tasks run on this one thread, first in the order they were spawned.
    let requests = [
        tokio::spawn(report("A")),
        tokio::spawn(call_service("B", 600)),
        tokio::spawn(call_service("C", 1000)),
    ];
    for request in requests {
        request.await?;
    }
    summary();
    Ok(())
}
