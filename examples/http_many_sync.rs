//! http_many_sync: fetch a list of web pages one after another. Each request waits for the last.
//!
//! With no file it starts the workbook's own web server on this machine (`src/server.rs`) and
//! fetches its 10 pages, each answered after 0.5 s, printing each page's title. Given a file, it
//! fetches the URLs in it instead: one a line, blank lines and `#` comments skipped, and a line
//! that is only a path, such as `/page/3` or `/slow`, meaning that path on the workbook's server.
//! A URL that fails (no such host, a 404, a timeout, ...) gets one line that says why, and the
//! run goes on; the exit code is 1 if any failed.
//! Run: `cargo run --example http_many_sync` (about 5 s), or with `-- urls.txt`, `--timeout SECS`
//! (default 5). Compare with `http_many_async`. https URLs need `--features tls`.

use std::io::ErrorKind;
use std::time::Duration;

use anyhow::{anyhow, bail};
use ureq::http::{Uri, header::LOCATION, response::Parts};
use workbook::server::{self, RunningServer};
use workbook::{bar, say, summary};

/// Fetches one URL and returns the title of its page, or one line that says what went wrong.
fn fetch(agent: &ureq::Agent, url: &Url, options: &Options) -> Result<String, String> {
    let uri = check(&url.full)?;
    let bar = bar(&url.label());
    // The agent gives up after the timeout itself (see `main`).
    let outcome = get_title(agent, uri, options);
    bar.end();
    outcome
}

/// GETs `uri` and returns its page's title. The thread stops in `call` until the answer's head is
/// in, and in `read_to_vec` until its body is: it can do nothing else meanwhile.
fn get_title(agent: &ureq::Agent, uri: Uri, options: &Options) -> Result<String, String> {
    let response = agent.get(uri).call().map_err(|e| describe(e, options))?;
    let (head, mut body) = response.into_parts();
    let page = body.read_to_vec().map_err(|e| describe(e, options))?;
    title_or_failure(&head, &page)
}

fn main() -> anyhow::Result<()> {
    let options = Options::from_args()?;
    if options.parallel.is_some_and(|n| n != 1) {
        bail!(
            "http_many_sync has one request in flight at a time, so --parallel can only be 1; \
             run http_many_async for more"
        );
    }
    let (urls, _server) = urls_to_fetch(&options)?;
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(options.timeout))
        .http_status_as_error(false)
        .max_redirects(0)
        .build()
        .into();

    say(format!("Fetching {} URLs, one at a time", urls.len()));
    let mut failed = 0;
    for url in &urls {
        let outcome = fetch(&agent, url, &options);
        failed += report(url, &outcome, &urls);
    }
    summary();
    if failed > 0 {
        bail!("{failed} of {} URLs failed", urls.len());
    }
    Ok(())
}

/// What went wrong, in one line. The timeout and a connection closed halfway are told apart from
/// other IO errors because they are the faults a client must expect.
fn describe(error: ureq::Error, options: &Options) -> String {
    match error {
        ureq::Error::Timeout(_) => format!("timed out after {} s", options.timeout_text),
        ureq::Error::Io(e) if e.kind() == ErrorKind::ConnectionRefused => {
            "connection refused: nothing listens there".to_string()
        }
        ureq::Error::Io(e)
            if matches!(
                e.kind(),
                ErrorKind::UnexpectedEof
                    | ErrorKind::ConnectionReset
                    | ErrorKind::ConnectionAborted
            ) =>
        {
            "connection closed mid-response".to_string()
        }
        ureq::Error::HostNotFound => "host not found".to_string(),
        ureq::Error::Io(e) => one_line(&e.to_string()),
        other => one_line(&other.to_string()),
    }
}

// ---------------------------------------------------------------------------------------------
// The rest is the same in http_many_sync and http_many_async: reading the options and the list
// of URLs, checking a URL, finding a title, and printing one line for each URL.
// ---------------------------------------------------------------------------------------------

const USAGE: &str = "usage: [--timeout SECS] [--parallel N] [URL_FILE]";

/// The command line: `[--timeout SECS] [--parallel N] [URL_FILE]`.
struct Options {
    file: Option<String>,
    timeout: Duration,
    /// The timeout as it was written, to print it back.
    timeout_text: String,
    /// How many requests may be in flight at once, if limited.
    parallel: Option<usize>,
}

impl Options {
    fn from_args() -> anyhow::Result<Options> {
        let mut options = Options {
            file: None,
            timeout: Duration::from_secs(5),
            timeout_text: "5".to_string(),
            parallel: None,
        };
        let mut args = std::env::args().skip(1);
        while let Some(arg) = args.next() {
            let mut value = || {
                args.next()
                    .ok_or_else(|| anyhow!("{arg} needs a value; {USAGE}"))
            };
            match arg.as_str() {
                "--timeout" => {
                    let text = value()?;
                    options.timeout = text
                        .parse::<f64>()
                        .ok()
                        .filter(|s| s.is_finite() && *s > 0.0 && *s <= 3600.0)
                        .map(Duration::from_secs_f64)
                        .ok_or_else(|| {
                            anyhow!("--timeout takes seconds (0 to 3600), not {text}")
                        })?;
                    options.timeout_text = text;
                }
                "--parallel" => {
                    let text = value()?;
                    let n = text.parse::<usize>().ok().filter(|&n| n >= 1);
                    let n = n.ok_or_else(|| {
                        anyhow!("--parallel takes a number from 1 up, not {text}")
                    })?;
                    options.parallel = Some(n);
                }
                flag if flag.starts_with("--") => bail!("unknown option {flag}; {USAGE}"),
                _ if options.file.is_none() => options.file = Some(arg),
                _ => bail!("one URL file at most, not also {arg}; {USAGE}"),
            }
        }
        Ok(options)
    }
}

/// One URL to fetch: as written in the list, and in full.
struct Url {
    shown: String,
    full: String,
}

impl Url {
    /// Its name on the timeline: short, so the timeline fits the terminal.
    fn label(&self) -> String {
        const MOST: usize = 24;
        if self.shown.chars().count() <= MOST {
            return self.shown.clone();
        }
        let start: String = self.shown.chars().take(MOST - 1).collect();
        format!("{start}…")
    }
}

/// The URLs from the file, or the workbook server's pages. The workbook server is started only when
/// a URL is on it, and runs as long as the `RunningServer` is kept.
fn urls_to_fetch(options: &Options) -> anyhow::Result<(Vec<Url>, Option<RunningServer>)> {
    let lines = match &options.file {
        Some(file) => {
            let text = std::fs::read_to_string(file)
                .map_err(|e| anyhow!("cannot read the URL file {file}: {e}"))?;
            let lines: Vec<String> = text
                .lines()
                .map(str::trim)
                .filter(|line| !line.is_empty() && !line.starts_with('#'))
                .map(String::from)
                .collect();
            if lines.is_empty() {
                bail!("no URLs in {file}: write one a line");
            }
            lines
        }
        None => (0..10).map(server::page_path).collect(),
    };
    let server = if lines.iter().any(|line| line.starts_with('/')) {
        Some(server::start_on_thread(server::Config::default())?)
    } else {
        None
    };
    let urls = lines
        .into_iter()
        .map(|line| Url {
            // A path means the workbook server. Its port changes on every run: only the path
            // is printed, so the output stays the same.
            full: match &server {
                Some(server) if line.starts_with('/') => server.url(&line),
                _ => line.clone(),
            },
            shown: line,
        })
        .collect();
    Ok((urls, server))
}

/// Checks that `url` is one this program can fetch, before any request is made.
fn check(url: &str) -> Result<Uri, String> {
    let uri: Uri = url.parse().map_err(|e| format!("not a URL ({e})"))?;
    match uri.scheme_str() {
        Some("http") => {}
        Some("https") if cfg!(feature = "tls") => {}
        Some("https") => return Err("https needs the tls feature (--features tls)".into()),
        _ => return Err("not an http:// URL".into()),
    }
    if uri.host().is_none() {
        return Err("no host in the URL".into());
    }
    Ok(uri)
}

/// The page's title if the answer is a page (2xx), or why not.
fn title_or_failure(head: &Parts, page: &[u8]) -> Result<String, String> {
    let status = head.status;
    if status.is_redirection() {
        let to = head.headers.get(LOCATION).and_then(|to| to.to_str().ok());
        let to = to.unwrap_or("?");
        return Err(format!("{status}, to {to} (redirects are not followed)"));
    }
    if !status.is_success() {
        return Err(status.to_string());
    }
    Ok(title_of(&String::from_utf8_lossy(page)).unwrap_or_else(|| format!("{status}, no <title>")))
}

/// The text of the page's `<title>`, on one line.
fn title_of(page: &str) -> Option<String> {
    // ASCII lowercase keeps every byte where it was, so positions found in it fit `page` too.
    let lower = page.to_ascii_lowercase();
    let open = lower.find("<title")?;
    let start = open + lower[open..].find('>')? + 1;
    let end = start + lower[start..].find("</title")?;
    Some(one_line(&page[start..end]))
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Prints one line for `url`, the URLs lined up in a column. Returns 1 if it failed, else 0.
fn report(url: &Url, outcome: &Result<String, String>, all: &[Url]) -> usize {
    let width = all.iter().map(|u| u.shown.len()).max().unwrap_or(0).min(30);
    let shown = &url.shown;
    match outcome {
        Ok(title) => {
            say(format!("{shown:width$}  \"{title}\""));
            0
        }
        Err(why) => {
            say(format!("{shown:width$}  failed: {why}"));
            1
        }
    }
}
