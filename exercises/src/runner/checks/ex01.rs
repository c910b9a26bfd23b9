//! Exercise 01: the two jobs of `print_sync` wait at the same time.

use std::time::Duration;

use super::{JITTER, between, once, took_at_most};
use crate::exercise::{Check, Exercise};
use crate::program::{Run, Tenths};

/// The jobs: name and wait in seconds.
const JOBS: [(&str, u64); 2] = [("First", 2), ("Second", 1)];

pub const EXERCISE: Exercise = Exercise {
    number: "01",
    name: "two_waits",
    title: "Two waits at once",
    limit: Duration::from_secs(8),
    starter_fails: "together",
    stuck: "Two waits of 2 s and 1 s should be over in about 2 s. Is something waiting for \
            something that never happens?",
    sites: &[],
    checks: &[
        Check {
            id: "names",
            requirement: "each job says when its wait begins and prints its name when it is \
                          over: \"First\" and \"Second\", once each",
            test: names,
        },
        Check {
            id: "waits",
            requirement: "no wait is cut short: First waits 2 s and Second 1 s, each from the \
                          line that begins it",
            test: waits,
        },
        Check {
            id: "together",
            requirement: "the jobs wait at the same time: the run takes at most 2.5 s, not 3 s",
            test: together,
        },
    ],
};

fn names(run: &Run) -> Result<(), String> {
    for (name, seconds) in JOBS {
        once(run, &format!("{name} waits {seconds} s"))?;
        once(run, name)?;
    }
    Ok(())
}

fn waits(run: &Run) -> Result<(), String> {
    for (name, seconds) in JOBS {
        let began = once(run, &format!("{name} waits {seconds} s"))?;
        let over = once(run, name)?;
        if between(began, over) + JITTER < Duration::from_secs(seconds) {
            return Err(format!(
                "{name} began its {seconds} s wait at {} and was over at {}: it waited only {}.",
                began.at,
                over.at,
                Tenths::of(between(began, over))
            ));
        }
    }
    Ok(())
}

fn together(run: &Run) -> Result<(), String> {
    let Err(took) = took_at_most(run, 2.5) else {
        return Ok(());
    };
    let first_over = once(run, "First")?;
    let second_began = once(run, "Second waits 1 s")?;
    if run.position(second_began) > run.position(first_over) {
        return Err(format!(
            "{took} Second began its wait at {}, once First's was over at {}: the jobs ran one \
             after the other, so the run took the sum of the waits.",
            second_began.at, first_over.at
        ));
    }
    Err(format!(
        "{took} Both waits began at once, yet the run took longer than the longest wait (2 s): \
         something held the program up."
    ))
}
