//! pitfall_mutex_fix_async: tokio's async `Mutex` may be held across an `.await`, so this compiles.
//! But a lock held while waiting makes every other request wait too: they now run one at a time.
//!
//! Three requests are spawned as tasks. Each takes the next visitor number from a counter shared
//! behind a `tokio::sync::Mutex`, then spends 1 s, 1.5 s or 2 s sending its reply, lock in hand.
//! Run: `cargo run --example pitfall_mutex_fix_async` (about 4.5 s). Compare with
//! `pitfall_mutex_fix_scope`.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Mutex;
use workbook::{say, summary, waiting_for};

async fn handle(request: u32, millis: u64, visitors: Arc<Mutex<u32>>) {
    let bar = waiting_for(&format!("request {request}"));
    // Waiting for the lock is an `.await`: the task hands the thread back until the lock is free.
    let mut count = visitors.lock().await;
    *count += 1;
    // Sending the reply takes a while, and the guard is still alive.
    tokio::time::sleep(Duration::from_millis(millis)).await;
    say(format!("request {request}: you are visitor {count}"));
    bar.end();
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let visitors = Arc::new(Mutex::new(0));
    let mut requests = Vec::new();
    for (request, millis) in [(1, 1000), (2, 1500), (3, 2000)] {
        requests.push(tokio::spawn(handle(request, millis, Arc::clone(&visitors))));
    }
    for request in requests {
        request.await?;
    }
    summary();
    Ok(())
}
