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

use exercises::site::{self, Front, Site};
use workbook::output::{self, Line};

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

    /// A measured duration, rounded down to a tenth as the workbook prints it.
    pub fn of(duration: Duration) -> Tenths {
        Tenths(u32::try_from(duration.as_millis() / 100).unwrap_or(u32::MAX))
    }

    /// A time as `workbook::output` reads it.
    fn from_output(tenths: output::Tenths) -> Tenths {
        Tenths(u32::try_from(tenths).unwrap_or(u32::MAX))
    }
}

impl fmt::Display for Tenths {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{} s", self.0 / 10, self.0 % 10)
    }
}

/// One line a program printed with `workbook::say`: when the checker saw it, when the program
/// says it was, and what.
#[derive(Clone, Debug)]
pub struct Event {
    /// The time stamp the program printed on the line. The built-in `clock` check holds it to
    /// within 0.2 s of `seen`, so the checks can measure the time between two lines with it:
    /// it is taken inside the program, where a busy machine delays it least.
    pub at: Tenths,
    /// When the line reached the checker, by the checker's clock (started when the process was).
    /// The checks compare it with the servers' logs, which are in the same clock.
    pub seen: Duration,
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

/// One request a server of the checker's received, as its log recorded it, in the checker's
/// clock.
#[derive(Clone, Debug)]
pub struct Logged {
    pub path: String,
    pub asked: Duration,
    /// When and how it ended; `None` if it was still in flight when the program ended.
    pub ended: Option<(Duration, site::Ending)>,
}

impl Logged {
    pub fn answered(&self) -> Option<Duration> {
        match self.ended {
            Some((at, site::Ending::Answered)) => Some(at),
            _ => None,
        }
    }

    pub fn dropped(&self) -> Option<Duration> {
        match self.ended {
            Some((at, site::Ending::Dropped)) => Some(at),
            _ => None,
        }
    }
}

/// What one of the checker's servers saw during a run.
#[derive(Clone, Debug)]
pub struct ServerLog {
    /// "the server", "mirror A".
    pub name: &'static str,
    pub requests: Vec<Logged>,
}

impl ServerLog {
    /// The requests for `path`, in the order they came.
    pub fn asked_for(&self, path: &str) -> Vec<&Logged> {
        self.requests.iter().filter(|r| r.path == path).collect()
    }

    /// The most requests it had in flight at one moment, and the first moment it had them.
    pub fn most_in_flight(&self) -> (usize, Duration) {
        let mut changes: Vec<(Duration, i32)> = Vec::new();
        for request in &self.requests {
            changes.push((request.asked, 1));
            if let Some((ended, _)) = request.ended {
                changes.push((ended, -1));
            }
        }
        // At the same instant, an end before a start: a slot freed and taken again is one.
        changes.sort_by_key(|&(at, change)| (at, change));
        let (mut now, mut most, mut when) = (0i32, 0i32, Duration::ZERO);
        for (at, change) in changes {
            now += change;
            if now > most {
                most = now;
                when = at;
            }
        }
        (most.max(0) as usize, when)
    }
}

/// What one run of a program printed and how it went, as the checks see it.
#[derive(Clone, Debug)]
pub struct Run {
    /// Every line it printed with a time stamp, in the order printed.
    pub events: Vec<Event>,
    /// Its `Total: 3.0 s` line, if it printed one: what it said, and when the checker saw it.
    pub total: Option<(Tenths, Duration)>,
    /// The lines it printed without a time stamp, and when each came.
    pub unstamped: Vec<(Duration, String)>,
    pub stdout: String,
    pub stderr: String,
    pub ending: Ending,
    /// How long the process ran, measured from outside: from its start to its end.
    pub wall: Duration,
    /// The CPU time the process used, all its threads together, as the kernel counted it.
    pub cpu: Option<Duration>,
    /// How long its threads were ready to run but waited for a core (Linux's schedstat): with
    /// `cpu`, the CPU time it asked for, whatever else the machine was doing.
    pub cpu_wait: Option<Duration>,
    /// How long the checker's thread that read its lines waited for a core: a line can reach
    /// the checker that much later than it was printed.
    pub reader_wait: Duration,
    /// What each of the checker's servers saw, in the order of the exercise's sites.
    pub servers: Vec<ServerLog>,
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

    /// How long the program took, by the checker's clock: from its start to its end.
    pub fn took(&self) -> Tenths {
        Tenths::of(self.wall)
    }

    /// The log of the server called `name`.
    pub fn server(&self, name: &str) -> &ServerLog {
        static NONE: ServerLog = ServerLog {
            name: "no server",
            requests: Vec::new(),
        };
        self.servers
            .iter()
            .find(|s| s.name == name)
            .unwrap_or(&NONE)
    }
}

#[cfg(test)]
impl Run {
    /// A run that printed `lines`, each `(ms, line)` seen at that many milliseconds, and ended
    /// at `wall_ms`: for the checks' own tests.
    pub fn printed(lines: &[(u64, &str)], wall_ms: u64) -> Run {
        let lines: Vec<(Duration, String)> = lines
            .iter()
            .map(|(ms, line)| (Duration::from_millis(*ms), line.to_string()))
            .collect();
        let (events, total, unstamped) = parse(&lines);
        Run {
            events,
            total,
            unstamped,
            stdout: String::new(),
            stderr: String::new(),
            ending: Ending::Exited(0),
            wall: Duration::from_millis(wall_ms),
            cpu: None,
            cpu_wait: None,
            reader_wait: Duration::ZERO,
            servers: Vec::new(),
        }
    }
}

/// A program's output as the checks read it: its stamped lines, its total (what it said, and when
/// it came), and the lines with no stamp (when each came).
pub type Parsed = (
    Vec<Event>,
    Option<(Tenths, Duration)>,
    Vec<(Duration, String)>,
);

/// Reads a program's stdout, each line with the moment it came, into stamped lines, its total
/// and the lines with no stamp.
pub fn parse(lines: &[(Duration, String)]) -> Parsed {
    let mut events = Vec::new();
    let mut total = None;
    let mut unstamped = Vec::new();
    for (seen, line) in lines {
        // The workbook's own parser of its format, one line at a time: each line keeps the
        // moment it came.
        let read = output::parse(line);
        match read.lines.first() {
            Some(Line::Stamped { at, text }) => events.push(Event {
                at: Tenths::from_output(*at),
                seen: *seen,
                text: text.to_string(),
            }),
            Some(Line::Total(printed)) => total = Some((Tenths::from_output(*printed), *seen)),
            _ => unstamped.push((*seen, line.clone())),
        }
    }
    (events, total, unstamped)
}

/// How to show a program's output while it runs.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Echo {
    /// Print each line as it comes, behind a gutter, so the learner watches the program run.
    Live,
    /// Print nothing (`verify` runs many programs at once).
    Quiet,
}

/// Starts the servers `sites`, runs `binary` with their addresses until it ends or `limit`
/// passes, and returns what it printed, what the kernel counted and what the servers saw.
pub fn run(
    binary: &Path,
    limit: Duration,
    echo: Echo,
    sites: &[&'static Site],
) -> std::io::Result<Run> {
    let fronts = sites
        .iter()
        .map(|site| Front::start(site))
        .collect::<std::io::Result<Vec<_>>>()?;
    let mut command = Command::new(binary);
    command
        .current_dir(workspace_root())
        .env_remove("RUST_BACKTRACE")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (site, front) in sites.iter().zip(&fronts) {
        command.env(site.env, front.addr().to_string());
    }
    // Read the program's file once, so that it is in memory when it starts: on a machine whose
    // disk is busy, loading a program can take longer than its clock may be late.
    if let Ok(mut file) = std::fs::File::open(binary) {
        let _ = std::io::copy(&mut file, &mut std::io::sink());
    }
    let mut child = command.spawn()?;
    // The checker's clock starts now: `spawn` returns once the new process runs the program (it
    // waits for the exec), so the time a busy machine takes to make the process is not the
    // program's.
    let began = Instant::now();
    let pid = child.id();
    let stdout = read_lines(child.stdout.take(), echo, began, Some(pid));
    let stderr = read_lines(child.stderr.take(), echo, began, None);
    let (ending, cpu, cpu_wait) = wait(&mut child, limit);
    let wall = began.elapsed();
    // The readers end when the pipes close, which is when the program has ended.
    let said = stdout.recv().unwrap_or_default();
    let (stdout_lines, stdout) = (said.lines, said.all);
    let stderr = stderr.recv().unwrap_or_default().all;
    let cpu_wait = match (cpu_wait, said.program_waited) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    };
    let (events, total, unstamped) = parse(&stdout_lines);
    let since = |at: Instant| at.saturating_duration_since(began);
    let servers = sites
        .iter()
        .zip(&fronts)
        .map(|(site, front)| ServerLog {
            name: site.name,
            requests: front
                .settled_log(SETTLE)
                .into_iter()
                .map(|request| Logged {
                    path: request.path,
                    asked: since(request.asked),
                    ended: request.ended.map(|(at, how)| (since(at), how)),
                })
                .collect(),
        })
        .collect();
    Ok(Run {
        events,
        total,
        unstamped,
        stdout,
        stderr,
        ending,
        wall,
        cpu,
        cpu_wait,
        reader_wait: said.reader_waited,
        servers,
    })
}

/// What a pipe said: each line with the moment it came, and all of it as text; and, for stdout,
/// how long the program's threads had waited for a core when its last line came, and how long
/// the thread that read the lines did.
#[derive(Default)]
struct Said {
    lines: Vec<(Duration, String)>,
    all: String,
    program_waited: Option<Duration>,
    reader_waited: Duration,
}

/// Collects a pipe's lines on a thread of its own, each stamped with the checker's clock as it
/// arrives, echoing each if asked, and hands them over when the pipe closes.
fn read_lines(
    pipe: Option<impl Read + Send + 'static>,
    echo: Echo,
    began: Instant,
    program: Option<u32>,
) -> mpsc::Receiver<Said> {
    let (send, receive) = mpsc::channel();
    thread::spawn(move || {
        let mut lines = Vec::new();
        let mut all = String::new();
        let mut waited = Waited::default();
        let reader_began = own_wait();
        if let Some(pipe) = pipe {
            let mut reader = BufReader::new(pipe);
            let mut line = Vec::new();
            while reader.read_until(b'\n', &mut line).unwrap_or(0) > 0 {
                let seen = began.elapsed();
                let text = String::from_utf8_lossy(&line);
                let text = text.trim_end_matches(['\n', '\r']);
                if echo == Echo::Live {
                    println!("│ {text}");
                }
                all.push_str(text);
                all.push('\n');
                lines.push((seen, text.to_string()));
                line.clear();
                if let Some(pid) = program {
                    waited.sample(pid);
                }
            }
        }
        let _ = send.send(Said {
            lines,
            all,
            program_waited: waited.total(),
            reader_waited: own_wait().saturating_sub(reader_began),
        });
    });
    receive
}

/// How long the calling thread has waited for a core so far (Linux's schedstat; zero elsewhere).
fn own_wait() -> Duration {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|text| text.split_whitespace().nth(1)?.parse().ok())
        .map_or(Duration::ZERO, Duration::from_nanos)
}

/// How long, after a program ended, the servers may take to note its connections closed.
const SETTLE: Duration = Duration::from_millis(200);

/// How often to look whether the program has ended.
const POLL: Duration = Duration::from_millis(10);

/// Waits for the child to end, stopping it after `limit`, and reads the CPU time it used (from
/// wait4) and how long its threads waited for a core (sampled from /proc while it runs).
#[cfg(unix)]
fn wait(child: &mut Child, limit: Duration) -> (Ending, Option<Duration>, Option<Duration>) {
    let pid = child.id() as libc::pid_t;
    let began = Instant::now();
    let mut timed_out = None;
    let mut waited = Waited::default();
    loop {
        waited.sample(child.id());
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
            return (ending, Some(cpu), waited.total());
        }
        if reaped < 0 && std::io::Error::last_os_error().kind() != std::io::ErrorKind::Interrupted {
            // Not our child any more: nothing to measure.
            return (
                timed_out.map_or(Ending::Killed, Ending::TimedOut),
                None,
                None,
            );
        }
        if timed_out.is_none() && began.elapsed() >= limit {
            let _ = child.kill();
            timed_out = Some(limit);
            continue;
        }
        thread::sleep(POLL);
    }
}

/// How long each thread of a process has waited for a core so far, from the second field of
/// `/proc/PID/task/TID/schedstat` (nanoseconds on a run queue). Sampled while the process runs,
/// as the figures go with the thread; a thread that lived less than one sample is missed.
#[derive(Default)]
struct Waited {
    by_thread: BTreeMap<String, u64>,
    available: bool,
}

impl Waited {
    fn sample(&mut self, pid: u32) {
        let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
            return;
        };
        for task in tasks.flatten() {
            let Ok(text) = std::fs::read_to_string(task.path().join("schedstat")) else {
                continue;
            };
            let Some(nanos) = text.split_whitespace().nth(1).and_then(|n| n.parse().ok()) else {
                continue;
            };
            self.available = true;
            let name = task.file_name().to_string_lossy().to_string();
            let kept = self.by_thread.entry(name).or_default();
            *kept = (*kept).max(nanos);
        }
    }

    fn total(&self) -> Option<Duration> {
        self.available
            .then(|| Duration::from_nanos(self.by_thread.values().sum()))
    }
}

#[cfg(unix)]
fn duration_of(time: libc::timeval) -> Duration {
    Duration::from_secs(time.tv_sec.max(0) as u64)
        + Duration::from_micros(time.tv_usec.max(0) as u64)
}

/// Waits for the child to end, stopping it after `limit`. The CPU time is not measured here.
#[cfg(not(unix))]
fn wait(child: &mut Child, limit: Duration) -> (Ending, Option<Duration>, Option<Duration>) {
    let began = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) => {
                return (
                    status.code().map_or(Ending::Killed, Ending::Exited),
                    None,
                    None,
                );
            }
            Ok(None) if began.elapsed() >= limit => {
                let _ = child.kill();
                let _ = child.wait();
                return (Ending::TimedOut(limit), None, None);
            }
            Ok(None) => thread::sleep(POLL),
            Err(_) => return (Ending::Killed, None, None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamped_lines_and_the_total_are_read_with_the_checkers_times() {
        let lines: Vec<(Duration, String)> = [
            (5, "[ 0.0s] Start 0"),
            (12_530, "[12.5s] End 0"),
            (12_540, ""),
            (12_550, "Total: 12.5 s"),
            (12_560, "  0s"),
        ]
        .into_iter()
        .map(|(ms, line)| (Duration::from_millis(ms), line.to_string()))
        .collect();
        let (events, total, unstamped) = parse(&lines);
        assert_eq!(events.len(), 2);
        assert_eq!(events[1].at, Tenths(125));
        assert_eq!(events[1].seen, Duration::from_millis(12_530));
        assert_eq!(events[1].text, "End 0");
        assert_eq!(total, Some((Tenths(125), Duration::from_millis(12_550))));
        assert_eq!(unstamped.len(), 2);
    }

    #[test]
    fn the_most_in_flight_is_counted_from_the_log() {
        let request = |asked: u64, ended: u64| Logged {
            path: "/".into(),
            asked: Duration::from_millis(asked),
            ended: Some((Duration::from_millis(ended), site::Ending::Answered)),
        };
        let log = ServerLog {
            name: "the server",
            requests: vec![
                request(0, 500),
                request(100, 600),
                request(500, 900),
                request(550, 700),
            ],
        };
        assert_eq!(log.most_in_flight(), (3, Duration::from_millis(550)));
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
