//! Exercise 11: a future that needs a wake.
//!
//! Two kitchen timers are set, for the tea (2 s) and the egg (1 s). Each timer is a thread
//! (`exercises::ex11`) that rings once: it sets `rung` and wakes the waker it finds in `Shared`.
//! `Ringing` is the future that waits for a timer. Its `poll` returns `Ready` once the timer
//! has rung, and `Pending` before that. The program never ends: once `Ringing` has returned
//! `Pending`, nothing ever polls it again.
//!
//! Your task: fix `poll`, so that each future is polled again when its timer rings, and only
//! then. The run should take about 2 s, and the program should do nothing while it waits.
//!
//! Check: `cargo ex check 11`. A hint: `cargo ex hint 11`. Start again: `cargo ex reset 11`.

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

    fn poll(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<()> {
        let shared = self.shared.lock().expect("a timer never panics");
        if shared.rung {
            return Poll::Ready(());
        }
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
