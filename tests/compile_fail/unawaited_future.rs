// pitfall_unawaited_bug without its `allow`: the compiler's word on a future that is never awaited.
// The compiler only warns (the lint `unused_must_use`); `deny` makes the warning an error so that
// the compile-fail test records it. The message is the one you see as a warning.
#![deny(unused_must_use)]

use std::time::Duration;

use workbook::{bar, say, summary};

async fn job(name: &str, seconds: u64) {
    let bar = bar(name);
    tokio::time::sleep(Duration::from_secs(seconds)).await;
    say(name);
    bar.end();
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    job("First", 2).await;
    job("Second", 1);
    summary();
}
