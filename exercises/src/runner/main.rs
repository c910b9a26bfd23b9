//! `workbook`: the exercise runner. A learner edits one file, runs one command and sees what still
//! misbehaves; a teacher (or CI) checks that every exercise works.
//!
//! Run it as `cargo ex COMMAND` (the alias in `.cargo/config.toml`) or `just COMMAND`:
//!
//! - `list`: every exercise, its file, and how far the learner is;
//! - `check NN`: build the learner's program, run it, and check what it does;
//! - `hint NN [K]`: the K-th hint (the first by default);
//! - `reset NN`: put the starter back (every version it replaces is kept, numbered, in
//!   `target/`); `reset NN --list` lists them, `reset NN --restore K` puts version K back;
//! - `watch NN`: check again on every save;
//! - `verify`: every solution passes its checks and every starter fails for its reason.

mod checks;
mod exercise;
mod program;
mod verify;

use std::fs;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, SystemTime};

use checks::EXERCISES;
use exercise::{Exercise, judge};
use program::{Echo, build, run};

const USAGE: &str = "\
usage: cargo ex COMMAND   (or: just COMMAND)

  list             every exercise, its file, and how far you are
  check NN         build your program for exercise NN, run it, and check what it does
  hint NN [K]      the first hint for exercise NN, or the K-th
  reset NN         put the starter of exercise NN back (your version is kept, numbered)
  reset NN --list  the versions of exercise NN that reset has kept
  reset NN --restore K
                   put version K back (the file it replaces is kept too)
  watch NN         check exercise NN again each time you save its file (Ctrl-C to stop)
  verify [--bless] for teachers and CI: every solution passes, every starter and wrong answer
                   fails as it should (--bless records what the solutions print)";

/// The one line a usage error ends with.
const SHORT_USAGE: &str = "usage: cargo ex list | check NN | hint NN [K] | reset NN [--list | \
                           --restore K] | watch NN | verify [--bless]   (cargo ex help)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let outcome = match args.as_slice() {
        [] | ["help" | "--help" | "-h"] => {
            println!("{USAGE}");
            Ok(true)
        }
        ["list"] => list(),
        ["check", number] => exercise(number).map(check),
        ["hint", number] => exercise(number).and_then(|e| hint(e, "1")),
        ["hint", number, which] => exercise(number).and_then(|e| hint(e, which)),
        ["reset", number] => exercise(number).and_then(reset),
        ["reset", number, "--list"] => exercise(number).and_then(list_kept),
        ["reset", number, "--restore", which] => exercise(number).and_then(|e| restore(e, which)),
        ["watch", number] => exercise(number).map(watch),
        ["verify"] => Ok(verify::verify(false)),
        ["verify", "--bless"] => Ok(verify::verify(true)),
        _ => Err(usage_error(&args)),
    };
    match outcome {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(message) => {
            eprintln!("cargo ex: {message}");
            ExitCode::from(2)
        }
    }
}

/// What is wrong with a command line, on one line, with the usage.
fn usage_error(args: &[&str]) -> String {
    let what = match args {
        ["check" | "watch" | "reset" | "hint"] => {
            format!(
                "`{}` needs the exercise's number, such as `{} 01`",
                args[0], args[0]
            )
        }
        ["reset", _, "--restore"] => {
            "`--restore` needs the version's number (`--list` shows them)".into()
        }
        [
            command @ ("check" | "watch" | "reset" | "hint" | "list" | "verify"),
            ..,
        ] => {
            format!(
                "unexpected words after `{command}`: {}",
                args[1..].join(" ")
            )
        }
        [command, ..] => format!("unknown command `{command}`"),
        [] => "no command".into(),
    };
    format!("{what}. {SHORT_USAGE}")
}

/// The exercise a learner named: `4`, `04` or `ex04`.
fn exercise(named: &str) -> Result<&'static Exercise, String> {
    let digits = named.trim_start_matches("ex");
    let number: Option<u32> = digits.parse().ok();
    EXERCISES
        .iter()
        .find(|e| e.number.parse::<u32>().ok() == number && number.is_some())
        .ok_or_else(|| {
            format!(
                "no exercise {named}: they are numbered {} to {} (`cargo ex list`). {SHORT_USAGE}",
                EXERCISES[0].number,
                EXERCISES[EXERCISES.len() - 1].number
            )
        })
}

fn list() -> Result<bool, String> {
    println!("Edit an exercise's file, then check it with `cargo ex check NN`.\n");
    let title_width = EXERCISES.iter().map(|e| e.title.len()).max().unwrap_or(0);
    let path_width = EXERCISES
        .iter()
        .map(|e| e.shown_path().len())
        .max()
        .unwrap_or(0);
    let mut done = 0;
    let mut next = None;
    for exercise in EXERCISES {
        let status = status(exercise);
        if status == Status::Done {
            done += 1;
        } else if next.is_none() {
            next = Some(exercise);
        }
        println!(
            "  {}  {:title_width$}  {:path_width$}  {}",
            exercise.number,
            exercise.title,
            exercise.shown_path(),
            status.shown()
        );
    }
    println!();
    match next {
        Some(next) => println!(
            "{done} of {} done. Next: exercise {}, `cargo ex check {}`.",
            EXERCISES.len(),
            next.number,
            next.number
        ),
        None => println!("All {} done. Well done!", EXERCISES.len()),
    }
    Ok(true)
}

#[derive(PartialEq, Eq)]
enum Status {
    NotStarted,
    Started,
    Done,
    Missing,
}

impl Status {
    fn shown(&self) -> &'static str {
        match self {
            Status::NotStarted => "not started",
            Status::Started => "started",
            Status::Done => "done",
            Status::Missing => "missing: `cargo ex reset NN` puts it back",
        }
    }
}

fn status(exercise: &Exercise) -> Status {
    let Ok(mine) = fs::read(exercise.learner_file()) else {
        return Status::Missing;
    };
    if passed(exercise).is_some_and(|hash| hash == fingerprint(&mine)) {
        Status::Done
    } else if fs::read(exercise.starter_file()).is_ok_and(|starter| starter == mine) {
        Status::NotStarted
    } else {
        Status::Started
    }
}

/// Builds and runs the learner's program and prints what its checks say. True if they all pass.
fn check(exercise: &Exercise) -> bool {
    println!(
        "Exercise {} · {} · {}",
        exercise.number,
        exercise.title,
        exercise.shown_path()
    );
    let Some(built) = build(&[exercise.bin()]) else {
        println!(
            "\n{} does not compile yet: the compiler's messages are above. Fix the first one, \
             then check again.",
            exercise.shown_path()
        );
        return false;
    };
    let contents = fs::read(exercise.learner_file()).unwrap_or_default();
    println!(
        "Running it (the checker stops it after {} s):\n",
        exercise.limit.as_secs()
    );
    let run = match run(
        &built[&exercise.bin()],
        exercise.limit,
        Echo::Live,
        exercise.sites,
    ) {
        Ok(run) => run,
        Err(error) => {
            println!("Cannot run it: {error}");
            return false;
        }
    };
    let verdict = judge(exercise, &run);
    println!("\nChecks:\n{}", verdict.render());
    if verdict.passed() {
        println!("{}", done_line(exercise));
        record_pass(exercise, &contents);
        if let Some(next) = EXERCISES
            .iter()
            .skip_while(|e| e.number != exercise.number)
            .nth(1)
        {
            println!(
                "Next: exercise {}, {} (`cargo ex check {}`).",
                next.number,
                next.shown_path(),
                next.number
            );
        }
        true
    } else {
        let passing = verdict.outcomes.iter().filter(|o| o.result.is_ok()).count();
        println!(
            "Not done yet: {passing} of {} checks pass. Stuck? `cargo ex hint {}`.",
            exercise.check_count(),
            exercise.number
        );
        false
    }
}

/// The last line of a passing check, as recorded in `done/`.
fn done_line(exercise: &Exercise) -> String {
    format!(
        "All {} checks pass: exercise {} is done.",
        exercise.check_count(),
        exercise.number
    )
}

fn hint(exercise: &Exercise, which: &str) -> Result<bool, String> {
    let text = fs::read_to_string(exercise.hints_file())
        .map_err(|e| format!("cannot read {}: {e}", exercise.hints_file().display()))?;
    let hints = hints(&text);
    let count = hints.len();
    let k: usize = which
        .parse()
        .ok()
        .filter(|k| (1..=count).contains(k))
        .ok_or_else(|| {
            format!(
                "exercise {} has hints 1 to {count}, not {which}. {SHORT_USAGE}",
                exercise.number
            )
        })?;
    println!(
        "Exercise {} · {} · hint {k} of {count}\n",
        exercise.number, exercise.title
    );
    println!("{}", hints[k - 1].trim());
    if k < count {
        println!(
            "\nStill stuck? The next hint: `cargo ex hint {} {}`.",
            exercise.number,
            k + 1
        );
    } else {
        println!(
            "\nThat was the last hint. The solution is in the book, and in exercises/solutions/."
        );
    }
    Ok(true)
}

/// The hints in a hints file, in order: the text between `<!-- ANCHOR: hintK -->` and
/// `<!-- ANCHOR_END: hintK -->`, the anchors the book includes them by.
fn hints(text: &str) -> Vec<String> {
    let mut hints = Vec::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        if line.contains("ANCHOR: hint") {
            current = Some(String::new());
        } else if line.contains("ANCHOR_END: hint") {
            hints.extend(current.take());
        } else if let Some(hint) = current.as_mut() {
            hint.push_str(line);
            hint.push('\n');
        }
    }
    hints
}

fn reset(exercise: &Exercise) -> Result<bool, String> {
    let starter = fs::read(exercise.starter_file())
        .map_err(|e| format!("cannot read {}: {e}", exercise.starter_file().display()))?;
    let mine = fs::read(exercise.learner_file()).ok();
    if mine.as_deref() == Some(starter.as_slice()) {
        println!("{} is the starter already.", exercise.shown_path());
        return Ok(true);
    }
    if let Some(mine) = mine {
        keep(exercise, &mine)?;
    }
    fs::write(exercise.learner_file(), starter)
        .map_err(|e| format!("cannot write {}: {e}", exercise.shown_path()))?;
    println!("{} is the starter again.", exercise.shown_path());
    Ok(true)
}

/// Where `reset` keeps the versions of an exercise it replaced: `target/.../reset/ex04/`, one
/// file per version, `1_ex04_chores.rs` the oldest.
fn kept_dir(exercise: &Exercise) -> PathBuf {
    state_dir()
        .join("reset")
        .join(format!("ex{}", exercise.number))
}

/// The versions kept for an exercise, oldest first: number and file.
fn kept_versions(exercise: &Exercise) -> Vec<(u32, PathBuf)> {
    let Ok(entries) = fs::read_dir(kept_dir(exercise)) else {
        return Vec::new();
    };
    let mut versions: Vec<(u32, PathBuf)> = entries
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().to_string();
            let number = name.split_once('_')?.0.parse().ok()?;
            Some((number, entry.path()))
        })
        .collect();
    versions.sort();
    versions
}

/// Keeps `contents` as the next version of the learner's file, unless the latest kept is the same.
fn keep(exercise: &Exercise, contents: &[u8]) -> Result<(), String> {
    let versions = kept_versions(exercise);
    if let Some((number, latest)) = versions.last() {
        if fs::read(latest).is_ok_and(|kept| kept == contents) {
            println!("Your version is kept already, as version {number}.");
            return Ok(());
        }
    }
    let number = versions.last().map_or(1, |(n, _)| n + 1);
    let kept = kept_dir(exercise).join(format!("{number}_{}", exercise.file_name()));
    kept.parent()
        .map(fs::create_dir_all)
        .transpose()
        .and_then(|_| fs::write(&kept, contents))
        .map_err(|e| format!("cannot keep your version in {}: {e}", kept.display()))?;
    let root = program::workspace_root();
    let shown = kept.strip_prefix(&root).unwrap_or(&kept);
    println!(
        "Your version is kept as version {number}, in {} (`cargo ex reset {} --list`).",
        shown.display(),
        exercise.number
    );
    Ok(())
}

fn list_kept(exercise: &Exercise) -> Result<bool, String> {
    let versions = kept_versions(exercise);
    if versions.is_empty() {
        println!(
            "No version of {} has been kept yet: `cargo ex reset {}` keeps the one it replaces.",
            exercise.shown_path(),
            exercise.number
        );
        return Ok(true);
    }
    println!(
        "Versions of {} kept by reset, oldest first:\n",
        exercise.shown_path()
    );
    for (number, file) in &versions {
        let lines = fs::read_to_string(file).map_or(0, |text| text.lines().count());
        let age = fs::metadata(file)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|at| at.elapsed().ok())
            .map(ago)
            .unwrap_or_default();
        println!("  {number:>3}  {lines:>4} lines  kept {age}");
    }
    println!(
        "\nPut one back with `cargo ex reset {} --restore K`.",
        exercise.number
    );
    Ok(true)
}

/// `5 minutes ago`.
fn ago(elapsed: Duration) -> String {
    let seconds = elapsed.as_secs();
    match seconds {
        0..60 => format!("{seconds} s ago"),
        60..3600 => format!("{} min ago", seconds / 60),
        3600..86_400 => format!("{} h ago", seconds / 3600),
        _ => format!("{} days ago", seconds / 86_400),
    }
}

fn restore(exercise: &Exercise, which: &str) -> Result<bool, String> {
    let versions = kept_versions(exercise);
    let Some((number, file)) = which
        .parse::<u32>()
        .ok()
        .and_then(|k| versions.iter().find(|(n, _)| *n == k))
    else {
        return Err(format!(
            "exercise {} has no kept version {which} (`cargo ex reset {} --list`). {SHORT_USAGE}",
            exercise.number, exercise.number
        ));
    };
    let contents = fs::read(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    if let Ok(mine) = fs::read(exercise.learner_file()) {
        if mine == contents {
            println!("{} is version {number} already.", exercise.shown_path());
            return Ok(true);
        }
        // The starter needs no keeping: `reset` brings it back.
        if fs::read(exercise.starter_file()).ok().as_deref() != Some(mine.as_slice()) {
            keep(exercise, &mine)?;
        }
    }
    fs::write(exercise.learner_file(), contents)
        .map_err(|e| format!("cannot write {}: {e}", exercise.shown_path()))?;
    println!("{} is version {number} again.", exercise.shown_path());
    Ok(true)
}

fn watch(exercise: &Exercise) -> bool {
    let file = exercise.learner_file();
    loop {
        // What the file is before the check: a save while the check runs is seen after it.
        let before = seen(&file);
        check(exercise);
        if seen(&file) != before {
            println!(
                "\n{} was saved during the check: checking again.",
                exercise.shown_path()
            );
        } else {
            println!(
                "\nWatching {}: save it to check again. Ctrl-C to stop.",
                exercise.shown_path()
            );
            loop {
                std::thread::sleep(Duration::from_millis(300));
                let now = seen(&file);
                if now.0.is_some() && now != before {
                    break;
                }
            }
        }
        // An editor may write a file in more than one go.
        std::thread::sleep(Duration::from_millis(200));
        println!("\n{}\n", "─".repeat(78));
    }
}

/// What the file is now: when it was last written, and a fingerprint of what it holds (an editor
/// may keep the time, or write the same time twice within a second).
fn seen(file: &PathBuf) -> (Option<SystemTime>, u64) {
    (
        modified(file),
        fingerprint(&fs::read(file).unwrap_or_default()),
    )
}

fn modified(file: &PathBuf) -> Option<SystemTime> {
    fs::metadata(file).and_then(|m| m.modified()).ok()
}

/// Where the runner keeps its notes (which version passed) and the versions `reset` replaced:
/// beside its own program in `target/`, so they go with `cargo clean` and never into git.
fn state_dir() -> PathBuf {
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join("workbook-exercises")))
        .unwrap_or_else(|| std::env::temp_dir().join("workbook-exercises"))
}

/// A fingerprint of a file's contents (FNV-1a), to tell whether it is the version that passed.
fn fingerprint(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn passed_file(exercise: &Exercise) -> PathBuf {
    state_dir().join(format!("passed-ex{}", exercise.number))
}

/// The fingerprint of the version of the learner's file that last passed.
fn passed(exercise: &Exercise) -> Option<u64> {
    fs::read_to_string(passed_file(exercise))
        .ok()?
        .trim()
        .parse()
        .ok()
}

fn record_pass(exercise: &Exercise, contents: &[u8]) {
    let file = passed_file(exercise);
    if let Some(dir) = file.parent() {
        let _ = fs::create_dir_all(dir);
    }
    let _ = fs::write(file, fingerprint(contents).to_string());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_are_read_between_their_anchors() {
        let text = "# Hints\n<!-- ANCHOR: hint1 -->\nFirst.\n<!-- ANCHOR_END: hint1 -->\n\
                    between\n<!-- ANCHOR: hint2 -->\nSecond,\ntwo lines.\n\
                    <!-- ANCHOR_END: hint2 -->\n";
        assert_eq!(hints(text), ["First.\n", "Second,\ntwo lines.\n"]);
    }

    #[test]
    fn every_usage_error_is_one_line_with_the_usage() {
        for args in [
            &["check"][..],
            &["watch"],
            &["reset"],
            &["hint"],
            &["frobnicate", "01"],
            &["reset", "01", "--restore"],
            &["list", "x"],
            &["verify", "--now"],
        ] {
            let error = usage_error(args);
            assert!(!error.contains('\n'), "{error}");
            assert!(error.ends_with(SHORT_USAGE), "{error}");
        }
        assert!(usage_error(&["check"]).starts_with("`check` needs the exercise's number"));
    }

    #[test]
    fn exercises_are_found_by_number() {
        assert_eq!(exercise("4").map(|e| e.number), Ok("04"));
        assert_eq!(exercise("ex10").map(|e| e.number), Ok("10"));
        assert!(exercise("99").is_err());
        assert!(exercise("x").is_err());
    }

    #[test]
    fn every_exercise_is_complete() {
        for (index, exercise) in EXERCISES.iter().enumerate() {
            assert_eq!(exercise.number, format!("{:02}", index + 1));
            for file in [
                exercise.learner_file(),
                exercise.starter_file(),
                exercise.hints_file(),
            ] {
                assert!(file.exists(), "{} is missing", file.display());
            }
            let ids: Vec<&str> = exercise
                .checks
                .iter()
                .map(|c| c.id)
                .chain([exercise::RUNS, exercise::CLOCK])
                .collect();
            assert!(
                ids.contains(&exercise.starter_fails),
                "exercise {}: starter_fails names no check",
                exercise.number
            );
        }
    }
}
