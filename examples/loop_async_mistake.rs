//! loop_async_mistake: the classic mistake. Futures kept in a Vec and awaited one by one run one
//! after another, because a Rust future does nothing until it is awaited.
//!
//! Jobs 0 to 3 each take 1 s, and this takes about 4 s, like `loop_sync`.
//! Run: `cargo run --example loop_async_mistake`.
//! The fix is in `loop_async`: spawn each job as a task.

use std::time::Duration;

use workbook::{say, summary, waiting};

async fn job(number: u32) {
    let wait = Duration::from_secs(1);
    let bar = waiting(&format!("job {number}"), wait);
    say(format!("Start {number}"));
    tokio::time::sleep(wait).await;
    say(format!("End {number}"));
    bar.end();
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let mut futures = Vec::new();
    for number in 0..4 {
        // Calling an async fn only builds a future: nothing has started yet.
        futures.push(job(number));
    }
    for future in futures {
        // Each job starts here, and the next one only after this one has ended.
        future.await;
    }
    summary();
    Ok(())
}
