//! files_async: writes 300 files into a fresh temporary directory, all at once with tokio::fs, then
//! reads them all back at once and checks their sizes.
//!
//! Each file is 110 KB, 33 MB in all. The directory is removed at the end, on an error, and on
//! Ctrl-C too (`src/scratch.rs`). Files that fail are counted, and the first one's error shown:
//! a full disk gives one line, not one per file.
//! Run: `cargo run --example files_async` (well under a second). Compare with `files_sync`.
//! `--time` adds how long writing and reading took (build with `--release` for fair times);
//! `--fsync` also waits until each file is on the disk itself. `cargo measure files` records both.

use std::io;
use std::path::PathBuf;
use std::time::Instant;

use futures::future::join_all;
use tokio::fs::{self, OpenOptions};
use workbook::scratch::scratch_dir;

const FILES: usize = 300;
const FILE_SIZE: usize = 110_000;

/// Writes the file. A write ends when the operating system has the bytes in memory; it puts
/// them on the disk later. With `fsync` we wait until the disk has them.
async fn write(path: PathBuf, content: &[u8], fsync: bool) -> io::Result<()> {
    fs::write(&path, content).await?;
    if fsync {
        let file = OpenOptions::new().write(true).open(&path).await?;
        file.sync_all().await?;
    }
    Ok(())
}

/// Reads the file back, and says how long it is.
async fn size_of(path: PathBuf) -> io::Result<usize> {
    Ok(fs::read(path).await?.len())
}

/// files_async: writes 300 files into a fresh temporary directory and reads them back.
#[derive(clap::Parser)]
struct Options {
    /// Also print how long the writing and the reading took.
    #[arg(long)]
    time: bool,
    /// Wait until each file is on the disk itself before the write counts as done.
    #[arg(long)]
    fsync: bool,
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let Options { time, fsync } = workbook::cli::parse();
    // Removed when `dir` is dropped, so also when an error ends `main` early, and on Ctrl-C.
    let dir = scratch_dir("files_async")?;
    println!("made a fresh temporary directory");
    let names: Vec<String> = (1..=FILES).map(|n| format!("file-{n:03}")).collect();
    let content = vec![b'x'; FILE_SIZE];

    let clock = Instant::now();
    let writes = names
        .iter()
        .map(|name| write(dir.path().join(name), &content, fsync));
    let written: Vec<io::Result<()>> = join_all(writes).await;
    let writing = clock.elapsed();

    let clock = Instant::now();
    let reads = names.iter().map(|name| size_of(dir.path().join(name)));
    let sizes: Vec<io::Result<usize>> = join_all(reads).await;
    let reading = clock.elapsed();

    let failed = report(&names, &written, &sizes);
    if time {
        let (w, r) = (writing.as_secs_f64(), reading.as_secs_f64());
        println!("time: writing {w:.3} s, reading {r:.3} s");
    }
    let path = dir.path().display().to_string();
    dir.close()
        .map_err(|e| anyhow::anyhow!("cannot remove the temporary directory {path}: {e}"))?;
    println!("removed the temporary directory");
    match failed {
        Some((count, first)) => {
            anyhow::bail!("{count} of {FILES} files failed; the first: {first}")
        }
        None => Ok(()),
    }
}

/// Prints what was written and what was read back. Returns how many files failed and what went
/// wrong with the first, if any did: on a full disk, every file fails the same way.
fn report(
    names: &[String],
    written: &[io::Result<()>],
    sizes: &[io::Result<usize>],
) -> Option<(usize, String)> {
    let (mut failed, mut first) = (0, None);
    for ((name, write), size) in names.iter().zip(written).zip(sizes) {
        let problem = match (write, size) {
            (Err(e), _) => format!("cannot write {name}: {e}"),
            (Ok(()), Err(e)) => format!("cannot read {name} back: {e}"),
            (Ok(()), Ok(size)) if *size != FILE_SIZE => {
                format!("{name} has {size} bytes, not {FILE_SIZE}")
            }
            (Ok(()), Ok(_)) => continue,
        };
        first.get_or_insert(problem);
        failed += 1;
    }
    let wrote = written.iter().filter(|w| w.is_ok()).count();
    let good = names.len() - failed;
    let megabytes = (good * FILE_SIZE) as f64 / 1e6;
    println!("wrote {wrote} files of {} KB each", FILE_SIZE / 1000);
    println!("read back {good} files of the right size, {megabytes:.1} MB in all");
    first.map(|first| (failed, first))
}
