//! Exercise 07: race two mirrors.
//!
//! Two servers, mirror A and mirror B, have the same files. For each of three files the program
//! asks both mirrors at once, waits for both answers, and keeps mirror A's copy. One mirror
//! answers after 0.5 s and the other after 1.2 s, and which one is faster changes from file to
//! file: waiting for both takes 1.2 s a file, 3.6 s in all.
//!
//! Your task: change `fetch_file` to keep the copy that arrives first, and to stop the other
//! request as soon as the race is won: the slower mirror must never answer. Each file should then
//! take about 0.5 s. The checker runs the mirrors, and their logs say who was asked, when, and
//! which requests were stopped.
//!
//! Check: `cargo ex check 07`. A hint: `cargo ex hint 07`. Start again: `cargo ex reset 07`.

use exercises::ex07::{FILES, MIRROR_A, MIRROR_B, ask};
use exercises::site::{self, Server};
use workbook::{say, summary, waiting_for};

// ANCHOR: solution
/// Asks both mirrors for `file` and returns the name of the mirror whose copy is kept.
async fn fetch_file(mirror_a: &Server, mirror_b: &Server, file: u32) -> &'static str {
    let (a, _b) = tokio::join!(ask("A", mirror_a, file), ask("B", mirror_b, file));
    a
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
