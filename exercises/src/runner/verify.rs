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
//! The programs mostly wait, so they all run at once; an exercise that measures CPU time has its
//! solution run alone afterwards, so that the others do not take its CPU away.

use std::fs;
use std::thread;
use std::time::{Duration, Instant};

use crate::checks::EXERCISES;
use crate::exercise::{CLOCK, Exercise, RUNS, Verdict, judge};
use crate::program::{Echo, Run, build, run};

/// The time between starting two programs that run at once.
const STAGGER: Duration = Duration::from_millis(40);

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

impl Job {
    /// A solution that measures CPU time runs alone.
    fn alone(&self) -> bool {
        self.exercise.cpu_bound && matches!(self.expect, Expect::Pass)
    }
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
    let mut runs: Vec<Option<std::io::Result<Run>>> = jobs.iter().map(|_| None).collect();
    thread::scope(|scope| {
        let together: Vec<_> = jobs
            .iter()
            .enumerate()
            .filter(|(_, job)| !job.alone())
            .map(|(index, job)| {
                // A moment between two starts: fifty programs starting at once on a small
                // machine would each take long enough to start for their clocks to drift.
                thread::sleep(STAGGER);
                (index, scope.spawn(move || run_one(job)))
            })
            .collect();
        for (index, thread) in together {
            runs[index] = Some(thread.join().expect("a run thread"));
        }
    });
    for (index, job) in jobs.iter().enumerate().filter(|(_, job)| job.alone()) {
        runs[index] = Some(run_one(job));
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
            recorded_problem(job.exercise, verdict, bless),
        ),
        Expect::FailFirst(id) if failed == Some(id.as_str()) => (format!("fails \"{id}\""), None),
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
