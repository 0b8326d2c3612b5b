//! What bureaus actually send, at its worst: every kind of bad input gets one clear error
//! naming the file (and line or row), the rest of the batch is ingested, the summary says what
//! was skipped and why, the exit status says something failed, and nothing already in the
//! index is lost. Each test ingests a round `lama` first (2 passages), then a batch holding
//! one good file (2 passages) and the bad input, and checks the exact passage count after.

mod util;

use std::process::Output;

use util::build;
use util::*;

const GOOD: &str = "Moderator: Kita mulai rapat.\nBu Ani (Dinsos): Data lansia belum padan.\n";

/// A workspace whose index holds round `lama` and whose folder `batch` holds `good.txt`.
fn workspace() -> Workspace {
    let ws = Workspace::new();
    ws.write(
        "lama/rapat.txt",
        "Moderator: Selamat pagi.\nPak Budi (Bappeda): Anggaran terbatas.\n",
    );
    let first = ws.ingest(&["lama"]);
    assert!(first.status.success(), "{}", stderr(&first));
    assert_eq!(passages_in_index(&first), 2);
    ws.write("batch/good.txt", GOOD);
    ws
}

/// Ingests `batch` (and `extra` paths) and checks the exit status, that `message` is one of the
/// errors (`aspirasi: error: MESSAGE` on stderr), and the passages in the index.
fn check(ws: &Workspace, extra: &[&str], status: i32, message: &str, passages: u64) -> Output {
    let mut paths = vec!["batch"];
    paths.extend_from_slice(extra);
    let output = ws.ingest(&paths);
    assert_eq!(
        output.status.code(),
        Some(status),
        "{}\n{}",
        stdout(&output),
        stderr(&output)
    );
    let errors = stderr(&output);
    if status == 1 {
        assert!(
            errors
                .lines()
                .any(|l| l == format!("aspirasi: error: {message}")),
            "wanted the error line\n  aspirasi: error: {message}\ngot:\n{errors}"
        );
        assert!(
            stdout(&output).contains(&format!("  - {message}")),
            "{}",
            stdout(&output)
        );
    } else {
        assert!(stdout(&output).contains(message), "{}", stdout(&output));
    }
    assert_eq!(passages_in_index(&output), passages, "{}", stdout(&output));
    assert_eq!(
        passages_of_round(ws, "lama").len(),
        2,
        "the earlier round is intact"
    );
    output
}

fn failed_line(output: &Output, file: &str) -> bool {
    stdout(output)
        .lines()
        .any(|l| l.contains("GAGAL") && l.ends_with(file))
}

#[test]
fn empty_and_blank_files() {
    let ws = workspace();
    ws.write("batch/kosong.txt", b"");
    ws.write("batch/spasi.md", "  \n\n\t\n");
    let output = check(
        &ws,
        &[],
        1,
        "batch/kosong.txt: the file is empty (0 bytes)",
        4,
    );
    assert!(stderr(&output)
        .contains("aspirasi: error: batch/spasi.md: the file is empty (no text in it)"));
    assert!(failed_line(&output, "batch/kosong.txt"));
}

#[test]
fn truncated_and_corrupted_docx() {
    let ws = workspace();
    let docx = build::docx(&["Moderator: Ini notulen yang rusak."]);
    ws.write("batch/potong.docx", &docx[..docx.len() / 2]);
    let broken_xml = build::zip(&[(
        "word/document.xml",
        b"<w:document xmlns:w=\"w\"><w:body><w:p><w:r><w:t>abc</w:r></w:body>",
    )]);
    ws.write("batch/rusak.docx", broken_xml);
    let output = check(
        &ws,
        &[],
        1,
        "batch/potong.docx: not a readable DOCX: the zip container is damaged or truncated",
        4,
    );
    let errors = stderr(&output);
    assert!(
        errors.contains("aspirasi: error: batch/rusak.docx: not a readable DOCX: word/document.xml is malformed XML near byte"),
        "{errors}"
    );
    assert!(failed_line(&output, "batch/rusak.docx"));
}

#[test]
fn mislabelled_files_are_read_by_their_content_or_refused() {
    let ws = workspace();
    // A PDF named .docx is a PDF: read, with a note (not an error).
    ws.write(
        "batch/laporan.docx",
        build::pdf(&["Narasumber 1: Pendamping PKH perlu ditambah."]),
    );
    let output = check(
        &ws,
        &[],
        0,
        "catatan: batch/laporan.docx: the name says docx but the content is pdf; read as pdf",
        5,
    );
    assert!(stderr(&output).is_empty(), "{}", stderr(&output));

    // Binary junk named .txt, an image named .txt, a zip that is no document named .xlsx.
    let junk: Vec<u8> = (0u32..20_000)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    ws.write("batch/sampah.txt", &junk);
    ws.write("batch/foto.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    ws.write(
        "batch/arsip.xlsx",
        build::zip(&[("catatan.txt", b"bukan workbook")]),
    );
    let output = check(
        &ws,
        &[],
        1,
        "batch/sampah.txt: binary data, not text (it holds NUL bytes); is the file damaged or not what its name says?",
        5,
    );
    let errors = stderr(&output);
    assert!(
        errors.contains(
            "aspirasi: error: batch/foto.txt: a PNG image, not a document aspirasi reads"
        ),
        "{errors}"
    );
    assert!(
        errors.contains("aspirasi: error: batch/arsip.xlsx: not a readable XLSX: a zip archive holding no DOCX or XLSX document"),
        "{errors}"
    );
}

#[test]
fn truncated_and_corrupted_pdf() {
    let ws = workspace();
    let pdf = build::pdf(&["Moderator: Dokumen ini terpotong di tengah."]);
    ws.write("batch/potong.pdf", &pdf[..pdf.len() / 3]);
    let mut garbage = b"%PDF-1.7\n".to_vec();
    garbage.extend((0u32..5000).map(|i| (i.wrapping_mul(2_654_435_761) >> 11) as u8));
    ws.write("batch/rusak.pdf", garbage);
    let output = ws.ingest(&["batch"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let errors = stderr(&output);
    for file in ["batch/potong.pdf", "batch/rusak.pdf"] {
        assert!(
            errors.contains(&format!("aspirasi: error: {file}: not a readable PDF: ")),
            "{errors}"
        );
        assert!(failed_line(&output, file));
    }
    assert!(!errors.contains("panicked"), "{errors}");
    assert_eq!(passages_in_index(&output), 4);
}

#[test]
fn zip_bombs_in_docx_and_xlsx_are_refused_before_inflating() {
    let ws = workspace();
    let spaces = vec![b' '; 8 * 1024 * 1024];
    let mut xml = b"<w:document xmlns:w=\"w\"><w:body><w:p><w:r><w:t>".to_vec();
    xml.extend(&spaces);
    xml.extend(b"</w:t></w:r></w:p></w:body></w:document>");
    ws.write("batch/bom.docx", build::zip(&[("word/document.xml", &xml)]));
    ws.write(
        "batch/bom.xlsx",
        build::zip(&[
            ("xl/workbook.xml", b"<workbook/>".as_slice()),
            ("xl/worksheets/sheet1.xml", &spaces),
        ]),
    );
    let output = ws.ingest(&["batch"]);
    assert_eq!(output.status.code(), Some(1));
    let errors = stderr(&output);
    assert!(
        errors.lines().any(|l| l.starts_with("aspirasi: error: batch/bom.docx: not a readable DOCX: zip entry \"word/document.xml\" is compressed ")
            && l.ends_with("more than the limit of 200:1; is it a zip bomb?")),
        "{errors}"
    );
    assert!(
        errors.lines().any(|l| l.starts_with("aspirasi: error: batch/bom.xlsx: not a readable workbook: zip entry \"xl/worksheets/sheet1.xml\" is compressed ")
            && l.ends_with("is it a zip bomb?")),
        "{errors}"
    );
    assert_eq!(passages_in_index(&output), 4);
}

#[test]
fn a_decompression_bomb_in_a_pdf_is_refused_before_extracting() {
    let ws = workspace();
    ws.write(
        "batch/bom.pdf",
        build::pdf_padded(&["Moderator: Isi kecil, aliran besar."], 8 * 1024 * 1024),
    );
    let output = ws.ingest(&["batch"]);
    assert_eq!(output.status.code(), Some(1));
    let errors = stderr(&output);
    assert!(
        errors.lines().any(|l| l
            .starts_with("aspirasi: error: batch/bom.pdf: not a readable PDF: stream ")
            && l.contains("inflates to 8.0 MiB from ")
            && l.ends_with("is it a decompression bomb?")),
        "{errors}"
    );
    assert_eq!(passages_in_index(&output), 4);
}

#[test]
fn malformed_rows_are_named_and_the_other_rows_read() {
    let ws = workspace();
    ws.write(
        "batch/form.csv",
        "Nama,Masukan\nAni,Data perlu diperbaiki.\nBudi,dua,tiga\nCici,Lansia butuh pendamping.\n",
    );
    ws.write(
        "batch/kiriman.jsonl",
        "{\"nama\": \"Dodi\", \"masukan\": \"Bantuan belum cair.\"}\n{\"nama\": \"Eka\", \"masukan\": \n[\"bukan objek\"]\n",
    );
    let output = check(
        &ws,
        &[],
        1,
        "batch/form.csv:3: row 2: has 3 fields but the header has 2; row skipped",
        7,
    );
    let errors = stderr(&output);
    assert!(errors.contains("aspirasi: error: batch/kiriman.jsonl:2: not valid JSON (EOF while parsing a value at line 1 column 27); line skipped"), "{errors}");
    assert!(errors.contains("aspirasi: error: batch/kiriman.jsonl:3: not a JSON object (one {...} per line is expected); line skipped"), "{errors}");
}

#[test]
fn enormous_lines_and_rows_hit_the_limit_with_a_clear_error() {
    let ws = workspace();
    let huge = "kata ".repeat(400_000); // 2,000,000 bytes on one line
    ws.write("batch/panjang.txt", format!("Ani: {huge}\nBudi: pendek.\n"));
    ws.write(
        "batch/panjang.csv",
        format!("Nama,Masukan\nAni,\"{huge}\"\nBudi,Data anak belum lengkap.\n"),
    );
    ws.write(
        "batch/panjang.jsonl",
        format!("{{\"masukan\": \"{huge}\"}}\n{{\"masukan\": \"Stunting tinggi.\"}}\n"),
    );
    let output = check(
        &ws,
        &[],
        1,
        "batch/panjang.txt:1: line 1 is 1.9 MiB long, over the limit of 1.0 MiB for one line (is this really a text file?); file skipped",
        6,
    );
    let errors = stderr(&output);
    assert!(errors.contains("aspirasi: error: batch/panjang.csv:2: row 1: is 1.9 MiB long, over the limit of 1.0 MiB for one row; row skipped"), "{errors}");
    assert!(errors.contains("aspirasi: error: batch/panjang.jsonl:1: line 1 is 1.9 MiB long, over the limit of 1.0 MiB for one record; line skipped"), "{errors}");
}

#[test]
fn unreadable_and_oversized_paths_fail_even_for_root() {
    let ws = workspace();
    std::os::unix::fs::symlink("hilang.txt", ws.path("batch/putus.txt")).unwrap();
    std::os::unix::fs::symlink("lingkar.txt", ws.path("batch/lingkar.txt")).unwrap();
    let fifo = ws.path("batch/pipa.txt");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    // 300 MiB without writing them: a sparse file over the size limit.
    let huge = std::fs::File::create(ws.path("batch/raksasa.txt")).unwrap();
    huge.set_len(300 * 1024 * 1024).unwrap();
    let output = check(
        &ws,
        &["tidak-ada.txt"],
        1,
        "tidak-ada.txt: cannot read: No such file or directory (os error 2)",
        4,
    );
    let errors = stderr(&output);
    for wanted in [
        "batch/putus.txt: a broken symbolic link (to \"hilang.txt\": No such file or directory (os error 2)); skipped",
        "batch/lingkar.txt: a broken symbolic link (to \"lingkar.txt\": Too many levels of symbolic links (os error 40)); skipped",
        "batch/pipa.txt: not a regular file (a FIFO, socket or device); skipped",
        "batch/raksasa.txt: the file is 300.0 MiB, over the limit of 256.0 MiB; split it or ingest it in parts",
    ] {
        assert!(errors.contains(&format!("aspirasi: error: {wanted}")), "{wanted}\n{errors}");
    }
}

#[test]
fn a_folder_where_the_manifest_expects_a_file() {
    let ws = workspace();
    ws.write(
        "batch/manifest.toml",
        "[round]\nid = \"batch\"\n[[files]]\npath = \"rapat.txt\"\nsession = \"internal\"\n",
    );
    std::fs::create_dir_all(ws.path("batch/rapat.txt")).unwrap();
    check(
        &ws,
        &[],
        1,
        "batch/rapat.txt: listed in the manifest as a file, but it is a folder",
        4,
    );
}

#[test]
fn permission_denied_is_named_when_it_applies() {
    use std::os::unix::fs::PermissionsExt;
    let ws = workspace();
    let locked = ws.write("batch/rahasia.txt", "Ani: rahasia.\n");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&locked).is_ok() {
        // Running as root: a mode of 000 does not stop reading, so there is nothing to deny.
        eprintln!("skipped: this user reads files whatever their mode");
        return;
    }
    check(
        &ws,
        &[],
        1,
        "batch/rahasia.txt: cannot read: Permission denied (os error 13)",
        4,
    );
}

#[test]
fn legacy_and_mixed_encodings_say_what_to_do() {
    let ws = workspace();
    ws.write("batch/lama.doc", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 binary");
    let mut mixed = "Bu Dédé: Harga naik.\nPak Agus: Setuju "
        .as_bytes()
        .to_vec();
    mixed.push(0xE9);
    mixed.extend(b" sekali.\n");
    ws.write("batch/campur.txt", &mixed);
    let output = check(
        &ws,
        &[],
        1,
        "batch/lama.doc: a legacy Word .doc file, which aspirasi does not read; save it as DOCX",
        6,
    );
    assert!(stderr(&output).contains("aspirasi: error: batch/campur.txt:2: bytes that are not UTF-8 in a UTF-8 file were read as \u{FFFD} (the file mixes encodings; save it as UTF-8)"));
    let hits = passages_of_round(&ws, "batch");
    assert!(
        hits.iter().any(|h| h["text"] == "Setuju \u{FFFD} sekali."),
        "{hits:?}"
    );
}
