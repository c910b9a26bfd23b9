//! Nothing to build: this package exists for its tests, which live in the main package's `tests/`:
//! `compile_fail.rs` compiles the cases in `tests/compile_fail/` (it needs trybuild), and
//! `browser.rs` checks the built book in headless Chromium (it reads the page's report with
//! serde_json).
