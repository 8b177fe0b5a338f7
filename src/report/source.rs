//! Inputs listed lazily: files, folders (recursive, sorted, hidden entries and sidecar files
//! skipped, symbolic-link loops detected), glob patterns, `.jsonl` corpora read one line at a
//! time, and `-` for standard input.
//!
//! Unlike [`crate::input::list`], nothing is collected up front: a folder's listing is held while
//! it is walked, a corpus holds one line, so a run over a 100,000-record corpus uses the same
//! memory as one over a hundred.

use crate::input::Item;
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// The deepest folder nesting walked.
const MAX_DEPTH: usize = 64;

/// A lazy iterator over the [`Item`]s of some paths, in a deterministic order: arguments in the
/// order given, folder entries sorted by name, corpus records in file order.
///
/// ```
/// let items: Vec<_> = wenshu::report::source::Inputs::new(&["examples/cases/case-1-clean".into()]).collect();
/// assert_eq!(items.len(), 3); // expected.json and truth.json are sidecars, not documents
/// ```
pub struct Inputs {
    /// Paths still to visit.
    pending: VecDeque<Pending>,
    /// The folders being walked, outermost first.
    stack: Vec<Frame>,
    /// The corpus being read.
    corpus: Option<Corpus>,
    /// Count records instead of reading them (see [`count`]).
    counting: bool,
    /// Records counted in counting mode.
    counted: u64,
}

enum Pending {
    /// A path, and whether it was named explicitly (not found in a folder or by a pattern).
    Path(PathBuf, bool),
    /// A pattern or match that failed: its name and the reason.
    Broken(String, String),
}

struct Frame {
    canonical: PathBuf,
    entries: std::vec::IntoIter<PathBuf>,
}

struct Corpus {
    name: String,
    reader: BufReader<std::fs::File>,
    line: usize,
    buf: Vec<u8>,
}

impl Inputs {
    /// Lists the given paths. A path that does not exist but contains `*`, `?` or `[` is
    /// expanded as a glob pattern (`data/**/*.txt`), whatever the shell did.
    pub fn new(paths: &[PathBuf]) -> Inputs {
        Inputs {
            pending: paths
                .iter()
                .map(|p| Pending::Path(p.clone(), true))
                .collect(),
            stack: Vec::new(),
            corpus: None,
            counting: false,
            counted: 0,
        }
    }

    fn broken(name: impl Into<String>, error: impl Into<String>) -> Item {
        Item::Broken {
            name: name.into(),
            error: error.into(),
        }
    }

    /// Visits one path: yields an item, or opens a folder or corpus and yields nothing yet.
    fn visit(&mut self, p: PathBuf, explicit: bool) -> Option<Item> {
        let name = p.display().to_string();
        let meta = match std::fs::metadata(&p) {
            Ok(m) => m,
            Err(e) => {
                if explicit {
                    if let Some(items) = self.expand_glob(&p) {
                        for (i, item) in items.into_iter().enumerate() {
                            self.pending.insert(i, item);
                        }
                        return None;
                    }
                }
                return Some(Self::broken(name, describe_missing(&p, &e)));
            }
        };
        if meta.is_dir() {
            let canonical = std::fs::canonicalize(&p).unwrap_or_else(|_| p.clone());
            if self.stack.iter().any(|f| f.canonical == canonical) {
                return Some(Self::broken(
                    name,
                    "folder loop (a symbolic link to a folder above it); not entered again",
                ));
            }
            if self.stack.len() >= MAX_DEPTH {
                return Some(Self::broken(
                    name,
                    format!("folders nested deeper than {MAX_DEPTH}; not entered"),
                ));
            }
            let mut entries: Vec<PathBuf> = match std::fs::read_dir(&p) {
                Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
                Err(e) => return Some(Self::broken(name, io_reason(&e))),
            };
            entries.sort();
            self.stack.push(Frame {
                canonical,
                entries: entries.into_iter(),
            });
            return None;
        }
        if !meta.is_file() {
            return Some(Self::broken(
                name,
                "not a regular file (a FIFO, socket or device); skipped",
            ));
        }
        if p.extension().is_some_and(|e| e == "jsonl") {
            return self.open_corpus(p, name);
        }
        if !explicit && is_sidecar(&p) {
            return None;
        }
        Some(Item::File(p))
    }

    fn open_corpus(&mut self, p: PathBuf, name: String) -> Option<Item> {
        let file = match std::fs::File::open(&p) {
            Ok(f) => f,
            Err(e) => return Some(Self::broken(name, io_reason(&e))),
        };
        if self.counting {
            self.counted += count_records(file);
            return None;
        }
        self.corpus = Some(Corpus {
            name,
            reader: BufReader::with_capacity(1 << 16, file),
            line: 0,
            buf: Vec::new(),
        });
        None
    }

    /// Expands a glob pattern into the paths to visit (folders among the matches are walked;
    /// matches inside a matched folder are left to that walk). `None` when `p` is no pattern.
    fn expand_glob(&self, p: &Path) -> Option<Vec<Pending>> {
        let pattern = p.to_str()?;
        if !pattern.contains(['*', '?', '[']) {
            return None;
        }
        let options = glob::MatchOptions {
            case_sensitive: true,
            require_literal_separator: true,
            require_literal_leading_dot: true,
        };
        let paths = match glob::glob_with(pattern, options) {
            Ok(paths) => paths,
            Err(e) => {
                return Some(vec![Pending::Broken(
                    pattern.into(),
                    format!("bad pattern: {e}"),
                )])
            }
        };
        let mut matches: Vec<PathBuf> = Vec::new();
        let mut out = Vec::new();
        for m in paths {
            match m {
                Ok(path) => matches.push(path),
                Err(e) => out.push(Pending::Broken(
                    e.path().display().to_string(),
                    io_reason(e.error()),
                )),
            }
        }
        if matches.is_empty() && out.is_empty() {
            return Some(vec![Pending::Broken(
                pattern.into(),
                "no file or folder matches this pattern".into(),
            )]);
        }
        matches.sort();
        let folders: std::collections::HashSet<PathBuf> =
            matches.iter().filter(|m| m.is_dir()).cloned().collect();
        for m in matches {
            let inside_matched_folder = m.ancestors().skip(1).any(|a| folders.contains(a));
            if !inside_matched_folder {
                out.push(Pending::Path(m, false));
            }
        }
        Some(out)
    }

    fn next_record(&mut self) -> Option<Item> {
        let c = self.corpus.as_mut()?;
        loop {
            c.buf.clear();
            c.line += 1;
            let at = format!("{}:{}", c.name, c.line);
            match c.reader.read_until(b'\n', &mut c.buf) {
                Ok(0) => {
                    self.corpus = None;
                    return None;
                }
                Ok(_) => {}
                Err(e) => {
                    self.corpus = None;
                    return Some(Self::broken(at, io_reason(&e)));
                }
            }
            let Ok(line) = std::str::from_utf8(&c.buf) else {
                return Some(Self::broken(at, "corpus line is not UTF-8"));
            };
            if line.trim().is_empty() {
                continue;
            }
            // The two fields straight into strings; the tree of the whole line only to say
            // what is wrong with a line that does not have them.
            if let Ok(r) = serde_json::from_str::<CorpusRecord>(line) {
                return Some(Item::Record {
                    id: r.id.into_owned(),
                    text: r.text.into_owned(),
                });
            }
            return Some(match serde_json::from_str::<serde_json::Value>(line) {
                Ok(_) => Self::broken(
                    at,
                    "corpus record without string fields \"id\" and \"text\"",
                ),
                Err(e) => Self::broken(at, format!("corpus line is not JSON: {e}")),
            });
        }
    }
}

/// A line of a `.jsonl` corpus: other fields are ignored; strings without escapes are
/// borrowed from the line.
#[derive(serde::Deserialize)]
struct CorpusRecord<'a> {
    #[serde(borrow)]
    id: std::borrow::Cow<'a, str>,
    #[serde(borrow)]
    text: std::borrow::Cow<'a, str>,
}

impl Iterator for Inputs {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if self.corpus.is_some() {
                if let Some(item) = self.next_record() {
                    return Some(item);
                }
                continue;
            }
            if let Some(frame) = self.stack.last_mut() {
                match frame.entries.next() {
                    Some(p) => {
                        let hidden = p
                            .file_name()
                            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
                        if !hidden {
                            if let Some(item) = self.visit(p, false) {
                                return Some(item);
                            }
                        }
                    }
                    None => {
                        self.stack.pop();
                    }
                }
                continue;
            }
            let (p, explicit) = match self.pending.pop_front()? {
                Pending::Path(p, explicit) => (p, explicit),
                Pending::Broken(name, error) => return Some(Self::broken(name, error)),
            };
            if p.as_os_str() == "-" {
                if self.counting {
                    self.counted += 1;
                    continue;
                }
                let mut buf = Vec::new();
                return Some(match std::io::stdin().lock().read_to_end(&mut buf) {
                    Ok(_) => Item::Stdin(buf),
                    Err(e) => Self::broken("-", io_reason(&e)),
                });
            }
            if let Some(item) = self.visit(p, explicit) {
                return Some(item);
            }
        }
    }
}

/// How many items the paths hold, without reading any document: files are listed and corpus
/// lines counted (a blank line counts as none). For a progress bar's length.
pub fn count(paths: &[PathBuf]) -> u64 {
    let mut it = Inputs::new(paths);
    it.counting = true;
    let listed = it.by_ref().count() as u64;
    listed + it.counted
}

/// Non-blank lines of a corpus file.
fn count_records(mut file: std::fs::File) -> u64 {
    let mut buf = vec![0u8; 1 << 16];
    let (mut n, mut blank) = (0, true);
    loop {
        let got = match file.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(g) => g,
        };
        for &b in &buf[..got] {
            if b == b'\n' {
                if !blank {
                    n += 1;
                }
                blank = true;
            } else if !b.is_ascii_whitespace() {
                blank = false;
            }
        }
    }
    n + u64::from(!blank)
}

/// Files that accompany documents in bundles (gold, expectations, notes): skipped in folders
/// and glob matches, read when named explicitly.
fn is_sidecar(p: &Path) -> bool {
    p.extension().is_some_and(|e| e == "json" || e == "md")
}

/// An I/O error in words, without the OS error number.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "no such file or folder".into(),
        PermissionDenied => "permission denied".into(),
        _ => {
            let s = e.to_string();
            match s.find(" (os error") {
                Some(i) => s[..i].to_string(),
                None => s,
            }
        }
    }
}

fn describe_missing(p: &Path, e: &std::io::Error) -> String {
    match std::fs::symlink_metadata(p) {
        Ok(m) if m.file_type().is_symlink() => {
            format!("broken symbolic link ({})", io_reason(e))
        }
        _ => io_reason(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_are_walked_in_order_and_sidecars_skipped() {
        let items: Vec<String> = Inputs::new(&["examples/cases".into()])
            .map(|i| i.name())
            .collect();
        assert!(items.iter().all(|n| !n.ends_with(".json")), "{items:?}");
        let mut sorted = items.clone();
        sorted.sort();
        assert_eq!(items, sorted);
        assert_eq!(count(&["examples/cases".into()]), items.len() as u64);
    }

    #[test]
    fn a_pattern_expands_and_a_missing_path_is_broken() {
        let items: Vec<Item> = Inputs::new(&[
            "examples/cases/*/judgment.txt".into(),
            "no/such/file".into(),
        ])
        .collect();
        assert_eq!(items.len(), 4, "{items:?}");
        assert!(
            matches!(&items[3], Item::Broken { name, error } if name == "no/such/file" && error.contains("no such"))
        );
        let none: Vec<Item> = Inputs::new(&["examples/*.nothing".into()]).collect();
        assert!(matches!(&none[..], [Item::Broken { error, .. }] if error.contains("matches")));
    }
}
