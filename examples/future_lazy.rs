//! future_lazy: calling an async fn makes a future and runs none of its body. The body runs only
//! when the future is awaited.
//!
//! `answer` takes 2 s to find 42. Main makes the future, does something else for 1 s, then awaits
//! it: the answer only starts then, so the run takes 1 s + 2 s.
//! Run: `cargo run --example future_lazy` (about 3 s). Compare with `task_spawn`.

use std::time::Duration;

use workbook::{say, summary, waiting};

async fn answer() -> u32 {
    let wait = Duration::from_secs(2);
    let bar = waiting("answer", wait);
    say("start to answer");
    tokio::time::sleep(wait).await;
    say("the answer is ready");
    bar.end();
    42
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // This runs nothing in `answer`: it only builds the future, a value that describes the work.
    let future = answer();
    say("future made");

    // While main waits, the runtime could run other work, but nobody has asked for this future.
    let wait = Duration::from_secs(1);
    let other = waiting("main", wait);
    tokio::time::sleep(wait).await;
    other.end();

    say("before await");
    let result = future.await;
    say(format!("result: {result}"));
    summary();
}
