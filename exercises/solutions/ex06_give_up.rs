//! Exercise 06, a solution: each fetch gets its own deadline with `tokio::time::timeout`. When the
//! second is up, `timeout` drops the fetch (which closes its connection) and returns an error.
//!
//! The deadline is on each page, not on all of them together: one slow page must not throw away
//! the pages that answered in time.

use std::time::Duration;

use exercises::fetch_title;
use futures::future::join_all;
use workbook::server::{self, Config, RunningServer};
use workbook::{bar, say, summary};

/// The pages and how long the server takes to answer each, in seconds. (The workbook's server
/// waits as long as a page's `?delay=` asks: in real life you do not know in advance.)
const PAGES: [(usize, f64); 8] = [
    (0, 0.3),
    (1, 2.5),
    (2, 0.5),
    (3, 0.8),
    (4, 4.0),
    (5, 0.2),
    (6, 1.5),
    (7, 0.6),
];

/// How long to wait for a page before giving up on it.
const PATIENCE: Duration = Duration::from_secs(1);

/// Fetches one page and prints its title. Returns the title, or `None` if we gave up on it.
async fn fetch_page(server: &RunningServer, page: usize, delay: f64) -> Option<String> {
    let url = server.url(&format!("/page/{page}?delay={delay}"));
    let bar = bar(&format!("page {page}"));
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

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    // The server runs on a thread of its own: it stands in for a machine elsewhere.
    let server = server::start_on_thread(Config::default())?;
    let titles = join_all(
        PAGES
            .iter()
            .map(|&(page, delay)| fetch_page(&server, page, delay)),
    )
    .await;

    let kept = titles.iter().filter(|title| title.is_some()).count();
    let given_up: Vec<String> = PAGES
        .iter()
        .zip(&titles)
        .filter(|(_, title)| title.is_none())
        .map(|((page, _), _)| format!("page {page}"))
        .collect();
    let given_up = if given_up.is_empty() {
        "none".to_string()
    } else {
        given_up.join(", ")
    };
    say(format!("Kept {kept} pages; gave up on: {given_up}"));
    summary();
    Ok(())
}
