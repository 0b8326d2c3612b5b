//! Text encodings: what a bureau's text files are really written in, converted to UTF-8
//! without losing a character.
//!
//! Detected, in this order: a byte-order mark (UTF-8, UTF-16 LE or BE); UTF-16 without a mark,
//! recognised by its pattern of NUL bytes (every other byte is NUL in Latin text); valid UTF-8;
//! otherwise Windows-1252, which also covers Latin-1 (every byte has a character, so nothing is
//! dropped; the five bytes Windows-1252 leaves undefined become the C1 control characters
//! Latin-1 gives them). A file that is mostly UTF-8 with a few stray bytes is read as UTF-8 and
//! each stray byte becomes U+FFFD, with a warning naming the line: nothing is dropped silently.
//! NUL bytes in no UTF-16 pattern, or many control characters, mean the file is binary data.
//!
//! Readers work on the converted text, so their offsets are UTF-8 byte offsets in it.
//! [`TextEncoding::file_offsets`] turns them back into byte offsets in the file on disk, so
//! stored provenance always points into the file as it is: for UTF-16 a passage's range
//! covers its two- or four-byte code units, for Windows-1252 one byte per character, and the
//! byte-order mark is counted. Line numbers are the same in both.

use std::borrow::Cow;

use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252};

/// How a text file was encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8 {
        bom: bool,
    },
    /// UTF-8 with some invalid bytes, each shown as U+FFFD.
    Utf8Repaired {
        bom: bool,
    },
    Utf16Le {
        bom: bool,
    },
    Utf16Be {
        bom: bool,
    },
    /// Windows-1252 (a superset of the printable Latin-1).
    Windows1252,
}

/// A text file converted to UTF-8.
#[derive(Debug)]
pub struct DecodedText<'a> {
    pub text: Cow<'a, str>,
    pub encoding: TextEncoding,
    /// Problems that did not stop the reading (stray bytes replaced), as sentences with the
    /// 1-based line they are on.
    pub warnings: Vec<(u64, String)>,
}

/// Why bytes are no text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotText {
    pub message: String,
    /// 1-based line of the problem, when there is one.
    pub line: Option<u64>,
}

impl TextEncoding {
    /// A short name for summaries (`UTF-16LE`, `Windows-1252`).
    pub fn name(self) -> &'static str {
        match self {
            TextEncoding::Utf8 { .. } => "UTF-8",
            TextEncoding::Utf8Repaired { .. } => "UTF-8 (repaired)",
            TextEncoding::Utf16Le { .. } => "UTF-16LE",
            TextEncoding::Utf16Be { .. } => "UTF-16BE",
            TextEncoding::Windows1252 => "Windows-1252",
        }
    }

    fn bom_len(self) -> u64 {
        match self {
            TextEncoding::Utf8 { bom: true } | TextEncoding::Utf8Repaired { bom: true } => 3,
            TextEncoding::Utf16Le { bom: true } | TextEncoding::Utf16Be { bom: true } => 2,
            _ => 0,
        }
    }

    /// Turns UTF-8 byte offsets in `text` (the conversion of `bytes`) into byte offsets in
    /// `bytes`, in place. Offsets past the end map to the end of the file.
    pub fn file_offsets(self, bytes: &[u8], text: &str, offsets: &mut [u64]) {
        let bom = self.bom_len();
        if let TextEncoding::Utf8 { .. } = self {
            offsets.iter_mut().for_each(|o| *o += bom);
            return;
        }
        let mut sorted: Vec<(u64, usize)> =
            offsets.iter().enumerate().map(|(i, o)| (*o, i)).collect();
        sorted.sort_unstable();
        let mut mapped = vec![0u64; offsets.len()];
        let mut k = 0;
        // Offsets before `text_end` (in the text) map to `file_at(offset)`.
        let mut place = |text_end: u64, file_at: &dyn Fn(u64) -> u64| {
            while k < sorted.len() && sorted[k].0 < text_end {
                mapped[sorted[k].1] = file_at(sorted[k].0);
                k += 1;
            }
        };
        let (mut text_pos, mut file_pos) = (0u64, bom);
        if let TextEncoding::Utf8Repaired { .. } = self {
            for chunk in bytes[bom as usize..].utf8_chunks() {
                let valid = chunk.valid().len() as u64;
                let (t, f) = (text_pos, file_pos);
                place(text_pos + valid, &|o| f + (o - t));
                text_pos += valid;
                file_pos += valid;
                if !chunk.invalid().is_empty() {
                    let f = file_pos;
                    place(text_pos + '\u{FFFD}'.len_utf8() as u64, &|_| f);
                    text_pos += '\u{FFFD}'.len_utf8() as u64;
                    file_pos += chunk.invalid().len() as u64;
                }
            }
        } else {
            for c in text.chars() {
                let f = file_pos;
                place(text_pos + c.len_utf8() as u64, &|_| f);
                text_pos += c.len_utf8() as u64;
                file_pos += match self {
                    TextEncoding::Windows1252 => 1,
                    _ => 2 * c.len_utf16() as u64,
                };
            }
        }
        place(u64::MAX, &|_| file_pos);
        offsets.copy_from_slice(&mapped);
    }
}

/// Converts a text file's bytes to UTF-8 (see the module documentation).
pub fn decode(bytes: &[u8]) -> Result<DecodedText<'_>, NotText> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return Ok(utf8(rest, true));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, true, TextEncoding::Utf16Le { bom: true });
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, true, TextEncoding::Utf16Be { bom: true });
    }
    if let Some(encoding) = bomless_utf16(bytes) {
        return utf16(bytes, false, encoding);
    }
    if bytes.contains(&0) {
        return Err(NotText {
            message: "binary data, not text (it holds NUL bytes); is the file damaged or \
                      not what its name says?"
                .into(),
            line: None,
        });
    }
    let decoded = match std::str::from_utf8(bytes) {
        Ok(text) => DecodedText {
            text: Cow::Borrowed(text),
            encoding: TextEncoding::Utf8 { bom: false },
            warnings: Vec::new(),
        },
        Err(_) if has_utf8_sequences(bytes) => utf8(bytes, false),
        Err(_) => {
            let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
            DecodedText {
                text,
                encoding: TextEncoding::Windows1252,
                warnings: Vec::new(),
            }
        }
    };
    check_control_characters(&decoded.text)?;
    Ok(decoded)
}

/// UTF-8 (after a BOM, if any); stray bytes become U+FFFD with a warning per line.
fn utf8(bytes: &[u8], bom: bool) -> DecodedText<'_> {
    match std::str::from_utf8(bytes) {
        Ok(text) => DecodedText {
            text: Cow::Borrowed(text),
            encoding: TextEncoding::Utf8 { bom },
            warnings: Vec::new(),
        },
        Err(_) => {
            let mut warnings: Vec<(u64, String)> = Vec::new();
            let mut offset = 0;
            for chunk in bytes.utf8_chunks() {
                offset += chunk.valid().len();
                if !chunk.invalid().is_empty() {
                    let line = line_at(bytes, offset);
                    if warnings.last().map(|(l, _)| *l) != Some(line) {
                        warnings.push((
                            line,
                            "bytes that are not UTF-8 in a UTF-8 file were read as \u{FFFD} \
                             (the file mixes encodings; save it as UTF-8)"
                                .into(),
                        ));
                    }
                    offset += chunk.invalid().len();
                }
            }
            DecodedText {
                text: String::from_utf8_lossy(bytes),
                encoding: TextEncoding::Utf8Repaired { bom },
                warnings,
            }
        }
    }
}

fn utf16(body: &[u8], bom: bool, encoding: TextEncoding) -> Result<DecodedText<'_>, NotText> {
    let codec = match encoding {
        TextEncoding::Utf16Be { .. } => UTF_16BE,
        _ => UTF_16LE,
    };
    let (text, had_errors) = codec.decode_without_bom_handling(body);
    if had_errors || body.len() % 2 == 1 {
        let name = if bom {
            ""
        } else {
            " (detected without a byte-order mark)"
        };
        return Err(NotText {
            message: format!(
                "damaged {} text{name}: an odd number of bytes or a broken surrogate pair",
                encoding.name()
            ),
            line: None,
        });
    }
    check_control_characters(&text)?;
    Ok(DecodedText {
        text: Cow::Owned(text.into_owned()),
        encoding,
        warnings: Vec::new(),
    })
}

/// UTF-16 without a byte-order mark: in the first 64 KiB, at least a quarter of the code
/// units have a NUL high byte, and NULs on the other side are rare.
fn bomless_utf16(bytes: &[u8]) -> Option<TextEncoding> {
    let sample = &bytes[..bytes.len().min(65_536) & !1];
    let units = sample.len() / 2;
    if units < 2 {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    let mostly = |n: usize| n * 4 >= units;
    let rare = |n: usize| n * 20 <= units;
    if mostly(odd) && rare(even) {
        Some(TextEncoding::Utf16Le { bom: false })
    } else if mostly(even) && rare(odd) {
        Some(TextEncoding::Utf16Be { bom: false })
    } else {
        None
    }
}

/// Whether invalid UTF-8 still holds real multi-byte UTF-8 characters (a UTF-8 file with stray
/// bytes) rather than none (a legacy 8-bit encoding).
fn has_utf8_sequences(bytes: &[u8]) -> bool {
    bytes.utf8_chunks().any(|chunk| !chunk.valid().is_ascii())
}

/// Text has few control characters; binary data read as text has many.
fn check_control_characters(text: &str) -> Result<(), NotText> {
    let sample: String = text.chars().take(65_536).collect();
    let total = sample.chars().count();
    let controls = sample
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        .count();
    if total > 0 && controls * 100 > total {
        return Err(NotText {
            message: format!(
                "binary data, not text ({controls} control characters in the first {total}); \
                 is the file damaged or not what its name says?"
            ),
            line: None,
        });
    }
    Ok(())
}

/// 1-based line of a byte offset (`\n`, `\r\n` and a lone `\r` end lines).
pub fn line_at(bytes: &[u8], offset: usize) -> u64 {
    let before = &bytes[..offset.min(bytes.len())];
    let mut line = 1;
    for (i, b) in before.iter().enumerate() {
        if *b == b'\n' || (*b == b'\r' && before.get(i + 1) != Some(&b'\n')) {
            line += 1;
        }
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str =
        "Bu Siti: Bantuan untuk lansia di Cianjur belum cair.\nPak Dédé: Betul — sejak Mei.\n";

    fn utf16le(text: &str, bom: bool) -> Vec<u8> {
        let mut out = if bom { vec![0xFF, 0xFE] } else { Vec::new() };
        out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        out
    }

    #[test]
    fn every_encoding_gives_the_same_text_and_offsets_point_into_the_file() {
        let mut utf8_bom = b"\xEF\xBB\xBF".to_vec();
        utf8_bom.extend(TEXT.as_bytes());
        let mut utf16be = vec![0xFE, 0xFF];
        utf16be.extend(TEXT.encode_utf16().flat_map(u16::to_be_bytes));
        let (cp1252, _, _) = WINDOWS_1252.encode(TEXT);
        let cases: Vec<(Vec<u8>, &str)> = vec![
            (TEXT.as_bytes().to_vec(), "UTF-8"),
            (utf8_bom, "UTF-8"),
            (utf16le(TEXT, true), "UTF-16LE"),
            (utf16le(TEXT, false), "UTF-16LE"),
            (utf16be, "UTF-16BE"),
            (cp1252.into_owned(), "Windows-1252"),
        ];
        let word = "Dédé";
        let start = TEXT.find(word).unwrap() as u64;
        for (bytes, name) in cases {
            let decoded = decode(&bytes).unwrap();
            assert_eq!(decoded.text, TEXT, "{name}");
            assert_eq!(decoded.encoding.name(), name);
            let mut offsets = [start, start + word.len() as u64];
            decoded
                .encoding
                .file_offsets(&bytes, &decoded.text, &mut offsets);
            let slice = &bytes[offsets[0] as usize..offsets[1] as usize];
            let back = decode(slice).map(|d| d.text.into_owned());
            let back = match decoded.encoding {
                TextEncoding::Utf16Le { .. } => String::from_utf16_lossy(
                    &slice
                        .chunks(2)
                        .map(|p| u16::from_le_bytes([p[0], p[1]]))
                        .collect::<Vec<_>>(),
                ),
                TextEncoding::Utf16Be { .. } => String::from_utf16_lossy(
                    &slice
                        .chunks(2)
                        .map(|p| u16::from_be_bytes([p[0], p[1]]))
                        .collect::<Vec<_>>(),
                ),
                _ => back.unwrap(),
            };
            assert_eq!(back, word, "{name}");
        }
    }

    #[test]
    fn latin1_bytes_are_kept_and_stray_bytes_in_utf8_are_shown_and_reported() {
        let latin1 = b"Caf\xe9 \xb1 5 km, \xbd jam\n";
        assert_eq!(decode(latin1).unwrap().text, "Café ± 5 km, ½ jam\n");
        let mixed = "Dédé\nrusak \u{0}".replace('\u{0}', "");
        let mut bytes = mixed.into_bytes();
        bytes.push(0xE9);
        bytes.extend(b" sekali\n");
        let decoded = decode(&bytes).unwrap();
        assert_eq!(decoded.text, "Dédé\nrusak \u{FFFD} sekali\n");
        assert_eq!(decoded.warnings.len(), 1);
        assert_eq!(decoded.warnings[0].0, 2);
        let mut offsets = [decoded.text.find("sekali").unwrap() as u64];
        decoded
            .encoding
            .file_offsets(&bytes, &decoded.text, &mut offsets);
        assert_eq!(&bytes[offsets[0] as usize..][..6], b"sekali");
    }

    #[test]
    fn binary_junk_is_not_text() {
        let junk: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect();
        let err = decode(&junk).unwrap_err();
        assert!(err.message.starts_with("binary data"), "{err:?}");
        let controls = "\u{1}\u{2}\u{3}abc\u{4}\u{5}".repeat(100);
        assert!(decode(controls.as_bytes()).is_err());
        assert_eq!(line_at(b"a\r\nb\rc\nd", 7), 4);
    }
}
