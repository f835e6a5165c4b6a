//! The `gazette` command: turns news articles into structured records.
//!
//! This crate owns everything the libraries do not: files, threads, progress,
//! stdout and stderr, exit codes.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod eval;
mod eval_events;
mod eval_quotes;
mod extract;
mod input;
mod inspect;
mod json;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::{Args, Parser, Subcommand};
use gazette_extract::{DEFAULT_MAX_ARTICLE_BYTES, Date, GazetteerBuilder, Pipeline, PipelineBuilder, RecordKind};

/// Exit code when some input failed (error records were written).
const EXIT_INPUT_ERRORS: u8 = 1;
/// Exit code for a failure of the run itself (bad arguments, unwritable output).
const EXIT_FATAL: u8 = 2;
/// Exit code of a run stopped by SIGINT (128 + 2, as shells report it).
const EXIT_INTERRUPTED: u8 = 130;

#[derive(Parser, Debug)]
#[command(name = "gazette", version, about = "Turn news articles into structured event records.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Extract records from articles and write them as JSONL.
    Extract(ExtractArgs),
    /// Show one article as gazette sees it: paragraphs, sentences, tokens.
    Inspect(InspectArgs),
    /// Score a stage against gold data.
    #[command(subcommand)]
    Eval(EvalCommand),
    /// Work with gazetteer files.
    #[command(subcommand)]
    Gazetteer(GazetteerCommand),
}

#[derive(Subcommand, Debug)]
enum GazetteerCommand {
    /// Validate gazetteer files: format, duplicate ids, colliding aliases,
    /// bad codes and dates, reported with line numbers. Exit 1 on errors.
    Check {
        /// TSV files in the format of corpora/gazetteer/README.md.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Check them together with the embedded default gazetteer (ids and
        /// aliases must not clash with it).
        #[arg(long)]
        with_default: bool,
    },
}

/// Gazetteer options shared by the commands that run the pipeline.
#[derive(Args, Debug, Clone)]
struct GazetteerArgs {
    /// Add a gazetteer file (TSV, see corpora/gazetteer/README.md); repeatable.
    #[arg(long = "gazetteer", value_name = "FILE")]
    gazetteers: Vec<PathBuf>,
    /// Do not use the embedded default gazetteer.
    #[arg(long)]
    no_default_gazetteer: bool,
}

impl GazetteerArgs {
    fn pipeline(&self, max_article_bytes: usize) -> Result<Pipeline> {
        self.pipeline_with(max_article_bytes, true, true)
    }

    /// The pipeline, with the quote and event stages only when wanted.
    fn pipeline_with(&self, max_article_bytes: usize, quotes: bool, events: bool) -> Result<Pipeline> {
        Ok(self.builder(max_article_bytes, quotes, events)?.build()?)
    }

    /// The builder of [`GazetteerArgs::pipeline_with`], for more settings.
    fn builder(&self, max_article_bytes: usize, quotes: bool, events: bool) -> Result<PipelineBuilder> {
        let mut b = Pipeline::builder().max_article_bytes(max_article_bytes).quotes(quotes).events(events);
        if self.no_default_gazetteer {
            b = b.no_default_gazetteer();
        }
        for f in &self.gazetteers {
            let text = std::fs::read_to_string(f).with_context(|| format!("cannot read gazetteer {}", f.display()))?;
            b = b.add_gazetteer(f.display().to_string(), text);
        }
        Ok(b)
    }
}

#[derive(Args, Debug)]
struct ExtractArgs {
    /// Files or directories (walked recursively) of .txt, .json (an article or
    /// an array), .jsonl, and their .gz variants; `-` reads JSONL from stdin.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Write records to FILE instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Worker threads (default: all cores).
    #[arg(short = 'j', long)]
    threads: Option<usize>,
    #[command(flatten)]
    gazetteer: GazetteerArgs,
    /// Record kinds to write, comma-separated: event, quote, entity, article,
    /// error, all. The default writes events and errors.
    #[arg(long, value_delimiter = ',', default_value = "event,error")]
    emit: Vec<String>,
    /// Publication date (YYYY-MM-DD) for articles that have none.
    #[arg(long, value_name = "DATE")]
    published: Option<String>,
    /// Refuse articles (and input lines) longer than this many bytes.
    #[arg(long, default_value_t = DEFAULT_MAX_ARTICLE_BYTES)]
    max_article_bytes: usize,
    /// Articles per batch handed to the workers.
    // 256 rather than 512: less memory in flight (13 against 18 MiB peak on
    // 105 MB) and fewer page faults; the extra hand-overs do not show in the
    // timings (docs/benchmarks.md).
    #[arg(long, default_value_t = 256, hide = true)]
    batch_articles: usize,
    /// Input bytes per batch handed to the workers.
    #[arg(long, default_value_t = 4 << 20, hide = true)]
    batch_bytes: usize,
    /// No progress bar and no summary; diagnostics still go to stderr.
    #[arg(short, long)]
    quiet: bool,
    /// Exit with code 0 even when some inputs or articles were bad (their
    /// `error` records are in the output), for engines that fail a task on a
    /// non-zero exit (Spark, Hadoop streaming). A run that cannot go on
    /// (unreadable gazetteer, unwritable output) still exits with 2.
    #[arg(long)]
    bad_input_ok: bool,
}

#[derive(Args, Debug)]
struct InspectArgs {
    /// A .txt, .json or .jsonl file (optionally .gz).
    file: PathBuf,
    /// Which article of the file (default: the first).
    #[arg(long)]
    id: Option<String>,
    /// Also list every token with its kind.
    #[arg(long)]
    tokens: bool,
    #[command(flatten)]
    gazetteer: GazetteerArgs,
}

#[derive(Subcommand, Debug)]
enum EvalCommand {
    /// Exact-match share of sentence-splitting cases
    /// (`[{"text": ..., "sentences": [...]}]`).
    Sentences {
        /// The cases file.
        #[arg(long)]
        cases: PathBuf,
        /// Fail (exit 1) when the score in percent is below this.
        #[arg(long, value_name = "PERCENT")]
        min: Option<f64>,
        /// Print every case that fails.
        #[arg(long)]
        show_failures: bool,
    },
    /// Precision, recall and F1 of quote content at 0.3 and 0.8 overlap, exact
    /// matches and speaker accuracy, on BRAT standoff in the PolNeAR layout
    /// (`DIR/text/*.txt`, `DIR/attributions/*.ann`, offsets in code points).
    Quotes {
        /// The directory with `text/` and `attributions/`.
        #[arg(long)]
        brat: PathBuf,
        /// Fail (exit 1) when F1 at 0.3 overlap is below this.
        #[arg(long, value_name = "F1")]
        min: Option<f64>,
        /// Fail (exit 1) when speaker accuracy in percent is below this.
        #[arg(long, value_name = "PERCENT")]
        min_speaker: Option<f64>,
        /// Print every missed and spurious quote and every wrong speaker.
        #[arg(long)]
        show_errors: bool,
        #[command(flatten)]
        gazetteer: GazetteerArgs,
    },
    /// Exact-span precision, recall and F1 per type on CoNLL-2003 data
    /// (PERSON->PER, ORG->ORG, GPE and LOC->LOC, NORP->MISC).
    /// Event type recall, source and target country accuracy, and extra
    /// events per record, on PLOVER gold records (one sentence each; PLOVER
    /// 0.5 labels are mapped to 2.0: DEMAND->REQUEST, DISAPPROVE and
    /// INVESTIGATE->ACCUSE, FIGHT->ASSAULT).
    Events {
        /// A JSON list of PLOVER records (`text`, `event`, `source`, `target`, `date`).
        #[arg(long)]
        plover: PathBuf,
        /// Fail (exit 1) when type recall in percent is below this.
        #[arg(long, value_name = "PERCENT")]
        min_recall: Option<f64>,
        /// Fail (exit 1) when actor accuracy in percent is below this.
        #[arg(long, value_name = "PERCENT")]
        min_actors: Option<f64>,
        /// Fail (exit 1) when extra events per record are above this.
        #[arg(long, value_name = "RATE")]
        max_extra: Option<f64>,
        /// Print every record whose type is missed, every wrong actor and
        /// every extra event.
        #[arg(long)]
        show_errors: bool,
        #[command(flatten)]
        gazetteer: GazetteerArgs,
    },
    Ner {
        /// A CoNLL-2003 file (`token POS chunk NER`, IOB1).
        #[arg(long)]
        conll: PathBuf,
        /// Fail (exit 1) when the overall F1 is below this.
        #[arg(long, value_name = "F1")]
        min: Option<f64>,
        /// Print every missed and spurious entity.
        #[arg(long)]
        show_errors: bool,
        #[command(flatten)]
        gazetteer: GazetteerArgs,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("gazette: fatal: {e:#}");
            ExitCode::from(EXIT_FATAL)
        }
    }
}

fn run(cli: Cli) -> Result<u8> {
    match cli.command {
        Command::Extract(a) => {
            let gazetteer = a.gazetteer.clone();
            let bad_input_ok = a.bad_input_ok;
            let cfg = extract_config(a)?;
            // No event stage when no event record is written, and no quote
            // stage when neither quotes nor events (which carry their quote) are.
            let events = cfg.emit.contains(&RecordKind::Event);
            let quotes = events || cfg.emit.contains(&RecordKind::Quote);
            let builder = gazetteer
                .builder(cfg.read.max_item_bytes, quotes, events)?
                .entity_records(cfg.emit.contains(&RecordKind::Entity))
                .quote_records(cfg.emit.contains(&RecordKind::Quote))
                .article_details(cfg.emit.contains(&RecordKind::Article));
            let s = extract::run(&cfg, builder)?;
            Ok(if s.interrupted {
                EXIT_INTERRUPTED
            } else if s.errors > 0 && !bad_input_ok {
                EXIT_INPUT_ERRORS
            } else {
                0
            })
        }
        Command::Inspect(a) => {
            let pipeline = a.gazetteer.pipeline(gazette_extract::DEFAULT_MAX_ARTICLE_BYTES)?;
            inspect::run(&pipeline, &a.file, a.id.as_deref(), a.tokens)
        }
        Command::Gazetteer(GazetteerCommand::Check { files, with_default }) => gazetteer_check(&files, with_default),
        Command::Eval(EvalCommand::Sentences { cases, min, show_failures }) => {
            eval::sentences(&cases, min, show_failures)
        }
        Command::Eval(EvalCommand::Quotes { brat, min, min_speaker, show_errors, gazetteer }) => {
            let pipeline = gazetteer.pipeline(DEFAULT_MAX_ARTICLE_BYTES)?;
            eval_quotes::quotes(&pipeline, &brat, min, min_speaker, show_errors)
        }
        Command::Eval(EvalCommand::Events { plover, min_recall, min_actors, max_extra, show_errors, gazetteer }) => {
            let pipeline = gazetteer.pipeline(DEFAULT_MAX_ARTICLE_BYTES)?;
            eval_events::events(
                &pipeline,
                &plover,
                eval_events::Floors { min_recall, min_actors, max_extra },
                show_errors,
            )
        }
        Command::Eval(EvalCommand::Ner { conll, min, show_errors, gazetteer }) => {
            let pipeline = gazetteer.pipeline(DEFAULT_MAX_ARTICLE_BYTES)?;
            eval::ner(&pipeline, &conll, min, show_errors)
        }
    }
}

fn gazetteer_check(files: &[PathBuf], with_default: bool) -> Result<u8> {
    let mut b = GazetteerBuilder::new();
    if with_default {
        b = b.add_default();
    }
    for f in files {
        let text = std::fs::read_to_string(f).with_context(|| format!("cannot read {}", f.display()))?;
        b.add_source(&f.display().to_string(), &text);
    }
    let problems = b.problems();
    for p in problems {
        println!("{p}");
    }
    let errors = problems.iter().filter(|p| p.fatal).count();
    let warnings = problems.len() - errors;
    match b.build() {
        Ok(g) => {
            println!(
                "{} entities, {} aliases, alias trie {} KiB; {errors} errors, {warnings} warnings",
                g.entities().len(),
                g.alias_count(),
                g.trie_bytes().div_ceil(1 << 10)
            );
            Ok(0)
        }
        Err(_) => {
            println!("{errors} errors, {warnings} warnings");
            Ok(1)
        }
    }
}

fn extract_config(a: ExtractArgs) -> Result<extract::Config> {
    let mut emit = Vec::new();
    for k in &a.emit {
        match k.trim() {
            "all" => emit.extend([
                RecordKind::Article,
                RecordKind::Entity,
                RecordKind::Quote,
                RecordKind::Event,
                RecordKind::Error,
            ]),
            "event" | "events" => emit.push(RecordKind::Event),
            "article" | "articles" => emit.push(RecordKind::Article),
            "entity" | "entities" => emit.push(RecordKind::Entity),
            "quote" | "quotes" => emit.push(RecordKind::Quote),
            "error" | "errors" => emit.push(RecordKind::Error),
            other => {
                bail!("unknown record kind {other:?} in --emit (expected event, quote, entity, article, error or all)")
            }
        }
    }
    emit.sort();
    emit.dedup();
    if let Some(p) = &a.published
        && Date::parse(p).is_none()
    {
        bail!("--published {p:?} is not a date (expected YYYY-MM-DD)");
    }
    let threads = match a.threads {
        Some(0) => bail!("--threads must be at least 1"),
        Some(n) => n,
        None => std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
    };
    if a.max_article_bytes == 0 {
        bail!("--max-article-bytes must be positive");
    }
    Ok(extract::Config {
        inputs: a.inputs,
        output: a.output,
        threads,
        emit,
        read: input::ReadOptions { max_item_bytes: a.max_article_bytes, default_published: a.published },
        batch_articles: a.batch_articles,
        batch_bytes: a.batch_bytes,
        quiet: a.quiet,
        progress: true,
        handle_interrupt: true,
    })
}
