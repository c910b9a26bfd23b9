//! Exercise 11: a hand-written future that arranges its own wake, and only that.

use std::time::Duration;

use exercises::ex11::TIMERS;

use super::{JITTER, ended, once, printed_by, took_at_most};
use crate::exercise::{Check, Exercise};
use crate::program::{Run, Tenths};

/// How soon after its timer rings a job must say it is ready.
const READY_WITHIN: Duration = Duration::from_millis(200);

pub const EXERCISE: Exercise = Exercise {
    number: "11",
    name: "wake",
    title: "A future that needs a wake",
    limit: Duration::from_secs(5),
    starter_fails: "runs",
    stuck: "The timers ring after 1 s and 2 s, yet the program did not end. A future that returns \
            Pending is polled again only when its waker is woken: if poll left its waker nowhere, \
            the timer has nothing to wake, and nothing ever polls the future again. That is a \
            lost wake.",
    sites: &[],
    checks: &[
        Check {
            id: "set",
            requirement: "each timer is set once: \"tea: the timer is set for 2 s\", \"egg: the \
                          timer is set for 1 s\"",
            test: set,
        },
        Check {
            id: "ready_on_ring",
            requirement: "each timer rings once, and its job is ready when it rings, not before, \
                          and within 0.2 s after: \"tea is ready\", \"egg is ready\"",
            test: ready_on_ring,
        },
        Check {
            id: "idle",
            requirement: "while it waits, the program does nothing: its CPU time, as the kernel \
                          counts it, stays under 0.5 s",
            test: idle,
        },
        Check {
            id: "together",
            requirement: "the two timers run at the same time: the run takes at most 2.6 s",
            test: together,
        },
    ],
};

fn set(run: &Run) -> Result<(), String> {
    for (name, seconds) in TIMERS {
        once(run, &format!("{name}: the timer is set for {seconds} s"))?;
    }
    Ok(())
}

fn ready_on_ring(run: &Run) -> Result<(), String> {
    for (name, _) in TIMERS {
        let said = format!("{name} is ready");
        let rang = format!("{name}: the timer rings");
        if let (Some(ready), None) = (run.line(&said), run.line(&rang)) {
            return Err(format!(
                "\"{said}\" came at {}, and the {name}'s timer had not rung by the time the \
                 program ended, at {}: the job did not wait for its timer.",
                ready.at,
                run.took()
            ));
        }
        let rings = once(run, &rang)?;
        let Some(ready) = run.line(&said) else {
            return Err(format!(
                "{} without \"{said}\": the {name}'s timer rang at {}, and its future was not \
                 polled again after that.",
                ended(run),
                rings.at
            ));
        };
        if run.position(ready) < run.position(rings) {
            return Err(format!(
                "\"{said}\" came at {}, before the {name}'s timer rang at {}: the job did not \
                 wait for its timer.",
                ready.at, rings.at
            ));
        }
        let after = printed_by(ready).saturating_sub(rings.seen.min(printed_by(rings)));
        if after > READY_WITHIN + JITTER {
            return Err(format!(
                "The {name}'s timer rang at {}, and \"{said}\" came only at {}: {} later. The \
                 future was polled again long after its timer woke it.",
                rings.at,
                ready.at,
                Tenths::of(after)
            ));
        }
    }
    Ok(())
}

fn idle(run: &Run) -> Result<(), String> {
    super::idle(
        run,
        "it kept the CPU busy while it waited",
        "A future that wakes itself before returning Pending is polled again at once, and again: a busy loop. Leave the waker for the timer to wake.",
    )
}

fn together(run: &Run) -> Result<(), String> {
    took_at_most(run, 2.6).map_err(|took| {
        format!("{took} The timers ring after 1 s and 2 s: waited for together, about 2 s.")
    })
}
