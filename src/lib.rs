//! What the examples share: a clock that stamps each printed line, bars for a timeline, the
//! timeline itself, drawn when an example ends, and CPU work ([`cpu_work`], [`count_primes`]).
//!
//! These helpers only print, time, draw and compute. They never spawn, join or sleep: the
//! concurrency an example is about is always in the example's own code. The one exception is
//! [`server`], the web server the HTTP examples talk to, which stands in for a machine elsewhere on
//! the network: it spawns and sleeps as any server does. Measuring the examples and recording the
//! figures the book shows is the job of the `measure/` tool (`cargo measure --help`), not of this
//! library.
//!
//! Every time shown is measured, then rounded *down* to a tenth of a second. Sleeps and busy loops
//! never end early, and the examples are designed so that no two events race for the same instant,
//! so a run prints exactly the same text every time (see `book/src/reading-the-output.md`).

pub mod cli;
pub mod output;
pub mod poll_log;
pub mod scratch;
pub mod server;
pub mod url_list;
pub mod usage;

pub use cli::Result;

use std::cell::Cell;
use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

/// The widest a timeline may be, label included, so it fits an 80-column terminal.
const MAX_WIDTH: usize = 80;

static START: OnceLock<Instant> = OnceLock::new();
static BARS: Mutex<Vec<Finished>> = Mutex::new(Vec::new());
static BARS_BEGUN: AtomicUsize = AtomicUsize::new(0);

/// The moment the clock started: the first time anything here was called.
fn start() -> Instant {
    *START.get_or_init(|| {
        // Before the first line: check the command line, set up the quiet end on a closed stdout.
        cli::clock_starts();
        Instant::now()
    })
}

/// A duration shown the way the examples show it: `2.0 s`, rounded down to a tenth.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Seconds {
    tenths: u64,
}

impl Seconds {
    fn of(duration: Duration) -> Seconds {
        let tenths = duration.as_millis() / 100;
        Seconds {
            tenths: u64::try_from(tenths).unwrap_or(u64::MAX),
        }
    }

    /// The time since the clock started.
    pub fn since_start() -> Seconds {
        Seconds::of(start().elapsed())
    }

    /// The time from the start of the clock to `instant` (zero for an instant before it).
    pub fn at(instant: Instant) -> Seconds {
        Seconds::of(instant.saturating_duration_since(start()))
    }
}

impl fmt::Display for Seconds {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{} s", self.tenths / 10, self.tenths % 10)
    }
}

/// Prints `line` behind the time since the program started: `[ 2.0s] First`.
pub fn say(line: impl fmt::Display) {
    let now = Seconds::since_start();
    let stamp = format!("{}.{}", now.tenths / 10, now.tenths % 10);
    println!("[{stamp:>4}s] {line}");
}

/// What a job is doing while its bar runs: the timeline draws each kind with its own character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// The CPU is busy with the job's own work: `█`.
    Working,
    /// The job waits for something outside the program that is due `due` after the bar began:
    /// `░` until then, and `▒` from then until the program notices (`Bar::end`). With no `due`,
    /// `░` throughout: the program cannot know in advance when the wait ends.
    Waiting { due: Option<Duration> },
}

/// One job's bar on the timeline, from [`waiting`] or [`working`] until [`Bar::end`].
#[must_use = "a bar shows on the timeline only once `end` is called"]
pub struct Bar {
    job: String,
    order: usize,
    began: Instant,
    kind: Kind,
}

struct Finished {
    job: String,
    order: usize,
    from: Seconds,
    to: Seconds,
    kind: Kind,
}

fn begin(job: &str, kind: Kind) -> Bar {
    start();
    Bar {
        job: job.to_string(),
        order: BARS_BEGUN.fetch_add(1, Ordering::Relaxed),
        began: Instant::now(),
        kind,
    }
}

/// Starts the bar of a `job` that waits for something outside the program (a timer, a machine, a
/// server) that is due `due` from now. The timeline draws it `░` until it was due, then `▒` until
/// the program noticed, at [`Bar::end`]: the part of the wait the program made longer.
pub fn waiting(job: &str, due: Duration) -> Bar {
    begin(job, Kind::Waiting { due: Some(due) })
}

/// Starts the bar of a `job` that waits for something whose moment the program cannot know in
/// advance (an answer from a server, a lock, another task): drawn `░` until [`Bar::end`].
pub fn waiting_for(job: &str) -> Bar {
    begin(job, Kind::Waiting { due: None })
}

/// Starts the bar of a `job` that keeps the CPU busy with its own work: drawn `█`.
pub fn working(job: &str) -> Bar {
    begin(job, Kind::Working)
}

impl Bar {
    /// How long ago this bar began: the difference of the two times as they are printed, so that
    /// it always agrees with the lines above it.
    pub fn elapsed(&self) -> Seconds {
        let began = Seconds::of(self.began.duration_since(start()));
        Seconds {
            tenths: Seconds::since_start().tenths.saturating_sub(began.tenths),
        }
    }

    /// Ends the bar now. The timeline shows it from where it began to here.
    pub fn end(self) {
        let from = Seconds::of(self.began.duration_since(start()));
        let to = Seconds::since_start();
        let finished = Finished {
            job: self.job,
            order: self.order,
            from,
            to,
            kind: self.kind,
        };
        BARS.lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(finished);
    }
}

/// Prints the total time since the program started and the timeline of every ended bar, one row a
/// job in the order their first bars began.
pub fn summary() {
    let total = Seconds::since_start();
    let mut bars = std::mem::take(&mut *BARS.lock().unwrap_or_else(|e| e.into_inner()));
    bars.sort_by_key(|bar| bar.order);
    println!();
    println!("Total: {total}");
    print!("{}", timeline(&bars, total));
}

/// The characters of the timeline, and the words of its legend, in the order the legend lists them.
const WORKING: char = '█';
const WAITING: char = '░';
const NOT_NOTICED: char = '▒';
const LEGEND: [(char, &str); 3] = [
    (WORKING, "working"),
    (WAITING, "waiting"),
    (NOT_NOTICED, "done, not yet noticed"),
];

/// Draws the bars on one time axis, one row a job (bars of the same job share its row). Columns
/// per second are chosen so the whole run fits; a legend follows when more than one kind shows.
fn timeline(bars: &[Finished], total: Seconds) -> String {
    if bars.is_empty() {
        return String::new();
    }
    let label = bars
        .iter()
        .map(|b| b.job.chars().count())
        .max()
        .unwrap_or(0)
        + 2;
    let room = MAX_WIDTH - label - 4;
    let total_tenths = total.tenths.max(1);
    // Columns per second: as many as fit, from a set that keeps the axis easy to read.
    let per_second = [10, 5, 4, 2, 1]
        .into_iter()
        .find(|&c| (total_tenths * c).div_ceil(10) as usize <= room)
        .unwrap_or(1);
    let column = |tenths: u64| (tenths * per_second / 10) as usize;
    let width = column(total.tenths) + 1;
    // A labelled tick at least every 5 columns apart.
    let tick_every = [1, 2, 5, 10, 20, 50]
        .into_iter()
        .find(|&t| t * per_second >= 5)
        .unwrap_or(50);

    let mut out = String::new();
    let mut axis = String::new();
    let mut second = 0;
    while (second * per_second) as usize <= width {
        let at = (second * per_second) as usize;
        let mark = format!("{second}s");
        if axis.chars().count() <= at && at + mark.len() <= room + 2 {
            axis.push_str(&" ".repeat(at - axis.chars().count()));
            axis.push_str(&mark);
        }
        second += tick_every;
    }
    out.push_str(&format!(
        "{:label$}{}
",
        "",
        axis.trim_end()
    ));

    // One row a job, in the order of its first bar.
    let mut rows: Vec<(&str, Vec<char>)> = Vec::new();
    for bar in bars {
        let row = match rows.iter().position(|(job, _)| *job == bar.job) {
            Some(index) => &mut rows[index].1,
            None => {
                rows.push((&bar.job, Vec::new()));
                &mut rows.last_mut().expect("just pushed").1
            }
        };
        let from = column(bar.from.tenths);
        let to = column(bar.to.tenths).max(from + 1);
        // Where a wait was due: known by construction (the length of the wait), not measured.
        let due = match bar.kind {
            Kind::Waiting { due: Some(due) } => {
                column(bar.from.tenths.saturating_add(Seconds::of(due).tenths)).max(from + 1)
            }
            Kind::Waiting { due: None } | Kind::Working => to,
        };
        if row.len() < to {
            row.resize(to, ' ');
        }
        for (at, cell) in row.iter_mut().enumerate().take(to).skip(from) {
            *cell = match bar.kind {
                Kind::Working => WORKING,
                Kind::Waiting { .. } if at < due => WAITING,
                Kind::Waiting { .. } => NOT_NOTICED,
            };
        }
    }
    for (job, row) in &rows {
        let row: String = row.iter().collect();
        out.push_str(&format!(
            "{job:label$}{}
",
            row.trim_end()
        ));
    }
    let shown: Vec<String> = LEGEND
        .iter()
        .filter(|(kind, _)| rows.iter().any(|(_, row)| row.contains(kind)))
        .map(|(kind, name)| format!("{kind} {name}"))
        .collect();
    if shown.len() > 1 {
        out.push_str(&format!(
            "{:label$}{}
",
            "",
            shown.join("  ")
        ));
    }
    out
}

/// Keeps one CPU core busy with real arithmetic for `duration` of wall time, and returns the result
/// so the compiler cannot skip the work. This is the examples' CPU-bound job: it holds the thread
/// it runs on exactly like a long calculation would, and lasts the same time however busy the
/// machine is.
///
/// What it can show: *when* work happens and what it holds up (a thread that computes notices
/// nothing else). What it cannot show: work getting done *faster*. It lasts a set time, so two
/// threads of it end on time even on one core, where real work would take turns; an example about
/// parallel speed-up uses a fixed amount of work instead, such as [`count_primes`].
///
/// Only pieces done truly back to back keep to a steady schedule: if the next one begins
/// microseconds after the previous one ended, not counting the time the operating system kept the
/// thread waiting for a core (on Linux, where the kernel tells), it starts when the previous one
/// was due to end, so that ten pieces of 0.7 s end at 7.0 s and not a little later each time on a
/// busy machine. A piece that begins later than that, after a wait or other work, lasts its whole
/// `duration`: work, a 0.2 s wait and work again take the sum of the three.
pub fn cpu_work(duration: Duration) -> u64 {
    /// The previous piece on this thread: when it was due to end, when it did, and how long the
    /// thread had waited for a core by then.
    #[derive(Clone, Copy)]
    struct Previous {
        due: Instant,
        ended: Instant,
        held_back: Duration,
    }
    thread_local! {
        static PREVIOUS: Cell<Option<Previous>> = const { Cell::new(None) };
    }
    /// Two pieces this close are back to back: a loop that prints a line between pieces leaves a
    /// few microseconds. Anything that waits, even for a millisecond, leaves more.
    const BACK_TO_BACK: Duration = Duration::from_micros(500);

    let now = Instant::now();
    let held_back = time_held_back();
    let begin = match PREVIOUS.get() {
        Some(previous)
            if now
                .duration_since(previous.ended)
                .saturating_sub(held_back.saturating_sub(previous.held_back))
                < BACK_TO_BACK =>
        {
            previous.due
        }
        _ => now,
    };
    let until = begin + duration;

    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    while Instant::now() < until {
        for _ in 0..1_000 {
            // xorshift: cheap, real arithmetic the optimizer cannot remove.
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
        }
        state = std::hint::black_box(state);
    }
    PREVIOUS.set(Some(Previous {
        due: until,
        ended: Instant::now(),
        held_back: time_held_back(),
    }));
    state
}

/// How long this thread has waited, ready to run, for the operating system to give it a core:
/// the second figure of Linux's `/proc/thread-self/schedstat`, in nanoseconds. Zero where the
/// kernel does not tell.
fn time_held_back() -> Duration {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|figures| figures.split_whitespace().nth(1)?.parse().ok())
        .map_or(Duration::ZERO, Duration::from_nanos)
}

/// Counts the primes among `numbers` by trial division: a fixed amount of real CPU work, the same
/// on every run, so it takes longer on a slower or busier machine and less on more cores. The
/// examples about parallel speed-up use it (see [`cpu_work`] for why they cannot use that).
pub fn count_primes(numbers: std::ops::Range<u64>) -> u64 {
    fn is_prime(n: u64) -> bool {
        let mut divisor = 2;
        while divisor * divisor <= n {
            if n % divisor == 0 {
                return false;
            }
            divisor += 1;
        }
        n >= 2
    }
    numbers.filter(|&n| is_prime(n)).count() as u64
}

#[cfg(test)]
mod cpu_work_tests {
    use super::*;

    #[test]
    fn compute_wait_compute_takes_the_sum_of_its_parts() {
        // 3 × (0.1 s of work, 0.05 s of wait): 0.45 s. Work that caught up on the waits would
        // end at 0.35 s.
        let began = Instant::now();
        for _ in 0..3 {
            cpu_work(Duration::from_millis(100));
            std::thread::sleep(Duration::from_millis(50));
        }
        let took = began.elapsed();
        assert!(took >= Duration::from_millis(450), "took {took:?}");
    }

    #[test]
    fn pieces_back_to_back_keep_their_schedule() {
        let began = Instant::now();
        for _ in 0..5 {
            cpu_work(Duration::from_millis(20));
        }
        let took = began.elapsed();
        assert!(took >= Duration::from_millis(100), "took {took:?}");
    }

    #[test]
    fn primes_are_counted() {
        assert_eq!(count_primes(0..30), 10);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(tenths: u64) -> Seconds {
        Seconds { tenths }
    }

    #[test]
    fn seconds_round_down_to_a_tenth() {
        assert_eq!(
            Seconds::of(Duration::from_millis(1999)).to_string(),
            "1.9 s"
        );
        assert_eq!(
            Seconds::of(Duration::from_millis(2000)).to_string(),
            "2.0 s"
        );
        assert_eq!(
            Seconds::of(Duration::from_millis(20_099)).to_string(),
            "20.0 s"
        );
    }

    #[test]
    fn a_staircase_and_an_overlap_fit_80_columns() {
        let stair = [
            Finished {
                job: "First".into(),
                order: 0,
                from: secs(0),
                to: secs(20),
                kind: Kind::Working,
            },
            Finished {
                job: "Second".into(),
                order: 1,
                from: secs(20),
                to: secs(30),
                kind: Kind::Working,
            },
        ];
        let drawn = timeline(&stair, secs(30));
        assert_eq!(
            drawn,
            "        0s        1s        2s        3s\n\
             First   ████████████████████\n\
             Second                      ██████████\n"
        );
        let long = [Finished {
            job: "dishwasher".into(),
            order: 0,
            from: secs(0),
            to: secs(200),
            kind: Kind::Working,
        }];
        for line in timeline(&long, secs(200)).lines() {
            assert!(line.chars().count() <= MAX_WIDTH, "too wide: {line}");
        }
    }

    #[test]
    fn a_wait_noticed_late_and_work_draw_their_own_kinds() {
        let bars = [
            Finished {
                job: "dishwasher".into(),
                order: 0,
                from: secs(0),
                to: secs(70),
                kind: Kind::Waiting {
                    due: Some(Duration::from_secs(3)),
                },
            },
            Finished {
                job: "potatoes".into(),
                order: 1,
                from: secs(0),
                to: secs(70),
                kind: Kind::Working,
            },
            Finished {
                job: "dryer".into(),
                order: 2,
                from: secs(70),
                to: secs(100),
                kind: Kind::Waiting {
                    due: Some(Duration::from_secs(3)),
                },
            },
        ];
        assert_eq!(
            timeline(&bars, secs(100)),
            "            0s   1s   2s   3s   4s   5s   6s   7s   8s   9s   10s\n\
             dishwasher  ░░░░░░░░░░░░░░░▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒\n\
             potatoes    ███████████████████████████████████\n\
             dryer                                          ░░░░░░░░░░░░░░░\n\
             \x20           █ working  ░ waiting  ▒ done, not yet noticed\n"
        );
    }

    #[test]
    fn bars_of_one_job_share_its_row_and_one_kind_needs_no_legend() {
        let bars = [
            Finished {
                job: "page".into(),
                order: 0,
                from: secs(0),
                to: secs(10),
                kind: Kind::Waiting {
                    due: Some(Duration::from_secs(1)),
                },
            },
            Finished {
                job: "page".into(),
                order: 1,
                from: secs(20),
                to: secs(30),
                kind: Kind::Waiting {
                    due: Some(Duration::from_secs(1)),
                },
            },
        ];
        assert_eq!(
            timeline(&bars, secs(30)),
            "      0s        1s        2s        3s\n\
             page  ░░░░░░░░░░          ░░░░░░░░░░\n"
        );
    }
}
