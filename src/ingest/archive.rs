//! Zip containers (DOCX, XLSX, ODS) opened safely: before anything is handed to a parser the
//! central directory is checked against [`limits`](super::limits) (entry count, declared
//! inflated size per entry and in total, compression ratio), and then every entry is inflated
//! once into nothing with a hard cap, so an entry whose header lies about its size is caught
//! too. Only then is the container read for real.

use std::io::{Cursor, Read};

use zip::ZipArchive;

use super::limits::{
    human_bytes, MAX_ZIP_ENTRIES, MAX_ZIP_ENTRY_BYTES, MAX_ZIP_RATIO, MAX_ZIP_TOTAL_BYTES,
    RATIO_CHECK_FROM,
};

/// An opened, checked zip container held in memory.
pub type Container<'a> = ZipArchive<Cursor<&'a [u8]>>;

/// Opens `bytes` as a zip container and checks it against the limits. The error is a sentence
/// for the user (the caller adds the file name).
pub fn open_checked(bytes: &[u8]) -> Result<Container<'_>, String> {
    let mut archive = ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("the zip container is damaged or truncated ({e})"))?;
    if archive.len() > MAX_ZIP_ENTRIES {
        return Err(format!(
            "the zip container has {} entries, more than the limit of {MAX_ZIP_ENTRIES}",
            archive.len()
        ));
    }
    let mut declared_total: u64 = 0;
    for i in 0..archive.len() {
        let entry = archive
            .by_index_raw(i)
            .map_err(|e| format!("zip entry {i} is damaged ({e})"))?;
        let name = entry.name().map(|n| n.to_string()).unwrap_or_default();
        let (size, compressed) = (entry.size(), entry.compressed_size());
        check_entry(&name, size, compressed)?;
        declared_total = declared_total.saturating_add(size);
        if declared_total > MAX_ZIP_TOTAL_BYTES {
            return Err(format!(
                "the zip container would inflate to more than {} (limit for all entries); \
                 is it a zip bomb?",
                human_bytes(MAX_ZIP_TOTAL_BYTES)
            ));
        }
    }
    // Headers can lie: inflate each entry with a cap and count what really comes out.
    let mut actual_total: u64 = 0;
    for i in 0..archive.len() {
        let mut entry = archive
            .by_index(i)
            .map_err(|e| format!("zip entry {i} cannot be read ({e})"))?;
        let name = entry.name().map(|n| n.to_string()).unwrap_or_default();
        let (declared, compressed) = (entry.size(), entry.compressed_size());
        let cap = declared.min(MAX_ZIP_ENTRY_BYTES) + 1;
        let inflated = std::io::copy(&mut (&mut entry).take(cap), &mut std::io::sink())
            .map_err(|e| format!("zip entry {name:?} is damaged ({e})"))?;
        if inflated > declared {
            return Err(format!(
                "zip entry {name:?} inflates to more than the {} its header declares; \
                 is it a zip bomb?",
                human_bytes(declared)
            ));
        }
        check_entry(&name, inflated, compressed)?;
        actual_total += inflated;
        if actual_total > MAX_ZIP_TOTAL_BYTES {
            return Err(format!(
                "the zip container inflates to more than {}; is it a zip bomb?",
                human_bytes(MAX_ZIP_TOTAL_BYTES)
            ));
        }
    }
    Ok(archive)
}

fn check_entry(name: &str, size: u64, compressed: u64) -> Result<(), String> {
    if size > MAX_ZIP_ENTRY_BYTES {
        return Err(format!(
            "zip entry {name:?} would inflate to {}, more than the limit of {} per entry; \
             is it a zip bomb?",
            human_bytes(size),
            human_bytes(MAX_ZIP_ENTRY_BYTES)
        ));
    }
    if size >= RATIO_CHECK_FROM && size / compressed.max(1) > MAX_ZIP_RATIO {
        return Err(format!(
            "zip entry {name:?} is compressed {}:1 ({} from {}), more than the limit of \
             {MAX_ZIP_RATIO}:1; is it a zip bomb?",
            size / compressed.max(1),
            human_bytes(size),
            human_bytes(compressed)
        ));
    }
    Ok(())
}

/// Reads one entry fully (the container was checked, so its size is bounded). `None` when the
/// container has no such entry.
pub fn read_entry(archive: &mut Container<'_>, name: &str) -> Result<Option<Vec<u8>>, String> {
    let Some(index) = archive.index_for_name(name) else {
        return Ok(None);
    };
    let mut entry = archive
        .by_index(index)
        .map_err(|e| format!("zip entry {name:?} cannot be read ({e})"))?;
    let mut out = Vec::with_capacity(entry.size().min(MAX_ZIP_ENTRY_BYTES) as usize);
    (&mut entry)
        .take(MAX_ZIP_ENTRY_BYTES + 1)
        .read_to_end(&mut out)
        .map_err(|e| format!("zip entry {name:?} is damaged ({e})"))?;
    Ok(Some(out))
}

/// Names of the entries of a zip container, without checking or inflating anything (for
/// telling a DOCX from an XLSX). `None` when the bytes are no readable zip.
pub fn entry_names(bytes: &[u8]) -> Option<Vec<String>> {
    let archive = ZipArchive::new(Cursor::new(bytes)).ok()?;
    Some(
        archive
            .file_names()
            .filter_map(|n| n.ok().map(|n| n.to_string()))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use zip::write::SimpleFileOptions;

    fn zip_with(name: &str, content: &[u8]) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        writer
            .start_file(name, SimpleFileOptions::default())
            .unwrap();
        writer.write_all(content).unwrap();
        writer.finish().unwrap().into_inner()
    }

    #[test]
    fn a_small_container_opens_and_a_bomb_does_not() {
        let ok = zip_with("word/document.xml", b"<w:document/>");
        let mut archive = open_checked(&ok).unwrap();
        assert_eq!(
            read_entry(&mut archive, "word/document.xml").unwrap(),
            Some(b"<w:document/>".to_vec())
        );
        let bomb = zip_with("word/document.xml", &vec![b' '; 20 * 1024 * 1024]);
        let err = open_checked(&bomb).err().unwrap();
        assert!(err.contains("zip bomb"), "{err}");
        assert!(open_checked(&ok[..ok.len() / 2]).is_err());
    }

    #[test]
    fn an_entry_whose_header_lies_about_its_size_is_caught_while_inflating() {
        let mut bytes = zip_with("xl/worksheets/sheet1.xml", &vec![b'a'; 300_000]);
        // Claim 1,000 bytes in both the local and the central header.
        let patch = |bytes: &mut Vec<u8>, signature: &[u8], offset: usize| {
            let at = bytes.windows(4).position(|w| w == signature).unwrap() + offset;
            bytes[at..at + 4].copy_from_slice(&1000u32.to_le_bytes());
        };
        patch(&mut bytes, b"PK\x03\x04", 22);
        patch(&mut bytes, b"PK\x01\x02", 24);
        // The zip crate stops at the declared size itself; the capped copy would catch it too.
        let err = open_checked(&bytes).err().unwrap();
        assert!(
            err.starts_with("zip entry \"xl/worksheets/sheet1.xml\"") && err.contains("declare"),
            "{err}"
        );
    }
}
