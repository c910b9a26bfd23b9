//! Exercise 09: find the blocking call that stalls the heartbeat, and fix it.

use std::time::Duration;

use exercises::ex09::{BEATS, FORECAST, SERVER};

use super::{ended, once, printed_by, took_at_most};
use crate::exercise::{Check, Exercise};
use crate::program::{Event, Run, Tenths};

/// Beats are due every 0.5 s; one may come this late after the one before.
const MOST_APART: Duration = Duration::from_millis(800);
/// How soon after its answer is in a result must be printed.
const PRINTED_WITHIN: Duration = Duration::from_millis(300);
const NEWS: [&str; 2] = ["/page/1", "/page/2"];

pub const EXERCISE: Exercise = Exercise {
    number: "09",
    name: "hidden_block",
    title: "The hidden blocking call",
    limit: Duration::from_secs(10),
    starter_fails: "steady",
    stuck: "The heartbeat lasts 3 s, and the rest should be done before it ends. Is something \
            waiting for something that never happens?",
    sites: &[&SERVER],
    checks: &[
        Check {
            id: "beats",
            requirement: "the heartbeat beats 6 times: \"beat 1\" to \"beat 6\"",
            test: beats,
        },
        Check {
            id: "all_done",
            requirement: "the news and the weather arrive: the server is asked for the two news \
                          pages and the forecast, and a \"news: ...\" and a \"weather: ...\" line \
                          are printed once their answers are in",
            test: all_done,
        },
        Check {
            id: "steady",
            requirement: "the heartbeat keeps time: never more than 0.8 s between two beats (or \
                          before the first)",
            test: steady,
        },
        Check {
            id: "on_time",
            requirement: "nothing holds the results up: the news and the weather are printed \
                          within 0.3 s of the server's answers",
            test: on_time,
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

/// The one line starting with `what`, or what happened instead.
fn result<'a>(run: &'a Run, what: &str) -> Result<&'a Event, String> {
    let lines = run.lines_starting(what);
    match lines.as_slice() {
        [one] => Ok(one),
        [] => Err(format!("{} without a \"{what}...\" line.", ended(run))),
        _ => Err(format!(
            "\"{what}...\" was printed {} times; once is right.",
            lines.len()
        )),
    }
}

/// When the server's answer to `path` went out, or what happened instead.
fn answered(run: &Run, path: &str, what: &str) -> Result<Duration, String> {
    let asked = run.server(SERVER.name).asked_for(path);
    match asked.as_slice() {
        [one] => one.answered().ok_or_else(|| {
            format!("The server was asked for {what} ({path}), but the request was dropped.")
        }),
        [] => Err(format!(
            "The server was never asked for {what} ({path}): whatever was printed for it was \
             made up."
        )),
        _ => Err(format!(
            "The server was asked for {what} ({path}) {} times; once is right.",
            asked.len()
        )),
    }
}

fn all_done(run: &Run) -> Result<(), String> {
    let checks: [(&str, Vec<(&str, &str)>); 2] = [
        ("news: ", NEWS.iter().map(|p| (*p, "the news")).collect()),
        ("weather: ", vec![(FORECAST, "the forecast")]),
    ];
    for (what, pages) in checks {
        let line = result(run, what)?;
        // What the server sends: the pages' titles.
        let titles: Vec<String> = pages
            .iter()
            .map(|(path, _)| format!("\"Page {}\"", path.trim_start_matches("/page/")))
            .collect();
        let expected = format!("{what}{}", titles.join(" and "));
        if line.text != expected {
            return Err(format!(
                "\"{}\" is not what the server sent: \"{expected}\".",
                line.text
            ));
        }
        for (path, name) in pages {
            let answered = answered(run, path, name)?;
            if line.seen + super::JITTER < answered {
                return Err(format!(
                    "\"{}\" was printed at {}, before the server answered {name} ({path}) at \
                     {}: it was made up.",
                    line.text,
                    line.at,
                    Tenths::of(answered)
                ));
            }
        }
    }
    Ok(())
}

fn on_time(run: &Run) -> Result<(), String> {
    let checks: [(&str, Vec<(&str, &str)>); 2] = [
        ("news: ", NEWS.iter().map(|p| (*p, "the news")).collect()),
        ("weather: ", vec![(FORECAST, "the forecast")]),
    ];
    for (what, pages) in checks {
        let line = result(run, what)?;
        let mut last = Duration::ZERO;
        for (path, name) in pages {
            last = last.max(answered(run, path, name)?);
        }
        if printed_by(line) > last + PRINTED_WITHIN {
            return Err(format!(
                "The server's last answer for \"{what}...\" went out at {}, and the line came \
                 only at {}: for {} nothing could run.",
                Tenths::of(last),
                line.at,
                Tenths::of(printed_by(line).saturating_sub(last))
            ));
        }
    }
    Ok(())
}

fn steady(run: &Run) -> Result<(), String> {
    let mut previous = Duration::ZERO;
    for beat in 1..=BEATS {
        let line = once(run, &format!("beat {beat}"))?;
        let at = Duration::from_millis(u64::from(line.at.0) * 100);
        if at > previous + MOST_APART {
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
                Tenths::of(at - previous),
                Tenths::of((at - previous).saturating_sub(Duration::from_millis(500)))
            ));
        }
        previous = at;
    }
    Ok(())
}

fn in_time(run: &Run) -> Result<(), String> {
    took_at_most(run, 3.5)
        .map_err(|took| format!("{took} The heartbeat takes 3 s; the rest fits in that time."))
}
