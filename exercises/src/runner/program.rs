//! Building an exercise program with cargo, running it as a process with a time limit, and reading
//! what it printed.

use std::collections::BTreeMap;
use std::fmt;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

/// The workspace root: the folder above `exercises/`.
pub fn workspace_root() -> PathBuf {
    exercises_dir()
        .parent()
        .expect("exercises/ is inside the workspace")
        .to_path_buf()
}

/// The `exercises/` folder, where this package is.
pub fn exercises_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Builds the programs `bins` of this package and returns where each one's executable is.
/// Compiler messages go to the terminal (stderr) as cargo shows them. `None` if the build failed.
pub fn build(bins: &[String]) -> Option<BTreeMap<String, PathBuf>> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command
        .current_dir(workspace_root())
        .args(["build", "-q", "-p", "workbook-exercises"])
        .arg("--message-format=json-render-diagnostics");
    for bin in bins {
        command.args(["--bin", bin]);
    }
    let output = command
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    let json = String::from_utf8_lossy(&output.stdout);
    let mut built = BTreeMap::new();
    for line in json.lines() {
        if !line.contains("\"reason\":\"compiler-artifact\"") {
            continue;
        }
        let (Some(name), Some(executable)) = (
            json_string(line, "\"target\":{", "\"name\":"),
            json_string(line, "", "\"executable\":"),
        ) else {
            continue;
        };
        if bins.contains(&name) {
            built.insert(name, PathBuf::from(executable));
        }
    }
    (built.len() == bins.len()).then_some(built)
}

/// The string value of `key` in one line of cargo's JSON, looking after `after`. Enough JSON for
/// cargo's artifact messages: a name and a path, with `\\` and `\"` escapes.
fn json_string(line: &str, after: &str, key: &str) -> Option<String> {
    let from = line.find(after)? + after.len();
    let rest = &line[from..];
    let start = rest.find(key)? + key.len();
    let rest = rest[start..].strip_prefix('"')?;
    let mut value = String::new();
    let mut chars = rest.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(value),
            '\\' => value.push(chars.next()?),
            c => value.push(c),
        }
    }
    None
}

/// A time as the examples print it, in tenths of a second: `[ 2.0s]` is 20.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Tenths(pub u32);

impl Tenths {
    pub fn from_secs(seconds: f64) -> Tenths {
        Tenths((seconds * 10.0).round() as u32)
    }

    /// `2.0` of `2.0 s`, read back.
    fn parse(text: &str) -> Option<Tenths> {
        let (whole, tenth) = text.trim().split_once('.')?;
        Some(Tenths(
            whole.parse::<u32>().ok()? * 10 + tenth.parse::<u32>().ok()?,
        ))
    }
}

impl fmt::Display for Tenths {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{} s", self.0 / 10, self.0 % 10)
    }
}

/// One line a program printed with `workbook::say`: when, and what.
#[derive(Clone, Debug)]
pub struct Event {
    pub at: Tenths,
    pub text: String,
}

/// How a program's run ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ending {
    /// It exited with this code.
    Exited(i32),
    /// A signal ended it (a crash, or someone killed it).
    Killed,
    /// It ran past its time limit and the checker stopped it.
    TimedOut(Duration),
}

/// What one run of a program printed and how it went, as the checks see it.
#[derive(Clone, Debug)]
pub struct Run {
    /// Every line it printed with a time stamp, in the order printed.
    pub events: Vec<Event>,
    /// The total from its `Total: 3.0 s` line, if it printed one.
    pub total: Option<Tenths>,
    pub stdout: String,
    pub stderr: String,
    pub ending: Ending,
    /// How long the process ran, measured from outside.
    pub wall: Duration,
    /// The CPU time the process used, all its threads together, where the system tells.
    pub cpu: Option<Duration>,
}

impl Run {
    /// The first line that is exactly `text`.
    pub fn line(&self, text: &str) -> Option<&Event> {
        self.events.iter().find(|e| e.text == text)
    }

    /// Every line that starts with `prefix`, in the order printed.
    pub fn lines_starting(&self, prefix: &str) -> Vec<&Event> {
        self.events
            .iter()
            .filter(|e| e.text.starts_with(prefix))
            .collect()
    }

    /// Where a line is among the printed lines: the order they happened in.
    pub fn position(&self, event: &Event) -> usize {
        self.events
            .iter()
            .position(|e| std::ptr::eq(e, event))
            .unwrap_or(usize::MAX)
    }

    /// How long the program took by its own clock: its printed total, else its last stamp, else
    /// the wall time measured from outside.
    pub fn took(&self) -> Tenths {
        self.total
            .or_else(|| self.events.last().map(|e| e.at))
            .unwrap_or_else(|| Tenths::from_secs(self.wall.as_secs_f64()))
    }
}

/// Reads a program's stdout into stamped lines and its total.
pub fn parse(stdout: &str) -> (Vec<Event>, Option<Tenths>) {
    let mut events = Vec::new();
    let mut total = None;
    for line in stdout.lines() {
        if let Some(rest) = line.strip_prefix("Total: ") {
            total = rest.strip_suffix(" s").and_then(Tenths::parse);
        } else if let Some(event) = stamped(line) {
            events.push(event);
        }
    }
    (events, total)
}

/// `[ 2.0s] First` as an event at 2.0 s.
fn stamped(line: &str) -> Option<Event> {
    let (stamp, text) = line.strip_prefix('[')?.split_once("s] ")?;
    Some(Event {
        at: Tenths::parse(stamp)?,
        text: text.to_string(),
    })
}

/// How to show a program's output while it runs.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Echo {
    /// Print each line as it comes, behind a gutter, so the learner watches the program run.
    Live,
    /// Print nothing (`verify` runs many programs at once).
    Quiet,
}

/// Runs `binary` until it ends or `limit` passes, and returns what it printed.
pub fn run(binary: &Path, limit: Duration, echo: Echo) -> std::io::Result<Run> {
    let began = Instant::now();
    let mut child = Command::new(binary)
        .current_dir(workspace_root())
        .env_remove("RUST_BACKTRACE")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let stdout = read_lines(child.stdout.take(), echo, "│ ");
    let stderr = read_lines(child.stderr.take(), echo, "│ ");
    let (ending, cpu) = wait(&mut child, limit);
    let wall = began.elapsed();
    // The readers end when the pipes close, which is when the program has ended.
    let stdout = stdout.recv().unwrap_or_default();
    let stderr = stderr.recv().unwrap_or_default();
    let (events, total) = parse(&stdout);
    Ok(Run {
        events,
        total,
        stdout,
        stderr,
        ending,
        wall,
        cpu,
    })
}

/// Collects a pipe's text on a thread of its own, echoing each line if asked, and hands it over
/// when the pipe closes.
fn read_lines(
    pipe: Option<impl Read + Send + 'static>,
    echo: Echo,
    gutter: &'static str,
) -> mpsc::Receiver<String> {
    let (send, receive) = mpsc::channel();
    thread::spawn(move || {
        let mut all = String::new();
        if let Some(pipe) = pipe {
            let mut reader = BufReader::new(pipe);
            let mut line = Vec::new();
            while reader.read_until(b'\n', &mut line).unwrap_or(0) > 0 {
                let text = String::from_utf8_lossy(&line);
                if echo == Echo::Live {
                    println!("{gutter}{}", text.trim_end_matches(['\n', '\r']));
                }
                all.push_str(&text);
                line.clear();
            }
        }
        let _ = send.send(all);
    });
    receive
}

/// How often to look whether the program has ended.
const POLL: Duration = Duration::from_millis(10);

/// Waits for the child to end, stopping it after `limit`, and reads the CPU time it used.
#[cfg(unix)]
fn wait(child: &mut Child, limit: Duration) -> (Ending, Option<Duration>) {
    let pid = child.id() as libc::pid_t;
    let began = Instant::now();
    let mut timed_out = None;
    loop {
        let mut status: libc::c_int = 0;
        // SAFETY: an all-zero rusage is a valid value of this plain C struct.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        let flags = if timed_out.is_some() {
            0
        } else {
            libc::WNOHANG
        };
        // SAFETY: wait4 writes only into the two locals it is given. It reaps the child, so the
        // `Child` is never waited on again.
        let reaped = unsafe { libc::wait4(pid, &mut status, flags, &mut usage) };
        if reaped == pid {
            let cpu = duration_of(usage.ru_utime) + duration_of(usage.ru_stime);
            let ending = match timed_out {
                Some(after) => Ending::TimedOut(after),
                None if libc::WIFEXITED(status) => Ending::Exited(libc::WEXITSTATUS(status)),
                None => Ending::Killed,
            };
            return (ending, Some(cpu));
        }
        if reaped < 0 && std::io::Error::last_os_error().kind() != std::io::ErrorKind::Interrupted {
            // Not our child any more: nothing to measure.
            return (timed_out.map_or(Ending::Killed, Ending::TimedOut), None);
        }
        if timed_out.is_none() && began.elapsed() >= limit {
            let _ = child.kill();
            timed_out = Some(limit);
            continue;
        }
        thread::sleep(POLL);
    }
}

#[cfg(unix)]
fn duration_of(time: libc::timeval) -> Duration {
    Duration::from_secs(time.tv_sec.max(0) as u64)
        + Duration::from_micros(time.tv_usec.max(0) as u64)
}

/// Waits for the child to end, stopping it after `limit`. The CPU time is not measured here.
#[cfg(not(unix))]
fn wait(child: &mut Child, limit: Duration) -> (Ending, Option<Duration>) {
    let began = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) => {
                return (status.code().map_or(Ending::Killed, Ending::Exited), None);
            }
            Ok(None) if began.elapsed() >= limit => {
                let _ = child.kill();
                let _ = child.wait();
                return (Ending::TimedOut(limit), None);
            }
            Ok(None) => thread::sleep(POLL),
            Err(_) => return (Ending::Killed, None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamped_lines_and_the_total_are_read() {
        let (events, total) = parse("[ 0.0s] Start 0\n[12.5s] End 0\n\nTotal: 12.5 s\n  0s\n");
        assert_eq!(events.len(), 2);
        assert_eq!(events[1].at, Tenths(125));
        assert_eq!(events[1].text, "End 0");
        assert_eq!(total, Some(Tenths(125)));
    }

    #[test]
    fn cargo_json_gives_the_name_and_the_executable() {
        let line = concat!(
            r#"{"reason":"compiler-artifact","target":{"kind":["bin"],"name":"ex01"},"#,
            r#""executable":"/t/debug/ex01","fresh":true}"#
        );
        assert_eq!(
            json_string(line, "\"target\":{", "\"name\":").as_deref(),
            Some("ex01")
        );
        assert_eq!(
            json_string(line, "", "\"executable\":").as_deref(),
            Some("/t/debug/ex01")
        );
    }
}
