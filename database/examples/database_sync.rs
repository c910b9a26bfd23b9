//! database_sync: a real database from sync code. One SQLite connection (rusqlite) sets up a shop's
//! accounts, reads balances and makes transfers, one query after another; then three faults,
//! staged on purpose, each give one clear line and leave nothing half-written.
//!
//! The database is a new SQLite file in a temporary folder, removed at the end, or an SQLite file
//! of your own with `--database-url sqlite://PATH` (`?mode=ro`, `rw` or `rwc` as SQLite's own URLs
//! say; `rwc`, create it if need be, unless you say otherwise), or `sqlite::memory:`. 1000 balance
//! reads, then 200 transfers, each in a transaction of its own. The numbers it prints are worked
//! out in advance and checked. It leaves nothing behind, on Ctrl-C too: the temporary folder is
//! removed, and a file of yours loses the `accounts` table the run made.
//! Run: `cargo run -p workbook-database --example database_sync` (well under a second; the first
//! build compiles SQLite and takes a minute or two). Compare with `database_async`.

use std::time::{Duration, Instant};

use anyhow::{anyhow, bail};
use rusqlite::{Connection, OpenFlags, params};
use workbook::scratch::{on_ctrl_c, scratch_dir};
use workbook_database::{
    ACCOUNTS, FIRST_BALANCE, READS, TRANSFERS, account_to_read, expected_balances, one_line,
    transfer, without_password,
};

// ANCHOR: transfer
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
// ANCHOR_END: transfer

fn balance(db: &Connection, account: i64) -> rusqlite::Result<i64> {
    db.query_row(
        "SELECT balance FROM accounts WHERE id = ?1",
        [account],
        |row| row.get(0),
    )
}

fn main() -> workbook::Result {
    let url = workbook::cli::parse::<Options>().database_url;
    let (_folder, sqlite, shown) = sqlite_file(url.as_deref())?;
    let open = || Connection::open_with_flags(&sqlite.path, sqlite.flags);
    let cannot_open =
        |e: rusqlite::Error| anyhow!("cannot open the database at {shown}: {}", message(&e));
    let mut db = open().map_err(cannot_open)?;
    // WAL lets readers go on while a writer writes; NORMAL syncs to disk at checkpoints, not at
    // every commit. A busy database is waited for, up to 5 s, before "database is locked". These
    // are the first reads of the file: one that is not a database fails here.
    db.pragma_update(None, "journal_mode", "WAL")
        .map_err(cannot_open)?;
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
    if url.is_some() {
        // The table is this run's own from here: take it away on Ctrl-C too, on a connection of
        // its own, waiting up to 3 s for this one to finish what it is writing.
        let (path, flags) = (sqlite.path.clone(), sqlite.flags);
        on_ctrl_c(move || {
            if let Ok(db) = Connection::open_with_flags(&path, flags) {
                let _ = db.busy_timeout(Duration::from_secs(3));
                let _ = db.execute("DROP TABLE IF EXISTS accounts", []);
            }
        });
    }
    for id in 1..=ACCOUNTS {
        setup.execute(
            "INSERT INTO accounts (id, owner, balance) VALUES (?1, ?2, ?3)",
            params![id, format!("owner {id}"), FIRST_BALANCE],
        )?;
    }
    setup.commit()?;
    println!("Created {ACCOUNTS} accounts of {FIRST_BALANCE} each, in one transaction");

    // ANCHOR: queries
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
    // ANCHOR_END: queries
    check_balances(&db)?;

    println!();
    // ANCHOR: faults
    println!("Three faults, on purpose. Each gives one line, and the run goes on:");
    // 1. A query for a table that is not there (a typo in its name).
    match balance_from_misspelled_table(&db) {
        Ok(_) => println!("  a missing table: found after all?"),
        Err(e) => println!("  a missing table: {}", message(&e)),
    }
    // 2. Another connection is in the middle of a write, and will not finish in time.
    let other = open()?;
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
    // ANCHOR_END: faults

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

/// Which SQLite database to open, and how.
struct Sqlite {
    /// A file's path, or a URI (`file:...`) for the one in memory.
    path: String,
    flags: OpenFlags,
}

/// Where the SQLite database is: a new file in a temporary folder (removed when the folder is
/// dropped, and on Ctrl-C), the one a `sqlite://PATH?mode=...` URL names, or one in memory.
/// Returns the folder to keep, the database, and what to show.
fn sqlite_file(url: Option<&str>) -> anyhow::Result<(Option<tempfile::TempDir>, Sqlite, String)> {
    let create = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE;
    let Some(url) = url else {
        let folder = scratch_dir("database_sync")?;
        let path = folder.path().join("shop.db").display().to_string();
        let shown = "SQLite, a new file in a temporary folder".to_string();
        return Ok((
            Some(folder),
            Sqlite {
                path,
                flags: create,
            },
            shown,
        ));
    };
    if url == "sqlite::memory:" || url == "sqlite://:memory:" {
        // One database in memory, shared by this run's two connections by its name.
        let path = format!("file:/workbook-shop-{}?vfs=memdb", std::process::id());
        let flags = create | OpenFlags::SQLITE_OPEN_URI;
        return Ok((
            None,
            Sqlite { path, flags },
            "SQLite, in memory".to_string(),
        ));
    }
    let shown = without_password(url);
    let Some(rest) = url.strip_prefix("sqlite://") else {
        if url.starts_with("postgres") {
            bail!(
                "database_sync speaks SQLite only: run database_async for {shown} (from sync code, \
                 PostgreSQL is the `postgres` crate's job)"
            );
        }
        bail!("not an SQLite URL: {shown} (write sqlite://PATH)");
    };
    // The path ends where the query begins: `?mode=ro` is not part of the file's name.
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    if path.is_empty() {
        bail!("no file in {shown} (write sqlite://PATH)");
    }
    let mut flags = create;
    for (key, value) in query.split('&').filter_map(|pair| pair.split_once('=')) {
        flags = match (key, value) {
            ("mode", "ro") => OpenFlags::SQLITE_OPEN_READ_ONLY,
            ("mode", "rw") => OpenFlags::SQLITE_OPEN_READ_WRITE,
            ("mode", "rwc") => create,
            ("mode", other) => bail!("?mode= takes ro, rw or rwc, not {other}"),
            _ => flags,
        };
    }
    let path = path.to_string();
    Ok((None, Sqlite { path, flags }, shown))
}

/// `[--database-url URL]`.
#[derive(clap::Parser)]
struct Options {
    /// The database: sqlite://PATH[?mode=ro|rw|rwc] or sqlite::memory:; without one, a new SQLite file in a temporary folder.
    #[arg(long = "database-url", value_name = "URL")]
    database_url: Option<String>,
}
