//! pitfall_unbounded_bug: one task per item of a long list, all spawned at once. Every request is
//! in flight at the same time: memory grows with the list, and a real server would be swamped.
//!
//! 100,000 requests, each waiting 10 ms for its answer from a (pretend) server. How long the run
//! takes and how much memory it needs depend on the machine, so they go to stderr, which the
//! recorded output leaves out.
//! Run: `cargo run --example pitfall_unbounded_bug` (well under a second). Compare with
//! `pitfall_unbounded_fix` and `pitfall_unbounded_fix_buffered`.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use workbook::usage::peak_memory_bytes;

const REQUESTS: usize = 100_000;

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
    println!("{REQUESTS} requests, each answered after 10 ms.");

    // One task per request, all spawned before any has run: nothing limits how many are in flight.
    let mut requests = Vec::with_capacity(REQUESTS);
    for item in 0..REQUESTS {
        started();
        requests.push(tokio::spawn(request(item)));
    }
    let mut answered = 0;
    for request in requests {
        request.await?;
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
