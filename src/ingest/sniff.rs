//! Which format a file is, from its content first and its name second. Magic bytes decide for
//! containers (`%PDF-`; a zip holding `word/document.xml` is a DOCX, `xl/workbook.xml` an XLSX,
//! an OpenDocument spreadsheet an ODS; an OLE2 compound file a legacy `.xls`); text is decoded
//! ([`encoding`]) and recognised by its first lines (`WEBVTT`, an SRT cue,
//! JSON object lines); NUL-heavy or control-heavy data is binary and refused. The extension
//! only chooses among text formats (`.csv` form, `.md` Markdown, else a transcript).

use super::archive;
use super::encoding;

/// The formats aspirasi reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Transcript,
    Markdown,
    Vtt,
    Srt,
    /// CSV or TSV form exports.
    Form,
    /// Workbooks: XLSX, XLS, ODS.
    Workbook,
    Jsonl,
    Docx,
    Pdf,
}

impl Format {
    /// The format a manifest names (`format = "docx"`).
    pub fn from_name(name: &str) -> Option<Format> {
        Some(match name.trim().to_ascii_lowercase().as_str() {
            "transcript" | "text" | "txt" => Format::Transcript,
            "markdown" | "md" => Format::Markdown,
            "vtt" | "webvtt" => Format::Vtt,
            "srt" | "subrip" => Format::Srt,
            "form" | "csv" | "tsv" => Format::Form,
            "xlsx" | "xls" | "ods" | "workbook" | "spreadsheet" => Format::Workbook,
            "jsonl" | "ndjson" | "json-lines" | "jsonlines" => Format::Jsonl,
            "docx" | "word" => Format::Docx,
            "pdf" => Format::Pdf,
            _ => return None,
        })
    }

    /// The format a file name suggests; `None` for names aspirasi does not know.
    pub fn from_extension(path: &str) -> Option<Format> {
        let name = path.rsplit('/').next().unwrap_or(path);
        let (_, extension) = name.rsplit_once('.')?;
        Some(match extension.to_ascii_lowercase().as_str() {
            "txt" | "text" => Format::Transcript,
            "md" | "markdown" => Format::Markdown,
            "vtt" => Format::Vtt,
            "srt" => Format::Srt,
            "csv" | "tsv" => Format::Form,
            "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => Format::Workbook,
            "jsonl" | "ndjson" | "json" => Format::Jsonl,
            "docx" => Format::Docx,
            "pdf" => Format::Pdf,
            _ => return None,
        })
    }

    /// Whether the file name has no extension at all (`notulen`), so content alone decides.
    pub fn has_no_extension(path: &str) -> bool {
        let name = path.rsplit('/').next().unwrap_or(path);
        !name.contains('.')
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::Transcript => "transcript",
            Format::Markdown => "markdown",
            Format::Vtt => "vtt",
            Format::Srt => "srt",
            Format::Form => "form",
            Format::Workbook => "xlsx",
            Format::Jsonl => "jsonl",
            Format::Docx => "docx",
            Format::Pdf => "pdf",
        }
    }

    /// Binary containers: their name alone never makes text readable as them.
    pub fn is_container(self) -> bool {
        matches!(self, Format::Pdf | Format::Docx | Format::Workbook)
    }

    /// Formats whose content is unmistakable (a container, or a text with a signature).
    pub fn is_signed(self) -> bool {
        matches!(
            self,
            Format::Pdf | Format::Docx | Format::Workbook | Format::Vtt | Format::Srt
        )
    }
}

/// What the content of a file is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    /// A format recognised from the content itself.
    Known(Format),
    /// Text with no signature: the extension decides which text format.
    Text,
    /// Nothing aspirasi can read; the sentence says what it is.
    Unreadable(String),
}

/// Looks at the content (the first bytes, or the zip's directory).
pub fn sniff(bytes: &[u8]) -> Content {
    if bytes.is_empty() {
        return Content::Unreadable("the file is empty (0 bytes)".into());
    }
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        return Content::Known(Format::Pdf);
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return sniff_zip(bytes);
    }
    if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        // OLE2: a legacy .xls (read by calamine) or .doc (not read); the reader tells.
        return Content::Known(Format::Workbook);
    }
    if let Some(what) = known_binary(bytes) {
        return Content::Unreadable(format!(
            "{what}, not a document aspirasi reads (text, Markdown, DOCX, PDF, CSV, XLSX, \
             JSON Lines, VTT, SRT)"
        ));
    }
    let mut prefix = &bytes[..bytes.len().min(8192)];
    if prefix.len() < bytes.len() && prefix.len() % 2 == 1 {
        prefix = &prefix[..prefix.len() - 1];
    }
    let decoded = match encoding::decode(prefix) {
        Ok(decoded) => decoded,
        Err(not_text) => return Content::Unreadable(not_text.message),
    };
    let text = decoded.text.trim_start_matches('\u{feff}');
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines.next().unwrap_or("");
    if first.starts_with("WEBVTT") {
        return Content::Known(Format::Vtt);
    }
    let second = lines.next().unwrap_or("");
    if first.bytes().all(|b| b.is_ascii_digit()) && !first.is_empty() && is_srt_timing(second) {
        return Content::Known(Format::Srt);
    }
    if first.starts_with('{')
        && first.ends_with('}')
        && serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(first).is_ok()
    {
        return Content::Known(Format::Jsonl);
    }
    Content::Text
}

/// `00:00:01,000 --> 00:00:04,000`.
fn is_srt_timing(line: &str) -> bool {
    let Some((start, end)) = line.split_once("-->") else {
        return false;
    };
    let time = |t: &str| {
        let t = t.trim();
        t.len() >= 8 && t.as_bytes()[2] == b':' && t.contains(',')
    };
    time(start) && time(end.split_whitespace().next().unwrap_or(""))
}

fn sniff_zip(bytes: &[u8]) -> Content {
    let Some(names) = archive::entry_names(bytes) else {
        return Content::Unreadable("the zip container is damaged or truncated".into());
    };
    let has = |name: &str| names.iter().any(|n| n == name);
    if has("word/document.xml") {
        Content::Known(Format::Docx)
    } else if has("xl/workbook.xml")
        || has("xl/workbook.bin")
        || (has("content.xml") && zip_mimetype(bytes).contains("spreadsheet"))
    {
        Content::Known(Format::Workbook)
    } else if has("content.xml") && zip_mimetype(bytes).contains("text") {
        Content::Unreadable(
            "an OpenDocument text (.odt), which aspirasi does not read; save it as DOCX".into(),
        )
    } else if has("ppt/presentation.xml") {
        Content::Unreadable("a PowerPoint presentation, which aspirasi does not read".into())
    } else {
        Content::Unreadable(
            "a zip archive holding no DOCX or XLSX document; unzip it and ingest what is inside"
                .into(),
        )
    }
}

/// The `mimetype` entry of an OpenDocument file (stored first, uncompressed).
fn zip_mimetype(bytes: &[u8]) -> String {
    // The first local header's name is at 30, its data right after (stored, no extra field
    // in conforming files); read it without inflating anything.
    let name_len = bytes
        .get(26..28)
        .map_or(0, |b| u16::from_le_bytes([b[0], b[1]]) as usize);
    let extra_len = bytes
        .get(28..30)
        .map_or(0, |b| u16::from_le_bytes([b[0], b[1]]) as usize);
    let name = bytes.get(30..30 + name_len).unwrap_or_default();
    if name != b"mimetype" {
        return String::new();
    }
    let start = 30 + name_len + extra_len;
    bytes
        .get(start..(start + 80).min(bytes.len()))
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .unwrap_or_default()
}

/// Common binary files by their magic bytes.
fn known_binary(bytes: &[u8]) -> Option<&'static str> {
    const MAGICS: &[(&[u8], &str)] = &[
        (b"\x89PNG", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"\x1F\x8B", "a gzip archive"),
        (b"Rar!", "a RAR archive"),
        (b"7z\xBC\xAF", "a 7-Zip archive"),
        (b"ID3", "an MP3 recording"),
        (b"OggS", "an Ogg recording"),
        (b"RIFF", "a RIFF file (WAV or AVI)"),
        (b"\x7FELF", "a program"),
        (b"MZ", "a Windows program"),
    ];
    if bytes.get(4..8) == Some(b"ftyp") {
        return Some("an MP4/M4A recording");
    }
    MAGICS
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|(_, what)| *what)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_decides_before_the_name() {
        assert_eq!(sniff(b"%PDF-1.4\n..."), Content::Known(Format::Pdf));
        assert_eq!(
            sniff(b"WEBVTT\n\n00:01.000 --> 00:02.000\nhalo\n"),
            Content::Known(Format::Vtt)
        );
        assert_eq!(
            sniff(b"1\n00:00:01,000 --> 00:00:04,000\nhalo\n"),
            Content::Known(Format::Srt)
        );
        assert_eq!(
            sniff(b"{\"isi\": \"halo\"}\n"),
            Content::Known(Format::Jsonl)
        );
        assert_eq!(sniff("Moderator: halo\n".as_bytes()), Content::Text);
        assert!(
            matches!(sniff(b"PK\x03\x04junk"), Content::Unreadable(m) if m.contains("damaged"))
        );
        assert!(matches!(sniff(b"\x89PNG\r\n"), Content::Unreadable(m) if m.contains("PNG")));
        assert!(matches!(sniff(b""), Content::Unreadable(m) if m.contains("empty")));
    }

    #[test]
    fn extensions_and_declared_names() {
        assert_eq!(Format::from_extension("a/b.DOCX"), Some(Format::Docx));
        assert_eq!(Format::from_extension("x.md"), Some(Format::Markdown));
        assert_eq!(Format::from_extension("x.tsv"), Some(Format::Form));
        assert_eq!(Format::from_extension("x.png"), None);
        assert_eq!(Format::from_name("form"), Some(Format::Form));
        assert!(Format::has_no_extension("notulen"));
    }
}
