//! The settings of a run: dumpfix.toml, the target (looked up, adjusted by the
//! settings and by `--select` / `--ignore`), and the rewrite engine's options.

use super::cli::RuleArgs;
use super::input::read_text;
use crate::io::Source;
use crate::rewrite;
use crate::rules::context::Mode;
use crate::{catalog, config, pipeline, rules, targets, Error, Result};

/// The settings: `--config`, else dumpfix.toml in this directory or the nearest
/// parent, else the defaults.
pub(crate) fn load_config(args: &RuleArgs) -> Result<config::Config> {
    let path = match &args.config {
        Some(p) => Some(p.clone()),
        None => std::env::current_dir().ok().and_then(|d| config::find(&d)),
    };
    match path {
        Some(p) => config::Config::load(&p).map_err(Error::Usage),
        None => Ok(config::Config::default()),
    }
}

/// The target called `name` (a misspelt name gets a suggestion), adjusted by the
/// settings, then by `--select` and `--ignore`.
pub(crate) fn find_target(
    name: &str,
    config: &config::Config,
    args: &RuleArgs,
) -> Result<targets::Target> {
    let mut t = targets::find(name).ok_or_else(|| {
        let names: Vec<_> = targets::all().into_iter().map(|t| t.name).collect();
        let near = did_you_mean(name, names.iter().map(String::as_str))
            .map(|n| format!("did you mean '{n}'? "))
            .unwrap_or_default();
        Error::Usage(format!(
            "unknown target '{name}': {near}(known: {}; see `dumpfix targets`)",
            names.join(", ")
        ))
    })?;
    config.apply(&mut t);
    let (select, ignore) = selection(args)?;
    config::Config::select(&mut t, &select, &ignore);
    Ok(t)
}

/// The target of `check` and `bundle verify`: `--target`, else dumpfix.toml's.
pub(crate) fn check_target(
    target: Option<String>,
    config: &config::Config,
    rules: &RuleArgs,
) -> Result<targets::Target> {
    match target.or_else(|| config.target.clone()) {
        Some(t) => find_target(&t, config, rules),
        None => Err(Error::Usage(
            "check needs a target: --target NAME, or `target = \"NAME\"` in dumpfix.toml (see `dumpfix targets`)".into(),
        )),
    }
}

/// `--select` and `--ignore` as rule codes.
pub(crate) fn selection(args: &RuleArgs) -> Result<(Vec<&'static str>, Vec<&'static str>)> {
    let codes = |list: &[String], option: &str| -> Result<Vec<&'static str>> {
        list.iter()
            .filter(|s| !s.trim().is_empty())
            .map(|s| {
                rules::lookup(s).map(|m| m.code).ok_or_else(|| {
                    let names = rules::REGISTRY.iter().flat_map(|m| [m.code, m.name]);
                    let near = did_you_mean(s.trim(), names)
                        .map(|n| format!(": did you mean '{n}'?"))
                        .unwrap_or_default();
                    Error::Usage(format!(
                        "{option}: no rule '{}'{near} (see `dumpfix rules`)",
                        s.trim()
                    ))
                })
            })
            .collect()
    };
    Ok((
        codes(&args.select, "--select")?,
        codes(&args.ignore, "--ignore")?,
    ))
}

/// The rewrite engine's options for `target`: the catalog (built in, with
/// `--table-names` and `--reference`), the database name, company ids, packet size.
pub(crate) fn engine_options(
    target: &targets::Target,
    args: &RuleArgs,
    config: &config::Config,
    dump: &pipeline::Dump,
) -> Result<rewrite::FixOptions> {
    let mut catalog = catalog::Catalog::builtin();
    if let Some(p) = args.table_names.as_ref().or(config.table_names.as_ref()) {
        let text = read_text(p)?;
        catalog
            .add_names(&text, &p.display().to_string())
            .map_err(|e| Error::Usage(e.to_string()))?;
    }
    if let Some(p) = args.reference.as_ref().or(config.reference.as_ref()) {
        crate::reference::learn_reference(&mut catalog, &Source::from_arg(Some(p)))?;
    }
    Ok(rewrite::FixOptions {
        target: target.clone(),
        mode: Mode::Fix,
        catalog,
        database: args.database.clone().or_else(|| config.database.clone()),
        company: args.company_id.clone(),
        producer: dump.detection.producer.clone(),
        max_packet: args
            .max_packet
            .or(config.max_packet)
            .unwrap_or(rewrite::DEFAULT_MAX_PACKET),
        strip_restrict: args.strip_restrict,
    })
}

/// The candidate closest to a misspelled `name`, when one is close enough to be meant.
pub(crate) fn did_you_mean<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let lower = name.to_ascii_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::levenshtein(&lower, &c.to_ascii_lowercase()), c))
        .filter(|(d, c)| *d <= (c.len() / 3).max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}
