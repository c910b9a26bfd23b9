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

# Record a figure the book shows, e.g. `just measure files` or `just measure cold-build` (a
# learner's first build, budget 45 s); `just measure --help` lists them all
measure *ARGS:
    cargo measure {{ARGS}}

# Run the workbook's web server for a class or a browser, e.g. `just web-server --delay 1`
web-server *ARGS:
    cargo run --example web_server -- {{ARGS}}

# Fetch a file of URLs, https included (builds the `tls` feature), e.g. `just fetch-tls urls.txt`
fetch-tls *ARGS:
    cargo run --features tls --example http_many_async -- {{ARGS}}

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

# Run `cargo test` N times in a row with one core kept busy, and report every failure with the
# lines that differed (`scripts/stress N --no-load` for a machine left alone)
stress N="20":
    bash scripts/stress {{N}}

# Check the built book in headless Chromium (Debian's chromium and the pinned mdbook): pictures,
# replays, phone width and print. CI runs it; a plain `cargo test` skips it.
test-browser:
    WORKBOOK_BROWSER_TEST=1 cargo test -p workbook-checks --test browser -- --nocapture
