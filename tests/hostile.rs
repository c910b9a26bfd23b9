//! Hostile peers, on 127.0.0.1 only: a server that streams an endless body, one that accepts and
//! never answers, a client that sends its request a byte at a time, and idle sockets above a
//! server's cap. Each must cost the other side a bounded amount of memory and time, and end with
//! one clear line. Every loop here is bounded in count and in time.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::common::{self, Run, UrlFile, example_command, run_example, start_example};
use workbook::server::{self, Config};

/// The most memory an HTTP client may hold against an endless body: its 10 MB limit, the
/// program itself and the buffers around it, with room to spare. Without the limit, the clients
/// held gigabytes.
const PEAK_BOUND: u64 = 80_000_000;

/// A hostile server on a free port of 127.0.0.1: it accepts up to `most` connections, one after
/// another, and gives each to `treat`; it stops when dropped (or after `most`).
struct Hostile {
    port: u16,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Hostile {
    fn start(most: usize, treat: fn(TcpStream, &AtomicBool)) -> Hostile {
        let listener = TcpListener::bind("127.0.0.1:0").expect("can bind 127.0.0.1");
        listener
            .set_nonblocking(true)
            .expect("a non-blocking listener");
        let port = listener.local_addr().expect("an address").port();
        let stop = Arc::new(AtomicBool::new(false));
        let stopping = Arc::clone(&stop);
        let thread = std::thread::spawn(move || {
            let began = Instant::now();
            let mut held = Vec::new();
            let mut served = 0;
            // Bounded: `most` connections, and 60 s in all.
            let open = || !stopping.load(Ordering::Relaxed) && began.elapsed().as_secs() < 60;
            while served < most && open() {
                match listener.accept() {
                    Ok((stream, _)) => {
                        served += 1;
                        stream.set_nonblocking(false).expect("a blocking stream");
                        let stopping = Arc::clone(&stopping);
                        held.push(std::thread::spawn(move || treat(stream, &stopping)));
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(5)),
                }
            }
            while open() {
                std::thread::sleep(Duration::from_millis(5));
            }
            for connection in held {
                let _ = connection.join();
            }
        });
        Hostile {
            port,
            stop,
            thread: Some(thread),
        }
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }
}

impl Drop for Hostile {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Reads the request's head, then sends `200 OK` and a page that never ends, 64 KB at a time,
/// until the client hangs up, the test stops it, or 2 GB (20 s at most).
fn endless_body(stream: TcpStream, stop: &AtomicBool) {
    let mut reader = BufReader::new(stream.try_clone().expect("a second handle"));
    let mut line = String::new();
    while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
        line.clear();
    }
    let mut stream = stream;
    let head = "HTTP/1.1 200 OK\r\ncontent-type: text/html\r\nconnection: close\r\n\r\n<title>Endless</title>";
    if stream.write_all(head.as_bytes()).is_err() {
        return;
    }
    let chunk = vec![b'x'; 64 * 1024];
    let began = Instant::now();
    for _ in 0..32_768 {
        if stop.load(Ordering::Relaxed) || began.elapsed().as_secs() >= 20 {
            break;
        }
        if stream.write_all(&chunk).is_err() {
            break;
        }
    }
}

/// Accepts, reads whatever comes, and never answers, until the test stops it (20 s at most).
fn never_answers(mut stream: TcpStream, stop: &AtomicBool) {
    stream
        .set_read_timeout(Some(Duration::from_millis(50)))
        .expect("a read timeout");
    let began = Instant::now();
    let mut buffer = [0; 1024];
    while !stop.load(Ordering::Relaxed) && began.elapsed().as_secs() < 20 {
        match stream.read(&mut buffer) {
            Ok(0) => return,
            _ => continue,
        }
    }
}

/// Runs `example` with `args`, and reads its peak memory (VmHWM in `/proc/PID/status`) every few
/// milliseconds while it runs. The peak only grows, so the last reading is the peak up to a few
/// milliseconds before the end.
fn run_watching_memory(example: &str, args: &[&str], most: Duration) -> (Run, u64) {
    let (mut child, began) =
        common::spawn(&mut example_command(example, args)).expect("the example starts");
    let mut stdout = child.stdout.take().expect("piped stdout");
    let mut stderr = child.stderr.take().expect("piped stderr");
    let out = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stdout.read_to_string(&mut text);
        text
    });
    let err = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak = 0;
    let status = loop {
        if let Some(status) = child.try_wait().expect("the example can be waited for") {
            break status;
        }
        if began.elapsed() > most {
            let _ = child.kill();
            break child.wait().expect("the example ends");
        }
        if let Ok(text) = std::fs::read_to_string(&status_file) {
            let kib = text.lines().find_map(|line| {
                let value = line.strip_prefix("VmHWM:")?.trim().strip_suffix(" kB")?;
                value.trim().parse::<u64>().ok()
            });
            peak = peak.max(kib.unwrap_or(0) * 1024);
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let run = Run {
        stdout: out.join().expect("stdout is read"),
        stderr: err.join().expect("stderr is read"),
        code: status.code(),
        wall: began.elapsed(),
    };
    (run, peak)
}

fn assert_one_line_error(run: &Run, what: &str) {
    assert_eq!(
        run.code,
        Some(1),
        "{what}: exit code.\nstdout:\n{}\nstderr:\n{}",
        run.stdout,
        run.stderr
    );
    assert_eq!(
        run.stderr.lines().count(),
        1,
        "{what}: one line on stderr:\n{}",
        run.stderr
    );
    assert!(!run.stderr.contains("panicked"), "{what}: {}", run.stderr);
}

// ---- A server that streams an endless body ----

#[test]
fn an_endless_body_is_cut_at_the_limit_by_every_client() {
    // The server streams and the client reads as fast as they can: a share of the CPU first.
    let _share = common::cpu_share(common::cpu(2, 2));
    // One hostile server for all four clients, one after another (so their memory is theirs).
    let server = Hostile::start(4, endless_body);
    let url = server.url();
    let file = UrlFile::new(format!("{url}\n"));
    let cases: [(&str, Vec<&str>); 4] = [
        ("http_many_async", vec![file.arg()]),
        ("http_many_sync", vec![file.arg()]),
        ("http_get_async", vec![url.as_str()]),
        ("crawler", vec![url.as_str()]),
    ];
    let mut peaks = Vec::new();
    for (client, args) in cases {
        let (run, peak) = run_watching_memory(client, &args, Duration::from_secs(15));
        assert_one_line_error(&run, client);
        let printed = format!("{}{}", run.stdout, run.stderr);
        assert!(
            printed.contains("the body is over 10 MB, stopped reading"),
            "{client} does not report the limit:\n{printed}"
        );
        // It read 10 MB, so its peak is above that: a reading of less means none was taken.
        assert!(
            peak > 10_000_000,
            "{client}: no reading of its memory ({peak} bytes)"
        );
        assert!(
            peak < PEAK_BOUND,
            "{client} held {} MB against an endless body (bound {} MB)",
            peak / 1_000_000,
            PEAK_BOUND / 1_000_000
        );
        assert!(
            run.wall < Duration::from_secs(10),
            "{client} took {:?}",
            run.wall
        );
        peaks.push(format!("{client} {} MB", peak / 1_000_000));
    }
    eprintln!("peak memory against an endless body: {}", peaks.join(", "));
}

#[test]
fn max_body_sets_the_limit() {
    let server = Hostile::start(2, endless_body);
    let file = UrlFile::new(format!("{}\n", server.url()));
    for client in ["http_many_async", "http_many_sync"] {
        let run = run_example(client, &["--max-body", "0.5", file.arg()]);
        assert_one_line_error(&run, client);
        assert!(
            run.stdout
                .contains("the body is over 0.5 MB, stopped reading"),
            "{client}: {}",
            run.stdout
        );
    }
}

// ---- A server that accepts and never answers ----

#[test]
fn a_server_that_never_answers_ends_the_run_in_time() {
    let server = Hostile::start(3, never_answers);
    let url = server.url();
    let file = UrlFile::new(format!("{url}\n"));
    for (client, args) in [
        ("http_many_async", vec!["--timeout", "1", file.arg()]),
        ("http_many_sync", vec!["--timeout", "1", file.arg()]),
        ("crawler", vec!["--timeout", "1", url.as_str()]),
    ] {
        let run = run_example(client, &args);
        assert_one_line_error(&run, client);
        assert!(
            run.stdout.contains("timed out after 1 s"),
            "{client}: {}",
            run.stdout
        );
        assert!(
            run.wall < Duration::from_secs(4),
            "{client} took {:?}",
            run.wall
        );
    }
}

// ---- A client that sends its request a byte at a time ----

/// Sends `text` one byte every 100 ms until the peer closes the connection (or all is sent).
/// Returns how many bytes went out, and how long until the peer closed it.
fn trickle(stream: &mut TcpStream, text: &[u8]) -> (usize, Duration) {
    let began = Instant::now();
    stream
        .set_read_timeout(Some(Duration::from_millis(100)))
        .expect("a read timeout");
    let mut buffer = [0; 512];
    for (sent, byte) in text.iter().enumerate() {
        if stream.write_all(&[*byte]).is_err() {
            return (sent, began.elapsed());
        }
        // The peer closed it, or said something (a goodbye) and will: either ends the trickle.
        if let Ok(0) = stream.read(&mut buffer) {
            return (sent + 1, began.elapsed());
        }
    }
    (text.len(), began.elapsed())
}

#[test]
fn the_web_server_closes_a_request_sent_a_byte_at_a_time() {
    let server = server::start_on_thread(Config {
        header_timeout: Duration::from_secs(1),
        ..Config::default()
    })
    .expect("the server starts");
    let mut stream = TcpStream::connect(server.addr()).expect("the server accepts");
    // 60 bytes at 10 a second would take 6 s: the header timeout ends it after 1 s.
    let request = format!(
        "GET /page/0 HTTP/1.1\r\nhost: {}\r\nx-slow: yes\r\n\r\n",
        server.addr()
    );
    let (sent, took) = trickle(&mut stream, request.as_bytes());
    assert!(sent < request.len(), "the whole request went through");
    assert!(
        (Duration::from_millis(900)..Duration::from_secs(3)).contains(&took),
        "closed after {took:?}"
    );
    assert_eq!(server.requests_received(), 0);
}

#[test]
fn the_chat_server_says_goodbye_to_a_name_sent_a_byte_at_a_time() {
    let (_server, mut log) = start_example("chat_server", &["--port", "0", "--name-timeout", "1"]);
    let port = chat_port(&mut log);
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("the chat server accepts");
    let mut welcome = String::new();
    BufReader::new(stream.try_clone().expect("a second handle"))
        .read_line(&mut welcome)
        .expect("a welcome");
    assert_eq!(welcome, "Welcome! What is your name?\n");
    let (sent, took) = trickle(
        &mut stream,
        b"a very slow name indeed, one byte at a time\n",
    );
    assert!(sent < 40, "{sent} bytes went through");
    assert!(
        (Duration::from_millis(900)..Duration::from_secs(3)).contains(&took),
        "said goodbye after {took:?}"
    );
}

/// The port a chat server started with `--port 0` says it listens on.
fn chat_port(log: &mut impl BufRead) -> u16 {
    let mut first = String::new();
    log.read_line(&mut first).expect("chat_server prints");
    first
        .split("nc 127.0.0.1 ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|port| port.parse().ok())
        .unwrap_or_else(|| panic!("no port in {first:?}"))
}

// ---- Idle sockets above the cap ----

#[test]
fn idle_sockets_above_the_web_servers_cap_leave_new_clients_a_clear_answer() {
    let server = server::start_on_thread(Config {
        page_delay: Duration::ZERO,
        max_connections: 8,
        header_timeout: Duration::from_secs(1),
        ..Config::default()
    })
    .expect("the server starts");
    // Eight idle sockets fill the server; a ninth client is refused at once, clearly.
    let idle: Vec<TcpStream> = (0..8)
        .map(|_| TcpStream::connect(server.addr()).expect("the server accepts"))
        .collect();
    std::thread::sleep(Duration::from_millis(100));
    let began = Instant::now();
    let refused = http_get(server.addr(), "/page/0");
    assert!(
        refused.starts_with("HTTP/1.1 503 Service Unavailable"),
        "{refused}"
    );
    assert!(refused.contains("Too many connections"), "{refused}");
    assert!(began.elapsed() < Duration::from_secs(1));
    // The idle ones are closed after the header timeout, and new clients are served again.
    std::thread::sleep(Duration::from_millis(1500));
    for mut socket in idle {
        let mut byte = [0; 1];
        socket
            .set_read_timeout(Some(Duration::from_secs(1)))
            .expect("a read timeout");
        assert_eq!(
            socket.read(&mut byte).ok(),
            Some(0),
            "an idle socket is closed"
        );
    }
    let served = http_get(server.addr(), "/page/0");
    assert!(served.starts_with("HTTP/1.1 200 OK"), "{served}");
}

#[test]
fn the_web_server_answers_405_to_methods_it_does_not_serve_and_caps_delay() {
    let server = server::start_on_thread(Config {
        page_delay: Duration::ZERO,
        ..Config::default()
    })
    .expect("the server starts");
    for method in ["POST", "PUT", "DELETE", "BREW"] {
        let answer = request(server.addr(), &format!("{method} /page/0 HTTP/1.1"));
        assert!(
            answer.starts_with("HTTP/1.1 405 Method Not Allowed"),
            "{method}: {answer}"
        );
        assert!(
            answer.to_ascii_lowercase().contains("allow: get, head"),
            "{answer}"
        );
    }
    let head = request(server.addr(), "HEAD /page/0 HTTP/1.1");
    assert!(head.starts_with("HTTP/1.1 200 OK"), "{head}");
    let began = Instant::now();
    let too_long = http_get(server.addr(), "/page/0?delay=600");
    assert!(
        too_long.starts_with("HTTP/1.1 400 Bad Request"),
        "{too_long}"
    );
    assert!(
        too_long.contains("?delay= takes seconds from 0 to 30, not 600"),
        "{too_long}"
    );
    assert!(began.elapsed() < Duration::from_secs(1));
}

#[test]
fn idle_sockets_above_the_chat_rooms_cap_leave_new_clients_a_clear_answer() {
    let (_server, mut log) = start_example("chat_server", &["--port", "0"]);
    let port = chat_port(&mut log);
    // The room takes 100 clients; these never say a name.
    let idle: Vec<TcpStream> = (0..100)
        .map(|_| TcpStream::connect(("127.0.0.1", port)).expect("the chat server accepts"))
        .collect();
    let mut late = TcpStream::connect(("127.0.0.1", port)).expect("the chat server accepts");
    late.set_read_timeout(Some(Duration::from_secs(3)))
        .expect("a read timeout");
    let mut answer = String::new();
    let _ = late.read_to_string(&mut answer);
    assert_eq!(
        answer,
        "Sorry, the room is full (100 clients): try again later\n"
    );
    // The idle clients hang up: their places are free again.
    drop(idle);
    std::thread::sleep(Duration::from_millis(200));
    let mut next = TcpStream::connect(("127.0.0.1", port)).expect("the chat server accepts");
    let mut welcome = String::new();
    next.set_read_timeout(Some(Duration::from_secs(3)))
        .expect("a read timeout");
    BufReader::new(&mut next)
        .read_line(&mut welcome)
        .expect("a welcome");
    assert_eq!(welcome, "Welcome! What is your name?\n");
    let _ = next.shutdown(Shutdown::Both);
}

/// Sends a GET for `path` and returns all of the answer (the connection is closed after it).
fn http_get(addr: std::net::SocketAddr, path: &str) -> String {
    request(addr, &format!("GET {path} HTTP/1.1"))
}

fn request(addr: std::net::SocketAddr, line: &str) -> String {
    let mut stream = TcpStream::connect(addr).expect("the server accepts");
    stream
        .set_read_timeout(Some(Duration::from_secs(3)))
        .expect("a read timeout");
    let text = format!("{line}\r\nhost: {addr}\r\nconnection: close\r\n\r\n");
    stream
        .write_all(text.as_bytes())
        .expect("the request is sent");
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    String::from_utf8_lossy(&answer).into_owned()
}

// ---- A hostile machine: Ctrl-C halfway, and a disk that takes no more ----

/// A folder for one test to give the file examples as their TMPDIR, removed at the end.
struct Parent(tempfile::TempDir);

impl Parent {
    fn new() -> Parent {
        Parent(tempfile::tempdir_in(common::scratch_space()).expect("a temporary folder"))
    }

    fn entries(&self) -> Vec<String> {
        std::fs::read_dir(self.0.path())
            .expect("readable")
            .map(|e| {
                e.expect("an entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect()
    }
}

#[test]
fn ctrl_c_halfway_leaves_no_scratch_folder() {
    for example in ["files_sync", "files_async"] {
        let parent = Parent::new();
        let mut command = example_command(example, &["--fsync"]);
        command.env("TMPDIR", parent.0.path());
        let (mut child, _) = common::spawn(&mut command).expect("the example starts");
        let mut stdout = BufReader::new(child.stdout.take().expect("piped stdout"));
        let mut line = String::new();
        stdout.read_line(&mut line).expect("a line");
        assert_eq!(line, "made a fresh temporary directory\n");
        common::shared::ctrl_c_and_wait(&mut child, example);
        assert_eq!(
            parent.entries(),
            Vec::<String>::new(),
            "{example} left its folder"
        );
    }
}

/// Every file fails the same way on a full disk: one line says so, not one line per file. A
/// limit on the size of files the example may write (`ulimit -f`, with SIGXFSZ ignored so that a
/// write past it fails instead of killing the program) stands in for a full disk.
#[test]
fn a_disk_that_takes_no_more_is_one_line() {
    for example in ["files_sync", "files_async"] {
        let parent = Parent::new();
        let binary = common::example_binary(example);
        let script = "trap '' XFSZ; ulimit -f 40; exec \"$0\"";
        let mut command = std::process::Command::new("sh");
        command
            .args(["-c", script])
            .arg(&binary)
            .env("TMPDIR", parent.0.path())
            .env_remove("RUST_BACKTRACE")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        let output = command.output().expect("sh runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{example}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{example}: {stderr}");
        assert!(
            stderr
                .starts_with("Error: 300 of 300 files failed; the first: cannot write file-001: "),
            "{example}: {stderr}"
        );
        assert_eq!(
            parent.entries(),
            Vec::<String>::new(),
            "{example} left its folder"
        );
    }
}

// ---- A reader that goes away: the servers' stdout closed ----

/// A server whose log nobody reads any more (its stdout is a closed pipe) ends quietly at its
/// next line, exit code 0, rather than panicking on every request or keeping members that are
/// no longer served (`workbook::cli` ends a program whose stdout is closed).
#[test]
fn a_server_whose_stdout_is_closed_ends_quietly() {
    for (example, args) in [
        ("web_server", ["--port", "0", "--delay", "0"]),
        ("chat_server", ["--port", "0", "--name-timeout", "5"]),
    ] {
        let (mut server, mut log) = start_example(example, &args);
        let mut first = String::new();
        log.read_line(&mut first).expect("the server prints");
        let port: u16 = first
            .split(|c: char| !c.is_ascii_digit() && c != '.' && c != ':')
            .find_map(|word| word.strip_prefix("127.0.0.1:"))
            .and_then(|port| {
                port.trim_end_matches(|c: char| !c.is_ascii_digit())
                    .parse()
                    .ok()
            })
            .unwrap_or_else(|| panic!("no port in {first:?}"));
        drop(log);
        // Something to log: a request, or a member who joins; again every 200 ms, 5 s at most
        // (another test's process may hold the pipe for a moment, as a fork does).
        let hello: &[u8] = match example {
            "web_server" => b"GET /page/0 HTTP/1.1\r\nhost: x\r\n\r\n",
            _ => b"ann\n",
        };
        // Each client stays connected until the server is gone: one that hangs up at once may be
        // gone before the server has anything to log about it.
        let mut clients = Vec::new();
        let began = Instant::now();
        let status = loop {
            if let Some(status) = server.0.try_wait().expect("the server can be waited for") {
                break Some(status);
            }
            if began.elapsed() > Duration::from_secs(5) {
                break None;
            }
            if let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) {
                let _ = stream.write_all(hello);
                clients.push(stream);
            }
            std::thread::sleep(Duration::from_millis(200));
        };
        drop(clients);
        let mut stderr = String::new();
        if status.is_some() {
            let _ = server
                .0
                .stderr
                .take()
                .map(|mut e| e.read_to_string(&mut stderr));
        }
        assert_eq!(
            status.and_then(|s| s.code()),
            Some(0),
            "{example} did not end quietly"
        );
        assert_eq!(stderr, "", "{example} printed errors");
    }
}
