//! End to end: the built `tocsin` binary on a batch of hostile and broken inputs, every fixture
//! generated here in a temporary directory.
//!
//! Whatever the batch holds, the process must end with status 0 or 1 (never a signal or a Rust
//! panic's 101), print valid JSON Lines in input order, name every input it could not read in
//! an error line, and still extract the good pages around the bad ones.

use std::ffi::OsString;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use flate2::{write::GzEncoder, Compress, Compression, Crc, FlushCompress, Status};
use serde_json::Value;

const GOOD_FIRST: &str = "Gunmen opened fire on a police convoy near the border on Tuesday, \
    killing four officers, the interior ministry said in a statement.";
const GOOD_LAST: &str = "Floodwaters forced thousands of families from their homes on Sunday \
    after the river burst its banks, local officials said.";

/// What one run of the binary produced.
struct Run {
    code: i32,
    lines: Vec<Value>,
    stdout: String,
    stderr: String,
    elapsed: Duration,
}

/// Runs `tocsin` with these arguments (and this stdin), and checks what every run must
/// satisfy: it exited by itself with 0 or 1, and stdout is valid JSON Lines of objects.
fn tocsin(args: &[OsString], stdin: Option<&[u8]>) -> Run {
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_tocsin"))
        .args(args)
        .env_remove("TOCSIN_MAX_DOC_BYTES")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the tocsin binary starts");
    if let Some(bytes) = stdin {
        let mut pipe = child.stdin.take().expect("stdin is piped");
        let bytes = bytes.to_vec();
        // Written from a thread so that a full stdout pipe cannot deadlock the test.
        std::thread::spawn(move || pipe.write_all(&bytes));
    }
    let Output {
        status,
        stdout,
        stderr,
    } = child.wait_with_output().expect("tocsin runs to the end");
    let elapsed = start.elapsed();
    let stderr = String::from_utf8_lossy(&stderr).into_owned();
    let code = match status.code() {
        Some(code) => code,
        None => {
            use std::os::unix::process::ExitStatusExt;
            panic!(
                "tocsin was killed by signal {:?}; stderr:\n{stderr}",
                status.signal()
            )
        }
    };
    assert!(
        code == 0 || code == 1,
        "tocsin exited with {code} (101 is a panic); stderr:\n{stderr}"
    );
    let stdout = String::from_utf8(stdout).expect("stdout is UTF-8");
    let jsonl = !args.iter().any(|a| a == "--json");
    let lines = stdout
        .lines()
        .filter(|_| jsonl)
        .enumerate()
        .map(|(i, line)| {
            let value: Value = serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("stdout line {} is not JSON ({e}): {line:.200}", i + 1));
            assert!(value.is_object(), "stdout line {} is not an object", i + 1);
            value
        })
        .collect();
    Run {
        code,
        lines,
        stdout,
        stderr,
        elapsed,
    }
}

fn args(items: &[&dyn AsRef<std::ffi::OsStr>]) -> Vec<OsString> {
    items.iter().map(|a| a.as_ref().to_os_string()).collect()
}

fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{title}</title></head>\
         <body><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav>\
         <article><h1>{title}</h1><p>{body}</p></article>\
         <footer>Copyright 2024 Example News. All rights reserved.</footer></body></html>"
    )
}

fn gz(data: &[u8]) -> Vec<u8> {
    let mut enc = GzEncoder::new(Vec::new(), Compression::fast());
    enc.write_all(data).expect("in-memory write");
    enc.finish().expect("in-memory write")
}

/// One WARC/1.1 `response` record holding `http` (an HTTP response, headers and body).
/// `declared` overrides the Content-Length (to build truncated or oversized records).
fn warc_record(uri: &str, http: &[u8], declared: Option<usize>) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{uri}>\r\n\
         WARC-Date: 2024-03-22T19:05:11Z\r\nWARC-Target-URI: {uri}\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        declared.unwrap_or(http.len())
    )
    .into_bytes();
    out.extend_from_slice(http);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn http_html(body: &str) -> Vec<u8> {
    format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{body}").into_bytes()
}

/// Deterministic noise (xorshift), so the binary fixture is the same on every run.
fn noise(len: usize) -> Vec<u8> {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

/// The fixtures, written into `dir`, in the order they are given on the command line.
struct Batch {
    good_first: PathBuf,
    empty: PathBuf,
    binary: PathBuf,
    invalid_utf8: PathBuf,
    wrong_charset: PathBuf,
    huge: PathBuf,
    nested: PathBuf,
    truncated_gz: PathBuf,
    truncated_warc: PathBuf,
    bomb_warc_gz: PathBuf,
    good_last: PathBuf,
}

impl Batch {
    fn in_order(&self) -> Vec<&Path> {
        vec![
            &self.good_first,
            &self.empty,
            &self.binary,
            &self.invalid_utf8,
            &self.wrong_charset,
            &self.huge,
            &self.nested,
            &self.truncated_gz,
            &self.truncated_warc,
            &self.bomb_warc_gz,
            &self.good_last,
        ]
    }
}

/// Size of the huge page: over the default 32 MiB limit.
const HUGE: usize = 50 << 20;
/// What the bomb's gzip member inflates to, in MiB of zeros (past 200 MB).
const BOMB_MIB: usize = 201;

fn write_batch(dir: &Path) -> Batch {
    let write = |name: &str, bytes: &[u8]| {
        let path = dir.join(name);
        fs::write(&path, bytes).expect("writing a fixture");
        path
    };

    let good_first = write(
        "good-first.html",
        page("Convoy attacked", GOOD_FIRST).as_bytes(),
    );
    let empty = write("empty.html", b"");

    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend(noise(20_000));
    let binary = write("image.png", &png);

    let mut bad_utf8 = page(
        "Broken bytes",
        "Before the broken bytes, troops crossed the river. @@ After them, the shelling stopped.",
    )
    .into_bytes();
    let at = bad_utf8
        .windows(2)
        .position(|w| w == b"@@")
        .expect("marker in page");
    bad_utf8.splice(at..at + 2, *b"\xff\xfe\xc3\x28\xe2\x82");
    let invalid_utf8 = write("invalid-utf8.html", &bad_utf8);

    // Declared UTF-8, written in windows-1252: "ü" is the single byte 0xFC.
    let latin = page(
        "Anschlag in Berlin",
        "Der Sprecher Müller sagte, die Straße bleibe nach dem Anschlag gesperrt.",
    );
    // Every character of the page is below U+0100, where windows-1252 matches Latin-1.
    let cp1252: Vec<u8> = latin
        .chars()
        .map(|c| u8::try_from(u32::from(c)).expect("a Latin-1 character"))
        .collect();
    assert!(
        std::str::from_utf8(&cp1252).is_err(),
        "fixture is not UTF-8"
    );
    let wrong_charset = write("wrong-charset.html", &cp1252);

    let huge = write("huge.html", &huge_page());

    let depth = 100_000;
    let mut nested = String::with_capacity(depth * 20);
    nested.push_str("<html><head><title>Deep</title></head><body>");
    for i in 0..depth {
        nested.push_str("<div>");
        if i % 10_000 == 0 {
            nested.push_str("level text ");
        }
    }
    nested.push_str(
        "<p>Deep inside, the rebels said they had taken the airport on Monday morning.</p>",
    );
    nested.push_str(&"</div>".repeat(depth));
    nested.push_str("</body></html>");
    let nested = write("nested.html", nested.as_bytes());

    let long_page = page(
        "Long",
        &"Shelling resumed along the front line. ".repeat(2_000),
    );
    let mut tgz = gz(long_page.as_bytes());
    tgz.truncate(tgz.len() / 2);
    let truncated_gz = write("truncated.html.gz", &tgz);

    let mut twarc = warc_record(
        "https://a.test/whole",
        &http_html(&page("Whole record", GOOD_FIRST)),
        None,
    );
    let cut = warc_record(
        "https://a.test/cut",
        &http_html(&page("Cut record", GOOD_LAST)),
        Some(50_000),
    );
    twarc.extend_from_slice(&cut[..cut.len() - 4]);
    let truncated_warc = write("truncated.warc", &twarc);

    let bomb_warc_gz = write("bomb.warc.gz", &bomb_warc());

    let good_last = write("good-last.html", page("River floods", GOOD_LAST).as_bytes());

    Batch {
        good_first,
        empty,
        binary,
        invalid_utf8,
        wrong_charset,
        huge,
        nested,
        truncated_gz,
        truncated_warc,
        bomb_warc_gz,
        good_last,
    }
}

/// A 50 MB page of repeated paragraphs (cheap to build, realistic to parse).
fn huge_page() -> Vec<u8> {
    let head = page("Huge", "The first paragraph of a very long page.");
    let head = head
        .split("</article>")
        .next()
        .expect("page has an article");
    let mut out = Vec::with_capacity(HUGE + 1024);
    out.extend_from_slice(head.as_bytes());
    let para = b"<p>Officials said the talks would continue next week despite the latest \
        attacks on supply lines in the east, where fighting has displaced many.</p>\n";
    while out.len() + para.len() < HUGE - 64 {
        out.extend_from_slice(para);
    }
    out.extend_from_slice(b"</article></body></html>");
    out.resize(HUGE, b' ');
    out
}

/// Deflates `input` into `out` with `flush`, leaving the stream byte-aligned (or finished).
fn deflate_into(c: &mut Compress, input: &[u8], flush: FlushCompress, out: &mut Vec<u8>) {
    let start = c.total_in();
    loop {
        out.reserve(64 << 10);
        let done = usize::try_from(c.total_in() - start).expect("small input");
        let status = c
            .compress_vec(&input[done..], out, flush)
            .expect("in-memory deflate");
        let all_in = c.total_in() - start == input.len() as u64;
        let finished = match flush {
            FlushCompress::Finish => status == Status::StreamEnd,
            _ => all_in && out.len() < out.capacity(),
        };
        if finished {
            return;
        }
    }
}

/// One gzip member that inflates to `prefix`, `mib` MiB of zeros, then `suffix`, built in
/// milliseconds: one MiB of zeros is deflated once, between full flushes (so it refers to
/// nothing before it), and that chunk is repeated; the CRC of the zeros is combined likewise.
fn gzip_bomb_member(prefix: &[u8], mib: usize, suffix: &[u8]) -> Vec<u8> {
    let zeros = vec![0u8; 1 << 20];
    let mut c = Compress::new(Compression::best(), false);
    let mut head = Vec::new();
    deflate_into(&mut c, prefix, FlushCompress::Full, &mut head);
    let mut chunk = Vec::new();
    deflate_into(&mut c, &zeros, FlushCompress::Full, &mut chunk);
    let mut tail = Vec::new();
    deflate_into(&mut c, suffix, FlushCompress::Finish, &mut tail);

    let mut crc = Crc::new();
    crc.update(prefix);
    let mut zeros_crc = Crc::new();
    zeros_crc.update(&zeros);
    for _ in 0..mib {
        crc.combine(&zeros_crc);
    }
    let mut suffix_crc = Crc::new();
    suffix_crc.update(suffix);
    crc.combine(&suffix_crc);

    let mut out = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
    out.extend_from_slice(&head);
    for _ in 0..mib {
        out.extend_from_slice(&chunk);
    }
    out.extend_from_slice(&tail);
    out.extend_from_slice(&crc.sum().to_le_bytes());
    out.extend_from_slice(&crc.amount().to_le_bytes());
    out
}

/// A CC-NEWS-style WARC.gz (one gzip member per record): a good record, a record whose member
/// inflates to over 200 MB of zeros, another good record.
fn bomb_warc() -> Vec<u8> {
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n";
    let header = format!(
        "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: https://bomb.test/\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{head}",
        head.len() + (BOMB_MIB << 20)
    );
    let bomb = gzip_bomb_member(header.as_bytes(), BOMB_MIB, b"\r\n\r\n");
    assert!(bomb.len() < 1 << 20, "the bomb is small: {}", bomb.len());

    let mut file = gz(&warc_record(
        "https://a.test/before-bomb",
        &http_html(&page("Before", GOOD_FIRST)),
        None,
    ));
    file.extend_from_slice(&bomb);
    file.extend_from_slice(&gz(&warc_record(
        "https://a.test/after-bomb",
        &http_html(&page("After", GOOD_LAST)),
        None,
    )));
    file
}

fn path_of(line: &Value) -> &str {
    line["path"].as_str().unwrap_or("")
}

/// The output lines that came from `input` (the file itself, or records inside it).
fn lines_for<'a>(run: &'a Run, input: &Path) -> Vec<&'a Value> {
    let name = input.display().to_string();
    run.lines
        .iter()
        .filter(|l| {
            let p = path_of(l);
            p == name || p.strip_prefix(&name).is_some_and(|r| r.starts_with('#'))
        })
        .collect()
}

fn text_of(line: &Value) -> &str {
    line["text"].as_str().unwrap_or("")
}

/// A line that is a successful extraction whose text contains `needle`.
fn assert_ok_with(line: &Value, needle: &str) {
    assert!(line.get("error").is_none(), "unexpected error line: {line}");
    let text = text_of(line);
    assert!(
        text.contains(needle),
        "{}: text lacks {needle:?}: {:.300}",
        path_of(line),
        text
    );
}

/// A line with an `error` field that names the input and says `why`.
fn assert_error_with(line: &Value, input: &Path, why: &str) {
    let error = line["error"]
        .as_str()
        .unwrap_or_else(|| panic!("expected an error line for {}: {line}", input.display()));
    assert!(
        path_of(line).starts_with(&input.display().to_string()),
        "error line does not name {}: {line}",
        input.display()
    );
    assert!(
        error.contains(why),
        "error for {} lacks {why:?}: {error}",
        input.display()
    );
}

#[test]
fn hostile_batch_never_crashes_and_keeps_good_pages_in_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    let batch = write_batch(dir.path());
    let order = batch.in_order();
    let mut argv = args(&[&"extract", &"--jsonl"]);
    argv.extend(order.iter().map(|p| p.as_os_str().to_os_string()));
    let run = tocsin(&argv, None);
    assert_eq!(
        run.code, 1,
        "some documents failed; stderr:\n{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("document(s) failed"),
        "stderr: {}",
        run.stderr
    );

    // Every line belongs to one input, and the inputs come out in command-line order.
    let mut last = 0;
    for line in &run.lines {
        let owner = order
            .iter()
            .position(|p| lines_for(&run, p).iter().any(|l| std::ptr::eq(*l, line)))
            .unwrap_or_else(|| panic!("line names no input: {line:.300}"));
        assert!(
            owner >= last,
            "out of order: {} after input {last}",
            path_of(line)
        );
        last = owner;
    }
    for input in &order {
        assert!(
            !lines_for(&run, input).is_empty(),
            "no line for {}",
            input.display()
        );
    }

    let one = |input: &Path| -> Value {
        let lines = lines_for(&run, input);
        assert_eq!(lines.len(), 1, "{}: {lines:?}", input.display());
        lines[0].clone()
    };

    // The good pages, first and last, with their text and title.
    let first = one(&batch.good_first);
    assert_ok_with(&first, GOOD_FIRST);
    assert_eq!(first["title"], "Convoy attacked");
    assert_eq!(
        path_of(&run.lines[0]),
        batch.good_first.display().to_string()
    );
    let last_line = run.lines.last().expect("lines");
    assert_ok_with(last_line, GOOD_LAST);
    assert_eq!(path_of(last_line), batch.good_last.display().to_string());

    assert_error_with(&one(&batch.empty), &batch.empty, "empty document");
    assert_error_with(&one(&batch.binary), &batch.binary, "binary content (png)");

    // Invalid UTF-8 is repaired (replacement characters), the rest of the page kept.
    let bad = one(&batch.invalid_utf8);
    assert_ok_with(&bad, "Before the broken bytes, troops crossed the river.");
    assert_ok_with(&bad, "After them, the shelling stopped.");

    // The page lies about its charset: the bytes win.
    let latin = one(&batch.wrong_charset);
    assert_ok_with(&latin, "Der Sprecher Müller sagte, die Straße bleibe");
    assert!(!text_of(&latin).contains('\u{FFFD}'), "{latin}");

    assert_error_with(
        &one(&batch.huge),
        &batch.huge,
        &format!("document is {HUGE} bytes, over the 33554432-byte limit"),
    );

    let nested = one(&batch.nested);
    assert_ok_with(&nested, "the rebels said they had taken the airport");

    assert_error_with(
        &one(&batch.truncated_gz),
        &batch.truncated_gz,
        "cannot read",
    );

    let warc = lines_for(&run, &batch.truncated_warc);
    assert_eq!(warc.len(), 2, "{warc:?}");
    assert_ok_with(warc[0], GOOD_FIRST);
    assert_eq!(warc[0]["url"], "https://a.test/whole");
    assert_error_with(warc[1], &batch.truncated_warc, "WARC record truncated");
    assert_eq!(warc[1]["url"], "https://a.test/cut");

    // The bomb fails alone; the record after it still comes out.
    let bomb = lines_for(&run, &batch.bomb_warc_gz);
    assert_eq!(bomb.len(), 3, "{bomb:?}");
    assert_ok_with(bomb[0], GOOD_FIRST);
    assert_error_with(
        bomb[1],
        &batch.bomb_warc_gz,
        "over the 67108864-byte record limit",
    );
    assert_eq!(bomb[1]["url"], "https://bomb.test/");
    assert_ok_with(bomb[2], GOOD_LAST);
    assert_eq!(bomb[2]["url"], "https://a.test/after-bomb");

    let errors = run
        .lines
        .iter()
        .filter(|l| l.get("error").is_some())
        .count();
    assert!(
        run.stderr.contains(&format!("{errors} document(s) failed")),
        "stderr: {}",
        run.stderr
    );
}

/// A 50 MB page the way real ones get that big: a short article and a huge inline blob
/// (hydration state, base64 images).
fn huge_blob_page() -> Vec<u8> {
    let mut out = page("Huge", GOOD_FIRST)
        .replace(
            "</article>",
            "</article><script>window.__STATE__=\"</script>",
        )
        .into_bytes();
    let at = out
        .windows(9)
        .position(|w| w == b"</script>")
        .expect("script end");
    let blob: Vec<u8> = b"QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0MjQy"
        .iter()
        .copied()
        .cycle()
        .take(HUGE - out.len() - 2)
        .collect();
    out.splice(at..at, blob.into_iter().chain(*b"\";"));
    assert_eq!(out.len(), HUGE);
    out
}

fn run_huge(page: &[u8]) -> Run {
    let dir = tempfile::tempdir().expect("tempdir");
    let huge = dir.path().join("huge.html");
    fs::write(&huge, page).expect("writing a fixture");
    let good = dir.path().join("good.html");
    fs::write(&good, self::page("River floods", GOOD_LAST)).expect("writing a fixture");
    let run = tocsin(
        &args(&[
            &"extract",
            &"--jsonl",
            &"--max-doc-bytes",
            &"100000000",
            &huge,
            &good,
        ]),
        None,
    );
    assert_eq!(run.code, 0, "stderr:\n{}", run.stderr);
    assert_eq!(run.lines.len(), 2);
    assert_eq!(path_of(&run.lines[0]), huge.display().to_string());
    assert_ok_with(&run.lines[1], GOOD_LAST);
    run
}

#[test]
fn huge_page_passes_with_a_raised_limit() {
    let run = run_huge(&huge_blob_page());
    assert_ok_with(&run.lines[0], GOOD_FIRST);
    assert!(
        !text_of(&run.lines[0]).contains("QUJDREVG"),
        "the blob is not text"
    );
    assert!(
        run.elapsed < Duration::from_secs(15),
        "50 MB took {:?}",
        run.elapsed
    );
}

/// 50 MB of article paragraphs through the whole extractor. Slow in a debug build (minutes),
/// about 5 s in release: `cargo test --release -p tocsin-cli --test hostile_inputs -- --ignored`.
#[test]
#[ignore = "slow in debug builds; run with --release"]
fn huge_text_page_passes_with_a_raised_limit_in_reasonable_time() {
    let run = run_huge(&huge_page());
    let text = text_of(&run.lines[0]);
    assert!(
        text.starts_with("The first paragraph of a very long page."),
        "{:.200}",
        text
    );
    assert!(
        text.len() > 20 << 20,
        "most of the page is article text: {} bytes",
        text.len()
    );
    let limit = if cfg!(debug_assertions) { 600 } else { 30 };
    assert!(
        run.elapsed < Duration::from_secs(limit),
        "50 MB took {:?}",
        run.elapsed
    );
}

#[test]
fn attribute_junk_does_not_panic() {
    // Found by the html_extract fuzz target: a stray `="…"` in a tag made the parser step one
    // byte too far, into a UTF-8 sequence or past the end of the input.
    let dir = tempfile::tempdir().expect("tempdir");
    let cases: [(&str, &[u8]); 3] = [
        (
            "utf8.html",
            "<div =\"x\"ÿ class=a><p>Troops withdrew from the town.</p></div>".as_bytes(),
        ),
        (
            "script.html",
            b"<p>Troops withdrew from the town.</p><script =\"",
        ),
        (
            "title.html",
            b"<p>Troops withdrew from the town.</p><title ='",
        ),
    ];
    let mut argv = args(&[&"extract", &"--jsonl"]);
    for (name, bytes) in cases {
        let path = dir.path().join(name);
        fs::write(&path, bytes).expect("writing a fixture");
        argv.push(path.into_os_string());
    }
    let run = tocsin(&argv, None);
    assert_eq!(run.code, 0, "stderr:\n{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert_eq!(run.lines.len(), 3);
    for line in &run.lines {
        assert_ok_with(line, "Troops withdrew from the town.");
    }
}

#[test]
fn json_prints_one_json_object() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("story.html");
    fs::write(&path, page("Convoy attacked", GOOD_FIRST)).expect("writing a fixture");
    let run = tocsin(&args(&[&"extract", &"--json", &path]), None);
    assert_eq!(run.code, 0, "stderr:\n{}", run.stderr);
    // The whole of stdout is exactly one JSON value (pretty or on one line: `--json` has
    // printed both), and it is the article's object.
    let mut values = serde_json::Deserializer::from_str(&run.stdout).into_iter::<Value>();
    let value = values
        .next()
        .expect("one JSON value")
        .expect("stdout is JSON");
    assert!(
        values.next().is_none(),
        "more than one value: {}",
        run.stdout
    );
    assert!(value.is_object(), "{value}");
    assert_eq!(value["title"], "Convoy attacked");
    assert_ok_with(&value, GOOD_FIRST);
    assert_eq!(value["path"], path.display().to_string());

    // Several inputs are refused: --json is for a single FILE.
    let other = dir.path().join("other.html");
    fs::write(&other, page("River floods", GOOD_LAST)).expect("writing a fixture");
    let output = Command::new(env!("CARGO_BIN_EXE_tocsin"))
        .args(args(&[&"extract", &"--json", &path, &other]))
        .output()
        .expect("tocsin runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
}

#[test]
fn hostile_stdin_streams_are_survived() {
    // The bomb and a truncated gzip arrive on stdin, where nothing is known up front.
    let run = tocsin(&args(&[&"extract", &"--jsonl", &"-"]), Some(&bomb_warc()));
    assert_eq!(run.code, 1, "stderr:\n{}", run.stderr);
    assert_eq!(run.lines.len(), 3, "{:?}", run.lines);
    assert_ok_with(&run.lines[0], GOOD_FIRST);
    assert_error_with(&run.lines[1], Path::new("-"), "record limit");
    assert_ok_with(&run.lines[2], GOOD_LAST);

    let mut truncated = gz(page("Cut", &"Shelling resumed. ".repeat(5_000)).as_bytes());
    truncated.truncate(truncated.len() / 2);
    let run = tocsin(&args(&[&"extract", &"--jsonl", &"-"]), Some(&truncated));
    assert_eq!(run.code, 1, "stderr:\n{}", run.stderr);
    assert_eq!(run.lines.len(), 1, "{:?}", run.lines);
    assert_error_with(&run.lines[0], Path::new("-"), "cannot read");
}
