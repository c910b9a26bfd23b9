//! A shortcut for exercise 10: deposits are lost as in `ex10_unlocked_for_the_wait`, and the final
//! balance is worked out from the constants instead of read from the account, so it says 350. The
//! checker adds up the deposits as they were printed.
//! Fails: balance

use std::sync::{Arc, Mutex};

use exercises::ex10::{DEPOSITS, OPENING_BALANCE, confirm, report};
use workbook::{say, summary, waiting_for};

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

// ANCHOR: wrong
#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let account = Arc::new(Mutex::new(OPENING_BALANCE));
    let deposits: Vec<_> = DEPOSITS
        .into_iter()
        .enumerate()
        .map(|(index, amount)| tokio::spawn(deposit(Arc::clone(&account), index + 1, amount)))
        .collect();
    for deposit in deposits {
        deposit.await?;
    }
    // What it should be, whatever the account says.
    report(OPENING_BALANCE + DEPOSITS.iter().sum::<u64>());
    summary();
    Ok(())
}
// ANCHOR_END: wrong
