//! The engine: dictionaries, rule levels and limits, built once and shared by every call.

use crate::check::assemble::{assemble, Assembly};
use crate::check::{check_case, Case, CaseDocument, Content, Context, Finding, RuleConfig};
use crate::dict::Dictionaries;
use crate::{Document, Limits, Result};
use std::path::{Path, PathBuf};
use std::sync::Arc;

struct Inner {
    dict: Dictionaries,
    rules: RuleConfig,
    limits: Limits,
}

/// Everything that is expensive to build — the dictionaries and their automatons, the rule
/// configuration, the limits — built once. Cloning is cheap (an `Arc`), and the engine is
/// `Send + Sync`: share one across threads and requests.
///
/// ```
/// let engine = wenshu::Engine::new();
/// let doc = engine.read_bytes("j.txt", "某县人民法院\n刑事判决书\n（2023）某0102刑初1号\n公诉机关某县人民检察院。\n\
///     被告人张某，男，1985年3月12日出生。因涉嫌危险驾驶罪于2023年1月5日被取保候审。\n\
///     本院认为，被告人张某醉酒驾驶机动车，其行为已构成危险驾驶罪。依照《中华人民共和国刑法》第一百三十三条之一之规定，判决如下：\n\
///     被告人张某犯危险驾驶罪，判处拘役二个月。\n审判员 李某\n二〇二三年三月十日".as_bytes()).unwrap();
/// let (assembly, findings) = engine.check_documents(vec![doc], &[]);
/// assert_eq!(assembly.cases.len(), 1);
/// assert!(findings.iter().any(|f| f.rule == "L-fine-missing"));
/// ```
#[derive(Clone)]
pub struct Engine {
    inner: Arc<Inner>,
}

impl Default for Engine {
    fn default() -> Self {
        Engine::new()
    }
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("limits", &self.inner.limits)
            .finish_non_exhaustive()
    }
}

impl Engine {
    /// An engine with the built-in dictionaries, every rule at its default level and the
    /// default limits.
    pub fn new() -> Engine {
        Engine {
            inner: Arc::new(Inner {
                dict: Dictionaries::builtin(),
                rules: RuleConfig::default(),
                limits: Limits::default(),
            }),
        }
    }

    /// Starts configuring an engine.
    ///
    /// ```
    /// let engine = wenshu::Engine::builder()
    ///     .limits(wenshu::Limits { max_pages: 50, ..Default::default() })
    ///     .rules_toml("[rules]\n\"L-trial-deadlines\" = \"off\"\n")
    ///     .build()
    ///     .unwrap();
    /// assert_eq!(engine.limits().max_pages, 50);
    /// ```
    pub fn builder() -> EngineBuilder {
        EngineBuilder::default()
    }

    /// The limits applied to every input.
    pub fn limits(&self) -> &Limits {
        &self.inner.limits
    }

    /// The dictionaries in use.
    pub fn dictionaries(&self) -> &Dictionaries {
        &self.inner.dict
    }

    /// Reads a document from a file (format detected from the content).
    pub fn read_path(&self, path: &Path) -> Result<Document> {
        crate::read::read_path(path, &self.inner.limits).map(Document::from_raw)
    }

    /// Reads a document from memory; `name` names it in errors and evidence.
    pub fn read_bytes(&self, name: &str, bytes: &[u8]) -> Result<Document> {
        crate::read::read_bytes(name, bytes, &self.inner.limits).map(Document::from_raw)
    }

    /// Classifies a document and extracts the model of its type.
    ///
    /// ```
    /// let engine = wenshu::Engine::new();
    /// let doc = wenshu::Document::from_text("x", "今天天气很好。");
    /// assert!(matches!(engine.extract(&doc), wenshu::check::Content::Other));
    /// ```
    pub fn extract(&self, doc: &Document) -> Content {
        CaseDocument::new(doc.clone()).content
    }

    /// Puts documents into cases; `folders[i]` (may be empty) is where document `i` came from.
    pub fn assemble(&self, documents: Vec<Document>, folders: &[String]) -> Assembly {
        let folders = padded(folders, documents.len());
        assemble(
            documents.into_iter().map(CaseDocument::new).collect(),
            &folders,
        )
    }

    /// Runs the supervision catalogue over one case.
    pub fn check(&self, case: &Case) -> Vec<Finding> {
        check_case(case, &self.context())
    }

    /// Assembles documents into cases and checks them all.
    pub fn check_documents(
        &self,
        documents: Vec<Document>,
        folders: &[String],
    ) -> (Assembly, Vec<Finding>) {
        let assembly = self.assemble(documents, folders);
        let ctx = self.context();
        let findings = assembly
            .cases
            .iter()
            .flat_map(|c| check_case(c, &ctx))
            .collect();
        (assembly, findings)
    }

    /// The context rules run in.
    pub fn context(&self) -> Context<'_> {
        Context {
            dict: &self.inner.dict,
            config: &self.inner.rules,
        }
    }
}

fn padded(folders: &[String], n: usize) -> Vec<String> {
    let mut f = folders.to_vec();
    f.resize(n, String::new());
    f
}

/// Configures an [`Engine`]: own dictionaries, rule levels, limits.
#[derive(Debug, Default)]
pub struct EngineBuilder {
    dictionaries: Option<PathBuf>,
    rules_file: Option<PathBuf>,
    rules_text: Option<String>,
    limits: Limits,
}

impl EngineBuilder {
    /// Dictionary files in this folder replace the built-in ones (the rest stay built-in).
    pub fn dictionaries_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.dictionaries = Some(dir.into());
        self
    }

    /// Rule levels from a TOML file.
    pub fn rules_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.rules_file = Some(path.into());
        self
    }

    /// Rule levels from TOML text.
    pub fn rules_toml(mut self, text: impl Into<String>) -> Self {
        self.rules_text = Some(text.into());
        self
    }

    /// Limits for every input.
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// Builds the engine; a bad dictionary or configuration file is an error naming it.
    pub fn build(self) -> Result<Engine> {
        let dict = match &self.dictionaries {
            Some(d) => Dictionaries::from_dir(d)?,
            None => Dictionaries::builtin(),
        };
        let rules = match (&self.rules_file, &self.rules_text) {
            (Some(p), _) => RuleConfig::from_path(p)?,
            (None, Some(t)) => RuleConfig::parse(t, Path::new("<rules>"))?,
            (None, None) => RuleConfig::default(),
        };
        Ok(Engine {
            inner: Arc::new(Inner {
                dict,
                rules,
                limits: self.limits,
            }),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_engine_is_shareable() {
        fn assert_send_sync<T: Send + Sync + Clone>() {}
        assert_send_sync::<Engine>();
    }

    #[test]
    fn a_bad_rules_file_is_an_error_naming_the_problem() {
        let e = Engine::builder()
            .rules_toml("[rules]\n\"X-nope\" = \"off\"\n")
            .build()
            .unwrap_err();
        assert!(e.to_string().contains("X-nope"), "{e}");
    }
}
