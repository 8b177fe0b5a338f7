//! Case assembly: documents linked into cases by the numbers they cite (the judgment cites the
//! indictment's number, the arrest approval the police request's), by the folder they share,
//! and by the identity of the persons they name (name with birth date or ID number).
//! Documents that link nowhere, cases with two judgments and cases missing a document are
//! reported with reasons — never dropped.

use super::{Case, CaseDocument, Content};
use crate::classify::DocType;
use crate::primitives::number_key;
use serde::Serialize;
use std::collections::BTreeMap;

/// A remark about how documents were (or were not) put together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AssemblyNote {
    /// The case concerned, when there is one.
    pub case: Option<String>,
    /// `unlinked`, `unknown-type`, `duplicate`, `missing`.
    pub kind: String,
    /// The documents concerned.
    pub documents: Vec<String>,
    /// What happened, in words.
    pub message: String,
}

/// Cases and the remarks on how they were assembled.
#[derive(Debug, Clone, Default)]
pub struct Assembly {
    /// The cases, in a deterministic order.
    pub cases: Vec<Case>,
    /// Remarks: documents that link nowhere, duplicates, missing documents.
    pub notes: Vec<AssemblyNote>,
}

struct UnionFind(Vec<usize>);

impl UnionFind {
    fn find(&mut self, mut x: usize) -> usize {
        while self.0[x] != x {
            self.0[x] = self.0[self.0[x]];
            x = self.0[x];
        }
        x
    }
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            self.0[ra.max(rb)] = ra.min(rb);
        }
    }
}

/// The keys by which a document links to others: numbers it has or cites, and persons.
fn keys(d: &CaseDocument) -> Vec<String> {
    let mut k = Vec::new();
    let mut num = |s: &str| k.push(format!("no:{}", number_key(s)));
    match &d.content {
        Content::Judgment(j) => {
            if let Some(n) = &j.indictment_number {
                num(&n.value);
            }
        }
        Content::Indictment(i) => {
            if let Some(n) = &i.number {
                num(&n.value);
            }
        }
        Content::Recommendation(r) => {
            if let Some(n) = &r.indictment_number {
                num(&n.value);
            }
        }
        Content::Arrest(a) => {
            if let Some(n) = &a.request_number {
                num(&n.value);
            }
            if a.kind == DocType::ArrestRequest {
                if let Some(n) = &a.number {
                    num(&n.value);
                }
            }
        }
        Content::Other => {}
    }
    // The organ with a defendant's name: a judgment's prosecutor and the indictment's
    // procuratorate name the same office (the judgment may cite a mistyped number).
    let organ = match &d.content {
        Content::Judgment(j) => j.prosecutor.as_ref().map(|p| p.value.clone()),
        Content::Indictment(i) => i.procuratorate.as_ref().map(|p| p.value.clone()),
        Content::Arrest(a) => a.organ.as_ref().map(|p| p.value.clone()),
        _ => None,
    };
    if let Some(o) = organ {
        // 河北省盐山县人民检察院 and 盐山县人民检察院 are one office: key on the part after
        // the last province or city that still names a place (not a bare 人民检察院).
        let tail = o
            .rmatch_indices(['省', '市'])
            .map(|(i, m)| &o[i + m.len()..])
            .find(|rest| !matches!(*rest, "人民检察院" | "检察院" | "人民法院" | "公安局"))
            .unwrap_or(&o)
            .to_string();
        for p in persons(d) {
            k.push(format!("organ:{tail}:{}", p.0));
        }
    }
    for p in persons(d) {
        if let Some(id) = p.2 {
            k.push(format!("id:{id}"));
        }
        if let Some(b) = p.1.filter(|b| b.len() == 10) {
            k.push(format!("person:{}@{b}", p.0));
        }
    }
    k
}

/// (name, birth date, ID number) of every person a document names as defendant or suspect.
pub fn persons(d: &CaseDocument) -> Vec<(String, Option<String>, Option<String>)> {
    let party = |p: &crate::extract::parties::Party| {
        (
            p.name.value.clone(),
            p.birth_date.as_ref().map(|b| b.value.to_string()),
            p.id_number.as_ref().map(|i| i.value.number.clone()),
        )
    };
    match &d.content {
        Content::Judgment(j) => j.defendants.iter().map(|x| party(&x.party)).collect(),
        Content::Indictment(i) => i.defendants.iter().map(|x| party(&x.party)).collect(),
        Content::Arrest(a) => a
            .suspects
            .iter()
            .map(|s| {
                (
                    s.name.value.clone(),
                    s.birth_date.as_ref().map(|b| b.value.to_string()),
                    s.id_number.as_ref().map(|i| i.value.number.clone()),
                )
            })
            .collect(),
        Content::Recommendation(r) => r
            .defendants
            .iter()
            .map(|x| (x.name.value.clone(), None, None))
            .collect(),
        Content::Other => Vec::new(),
    }
}

/// Puts documents into cases. `folders[i]` is the folder document `i` came from (documents of
/// one folder holding at most one judgment and one indictment are one case).
pub fn assemble(documents: Vec<CaseDocument>, folders: &[String]) -> Assembly {
    let n = documents.len();
    let mut uf = UnionFind((0..n).collect());
    let mut by_key: BTreeMap<String, usize> = BTreeMap::new();
    for (i, d) in documents.iter().enumerate() {
        for k in keys(d) {
            match by_key.get(&k) {
                Some(&j) => uf.union(i, j),
                None => {
                    by_key.insert(k, i);
                }
            }
        }
    }
    // A folder that looks like one case (one judgment, one indictment at most) is one case.
    let mut by_folder: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, f) in folders.iter().enumerate().take(n) {
        by_folder.entry(f.as_str()).or_default().push(i);
    }
    for members in by_folder.values() {
        let count = |pred: fn(&Content) -> bool| {
            members
                .iter()
                .filter(|&&i| pred(&documents[i].content))
                .count()
        };
        let judgments = count(|c| matches!(c, Content::Judgment(_)));
        let indictments = count(|c| matches!(c, Content::Indictment(_)));
        if judgments <= 1 && indictments <= 1 {
            for w in members.windows(2) {
                uf.union(w[0], w[1]);
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..n {
        let r = uf.find(i);
        groups.entry(r).or_default().push(i);
    }
    let mut slots: Vec<Option<CaseDocument>> = documents.into_iter().map(Some).collect();
    let mut out = Assembly::default();
    for (_, members) in groups {
        let docs: Vec<CaseDocument> = members.iter().filter_map(|&i| slots[i].take()).collect();
        let names: Vec<String> = docs.iter().map(|d| d.doc.source().to_string()).collect();
        let known = docs
            .iter()
            .filter(|d| !matches!(d.content, Content::Other))
            .count();
        for d in docs.iter().filter(|d| matches!(d.content, Content::Other)) {
            out.notes.push(AssemblyNote {
                case: None,
                kind: "unknown-type".into(),
                documents: vec![d.doc.source().to_string()],
                message: format!("文书类型无法识别（{}），未参与比对", d.class.reason),
            });
        }
        if known == 0 {
            continue;
        }
        let id = case_id(
            &docs,
            &members
                .iter()
                .filter_map(|&i| folders.get(i))
                .cloned()
                .collect::<Vec<_>>(),
        );
        if docs.len() == 1
            && folders
                .iter()
                .filter(|f| Some(*f) == members.first().and_then(|&i| folders.get(i)))
                .count()
                > 1
        {
            out.notes.push(AssemblyNote {
                case: Some(id.clone()),
                kind: "unlinked".into(),
                documents: names.clone(),
                message: "该文书未能通过文号或当事人身份与其他文书关联，单独作为一个案件检查"
                    .into(),
            });
        }
        let judgments = docs
            .iter()
            .filter(|d| matches!(d.content, Content::Judgment(_)))
            .count();
        let indictments = docs
            .iter()
            .filter(
                |d| matches!(&d.content, Content::Indictment(i) if i.kind == DocType::Indictment),
            )
            .count();
        if judgments > 1 {
            out.notes.push(AssemblyNote {
                case: Some(id.clone()),
                kind: "duplicate".into(),
                documents: names.clone(),
                message: format!("同一案件有{judgments}份判决（裁定）书，均参与比对"),
            });
        }
        if judgments == 0 || indictments == 0 {
            let missing: Vec<&str> = [(judgments == 0, "判决书"), (indictments == 0, "起诉书")]
                .iter()
                .filter(|x| x.0)
                .map(|x| x.1)
                .collect();
            out.notes.push(AssemblyNote {
                case: Some(id.clone()),
                kind: "missing".into(),
                documents: names.clone(),
                message: format!("案件缺少{}，相关比对无法进行", missing.join("、")),
            });
        }
        out.cases.push(Case {
            id,
            documents: docs,
        });
    }
    out.cases.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

/// A case's name: the folder when all documents share one, else the judgment's case number,
/// else the indictment's number, else the first document.
fn case_id(docs: &[CaseDocument], folders: &[String]) -> String {
    if let Some(f) = folders
        .first()
        .filter(|f| !f.is_empty() && folders.iter().all(|x| x == *f))
    {
        let judgments = docs
            .iter()
            .filter(|d| matches!(d.content, Content::Judgment(_)))
            .count();
        if judgments <= 1 && folders.len() == docs.len() {
            return f.clone();
        }
    }
    for d in docs {
        if let Content::Judgment(j) = &d.content {
            if let Some(n) = &j.case_number {
                return n.evidence.text.clone();
            }
        }
    }
    for d in docs {
        if let Content::Indictment(i) = &d.content {
            if let Some(n) = &i.number {
                return n.value.clone();
            }
        }
    }
    docs.first()
        .map(|d| d.doc.source().to_string())
        .unwrap_or_default()
}
