//! cancel_drop: a future is cancelled by being dropped at the `.await` where it waits. A guard
//! whose `Drop` prints shows where each one stopped: after a `timeout`, as the loser of a
//! `select!`, after `JoinHandle::abort`, and when main returns.
//!
//! Every job is the same: `bake` waits 0.6 s for the oven to heat, then 3 s for the cake. None of
//! them gets to finish; each is stopped a different way, one after another.
//! Run: `cargo run --example cancel_drop` (about 2.4 s). Compare with `task_spawn_dropped`.

use std::cell::Cell;
use std::time::Duration;

use workbook::{say, summary, waiting};

// ANCHOR: guard
/// Knows which step its job is at, and says so if it is dropped before the job is done.
struct Step {
    job: &'static str,
    at: Cell<&'static str>,
}

impl Step {
    fn new(job: &'static str) -> Step {
        Step {
            job,
            at: Cell::new("not started"),
        }
    }
}

impl Drop for Step {
    fn drop(&mut self) {
        match self.at.get() {
            "done" => {}
            step => say(format!("{}: dropped while {step}", self.job)),
        }
    }
}

async fn bake(job: &'static str) {
    let step = Step::new(job);
    step.at.set("heating the oven");
    tokio::time::sleep(Duration::from_millis(600)).await;
    step.at.set("baking the cake");
    tokio::time::sleep(Duration::from_secs(3)).await;
    step.at.set("done");
    say(format!("{job}: the cake is ready"));
}
// ANCHOR_END: guard

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // ANCHOR: ways
    // 1. A timeout drops the future it wraps when the time is up.
    let timed = waiting("timeout", Duration::from_millis(400));
    let result = tokio::time::timeout(Duration::from_millis(400), bake("timeout")).await;
    say(format!(
        "timeout: {}",
        if result.is_err() {
            "gave up"
        } else {
            "finished"
        }
    ));
    timed.end();

    // 2. `select!` drops every branch but the one that finished first.
    let raced = waiting("select!", Duration::from_millis(800));
    tokio::select! {
        () = bake("select! loser") => say("select!: the cake won"),
        () = tokio::time::sleep(Duration::from_millis(800)) => say("select!: the bell won"),
    }
    raced.end();

    // 3. `abort` asks the runtime to drop a task; it is dropped the next time the runtime
    //    looks at it, here at main's next `.await`.
    let aborted = waiting("abort", Duration::from_millis(300));
    let task = tokio::spawn(bake("aborted task"));
    tokio::time::sleep(Duration::from_millis(300)).await;
    task.abort();
    say("abort: asked");
    let result = task.await;
    let cancelled = result.is_err_and(|error| error.is_cancelled());
    say(format!("abort: the handle says cancelled: {cancelled}"));
    aborted.end();

    // 4. When main returns, the runtime drops every task still running.
    let _left = tokio::spawn(bake("task left running"));
    let last = waiting("main returns", Duration::from_millis(900));
    tokio::time::sleep(Duration::from_millis(900)).await;
    say("main returns");
    last.end();
    summary();
    // ANCHOR_END: ways
}
