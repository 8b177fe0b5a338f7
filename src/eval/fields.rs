//! Scoring indictments, arrest documents and 量刑建议书 against gold in the schema of
//! `docs/gold-schema.md` (the `indictment` and `arrests` objects of the corpus bundles'
//! `truth.json` follow it): every leaf of the gold is one comparison, named by its path
//! (`indictment.defendants.recommendation.term_months_min`).
//!
//! - Persons (lists of objects with `name`) are matched by name; a person in gold and not
//!   found counts every one of its leaves wrong, a person found and not in gold counts
//!   against `….name`.
//! - `charges`, `circumstances`, `articles` and `refusal_reasons` are compared as sets;
//!   `custody` counts only the measures the annotation guide scores (刑事拘留, 逮捕, 取保候审,
//!   监视居住, 指定居所监视居住).
//! - A selective charge may be given by its full official name or by the component the text
//!   writes (`charges` or `charges_written` of the gold).
//!   In `per_charge` entries, each `charge` is compared by its official name.
//! - `probation`: `null` (silent) and `false` are alike, as the corpus bundles write `false`
//!   for silence.
//! - A document read as another kind than its gold counts `….doc_type` wrong and every leaf
//!   wrong.

use super::gold_dir::GoldKind;
use super::{Report, SCORED_CUSTODY};
use serde_json::Value;

/// Keys of a gold object that are not extraction output.
const SKIP: &[&str] = &["file", "notes", "planted", "natural", "judgment_id"];
/// Leaves compared as sets (lists whose order says nothing: tags, charges, articles).
const SETS: &[&str] = &[
    "charges",
    "charges_written",
    "circumstances",
    "articles",
    "refusal_reasons",
];

/// Scores one procuratorate document: `gold` is the object of its kind, `predicted` the whole
/// gold record extracted from the document (`{"indictment": {…}}`, …) or `None` when the
/// document could not be read.
pub(super) fn score_document(
    report: &mut Report,
    id: &str,
    kind: GoldKind,
    gold: &Value,
    predicted: Option<&Value>,
) {
    let prefix = kind.key();
    let object = predicted
        .and_then(|p| p.get(prefix))
        .filter(|v| v.is_object());
    // Not `kind`: arrest gold has a `kind` of its own.
    let kind_field = format!("{prefix}.doc_type");
    match object {
        Some(got) => {
            report.tally(id, &kind_field, true, &Value::Null, &Value::Null);
            Scorer { report, id }.compare(prefix, gold, got);
        }
        None => {
            let said = predicted
                .and_then(|p| p.get("doc_type"))
                .cloned()
                .unwrap_or(Value::String("<unread>".into()));
            report.tally(id, &kind_field, false, &Value::String(prefix.into()), &said);
            Scorer { report, id }.missing(prefix, gold);
        }
    }
}

struct Scorer<'a> {
    report: &'a mut Report,
    id: &'a str,
}

impl Scorer<'_> {
    fn compare(&mut self, path: &str, truth: &Value, got: &Value) {
        let Value::Object(map) = truth else {
            return self.leaf(path, truth, got);
        };
        for (key, tv) in map {
            if SKIP.contains(&key.as_str()) {
                continue;
            }
            let p = format!("{path}.{key}");
            let gv = got.get(key).unwrap_or(&Value::Null);
            match tv {
                Value::Array(ts) if ts.iter().any(|t| t.get("name").is_some()) => {
                    self.persons(&p, ts, gv.as_array().map_or(&[][..], |v| v))
                }
                Value::Object(_) if gv.is_object() => self.compare(&p, tv, gv),
                Value::Object(_) => self.missing(&p, tv),
                _ => self.leaf(&p, tv, gv),
            }
        }
    }

    /// Every leaf of `truth` counted wrong: the prediction has nothing there.
    fn missing(&mut self, path: &str, truth: &Value) {
        match truth {
            Value::Object(map) => {
                for (key, v) in map {
                    if !SKIP.contains(&key.as_str()) {
                        self.missing(&format!("{path}.{key}"), v);
                    }
                }
            }
            Value::Array(items) if items.iter().any(|t| t.get("name").is_some()) => {
                for item in items {
                    self.missing(path, item);
                }
            }
            _ => self.report.tally(
                self.id,
                path,
                false,
                truth,
                &Value::String("<missing>".into()),
            ),
        }
    }

    fn leaf(&mut self, path: &str, truth: &Value, got: &Value) {
        let last = path.rsplit('.').next().unwrap_or(path);
        let ok = if SETS.contains(&last) {
            as_set(truth) == as_set(got)
        } else if last == "custody" {
            scored_custody(truth) == scored_custody(got)
        } else if last == "probation" {
            silent_as_false(truth) == silent_as_false(got)
        } else if last == "per_charge" {
            super::same(&official_shares(truth), &official_shares(got))
        } else {
            super::same(truth, got)
        };
        self.report.tally(self.id, path, ok, truth, got);
    }

    /// Lists of persons, matched by name.
    fn persons(&mut self, path: &str, truth: &[Value], got: &[Value]) {
        let name = |v: &Value| v.get("name").and_then(Value::as_str).map(str::to_string);
        let name_field = format!("{path}.name");
        for t in truth {
            let n = name(t);
            let Some(g) = got.iter().find(|g| name(g) == n) else {
                self.missing(path, t);
                continue;
            };
            let n = Value::String(n.unwrap_or_default());
            self.report.tally(self.id, &name_field, true, &n, &n);
            let mut rest = t.clone();
            if let Value::Object(m) = &mut rest {
                m.remove("name");
            }
            if let (Value::Object(m), Some(written)) = (&mut rest, t.get("charges_written")) {
                // A selective charge: the official name or the component as written.
                if let Some(official) = m.remove("charges") {
                    let got = g.get("charges").unwrap_or(&Value::Null);
                    let ok = as_set(&official) == as_set(got) || as_set(written) == as_set(got);
                    self.report
                        .tally(self.id, &format!("{path}.charges"), ok, &official, got);
                }
            }
            self.compare(path, &rest, g);
        }
        for g in got {
            if !truth.iter().any(|t| name(t) == name(g)) {
                let extra = Value::String(name(g).unwrap_or_default());
                self.report
                    .tally(self.id, &name_field, false, &Value::Null, &extra);
            }
        }
    }
}

fn as_set(v: &Value) -> Option<Vec<String>> {
    let mut out: Vec<String> = v
        .as_array()?
        .iter()
        .map(|x| x.as_str().map_or_else(|| x.to_string(), str::to_string))
        .collect();
    out.sort();
    out.dedup();
    Some(out)
}

fn scored_custody(v: &Value) -> Option<Vec<&Value>> {
    Some(
        v.as_array()?
            .iter()
            .filter(|c| {
                c.get("measure")
                    .and_then(Value::as_str)
                    .is_some_and(|m| SCORED_CUSTODY.contains(&m))
            })
            .collect(),
    )
}

/// A `per_charge` list with each share's charge by its official name (a selective charge's
/// component, `非法制造注册商标标识罪`, as `非法制造、销售非法制造的注册商标标识罪`).
fn official_shares(v: &Value) -> Value {
    let mut v = v.clone();
    for share in v.as_array_mut().into_iter().flatten() {
        if let Some(c) = share.get_mut("charge") {
            if let Some(official) = c
                .as_str()
                .and_then(crate::docs::indictment::official_charge)
            {
                *c = Value::String(official);
            }
        }
    }
    v
}

fn silent_as_false(v: &Value) -> Value {
    if v.is_null() {
        Value::Bool(false)
    } else {
        v.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::super::{score_documents, GoldDocument, GoldKind, Report};
    use serde_json::{json, Value};

    fn score(kind: GoldKind, gold: Value, got: Option<Value>) -> Report {
        let g = GoldDocument {
            id: "d".into(),
            path: "d.txt".into(),
            kind,
            gold,
        };
        score_documents(&[g], &[got])
    }

    fn score_of(r: &Report, field: &str) -> (u64, u64) {
        let f = &r.fields[field];
        (f.correct, f.total)
    }

    #[test]
    fn a_missing_person_counts_every_leaf_wrong_and_an_extra_one_counts_against_names() {
        let gold = json!({"defendants": [
            {"name": "甲", "gender": "男", "recommendation": {"principal": "拘役", "term_months_max": 3}},
            {"name": "乙", "gender": "女"}
        ]});
        let got = json!({"indictment": {"defendants": [
            {"name": "甲", "gender": "男", "recommendation": {"principal": "拘役", "term_months_max": 4}},
            {"name": "丙", "gender": "女"}
        ]}});
        let r = score(GoldKind::Indictment, gold, Some(got));
        assert_eq!(score_of(&r, "indictment.defendants.name"), (1, 3));
        assert_eq!(score_of(&r, "indictment.defendants.gender"), (1, 2));
        assert_eq!(
            score_of(&r, "indictment.defendants.recommendation.term_months_max"),
            (0, 1)
        );
        assert_eq!(
            score_of(&r, "indictment.defendants.recommendation.principal"),
            (1, 1)
        );
    }

    #[test]
    fn sets_custody_selective_charges_and_silent_probation() {
        let gold = json!({"articles": ["264", "67"], "defendants": [{
            "name": "甲",
            "charges": ["非法持有、私藏枪支、弹药罪"],
            "charges_written": ["非法持有枪支罪"],
            "custody": [{"measure": "刑事拘留", "date": "2023-01-02"}],
            "recommendation": {"probation": null}
        }]});
        let got = json!({"indictment": {"articles": ["67", "264"], "defendants": [{
            "name": "甲",
            "charges": ["非法持有枪支罪"],
            "charges_written": ["非法持有枪支罪"],
            "custody": [{"measure": "刑事拘留", "date": "2023-01-02"}, {"measure": "行政拘留", "date": "2022-12-30"}],
            "recommendation": {"probation": false}
        }]}});
        let r = score(GoldKind::Indictment, gold, Some(got));
        assert!(r.mismatches.is_empty(), "{:?}", r.mismatches);
        assert_eq!(score_of(&r, "indictment.defendants.charges"), (1, 1));
        // A share's selective charge by its component or by its official name.
        let share = |c: &str| json!({"name": "甲", "recommendation": {"per_charge": [{"charge": c, "term_months_max": 8}]}});
        let gold = json!({"defendants": [share("非法持有、私藏枪支、弹药罪")]});
        let got = json!({"indictment": {"defendants": [share("非法持有枪支罪")]}});
        let r = score(GoldKind::Indictment, gold.clone(), Some(got));
        assert!(r.mismatches.is_empty(), "{:?}", r.mismatches);
        let got = json!({"indictment": {"defendants": [share("盗窃罪")]}});
        let r = score(GoldKind::Indictment, gold, Some(got));
        assert_eq!(
            score_of(&r, "indictment.defendants.recommendation.per_charge"),
            (0, 1)
        );
        // Probation: silence is not an explicit recommendation of it.
        let gold = json!({"defendants": [{"name": "甲", "recommendation": {"probation": null}}]});
        let got = json!({"indictment": {"defendants": [{"name": "甲", "recommendation": {"probation": true}}]}});
        let r = score(GoldKind::Indictment, gold, Some(got));
        assert_eq!(
            score_of(&r, "indictment.defendants.recommendation.probation"),
            (0, 1)
        );
    }

    #[test]
    fn a_document_of_another_kind_or_unread_scores_nothing_right() {
        let gold = json!({"number": "某检刑批捕〔2024〕7号", "suspects": [{"name": "张某"}]});
        let got = json!({"doc_type": "起诉书", "indictment": {"number": "某检刑批捕〔2024〕7号"}});
        let r = score(GoldKind::Arrest, gold.clone(), Some(got));
        assert_eq!(score_of(&r, "arrest.doc_type"), (0, 1));
        assert_eq!(score_of(&r, "arrest.number"), (0, 1));
        assert_eq!(score_of(&r, "arrest.suspects.name"), (0, 1));
        let r = score(GoldKind::Arrest, gold, None);
        assert_eq!(r.missing, vec!["d".to_string()]);
        assert_eq!(r.micro(), 0.0);
    }
}
