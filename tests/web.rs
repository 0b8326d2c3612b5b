//! The web app over HTTP: the real `aspirasi serve` on a free port, against an index of the
//! fixture round (`tests/fixtures/ronde-uji`, 9 passages) and a hostile round of 2 passages
//! whose text and metadata carry markup. Every page and API route, escaping, error statuses,
//! exports, and the loopback and token rules.

mod util;
mod webutil;

use regex::Regex;
use util::{json, stderr, Workspace};
use webutil::{encode, indexed_workspace, Served, IMG, SCRIPT};

/// Every passage count linked on a page, with the link: `(href, number)`.
fn linked_counts(html: &str) -> Vec<(String, u64)> {
    let link = Regex::new(
        r#"<a (?:class="card" )?href="(/cari[^"]*)">(?:<b>)?([0-9.]+)(?: · [0-9.]+%|</b>|</a>)"#,
    )
    .unwrap();
    link.captures_iter(html)
        .map(|c| {
            (
                c[1].replace("&amp;", "&"),
                c[2].replace('.', "").parse().unwrap(),
            )
        })
        .collect()
}

/// The number of matching passages a search page says it found.
fn search_total(served: &Served, href: &str) -> u64 {
    let page = served.get(href);
    assert_eq!(page.status, 200, "{href}");
    let total = Regex::new(r#"<p class="total"><strong>([0-9.]+)</strong>"#).unwrap();
    total
        .captures(&page.text())
        .unwrap_or_else(|| panic!("no total on {href}"))[1]
        .replace('.', "")
        .parse()
        .unwrap()
}

#[test]
fn dashboard_counts_link_to_exactly_the_passages_behind_them() {
    let ws = indexed_workspace();
    let served = Served::start(&ws, &[]);
    let page = served.get("/");
    assert_eq!(page.status, 200);
    assert!(page.content_type.starts_with("text/html"));
    let html = page.text();
    for heading in [
        "Beranda",
        "Tema yang paling sering diangkat",
        "Tema menurut sesi",
        "Tema menurut kelompok pemangku kepentingan",
        "Tema menurut provinsi",
        // two rounds in the index: the comparison is shown, older round first
        "Perbandingan putaran",
        "uji-2024 → jahil-2025",
    ] {
        assert!(html.contains(heading), "dashboard lacks {heading:?}");
    }
    assert!(html.contains("<svg"), "the bar chart is inline SVG");
    let counts = linked_counts(&html);
    // the passages card, a bar per theme, cells by session/group/region/round and the totals
    assert!(counts.len() > 50, "only {} linked counts", counts.len());
    assert!(counts.contains(&("/cari".to_string(), 11)));
    // every count in the heat maps leads to a search that finds exactly as many passages
    let mut checked = 0;
    for (href, n) in counts
        .iter()
        .filter(|(h, _)| h.contains("sesi=") || h.contains("putaran=") || h.contains("provinsi="))
        .take(40)
    {
        assert_eq!(search_total(&served, href), *n, "{href}");
        checked += 1;
    }
    assert!(checked >= 20);
    // the bar of a theme leads to all its passages, as the API counts them
    let lansia = served.get("/api/hitung?tema=lansia").json()["total"]
        .as_u64()
        .unwrap();
    assert!(lansia >= 2);
    let bar = html
        .split("<a href=\"/cari?tema=lansia\">")
        .nth(1)
        .and_then(|rest| rest.split("</a>").next())
        .expect("the lansia bar is a link");
    assert!(bar.contains(&format!(">{lansia} (")), "{bar}");
}

#[test]
fn search_page_has_filters_with_counts_snippets_paging_and_the_passage_in_context() {
    let ws = indexed_workspace();
    let served = Served::start(&ws, &[]);
    let page = served.get("/cari?q=lansia");
    assert_eq!(page.status, 200);
    let html = page.text();
    let api = served.get("/api/cari?q=lansia&per=100").json();
    let total = api["total"].as_u64().unwrap();
    assert!(total >= 2);
    assert!(html.contains(&format!(
        "<p class=\"total\"><strong>{total}</strong> bagian cocok"
    )));
    assert!(html.contains("<mark>lansia</mark>") || html.contains("<mark>Lansia</mark>"));
    // provenance: file and line of every hit
    for hit in api["hits"].as_array().unwrap() {
        let place = format!(
            "{}:{}",
            hit["provenance"]["file"].as_str().unwrap(),
            hit["provenance"]["line"]
        );
        assert!(html.contains(&place), "no provenance {place}");
    }
    // filter panels with the exact counts of the API
    let counts = served.get("/api/hitung?q=lansia").json();
    for (panel, field) in [
        ("tema", "theme"),
        ("sesi", "session"),
        ("kelompok", "stakeholder"),
        ("provinsi", "region"),
        ("penutur", "speaker"),
        ("tanggal", "date"),
    ] {
        assert!(
            html.contains(&format!("data-filter=\"{panel}\"")),
            "no {panel} panel"
        );
        for value in counts["counts"][field].as_array().unwrap() {
            let href = format!(
                "/cari?q=lansia&{panel}={}",
                encode(value["value"].as_str().unwrap())
            );
            assert_eq!(
                search_total(&served, &href),
                value["passages"].as_u64().unwrap(),
                "{href}"
            );
        }
    }
    // a filter narrows: lansia in Jawa Timur (Budi; Sumarni has no lansia)
    let narrowed = search_total(&served, "/cari?q=lansia&provinsi=jawa+timur");
    assert!(narrowed >= 1 && narrowed < total);

    // paging: two pages of one hit each are different passages; together the first two
    let first = served.get("/api/cari?per=1&halaman=1").json();
    let second = served.get("/api/cari?per=1&halaman=2").json();
    let both = served.get("/api/cari?per=2").json();
    assert_eq!(first["total"], 11);
    assert_ne!(first["hits"][0]["id"], second["hits"][0]["id"]);
    assert_eq!(both["hits"][1]["id"], second["hits"][0]["id"]);
    let paged = served.get("/cari?per=10&halaman=2").text();
    assert!(paged.contains("<ol class=\"hits\" start=\"11\">"));
    assert!(paged.contains("rel=\"prev\""));

    // the whole document with the passage marked
    let hit = &api["hits"][0];
    let id = hit["id"].as_str().unwrap();
    let context = served.get(&format!("/bagian?id={id}&q=lansia"));
    assert_eq!(context.status, 200);
    let context = context.text();
    assert!(context.contains("id=\"terpilih\""));
    let chosen = context.split("id=\"terpilih\"").nth(1).unwrap();
    let text = hit["text"].as_str().unwrap();
    assert!(chosen.contains(&text.replace('"', "&quot;")[..20.min(text.len())]));
    // its neighbours in the same document are shown too
    assert!(context.matches("<section class=\"passage").count() >= 2);
}

#[test]
fn theme_page_shows_definition_lexicon_counts_terms_cooccurrence_quotes_and_kwic() {
    let ws = indexed_workspace();
    let served = Served::start(&ws, &[]);
    let lexicons = aspirasi::classify::LexiconSet::embedded();
    let lansia = lexicons.get("lansia").unwrap();
    let page = served.get("/tema/lansia");
    assert_eq!(page.status, 200);
    let html = page.text();
    assert!(html.contains(&format!("<h1>{}</h1>", lansia.label)));
    assert!(html.contains(&lansia.description));
    for entry in lansia.all_entries().iter().take(5) {
        assert!(
            html.contains(&format!("<code>{}</code>", entry.pattern)),
            "entry {}",
            entry.pattern
        );
    }
    let total = served.get("/api/hitung?tema=lansia").json()["total"]
        .as_u64()
        .unwrap();
    assert!(linked_counts(&html).contains(&("/cari?tema=lansia".to_string(), total)));
    for heading in [
        "Akar kata dan frasa teratas",
        "Tema yang muncul bersama",
        "Kutipan yang mewakili",
        "Kata dalam konteks (KWIC)",
        "Leksikon",
    ] {
        assert!(html.contains(heading), "no {heading}");
    }
    // co-occurring themes: lansia with data_sasaran, as many as both filters find
    let both = search_total(&served, "/cari?tema=lansia&tema=data_sasaran");
    assert!(both >= 1);
    assert!(
        linked_counts(&html).contains(&("/cari?tema=lansia&tema=data_sasaran".to_string(), both))
    );
    // keyword in context of a word the user asks for
    let kwic = served.get("/tema/lansia?kata=lansia").text();
    assert!(
        kwic.contains("<td class=\"key\"><mark>lansia</mark></td>")
            || kwic.contains("<td class=\"key\"><mark>Lansia</mark></td>")
    );
    assert!(kwic.contains("rapat.txt:"));
    let all = served.get("/tema").text();
    for lexicon in lexicons.lexicons() {
        assert!(all.contains(&format!("href=\"/tema/{}\"", lexicon.id)));
    }
}

#[test]
fn text_from_the_public_is_escaped_on_every_page_and_export() {
    let ws = indexed_workspace();
    let served = Served::start(&ws, &[]);
    let id = served.get("/api/cari?q=penyusup").json()["hits"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let pages = [
        "/".to_string(),
        "/cari?q=lansia+OR+bansos".to_string(),
        "/cari?putaran=jahil-2025".to_string(),
        format!("/bagian?id={id}"),
        "/tema/lansia".to_string(),
        "/tema/lansia?kata=bantuan".to_string(),
        "/ekspor?putaran=jahil-2025".to_string(),
        "/ekspor/html?putaran=jahil-2025".to_string(),
        "/ekspor/html".to_string(),
        "/cari?q=%3Cscript%3E".to_string(),
    ];
    let escaped_script = "&lt;script&gt;alert(1)&lt;/script&gt;";
    let escaped_img = "&lt;img src=x onerror=alert(1)&gt;";
    for path in &pages {
        let answer = served.get(path);
        assert_eq!(answer.status, 200, "{path}");
        let html = answer.text();
        assert!(!html.contains("<script"), "{path} has a script element");
        assert!(!html.contains("<img"), "{path} has an img element");
        assert!(
            !html.contains("<i>rapat</i>"),
            "{path} lets the session's markup through"
        );
        assert!(!html.contains("<b>Nakal</b>"), "{path} lets markup through");
    }
    let search = served.get("/cari?putaran=jahil-2025").text();
    assert!(search.contains(escaped_script), "{search}");
    assert!(search.contains(escaped_img));
    assert!(search.contains("&lt;i&gt;rapat&lt;/i&gt;"));
    let passage = served.get(&format!("/bagian?id={id}")).text();
    assert!(passage.contains(escaped_script));
    let kwic = served.get("/tema/lansia?kata=bantuan").text();
    assert!(kwic.contains("&lt;script&gt;"), "{kwic}");
    let dashboard = served.get("/").text();
    assert!(dashboard.contains("&lt;i&gt;rapat&lt;/i&gt;"));
    let report = served.get("/ekspor/html?putaran=jahil-2025").text();
    assert!(report.contains(escaped_script) || report.contains(escaped_img));
    // a query with markup comes back in the search box as text
    let echoed = served.get("/cari?q=%3Cscript%3E").text();
    assert!(echoed.contains("value=\"&lt;script&gt;\""));
    // the API returns the text as it was written, as JSON data
    let api = served.get("/api/cari?q=penyusup");
    assert!(api.content_type.starts_with("application/json"));
    assert!(api.json()["hits"][0]["text"]
        .as_str()
        .unwrap()
        .contains(SCRIPT));
    let _ = IMG;
}

#[test]
fn malformed_requests_get_a_4xx_with_a_message_in_indonesian() {
    let ws = indexed_workspace();
    let served = Served::start(&ws, &[]);
    let long = format!("/cari?q={}", "a".repeat(9_000));
    let cases: &[(&str, u16, &str)] = &[
        ("/cari?q=(lansia", 400, "kurung buka belum ditutup"),
        ("/cari?q=lansia+OR", 400, "OR harus diikuti"),
        ("/cari?q=stunting~3", 400, "salah ketik"),
        ("/cari?q=lansia&halaman=0", 400, "Nomor halaman"),
        ("/cari?halaman=dua", 400, "bilangan bulat"),
        ("/cari?halaman=-1", 400, "bilangan bulat"),
        ("/cari?per=1000", 400, "paling banyak 100"),
        ("/cari?halaman=100000", 400, "terlalu jauh"),
        ("/cari?urut=acak", 400, "Urutan"),
        ("/cari?tema=tidak_ada", 400, "tidak dikenal"),
        ("/tema/tidak_ada", 404, "tidak dikenal"),
        ("/bagian", 400, "Sebutkan bagian"),
        ("/bagian?id=tidak-ada-00001", 404, "tidak ada di indeks"),
        ("/bagian?id=tidak-ada-00001&konteks=0", 400, "konteks"),
        ("/bagian?id=tidak-ada-00001&konteks=banyak", 400, "konteks"),
        ("/ekspor/pdf", 404, "Format ekspor"),
        ("/ekspor?menurut=warna", 400, "menurut"),
        ("/halaman-yang-tidak-ada", 404, "tidak ada"),
        (long.as_str(), 414, "terlalu panjang"),
    ];
    for (path, status, message) in cases {
        let answer = served.get(path);
        assert_eq!(answer.status, *status, "{path}: {}", answer.text());
        assert!(answer.text().contains(message), "{path}: {}", answer.text());
        assert!(answer.content_type.starts_with("text/html"), "{path}");
    }
    for (path, status, message) in [
        ("/api/cari?q=(lansia", 400, "kurung buka belum ditutup"),
        ("/api/cari?per=0", 400, "per"),
        ("/api/hitung?q=NOT", 400, "NOT harus diikuti"),
        ("/api/laporan?menurut=warna", 400, "menurut"),
        ("/api/tidak-ada", 404, "tidak ada"),
    ] {
        let answer = served.get(path);
        assert_eq!(answer.status, status, "{path}");
        let body = answer.json();
        assert_eq!(body["status"], status);
        assert!(
            body["error"].as_str().unwrap().contains(message),
            "{path}: {body}"
        );
    }
    // the server only reads: a large body is refused before anything else
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(served.address).unwrap();
    stream
        .write_all(b"POST /cari HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut head = [0u8; 12];
    stream.read_exact(&mut head).unwrap();
    assert_eq!(&head, b"HTTP/1.1 413");
    // and it still answers after all that
    assert_eq!(served.get("/").status, 200);
}

#[test]
fn exports_download_the_current_view_in_every_format() {
    let ws = indexed_workspace();
    let served = Served::start(&ws, &[]);
    // whole round, CSV: the long-form theme report of the CLI
    let csv = served.get("/ekspor/csv?menurut=region");
    assert_eq!(csv.status, 200);
    assert!(csv.content_type.starts_with("text/csv"));
    assert!(csv
        .disposition
        .as_deref()
        .unwrap_or("")
        .contains("aspirasi.csv"));
    let cli = ws.run(&[
        "report", "--index", "index", "--by", "region", "--format", "csv",
    ]);
    assert_eq!(csv.text(), util::stdout(&cli));
    // a search, CSV: one row per matching passage, best first
    let total = served.get("/api/cari?q=lansia").json()["total"]
        .as_u64()
        .unwrap() as usize;
    let rows = served.get("/ekspor/csv?q=lansia").text();
    let mut reader = csv::Reader::from_reader(rows.as_bytes());
    assert_eq!(reader.records().count(), total);
    // XLSX of the search: the passages and their theme counts
    let xlsx = served.get("/ekspor/xlsx?q=lansia");
    assert_eq!(xlsx.status, 200);
    use calamine::Reader;
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(xlsx.body)).unwrap();
    assert_eq!(book.sheet_names(), ["Hasil pencarian", "Tema"]);
    let hits = book.worksheet_range("Hasil pencarian").unwrap();
    assert_eq!(hits.height(), total + 1);
    // XLSX of the round: every report sheet
    let round = served.get("/ekspor/xlsx");
    let book = calamine::Xlsx::new(std::io::Cursor::new(round.body)).unwrap();
    assert!(book.sheet_names().contains(&"Ko-kemunculan".to_string()));
    // the HTML report of the search counts only its passages
    let report = served.get("/ekspor/html?tema=lansia").text();
    let n = served.get("/api/hitung?tema=lansia").json()["total"]
        .as_u64()
        .unwrap();
    assert!(
        report.contains(&format!("Laporan tema: tema: lansia ({n} bagian)")),
        "{report}"
    );
    assert!(report.contains("<svg"));
    // REFI-QDA: a zip with project.qde, one coded selection per themed matching passage
    for (path, passages) in [("/ekspor/qdpx?tema=lansia", n), ("/ekspor/qdpx", 9)] {
        let qdpx = served.get(path);
        assert_eq!(qdpx.status, 200, "{path}");
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(qdpx.body)).unwrap();
        let mut project = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("project.qde").unwrap(), &mut project)
            .unwrap();
        assert!(project.contains("urn:QDA-XML:project:1.0"));
        assert!(
            project.matches("<PlainTextSelection ").count() as u64 >= passages.min(2),
            "{path}"
        );
    }
    // the export page offers the four formats for the view it was opened from
    let page = served.get("/ekspor?q=lansia&tema=lansia").text();
    for format in ["csv", "xlsx", "html", "qdpx"] {
        assert!(
            page.contains(&format!(
                "href=\"/ekspor/{format}?q=lansia&amp;tema=lansia&amp;menurut=session\""
            )),
            "{format}"
        );
    }
}

#[test]
fn the_api_answers_search_counts_and_report_like_the_cli() {
    let ws = indexed_workspace();
    let served = Served::start(&ws, &[]);
    let report = served.get("/api/laporan?menurut=region").json();
    let cli = json(&ws.run(&[
        "report", "--index", "index", "--by", "region", "--format", "json",
    ]));
    assert_eq!(report, cli);
    assert_eq!(report["total_passages"], 11);
    let counts = served
        .get("/api/hitung?q=lansia&kelompok=pemerintah_daerah")
        .json();
    let total = counts["total"].as_u64().unwrap();
    let sum: u64 = counts["counts"]["stakeholder"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["passages"].as_u64().unwrap())
        .sum();
    assert_eq!(sum, total);
    let search = served
        .get("/api/cari?q=lansia&kelompok=pemerintah_daerah")
        .json();
    assert_eq!(search["total"].as_u64().unwrap(), total);
    assert!(search["hits"][0]["url"]
        .as_str()
        .unwrap()
        .starts_with("/bagian?id="));
    let docs = served.get("/api").text();
    for route in ["/api/cari", "/api/hitung", "/api/laporan"] {
        assert!(docs.contains(route));
    }
    let style = served.get("/aset/gaya.css");
    assert_eq!(style.status, 200);
    assert!(style.content_type.starts_with("text/css"));
}

#[test]
fn pages_speak_english_with_lang_en_and_keep_it_in_links() {
    let ws = indexed_workspace();
    let served = Served::start(&ws, &[]);
    let html = served.get("/?lang=en").text();
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains("Themes raised most often"));
    assert!(html.contains("href=\"/cari?tema=lansia&amp;lang=en\""));
    assert!(served
        .get("/cari?q=lansia&lang=en")
        .text()
        .contains("matching passages"));
    let error = served.get("/cari?q=(lansia&lang=en");
    assert_eq!(error.status, 400);
    assert!(served.get("/").text().contains("<html lang=\"id\">"));
}

#[test]
fn serve_refuses_other_addresses_without_a_token() {
    let ws = indexed_workspace();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_aspirasi"))
        .current_dir(ws.dir.path())
        .args([
            "serve", "--index", "index", "--host", "0.0.0.0", "--port", "0",
        ])
        .env_remove("ASPIRASI_TOKEN")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(
        message.contains("menolak melayani di 0.0.0.0 tanpa token akses"),
        "{message}"
    );
    assert!(message.contains("--token"));
    let missing = Workspace::new();
    let output = missing.run(&["serve", "--index", "tidak-ada", "--port", "0"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("no aspirasi index"));
}

#[test]
fn with_a_token_every_request_needs_it() {
    let ws = indexed_workspace();
    let served = Served::start(&ws, &["--host", "0.0.0.0", "--token", "rahasia-uji"]);
    for path in ["/", "/cari?q=lansia", "/aset/gaya.css", "/ekspor/csv"] {
        let answer = served.get(path);
        assert_eq!(answer.status, 401, "{path}");
        assert!(answer.text().contains("token"), "{path}");
    }
    let api = served.get("/api/cari?q=lansia");
    assert_eq!(api.status, 401);
    assert!(api.json()["error"].as_str().unwrap().contains("token"));
    assert_eq!(
        served
            .get_with("/", &[("Authorization", "Bearer salah")])
            .status,
        401
    );
    assert_eq!(served.get("/?token=salah").status, 401);
    assert_eq!(
        served
            .get_with(
                "/api/cari?q=lansia",
                &[("Authorization", "Bearer rahasia-uji")]
            )
            .status,
        200
    );
    let first = served.get("/?token=rahasia-uji");
    assert_eq!(first.status, 200);
    let cookie = first.set_cookie.expect("the token is kept in a cookie");
    assert!(cookie.contains("HttpOnly"));
    let pair = cookie.split(';').next().unwrap().to_string();
    assert_eq!(
        served
            .get_with("/cari?q=lansia", &[("Cookie", &pair)])
            .status,
        200
    );
    assert_eq!(
        served
            .get_with("/cari", &[("Cookie", "aspirasi_token=salah")])
            .status,
        401
    );
}

#[test]
fn counts_kept_by_the_server_follow_a_new_ingest() {
    let ws = Workspace::new();
    ws.fixture_round();
    assert!(ws.ingest(&["ronde-uji"]).status.success());
    let served = Served::start(&ws, &[]);
    let card = |html: &str| -> u64 {
        linked_counts(html)
            .into_iter()
            .find(|(href, _)| href == "/cari")
            .map(|(_, n)| n)
            .expect("the passages card")
    };
    assert_eq!(card(&served.get("/").text()), 9);
    assert_eq!(search_total(&served, "/cari?tema=lansia"), 1);
    // a second round ingested while the server runs: the next request counts it
    ws.write(
        "kedua/usulan.txt",
        "Warga: Banyak lansia terlantar di kampung kami.\n",
    );
    let ingest = ws.ingest(&["kedua"]);
    assert!(ingest.status.success(), "{}", stderr(&ingest));
    let html = served.get("/").text();
    assert_eq!(card(&html), 10);
    assert!(html.contains("Perbandingan putaran"));
    assert_eq!(search_total(&served, "/cari?tema=lansia"), 2);
}
