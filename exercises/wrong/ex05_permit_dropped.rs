//! A wrong answer to exercise 05: a semaphore of 4 permits, but `let _ = ...` drops each permit
//! the moment it is acquired, so it limits nothing.
//! Fails: at_most_4

use exercises::fetch_title;
use futures::future::join_all;
use tokio::sync::Semaphore;
use workbook::server::{self, Config, RunningServer};
use workbook::{bar, say, summary};

/// Fetches one page and prints its title.
// ANCHOR: wrong
async fn fetch_page(server: &RunningServer, path: &str, turns: &Semaphore) {
    let _ = turns.acquire().await;
    // ANCHOR_END: wrong
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

    let turns = Semaphore::new(4);
    join_all(paths.iter().map(|path| fetch_page(&server, path, &turns))).await;

    say(format!(
        "The server had at most {} requests in flight at once",
        server.most_in_flight()
    ));
    summary();
    Ok(())
}
