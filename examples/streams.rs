//! streams: a stream of jobs, filtered, mapped to slow lookups with at most 3 in flight, and
//! collected; results in the order they finish (`buffer_unordered`) or in the order asked
//! (`buffered`, with `--in-order`).
//!
//! Orders 1 to 8 arrive on a stream. Orders 3 and 6 were cancelled and are filtered out. Each other
//! order is looked up in a slow service (a wait of 0.4 s to 1.6 s, its own for each order), at most
//! 3 lookups at a time, and the results are collected into a `Vec`.
//! Run: `cargo run --example streams` (about 2.4 s), then `cargo run --example streams --
//! --in-order` (about 3.2 s): the same lookups, handed back in order, and slower. Why slower?

use std::time::Duration;

use anyhow::bail;
use futures::{StreamExt, stream};
use workbook::{say, summary, waiting};

const AT_A_TIME: usize = 3;

/// How long the service takes to look up each order: its own wait, in tenths of a second.
fn lookup_time(order: u32) -> Duration {
    let tenths = match order {
        1 | 7 => 16,
        2 => 12,
        8 => 8,
        _ => 4,
    };
    Duration::from_millis(tenths * 100)
}

/// Looks one order up in the slow service: a wait, as a network call is. Returns its price in cents.
async fn look_up(order: u32) -> u32 {
    let bar = waiting(&format!("order {order}"), lookup_time(order));
    tokio::time::sleep(lookup_time(order)).await;
    say(format!("order {order}: looked up"));
    bar.end();
    order * 250
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let in_order = match std::env::args().nth(1).as_deref() {
        None => false,
        Some("--in-order") => true,
        Some(other) => bail!("unknown option {other}; usage: [--in-order]"),
    };

    // A stream yields its items one at a time, when asked, like an async iterator. Nothing below
    // runs until `collect` starts asking.
    let cancelled = [3, 6];
    let lookups = stream::iter(1..=8)
        .filter(|order| std::future::ready(!cancelled.contains(order)))
        .map(|order| async move { (order, look_up(order).await) });
    // Both keep at most 3 lookups in flight and start the next as soon as there is room. They
    // differ in what "room" means: `buffered` hands results back in the order of the stream, so a
    // finished lookup keeps its place, and its slot, until every order before it is handed back.
    let results = if in_order {
        say(format!(
            "Looking orders up, {AT_A_TIME} at a time, in order"
        ));
        lookups.buffered(AT_A_TIME).boxed_local()
    } else {
        say(format!(
            "Looking orders up, {AT_A_TIME} at a time, as they finish"
        ));
        lookups.buffer_unordered(AT_A_TIME).boxed_local()
    };
    let prices: Vec<(u32, u32)> = results
        .inspect(|(order, _)| say(format!("  handed back: order {order}")))
        .collect()
        .await;

    let orders: Vec<u32> = prices.iter().map(|(order, _)| *order).collect();
    let total: u32 = prices.iter().map(|(_, price)| price).sum();
    say(format!("Collected orders {orders:?}"));
    say(format!("Total {}.{:02}", total / 100, total % 100));
    summary();
    Ok(())
}
