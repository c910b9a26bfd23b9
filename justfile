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
