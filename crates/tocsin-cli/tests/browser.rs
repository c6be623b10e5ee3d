//! The UI in a real browser: `tocsin run` against a local site, then Debian's chromium
//! (driven by Playwright, `tests/browser/ui.mjs`) checks markers on the map, the country
//! filter, an event page with its evidence highlighted, the CSV export, an entity page with
//! its trend, and that hostile
//! article text (a `<script>` title, `<img onerror>` in the body) stays inert.
//!
//! Needs `/usr/bin/chromium` and `tests/browser/node_modules` (`.ci/run` installs both and
//! sets `TOCSIN_BROWSER_TEST=1`, which makes their absence a failure rather than a skip).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{free_port, http_get, page, SitePage, ATTACK, QUIET};

/// An attack with a named, claiming perpetrator: its entity page is checked.
const CLAIMED: &[&str] = &[
    "A suicide bomber blew himself up at a busy restaurant in Mogadishu, Somalia, on Saturday, killing 7 people and wounding 15, police said.",
    "Al-Shabaab claimed responsibility for the attack in a statement on its radio station.",
];

const HOSTILE_TITLE: &str =
    "<script>window.__pwned=1</script>Bomb in Kabul <img src=x onerror=\"window.__pwned=2\">";

#[test]
fn the_ui_shows_filters_explains_and_exports_safely() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let script = root.join("tests/browser/ui.mjs");
    let ready = Path::new("/usr/bin/chromium").exists()
        && root
            .join("tests/browser/node_modules/playwright-core")
            .exists();
    if !ready {
        assert!(
            std::env::var_os("TOCSIN_BROWSER_TEST").is_none(),
            "TOCSIN_BROWSER_TEST is set but chromium or tests/browser/node_modules is missing"
        );
        eprintln!("browser test skipped: install chromium and run `npm ci` in tests/browser (see .ci/run)");
        return;
    }
    let hostile_body: Vec<String> = vec![
        "A car bomb exploded near a checkpoint in Kabul, Afghanistan, on Friday, killing 9 people, officials said.".into(),
        "Witnesses posted &lt;img src=x onerror=\"window.__pwned=3\"&gt; and <a href=\"javascript:window.__pwned=4\">this link</a> online.".into(),
    ];
    let hostile_refs: Vec<&str> = hostile_body.iter().map(String::as_str).collect();
    let (site_port, _log) = common::site(vec![
        SitePage {
            path: "/a1.html",
            title: "Gunmen attack market",
            html: page("Gunmen attack market in Peshawar", ATTACK),
        },
        SitePage {
            path: "/a2.html",
            title: "Council budget",
            html: page("Council approves budget", QUIET),
        },
        SitePage {
            path: "/a5.html",
            title: "Suicide bomber kills 7 in Mogadishu",
            html: page("Suicide bomber kills 7 in Mogadishu", CLAIMED),
        },
        SitePage {
            path: "/a4.html",
            title: "Bomb in Kabul",
            html: page(
                &HOSTILE_TITLE
                    .replace('&', "&amp;")
                    .replace('<', "&lt;")
                    .replace('>', "&gt;"),
                &hostile_refs,
            ),
        },
    ]);
    let dir = tempfile::tempdir().unwrap();
    let api = free_port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_tocsin"))
        .args(["run", "--data"])
        .arg(dir.path())
        .args(["--listen", &format!("127.0.0.1:{api}")])
        .args(["--feed", &format!("http://127.0.0.1:{site_port}/feed.xml")])
        .args([
            "--interval",
            "2",
            "--host-interval",
            "0",
            "--allow-private-addresses",
        ])
        .env_remove("TOCSIN_GAZETTEER")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let t = Instant::now();
    // Stored and searchable: the three violent articles' events are listed.
    while http_get(api, "/api/events")
        .and_then(|v| v["total"].as_u64())
        .unwrap_or(0)
        < 3
    {
        assert!(
            t.elapsed() < Duration::from_secs(90),
            "tocsin run did not store the site's articles"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    let shot = std::env::var("TOCSIN_SCREENSHOT").ok();
    let mut node = Command::new("node");
    node.arg(&script).arg(format!("http://127.0.0.1:{api}/"));
    if let Some(s) = &shot {
        node.arg(s);
    }
    let out = node.output().expect("node runs");
    child.kill().unwrap();
    let _ = child.wait();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    eprintln!("{stdout}");
    assert!(
        out.status.success(),
        "browser checks failed:\n{stdout}\n{stderr}"
    );
}
