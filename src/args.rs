//! The flags of `files_sync` and `files_async`, read by clap like every other example's options,
//! with the same one-line usage errors (exit 2) and `--help`: kept until those two examples
//! declare a `#[derive(clap::Parser)]` struct and call [`crate::cli::parse`].

use clap::{Arg, ArgAction, Command};

use crate::cli;

/// Which of `flags`, the only arguments the example takes, were given, in the same order:
/// `let [fast, loud] = args::flags(["--fast", "--loud"]);`. Anything else is a usage error.
pub fn flags<const N: usize>(flags: [&'static str; N]) -> [bool; N] {
    let names = flags.map(|flag| flag.trim_start_matches('-'));
    let mut command = Command::new("example");
    for name in names {
        command = command.arg(Arg::new(name).long(name).action(ArgAction::SetTrue));
    }
    let matches = cli::parse_command(command);
    names.map(|name| matches.get_flag(name))
}
