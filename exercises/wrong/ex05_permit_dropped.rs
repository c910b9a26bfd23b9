//! A wrong answer to exercise 05: a semaphore of 4 permits, but `let _ = ...` drops each permit
//! the moment it is acquired, so it limits nothing.
//! Fails: at_most_4

use exercises::ex05::{SERVER, fetch_page, paths};
use exercises::site::{self, Server};
use futures::future::join_all;
use tokio::sync::Semaphore;
use workbook::{say, summary};

// ANCHOR: wrong
async fn fetch_all(server: &Server, paths: &[String]) {
    let permits = Semaphore::new(4);
    join_all(paths.iter().map(|path| async {
        // `let _ =` drops the permit at once: `let _permit =` would keep it.
        let _ = permits.acquire().await;
        fetch_page(server, path).await;
    }))
    .await;
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
