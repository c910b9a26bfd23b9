//! Exercise 08's fixed parts: the producers and the packing of one item. The exercise is the
//! consumers, in `main`.

use std::time::Duration;

use tokio::sync::mpsc;
use workbook::say;

/// How many items the queue holds at most.
pub const CAPACITY: usize = 2;
pub const PRODUCERS: u32 = 3;
pub const ITEMS_EACH: u32 = 4;
/// Packing one item is a wait of this long.
pub const PACKING: Duration = Duration::from_millis(300);

/// One producer: it queues its 4 items, waiting while the queue is full.
pub async fn producer(number: u32, queue: mpsc::Sender<String>) {
    for item in 1..=ITEMS_EACH {
        let item = format!("{number}-{item}");
        // Waits while the queue is full: the consumers set the pace.
        if queue.send(item.clone()).await.is_err() {
            return; // no consumer is left to take it
        }
        say(format!("producer {number} queued {item}"));
    }
}

/// Consumer `consumer` packs one item it took from the queue.
pub async fn pack(consumer: u32, item: &str) {
    say(format!("consumer {consumer} took {item}"));
    tokio::time::sleep(PACKING).await;
    say(format!("consumer {consumer} packed {item}"));
}
