//! A wrong answer to exercise 08: the second consumer is spawned and never waited for. `main`
//! returns when the first consumer sees the queue closed, while the second is still packing its
//! last item: the runtime stops, and that item is taken but never packed.
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
    tokio::spawn(consumer(2, Arc::clone(&items)));
    consumer(1, items).await;
    // ANCHOR_END: wrong
    for producer in producers {
        producer.await?;
    }
    summary();
    Ok(())
}
