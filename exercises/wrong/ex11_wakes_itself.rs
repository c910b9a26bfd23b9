//! A wrong answer to exercise 11: `poll` wakes its own waker before returning `Pending`, so the
//! runtime polls it again at once, and again, until the timer has rung. The times are right,
//! but the CPU is busy the whole time: a busy loop, and the kernel counts it.
//! Fails: idle

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

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.shared.lock().expect("a timer never panics").rung {
            return Poll::Ready(());
        }
        // "Poll me again": at once, forever.
        cx.waker().wake_by_ref();
        Poll::Pending
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
