//! A wrong answer to exercise 08: an unbounded channel, so the producers never wait. The packing is
//! shared and fast, but the queue can grow without limit: 10 items waited in it at once.
//! Fails: bounded

use std::sync::Arc;

use exercises::ex08::{PRODUCERS, pack};
use tokio::sync::{Mutex, mpsc};
use workbook::{say, summary, waiting_for};

// ANCHOR: wrong
async fn producer(number: u32, queue: mpsc::UnboundedSender<String>) {
    for item in 1..=4 {
        let item = format!("{number}-{item}");
        let _ = queue.send(item.clone());
        say(format!("producer {number} queued {item}"));
    }
}

async fn consumer(number: u32, queue: Arc<Mutex<mpsc::UnboundedReceiver<String>>>) {
    // ANCHOR_END: wrong
    let bar = waiting_for(&format!("consumer {number}"));
    loop {
        let next = queue.lock().await.recv().await;
        let Some(item) = next else { break };
        pack(number, &item).await;
    }
    bar.end();
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let (queue, items) = mpsc::unbounded_channel();
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
