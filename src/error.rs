//! The library's error type: every failure names what it is about (a file, a row, a lexicon,
//! the index directory) so the command line can print it without a backtrace.

use std::path::PathBuf;

/// Errors raised by the aspirasi library.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read at all.
    #[error("{path}: cannot read: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A file or folder could not be written.
    #[error("{path}: cannot write: {source}")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A file was read but its content is not what its format requires.
    #[error("{path}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
    BadInput {
        path: PathBuf,
        /// 1-based line (or CSV row) the problem is on, when there is one.
        line: Option<u64>,
        message: String,
    },
    /// A manifest or lexicon TOML file is malformed.
    #[error("{path}: {message}")]
    Config { path: PathBuf, message: String },
    /// The search index could not be opened, written or read.
    #[error("index {path}: {source}")]
    Index {
        path: PathBuf,
        #[source]
        source: tantivy::TantivyError,
    },
    /// A query the user typed could not be understood.
    #[error("cannot understand the query {query:?}: {message}")]
    Query { query: String, message: String },
    /// A request that makes no sense (unknown dimension, format, theme ...).
    #[error("{0}")]
    Usage(String),
}

impl Error {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    pub(crate) fn write(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Write {
            path: path.into(),
            source,
        }
    }

    pub(crate) fn bad_input(
        path: impl Into<PathBuf>,
        line: Option<u64>,
        message: impl Into<String>,
    ) -> Self {
        Error::BadInput {
            path: path.into(),
            line,
            message: message.into(),
        }
    }

    pub(crate) fn index(path: impl Into<PathBuf>, source: tantivy::TantivyError) -> Self {
        Error::Index {
            path: path.into(),
            source,
        }
    }
}

/// Result with the library's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
