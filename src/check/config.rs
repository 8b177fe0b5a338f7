//! Rule levels from a configuration file: switch a rule off or change its severity
//! without recompiling.
//!
//! ```toml
//! [rules]
//! "L-trial-deadlines" = "off"
//! "X-charge-arrest" = "warning"
//! ```

use super::Severity;
use crate::{Error, Result};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// Rule levels: `off`, `info`, `warning` or `error` per rule id; rules not named keep their default.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct RuleConfig {
    #[serde(default)]
    rules: BTreeMap<String, String>,
}

impl RuleConfig {
    /// Parses a configuration in TOML; unknown rule ids and levels are errors.
    ///
    /// ```
    /// let c = wenshu::check::RuleConfig::parse("[rules]\n\"L-range\" = \"off\"\n", "x.toml".as_ref()).unwrap();
    /// assert_eq!(c.severity("L-range", wenshu::check::Severity::Error), None);
    /// ```
    pub fn parse(text: &str, path: &Path) -> Result<RuleConfig> {
        let err = |detail: String| Error::Config {
            path: path.to_path_buf(),
            detail,
        };
        let c: RuleConfig = toml::from_str(text).map_err(|e| err(e.to_string()))?;
        let known: Vec<&str> = super::rules::catalogue()
            .iter()
            .map(|r| r.info.id)
            .collect();
        for (id, level) in &c.rules {
            if !known.contains(&id.as_str()) {
                return Err(err(format!("unknown rule {id:?}")));
            }
            if level != "off" {
                level.parse::<Severity>().map_err(err)?;
            }
        }
        Ok(c)
    }

    /// Reads a configuration file.
    pub fn from_path(path: &Path) -> Result<RuleConfig> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::Config {
            path: path.to_path_buf(),
            detail: e.to_string(),
        })?;
        Self::parse(&text, path)
    }

    /// The configured severity of a rule, or `None` when it is switched off.
    pub fn severity(&self, id: &str, default: Severity) -> Option<Severity> {
        match self.rules.get(id).map(String::as_str) {
            None => Some(default),
            Some("off") => None,
            Some(level) => level.parse().ok().or(Some(default)),
        }
    }
}
