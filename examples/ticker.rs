//! ticker: periodic work on an interval, running beside other work, and what the interval does
//! with the ticks it missed while the thread was busy: `Burst`, `Delay` or `Skip`.
//!
//! An interval ticks every 0.5 s, six times. Beside it, on the same thread, other work waits for
//! 0.7 s and then makes a blocking call of 1.0 s (a sync library call, which never yields): the
//! ticks due at 1.0 s and 1.5 s cannot run until 1.7 s. What happens next depends on the
//! interval's `MissedTickBehavior`.
//! Run: `cargo run --example ticker` (Burst, the default: about 2.5 s), then with
//! `-- --missed delay` (about 3.2 s) and `-- --missed skip` (about 3.0 s).

use std::time::Duration;

use anyhow::bail;
use tokio::time::MissedTickBehavior;
use workbook::{say, summary, waiting, waiting_for};

const TICKS: u32 = 6;
const PERIOD: Duration = Duration::from_millis(500);

async fn ticker(missed: MissedTickBehavior) {
    let bar = waiting_for("ticker");
    let mut interval = tokio::time::interval(PERIOD);
    interval.set_missed_tick_behavior(missed);
    let mut first_due = None;
    for tick in 1..=TICKS {
        // `tick` returns when the tick was due, which is not always when it runs.
        let due = interval.tick().await;
        let first = *first_due.get_or_insert(due);
        say(format!("tick {tick} (due at {})", seconds(due - first)));
    }
    bar.end();
}

async fn other_work() {
    tokio::time::sleep(Duration::from_millis(700)).await;
    let wait = Duration::from_secs(1);
    let bar = waiting("other work", wait);
    say("other work: a blocking call of 1.0 s, never yielding");
    // The mistake on purpose: a blocking call holds the only thread, so no tick can run.
    std::thread::sleep(wait);
    say("other work: done");
    bar.end();
}

/// A scheduled time, rounded down to a tenth of a second like every time the workbook prints.
fn seconds(since_start: Duration) -> String {
    let tenths = since_start.as_millis() / 100;
    format!("{}.{} s", tenths / 10, tenths % 10)
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let missed = match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        [] | ["--missed", "burst"] => MissedTickBehavior::Burst,
        ["--missed", "delay"] => MissedTickBehavior::Delay,
        ["--missed", "skip"] => MissedTickBehavior::Skip,
        _ => bail!("usage: [--missed burst|delay|skip]"),
    };
    say(format!("Missed ticks: {missed:?}"));
    // `biased;` polls the ticker first, so lines due at the same instant keep their order.
    tokio::join!(biased; ticker(missed), other_work());
    summary();
    Ok(())
}
