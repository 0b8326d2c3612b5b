//! The web app in a real browser: Debian's headless chromium, driven over the DevTools
//! protocol, against the real `aspirasi serve`. It opens the dashboard, searches, applies a
//! theme filter from the filter panel, opens a passage in its document, and checks what each
//! page shows. Screenshots of the dashboard and the search page are written to
//! `target/tmp/web-e2e/` for a person to look at.
//!
//! Skipped (with a message) when chromium is not installed, unless CI is set: there it must
//! run (`scripts/test.sh` installs chromium).

mod util;
mod webutil;

use std::ffi::OsStr;
use std::path::PathBuf;
use std::time::Duration;

use headless_chrome::protocol::cdp::Page::CaptureScreenshotFormatOption;
use headless_chrome::{Browser, LaunchOptions, Tab};
use webutil::{indexed_workspace, Served};

/// chromium on the PATH, if any.
fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join("chromium"))
        .find(|candidate| candidate.is_file())
}

fn screenshot(tab: &Tab, name: &str) -> PathBuf {
    let png = tab
        .capture_screenshot(CaptureScreenshotFormatOption::Png, None, None, true)
        .expect("screenshot");
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("web-e2e");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, png).unwrap();
    println!("screenshot: {}", path.display());
    path
}

fn text(tab: &Tab, selector: &str) -> String {
    tab.wait_for_element(selector)
        .unwrap_or_else(|e| panic!("no {selector} on {}: {e}", tab.get_url()))
        .get_inner_text()
        .unwrap()
}

/// The number in a text such as "62 bagian cocok" or "Lanjut Usia 7".
fn first_number(text: &str) -> u64 {
    text.split(|c: char| !c.is_ascii_digit() && c != '.')
        .find(|w| !w.is_empty() && w.chars().any(|c| c.is_ascii_digit()))
        .map(|w| w.replace('.', "").parse().unwrap())
        .unwrap_or_else(|| panic!("no number in {text:?}"))
}

#[test]
fn a_planner_searches_filters_by_theme_and_reads_a_passage_in_context() {
    let Some(chromium) = chromium() else {
        if std::env::var_os("CI").is_some() {
            panic!("chromium is missing under CI: scripts/test.sh installs it (apt-get install chromium)");
        }
        eprintln!("web_e2e: chromium not found, test skipped (apt-get install chromium)");
        return;
    };
    let ws = indexed_workspace();
    let served = Served::start(&ws, &[]);
    let profile = tempfile::tempdir().unwrap();
    let options = LaunchOptions::default_builder()
        .path(Some(chromium))
        .headless(true)
        .sandbox(false)
        .user_data_dir(Some(profile.path().to_path_buf()))
        .window_size(Some((1280, 1700)))
        .idle_browser_timeout(Duration::from_secs(120))
        .args(
            [
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ]
            .iter()
            .map(OsStr::new)
            .collect(),
        )
        .build()
        .unwrap();
    let browser = Browser::new(options).expect("chromium starts");
    let tab = browser.new_tab().unwrap();
    tab.set_default_timeout(Duration::from_secs(30));

    // The dashboard: counts, the chart, the heat maps.
    tab.navigate_to(&served.url("/"))
        .unwrap()
        .wait_until_navigated()
        .unwrap();
    assert_eq!(text(&tab, "h1"), "Beranda");
    let passages = text(&tab, "a.card");
    assert_eq!(first_number(&passages), 11, "{passages}");
    assert!(tab.find_element("svg[role=img]").is_ok());
    assert!(tab.find_elements("table.heat").unwrap().len() >= 3);
    screenshot(&tab, "beranda.png");

    // Search from the box on the search page, as a person types it.
    tab.find_element("header nav a[href='/cari']")
        .unwrap()
        .click()
        .unwrap();
    tab.wait_until_navigated().unwrap();
    tab.wait_for_element("input[name=q]")
        .unwrap()
        .click()
        .unwrap();
    tab.type_str("lansia").unwrap();
    tab.press_key("Enter").unwrap();
    tab.wait_until_navigated().unwrap();
    tab.wait_for_element("ol.hits").unwrap();
    assert!(tab.get_url().contains("q=lansia"), "{}", tab.get_url());
    let total = first_number(&text(&tab, "p.total"));
    assert!(total >= 2);
    let marks = tab.find_elements("li.hit mark").unwrap();
    assert!(!marks.is_empty());
    for mark in &marks {
        assert!(mark
            .get_inner_text()
            .unwrap()
            .to_lowercase()
            .starts_with("lansia"));
    }

    // Apply the theme filter "Lanjut Usia" from the panel; its count is what the page finds.
    let options = tab
        .find_elements("section.panel[data-filter=tema] li a")
        .unwrap();
    let lansia = options
        .iter()
        .find(|a| a.get_inner_text().unwrap().starts_with("Lanjut Usia"))
        .expect("Lanjut Usia in the theme panel");
    let expected = first_number(&lansia.get_inner_text().unwrap());
    lansia.click().unwrap();
    tab.wait_until_navigated().unwrap();
    tab.wait_for_element("ul.chips.active").unwrap();
    assert!(tab.get_url().contains("tema=lansia"), "{}", tab.get_url());
    assert_eq!(first_number(&text(&tab, "p.total")), expected);
    assert!(text(&tab, "ul.chips.active").contains("Tema: Lanjut Usia"));
    let hits = tab.find_elements("li.hit").unwrap();
    assert_eq!(hits.len() as u64, expected.min(20));
    for hit in &hits {
        assert!(hit.get_inner_text().unwrap().contains("Lanjut Usia"));
    }
    screenshot(&tab, "cari.png");

    // Open the first hit in its document: the passage is marked, with what came around it.
    let first = hits[0].get_inner_text().unwrap();
    tab.find_element("li.hit a.context")
        .unwrap()
        .click()
        .unwrap();
    tab.wait_until_navigated().unwrap();
    assert_eq!(text(&tab, "h1"), "Bagian dalam dokumennya");
    let chosen = text(&tab, "section#terpilih");
    assert!(chosen.contains("bagian yang dipilih"), "{chosen}");
    let speaker = first.lines().next().unwrap().split(" · ").next().unwrap();
    assert!(chosen.contains(speaker), "{speaker:?} not in {chosen:?}");
    assert!(chosen.to_lowercase().contains("lansia"));
    screenshot(&tab, "bagian.png");
}
