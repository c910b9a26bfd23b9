// Before async closures: a closure that returns an `async move` block, for a function that takes
// `Fn(&str) -> Fut`. Each call's future must own what it uses, so the first call would move `log`
// out of the closure, which could then be called only once (`FnOnce`). The fix: an async closure
// and `impl AsyncFn` (examples/async_closure.rs), whose futures may borrow what it captured.

use std::cell::RefCell;
use std::future::Future;

async fn every_machine<F, Fut>(when_done: F)
where
    F: Fn(&'static str) -> Fut,
    Fut: Future<Output = ()>,
{
    for name in ["dishwasher", "kettle"] {
        when_done(name).await;
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let log = RefCell::new(Vec::new());
    let write_down = |name: &'static str| async move {
        log.borrow_mut().push(name);
    };
    every_machine(write_down).await;
}
