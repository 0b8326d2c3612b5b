//! The limits that keep one bad or hostile file from taking the whole ingest down: how big a
//! file may be, how long one line or record may be, how much a zip container (DOCX, XLSX) may
//! inflate to. Every limit is checked before the work it protects, and breaking one is an
//! error naming the file (and line or row), never a crash or a silent cut.

/// Largest file read at all (checked from the file's size before reading it).
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Longest line of a text file (transcript, Markdown, subtitles). A longer line makes the whole
/// file an error: a real transcript has no megabyte-long line, a data dump or a damaged file
/// does. In record formats (CSV, JSON Lines, XLSX) a longer record is a row error instead:
/// that row is skipped and the others are read.
pub const MAX_LINE_BYTES: usize = 1024 * 1024;

/// Most entries in a zip container.
pub const MAX_ZIP_ENTRIES: usize = 10_000;
/// Largest inflated size of one entry of a zip container.
pub const MAX_ZIP_ENTRY_BYTES: u64 = 128 * 1024 * 1024;
/// Largest inflated size of all entries of a zip container together.
pub const MAX_ZIP_TOTAL_BYTES: u64 = 512 * 1024 * 1024;
/// Highest compression ratio (inflated / compressed) of an entry larger than
/// [`RATIO_CHECK_FROM`]. Office XML compresses 5-30 times; a zip bomb several hundred times.
pub const MAX_ZIP_RATIO: u64 = 200;
/// Entries smaller than this are not ratio-checked (a small run of spaces may compress well).
pub const RATIO_CHECK_FROM: u64 = 1024 * 1024;

/// A byte count for messages: `3.2 MiB`, `900 bytes`.
pub fn human_bytes(bytes: u64) -> String {
    const MIB: f64 = 1024.0 * 1024.0;
    match bytes {
        0..=9_999 => format!("{bytes} bytes"),
        10_000..=1_048_575 => format!("{:.0} KiB", bytes as f64 / 1024.0),
        _ => format!("{:.1} MiB", bytes as f64 / MIB),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_like_a_person_writes_them() {
        assert_eq!(human_bytes(900), "900 bytes");
        assert_eq!(human_bytes(20_480), "20 KiB");
        assert_eq!(human_bytes(MAX_ZIP_ENTRY_BYTES), "128.0 MiB");
    }
}
