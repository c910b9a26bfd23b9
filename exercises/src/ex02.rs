//! Exercise 02's fixed part: the job. The exercise is in `main`, which starts the jobs.

use std::time::Duration;

use workbook::{bar, say};

/// How many jobs there are: 0 to 3.
pub const JOBS: u32 = 4;

/// One job: it prints when it starts, waits 1 s, and prints when it ends.
pub async fn job(number: u32) {
    let bar = bar(&format!("job {number}"));
    say(format!("Start {number}"));
    tokio::time::sleep(Duration::from_secs(1)).await;
    say(format!("End {number}"));
    bar.end();
}
