//! pitfall_block_on_fix: in async code, await the async function instead of blocking on it.
//!
//! `fetch_price` is async (it waits 1 s for a price service). Async `main` awaits it: no second
//! runtime, no blocking, no panic.
//! Run: `cargo run --example pitfall_block_on_fix` (about 1 s). Compare with
//! `pitfall_block_on_bug`.

use std::time::Duration;

use workbook::{say, summary, waiting_for};

/// An async function, such as one from an async client library.
async fn fetch_price(item: &str) -> u32 {
    tokio::time::sleep(Duration::from_millis(1000)).await;
    item.len() as u32 * 100
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let bar = waiting_for("tea");
    say("asking for the price of tea");
    let price = fetch_price("tea").await;
    say(format!("tea costs {price} cents"));
    bar.end();
    summary();
}
