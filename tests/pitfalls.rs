//! The pitfalls' claims that a snapshot cannot hold, because the numbers behind them change from
//! run to run: the examples print those numbers on stderr, and these tests check them as properties.
//!
//! - `join!` keeps computation on one thread; spawned tasks use more than one core, where the
//!   machine has more than one. On a machine busy with other work each run gets only a share of
//!   the cores, so the check compares the two runs made one after the other (two threads get a
//!   larger share than one), leniently, with three tries.
//! - Unbounded spawning holds far more memory than the bounded fixes.

use crate::common::{Run, first_run, run_example};

/// How many cores a run kept busy on average, from the example's stderr line
/// `wall time 1.62 s, CPU time 1.60 s: 0.99 cores busy on average`.
fn cores_busy(run: &Run, example: &str) -> f64 {
    assert_eq!(run.code, Some(0), "{example} failed:\n{}", run.stderr);
    let line = run
        .stderr
        .lines()
        .find(|l| l.ends_with("cores busy on average"))
        .unwrap_or_else(|| panic!("{example} printed no CPU time:\n{}", run.stderr));
    let number = line
        .rsplit(": ")
        .next()
        .and_then(|rest| rest.split(' ').next());
    number
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("cannot read the cores busy in {line:?}"))
}

/// Peak memory in MiB, from the example's stderr line `took 0.48 s; peak memory 47 MiB`.
fn peak_mib(example: &str) -> f64 {
    let run = first_run(example, &[]);
    assert_eq!(run.code, Some(0), "{example} failed:\n{}", run.stderr);
    let number = run
        .stderr
        .lines()
        .find_map(|l| l.split_once("peak memory ")?.1.strip_suffix(" MiB"));
    number
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{example} printed no peak memory:\n{}", run.stderr))
}

/// The cores an example kept busy in a run of its own, or in its first run (the one
/// `tests/examples.rs` snapshots).
fn cores_busy_again(example: &str) -> f64 {
    cores_busy(&run_example(example, &[]), example)
}

fn cores_busy_first(example: &str) -> f64 {
    cores_busy(first_run(example, &[]), example)
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

#[test]
fn join_keeps_computation_on_one_core() {
    // One thread cannot use more than one core, however idle the machine: true by construction.
    let busy = cores_busy_first("pitfall_join_bug");
    assert!(busy <= 1.1, "pitfall_join_bug kept {busy:.2} cores busy");
}

#[test]
fn spawned_computation_uses_more_than_one_core() {
    if cores() < 2 {
        eprintln!("one core only: nothing to run in parallel");
        return;
    }
    // Two threads computing at once keep up to two cores busy, one thread at most one. On an idle
    // machine the ratio is about 2; with one other busy process, about 1.3.
    let mut tries = Vec::new();
    for attempt in 0..3 {
        let (one_task, two_tasks) = if attempt == 0 {
            (
                cores_busy_first("pitfall_join_bug"),
                cores_busy_first("pitfall_join_fix"),
            )
        } else {
            (
                cores_busy_again("pitfall_join_bug"),
                cores_busy_again("pitfall_join_fix"),
            )
        };
        if two_tasks >= 1.2 * one_task {
            return;
        }
        tries.push((one_task, two_tasks));
    }
    panic!("the spawned tasks never kept more cores busy than join!: (bug, fix) {tries:.2?}");
}

#[test]
fn unbounded_spawning_holds_far_more_memory() {
    let unbounded = peak_mib("pitfall_unbounded_bug");
    for bounded in ["pitfall_unbounded_fix", "pitfall_unbounded_fix_buffered"] {
        let peak = peak_mib(bounded);
        assert!(
            unbounded >= 4.0 * peak,
            "{unbounded} MiB unbounded is not 4 times the {peak} MiB of {bounded}"
        );
    }
}
