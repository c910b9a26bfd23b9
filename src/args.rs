//! Reading an example's command line, for the few examples that take an option.
//!
//! A wrong argument is a usage error, as for any command-line tool: one line on stderr that says
//! what was wrong and how to call the example, and exit code 2. Nothing has started yet when the
//! arguments are read, so ending the process there leaves nothing half done.

use std::fmt;
use std::process;

/// The value of `--OPTION N`, the only option the example takes: a whole number of at least 1,
/// `default` when the option is not given. Anything else ends the program with a usage error.
pub fn number(option: &str, default: usize) -> usize {
    match parse_number(option, default, std::env::args().skip(1)) {
        Ok(value) => value,
        Err(problem) => usage_error(problem, &format!("[{option} N]")),
    }
}

/// Which of `flags`, the only arguments the example takes, were given, in the same order:
/// `let [fast, loud] = args::flags(["--fast", "--loud"]);`. Anything else ends the program with a
/// usage error.
pub fn flags<const N: usize>(flags: [&str; N]) -> [bool; N] {
    match parse_flags(flags, std::env::args().skip(1)) {
        Ok(given) => given,
        Err(problem) => usage_error(problem, &format!("[{}]", flags.join("] ["))),
    }
}

fn parse_number(
    option: &str,
    default: usize,
    args: impl IntoIterator<Item = String>,
) -> Result<usize, String> {
    let mut args = args.into_iter();
    let mut value = default;
    while let Some(arg) = args.next() {
        if arg != option {
            return Err(format!("unexpected argument `{arg}`"));
        }
        let Some(text) = args.next() else {
            return Err(format!("{option} needs a number"));
        };
        value = match text.parse::<usize>() {
            Ok(number) if number >= 1 => number,
            _ => {
                return Err(format!(
                    "{option} needs a whole number of at least 1, not `{text}`"
                ));
            }
        };
    }
    Ok(value)
}

fn parse_flags<const N: usize>(
    flags: [&str; N],
    args: impl IntoIterator<Item = String>,
) -> Result<[bool; N], String> {
    let mut given = [false; N];
    for arg in args {
        let Some(index) = flags.iter().position(|flag| *flag == arg) else {
            return Err(format!("unexpected argument `{arg}`"));
        };
        given[index] = true;
    }
    Ok(given)
}

/// The example's name, as the learner typed it after `--example`.
fn program() -> String {
    std::env::args()
        .next()
        .as_deref()
        .map(std::path::Path::new)
        .and_then(|path| path.file_stem())
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_else(|| "example".to_string())
}

/// Prints `problem` and how to call the example on one line, and ends the program.
fn usage_error(problem: impl fmt::Display, arguments: &str) -> ! {
    let program = program();
    eprintln!("{program}: {problem} (usage: {program} {arguments})");
    process::exit(2);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_number_option_is_read_or_defaults() {
        assert_eq!(parse_number("--workers", 1, args(&[])), Ok(1));
        assert_eq!(
            parse_number("--workers", 1, args(&["--workers", "3"])),
            Ok(3)
        );
    }

    #[test]
    fn a_bad_number_option_says_what_is_wrong() {
        let bad = |list: &[&str]| parse_number("--workers", 1, args(list)).unwrap_err();
        assert_eq!(
            bad(&["--workers", "0"]),
            "--workers needs a whole number of at least 1, not `0`"
        );
        assert_eq!(
            bad(&["--workers", "two"]),
            "--workers needs a whole number of at least 1, not `two`"
        );
        assert_eq!(bad(&["--workers"]), "--workers needs a number");
        assert_eq!(bad(&["--worker", "2"]), "unexpected argument `--worker`");
    }

    #[test]
    fn flags_are_read_in_the_order_asked() {
        let flags = ["--time", "--fsync"];
        assert_eq!(parse_flags(flags, args(&[])), Ok([false, false]));
        assert_eq!(parse_flags(flags, args(&["--fsync"])), Ok([false, true]));
        assert_eq!(
            parse_flags(flags, args(&["--fsync", "--time"])),
            Ok([true, true])
        );
        assert_eq!(
            parse_flags(flags, args(&["--tme"])),
            Err("unexpected argument `--tme`".to_string())
        );
    }
}
