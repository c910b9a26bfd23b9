//! A shortcut for exercise 05: all 20 pages at once, and a line that claims the server saw at most
//! 4. The checker does not believe what the program says about the server: it reads the server's
//! own log.
//! Fails: at_most_4

use exercises::ex05::{SERVER, fetch_page, paths};
use exercises::site::{self, Server};
use futures::future::join_all;
use workbook::{say, summary};

// ANCHOR: wrong
async fn fetch_all(server: &Server, paths: &[String]) {
    join_all(paths.iter().map(|path| fetch_page(server, path))).await;
    say("The server had at most 4 requests in flight at once");
}
// ANCHOR_END: wrong

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let server = site::connect(&SERVER)?;
    let paths = paths();
    say(format!("Fetching {} pages", paths.len()));
    fetch_all(&server, &paths).await;
    summary();
    Ok(())
}
