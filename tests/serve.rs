//! `unei serve` over HTTP: the real binary on an ephemeral loopback port, each endpoint with
//! each input kind, each error (bad JSON → 422 with file:line:col, too large → 413, wrong
//! type → 415, busy → 503, slow body → 408, slow work → 504), batch zips with hostile entry
//! names, the pages (upload → 303 → result with the import report), the token, hostile
//! uploads, concurrent clients and the graceful shutdown.

use crate::common::{command, root};

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::time::Duration;

/// A server on a free port, stopped (SIGKILL) when dropped.
pub(crate) struct Server {
    pub(crate) child: Child,
    base: String,
    agent: ureq::Agent,
    log: std::sync::Arc<std::sync::Mutex<String>>,
}

impl Server {
    fn start(args: &[&str]) -> Server {
        Server::start_in("en", args)
    }

    /// A server on loopback whose log is in `lang` (`ja`, `en`).
    pub(crate) fn start_in(lang: &str, args: &[&str]) -> Server {
        Server::start_on(lang, "127.0.0.1:0", args)
    }

    /// A server on `addr` (port 0: a free one) whose log is in `lang`; its address is the
    /// start-up line's URL.
    pub(crate) fn start_on(lang: &str, addr: &str, args: &[&str]) -> Server {
        let mut child = command()
            .args(["--lang", lang, "serve", "--addr", addr])
            .args(args)
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let mut base = None;
        let mut seen = String::new();
        for line in lines.by_ref() {
            let line = line.unwrap();
            seen.push_str(&line);
            seen.push('\n');
            if let Some(at) = line.find("http://") {
                let url = line[at..].split([' ', '（', '(']).next().unwrap();
                base = Some(url.trim_end_matches('/').to_owned());
                break;
            }
        }
        let base = base.unwrap_or_else(|| panic!("the server did not start:\n{seen}"));
        let log = std::sync::Arc::new(std::sync::Mutex::new(seen));
        let sink = log.clone();
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                let mut log = sink.lock().unwrap();
                log.push_str(&line);
                log.push('\n');
            }
        });
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_global(Some(Duration::from_secs(120)))
            .build()
            .into();
        Server {
            child,
            base,
            agent,
            log,
        }
    }

    pub(crate) fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub(crate) fn addr(&self) -> String {
        self.base.trim_start_matches("http://").to_owned()
    }

    pub(crate) fn post(&self, path: &str, content_type: &str, body: &[u8]) -> Answer {
        let response = self
            .agent
            .post(&self.url(path))
            .header("Content-Type", content_type)
            .header("Accept-Language", "en")
            .send(body)
            .unwrap_or_else(|e| panic!("POST {path}: no answer: {e}"));
        Answer::of(response)
    }

    pub(crate) fn post_form(&self, path: &str, parts: &[Part<'_>]) -> Answer {
        let (content_type, body) = multipart(parts);
        self.post(path, &content_type, &body)
    }

    fn get(&self, path: &str) -> Answer {
        let request = self
            .agent
            .get(&self.url(path))
            .header("Accept-Language", "en");
        Answer::of(request.call().unwrap())
    }

    /// A GET without `Accept-Language`.
    pub(crate) fn get_plain(&self, path: &str) -> Answer {
        Answer::of(self.agent.get(&self.url(path)).call().unwrap())
    }

    /// Posts a batch form to `path`, waits (up to a minute) until the batch has finished and
    /// gives the batch page's location, the batch id and its last progress.
    pub(crate) fn finished_batch(&self, path: &str, parts: &[Part<'_>]) -> FinishedBatch {
        let started = self.post_form(path, parts);
        assert_eq!(started.status, 303, "{}", started.text());
        let location = started.header("location").to_owned();
        let id = location
            .trim_start_matches("/b/")
            .split('?')
            .next()
            .unwrap()
            .to_owned();
        for _ in 0..600 {
            let progress = self.get_plain(&format!("/api/batch/{id}")).json();
            if progress["finished"] == true {
                return FinishedBatch {
                    location,
                    id,
                    progress,
                };
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("the batch {id} did not finish within a minute");
    }

    pub(crate) fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A response, read whole.
/// A batch the server has finished: its page, id and last progress (`/api/batch/ID`).
pub(crate) struct FinishedBatch {
    pub(crate) location: String,
    pub(crate) id: String,
    pub(crate) progress: serde_json::Value,
}

pub(crate) struct Answer {
    pub(crate) status: u16,
    headers: Vec<(String, String)>,
    pub(crate) body: Vec<u8>,
}

impl Answer {
    fn of(mut response: ureq::http::Response<ureq::Body>) -> Answer {
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .map(|(k, v)| (k.as_str().to_owned(), v.to_str().unwrap_or("").to_owned()))
            .collect();
        let body = response
            .body_mut()
            .with_config()
            .limit(200 << 20)
            .read_to_vec()
            .unwrap();
        Answer {
            status,
            headers,
            body,
        }
    }

    pub(crate) fn header(&self, name: &str) -> &str {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map_or("", |(_, v)| v.as_str())
    }

    pub(crate) fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub(crate) fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.text()))
    }
}

/// A form part: field name, file name (for files), bytes.
pub(crate) type Part<'a> = (&'a str, Option<&'a str>, &'a [u8]);

fn multipart(parts: &[Part<'_>]) -> (String, Vec<u8>) {
    let boundary = "unei-test-boundary-7d1f";
    let mut body = Vec::new();
    for (name, file, bytes) in parts {
        body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        match file {
            Some(file) => body.extend_from_slice(
                format!("Content-Disposition: form-data; name=\"{name}\"; filename=\"{file}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes(),
            ),
            None => body.extend_from_slice(
                format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes(),
            ),
        }
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

pub(crate) fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(root().join(path)).unwrap()
}

pub(crate) const PLAN: &str = "fixtures/plans/fukushima-r2.json";

/// The stress plan with its 方針 set `times` over: a render whose length the tests choose
/// (1,000 times: ~250 pages, ~250 ms in a release build, seconds in a debug one). The plain
/// fixtures render in a few tens of milliseconds, too short for a test that needs work under
/// way or past a time limit on a fast machine.
fn long_plan(times: usize) -> Vec<u8> {
    let mut plan: serde_json::Value =
        serde_json::from_slice(&fixture("fixtures/plans/stress-kinsoku.json")).unwrap();
    let policy = plan["policy"].as_array().unwrap().clone();
    let policy = std::iter::repeat_n(policy, times).flatten().collect();
    plan["policy"] = serde_json::Value::Array(policy);
    serde_json::to_vec(&plan).unwrap()
}
pub(crate) const WORKBOOK: &str = "fixtures/workbooks/gen-a-unmapped-note.xlsx";
const PAGE: &str = "../shared/examples/fukushima-r2-published-page.txt";

pub(crate) fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    use zip::write::{SimpleFileOptions, ZipWriter};
    let mut writer = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in entries {
        writer
            .start_file(*name, SimpleFileOptions::default())
            .unwrap();
        writer.write_all(bytes).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

fn zip_names(bytes: &[u8]) -> Vec<String> {
    let archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    archive
        .file_names()
        .map(|n| n.unwrap().into_owned())
        .collect()
}

fn zip_entry(bytes: &[u8], name: &str) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = Vec::new();
    archive
        .by_name(name)
        .unwrap()
        .read_to_end(&mut out)
        .unwrap();
    out
}

#[test]
fn serve_health_openapi_and_security_headers() {
    let server = Server::start(&["--jobs", "1"]);
    let health = server.get("/healthz");
    assert_eq!(health.status, 200);
    assert_eq!(health.json()["status"], "ok");
    let openapi = server.get("/api/openapi.json").json();
    for path in [
        "/api/import",
        "/api/validate",
        "/api/render",
        "/api/batch",
        "/api/batch/{id}",
        "/healthz",
    ] {
        assert!(openapi["paths"][path].is_object(), "{path} missing");
    }
    assert!(openapi["components"]["schemas"]["ReportJson"].is_object());
    let index = server.get("/");
    assert_eq!(index.header("content-type"), "text/html; charset=utf-8");
    let csp = index.header("content-security-policy");
    assert!(
        csp.contains("script-src 'self'") && !csp.contains("unsafe"),
        "{csp}"
    );
    assert_eq!(index.header("x-content-type-options"), "nosniff");
    assert_eq!(index.header("referrer-policy"), "no-referrer");
    assert!(!index.text().contains("<script>"), "no inline script");
    assert!(!index.text().contains("style="), "no inline style");
    let css = server.get("/static/unei.css");
    assert_eq!(css.header("content-type"), "text/css; charset=utf-8");
    assert!(
        server.log().contains("GET /healthz 200"),
        "{}",
        server.log()
    );
}

#[test]
fn serve_pages_speak_japanese_by_default_and_english_when_asked() {
    let server = Server::start(&["--jobs", "1"]);
    let ja = server.get_plain("/").text();
    assert!(
        ja.contains("<html lang=\"ja\">") && ja.contains("点検して作成する"),
        "{ja}"
    );
    let en = server.get_plain("/?lang=en").text();
    assert!(en.contains("<html lang=\"en\">") && en.contains("Check and make"));
    let by_header = server
        .agent
        .get(&server.url("/"))
        .header("Accept-Language", "en-US,en;q=0.9")
        .call()
        .unwrap();
    assert!(Answer::of(by_header).text().contains("Check and make"));
    let missing = server.get_plain("/r/0123456789abcdef0123456789abcdef");
    assert_eq!(missing.status, 404);
    assert!(missing.text().contains("ページが見つかりません"));
    let json = server.post("/api/validate?lang=ja", "application/json", b"{");
    assert!(
        json.json()["refusal"]
            .as_str()
            .unwrap()
            .contains("計画ファイルを読めません")
    );
}

#[test]
fn serve_render_gives_the_cli_bytes_for_each_format() {
    let server = Server::start(&["--jobs", "2"]);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("cli");
    let o = command()
        .args(["render", PLAN, "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let plan = fixture(PLAN);
    for (format, extension, content_type) in [
        ("pdf", "pdf", "application/pdf"),
        (
            "xlsx",
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        ("html", "html", "text/html; charset=utf-8"),
    ] {
        let answer = server.post(
            &format!("/api/render?format={format}&name=%E7%A6%8F%E5%B3%B6%E5%8C%BA.json"),
            "application/json",
            &plan,
        );
        assert_eq!(answer.status, 200, "{}", answer.text());
        assert_eq!(answer.header("content-type"), content_type);
        assert_eq!(
            answer.header("content-disposition"),
            format!(
                "attachment; filename=\"___.{extension}\"; filename*=UTF-8''%E7%A6%8F%E5%B3%B6%E5%8C%BA.{extension}"
            )
        );
        let cli = std::fs::read(out.join(format!("fukushima-r2.{extension}"))).unwrap();
        assert!(answer.body == cli, "{format} differs from unei render's");
    }
    let bad = server.post("/api/render?format=docx", "application/json", &plan);
    assert_eq!(bad.status, 400);
    assert!(
        bad.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("format")
    );
}

#[test]
fn serve_imports_workbooks_and_pages_with_the_report() {
    let server = Server::start(&["--jobs", "2"]);
    let answer = server.post(
        "/api/import?name=note.xlsx",
        "application/octet-stream",
        &fixture(WORKBOOK),
    );
    assert_eq!(answer.status, 200, "{}", answer.text());
    let json = answer.json();
    let import = &json["report"]["import"];
    assert_eq!(import["unmapped"], 1, "{import}");
    let unmapped: Vec<&serde_json::Value> = import["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "unmapped")
        .collect();
    assert_eq!(unmapped.len(), 1);
    assert!(
        unmapped[0]["address"]
            .as_str()
            .unwrap()
            .starts_with("様式1!")
    );
    assert!(json["plan"]["issues"].is_array());

    let page = server.post(
        "/api/import?name=page.txt&organisation=%E7%A6%8F%E5%B3%B6%E5%8C%BA",
        "text/plain",
        &fixture(PAGE),
    );
    assert_eq!(page.status, 200, "{}", page.text());
    let page = page.json();
    assert!(page["report"]["import"]["mapped"].as_u64().unwrap() > 10);
    assert!(
        page["report"]["import"]["entries"][0]["address"]
            .as_str()
            .unwrap()
            .starts_with("page.txt:")
    );

    // The PDF of an uploaded workbook is the PDF of `unei import` then `unei render`.
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("note.json");
    let pdf = dir.path().join("note.pdf");
    let o = command()
        .args(["import", WORKBOOK, "--allow-unmapped", "-o"])
        .arg(&plan)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = command()
        .arg("render")
        .arg(&plan)
        .arg("--pdf")
        .arg(&pdf)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let rendered = server.post(
        "/api/render?name=note.xlsx",
        "application/octet-stream",
        &fixture(WORKBOOK),
    );
    assert_eq!(rendered.status, 200);
    assert!(rendered.body == std::fs::read(&pdf).unwrap(), "PDFs differ");

    let plan_to_import = server.post("/api/import", "application/json", &fixture(PLAN));
    assert_eq!(plan_to_import.status, 415);
}

#[test]
fn serve_bad_json_is_422_with_file_line_col() {
    let server = Server::start(&["--jobs", "1"]);
    let answer = server.post(
        "/api/validate?name=plan.json",
        "application/json",
        b"{\n  \"format\": 1,\n  oops\n}",
    );
    assert_eq!(answer.status, 422);
    let json = answer.json();
    let finding = &json["findings"][0];
    assert_eq!(finding["file"], "plan.json");
    assert_eq!(finding["line"], 3);
    assert_eq!(finding["column"], 3);
    assert!(
        finding["text"]
            .as_str()
            .unwrap()
            .starts_with("plan.json:3:3:")
    );
    assert!(finding["source"].as_str().unwrap().contains("oops"));
    let valid = server.post("/api/validate", "application/json", &fixture(PLAN));
    assert_eq!(valid.status, 200, "{}", valid.text());
    assert_eq!(valid.json()["errors"], 0);
    assert_eq!(
        valid.header("connection"),
        "",
        "a good answer keeps the connection"
    );
    let mut plan: serde_json::Value = serde_json::from_slice(&fixture(PLAN)).unwrap();
    plan["meta"]["year"] = serde_json::Value::String("平成99年度".into());
    let invalid = server.post(
        "/api/render",
        "application/json",
        &serde_json::to_vec_pretty(&plan).unwrap(),
    );
    assert_eq!(invalid.status, 422, "{}", invalid.text());
    assert!(invalid.json()["errors"].as_u64().unwrap() >= 1);
}

#[test]
fn serve_limits_answer_413_415_and_400() {
    let server = Server::start(&["--jobs", "1", "--max-upload-mb", "1"]);
    // A declared length beyond the limit is answered before the body is read.
    let mut stream = TcpStream::connect(server.addr()).unwrap();
    write!(stream, "POST /api/validate?lang=en HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2097152\r\n\r\n").unwrap();
    let answer = read_all(&mut stream);
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(answer.contains("limit 1 MiB"), "{answer}");
    // A chunked body (no length) is cut at the limit, a form's too.
    for (path, content_type, prefix) in [
        ("/api/validate?lang=en", "application/json", "{"),
        (
            "/check?lang=en",
            "multipart/form-data; boundary=x",
            "--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.json\"\r\n\r\n",
        ),
    ] {
        let answer = chunked_upload(&server, path, content_type, prefix, 2 << 20);
        assert!(answer.starts_with("HTTP/1.1 413"), "{path}: {answer}");
        assert!(answer.contains("too large"), "{answer}");
    }
    let gif = server.post("/api/render?name=picture.gif", "image/gif", b"GIF89a");
    assert_eq!(gif.status, 415);
    let unnamed = server.post("/api/render", "application/octet-stream", b"GIF89a");
    assert_eq!(unnamed.status, 415);
    let empty_form = server.post_form("/check", &[("strict", None, b"1")]);
    assert_eq!(empty_form.status, 400);
    assert!(server.get("/healthz").status == 200);
}

/// Sends a request's head and part of its body, and holds the connection open.
fn slow_client(server: &Server, path: &str) -> TcpStream {
    let mut stream = TcpStream::connect(server.addr()).unwrap();
    write!(
        stream,
        "POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{{"
    )
    .unwrap();
    stream.flush().unwrap();
    stream
}

/// Everything the server sends until it closes or stops for a second.
pub(crate) fn read_all(stream: &mut TcpStream) -> String {
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let mut out = Vec::new();
    let mut buffer = [0u8; 8192];
    while let Ok(n) = stream.read(&mut buffer) {
        if n == 0 {
            break;
        }
        out.extend_from_slice(&buffer[..n]);
        if out.windows(4).any(|w| w == b"\r\n\r\n") && out.ends_with(b"</html>")
            || out.ends_with(b"}}")
        {
            break;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Sends `bytes` spaces as a chunked body (write errors once the server has answered are
/// expected) and reads the answer.
fn chunked_upload(
    server: &Server,
    path: &str,
    content_type: &str,
    prefix: &'static str,
    bytes: usize,
) -> String {
    let mut stream = TcpStream::connect(server.addr()).unwrap();
    write!(stream, "POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: {content_type}\r\nTransfer-Encoding: chunked\r\n\r\n").unwrap();
    let mut writer = stream.try_clone().unwrap();
    let sender = std::thread::spawn(move || {
        let head = prefix.as_bytes();
        if write!(writer, "{:x}\r\n", head.len()).is_err()
            || writer.write_all(head).is_err()
            || writer.write_all(b"\r\n").is_err()
        {
            return;
        }
        let chunk = vec![b' '; 64 << 10];
        for _ in 0..bytes / chunk.len() {
            if write!(writer, "{:x}\r\n", chunk.len()).is_err()
                || writer.write_all(&chunk).is_err()
                || writer.write_all(b"\r\n").is_err()
            {
                return;
            }
        }
        let _ = writer.write_all(b"0\r\n\r\n");
    });
    let answer = read_all(&mut stream);
    let _ = sender.join();
    answer
}

fn read_status(stream: &mut TcpStream) -> String {
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let mut head = [0u8; 64];
    let n = stream.read(&mut head).unwrap();
    String::from_utf8_lossy(&head[..n]).into_owned()
}

#[test]
fn serve_busy_is_503_and_a_slow_body_is_408_without_holding_a_worker() {
    let server = Server::start(&["--jobs", "1", "--max-requests", "1", "--timeout", "2"]);
    let mut slow = slow_client(&server, "/api/validate");
    std::thread::sleep(Duration::from_millis(300));
    let busy = server.get("/healthz");
    assert_eq!(busy.status, 503, "{}", busy.text());
    assert_eq!(busy.header("retry-after"), "2");
    assert!(
        busy.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("busy")
    );
    let answer = read_status(&mut slow);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert_eq!(server.get("/healthz").status, 200);

    // With room for requests, a slow upload holds no worker: the one worker still renders.
    let server = Server::start(&["--jobs", "1", "--timeout", "30"]);
    let _slow = slow_client(&server, "/api/render");
    let rendered = server.post("/api/render", "application/json", &fixture(PLAN));
    assert_eq!(rendered.status, 200);
}

#[test]
fn serve_work_past_the_timeout_is_504() {
    let server = Server::start(&["--jobs", "1", "--timeout", "0.05"]);
    // The server is stopped when the test ends; the worker need not finish.
    let answer = server.post("/api/render", "application/json", &long_plan(1000));
    assert_eq!(answer.status, 504, "{}", answer.text());
    assert!(
        answer.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("time limit")
    );
    assert_eq!(server.get("/healthz").status, 200);
}

#[test]
fn serve_batch_zips_in_and_out_and_refuses_hostile_entries() {
    let server = Server::start(&["--jobs", "2"]);
    let plan = fixture(PLAN);
    let zip = zip_of(&[
        ("区/福島区.json", &plan),
        ("局/note.xlsx", &fixture(WORKBOOK)),
        ("bad.json", b"{"),
        ("readme.pdf", b"%PDF"),
    ]);
    let answer = server.post("/api/batch?format=pdf,xlsx", "application/zip", &zip);
    assert_eq!(answer.status, 200, "{}", answer.text());
    assert_eq!(answer.header("content-type"), "application/zip");
    assert_eq!(answer.header("x-unei-failed"), "1");
    let names = zip_names(&answer.body);
    for name in [
        "区/福島区.pdf",
        "区/福島区.xlsx",
        "局/note.pdf",
        "summary.json",
    ] {
        assert!(names.iter().any(|n| n == name), "{name} not in {names:?}");
    }
    let summary: serde_json::Value =
        serde_json::from_slice(&zip_entry(&answer.body, "summary.json")).unwrap();
    let results: Vec<(&str, &str)> = summary
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["file"].as_str().unwrap(), r["result"].as_str().unwrap()))
        .collect();
    assert_eq!(
        results,
        [
            ("bad.json", "failed"),
            ("readme.pdf", "skipped"),
            ("区/福島区.json", "rendered"),
            ("局/note.xlsx", "rendered")
        ]
    );
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("p.pdf");
    let o = command()
        .args(["render", PLAN, "--pdf"])
        .arg(&pdf)
        .output()
        .unwrap();
    assert!(o.status.success());
    assert!(zip_entry(&answer.body, "区/福島区.pdf") == std::fs::read(&pdf).unwrap());

    for name in [
        "../escape.json",
        "/etc/escape.json",
        "a/../../b.json",
        "C:\\x.json",
        "nul\0.json",
    ] {
        let hostile = zip_of(&[("ok.json", &plan), (name, b"{}")]);
        let answer = server.post("/api/batch", "application/zip", &hostile);
        assert_eq!(answer.status, 422, "{name:?}: {}", answer.text());
        assert!(
            answer.json()["error"]["message"]
                .as_str()
                .unwrap()
                .contains("refused")
        );
    }
    let not_zip = server.post("/api/batch?name=x.zip", "application/zip", b"plain text");
    assert_eq!(not_zip.status, 415);
    let json = server.post("/api/batch", "application/json", &plan);
    assert_eq!(json.status, 415);
}

#[test]
fn serve_batch_refuses_links_and_bombs() {
    use zip::write::{SimpleFileOptions, ZipWriter};
    let server = Server::start(&["--jobs", "1"]);
    let mut writer = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    writer
        .add_symlink("link.json", "/etc/passwd", SimpleFileOptions::default())
        .unwrap();
    let link = writer.finish().unwrap().into_inner();
    let answer = server.post("/api/batch", "application/zip", &link);
    assert_eq!(answer.status, 422, "{}", answer.text());
    assert!(answer.text().contains("symbolic link"));

    // 300 MiB of spaces deflate to about 300 KiB: the unpacked-size limit stops it.
    let mut writer = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    writer.start_file("bomb.json", options).unwrap();
    let block = vec![b' '; 1 << 20];
    for _ in 0..300 {
        writer.write_all(&block).unwrap();
    }
    let bomb = writer.finish().unwrap().into_inner();
    assert!(bomb.len() < 2 << 20);
    let answer = server.post("/api/batch", "application/zip", &bomb);
    assert_eq!(answer.status, 413, "{}", answer.text());
    assert_eq!(server.get("/healthz").status, 200);
}

#[test]
fn serve_page_upload_shows_the_report_and_offers_downloads() {
    let server = Server::start(&["--jobs", "1"]);
    let answer = server
        .agent
        .post(&server.url("/check?lang=en"))
        .config()
        .max_redirects(0)
        .build()
        .header(
            "Content-Type",
            "multipart/form-data; boundary=unei-test-boundary-7d1f",
        )
        .send(
            &multipart(&[
                ("file", Some("C:\\temp\\見本区.xlsx"), &fixture(WORKBOOK)),
                ("draft", None, b"1"),
            ])
            .1[..],
        )
        .unwrap();
    let answer = Answer::of(answer);
    assert_eq!(answer.status, 303, "{}", answer.text());
    let location = answer.header("location").to_owned();
    assert!(
        location.starts_with("/r/") && location.ends_with("?lang=en"),
        "{location}"
    );
    let page = server.get(&location).text();
    assert!(page.contains("Result of the check: 見本区.xlsx"), "{page}");
    assert!(page.contains("1 unmapped"), "{page}");
    assert!(
        page.contains("<tr class=\"unmapped\"><td>unmapped</td><td><code>様式1!"),
        "{page}"
    );
    assert!(page.contains("<object class=\"preview\""));
    let id = location
        .trim_start_matches("/r/")
        .split('?')
        .next()
        .unwrap();
    let pdf = server.get(&format!("/r/{id}/pdf"));
    assert_eq!(pdf.header("content-type"), "application/pdf");
    assert!(
        pdf.header("content-disposition")
            .contains("filename*=UTF-8''%E8%A6%8B%E6%9C%AC%E5%8C%BA.pdf")
    );
    assert!(pdf.body.starts_with(b"%PDF"));
    let preview = server.get(&format!("/r/{id}/preview"));
    assert!(preview.header("content-disposition").starts_with("inline;"));
    let plan = server.get(&format!("/r/{id}/plan"));
    assert_eq!(plan.header("content-type"), "application/json");
    let report = server.get(&format!("/r/{id}/report")).json();
    assert_eq!(report["import"]["unmapped"], 1);
    assert_eq!(server.get(&format!("/r/{id}/secret")).status, 404);
    assert_eq!(server.get("/r/..%2F..%2Fetc%2Fpasswd/pdf").status, 404);

    let bad = server.post_form(
        "/check?lang=en",
        &[("file", Some("plan.json"), b"{\n oops")],
    );
    assert_eq!(bad.status, 303);
    let location = bad.header("location").to_owned();
    let page = server.get(&location).text();
    assert!(page.contains("plan.json:2:2"), "{page}");
    assert!(page.contains("Nothing was made"), "{page}");
}

#[test]
fn serve_batch_page_and_diff_page() {
    let server = Server::start(&["--jobs", "2"]);
    let zip = zip_of(&[("a/福島区.json", &fixture(PLAN))]);
    let FinishedBatch {
        location,
        id,
        progress,
    } = server.finished_batch(
        "/batch?lang=en",
        &[
            ("file", Some("plans.zip"), &zip),
            ("format.pdf", None, b"pdf"),
        ],
    );
    assert_eq!(progress["rows"][0]["result"], "rendered");
    let page = server.get(&location).text();
    assert!(
        page.contains("a/福島区.json") && page.contains("made"),
        "{page}"
    );
    let zip = server.get(&format!("/b/{id}/zip"));
    assert!(zip.header("content-disposition").contains("plans-unei.zip"));
    assert!(zip_names(&zip.body).contains(&"a/福島区.pdf".to_owned()));

    let old = fixture(PLAN);
    let mut plan: serde_json::Value = serde_json::from_slice(&old).unwrap();
    plan["goal"] = serde_json::json!([{ "p": "新しい目標" }]);
    let new = serde_json::to_vec_pretty(&plan).unwrap();
    let diff = server.post_form(
        "/diff?lang=en",
        &[
            ("old", Some("old.json"), &old),
            ("new", Some("new.json"), &new),
        ],
    );
    assert_eq!(diff.status, 200, "{}", diff.text());
    assert!(diff.text().contains("新しい目標"));
    assert!(
        diff.header("content-security-policy")
            .contains("style-src 'unsafe-inline'")
    );
    assert!(!diff.header("content-security-policy").contains("script"));
}

#[test]
fn serve_token_guards_posts() {
    let server = Server::start(&["--jobs", "1", "--token", "s3cret"]);
    let plan = fixture(PLAN);
    assert_eq!(
        server
            .post("/api/validate", "application/json", &plan)
            .status,
        401
    );
    let answer = server
        .agent
        .post(&server.url("/api/validate"))
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer s3cret")
        .send(&plan[..])
        .unwrap();
    assert_eq!(Answer::of(answer).status, 200);
    let form = server.post_form(
        "/check",
        &[("file", Some("p.json"), &plan), ("token", None, b"wrong")],
    );
    assert_eq!(form.status, 401);
    let form = server.post_form(
        "/check",
        &[("file", Some("p.json"), &plan), ("token", None, b"s3cret")],
    );
    assert_eq!(form.status, 303);
    assert!(
        server
            .get("/")
            .text()
            .contains("type=\"password\" name=\"token\"")
    );
}

#[test]
fn serve_hostile_uploads_get_clean_errors_and_the_server_goes_on() {
    let server = Server::start(&["--jobs", "2", "--max-upload-mb", "4"]);
    let deep = "[".repeat(100_000);
    let hostile: Vec<(String, &str, Vec<u8>)> = vec![
        (
            "/api/render?name=x.xlsx".into(),
            "application/octet-stream",
            b"PK\x03\x04garbage".to_vec(),
        ),
        (
            "/api/render?name=x.xls".into(),
            "application/octet-stream",
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1broken".to_vec(),
        ),
        (
            "/api/render?name=x.ods".into(),
            "application/octet-stream",
            vec![0; 1000],
        ),
        ("/api/render".into(), "application/json", deep.into_bytes()),
        (
            "/api/render".into(),
            "application/json",
            b"\xFF\xFE{}".to_vec(),
        ),
        (
            "/api/render".into(),
            "application/json",
            b"{\"format\": 1e999999}".to_vec(),
        ),
        ("/api/render".into(), "application/json", b"null".to_vec()),
        ("/api/render".into(), "application/json", Vec::new()),
        (
            "/api/import?name=x.html".into(),
            "text/html",
            b"<html><body><script>alert(1)</script>".to_vec(),
        ),
        (
            "/api/import?name=x.txt".into(),
            "text/plain",
            vec![0xFF; 5000],
        ),
        (
            "/api/import?name=..%2F..%2Fetc%2Fpasswd".into(),
            "application/octet-stream",
            b"x".to_vec(),
        ),
        (
            "/api/validate?name=a%00b.json".into(),
            "application/json",
            b"{}".to_vec(),
        ),
        (
            "/api/batch".into(),
            "application/zip",
            b"PK\x05\x06".to_vec(),
        ),
        (
            "/api/batch".into(),
            "application/zip",
            b"PK\x03\x04\x14\x00".to_vec(),
        ),
        (
            "/check".into(),
            "multipart/form-data",
            b"no boundary".to_vec(),
        ),
        (
            "/check".into(),
            "multipart/form-data; boundary=x",
            b"--x\r\nbroken".to_vec(),
        ),
        (
            "/diff".into(),
            "multipart/form-data; boundary=x",
            b"--x--\r\n".to_vec(),
        ),
        (
            "/api/render?format=%00".into(),
            "application/json",
            b"{}".to_vec(),
        ),
        (
            "/api/render?template=..%2Fsecret".into(),
            "application/json",
            b"{}".to_vec(),
        ),
        (
            "/api/validate".into(),
            "application/json",
            format!("{{\"goal\": [\"{}\"]}}", "長".repeat(1 << 20)).into_bytes(),
        ),
    ];
    assert_eq!(hostile.len(), 20);
    for (path, content_type, body) in &hostile {
        let answer = server.post(path, content_type, body);
        assert!(
            (400..600).contains(&answer.status) && answer.status != 500,
            "{path}: {} {}",
            answer.status,
            answer.text()
        );
        // An error may be answered before the body is read: the client must not reuse the
        // connection (http.rs `close_after_error`).
        assert_eq!(answer.header("connection"), "close", "{path}");
    }
    assert_eq!(server.get("/healthz").status, 200);
    assert!(!server.log().contains("panicked"), "{}", server.log());
}

#[test]
fn serve_concurrent_clients_mixing_endpoints_get_no_errors() {
    let server = std::sync::Arc::new(Server::start(&["--jobs", "2"]));
    let plan = std::sync::Arc::new(fixture(PLAN));
    let workbook = std::sync::Arc::new(fixture(WORKBOOK));
    let clients: Vec<_> = (0..16)
        .map(|client| {
            let (server, plan, workbook) = (server.clone(), plan.clone(), workbook.clone());
            std::thread::spawn(move || {
                (0..4)
                    .map(|i| match (client + i) % 4 {
                        0 => server.get("/healthz").status,
                        1 => {
                            server
                                .post("/api/validate", "application/json", &plan)
                                .status
                        }
                        2 => {
                            server
                                .post(
                                    "/api/import?name=n.xlsx",
                                    "application/octet-stream",
                                    &workbook,
                                )
                                .status
                        }
                        _ => server.get("/").status,
                    })
                    .collect::<Vec<u16>>()
            })
        })
        .collect();
    let statuses: Vec<u16> = clients
        .into_iter()
        .flat_map(|c| c.join().unwrap())
        .collect();
    assert_eq!(statuses.len(), 64);
    assert!(statuses.iter().all(|s| *s == 200), "{statuses:?}");
}

#[test]
fn serve_stops_gracefully_on_sigterm() {
    let mut server = Server::start(&["--jobs", "1"]);
    assert_eq!(server.get("/healthz").status, 200);
    // A request under way when the signal comes is finished and answered (a render of seconds
    // in the debug build, so it is still under way 300 ms in).
    let (url, agent) = (server.url("/api/render"), server.agent.clone());
    let under_way = std::thread::spawn(move || {
        let plan = long_plan(1000);
        let response = agent
            .post(&url)
            .header("Content-Type", "application/json")
            .send(&plan[..])
            .unwrap();
        Answer::of(response).status
    });
    std::thread::sleep(Duration::from_millis(300));
    let pid = server.child.id().to_string();
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap();
    assert!(killed.success());
    assert_eq!(under_way.join().unwrap(), 200);
    let status = server.child.wait().unwrap();
    assert!(status.success(), "{status:?}");
    std::thread::sleep(Duration::from_millis(100));
    assert!(server.log().contains("shutting down"), "{}", server.log());
}

/// The page in a real browser (tests/browser/check.mjs): the example workbook uploaded
/// through the form, its result page read, its PDF downloaded and compared with `unei import`
/// then `unei render`; axe finds nothing on any page (upload, result, batch), at both widths.
#[test]
fn serve_in_a_browser_uploads_reads_the_report_and_downloads_the_pdf() {
    crate::browser_check::require_tools();
    let server = Server::start(&["--jobs", "2"]);
    let zip = zip_of(&[("区/福島区.json", &fixture(PLAN)), ("bad.json", b"{")]);
    let batch_page = server
        .finished_batch("/batch?lang=ja", &[("file", Some("plans.zip"), &zip)])
        .location;
    let workbook = "fixtures/workbooks/gen-a-ward-merged-labels.xlsx";
    let out = tempfile::tempdir().unwrap();
    let o = std::process::Command::new("node")
        .arg(root().join("tests/browser/check.mjs"))
        .arg("--out")
        .arg(out.path())
        .arg("--upload")
        .arg(root().join(workbook))
        .arg(server.url("/?lang=ja"))
        .arg(server.url("/?lang=en"))
        .arg(server.url(&batch_page))
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(
        o.status.success(),
        "{report}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        report.contains("upload: gen-a-ward-merged-labels.xlsx → "),
        "{report}"
    );
    assert!(
        report.contains("(点検の結果: gen-a-ward-merged-labels.xlsx)"),
        "{report}"
    );
    assert_eq!(report.matches(" 0 violated").count(), 4, "{report}");
    assert!(report.contains("vnu: no errors"), "{report}");
    let shots = std::fs::read_dir(out.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "png")
        })
        .count();
    assert_eq!(shots, 8, "{report}");

    let dir = tempfile::tempdir().unwrap();
    let (plan, pdf) = (dir.path().join("w.json"), dir.path().join("w.pdf"));
    let o = command()
        .args(["import", workbook, "--allow-unmapped", "-o"])
        .arg(&plan)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = command()
        .arg("render")
        .arg(&plan)
        .arg("--pdf")
        .arg(&pdf)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let downloaded = std::fs::read(out.path().join("download.pdf")).unwrap();
    assert!(
        downloaded == std::fs::read(&pdf).unwrap(),
        "the browser's PDF differs from unei render's"
    );
}

#[test]
fn serve_warns_when_reachable_from_other_machines() {
    let mut child = command()
        .args([
            "--lang",
            "en",
            "serve",
            "--addr",
            "0.0.0.0:0",
            "--jobs",
            "1",
        ])
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut seen = String::new();
    for line in BufReader::new(child.stderr.take().unwrap()).lines() {
        let line = line.unwrap();
        seen.push_str(&line);
        if line.contains("listening on") {
            break;
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(seen.contains("warning: 0.0.0.0:"), "{seen}");
    assert!(seen.contains("no authentication"), "{seen}");
    let o = command()
        .args(["serve", "--addr", "127.0.0.1:99999"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
}
