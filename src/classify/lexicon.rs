//! Theme lexicons: one TOML file per theme in `lexicons/`, with an id, labels in Bahasa
//! Indonesia and English, a version, a threshold and the terms (a term of several words is a
//! phrase). The shipped set is embedded in the binary; `--lexicons DIR` loads another set.
//! See `lexicons/README.md` for the format as curators use it.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The fourteen strategic-issue themes, in report order.
pub const THEME_IDS: [&str; 14] = [
    "kemiskinan_pemberdayaan",
    "lansia",
    "perubahan_iklim",
    "lingkungan_inklusif",
    "pembangunan_berkelanjutan",
    "perlindungan_sosial",
    "data_sasaran",
    "anak",
    "bencana",
    "rehabilitasi_sosial",
    "kesehatan_gizi",
    "pendidikan",
    "ketenagakerjaan",
    "tata_kelola",
];

macro_rules! embedded_lexicons {
    ($($id:literal),* $(,)?) => {
        &[$(($id, include_str!(concat!("../../lexicons/", $id, ".toml")))),*]
    };
}

const EMBEDDED: &[(&str, &str)] = embedded_lexicons!(
    "kemiskinan_pemberdayaan",
    "lansia",
    "perubahan_iklim",
    "lingkungan_inklusif",
    "pembangunan_berkelanjutan",
    "perlindungan_sosial",
    "data_sasaran",
    "anak",
    "bencana",
    "rehabilitasi_sosial",
    "kesehatan_gizi",
    "pendidikan",
    "ketenagakerjaan",
    "tata_kelola",
);

/// One theme's lexicon.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lexicon {
    pub id: String,
    pub version: String,
    /// Label in Bahasa Indonesia (what planners read).
    pub label: String,
    pub label_en: String,
    pub description: String,
    pub description_en: String,
    /// How many term matches a passage needs to get the theme.
    #[serde(default = "default_threshold")]
    pub threshold: u32,
    pub terms: Vec<String>,
}

fn default_threshold() -> u32 {
    1
}

/// The lexicons in use, in theme order.
#[derive(Debug, Clone)]
pub struct LexiconSet {
    lexicons: Vec<Lexicon>,
    fingerprint: String,
}

impl LexiconSet {
    /// The lexicons shipped in `lexicons/`, embedded at build time.
    pub fn embedded() -> LexiconSet {
        let lexicons = EMBEDDED
            .iter()
            .map(|(id, text)| {
                parse(text, Path::new(&format!("lexicons/{id}.toml")))
                    .unwrap_or_else(|e| panic!("shipped lexicon is invalid: {e}"))
            })
            .collect();
        LexiconSet::new(lexicons)
    }

    /// No themes at all (for measuring the pipeline without classification).
    pub fn empty() -> LexiconSet {
        LexiconSet::new(Vec::new())
    }

    /// Every `*.toml` file in `dir`, each checked; the file name must be the theme id.
    pub fn load_dir(dir: &Path) -> Result<LexiconSet> {
        let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
        let mut paths: Vec<_> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|ext| ext == "toml"))
            .collect();
        paths.sort();
        if paths.is_empty() {
            return Err(Error::Config {
                path: dir.to_path_buf(),
                message: "no lexicon files (*.toml) in this folder".into(),
            });
        }
        let mut lexicons = Vec::new();
        for path in paths {
            let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
            let lexicon = parse(&text, &path)?;
            let stem = path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_default();
            if stem != lexicon.id {
                return Err(Error::Config {
                    path: path.clone(),
                    message: format!("the file name must be the theme id {:?}", lexicon.id),
                });
            }
            lexicons.push(lexicon);
        }
        lexicons.sort_by_key(|l| theme_order(&l.id));
        Ok(LexiconSet::new(lexicons))
    }

    fn new(lexicons: Vec<Lexicon>) -> LexiconSet {
        let mut hasher = blake3::Hasher::new();
        for lexicon in &lexicons {
            hasher.update(lexicon.id.as_bytes());
            hasher.update(lexicon.version.as_bytes());
            hasher.update(&lexicon.threshold.to_le_bytes());
            for term in &lexicon.terms {
                hasher.update(term.as_bytes());
                hasher.update(b"\n");
            }
        }
        LexiconSet {
            fingerprint: hasher.finalize().to_hex()[..12].to_string(),
            lexicons,
        }
    }

    pub fn lexicons(&self) -> &[Lexicon] {
        &self.lexicons
    }

    pub fn get(&self, id: &str) -> Option<&Lexicon> {
        self.lexicons.iter().find(|l| l.id == id)
    }

    /// Content hash of the whole set: a changed lexicon re-classifies on the next ingest.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }
}

/// Position of a theme id in [`THEME_IDS`] (unknown ids sort last).
pub fn theme_order(id: &str) -> usize {
    THEME_IDS
        .iter()
        .position(|t| *t == id)
        .unwrap_or(THEME_IDS.len())
}

fn parse(text: &str, path: &Path) -> Result<Lexicon> {
    let lexicon: Lexicon = toml::from_str(text).map_err(|e| Error::Config {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    let bad_id = lexicon.id.is_empty()
        || !lexicon
            .id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if bad_id {
        return Err(Error::Config {
            path: path.to_path_buf(),
            message: format!(
                "theme id {:?} must be lower case letters, digits and _",
                lexicon.id
            ),
        });
    }
    if lexicon.threshold == 0 {
        return Err(Error::Config {
            path: path.to_path_buf(),
            message: "threshold must be at least 1".into(),
        });
    }
    Ok(lexicon)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_set_has_the_fourteen_themes_in_order() {
        let set = LexiconSet::embedded();
        let ids: Vec<&str> = set.lexicons().iter().map(|l| l.id.as_str()).collect();
        assert_eq!(ids, THEME_IDS);
        for lexicon in set.lexicons() {
            assert!(lexicon.terms.len() >= 20, "{} has few terms", lexicon.id);
            assert!(!lexicon.label.is_empty() && !lexicon.label_en.is_empty());
        }
    }

    #[test]
    fn a_bad_lexicon_names_its_file() {
        let err = parse("id = 'x'\n", Path::new("lexicons/x.toml")).unwrap_err();
        assert!(err.to_string().starts_with("lexicons/x.toml"), "{err}");
    }
}
