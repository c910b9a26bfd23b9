//! task_spawn_no_yield: the task is spawned, but main keeps the only thread busy, so the task
//! cannot start until main reaches an `.await`.
//!
//! `answer` takes 2 s to find 42. Main spawns it, then works for 1 s (real CPU work, no `.await`),
//! then awaits the task: 1 s + 2 s, as if nothing had been spawned.
//! Run: `cargo run --example task_spawn_no_yield` (about 3 s). Compare with `task_spawn`.

use std::time::Duration;

use workbook::{cpu_work, say, summary, waiting, working};

async fn answer() -> u32 {
    let wait = Duration::from_secs(2);
    let bar = waiting("answer", wait);
    say("start to answer");
    tokio::time::sleep(wait).await;
    say("the answer is ready");
    bar.end();
    42
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    // The runtime now owns the task. It is queued, not running: main still holds the only thread.
    let task = tokio::spawn(answer());
    say("task spawned");

    // Main computes and never awaits, so it never hands the thread back: the task stays queued.
    let other = working("main");
    cpu_work(Duration::from_secs(1));
    other.end();

    say("before await");
    let result = task.await?;
    say(format!("result: {result}"));
    summary();
    Ok(())
}
