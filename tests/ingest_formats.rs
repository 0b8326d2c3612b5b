//! Every format a bureau has, built in the test, ingested by the real binary without a
//! manifest: the passages, their speakers, lines and byte ranges, in every text encoding.

mod util;

use util::build;
use util::*;

/// Passages of a round as (file name, speaker, text).
fn passages(ws: &Workspace, round: &str) -> Vec<(String, Option<String>, String)> {
    let mut out: Vec<_> = passages_of_round(ws, round)
        .iter()
        .map(|hit| {
            let file = hit["provenance"]["file"].as_str().unwrap();
            let name = file.rsplit('/').next().unwrap().to_string();
            let speaker = hit["meta"]["speaker"].as_str().map(str::to_string);
            (name, speaker, hit["text"].as_str().unwrap().to_string())
        })
        .collect();
    out.sort();
    out
}

fn who<'a>(found: &'a [(String, Option<String>, String)], file: &str) -> Vec<&'a str> {
    found
        .iter()
        .filter(|(f, _, _)| f == file)
        .map(|(_, s, _)| s.as_deref().unwrap_or("-"))
        .collect()
}

#[test]
fn every_format_ingests_without_a_manifest() {
    let ws = Workspace::new();
    ws.write(
        "ronde/notulen.docx",
        build::docx(&[
            "NOTULEN RAPAT KOORDINASI",
            "Bapak Joko (Dinas Sosial Jatim): Data DTKS di kabupaten kami belum padan dengan Dukcapil.",
            "Moderator: Terima kasih, Pak. Silakan narasumber.",
            "Narasumber 1: Lansia terlantar perlu pendamping yang rutin.\nPenanya 2: Bagaimana dengan anak putus sekolah?",
        ]),
    );
    ws.write(
        "ronde/masukan.xlsx",
        build::xlsx(&[
            &["Timestamp", "Nama", "Provinsi", "Masukan"],
            &[
                "2024-01-15 08:04:51",
                "Bu Sumarni",
                "Jawa Tengah",
                "Bansos sering tidak tepat sasaran.",
            ],
            &["2024-01-16 09:00:00", "Anonim", "jatim", ""],
            &[
                "2024-01-17 10:00:00",
                "Pak Darto",
                "Bali",
                "Perlu pelatihan kerja untuk pemuda.",
            ],
        ]),
    );
    ws.write(
        "ronde/laporan.pdf",
        build::pdf(&[
            "Penanya 2: Bagaimana pendataan penyandang disabilitas?",
            "Narasumber 1: Akan kami perbaiki tahun depan.",
        ]),
    );
    ws.write(
        "ronde/kiriman.jsonl",
        "{\"nama\": \"Wulan\", \"provinsi\": \"Bali\", \"masukan\": \"Posyandu kekurangan kader.\"}\n\
         {\"nama\": \"Rudi\", \"masukan\": \"Banjir rob merusak rumah warga pesisir.\"}\n",
    );
    ws.write(
        "ronde/catatan.md",
        "# Catatan FGD\n\n**Moderator:** Selamat pagi semuanya.\n**Bu Rina (PKK):** Kader posyandu *belum* mendapat insentif.\n",
    );
    ws.write(
        "ronde/rekaman.srt",
        "1\n00:00:01,000 --> 00:00:04,000\nModerator: Kita mulai sesi tanya jawab.\n\n2\n00:00:05,000 --> 00:00:09,000\nPak Andi: Bantuan untuk korban kekeringan terlambat.\n",
    );
    ws.write(
        "ronde/surat.txt",
        "Dengan hormat,\nkami mengusulkan rehabilitasi sosial bagi penyandang disabilitas.\n\nHormat kami,\nKarang Taruna\n",
    );
    ws.write(
        "ronde/publik.csv",
        "Nama;Kabupaten/Kota;Masukan\nSiti;Garut;Harga pupuk naik, petani gagal panen.\n",
    );
    ws.write(
        "ronde/zoom.vtt",
        "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Dr. Citra>Perubahan iklim memukul nelayan.</v>\n",
    );
    ws.write("ronde/foto.png", b"\x89PNG\r\n\x1a\nnot read");
    let output = ws.ingest(&["ronde"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(passages_in_index(&output), 18, "{}", stdout(&output));
    let summary = stdout(&output);
    assert!(summary.contains("dilewati"), "{summary}");
    assert!(
        summary.contains("foto.png (not a format aspirasi reads"),
        "{summary}"
    );

    let found = passages(&ws, "ronde");
    assert_eq!(
        who(&found, "notulen.docx"),
        ["Bapak Joko", "Moderator", "Narasumber 1", "Penanya 2"]
    );
    assert_eq!(who(&found, "masukan.xlsx"), ["Bu Sumarni", "Pak Darto"]);
    assert_eq!(who(&found, "laporan.pdf"), ["Narasumber 1", "Penanya 2"]);
    assert_eq!(who(&found, "kiriman.jsonl"), ["Rudi", "Wulan"]);
    assert_eq!(who(&found, "catatan.md"), ["Bu Rina", "Moderator"]);
    assert_eq!(who(&found, "rekaman.srt"), ["Moderator", "Pak Andi"]);
    assert_eq!(who(&found, "surat.txt"), ["-", "-"]);
    assert_eq!(who(&found, "publik.csv"), ["Siti"]);
    assert_eq!(who(&found, "zoom.vtt"), ["Dr. Citra"]);
    let text_of = |file: &str, speaker: &str| {
        found
            .iter()
            .find(|(f, s, _)| f == file && s.as_deref() == Some(speaker))
            .map(|(_, _, t)| t.clone())
            .unwrap()
    };
    assert_eq!(
        text_of("notulen.docx", "Bapak Joko"),
        "Data DTKS di kabupaten kami belum padan dengan Dukcapil."
    );
    assert_eq!(
        text_of("catatan.md", "Bu Rina"),
        "Kader posyandu belum mendapat insentif."
    );
    assert_eq!(
        text_of("laporan.pdf", "Penanya 2"),
        "Bagaimana pendataan penyandang disabilitas?"
    );

    // Provenance: the DOCX line is the paragraph, the workbook line the sheet row.
    let hits = passages_of_round(&ws, "ronde");
    let line_of = |file: &str, speaker: &str| {
        hits.iter()
            .find(|h| {
                h["provenance"]["file"].as_str().unwrap().ends_with(file)
                    && h["meta"]["speaker"].as_str() == Some(speaker)
            })
            .map(|h| h["provenance"]["line"].as_u64().unwrap())
            .unwrap()
    };
    assert_eq!(line_of("notulen.docx", "Penanya 2"), 4);
    assert_eq!(line_of("masukan.xlsx", "Pak Darto"), 4);
    assert_eq!(line_of("kiriman.jsonl", "Rudi"), 2);
    assert_eq!(line_of("rekaman.srt", "Pak Andi"), 7);

    // Unchanged on a second run.
    let again = ws.ingest(&["ronde"]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(stdout(&again).contains("Berkas: 0 ditambahkan, 0 diperbarui, 9 tidak berubah"));
    assert_eq!(passages_in_index(&again), 18);
}

#[test]
fn every_encoding_gives_the_same_passages_and_ranges_point_into_the_file() {
    let text =
        "Bu Dédé (Paguyuban Café): Harga ± naik — kami usul subsidi.\r\nPak Agus: Setuju, Bu.\r\n";
    let ws = Workspace::new();
    let mut utf8_bom = b"\xEF\xBB\xBF".to_vec();
    utf8_bom.extend(text.as_bytes());
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("utf8.txt", text.as_bytes().to_vec()),
        ("utf8-bom.txt", utf8_bom),
        ("utf16le-bom.txt", build::utf16le(text, true)),
        ("utf16le.txt", build::utf16le(text, false)),
        ("utf16be-bom.txt", build::utf16be(text)),
        ("cp1252.txt", build::cp1252(text)),
    ];
    for (name, bytes) in &files {
        ws.write(&format!("enc/{name}"), bytes);
    }
    let output = ws.ingest(&["enc"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(passages_in_index(&output), 12);
    for hit in passages_of_round(&ws, "enc") {
        let file = hit["provenance"]["file"].as_str().unwrap();
        let name = file.rsplit('/').next().unwrap();
        let passage = hit["text"].as_str().unwrap();
        let speaker = hit["meta"]["speaker"].as_str().unwrap();
        if speaker == "Bu Dédé" {
            assert_eq!(passage, "Harga ± naik — kami usul subsidi.", "{name}");
            assert_eq!(hit["meta"]["organisation"], "Paguyuban Café", "{name}");
        } else {
            assert_eq!((speaker, passage), ("Pak Agus", "Setuju, Bu."), "{name}");
        }
        // The byte range, cut from the file and decoded as that file is, is the passage.
        let bytes = &files.iter().find(|(n, _)| *n == name).unwrap().1;
        let (start, end) = (
            hit["provenance"]["byte_start"].as_u64().unwrap() as usize,
            hit["provenance"]["byte_end"].as_u64().unwrap() as usize,
        );
        let slice = &bytes[start..end];
        let back = match name {
            n if n.starts_with("utf16le") => String::from_utf16(
                &slice
                    .chunks(2)
                    .map(|p| u16::from_le_bytes([p[0], p[1]]))
                    .collect::<Vec<_>>(),
            )
            .unwrap(),
            n if n.starts_with("utf16be") => String::from_utf16(
                &slice
                    .chunks(2)
                    .map(|p| u16::from_be_bytes([p[0], p[1]]))
                    .collect::<Vec<_>>(),
            )
            .unwrap(),
            "cp1252.txt" => slice
                .iter()
                .map(|b| match b {
                    0x97 => '—',
                    b => *b as char,
                })
                .collect(),
            _ => String::from_utf8(slice.to_vec()).unwrap(),
        };
        assert_eq!(back, passage, "{name}");
        assert_eq!(
            hit["provenance"]["line"].as_u64(),
            Some(if speaker == "Pak Agus" { 2 } else { 1 }),
            "{name}"
        );
    }
}

#[test]
fn the_same_docx_again_changes_nothing_and_a_renamed_copy_is_reported_not_doubled() {
    let ws = Workspace::new();
    let minutes = build::docx(&[
        "Moderator: Kita bahas pendataan.",
        "Ibu Sari (Bappeda): Data kemiskinan ekstrem harus dimutakhirkan tiap tahun.",
    ]);
    ws.write("r1/notulen.docx", &minutes);
    let first = ws.ingest(&["r1"]);
    assert!(first.status.success(), "{}", stderr(&first));
    assert_eq!(passages_in_index(&first), 2);

    let same = ws.ingest(&["r1"]);
    assert!(
        stdout(&same).contains("1 tidak berubah"),
        "{}",
        stdout(&same)
    );
    assert_eq!(passages_in_index(&same), 2);

    // The same bytes under another name: reported, not ingested twice, not an error.
    ws.write("r1/notulen-final.docx", &minutes);
    let copy = ws.ingest(&["r1"]);
    assert!(copy.status.success(), "{}", stderr(&copy));
    let summary = stdout(&copy);
    assert!(
        summary.contains("notulen-final.docx (same content as ")
            && summary.contains("notulen.docx, already in the index; not ingested twice)"),
        "{summary}"
    );
    assert_eq!(passages_in_index(&copy), 2);

    // A changed DOCX replaces its passages.
    ws.write(
        "r1/notulen.docx",
        build::docx(&[
            "Moderator: Kita bahas pendataan.",
            "Ibu Sari: Setuju.",
            "Pak Tono: Saya juga.",
        ]),
    );
    std::fs::remove_file(ws.path("r1/notulen-final.docx")).unwrap();
    let changed = ws.ingest(&["r1"]);
    assert!(
        stdout(&changed).contains("1 diperbarui"),
        "{}",
        stdout(&changed)
    );
    assert_eq!(passages_in_index(&changed), 3);

    // A new round adds without touching the first.
    ws.write(
        "r2/notulen.docx",
        build::docx(&["Moderator: Ronde kedua dimulai."]),
    );
    let second_round = ws.ingest(&["r2"]);
    assert_eq!(passages_in_index(&second_round), 4);
    assert_eq!(passages_of_round(&ws, "r1").len(), 3);
}

#[test]
fn personal_data_is_masked_in_every_new_format() {
    let ws = Workspace::new();
    let secret = "NIK 3201234567890123, hp 0812-3456-7890, email budi@contoh.id";
    ws.write(
        "p/a.docx",
        build::docx(&[&format!(
            "Pak Budi (Warga): Saya belum dapat bantuan. {secret}"
        )]),
    );
    ws.write(
        "p/b.xlsx",
        build::xlsx(&[
            &["Nama", "Masukan"],
            &["Ani", &format!("Tolong cek data saya. {secret}")],
        ]),
    );
    ws.write(
        "p/c.pdf",
        build::pdf(&[&format!("Penanya 1: Mohon dibantu. {secret}")]),
    );
    ws.write(
        "p/d.jsonl",
        format!("{{\"nama\": \"Cici\", \"masukan\": \"Bantuan belum cair. {secret}\"}}\n"),
    );
    ws.write(
        "p/e.md",
        format!("**Moderator:** Catatan peserta: {secret}\n"),
    );
    let output = ws.ingest(&["p"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(passages_in_index(&output), 5);
    for hit in passages_of_round(&ws, "p") {
        let text = hit["text"].as_str().unwrap();
        assert!(
            text.contains("NIK [NIK], hp [nomor telepon], email [email]"),
            "{text}"
        );
        assert!(
            !text.contains("3201234567890123") && !text.contains("budi@"),
            "{text}"
        );
    }
}

#[test]
fn speaker_patterns_and_roles_come_from_the_manifest() {
    let ws = Workspace::new();
    ws.write(
        "fgd/manifest.toml",
        "[round]\nid = \"fgd\"\n[turns]\nroles = [\"Perwakilan Desa\"]\npatterns = ['(?P<time>\\d\\d:\\d\\d) - (?P<name>[A-Z][a-z]+) >> ']\n",
    );
    ws.write(
        "fgd/diskusi.txt",
        "10:02 - Wati >> Air bersih di dusun kami sulit.\nPerwakilan Desa 3: Sumur bor sudah diusulkan.\n10:05 - Joko >> Kami butuh pelatihan.\n",
    );
    let output = ws.ingest(&["fgd"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(passages_in_index(&output), 3);
    let hits = passages_of_round(&ws, "fgd");
    let mut speakers: Vec<(&str, Option<&str>)> = hits
        .iter()
        .map(|h| {
            (
                h["meta"]["speaker"].as_str().unwrap(),
                h["provenance"]["timestamp"].as_str(),
            )
        })
        .collect();
    speakers.sort();
    assert_eq!(
        speakers,
        [
            ("Joko", Some("00:10:05")),
            ("Perwakilan Desa 3", None),
            ("Wati", Some("00:10:02"))
        ]
    );

    // A pattern without a name group is a manifest error naming the file.
    ws.write(
        "salah/manifest.toml",
        "[round]\nid = \"salah\"\n[turns]\npatterns = ['(?P<nama>\\w+):']\n",
    );
    ws.write("salah/a.txt", "Ani: halo\n");
    let output = ws.ingest(&["salah"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains(
            "manifest.toml: [turns] pattern \"(?P<nama>\\\\w+):\": it needs a group (?P<name>...)"
        ),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_file_named_on_the_command_line_is_read_by_its_content() {
    let ws = Workspace::new();
    ws.write(
        "masuk/notulen.dat",
        build::docx(&[
            "Moderator: Mulai.",
            "Pak Yusuf (BPBD): Peringatan dini banjir perlu diperkuat.",
        ]),
    );
    ws.write(
        "masuk/catatan.log",
        "Bu Tini: Kader PKK butuh pelatihan.\nPak Edi: Setuju.\n",
    );
    // In a folder, unknown names are read only when their content is a document.
    let folder = ws.ingest(&["masuk"]);
    assert!(folder.status.success(), "{}", stderr(&folder));
    assert!(stdout(&folder).contains("masuk/catatan.log (not a format aspirasi reads"));
    assert_eq!(passages_in_index(&folder), 2);
    // Named on the command line, the text file is read too.
    let named = ws.ingest(&["masuk/catatan.log"]);
    assert!(named.status.success(), "{}", stderr(&named));
    assert_eq!(passages_in_index(&named), 4);
}

#[test]
fn form_exports_in_excel_encodings_keep_every_character() {
    let ws = Workspace::new();
    // Excel's "Unicode text": UTF-16LE with a byte-order mark, tab-separated.
    let unicode_text =
        "Nama\tProvinsi\tMasukan\r\nBu Dédé\tJawa Barat\tHarga ± naik — tolong subsidi.\r\n";
    ws.write("excel/unicode.csv", build::utf16le(unicode_text, true));
    // "CSV (Windows)" in the Indonesian locale: Windows-1252, semicolons.
    let windows = "Nama;Masukan\r\nPak José;Café desa butuh modal, bukan hibah.\r\n";
    ws.write("excel/windows.csv", build::cp1252(windows));
    let output = ws.ingest(&["excel"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(passages_in_index(&output), 2);
    let found = passages(&ws, "excel");
    assert_eq!(
        found,
        [
            (
                "unicode.csv".to_string(),
                Some("Bu Dédé".to_string()),
                "Harga ± naik — tolong subsidi.".to_string()
            ),
            (
                "windows.csv".to_string(),
                Some("Pak José".to_string()),
                "Café desa butuh modal, bukan hibah.".to_string()
            ),
        ]
    );
}
