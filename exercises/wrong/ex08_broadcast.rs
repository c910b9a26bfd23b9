//! A wrong answer to exercise 08: a broadcast channel lets two consumers receive, but it gives
//! every item to every receiver.
//! Fails: nothing_twice

use exercises::ex08::{CAPACITY, PRODUCERS, pack};
use tokio::sync::broadcast;
use workbook::{say, summary, waiting_for};

// ANCHOR: wrong
async fn producer(number: u32, queue: broadcast::Sender<String>) {
    for item in 1..=4 {
        let item = format!("{number}-{item}");
        let _ = queue.send(item.clone());
        say(format!("producer {number} queued {item}"));
        tokio::task::yield_now().await;
    }
}

async fn consumer(number: u32, mut queue: broadcast::Receiver<String>) {
    let bar = waiting_for(&format!("consumer {number}"));
    while let Ok(item) = queue.recv().await {
        pack(number, &item).await;
    }
    bar.end();
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let (queue, first) = broadcast::channel(CAPACITY * 8);
    let second = queue.subscribe();
    // ANCHOR_END: wrong
    let mut producers = Vec::new();
    for number in 1..=PRODUCERS {
        producers.push(tokio::spawn(producer(number, queue.clone())));
    }
    drop(queue);
    tokio::join!(consumer(1, first), consumer(2, second));
    for producer in producers {
        producer.await?;
    }
    summary();
    Ok(())
}
