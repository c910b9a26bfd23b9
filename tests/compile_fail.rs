//! The pitfalls that do not compile, compiled: each `tests/compile_fail/NAME.rs` must fail to
//! build, and the compiler's message must match `tests/compile_fail/NAME.stderr` exactly. The book
//! shows both files, so the message in the book is the one a learner really sees, and a toolchain
//! that words it differently fails this test until the `.stderr` files are renewed:
//! `TRYBUILD=overwrite cargo test --test compile_fail`, then read the diff. That also records the
//! compiler's version in `tests/compile_fail/toolchain.txt`, which the book shows.
//!
//! trybuild builds the cases in a project of its own under `target/tests/trybuild/`, with this
//! crate and its dependencies built again there the first time. One test for all the cases, so
//! that happens once.

use std::process::Command;

#[test]
fn pitfalls_that_do_not_compile() {
    if std::env::var_os("TRYBUILD").is_some_and(|mode| mode == "overwrite") {
        record_toolchain();
    }
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/compile_fail/*.rs");
}

/// Writes `rustc --version` (the compiler cargo uses) to `tests/compile_fail/toolchain.txt`.
fn record_toolchain() {
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let output = Command::new(rustc)
        .arg("--version")
        .output()
        .expect("rustc --version runs");
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/compile_fail/toolchain.txt"
    );
    std::fs::write(path, &output.stdout).expect("tests/compile_fail/ is writable");
}
