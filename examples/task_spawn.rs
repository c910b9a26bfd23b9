//! task_spawn: the same answer, spawned as a task. A task runs on its own, as soon as main hands
//! the thread back to the runtime.
//!
//! `answer` takes 2 s to find 42. Main spawns it, waits 1 s (an `.await`: the thread is free), then
//! awaits the task. The answer started at once, so the run takes 2 s, not 3 s.
//! Run: `cargo run --example task_spawn` (about 2 s). Compare with `future_lazy`,
//! `task_spawn_no_yield` and `task_spawn_dropped`.

use std::time::Duration;

use workbook::{say, summary, waiting};

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

    // Main waits, and so hands the thread back: the runtime starts the task.
    let wait = Duration::from_secs(1);
    let other = waiting("main", wait);
    tokio::time::sleep(wait).await;
    other.end();

    say("before await");
    let result = task.await?;
    say(format!("result: {result}"));
    summary();
    Ok(())
}
