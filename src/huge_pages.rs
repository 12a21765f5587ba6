//! Huge pages for big files: on Linux with glibc, the program starts itself again with glibc's
//! malloc tuned ([`MALLOC_TUNING`]) to ask the system for transparent huge pages (2 MiB) and to
//! give big freed blocks back.
//!
//! Opening a million events touches some 300 MB of fresh memory, and each 4 KiB page the
//! system hands over costs a fault: 145,000 faults and half a second of the system's time on
//! this project's 2-core virtual machine, a third of opening a 1M-event CSV. With huge pages
//! there are 32,000 and the file opens a quarter faster, with the same resident memory (see the
//! README's Performance section). Most Linux systems (Debian's and Ubuntu's kernels among them)
//! give huge pages only to memory that asks for them (`madvise`), and glibc's malloc asks only
//! when the `glibc.malloc.hugetlb=1` tunable is set, which it reads from the environment when a
//! program starts: hence the second start. Safe Rust cannot ask for them itself. The same start
//! fixes the size from which malloc gives freed blocks back to the system.
//!
//! Nothing is done on other systems, or when `GLIBC_TUNABLES` is set already (the user's own
//! tuning, or the second start): setting `GLIBC_TUNABLES=` (empty) runs Chronolane as it was
//! before. Where the system gives huge pages to all memory or to none, the first tunable does
//! nothing and the second still helps.

use std::ffi::OsStr;

/// The environment variable glibc reads its tunables from.
pub const TUNABLES: &str = "GLIBC_TUNABLES";
/// The tunables: malloc asks for transparent huge pages, and gives back to the system every
/// block of 1 MiB or more when it is freed (by default the size from which it does rises as
/// big blocks are freed, up to 32 MiB, and a freed block under it stays resident: 10 bytes an
/// event after opening a 1M-event JSON file, 4 after a CSV).
pub const MALLOC_TUNING: &str = "glibc.malloc.hugetlb=1:glibc.malloc.mmap_threshold=1048576";

/// The environment variable and its value a program of this build should start with: on
/// Linux with glibc, when `GLIBC_TUNABLES` is not set already (the user's own tuning, or this
/// is the second start); `None` elsewhere.
#[must_use]
pub fn tunables() -> Option<(&'static str, &'static str)> {
    tunables_given(std::env::var_os(TUNABLES).as_deref())
}

/// [`tunables`], for a program started with `GLIBC_TUNABLES` as `set`.
fn tunables_given(set: Option<&OsStr>) -> Option<(&'static str, &'static str)> {
    (cfg!(all(target_os = "linux", target_env = "gnu")) && set.is_none())
        .then_some((TUNABLES, MALLOC_TUNING))
}

/// Starts this program again, with the same arguments and malloc tuned ([`tunables`]), and
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
    fn only_where_glibc_reads_them_and_nobody_tuned_malloc_already() {
        let expected =
            cfg!(all(target_os = "linux", target_env = "gnu")).then_some((TUNABLES, MALLOC_TUNING));
        assert_eq!(tunables_given(None), expected);
        // The user's own tuning (even none at all), or this is the second start.
        for set in ["", MALLOC_TUNING, "glibc.malloc.arena_max=2"] {
            assert_eq!(tunables_given(Some(OsStr::new(set))), None, "{set}");
        }
        // Each tunable is one glibc knows (`name=value`, colon-separated).
        for tunable in MALLOC_TUNING.split(':') {
            let (name, value) = tunable.split_once('=').expect("name=value");
            assert!(name.starts_with("glibc.malloc."), "{name}");
            assert!(value.parse::<u64>().is_ok(), "{value}");
        }
    }
}
