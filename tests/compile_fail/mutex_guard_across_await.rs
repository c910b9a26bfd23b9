// A std `MutexGuard` held across an `.await`: the future is then not `Send`, and `tokio::spawn`,
// which may move a task to another thread between two polls, does not accept it.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use workbook::{say, summary, waiting};

async fn handle(request: u32, millis: u64, visitors: Arc<Mutex<u32>>) {
    let wait = Duration::from_millis(millis);
    let bar = waiting(&format!("request {request}"), wait);
    let mut count = visitors.lock().unwrap();
    *count += 1;
    // Sending the reply takes a while, and the guard is still alive.
    tokio::time::sleep(wait).await;
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
