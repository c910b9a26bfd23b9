//! Exercise 07: race two mirrors for each file, keep the first answer, stop the loser.

use std::time::Duration;

use super::{once, took_at_most};
use crate::exercise::{Check, Exercise};
use crate::program::{Event, Run};

/// For each file, the mirror that answers first and the one that answers 0.7 s later (see the
/// starter's FILES).
const FILES: [(u32, &str, &str); 3] = [(1, "A", "B"), (2, "B", "A"), (3, "A", "B")];

pub const EXERCISE: Exercise = Exercise {
    number: "07",
    name: "race",
    title: "Race two mirrors",
    limit: Duration::from_secs(15),
    cpu_bound: false,
    starter_fails: "first_answer",
    stuck: "Each file should take about 0.5 s. Is something waiting for an answer that never \
            comes?",
    checks: &[
        Check {
            id: "kept_each",
            requirement: "one copy of each file 1 to 3 is kept: \"file N: kept mirror X's copy\"",
            test: kept_each,
        },
        Check {
            id: "first_answer",
            requirement: "each copy kept is the first to arrive: from mirror A for file 1, B for \
                          file 2, A for file 3",
            test: first_answer,
        },
        Check {
            id: "in_time",
            requirement: "each file takes the faster mirror's time: the run takes at most 2.3 s",
            test: in_time,
        },
        Check {
            id: "loser_stopped",
            requirement: "the slower mirror's request is stopped once the race is won: it never \
                          answers",
            test: loser_stopped,
        },
    ],
};

fn kept_line(run: &Run, file: u32) -> Result<&Event, String> {
    let lines = run.lines_starting(&format!("file {file}: kept mirror "));
    match lines.as_slice() {
        [one] => Ok(one),
        [] => Err(format!("No copy of file {file} was kept.")),
        _ => Err(format!("File {file} was kept {} times.", lines.len())),
    }
}

fn answered<'a>(run: &'a Run, file: u32, mirror: &str) -> Option<&'a Event> {
    run.line(&format!("file {file}: mirror {mirror} answered"))
}

fn asked(run: &Run, file: u32) -> Result<&Event, String> {
    once(run, &format!("file {file}: asking both mirrors"))
}

fn kept_each(run: &Run) -> Result<(), String> {
    for (file, _, _) in FILES {
        kept_line(run, file)?;
    }
    Ok(())
}

fn first_answer(run: &Run) -> Result<(), String> {
    for (file, winner, loser) in FILES {
        let kept = kept_line(run, file)?;
        if kept.text == format!("file {file}: kept mirror {winner}'s copy") {
            continue;
        }
        let mut why = format!("File {file} was kept from mirror {loser}");
        if let (Some(slow), Some(fast)) = (answered(run, file, loser), answered(run, file, winner))
        {
            why.push_str(&format!(
                ", which answered at {}; mirror {winner} had answered at {}",
                slow.at, fast.at
            ));
        }
        return Err(format!(
            "{why}.\nKeep whichever copy arrives first: you do not know in advance which mirror \
             is faster."
        ));
    }
    Ok(())
}

fn in_time(run: &Run) -> Result<(), String> {
    let Err(took) = took_at_most(run, 2.3) else {
        return Ok(());
    };
    for (file, _, _) in FILES {
        let (Ok(asked), Ok(kept)) = (asked(run, file), kept_line(run, file)) else {
            continue;
        };
        if kept.at.0 >= asked.at.0 + 9 {
            return Err(format!(
                "{took} File {file} was asked for at {} and kept only at {}: the program \
                 waited for the slower mirror too.",
                asked.at, kept.at
            ));
        }
    }
    Err(format!(
        "{took} Each file should take about 0.5 s, the faster mirror's time."
    ))
}

fn loser_stopped(run: &Run) -> Result<(), String> {
    for (file, _, loser) in FILES {
        if let Some(late) = answered(run, file, loser) {
            let kept = kept_line(run, file)?;
            return Err(format!(
                "Mirror {loser} still answered file {file} at {}, after its race was won at {}: \
                 the losing request went on.\n(A spawned task goes on when its JoinHandle is \
                 dropped.)",
                late.at, kept.at
            ));
        }
    }
    Ok(())
}
