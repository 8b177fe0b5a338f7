//! Readable tables for a terminal: columns aligned by display width (a Chinese character is
//! two columns wide), long cells cut with `…`.

use super::batch::Failure;
use super::check::{severity_name, CheckRun, Summary, View};
use std::io::{self, Write};

/// The columns a character takes on a terminal.
pub fn char_width(c: char) -> usize {
    let u = c as u32;
    if u < 0x20 || (0x7f..0xa0).contains(&u) || (0x300..0x370).contains(&u) || u == 0x200b {
        return 0;
    }
    let wide = matches!(u,
        0x1100..=0x115f | 0x2e80..=0x303e | 0x3041..=0x33ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff
        | 0xa000..=0xa4cf | 0xac00..=0xd7a3 | 0xf900..=0xfaff | 0xfe30..=0xfe4f | 0xff00..=0xff60
        | 0xffe0..=0xffe6 | 0x1f300..=0x1f64f | 0x1f900..=0x1f9ff | 0x20000..=0x3fffd);
    if wide {
        2
    } else {
        1
    }
}

/// The columns a string takes on a terminal.
pub fn width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// `s` cut to at most `w` columns (with `…` when cut) and padded with spaces to exactly `w`.
pub fn fit(s: &str, w: usize) -> String {
    let s = s.replace(['\n', '\r', '\t'], " ");
    let mut out = String::new();
    let mut used = 0;
    if width(&s) <= w {
        out.push_str(&s);
        used = width(&s);
    } else {
        for c in s.chars() {
            let cw = char_width(c);
            if used + cw + 1 > w {
                break;
            }
            out.push(c);
            used += cw;
        }
        out.push('…');
        used += 1;
    }
    out.push_str(&" ".repeat(w.saturating_sub(used)));
    out
}

/// `s` cut from the left to at most `w` columns (`…` first), padded to `w`: for paths, whose
/// end matters most.
pub fn fit_left(s: &str, w: usize) -> String {
    if width(s) <= w {
        return fit(s, w);
    }
    let mut kept: Vec<char> = Vec::new();
    let mut used = 1;
    for c in s.chars().rev() {
        let cw = char_width(c);
        if used + cw > w {
            break;
        }
        kept.push(c);
        used += cw;
    }
    let cut: String = std::iter::once('…').chain(kept.into_iter().rev()).collect();
    fit(&cut, w)
}

/// The width of the terminal on standard output (the `COLUMNS` variable, else 100).
pub fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .filter(|&c: &usize| c >= 40)
        .unwrap_or(100)
}

/// The table of a check run: findings case by case (the message, last, is never cut), then
/// unreadable inputs, notes and counts.
pub fn check(w: &mut impl Write, run: &CheckRun, view: &View, cols: usize) -> io::Result<()> {
    let summary = run.summary(view);
    let mut by_case: Vec<(&str, Vec<&crate::check::Finding>)> = Vec::new();
    for f in &view.findings {
        match by_case.last_mut() {
            Some((c, v)) if *c == f.case => v.push(f),
            _ => by_case.push((&f.case, vec![f])),
        }
    }
    for (case, findings) in &by_case {
        writeln!(w, "{case}")?;
        for f in findings {
            writeln!(
                w,
                "  {}{}{}{}",
                fit(severity_name(f.severity), 8),
                fit(&f.rule, 19),
                fit(f.defendant.as_deref().unwrap_or("—"), 9),
                f.message
            )?;
        }
        writeln!(w)?;
    }
    let clean = run.assembly.cases.len() - summary.per_case.len().min(run.assembly.cases.len());
    if clean > 0 {
        writeln!(w, "{clean} case(s) without findings")?;
        writeln!(w)?;
    }
    failures(w, &view.failures, cols)?;
    if !view.notes.is_empty() {
        writeln!(w, "Notes ({}):", view.notes.len())?;
        for n in &view.notes {
            let line = format!(
                "[{}] {}: {}",
                n.kind,
                n.case.as_deref().unwrap_or_else(|| n
                    .documents
                    .first()
                    .map(String::as_str)
                    .unwrap_or("")),
                n.message
            );
            writeln!(w, "  {}", fit(&line, cols.saturating_sub(2)).trim_end())?;
        }
        writeln!(w)?;
    }
    counts(w, &summary)
}

/// The unreadable inputs, one per line.
pub fn failures(w: &mut impl Write, failures: &[Failure], cols: usize) -> io::Result<()> {
    if failures.is_empty() {
        return Ok(());
    }
    writeln!(w, "Unreadable ({}):", failures.len())?;
    for f in failures {
        let line = format!("{} — {}: {}", f.file, f.kind, f.reason);
        writeln!(w, "  {}", fit(&line, cols.saturating_sub(2)).trim_end())?;
    }
    writeln!(w)
}

/// The closing counts.
pub fn counts(w: &mut impl Write, s: &Summary) -> io::Result<()> {
    let sev: Vec<String> = ["error", "warning", "info"]
        .iter()
        .map(|k| format!("{k} {}", s.per_severity.get(*k).copied().unwrap_or(0)))
        .collect();
    writeln!(
        w,
        "{} cases, {} documents, {} findings ({}), {} unreadable",
        s.cases,
        s.documents,
        s.findings,
        sev.join(", "),
        s.unreadable
    )?;
    if !s.per_rule.is_empty() {
        let rules: Vec<String> = s.per_rule.iter().map(|(r, n)| format!("{r} {n}")).collect();
        writeln!(w, "by rule: {}", rules.join(" · "))?;
    }
    Ok(())
}

/// The header of the extract table.
pub fn extract_header(cols: usize) -> String {
    extract_line(&["source", "type", "defendants", "charges"], cols)
}

/// One row of the extract table from the CSV fields (`type, source, doc_type, defendants,
/// charges, message`).
pub fn extract_row(fields: &[String], cols: usize) -> String {
    if fields[0] == "error" {
        let src = fit_left(&fields[1], 44);
        return format!(
            "{src}  {}",
            fit(&format!("error — {}", fields[5]), cols.saturating_sub(46))
        )
        .trim_end()
        .to_string();
    }
    extract_line(&[&fields[1], &fields[2], &fields[3], &fields[4]], cols)
}

fn extract_line(f: &[&str], cols: usize) -> String {
    let _ = cols;
    format!(
        "{}  {}  {}  {}",
        fit_left(f[0], 44),
        fit(f[1], 16),
        fit(f[2], 20),
        f[3]
    )
    .trim_end()
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_takes_two_columns() {
        assert_eq!(width("盗窃罪 ab"), 9);
        assert_eq!(fit("盗窃罪", 8), "盗窃罪  ");
        assert_eq!(fit("诈骗罪盗窃罪", 7), "诈骗罪…");
        assert_eq!(fit_left("a/b/c/judgment.txt", 10), "…gment.txt");
    }
}
