//! The HTTP part: the workbook's server (`src/server.rs`) on its own, the `web_server` example, and
//! the HTTP clients against bad input and every fault the server can stage. Each fault must give
//! one clear line for its URL while the run goes on, and a non-zero exit; never a panic.
//!
//! Everything talks to 127.0.0.1 only. `tests/examples.rs` checks the default runs and their times.

use std::io::{BufRead, Read};
use std::net::TcpListener;
use std::time::{Duration, Instant};

use crate::common::{self, Run, UrlFile, run_example, start_example};
use workbook::server::{self, Config};

const CLIENTS: [&str; 2] = ["http_many_sync", "http_many_async"];

/// A port on 127.0.0.1 that refuses connections for as long as this lives: a socket bound to it
/// that does not listen. Nothing else can take the port meanwhile; a port only found free and
/// closed again was now and then taken by another test's server before the client connected.
/// Five digits, so the output lines up the same way whatever port it is.
struct RefusingPort {
    socket: libc::c_int,
    port: u16,
}

impl Drop for RefusingPort {
    fn drop(&mut self) {
        // SAFETY: the socket was opened by `port_with_nothing_listening` and is closed once.
        unsafe { libc::close(self.socket) };
    }
}

fn port_with_nothing_listening() -> RefusingPort {
    loop {
        // SAFETY: plain socket calls on a socket of our own, with a zeroed sockaddr_in filled in.
        let bound = unsafe {
            let socket = libc::socket(libc::AF_INET, libc::SOCK_STREAM | libc::SOCK_CLOEXEC, 0);
            assert!(socket >= 0, "a socket");
            let mut address: libc::sockaddr_in = std::mem::zeroed();
            address.sin_family = libc::AF_INET as libc::sa_family_t;
            address.sin_addr.s_addr = u32::from(std::net::Ipv4Addr::LOCALHOST).to_be();
            let size = std::mem::size_of::<libc::sockaddr_in>() as libc::socklen_t;
            let pointer = &mut address as *mut libc::sockaddr_in as *mut libc::sockaddr;
            assert_eq!(libc::bind(socket, pointer, size), 0, "bind 127.0.0.1");
            let mut length = size;
            assert_eq!(
                libc::getsockname(socket, pointer, &mut length),
                0,
                "its port"
            );
            RefusingPort {
                socket,
                port: u16::from_be(address.sin_port),
            }
        };
        if bound.port >= 10_000 {
            return bound;
        }
    }
}

/// The run failed the way bad input should: exit code 1, one line on stderr, no panic.
fn assert_one_line_failure(run: &Run, what: &str) {
    assert_eq!(
        run.code,
        Some(1),
        "{what}: expected exit code 1.\nstdout:\n{}\nstderr:\n{}",
        run.stdout,
        run.stderr
    );
    assert_eq!(
        run.stderr.lines().count(),
        1,
        "{what}: expected one line on stderr, got:\n{}",
        run.stderr
    );
    assert!(
        run.stderr.starts_with("Error: ") && !run.stderr.contains("panicked"),
        "{what}: {}",
        run.stderr
    );
}

// ---- The clients against bad input ----

#[test]
fn a_missing_url_file_is_one_clear_line() {
    for client in CLIENTS {
        let run = run_example(client, &["no-such-urls.txt"]);
        assert_one_line_failure(&run, client);
        assert_eq!(
            run.stderr,
            "Error: cannot read the URL file no-such-urls.txt: \
             No such file or directory (os error 2)\n"
        );
        assert_eq!(
            run.stdout, "",
            "{client} fetched nothing, so prints nothing"
        );
    }
}

#[test]
fn an_unreadable_url_file_is_one_clear_line() {
    // Permissions cannot make a file unreadable to root, so: a folder.
    let folder = env!("CARGO_MANIFEST_DIR");
    for client in CLIENTS {
        let run = run_example(client, &[folder]);
        assert_one_line_failure(&run, client);
        assert!(
            run.stderr.contains("cannot read the URL file"),
            "{client} {folder}: {}",
            run.stderr
        );
    }
}

#[test]
fn a_line_that_is_not_text_fails_alone_with_its_number() {
    let not_text = UrlFile::new(b"/page/0\n\xff\xfe\n/page/1\n");
    for client in CLIENTS {
        let run = run_example(client, &[not_text.arg()]);
        assert_one_line_failure(&run, client);
        let words: Vec<String> = run
            .stdout
            .lines()
            .map(|l| l.split_whitespace().skip(2).collect::<Vec<_>>().join(" "))
            .collect();
        for expected in [
            "/page/0 \"Page 0\"",
            "(line 2) failed: not UTF-8 text",
            "/page/1 \"Page 1\"",
        ] {
            assert!(
                words.iter().any(|w| w == expected),
                "{client}: {expected:?} in\n{}",
                run.stdout
            );
        }
        assert_eq!(run.stderr, "Error: 1 of 3 URLs failed\n");
    }
}

/// A port out of range is an error before anything is sent (it used to go to port 80), and an
/// IPv6 literal is a host like any other.
#[test]
fn ports_and_hosts_are_checked_before_anything_is_sent() {
    let refusing = port_with_nothing_listening();
    let port = refusing.port;
    let list = format!("http://127.0.0.1:99999/\nhttp://[::1]:{port}/\nhttp://127.0.0.1:0/\n");
    let file = UrlFile::new(list.as_bytes());
    for client in CLIENTS {
        let run = run_example(client, &["--timeout", "2", file.arg()]);
        assert_one_line_failure(&run, client);
        let stdout = run.stdout.replace(&format!(":{port}/"), ":NNNNN/");
        let words = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
        for expected in [
            "http://127.0.0.1:99999/ failed: not a URL (invalid port number)",
            // Nothing listens on ::1 there: refused, not "Name or service not known".
            "http://[::1]:NNNNN/ failed: Connection refused (os error 111)",
        ] {
            assert!(
                stdout.lines().any(|line| words(line).ends_with(expected)),
                "{client}: no line {expected:?} in\n{stdout}"
            );
        }
        assert!(!stdout.contains("\"Page"), "{client}: {stdout}");
    }
    // On the command line, a bad URL is a usage error that names it.
    for url in ["http://127.0.0.1:99999/", "http://[::1]:99999/"] {
        let run = run_example("http_get_async", &[url]);
        assert_usage_error(&run, url, "not a URL (invalid port number)");
        assert!(run.stderr.contains(url), "{}", run.stderr);
    }
}

#[test]
fn a_url_file_with_no_urls_is_one_clear_line() {
    let empty = UrlFile::new(b"# only a comment\n\n   \n");
    for client in CLIENTS {
        let run = run_example(client, &[empty.arg()]);
        assert_one_line_failure(&run, client);
        assert!(run.stderr.contains("no URLs in"), "{}", run.stderr);
    }
}

/// A usage error: exit code 2, one line on stderr that names the problem and gives the usage
/// (`workbook::cli`), nothing on stdout.
fn assert_usage_error(run: &Run, what: &str, expected: &str) {
    assert_eq!(
        run.code,
        Some(2),
        "{what}: exit code.\nstderr:\n{}",
        run.stderr
    );
    assert_eq!(run.stderr.lines().count(), 1, "{what}: {}", run.stderr);
    assert!(
        run.stderr.contains(expected) && run.stderr.contains("(usage: "),
        "{what}: expected {expected:?} in {}",
        run.stderr
    );
    assert_eq!(run.stdout, "", "{what} printed");
}

#[test]
fn bad_options_are_one_clear_line() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["--parallel", "0"],
            "'--parallel <N>': 0 is not in 1..=10000",
        ),
        (
            &["--parallel", "many"],
            "invalid value 'many' for '--parallel <N>'",
        ),
        (&["--parallel"], "a value is required for '--parallel <N>'"),
        (&["--timeout", "-1"], "invalid value '-1'"),
        (
            &["--timeout", "soon"],
            "takes seconds from 0.1 to 3600, not `soon`",
        ),
        (
            &["--max-body", "0"],
            "takes megabytes, more than 0 and at most 1000",
        ),
        (&["--max-body", "lots"], "takes megabytes"),
        (&["--verbose"], "unexpected argument '--verbose'"),
        (&["a.txt", "b.txt"], "unexpected argument 'b.txt'"),
    ];
    for client in CLIENTS {
        for (args, expected) in cases {
            let run = run_example(client, args);
            assert_usage_error(&run, &format!("{client} {args:?}"), expected);
        }
    }
    let run = run_example("http_get_async", &["--max-body", "0"]);
    assert_usage_error(&run, "http_get_async --max-body 0", "takes megabytes");
}

#[test]
fn the_sync_client_takes_parallel_1_and_explains_why_no_more() {
    let one_page = UrlFile::new(b"/page/0\n");
    let run = run_example("http_many_sync", &["--parallel", "1", one_page.arg()]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stdout.contains("\"Page 0\""), "{}", run.stdout);

    let run = run_example("http_many_sync", &["--parallel", "2"]);
    assert_usage_error(
        &run,
        "http_many_sync --parallel 2",
        "--parallel can only be 1; run http_many_async",
    );
}

#[cfg(not(feature = "tls"))]
#[test]
fn https_without_the_tls_feature_says_how_to_turn_it_on() {
    // Checked before any connection is made, so this never leaves the machine.
    let https = UrlFile::new(b"https://example.com/\n");
    for client in CLIENTS {
        let run = run_example(client, &[https.arg()]);
        assert_one_line_failure(&run, client);
        assert!(
            run.stdout
                .contains("failed: https needs the tls feature (--features tls)"),
            "{client}: {}",
            run.stdout
        );
    }
}

// ---- The clients against every fault, in one run: one line each, and the run goes on ----

/// One of each fault between two good pages, fetched with a 1 s timeout. Returns stdout with the
/// refused port (five digits) replaced by `NNNNN`, and stderr.
fn run_faults(client: &str) -> (String, String) {
    let refusing = port_with_nothing_listening();
    let port = refusing.port;
    let list = format!(
        "# One of each fault, between two good pages.\n\
         /page/0\n\
         not a url\n\
         http://127.0.0.1:{port}/\n\
         /missing\n\
         /slow\n\
         /close\n\
         \n\
         /page/1\n"
    );
    let file = UrlFile::new(list.as_bytes());
    let run = run_example(client, &["--timeout", "1", file.arg()]);
    assert_one_line_failure(&run, client);
    let stdout = run.stdout.replace(&format!(":{port}/"), ":NNNNN/");
    let words = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    // The client's own word for an answer cut short.
    let cut_short = match client {
        "http_many_sync" => "/close failed: Peer disconnected",
        _ => "/close failed: end of file before message length reached",
    };
    for expected in [
        "/page/0 \"Page 0\"",
        "not a url failed: not a URL (relative URL without a base)",
        "http://127.0.0.1:NNNNN/ failed: Connection refused (os error 111)",
        "/missing failed: 404 Not Found",
        "/slow failed: timed out after 1 s",
        cut_short,
        "/page/1 \"Page 1\"",
    ] {
        assert!(
            stdout.lines().any(|line| words(line).ends_with(expected)),
            "{client}: no line {expected:?} in\n{stdout}"
        );
    }
    (stdout, run.stderr)
}

#[test]
fn http_many_sync_faults() {
    let (stdout, stderr) = run_faults("http_many_sync");
    snapshot!("http_many_sync_faults", stdout);
    snapshot!("http_many_sync_faults_stderr", stderr);
}

#[test]
fn http_many_async_faults() {
    let (stdout, stderr) = run_faults("http_many_async");
    snapshot!("http_many_async_faults", stdout);
    snapshot!("http_many_async_faults_stderr", stderr);
}

/// Pages with delays of their own: the async client still prints them in the order of the list,
/// while the timeline shows when each really ended.
#[test]
fn http_many_async_own_delays() {
    let list = b"# Each page with a delay of its own (in seconds).\n\
                 /page/0?delay=1.5\n\
                 /page/1?delay=0.5\n\
                 /page/2?delay=1\n";
    let file = UrlFile::new(list);
    let run = run_example("http_many_async", &[file.arg()]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    snapshot!("http_many_async_own_delays", run.stdout);
}

#[test]
fn http_get_async_failures_are_one_clear_line() {
    let refusing = port_with_nothing_listening();
    let port = refusing.port;
    let refused = format!("http://127.0.0.1:{port}/");
    let run = run_example("http_get_async", &[&refused]);
    assert_one_line_failure(&run, &refused);
    assert!(run.stderr.contains("Connection refused"), "{}", run.stderr);
    for (url, expected) in [
        ("not a url", "not a URL (relative URL without a base)"),
        ("ftp://127.0.0.1/", "not an http:// URL"),
    ] {
        let run = run_example("http_get_async", &[url]);
        assert_usage_error(&run, url, expected);
    }
}

// ---- The web_server example ----

/// Its real stdout, snapshotted: the banner, one page fetched, then stopped. Two things in it
/// change from run to run and are replaced: the port (`--port 0` takes any free one, so that runs
/// at the same time never collide) by `PORT`, and the time stamps of the request lines (they say
/// when this test's request arrived) by `?.?` (see `common::client_times_hidden`).
#[test]
fn web_server_serves_pages_until_it_is_stopped() {
    let (mut server, mut stdout) = start_example("web_server", &["--port", "0", "--delay", "0.2"]);
    let mut first = String::new();
    stdout.read_line(&mut first).expect("web_server prints");
    // "[ 0.0s] Serving on http://127.0.0.1:PORT  (Ctrl-C stops it)"
    let base = first
        .split_whitespace()
        .find(|word| word.starts_with("http://127.0.0.1:"))
        .unwrap_or_else(|| panic!("no URL in web_server's first line: {first:?}"))
        .to_string();
    let port = base.rsplit(':').next().expect("a port").to_string();

    let began = Instant::now();
    let page = ureq::get(format!("{base}/page/3"))
        .call()
        .expect("web_server answers")
        .into_body()
        .read_to_string()
        .expect("a whole page");
    assert!(page.contains("<title>Page 3</title>"), "{page}");
    assert!(began.elapsed() >= Duration::from_millis(200), "the delay");

    // It is still running, and it logged the request.
    assert!(server.0.try_wait().expect("a child").is_none());
    let mut log = first;
    for line in stdout.by_ref().lines() {
        let line = line.expect("a line");
        let done = line.contains("GET /page/3 -> 200 OK");
        log.push_str(&line);
        log.push('\n');
        if done {
            break;
        }
    }
    assert!(log.lines().any(|l| l.ends_with("] GET /page/3")), "{log}");

    server.0.kill().expect("web_server can be stopped");
    let status = server.0.wait().expect("web_server ends");
    assert!(!status.success());
    stdout.read_to_string(&mut log).expect("the rest of stdout");
    let mut stderr = String::new();
    let _ = server
        .0
        .stderr
        .take()
        .map(|mut e| e.read_to_string(&mut stderr));
    assert_eq!(stderr, "", "web_server printed errors");

    let log = log.replace(&format!("127.0.0.1:{port}"), "127.0.0.1:PORT");
    snapshot!("web_server", common::client_times_hidden(&log));
}

#[test]
fn web_server_says_clearly_when_its_port_is_taken() {
    let taken = TcpListener::bind("127.0.0.1:0").expect("can bind 127.0.0.1");
    let port = taken.local_addr().expect("an address").port().to_string();
    let run = run_example("web_server", &["--port", &port]);
    assert_one_line_failure(&run, "web_server on a taken port");
    assert!(
        run.stderr.contains("cannot listen on 127.0.0.1:"),
        "{}",
        run.stderr
    );
}

// ---- The server module itself, as the next users of `workbook::server` will use it ----

fn get(url: &str) -> Result<(u16, String), ureq::Error> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(5)))
        .build()
        .into();
    let response = agent.get(url).call()?;
    let status = response.status().as_u16();
    let body = response.into_body().read_to_string()?;
    Ok((status, body))
}

fn quick() -> Config {
    Config {
        page_delay: Duration::from_millis(50),
        ..Config::default()
    }
}

#[test]
fn the_server_serves_pages_a_404_a_slow_page_and_a_cut() {
    let server = server::start_on_thread(Config {
        slow_delay: Duration::from_millis(300),
        ..quick()
    })
    .expect("the server starts");
    assert!(server.addr().ip().is_loopback());
    assert_eq!(server.page_paths().len(), 10);
    assert_eq!(server.page_paths()[9], "/page/9");

    let (status, index) = get(&server.url("/")).expect("the index");
    assert_eq!(status, 200);
    for path in server.page_paths() {
        assert!(index.contains(&format!("href=\"{path}\"")), "{index}");
    }
    for (n, path) in server.page_paths().iter().enumerate() {
        let (status, page) = get(&server.url(path)).expect("a page");
        assert_eq!(status, 200);
        assert!(page.contains(&format!("<title>Page {n}</title>")), "{page}");
        assert_eq!(
            page.matches("href=\"/page/").count(),
            2,
            "two links: {page}"
        );
    }
    for missing in ["/missing", "/page/10", "/page/x"] {
        assert_eq!(get(&server.url(missing)).expect("an answer").0, 404);
    }

    let began = Instant::now();
    assert_eq!(get(&server.url("/slow")).expect("an answer").0, 200);
    assert!(began.elapsed() >= Duration::from_millis(300));

    let began = Instant::now();
    get(&server.url("/page/1?delay=0.4")).expect("a page");
    assert!(began.elapsed() >= Duration::from_millis(400));

    assert!(get(&server.url("/close")).is_err(), "/close is cut short");
    assert_eq!(server.requests_received(), 1 + 10 + 3 + 1 + 1 + 1);

    let url = server.url("/page/0");
    drop(server);
    assert!(get(&url).is_err(), "a dropped server no longer answers");
}

#[test]
fn the_server_answers_many_requests_at_once() {
    // Ten requests of 0.5 s each, from ten threads: all answered in about 0.5 s, not 5 s.
    let server = server::start_on_thread(Config::default()).expect("the server starts");
    let began = Instant::now();
    std::thread::scope(|scope| {
        for path in server.page_paths() {
            let url = server.url(&path);
            scope.spawn(move || assert_eq!(get(&url).expect("a page").0, 200));
        }
    });
    let took = began.elapsed();
    assert!(took < Duration::from_millis(2500), "took {took:?}");
    assert_eq!(server.requests_received(), 10);
}

#[tokio::test]
async fn the_server_runs_as_tasks_on_the_callers_runtime() {
    let server = server::start(quick()).await.expect("the server starts");
    let url = server.url("/page/4");
    // A blocking client must not run on the thread the server's tasks need.
    let (status, page) = tokio::task::spawn_blocking(move || get(&url))
        .await
        .expect("the client thread ends")
        .expect("a page");
    assert_eq!(status, 200);
    assert!(page.contains("<title>Page 4</title>"));
    assert_eq!(server.requests_received(), 1);
}

#[test]
fn two_servers_get_two_ports() {
    let a = server::start_on_thread(quick()).expect("one server");
    let b = server::start_on_thread(quick()).expect("another");
    assert_ne!(a.addr(), b.addr());
    assert!(a.base_url().starts_with("http://127.0.0.1:"));
    assert!(!a.base_url().ends_with('/'));
}
