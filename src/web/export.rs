//! Downloads of the current view. The view is the whole round when the request has neither
//! query nor filters, else the search they make:
//!
//! | format | whole round | a search |
//! | --- | --- | --- |
//! | `csv` | theme counts by `menurut` (long form) | the matching passages, best first |
//! | `xlsx` | every report sheet | the passages and their theme counts |
//! | `html` | the HTML report | the HTML report of the matching passages |
//! | `qdpx` | the REFI-QDA project | a REFI-QDA project of the matching passages |
//!
//! Each is made by the library's report and export functions. Passage lists stop at
//! [`MAX_EXPORT_HITS`]; a whole-round REFI-QDA project above [`MAX_QDPX_PASSAGES`] is left to
//! `aspirasi export`, which writes it to disk.

use axum::extract::{Path, RawQuery, State as Shared};
use axum::http::header;
use axum::response::{IntoResponse, Response};

use crate::report::grid::Grid;
use crate::report::{html, render, theme_report, theme_report_in, views, xlsx, DIMENSIONS};
use crate::search::{self, SearchRequest};
use crate::Passage;

use super::error::{PageError, WebError};
use super::layout::Lang;
use super::params::{self, SearchParams};
use super::server::blocking;
use super::AppState;

/// Most passages in an export of a search.
pub const MAX_EXPORT_HITS: usize = 10_000;
/// Most passages in a whole-round REFI-QDA project made by the web app.
pub const MAX_QDPX_PASSAGES: u64 = 200_000;

/// The `menurut` parameter: a report dimension, `session` by default.
pub fn dimension(pairs: &[(String, String)]) -> Result<&'static str, WebError> {
    let asked = params::value(pairs, "menurut").unwrap_or("session");
    DIMENSIONS
        .iter()
        .find(|d| **d == asked)
        .copied()
        .ok_or_else(|| {
            WebError::BadRequest(format!(
                "Tidak dapat menghitung tema menurut {asked:?} (parameter menurut); pilih salah satu: {}.",
                DIMENSIONS.join(", ")
            ))
        })
}

/// A file to download.
struct Download {
    bytes: Vec<u8>,
    content_type: &'static str,
    extension: &'static str,
}

/// The matching passages as a table: where, who, themes, text.
fn hits_grid(passages: &[Passage]) -> Grid {
    let headers = [
        "peringkat",
        "id",
        "penutur",
        "instansi",
        "kelompok",
        "sesi",
        "putaran",
        "provinsi",
        "kabupaten",
        "tanggal",
        "berkas",
        "baris",
        "baris_data",
        "waktu",
        "tema",
        "teks",
    ];
    let mut grid = Grid::new(headers.iter().map(|h| h.to_string()).collect());
    grid.text_columns = headers.len();
    for (rank, p) in passages.iter().enumerate() {
        let m = &p.meta;
        grid.push(vec![
            (rank + 1).to_string(),
            p.id.clone(),
            m.speaker.clone().unwrap_or_default(),
            m.organisation.clone().unwrap_or_default(),
            m.stakeholder.clone(),
            m.session.clone(),
            m.round.clone(),
            m.region.clone().unwrap_or_default(),
            m.district.clone().unwrap_or_default(),
            m.date.clone().unwrap_or_default(),
            p.provenance.file.clone(),
            p.provenance.line.to_string(),
            p.provenance.row.map(|r| r.to_string()).unwrap_or_default(),
            p.provenance.timestamp.clone().unwrap_or_default(),
            p.themes.join(" "),
            p.text.clone(),
        ]);
    }
    grid
}

fn make(
    state: &AppState,
    format: &str,
    params: &SearchParams,
    dimension: &str,
    lang: Lang,
) -> Result<Download, WebError> {
    let (index, lexicons) = (&state.index, &state.lexicons);
    let language = lang.report();
    let csv = |text: String| Download {
        bytes: text.into_bytes(),
        content_type: "text/csv; charset=utf-8",
        extension: "csv",
    };
    let workbook = |sheets: &[(&str, Grid)]| -> Result<Download, WebError> {
        Ok(Download {
            bytes: xlsx::workbook_bytes(sheets)?,
            content_type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            extension: "xlsx",
        })
    };
    let page = |text: String| Download {
        bytes: text.into_bytes(),
        content_type: "text/html; charset=utf-8",
        extension: "html",
    };
    let qdpx = |passages: &[Passage]| -> Result<Download, WebError> {
        Ok(Download {
            bytes: crate::export::qdpx::qdpx_bytes(passages, lexicons, "aspirasi")?.0,
            content_type: "application/octet-stream",
            extension: "qdpx",
        })
    };
    if params.is_everything() {
        return match format {
            "csv" => Ok(csv(render::render(
                &theme_report(index, lexicons, Some(dimension))?,
                render::Format::Csv,
                language,
            )?)),
            "xlsx" => workbook(&xlsx::report_sheets(
                index,
                lexicons,
                Some(dimension),
                None,
                language,
            )?),
            "html" => {
                let report = theme_report(index, lexicons, Some(dimension))?;
                let title = format!("Laporan tema konsultasi ({} bagian)", report.total_passages);
                Ok(page(html::render_html(
                    &title,
                    &report,
                    &views::cooccurrence(index, lexicons)?,
                    &views::quotes(index, lexicons, 3)?,
                    lexicons,
                    language,
                )))
            }
            "qdpx" => {
                if index.passage_count()? > MAX_QDPX_PASSAGES {
                    return Err(WebError::TooLarge(format!(
                        "Indeks terlalu besar untuk diunduh sebagai REFI-QDA lewat web (lebih dari {MAX_QDPX_PASSAGES} bagian): \
                         gunakan `aspirasi export --index DIR --qdpx ronde.qdpx`, atau persempit dengan pencarian."
                    )));
                }
                let mut passages = Vec::new();
                index.for_each_passage(|p| {
                    passages.push(p);
                    Ok(())
                })?;
                qdpx(&passages)
            }
            other => Err(unknown(other)),
        };
    }
    let request = params.request();
    let scope = search::request_query(index, &request)?;
    match format {
        "csv" | "xlsx" | "qdpx" => {
            let hits = search::search(
                index,
                &SearchRequest {
                    limit: MAX_EXPORT_HITS,
                    offset: 0,
                    ..request
                },
            )?;
            let passages: Vec<Passage> = hits.hits.into_iter().map(|h| h.passage).collect();
            match format {
                "csv" => Ok(csv(hits_grid(&passages).to_csv()?)),
                "xlsx" => {
                    let report =
                        theme_report_in(index, lexicons, Some(dimension), Some(scope.as_ref()))?;
                    workbook(&[
                        ("Hasil pencarian", hits_grid(&passages)),
                        ("Tema", render::theme_grid(&report, language)),
                    ])
                }
                _ => qdpx(&passages),
            }
        }
        "html" => {
            let report = theme_report_in(index, lexicons, Some(dimension), Some(scope.as_ref()))?;
            let mut quotes = Vec::new();
            for lexicon in lexicons.lexicons() {
                quotes.extend(views::quotes_for(
                    index,
                    &lexicon.id,
                    3,
                    Some(scope.as_ref()),
                )?);
            }
            let title = format!(
                "Laporan tema: {} ({} bagian)",
                describe(params),
                report.total_passages
            );
            Ok(page(html::render_html(
                &title,
                &report,
                &views::cooccurrence_in(index, lexicons, Some(scope.as_ref()))?,
                &quotes,
                lexicons,
                language,
            )))
        }
        other => Err(unknown(other)),
    }
}

/// The search in words, for a report title.
fn describe(params: &SearchParams) -> String {
    let mut parts = Vec::new();
    if !params.query.is_empty() {
        parts.push(format!("\u{201c}{}\u{201d}", params.query));
    }
    parts.extend(params.filters.iter().map(|(k, v)| format!("{k}: {v}")));
    parts.join(", ")
}

fn unknown(format: &str) -> WebError {
    WebError::NotFound(format!(
        "Format ekspor {format:?} tidak ada: pilih csv, xlsx, html atau qdpx."
    ))
}

/// `GET /ekspor/{csv|xlsx|html|qdpx}` with the parameters of the view.
pub async fn download(
    Shared(state): Shared<super::State>,
    Path(format): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, PageError> {
    let pairs = params::pairs(raw.as_deref());
    let lang = Lang::from_pairs(&pairs);
    let params =
        SearchParams::from_pairs(&pairs, &state.lexicons).map_err(|e| PageError(e, lang))?;
    let dimension = dimension(&pairs).map_err(|e| PageError(e, lang))?;
    if !["csv", "xlsx", "html", "qdpx"].contains(&format.as_str()) {
        return Err(PageError(unknown(&format), lang));
    }
    let download = blocking(&state, move |s| make(s, &format, &params, dimension, lang))
        .await
        .map_err(|e| PageError(e, lang))?;
    let name = format!("attachment; filename=\"aspirasi.{}\"", download.extension);
    Ok((
        [
            (header::CONTENT_TYPE, download.content_type.to_string()),
            (header::CONTENT_DISPOSITION, name),
        ],
        download.bytes,
    )
        .into_response())
}
