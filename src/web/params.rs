//! Query strings: read once into pairs (a key may repeat, as `tema` does), then checked into
//! what a page needs. Every mistake is a 400 with a message in Bahasa Indonesia that says
//! which parameter and what is allowed; nothing a request supplies is unwrapped.

use crate::classify::LexiconSet;
use crate::search::{SearchRequest, Sort};

use super::error::WebError;

/// Longest query text accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 1_000;
/// Most hits on one page.
pub const MAX_PER_PAGE: usize = 100;
/// Hits shown on a page unless `per` says otherwise.
pub const DEFAULT_PER_PAGE: usize = 20;
/// How deep paging may go (offset plus page size).
pub const MAX_RESULTS: usize = 10_000;
/// Most filter values in one request.
pub const MAX_FILTERS: usize = 20;

/// The filters of the search page: query parameter, index field, Indonesian and English name.
pub const FILTERS: [(&str, &str, &str, &str); 7] = [
    ("tema", "theme", "Tema", "Theme"),
    ("sesi", "session", "Sesi", "Session"),
    (
        "kelompok",
        "stakeholder",
        "Kelompok pemangku kepentingan",
        "Stakeholder group",
    ),
    ("provinsi", "region", "Provinsi", "Region"),
    ("penutur", "speaker", "Penutur", "Speaker"),
    ("tanggal", "date", "Tanggal", "Date"),
    ("putaran", "round", "Putaran", "Round"),
];

/// The query string as `(key, value)` pairs, decoded.
pub fn pairs(raw: Option<&str>) -> Vec<(String, String)> {
    form_urlencoded::parse(raw.unwrap_or("").as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// The last value of `key`, if given.
pub fn value<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs
        .iter()
        .rev()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// A positive whole number, or a 400 naming the parameter.
fn positive(name: &str, text: &str, what: &str) -> Result<usize, WebError> {
    match text.trim().parse::<usize>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(WebError::BadRequest(format!(
            "{what} (parameter {name}) harus bilangan bulat 1 atau lebih, bukan {text:?}."
        ))),
    }
}

/// What the search page, the search API and the exports are asked for.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchParams {
    pub query: String,
    /// `(query parameter, value)`, e.g. `("tema", "lansia")`, in the order given.
    pub filters: Vec<(String, String)>,
    /// From 1.
    pub page: usize,
    pub per_page: usize,
    pub sort: Sort,
}

impl SearchParams {
    /// Reads and checks `q`, the filters, `halaman`, `per` and `urut`.
    pub fn from_pairs(
        pairs: &[(String, String)],
        lexicons: &LexiconSet,
    ) -> Result<SearchParams, WebError> {
        let query = value(pairs, "q").unwrap_or("").trim().to_string();
        if query.chars().count() > MAX_QUERY_CHARS {
            return Err(WebError::BadRequest(format!(
                "Kueri terlalu panjang: paling banyak {MAX_QUERY_CHARS} karakter."
            )));
        }
        let mut filters = Vec::new();
        for (key, value) in pairs {
            let Some((param, ..)) = FILTERS.iter().find(|(p, ..)| p == key) else {
                continue;
            };
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            if *param == "tema" && lexicons.get(value).is_none() {
                let known: Vec<&str> = lexicons.lexicons().iter().map(|l| l.id.as_str()).collect();
                return Err(WebError::BadRequest(format!(
                    "Tema {value:?} tidak dikenal. Tema yang ada: {}.",
                    known.join(", ")
                )));
            }
            if !filters.contains(&(param.to_string(), value.to_string())) {
                filters.push((param.to_string(), value.to_string()));
            }
        }
        if filters.len() > MAX_FILTERS {
            return Err(WebError::BadRequest(format!(
                "Terlalu banyak saringan: paling banyak {MAX_FILTERS}."
            )));
        }
        let page = match value(pairs, "halaman") {
            Some(text) => positive("halaman", text, "Nomor halaman")?,
            None => 1,
        };
        let per_page = match value(pairs, "per") {
            Some(text) => positive("per", text, "Jumlah hasil per halaman")?,
            None => DEFAULT_PER_PAGE,
        };
        if per_page > MAX_PER_PAGE {
            return Err(WebError::BadRequest(format!(
                "Jumlah hasil per halaman (parameter per) paling banyak {MAX_PER_PAGE}."
            )));
        }
        if page.saturating_mul(per_page) > MAX_RESULTS {
            return Err(WebError::BadRequest(format!(
                "Halaman {page} terlalu jauh: hanya {MAX_RESULTS} hasil pertama yang dapat \
                 dibuka; persempit pencarian dengan kata atau saringan."
            )));
        }
        let sort = match value(pairs, "urut").unwrap_or("relevansi") {
            "relevansi" | "relevance" | "" => Sort::Relevance,
            "tanggal" | "date" => Sort::Date,
            other => {
                return Err(WebError::BadRequest(format!(
                    "Urutan {other:?} tidak dikenal (parameter urut): pilih relevansi atau tanggal."
                )))
            }
        };
        Ok(SearchParams {
            query,
            filters,
            page,
            per_page,
            sort,
        })
    }

    /// The library's request for this page of hits.
    pub fn request(&self) -> SearchRequest {
        SearchRequest {
            query: self.query.clone(),
            filters: self
                .filters
                .iter()
                .filter_map(|(param, value)| {
                    FILTERS
                        .iter()
                        .find(|(p, ..)| p == param)
                        .map(|(_, field, ..)| (field.to_string(), value.clone()))
                })
                .collect(),
            limit: self.per_page,
            offset: (self.page - 1) * self.per_page,
            sort: self.sort,
        }
    }

    /// Neither a query nor a filter: the whole round.
    pub fn is_everything(&self) -> bool {
        self.query.is_empty() && self.filters.is_empty()
    }

    /// The query string of this search (first page), for links.
    pub fn link_pairs(&self) -> Vec<(&str, &str)> {
        let mut pairs = Vec::new();
        if !self.query.is_empty() {
            pairs.push(("q", self.query.as_str()));
        }
        for (param, value) in &self.filters {
            pairs.push((param.as_str(), value.as_str()));
        }
        if self.sort == Sort::Date {
            pairs.push(("urut", "tanggal"));
        }
        if self.per_page != DEFAULT_PER_PAGE {
            pairs.push(("per", per_page_text(self.per_page)));
        }
        pairs
    }

    /// Whether `(param, value)` is one of the filters.
    pub fn has_filter(&self, param: &str, value: &str) -> bool {
        self.filters.iter().any(|(p, v)| p == param && v == value)
    }
}

/// Page sizes offered in the search form, as text (links need `&str`).
fn per_page_text(n: usize) -> &'static str {
    match n {
        10 => "10",
        50 => "50",
        100 => "100",
        _ => "20",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owned(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn reads_filters_pages_and_rejects_nonsense() {
        let lexicons = LexiconSet::embedded();
        let params = SearchParams::from_pairs(
            &owned(&[
                ("q", "lansia"),
                ("tema", "lansia"),
                ("provinsi", "Bali"),
                ("halaman", "2"),
            ]),
            &lexicons,
        )
        .unwrap();
        let request = params.request();
        assert_eq!(request.offset, DEFAULT_PER_PAGE);
        assert_eq!(
            request.filters,
            [
                ("theme".into(), "lansia".into()),
                ("region".into(), "Bali".into())
            ]
        );
        for bad in [
            &[("halaman", "0")][..],
            &[("halaman", "dua")],
            &[("per", "1000")],
            &[("halaman", "100000")],
            &[("tema", "bukan_tema")],
            &[("urut", "acak")],
        ] {
            assert!(
                matches!(
                    SearchParams::from_pairs(&owned(bad), &lexicons),
                    Err(WebError::BadRequest(_))
                ),
                "{bad:?}"
            );
        }
    }
}
