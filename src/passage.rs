//! The one record that travels through the pipeline: a passage of what somebody said or wrote,
//! with its metadata and where it came from. Readers fill the text and provenance, the segmenter
//! cuts it, the classifier adds themes and evidence, the index stores it, reports count it.

use serde::{Deserialize, Serialize};

/// Where a passage sits in its source file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    /// The source file, as given on the command line or relative to its manifest.
    pub file: String,
    /// 1-based line where the passage starts (for CSV: the line where its row starts).
    pub line: u64,
    /// 1-based CSV record number (header excluded), for form exports.
    pub row: Option<u64>,
    /// Byte range of the passage in the file (for a form answer whose text could not be
    /// located verbatim: the whole row).
    pub byte_start: u64,
    pub byte_end: u64,
    /// Recording timestamp (`00:12:31`) or form submission time, where the source has one.
    pub timestamp: Option<String>,
}

/// Who said it, in which round and session, on behalf of whom, from where.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Metadata {
    /// Consultation round id, e.g. `renstra-2025-2029`.
    pub round: String,
    /// Session id within the round, e.g. `internal`, `akademisi`.
    pub session: String,
    /// Date of the session or submission, `YYYY-MM-DD`.
    pub date: Option<String>,
    pub speaker: Option<String>,
    pub organisation: Option<String>,
    /// Stakeholder group id, e.g. `pemerintah_daerah`.
    pub stakeholder: String,
    /// Province, in its canonical name (`Jawa Timur`).
    pub region: Option<String>,
    /// Regency or city, as given.
    pub district: Option<String>,
}

impl Metadata {
    /// Who said it, as a planner reads it: `Nama (Instansi)`, or `tanpa nama` without a name.
    pub fn who(&self) -> String {
        match (&self.speaker, &self.organisation) {
            (Some(s), Some(o)) => format!("{s} ({o})"),
            (Some(s), None) => s.clone(),
            (None, Some(o)) => format!("tanpa nama ({o})"),
            (None, None) => "tanpa nama".to_string(),
        }
    }
}

/// One theme pattern that matched inside a passage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    pub theme: String,
    /// The lexicon entry's pattern as written in the lexicon.
    pub term: String,
    /// The entry's kind (`analysed`, `exact`, `prefix`, `regex`).
    #[serde(default)]
    pub kind: String,
    /// What the match added to the theme's score.
    #[serde(default = "one")]
    pub weight: f64,
    /// Character (Unicode scalar) offsets of the match in the passage text.
    pub char_start: usize,
    pub char_end: usize,
    /// The matched text as it stands in the passage.
    pub surface: String,
}

fn one() -> f64 {
    1.0
}

/// A passage: the unit that is indexed, classified, searched and counted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Passage {
    /// Stable id: the document id and the passage's sequence number in it.
    pub id: String,
    /// Stable id of the source document (round + source path).
    pub doc_id: String,
    /// Position of the passage in its document, from 0.
    pub seq: u64,
    pub text: String,
    pub meta: Metadata,
    pub provenance: Provenance,
    /// Theme ids, sorted.
    pub themes: Vec<String>,
    pub evidence: Vec<Evidence>,
}
