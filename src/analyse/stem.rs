//! The stemmer interface. The analyser calls whatever [`Stemmer`] it was built with;
//! [`default_stemmer`] is the shipped one, the affix-aware [`EcsStemmer`].

use std::borrow::Cow;
use std::sync::Arc;

use super::ecs::EcsStemmer;

/// Reduces a lower-cased word to its index term.
pub trait Stemmer: Send + Sync {
    /// The root (or the word itself when nothing is stripped).
    fn stem<'a>(&self, word: &'a str) -> Cow<'a, str>;
    /// A short name that identifies the algorithm and its data version.
    fn name(&self) -> &str;
}

/// Leaves every word as it is (for comparisons and tests).
#[derive(Debug, Clone, Copy, Default)]
pub struct IdentityStemmer;

impl Stemmer for IdentityStemmer {
    fn stem<'a>(&self, word: &'a str) -> Cow<'a, str> {
        Cow::Borrowed(word)
    }

    fn name(&self) -> &str {
        "identity-1"
    }
}

/// The stemmer the shipped analyser uses.
pub fn default_stemmer() -> Arc<dyn Stemmer> {
    Arc::new(EcsStemmer::in_use())
}
