//! Exercise 06: give up on slow pages.
//!
//! The program fetches 8 pages from a server, all at once. Most answer within 1 s, but pages 1, 4
//! and 6 take 2.5 s, 4 s and 1.5 s (`exercises::ex06`), and the program waits for all of them: 4 s
//! in all.
//!
//! Your task: change `fetch_page` to give up on a page that has not answered within 1 s, and keep
//! the others. Print a line for each page you give up on, such as `page 4: gave up after 1 s`, and
//! return `None` for it, so the report at the end lists it.
//!
//! Check: `cargo ex check 06`. A hint: `cargo ex hint 06`. Start again: `cargo ex reset 06`.

use exercises::ex06::{PAGES, SERVER, report};
use exercises::fetch_title;
use exercises::site::{self, Server};
use futures::future::join_all;
use workbook::{say, summary, waiting_for};

// ANCHOR: solution
/// Fetches one page and prints its title. Returns the title, or `None` if there is none.
async fn fetch_page(server: &Server, page: usize) -> Option<String> {
    let url = server.url(&format!("/page/{page}"));
    let bar = waiting_for(&format!("page {page}"));
    let title = match fetch_title(&url).await {
        Ok(title) => {
            say(format!("page {page}: \"{title}\""));
            Some(title)
        }
        Err(error) => {
            say(format!("page {page}: failed: {error}"));
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
