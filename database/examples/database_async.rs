//! database_async: the same shop through an async pool of connections (sqlx), with 10 queries in
//! flight at a time; the same three faults, each one clear line, nothing half-written.
//!
//! The database is a new SQLite file in a temporary folder, removed at the end, or the one
//! `--database-url` names: `sqlite://PATH`, `sqlite::memory:`, or a PostgreSQL server's
//! `postgres://USER:PASSWORD@HOST:PORT/DATABASE` (the same queries run on both; the password is
//! never printed). 1000 balance reads, then 200 transfers, each in a transaction of its own. The
//! numbers it prints are worked out in advance and checked. It leaves nothing behind, on Ctrl-C
//! too: the temporary folder is removed, and a database of yours loses the `accounts` table the
//! run made. A database that does not answer within 5 s, or stops answering for 30 s, ends the
//! run with one line.
//! Run: `cargo run -p workbook-database --example database_async` (well under a second; the first
//! build compiles SQLite and takes a minute or two). Compare with `database_sync`.

use std::time::{Duration, Instant};

use anyhow::{anyhow, bail};
use futures::{StreamExt, TryStreamExt, stream};
use sqlx::any::AnyPoolOptions;
use sqlx::{AnyConnection, AnyPool, Connection, Executor};
use workbook::scratch::{on_ctrl_c, scratch_dir};
use workbook_database::{
    ACCOUNTS, CONNECT_TIMEOUT, FIRST_BALANCE, READS, TRANSFERS, account_to_read, expected_balances,
    one_line, transfer, without_password,
};

const CONNECTIONS: u32 = 5;
const AT_A_TIME: usize = 10;
/// The whole run takes well under a second; a database that has not finished it in this long has
/// stopped answering.
const RUN_TIMEOUT: Duration = Duration::from_secs(30);

// ANCHOR: transfer
/// Moves `amount` from one account to another in one transaction: both updates, or neither.
async fn move_money(
    db: &mut AnyConnection,
    from: i64,
    to: i64,
    amount: i64,
) -> Result<(), sqlx::Error> {
    // Dropping a transaction that was not committed rolls it back: an error at any `?` below
    // undoes what came before it.
    let mut tx = db.begin().await?;
    // The smaller account id first, always, so two transfers never wait for each other in a
    // circle (a deadlock) on databases that lock rows, as PostgreSQL does.
    let mut changes = [(to, amount), (from, -amount)];
    changes.sort();
    for (account, change) in changes {
        sqlx::query("UPDATE accounts SET balance = balance + $1 WHERE id = $2")
            .bind(change)
            .bind(account)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await
}
// ANCHOR_END: transfer

async fn balance(db: &AnyPool, account: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT balance FROM accounts WHERE id = $1")
        .bind(account)
        .fetch_one(db)
        .await
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> workbook::Result {
    let url = workbook::cli::parse::<Options>().database_url;
    let (_folder, url_to_open, shown) = database(url.as_deref())?;
    sqlx::any::install_default_drivers();
    tokio::time::timeout(RUN_TIMEOUT, run(url.is_some(), url_to_open, &shown))
        .await
        .map_err(|_| anyhow!("the database at {shown} stopped answering: no result in 30 s"))??;
    Ok(())
}

async fn run(yours: bool, url_to_open: String, shown: &str) -> anyhow::Result<()> {
    let sqlite = url_to_open.starts_with("sqlite:");
    let cannot_open = |why: String| anyhow!("cannot open the database at {shown}: {why}");
    // One connection first, to fail with the database's own reason (a refused connection, a wrong
    // password, a file that is not a database, ...): a pool keeps retrying until its timeout, then
    // says only that it timed out.
    let first = async {
        let mut connection = AnyConnection::connect(&url_to_open).await?;
        // Opening an SQLite file reads nothing yet; this reads its header.
        let check = if sqlite {
            "PRAGMA schema_version"
        } else {
            "SELECT 1"
        };
        connection.execute(check).await?;
        connection.close().await
    };
    tokio::time::timeout(CONNECT_TIMEOUT, first)
        .await
        .map_err(|_| cannot_open("no answer within 5 s".into()))?
        .map_err(|e| cannot_open(message(&e)))?;
    let db = AnyPoolOptions::new()
        .max_connections(CONNECTIONS)
        // An in-memory database lives as long as one connection to it: keep one open.
        .min_connections(1)
        .idle_timeout(None)
        .max_lifetime(None)
        .acquire_timeout(Duration::from_secs(3))
        .after_connect(move |connection, _| {
            Box::pin(async move {
                if sqlite {
                    // Sync to disk at checkpoints, not at every commit (as database_sync does).
                    connection.execute("PRAGMA synchronous = NORMAL").await?;
                }
                Ok(())
            })
        })
        .connect(&url_to_open)
        .await
        .map_err(|e| cannot_open(message(&e)))?;
    if sqlite {
        // WAL lets readers go on while a writer writes. (sqlx waits up to 5 s for a busy
        // database before "database is locked".)
        db.execute("PRAGMA journal_mode = WAL").await?;
    }
    println!("Database: {shown}");

    // The whole setup in one transaction: if any of it fails, none of it is left behind.
    let mut setup = db.begin().await?;
    setup
        .execute(
            "CREATE TABLE accounts (id BIGINT PRIMARY KEY, owner TEXT NOT NULL, \
             balance BIGINT NOT NULL CHECK (balance >= 0))",
        )
        .await
        .map_err(|e| anyhow!("cannot set up the shop: {}", message(&e)))?;
    if yours {
        // The table is this run's own from here: take it away on Ctrl-C too.
        let url = url_to_open.clone();
        on_ctrl_c(move || drop_the_shop(&url));
    }
    for id in 1..=ACCOUNTS {
        sqlx::query("INSERT INTO accounts (id, owner, balance) VALUES ($1, $2, $3)")
            .bind(id)
            .bind(format!("owner {id}"))
            .bind(FIRST_BALANCE)
            .execute(&mut *setup)
            .await?;
    }
    setup.commit().await?;
    println!("Created {ACCOUNTS} accounts of {FIRST_BALANCE} each, in one transaction");

    // ANCHOR: queries
    // Each read borrows a connection from the pool for as long as its query runs.
    let reads_began = Instant::now();
    let db = &db;
    let sum: i64 = stream::iter(0..READS)
        .map(|read| balance(db, account_to_read(read)))
        .buffer_unordered(AT_A_TIME)
        .try_fold(0, |sum, balance| async move { Ok(sum + balance) })
        .await?;
    let reads_took = reads_began.elapsed();
    println!(
        "{READS} balance reads, {AT_A_TIME} at a time on {CONNECTIONS} connections: they add up to {sum}"
    );

    let transfers_began = Instant::now();
    stream::iter(0..TRANSFERS)
        .map(|n| async move {
            let (from, to, amount) = transfer(n);
            let mut connection = db.acquire().await?;
            move_money(&mut connection, from, to, amount).await
        })
        .buffer_unordered(AT_A_TIME)
        .try_collect::<()>()
        .await?;
    let transfers_took = transfers_began.elapsed();
    println!("{TRANSFERS} transfers, {AT_A_TIME} at a time, each in its own transaction: done");
    // ANCHOR_END: queries
    check_balances(db).await?;

    println!();
    // ANCHOR: faults
    println!("Three faults, on purpose. Each gives one line, and the run goes on:");
    // 1. A query for a table that is not there (a typo in its name).
    match balance_from_misspelled_table(db).await {
        Ok(_) => println!("  a missing table: found after all?"),
        Err(e) => println!("  a missing table: {}", message(&e)),
    }
    // 2. Another connection is in the middle of a write, and will not finish in time.
    let mut other = db.begin().await?;
    other
        .execute("UPDATE accounts SET balance = balance WHERE id = 1")
        .await?;
    let mut impatient = db.acquire().await?.detach(); // Closed when dropped, never reused.
    impatient
        .execute(if sqlite {
            "PRAGMA busy_timeout = 500"
        } else {
            "SET lock_timeout = '500ms'"
        })
        .await?;
    match move_money(&mut impatient, 1, 2, 1).await {
        Ok(()) => println!("  a locked database: not locked after all?"),
        Err(e) => println!("  a locked database: gave up after 0.5 s: {}", message(&e)),
    }
    other.rollback().await?;
    // 3. A transfer whose second update fails: account 2 cannot pay 500.
    let before = (balance(db, 1).await?, balance(db, 2).await?);
    let mut connection = db.acquire().await?;
    match move_money(&mut connection, 2, 1, 500).await {
        Ok(()) => println!("  a transfer that fails halfway: it did not fail?"),
        Err(e) => println!("  a transfer that fails halfway: {}", message(&e)),
    }
    drop(connection);
    let after = (balance(db, 1).await?, balance(db, 2).await?);
    println!(
        "    rolled back: account 1 holds {} (was {}), account 2 holds {} (was {})",
        after.0, before.0, after.1, before.1
    );
    check_balances(db).await?;
    // ANCHOR_END: faults

    if yours {
        // A database of yours: take the shop away again, so the next run can set it up anew.
        db.execute("DROP TABLE accounts").await?;
    }
    db.close().await;
    println!(
        "Time: reads {:.3} s, transfers {:.3} s (it varies from run to run)",
        reads_took.as_secs_f64(),
        transfers_took.as_secs_f64()
    );
    Ok(())
}

async fn balance_from_misspelled_table(db: &AnyPool) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT balance FROM acounts WHERE id = $1")
        .bind(1_i64)
        .fetch_one(db)
        .await
}

/// Every balance is what the transfers should have made it, and the money adds up.
async fn check_balances(db: &AnyPool) -> anyhow::Result<()> {
    let balances: Vec<i64> = sqlx::query_scalar("SELECT balance FROM accounts ORDER BY id")
        .fetch_all(db)
        .await?;
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

/// The database's own message when it gave one, else sqlx's, on one line.
fn message(error: &sqlx::Error) -> String {
    match error.as_database_error() {
        Some(database) => one_line(database.message()),
        None => one_line(&error.to_string()),
    }
}

/// On Ctrl-C: drops the `accounts` table this run made in a database of yours, on a connection
/// of its own (the run's own are busy, or gone), giving up after 3 s.
fn drop_the_shop(url: &str) {
    let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    else {
        return;
    };
    let drop_table = async {
        let mut connection = AnyConnection::connect(url).await?;
        connection.execute("DROP TABLE IF EXISTS accounts").await?;
        connection.close().await
    };
    let _ =
        runtime.block_on(async { tokio::time::timeout(Duration::from_secs(3), drop_table).await });
}

/// The URL to open, the temporary folder to keep (if any) and what to show: a new SQLite file in a
/// temporary folder (removed when the folder is dropped, and on Ctrl-C), or the URL given.
fn database(url: Option<&str>) -> anyhow::Result<(Option<tempfile::TempDir>, String, String)> {
    match url {
        None => {
            let folder = scratch_dir("database_async")?;
            let path = folder.path().join("shop.db");
            let url = format!("sqlite://{}?mode=rwc", path.display());
            let shown = "SQLite, a new file in a temporary folder".to_string();
            Ok((Some(folder), url, shown))
        }
        // One in-memory database for every connection of the pool, by a name of its own: with
        // `sqlite::memory:` itself, each connection would open a database of its own.
        Some("sqlite::memory:" | "sqlite://:memory:") => {
            let name = format!("workbook-shop-{}", std::process::id());
            let url = format!("sqlite:/{name}?vfs=memdb");
            Ok((None, url, "SQLite, in memory".to_string()))
        }
        // An SQLite file of yours is created if it is not there, as database_sync does. With a
        // `?mode=` of your own, as you say (`?mode=ro` creates nothing).
        Some(url) if url.starts_with("sqlite://") && !url.contains('?') => {
            Ok((None, format!("{url}?mode=rwc"), url.to_string()))
        }
        Some(url) => Ok((None, url.to_string(), without_password(url))),
    }
}

/// `[--database-url URL]`.
#[derive(clap::Parser)]
struct Options {
    /// The database: sqlite://PATH, sqlite::memory: or postgres://USER:PASSWORD@HOST:PORT/DATABASE; without one, a new SQLite file in a temporary folder.
    #[arg(long = "database-url", value_name = "URL")]
    database_url: Option<String>,
}
