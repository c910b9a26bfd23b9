//! Exercise 06's fixed parts: the server's pages and the report. The exercise is `fetch_page`,
//! which decides how long to wait for a page.

use std::time::Duration;

use workbook::say;

use crate::site::Site;

/// The pages, `/page/0` to `/page/7`, and how long the server takes to answer each. Pages 1, 4
/// and 6 take longer than 1 s. (In real life you do not know in advance.)
pub static SERVER: Site = Site {
    name: "the server",
    env: "EXERCISE_SERVER",
    pages: &[
        ("/page/0", Duration::from_millis(300)),
        ("/page/1", Duration::from_millis(2500)),
        ("/page/2", Duration::from_millis(500)),
        ("/page/3", Duration::from_millis(800)),
        ("/page/4", Duration::from_millis(4000)),
        ("/page/5", Duration::from_millis(200)),
        ("/page/6", Duration::from_millis(1500)),
        ("/page/7", Duration::from_millis(600)),
    ],
};

/// The numbers of the pages: 0 to 7.
pub const PAGES: [usize; 8] = [0, 1, 2, 3, 4, 5, 6, 7];

/// Prints how many pages were kept and which were given up on: `titles[n]` is page n's title, or
/// `None` for a page given up on.
pub fn report(titles: &[Option<String>]) {
    let kept = titles.iter().filter(|title| title.is_some()).count();
    let given_up: Vec<String> = PAGES
        .iter()
        .zip(titles)
        .filter(|(_, title)| title.is_none())
        .map(|(page, _)| format!("page {page}"))
        .collect();
    let given_up = if given_up.is_empty() {
        "none".to_string()
    } else {
        given_up.join(", ")
    };
    say(format!("Kept {kept} pages; gave up on: {given_up}"));
}
