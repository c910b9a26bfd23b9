//! The `scale` benchmark's results: the table it prints, the data file it records, and the markdown
//! table and SVG chart the book shows, all made from the same rows.
//!
//! Measuring is the example's job (`examples/scale.rs`): it starts the jobs in child processes.
//! This module only formats, reads and draws what was measured.

use std::fmt::Write as _;

/// The runtimes in the order the benchmark runs them and the table lists them.
pub const RUNTIMES: &[&str] = &[
    "tokio current_thread",
    "tokio multi_thread",
    "smol",
    "async-std",
    "OS threads",
    "python asyncio",
];

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
    /// `(what, value)`: date, cpu, cores, memory, kernel, rustc, python, build, command.
    pub machine: Vec<(String, String)>,
    pub rows: Vec<Row>,
}

impl Recorded {
    fn machine(&self, key: &str) -> &str {
        self.machine
            .iter()
            .find(|(k, _)| k == key)
            .map_or("?", |(_, v)| v.as_str())
    }
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
        "# The scale benchmark: N jobs that each sleep 1 s, per runtime. `just bench` rewrites this.\n",
    );
    for (key, value) in &recorded.machine {
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
                recorded.machine.push((key.to_string(), value.to_string()));
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
        "Measured on {} with a {} build: {}, {} cores, {} of memory, Linux {}, {}, {}. \
         `just bench` measures again and rewrites this table and the chart.\n",
        recorded.machine("date"),
        recorded.machine("build"),
        recorded.machine("cpu"),
        recorded.machine("cores"),
        recorded.machine("memory"),
        recorded.machine("kernel"),
        recorded.machine("rustc"),
        recorded.machine("python"),
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
    let notes = notes(&recorded.rows, "- ", false);
    if !notes.is_empty() {
        out.push('\n');
        out.push_str(&notes);
    }
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

/// A colour per runtime, in the order of [`RUNTIMES`]; others get grey.
fn colour(runtime: &str) -> &'static str {
    const COLOURS: [&str; 6] = [
        "#1f77b4", "#2ca02c", "#9467bd", "#8c564b", "#d62728", "#ff7f0e",
    ];
    RUNTIMES
        .iter()
        .position(|r| *r == runtime)
        .map_or("#7f7f7f", |i| COLOURS[i])
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

/// The chart the book shows: wall time (left) and peak memory (right) against N, one line a
/// runtime, both N axes logarithmic, the memory axis too.
pub fn svg(recorded: &Recorded) -> String {
    const WIDTH: f64 = 760.0;
    const HEIGHT: f64 = 380.0;
    const TOP: f64 = 40.0;
    const BOTTOM: f64 = 290.0;
    let panels = [(70.0, 350.0), (450.0, 730.0)];

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
    // A little room left and right of the first and last N.
    let (n_from, n_to) = if n_max > n_min {
        let pad = (n_max / n_min).powf(0.08);
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

    let x_axis = |panel: usize| Axis {
        from: n_from,
        to: n_to,
        log: true,
        pixels: panels[panel],
    };
    let y_axes = [
        Axis {
            from: wall_from,
            to: wall_to,
            log: true,
            pixels: (BOTTOM, TOP),
        },
        Axis {
            from: mem_from,
            to: mem_to,
            log: true,
            pixels: (BOTTOM, TOP),
        },
    ];
    let titles = ["wall time (s, log scale)", "peak memory (MiB, log scale)"];

    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" font-size="12">"#
    );
    let _ = writeln!(
        out,
        r#"<rect width="{WIDTH}" height="{HEIGHT}" fill="white"/>"#
    );
    for (panel, y) in y_axes.iter().enumerate() {
        let x = x_axis(panel);
        let (left, right) = panels[panel];
        let _ = writeln!(
            out,
            r#"<text x="{left}" y="{}" font-weight="bold">{}</text>"#,
            TOP - 15.0,
            titles[panel]
        );
        // Horizontal grid lines and their labels.
        let ticks = log_ticks(y.from, y.to);
        for tick in ticks {
            let py = y.at(tick);
            let _ = writeln!(
                out,
                r##"<line x1="{left}" y1="{py:.1}" x2="{right}" y2="{py:.1}" stroke="#ddd"/>"##
            );
            let label = if tick >= 1.0 {
                thousands(tick.round() as u64)
            } else {
                format!("{tick}")
            };
            let _ = writeln!(
                out,
                r#"<text x="{}" y="{:.1}" text-anchor="end">{label}</text>"#,
                left - 6.0,
                py + 4.0
            );
        }
        // N ticks.
        for &n in &ns {
            let px = x.at(n as f64);
            let _ = writeln!(
                out,
                r##"<line x1="{px:.1}" y1="{BOTTOM}" x2="{px:.1}" y2="{}" stroke="#999"/>"##,
                BOTTOM + 5.0
            );
            let _ = writeln!(
                out,
                r#"<text x="{px:.1}" y="{}" text-anchor="middle">{}</text>"#,
                BOTTOM + 18.0,
                thousands(n)
            );
        }
        let _ = writeln!(
            out,
            r#"<text x="{}" y="{}" text-anchor="middle">N (jobs, log scale)</text>"#,
            (left + right) / 2.0,
            BOTTOM + 36.0
        );
        let _ = writeln!(
            out,
            r##"<polyline points="{left},{TOP} {left},{BOTTOM} {right},{BOTTOM}" fill="none" stroke="#333"/>"##
        );
        // One line a runtime.
        for runtime in RUNTIMES {
            let points: Vec<(f64, f64)> = measured
                .iter()
                .filter(|(r, m)| r.runtime == *runtime && m.jobs == r.n)
                .map(|(r, m)| {
                    let value = if panel == 0 { wall(m) } else { mib(m) };
                    (x.at(r.n as f64), y.at(value))
                })
                .collect();
            if points.is_empty() {
                continue;
            }
            let colour = colour(runtime);
            let path: Vec<String> = points
                .iter()
                .map(|(px, py)| format!("{px:.1},{py:.1}"))
                .collect();
            let _ = writeln!(
                out,
                r#"<polyline points="{}" fill="none" stroke="{colour}" stroke-width="2"/>"#,
                path.join(" ")
            );
            for (px, py) in points {
                let _ = writeln!(
                    out,
                    r#"<circle cx="{px:.1}" cy="{py:.1}" r="3.5" fill="{colour}"/>"#
                );
            }
        }
    }
    // The legend, under both panels.
    let present: Vec<&str> = RUNTIMES
        .iter()
        .copied()
        .filter(|r| measured.iter().any(|(row, _)| row.runtime == *r))
        .collect();
    for (i, runtime) in present.iter().enumerate() {
        let lx = 70.0 + (i % 3) as f64 * 230.0;
        let ly = BOTTOM + 60.0 + (i / 3) as f64 * 18.0;
        let colour = colour(runtime);
        let _ = writeln!(
            out,
            r#"<line x1="{lx}" y1="{ly}" x2="{}" y2="{ly}" stroke="{colour}" stroke-width="3"/>"#,
            lx + 24.0
        );
        let _ = writeln!(
            out,
            r#"<text x="{}" y="{}">{runtime}</text>"#,
            lx + 30.0,
            ly + 4.0
        );
    }
    out.push_str("</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Recorded {
        Recorded {
            machine: vec![
                ("date".into(), "2026-01-01".into()),
                ("cpu".into(), "A CPU".into()),
            ],
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
                    note: "skipped: over --max-threads 10,000".into(),
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
            "OS threads at N = 100,000: skipped: over --max-threads 10,000"
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
        assert!(md.contains("- OS threads at N = 100,000: skipped"));
    }

    #[test]
    fn the_chart_is_one_svg_with_a_line_per_measured_runtime() {
        let drawn = svg(&sample());
        assert!(drawn.starts_with("<svg ") && drawn.ends_with("</svg>\n"));
        assert_eq!(drawn.matches("<circle").count(), 2); // one point in each panel
        assert!(drawn.contains(">tokio current_thread</text>"));
        assert!(!drawn.contains(">OS threads</text>"));
        assert!(!drawn.contains("NaN") && !drawn.contains("inf"));
    }
}
