// Polling an async block by hand without pinning it. `Future::poll` takes `Pin<&mut Self>`, and
// `Pin::new` accepts only a future that is `Unpin`: an async block that may borrow its own locals
// across an `.await` is not. The fix: `let mut future = std::pin::pin!(async { ... });`.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Waker};

fn main() {
    let mut future = async {
        let word = String::from("pinned");
        let borrowed = &word;
        std::future::ready(()).await;
        borrowed.len()
    };
    let mut cx = Context::from_waker(Waker::noop());
    let _ = Pin::new(&mut future).poll(&mut cx);
}
