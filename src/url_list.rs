//! The list of URLs that `http_many_sync` and `http_many_async` fetch, and what they print about
//! each: everything the two clients share, so that each example shows only its client.
//!
//! - [`Options::from_args`] reads `[--timeout SECS] [--parallel N] [--max-body MB] [URL_FILE]`
//!   with `workbook::cli` (clap).
//! - [`urls_to_fetch`] reads the URL file (one URL a line, blank lines and `#` comments skipped, a
//!   line that is only a path meaning that path on the workbook's server), or lists the workbook
//!   server's ten pages when there is no file, and starts that server when a URL is on it.
//! - [`Url::check`] parses a line with the `url` crate into a [`url::Url`] the clients can fetch
//!   (host, port and scheme checked), or says why not, before any request is made.
//! - [`title_or_failure`] reads an answer: the page's title, or why there is none; [`root_cause`]
//!   turns a client's error into one line, and [`too_long`] says that a body passed the limit.
//! - [`report`] prints one line for a URL.
//!
//! `http_get_async` and `crawler` use [`title_of`], [`root_cause`], [`megabytes`] and
//! [`too_long`] too.
//!
//! None of this fetches anything. It never makes a request, spawns, joins or sleeps for an
//! example: the requests, how they wait and how many are in flight at once are the lesson, and they
//! are in each example's own code. Starting the workbook's server is the one exception, as it is
//! infrastructure that stands in for a machine elsewhere (`src/server.rs`).
//!
//! Both clients use the same `http` crate, so an answer's head ([`Parts`]) is the same type for
//! ureq and for reqwest.

use std::error::Error;
use std::time::Duration;

use anyhow::{anyhow, bail};
use http::{header::LOCATION, response::Parts};

use crate::server::{self, RunningServer};
use crate::{cli, say};

/// The most bytes of one answer's body a client reads, unless `--max-body` says otherwise: a
/// server that sends more, or never stops, gets "body over 10 MB" instead of all the memory.
pub const MAX_BODY: usize = 10_000_000;

/// What a client says when a body passed `most` bytes: `the body is over 10 MB, stopped reading`.
pub fn too_long(most: usize) -> String {
    format!("the body is over {} MB, stopped reading", most as f64 / 1e6)
}

/// The value of `--max-body MB`, in bytes: more than 0 MB, at most 1000 (fractions allowed).
pub fn megabytes(text: &str) -> Result<usize, String> {
    match text.parse::<f64>() {
        Ok(mb) if mb > 0.0 && mb <= 1000.0 => Ok((mb * 1e6) as usize),
        _ => Err(format!(
            "takes megabytes, more than 0 and at most 1000, not `{text}`"
        )),
    }
}

/// A URL given on the command line (`http_get_async`'s, the crawler's start): an http:// URL with
/// a host, its port checked, as the `url` crate reads it. For `value_parser = url_list::http_url`:
/// anything else is a usage error that names it.
pub fn http_url(text: &str) -> Result<url::Url, String> {
    let url = url::Url::parse(text).map_err(|e| format!("not a URL ({e})"))?;
    if url.scheme() != "http" {
        return Err("not an http:// URL (http only here)".into());
    }
    if url.host().is_none() {
        return Err("no host in the URL".into());
    }
    Ok(url)
}

/// The command line: `[--timeout SECS] [--parallel N] [--max-body MB] [URL_FILE]`, read with
/// `workbook::cli::parse()`.
#[derive(Debug, clap::Parser)]
pub struct Options {
    /// A file of URLs, one a line; a line that is only a path means that path on the workbook's
    /// server. Without one: the workbook server's ten pages.
    #[arg(value_name = "URL_FILE")]
    pub file: Option<String>,
    /// How long one request may take in all, in seconds.
    #[arg(long, value_name = "SECS", default_value = "5", value_parser = cli::seconds(0.1..=3600.0))]
    pub timeout: Duration,
    /// How many requests may be in flight at once (all of them, unless limited).
    #[arg(long, value_name = "N", value_parser = cli::between(1, 10_000))]
    pub parallel: Option<usize>,
    /// The most of one page to read, in megabytes.
    #[arg(long = "max-body", value_name = "MB", default_value = "10", value_parser = megabytes)]
    pub max_body: usize,
}

impl Options {
    /// Reads the program's arguments; a bad one is a usage error (one line, exit 2).
    pub fn from_args() -> Options {
        cli::parse()
    }

    /// What a request that ran out of time prints: `timed out after 5 s`.
    pub fn timed_out(&self) -> String {
        format!("timed out after {} s", self.timeout.as_secs_f64())
    }
}

/// One URL to fetch: as written in the list, and in full.
pub struct Url {
    /// As written in the list: what the output shows. A path on the workbook's server is shown
    /// without the server's port, which changes on every run.
    pub shown: String,
    /// What to fetch, or why the line cannot be read (it is not UTF-8 text).
    pub full: Result<String, String>,
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

    /// The URL to fetch if it is one the clients can fetch, or why not. The `url` crate checks
    /// the host and the port (`:99999` is an error, `[::1]` a host), so a client is never sent
    /// somewhere else than the line says.
    pub fn check(&self) -> Result<url::Url, String> {
        let full = self.full.as_deref().map_err(Clone::clone)?;
        let url = url::Url::parse(full).map_err(|e| format!("not a URL ({e})"))?;
        match url.scheme() {
            "http" => {}
            "https" if cfg!(feature = "tls") => {}
            "https" => return Err("https needs the tls feature (--features tls)".into()),
            _ => return Err("not an http:// URL".into()),
        }
        if url.host().is_none() {
            return Err("no host in the URL".into());
        }
        Ok(url)
    }
}

/// The URLs from the file, or the workbook server's pages. The workbook server is started only
/// when a URL is on it, and runs as long as the `RunningServer` is kept.
pub fn urls_to_fetch(options: &Options) -> anyhow::Result<(Vec<Url>, Option<RunningServer>)> {
    let lines = match &options.file {
        Some(file) => {
            let bytes =
                std::fs::read(file).map_err(|e| anyhow!("cannot read the URL file {file}: {e}"))?;
            // A text file with a bad byte loses that line (below); a file with NUL bytes is not
            // text at all, and has no lines to read.
            if bytes.contains(&0) {
                bail!("cannot read the URL file {file}: it is not text (it holds NUL bytes)");
            }
            let lines = lines_of(&bytes);
            if lines.is_empty() {
                bail!("no URLs in {file}: write one a line");
            }
            lines
        }
        None => (0..10).map(|n| Ok(server::page_path(n))).collect(),
    };
    let on_server = |line: &Result<String, usize>| line.as_ref().is_ok_and(|l| l.starts_with('/'));
    let server = if lines.iter().any(on_server) {
        Some(server::start_on_thread(server::Config::default())?)
    } else {
        None
    };
    let urls = lines
        .into_iter()
        .map(|line| match line {
            Ok(line) => Url {
                full: Ok(match &server {
                    Some(server) if line.starts_with('/') => server.url(&line),
                    _ => line.clone(),
                }),
                shown: line,
            },
            Err(number) => Url {
                shown: format!("(line {number})"),
                full: Err("not UTF-8 text".to_string()),
            },
        })
        .collect();
    Ok((urls, server))
}

/// The URL file's lines that hold a URL: trimmed, without blank lines and `#` comments. A line
/// that is not UTF-8 text is kept as its number, so that it fails alone and the other lines are
/// fetched.
fn lines_of(bytes: &[u8]) -> Vec<Result<String, usize>> {
    bytes
        .split(|&byte| byte == b'\n')
        .enumerate()
        .filter_map(|(index, line)| match std::str::from_utf8(line) {
            Ok(line) => {
                let line = line.trim();
                let skipped = line.is_empty() || line.starts_with('#');
                (!skipped).then(|| Ok(line.to_string()))
            }
            Err(_) => Some(Err(index + 1)),
        })
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

/// The deepest cause of `error`, on one line: the clients' errors wrap it, as in "error sending
/// request for url (...)" around "Connection refused (os error 111)".
pub fn root_cause(error: &(dyn Error + 'static)) -> String {
    let mut cause = error;
    while let Some(deeper) = cause.source() {
        cause = deeper;
    }
    one_line(&cause.to_string())
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

    fn parse(list: &[&str]) -> Result<Options, clap::Error> {
        use clap::Parser;
        Options::try_parse_from(std::iter::once("client").chain(list.iter().copied()))
    }

    fn url(line: &str) -> Url {
        Url {
            shown: line.to_string(),
            full: Ok(line.to_string()),
        }
    }

    #[test]
    fn options_are_read_or_default() {
        let default = parse(&[]).unwrap();
        assert_eq!(default.timeout, Duration::from_secs(5));
        assert_eq!(default.timed_out(), "timed out after 5 s");
        assert_eq!((default.file, default.parallel), (None, None));
        assert_eq!(default.max_body, MAX_BODY);
        let given = [
            "--timeout",
            "1.5",
            "urls.txt",
            "--parallel",
            "2",
            "--max-body",
            "0.5",
        ];
        let given = parse(&given).unwrap();
        assert_eq!(given.max_body, 500_000);
        assert_eq!(given.timeout, Duration::from_millis(1500));
        assert_eq!(given.timed_out(), "timed out after 1.5 s");
        assert_eq!(given.file.as_deref(), Some("urls.txt"));
        assert_eq!(given.parallel, Some(2));
    }

    #[test]
    fn a_bad_option_is_an_error() {
        for bad in [
            &["--parallel", "0"][..],
            &["--timeout", "0"],
            &["--timeout"],
            &["--max-body", "0"],
            &["--max-body", "1e9"],
            &["--fast"],
            &["a", "b"],
        ] {
            assert!(parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn blank_lines_and_comments_are_skipped() {
        let text = b"# pages\n\n  /page/0  \nhttp://example.com/\n\t\n# end\n";
        let lines = lines_of(text);
        assert_eq!(
            lines,
            [Ok("/page/0".into()), Ok("http://example.com/".into())]
        );
    }

    #[test]
    fn a_line_that_is_not_text_fails_alone_with_its_number() {
        let lines = lines_of(b"/page/0\n\xff/page/1\n/page/2\n");
        assert_eq!(lines, [Ok("/page/0".into()), Err(2), Ok("/page/2".into())]);
    }

    #[test]
    fn a_long_url_is_cut_short_on_the_timeline() {
        assert_eq!(url("/page/0").label(), "/page/0");
        let long = url("http://127.0.0.1:8080/page/3?delay=2");
        assert_eq!(long.label(), "http://127.0.0.1:8080/p…");
        assert_eq!(long.label().chars().count(), 24);
    }

    #[test]
    fn only_http_urls_with_a_host_and_a_port_pass_the_check() {
        assert!(url("http://127.0.0.1:8080/page/3").check().is_ok());
        assert_eq!(
            url("http://[::1]:8080/").check().unwrap().host_str(),
            Some("[::1]")
        );
        assert_eq!(
            url("http://127.0.0.1:99999/").check().unwrap_err(),
            "not a URL (invalid port number)"
        );
        assert_eq!(
            url("ftp://host/").check().unwrap_err(),
            "not an http:// URL"
        );
        assert_eq!(
            url("not a url").check().unwrap_err(),
            "not a URL (relative URL without a base)"
        );
        assert_eq!(
            url("/page/0").check().unwrap_err(),
            "not a URL (relative URL without a base)"
        );
    }

    #[test]
    fn a_url_on_the_command_line_is_http_with_a_host_and_a_port() {
        assert!(http_url("http://127.0.0.1:8080/page/3").is_ok());
        assert_eq!(
            http_url("http://127.0.0.1:99999/").unwrap_err(),
            "not a URL (invalid port number)"
        );
        assert_eq!(
            http_url("ftp://127.0.0.1/").unwrap_err(),
            "not an http:// URL (http only here)"
        );
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
