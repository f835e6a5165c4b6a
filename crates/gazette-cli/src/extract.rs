//! `gazette extract`: the streaming, parallel driver.
//!
//! A reader thread expands the inputs and cuts them into batches of items
//! (bounded by count and bytes) that it sends through a channel holding at
//! most [`QUEUE`] batches; it starts before the pipeline is built (on two
//! threads when the run has two or more) and reads meanwhile. The main thread
//! takes one batch at a time and has the rayon pool parse and process its
//! items in parallel, one article a job (an indexed map, so results keep
//! input order); a writer thread writes each processed batch in order while
//! the pool works on the next. Memory is thus bounded by about
//! `2 * QUEUE + 2` batches, whatever the size of the dump.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{RecvTimeoutError, SyncSender, sync_channel};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use gazette_extract::{ErrorRecord, Pipeline, PipelineBuilder, Record, RecordKind, Severity};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use crate::input::{self, Item, Origin, Payload, ReadOptions};

/// Batches waiting in each channel. One, not two: each batch the reader
/// has ready ahead is held in chunks of memory touched for the first time
/// (a batch of the BBC corpus is about 150 pages, some 0.4 ms of page
/// faults on the test VM), which on a short input take a core from the
/// workers; a reader a batch ahead still keeps them fed. (Two threads on
/// the BBC corpus, 50 runs each: 56.3 -> 55.0 ms median.)
const QUEUE: usize = 1;

/// Settings for a run, derived from the command line.
#[derive(Debug, Clone)]
pub struct Config {
    pub inputs: Vec<PathBuf>,
    pub output: Option<PathBuf>,
    pub threads: usize,
    pub emit: Vec<RecordKind>,
    pub read: ReadOptions,
    pub batch_articles: usize,
    pub batch_bytes: usize,
    pub quiet: bool,
    pub progress: bool,
    /// Stop cleanly on SIGINT (the CLI; off for runs inside a library caller).
    pub handle_interrupt: bool,
}

/// Counts for the summary.
#[derive(Debug, Default, Clone)]
pub struct Summary {
    pub articles: u64,
    pub records: u64,
    pub errors: u64,
    pub warnings: u64,
    pub skipped_files: u64,
    pub bytes: u64,
    /// The run was stopped by SIGINT (Ctrl-C) before the end of its input.
    pub interrupted: bool,
    /// Where the last item written came from (`FILE:LINE` or `FILE`).
    pub last_written: Option<String>,
}

struct Rendered {
    /// Where the item came from, for the message of an interrupted run.
    origin: Origin,
    out: Vec<u8>,
    bytes: u64,
    diagnostics: Vec<String>,
    records: u64,
    errors: u64,
    warnings: u64,
    article: bool,
}

impl Rendered {
    /// Counts a record of the item and writes it if it is of a kind to emit.
    fn take(&mut self, mut rec: Record, emit: &[RecordKind]) {
        match &mut rec {
            Record::Article(_) => self.article = true,
            Record::Entity(_) | Record::Quote(_) | Record::Event(_) => {}
            Record::Error(e) => {
                // Errors from the pipeline know the article, not the input.
                if e.input.is_none() {
                    e.input = Some(self.origin.input.to_string());
                    e.line = self.origin.line;
                }
                match e.severity {
                    Severity::Error => self.errors += 1,
                    Severity::Warning => self.warnings += 1,
                }
                self.diagnostics.push(diagnostic(e));
            }
        }
        if emit.contains(&rec.kind()) {
            if self.out.capacity() == 0 {
                self.out.reserve(OUT_START);
            }
            // Serialising our own records cannot fail.
            if crate::json::write(&mut self.out, &rec).is_ok() {
                self.out.push(b'\n');
                self.records += 1;
            }
        }
    }
}

fn diagnostic(e: &ErrorRecord) -> String {
    let at = match (&e.input, e.line) {
        (Some(i), Some(l)) => format!("{i}:{l}: "),
        (Some(i), None) => format!("{i}: "),
        _ => String::new(),
    };
    let sev = match e.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    format!("gazette: {sev}: {at}[{}] {}", e.article_id, e.message)
}

/// Room for an article's output when it has some: most articles' records
/// fit (the BBC corpus's default run writes 1.6 kB for the median article
/// with records, 3.7 kB at the 90th percentile).
const OUT_START: usize = 4096;

fn render(pipeline: &Pipeline, item: Item, emit: &[RecordKind], default_published: Option<&str>) -> Rendered {
    let Item { origin, payload, bytes } = item;
    let mut r = Rendered {
        origin,
        out: Vec::new(),
        bytes: bytes as u64,
        diagnostics: Vec::new(),
        records: 0,
        errors: 0,
        warnings: 0,
        article: false,
    };
    let article = match payload {
        Payload::Error(e) => Err(e),
        Payload::Article(a) => Ok(a),
        Payload::JsonLine(line) => input::parse_line(&line, &r.origin, default_published),
        Payload::JsonValue { json, default_id } => input::parse_value(&json, &default_id, &r.origin, default_published),
    };
    // Each record written as it comes, with no list of them.
    match article {
        Ok(a) => pipeline.for_each_record(&a, |rec| r.take(rec, emit)),
        Err(e) => r.take(Record::Error(e), emit),
    }
    r
}

/// Starts the reader thread: it expands the inputs and sends their items
/// in batches of at most `batch_articles` items and about `batch_bytes`
/// bytes; it returns the number of files of other types it skipped.
fn spawn_reader(cfg: &Config, tx: SyncSender<Vec<Item>>) -> io::Result<JoinHandle<u64>> {
    let inputs = cfg.inputs.clone();
    let read = cfg.read.clone();
    let (batch_articles, batch_bytes) = (cfg.batch_articles.max(1), cfg.batch_bytes.max(1));
    std::thread::Builder::new().name("gazette-reader".into()).spawn(move || {
        let mut batch = Vec::new();
        let mut bytes = 0usize;
        let mut skipped = 0u64;
        let mut ok = true;
        let mut send = |item: Item, batch: &mut Vec<Item>, bytes: &mut usize| {
            *bytes += item.bytes;
            batch.push(item);
            if ok && (batch.len() >= batch_articles || *bytes >= batch_bytes) {
                ok = tx.send(std::mem::take(batch)).is_ok();
                *bytes = 0;
            }
        };
        let mut early = Vec::new();
        let files = input::expand(&inputs, |i| early.push(i), &mut skipped);
        for item in early {
            send(item, &mut batch, &mut bytes);
        }
        for (path, root) in files {
            input::read_file(&path, &root, &read, &mut |item| send(item, &mut batch, &mut bytes));
        }
        if !batch.is_empty() {
            let _ = tx.send(batch);
        }
        skipped
    })
}

/// Builds the pipeline and runs the extraction; returns the summary. Meant
/// to be called once per process (the pipeline is left to the process's end).
pub fn run(cfg: &Config, builder: PipelineBuilder) -> Result<Summary> {
    let started = Instant::now();
    let (tx, rx) = sync_channel::<Vec<Item>>(QUEUE);
    let new_pool = || {
        rayon::ThreadPoolBuilder::new().num_threads(cfg.threads).thread_name(|i| format!("gazette-worker-{i}")).build()
    };

    // The pipeline is built while the reader starts on the input. With one
    // thread, the pool is made first, then the reader started (started first,
    // the reader slowed the build: one thread on the BBC corpus took 1.7-2.4 ms
    // more, median of 60 interleaved runs, two rounds). With two threads or
    // more, the reader starts first and the gazetteer is built on a thread of
    // its own beside the lexicons on this one; the pool is made once the
    // lexicons, the shorter half, are done. (Made before, the pool's new workers
    // often took the core this thread or the gazetteer's ran on, and the two
    // halves then shared one core for milliseconds while the other stayed idle:
    // the pipeline was ready 1 to 1.5 ms later, median of 80 runs. A fresh
    // thread, not a `rayon::join` on the pool, for the same reason: the pool's
    // second worker was often asleep and left the join's other half to the
    // first.) Should that thread not start, the gazetteer is built here after
    // the lexicons. The pipeline is never freed: the process ends after the run
    // and its memory goes back to the system at once, where dropping the
    // pipeline would free its tables one by one (about a tenth of start-up's
    // work).
    let mut pool = None;
    if cfg.threads == 1 {
        pool = Some(new_pool());
    }
    let reader = spawn_reader(cfg, tx).context("cannot start the reader thread")?;
    let pipeline = if cfg.threads > 1 {
        builder.build_with(|a, b| {
            let spawned = std::thread::scope(|s| {
                let spawned = std::thread::Builder::new().name("gazette-build".into()).spawn_scoped(s, &mut *a).is_ok();
                b();
                pool = Some(new_pool());
                spawned
            });
            if !spawned {
                a();
            }
        })
    } else {
        builder.build()
    };
    let pool = pool.unwrap_or_else(new_pool).context("cannot start the worker threads")?;
    let pipeline = std::mem::ManuallyDrop::new(pipeline?);

    // Open the output here so that an unwritable path fails before any work.
    let file = match &cfg.output {
        Some(p) => Some(std::fs::File::create(p).with_context(|| format!("cannot create {}", p.display()))?),
        None => None,
    };
    let progress = (cfg.progress && !cfg.quiet && io::stderr().is_terminal()).then(|| {
        let bar = ProgressBar::new_spinner();
        bar.set_style(
            ProgressStyle::with_template("{spinner} {elapsed_precise} {msg} {binary_bytes} ({binary_bytes_per_sec})")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        bar
    });

    // The writer thread writes each processed batch in order while the pool
    // works on the next one.
    let (wtx, wrx) = sync_channel::<Vec<Rendered>>(QUEUE);
    let bar = progress.clone();
    let writer = std::thread::Builder::new()
        .name("gazette-writer".into())
        .spawn(move || -> (Summary, io::Result<()>) {
            let mut s = Summary::default();
            let stdout = io::stdout();
            let mut out: Box<dyn Write> = match file {
                Some(f) => Box::new(io::BufWriter::with_capacity(1 << 16, f)),
                None => Box::new(io::BufWriter::with_capacity(1 << 16, stdout.lock())),
            };
            let mut last_written: Option<Origin> = None;
            // On an error, dropping the receiver stops the workers and the reader.
            let write_all = || -> io::Result<()> {
                for rendered in wrx {
                    for r in rendered {
                        s.articles += r.article as u64;
                        s.records += r.records;
                        s.errors += r.errors;
                        s.warnings += r.warnings;
                        s.bytes += r.bytes;
                        for d in &r.diagnostics {
                            match &bar {
                                Some(bar) => bar.suspend(|| eprintln!("{d}")),
                                None => eprintln!("{d}"),
                            }
                        }
                        out.write_all(&r.out)?;
                        last_written = Some(r.origin);
                    }
                    // Records leave as each batch is done: a streaming consumer
                    // (a pipe, Spark) gets them without waiting for the end.
                    out.flush()?;
                    if let Some(bar) = &bar {
                        bar.set_message(format!("{} articles, {} errors", s.articles, s.errors));
                        bar.set_position(s.bytes);
                    }
                }
                out.flush()
            };
            let written = write_all();
            s.last_written = last_written.map(|o| o.to_string());
            (s, written)
        })
        .context("cannot start the writer thread")?;

    // SIGINT (Ctrl-C) stops the run cleanly: the batches already read are
    // processed and written, the output is flushed, and the summary says how
    // far the run got. The reader may be blocked on its input (stdin), so it
    // is not waited for.
    let stop = Arc::new(AtomicBool::new(false));
    if cfg.handle_interrupt {
        let flag = Arc::clone(&stop);
        // Fails only when a handler is already set (a second run in one process).
        let _ = ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst));
    }
    let default_published = cfg.read.default_published.as_deref();
    loop {
        let batch = match rx.recv_timeout(Duration::from_millis(100)) {
            Ok(batch) => batch,
            Err(RecvTimeoutError::Timeout) if stop.load(Ordering::SeqCst) => break,
            Err(RecvTimeoutError::Timeout) => continue,
            Err(RecvTimeoutError::Disconnected) => break,
        };
        let rendered: Vec<Rendered> = pool.install(|| {
            // One article a job: a worker that runs out of work takes the
            // next article from the other's half, so the batch ends within
            // an article of both (rayon's default splits a batch into runs
            // that cannot be split once begun: two threads on 512 articles
            // waited at each batch's end for up to a run of 128).
            batch
                .into_par_iter()
                .with_max_len(1)
                .map(|item| render(&pipeline, item, &cfg.emit, default_published))
                .collect()
        });
        if wtx.send(rendered).is_err() || stop.load(Ordering::SeqCst) {
            break;
        }
    }
    let interrupted = stop.load(Ordering::SeqCst);
    // A reader blocked on a full queue wakes up and stops.
    drop(rx);
    drop(wtx);
    let (mut s, written) = writer.join().map_err(|_| anyhow::anyhow!("the writer thread panicked"))?;
    // Everything is written: the spinner goes before any closing message.
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    // A reader that closes standard output early (`| head`) ends the run
    // quietly: there is no one left to tell.
    if let Err(e) = &written
        && e.kind() == io::ErrorKind::BrokenPipe
        && cfg.output.is_none()
    {
        s.skipped_files = reader.join().unwrap_or(0);
        return Ok(s);
    }
    written.context("cannot write the output")?;
    s.interrupted = interrupted;
    if interrupted {
        eprintln!(
            "gazette: interrupted: {} articles written, {} records, {} errors; the last item written came from {}",
            s.articles,
            s.records,
            s.errors,
            s.last_written.as_deref().unwrap_or("nothing yet")
        );
        return Ok(s);
    }
    s.skipped_files = reader.join().unwrap_or(0);
    if !cfg.quiet {
        let secs = started.elapsed().as_secs_f64();
        let mb = s.bytes as f64 / 1e6;
        let skipped = if s.skipped_files > 0 {
            format!(", {} files of other types skipped", s.skipped_files)
        } else {
            String::new()
        };
        eprintln!(
            "gazette: {} articles, {} records, {} errors, {} warnings{skipped}; {:.1} MB in {:.2} s ({:.1} MB/s)",
            s.articles,
            s.records,
            s.errors,
            s.warnings,
            mb,
            secs,
            mb / secs.max(1e-9)
        );
    }
    Ok(s)
}
