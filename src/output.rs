//! Reading back what the examples print: the one parser of the workbook's output format, beside
//! the code that writes it ([`say`](crate::say), [`summary`](crate::summary)).
//!
//! The tests read snapshots with it, the Python twins are compared with their Rust twins with it,
//! and the exercise checker reads a learner's program with it. The format:
//!
//! ```text
//! [ 2.0s] First                    a stamped line: the time it was printed, then the text
//!
//! Total: 3.0 s                     the total
//!         0s        1s        2s   the timeline's axis
//! First   ░░░░░░░░░░░░░░░░░░░░     one row a job: a label, then one cell a column
//!         █ working  ░ waiting     the legend, when more than one kind of bar shows
//! ```
//!
//! Times are kept in tenths of a second, as they are printed.

/// A time as printed, in tenths of a second: `2.0` is 20.
pub type Tenths = u64;

/// What a cell of a timeline row shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cell {
    /// Nothing: the job had not begun, or had ended.
    Idle,
    /// `█`: the CPU was busy with the job's work.
    Working,
    /// `░`: the job waited for something that was not due yet.
    Waiting,
    /// `▒`: what the job waited for was done, and the program had not noticed yet.
    NotNoticed,
}

impl Cell {
    fn of(c: char) -> Option<Cell> {
        match c {
            ' ' => Some(Cell::Idle),
            '█' => Some(Cell::Working),
            '░' => Some(Cell::Waiting),
            '▒' => Some(Cell::NotNoticed),
            _ => None,
        }
    }
}

/// One row of a timeline: a job and its cells, with the scale they were drawn at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row<'a> {
    pub job: &'a str,
    pub cells: Vec<Cell>,
    /// Columns per second.
    pub per_second: u64,
}

/// A run of equal cells in a row, from its first tenth up to (not including) its last.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Segment {
    pub cell: Cell,
    pub from: Tenths,
    pub to: Tenths,
}

impl Row<'_> {
    /// How long one column lasts, in tenths, rounded up (at 4 columns a second, 2.5 tenths: 3).
    pub fn column_tenths(&self) -> Tenths {
        10_u64.div_ceil(self.per_second.max(1))
    }

    /// The first tenth that column `column` shows: a column shows the tenths that round down to it.
    fn column_start(&self, column: usize) -> Tenths {
        (column as Tenths * 10).div_ceil(self.per_second.max(1))
    }

    /// The bars of the row, idle stretches left out, in order.
    pub fn segments(&self) -> Vec<Segment> {
        let mut segments: Vec<Segment> = Vec::new();
        for (column, &cell) in self.cells.iter().enumerate() {
            let from = self.column_start(column);
            let to = self.column_start(column + 1);
            match segments.last_mut() {
                Some(last) if last.cell == cell && last.to == from => last.to = to,
                _ => segments.push(Segment { cell, from, to }),
            }
        }
        segments.retain(|s| s.cell != Cell::Idle);
        segments
    }

    /// What the row shows at `tenths` since the start.
    pub fn cell_at(&self, tenths: Tenths) -> Cell {
        let column = (tenths * self.per_second / 10) as usize;
        self.cells.get(column).copied().unwrap_or(Cell::Idle)
    }

    /// The moments where the row changes from one cell to another, in tenths.
    fn boundaries(&self) -> Vec<Tenths> {
        let mut previous = Cell::Idle;
        let mut found = Vec::new();
        for (column, &cell) in self.cells.iter().chain([Cell::Idle].iter()).enumerate() {
            if cell != previous {
                found.push(self.column_start(column));
            }
            previous = cell;
        }
        found
    }
}

/// One line of an example's output.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Line<'a> {
    /// `[ 2.0s] First`: printed at `at`.
    Stamped { at: Tenths, text: &'a str },
    /// `Total: 3.0 s`.
    Total(Tenths),
    /// The axis above a timeline's rows.
    Axis(&'a str),
    /// A row of a timeline.
    Row(Row<'a>),
    /// The legend under a timeline's rows.
    Legend(&'a str),
    /// Any other line, as printed.
    Text(&'a str),
}

/// An example's output, line by line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Output<'a> {
    pub lines: Vec<Line<'a>>,
}

impl<'a> Output<'a> {
    /// The stamped lines, in the order printed.
    pub fn stamped(&self) -> impl Iterator<Item = (Tenths, &'a str)> + '_ {
        self.lines.iter().filter_map(|line| match line {
            Line::Stamped { at, text } => Some((*at, *text)),
            _ => None,
        })
    }

    /// The total from the (first) `Total:` line.
    pub fn total(&self) -> Option<Tenths> {
        self.lines.iter().find_map(|line| match line {
            Line::Total(total) => Some(*total),
            _ => None,
        })
    }

    /// Every timeline row, in the order printed.
    pub fn rows(&self) -> impl Iterator<Item = &Row<'a>> + '_ {
        self.lines.iter().filter_map(|line| match line {
            Line::Row(row) => Some(row),
            _ => None,
        })
    }
}

/// `"3.0"` (or `" 3.0"`) as 30 tenths.
pub fn tenths(text: &str) -> Option<Tenths> {
    let (whole, tenth) = text.trim().split_once('.')?;
    if tenth.len() != 1 || whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(whole.parse::<Tenths>().ok()? * 10 + tenth.parse::<Tenths>().ok()?)
}

/// The time and text of a stamped line, `[ 2.0s] First`.
pub fn stamped(line: &str) -> Option<(Tenths, &str)> {
    let (stamp, text) = line.strip_prefix('[')?.split_once("s] ")?;
    Some((tenths(stamp)?, text))
}

/// Reads an example's output.
pub fn parse(text: &str) -> Output<'_> {
    let mut lines = Vec::new();
    // Inside a timeline: where its rows' cells begin, and its columns per second.
    let mut timeline: Option<(usize, u64)> = None;
    let mut after_total = false;
    for line in text.lines() {
        if let Some((label, per_second)) = timeline {
            if let Some(parsed) = timeline_line(line, label, per_second) {
                lines.push(parsed);
                continue;
            }
            timeline = None;
        }
        let starts_timeline = if after_total { axis(line) } else { None };
        after_total = false;
        if let Some(axis) = starts_timeline {
            timeline = Some(axis);
            lines.push(Line::Axis(line));
            continue;
        }
        let parsed = if let Some((at, text)) = stamped(line) {
            Line::Stamped { at, text }
        } else if let Some(total) = line
            .strip_prefix("Total: ")
            .and_then(|t| t.strip_suffix(" s"))
            .and_then(tenths)
        {
            after_total = true;
            Line::Total(total)
        } else {
            Line::Text(line)
        };
        lines.push(parsed);
    }
    Output { lines }
}

/// An axis line, `        0s        1s`: where its `0s` is, and its columns per second.
fn axis(line: &str) -> Option<(usize, u64)> {
    let label = line.len() - line.trim_start().len();
    let marks: Vec<(usize, u64)> = line
        .char_indices()
        .filter(|(at, c)| c.is_ascii_digit() && (*at == 0 || line[..*at].ends_with(' ')))
        .filter_map(|(at, _)| {
            let word = line[at..].split(' ').next()?;
            Some((
                line[..at].chars().count(),
                word.strip_suffix('s')?.parse().ok()?,
            ))
        })
        .collect();
    let (zero_at, zero) = *marks.first()?;
    if zero != 0 || zero_at != label {
        return None;
    }
    // Without a second mark the run was too short to show one: it was drawn 10 columns a second.
    let per_second = match marks.get(1) {
        Some(&(at, second)) if second > 0 => ((at - zero_at) as u64 / second).max(1),
        _ => 10,
    };
    Some((label, per_second))
}

/// A row or the legend of the timeline whose cells begin at column `label`.
fn timeline_line(line: &str, label: usize, per_second: u64) -> Option<Line<'_>> {
    if line.trim().is_empty() {
        return None;
    }
    let split = line
        .char_indices()
        .nth(label)
        .map_or(line.len(), |(at, _)| at);
    let (job, cells) = line.split_at(split);
    let job = job.trim_end();
    if job.is_empty() {
        return Some(Line::Legend(line));
    }
    let cells: Option<Vec<Cell>> = cells.chars().map(Cell::of).collect();
    Some(Line::Row(Row {
        job,
        cells: cells?,
        per_second,
    }))
}

/// The times written in a line's text (`noticed after 7.0 s`), and the text with each replaced by
/// `#`, so that two lines can be compared apart from their times.
pub fn times_in(text: &str) -> (String, Vec<Tenths>) {
    let mut rest = text;
    let mut shape = String::new();
    let mut times = Vec::new();
    while let Some(at) = rest.find(|c: char| c.is_ascii_digit()) {
        let (before, from_digit) = rest.split_at(at);
        shape.push_str(before);
        let digits = from_digit
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(from_digit.len());
        // A time is digits, a dot and one digit: `7.0`. Anything else is left as it is.
        let tenth = from_digit[digits..]
            .strip_prefix('.')
            .filter(|rest| rest.starts_with(|c: char| c.is_ascii_digit()));
        let candidate = if tenth.is_some() {
            &from_digit[..digits + 2]
        } else {
            &from_digit[..digits]
        };
        let after = &from_digit[candidate.len()..];
        let preceded_by_word = before.chars().last().is_some_and(|c| c.is_alphanumeric());
        match tenths(candidate) {
            Some(time)
                if !preceded_by_word
                    && after.starts_with(" s")
                    && !after[2..].starts_with(|c: char| c.is_alphanumeric()) =>
            {
                shape.push('#');
                times.push(time);
                rest = after;
            }
            _ => {
                shape.push_str(&from_digit[..digits]);
                rest = &from_digit[digits..];
            }
        }
    }
    shape.push_str(rest);
    (shape, times)
}

/// How `actual` differs from `recorded` beyond lateness: every stamp, total and time in a line
/// may be up to `tolerance` tenths off the recorded one, and every bar's ends as far as that (and
/// the width of a column); the rest must be the same, line for line. Empty when they match.
///
/// The axis and the legend are not compared: they follow from the total and the bars.
pub fn differences(recorded: &str, actual: &str, tolerance: Tenths) -> Vec<String> {
    let recorded_lines = compared_lines(recorded.trim_end());
    let actual_lines = compared_lines(actual.trim_end());
    let near = |a: Tenths, b: Tenths| a.abs_diff(b) <= tolerance;
    let mut found = Vec::new();
    for (index, ((at, recorded_text, was), (_, actual_text, is))) in
        recorded_lines.iter().zip(&actual_lines).enumerate()
    {
        let same = match (was, is) {
            (Line::Stamped { at: a, text: t }, Line::Stamped { at: b, text: u }) => {
                near(*a, *b) && same_but_times(t, u, near)
            }
            (Line::Total(a), Line::Total(b)) => near(*a, *b),
            (Line::Text(t), Line::Text(u)) => same_but_times(t, u, near),
            (Line::Row(a), Line::Row(b)) => a.job == b.job && row_near(a, b, tolerance),
            _ => false,
        };
        if !same {
            found.push(format!(
                "line {at} (compared line {}): recorded `{recorded_text}`, this run `{actual_text}`",
                index + 1
            ));
        }
    }
    if recorded_lines.len() != actual_lines.len() {
        found.push(format!(
            "recorded {} lines (axis and legend aside), this run {}",
            recorded_lines.len(),
            actual_lines.len()
        ));
    }
    found
}

/// The lines that [`differences`] compares, with their line numbers and text.
fn compared_lines(output: &str) -> Vec<(usize, &str, Line<'_>)> {
    let lines: Vec<&str> = output.lines().collect();
    parse(output)
        .lines
        .into_iter()
        .enumerate()
        .filter(|(_, line)| !matches!(line, Line::Axis(_) | Line::Legend(_)))
        .map(|(index, line)| (index + 1, lines[index], line))
        .collect()
}

fn same_but_times(a: &str, b: &str, near: impl Fn(Tenths, Tenths) -> bool) -> bool {
    let (shape_a, times_a) = times_in(a);
    let (shape_b, times_b) = times_in(b);
    shape_a == shape_b
        && times_a.len() == times_b.len()
        && times_a.iter().zip(&times_b).all(|(x, y)| near(*x, *y))
}

/// Whether two rows show the same bars, each end at most `tolerance` (plus a column of either
/// drawing, since a column shows the tenth it begins with) from the recorded one.
fn row_near(recorded: &Row, actual: &Row, tolerance: Tenths) -> bool {
    let slack = tolerance + recorded.column_tenths() + actual.column_tenths();
    let boundaries = recorded.boundaries();
    let end = |row: &Row| row.column_start(row.cells.len());
    (0..end(recorded).max(end(actual))).all(|t| {
        recorded.cell_at(t) == actual.cell_at(t)
            || boundaries.iter().any(|b| b.abs_diff(t) <= slack)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHORES: &str = "\
[ 0.0s] dishwasher starts, it needs 3 s
[ 7.0s] dishwasher is done, noticed after 7.0 s

Total: 10.0 s
            0s   1s   2s   3s   4s   5s   6s   7s   8s   9s   10s
dishwasher  ░░░░░░░░░░░░░░░▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒
potatoes    ███████████████████████████████████
dryer                                          ░░░░░░░░░░░░░░░
            █ working  ░ waiting  ▒ done, not yet noticed
";

    #[test]
    fn lines_totals_and_timeline_rows_are_read() {
        let output = parse(CHORES);
        assert_eq!(
            output.stamped().collect::<Vec<_>>(),
            [
                (0, "dishwasher starts, it needs 3 s"),
                (70, "dishwasher is done, noticed after 7.0 s")
            ]
        );
        assert_eq!(output.total(), Some(100));
        let rows: Vec<_> = output.rows().collect();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].per_second, 5);
        assert_eq!(
            rows[0].segments(),
            [
                Segment {
                    cell: Cell::Waiting,
                    from: 0,
                    to: 30
                },
                Segment {
                    cell: Cell::NotNoticed,
                    from: 30,
                    to: 70
                }
            ]
        );
        assert_eq!(rows[2].segments()[0].from, 70);
        assert!(matches!(output.lines.last(), Some(Line::Legend(_))));
    }

    #[test]
    fn times_in_text_are_found_but_not_other_numbers() {
        assert_eq!(
            times_in("dryer is done, noticed after 3.0 s"),
            ("dryer is done, noticed after # s".to_string(), vec![30])
        );
        assert_eq!(
            times_in("potato 10 is clean, v1.2 s3"),
            ("potato 10 is clean, v1.2 s3".to_string(), vec![])
        );
        assert_eq!(
            times_in("caller 1: Oslo 16 °C after 0.8 s"),
            ("caller 1: Oslo 16 °C after # s".to_string(), vec![8])
        );
    }

    #[test]
    fn a_run_a_tenth_late_matches_and_a_changed_line_does_not() {
        let late = CHORES
            .replace("[ 7.0s]", "[ 7.1s]")
            .replace("after 7.0 s", "after 7.1 s")
            .replace("10.0 s", "10.2 s")
            .replace(
                "dryer                                          ░",
                "dryer                                           ░",
            );
        assert_eq!(differences(CHORES, &late, 2), Vec::<String>::new());
        let too_late = CHORES.replace("[ 7.0s]", "[ 7.3s]");
        assert_eq!(differences(CHORES, &too_late, 2).len(), 1);
        let other = CHORES.replace("dishwasher is done", "dishwasher is off");
        assert_eq!(differences(CHORES, &other, 2).len(), 1);
        let missing = CHORES.replace("potatoes    ███████████████████████████████████\n", "");
        assert!(!differences(CHORES, &missing, 2).is_empty());
    }

    #[test]
    fn a_bar_drawn_at_another_scale_still_matches() {
        let recorded =
            "Total: 2.0 s\n        0s        1s        2s\nFirst   ░░░░░░░░░░░░░░░░░░░░\n";
        let actual = "Total: 2.1 s\n        0s   1s   2s\nFirst   ░░░░░░░░░░\n";
        assert_eq!(differences(recorded, actual, 2), Vec::<String>::new());
        let wrong = "Total: 2.1 s\n        0s   1s   2s\nFirst   █████\n";
        assert_eq!(differences(recorded, wrong, 2).len(), 1);
    }
}
