//! The page frame and what every page shares: the language (Bahasa Indonesia, or English with
//! `?lang=en`), links that keep it, the navigation, and small pieces of markup. Pages are
//! written with maud, which escapes every value it interpolates: text from the round (public
//! submissions) can never become markup. The only pre-rendered markup inserted as is comes
//! from the report's chart functions, which escape their text themselves.

use maud::{html, Markup, PreEscaped, DOCTYPE};

use crate::report::render::Language;

/// The language of the page chrome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Id,
    En,
}

impl Lang {
    /// `lang=en` in a query string gives English; anything else Bahasa Indonesia.
    pub fn from_pairs(pairs: &[(String, String)]) -> Lang {
        match pairs.iter().find(|(k, _)| k == "lang") {
            Some((_, v)) if v == "en" => Lang::En,
            _ => Lang::Id,
        }
    }

    /// The Indonesian or the English text.
    pub fn t(self, id: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::Id => id,
            Lang::En => en,
        }
    }

    /// The report language of the same choice.
    pub fn report(self) -> Language {
        match self {
            Lang::Id => Language::Id,
            Lang::En => Language::En,
        }
    }

    /// `path` with the query `pairs` (encoded), keeping the page language.
    pub fn link(self, path: &str, pairs: &[(&str, &str)]) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        for (key, value) in pairs {
            query.append_pair(key, value);
        }
        if self == Lang::En {
            query.append_pair("lang", "en");
        }
        let query = query.finish();
        if query.is_empty() {
            path.to_string()
        } else {
            format!("{path}?{query}")
        }
    }
}

/// Thousands separated the Indonesian way (`1.234.567`) or the English way.
pub fn number(lang: Lang, n: u64) -> String {
    let digits = n.to_string();
    let separator = lang.t(".", ",");
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(separator);
        }
        out.push(c);
    }
    out
}

/// A share (0-1) as a percentage with one decimal.
pub fn percent(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

/// Where a page is: its path and query (without `lang` and `token`), for the language switch.
#[derive(Debug, Clone, Default)]
pub struct Here {
    pub path: String,
    pub pairs: Vec<(String, String)>,
}

impl Here {
    pub fn new(path: &str, pairs: &[(String, String)]) -> Here {
        Here {
            path: path.to_string(),
            pairs: pairs
                .iter()
                .filter(|(k, _)| k != "lang" && k != "token")
                .cloned()
                .collect(),
        }
    }

    /// This page in the other language.
    fn switched(&self, to: Lang) -> String {
        let pairs: Vec<(&str, &str)> = self
            .pairs
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let link = to.link(&self.path, &pairs);
        if to == Lang::Id && pairs.is_empty() {
            format!("{link}?lang=id")
        } else {
            link
        }
    }
}

/// The whole page: head, navigation (with `current` marked), the body, a footer.
pub fn page(lang: Lang, title: &str, current: &str, body: Markup) -> Markup {
    page_at(lang, &Here::new("/", &[]), title, current, body)
}

/// [`page`] knowing where it is, so the language switch keeps the query.
pub fn page_at(lang: Lang, here: &Here, title: &str, current: &str, body: Markup) -> Markup {
    let nav = [
        ("/", lang.t("Beranda", "Dashboard"), "beranda"),
        ("/cari", lang.t("Cari", "Search"), "cari"),
        ("/tema", lang.t("Tema", "Themes"), "tema"),
        ("/ekspor", lang.t("Ekspor", "Export"), "ekspor"),
        ("/api", "API", "api"),
    ];
    let other = match lang {
        Lang::Id => ("English", here.switched(Lang::En)),
        Lang::En => ("Bahasa Indonesia", here.switched(Lang::Id)),
    };
    html! {
        (DOCTYPE)
        html lang=(lang.t("id", "en")) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · aspirasi" }
                link rel="stylesheet" href="/aset/gaya.css";
            }
            body {
                header.top {
                    a.brand href=(lang.link("/", &[])) { "aspirasi" }
                    nav {
                        @for (href, name, key) in nav {
                            @if key == current {
                                a.current href=(lang.link(href, &[])) aria-current="page" { (name) }
                            } @else {
                                a href=(lang.link(href, &[])) { (name) }
                            }
                        }
                    }
                    a.lang href=(other.1) { (other.0) }
                }
                main { (body) }
                footer.bottom {
                    (lang.t("aspirasi · hanya membaca indeks · setiap angka dihitung tepat dari indeks",
                            "aspirasi · reads the index only · every number is counted exactly from the index"))
                }
            }
        }
    }
}

/// Markup made by the report module's chart functions, which escape all text themselves.
pub fn chart(svg_or_table: String) -> Markup {
    PreEscaped(svg_or_table)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_keep_the_language_and_encode_values() {
        assert_eq!(
            Lang::En.link("/cari", &[("provinsi", "Jawa Timur"), ("q", "a&b")]),
            "/cari?provinsi=Jawa+Timur&q=a%26b&lang=en"
        );
        assert_eq!(Lang::Id.link("/", &[]), "/");
        assert_eq!(number(Lang::Id, 1234567), "1.234.567");
        assert_eq!(number(Lang::En, 999), "999");
    }
}
