//! gather_threads: the four 1 s jobs of `loop_sync` on four OS threads: about 1 s in all, the sync
//! way to overlap waits. Then real CPU work split across two threads: unlike Python's threads,
//! Rust's run on two cores at once, so the work ends sooner on a multi-core machine.
//!
//! Jobs 0 to 3 each wait 1 s, each on a scoped thread (`std::thread::scope`). Then 10 potatoes, a
//! fixed amount of arithmetic each, are cleaned on one thread, then split across two threads.
//! How long the potatoes take depends on the machine, so those times go to stderr: stdout is the
//! same on every run.
//! Run: `cargo run --example gather_threads` (about 1 s for the jobs, a few more for the potatoes;
//! `--release` makes the potatoes faster). Compare with `loop_sync` and `loop_async`.

use std::thread;
use std::time::{Duration, Instant};

use workbook::{say, summary, waiting};

const POTATOES: u64 = 10;
/// A fixed amount of work per potato (not a fixed time: that could not get faster with threads).
const STEPS_PER_POTATO: u64 = 30_000_000;

/// One potato: a fixed number of xorshift steps. Its result depends on every step, so none can be
/// skipped.
fn clean_potato(potato: u64) -> u64 {
    let mut state = 0x9E37_79B9_7F4A_7C15 ^ potato;
    for _ in 0..STEPS_PER_POTATO {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
    }
    state
}

/// Cleans the potatoes `first..=last` on the current thread and combines their results.
fn clean_potatoes(first: u64, last: u64) -> u64 {
    (first..=last)
        .map(clean_potato)
        .fold(0, |all, one| all ^ one)
}

fn main() {
    // The jobs: each thread only waits; main speaks for them, because lines that four threads print
    // at the same instant could come in any order.
    thread::scope(|scope| {
        let mut threads = Vec::new();
        for number in 0..4 {
            let wait = Duration::from_secs(1);
            let bar = waiting(&format!("job {number}"), wait);
            say(format!("Start {number}"));
            threads.push(scope.spawn(move || {
                thread::sleep(wait);
                bar.end();
            }));
        }
        for (number, thread) in threads.into_iter().enumerate() {
            // `join` waits for the thread to end; a thread that panicked hands its panic on here.
            thread.join().expect("a job thread panicked");
            say(format!("End {number}"));
        }
    });
    summary();

    // The potatoes: the same work on one thread, then on two.
    println!();
    let began = Instant::now();
    let on_one = clean_potatoes(1, POTATOES);
    let one_thread = began.elapsed();
    println!("{POTATOES} potatoes on 1 thread: all clean");

    let began = Instant::now();
    let half = POTATOES / 2;
    let on_two = thread::scope(|scope| {
        let first_half = scope.spawn(|| clean_potatoes(1, half));
        let second_half = scope.spawn(|| clean_potatoes(half + 1, POTATOES));
        first_half.join().expect("a potato thread panicked")
            ^ second_half.join().expect("a potato thread panicked")
    });
    let two_threads = began.elapsed();
    println!("{POTATOES} potatoes on 2 threads: all clean");
    let same = if on_one == on_two {
        "the same"
    } else {
        "DIFFERENT"
    };
    println!("Both ways computed {same} result.");

    eprintln!(
        "potatoes: 1 thread {:.2} s, 2 threads {:.2} s ({:.2}x as fast)",
        one_thread.as_secs_f64(),
        two_threads.as_secs_f64(),
        one_thread.as_secs_f64() / two_threads.as_secs_f64()
    );
}
