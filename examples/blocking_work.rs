//! blocking_work: blocking and CPU-heavy work kept off the async thread, so it stays free: a
//! blocking call on tokio's blocking threads (`spawn_blocking`), and CPU work on a rayon pool whose
//! result comes back through a oneshot channel. Python's `run_in_executor`.
//!
//! A heartbeat prints every 0.6 s on the async thread. Meanwhile a blocking call (a sync library
//! that holds its thread for 1.5 s, like a sync database driver) runs on a blocking thread, and 4
//! pieces of CPU work of 0.45 s each run on a rayon pool of 2 threads (0.9 s).
//! Run: `cargo run --example blocking_work` (about 1.5 s): the heartbeat never misses a beat.

use std::thread;
use std::time::Duration;

use rayon::prelude::*;
use tokio::sync::oneshot;
use workbook::{Bar, cpu_work, say, summary, waiting, working};

const PIECES: u32 = 4;
const ONE_PIECE: Duration = Duration::from_millis(450);

/// A call that blocks its thread, as a sync driver or a sync file API does: it never gives the
/// thread back while it waits.
fn blocking_call(bar: Bar) -> &'static str {
    thread::sleep(Duration::from_millis(1500));
    say("blocking call returned");
    bar.end();
    "42 rows"
}

/// CPU work split into pieces that rayon spreads over its threads.
fn crunch(bar: Bar) -> u32 {
    let pieces = (0..PIECES)
        .into_par_iter()
        .map(|_| {
            cpu_work(ONE_PIECE);
            1
        })
        .sum();
    say(format!("rayon pool crunched {pieces} pieces"));
    bar.end();
    pieces
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    say(format!(
        "Started a blocking call, and {PIECES} pieces of CPU work on rayon"
    ));
    // 1. A blocking call goes to tokio's pool of blocking threads; we get a handle to await.
    // (The bars are made here, on one thread, so the timeline always lists them in this order.)
    let blocking_bar = waiting("blocking call", Duration::from_millis(1500));
    let blocking = tokio::task::spawn_blocking(move || blocking_call(blocking_bar));

    // 2. CPU work goes to rayon, which knows nothing of tokio: it sends its result back through a
    //    oneshot channel, and the async side awaits the receiving end.
    let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build()?;
    let (send, receive) = oneshot::channel();
    let rayon_bar = working("rayon pool");
    pool.spawn(move || {
        // If the receiver is gone, nobody wants the result any more: nothing to do.
        let _ = send.send(crunch(rayon_bar));
    });

    let both = async { tokio::join!(blocking, receive) };
    let mut both = std::pin::pin!(both);
    // 3. Meanwhile the async thread is free: the heartbeat shows it.
    let mut heartbeat = tokio::time::interval(Duration::from_millis(600));
    heartbeat.tick().await; // The first tick is immediate.
    let (rows, pieces) = loop {
        tokio::select! {
            biased;
            results = &mut both => break results,
            _ = heartbeat.tick() => say("heartbeat: the async thread is free"),
        }
    };
    // A closed channel or a panicked blocking call is an error, not a crash.
    say(format!(
        "Results: {} and {} pieces",
        rows?,
        pieces.map_err(|_| anyhow::anyhow!("the rayon job ended without a result"))?
    ));
    summary();
    Ok(())
}
