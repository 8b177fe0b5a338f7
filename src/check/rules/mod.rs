//! The catalogue of supervision checks: one entry per rule, each documented where it is
//! defined (what it catches, why, the legal basis) with an example that fires and one that
//! does not — the examples are the rule's tests.

mod cross;
mod leads;
mod legality;

use super::{Case, Context, Emitter, Severity};
use serde::Serialize;

/// The documentation and default level of a rule.
#[derive(Debug, Clone, Serialize)]
pub struct RuleInfo {
    /// Stable id (`L-term-dates`).
    pub id: &'static str,
    /// Default severity.
    pub severity: Severity,
    /// One line: what the rule catches.
    pub what: &'static str,
    /// Why it matters.
    pub why: &'static str,
    /// The legal basis.
    pub basis: &'static str,
    /// Case bundles (documents as `(name, text)`) on which the rule fires.
    pub fires: &'static [&'static [(&'static str, &'static str)]],
    /// Case bundles on which it stays quiet.
    pub quiet: &'static [&'static [(&'static str, &'static str)]],
}

/// A rule: its documentation and its check.
pub struct Rule {
    /// Documentation and default level.
    pub info: RuleInfo,
    /// The check.
    pub check: fn(&Case, &Context<'_>, &mut Emitter<'_>),
}

/// Every rule, in catalogue order.
pub fn catalogue() -> &'static [Rule] {
    static ALL: std::sync::LazyLock<Vec<Rule>> = std::sync::LazyLock::new(|| {
        let mut v = Vec::new();
        v.extend(cross::rules());
        v.extend(legality::rules());
        v.extend(leads::rules());
        v
    });
    &ALL
}

/// Finds a rule by id.
pub fn rule(id: &str) -> Option<&'static Rule> {
    catalogue().iter().find(|r| r.info.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{check_case, CaseDocument, RuleConfig};
    use crate::{dict::Dictionaries, Document};

    fn run(id: &str, docs: &[(&str, &str)]) -> Vec<crate::check::Finding> {
        let case = Case {
            id: "example".into(),
            documents: docs
                .iter()
                .map(|(n, t)| CaseDocument::new(Document::from_text(n, t)))
                .collect(),
        };
        let dict = Dictionaries::builtin();
        let config = RuleConfig::default();
        let ctx = Context {
            dict: &dict,
            config: &config,
        };
        check_case(&case, &ctx)
            .into_iter()
            .filter(|f| f.rule == id)
            .collect()
    }

    #[test]
    fn every_rule_is_documented_with_examples() {
        for r in catalogue() {
            let i = &r.info;
            assert!(
                !i.what.is_empty() && !i.why.is_empty() && !i.basis.is_empty(),
                "{} lacks documentation",
                i.id
            );
            assert!(
                !i.fires.is_empty() && !i.quiet.is_empty(),
                "{} lacks examples",
                i.id
            );
        }
        let mut ids: Vec<&str> = catalogue().iter().map(|r| r.info.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), catalogue().len(), "rule ids are unique");
    }

    #[test]
    fn examples_fire_and_stay_quiet() {
        for r in catalogue() {
            for (i, bundle) in r.info.fires.iter().enumerate() {
                let f = run(r.info.id, bundle);
                assert!(
                    !f.is_empty(),
                    "{}: firing example {i} did not fire",
                    r.info.id
                );
                for finding in &f {
                    assert!(
                        !finding.evidence.is_empty(),
                        "{}: a finding without evidence",
                        r.info.id
                    );
                    for ev in &finding.evidence {
                        assert!(!ev.text.is_empty(), "{}: empty evidence", r.info.id);
                    }
                }
            }
            for (i, bundle) in r.info.quiet.iter().enumerate() {
                let f = run(r.info.id, bundle);
                assert!(
                    f.is_empty(),
                    "{}: quiet example {i} fired: {:?}",
                    r.info.id,
                    f.iter().map(|f| &f.message).collect::<Vec<_>>()
                );
            }
        }
    }
}
