//! The local web app (`aspirasi serve`): the round's dashboard, search, theme pages and
//! exports in the browser, in Bahasa Indonesia (English with `?lang=en`), plus a small JSON
//! API for analysts' scripts. It only reads the index and calls the library's search, report,
//! kwic and export functions; it adds no analysis of its own.
//!
//! The pieces, one job each:
//!
//! - [`server`]: binding (loopback unless a token is set), the router, request limits;
//! - [`auth`]: the access token (query parameter once, then a cookie, or a bearer header);
//! - [`params`]: reading and checking query strings, with messages in Bahasa Indonesia;
//! - [`error`]: what a failed request answers (4xx with a message, never a panic);
//! - [`layout`]: the page frame, language, links and shared bits of markup (maud escapes
//!   every piece of text it is given);
//! - [`pages`]: Beranda, Cari, a passage in its document, Tema, Ekspor;
//! - [`api`]: the JSON API and its documentation page;
//! - [`export`]: the current view as CSV, XLSX, the HTML report or REFI-QDA;
//! - [`cache`]: the dashboard's counts, computed once per index commit;
//! - [`assets`]: the stylesheet, built into the binary (no network at run time).
//!
//! Pages are rendered on the server and use plain links and GET forms: everything works
//! without JavaScript, and the app ships none.

pub mod api;
pub mod assets;
pub mod auth;
pub mod cache;
pub mod error;
pub mod export;
pub mod layout;
pub mod pages;
pub mod params;
pub mod server;

use std::sync::Arc;

use crate::analyse::Analyzer;
use crate::classify::LexiconSet;
use crate::index::PassageIndex;

pub use server::{bind, serve, ServeOptions, Server};

/// What every request handler shares: the open index, the lexicons, the cached counts.
pub struct AppState {
    pub index: PassageIndex,
    pub lexicons: LexiconSet,
    pub analyzer: Analyzer,
    pub token: Option<String>,
    pub cache: cache::Cache,
    /// Bounds how many requests read the index at once; the rest wait their turn.
    pub workers: tokio::sync::Semaphore,
}

/// The shared state as handlers receive it.
pub type State = Arc<AppState>;
