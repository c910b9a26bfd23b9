//! Exercise 05: 20 pages fetched with at most 4 requests in flight at any moment.

use std::time::Duration;

use super::{once, took_at_most};
use crate::exercise::{Check, Exercise};
use crate::program::Run;

const PAGES: usize = 20;
const MOST: usize = 4;

pub const EXERCISE: Exercise = Exercise {
    number: "05",
    name: "four_at_a_time",
    title: "At most four requests in flight",
    limit: Duration::from_secs(20),
    cpu_bound: false,
    starter_fails: "at_most_4",
    stuck: "20 pages of 0.5 s take 10 s one at a time, and about 2.5 s four at a time. Is a \
            request waiting for a turn that never comes?",
    checks: &[
        Check {
            id: "all_pages",
            requirement: "every page, /page/0 to /page/19, is fetched once, with its title",
            test: all_pages,
        },
        Check {
            id: "counted",
            requirement: "the program ends with the server's count: \"The server had at most N \
                          requests in flight at once\"",
            test: counted,
        },
        Check {
            id: "at_most_4",
            requirement: "the server never has more than 4 requests in flight at once",
            test: at_most_4,
        },
        Check {
            id: "in_time",
            requirement: "the 20 pages are fetched within 3.5 s: four at a time, not one",
            test: in_time,
        },
    ],
};

fn all_pages(run: &Run) -> Result<(), String> {
    for page in 0..PAGES {
        once(run, &format!("/page/{page}: \"Page {page}\""))?;
    }
    Ok(())
}

/// The most requests the server had in flight, as the program printed it.
fn most_in_flight(run: &Run) -> Result<usize, String> {
    let lines = run.lines_starting("The server had at most ");
    let [line] = lines.as_slice() else {
        return Err(
            "The line \"The server had at most N requests in flight at once\" was not printed \
             once.\nKeep the last lines of the starter: they print what the server counted."
                .to_string(),
        );
    };
    line.text["The server had at most ".len()..]
        .split(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .ok_or_else(|| format!("Cannot read a number in \"{}\".", line.text))
}

fn counted(run: &Run) -> Result<(), String> {
    most_in_flight(run).map(|_| ())
}

fn at_most_4(run: &Run) -> Result<(), String> {
    let most = most_in_flight(run)?;
    if most <= MOST {
        return Ok(());
    }
    Err(format!(
        "The server had {most} requests in flight at one moment: {} more than it allows.",
        most - MOST
    ))
}

fn in_time(run: &Run) -> Result<(), String> {
    took_at_most(run, 3.5).map_err(|took| {
        let most = most_in_flight(run).unwrap_or(0);
        let hint = if most < MOST {
            format!(" The server never had more than {most} in flight: use all {MOST}.")
        } else {
            String::new()
        };
        format!("{took} Each page takes 0.5 s: 20 pages four at a time take about 2.5 s.{hint}")
    })
}
