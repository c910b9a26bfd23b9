//! A fresh, empty directory for an example to fill, removed again when the example is done with
//! it, whether it ends well or with an error.

use std::io;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// A new directory in the system's temporary directory (`$TMPDIR`, else `/tmp`), with a name no
/// other run uses. Dropping it removes it and everything in it, so an error that ends the example
/// early leaves nothing behind; [`ScratchDir::remove`] does the same and reports a failure.
#[must_use = "the directory is removed as soon as this value is dropped"]
pub struct ScratchDir {
    path: PathBuf,
}

impl ScratchDir {
    /// Makes the directory. `name` starts its file name, so a leftover can be traced to its example.
    pub fn new(name: &str) -> io::Result<ScratchDir> {
        let parent = std::env::temp_dir();
        let pid = std::process::id();
        let mut attempt = 0;
        loop {
            let nanos = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.subsec_nanos());
            let path = parent.join(format!("{name}-{pid}-{nanos}-{attempt}"));
            // `create_dir`, not `create_dir_all`: it fails if the directory is already there, so
            // the directory is surely this run's own.
            match std::fs::create_dir(&path) {
                Ok(()) => return Ok(ScratchDir { path }),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => attempt += 1,
                Err(e) => {
                    return Err(io::Error::new(
                        e.kind(),
                        format!("cannot make a directory in {}: {e}", parent.display()),
                    ));
                }
            }
        }
    }

    /// Where the directory is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Removes the directory and everything in it now, and says if that failed.
    pub fn remove(mut self) -> io::Result<()> {
        let path = std::mem::take(&mut self.path);
        std::fs::remove_dir_all(&path)
            .map_err(|e| io::Error::new(e.kind(), format!("cannot remove {}: {e}", path.display())))
    }
}

impl Drop for ScratchDir {
    fn drop(&mut self) {
        // Empty after `remove`. An error here has nowhere to go: the example is already ending.
        if !self.path.as_os_str().is_empty() {
            let _ = std::fs::remove_dir_all(&self.path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Makes a scratch directory, fills it a little, and fails: like an example that meets an error
    /// halfway and returns it with `?`.
    fn fill_then_fail(path_seen: &mut PathBuf) -> io::Result<()> {
        let dir = ScratchDir::new("scratch-test")?;
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
        assert!(path.is_absolute(), "the directory was made");
        assert!(!path.exists(), "{} is left behind", path.display());
    }

    #[test]
    fn removed_it_is_gone_and_two_are_never_the_same() {
        let first = ScratchDir::new("scratch-test").unwrap();
        let second = ScratchDir::new("scratch-test").unwrap();
        assert_ne!(first.path(), second.path());
        let path = first.path().to_path_buf();
        std::fs::write(path.join("file"), b"x").unwrap();
        first.remove().unwrap();
        assert!(!path.exists());
        drop(second);
    }
}
