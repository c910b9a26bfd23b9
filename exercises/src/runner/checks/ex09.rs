//! Exercise 09: find the blocking call that stalls the heartbeat, and fix it.

use std::time::Duration;

use super::{once, took_at_most};
use crate::exercise::{Check, Exercise};
use crate::program::{Run, Tenths};

const BEATS: u32 = 6;
/// Beats are due every 0.5 s; one may come this late after the one before.
const MOST_APART: Tenths = Tenths(8);

pub const EXERCISE: Exercise = Exercise {
    number: "09",
    name: "hidden_block",
    title: "The hidden blocking call",
    limit: Duration::from_secs(15),
    cpu_bound: false,
    starter_fails: "steady",
    stuck: "The heartbeat lasts 3 s, and the rest should be done before it ends. Is something \
            waiting for something that never happens?",
    checks: &[
        Check {
            id: "beats",
            requirement: "the heartbeat beats 6 times: \"beat 1\" to \"beat 6\"",
            test: beats,
        },
        Check {
            id: "all_done",
            requirement: "the news and the weather arrive: a \"news: ...\" and a \"weather: ...\" \
                          line",
            test: all_done,
        },
        Check {
            id: "steady",
            requirement: "the heartbeat keeps time: never more than 0.8 s between two beats (or \
                          before the first)",
            test: steady,
        },
        Check {
            id: "in_time",
            requirement: "the run takes at most 3.5 s: the heartbeat's 3 s, with the rest done \
                          meanwhile",
            test: in_time,
        },
    ],
};

fn beats(run: &Run) -> Result<(), String> {
    for beat in 1..=BEATS {
        once(run, &format!("beat {beat}"))?;
    }
    Ok(())
}

fn all_done(run: &Run) -> Result<(), String> {
    for what in ["news: ", "weather: "] {
        if run.lines_starting(what).len() != 1 {
            return Err(format!(
                "Expected one line \"{what}...\", found {}.",
                run.lines_starting(what).len()
            ));
        }
    }
    Ok(())
}

fn steady(run: &Run) -> Result<(), String> {
    let mut previous = Tenths(0);
    for beat in 1..=BEATS {
        let line = once(run, &format!("beat {beat}"))?;
        if line.at.0 > previous.0 + MOST_APART.0 {
            let since = if beat == 1 {
                "the start".to_string()
            } else {
                format!("beat {}", beat - 1)
            };
            // What got the thread just before the late beat is the first suspect.
            let position = run.position(line);
            let just_before = run.events[..position]
                .iter()
                .rev()
                .find(|e| !e.text.starts_with("beat "))
                .map(|e| format!("\nThe line printed just before it, at {}: {}", e.at, e.text))
                .unwrap_or_default();
            return Err(format!(
                "Beat {beat} came at {}, {} after {since}: it was due 0.5 s after.\nFor {} \
                 nothing else could run: something held the only thread.{just_before}",
                line.at,
                Tenths(line.at.0 - previous.0),
                Tenths(line.at.0 - previous.0 - 5)
            ));
        }
        previous = line.at;
    }
    Ok(())
}

fn in_time(run: &Run) -> Result<(), String> {
    took_at_most(run, 3.5)
        .map_err(|took| format!("{took} The heartbeat takes 3 s; the rest fits in that time."))
}
