//! Exercise 10: a lock across an await.
//!
//! An account holds 100. Five deposits come in, and each must be confirmed by the payment service,
//! a 1 s wait (`exercises::ex10::confirm`), before it is added. The program makes the deposits one
//! after another: 5 s.
//!
//! Your task: run the five deposits as tasks (`tokio::spawn`) so that they wait for their
//! confirmations at the same time and the run takes about 1 s. It will not compile at first: read
//! what the compiler says. Make it compile, and keep every balance right: each deposit's
//! confirmed balance is the one before plus its amount, and the final balance is 350.
//!
//! Check: `cargo ex check 10`. A hint: `cargo ex hint 10`. Start again: `cargo ex reset 10`.

use std::sync::{Arc, Mutex};

use exercises::ex10::{DEPOSITS, OPENING_BALANCE, confirm, report};
use workbook::{say, summary, waiting_for};

// ANCHOR: solution
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
    for (index, amount) in DEPOSITS.into_iter().enumerate() {
        deposit(Arc::clone(&account), index + 1, amount).await;
    }
    let balance = *account.lock().expect("no deposit panicked");
    report(balance);
    summary();
    Ok(())
}
// ANCHOR_END: solution
