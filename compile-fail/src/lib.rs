//! Nothing to build: this package exists for its test, `tests/compile_fail.rs` of the main
//! package, which compiles the cases in `tests/compile_fail/` and needs trybuild.
