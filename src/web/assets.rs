//! Static assets built into the binary: one stylesheet, served under `/aset/`. No fonts,
//! scripts or images are fetched from anywhere at run time.

use axum::http::header;
use axum::response::IntoResponse;

/// The stylesheet of every page.
pub const STYLE: &str = include_str!("assets/style.css");

/// `GET /aset/gaya.css`.
pub async fn style() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        STYLE,
    )
}
