//! pitfall_unbounded_fix_buffered: at most 1,000 requests in flight, without tasks: a stream of
//! request futures, of which `buffer_unordered` keeps at most 1,000 going at once.
//!
//! 100,000 requests, each waiting 10 ms for its answer from a (pretend) server. How long the run
//! takes and how much memory it needs depend on the machine, so they go to stderr, which the
//! recorded output leaves out.
//! Run: `cargo run --example pitfall_unbounded_fix_buffered` (about a second: 100 rounds of 10 ms).
//! Compare with `pitfall_unbounded_bug` and `pitfall_unbounded_fix`.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use futures::StreamExt;
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

    // A lazy stream of request futures: `buffer_unordered` takes a new one from it only when one
    // of the LIMIT it is running has finished. They all run in this one task.
    let mut requests = futures::stream::iter(0..REQUESTS)
        .map(|item| {
            started();
            request(item)
        })
        .buffer_unordered(LIMIT);
    let mut answered = 0;
    while requests.next().await.is_some() {
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
