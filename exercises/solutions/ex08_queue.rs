//! Exercise 08, a solution: tokio's `mpsc` channel has a single receiver, so the two consumers
//! share it behind a `tokio::sync::Mutex`. A consumer holds the lock only while it waits for the
//! next item, never while it packs one: the other consumer can take the next item meanwhile.
//!
//! Each item is received once, so it goes to exactly one consumer; when the producers are done
//! and the queue is empty, `recv` returns `None` to both.

use std::sync::Arc;

use exercises::ex08::{CAPACITY, PRODUCERS, pack, producer};
use tokio::sync::{Mutex, mpsc};
use workbook::{summary, waiting_for};

// ANCHOR: solution
async fn consumer(number: u32, queue: Arc<Mutex<mpsc::Receiver<String>>>) {
    let bar = waiting_for(&format!("consumer {number}"));
    loop {
        // The lock is released at the end of this statement, before the packing.
        let next = queue.lock().await.recv().await;
        let Some(item) = next else { break };
        pack(number, &item).await;
    }
    bar.end();
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let (queue, items) = mpsc::channel(CAPACITY);
    let mut producers = Vec::new();
    for number in 1..=PRODUCERS {
        producers.push(tokio::spawn(producer(number, queue.clone())));
    }
    // The producers hold the only senders now: when they are done, the queue closes.
    drop(queue);

    let items = Arc::new(Mutex::new(items));
    tokio::join!(consumer(1, Arc::clone(&items)), consumer(2, items));

    for producer in producers {
        producer.await?;
    }
    summary();
    Ok(())
}
// ANCHOR_END: solution
