//! `cargo ex verify`: the proof, for teachers and CI, that the exercises work as handed out.
//!
//! - every learner's file is still its starter, byte for byte (what a fresh clone hands out);
//! - every solution passes all its checks, and prints exactly what `done/exNN.txt` records (the
//!   book shows that file);
//! - every starter compiles and fails, and the first check it fails is the one its exercise
//!   declares: so no exercise can be passed by doing nothing, and none fails for a wrong reason;
//! - every wrong answer in `wrong/` fails the check its header names: the checks catch the
//!   mistakes the teacher notes describe.
//!
//! The programs mostly wait, so 16 run at once, the longest first. Exercise 04 measures the CPU
//! time its program asks for (the time it ran plus the time it waited for a core), which a busy
//! machine does not lower, so it runs among the others.

use std::fs;
use std::thread;
use std::time::{Duration, Instant};

use crate::checks::EXERCISES;
use crate::exercise::{CLOCK, Exercise, RUNS, Verdict, judge};
use crate::program::{Echo, Run, build, exercises_dir, run};

/// How many programs run at once. They mostly wait, so more than there are cores; not all
/// fifty at once, which would slow each one's start enough to look like a clock that drifts.
const AT_ONCE: usize = 16;
/// The time between the first starts of two programs.
const STAGGER: Duration = Duration::from_millis(50);

/// One program to run, and what it must do.
struct Job {
    exercise: &'static Exercise,
    bin: String,
    /// `solution`, `starter`, or the wrong answer's file.
    shown: String,
    expect: Expect,
}

enum Expect {
    /// Pass every check, and print what `done/` records.
    Pass,
    /// Fail, this check first.
    FailFirst(String),
}

/// Returns true if everything holds. With `bless`, writes the `done/` files instead of comparing.
pub fn verify(bless: bool) -> bool {
    let began = Instant::now();
    let mut problems = Vec::new();

    let mut jobs = Vec::new();
    for exercise in EXERCISES {
        match (
            fs::read(exercise.starter_file()),
            fs::read(exercise.learner_file()),
        ) {
            (Ok(starter), Ok(learner)) if starter == learner => {}
            (Ok(_), Ok(_)) => problems.push(format!(
                "{} is not its starter any more (starters/{}): verify checks the exercises as \
                 handed out. Run it in a clean clone, or `cargo ex reset {}`.",
                exercise.shown_path(),
                exercise.file_name(),
                exercise.number
            )),
            (Err(e), _) | (_, Err(e)) => {
                problems.push(format!("exercise {}: {e}", exercise.number));
            }
        }
        jobs.push(Job {
            exercise,
            bin: exercise.solution_bin(),
            shown: "solution".into(),
            expect: Expect::Pass,
        });
        jobs.push(Job {
            exercise,
            bin: exercise.bin(),
            shown: "starter".into(),
            expect: Expect::FailFirst(exercise.starter_fails.into()),
        });
        for wrong in exercise.wrong_answers() {
            let known = exercise.checks.iter().map(|c| c.id).chain([RUNS, CLOCK]);
            match wrong.fails {
                Some(id) if known.clone().any(|k| k == id) => jobs.push(Job {
                    exercise,
                    bin: wrong.bin,
                    shown: wrong.file,
                    expect: Expect::FailFirst(id),
                }),
                _ => problems.push(format!(
                    "{}: its header needs a line `//! Fails: ID`, ID one of {}",
                    wrong.file,
                    known.collect::<Vec<_>>().join(", ")
                )),
            }
        }
    }
    problems.extend(programs_listed(bless));
    if !problems.is_empty() {
        return report(&problems, began);
    }

    println!("Building the exercises, their solutions and the wrong answers...");
    let bins: Vec<String> = jobs.iter().map(|j| j.bin.clone()).collect();
    let Some(built) = build(&bins) else {
        return report(&["the exercises do not build (above)".to_string()], began);
    };

    println!("Running all {} programs...", jobs.len());
    let ran = Instant::now();
    let run_one = |job: &Job| {
        run(
            &built[&job.bin],
            job.exercise.limit,
            Echo::Quiet,
            job.exercise.sites,
        )
    };
    // The longest first (by their time limits), so the last to start are short ones.
    let mut order: Vec<usize> = (0..jobs.len()).collect();
    order.sort_by_key(|&index| std::cmp::Reverse(jobs[index].exercise.limit));
    let next = std::sync::Mutex::new(order.into_iter());
    let results = std::sync::Mutex::new(Vec::new());
    thread::scope(|scope| {
        for worker in 0..AT_ONCE {
            let (next, results, run_one, jobs) = (&next, &results, &run_one, &jobs);
            scope.spawn(move || {
                // A moment between two starts: many programs starting at once on a small
                // machine would each take long enough to start for their clocks to drift.
                thread::sleep(STAGGER * worker as u32);
                loop {
                    let Some(index) = next.lock().expect("the queue").next() else {
                        break;
                    };
                    let outcome = run_one(&jobs[index]);
                    results.lock().expect("the results").push((index, outcome));
                }
            });
        }
    });
    let mut runs: Vec<Option<std::io::Result<Run>>> = jobs.iter().map(|_| None).collect();
    for (index, outcome) in results.into_inner().expect("the results") {
        runs[index] = Some(outcome);
    }

    for exercise in EXERCISES {
        println!("  {}  {}", exercise.number, exercise.title);
        for (job, outcome) in jobs.iter().zip(&runs) {
            if job.exercise.number != exercise.number {
                continue;
            }
            let run = match outcome {
                Some(Ok(run)) => run,
                Some(Err(e)) => {
                    problems.push(format!("{}: cannot run {}: {e}", exercise.number, job.bin));
                    continue;
                }
                None => continue,
            };
            let verdict = judge(exercise, run);
            let (shown, problem) = judged(job, run, &verdict, bless);
            println!("        {:44} {shown}", job.shown);
            if let Some(problem) = problem {
                problems.push(format!(
                    "exercise {}, {}: {problem}\n{}",
                    exercise.number,
                    job.shown,
                    details(run, &verdict)
                ));
            }
        }
    }
    println!(
        "\nThe {} runs took {:.1} s, after {:.1} s of building.",
        jobs.len(),
        ran.elapsed().as_secs_f64(),
        (ran - began).as_secs_f64()
    );
    report(&problems, began)
}

/// What a run shows in the table, and what is wrong with it, if anything.
fn judged(job: &Job, run: &Run, verdict: &Verdict, bless: bool) -> (String, Option<String>) {
    let failed = verdict.failed_check();
    match &job.expect {
        Expect::Pass if failed.is_some() => (
            "FAILS".into(),
            Some(format!("fails \"{}\"", failed.unwrap_or_default())),
        ),
        Expect::Pass => (
            format!("passes ({})", run.took()),
            recorded_problem(job.exercise, verdict, bless)
                .or_else(|| output_problem(job.exercise, run, bless)),
        ),
        Expect::FailFirst(id) if failed == Some(id.as_str()) => (
            format!("fails \"{id}\""),
            recorded_verdict(job, verdict, bless),
        ),
        Expect::FailFirst(id) => (
            format!(
                "fails \"{}\" (should fail \"{id}\")",
                failed.unwrap_or("nothing")
            ),
            Some(format!(
                "should fail \"{id}\" first, and it {}",
                match failed {
                    Some(other) => format!("fails \"{other}\""),
                    None => "passes every check".to_string(),
                }
            )),
        ),
    }
}

/// Whether a passing check prints what `done/exNN.txt` records (or, with `bless`, records it).
fn recorded_problem(exercise: &Exercise, verdict: &Verdict, bless: bool) -> Option<String> {
    let printed = format!("{}{}\n", verdict.render(), crate::done_line(exercise));
    if bless {
        return fs::write(exercise.done_file(), &printed)
            .err()
            .map(|e| format!("cannot write {}: {e}", exercise.done_file().display()));
    }
    match fs::read_to_string(exercise.done_file()) {
        Ok(recorded) if recorded == printed => None,
        _ => Some(format!(
            "done/ex{}.txt does not record what a passing check prints. If the checks changed on \
             purpose, run `cargo ex verify --bless` and read the diff.\n{printed}",
            exercise.number
        )),
    }
}

/// The `[[bin]]` list that `Cargo.toml` must end with: the learner's file and the solution of
/// each exercise, and each wrong answer in `wrong/`.
fn programs() -> String {
    let mut out = String::from(PROGRAMS_HEADER);
    let program = |name: &str, path: &str| {
        format!("\n[[bin]]\nname = \"{name}\"\npath = \"{path}\"\ntest = false\n")
    };
    for exercise in EXERCISES {
        out.push_str(&program(&exercise.bin(), &exercise.file_name()));
        out.push_str(&program(
            &exercise.solution_bin(),
            &format!("solutions/{}", exercise.file_name()),
        ));
    }
    let mut wrong: Vec<String> = fs::read_dir(exercises_dir().join("wrong"))
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.file_name().to_string_lossy().to_string())
                .filter(|name| name.ends_with(".rs"))
                .collect()
        })
        .unwrap_or_default();
    wrong.sort();
    for file in wrong {
        let stem = file.trim_end_matches(".rs");
        out.push_str(&program(&format!("wrong_{stem}"), &format!("wrong/{file}")));
    }
    out
}

const PROGRAMS_HEADER: &str = "\
# The exercise programs below are generated from the files in this folder by
# `cargo ex verify --bless`, and `cargo ex verify` fails when they disagree: each learner's file
# exNN_name.rs is `exNN`, its solution `solutionNN`, each wrong answer wrong/X.rs `wrong_X`.
# They have no unit tests (`test = false`): the checker tests them by running them.
";

/// Whether `Cargo.toml` lists exactly the programs there are (with `bless`, makes it so), and
/// no solution or exercise file lies about with no exercise of its own.
fn programs_listed(bless: bool) -> Vec<String> {
    let mut problems = Vec::new();
    for folder in [".", "solutions", "starters"] {
        let Ok(entries) = fs::read_dir(exercises_dir().join(folder)) else {
            continue;
        };
        for name in entries
            .flatten()
            .map(|e| e.file_name().to_string_lossy().to_string())
        {
            let is_exercise_file = name.starts_with("ex") && name.ends_with(".rs");
            if is_exercise_file && !EXERCISES.iter().any(|e| e.file_name() == name) {
                problems.push(format!(
                    "{folder}/{name} belongs to no exercise in src/runner/checks/ (its name \
                     must be exNN_name.rs of one of them)"
                ));
            }
        }
    }
    let manifest = exercises_dir().join("Cargo.toml");
    let Ok(text) = fs::read_to_string(&manifest) else {
        problems.push(format!("cannot read {}", manifest.display()));
        return problems;
    };
    let Some(start) = text.find(PROGRAMS_HEADER.lines().next().unwrap_or_default()) else {
        problems.push(format!(
            "exercises/Cargo.toml has no generated list of programs (its first line: {:?}): \
             `cargo ex verify --bless` adds it",
            PROGRAMS_HEADER.lines().next().unwrap_or_default()
        ));
        return problems;
    };
    let expected = programs();
    if text[start..] == expected {
        return problems;
    }
    if bless {
        if let Err(e) = fs::write(&manifest, format!("{}{expected}", &text[..start])) {
            problems.push(format!("cannot write {}: {e}", manifest.display()));
        } else {
            println!("Wrote the list of programs in exercises/Cargo.toml.");
        }
    } else {
        problems.push(
            "exercises/Cargo.toml does not list the programs there are (an exercise or a wrong \
             answer added, renamed or removed): `cargo ex verify --bless` writes the list"
                .to_string(),
        );
    }
    problems
}

/// With `bless`, records what the checker says about a starter or a wrong answer, for the book's
/// teacher notes: `done/wrong/ex06_one_deadline_for_all.txt`, `done/wrong/ex06_starter.txt`.
/// Not compared afterwards: the times in it change from run to run; the check it fails is
/// compared, above.
fn recorded_verdict(job: &Job, verdict: &Verdict, bless: bool) -> Option<String> {
    if !bless {
        return None;
    }
    let name = match job.shown.strip_prefix("wrong/") {
        Some(file) => file.trim_end_matches(".rs").to_string(),
        None => format!("ex{}_{}", job.exercise.number, job.shown),
    };
    let dir = exercises_dir().join("done").join("wrong");
    let file = dir.join(format!("{name}.txt"));
    fs::create_dir_all(&dir)
        .and_then(|()| fs::write(&file, verdict.render()))
        .err()
        .map(|e| format!("cannot write {}: {e}", file.display()))
}

/// The file a solution's output is recorded in, for its page in the book.
fn output_file(exercise: &Exercise) -> std::path::PathBuf {
    exercises_dir()
        .join("done")
        .join(format!("ex{}-output.txt", exercise.number))
}

/// Whether a passing solution printed what its recorded output shows (with `bless`, records it):
/// as many stamped lines, and a total within 0.3 s. Not the lines themselves: which consumer
/// takes which item, or a page's time to the tenth, may change from run to run.
fn output_problem(exercise: &Exercise, run: &Run, bless: bool) -> Option<String> {
    let file = output_file(exercise);
    if bless {
        return fs::write(&file, &run.stdout)
            .err()
            .map(|e| format!("cannot write {}: {e}", file.display()));
    }
    let recorded = fs::read_to_string(&file).unwrap_or_default();
    let (then, then_total) = stamped_texts(&recorded);
    let (now, now_total) = stamped_texts(&run.stdout);
    let close = matches!((then_total, now_total), (Some(a), Some(b)) if a.abs_diff(b) <= 3);
    if then.len() == now.len() && close {
        return None;
    }
    Some(format!(
        "done/ex{}-output.txt does not show what the solution prints now ({} stamped lines and \
         a total of {:?} tenths recorded, {} and {:?} now). If the solution changed on purpose, \
         run `cargo ex verify --bless` on a quiet machine and read the diff.",
        exercise.number,
        then.len(),
        then_total,
        now.len(),
        now_total
    ))
}

/// The stamped lines of an output as (tenths, text), and its total in tenths.
fn stamped_texts(output: &str) -> (Vec<(u32, String)>, Option<u32>) {
    let lines: Vec<(Duration, String)> = output
        .lines()
        .map(|line| (Duration::ZERO, line.to_string()))
        .collect();
    let (events, total, _) = crate::program::parse(&lines);
    (
        events.into_iter().map(|e| (e.at.0, e.text)).collect(),
        total.map(|(printed, _)| printed.0),
    )
}

/// A failed run's checks and output, to see what went wrong.
fn details(run: &Run, verdict: &Verdict) -> String {
    let mut out = verdict.render();
    out.push_str("    its output:\n");
    for line in run.stdout.lines().chain(run.stderr.lines()) {
        out.push_str(&format!("    │ {line}\n"));
    }
    out
}

fn report(problems: &[String], began: Instant) -> bool {
    if problems.is_empty() {
        println!(
            "verify: all {} exercises hold, in {:.1} s.",
            EXERCISES.len(),
            began.elapsed().as_secs_f64()
        );
        return true;
    }
    println!();
    for problem in problems {
        println!("verify: {problem}");
    }
    println!(
        "verify: {} problem{} found, in {:.1} s.",
        problems.len(),
        if problems.len() == 1 { "" } else { "s" },
        began.elapsed().as_secs_f64()
    );
    false
}
