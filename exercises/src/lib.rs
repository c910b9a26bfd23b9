//! What the exercise programs share: one async HTTP GET that returns a page's title, so that the
//! exercises about servers are about concurrency and not about an HTTP client's API, and the
//! title finder it uses; the servers the exercises talk to ([`site`]); and each exercise's fixed
//! parts (`ex02` to `ex12`: its data tables, its report, its server's pages), so that a starter,
//! its solution and its wrong answers differ only in the code the exercise is about.
//!
//! It spawns nothing and keeps nothing running: the request and its connection live inside the one
//! future `fetch_title` returns. Dropping that future (a timeout, the loser of a race) closes the
//! connection at once. The checker that runs the exercises is in `src/runner/`.

pub mod ex02;
pub mod ex03;
pub mod ex04;
pub mod ex05;
pub mod ex06;
pub mod ex07;
pub mod ex08;
pub mod ex09;
pub mod ex10;
pub mod ex11;
pub mod ex12;
pub mod site;

use anyhow::{Context, anyhow, bail};
use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use hyper::header::HOST;
use hyper::{Request, Uri};
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;

/// GETs an `http://` URL and returns the title of the page, such as `Page 3`. Any answer but
/// `200 OK` is an error that says what came back (`404 Not Found`).
pub async fn fetch_title(url: &str) -> anyhow::Result<String> {
    let uri: Uri = url.parse().with_context(|| format!("not a URL: {url}"))?;
    if uri.scheme_str() != Some("http") {
        bail!("{url}: only http:// URLs here");
    }
    let host = uri.host().ok_or_else(|| anyhow!("{url}: no host"))?;
    let port = uri.port_u16().unwrap_or(80);
    let stream = TcpStream::connect((host, port))
        .await
        .with_context(|| format!("cannot connect to {host}:{port}"))?;
    let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .context("the HTTP handshake failed")?;
    let path = uri.path_and_query().map_or("/", |p| p.as_str());
    let request = Request::get(path)
        .header(HOST, format!("{host}:{port}"))
        .body(Empty::<Bytes>::new())?;
    let exchange = async move {
        let response = sender.send_request(request).await?;
        let status = response.status();
        let page = response.into_body().collect().await?.to_bytes();
        // `sender` is dropped here: the connection closes once the answer is in.
        anyhow::Ok((status, page))
    };
    // The connection does the reading and writing while the exchange waits for the answer: both
    // are polled together, inside this future.
    let (outcome, _closed) = tokio::join!(exchange, connection);
    let (status, page) = outcome.with_context(|| format!("no answer from {url}"))?;
    if !status.is_success() {
        bail!("{status}");
    }
    let page = String::from_utf8_lossy(&page);
    title_of(&page).ok_or_else(|| anyhow!("no <title> in the page at {url}"))
}

/// The text of a page's `<title>`, on one line.
pub fn title_of(page: &str) -> Option<String> {
    let start = page.find("<title>")? + "<title>".len();
    let end = start + page[start..].find("</title>")?;
    Some(
        page[start..end]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_title_is_found_and_put_on_one_line() {
        let page = "<html><head><title>Page\n 3</title></head></html>";
        assert_eq!(title_of(page).as_deref(), Some("Page 3"));
        assert_eq!(title_of("<html></html>"), None);
    }
}
