//! End-to-end behaviour of `gazette extract` that users rely on: every
//! article ends as records or an error record, output is the same whatever the
//! thread count, stdin works, compressed and truncated inputs are handled.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

fn gazette(args: &[&str], stdin: Option<&[u8]>) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let input = stdin.unwrap_or_default().to_vec();
    let mut pipe = child.stdin.take().unwrap();
    let feeder = std::thread::spawn(move || {
        let _ = pipe.write_all(&input);
    });
    let out = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

fn records(stdout: &str) -> Vec<Value> {
    stdout.lines().map(|l| serde_json::from_str(l).expect("each output line is JSON")).collect()
}

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gazette-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/articles")
}

#[test]
fn output_is_identical_whatever_the_thread_count() {
    let dir = fixtures();
    let dir = dir.to_str().unwrap();
    let one = gazette(&["extract", "-q", "-j", "1", "--batch-articles", "3", dir], None);
    let two = gazette(&["extract", "-q", "-j", "2", "--batch-articles", "1", dir], None);
    assert_eq!(one.1, two.1);
    assert!(!one.1.is_empty());
}

#[test]
fn mixed_dump_loses_no_article_and_counts_add_up() {
    let good = r#"{"id":"g1","text":"Talks resumed in Geneva on Monday. Both sides attended."}"#;
    let lines = [
        good.to_string(),
        r#"{"id":"bad-json","text":"unterminated"#.to_string(),
        r#"{"id":"no-text","title":"headline only"}"#.to_string(),
        r#"{"id":"empty","text":"   "}"#.to_string(),
        r#"{"id":"big","text":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}"#.to_string(),
        r#"{"id":"bad-date","text":"Markets rose.","published":"yesterday"}"#.to_string(),
        r#"{"id":"g2","body":"Second good article.","date":"2025-08-06"}"#.to_string(),
    ];
    let mut input = lines.join("\n").into_bytes();
    input.extend_from_slice(b"\n\xff\xfe not utf8\n");
    let (code, stdout, stderr) =
        gazette(&["extract", "-", "--max-article-bytes", "120", "--emit", "all"], Some(&input));
    assert_eq!(code, 1, "input errors give exit code 1");
    let recs = records(&stdout);
    let articles: Vec<&str> =
        recs.iter().filter(|r| r["type"] == "article").map(|r| r["article_id"].as_str().unwrap()).collect();
    assert_eq!(articles, ["g1", "bad-date", "g2"]);
    let errors: Vec<(&str, &str)> = recs
        .iter()
        .filter(|r| r["type"] == "error")
        .map(|r| (r["kind"].as_str().unwrap(), r["severity"].as_str().unwrap()))
        .collect();
    assert_eq!(
        errors,
        [
            ("malformed_json", "error"),
            ("missing_text", "error"),
            ("empty_text", "error"),
            ("too_large", "error"),
            ("invalid_date", "warning"),
            ("invalid_utf8", "error"),
        ]
    );
    // Every input line is accounted for, with its line number.
    let lines_seen: Vec<u64> =
        recs.iter().filter(|r| r["type"] == "error").map(|r| r["line"].as_u64().unwrap()).collect();
    assert_eq!(lines_seen, [2, 3, 4, 5, 6, 8]);
    assert!(stderr.contains("-:2: "), "diagnostic names stdin and line: {stderr}");
    // The summary's counts add up to what was written.
    let summary = format!("3 articles, {} records, 5 errors, 1 warnings", recs.len());
    assert!(stderr.contains(&summary), "{stderr}");
}

#[test]
fn gzip_and_truncated_gzip() {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    for i in 0..200 {
        writeln!(enc, r#"{{"id":"a{i}","text":"Article number {i} says hello. It ends here."}}"#).unwrap();
    }
    let gz = enc.finish().unwrap();
    let whole = tmp("whole.jsonl.gz");
    std::fs::write(&whole, &gz).unwrap();
    let (code, stdout, _) = gazette(&["extract", "-q", "--emit", "article,error", whole.to_str().unwrap()], None);
    assert_eq!(code, 0);
    assert_eq!(records(&stdout).len(), 200);

    let cut = tmp("cut.jsonl.gz");
    std::fs::write(&cut, &gz[..gz.len() / 2]).unwrap();
    let (code, stdout, stderr) = gazette(&["extract", "-q", "--emit", "article,error", cut.to_str().unwrap()], None);
    assert_eq!(code, 1);
    let recs = records(&stdout);
    let last = recs.last().unwrap();
    assert_eq!(last["type"], "error");
    assert_eq!(last["kind"], "compression");
    assert!(recs.len() > 1, "articles before the cut are kept");
    assert!(stderr.contains("truncated or corrupt"), "{stderr}");
}

#[test]
fn missing_input_is_an_error_record_and_the_run_goes_on() {
    let dir = fixtures();
    let one = dir.join("edge-one-line.txt");
    let (code, stdout, _) =
        gazette(&["extract", "-q", "--emit", "all", "/no/such/file.jsonl", one.to_str().unwrap()], None);
    assert_eq!(code, 1);
    let recs = records(&stdout);
    assert_eq!(recs[0]["kind"], "io");
    assert_eq!(recs[1]["type"], "article");
    assert_eq!(recs[1]["article_id"], "edge-one-line");
}

#[test]
fn bad_arguments_are_fatal() {
    let (code, _, stderr) = gazette(&["extract", "--emit", "nonsense", "x"], None);
    assert_eq!(code, 2);
    assert!(stderr.contains("unknown record kind"));
}

#[test]
fn quotes_are_written_only_when_asked_for() {
    let input = tmp("quote.json");
    std::fs::write(
        &input,
        r#"{"id":"q1","text":"“We are ready to talk,” said Dmitry Peskov, the Kremlin spokesman."}"#,
    )
    .unwrap();
    let path = input.to_str().unwrap();
    let (code, all, _) = gazette(&["extract", path, "-q", "--emit", "all"], None);
    assert_eq!(code, 0);
    let quote = records(&all).into_iter().find(|r| r["type"] == "quote").expect("a quote record");
    assert_eq!(quote["quote_id"], "q1#q1");
    assert_eq!(quote["kind"], "direct");
    assert_eq!(quote["content"][0]["text"], "We are ready to talk");
    assert_eq!(quote["speaker"]["entity_id"], "person:dmitry-peskov");
    // Entities only: no quote records (and no quote stage run).
    let (_, entities, _) = gazette(&["extract", path, "-q", "--emit", "entity"], None);
    let recs = records(&entities);
    assert!(recs.iter().all(|r| r["type"] == "entity"));
    assert!(recs.iter().any(|r| r["entity_id"] == "person:dmitry-peskov"));
    let (_, quotes, _) = gazette(&["extract", path, "-q", "--emit", "quote"], None);
    assert_eq!(records(&quotes).len(), 1);
}

#[test]
fn bad_input_ok_keeps_the_error_records_and_exits_zero() {
    let bad = fixtures().join("edge-bad-lines.jsonl");
    let bad = bad.to_str().unwrap();
    let (code, out, _) = gazette(&["extract", bad, "-q"], None);
    assert_eq!(code, 1);
    let (code_ok, out_ok, _) = gazette(&["extract", bad, "-q", "--bad-input-ok"], None);
    assert_eq!(code_ok, 0);
    assert_eq!(out, out_ok, "the flag changes the exit code only");
    assert!(records(&out_ok).iter().any(|r| r["type"] == "error"));
    // A run that cannot go on still fails.
    let (code_fatal, _, err) = gazette(&["extract", bad, "-q", "--bad-input-ok", "--gazetteer", "/nonexistent"], None);
    assert_eq!(code_fatal, 2, "{err}");
}

#[test]
fn stdin_to_stdout_is_a_clean_stream() {
    let input = "{\"id\":\"s1\",\"text\":\"Talks resumed in Geneva on Monday.\"}\nnot json\n{\"id\":\"s2\",\"text\":\"Both sides attended.\"}\n";
    let (code, out, _) = gazette(&["extract", "-", "--bad-input-ok", "--emit", "all"], Some(input.as_bytes()));
    assert_eq!(code, 0);
    // Only JSON records on stdout (the summary and diagnostics go to stderr).
    let recs = records(&out);
    let ids: Vec<&str> =
        recs.iter().filter(|r| r["type"] == "article").map(|r| r["article_id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["s1", "s2"]);
    assert!(recs.iter().any(|r| r["type"] == "error" && r["line"] == 2));
}

#[test]
fn events_and_errors_are_the_default_output() {
    let input = concat!(
        r#"{"id":"e1","published":"2025-08-07","url":"https://example.com/e1","source":"Example Wire","#,
        r#""text":"Russia launched air strikes on Ukraine on Wednesday, officials said."}"#,
        "\nnot json\n"
    );
    let (code, out, _) = gazette(&["extract", "-", "-q"], Some(input.as_bytes()));
    assert_eq!(code, 1);
    let recs = records(&out);
    let kinds: Vec<&str> = recs.iter().map(|r| r["type"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["event", "error"]);
    let e = &recs[0];
    // Self-contained: the article's id, URL, date and outlet ride along.
    assert_eq!(e["article_id"], "e1");
    assert_eq!(e["url"], "https://example.com/e1");
    assert_eq!(e["published"], "2025-08-07");
    assert_eq!(e["outlet"], "Example Wire");
    assert_eq!(e["event_type"], "ASSAULT");
    assert_eq!(e["source"][0]["code"], "RUS");
    assert_eq!(e["target"][0]["code"], "UKR");
    assert_eq!(e["time"]["date"], "2025-08-06");
    // Asking for no events skips the stage.
    let (_, entities, _) = gazette(&["extract", "-", "-q", "--emit", "entity"], Some(input.as_bytes()));
    assert!(records(&entities).iter().all(|r| r["type"] == "entity"));
}

#[test]
fn a_closed_stdout_ends_the_run_quietly() {
    use std::io::{BufRead, BufReader};
    // Enough output to fill the pipe, so the writer meets the closed end.
    let mut input = String::new();
    for i in 0..3000 {
        input.push_str(&format!(
            "{{\"id\":\"a{i}\",\"text\":\"Russia attacked Ukraine on Monday, officials said. Talks resumed in Geneva.\"}}\n"
        ));
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(["extract", "-", "--emit", "all", "-q"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut pipe = child.stdin.take().unwrap();
    let feeder = std::thread::spawn(move || {
        let _ = pipe.write_all(input.as_bytes());
    });
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
    assert!(first.starts_with(r#"{"type":"article""#));
    // The reader is dropped here: standard output is closed.
    let out = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("fatal"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn sigint_stops_cleanly_and_says_how_far_it_got() {
    use std::io::{BufRead, BufReader};
    let mut child = Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(["extract", "-", "--emit", "article,error", "--batch-articles", "1"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Some articles, then the input stays open, as a slow stream would.
    let mut stdin = child.stdin.take().unwrap();
    for i in 0..5 {
        writeln!(stdin, r#"{{"id":"s{i}","text":"Talks resumed in Geneva on Monday."}}"#).unwrap();
    }
    stdin.flush().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    assert!(first.starts_with(r#"{"type":"article""#), "{first}");
    let killed = Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    assert!(killed.success());
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stdout, &mut rest).unwrap();
    let out = child.wait_with_output().unwrap();
    drop(stdin);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(130), "{stderr}");
    assert!(stderr.contains("interrupted"), "{stderr}");
    // What was written is whole records, ending with a complete line.
    assert!(rest.is_empty() || rest.ends_with('\n'));
    for line in first.lines().chain(rest.lines()) {
        serde_json::from_str::<Value>(line).expect("a whole JSON record");
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_a_clear_fatal_error() {
    if !Path::new("/dev/full").exists() {
        return;
    }
    let one = fixtures().join("diplomacy-summit.json");
    let (code, _, stderr) = gazette(&["extract", "-q", "-o", "/dev/full", one.to_str().unwrap()], None);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("cannot write the output") && stderr.contains("No space left"), "{stderr}");
}

#[test]
fn an_article_alone_or_in_a_batch_gives_the_same_records() {
    // Each fixture article alone, then all of them in one JSONL stream in
    // small batches on two threads: the records of each article are the same.
    let dir = fixtures();
    let mut lines = Vec::new();
    let mut alone = Vec::new();
    for name in ["diplomacy-summit.json", "events-summit-deadline.json", "quotes-briefing.json"] {
        let text = std::fs::read_to_string(dir.join(name)).unwrap();
        let v: Value = serde_json::from_str(&text).unwrap();
        lines.push(serde_json::to_string(&v).unwrap());
        let one = tmp(name);
        std::fs::write(&one, &text).unwrap();
        let (code, out, _) = gazette(&["extract", "-q", "--emit", "all", one.to_str().unwrap()], None);
        assert_eq!(code, 0);
        alone.extend(out.lines().map(str::to_string));
    }
    let input = lines.join("\n") + "\n";
    let (code, out, _) =
        gazette(&["extract", "-", "-q", "--emit", "all", "-j", "2", "--batch-articles", "1"], Some(input.as_bytes()));
    assert_eq!(code, 0);
    let batched: Vec<String> = out.lines().map(str::to_string).collect();
    assert_eq!(batched, alone);
}

/// A directory under the system temp dir, removed (with all it holds) when
/// dropped, for tests that write large or unusual files.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("gazette-cli-test-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The summary line's counts: (articles, records, errors, warnings).
fn summary_counts(stderr: &str) -> (u64, u64, u64, u64) {
    let line = stderr.lines().find(|l| l.contains(" articles, ")).unwrap_or_else(|| panic!("no summary in {stderr}"));
    let mut numbers =
        line.trim_start_matches("gazette: ").split(", ").take(4).map(|part| {
            part.split(' ').next().and_then(|n| n.parse().ok()).unwrap_or_else(|| panic!("summary {line}"))
        });
    let mut next = || numbers.next().unwrap();
    (next(), next(), next(), next())
}

/// Peak resident memory of a running process, in KiB (Linux only).
#[cfg(target_os = "linux")]
fn peak_rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let hwm = status.lines().find_map(|l| l.strip_prefix("VmHWM:"))?;
    hwm.trim().strip_suffix("kB")?.trim().parse().ok()
}

#[cfg(not(target_os = "linux"))]
fn peak_rss_kib(_pid: u32) -> Option<u64> {
    None
}

/// Kills process `pid` unless `done` is dropped or sent to within `secs`:
/// a test that waits on a child's output must not hang forever.
fn watchdog(pid: u32, secs: u64) -> std::sync::mpsc::Sender<()> {
    let (done, wait) = std::sync::mpsc::channel::<()>();
    std::thread::spawn(move || {
        if wait.recv_timeout(std::time::Duration::from_secs(secs)) == Err(std::sync::mpsc::RecvTimeoutError::Timeout) {
            let _ = Command::new("kill").args(["-KILL", &pid.to_string()]).status();
        }
    });
    done
}

#[test]
#[allow(clippy::print_stderr)] // says so when memory cannot be measured
fn a_100_mb_line_is_refused_in_bounded_memory_and_the_next_line_is_read() {
    use std::io::{BufRead, BufReader, BufWriter, Read};
    const HUGE: usize = 100 << 20;
    let dir = Scratch::new("huge");
    let chunk = "talks went on and on without a stop ".repeat(1 << 10);
    let huge_text = |out: &mut dyn Write| {
        for _ in 0..HUGE / chunk.len() + 1 {
            out.write_all(chunk.as_bytes()).unwrap();
        }
    };
    // A JSONL dump: a good line, a line of 100 MB, a good line.
    let dump = dir.0.join("dump.jsonl");
    let mut out = BufWriter::new(std::fs::File::create(&dump).unwrap());
    writeln!(out, r#"{{"id":"before","text":"Russia attacked Ukraine on Monday, officials said."}}"#).unwrap();
    write!(out, r#"{{"id":"huge","text":""#).unwrap();
    huge_text(&mut out);
    writeln!(out, r#""}}"#).unwrap();
    writeln!(out, r#"{{"id":"after","text":"Talks resumed in Geneva on Tuesday."}}"#).unwrap();
    out.flush().unwrap();
    drop(out);
    // A text file of 100 MB: read through another path (a whole file, not a line).
    let txt = dir.0.join("huge.txt");
    let mut out = BufWriter::new(std::fs::File::create(&txt).unwrap());
    huge_text(&mut out);
    out.flush().unwrap();
    drop(out);
    // A JSON array with an element of 100 MB between two good ones.
    let array = dir.0.join("array.json");
    let mut out = BufWriter::new(std::fs::File::create(&array).unwrap());
    write!(out, r#"[{{"id":"first","text":"Talks resumed in Geneva on Tuesday."}}, {{"text":""#).unwrap();
    huge_text(&mut out);
    writeln!(out, r#""}},{{"id":"last","text":"Russia attacked Ukraine on Monday, officials said."}}]"#).unwrap();
    out.flush().unwrap();
    drop(out);
    let (dump, txt, array) = (dump.to_str().unwrap(), txt.to_str().unwrap(), array.to_str().unwrap());

    // The last input, `-`, stays open until the records of the files are
    // read: the run is then still alive, so its peak memory can be read.
    let mut child = Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(["extract", "--emit", "all", "--batch-articles", "1", dump, txt, array, "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let done = watchdog(child.id(), 120);
    let stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut recs = Vec::new();
    let mut line = String::new();
    while stdout.read_line(&mut line).unwrap() > 0 {
        let rec: Value = serde_json::from_str(&line).expect("each output line is JSON");
        line.clear();
        let last = rec["type"] == "article" && rec["article_id"] == "last";
        recs.push(rec);
        if last {
            break;
        }
    }
    let peak = peak_rss_kib(child.id());
    drop(stdin);
    let mut rest = String::new();
    stdout.read_to_string(&mut rest).unwrap();
    recs.extend(records(&rest));
    let mut stderr = String::new();
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    let code = child.wait().unwrap().code();
    drop(done);

    assert_eq!(code, Some(1), "an oversize input is an input error: {stderr}");
    // The good lines on both sides of the huge one give their records.
    let articles: Vec<&str> =
        recs.iter().filter(|r| r["type"] == "article").map(|r| r["article_id"].as_str().unwrap()).collect();
    assert_eq!(articles, ["before", "after", "first", "last"]);
    assert!(recs.iter().any(|r| r["type"] == "event" && r["article_id"] == "before"));
    // One error each for the huge line, file and element, with where it is.
    let errors: Vec<&Value> = recs.iter().filter(|r| r["type"] == "error").collect();
    assert_eq!(errors.len(), 3, "{errors:?}");
    let (line_error, file_error, element_error) = (errors[0], errors[1], errors[2]);
    assert_eq!(line_error["kind"], "too_large");
    assert_eq!(line_error["severity"], "error");
    assert_eq!(line_error["input"], dump);
    assert_eq!(line_error["line"], 2);
    assert_eq!(line_error["article_id"], format!("{dump}:2"));
    assert!(stderr.contains(&format!("gazette: error: {dump}:2: ")), "{stderr}");
    assert_eq!(file_error["kind"], "too_large");
    assert_eq!(file_error["input"], txt);
    assert_eq!(file_error["line"], Value::Null);
    assert_eq!(file_error["article_id"], "huge");
    assert!(stderr.contains(&format!("gazette: error: {txt}: ")), "{stderr}");
    assert_eq!(element_error["kind"], "too_large");
    assert_eq!(element_error["input"], array);
    assert_eq!(element_error["line"], 2);
    assert_eq!(element_error["article_id"], "array#2");
    assert!(stderr.contains(&format!("gazette: error: {array}:2: ")), "{stderr}");
    // The summary's counts add up to what was written, and its megabytes
    // count the refused line and element, which were read.
    assert_eq!(summary_counts(&stderr), (4, recs.len() as u64, 3, 0), "{stderr}");
    let summary = stderr.lines().find(|l| l.contains(" articles, ")).unwrap_or_default();
    let mb: f64 = summary
        .split("; ")
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no MB figure in {stderr}"));
    assert!(mb > 2.0 * HUGE as f64 / 1e6, "{stderr}");
    // Memory: the reader keeps at most --max-article-bytes (16 MiB) of a
    // line or an array element; the run peaks near 35 MB. Holding the line
    // or the element would take more than itself, 100 MiB.
    match peak {
        Some(kib) => assert!(kib < 96 << 10, "peak resident memory {} MiB reading 100 MiB items", kib >> 10),
        None => eprintln!("peak memory not measured: no /proc/PID/status VmHWM here"),
    }
}

#[cfg(unix)]
#[test]
#[allow(clippy::print_stderr)] // says so when chmod 000 cannot be tested
fn unreadable_files_and_directories_are_error_records_and_the_run_goes_on() {
    use std::os::unix::fs::{PermissionsExt, symlink};
    let chmod = |p: &Path, mode: u32| std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
    let bin = env!("CARGO_BIN_EXE_gazette");
    let dir = Scratch::new("unreadable");
    let root = dir.0.join("in");
    std::fs::create_dir(&root).unwrap();
    chmod(&dir.0, 0o755);
    chmod(&root, 0o755);
    let good = root.join("a-good.txt");
    std::fs::write(&good, "Russia attacked Ukraine on Monday, officials said.").unwrap();
    chmod(&good, 0o644);
    // A directory and a file no one may read.
    let locked_dir = root.join("b-locked");
    std::fs::create_dir(&locked_dir).unwrap();
    std::fs::write(locked_dir.join("inside.txt"), "Never read.").unwrap();
    let locked_file = root.join("c-locked.txt");
    std::fs::write(&locked_file, "Never read either.").unwrap();
    chmod(&locked_dir, 0o000);
    chmod(&locked_file, 0o000);
    // An entry whose file is gone (a broken symlink: listed, then cannot be
    // opened, as a file removed between listing and reading), and on the
    // command line a broken symlink and a path that does not exist.
    let gone = root.join("d-gone.txt");
    symlink(root.join("removed.txt"), &gone).unwrap();
    let gone_arg = dir.0.join("gone-link.jsonl");
    symlink(dir.0.join("nowhere.jsonl"), &gone_arg).unwrap();
    let missing = dir.0.join("missing.jsonl");

    // Root reads through permission bits. Then run gazette as `nobody`
    // (setpriv, util-linux) so that they count; without setpriv, only the
    // broken links and the missing path are tested.
    let privileged = std::fs::File::open(&locked_file).is_ok();
    let as_nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--", bin];
    let runner: Option<&[&str]> = if !privileged {
        Some(&as_nobody[5..])
    } else if Command::new("setpriv")
        .args(&as_nobody[1..])
        .args(["extract", "-q", good.to_str().unwrap()])
        .output()
        .is_ok_and(|o| o.status.success())
    {
        Some(&as_nobody)
    } else {
        eprintln!(
            "running as root without a working `setpriv`: chmod 000 does not stop root, \
             so the unreadable directory and file are not tested, only broken links and a missing path"
        );
        chmod(&locked_dir, 0o755);
        std::fs::remove_dir_all(&locked_dir).unwrap();
        std::fs::remove_file(&locked_file).unwrap();
        None
    };
    let locked = runner.is_some();
    let runner = runner.unwrap_or(&as_nobody[5..]);

    let paths = [root.to_str().unwrap(), missing.to_str().unwrap(), gone_arg.to_str().unwrap()];
    let out =
        Command::new(runner[0]).args(&runner[1..]).args(["extract", "--emit", "all"]).args(paths).output().unwrap();
    if locked {
        chmod(&locked_dir, 0o755);
        chmod(&locked_file, 0o644);
    }
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    let recs = records(&stdout);

    assert_eq!(out.status.code(), Some(1), "some input failed: exit 1\n{stderr}");
    let articles: Vec<&str> =
        recs.iter().filter(|r| r["type"] == "article").map(|r| r["article_id"].as_str().unwrap()).collect();
    assert_eq!(articles, ["a-good"], "only the good article is read");
    assert!(recs.iter().any(|r| r["type"] == "event" && r["article_id"] == "a-good"));
    // One io error per unreadable path, naming it, in the output and on stderr.
    // ENOENT is os error 2 and EACCES 13, whatever the locale.
    let mut expected = vec![
        (&missing, "cannot read: ", "(os error 2)"),
        (&gone_arg, "cannot read: ", "(os error 2)"),
        (&gone, "cannot open: ", "(os error 2)"),
    ];
    if locked {
        expected.push((&locked_dir, "cannot read directory: ", "(os error 13)"));
        expected.push((&locked_file, "cannot open: ", "(os error 13)"));
    }
    expected.sort_by_key(|(path, ..)| path.to_str().unwrap());
    let mut errors: Vec<&Value> = recs.iter().filter(|r| r["type"] == "error").collect();
    errors.sort_by_key(|r| r["input"].as_str().unwrap().to_string());
    assert_eq!(errors.len(), expected.len(), "{errors:#?}");
    for (e, (path, what, errno)) in errors.iter().zip(&expected) {
        let path = path.to_str().unwrap();
        assert_eq!(
            (&e["input"], &e["article_id"], &e["kind"], &e["severity"]),
            (&path.into(), &path.into(), &"io".into(), &"error".into())
        );
        assert_eq!(e["line"], Value::Null);
        let message = e["message"].as_str().unwrap();
        assert!(message.starts_with(what) && message.ends_with(errno), "{path}: {message}");
        assert!(
            stderr.contains(&format!("gazette: error: {path}: [{path}] {message}\n")),
            "{path} on stderr: {stderr}"
        );
    }
    assert_eq!(summary_counts(&stderr), (1, recs.len() as u64, expected.len() as u64, 0), "{stderr}");
}

#[test]
fn a_json_array_is_read_element_by_element_and_a_bad_element_loses_nothing_else() {
    let dir = Scratch::new("array");
    // Brackets, commas and escaped quotes inside strings; a good element; one
    // of the wrong shape; one with invalid UTF-8; a bare string; a good one.
    let mut bytes = Vec::new();
    bytes.extend_from_slice("\u{feff} [\n".as_bytes());
    bytes.extend_from_slice(br#"{"id":"a","text":"He said \"[no], {never}\" on Monday.","tags":[1,[2,{"x":"]"}]]},"#);
    bytes.extend_from_slice(br#"{"id":"b","text":42},"#);
    bytes.extend_from_slice(b"{\"id\":\"c\",\"text\":\"bad \xff byte\"},");
    bytes.extend_from_slice(br#""just a string" ,"#);
    bytes.extend_from_slice(br#"{"id":"e","text":"Talks resumed in Geneva on Tuesday."}"#);
    bytes.extend_from_slice(b"\n]\n");
    let whole = dir.0.join("whole.json");
    std::fs::write(&whole, &bytes).unwrap();
    let w = whole.to_str().unwrap();
    let (code, out, err) = gazette(&["extract", "-q", "--emit", "article,error", w], None);
    assert_eq!(code, 1, "{err}");
    let recs = records(&out);
    let got: Vec<(String, String, Value)> = recs
        .iter()
        .map(|r| {
            (r["type"].as_str().unwrap().to_string(), r["article_id"].as_str().unwrap().to_string(), r["line"].clone())
        })
        .collect();
    let want = |t: &str, id: &str, line: Value| (t.to_string(), id.to_string(), line);
    assert_eq!(
        got,
        [
            want("article", "a", Value::Null),
            want("error", "whole#2", 2.into()),
            want("error", "whole#3", 3.into()),
            want("error", "whole#4", 4.into()),
            want("article", "e", Value::Null),
        ],
        "{out}"
    );
    // `He said "[no], {never}" on Monday.`, its escapes read.
    assert_eq!(recs[0]["bytes"], 34);
    assert_eq!(recs[1]["kind"], "malformed_json");
    assert_eq!(recs[2]["kind"], "invalid_utf8");
    assert_eq!(recs[3]["kind"], "malformed_json");

    // A truncated array: the whole elements are read, then one error says
    // where it broke off.
    let cut = dir.0.join("cut.json");
    std::fs::write(&cut, br#"[{"id":"a","text":"Talks resumed."}, {"id":"b","text":"Talks"#).unwrap();
    let c = cut.to_str().unwrap();
    let (code, out, err) = gazette(&["extract", "-q", "--emit", "article,error", c], None);
    assert_eq!(code, 1, "{err}");
    let recs = records(&out);
    assert_eq!(recs.len(), 2, "{out}");
    assert_eq!(recs[0]["article_id"], "a");
    assert_eq!(
        (&recs[1]["kind"], &recs[1]["article_id"], &recs[1]["line"]),
        (&"malformed_json".into(), &"cut#2".into(), &2.into())
    );
    assert!(recs[1]["message"].as_str().unwrap().contains("before its closing"), "{out}");
    assert!(err.contains(&format!("gazette: error: {c}:2: ")), "{err}");
}
