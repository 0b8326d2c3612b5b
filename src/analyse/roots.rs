//! The root-word dictionary the stemmer stops at: `lang/id/roots.txt` (Debian's hunspell-id
//! stems, cleaned, LGPL, plus our additions; see `lang/id/SOURCES.md`), embedded in the binary.

use rustc_hash::FxHashSet;

const EMBEDDED: &str = include_str!("../../lang/id/roots.txt");

/// A set of lower-case Indonesian roots.
#[derive(Debug, Clone, Default)]
pub struct RootDictionary {
    roots: FxHashSet<Box<str>>,
    fingerprint: String,
}

impl RootDictionary {
    /// The shipped dictionary.
    pub fn embedded() -> RootDictionary {
        RootDictionary::parse(EMBEDDED)
    }

    /// One root a line; `#` comments and blank lines ignored.
    pub fn parse(text: &str) -> RootDictionary {
        let roots: FxHashSet<Box<str>> = text
            .lines()
            .map(|line| line.split('#').next().unwrap_or("").trim())
            .filter(|root| !root.is_empty())
            .map(|root| root.to_lowercase().into_boxed_str())
            .collect();
        let mut sorted: Vec<&str> = roots.iter().map(|r| &**r).collect();
        sorted.sort_unstable();
        let fingerprint = blake3::hash(sorted.join("\n").as_bytes()).to_hex()[..12].to_string();
        RootDictionary { roots, fingerprint }
    }

    pub fn contains(&self, word: &str) -> bool {
        self.roots.contains(word)
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
