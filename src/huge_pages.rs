//! Huge pages for big files: the program starts itself again with glibc's malloc asking the
//! system for transparent huge pages (2 MiB) where the system gives them only on request.
//!
//! Opening a million events touches some 300 MB of fresh memory, and each 4 KiB page the
//! system hands over costs a fault: 145,000 faults and half a second of the system's time on
//! this project's 2-core virtual machine, a third of opening a 1M-event CSV. With huge pages
//! there are 32,000 and the file opens a quarter faster, with the same resident memory (see the
//! README's Performance section). Most Linux systems (Debian's and Ubuntu's kernels among them)
//! give huge pages only to memory that asks for them (`madvise`), and glibc's malloc asks only
//! when the `glibc.malloc.hugetlb=1` tunable is set, which it reads from the environment when a
//! program starts: hence the second start. Safe Rust cannot ask for them itself.
//!
//! Nothing is done where the system gives huge pages to all memory or to none, on other
//! systems, or when `GLIBC_TUNABLES` is set already (the user's own tuning, or the second
//! start): setting `GLIBC_TUNABLES=` (empty) runs Chronolane as it was before.

use std::ffi::OsStr;

/// The environment variable glibc reads its tunables from.
pub const TUNABLES: &str = "GLIBC_TUNABLES";
/// The tunable that has malloc ask for transparent huge pages.
pub const HUGE_PAGES: &str = "glibc.malloc.hugetlb=1";
/// Where Linux says when it gives transparent huge pages.
const THP_ENABLED: &str = "/sys/kernel/mm/transparent_hugepage/enabled";

/// Whether a program started with `tunables` (the value of `GLIBC_TUNABLES`, if set) on a
/// system whose transparent huge pages are as `thp_enabled` says (the text of
/// [`THP_ENABLED`]) should start again with [`HUGE_PAGES`].
#[must_use]
pub fn worth_starting_again(tunables: Option<&OsStr>, thp_enabled: &str) -> bool {
    // The setting in force is the one in brackets: `always [madvise] never`.
    tunables.is_none() && thp_enabled.split_whitespace().any(|s| s == "[madvise]")
}

/// The environment variable and its value a program of this build should start with to use
/// huge pages, when it should ([`worth_starting_again`]); `None` elsewhere than on Linux with
/// glibc.
#[must_use]
pub fn tunables() -> Option<(&'static str, &'static str)> {
    if !cfg!(all(target_os = "linux", target_env = "gnu")) {
        return None;
    }
    let thp = std::fs::read_to_string(THP_ENABLED).ok()?;
    worth_starting_again(std::env::var_os(TUNABLES).as_deref(), &thp)
        .then_some((TUNABLES, HUGE_PAGES))
}

/// Starts this program again, with the same arguments, using huge pages ([`tunables`]), and
/// so returns only when it does not: where it should not, or when starting again fails (the
/// program then goes on as it is).
pub fn start_again_with_huge_pages() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        use std::os::unix::process::CommandExt as _;
        let Some((key, value)) = tunables() else {
            return;
        };
        let Ok(exe) = std::env::current_exe() else {
            return;
        };
        let mut args = std::env::args_os();
        let mut command = std::process::Command::new(exe);
        if let Some(name) = args.next() {
            command.arg0(name);
        }
        // `exec` returns only if it failed.
        let _failed = command.args(args).env(key, value).exec();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_system_that_gives_huge_pages_on_request_and_no_tuning_of_its_own() {
        let on_request = "always [madvise] never\n";
        assert!(worth_starting_again(None, on_request));
        // The system gives them to all memory already, or to none.
        assert!(!worth_starting_again(None, "[always] madvise never\n"));
        assert!(!worth_starting_again(None, "always madvise [never]\n"));
        assert!(!worth_starting_again(None, ""));
        // The user's own tuning (even none at all), or this is the second start.
        for set in ["", HUGE_PAGES, "glibc.malloc.arena_max=2"] {
            assert!(!worth_starting_again(Some(OsStr::new(set)), on_request));
        }
    }
}
