//! http_many_sync: fetch a list of web pages one after another. Each request waits for the last.
//!
//! With no file it starts the workbook's own web server on this machine (`src/server.rs`) and
//! fetches its 10 pages, each answered after 0.5 s, printing each page's title. Given a file, it
//! fetches the URLs in it instead: one a line, blank lines and `#` comments skipped, and a line
//! that is only a path, such as `/page/3` or `/slow`, meaning that path on the workbook's server.
//! A URL that fails (no such host, a 404, a timeout, ...) gets one line that says why, and the
//! run goes on; the exit code is 1 if any failed.
//! Both clients read the options and the list, and print each URL's line, with `src/url_list.rs`:
//! this file is only the client.
//! Run: `cargo run --example http_many_sync` (about 5 s), or with `-- urls.txt`, `--timeout SECS`
//! (default 5). Compare with `http_many_async`. https URLs need `--features tls`.

use anyhow::bail;
use ureq::http::Uri;
use workbook::url_list::{
    Options, Url, connection_fault, one_line, report, title_or_failure, urls_to_fetch,
};
use workbook::{say, summary, waiting_for};

/// Fetches one URL and returns the title of its page, or one line that says what went wrong.
fn fetch(agent: &ureq::Agent, url: &Url, options: &Options) -> Result<String, String> {
    let uri = url.check()?;
    let bar = waiting_for(&url.label());
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

/// What went wrong, in one line. The timeout, a refused connection and one closed halfway are told
/// apart from other errors because they are the faults a client must expect.
fn describe(error: ureq::Error, options: &Options) -> String {
    match error {
        ureq::Error::Timeout(_) => options.timed_out(),
        ureq::Error::HostNotFound => "host not found".to_string(),
        ureq::Error::Io(e) => connection_fault(&e).unwrap_or_else(|| one_line(&e.to_string())),
        other => one_line(&other.to_string()),
    }
}
