//! A wrong answer to exercise 06: one deadline of 1 s for all the pages together. When it
//! passes, the pages that had answered are thrown away with the rest.
//! Fails: kept_fast

use exercises::fetch_title;
use std::time::Duration;

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

/// Fetches one page and prints its title. Returns the title, or `None` if there is none.
async fn fetch_page(server: &RunningServer, page: usize, delay: f64) -> Option<String> {
    let url = server.url(&format!("/page/{page}?delay={delay}"));
    let bar = bar(&format!("page {page}"));
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
    // The server runs on a thread of its own: it stands in for a machine elsewhere.
    let server = server::start_on_thread(Config::default())?;
    // ANCHOR: wrong
    let all = join_all(
        PAGES
            .iter()
            .map(|&(page, delay)| fetch_page(&server, page, delay)),
    );
    let titles = match tokio::time::timeout(Duration::from_secs(1), all).await {
        Ok(titles) => titles,
        Err(_elapsed) => vec![None; PAGES.len()],
    };
    // ANCHOR_END: wrong

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
