//! Inputs shared by the benches: the shared corpus and fixtures when present
//! (`../shared/corpus`, `../shared/fixtures`), the bundled examples and test fixtures otherwise.
//! Everything is read into memory once, before anything is timed.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The crate root.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A set of inputs of one kind.
pub struct Inputs {
    /// Where they came from (for the report).
    pub origin: String,
    /// `(name, text)`.
    pub texts: Vec<(String, String)>,
}

impl Inputs {
    /// Total UTF-8 bytes.
    pub fn bytes(&self) -> u64 {
        self.texts.iter().map(|(_, t)| t.len() as u64).sum()
    }

    /// Number of documents.
    pub fn len(&self) -> u64 {
        self.texts.len() as u64
    }

    /// Whether there is nothing to measure.
    pub fn is_empty(&self) -> bool {
        self.texts.is_empty()
    }
}

/// Reads any document (text, DOCX, PDF …) to its text.
fn read_text(path: &Path) -> Option<String> {
    wenshu::read::read_path(path, &wenshu::Limits::default())
        .ok()
        .map(|r| r.text)
}

/// The judgments: `../shared/corpus/judgments.jsonl` (421 real judgments), else the bundled
/// example cases' judgments and the committed judgment fixtures.
pub fn judgments() -> Inputs {
    let shared = root().join("../shared/corpus/judgments.jsonl");
    if let Ok(data) = std::fs::read_to_string(&shared) {
        let texts: Vec<(String, String)> = data
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| {
                let id = v["id"].as_str().unwrap_or("j").to_string();
                v["text"].as_str().map(|t| (id, t.to_string()))
            })
            .collect();
        if !texts.is_empty() {
            return Inputs {
                origin: "../shared/corpus/judgments.jsonl".into(),
                texts,
            };
        }
    }
    let mut texts = files_with_prefix(&root().join("tests/fixtures/judgments"), "judgment-");
    for case in case_dirs(&root().join("examples/cases")) {
        for (name, text) in case {
            if name.starts_with("judgment") {
                texts.push((name, text));
            }
        }
    }
    Inputs {
        origin: "tests/fixtures/judgments, examples/cases".into(),
        texts,
    }
}

/// `tests/fixtures/procuratorate/{prefix}*.txt`, e.g. `indictment-`, or the arrest documents
/// (`approve-`, `decide-`, `refuse-`, `request-`).
pub fn procuratorate(prefixes: &[&str]) -> Inputs {
    let dir = root().join("tests/fixtures/procuratorate");
    let mut texts = Vec::new();
    for p in prefixes {
        texts.extend(files_with_prefix(&dir, p));
    }
    Inputs {
        origin: format!(
            "tests/fixtures/procuratorate/{{{}}}*.txt",
            prefixes.join(",")
        ),
        texts,
    }
}

/// `dir/{prefix}*.txt`, sorted.
fn files_with_prefix(dir: &Path, prefix: &str) -> Vec<(String, String)> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension().is_some_and(|e| e == "txt")
                && p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with(prefix))
        })
        .collect();
    paths.sort();
    paths
        .into_iter()
        .filter_map(|p| {
            let text = std::fs::read_to_string(&p).ok()?;
            Some((p.file_name()?.to_str()?.to_string(), text))
        })
        .collect()
}

/// The documents of each case folder under `dir` (every readable file but the JSON ones).
fn case_dirs(dir: &Path) -> Vec<Vec<(String, String)>> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs.into_iter()
        .map(|d| {
            let mut files: Vec<PathBuf> = std::fs::read_dir(&d)
                .into_iter()
                .flatten()
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && p.extension().is_some_and(|e| e != "json" && e != "md"))
                .collect();
            files.sort();
            files
                .into_iter()
                .filter_map(|p| {
                    let text = read_text(&p)?;
                    Some((p.file_name()?.to_str()?.to_string(), text))
                })
                .collect()
        })
        .filter(|docs: &Vec<(String, String)>| !docs.is_empty())
        .collect()
}

/// The cases to check: `../shared/corpus/cases-dev` (judgment, indictment, arrest documents
/// per folder) when present, else `examples/cases` (their PDF and DOCX read to text first).
pub fn cases() -> (String, Vec<Vec<(String, String)>>) {
    let shared = root().join("../shared/corpus/cases-dev");
    let found = case_dirs(&shared);
    if !found.is_empty() {
        return ("../shared/corpus/cases-dev".into(), found);
    }
    (
        "examples/cases".into(),
        case_dirs(&root().join("examples/cases")),
    )
}

/// Files of `../shared/fixtures` whose names end with `suffix`, as bytes.
pub fn shared_fixtures(suffix: &str) -> Vec<(String, Vec<u8>)> {
    let dir = root().join("../shared/fixtures");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_str().is_some_and(|s| s.ends_with(suffix)))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .filter_map(|p| {
            Some((
                p.file_name()?.to_str()?.to_string(),
                std::fs::read(&p).ok()?,
            ))
        })
        .collect()
}

/// Bundled files (examples and test fixtures) whose names end with `suffix`, as bytes.
pub fn bundled_files(suffix: &str) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut dirs = vec![root().join("examples/cases")];
    while let Some(d) = dirs.pop() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(&d)
            .into_iter()
            .flatten()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                dirs.push(p);
            } else if p.to_str().is_some_and(|s| s.ends_with(suffix)) {
                if let (Some(name), Ok(bytes)) = (
                    p.strip_prefix(root()).ok().and_then(|n| n.to_str()),
                    std::fs::read(&p),
                ) {
                    out.push((name.to_string(), bytes));
                }
            }
        }
    }
    out
}

/// The shared fixtures ending with `suffix`, else the bundled files.
pub fn binary_inputs(suffix: &str) -> (String, Vec<(String, Vec<u8>)>) {
    let shared = shared_fixtures(suffix);
    if !shared.is_empty() {
        return (format!("../shared/fixtures/*{suffix}"), shared);
    }
    (
        format!("examples/cases/**/*{suffix}"),
        bundled_files(suffix),
    )
}

/// Pages of a PDF (0 when it cannot be parsed).
#[cfg(feature = "pdf")]
pub fn pdf_pages(bytes: &[u8]) -> usize {
    lopdf::Document::load_mem(bytes).map_or(0, |d| d.get_pages().len())
}
