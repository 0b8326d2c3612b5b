//! Importing LIWC dictionaries (`.dic`): the category table between the first two `%`
//! lines, then one word a line with the numbers of its categories. Each category becomes a
//! lexicon; `word*` becomes a prefix entry, other words analysed entries (so the Indonesian
//! stemmer applies) or, with `exact`, exact entries. LIWC's conditional entries
//! (`like 02 134)02/131`) have no equivalent and are reported and skipped.

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::{Error, Result};

use super::lexicon::{Entry, EntryKind, Lexicon};

/// What an import made and what it skipped.
#[derive(Debug, Default)]
pub struct Imported {
    pub lexicons: Vec<Lexicon>,
    /// Lines passed over, with the reason, as `file:line: reason`.
    pub skipped: Vec<String>,
}

/// Reads a LIWC `.dic` file.
pub fn import_liwc(path: &Path, exact: bool) -> Result<Imported> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let mut lines = text.lines().enumerate();
    let first = lines.by_ref().find(|(_, l)| !l.trim().is_empty());
    if first.map(|(_, l)| l.trim()) != Some("%") {
        return Err(Error::bad_input(
            path,
            Some(1),
            "a LIWC dictionary starts with a line `%`",
        ));
    }
    let mut categories: BTreeMap<String, String> = BTreeMap::new();
    let mut closed = false;
    for (index, line) in lines.by_ref() {
        let line = line.trim();
        if line == "%" {
            closed = true;
            break;
        }
        if line.is_empty() {
            continue;
        }
        let Some((number, name)) = line.split_once(char::is_whitespace) else {
            return Err(Error::bad_input(
                path,
                Some(index as u64 + 1),
                "expected `number<TAB>category`",
            ));
        };
        categories.insert(number.to_string(), name.trim().to_string());
    }
    if !closed {
        return Err(Error::bad_input(
            path,
            None,
            "the category table is not closed by a second `%` line",
        ));
    }
    let mut entries: BTreeMap<String, Vec<Entry>> = BTreeMap::new();
    let mut imported = Imported::default();
    for (index, line) in lines {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let location = format!("{}:{}", path.display(), index + 1);
        let fields: Vec<&str> = line.split('\t').collect();
        let (word, numbers) = if fields.len() > 1 {
            (fields[0].trim(), fields[1..].join(" "))
        } else {
            // space separated: the word is everything before the first number
            let split = line.find(|c: char| c.is_whitespace()).unwrap_or(line.len());
            (line[..split].trim(), line[split..].to_string())
        };
        if numbers.contains(['(', ')', '/']) {
            imported
                .skipped
                .push(format!("{location}: conditional entry {word:?} skipped"));
            continue;
        }
        let (kind, pattern) = match word.strip_suffix('*') {
            Some(stem) => (EntryKind::Prefix, stem.to_lowercase()),
            None if exact => (EntryKind::Exact, word.to_lowercase()),
            None => (EntryKind::Analysed, word.to_lowercase()),
        };
        for number in numbers.split_whitespace() {
            match categories.get(number) {
                Some(category) => entries.entry(category.clone()).or_default().push(Entry {
                    pattern: pattern.clone(),
                    kind,
                    weight: 1.0,
                    note: None,
                }),
                None => imported.skipped.push(format!(
                    "{location}: {word:?} names unknown category {number}"
                )),
            }
        }
    }
    let source = path.file_name().and_then(|n| n.to_str()).unwrap_or("LIWC");
    for (category, entries) in entries {
        let id: String = category
            .to_lowercase()
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        imported.lexicons.push(Lexicon {
            id,
            version: "1.0.0".into(),
            label: category.clone(),
            label_en: category.clone(),
            description: format!("Diimpor dari kamus LIWC {source}."),
            description_en: format!("Imported from the LIWC dictionary {source}."),
            threshold: 1.0,
            terms: Vec::new(),
            entries,
            exclude: Vec::new(),
        });
    }
    Ok(imported)
}

/// Writes imported lexicons as TOML files into `dir` (one per category).
pub fn write_lexicons(lexicons: &[Lexicon], dir: &Path) -> Result<Vec<std::path::PathBuf>> {
    std::fs::create_dir_all(dir).map_err(|e| Error::write(dir, e))?;
    let mut written = Vec::new();
    for lexicon in lexicons {
        let path = dir.join(format!("{}.toml", lexicon.id));
        let text = toml::to_string(lexicon).map_err(|e| Error::Config {
            path: path.clone(),
            message: e.to_string(),
        })?;
        std::fs::write(&path, text).map_err(|e| Error::write(&path, e))?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::LexiconSet;

    #[test]
    fn imports_categories_words_and_prefixes_and_reloads() {
        let dir = tempfile::tempdir().unwrap();
        let dic = dir.path().join("kamus.dic");
        std::fs::write(
            &dic,
            "%\n1\tlansia\n2\tMiskin Ekstrem\n%\nlansia\t1\njompo*\t1\nmiskin\t2\nfakir miskin\t2\nlike\t02 134)02/131\nzzz\t9\n",
        )
        .unwrap();
        let imported = import_liwc(&dic, false).unwrap();
        assert_eq!(imported.lexicons.len(), 2);
        assert_eq!(imported.skipped.len(), 2, "{:?}", imported.skipped);
        assert!(
            imported.skipped[0].ends_with(":9: conditional entry \"like\" skipped"),
            "{:?}",
            imported.skipped
        );
        let lansia = imported.lexicons.iter().find(|l| l.id == "lansia").unwrap();
        assert_eq!(lansia.entries[1].kind, EntryKind::Prefix);
        assert_eq!(lansia.entries[1].pattern, "jompo");
        assert!(imported.lexicons.iter().any(|l| l.id == "miskin_ekstrem"));

        let out = dir.path().join("leksikon");
        write_lexicons(&imported.lexicons, &out).unwrap();
        let set = LexiconSet::load_dir(&out).unwrap();
        assert_eq!(set.lexicons().len(), 2);
    }

    #[test]
    fn a_file_without_the_header_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let dic = dir.path().join("x.dic");
        std::fs::write(&dic, "lansia 1\n").unwrap();
        let err = import_liwc(&dic, false).unwrap_err().to_string();
        assert!(err.contains("x.dic:1"), "{err}");
    }
}
