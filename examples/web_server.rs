//! web_server: the workbook's own web server on its own, for clients, a browser or a class.
//!
//! It serves 10 small pages on this machine, `/page/0` to `/page/9`, each answered after a delay,
//! and `/missing` (404), `/slow` (30 s) and `/close` (hangs up halfway). It prints each request
//! as it comes in and as it is answered, so you can watch requests overlap. The server itself is
//! `src/server.rs`, the same one the HTTP examples start for themselves, with its limits: on
//! 127.0.0.1 only, `GET` and `HEAD` only (others get 405), at most 256 connections at once (one
//! more gets 503), a request's head within 10 s, `?delay=` at most 30 s.
//! Run: `cargo run --example web_server -- --port 8080 --delay 0.5` (these are the defaults; port
//! 0 takes any free port). It runs until you stop it with Ctrl-C. Then, in another terminal:
//! `cargo run --example http_get_async -- http://127.0.0.1:8080/page/3`.

use std::time::Duration;

use anyhow::{anyhow, bail};
use workbook::{say, server};

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let mut config = server::Config {
        log_requests: true,
        ..server::Config::default()
    };
    config.addr.set_port(8080);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next().ok_or_else(|| anyhow!("{arg} needs a value"));
        match arg.as_str() {
            "--port" => {
                let value = value?;
                let port = value
                    .parse()
                    .map_err(|_| anyhow!("--port takes 0 to 65535, not {value}"))?;
                config.addr.set_port(port);
            }
            "--delay" => {
                let value = value?;
                let seconds = value
                    .parse::<f64>()
                    .ok()
                    .filter(|s| (0.0..=600.0).contains(s))
                    .ok_or_else(|| anyhow!("--delay takes seconds (0 to 600), not {value}"))?;
                config.page_delay = Duration::from_secs_f64(seconds);
            }
            _ => bail!("unknown option {arg}; usage: [--port PORT] [--delay SECS]"),
        }
    }

    let addr = config.addr;
    let server = server::start(config)
        .await
        .map_err(|e| anyhow!("cannot listen on {addr}: {e} (try another --port, or 0)"))?;
    // `say` starts the clock, so the request log below shows the time since the server started.
    say(format!(
        "Serving on {}  (Ctrl-C stops it)",
        server.base_url()
    ));
    println!("  {}/ links to every page", server.base_url());
    for path in server.page_paths() {
        println!("  {}", server.url(&path));
    }
    println!("  {} answers 404 Not Found", server.url("/missing"));
    println!("  {} answers after 30 s", server.url("/slow"));
    println!(
        "  {} hangs up halfway through its answer",
        server.url("/close")
    );
    println!("  ?delay=SECS (0 to 30) on any of them sets its delay, e.g. /page/3?delay=2");
    println!("  GET and HEAD only; at most 256 connections; a request's head within 10 s");

    // The server runs as tasks on this thread's runtime; main only has to keep the runtime alive.
    // Ctrl-C ends the process, and the server with it.
    std::future::pending::<()>().await;
    Ok(())
}
