//! Build-time figures on the journal's real issue 202508 (7 articles), in
//! release mode: `cargo bench -p wita-cli --bench issue`.
//!
//! - cold build: the `wita` binary run as a fresh process (fonts, template,
//!   translation, layout, PDF, per-article PDFs, cover PNG, metadata), like an
//!   editor or CI runs it;
//! - translation alone: reading the issue and translating its seven articles;
//! - rebuild: the same process, after a one-word change in one entry.
//!
//! Each figure is the median of several runs, with the minimum and maximum.
//! Needs `../shared/wita-journal`; prints a note and exits when it is absent.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use wita::{BuildOptions, Builder, Diagnostics};

const ISSUE: &str = "issue/2025/202508.tex";

fn main() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let shared = repo.join("../shared/wita-journal");
    if !shared.join(ISSUE).is_file() {
        println!("skipped: ../shared/wita-journal is not on this machine");
        return;
    }
    let scratch = tempfile::tempdir().expect("a scratch folder");
    copy_tree(&shared, scratch.path());
    let journal = scratch.path();
    let runs: usize = std::env::var("WITA_BENCH_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);

    println!("issue 202508, {runs} runs each (median, min, max)");

    // Cold: a fresh process per build, writing everything make.sh wrote.
    let cold = measure(runs, || {
        let started = Instant::now();
        let out = Command::new(env!("CARGO_BIN_EXE_wita"))
            .args(["build", ISSUE, "-q"])
            .current_dir(journal)
            .output()
            .expect("wita runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        started.elapsed()
    });
    report("cold build, whole process (all outputs)", &cold);

    let cold_pdf = measure(runs, || {
        let started = Instant::now();
        let out = Command::new(env!("CARGO_BIN_EXE_wita"))
            .args(["build", ISSUE, "-q", "-o", "bench.pdf"])
            .current_dir(journal)
            .output()
            .expect("wita runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        started.elapsed()
    });
    report("cold build, whole process (issue PDF only, -o)", &cold_pdf);

    // Translation alone, in process.
    let translate = measure(runs * 3, || {
        let builder = Builder::new();
        let mut diags = Diagnostics::new();
        let started = Instant::now();
        let (_, articles) = builder
            .read_and_translate(&journal.join(ISSUE), &mut diags)
            .expect("translates");
        let took = started.elapsed();
        assert_eq!(articles.len(), 7);
        took
    });
    report("read + translate 7 articles", &translate);

    // Rebuild in the same process after a one-word change in one entry.
    let mut builder = Builder::new();
    let options = BuildOptions {
        output: Some(journal.join("bench.pdf")),
        all: false,
    };
    let first = builder.build(&journal.join(ISSUE), &options);
    assert!(first.ok());
    let entry: PathBuf = journal.join("issue/2025/202508.tex.d/entry/003/main.tex");
    let original = std::fs::read_to_string(&entry).unwrap();
    let mut flip = false;
    let rebuild = measure(runs, || {
        flip = !flip;
        let text = if flip {
            original.replacen("bravado", "swagger", 1)
        } else {
            original.clone()
        };
        std::fs::write(&entry, text).unwrap();
        let started = Instant::now();
        let report = builder.build(&journal.join(ISSUE), &options);
        let took = started.elapsed();
        assert!(report.ok());
        took
    });
    report("rebuild after a one-word change (issue PDF)", &rebuild);
}

fn measure(runs: usize, mut f: impl FnMut() -> Duration) -> Vec<Duration> {
    // One warm-up run (disk cache, lazy statics of the bench itself).
    let _ = f();
    let mut times: Vec<Duration> = (0..runs).map(|_| f()).collect();
    times.sort();
    times
}

fn report(what: &str, times: &[Duration]) {
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "  {what:<48} {:>8.1} ms  (min {:.1}, max {:.1})",
        ms(times[times.len() / 2]),
        ms(times[0]),
        ms(times[times.len() - 1])
    );
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
            let mut perms = std::fs::metadata(&target).unwrap().permissions();
            #[allow(clippy::permissions_set_readonly_false)]
            perms.set_readonly(false);
            std::fs::set_permissions(&target, perms).unwrap();
        }
    }
}
