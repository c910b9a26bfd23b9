//! What an exercise is, and how a run of its program is judged: one check after another, stopping
//! at the first that fails, so the learner fixes one thing at a time.

use std::path::PathBuf;
use std::time::Duration;

use exercises::site::Site;

use crate::program::{Ending, Run, Tenths, exercises_dir};

/// One exercise: the file a learner edits, its starter, its solution, its hints, and its checks.
pub struct Exercise {
    /// `"04"`: how the learner names it on the command line.
    pub number: &'static str,
    /// `"chores"`: its files are `ex04_chores.rs`.
    pub name: &'static str,
    /// A few words for `list` and the book: "Chores in 7.5 s".
    pub title: &'static str,
    /// How long its program may run before the checker stops it.
    pub limit: Duration,
    /// The check its starter must fail, the first to fail: the exercise's point. `verify` holds
    /// every starter to it, so that doing nothing can never pass.
    pub starter_fails: &'static str,
    /// What it usually means when this program does not end in time.
    pub stuck: &'static str,
    /// The servers its program talks to: the checker starts them and reads their logs.
    pub sites: &'static [&'static Site],
    /// The checks after the built-in ones ("it runs to the end", "its clock is true"), easiest
    /// first.
    pub checks: &'static [Check],
}

/// One behaviour a finished exercise shows. `requirement` is printed with a ✓ when it holds, and
/// with a ✗ and the test's explanation when it does not.
pub struct Check {
    pub id: &'static str,
    pub requirement: &'static str,
    pub test: fn(&Run) -> Result<(), String>,
}

/// The built-in first check of every exercise.
pub const RUNS: &str = "runs";
/// The built-in second check: the times the program prints are the checker's own.
pub const CLOCK: &str = "clock";

/// How far a printed time may be from the checker's own measure of it.
pub const MOST_DRIFT: Duration = Duration::from_millis(200);
/// The most time spent waiting for a core that may excuse a late clock (see `clock_is_true`).
const MOST_HELD_BACK: Duration = Duration::from_millis(800);

impl Exercise {
    pub fn file_name(&self) -> String {
        format!("ex{}_{}.rs", self.number, self.name)
    }

    /// The file the learner edits: `exercises/ex04_chores.rs`.
    pub fn learner_file(&self) -> PathBuf {
        exercises_dir().join(self.file_name())
    }

    /// The file as it is handed out, which `reset` copies back.
    pub fn starter_file(&self) -> PathBuf {
        exercises_dir().join("starters").join(self.file_name())
    }

    pub fn hints_file(&self) -> PathBuf {
        exercises_dir()
            .join("hints")
            .join(format!("ex{}.md", self.number))
    }

    /// What `check` prints when the solution passes, as recorded for the book.
    pub fn done_file(&self) -> PathBuf {
        exercises_dir()
            .join("done")
            .join(format!("ex{}.txt", self.number))
    }

    /// The learner's file as shown to the learner, from the workspace root.
    pub fn shown_path(&self) -> String {
        format!("exercises/{}", self.file_name())
    }

    pub fn bin(&self) -> String {
        format!("ex{}", self.number)
    }

    pub fn solution_bin(&self) -> String {
        format!("solution{}", self.number)
    }

    /// The common wrong answers kept in `wrong/` for this exercise, each with the check it fails.
    pub fn wrong_answers(&self) -> Vec<WrongAnswer> {
        let prefix = format!("ex{}_", self.number);
        let Ok(entries) = std::fs::read_dir(exercises_dir().join("wrong")) else {
            return Vec::new();
        };
        let mut found: Vec<WrongAnswer> = entries
            .filter_map(|entry| {
                let path = entry.ok()?.path();
                let stem = path.file_stem()?.to_str()?.to_string();
                if !stem.starts_with(&prefix) || path.extension()? != "rs" {
                    return None;
                }
                let text = std::fs::read_to_string(&path).ok()?;
                let fails = text
                    .lines()
                    .find_map(|l| l.strip_prefix("//! Fails: "))
                    .map(|id| id.trim().to_string());
                Some(WrongAnswer {
                    bin: format!("wrong_{stem}"),
                    file: format!("wrong/{stem}.rs"),
                    fails,
                })
            })
            .collect();
        found.sort_by(|a, b| a.bin.cmp(&b.bin));
        found
    }

    /// How many checks there are, the built-in ones included.
    pub fn check_count(&self) -> usize {
        self.checks.len() + 2
    }
}

/// A wrong answer in `wrong/`: its program, and the check it must fail first (from its
/// `//! Fails: ID` line).
pub struct WrongAnswer {
    pub bin: String,
    pub file: String,
    pub fails: Option<String>,
}

/// The outcome of one check.
pub struct Outcome {
    pub id: &'static str,
    pub requirement: &'static str,
    pub result: Result<(), String>,
}

/// The checks of one run, up to the first that failed.
pub struct Verdict {
    pub outcomes: Vec<Outcome>,
    /// How many checks were not run because an earlier one failed.
    pub not_run: usize,
}

impl Verdict {
    pub fn passed(&self) -> bool {
        self.not_run == 0 && self.outcomes.iter().all(|o| o.result.is_ok())
    }

    /// The id of the check that failed, if one did.
    pub fn failed_check(&self) -> Option<&'static str> {
        self.outcomes
            .iter()
            .find(|o| o.result.is_err())
            .map(|o| o.id)
    }

    /// The checks as the learner reads them: ✓ lines, then the ✗ with its explanation.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for outcome in &self.outcomes {
            match &outcome.result {
                Ok(()) => out.push_str(&wrap(outcome.requirement, "  ✓ ", "    ")),
                Err(why) => {
                    out.push_str(&wrap(outcome.requirement, "  ✗ ", "    "));
                    for line in why.lines() {
                        out.push_str(&wrap(line, "      ", "      "));
                    }
                }
            }
        }
        match self.not_run {
            0 => {}
            1 => out.push_str("  · 1 more check after this one\n"),
            n => out.push_str(&format!("  · {n} more checks after this one\n")),
        }
        out
    }
}

/// How wide the checks' lines may be, so they fit an 80-column terminal.
const WIDTH: usize = 78;

/// `text` as lines of at most [`WIDTH`] columns, the first behind `first`, the others behind
/// `rest`. A word longer than a line stays whole.
fn wrap(text: &str, first: &str, rest: &str) -> String {
    let mut out = String::new();
    let mut line = first.to_string();
    let mut empty = true;
    for word in text.split_whitespace() {
        if !empty && line.chars().count() + 1 + word.chars().count() > WIDTH {
            out.push_str(&line);
            out.push('\n');
            line = rest.to_string();
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        line.push_str(word);
        empty = false;
    }
    out.push_str(&line);
    out.push('\n');
    out
}

/// Judges one run of `exercise`'s program: the built-in check, then the exercise's own, stopping at
/// the first failure.
pub fn judge(exercise: &Exercise, run: &Run) -> Verdict {
    let mut outcomes = vec![Outcome {
        id: RUNS,
        requirement: "it runs to the end without an error",
        result: ran_to_the_end(exercise, run),
    }];
    let mut not_run = 0;
    if outcomes[0].result.is_ok() {
        outcomes.push(Outcome {
            id: CLOCK,
            requirement: "every time it prints is true: within 0.2 s of the checker's own clock, \
                          which starts when the program does",
            result: clock_is_true(run),
        });
    } else {
        not_run = 1;
    }
    for (index, check) in exercise.checks.iter().enumerate() {
        if outcomes.last().is_some_and(|o| o.result.is_err()) {
            not_run += exercise.checks.len() - index;
            break;
        }
        outcomes.push(Outcome {
            id: check.id,
            requirement: check.requirement,
            result: (check.test)(run),
        });
    }
    Verdict { outcomes, not_run }
}

/// Every stamped line and the total agree with when the checker saw them. A stamp rounds down,
/// so a line stamped 2.0 s was printed between 2.0 s and 2.1 s by the program's clock.
///
/// No line may come before the time it shows: a stamp ahead of the checker's clock was typed,
/// not measured. A line may come late, as a busy machine may hold the program or the checker
/// back for a moment; but when every line comes late, by the same 1.5 s say, the program's clock
/// started that much after the program did, and what it did meanwhile is not on its clock.
fn clock_is_true(run: &Run) -> Result<(), String> {
    // Time the kernel kept the program or the checker's reader waiting for a core (a busy
    // machine) can delay every line: up to a limit, it is not drift.
    let held_back = (run.cpu_wait.unwrap_or_default() + run.reader_wait).min(MOST_HELD_BACK);
    let lines: Vec<(Tenths, Duration, String)> = run
        .events
        .iter()
        .map(|e| (e.at, e.seen, format!("[{:>4}s] {}", short(e.at), e.text)))
        .chain(
            run.total
                .map(|(printed, seen)| (printed, seen, format!("Total: {printed}"))),
        )
        .collect();
    let from = |printed: Tenths| Duration::from_millis(u64::from(printed.0) * 100);
    for (printed, seen, line) in &lines {
        if *seen + MOST_DRIFT < from(*printed) {
            return Err(format!(
                "\"{line}\" came at {} by the checker's clock: the program printed a time {} \
                 ahead of the real one.\nThe checker keeps its own clock, from the moment it \
                 started the program; a time stamp must be measured (workbook::say), not typed.",
                Tenths::of(*seen),
                Tenths::from_secs((from(*printed) - *seen).as_secs_f64())
            ));
        }
    }
    // How late each line came after the end of the tenth it shows; the least of them is how
    // late the program's clock started.
    let least_late = lines
        .iter()
        .map(|(printed, seen, line)| {
            let late = seen.saturating_sub(from(*printed) + Duration::from_millis(100));
            (late, printed, seen, line)
        })
        .min_by_key(|(late, ..)| *late);
    if let Some((late, printed, seen, line)) = least_late {
        if late > MOST_DRIFT + held_back {
            return Err(format!(
                "Every line came at least {} after the time it shows: \"{line}\" came at {} by \
                 the checker's clock{}.\nThe program's clock started late: it starts at its first \
                 line or bar, and whatever the program did before that (after the checker \
                 started it) is not on it, but it is on the checker's.",
                Tenths::from_secs(seen.saturating_sub(from(*printed)).as_secs_f64()),
                Tenths::of(*seen),
                if held_back.is_zero() {
                    String::new()
                } else {
                    format!(
                        " (of which {:.2} s were a busy machine keeping it waiting, which is not \
                         counted)",
                        held_back.as_secs_f64()
                    )
                }
            ));
        }
    }
    Ok(())
}

/// `2.0` of `2.0 s`.
fn short(tenths: Tenths) -> String {
    format!("{}.{}", tenths.0 / 10, tenths.0 % 10)
}

fn ran_to_the_end(exercise: &Exercise, run: &Run) -> Result<(), String> {
    match &run.ending {
        Ending::Exited(0) => Ok(()),
        Ending::TimedOut(after) => Err(format!(
            "It was still running after {} s, so the checker stopped it.\n{}",
            after.as_secs(),
            exercise.stuck
        )),
        Ending::Exited(code) => Err(match panic_message(&run.stderr) {
            Some(panic) if panic.contains("not yet implemented") => {
                format!("It stopped at a todo!(): {panic}\nThat is where your code goes.")
            }
            Some(panic) if panic.contains("resumed after completion") => format!(
                "It panicked: {panic}\nA future was polled again after it had returned Ready. \
                 A future owes nothing after that, and an async fn panics: once a task is done, \
                 it must never be polled again."
            ),
            Some(panic) => format!("It panicked: {panic}"),
            None => format!(
                "It ended with exit code {code}. Its last words on stderr:\n{}",
                last_lines(&run.stderr, 3)
            ),
        }),
        Ending::Killed => Err(format!(
            "It was ended by a signal (a crash?). Its last words on stderr:\n{}",
            last_lines(&run.stderr, 3)
        )),
    }
}

/// `thread 'main' panicked at exercises/ex03.rs:30:5:` and the message on the next line, as one
/// line: `not yet implemented (exercises/ex03.rs:30:5)`.
fn panic_message(stderr: &str) -> Option<String> {
    let mut lines = stderr.lines();
    let at_line = lines.find(|l| l.contains("panicked at "))?;
    let place = at_line
        .split("panicked at ")
        .nth(1)
        .unwrap_or_default()
        .trim_end_matches(':');
    let message = lines.next().unwrap_or_default().trim();
    Some(format!("{message} ({place})"))
}

fn last_lines(text: &str, count: usize) -> String {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    if lines.is_empty() {
        return "(nothing)".to_string();
    }
    lines[lines.len().saturating_sub(count)..].join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_wrapped_under_their_start() {
        let long = "word ".repeat(30);
        let wrapped = wrap(&long, "  ✓ ", "    ");
        assert!(wrapped.lines().all(|l| l.chars().count() <= WIDTH));
        assert!(wrapped.starts_with("  ✓ word"));
        assert!(
            wrapped
                .lines()
                .nth(1)
                .is_some_and(|l| l.starts_with("    word"))
        );
    }

    #[test]
    fn printed_times_are_held_to_the_checkers_clock() {
        let true_run = Run::printed(&[(2_030, "[ 2.0s] First"), (2_040, "Total: 2.0 s")], 2_050);
        assert!(clock_is_true(&true_run).is_ok());
        let typed = Run::printed(&[(5, "[ 2.0s] First"), (6, "Total: 2.0 s")], 10);
        let why = clock_is_true(&typed).unwrap_err();
        assert!(
            why.contains("came at 0.0 s") && why.contains("2.0 s ahead"),
            "{why}"
        );
        let late = Run::printed(&[(4_520, "Total: 3.0 s")], 4_530);
        let why = clock_is_true(&late).unwrap_err();
        assert!(
            why.contains("came at 4.5 s") && why.contains("1.5 s after"),
            "{why}"
        );
    }

    #[test]
    fn a_todo_panic_is_found_with_its_place() {
        let stderr = "\nthread 'main' panicked at exercises/ex03_in_order.rs:30:5:\n\
                      not yet implemented: gather the results\nnote: run with ...\n";
        assert_eq!(
            panic_message(stderr).as_deref(),
            Some("not yet implemented: gather the results (exercises/ex03_in_order.rs:30:5)")
        );
    }
}
