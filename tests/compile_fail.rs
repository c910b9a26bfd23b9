//! The pitfalls that do not compile, compiled: each `tests/compile_fail/NAME.rs` must fail to
//! build, and the compiler's message must match `tests/compile_fail/NAME.stderr` exactly. The book
//! shows both files, so the message in the book is the one a learner really sees, and a toolchain
//! that words it differently fails this test until the `.stderr` files are renewed:
//! `TRYBUILD=overwrite cargo test --test compile_fail`, then read the diff.
//!
//! trybuild builds the cases in a project of its own under `target/tests/trybuild/`, with this
//! crate and its dependencies built again there the first time. One test for all the cases, so
//! that happens once.

#[test]
fn pitfalls_that_do_not_compile() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/compile_fail/*.rs");
}
