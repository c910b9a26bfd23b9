//! async_closure: an async closure, `async |x| { ... }`, passed to a function that takes
//! `impl AsyncFn`. Unlike a closure that returns an `async` block, its future may borrow what the
//! closure captured, so it can keep a log without cloning it into every call.
//!
//! `every_machine` starts three machines (0.6 s, 0.3 s and 0.9 s) at once and calls the closure for
//! each when it is done; the closure waits 0.1 s more to write it down, in a log it borrows.
//! Run: `cargo run --example async_closure` (about 1 s).

use std::cell::RefCell;
use std::time::Duration;

use workbook::{say, summary, waiting};

// ANCHOR: takes
/// Runs the machines at once; calls `when_done` for each as soon as it is done.
async fn every_machine(machines: &[(&'static str, u64)], when_done: impl AsyncFn(&'static str)) {
    let runs = machines.iter().map(|&(name, millis)| {
        let when_done = &when_done;
        async move {
            let wait = Duration::from_millis(millis);
            let bar = waiting(name, wait);
            tokio::time::sleep(wait).await;
            bar.end();
            when_done(name).await;
        }
    });
    futures::future::join_all(runs).await;
}
// ANCHOR_END: takes

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // ANCHOR: closure
    let log = RefCell::new(Vec::new());
    // The future of each call borrows `log` from the closure: no `Rc`, no clone per call.
    let write_down = async |name: &'static str| {
        tokio::time::sleep(Duration::from_millis(100)).await;
        log.borrow_mut().push(name);
        say(format!("{name} is done, written down"));
    };
    every_machine(
        &[("dishwasher", 600), ("kettle", 300), ("washer", 900)],
        write_down,
    )
    .await;
    say(format!(
        "the log, in the order written: {}",
        log.borrow().join(", ")
    ));
    summary();
    // ANCHOR_END: closure
}
