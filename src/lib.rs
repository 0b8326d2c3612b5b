//! aspirasi: what people said in a consultation round, searchable and countable.
//!
//! The pipeline, one module per stage, with one [`Passage`] type travelling through:
//!
//! ```text
//! ingest  -> segment  -> analyse/classify -> index -> search / report
//! files      passages    themes + evidence    tantivy   hits, theme counts
//! ```
//!
//! - [`ingest`]: readers per input format (speaker-turn text, WebVTT, CSV form exports),
//!   manifests and metadata; produces speaker turns with provenance.
//! - [`segment`]: turns to passages of a sensible size, with stable ids.
//! - [`analyse`]: the Indonesian analyser (one for indexing, querying and lexicon matching).
//! - [`classify`]: theme lexicons and the matcher that assigns themes with evidence.
//! - [`index`]: the tantivy index on disk: schema, writing, reading passages back.
//! - [`search`] and [`report`]: what planners get out, read only from the index;
//!   [`export`]: the round for other QDA tools (REFI-QDA).
//! - [`pipeline`]: the ingest job that strings the stages together; [`demo`]: the shipped
//!   round; [`synth`]: a seeded generator of large rounds for benchmarks.
//! - [`web`]: the local web app (`aspirasi serve`): dashboard, search, theme pages, exports
//!   and a JSON API over the same library calls.

pub mod analyse;
pub mod classify;
pub mod demo;
pub mod error;
pub mod export;
pub mod index;
pub mod ingest;
pub mod passage;
pub mod pipeline;
pub mod progress;
pub mod report;
pub mod search;
pub mod segment;
pub mod synth;
pub mod web;

pub use error::{Error, Result};
pub use passage::Passage;
