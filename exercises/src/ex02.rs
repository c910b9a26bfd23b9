//! Exercise 02's fixed part: the job. The exercise is in `main`, which starts the jobs.

use std::time::Duration;

use workbook::{say, waiting};

/// How many jobs there are: 0 to 3.
pub const JOBS: u32 = 4;

/// One job: it prints when it starts, waits 1 s, and prints when it ends.
pub async fn job(number: u32) {
    let bar = waiting(&format!("job {number}"), Duration::from_secs(1));
    say(format!("Start {number}"));
    tokio::time::sleep(Duration::from_secs(1)).await;
    say(format!("End {number}"));
    bar.end();
}
