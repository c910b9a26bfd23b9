//! Exercise 10, a solution: wait for the confirmation first, with no lock held, then lock the
//! account only to add the amount: a read and a write with nothing in between, and no `.await`.
//!
//! A `std::sync::MutexGuard` cannot cross an `.await` in a spawned task (the task could move to
//! another thread, and the guard must not), which is what the compiler said. Unlocking before the
//! wait and locking again after it compiles, but two deposits then read the same balance and one
//! overwrites the other. A `tokio::sync::Mutex` held across the wait is correct, but each deposit
//! then waits for the one before it: 5 s again.

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
    say(format!("Final balance: {balance}"));
    summary();
    Ok(())
}
