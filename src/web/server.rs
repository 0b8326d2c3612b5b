//! Binding and routing. The server binds 127.0.0.1 unless told otherwise, and refuses any
//! other address unless an access token is set. Every route is a GET; request size, time and
//! concurrency are bounded: bodies and long query strings are refused, an answer that takes
//! longer than [`TIMEOUT`] is abandoned with a 503, and at most [`WORKERS`] requests read the
//! index at once.

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use crate::analyse::Analyzer;
use crate::classify::LexiconSet;
use crate::error::{Error, Result};
use crate::index::PassageIndex;

use super::error::WebError;
use super::{api, assets, auth, cache, export, pages, AppState};

/// Longest a page or API answer may take.
pub const TIMEOUT: Duration = Duration::from_secs(30);
/// Longest an export may take (a whole round's REFI-QDA project takes a while).
pub const EXPORT_TIMEOUT: Duration = Duration::from_secs(300);
/// Requests that read the index at the same time.
pub const WORKERS: usize = 4;
/// Largest request body accepted (every route is a GET; there is nothing to send).
pub const MAX_BODY: u64 = 16 * 1024;
/// Longest query string accepted.
pub const MAX_QUERY_STRING: usize = 8 * 1024;

/// How to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub index: PathBuf,
    /// Address to listen on; loopback (`127.0.0.1`) unless a token is set.
    pub host: String,
    /// 0 picks a free port.
    pub port: u16,
    pub token: Option<String>,
    pub lexicons: LexiconSet,
}

/// A bound server, not yet answering.
pub struct Server {
    listener: std::net::TcpListener,
    app: Router,
    state: super::State,
}

/// Opens the index and binds the address, checking the loopback rule.
pub fn bind(options: ServeOptions) -> Result<Server> {
    let host: IpAddr = options.host.parse().map_err(|_| {
        Error::Usage(format!(
            "alamat {:?} tidak dapat dibaca: tulis alamat IP seperti 127.0.0.1",
            options.host
        ))
    })?;
    let token = options.token.filter(|t| !t.trim().is_empty());
    if !host.is_loopback() && token.is_none() {
        return Err(Error::Usage(format!(
            "menolak melayani di {host} tanpa token akses: di alamat selain 127.0.0.1 siapa pun \
             di jaringan dapat membaca masukan publik. Tetapkan token dengan --token TOKEN atau \
             variabel ASPIRASI_TOKEN (refusing to listen on {host} without an access token)"
        )));
    }
    let analyzer = Analyzer::indonesian();
    let index = PassageIndex::open(&options.index, &analyzer)?;
    let address = SocketAddr::new(host, options.port);
    let cannot_listen =
        |e: std::io::Error| Error::Usage(format!("tidak dapat melayani di {address}: {e}"));
    let listener = std::net::TcpListener::bind(address).map_err(cannot_listen)?;
    listener.set_nonblocking(true).map_err(cannot_listen)?;
    let state = Arc::new(AppState {
        index,
        lexicons: options.lexicons,
        analyzer,
        token,
        cache: cache::Cache::default(),
        workers: tokio::sync::Semaphore::new(WORKERS),
    });
    Ok(Server {
        listener,
        app: router(state.clone()),
        state,
    })
}

impl Server {
    /// The address the server listens on (with the port chosen when 0 was asked).
    pub fn local_addr(&self) -> Result<SocketAddr> {
        self.listener
            .local_addr()
            .map_err(|e| Error::io("listener", e))
    }

    /// Answers requests until the process is interrupted. Blocking: starts its own runtime.
    /// The dashboard counts are computed in the background right away.
    pub fn run(self) -> Result<()> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .map_err(|e| Error::io("tokio runtime", e))?;
        let warm = self.state.clone();
        std::thread::spawn(move || {
            let _ = warm.cache.overview(&warm);
        });
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(self.listener)
                .map_err(|e| Error::io("listener", e))?;
            axum::serve(listener, self.app)
                .with_graceful_shutdown(async {
                    let _ = tokio::signal::ctrl_c().await;
                })
                .await
                .map_err(|e| Error::io("server", e))
        })
    }
}

/// `aspirasi serve`: binds, prints the address, answers until interrupted.
pub fn serve(options: ServeOptions) -> Result<()> {
    let with_token = options.token.is_some();
    let server = bind(options)?;
    let address = server.local_addr()?;
    let mut announce = format!("aspirasi melayani di http://{address}/ (Ctrl-C untuk berhenti)\n");
    if with_token {
        announce.push_str(&format!(
            "buka sekali dengan http://{address}/?token=TOKEN; sesudah itu cookie menyimpannya\n"
        ));
    }
    // Whoever started the server may stop reading its output; that is no reason to stop.
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    let _ = stdout
        .write_all(announce.as_bytes())
        .and_then(|()| stdout.flush());
    drop(stdout);
    server.run()
}

/// Every route, with the token check and the limits.
pub fn router(state: super::State) -> Router {
    let exports = Router::new()
        .route("/ekspor/{format}", get(export::download))
        .layer(middleware::from_fn(|r, n| bounded(EXPORT_TIMEOUT, r, n)));
    Router::new()
        .route("/", get(pages::dashboard))
        .route("/cari", get(pages::search))
        .route("/bagian", get(pages::passage))
        .route("/tema", get(pages::themes))
        .route("/tema/{id}", get(pages::theme))
        .route("/ekspor", get(pages::export))
        .route("/api", get(api::docs))
        .route("/api/cari", get(api::search))
        .route("/api/hitung", get(api::counts))
        .route("/api/laporan", get(api::report))
        .route("/aset/gaya.css", get(assets::style))
        .layer(middleware::from_fn(|r, n| bounded(TIMEOUT, r, n)))
        .merge(exports)
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            auth::require_token,
        ))
        .layer(middleware::from_fn(limits))
        .with_state(state)
}

async fn not_found(request: Request) -> Response {
    let api = request.uri().path().starts_with("/api/");
    WebError::NotFound(format!(
        "Halaman {} tidak ada. Mulai dari beranda: /",
        request.uri().path()
    ))
    .respond(api)
}

/// Refuses bodies and long query strings before anything else runs; marks every answer as
/// not to be framed or sniffed.
async fn limits(request: Request, next: Next) -> Response {
    let api = request.uri().path().starts_with("/api/");
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > MAX_BODY)
        || request.headers().contains_key(header::TRANSFER_ENCODING)
    {
        return WebError::TooLarge(format!(
            "Permintaan terlalu besar: server ini hanya membaca, kirim paling banyak {MAX_BODY} byte."
        ))
        .respond(api);
    }
    if request
        .uri()
        .query()
        .is_some_and(|q| q.len() > MAX_QUERY_STRING)
    {
        return (
            StatusCode::URI_TOO_LONG,
            WebError::BadRequest(format!(
                "Alamat terlalu panjang: paling banyak {MAX_QUERY_STRING} karakter parameter."
            ))
            .respond(api),
        )
            .into_response();
    }
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    headers.insert("x-frame-options", HeaderValue::from_static("DENY"));
    headers.insert(
        "content-security-policy",
        HeaderValue::from_static("default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'"),
    );
    headers.insert("referrer-policy", HeaderValue::from_static("no-referrer"));
    response
}

async fn bounded(limit: Duration, request: Request, next: Next) -> Response {
    let api = request.uri().path().starts_with("/api/");
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => WebError::Timeout.respond(api),
    }
}

/// Runs blocking index work on the blocking pool, at most [`WORKERS`] at a time.
pub async fn blocking<T: Send + 'static>(
    state: &super::State,
    work: impl FnOnce(&AppState) -> std::result::Result<T, WebError> + Send + 'static,
) -> std::result::Result<T, WebError> {
    let _permit = state
        .workers
        .acquire()
        .await
        .map_err(|_| WebError::Internal)?;
    let state = state.clone();
    tokio::task::spawn_blocking(move || work(&state))
        .await
        .map_err(|e| {
            eprintln!("aspirasi serve: a request failed: {e}");
            WebError::Internal
        })?
}
