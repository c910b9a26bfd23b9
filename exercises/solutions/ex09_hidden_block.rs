//! Exercise 09, a solution: `forecast` is a blocking call. ureq is a synchronous HTTP client: the
//! thread that calls it waits, doing nothing else, until the answer is in, 1.5 s. On the one
//! thread of this runtime that stalled everything. `spawn_blocking` runs it on a thread of its
//! own and gives back a handle to await: the runtime's thread stays free for the heartbeat and
//! the news.
//!
//! Fetching the forecast with the async `fetch_title`, as the news does, passes too.

use std::time::Duration;

use anyhow::anyhow;
use exercises::{fetch_title, title_of};
use workbook::server::{self, Config, RunningServer};
use workbook::{bar, say, summary};

const BEATS: u32 = 6;

async fn heartbeat() {
    let bar = bar("heartbeat");
    for beat in 1..=BEATS {
        tokio::time::sleep(Duration::from_millis(500)).await;
        say(format!("beat {beat}"));
    }
    bar.end();
}

/// The news: two pages, fetched at the same time.
async fn news(server: &RunningServer) -> anyhow::Result<()> {
    let bar = bar("news");
    let (sports, local) = (
        server.url("/page/1?delay=0.8"),
        server.url("/page/2?delay=1.3"),
    );
    let (sports, local) = tokio::join!(fetch_title(&sports), fetch_title(&local));
    say(format!("news: \"{}\" and \"{}\"", sports?, local?));
    bar.end();
    Ok(())
}

/// The weather service's client: give it the service's URL, get the forecast.
fn forecast(url: &str) -> anyhow::Result<String> {
    let page = ureq::get(url).call()?.into_body().read_to_string()?;
    title_of(&page).ok_or_else(|| anyhow!("no forecast in the page"))
}

async fn weather(server: &RunningServer) -> anyhow::Result<()> {
    let bar = bar("weather");
    let url = server.url("/page/7?delay=1.5");
    let report = tokio::task::spawn_blocking(move || forecast(&url)).await??;
    say(format!("weather: \"{report}\""));
    bar.end();
    Ok(())
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    // The server runs on a thread of its own: it stands in for a machine elsewhere.
    let server = server::start_on_thread(Config::default())?;
    let ((), news, weather) = tokio::join!(heartbeat(), news(&server), weather(&server));
    news?;
    weather?;
    summary();
    Ok(())
}
