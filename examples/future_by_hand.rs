//! future_by_hand: a timer future written by hand, with every poll and every wake printed.
//!
//! `Timer` implements `Future` itself: `poll` answers `Pending` until the time is up, and the first
//! poll starts a thread that sleeps until then and wakes the task with the `Waker` it was given.
//! The jobs are print_async's: "First" waits 2 s, "Second" 1 s, joined with `join!`.
//! Run: `cargo run --example future_by_hand` (about 2 s). Compare with `print_async` and
//! `future_lost_wake`.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::{Duration, Instant};

use workbook::{say, summary, waiting};

// ANCHOR: timer
/// A future that is ready `duration` after its first poll.
struct Timer {
    name: &'static str,
    duration: Duration,
    polls: u32,
    /// Shared with the thread that keeps the time: whether it is up, and whom to wake then.
    shared: Option<Arc<Mutex<Shared>>>,
}

struct Shared {
    up: bool,
    waker: Waker,
}

impl Future for Timer {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        self.polls += 1;
        let (name, polls) = (self.name, self.polls);
        let Some(shared) = &self.shared else {
            // The first poll: start the clock, and arrange the wake before saying `Pending`.
            let shared = Arc::new(Mutex::new(Shared {
                up: false,
                waker: cx.waker().clone(),
            }));
            let (due, for_thread) = (Instant::now() + self.duration, shared.clone());
            std::thread::spawn(move || {
                std::thread::sleep(due.saturating_duration_since(Instant::now()));
                let mut shared = for_thread.lock().unwrap();
                shared.up = true;
                say(format!(
                    "{name}: time is up, the timer thread wakes the task"
                ));
                shared.waker.wake_by_ref();
            });
            self.shared = Some(shared);
            say(format!("{name}: poll {polls}, the timer starts: Pending"));
            return Poll::Pending;
        };
        let mut shared = shared.lock().unwrap();
        if shared.up {
            say(format!("{name}: poll {polls}, time is up: Ready"));
            return Poll::Ready(());
        }
        // Polled again before the time is up: keep the waker of this poll, the one to wake.
        shared.waker.clone_from(cx.waker());
        say(format!("{name}: poll {polls}, not yet: Pending"));
        Poll::Pending
    }
}
// ANCHOR_END: timer

fn timer(name: &'static str, seconds: u64) -> Timer {
    Timer {
        name,
        duration: Duration::from_secs(seconds),
        polls: 0,
        shared: None,
    }
}

// ANCHOR: job
/// print_async's job, with the hand-written `Timer` in place of `tokio::time::sleep`.
async fn job(name: &'static str, seconds: u64) {
    let bar = waiting(name, Duration::from_secs(seconds));
    timer(name, seconds).await;
    say(name);
    bar.end();
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // `biased;` polls the jobs in the order written, so the lines come in the same order each run.
    tokio::join!(biased; job("First", 2), job("Second", 1));
    summary();
}
// ANCHOR_END: job
