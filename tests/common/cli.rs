//! Running the `chronolane` binary as a user runs it, for the command-line tests.

use std::process::{Command, Output};

/// Runs `chronolane` with `args` and gives what it did (exit status, stdout, stderr).
pub fn run(args: &[&str]) -> Output {
    match Command::new(env!("CARGO_BIN_EXE_chronolane"))
        .args(args)
        .output()
    {
        Ok(o) => o,
        Err(e) => panic!("cannot run chronolane: {e}"),
    }
}

/// Output as text.
pub fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}
