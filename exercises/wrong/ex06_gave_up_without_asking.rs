//! A shortcut for exercise 06: it knows which pages are slow, so it does not even ask for them,
//! and prints "gave up" at once. The server's log shows the pages were never asked for.
//! Fails: gave_up_slow

use exercises::ex06::{PAGES, SERVER, report};
use exercises::fetch_title;
use exercises::site::{self, Server};
use futures::future::join_all;
use workbook::{say, summary, waiting_for};

// ANCHOR: wrong
async fn fetch_page(server: &Server, page: usize) -> Option<String> {
    if [1, 4, 6].contains(&page) {
        say(format!("page {page}: gave up after 1 s"));
        return None;
    }
    let bar = waiting_for(&format!("page {page}"));
    let title = fetch_title(&server.url(&format!("/page/{page}")))
        .await
        .ok();
    if let Some(title) = &title {
        say(format!("page {page}: \"{title}\""));
    }
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
