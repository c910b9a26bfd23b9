//! Exercise 10's fixed parts: the account's opening balance, the deposits, the payment service and
//! the report. The exercise is `deposit`, and `main`, which runs the deposits.

use std::time::Duration;

use workbook::say;

pub const OPENING_BALANCE: u64 = 100;
pub const DEPOSITS: [u64; 5] = [50, 20, 80, 30, 70];

/// Asks the payment service to confirm a deposit. It answers after 1 s with the amount confirmed.
pub async fn confirm(amount: u64) -> u64 {
    tokio::time::sleep(Duration::from_secs(1)).await;
    amount
}

/// Prints the balance once every deposit is in.
pub fn report(balance: u64) {
    say(format!("Final balance: {balance}"));
}
