//! A wrong answer to exercise 09: the blocking call is wrapped in an `async` block. That makes a
//! future, but polling it still runs `forecast` on the runtime's thread, and blocks it.
//! Fails: steady

use exercises::ex09::{FORECAST, SERVER, forecast, heartbeat, news};
use exercises::site::{self, Server};
use workbook::{say, summary, waiting_for};

// ANCHOR: wrong
async fn weather(server: &Server) -> anyhow::Result<()> {
    let bar = waiting_for("weather");
    let url = server.url(FORECAST);
    let report = async { forecast(&url) }.await?;
    say(format!("weather: \"{report}\""));
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
