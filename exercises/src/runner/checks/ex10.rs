//! Exercise 10: deposits run as tasks, with no lock held across an `.await`, and no deposit lost.

use std::time::Duration;

use super::{once, took_at_most};
use crate::exercise::{Check, Exercise};
use crate::program::{Event, Run};

/// The opening balance and the deposits, as in the starter.
const OPENING: u64 = 100;
const DEPOSITS: [u64; 5] = [50, 20, 80, 30, 70];

pub const EXERCISE: Exercise = Exercise {
    number: "10",
    name: "lock",
    title: "A lock across an await",
    limit: Duration::from_secs(12),
    cpu_bound: false,
    starter_fails: "together",
    stuck: "Five deposits of 1 s should be over in about 1 s. Is a deposit waiting for a lock \
            that is never let go? One that holds a std::sync::Mutex across an .await, while \
            another on the same thread asks for it, blocks that thread for good.",
    checks: &[
        Check {
            id: "all_confirmed",
            requirement: "each deposit 1 to 5 is asked for once and confirmed once",
            test: all_confirmed,
        },
        Check {
            id: "balance",
            requirement: "the final balance is right: 100 + 50 + 20 + 80 + 30 + 70 = 350",
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
        [] => Err(format!("Deposit {number} was never confirmed.")),
        _ => Err(format!(
            "Deposit {number} was confirmed {} times.",
            lines.len()
        )),
    }
}

fn all_confirmed(run: &Run) -> Result<(), String> {
    for number in 1..=DEPOSITS.len() {
        asked(run, number)?;
        confirmed(run, number)?;
    }
    Ok(())
}

fn balance(run: &Run) -> Result<(), String> {
    let expected = OPENING + DEPOSITS.iter().sum::<u64>();
    let lines = run.lines_starting("Final balance: ");
    let [line] = lines.as_slice() else {
        return Err("The line \"Final balance: N\" was not printed once.".to_string());
    };
    let Ok(balance) = line.text["Final balance: ".len()..].trim().parse::<u64>() else {
        return Err(format!("Cannot read a number in \"{}\".", line.text));
    };
    if balance == expected {
        return Ok(());
    }
    if balance < expected {
        return Err(format!(
            "The final balance is {balance}, not {expected}: {} went missing.\nTwo deposits \
             read the same balance, each added its own amount to it, and the last one to write \
             it back won.",
            expected - balance
        ));
    }
    Err(format!(
        "The final balance is {balance}, not {expected}: money came from nowhere."
    ))
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
