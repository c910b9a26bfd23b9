//! A shortcut for exercise 07: it knows which mirror is faster for each file and asks only that
//! one. Fast, and nothing to stop, but nothing was raced: in real life you do not know.
//! Fails: both_asked

use exercises::ex07::{FILES, MIRROR_A, MIRROR_B, ask};
use exercises::site::{self, Server};
use workbook::{say, summary, waiting_for};

// ANCHOR: wrong
async fn fetch_file(mirror_a: &Server, mirror_b: &Server, file: u32) -> &'static str {
    if file == 2 {
        ask("B", mirror_b, file).await
    } else {
        ask("A", mirror_a, file).await
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
