//! What the test files share: running a built example as a real process, and reading the times it
//! printed.
#![allow(dead_code)] // each test file uses its own part of this module

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

/// What one run of an example printed, and how long the process took, measured from outside.
pub struct Run {
    pub stdout: String,
    pub stderr: String,
    pub code: Option<i32>,
    pub wall: Duration,
}

/// The built example binary. `cargo test` builds every example before it runs the tests, into
/// `target/<profile>/examples/`, beside the `deps/` folder that holds this test binary.
pub fn example_binary(name: &str) -> PathBuf {
    let test_binary = std::env::current_exe().expect("the test binary knows its own path");
    let profile_dir = test_binary
        .parent()
        .and_then(|deps| deps.parent())
        .expect("test binaries live in target/<profile>/deps");
    let binary = profile_dir
        .join("examples")
        .join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    assert!(
        binary.exists(),
        "{} is not built: run the tests with `cargo test`, which builds the examples first",
        binary.display()
    );
    binary
}

/// Runs the example `name` with `args` and waits for it to end.
pub fn run_example(name: &str, args: &[&str]) -> Run {
    let began = Instant::now();
    let output = Command::new(example_binary(name))
        .args(args)
        .env_remove("RUST_BACKTRACE")
        .output()
        .unwrap_or_else(|e| panic!("cannot start example {name}: {e}"));
    let wall = began.elapsed();
    Run {
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        code: output.status.code(),
        wall,
    }
}

/// The total an example printed on its `Total: 3.0 s` line, in tenths of a second.
pub fn printed_total_tenths(stdout: &str) -> Option<u64> {
    let line = stdout.lines().find_map(|l| l.strip_prefix("Total: "))?;
    tenths(line.strip_suffix(" s")?)
}

/// `"3.0"` as 30 tenths.
pub fn tenths(text: &str) -> Option<u64> {
    let (whole, tenth) = text.trim().split_once('.')?;
    Some(whole.parse::<u64>().ok()? * 10 + tenth.parse::<u64>().ok()?)
}

/// A server's log with the time stamp of every line but the first replaced by `[ ?.?s]`. The first
/// line starts the clock, so it always says `[ 0.0s]`; every later stamp says when the test's client
/// happened to act, which the load on the machine decides, not the example.
pub fn client_times_hidden(log: &str) -> String {
    log.split_inclusive('\n')
        .enumerate()
        .map(|(index, line)| {
            let stamp = line
                .strip_prefix('[')
                .and_then(|rest| rest.split_once("s] "))
                .filter(|(time, _)| {
                    let time = time.trim();
                    !time.is_empty() && time.chars().all(|c| c.is_ascii_digit() || c == '.')
                });
            match stamp {
                Some((_, rest)) if index > 0 => format!("[ ?.?s] {rest}"),
                _ => line.to_string(),
            }
        })
        .collect()
}
