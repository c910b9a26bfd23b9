//! Exercise 07: race two mirrors.
//!
//! Two servers, mirror A and mirror B, have the same files. For each of three files the program
//! asks both mirrors at once, waits for both answers, and keeps mirror A's copy. One mirror
//! answers after 0.5 s and the other after 1.2 s, and which one is faster changes from file to
//! file: waiting for both takes 1.2 s a file, 3.6 s in all.
//!
//! Your task: for each file, keep the copy that arrives first, and stop the other request as soon
//! as the race is won: the slower mirror must never answer. Each file should then take about
//! 0.5 s. Keep the lines the program prints: the checker reads them.
//!
//! Check: `cargo ex check 07`. A hint: `cargo ex hint 07`. Start again: `cargo ex reset 07`.

use exercises::fetch_title;
use workbook::server::{self, Config, RunningServer};
use workbook::{bar, say, summary};

/// Each file, and how long mirror A and mirror B take to send it, in seconds. (The workbook's
/// server waits as long as a page's `?delay=` asks: in real life you do not know in advance.)
const FILES: [(u32, f64, f64); 3] = [(1, 0.5, 1.2), (2, 1.2, 0.5), (3, 0.5, 1.2)];

/// Asks one mirror for a file. Returns the mirror's name once its copy is in.
async fn ask(name: &'static str, mirror: &RunningServer, file: u32, delay: f64) -> &'static str {
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
    let mirror_a = server::start_on_thread(Config::default())?;
    let mirror_b = server::start_on_thread(Config::default())?;

    for (file, delay_a, delay_b) in FILES {
        let bar = bar(&format!("file {file}"));
        say(format!("file {file}: asking both mirrors"));
        let (a, _b) = tokio::join!(
            ask("A", &mirror_a, file, delay_a),
            ask("B", &mirror_b, file, delay_b),
        );
        say(format!("file {file}: kept mirror {a}'s copy"));
        bar.end();
    }
    summary();
    Ok(())
}
