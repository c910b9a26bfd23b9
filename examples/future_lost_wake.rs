//! future_lost_wake: a hand-written timer whose `poll` says `Pending` without arranging a wake.
//! Nobody ever polls it again, so the task waits for ever; here main gives up after 3 s.
//!
//! The timer is due 1 s after its first poll. It is spawned as a task of its own, so that nothing
//! else in the program wakes it by chance; main waits 3 s, then looks whether it has finished.
//! Run: `cargo run --example future_lost_wake` (about 3 s). Compare with `future_by_hand`.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use workbook::{say, summary, waiting};

// ANCHOR: timer
/// A future that is ready `duration` after its first poll, if only someone polls it then.
struct ForgetfulTimer {
    duration: Duration,
    due: Option<Instant>,
    polls: Arc<AtomicU32>,
}

impl Future for ForgetfulTimer {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<()> {
        let polls = self.polls.fetch_add(1, Ordering::Relaxed) + 1;
        let duration = self.duration;
        let due = *self.due.get_or_insert_with(|| Instant::now() + duration);
        if Instant::now() >= due {
            say(format!("timer: poll {polls}, time is up: Ready"));
            return Poll::Ready(());
        }
        // The bug: `Pending`, and nobody was told to wake the task. `cx.waker()` is never used.
        say(format!(
            "timer: poll {polls}, not yet: Pending (and no wake arranged)"
        ));
        Poll::Pending
    }
}
// ANCHOR_END: timer

// ANCHOR: main
#[tokio::main(flavor = "current_thread")]
async fn main() {
    let polls = Arc::new(AtomicU32::new(0));
    let timer = ForgetfulTimer {
        duration: Duration::from_secs(1),
        due: None,
        polls: polls.clone(),
    };
    // Its bar is main's: the task may never get to end it.
    let task_bar = waiting("timer task", Duration::from_secs(1));
    let task = tokio::spawn(async move {
        timer.await;
        say("timer task: done");
    });

    // The bound: without it this program would never end.
    let patience = waiting("main waits", Duration::from_secs(3));
    tokio::time::sleep(Duration::from_secs(3)).await;
    patience.end();
    if task.is_finished() {
        say("main: the timer task finished");
    } else {
        let polls = polls.load(Ordering::Relaxed);
        say(format!(
            "main: after 3 s the timer task is still not done; it was polled {polls} time(s)"
        ));
        say(
            "main: its time was up at 1.0 s, but no waker was called, so it was never polled again",
        );
        say("main: giving up (a lost wake hangs a program; here main stops it)");
        task.abort();
    }
    task_bar.end();
    summary();
}
// ANCHOR_END: main
