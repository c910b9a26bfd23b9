//! A wrong answer to exercise 10: the deposits are spawned, and `main` reads the balance at once,
//! without waiting for them. The program ends before any deposit has started.
//! Fails: all_confirmed

use std::sync::{Arc, Mutex};

use exercises::ex10::{DEPOSITS, OPENING_BALANCE, confirm, report};
use workbook::{say, summary, waiting_for};

async fn deposit(account: Arc<Mutex<u64>>, number: usize, amount: u64) {
    let bar = waiting_for(&format!("deposit {number}"));
    say(format!("deposit {number}: {amount} asked for"));
    let confirmed = confirm(amount).await;
    let balance = {
        let mut balance = account.lock().expect("no deposit panics");
        *balance += confirmed;
        *balance
    };
    say(format!("deposit {number}: confirmed, balance {balance}"));
    bar.end();
}

// ANCHOR: wrong
#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let account = Arc::new(Mutex::new(OPENING_BALANCE));
    for (index, amount) in DEPOSITS.into_iter().enumerate() {
        tokio::spawn(deposit(Arc::clone(&account), index + 1, amount));
    }
    let balance = *account.lock().expect("no deposit panicked");
    report(balance);
    summary();
    Ok(())
}
// ANCHOR_END: wrong
