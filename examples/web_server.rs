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

use anyhow::anyhow;
use workbook::{cli, say, server};

/// `[--port PORT] [--delay SECS]`.
#[derive(clap::Parser)]
// The last of an option given twice counts, as in most command-line tools.
#[command(args_override_self = true)]
struct Options {
    /// The port on 127.0.0.1 to listen on; 0 takes any free one.
    #[arg(long, default_value_t = 8080)]
    port: u16,
    /// How long each answer waits before it starts, in seconds.
    #[arg(long, value_name = "SECS", default_value = "0.5", value_parser = cli::seconds(0.0..=30.0))]
    delay: Duration,
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> workbook::Result {
    let options: Options = cli::parse();
    let mut config = server::Config {
        log_requests: true,
        page_delay: options.delay,
        ..server::Config::default()
    };
    config.addr.set_port(options.port);

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
