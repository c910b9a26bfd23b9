//! loop_async: the loop spawns each job as a task, then waits for the tasks in turn.
//!
//! Jobs 0 to 3 each take 1 s. All four start, then all four end: about 1 s in all.
//! Run: `cargo run --example loop_async`. Compare with `loop_sync` and `loop_async_mistake`.

use std::time::Duration;

use workbook::{say, summary, waiting};

async fn job(number: u32) {
    let wait = Duration::from_secs(1);
    let bar = waiting(&format!("job {number}"), wait);
    say(format!("Start {number}"));
    tokio::time::sleep(wait).await;
    say(format!("End {number}"));
    bar.end();
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let mut tasks = Vec::new();
    for number in 0..4 {
        // A task runs on its own: the runtime starts it as soon as main hands back control.
        tasks.push(tokio::spawn(job(number)));
    }
    for task in tasks {
        task.await?;
    }
    summary();
    Ok(())
}
