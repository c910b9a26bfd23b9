//! Exercise 05: at most four requests in flight.
//!
//! The program fetches 20 pages from a server (`exercises::ex05`: each page takes 0.3 s to 0.8 s
//! to answer), all at once: 20 requests in flight, done in 0.8 s. But the server's owner allows
//! at most 4 requests at a time from one client.
//!
//! Your task: change `fetch_all` so that at most 4 requests are in flight at any moment, and use
//! all 4: start the next page as soon as one is done. It should take about 2.7 s. The checker
//! runs the server, and its log says how many requests were in flight at once.
//!
//! Check: `cargo ex check 05`. A hint: `cargo ex hint 05`. Start again: `cargo ex reset 05`.

use exercises::ex05::{SERVER, fetch_page, paths};
use exercises::site::{self, Server};
use futures::future::join_all;
use workbook::{say, summary};

// ANCHOR: solution
/// Fetches every page in `paths`.
async fn fetch_all(server: &Server, paths: &[String]) {
    join_all(paths.iter().map(|path| fetch_page(server, path))).await;
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
