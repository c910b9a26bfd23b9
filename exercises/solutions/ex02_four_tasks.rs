//! Exercise 02, a solution: `tokio::spawn` starts each job as a task; the loop after it waits for
//! every task to end.
//!
//! A spawned task starts running on its own, as soon as `main` hands the thread back at its first
//! `.await`. Awaiting the handles one by one does not make the jobs sequential: they are all
//! running already, and the handles only say when each is over.

use exercises::ex02::{JOBS, job};
use workbook::summary;

// ANCHOR: solution
#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let mut tasks = Vec::new();
    for number in 0..JOBS {
        tasks.push(tokio::spawn(job(number)));
    }
    for task in tasks {
        task.await?;
    }
    summary();
    Ok(())
}
// ANCHOR_END: solution
