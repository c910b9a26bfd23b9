//! pitfall_blocking_bug: a blocking call inside async code stalls every other task on the thread.
//!
//! A server on one thread spawns a task for each of three requests. Request A looks its answer up
//! with a blocking call (a synchronous database client, here `std::thread::sleep`) that takes
//! 1.2 s; requests B and C wait 0.6 s and 1 s for an async service.
//! Run: `cargo run --example pitfall_blocking_bug` (about 2.2 s). Compare with
//! `pitfall_blocking_fix_sleep` and `pitfall_blocking_fix_spawn_blocking`.

use std::thread;
use std::time::Duration;

use workbook::{say, summary, waiting};

/// A request whose answer comes from a blocking call: the thread can do nothing else meanwhile.
async fn lookup(request: &'static str, millis: u64) {
    let wait = Duration::from_millis(millis);
    let bar = waiting(request, wait);
    say(format!("{request}: looking it up, {millis} ms"));
    thread::sleep(wait);
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
        tokio::spawn(lookup("A", 1200)),
        tokio::spawn(call_service("B", 600)),
        tokio::spawn(call_service("C", 1000)),
    ];
    for request in requests {
        request.await?;
    }
    summary();
    Ok(())
}
