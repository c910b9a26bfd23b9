//! A wrong answer to exercise 08: two consumers share the receiver behind a mutex, but a `while
//! let` keeps the lock for the whole loop body, packing included: they take turns.
//! Fails: in_time

use std::sync::Arc;

use exercises::ex08::{CAPACITY, PRODUCERS, pack, producer};
use tokio::sync::{Mutex, mpsc};
use workbook::{summary, waiting_for};

// ANCHOR: wrong
async fn consumer(number: u32, queue: Arc<Mutex<mpsc::Receiver<String>>>) {
    let bar = waiting_for(&format!("consumer {number}"));
    // The guard of `queue.lock().await` lives until the end of the loop body.
    while let Some(item) = queue.lock().await.recv().await {
        pack(number, &item).await;
    }
    bar.end();
}
// ANCHOR_END: wrong

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let (queue, items) = mpsc::channel(CAPACITY);
    let mut producers = Vec::new();
    for number in 1..=PRODUCERS {
        producers.push(tokio::spawn(producer(number, queue.clone())));
    }
    drop(queue);
    let items = Arc::new(Mutex::new(items));
    tokio::join!(consumer(1, Arc::clone(&items)), consumer(2, items));
    for producer in producers {
        producer.await?;
    }
    summary();
    Ok(())
}
