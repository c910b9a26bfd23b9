//! A shortcut for exercise 02: the tasks are spawned, and then `main` sleeps for a while instead
//! of waiting for them, long enough on this machine. The checker sees `main` go on waiting after
//! the last job ended.
//! Fails: joined

use std::time::Duration;

use exercises::ex02::{JOBS, job};
use workbook::summary;

// ANCHOR: wrong
#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    for number in 0..JOBS {
        tokio::spawn(job(number));
    }
    // Surely they are done by then.
    tokio::time::sleep(Duration::from_millis(1400)).await;
    summary();
    Ok(())
}
// ANCHOR_END: wrong
