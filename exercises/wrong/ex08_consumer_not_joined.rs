//! A wrong answer to exercise 08: both consumers are spawned as tasks, and `main` waits only for
//! the producers. They are done once the last item is queued, at 1.2 s; `main` returns, the
//! runtime stops, and the items still in the queue or being packed are never packed.
//! Fails: all_packed

use std::sync::Arc;

use exercises::ex08::{CAPACITY, PRODUCERS, pack, producer};
use tokio::sync::{Mutex, mpsc};
use workbook::{summary, waiting_for};

async fn consumer(number: u32, queue: Arc<Mutex<mpsc::Receiver<String>>>) {
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
    let (queue, items) = mpsc::channel(CAPACITY);
    let mut producers = Vec::new();
    for number in 1..=PRODUCERS {
        producers.push(tokio::spawn(producer(number, queue.clone())));
    }
    drop(queue);
    // ANCHOR: wrong
    let items = Arc::new(Mutex::new(items));
    tokio::spawn(consumer(1, Arc::clone(&items)));
    tokio::spawn(consumer(2, items));
    for producer in producers {
        producer.await?;
    }
    // ANCHOR_END: wrong
    summary();
    Ok(())
}
