//! Exercise 06, a solution: each fetch gets its own deadline with `tokio::time::timeout`. When the
//! second is up, `timeout` drops the fetch (which closes its connection) and returns an error.
//!
//! The deadline is on each page, not on all of them together: one slow page must not throw away
//! the pages that answered in time.

use std::time::Duration;

use exercises::ex06::{PAGES, SERVER, report};
use exercises::fetch_title;
use exercises::site::{self, Server};
use futures::future::join_all;
use workbook::{say, summary, waiting_for};

// ANCHOR: solution
/// How long to wait for a page before giving up on it.
const PATIENCE: Duration = Duration::from_secs(1);

/// Fetches one page and prints its title. Returns the title, or `None` if we gave up on it.
async fn fetch_page(server: &Server, page: usize) -> Option<String> {
    let url = server.url(&format!("/page/{page}"));
    let bar = waiting_for(&format!("page {page}"));
    let title = match tokio::time::timeout(PATIENCE, fetch_title(&url)).await {
        Ok(Ok(title)) => {
            say(format!("page {page}: \"{title}\""));
            Some(title)
        }
        Ok(Err(error)) => {
            say(format!("page {page}: failed: {error}"));
            None
        }
        Err(_elapsed) => {
            say(format!("page {page}: gave up after 1 s"));
            None
        }
    };
    bar.end();
    title
}
// ANCHOR_END: solution

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let server = site::connect(&SERVER)?;
    let titles = join_all(PAGES.iter().map(|&page| fetch_page(&server, page))).await;
    report(&titles);
    summary();
    Ok(())
}
