//! Checks that the database package's tests make too: `database/tests/examples.rs` includes this
//! file by its path, so that each check is written once.

use std::process::{Child, Command};

/// The run failed the way bad input should: exit code 1, one line on stderr that starts with
/// `Error: ` and contains `expected`, and no panic.
pub fn assert_one_line_failure(code: Option<i32>, stdout: &str, stderr: &str, expected: &str) {
    assert_eq!(
        code,
        Some(1),
        "expected exit code 1.\nstdout:\n{stdout}\nstderr:\n{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    assert!(
        stderr.starts_with("Error: ") && stderr.contains(expected),
        "expected {expected:?} in {stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}

/// Stops `child` as Ctrl-C would (SIGINT) and waits for it to end: with exit code 130, as a shell
/// reports a program stopped by Ctrl-C, or 0 if it was done before the signal came.
pub fn ctrl_c_and_wait(child: &mut Child, what: &str) {
    let interrupted = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(interrupted.success(), "{what}: kill -INT failed");
    let status = child.wait().expect("the example ends");
    assert!(matches!(status.code(), Some(130 | 0)), "{what}: {status:?}");
}
