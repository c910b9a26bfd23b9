//! task_group: a group of jobs that waits for all of them, cancels the rest when one fails, and
//! shuts down gracefully on Ctrl-C: trio's nursery, or aiojobs' scheduler, with tokio's `JoinSet`.
//!
//! Five jobs run at once, for 0.6 s, 1.2 s, 1.8 s, 2.4 s and 3.0 s. A job told to stop tidies up
//! for 0.3 s before it ends (think of removing a half-written file), and the group waits for that.
//! Run: `cargo run --example task_group` (about 3 s: every job finishes). Then
//! `cargo run --example task_group -- --fail-at 2`: job 2 fails at 1.2 s, the others are cancelled
//! and the run ends at 1.5 s with an error. Press Ctrl-C during a run to stop it the same way.

use std::time::Duration;

use anyhow::{anyhow, bail};
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;
use workbook::{Seconds, say, summary, waiting};

const JOBS: u32 = 5;
const TIDY_UP: Duration = Duration::from_millis(300);

/// How a job ended, when it did not fail.
enum Ended {
    Done,
    Cancelled { after: Seconds },
}

/// One job: 0.6 s of work per number, which here is waiting, as for a download. It stops early
/// when `cancel` is triggered, and fails at its end if it is the one told to fail.
async fn job(number: u32, cancel: CancellationToken, fail: bool) -> (u32, Result<Ended, String>) {
    let work = Duration::from_millis(600 * u64::from(number));
    let bar = waiting(&format!("job {number}"), work);
    // Whichever comes first: the work is done, or someone cancels the group.
    let ended = tokio::select! {
        _ = tokio::time::sleep(work) => {
            if fail {
                say(format!("job {number} failed"));
                Err("the disk is full".to_string())
            } else {
                say(format!("job {number} done"));
                Ok(Ended::Done)
            }
        }
        _ = cancel.cancelled() => {
            let after = bar.elapsed();
            // Graceful: the job gets to clean up before it ends.
            tokio::time::sleep(TIDY_UP).await;
            Ok(Ended::Cancelled { after })
        }
    };
    bar.end();
    (number, ended)
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let fail_at = fail_at_from_args()?;

    // Every job gets a clone of the token; cancelling it reaches all of them.
    let cancel = CancellationToken::new();
    // The group owns its tasks: if `main` returned early, dropping the `JoinSet` would abort every
    // job still running. No task outlives the group.
    let mut group = JoinSet::new();
    for number in 1..=JOBS {
        group.spawn(job(number, cancel.clone(), fail_at == Some(number)));
    }
    say(format!("Started {JOBS} jobs"));

    let mut outcomes = Vec::new();
    let mut stopped_by = None;
    let mut ctrl_c = std::pin::pin!(tokio::signal::ctrl_c());
    // Wait for every job, whatever happens: the group ends only when the last job has ended.
    loop {
        let next = tokio::select! {
            next = group.join_next() => next,
            _ = &mut ctrl_c, if stopped_by.is_none() => {
                say("Ctrl-C: cancelling the jobs still running");
                stopped_by = Some("stopped by Ctrl-C".to_string());
                cancel.cancel();
                continue;
            }
        };
        let Some(ended) = next else { break };
        // A job that panicked, or was aborted, did not return: `join_next` gives a `JoinError`.
        let (number, outcome) = ended.map_err(|e| anyhow!("a job did not return: {e}"))?;
        if let Err(why) = &outcome {
            if stopped_by.is_none() {
                say("Cancelling the other jobs");
                stopped_by = Some(format!("job {number} failed: {why}"));
                cancel.cancel();
            }
        }
        outcomes.push((number, outcome));
    }

    say("All jobs have ended");
    outcomes.sort_by_key(|(number, _)| *number);
    for (number, outcome) in &outcomes {
        let how = match outcome {
            Ok(Ended::Done) => "done".to_string(),
            Ok(Ended::Cancelled { after }) => format!("cancelled after {after}, tidied up"),
            Err(why) => format!("failed: {why}"),
        };
        println!("  job {number}: {how}");
    }
    summary();
    if let Some(why) = stopped_by {
        bail!("{why}");
    }
    Ok(())
}

/// `--fail-at N` makes job N fail at its end.
fn fail_at_from_args() -> anyhow::Result<Option<u32>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [] => Ok(None),
        [flag, value] if flag == "--fail-at" => match value.parse() {
            Ok(n) if (1..=JOBS).contains(&n) => Ok(Some(n)),
            _ => bail!("--fail-at takes a job number from 1 to {JOBS}, not {value}"),
        },
        _ => bail!("usage: [--fail-at JOB]"),
    }
}
