//! Inputs for bulk runs: files, folders (recursive, symlink loops detected), `.jsonl`
//! corpora of `{"id", "text"}` records, and standard input. Each item is read lazily,
//! so a run over a million files holds one document per worker at a time.

use crate::{Document, Error, Limits, Result};
use std::io::BufRead;
use std::path::{Path, PathBuf};

/// One document to read: a file, or a record of a corpus.
#[derive(Debug, Clone)]
pub enum Item {
    /// A file on disk.
    File(PathBuf),
    /// A record of a `.jsonl` corpus (already in memory).
    Record {
        /// The record's id.
        id: String,
        /// The record's text.
        text: String,
    },
    /// Bytes from standard input.
    Stdin(Vec<u8>),
    /// An input that could not be listed (missing path, unreadable folder, bad corpus line).
    Broken {
        /// The input's name.
        name: String,
        /// What went wrong.
        error: String,
    },
}

impl Item {
    /// The name used in outputs: the path, the record id, or `-`.
    pub fn name(&self) -> String {
        match self {
            Item::File(p) => p.display().to_string(),
            Item::Record { id, .. } => id.clone(),
            Item::Stdin(_) => "-".into(),
            Item::Broken { name, .. } => name.clone(),
        }
    }

    /// The id for the gold format: the record id, or the file stem.
    pub fn id(&self) -> String {
        match self {
            Item::File(p) => p
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default(),
            other => other.name(),
        }
    }

    /// Reads and normalises the document.
    pub fn read(&self, limits: &Limits) -> Result<Document> {
        match self {
            Item::File(p) => crate::read::read_path(p, limits).map(Document::from_raw),
            Item::Record { id, text } => Ok(Document::from_text(id, text)),
            Item::Stdin(bytes) => {
                crate::read::read_bytes("-", bytes, limits).map(Document::from_raw)
            }
            Item::Broken { name, error } => Err(Error::Io {
                source_name: name.clone(),
                cause: std::io::Error::other(error.clone()),
            }),
        }
    }
}

/// Lists the items of the given paths, in a deterministic order (folders sorted by name).
/// A path ending in `.jsonl` is read as a corpus; `-` reads standard input.
pub fn list(paths: &[PathBuf]) -> Vec<Item> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            let mut buf = Vec::new();
            match std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf) {
                Ok(_) => out.push(Item::Stdin(buf)),
                Err(e) => out.push(Item::Broken {
                    name: "-".into(),
                    error: e.to_string(),
                }),
            }
            continue;
        }
        let mut seen = Vec::new();
        walk(p, &mut out, &mut seen, 0);
    }
    out
}

fn walk(p: &Path, out: &mut Vec<Item>, seen: &mut Vec<PathBuf>, depth: usize) {
    let name = p.display().to_string();
    let meta = match std::fs::metadata(p) {
        Ok(m) => m,
        Err(e) => {
            return out.push(Item::Broken {
                name,
                error: e.to_string(),
            })
        }
    };
    if meta.is_dir() {
        // Symlink loops: a folder already on the way down is not entered again.
        let canon = std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
        if seen.contains(&canon) || depth > 64 {
            return out.push(Item::Broken {
                name,
                error: "folder loop (symbolic link to a parent folder); skipped".into(),
            });
        }
        seen.push(canon);
        let mut entries: Vec<PathBuf> = match std::fs::read_dir(p) {
            Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
            Err(e) => {
                seen.pop();
                return out.push(Item::Broken {
                    name,
                    error: e.to_string(),
                });
            }
        };
        entries.sort();
        for e in entries {
            let hidden = e
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'));
            if !hidden {
                walk(&e, out, seen, depth + 1);
            }
        }
        seen.pop();
    } else if p.extension().is_some_and(|e| e == "jsonl") {
        read_corpus(p, out);
    } else if is_sidecar(p) {
        // Gold files and expectations beside documents are not documents.
    } else {
        out.push(Item::File(p.to_path_buf()));
    }
}

/// Files that accompany documents in bundles (gold and expectations), never documents themselves.
fn is_sidecar(p: &Path) -> bool {
    p.extension().is_some_and(|e| e == "json" || e == "md")
}

fn read_corpus(p: &Path, out: &mut Vec<Item>) {
    let name = p.display().to_string();
    let file = match std::fs::File::open(p) {
        Ok(f) => f,
        Err(e) => {
            return out.push(Item::Broken {
                name,
                error: e.to_string(),
            })
        }
    };
    for (n, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = match line {
            Ok(l) => l,
            Err(e) => {
                return out.push(Item::Broken {
                    name: format!("{name}:{}", n + 1),
                    error: e.to_string(),
                })
            }
        };
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<serde_json::Value>(&line) {
            Ok(v) => match (v["id"].as_str(), v["text"].as_str()) {
                (Some(id), Some(text)) => out.push(Item::Record {
                    id: id.to_string(),
                    text: text.to_string(),
                }),
                _ => out.push(Item::Broken {
                    name: format!("{name}:{}", n + 1),
                    error: "corpus record without string fields \"id\" and \"text\"".into(),
                }),
            },
            Err(e) => out.push(Item::Broken {
                name: format!("{name}:{}", n + 1),
                error: format!("not JSON: {e}"),
            }),
        }
    }
}
