//! The ecosystem and use-case examples beyond their default runs (those are in `examples.rs`):
//! task_group's failure and Ctrl-C paths, the chat room with real TCP clients, the crawler's
//! properties, the load test's counts, and bad options for each. Loopback only.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::common::{self, Run, run_example, start_example};

/// The run failed the way bad input should: exit code 1, one line on stderr, no panic.
fn assert_one_line_failure(run: &Run, expected: &str) {
    common::shared::assert_one_line_failure(run.code, &run.stdout, &run.stderr, expected);
}

// ---- task_group ----

#[test]
fn task_group_fail_at_2() {
    let run = run_example("task_group", &["--fail-at", "2"]);
    let wall = run.wall;
    assert_one_line_failure(&run, "job 2 failed: the disk is full");
    snapshot!("task_group_fail_at_2", run.stdout);
    // Job 2 fails at 1.2 s; the others tidy up for 0.3 s; the group waits for them.
    assert!(
        (Duration::from_millis(1500)..Duration::from_millis(2000)).contains(&wall),
        "took {wall:?}"
    );
}

#[test]
fn task_group_stops_gracefully_on_ctrl_c() {
    let (mut running, mut stdout) = start_example("task_group", &[]);
    let mut seen = Vec::new();
    // Wait until job 2 is done (1.2 s), then press Ctrl-C: jobs 3 to 5 are still running.
    loop {
        let mut line = String::new();
        assert!(
            stdout.read_line(&mut line).expect("a line") > 0,
            "task_group ended early: {seen:?}"
        );
        let done = line.contains("job 2 done");
        seen.push(line);
        if done {
            break;
        }
    }
    let pressed = Instant::now();
    let interrupt = Command::new("kill")
        .args(["-INT", &running.0.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(interrupt.success());
    let mut rest = String::new();
    stdout
        .read_to_string(&mut rest)
        .expect("the rest of stdout");
    let status = running.0.wait().expect("task_group ends");
    let after = pressed.elapsed();
    let mut stderr = String::new();
    running
        .0
        .stderr
        .take()
        .expect("piped stderr")
        .read_to_string(&mut stderr)
        .expect("stderr");

    assert_eq!(status.code(), Some(1), "{rest}\n{stderr}");
    assert_eq!(stderr, "Error: stopped by Ctrl-C\n");
    assert!(
        rest.contains("Ctrl-C: cancelling the jobs still running"),
        "{rest}"
    );
    assert!(rest.contains("All jobs have ended"), "{rest}");
    for done in ["  job 1: done", "  job 2: done"] {
        assert!(rest.lines().any(|l| l == done), "{done:?} in {rest}");
    }
    // Job 5 would have run until 3.0 s: it was cancelled, and tidied up, before the run ended.
    assert!(
        rest.lines()
            .any(|l| l.starts_with("  job 5: cancelled after ") && l.ends_with("tidied up")),
        "{rest}"
    );
    assert!(rest.contains("Total: "), "the summary is printed: {rest}");
    // Graceful, and prompt: 0.3 s of tidying up, not the 1.8 s job 5 had left.
    assert!(
        after < Duration::from_millis(1500),
        "took {after:?} after Ctrl-C"
    );
}

/// A usage error: exit 2, one line that starts with the example's name and ends with its usage.
#[test]
fn bad_options_are_one_line_usage_errors() {
    let cases: &[(&str, &[&str], &str)] = &[
        ("task_group", &["--fail-at", "9"], "9 is not in 1..=5"),
        ("task_group", &["--fail-at"], "a value is required"),
        ("streams", &["--sorted"], "unexpected argument '--sorted'"),
        (
            "ticker",
            &["--missed", "later"],
            "possible values: burst, delay, skip",
        ),
    ];
    for (example, args, expected) in cases {
        let run = run_example(example, args);
        assert_eq!(run.code, Some(2), "{example} {args:?}: {}", run.stderr);
        assert_eq!(run.stderr.lines().count(), 1, "one line: {}", run.stderr);
        assert!(
            run.stderr.starts_with(&format!("{example}: "))
                && run.stderr.contains(expected)
                && run.stderr.contains(&format!("(usage: {example}")),
            "expected {expected:?} in {}",
            run.stderr
        );
    }
}

/// A bad option of the crawler, the load test or the chat server is a usage error: one line that
/// names the option and its bounds, with the usage, and exit code 2 (`workbook::cli`).
#[test]
fn bad_options_of_the_servers_and_clients_are_usage_errors() {
    let cases: &[(&str, &[&str], &str)] = &[
        (
            "crawler",
            &["--parallel", "0"],
            "'--parallel <N>': 0 is not in 1..=10000",
        ),
        (
            "crawler",
            &["--timeout", "soon"],
            "takes seconds from 0.1 to 3600",
        ),
        ("crawler", &["--max-body", "0"], "takes megabytes"),
        ("crawler", &["a", "b"], "unexpected argument 'b'"),
        ("load_test", &["--requests", "0"], "0 is not in 1..=100000"),
        (
            "load_test",
            &["--connections", "501"],
            "501 is not in 1..=500",
        ),
        ("load_test", &["--delay", "-1"], "invalid value '-1'"),
        (
            "load_test",
            &["--delay", "11"],
            "takes seconds from 0 to 10",
        ),
        (
            "load_test",
            &["--requests"],
            "a value is required for '--requests <R>'",
        ),
        (
            "chat_server",
            &["--port", "x"],
            "invalid value 'x' for '--port <PORT>'",
        ),
        (
            "chat_server",
            &["--write-timeout", "0"],
            "takes seconds from 0.1 to 3600",
        ),
        (
            "chat_server",
            &["--name-timeout", "1e9"],
            "takes seconds from 0.1 to 3600",
        ),
        (
            "web_server",
            &["--delay", "31"],
            "takes seconds from 0 to 30",
        ),
        ("web_server", &["--bogus"], "unexpected argument '--bogus'"),
    ];
    for (example, args, expected) in cases {
        let run = run_example(example, args);
        assert_eq!(run.code, Some(2), "{example} {args:?}: {}", run.stderr);
        assert_eq!(
            run.stderr.lines().count(),
            1,
            "{example} {args:?}: {}",
            run.stderr
        );
        assert!(
            run.stderr.starts_with(&format!("{example}: ")) && run.stderr.contains(expected),
            "{example} {args:?}: expected {expected:?} in {}",
            run.stderr
        );
        assert!(run.stderr.contains("(usage: "), "{}", run.stderr);
        assert_eq!(run.stdout, "", "{example} {args:?} printed");
    }
    // A start URL that cannot be crawled is a usage error too, that names it.
    for (url, expected) in [
        ("ftp://127.0.0.1/", "not an http:// URL"),
        ("not a url", "not a URL (relative URL without a base)"),
        ("http://127.0.0.1:99999/", "not a URL (invalid port number)"),
    ] {
        let run = run_example("crawler", &[url]);
        assert_eq!(run.code, Some(2), "crawler {url}: {}", run.stderr);
        assert!(
            run.stderr.contains(url) && run.stderr.contains(expected),
            "crawler {url}: {}",
            run.stderr
        );
    }
}

// ---- crawler ----

/// The crawl's result does not depend on how many requests are in flight: only how long it takes.
#[test]
fn the_crawl_is_the_same_one_request_at_a_time() {
    let default = run_example("crawler", &[]);
    let one = run_example("crawler", &["--parallel", "1"]);
    for run in [&default, &one] {
        assert_eq!(run.code, Some(0), "{}", run.stderr);
    }
    let graph = |stdout: &str| -> Vec<String> {
        stdout
            .lines()
            .skip(1)
            .filter(|l| !l.contains("at most at the same time"))
            .map(String::from)
            .collect()
    };
    assert_eq!(graph(&default.stdout), graph(&one.stdout));
    assert!(
        one.stdout
            .contains("12 URLs fetched, 1 at most at the same time")
    );
    // Ten pages of 0.5 s and a 2 s timeout, one after another.
    assert!(
        one.wall >= Duration::from_millis(10 * 500 + 2000),
        "{:?}",
        one.wall
    );
    assert!(
        default.wall < one.wall,
        "{:?} vs {:?}",
        default.wall,
        one.wall
    );
}

#[test]
fn the_crawler_stops_at_max_pages() {
    let run = run_example("crawler", &["--max-pages", "3", "--parallel", "1"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stdout.contains("3 URLs fetched"), "{}", run.stdout);
    assert!(
        run.stdout.contains("The server received 3 requests"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("Stopped at --max-pages 3"),
        "{}",
        run.stdout
    );
}

// ---- load_test ----

/// The numbers after `prefix` on the line that starts with it, in order.
fn numbers_on(stdout: &str, prefix: &str) -> Vec<f64> {
    let line = stdout
        .lines()
        .find(|l| l.starts_with(prefix))
        .unwrap_or_else(|| panic!("no line {prefix:?} in:\n{stdout}"));
    line.split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .filter_map(|word| word.trim_matches('.').parse().ok())
        .collect()
}

/// The default run, as a learner's `cargo run --example load_test`: its counts must add up, and
/// its snapshot fixes the report's shape and the counts that must be exact, with the measured
/// figures (time taken, throughput, latencies) replaced by `N`.
#[test]
fn load_test_counts_add_up() {
    let run = run_example("load_test", &[]);
    assert_eq!(run.code, Some(0), "{}\n{}", run.stdout, run.stderr);
    // "Sent 2000 requests in 0.05 s: 2000 answered, 0 failed"
    let sent = numbers_on(&run.stdout, "Sent ");
    assert_eq!(
        (sent[0], sent[2], sent[3]),
        (2000.0, 2000.0, 0.0),
        "{}",
        run.stdout
    );
    let throughput = numbers_on(&run.stdout, "Throughput: ")[0];
    assert!(throughput > 0.0);
    // "Latency: p50 2.2 ms, p90 2.7 ms, p99 2.9 ms, max 3.2 ms": the percentiles never decrease.
    let latency = numbers_on(&run.stdout, "Latency: ");
    let (p50, p90, p99, max) = (latency[1], latency[3], latency[5], latency[6]);
    assert!(
        0.0 < p50 && p50 <= p90 && p90 <= p99 && p99 <= max,
        "{latency:?}"
    );
    assert_eq!(
        numbers_on(&run.stdout, "The server received "),
        vec![2000.0]
    );
    snapshot!("load_test", measured_figures_hidden(&run.stdout));
}

/// load_test's report with each measured figure replaced by `N`: the seconds on the `Sent` line
/// and every number on the `Throughput` and `Latency` lines (the `50` of `p50` is a name, not a
/// figure, and stays). The counts stay as printed.
fn measured_figures_hidden(stdout: &str) -> String {
    let is_figure = |word: &str| word.parse::<f64>().is_ok();
    stdout
        .split_inclusive('\n')
        .map(|line| {
            let measured = line.starts_with("Throughput: ") || line.starts_with("Latency: ");
            let mut previous = "";
            let words: Vec<&str> = line
                .split(' ')
                .map(|word| {
                    let hidden = is_figure(word)
                        && (measured || (line.starts_with("Sent ") && previous == "in"));
                    previous = word;
                    if hidden { "N" } else { word }
                })
                .collect();
            words.join(" ")
        })
        .collect()
}

#[test]
fn load_test_keeps_to_its_time_limit() {
    // Far more requests than fit in 0.5 s at 0.2 s each over 5 connections: the limit stops it.
    let args = [
        "--requests",
        "100000",
        "--connections",
        "5",
        "--delay",
        "0.2",
        "--time-limit",
        "0.5",
    ];
    let run = run_example("load_test", &args);
    assert_eq!(run.code, Some(0), "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("Stopped at the time limit of 0.5 s"),
        "{}",
        run.stdout
    );
    let sent = numbers_on(&run.stdout, "Sent ");
    // No request starts after 0.5 s and each takes at least 0.2 s: at most 3 per connection (at
    // 0, 0.2 and 0.4 s). On a busy machine there may be fewer, never more.
    assert!((1.0..=15.0).contains(&sent[0]), "{}", run.stdout);
    assert_eq!(sent[0], sent[2], "all answered: {}", run.stdout);
    assert!(run.wall < Duration::from_secs(3), "{:?}", run.wall);
    // With 0.2 s of server delay, no answer can be faster than that.
    let p50 = numbers_on(&run.stdout, "Latency: ")[1];
    assert!(p50 >= 200.0, "{}", run.stdout);
}

// ---- chat_server ----

/// A chat client on a real TCP connection.
struct Client {
    name: String,
    reader: BufReader<TcpStream>,
    writer: TcpStream,
}

impl Client {
    /// Connects, gives its name, and returns the room's greeting.
    fn join(port: u16, name: &str) -> (Client, String) {
        let stream = TcpStream::connect(("127.0.0.1", port)).expect("the chat server accepts");
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .expect("a timeout");
        let mut client = Client {
            name: name.to_string(),
            reader: BufReader::new(stream.try_clone().expect("a second handle")),
            writer: stream,
        };
        assert_eq!(client.line(), "Welcome! What is your name?");
        client.say(name);
        let hello = client.line();
        (client, hello)
    }

    fn say(&mut self, line: &str) {
        self.writer
            .write_all(format!("{line}\n").as_bytes())
            .expect("the server takes the line");
    }

    /// The next line the server sent, without its line ending. Fails after 10 s.
    fn line(&mut self) -> String {
        let mut line = String::new();
        match self.reader.read_line(&mut line) {
            Ok(0) => panic!("{}: the server hung up", self.name),
            Ok(_) => line.trim_end_matches('\n').to_string(),
            Err(e) => panic!("{}: no line: {e}", self.name),
        }
    }
}

#[test]
fn the_chat_room_with_real_clients() {
    let (_server, mut log) = start_example("chat_server", &["--port", "0", "--write-timeout", "2"]);
    let mut first = String::new();
    log.read_line(&mut first).expect("chat_server prints");
    // "[ 0.0s] Chat room on 127.0.0.1:PORT; join with: nc 127.0.0.1 PORT  (Ctrl-C stops it)"
    let port: u16 = first
        .split_once("127.0.0.1:")
        .and_then(|(_, rest)| rest.split(';').next())
        .and_then(|port| port.parse().ok())
        .unwrap_or_else(|| panic!("no port in {first:?}"));
    // The server's log, read on a thread of its own so that a missing line fails after 10 s.
    let (log_lines, server_said) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in log.lines().map_while(Result::ok) {
            if log_lines.send(line).is_err() {
                break;
            }
        }
    });

    let (mut alice, hello) = Client::join(port, "alice");
    assert_eq!(hello, "Hello, alice! In the room: nobody else yet");
    let (mut bob, hello) = Client::join(port, "bob");
    assert_eq!(hello, "Hello, bob! In the room: alice");
    assert_eq!(alice.line(), "* bob joined");

    // A line goes to every other client, and not back to its sender.
    alice.say("hi bob");
    assert_eq!(bob.line(), "alice: hi bob");
    bob.say("hi alice");
    assert_eq!(alice.line(), "bob: hi alice");

    // Carol joins and never reads again.
    let (carol, hello) = Client::join(port, "carol");
    assert_eq!(hello, "Hello, carol! In the room: alice, bob");
    assert_eq!(alice.line(), "* carol joined");
    assert_eq!(bob.line(), "* carol joined");

    // 9.5 MB from alice, more than the connection to carol can hold: bob still gets every line, in
    // order, as fast as he reads. (Sent in bursts that bob reads up, so bob himself never lags.)
    let padding = "x".repeat(1900);
    let carol_gone = "* carol was disconnected (not reading)";
    let mut bob_heard_carol_go = false;
    let began = Instant::now();
    for burst in 0..50 {
        let lines: String = (0..100)
            .map(|i| format!("m{:05} {padding}\n", burst * 100 + i))
            .collect();
        alice
            .writer
            .write_all(lines.as_bytes())
            .expect("alice can send");
        for i in 0..100 {
            let expected = format!("alice: m{:05} {padding}", burst * 100 + i);
            let mut got = bob.line();
            // Carol may be disconnected (below) while the bursts are still going.
            if got == carol_gone && !bob_heard_carol_go {
                bob_heard_carol_go = true;
                got = bob.line();
            }
            assert!(got == expected, "bob got {:.40}, not {:.40}", got, expected);
        }
    }
    let took = began.elapsed();
    assert!(
        took < Duration::from_secs(20),
        "bob's 5000 lines took {took:?}"
    );

    // Carol took nothing for 2 s: she is disconnected, and the others are told.
    if !bob_heard_carol_go {
        assert_eq!(bob.line(), carol_gone);
    }
    assert_eq!(alice.line(), carol_gone);
    drop(carol);

    // Dave joins and vanishes without a word: his leaving is announced.
    let (dave, _) = Client::join(port, "dave");
    assert_eq!(alice.line(), "* dave joined");
    assert_eq!(bob.line(), "* dave joined");
    drop(dave);
    assert_eq!(alice.line(), "* dave left");
    assert_eq!(bob.line(), "* dave left");

    // Someone who connects and hangs up before giving a name is never announced.
    drop(TcpStream::connect(("127.0.0.1", port)).expect("connects"));
    bob.say("still here");
    assert_eq!(alice.line(), "bob: still here");

    // Bob leaves, then alice; the server's log of the whole session is its snapshot.
    drop(bob);
    assert_eq!(alice.line(), "* bob left");
    drop(alice);
    let mut said = first;
    loop {
        let line = server_said
            .recv_timeout(Duration::from_secs(10))
            .unwrap_or_else(|_| panic!("the server never said alice left:\n{said}"));
        said.push_str(&line);
        said.push('\n');
        if line.ends_with("] alice left") {
            break;
        }
    }
    snapshot!("chat_server", chat_log_redacted(&said, port));
}

/// The chat server's log with what changes from run to run replaced: the port (`--port 0` takes
/// any free one, so that runs at the same time never collide) by `PORT`, and the time stamps of
/// the joins and leaves (they say when the test's clients acted) by `?.?`.
fn chat_log_redacted(log: &str, port: u16) -> String {
    let log = log
        .replace(&format!("127.0.0.1:{port}"), "127.0.0.1:PORT")
        .replace(&format!("127.0.0.1 {port}"), "127.0.0.1 PORT");
    common::client_times_hidden(&log)
}

#[test]
fn the_chat_server_says_clearly_when_its_port_is_taken() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("can bind");
    let port = taken.local_addr().expect("an address").port().to_string();
    let run = run_example("chat_server", &["--port", &port]);
    assert_one_line_failure(&run, "cannot listen on 127.0.0.1:");
}
