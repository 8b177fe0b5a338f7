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
    ///
    /// This parses the dictionaries and builds their automatons: call it once and share the
    /// engine (clones are cheap).
    ///
    /// ```
    /// let engine = wenshu::Engine::new();
    /// let shared = engine.clone(); // an Arc: same dictionaries, no rebuild
    /// std::thread::spawn(move || shared.limits().max_pages).join().unwrap();
    /// ```
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
    ///
    /// ```
    /// assert_eq!(*wenshu::Engine::new().limits(), wenshu::Limits::default());
    /// ```
    pub fn limits(&self) -> &Limits {
        &self.inner.limits
    }

    /// The dictionaries in use.
    ///
    /// ```
    /// let engine = wenshu::Engine::new();
    /// let charge = engine.dictionaries().charge("盗窃罪").unwrap();
    /// assert_eq!(charge.name, "盗窃罪");
    /// ```
    pub fn dictionaries(&self) -> &Dictionaries {
        &self.inner.dict
    }

    /// Reads a document from a file (format detected from the content) and normalises it.
    ///
    /// Fails with a [`crate::Error`] naming the file: it cannot be read, its format is not
    /// supported (or its reader's feature is off), it is damaged, it has no text, or it exceeds
    /// a [`Limits`] bound.
    ///
    /// ```
    /// let engine = wenshu::Engine::new();
    /// let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
    ///     .join("examples/cases/case-1-clean/judgment.txt");
    /// let doc = engine.read_path(&path).unwrap();
    /// assert!(doc.text().contains("刑事判决书"));
    ///
    /// let missing = engine.read_path("no/such/file.pdf".as_ref()).unwrap_err();
    /// assert!(matches!(missing, wenshu::Error::Io { .. }));
    /// ```
    pub fn read_path(&self, path: &Path) -> Result<Document> {
        crate::read::read_path(path, &self.inner.limits).map(Document::from_raw)
    }

    /// Reads a document from memory and normalises it; `name` names it in errors and evidence
    /// (the format is detected from the bytes, never from the name).
    ///
    /// ```
    /// let engine = wenshu::Engine::new();
    /// let gbk = b"\xc6\xf0\xcb\xdf\xca\xe9"; // 起诉书 in GBK
    /// let doc = engine.read_bytes("upload-1", gbk).unwrap();
    /// assert_eq!(doc.text(), "起诉书");
    /// assert_eq!(doc.source(), "upload-1");
    ///
    /// let empty = engine.read_bytes("upload-2", b"   ").unwrap_err();
    /// assert!(matches!(empty, wenshu::Error::NoText { .. }));
    /// ```
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

    /// Puts documents into cases; `folders[i]` is where document `i` came from (missing or
    /// empty entries count as one folder, `""`).
    ///
    /// Documents are linked by the numbers they cite (the judgment cites the indictment's
    /// number, the arrest approval the police request's) and by the persons they name (name
    /// with birth date or ID number); the documents of one folder that holds at most one
    /// judgment and one indictment are one case. What links nowhere, is of no known type, or
    /// looks duplicated or missing is reported in
    /// [`Assembly::notes`](crate::check::assemble::Assembly::notes), never dropped silently.
    ///
    /// ```
    /// let engine = wenshu::Engine::new();
    /// let a = wenshu::Document::from_text("a", "某县人民检察院\n起诉书\n某检刑诉〔2023〕1号\n被告人张某，男，1985年3月12日出生。");
    /// let b = wenshu::Document::from_text("b", "今天天气很好。");
    /// let assembly = engine.assemble(vec![a, b], &[]);
    /// assert_eq!(assembly.cases.len(), 1);
    /// assert!(assembly.notes.iter().any(|n| n.kind == "unknown-type" && n.documents == ["b"]));
    /// assert!(assembly.notes.iter().any(|n| n.kind == "missing")); // no judgment
    /// ```
    pub fn assemble(&self, documents: Vec<Document>, folders: &[String]) -> Assembly {
        let folders = padded(folders, documents.len());
        assemble(
            documents.into_iter().map(CaseDocument::new).collect(),
            &folders,
        )
    }

    /// Runs the supervision catalogue over one case, with the engine's rule levels.
    ///
    /// ```
    /// let engine = wenshu::Engine::new();
    /// let doc = engine.read_bytes("j.txt", JUDGMENT.as_bytes()).unwrap();
    /// let assembly = engine.assemble(vec![doc], &[]);
    /// let findings = engine.check(&assembly.cases[0]);
    /// let fine = findings.iter().find(|f| f.rule == "L-fine-missing").unwrap();
    /// assert_eq!(fine.defendant.as_deref(), Some("张某"));
    /// assert!(fine.evidence.iter().any(|e| e.text.contains("拘役二个月")));
    /// # const JUDGMENT: &str = "某县人民法院\n刑事判决书\n（2023）某0102刑初1号\n公诉机关某县人民检察院。\n\
    /// #     被告人张某，男，1985年3月12日出生。因涉嫌危险驾驶罪于2023年1月5日被取保候审。\n\
    /// #     本院认为，被告人张某醉酒驾驶机动车，其行为已构成危险驾驶罪。依照《中华人民共和国刑法》第一百三十三条之一之规定，判决如下：\n\
    /// #     被告人张某犯危险驾驶罪，判处拘役二个月。\n审判员 李某\n二〇二三年三月十日";
    /// ```
    pub fn check(&self, case: &Case) -> Vec<Finding> {
        check_case(case, &self.context())
    }

    /// Assembles documents into cases and checks them all: the assembly (cases and notes) and
    /// the findings, in case order. See [`Engine::assemble`] for `folders`.
    ///
    /// ```
    /// let engine = wenshu::Engine::new();
    /// let doc = engine.read_bytes("j.txt", JUDGMENT.as_bytes()).unwrap();
    /// let (assembly, findings) = engine.check_documents(vec![doc], &["case-1".to_string()]);
    /// assert_eq!(assembly.cases[0].id, "case-1");
    /// assert!(findings.iter().all(|f| f.case == "case-1"));
    /// # const JUDGMENT: &str = "某县人民法院\n刑事判决书\n（2023）某0102刑初1号\n公诉机关某县人民检察院。\n\
    /// #     被告人张某，男，1985年3月12日出生。因涉嫌危险驾驶罪于2023年1月5日被取保候审。\n\
    /// #     本院认为，被告人张某醉酒驾驶机动车，其行为已构成危险驾驶罪。依照《中华人民共和国刑法》第一百三十三条之一之规定，判决如下：\n\
    /// #     被告人张某犯危险驾驶罪，判处拘役二个月。\n审判员 李某\n二〇二三年三月十日";
    /// ```
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

    /// The context rules run in: the dictionaries and the rule levels, for the free functions of
    /// [`crate::check`] (one rule over a case, or a case assembled by hand).
    ///
    /// ```
    /// use wenshu::check::{check_case, Case, CaseDocument};
    /// let engine = wenshu::Engine::new();
    /// let doc = engine.read_bytes("j.txt", JUDGMENT.as_bytes()).unwrap();
    /// let case = Case { id: "my case".into(), documents: vec![CaseDocument::new(doc)] };
    /// let findings = check_case(&case, &engine.context());
    /// assert!(findings.iter().any(|f| f.rule == "L-fine-missing"));
    /// # const JUDGMENT: &str = "某县人民法院\n刑事判决书\n（2023）某0102刑初1号\n公诉机关某县人民检察院。\n\
    /// #     被告人张某，男，1985年3月12日出生。因涉嫌危险驾驶罪于2023年1月5日被取保候审。\n\
    /// #     本院认为，被告人张某醉酒驾驶机动车，其行为已构成危险驾驶罪。依照《中华人民共和国刑法》第一百三十三条之一之规定，判决如下：\n\
    /// #     被告人张某犯危险驾驶罪，判处拘役二个月。\n审判员 李某\n二〇二三年三月十日";
    /// ```
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
    /// Dictionary files in this folder replace the built-in ones (the rest stay built-in);
    /// see `dictionaries/README.md` for the files and their columns.
    ///
    /// ```
    /// let dir = std::env::temp_dir().join(format!("wenshu-doc-dict-{}", std::process::id()));
    /// std::fs::create_dir_all(&dir).unwrap(); // empty: every dictionary stays built-in
    /// let engine = wenshu::Engine::builder().dictionaries_dir(&dir).build().unwrap();
    /// assert!(engine.dictionaries().charge("盗窃罪").is_some());
    /// # std::fs::remove_dir_all(&dir).unwrap();
    /// ```
    pub fn dictionaries_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.dictionaries = Some(dir.into());
        self
    }

    /// Rule levels from a TOML file (`[rules]` with `"RULE-ID" = "off" | "info" | "warning" |
    /// "error"`); it wins over [`EngineBuilder::rules_toml`].
    ///
    /// ```
    /// let path = std::env::temp_dir().join(format!("wenshu-doc-rules-{}.toml", std::process::id()));
    /// std::fs::write(&path, "[rules]\n\"L-fine-missing\" = \"off\"\n").unwrap();
    /// let engine = wenshu::Engine::builder().rules_file(&path).build().unwrap();
    /// # std::fs::remove_file(&path).unwrap();
    /// let doc = engine.read_bytes("j.txt", JUDGMENT.as_bytes()).unwrap();
    /// let (_, findings) = engine.check_documents(vec![doc], &[]);
    /// assert!(findings.iter().all(|f| f.rule != "L-fine-missing"));
    /// # const JUDGMENT: &str = "某县人民法院\n刑事判决书\n（2023）某0102刑初1号\n公诉机关某县人民检察院。\n\
    /// #     被告人张某，男，1985年3月12日出生。因涉嫌危险驾驶罪于2023年1月5日被取保候审。\n\
    /// #     本院认为，被告人张某醉酒驾驶机动车，其行为已构成危险驾驶罪。依照《中华人民共和国刑法》第一百三十三条之一之规定，判决如下：\n\
    /// #     被告人张某犯危险驾驶罪，判处拘役二个月。\n审判员 李某\n二〇二三年三月十日";
    /// ```
    pub fn rules_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.rules_file = Some(path.into());
        self
    }

    /// Rule levels from TOML text, as in a rules file.
    ///
    /// ```
    /// use wenshu::check::Severity;
    /// let engine = wenshu::Engine::builder()
    ///     .rules_toml("[rules]\n\"L-fine-missing\" = \"error\"\n")
    ///     .build()
    ///     .unwrap();
    /// let doc = engine.read_bytes("j.txt", JUDGMENT.as_bytes()).unwrap();
    /// let (_, findings) = engine.check_documents(vec![doc], &[]);
    /// let f = findings.iter().find(|f| f.rule == "L-fine-missing").unwrap();
    /// assert_eq!(f.severity, Severity::Error);
    /// # const JUDGMENT: &str = "某县人民法院\n刑事判决书\n（2023）某0102刑初1号\n公诉机关某县人民检察院。\n\
    /// #     被告人张某，男，1985年3月12日出生。因涉嫌危险驾驶罪于2023年1月5日被取保候审。\n\
    /// #     本院认为，被告人张某醉酒驾驶机动车，其行为已构成危险驾驶罪。依照《中华人民共和国刑法》第一百三十三条之一之规定，判决如下：\n\
    /// #     被告人张某犯危险驾驶罪，判处拘役二个月。\n审判员 李某\n二〇二三年三月十日";
    /// ```
    pub fn rules_toml(mut self, text: impl Into<String>) -> Self {
        self.rules_text = Some(text.into());
        self
    }

    /// Limits for every input read by the engine.
    ///
    /// ```
    /// let engine = wenshu::Engine::builder()
    ///     .limits(wenshu::Limits { max_input_bytes: 8, ..Default::default() })
    ///     .build()
    ///     .unwrap();
    /// let e = engine.read_bytes("big", "被告人张某，男。".as_bytes()).unwrap_err();
    /// assert!(matches!(e, wenshu::Error::Limit { limit: "max_input_bytes", .. }));
    /// ```
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// Builds the engine; a bad dictionary or configuration file is an error naming it.
    ///
    /// ```
    /// let e = wenshu::Engine::builder().rules_toml("[rules]\n\"X-nope\" = \"off\"\n").build().unwrap_err();
    /// assert!(matches!(e, wenshu::Error::Config { .. }));
    /// assert!(e.to_string().contains("X-nope"));
    /// ```
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
