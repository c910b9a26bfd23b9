//! http_get_async: fetch one web page with an async HTTP client, and print its status and title.
//!
//! With no URL it starts the workbook's own web server on this machine (`src/server.rs`) and
//! fetches its first page, `/page/0`, which the server answers after 0.5 s. Given an http:// URL,
//! it fetches that instead. It reads at most 10 MB of the page (`--max-body MB` changes that).
//! Run: `cargo run --example http_get_async` (about 0.5 s), or
//! `cargo run --example http_get_async -- http://127.0.0.1:8080/page/3` with `web_server` running.
//! Then see `http_many_sync` and `http_many_async` for many pages.

use std::time::Duration;

use anyhow::anyhow;
use http_body_util::{BodyExt, LengthLimitError, Limited};
use workbook::server;
use workbook::url_list::{http_url, megabytes, root_cause, title_of, too_long};
use workbook::{say, summary};

/// `[--max-body MB] [URL]`.
#[derive(clap::Parser)]
struct Options {
    /// An http:// URL to fetch; without one, the workbook server's /page/0.
    #[arg(value_parser = http_url)]
    url: Option<url::Url>,
    /// The most of the page to read, in megabytes.
    #[arg(long = "max-body", value_name = "MB", default_value = "10", value_parser = megabytes)]
    max_body: usize,
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> workbook::Result {
    let options: Options = workbook::cli::parse();
    let max_body = options.max_body;
    // The workbook's server runs on a thread of its own, standing in for a machine elsewhere.
    // Its port changes on every run, so only the path is printed.
    // The `url` crate checked the host and the port of a URL given (a bad one is a usage error).
    let (url, shown, _server) = match options.url {
        Some(url) => (url.clone(), url.to_string(), None),
        None => {
            let server = server::start_on_thread(server::Config::default())?;
            let url = url::Url::parse(&server.url("/page/0"))?;
            (url, "/page/0".to_string(), Some(server))
        }
    };

    let client = reqwest::Client::new();
    say(format!("GET {shown}"));
    let fetch = async {
        // Each `.await` hands the thread back until the next part of the answer is in.
        let response = client.get(url).send().await.map_err(|e| root_cause(&e))?;
        say(format!("Status: {}", response.status()));
        // A server may send more than we want, or never stop: read at most max_body bytes.
        let body = Limited::new(http::Response::from(response).into_body(), max_body);
        let page = body
            .collect()
            .await
            .map_err(|e| match e.is::<LengthLimitError>() {
                true => too_long(max_body),
                false => root_cause(&*e),
            })?;
        Ok::<_, String>(page.to_bytes())
    };
    let page = tokio::time::timeout(Duration::from_secs(10), fetch)
        .await
        .map_err(|_| anyhow!("no answer from {shown} within 10 s"))?
        .map_err(|why| anyhow!("cannot fetch {shown}: {why}"))?;

    let page = String::from_utf8_lossy(&page);
    match title_of(&page) {
        Some(title) => say(format!("Title: \"{title}\"")),
        None => say(format!("No <title> in its {} bytes", page.len())),
    }
    summary();
    Ok(())
}
