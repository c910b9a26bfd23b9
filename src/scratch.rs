//! What an example leaves behind when it ends, or is stopped with Ctrl-C: nothing.
//!
//! [`scratch_dir`] makes a fresh temporary folder with the `tempfile` crate, which removes it when
//! it is dropped: at the end of the example, and when an error ends it early. Ctrl-C is the one
//! way out that runs no `Drop`, so [`on_ctrl_c`] lets an example say what to undo then, and
//! `scratch_dir` uses it to remove the folder on Ctrl-C too.
//!
//! Infrastructure, like `src/server.rs`: the first call of `on_ctrl_c` starts one thread that
//! waits for Ctrl-C (with tokio's signal handling), undoes what it was told, and ends the program
//! with exit code 130, as a shell reports a program stopped by Ctrl-C. The example's own threads
//! go on meanwhile, and may fail because of what is undone (a table dropped under their feet):
//! from Ctrl-C on, what the program prints is dropped, and an example that ends meanwhile waits
//! for the undoing to finish, so that Ctrl-C always gives the same quiet end and exit code 130.

use std::io;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, Once};
use std::time::Duration;

use tempfile::TempDir;

type Undo = Box<dyn FnOnce() + Send>;

static ON_CTRL_C: Mutex<Vec<Undo>> = Mutex::new(Vec::new());
/// Set when Ctrl-C has come, and the undoing begun.
static STOPPING: AtomicBool = AtomicBool::new(false);

/// A new, empty folder in the system's temporary folder (`$TMPDIR`, else `/tmp`), whose name
/// starts with `name`, so a leftover can be traced to its example. Removed when dropped, on
/// Ctrl-C, and when a closed stdout ends the program.
pub fn scratch_dir(name: &str) -> io::Result<TempDir> {
    let dir = tempfile::Builder::new()
        .prefix(&format!("{name}-"))
        .tempdir()
        .map_err(|e| {
            // tempfile's message ends with the path it tried; the folder it tried in is enough.
            let why = e.raw_os_error().map_or(e.to_string(), |code| {
                io::Error::from_raw_os_error(code).to_string()
            });
            let parent = std::env::temp_dir();
            io::Error::new(
                e.kind(),
                format!("cannot make a directory in {}: {why}", parent.display()),
            )
        })?;
    let path = dir.path().to_path_buf();
    // A closed stdout ends the program quietly without running `Drop` either (`workbook::cli`).
    crate::cli::remove_on_quiet_end(&path);
    on_ctrl_c(move || remove_all(path));
    Ok(dir)
}

/// Runs `undo` if the program is stopped with Ctrl-C, before it ends with exit code 130. What an
/// example undoes on Ctrl-C must be safe to undo when it is already undone (a folder already
/// removed, a table already dropped): Ctrl-C may come after the example's own cleanup.
pub fn on_ctrl_c(undo: impl FnOnce() + Send + 'static) {
    static WATCHER: Once = Once::new();
    lock().push(Box::new(undo));
    WATCHER.call_once(|| {
        let (ready, listening) = std::sync::mpsc::channel();
        let watcher = std::thread::Builder::new()
            .name("workbook-ctrl-c".into())
            .spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build();
                let Ok(runtime) = runtime else { return };
                runtime.block_on(async {
                    let signal = tokio::signal::ctrl_c();
                    tokio::pin!(signal);
                    // The handler is in place once the future has been polled once.
                    let _ = futures::poll!(&mut signal);
                    let _ = ready.send(());
                    let _ = signal.await;
                });
                STOPPING.store(true, Ordering::SeqCst);
                silence_output();
                for undo in std::mem::take(&mut *lock()) {
                    // One that fails must not stop the others, nor the exit.
                    let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(undo));
                }
                // SAFETY: `_exit` ends the process at once; it skips the `atexit` handler below,
                // which would otherwise wait for this thread.
                unsafe { libc::_exit(130) };
            });
        if watcher.is_ok() {
            // SAFETY: `atexit` takes a function with no arguments that the C library calls when
            // the program ends normally; `wait_while_stopping` is one.
            unsafe { libc::atexit(wait_while_stopping) };
            let _ = listening.recv_timeout(Duration::from_secs(5));
        }
    });
}

/// Called when the program ends normally (its `main` returned, or `exit` was called): if Ctrl-C
/// has come, the undoing is under way on the watcher thread, which ends the program itself when
/// it is done; wait for it, 10 s at most.
extern "C" fn wait_while_stopping() {
    if STOPPING.load(Ordering::SeqCst) {
        std::thread::sleep(Duration::from_secs(10));
    }
}

/// From Ctrl-C on, what the program writes to stdout and stderr goes nowhere: the learner asked
/// it to stop, and an error the undoing causes in the example's own threads is not theirs to read.
fn silence_output() {
    // SAFETY: opening /dev/null and `dup2` on the standard descriptors touch no Rust-owned memory;
    // a failure leaves the descriptors as they were.
    unsafe {
        let null = libc::open(c"/dev/null".as_ptr(), libc::O_WRONLY);
        if null >= 0 {
            libc::dup2(null, libc::STDOUT_FILENO);
            libc::dup2(null, libc::STDERR_FILENO);
            libc::close(null);
        }
    }
}

fn lock() -> std::sync::MutexGuard<'static, Vec<Undo>> {
    ON_CTRL_C.lock().unwrap_or_else(|e| e.into_inner())
}

/// Removes the folder and all in it, if it is still there. The example may still be writing into
/// it on another thread, and a file made between the listing and the removal makes the removal
/// fail: then it is tried again (a file can no longer be made once the folder is gone).
fn remove_all(path: PathBuf) {
    for _ in 0..50 {
        if std::fs::remove_dir_all(&path).is_ok() || !path.exists() {
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Makes a scratch folder, fills it a little, and fails: like an example that meets an error
    /// halfway and returns it with `?`.
    fn fill_then_fail(path_seen: &mut PathBuf) -> io::Result<()> {
        let dir = scratch_dir("scratch-test")?;
        *path_seen = dir.path().to_path_buf();
        std::fs::write(dir.path().join("one"), b"1")?;
        std::fs::create_dir(dir.path().join("sub"))?;
        std::fs::write(dir.path().join("sub/two"), b"2")?;
        Err(io::Error::other("something went wrong halfway"))
    }

    #[test]
    fn an_error_halfway_leaves_nothing_behind() {
        let mut path = PathBuf::new();
        assert!(fill_then_fail(&mut path).is_err());
        assert!(path.is_absolute(), "the folder was made");
        assert!(!path.exists(), "{} is left behind", path.display());
        assert!(
            path.file_name()
                .unwrap()
                .to_str()
                .unwrap()
                .starts_with("scratch-test-"),
            "{}",
            path.display()
        );
    }
}
