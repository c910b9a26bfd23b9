//! Exercise 11, a solution: before returning `Pending`, `poll` leaves a clone of its waker where
//! the timer will find it. When the timer rings it wakes that waker, and the runtime polls the
//! future again: this time it is `Ready`.
//!
//! The check of `rung` and the storing of the waker happen under one lock: a timer that rings in
//! between cannot miss the waker, and the future cannot miss the ring.

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

// ANCHOR: solution
impl Future for Ringing {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let mut shared = self.shared.lock().expect("a timer never panics");
        if shared.rung {
            return Poll::Ready(());
        }
        // Whoever polls may give a different waker each time: keep the latest.
        shared.waker = Some(cx.waker().clone());
        Poll::Pending
    }
}
// ANCHOR_END: solution

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
