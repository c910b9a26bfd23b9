//! load_test: send R requests over C connections at once to the workbook's web server, and print
//! the throughput and the latency percentiles (p50, p90, p99). Bounded in count and in time, and
//! on this machine only (127.0.0.1).
//!
//! The server runs on a thread of its own; the C connections are C tasks on this one thread, each
//! sending its next request as soon as its last answer is in. The numbers depend on the machine
//! and on what else it is doing, so no two runs print the same.
//! Run: `cargo run --release --example load_test` (2000 requests over 20 connections, well under a
//! second), or with `-- --requests R --connections C --delay SECS` (the server's wait before each
//! answer, default 0) and `--time-limit SECS` (default 30: no request starts after it).

use std::cell::Cell;
use std::rc::Rc;
use std::time::{Duration, Instant};

use anyhow::anyhow;
use futures::future::join_all;
use http_body_util::{BodyExt, Empty};
use hyper::Request;
use hyper::body::Bytes;
use hyper::client::conn::http1;
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;
use workbook::{cli, say, server};

/// One request may take at most this long; a slower answer counts as failed.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(5);

/// What one connection saw: the latency of each answered request, and how many failed.
#[derive(Default)]
struct Seen {
    latencies: Vec<Duration>,
    failed: usize,
    first_failure: Option<String>,
}

// ANCHOR: connection
/// One connection: claims the next request number from `next` until all are claimed or the time
/// limit is past, and sends them one after another, each as soon as the last one's answer is in.
async fn connection(
    site: &server::RunningServer,
    next: Rc<Cell<usize>>,
    options: &Options,
    deadline: Instant,
) -> Seen {
    let mut seen = Seen::default();
    let fail = |seen: &mut Seen, why: String| {
        seen.failed += 1;
        seen.first_failure.get_or_insert(why);
    };
    let sender = async {
        let stream = TcpStream::connect(site.addr()).await?;
        let (sender, connection) = http1::handshake(TokioIo::new(stream)).await?;
        // The connection's own task reads and writes the socket; `sender` queues requests on it.
        tokio::spawn(connection);
        anyhow::Ok(sender)
    };
    let mut sender = match sender.await {
        Ok(sender) => sender,
        Err(e) => {
            fail(&mut seen, format!("cannot connect: {e}"));
            return seen;
        }
    };
    loop {
        let number = next.get();
        if number >= options.requests || Instant::now() >= deadline {
            return seen;
        }
        next.set(number + 1);
        let path = server::page_path(number % 10);
        let request = Request::get(path)
            .header(hyper::header::HOST, site.addr().to_string())
            .body(Empty::<Bytes>::new())
            .expect("a GET with a path and a host is a valid request");
        let began = Instant::now();
        let answer = async {
            sender.ready().await?;
            let response = sender.send_request(request).await?;
            let status = response.status();
            response.into_body().collect().await?;
            anyhow::Ok(status)
        };
        match tokio::time::timeout(REQUEST_TIMEOUT, answer).await {
            Ok(Ok(status)) if status.is_success() => seen.latencies.push(began.elapsed()),
            Ok(Ok(status)) => fail(&mut seen, status.to_string()),
            Ok(Err(e)) => {
                fail(&mut seen, e.to_string());
                return seen; // The connection is broken: this worker stops.
            }
            Err(_) => {
                fail(&mut seen, "timed out".to_string());
                return seen;
            }
        }
    }
}
// ANCHOR_END: connection

#[tokio::main(flavor = "current_thread")]
async fn main() -> workbook::Result {
    let options: Options = cli::parse();
    // The server on a thread of its own, so it does not share this thread with the clients.
    let site = server::start_on_thread(server::Config {
        page_delay: options.delay,
        ..server::Config::default()
    })?;
    say(format!(
        "Load test: {} requests over {} connections, server delay {} s",
        options.requests,
        options.connections,
        options.delay.as_secs_f64()
    ));

    // ANCHOR: clients
    let began = Instant::now();
    let deadline = began + options.time_limit;
    let next = Rc::new(Cell::new(0));
    let connections =
        (0..options.connections).map(|_| connection(&site, Rc::clone(&next), &options, deadline));
    let seen = join_all(connections).await;
    let took = began.elapsed();
    // ANCHOR_END: clients

    let mut latencies: Vec<Duration> = seen.iter().flat_map(|s| s.latencies.clone()).collect();
    latencies.sort();
    let failed: usize = seen.iter().map(|s| s.failed).sum();
    let answered = latencies.len();
    println!(
        "Sent {} requests in {:.2} s: {answered} answered, {failed} failed",
        answered + failed,
        took.as_secs_f64()
    );
    println!(
        "Throughput: {:.0} requests/s",
        answered as f64 / took.as_secs_f64()
    );
    if answered > 0 {
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "Latency: p50 {:.1} ms, p90 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
            ms(percentile(&latencies, 50)),
            ms(percentile(&latencies, 90)),
            ms(percentile(&latencies, 99)),
            ms(latencies[answered - 1]),
        );
    }
    println!("The server received {} requests", site.requests_received());
    if answered + failed < options.requests {
        println!(
            "Stopped at the time limit of {} s",
            options.time_limit.as_secs_f64()
        );
    }
    if let Some(why) = seen.iter().find_map(|s| s.first_failure.clone()) {
        return Err(anyhow!("{failed} requests failed; the first because: {why}").into());
    }
    Ok(())
}

/// The latency below which `p` percent of the answers came: the nearest-rank percentile of a
/// sorted list.
fn percentile(sorted: &[Duration], p: usize) -> Duration {
    let rank = (sorted.len() * p).div_ceil(100).max(1);
    sorted[rank - 1]
}

/// The command line: `[--requests R] [--connections C] [--delay SECS] [--time-limit SECS]`, with
/// bounds that keep a run short and the machine usable.
#[derive(clap::Parser)]
struct Options {
    /// How many requests to send in all.
    #[arg(long, value_name = "R", default_value_t = 2000, value_parser = cli::between(1, 100_000))]
    requests: usize,
    /// How many connections send them, at the same time.
    #[arg(long, value_name = "C", default_value_t = 20, value_parser = cli::between(1, 500))]
    connections: usize,
    /// How long the server waits before each answer, in seconds.
    #[arg(long, value_name = "SECS", default_value = "0", value_parser = cli::seconds(0.0..=10.0))]
    delay: Duration,
    /// No request starts after this many seconds.
    #[arg(long = "time-limit", value_name = "SECS", default_value = "30", value_parser = cli::seconds(0.1..=300.0))]
    time_limit: Duration,
}
