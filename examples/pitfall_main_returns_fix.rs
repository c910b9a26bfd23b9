//! pitfall_main_returns_fix: `main` keeps the handles of its tasks and awaits them before it
//! returns, so every job finishes.
//!
//! Three jobs are spawned as tasks: they wait 1 s, 2 s and 3 s, then print that they are done.
//! `main` does 1.5 s of its own work, then awaits every handle.
//! Run: `cargo run --example pitfall_main_returns_fix` (about 3 s). Compare with
//! `pitfall_main_returns_bug`.

use std::time::Duration;

use workbook::{say, summary, waiting};

const JOBS: [(&str, u64); 3] = [("First", 1000), ("Second", 2000), ("Third", 3000)];

async fn job(name: &'static str, millis: u64) {
    let wait = Duration::from_millis(millis);
    let bar = waiting(name, wait);
    tokio::time::sleep(wait).await;
    say(format!("{name} is done"));
    bar.end();
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let mut handles = Vec::new();
    for (name, millis) in JOBS {
        // Keep the handle: awaiting it is how `main` waits for the task.
        handles.push(tokio::spawn(job(name, millis)));
    }
    let wait = Duration::from_millis(1500);
    let main_work = waiting("main", wait);
    tokio::time::sleep(wait).await;
    say("main is done and waits for its tasks");
    main_work.end();
    for handle in handles {
        handle.await?;
    }
    summary();
    Ok(())
}
