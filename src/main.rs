//! The `chronolane` binary: parses the command line and runs the window or a headless command.

use std::process::ExitCode;

fn main() -> ExitCode {
    chronolane::cli::main()
}
