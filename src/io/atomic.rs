//! Atomic file writes: the bytes go to a temporary file in the destination's folder, are
//! flushed to disk, then renamed over the destination. A failure leaves any existing file as it
//! was and no partial file behind.

use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` atomically.
pub fn write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".chronolane-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
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
    fn failure_leaves_nothing() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("missing-folder").join("out.csv");
        assert!(write(&path, b"x").is_err());
        assert!(!path.exists());
        Ok(())
    }
}
