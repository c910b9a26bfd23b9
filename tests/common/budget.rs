//! The CPU budget: how many threads of the examples' computing may run at once, and who waits for
//! whom. Every program the tests run takes its share before it starts and gives it back when it
//! ends; what each example asks for is written on its line of the registry in `tests/examples.rs`
//! (the Python programs': in `tests/python.rs`).

use std::sync::{Condvar, Mutex, OnceLock};
use std::time::{Duration, Instant};

/// How many threads of CPU work the example processes may keep busy at once.
/// Most examples that compute do so until deadlines (`workbook::cpu_work`, which catches up on
/// the time its thread waited for a core), so sharing a core slows none of them down; but every
/// thread that computes delays the wake-up of the processes that sleep. Tuned on a 2-core machine
/// (the one the book was measured on) with another program keeping one of its cores busy (`just
/// stress 20`): with the programs read and kept in memory ([`super::warm_up`]), scratch files in
/// memory ([`super::scratch_space`]), the on-time examples and those that run alone first, and
/// computing examples started 0.1 s apart, 16 passed 19 of 20 runs (one potato printed 0.2 s
/// late, which changed which line came first) with the examples binary at 22-27 s on a quiet
/// machine; 12 leaves the sleepers more room for about 3 s more. Before those changes the
/// failures were processes held back for half a second or more, whatever the budget (5, 6 and 8
/// were tried). A machine with more cores could allow more.
const CPU_BUDGET: usize = 12;

/// The budget while an example that is easily made late runs (see [`Demand::OnTime`]).
const QUIET_CPU_BUDGET: usize = 2;

/// What an example asks of the machine while it runs.
#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Demand {
    /// It only waits, or computes for a few milliseconds.
    Little,
    /// It computes on `threads` threads at once, for about `seconds` (the longest go first, so
    /// that the suite ends with the longest example, which only waits).
    Cpu { threads: usize, seconds: u32 },
    /// It measures how much faster work gets done on `threads` threads than on one: it runs
    /// while no other example computes, before any of them, for about `seconds`. (The examples
    /// that only wait run beside it, and so do the on-time ones: it computes on no more threads
    /// than [`QUIET_CPU_BUDGET`].)
    Alone { threads: usize, seconds: u32 },
    /// It only waits, but one wait after another, each a round trip between two threads (an HTTP
    /// request and its answer): each of them is a few milliseconds late on a busy machine, and
    /// ten of them would be a tenth of a second late. While it runs, the budget is the quiet one.
    OnTime,
}

/// The threads of the budget in use, the examples waiting for theirs, and the on-time examples
/// running or waiting to run.
struct CpuBudget {
    in_use: usize,
    waiting: Vec<Waiting>,
    tickets: u64,
    on_time: usize,
    /// How many examples that run alone are running.
    alone: usize,
    /// When the last example that computes started.
    last_start: Option<Instant>,
}

#[derive(Clone, Copy, PartialEq)]
struct Waiting {
    threads: usize,
    seconds: u32,
    ticket: u64,
    /// It runs while nothing else computes ([`Demand::Alone`]).
    alone: bool,
}

static BUDGET: Mutex<CpuBudget> = Mutex::new(CpuBudget {
    in_use: 0,
    waiting: Vec::new(),
    tickets: 0,
    on_time: 0,
    alone: 0,
    last_start: None,
});
static BUDGET_CHANGED: Condvar = Condvar::new();

impl CpuBudget {
    fn limit(&self) -> usize {
        if self.on_time > 0 {
            QUIET_CPU_BUDGET
        } else {
            CPU_BUDGET
        }
    }

    /// The waiter to start next: those that run alone first, then the longest, the first come
    /// among equals, once it fits. Nobody goes ahead of it, or a waiter for two threads could
    /// wait for ever behind those for one.
    fn next(&self) -> Option<Waiting> {
        self.waiting
            .iter()
            .min_by_key(|w| (!w.alone, std::cmp::Reverse(w.seconds), w.ticket))
            .filter(|w| {
                if w.alone {
                    self.in_use == 0
                } else {
                    self.alone == 0 && self.in_use + w.threads <= self.limit()
                }
            })
            .copied()
    }
}

fn lock_budget() -> std::sync::MutexGuard<'static, CpuBudget> {
    BUDGET.lock().unwrap_or_else(|e| e.into_inner())
}

/// What an example holds of the budget while it runs, given back when dropped.
pub struct CpuShare(Demand);

/// Waits until a program that asks for `demand` may run, and takes that share of the budget.
///
/// A test that takes a share for itself (it runs a server and its clients in-process, or many
/// short processes one after another) takes no other share while it holds this one: a test
/// waiting for a second share while it holds one could wait for ever behind an example that runs
/// alone.
pub fn cpu_share(demand: Demand) -> CpuShare {
    suite_age();
    let mut budget = lock_budget();
    match demand {
        Demand::Little => {}
        Demand::OnTime => {
            // From now on no more computing starts than the quiet budget allows; this example
            // starts once what already computes fits in it.
            budget.on_time += 1;
            while budget.in_use > QUIET_CPU_BUDGET {
                budget = BUDGET_CHANGED
                    .wait(budget)
                    .unwrap_or_else(|e| e.into_inner());
            }
        }
        Demand::Cpu { threads, seconds } => wait_for_turn(budget, threads, seconds, false),
        Demand::Alone { threads, seconds } => wait_for_turn(budget, threads, seconds, true),
    }
    CpuShare(demand)
}

/// How long after one example that computes starts the next one may. Measured here: seventeen
/// examples started at once, each computing from its first line, held some of the others back
/// half a second before their first line.
const COMPUTING_STARTS_APART: Duration = Duration::from_millis(100);

/// How long after the first test asked for its share no example starts to compute.
const ON_TIME_FIRST: Duration = Duration::from_millis(300);

/// How long ago the first test asked for its share of the budget.
fn suite_age() -> Duration {
    static FIRST_ASKED: OnceLock<Instant> = OnceLock::new();
    FIRST_ASKED.get_or_init(Instant::now).elapsed()
}

/// Waits in line for `threads` of the budget (first, and with nothing else computing, if
/// `alone`), and takes them.
fn wait_for_turn(
    mut budget: std::sync::MutexGuard<'static, CpuBudget>,
    threads: usize,
    seconds: u32,
    alone: bool,
) {
    budget.tickets += 1;
    let me = Waiting {
        threads,
        seconds,
        ticket: budget.tickets,
        alone,
    };
    budget.waiting.push(me);
    loop {
        // The tests all ask at once as the suite starts: the examples that must be on time
        // (`Demand::OnTime`) go first, while nothing computes yet. Then one computing example
        // starts at a time, `COMPUTING_STARTS_APART`.
        let since_last = budget.last_start.map_or(Duration::MAX, |at| at.elapsed());
        let settling = ON_TIME_FIRST
            .saturating_sub(suite_age())
            .max(COMPUTING_STARTS_APART.saturating_sub(since_last));
        if settling.is_zero() && budget.next() == Some(me) {
            break;
        }
        budget = if settling.is_zero() {
            BUDGET_CHANGED
                .wait(budget)
                .unwrap_or_else(|e| e.into_inner())
        } else {
            BUDGET_CHANGED
                .wait_timeout(budget, settling)
                .unwrap_or_else(|e| e.into_inner())
                .0
        };
    }
    budget.waiting.retain(|w| *w != me);
    budget.last_start = Some(Instant::now());
    budget.in_use += threads;
    budget.alone += usize::from(alone);
    // Another waiter may fit beside this one.
    BUDGET_CHANGED.notify_all();
}

impl Drop for CpuShare {
    fn drop(&mut self) {
        match self.0 {
            Demand::Little => return,
            Demand::OnTime => lock_budget().on_time -= 1,
            Demand::Cpu { threads, .. } => lock_budget().in_use -= threads,
            Demand::Alone { threads, .. } => {
                let mut budget = lock_budget();
                budget.in_use -= threads;
                budget.alone -= 1;
            }
        }
        BUDGET_CHANGED.notify_all();
    }
}

/// A program (or a test) that computes on `threads` threads at once for about `seconds`. An
/// example's line of the registry says it as `.computing(threads, seconds)`.
pub const fn cpu(threads: usize, seconds: u32) -> Demand {
    Demand::Cpu { threads, seconds }
}

/// An example that measures a speed-up on `threads` threads (see [`Demand::Alone`]).
pub const fn alone(threads: usize, seconds: u32) -> Demand {
    Demand::Alone { threads, seconds }
}
