//! The `chronolane` binary: parses the command line and runs the window or a headless command.

use std::process::ExitCode;

fn main() -> ExitCode {
    chronolane::huge_pages::start_again_with_huge_pages();
    chronolane::cli::main()
}
