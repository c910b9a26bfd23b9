//! A shortcut for exercise 07: ask mirror A with a deadline of 0.6 s, and mirror B only if A is too
//! slow. Each copy kept is the first to arrive and the loser never answers, but the mirrors were
//! not raced: mirror B was asked only once A had been given up on.
//! Fails: both_asked

use std::time::Duration;

use exercises::ex07::{FILES, MIRROR_A, MIRROR_B, ask};
use exercises::site::{self, Server};
use workbook::{say, summary, waiting_for};

// ANCHOR: wrong
async fn fetch_file(mirror_a: &Server, mirror_b: &Server, file: u32) -> &'static str {
    match tokio::time::timeout(Duration::from_millis(600), ask("A", mirror_a, file)).await {
        Ok(a) => a,
        Err(_too_slow) => ask("B", mirror_b, file).await,
    }
}
// ANCHOR_END: wrong

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let (mirror_a, mirror_b) = (site::connect(&MIRROR_A)?, site::connect(&MIRROR_B)?);
    for file in FILES {
        let bar = waiting_for(&format!("file {file}"));
        say(format!("file {file}: asking both mirrors"));
        let kept = fetch_file(&mirror_a, &mirror_b, file).await;
        say(format!("file {file}: kept mirror {kept}'s copy"));
        bar.end();
    }
    summary();
    Ok(())
}
