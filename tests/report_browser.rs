//! The HTML report in a real headless browser: `wenshu check examples/cases --html …`, then
//! Debian's chromium loads it with a filter in the URL fragment. The DOM after the report's
//! script ran must hold the findings with their `<mark>`ed evidence, and the filter must hide
//! the findings of every other rule. A screenshot is saved under the target folder.
//!
//! Skipped, with a message, when chromium is not installed (`.ci/run` installs it).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_wenshu");

fn chromium() -> Option<PathBuf> {
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
}

/// The folder for artefacts: the cargo target folder (`target/` unless `CARGO_TARGET_DIR`).
fn target_dir() -> PathBuf {
    let exe = Path::new(BIN);
    // …/target/release/wenshu → …/target
    exe.parent()
        .and_then(Path::parent)
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("target"))
}

/// Runs headless chromium on `url` with `extra` arguments (`--dump-dom`, `--screenshot=…`).
fn browse(chromium: &Path, url: &str, extra: &[&str]) -> String {
    static RUNS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let run = RUNS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let profile =
        std::env::temp_dir().join(format!("wenshu-chromium-{}-{run}", std::process::id()));
    let _ = std::fs::remove_dir_all(&profile);
    std::fs::create_dir_all(&profile).unwrap();
    let out = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--window-size=1280,1400",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(url)
        .output()
        .expect("run chromium");
    let _ = std::fs::remove_dir_all(&profile);
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The opening tags of the finding articles: (rule, hidden).
fn articles(dom: &str) -> Vec<(String, bool)> {
    dom.match_indices("<article ")
        .map(|(i, _)| {
            let tag = &dom[i..i + dom[i..].find('>').unwrap()];
            let rule = tag
                .split("data-rule=\"")
                .nth(1)
                .and_then(|r| r.split('"').next())
                .unwrap_or("")
                .to_string();
            (rule, tag.contains(" hidden"))
        })
        .collect()
}

#[test]
fn the_report_filters_and_highlights_in_a_browser() {
    let Some(chromium) = chromium() else {
        println!("skipped: chromium not installed (apt-get install chromium)");
        return;
    };
    let dir = target_dir().join("report-browser");
    std::fs::create_dir_all(&dir).unwrap();
    let report = dir.join("report.html");
    let o = Command::new(BIN)
        .args(["check", "examples/cases", "--html"])
        .arg(&report)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let html = std::fs::read_to_string(&report).unwrap();
    assert!(
        !html.contains("http://") && !html.contains("https://") && !html.contains(" src="),
        "self-contained"
    );

    let url = format!("file://{}", report.canonicalize().unwrap().display());

    // No filter: every finding shown, twice (by case and by rule), evidence marked in context.
    let dom = browse(&chromium, &url, &["--dump-dom"]);
    let all = articles(&dom);
    assert_eq!(all.len(), 22, "11 findings × 2 views");
    assert!(all.iter().all(|(_, hidden)| !hidden));
    assert!(dom.contains("data-shown=\"11\""), "the script ran");
    assert!(
        dom.contains("<mark>1991年7月14日</mark>出生"),
        "evidence in its context"
    );
    assert!(dom.contains("<mark>1991年4月17日</mark>"));
    assert!(
        dom.contains("class=\"evidence side-by-side\""),
        "cross-document findings side by side"
    );
    assert!(
        dom.contains("被告人葛永利，男，<mark>"),
        "context before the span"
    );

    // Filter by rule from the fragment: only X-identity shown.
    let filtered = format!("{url}#rule=X-identity");
    let dom = browse(&chromium, &filtered, &["--dump-dom"]);
    let a = articles(&dom);
    let shown: Vec<&str> = a.iter().filter(|x| !x.1).map(|x| x.0.as_str()).collect();
    assert_eq!(shown, ["X-identity"; 4], "2 findings × 2 views");
    assert!(
        a.iter().filter(|x| x.0 != "X-identity").all(|x| x.1),
        "other rules hidden"
    );
    assert!(
        dom.contains(
            "data-rule=\"X-identity\" data-severity=\"error,warning,info\" data-shown=\"2\""
        ),
        "{}",
        &dom[dom.find("<body").unwrap()..][..200]
    );
    assert!(dom.contains("显示 2 / 11 条"));

    // Severity and view from the query and fragment together.
    let dom = browse(
        &chromium,
        &format!("{url}?severity=error#view=rule"),
        &["--dump-dom"],
    );
    let a = articles(&dom);
    assert!(a.iter().filter(|x| !x.1).all(|x| x.0 == "L-fine-missing"));
    assert_eq!(a.iter().filter(|x| !x.1).count(), 2);
    assert!(dom.contains("<body data-view=\"rule\""));
    assert!(dom.contains("id=\"by-case\" class=\"view\" hidden"));

    // A screenshot of the filtered report, for a person to look at.
    let shot = dir.join("report-x-identity.png");
    let _ = std::fs::remove_file(&shot);
    browse(
        &chromium,
        &filtered,
        &[&format!("--screenshot={}", shot.display())],
    );
    let png = std::fs::read(&shot).expect("screenshot written");
    assert!(png.starts_with(b"\x89PNG") && png.len() > 10_000);
    println!("screenshot: {}", shot.display());
}

#[test]
fn a_redacted_report_shows_no_names_in_the_browser() {
    let Some(chromium) = chromium() else {
        println!("skipped: chromium not installed (apt-get install chromium)");
        return;
    };
    let dir = target_dir().join("report-browser");
    std::fs::create_dir_all(&dir).unwrap();
    let report = dir.join("report-redacted.html");
    let o = Command::new(BIN)
        .args(["check", "--redact", "examples/cases", "--html"])
        .arg(&report)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(o.status.success());
    let url = format!(
        "file://{}#rule=X-identity",
        report.canonicalize().unwrap().display()
    );
    let dom = browse(&chromium, &url, &["--dump-dom"]);
    for secret in ["葛永利", "韦大勇", "340111199104172530", "骆岗街道"] {
        assert!(!dom.contains(secret), "{secret} in the redacted report");
    }
    assert!(
        dom.contains("被告人葛某，男，<mark>1991年7月14日</mark>"),
        "placeholders in context"
    );
    assert!(dom.contains("340111********2530"));
}
