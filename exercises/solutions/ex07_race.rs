//! Exercise 07, a solution: `tokio::select!` polls both requests and takes the first to finish.
//! The other one is dropped on the spot: its connection closes, and it never answers.
//!
//! Spawning both as tasks and selecting on their handles keeps the first answer too, but a task
//! goes on when its handle is dropped: the loser must be stopped with `abort()`.

use exercises::ex07::{FILES, MIRROR_A, MIRROR_B, ask};
use exercises::site::{self, Server};
use workbook::{say, summary, waiting_for};

// ANCHOR: solution
/// Asks both mirrors for `file` and returns the name of the first to answer. select! drops the
/// other request, unfinished.
async fn fetch_file(mirror_a: &Server, mirror_b: &Server, file: u32) -> &'static str {
    tokio::select! {
        a = ask("A", mirror_a, file) => a,
        b = ask("B", mirror_b, file) => b,
    }
}
// ANCHOR_END: solution

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
