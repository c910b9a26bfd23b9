//! crawler: crawl a site's linked pages with at most N requests in flight, never fetching a page
//! twice, and print the link graph. A page that fails (a 404, a timeout) is reported and skipped.
//!
//! With no URL it starts the workbook's own web server (`src/server.rs`), whose 10 pages link to
//! each other and answer after 0.5 s; page 4 also links to `/missing` (404) and page 7 to `/slow`
//! (30 s, past the 2 s timeout). The crawl starts at `/page/0` and follows links on the same host.
//! Run: `cargo run --example crawler` (about 4 s), or with `-- --parallel 1` (about 7.5 s), or
//! `-- --timeout SECS`, `--max-pages N` (default 50), or a start URL of your own (http only). It
//! reads at most 10 MB of each page (`--max-body MB`), and fails (exit code 1) if the start page
//! does.

use std::collections::{BTreeMap, HashSet, VecDeque};
use std::time::Duration;

use anyhow::anyhow;
use futures::StreamExt;
use futures::stream::FuturesUnordered;
use http_body_util::{BodyExt, LengthLimitError, Limited};
use url::{Origin, Url};
use workbook::url_list::{self, root_cause, too_long};
use workbook::{cli, say, server};

/// What fetching one page gave: the links on it, or why there are none.
type Fetched = Result<Vec<Url>, String>;

#[tokio::main(flavor = "current_thread")]
async fn main() -> workbook::Result {
    let options: Options = cli::parse();
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
    // The `url` crate parsed the start URL (a bad one is a usage error), and parses every link
    // against the page it is on.
    let start = match (&options.start, &site) {
        (Some(url), _) => url.clone(),
        (None, Some(site)) => Url::parse(&site.url("/page/0"))?,
        (None, None) => unreachable!("a server is started when no URL is given"),
    };
    let origin = start.origin();
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()?;

    say(format!(
        "Crawling from {}, at most {} requests at a time",
        shown(&start, &origin),
        options.parallel
    ));
    // ANCHOR: crawl
    // Every URL goes into `seen` when it is first found, so no URL is ever queued twice.
    let mut seen = HashSet::from([start.clone()]);
    let mut to_fetch = VecDeque::from([start.clone()]);
    let mut in_flight = FuturesUnordered::new();
    let mut most_in_flight = 0;
    let mut graph: BTreeMap<Url, Fetched> = BTreeMap::new();
    loop {
        // Start fetches while there is room and something to fetch.
        while in_flight.len() < options.parallel
            && graph.len() + in_flight.len() < options.max_pages
        {
            let Some(url) = to_fetch.pop_front() else {
                break;
            };
            let (client, options) = (&client, &options);
            in_flight.push(async move {
                let fetched = fetch_links(client, &url, options).await;
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
                // Another host, or not http: not ours to crawl.
                if link.origin() == origin && seen.insert(link.clone()) {
                    to_fetch.push_back(link.clone());
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
    // A crawl that could not even read its first page crawled nothing: that is a failure.
    if let Some(Err(why)) = graph.get(&start) {
        return Err(anyhow!("the start page {start} failed: {why}").into());
    }
    Ok(())
}

/// GETs `url` and returns the links on the page, or one line that says what went wrong. At most
/// `--max-body` of the page is read: a server may send more, or never stop.
async fn fetch_links(client: &reqwest::Client, url: &Url, options: &Options) -> Fetched {
    let (timeout, max_body) = (options.timeout, options.max_body);
    let get = async {
        let response = client.get(url.clone()).send().await;
        let response = response.map_err(|e| root_cause(&e))?;
        if !response.status().is_success() {
            return Err(response.status().to_string());
        }
        let body = Limited::new(http::Response::from(response).into_body(), max_body);
        let page = body
            .collect()
            .await
            .map_err(|e| match e.is::<LengthLimitError>() {
                true => too_long(max_body),
                false => root_cause(&*e),
            })?;
        Ok(links_in(&String::from_utf8_lossy(&page.to_bytes()), url))
    };
    match tokio::time::timeout(timeout, get).await {
        Ok(fetched) => fetched,
        Err(_elapsed) => Err(format!("timed out after {} s", timeout.as_secs_f64())),
    }
}

/// Every `href="..."` on the page, in order, as a full http URL (a link is read against the URL
/// of the page it is on). The fragment is dropped: `/a#top` and `/a` are the same page.
fn links_in(page: &str, page_url: &Url) -> Vec<Url> {
    page.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split_once('"').map(|(link, _)| link))
        .filter_map(|link| page_url.join(link).ok())
        .filter(|link| link.scheme() == "http")
        .map(|mut link| {
            link.set_fragment(None);
            link
        })
        .collect()
}

/// A URL on the crawled site is shown as its path: the port changes from run to run.
fn shown(url: &Url, origin: &Origin) -> String {
    let url = url.as_str();
    url.strip_prefix(&origin.ascii_serialization())
        .unwrap_or(url)
        .to_string()
}

/// The command line: `[--parallel N] [--timeout SECS] [--max-pages N] [--max-body MB]
/// [START_URL]`.
#[derive(clap::Parser)]
struct Options {
    /// The page to start from (http only); without one, the workbook server's /page/0.
    #[arg(value_name = "START_URL", value_parser = url_list::http_url)]
    start: Option<Url>,
    /// How many requests may be in flight at once.
    #[arg(long, value_name = "N", default_value_t = 3, value_parser = cli::between(1, 10_000))]
    parallel: usize,
    /// How long one page may take, in seconds.
    #[arg(long, value_name = "SECS", default_value = "2", value_parser = cli::seconds(0.1..=3600.0))]
    timeout: Duration,
    /// How many pages to fetch at most.
    #[arg(long = "max-pages", value_name = "N", default_value_t = 50, value_parser = cli::between(1, 10_000))]
    max_pages: usize,
    /// The most of one page to read, in megabytes.
    #[arg(long = "max-body", value_name = "MB", default_value = "10", value_parser = url_list::megabytes)]
    max_body: usize,
}
