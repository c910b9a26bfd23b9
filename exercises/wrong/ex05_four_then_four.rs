//! A wrong answer to exercise 05: four pages, then the next four, and so on. Never more than 4
//! in flight, but each group waits for its slowest page while the other three slots stand idle.
//! Fails: in_time

use exercises::ex05::{SERVER, fetch_page, paths};
use exercises::site::{self, Server};
use futures::future::join_all;
use workbook::{say, summary};

// ANCHOR: wrong
async fn fetch_all(server: &Server, paths: &[String]) {
    for group in paths.chunks(4) {
        join_all(group.iter().map(|path| fetch_page(server, path))).await;
    }
}
// ANCHOR_END: wrong

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let server = site::connect(&SERVER)?;
    let paths = paths();
    say(format!("Fetching {} pages", paths.len()));
    fetch_all(&server, &paths).await;
    summary();
    Ok(())
}
