//! Exercise 04: the chores done in at most 7.5 s, no chore shortened, the potatoes still CPU work.

use std::time::Duration;

use exercises::ex04::{ONE_POTATO, POTATOES};

use super::{JITTER, between, ended, once, took_at_most};
use crate::exercise::{Check, Exercise};
use crate::program::{Event, Run, Tenths};

/// The machines and how long each runs, in seconds.
const MACHINES: [(&str, u32); 4] = [("dishwasher", 3), ("washer", 3), ("dryer", 3), ("water", 4)];
/// The least CPU time ten potatoes of 0.7 s of work must ask for: the time the kernel counted
/// the program running on a core, plus the time its threads were ready to run and waited for
/// one. `cpu_work` works for 0.7 s of wall time, runnable all along, so the two add up to about
/// 7 s however busy the machine is; a sleep adds next to nothing.
const LEAST_CPU: Duration = Duration::from_secs(6);
/// Where the kernel does not say how long a thread waited for a core, the CPU time alone must
/// be this much: a busy machine gives the program less than all of its 7 s.
const LEAST_CPU_ALONE: Duration = Duration::from_millis(3500);
/// Two potatoes cleaned one after the other are at least this far apart: not quite 0.7 s, as
/// `cpu_work` shortens a piece by as much as a busy machine held the one before back. Ten
/// potatoes at once are all clean within a tenth of a second.
const LEAST_APART: Duration = Duration::from_millis(300);

pub const EXERCISE: Exercise = Exercise {
    number: "04",
    name: "chores",
    title: "Chores in 7.5 s",
    limit: Duration::from_secs(16),
    starter_fails: "in_time",
    stuck: "The chores take 20 s one after another, and should take about 7 s. Is a chore \
            waiting for something that never happens?",
    sites: &[],
    checks: &[
        Check {
            id: "all_done",
            requirement: "every chore starts and is done: the dishwasher, the washer, the dryer, \
                          the water and 10 potatoes",
            test: all_done,
        },
        Check {
            id: "machines",
            requirement: "no machine is cut short, and the dryer starts only after the washer is \
                          done",
            test: machines,
        },
        Check {
            id: "one_at_a_time",
            requirement: "the potatoes are cleaned one at a time, in order, 0.7 s each",
            test: one_at_a_time,
        },
        Check {
            id: "cpu_work",
            requirement: "cleaning the potatoes is still work for the CPU (7 s of it), not a wait",
            test: cpu_work,
        },
        Check {
            id: "in_time",
            requirement: "all the chores are done within 7.5 s",
            test: in_time,
        },
    ],
};

fn started<'a>(run: &'a Run, machine: &str, seconds: u32) -> Result<&'a Event, String> {
    once(run, &format!("{machine} starts, it needs {seconds} s"))
}

fn done<'a>(run: &'a Run, machine: &str) -> Result<&'a Event, String> {
    let lines = run.lines_starting(&format!("{machine} is done"));
    match lines.as_slice() {
        [one] => Ok(one),
        [] => Err(format!("{} before the {machine} was done.", ended(run))),
        _ => Err(format!(
            "The {machine} said it was done {} times.",
            lines.len()
        )),
    }
}

fn potato(run: &Run, number: u32) -> Result<&Event, String> {
    once(run, &format!("potato {number} is clean"))
}

fn all_done(run: &Run) -> Result<(), String> {
    if run.events.is_empty() {
        return Err(format!("{} before any chore started.", ended(run)));
    }
    for (machine, seconds) in MACHINES {
        started(run, machine, seconds)?;
        done(run, machine)?;
    }
    for number in 1..=POTATOES {
        potato(run, number)?;
    }
    Ok(())
}

fn machines(run: &Run) -> Result<(), String> {
    for (machine, seconds) in MACHINES {
        let (start, end) = (started(run, machine, seconds)?, done(run, machine)?);
        if between(start, end) + JITTER < Duration::from_secs(u64::from(seconds)) {
            return Err(format!(
                "The {machine} started at {} and was done at {}: it ran {}, less than its \
                 {seconds} s.",
                start.at,
                end.at,
                Tenths::of(between(start, end))
            ));
        }
        // "noticed after 3.0 s" is a figure the program gives about itself: it must be the time
        // between the two lines.
        let claimed = end
            .text
            .split("noticed after ")
            .nth(1)
            .and_then(|rest| workbook::output::tenths(rest.trim_end_matches(" s")));
        let measured = u64::from(end.at.0.saturating_sub(start.at.0));
        if claimed.is_some_and(|claimed| claimed.abs_diff(measured) > 1) {
            return Err(format!(
                "\"{}\" at {}, but the {machine} started at {}: {} before, not what the line \
                 says.",
                end.text,
                end.at,
                start.at,
                Tenths::of(between(start, end))
            ));
        }
    }
    let washer_done = done(run, "washer")?;
    let dryer_start = started(run, "dryer", 3)?;
    if run.position(dryer_start) < run.position(washer_done) {
        return Err(format!(
            "The dryer started at {}, before the washer was done at {}: the laundry must be \
             washed before it is dried.",
            dryer_start.at, washer_done.at
        ));
    }
    Ok(())
}

fn one_at_a_time(run: &Run) -> Result<(), String> {
    let mut previous = once(run, &format!("potatoes: {POTATOES} to clean by hand"))?;
    let mut since = "the potatoes began".to_string();
    for number in 1..=POTATOES {
        let clean = potato(run, number)?;
        if run.position(clean) < run.position(previous) {
            return Err(format!(
                "Potato {number} was clean before {since}: one pair of hands cleans the potatoes \
                 in order."
            ));
        }
        if between(previous, clean) < LEAST_APART {
            return Err(format!(
                "Potato {number} was clean at {}, only {} after {since}: a potato is {} s of \
                 work, and one pair of hands cleans one potato at a time.",
                clean.at,
                Tenths::of(between(previous, clean)),
                ONE_POTATO.as_secs_f64()
            ));
        }
        previous = clean;
        since = format!("potato {number}");
    }
    Ok(())
}

fn cpu_work(run: &Run) -> Result<(), String> {
    // Where the system cannot tell the CPU time (not on Unix), this is not checked.
    let Some(cpu) = run.cpu else { return Ok(()) };
    let (asked, least, counted) = match run.cpu_wait {
        Some(waited) => (
            cpu + waited,
            LEAST_CPU,
            format!(
                "The kernel counted {:.1} s of CPU time for the program, and {:.1} s it was \
                 ready to run and waited for a core: {:.1} s of work in all.",
                cpu.as_secs_f64(),
                waited.as_secs_f64(),
                (cpu + waited).as_secs_f64()
            ),
        ),
        None => (
            cpu,
            LEAST_CPU_ALONE,
            format!(
                "The kernel counted {:.1} s of CPU time for the program.",
                cpu.as_secs_f64()
            ),
        ),
    };
    if asked >= least {
        return Ok(());
    }
    Err(format!(
        "{counted} Ten potatoes of 0.7 s are 7 s of work for the CPU.\nEvery potato is \
         clean_potato, the whole 0.7 s of it: a sleep would be a machine, not your own hands."
    ))
}

fn in_time(run: &Run) -> Result<(), String> {
    let Err(took) = took_at_most(run, 7.5) else {
        return Ok(());
    };
    let mut why = String::new();
    // The washer first: when it is noticed late, the dryer starts late.
    for (machine, seconds) in [MACHINES[1], MACHINES[0], MACHINES[3], MACHINES[2]] {
        let (Ok(start), Ok(end)) = (started(run, machine, seconds), done(run, machine)) else {
            continue;
        };
        let due = start.at.0 + seconds * 10;
        if end.at.0 >= due + 5 {
            why = format!(
                "\nThe {machine} was due at {}, but the program noticed it was done only at {}.",
                Tenths(due),
                end.at
            );
            if machine == "washer" {
                why.push_str(" So the dryer started late.");
            }
            break;
        }
    }
    Err(format!(
        "{took}{why}\nThe potatoes alone are 7 s of work: everything else has to fit around them."
    ))
}
