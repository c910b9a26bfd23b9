# Commands for learners, teachers and maintainers. `just` alone lists them.
# Install just itself with `cargo install --locked just`.

set shell := ["bash", "-euo", "pipefail", "-c"]

mdbook_version := "0.5.4"
cargo_insta_version := "1.49.0"

# List the commands
default:
    @just --list

# Run one example, e.g. `just run chores_async`
run NAME *ARGS:
    cargo run --example {{NAME}} -- {{ARGS}}

# Run every example and check its output and timing, and check the book's links
test:
    cargo test

# Render the book into book/build
book:
    mdbook build book

# Serve the book on http://localhost:3000 and reload it on every change
serve:
    mdbook serve book --open

# Review changed example outputs (snapshots) and accept or reject them
review:
    cargo insta review

# Install the pinned mdbook and cargo-insta
setup:
    cargo install --locked mdbook --version {{mdbook_version}}
    cargo install --locked cargo-insta --version {{cargo_insta_version}}

# Run what CI runs
ci:
    bash .ci/run

# The database examples' Time lines, three runs each, built with --release (SQLite by default)
database-timings:
    cargo build --release -p workbook-database --examples
    for run in 1 2 3; do for example in database_sync database_async; do printf '%-15s ' $example; ./target/release/examples/$example | grep '^Time:'; done; done

# The load test, built with --release, with its default and a 0.1 s server delay
load-test:
    cargo run --release --example load_test
    cargo run --release --example load_test -- --requests 1000 --connections 50 --delay 0.1
