//! A wrong answer to exercise 08: a broadcast channel lets two consumers receive, but it gives
//! every item to every receiver.
//! Fails: nothing_twice

use std::time::Duration;

use tokio::sync::broadcast;
use workbook::{bar, say, summary};

/// How many items the queue holds at most.
const CAPACITY: usize = 2;
const ITEMS_EACH: u32 = 4;
const PACKING: Duration = Duration::from_millis(300);

async fn producer(number: u32, queue: broadcast::Sender<String>) {
    for item in 1..=ITEMS_EACH {
        let item = format!("{number}-{item}");
        // Waits while the queue is full: the consumers set the pace.
        if queue.send(item.clone()).is_err() {
            return; // no consumer is left to take it
        }
        say(format!("producer {number} queued {item}"));
    }
}

async fn consumer(number: u32, mut queue: broadcast::Receiver<String>) {
    let bar = bar(&format!("consumer {number}"));
    while let Ok(item) = queue.recv().await {
        say(format!("consumer {number} took {item}"));
        tokio::time::sleep(PACKING).await;
    }
    bar.end();
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    // ANCHOR: wrong
    let (queue, items) = broadcast::channel(CAPACITY * 8);
    let also_items = queue.subscribe();
    // ANCHOR_END: wrong
    let mut producers = Vec::new();
    for number in 1..=3 {
        producers.push(tokio::spawn(producer(number, queue.clone())));
    }
    // The producers hold the only senders now: when they are done, the queue closes.
    drop(queue);

    tokio::join!(consumer(1, items), consumer(2, also_items));

    for producer in producers {
        producer.await?;
    }
    summary();
    Ok(())
}
