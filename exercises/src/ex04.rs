//! Exercise 04's fixed parts: the machines and one potato. The exercise is where the potatoes are
//! cleaned (`clean_potatoes`, and `main`).

use std::time::Duration;

use workbook::{cpu_work, say, waiting};

pub const POTATOES: u32 = 10;
/// One potato is this much work for the CPU.
pub const ONE_POTATO: Duration = Duration::from_millis(700);

/// A machine works on its own: all we do is wait for it.
pub async fn machine(name: &str, seconds: u64) {
    let bar = waiting(name, Duration::from_secs(seconds));
    say(format!("{name} starts, it needs {seconds} s"));
    tokio::time::sleep(Duration::from_secs(seconds)).await;
    say(format!("{name} is done, noticed after {}", bar.elapsed()));
    bar.end();
}

/// The washer, then the dryer: the dryer cannot start before the washer is done.
pub async fn laundry() {
    machine("washer", 3).await;
    machine("dryer", 3).await;
}

/// Says the potatoes begin.
pub fn potatoes_begin() {
    say(format!("potatoes: {POTATOES} to clean by hand"));
}

/// Cleans one potato: real work for the CPU, 0.7 s of it, on the thread that calls it.
pub fn clean_potato(number: u32) {
    cpu_work(ONE_POTATO);
    say(format!("potato {number} is clean"));
}
