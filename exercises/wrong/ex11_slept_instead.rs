//! A shortcut for exercise 11: `Ringing` is not awaited at all; each job sleeps for its timer's
//! time with tokio's timer instead. A kitchen timer is not exact: it rings a little late, and the
//! "ready" line comes before the ring.
//! Fails: ready_on_ring

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use exercises::ex11::{Shared, TIMERS, set_timer};
use workbook::{say, summary, waiting_for};

/// A future that is ready once its timer has rung.
struct Ringing {
    shared: Arc<Mutex<Shared>>,
}

impl Future for Ringing {
    type Output = ();

    fn poll(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<()> {
        let _ = &self.shared;
        Poll::Ready(())
    }
}

// ANCHOR: wrong
async fn wait_for_timer(name: &'static str, seconds: u64) {
    let bar = waiting_for(name);
    let _shared = set_timer(name, seconds);
    // Not the timer: our own sleep of the same length.
    tokio::time::sleep(Duration::from_secs(seconds)).await;
    say(format!("{name} is ready"));
    bar.end();
}
// ANCHOR_END: wrong

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // `Ringing` is there, and never awaited.
    drop(Ringing {
        shared: Arc::default(),
    });
    let [(tea, tea_seconds), (egg, egg_seconds)] = TIMERS;
    tokio::join!(
        wait_for_timer(tea, tea_seconds),
        wait_for_timer(egg, egg_seconds)
    );
    summary();
}
