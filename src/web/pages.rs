//! The pages: Beranda (dashboard), Cari (search with filter counts), a passage in its
//! document, Tema (all themes, and one theme in depth) and Ekspor. Each handler reads its
//! parameters, asks the library (on the blocking pool), and renders with maud. Every number
//! that counts passages links to the search that lists them.

use axum::extract::{Path, RawQuery, State as Shared};
use maud::{html, Markup};

use crate::report::html::{bar_chart, heat_table, HeatCell, HeatRow};
use crate::report::{ThemeReport, MISSING_VALUE};
use crate::search::{self, context, kwic, SearchResults, Sort};

use super::error::{PageError, WebError};
use super::layout::{chart, number, page_at, percent, Here, Lang};
use super::params::{self, SearchParams, FILTERS, MAX_RESULTS};
use super::server::blocking;
use super::AppState;

/// Values shown in a filter panel.
const PANEL_VALUES: usize = 12;
/// Passages shown either side of the one opened in its document, unless `konteks` asks for
/// more (up to the maximum: the whole of any but the longest transcripts).
const CONTEXT_WINDOW: u64 = 15;
const MAX_CONTEXT_WINDOW: u64 = 1_000;
/// Passages read for the keyword-in-context lines of a theme page, and lines shown.
const KWIC_PASSAGES: usize = 300;
const KWIC_LINES: usize = 100;

/// The request's language, pairs and place.
fn read(path: &str, raw: Option<String>) -> (Lang, Vec<(String, String)>, Here) {
    let pairs = params::pairs(raw.as_deref());
    let lang = Lang::from_pairs(&pairs);
    let here = Here::new(path, &pairs);
    (lang, pairs, here)
}

/// The label of a theme in the page language, or its id when unknown.
fn theme_label(state: &AppState, id: &str, lang: Lang) -> String {
    state
        .lexicons
        .get(id)
        .map(|l| match lang {
            Lang::Id => l.label.clone(),
            Lang::En => l.label_en.clone(),
        })
        .unwrap_or_else(|| id.to_string())
}

/// A report dimension as a reader names it.
fn dimension_label(dimension: &str, lang: Lang) -> String {
    match lang {
        Lang::Id => crate::report::html::dimension_name(dimension).to_string(),
        Lang::En => dimension.to_string(),
    }
}

/// `pairs` and one more.
fn with_pair<'a>(
    pairs: &[(&'a str, &'a str)],
    more: (&'a str, &'a str),
) -> Vec<(&'a str, &'a str)> {
    let mut all = pairs.to_vec();
    all.push(more);
    all
}

/// The name of a filter parameter in the page language.
fn filter_name(param: &str, lang: Lang) -> &'static str {
    FILTERS
        .iter()
        .find(|(p, ..)| *p == param)
        .map_or("", |(_, _, id, en)| lang.t(id, en))
}

/// A filter value as shown: a theme by its label, anything else as given.
fn filter_value(state: &AppState, param: &str, value: &str, lang: Lang) -> String {
    if param == "tema" {
        theme_label(state, value, lang)
    } else {
        value.to_string()
    }
}

/// The search page listing the passages behind a count.
fn passages_link(lang: Lang, filters: &[(&str, &str)]) -> String {
    lang.link("/cari", filters)
}

// ---------------------------------------------------------------------------------------
// Beranda

/// A heat map of themes by one dimension; every count links to its passages, and a last row
/// gives each column's total.
fn dimension_heat(state: &AppState, report: &ThemeReport, param: &str, lang: Lang) -> String {
    let mut headers = vec![lang.t("Tema", "Theme").to_string()];
    headers.extend(report.columns.iter().map(|c| c.value.clone()));
    let link = |theme: Option<&str>, value: &str| -> Option<String> {
        if value == MISSING_VALUE {
            return None;
        }
        let mut filters = Vec::new();
        if let Some(theme) = theme {
            filters.push(("tema", theme));
        }
        filters.push((param, value));
        Some(passages_link(lang, &filters))
    };
    let mut rows: Vec<HeatRow> = report
        .themes
        .iter()
        .map(|t| HeatRow {
            name: theme_label(state, &t.id, lang),
            href: Some(lang.link(&format!("/tema/{}", t.id), &[])),
            cells: t
                .cells
                .iter()
                .map(|c| HeatCell {
                    text: format!("{} · {}", number(lang, c.passages), percent(c.share)),
                    share: c.share,
                    href: link(Some(&t.id), &c.value),
                })
                .collect(),
        })
        .collect();
    rows.push(HeatRow {
        name: lang.t("Semua bagian", "All passages").to_string(),
        href: Some(passages_link(lang, &[])),
        cells: report
            .columns
            .iter()
            .map(|c| HeatCell {
                text: number(lang, c.passages),
                share: 0.0,
                href: link(None, &c.value),
            })
            .collect(),
    });
    heat_table(&headers, &rows)
}

fn dashboard_body(state: &AppState, overview: &super::cache::Overview, lang: Lang) -> Markup {
    let report = &overview.by_session;
    let bars = bar_chart(report, &state.lexicons, lang.report(), &|theme| {
        Some(passages_link(lang, &[("tema", &theme.id)]))
    });
    let rounds = &overview.by_round;
    html! {
        h1 { (lang.t("Beranda", "Dashboard")) }
        p.muted { (lang.t(
            "Tema isu strategis dalam semua bagian (passages) yang terindeks. Klik angka mana pun untuk melihat bagian-bagian di baliknya.",
            "Strategic-issue themes in every indexed passage. Click any number to see the passages behind it.")) }
        div.cards {
            a.card href=(passages_link(lang, &[])) { b { (number(lang, report.total_passages)) } (lang.t("bagian", "passages")) }
            div.card { b { (number(lang, report.total_documents)) } (lang.t("dokumen sumber", "source documents")) }
            div.card { b { (number(lang, report.total_speakers)) } (lang.t("penutur bernama", "named speakers")) }
            div.card { b { (number(lang, report.untagged_passages)) } (lang.t("bagian tanpa tema", "passages without a theme")) }
            div.card { b { (rounds.columns.len()) } (lang.t("putaran konsultasi", "consultation rounds")) }
        }
        h2 { (lang.t("Tema yang paling sering diangkat", "Themes raised most often")) }
        p.muted { (lang.t("Jumlah bagian yang menyinggung tiap tema dan persentasenya dari semua bagian.",
                          "Passages that touch each theme, and their share of all passages.")) }
        div.scroll { (chart(bars)) }
        @for (title_id, title_en, param, report) in [
            ("Tema menurut sesi", "Themes by session", "sesi", &overview.by_session),
            ("Tema menurut kelompok pemangku kepentingan", "Themes by stakeholder group", "kelompok", &overview.by_stakeholder),
            ("Tema menurut provinsi", "Themes by region", "provinsi", &overview.by_region),
        ] {
            h2 { (lang.t(title_id, title_en)) }
            p.muted { (lang.t("Isi sel: jumlah bagian · persentase bagian dalam kolom itu; warna menurut persentase.",
                              "Cell: passages · share of that column's passages; colour by share.")) }
            div.scroll { (chart(dimension_heat(state, report, param, lang))) }
        }
        @if let Some(comparison) = &overview.comparison {
            h2 { (lang.t("Perbandingan putaran", "Rounds compared")) }
            div.scroll { (chart(dimension_heat(state, rounds, "putaran", lang))) }
            h3 { (comparison.before) " → " (comparison.after) }
            div.scroll { table.data {
                tr {
                    th { (lang.t("Tema", "Theme")) }
                    th { (comparison.before) } th { "%" }
                    th { (comparison.after) } th { "%" }
                    th { (lang.t("perubahan (poin %)", "change (% points)")) }
                }
                @for t in &comparison.themes {
                    tr {
                        td { a href=(lang.link(&format!("/tema/{}", t.theme), &[])) { (theme_label(state, &t.theme, lang)) } }
                        td.n { a href=(passages_link(lang, &[("tema", &t.theme), ("putaran", &comparison.before)])) { (number(lang, t.passages_before)) } }
                        td.n { (percent(t.share_before)) }
                        td.n { a href=(passages_link(lang, &[("tema", &t.theme), ("putaran", &comparison.after)])) { (number(lang, t.passages_after)) } }
                        td.n { (percent(t.share_after)) }
                        td.n.up[t.change_points > 0.05].down[t.change_points < -0.05] {
                            (format!("{:+.1}", t.change_points))
                        }
                    }
                }
            } }
        }
    }
}

/// `GET /`: theme frequencies overall and by session, stakeholder group, region and round.
pub async fn dashboard(
    Shared(state): Shared<super::State>,
    RawQuery(raw): RawQuery,
) -> Result<Markup, PageError> {
    let (lang, _, here) = read("/", raw);
    let overview = blocking(&state, |s| s.cache.overview(s))
        .await
        .map_err(|e| PageError(e, lang))?;
    let body = dashboard_body(&state, &overview, lang);
    Ok(page_at(
        lang,
        &here,
        lang.t("Beranda", "Dashboard"),
        "beranda",
        body,
    ))
}

// ---------------------------------------------------------------------------------------
// Cari

struct Found {
    results: SearchResults,
    facets: std::sync::Arc<Vec<search::FacetCounts>>,
}

fn search_form(state: &AppState, params: &SearchParams, lang: Lang) -> Markup {
    html! {
        form.search method="get" action="/cari" role="search" {
            input type="search" name="q" value=(params.query) aria-label=(lang.t("Kueri", "Query"))
                placeholder=(lang.t("mis. lansia terlantar, \"perubahan iklim\", bansos*", "e.g. lansia terlantar, \"perubahan iklim\", bansos*"));
            @for (param, value) in &params.filters {
                input type="hidden" name=(param) value=(value);
            }
            select name="urut" aria-label=(lang.t("Urutan", "Order")) {
                option value="relevansi" selected[params.sort == Sort::Relevance] { (lang.t("paling relevan", "most relevant")) }
                option value="tanggal" selected[params.sort == Sort::Date] { (lang.t("menurut tanggal", "by date")) }
            }
            select name="per" aria-label=(lang.t("Hasil per halaman", "Hits per page")) {
                @for n in [10usize, 20, 50, 100] {
                    option value=(n) selected[params.per_page == n] { (n) " " (lang.t("per halaman", "per page")) }
                }
            }
            @if lang == Lang::En { input type="hidden" name="lang" value="en"; }
            button type="submit" { (lang.t("Cari", "Search")) }
        }
        details.help {
            summary { (lang.t("Bahasa kueri", "Query language")) }
            p { (lang.t("Kata-kata digabung dengan AND. Setiap bentuk kata ikut dicari (memberdayakan menemukan pemberdayaan).",
                        "Words are ANDed. Every form of a word is found (memberdayakan finds pemberdayaan).")) }
            ul {
                li { code { "\"perubahan iklim\"" } " " (lang.t("frasa", "phrase")) }
                li { code { "lansia OR jompo" } ", " code { "lansia -panti" } ", " code { "( ... )" } }
                li { code { "bansos*" } " " (lang.t("awalan", "prefix")) ", " code { "stuntng~" } " " (lang.t("salah ketik", "typing error")) }
                li { code { "tema:lansia provinsi:\"jawa timur\" penutur:\"Sri Rahayuningsih\"" } }
                li { code { "tanggal:[2024-01-29 TO 2024-01-31]" } }
            }
            p.muted { (lang.t("Tema yang ada: ", "Themes: "))
                @for (i, l) in state.lexicons.lexicons().iter().enumerate() {
                    @if i > 0 { ", " } code { (l.id) }
                }
            }
        }
    }
}

fn filter_panels(
    state: &AppState,
    params: &SearchParams,
    facets: &[search::FacetCounts],
    lang: Lang,
) -> Markup {
    let base = params.link_pairs();
    html! {
        aside.filters aria-label=(lang.t("Saringan", "Filters")) {
            @for (param, field, name_id, name_en) in FILTERS {
                @if let Some((_, counts)) = facets.iter().find(|(f, _)| f == field) {
                    @if !counts.is_empty() {
                        section.panel data-filter=(param) {
                            h3 { (lang.t(name_id, name_en)) }
                            ul {
                                @for (value, n) in counts.iter().take(PANEL_VALUES) {
                                    @let chosen = params.has_filter(param, value);
                                    @let shown = if param == "tema" { theme_label(state, value, lang) } else { value.clone() };
                                    li class=(if chosen { "chosen" } else { "" }) {
                                        @if chosen {
                                            @let without: Vec<(&str, &str)> = base.iter().copied().filter(|(k, v)| !(*k == param && *v == value)).collect();
                                            a href=(lang.link("/cari", &without)) title=(lang.t("hapus saringan", "remove filter")) {
                                                "✓ " (shown) " " span.count { (number(lang, *n)) }
                                            }
                                        } @else {
                                            a href=(lang.link("/cari", &with_pair(&base, (param, value)))) { (shown) " " span.count { (number(lang, *n)) } }
                                        }
                                    }
                                }
                                @if counts.len() > PANEL_VALUES {
                                    li.muted { "+ " (counts.len() - PANEL_VALUES) " " (lang.t("nilai lain", "more values")) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The snippet with its matches in `<mark>`, every piece escaped.
fn snippet(hit: &search::Hit) -> Markup {
    let mut pieces = Vec::new();
    let mut last = 0;
    for &(start, end) in &hit.highlights {
        let (Some(before), Some(matched)) =
            (hit.snippet.get(last..start), hit.snippet.get(start..end))
        else {
            continue;
        };
        pieces.push((before, false));
        pieces.push((matched, true));
        last = end;
    }
    pieces.push((hit.snippet.get(last..).unwrap_or(""), false));
    html! {
        @for (text, marked) in pieces {
            @if marked { mark { (text) } } @else { (text) }
        }
    }
}

/// Where a passage comes from: file and line (or data row), recording time, date.
fn provenance(passage: &crate::Passage, lang: Lang) -> String {
    let p = &passage.provenance;
    let mut place = format!("{}:{}", p.file, p.line);
    if let Some(row) = p.row {
        place.push_str(&format!(" · {} {row}", lang.t("baris data", "data row")));
    }
    if let Some(ts) = &p.timestamp {
        place.push_str(&format!(" · [{ts}]"));
    }
    if let Some(date) = &passage.meta.date {
        place.push_str(&format!(" · {date}"));
    }
    place
}

fn theme_chips(state: &AppState, themes: &[String], lang: Lang) -> Markup {
    html! {
        @if !themes.is_empty() {
            ul.chips {
                @for t in themes {
                    li { a href=(lang.link(&format!("/tema/{t}"), &[])) { (theme_label(state, t, lang)) } }
                }
            }
        }
    }
}

fn hits_list(
    state: &AppState,
    params: &SearchParams,
    results: &SearchResults,
    lang: Lang,
) -> Markup {
    let first = (params.page - 1) * params.per_page;
    html! {
        ol.hits start=(first + 1) {
            @for hit in &results.hits {
                @let p = &hit.passage;
                li.hit {
                    div.who {
                        strong { (p.meta.who()) }
                        " · " (lang.t("sesi", "session")) " " (p.meta.session)
                        " · " (lang.t("kelompok", "group")) " " (p.meta.stakeholder)
                        @if let Some(region) = &p.meta.region { " · " (region) }
                    }
                    p.snippet { (snippet(hit)) }
                    div.where {
                        span.prov { (provenance(p, lang)) }
                        " · "
                        a.context href={ (lang.link("/bagian", &with_pair(&params.link_pairs(), ("id", &p.id)))) "#terpilih" } {
                            (lang.t("lihat dalam dokumen", "view in document"))
                        }
                    }
                    (theme_chips(state, &p.themes, lang))
                }
            }
        }
    }
}

fn pager(params: &SearchParams, total: usize, lang: Lang) -> Markup {
    let last_page = total.min(MAX_RESULTS).div_ceil(params.per_page).max(1);
    let base = params.link_pairs();
    let link = |page: usize| {
        let text = page.to_string();
        let mut pairs = base.clone();
        pairs.push(("halaman", &text));
        lang.link("/cari", &pairs)
    };
    let from = params.page.saturating_sub(3).max(1);
    let to = (params.page + 3).min(last_page);
    html! {
        @if last_page > 1 {
            nav.pager aria-label=(lang.t("Halaman", "Pages")) {
                @if params.page > 1 { a rel="prev" href=(link(params.page - 1)) { "‹ " (lang.t("sebelumnya", "previous")) } }
                @for page in from..=to {
                    @if page == params.page { span.current aria-current="page" { (page) } }
                    @else { a href=(link(page)) { (page) } }
                }
                @if params.page < last_page { a rel="next" href=(link(params.page + 1)) { (lang.t("berikutnya", "next")) " ›" } }
            }
        }
    }
}

/// `GET /cari`: hits with highlighted snippets and provenance, filter panels with counts,
/// paging.
pub async fn search(
    Shared(state): Shared<super::State>,
    RawQuery(raw): RawQuery,
) -> Result<Markup, PageError> {
    let (lang, pairs, here) = read("/cari", raw);
    let params =
        SearchParams::from_pairs(&pairs, &state.lexicons).map_err(|e| PageError(e, lang))?;
    let request = params.request();
    let found = blocking(&state, move |s| {
        let fields: Vec<&str> = FILTERS.iter().map(|(_, field, ..)| *field).collect();
        // Hits and filter counts are independent: on two cores they take the time of one.
        let (results, facets) = rayon::join(
            || search::search(&s.index, &request),
            || s.cache.facets(s, &request, &fields),
        );
        Ok(Found {
            results: results?,
            facets: facets?,
        })
    })
    .await
    .map_err(|e| PageError(e, lang))?;
    let total = found.results.total;
    let shown_from = if found.results.hits.is_empty() {
        0
    } else {
        (params.page - 1) * params.per_page + 1
    };
    let shown_to = (params.page - 1) * params.per_page + found.results.hits.len();
    let body = html! {
        h1 { (lang.t("Cari", "Search")) }
        (search_form(&state, &params, lang))
        div.layout {
            (filter_panels(&state, &params, &found.facets, lang))
            section.results {
                p.total {
                    strong { (number(lang, total as u64)) } " " (lang.t("bagian cocok", "matching passages"))
                    @if total > 0 { "; " (lang.t("ditampilkan", "showing")) " " (shown_from) "–" (shown_to) }
                    " · " a href=(lang.link("/ekspor", &params.link_pairs())) { (lang.t("ekspor tampilan ini", "export this view")) }
                }
                @if !params.filters.is_empty() {
                    ul.chips.active {
                        @for (param, value) in &params.filters {
                            @let without: Vec<(&str, &str)> = params.link_pairs().into_iter().filter(|(k, v)| !(k == param && v == value)).collect();
                            li { a href=(lang.link("/cari", &without)) title=(lang.t("hapus saringan", "remove filter")) { (filter_name(param, lang)) ": " (filter_value(&state, param, value, lang)) " ×" } }
                        }
                    }
                }
                @if found.results.hits.is_empty() {
                    p.empty { (lang.t("Tidak ada bagian yang cocok.", "No passage matches.")) }
                }
                (hits_list(&state, &params, &found.results, lang))
                (pager(&params, total, lang))
            }
        }
    };
    Ok(page_at(lang, &here, lang.t("Cari", "Search"), "cari", body))
}

// ---------------------------------------------------------------------------------------
// A passage in its document

/// `GET /bagian?id=PASSAGE`: the document around a passage, the passage marked.
pub async fn passage(
    Shared(state): Shared<super::State>,
    RawQuery(raw): RawQuery,
) -> Result<Markup, PageError> {
    let (lang, pairs, here) = read("/bagian", raw);
    let Some(id) = params::value(&pairs, "id")
        .map(str::to_string)
        .filter(|id| !id.is_empty())
    else {
        return Err(PageError(
            WebError::BadRequest(
                "Sebutkan bagian yang dibuka: /bagian?id=ID (id ada di setiap hasil pencarian)."
                    .into(),
            ),
            lang,
        ));
    };
    // The search the passage was opened from, for the way back (none if it does not parse).
    let back = SearchParams::from_pairs(&pairs, &state.lexicons)
        .ok()
        .filter(|p| !p.is_everything())
        .map(|p| {
            let pairs = p.link_pairs();
            lang.link("/cari", &pairs)
        });
    let window = match params::value(&pairs, "konteks") {
        Some(text) => match text.trim().parse::<u64>() {
            Ok(n) if (1..=MAX_CONTEXT_WINDOW).contains(&n) => n,
            _ => {
                return Err(PageError(
                    WebError::BadRequest(format!(
                        "Parameter konteks (bagian di kiri-kanan bagian yang dipilih) harus \
                         bilangan 1 sampai {MAX_CONTEXT_WINDOW}, bukan {text:?}."
                    )),
                    lang,
                ))
            }
        },
        None => CONTEXT_WINDOW,
    };
    let wanted = id.clone();
    let found = blocking(&state, move |s| {
        Ok(context::in_context(&s.index, &wanted, window)?)
    })
    .await
    .map_err(|e| PageError(e, lang))?;
    let Some(found) = found else {
        return Err(PageError(
            WebError::NotFound(format!("Bagian {id:?} tidak ada di indeks.")),
            lang,
        ));
    };
    let chosen = &found.passage;
    let first_seq = found.passages.first().map_or(0, |p| p.seq);
    let last_seq = found.passages.last().map_or(0, |p| p.seq);
    let body = html! {
        h1 { (lang.t("Bagian dalam dokumennya", "Passage in its document")) }
        p.doc {
            strong { (chosen.provenance.file) } " · "
            (lang.t("putaran", "round")) " " (chosen.meta.round) " · "
            (lang.t("sesi", "session")) " " (chosen.meta.session)
            @if let Some(date) = &chosen.meta.date { " · " (date) }
        }
        p.muted {
            (lang.t("Bagian ke-", "Passage ")) (chosen.seq + 1) " " (lang.t("dari", "of")) " " (found.document_passages)
            @if found.passages.len() < found.document_passages && (found.document_passages as u64) <= MAX_CONTEXT_WINDOW {
                " · " a href={ (lang.link("/bagian", &[("id", &id), ("konteks", &MAX_CONTEXT_WINDOW.to_string())])) "#terpilih" } {
                    (lang.t("tampilkan seluruh dokumen", "show the whole document"))
                }
            }
            @if let Some(back) = &back {
                " · " a href=(back) { (lang.t("kembali ke hasil pencarian", "back to the search results")) }
            }
        }
        @if first_seq > 0 { p.muted { "… " (first_seq) " " (lang.t("bagian sebelumnya tidak ditampilkan", "earlier passages not shown")) } }
        div.document {
            @for p in &found.passages {
                @let is_chosen = p.id == chosen.id;
                section.passage.chosen[is_chosen] id=[is_chosen.then_some("terpilih")] aria-current=[is_chosen.then_some("true")] {
                    div.who {
                        strong { (p.meta.who()) }
                        " · " span.prov { (provenance(p, lang)) }
                        @if is_chosen { " · " span.badge { (lang.t("bagian yang dipilih", "chosen passage")) } }
                    }
                    p.text { (p.text) }
                    (theme_chips(&state, &p.themes, lang))
                }
            }
        }
        @if (last_seq as usize) + 1 < found.document_passages {
            p.muted { "… " (found.document_passages - last_seq as usize - 1) " " (lang.t("bagian berikutnya tidak ditampilkan", "later passages not shown")) }
        }
    };
    Ok(page_at(
        lang,
        &here,
        lang.t("Bagian dalam dokumen", "Passage in document"),
        "cari",
        body,
    ))
}

// ---------------------------------------------------------------------------------------
// Tema

/// `GET /tema`: every theme with its definition and counts.
pub async fn themes(
    Shared(state): Shared<super::State>,
    RawQuery(raw): RawQuery,
) -> Result<Markup, PageError> {
    let (lang, _, here) = read("/tema", raw);
    let overview = blocking(&state, |s| s.cache.overview(s))
        .await
        .map_err(|e| PageError(e, lang))?;
    let body = html! {
        h1 { (lang.t("Tema", "Themes")) }
        p.muted { (lang.t("Empat belas tema isu strategis, masing-masing dengan leksikon yang dikurasi.",
                          "Fourteen strategic-issue themes, each with a curated lexicon.")) }
        table.data {
            tr { th { (lang.t("Tema", "Theme")) } th { (lang.t("Definisi", "Definition")) } th { (lang.t("Bagian", "Passages")) } th { "%" } }
            @for t in &overview.by_session.themes {
                @let lexicon = state.lexicons.get(&t.id);
                tr {
                    td { a href=(lang.link(&format!("/tema/{}", t.id), &[])) { (theme_label(&state, &t.id, lang)) } br; code { (t.id) } }
                    td.text { @if let Some(l) = lexicon { (if lang == Lang::En { &l.description_en } else { &l.description }) } }
                    td.n { a href=(passages_link(lang, &[("tema", &t.id)])) { (number(lang, t.passages)) } }
                    td.n { (percent(t.share)) }
                }
            }
        }
    };
    Ok(page_at(lang, &here, lang.t("Tema", "Themes"), "tema", body))
}

struct ThemeData {
    overview: std::sync::Arc<super::cache::Overview>,
    terms: std::sync::Arc<super::cache::ThemeTerms>,
    quotes: Vec<crate::report::views::Quote>,
    kwic: Option<(Vec<kwic::Line>, usize)>,
}

/// `GET /tema/{id}`: definition, lexicon entries, counts, top roots and phrases, themes raised
/// with it, representative quotes, keyword in context (`?kata=`).
pub async fn theme(
    Shared(state): Shared<super::State>,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Markup, PageError> {
    let (lang, pairs, here) = read(&format!("/tema/{id}"), raw);
    let Some(lexicon) = state.lexicons.get(&id).cloned() else {
        return Err(PageError(
            WebError::NotFound(format!(
                "Tema {id:?} tidak dikenal. Daftar tema ada di /tema."
            )),
            lang,
        ));
    };
    let entries = lexicon.all_entries();
    let default_word = entries
        .iter()
        .find(|e| e.kind == crate::classify::lexicon::EntryKind::Analysed)
        .map(|e| e.pattern.clone())
        .unwrap_or_default();
    let word = params::value(&pairs, "kata")
        .map(|w| w.trim().to_string())
        .unwrap_or(default_word);
    if word.chars().count() > params::MAX_QUERY_CHARS {
        return Err(PageError(
            WebError::BadRequest("Kata untuk KWIC terlalu panjang.".into()),
            lang,
        ));
    }
    let (theme, asked) = (id.clone(), word.clone());
    let data = blocking(&state, move |s| {
        let overview = s.cache.overview(s)?;
        let terms = s.cache.top_terms(s, &theme)?;
        let quotes = crate::report::views::quotes_for(&s.index, &theme, 3, None)?;
        let kwic = if asked.is_empty() {
            None
        } else {
            let filters = [("theme".to_string(), theme.clone())];
            Some(kwic::kwic_limited(
                &s.index,
                &s.analyzer,
                &asked,
                &filters,
                50,
                KWIC_PASSAGES,
            )?)
        };
        Ok(ThemeData {
            overview,
            terms,
            quotes,
            kwic,
        })
    })
    .await
    .map_err(|e| PageError(e, lang))?;
    let report = &data.overview.by_session;
    let row = report.themes.iter().find(|t| t.id == id);
    let label = theme_label(&state, &id, lang);
    let co = &data.overview.cooccurrence;
    let mut together: Vec<(String, u64, f64)> = Vec::new();
    if let Some(i) = co.themes.iter().position(|t| *t == id) {
        let own = co.counts[i][i];
        for (j, other) in co.themes.iter().enumerate() {
            if j != i && co.counts[i][j] > 0 {
                together.push((
                    other.clone(),
                    co.counts[i][j],
                    crate::report::share(co.counts[i][j], own),
                ));
            }
        }
    }
    together.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let body = html! {
        h1 { (label) }
        p.lead { (if lang == Lang::En { &lexicon.description_en } else { &lexicon.description }) }
        p.muted { code { (lexicon.id) } " · " (lang.t("leksikon versi", "lexicon version")) " " (lexicon.version)
                  " · " (lang.t("ambang skor", "score threshold")) " " (lexicon.threshold) }
        @if let Some(row) = row {
            div.cards {
                a.card href=(passages_link(lang, &[("tema", &id)])) { b { (number(lang, row.passages)) } (lang.t("bagian", "passages")) }
                div.card { b { (percent(row.share)) } (lang.t("dari semua bagian", "of all passages")) }
                div.card { b { (number(lang, row.documents)) } (lang.t("dokumen sumber", "source documents")) }
                div.card { b { (number(lang, row.speakers)) } (lang.t("penutur bernama", "named speakers")) }
            }
            h2 { (lang.t("Menurut sesi", "By session")) }
            div.scroll { table.data {
                tr { th { (lang.t("Sesi", "Session")) } th { (lang.t("Bagian", "Passages")) } th { (lang.t("% bagian sesi", "% of session")) } }
                @for cell in &row.cells {
                    tr {
                        td { (cell.value) }
                        td.n { @if cell.value == MISSING_VALUE { (number(lang, cell.passages)) } @else {
                            a href=(passages_link(lang, &[("tema", &id), ("sesi", &cell.value)])) { (number(lang, cell.passages)) } } }
                        td.n { (percent(cell.share)) }
                    }
                }
            } }
        }
        div.two {
            section {
                h2 { (lang.t("Akar kata dan frasa teratas", "Top roots and phrases")) }
                p.muted { (lang.t("Dihitung dari ", "Counted in ")) (number(lang, data.terms.1)) (lang.t(" bagian bertema ini", " passages with this theme"))
                    @if data.terms.1 as usize >= super::cache::TOP_TERMS_PASSAGES { (lang.t(" (yang pertama di indeks)", " (the first in the index)")) } "." }
                table.data {
                    tr { th { (lang.t("Akar / frasa", "Root / phrase")) } th { (lang.t("Contoh", "Example")) } th { (lang.t("Bagian", "Passages")) } }
                    @for term in &data.terms.0 {
                        @let q = if term.example.contains(' ') { format!("\"{}\"", term.example) } else { term.example.clone() };
                        tr {
                            td { (term.term) }
                            td { a href=(lang.link(&format!("/tema/{id}"), &[("kata", &term.example)])) { (term.example) } }
                            td.n { a href=(passages_link(lang, &[("q", &q), ("tema", &id)])) { (number(lang, term.passages)) } }
                        }
                    }
                }
            }
            section {
                h2 { (lang.t("Tema yang muncul bersama", "Themes raised with it")) }
                p.muted { (lang.t("Bagian yang menyinggung kedua tema, dan persentasenya dari bagian tema ini.",
                                  "Passages with both themes, and their share of this theme's passages.")) }
                table.data {
                    tr { th { (lang.t("Tema", "Theme")) } th { (lang.t("Bagian", "Passages")) } th { "%" } }
                    @for (other, n, share) in &together {
                        tr {
                            td { a href=(lang.link(&format!("/tema/{other}"), &[])) { (theme_label(&state, other, lang)) } }
                            td.n { a href=(passages_link(lang, &[("tema", &id), ("tema", other)])) { (number(lang, *n)) } }
                            td.n { (percent(*share)) }
                        }
                    }
                }
            }
        }
        h2 { (lang.t("Kutipan yang mewakili", "Representative quotes")) }
        @for quote in &data.quotes {
            @let p = &quote.passage;
            blockquote {
                (p.text)
                footer {
                    (p.meta.who()) " · " (p.meta.session) " · " (provenance(p, lang)) " · "
                    a href={ (lang.link("/bagian", &[("id", &p.id)])) "#terpilih" } { (lang.t("lihat dalam dokumen", "view in document")) }
                }
            }
        }
        @if data.quotes.is_empty() { p.empty { (lang.t("Belum ada bagian dengan tema ini.", "No passage has this theme yet.")) } }
        h2 id="kwic" { (lang.t("Kata dalam konteks (KWIC)", "Keyword in context (KWIC)")) }
        form.search method="get" action=(format!("/tema/{id}")) {
            input type="search" name="kata" value=(word) aria-label=(lang.t("Kata atau frasa", "Word or phrase"));
            @if lang == Lang::En { input type="hidden" name="lang" value="en"; }
            button type="submit" { (lang.t("Tampilkan", "Show")) }
        }
        @if let Some((lines, matched)) = &data.kwic {
            p.muted { (number(lang, lines.len() as u64)) " " (lang.t("kemunculan dalam", "occurrences in")) " "
                      (number(lang, (*matched).min(KWIC_PASSAGES) as u64)) " " (lang.t("bagian bertema ini", "passages with this theme"))
                      @if *matched > KWIC_PASSAGES { " (" (lang.t("dari", "of")) " " (number(lang, *matched as u64)) ")" }
                      @if lines.len() > KWIC_LINES { "; " (KWIC_LINES) " " (lang.t("pertama ditampilkan", "first shown")) } }
            div.scroll { table.kwic {
                @for line in lines.iter().take(KWIC_LINES) {
                    tr {
                        td.left { (line.left) }
                        td.key { mark { (line.keyword) } }
                        td.right { (line.right) }
                        td.src { a href={ (lang.link("/bagian", &[("id", &line.passage_id)])) "#terpilih" } { (line.provenance.file) ":" (line.provenance.line) } }
                    }
                }
            } }
        }
        h2 { (lang.t("Leksikon", "Lexicon")) }
        div.scroll { table.data {
            tr { th { (lang.t("Pola", "Pattern")) } th { (lang.t("Jenis", "Kind")) } th { (lang.t("Bobot", "Weight")) } th { (lang.t("Catatan", "Note")) } }
            @for entry in &entries {
                tr {
                    td { code { (entry.pattern) } }
                    td { (entry.kind.name()) }
                    td.n { (entry.weight) }
                    td.text { (entry.note.as_deref().unwrap_or("")) }
                }
            }
        } }
        @if !lexicon.exclude.is_empty() {
            h3 { (lang.t("Konteks yang dikecualikan", "Excluded contexts")) }
            ul { @for e in &lexicon.exclude { li { code { (e) } } } }
        }
    };
    Ok(page_at(lang, &here, &label, "tema", body))
}

// ---------------------------------------------------------------------------------------
// Ekspor

/// `GET /ekspor`: the current view (the whole round, or a search's query and filters) as CSV,
/// XLSX, the HTML report or REFI-QDA.
pub async fn export(
    Shared(state): Shared<super::State>,
    RawQuery(raw): RawQuery,
) -> Result<Markup, PageError> {
    let (lang, pairs, here) = read("/ekspor", raw);
    let params =
        SearchParams::from_pairs(&pairs, &state.lexicons).map_err(|e| PageError(e, lang))?;
    let dimension = super::export::dimension(&pairs).map_err(|e| PageError(e, lang))?;
    let mut base = params.link_pairs();
    base.retain(|(k, _)| *k != "per");
    base.push(("menurut", dimension));
    let formats = [
        (
            "csv",
            "CSV",
            lang.t("tabel untuk spreadsheet", "a table for spreadsheets"),
        ),
        (
            "xlsx",
            "XLSX",
            lang.t(
                "buku kerja Excel, satu lembar per tabel",
                "an Excel workbook, one sheet per table",
            ),
        ),
        (
            "html",
            "HTML",
            lang.t(
                "laporan satu halaman dengan grafik",
                "a one-page report with charts",
            ),
        ),
        (
            "qdpx",
            "REFI-QDA (.qdpx)",
            lang.t(
                "proyek untuk NVivo, ATLAS.ti, MAXQDA",
                "a project for NVivo, ATLAS.ti, MAXQDA",
            ),
        ),
    ];
    let body = html! {
        h1 { (lang.t("Ekspor", "Export")) }
        @if params.is_everything() {
            p { (lang.t("Tampilan saat ini: seluruh putaran, tema menurut ", "Current view: the whole round, themes by ")) strong { (dimension_label(dimension, lang)) } "." }
        } @else {
            p { (lang.t("Tampilan saat ini: hasil pencarian", "Current view: the search")) " "
                @if !params.query.is_empty() { code { (params.query) } " " }
                @for (param, value) in &params.filters { span.chip { (filter_name(param, lang)) ": " (filter_value(&state, param, value, lang)) } " " }
                "(" a href=(lang.link("/cari", &params.link_pairs())) { (lang.t("buka", "open")) } ")." }
            p.muted { (lang.t("CSV, XLSX dan REFI-QDA memuat paling banyak ", "CSV, XLSX and REFI-QDA hold at most "))
                (number(lang, super::export::MAX_EXPORT_HITS as u64)) (lang.t(" bagian teratas; laporan HTML menghitung semua bagian yang cocok.",
                " top passages; the HTML report counts every matching passage.")) }
        }
        form.search method="get" action="/ekspor" {
            @for (k, v) in params.link_pairs() { @if k != "per" { input type="hidden" name=(k) value=(v); } }
            label { (lang.t("Tema menurut ", "Themes by "))
                select name="menurut" {
                    @for d in crate::report::DIMENSIONS { option value=(d) selected[d == dimension] { (dimension_label(d, lang)) } }
                }
            }
            @if lang == Lang::En { input type="hidden" name="lang" value="en"; }
            button type="submit" { (lang.t("Ganti", "Change")) }
        }
        ul.exports {
            @for (format, name, what) in formats {
                li { a href=(lang.link(&format!("/ekspor/{format}"), &base)) download { (name) } " — " (what) }
            }
        }
    };
    Ok(page_at(
        lang,
        &here,
        lang.t("Ekspor", "Export"),
        "ekspor",
        body,
    ))
}
