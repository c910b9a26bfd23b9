//! Exercise 06: give up on slow pages.
//!
//! The program fetches 8 pages from the workbook's web server, all at once. Most answer within
//! 1 s, but pages 1, 4 and 6 take 2.5 s, 4 s and 1.5 s, and the program waits for all of them:
//! 4 s in all.
//!
//! Your task: give up on any page that has not answered within 1 s, and keep the others. Print a
//! line for each page you give up on, such as `page 4: gave up after 1 s`, and `fetch_page`
//! returns `None` for it, so the report at the end lists it. Keep the fetches at the same time,
//! and the lines the program prints: the checker reads them.
//!
//! Check: `cargo ex check 06`. A hint: `cargo ex hint 06`. Start again: `cargo ex reset 06`.

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
