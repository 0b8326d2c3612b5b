//! The round manifest (`manifest.toml` beside the files): which round, session, date and
//! stakeholder group each file belongs to, how a form export's columns map to fields, and who
//! the speakers are. Every key is optional except the round id; a folder without a manifest
//! ingests with [`Manifest::default_for`].

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// File names looked for in a folder, in this order.
pub const MANIFEST_NAMES: &[&str] = &["manifest.toml", "aspirasi.toml"];

/// Stakeholder group used when nothing says which group a speaker belongs to.
pub const UNKNOWN_STAKEHOLDER: &str = "tidak_diketahui";

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub round: Round,
    #[serde(default, rename = "files")]
    pub files: Vec<FileSpec>,
    #[serde(default)]
    pub speakers: BTreeMap<String, SpeakerInfo>,
    /// How speaker turns are recognised (built-in heads when absent).
    #[serde(default)]
    pub turns: Option<TurnRules>,
}

/// The manifest's `[turns]` table: a bureau's own turn heads.
///
/// ```toml
/// [turns]
/// roles = ["Fasilitator", "Perwakilan Desa"]        # more role labels; a number may follow
/// patterns = ['(?P<name>[A-Z][\w. ]+) >> ']         # regexes at the start of a line
/// builtin = true                                     # keep the built-in heads too
/// ```
///
/// A pattern needs a `name` group and may have `org` and `time` groups; the spoken text starts
/// where the match ends. Lines matching a pattern always start a turn.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct TurnRules {
    #[serde(default)]
    pub roles: Vec<String>,
    #[serde(default)]
    pub patterns: Vec<String>,
    #[serde(default = "yes")]
    pub builtin: bool,
}

fn yes() -> bool {
    true
}

/// The consultation round and the defaults for its files.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Round {
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub session: Option<String>,
    #[serde(default)]
    pub stakeholder: Option<String>,
    #[serde(default)]
    pub region: Option<String>,
}

/// How one file is read and what metadata its passages get.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FileSpec {
    /// Path relative to the manifest's folder.
    pub path: String,
    #[serde(default)]
    pub session: Option<String>,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub stakeholder: Option<String>,
    #[serde(default)]
    pub region: Option<String>,
    /// `transcript`, `markdown`, `vtt`, `srt`, `form` (CSV), `xlsx`, `jsonl`, `docx` or `pdf`;
    /// taken from the content and extension when absent.
    #[serde(default)]
    pub format: Option<String>,
    /// For workbooks: the sheet to read (default: the first).
    #[serde(default)]
    pub sheet: Option<String>,
    /// For form exports (CSV, XLSX) and JSON Lines: which column or field holds what.
    #[serde(default)]
    pub columns: Option<ColumnMap>,
}

/// Column names of a form export. Unset names are guessed from the header.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ColumnMap {
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub speaker: Option<String>,
    #[serde(default)]
    pub organisation: Option<String>,
    #[serde(default)]
    pub stakeholder: Option<String>,
    #[serde(default)]
    pub region: Option<String>,
    #[serde(default)]
    pub district: Option<String>,
    #[serde(default)]
    pub timestamp: Option<String>,
}

/// What is known about a named speaker.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SpeakerInfo {
    #[serde(default)]
    pub organisation: Option<String>,
    #[serde(default)]
    pub stakeholder: Option<String>,
    #[serde(default)]
    pub region: Option<String>,
}

impl Manifest {
    /// Reads and checks a manifest file.
    pub fn load(path: &Path) -> Result<Manifest> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Manifest::parse(&text, path)
    }

    /// Parses manifest text; `path` is only used in error messages.
    pub fn parse(text: &str, path: &Path) -> Result<Manifest> {
        let manifest: Manifest = toml::from_str(text).map_err(|e| Error::Config {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
        if manifest.round.id.trim().is_empty() {
            return Err(Error::Config {
                path: path.to_path_buf(),
                message: "[round] id must not be empty".into(),
            });
        }
        for pattern in manifest.turns.iter().flat_map(|t| &t.patterns) {
            if let Err(why) = crate::ingest::speakers::compile_pattern(pattern) {
                return Err(Error::Config {
                    path: path.to_path_buf(),
                    message: format!("[turns] pattern {pattern:?}: {why}"),
                });
            }
        }
        for spec in &manifest.files {
            if let Some(date) = &spec.date {
                if !is_iso_date(date) {
                    return Err(Error::Config {
                        path: path.to_path_buf(),
                        message: format!("file {:?}: date {date:?} is not YYYY-MM-DD", spec.path),
                    });
                }
            }
        }
        Ok(manifest)
    }

    /// Defaults for a folder that has no manifest: the folder's name is the round.
    pub fn default_for(folder: &Path) -> Manifest {
        let id = folder
            .file_name()
            .and_then(|name| name.to_str())
            .filter(|name| !name.is_empty() && *name != ".")
            .unwrap_or("tanpa-manifest")
            .to_string();
        Manifest {
            round: Round {
                id,
                ..Round::default()
            },
            ..Manifest::default()
        }
    }

    /// The spec for a file relative to the manifest's folder, if the manifest lists it.
    pub fn spec_for(&self, relative_path: &str) -> Option<&FileSpec> {
        self.files
            .iter()
            .find(|spec| normalise_relative(&spec.path) == normalise_relative(relative_path))
    }

    /// Looks a speaker up by name, ignoring case and spacing.
    pub fn speaker(&self, name: &str) -> Option<&SpeakerInfo> {
        self.speakers.get(name).or_else(|| {
            let wanted = fold_name(name);
            self.speakers
                .iter()
                .find(|(known, _)| fold_name(known) == wanted)
                .map(|(_, info)| info)
        })
    }
}

fn normalise_relative(path: &str) -> String {
    path.trim_start_matches("./").replace('\\', "/")
}

fn fold_name(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// `YYYY-MM-DD` with plausible month and day.
pub fn is_iso_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    if parts.len() != 3 || parts[0].len() != 4 || parts[1].len() != 2 || parts[2].len() != 2 {
        return false;
    }
    let numbers: Option<Vec<u32>> = parts.iter().map(|p| p.parse().ok()).collect();
    matches!(numbers.as_deref(), Some([_, 1..=12, 1..=31]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_round_with_files_columns_and_speakers() {
        let text = r#"
            [round]
            id = "r1"
            [[files]]
            path = "a.csv"
            session = "publik"
            date = "2024-02-01"
            [files.columns]
            text = "Masukan"
            [speakers."Sri Rahayu"]
            stakeholder = "internal"
        "#;
        let manifest = Manifest::parse(text, Path::new("m.toml")).unwrap();
        assert_eq!(manifest.round.id, "r1");
        let spec = manifest.spec_for("./a.csv").unwrap();
        assert_eq!(
            spec.columns.as_ref().unwrap().text.as_deref(),
            Some("Masukan")
        );
        assert_eq!(
            manifest
                .speaker("sri  rahayu")
                .unwrap()
                .stakeholder
                .as_deref(),
            Some("internal")
        );
    }

    #[test]
    fn rejects_bad_dates_and_unknown_keys_with_the_file_name() {
        let bad_date = "[round]\nid='r'\n[[files]]\npath='a'\ndate='1/2/2024'\n";
        let err = Manifest::parse(bad_date, Path::new("m.toml")).unwrap_err();
        assert!(err.to_string().contains("m.toml"), "{err}");
        assert!(err.to_string().contains("YYYY-MM-DD"), "{err}");
        let typo = "[round]\nid='r'\nsesion='x'\n";
        assert!(Manifest::parse(typo, Path::new("m.toml")).is_err());
    }
}
