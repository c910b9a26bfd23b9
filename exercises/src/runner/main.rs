//! `workbook`: the exercise runner. A learner edits one file, runs one command and sees what still
//! misbehaves; a teacher (or CI) checks that every exercise works.
//!
//! Run it as `cargo ex COMMAND` (the alias in `.cargo/config.toml`) or `just COMMAND`:
//!
//! - `list`: every exercise, its file, and how far the learner is;
//! - `check NN`: build the learner's program, run it, and check what it does;
//! - `hint NN [K]`: the K-th hint (the first by default);
//! - `reset NN`: put the starter back (the learner's version is kept in `target/`);
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
  reset NN         put the starter of exercise NN back (your version is kept in target/)
  watch NN         check exercise NN again each time you save its file (Ctrl-C to stop)
  verify           for teachers and CI: every solution passes, every starter fails as it should";

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
        ["watch", number] => exercise(number).map(watch),
        ["verify"] => Ok(verify::verify(false)),
        ["verify", "--bless"] => Ok(verify::verify(true)),
        _ => Err(format!("unknown command: {}\n\n{USAGE}", args.join(" "))),
    };
    match outcome {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::from(2)
        }
    }
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
                "no exercise {named}: they are numbered {} to {} (`cargo ex list`)",
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
        .ok_or_else(|| format!("exercise {} has hints 1 to {count}", exercise.number))?;
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
        let kept = state_dir().join("reset").join(exercise.file_name());
        let saved = kept
            .parent()
            .map(fs::create_dir_all)
            .transpose()
            .and_then(|_| fs::write(&kept, mine));
        match saved {
            Ok(()) => {
                let root = program::workspace_root();
                let shown = kept.strip_prefix(&root).unwrap_or(&kept);
                println!("Your version is kept in {}.", shown.display());
            }
            Err(e) => {
                return Err(format!(
                    "cannot keep your version in {}: {e}",
                    kept.display()
                ));
            }
        }
    }
    fs::write(exercise.learner_file(), starter)
        .map_err(|e| format!("cannot write {}: {e}", exercise.shown_path()))?;
    println!("{} is the starter again.", exercise.shown_path());
    Ok(true)
}

fn watch(exercise: &Exercise) -> bool {
    let file = exercise.learner_file();
    loop {
        check(exercise);
        println!(
            "\nWatching {}: save it to check again. Ctrl-C to stop.",
            exercise.shown_path()
        );
        let seen = modified(&file);
        loop {
            std::thread::sleep(Duration::from_millis(300));
            let now = modified(&file);
            if now.is_some() && now != seen {
                break;
            }
        }
        // An editor may write a file in more than one go.
        std::thread::sleep(Duration::from_millis(200));
        println!("\n{}\n", "─".repeat(78));
    }
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
            let ids: Vec<&str> = exercise.checks.iter().map(|c| c.id).collect();
            assert!(
                ids.contains(&exercise.starter_fails),
                "exercise {}: starter_fails names no check",
                exercise.number
            );
        }
    }
}
