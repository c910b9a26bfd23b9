//! A poll log: a `Future` adapter that records each poll of the future it wraps (when it began,
//! when it ended, what it returned) and each wake of that future, with their times.
//!
//! It only records. It polls the future it wraps exactly when it is polled itself, hands it a
//! waker that forwards every wake at once to the waker it was given, and never spawns, joins or
//! sleeps, so the run it records is scheduled exactly as it would be without it. Recording an
//! event is a clock reading and a push onto a list (`tests/inside.rs` measures it).
//!
//! ```no_run
//! # async fn chore() {}
//! # async fn demo() {
//! use workbook::poll_log::record;
//! tokio::join!(record("dishwasher", chore()), record("potatoes", chore()));
//! workbook::poll_log::report(); // the polls per chore, and their bars on the timeline
//! # }
//! ```

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};
use std::time::Instant;

use crate::Seconds;

/// What happened to one recorded future.
#[derive(Clone, Copy, Debug)]
enum Event {
    Poll {
        began: Instant,
        ended: Instant,
        ready: bool,
    },
    Wake {
        at: Instant,
    },
}

/// Every recorded future's name, and what happened to it, in the order it happened.
static LOG: Mutex<Vec<(String, Vec<Event>)>> = Mutex::new(Vec::new());

fn log(chore: usize, event: Event) {
    let mut log = LOG.lock().unwrap_or_else(|e| e.into_inner());
    log[chore].1.push(event);
}

/// Wraps `future` so that its polls and wakes are recorded under `name`.
pub fn record<F: Future>(name: &str, future: F) -> Recorded<F> {
    crate::start();
    let mut log = LOG.lock().unwrap_or_else(|e| e.into_inner());
    log.push((name.to_string(), Vec::new()));
    Recorded {
        chore: log.len() - 1,
        future: Box::pin(future),
        waker: None,
    }
}

/// A future whose polls and wakes are recorded: see [`record`].
pub struct Recorded<F> {
    chore: usize,
    // Boxed, so that `Recorded` can reach it through the pin without `unsafe`: the box itself
    // never moves the future.
    future: Pin<Box<F>>,
    /// The recording waker of the last poll, kept while the runtime's waker stays the same.
    waker: Option<(Waker, Waker)>,
}

/// The waker handed to the recorded future: it notes the wake, then passes it on.
struct RecordingWaker {
    chore: usize,
    inner: Waker,
}

impl Wake for RecordingWaker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        log(self.chore, Event::Wake { at: Instant::now() });
        self.inner.wake_by_ref();
    }
}

impl<F: Future> Future for Recorded<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = &mut *self;
        let given = cx.waker();
        let waker = match &this.waker {
            Some((inner, recording)) if inner.will_wake(given) => recording.clone(),
            _ => {
                let recording = Waker::from(Arc::new(RecordingWaker {
                    chore: this.chore,
                    inner: given.clone(),
                }));
                this.waker = Some((given.clone(), recording.clone()));
                recording
            }
        };
        let began = Instant::now();
        let result = this.future.as_mut().poll(&mut Context::from_waker(&waker));
        let ended = Instant::now();
        let ready = result.is_ready();
        log(
            this.chore,
            Event::Poll {
                began,
                ended,
                ready,
            },
        );
        result
    }
}

/// One recorded future's polls, counted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Polls {
    pub name: String,
    pub polls: usize,
    pub wakes: usize,
    /// The longest poll, as it is printed: the difference of its rounded ends.
    pub longest: Seconds,
}

/// What the log holds so far, per recorded future, in the order they were recorded.
pub fn counts() -> Vec<Polls> {
    let log = LOG.lock().unwrap_or_else(|e| e.into_inner());
    log.iter()
        .map(|(name, events)| {
            let mut polls = 0;
            let mut wakes = 0;
            let mut longest = Seconds { tenths: 0 };
            for event in events {
                match *event {
                    Event::Poll { began, ended, .. } => {
                        polls += 1;
                        let tenths = Seconds::at(ended).tenths - Seconds::at(began).tenths;
                        longest = longest.max(Seconds { tenths });
                    }
                    Event::Wake { .. } => wakes += 1,
                }
            }
            Polls {
                name: name.clone(),
                polls,
                wakes,
                longest,
            }
        })
        .collect()
}

/// Prints the polls per recorded future: how many, how many wakes, and the longest poll. Then
/// adds their bars to the timeline that [`crate::summary`] draws: one row a recorded future, each
/// poll drawn as work (`█`), and the time between two polls as a wait (`░`), which turns to `▒`
/// from the moment the future was woken until it was polled.
pub fn report() {
    let counts = counts();
    let width = counts
        .iter()
        .map(|c| c.name.chars().count())
        .max()
        .unwrap_or(0)
        .max(5);
    println!();
    println!("Polls");
    println!("{:width$}  polls  wakes  longest poll", "chore");
    for chore in &counts {
        let (name, polls, wakes) = (&chore.name, chore.polls, chore.wakes);
        println!("{name:width$}  {polls:>5}  {wakes:>5}  {}", chore.longest);
    }
    add_bars();
}

/// The bars of every recorded future, in the order they were recorded: for each, its waits first
/// and then its polls, so that a short poll is drawn over the wait that begins where it ends.
fn add_bars() {
    let log = std::mem::take(&mut *LOG.lock().unwrap_or_else(|e| e.into_inner()));
    let mut bars = crate::BARS.lock().unwrap_or_else(|e| e.into_inner());
    for (name, events) in log {
        let mut waits = Vec::new();
        let mut polls = Vec::new();
        let mut last_end: Option<Instant> = None;
        let mut woken: Option<Instant> = None;
        for event in events {
            match event {
                Event::Wake { at } => {
                    woken = woken.or(Some(at));
                }
                Event::Poll {
                    began,
                    ended,
                    ready,
                } => {
                    if let Some(from) = last_end {
                        waits.push(wait(from, woken, began));
                    }
                    polls.push((Seconds::at(began), Seconds::at(ended), crate::Kind::Working));
                    last_end = (!ready).then_some(ended);
                    woken = None;
                }
            }
        }
        for (from, to, kind) in waits.into_iter().chain(polls) {
            bars.push(crate::Finished {
                job: name.clone(),
                order: crate::BARS_BEGUN.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
                from,
                to,
                kind,
            });
        }
    }
}

/// The wait between two polls, from the end of one to the start of the next: due at the first wake
/// in between, as printed (so that the drawing agrees with the stamps), or not known if none came.
fn wait(from: Instant, woken: Option<Instant>, to: Instant) -> (Seconds, Seconds, crate::Kind) {
    let (from, to) = (Seconds::at(from), Seconds::at(to));
    let due = woken.map(|at| {
        let tenths = Seconds::at(at).tenths.saturating_sub(from.tenths);
        std::time::Duration::from_millis(tenths * 100)
    });
    (from, to, crate::Kind::Waiting { due })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pending twice, waking itself each time, then ready.
    struct TwoYields(u32);

    impl Future for TwoYields {
        type Output = ();
        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            if self.0 == 2 {
                return Poll::Ready(());
            }
            self.0 += 1;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }

    #[test]
    fn each_poll_and_each_wake_is_counted_and_nothing_else_changes() {
        let mut future = std::pin::pin!(record("two yields", TwoYields(0)));
        let mut cx = Context::from_waker(Waker::noop());
        let answers: Vec<bool> = (0..3)
            .map(|_| future.as_mut().poll(&mut cx).is_ready())
            .collect();
        assert_eq!(
            answers,
            [false, false, true],
            "polled exactly as without the log"
        );
        let counts = counts();
        let mine = counts
            .iter()
            .find(|c| c.name == "two yields")
            .expect("recorded");
        assert_eq!((mine.polls, mine.wakes), (3, 2));
    }
}
