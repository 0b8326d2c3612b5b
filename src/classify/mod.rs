//! Classification: which strategic-issue themes a passage speaks to, and the evidence.
//!
//! - [`lexicon`] loads the curated, versioned theme lexicons (`lexicons/*.toml`).
//! - [`model`] is the statistical theme model trained on coded passages, deciding with the
//!   lexicons.
//! - [`matcher`] matches their terms against a passage through the same [`Analyzer`] that
//!   indexes and queries, so a lexicon term and a passage word meet as the same index term.
//!
//! [`Analyzer`]: crate::analyse::Analyzer

pub mod check;
pub mod eval;
pub mod lexicon;
pub mod liwc;
pub mod matcher;
pub mod model;
pub mod suggest;
pub mod train;

pub use lexicon::{Entry, EntryKind, Lexicon, LexiconSet, THEME_IDS};
pub use matcher::Classifier;
