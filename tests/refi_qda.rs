//! REFI-QDA export of the hand-checked fixture round (`tests/fixtures/ronde-uji`: 9 passages in
//! 3 documents, 7 of them with a theme), through the library: the `.qdpx` zip holds what the
//! standard asks for, every coded selection points at exactly its passage's text in the source
//! file, `project.qde` validates against the published REFI-QDA schema (`tests/refi-qda`, with
//! `xmllint`), and the `.qdc` codebook is well formed.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use aspirasi::analyse::Analyzer;
use aspirasi::classify::{Classifier, LexiconSet};
use aspirasi::export::qdpx::{write_qdc, write_qdpx, write_qdpx_at, ExportSummary};
use aspirasi::index::PassageIndex;
use aspirasi::Passage;

/// A project name with every character XML must escape.
const PROJECT_NAME: &str = "Ronde <uji> & \"tes\" 'kutip'";

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ronde-uji")
}

fn schema() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/refi-qda/Project.xsd")
}

/// The fixture round ingested into `dir/index` with the shipped lexicons.
fn fixture_index(dir: &Path) -> PassageIndex {
    let classifier = Classifier::new(Analyzer::indonesian(), LexiconSet::embedded());
    let index = PassageIndex::open_or_create(&dir.join("index"), classifier.analyzer()).unwrap();
    let report = aspirasi::pipeline::ingest_paths(&index, &classifier, &[fixture()]).unwrap();
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    index
}

fn passages(index: &PassageIndex) -> Vec<Passage> {
    let searcher = index.searcher().unwrap();
    let mut passages = Vec::new();
    for segment in searcher.segment_readers() {
        let store = segment.get_store_reader(64).unwrap();
        for doc in segment.doc_ids_alive() {
            passages.push(index.to_passage(&store.get(doc).unwrap()));
        }
    }
    passages
}

/// Every file in the zip, by name.
fn unzip(path: &Path) -> BTreeMap<String, String> {
    let file = std::fs::File::open(path).unwrap();
    let mut archive = zip::ZipArchive::new(file).unwrap();
    let mut files = BTreeMap::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().unwrap().into_owned();
        let mut content = String::new();
        entry
            .read_to_string(&mut content)
            .unwrap_or_else(|e| panic!("{name} is not UTF-8 text: {e}"));
        files.insert(name, content);
    }
    files
}

/// An XML start tag: its name, attributes (unescaped) and byte offset in the document.
#[derive(Debug)]
struct Tag {
    name: String,
    at: usize,
    attributes: HashMap<String, String>,
}

impl Tag {
    fn get(&self, name: &str) -> &str {
        self.attributes
            .get(name)
            .unwrap_or_else(|| panic!("<{}> without {name}: {self:?}", self.name))
    }
}

fn unescape(value: &str) -> String {
    let mut out = String::new();
    let mut rest = value;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let semicolon = rest[amp..].find(';').expect("unterminated entity") + amp;
        let entity = &rest[amp + 1..semicolon];
        let c = match entity {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            _ => {
                let number = entity.strip_prefix('#').expect("unknown entity");
                char::from_u32(number.parse().expect("decimal reference")).unwrap()
            }
        };
        out.push(c);
        rest = &rest[semicolon + 1..];
    }
    out.push_str(rest);
    out
}

/// Start tags named `names`, in document order (enough for the XML the exporter writes:
/// attribute values never hold a raw `>`, escaping guarantees it).
fn tags(xml: &str, names: &[&str]) -> Vec<Tag> {
    let mut found = Vec::new();
    for name in names {
        let opening = format!("<{name} ");
        let mut from = 0;
        while let Some(start) = xml[from..].find(&opening).map(|i| i + from) {
            let end = xml[start..].find('>').unwrap() + start;
            let mut attributes = HashMap::new();
            let mut body = xml[start + opening.len()..end].trim_end_matches('/').trim();
            while let Some(eq) = body.find("=\"") {
                let key = body[..eq].trim().to_string();
                let value_end = body[eq + 2..].find('"').unwrap() + eq + 2;
                attributes.insert(key, unescape(&body[eq + 2..value_end]));
                body = body[value_end + 1..].trim_start();
            }
            found.push(Tag {
                name: name.to_string(),
                at: start,
                attributes,
            });
            from = end;
        }
    }
    found.sort_by_key(|t| t.at);
    found
}

fn is_guid(value: &str) -> bool {
    let groups: Vec<&str> = value.split('-').collect();
    groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
        && groups
            .iter()
            .all(|g| g.chars().all(|c| c.is_ascii_hexdigit()))
}

/// `text[start..end]` in Unicode code points.
fn slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

/// Runs xmllint; a missing xmllint fails the test with the fix.
fn xmllint(args: &[&std::ffi::OsStr]) -> std::process::Output {
    match Command::new("xmllint").args(args).output() {
        Ok(output) => output,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => panic!(
            "xmllint is not installed, so the REFI-QDA export cannot be validated against \
             tests/refi-qda/Project.xsd: install it with `apt-get install libxml2-utils` \
             (.ci/run does this)"
        ),
        Err(e) => panic!("cannot run xmllint: {e}"),
    }
}

fn validate(qde: &Path) -> std::process::Output {
    xmllint(&[
        "--noout".as_ref(),
        "--schema".as_ref(),
        schema().as_os_str(),
        qde.as_os_str(),
    ])
}

#[test]
fn the_fixture_round_exports_as_a_refi_qda_project() {
    let dir = tempfile::tempdir().unwrap();
    let index = fixture_index(dir.path());
    let passages = passages(&index);
    assert_eq!(passages.len(), 9);
    let themed: Vec<&Passage> = passages.iter().filter(|p| !p.themes.is_empty()).collect();
    assert_eq!(themed.len(), 7);
    let documents: BTreeSet<&str> = passages.iter().map(|p| p.doc_id.as_str()).collect();
    let speakers: BTreeSet<&str> = passages
        .iter()
        .filter_map(|p| p.meta.speaker.as_deref())
        .collect();

    let qdpx = dir.path().join("ronde-uji.qdpx");
    let summary = write_qdpx(&index, &LexiconSet::embedded(), PROJECT_NAME, &qdpx).unwrap();
    assert_eq!(
        summary,
        ExportSummary {
            sources: documents.len(),
            cases: speakers.len(),
            codes: 14,
            selections: 7,
        }
    );
    assert_eq!(documents.len(), 3);

    // The zip: project.qde and one text per document, nothing else.
    let files = unzip(&qdpx);
    let qde = files.get("project.qde").expect("project.qde in the zip");
    let texts: Vec<&String> = files
        .keys()
        .filter(|name| name.starts_with("sources/") && name.ends_with(".txt"))
        .collect();
    assert_eq!(texts.len(), 3, "{:?}", files.keys());
    assert_eq!(files.len(), 4, "{:?}", files.keys());

    // The project element, escaped name and origin.
    let project = &tags(qde, &["Project"])[0];
    assert_eq!(project.get("name"), PROJECT_NAME);
    assert_eq!(
        project.get("origin"),
        format!("aspirasi {}", env!("CARGO_PKG_VERSION"))
    );
    assert!(qde.contains("xmlns=\"urn:QDA-XML:project:1.0\""));

    // Codes: one per theme, named by the Indonesian label.
    let lexicons = LexiconSet::embedded();
    let codes = tags(qde, &["Code"]);
    assert_eq!(codes.len(), 14);
    let code_names: HashMap<&str, &str> = codes
        .iter()
        .map(|c| (c.get("guid"), c.get("name")))
        .collect();
    let labels: BTreeSet<&str> = lexicons
        .lexicons()
        .iter()
        .map(|l| l.label.as_str())
        .collect();
    assert_eq!(
        code_names.values().copied().collect::<BTreeSet<_>>(),
        labels
    );

    // Every GUID is well formed and unique; every reference points at something that exists.
    let all = tags(
        qde,
        &[
            "User",
            "Code",
            "Variable",
            "Case",
            "TextSource",
            "PlainTextSelection",
            "Coding",
        ],
    );
    let guids: Vec<&str> = all.iter().map(|t| t.get("guid")).collect();
    assert!(guids.iter().all(|g| is_guid(g)), "{guids:?}");
    assert_eq!(guids.iter().collect::<BTreeSet<_>>().len(), guids.len());
    let targets = |kind: &str| -> BTreeSet<&str> {
        all.iter()
            .filter(|t| t.name == kind)
            .map(|t| t.get("guid"))
            .collect()
    };
    for (reference, kind) in [
        ("CodeRef", "Code"),
        ("SourceRef", "TextSource"),
        ("VariableRef", "Variable"),
    ] {
        let existing = targets(kind);
        for tag in tags(qde, &[reference]) {
            assert!(existing.contains(tag.get("targetGUID")), "{tag:?}");
        }
    }

    // Cases: one per named speaker.
    let cases = tags(qde, &["Case"]);
    let case_names: BTreeSet<&str> = cases.iter().map(|c| c.get("name")).collect();
    assert_eq!(case_names, speakers);

    // Selections: one per themed passage, each exactly its passage's text in its source.
    let mut expected: Vec<(String, String)> = themed
        .iter()
        .map(|p| (p.provenance.file.clone(), p.text.clone()))
        .collect();
    let mut found = Vec::new();
    let mut source: Option<(String, String)> = None;
    let mut by_name: HashMap<String, String> = HashMap::new();
    for tag in tags(qde, &["TextSource", "PlainTextSelection"]) {
        if tag.name == "TextSource" {
            let guid = tag.get("guid");
            assert_eq!(tag.get("plainTextPath"), format!("internal://{guid}.txt"));
            let text = files
                .get(&format!("sources/{guid}.txt"))
                .unwrap_or_else(|| panic!("no sources/{guid}.txt"))
                .clone();
            source = Some((tag.get("name").to_string(), text));
            continue;
        }
        let (file, text) = source.as_ref().expect("a selection inside a TextSource");
        let start: usize = tag.get("startPosition").parse().unwrap();
        let end: usize = tag.get("endPosition").parse().unwrap();
        assert!(start < end && end <= text.chars().count(), "{tag:?}");
        let selected = slice(text, start, end);
        by_name.insert(tag.get("name").to_string(), selected.clone());
        found.push((file.clone(), selected));
    }
    expected.sort();
    found.sort();
    assert_eq!(found, expected);

    // The known passage: Budi Santoso on line 5 of the transcript, lansia and DTKS.
    let (name, text) = by_name
        .iter()
        .find(|(_, text)| text.contains("DTKS"))
        .expect("a selection with DTKS");
    assert!(name.starts_with("Budi Santoso "), "{name}");
    assert!(name.ends_with("rapat.txt:5"), "{name}");
    assert_eq!(text, "Banyak lansia di desa kami belum masuk DTKS.");
    let selection_at = qde.find(&format!("name=\"{name}\"")).unwrap();
    let selection_end = qde[selection_at..].find("</PlainTextSelection>").unwrap() + selection_at;
    let coded: BTreeSet<&str> = tags(&qde[selection_at..selection_end], &["CodeRef"])
        .iter()
        .map(|t| code_names[t.get("targetGUID")])
        .collect();
    let label = |id: &str| lexicons.get(id).unwrap().label.as_str();
    assert!(coded.contains(label("lansia")), "{coded:?}");
    assert!(coded.contains(label("data_sasaran")), "{coded:?}");

    // The source text is the passages in order, each followed by a blank line.
    let rapat = files
        .iter()
        .find(|(name, text)| name.starts_with("sources/") && text.contains("DTKS"))
        .map(|(_, text)| text)
        .expect("the transcript's text");
    assert!(
        rapat.starts_with("Selamat pagi, kita mulai.\n\nBanyak lansia"),
        "{rapat:?}"
    );
    assert!(rapat.ends_with("\n\n"));

    // Validation against the published schema.
    let qde_path = dir.path().join("project.qde");
    std::fs::write(&qde_path, qde).unwrap();
    let output = validate(&qde_path);
    assert!(
        output.status.success(),
        "project.qde does not validate against tests/refi-qda/Project.xsd:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );

    // ... and the validation is real: a project with a code missing isCodable fails it.
    let broken = dir.path().join("broken.qde");
    std::fs::write(&broken, qde.replacen(" isCodable=\"true\"", "", 1)).unwrap();
    assert!(!validate(&broken).status.success());
}

#[test]
fn the_same_index_exports_to_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let index = fixture_index(dir.path());
    let lexicons = LexiconSet::embedded();
    let when = UNIX_EPOCH + Duration::from_secs(1_706_517_045);
    let first = dir.path().join("satu.qdpx");
    let second = dir.path().join("dua.qdpx");
    write_qdpx_at(&index, &lexicons, "uji", &first, when).unwrap();
    write_qdpx_at(&index, &lexicons, "uji", &second, when).unwrap();
    assert_eq!(
        std::fs::read(&first).unwrap(),
        std::fs::read(&second).unwrap()
    );
    let qde = &unzip(&first)["project.qde"];
    assert!(qde.contains("creationDateTime=\"2024-01-29T08:30:45Z\""));

    // A later export keeps every GUID.
    let later = dir.path().join("nanti.qdpx");
    write_qdpx_at(&index, &lexicons, "uji", &later, SystemTime::now()).unwrap();
    let guids = |qde: &str| -> Vec<String> {
        tags(
            qde,
            &["Code", "Case", "TextSource", "PlainTextSelection", "Coding"],
        )
        .iter()
        .map(|t| t.get("guid").to_string())
        .collect()
    };
    assert_eq!(guids(qde), guids(&unzip(&later)["project.qde"]));
}

#[test]
fn the_codebook_exports_alone_as_qdc() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tema.qdc");
    let lexicons = LexiconSet::embedded();
    assert_eq!(write_qdc(&lexicons, &path).unwrap(), 14);
    let qdc = std::fs::read_to_string(&path).unwrap();
    assert!(qdc.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>"));
    assert!(qdc.contains("<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\""));
    assert_eq!(qdc.matches("<Code ").count(), 14);
    assert_eq!(qdc.matches("</Code>").count(), 14);
    let codes = tags(&qdc, &["Code"]);
    for lexicon in lexicons.lexicons() {
        assert!(
            codes
                .iter()
                .any(|c| c.get("name") == lexicon.label && c.get("isCodable") == "true"),
            "no code for {}",
            lexicon.id
        );
    }
    let descriptions: Vec<String> = qdc
        .split("<Description>")
        .skip(1)
        .map(|d| unescape(&d[..d.find("</Description>").unwrap()]))
        .collect();
    for lexicon in lexicons.lexicons() {
        let expected = format!(
            "{} / {}",
            lexicon.description.trim(),
            lexicon.description_en.trim()
        );
        assert!(descriptions.contains(&expected), "{expected:?}");
    }
    let output = xmllint(&["--noout".as_ref(), path.as_os_str()]);
    assert!(
        output.status.success(),
        "the codebook is not well-formed XML:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
