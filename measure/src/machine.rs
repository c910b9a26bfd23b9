//! The one description of the machine a figure was measured on, which every page of
//! `book/src/measured/` starts with.

use std::process::Command;
use std::thread;

/// What a figure was measured on, as `(what, value)` pairs: date, cpu, cores, memory, system,
/// kernel, rustc, load, and python where Python was measured too. The scale figure keeps them in
/// its data file, so that its page can be drawn again from the file alone.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Machine(pub Vec<(String, String)>);

impl Machine {
    /// This machine, now. `with_python` adds the version of `python3`.
    pub fn now(with_python: bool) -> Machine {
        let read = |path: &str| std::fs::read_to_string(path).unwrap_or_default();
        let cpu = read("/proc/cpuinfo")
            .lines()
            .find_map(|l| {
                Some(
                    l.strip_prefix("model name")?
                        .split_once(':')?
                        .1
                        .trim()
                        .to_string(),
                )
            })
            .or_else(|| first_line("sysctl", &["-n", "machdep.cpu.brand_string"]))
            .unwrap_or_else(|| "unknown CPU".into());
        let memory = read("/proc/meminfo")
            .lines()
            .find_map(|l| {
                l.strip_prefix("MemTotal:")?
                    .trim()
                    .strip_suffix("kB")?
                    .trim()
                    .parse()
                    .ok()
            })
            .map_or("unknown".into(), |kib: u64| {
                format!("{:.1} GiB", kib as f64 / 1024.0 / 1024.0)
            });
        let load = read("/proc/loadavg")
            .split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(", ");
        let mut pairs = vec![
            (
                "date",
                first_line("date", &["-u", "+%Y-%m-%d"]).unwrap_or_else(|| "?".into()),
            ),
            ("cpu", cpu),
            (
                "cores",
                thread::available_parallelism()
                    .map_or(1, |n| n.get())
                    .to_string(),
            ),
            ("memory", memory),
            (
                "system",
                first_line("uname", &["-s"]).unwrap_or_else(|| std::env::consts::OS.into()),
            ),
            (
                "kernel",
                first_line("uname", &["-r"]).unwrap_or_else(|| "?".into()),
            ),
            (
                "rustc",
                first_line("rustc", &["--version"]).unwrap_or_else(|| "rustc".into()),
            ),
        ];
        if with_python {
            let python =
                first_line("python3", &["--version"]).unwrap_or_else(|| "no python3".into());
            pairs.push(("python", python));
        }
        if !load.is_empty() {
            pairs.push(("load", load));
        }
        Machine(pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The sentence a page starts with: `Measured on 2026-12-01 with a release build: CPU, 2
    /// cores, 23.5 GiB of memory, Linux 6.18, rustc 1.95.0; load average before: 0.5, 0.4, 0.3.`
    pub fn sentence(&self) -> String {
        let get = |key| self.get(key).unwrap_or("?");
        let mut out = format!(
            "Measured on {} with a release build: {}, {} cores, {} of memory, {} {}, {}",
            get("date"),
            get("cpu"),
            get("cores"),
            get("memory"),
            self.get("system").unwrap_or("Linux"),
            get("kernel"),
            get("rustc"),
        );
        if let Some(python) = self.get("python") {
            out.push_str(&format!(", {python}"));
        }
        if let Some(load) = self.get("load") {
            out.push_str(&format!("; load average before: {load}"));
        }
        out.push('.');
        out
    }
}

/// The first line a command prints, if it runs and succeeds.
pub fn first_line(program: &str, args: &[&str]) -> Option<String> {
    let output = Command::new(program).args(args).output().ok()?;
    if !output.status.success() {
        return None;
    }
    let text = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    text.lines()
        .next()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sentence_names_what_was_recorded_and_skips_what_was_not() {
        let machine = Machine(
            [
                ("date", "2026-01-01"),
                ("cpu", "A CPU"),
                ("cores", "2"),
                ("kernel", "6.1"),
            ]
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .to_vec(),
        );
        assert_eq!(
            machine.sentence(),
            "Measured on 2026-01-01 with a release build: A CPU, 2 cores, ? of memory, Linux 6.1, ?."
        );
        let now = Machine::now(false);
        assert!(now.get("cores").is_some() && now.get("python").is_none());
    }
}
