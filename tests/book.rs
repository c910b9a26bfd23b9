//! Checks the book's links to the code, because `mdbook build` exits 0 when an `{{#include}}` file
//! is missing or an anchor is empty, and because an output in the book must never be typed by hand.
//!
//! - every `{{#include}}` names a file that exists, and an anchor or line range that is in it;
//! - every example is embedded in some chapter, and so is its snapshot;
//! - every compile-fail case in `tests/compile_fail/` is embedded, and so is its compiler message;
//! - a snapshot is shown whole, without its insta header, and only a snapshot that a test asserts;
//! - no chapter shows a line of example output outside an include.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// One `{{#include path:spec}}` found in a chapter.
struct Include {
    chapter: PathBuf,
    line: usize,
    path: PathBuf,
    spec: Option<String>,
}

impl Include {
    fn at(&self) -> String {
        format!("{}:{}", self.chapter.display(), self.line)
    }
}

fn chapters() -> Vec<PathBuf> {
    fn walk(dir: &Path, found: &mut Vec<PathBuf>) {
        for entry in fs::read_dir(dir).expect("book/src is readable") {
            let path = entry.expect("a readable entry").path();
            if path.is_dir() {
                walk(&path, found);
            } else if path.extension().is_some_and(|e| e == "md") {
                found.push(path);
            }
        }
    }
    let mut found = Vec::new();
    walk(&Path::new(ROOT).join("book/src"), &mut found);
    found.sort();
    found
}

fn includes() -> Vec<Include> {
    let mut all = Vec::new();
    for chapter in chapters() {
        let text = fs::read_to_string(&chapter).expect("a chapter is readable");
        for (number, line) in text.lines().enumerate() {
            let mut rest = line;
            while let Some(start) = rest.find("{{#") {
                let after = &rest[start + 3..];
                let end = after.find("}}").unwrap_or_else(|| {
                    panic!("{}:{}: unclosed {{{{#", chapter.display(), number + 1)
                });
                let directive = after[..end].trim();
                rest = &after[end + 2..];
                let (kind, argument) = directive
                    .split_once(char::is_whitespace)
                    .unwrap_or((directive, ""));
                assert!(
                    matches!(kind, "include" | "rustdoc_include"),
                    "{}:{}: unknown directive {{{{#{kind}}}}}",
                    chapter.display(),
                    number + 1
                );
                let argument = argument.trim();
                let (path, spec) = match argument.split_once(':') {
                    Some((path, spec)) => (path, Some(spec.to_string())),
                    None => (argument, None),
                };
                let dir = chapter.parent().expect("a chapter is in a folder");
                all.push(Include {
                    chapter: chapter.clone(),
                    line: number + 1,
                    path: dir.join(path),
                    spec,
                });
            }
        }
    }
    all
}

/// The first line of a snapshot's body (1-based), after its `---` ... `---` header.
fn snapshot_body_start(text: &str) -> usize {
    let mut fences = 0;
    for (index, line) in text.lines().enumerate() {
        if line == "---" {
            fences += 1;
            if fences == 2 {
                return index + 2;
            }
        }
    }
    panic!("a snapshot without an insta header");
}

fn canonical(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}

#[test]
fn every_include_resolves() {
    let mut broken = Vec::new();
    for include in includes() {
        let Ok(text) = fs::read_to_string(&include.path) else {
            broken.push(format!(
                "{}: no file {}",
                include.at(),
                include.path.display()
            ));
            continue;
        };
        let lines = text.lines().count();
        match include.spec.as_deref() {
            None => {}
            Some(spec)
                if spec
                    .split(':')
                    .all(|part| part.is_empty() || part.parse::<usize>().is_ok()) =>
            {
                let first = spec
                    .split(':')
                    .next()
                    .and_then(|s| s.parse::<usize>().ok())
                    .unwrap_or(1);
                if first == 0 || first > lines {
                    broken.push(format!(
                        "{}: line {first} is past the end of {}",
                        include.at(),
                        include.path.display()
                    ));
                }
            }
            Some(anchor) => {
                let begin = text
                    .lines()
                    .position(|l| l.contains(&format!("ANCHOR: {anchor}")));
                let end = text
                    .lines()
                    .position(|l| l.contains(&format!("ANCHOR_END: {anchor}")));
                match (begin, end) {
                    (Some(b), Some(e)) if e > b + 1 => {}
                    _ => broken.push(format!(
                        "{}: anchor `{anchor}` is missing or empty in {}",
                        include.at(),
                        include.path.display()
                    )),
                }
            }
        }
    }
    assert!(broken.is_empty(), "broken includes:\n{}", broken.join("\n"));
}

#[test]
fn snapshots_are_shown_whole_without_header_and_are_asserted() {
    let snapshots = canonical(&Path::new(ROOT).join("tests/snapshots"));
    let mut wrong = Vec::new();
    for include in includes() {
        let path = canonical(&include.path);
        if !path.starts_with(&snapshots) {
            continue;
        }
        let Ok(text) = fs::read_to_string(&path) else {
            continue;
        };
        let body_start = snapshot_body_start(&text);
        if include.spec.as_deref() != Some(&format!("{body_start}:")) {
            wrong.push(format!(
                "{}: show the snapshot's body whole, as {}:{body_start}:",
                include.at(),
                include.path.display()
            ));
        }
        // The snapshot must belong to a test: its `source:` file names it.
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        let snapshot_name = name.split_once("__").map_or(name, |(_, n)| n);
        let source = text
            .lines()
            .find_map(|l| l.strip_prefix("source: "))
            .unwrap_or_default();
        let asserted = fs::read_to_string(Path::new(ROOT).join(source))
            .is_ok_and(|test| test.contains(snapshot_name));
        if !asserted {
            wrong.push(format!(
                "{}: no test in `{source}` asserts {}",
                include.at(),
                path.display()
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_example_and_its_output_is_in_the_book() {
    let shown: BTreeSet<PathBuf> = includes().iter().map(|i| canonical(&i.path)).collect();
    let mut missing = Vec::new();
    for entry in fs::read_dir(Path::new(ROOT).join("examples")).expect("examples/ is readable") {
        let path = canonical(&entry.expect("a readable entry").path());
        let Some(name) = path
            .file_stem()
            .and_then(|s| s.to_str())
            .map(str::to_string)
        else {
            continue;
        };
        if !shown.contains(&path) {
            missing.push(format!("examples/{name}.rs is not embedded in any chapter"));
        }
        let snapshot =
            canonical(&Path::new(ROOT).join(format!("tests/snapshots/examples__{name}.snap")));
        if snapshot.exists() && !shown.contains(&snapshot) {
            missing.push(format!(
                "the output of {name} ({}) is not shown in any chapter",
                snapshot.display()
            ));
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

#[test]
fn every_compile_fail_case_and_its_message_is_in_the_book() {
    let shown: BTreeSet<PathBuf> = includes().iter().map(|i| canonical(&i.path)).collect();
    let Ok(cases) = fs::read_dir(Path::new(ROOT).join("tests/compile_fail")) else {
        return;
    };
    let mut missing = Vec::new();
    for entry in cases {
        let path = canonical(&entry.expect("a readable entry").path());
        let is_case = path.extension().is_some_and(|e| e == "rs" || e == "stderr");
        if is_case && !shown.contains(&path) {
            missing.push(format!("{} is not embedded in any chapter", path.display()));
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

#[test]
fn no_output_is_typed_by_hand() {
    let mut typed = Vec::new();
    for chapter in chapters() {
        let text = fs::read_to_string(&chapter).expect("a chapter is readable");
        for (number, line) in text.lines().enumerate() {
            // Read as the tests read an example's output (`workbook::output`): a stamped line
            // or a `Total:` line is output.
            let read = workbook::output::parse(line.trim_start());
            if read.stamped().next().is_some() || read.total().is_some() {
                typed.push(format!("{}:{}: {line}", chapter.display(), number + 1));
            }
        }
    }
    assert!(
        typed.is_empty(),
        "example output typed into the book; include the snapshot instead:\n{}",
        typed.join("\n")
    );
}

/// The Python files a ```` ```python ```` block may include: the programs in `python/`, which
/// `tests/python.rs` runs every one of, and the `scale` benchmark's asyncio job, which
/// `tests/runtimes.rs` runs through `scale`.
fn is_tested_python(path: &Path) -> bool {
    let path = canonical(path);
    let python = canonical(&Path::new(ROOT).join("python"));
    let scale = canonical(&Path::new(ROOT).join("examples/scale_asyncio.py"));
    path == scale || (path.starts_with(&python) && path.extension().is_some_and(|e| e == "py"))
}

#[test]
fn no_python_is_typed_by_hand() {
    let mut typed = Vec::new();
    for chapter in chapters() {
        let text = fs::read_to_string(&chapter).expect("a chapter is readable");
        let mut in_python = false;
        for (number, line) in text.lines().enumerate() {
            let at = format!("{}:{}", chapter.display(), number + 1);
            if !in_python {
                in_python = line.trim_start().starts_with("```python");
                continue;
            }
            if line.trim_start().starts_with("```") {
                in_python = false;
                continue;
            }
            let include = line
                .trim()
                .strip_prefix("{{#include ")
                .and_then(|rest| rest.strip_suffix("}}"));
            let dir = chapter.parent().expect("a chapter is in a folder");
            match include {
                Some(path) if is_tested_python(&dir.join(path.split(':').next().unwrap_or(""))) => {
                }
                _ => typed.push(format!("{at}: {line}")),
            }
        }
    }
    assert!(
        typed.is_empty(),
        "Python typed into the book (or included from a file no test runs); put it in \
         python/NAME.py, give it a line in tests/python.rs and include it:\n{}",
        typed.join("\n")
    );
}
