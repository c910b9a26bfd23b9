//! Exercise 05: at most four requests in flight.
//!
//! The program starts the workbook's web server with 20 pages, each answered after 0.5 s, and
//! fetches all 20 at once: 20 requests in flight, done in 0.5 s. But the server's owner allows at
//! most 4 requests at a time from one client.
//!
//! Your task: fetch the 20 pages with at most 4 requests in flight at any moment, and use all 4:
//! it should take about 2.5 s. The server counts its requests in flight; the program prints the
//! most it saw at the end. Keep the lines the program prints: the checker reads them.
//!
//! Check: `cargo ex check 05`. A hint: `cargo ex hint 05`. Start again: `cargo ex reset 05`.

use exercises::fetch_title;
use futures::future::join_all;
use workbook::server::{self, Config, RunningServer};
use workbook::{bar, say, summary};

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

    join_all(paths.iter().map(|path| fetch_page(&server, path))).await;

    say(format!(
        "The server had at most {} requests in flight at once",
        server.most_in_flight()
    ));
    summary();
    Ok(())
}
