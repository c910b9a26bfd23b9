//! A wrong answer to exercise 10: tokio's Mutex may be held across an `.await`, so this compiles
//! and the balance is right. But each deposit holds the lock for its whole 1 s wait, so the
//! deposits still go one at a time.
//! Fails: together

use std::sync::Arc;

use exercises::ex10::{DEPOSITS, OPENING_BALANCE, confirm, report};
use tokio::sync::Mutex;
use workbook::{say, summary, waiting_for};

async fn deposit(account: Arc<Mutex<u64>>, number: usize, amount: u64) {
    let bar = waiting_for(&format!("deposit {number}"));
    say(format!("deposit {number}: {amount} asked for"));
    // ANCHOR: wrong
    let mut balance = account.lock().await;
    // ANCHOR_END: wrong
    let confirmed = confirm(amount).await;
    *balance += confirmed;
    say(format!("deposit {number}: confirmed, balance {balance}"));
    drop(balance);
    bar.end();
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let account = Arc::new(Mutex::new(OPENING_BALANCE));
    let mut deposits = Vec::new();
    for (index, amount) in DEPOSITS.into_iter().enumerate() {
        deposits.push(tokio::spawn(deposit(
            Arc::clone(&account),
            index + 1,
            amount,
        )));
    }
    for deposit in deposits {
        deposit.await?;
    }
    let balance = *account.lock().await;
    report(balance);
    summary();
    Ok(())
}
