//! Exercise 05: 20 pages fetched with at most 4 requests in flight at any moment, and all 4 used.

use std::time::Duration;

use exercises::ex05::{SERVER, paths};

use super::{ended, once, took_at_most};
use crate::exercise::{Check, Exercise};
use crate::program::{Run, Tenths};

const MOST: usize = 4;

pub const EXERCISE: Exercise = Exercise {
    number: "05",
    name: "four_at_a_time",
    title: "At most four requests in flight",
    limit: Duration::from_secs(14),
    starter_fails: "at_most_4",
    stuck: "20 pages of at most 0.8 s take 10 s one at a time, and about 2.7 s four at a time. \
            Is a request waiting for a turn that never comes?",
    sites: &[&SERVER],
    checks: &[
        Check {
            id: "all_pages",
            requirement: "every page, /page/0 to /page/19, is asked of the server once, and its \
                          title printed once it has come: \"/page/N: \\\"Page N\\\"\"",
            test: all_pages,
        },
        Check {
            id: "at_most_4",
            requirement: "the server's log never has more than 4 requests in flight at once",
            test: at_most_4,
        },
        Check {
            id: "in_time",
            requirement: "all 4 are used, the next page asked as soon as one is in: the 20 pages \
                          are fetched within 3.5 s",
            test: in_time,
        },
    ],
};

fn all_pages(run: &Run) -> Result<(), String> {
    let server = run.server(SERVER.name);
    if server.requests.is_empty() {
        return Err(format!(
            "{} and the checker's server was never asked for a page.\nFetch the pages from the \
             server `site::connect` gives: the checker runs it and keeps its log.",
            ended(run)
        ));
    }
    for path in paths() {
        let asked = server.asked_for(&path);
        let [request] = asked.as_slice() else {
            return Err(format!(
                "The server was asked for {path} {} times; once is right.",
                asked.len()
            ));
        };
        let number = path.trim_start_matches("/page/");
        let line = once(run, &format!("{path}: \"Page {number}\""))?;
        match request.answered() {
            Some(answered) if line.seen + super::JITTER >= answered => {}
            Some(answered) => {
                return Err(format!(
                    "The title of {path} was printed at {}, before the server answered at {}.",
                    line.at,
                    Tenths::of(answered)
                ));
            }
            None => {
                return Err(format!(
                    "The title of {path} was printed at {}, but the server never answered it: \
                     the request was dropped.",
                    line.at
                ));
            }
        }
    }
    Ok(())
}

fn at_most_4(run: &Run) -> Result<(), String> {
    let (most, when) = run.server(SERVER.name).most_in_flight();
    if most <= MOST {
        return Ok(());
    }
    Err(format!(
        "At {} the server had {most} requests in flight at once, by its own log: {} more than \
         it allows.",
        Tenths::of(when),
        most - MOST
    ))
}

fn in_time(run: &Run) -> Result<(), String> {
    took_at_most(run, 3.5).map_err(|took| {
        let (most, _) = run.server(SERVER.name).most_in_flight();
        let hint = if most < MOST {
            format!(" The server never had more than {most} in flight: use all {MOST}.")
        } else {
            " The server had 4 in flight at times, but not all along: does a group of 4 wait \
             for its slowest page before the next starts?"
                .to_string()
        };
        format!("{took} Four at a time, each next page asked as soon as one is in, the 20 pages take about 2.7 s.{hint}")
    })
}
