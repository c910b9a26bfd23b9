//! The servers the exercises talk to, and the log that lets the checker see what was asked.
//!
//! Each server is the workbook's own web server (`workbook::server`) behind a small recording
//! front: the front takes each connection, notes what was asked and when, forwards the request
//! with the delay this exercise's table gives the page, and notes when the answer went back or
//! when the client hung up first. The page delays live here, on the server's side, so a program
//! cannot make a page faster by asking for it differently.
//!
//! The checker starts the servers an exercise needs before it starts the program, and tells the
//! program where they are in an environment variable: the log is in the checker's process, where
//! the program cannot reach it. Run on its own (`cargo run -p workbook-exercises --bin ex05`), a
//! program starts its own front, with the same pages and delays.

use std::io;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::Context;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;
use workbook::server::{self, Config};

/// One server an exercise talks to: what it is called, where its address is handed over, and how
/// long each of its pages takes to answer.
pub struct Site {
    /// How the checker's messages name it: "the server", "mirror A".
    pub name: &'static str,
    /// The environment variable that holds its address when the checker runs the program.
    pub env: &'static str,
    /// Each page's path and how long the server takes to answer it. Any other path is answered
    /// as the workbook server answers it, after 0.5 s.
    pub pages: &'static [(&'static str, Duration)],
}

impl Site {
    /// How long this site takes to answer `path` (a query is ignored).
    pub fn delay(&self, path: &str) -> Option<Duration> {
        let path = path.split('?').next().unwrap_or(path);
        self.pages
            .iter()
            .find(|(page, _)| *page == path)
            .map(|(_, delay)| *delay)
    }
}

/// A server as a program sees it: where to send requests. A clone talks to the same server.
#[derive(Clone)]
pub struct Server {
    base: String,
    /// The front this program started itself, when it was run without the checker.
    _own: Option<Arc<Front>>,
}

impl Server {
    /// A server at `addr`.
    pub fn at(addr: SocketAddr) -> Server {
        Server {
            base: format!("http://{addr}"),
            _own: None,
        }
    }

    /// The full URL of `path` on this server: `http://127.0.0.1:40123/page/3`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

/// The server `site` stands for: the checker's, when the checker runs this program, or else one
/// started here, with the same pages.
pub fn connect(site: &'static Site) -> anyhow::Result<Server> {
    if let Ok(addr) = std::env::var(site.env) {
        return Ok(Server {
            base: format!("http://{addr}"),
            _own: None,
        });
    }
    let front = Front::start(site).with_context(|| format!("cannot start {}", site.name))?;
    Ok(Server {
        base: format!("http://{}", front.addr()),
        _own: Some(Arc::new(front)),
    })
}

/// How a request ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ending {
    /// The server's answer went back to the client.
    Answered,
    /// The client hung up before the answer came: it gave up, or its future was dropped.
    Dropped,
}

/// One request, as the front saw it.
#[derive(Clone, Debug)]
pub struct Request {
    /// The path asked for, without its query: `/page/3`.
    pub path: String,
    /// When the request came in.
    pub asked: Instant,
    /// When and how it ended; `None` while it is in flight.
    pub ended: Option<(Instant, Ending)>,
}

/// A running front and the server behind it. Dropping it stops both.
pub struct Front {
    addr: SocketAddr,
    log: Arc<Mutex<Vec<Request>>>,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Front {
    /// Starts the workbook server and the recording front before it, on a thread of their own.
    /// They are accepting connections when this returns.
    pub fn start(site: &'static Site) -> io::Result<Front> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let listener = std::net::TcpListener::bind(("127.0.0.1", 0))?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let log = Arc::new(Mutex::new(Vec::new()));
        let (stop, stopped) = oneshot::channel::<()>();
        let (ready, is_ready) = std::sync::mpsc::channel::<io::Result<()>>();
        let recorded = Arc::clone(&log);
        let thread = std::thread::Builder::new()
            .name("exercise-server".into())
            .spawn(move || {
                runtime.block_on(async move {
                    let started = async {
                        let upstream = server::start(Config {
                            pages: 20,
                            ..Config::default()
                        })
                        .await?;
                        let listener = TcpListener::from_std(listener)?;
                        io::Result::Ok((upstream, listener))
                    };
                    let (upstream, listener) = match started.await {
                        Ok(both) => {
                            let _ = ready.send(Ok(()));
                            both
                        }
                        Err(error) => {
                            let _ = ready.send(Err(error));
                            return;
                        }
                    };
                    let to = upstream.addr();
                    let accepting = async {
                        while let Ok((client, _)) = listener.accept().await {
                            tokio::spawn(relay(client, to, site, Arc::clone(&recorded)));
                        }
                    };
                    tokio::select! {
                        () = accepting => {}
                        _ = stopped => {}
                    }
                    drop(upstream);
                });
                // The runtime ends here, and with it every connection still open.
            })?;
        is_ready
            .recv()
            .map_err(|_| io::Error::other("the server thread ended"))??;
        Ok(Front {
            addr,
            log,
            stop: Some(stop),
            thread: Some(thread),
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Every request so far, in the order they came in.
    pub fn log(&self) -> Vec<Request> {
        self.log.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// The log once no request is in flight any more, or after `patience`: when a program ends,
    /// its connections close, and the front notes each a moment later.
    pub fn settled_log(&self, patience: std::time::Duration) -> Vec<Request> {
        let until = Instant::now() + patience;
        loop {
            let log = self.log();
            if log.iter().all(|r| r.ended.is_some()) || Instant::now() >= until {
                return log;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }
}

impl Drop for Front {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The most a request's head may be.
const MOST_HEAD: usize = 16 * 1024;

/// Serves one connection: reads the request's head, notes it, forwards it to the server with this
/// site's delay for the page, and sends the answer back, noting when it went or when the client
/// hung up first. One request per connection (the head asks the server to close after it).
async fn relay(
    mut client: TcpStream,
    to: SocketAddr,
    site: &'static Site,
    log: Arc<Mutex<Vec<Request>>>,
) {
    let mut head = Vec::new();
    let mut buffer = [0u8; 4096];
    let end_of_head = loop {
        if let Some(end) = find(&head, b"\r\n\r\n") {
            break end + 4;
        }
        match client.read(&mut buffer).await {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&buffer[..n]),
        }
        if head.len() > MOST_HEAD {
            return;
        }
    };
    let asked = Instant::now();
    let text = String::from_utf8_lossy(&head[..end_of_head]).to_string();
    let mut words = text.lines().next().unwrap_or_default().split(' ');
    let (method, target) = (words.next().unwrap_or("GET"), words.next().unwrap_or("/"));
    let path = target.split('?').next().unwrap_or(target).to_string();
    let forwarded = match site.delay(&path) {
        Some(delay) => format!("{path}?delay={}", delay.as_secs_f64()),
        None => path.clone(),
    };
    let index = {
        let mut log = log.lock().unwrap_or_else(|e| e.into_inner());
        log.push(Request {
            path,
            asked,
            ended: None,
        });
        log.len() - 1
    };
    let end_at = |at: Instant, ending: Ending| {
        let mut log = log.lock().unwrap_or_else(|e| e.into_inner());
        if log[index].ended.is_none() {
            log[index].ended = Some((at, ending));
        }
    };
    let end = |ending: Ending| end_at(Instant::now(), ending);
    let headers = text.split_once("\r\n").map_or("", |(_, rest)| rest);
    let rewritten = format!("{method} {forwarded} HTTP/1.1\r\nConnection: close\r\n{headers}");
    let Ok(mut upstream) = TcpStream::connect(to).await else {
        end(Ending::Dropped);
        return;
    };
    let mut outgoing = rewritten.into_bytes();
    outgoing.extend_from_slice(&head[end_of_head..]);
    if upstream.write_all(&outgoing).await.is_err() {
        end(Ending::Dropped);
        return;
    }
    // Until the answer starts, watch both sides: the client hanging up is a request dropped.
    let mut answer = [0u8; 4096];
    let mut from_client = [0u8; 4096];
    loop {
        tokio::select! {
            read = upstream.read(&mut answer) => {
                let n = read.unwrap_or(0);
                // The moment the answer came from the server, before it is passed on: a busy
                // machine may hold this thread back while the client reads it.
                let answered = Instant::now();
                if n == 0 {
                    end(Ending::Dropped);
                    return;
                }
                // Noted before it is passed on: once the client has it, the program may end and
                // the checker read the log at once.
                end_at(answered, Ending::Answered);
                if client.write_all(&answer[..n]).await.is_err() {
                    let mut log = log.lock().unwrap_or_else(|e| e.into_inner());
                    log[index].ended = Some((Instant::now(), Ending::Dropped));
                    return;
                }
                break;
            }
            read = client.read(&mut from_client) => match read {
                Ok(0) | Err(_) => {
                    end(Ending::Dropped);
                    return;
                }
                Ok(n) => {
                    if upstream.write_all(&from_client[..n]).await.is_err() {
                        end(Ending::Dropped);
                        return;
                    }
                }
            },
        }
    }
    let _ = tokio::io::copy(&mut upstream, &mut client).await;
    let _ = client.shutdown().await;
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}
