//! A shortcut for exercise 11: `poll` returns `Ready` at once. Nothing hangs, and the run is
//! fast, but nothing waited for the timers: the tea is "ready" before its timer has rung.
//! Fails: ready_on_ring

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use exercises::ex11::{Shared, TIMERS, set_timer};
use workbook::{say, summary, waiting_for};

/// A future that is ready once its timer has rung.
struct Ringing {
    shared: Arc<Mutex<Shared>>,
}

// ANCHOR: wrong
impl Future for Ringing {
    type Output = ();

    fn poll(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<()> {
        let _ = &self.shared;
        Poll::Ready(())
    }
}
// ANCHOR_END: wrong

/// Sets the timer for `name` and waits until it rings.
async fn wait_for_timer(name: &'static str, seconds: u64) {
    let bar = waiting_for(name);
    let shared = set_timer(name, seconds);
    Ringing { shared }.await;
    say(format!("{name} is ready"));
    bar.end();
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let [(tea, tea_seconds), (egg, egg_seconds)] = TIMERS;
    tokio::join!(
        wait_for_timer(tea, tea_seconds),
        wait_for_timer(egg, egg_seconds)
    );
    summary();
}
