//! database_sync: a real database from sync code. One SQLite connection (rusqlite) sets up a shop's
//! accounts, reads balances and makes transfers, one query after another; then three faults,
//! staged on purpose, each give one clear line and leave nothing half-written.
//!
//! The database is a new SQLite file in a temporary folder, removed at the end, or an SQLite file
//! of your own with `--database-url sqlite://PATH`. 1000 balance reads, then 200 transfers, each in
//! a transaction of its own. The numbers it prints are worked out in advance and checked.
//! Run: `cargo run -p workbook-database --example database_sync` (well under a second; the first
//! build compiles SQLite and takes a minute or two). Compare with `database_async`.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail};
use rusqlite::{Connection, OpenFlags, params};
use workbook_database::{
    ACCOUNTS, FIRST_BALANCE, READS, TRANSFERS, account_to_read, expected_balances, one_line,
    transfer,
};

/// Moves `amount` from one account to another in one transaction: both updates, or neither.
fn move_money(db: &mut Connection, from: i64, to: i64, amount: i64) -> rusqlite::Result<()> {
    // Dropping a transaction that was not committed rolls it back: an error at any `?` below
    // undoes what came before it.
    let tx = db.transaction()?;
    // The smaller account id first, always, so two transfers never wait for each other in a
    // circle (a deadlock) on databases that lock rows.
    let mut changes = [(to, amount), (from, -amount)];
    changes.sort();
    for (account, change) in changes {
        tx.execute(
            "UPDATE accounts SET balance = balance + ?1 WHERE id = ?2",
            params![change, account],
        )?;
    }
    tx.commit()
}

fn balance(db: &Connection, account: i64) -> rusqlite::Result<i64> {
    db.query_row(
        "SELECT balance FROM accounts WHERE id = ?1",
        [account],
        |row| row.get(0),
    )
}

fn main() -> anyhow::Result<()> {
    let url = database_url_from_args()?;
    let (_folder, path, shown) = sqlite_file(url.as_deref())?;
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE;
    let mut db = Connection::open_with_flags(&path, flags)
        .map_err(|e| anyhow!("cannot open the database at {shown}: {}", message(&e)))?;
    // WAL lets readers go on while a writer writes; NORMAL syncs to disk at checkpoints, not at
    // every commit. A busy database is waited for, up to 5 s, before "database is locked".
    db.pragma_update(None, "journal_mode", "WAL")?;
    db.pragma_update(None, "synchronous", "NORMAL")?;
    db.busy_timeout(Duration::from_secs(5))?;
    println!("Database: {shown}");

    // The whole setup in one transaction: if any of it fails, none of it is left behind.
    let setup = db.transaction()?;
    setup
        .execute(
            "CREATE TABLE accounts (id BIGINT PRIMARY KEY, owner TEXT NOT NULL, \
             balance BIGINT NOT NULL CHECK (balance >= 0))",
            [],
        )
        .map_err(|e| anyhow!("cannot set up the shop: {}", message(&e)))?;
    for id in 1..=ACCOUNTS {
        setup.execute(
            "INSERT INTO accounts (id, owner, balance) VALUES (?1, ?2, ?3)",
            params![id, format!("owner {id}"), FIRST_BALANCE],
        )?;
    }
    setup.commit()?;
    println!("Created {ACCOUNTS} accounts of {FIRST_BALANCE} each, in one transaction");

    let reads_began = Instant::now();
    let mut sum = 0;
    for read in 0..READS {
        sum += balance(&db, account_to_read(read))?;
    }
    let reads_took = reads_began.elapsed();
    println!("{READS} balance reads, one after another on one connection: they add up to {sum}");

    let transfers_began = Instant::now();
    for n in 0..TRANSFERS {
        let (from, to, amount) = transfer(n);
        move_money(&mut db, from, to, amount)?;
    }
    let transfers_took = transfers_began.elapsed();
    println!("{TRANSFERS} transfers, one after another, each in its own transaction: done");
    check_balances(&db)?;

    println!();
    println!("Three faults, on purpose. Each gives one line, and the run goes on:");
    // 1. A query for a table that is not there (a typo in its name).
    match balance_from_misspelled_table(&db) {
        Ok(_) => println!("  a missing table: found after all?"),
        Err(e) => println!("  a missing table: {}", message(&e)),
    }
    // 2. Another connection is in the middle of a write, and will not finish in time.
    let other = Connection::open(&path)?;
    other.execute_batch("BEGIN IMMEDIATE; UPDATE accounts SET balance = balance WHERE id = 1")?;
    db.busy_timeout(Duration::from_millis(500))?;
    match move_money(&mut db, 1, 2, 1) {
        Ok(()) => println!("  a locked database: not locked after all?"),
        Err(e) => println!("  a locked database: gave up after 0.5 s: {}", message(&e)),
    }
    other.execute_batch("ROLLBACK")?;
    db.busy_timeout(Duration::from_secs(5))?;
    // 3. A transfer whose second update fails: account 2 cannot pay 500.
    let before = (balance(&db, 1)?, balance(&db, 2)?);
    match move_money(&mut db, 2, 1, 500) {
        Ok(()) => println!("  a transfer that fails halfway: it did not fail?"),
        Err(e) => println!("  a transfer that fails halfway: {}", message(&e)),
    }
    let after = (balance(&db, 1)?, balance(&db, 2)?);
    println!(
        "    rolled back: account 1 holds {} (was {}), account 2 holds {} (was {})",
        after.0, before.0, after.1, before.1
    );
    check_balances(&db)?;

    if url.is_some() {
        // A database of yours: take the shop away again, so the next run can set it up anew.
        db.execute("DROP TABLE accounts", [])?;
    }
    println!(
        "Time: reads {:.3} s, transfers {:.3} s (it varies from run to run)",
        reads_took.as_secs_f64(),
        transfers_took.as_secs_f64()
    );
    Ok(())
}

fn balance_from_misspelled_table(db: &Connection) -> rusqlite::Result<i64> {
    db.query_row("SELECT balance FROM acounts WHERE id = ?1", [1], |row| {
        row.get(0)
    })
}

/// Every balance is what the transfers should have made it, and the money adds up.
fn check_balances(db: &Connection) -> anyhow::Result<()> {
    let mut query = db.prepare("SELECT balance FROM accounts ORDER BY id")?;
    let balances = query
        .query_map([], |row| row.get::<_, i64>(0))?
        .collect::<rusqlite::Result<Vec<i64>>>()?;
    if balances != expected_balances() {
        bail!("the balances are not what the transfers should have left");
    }
    let total: i64 = balances.iter().sum();
    println!(
        "  accounts 1 to 5 hold {:?}; all {ACCOUNTS} hold {total}, as expected",
        &balances[..5]
    );
    Ok(())
}

/// The database's own message, without rusqlite's wrapping.
fn message(error: &rusqlite::Error) -> String {
    match error {
        rusqlite::Error::SqliteFailure(_, Some(text)) => one_line(text),
        other => one_line(&other.to_string()),
    }
}

/// Where the SQLite file is: a new one in a temporary folder (removed when the folder is dropped),
/// or the one a `sqlite://PATH` URL names. Returns the folder to keep, the path, and what to show.
fn sqlite_file(url: Option<&str>) -> anyhow::Result<(Option<tempfile::TempDir>, PathBuf, String)> {
    match url {
        None => {
            let folder =
                tempfile::tempdir().map_err(|e| anyhow!("cannot make a temporary folder: {e}"))?;
            let path = folder.path().join("shop.db");
            let shown = "SQLite, a new file in a temporary folder".to_string();
            Ok((Some(folder), path, shown))
        }
        Some(url) => match url.strip_prefix("sqlite://") {
            Some(path) if !path.is_empty() => Ok((None, PathBuf::from(path), url.to_string())),
            _ if url.starts_with("postgres") => bail!(
                "database_sync speaks SQLite only: run database_async for {url} (from sync code, \
                 PostgreSQL is the `postgres` crate's job)"
            ),
            _ => bail!("not an SQLite URL: {url} (write sqlite://PATH)"),
        },
    }
}

/// `[--database-url URL]`.
fn database_url_from_args() -> anyhow::Result<Option<String>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [] => Ok(None),
        [flag, url] if flag == "--database-url" => Ok(Some(url.clone())),
        _ => bail!("usage: [--database-url sqlite://PATH]"),
    }
}
