//! Province names: what people type ("jatim", "Prov. Sulsel", "DIY") to the canonical name
//! ("Jawa Timur"), so reports by region count one province once. The table is data in
//! `lang/id/provinces.txt`.

use std::collections::HashMap;
use std::sync::OnceLock;

const TABLE: &str = include_str!("../../lang/id/provinces.txt");

fn fold(name: &str) -> String {
    let lowered = name.to_lowercase().replace('.', "");
    let mut words: Vec<&str> = lowered.split_whitespace().collect();
    if matches!(
        words.first(),
        Some(&"provinsi") | Some(&"prov") | Some(&"propinsi")
    ) {
        words.remove(0);
    }
    words.join(" ")
}

fn table() -> &'static HashMap<String, &'static str> {
    static TABLE_MAP: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    TABLE_MAP.get_or_init(|| {
        let mut map = HashMap::new();
        for line in TABLE.lines().filter(|l| !l.trim_start().starts_with('#')) {
            let mut names = line.split('|').map(str::trim).filter(|n| !n.is_empty());
            let Some(canonical) = names.next() else {
                continue;
            };
            map.insert(fold(canonical), canonical);
            for alias in names {
                map.insert(fold(alias), canonical);
            }
        }
        map
    })
}

/// The canonical province name for what was typed, if it is a known province.
pub fn canonical_province(typed: &str) -> Option<&'static str> {
    table().get(&fold(typed)).copied()
}

/// The canonical name when known, else the typed value with its spacing tidied.
pub fn province_or_typed(typed: &str) -> String {
    canonical_province(typed)
        .map(str::to_string)
        .unwrap_or_else(|| typed.split_whitespace().collect::<Vec<_>>().join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_abbreviations_and_prefixes() {
        assert_eq!(canonical_province("jatim"), Some("Jawa Timur"));
        assert_eq!(canonical_province("Prov. Sulsel"), Some("Sulawesi Selatan"));
        assert_eq!(canonical_province("D.I. Yogyakarta"), Some("DI Yogyakarta"));
        assert_eq!(
            canonical_province("nusa tenggara  timur"),
            Some("Nusa Tenggara Timur")
        );
        assert_eq!(canonical_province("Atlantis"), None);
        assert_eq!(province_or_typed(" Atlantis  Raya"), "Atlantis Raya");
    }
}
