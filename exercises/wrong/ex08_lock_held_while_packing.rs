//! A wrong answer to exercise 08: two consumers share the receiver behind a mutex, but a `while
//! let` keeps the lock for the whole loop body, packing included: they take turns.
//! Fails: in_time

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{Mutex, mpsc};
use workbook::{bar, say, summary};

/// How many items the queue holds at most.
const CAPACITY: usize = 2;
const ITEMS_EACH: u32 = 4;
const PACKING: Duration = Duration::from_millis(300);

async fn producer(number: u32, queue: mpsc::Sender<String>) {
    for item in 1..=ITEMS_EACH {
        let item = format!("{number}-{item}");
        // Waits while the queue is full: the consumers set the pace.
        if queue.send(item.clone()).await.is_err() {
            return; // no consumer is left to take it
        }
        say(format!("producer {number} queued {item}"));
    }
}

async fn consumer(number: u32, queue: Arc<Mutex<mpsc::Receiver<String>>>) {
    let bar = bar(&format!("consumer {number}"));
    // ANCHOR: wrong
    while let Some(item) = queue.lock().await.recv().await {
        say(format!("consumer {number} took {item}"));
        tokio::time::sleep(PACKING).await;
    }
    // ANCHOR_END: wrong
    bar.end();
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let (queue, items) = mpsc::channel(CAPACITY);
    let mut producers = Vec::new();
    for number in 1..=3 {
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
