//! The pitfalls that do not compile, compiled: each `tests/compile_fail/NAME.rs` must fail to
//! build, and the compiler's message must match `tests/compile_fail/NAME.stderr` exactly. The book
//! shows both files, so the message in the book is the one a learner really sees, and a toolchain
//! that words it differently fails this test until the `.stderr` files are renewed:
//! `TRYBUILD=overwrite cargo test -p workbook-checks`, then read the diff. That also records the
//! compiler's version in `tests/compile_fail/toolchain.txt`, which the book shows.
//!
//! trybuild builds the cases in a project of its own under `target/tests/trybuild/`, with the
//! workbook and its dependencies built again there the first time. One test for all the cases, so
//! that happens once.
//!
//! This test belongs to the package `checks/` (so that trybuild is not built with every
//! example), but the cases are the main package's: trybuild takes the package whose cases it
//! builds from `CARGO_MANIFEST_DIR`, so the test points it at the main package, and the paths in
//! the compiler's messages read `tests/compile_fail/NAME.rs` as a learner's would.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The main package, `async-workbook`: the folder above `checks/`.
fn workbook_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("checks/ is inside the workspace")
        .to_path_buf()
}

#[test]
fn pitfalls_that_do_not_compile() {
    if std::env::var_os("TRYBUILD").is_some_and(|mode| mode == "overwrite") {
        record_toolchain();
    }
    // SAFETY: this binary's only test, and nothing else runs yet: no other thread reads the
    // environment while it changes.
    unsafe { std::env::set_var("CARGO_MANIFEST_DIR", workbook_dir()) };
    std::env::set_current_dir(workbook_dir()).expect("the workbook's folder exists");
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
    let path = workbook_dir().join("tests/compile_fail/toolchain.txt");
    std::fs::write(path, &output.stdout).expect("tests/compile_fail/ is writable");
}
