//! Exercise 02: four jobs started as tasks, then awaited: all start before any ends.

use std::time::Duration;

use super::{JITTER, between, ended, once, took_at_most};
use crate::exercise::{Check, Exercise};
use crate::program::{Event, Run, Tenths};

const JOBS: u32 = 4;
/// How long `main` may go on after the last job ended: it should end at once.
const MOST_AFTER: Duration = Duration::from_millis(250);

pub const EXERCISE: Exercise = Exercise {
    number: "02",
    name: "four_tasks",
    title: "Four jobs as tasks",
    limit: Duration::from_secs(8),
    starter_fails: "together",
    stuck: "Four jobs of 1 s should be over in about 1 s. Is a task waiting for something that \
            never happens?",
    sites: &[],
    checks: &[
        Check {
            id: "all",
            requirement: "each of the jobs 0 to 3 starts once and ends once",
            test: all,
        },
        Check {
            id: "whole",
            requirement: "no job is cut short: each ends 1 s or more after it starts",
            test: whole,
        },
        Check {
            id: "together",
            requirement: "all four jobs start before any of them ends",
            test: together,
        },
        Check {
            id: "joined",
            requirement: "main waits for the tasks themselves: it ends as soon as the last job \
                          ends",
            test: joined,
        },
        Check {
            id: "in_time",
            requirement: "the run takes at most 1.5 s, not 4 s",
            test: in_time,
        },
    ],
};

fn start_and_end(run: &Run, job: u32) -> Result<(&Event, &Event), String> {
    Ok((
        once(run, &format!("Start {job}"))?,
        once(run, &format!("End {job}"))?,
    ))
}

fn all(run: &Run) -> Result<(), String> {
    if run.lines_starting("Start ").is_empty() {
        return Err(format!("{} before any job started.", ended(run)));
    }
    for job in 0..JOBS {
        start_and_end(run, job)?;
    }
    Ok(())
}

fn whole(run: &Run) -> Result<(), String> {
    for job in 0..JOBS {
        let (start, end) = start_and_end(run, job)?;
        if between(start, end) + JITTER < Duration::from_secs(1) {
            return Err(format!(
                "Job {job} started at {} and ended at {}: it took {}, less than its 1 s.",
                start.at,
                end.at,
                Tenths::of(between(start, end))
            ));
        }
    }
    Ok(())
}

fn together(run: &Run) -> Result<(), String> {
    let first_end = run
        .lines_starting("End ")
        .into_iter()
        .min_by_key(|e| run.position(e))
        .ok_or("No job ended.")?;
    for job in 0..JOBS {
        let (start, _) = start_and_end(run, job)?;
        if run.position(start) > run.position(first_end) {
            let ended = first_end.text.trim_start_matches("End ");
            return Err(format!(
                "Job {job} started at {}, after job {ended} had ended at {}: they ran one \
                 after another.\nA job that has not started cannot wait at the same time as \
                 the others.",
                start.at, first_end.at
            ));
        }
    }
    Ok(())
}

fn joined(run: &Run) -> Result<(), String> {
    let last_end = run
        .lines_starting("End ")
        .into_iter()
        .max_by_key(|e| e.seen)
        .ok_or("No job ended.")?;
    let after = run.wall.saturating_sub(last_end.seen);
    if after <= MOST_AFTER {
        return Ok(());
    }
    Err(format!(
        "The last job ended at {}, and the program went on until {}: {} with nothing left to \
         do.\nWaiting a fixed time is a guess; awaiting each task's JoinHandle ends the moment \
         the last one is done.",
        last_end.at,
        run.took(),
        Tenths::of(after)
    ))
}

fn in_time(run: &Run) -> Result<(), String> {
    took_at_most(run, 1.5).map_err(|took| format!("{took} Four 1 s jobs at once take about 1 s."))
}
