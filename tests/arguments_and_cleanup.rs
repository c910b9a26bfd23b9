//! What the snapshots cannot show: a wrong argument is a one-line usage error with exit code 2, and
//! the file examples leave nothing behind in the temporary directory, with or without `--fsync`.

use std::path::{Path, PathBuf};
use std::process::Output;

use crate::common;

fn run(example: &str, args: &[&str], temp_dir: Option<&Path>) -> Output {
    let mut command = common::example_command(example, args);
    if let Some(dir) = temp_dir {
        // `std::env::temp_dir` reads TMPDIR: the example makes its scratch directory in here.
        command.env("TMPDIR", dir);
    }
    common::spawn(&mut command)
        .and_then(|(child, _)| child.wait_with_output())
        .unwrap_or_else(|e| panic!("cannot run {example}: {e}"))
}

#[test]
fn a_wrong_argument_is_a_one_line_usage_error() {
    let cases: &[(&str, &[&str], &str)] = &[
        (
            "queue_async",
            &["--workers", "0"],
            "queue_async: invalid value '0' for '--workers <N>': 0 is not in 1..=1000 \
             (usage: queue_async [--workers N])",
        ),
        (
            "queue_async",
            &["--workers", "many"],
            "queue_async: invalid value 'many' for '--workers <N>': invalid digit found in string \
             (usage: queue_async [--workers N])",
        ),
        (
            "queue_semaphore",
            &["--workers"],
            "queue_semaphore: a value is required for '--workers <N>' but none was supplied \
             (usage: queue_semaphore [--workers N])",
        ),
        (
            "queue_buffered",
            &["-w", "2"],
            "queue_buffered: unexpected argument '-w' found (usage: queue_buffered [--workers N])",
        ),
        (
            "files_sync",
            &["--times"],
            "files_sync: unexpected argument '--times' found; \
             tip: a similar argument exists: '--time' (usage: files_sync [--time] [--fsync])",
        ),
        (
            "files_async",
            &["3"],
            "files_async: unexpected argument '3' found (usage: files_async [--time] [--fsync])",
        ),
    ];
    for (example, args, message) in cases {
        let output = run(example, args, None);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{example} {args:?}: {stderr}"
        );
        assert_eq!(stderr, format!("{message}\n"), "{example} {args:?}");
        assert!(
            output.stdout.is_empty(),
            "{example} {args:?} printed to stdout"
        );
    }
}

/// A fresh directory for one test to give the examples as their TMPDIR, removed at the end.
struct TempParent(PathBuf);

impl TempParent {
    fn new(name: &str) -> TempParent {
        let path = crate::common::scratch_space().join(name);
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("a directory for the test");
        TempParent(path)
    }

    fn entries(&self) -> Vec<String> {
        std::fs::read_dir(&self.0)
            .expect("the test's directory is readable")
            .map(|entry| {
                entry
                    .expect("an entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect()
    }
}

impl Drop for TempParent {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn the_file_examples_clean_up_after_themselves() {
    for example in ["files_sync", "files_async"] {
        for args in [&[][..], &["--fsync", "--time"][..]] {
            let parent = TempParent::new(&format!("{example}-cleanup{}", args.len()));
            let output = run(example, args, Some(&parent.0));
            let stdout = String::from_utf8_lossy(&output.stdout);
            assert_eq!(
                output.status.code(),
                Some(0),
                "{example} {args:?}: {stdout}{}",
                String::from_utf8_lossy(&output.stderr)
            );
            assert!(
                stdout.contains("read back 300 files of the right size, 33.0 MB in all"),
                "{example} {args:?}: {stdout}"
            );
            assert_eq!(
                parent.entries(),
                Vec::<String>::new(),
                "{example} {args:?} left files"
            );
        }
    }
}

#[test]
fn a_file_example_that_cannot_start_says_why_in_one_line() {
    let parent = TempParent::new("files-missing-tmpdir");
    let missing = parent.0.join("no-such-directory");
    for example in ["files_sync", "files_async"] {
        let output = run(example, &[], Some(&missing));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{example}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{example}: {stderr}");
        assert!(
            stderr.starts_with("Error: cannot make a directory in "),
            "{example}: {stderr}"
        );
    }
}
