//! `dumpfix.toml`: project settings, found by walking up from the working directory
//! (like squawk's and Ruff's configuration files). Command-line options win.
//!
//! ```toml
//! target = "liferay-postgresql"
//! fail-on = "warning"
//! max-packet = 268435456
//! [rules]
//! enable = ["R001"]
//! disable = ["L050"]
//! severity = { L004 = "warning" }
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::finding::{Finding, Severity};
use crate::rules;
use crate::targets::Target;

/// The file name looked for.
pub const FILE_NAME: &str = "dumpfix.toml";

/// The settings.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Default target.
    pub target: Option<String>,
    /// Default `--fail-on`.
    pub fail_on: Option<String>,
    /// Default `--max-packet`.
    pub max_packet: Option<u64>,
    /// Default `--database`.
    pub database: Option<String>,
    /// Default `--table-names` (relative to the file).
    pub table_names: Option<PathBuf>,
    /// Default `--reference` (relative to the file).
    pub reference: Option<PathBuf>,
    /// Rule selection.
    #[serde(default)]
    pub rules: RuleConfig,
    /// Where the file was found (set after loading).
    #[serde(skip)]
    pub path: Option<PathBuf>,
}

/// `[rules]`.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleConfig {
    /// Codes to turn on in addition to the target's.
    #[serde(default)]
    pub enable: Vec<String>,
    /// Codes to turn off.
    #[serde(default)]
    pub disable: Vec<String>,
    /// Severity per code.
    #[serde(default)]
    pub severity: BTreeMap<String, String>,
}

/// Parse a severity name.
pub fn severity(s: &str) -> Option<Severity> {
    match s.to_ascii_lowercase().as_str() {
        "error" => Some(Severity::Error),
        "warning" => Some(Severity::Warning),
        "info" => Some(Severity::Info),
        _ => None,
    }
}

/// The nearest `dumpfix.toml` at or above `dir`.
pub fn find(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|p| p.is_file())
}

impl Config {
    /// Load and check a file.
    pub fn load(path: &Path) -> Result<Config, String> {
        let mut text = String::new();
        std::fs::File::open(path)
            .and_then(|mut f| std::io::Read::read_to_string(&mut f, &mut text))
            .map_err(|e| format!("{}: {e}", path.display()))?;
        let mut c: Config =
            toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        let codes = c
            .rules
            .enable
            .iter()
            .chain(&c.rules.disable)
            .chain(c.rules.severity.keys());
        for code in codes {
            if rules::lookup(code).is_none() {
                return Err(format!(
                    "{}: unknown rule '{code}' (see `dumpfix rules`)",
                    path.display()
                ));
            }
        }
        // rules may be named by code or name: keep codes
        let to_code =
            |s: &String| rules::lookup(s).map_or_else(|| s.clone(), |m| m.code.to_string());
        c.rules.enable = c.rules.enable.iter().map(to_code).collect();
        c.rules.disable = c.rules.disable.iter().map(to_code).collect();
        c.rules.severity = std::mem::take(&mut c.rules.severity)
            .into_iter()
            .map(|(k, v)| (to_code(&k), v))
            .collect();
        for (code, s) in &c.rules.severity {
            if severity(s).is_none() {
                return Err(format!(
                    "{}: rule {code}: severity '{s}' is not error, warning or info",
                    path.display()
                ));
            }
        }
        if let Some(f) = &c.fail_on {
            if severity(f).is_none() {
                return Err(format!(
                    "{}: fail-on '{f}' is not error, warning or info",
                    path.display()
                ));
            }
        }
        let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
        c.table_names = c.table_names.map(|p| base.join(p));
        c.reference = c.reference.map(|p| base.join(p));
        c.path = Some(path.to_path_buf());
        Ok(c)
    }

    /// The target with this file's rule selection applied.
    pub fn apply(&self, target: &mut Target) {
        for code in &self.rules.enable {
            if let Some(m) = rules::by_code(code) {
                if !target.enabled(m.code) {
                    target.rules.push(m.code.to_string());
                }
            }
        }
        target
            .rules
            .retain(|r| !self.rules.disable.iter().any(|d| d.eq_ignore_ascii_case(r)));
    }

    /// Apply the command line's `--select` (only these rules, turning on those the
    /// target leaves off) and then `--ignore` (never these), after this file's
    /// `[rules]`. Both hold codes.
    pub fn select(target: &mut Target, select: &[&str], ignore: &[&str]) {
        if !select.is_empty() {
            target
                .rules
                .retain(|r| select.iter().any(|s| s.eq_ignore_ascii_case(r)));
            for s in select {
                if !target.enabled(s) {
                    target.rules.push((*s).to_string());
                }
            }
        }
        target
            .rules
            .retain(|r| !ignore.iter().any(|s| s.eq_ignore_ascii_case(r)));
    }

    /// Findings with this file's severities.
    pub fn reclassify(&self, findings: &mut [Finding]) {
        for f in findings {
            if let Some(s) = self
                .rules
                .severity
                .iter()
                .find(|(c, _)| c.eq_ignore_ascii_case(f.code))
                .and_then(|(_, s)| severity(s))
            {
                f.severity = s;
            }
        }
    }
}
