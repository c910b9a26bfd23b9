//! Exercise 03: results gathered from jobs of different lengths, in the order they were asked for.

use std::time::Duration;

use exercises::ex03::JOBS;

use super::{JITTER, and_list, between, ended, once, took_at_most};
use crate::exercise::{Check, Exercise};
use crate::program::{Run, Tenths};

pub const EXERCISE: Exercise = Exercise {
    number: "03",
    name: "in_order",
    title: "Results in the order asked",
    limit: Duration::from_secs(10),
    starter_fails: "in_order",
    stuck: "Four jobs of at most 2 s should be over in about 2 s. Is something waiting for a \
            result that never comes?",
    sites: &[],
    checks: &[
        Check {
            id: "all",
            requirement: "each of the jobs C, A, D and B starts once and ends once",
            test: all,
        },
        Check {
            id: "whole",
            requirement: "no job is cut short: C takes 2 s, A 0.5 s, D 1.5 s and B 1 s",
            test: whole,
        },
        Check {
            id: "results",
            requirement: "the program prints the four results: \"Results: [...]\"",
            test: results,
        },
        Check {
            id: "in_order",
            requirement: "the results are in the order asked: C, A, D, B",
            test: in_order,
        },
        Check {
            id: "together",
            requirement: "the jobs run at the same time: the run takes at most 2.5 s, not 5 s",
            test: together,
        },
    ],
};

fn all(run: &Run) -> Result<(), String> {
    if run.lines_starting("").is_empty() {
        return Err(format!("{} before any job started.", ended(run)));
    }
    for (name, _) in JOBS {
        once(run, &format!("{name} starts"))?;
        once(run, &format!("{name} ends"))?;
    }
    Ok(())
}

fn whole(run: &Run) -> Result<(), String> {
    for (name, seconds) in JOBS {
        let start = once(run, &format!("{name} starts"))?;
        let end = once(run, &format!("{name} ends"))?;
        if between(start, end) + JITTER < Duration::from_secs_f64(seconds) {
            return Err(format!(
                "{name} started at {} and ended at {}: it took {}, less than its {seconds} s.",
                start.at,
                end.at,
                Tenths::of(between(start, end))
            ));
        }
    }
    Ok(())
}

/// The names of the results on the `Results: [...]` line, in the order printed.
fn printed_results(run: &Run) -> Result<Vec<String>, String> {
    let lines = run.lines_starting("Results: ");
    let [line] = lines.as_slice() else {
        if lines.is_empty() {
            return Err(format!(
                "{} without printing the results (\"Results: [...]\").",
                ended(run)
            ));
        }
        return Err(format!(
            "The results were printed {} times (\"Results: [...]\"); once is right.",
            lines.len()
        ));
    };
    Ok(line
        .text
        .split("result of ")
        .skip(1)
        .map(|rest| {
            rest.chars()
                .take_while(char::is_ascii_alphanumeric)
                .collect()
        })
        .collect())
}

fn results(run: &Run) -> Result<(), String> {
    let names = printed_results(run)?;
    if names.len() != JOBS.len() {
        return Err(format!(
            "The results line has {} results (\"result of ...\"); there are {} jobs.",
            names.len(),
            JOBS.len()
        ));
    }
    Ok(())
}

fn in_order(run: &Run) -> Result<(), String> {
    let names = printed_results(run)?;
    let asked: Vec<String> = JOBS.iter().map(|(name, _)| name.to_string()).collect();
    if names == asked {
        return Ok(());
    }
    let mut ended: Vec<(usize, String)> = JOBS
        .iter()
        .filter_map(|(name, _)| {
            let end = run.line(&format!("{name} ends"))?;
            Some((run.position(end), name.to_string()))
        })
        .collect();
    ended.sort();
    let ended: Vec<String> = ended.into_iter().map(|(_, name)| name).collect();
    let mut by_name = names.clone();
    by_name.sort();
    let why = if names == ended {
        " That is the order the jobs ended in."
    } else if names == by_name {
        " That is the order of their names."
    } else {
        ""
    };
    Err(format!(
        "The results came back as {}.{why}\nThey must come back in the order asked, {}, however \
         long each job takes.",
        and_list(&names),
        and_list(&asked)
    ))
}

fn together(run: &Run) -> Result<(), String> {
    let Err(took) = took_at_most(run, 2.5) else {
        return Ok(());
    };
    for pair in JOBS.windows(2) {
        let (before, after) = (pair[0].0, pair[1].0);
        let (Some(ended), Some(started)) = (
            run.line(&format!("{before} ends")),
            run.line(&format!("{after} starts")),
        ) else {
            continue;
        };
        if run.position(started) > run.position(ended) {
            return Err(format!(
                "{took} {after} started at {}, after {before} ended at {}: the jobs ran one \
                 after another.",
                started.at, ended.at
            ));
        }
    }
    Err(format!(
        "{took} At the same time, the longest job (2 s) sets the total."
    ))
}
