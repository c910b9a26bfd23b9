//! Exercise 08: producers and consumers.
//!
//! Three producers each put 4 items into a queue: a bounded channel that holds at most 2, so a
//! producer waits while it is full. A consumer takes the items one by one and packs each, a
//! 0.3 s wait (`exercises::ex08`). One consumer packs the 12 items in 3.6 s.
//!
//! Your task: run two consumers at the same time, taking items from the same queue, so the
//! packing takes about 1.8 s. Nothing may be lost and nothing taken twice, the queue stays
//! bounded, and every item is packed before `main` returns.
//!
//! Check: `cargo ex check 08`. A hint: `cargo ex hint 08`. Start again: `cargo ex reset 08`.

use exercises::ex08::{CAPACITY, PRODUCERS, pack, producer};
use tokio::sync::mpsc;
use workbook::{summary, waiting_for};

// ANCHOR: solution
async fn consumer(number: u32, mut queue: mpsc::Receiver<String>) {
    let bar = waiting_for(&format!("consumer {number}"));
    // `recv` returns None once the queue is empty and every sender is gone.
    while let Some(item) = queue.recv().await {
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

    consumer(1, items).await;

    for producer in producers {
        producer.await?;
    }
    summary();
    Ok(())
}
// ANCHOR_END: solution
