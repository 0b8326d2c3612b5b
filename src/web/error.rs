//! What a failed request answers: a status and a message a person can act on, in Bahasa
//! Indonesia (English on pages asked for in English), as a page or, under `/api/`, as JSON
//! `{"error": ...}`. Malformed queries and parameters are the caller's mistake (4xx); only a
//! failure reading the index is the server's (500, logged to standard error).

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

use super::layout::{self, Lang};
use crate::error::Error;

/// Why a request failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WebError {
    /// The query or a parameter cannot be used (400); the message says why.
    BadRequest(String),
    /// No such page, theme or passage (404).
    NotFound(String),
    /// The access token is missing or wrong (401).
    Unauthorized,
    /// The request or the answer it asks for is too large (413).
    TooLarge(String),
    /// The answer took longer than the server allows (503).
    Timeout,
    /// Reading the index failed (500).
    Internal,
}

impl WebError {
    pub fn status(&self) -> StatusCode {
        match self {
            WebError::BadRequest(_) => StatusCode::BAD_REQUEST,
            WebError::NotFound(_) => StatusCode::NOT_FOUND,
            WebError::Unauthorized => StatusCode::UNAUTHORIZED,
            WebError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            WebError::Timeout => StatusCode::SERVICE_UNAVAILABLE,
            WebError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The message in Bahasa Indonesia.
    pub fn message(&self) -> String {
        match self {
            WebError::BadRequest(m) | WebError::NotFound(m) | WebError::TooLarge(m) => m.clone(),
            WebError::Unauthorized => "Perlu token akses: buka alamat dengan ?token=TOKEN atau \
                 kirim header Authorization: Bearer TOKEN."
                .into(),
            WebError::Timeout => {
                "Permintaan terlalu lama diproses; persempit pencarian lalu coba lagi.".into()
            }
            WebError::Internal => {
                "Terjadi galat saat membaca indeks; lihat keluaran server.".into()
            }
        }
    }

    /// The answer: JSON for the API, a page otherwise.
    pub fn respond(self, api: bool) -> Response {
        if api {
            ApiError(self).into_response()
        } else {
            PageError(self, Lang::Id).into_response()
        }
    }
}

/// Library errors: the user's query or request (400), or the index (500, logged).
impl From<Error> for WebError {
    fn from(error: Error) -> WebError {
        match error {
            Error::Query { query, message } => WebError::BadRequest(format!(
                "Kueri {query:?} tidak dapat dibaca: {}.",
                query_message(&message)
            )),
            Error::Usage(message) => {
                WebError::BadRequest(format!("Permintaan tidak dapat dipenuhi: {message}"))
            }
            other => {
                eprintln!("aspirasi serve: {other}");
                WebError::Internal
            }
        }
    }
}

/// The query parser's messages in Bahasa Indonesia (the library speaks English to the CLI).
fn query_message(message: &str) -> String {
    const KNOWN: &[(&str, &str)] = &[
        ("a range is written", "rentang ditulis [dari TO sampai]"),
        (
            "fuzzy distance is 1 or 2",
            "salah ketik yang dicari hanya ~1 atau ~2",
        ),
        (
            "a closing parenthesis has no opening one",
            "ada kurung tutup tanpa kurung buka",
        ),
        (
            "an opening parenthesis is not closed",
            "kurung buka belum ditutup",
        ),
        (
            "the query has only stopwords",
            "kueri hanya berisi kata umum (stopword), tidak ada yang dicari",
        ),
        (
            "OR needs something after it",
            "OR harus diikuti kata yang dicari",
        ),
        (
            "AND needs something after it",
            "AND harus diikuti kata yang dicari",
        ),
        (
            "NOT needs something after it",
            "NOT harus diikuti kata yang dicari",
        ),
        (
            "an operator is out of place",
            "ada operator di tempat yang salah",
        ),
        (
            "only stopwords",
            "hanya kata umum (stopword), tidak ada yang dicari",
        ),
    ];
    if let Some(field) = message.strip_prefix("the index has no field ") {
        return format!("indeks tidak punya kolom {field}");
    }
    KNOWN
        .iter()
        .find(|(english, _)| message.contains(english))
        .map(|(_, indonesian)| indonesian.to_string())
        .unwrap_or_else(|| message.to_string())
}

/// A failed page request, shown as a page in the asked language.
pub struct PageError(pub WebError, pub Lang);

impl<E: Into<WebError>> From<(E, Lang)> for PageError {
    fn from((error, lang): (E, Lang)) -> PageError {
        PageError(error.into(), lang)
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let PageError(error, lang) = self;
        let (title, hint) = match error.status() {
            StatusCode::NOT_FOUND => (lang.t("Tidak ditemukan", "Not found"), ""),
            StatusCode::UNAUTHORIZED => (lang.t("Perlu token akses", "Access token needed"), ""),
            StatusCode::BAD_REQUEST => (
                lang.t("Permintaan tidak dapat dipakai", "Bad request"),
                lang.t(
                    "Periksa kueri atau parameter lalu coba lagi.",
                    "Check the query or parameters and try again.",
                ),
            ),
            _ => (lang.t("Galat", "Error"), ""),
        };
        let body = maud::html! {
            h1 { (title) }
            p.error role="alert" { (error.message()) }
            @if !hint.is_empty() { p.muted { (hint) } }
            p { a href=(lang.link("/", &[])) { (lang.t("Kembali ke beranda", "Back to the dashboard")) } }
        };
        let page = layout::page(lang, title, "", body);
        (error.status(), page).into_response()
    }
}

/// A failed API request: `{"error": message}` with the status.
pub struct ApiError(pub WebError);

impl<E: Into<WebError>> From<E> for ApiError {
    fn from(error: E) -> ApiError {
        ApiError(error.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body =
            serde_json::json!({ "error": self.0.message(), "status": self.0.status().as_u16() });
        (self.0.status(), Json(body)).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_errors_are_bad_requests_in_indonesian() {
        let error = WebError::from(Error::Query {
            query: "(lansia".into(),
            message: "an opening parenthesis is not closed".into(),
        });
        assert_eq!(error.status(), StatusCode::BAD_REQUEST);
        assert!(error.message().contains("kurung buka belum ditutup"));
    }
}
