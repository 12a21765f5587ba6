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

/// Files from this size on are read by two threads at once ([`read_in_halves`]).
#[cfg(unix)]
const HALVES_BYTES: u64 = 32 << 20;

/// Bytes read at a time, between reports of progress.
const PIECE: usize = 4 << 20;

fn read_with_progress(
    file: &mut std::fs::File,
    mut bytes: Vec<u8>,
    len: u64,
    progress: &Progress,
) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    profiling::function_scope!();
    #[cfg(unix)]
    if len >= HALVES_BYTES
        && let Some(read) = read_in_halves(file, &bytes, len, progress)
    {
        return Ok(read);
    }
    bytes.reserve_exact(
        usize::try_from(len)
            .unwrap_or(0)
            .saturating_sub(bytes.len()),
    );
    loop {
        // Straight into the vector, 4 MiB at a time (through a buffer of its own, every byte
        // of the file was copied once more).
        let n = Read::by_ref(file)
            .take(PIECE as u64)
            .read_to_end(&mut bytes)?;
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

/// `first` (the first bytes of `file`, already read) followed by the rest of `file`, `len`
/// bytes in all, read by two threads at once, each a half: the system's copying and its
/// clearing of the fresh memory (a third of the time of reading a big file on a 2-core
/// machine, more than the copying) are shared by two cores. `None` when the file did not read
/// as `len` bytes (it changed meanwhile): it is then read the usual way. Stops early (with what
/// it read) when `progress` says to.
#[cfg(unix)]
fn read_in_halves(
    file: &std::fs::File,
    first: &[u8],
    len: u64,
    progress: &Progress,
) -> Option<Vec<u8>> {
    use std::os::unix::fs::FileExt;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let len = usize::try_from(len).ok()?;
    // Zeroed memory straight from the system (`calloc`): its pages are cleared as they are
    // first written, by the thread that writes them.
    let mut bytes = vec![0_u8; len];
    let from = first.len().min(len);
    bytes[..from].copy_from_slice(&first[..from]);
    let done = AtomicUsize::new(from);
    let read_half = |half: &mut [u8], at: usize| {
        for (i, piece) in half.chunks_mut(PIECE).enumerate() {
            file.read_exact_at(piece, (at + i * PIECE) as u64).ok()?;
            let n = done.fetch_add(piece.len(), Ordering::Relaxed) + piece.len();
            if !progress.part(0.0, READ_SHARE, n as f64 / len as f64) {
                break;
            }
        }
        Some(())
    };
    let (left, right) = bytes[from..].split_at_mut((len - from) / 2);
    let right_at = from + left.len();
    std::thread::scope(|scope| {
        let other = scope.spawn(|| read_half(right, right_at));
        let mine = read_half(left, from);
        let theirs = other
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        mine.and(theirs)
    })?;
    Some(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A big file reads whole and in order in two halves, whether some of its first bytes
    /// were read before or not, and a load cancelled meanwhile is told so.
    #[cfg(unix)]
    #[test]
    fn a_big_file_reads_the_same_in_halves() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("big.json");
        // Every 4-byte word different: a piece out of place would show.
        let written: Vec<u8> = (0..(HALVES_BYTES as u32 + 12_345) / 4)
            .flat_map(u32::to_le_bytes)
            .collect();
        std::fs::write(&path, &written)?;
        for first in [0, 1000, PIECE + 7] {
            let (mut file, len) = open_file(&path).map_err(std::io::Error::other)?;
            let mut head = vec![0; first];
            std::io::Read::read_exact(&mut file, &mut head)?;
            let progress = Progress::new();
            let halves = read_in_halves(&file, &head, len, &progress);
            assert!(halves.as_ref() == Some(&written), "after {first} bytes");
            assert!(f64::from(progress.fraction()) >= READ_SHARE - 1e-3);
            let read = read_rest(&mut file, head, len, &path, &Progress::new())
                .map_err(std::io::Error::other)?;
            assert!(read == written, "read after {first} bytes differs");
        }
        let (mut file, len) = open_file(&path).map_err(std::io::Error::other)?;
        let progress = Progress::new();
        progress.cancel();
        assert!(matches!(
            read_rest(&mut file, Vec::new(), len, &path, &progress),
            Err(LoadError::Cancelled { .. })
        ));
        Ok(())
    }
}
