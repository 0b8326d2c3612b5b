//! REFI-QDA export: the whole index as a project (`.qdpx`) and the theme codebook alone
//! (`.qdc`), in the exchange format of the Rotterdam Exchange Format Initiative (QDA-XML 1.0)
//! that NVivo, ATLAS.ti, MAXQDA and QualCoder import.
//!
//! A `.qdpx` is a zip holding `project.qde` (XML, namespace `urn:QDA-XML:project:1.0`) and the
//! plain text of every source as `sources/<guid>.txt`. The mapping:
//!
//! - one **Code** per theme (the Indonesian label as name, both descriptions);
//! - one **TextSource** per indexed document: its passages in order, each followed by a blank
//!   line, so the text a coder reads is the text aspirasi classified;
//! - one **PlainTextSelection** per passage that has a theme, its range in Unicode code points
//!   of that text, with one **Coding** per theme;
//! - one **Case** per named speaker, with the variables Instansi, Kelompok and Provinsi, linked
//!   to the sources the speaker speaks in.
//!
//! Every GUID is derived from a hash of a stable key (theme id, document id, passage id,
//! speaker), so exporting the same index twice gives the same GUIDs and a re-import updates
//! instead of duplicating. The XML is written by hand in the exact element order of the schema.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::Serialize;

use crate::classify::LexiconSet;
use crate::error::{Error, Result};
use crate::index::PassageIndex;
use crate::passage::Passage;

/// Namespace of a REFI-QDA project (`project.qde`).
pub const PROJECT_NAMESPACE: &str = "urn:QDA-XML:project:1.0";
/// Namespace of a REFI-QDA codebook (`.qdc`).
pub const CODEBOOK_NAMESPACE: &str = "urn:QDA-XML:codebook:1.0";

/// Colours of the codes, one per theme in report order (then repeated).
const PALETTE: [&str; 14] = [
    "#1F77B4", "#FF7F0E", "#2CA02C", "#D62728", "#9467BD", "#8C564B", "#E377C2", "#7F7F7F",
    "#BCBD22", "#17BECF", "#393B79", "#AD494A", "#637939", "#CE6DBD",
];

/// The speaker variables of a case: (key for the GUID, name shown in the QDA tool, description).
const VARIABLES: [(&str, &str, &str); 3] = [
    (
        "organisation",
        "Instansi",
        "Instansi atau organisasi pembicara / the speaker's organisation",
    ),
    (
        "stakeholder",
        "Kelompok",
        "Kelompok pemangku kepentingan / stakeholder group",
    ),
    (
        "region",
        "Provinsi",
        "Provinsi pembicara / the speaker's province",
    ),
];

/// What an export wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct ExportSummary {
    /// Text sources (one per indexed document).
    pub sources: usize,
    /// Cases (one per named speaker).
    pub cases: usize,
    /// Codes (one per theme).
    pub codes: usize,
    /// Coded selections (one per passage with at least one theme).
    pub selections: usize,
}

/// Writes the whole index as a REFI-QDA project (.qdpx: a zip with project.qde and sources/*.txt).
pub fn write_qdpx(
    index: &PassageIndex,
    lexicons: &LexiconSet,
    project_name: &str,
    path: &Path,
) -> Result<ExportSummary> {
    write_qdpx_at(index, lexicons, project_name, path, SystemTime::now())
}

/// [`write_qdpx`] with the creation time given, for byte-identical exports of the same index.
pub fn write_qdpx_at(
    index: &PassageIndex,
    lexicons: &LexiconSet,
    project_name: &str,
    path: &Path,
    created: SystemTime,
) -> Result<ExportSummary> {
    let passages = all_passages(index)?;
    let project = build_project(&passages, lexicons, project_name, created);
    write_atomically(path, |file| write_zip(file, &project, created))?;
    Ok(project.summary)
}

/// A REFI-QDA project (.qdpx bytes) of the given passages only (a search's matches, say):
/// their documents hold just these passages, in the order given.
pub fn qdpx_bytes(
    passages: &[Passage],
    lexicons: &LexiconSet,
    project_name: &str,
) -> Result<(Vec<u8>, ExportSummary)> {
    let created = SystemTime::now();
    let project = build_project(passages, lexicons, project_name, created);
    let mut buffer = std::io::Cursor::new(Vec::new());
    write_zip(&mut buffer, &project, created).map_err(|e| Error::write(project_name, e))?;
    Ok((buffer.into_inner(), project.summary))
}

fn write_zip(
    out: impl std::io::Write + std::io::Seek,
    project: &Project,
    created: SystemTime,
) -> std::io::Result<()> {
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip_time(created));
    let mut zip = zip::ZipWriter::new(out);
    zip.start_file("project.qde", options).map_err(zip_error)?;
    zip.write_all(project.qde.as_bytes())?;
    for source in &project.sources {
        zip.start_file(format!("sources/{}.txt", source.guid), options)
            .map_err(zip_error)?;
        zip.write_all(source.text.as_bytes())?;
    }
    zip.finish().map_err(zip_error)?;
    Ok(())
}

/// Writes the theme codebook alone (.qdc, REFI-QDA Codebook, namespace urn:QDA-XML:codebook:1.0).
/// Returns the number of codes.
pub fn write_qdc(lexicons: &LexiconSet, path: &Path) -> Result<usize> {
    let codes = codes_for(lexicons, &BTreeSet::new());
    if codes.is_empty() {
        return Err(Error::Usage(
            "no themes to write: a REFI-QDA codebook needs at least one code".into(),
        ));
    }
    let qdc = codebook_xml(&codes);
    write_atomically(path, |file| file.write_all(qdc.as_bytes()))?;
    Ok(codes.len())
}

/// Every passage of the last commit.
fn all_passages(index: &PassageIndex) -> Result<Vec<Passage>> {
    let mut passages = Vec::new();
    index.for_each_passage(|passage| {
        passages.push(passage);
        Ok(())
    })?;
    Ok(passages)
}

/// Writes `path` through a temporary file in the same folder, so a failed export never leaves
/// half a file behind.
fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> Result<()> {
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".aspirasi-export-");
    // A temporary file is private (0600); the export is an ordinary file others may read.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    let mut temporary = builder
        .tempfile_in(folder)
        .map_err(|e| Error::write(path, e))?;
    write(temporary.as_file_mut()).map_err(|e| Error::write(path, e))?;
    temporary
        .as_file()
        .sync_all()
        .map_err(|e| Error::write(path, e))?;
    temporary
        .persist(path)
        .map_err(|e| Error::write(path, e.error))?;
    Ok(())
}

fn zip_error(e: zip::result::ZipError) -> std::io::Error {
    match e {
        zip::result::ZipError::Io(e) => e,
        other => std::io::Error::other(other),
    }
}

/// A project ready to be zipped.
struct Project {
    qde: String,
    sources: Vec<SourceText>,
    summary: ExportSummary,
}

struct SourceText {
    guid: String,
    text: String,
}

/// One code of the codebook.
struct Code {
    theme: String,
    guid: String,
    name: String,
    description: Option<String>,
    color: &'static str,
}

/// The codes: the lexicons' themes in order, then themes the index has but the lexicons
/// do not (an index classified with other lexicons), so every coding has its code.
fn codes_for(lexicons: &LexiconSet, seen_themes: &BTreeSet<String>) -> Vec<Code> {
    let mut codes: Vec<Code> = lexicons
        .lexicons()
        .iter()
        .map(|lexicon| Code {
            theme: lexicon.id.clone(),
            guid: guid(&format!("code:{}", lexicon.id)),
            name: lexicon.label.clone(),
            description: Some(format!(
                "{} / {}",
                lexicon.description.trim(),
                lexicon.description_en.trim()
            )),
            color: "",
        })
        .collect();
    for theme in seen_themes {
        if lexicons.get(theme).is_none() {
            codes.push(Code {
                theme: theme.clone(),
                guid: guid(&format!("code:{theme}")),
                name: theme.clone(),
                description: Some(format!(
                    "Tema {theme} tidak ada di leksikon yang dipakai / \
                     theme {theme} is not in the lexicons in use"
                )),
                color: "",
            });
        }
    }
    for (i, code) in codes.iter_mut().enumerate() {
        code.color = PALETTE[i % PALETTE.len()];
    }
    codes
}

fn write_codes(out: &mut String, codes: &[Code], indent: &str) {
    for code in codes {
        let _ = write!(
            out,
            "{indent}<Code guid=\"{}\" name=\"{}\" isCodable=\"true\" color=\"{}\"",
            code.guid,
            attr(&code.name),
            code.color
        );
        match &code.description {
            Some(description) => {
                let _ = writeln!(
                    out,
                    ">\n{indent}  <Description>{}</Description>\n{indent}</Code>",
                    text(description)
                );
            }
            None => out.push_str("/>\n"),
        }
    }
}

fn codebook_xml(codes: &[Code]) -> String {
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(
        out,
        "<CodeBook xmlns=\"{CODEBOOK_NAMESPACE}\" origin=\"{}\">",
        attr(&origin())
    );
    out.push_str("  <Codes>\n");
    write_codes(&mut out, codes, "    ");
    out.push_str("  </Codes>\n</CodeBook>\n");
    out
}

fn origin() -> String {
    format!("aspirasi {}", env!("CARGO_PKG_VERSION"))
}

/// A speaker's case while the passages are read.
#[derive(Default)]
struct CaseFacts {
    /// Variable key -> value -> passages that give it.
    values: BTreeMap<&'static str, BTreeMap<String, usize>>,
    /// Indexes of the sources the speaker speaks in.
    sources: BTreeSet<usize>,
}

impl CaseFacts {
    fn note(&mut self, key: &'static str, value: Option<&str>) {
        if let Some(value) = value.map(str::trim).filter(|v| !v.is_empty()) {
            *self
                .values
                .entry(key)
                .or_default()
                .entry(value.to_string())
                .or_default() += 1;
        }
    }

    /// The value most of the speaker's passages give (ties: the first in sort order).
    fn value(&self, key: &str) -> Option<&str> {
        let counts = self.values.get(key)?;
        let mut best: Option<(&str, usize)> = None;
        for (value, &count) in counts {
            if best.is_none_or(|(_, c)| count > c) {
                best = Some((value, count));
            }
        }
        best.map(|(value, _)| value)
    }
}

fn build_project(
    passages: &[Passage],
    lexicons: &LexiconSet,
    project_name: &str,
    created: SystemTime,
) -> Project {
    let created = xsd_date_time(created);
    let user = guid("user:aspirasi");

    // Documents in a stable order: by file, then document id; passages by sequence.
    let mut documents: BTreeMap<&str, Vec<&Passage>> = BTreeMap::new();
    for passage in passages {
        documents.entry(&passage.doc_id).or_default().push(passage);
    }
    let mut documents: Vec<Vec<&Passage>> = documents.into_values().collect();
    for document in &mut documents {
        document.sort_by_key(|p| p.seq);
    }
    documents.sort_by(|a, b| {
        (&a[0].provenance.file, &a[0].doc_id).cmp(&(&b[0].provenance.file, &b[0].doc_id))
    });

    let seen_themes: BTreeSet<String> = passages
        .iter()
        .flat_map(|p| p.themes.iter().cloned())
        .collect();
    let codes = codes_for(lexicons, &seen_themes);
    let code_of: HashMap<&str, &Code> = codes.iter().map(|c| (c.theme.as_str(), c)).collect();

    let mut cases: BTreeMap<String, CaseFacts> = BTreeMap::new();
    let mut sources_xml = String::new();
    let mut sources = Vec::new();
    let mut selections = 0;
    for (source_index, document) in documents.iter().enumerate() {
        let first = document[0];
        let source_guid = guid(&format!("source:{}", first.doc_id));
        let mut plain = String::new();
        let mut position = 0usize;
        let mut selections_xml = String::new();
        for passage in document {
            let start = position;
            plain.push_str(&passage.text);
            position += passage.text.chars().count();
            let end = position;
            plain.push_str("\n\n");
            position += 2;

            let speaker = passage
                .meta
                .speaker
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty());
            if let Some(speaker) = speaker {
                let facts = cases.entry(speaker.to_string()).or_default();
                facts.note("organisation", passage.meta.organisation.as_deref());
                facts.note("stakeholder", Some(&passage.meta.stakeholder));
                facts.note("region", passage.meta.region.as_deref());
                facts.sources.insert(source_index);
            }
            if passage.themes.is_empty() {
                continue;
            }
            selections += 1;
            write_selection(
                &mut selections_xml,
                passage,
                speaker,
                (start, end),
                &code_of,
                &user,
                &created,
            );
        }
        let _ = writeln!(
            sources_xml,
            "    <TextSource guid=\"{source_guid}\" name=\"{}\" plainTextPath=\"internal://{source_guid}.txt\" \
             creatingUser=\"{user}\" creationDateTime=\"{created}\">",
            attr(&first.provenance.file)
        );
        let _ = writeln!(
            sources_xml,
            "      <Description>{}</Description>",
            text(&source_description(document))
        );
        sources_xml.push_str(&selections_xml);
        sources_xml.push_str("    </TextSource>\n");
        sources.push(SourceText {
            guid: source_guid,
            text: plain,
        });
    }

    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(
        out,
        "<Project xmlns=\"{PROJECT_NAMESPACE}\" name=\"{}\" origin=\"{}\" creatingUserGUID=\"{user}\" \
         creationDateTime=\"{created}\">",
        attr(project_name),
        attr(&origin())
    );
    let _ = writeln!(
        out,
        "  <Users>\n    <User guid=\"{user}\" name=\"aspirasi\"/>\n  </Users>"
    );
    if !codes.is_empty() {
        out.push_str("  <CodeBook>\n    <Codes>\n");
        write_codes(&mut out, &codes, "      ");
        out.push_str("    </Codes>\n  </CodeBook>\n");
    }
    if !cases.is_empty() {
        out.push_str("  <Variables>\n");
        for (key, name, description) in VARIABLES {
            let _ = writeln!(
                out,
                "    <Variable guid=\"{}\" name=\"{name}\" typeOfVariable=\"Text\">\n      \
                 <Description>{}</Description>\n    </Variable>",
                guid(&format!("variable:{key}")),
                text(description)
            );
        }
        out.push_str("  </Variables>\n  <Cases>\n");
        for (speaker, facts) in &cases {
            let _ = writeln!(
                out,
                "    <Case guid=\"{}\" name=\"{}\">",
                guid(&format!("case:{speaker}")),
                attr(speaker)
            );
            for (key, _, _) in VARIABLES {
                if let Some(value) = facts.value(key) {
                    let _ = writeln!(
                        out,
                        "      <VariableValue>\n        <VariableRef targetGUID=\"{}\"/>\n        \
                         <TextValue>{}</TextValue>\n      </VariableValue>",
                        guid(&format!("variable:{key}")),
                        text(value)
                    );
                }
            }
            for &source in &facts.sources {
                let _ = writeln!(
                    out,
                    "      <SourceRef targetGUID=\"{}\"/>",
                    sources[source].guid
                );
            }
            out.push_str("    </Case>\n");
        }
        out.push_str("  </Cases>\n");
    }
    if !sources.is_empty() {
        out.push_str("  <Sources>\n");
        out.push_str(&sources_xml);
        out.push_str("  </Sources>\n");
    }
    let _ = writeln!(
        out,
        "  <Description>{}</Description>",
        text(&format!(
            "Diekspor oleh {}: {} bagian dari {} dokumen, {} tema / exported by {}: \
             {} passages from {} documents, {} themes",
            origin(),
            passages.len(),
            sources.len(),
            codes.len(),
            origin(),
            passages.len(),
            sources.len(),
            codes.len()
        ))
    );
    out.push_str("</Project>\n");

    Project {
        qde: out,
        summary: ExportSummary {
            sources: sources.len(),
            cases: cases.len(),
            codes: codes.len(),
            selections,
        },
        sources,
    }
}

fn write_selection(
    out: &mut String,
    passage: &Passage,
    speaker: Option<&str>,
    (start, end): (usize, usize),
    code_of: &HashMap<&str, &Code>,
    user: &str,
    created: &str,
) {
    let place = format!("{}:{}", passage.provenance.file, passage.provenance.line);
    let name = match speaker {
        Some(speaker) => format!("{speaker} {place}"),
        None => place,
    };
    let _ = writeln!(
        out,
        "      <PlainTextSelection guid=\"{}\" name=\"{}\" startPosition=\"{start}\" endPosition=\"{end}\" \
         creatingUser=\"{user}\" creationDateTime=\"{created}\">",
        guid(&format!("selection:{}", passage.id)),
        attr(&name)
    );
    let _ = writeln!(
        out,
        "        <Description>{}</Description>",
        text(&selection_description(passage, code_of))
    );
    for theme in &passage.themes {
        let Some(code) = code_of.get(theme.as_str()) else {
            continue;
        };
        let _ = writeln!(
            out,
            "        <Coding guid=\"{}\" creatingUser=\"{user}\" creationDateTime=\"{created}\">\n          \
             <CodeRef targetGUID=\"{}\"/>\n        </Coding>",
            guid(&format!("coding:{}/{theme}", passage.id)),
            code.guid
        );
    }
    out.push_str("      </PlainTextSelection>\n");
}

/// Round, session and date (or range of dates, for form answers) of a source.
fn source_description(document: &[&Passage]) -> String {
    let meta = &document[0].meta;
    let mut parts = vec![
        format!("Ronde {}", meta.round),
        format!("sesi {}", meta.session),
    ];
    let dates: BTreeSet<&str> = document
        .iter()
        .filter_map(|p| p.meta.date.as_deref())
        .filter(|d| !d.is_empty())
        .collect();
    match (dates.first(), dates.last()) {
        (Some(first), Some(last)) if first == last => parts.push(format!("tanggal {first}")),
        (Some(first), Some(last)) => parts.push(format!("tanggal {first} s.d. {last}")),
        _ => {}
    }
    parts.join(", ")
}

/// Timestamp, themes and the words that gave each theme.
fn selection_description(passage: &Passage, code_of: &HashMap<&str, &Code>) -> String {
    let mut parts = Vec::new();
    if let Some(timestamp) = passage.provenance.timestamp.as_deref() {
        parts.push(format!("[{timestamp}]"));
    }
    let mut themes = Vec::new();
    for theme in &passage.themes {
        let label = code_of
            .get(theme.as_str())
            .map_or(theme.as_str(), |c| &c.name);
        let mut words: Vec<&str> = Vec::new();
        for evidence in passage.evidence.iter().filter(|e| &e.theme == theme) {
            if !words.contains(&evidence.surface.as_str()) {
                words.push(&evidence.surface);
            }
        }
        if words.is_empty() {
            themes.push(label.to_string());
        } else {
            themes.push(format!("{label} ({})", words.join(", ")));
        }
    }
    parts.push(format!("Tema: {}", themes.join("; ")));
    parts.join(" ")
}

/// A GUID from a stable key: the first 128 bits of its BLAKE3 hash, laid out as an RFC 4122
/// UUID with the variant bits set and version 8 ("custom", RFC 9562), lower-case hex.
fn guid(key: &str) -> String {
    let mut hasher = blake3::Hasher::new();
    hasher.update(b"aspirasi REFI-QDA guid\0");
    hasher.update(key.as_bytes());
    let hash = hasher.finalize();
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&hash.as_bytes()[..16]);
    bytes[6] = (bytes[6] & 0x0f) | 0x80;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// Whether XML 1.0 allows the character at all.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// `value` escaped for an attribute between double quotes (white space kept as character
/// references, which attribute normalisation would otherwise turn into spaces).
fn attr(value: &str) -> String {
    escape(value, true)
}

/// `value` escaped for element content.
fn text(value: &str) -> String {
    escape(value, false)
}

fn escape(value: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\r' => out.push_str("&#13;"),
            '\t' | '\n' if attribute => {
                let _ = write!(out, "&#{};", c as u32);
            }
            c if is_xml_char(c) => out.push(c),
            _ => out.push('\u{FFFD}'),
        }
    }
    out
}

/// Seconds since 1970 as (year, month, day, hour, minute, second) in UTC.
fn civil_time(time: SystemTime) -> (i64, u32, u32, u32, u32, u32) {
    let seconds = time
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let days = seconds.div_euclid(86_400);
    let of_day = seconds.rem_euclid(86_400);
    // Days since 1970-01-01 to a proleptic Gregorian date, counting in 400-year eras that
    // start on 1 March (so the leap day is the last day of a year).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * month_from_march + 2) / 5 + 1) as u32;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (
        year,
        month,
        day,
        (of_day / 3_600) as u32,
        (of_day % 3_600 / 60) as u32,
        (of_day % 60) as u32,
    )
}

/// The time as `xsd:dateTime` in UTC, e.g. `2024-01-29T08:30:00Z`.
fn xsd_date_time(time: SystemTime) -> String {
    let (year, month, day, hour, minute, second) = civil_time(time);
    format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}Z")
}

/// The time for the zip entries (the zip format starts in 1980).
fn zip_time(time: SystemTime) -> zip::DateTime {
    let (year, month, day, hour, minute, second) = civil_time(time);
    u16::try_from(year)
        .ok()
        .and_then(|year| {
            zip::DateTime::from_date_and_time(
                year,
                month as u8,
                day as u8,
                hour as u8,
                minute as u8,
                second as u8,
            )
            .ok()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::passage::{Evidence, Metadata, Provenance};
    use std::time::Duration;

    fn at(seconds: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(seconds)
    }

    #[test]
    fn dates_are_utc_xsd_date_times() {
        assert_eq!(xsd_date_time(at(0)), "1970-01-01T00:00:00Z");
        assert_eq!(xsd_date_time(at(951_782_400)), "2000-02-29T00:00:00Z");
        assert_eq!(xsd_date_time(at(1_706_517_045)), "2024-01-29T08:30:45Z");
        assert_eq!(xsd_date_time(at(4_107_542_399)), "2100-02-28T23:59:59Z");
        assert_eq!(xsd_date_time(at(4_107_542_400)), "2100-03-01T00:00:00Z");
    }

    #[test]
    fn guids_are_stable_and_look_like_uuids() {
        let a = guid("code:lansia");
        assert_eq!(a, guid("code:lansia"));
        assert_ne!(a, guid("code:anak"));
        let groups: Vec<&str> = a.split('-').collect();
        assert_eq!(
            groups.iter().map(|g| g.len()).collect::<Vec<_>>(),
            [8, 4, 4, 4, 12]
        );
        assert!(a
            .chars()
            .all(|c| c == '-' || c.is_ascii_digit() || ('a'..='f').contains(&c)));
        assert!(groups[2].starts_with('8'));
        assert!(matches!(groups[3].as_bytes()[0], b'8' | b'9' | b'a' | b'b'));
    }

    #[test]
    fn escaping_covers_markup_quotes_and_bad_characters() {
        assert_eq!(
            attr("a&b<c>\"d\" 'e'\n\tf\r"),
            "a&amp;b&lt;c&gt;&quot;d&quot; &apos;e&apos;&#10;&#9;f&#13;"
        );
        assert_eq!(text("x\ny\u{0}z\u{FFFE}"), "x\ny\u{FFFD}z\u{FFFD}");
        assert_eq!(text("ü 😀"), "ü 😀");
    }

    fn passage(doc: &str, seq: u64, text: &str, speaker: Option<&str>, themes: &[&str]) -> Passage {
        Passage {
            id: format!("{doc}-{seq}"),
            doc_id: doc.into(),
            seq,
            text: text.into(),
            meta: Metadata {
                round: "r".into(),
                session: "s".into(),
                date: Some("2024-01-29".into()),
                speaker: speaker.map(Into::into),
                organisation: Some("Dinas <Sosial> & \"Kawan\"".into()),
                stakeholder: "internal".into(),
                region: None,
                district: None,
            },
            provenance: Provenance {
                file: format!("{doc}.txt"),
                line: seq + 1,
                row: None,
                byte_start: 0,
                byte_end: 0,
                timestamp: None,
            },
            themes: themes.iter().map(|t| t.to_string()).collect(),
            evidence: themes
                .iter()
                .map(|t| Evidence {
                    theme: t.to_string(),
                    term: "x".into(),
                    kind: "analysed".into(),
                    weight: 1.0,
                    char_start: 0,
                    char_end: 1,
                    surface: "kata".into(),
                })
                .collect(),
        }
    }

    #[test]
    fn positions_count_code_points_and_unknown_themes_get_a_code() {
        let passages = vec![
            passage(
                "d",
                1,
                "Kedua 😀 tema",
                Some("Ani"),
                &["lansia", "tema_lama"],
            ),
            passage("d", 0, "Pertama ü", None, &[]),
            passage("e", 0, "Lain", Some("Ani"), &["anak"]),
        ];
        let project = build_project(&passages, &LexiconSet::embedded(), "uji", at(0));
        assert_eq!(
            project.summary,
            ExportSummary {
                sources: 2,
                cases: 1,
                codes: 15,
                selections: 2
            }
        );
        assert_eq!(project.sources[0].text, "Pertama ü\n\nKedua 😀 tema\n\n");
        assert!(project
            .qde
            .contains("startPosition=\"11\" endPosition=\"23\""));
        assert!(project.qde.contains("name=\"tema_lama\""));
        assert!(project
            .qde
            .contains("<TextValue>Dinas &lt;Sosial&gt; &amp; &quot;Kawan&quot;</TextValue>"));
        assert_eq!(project.qde.matches("<SourceRef ").count(), 2);
    }

    #[test]
    fn an_empty_index_is_still_a_project_and_an_empty_codebook_is_refused() {
        let project = build_project(&[], &LexiconSet::empty(), "kosong", at(0));
        assert_eq!(project.summary, ExportSummary::default());
        assert!(!project.qde.contains("<Sources>"));
        assert!(!project.qde.contains("<CodeBook>"));
        let dir = tempfile::tempdir().unwrap();
        let error = write_qdc(&LexiconSet::empty(), &dir.path().join("x.qdc")).unwrap_err();
        assert!(matches!(error, Error::Usage(_)));
    }
}
