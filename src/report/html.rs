//! The HTML report of a check run: one self-contained file (inline CSS and JavaScript, no
//! request to anywhere) that opens offline in any browser.
//!
//! - Findings grouped by case, or by rule (`view`), each with its severity, rule, defendant,
//!   message and legal basis.
//! - Each piece of evidence shown in its context: up to 80 characters either side of the span,
//!   taken from the document's text as read, the span itself in `<mark>`. A finding whose
//!   evidence comes from several documents shows them side by side.
//! - Filters by severity and rule, read from and written to the URL fragment (or query):
//!   `report.html#rule=X-identity`, `#severity=error,warning`, `#view=rule`; they combine
//!   (`#rule=X-custody&view=rule`).
//! - Unreadable inputs and assembly notes in their own sections.
//!
//! Every text is escaped. With redaction, contexts are cut from the masked document text.

use super::check::{severity_name, CheckRun, View};
use super::redact::Masked;
use crate::check::rules::rule;
use crate::check::{CaseDocument, Finding};
use crate::Evidence;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;

/// Characters of context shown either side of an evidence span.
pub const CONTEXT_CHARS: usize = 80;

/// Escapes text for HTML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Renders the report. `view` holds the findings, notes and failures as they are to be shown
/// (masked when redacting); `run` the documents the evidence is quoted from. `title` names the
/// inputs.
pub fn render(run: &CheckRun, view: &View, title: &str) -> String {
    let docs: HashMap<&str, &CaseDocument> = run
        .assembly
        .cases
        .iter()
        .flat_map(|c| &c.documents)
        .map(|d| (d.doc.source(), d))
        .collect();
    let mut r = Renderer {
        docs,
        masked: HashMap::new(),
        run,
        view,
    };
    r.page(title)
}

struct Renderer<'a> {
    docs: HashMap<&'a str, &'a CaseDocument>,
    masked: HashMap<String, Masked>,
    run: &'a CheckRun,
    view: &'a View,
}

impl Renderer<'_> {
    fn page(&mut self, title: &str) -> String {
        let summary = self.run.summary(self.view);
        let mut h = String::with_capacity(64 * 1024);
        let _ = write!(
            h,
            "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <title>三书比对报告 — {}</title>\n<style>{CSS}</style>\n</head>\n<body data-view=\"case\">\n",
            escape(title)
        );
        let _ = write!(
            h,
            "<header>\n<h1>三书比对报告 <small>{}</small></h1>\n<p class=\"meta\">{} 个案件 · {} 份文书 · {} 条发现 · {} 个输入无法读取{}</p>\n",
            escape(title),
            summary.cases,
            summary.documents,
            summary.findings,
            summary.unreadable,
            if self.view.redaction.is_some() { " · 已脱敏" } else { "" }
        );
        // Filters.
        h.push_str(
            "<form id=\"filters\" onsubmit=\"return false\">\n<fieldset><legend>严重程度</legend>",
        );
        for sev in ["error", "warning", "info"] {
            let n = summary.per_severity.get(sev).copied().unwrap_or(0);
            let _ = write!(
                h,
                "<label class=\"sev-{sev}\"><input type=\"checkbox\" name=\"severity\" value=\"{sev}\" checked> {sev} ({n})</label>"
            );
        }
        h.push_str(
            "</fieldset>\n<label>规则 <select id=\"rule\"><option value=\"\">全部规则</option>",
        );
        for (id, n) in &summary.per_rule {
            let _ = write!(h, "<option value=\"{0}\">{0} ({n})</option>", escape(id));
        }
        h.push_str("</select></label>\n<label>分组 <select id=\"view\"><option value=\"case\">按案件</option><option value=\"rule\">按规则</option></select></label>\n<output id=\"shown\"></output>\n</form>\n</header>\n<main>\n");

        // By case.
        h.push_str("<section id=\"by-case\" class=\"view\">\n");
        let mut by_case: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, f) in self.run.findings.iter().enumerate() {
            by_case.entry(&f.case).or_default().push(i);
        }
        for case in &self.run.assembly.cases {
            let shown = self.case_name(&case.id);
            let members = by_case.get(case.id.as_str()).cloned().unwrap_or_default();
            let _ = write!(
                h,
                "<section class=\"group case{}\" data-case=\"{}\">\n<h2>{} <small>{} 条发现</small></h2>\n<ul class=\"docs\">",
                if members.is_empty() { " clean" } else { "" },
                escape(&shown),
                escape(&shown),
                members.len()
            );
            for d in &case.documents {
                let _ = write!(
                    h,
                    "<li>{} <small>{}</small></li>",
                    escape(&self.doc_name(d.doc.source())),
                    escape(d.class.doc_type.name())
                );
            }
            h.push_str("</ul>\n");
            if members.is_empty() {
                h.push_str("<p class=\"none\">未发现问题。</p>\n");
            }
            for i in members {
                self.finding(&mut h, i, false);
            }
            h.push_str("</section>\n");
        }
        h.push_str("</section>\n");

        // By rule.
        h.push_str("<section id=\"by-rule\" class=\"view\" hidden>\n");
        let mut by_rule: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, f) in self.run.findings.iter().enumerate() {
            by_rule.entry(&f.rule).or_default().push(i);
        }
        for (id, members) in &by_rule {
            let what = rule(id).map(|r| r.info.what).unwrap_or("");
            let _ = write!(
                h,
                "<section class=\"group rule\" data-rule=\"{0}\">\n<h2>{0} <small>{1}</small></h2>\n",
                escape(id),
                escape(what)
            );
            for &i in members {
                self.finding(&mut h, i, true);
            }
            h.push_str("</section>\n");
        }
        h.push_str("</section>\n");

        // Unreadable inputs and notes.
        if !self.view.failures.is_empty() {
            let _ = write!(
                h,
                "<section id=\"unreadable\">\n<h2>无法读取的输入 <small>{}</small></h2>\n<ul>",
                self.view.failures.len()
            );
            for f in &self.view.failures {
                let _ = write!(
                    h,
                    "<li><code>{}</code> <span class=\"kind\">{}</span> {}</li>",
                    escape(&f.file),
                    escape(&f.kind),
                    escape(&f.reason)
                );
            }
            h.push_str("</ul>\n</section>\n");
        }
        if !self.view.notes.is_empty() {
            let _ = write!(
                h,
                "<section id=\"notes\">\n<h2>案件组合说明 <small>{}</small></h2>\n<ul>",
                self.view.notes.len()
            );
            for n in &self.view.notes {
                let _ = write!(
                    h,
                    "<li><span class=\"kind\">{}</span> {}{}<br><small>{}</small></li>",
                    escape(&n.kind),
                    n.case
                        .as_deref()
                        .map(|c| format!("<b>{}</b>：", escape(c)))
                        .unwrap_or_default(),
                    escape(&n.message),
                    escape(&n.documents.join("、"))
                );
            }
            h.push_str("</ul>\n</section>\n");
        }
        let _ = write!(h, "</main>\n<script>{JS}</script>\n</body>\n</html>\n");
        h
    }

    /// The case id as shown (masked when redacting).
    fn case_name(&self, id: &str) -> String {
        match &self.view.redaction {
            Some(r) => r.case(id).text(id),
            None => id.to_string(),
        }
    }

    fn doc_name(&self, source: &str) -> String {
        match &self.view.redaction {
            Some(r) => r.document(source).text(source),
            None => source.to_string(),
        }
    }

    /// Writes finding `i` (`run.findings[i]` for the documents, `view.findings[i]` to show).
    fn finding(&mut self, h: &mut String, i: usize, with_case: bool) {
        let original: &Finding = &self.run.findings[i];
        let f: &Finding = &self.view.findings[i];
        let sev = severity_name(f.severity);
        let _ = write!(
            h,
            "<article class=\"finding sev-{sev}\" data-rule=\"{}\" data-severity=\"{sev}\" data-case=\"{}\">\n<header><span class=\"sev\">{sev}</span> <a class=\"rule\" href=\"#rule={}\" title=\"{}\">{}</a>",
            escape(&f.rule),
            escape(&f.case),
            escape(&f.rule),
            escape(rule(&f.rule).map(|r| r.info.what).unwrap_or("")),
            escape(&f.rule)
        );
        if let Some(d) = &f.defendant {
            let _ = write!(h, " <span class=\"defendant\">{}</span>", escape(d));
        }
        if with_case {
            let _ = write!(h, " <span class=\"in-case\">{}</span>", escape(&f.case));
        }
        let _ = write!(
            h,
            "</header>\n<p class=\"message\">{}</p>\n<p class=\"basis\">依据：{}</p>\n",
            escape(&f.message),
            escape(&f.basis)
        );
        // Evidence grouped by document, in order of first appearance.
        let mut groups: Vec<(&str, Vec<usize>)> = Vec::new();
        for (k, e) in original.evidence.iter().enumerate() {
            match groups.iter_mut().find(|g| g.0 == e.document) {
                Some(g) => g.1.push(k),
                None => groups.push((&e.document, vec![k])),
            }
        }
        if !groups.is_empty() {
            let _ = writeln!(
                h,
                "<div class=\"evidence{}\" style=\"--docs:{}\">",
                if groups.len() > 1 {
                    " side-by-side"
                } else {
                    ""
                },
                groups.len()
            );
            for (doc, ks) in &groups {
                let kind = self
                    .docs
                    .get(doc)
                    .map(|d| d.class.doc_type.name())
                    .unwrap_or("");
                let _ = writeln!(
                    h,
                    "<div class=\"doc\"><h3>{} <small>{}</small></h3>",
                    escape(&self.doc_name(doc)),
                    escape(kind)
                );
                for &k in ks {
                    let e = &original.evidence[k];
                    let shown = &f.evidence[k];
                    let ctx = self.context(e, &shown.text);
                    let _ = writeln!(
                        h,
                        "<figure><figcaption>{}字节 {}–{}</figcaption><blockquote class=\"context\">{ctx}</blockquote></figure>",
                        e.page.map(|p| format!("第 {p} 页 · ")).unwrap_or_default(),
                        e.span[0],
                        e.span[1]
                    );
                }
                h.push_str("</div>\n");
            }
            h.push_str("</div>\n");
        }
        h.push_str("</article>\n");
    }

    /// The evidence in its context, escaped, the span in `<mark>`. `shown` is the (masked)
    /// quoted text, used when the document is not at hand.
    fn context(&mut self, e: &Evidence, shown: &str) -> String {
        let Some(doc) = self.docs.get(e.document.as_str()).map(|d| &d.doc) else {
            return format!("<mark>{}</mark>", escape(shown));
        };
        let original = doc.original();
        let redactor = self
            .view
            .redaction
            .as_ref()
            .map(|r| r.document(&e.document));
        let masked = self
            .masked
            .entry(e.document.clone())
            .or_insert_with(|| Masked::new(original, redactor));
        let floor = |mut p: usize| {
            p = p.min(original.len());
            while !original.is_char_boundary(p) {
                p -= 1;
            }
            p
        };
        let (s, t) = (floor(e.span[0]), floor(e.span[1].max(e.span[0])));
        let (ms, mt) = (
            masked.offset(s, false),
            masked.offset(t, true).max(masked.offset(s, false)),
        );
        let text = &masked.text;
        let before = &text[..ms];
        let cut_before = before
            .char_indices()
            .rev()
            .nth(CONTEXT_CHARS - 1)
            .map_or(0, |(i, _)| i);
        let after = &text[mt..];
        let cut_after = after
            .char_indices()
            .nth(CONTEXT_CHARS)
            .map_or(after.len(), |(i, _)| i);
        format!(
            "{}{}<mark>{}</mark>{}{}",
            if cut_before > 0 { "…" } else { "" },
            escape(&before[cut_before..]),
            escape(&text[ms..mt]),
            escape(&after[..cut_after]),
            if cut_after < after.len() { "…" } else { "" }
        )
    }
}

const CSS: &str = r#"
:root { --fg:#1d232a; --muted:#5b6670; --line:#d7dde3; --bg:#f6f7f9; --card:#fff;
  --error:#b3261e; --warning:#a15c00; --info:#1a5fb4; }
* { box-sizing: border-box; }
body { margin:0; font:15px/1.6 "Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif;
  color:var(--fg); background:var(--bg); }
body > header { position:sticky; top:0; z-index:1; background:var(--card); border-bottom:1px solid var(--line); padding:.6rem 1.2rem; }
h1 { font-size:1.3rem; margin:0; } h1 small, h2 small, h3 small { color:var(--muted); font-weight:normal; font-size:.8em; }
.meta { margin:.2rem 0 .4rem; color:var(--muted); }
#filters { display:flex; flex-wrap:wrap; gap:.4rem 1.2rem; align-items:center; }
#filters fieldset { border:0; margin:0; padding:0; display:flex; gap:.8rem; align-items:center; }
#filters legend { float:left; margin-right:.4rem; }
#shown { color:var(--muted); }
main { padding:1rem 1.2rem; max-width:1400px; }
section.group { margin:0 0 1.6rem; }
h2 { font-size:1.1rem; margin:.2rem 0 .4rem; border-bottom:2px solid var(--line); }
ul.docs { list-style:none; padding:0; margin:0 0 .6rem; display:flex; flex-wrap:wrap; gap:.2rem 1.2rem; color:var(--muted); font-size:.9em; }
p.none { color:var(--muted); }
article.finding { background:var(--card); border:1px solid var(--line); border-left:5px solid var(--muted); border-radius:6px; padding:.6rem .9rem; margin:.6rem 0; }
article.sev-error { border-left-color:var(--error); } article.sev-warning { border-left-color:var(--warning); } article.sev-info { border-left-color:var(--info); }
article header { display:flex; flex-wrap:wrap; gap:.3rem .8rem; align-items:baseline; }
.sev { font-weight:bold; text-transform:uppercase; font-size:.8em; letter-spacing:.04em; }
.sev-error .sev, label.sev-error { color:var(--error); } .sev-warning .sev, label.sev-warning { color:var(--warning); } .sev-info .sev, label.sev-info { color:var(--info); }
a.rule { font-family:ui-monospace,monospace; font-weight:bold; color:inherit; }
.defendant { font-weight:bold; } .in-case { color:var(--muted); }
p.message { margin:.3rem 0; font-size:1.05em; } p.basis { margin:.2rem 0 .5rem; color:var(--muted); font-size:.9em; }
.evidence { display:grid; gap:.6rem; }
.evidence.side-by-side { grid-template-columns:repeat(auto-fit, minmax(300px, 1fr)); }
.evidence .doc { border:1px solid var(--line); border-radius:4px; padding:.3rem .6rem; background:#fbfbfc; min-width:0; }
.evidence h3 { font-size:.95rem; margin:.1rem 0; word-break:break-all; }
figure { margin:.3rem 0; } figcaption { color:var(--muted); font-size:.8em; }
blockquote.context { margin:.1rem 0; white-space:pre-wrap; word-break:break-all; }
mark { background:#ffe27a; padding:0 .1em; border-radius:2px; }
#unreadable li, #notes li { margin:.3rem 0; } .kind { font-family:ui-monospace,monospace; color:var(--muted); }
[hidden] { display:none !important; }
"#;

const JS: &str = r#"
(function () {
  var form = document.getElementById('filters');
  var ruleSel = document.getElementById('rule');
  var viewSel = document.getElementById('view');
  var shown = document.getElementById('shown');
  var boxes = Array.prototype.slice.call(form.querySelectorAll('input[name=severity]'));
  function params() {
    var p = new URLSearchParams(location.search);
    new URLSearchParams(location.hash.replace(/^#/, '')).forEach(function (v, k) { p.set(k, v); });
    return p;
  }
  function fromUrl() {
    var p = params();
    var rule = p.get('rule') || '';
    if (rule && !Array.prototype.some.call(ruleSel.options, function (o) { return o.value === rule; })) {
      var o = document.createElement('option'); o.value = rule; o.textContent = rule + ' (0)'; ruleSel.appendChild(o);
    }
    ruleSel.value = rule;
    var sev = p.get('severity');
    boxes.forEach(function (b) { b.checked = !sev || sev.split(',').indexOf(b.value) >= 0; });
    viewSel.value = p.get('view') === 'rule' ? 'rule' : 'case';
    apply();
  }
  function toUrl() {
    var parts = [];
    if (ruleSel.value) parts.push('rule=' + encodeURIComponent(ruleSel.value));
    var sev = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
    if (sev.length !== boxes.length) parts.push('severity=' + sev.join(','));
    if (viewSel.value !== 'case') parts.push('view=' + viewSel.value);
    history.replaceState(null, '', location.pathname + location.search + (parts.length ? '#' + parts.join('&') : ''));
  }
  function apply() {
    var rule = ruleSel.value, view = viewSel.value;
    var sev = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
    var filtered = rule !== '' || sev.length !== boxes.length;
    document.querySelectorAll('article.finding').forEach(function (a) {
      a.hidden = !((rule === '' || a.dataset.rule === rule) && sev.indexOf(a.dataset.severity) >= 0);
    });
    document.querySelectorAll('section.group').forEach(function (g) {
      var any = g.querySelector('article.finding:not([hidden])');
      g.hidden = g.classList.contains('clean') ? filtered : !any;
    });
    document.getElementById('by-case').hidden = view !== 'case';
    document.getElementById('by-rule').hidden = view !== 'rule';
    var all = document.querySelectorAll('#by-case article.finding').length;
    var visible = document.querySelectorAll('#by-case article.finding:not([hidden])').length;
    shown.textContent = '显示 ' + visible + ' / ' + all + ' 条';
    document.body.dataset.view = view;
    document.body.dataset.rule = rule;
    document.body.dataset.severity = sev.join(',');
    document.body.dataset.shown = String(visible);
  }
  form.addEventListener('change', function () { apply(); toUrl(); });
  window.addEventListener('hashchange', fromUrl);
  fromUrl();
})();
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn everything_is_escaped() {
        assert_eq!(
            escape("<script>\"a\" & 'b'</script>"),
            "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;"
        );
    }
}
