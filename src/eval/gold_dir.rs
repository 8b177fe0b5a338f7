//! Gold found in a folder: documents with their gold beside them.
//!
//! Two layouts are recognised, at any depth:
//! - a case bundle: `truth.json` with an `indictment` object (the document is `indictment.txt`
//!   beside it) and an `arrests` list (each names its document in `file`);
//! - a pair: `NAME.json` beside its document `NAME.txt` (and any rendering of the same text,
//!   `NAME.pdf`, `NAME.docx`, `NAME.html`), the gold being a judgment record (with `doc_kind`)
//!   or an object under `indictment`, `arrest` or `recommendation_document`
//!   (see `docs/gold-schema.md`). A `.json` without any of these is not gold and is passed over.

use crate::error::{Error, Result};
use serde::Serialize;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// Which schema a gold object follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GoldKind {
    /// A judgment record in the annotation-guide schema.
    Judgment,
    /// An `indictment` object.
    Indictment,
    /// An `arrest` object (the four arrest documents).
    Arrest,
    /// A `recommendation_document` object (量刑建议书).
    Recommendation,
}

impl GoldKind {
    /// The key the object has in a gold record, and the prefix of its field names in a report.
    pub fn key(self) -> &'static str {
        match self {
            GoldKind::Judgment => "judgment",
            GoldKind::Indictment => "indictment",
            GoldKind::Arrest => "arrest",
            GoldKind::Recommendation => "recommendation_document",
        }
    }
}

/// One document and its gold.
#[derive(Debug, Clone)]
pub struct GoldDocument {
    /// The document's path relative to the folder searched (its id in reports).
    pub id: String,
    /// The document.
    pub path: PathBuf,
    /// The schema of `gold`.
    pub kind: GoldKind,
    /// The gold object: the judgment record, or the object under the kind's key.
    pub gold: Value,
}

/// What a folder holds: the documents with gold, and gold that could not be used.
#[derive(Debug, Clone, Default)]
pub struct GoldSet {
    /// Every document with its gold, in path order.
    pub documents: Vec<GoldDocument>,
    /// Gold files that are unreadable or name a document that is not there, with the reason.
    pub problems: Vec<String>,
}

/// Extensions of the renderings a pair's gold applies to.
const RENDERINGS: &[&str] = &["txt", "pdf", "docx", "html", "htm"];

/// Finds the gold under `dir` (recursively; symbolic links are not followed).
///
/// ```no_run
/// let set = wenshu::eval::find_gold(std::path::Path::new("tests/fixtures"))?;
/// println!("{} documents with gold", set.documents.len());
/// # Ok::<(), wenshu::Error>(())
/// ```
pub fn find_gold(dir: &Path) -> Result<GoldSet> {
    let meta = std::fs::metadata(dir).map_err(|cause| Error::Io {
        source_name: dir.display().to_string(),
        cause,
    })?;
    let mut set = GoldSet::default();
    if !meta.is_dir() {
        return Err(Error::Config {
            path: dir.to_path_buf(),
            detail:
                "gold must be a folder (bundles with truth.json, or NAME.json beside NAME.txt) \
                     or a .jsonl file of judgment records"
                    .into(),
        });
    }
    let mut files = Vec::new();
    walk(dir, &mut files, &mut set.problems);
    files.sort();
    for file in &files {
        if file.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let gold = match std::fs::read_to_string(file)
            .map_err(|e| e.to_string())
            .and_then(|s| serde_json::from_str::<Value>(&s).map_err(|e| e.to_string()))
        {
            Ok(v) => v,
            Err(e) => {
                set.problems.push(format!("{}: {e}", file.display()));
                continue;
            }
        };
        if file.file_name().is_some_and(|n| n == "truth.json") {
            bundle(dir, file, &gold, &mut set);
        } else {
            pair(dir, file, &gold, &mut set);
        }
    }
    Ok(set)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, problems: &mut Vec<String>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            problems.push(format!("{}: {e}", dir.display()));
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        match entry.file_type() {
            Ok(t) if t.is_dir() => walk(&path, out, problems),
            Ok(t) if t.is_file() => out.push(path),
            _ => {}
        }
    }
}

fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// A case bundle's `truth.json`: its indictment and arrest documents.
fn bundle(root: &Path, truth: &Path, gold: &Value, set: &mut GoldSet) {
    let folder = truth.parent().unwrap_or(root);
    let mut unnamed = 0;
    let mut add = |file: &str, kind: GoldKind, object: &Value| {
        let path = folder.join(file);
        if path.is_file() {
            set.documents.push(GoldDocument {
                id: relative(root, &path),
                path,
                kind,
                gold: object.clone(),
            });
        } else {
            set.problems.push(format!(
                "{}: the {} gold names {file}, which is not there",
                truth.display(),
                kind.key()
            ));
        }
    };
    if let Some(ind) = gold.get("indictment").filter(|v| v.is_object()) {
        let file = ind
            .get("file")
            .and_then(Value::as_str)
            .unwrap_or("indictment.txt");
        add(file, GoldKind::Indictment, ind);
    }
    for arrest in gold
        .get("arrests")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        match arrest.get("file").and_then(Value::as_str) {
            Some(file) => add(file, GoldKind::Arrest, arrest),
            None => unnamed += 1,
        }
    }
    if unnamed > 0 {
        set.problems.push(format!(
            "{}: {unnamed} arrest gold without `file`",
            truth.display()
        ));
    }
}

/// `NAME.json` beside `NAME.txt` (and its renderings).
fn pair(root: &Path, file: &Path, gold: &Value, set: &mut GoldSet) {
    let (kind, object) = if gold.get("doc_kind").is_some() && gold.get("defendants").is_some() {
        (GoldKind::Judgment, gold)
    } else if let Some((kind, object)) = [
        GoldKind::Indictment,
        GoldKind::Arrest,
        GoldKind::Recommendation,
    ]
    .into_iter()
    .find_map(|k| Some((k, gold.get(k.key()).filter(|v| v.is_object())?)))
    {
        (kind, object)
    } else {
        return;
    };
    let mut found = false;
    for ext in RENDERINGS {
        let path = file.with_extension(ext);
        if path.is_file() {
            found = true;
            set.documents.push(GoldDocument {
                id: relative(root, &path),
                path,
                kind,
                gold: object.clone(),
            });
        }
    }
    if !found {
        set.problems.push(format!(
            "{}: no document beside it (looked for {})",
            file.display(),
            RENDERINGS.join(", ")
        ));
    }
}
