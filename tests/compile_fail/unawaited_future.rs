// pitfall_unawaited_bug without its `allow`: the compiler's word on a future that is never awaited.
// The compiler only warns (the lint `unused_must_use`); `deny` makes the warning an error so that
// the compile-fail test records it. The message is the one you see as a warning.
#![deny(unused_must_use)]

use std::time::Duration;

use workbook::{say, summary, waiting};

async fn job(name: &str, seconds: u64) {
    let wait = Duration::from_secs(seconds);
    let bar = waiting(name, wait);
    tokio::time::sleep(wait).await;
    say(name);
    bar.end();
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    job("First", 2).await;
    job("Second", 1);
    summary();
}
