//! The `wenshu` command line: flags, progress and exit codes over the library.

use clap::{Parser, Subcommand, ValueEnum};
use rayon::prelude::*;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use wenshu::input::{self, Item};
use wenshu::{classify, segment, DocType, Limits};

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
    let c = classify(&doc);
    let value = match c.doc_type {
        DocType::Judgment | DocType::CivilJudgment | DocType::Ruling | DocType::Unknown => {
            let j = wenshu::docs::judgment::extract_judgment(&doc);
            if format == Format::Gold {
                wenshu::gold::judgment_gold(&item.id(), &j)
            } else {
                serde_json::json!({"source": item.name(), "doc_type": c.doc_type, "classification": c, "judgment": j})
            }
        }
        _ => {
            serde_json::json!({"source": item.name(), "doc_type": c.doc_type, "classification": c})
        }
    };
    Ok(value)
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
