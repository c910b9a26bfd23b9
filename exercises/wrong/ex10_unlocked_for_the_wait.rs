//! A wrong answer to exercise 10: it compiles and runs in 1 s, because the lock is let go for the
//! wait. But each deposit read the balance before the wait and writes it after: deposits are
//! lost.
//! Fails: balance

use std::sync::{Arc, Mutex};

use exercises::ex10::{DEPOSITS, OPENING_BALANCE, confirm, report};
use workbook::{say, summary, waiting_for};

// ANCHOR: wrong
async fn deposit(account: Arc<Mutex<u64>>, number: usize, amount: u64) {
    let bar = waiting_for(&format!("deposit {number}"));
    say(format!("deposit {number}: {amount} asked for"));
    let before = *account.lock().expect("no deposit panics");
    let confirmed = confirm(amount).await;
    let balance = before + confirmed;
    *account.lock().expect("no deposit panics") = balance;
    say(format!("deposit {number}: confirmed, balance {balance}"));
    bar.end();
}
// ANCHOR_END: wrong

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
    report(balance);
    summary();
    Ok(())
}
