//! Exercise 10, a solution: wait for the confirmation first, with no lock held, then lock the
//! account only to add the amount: a read and a write with nothing in between, and no `.await`.
//!
//! A `std::sync::MutexGuard` cannot cross an `.await` in a spawned task (the task could move to
//! another thread, and the guard must not), which is what the compiler said. Unlocking before the
//! wait and locking again after it compiles, but two deposits then read the same balance and one
//! overwrites the other. A `tokio::sync::Mutex` held across the wait is correct, but each deposit
//! then waits for the one before it: 5 s again.

use std::sync::{Arc, Mutex};

use exercises::ex10::{DEPOSITS, OPENING_BALANCE, confirm, report};
use workbook::{say, summary, waiting_for};

// ANCHOR: solution
async fn deposit(account: Arc<Mutex<u64>>, number: usize, amount: u64) {
    let bar = waiting_for(&format!("deposit {number}"));
    say(format!("deposit {number}: {amount} asked for"));
    let confirmed = confirm(amount).await;
    let balance = {
        let mut balance = account
            .lock()
            .expect("no deposit panics while it holds the lock");
        *balance += confirmed;
        *balance
        // The guard is dropped here, before the next `.await` anywhere.
    };
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
    report(balance);
    summary();
    Ok(())
}
// ANCHOR_END: solution
