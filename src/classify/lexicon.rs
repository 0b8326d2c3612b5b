//! Theme lexicons: one TOML file per theme in `lexicons/`, with an id, labels in Bahasa
//! Indonesia and English, a version, a threshold and the terms (a term of several words is a
//! phrase). The shipped set is embedded in the binary; `--lexicons DIR` loads another set.
//! See `lexicons/README.md` for the format as curators use it.

use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

use super::model::ThemeModel;

/// The theme model trained beside the shipped lexicons (empty until one is trained).
const EMBEDDED_MODEL: &str = include_str!("../../lexicons/model.tsv");
/// File name of a theme model in a lexicon folder.
pub const MODEL_FILE: &str = "model.tsv";

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

/// How an entry's pattern is matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum EntryKind {
    /// Analysed like the passage (normalised, stemmed): `pemberdayaan` matches `berdaya`.
    /// Several words make a phrase; `...` between words allows up to three words between.
    #[default]
    #[serde(alias = "word", alias = "phrase")]
    Analysed,
    /// The words exactly as written (case-sensitive when the pattern has capitals):
    /// acronyms such as `PKH`, `KAT`, and forms the stemmer would widen (`dirumahkan`).
    Exact,
    /// Words that start with the pattern (lower case), e.g. `disabilit` for `disabilitas`.
    Prefix,
    /// A regular expression over the passage text (case-insensitive, whole words only).
    /// Opt-in: use only when no other kind can say it.
    Regex,
}

impl EntryKind {
    pub fn name(self) -> &'static str {
        match self {
            EntryKind::Analysed => "analysed",
            EntryKind::Exact => "exact",
            EntryKind::Prefix => "prefix",
            EntryKind::Regex => "regex",
        }
    }
}

/// One `[[entry]]` of a lexicon.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub pattern: String,
    #[serde(default)]
    pub kind: EntryKind,
    /// What one match adds to the theme's score (default 1).
    #[serde(default = "default_weight")]
    pub weight: f64,
    /// Why the entry is there, for curators.
    #[serde(default)]
    pub note: Option<String>,
}

fn default_weight() -> f64 {
    1.0
}

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
    /// Score a passage needs to get the theme (sum of the weights of its matches).
    #[serde(default = "default_threshold")]
    pub threshold: f64,
    /// Shorthand for analysed entries of weight 1.
    #[serde(default)]
    pub terms: Vec<String>,
    /// Entries with a kind, weight or note.
    #[serde(default, rename = "entry")]
    pub entries: Vec<Entry>,
    /// Contexts that veto an overlapping match of this theme (analysed patterns, `...`
    /// allowed): `iklim investasi` for perubahan_iklim, `anak buah` for anak.
    #[serde(default)]
    pub exclude: Vec<String>,
}

fn default_threshold() -> f64 {
    1.0
}

impl Lexicon {
    /// Every entry, the `terms` shorthand included, in file order (terms first).
    pub fn all_entries(&self) -> Vec<Entry> {
        self.terms
            .iter()
            .map(|term| Entry {
                pattern: term.clone(),
                kind: EntryKind::Analysed,
                weight: 1.0,
                note: None,
            })
            .chain(self.entries.iter().cloned())
            .collect()
    }
}

/// The lexicons in use, in theme order.
#[derive(Debug, Clone)]
pub struct LexiconSet {
    lexicons: Vec<Lexicon>,
    lexicon_fingerprint: String,
    fingerprint: String,
    model: Option<Arc<ThemeModel>>,
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
        let set = LexiconSet::new(lexicons);
        if EMBEDDED_MODEL.trim().is_empty() {
            return set;
        }
        let model = ThemeModel::parse(EMBEDDED_MODEL, Path::new("lexicons/model.tsv"))
            .unwrap_or_else(|e| panic!("shipped theme model is invalid: {e}"));
        set.with_model(model)
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
        let set = LexiconSet::new(lexicons);
        let model_path = dir.join(MODEL_FILE);
        if !model_path.exists() {
            return Ok(set);
        }
        let text = std::fs::read_to_string(&model_path).map_err(|e| Error::io(&model_path, e))?;
        if text.trim().is_empty() {
            return Ok(set);
        }
        Ok(set.with_model(ThemeModel::parse(&text, &model_path)?))
    }

    /// The same lexicons deciding with `model` (ignored unless its themes are this set's
    /// themes, in order).
    pub fn with_model(mut self, model: ThemeModel) -> LexiconSet {
        let ids: Vec<&str> = self.lexicons.iter().map(|l| l.id.as_str()).collect();
        if model.themes.iter().map(String::as_str).eq(ids) {
            let hash = blake3::hash(model.to_tsv().as_bytes()).to_hex();
            self.fingerprint = format!("{}+model-{}", self.lexicon_fingerprint, &hash[..12]);
            self.model = Some(Arc::new(model));
        }
        self
    }

    /// The same lexicons deciding by their thresholds alone.
    pub fn without_model(mut self) -> LexiconSet {
        self.model = None;
        self.fingerprint = self.lexicon_fingerprint.clone();
        self
    }

    /// The theme model, when one decides with the lexicons.
    pub fn model(&self) -> Option<&ThemeModel> {
        self.model.as_deref()
    }

    /// A set from lexicons already loaded (tests, tools).
    pub fn from_lexicons(lexicons: Vec<Lexicon>) -> LexiconSet {
        LexiconSet::new(lexicons)
    }

    fn new(lexicons: Vec<Lexicon>) -> LexiconSet {
        let mut hasher = blake3::Hasher::new();
        for lexicon in &lexicons {
            hasher.update(lexicon.id.as_bytes());
            hasher.update(lexicon.version.as_bytes());
            hasher.update(&lexicon.threshold.to_le_bytes());
            for entry in lexicon.all_entries() {
                hasher.update(entry.kind.name().as_bytes());
                hasher.update(entry.pattern.as_bytes());
                hasher.update(&entry.weight.to_le_bytes());
                hasher.update(b"\n");
            }
            for exclusion in &lexicon.exclude {
                hasher.update(b"!");
                hasher.update(exclusion.as_bytes());
                hasher.update(b"\n");
            }
        }
        let fingerprint = hasher.finalize().to_hex()[..12].to_string();
        LexiconSet {
            lexicon_fingerprint: fingerprint.clone(),
            fingerprint,
            lexicons,
            model: None,
        }
    }

    pub fn lexicons(&self) -> &[Lexicon] {
        &self.lexicons
    }

    pub fn get(&self, id: &str) -> Option<&Lexicon> {
        self.lexicons.iter().find(|l| l.id == id)
    }

    /// Content hash of the lexicons (what a theme model records it was trained with).
    pub fn lexicon_fingerprint(&self) -> &str {
        &self.lexicon_fingerprint
    }

    /// Content hash of what decides themes, lexicons and model: a change re-classifies on
    /// the next ingest.
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
    if lexicon.threshold.is_nan() || lexicon.threshold <= 0.0 {
        return Err(Error::Config {
            path: path.to_path_buf(),
            message: "threshold must be above 0".into(),
        });
    }
    if let Some(entry) = lexicon
        .entries
        .iter()
        .find(|e| e.weight.is_nan() || e.weight <= 0.0)
    {
        return Err(Error::Config {
            path: path.to_path_buf(),
            message: format!("entry {:?}: weight must be above 0", entry.pattern),
        });
    }
    for entry in lexicon
        .entries
        .iter()
        .filter(|e| e.kind == EntryKind::Regex)
    {
        if let Err(e) = regex::Regex::new(&entry.pattern) {
            return Err(Error::Config {
                path: path.to_path_buf(),
                message: format!(
                    "entry {:?}: not a valid regular expression: {e}",
                    entry.pattern
                ),
            });
        }
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
            assert!(
                lexicon.all_entries().len() >= 20,
                "{} has few entries",
                lexicon.id
            );
            assert!(!lexicon.label.is_empty() && !lexicon.label_en.is_empty());
        }
    }

    #[test]
    fn entries_have_kinds_weights_and_exclusions() {
        let text = r#"
            id = "x"
            version = "1"
            label = "X"
            label_en = "X"
            description = ""
            description_en = ""
            threshold = 1.5
            terms = ["lansia"]
            exclude = ["anak buah"]
            [[entry]]
            pattern = "PKH"
            kind = "exact"
            weight = 2
            [[entry]]
            pattern = "bantuan ... tepat sasaran"
        "#;
        let lexicon = parse(text, Path::new("x.toml")).unwrap();
        let entries = lexicon.all_entries();
        assert_eq!(entries.len(), 3);
        assert_eq!(entries[1].kind, EntryKind::Exact);
        assert_eq!(entries[1].weight, 2.0);
        assert_eq!(entries[2].kind, EntryKind::Analysed);
        let bad_regex = text.replace("kind = \"exact\"", "kind = \"regex\"\npattern2 = 1");
        assert!(parse(&bad_regex, Path::new("x.toml")).is_err());
        let bad = text.replace(
            "pattern = \"PKH\"\n            kind = \"exact\"",
            "pattern = \"(\"\n            kind = \"regex\"",
        );
        let err = parse(&bad, Path::new("x.toml")).unwrap_err();
        assert!(err.to_string().contains("regular expression"), "{err}");
    }

    #[test]
    fn a_bad_lexicon_names_its_file() {
        let err = parse("id = 'x'\n", Path::new("lexicons/x.toml")).unwrap_err();
        assert!(err.to_string().starts_with("lexicons/x.toml"), "{err}");
    }
}
