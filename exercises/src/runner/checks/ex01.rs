//! Exercise 01: the two jobs of `print_sync` wait at the same time.

use std::time::Duration;

use super::{once, took_at_most};
use crate::exercise::{Check, Exercise};
use crate::program::{Run, Tenths};

pub const EXERCISE: Exercise = Exercise {
    number: "01",
    name: "two_waits",
    title: "Two waits at once",
    limit: Duration::from_secs(10),
    cpu_bound: false,
    starter_fails: "together",
    stuck: "Two waits of 2 s and 1 s should be over in about 2 s. Is something waiting for \
            something that never happens?",
    checks: &[
        Check {
            id: "names",
            requirement: "each job prints its name once: \"First\" and \"Second\"",
            test: names,
        },
        Check {
            id: "waits",
            requirement: "no wait is cut short: \"First\" prints after 2 s or more, \"Second\" \
                          after 1 s or more",
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
    once(run, "First")?;
    once(run, "Second")?;
    Ok(())
}

fn waits(run: &Run) -> Result<(), String> {
    for (name, seconds) in [("First", 2.0), ("Second", 1.0)] {
        let line = once(run, name)?;
        if line.at < Tenths::from_secs(seconds) {
            return Err(format!(
                "\"{name}\" printed at {}, before its {seconds:.0} s wait could be over.",
                line.at
            ));
        }
    }
    Ok(())
}

fn together(run: &Run) -> Result<(), String> {
    let Err(took) = took_at_most(run, 2.5) else {
        return Ok(());
    };
    let (first, second) = (once(run, "First")?, once(run, "Second")?);
    if second.at.0 >= first.at.0 + 9 {
        return Err(format!(
            "\"Second\" printed at {}, {} after \"First\": its 1 s wait began only when \
             \"First\" was done.\nThe jobs ran one after the other, so the run took {}, the sum \
             of the waits.",
            second.at,
            Tenths(second.at.0 - first.at.0),
            run.took()
        ));
    }
    Err(format!(
        "{took} Waiting at the same time, the longest wait (2 s) sets the total."
    ))
}
