//! A shortcut for exercise 05: it starts a server of its own, where nobody counts, and fetches all
//! 20 pages there at once. The checker's server sees no request at all.
//! Fails: all_pages

use exercises::ex05::{SERVER, fetch_page, paths};
use exercises::site::{Front, Server};
use futures::future::join_all;
use workbook::{say, summary};

// ANCHOR: wrong
async fn fetch_all(server: &Server, paths: &[String]) {
    join_all(paths.iter().map(|path| fetch_page(server, path))).await;
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    // Not `site::connect`: a server of our own, out of the checker's sight.
    let own = Front::start(&SERVER)?;
    let server = Server::at(own.addr());
    // ANCHOR_END: wrong
    let paths = paths();
    say(format!("Fetching {} pages", paths.len()));
    fetch_all(&server, &paths).await;
    summary();
    Ok(())
}
