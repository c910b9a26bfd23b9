//! Exercise 05, a solution: a stream of fetches, `buffer_unordered(4)`: it keeps 4 fetches going,
//! and starts the next each time one ends, so there are never more than 4 in flight.
//!
//! A `tokio::sync::Semaphore` with 4 permits, each fetch holding one while it runs, passes too.

use exercises::ex05::{SERVER, fetch_page, paths};
use exercises::site::{self, Server};
use futures::StreamExt;
use workbook::{say, summary};

// ANCHOR: solution
/// How many requests may be in flight at once.
const IN_FLIGHT: usize = 4;

/// Fetches every page in `paths`, at most `IN_FLIGHT` at a time.
async fn fetch_all(server: &Server, paths: &[String]) {
    futures::stream::iter(paths)
        .map(|path| fetch_page(server, path))
        .buffer_unordered(IN_FLIGHT)
        .collect::<Vec<()>>()
        .await;
}
// ANCHOR_END: solution

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let server = site::connect(&SERVER)?;
    let paths = paths();
    say(format!("Fetching {} pages", paths.len()));
    fetch_all(&server, &paths).await;
    summary();
    Ok(())
}
