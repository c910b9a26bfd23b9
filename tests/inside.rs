//! The part "How async works inside": what its snapshots alone do not check.
//!
//! - `state_machine`, print_async's job written out by hand, prints exactly what print_async prints.
//! - The poll log's counts, which the chapter quotes, for `join!` with and without yielding and
//!   for `FuturesUnordered`.
//! - Recording a poll costs a few microseconds: a run of the chores records a few dozen events,
//!   far under 1% of its 7 s.
//! - `event_loop` rejects a bad lesson with one line and exit code 2.

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};
use std::time::{Duration, Instant};

use crate::common::{LATE_BY_AT_MOST, first_run, run_example, snapshot_body};

#[test]
fn the_state_machine_prints_what_print_async_prints() {
    // Each run is checked against its own snapshot by tests/examples.rs; here the two snapshots
    // must be the same, line for line.
    assert_eq!(
        snapshot_body("examples__state_machine"),
        snapshot_body("examples__print_async")
    );
}

/// The rows of the `Polls:` table an example printed: (chore, polls, longest poll in tenths).
fn polls(example: &str) -> Vec<(String, u32, u64)> {
    let run = first_run(example, &[]);
    assert_eq!(run.code, Some(0), "{example} failed: {}", run.stderr);
    let table = run
        .stdout
        .split_once("\nPolls")
        .unwrap_or_else(|| panic!("{example} printed no poll table"))
        .1;
    table
        .lines()
        .skip(2) // the rest of the `Polls` line, and the table's header
        .take_while(|line| !line.trim().is_empty())
        .map(|line| {
            let words: Vec<&str> = line.split_whitespace().collect();
            let tenths = workbook::output::tenths(words[3]).expect("a longest poll");
            (
                words[0].to_string(),
                words[1].parse().expect("a count"),
                tenths,
            )
        })
        .collect()
}

fn row<'a>(table: &'a [(String, u32, u64)], chore: &str) -> &'a (String, u32, u64) {
    table
        .iter()
        .find(|row| row.0 == chore)
        .expect("a chore in the table")
}

/// As the snapshots allow: a time printed up to `LATE_BY_AT_MOST` late.
fn about(tenths: u64, expected: u64) -> bool {
    (expected..=expected + LATE_BY_AT_MOST).contains(&tenths)
}

#[test]
fn join_polls_the_potatoes_once_for_7_s_or_once_a_potato() {
    let never_yield = polls("poll_log_chores");
    assert_eq!(row(&never_yield, "potatoes").1, 1);
    assert!(
        about(row(&never_yield, "potatoes").2, 70),
        "{never_yield:?}"
    );
    let yielding = polls("poll_log_chores_yield");
    assert_eq!(
        row(&yielding, "potatoes").1,
        11,
        "ten potatoes, then the end"
    );
    assert!(about(row(&yielding, "potatoes").2, 7), "{yielding:?}");
}

#[test]
fn join_polls_every_chore_each_time_futures_unordered_only_the_woken_one() {
    let joined = polls("poll_log_chores_yield");
    let unordered = polls("poll_log_chores_unordered");
    // The dishwasher is woken once, by its timer. `join!` polls it at every potato until it is
    // done at 3.5 s; the set polls it at the start and when it is woken.
    assert_eq!(row(&joined, "dishwasher").1, 6);
    assert_eq!(row(&unordered, "dishwasher").1, 2);
    assert_eq!(row(&unordered, "potatoes").1, row(&joined, "potatoes").1);
}

/// A future that is pending `left` times, waking itself each time, like a `yield_now`.
struct Yields {
    left: u32,
}

impl Future for Yields {
    type Output = ();
    fn poll(mut self: std::pin::Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.left == 0 {
            return Poll::Ready(());
        }
        self.left -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

/// Polls `future` until it is ready, with a waker that does nothing, and says how long it took.
fn poll_to_the_end(future: impl Future<Output = ()>) -> Duration {
    let mut future = pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    let began = Instant::now();
    while future.as_mut().poll(&mut cx).is_pending() {}
    began.elapsed()
}

#[test]
fn recording_a_poll_and_a_wake_costs_microseconds() {
    const POLLS: u32 = 10_000;
    let plain = poll_to_the_end(Yields { left: POLLS });
    let recorded = poll_to_the_end(workbook::poll_log::record("yields", Yields { left: POLLS }));
    // Each poll is recorded with its wake: two events. The chores record fewer than 60 events in
    // 7 s, so even at 10 µs an event, recording costs them under 1 ms: far under 1%.
    let per_poll = recorded.saturating_sub(plain) / POLLS;
    assert!(
        per_poll < Duration::from_micros(20),
        "recording a poll and its wake took {per_poll:?}"
    );
}

#[test]
fn the_event_loop_takes_one_lesson() {
    for args in [&["--loop", "--chores"][..], &["--turbo"]] {
        let run = run_example("event_loop", args);
        assert_eq!(run.code, Some(2), "{args:?}");
        assert_eq!(run.stderr.lines().count(), 1, "{args:?}: {}", run.stderr);
        assert!(run.stdout.is_empty());
    }
}
