//! A wrong answer to exercise 10: the deposits are joined instead of spawned, so the std lock held
//! across the wait compiles. The second deposit then blocks the only thread waiting for the lock
//! the first one holds, and the first can never go on to let it go: a deadlock.
//! Fails: runs

use std::sync::{Arc, Mutex};

use exercises::ex10::{DEPOSITS, OPENING_BALANCE, confirm, report};
use futures::future::join_all;
use workbook::{say, summary, waiting_for};

// The lesson of this exercise: clippy warns about this function. Delete this line, then run
// `cargo clippy -p workbook-exercises --bin ex10` and read why.
#[allow(clippy::await_holding_lock)]
async fn deposit(account: Arc<Mutex<u64>>, number: usize, amount: u64) {
    let bar = waiting_for(&format!("deposit {number}"));
    say(format!("deposit {number}: {amount} asked for"));
    let mut balance = account
        .lock()
        .expect("no deposit panics while it holds the lock");
    let confirmed = confirm(amount).await;
    *balance += confirmed;
    say(format!("deposit {number}: confirmed, balance {balance}"));
    drop(balance);
    bar.end();
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let account = Arc::new(Mutex::new(OPENING_BALANCE));
    // ANCHOR: wrong
    join_all(
        DEPOSITS
            .into_iter()
            .enumerate()
            .map(|(index, amount)| deposit(Arc::clone(&account), index + 1, amount)),
    )
    .await;
    // ANCHOR_END: wrong
    let balance = *account.lock().expect("no deposit panicked");
    report(balance);
    summary();
    Ok(())
}
