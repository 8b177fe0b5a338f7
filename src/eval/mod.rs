//! Scoring extraction against gold records, with the rules of the annotation guide:
//! document fields by exact match; article, charge, circumstance, custody and name sets by
//! F1 pooled over all documents; defendant fields for the defendant of the same name (a
//! missing defendant scores every field wrong); sentence sub-fields by exact match.

use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;

mod fields;
mod gold_dir;

pub use gold_dir::{find_gold, GoldDocument, GoldKind, GoldSet};

/// Counts for one field.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct FieldScore {
    /// Exact-match fields: comparisons made.
    pub total: u64,
    /// Exact-match fields: comparisons right.
    pub correct: u64,
    /// Set fields: true positives.
    pub tp: u64,
    /// Set fields: false positives.
    pub fp: u64,
    /// Set fields: false negatives.
    pub fn_: u64,
    /// Whether this is a set (F1) field.
    pub is_set: bool,
}

impl FieldScore {
    /// Accuracy (exact fields) or F1 (set fields).
    pub fn score(&self) -> f64 {
        if self.is_set {
            let denom = 2 * self.tp + self.fp + self.fn_;
            if denom == 0 {
                1.0
            } else {
                2.0 * self.tp as f64 / denom as f64
            }
        } else if self.total == 0 {
            1.0
        } else {
            self.correct as f64 / self.total as f64
        }
    }

    /// (right, compared) as pooled into the micro average.
    fn pooled(&self) -> (f64, f64) {
        if self.is_set {
            (
                self.tp as f64,
                self.tp as f64 + (self.fp + self.fn_) as f64 / 2.0,
            )
        } else {
            (self.correct as f64, self.total as f64)
        }
    }
}

/// A mismatch, for reading what went wrong.
#[derive(Debug, Clone, Serialize)]
pub struct Mismatch {
    /// The document id.
    pub id: String,
    /// The field (with the defendant for defendant fields).
    pub field: String,
    /// What gold says.
    pub gold: Value,
    /// What was extracted.
    pub predicted: Value,
}

/// The result of an evaluation.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    /// Per-field counts and scores.
    pub fields: BTreeMap<String, FieldScore>,
    /// Documents compared.
    pub documents: usize,
    /// Gold documents with no prediction.
    pub missing: Vec<String>,
    /// Every mismatch.
    pub mismatches: Vec<Mismatch>,
}

impl Report {
    /// The micro average over every comparison.
    pub fn micro(&self) -> f64 {
        let (r, t) = self
            .fields
            .values()
            .map(FieldScore::pooled)
            .fold((0.0, 0.0), |a, b| (a.0 + b.0, a.1 + b.1));
        if t == 0.0 {
            0.0
        } else {
            r / t
        }
    }

    /// The fields whose score is below `min`, with their score.
    pub fn fields_below(&self, min: f64) -> Vec<(&str, f64)> {
        self.fields
            .iter()
            .map(|(k, f)| (k.as_str(), f.score()))
            .filter(|(_, s)| *s < min)
            .collect()
    }

    /// Adds `other`'s counts, its field names prefixed with `prefix` (`judgment.`).
    fn absorb(&mut self, other: Report, prefix: &str) {
        for (k, f) in other.fields {
            self.fields.insert(format!("{prefix}{k}"), f);
        }
        self.documents += other.documents;
        self.missing.extend(other.missing);
        self.mismatches
            .extend(other.mismatches.into_iter().map(|m| Mismatch {
                field: format!("{prefix}{}", m.field),
                ..m
            }));
    }

    fn exact(&mut self, id: &str, field: &str, gold: &Value, pred: &Value) {
        self.tally(id, field, same(gold, pred), gold, pred);
    }

    /// One exact comparison whose outcome is `ok`.
    fn tally(&mut self, id: &str, field: &str, ok: bool, gold: &Value, pred: &Value) {
        let f = self.fields.entry(field.to_string()).or_default();
        f.total += 1;
        if ok {
            f.correct += 1;
        } else {
            self.mismatches.push(Mismatch {
                id: id.into(),
                field: field.into(),
                gold: gold.clone(),
                predicted: pred.clone(),
            });
        }
    }

    fn set(&mut self, id: &str, field: &str, gold: &[String], pred: &[String]) {
        let f = self.fields.entry(field.to_string()).or_default();
        f.is_set = true;
        let mut rest: Vec<&String> = pred.iter().collect();
        let mut tp = 0;
        for g in gold {
            if let Some(i) = rest.iter().position(|p| *p == g) {
                rest.remove(i);
                tp += 1;
            }
        }
        f.tp += tp;
        f.fn_ += gold.len() as u64 - tp;
        f.fp += rest.len() as u64;
        if tp as usize != gold.len() || !rest.is_empty() {
            self.mismatches.push(Mismatch {
                id: id.into(),
                field: field.into(),
                gold: gold.into(),
                predicted: pred.into(),
            });
        }
    }

    /// A table for the terminal.
    pub fn table(&self) -> String {
        let w = self
            .fields
            .keys()
            .map(|k| k.chars().count())
            .max()
            .unwrap_or(0)
            .max(13);
        let mut s = format!("{:<w$} {:>8} {:>10}\n", "field", "score", "n");
        for (k, f) in &self.fields {
            let n = if f.is_set {
                format!("tp{} fp{} fn{}", f.tp, f.fp, f.fn_)
            } else {
                format!("{}/{}", f.correct, f.total)
            };
            s += &format!("{:<w$} {:>8.4} {:>10}\n", k, f.score(), n);
        }
        s += &format!(
            "{:<w$} {:>8.4} {:>10}\n",
            "MICRO AVERAGE",
            self.micro(),
            self.documents
        );
        s
    }
}

fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::String(x), Value::String(y)) => x.trim() == y.trim(),
        _ => a == b,
    }
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

const DOC_FIELDS: &[&str] = &[
    "doc_kind",
    "court",
    "case_number",
    "trial_level",
    "procedure",
    "prosecutor",
    "indictment_number",
    "prosecution_date",
    "judgment_date",
];
/// Custody measures the annotation guide scores (others may be listed or not).
const SCORED_CUSTODY: &[&str] = &[
    "刑事拘留",
    "逮捕",
    "取保候审",
    "监视居住",
    "指定居所监视居住",
];
const SENTENCE_FIELDS: &[&str] = &[
    "principal",
    "term_months",
    "term_days",
    "probation_months",
    "fine_yuan",
    "political_rights",
    "confiscation",
];

/// Compares predicted judgment records with gold records (both in the gold format), by `id`.
pub fn score_judgments(gold: &[Value], predicted: &[Value]) -> Report {
    let mut r = Report::default();
    let by_id: BTreeMap<&str, &Value> = predicted
        .iter()
        .filter_map(|p| Some((p["id"].as_str()?, p)))
        .collect();
    for g in gold {
        let id = g["id"].as_str().unwrap_or_default();
        let Some(p) = by_id.get(id).copied() else {
            r.missing.push(id.to_string());
            continue;
        };
        r.documents += 1;
        for f in DOC_FIELDS {
            // The procedure is not scored where gold is null.
            if *f == "procedure" && g[f].is_null() {
                continue;
            }
            r.exact(id, f, &g[f], &p[f]);
        }
        r.set(
            id,
            "law_articles",
            &strings(&g["law_articles"]),
            &strings(&p["law_articles"]),
        );
        let gd = g["defendants"].as_array().cloned().unwrap_or_default();
        let pd = p["defendants"].as_array().cloned().unwrap_or_default();
        let names = |v: &[Value]| {
            v.iter()
                .filter_map(|d| d["name"].as_str().map(String::from))
                .collect::<Vec<_>>()
        };
        r.set(id, "defendants.name", &names(&gd), &names(&pd));
        for gdef in &gd {
            let name = gdef["name"].as_str().unwrap_or_default();
            let pdef = pd
                .iter()
                .find(|d| d["name"].as_str() == Some(name))
                .cloned()
                .unwrap_or(Value::Null);
            let missing = pdef.is_null();
            let pid = format!("{id}#{name}");
            for f in [
                "gender",
                "birth_date",
                "ethnicity",
                "verdict",
                "term_start",
                "term_end",
            ] {
                let pv = if missing {
                    Value::String("<missing>".into())
                } else {
                    pdef[f].clone()
                };
                r.exact(&pid, &format!("defendant.{f}"), &gdef[f], &pv);
            }
            r.set(
                &pid,
                "defendant.charges",
                &strings(&gdef["charges"]),
                &strings(&pdef["charges"]),
            );
            r.set(
                &pid,
                "defendant.circumstances",
                &strings(&gdef["circumstances"]),
                &strings(&pdef["circumstances"]),
            );
            let custody = |v: &Value| -> Vec<String> {
                v["custody"]
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .filter(|c| {
                                SCORED_CUSTODY.contains(&c["measure"].as_str().unwrap_or(""))
                            })
                            .map(|c| {
                                format!(
                                    "{}@{}",
                                    c["measure"].as_str().unwrap_or(""),
                                    c["date"].as_str().unwrap_or("null")
                                )
                            })
                            .collect()
                    })
                    .unwrap_or_default()
            };
            r.set(&pid, "defendant.custody", &custody(gdef), &custody(&pdef));
            let gs = &gdef["sentence"];
            if gs.is_null() {
                let pv = if missing {
                    Value::String("<missing>".into())
                } else {
                    Value::Bool(pdef["sentence"].is_null())
                };
                r.exact(&pid, "sentence.null", &Value::Bool(true), &pv);
            } else {
                for f in SENTENCE_FIELDS {
                    let pv = if missing || pdef["sentence"].is_null() {
                        Value::String("<missing>".into())
                    } else {
                        pdef["sentence"][f].clone()
                    };
                    r.exact(&pid, &format!("sentence.{f}"), &gs[f], &pv);
                }
            }
        }
    }
    r
}

/// Reads every document of `gold` with `engine` and extracts its gold record
/// ([`crate::gold::gold_record`]), in parallel and in order: the `predicted` of
/// [`score_documents`], with the error of each document that could not be read.
pub fn extract_records(engine: &crate::Engine, gold: &[GoldDocument]) -> Vec<crate::Result<Value>> {
    use rayon::prelude::*;
    gold.par_iter()
        .map(|g| {
            let doc = engine.read_path(&g.path)?;
            Ok(crate::gold::gold_record(
                &g.id,
                &crate::check::CaseDocument::new(doc),
            ))
        })
        .collect()
}

/// Scores documents found with [`find_gold`]: `predicted[i]` is the gold record extracted from
/// `gold[i].path` ([`crate::gold::gold_record`]), or `None` when it could not be read (every
/// field of its gold then counts wrong and its id is listed in `missing`).
///
/// Judgments are scored as by [`score_judgments`], their fields prefixed `judgment.`;
/// indictments, arrest documents and 量刑建议书 leaf by leaf, each field named by its path in
/// the gold schema (`indictment.defendants.recommendation.term_months_min`), persons matched
/// by name, charges, circumstances and articles as sets.
///
/// ```
/// use serde_json::json;
/// use wenshu::eval::{score_documents, GoldDocument, GoldKind};
/// let gold = GoldDocument {
///     id: "approve-1.txt".into(),
///     path: "approve-1.txt".into(),
///     kind: GoldKind::Arrest,
///     gold: json!({"number": "某检刑批捕〔2024〕7号", "suspects": [{"name": "张某", "charge": "盗窃罪"}]}),
/// };
/// let got = json!({"arrest": {"number": "某检刑批捕〔2024〕7号", "suspects": [{"name": "张某", "charge": "诈骗罪"}]}});
/// let report = score_documents(&[gold], &[Some(got)]);
/// assert_eq!(report.fields["arrest.number"].score(), 1.0);
/// assert_eq!(report.fields["arrest.suspects.charge"].score(), 0.0);
/// ```
pub fn score_documents(gold: &[GoldDocument], predicted: &[Option<Value>]) -> Report {
    let mut report = Report::default();
    let mut judgment_gold = Vec::new();
    let mut judgment_predicted = Vec::new();
    for (g, p) in gold.iter().zip(predicted) {
        if g.kind == GoldKind::Judgment {
            let mut record = g.gold.clone();
            record["id"] = Value::String(g.id.clone());
            judgment_gold.push(record);
            if let Some(p) = p {
                let mut p = p.clone();
                p["id"] = Value::String(g.id.clone());
                judgment_predicted.push(p);
            }
            continue;
        }
        report.documents += 1;
        if p.is_none() {
            report.missing.push(g.id.clone());
        }
        fields::score_document(&mut report, &g.id, g.kind, &g.gold, p.as_ref());
    }
    if !judgment_gold.is_empty() {
        report.absorb(
            score_judgments(&judgment_gold, &judgment_predicted),
            "judgment.",
        );
    }
    report
}
