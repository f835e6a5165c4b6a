//! One snapshot per fixture article: the CLI's exit code, stdout and stderr
//! for `gazette extract --quiet --emit all FILE` (every record kind), run from `fixtures/articles` so paths
//! are stable. Snapshots live in `fixtures/snapshots/`.

use std::path::{Path, PathBuf};
use std::process::Command;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures")
}

fn gazette(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_gazette")).current_dir(dir).args(args).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

fn articles() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> =
        std::fs::read_dir(fixtures().join("articles")).unwrap().map(|e| e.unwrap().path()).collect();
    v.sort();
    v
}

#[test]
fn every_fixture_matches_its_snapshot() {
    let dir = fixtures().join("articles");
    let files = articles();
    assert!(files.len() >= 15, "fixtures missing");
    for path in files {
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        let (code, stdout, stderr) = gazette(&dir, &["extract", "--quiet", "--emit", "all", "-j", "2", &name]);
        let shown = format!("exit: {code}\n--- stdout\n{stdout}--- stderr\n{stderr}");
        insta::with_settings!({
            snapshot_path => fixtures().join("snapshots"),
            prepend_module_to_snapshot => false,
            input_file => &path,
            omit_expression => true,
        }, {
            insta::assert_snapshot!(name, shown);
        });
    }
}

/// Every snapshot belongs to a fixture that still exists (what
/// `cargo insta test --unreferenced reject` checks, without needing cargo-insta).
#[test]
fn no_unreferenced_snapshots() {
    let names: Vec<String> = articles().iter().map(|p| p.file_name().unwrap().to_str().unwrap().to_string()).collect();
    for e in std::fs::read_dir(fixtures().join("snapshots")).unwrap() {
        let file = e.unwrap().file_name().into_string().unwrap();
        if file.ends_with(".snap.new") || file.ends_with(".pending-snap") {
            continue;
        }
        let stem = file.strip_suffix(".snap").unwrap_or_else(|| panic!("stray file {file} in fixtures/snapshots"));
        assert!(names.iter().any(|n| n == stem), "snapshot {file} has no fixture");
    }
}
