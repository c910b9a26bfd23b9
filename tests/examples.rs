//! Every example, run as a real process: its stdout must match its snapshot in `tests/snapshots/`,
//! and its total time must match the claim the book makes about it.
//!
//! The other test files are modules of this one test binary, so that all of their tests run at the
//! same time (`RUST_TEST_THREADS` is raised in `.cargo/config.toml`) and the suite takes about as
//! long as the longest example, not the sum of the files. Examples that compute wait for their
//! share of the CPU (`common::budget`), which their line of the registry below asks for; the ones
//! that only wait start at once.
//! `tests/compile_fail.rs` is the test of the package `checks/`: it compiles, and must not
//! run beside the examples.
//!
//! # What stays the same from run to run, and why
//!
//! The suite must pass again and again on a busy machine (`just stress 20` runs it 20 times with a
//! core kept busy). Each kind of test holds for its own reason:
//!
//! - **Snapshots of output** (`snapshot!`): the order of the lines, their text and the jobs on the
//!   timeline are compared exactly; they are the same on every run by construction, because
//!   events that could be noticed in either order are planned at least 0.2 s apart and the
//!   runtimes are told to poll in a fixed order (`join!(biased; ...)`). The *times* (stamps,
//!   totals, times in the text such as "noticed after 3.0 s", the ends of bars) may be up to
//!   `common::LATE_BY_AT_MOST` (0.2 s) off the recorded ones: a process that is held back prints
//!   a later tenth, and the delays of waits one after another add up. The comparison is
//!   `workbook::output::differences`; a failure lists the lines beyond it. A learner on a quiet
//!   machine sees exactly the snapshot, which is what the book shows. A run that misses its
//!   snapshot or its claim only by being late (beyond 0.2 s but within 1 s, every line otherwise
//!   the same) is run once more, and the second run is checked: a stalled machine makes every
//!   program late at once, and a program that is really slower is late again
//!   (`common::ONCE_MORE_IF_LATE_BY_AT_MOST`).
//! - **Timing claims** (`Claim`, `common::check_claim`): the printed total is the claim (a sum for
//!   one-after-another jobs, the longest chain for overlapping ones) or up to 0.2 s more, never
//!   less; the process's wall time, measured from outside, is never less than the claim and at
//!   most 5 % + 0.7 s more (0.5 s to start a process on a busy machine, 0.2 s of lateness).
//!   Nothing can end early, so only lateness needs a margin.
//! - **Properties of figures that vary** (`pitfalls.rs`, `models.rs`, `runtimes.rs`' `scale` and
//!   `gather_threads`): ratios and bounds (cores busy, memory held, two threads faster than one),
//!   never a figure; where a figure is machine-dependent, the best of a few runs.
//! - **Faults and servers** (`http.rs`, `ecosystem.rs`, `arguments_and_cleanup.rs`): what happened
//!   (the line printed, the exit code, the files left), never when; a server's stamps after its
//!   first line are hidden (`common::client_times_hidden`), since the test's client decides them.
//! - **The book** (`book.rs`): the text of files only; nothing is timed.
//!
//! What else keeps the runs the same (`tests/common`): the CPU budget keeps the computing examples
//! from starving the sleeping ones (without it, a hundred processes started at once were held
//! back by tenths of a second); the examples that measure a speed-up run first, with nothing else
//! computing, beside the on-time HTTP clients; every example's code is read into memory, and
//! locked there where the system allows, before the first one starts (a machine that has
//! forgotten the files otherwise reads them from the disk for a hundred processes at once, and
//! this one forgets files idle for seconds); and the programs write their scratch files in memory,
//! so that 200 MB of file lessons, some with `fsync`, keep no one else waiting for the disk.
//! `WORKBOOK_TEST_TRACE=FILE` writes when each program was asked for, started, and how long it
//! took: `just stress` keeps it beside the log of a failed run.

#[macro_use]
mod common;

mod arguments_and_cleanup;
mod book;
mod ecosystem;
mod faults;
mod hostile;
mod http;
mod inside;
mod models;
mod pitfalls;
mod python;
mod runtimes;
mod virtual_time;

use std::collections::BTreeSet;
use std::sync::LazyLock;

use common::{Demand, alone, check_claim, cpu, first_run};

/// How long an example takes, and why: the timing claim its chapter makes.
enum Claim {
    /// One job after another: the total is the sum of the jobs, in seconds.
    SumOf(&'static [f64]),
    /// Jobs that overlap: the total is the longest of the chains of jobs that wait for each other.
    LongestOf(&'static [f64]),
    /// The example makes no claim about time.
    Untimed,
}
use Claim::{LongestOf, SumOf, Untimed};

impl Claim {
    fn expected_seconds(&self) -> Option<f64> {
        match self {
            SumOf(jobs) => Some(jobs.iter().sum()),
            LongestOf(chains) => chains.iter().copied().reduce(f64::max),
            Untimed => None,
        }
    }

    /// The example computes on `threads` threads at once, for about `seconds`: it starts once
    /// that fits in the CPU budget (`common::budget`).
    fn computing(self, threads: usize, seconds: u32) -> Line {
        Line {
            claim: self,
            demand: cpu(threads, seconds),
        }
    }

    /// The example only waits, but one short wait after another, each easily made late
    /// (`Demand::OnTime`): while it runs, the other examples compute less.
    fn on_time(self) -> Line {
        Line {
            claim: self,
            demand: Demand::OnTime,
        }
    }
}

/// A line of the registry: the timing claim, and what the example asks of the CPU while it runs.
struct Line {
    claim: Claim,
    demand: Demand,
}

/// Most examples only wait: a claim alone is a line whose example asks for little.
impl From<Claim> for Line {
    fn from(claim: Claim) -> Line {
        Line {
            claim,
            demand: Demand::Little,
        }
    }
}

/// A run of an example registered by [`examples!`]: the test's name, the example and its
/// arguments, and its line.
struct Registered {
    test: &'static str,
    example: &'static str,
    args: &'static [&'static str],
    line: Line,
}

/// Runs `example` with `args`, compares its stdout with the snapshot `snapshot`, and checks `claim`
/// on the total it printed and on the wall time of the process (`common::check_claim`).
///
/// A run that missed only by being late is run once more (see
/// `common::ONCE_MORE_IF_LATE_BY_AT_MOST`), and that run is checked.
fn check(snapshot: &str, example: &str, args: &[&str], claim: &Claim) {
    let first = first_run(example, args);
    let late_for_its_claim = claim.expected_seconds().is_some_and(|expected| {
        matches!(
            common::claimed(example, first, expected),
            common::Claimed::Late(_)
        )
    });
    let late =
        late_for_its_claim || common::only_late(&format!("examples__{snapshot}"), &first.stdout);
    let again;
    let run = if late {
        eprintln!("{example} {args:?}: only late, beyond the tolerance: once more");
        again = common::run_example(example, args);
        &again
    } else {
        first
    };
    run.assert_succeeded(example);
    snapshot!(snapshot, run.stdout);
    if let Some(expected) = claim.expected_seconds() {
        check_claim(example, run, expected);
    }
}

/// The registry: one line a test. `test_name: claim` runs the example of that name with no
/// arguments; `test_name = "example" ["arg", ...]: claim` runs it with arguments. A claim
/// followed by `.computing(threads, seconds)` or `.on_time()` says what the example asks of the
/// CPU (see [`Claim`]); without, it only waits.
macro_rules! examples {
    ($($test:ident $(= $example:literal [$($arg:literal),*])? : $line:expr,)*) => {
        $(
            #[test]
            fn $test() {
                let run = registered(stringify!($test));
                check(run.test, run.example, run.args, &run.line.claim);
            }
        )*
        /// Every line of the registry.
        static REGISTRY: LazyLock<Vec<Registered>> = LazyLock::new(|| vec![$(Registered {
            test: stringify!($test),
            example: examples!(@name $test $($example)?),
            args: &[$($($arg),*)?],
            line: Line::from($line),
        }),*]);
    };
    (@name $test:ident $example:literal) => { $example };
    (@name $test:ident) => { stringify!($test) };
}

/// The registry's line for the test `test`.
fn registered(test: &str) -> &'static Registered {
    REGISTRY
        .iter()
        .find(|run| run.test == test)
        .expect("every test of the registry has its line")
}

/// What a run of `example` with `args` asks of the CPU: what its line of the registry says (or
/// [`SNAPSHOTTED_ELSEWHERE`]'s). A run with arguments of its own (a fault, a file of URLs) asks
/// what the example's run without arguments asks; an example on no line only waits.
pub fn demand_of(example: &str, args: &[&str]) -> Demand {
    let lines = || REGISTRY.iter().filter(|run| run.example == example);
    lines()
        .find(|run| run.args == args)
        .or_else(|| lines().find(|run| run.args.is_empty()))
        .map(|run| run.line.demand)
        .or_else(|| {
            SNAPSHOTTED_ELSEWHERE
                .iter()
                .find(|other| other.example == example)
                .map(|other| other.demand)
        })
        .unwrap_or(Demand::Little)
}

examples! {
    print_sync: SumOf(&[2.0, 1.0]),
    print_async: LongestOf(&[2.0, 1.0]),
    sleep_sync: SumOf(&[2.0, 1.0]),
    sleep_async: LongestOf(&[2.0, 1.0]),
    loop_sync: SumOf(&[1.0, 1.0, 1.0, 1.0]),
    loop_async: LongestOf(&[1.0, 1.0, 1.0, 1.0]),
    // Plain futures awaited one by one run one after another.
    loop_async_mistake: SumOf(&[1.0, 1.0, 1.0, 1.0]),
    gather_sync: SumOf(&[3.0, 1.0, 2.0]),
    gather_async: LongestOf(&[3.0, 1.0, 2.0]),
    // dishwasher, washer, dryer, water, 10 potatoes of 0.7 s. It cleans its potatoes last, from
    // 13 s to 20 s, when the rest of the suite has done its computing: holding a thread of the
    // budget for all of its 20 s would only make the suite longer.
    chores_sync: SumOf(&[3.0, 3.0, 3.0, 4.0, 7.0]),
    // The potatoes never yield, so the dryer can only start after them: potatoes + dryer.
    chores_async: SumOf(&[7.0, 3.0]).computing(1, 10),
    // Chains: dishwasher; washer then dryer; water; potatoes.
    chores_async_yield: LongestOf(&[3.0, 3.0 + 3.0, 4.0, 7.0]).computing(1, 7),

    // More of the lesson: lazy futures and tasks, counters, yielding, a job queue, files.
    // Main waits 1 s, then awaits the answer, which only then starts its 2 s.
    future_lazy: SumOf(&[1.0, 2.0]),
    // The task starts at once: main's 1 s overlaps the answer's 2 s.
    task_spawn: LongestOf(&[1.0, 2.0]),
    // Main computes 1 s without an `.await`, so the task only starts after it.
    task_spawn_no_yield: SumOf(&[1.0, 2.0]),
    // Main returns after 1 s and cuts the 2 s task off.
    task_spawn_dropped: SumOf(&[1.0]),
    // Ten apples of 0.1 s, then ten peaches of 0.2 s; or both at once.
    count_sync: SumOf(&[1.0, 2.0]),
    count_async: LongestOf(&[1.0, 2.0]),
    baton: Untimed,
    baton_no_yield: Untimed,
    baton_tasks: Untimed,
    // Ten jobs of 1 s; each worker's chain of jobs is one entry.
    queue_async: SumOf(&[1.0; 10]),
    queue_async_2_workers = "queue_async" ["--workers", "2"]: LongestOf(&[5.0, 5.0]),
    queue_async_3_workers = "queue_async" ["--workers", "3"]: LongestOf(&[4.0, 3.0, 3.0]),
    queue_async_10_workers = "queue_async" ["--workers", "10"]: LongestOf(&[1.0; 10]),
    queue_semaphore_3_workers = "queue_semaphore" ["--workers", "3"]: LongestOf(&[4.0, 3.0, 3.0]),
    queue_buffered_3_workers = "queue_buffered" ["--workers", "3"]: LongestOf(&[4.0, 3.0, 3.0]),
    // Counts and sizes only: file times vary from disk to disk (see `cargo measure files`).
    files_sync: Untimed,
    files_async: Untimed,
    // ---- Talking to servers (HTTP). The workbook's server answers each page after 0.5 s; the
    // fault cases and the URL-file runs are tested in tests/http.rs.
    http_get_async: LongestOf(&[0.5]),
    // Ten round trips, one after another or at once, each easily made late: on time.
    http_many_sync: SumOf(&[0.5; 10]).on_time(),
    http_many_async: LongestOf(&[0.5; 10]).on_time(),
    // Two requests in flight at a time: five rounds of two pages.
    http_many_async_parallel_2 = "http_many_async" ["--parallel", "2"]: SumOf(&[0.5; 5]).on_time(),
    // ---- The ecosystem and use cases. The failure and Ctrl-C paths, the chat room, the crawler's
    // properties and the load test's shape are tested in tests/ecosystem.rs.
    // Three lookups at a time, the next as soon as one ends: orders 4, 5, 7; 2, 8; and 1.
    streams: LongestOf(&[0.4 + 0.4 + 1.6, 1.2 + 0.8, 1.6]),
    // Handed back in order: orders 1, 2 and 4 hold the three slots until order 1 (1.6 s) is done;
    // then 5, 7 and 8 start, and 7 takes 1.6 s.
    streams_in_order = "streams" ["--in-order"]: SumOf(&[1.6, 1.6]),
    // Five jobs, all waited for: the longest sets the total.
    task_group: LongestOf(&[0.6, 1.2, 1.8, 2.4, 3.0]),
    // Round 1 (naive), round 2 (shared) each as long as the slowest city; round 3 from the cache.
    memo_cache: SumOf(&[1.6, 1.6, 0.0]),
    // The blocking call and the rayon pool's 4 pieces of 0.45 s on 2 threads, side by side.
    blocking_work: LongestOf(&[1.5, 2.0 * 0.45]).computing(2, 1),
    // Six ticks every 0.5 s beside a 1.0 s blocking call at 0.7 s; Burst catches up on the two
    // missed ones at once.
    ticker: LongestOf(&[0.5 * 5.0, 0.7 + 1.0]),
    // Delay: the two ticks before the stall, the late tick at 1.7 s, then three more 0.5 s apart.
    ticker_delay = "ticker" ["--missed", "delay"]: SumOf(&[0.7, 1.0, 0.5, 0.5, 0.5]),
    // Skip: back on the 0.5 s grid after the late tick; the sixth tick is due at 3.0 s.
    ticker_skip = "ticker" ["--missed", "skip"]: SumOf(&[0.5; 6]),
    // Its time depends on the order in which the pages arrive; the graph and counts do not.
    crawler: Untimed,
    // ---- Runtimes and threads: the tokio lessons on smol and async-std (tests/runtimes.rs
    // checks that they print what tokio's print), and the potatoes on tokio's blocking pool. The
    // examples on many threads are tested in tests/runtimes.rs (see SNAPSHOTTED_ELSEWHERE).
    smol_gather: LongestOf(&[3.0, 1.0, 2.0]),
    async_std_gather: LongestOf(&[3.0, 1.0, 2.0]),
    // The potatoes never yield: potatoes, then the dryer.
    smol_chores: SumOf(&[7.0, 3.0]).computing(1, 10),
    async_std_chores: SumOf(&[7.0, 3.0]).computing(1, 10),
    // Chains: dishwasher; washer then dryer; water; potatoes. The longest is the potatoes'.
    smol_chores_yield: LongestOf(&[3.0, 3.0 + 3.0, 4.0, 7.0]).computing(1, 7),
    async_std_chores_yield: LongestOf(&[3.0, 3.0 + 3.0, 4.0, 7.0]).computing(1, 7),
    // The potatoes on the blocking pool: the same chains.
    chores_spawn_blocking: LongestOf(&[3.0, 3.0 + 3.0, 4.0, 7.0]).computing(1, 7),
    // Three runtimes one after another, each waiting 0.6 s for its tasks.
    dropped_handle: SumOf(&[0.6, 0.6, 0.6]),
    // The panic comes at once; then three waits of 0.5 s, one after another.
    mixing_runtimes: SumOf(&[0.5, 0.5, 0.5]),
    // ---- Pitfalls (book/src/pitfalls/).
    // A blocks the thread 1.2 s; B and C start only after it, and C's 1 s is the longer.
    pitfall_blocking_bug: SumOf(&[1.2, 1.0]),
    pitfall_blocking_fix_sleep: LongestOf(&[1.2, 0.6, 1.0]),
    pitfall_blocking_fix_spawn_blocking: LongestOf(&[1.2, 0.6, 1.0]),
    pitfall_cpu_loop_bug: SumOf(&[1.2, 1.0]).computing(1, 2),
    // B and C start after A's first page (0.4 s); C's wait ends after the last page.
    pitfall_cpu_loop_fix_yield: LongestOf(&[1.2, 0.4 + 0.6, 0.4 + 1.0]).computing(1, 2),
    pitfall_cpu_loop_fix_spawn_blocking: LongestOf(&[1.2, 0.6, 1.0]).computing(1, 2),
    // "Second" never runs.
    pitfall_unawaited_bug: SumOf(&[2.0]),
    pitfall_unawaited_fix: SumOf(&[2.0, 1.0]),
    // main returns after its own 1.5 s; the 2 s and 3 s jobs are cut off.
    pitfall_main_returns_bug: SumOf(&[1.5]),
    pitfall_main_returns_fix: LongestOf(&[1.5, 1.0, 2.0, 3.0]),
    pitfall_main_returns_fix_joinset: LongestOf(&[1.5, 1.0, 2.0, 3.0]),
    // Fixed work: how long it takes depends on the machine. tests/pitfalls.rs compares the cores
    // each keeps busy, so they ask for less than the 2-3 s they take here: the shortest start
    // last, when the chores have stopped computing.
    pitfall_join_bug: Untimed.computing(1, 1),
    pitfall_join_fix: Untimed.computing(2, 1),
    pitfall_spawn_static_fix_move: LongestOf(&[1.0, 2.0]),
    pitfall_spawn_static_fix_arc: LongestOf(&[1.0, 2.0]),
    pitfall_spawn_static_fix_scoped: LongestOf(&[1.0, 2.0]),
    pitfall_mutex_fix_scope: LongestOf(&[1.0, 1.5, 2.0]),
    // The async lock is held across each reply, so the replies come one after another.
    pitfall_mutex_fix_async: SumOf(&[1.0, 1.5, 2.0]),
    // It panics at once; the panic is caught and its message printed.
    pitfall_block_on_bug: Untimed,
    pitfall_block_on_fix: SumOf(&[1.0]),
    pitfall_block_on_fix_spawn_blocking: SumOf(&[1.0]),
    // The sender's last word comes at 0.3 s + 5 * 0.6 s.
    pitfall_select_bug: SumOf(&[0.3, 3.0]),
    pitfall_select_fix: SumOf(&[0.3, 3.0]),
    pitfall_select_fix_recv: SumOf(&[0.3, 3.0]),
    // Time and memory depend on the machine (tests/pitfalls.rs compares the memory). They take
    // 2-3 s here but ask for 1 s, so that they too start last: beside the timed pitfalls, with a
    // core kept busy, one of those once ended 1.1 s after its last line.
    pitfall_unbounded_bug: Untimed.computing(1, 1),
    pitfall_unbounded_fix: Untimed.computing(1, 1),
    pitfall_unbounded_fix_buffered: Untimed.computing(1, 1),
    // ---- How async works inside (book/src/inside/).
    // print_async's jobs with a hand-written timer.
    future_by_hand: LongestOf(&[2.0, 1.0]),
    // The timer is due at 1 s but nobody wakes it: main gives up after its 3 s.
    future_lost_wake: SumOf(&[3.0]),
    // print_async's job as a hand-written state machine: print_async's output (tests/inside.rs).
    state_machine: LongestOf(&[2.0, 1.0]),
    future_size: Untimed,
    // The lessons under the workbook's own event loop, each as long as under tokio.
    event_loop: LongestOf(&[2.0, 1.0]),
    event_loop_sleep = "event_loop" ["--sleep"]: LongestOf(&[2.0, 1.0]),
    event_loop_loop = "event_loop" ["--loop"]: LongestOf(&[1.0, 1.0, 1.0, 1.0]),
    // The potatoes' one poll of 7 s, then the dryer's 3 s, as in chores_async.
    event_loop_chores = "event_loop" ["--chores"]: SumOf(&[7.0, 3.0]).computing(1, 10),
    // The chores with their polls recorded take as long as without (chores_async, _yield).
    poll_log_chores: SumOf(&[7.0, 3.0]).computing(1, 10),
    poll_log_chores_yield: LongestOf(&[3.0, 3.0 + 3.0, 4.0, 7.0]).computing(1, 7),
    poll_log_chores_unordered: LongestOf(&[3.0, 3.0 + 3.0, 4.0, 7.0]).computing(1, 7),
    // Two futures of 0.5 s awaited one after the other.
    pin_future: SumOf(&[0.5, 0.5]),
    // A timeout of 0.4 s, a select! bell of 0.8 s, an abort after 0.3 s, main's last 0.9 s.
    cancel_drop: SumOf(&[0.4, 0.8, 0.3, 0.9]),
    // Two rounds, each as long as the dishwasher's 0.6 s.
    async_trait: SumOf(&[0.6, 0.6]),
    // Each machine, then 0.1 s to write it down.
    async_closure: LongestOf(&[0.6 + 0.1, 0.3 + 0.1, 0.9 + 0.1]),
}

/// An example with no line in the registry: a test of its own elsewhere runs it and snapshots
/// what it printed, with the checks one snapshot cannot make.
struct SnapshottedElsewhere {
    example: &'static str,
    /// What it asks of the CPU while it runs (see [`Claim::computing`]).
    demand: Demand,
    /// Where it is tested, and why there.
    why: &'static str,
}

/// The examples tested elsewhere, each with what it asks of the CPU and the reason.
const SNAPSHOTTED_ELSEWHERE: &[SnapshottedElsewhere] = &[
    SnapshottedElsewhere {
        example: "web_server",
        demand: Demand::Little,
        why: "a server runs until it is stopped; tests/http.rs starts it, fetches a page, kills \
              it and snapshots its stdout (http__web_server.snap, port and request times redacted)",
    },
    SnapshottedElsewhere {
        example: "chat_server",
        demand: Demand::Little,
        why: "a server runs until it is stopped; tests/ecosystem.rs connects real TCP clients to \
              it and snapshots its log of the session (ecosystem__chat_server.snap, port and \
              times redacted)",
    },
    SnapshottedElsewhere {
        example: "load_test",
        // A client and a server in one process, both as fast as they can go.
        demand: cpu(2, 1),
        why: "its numbers differ on every run; tests/ecosystem.rs checks that its counts add up \
              and snapshots its report (ecosystem__load_test.snap, measured figures redacted)",
    },
    SnapshottedElsewhere {
        example: "chores_multi_thread",
        demand: cpu(1, 7),
        why: "lines due at the same instant come from different threads, in either order: \
              tests/runtimes.rs snapshots it with those lines put in a fixed order \
              (runtimes__chores_multi_thread.snap)",
    },
    SnapshottedElsewhere {
        example: "gather_threads",
        // It measures how much sooner two threads clean the potatoes than one: alone.
        demand: alone(2, 4),
        why: "its potatoes take a different time on one thread and on two: tests/runtimes.rs \
              snapshots it (runtimes__gather_threads.snap) and compares the two",
    },
    SnapshottedElsewhere {
        example: "scale",
        demand: Demand::Little,
        why: "a benchmark: its numbers vary; tests/runtimes.rs runs it on every runtime for a \
              small N, checks its figures and snapshots them hidden \
              (runtimes__scale_smol_1000.snap)",
    },
    SnapshottedElsewhere {
        example: "models",
        // Waiting and computing five ways, each model's speed-up measured: alone.
        demand: alone(2, 5),
        why: "a benchmark: every number in its table changes from run to run; tests/models.rs \
              checks the table's shape and its claims, and snapshots it with the figures hidden \
              (models__models_small.snap)",
    },
];

/// Only a run that is late, and otherwise the same, is run once more: never one that is early,
/// far too late, or different in its lines.
#[test]
fn only_lateness_is_run_once_more() {
    let recorded = common::snapshot_body("examples__print_sync");
    let changed = |from: &[(&str, &str)]| {
        from.iter()
            .fold(recorded.clone(), |text, (old, new)| text.replace(old, new))
    };
    let late = changed(&[("[ 3.0s]", "[ 3.3s]"), ("Total: 3.0 s", "Total: 3.3 s")]);
    assert!(common::only_late("examples__print_sync", &late));
    let early = changed(&[("[ 3.0s]", "[ 2.7s]"), ("Total: 3.0 s", "Total: 2.7 s")]);
    assert!(!common::only_late("examples__print_sync", &early));
    let far_too_late = changed(&[("[ 3.0s]", "[ 4.2s]"), ("Total: 3.0 s", "Total: 4.2 s")]);
    assert!(!common::only_late("examples__print_sync", &far_too_late));
    let other_words = changed(&[("Total: 3.0 s", "Total: 3.3 s"), ("Second", "Third")]);
    assert!(!common::only_late("examples__print_sync", &other_words));
    assert!(!common::only_late("examples__print_sync", &recorded));

    let run = |total: &str, wall: f64| common::Run {
        stdout: format!("[ 3.0s] Second\n\nTotal: {total} s\n"),
        stderr: String::new(),
        code: Some(0),
        wall: std::time::Duration::from_secs_f64(wall),
    };
    let verdict = |total, wall| match common::claimed("print_sync", &run(total, wall), 3.0) {
        common::Claimed::Kept => "kept",
        common::Claimed::Late(_) => "late",
        common::Claimed::Missed(_) => "missed",
    };
    assert_eq!(verdict("3.0", 3.1), "kept");
    assert_eq!(verdict("3.4", 3.5), "late");
    assert_eq!(verdict("3.0", 4.6), "late");
    assert_eq!(verdict("2.9", 3.0), "missed");
    assert_eq!(verdict("3.0", 2.9), "missed");
    assert_eq!(verdict("4.5", 4.6), "missed");
}

#[test]
fn every_example_has_a_test() {
    let on_disk: BTreeSet<String> =
        std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/examples"))
            .expect("examples/ is readable")
            .filter_map(|entry| {
                let name = entry.ok()?.file_name().into_string().ok()?;
                Some(name.strip_suffix(".rs")?.to_string())
            })
            .collect();
    let tested: BTreeSet<String> = REGISTRY
        .iter()
        .map(|run| run.example)
        .chain(SNAPSHOTTED_ELSEWHERE.iter().map(|other| other.example))
        .map(|name| name.to_string())
        .collect();
    let untested: Vec<_> = on_disk.difference(&tested).collect();
    assert!(
        untested.is_empty(),
        "examples with no test in tests/examples.rs: {untested:?}"
    );
}

/// Each example tested elsewhere has the snapshot its reason names.
#[test]
fn the_examples_tested_elsewhere_are_snapshotted_there() {
    for other in SNAPSHOTTED_ELSEWHERE {
        let snapshot = other
            .why
            .split(|c: char| c.is_whitespace() || "(),".contains(c))
            .find_map(|word| word.strip_suffix(".snap"))
            .unwrap_or_else(|| panic!("{}: its reason names no snapshot", other.example));
        assert!(
            common::snapshot_path(snapshot).exists(),
            "{}: {snapshot}.snap is not in tests/snapshots",
            other.example
        );
    }
}
