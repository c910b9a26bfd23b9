//! Exercise 07: race two mirrors for each file, keep the first answer, stop the loser.

use std::time::Duration;

use exercises::ex07::{FILES, MIRROR_A, MIRROR_B};
use exercises::site::Site;

use super::{ended, once, printed_by, took_at_most};
use crate::exercise::{Check, Exercise};
use crate::program::{Event, Logged, Run, Tenths};

/// How soon after the winner's answer the loser's request must be dropped.
const AT_ONCE: Duration = Duration::from_millis(200);
/// How long after the faster mirror's answer its copy may be kept.
const KEPT_WITHIN: Duration = Duration::from_millis(250);

pub const EXERCISE: Exercise = Exercise {
    number: "07",
    name: "race",
    title: "Race two mirrors",
    limit: Duration::from_secs(10),
    starter_fails: "first_answer",
    stuck: "Each file should take about 0.5 s. Is something waiting for an answer that never \
            comes?",
    sites: &[&MIRROR_A, &MIRROR_B],
    checks: &[
        Check {
            id: "kept_each",
            requirement: "one copy of each file 1 to 3 is kept: \"file N: kept mirror X's copy\"",
            test: kept_each,
        },
        Check {
            id: "both_asked",
            requirement: "both mirrors are asked for each file at once: by the mirrors' logs, \
                          neither only once the other's request is over",
            test: both_asked,
        },
        Check {
            id: "first_answer",
            requirement: "each copy kept is the first to arrive: from mirror A for file 1, B for \
                          file 2, A for file 3",
            test: first_answer,
        },
        Check {
            id: "in_time",
            requirement: "each file takes the faster mirror's time, kept as soon as its answer \
                          is in: the run takes at most 2.3 s",
            test: in_time,
        },
        Check {
            id: "loser_stopped",
            requirement: "the slower mirror's request is dropped as soon as the race is won: it \
                          never answers",
            test: loser_stopped,
        },
    ],
};

const MIRRORS: [(&str, &Site); 2] = [("A", &MIRROR_A), ("B", &MIRROR_B)];

fn path(file: u32) -> String {
    format!("/page/{file}")
}

/// The faster mirror for a file, and the slower one, by the mirrors' own tables.
fn winner_and_loser(file: u32) -> ((&'static str, &'static Site), (&'static str, &'static Site)) {
    let delay = |site: &Site| site.delay(&path(file)).unwrap_or(Duration::MAX);
    if delay(&MIRROR_A) <= delay(&MIRROR_B) {
        (MIRRORS[0], MIRRORS[1])
    } else {
        (MIRRORS[1], MIRRORS[0])
    }
}

fn kept_line(run: &Run, file: u32) -> Result<&Event, String> {
    let lines = run.lines_starting(&format!("file {file}: kept mirror "));
    match lines.as_slice() {
        [one] => Ok(one),
        [] => Err(format!(
            "{} before a copy of file {file} was kept.",
            ended(run)
        )),
        _ => Err(format!("File {file} was kept {} times.", lines.len())),
    }
}

fn asking(run: &Run, file: u32) -> Result<&Event, String> {
    once(run, &format!("file {file}: asking both mirrors"))
}

/// The one request `mirror` had for `file`, or what happened instead.
fn request<'a>(run: &'a Run, name: &str, site: &Site, file: u32) -> Result<&'a Logged, String> {
    let asked = run.server(site.name).asked_for(&path(file));
    match asked.as_slice() {
        [one] => Ok(one),
        [] => Err(format!(
            "Mirror {name} was never asked for file {file} (its log has no request for {}): \
             nothing was raced.",
            path(file)
        )),
        _ => Err(format!(
            "Mirror {name} was asked for file {file} {} times; once is right.",
            asked.len()
        )),
    }
}

fn kept_each(run: &Run) -> Result<(), String> {
    for file in FILES {
        kept_line(run, file)?;
    }
    Ok(())
}

fn both_asked(run: &Run) -> Result<(), String> {
    for file in FILES {
        asking(run, file)?;
        let a = request(run, "A", &MIRROR_A, file)?;
        let b = request(run, "B", &MIRROR_B, file)?;
        // Raced means both in flight at once: neither asked only once the other was over.
        for ((first, one), (then, other)) in [(("A", a), ("B", b)), (("B", b), ("A", a))] {
            let Some((over, how)) = one.ended else {
                continue;
            };
            if other.asked >= over {
                let how = match how {
                    exercises::site::Ending::Answered => "answered",
                    exercises::site::Ending::Dropped => "given up",
                };
                return Err(format!(
                    "Mirror {then} was asked for file {file} at {}, once mirror {first}'s request \
                     for it was over ({how} at {}): the mirrors were asked one after the other, \
                     not raced.",
                    Tenths::of(other.asked),
                    Tenths::of(over)
                ));
            }
        }
    }
    Ok(())
}

fn first_answer(run: &Run) -> Result<(), String> {
    // "mirror A answered" is the program's word: the mirror's log must agree.
    for file in FILES {
        for (name, site) in MIRRORS {
            let said = format!("file {file}: mirror {name} answered");
            if let Some(line) = run.line(&said) {
                if request(run, name, site, file)?.answered().is_none() {
                    return Err(format!(
                        "\"{said}\" was printed at {}, but mirror {name}'s log shows no answer \
                         for file {file}: its request was dropped.",
                        line.at
                    ));
                }
            }
        }
    }
    for file in FILES {
        let kept = kept_line(run, file)?;
        let ((winner, winner_site), (loser, _)) = winner_and_loser(file);
        if kept.text == format!("file {file}: kept mirror {winner}'s copy") {
            continue;
        }
        let first = request(run, winner, winner_site, file)?
            .answered()
            .map(|at| {
                format!(
                    ", though mirror {winner}'s copy had come at {}",
                    Tenths::of(at)
                )
            })
            .unwrap_or_default();
        return Err(format!(
            "File {file} was kept from mirror {loser} at {}{first}.\nKeep whichever copy \
             arrives first: you do not know in advance which mirror is faster.",
            kept.at
        ));
    }
    Ok(())
}

fn in_time(run: &Run) -> Result<(), String> {
    for file in FILES {
        let kept = kept_line(run, file)?;
        let kept_at = printed_by(kept);
        let ((winner, site), _) = winner_and_loser(file);
        let Some(answered) = request(run, winner, site, file)?.answered() else {
            return Err(format!(
                "Mirror {winner}, the faster for file {file}, never answered: its request was \
                 dropped."
            ));
        };
        if kept_at > answered + KEPT_WITHIN {
            return Err(format!(
                "Mirror {winner}'s copy of file {file} came at {}, and it was kept only at {}: \
                 the program waited for the slower mirror too.",
                Tenths::of(answered),
                kept.at
            ));
        }
    }
    took_at_most(run, 2.3).map_err(|took| {
        format!("{took} Each file should take about 0.5 s, the faster mirror's time.")
    })
}

fn loser_stopped(run: &Run) -> Result<(), String> {
    for file in FILES {
        let ((winner, winner_site), (loser, loser_site)) = winner_and_loser(file);
        let won = request(run, winner, winner_site, file)?
            .answered()
            .unwrap_or_default();
        let lost = request(run, loser, loser_site, file)?;
        match lost.ended {
            Some((at, exercises::site::Ending::Dropped)) if at <= won + AT_ONCE => {}
            Some((at, how)) => {
                let what = match how {
                    exercises::site::Ending::Answered => "still answered",
                    exercises::site::Ending::Dropped => "was dropped only",
                };
                return Err(format!(
                    "Mirror {loser}'s request for file {file} {what} at {}, after the race was \
                     won at {}: the losing request went on.\n(A spawned task goes on when its \
                     JoinHandle is dropped.)",
                    Tenths::of(at),
                    Tenths::of(won)
                ));
            }
            None => {
                return Err(format!(
                    "Mirror {loser}'s request for file {file} was still in flight when the \
                     program ended, long after the race was won at {}.",
                    Tenths::of(won)
                ));
            }
        }
    }
    Ok(())
}
