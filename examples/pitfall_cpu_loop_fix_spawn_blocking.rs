//! pitfall_cpu_loop_fix_spawn_blocking: the computation moved to tokio's blocking threads with
//! `spawn_blocking`, so the runtime's thread stays free for the other requests.
//!
//! A server on one thread spawns a task for each of three requests. Request A builds a report:
//! 1.2 s of real CPU work; requests B and C wait 0.6 s and 1 s for an async service.
//! Run: `cargo run --example pitfall_cpu_loop_fix_spawn_blocking` (about 1.2 s). Compare with
//! `pitfall_cpu_loop_bug`.

use std::time::Duration;

use workbook::{cpu_work, say, summary, waiting, working};

const REPORT: Duration = Duration::from_millis(1200);

/// A request that computes its answer on a thread of tokio's blocking pool. Awaiting the handle
/// hands the runtime's thread back while the pool's thread computes.
async fn report(request: &'static str) {
    let bar = working(request);
    say(format!("{request}: building a report"));
    tokio::task::spawn_blocking(|| cpu_work(REPORT))
        .await
        .expect("the report does not panic");
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
