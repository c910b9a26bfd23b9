//! Exercise 10: deposits run as tasks, with no lock held across an `.await`, and no deposit lost.

use std::time::Duration;

use exercises::ex10::{DEPOSITS, OPENING_BALANCE as OPENING};

use super::{ended, once, took_at_most};
use crate::exercise::{Check, Exercise};
use crate::program::{Event, Run};

pub const EXERCISE: Exercise = Exercise {
    number: "10",
    name: "lock",
    title: "A lock across an await",
    limit: Duration::from_secs(7),
    starter_fails: "together",
    stuck: "Five deposits of 1 s should be over in about 1 s. Is a deposit waiting for a lock \
            that is never let go? One that holds a std::sync::Mutex across an .await, while \
            another on the same thread asks for it, blocks that thread for good.",
    sites: &[],
    checks: &[
        Check {
            id: "all_confirmed",
            requirement: "each deposit 1 to 5 is asked for once and confirmed once",
            test: all_confirmed,
        },
        Check {
            id: "balance",
            requirement: "the balances add up: each deposit's confirmed balance is the one \
                          before it plus its amount, and the final balance, 350, is the last of \
                          them",
            test: balance,
        },
        Check {
            id: "together",
            requirement: "the deposits wait for their confirmations at the same time: the run \
                          takes at most 1.8 s, not 5 s",
            test: together,
        },
    ],
};

fn asked(run: &Run, number: usize) -> Result<&Event, String> {
    once(
        run,
        &format!("deposit {number}: {} asked for", DEPOSITS[number - 1]),
    )
}

fn confirmed(run: &Run, number: usize) -> Result<&Event, String> {
    let lines = run.lines_starting(&format!("deposit {number}: confirmed"));
    match lines.as_slice() {
        [one] => Ok(one),
        [] => Err(format!(
            "{} before deposit {number} was confirmed.",
            ended(run)
        )),
        _ => Err(format!(
            "Deposit {number} was confirmed {} times.",
            lines.len()
        )),
    }
}

fn all_confirmed(run: &Run) -> Result<(), String> {
    if run.lines_starting("deposit ").is_empty() {
        return Err(format!("{} before any deposit started.", ended(run)));
    }
    for number in 1..=DEPOSITS.len() {
        asked(run, number)?;
        confirmed(run, number)?;
    }
    Ok(())
}

/// The balance a deposit's confirmation line shows: `deposit 3: confirmed, balance 250`.
fn shown_balance(line: &Event) -> Result<u64, String> {
    line.text
        .rsplit(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .ok_or_else(|| format!("Cannot read a balance in \"{}\".", line.text))
}

fn balance(run: &Run) -> Result<(), String> {
    // The confirmations in the order they were printed: each adds its amount to the one before.
    let mut confirmations: Vec<(usize, &Event)> = (1..=DEPOSITS.len())
        .map(|number| confirmed(run, number).map(|line| (number, line)))
        .collect::<Result<_, _>>()?;
    confirmations.sort_by_key(|(_, line)| run.position(line));
    let lines = run.lines_starting("Final balance: ");
    let [line] = lines.as_slice() else {
        return Err(format!(
            "{} without printing its final balance (\"Final balance: N\") once.",
            ended(run)
        ));
    };
    let final_balance = shown_balance(line)?;
    if let Some((number, last)) = confirmations.last() {
        let left = shown_balance(last)?;
        if final_balance != left {
            return Err(format!(
                "The final balance printed is {final_balance}, but the last deposit confirmed, \
                 deposit {number} at {}, left the account at {left}: the final balance must be \
                 what the account holds, not worked out apart.",
                last.at
            ));
        }
    }
    let mut expected = OPENING;
    let mut before = format!("the opening balance, {OPENING}");
    for (number, line) in confirmations {
        let amount = DEPOSITS[number - 1];
        expected += amount;
        let shown = shown_balance(line)?;
        if shown != expected {
            return Err(format!(
                "Deposit {number} ({amount}) was confirmed at {} with balance {shown}, but {before} \
                 plus {amount} is {expected}: {}.\nTwo deposits read the same balance, each added \
                 its own amount to it, and the last one to write it back won.",
                line.at,
                if shown < expected {
                    format!("{} went missing", expected - shown)
                } else {
                    "money came from nowhere".to_string()
                }
            ));
        }
        before = format!("the balance before it, {shown},");
    }
    Ok(())
}

fn together(run: &Run) -> Result<(), String> {
    let Err(took) = took_at_most(run, 1.8) else {
        return Ok(());
    };
    for number in 2..=DEPOSITS.len() {
        let (Ok(previous), Ok(asked)) = (confirmed(run, number - 1), asked(run, number)) else {
            continue;
        };
        if run.position(asked) > run.position(previous) {
            return Err(format!(
                "{took} Deposit {number} was asked for at {}, after deposit {} was confirmed at \
                 {}: the deposits ran one after another.",
                asked.at,
                number - 1,
                previous.at
            ));
        }
    }
    let last = (1..=DEPOSITS.len())
        .filter_map(|number| confirmed(run, number).ok())
        .max_by_key(|line| line.at);
    if let Some(last) = last {
        return Err(format!(
            "{took} Every deposit was asked for at the start, but the last was confirmed only at \
             {}: each waited for the one before it.\nDoes each deposit hold the lock while it \
             waits for its confirmation?",
            last.at
        ));
    }
    Err(took)
}
