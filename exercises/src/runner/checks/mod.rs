//! Every exercise and its checks, one module each, in the order of the book's chapters.
//!
//! A check reads the lines the program printed with `workbook::say`, with the time each reached
//! the checker (its own clock, started with the process; the built-in `clock` check has made sure
//! the printed stamps agree with it), the order they came in, and what was measured from outside:
//! when the process ended, the CPU time the kernel counted, and the log of every server the
//! checker ran for it. A figure the program prints about itself is never believed on its own.
//! Its explanation on failure says what happened in the learner's run and what that means, not
//! how to fix it: that is what the hints are for.

use std::time::Duration;

use crate::exercise::Exercise;
use crate::program::{Event, Run, Tenths};

mod ex01;
mod ex02;
mod ex03;
mod ex04;
mod ex05;
mod ex06;
mod ex07;
mod ex08;
mod ex09;
mod ex10;
mod ex11;
mod ex12;

pub static EXERCISES: &[Exercise] = &[
    ex01::EXERCISE,
    ex02::EXERCISE,
    ex03::EXERCISE,
    ex04::EXERCISE,
    ex05::EXERCISE,
    ex06::EXERCISE,
    ex07::EXERCISE,
    ex08::EXERCISE,
    ex09::EXERCISE,
    ex10::EXERCISE,
    ex11::EXERCISE,
    ex12::EXERCISE,
];

/// Allowance for rounding, when a check compares two times: stamps are rounded down to a tenth,
/// so a wait of 1 s between two lines can show as 0.9 s; and a line reaches the checker a moment
/// after the server's log notes the answer it prints.
const JITTER: Duration = Duration::from_millis(100);

/// The one line that is exactly `text`, or what happened instead.
fn once<'a>(run: &'a Run, text: &str) -> Result<&'a Event, String> {
    let found: Vec<&Event> = run.events.iter().filter(|e| e.text == text).collect();
    match found.as_slice() {
        [one] => Ok(one),
        [] => Err(missing(run, text)),
        [first, ..] => Err(format!(
            "\"{text}\" was printed {} times (first at {}); once is right.",
            found.len(),
            first.at
        )),
    }
}

/// What happened instead of the line `text`: it was printed with no time stamp, or the program
/// ended (when, and after what) before printing it.
fn missing(run: &Run, text: &str) -> String {
    if let Some((seen, _)) = run.unstamped.iter().find(|(_, line)| line.trim() == text) {
        return format!(
            "\"{text}\" was printed with println!, not say, at {}: it has no time stamp, so \
             nobody can tell from the output when it happened.",
            Tenths::of(*seen)
        );
    }
    format!("{} without printing \"{text}\".", ended(run))
}

/// "The program ended at 0.0 s, after its line \"...\"", or "..., before printing anything".
fn ended(run: &Run) -> String {
    match run.events.last() {
        Some(last) => format!(
            "The program ended at {}, its last line \"{}\" (at {}),",
            run.took(),
            last.text,
            last.at
        ),
        None => format!(
            "The program ended at {}, before it printed any line with a time stamp,",
            run.took()
        ),
    }
}

/// The program took at most `limit` seconds by the checker's clock.
fn took_at_most(run: &Run, limit: f64) -> Result<(), String> {
    let took = run.took();
    if took <= Tenths::from_secs(limit) {
        Ok(())
    } else {
        Err(format!("The run took {took}."))
    }
}

/// The time between two lines, by their stamps (which the `clock` check has found true).
/// The most CPU a program that only waits may ask for (the time it ran on a core plus the time it
/// waited for one): starting a runtime and two threads, or an executor that sleeps while nothing
/// is ready, takes a few hundredths of a second; a future that wakes itself, or an executor that
/// polls round and round, keeps a core busy the whole 2 s of the run.
const MOST_CPU: Duration = Duration::from_millis(500);

/// Passes if `run` kept the CPU idle while it waited ([`MOST_CPU`]); else says how busy it was,
/// that `busy` (what kept it so, "it kept the CPU busy while it waited"), and `why` (the fix).
fn idle(run: &Run, busy: &str, why: &str) -> Result<(), String> {
    let Some(cpu) = run.cpu else { return Ok(()) };
    let asked = cpu + run.cpu_wait.unwrap_or_default();
    if asked <= MOST_CPU {
        return Ok(());
    }
    Err(format!(
        "The kernel counted {:.1} s of CPU time for the program, and {:.1} s it was ready to run \
         and waited for a core, in a run of {}: {busy}.\n{why}",
        cpu.as_secs_f64(),
        run.cpu_wait.unwrap_or_default().as_secs_f64(),
        run.took()
    ))
}

fn between(from: &Event, to: &Event) -> Duration {
    Duration::from_millis(u64::from(to.at.0.saturating_sub(from.at.0)) * 100)
}

/// The latest moment a line can have been printed, by the checker's clock: when it came, or the
/// end of the tenth it shows if that is earlier (a busy machine can deliver a line late; its
/// stamp, which the `clock` check holds to within 0.2 s, was taken when it was printed).
fn printed_by(line: &Event) -> Duration {
    Duration::from_millis(u64::from(line.at.0) * 100 + 100).min(line.seen)
}

/// `a, b and c`.
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_line_is_told_by_what_happened_instead() {
        let println = Run::printed(&[(1_000, "[ 1.0s] Second"), (2_000, "First")], 2_010);
        assert_eq!(
            once(&println, "First").unwrap_err(),
            "\"First\" was printed with println!, not say, at 2.0 s: it has no time stamp, so \
             nobody can tell from the output when it happened."
        );
        let early = Run::printed(&[(3, "[ 0.0s] Final balance: 100"), (4, "Total: 0.0 s")], 5);
        assert_eq!(
            once(&early, "deposit 1: 50 asked for").unwrap_err(),
            "The program ended at 0.0 s, its last line \"Final balance: 100\" (at 0.0 s), \
             without printing \"deposit 1: 50 asked for\"."
        );
    }
}
