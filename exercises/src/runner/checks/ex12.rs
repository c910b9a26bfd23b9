//! Exercise 12: a toy executor that polls a task when, and only when, it is woken.

use std::time::Duration;

use exercises::ex12::TASKS;

use super::{JITTER, between, ended, once, took_at_most};
use crate::exercise::{Check, Exercise};
use crate::program::{Run, Tenths};

pub const EXERCISE: Exercise = Exercise {
    number: "12",
    name: "executor",
    title: "Fix a toy executor",
    limit: Duration::from_secs(5),
    starter_fails: "runs",
    stuck: "The machines answer within 2 s, yet the executor did not end. When a machine answers, \
            it wakes the task's waker; if waking does not put the task back in the queue, the \
            executor waits in pop for a task that never comes: a lost wake.",
    sites: &[],
    checks: &[
        Check {
            id: "all_done",
            requirement: "every task runs to its end, each wait whole: A waits 1 s, B 2 s, C \
                          0.5 s and then 1 s",
            test: all_done,
        },
        Check {
            id: "idle",
            requirement: "the executor sleeps while no task can go on: its CPU time, as the \
                          kernel counts it, stays under 0.5 s",
            test: idle,
        },
        Check {
            id: "together",
            requirement: "the tasks wait at the same time: the run takes at most 2.6 s",
            test: together,
        },
    ],
};

fn all_done(run: &Run) -> Result<(), String> {
    if run
        .lines_starting("")
        .iter()
        .all(|e| !e.text.ends_with(" is done"))
    {
        let waiting: Vec<String> = TASKS.iter().map(|(name, _)| name.to_string()).collect();
        return Err(format!(
            "{} before any task was done ({} had started waiting).\nAn empty queue does not mean \
             the work is over: the tasks are waiting for their machines, which will wake them.",
            ended(run),
            waiting.join(", ")
        ));
    }
    for (name, waits) in TASKS {
        let mut previous = None;
        for (step, seconds) in waits.iter().enumerate() {
            let line = once(
                run,
                &format!("{name} waits {seconds} s (step {})", step + 1),
            )?;
            if let Some((before, was)) = previous {
                check_wait(name, before, line, was)?;
            }
            previous = Some((line, *seconds));
        }
        let done = once(run, &format!("{name} is done"))?;
        if let Some((before, was)) = previous {
            check_wait(name, before, done, was)?;
        }
    }
    Ok(())
}

fn check_wait(
    name: &str,
    began: &crate::program::Event,
    over: &crate::program::Event,
    seconds: f64,
) -> Result<(), String> {
    if between(began, over) + JITTER < Duration::from_secs_f64(seconds) {
        return Err(format!(
            "Task {name} began a wait of {seconds} s at {} and went on at {}: its machine had \
             not answered yet.",
            began.at, over.at
        ));
    }
    Ok(())
}

fn idle(run: &Run) -> Result<(), String> {
    super::idle(
        run,
        "the executor kept the CPU busy while the tasks waited",
        "Polling every task round and round is a busy loop: poll a task when its waker says it can go on, and sleep in between.",
    )
}

fn together(run: &Run) -> Result<(), String> {
    took_at_most(run, 2.6).map_err(|took| {
        format!(
            "{took} The longest task waits 2 s; run together, the three take about {}.",
            Tenths(20)
        )
    })
}
