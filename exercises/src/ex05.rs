//! Exercise 05's fixed parts: the server's 20 pages and the fetch of one. The exercise is
//! `fetch_all`, which decides how many are in flight.

use std::time::Duration;

use workbook::{say, waiting_for};

use crate::fetch_title;
use crate::site::{Server, Site};

/// The server: 20 pages, `/page/0` to `/page/19`, which take 0.3, 0.8, 0.4 or 0.5 s to answer.
/// One at a time they take 10 s; four at a time, starting the next as soon as one is done, about
/// 2.7 s; four, then the next four, 4 s.
pub static SERVER: Site = Site {
    name: "the server",
    env: "EXERCISE_SERVER",
    pages: &PAGES,
};

const fn page(path: &'static str, millis: u64) -> (&'static str, Duration) {
    (path, Duration::from_millis(millis))
}

const PAGES: [(&str, Duration); 20] = [
    page("/page/0", 300),
    page("/page/1", 800),
    page("/page/2", 400),
    page("/page/3", 500),
    page("/page/4", 300),
    page("/page/5", 800),
    page("/page/6", 400),
    page("/page/7", 500),
    page("/page/8", 300),
    page("/page/9", 800),
    page("/page/10", 400),
    page("/page/11", 500),
    page("/page/12", 300),
    page("/page/13", 800),
    page("/page/14", 400),
    page("/page/15", 500),
    page("/page/16", 300),
    page("/page/17", 800),
    page("/page/18", 400),
    page("/page/19", 500),
];

/// The paths of the 20 pages, `/page/0` first.
pub fn paths() -> Vec<String> {
    PAGES.iter().map(|(path, _)| path.to_string()).collect()
}

/// Fetches one page and prints its title.
pub async fn fetch_page(server: &Server, path: &str) {
    let bar = waiting_for(path);
    match fetch_title(&server.url(path)).await {
        Ok(title) => say(format!("{path}: \"{title}\"")),
        Err(error) => say(format!("{path}: failed: {error}")),
    }
    bar.end();
}
