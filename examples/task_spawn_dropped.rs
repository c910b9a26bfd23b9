//! task_spawn_dropped: dropping a task's handle does not stop the task, but main returning does.
//! When main returns the runtime shuts down, and every task still running is cut off.
//!
//! `answer` takes 2 s to find 42. Main spawns it, drops the handle, waits 1 s and returns: the
//! answer is never ready.
//! Run: `cargo run --example task_spawn_dropped` (about 1 s). Compare with `task_spawn`.

use std::time::Duration;

use workbook::{say, summary, waiting};

/// Says when it is dropped. A future that is dropped before it ends simply stops where it was,
/// and drops what it holds: this is how we see the task being cut off.
struct Unfinished;

impl Drop for Unfinished {
    fn drop(&mut self) {
        say("answer dropped before the answer was ready");
    }
}

async fn answer() -> u32 {
    let wait = Duration::from_secs(2);
    let bar = waiting("answer", wait);
    say("start to answer");
    let unfinished = Unfinished;
    tokio::time::sleep(wait).await;
    std::mem::forget(unfinished); // it did finish: no message
    say("the answer is ready");
    bar.end();
    42
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // Without its handle nobody can await the task or get its result, but the task still runs.
    drop(tokio::spawn(answer()));
    say("task spawned, its handle dropped");

    let wait = Duration::from_secs(1);
    let other = waiting("main", wait);
    tokio::time::sleep(wait).await;
    other.end();

    say("main returns");
    summary();
    // Here the runtime shuts down and drops the unfinished task.
}
