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

# Measure how far each runtime goes (N = 10,000, 100,000 and 1,000,000 one-second sleepers) and
# rewrite the results the book shows: book/src/measured/scale.{tsv,md,svg}. Takes a few minutes.
bench:
    cargo run --release --example scale -- 10000 100000 1000000 --record book/src/measured

# Redraw the book's scale table and chart from book/src/measured/scale.tsv, without measuring
bench-render:
    cargo run --release --example scale -- --render book/src/measured
