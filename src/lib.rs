//! What the examples share: a clock that stamps each printed line, bars for a timeline, and the
//! timeline itself, drawn when an example ends.
//!
//! These helpers only print, time and draw. They never spawn, join or sleep: the concurrency an
//! example is about is always in the example's own code.
//!
//! Every time shown is measured, then rounded *down* to a tenth of a second. Sleeps and busy loops
//! never end early, and the examples are designed so that no two events race for the same instant,
//! so a run prints exactly the same text every time (see `book/src/reading-the-output.md`).

pub mod args;
pub mod cli;
pub mod measure;
pub mod scratch;
pub mod server;
pub mod url_list;

pub use cli::Result;

use std::cell::Cell;
use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

pub mod scale;

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

/// One job's bar on the timeline, from [`bar`] until [`Bar::end`].
#[must_use = "a bar shows on the timeline only once `end` is called"]
pub struct Bar {
    job: String,
    order: usize,
    began: Instant,
}

struct Finished {
    job: String,
    order: usize,
    from: Seconds,
    to: Seconds,
}

/// Starts the bar of `job` on the timeline: now is where its bar begins.
pub fn bar(job: &str) -> Bar {
    start();
    Bar {
        job: job.to_string(),
        order: BARS_BEGUN.fetch_add(1, Ordering::Relaxed),
        began: Instant::now(),
    }
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
        };
        BARS.lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(finished);
    }
}

/// Prints the total time since the program started and the timeline of every ended bar, one row a
/// job in the order their bars began.
pub fn summary() {
    let total = Seconds::since_start();
    let mut bars = std::mem::take(&mut *BARS.lock().unwrap_or_else(|e| e.into_inner()));
    bars.sort_by_key(|bar| bar.order);
    println!();
    println!("Total: {total}");
    print!("{}", timeline(&bars, total));
}

/// Draws the bars on one time axis. Columns per second are chosen so the whole run fits.
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
    let column = |s: Seconds| (s.tenths * per_second / 10) as usize;
    let width = column(total) + 1;
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
    out.push_str(&format!("{:label$}{}\n", "", axis.trim_end()));
    for bar in bars {
        let from = column(bar.from);
        let to = column(bar.to).max(from + 1);
        let row = format!("{}{}", " ".repeat(from), "█".repeat(to - from));
        out.push_str(&format!("{:label$}{row}\n", bar.job));
    }
    out
}

/// Keeps one CPU core busy with real arithmetic for `duration`, and returns the result so the
/// compiler cannot skip the work. This is the examples' CPU-bound job: it holds the thread it runs
/// on exactly like a long calculation would, and lasts the same time however busy the machine is.
///
/// Pieces of work done back to back keep to a steady schedule: if the operating system held this
/// thread back for a moment after the previous piece ended, the next piece is that much shorter,
/// so that ten pieces of 0.7 s end at 7.0 s and not a little later each time. The CPU is busy all
/// along.
pub fn cpu_work(duration: Duration) -> u64 {
    thread_local! {
        static PREVIOUS_END: Cell<Option<Instant>> = const { Cell::new(None) };
    }
    /// A gap longer than this between two pieces means they were not back to back. The examples
    /// leave microseconds between pieces; on a heavily loaded machine the OS can hold a thread back
    /// for a few hundred milliseconds.
    const BACK_TO_BACK: Duration = Duration::from_millis(500);

    let now = Instant::now();
    let begin = match PREVIOUS_END.get() {
        Some(end) if now >= end && now - end < BACK_TO_BACK => end,
        _ => now,
    };
    let until = begin + duration;
    PREVIOUS_END.set(Some(until));

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
    state
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
            },
            Finished {
                job: "Second".into(),
                order: 1,
                from: secs(20),
                to: secs(30),
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
        }];
        for line in timeline(&long, secs(200)).lines() {
            assert!(line.chars().count() <= MAX_WIDTH, "too wide: {line}");
        }
    }
}
