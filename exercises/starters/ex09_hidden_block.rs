//! Exercise 09: the hidden blocking call.
//!
//! The program keeps a heartbeat, one beat every 0.5 s for 3 s, while it gets the news (two pages)
//! and the weather forecast from the workbook's web server. It all runs on one thread, and every
//! job hands the thread back while it waits, or should: the first beat comes 1.5 s late, and the
//! news late too.
//!
//! Your task: find what holds the thread, and fix it so that the beats keep time (never more than
//! 0.8 s apart) while the news and the weather still arrive. Keep the heartbeat as it is, and the
//! lines the program prints: the checker reads them.
//!
//! Check: `cargo ex check 09`. A hint: `cargo ex hint 09`. Start again: `cargo ex reset 09`.

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
    let report = forecast(&url)?;
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
