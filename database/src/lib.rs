//! What `database_sync` and `database_async` share: the shop they set up and the work they do on
//! it, so the two run exactly the same queries and print exactly the same results. The queries
//! themselves are in the examples: they are the lesson.
//!
//! This is a package of its own (`workbook-database`) so that its database drivers, SQLite
//! compiled from C among them, are built only when you ask for them:
//! `cargo run -p workbook-database --example database_async`.

/// How many accounts the shop has, numbered from 1, and what each holds at first.
pub const ACCOUNTS: i64 = 100;
pub const FIRST_BALANCE: i64 = 100;
/// How many times a balance is read, and how many transfers are made.
pub const READS: i64 = 1000;
pub const TRANSFERS: i64 = 200;

/// The account that read number `read` asks about.
pub fn account_to_read(read: i64) -> i64 {
    read % ACCOUNTS + 1
}

/// Transfer number `n`: from which account, to which, and how much. Every account is paid from
/// twice at most, 7 at most each time, so no transfer can overdraw: whatever order they run in,
/// they all succeed and leave the same balances.
pub fn transfer(n: i64) -> (i64, i64, i64) {
    let from = n % ACCOUNTS + 1;
    let to = (n * 37 + 11) % ACCOUNTS + 1;
    let amount = n % 7 + 1;
    (from, to, amount)
}

/// What every account holds once all transfers are done, worked out without a database.
pub fn expected_balances() -> Vec<i64> {
    let mut balances = vec![FIRST_BALANCE; ACCOUNTS as usize];
    for n in 0..TRANSFERS {
        let (from, to, amount) = transfer(n);
        balances[(from - 1) as usize] -= amount;
        balances[(to - 1) as usize] += amount;
    }
    balances
}

/// How long opening the database may take before the examples give up: a server that accepts
/// the connection and never answers gets one line after this, not a wait for ever.
pub const CONNECT_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

/// A database URL as it may be printed: a password in it, as `me:secret@` or as a query parameter
/// such as `?password=secret`, becomes `***`. The URL is read by the `url` crate, not cut at the
/// first `@`, so a password with an `@` in it is hidden whole. Anything that is not a URL is
/// shown as it is: it has no password to hide.
pub fn without_password(text: &str) -> String {
    let Ok(mut url) = url::Url::parse(text) else {
        return text.to_string();
    };
    let secret = |key: &str| {
        let key = key.to_ascii_lowercase();
        key.contains("password") || key == "pass" || key == "pwd"
    };
    let hides_query = url.query_pairs().any(|(key, _)| secret(&key));
    if url.password().is_none() && !hides_query {
        return text.to_string();
    }
    if url.password().is_some() {
        let _ = url.set_password(Some("***"));
    }
    if hides_query {
        let pairs: Vec<(String, String)> = url
            .query_pairs()
            .map(|(key, value)| {
                let value = if secret(&key) {
                    "***".into()
                } else {
                    value.into_owned()
                };
                (key.into_owned(), value)
            })
            .collect();
        url.query_pairs_mut().clear().extend_pairs(pairs);
    }
    url.to_string()
}

/// The part of a database's error message worth showing: one line, without the driver's prefix.
pub fn one_line(message: &str) -> String {
    message.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_hidden_wherever_they_are_in_the_url() {
        assert_eq!(
            without_password("postgres://me:secret@host:5432/db"),
            "postgres://me:***@host:5432/db"
        );
        // An `@` in the password, written %40 as a URL must: hidden whole.
        assert_eq!(
            without_password("postgres://me:se%40cret@host/db"),
            "postgres://me:***@host/db"
        );
        assert_eq!(
            without_password("postgres://me@host/db?sslmode=disable&password=secret"),
            "postgres://me@host/db?sslmode=disable&password=***"
        );
        assert_eq!(without_password("sqlite://shop.db"), "sqlite://shop.db");
        assert_eq!(without_password("shop.db"), "shop.db");
    }

    #[test]
    fn no_transfer_overdraws_in_any_order() {
        // Each account's debits alone never exceed what it starts with.
        let mut paid = vec![0; ACCOUNTS as usize];
        for n in 0..TRANSFERS {
            let (from, _, amount) = transfer(n);
            paid[(from - 1) as usize] += amount;
        }
        assert!(paid.iter().all(|&p| p <= FIRST_BALANCE));
        let total: i64 = expected_balances().iter().sum();
        assert_eq!(total, ACCOUNTS * FIRST_BALANCE);
    }
}
