//! Exercise 11's fixed parts: the kitchen timers, each a thread that rings once and then wakes
//! whatever waker it finds. The exercise is the future that waits for one: its `poll`.

use std::sync::{Arc, Mutex};
use std::task::Waker;
use std::thread;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use workbook::say;

/// The timers: what each is for, and how long it is set for, in seconds.
pub const TIMERS: [(&str, u64); 2] = [("tea", 2), ("egg", 1)];

/// What a timer shares with the future that waits for it.
#[derive(Default)]
pub struct Shared {
    /// The timer has rung.
    pub rung: bool,
    /// The waker to wake when it rings: whoever waits for the timer leaves one here.
    pub waker: Option<Waker>,
}

/// Sets a timer for `seconds`. Its thread rings a little after (a kitchen timer is not exact: a
/// twentieth to a quarter of a second late), sets `rung`, and wakes the waker it finds in
/// `Shared`.
pub fn set_timer(name: &'static str, seconds: u64) -> Arc<Mutex<Shared>> {
    say(format!("{name}: the timer is set for {seconds} s"));
    let shared = Arc::new(Mutex::new(Shared::default()));
    let timer = Arc::clone(&shared);
    // From 0.05 s to 0.25 s late, never the same: whoever waits cannot know when.
    let late = 50_000_000
        + SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |now| now.subsec_nanos() % 200_000_000);
    thread::spawn(move || {
        thread::sleep(Duration::from_secs(seconds) + Duration::from_nanos(u64::from(late)));
        // Said first, so that whoever sees `rung` sees it after this line.
        say(format!("{name}: the timer rings"));
        let waker = {
            let mut shared = timer.lock().unwrap_or_else(|e| e.into_inner());
            shared.rung = true;
            shared.waker.take()
        };
        if let Some(waker) = waker {
            waker.wake();
        }
    });
    shared
}
