//! The database examples, run as real processes: their output against snapshots (less the `Time:`
//! line, which varies), the same results from the sync and the async one, one clear line for each
//! bad URL, no file left behind, and the PostgreSQL path against a server this test starts itself
//! when PostgreSQL is installed (it is skipped, and says so, when it is not).
//!
//! Run with `cargo test -p workbook-database`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Checks the workbook's own tests make too, written once.
#[path = "../../tests/common/shared.rs"]
mod shared;

/// The built example: `cargo test` builds examples into `target/<profile>/examples/`, beside the
/// `deps/` folder of this test binary.
fn example_binary(name: &str) -> PathBuf {
    let test_binary = std::env::current_exe().expect("the test binary knows its path");
    let profile = test_binary
        .parent()
        .and_then(Path::parent)
        .expect("test binaries live in target/<profile>/deps");
    let binary = profile.join("examples").join(name);
    assert!(binary.exists(), "{} is not built", binary.display());
    binary
}

struct Run {
    stdout: String,
    stderr: String,
    code: Option<i32>,
}

fn run_with(example: &str, args: &[&str], temp: Option<&Path>) -> Run {
    let mut command = Command::new(example_binary(example));
    command.args(args).env_remove("RUST_BACKTRACE");
    if let Some(temp) = temp {
        command.env("TMPDIR", temp);
    }
    let output = command.output().expect("the example starts");
    Run {
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        code: output.status.code(),
    }
}

fn run(example: &str, args: &[&str]) -> Run {
    run_with(example, args, None)
}

/// stdout without the `Time:` line, the only one that changes from run to run.
fn stable(stdout: &str) -> String {
    stdout
        .lines()
        .filter(|line| !line.starts_with("Time: "))
        .map(|line| format!("{line}\n"))
        .collect()
}

fn assert_ran(run: &Run, what: &str) {
    assert_eq!(
        run.code,
        Some(0),
        "{what} failed.\nstdout:\n{}\nstderr:\n{}",
        run.stdout,
        run.stderr
    );
    assert!(
        run.stdout
            .lines()
            .last()
            .is_some_and(|l| l.starts_with("Time: reads ")),
        "{what}: no Time line at the end:\n{}",
        run.stdout
    );
}

fn assert_one_line_failure(run: &Run, expected: &str) {
    shared::assert_one_line_failure(run.code, &run.stdout, &run.stderr, expected);
}

#[test]
fn database_sync() {
    let run = run("database_sync", &[]);
    assert_ran(&run, "database_sync");
    insta::assert_snapshot!("database_sync", stable(&run.stdout));
}

#[test]
fn database_async() {
    let run = run("database_async", &[]);
    assert_ran(&run, "database_async");
    insta::assert_snapshot!("database_async", stable(&run.stdout));
}

#[test]
fn sync_and_async_find_the_same_results() {
    let sync = stable(&run("database_sync", &[]).stdout);
    let asynchronous = stable(&run("database_async", &[]).stdout);
    let differ: Vec<_> = sync
        .lines()
        .zip(asynchronous.lines())
        .filter(|(s, a)| s != a)
        .collect();
    // Only how the queries ran differs, not what they found.
    assert_eq!(differ.len(), 2, "{differ:#?}");
    assert!(
        differ
            .iter()
            .all(|(s, _)| s.starts_with("1000 balance reads") || s.starts_with("200 transfers"))
    );
    assert_eq!(sync.lines().count(), asynchronous.lines().count());
}

#[test]
fn the_temporary_database_is_removed() {
    for example in ["database_sync", "database_async"] {
        let temp = tempfile::tempdir().expect("a temporary folder");
        let run = run_with(example, &[], Some(temp.path()));
        assert_ran(&run, example);
        let left: Vec<_> = std::fs::read_dir(temp.path())
            .expect("readable")
            .map(|e| e.expect("an entry").path())
            .collect();
        assert!(left.is_empty(), "{example} left {left:?} behind");
    }
}

/// How many tables the SQLite database file `file` holds.
fn tables_in(file: &std::path::Path) -> i64 {
    let db = rusqlite::Connection::open(file).expect("the file is a database");
    db.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
        [],
        |r| r.get(0),
    )
    .expect("a count")
}

#[test]
fn a_database_file_of_your_own_is_used_and_left_as_it_was() {
    for example in ["database_sync", "database_async"] {
        let folder = tempfile::tempdir().expect("a temporary folder");
        let file = folder.path().join("mine.db");
        let url = format!("sqlite://{}", file.display());
        let run = run(example, &["--database-url", &url]);
        assert_ran(&run, example);
        assert!(run.stdout.starts_with(&format!("Database: {url}\n")));
        // The shop was taken away again: the same run works a second time.
        let again = self::run(example, &["--database-url", &url]);
        assert_ran(&again, example);
        assert_eq!(tables_in(&file), 0, "{example} left a table behind");
    }
}

#[test]
fn a_table_in_the_way_is_one_clear_line_and_is_left_alone() {
    for example in ["database_sync", "database_async"] {
        let folder = tempfile::tempdir().expect("a temporary folder");
        let file = folder.path().join("taken.db");
        let db = rusqlite::Connection::open(&file).expect("a database");
        db.execute_batch("CREATE TABLE accounts (x TEXT); INSERT INTO accounts VALUES ('mine');")
            .expect("a table");
        let url = format!("sqlite://{}", file.display());
        let run = run(example, &["--database-url", &url]);
        assert_one_line_failure(
            &run,
            "cannot set up the shop: table accounts already exists",
        );
        let kept: String = db
            .query_row("SELECT x FROM accounts", [], |r| r.get(0))
            .expect("the table is still there");
        assert_eq!(kept, "mine");
    }
}

#[test]
fn bad_urls_are_one_clear_line() {
    let refused = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("can bind");
        let port = listener.local_addr().expect("an address").port();
        drop(listener);
        format!("postgres://me:secret@127.0.0.1:{port}/shop")
    };
    let cases: &[(&str, &str, &str)] = &[
        (
            "database_async",
            "nosuch://x",
            "no driver found for URL scheme \"nosuch\"",
        ),
        ("database_async", &refused, "Connection refused"),
        (
            "database_async",
            "sqlite:///no/such/folder/x.db",
            "unable to open database file",
        ),
        (
            "database_sync",
            "sqlite:///no/such/folder/x.db",
            "unable to open database file",
        ),
        (
            "database_sync",
            "postgres://x",
            "database_sync speaks SQLite only",
        ),
        ("database_sync", "shop.db", "not an SQLite URL: shop.db"),
    ];
    for (example, url, expected) in cases {
        let run = run(example, &["--database-url", url]);
        assert_one_line_failure(&run, expected);
        assert!(
            !run.stderr.contains("secret"),
            "a password was printed: {}",
            run.stderr
        );
    }
    // A bad option is a usage error: one line with the usage, exit code 2 (`workbook::cli`).
    for example in ["database_sync", "database_async"] {
        for args in [&["--verbose"][..], &["--database-url"], &["x", "y"]] {
            let run = run(example, args);
            assert_eq!(run.code, Some(2), "{example} {args:?}: {}", run.stderr);
            assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
            assert!(
                run.stderr.starts_with(&format!("{example}: ")) && run.stderr.contains("(usage: "),
                "{}",
                run.stderr
            );
        }
    }
}

#[test]
fn sqlite_in_memory_is_one_database_for_all_connections() {
    for example in ["database_sync", "database_async"] {
        let run = run(example, &["--database-url", "sqlite::memory:"]);
        assert_ran(&run, example);
        assert!(
            run.stdout.starts_with("Database: SQLite, in memory\n"),
            "{}",
            run.stdout
        );
        assert!(
            run.stdout
                .contains("gave up after 0.5 s: database is locked"),
            "{}",
            run.stdout
        );
    }
}

#[test]
fn read_only_creates_nothing_and_a_file_that_is_not_a_database_says_so() {
    for example in ["database_sync", "database_async"] {
        let folder = tempfile::tempdir().expect("a temporary folder");
        let file = folder.path().join("x.db");
        let url = format!("sqlite://{}?mode=ro", file.display());
        let run = run(example, &["--database-url", &url]);
        assert_one_line_failure(&run, "unable to open database file");
        let left: Vec<_> = std::fs::read_dir(folder.path())
            .expect("readable")
            .collect();
        assert!(left.is_empty(), "{example} made {left:?}");

        let junk = folder.path().join("junk.db");
        std::fs::write(
            &junk,
            b"this is not a database, only text, long enough to be read\n",
        )
        .expect("a file");
        let url = format!("sqlite://{}", junk.display());
        let run = self::run(example, &["--database-url", &url]);
        assert_one_line_failure(&run, "file is not a database");
    }
}

#[test]
fn a_password_is_never_printed() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("can bind");
        listener.local_addr().expect("an address").port()
    };
    let url = format!("postgres://me:se%40cret@127.0.0.1:{port}/shop?password=secret");
    let run = run("database_async", &["--database-url", &url]);
    assert_one_line_failure(&run, "postgres://me:***@127.0.0.1:");
    assert!(run.stderr.contains("?password=***"), "{}", run.stderr);
    assert!(
        !run.stderr.contains("secret") && !run.stderr.contains("cret"),
        "{}",
        run.stderr
    );
    let run = self::run("database_sync", &["--database-url", &url]);
    assert_one_line_failure(&run, "postgres://me:***@127.0.0.1:");
    assert!(!run.stderr.contains("cret"), "{}", run.stderr);
}

/// A server that accepts the connection and never answers: one line after the connect timeout,
/// not a wait for ever.
#[test]
fn a_database_that_never_answers_ends_the_run_in_time() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("can bind");
    let port = listener.local_addr().expect("an address").port();
    // Accepts (the kernel does, from the backlog) and never reads or writes.
    let url = format!("postgres://me@127.0.0.1:{port}/shop");
    let began = std::time::Instant::now();
    let run = run("database_async", &["--database-url", &url]);
    let took = began.elapsed();
    assert_one_line_failure(&run, "no answer within 5 s");
    assert!(took < std::time::Duration::from_secs(8), "took {took:?}");
    drop(listener);
}

/// Ctrl-C while the run is under way: the temporary folder is removed, and a file of yours keeps
/// no table of the run's. Exit code 130, as a shell reports a program stopped by Ctrl-C (or 0,
/// if the run was done before the signal came: nothing is left behind either way).
#[test]
fn ctrl_c_leaves_nothing_behind() {
    for example in ["database_sync", "database_async"] {
        let temp = tempfile::tempdir().expect("a temporary folder");
        let file = temp.path().join("mine.db");
        let url = format!("sqlite://{}", file.display());
        for args in [vec![], vec!["--database-url", url.as_str()]] {
            let mut child = Command::new(example_binary(example))
                .args(&args)
                .env_remove("RUST_BACKTRACE")
                .env("TMPDIR", temp.path())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("the example starts");
            let mut stdout = std::io::BufReader::new(child.stdout.take().expect("piped"));
            let mut line = String::new();
            // "Database: ...", then "Created 100 accounts ...": the shop is set up.
            for _ in 0..2 {
                line.clear();
                std::io::BufRead::read_line(&mut stdout, &mut line).expect("a line");
            }
            assert!(line.starts_with("Created"), "{example}: {line:?}");
            shared::ctrl_c_and_wait(&mut child, &format!("{example} {args:?}"));
            let left: Vec<_> = std::fs::read_dir(temp.path())
                .expect("readable")
                .map(|e| e.expect("an entry").file_name())
                .filter(|name| !name.to_string_lossy().starts_with("mine.db"))
                .collect();
            assert!(left.is_empty(), "{example} {args:?} left {left:?}");
        }
        assert_eq!(
            tables_in(&file),
            0,
            "{example} left a table behind after Ctrl-C"
        );
    }
}

/// A PostgreSQL server of its own, in a temporary folder, on a free port of 127.0.0.1; stopped and
/// removed when dropped. `None` when PostgreSQL is not installed or cannot start here.
struct Postgres {
    folder: tempfile::TempDir,
    port: u16,
    as_postgres: bool,
}

impl Postgres {
    fn start() -> Option<Postgres> {
        let folder = tempfile::tempdir().ok()?;
        // initdb refuses to run as root: run it as the `postgres` user when we are root.
        let as_postgres = Command::new("id")
            .arg("-u")
            .output()
            .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
        if as_postgres {
            let owned = Command::new("chown")
                .args(["postgres"])
                .arg(folder.path())
                .status()
                .is_ok_and(|s| s.success());
            if !owned {
                return None;
            }
        }
        let port = {
            let listener = std::net::TcpListener::bind("127.0.0.1:0").ok()?;
            listener.local_addr().ok()?.port()
        };
        let server = Postgres {
            folder,
            port,
            as_postgres,
        };
        let data = server.folder.path().join("data");
        let data = data.to_str()?;
        let socket_dir = server.folder.path().to_str()?.to_string();
        let options = format!("-p {port} -k {socket_dir} -c listen_addresses=127.0.0.1");
        let log = format!("{socket_dir}/log");
        let init = server.tool(
            "initdb",
            &["-D", data, "-A", "trust", "-U", "postgres", "--no-sync"],
        );
        if !init {
            return None;
        }
        server
            .tool(
                "pg_ctl",
                &["-D", data, "-o", &options, "-l", &log, "-w", "start"],
            )
            .then_some(server)
    }

    /// Runs a PostgreSQL tool (as the `postgres` user if we are root); true if it succeeded.
    fn tool(&self, name: &str, args: &[&str]) -> bool {
        let mut command = if self.as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--", name]);
            c
        } else {
            Command::new(name)
        };
        command
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    }

    fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        let data = self.folder.path().join("data");
        if let Some(data) = data.to_str() {
            self.tool("pg_ctl", &["-D", data, "-m", "immediate", "stop"]);
        }
    }
}

#[test]
fn database_async_on_postgres() {
    let Some(postgres) = Postgres::start() else {
        eprintln!("skipped: PostgreSQL (initdb, pg_ctl) is not installed or cannot start here");
        return;
    };
    let url = postgres.url();
    let run = run("database_async", &["--database-url", &url]);
    assert_ran(&run, "database_async on PostgreSQL");
    let port = format!(":{}/", postgres.port);
    insta::assert_snapshot!(
        "database_async_postgres",
        stable(&run.stdout).replace(&port, ":PORT/")
    );
    // The same results as on SQLite: only the database's own error messages differ.
    let sqlite = stable(&self::run("database_async", &[]).stdout);
    let on_postgres = stable(&run.stdout);
    let differ = sqlite
        .lines()
        .zip(on_postgres.lines())
        .filter(|(s, p)| s != p)
        .count();
    assert_eq!(differ, 4, "the Database line and three error messages");
    // It cleans up after itself: a second run sets the shop up anew.
    let again = self::run("database_async", &["--database-url", &url]);
    assert_ran(&again, "database_async on PostgreSQL, again");
}
