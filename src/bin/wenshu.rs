//! The `wenshu` command line: flags, progress and exit codes over the library.

use clap::{Parser, Subcommand, ValueEnum};
use rayon::prelude::*;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use wenshu::input::{self, Item};
use wenshu::{classify, segment, Limits};

/// Read, extract and cross-check the documents of Chinese criminal cases.
#[derive(Parser)]
#[command(name = "wenshu", version, about)]
struct Cli {
    /// Worker threads (default: all cores).
    #[arg(long, global = true)]
    jobs: Option<usize>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print the normalised text the library read.
    Text {
        /// Files, folders, .jsonl corpora, or - for standard input.
        paths: Vec<PathBuf>,
        /// Show the sections found.
        #[arg(long)]
        sections: bool,
    },
    /// Extract the elements of each document.
    Extract {
        /// Files, folders, .jsonl corpora, or - for standard input.
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Jsonl)]
        format: Format,
    },
    /// Assemble documents into cases and run the supervision catalogue (三书比对).
    Check {
        /// Files, folders (a folder per case, or a heap of documents), .jsonl corpora, or -.
        paths: Vec<PathBuf>,
        /// Rule levels (TOML: `[rules]` table of `"ID" = "off" | "info" | "warning" | "error"`).
        #[arg(long)]
        config: Option<PathBuf>,
        /// A folder of dictionary files replacing the built-in ones.
        #[arg(long)]
        dictionaries: Option<PathBuf>,
        /// Exit with 1 when a finding is at or above this severity.
        #[arg(long)]
        fail_on: Option<String>,
    },
    /// List the supervision catalogue, or explain one rule with its examples.
    Rules {
        /// A rule id, e.g. L-term-dates.
        id: Option<String>,
    },
    /// Score extraction against gold annotations.
    Eval {
        /// Gold records (JSONL, the gold format).
        #[arg(long)]
        gold: PathBuf,
        /// The documents: a .jsonl corpus, files or folders.
        #[arg(long)]
        corpus: Vec<PathBuf>,
        /// Write the report as JSON here.
        #[arg(long)]
        json: Option<PathBuf>,
        /// Exit with 1 when the micro average is below this.
        #[arg(long)]
        min: Option<f64>,
        /// Print every mismatch.
        #[arg(long)]
        mismatches: bool,
    },
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum Format {
    /// One JSON object per line, the full model with evidence.
    Jsonl,
    /// Pretty JSON.
    Json,
    /// One line per document in the gold annotation schema.
    Gold,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(j) = cli.jobs {
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(j.max(1))
            .build_global();
    }
    match cli.command {
        Command::Text { paths, sections } => text(&paths, sections),
        Command::Extract { paths, format } => extract(&paths, format),
        Command::Eval {
            gold,
            corpus,
            json,
            min,
            mismatches,
        } => eval(&gold, &corpus, json, min, mismatches),
        Command::Check {
            paths,
            config,
            dictionaries,
            fail_on,
        } => check(&paths, config, dictionaries, fail_on),
        Command::Rules { id } => rules(id.as_deref()),
    }
}

fn text(paths: &[PathBuf], sections: bool) -> ExitCode {
    let limits = Limits::default();
    let mut failed = false;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for item in input::list(paths) {
        match item.read(&limits) {
            Ok(doc) => {
                let c = classify(&doc);
                let _ = writeln!(out, "==> {} [{}]", item.name(), c.doc_type.name());
                if sections {
                    for s in segment(doc.text(), c.doc_type).0 {
                        let _ = writeln!(out, "--- {:?} {}..{}", s.kind, s.span.start, s.span.end);
                        let _ = writeln!(out, "{}", &doc.text()[s.span]);
                    }
                } else {
                    let _ = writeln!(out, "{}", doc.text());
                }
            }
            Err(e) => {
                failed = true;
                eprintln!("error: {e}");
            }
        }
    }
    if failed {
        ExitCode::from(3)
    } else {
        ExitCode::SUCCESS
    }
}

/// Extracts one item to a JSON value (full model or gold record).
fn extract_one(item: &Item, format: Format, limits: &Limits) -> Result<serde_json::Value, String> {
    let doc = item.read(limits).map_err(|e| e.to_string())?;
    let d = wenshu::check::CaseDocument::new(doc);
    if format == Format::Gold {
        return Ok(wenshu::gold::gold_record(&item.id(), &d));
    }
    Ok(
        serde_json::json!({"source": item.name(), "doc_type": d.class.doc_type, "classification": d.class, "extraction": d.content, "warnings": d.doc.read_warnings()}),
    )
}

fn extract(paths: &[PathBuf], format: Format) -> ExitCode {
    let limits = Limits::default();
    let items = input::list(paths);
    let results: Vec<Result<serde_json::Value, String>> = items
        .par_iter()
        .map(|i| extract_one(i, format, &limits))
        .collect();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut failed = false;
    for (item, r) in items.iter().zip(results) {
        match r {
            Ok(v) => {
                let s = if format == Format::Json {
                    serde_json::to_string_pretty(&v)
                } else {
                    serde_json::to_string(&v)
                };
                let _ = writeln!(out, "{}", s.unwrap_or_default());
            }
            Err(e) => {
                failed = true;
                let _ = writeln!(
                    out,
                    "{}",
                    serde_json::json!({"source": item.name(), "error": e})
                );
                eprintln!("error: {e}");
            }
        }
    }
    if failed {
        ExitCode::from(3)
    } else {
        ExitCode::SUCCESS
    }
}

fn check(
    paths: &[PathBuf],
    config: Option<PathBuf>,
    dictionaries: Option<PathBuf>,
    fail_on: Option<String>,
) -> ExitCode {
    use wenshu::check::{check_documents, CaseDocument, Context, RuleConfig, Severity};
    let fail_on: Option<Severity> = match fail_on.as_deref().map(str::parse) {
        None => None,
        Some(Ok(s)) => Some(s),
        Some(Err(e)) => {
            eprintln!("error: --fail-on: {e}");
            return ExitCode::from(2);
        }
    };
    let config = match config.as_deref().map(RuleConfig::from_path).transpose() {
        Ok(c) => c.unwrap_or_default(),
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let dict = match dictionaries
        .as_deref()
        .map(wenshu::dict::Dictionaries::from_dir)
        .transpose()
    {
        Ok(d) => d.unwrap_or_else(wenshu::dict::Dictionaries::builtin),
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let limits = Limits::default();
    let items = input::list(paths);
    let read: Vec<(String, Result<CaseDocument, String>)> = items
        .par_iter()
        .map(|item| {
            let folder = match item {
                Item::File(p) => p
                    .parent()
                    .map(|f| f.display().to_string())
                    .unwrap_or_default(),
                _ => String::new(),
            };
            (
                folder,
                item.read(&limits)
                    .map(CaseDocument::new)
                    .map_err(|e| e.to_string()),
            )
        })
        .collect();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut unreadable = 0;
    let mut docs = Vec::new();
    let mut folders = Vec::new();
    for (folder, r) in read {
        match r {
            Ok(d) => {
                docs.push(d);
                folders.push(folder);
            }
            Err(e) => {
                unreadable += 1;
                eprintln!("error: {e}");
                let _ = writeln!(out, "{}", serde_json::json!({"type": "error", "error": e}));
            }
        }
    }
    let ctx = Context {
        dict: &dict,
        config: &config,
    };
    let (assembly, findings) = check_documents(docs, &folders, &ctx);
    for n in &assembly.notes {
        let _ = writeln!(out, "{}", serde_json::json!({"type": "note", "note": n}));
    }
    let mut per_rule: std::collections::BTreeMap<&str, usize> = Default::default();
    let mut per_case: std::collections::BTreeMap<&str, usize> = Default::default();
    for f in &findings {
        *per_rule.entry(&f.rule).or_default() += 1;
        *per_case.entry(&f.case).or_default() += 1;
        let mut v = serde_json::to_value(f).unwrap_or_default();
        v["type"] = "finding".into();
        let _ = writeln!(out, "{v}");
    }
    let summary = serde_json::json!({"type": "summary", "cases": assembly.cases.len(), "findings": findings.len(), "unreadable": unreadable, "per_rule": per_rule, "per_case": per_case});
    let _ = writeln!(out, "{summary}");
    if unreadable > 0 {
        return ExitCode::from(3);
    }
    if fail_on.is_some_and(|level| findings.iter().any(|f| f.severity >= level)) {
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}

fn rules(id: Option<&str>) -> ExitCode {
    use wenshu::check::rules::{catalogue, rule};
    match id {
        None => {
            for r in catalogue() {
                println!(
                    "{:<20} {:<8} {}",
                    r.info.id,
                    format!("{:?}", r.info.severity).to_lowercase(),
                    r.info.what
                );
            }
            ExitCode::SUCCESS
        }
        Some(id) => {
            let Some(r) = rule(id) else {
                eprintln!("error: no rule {id:?}; `wenshu rules` lists them");
                return ExitCode::from(2);
            };
            let i = &r.info;
            println!(
                "{} ({:?})\n\n什么：{}\n为什么：{}\n依据：{}\n",
                i.id, i.severity, i.what, i.why, i.basis
            );
            for (label, bundles) in [("触发的例子", i.fires), ("不触发的例子", i.quiet)]
            {
                for b in bundles {
                    println!("== {label}");
                    for (name, text) in b.iter() {
                        println!("-- {name}\n{text}");
                    }
                }
            }
            ExitCode::SUCCESS
        }
    }
}

fn eval(
    gold: &PathBuf,
    corpus: &[PathBuf],
    json: Option<PathBuf>,
    min: Option<f64>,
    mismatches: bool,
) -> ExitCode {
    let gold_text = match std::fs::read_to_string(gold) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: {}: {e}", gold.display());
            return ExitCode::from(2);
        }
    };
    let gold: Vec<serde_json::Value> = gold_text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    let wanted: std::collections::HashSet<&str> =
        gold.iter().filter_map(|g| g["id"].as_str()).collect();
    let limits = Limits::default();
    let items: Vec<Item> = input::list(corpus)
        .into_iter()
        .filter(|i| wanted.contains(i.id().as_str()))
        .collect();
    let predicted: Vec<serde_json::Value> = items
        .par_iter()
        .filter_map(|i| extract_one(i, Format::Gold, &limits).ok())
        .collect();
    let report = wenshu::eval::score_judgments(&gold, &predicted);
    print!("{}", report.table());
    if mismatches {
        for m in &report.mismatches {
            println!(
                "{}\t{}\tgold={}\tgot={}",
                m.id, m.field, m.gold, m.predicted
            );
        }
    }
    if !report.missing.is_empty() {
        eprintln!(
            "{} gold documents not found in the corpus",
            report.missing.len()
        );
    }
    if let Some(p) = json {
        if let Err(e) = std::fs::write(
            &p,
            serde_json::to_string_pretty(&report).unwrap_or_default(),
        ) {
            eprintln!("error: {}: {e}", p.display());
        }
    }
    match min {
        Some(m) if report.micro() < m => {
            eprintln!("micro average {:.4} is below {m}", report.micro());
            ExitCode::from(1)
        }
        _ => ExitCode::SUCCESS,
    }
}
