//! Exercise 06: give up on the pages that take longer than 1 s, report them, keep the others.

use std::time::Duration;

use exercises::ex06::{PAGES, SERVER};

use super::{JITTER, and_list, ended, printed_by, took_at_most};
use crate::exercise::{Check, Exercise};
use crate::program::{Event, Logged, Run, Tenths};

const PATIENCE: Duration = Duration::from_secs(1);
/// How late after its 1 s a page may be given up on.
const MOST_LATE: Duration = Duration::from_millis(500);
const REPORT: &str = "Kept ";

pub const EXERCISE: Exercise = Exercise {
    number: "06",
    name: "give_up",
    title: "Give up on slow pages",
    limit: Duration::from_secs(10),
    starter_fails: "gave_up_slow",
    stuck: "No page should be waited for longer than 1 s. Is something waiting for a page with \
            no time limit?",
    sites: &[&SERVER],
    checks: &[
        Check {
            id: "report",
            requirement: "the program ends with its report: \"Kept N pages; gave up on: ...\"",
            test: report,
        },
        Check {
            id: "kept_fast",
            requirement: "the pages that answer within 1 s, 0, 2, 3, 5 and 7, are asked of the \
                          server and kept once its answer is in",
            test: kept_fast,
        },
        Check {
            id: "gave_up_slow",
            requirement: "the pages that take longer, 1, 4 and 6, are asked of the server and \
                          given up 1 s later: the request dropped, \"page N: gave up after 1 s\" \
                          printed, and the page in the report",
            test: gave_up_slow,
        },
        Check {
            id: "report_adds_up",
            requirement: "the report adds up: N is the number of pages kept, and no page kept is \
                          given up on",
            test: report_adds_up,
        },
        Check {
            id: "in_time",
            requirement: "the run takes at most 1.8 s: the pages are fetched at the same time",
            test: in_time,
        },
    ],
};

fn slow(page: usize) -> bool {
    SERVER
        .delay(&format!("/page/{page}"))
        .is_some_and(|delay| delay > PATIENCE)
}

/// The pages the report says were given up on.
fn given_up(run: &Run) -> Result<Vec<usize>, String> {
    let lines = run.lines_starting(REPORT);
    let [line] = lines.as_slice() else {
        if lines.is_empty() {
            return Err(format!(
                "{} without its report (\"Kept N pages; gave up on: ...\").",
                ended(run)
            ));
        }
        return Err(format!(
            "The report was printed {} times; once is right.",
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

fn kept(run: &Run, page: usize) -> Option<&Event> {
    run.line(&format!("page {page}: \"Page {page}\""))
}

/// The one request for `page` in the server's log, or what happened instead.
fn request(run: &Run, page: usize) -> Result<&Logged, String> {
    let asked = run.server(SERVER.name).asked_for(&format!("/page/{page}"));
    match asked.as_slice() {
        [one] => Ok(one),
        [] => Err(format!(
            "The server was never asked for page {page}: the program {} without trying.",
            if slow(page) { "gave up on it" } else { "did" }
        )),
        _ => Err(format!(
            "The server was asked for page {page} {} times; once is right.",
            asked.len()
        )),
    }
}

fn report(run: &Run) -> Result<(), String> {
    given_up(run).map(|_| ())
}

fn report_adds_up(run: &Run) -> Result<(), String> {
    let given_up = given_up(run)?;
    // The report's figures are the program's word about itself: they must match its lines.
    let kept: Vec<usize> = PAGES
        .into_iter()
        .filter(|&p| kept(run, p).is_some())
        .collect();
    let line = run.lines_starting(REPORT)[0];
    let claimed: Option<usize> = line.text[REPORT.len()..]
        .split(' ')
        .next()
        .and_then(|n| n.parse().ok());
    if claimed != Some(kept.len()) {
        return Err(format!(
            "The report says \"{}\", but {} pages were printed as kept.",
            line.text,
            kept.len()
        ));
    }
    if let Some(page) = given_up.iter().find(|page| kept.contains(page)) {
        return Err(format!(
            "The report gives up on page {page}, but its title was printed as kept."
        ));
    }
    Ok(())
}

fn kept_fast(run: &Run) -> Result<(), String> {
    let given_up = given_up(run)?;
    for page in PAGES.into_iter().filter(|&p| !slow(p)) {
        let request = request(run, page)?;
        let Some(answered) = request.answered() else {
            let hung_up = request
                .dropped()
                .map(|at| format!(" at {}", Tenths::of(at)))
                .unwrap_or_default();
            return Err(format!(
                "Page {page} answers within 1 s, but the program hung up on it{hung_up}, before \
                 its answer came.\nA time limit on all the pages together throws away the fast \
                 ones too: each page has its own 1 s."
            ));
        };
        if given_up.contains(&page) {
            return Err(format!(
                "Page {page} was answered at {}, yet the report gives up on it: its title was \
                 thrown away.\nA time limit on all the pages together throws away the fast ones \
                 too: each page has its own 1 s.",
                Tenths::of(answered)
            ));
        }
        let said = format!("page {page}: \"Page {page}\"");
        match kept(run, page) {
            Some(line) if line.seen + JITTER >= answered => {}
            Some(line) => {
                return Err(format!(
                    "\"{said}\" was printed at {}, before the server answered at {}.",
                    line.at,
                    Tenths::of(answered)
                ));
            }
            None => return Err(super::missing(run, &said)),
        }
    }
    Ok(())
}

fn gave_up_slow(run: &Run) -> Result<(), String> {
    let given_up = given_up(run)?;
    let mut kept_late = Vec::new();
    for page in PAGES.into_iter().filter(|&p| slow(p)) {
        let request = request(run, page)?;
        if let Some(line) = kept(run, page) {
            let took = SERVER.delay(&format!("/page/{page}")).unwrap_or_default();
            kept_late.push(format!(
                "page {page} until {} (it takes {} s)",
                line.at,
                took.as_secs_f64()
            ));
            continue;
        }
        let Some(dropped) = request.dropped() else {
            return Err(format!(
                "Page {page} was asked for at {}, and the request was never dropped: the program \
                 did not give up on it before it ended at {}.",
                Tenths::of(request.asked),
                run.took()
            ));
        };
        let waited = dropped.saturating_sub(request.asked);
        if waited + JITTER < PATIENCE || waited > PATIENCE + MOST_LATE {
            return Err(format!(
                "Page {page} was asked for at {} and given up at {}, after {}: give up on a page \
                 once it has had its 1 s, not before and not much later.",
                Tenths::of(request.asked),
                Tenths::of(dropped),
                Tenths::of(waited)
            ));
        }
        let said = format!("page {page}: gave up after 1 s");
        match run.line(&said) {
            Some(line)
                if line.seen + MOST_LATE >= dropped && printed_by(line) <= dropped + MOST_LATE => {}
            Some(line) => {
                return Err(format!(
                    "\"{said}\" was printed at {}, but the request was dropped at {}.",
                    line.at,
                    Tenths::of(dropped)
                ));
            }
            None => return Err(super::missing(run, &said)),
        }
        if !given_up.contains(&page) {
            return Err(format!(
                "Page {page} was given up on at {}, but the report does not list it: \
                 fetch_page returns None for it.",
                Tenths::of(dropped)
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
