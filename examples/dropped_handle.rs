//! dropped_handle: what a runtime does with a spawned task when you drop its handle. tokio and
//! async-std detach the task: it runs on. smol cancels it: it never finishes, unless you call
//! `.detach()` first.
//!
//! On each runtime in turn, two tasks are spawned that would each finish after 0.3 s. One handle is
//! dropped; the other is used the opposite way (tokio: `abort()`, smol: `.detach()`, async-std:
//! `.cancel()`). The runtime then waits 0.6 s and says which tasks ran to their end.
//! async-std was discontinued in 2025 (RUSTSEC-2025-0052) and smol is its successor: it is here
//! because existing code still uses it.
//! Run: `cargo run --example dropped_handle` (about 1.8 s).

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use workbook::{say, summary, waiting};

const TASK_WAITS: Duration = Duration::from_millis(300);
const MAIN_WAITS: Duration = Duration::from_millis(600);

/// Set by a task when it reaches its end, read by main afterwards.
#[derive(Clone, Default)]
struct Finished(Arc<AtomicBool>);

impl Finished {
    fn verdict(&self) -> &'static str {
        if self.0.load(Ordering::SeqCst) {
            "the task ran to its end"
        } else {
            "the task never finished: it was cancelled"
        }
    }
}

/// The spawned task: wait (on the runtime's own timer), then say so and mark it finished.
async fn task(name: &'static str, wait: impl Future, finished: Finished) {
    let bar = waiting(name, TASK_WAITS);
    wait.await;
    say(format!("{name}: finished"));
    finished.0.store(true, Ordering::SeqCst);
    bar.end();
}

fn main() -> anyhow::Result<()> {
    // tokio: dropping a JoinHandle detaches the task; `abort()` cancels it.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()?;
    runtime.block_on(async {
        let (dropped, aborted) = (Finished::default(), Finished::default());
        say("tokio: two tasks spawned; one handle dropped, one aborted");
        let wait = tokio::time::sleep(TASK_WAITS);
        drop(tokio::spawn(task("tokio, dropped", wait, dropped.clone())));
        let wait = tokio::time::sleep(TASK_WAITS);
        tokio::spawn(task("tokio, aborted", wait, aborted.clone())).abort();
        tokio::time::sleep(MAIN_WAITS).await;
        say(format!("tokio: handle dropped: {}", dropped.verdict()));
        say(format!("tokio: abort(): {}", aborted.verdict()));
    });

    // smol: dropping a Task cancels it; `.detach()` lets it run on.
    smol::block_on(async {
        let (dropped, detached) = (Finished::default(), Finished::default());
        say("smol: two tasks spawned; one handle dropped, one detached");
        let wait = smol::Timer::after(TASK_WAITS);
        drop(smol::spawn(task("smol, dropped", wait, dropped.clone())));
        let wait = smol::Timer::after(TASK_WAITS);
        smol::spawn(task("smol, detached", wait, detached.clone())).detach();
        smol::Timer::after(MAIN_WAITS).await;
        say(format!("smol: handle dropped: {}", dropped.verdict()));
        say(format!("smol: .detach(): {}", detached.verdict()));
    });

    // async-std: dropping a JoinHandle detaches the task; `.cancel().await` cancels it.
    async_std::task::block_on(async {
        let (dropped, cancelled) = (Finished::default(), Finished::default());
        say("async-std: two tasks spawned; one handle dropped, one cancelled");
        let wait = async_std::task::sleep(TASK_WAITS);
        drop(async_std::task::spawn(task(
            "async-std, dropped",
            wait,
            dropped.clone(),
        )));
        let wait = async_std::task::sleep(TASK_WAITS);
        let handle = async_std::task::spawn(task("async-std, cancelled", wait, cancelled.clone()));
        handle.cancel().await;
        async_std::task::sleep(MAIN_WAITS).await;
        say(format!("async-std: handle dropped: {}", dropped.verdict()));
        say(format!("async-std: .cancel(): {}", cancelled.verdict()));
    });

    summary();
    Ok(())
}
