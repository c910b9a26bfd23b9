//! Exercise 09, a solution: `forecast` is a blocking call. ureq is a synchronous HTTP client: the
//! thread that calls it waits, doing nothing else, until the answer is in, 1.5 s. On the one
//! thread of this runtime that stalled everything. `spawn_blocking` runs it on a thread of its
//! own and gives back a handle to await: the runtime's thread stays free for the heartbeat and
//! the news.
//!
//! Fetching the forecast with the async `fetch_title`, as the news does, passes too.

use exercises::ex09::{FORECAST, SERVER, forecast, heartbeat, news};
use exercises::site::{self, Server};
use workbook::{say, summary, waiting_for};

// ANCHOR: solution
async fn weather(server: &Server) -> anyhow::Result<()> {
    let bar = waiting_for("weather");
    let url = server.url(FORECAST);
    let report = tokio::task::spawn_blocking(move || forecast(&url)).await??;
    say(format!("weather: \"{report}\""));
    bar.end();
    Ok(())
}
// ANCHOR_END: solution

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let server = site::connect(&SERVER)?;
    let ((), news, weather) = tokio::join!(heartbeat(), news(&server), weather(&server));
    news?;
    weather?;
    summary();
    Ok(())
}
