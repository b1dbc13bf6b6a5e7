//! Build-time figures, in release mode: `cargo bench -p wita-cli --bench issue`.
//!
//! On the example journal (`examples/journal`, 3 articles), always:
//! - `wita check` of the issue, as a fresh process;
//! - cold build: the `wita` binary run as a fresh process, all outputs.
//!
//! On the journal's real issue 202508 (7 articles), when `../shared/wita-journal`
//! is on the machine:
//! - `wita check` of the issue, as a fresh process;
//! - cold build: the `wita` binary run as a fresh process (fonts, template,
//!   translation, layout, PDF, per-article PDFs, cover PNG, metadata), like an
//!   editor or CI runs it; with `--html` (and the web pages alone, `--html -o
//!   DIR`); and with `-o` (the issue PDF only);
//! - translation alone: reading the issue and translating its seven articles;
//! - rebuild: the same process (what `wita watch` keeps), after a one-word
//!   change in one entry, to the new issue PDF;
//! - `wita watch` itself: from saving a one-word change to the watcher's
//!   "rebuilt" line (file event, debounce of 30 ms, rebuild, PDF written).
//!
//! Big tables, on scratch copies of the example journal with a generated
//! table after the first article's text (always):
//! - a 1000-row, 8-column `longtable` with a head (`\endhead`), cold build
//!   with `-o`, to set against the example's own;
//! - a 1000-row, 50-column `tabular` (50,000 cells: the most wita sets);
//! - a 2000-row, 50-column `tabular`, which wita refuses: the time to say so.
//!
//! At scale, when `../shared/wita-journal` is on the machine: an issue of 70
//! articles (202508's seven, ten times over), cold builds with all outputs,
//! against 202508's own, with the build's peak memory (on Unix).
//!
//! Each figure is the median of several runs (`WITA_BENCH_RUNS`, default 10),
//! with the minimum and maximum. Journals are copied to a scratch folder first.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use wita::{BuildOptions, Builder, Diagnostics};

#[path = "../../../tests/common/copy_tree.rs"]
mod copy_tree;
use copy_tree::copy_tree;

const ISSUE: &str = "issue/2025/202508.tex";
const EXAMPLE_ISSUE: &str = "issue/0000/000000.tex";

fn main() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let runs: usize = std::env::var("WITA_BENCH_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);

    let example = tempfile::tempdir().expect("a scratch folder");
    copy_tree(&repo.join("examples/journal"), example.path());
    println!("example issue 000000 (3 articles), {runs} runs each (median, min, max)");
    let check = measure(runs, || run_wita(example.path(), &["check", EXAMPLE_ISSUE]));
    report("wita check, whole process", &check);
    let cold = measure(runs, || {
        run_wita(example.path(), &["build", EXAMPLE_ISSUE, "-q"])
    });
    report("cold build, whole process (all outputs)", &cold);
    let cold_pdf = measure(runs, || {
        run_wita(
            example.path(),
            &["build", EXAMPLE_ISSUE, "-q", "-o", "bench.pdf"],
        )
    });
    report("cold build, whole process (issue PDF only, -o)", &cold_pdf);

    println!("big tables in the example issue (median, min, max)");
    let long = tempfile::tempdir().expect("a scratch folder");
    copy_tree(&repo.join("examples/journal"), long.path());
    add_table(long.path(), 1000, 8, true);
    let times = measure(runs, || {
        run_wita(
            long.path(),
            &["build", EXAMPLE_ISSUE, "-q", "-o", "bench.pdf"],
        )
    });
    report("+ 1000 x 8 longtable, cold build (-o)", &times);
    let wide = tempfile::tempdir().expect("a scratch folder");
    copy_tree(&repo.join("examples/journal"), wide.path());
    add_table(wide.path(), 1000, 50, false);
    let times = measure(runs.min(3), || {
        run_wita(
            wide.path(),
            &["build", EXAMPLE_ISSUE, "-q", "-o", "bench.pdf"],
        )
    });
    report("+ 1000 x 50 tabular, cold build (-o)", &times);
    let too_big = tempfile::tempdir().expect("a scratch folder");
    copy_tree(&repo.join("examples/journal"), too_big.path());
    add_table(too_big.path(), 2000, 50, false);
    let times = measure(runs, || {
        let started = Instant::now();
        let out = Command::new(env!("CARGO_BIN_EXE_wita"))
            .args(["build", EXAMPLE_ISSUE, "-q", "-o", "bench.pdf"])
            .current_dir(too_big.path())
            .output()
            .expect("wita runs");
        let took = started.elapsed();
        assert!(!out.status.success(), "a 100,000-cell table is refused");
        took
    });
    report("+ 2000 x 50 tabular: refused, time to the error", &times);

    let shared = repo.join("../shared/wita-journal");
    if !shared.join(ISSUE).is_file() {
        println!("issue 202508 skipped: ../shared/wita-journal is not on this machine");
        return;
    }
    let scratch = tempfile::tempdir().expect("a scratch folder");
    copy_tree(&shared, scratch.path());
    let journal = scratch.path();

    println!("issue 202508 (7 articles), {runs} runs each (median, min, max)");

    let check = measure(runs, || run_wita(journal, &["check", ISSUE]));
    report("wita check, whole process", &check);

    // Cold: a fresh process per build, writing everything make.sh wrote.
    let cold = measure(runs, || run_wita(journal, &["build", ISSUE, "-q"]));
    report("cold build, whole process (all outputs)", &cold);

    // The same with the HTML edition (its pages compile beside the PDF's
    // layout), and the edition alone.
    let cold_html = measure(runs, || {
        run_wita(journal, &["build", ISSUE, "-q", "--html"])
    });
    report(
        "cold build, whole process (all outputs + --html)",
        &cold_html,
    );
    let ratio = median(&cold_html).as_secs_f64() / median(&cold).as_secs_f64();
    println!(
        "  --html adds {:+.1}% to the cold build",
        (ratio - 1.0) * 100.0
    );
    let html_only = measure(runs, || {
        run_wita(
            journal,
            &["build", ISSUE, "-q", "--html", "-o", "bench-web"],
        )
    });
    report("web pages alone (--html -o DIR)", &html_only);

    let cold_pdf = measure(runs, || {
        run_wita(journal, &["build", ISSUE, "-q", "-o", "bench.pdf"])
    });
    report("cold build, whole process (issue PDF only, -o)", &cold_pdf);
    // Translation alone, in process.
    let translate = measure(runs * 3, || {
        let mut builder = Builder::new();
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
        standards: None,
        html: false,
        html_dir: None,
        synctex: true,
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
    std::fs::write(&entry, &original).unwrap();

    let watched = measure_watch(journal, &entry, &original, runs);
    report(
        "wita watch: save to rebuilt PDF (one-word change)",
        &watched,
    );

    let scale_runs = runs.min(5);
    println!("at scale: 70 articles, {scale_runs} runs each (median, min, max)");
    let seven = tempfile::tempdir().expect("a scratch folder");
    copy_tree(&shared, seven.path());
    let seventy = tempfile::tempdir().expect("a scratch folder");
    copy_tree(&shared, seventy.path());
    ten_times_over(seventy.path());
    let mut peaks = [0, 0];
    let mut times = [Vec::new(), Vec::new()];
    for (i, journal) in [seven.path(), seventy.path()].into_iter().enumerate() {
        times[i] = measure(scale_runs, || {
            let (took, peak) = run_wita_peak(journal, &["build", ISSUE, "-q"]);
            peaks[i] = peaks[i].max(peak);
            took
        });
    }
    report("7 articles, cold build (all outputs)", &times[0]);
    report("70 articles, cold build (all outputs)", &times[1]);
    println!(
        "  70 articles take {:.1}x the time of 7",
        median(&times[1]).as_secs_f64() / median(&times[0]).as_secs_f64()
    );
    for (articles, peak) in [(7, peaks[0]), (70, peaks[1])] {
        if peak > 0 {
            let gib = peak as f64 / (1u64 << 30) as f64;
            println!("  peak memory, {articles} articles: {gib:.3} GiB");
        }
    }
}

/// Makes the journal's issue 202508 ten times as long: each entry copied
/// nine times (`<id>x<k>`), all imported in order.
fn ten_times_over(journal: &Path) {
    let master = journal.join(ISSUE);
    let entries = journal.join("issue/2025/202508.tex.d/entry");
    let text = std::fs::read_to_string(&master).unwrap();
    let ids: Vec<String> = text
        .lines()
        .filter_map(|l| l.trim().strip_prefix("\\importarticle{"))
        .filter_map(|l| l.strip_suffix('}'))
        .map(str::to_owned)
        .collect();
    assert_eq!(ids.len(), 7);
    let mut imports = String::new();
    let mut bibs = String::new();
    for k in 0..10 {
        for id in &ids {
            let copy = if k == 0 {
                id.clone()
            } else {
                format!("{id}x{k}")
            };
            if k > 0 {
                copy_tree(&entries.join(id), &entries.join(&copy));
                let info = entries.join(&copy).join("info.toml");
                let toml = std::fs::read_to_string(&info).unwrap();
                let toml = toml.replacen(&format!("id = \"{id}\""), &format!("id = \"{copy}\""), 1);
                std::fs::write(&info, toml).unwrap();
            }
            imports.push_str(&format!("\\importarticle{{{copy}}}\n"));
            if entries.join(&copy).join("cite.bib").is_file() {
                bibs.push_str(&format!("\\addcitebib{{{copy}}}\n"));
            }
        }
    }
    let mut out = String::new();
    let (mut imported, mut cited) = (false, false);
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with("\\importarticle{") {
            if !std::mem::replace(&mut imported, true) {
                out.push_str(&imports);
            }
        } else if trimmed.starts_with("\\addcitebib{") {
            if !std::mem::replace(&mut cited, true) {
                out.push_str(&bibs);
            }
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    std::fs::write(&master, out).unwrap();
    // Its page ranges are the seven's: the build would warn about each.
    let _ = std::fs::remove_file(journal.join("issue/2025/202508.tex.d/meta/toc.csv"));
}

/// [`run_wita`], and the process's peak resident memory in bytes (0 where
/// it cannot be read).
// (wait4 reaps the child, which clippy does not see.)
#[allow(clippy::zombie_processes)]
fn run_wita_peak(dir: &Path, args: &[&str]) -> (Duration, u64) {
    let started = Instant::now();
    let child = Command::new(env!("CARGO_BIN_EXE_wita"))
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("wita runs");
    // The child's peak memory (wait4's rusage), which std does not give: the
    // one unsafe code of the workspace, in a benchmark.
    #[cfg(unix)]
    #[allow(unsafe_code)]
    {
        let mut status = 0;
        // SAFETY: an all-zero rusage is a valid value to be overwritten.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        // SAFETY: waits for our own child, once; the pointers are valid.
        let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
        let took = started.elapsed();
        assert!(pid > 0 && libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0);
        // In kibibytes, but in bytes on macOS.
        let unit = if cfg!(target_os = "macos") { 1 } else { 1024 };
        (took, usage.ru_maxrss as u64 * unit)
    }
    #[cfg(not(unix))]
    {
        let mut child = child;
        assert!(child.wait().expect("wita runs").success());
        (started.elapsed(), 0)
    }
}

/// Appends a generated table of `rows` × `columns` cells to the example's
/// first article: a `longtable` with a booktabs head repeated on each page,
/// or a plain `tabular`.
fn add_table(journal: &Path, rows: usize, columns: usize, long: bool) {
    use std::fmt::Write as _;
    let main = journal.join("issue/0000/000000.tex.d/entry/welcome/main.tex");
    let mut text = std::fs::read_to_string(&main).expect("the example's article");
    let env = if long { "longtable" } else { "tabular" };
    let _ = writeln!(text, "\n\\begin{{{env}}}{{{}}}", "l".repeat(columns));
    if long {
        let head: Vec<String> = (0..columns).map(|c| format!("Head {c}")).collect();
        let _ = writeln!(
            text,
            "\\toprule\n{} \\\\\n\\midrule\n\\endhead",
            head.join(" & ")
        );
    }
    for r in 0..rows {
        let cells: Vec<String> = (0..columns).map(|c| format!("r{r}c{c}")).collect();
        let _ = writeln!(text, "{} \\\\", cells.join(" & "));
    }
    if long {
        text.push_str("\\bottomrule\n");
    }
    let _ = writeln!(text, "\\end{{{env}}}");
    std::fs::write(&main, text).expect("the article is writable");
}

/// Runs the wita binary to completion and returns the wall time.
fn run_wita(dir: &Path, args: &[&str]) -> Duration {
    let started = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_wita"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("wita runs");
    let took = started.elapsed();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    took
}

/// Starts `wita watch`, then saves one-word changes and times each until the
/// watcher says it rebuilt.
fn measure_watch(journal: &Path, entry: &Path, original: &str, runs: usize) -> Vec<Duration> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_wita"))
        .args(["watch", ISSUE, "-o", "watch.pdf"])
        .current_dir(journal)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("wita watch starts");
    let (sender, lines) = mpsc::channel();
    let stdout = child.stdout.take().expect("piped");
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if sender.send(line).is_err() {
                break;
            }
        }
    });
    let wait_for = |prefix: &str| loop {
        let line = lines
            .recv_timeout(Duration::from_secs(60))
            .expect("wita watch answers");
        if line.starts_with(prefix) {
            assert!(!line.contains("failed"), "{line}");
            return;
        }
    };
    wait_for("watching");
    let mut flip = false;
    let times = measure(runs, || {
        flip = !flip;
        let text = if flip {
            original.replacen("bravado", "swagger", 1)
        } else {
            original.to_owned()
        };
        let started = Instant::now();
        std::fs::write(entry, text).unwrap();
        wait_for("rebuilt");
        let took = started.elapsed();
        // Let the file system settle, so that runs do not overlap.
        std::thread::sleep(Duration::from_millis(200));
        took
    });
    let _ = child.kill();
    let _ = child.wait();
    times
}

fn measure(runs: usize, mut f: impl FnMut() -> Duration) -> Vec<Duration> {
    // One warm-up run (disk cache, lazy statics of the bench itself).
    let _ = f();
    let mut times: Vec<Duration> = (0..runs).map(|_| f()).collect();
    times.sort();
    times
}

fn median(times: &[Duration]) -> Duration {
    times[times.len() / 2]
}

fn report(what: &str, times: &[Duration]) {
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "  {what:<48} {:>8.1} ms  (min {:.1}, max {:.1})",
        ms(median(times)),
        ms(times[0]),
        ms(times[times.len() - 1])
    );
}
