//! Helpers for the web tests: an index of the fixture round plus a hostile round (markup in
//! passages and metadata), the real `aspirasi serve` binary on a free port, and a plain HTTP
//! client that reports every status instead of failing on 4xx.

#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};

use crate::util::{stderr, Workspace};

/// Passages of the hostile round: markup that must show as text.
pub const SCRIPT: &str = "<script>alert(1)</script>";
pub const IMG: &str = "<img src=x onerror=alert(1)>";

/// A workspace whose `index` holds the fixture round (`uji-2024`, 9 passages) and the
/// hostile round (`jahil-2025`, 2 passages, session `<i>rapat</i>`).
pub fn indexed_workspace() -> Workspace {
    let ws = Workspace::new();
    ws.fixture_round();
    ws.write(
        "jahil/usulan.txt",
        format!(
            "Penyusup: {SCRIPT} Banyak lansia terlantar butuh bantuan sosial.\n\n\
             Tamu <b>Nakal</b>: {IMG} Data bansos di desa kami tidak tepat sasaran.\n"
        ),
    );
    ws.write(
        "jahil/manifest.toml",
        "[round]\nid = \"jahil-2025\"\n\n[[files]]\npath = \"usulan.txt\"\n\
         session = \"<i>rapat</i>\"\ndate = \"2025-03-01\"\nstakeholder = \"masyarakat\"\n",
    );
    let ingest = ws.ingest(&["ronde-uji", "jahil"]);
    assert!(ingest.status.success(), "{}", stderr(&ingest));
    ws
}

/// A running `aspirasi serve`, stopped when dropped (also when a test fails).
pub struct Served {
    child: Child,
    /// Kept open so the server never writes into a closed pipe.
    _stdout: BufReader<std::process::ChildStdout>,
    pub address: SocketAddr,
}

impl Served {
    /// `aspirasi serve --index INDEX --port 0 EXTRA...`, waiting until it listens.
    pub fn start(ws: &Workspace, extra: &[&str]) -> Served {
        let mut child = Command::new(env!("CARGO_BIN_EXE_aspirasi"))
            .current_dir(ws.dir.path())
            .args(["serve", "--index", "index", "--port", "0"])
            .args(extra)
            .env_remove("ASPIRASI_TOKEN")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("aspirasi serve starts");
        let mut line = String::new();
        let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
        stdout.read_line(&mut line).expect("first line");
        let address = line
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .and_then(|a| a.parse::<SocketAddr>().ok())
            .unwrap_or_else(|| {
                let _ = child.kill();
                panic!("no address in the first line of serve: {line:?}")
            });
        // Bound on 0.0.0.0 means: talk to it on loopback.
        let address = if address.ip().is_unspecified() {
            SocketAddr::from(([127, 0, 0, 1], address.port()))
        } else {
            address
        };
        Served {
            child,
            _stdout: stdout,
            address,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.address)
    }

    pub fn get(&self, path: &str) -> Answer {
        get(&self.url(path), &[])
    }

    pub fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> Answer {
        get(&self.url(path), headers)
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A response: status, headers that matter, body.
pub struct Answer {
    pub status: u16,
    pub content_type: String,
    pub set_cookie: Option<String>,
    pub disposition: Option<String>,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }
}

/// A query string value, encoded.
pub fn encode(value: &str) -> String {
    form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

/// GET `url` with `headers`; any status is an answer.
pub fn get(url: &str, headers: &[(&str, &str)]) -> Answer {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .build()
        .into();
    let mut request = agent.get(url);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let mut response = request.call().unwrap_or_else(|e| panic!("GET {url}: {e}"));
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let (content_type, set_cookie, disposition) = (
        header("content-type").unwrap_or_default(),
        header("set-cookie"),
        header("content-disposition"),
    );
    let body = response
        .body_mut()
        .with_config()
        .limit(64 * 1024 * 1024)
        .read_to_vec()
        .unwrap_or_else(|e| panic!("GET {url}: body: {e}"));
    Answer {
        status: response.status().as_u16(),
        content_type,
        set_cookie,
        disposition,
        body,
    }
}
