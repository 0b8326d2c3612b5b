//! Spelling normalisation before stemming: informal and abbreviated forms to standard ones
//! (`yg` -> `yang`, `gak` -> `tidak`, `ngurusin` -> `mengurus`, `kerjasama` -> `kerja sama`),
//! from the data file `lang/id/normalisation.txt`, and reduplication written with a digit
//! (`anak2` -> `anak`). Reduplication with a hyphen (`anak-anak`) spans two words and is
//! joined by the analyser.

use rustc_hash::FxHashMap;

const EMBEDDED: &str = include_str!("../../lang/id/normalisation.txt");

/// The informal-to-standard table.
#[derive(Debug, Clone, Default)]
pub struct Normaliser {
    table: FxHashMap<Box<str>, Box<[Box<str>]>>,
    fingerprint: String,
}

/// What a word normalises to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Normalised<'a> {
    /// One word (the word itself when nothing applies).
    One(&'a str),
    /// Several words (`dll` -> `dan lain lain`).
    Many(&'a [Box<str>]),
}

impl Normaliser {
    /// The shipped table.
    pub fn embedded() -> Normaliser {
        Normaliser::parse(EMBEDDED)
    }

    /// `informal<TAB>standard` lines; `#` comments and blank lines ignored.
    pub fn parse(text: &str) -> Normaliser {
        let mut table = FxHashMap::default();
        for line in text.lines() {
            if line.trim_start().starts_with('#') {
                continue;
            }
            let Some((informal, standard)) = line.split_once('\t') else {
                continue;
            };
            let words: Box<[Box<str>]> = standard
                .split_whitespace()
                .map(|w| w.to_lowercase().into_boxed_str())
                .collect();
            let informal = informal.trim().to_lowercase();
            if !informal.is_empty() && !words.is_empty() {
                table.insert(informal.into_boxed_str(), words);
            }
        }
        let fingerprint = blake3::hash(text.as_bytes()).to_hex()[..12].to_string();
        Normaliser { table, fingerprint }
    }

    /// No normalisation at all.
    pub fn none() -> Normaliser {
        Normaliser::parse("")
    }

    /// The standard form(s) of a lower-cased word.
    pub fn normalise<'a>(&'a self, word: &'a str) -> Normalised<'a> {
        let base = strip_digit_reduplication(word);
        match self.table.get(base) {
            Some(words) if words.len() == 1 => Normalised::One(&words[0]),
            Some(words) => Normalised::Many(words),
            None => Normalised::One(base),
        }
    }

    pub fn len(&self) -> usize {
        self.table.len()
    }

    pub fn is_empty(&self) -> bool {
        self.table.is_empty()
    }

    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }
}

/// `anak2` -> `anak`, `ibu2nya`? no: only a trailing 2 after three or more letters.
fn strip_digit_reduplication(word: &str) -> &str {
    match word.strip_suffix('2') {
        Some(base) if base.len() >= 3 && base.chars().all(char::is_alphabetic) => base,
        _ => word,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn informal_forms_and_digit_reduplication() {
        let normaliser = Normaliser::embedded();
        assert_eq!(normaliser.normalise("yg"), Normalised::One("yang"));
        assert_eq!(normaliser.normalise("gak"), Normalised::One("tidak"));
        assert_eq!(normaliser.normalise("anak2"), Normalised::One("anak"));
        assert_eq!(normaliser.normalise("pkh"), Normalised::One("pkh"));
        assert_eq!(normaliser.normalise("2024"), Normalised::One("2024"));
        match normaliser.normalise("kerjasama") {
            Normalised::Many(words) => assert_eq!(words.len(), 2),
            other => panic!("{other:?}"),
        }
    }
}
