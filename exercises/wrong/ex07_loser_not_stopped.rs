//! A wrong answer to exercise 07: both requests are spawned as tasks and the first handle to
//! finish wins, but the losing task is never stopped: dropping its handle lets it run on.
//! Fails: loser_stopped

use std::sync::Arc;

use exercises::fetch_title;
use workbook::server::{self, Config, RunningServer};
use workbook::{bar, say, summary};

/// Each file, and how long mirror A and mirror B take to send it, in seconds. (The workbook's
/// server waits as long as a page's `?delay=` asks: in real life you do not know in advance.)
const FILES: [(u32, f64, f64); 3] = [(1, 0.5, 1.2), (2, 1.2, 0.5), (3, 0.5, 1.2)];

/// Asks one mirror for a file. Returns the mirror's name once its copy is in.
async fn ask(
    name: &'static str,
    mirror: Arc<RunningServer>,
    file: u32,
    delay: f64,
) -> &'static str {
    let url = mirror.url(&format!("/page/{file}?delay={delay}"));
    match fetch_title(&url).await {
        Ok(_copy) => say(format!("file {file}: mirror {name} answered")),
        Err(error) => say(format!("file {file}: mirror {name} failed: {error}")),
    }
    name
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    // Two servers on threads of their own: they stand in for two machines elsewhere.
    let mirror_a = Arc::new(server::start_on_thread(Config::default())?);
    let mirror_b = Arc::new(server::start_on_thread(Config::default())?);

    for (file, delay_a, delay_b) in FILES {
        let bar = bar(&format!("file {file}"));
        say(format!("file {file}: asking both mirrors"));
        // ANCHOR: wrong
        let a = tokio::spawn(ask("A", Arc::clone(&mirror_a), file, delay_a));
        let b = tokio::spawn(ask("B", Arc::clone(&mirror_b), file, delay_b));
        let first = tokio::select! {
            a = a => a?,
            b = b => b?,
        };
        // ANCHOR_END: wrong
        say(format!("file {file}: kept mirror {first}'s copy"));
        bar.end();
    }
    summary();
    Ok(())
}
