//! The list of URLs that `http_many_sync` and `http_many_async` fetch, and what they print about
//! each: everything the two clients share, so that each example shows only its client.
//!
//! - [`Options::from_args`] reads `[--timeout SECS] [--parallel N] [URL_FILE]`.
//! - [`urls_to_fetch`] reads the URL file (one URL a line, blank lines and `#` comments skipped, a
//!   line that is only a path meaning that path on the workbook's server), or lists the workbook
//!   server's ten pages when there is no file, and starts that server when a URL is on it.
//! - [`Url::check`] turns a line into a [`Uri`] the clients can fetch, or says why not, before
//!   any request is made.
//! - [`title_or_failure`] reads an answer: the page's title, or why there is none;
//!   [`connection_fault`] and [`root_cause`] turn an error into one line.
//! - [`report`] prints one line for a URL.
//!
//! `http_get_async` uses [`title_of`] and [`root_cause`] too.
//!
//! None of this fetches anything. It never makes a request, spawns, joins or sleeps for an
//! example: the requests, how they wait and how many are in flight at once are the lesson, and they
//! are in each example's own code. Starting the workbook's server is the one exception, as it is
//! infrastructure that stands in for a machine elsewhere (`src/server.rs`).
//!
//! Both clients use the same `http` crate, so a [`Uri`] and an answer's head ([`Parts`]) are the
//! same types for ureq and for hyper.

use std::error::Error;
use std::io::ErrorKind;
use std::time::Duration;

use anyhow::{anyhow, bail};
use hyper::http::{Uri, header::LOCATION, response::Parts};

use crate::say;
use crate::server::{self, RunningServer};

const USAGE: &str = "usage: [--timeout SECS] [--parallel N] [URL_FILE]";

/// The value of `--timeout SECS`: more than 0 seconds, at most an hour. The crawler takes it too.
pub fn timeout(text: &str) -> anyhow::Result<Duration> {
    text.parse::<f64>()
        .ok()
        .filter(|s| s.is_finite() && *s > 0.0 && *s <= 3600.0)
        .map(Duration::from_secs_f64)
        .ok_or_else(|| anyhow!("--timeout takes seconds (0 to 3600), not {text}"))
}

/// The command line: `[--timeout SECS] [--parallel N] [URL_FILE]`.
#[derive(Debug, PartialEq)]
pub struct Options {
    /// The URL file, if one was given.
    pub file: Option<String>,
    /// How long one request may take in all. Default 5 s.
    pub timeout: Duration,
    /// The timeout as it was written, to print it back.
    pub timeout_text: String,
    /// How many requests may be in flight at once, if limited.
    pub parallel: Option<usize>,
}

impl Options {
    /// Reads the program's arguments. A bad one is an error that says what was wrong.
    pub fn from_args() -> anyhow::Result<Options> {
        Options::parse(std::env::args().skip(1))
    }

    /// What a request that ran out of time prints: `timed out after 5 s`.
    pub fn timed_out(&self) -> String {
        format!("timed out after {} s", self.timeout_text)
    }

    fn parse(args: impl IntoIterator<Item = String>) -> anyhow::Result<Options> {
        let mut options = Options {
            file: None,
            timeout: Duration::from_secs(5),
            timeout_text: "5".to_string(),
            parallel: None,
        };
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            let mut value = || {
                args.next()
                    .ok_or_else(|| anyhow!("{arg} needs a value; {USAGE}"))
            };
            match arg.as_str() {
                "--timeout" => {
                    let text = value()?;
                    options.timeout = timeout(&text)?;
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
pub struct Url {
    /// As written in the list: what the output shows. A path on the workbook's server is shown
    /// without the server's port, which changes on every run.
    pub shown: String,
    /// What to fetch.
    pub full: String,
}

impl Url {
    /// Its name on the timeline: short, so the timeline fits the terminal.
    pub fn label(&self) -> String {
        const MOST: usize = 24;
        if self.shown.chars().count() <= MOST {
            return self.shown.clone();
        }
        let start: String = self.shown.chars().take(MOST - 1).collect();
        format!("{start}…")
    }

    /// The URL to fetch if it is one the clients can fetch, or why not.
    pub fn check(&self) -> Result<Uri, String> {
        let uri: Uri = self.full.parse().map_err(|e| format!("not a URL ({e})"))?;
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
}

/// The URLs from the file, or the workbook server's pages. The workbook server is started only
/// when a URL is on it, and runs as long as the `RunningServer` is kept.
pub fn urls_to_fetch(options: &Options) -> anyhow::Result<(Vec<Url>, Option<RunningServer>)> {
    let lines = match &options.file {
        Some(file) => {
            let text = std::fs::read_to_string(file)
                .map_err(|e| anyhow!("cannot read the URL file {file}: {e}"))?;
            let lines = lines_of(&text);
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
            full: match &server {
                Some(server) if line.starts_with('/') => server.url(&line),
                _ => line.clone(),
            },
            shown: line,
        })
        .collect();
    Ok((urls, server))
}

/// The URL file's lines that hold a URL: trimmed, without blank lines and `#` comments.
fn lines_of(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(String::from)
        .collect()
}

/// The page's title if the answer is a page (2xx), or why not. Redirects are not followed.
pub fn title_or_failure(head: &Parts, page: &[u8]) -> Result<String, String> {
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
pub fn title_of(page: &str) -> Option<String> {
    // ASCII lowercase keeps every byte where it was, so positions found in it fit `page` too.
    let lower = page.to_ascii_lowercase();
    let open = lower.find("<title")?;
    let start = open + lower[open..].find('>')? + 1;
    let end = start + lower[start..].find("</title")?;
    Some(one_line(&page[start..end]))
}

/// `text` on one line, each run of white space made one space.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What a refused connection or one closed halfway prints, the faults a client must expect, if
/// `error` or one of its causes is one of them. hyper's errors wrap their causes, so the whole
/// chain is looked through.
pub fn connection_fault(error: &(dyn Error + 'static)) -> Option<String> {
    const CLOSED: &str = "connection closed mid-response";
    let mut cause = Some(error);
    while let Some(error) = cause {
        if let Some(io) = error.downcast_ref::<std::io::Error>() {
            match io.kind() {
                ErrorKind::ConnectionRefused => {
                    return Some("connection refused: nothing listens there".into());
                }
                ErrorKind::UnexpectedEof
                | ErrorKind::ConnectionReset
                | ErrorKind::ConnectionAborted => return Some(CLOSED.into()),
                _ => {}
            }
        }
        // hyper's own word for an answer cut short.
        let hyper = error.downcast_ref::<hyper::Error>();
        if hyper.is_some_and(hyper::Error::is_incomplete_message) {
            return Some(CLOSED.into());
        }
        cause = error.source();
    }
    None
}

/// The deepest cause of `error`: hyper's errors wrap it, as in "client error (Connect)".
pub fn root_cause<'a>(error: &'a (dyn Error + 'static)) -> &'a (dyn Error + 'static) {
    let mut cause = error;
    while let Some(deeper) = cause.source() {
        cause = deeper;
    }
    cause
}

/// Prints one line for `url`, the URLs of `all` lined up in a column: the page's title, or why it
/// failed. Returns 1 if it failed, else 0.
pub fn report(url: &Url, outcome: &Result<String, String>, all: &[Url]) -> usize {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(list: &[&str]) -> anyhow::Result<Options> {
        Options::parse(list.iter().map(|s| s.to_string()))
    }

    fn url(line: &str) -> Url {
        Url {
            shown: line.to_string(),
            full: line.to_string(),
        }
    }

    #[test]
    fn options_are_read_or_default() {
        let default = parse(&[]).unwrap();
        assert_eq!(default.timeout, Duration::from_secs(5));
        assert_eq!((default.file, default.parallel), (None, None));
        let given = parse(&["--timeout", "1.5", "urls.txt", "--parallel", "2"]).unwrap();
        assert_eq!(given.timeout, Duration::from_millis(1500));
        assert_eq!(given.timed_out(), "timed out after 1.5 s");
        assert_eq!(given.file.as_deref(), Some("urls.txt"));
        assert_eq!(given.parallel, Some(2));
    }

    #[test]
    fn a_bad_option_says_what_is_wrong() {
        let bad = |list: &[&str]| parse(list).unwrap_err().to_string();
        assert_eq!(
            bad(&["--parallel", "0"]),
            "--parallel takes a number from 1 up, not 0"
        );
        assert_eq!(
            bad(&["--timeout", "0"]),
            "--timeout takes seconds (0 to 3600), not 0"
        );
        assert_eq!(
            bad(&["--timeout"]),
            format!("--timeout needs a value; {USAGE}")
        );
        assert_eq!(bad(&["--fast"]), format!("unknown option --fast; {USAGE}"));
        assert_eq!(
            bad(&["a", "b"]),
            format!("one URL file at most, not also b; {USAGE}")
        );
    }

    #[test]
    fn blank_lines_and_comments_are_skipped() {
        let text = "# pages\n\n  /page/0  \nhttp://example.com/\n\t\n# end\n";
        assert_eq!(lines_of(text), ["/page/0", "http://example.com/"]);
    }

    #[test]
    fn a_long_url_is_cut_short_on_the_timeline() {
        assert_eq!(url("/page/0").label(), "/page/0");
        let long = url("http://127.0.0.1:8080/page/3?delay=2");
        assert_eq!(long.label(), "http://127.0.0.1:8080/p…");
        assert_eq!(long.label().chars().count(), 24);
    }

    #[test]
    fn only_http_urls_with_a_host_pass_the_check() {
        assert!(url("http://127.0.0.1:8080/page/3").check().is_ok());
        assert_eq!(
            url("ftp://host/").check().unwrap_err(),
            "not an http:// URL"
        );
        assert_eq!(
            url("not a url").check().unwrap_err(),
            "not a URL (invalid uri character)"
        );
        assert_eq!(url("/page/0").check().unwrap_err(), "not an http:// URL");
    }

    #[test]
    fn a_title_is_found_on_one_line_in_any_case() {
        assert_eq!(
            title_of("<html><TITLE lang=en>Page\n  3 </Title>").as_deref(),
            Some("Page 3")
        );
        assert_eq!(title_of("<p>no title</p>"), None);
    }
}
