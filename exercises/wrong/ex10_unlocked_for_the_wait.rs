//! A wrong answer to exercise 10: it compiles and runs in 1 s, because the lock is let go for the
//! wait. But each deposit read the balance before the wait and writes it after: deposits are
//! lost.
//! Fails: balance

use std::sync::{Arc, Mutex};
use std::time::Duration;

use workbook::{bar, say, summary};

const OPENING_BALANCE: u64 = 100;
const DEPOSITS: [u64; 5] = [50, 20, 80, 30, 70];

/// Asks the payment service to confirm a deposit. It answers after 1 s with the amount confirmed.
async fn confirm(amount: u64) -> u64 {
    tokio::time::sleep(Duration::from_secs(1)).await;
    amount
}

async fn deposit(account: Arc<Mutex<u64>>, number: usize, amount: u64) {
    let bar = bar(&format!("deposit {number}"));
    say(format!("deposit {number}: {amount} asked for"));
    // ANCHOR: wrong
    let before = *account
        .lock()
        .expect("no deposit panics while it holds the lock");
    let confirmed = confirm(amount).await;
    let balance = before + confirmed;
    *account
        .lock()
        .expect("no deposit panics while it holds the lock") = balance;
    // ANCHOR_END: wrong
    say(format!("deposit {number}: confirmed, balance {balance}"));
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
    let balance = *account.lock().expect("no deposit panicked");
    say(format!("Final balance: {balance}"));
    summary();
    Ok(())
}
