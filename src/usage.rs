//! What the process has used so far: how much CPU time, and the most memory it has held (its
//! resource usage, as `getrusage` calls it). These figures change from run to run. Examples print
//! them where a snapshot does not record them (on stderr, or in
//! the `models` table), because no two runs agree on them.
//!
//! Both are the operating system's account of this process: all its threads together, from its
//! start until now. The CPU time comes from `getrusage`. The peak memory comes from Linux's
//! `/proc/self/status` where there is one, and from `getrusage` elsewhere: on Linux, the peak that
//! `getrusage` reports for a program also counts the memory of the program that started it, which
//! makes a small example started by a large test look large. On systems without either they are
//! `None`.

use std::time::{Duration, Instant};

/// The CPU time the whole process has used so far, user and system, summed over all its threads.
/// On one thread it grows at most as fast as the wall clock; faster means threads ran in parallel.
pub fn cpu_time() -> Option<Duration> {
    usage().map(|usage| usage.cpu)
}

/// The most memory the process has held in RAM at once so far (its peak resident set size), in
/// bytes.
pub fn peak_memory_bytes() -> Option<u64> {
    proc_status_kib("VmHWM")
        .map(|kib| kib * 1024)
        .or_else(|| usage().map(|usage| usage.peak_memory))
}

/// The wall time and the CPU time of a stretch of a program, from [`Stopwatch::start`] until
/// [`Stopwatch::report`].
pub struct Stopwatch {
    started: Instant,
    cpu_before: Option<Duration>,
}

impl Stopwatch {
    pub fn start() -> Stopwatch {
        Stopwatch {
            started: Instant::now(),
            cpu_before: cpu_time(),
        }
    }

    /// Prints on stderr, because they vary from run to run, the wall time and the CPU time since
    /// the start, and their ratio: `wall time 1.62 s, CPU time 1.60 s: 0.99 cores busy on
    /// average`. Where the system cannot tell the CPU time, it prints nothing.
    pub fn report(&self) {
        let wall = self.started.elapsed().as_secs_f64();
        if let (Some(before), Some(after)) = (self.cpu_before, cpu_time()) {
            let cpu = (after - before).as_secs_f64();
            eprintln!(
                "wall time {wall:.2} s, CPU time {cpu:.2} s: {:.2} cores busy on average",
                cpu / wall
            );
        }
    }
}

/// The memory the process holds in RAM now (its resident set size), in bytes; `None` where there
/// is no `/proc/self/status`.
pub fn resident_memory_bytes() -> Option<u64> {
    proc_status_kib("VmRSS").map(|kib| kib * 1024)
}

/// A `KEY:   123 kB` line of `/proc/self/status`, in KiB; `None` where there is no such file.
fn proc_status_kib(key: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status.lines().find_map(|line| {
        let value = line.strip_prefix(key)?.strip_prefix(':')?;
        value.trim().strip_suffix(" kB")?.trim().parse().ok()
    })
}

struct Usage {
    cpu: Duration,
    peak_memory: u64,
}

#[cfg(unix)]
fn usage() -> Option<Usage> {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::uninit();
    // SAFETY: getrusage writes a whole `rusage` into the pointer it is given, and returns 0 when it
    // has done so.
    let status = unsafe { libc::getrusage(libc::RUSAGE_SELF, usage.as_mut_ptr()) };
    if status != 0 {
        return None;
    }
    // SAFETY: checked just above that getrusage filled it in.
    let usage = unsafe { usage.assume_init() };
    let seconds = |t: libc::timeval| {
        Duration::from_secs(u64::try_from(t.tv_sec).unwrap_or(0))
            + Duration::from_micros(u64::try_from(t.tv_usec).unwrap_or(0))
    };
    let max_rss = u64::try_from(usage.ru_maxrss).unwrap_or(0);
    Some(Usage {
        cpu: seconds(usage.ru_utime) + seconds(usage.ru_stime),
        // Linux counts in KiB; macOS in bytes.
        peak_memory: if cfg!(target_os = "macos") {
            max_rss
        } else {
            max_rss * 1024
        },
    })
}

#[cfg(not(unix))]
fn usage() -> Option<Usage> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpu_time_grows_with_work_and_memory_is_counted() {
        // Work until 20 ms of CPU time have been counted; a busy machine only makes it take longer.
        let before = cpu_time().expect("getrusage works here");
        let give_up = std::time::Instant::now() + Duration::from_secs(60);
        while cpu_time().expect("getrusage works here") - before < Duration::from_millis(20) {
            assert!(
                std::time::Instant::now() < give_up,
                "CPU time does not grow"
            );
            crate::cpu_work(Duration::from_millis(5));
        }
        assert!(peak_memory_bytes().expect("getrusage works here") > 100_000);
    }
}
