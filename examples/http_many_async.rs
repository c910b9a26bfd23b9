//! http_many_async: fetch a list of web pages all at once, on one thread. The waits overlap.
//!
//! With no file it starts the workbook's own web server on this machine (`src/server.rs`) and
//! fetches its 10 pages, each answered after 0.5 s, printing each page's title. Given a file, it
//! fetches the URLs in it instead: one a line, blank lines and `#` comments skipped, and a line
//! that is only a path, such as `/page/3` or `/slow`, meaning that path on the workbook's server.
//! A URL that fails (no such host, a 404, a timeout, ...) gets one line that says why, and the
//! run goes on; the exit code is 1 if any failed.
//! Both clients read the options and the list, and print each URL's line, with `src/url_list.rs`:
//! this file is only the client.
//! Run: `cargo run --example http_many_async` (about 0.5 s), or with `-- urls.txt`,
//! `--timeout SECS` (default 5), `--parallel N` (at most N requests at once; `--parallel 2` takes
//! about 2.5 s). Compare with `http_many_sync`. https URLs need `--features tls`.

use std::error::Error;

use anyhow::bail;
use futures::StreamExt;
use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use hyper::http::Uri;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use workbook::url_list::{
    Options, Url, connection_fault, one_line, report, root_cause, title_or_failure, urls_to_fetch,
};
use workbook::{say, summary, waiting_for};

/// Fetches one URL and returns the title of its page, or one line that says what went wrong.
async fn fetch(client: &HttpClient, url: &Url, options: &Options) -> Result<String, String> {
    let uri = url.check()?;
    let bar = waiting_for(&url.label());
    // Any future can be given a deadline: past it, `timeout` drops the request.
    let outcome = match tokio::time::timeout(options.timeout, get_title(client, uri)).await {
        Ok(outcome) => outcome,
        Err(_elapsed) => Err(options.timed_out()),
    };
    bar.end();
    outcome
}

/// GETs `uri` and returns its page's title. At each `.await` this request hands the thread back
/// until its answer's head is in, then its body: the other requests go on meanwhile.
async fn get_title(client: &HttpClient, uri: Uri) -> Result<String, String> {
    let response = client.get(uri).await.map_err(|e| describe(&e))?;
    let (head, body) = response.into_parts();
    let page = body.collect().await.map_err(|e| describe(&e))?.to_bytes();
    title_or_failure(&head, &page)
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let options = Options::from_args()?;
    let (urls, _server) = urls_to_fetch(&options)?;
    let client: HttpClient = Client::builder(TokioExecutor::new()).build(connector());

    let in_flight = options.parallel.unwrap_or(urls.len());
    let how = match options.parallel {
        Some(n) => format!("at most {n} at a time"),
        None => "all at once".to_string(),
    };
    say(format!("Fetching {} URLs, {how}", urls.len()));
    // `buffered` keeps up to `in_flight` fetches going at once, starts the next as one ends, and
    // hands back the outcomes in the order of the list, whatever order they end in.
    let (client, options) = (&client, &options);
    let mut outcomes = futures::stream::iter(&urls)
        .map(|url| async move { (url, fetch(client, url, options).await) })
        .buffered(in_flight);
    let mut failed = 0;
    while let Some((url, outcome)) = outcomes.next().await {
        failed += report(url, &outcome, &urls);
    }
    summary();
    if failed > 0 {
        bail!("{failed} of {} URLs failed", urls.len());
    }
    Ok(())
}

/// The client keeps connections open for reuse, like ureq's agent. `Empty<Bytes>`: a GET sends no
/// body.
type HttpClient = Client<Connector, Empty<Bytes>>;

#[cfg(not(feature = "tls"))]
type Connector = hyper_util::client::legacy::connect::HttpConnector;

#[cfg(not(feature = "tls"))]
fn connector() -> Connector {
    Connector::new()
}

/// With the `tls` feature: https too, checked against the webpki root certificates.
#[cfg(feature = "tls")]
type Connector = hyper_rustls::HttpsConnector<hyper_util::client::legacy::connect::HttpConnector>;

#[cfg(feature = "tls")]
fn connector() -> Connector {
    hyper_rustls::HttpsConnectorBuilder::new()
        .with_webpki_roots()
        .https_or_http()
        .enable_http1()
        .build()
}

/// What went wrong, in one line: a fault a client must expect, else the deepest of hyper's causes.
fn describe(error: &(dyn Error + 'static)) -> String {
    connection_fault(error).unwrap_or_else(|| one_line(&root_cause(error).to_string()))
}
