//! pitfall_main_returns_fix_joinset: the tasks are spawned into a `JoinSet`, and `main` waits until
//! the set is empty, so every job finishes.
//!
//! Three jobs are spawned as tasks: they wait 1 s, 2 s and 3 s, then print that they are done.
//! `main` does 1.5 s of its own work, then joins the tasks in the order they finish.
//! Run: `cargo run --example pitfall_main_returns_fix_joinset` (about 3 s). Compare with
//! `pitfall_main_returns_bug`.

use std::time::Duration;

use tokio::task::JoinSet;
use workbook::{say, summary, waiting};

const JOBS: [(&str, u64); 3] = [("First", 1000), ("Second", 2000), ("Third", 3000)];

async fn job(name: &'static str, millis: u64) -> &'static str {
    let wait = Duration::from_millis(millis);
    let bar = waiting(name, wait);
    tokio::time::sleep(wait).await;
    say(format!("{name} is done"));
    bar.end();
    name
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    // The set owns its tasks: if it is dropped, it cancels the ones still running, so no task is
    // ever left behind by accident.
    let mut jobs = JoinSet::new();
    for (name, millis) in JOBS {
        jobs.spawn(job(name, millis));
    }
    let wait = Duration::from_millis(1500);
    let main_work = waiting("main", wait);
    tokio::time::sleep(wait).await;
    say("main is done and waits for its tasks");
    main_work.end();
    while let Some(finished) = jobs.join_next().await {
        say(format!("main: joined {}", finished?));
    }
    summary();
    Ok(())
}
