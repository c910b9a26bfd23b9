//! Exercise 09: the hidden blocking call.
//!
//! The program keeps a heartbeat, one beat every 0.5 s for 3 s, while it gets the news (two pages)
//! and the weather forecast from a server (`exercises::ex09` has the heartbeat, the news and the
//! weather service's client). It all runs on one thread, and every job hands the thread back
//! while it waits, or should: the first beat comes 1.5 s late, and the news late too.
//!
//! Your task: find what holds the thread in `weather`, and fix it so that the beats keep time
//! (never more than 0.8 s apart) while the news and the weather still arrive on time.
//!
//! Check: `cargo ex check 09`. A hint: `cargo ex hint 09`. Start again: `cargo ex reset 09`.

use exercises::ex09::{FORECAST, SERVER, forecast, heartbeat, news};
use exercises::site::{self, Server};
use workbook::{say, summary, waiting_for};

// ANCHOR: solution
async fn weather(server: &Server) -> anyhow::Result<()> {
    let bar = waiting_for("weather");
    let report = forecast(&server.url(FORECAST))?;
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
