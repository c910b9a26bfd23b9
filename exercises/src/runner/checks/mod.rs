//! Every exercise and its checks, one module each, in the order of the book's chapters.
//!
//! A check reads the lines the program printed with `workbook::say` (their time stamps, and the
//! order they came in), its total, and what was measured from outside. Its explanation on failure
//! says what happened in the learner's run and what that means, not how to fix it: that is what
//! the hints are for.

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
];

/// The one line that is exactly `text`, or why there is not one.
fn once<'a>(run: &'a Run, text: &str) -> Result<&'a Event, String> {
    let found: Vec<&Event> = run.events.iter().filter(|e| e.text == text).collect();
    match found.as_slice() {
        [one] => Ok(one),
        [] => Err(format!("The line \"{text}\" was never printed.")),
        [first, ..] => Err(format!(
            "The line \"{text}\" was printed {} times (first at {}); once is right.",
            found.len(),
            first.at
        )),
    }
}

/// The program took at most `limit` seconds by its own clock.
fn took_at_most(run: &Run, limit: f64) -> Result<(), String> {
    let took = run.took();
    if took <= Tenths::from_secs(limit) {
        Ok(())
    } else {
        Err(format!("The run took {took}."))
    }
}

/// `a, b and c`.
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}
