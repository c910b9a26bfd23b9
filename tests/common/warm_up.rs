//! Before the first program starts: every example's code read into memory, and kept there where
//! the system allows, and the Python interpreter started once.

use std::path::Path;
use std::process::Command;

use super::{example_binary_path, python3};

/// Reads into memory the parts of every example binary that its process runs, and keeps them
/// there where it may ([`lock_in_memory`]), and starts the Python interpreter once, before the
/// first test starts its program.
///
/// The operating system forgets the files no program has used for a while (seen here: a virtual
/// machine that hands memory back to its host drops files idle for a minute). Then a hundred
/// examples that start at once each read their code from the disk, page by page, at the same
/// time: measured here, 180 processes took 3.2 s to start and end instead of 0.25 s, and the
/// examples printed their lines up to 1.5 s late. Read one file after another, the same 270 MB
/// take 0.4 s, and nothing is read while the examples run.
pub fn warm_up_programs() {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let names = std::fs::read_dir(examples).into_iter().flatten().flatten();
    for entry in names {
        let path = entry.path();
        if path.extension().is_some_and(|ext| ext == "rs")
            && let Some(name) = path.file_stem().and_then(|stem| stem.to_str())
        {
            let _ = read_what_runs(&example_binary_path(name));
        }
    }
    // Its own files and those of the modules the programs import.
    if let Some(python) = python3() {
        let imports = "import asyncio, concurrent.futures, threading, socket, http.client, json";
        let _ = Command::new(python).args(["-c", imports]).output();
    }
}

/// Reads the part of the executable `path` that is loaded into a process (an ELF file's loadable
/// segments, which come before its debug information, ten times larger): all of it for a file
/// in another format.
fn read_what_runs(path: &Path) -> std::io::Result<()> {
    use std::io::{Read, Seek, SeekFrom};
    let mut file = std::fs::File::open(path)?;
    let mut header = [0u8; 64];
    file.read_exact(&mut header)?;
    let number = |bytes: &[u8]| {
        bytes
            .iter()
            .rev()
            .fold(0u64, |n, byte| (n << 8) | u64::from(*byte))
    };
    // A 64-bit little-endian ELF file: its program headers say where each segment is.
    let end = if header[..6] == *b"\x7fELF\x02\x01" {
        let table = number(&header[32..40]);
        let entry_size = number(&header[54..56]) as usize;
        let entries = number(&header[56..58]) as usize;
        let mut headers = vec![0u8; entry_size * entries];
        file.seek(SeekFrom::Start(table))?;
        file.read_exact(&mut headers)?;
        const LOADABLE: u64 = 1;
        headers
            .chunks_exact(entry_size)
            .filter(|entry| number(&entry[0..4]) == LOADABLE)
            .map(|entry| number(&entry[8..16]) + number(&entry[32..40]))
            .max()
            .unwrap_or(0)
    } else {
        file.metadata()?.len()
    };
    if !lock_in_memory(&file, end) {
        file.seek(SeekFrom::Start(0))?;
        std::io::copy(&mut file.take(end), &mut std::io::sink())?;
    }
    Ok(())
}

/// Maps the first `length` bytes of `file` and locks them in memory until the tests end, where the
/// operating system lets this process lock that much (as root, or with a high `ulimit -l`).
///
/// Reading them once is not enough on a machine that hands idle memory back to its host: seen
/// here, files read at the start of the suite were dropped again within ten seconds, and ten
/// examples that started then printed their first line two seconds late.
fn lock_in_memory(file: &std::fs::File, length: u64) -> bool {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        let Ok(length) = usize::try_from(length) else {
            return false;
        };
        if length == 0 {
            return false;
        }
        // SAFETY: a fresh read-only shared mapping of a file this process keeps open through the
        // mapping; nothing reads or writes through the pointer, and it is never unmapped.
        unsafe {
            let mapped = libc::mmap(
                std::ptr::null_mut(),
                length,
                libc::PROT_READ,
                libc::MAP_SHARED,
                file.as_raw_fd(),
                0,
            );
            if mapped == libc::MAP_FAILED {
                return false;
            }
            if libc::mlock(mapped, length) != 0 {
                libc::munmap(mapped, length);
                return false;
            }
        }
        true
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = (file, length);
        false
    }
}
