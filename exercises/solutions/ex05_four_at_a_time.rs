//! Exercise 05, a solution: a stream of fetches, `buffer_unordered(4)`: it keeps 4 fetches going,
//! and starts the next each time one ends, so there are never more than 4 in flight.
//!
//! A `tokio::sync::Semaphore` with 4 permits, each fetch holding one while it runs, passes too.

use exercises::fetch_title;
use futures::StreamExt;
use workbook::server::{self, Config, RunningServer};
use workbook::{bar, say, summary};

/// How many requests may be in flight at once.
const IN_FLIGHT: usize = 4;

/// Fetches one page and prints its title.
async fn fetch_page(server: &RunningServer, path: &str) {
    let bar = bar(path);
    match fetch_title(&server.url(path)).await {
        Ok(title) => say(format!("{path}: \"{title}\"")),
        Err(error) => say(format!("{path}: failed: {error}")),
    }
    bar.end();
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    // The server runs on a thread of its own: it stands in for a machine elsewhere.
    let server = server::start_on_thread(Config {
        pages: 20,
        ..Config::default()
    })?;
    let paths = server.page_paths();
    say(format!("Fetching {} pages", paths.len()));

    futures::stream::iter(&paths)
        .map(|path| fetch_page(&server, path))
        .buffer_unordered(IN_FLIGHT)
        .collect::<Vec<()>>()
        .await;

    say(format!(
        "The server had at most {} requests in flight at once",
        server.most_in_flight()
    ));
    summary();
    Ok(())
}
