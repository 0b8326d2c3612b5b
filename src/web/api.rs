//! The JSON API behind the pages, for analysts' scripts. Same parameters as the pages (`q`,
//! `tema`, `sesi`, `kelompok`, `provinsi`, `penutur`, `tanggal`, `putaran`, `halaman`, `per`,
//! `urut`, `menurut`); errors are `{"error": message, "status": code}` with the status. The
//! documentation is served at `/api`.

use axum::extract::{RawQuery, State as Shared};
use axum::Json;
use maud::{html, Markup};
use serde_json::{json, Value};

use crate::report::{theme_report, theme_report_in};
use crate::search;

use super::error::ApiError;
use super::layout::{page_at, Here, Lang};
use super::params::{self, SearchParams, FILTERS, MAX_PER_PAGE, MAX_RESULTS};
use super::server::blocking;

/// `GET /api/cari`: one page of hits.
pub async fn search(
    Shared(state): Shared<super::State>,
    RawQuery(raw): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let pairs = params::pairs(raw.as_deref());
    let params = SearchParams::from_pairs(&pairs, &state.lexicons)?;
    let request = params.request();
    let results = blocking(&state, move |s| Ok(search::search(&s.index, &request)?)).await?;
    let hits: Vec<Value> = results
        .hits
        .iter()
        .map(|hit| {
            json!({
                "id": hit.passage.id,
                "score": hit.score,
                "snippet": hit.snippet,
                "highlights": hit.highlights,
                "text": hit.passage.text,
                "meta": hit.passage.meta,
                "provenance": hit.passage.provenance,
                "themes": hit.passage.themes,
                "evidence": hit.passage.evidence,
                "url": format!("/bagian?id={}", form_urlencoded::byte_serialize(hit.passage.id.as_bytes()).collect::<String>()),
            })
        })
        .collect();
    Ok(Json(json!({
        "total": results.total,
        "page": params.page,
        "per_page": params.per_page,
        "hits": hits,
    })))
}

/// `GET /api/hitung`: how many passages match, and by theme, session, stakeholder group,
/// region, speaker, date and round.
pub async fn counts(
    Shared(state): Shared<super::State>,
    RawQuery(raw): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let pairs = params::pairs(raw.as_deref());
    let params = SearchParams::from_pairs(&pairs, &state.lexicons)?;
    let request = params.request();
    let (total, facets) = blocking(&state, move |s| {
        let fields: Vec<&str> = FILTERS.iter().map(|(_, field, ..)| *field).collect();
        let facets = search::facet_counts(&s.index, &request, &fields)?;
        let one = search::SearchRequest {
            limit: 1,
            offset: 0,
            ..request
        };
        Ok((search::search(&s.index, &one)?.total, facets))
    })
    .await?;
    let counts: serde_json::Map<String, Value> = facets
        .into_iter()
        .map(|(field, values)| {
            let values: Vec<Value> = values
                .into_iter()
                .map(|(value, passages)| json!({ "value": value, "passages": passages }))
                .collect();
            (field, Value::Array(values))
        })
        .collect();
    Ok(Json(json!({ "total": total, "counts": counts })))
}

/// `GET /api/laporan`: the theme report (of the matching passages, when there is a query or
/// filter), by `menurut`.
pub async fn report(
    Shared(state): Shared<super::State>,
    RawQuery(raw): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let pairs = params::pairs(raw.as_deref());
    let params = SearchParams::from_pairs(&pairs, &state.lexicons)?;
    let dimension = match params::value(&pairs, "menurut") {
        None | Some("") => None,
        Some(_) => Some(super::export::dimension(&pairs)?),
    };
    let report = blocking(&state, move |s| {
        Ok(if params.is_everything() {
            theme_report(&s.index, &s.lexicons, dimension)?
        } else {
            let scope = search::request_query(&s.index, &params.request())?;
            theme_report_in(&s.index, &s.lexicons, dimension, Some(scope.as_ref()))?
        })
    })
    .await?;
    Ok(Json(serde_json::to_value(report).unwrap_or(Value::Null)))
}

/// `GET /api`: how to call the API.
pub async fn docs(RawQuery(raw): RawQuery) -> Markup {
    let pairs = params::pairs(raw.as_deref());
    let lang = Lang::from_pairs(&pairs);
    let filters: Vec<String> = FILTERS
        .iter()
        .map(|(p, field, ..)| format!("{p} ({field})"))
        .collect();
    let body = html! {
        h1 { "API" }
        p { (lang.t(
            "API JSON kecil untuk skrip analis. Semua rute GET, parameter sama dengan halaman. Galat: status 4xx dengan {\"error\": pesan}.",
            "A small JSON API for analysts' scripts. Every route is a GET with the pages' parameters. Errors: a 4xx status with {\"error\": message}.")) }
        h2 { "GET /api/cari" }
        p { (lang.t("Satu halaman hasil pencarian: ", "One page of search hits: ")) code { "{total, page, per_page, hits: [{id, score, snippet, highlights, text, meta, provenance, themes, evidence, url}]}" } }
        pre { "curl 'http://127.0.0.1:8080/api/cari?q=lansia&tema=lansia&provinsi=Jawa+Timur&per=50&halaman=2'" }
        h2 { "GET /api/hitung" }
        p { (lang.t("Jumlah bagian yang cocok dan hitungan tepat per nilai: ", "Matching passages and exact counts per value: ")) code { "{total, counts: {theme: [{value, passages}], session: [...], ...}}" } }
        pre { "curl 'http://127.0.0.1:8080/api/hitung?q=%22perubahan+iklim%22'" }
        h2 { "GET /api/laporan" }
        p { (lang.t("Laporan frekuensi tema (sama dengan ", "The theme frequency report (as ")) code { "aspirasi report --format json" }
            (lang.t("), dari bagian yang cocok bila ada kueri atau saringan.", "), of the matching passages when there is a query or filter.")) }
        pre { "curl 'http://127.0.0.1:8080/api/laporan?menurut=region'" }
        h2 { (lang.t("Parameter", "Parameters")) }
        table.data {
            tr { th { (lang.t("Nama", "Name")) } th { (lang.t("Arti", "Meaning")) } }
            tr { td { code { "q" } } td { (lang.t("kueri dalam bahasa kueri aspirasi (lihat halaman Cari)", "a query in aspirasi's query language (see the Search page)")) } }
            tr { td { (filters.join(", ")) } td { (lang.t("saringan; boleh diulang (semua harus berlaku); huruf besar/kecil diabaikan", "filters; repeatable (all must hold); case is ignored")) } }
            tr { td { code { "halaman" } ", " code { "per" } } td { (lang.t("halaman (dari 1) dan hasil per halaman (paling banyak ", "page (from 1) and hits per page (at most ")) (MAX_PER_PAGE) (lang.t("); hanya ", "); only the first ")) (MAX_RESULTS) (lang.t(" hasil pertama", " hits")) } }
            tr { td { code { "urut" } } td { code { "relevansi" } " | " code { "tanggal" } } }
            tr { td { code { "menurut" } } td { (crate::report::DIMENSIONS.join(", ")) } }
            tr { td { code { "token" } } td { (lang.t("token akses bila server dijalankan dengan --token (atau header Authorization: Bearer TOKEN)", "the access token when the server runs with --token (or the header Authorization: Bearer TOKEN)")) } }
        }
    };
    page_at(lang, &Here::new("/api", &pairs), "API", "api", body)
}
