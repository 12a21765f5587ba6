//! Reading a file's bytes for a load: refusing what is not a regular file (a FIFO would wait
//! for a writer) or is bigger than [`MAX_FILE_BYTES`], and reporting progress as it is read.

use std::path::Path;

use super::{LoadError, MAX_FILE_BYTES, Problem, ProblemKind, Progress};

/// The file at `path` opened to be read, once it is known to be a regular file of at most
/// [`MAX_FILE_BYTES`], and its size.
pub(super) fn open_file(path: &Path) -> Result<(std::fs::File, u64), LoadError> {
    let shown = path.display().to_string();
    check_file(path)?;
    let file = std::fs::File::open(path).map_err(|e| read_error(path, e))?;
    let meta = file.metadata().map_err(|e| read_error(path, e))?;
    if !meta.is_file() {
        // Replaced by something else since it was checked.
        return Err(not_a_file(&shown, &meta));
    }
    let len = meta.len();
    if len > MAX_FILE_BYTES {
        return Err(LoadError::Invalid {
            path: shown,
            problems: vec![Problem::whole(
                ProblemKind::TooBig,
                format!("the file is {len} bytes; Chronolane reads files up to 1 GiB"),
            )],
        });
    }
    Ok((file, len))
}

/// `bytes`, the first bytes of `file` (of `len` bytes), followed by the rest of it, read with
/// progress (the first [`READ_SHARE`] of the bar); [`LoadError::Cancelled`] when cancelled
/// meanwhile.
pub(super) fn read_rest(
    file: &mut std::fs::File,
    bytes: Vec<u8>,
    len: u64,
    path: &Path,
    progress: &Progress,
) -> Result<Vec<u8>, LoadError> {
    let bytes = read_with_progress(file, bytes, len, progress).map_err(|e| read_error(path, e))?;
    if progress.is_cancelled() {
        return Err(LoadError::Cancelled {
            path: path.display().to_string(),
        });
    }
    Ok(bytes)
}

/// The error of a file that could not be read.
pub(super) fn read_error(path: &Path, source: std::io::Error) -> LoadError {
    LoadError::Read {
        path: path.display().to_string(),
        source,
    }
}

/// Whether `path` is a regular file (following links), before it is opened: opening a FIFO
/// waits for a writer, reading a device may never end. Gives the file's size.
pub fn check_file(path: &Path) -> Result<u64, LoadError> {
    let shown = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|source| LoadError::Read {
        path: shown.clone(),
        source,
    })?;
    if meta.is_file() {
        Ok(meta.len())
    } else {
        Err(not_a_file(&shown, &meta))
    }
}

fn not_a_file(path: &str, meta: &std::fs::Metadata) -> LoadError {
    let t = meta.file_type();
    let mut what = if t.is_dir() { "a folder" } else { "it" };
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            what = "a FIFO (named pipe)";
        } else if t.is_char_device() || t.is_block_device() {
            what = "a device";
        } else if t.is_socket() {
            what = "a socket";
        }
    }
    LoadError::NotAFile {
        path: path.to_owned(),
        what,
    }
}

/// Share of a load's progress bar that reading the bytes takes.
pub(super) const READ_SHARE: f64 = 0.05;

fn read_with_progress(
    file: &mut std::fs::File,
    mut bytes: Vec<u8>,
    len: u64,
    progress: &Progress,
) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    profiling::function_scope!();
    bytes.reserve_exact(
        usize::try_from(len)
            .unwrap_or(0)
            .saturating_sub(bytes.len()),
    );
    loop {
        // Straight into the vector, 4 MiB at a time (through a buffer of its own, every byte
        // of the file was copied once more).
        let n = Read::by_ref(file).take(4 << 20).read_to_end(&mut bytes)?;
        if n == 0 {
            return Ok(bytes);
        }
        if !progress.part(0.0, READ_SHARE, bytes.len() as f64 / len.max(1) as f64) {
            return Ok(bytes);
        }
        if bytes.len() as u64 > MAX_FILE_BYTES {
            // The file grew while being read.
            return Ok(bytes);
        }
    }
}
