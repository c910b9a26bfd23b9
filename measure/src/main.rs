//! `cargo measure FIGURE`: runs the workbook's examples, built with `--release`, measures them, and
//! rewrites the pages of `book/src/measured/` that the book includes, each with a description of
//! the machine it was measured on ([`machine`]). One subcommand a recorded figure.

mod figures;
mod machine;
mod scale;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Measures the workbook's examples (release builds) and records the figures the book shows in
/// book/src/measured/. Run on a quiet machine: every figure is a wall time.
#[derive(Parser)]
#[command(name = "cargo measure", bin_name = "cargo measure")]
struct Cli {
    #[command(subcommand)]
    figure: Figure,
    /// Where the pages are written (a relative path is inside the workspace)
    #[arg(long, global = true, default_value = "book/src/measured")]
    out: PathBuf,
}

#[derive(Subcommand)]
enum Figure {
    /// N one-second sleepers on every runtime, OS threads and Python's asyncio: wall time and
    /// memory (scale.tsv, scale.md, scale.svg; a few minutes)
    Scale(scale::Options),
    /// The concurrency models: waiting and computing done five ways (models.md; about 30 s)
    Models,
    /// files_sync and files_async, as they are and with --fsync (files.md; under a minute)
    Files {
        /// Runs of each program
        #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..=100))]
        runs: u32,
    },
    /// load_test three times, and once with a 0.1 s server delay (load_test.md; a few seconds)
    LoadTest,
    /// A learner's first build: `cargo build --example print_sync` in a fresh target folder
    /// (prints the time; a minute or two)
    ColdBuild,
    /// The database examples on SQLite: how long their reads and transfers take (database.md; the
    /// first build takes a few minutes)
    Database {
        /// Runs of each program
        #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..=100))]
        runs: u32,
    },
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let out = figures::root().join(&cli.out);
    match cli.figure {
        Figure::Scale(options) => scale::record(&options, &out),
        Figure::Models => figures::models(&out),
        Figure::Files { runs } => figures::files(runs, &out),
        Figure::LoadTest => figures::load_test(&out),
        Figure::ColdBuild => figures::cold_build(),
        Figure::Database { runs } => figures::database(runs, &out),
    }
}
