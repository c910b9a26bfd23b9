//! A wrong answer to exercise 07: both requests are spawned as tasks and the first handle to
//! finish wins, but the losing task is never stopped: dropping its handle lets it run on.
//! Fails: loser_stopped

use exercises::ex07::{FILES, MIRROR_A, MIRROR_B, ask};
use exercises::site::{self, Server};
use workbook::{say, summary, waiting_for};

// ANCHOR: wrong
async fn fetch_file(mirror_a: &Server, mirror_b: &Server, file: u32) -> &'static str {
    let (a, b) = (mirror_a.clone(), mirror_b.clone());
    let mut a = tokio::spawn(async move { ask("A", &a, file).await });
    let mut b = tokio::spawn(async move { ask("B", &b, file).await });
    // The handle that did not win is dropped here: its task goes on.
    tokio::select! {
        won = &mut a => won.unwrap_or("A"),
        won = &mut b => won.unwrap_or("B"),
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
