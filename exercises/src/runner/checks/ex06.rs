//! Exercise 06: give up on the pages that take longer than 1 s, report them, keep the others.

use std::time::Duration;

use super::{and_list, took_at_most};
use crate::exercise::{Check, Exercise};
use crate::program::Run;

/// The pages that answer within 1 s, and the ones that take longer (see the starter's PAGES).
const FAST: [usize; 5] = [0, 2, 3, 5, 7];
const SLOW: [(usize, f64); 3] = [(1, 2.5), (4, 4.0), (6, 1.5)];
const REPORT: &str = "Kept ";

pub const EXERCISE: Exercise = Exercise {
    number: "06",
    name: "give_up",
    title: "Give up on slow pages",
    limit: Duration::from_secs(15),
    cpu_bound: false,
    starter_fails: "gave_up_slow",
    stuck: "No page should be waited for longer than 1 s. Is something waiting for a page with \
            no time limit?",
    checks: &[
        Check {
            id: "report",
            requirement: "the program ends with its report: \"Kept N pages; gave up on: ...\"",
            test: report,
        },
        Check {
            id: "kept_fast",
            requirement: "the pages that answer within 1 s are kept: pages 0, 2, 3, 5 and 7",
            test: kept_fast,
        },
        Check {
            id: "gave_up_slow",
            requirement: "the pages that take longer than 1 s are given up and reported: pages \
                          1, 4 and 6",
            test: gave_up_slow,
        },
        Check {
            id: "in_time",
            requirement: "the run takes at most 1.8 s: no page is waited for longer than 1 s, and \
                          the pages are fetched at the same time",
            test: in_time,
        },
    ],
};

/// The pages the report says were given up on.
fn given_up(run: &Run) -> Result<Vec<usize>, String> {
    let lines = run.lines_starting(REPORT);
    let [line] = lines.as_slice() else {
        return Err(format!(
            "Expected one report line \"Kept N pages; gave up on: ...\", found {}.\nKeep the \
             last lines of the starter: they print the report.",
            lines.len()
        ));
    };
    let (_, list) = line
        .text
        .split_once("gave up on: ")
        .ok_or_else(|| format!("No \"gave up on: \" in \"{}\".", line.text))?;
    Ok(list
        .split(", ")
        .filter_map(|page| page.strip_prefix("page ")?.parse().ok())
        .collect())
}

fn kept(run: &Run, page: usize) -> Option<&crate::program::Event> {
    run.line(&format!("page {page}: \"Page {page}\""))
}

fn report(run: &Run) -> Result<(), String> {
    given_up(run).map(|_| ())
}

fn kept_fast(run: &Run) -> Result<(), String> {
    let given_up = given_up(run)?;
    for page in FAST {
        if given_up.contains(&page) || kept(run, page).is_none() {
            return Err(format!(
                "Page {page} answers within 1 s, but it was not kept.\nA time limit on all the \
                 pages together throws away the fast ones too: each page has its own 1 s."
            ));
        }
    }
    Ok(())
}

fn gave_up_slow(run: &Run) -> Result<(), String> {
    let given_up = given_up(run)?;
    let mut kept_late = Vec::new();
    for (page, delay) in SLOW {
        if let Some(line) = kept(run, page) {
            kept_late.push(format!("page {page} at {} (it takes {delay} s)", line.at));
        } else if !given_up.contains(&page) {
            return Err(format!(
                "Page {page} was neither kept nor reported in \"gave up on: ...\"."
            ));
        }
    }
    if kept_late.is_empty() {
        return Ok(());
    }
    Err(format!(
        "The program waited for {} and kept {}.\nGive up on a page once it has taken 1 s, and \
         report it.",
        and_list(&kept_late),
        if kept_late.len() == 1 { "it" } else { "them" }
    ))
}

fn in_time(run: &Run) -> Result<(), String> {
    took_at_most(run, 1.8).map_err(|took| {
        format!(
            "{took} Fetched at the same time, each page given at most 1 s, the 8 pages take \
             about 1 s."
        )
    })
}
