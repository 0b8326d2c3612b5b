//! The access token. Without one the server only listens on the loopback address, and every
//! request is let through. With one (`--token` or `ASPIRASI_TOKEN`) every request must carry
//! it: as `Authorization: Bearer TOKEN`, as the `aspirasi_token` cookie, or once as
//! `?token=TOKEN`, which answers with that cookie so the links on the page keep working.

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::error::WebError;

/// The cookie that holds the token after a `?token=` visit.
pub const COOKIE: &str = "aspirasi_token";

/// Compares in time that does not depend on where the strings differ.
fn same(given: &str, expected: &str) -> bool {
    let (a, b) = (given.as_bytes(), expected.as_bytes());
    let mut difference = a.len() ^ b.len();
    for (i, byte) in b.iter().enumerate() {
        difference |= usize::from(a.get(i).copied().unwrap_or(0) ^ byte);
    }
    difference == 0
}

fn from_query(request: &Request) -> Option<String> {
    let query = request.uri().query()?;
    form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == "token")
        .map(|(_, v)| v.into_owned())
}

fn from_header(request: &Request) -> Option<String> {
    let value = request
        .headers()
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?;
    value.strip_prefix("Bearer ").map(|t| t.trim().to_string())
}

fn from_cookie(request: &Request) -> Option<String> {
    request
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value.to_string())
}

/// Middleware: lets a request through when no token is configured or the request has it.
pub async fn require_token(
    State(state): State<super::State>,
    request: Request,
    next: Next,
) -> Response {
    let Some(expected) = state.token.as_deref() else {
        return next.run(request).await;
    };
    if from_header(&request).is_some_and(|t| same(&t, expected))
        || from_cookie(&request).is_some_and(|t| same(&t, expected))
    {
        return next.run(request).await;
    }
    if from_query(&request).is_some_and(|t| same(&t, expected)) {
        let mut response = next.run(request).await;
        let cookie = format!("{COOKIE}={expected}; Path=/; HttpOnly; SameSite=Strict");
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
        return response;
    }
    let api = request.uri().path().starts_with("/api/");
    WebError::Unauthorized.respond(api).into_response()
}

#[cfg(test)]
mod tests {
    use super::same;

    #[test]
    fn compares_whole_tokens() {
        assert!(same("rahasia", "rahasia"));
        assert!(!same("rahasi", "rahasia"));
        assert!(!same("rahasiaa", "rahasia"));
        assert!(!same("", "rahasia"));
        assert!(!same("Rahasia", "rahasia"));
    }
}
