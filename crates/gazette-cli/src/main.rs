//! The `gazette` command: turns news articles into structured records.
//!
//! This crate owns everything the libraries do not: files, threads, progress,
//! stdout and stderr, exit codes.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod eval;
mod extract;
mod input;
mod inspect;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, bail};
use clap::{Args, Parser, Subcommand};
use gazette_extract::{DEFAULT_MAX_ARTICLE_BYTES, Date, Pipeline, RecordKind};

/// Exit code when some input failed (error records were written).
const EXIT_INPUT_ERRORS: u8 = 1;
/// Exit code for a failure of the run itself (bad arguments, unwritable output).
const EXIT_FATAL: u8 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "gazette",
    version,
    about = "Turn news articles into structured event records."
)]
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
    /// Record kinds to write, comma-separated: article, error, all.
    #[arg(long, value_delimiter = ',', default_value = "all")]
    emit: Vec<String>,
    /// Publication date (YYYY-MM-DD) for articles that have none.
    #[arg(long, value_name = "DATE")]
    published: Option<String>,
    /// Refuse articles (and input lines) longer than this many bytes.
    #[arg(long, default_value_t = DEFAULT_MAX_ARTICLE_BYTES)]
    max_article_bytes: usize,
    /// Articles per batch handed to the workers.
    #[arg(long, default_value_t = 512, hide = true)]
    batch_articles: usize,
    /// Input bytes per batch handed to the workers.
    #[arg(long, default_value_t = 4 << 20, hide = true)]
    batch_bytes: usize,
    /// No progress bar and no summary; diagnostics still go to stderr.
    #[arg(short, long)]
    quiet: bool,
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
            let cfg = extract_config(a)?;
            let pipeline = Pipeline::builder()
                .max_article_bytes(cfg.read.max_item_bytes)
                .build()?;
            let s = extract::run(&cfg, &pipeline)?;
            Ok(if s.errors > 0 { EXIT_INPUT_ERRORS } else { 0 })
        }
        Command::Inspect(a) => inspect::run(&a.file, a.id.as_deref(), a.tokens),
        Command::Eval(EvalCommand::Sentences {
            cases,
            min,
            show_failures,
        }) => eval::sentences(&cases, min, show_failures),
    }
}

fn extract_config(a: ExtractArgs) -> Result<extract::Config> {
    let mut emit = Vec::new();
    for k in &a.emit {
        match k.trim() {
            "all" => emit.extend([RecordKind::Article, RecordKind::Error]),
            "article" | "articles" => emit.push(RecordKind::Article),
            "error" | "errors" => emit.push(RecordKind::Error),
            other => {
                bail!("unknown record kind {other:?} in --emit (expected article, error or all)")
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
        None => std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1),
    };
    if a.max_article_bytes == 0 {
        bail!("--max-article-bytes must be positive");
    }
    Ok(extract::Config {
        inputs: a.inputs,
        output: a.output,
        threads,
        emit,
        read: input::ReadOptions {
            max_item_bytes: a.max_article_bytes,
            default_published: a.published,
        },
        batch_articles: a.batch_articles,
        batch_bytes: a.batch_bytes,
        quiet: a.quiet,
        progress: true,
    })
}
