//! The root-word dictionary the stemmer stops at: `lang/id/roots.txt` (Debian's hunspell-id
//! stems, cleaned, LGPL, plus our additions; see `lang/id/SOURCES.md`), embedded in the binary.
//!
//! Each root may carry a weight (`lang/id/root-weights.txt`, made by
//! `tools/make_root_weights.py`): how productive the root is, one more than the number of
//! affix classes hunspell-id allows it. When a word can be read as two different roots
//! (`berupa`: `upa` or `rupa`; `perawat`: `awat` or `rawat`), the stemmer prefers the more
//! productive one.

use rustc_hash::FxHashMap;

const EMBEDDED: &str = include_str!("../../lang/id/roots.txt");
const EMBEDDED_WEIGHTS: &str = include_str!("../../lang/id/root-weights.txt");

/// A set of lower-case Indonesian roots.
#[derive(Debug, Clone, Default)]
pub struct RootDictionary {
    roots: FxHashMap<Box<str>, u16>,
    fingerprint: String,
}

impl RootDictionary {
    /// The dictionary in use: the file named by the environment variable `ASPIRASI_ROOTS`
    /// when it is set (the root list is LGPL-3 data, and a user may replace it), else the
    /// shipped one. A file that cannot be read falls back to the shipped list with a warning.
    pub fn in_use() -> RootDictionary {
        match std::env::var_os("ASPIRASI_ROOTS") {
            Some(path) => match std::fs::read_to_string(&path) {
                Ok(text) => RootDictionary::parse(&text),
                Err(error) => {
                    eprintln!(
                        "aspirasi: warning: ASPIRASI_ROOTS={}: {error}; using the shipped root list",
                        std::path::Path::new(&path).display()
                    );
                    RootDictionary::embedded()
                }
            },
            None => RootDictionary::embedded(),
        }
    }

    /// The shipped dictionary with its weights.
    pub fn embedded() -> RootDictionary {
        let mut dictionary = RootDictionary::parse(EMBEDDED);
        dictionary.apply_weights(EMBEDDED_WEIGHTS);
        dictionary
    }

    /// Sets weights from `root<TAB>weight` lines (roots not in the dictionary are ignored).
    pub fn apply_weights(&mut self, text: &str) {
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let mut fields = line.split_whitespace();
            let (Some(root), Some(weight)) = (fields.next(), fields.next()) else {
                continue;
            };
            if let (Some(slot), Ok(weight)) = (self.roots.get_mut(root), weight.parse()) {
                *slot = weight;
            }
        }
        let combined = format!(
            "{}{}",
            self.fingerprint,
            blake3::hash(text.as_bytes()).to_hex()
        );
        self.fingerprint = blake3::hash(combined.as_bytes()).to_hex()[..12].to_string();
    }

    /// One root a line, optionally followed by its weight; `#` comments and blank lines
    /// ignored. A root without a weight weighs 1.
    pub fn parse(text: &str) -> RootDictionary {
        let mut roots: FxHashMap<Box<str>, u16> = FxHashMap::default();
        for line in text.lines() {
            let mut fields = line.split('#').next().unwrap_or("").split_whitespace();
            let Some(root) = fields.next() else {
                continue;
            };
            let weight = fields.next().and_then(|w| w.parse().ok()).unwrap_or(1);
            roots.insert(root.to_lowercase().into_boxed_str(), weight);
        }
        let fingerprint = blake3::hash(text.as_bytes()).to_hex()[..12].to_string();
        RootDictionary { roots, fingerprint }
    }

    pub fn contains(&self, word: &str) -> bool {
        self.roots.contains_key(word)
    }

    /// How productive a root is (0 for a word that is no root).
    pub fn weight(&self, word: &str) -> u16 {
        self.roots.get(word).copied().unwrap_or(0)
    }

    pub fn len(&self) -> usize {
        self.roots.len()
    }

    pub fn is_empty(&self) -> bool {
        self.roots.is_empty()
    }

    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }
}
