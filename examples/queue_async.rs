//! queue_async: ten jobs in a queue, shared by a number of workers. Each worker takes the next job
//! until none is left, so the more workers, the sooner the queue is empty.
//!
//! Jobs 1 to 10 each take 1 s of waiting. `--workers N` sets how many workers (default 1).
//! Run: `cargo run --example queue_async -- --workers 3` (10 s for 1 worker, 5 s for 2, 4 s for 3,
//! ..., 1 s for 10). Compare with `queue_semaphore` and `queue_buffered`.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use workbook::{say, summary, waiting};

const JOBS: u32 = 10;

async fn job(number: u32, worker: usize) {
    let bar = waiting(
        &format!("job {number:>2} (worker {worker})"),
        Duration::from_secs(1),
    );
    say(format!("worker {worker} starts job {number}"));
    tokio::time::sleep(Duration::from_secs(1)).await;
    say(format!("worker {worker} ends job {number}"));
    bar.end();
}

/// Takes the next job from the queue and does it, until the queue is empty.
async fn worker(worker: usize, queue: Arc<Mutex<VecDeque<u32>>>) {
    loop {
        // The lock is held only while a job is taken, never across an `.await`.
        let next = queue.lock().unwrap_or_else(|e| e.into_inner()).pop_front();
        let Some(number) = next else { break };
        job(number, worker).await;
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let workers = workbook::args::number("--workers", 1);
    // Every job is known before the work starts, so a plain list behind a lock is queue enough.
    let queue = Arc::new(Mutex::new((1..=JOBS).collect::<VecDeque<u32>>()));
    let mut tasks = Vec::new();
    for number in 1..=workers {
        tasks.push(tokio::spawn(worker(number, Arc::clone(&queue))));
    }
    for task in tasks {
        task.await?;
    }
    summary();
    Ok(())
}
