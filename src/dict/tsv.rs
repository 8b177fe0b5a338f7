//! Reading the tab-separated dictionary files: header by name, comments, line numbers.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::Error;

/// One data row of a TSV file, with its 1-based line number.
pub(crate) struct Row<'t, 'a> {
    pub line: usize,
    fields: &'t [&'a str],
    columns: &'t HashMap<&'a str, usize>,
}

impl<'a> Row<'_, 'a> {
    /// The field of column `name` (empty when the row is short).
    pub fn get(&self, name: &str) -> &'a str {
        self.columns
            .get(name)
            .and_then(|&i| self.fields.get(i))
            .copied()
            .unwrap_or("")
    }
}

/// A parsed TSV file: the header's columns and the data rows.
pub(crate) struct Table<'a> {
    pub path: PathBuf,
    columns: HashMap<&'a str, usize>,
    rows: Vec<(usize, Vec<&'a str>)>,
}

impl<'a> Table<'a> {
    /// Parses `text`; the first non-comment line is the header, which must name
    /// every column in `required`.
    pub fn parse(path: &Path, text: &'a str, required: &[&str]) -> Result<Self, Error> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut columns = HashMap::new();
        let mut rows = Vec::new();
        let mut header_seen = false;
        for (i, line) in text.lines().enumerate() {
            let line = line.strip_suffix('\r').unwrap_or(line);
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            if !header_seen {
                header_seen = true;
                for (j, f) in fields.iter().enumerate() {
                    columns.insert(f.trim(), j);
                }
                for r in required {
                    if !columns.contains_key(r) {
                        return Err(config(path, i + 1, format!("header lacks column `{r}`")));
                    }
                }
                continue;
            }
            rows.push((i + 1, fields));
        }
        if !header_seen {
            return Err(config(path, 0, "no header line".to_string()));
        }
        Ok(Table {
            path: path.to_path_buf(),
            columns,
            rows,
        })
    }

    /// The data rows in file order.
    pub fn rows(&self) -> impl Iterator<Item = Row<'_, 'a>> {
        self.rows.iter().map(|(line, fields)| Row {
            line: *line,
            fields,
            columns: &self.columns,
        })
    }

    /// A configuration error at `line` of this file.
    pub fn error(&self, line: usize, detail: impl Into<String>) -> Error {
        config(&self.path, line, detail.into())
    }
}

/// `Error::Config` naming the file and line (line 0: the whole file).
pub(crate) fn config(path: &Path, line: usize, detail: String) -> Error {
    let detail = if line > 0 {
        format!("line {line}: {detail}")
    } else {
        detail
    };
    Error::Config {
        path: path.to_path_buf(),
        detail,
    }
}
