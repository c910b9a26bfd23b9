//! A shortcut for exercise 09: the forecast is made up instead of asked for, so nothing blocks.
//! The server's log shows the weather service was never asked.
//! Fails: all_done

use exercises::ex09::{FORECAST, SERVER, forecast, heartbeat, news};
use exercises::site::{self, Server};
use workbook::{say, summary, waiting_for};

// ANCHOR: wrong
async fn weather(server: &Server) -> anyhow::Result<()> {
    let bar = waiting_for("weather");
    let _ = (server, FORECAST, forecast);
    say("weather: \"Page 7\"");
    bar.end();
    Ok(())
}
// ANCHOR_END: wrong

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let server = site::connect(&SERVER)?;
    let ((), news, weather) = tokio::join!(heartbeat(), news(&server), weather(&server));
    news?;
    weather?;
    summary();
    Ok(())
}
