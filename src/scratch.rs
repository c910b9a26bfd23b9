//! What an example leaves behind when it ends, or is stopped with Ctrl-C: nothing.
//!
//! [`scratch_dir`] makes a fresh temporary folder with the `tempfile` crate, which removes it when
//! it is dropped: at the end of the example, and when an error ends it early. Ctrl-C is the one
//! way out that runs no `Drop`, so [`on_ctrl_c`] lets an example say what to undo then, and
//! `scratch_dir` uses it to remove the folder on Ctrl-C too.
//!
//! Infrastructure, like `src/server.rs`: the first call of `on_ctrl_c` starts one thread that
//! waits for Ctrl-C (with tokio's signal handling), undoes what it was told, and ends the program
//! with exit code 130, as a shell reports a program stopped by Ctrl-C.

use std::io;
use std::path::PathBuf;
use std::sync::{Mutex, Once};
use std::time::Duration;

use tempfile::TempDir;

type Undo = Box<dyn FnOnce() + Send>;

static ON_CTRL_C: Mutex<Vec<Undo>> = Mutex::new(Vec::new());

/// A new, empty folder in the system's temporary folder (`$TMPDIR`, else `/tmp`), whose name
/// starts with `name`, so a leftover can be traced to its example. Removed when dropped, and on
/// Ctrl-C.
pub fn scratch_dir(name: &str) -> io::Result<TempDir> {
    let dir = tempfile::Builder::new()
        .prefix(&format!("{name}-"))
        .tempdir()
        .map_err(|e| io::Error::new(e.kind(), format!("cannot make a temporary folder: {e}")))?;
    let path = dir.path().to_path_buf();
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
                for undo in std::mem::take(&mut *lock()) {
                    undo();
                }
                std::process::exit(130);
            });
        if watcher.is_ok() {
            let _ = listening.recv_timeout(Duration::from_secs(5));
        }
    });
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
