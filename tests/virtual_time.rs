//! Testing async code in virtual time: with tokio's clock paused, a sleep of an hour ends at once,
//! and the clock moves only when every task waits (to the next timer) or when the test moves it
//! (`tokio::time::advance`). The chapter "Testing async code in virtual time" shows these tests.
//!
//! What the paused clock cannot test: real CPU work and real I/O take the time they take, and the
//! virtual clock does not move while they run (the last test shows it).

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use tokio::time::{Instant, advance, sleep, timeout};

/// A virtual duration, as tokio measures it: timers are due on whole milliseconds, so a sleep may
/// end up to a millisecond after its deadline.
fn about(elapsed: Duration, expected: Duration) -> bool {
    (expected..expected + Duration::from_millis(5)).contains(&elapsed)
}

// ANCHOR: laundry
/// The code under test: the chores' laundry, the washer and then the dryer.
async fn laundry(washer: Duration, dryer: Duration) -> &'static str {
    sleep(washer).await;
    sleep(dryer).await;
    "dry clothes"
}

const HALF_AN_HOUR: Duration = Duration::from_secs(30 * 60);

#[tokio::test(start_paused = true)]
async fn an_hour_of_laundry_takes_no_real_time() {
    let real = std::time::Instant::now();
    let virtual_start = Instant::now();
    assert_eq!(laundry(HALF_AN_HOUR, HALF_AN_HOUR).await, "dry clothes");
    // An hour went by on tokio's clock, in well under a second of real time.
    assert!(about(virtual_start.elapsed(), 2 * HALF_AN_HOUR));
    assert!(real.elapsed() < Duration::from_secs(1));
}
// ANCHOR_END: laundry

// ANCHOR: timeout
#[tokio::test(start_paused = true)]
async fn a_timeout_gives_up_at_its_deadline() {
    let start = Instant::now();
    let result = timeout(Duration::from_secs(5), laundry(HALF_AN_HOUR, HALF_AN_HOUR)).await;
    assert!(result.is_err(), "the laundry cannot be done in 5 s");
    assert!(about(start.elapsed(), Duration::from_secs(5)));
}
// ANCHOR_END: timeout

// ANCHOR: advance
#[tokio::test(start_paused = true)]
async fn advance_moves_the_clock_by_hand() {
    let ticks = Arc::new(AtomicU32::new(0));
    let counter = ticks.clone();
    let ticker = tokio::spawn(async move {
        let mut every_second = tokio::time::interval(Duration::from_secs(1));
        loop {
            every_second.tick().await; // the first tick is at once
            counter.fetch_add(1, Ordering::Relaxed);
        }
    });
    tokio::task::yield_now().await; // let the ticker start: its first tick
    assert_eq!(ticks.load(Ordering::Relaxed), 1);

    advance(Duration::from_millis(2500)).await; // the ticks at 1 s and 2 s are due
    tokio::task::yield_now().await;
    assert_eq!(ticks.load(Ordering::Relaxed), 3);
    ticker.abort();
}
// ANCHOR_END: advance

// ANCHOR: cpu
#[tokio::test(start_paused = true)]
async fn real_cpu_work_does_not_move_the_virtual_clock() {
    let start = Instant::now();
    workbook::cpu_work(Duration::from_millis(50)); // 50 ms of real arithmetic
    assert_eq!(start.elapsed(), Duration::ZERO);
}
// ANCHOR_END: cpu
