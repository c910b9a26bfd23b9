//! pitfall_main_returns_bug: spawned tasks are cut off when `main` returns. Two of three jobs never
//! finish, and nothing says so.
//!
//! Three jobs are spawned as tasks: they wait 1 s, 2 s and 3 s, then print that they are done.
//! Their handles are dropped, and `main` does 1.5 s of its own work and returns.
//! Run: `cargo run --example pitfall_main_returns_bug` (about 1.5 s). Compare with
//! `pitfall_main_returns_fix` and `pitfall_main_returns_fix_joinset`.

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
async fn main() {
    for (name, millis) in JOBS {
        // The handle `spawn` returns is dropped: the task runs on, detached, until the runtime
        // ends.
        tokio::spawn(job(name, millis));
    }
    let wait = Duration::from_millis(1500);
    let main_work = waiting("main", wait);
    tokio::time::sleep(wait).await;
    say("main is done and returns");
    main_work.end();
    summary();
    // Returning from `main` drops the runtime, and with it every task that has not finished.
}
