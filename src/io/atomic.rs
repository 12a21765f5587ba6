//! Atomic file writes: the bytes go to a temporary file in the destination's folder, are
//! flushed to disk, then renamed over the destination. A failure leaves any existing file as it
//! was and no partial file behind. The temporary files being written are known, so that a
//! program stopping mid-write ([`remove_unfinished`], when the window closes) leaves none.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

/// Writes `bytes` to `path` atomically.
pub fn write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_with(path, |file| file.write_all(bytes))
}

/// How the temporary file of [`write_with`] is named: `.chronolane-XXXXXX.tmp`, beside the file
/// it becomes (what an interrupted write leaves, until someone removes it).
pub const TEMP_PREFIX: &str = ".chronolane-";
pub const TEMP_EXTENSION: &str = "tmp";

/// Writes to `path` atomically what `fill` writes to the file it is given (a big file's
/// snapshot is written as it is made, never whole in memory).
pub fn write_with(
    path: &Path,
    fill: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(&format!(".{TEMP_EXTENSION}"))
        .tempfile_in(dir)?;
    let _writing = Unfinished::note(tmp.path());
    fill(tmp.as_file_mut())?;
    // A temporary file is private (0600); the result gets the permissions of the file it
    // replaces, or the usual ones (0644) when it is new.
    let permissions = match std::fs::metadata(path) {
        Ok(m) => Some(m.permissions()),
        Err(_) => new_file_permissions(),
    };
    if let Some(p) = permissions {
        tmp.as_file().set_permissions(p)?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// The temporary files of the writes under way in this process, in the order they began.
static UNFINISHED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// A temporary file noted in [`UNFINISHED`] while its write lasts (until the guard is dropped:
/// renamed into place, or failed and removed).
struct Unfinished(PathBuf);

impl Unfinished {
    fn note(path: &Path) -> Self {
        let path = path.to_path_buf();
        unfinished().push(path.clone());
        Self(path)
    }
}

impl Drop for Unfinished {
    fn drop(&mut self) {
        let mut all = unfinished();
        if let Some(i) = all.iter().position(|p| *p == self.0) {
            all.swap_remove(i);
        }
    }
}

fn unfinished() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    UNFINISHED.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Removes the temporary file of every write still under way in this process (a figure or a
/// snapshot written on a thread of its own when the window closes: the process ends without
/// the thread finishing, and would leave it behind). Such a write then fails without touching
/// its destination, which stays as it was. Gives how many files were removed.
pub fn remove_unfinished() -> usize {
    remove_unfinished_where(|_| true)
}

/// [`remove_unfinished`] for the temporary files `which` accepts.
fn remove_unfinished_where(which: impl Fn(&Path) -> bool) -> usize {
    let all = unfinished().clone();
    all.iter()
        .filter(|p| which(p))
        .filter(|p| std::fs::remove_file(p).is_ok())
        .count()
}

/// The backup of `path` that [`write_keeping_backup`] keeps: `NAME.bak` beside it, where
/// `NAME` is the file's whole name (`events.json` → `events.json.bak`).
pub fn backup_path(path: &Path) -> std::path::PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

/// Writes `bytes` to `path` atomically, first keeping the file it replaces (when there is one)
/// as [`backup_path`], itself written atomically. Gives the backup's path when one was kept.
/// When the backup cannot be written, nothing is: the file stays as it was.
pub fn write_keeping_backup(
    path: &Path,
    bytes: &[u8],
) -> std::io::Result<Option<std::path::PathBuf>> {
    let backup = match std::fs::read(path) {
        Ok(old) => {
            let backup = backup_path(path);
            write(&backup, &old)?;
            Some(backup)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    write(path, bytes)?;
    Ok(backup)
}

#[cfg(unix)]
#[allow(clippy::unnecessary_wraps)] // `None` on other platforms
fn new_file_permissions() -> Option<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn new_file_permissions() -> Option<std::fs::Permissions> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_existing_file_and_leaves_no_temporaries() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("out.csv");
        std::fs::write(&path, "old")?;
        write(&path, b"new")?;
        assert_eq!(std::fs::read_to_string(&path)?, "new");
        assert_eq!(std::fs::read_dir(dir.path())?.count(), 1);
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn new_files_are_readable_and_replaced_files_keep_their_mode() -> std::io::Result<()> {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir()?;
        let new = dir.path().join("new.png");
        write(&new, b"x")?;
        assert_eq!(std::fs::metadata(&new)?.permissions().mode() & 0o777, 0o644);
        let old = dir.path().join("old.csv");
        std::fs::write(&old, "old")?;
        std::fs::set_permissions(&old, std::fs::Permissions::from_mode(0o640))?;
        write(&old, b"new")?;
        assert_eq!(std::fs::metadata(&old)?.permissions().mode() & 0o777, 0o640);
        Ok(())
    }

    #[test]
    fn a_write_keeps_the_previous_version_as_name_bak() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("events.json");
        assert_eq!(
            write_keeping_backup(&path, b"first")?,
            None,
            "nothing to keep yet"
        );
        let bak = write_keeping_backup(&path, b"second")?;
        assert_eq!(
            bak.as_deref(),
            Some(dir.path().join("events.json.bak").as_path())
        );
        assert_eq!(std::fs::read_to_string(&path)?, "second");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("events.json.bak"))?,
            "first"
        );
        write_keeping_backup(&path, b"third")?;
        assert_eq!(
            std::fs::read_to_string(dir.path().join("events.json.bak"))?,
            "second"
        );
        assert_eq!(
            std::fs::read_dir(dir.path())?.count(),
            2,
            "no temporaries left"
        );
        Ok(())
    }

    #[test]
    fn a_write_under_way_when_the_program_stops_leaves_no_temporary_and_its_file_as_it_was()
    -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("figure.png");
        std::fs::write(&path, "old figure")?;
        let (started, start) = std::sync::mpsc::channel();
        let (finish, finished) = std::sync::mpsc::channel::<()>();
        let writer = std::thread::spawn({
            let path = path.clone();
            move || {
                write_with(&path, |file| {
                    file.write_all(b"half a new")?;
                    let _ = started.send(());
                    let _ = finished.recv();
                    file.write_all(b" figure")
                })
            }
        });
        start
            .recv()
            .map_err(|e| std::io::Error::other(e.to_string()))?;
        let names = || -> std::io::Result<Vec<String>> {
            let mut names = std::fs::read_dir(dir.path())?
                .map(|e| e.map(|e| e.file_name().to_string_lossy().into_owned()))
                .collect::<std::io::Result<Vec<_>>>()?;
            names.sort();
            Ok(names)
        };
        assert_eq!(names()?.len(), 2, "the write's temporary file is there");
        // (Only this test's folder: other tests write at the same time in this process.)
        assert_eq!(remove_unfinished_where(|p| p.starts_with(dir.path())), 1);
        assert_eq!(names()?, ["figure.png"]);
        let _ = finish.send(());
        let written = writer
            .join()
            .map_err(|_| std::io::Error::other("the writer panicked"))?;
        assert!(written.is_err(), "the write cannot finish");
        assert_eq!(std::fs::read_to_string(&path)?, "old figure");
        assert_eq!(names()?, ["figure.png"]);
        assert_eq!(
            remove_unfinished_where(|p| p.starts_with(dir.path())),
            0,
            "a write that ended is forgotten"
        );
        Ok(())
    }

    #[test]
    fn failure_leaves_nothing() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("missing-folder").join("out.csv");
        assert!(write(&path, b"x").is_err());
        assert!(!path.exists());
        Ok(())
    }
}
