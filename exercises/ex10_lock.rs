//! Exercise 10: a lock across an await.
//!
//! An account holds 100. Five deposits come in, and each must be confirmed by the payment service,
//! a 1 s wait, before it is added. The program makes the deposits one after another: 5 s.
//!
//! Your task: run the five deposits as tasks (`tokio::spawn`) so that they wait for their
//! confirmations at the same time and the run takes about 1 s. It will not compile at first: read
//! what the compiler says. Make it compile, and keep the final balance right (350). Keep the
//! lines the program prints: the checker reads them.
//!
//! Check: `cargo ex check 10`. A hint: `cargo ex hint 10`. Start again: `cargo ex reset 10`.

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

// The lesson of this exercise: clippy warns about this function. Delete this line, then run
// `cargo clippy -p workbook-exercises --bin ex10` and read why.
#[allow(clippy::await_holding_lock)]
async fn deposit(account: Arc<Mutex<u64>>, number: usize, amount: u64) {
    let bar = bar(&format!("deposit {number}"));
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
    for (index, amount) in DEPOSITS.into_iter().enumerate() {
        deposit(Arc::clone(&account), index + 1, amount).await;
    }
    let balance = *account.lock().expect("no deposit panicked");
    say(format!("Final balance: {balance}"));
    summary();
    Ok(())
}
