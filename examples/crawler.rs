//! crawler: crawl a site's linked pages with at most N requests in flight, never fetching a page
//! twice, and print the link graph. A page that fails (a 404, a timeout) is reported and skipped.
//!
//! With no URL it starts the workbook's own web server (`src/server.rs`), whose 10 pages link to
//! each other and answer after 0.5 s; page 4 also links to `/missing` (404) and page 7 to `/slow`
//! (30 s, past the 2 s timeout). The crawl starts at `/page/0` and follows links on the same host.
//! Run: `cargo run --example crawler` (about 4 s), or with `-- --parallel 1` (about 7.5 s), or
//! `-- --timeout SECS`, `--max-pages N` (default 50), or a start URL of your own (http only).

use std::collections::{BTreeMap, HashSet, VecDeque};
use std::time::Duration;

use anyhow::{anyhow, bail};
use futures::StreamExt;
use futures::stream::FuturesUnordered;
use http_body_util::{BodyExt, Empty};
use hyper::Uri;
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use workbook::{say, server, url_list};

type HttpClient = Client<HttpConnector, Empty<Bytes>>;

/// What fetching one page gave: the links on it, or why there are none.
type Fetched = Result<Vec<String>, String>;

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let options = Options::from_args()?;
    // The workbook's server, unless a start URL was given: kept until the end of `main`.
    let site = match &options.start {
        Some(_) => None,
        None => Some(
            server::start(server::Config {
                fault_links: true,
                ..server::Config::default()
            })
            .await?,
        ),
    };
    let start = match (&options.start, &site) {
        (Some(url), _) => url.clone(),
        (None, Some(site)) => site.url("/page/0"),
        (None, None) => unreachable!("a server is started when no URL is given"),
    };
    let start_uri: Uri = start
        .parse()
        .map_err(|e| anyhow!("not a URL: {start} ({e})"))?;
    let Some(origin) = origin_of(&start_uri) else {
        bail!("the crawler follows http:// URLs only, not {start}");
    };
    let client: HttpClient = Client::builder(TokioExecutor::new()).build_http();

    say(format!(
        "Crawling from {}, at most {} requests at a time",
        shown(&start, &origin),
        options.parallel
    ));
    // ANCHOR: crawl
    // Every URL goes into `seen` when it is first found, so no URL is ever queued twice.
    let mut seen = HashSet::from([start.clone()]);
    let mut to_fetch = VecDeque::from([start]);
    let mut in_flight = FuturesUnordered::new();
    let mut most_in_flight = 0;
    let mut graph: BTreeMap<String, Fetched> = BTreeMap::new();
    loop {
        // Start fetches while there is room and something to fetch.
        while in_flight.len() < options.parallel
            && graph.len() + in_flight.len() < options.max_pages
        {
            let Some(url) = to_fetch.pop_front() else {
                break;
            };
            let (client, timeout) = (&client, options.timeout);
            in_flight.push(async move {
                let fetched = fetch_links(client, &url, timeout).await;
                (url, fetched)
            });
        }
        most_in_flight = most_in_flight.max(in_flight.len());
        // Then wait for whichever fetch ends first. None in flight: the crawl is over.
        let Some((url, fetched)) = in_flight.next().await else {
            break;
        };
        if let Ok(links) = &fetched {
            for link in links {
                let Some(full) = resolve(link, &origin) else {
                    continue; // Another host, or not http: not ours to crawl.
                };
                if seen.insert(full.clone()) {
                    to_fetch.push_back(full);
                }
            }
        }
        graph.insert(url, fetched);
    }
    // ANCHOR_END: crawl

    // The graph, sorted, so that it reads the same whatever order the pages arrived in.
    println!("Link graph:");
    let mut faults = Vec::new();
    for (url, fetched) in &graph {
        match fetched {
            Ok(links) => {
                let links: Vec<String> = links.iter().map(|l| shown(l, &origin)).collect();
                println!("  {} -> {}", shown(url, &origin), links.join(" "));
            }
            Err(why) => faults.push(format!("  {}: {why}", shown(url, &origin))),
        }
    }
    if !faults.is_empty() {
        println!("Reported and skipped:");
        println!("{}", faults.join("\n"));
    }
    println!(
        "{} URLs fetched, {} at most at the same time",
        graph.len(),
        most_in_flight
    );
    if let Some(site) = &site {
        println!("The server received {} requests", site.requests_received());
    }
    if !to_fetch.is_empty() {
        println!(
            "Stopped at --max-pages {}: {} URLs left",
            options.max_pages,
            to_fetch.len()
        );
    }
    Ok(())
}

/// GETs `url` and returns the links on the page, or one line that says what went wrong.
async fn fetch_links(client: &HttpClient, url: &str, timeout: Duration) -> Fetched {
    let uri: Uri = url.parse().map_err(|e| format!("not a URL ({e})"))?;
    let get = async {
        let response = client.get(uri).await.map_err(|e| one_line(&e))?;
        let (head, body) = response.into_parts();
        if !head.status.is_success() {
            return Err(head.status.to_string());
        }
        let page = body.collect().await.map_err(|e| one_line(&e))?.to_bytes();
        Ok(links_in(&String::from_utf8_lossy(&page)))
    };
    match tokio::time::timeout(timeout, get).await {
        Ok(fetched) => fetched,
        Err(_elapsed) => Err(format!("timed out after {} s", timeout.as_secs_f64())),
    }
}

/// Every `href="..."` on the page, in order.
fn links_in(page: &str) -> Vec<String> {
    page.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split_once('"').map(|(link, _)| link.to_string()))
        .collect()
}

/// `http://host:port` of a URL, if it is an http URL with a host.
fn origin_of(uri: &Uri) -> Option<String> {
    if uri.scheme_str() != Some("http") {
        return None;
    }
    let authority = uri.authority()?;
    Some(format!("http://{authority}"))
}

/// A link on a page of `origin`, as a full URL, if it stays on that site. The fragment is dropped:
/// `/a#top` and `/a` are the same page.
fn resolve(link: &str, origin: &str) -> Option<String> {
    let link = link.split('#').next().unwrap_or_default();
    if link.starts_with('/') && !link.starts_with("//") {
        return Some(format!("{origin}{link}"));
    }
    let uri: Uri = link.parse().ok()?;
    (origin_of(&uri)? == origin).then(|| link.to_string())
}

/// A URL on the crawled site is shown as its path: the port changes from run to run.
fn shown(url: &str, origin: &str) -> String {
    url.strip_prefix(origin).unwrap_or(url).to_string()
}

fn one_line(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut cause = error.source();
    while let Some(deeper) = cause {
        text = format!("{text}: {deeper}");
        cause = deeper.source();
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The command line: `[--parallel N] [--timeout SECS] [--max-pages N] [START_URL]`.
struct Options {
    start: Option<String>,
    parallel: usize,
    timeout: Duration,
    max_pages: usize,
}

impl Options {
    fn from_args() -> anyhow::Result<Options> {
        const USAGE: &str = "usage: [--parallel N] [--timeout SECS] [--max-pages N] [START_URL]";
        let mut options = Options {
            start: None,
            parallel: 3,
            timeout: Duration::from_secs(2),
            max_pages: 50,
        };
        let mut args = std::env::args().skip(1);
        while let Some(arg) = args.next() {
            let mut value = || {
                args.next()
                    .ok_or_else(|| anyhow!("{arg} needs a value; {USAGE}"))
            };
            let count = |text: String, flag: &str| {
                text.parse::<usize>()
                    .ok()
                    .filter(|&n| (1..=10_000).contains(&n))
                    .ok_or_else(|| anyhow!("{flag} takes a number from 1 to 10000, not {text}"))
            };
            match arg.as_str() {
                "--parallel" => options.parallel = count(value()?, "--parallel")?,
                "--max-pages" => options.max_pages = count(value()?, "--max-pages")?,
                "--timeout" => options.timeout = url_list::timeout(&value()?)?,
                flag if flag.starts_with("--") => bail!("unknown option {flag}; {USAGE}"),
                _ if options.start.is_none() => options.start = Some(arg),
                _ => bail!("one start URL at most; {USAGE}"),
            }
        }
        Ok(options)
    }
}
