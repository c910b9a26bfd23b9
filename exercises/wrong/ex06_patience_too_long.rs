//! A wrong answer to exercise 06: a deadline on each page, but of 2 s, not 1 s. Page 6 (1.5 s) is
//! kept, and the pages given up on were waited for twice as long as allowed.
//! Fails: gave_up_slow

use std::time::Duration;

use exercises::ex06::{PAGES, SERVER, report};
use exercises::fetch_title;
use exercises::site::{self, Server};
use futures::future::join_all;
use workbook::{say, summary, waiting_for};

// ANCHOR: wrong
async fn fetch_page(server: &Server, page: usize) -> Option<String> {
    let url = server.url(&format!("/page/{page}"));
    let bar = waiting_for(&format!("page {page}"));
    let title = match tokio::time::timeout(Duration::from_secs(2), fetch_title(&url)).await {
        Ok(Ok(title)) => {
            say(format!("page {page}: \"{title}\""));
            Some(title)
        }
        Ok(Err(_)) | Err(_) => {
            say(format!("page {page}: gave up after 1 s"));
            None
        }
    };
    bar.end();
    title
}
// ANCHOR_END: wrong

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let server = site::connect(&SERVER)?;
    let titles = join_all(PAGES.iter().map(|&page| fetch_page(&server, page))).await;
    report(&titles);
    summary();
    Ok(())
}
