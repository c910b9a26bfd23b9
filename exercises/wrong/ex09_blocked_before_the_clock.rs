//! A shortcut for exercise 09: the forecast is fetched, blocking, before anything else starts, so
//! the heartbeat is never held up and the program's own clock, which starts at its first line,
//! says 3.0 s. The run took 4.5 s: the checker's clock starts when the program does.
//! Fails: clock

use std::time::Duration;

use exercises::ex09::{FORECAST, SERVER, forecast, heartbeat, news};
use exercises::site::{self, Server};
use workbook::{say, summary, waiting_for};

async fn weather(report: String) -> anyhow::Result<()> {
    let bar = waiting_for("weather");
    tokio::time::sleep(Duration::from_millis(1500)).await;
    say(format!("weather: \"{report}\""));
    bar.end();
    Ok(())
}

// ANCHOR: wrong
#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let server: Server = site::connect(&SERVER)?;
    // Before the first line is printed: not on the program's clock.
    let report = forecast(&server.url(FORECAST))?;
    let ((), news, weather) = tokio::join!(heartbeat(), news(&server), weather(report));
    // ANCHOR_END: wrong
    news?;
    weather?;
    summary();
    Ok(())
}
