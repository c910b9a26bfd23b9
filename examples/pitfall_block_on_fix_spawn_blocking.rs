//! pitfall_block_on_fix_spawn_blocking: synchronous code that must block on a future runs on one of
//! tokio's blocking threads, and blocks on the runtime that is already there through its `Handle`.
//!
//! `fetch_price` is async (it waits 1 s for a price service). `fetch_price_blocking` wraps it for
//! synchronous callers, such as a callback of a synchronous library. Async `main` runs the wrapper
//! with `spawn_blocking` and awaits it.
//! Run: `cargo run --example pitfall_block_on_fix_spawn_blocking` (about 1 s). Compare with
//! `pitfall_block_on_bug`.

use std::time::Duration;

use tokio::runtime::Handle;
use workbook::{say, summary, waiting_for};

/// An async function, such as one from an async client library.
async fn fetch_price(item: &str) -> u32 {
    tokio::time::sleep(Duration::from_millis(1000)).await;
    item.len() as u32 * 100
}

/// A synchronous wrapper for synchronous code: it blocks this thread until the future is done,
/// on the runtime that `runtime` points to, instead of starting a runtime of its own.
fn fetch_price_blocking(runtime: &Handle, item: &str) -> u32 {
    runtime.block_on(fetch_price(item))
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let bar = waiting_for("tea");
    say("asking for the price of tea");
    let runtime = Handle::current();
    // A blocking thread is not driving async tasks, so it may block, even on a future.
    let price = tokio::task::spawn_blocking(move || fetch_price_blocking(&runtime, "tea")).await?;
    say(format!("tea costs {price} cents"));
    bar.end();
    summary();
    Ok(())
}
