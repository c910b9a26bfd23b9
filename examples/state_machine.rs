//! state_machine: print_async's `job` written out by hand as the state machine the compiler makes
//! of an `async fn`, and used in its place. It prints exactly what print_async prints.
//!
//! The async fn has one `.await`, so the machine has a state before it, a state at it, and a state
//! after the end. What lives across the `.await` (`name`, `bar`, the sleep) is kept in the state.
//! Run: `cargo run --example state_machine` (about 2 s). Compare with `print_async`.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::time::Sleep;
use workbook::{Bar, say, summary, waiting};

// ANCHOR: async_fn
// What print_async writes:
//
//     async fn job(name: &str, seconds: u64) {
//         let wait = Duration::from_secs(seconds);
//         let bar = waiting(name, wait);
//         tokio::time::sleep(wait).await;
//         say(name);
//         bar.end();
//     }
// ANCHOR_END: async_fn

// ANCHOR: states
/// One state for each place the body can be stopped: not started, at the `.await`, finished.
enum Job<'a> {
    /// Made, not yet polled: only the arguments are stored. Nothing has run.
    Start { name: &'a str, seconds: u64 },
    /// Stopped at the `.await`: the locals that are used after it travel with the state.
    Sleeping {
        name: &'a str,
        bar: Bar,
        sleep: Pin<Box<Sleep>>,
    },
    /// Finished: polling it again is a bug.
    Done,
}

/// What calling `job(name, seconds)` does: it builds the first state, and runs no code.
fn job(name: &str, seconds: u64) -> Job<'_> {
    Job::Start { name, seconds }
}
// ANCHOR_END: states

// ANCHOR: poll
impl Future for Job<'_> {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        // `Job` holds nothing that minds being moved (the sleep is boxed), so it is `Unpin`
        // and the pin can be taken off.
        let state = self.get_mut();
        loop {
            match std::mem::replace(state, Job::Done) {
                Job::Start { name, seconds } => {
                    // The code before the `.await`, up to the future it awaits.
                    let wait = Duration::from_secs(seconds);
                    let bar = waiting(name, wait);
                    let sleep = Box::pin(tokio::time::sleep(wait));
                    *state = Job::Sleeping { name, bar, sleep };
                    // On to the `.await`, in the same poll.
                }
                Job::Sleeping {
                    name,
                    bar,
                    mut sleep,
                } => match sleep.as_mut().poll(cx) {
                    // `.await` on a future that is not ready: keep the state, hand back control.
                    // The sleep has kept the waker; it wakes this task when it is due.
                    Poll::Pending => {
                        *state = Job::Sleeping { name, bar, sleep };
                        return Poll::Pending;
                    }
                    // Ready: the code after the `.await`, to the end of the body.
                    Poll::Ready(()) => {
                        say(name);
                        bar.end();
                        return Poll::Ready(());
                    }
                },
                Job::Done => panic!("a finished job was polled again"),
            }
        }
    }
}
// ANCHOR_END: poll

#[tokio::main(flavor = "current_thread")]
async fn main() {
    tokio::join!(job("First", 2), job("Second", 1));
    summary();
}
