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

# Time the file examples (release build) and rewrite book/src/measured/files.md with the figures
measure-files:
    bash scripts/measure-files
# Run the workbook's web server for a class or a browser, e.g. `just web-server --delay 1`
web-server *ARGS:
    cargo run --example web_server -- {{ARGS}}

# Fetch a file of URLs, https included (builds the `tls` feature), e.g. `just fetch-tls urls.txt`
fetch-tls *ARGS:
    cargo run --features tls --example http_many_async -- {{ARGS}}

# Time a first build from scratch, as a learner's first `cargo run` (the budget is 60 s)
cold-build:
    rm -rf /tmp/async-workbook-cold
    time CARGO_TARGET_DIR=/tmp/async-workbook-cold cargo build --example print_sync
# List the classroom exercises, their files, and how far you are
exercises:
    cargo ex list

# Check exercise NN: build your file, run it, and check what it does, e.g. `just check 04`
check NN:
    cargo ex check {{NN}}

# Show the first hint for exercise NN, or the K-th: `just hint 04 2`
hint NN K="1":
    cargo ex hint {{NN}} {{K}}

# Put the starter of exercise NN back (your version is kept in target/)
reset NN:
    cargo ex reset {{NN}}

# Check exercise NN again each time you save its file
watch NN:
    cargo ex watch {{NN}}

# For teachers and CI: every exercise's solution passes, every starter fails as it should
verify:
    cargo ex verify

# The database examples' Time lines, three runs each, built with --release (SQLite by default)
database-timings:
    cargo build --release -p workbook-database --examples
    for run in 1 2 3; do for example in database_sync database_async; do printf '%-15s ' $example; ./target/release/examples/$example | grep '^Time:'; done; done

# Run the load test (release build) three times, and once with a 0.1 s server delay, and rewrite
# book/src/measured/load_test.md with the figures
load-test:
    bash scripts/measure-load-test

# Measure how far each runtime goes (N = 10,000, 100,000 and 1,000,000 one-second sleepers) and
# rewrite the results the book shows: book/src/measured/scale.{tsv,md,svg}. Takes a few minutes.
bench:
    cargo run --release --example scale -- 10000 100000 1000000 --record book/src/measured

# Redraw the book's scale table and chart from book/src/measured/scale.tsv, without measuring
bench-render:
    cargo run --release --example scale -- --render book/src/measured

# Measure the concurrency models (release build, about 30 s) and record the table the book shows
models:
    #!/usr/bin/env bash
    set -euo pipefail
    cargo build --release --example models
    out=book/src/measured/models.md
    mkdir -p "$(dirname "$out")"
    cpu=$( (grep -m1 'model name' /proc/cpuinfo 2>/dev/null \
        || sysctl -n machdep.cpu.brand_string 2>/dev/null || echo unknown) | sed 's/.*: //')
    load=$(uptime | sed 's/.*load average[s]*: //')
    table=$(./target/release/examples/models)
    {
        echo "<!-- Written by \`just models\`: do not edit by hand. -->"
        echo
        echo "Recorded on $(date -u +%Y-%m-%d) with \`just models\`: $(uname -sm), CPU \"$cpu\","
        echo "$(rustc --version), release build. Load average when the run began: $load."
        echo
        echo "$table"
    } > "$out.new"
    mv "$out.new" "$out"
    echo "wrote $out:"
    cat "$out"

# Run `cargo test` N times in a row with one core kept busy, and report every failure with the
# lines that differed (`scripts/stress N --no-load` for a machine left alone)
stress N="20":
    bash scripts/stress {{N}}

# Check the built book in headless Chromium (Debian's chromium and the pinned mdbook): pictures,
# replays, phone width and print. CI runs it; a plain `cargo test` skips it.
test-browser:
    WORKBOOK_BROWSER_TEST=1 cargo test --test browser -- --nocapture
