//! pitfall_mutex_fix_scope: the std `MutexGuard` lives in a block that ends before the `.await`, so
//! the future is `Send` again and the requests still run concurrently.
//!
//! Three requests are spawned as tasks. Each takes the next visitor number from a counter shared
//! behind a `std::sync::Mutex`, then spends 1 s, 1.5 s or 2 s sending its reply.
//! Run: `cargo run --example pitfall_mutex_fix_scope` (about 2 s). The version that holds the guard
//! across the `.await` does not compile: see the chapter. Compare with `pitfall_mutex_fix_async`.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use workbook::{say, summary, waiting_for};

async fn handle(request: u32, millis: u64, visitors: Arc<Mutex<u32>>) {
    let bar = waiting_for(&format!("request {request}"));
    let count = {
        let mut count = visitors.lock().unwrap();
        *count += 1;
        *count
    }; // The guard is dropped here, before the `.await`: the lock is held for microseconds.
    // Sending the reply takes a while.
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
