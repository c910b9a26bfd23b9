//! Exercise 09's fixed parts: the heartbeat, the news, the weather service's client and the
//! server. The exercise is `weather`.

use std::time::Duration;

use anyhow::anyhow;
use workbook::{say, waiting_for};

use crate::site::{Server, Site};
use crate::{fetch_title, title_of};

pub const BEATS: u32 = 6;

/// The server: the sports news (`/page/1`) answers after 0.8 s, the local news (`/page/2`) after
/// 1.3 s, the weather forecast (`/page/7`) after 1.5 s.
pub static SERVER: Site = Site {
    name: "the server",
    env: "EXERCISE_SERVER",
    pages: &[
        ("/page/1", Duration::from_millis(800)),
        ("/page/2", Duration::from_millis(1300)),
        ("/page/7", Duration::from_millis(1500)),
    ],
};

/// The weather forecast's path on the server.
pub const FORECAST: &str = "/page/7";

/// One beat every 0.5 s, 6 in all.
pub async fn heartbeat() {
    let bar = waiting_for("heartbeat");
    for beat in 1..=BEATS {
        tokio::time::sleep(Duration::from_millis(500)).await;
        say(format!("beat {beat}"));
    }
    bar.end();
}

/// The news: two pages, fetched at the same time.
pub async fn news(server: &Server) -> anyhow::Result<()> {
    let bar = waiting_for("news");
    let (sports, local) = (server.url("/page/1"), server.url("/page/2"));
    let (sports, local) = tokio::join!(fetch_title(&sports), fetch_title(&local));
    say(format!("news: \"{}\" and \"{}\"", sports?, local?));
    bar.end();
    Ok(())
}

/// The weather service's client: give it the service's URL, get the forecast.
pub fn forecast(url: &str) -> anyhow::Result<String> {
    let page = ureq::get(url).call()?.into_body().read_to_string()?;
    title_of(&page).ok_or_else(|| anyhow!("no forecast in the page"))
}
