//! The book in a real browser. Builds the book with mdbook, serves it on 127.0.0.1, and opens it in
//! headless Chromium once: the book's own script (`book/js/timeline.js`), asked with
//! `#wb-selftest-all`, loads every page in a frame 390 px wide (a phone) and one 1280 px wide (a
//! desktop), and writes what it finds into the page, which Chromium prints (`--dump-dom`). This
//! test then checks, for every page:
//!
//! - no `{{#` directive is left unexpanded;
//! - every output block that holds a timeline has its picture, with one row per job and, for each
//!   bar, the kind and the extent that the block's text says (read with `workbook::output`, the
//!   format's one parser, so the script's reading of it is checked against it);
//! - at 390 px nothing is wider than the page except code and tables, which scroll in their own
//!   box, and every picture fits; at 1280 px no code block or table needs sideways scrolling;
//! - a replay at real speed shows every line, each at its stamp (Chromium's virtual time: the
//!   replays take no real seconds);
//! - in print, the text of every `<details>` block shows, and each timeline prints as text;
//! - no `--flag` in the prose became an en dash.
//!
//! A binary of its own (not a module of `tests/examples.rs`), so that Chromium never runs while the
//! examples' timing tests do. Without `chromium` or `mdbook` it says so in one line and passes.
//! `.ci/run` installs both. Chromium is Debian's package (`apt-get install chromium`); set
//! `CHROMIUM=/path/to/chrome` for another build.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;
use workbook::output::{self, Cell};

/// The workspace: this test is run by the package in `checks/`, one folder down.
const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

/// Phone and desktop widths the script's frames use (book/js/timeline.js, `PHONE`, `DESKTOP`).
const PHONE: u64 = 390;
const DESKTOP: u64 = 1280;

/// The longest the browser may take, in real time (about 15 s on two idle cores; a machine loaded
/// many times over can take several times that). Replays run on virtual time.
const REAL_TIMEOUT: Duration = Duration::from_secs(180);
/// Virtual time the page may use: every page's replays, four frames at a time, four times as
/// fast as the runs (about 15 s in all); once the page is idle the rest passes at once.
const VIRTUAL_BUDGET_MS: u64 = 900_000;

/// `--flag`s in prose that the markdown still turns into a dash, as (page, text): none now (the
/// notes of `scale.md` write flags as code since `cargo measure` renders them).
const KNOWN_DASH_FLAGS: &[(&str, &str)] = &[];

fn skip(why: &str) {
    // Written past the test harness's capture: this line must show in a plain `cargo test`.
    let _ = writeln!(
        std::io::stderr(),
        "browser test skipped: {why}; to run it: apt-get install chromium, \
         cargo install --locked mdbook --version 0.5.4, then just test-browser"
    );
}

fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CHROMIUM") {
        return Some(PathBuf::from(path)).filter(|p| p.exists());
    }
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
}

fn has_mdbook() -> bool {
    Command::new("mdbook")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Whether to run here: always in CI (`.ci/run`), elsewhere when asked, since it takes as long as
/// the rest of the suite and a plain `cargo test` should stay within its 30 s.
fn asked_for() -> bool {
    ["CI", "WORKBOOK_BROWSER_TEST"]
        .iter()
        .any(|name| std::env::var_os(name).is_some_and(|v| !v.is_empty() && v != "0"))
}

#[test]
fn the_book_in_chromium() {
    if !asked_for() {
        let _ = writeln!(
            std::io::stderr(),
            "browser test skipped: it runs in CI; to run it here: just test-browser \
             (WORKBOOK_BROWSER_TEST=1 cargo test -p workbook-checks --test browser)"
        );
        return;
    }
    let Some(chromium) = chromium() else {
        return skip("no chromium");
    };
    if !has_mdbook() {
        return skip("no mdbook");
    }
    let began = Instant::now();
    let book = build_book();
    let built = began.elapsed();
    let port = serve(book);
    let dom = run_chromium(
        &chromium,
        &format!("http://127.0.0.1:{port}/index.html#wb-selftest-all"),
    );
    let report = extract(&dom, "wb-selftest-all");
    let figures = check(&report);
    let _ = writeln!(
        std::io::stderr(),
        "browser test: {} pages at {PHONE} and {DESKTOP} px, {} timelines drawn, {} replays, \
         widest element at {PHONE} px {} px, in {:.1} s ({:.1} s of it mdbook build)",
        figures.pages,
        figures.timelines,
        figures.replays,
        figures.widest,
        began.elapsed().as_secs_f64(),
        built.as_secs_f64()
    );
}

/// `mdbook build book` into a directory of the test's own.
fn build_book() -> PathBuf {
    let dest = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("browser-book");
    let _ = std::fs::remove_dir_all(&dest);
    let output = Command::new("mdbook")
        .arg("build")
        .arg(Path::new(ROOT).join("book"))
        .arg("--dest-dir")
        .arg(&dest)
        .output()
        .expect("mdbook runs");
    let log = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() && !log.contains("ERROR"),
        "mdbook build failed:\n{log}"
    );
    dest
}

/// Serves `dir` on 127.0.0.1 (a port of the system's choosing) from a thread that ends with the
/// test; one thread per connection, at most a few thousand requests.
fn serve(dir: PathBuf) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a local port");
    let port = listener.local_addr().expect("its address").port();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(5_000).flatten() {
            let dir = dir.clone();
            std::thread::spawn(move || {
                let _ = answer(stream, &dir);
            });
        }
    });
    port
}

fn answer(mut stream: TcpStream, dir: &Path) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header.trim().is_empty() {
            break;
        }
    }
    let path = request.split(' ').nth(1).unwrap_or("/");
    let path = path.split(['?', '#']).next().unwrap_or("/");
    let mut file = dir.join(path.trim_start_matches('/'));
    if path.ends_with('/') {
        file = file.join("index.html");
    }
    let inside = !path.split('/').any(|part| part == "..");
    let (status, body) = match std::fs::read(&file) {
        Ok(body) if inside => ("200 OK", body),
        _ => ("404 Not Found", b"not found".to_vec()),
    };
    let kind = match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("json") => "application/json",
        Some("woff2") => "font/woff2",
        Some("woff") => "font/woff",
        Some("png") => "image/png",
        _ => "application/octet-stream",
    };
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\n\
         Cache-Control: max-age=600\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    stream.write_all(&body)
}

/// Headless Chromium on `url`: the DOM once the page's virtual time budget is spent.
fn run_chromium(chromium: &Path, url: &str) -> String {
    let profile = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("browser-profile");
    let _ = std::fs::remove_dir_all(&profile);
    let mut child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--window-size=1400,1000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--virtual-time-budget={VIRTUAL_BUDGET_MS}"))
        .arg("--dump-dom")
        .arg(url)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium starts");
    let mut stdout = child.stdout.take().expect("its stdout");
    let reader = std::thread::spawn(move || {
        let mut dom = String::new();
        let _ = stdout.read_to_string(&mut dom);
        dom
    });
    let deadline = Instant::now() + REAL_TIMEOUT;
    loop {
        if child
            .try_wait()
            .expect("chromium can be waited for")
            .is_some()
        {
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium took more than {} s", REAL_TIMEOUT.as_secs());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = std::fs::remove_dir_all(&profile);
    reader.join().expect("the reader thread")
}

/// The JSON the script wrote into `<script type="application/json" id="ID">`.
fn extract(dom: &str, id: &str) -> Value {
    let open = format!("<script type=\"application/json\" id=\"{id}\">");
    let start = dom
        .find(&open)
        .unwrap_or_else(|| panic!("the page has no #{id} report: the self-test did not finish"))
        + open.len();
    let end = start + dom[start..].find("</script>").expect("the report's end");
    serde_json::from_str(&dom[start..end]).expect("the report is JSON")
}

struct Figures {
    pages: usize,
    timelines: usize,
    replays: usize,
    widest: u64,
}

/// Everything found wrong, one line each, so that one run shows them all.
#[derive(Default)]
struct Problems(Vec<String>);

impl Problems {
    fn add(&mut self, page: &str, what: String) {
        self.0.push(format!("{page}: {what}"));
    }
}

fn check(all: &Value) -> Figures {
    let reports = all["reports"].as_array().expect("reports");
    let pages = all["pages"].as_u64().expect("pages") as usize;
    let chapters = summary_chapters();
    let mut problems = Problems::default();
    if pages < chapters {
        problems.add(
            "the book",
            format!("{pages} pages found, SUMMARY.md lists {chapters}"),
        );
    }
    if reports.len() != pages {
        problems.add(
            "the book",
            format!("{} reports for {pages} pages", reports.len()),
        );
    }
    let mut fills = BTreeMap::new();
    let mut figures = Figures {
        pages,
        timelines: 0,
        replays: 0,
        widest: 0,
    };
    for entry in reports {
        let url = entry["url"].as_str().unwrap_or("?");
        let page = url.rsplit_once("127.0.0.1:").map_or(url, |(_, rest)| {
            rest.split_once('/').map_or(rest, |(_, path)| path)
        });
        let report = &entry["report"];
        let (phone, desktop) = (&report["phone"], &report["desktop"]);
        if phone.is_null() || desktop.is_null() {
            problems.add(page, "no report at one of the widths".into());
            continue;
        }
        for (width, found) in [(PHONE, phone), (DESKTOP, desktop)] {
            let at = format!("{page} at {width} px");
            if found["layout"]["width"].as_u64() != Some(width) {
                problems.add(
                    &at,
                    format!("the frame was {} px wide", found["layout"]["width"]),
                );
            }
            check_layout(&at, page, width, &found["layout"], &mut problems);
            let drawn = check_pictures(&at, &found["pictures"], &mut fills, &mut problems);
            if width == PHONE {
                figures.timelines += drawn;
                figures.widest = figures
                    .widest
                    .max(found["layout"]["widest"].as_u64().unwrap_or(0));
            }
        }
        figures.replays += check_replays(page, &phone["replays"], &mut problems);
        check_print(page, &desktop["print"], &mut problems);
    }
    // Each kind of bar in one colour of its own, on every page.
    let mut seen = BTreeMap::new();
    for (kind, colours) in &fills {
        if colours.len() != 1 {
            problems.add(
                "the book",
                format!("{kind} bars in {} colours", colours.len()),
            );
        }
        for colour in colours {
            if let Some(other) = seen.insert(colour.clone(), kind.clone()) {
                problems.add(
                    "the book",
                    format!("{kind} and {other} bars both in {colour}"),
                );
            }
        }
    }
    assert!(
        problems.0.is_empty(),
        "the book in Chromium: {} problems\n{}",
        problems.0.len(),
        problems.0.join("\n")
    );
    figures
}

/// The number of chapters SUMMARY.md links to.
fn summary_chapters() -> usize {
    let summary = std::fs::read_to_string(Path::new(ROOT).join("book/src/SUMMARY.md"))
        .expect("SUMMARY.md is readable");
    summary.matches(".md)").count()
}

fn check_layout(at: &str, page: &str, width: u64, layout: &Value, problems: &mut Problems) {
    let directives = layout["directives"].as_u64().unwrap_or(0);
    if directives > 0 {
        problems.add(at, format!("{directives} unexpanded {{{{# directives"));
    }
    let flags: Vec<&str> = layout["dashFlags"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    for flag in &flags {
        if !KNOWN_DASH_FLAGS.contains(&(page, flag)) {
            problems.add(
                at,
                format!("\"{flag}\" in the prose: a --flag rendered as a dash"),
            );
        }
    }
    for (known_page, flag) in KNOWN_DASH_FLAGS {
        if *known_page == page && !flags.contains(flag) {
            problems.add(
                at,
                format!("{flag:?} is fixed: take it out of KNOWN_DASH_FLAGS"),
            );
        }
    }
    let page_width = layout["pageScrollWidth"].as_u64().unwrap_or(0);
    if page_width > width {
        problems.add(
            at,
            format!("the page scrolls sideways: {page_width} px wide"),
        );
    }
    for too_wide in layout["tooWide"].as_array().into_iter().flatten() {
        problems.add(
            at,
            format!("wider than the page: {}", too_wide.as_str().unwrap_or("")),
        );
    }
    for scrolling in layout["scrolling"].as_array().into_iter().flatten() {
        let what = scrolling["what"].as_str().unwrap_or("");
        // On a phone, code and tables scroll in their own box; on a desktop nothing needs to.
        let meant_to_scroll = matches!(scrolling["kind"].as_str(), Some("code" | "table"));
        if width == DESKTOP || !meant_to_scroll {
            problems.add(
                at,
                format!(
                    "{what} scrolls sideways ({} px in {} px): {:?}",
                    scrolling["scrollWidth"], scrolling["clientWidth"], scrolling["line"]
                ),
            );
        }
    }
}

/// One row of a timeline: the job, and its bars as (kind, from, to) in seconds.
type Row = (String, Vec<(String, f64, f64)>);

/// The timeline the block's text holds, as `workbook::output` reads it, and how long a column
/// of it lasts, in seconds.
fn expected_timeline(text: &str) -> Option<(Vec<Row>, f64)> {
    let output = output::parse(text);
    let mut per_second = 1;
    let rows: Vec<Row> = output
        .rows()
        .map(|row| {
            per_second = row.per_second;
            let seconds = |column: usize| column as f64 / row.per_second as f64;
            let mut bars: Vec<(String, f64, f64)> = Vec::new();
            let mut previous = Cell::Idle;
            for (column, &cell) in row.cells.iter().enumerate() {
                if cell != previous && cell != Cell::Idle {
                    bars.push((kind(cell).into(), seconds(column), seconds(column + 1)));
                } else if cell != Cell::Idle {
                    bars.last_mut().expect("a bar begun").2 = seconds(column + 1);
                }
                previous = cell;
            }
            (row.job.to_string(), bars)
        })
        .collect();
    (!rows.is_empty()).then(|| (rows, 1.0 / per_second as f64))
}

/// The name the book's script gives a kind of bar (`data-kind`, the CSS class `wb-KIND`).
fn kind(cell: Cell) -> &'static str {
    match cell {
        Cell::Working => "working",
        Cell::Waiting => "waiting",
        Cell::NotNoticed => "noticed",
        Cell::Idle => "idle",
    }
}

/// Whether a replay has time to show: a stamped line, and a stamp or a total after 0.0 s.
fn replayable(text: &str) -> bool {
    let output = output::parse(text);
    output.stamped().next().is_some()
        && (output.stamped().any(|(at, _)| at > 0) || output.total().is_some_and(|t| t > 0))
}

fn check_pictures(
    at: &str,
    pictures: &Value,
    fills: &mut BTreeMap<String, BTreeSet<String>>,
    problems: &mut Problems,
) -> usize {
    let mut drawn = 0;
    for block in pictures.as_array().into_iter().flatten() {
        let text = block["text"].as_str().unwrap_or("");
        let picture = &block["picture"];
        let first = text.lines().next().unwrap_or("");
        if block["replay"] != Value::Bool(replayable(text)) {
            problems.add(
                at,
                format!(
                    "the block that starts {first:?}: replay button {}",
                    block["replay"]
                ),
            );
        }
        let Some((rows, column)) = expected_timeline(text) else {
            if !picture.is_null() {
                problems.add(
                    at,
                    format!("a picture for {first:?}, which has no timeline"),
                );
            }
            continue;
        };
        if picture.is_null() {
            problems.add(
                at,
                format!("the timeline of the block that starts {first:?} has no picture"),
            );
            continue;
        }
        drawn += 1;
        if picture["fits"] != Value::Bool(true) {
            problems.add(
                at,
                format!("the picture of {first:?} is wider than its column"),
            );
        }
        let drawn_rows = picture["rows"].as_array().cloned().unwrap_or_default();
        if drawn_rows.len() != rows.len() {
            problems.add(
                at,
                format!(
                    "{first:?}: {} jobs, {} rows drawn",
                    rows.len(),
                    drawn_rows.len()
                ),
            );
        }
        for ((job, bars), drawn_row) in rows.iter().zip(&drawn_rows) {
            if drawn_row["job"].as_str() != Some(job.as_str()) {
                problems.add(at, format!("row {job:?} is drawn as {}", drawn_row["job"]));
            }
            let drawn_bars = drawn_row["bars"].as_array().cloned().unwrap_or_default();
            if drawn_bars.len() != bars.len() {
                problems.add(
                    at,
                    format!(
                        "{job}: {} bars in the text, {} drawn",
                        bars.len(),
                        drawn_bars.len()
                    ),
                );
            }
            for bar in &drawn_bars {
                fills
                    .entry(bar["kind"].as_str().unwrap_or("?").to_string())
                    .or_default()
                    .insert(bar["fill"].as_str().unwrap_or("?").to_string());
            }
            for ((kind, from, to), bar) in bars.iter().zip(&drawn_bars) {
                let (drawn_from, drawn_to) = (
                    bar["from"].as_f64().unwrap_or(f64::NAN),
                    bar["to"].as_f64().unwrap_or(f64::NAN),
                );
                // Within a tenth of a column: the picture is drawn from the same columns.
                let close = |a: f64, b: f64| (a - b).abs() <= column / 10.0;
                if bar["kind"].as_str() != Some(kind.as_str())
                    || !close(drawn_from, *from)
                    || !close(drawn_to, *to)
                {
                    problems.add(
                        at,
                        format!(
                            "{job}: the text has {kind} {from:.2} s to {to:.2} s, the picture \
                             {} {drawn_from:.2} s to {drawn_to:.2} s",
                            bar["kind"]
                        ),
                    );
                }
            }
        }
    }
    drawn
}

fn check_replays(at: &str, replays: &Value, problems: &mut Problems) -> usize {
    let mut count = 0;
    for replay in replays.as_array().into_iter().flatten() {
        count += 1;
        let lines = replay["lines"].as_u64().unwrap_or(0);
        let shown = replay["shown"].as_u64().unwrap_or(0);
        if shown != lines || replay["lastShown"] != "shown" {
            problems.add(at, format!("a replay showed {shown} of {lines} lines"));
        }
        // Each line in the first frame at or after its stamp (the script checks it frame by frame).
        for wrong in replay["wrong"].as_array().into_iter().flatten() {
            problems.add(at, format!("a replay showed a line out of time: {wrong}"));
        }
    }
    count
}

fn check_print(at: &str, print: &Value, problems: &mut Problems) {
    for details in print["details"].as_array().into_iter().flatten() {
        if details["hidden"].as_u64() != Some(0) {
            problems.add(
                at,
                format!(
                    "in print, the <details> {} is not shown",
                    details["summary"]
                ),
            );
        }
    }
    for timeline in print["timelines"].as_array().into_iter().flatten() {
        if timeline["textShown"] != Value::Bool(true)
            || timeline["pictureShown"] != Value::Bool(false)
            || timeline["toolsShown"] != Value::Bool(false)
        {
            problems.add(
                at,
                format!("in print, a timeline is not its text alone: {timeline}"),
            );
        }
    }
}
