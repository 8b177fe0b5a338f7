//! The `wenshu` command line: flags, progress and exit codes over the library
//! (`wenshu::report` does the listing, processing and rendering).

use clap::{Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::cell::Cell;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use wenshu::check::CaseDocument;
use wenshu::input::{self, Item};
use wenshu::report::batch::{self, Failure, CHUNK};
use wenshu::report::redact::Redactor;
use wenshu::report::source::{self, Inputs};
use wenshu::report::{csv, html, jsonl, summary};
use wenshu::{Engine, Limits};

/// mimalloc: the allocation-heavy extraction runs 15–20 % faster than with the system allocator.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const EXIT_CODES: &str = "\
Exit codes:
  0  success
  1  check: a finding at or above --fail-on; eval: micro average below --min
  2  usage error: bad flag or value, no input, unreadable --config or --dictionaries,
     output or --html file not writable
  3  some inputs could not be read (each is reported in the output as an error; the others
     were processed); takes precedence over 1";

const INPUTS: &str = "Files, folders (recursive), glob patterns (quoted: 'data/**/*.txt'), .jsonl corpora of {\"id\", \"text\"} records, or - for standard input";

/// Read, extract and cross-check the documents of Chinese criminal cases.
#[derive(Parser)]
#[command(name = "wenshu", version, about, after_help = EXIT_CODES)]
struct Cli {
    /// Worker threads (default: all cores).
    #[arg(long, global = true, value_name = "N")]
    jobs: Option<usize>,
    /// Mask personal data (names, ID numbers, addresses, phone numbers) in every output.
    ///
    /// Names become 张某-style placeholders, consistent within a case (张某甲/张某乙 when two
    /// persons share a surname); ID numbers keep their first 6 and last 4 characters; addresses
    /// after 住/户籍地 are kept to the county; phone numbers keep 3 + 4 digits.
    #[arg(long, global = true)]
    redact: bool,
    /// Progress bar on standard error: auto shows it when standard error is a terminal.
    #[arg(long, global = true, value_enum, default_value_t = ProgressMode::Auto)]
    progress: ProgressMode,
    #[command(flatten)]
    limits: LimitArgs,
    #[command(subcommand)]
    command: Command,
}

/// Hard limits per document; a document over one is reported with the limit and the rest go on.
#[derive(clap::Args)]
struct LimitArgs {
    /// Largest input file, in MiB.
    #[arg(long, global = true, value_name = "MIB", default_value_t = Limits::default().max_input_bytes >> 20)]
    max_input_mib: u64,
    /// Largest total of decompressed PDF streams or DOCX parts per document, in MiB.
    #[arg(long, global = true, value_name = "MIB", default_value_t = Limits::default().max_decompressed_bytes >> 20)]
    max_decompressed_mib: u64,
    /// Most PDF pages read per document.
    #[arg(long, global = true, value_name = "N", default_value_t = Limits::default().max_pages)]
    max_pages: u32,
    /// Deepest nesting of PDF objects, XML elements or Form XObjects followed.
    #[arg(long, global = true, value_name = "N", default_value_t = Limits::default().max_depth)]
    max_depth: u32,
    /// Time budget of the PDF reader per document, in seconds (0: none).
    #[arg(long, global = true, value_name = "S", default_value_t = Limits::default().max_millis / 1000)]
    max_seconds: u64,
}

impl LimitArgs {
    fn limits(&self) -> Limits {
        Limits {
            max_input_bytes: self.max_input_mib.saturating_mul(1 << 20),
            max_decompressed_bytes: self.max_decompressed_mib.saturating_mul(1 << 20),
            max_pages: self.max_pages,
            max_depth: self.max_depth,
            max_millis: self.max_seconds.saturating_mul(1000),
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Print the normalised text the library read.
    #[command(after_help = EXIT_CODES)]
    Text {
        #[arg(help = INPUTS)]
        paths: Vec<PathBuf>,
        /// Show the sections found.
        #[arg(long)]
        sections: bool,
        /// Output format.
        #[arg(long, value_enum, default_value_t = TextFormat::Text)]
        format: TextFormat,
    },
    /// Extract the elements of each document, streaming: results in input order, memory flat.
    #[command(after_help = EXIT_CODES)]
    Extract {
        #[arg(help = INPUTS)]
        paths: Vec<PathBuf>,
        /// Output format [default: table on a terminal, jsonl otherwise].
        #[arg(long, value_enum)]
        format: Option<ExtractFormat>,
    },
    /// Assemble documents into cases and run the supervision catalogue (三书比对).
    #[command(after_help = EXIT_CODES)]
    Check {
        /// Files, folders (a folder per case, or a heap of documents), glob patterns, .jsonl
        /// corpora, or - for standard input.
        paths: Vec<PathBuf>,
        /// Output format [default: table on a terminal, jsonl otherwise].
        #[arg(long, value_enum)]
        format: Option<CheckFormat>,
        /// Also write a self-contained HTML report here (filters: FILE#rule=ID&severity=warning).
        #[arg(long, value_name = "FILE")]
        html: Option<PathBuf>,
        /// Rule levels (TOML: `[rules]` table of `"ID" = "off" | "info" | "warning" | "error"`).
        #[arg(long)]
        config: Option<PathBuf>,
        /// A folder of dictionary files replacing the built-in ones.
        #[arg(long)]
        dictionaries: Option<PathBuf>,
        /// Exit with 1 when a finding is at or above this severity.
        #[arg(long, value_parser = ["info", "warning", "error"])]
        fail_on: Option<String>,
    },
    /// List the supervision catalogue, or explain one rule with its examples.
    Rules {
        /// A rule id, e.g. L-term-dates.
        id: Option<String>,
    },
    /// Score extraction against gold annotations.
    ///
    /// The gold is either a .jsonl file of judgment records (with --corpus, the documents they
    /// annotate) or a folder holding documents with their gold: case bundles (truth.json with
    /// `indictment` and `arrests`) and NAME.json beside NAME.txt/.pdf/.docx (judgment records,
    /// or `indictment`, `arrest`, `recommendation_document` objects; docs/gold-schema.md).
    Eval {
        /// Gold: a .jsonl of judgment records, or a folder of documents with gold.
        #[arg(long)]
        gold: PathBuf,
        /// With .jsonl gold: the documents (a .jsonl corpus, files or folders).
        #[arg(long)]
        corpus: Vec<PathBuf>,
        /// Write the report as JSON here.
        #[arg(long)]
        json: Option<PathBuf>,
        /// Exit with 1 when the micro average is below this.
        #[arg(long)]
        min: Option<f64>,
        /// Exit with 1 when any field scores below this.
        #[arg(long)]
        min_field: Option<f64>,
        /// Print every mismatch.
        #[arg(long)]
        mismatches: bool,
    },
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum ProgressMode {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum TextFormat {
    /// `==> NAME [type]` then the text.
    Text,
    /// One JSON object per document.
    Jsonl,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum ExtractFormat {
    /// One JSON object per line, the full model with evidence.
    Jsonl,
    /// Pretty JSON, one object per document.
    Json,
    /// One line per document in the gold annotation schema.
    Gold,
    /// One CSV row per document: type, source, doc_type, defendants, charges, message.
    Csv,
    /// An aligned table: source, type, defendants, charges.
    Table,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum CheckFormat {
    /// JSON lines: errors, notes, findings, then a summary.
    Jsonl,
    /// CSV, one row per piece of evidence (see the README).
    Csv,
    /// Findings case by case, then unreadable inputs, notes and counts.
    Table,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    batch::quiet_panics();
    if let Some(j) = cli.jobs {
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(j.max(1))
            .build_global();
    }
    let piped = !std::io::stdout().is_terminal();
    let ui = Ui {
        redact: cli.redact,
        limits: cli.limits.limits(),
        progress: match cli.progress {
            ProgressMode::Auto => std::io::stderr().is_terminal(),
            ProgressMode::Always => true,
            ProgressMode::Never => false,
        },
    };
    match cli.command {
        Command::Text {
            paths,
            sections,
            format,
        } => text(&ui, &paths, sections, format),
        Command::Extract { paths, format } => {
            let format = format.unwrap_or(if piped {
                ExtractFormat::Jsonl
            } else {
                ExtractFormat::Table
            });
            extract(&ui, &paths, format)
        }
        Command::Check {
            paths,
            format,
            html,
            config,
            dictionaries,
            fail_on,
        } => {
            let format = format.unwrap_or(if piped {
                CheckFormat::Jsonl
            } else {
                CheckFormat::Table
            });
            check(&ui, &paths, format, html, config, dictionaries, fail_on)
        }
        Command::Rules { id } => rules(id.as_deref()),
        Command::Eval {
            gold,
            corpus,
            json,
            min,
            min_field,
            mismatches,
        } => eval(&gold, &corpus, json, (min, min_field), mismatches),
    }
}

/// Options shared by the commands that read inputs.
struct Ui {
    redact: bool,
    progress: bool,
    limits: Limits,
}

/// The progress bar (on standard error, only when asked or on a terminal) and the messages
/// printed above it.
struct Progress {
    bar: Option<ProgressBar>,
    /// Show failures above the bar (when the output itself is not on the terminal).
    echo: bool,
}

impl Progress {
    fn new(ui: &Ui, paths: &[PathBuf]) -> Progress {
        if !ui.progress {
            return Progress {
                bar: None,
                echo: false,
            };
        }
        let bar = ProgressBar::new_spinner()
            .with_style(style("{spinner} {pos} documents · {rate} · {elapsed}"));
        // The total is counted beside the work (files listed, corpus lines counted), then the
        // spinner becomes a bar with an ETA.
        let counting = bar.clone();
        let paths = paths.to_vec();
        std::thread::spawn(move || {
            let n = source::count(&paths);
            counting.set_length(n);
            counting.set_style(style(
                "{bar:32} {pos}/{len} documents · {rate} · ETA {eta} ",
            ));
        });
        Progress {
            bar: Some(bar),
            echo: !std::io::stdout().is_terminal(),
        }
    }

    fn inc(&self) {
        if let Some(b) = &self.bar {
            b.inc(1);
        }
    }

    /// Shows a failure above the bar when the output goes elsewhere (without a bar, the
    /// closing summary lists failures; on a terminal, the output itself shows them).
    fn error(&self, f: &Failure) {
        if let (Some(b), true) = (&self.bar, self.echo) {
            b.suspend(|| eprintln!("error: {}: {}", f.file, f.reason));
        }
    }

    fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}

/// A progress style; `{rate}` is documents per second without decimals.
fn style(template: &str) -> ProgressStyle {
    ProgressStyle::with_template(template)
        .unwrap_or_else(|_| ProgressStyle::default_spinner())
        .with_key(
            "rate",
            |s: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = write!(w, "{:.0}/s", s.per_sec());
            },
        )
}

/// Documents and failures counted for the closing message; the first failures kept.
#[derive(Default)]
struct Tally {
    documents: u64,
    failures: Vec<Failure>,
    failed: u64,
}

impl Tally {
    fn failure(&mut self, f: Failure) {
        self.failed += 1;
        if self.failures.len() < 20 {
            self.failures.push(f);
        }
    }

    /// Prints the closing summary on standard error (always on a terminal, else when some
    /// input failed) and gives the exit code.
    fn close(&self, ui: &Ui, command: &str) -> ExitCode {
        if ui.progress || self.failed > 0 {
            eprintln!(
                "wenshu {command}: {} read, {} unreadable",
                self.documents, self.failed
            );
            for f in &self.failures {
                eprintln!("  {}: {}", f.file, f.reason);
            }
            if self.failed > self.failures.len() as u64 {
                eprintln!(
                    "  … and {} more (each is an error line in the output)",
                    self.failed - self.failures.len() as u64
                );
            }
        }
        if self.failed > 0 {
            ExitCode::from(3)
        } else {
            ExitCode::SUCCESS
        }
    }
}

/// Standard output, buffered; a closed pipe (`| head`) stops the run quietly.
struct Out {
    w: BufWriter<std::io::StdoutLock<'static>>,
    closed: Cell<bool>,
    error: Option<std::io::Error>,
}

impl Out {
    fn new() -> Out {
        Out {
            w: BufWriter::with_capacity(1 << 16, std::io::stdout().lock()),
            closed: Cell::new(false),
            error: None,
        }
    }

    fn put(&mut self, s: &str) {
        if self.closed.get() {
            return;
        }
        if let Err(e) = self.w.write_all(s.as_bytes()) {
            self.closed.set(true);
            if e.kind() != std::io::ErrorKind::BrokenPipe {
                self.error = Some(e);
            }
        }
    }

    /// Flushes; `Err` with the exit code when the output could not be written.
    fn finish(mut self) -> Result<(), ExitCode> {
        if !self.closed.get() {
            if let Err(e) = self.w.flush() {
                if e.kind() != std::io::ErrorKind::BrokenPipe {
                    self.error = Some(e);
                }
            }
        }
        match self.error {
            Some(e) => {
                eprintln!("error: cannot write the output: {e}");
                Err(ExitCode::from(2))
            }
            None => Ok(()),
        }
    }
}

fn no_input(paths: &[PathBuf]) -> Option<ExitCode> {
    paths.is_empty().then(|| {
        eprintln!("error: no input: give files, folders, glob patterns, .jsonl corpora or - for standard input (see --help)");
        ExitCode::from(2)
    })
}

fn line(v: &serde_json::Value) -> String {
    let mut s = v.to_string();
    s.push('\n');
    s
}

/// Runs `work` over the inputs in ordered chunks; `sink` writes each result, failures are
/// tallied, shown above the progress bar, and written by `failed`.
fn stream(
    ui: &Ui,
    paths: &[PathBuf],
    command: &str,
    work: impl Fn(&Item) -> Result<String, Failure> + Sync,
    failed: impl Fn(&Failure) -> String,
    header: Option<String>,
) -> ExitCode {
    if let Some(code) = no_input(paths) {
        return code;
    }
    let progress = Progress::new(ui, paths);
    let mut out = Out::new();
    if let Some(h) = header {
        out.put(&h);
    }
    let mut tally = Tally::default();
    let closed = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let stop = closed.clone();
    let items =
        Inputs::new(paths).take_while(move |_| !stop.load(std::sync::atomic::Ordering::Relaxed));
    batch::run_ordered(items, CHUNK, work, |_, r| {
        progress.inc();
        match r {
            Ok(s) => {
                tally.documents += 1;
                out.put(&s);
            }
            Err(f) => {
                let f = if ui.redact { redact_failure(&f) } else { f };
                progress.error(&f);
                out.put(&failed(&f));
                tally.failure(f);
            }
        }
        if out.closed.get() {
            closed.store(true, std::sync::atomic::Ordering::Relaxed);
        }
    });
    progress.finish();
    if let Err(code) = out.finish() {
        return code;
    }
    tally.close(ui, command)
}

fn redact_failure(f: &Failure) -> Failure {
    let r = Redactor::patterns_only();
    Failure {
        file: r.text(&f.file),
        kind: f.kind.clone(),
        reason: r.text(&f.reason),
    }
}

fn text(ui: &Ui, paths: &[PathBuf], sections: bool, format: TextFormat) -> ExitCode {
    let limits = ui.limits;
    let redact = ui.redact;
    stream(
        ui,
        paths,
        "text",
        |item| {
            let doc = batch::read(item, &limits)?;
            let (name, body) = if redact {
                let d = CaseDocument::new(doc);
                let r = Redactor::for_documents([&d]);
                let masked =
                    wenshu::Document::from_text(&r.text(d.doc.source()), &r.text(d.doc.original()));
                (r.text(&item.name()), masked)
            } else {
                (item.name(), doc)
            };
            Ok(match format {
                TextFormat::Jsonl => line(&jsonl::text(&name, &body, sections)),
                TextFormat::Text => {
                    let c = wenshu::classify(&body);
                    let mut s = format!("==> {name} [{}]\n", c.doc_type.name());
                    if sections {
                        for sec in wenshu::segment(body.text(), c.doc_type).0 {
                            s.push_str(&format!(
                                "--- {:?} {}..{}\n{}\n",
                                sec.kind,
                                sec.span.start,
                                sec.span.end,
                                &body.text()[sec.span.clone()]
                            ));
                        }
                    } else {
                        s.push_str(body.text());
                        s.push('\n');
                    }
                    s
                }
            })
        },
        |f| match format {
            TextFormat::Jsonl => line(&f.to_json()),
            TextFormat::Text => format!("==> {} [error] {}: {}\n", f.file, f.kind, f.reason),
        },
        None,
    )
}

fn extract(ui: &Ui, paths: &[PathBuf], format: ExtractFormat) -> ExitCode {
    let limits = ui.limits;
    let redact = ui.redact;
    let cols = summary::terminal_width();
    let header = match format {
        ExtractFormat::Csv => {
            let mut h = Vec::new();
            let _ = csv::row(&mut h, csv::EXTRACT_HEADER);
            Some(String::from_utf8_lossy(&h).into_owned())
        }
        ExtractFormat::Table => Some(format!("{}\n", summary::extract_header(cols))),
        _ => None,
    };
    stream(
        ui,
        paths,
        "extract",
        |item| {
            let doc = batch::read(item, &limits)?;
            let d = CaseDocument::new(doc);
            let r = redact.then(|| Redactor::for_documents([&d]));
            let json = |mut v: serde_json::Value, pretty: bool| {
                if let Some(r) = &r {
                    r.value(&mut v);
                }
                let mut s = if pretty {
                    serde_json::to_string_pretty(&v).unwrap_or_default()
                } else {
                    serde_json::to_string(&v).unwrap_or_default()
                };
                s.push('\n');
                s
            };
            Ok(match format {
                ExtractFormat::Jsonl => json(jsonl::document(&item.name(), &d), false),
                ExtractFormat::Json => json(jsonl::document(&item.name(), &d), true),
                ExtractFormat::Gold => json(wenshu::gold::gold_record(&item.id(), &d), false),
                ExtractFormat::Csv | ExtractFormat::Table => {
                    let mut fields = csv::extract_fields(&item.name(), &d);
                    if let Some(r) = &r {
                        fields.iter_mut().for_each(|f| *f = r.text(f));
                    }
                    if format == ExtractFormat::Csv {
                        let mut b = Vec::new();
                        let _ = csv::row(&mut b, &fields);
                        String::from_utf8_lossy(&b).into_owned()
                    } else {
                        format!("{}\n", summary::extract_row(&fields, cols))
                    }
                }
            })
        },
        |f| match format {
            ExtractFormat::Csv => {
                let mut b = Vec::new();
                let _ = csv::row(&mut b, &csv::extract_failure(f));
                String::from_utf8_lossy(&b).into_owned()
            }
            ExtractFormat::Table => {
                format!("{}\n", summary::extract_row(&csv::extract_failure(f), cols))
            }
            _ => line(&f.to_json()),
        },
        header,
    )
}

fn check(
    ui: &Ui,
    paths: &[PathBuf],
    format: CheckFormat,
    html_path: Option<PathBuf>,
    config: Option<PathBuf>,
    dictionaries: Option<PathBuf>,
    fail_on: Option<String>,
) -> ExitCode {
    use wenshu::check::Severity;
    let fail_on: Option<Severity> = fail_on.as_deref().and_then(|s| s.parse().ok());
    let mut builder = Engine::builder().limits(ui.limits);
    if let Some(c) = config {
        builder = builder.rules_file(c);
    }
    if let Some(d) = dictionaries {
        builder = builder.dictionaries_dir(d);
    }
    let engine = match builder.build() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    if let Some(code) = no_input(paths) {
        return code;
    }
    let progress = Progress::new(ui, paths);
    let run = wenshu::report::check::run(&engine, Inputs::new(paths), |_, failure| {
        progress.inc();
        if let Some(f) = failure {
            progress.error(&if ui.redact {
                redact_failure(f)
            } else {
                f.clone()
            });
        }
    });
    progress.finish();
    let view = run.view(ui.redact);
    let mut out = Out::new();
    match format {
        CheckFormat::Jsonl => {
            for f in &view.failures {
                out.put(&line(&f.to_json()));
            }
            for n in &view.notes {
                out.put(&line(&jsonl::note(n)));
            }
            for f in &view.findings {
                out.put(&line(&jsonl::finding(f)));
            }
            out.put(&line(&jsonl::summary(&run.summary(&view))));
        }
        CheckFormat::Csv => {
            let mut b = Vec::new();
            let _ = csv::check(&mut b, &view.findings, &view.notes, &view.failures);
            out.put(&String::from_utf8_lossy(&b));
        }
        CheckFormat::Table => {
            let mut b = Vec::new();
            let _ = summary::check(&mut b, &run, &view, summary::terminal_width());
            out.put(&String::from_utf8_lossy(&b));
        }
    }
    if let Err(code) = out.finish() {
        return code;
    }
    if let Some(p) = html_path {
        let title = title_of(paths);
        if let Err(e) = std::fs::write(&p, html::render(&run, &view, &title)) {
            eprintln!("error: {}: {e}", p.display());
            return ExitCode::from(2);
        }
        if ui.progress {
            eprintln!("report written to {}", p.display());
        }
    }
    if !run.failures.is_empty() {
        if format == CheckFormat::Table {
            // The table lists them already.
            return ExitCode::from(3);
        }
        let mut tally = Tally {
            documents: run.documents as u64,
            ..Default::default()
        };
        view.failures.iter().cloned().for_each(|f| tally.failure(f));
        return tally.close(ui, "check");
    }
    if fail_on.is_some_and(|level| run.findings.iter().any(|f| f.severity >= level)) {
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}

fn title_of(paths: &[PathBuf]) -> String {
    let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    let t = names.join(" ");
    if t.chars().count() > 80 {
        format!("{}…", t.chars().take(79).collect::<String>())
    } else {
        t
    }
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

/// The gold record of an item, for `eval`.
fn gold_of(item: &Item, limits: &Limits) -> Result<serde_json::Value, String> {
    let doc = item.read(limits).map_err(|e| e.to_string())?;
    Ok(wenshu::gold::gold_record(
        &item.id(),
        &CaseDocument::new(doc),
    ))
}

fn eval(
    gold: &Path,
    corpus: &[PathBuf],
    json: Option<PathBuf>,
    (min, min_field): (Option<f64>, Option<f64>),
    mismatches: bool,
) -> ExitCode {
    if !gold.exists() {
        eprintln!("error: {}: no such file or folder", gold.display());
        return ExitCode::from(2);
    }
    let report = if gold.is_dir() {
        match eval_folder(gold) {
            Ok(r) => r,
            Err(code) => return code,
        }
    } else {
        if corpus.is_empty() {
            eprintln!(
                "error: {}: judgment gold needs --corpus (the documents it annotates)",
                gold.display()
            );
            return ExitCode::from(2);
        }
        match eval_judgments(gold, corpus) {
            Ok(r) => r,
            Err(code) => return code,
        }
    };
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
            "{} gold documents not found or not read: {}",
            report.missing.len(),
            report.missing.join(", ")
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
    let mut failed = false;
    if let Some(m) = min.filter(|m| report.micro() < *m) {
        eprintln!("micro average {:.4} is below {m}", report.micro());
        failed = true;
    }
    if let Some(m) = min_field {
        for (field, score) in report.fields_below(m) {
            eprintln!("{field} scores {score:.4}, below {m}");
            failed = true;
        }
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Judgment records (JSONL) against the documents of `corpus`.
fn eval_judgments(gold: &Path, corpus: &[PathBuf]) -> Result<wenshu::eval::Report, ExitCode> {
    let gold_text = std::fs::read_to_string(gold).map_err(|e| {
        eprintln!("error: {}: {e}", gold.display());
        ExitCode::from(2)
    })?;
    let mut records = Vec::new();
    for (n, line) in gold_text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<serde_json::Value>(line) {
            Ok(v) => records.push(v),
            Err(e) => {
                eprintln!(
                    "error: {}:{}: not a JSON record: {e}",
                    gold.display(),
                    n + 1
                );
                return Err(ExitCode::from(2));
            }
        }
    }
    let wanted: std::collections::HashSet<&str> =
        records.iter().filter_map(|g| g["id"].as_str()).collect();
    let limits = Limits::default();
    let items: Vec<Item> = input::list(corpus)
        .into_iter()
        .filter(|i| wanted.contains(i.id().as_str()))
        .collect();
    let predicted: Vec<serde_json::Value> = items
        .par_iter()
        .filter_map(|i| gold_of(i, &limits).ok())
        .collect();
    Ok(wenshu::eval::score_judgments(&records, &predicted))
}

/// A folder of documents with their gold beside them.
fn eval_folder(dir: &Path) -> Result<wenshu::eval::Report, ExitCode> {
    let set = wenshu::eval::find_gold(dir).map_err(|e| {
        eprintln!("error: {e}");
        ExitCode::from(2)
    })?;
    for p in &set.problems {
        eprintln!("gold not used: {p}");
    }
    if set.documents.is_empty() {
        eprintln!(
            "error: {}: no gold found (truth.json bundles, or NAME.json beside NAME.txt)",
            dir.display()
        );
        return Err(ExitCode::from(2));
    }
    let engine = Engine::new();
    let predicted: Vec<Option<serde_json::Value>> =
        wenshu::eval::extract_records(&engine, &set.documents)
            .into_iter()
            .map(|r| r.map_err(|e| eprintln!("not read: {e}")).ok())
            .collect();
    Ok(wenshu::eval::score_documents(&set.documents, &predicted))
}
