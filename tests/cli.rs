//! The real binary on real files: ingest the hand-checked fixture round
//! (`tests/fixtures/ronde-uji`: 4 transcript turns, 2 Zoom turns, 3 form answers) and check
//! passages, search hits and report numbers counted by hand.

mod util;

use util::{json, json_lines, passages_in_index, stderr, stdout, Workspace};

fn theme<'a>(report: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    report["themes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == id)
        .unwrap_or_else(|| panic!("no theme {id}"))
}

fn cell(theme: &serde_json::Value, value: &str) -> u64 {
    theme["cells"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["value"] == value)
        .unwrap_or_else(|| panic!("no cell {value}"))["passages"]
        .as_u64()
        .unwrap()
}

#[test]
fn fixture_round_report_matches_the_hand_count() {
    let ws = Workspace::new();
    ws.fixture_round();
    let ingest = ws.ingest(&["ronde-uji"]);
    assert!(ingest.status.success(), "{}", stderr(&ingest));
    assert_eq!(passages_in_index(&ingest), 9);

    let report = json(&ws.run(&[
        "report", "--index", "index", "--by", "session", "--format", "json",
    ]));
    assert_eq!(report["total_passages"], 9);
    // Ani, Budi, Citra, Sumarni, Dedi; "Anonim" is nobody in particular.
    assert_eq!(report["total_speakers"], 5);
    // "Selamat pagi, kita mulai." and "Terima kasih, Bu."
    assert_eq!(report["untagged_passages"], 2);
    let columns: Vec<(String, u64)> = report["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["value"].as_str().unwrap().to_string(),
                c["passages"].as_u64().unwrap(),
            )
        })
        .collect();
    // Sessions in date order: the form rows are dated 20-22 January by their timestamps.
    assert_eq!(
        columns,
        [
            ("publik".into(), 3),
            ("internal".into(), 4),
            ("akademisi".into(), 2)
        ]
    );

    let gizi = theme(&report, "kesehatan_gizi");
    assert_eq!(gizi["passages"], 2); // two stunting turns
    assert_eq!(gizi["speakers"], 2); // Ani asks, Budi answers
    assert_eq!(cell(gizi, "internal"), 2);
    assert_eq!(cell(gizi, "akademisi"), 0);
    let share = gizi["share"].as_f64().unwrap();
    assert!((share - 2.0 / 9.0).abs() < 1e-9);

    let iklim = theme(&report, "perubahan_iklim");
    assert_eq!(iklim["passages"], 2); // "Kekeringan" (Budi) and "perubahan iklim" (Citra)
    assert_eq!(cell(iklim, "internal"), 1);
    assert_eq!(cell(iklim, "akademisi"), 1);

    for (id, count) in [
        ("lansia", 1),
        ("data_sasaran", 1),
        ("perlindungan_sosial", 1),
        ("lingkungan_inklusif", 1),
        ("pendidikan", 1),
        ("bencana", 1),
        ("ketenagakerjaan", 1),
        ("kemiskinan_pemberdayaan", 0),
        ("tata_kelola", 0),
        ("anak", 0),
    ] {
        assert_eq!(theme(&report, id)["passages"], count, "{id}");
    }
    // Bencana was raised only by the anonymous sender: one passage, no named speaker.
    assert_eq!(theme(&report, "bencana")["speakers"], 0);

    assert_eq!(report["total_documents"], 3);
    assert_eq!(gizi["documents"], 1, "both stunting turns are in rapat.txt");
    assert_eq!(iklim["documents"], 2);
    let by_month = json(&ws.run(&[
        "report", "--index", "index", "--by", "month", "--format", "json",
    ]));
    assert_eq!(by_month["columns"][0]["value"], "2024-01");
    assert_eq!(by_month["columns"][0]["passages"], 9);
    assert_eq!(by_month["columns"][0]["documents"], 3);

    // By region: the form's "jatim" and the speaker table's "Jawa Timur" are one province.
    let by_region = json(&ws.run(&[
        "report", "--index", "index", "--by", "region", "--format", "json",
    ]));
    let regions: Vec<(String, u64)> = by_region["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["value"].as_str().unwrap().to_string(),
                c["passages"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        regions,
        [
            ("Jawa Timur".into(), 4),
            ("DKI Jakarta".into(), 3),
            ("Bali".into(), 2)
        ]
    );
}

#[test]
fn reingest_changes_nothing_and_a_changed_file_replaces_its_passages() {
    let ws = Workspace::new();
    let round = ws.fixture_round();
    let first = ws.ingest(&["ronde-uji"]);
    assert_eq!(passages_in_index(&first), 9);
    let second = ws.ingest(&["ronde-uji"]);
    assert!(second.status.success());
    assert_eq!(passages_in_index(&second), 9);
    assert!(
        stdout(&second).contains("0 ditambahkan, 0 diperbarui, 3 tidak berubah"),
        "{}",
        stdout(&second)
    );
    // The same file named directly is still the same document.
    let direct = ws.ingest(&["ronde-uji/rapat.txt"]);
    assert_eq!(passages_in_index(&direct), 9);

    // One more form answer: the file is replaced, not added twice.
    let csv = std::fs::read_to_string(round.join("publik.csv")).unwrap();
    std::fs::write(
        round.join("publik.csv"),
        format!("{csv}1/23/2024 09:00:00,Wati,,Aceh,Banda Aceh,Harga beras mahal sekali.\n"),
    )
    .unwrap();
    let third = ws.ingest(&["ronde-uji"]);
    assert!(
        stdout(&third).contains("1 diperbarui, 2 tidak berubah"),
        "{}",
        stdout(&third)
    );
    assert_eq!(passages_in_index(&third), 10);
}

#[test]
fn search_ranks_passages_with_speaker_and_provenance() {
    let ws = Workspace::new();
    ws.fixture_round();
    ws.ingest(&["ronde-uji"]);

    let hits = ws.run(&["search", "DTKS", "--index", "index"]);
    assert!(hits.status.success(), "{}", stderr(&hits));
    let text = stdout(&hits);
    assert!(text.starts_with("1 bagian cocok"), "{text}");
    assert!(
        text.contains("Budi Santoso (Dinas Sosial Provinsi Jawa Timur)"),
        "{text}"
    );
    assert!(text.contains("ronde-uji/rapat.txt:5 [00:01:00]"), "{text}");
    assert!(
        text.contains("**DTKS**"),
        "matched word marked when piped: {text}"
    );

    let climate = json_lines(&ws.run(&[
        "search",
        "",
        "--index",
        "index",
        "--theme",
        "perubahan_iklim",
        "--json",
    ]));
    assert_eq!(climate.len(), 2);

    let phrase = json_lines(&ws.run(&[
        "search",
        "\"perubahan iklim\"",
        "--index",
        "index",
        "--json",
    ]));
    assert_eq!(phrase.len(), 1);
    assert_eq!(phrase[0]["meta"]["speaker"], "Dr. Citra Lestari");
    assert_eq!(phrase[0]["provenance"]["line"], 5);
    assert_eq!(phrase[0]["provenance"]["timestamp"], "00:00:01");
    let evidence = phrase[0]["evidence"].as_array().unwrap();
    assert!(evidence
        .iter()
        .any(|e| e["theme"] == "perubahan_iklim" && e["surface"] == "perubahan iklim"));

    // Filters resolve spelling: "jawa timur" is the indexed "Jawa Timur".
    let region = json_lines(&ws.run(&[
        "search",
        "",
        "--index",
        "index",
        "--region",
        "jawa timur",
        "--theme",
        "ketenagakerjaan",
        "--json",
    ]));
    assert_eq!(region.len(), 1);
    assert_eq!(region[0]["meta"]["speaker"], "Dedi");
    assert_eq!(region[0]["provenance"]["row"], 3);

    let either = json_lines(&ws.run(&["search", "lansia OR gempa", "--index", "index", "--json"]));
    assert_eq!(either.len(), 2);
    let both = json_lines(&ws.run(&["search", "lansia gempa", "--index", "index", "--json"]));
    assert!(both.is_empty(), "words are ANDed by default");
}

#[test]
fn a_broken_csv_row_is_named_and_everything_else_is_ingested() {
    let ws = Workspace::new();
    ws.write(
        "kiriman/catatan.txt",
        "Ani Lestari: Lansia perlu pendampingan.\nBudi Santoso: Setuju.\n",
    );
    ws.write(
        "kiriman/form.csv",
        "Nama,Masukan\nAni,Data DTKS salah\nBudi,satu,dua\nCici,Anak putus sekolah\n",
    );
    let output = ws.ingest(&["kiriman"]);
    assert_eq!(output.status.code(), Some(1), "some input failed");
    let errors = stderr(&output);
    assert!(
        errors.contains("kiriman/form.csv:3: row 2: has 3 fields but the header has 2"),
        "{errors}"
    );
    // 2 turns from the note and the 2 good rows.
    assert_eq!(passages_in_index(&output), 4);
}

#[test]
fn a_file_that_turns_bad_keeps_what_the_index_had() {
    let ws = Workspace::new();
    let round = ws.fixture_round();
    assert_eq!(passages_in_index(&ws.ingest(&["ronde-uji"])), 9);
    // (Bytes such as \xff are no longer bad: without UTF-8 around them they are Latin-1.)
    std::fs::write(round.join("rapat.txt"), b"Ani: \x00\x01\x02 rusak\n").unwrap();
    std::fs::write(round.join("zoom.vtt"), "").unwrap();
    let output = ws.ingest(&["ronde-uji"]);
    assert_eq!(output.status.code(), Some(1));
    let errors = stderr(&output);
    assert!(
        errors.contains("ronde-uji/rapat.txt: binary data, not text"),
        "{errors}"
    );
    assert!(errors.contains("ronde-uji/zoom.vtt"), "{errors}");
    assert!(stdout(&output).contains("2 gagal"), "{}", stdout(&output));
    assert_eq!(passages_in_index(&output), 9, "nothing stored was lost");
}

#[test]
fn a_folder_without_manifest_ingests_with_defaults() {
    let ws = Workspace::new();
    ws.write(
        "surat-masuk/surat.txt",
        "Dengan hormat,\nkami mohon perhatian untuk penyandang disabilitas di desa kami.\n\nHormat kami.\n",
    );
    ws.write("surat-masuk/foto.jpg", [0xffu8, 0xd8, 0xff]);
    let output = ws.ingest(&["surat-masuk"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("dilewati"),
        "the photo is skipped: {}",
        stdout(&output)
    );
    assert_eq!(passages_in_index(&output), 2);
    let hits = json_lines(&ws.run(&["search", "disabilitas", "--index", "index", "--json"]));
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0]["meta"]["round"], "surat-masuk");
    assert_eq!(hits[0]["meta"]["session"], "surat");
    assert_eq!(hits[0]["meta"]["stakeholder"], "tidak_diketahui");
    assert_eq!(
        hits[0]["themes"],
        serde_json::json!(["lingkungan_inklusif"])
    );
}

#[test]
fn bad_queries_and_missing_indexes_get_clear_messages() {
    let ws = Workspace::new();
    let missing = ws.run(&["search", "lansia", "--index", "tidak-ada"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        stderr(&missing).contains("no aspirasi index in tidak-ada"),
        "{}",
        stderr(&missing)
    );

    ws.fixture_round();
    ws.ingest(&["ronde-uji"]);
    let bad = ws.run(&["search", "lansia AND (", "--index", "index"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("cannot understand the query"),
        "{}",
        stderr(&bad)
    );
    let by = ws.run(&["report", "--index", "index", "--by", "warna"]);
    assert_eq!(by.status.code(), Some(2));
    assert!(
        stderr(&by).contains("cannot report by \"warna\""),
        "{}",
        stderr(&by)
    );
}

#[test]
fn reports_render_as_table_csv_and_markdown() {
    let ws = Workspace::new();
    ws.fixture_round();
    ws.ingest(&["ronde-uji"]);
    let table = stdout(&ws.run(&["report", "--index", "index", "--by", "stakeholder"]));
    let header = table.lines().next().unwrap();
    assert!(
        header.starts_with("Tema") && header.contains("Penutur"),
        "{table}"
    );
    let lansia = table
        .lines()
        .find(|l| l.starts_with("Lanjut Usia"))
        .unwrap();
    let numbers: Vec<&str> = lansia.split_whitespace().skip(2).collect();
    // passages, share, documents, speakers, then by stakeholder, largest group first:
    // internal 3, masyarakat 3, pemerintah_daerah 2 (Budi raised it), akademisi 1.
    assert_eq!(
        numbers,
        ["1", "11.1%", "1", "1", "0", "0", "1", "0"],
        "{lansia}"
    );
    assert!(
        header.ends_with("internal  masyarakat  pemerintah_daerah  akademisi"),
        "{header}"
    );

    let csv = stdout(&ws.run(&[
        "report", "--index", "index", "--by", "session", "--format", "csv",
    ]));
    assert!(
        csv.starts_with("theme,label,label_en,dimension,value,passages,documents,speakers,share\n")
    );
    assert!(
        csv.contains(
            "kesehatan_gizi,Kesehatan dan Gizi,Health and nutrition,session,internal,2,1,2,0.5000"
        ),
        "{csv}"
    );

    let md = stdout(&ws.run(&[
        "report", "--index", "index", "--format", "md", "--lang", "en",
    ]));
    assert!(md.lines().all(|l| l.starts_with('|')), "{md}");
    assert!(md.contains("| Theme"), "{md}");
}

#[test]
fn demo_round_covers_every_theme() {
    let ws = Workspace::new();
    let output = ws.run(&["demo", "--format", "json", "--by", "stakeholder"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let report = json(&output);
    assert!(report["total_passages"].as_u64().unwrap() >= 400);
    assert!(report["total_speakers"].as_u64().unwrap() >= 25);
    for row in report["themes"].as_array().unwrap() {
        assert!(
            row["passages"].as_u64().unwrap() >= 10,
            "{} is rare: {row}",
            row["id"]
        );
    }
    let groups: Vec<&str> = report["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["value"].as_str().unwrap())
        .collect();
    for group in [
        "internal",
        "akademisi",
        "kementerian_lembaga",
        "pemerintah_daerah",
        "masyarakat",
    ] {
        assert!(groups.contains(&group), "{groups:?}");
    }
}

#[test]
fn search_meets_affixed_and_informal_forms_and_highlights_the_surface() {
    let ws = Workspace::new();
    ws.write(
        "catatan/rapat.txt",
        "Ani Lestari: Pemberdayaan ekonomi keluarga miskin harus jadi prioritas.\n\
         Budi Santoso: Para penyandang disabilitasnya belum terdata.\n\
         Ani Lestari: Bansos gak tepat sasaran, yg dapet org mampu.\n",
    );
    let output = ws.ingest(&["catatan"]);
    assert!(output.status.success(), "{}", stderr(&output));

    let hits = stdout(&ws.run(&["search", "memberdayakan", "--index", "index"]));
    assert!(hits.starts_with("1 bagian cocok"), "{hits}");
    assert!(
        hits.contains("**Pemberdayaan**"),
        "the surface word is marked: {hits}"
    );

    let phrase = json_lines(&ws.run(&[
        "search",
        "\"penyandang disabilitas\"",
        "--index",
        "index",
        "--json",
    ]));
    assert_eq!(phrase.len(), 1);
    assert_eq!(phrase[0]["meta"]["speaker"], "Budi Santoso");
    // The lexicon term matched the clitic form, as the evidence shows.
    let evidence = phrase[0]["evidence"].as_array().unwrap();
    assert!(
        evidence.iter().any(|e| e["theme"] == "lingkungan_inklusif"
            && e["surface"].as_str().unwrap().ends_with("disabilitasnya")),
        "{evidence:?}"
    );

    // "tidak" and "yang" are stopwords on both sides; "orang" meets "org".
    let informal = json_lines(&ws.run(&["search", "orang mampu", "--index", "index", "--json"]));
    assert_eq!(informal.len(), 1, "org -> orang");
}

#[test]
fn stem_reads_words_and_prints_roots_in_order() {
    let ws = Workspace::new();
    let output = assert_cmd::Command::cargo_bin("aspirasi")
        .unwrap()
        .current_dir(ws.dir.path())
        .arg("stem")
        .write_stdin("pemberdayaan\nmemberdayakan\ndiberdayakan\nanak-anak\nPKH\npantai\n")
        .output()
        .unwrap();
    assert!(output.status.success());
    assert_eq!(
        stdout(&output),
        "pemberdayaan\tdaya\nmemberdayakan\tdaya\ndiberdayakan\tdaya\nanak-anak\tanak\nPKH\tpkh\npantai\tpantai\n"
    );
    let explained = assert_cmd::Command::cargo_bin("aspirasi")
        .unwrap()
        .args(["stem", "--explain"])
        .write_stdin("menulis\n")
        .output()
        .unwrap();
    let text = stdout(&explained);
    assert!(text.starts_with("menulis\ttulis\n"), "{text}");
    assert!(text.contains("menV: me-tV"), "{text}");
}

#[test]
fn eval_scores_lexicons_against_coded_passages() {
    let ws = Workspace::new();
    ws.write(
        "gold.tsv",
        "id\tregister\tlabels\ttext\n\
         1\trapat\tlansia\tBanyak lansia terlantar di desa kami.\n\
         2\tpublik\t\tBaik, terima kasih atas waktunya.\n\
         3\tmemo\tkesehatan_gizi\tAngka stunting masih tinggi di kabupaten ini.\n\
         4\tpublik\t\tIklim investasi di daerah kami membaik.\n",
    );
    let output = ws.run(&["eval", "--gold", "gold.tsv", "--format", "json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let report = json(&output);
    assert_eq!(report["themes"]["lansia"]["support"], 1);
    assert_eq!(report["themes"]["lansia"]["f1"], 1.0);
    assert_eq!(report["themes"]["kesehatan_gizi"]["precision"], 1.0);
    assert_eq!(
        report["themes"]["perubahan_iklim"]["precision"], 0.0,
        "no prediction, no support"
    );
    assert_eq!(
        report["macro_f1"], 1.0,
        "the investment-climate sentence is no climate passage"
    );
    assert_eq!(report["micro_f1"], 1.0);

    let table = stdout(&ws.run(&["eval", "--gold", "gold.tsv"]));
    assert!(table.contains("macro F1: 1.000"), "{table}");
    let bad = ws.run(&["eval", "--gold", "tidak-ada.tsv"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("tidak-ada.tsv"), "{}", stderr(&bad));
}

#[test]
fn lexicon_check_reports_problems_and_fails_on_errors() {
    let ws = Workspace::new();
    let good = ws.run(&["lexicon", "check"]);
    assert!(
        good.status.success(),
        "the shipped lexicons have no errors: {}",
        stdout(&good)
    );
    assert!(stdout(&good).contains("14 lexicons"), "{}", stdout(&good));

    ws.write(
        "leksikon/uji.toml",
        "id = \"uji\"\nversion = \"1\"\nlabel = \"Uji\"\nlabel_en = \"Test\"\ndescription = \"\"\n\
         description_en = \"\"\nterms = [\"yang\", \"lansia\"]\nexclude = [\"iklim usaha\"]\n",
    );
    let bad = ws.run(&["lexicon", "check", "--lexicons", "leksikon"]);
    assert_eq!(bad.status.code(), Some(1));
    let text = stdout(&bad);
    assert!(
        text.contains("lexicons/uji.toml: error: \"yang\": analyses to nothing"),
        "{text}"
    );
    assert!(
        text.contains("\"iklim usaha\": exclusion can never fire"),
        "{text}"
    );
}

/// Copies the shipped lexicons and theme model into `folder` of the workspace.
fn copy_shipped_lexicons(ws: &Workspace, folder: &str) {
    let shipped = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("lexicons");
    for entry in std::fs::read_dir(&shipped).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        if name.ends_with(".toml") || name == "model.tsv" {
            ws.write(&format!("{folder}/{name}"), std::fs::read(&path).unwrap());
        }
    }
}

/// Edits the copied lansia lexicon, so that the copied model no longer matches it.
fn add_a_term_to_lansia(ws: &Workspace, folder: &str) {
    let path = format!("{folder}/lansia.toml");
    let lansia = std::fs::read_to_string(ws.path(&path)).unwrap();
    ws.write(
        &path,
        lansia.replace("terms = [", "terms = [\n  \"warga sepuh\","),
    );
}

/// The shipped theme model records the lexicons it was trained with; editing a lexicon
/// without retraining is caught by `lexicon check`.
#[test]
fn lexicon_check_warns_when_the_theme_model_is_stale() {
    let ws = Workspace::new();
    copy_shipped_lexicons(&ws, "salinan");
    let fresh = stdout(&ws.run(&["lexicon", "check", "--lexicons", "salinan"]));
    assert!(fresh.contains("0 errors, 0 warnings"), "{fresh}");

    add_a_term_to_lansia(&ws, "salinan");
    let stale = stdout(&ws.run(&["lexicon", "check", "--lexicons", "salinan"]));
    assert!(
        stale.contains(
            "lexicons/model.tsv: warning: the theme model was trained with other lexicons"
        ),
        "{stale}"
    );
}

/// `lexicon train` holds out each gold file in turn, prints the per-file and per-theme
/// scores, and writes a model that makes the edited lexicons consistent again.
#[test]
fn lexicon_train_measures_each_file_held_out_and_refreshes_the_model() {
    let ws = Workspace::new();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_shipped_lexicons(&ws, "salinan");
    add_a_term_to_lansia(&ws, "salinan");
    let stale = stdout(&ws.run(&["lexicon", "check", "--lexicons", "salinan"]));
    assert!(stale.contains("trained with other lexicons"), "{stale}");

    let gold = std::fs::read_to_string(root.join("tests/gold/themes-dev.tsv")).unwrap();
    let lines: Vec<&str> = gold.lines().collect();
    ws.write(
        "satu.tsv",
        format!("{}\n{}\n", lines[0], lines[1..31].join("\n")),
    );
    ws.write(
        "dua.tsv",
        format!("{}\n{}\n", lines[0], lines[31..61].join("\n")),
    );
    let trained = ws.run(&[
        "lexicon",
        "train",
        "--lexicons",
        "salinan",
        "--out",
        "salinan/model.tsv",
        "--gold",
        "satu.tsv",
        "dua.tsv",
    ]);
    let text = stdout(&trained);
    for file in ["satu.tsv", "dua.tsv"] {
        let row: Vec<&str> = text
            .lines()
            .find(|l| l.starts_with(file))
            .unwrap_or_else(|| panic!("no row for {file} in\n{text}"))
            .split_whitespace()
            .collect();
        assert_eq!(row[1], "30", "{text}");
        let lexicons_alone: f64 = row[2].parse().unwrap();
        assert!((0.0..=1.0).contains(&lexicons_alone), "{text}");
    }
    for expected in [
        "rata-rata (mean)",
        "tema (semua berkas ditahan)",
        "model written to salinan/model.tsv (trained on satu.tsv (30), dua.tsv (30))",
    ] {
        assert!(text.contains(expected), "{expected:?} in\n{text}");
    }
    let theme_rows = text
        .lines()
        .skip_while(|l| !l.starts_with("tema (semua"))
        .skip(1)
        .take_while(|l| !l.starts_with("model written"))
        .count();
    assert_eq!(theme_rows, 14, "{text}");
    let model = std::fs::read_to_string(ws.path("salinan/model.tsv")).unwrap();
    assert!(model.contains("trained_on\tsatu.tsv (30), dua.tsv (30)"));
    let fresh = stdout(&ws.run(&["lexicon", "check", "--lexicons", "salinan"]));
    assert!(fresh.contains("0 errors, 0 warnings"), "{fresh}");
}

#[test]
fn search_explain_and_suggest_show_the_evidence_and_leftover_words() {
    let ws = Workspace::new();
    ws.fixture_round();
    ws.ingest(&["ronde-uji"]);
    let explained = stdout(&ws.run(&["search", "stunting", "--index", "index", "--explain"]));
    assert!(
        explained.contains(
            "bukti kesehatan_gizi: \"stunting\" (analysed, bobot 1.5) cocok dengan \"stunting\""
        ),
        "{explained}"
    );

    let suggestions = ws.run(&[
        "lexicon",
        "suggest",
        "--theme",
        "kesehatan_gizi",
        "--index",
        "index",
        "--min-count",
        "1",
        "--limit",
        "200",
    ]);
    assert!(suggestions.status.success(), "{}", stderr(&suggestions));
    let text = stdout(&suggestions);
    // "angka" stands next to stunting and nowhere else; "stunting" is in the lexicon already.
    assert!(text.lines().any(|l| l.starts_with("angka ")), "{text}");
    assert!(!text.lines().any(|l| l.starts_with("stunting ")), "{text}");
}

#[test]
fn the_query_language_has_fields_prefixes_fuzzy_words_ranges_and_clear_errors() {
    let ws = Workspace::new();
    ws.fixture_round();
    ws.ingest(&["ronde-uji"]);
    let count = |query: &str| -> usize {
        let output = ws.run(&[
            "search", query, "--index", "index", "--json", "--limit", "50",
        ]);
        assert!(output.status.success(), "{query}: {}", stderr(&output));
        json_lines(&output).len()
    };
    assert_eq!(count("tema:kesehatan_gizi"), 2);
    assert_eq!(count("tema:kesehatan_gizi sesi:internal"), 2);
    assert_eq!(
        count("tema:perubahan_iklim -sesi:internal"),
        1,
        "Citra's zoom passage"
    );
    assert_eq!(
        count("provinsi:\"jawa timur\""),
        4,
        "Budi twice, Sumarni, Dedi"
    );
    assert_eq!(count("kelompok:masyarakat AND NOT tema:bencana"), 2);
    assert_eq!(count("stunt*"), 2);
    assert_eq!(count("stuntng~"), 2, "one typing error");
    assert_eq!(
        count("tanggal:[2024-01-29 TO 2024-01-30]"),
        4,
        "the meeting on the 29th"
    );
    assert_eq!(
        count("(lansia OR gempa) penutur:budi_santoso"),
        0,
        "no such speaker id"
    );
    assert_eq!(count("(lansia OR gempa) penutur:\"budi santoso\""), 1);

    for (query, needle) in [
        ("warna:merah", "unknown field \"warna\""),
        ("(lansia", "not closed"),
        ("lansia OR", "OR needs something"),
        ("yang dan", "only stopwords"),
    ] {
        let output = ws.run(&["search", query, "--index", "index"]);
        assert_eq!(output.status.code(), Some(2), "{query}");
        assert!(
            stderr(&output).contains(needle),
            "{query}: {}",
            stderr(&output)
        );
    }
}

#[test]
fn kwic_lists_every_form_of_a_word_in_reading_order() {
    let ws = Workspace::new();
    ws.write(
        "catatan/rapat.txt",
        "Ani Lestari: Pemberdayaan ekonomi keluarga harus nyata.\n\
         Budi Santoso: Kelompok usaha perlu diberdayakan, bukan hanya diberi bantuan.\n\
         Ani Lestari: Setuju, mereka harus berdaya.\n",
    );
    ws.ingest(&["catatan"]);
    let table = stdout(&ws.run(&["kwic", "memberdayakan", "--index", "index", "--width", "12"]));
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), 4, "{table}");
    assert!(
        lines[0].contains("[Pemberdayaan]") && lines[0].contains("catatan/rapat.txt:1"),
        "{table}"
    );
    assert!(
        lines[1].contains("[diberdayakan]") && lines[1].contains(":2"),
        "{table}"
    );
    assert!(lines[2].contains("[berdaya]"), "{table}");
    assert_eq!(lines[3], "3 kemunculan");
    // The keyword column lines up.
    let column = |l: &str| l.find('[').unwrap();
    assert!(
        lines[..3].iter().all(|l| column(l) == column(lines[0])),
        "{table}"
    );

    let csv = stdout(&ws.run(&[
        "kwic",
        "berdaya",
        "--index",
        "index",
        "--format",
        "csv",
        "--speaker",
        "budi santoso",
    ]));
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(
        rows[0],
        "file,line,timestamp,speaker,session,left,keyword,right,passage_id"
    );
    assert_eq!(rows.len(), 2, "{csv}");
    assert!(rows[1].contains(",diberdayakan,"), "{csv}");
}

#[test]
fn cooccurrence_compare_and_quotes_views() {
    let ws = Workspace::new();
    ws.fixture_round();
    ws.write(
        "ronde-dua/manifest.toml",
        "[round]\nid = \"uji-2025\"\n[[files]]\npath = \"rapat.txt\"\nsession = \"internal\"\ndate = \"2025-01-20\"\n",
    );
    ws.write(
        "ronde-dua/rapat.txt",
        "Ani Wijaya: Lansia terlantar makin banyak.\n\
         Budi Santoso: Panti lansia kami penuh.\n\
         Ani Wijaya: Stunting turun sedikit.\n\
         Budi Santoso: Baik, kita tutup.\n",
    );
    let ingest = ws.ingest(&["ronde-uji", "ronde-dua"]);
    assert_eq!(passages_in_index(&ingest), 13);

    let matrix = json(&ws.run(&[
        "report",
        "--index",
        "index",
        "--cooccurrence",
        "--format",
        "json",
    ]));
    let ids: Vec<&str> = matrix["themes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    let at = |a: &str, b: &str| {
        let (i, j) = (
            ids.iter().position(|t| *t == a).unwrap(),
            ids.iter().position(|t| *t == b).unwrap(),
        );
        matrix["counts"][i][j].as_u64().unwrap()
    };
    assert_eq!(
        at("perubahan_iklim", "kesehatan_gizi"),
        1,
        "Budi's drought and stunting turn"
    );
    assert_eq!(at("kesehatan_gizi", "perubahan_iklim"), 1);
    assert_eq!(at("lansia", "lansia"), 3);
    assert_eq!(at("lansia", "data_sasaran"), 1);
    assert_eq!(at("pendidikan", "bencana"), 0);

    let comparison = json(&ws.run(&[
        "report",
        "--index",
        "index",
        "--compare",
        "uji-2024",
        "uji-2025",
        "--format",
        "json",
    ]));
    assert_eq!(comparison["passages_before"], 9);
    assert_eq!(comparison["passages_after"], 4);
    let first = &comparison["themes"][0];
    assert_eq!(
        first["theme"], "lansia",
        "the most rising theme comes first"
    );
    assert_eq!(
        (
            first["passages_before"].as_u64(),
            first["passages_after"].as_u64()
        ),
        (Some(1), Some(2))
    );
    let change = first["change_points"].as_f64().unwrap();
    assert!((change - (50.0 - 100.0 / 9.0)).abs() < 1e-9, "{change}");
    let table = stdout(&ws.run(&[
        "report",
        "--index",
        "index",
        "--compare",
        "uji-2024",
        "uji-2025",
    ]));
    assert!(table.contains("+38.9") && table.contains("naik"), "{table}");
    let missing = ws.run(&[
        "report",
        "--index",
        "index",
        "--compare",
        "uji-2024",
        "uji-2099",
    ]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        stderr(&missing).contains("no round \"uji-2099\""),
        "{}",
        stderr(&missing)
    );

    let quotes = json(&ws.run(&[
        "report", "--index", "index", "--quotes", "2", "--format", "json",
    ]));
    let lansia: Vec<&serde_json::Value> = quotes
        .as_array()
        .unwrap()
        .iter()
        .filter(|q| q["theme"] == "lansia")
        .collect();
    assert_eq!(lansia.len(), 2, "two lansia quotes from two speakers");
    assert_ne!(
        lansia[0]["passage"]["meta"]["speaker"],
        lansia[1]["passage"]["meta"]["speaker"]
    );
    assert!(lansia.iter().all(|q| q["passage"]["provenance"]["file"]
        .as_str()
        .unwrap()
        .ends_with(".txt")));
}

#[test]
fn xlsx_report_has_a_sheet_per_table_with_frozen_headers_and_real_numbers() {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    use std::io::Read;

    let ws = Workspace::new();
    ws.fixture_round();
    ws.ingest(&["ronde-uji"]);
    let output = ws.run(&[
        "report",
        "--index",
        "index",
        "--by",
        "session",
        "--format",
        "xlsx",
        "--output",
        "laporan.xlsx",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let mut workbook: Xlsx<_> = open_workbook(ws.path("laporan.xlsx")).unwrap();
    assert_eq!(
        workbook.sheet_names(),
        ["Tema", "Ko-kemunculan", "Kutipan", "Akar dan frasa"]
    );
    let themes = workbook.worksheet_range("Tema").unwrap();
    let header: Vec<String> = themes
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(
        header[..5],
        ["Tema", "Bagian", "% semua", "Dokumen", "Penutur"]
    );
    let gizi = themes
        .rows()
        .find(|row| row[0] == Data::String("Kesehatan dan Gizi".into()))
        .unwrap();
    assert_eq!(gizi[1], Data::Float(2.0), "counts are numbers");
    match &gizi[2] {
        Data::Float(share) => assert!((share - 2.0 / 9.0).abs() < 0.001, "{share}"),
        other => panic!("share is {other:?}"),
    }

    let file = std::fs::File::open(ws.path("laporan.xlsx")).unwrap();
    let mut archive = zip::ZipArchive::new(file).unwrap();
    let mut sheet = String::new();
    archive
        .by_name("xl/worksheets/sheet1.xml")
        .unwrap()
        .read_to_string(&mut sheet)
        .unwrap();
    assert!(
        sheet.contains("state=\"frozen\""),
        "the header row is frozen"
    );

    let refused = ws.run(&["report", "--index", "index", "--format", "xlsx"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        stderr(&refused).contains("--output"),
        "{}",
        stderr(&refused)
    );
}

#[test]
fn html_report_is_self_contained_and_escapes_what_the_public_wrote() {
    let ws = Workspace::new();
    let round = ws.fixture_round();
    let csv = std::fs::read_to_string(round.join("publik.csv")).unwrap();
    std::fs::write(
        round.join("publik.csv"),
        format!("{csv}1/23/2024 09:00:00,<img src=x onerror=alert(1)>,,Aceh,Banda Aceh,\"<script>alert('lansia')</script> lansia terlantar\"\n"),
    )
    .unwrap();
    ws.ingest(&["ronde-uji"]);
    let output = ws.run(&[
        "report",
        "--index",
        "index",
        "--by",
        "session",
        "--format",
        "html",
        "--output",
        "laporan.html",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let html = std::fs::read_to_string(ws.path("laporan.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html><html lang=\"id\">"));
    assert!(html.contains("<svg"), "bar chart");
    assert!(html.contains("Tema menurut sesi"), "heat map by session");
    assert!(html.contains("Kutipan yang mewakili"));
    assert!(!html.contains("<script"), "no script, none injected");
    assert!(!html.contains("<img"), "markup from a submission is text");
    assert!(html.contains("&lt;script&gt;alert(&#39;lansia&#39;)&lt;/script&gt;"));
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "no network resources"
    );
}

#[test]
fn search_counts_by_facet_and_sorts_by_date() {
    let ws = Workspace::new();
    ws.fixture_round();
    ws.ingest(&["ronde-uji"]);
    let counts = json(&ws.run(&["search", "", "--index", "index", "--count", "--json"]));
    assert_eq!(counts["session"]["internal"], 4);
    assert_eq!(counts["session"]["publik"], 3);
    assert_eq!(counts["session"]["akademisi"], 2);
    assert_eq!(counts["theme"]["kesehatan_gizi"], 2);
    assert_eq!(counts["region"]["Jawa Timur"], 4);
    let narrowed = json(&ws.run(&[
        "search",
        "tema:perubahan_iklim",
        "--index",
        "index",
        "--count",
        "--json",
    ]));
    assert_eq!(narrowed["stakeholder"]["pemerintah_daerah"], 1);
    assert_eq!(narrowed["stakeholder"]["akademisi"], 1);
    let table = stdout(&ws.run(&["search", "", "--index", "index", "--count"]));
    assert!(table.starts_with("9 bagian cocok"), "{table}");

    let dated = json_lines(&ws.run(&[
        "search", "", "--index", "index", "--sort", "tanggal", "--json", "--limit", "3",
    ]));
    let dates: Vec<&str> = dated
        .iter()
        .map(|h| h["meta"]["date"].as_str().unwrap())
        .collect();
    assert_eq!(dates, ["2024-01-20", "2024-01-21", "2024-01-22"]);
}

#[test]
fn export_writes_a_refi_qda_project_and_codebook() {
    let ws = Workspace::new();
    ws.fixture_round();
    ws.ingest(&["ronde-uji"]);
    let output = ws.run(&[
        "export",
        "--index",
        "index",
        "--qdpx",
        "ronde.qdpx",
        "--qdc",
        "tema.qdc",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.contains("ronde.qdpx: 3 sumber, 5 kasus (penutur), 14 kode (tema), 7 bagian berkode"),
        "{text}"
    );
    assert!(text.contains("tema.qdc: 14 kode (tema)"), "{text}");
    let mut archive =
        zip::ZipArchive::new(std::fs::File::open(ws.path("ronde.qdpx")).unwrap()).unwrap();
    assert!(archive.by_name("project.qde").is_ok());
    let nothing = ws.run(&["export", "--index", "index"]);
    assert_eq!(nothing.status.code(), Some(2));
    assert!(stderr(&nothing).contains("--qdpx"), "{}", stderr(&nothing));
}

#[test]
fn top_terms_lists_each_themes_frequent_roots_and_phrases() {
    let ws = Workspace::new();
    ws.fixture_round();
    ws.ingest(&["ronde-uji"]);
    let terms = json(&ws.run(&[
        "report",
        "--index",
        "index",
        "--top-terms",
        "3",
        "--format",
        "json",
    ]));
    let gizi: Vec<&serde_json::Value> = terms
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["theme"] == "kesehatan_gizi")
        .collect();
    assert_eq!(gizi.len(), 3);
    assert_eq!(gizi[0]["term"], "stunting");
    assert_eq!(gizi[0]["passages"], 2, "both stunting turns");
    let climate: Vec<&str> = terms
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["theme"] == "perubahan_iklim")
        .map(|t| t["example"].as_str().unwrap())
        .collect();
    assert!(climate.len() <= 3 && !climate.is_empty(), "{climate:?}");
}

#[test]
fn personal_data_is_masked_unless_kept_on_purpose() {
    let ws = Workspace::new();
    ws.write(
        "kiriman/form.csv",
        "Nama,Masukan\nAni Lestari,\"Sy lansia, NIK 3201234567890123, hp 081234567890, email ani@contoh.id\"\n",
    );
    ws.ingest(&["kiriman"]);
    let hits = json_lines(&ws.run(&["search", "lansia", "--index", "index", "--json"]));
    let text = hits[0]["text"].as_str().unwrap();
    assert_eq!(
        text,
        "Sy lansia, NIK [NIK], hp [nomor telepon], email [email]"
    );
    assert_eq!(hits[0]["meta"]["speaker"], "Ani Lestari", "names stay");
    assert!(
        json_lines(&ws.run(&["search", "3201234567890123", "--index", "index", "--json"]))
            .is_empty()
    );

    let kept = ws.run(&[
        "ingest",
        "kiriman",
        "--index",
        "index",
        "--keep-personal-data",
    ]);
    assert!(
        stdout(&kept).contains("1 diperbarui"),
        "the choice re-ingests: {}",
        stdout(&kept)
    );
    let hits = json_lines(&ws.run(&["search", "lansia", "--index", "index", "--json"]));
    assert!(hits[0]["text"].as_str().unwrap().contains("081234567890"));
}
