//! A wrong answer to exercise 06: one deadline of 1 s for all the pages together. When it
//! passes, the pages that had answered are thrown away with the rest.
//! Fails: kept_fast

use std::time::Duration;

use exercises::ex06::{PAGES, SERVER, report};
use exercises::fetch_title;
use exercises::site::{self, Server};
use futures::future::join_all;
use workbook::{say, summary, waiting_for};

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

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let server = site::connect(&SERVER)?;
    // ANCHOR: wrong
    let all = join_all(PAGES.iter().map(|&page| fetch_page(&server, page)));
    let titles = match tokio::time::timeout(Duration::from_secs(1), all).await {
        Ok(titles) => titles,
        Err(_elapsed) => {
            say("gave up after 1 s");
            vec![None; PAGES.len()]
        }
    };
    // ANCHOR_END: wrong
    report(&titles);
    summary();
    Ok(())
}
