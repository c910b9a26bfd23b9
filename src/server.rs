//! The workbook's own web server: a few small pages on 127.0.0.1, each answered after a delay, so
//! the HTTP examples can run offline and always see the same pages, the same waits and the same
//! faults.
//!
//! This module is infrastructure, not a lesson. It stands in for a server somewhere on the
//! network, so unlike the rest of `src/` it spawns tasks and a thread and it sleeps: that is what a
//! server does, and the lesson of every HTTP example is in the *client*, in the example's own code.
//! Read it when you want to know what the clients talk to; `cargo run --example web_server` runs it
//! on its own so a class can point its clients, a browser or `curl` at it.
//!
//! # What it serves
//!
//! | Path | Answer |
//! | --- | --- |
//! | `/` | an index that links to every page |
//! | `/page/0` ... `/page/9` | `200 OK`, a page titled `Page N` that links to two other pages |
//! | `/missing`, any other path | `404 Not Found` |
//! | `/slow` | `200 OK` after [`Config::slow_delay`] (30 s), past any client timeout here |
//! | `/close` | `200 OK` and the first half of a page, then the connection closes |
//!
//! Each answer waits [`Config::page_delay`] (0.5 s) first, `/slow` its own delay instead. With
//! [`Config::fault_links`], page 4 also links to `/missing` and page 7 to `/slow`, for the crawler.
//! Any path takes `?delay=SECS` to wait that long instead (0 to [`MAX_DELAY`], 30 s; anything else
//! is `400 Bad Request`), for example `/page/3?delay=2.5`: a way to give each page its own delay.
//! It serves `GET` and `HEAD`; any other method is `405 Method Not Allowed`.
//!
//! # What it promises a client, and what it takes from one
//!
//! - It listens on 127.0.0.1 only, unless [`Config::addr`] says otherwise.
//! - A connection must send a whole request head within [`Config::header_timeout`] (10 s) of
//!   opening, and again within that time after each answer, or it is closed: a client that sends
//!   a byte at a time, or nothing, or keeps an idle connection, holds nothing for long.
//! - At most [`Config::max_connections`] (256) connections are open at once; one more is answered
//!   `503 Service Unavailable` at once and closed, so idle sockets cannot starve new clients.
//! - An answer is held for at most [`MAX_DELAY`] (30 s).
//!
//! # Starting it
//!
//! - From async code: `let server = server::start(Config::default()).await?;` runs it as tasks on
//!   the caller's tokio runtime.
//! - From sync code (or to keep it off the caller's runtime): `server::start_on_thread(config)?`
//!   runs it on a thread of its own with its own single-threaded runtime.
//!
//! Either way it listens on a free port of 127.0.0.1 ([`Config::addr`] is `127.0.0.1:0`) and the
//! returned [`RunningServer`] tells the address: `server.url("/page/3")`. Dropping the
//! `RunningServer` stops the server.

use std::convert::Infallible;
use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Duration;

use http_body_util::combinators::UnsyncBoxBody;
use http_body_util::{BodyExt, Full, StreamBody};
use hyper::body::{Bytes, Frame, Incoming};
use hyper::header::{ALLOW, CONTENT_LENGTH, CONTENT_TYPE, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::AsyncWriteExt;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Semaphore, oneshot};

/// The longest wait a `?delay=SECS` query may ask for: as long as `/slow` waits.
pub const MAX_DELAY: Duration = Duration::from_secs(30);

/// What the server serves and how slowly.
#[derive(Clone, Debug)]
pub struct Config {
    /// Where to listen. The default, `127.0.0.1:0`, takes a free port on the loopback interface.
    pub addr: SocketAddr,
    /// How long every answer waits before it starts: a stand-in for a server's work or a slow
    /// network. Default 0.5 s.
    pub page_delay: Duration,
    /// How many pages there are: `/page/0` up to `/page/{pages - 1}`. Default 10.
    pub pages: usize,
    /// How long `/slow` waits before it answers. Default 30 s.
    pub slow_delay: Duration,
    /// Print a line (with [`crate::say`]) when a request comes in and when it is answered.
    /// Default off: the examples that use the server print only what their client sees.
    pub log_requests: bool,
    /// Page 4 also links to `/missing` and page 7 to `/slow`, so a crawler meets a 404 and a
    /// timeout on its way. Default off.
    pub fault_links: bool,
    /// How long a connection may take to send a request's head, from when it opens or from the
    /// end of the last answer; past it, the connection is closed. Default 10 s.
    pub header_timeout: Duration,
    /// How many connections may be open at once; one more gets `503 Service Unavailable` and is
    /// closed. Default 256.
    pub max_connections: usize,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            addr: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
            page_delay: Duration::from_millis(500),
            pages: 10,
            slow_delay: Duration::from_secs(30),
            log_requests: false,
            fault_links: false,
            header_timeout: Duration::from_secs(10),
            max_connections: 256,
        }
    }
}

/// The path of page `number`: `/page/3`.
pub fn page_path(number: usize) -> String {
    format!("/page/{number}")
}

/// A server that is running. Dropping it stops the server.
pub struct RunningServer {
    addr: SocketAddr,
    site: Arc<Site>,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl RunningServer {
    /// The address it listens on, such as `127.0.0.1:40123`.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Its base URL, such as `http://127.0.0.1:40123`, with no slash at the end.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The full URL of `path` (which starts with `/`) on this server.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url())
    }

    /// The paths of all its pages, `/page/0` first.
    pub fn page_paths(&self) -> Vec<String> {
        (0..self.site.pages).map(page_path).collect()
    }

    /// How many requests it has received so far, whatever their answer.
    pub fn requests_received(&self) -> u64 {
        self.site.requests.load(Ordering::Relaxed)
    }

    /// The most requests it has had in flight at one moment so far: received, and not yet answered
    /// or given up by their client. The exercises' checker reads it (`exercises/`).
    pub fn most_in_flight(&self) -> usize {
        self.site.in_flight.most.load(Ordering::Relaxed)
    }
}

impl Drop for RunningServer {
    fn drop(&mut self) {
        // Stop accepting connections. On its own thread, the runtime ends with the thread, which
        // also cuts the connections still open; as tasks, open connections finish on their own.
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Starts the server as tasks on the current tokio runtime. Must be called from inside one (as any
/// `async fn` is).
pub async fn start(config: Config) -> io::Result<RunningServer> {
    let listener = TcpListener::bind(config.addr).await?;
    let addr = listener.local_addr()?;
    let (stop, stopped) = oneshot::channel();
    let site = Arc::new(Site::new(&config));
    tokio::spawn(serve(listener, Arc::clone(&site), stopped));
    Ok(RunningServer {
        addr,
        site,
        stop: Some(stop),
        thread: None,
    })
}

/// Starts the server on a thread of its own, with its own single-threaded tokio runtime, so that
/// synchronous code can use it too. It is accepting connections when this returns.
pub fn start_on_thread(config: Config) -> io::Result<RunningServer> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    // Bind here, not on the thread, so a bind error is returned to the caller.
    let std_listener = std::net::TcpListener::bind(config.addr)?;
    std_listener.set_nonblocking(true)?;
    let addr = std_listener.local_addr()?;
    let listener = {
        let _inside = runtime.enter();
        TcpListener::from_std(std_listener)?
    };
    let (stop, stopped) = oneshot::channel();
    let site = Arc::new(Site::new(&config));
    let serving = Arc::clone(&site);
    let thread = std::thread::Builder::new()
        .name("workbook-server".into())
        .spawn(move || runtime.block_on(serve(listener, serving, stopped)))?;
    Ok(RunningServer {
        addr,
        site,
        stop: Some(stop),
        thread: Some(thread),
    })
}

// ANCHOR: serve
/// Accepts connections until told to stop (or until the `RunningServer` is dropped), and serves
/// each one as a task of its own, so a slow answer on one connection holds up no other. At most
/// `max_connections` are served at once: each holds a permit of `open` until it closes.
async fn serve(listener: TcpListener, site: Arc<Site>, mut stopped: oneshot::Receiver<()>) {
    let open = Arc::new(Semaphore::new(site.max_connections));
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _peer)) => stream,
                Err(_) => {
                    // Out of file descriptors, usually, under a load test: give the open
                    // connections a moment to close rather than spin.
                    tokio::time::sleep(Duration::from_millis(10)).await;
                    continue;
                }
            },
            _ = &mut stopped => return,
        };
        let Ok(permit) = Arc::clone(&open).try_acquire_owned() else {
            tokio::spawn(too_many_connections(stream));
            continue;
        };
        let site = Arc::clone(&site);
        tokio::spawn(async move {
            let header_timeout = site.header_timeout;
            let answer = service_fn(move |request| Arc::clone(&site).answer(request));
            // An error here is a client that went away, one too slow to send its request (the
            // header timeout), or `/close` doing its job: nothing to do.
            let _ = http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(header_timeout)
                .serve_connection(TokioIo::new(stream), answer)
                .await;
            drop(permit);
        });
    }
}
// ANCHOR_END: serve

/// Tells a connection over the cap that the server is full, and closes it: a clear refusal, at
/// once, rather than a wait that ends in the client's timeout. The client is not read from.
async fn too_many_connections(mut stream: TcpStream) {
    const FULL: &[u8] = b"HTTP/1.1 503 Service Unavailable\r\nconnection: close\r\n\
        content-type: text/plain\r\ncontent-length: 37\r\n\r\n\
        Too many connections open: try later\n";
    let write = stream.write_all(FULL);
    let _ = tokio::time::timeout(Duration::from_secs(1), write).await;
}

type Body = UnsyncBoxBody<Bytes, io::Error>;

/// What the server knows: its configuration and how many requests it has had.
struct Site {
    page_delay: Duration,
    pages: usize,
    slow_delay: Duration,
    log_requests: bool,
    fault_links: bool,
    header_timeout: Duration,
    max_connections: usize,
    requests: AtomicU64,
    in_flight: Arc<InFlight>,
}

/// How many requests are in flight now, and the most there have been at once.
#[derive(Default)]
struct InFlight {
    now: AtomicUsize,
    most: AtomicUsize,
}

/// One request in flight, from when it is received until it is answered or its client goes away
/// (hyper then drops the answer, and this with it).
struct Counted(Arc<InFlight>);

impl Counted {
    fn new(in_flight: &Arc<InFlight>) -> Counted {
        let now = in_flight.now.fetch_add(1, Ordering::SeqCst) + 1;
        in_flight.most.fetch_max(now, Ordering::SeqCst);
        Counted(Arc::clone(in_flight))
    }
}

impl Drop for Counted {
    fn drop(&mut self) {
        self.0.now.fetch_sub(1, Ordering::SeqCst);
    }
}

impl Site {
    fn new(config: &Config) -> Site {
        Site {
            page_delay: config.page_delay,
            pages: config.pages,
            slow_delay: config.slow_delay,
            log_requests: config.log_requests,
            fault_links: config.fault_links,
            header_timeout: config.header_timeout,
            max_connections: config.max_connections.max(1),
            requests: AtomicU64::new(0),
            in_flight: Arc::default(),
        }
    }

    // ANCHOR: answer
    async fn answer(
        self: Arc<Self>,
        request: Request<Incoming>,
    ) -> Result<Response<Body>, Infallible> {
        self.requests.fetch_add(1, Ordering::Relaxed);
        let _in_flight = Counted::new(&self.in_flight);
        let asked = format!("{} {}", request.method(), request.uri());
        if self.log_requests {
            crate::say(&asked);
        }
        let path = request.uri().path();
        let page = |status, title: &str, body: &str| html(status, &document(title, body));
        let asked_delay = delay_in_query(request.uri().query().unwrap_or_default());
        let response = if !matches!(*request.method(), Method::GET | Method::HEAD) {
            let mut response = page(
                StatusCode::METHOD_NOT_ALLOWED,
                "405 Method not allowed",
                "<p>This server answers GET and HEAD only.</p>",
            );
            let allow = HeaderValue::from_static("GET, HEAD");
            response.headers_mut().insert(ALLOW, allow);
            response
        } else if let Err(why) = asked_delay {
            page(
                StatusCode::BAD_REQUEST,
                "400 Bad request",
                &format!("<p>{why}</p>"),
            )
        } else {
            let delay = asked_delay.ok().flatten().unwrap_or(if path == "/slow" {
                self.slow_delay
            } else {
                self.page_delay
            });
            tokio::time::sleep(delay).await;
            self.page_at(path)
        };
        // ANCHOR_END: answer
        if self.log_requests {
            let cut = if path == "/close" && response.status() == StatusCode::OK {
                ", cut off halfway"
            } else {
                ""
            };
            crate::say(format!("{asked} -> {}{cut}", response.status()));
        }
        Ok(response)
    }

    /// The answer for `path`, once its delay is over.
    fn page_at(&self, path: &str) -> Response<Body> {
        let page = |status, title: &str, body: &str| html(status, &document(title, body));
        match path {
            "/" => {
                let links: String = (0..self.pages)
                    .map(|n| format!("<li>{}</li>\n", link(n)))
                    .collect();
                page(
                    StatusCode::OK,
                    "Workbook server",
                    &format!("<ul>\n{links}</ul>"),
                )
            }
            "/slow" => page(StatusCode::OK, "Slow page", "<p>Worth the wait?</p>"),
            "/close" => closed_mid_response(),
            _ => match page_number(path, self.pages) {
                Some(n) => {
                    // Every page links to the next one, so all are reachable from any of them,
                    // and to one more, so a crawler meets pages it has already seen.
                    let (next, other) = ((n + 1) % self.pages, (n * 3 + 2) % self.pages);
                    let fault = match n {
                        4 if self.fault_links => " <a href=\"/missing\">Gone</a>",
                        7 if self.fault_links => " <a href=\"/slow\">Slow</a>",
                        _ => "",
                    };
                    page(
                        StatusCode::OK,
                        &format!("Page {n}"),
                        &format!("<p>See {} and {}.{fault}</p>", link(next), link(other)),
                    )
                }
                None => page(
                    StatusCode::NOT_FOUND,
                    "404 Not found",
                    "<p>No such page here. Try <a href=\"/\">the index</a>.</p>",
                ),
            },
        }
    }
}

/// The number N of `/page/N`, when there is such a page.
fn page_number(path: &str, pages: usize) -> Option<usize> {
    let n: usize = path.strip_prefix("/page/")?.parse().ok()?;
    (n < pages).then_some(n)
}

/// The delay asked for by `delay=SECS` in a query string such as `delay=2.5&x=1`: none if there is
/// no `delay=`, an error that says why if it is not 0 to [`MAX_DELAY`] seconds.
fn delay_in_query(query: &str) -> Result<Option<Duration>, String> {
    let Some(text) = query
        .split('&')
        .find_map(|pair| pair.strip_prefix("delay="))
    else {
        return Ok(None);
    };
    let most = MAX_DELAY.as_secs_f64();
    let seconds = text
        .parse::<f64>()
        .ok()
        .filter(|s| (0.0..=most).contains(s));
    match seconds {
        Some(seconds) => Ok(Some(Duration::from_secs_f64(seconds))),
        None => Err(format!(
            "?delay= takes seconds from 0 to {most}, not {text}"
        )),
    }
}

fn link(n: usize) -> String {
    format!("<a href=\"{0}\">Page {n}</a>", page_path(n))
}

fn document(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html>\n<head><title>{title}</title></head>\n\
         <body>\n<h1>{title}</h1>\n{body}\n</body>\n</html>\n"
    )
}

fn html(status: StatusCode, text: &str) -> Response<Body> {
    let mut response = Response::new(
        Full::new(Bytes::from(text.to_string()))
            .map_err(|never| match never {})
            .boxed_unsync(),
    );
    *response.status_mut() = status;
    response.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    response
}

/// `200 OK` with a `Content-Length` for a whole page, but only its first half is sent before the
/// connection is closed: what a client sees when a server crashes or the network drops mid-answer.
fn closed_mid_response() -> Response<Body> {
    let whole = document(
        "Cut short",
        "<p>This page never arrives whole: the server hangs up halfway.</p>",
    );
    let half = Bytes::from(whole[..whole.len() / 2].to_string());
    let first_half = futures::stream::iter([Ok(Frame::data(half))]);
    let hang_up = futures::stream::once(async {
        // Let the headers and the first half reach the client first.
        tokio::time::sleep(Duration::from_millis(10)).await;
        Err(io::Error::other(
            "the workbook server closes /close mid-response",
        ))
    });
    let body = StreamBody::new(futures::StreamExt::chain(first_half, hang_up));
    let mut response = Response::new(BodyExt::boxed_unsync(body));
    response.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    response
        .headers_mut()
        .insert(CONTENT_LENGTH, HeaderValue::from(whole.len()));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_and_delays_are_read_from_the_path() {
        assert_eq!(page_number("/page/0", 10), Some(0));
        assert_eq!(page_number("/page/9", 10), Some(9));
        assert_eq!(page_number("/page/10", 10), None);
        assert_eq!(page_number("/page/x", 10), None);
        assert_eq!(
            delay_in_query("a=1&delay=2.5"),
            Ok(Some(Duration::from_millis(2500)))
        );
        assert_eq!(delay_in_query("a=1"), Ok(None));
        assert_eq!(delay_in_query("delay=30"), Ok(Some(MAX_DELAY)));
        assert_eq!(
            delay_in_query("delay=-1"),
            Err("?delay= takes seconds from 0 to 30, not -1".into())
        );
        assert!(delay_in_query("delay=600").is_err());
        assert!(delay_in_query("delay=NaN").is_err());
    }
}
