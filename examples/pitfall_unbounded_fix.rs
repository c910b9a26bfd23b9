//! pitfall_unbounded_fix: at most 1,000 requests in flight. A `JoinSet` holds the running tasks,
//! and a new one is spawned only when the set has room.
//!
//! 100,000 requests, each waiting 10 ms for its answer from a (pretend) server. How long the run
//! takes and how much memory it needs depend on the machine, so they go to stderr, which the
//! recorded output leaves out.
//! Run: `cargo run --example pitfall_unbounded_fix` (about a second: 100 rounds of 10 ms). Compare
//! with `pitfall_unbounded_bug`.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use tokio::task::JoinSet;
use workbook::usage::peak_memory_bytes;

const REQUESTS: usize = 100_000;
const LIMIT: usize = 1_000;

/// Requests started and not yet answered, and the most there ever were.
static IN_FLIGHT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn started() {
    let now = IN_FLIGHT.fetch_add(1, Ordering::Relaxed) + 1;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

/// One request: the server takes 10 ms to answer.
async fn request(item: usize) -> usize {
    tokio::time::sleep(Duration::from_millis(10)).await;
    IN_FLIGHT.fetch_sub(1, Ordering::Relaxed);
    item
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> workbook::Result {
    // Takes no options, and ends quietly if stdout is closed (see `workbook::cli`).
    workbook::cli::no_options();
    let began = Instant::now();
    println!("{REQUESTS} requests, each answered after 10 ms, at most {LIMIT} at once.");

    // The set holds at most LIMIT tasks: when it is full, wait for one to finish first.
    let mut requests = JoinSet::new();
    let mut answered = 0;
    for item in 0..REQUESTS {
        if requests.len() == LIMIT {
            if let Some(finished) = requests.join_next().await {
                finished?;
                answered += 1;
            }
        }
        started();
        requests.spawn(request(item));
    }
    while let Some(finished) = requests.join_next().await {
        finished?;
        answered += 1;
    }

    println!("Requests answered: {answered}");
    println!(
        "Most requests in flight at once: {}",
        PEAK.load(Ordering::Relaxed)
    );
    report(began);
    Ok(())
}

/// Time and memory vary from run to run: they go to stderr.
fn report(began: Instant) {
    let seconds = began.elapsed().as_secs_f64();
    let mib = peak_memory_bytes().unwrap_or(0) as f64 / (1024.0 * 1024.0);
    eprintln!("took {seconds:.2} s; peak memory {mib:.0} MiB");
}
