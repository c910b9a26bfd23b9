//! `cargo measure scale`: runs `examples/scale.rs` (and `examples/scale_asyncio.py`) for every
//! runtime and N, each in a process of its own, so that the peak memory a process reports is one
//! runtime's alone; then prints the table, and records the data file, the markdown table and the
//! SVG chart the book shows, all made from the same rows. `--render` draws the table and the chart
//! again from the data file, without measuring.

use std::path::Path;
use std::process::Command;

use anyhow::Context;

use crate::figures::{build_release, release_binary, root};
use crate::machine::Machine;

use std::fmt::Write as _;

/// The runtimes in the order the benchmark runs them and the table lists them: the name
/// `examples/scale.rs` takes on its command line (`python` runs the asyncio script), and the name
/// the table shows.
pub const RUNTIMES: &[(&str, &str)] = &[
    ("current_thread", "tokio current_thread"),
    ("multi_thread", "tokio multi_thread"),
    ("smol", "smol"),
    ("async-std", "async-std"),
    ("threads", "OS threads"),
    ("python", "python asyncio"),
];

/// The names the table shows, in order.
fn shown_names() -> impl Iterator<Item = &'static str> {
    RUNTIMES.iter().map(|(_, shown)| *shown)
}

const MIB: f64 = 1024.0 * 1024.0;

/// One runtime's result for one N.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub runtime: String,
    /// How many jobs were asked for.
    pub n: u64,
    /// What was measured; `None` when the runtime did not run at this N (see `note`).
    pub measured: Option<Measured>,
    /// Why there is no measurement, or what limited it; empty when there is nothing to say.
    pub note: String,
}

/// What one child process measured.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Measured {
    /// How many jobs ran: `n`, or fewer when the OS refused to start more threads.
    pub jobs: u64,
    /// From just before the first job started to just after the last one ended.
    pub wall_seconds: f64,
    /// The child's peak resident memory (VmHWM, or ru_maxrss for Python).
    pub peak_bytes: u64,
    /// The child's resident memory just before it started the jobs.
    pub base_bytes: u64,
}

impl Measured {
    /// The memory the jobs added at the peak, per job.
    pub fn bytes_per_job(&self) -> u64 {
        self.peak_bytes.saturating_sub(self.base_bytes) / self.jobs.max(1)
    }
}

/// The results and the machine they were measured on.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Recorded {
    /// What it was measured on, and with which command (`command`).
    pub machine: Machine,
    pub rows: Vec<Row>,
}

/// `1234567` as `1,234,567`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The cells of one row as the tables show them: runtime, N, wall time, peak memory, bytes per job.
fn cells(row: &Row) -> [String; 5] {
    let (wall, peak, per_job) = match &row.measured {
        Some(m) => (
            format!("{:.2} s", m.wall_seconds),
            format!("{:.1} MiB", m.peak_bytes as f64 / MIB),
            thousands(m.bytes_per_job()),
        ),
        None => ("-".into(), "-".into(), "-".into()),
    };
    let jobs = match &row.measured {
        Some(m) if m.jobs != row.n => format!("{} of {}", thousands(m.jobs), thousands(row.n)),
        _ => thousands(row.n),
    };
    [row.runtime.clone(), jobs, wall, peak, per_job]
}

const HEADER: [&str; 5] = ["runtime", "N", "wall time", "peak memory", "bytes per job"];

/// The table the benchmark prints: one line a row, columns aligned, notes below it.
pub fn table(rows: &[Row]) -> String {
    let all: Vec<[String; 5]> = std::iter::once(HEADER.map(String::from))
        .chain(rows.iter().map(cells))
        .collect();
    let width = |column: usize| all.iter().map(|r| r[column].len()).max().unwrap_or(0);
    let widths: Vec<usize> = (0..5).map(width).collect();
    let mut out = String::new();
    for row in &all {
        let mut line = format!("{:<w$}", row[0], w = widths[0]);
        for column in 1..5 {
            let _ = write!(line, "  {:>w$}", row[column], w = widths[column]);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out.push_str(&notes(rows, "", true));
    out
}

/// One line a note; with `wrap`, wrapped at 80 columns with the lines after the first indented.
fn notes(rows: &[Row], bullet: &str, wrap: bool) -> String {
    let mut out = String::new();
    for row in rows.iter().filter(|r| !r.note.is_empty()) {
        let note = format!(
            "{bullet}{} at N = {}: {}",
            row.runtime,
            thousands(row.n),
            row.note
        );
        if !wrap {
            out.push_str(&note);
            out.push('\n');
            continue;
        }
        let mut line = String::new();
        for word in note.split(' ') {
            if !line.trim().is_empty() && line.len() + 1 + word.len() > 80 {
                out.push_str(&line);
                out.push('\n');
                line = "   ".to_string();
            }
            if !line.trim().is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// The data file: the machine as `# what<TAB>value` lines, then a header and one line a row.
pub fn to_tsv(recorded: &Recorded) -> String {
    let mut out = String::from(
        "# The scale benchmark: N jobs that each sleep 1 s, per runtime. `cargo measure scale` rewrites this.\n",
    );
    for (key, value) in &recorded.machine.0 {
        let _ = writeln!(out, "# {key}\t{value}");
    }
    out.push_str("runtime\tn\tjobs\twall_s\tpeak_bytes\tbase_bytes\tnote\n");
    for row in &recorded.rows {
        let measured = match &row.measured {
            Some(m) => format!(
                "{}\t{:.3}\t{}\t{}",
                m.jobs, m.wall_seconds, m.peak_bytes, m.base_bytes
            ),
            None => "-\t-\t-\t-".into(),
        };
        let _ = writeln!(out, "{}\t{}\t{measured}\t{}", row.runtime, row.n, row.note);
    }
    out
}

/// Reads what [`to_tsv`] wrote.
pub fn from_tsv(text: &str) -> Result<Recorded, String> {
    let mut recorded = Recorded::default();
    let mut header_seen = false;
    for (number, line) in text.lines().enumerate() {
        let at = |what: &str| format!("line {}: {what}", number + 1);
        if let Some(comment) = line.strip_prefix("# ") {
            if let Some((key, value)) = comment.split_once('\t') {
                recorded
                    .machine
                    .0
                    .push((key.to_string(), value.to_string()));
            }
            continue;
        }
        if line.trim().is_empty() {
            continue;
        }
        if !header_seen {
            if !line.starts_with("runtime\tn\t") {
                return Err(at("expected the header `runtime<TAB>n<TAB>...`"));
            }
            header_seen = true;
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        if fields.len() != 7 {
            return Err(at(&format!("expected 7 fields, found {}", fields.len())));
        }
        let number_in = |i: usize| -> Result<u64, String> {
            fields[i]
                .parse()
                .map_err(|_| at(&format!("`{}` is not a whole number", fields[i])))
        };
        let measured = if fields[2] == "-" {
            None
        } else {
            Some(Measured {
                jobs: number_in(2)?,
                wall_seconds: fields[3]
                    .parse()
                    .map_err(|_| at(&format!("`{}` is not a number", fields[3])))?,
                peak_bytes: number_in(4)?,
                base_bytes: number_in(5)?,
            })
        };
        recorded.rows.push(Row {
            runtime: fields[0].to_string(),
            n: number_in(1)?,
            measured,
            note: fields[6].to_string(),
        });
    }
    if !header_seen {
        return Err("no header line: is this the scale data file?".into());
    }
    Ok(recorded)
}

/// The markdown the book includes: where it was measured, the table, and the notes.
pub fn markdown(recorded: &Recorded) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} `cargo measure scale` measures again and rewrites this table and the chart.\n",
        recorded.machine.sentence()
    );
    out.push_str("| runtime | N | wall time | peak memory | bytes per job |\n");
    out.push_str("| --- | ---: | ---: | ---: | ---: |\n");
    for row in &recorded.rows {
        let [runtime, n, wall, peak, per_job] = cells(row);
        let _ = writeln!(out, "| {runtime} | {n} | {wall} | {peak} | {per_job} |");
    }
    let targets = targets(&recorded.rows);
    if !targets.is_empty() {
        out.push('\n');
        out.push_str(&targets);
    }
    let notes = flags_as_code(&notes(&recorded.rows, "- ", false));
    if !notes.is_empty() {
        out.push('\n');
        out.push_str(&notes);
    }
    out
}

/// Every word of `text` that is a command-line flag (`--max-threads`) written as code, so that
/// the book shows it as typed, not with its two hyphens made into a dash.
fn flags_as_code(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("--") {
        let length = rest[at + 2..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .unwrap_or(rest.len() - at - 2);
        let already = rest[..at].ends_with('`');
        out.push_str(&rest[..at]);
        let flag = &rest[at..at + 2 + length];
        if already || length == 0 {
            out.push_str(flag);
        } else {
            out.push_str(&format!("`{flag}`"));
        }
        rest = &rest[at + 2 + length..];
    }
    out.push_str(rest);
    out
}

/// The targets the benchmark was built to meet: tokio runs 1,000,000 sleepers of 1 s in at most
/// 1.5 s and 500 MiB (release build, a 2-core machine).
pub const TARGET_N: u64 = 1_000_000;
pub const TARGET_WALL_SECONDS: f64 = 1.5;
pub const TARGET_PEAK_MIB: f64 = 500.0;

/// One line a tokio row at [`TARGET_N`]: its figures against the targets.
fn targets(rows: &[Row]) -> String {
    let mut out = String::new();
    for row in rows
        .iter()
        .filter(|r| r.n == TARGET_N && r.runtime.starts_with("tokio"))
    {
        let Some(m) = &row.measured else { continue };
        let peak = m.peak_bytes as f64 / MIB;
        let met = |ok: bool| if ok { "within" } else { "over" };
        let _ = writeln!(
            out,
            "- Target, {} at N = {}: {:.2} s wall ({} the {TARGET_WALL_SECONDS} s target), \
             {peak:.1} MiB peak ({} the {TARGET_PEAK_MIB} MiB target).",
            row.runtime,
            thousands(row.n),
            m.wall_seconds,
            met(m.wall_seconds <= TARGET_WALL_SECONDS),
            met(peak <= TARGET_PEAK_MIB),
        );
    }
    out
}

/// How a runtime's line is drawn: a colour, a dash pattern and a marker, all different, so that
/// two lines on top of each other (tokio's two flavours often are) can still both be seen.
struct Style {
    colour: &'static str,
    dashes: &'static str,
    marker: Marker,
}

#[derive(Clone, Copy)]
enum Marker {
    Circle,
    Square,
    Triangle,
    Diamond,
    Cross,
    Ring,
}

fn style(runtime: &str) -> Style {
    const STYLES: [(&str, &str, Marker); 6] = [
        ("#1f77b4", "", Marker::Circle),
        ("#2ca02c", "7 4", Marker::Square),
        ("#9467bd", "2 3", Marker::Triangle),
        ("#8c564b", "9 3 2 3", Marker::Diamond),
        ("#d62728", "", Marker::Cross),
        ("#ff7f0e", "4 2", Marker::Ring),
    ];
    let (colour, dashes, marker) = shown_names()
        .position(|r| r == runtime)
        .map_or(("#7f7f7f", "", Marker::Circle), |i| STYLES[i]);
    Style {
        colour,
        dashes,
        marker,
    }
}

/// A marker of `style` centred on `(x, y)`.
fn marker(style: &Style, x: f64, y: f64) -> String {
    let c = style.colour;
    match style.marker {
        Marker::Circle => format!(r#"<circle cx="{x:.1}" cy="{y:.1}" r="4.5" fill="{c}"/>"#),
        Marker::Ring => format!(
            r#"<circle cx="{x:.1}" cy="{y:.1}" r="4.5" fill="white" stroke="{c}" stroke-width="2"/>"#
        ),
        Marker::Square => format!(
            r#"<rect x="{:.1}" y="{:.1}" width="8" height="8" fill="{c}"/>"#,
            x - 4.0,
            y - 4.0
        ),
        Marker::Triangle => format!(
            r#"<polygon points="{x:.1},{:.1} {:.1},{:.1} {:.1},{:.1}" fill="{c}"/>"#,
            y - 5.0,
            x - 5.0,
            y + 4.0,
            x + 5.0,
            y + 4.0
        ),
        Marker::Diamond => format!(
            r#"<polygon points="{x:.1},{:.1} {:.1},{y:.1} {x:.1},{:.1} {:.1},{y:.1}" fill="{c}"/>"#,
            y - 5.5,
            x + 5.5,
            y + 5.5,
            x - 5.5
        ),
        Marker::Cross => format!(
            r#"<path d="M{:.1},{:.1} l10,10 m0,-10 l-10,10" stroke="{c}" stroke-width="3"/>"#,
            x - 5.0,
            y - 5.0
        ),
    }
}

/// The 1-2-5 steps of a log axis: 1, 2, 5, 10, 20, ...
fn steps() -> impl Iterator<Item = f64> {
    (-1..12).flat_map(|p| [1.0, 2.0, 5.0].map(|m| m * 10f64.powi(p)))
}

/// A log axis that holds `values`: from the power of ten at or below the least, to the 1-2-5 step
/// at or above the greatest.
fn log_range(values: impl Iterator<Item = f64>) -> (f64, f64) {
    let (least, most) = values.fold((f64::MAX, 0.0_f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    if most <= 0.0 {
        return (1.0, 10.0);
    }
    let from = 10f64.powf(least.log10().floor());
    let to = steps()
        .find(|s| *s >= most * 0.999 && *s > from)
        .unwrap_or(most);
    (from, to)
}

/// The labelled lines of a log axis: every 1-2-5 step if there are few, else the powers of ten
/// (and the top, if it is far enough above the last of them).
fn log_ticks(from: f64, to: f64) -> Vec<f64> {
    let inside = |s: &f64| *s >= from * 0.999 && *s <= to * 1.001;
    let all: Vec<f64> = steps().filter(inside).collect();
    if all.len() <= 8 {
        return all;
    }
    let mut decades: Vec<f64> = all
        .iter()
        .copied()
        .filter(|s| (s.log10() - s.log10().round()).abs() < 1e-9)
        .collect();
    // The top gets a label of its own only where it would not crowd the last power of ten.
    if decades.last().is_some_and(|d| *d * 3.0 <= to) {
        decades.push(to);
    }
    decades
}

/// One panel's mapping from data to pixels.
struct Axis {
    from: f64,
    to: f64,
    log: bool,
    pixels: (f64, f64),
}

impl Axis {
    fn at(&self, value: f64) -> f64 {
        let (v, a, b) = if self.log {
            (value.log10(), self.from.log10(), self.to.log10())
        } else {
            (value, self.from, self.to)
        };
        let t = if b > a { (v - a) / (b - a) } else { 0.5 };
        self.pixels.0 + t * (self.pixels.1 - self.pixels.0)
    }
}

/// The chart the book shows: wall time (top) and peak memory (bottom) against N, one line a
/// runtime, every axis logarithmic. The panels are stacked so that the chart stays legible when
/// a phone shrinks it to its width. Each runtime's line is drawn a few pixels to the side of the
/// others, in a dash pattern and with markers of its own, so that none hides another; a runtime
/// measured at fewer N than the others says so in the legend.
pub fn svg(recorded: &Recorded) -> String {
    const WIDTH: f64 = 480.0;
    const LEFT: f64 = 78.0;
    const RIGHT: f64 = 465.0;
    const PANEL_HEIGHT: f64 = 200.0;
    // Each panel: its title, the plot, then the N axis and its label under it.
    let panel_tops = [40.0, 40.0 + PANEL_HEIGHT + 105.0];
    let legend_top = panel_tops[1] + PANEL_HEIGHT + 85.0;

    let measured: Vec<(&Row, &Measured)> = recorded
        .rows
        .iter()
        .filter_map(|r| r.measured.as_ref().map(|m| (r, m)))
        .collect();
    let mut ns: Vec<u64> = recorded.rows.iter().map(|r| r.n).collect();
    ns.sort_unstable();
    ns.dedup();
    let (n_min, n_max) = (
        *ns.first().unwrap_or(&1) as f64,
        *ns.last().unwrap_or(&1) as f64,
    );
    // Room left and right of the first and last N, for the labels and the lines drawn aside.
    let (n_from, n_to) = if n_max > n_min {
        let pad = (n_max / n_min).powf(0.12);
        (n_min / pad, n_max * pad)
    } else {
        (n_min / 2.0, n_max * 2.0)
    };
    // Both value axes are logarithmic: Python's wall time at a million jobs is ten times the
    // others', and memory spans three powers of ten.
    let wall = |m: &Measured| m.wall_seconds.max(0.1);
    let mib = |m: &Measured| (m.peak_bytes as f64 / MIB).max(0.1);
    let (wall_from, wall_to) = log_range(measured.iter().map(|(_, m)| wall(m)));
    let (mem_from, mem_to) = log_range(measured.iter().map(|(_, m)| mib(m)));
    let x = Axis {
        from: n_from,
        to: n_to,
        log: true,
        pixels: (LEFT, RIGHT),
    };
    let y_axes = [(wall_from, wall_to), (mem_from, mem_to)];
    let titles = ["wall time (s, log scale)", "peak memory (MiB, log scale)"];
    let present: Vec<&str> = shown_names()
        .filter(|r| measured.iter().any(|(row, _)| row.runtime == *r))
        .collect();
    // The lines side by side: 4 pixels apart, centred on the true N.
    let aside = |runtime: &str| {
        let index = present.iter().position(|r| *r == runtime).unwrap_or(0) as f64;
        (index - (present.len() as f64 - 1.0) / 2.0) * 4.0
    };
    let height = legend_top + present.len() as f64 * 22.0 + 10.0;

    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" font-family="sans-serif" font-size="15">"#
    );
    let _ = writeln!(
        out,
        r#"<rect width="{WIDTH}" height="{height}" fill="white"/>"#
    );
    for (panel, (from, to)) in y_axes.iter().enumerate() {
        let top = panel_tops[panel];
        let bottom = top + PANEL_HEIGHT;
        let y = Axis {
            from: *from,
            to: *to,
            log: true,
            pixels: (bottom, top),
        };
        let _ = writeln!(
            out,
            r#"<text x="{LEFT}" y="{}" font-weight="bold">{}</text>"#,
            top - 14.0,
            titles[panel]
        );
        // Horizontal grid lines and their labels.
        for tick in log_ticks(y.from, y.to) {
            let py = y.at(tick);
            let _ = writeln!(
                out,
                r##"<line x1="{LEFT}" y1="{py:.1}" x2="{RIGHT}" y2="{py:.1}" stroke="#ddd"/>"##
            );
            let label = if tick >= 1.0 {
                thousands(tick.round() as u64)
            } else {
                format!("{tick}")
            };
            let _ = writeln!(
                out,
                r#"<text x="{}" y="{:.1}" text-anchor="end">{label}</text>"#,
                LEFT - 6.0,
                py + 5.0
            );
        }
        // N ticks.
        for &n in &ns {
            let px = x.at(n as f64);
            let _ = writeln!(
                out,
                r##"<line x1="{px:.1}" y1="{bottom}" x2="{px:.1}" y2="{}" stroke="#999"/>"##,
                bottom + 5.0
            );
            let _ = writeln!(
                out,
                r#"<text x="{px:.1}" y="{}" text-anchor="middle">{}</text>"#,
                bottom + 22.0,
                thousands(n)
            );
        }
        let _ = writeln!(
            out,
            r#"<text x="{}" y="{}" text-anchor="middle">N (jobs, log scale)</text>"#,
            (LEFT + RIGHT) / 2.0,
            bottom + 44.0
        );
        let _ = writeln!(
            out,
            r##"<polyline points="{LEFT},{top} {LEFT},{bottom} {RIGHT},{bottom}" fill="none" stroke="#333"/>"##
        );
        // One line a runtime.
        for runtime in &present {
            let points: Vec<(f64, f64)> = measured
                .iter()
                .filter(|(r, m)| r.runtime == *runtime && m.jobs == r.n)
                .map(|(r, m)| {
                    let value = if panel == 0 { wall(m) } else { mib(m) };
                    (x.at(r.n as f64) + aside(runtime), y.at(value))
                })
                .collect();
            let style = style(runtime);
            let path: Vec<String> = points
                .iter()
                .map(|(px, py)| format!("{px:.1},{py:.1}"))
                .collect();
            if points.len() > 1 {
                let _ = writeln!(
                    out,
                    r#"<polyline points="{}" fill="none" stroke="{}" stroke-width="2.5" stroke-dasharray="{}"/>"#,
                    path.join(" "),
                    style.colour,
                    style.dashes,
                );
            }
            for (px, py) in points {
                let _ = writeln!(out, "{}", marker(&style, px, py));
            }
        }
    }
    // The legend, under both panels, one runtime a line.
    for (i, runtime) in present.iter().enumerate() {
        let ly = legend_top + i as f64 * 22.0;
        let style = style(runtime);
        let _ = writeln!(
            out,
            r#"<line x1="{LEFT}" y1="{ly}" x2="{}" y2="{ly}" stroke="{}" stroke-width="2.5" stroke-dasharray="{}"/>"#,
            LEFT + 34.0,
            style.colour,
            style.dashes,
        );
        let _ = writeln!(out, "{}", marker(&style, LEFT + 17.0, ly));
        let _ = writeln!(
            out,
            r#"<text x="{}" y="{}">{}</text>"#,
            LEFT + 44.0,
            ly + 5.0,
            legend_text(recorded, runtime)
        );
    }
    out.push_str("</svg>\n");
    out
}

/// A runtime's name in the legend; where it was not measured at every N, the N it was measured
/// at, so that a lone point does not look like a line that went missing.
fn legend_text(recorded: &Recorded, runtime: &str) -> String {
    let rows: Vec<&Row> = recorded
        .rows
        .iter()
        .filter(|r| r.runtime == runtime)
        .collect();
    let done: Vec<String> = rows
        .iter()
        .filter(|r| r.measured.as_ref().is_some_and(|m| m.jobs == r.n))
        .map(|r| thousands(r.n))
        .collect();
    if done.len() == rows.len() {
        return runtime.to_string();
    }
    format!("{runtime}: N = {} only (see the notes)", done.join(", "))
}

// ---- Measuring.

/// What `cargo measure scale` is asked to do.
#[derive(clap::Args)]
pub struct Options {
    /// How many jobs, from 1 to 1,000,000 (several for several rows)
    #[arg(default_values_t = [10_000, 100_000, 1_000_000], value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
    ns: Vec<u64>,
    /// Measure only this runtime (repeat it for more): current_thread, multi_thread, smol,
    /// async-std, threads or python
    #[arg(long, value_parser = clap::builder::PossibleValuesParser::new(RUNTIMES.iter().map(|(name, _)| *name)))]
    only: Vec<String>,
    /// Start at most this many OS threads; larger N are skipped for threads
    #[arg(long, default_value_t = 10_000)]
    max_threads: u64,
    /// Draw scale.md and scale.svg again from scale.tsv, without measuring
    #[arg(long)]
    render: bool,
}

const PYTHON_SCRIPT: &str = "examples/scale_asyncio.py";

/// Reads what `examples/scale.rs` (or the Python script) printed: one `what: value` a line.
fn parse_run(stdout: &str) -> Option<(Measured, String)> {
    let field = |name: &str| {
        stdout
            .lines()
            .find_map(|l| l.strip_prefix(name)?.strip_prefix(": "))
    };
    let number = |name: &str, unit: &str| -> Option<String> {
        Some(field(name)?.strip_suffix(unit)?.trim().to_string())
    };
    let measured = Measured {
        jobs: field("jobs")?.parse().ok()?,
        wall_seconds: number("wall time", " s")?.parse().ok()?,
        peak_bytes: number("peak memory", " bytes")?.parse().ok()?,
        base_bytes: number("memory before the jobs", " bytes")?.parse().ok()?,
    };
    Some((measured, field("note").unwrap_or_default().to_string()))
}

fn has_python() -> bool {
    Command::new("python3")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// One runtime at one N, in a process of its own.
fn measure(name: &str, shown: &str, n: u64, max_threads: u64) -> anyhow::Result<Row> {
    let row = |measured, note: String| Row {
        runtime: shown.to_string(),
        n,
        measured,
        note,
    };
    if name == "threads" && n > max_threads {
        let cap = thousands(max_threads);
        let note = format!("skipped: over the cap of {cap} threads (--max-threads raises it)");
        return Ok(row(None, note));
    }
    let mut command = if name == "python" {
        if !has_python() {
            return Ok(row(None, "skipped: no python3 on this machine".into()));
        }
        let mut python = Command::new("python3");
        python.arg(root().join(PYTHON_SCRIPT));
        python
    } else {
        let mut example = Command::new(release_binary("scale"));
        example.arg(name);
        example
    };
    eprintln!("measuring {shown} with N = {} ...", thousands(n));
    let output = command
        .arg(n.to_string())
        .output()
        .with_context(|| format!("cannot start the run of {shown}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    match parse_run(&stdout) {
        Some((measured, note)) if output.status.success() => Ok(row(Some(measured), note)),
        _ => {
            let stderr = String::from_utf8_lossy(&output.stderr);
            let why = stderr.lines().last().unwrap_or("no message").trim();
            Ok(row(None, format!("failed ({}): {why}", output.status)))
        }
    }
}

/// Writes DIR/scale.md and DIR/scale.svg from `recorded`.
fn render(dir: &Path, recorded: &Recorded) -> anyhow::Result<()> {
    for (name, text) in [
        ("scale.md", markdown(recorded)),
        ("scale.svg", svg(recorded)),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(())
}

pub fn record(options: &Options, dir: &Path) -> anyhow::Result<()> {
    let path = dir.join("scale.tsv");
    if options.render {
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let recorded = from_tsv(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        render(dir, &recorded)?;
        println!("wrote {0}/scale.md and {0}/scale.svg", dir.display());
        return Ok(());
    }
    build_release("async-workbook", &["scale"])?;
    let mut machine = Machine::now(true);
    let mut rows = Vec::new();
    for &n in &options.ns {
        for (name, shown) in RUNTIMES {
            if options.only.is_empty() || options.only.iter().any(|o| o == name) {
                rows.push(measure(name, shown, n, options.max_threads)?);
            }
        }
    }
    print!("{}", table(&rows));

    let ns: Vec<String> = options.ns.iter().map(u64::to_string).collect();
    let mut command = format!("cargo measure scale {}", ns.join(" "));
    for only in &options.only {
        command.push_str(&format!(" --only {only}"));
    }
    machine.0.push(("command".into(), command));
    let recorded = Recorded { machine, rows };
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let tsv = to_tsv(&recorded);
    std::fs::write(&path, &tsv).with_context(|| format!("cannot write {}", path.display()))?;
    // Draw from what the file says (rounded as written), so that `--render` draws the same.
    let recorded = from_tsv(&tsv).map_err(|e| anyhow::anyhow!("{e}"))?;
    render(dir, &recorded)?;
    eprintln!("wrote {0}/scale.tsv, scale.md and scale.svg", dir.display());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Recorded {
        Recorded {
            machine: Machine(vec![
                ("date".into(), "2026-01-01".into()),
                ("cpu".into(), "A CPU".into()),
            ]),
            rows: vec![
                Row {
                    runtime: "tokio current_thread".into(),
                    n: 1000,
                    measured: Some(Measured {
                        jobs: 1000,
                        wall_seconds: 1.0123,
                        peak_bytes: 3 * 1024 * 1024,
                        base_bytes: 2 * 1024 * 1024,
                    }),
                    note: String::new(),
                },
                Row {
                    runtime: "OS threads".into(),
                    n: 100_000,
                    measured: None,
                    note: "skipped: over the cap (--max-threads raises it)".into(),
                },
            ],
        }
    }

    #[test]
    fn thousands_are_separated() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1_000_000), "1,000,000");
    }

    #[test]
    fn the_data_file_reads_back_what_was_written() {
        let recorded = sample();
        let read = from_tsv(&to_tsv(&recorded)).expect("it parses");
        assert_eq!(read.machine, recorded.machine);
        assert_eq!(read.rows.len(), 2);
        assert_eq!(read.rows[1], recorded.rows[1]);
        let m = read.rows[0].measured.expect("measured");
        assert_eq!(m.bytes_per_job(), 1024 * 1024 / 1000);
        assert!((m.wall_seconds - 1.012).abs() < 1e-9);
    }

    #[test]
    fn the_table_has_a_header_a_line_a_row_and_the_notes() {
        let text = table(&sample().rows);
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[0].starts_with("runtime"));
        assert!(lines[0].ends_with("bytes per job"));
        assert!(lines[1].contains("1,000") && lines[1].contains("1.01 s"));
        assert!(lines[1].contains("3.0 MiB") && lines[1].ends_with("1,048"));
        assert!(lines[2].starts_with("OS threads") && lines[2].ends_with('-'));
        assert_eq!(
            lines[3],
            "OS threads at N = 100,000: skipped: over the cap (--max-threads raises it)"
        );
    }

    #[test]
    fn the_markdown_says_whether_tokio_met_its_targets() {
        let mut recorded = sample();
        recorded.rows.push(Row {
            runtime: "tokio multi_thread".into(),
            n: TARGET_N,
            measured: Some(Measured {
                jobs: TARGET_N,
                wall_seconds: 1.6,
                peak_bytes: 400 * 1024 * 1024,
                base_bytes: 0,
            }),
            note: String::new(),
        });
        let md = markdown(&recorded);
        assert!(md.contains("| tokio multi_thread | 1,000,000 | 1.60 s | 400.0 MiB | 419 |"));
        assert!(md.contains(
            "- Target, tokio multi_thread at N = 1,000,000: 1.60 s wall (over the 1.5 s target), \
             400.0 MiB peak (within the 500 MiB target)."
        ));
        assert!(md.contains(
            "- OS threads at N = 100,000: skipped: over the cap (`--max-threads` raises it)"
        ));
    }

    #[test]
    fn the_chart_is_one_svg_with_a_line_per_measured_runtime() {
        let drawn = svg(&sample());
        assert!(drawn.starts_with("<svg ") && drawn.ends_with("</svg>\n"));
        // One point in each panel, and the legend's marker.
        assert_eq!(drawn.matches("<circle").count(), 3);
        assert!(drawn.contains(">tokio current_thread</text>"));
        assert!(!drawn.contains(">OS threads</text>"));
        assert!(!drawn.contains("NaN") && !drawn.contains("inf"));
    }

    #[test]
    fn flags_are_code_once() {
        assert_eq!(
            flags_as_code("a (--max-threads raises it)"),
            "a (`--max-threads` raises it)"
        );
        assert_eq!(
            flags_as_code("`--only` and --render."),
            "`--only` and `--render`."
        );
        assert_eq!(flags_as_code("no flags -- here"), "no flags -- here");
    }

    #[test]
    fn a_runtime_measured_at_one_n_only_says_so_in_the_legend() {
        let mut recorded = sample();
        let mut threads = recorded.rows[0].clone();
        threads.runtime = "OS threads".into();
        recorded.rows.push(threads);
        let drawn = svg(&recorded);
        assert!(drawn.contains(">OS threads: N = 1,000 only (see the notes)</text>"));
        // Two lines side by side, not on top of each other.
        assert!(drawn.contains("<circle cx=\"") && drawn.contains("<path d=\"M"));
    }

    #[test]
    fn what_the_example_prints_is_read_back() {
        let printed = "runtime: smol\njobs: 62\nwall time: 1.004 s\nmemory before the jobs: 100 \
                       bytes\npeak memory: 1100 bytes\nbytes per job: 16\nnote: the OS refused\n";
        let (measured, note) = parse_run(printed).expect("it parses");
        assert_eq!(measured.jobs, 62);
        assert_eq!(measured.bytes_per_job(), 16);
        assert_eq!(note, "the OS refused");
        assert!(parse_run("jobs: 1\n").is_none());
    }

    /// The book shows book/src/measured/scale.md and scale.svg: both must be what the recorded
    /// data makes (`cargo measure scale --render` draws them again).
    #[test]
    fn the_book_shows_the_recorded_results() {
        let dir = root().join("book/src/measured");
        let tsv =
            std::fs::read_to_string(dir.join("scale.tsv")).expect("book/src/measured/scale.tsv");
        let recorded = from_tsv(&tsv).expect("the recorded data parses");
        for n in [10_000, 100_000, 1_000_000] {
            for runtime in shown_names() {
                assert!(
                    recorded
                        .rows
                        .iter()
                        .any(|r| r.n == n && r.runtime == runtime),
                    "no recorded row for {runtime} at N = {n}"
                );
            }
        }
        let stale = "is stale: run `cargo measure scale --render`";
        let md = std::fs::read_to_string(dir.join("scale.md")).expect("scale.md");
        assert_eq!(md, markdown(&recorded), "scale.md {stale}");
        let svg_text = std::fs::read_to_string(dir.join("scale.svg")).expect("scale.svg");
        assert_eq!(svg_text, svg(&recorded), "scale.svg {stale}");
    }
}
